//! The deadline hook: an undisputed report is upheld when its dispute window
//! ends, a disputed one the adjudicator left undecided is dismissed when its
//! adjudication period ends; worked through with the shared
//! [`stratus_primitives::queue`] and metered by weight.

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

/// How many blocks past its deadline a report may be queued when the
/// deadline's own slot is full: the provider (or the adjudicator) gets that
/// much longer.
pub const REPORT_SEARCH_DEPTH: u32 = 8;

/// The report deadlines as [`queue::service`] sees them: slots of report ids
/// by their deadline, due in that block.
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
			Some(report) => {
				let verdict = match report.status {
					ReportStatus::Open => Verdict::Uphold,
					ReportStatus::Disputed { .. } => Verdict::Dismiss,
				};
				Pallet::<T>::close_report(*report_id, report, verdict, ResolvedBy::Deadline);
			},
			// A decision takes a report out of its slot, so nothing is left.
			None => {
				log::error!(target: LOG_TARGET, "deadline slot held unknown report {report_id}")
			},
		}
		Progress::Done
	}
}

impl<T: Config> Pallet<T> {
	/// The hook's work: acts on the reports whose deadline came up to and
	/// including `now`, from the cursor on, within `HookWeight`. Returns the
	/// weight used.
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

	/// Queues `report_id` in the slot of `deadline`, or in the nearest later
	/// slot with room if that one is full, at most `REPORT_SEARCH_DEPTH`
	/// blocks later. Returns the report's deadline now.
	pub(crate) fn enqueue_report(
		report_id: ReportId,
		deadline: BlockNumberFor<T>,
	) -> Result<BlockNumberFor<T>, DispatchError> {
		// What the hook resolves in a block first; past that, up to each
		// slot's storage bound, the hook carrying the surplus forward: a
		// crowd of reports delays their resolution by a few blocks rather
		// than refusing a report or a dispute.
		let admitted = Self::resolutions_admitted_per_block() as usize;
		let bound = T::MaxReportsPerBlock::get() as usize;
		for room in [admitted, bound] {
			let mut slot = deadline;
			for _ in 0..=REPORT_SEARCH_DEPTH {
				if ReportWindows::<T>::try_mutate(slot, |ids| {
					queue::push_if_room(ids, report_id, room)
				})
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
		}
		Err(Error::<T>::ReportQueueFull.into())
	}

	/// How many reports one window slot admits: as many as the hook upholds
	/// in one block within `HookWeight` after its fixed cost and one slot
	/// visit, never more than the slot's storage bound (`MaxReportsPerBlock`).
	/// So the reports of a slot are all resolved at their deadline unless
	/// the hook carried work over.
	pub fn resolutions_admitted_per_block() -> u32 {
		queue::admitted_per_block::<ReportWindowQueue<T>>(
			T::HookWeight::get(),
			T::WeightInfo::on_initialize_base(),
			T::MaxReportsPerBlock::get(),
		)
	}
}
