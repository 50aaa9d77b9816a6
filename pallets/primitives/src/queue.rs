//! The per-block queue the pallets' hooks work through.
//!
//! Items fall due at a block: an order when its bid window ends, a lease when
//! its escrow runs dry, a report when its dispute window ends. Each pallet
//! keeps them in slots keyed by that block and a cursor: the first slot with
//! work left. A hook calls [`service`] with a [`WeightMeter`] set to its share
//! of the block, and it works through the due slots from the cursor on.
//!
//! The cursor rule, the same for every queue: a slot is taken whole and its
//! items are worked on in order while the meter still affords a step; what
//! is left goes back to the same slot and the cursor stays there for the next
//! block. The cursor moves past a slot only once the slot is empty, so an
//! item is never skipped and never worked on out of turn.
//!
//! A hook therefore never does more than its meter allows, however many items
//! are due: the surplus waits. Pallets bound how much they admit to one slot
//! by what their hook clears in one block, so that in steady state nothing
//! waits at all.

use alloc::vec::Vec;
use polkadot_sdk::{
	frame_support::{
		traits::Get,
		weights::{Weight, WeightMeter},
		BoundedVec,
	},
	sp_runtime::traits::{One, Saturating},
};

/// What became of one item that [`BlockQueue::process`] worked on.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Progress {
	/// The item is finished and leaves the queue.
	Done,
	/// The meter ran out before the item was finished; it stays at the cursor.
	Pending,
}

/// A pallet's per-block queue, as [`service`] works through it.
pub trait BlockQueue {
	/// The key of a slot.
	type BlockNumber: Copy + Ord + Saturating + One;
	/// What a slot holds.
	type Item;

	/// The first slot with work left, or `None` before anything was queued.
	fn cursor() -> Option<Self::BlockNumber>;
	/// Moves the cursor.
	fn set_cursor(at: Self::BlockNumber);
	/// Takes the items of the slot at `at` out of storage (none if empty).
	fn take_slot(at: Self::BlockNumber) -> Vec<Self::Item>;
	/// Puts back the items of the slot at `at` that are not finished (never
	/// more than were taken from it).
	fn restore_slot(at: Self::BlockNumber, items: Vec<Self::Item>);

	/// The weight of visiting one slot: taking it, and putting it back when
	/// work is left.
	fn slot_weight() -> Weight;
	/// The most one step of [`Self::process`] can weigh: the meter must
	/// afford at least this before an item is worked on, so that each call
	/// makes progress.
	fn step_weight() -> Weight;
	/// Works on `item` and consumes from `meter` what it did, never starting
	/// a step the meter cannot afford.
	fn process(item: &Self::Item, meter: &mut WeightMeter) -> Progress;
}

/// How much [`service`] got through.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct Serviced {
	/// Slots visited.
	pub slots: u32,
	/// Items finished.
	pub items: u32,
	/// Whether due work was left for a later block.
	pub carried_over: bool,
}

/// Works through `Q`'s slots from the cursor up to and including
/// `last_due`, within `meter`, following the cursor rule of this module.
pub fn service<Q: BlockQueue>(last_due: Q::BlockNumber, meter: &mut WeightMeter) -> Serviced {
	let mut done = Serviced::default();
	let Some(start) = Q::cursor() else { return done };
	let mut cursor = start;
	let visit = Q::slot_weight().saturating_add(Q::step_weight());
	while cursor <= last_due {
		if !meter.can_consume(visit) {
			done.carried_over = true;
			break;
		}
		meter.consume(Q::slot_weight());
		done.slots.saturating_inc();
		let mut items = Q::take_slot(cursor).into_iter();
		let mut left = Vec::new();
		while let Some(item) = items.next() {
			let progress = if meter.can_consume(Q::step_weight()) {
				Q::process(&item, meter)
			} else {
				Progress::Pending
			};
			match progress {
				Progress::Done => done.items.saturating_inc(),
				Progress::Pending => {
					left.push(item);
					left.extend(items);
					break;
				},
			}
		}
		if !left.is_empty() {
			Q::restore_slot(cursor, left);
			done.carried_over = true;
			break;
		}
		cursor.saturating_inc();
	}
	if cursor != start {
		Q::set_cursor(cursor);
	}
	done
}

/// Starts `Q`'s cursor at `at` unless something was queued before: called
/// when an item is queued, with the first block whose slot the hook has not
/// passed yet, so the first item ever queued is not left behind the cursor.
pub fn start_cursor<Q: BlockQueue>(at: Q::BlockNumber) {
	if Q::cursor().is_none() {
		Q::set_cursor(at);
	}
}

