//! `create_order` and `cancel_order`.

use crate::{mock::*, *};
use polkadot_sdk::{
	frame_support::{assert_noop, assert_ok},
	sp_runtime::{DispatchError, TokenError},
};

fn create(
	tenant: AccountId,
	resources: Resources,
	attributes: RequiredAttributesOf<Test>,
	max_price: Balance,
	budget: Balance,
	window: u64,
) -> polkadot_sdk::sp_runtime::DispatchResult {
	create_in(STRA, tenant, resources, attributes, max_price, budget, window)
}

/// [`create`], paid in `asset`.
fn create_in(
	asset: AssetKind,
	tenant: AccountId,
	resources: Resources,
	attributes: RequiredAttributesOf<Test>,
	max_price: Balance,
	budget: Balance,
	window: u64,
) -> polkadot_sdk::sp_runtime::DispatchResult {
	BidMatching::create_order(
		RuntimeOrigin::signed(tenant),
		MANIFEST,
		resources,
		attributes,
		None,
		Default::default(),
		max_price,
		budget,
		window,
		asset,
	)
}

#[test]
fn create_order_holds_budget_and_deposit_and_queues_the_window_end() {
	run_test(|| {
		assert_eq!(super::audited_order(ALICE), 0);

		assert_eq!(budget_held(ALICE), BUDGET);
		assert_eq!(held(HoldReason::OrderDeposit, ALICE), ORDER_DEPOSIT);
		assert_eq!(free(ALICE), INITIAL_BALANCE - BUDGET - ORDER_DEPOSIT);
		let window_end = 1 + WINDOW;
		assert_eq!(
			Orders::<Test>::get(0),
			Some(Order {
				tenant: ALICE,
				asset: STRA,
				resources: SMALL,
				manifest: MANIFEST,
				attributes: attrs(&[("region", "eu"), ("tier", "gold")]),
				auditor: Some(AUDITOR),
				requirements: Default::default(),
				max_price_per_block: MAX_PRICE,
				budget: BUDGET,
				deposit: ORDER_DEPOSIT,
				created_at: 1,
				window_end,
				bids: Default::default(),
				bids_placed: 0,
			})
		);
		assert_eq!(NextOrderId::<Test>::get(), 1);
		assert!(OrdersByTenant::<Test>::contains_key(ALICE, 0));
		assert_eq!(OpenOrderCount::<Test>::get(ALICE), 1);
		assert_eq!(Expiries::<Test>::get(window_end).into_inner(), vec![0]);
		assert_eq!(NextUnprocessedBlock::<Test>::get(), Some(1));
		System::assert_last_event(
			Event::OrderCreated {
				order_id: 0,
				tenant: ALICE,
				asset: STRA,
				resources: SMALL,
				max_price_per_block: MAX_PRICE,
				budget: BUDGET,
				window_end,
				manifest: MANIFEST,
				admission_fee: 0,
			}
			.into(),
		);
	});
}

#[test]
fn create_order_accepts_the_bounds_exactly() {
	run_test(|| {
		let min_budget = MAX_PRICE * MIN_LEASE_BLOCKS as Balance;
		assert_ok!(create(ALICE, SMALL, attrs(&[]), MAX_PRICE, min_budget, 2));
		assert_ok!(create(ALICE, SMALL, attrs(&[]), MAX_PRICE, min_budget, 20));
		assert_eq!(Orders::<Test>::get(0).map(|o| o.window_end), Some(3));
		assert_eq!(Orders::<Test>::get(1).map(|o| o.window_end), Some(21));
		// Three attributes, the most an order may require.
		assert_ok!(create(
			BOB,
			SMALL,
			attrs(&[("a", "1"), ("b", "2"), ("c", "3")]),
			MAX_PRICE,
			BUDGET,
			WINDOW
		));
	});
}

