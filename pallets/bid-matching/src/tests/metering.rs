//! The hook is metered by `HookWeight`: it stops where its weight runs out
//! and goes on from there in the next block, in order, never skipping an
//! order and never redoing a step.

use super::{allow_steps, events, forfeits, hook_costs, jam};
use crate::{mock::*, weights::WeightInfo, *};
use polkadot_sdk::frame_support::{assert_noop, traits::Hooks, weights::Weight};

/// Runs the hook of the next block, checks it kept within `HookWeight` and
/// the invariants hold, and returns the weight it used.
fn next_block() -> Weight {
	let now = System::block_number() + 1;
	System::set_block_number(now);
	let used = BidMatching::on_initialize(now);
	assert!(used.all_lte(HookWeight::get()), "the hook used {used:?} at block {now}");
	check_invariants();
	used
}

/// The ids of the orders that matched or expired, in the order they did.
fn ended() -> Vec<u64> {
	events()
		.into_iter()
		.filter_map(|e| match e {
			Event::OrderMatched { order_id, .. } | Event::OrderExpired { order_id, .. } => {
				Some(order_id)
			},
			_ => None,
		})
		.collect()
}

#[test]
fn a_slot_is_concluded_across_blocks_in_order_and_the_cursor_waits_for_it() {
	run_test(|| {
		let (base, slot, _) = hook_costs();
		let expires = create_default_order(ALICE);
		let first = create_default_order(BOB);
		let second = create_default_order(ALICE);
		bid(P1, first, 8);
		bid(P2, second, 7);
		// Admitted under the mock's weight, then the hook is cut to one step.
		allow_steps(1);
		let window_end = 1 + WINDOW;
		run_to_block(window_end);
		assert_eq!(NextUnprocessedBlock::<Test>::get(), Some(window_end));

		// One step a block: the first order of the slot expires, the rest of
		// the slot stays, and so does the cursor.
		let used = next_block();
		assert_eq!(
			used,
			base.saturating_add(slot).saturating_add(<() as WeightInfo>::conclude_expired())
		);
		assert_eq!(ended(), vec![expires]);
		assert_eq!(Expiries::<Test>::get(window_end).into_inner(), vec![first, second]);
		assert_eq!(NextUnprocessedBlock::<Test>::get(), Some(window_end));

		let used = next_block();
		assert_eq!(
			used,
			base.saturating_add(slot).saturating_add(<() as WeightInfo>::conclude_matched())
		);
		assert_eq!(ended(), vec![expires, first]);
		assert_eq!(Expiries::<Test>::get(window_end).into_inner(), vec![second]);
		assert_eq!(NextUnprocessedBlock::<Test>::get(), Some(window_end));
		// Carried over, the order can no longer be touched by the calls.
		assert_noop!(
			BidMatching::cancel_order(RuntimeOrigin::signed(ALICE), second),
			Error::<Test>::BidWindowClosed
		);

		next_block();
		assert_eq!(ended(), vec![expires, first, second]);
		// The slot is empty now and the cursor moved past it.
		assert!(!Expiries::<Test>::contains_key(window_end));
		assert!(NextUnprocessedBlock::<Test>::get() > Some(window_end));
		let leases: Vec<_> = Leases::get()
			.into_iter()
			.map(|l| (l.order_id, l.provider, l.price_per_block))
			.collect();
		assert_eq!(leases, vec![(first, P1, 8), (second, P2, 7)]);
		// The slot's second and third places cost half a deposit and one.
		assert_eq!(free(ALICE), INITIAL_BALANCE - BUDGET - ORDER_DEPOSIT);
		assert_eq!(free(BOB), INITIAL_BALANCE - BUDGET - ORDER_DEPOSIT / 2);
	});
}

