//! The expiry queue and the hook: expiry, bounds, carry-over, weight.

use crate::{mock::*, weights::WeightInfo, *};
use polkadot_sdk::frame_support::{assert_ok, traits::Hooks, weights::Weight};

fn order_with_window(tenant: AccountId, window: u64) -> u64 {
	let id = NextOrderId::<Test>::get();
	assert_ok!(BidMatching::create_order(
		RuntimeOrigin::signed(tenant),
		SMALL,
		attrs(&[]),
		None,
		MAX_PRICE,
		BUDGET,
		window,
	));
	id
}

fn weight(slots: u64, orders_bids: &[u32]) -> Weight {
	let mut w = <() as WeightInfo>::on_initialize_base()
		.saturating_add(<() as WeightInfo>::on_initialize_slot().saturating_mul(slots));
	for b in orders_bids {
		w = w.saturating_add(<() as WeightInfo>::on_initialize_order(*b));
	}
	w
}

#[test]
fn an_order_without_bids_expires_and_refunds_exactly() {
	run_test(|| {
		let order_id = create_default_order(ALICE);
		let window_end = 1 + WINDOW;
		run_to_block(window_end + 1);

		assert_eq!(free(ALICE), INITIAL_BALANCE);
		assert_eq!(held(HoldReason::OrderBudget, ALICE), 0);
		assert_eq!(held(HoldReason::OrderDeposit, ALICE), 0);
		assert_eq!(Orders::<Test>::get(order_id), None);
		assert!(!OrdersByTenant::<Test>::contains_key(ALICE, order_id));
		assert!(!OpenOrderCount::<Test>::contains_key(ALICE));
		assert!(!Expiries::<Test>::contains_key(window_end));
		assert_eq!(NextUnprocessedBlock::<Test>::get(), Some(window_end + 1));
		assert_eq!(last_lease(), None);
		System::assert_last_event(
			Event::OrderExpired {
				order_id,
				tenant: ALICE,
				refunded: BUDGET + ORDER_DEPOSIT,
				bids_returned: 0,
			}
			.into(),
		);
	});
}

#[test]
fn the_hook_does_nothing_before_the_first_order() {
	run_test(|| {
		assert_eq!(BidMatching::on_initialize(5), <() as WeightInfo>::on_initialize_base());
		assert_eq!(NextUnprocessedBlock::<Test>::get(), None);
	});
}

#[test]
fn the_hook_carries_over_orders_beyond_its_per_block_bound() {
	run_test(|| {
		// Three orders end in the same block; the hook settles two a block.
		let first = order_with_window(ALICE, WINDOW);
		let second = order_with_window(ALICE, WINDOW);
		let third = order_with_window(BOB, WINDOW);
		bid(P1, second, 8);
		let window_end = 1 + WINDOW;
		run_to_block(window_end);

		System::set_block_number(window_end + 1);
		let used = BidMatching::on_initialize(window_end + 1);

		assert_eq!(used, weight(1, &[0, 1]));
		assert_eq!(Orders::<Test>::get(first), None);
		assert_eq!(Orders::<Test>::get(second), None);
		assert_eq!(last_lease().map(|l| l.order_id), Some(second));
		// The third waits at the cursor.
		assert!(Orders::<Test>::contains_key(third));
		assert_eq!(Expiries::<Test>::get(window_end).into_inner(), vec![third]);
		assert_eq!(NextUnprocessedBlock::<Test>::get(), Some(window_end));
		assert_eq!(free(BOB), INITIAL_BALANCE - BUDGET - ORDER_DEPOSIT);
		check_invariants();

		System::set_block_number(window_end + 2);
		let used = BidMatching::on_initialize(window_end + 2);

		// The carried slot, then the empty slot of the previous block.
		assert_eq!(used, weight(2, &[0]));
		assert_eq!(Orders::<Test>::get(third), None);
		assert!(!Expiries::<Test>::contains_key(window_end));
		assert_eq!(NextUnprocessedBlock::<Test>::get(), Some(window_end + 2));
		assert_eq!(free(BOB), INITIAL_BALANCE);
		System::assert_last_event(
			Event::OrderExpired {
				order_id: third,
				tenant: BOB,
				refunded: BUDGET + ORDER_DEPOSIT,
				bids_returned: 0,
			}
			.into(),
		);
	});
}

#[test]
fn a_cursor_left_behind_catches_up_within_the_slot_bound() {
	run_test(|| {
		// Three orders end at block 3 and three at block 4.
		for tenant in [ALICE, ALICE, BOB] {
			order_with_window(tenant, 2);
		}
		System::set_block_number(2);
		for tenant in [BOB, NOBODY, NOBODY] {
			order_with_window(tenant, 2);
		}
		// No hook runs until block 10 (as after a stall).
		System::set_block_number(10);

		// Slots 1, 2, 3: two orders of slot 3, one carried.
		assert_eq!(BidMatching::on_initialize(10), weight(3, &[0, 0]));
		assert_eq!(NextUnprocessedBlock::<Test>::get(), Some(3));
		assert_eq!(Expiries::<Test>::get(3).len(), 1);
		check_invariants();

		// Slot 3's last order, then one order of slot 4.
		System::set_block_number(11);
		assert_eq!(BidMatching::on_initialize(11), weight(2, &[0, 0]));
		assert_eq!(NextUnprocessedBlock::<Test>::get(), Some(4));
		assert_eq!(Expiries::<Test>::get(4).len(), 2);
		check_invariants();

		// Slot 4's last two orders, and no slot beyond the order bound.
		System::set_block_number(12);
		assert_eq!(BidMatching::on_initialize(12), weight(1, &[0, 0]));
		assert_eq!(NextUnprocessedBlock::<Test>::get(), Some(5));
		assert_eq!(Orders::<Test>::iter().count(), 0);

		// Empty slots: at most four a block.
		System::set_block_number(13);
		assert_eq!(BidMatching::on_initialize(13), weight(4, &[]));
		assert_eq!(NextUnprocessedBlock::<Test>::get(), Some(9));
		System::set_block_number(14);
		assert_eq!(BidMatching::on_initialize(14), weight(4, &[]));
		assert_eq!(NextUnprocessedBlock::<Test>::get(), Some(13));
		System::set_block_number(15);
		assert_eq!(BidMatching::on_initialize(15), weight(2, &[]));
		assert_eq!(NextUnprocessedBlock::<Test>::get(), Some(15));
		for who in [ALICE, BOB, NOBODY] {
			assert_eq!(free(who), INITIAL_BALANCE);
		}
	});
}

#[test]
fn orders_created_while_the_cursor_lags_are_still_settled() {
	run_test(|| {
		let early = order_with_window(ALICE, 2);
		System::set_block_number(20);
		// Created while the hook has not reached block 3 yet.
		let late = order_with_window(BOB, 2);
		run_to_block(30);
		assert_eq!(Orders::<Test>::get(early), None);
		assert_eq!(Orders::<Test>::get(late), None);
		assert_eq!(free(ALICE), INITIAL_BALANCE);
		assert_eq!(free(BOB), INITIAL_BALANCE);
	});
}

#[test]
fn the_hook_worst_case_is_its_bounds_times_the_item_weights() {
	run_test(|| {
		assert_eq!(BidMatching::hook_worst_case(), weight(4, &[4, 4]));
	});
}
