//! The run-dry hook: the run-dry queue, worked through with the shared
//! [`stratus_primitives::queue`] and metered by weight, and what it does to
//! each lease it finds due.

use crate::{
	pallet::*, sp_runtime, weights::WeightInfo, LeaseOf, LeaseState, LOG_TARGET,
	RUN_DRY_SEARCH_DEPTH,
};
use alloc::vec::Vec;
use core::marker::PhantomData;
use polkadot_sdk::frame_support::{
	storage::with_storage_layer,
	traits::Get,
	weights::{Weight, WeightMeter},
	BoundedVec,
};
use polkadot_sdk::frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{
	traits::{One, Saturating},
	DispatchError, DispatchResult,
};
use stratus_primitives::{
	queue::{self, BlockQueue, Progress},
	LeaseId,
};

/// How full a run-dry slot may get.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum SlotLimit {
	/// What the hook closes in one block
	/// ([`Pallet::runs_dry_admitted_per_block`]): for leases a call queues.
	Admitted,
	/// The slot's storage bound (`MaxRunDryPerBlock`): for a lease the hook
	/// carries to the next block, which must not be refused for want of
	/// admission.
	Storage,
}

/// The run-dry queue as [`queue::service`] sees it: slots of lease ids by
/// the block they run dry at, due in that block.
pub struct RunDryQueue<T>(PhantomData<T>);

impl<T: Config> BlockQueue for RunDryQueue<T> {
	type BlockNumber = BlockNumberFor<T>;
	type Item = LeaseId;

	fn cursor() -> Option<BlockNumberFor<T>> {
		NextUnprocessedBlock::<T>::get()
	}
	fn set_cursor(at: BlockNumberFor<T>) {
		NextUnprocessedBlock::<T>::put(at);
	}
	fn take_slot(at: BlockNumberFor<T>) -> Vec<LeaseId> {
		RunDry::<T>::take(at).into_inner()
	}
	fn restore_slot(at: BlockNumberFor<T>, items: Vec<LeaseId>) {
		// Only ids taken from this slot come back, so nothing is cut off.
		RunDry::<T>::insert(at, BoundedVec::truncate_from(items));
	}
	fn slot_weight() -> Weight {
		T::WeightInfo::on_initialize_slot()
	}
	fn step_weight() -> Weight {
		T::WeightInfo::on_initialize_lease().max(T::WeightInfo::on_initialize_not_ready())
	}
	fn process(lease_id: &LeaseId, meter: &mut WeightMeter) -> Progress {
		// `service` checked the meter affords a step.
		meter.consume(Self::step_weight());
		Pallet::<T>::visit(*lease_id, Pallet::<T>::now())
	}
}

impl<T: Config> Pallet<T> {
	/// The hook's work: closes the leases due up to and including `now`, from
	/// the cursor on, within `HookWeight`. Returns the weight used.
	pub(crate) fn close_due(now: BlockNumberFor<T>) -> Weight {
		let mut meter = WeightMeter::with_limit(T::HookWeight::get());
		let base = T::WeightInfo::on_initialize_base();
		if meter.try_consume(base).is_err() {
			// `integrity_test` rules this out; the cursor was still read.
			return base;
		}
		queue::service::<RunDryQueue<T>>(now, &mut meter);
		meter.consumed()
	}