#[test]
fn create_order_refuses_bad_arguments_each_with_its_error() {
	run_test(|| {
		assert_noop!(
			create(ALICE, Resources::ZERO, attrs(&[]), MAX_PRICE, BUDGET, WINDOW),
			Error::<Test>::NoResources
		);
		assert_noop!(create(ALICE, SMALL, attrs(&[]), 0, BUDGET, WINDOW), Error::<Test>::ZeroPrice);
		assert_noop!(
			create(ALICE, SMALL, attrs(&[]), MAX_PRICE, BUDGET, 1),
			Error::<Test>::BidWindowOutOfRange
		);
		assert_noop!(
			create(ALICE, SMALL, attrs(&[]), MAX_PRICE, BUDGET, 21),
			Error::<Test>::BidWindowOutOfRange
		);
		assert_noop!(
			create(ALICE, SMALL, attrs(&[]), MAX_PRICE, MAX_PRICE * 10 - 1, WINDOW),
			Error::<Test>::BudgetTooLow
		);
		assert_noop!(
			create(ALICE, SMALL, attrs(&[]), Balance::MAX, Balance::MAX, WINDOW),
			Error::<Test>::Overflow
		);
		assert_noop!(
			create(ALICE, SMALL, attrs(&[("a", "1"), ("a", "2")]), MAX_PRICE, BUDGET, WINDOW),
			Error::<Test>::DuplicateAttribute
		);
		assert_noop!(
			create(ALICE, SMALL, attrs(&[]), MAX_PRICE, INITIAL_BALANCE, WINDOW),
			DispatchError::Token(TokenError::FundsUnavailable)
		);
		// The budget fits, the deposit on top of it does not.
		assert_noop!(
			create(ALICE, SMALL, attrs(&[]), MAX_PRICE, INITIAL_BALANCE - ORDER_DEPOSIT, WINDOW),
			DispatchError::Token(TokenError::FundsUnavailable)
		);
		assert_noop!(
			BidMatching::create_order(
				RuntimeOrigin::none(),
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
			DispatchError::BadOrigin
		);
		assert_noop!(
			BidMatching::create_order(
				RuntimeOrigin::signed(ALICE),
				ManifestHash::zero(),
				SMALL,
				attrs(&[]),
				None,
				Default::default(),
				MAX_PRICE,
				BUDGET,
				WINDOW,
				STRA,
			),
			Error::<Test>::NoManifest
		);
	});
}

#[test]
fn create_order_refuses_more_open_orders_than_the_bound() {
	run_test(|| {
		for window in 2..7 {
			assert_ok!(create(ALICE, SMALL, attrs(&[]), MAX_PRICE, BUDGET, window));
		}
		assert_noop!(
			create(ALICE, SMALL, attrs(&[]), MAX_PRICE, BUDGET, 8),
			Error::<Test>::TooManyOpenOrders
		);
		// Another tenant is not affected, and an ended order frees a place.
		assert_ok!(create(BOB, SMALL, attrs(&[]), MAX_PRICE, BUDGET, 8));
		assert_ok!(BidMatching::cancel_order(RuntimeOrigin::signed(ALICE), 0));
		assert_ok!(create(ALICE, SMALL, attrs(&[]), MAX_PRICE, BUDGET, 8));
		assert_eq!(OpenOrderCount::<Test>::get(ALICE), 5);
	});
}

#[test]
fn an_order_whose_slot_is_full_gets_the_next_slot_with_room() {
	run_test(|| {
		// With the mock's hook weight a slot admits its storage bound.
		assert_eq!(BidMatching::expiries_admitted_per_block(), 3);
		for _ in 0..3 {
			assert_ok!(create(ALICE, SMALL, attrs(&[]), MAX_PRICE, BUDGET, WINDOW));
		}
		// Bob's order asks for the same window: it ends a block later, in
		// the next slot, where it is the first (and pays no surcharge).
		assert_ok!(create(BOB, SMALL, attrs(&[]), MAX_PRICE, BUDGET, WINDOW));
		let spilled = Orders::<Test>::get(3).expect("open");
		assert_eq!(spilled.window_end, 2 + WINDOW);
		assert_eq!(Expiries::<Test>::get(2 + WINDOW).into_inner(), vec![3]);
		assert_eq!(free(BOB), INITIAL_BALANCE - BUDGET - ORDER_DEPOSIT);
		// A cancelled order makes room in its slot.
		assert_ok!(BidMatching::cancel_order(RuntimeOrigin::signed(ALICE), 1));
		assert_ok!(create(BOB, SMALL, attrs(&[]), MAX_PRICE, BUDGET, WINDOW));
		assert_eq!(Expiries::<Test>::get(1 + WINDOW).into_inner(), vec![0, 2, 4]);
		// Bids are taken until the later end.
		run_to_block(1 + WINDOW);
		bid(P1, 3, 8);
		run_to_block(2 + WINDOW);
		assert_eq!(last_lease().map(|l| l.order_id), None);
		run_to_block(3 + WINDOW);
		assert_eq!(last_lease().map(|l| (l.order_id, l.provider)), Some((3, P1)));
	});
}

#[test]
fn create_order_is_refused_only_when_its_slot_and_the_spill_depth_after_are_full() {
	run_test(|| {
		let tenants = [ALICE, BOB, NOBODY, AUDITOR, P1, P2];
		let slots = 1 + EXPIRY_SPILL_DEPTH as usize;
		// Every slot from the window's end to `EXPIRY_SPILL_DEPTH` after it,
		// full; each order asks for the same window and spills on.
		for i in 0..3 * slots {
			assert_ok!(create(tenants[i / 5], SMALL, attrs(&[]), MAX_PRICE, BUDGET, WINDOW));
		}
		for at in 1 + WINDOW..=1 + WINDOW + EXPIRY_SPILL_DEPTH as u64 {
			assert_eq!(Expiries::<Test>::get(at).len(), 3, "slot {at}");
		}
		assert_noop!(
			create(P3, SMALL, attrs(&[]), MAX_PRICE, BUDGET, WINDOW),
			Error::<Test>::ExpiryQueueFull
		);
		// A window one block longer reaches past the full slots.
		assert_ok!(create(P3, SMALL, attrs(&[]), MAX_PRICE, BUDGET, WINDOW + 1));
		let last = Orders::<Test>::get(3 * slots as u64).expect("open");
		assert_eq!(last.window_end, 2 + WINDOW + EXPIRY_SPILL_DEPTH as u64);
	});
}

#[test]
fn entering_a_slot_past_half_full_costs_a_surcharge_rising_to_one_deposit() {
	run_test(|| {
		// Figures by hand: a slot admits 3, so its first place (3 / 2,
		// rounded down) is free and its other two cost 10 × 1 / 2 and
		// 10 × 2 / 2 of the 10 deposit.
		assert_eq!(ORDER_DEPOSIT, 10);
		let paid = |who| INITIAL_BALANCE - BUDGET - ORDER_DEPOSIT - free(who);
		assert_ok!(create(ALICE, SMALL, attrs(&[]), MAX_PRICE, BUDGET, WINDOW));
		assert_eq!(paid(ALICE), 0);
		assert_ok!(create(BOB, SMALL, attrs(&[]), MAX_PRICE, BUDGET, WINDOW));
		assert_eq!(paid(BOB), 5);
		assert_ok!(create(NOBODY, SMALL, attrs(&[]), MAX_PRICE, BUDGET, WINDOW));
		assert_eq!(paid(NOBODY), 10);
		assert_eq!(free(TREASURY), INITIAL_BALANCE + 15);
		let fees: Vec<_> = super::events()
			.into_iter()
			.filter_map(|e| match e {
				Event::OrderCreated { admission_fee, .. } => Some(admission_fee),
				_ => None,
			})
			.collect();
		assert_eq!(fees, vec![0, 5, 10]);
		// It is not returned: the orders expire with budget and deposit back.
		run_to_block(2 + WINDOW);
		assert_eq!(free(BOB), INITIAL_BALANCE - 5);
		assert_eq!(free(NOBODY), INITIAL_BALANCE - 10);

		// Under a hook that concludes two a block, the second place of two
		// costs one deposit.
		super::allow_steps(2);
		assert_ok!(create(ALICE, SMALL, attrs(&[]), MAX_PRICE, BUDGET, WINDOW));
		assert_ok!(create(BOB, SMALL, attrs(&[]), MAX_PRICE, BUDGET, WINDOW));
		assert_eq!(free(BOB), INITIAL_BALANCE - 5 - BUDGET - ORDER_DEPOSIT - 10);
	});
}

#[test]
fn the_surcharge_of_an_order_in_a_foreign_asset_is_in_that_asset() {
	run_test(|| {
		let create_in = |who| create_in(usdt(), who, SMALL, attrs(&[]), MAX_PRICE, BUDGET, WINDOW);
		assert_ok!(create_in(ALICE));
		assert_ok!(create_in(BOB));
		let deposit = Orders::<Test>::get(1).expect("open").deposit;
		assert!(deposit > 1, "the deposit's worth in USDT is more than a unit");
		// Half a deposit of the order's asset, to the treasury in that asset;
		// no STRA moved.
		assert_eq!(free_in(USDT, TREASURY), INITIAL_BALANCE + deposit / 2);
		assert_eq!(free(BOB), INITIAL_BALANCE);
	});
}

#[test]
fn cancel_order_refunds_budget_and_deposit_and_drops_the_bids() {
	run_test(|| {
		let order_id = create_default_order(ALICE);
		bid(P1, order_id, 8);
		bid(P2, order_id, 9);

		assert_ok!(BidMatching::cancel_order(RuntimeOrigin::signed(ALICE), order_id));

		assert_eq!(free(ALICE), INITIAL_BALANCE);
		assert_eq!(budget_held(ALICE), 0);
		assert_eq!(held(HoldReason::OrderDeposit, ALICE), 0);
		// Bidders held nothing and lose nothing.
		for p in [P1, P2] {
			assert_eq!(free(p), INITIAL_BALANCE);
			assert_eq!(bond_of(p), BOND);
		}
		assert_eq!(Orders::<Test>::get(order_id), None);
		assert!(!OrdersByTenant::<Test>::contains_key(ALICE, order_id));
		assert!(!OpenOrderCount::<Test>::contains_key(ALICE));
		assert!(!Expiries::<Test>::contains_key(1 + WINDOW));
		assert_eq!(last_lease(), None);
		System::assert_last_event(
			Event::OrderCancelled {
				order_id,
				tenant: ALICE,
				refunded: BUDGET + ORDER_DEPOSIT,
				bids_dropped: 2,
			}
			.into(),
		);
		// Nothing is left for the hook.
		run_to_block(2 + WINDOW);
		assert_eq!(last_lease(), None);
	});
}

#[test]
fn cancel_order_with_a_full_book_returns_the_tenants_funds_only() {
	run_test(|| {
		let order_id = create_default_order(ALICE);
		for (p, price) in [(P1, 5), (P2, 6), (P3, 7), (P4, 8)] {
			bid(p, order_id, price);
		}
		let total = Balances::total_issuance();

		assert_ok!(BidMatching::cancel_order(RuntimeOrigin::signed(ALICE), order_id));

		// One party's funds move: the tenant's, back to it. No bidder's free
		// balance changes, nothing is minted.
		assert_eq!(free(ALICE), INITIAL_BALANCE);
		for p in [P1, P2, P3, P4] {
			assert_eq!(free(p), INITIAL_BALANCE);
		}
		assert_eq!(Balances::total_issuance(), total);
		System::assert_last_event(
			Event::OrderCancelled {
				order_id,
				tenant: ALICE,
				refunded: BUDGET + ORDER_DEPOSIT,
				bids_dropped: 4,
			}
			.into(),
		);
	});
}

#[test]
fn cancel_order_leaves_the_other_orders_in_the_same_slot() {
	run_test(|| {
		let first = create_default_order(ALICE);
		let second = create_default_order(BOB);
		assert_ok!(BidMatching::cancel_order(RuntimeOrigin::signed(ALICE), first));
		assert_eq!(Expiries::<Test>::get(1 + WINDOW).into_inner(), vec![second]);
		assert!(Orders::<Test>::contains_key(second));
	});
}

#[test]
fn cancel_order_is_refused_to_others_unknown_orders_and_after_the_window() {
	run_test(|| {
		let order_id = create_default_order(ALICE);
		assert_noop!(
			BidMatching::cancel_order(RuntimeOrigin::signed(BOB), order_id),
			Error::<Test>::NotOrderOwner
		);
		assert_noop!(
			BidMatching::cancel_order(RuntimeOrigin::signed(ALICE), 7),
			Error::<Test>::UnknownOrder
		);
		assert_noop!(
			BidMatching::cancel_order(RuntimeOrigin::none(), order_id),
			DispatchError::BadOrigin
		);
		// The window's last block still allows it.
		System::set_block_number(1 + WINDOW);
		assert_ok!(BidMatching::cancel_order(RuntimeOrigin::signed(ALICE), order_id));
		// Between the window's end and the hook concluding it the order
		// belongs to the auction.
		let order_id = create_default_order(ALICE);
		System::set_block_number(2 + 2 * WINDOW);
		assert_noop!(
			BidMatching::cancel_order(RuntimeOrigin::signed(ALICE), order_id),
			Error::<Test>::BidWindowClosed
		);
	});
}
