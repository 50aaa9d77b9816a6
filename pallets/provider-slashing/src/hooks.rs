//! The window-end hook: undisputed reports are upheld when their dispute
//! window ends, worked through with the shared [`stratus_primitives::queue`]
//! and metered by weight.

use crate::*;
use alloc::vec::Vec;
use core::marker::PhantomData;
use frame_support::{
	weights::{Weight, WeightMeter},
	BoundedVec,
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{
	traits::{One, Saturating},
	DispatchError,
};
use stratus_primitives::{
	queue::{self, BlockQueue, Progress},
	ReportId,
};

/// How many blocks past its dispute window a report may be queued when the
/// window's own slot is full: the provider gets that much longer to dispute.
pub const REPORT_SEARCH_DEPTH: u32 = 8;

/// The report windows as [`queue::service`] sees them: slots of report ids
/// by the block their dispute window ends, due in that block.
pub struct ReportWindowQueue<T>(PhantomData<T>);

impl<T: Config> BlockQueue for ReportWindowQueue<T> {
	type BlockNumber = BlockNumberFor<T>;
	type Item = ReportId;

	fn cursor() -> Option<BlockNumberFor<T>> {
		NextUnprocessedBlock::<T>::get()
	}
	fn set_cursor(at: BlockNumberFor<T>) {
		NextUnprocessedBlock::<T>::put(at);
	}
	fn take_slot(at: BlockNumberFor<T>) -> Vec<ReportId> {
		ReportWindows::<T>::take(at).into_inner()
	}
	fn restore_slot(at: BlockNumberFor<T>, items: Vec<ReportId>) {
		// Only ids taken from this slot come back, so nothing is cut off.
		ReportWindows::<T>::insert(at, BoundedVec::truncate_from(items));
	}
	fn slot_weight() -> Weight {
		T::WeightInfo::on_initialize_slot()
	}
	fn step_weight() -> Weight {
		T::WeightInfo::on_initialize_report()
	}
	fn process(report_id: &ReportId, meter: &mut WeightMeter) -> Progress {
		// `service` checked the meter affords a step.
		meter.consume(Self::step_weight());
		match Reports::<T>::get(report_id) {
			// Only open reports are queued (a dispute or a decision takes a
			// report out of its slot), so anything else is left alone.
			Some(report) if report.status == ReportStatus::Open => {
				Pallet::<T>::close_report(
					*report_id,
					report,
					Verdict::Uphold,
					ResolvedBy::WindowEnd,
				);
			},
			_ => log::error!(target: LOG_TARGET, "window slot held report {report_id}, not open"),
		}
		Progress::Done
	}
}

impl<T: Config> Pallet<T> {
	/// The hook's work: upholds the undisputed reports whose window ended up
	/// to and including `now`, from the cursor on, within `HookWeight`.
	/// Returns the weight used.
	pub(crate) fn process_windows(now: BlockNumberFor<T>) -> Weight {
		let mut meter = WeightMeter::with_limit(T::HookWeight::get());
		let base = T::WeightInfo::on_initialize_base();
		if meter.try_consume(base).is_err() {
			// `integrity_test` rules this out; the cursor was still read.
			return base;
		}
		queue::service::<ReportWindowQueue<T>>(now, &mut meter);
		meter.consumed()
	}

	/// Queues `report_id` in the slot of `window_end`, or in the nearest later
	/// slot with room if that one is full, at most `REPORT_SEARCH_DEPTH`
	/// blocks later. Returns the block its window now ends.
	pub(crate) fn enqueue_report(
		report_id: ReportId,
		window_end: BlockNumberFor<T>,
	) -> Result<BlockNumberFor<T>, DispatchError> {
		let room = Self::resolutions_admitted_per_block() as usize;
		let mut slot = window_end;
		for _ in 0..=REPORT_SEARCH_DEPTH {
			if ReportWindows::<T>::try_mutate(slot, |ids| queue::push_if_room(ids, report_id, room))
				.is_ok()
			{
				// The first report: no earlier slot can hold anything.
				queue::start_cursor::<ReportWindowQueue<T>>(
					frame_system::Pallet::<T>::block_number(),
				);
				return Ok(slot);
			}
			slot = slot.saturating_add(One::one());
		}
		Err(Error::<T>::ReportQueueFull.into())
	}

	/// How many reports one window slot admits: as many as the hook upholds
	/// in one block within `HookWeight` after its fixed cost and one slot
	/// visit, never more than the slot's storage bound (`MaxReportsPerBlock`).
	/// So the reports of a slot are all upheld in the block their window
	/// ends unless the hook carried work over.
	pub fn resolutions_admitted_per_block() -> u32 {
		queue::admitted_per_block::<ReportWindowQueue<T>>(
			T::HookWeight::get(),
			T::WeightInfo::on_initialize_base(),
			T::MaxReportsPerBlock::get(),
		)
	}
}