	/// Handles one lease found in a due run-dry slot at `now`. A lease due
	/// (run dry, or pending past its ready window) is closed, or, if closing
	/// fails, retried the next block. A lease not yet due (queued early
	/// because its slot was full, topped up or confirmed since it was
	/// queued, or pending) moves forward; a pending lease is settled on the
	/// way, which bills nothing and brings its run-dry block on. `Pending`
	/// only when the lease cannot be queued anywhere: it then stays at the
	/// cursor.
	pub(crate) fn visit(lease_id: LeaseId, now: BlockNumberFor<T>) -> Progress {
		let Some(mut lease) = Leases::<T>::get(lease_id) else {
			// Not reachable: closing a lease takes it out of its slot.
			log::error!(target: LOG_TARGET, "run-dry slot held closed lease {lease_id}");
			return Progress::Done;
		};
		let next = now.saturating_add(One::one());
		// Whether this visit gives the lease its running-low notice.
		let mut warn = false;
		if let Some(reason) = Self::overdue(&lease, now) {
			let closed =
				with_storage_layer(|| Self::close_dequeued(lease_id, lease.clone(), reason));
			match closed {
				Ok(()) => return Progress::Done,
				Err(error) => {
					log::error!(
						target: LOG_TARGET,
						"cannot close run-dry lease {lease_id}: {error:?}"
					);
					Self::deposit_event(Event::AutoCloseFailed { lease_id, error });
				},
			}
		} else {
			if matches!(lease.state, LeaseState::Pending { .. }) {
				// Cannot fail: a pending lease is billed nothing.
				let _ = Self::settle_lease(&mut lease, now);
			}
			let notice = T::RunningLowNotice::get();
			warn = lease.owes_low_notice(now, notice);
			if warn {
				lease.low_notice = Some(lease.run_dry_at);
			}
			let target = lease.next_visit(notice);
			let moved = with_storage_layer(|| {
				Self::requeue(lease_id, lease.clone(), target, next, SlotLimit::Admitted)
			});
			if moved.is_ok() {
				Self::announce_low(lease_id, lease.run_dry_at, warn);
				return Progress::Done;
			}
		}
		let run_dry_at = lease.run_dry_at;
		match with_storage_layer(|| Self::requeue(lease_id, lease, next, next, SlotLimit::Storage))
		{
			Ok(()) => {
				Self::announce_low(lease_id, run_dry_at, warn);
				Progress::Done
			},
			Err(_) => Progress::Pending,
		}
	}

	/// Emits [`Event::LeaseRunningLow`] for the lease if `warn`: once its
	/// record, which says the notice was given, is written.
	fn announce_low(lease_id: LeaseId, run_dry_at: BlockNumberFor<T>, warn: bool) {
		if warn {
			Self::deposit_event(Event::LeaseRunningLow { lease_id, run_dry_at });
		}
	}

	/// Queues `lease_id` at `target`, or at the nearest earlier block with
	/// room under `limit`, but never before `floor` nor more than
	/// `RUN_DRY_SEARCH_DEPTH` blocks early. Returns the slot used.
	pub(crate) fn enqueue(
		lease_id: LeaseId,
		target: BlockNumberFor<T>,
		floor: BlockNumberFor<T>,
		limit: SlotLimit,
	) -> Result<BlockNumberFor<T>, DispatchError> {
		let room = match limit {
			SlotLimit::Admitted => Self::runs_dry_admitted_per_block(),
			SlotLimit::Storage => T::MaxRunDryPerBlock::get(),
		} as usize;
		let mut slot = target;
		for _ in 0..=RUN_DRY_SEARCH_DEPTH {
			if slot < floor {
				break;
			}
			if RunDry::<T>::try_mutate(slot, |ids| queue::push_if_room(ids, lease_id, room)).is_ok()
			{
				return Ok(slot);
			}
			slot = slot.saturating_sub(One::one());
		}
		Err(Error::<T>::RunDryQueueFull.into())
	}

	/// Takes `lease_id` out of the slot `slot`.
	pub(crate) fn dequeue(lease_id: LeaseId, slot: BlockNumberFor<T>) {
		RunDry::<T>::mutate_exists(slot, |ids| queue::take_out(ids, &lease_id));
	}

	/// Queues `lease`, which the hook took out of its slot, at `target` (or a
	/// little earlier, not before `floor`) and records the slot in it.
	pub(crate) fn requeue(
		lease_id: LeaseId,
		mut lease: LeaseOf<T>,
		target: BlockNumberFor<T>,
		floor: BlockNumberFor<T>,
		limit: SlotLimit,
	) -> DispatchResult {
		lease.queued_at = Self::enqueue(lease_id, target, floor, limit)?;
		Leases::<T>::insert(lease_id, lease);
		Ok(())
	}

	/// How many leases one run-dry slot admits: as many as the hook closes in
	/// one block within `HookWeight` after its fixed cost and one slot visit,
	/// never more than the slot's storage bound. So the leases of a slot all
	/// close in their run-dry block unless the hook carried work over.
	pub fn runs_dry_admitted_per_block() -> u32 {
		queue::admitted_per_block::<RunDryQueue<T>>(
			T::HookWeight::get(),
			T::WeightInfo::on_initialize_base(),
			T::MaxRunDryPerBlock::get(),
		)
	}
}