#[test]
fn a_partly_worked_book_is_carried_over_and_each_bid_is_forfeited_once() {
	run_test(|| {
		let (base, slot, _) = hook_costs();
		let forfeited = <() as WeightInfo>::conclude_forfeited();
		allow_steps(2);
		let order_id = create_default_order(ALICE);
		// P1..P3 cannot serve at window end, P4 can.
		jam(order_id);
		with_provider(P4, |p| p.paused = false);
		let window_end = 1 + WINDOW;
		run_to_block(window_end);

		// Two steps: two forfeits, and the order waits with a shorter book.
		let used = next_block();
		assert_eq!(used, base.saturating_add(slot).saturating_add(forfeited.saturating_mul(2)));
		assert_eq!(book(order_id), vec![P3, P4]);
		assert_eq!(Expiries::<Test>::get(window_end).into_inner(), vec![order_id]);
		assert_eq!(NextUnprocessedBlock::<Test>::get(), Some(window_end));
		assert_eq!(
			(bond_of(P1), bond_of(P2), bond_of(P3)),
			(BOND - BID_FORFEIT, BOND - BID_FORFEIT, BOND)
		);
		assert_eq!(last_lease(), None);
		// The views show the book as it stands.
		assert_eq!(
			BidMatching::order(order_id).map(|o| (o.bid_count, o.best_price)),
			Some((2, Some(7)))
		);

		// The next block goes on where it stopped: P3 forfeits, P4 wins.
		next_block();
		assert_eq!(
			forfeits(),
			vec![
				(order_id, P1, PROVIDER_PAUSED, BID_FORFEIT),
				(order_id, P2, PROVIDER_PAUSED, BID_FORFEIT),
				(order_id, P3, PROVIDER_PAUSED, BID_FORFEIT),
			]
		);
		for p in [P1, P2, P3] {
			assert_eq!(bond_of(p), BOND - BID_FORFEIT);
		}
		assert_eq!(bond_of(P4), BOND);
		assert_eq!(last_lease().map(|l| (l.provider, l.price_per_block)), Some((P4, 8)));
		assert_eq!(Orders::<Test>::get(order_id), None);
		assert!(!Expiries::<Test>::contains_key(window_end));

		// Nothing is redone later.
		run_to_block(System::block_number() + 5);
		assert_eq!(forfeits().len(), 3);
		assert_eq!(Leases::get().len(), 1);
	});
}

#[test]
fn a_carried_over_book_is_worked_against_the_providers_as_they_are_then() {
	run_test(|| {
		allow_steps(1);
		let order_id = create_default_order(ALICE);
		jam(order_id);
		run_to_block(2 + WINDOW);
		assert_eq!(book(order_id), vec![P2, P3, P4]);
		// P2 resumes before the hook comes back to the order: it wins.
		with_provider(P2, |p| p.paused = false);
		next_block();
		assert_eq!(last_lease().map(|l| l.provider), Some(P2));
		assert_eq!(forfeits().len(), 1);
		assert_eq!(bond_of(P2), BOND);
	});
}

#[test]
fn forfeits_delay_the_next_slot_but_never_skip_it() {
	run_test(|| {
		allow_steps(2);
		register_provider(16);
		// One order whose book is full of jammers, and in the next slot an
		// honest order.
		let jammed = order_with_window_end(ALICE, 1 + WINDOW);
		jam(jammed);
		let honest = order_with_window_end(BOB, 2 + WINDOW);
		bid(16, honest, 9);
		run_to_block(1 + WINDOW);

		// Work through the blocks until everything is concluded.
		while Orders::<Test>::contains_key(honest) {
			next_block();
			assert!(System::block_number() < 20 + WINDOW, "the hook got stuck");
		}

		// Every jammer paid once, the jammed order ended first, then the
		// honest one was matched.
		assert_eq!(forfeits().iter().map(|f| f.1).collect::<Vec<_>>(), vec![P1, P2, P3, P4]);
		for p in [P1, P2, P3, P4] {
			assert_eq!(bond_of(p), BOND - BID_FORFEIT);
		}
		assert_eq!(ended(), vec![jammed, honest]);
		assert_eq!(last_lease().map(|l| (l.order_id, l.provider)), Some((honest, 16)));
		// Five steps for the jammed order and one for the honest: more
		// than the two blocks two steps a block would take without them.
		assert!(System::block_number() > 3 + WINDOW);
	});
}

#[test]
fn a_stalled_cursor_catches_up_in_order_within_the_hook_weight() {
	run_test(|| {
		allow_steps(2);
		// Two orders end at block 3 and two at block 4 (as many as a slot
		// admits under this weight), one with a bid.
		let a = super::order_with_window(ALICE, 2);
		let b = super::order_with_window(BOB, 2);
		System::set_block_number(2);
		let c = super::order_with_window(BOB, 2);
		let d = super::order_with_window(NOBODY, 2);
		bid(P1, c, 8);
		// No hook runs until block 10 (as after a stall).
		System::set_block_number(9);

		for _ in 0..30 {
			next_block();
		}

		assert_eq!(ended(), vec![a, b, c, d]);
		assert_eq!(last_lease().map(|l| l.order_id), Some(c));
		// Caught up: the cursor is at the current block.
		assert_eq!(NextUnprocessedBlock::<Test>::get(), Some(System::block_number()));
		assert_eq!(Expiries::<Test>::iter().count(), 0);
	});
}

/// `tenant` creates an order whose window ends at block `end`.
fn order_with_window_end(tenant: AccountId, end: u64) -> u64 {
	super::order_with_window(tenant, end - System::block_number())
}