/// A slot that has no room left for another item.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct SlotFull;

/// Appends `item` to `slot` if it holds fewer than `room` items (and fewer
/// than its bound).
pub fn push_if_room<I, S: Get<u32>>(
	slot: &mut BoundedVec<I, S>,
	item: I,
	room: usize,
) -> Result<(), SlotFull> {
	if slot.len() >= room {
		return Err(SlotFull);
	}
	slot.try_push(item).map_err(|_| SlotFull)
}

/// Takes every `item` out of a stored list (a queue slot, or any bounded
/// list kept in a map), and the list itself once it is empty: the body of a
/// `mutate_exists`.
pub fn take_out<I: PartialEq, S>(list: &mut Option<BoundedVec<I, S>>, item: &I) {
	if let Some(items) = list {
		items.retain(|i| i != item);
		if items.is_empty() {
			*list = None;
		}
	}
}

/// How many items one slot of `Q` may admit so that the hook clears a full
/// slot in one block: what `budget` leaves after the hook's fixed cost
/// (`base`) and one slot visit, divided by the step weight in both time and
/// proof, never more than `bound` (the slot's storage bound).
pub fn admitted_per_block<Q: BlockQueue>(budget: Weight, base: Weight, bound: u32) -> u32 {
	let room = budget.saturating_sub(base).saturating_sub(Q::slot_weight());
	let step = Q::step_weight();
	let by_time = room.ref_time().checked_div(step.ref_time()).unwrap_or(u64::MAX);
	let by_proof = room.proof_size().checked_div(step.proof_size()).unwrap_or(u64::MAX);
	let admitted = by_time.min(by_proof).min(u64::from(bound));
	u32::try_from(admitted).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
	use super::*;
	use alloc::collections::BTreeMap;
	use core::cell::RefCell;

	std::thread_local! {
		static SLOTS: RefCell<BTreeMap<u32, Vec<u32>>> = const { RefCell::new(BTreeMap::new()) };
		static CURSOR: RefCell<Option<u32>> = const { RefCell::new(None) };
		static WORKED: RefCell<Vec<u32>> = const { RefCell::new(Vec::new()) };
	}

	/// Items are numbers of steps; each step weighs 10, a slot 1.
	struct Steps;

	impl BlockQueue for Steps {
		type BlockNumber = u32;
		type Item = u32;
		fn cursor() -> Option<u32> {
			CURSOR.with(|c| *c.borrow())
		}
		fn set_cursor(at: u32) {
			CURSOR.with(|c| *c.borrow_mut() = Some(at));
		}
		fn take_slot(at: u32) -> Vec<u32> {
			SLOTS.with(|s| s.borrow_mut().remove(&at).unwrap_or_default())
		}
		fn restore_slot(at: u32, items: Vec<u32>) {
			SLOTS.with(|s| s.borrow_mut().insert(at, items));
		}
		fn slot_weight() -> Weight {
			Weight::from_parts(1, 0)
		}
		fn step_weight() -> Weight {
			Weight::from_parts(10, 0)
		}
		fn process(item: &u32, meter: &mut WeightMeter) -> Progress {
			for _ in 0..*item {
				if meter.try_consume(Self::step_weight()).is_err() {
					return Progress::Pending;
				}
			}
			WORKED.with(|w| w.borrow_mut().push(*item));
			Progress::Done
		}
	}

	fn setup(cursor: Option<u32>, slots: &[(u32, &[u32])]) {
		CURSOR.with(|c| *c.borrow_mut() = cursor);
		SLOTS.with(|s| {
			*s.borrow_mut() = slots.iter().map(|(at, items)| (*at, items.to_vec())).collect()
		});
		WORKED.with(|w| w.borrow_mut().clear());
	}

	fn worked() -> Vec<u32> {
		WORKED.with(|w| w.borrow().clone())
	}

	fn slot(at: u32) -> Option<Vec<u32>> {
		SLOTS.with(|s| s.borrow().get(&at).cloned())
	}

	fn meter(limit: u64) -> WeightMeter {
		WeightMeter::with_limit(Weight::from_parts(limit, 0))
	}

	#[test]
	fn nothing_queued_does_nothing() {
		setup(None, &[]);
		let mut m = meter(1000);
		assert_eq!(service::<Steps>(5, &mut m), Serviced::default());
		assert_eq!(m.consumed(), Weight::zero());
	}

	#[test]
	fn works_every_due_slot_and_stops_at_the_last_due() {
		setup(Some(1), &[(1, &[1, 2]), (3, &[1]), (4, &[5])]);
		let mut m = meter(1000);
		let done = service::<Steps>(3, &mut m);
		assert_eq!(done, Serviced { slots: 3, items: 3, carried_over: false });
		assert_eq!(worked(), vec![1, 2, 1]);
		assert_eq!(Steps::cursor(), Some(4));
		assert_eq!(slot(4), Some(vec![5]), "a slot not yet due is untouched");
		assert_eq!(m.consumed().ref_time(), 3 + 40);
	}

	#[test]
	fn carries_over_in_order_when_the_meter_runs_out() {
		setup(Some(1), &[(1, &[1, 3, 1]), (2, &[1])]);
		// One slot (1) and one step for the first item (10), then four steps
		// of the second before the meter is spent: the second item stays,
		// with the third behind it, and the cursor does not move.
		let mut m = meter(1 + 10 + 25);
		let done = service::<Steps>(2, &mut m);
		assert_eq!(done, Serviced { slots: 1, items: 1, carried_over: true });
		assert_eq!(slot(1), Some(vec![3, 1]));
		assert_eq!(Steps::cursor(), Some(1));
		// The next block finishes them in turn, then the next slot.
		let mut m = meter(1000);
		let done = service::<Steps>(2, &mut m);
		assert_eq!(done, Serviced { slots: 2, items: 3, carried_over: false });
		assert_eq!(worked(), vec![1, 3, 1, 1]);
		assert_eq!(Steps::cursor(), Some(3));
	}

	#[test]
	fn never_starts_a_slot_it_cannot_take_a_step_in() {
		setup(Some(7), &[(7, &[1])]);
		let mut m = meter(10);
		let done = service::<Steps>(7, &mut m);
		assert_eq!(done, Serviced { slots: 0, items: 0, carried_over: true });
		assert_eq!(m.consumed(), Weight::zero());
		assert_eq!(slot(7), Some(vec![1]));
	}

	#[test]
	fn empty_slots_cost_a_visit_each_and_move_the_cursor() {
		setup(Some(10), &[]);
		let mut m = meter(1000);
		let done = service::<Steps>(14, &mut m);
		assert_eq!(done, Serviced { slots: 5, items: 0, carried_over: false });
		assert_eq!(Steps::cursor(), Some(15));
		assert_eq!(m.consumed().ref_time(), 5);
	}

	#[test]
	fn a_slot_admits_what_the_budget_clears_after_base_and_one_visit() {
		let w = |t: u64| Weight::from_parts(t, 0);
		// Base 5, slot 1, step 10: 100 leaves 94, nine steps.
		assert_eq!(admitted_per_block::<Steps>(w(100), w(5), 64), 9);
		// Never more than the slot holds.
		assert_eq!(admitted_per_block::<Steps>(w(100), w(5), 4), 4);
		// A budget below base and one visit admits nothing.
		assert_eq!(admitted_per_block::<Steps>(w(5), w(5), 64), 0);
	}

	#[test]
	fn the_cursor_starts_once() {
		setup(None, &[]);
		start_cursor::<Steps>(7);
		assert_eq!(Steps::cursor(), Some(7));
		start_cursor::<Steps>(9);
		assert_eq!(Steps::cursor(), Some(7));
	}

	#[test]
	fn a_slot_takes_items_up_to_its_room() {
		use polkadot_sdk::frame_support::traits::ConstU32;
		let mut slot = BoundedVec::<u32, ConstU32<3>>::new();
		assert_eq!(push_if_room(&mut slot, 1, 2), Ok(()));
		assert_eq!(push_if_room(&mut slot, 2, 2), Ok(()));
		assert_eq!(push_if_room(&mut slot, 3, 2), Err(SlotFull));
		// Room above the bound: the bound still holds.
		assert_eq!(push_if_room(&mut slot, 3, 9), Ok(()));
		assert_eq!(push_if_room(&mut slot, 4, 9), Err(SlotFull));
		assert_eq!(slot.into_inner(), vec![1, 2, 3]);
	}

	#[test]
	fn taking_the_last_item_out_drops_the_list() {
		use polkadot_sdk::frame_support::traits::ConstU32;
		let mut list = Some(BoundedVec::<u32, ConstU32<3>>::truncate_from(vec![1, 2, 1]));
		take_out(&mut list, &1);
		assert_eq!(list.as_ref().map(|l| l.to_vec()), Some(vec![2]));
		take_out(&mut list, &3);
		assert_eq!(list.as_ref().map(|l| l.to_vec()), Some(vec![2]));
		take_out(&mut list, &2);
		assert_eq!(list, None);
		take_out(&mut list, &2);
		assert_eq!(list, None);
	}
}
