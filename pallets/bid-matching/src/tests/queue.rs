//! The expiry queue: an order ends in the block after its window, a slot
//! admits no more than the hook concludes in a block, and the cursor catches
//! up after a stall. Metering within a block is in `metering.rs`.

use super::{allow_steps, hook_costs, order_with_window};
use crate::{mock::*, weights::WeightInfo, *};
use polkadot_sdk::frame_support::{assert_noop, assert_ok, traits::Hooks};

#[test]
fn an_order_without_bids_expires_and_refunds_exactly() {
	run_test(|| {
		let order_id = create_default_order(ALICE);
		let window_end = 1 + WINDOW;
		run_to_block(window_end);
		assert!(Orders::<Test>::contains_key(order_id));

		run_to_block(window_end + 1);

		assert_eq!(free(ALICE), INITIAL_BALANCE);
		assert_eq!(budget_held(ALICE), 0);
		assert_eq!(held(HoldReason::OrderDeposit, ALICE), 0);
		assert_eq!(Orders::<Test>::get(order_id), None);
		assert!(!OrdersByTenant::<Test>::contains_key(ALICE, order_id));
		assert!(!OpenOrderCount::<Test>::contains_key(ALICE));
		assert!(!Expiries::<Test>::contains_key(window_end));
		assert_eq!(NextUnprocessedBlock::<Test>::get(), Some(window_end + 1));
		assert_eq!(last_lease(), None);
		System::assert_last_event(
			Event::OrderExpired { order_id, tenant: ALICE, refunded: BUDGET + ORDER_DEPOSIT }
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
fn the_hook_reports_the_weight_of_what_it_did() {
	run_test(|| {
		let (base, slot, _) = hook_costs();
		let expired = create_default_order(ALICE);
		let matched = create_default_order(BOB);
		bid(P1, matched, 8);
		let window_end = 1 + WINDOW;
		run_to_block(window_end);

		System::set_block_number(window_end + 1);
		let used = BidMatching::on_initialize(window_end + 1);

		// One slot, one expiry, one match.
		assert_eq!(
			used,
			base.saturating_add(slot)
				.saturating_add(<() as WeightInfo>::conclude_expired())
				.saturating_add(<() as WeightInfo>::conclude_matched())
		);
		assert_eq!(Orders::<Test>::get(expired), None);
		assert_eq!(last_lease().map(|l| l.order_id), Some(matched));
		// The next block only visits the slot of the block before.
		System::set_block_number(window_end + 2);
		assert_eq!(BidMatching::on_initialize(window_end + 2), base.saturating_add(slot));
	});
}

#[test]
fn a_slot_admits_what_the_hook_concludes_in_a_block_up_to_its_bound() {
	run_test(|| {
		// The mock's hook weight concludes more than the storage bound of 3.
		assert_eq!(BidMatching::expiries_admitted_per_block(), 3);
		allow_steps(2);
		assert_eq!(BidMatching::expiries_admitted_per_block(), 2);
		allow_steps(1);
		assert_eq!(BidMatching::expiries_admitted_per_block(), 1);
		// Short of one step in a single dimension: none at all.
		let (base, slot, step) = hook_costs();
		HookWeight::set(
			&base
				.saturating_add(slot)
				.saturating_add(step)
				.saturating_sub(polkadot_sdk::frame_support::weights::Weight::from_parts(0, 1)),
		);
		assert_eq!(BidMatching::expiries_admitted_per_block(), 0);
		assert_noop!(
			BidMatching::create_order(
				RuntimeOrigin::signed(ALICE),
				MANIFEST,
				SMALL,
				attrs(&[]),
				None,
				Default::default(),
				MAX_PRICE,
				BUDGET,
				WINDOW,
				STRA,
			),
			Error::<Test>::ExpiryQueueFull
		);
	});
}

/// Junk orders without bids fill the slot of block `1 + WINDOW` as far as it
/// admits, paying `surcharges` in all for its places past half; an honest
/// order ending one block later is still matched in the block right after
/// its window.
fn junk_cannot_delay_the_next_slot(admitted: u32, surcharges: Balance) {
	assert_eq!(BidMatching::expiries_admitted_per_block(), admitted);
	let junk: Vec<_> = (0..admitted).map(|_| order_with_window(BOB, WINDOW)).collect();
	let honest = order_with_window(ALICE, WINDOW + 1);
	bid(P1, honest, 8);
	let honest_end = 2 + WINDOW;

	// The junk expires in the block after its window, all of it.
	run_to_block(honest_end);
	for id in &junk {
		assert_eq!(Orders::<Test>::get(id), None);
	}
	assert_eq!(free(BOB), INITIAL_BALANCE - surcharges);
	assert!(Orders::<Test>::contains_key(honest));
	assert_eq!(last_lease(), None);

	run_to_block(honest_end + 1);

	let lease = last_lease().expect("the honest order is matched on time");
	assert_eq!((lease.order_id, lease.provider), (honest, P1));
	System::assert_last_event(
		Event::OrderMatched {
			order_id: honest,
			lease_id: lease.id,
			tenant: ALICE,
			provider: P1,
			price: 8,
			escrow: BUDGET,
			bids_lost: 0,
		}
		.into(),
	);
	assert_eq!(NextUnprocessedBlock::<Test>::get(), Some(honest_end + 1));
}

#[test]
fn junk_orders_filling_a_slot_do_not_delay_the_next_slot() {
	// Places 2 and 3 of 3: half a deposit and one.
	run_test(|| junk_cannot_delay_the_next_slot(3, ORDER_DEPOSIT / 2 + ORDER_DEPOSIT));
}

#[test]
fn junk_orders_filling_a_slot_do_not_delay_the_next_slot_under_a_tight_hook_weight() {
	run_test(|| {
		allow_steps(2);
		// Place 2 of 2: one deposit.
		junk_cannot_delay_the_next_slot(2, ORDER_DEPOSIT);
	});
}

#[test]
fn a_stalled_hook_concludes_every_due_slot_when_its_weight_allows() {
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

		let (base, slot, _) = hook_costs();
		let expired = <() as WeightInfo>::conclude_expired();
		assert_eq!(
			BidMatching::on_initialize(10),
			base.saturating_add(slot.saturating_mul(9)).saturating_add(expired.saturating_mul(6))
		);
		assert_eq!(NextUnprocessedBlock::<Test>::get(), Some(10));
		assert_eq!(Orders::<Test>::iter().count(), 0);
		assert_eq!(Expiries::<Test>::iter().count(), 0);
		// In creation order.
		let order: Vec<_> = super::events()
			.into_iter()
			.filter_map(|e| match e {
				Event::OrderExpired { order_id, .. } => Some(order_id),
				_ => None,
			})
			.collect();
		assert_eq!(order, vec![0, 1, 2, 3, 4, 5]);
		// Everything came back but the surcharges of each slot's second and
		// third places (half a deposit and one): Alice's second order and
		// Bob's third at block 3, Nobody's two at block 4.
		assert_eq!(free(ALICE), INITIAL_BALANCE - ORDER_DEPOSIT / 2);
		assert_eq!(free(BOB), INITIAL_BALANCE - ORDER_DEPOSIT);
		assert_eq!(free(NOBODY), INITIAL_BALANCE - ORDER_DEPOSIT / 2 - ORDER_DEPOSIT);
	});
}

#[test]
fn orders_created_while_the_cursor_lags_are_still_concluded() {
	run_test(|| {
		let early = order_with_window(ALICE, 2);
		System::set_block_number(20);
		// Created while the hook has not reached block 3 yet.
		let late = order_with_window(BOB, 2);
		bid(P1, late, 8);
		assert_eq!(NextUnprocessedBlock::<Test>::get(), Some(1));
		run_to_block(30);
		assert_eq!(Orders::<Test>::get(early), None);
		assert_eq!(Orders::<Test>::get(late), None);
		assert_eq!(free(ALICE), INITIAL_BALANCE);
		assert_eq!(last_lease().map(|l| l.order_id), Some(late));
		assert_eq!(NextUnprocessedBlock::<Test>::get(), Some(30));
	});
}

#[test]
fn the_first_order_sets_the_cursor_and_later_ones_leave_it() {
	run_test(|| {
		System::set_block_number(4);
		assert_eq!(NextUnprocessedBlock::<Test>::get(), None);
		order_with_window(ALICE, 2);
		assert_eq!(NextUnprocessedBlock::<Test>::get(), Some(4));
		System::set_block_number(5);
		assert_ok!(BidMatching::create_order(
			RuntimeOrigin::signed(BOB),
			MANIFEST,
			SMALL,
			attrs(&[]),
			None,
			Default::default(),
			MAX_PRICE,
			BUDGET,
			2,
			STRA,
		));
		assert_eq!(NextUnprocessedBlock::<Test>::get(), Some(4));
	});
}
