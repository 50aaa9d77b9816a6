//! `place_bid` and `withdraw_bid`.

use crate::{mock::*, *};
use polkadot_sdk::{
	frame_support::{assert_noop, assert_ok, traits::fungible::Mutate},
	sp_runtime::{DispatchError, TokenError},
};

fn place(
	provider: AccountId,
	order_id: u64,
	price: Balance,
) -> polkadot_sdk::sp_runtime::DispatchResult {
	BidMatching::place_bid(RuntimeOrigin::signed(provider), order_id, price)
}

#[test]
fn place_bid_holds_the_deposit_and_records_the_bid() {
	run_test(|| {
		let order_id = create_default_order(ALICE);
		System::set_block_number(3);

		assert_ok!(place(P1, order_id, 8));

		assert_eq!(held(HoldReason::BidDeposit, P1), BID_DEPOSIT);
		assert_eq!(free(P1), INITIAL_BALANCE - BID_DEPOSIT);
		assert_eq!(
			Bids::<Test>::get(order_id, P1),
			Some(Bid { price: 8, deposit: BID_DEPOSIT, placed_at: 3, seq: 0 })
		);
		assert_eq!(OrderBidders::<Test>::get(order_id).into_inner(), vec![P1]);
		let order = Orders::<Test>::get(order_id).unwrap();
		assert_eq!((order.bid_count, order.bids_placed), (1, 1));
		System::assert_last_event(Event::BidPlaced { order_id, provider: P1, price: 8 }.into());
	});
}

#[test]
fn place_bid_accepts_the_maximum_price_and_the_last_window_block() {
	run_test(|| {
		let order_id = create_default_order(ALICE);
		System::set_block_number(1 + WINDOW);
		assert_ok!(place(P1, order_id, MAX_PRICE));
		System::set_block_number(2 + WINDOW);
		assert_noop!(place(P2, order_id, MAX_PRICE), Error::<Test>::BidWindowClosed);
	});
}

