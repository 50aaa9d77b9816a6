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
		STRA,
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
fn create_order_refuses_a_window_end_whose_slot_admits_no_more() {
	run_test(|| {
		// With the mock's hook weight a slot admits its storage bound.
		assert_eq!(BidMatching::expiries_admitted_per_block(), 3);
		for _ in 0..3 {
			assert_ok!(create(ALICE, SMALL, attrs(&[]), MAX_PRICE, BUDGET, WINDOW));
		}
		assert_noop!(
			create(BOB, SMALL, attrs(&[]), MAX_PRICE, BUDGET, WINDOW),
			Error::<Test>::ExpiryQueueFull
		);
		// Another window length lands in another slot.
		assert_ok!(create(BOB, SMALL, attrs(&[]), MAX_PRICE, BUDGET, WINDOW + 1));
		// A cancelled order makes room in its slot.
		assert_ok!(BidMatching::cancel_order(RuntimeOrigin::signed(ALICE), 1));
		assert_ok!(create(BOB, SMALL, attrs(&[]), MAX_PRICE, BUDGET, WINDOW));
		assert_eq!(Expiries::<Test>::get(1 + WINDOW).into_inner(), vec![0, 2, 4]);
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
