//! The run-dry queue and the hook that closes the leases due.

use crate::{
	pallet::{Config, Error, Event, Leases, NextUnprocessedBlock, RunDry},
	sp_runtime, Pallet, WeightInfo, RUN_DRY_SEARCH_DEPTH,
};
use alloc::vec::Vec;
use polkadot_sdk::frame_support::{storage::with_storage_layer, traits::Get, weights::Weight};
use polkadot_sdk::frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{
	traits::{One, Saturating, Zero},
	DispatchError,
};
use stratus_primitives::{CloseReason, LeaseId};

/// What the hook did with one lease.
enum Visit {
	/// Closed, or moved to a later slot: gone from the slot visited.
	Done,
	/// Still in the slot visited; try again next block.
	Stays,
}

impl<T: Config> Pallet<T> {
	/// Queues `lease_id` at `target`, or at the nearest earlier block with
	/// room, but never before `floor` nor more than `RUN_DRY_SEARCH_DEPTH`
	/// blocks early. Returns the slot used.
	pub(crate) fn enqueue(
		lease_id: LeaseId,
		target: BlockNumberFor<T>,
		floor: BlockNumberFor<T>,
	) -> Result<BlockNumberFor<T>, DispatchError> {
		let mut slot = target;
		for _ in 0..=RUN_DRY_SEARCH_DEPTH {
			if slot < floor {
				break;
			}
			if RunDry::<T>::try_mutate(slot, |queue| queue.try_push(lease_id)).is_ok() {
				return Ok(slot);
			}
			slot = slot.saturating_sub(One::one());
		}
		Err(Error::<T>::RunDryQueueFull.into())
	}

	/// Takes `lease_id` out of the slot `slot`.
	pub(crate) fn dequeue(lease_id: LeaseId, slot: BlockNumberFor<T>) {
		RunDry::<T>::mutate_exists(slot, |maybe_queue| {
			if let Some(queue) = maybe_queue {
				queue.retain(|id| *id != lease_id);
				if queue.is_empty() {
					*maybe_queue = None;
				}
			}
		});
	}

	/// The hook: visits the run-dry slots from the cursor up to `now`, at
	/// most `MaxClosuresPerBlock` slots and leases, closing the leases due.
	/// What it cannot reach waits for the next block.
	pub(crate) fn process_run_dry(now: BlockNumberFor<T>) -> Weight {
		let max = T::MaxClosuresPerBlock::get();
		let mut cursor = NextUnprocessedBlock::<T>::get();
		if cursor.is_zero() {
			// First run (at genesis or after the pallet was added): no lease is
			// queued before the block after the one it opened in, so nothing lies
			// behind `now`.
			cursor = now;
		}
		let mut slots: u32 = 0;
		let mut leases: u32 = 0;

		while cursor <= now && slots < max && leases < max {
			slots.saturating_inc();
			let queue = RunDry::<T>::take(cursor);
			let mut left: Vec<LeaseId> = Vec::new();
			for lease_id in queue {
				if leases >= max {
					left.push(lease_id);
					continue;
				}
				leases.saturating_inc();
				if let Visit::Stays = Self::visit(lease_id, now) {
					left.push(lease_id);
				}
			}
			if !left.is_empty() {
				// Only ids taken from this slot go back, so it cannot overflow.
				RunDry::<T>::insert(cursor, sp_runtime::BoundedVec::truncate_from(left));
				break;
			}
			cursor.saturating_inc();
		}
		NextUnprocessedBlock::<T>::put(cursor);

		T::WeightInfo::on_initialize_slot()
			.saturating_mul(slots.max(1).into())
			.saturating_add(T::WeightInfo::on_initialize_lease().saturating_mul(leases.into()))
	}

	/// Handles one lease found in a run-dry slot at `now`.
	fn visit(lease_id: LeaseId, now: BlockNumberFor<T>) -> Visit {
		let Some(lease) = Leases::<T>::get(lease_id) else {
			// Not reachable: closing a lease takes it out of its slot.
			log::warn!(target: "runtime::lease-escrow", "run-dry slot held closed lease {lease_id}");
			return Visit::Done;
		};
		let next = now.saturating_add(One::one());
		if lease.run_dry_at > now {
			// Queued early because its own slot was full: move it forward.
			return match with_storage_layer(|| Self::requeue(lease_id, lease.run_dry_at, next)) {
				Ok(()) => Visit::Done,
				Err(_) => Visit::Stays,
			};
		}
		match with_storage_layer(|| Self::close_run_dry(lease_id)) {
			Ok(()) => Visit::Done,
			Err(error) => {
				log::error!(
					target: "runtime::lease-escrow",
					"cannot close run-dry lease {lease_id}: {error:?}"
				);
				Self::deposit_event(Event::AutoCloseFailed { lease_id, error });
				// Retry next block; if that slot is full, stay here (the cursor
				// will come back to this slot).
				match with_storage_layer(|| Self::requeue(lease_id, next, next)) {
					Ok(()) => Visit::Done,
					Err(_) => Visit::Stays,
				}
			},
		}
	}

	/// Queues a lease at `target` (or a little earlier, not before `floor`) and
	/// records the slot. The lease's old slot is the caller's business.
	fn requeue(
		lease_id: LeaseId,
		target: BlockNumberFor<T>,
		floor: BlockNumberFor<T>,
	) -> Result<(), DispatchError> {
		let slot = Self::enqueue(lease_id, target, floor)?;
		Leases::<T>::try_mutate(lease_id, |maybe| {
			let lease = maybe.as_mut().ok_or(Error::<T>::LeaseNotFound)?;
			lease.queued_at = slot;
			Ok(())
		})
	}

	/// Closes a lease that ran dry, from the hook.
	fn close_run_dry(lease_id: LeaseId) -> Result<(), DispatchError> {
		let lease = Leases::<T>::get(lease_id).ok_or(Error::<T>::LeaseNotFound)?;
		Self::do_close(lease_id, lease, CloseReason::InsufficientFunds)
	}

	/// The most the hook can weigh in one block.
	pub(crate) fn max_hook_weight() -> Weight {
		let max: u64 = T::MaxClosuresPerBlock::get().into();
		T::WeightInfo::on_initialize_slot()
			.saturating_mul(max)
			.saturating_add(T::WeightInfo::on_initialize_lease().saturating_mul(max))
	}
}