#[test]
fn place_bid_refuses_unknown_orders_own_orders_and_zero_or_excessive_prices() {
	run_test(|| {
		let order_id = create_default_order(ALICE);
		// Even a tenant that is also a provider cannot bid on its own order.
		register_provider(ALICE);
		assert_noop!(place(P1, 9, 8), Error::<Test>::UnknownOrder);
		assert_noop!(place(ALICE, order_id, 8), Error::<Test>::CannotBidOnOwnOrder);
		assert_noop!(place(P1, order_id, 0), Error::<Test>::ZeroPrice);
		assert_noop!(place(P1, order_id, MAX_PRICE + 1), Error::<Test>::BidAboveMaxPrice);
		assert_noop!(
			BidMatching::place_bid(RuntimeOrigin::none(), order_id, 8),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn place_bid_refuses_providers_that_may_not_bid_with_the_registry_and_stake_errors() {
	run_test(|| {
		let order_id = create_default_order(ALICE);
		assert_noop!(place(NOBODY, order_id, 8), DispatchError::Other("NotRegistered"));

		with_provider(P1, |p| p.paused = true);
		assert_noop!(place(P1, order_id, 8), DispatchError::Other("ProviderPaused"));

		with_provider(P2, |p| p.jailed = true);
		assert_noop!(place(P2, order_id, 8), DispatchError::Other("ProviderJailed"));

		assert_noop!(place(P5, order_id, 8), DispatchError::Other("NotBonded"));
	});
}

#[test]
fn place_bid_refuses_a_provider_whose_free_capacity_does_not_fit() {
	run_test(|| {
		let order_id = create_default_order(ALICE);
		// Enough in total, but most of it reserved by other leases.
		with_provider(P1, |p| {
			p.reserved = Resources { memory_mib: CAPACITY.memory_mib - 1_000, ..Resources::ZERO }
		});
		assert_noop!(place(P1, order_id, 8), Error::<Test>::InsufficientCapacity);
		// Too small in a single dimension.
		with_provider(P2, |p| p.capacity.storage_gib = SMALL.storage_gib - 1);
		assert_noop!(place(P2, order_id, 8), Error::<Test>::InsufficientCapacity);
		// Exactly enough fits.
		with_provider(P3, |p| p.capacity = SMALL);
		assert_ok!(place(P3, order_id, 8));
	});
}

#[test]
fn place_bid_refuses_a_provider_without_the_required_attributes_or_audit() {
	run_test(|| {
		assert_ok!(BidMatching::create_order(
			RuntimeOrigin::signed(ALICE),
			SMALL,
			attrs(&[("region", "us")]),
			None,
			MAX_PRICE,
			BUDGET,
			WINDOW,
		));
		assert_noop!(place(P1, 0, 8), Error::<Test>::AttributesNotSatisfied);

		// Declared, but the named auditor does not vouch for P2.
		assert_ok!(BidMatching::create_order(
			RuntimeOrigin::signed(ALICE),
			SMALL,
			attrs(&[("region", "eu"), ("tier", "gold")]),
			Some(BOB),
			MAX_PRICE,
			BUDGET,
			WINDOW,
		));
		assert_noop!(place(P2, 1, 8), Error::<Test>::AttributesNotSatisfied);

		// The provider's own auditor vouches.
		assert_ok!(BidMatching::create_order(
			RuntimeOrigin::signed(ALICE),
			SMALL,
			attrs(&[("region", "eu"), ("tier", "gold")]),
			Some(AUDITOR),
			MAX_PRICE,
			BUDGET,
			WINDOW + 1,
		));
		assert_ok!(place(P2, 2, 8));
	});
}

#[test]
fn place_bid_refuses_a_second_bid_of_the_same_provider() {
	run_test(|| {
		let order_id = create_default_order(ALICE);
		assert_ok!(place(P1, order_id, 8));
		assert_noop!(place(P1, order_id, 7), Error::<Test>::AlreadyBid);
	});
}

#[test]
fn place_bid_refuses_more_bids_than_the_bound() {
	run_test(|| {
		let order_id = create_default_order(ALICE);
		for p in [P1, P2, P3, P4] {
			assert_ok!(place(p, order_id, 8));
		}
		register_provider(16);
		assert_ok!(<Balances as Mutate<_>>::mint_into(&16, 100));
		assert_noop!(place(16, order_id, 8), Error::<Test>::TooManyBids);
		// A withdrawal makes room.
		assert_ok!(BidMatching::withdraw_bid(RuntimeOrigin::signed(P2), order_id));
		assert_ok!(place(16, order_id, 8));
		assert_ok!(BidMatching::withdraw_bid(RuntimeOrigin::signed(16), order_id));
	});
}

#[test]
fn place_bid_refuses_a_provider_that_cannot_pay_the_deposit() {
	run_test(|| {
		let order_id = create_default_order(ALICE);
		register_provider(17);
		// Less than the deposit on top of the existential deposit.
		assert_ok!(<Balances as Mutate<_>>::mint_into(&17, BID_DEPOSIT - 2));
		assert_noop!(place(17, order_id, 8), DispatchError::Token(TokenError::FundsUnavailable));
	});
}

#[test]
fn withdraw_bid_returns_the_deposit_and_a_new_bid_queues_last() {
	run_test(|| {
		let order_id = create_default_order(ALICE);
		assert_ok!(place(P1, order_id, 8));
		assert_ok!(place(P2, order_id, 8));

		assert_ok!(BidMatching::withdraw_bid(RuntimeOrigin::signed(P1), order_id));

		assert_eq!(free(P1), INITIAL_BALANCE);
		assert_eq!(held(HoldReason::BidDeposit, P1), 0);
		assert_eq!(Bids::<Test>::get(order_id, P1), None);
		assert_eq!(OrderBidders::<Test>::get(order_id).into_inner(), vec![P2]);
		assert_eq!(Orders::<Test>::get(order_id).map(|o| o.bid_count), Some(1));
		System::assert_last_event(
			Event::BidWithdrawn { order_id, provider: P1, deposit_returned: BID_DEPOSIT }.into(),
		);

		// Bidding again numbers the bid after every earlier one.
		assert_ok!(place(P1, order_id, 8));
		assert_eq!(Bids::<Test>::get(order_id, P1).map(|b| b.seq), Some(2));
		assert_eq!(OrderBidders::<Test>::get(order_id).into_inner(), vec![P2, P1]);
	});
}

#[test]
fn withdraw_bid_of_the_only_bid_leaves_no_bidders_list() {
	run_test(|| {
		let order_id = create_default_order(ALICE);
		assert_ok!(place(P1, order_id, 8));
		assert_ok!(BidMatching::withdraw_bid(RuntimeOrigin::signed(P1), order_id));
		assert!(!OrderBidders::<Test>::contains_key(order_id));
	});
}

#[test]
fn withdraw_bid_is_refused_without_a_bid_or_after_the_window() {
	run_test(|| {
		let order_id = create_default_order(ALICE);
		assert_ok!(place(P1, order_id, 8));
		assert_noop!(
			BidMatching::withdraw_bid(RuntimeOrigin::signed(P2), order_id),
			Error::<Test>::UnknownBid
		);
		assert_noop!(
			BidMatching::withdraw_bid(RuntimeOrigin::signed(P1), 9),
			Error::<Test>::UnknownOrder
		);
		assert_noop!(
			BidMatching::withdraw_bid(RuntimeOrigin::none(), order_id),
			DispatchError::BadOrigin
		);
		// A bid cannot leave an auction that has ended.
		System::set_block_number(2 + WINDOW);
		assert_noop!(
			BidMatching::withdraw_bid(RuntimeOrigin::signed(P1), order_id),
			Error::<Test>::BidWindowClosed
		);
	});
}
