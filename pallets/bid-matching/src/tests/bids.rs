//! `place_bid` and `withdraw_bid`: who may bid, and what a bid records.
//! The order of the book and a full book are in `book.rs`.

use crate::{mock::*, *};
use polkadot_sdk::{
	frame_support::{assert_noop, assert_ok},
	sp_runtime::{DispatchError, Perbill},
};
use stratus_primitives::TrackRequirements;

fn withdraw(provider: AccountId, order_id: u64) -> polkadot_sdk::sp_runtime::DispatchResult {
	BidMatching::withdraw_bid(RuntimeOrigin::signed(provider), order_id)
}

#[test]
fn place_bid_records_the_bid_in_the_book_and_holds_nothing() {
	run_test(|| {
		let order_id = create_default_order(ALICE);
		System::set_block_number(3);

		assert_ok!(place(P1, order_id, 8));

		let order = Orders::<Test>::get(order_id).unwrap();
		assert_eq!(
			order.bids.into_inner(),
			vec![Bid { provider: P1, price: 8, placed_at: 3, seq: 0 }]
		);
		assert_eq!(order.bids_placed, 1);
		// The bond stands behind the bid; no funds are held or moved.
		assert_eq!(free(P1), INITIAL_BALANCE);
		assert_eq!(bond_of(P1), BOND);
		System::assert_last_event(Event::BidPlaced { order_id, provider: P1, price: 8 }.into());
	});
}

#[test]
fn place_bid_needs_no_funds() {
	run_test(|| {
		let order_id = create_default_order(ALICE);
		// A provider whose account holds nothing at all.
		register_provider(16);
		assert_eq!(free(16), 0);
		assert_ok!(place(16, order_id, 8));
		assert_eq!(book(order_id), vec![16]);
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
fn place_bid_checks_the_window_before_anything_else() {
	run_test(|| {
		let order_id = create_default_order(ALICE);
		System::set_block_number(2 + WINDOW);
		// Own order, zero price, not a provider: the closed window comes first.
		assert_noop!(place(ALICE, order_id, 0), Error::<Test>::BidWindowClosed);
		assert_noop!(place(NOBODY, order_id, 8), Error::<Test>::BidWindowClosed);
	});
}

#[test]
fn place_bid_refuses_providers_that_may_not_bid_with_the_registry_and_stake_errors() {
	run_test(|| {
		let order_id = create_default_order(ALICE);
		assert_noop!(place(NOBODY, order_id, 8), NOT_REGISTERED);

		with_provider(P1, |p| p.paused = true);
		assert_noop!(place(P1, order_id, 8), PROVIDER_PAUSED);

		with_provider(P2, |p| p.jailed = true);
		assert_noop!(place(P2, order_id, 8), PROVIDER_JAILED);

		assert_noop!(place(P5, order_id, 8), NOT_BONDED);
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
			MANIFEST,
			SMALL,
			attrs(&[("region", "us")]),
			None,
			Default::default(),
			MAX_PRICE,
			BUDGET,
			WINDOW,
			STRA,
		));
		assert_noop!(place(P1, 0, 8), Error::<Test>::AttributesNotSatisfied);

		// Declared, but the named auditor does not vouch for P2.
		assert_ok!(BidMatching::create_order(
			RuntimeOrigin::signed(ALICE),
			MANIFEST,
			SMALL,
			attrs(&[("region", "eu"), ("tier", "gold")]),
			Some(BOB),
			Default::default(),
			MAX_PRICE,
			BUDGET,
			WINDOW,
			STRA,
		));
		assert_noop!(place(P2, 1, 8), Error::<Test>::AttributesNotSatisfied);

		// The provider's own auditor vouches.
		assert_ok!(BidMatching::create_order(
			RuntimeOrigin::signed(ALICE),
			MANIFEST,
			SMALL,
			attrs(&[("region", "eu"), ("tier", "gold")]),
			Some(AUDITOR),
			Default::default(),
			MAX_PRICE,
			BUDGET,
			WINDOW + 1,
			STRA,
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
		assert_noop!(place(P1, order_id, 8), Error::<Test>::AlreadyBid);
	});
}

#[test]
fn withdraw_bid_removes_the_bid_and_a_new_bid_ranks_after_equal_prices() {
	run_test(|| {
		let order_id = create_default_order(ALICE);
		assert_ok!(place(P1, order_id, 8));
		assert_ok!(place(P2, order_id, 8));
		assert_eq!(book(order_id), vec![P1, P2]);

		assert_ok!(withdraw(P1, order_id));

		assert_eq!(book(order_id), vec![P2]);
		assert_eq!(free(P1), INITIAL_BALANCE);
		assert_eq!(bond_of(P1), BOND);
		System::assert_last_event(Event::BidWithdrawn { order_id, provider: P1 }.into());

		// Bidding again numbers the bid after every earlier one, so it ranks
		// after the bid it used to precede.
		assert_ok!(place(P1, order_id, 8));
		let order = Orders::<Test>::get(order_id).unwrap();
		assert_eq!(
			order.bids.iter().map(|b| (b.provider, b.seq)).collect::<Vec<_>>(),
			vec![(P2, 1), (P1, 2)]
		);
		assert_eq!(order.bids_placed, 3);
	});
}

#[test]
fn withdraw_bid_of_the_only_bid_leaves_an_empty_book() {
	run_test(|| {
		let order_id = create_default_order(ALICE);
		assert_ok!(place(P1, order_id, 8));
		assert_ok!(withdraw(P1, order_id));
		assert!(Orders::<Test>::get(order_id).unwrap().bids.is_empty());
		// The order then expires as if nobody had bid.
		run_to_block(2 + WINDOW);
		System::assert_last_event(
			Event::OrderExpired { order_id, tenant: ALICE, refunded: BUDGET + ORDER_DEPOSIT }
				.into(),
		);
	});
}

#[test]
fn withdraw_bid_is_allowed_to_a_provider_that_can_no_longer_serve() {
	run_test(|| {
		let order_id = create_default_order(ALICE);
		assert_ok!(place(P1, order_id, 8));
		with_provider(P1, |p| p.jailed = true);
		// Leaving before the bid counts costs nothing.
		assert_ok!(withdraw(P1, order_id));
		assert_eq!(bond_of(P1), BOND);
		assert_eq!(book(order_id), Vec::<AccountId>::new());
	});
}

#[test]
fn withdraw_bid_is_refused_without_a_bid_or_after_the_window() {
	run_test(|| {
		let order_id = create_default_order(ALICE);
		assert_ok!(place(P1, order_id, 8));
		assert_noop!(withdraw(P2, order_id), Error::<Test>::UnknownBid);
		assert_noop!(withdraw(P1, 9), Error::<Test>::UnknownOrder);
		assert_noop!(
			BidMatching::withdraw_bid(RuntimeOrigin::none(), order_id),
			DispatchError::BadOrigin
		);
		// The window's last block still allows it.
		System::set_block_number(1 + WINDOW);
		assert_ok!(withdraw(P1, order_id));
		assert_ok!(place(P1, order_id, 8));
		// A bid cannot leave an auction that has ended.
		System::set_block_number(2 + WINDOW);
		assert_noop!(withdraw(P1, order_id), Error::<Test>::BidWindowClosed);
	});
}

#[test]
fn an_order_requiring_a_track_record_takes_bids_only_from_providers_that_meet_it() {
	run_test(|| {
		let requirements =
			TrackRequirements { min_score: Perbill::from_percent(70), min_completed: 2 };
		let order_id = super::order_requiring(ALICE, requirements);
		assert_eq!(Orders::<Test>::get(order_id).unwrap().requirements, requirements);
		assert_noop!(place(P1, order_id, MAX_PRICE), TOO_FEW_COMPLETED);
		with_provider(P1, |p| p.completed = 2);
		assert_noop!(place(P1, order_id, MAX_PRICE), SCORE_TOO_LOW);
		with_provider(P1, |p| p.score = Perbill::from_percent(70));
		assert_ok!(place(P1, order_id, MAX_PRICE));
		// Its record falls short before the window ends: the bid does not win.
		with_provider(P1, |p| p.completed = 1);
		run_to_block(2 + WINDOW);
		System::assert_has_event(
			Event::BidForfeited {
				order_id,
				provider: P1,
				reason: TOO_FEW_COMPLETED,
				forfeited: BID_FORFEIT,
			}
			.into(),
		);
	});
}

#[test]
fn place_bid_is_charged_for_what_the_order_asks_it_to_check() {
	run_test(|| {
		let max = <() as WeightInfo>::place_bid(3, 1, 1);
		let plain = create_default_order(ALICE);
		let audited = super::audited_order(BOB);
		let requiring = super::order_requiring(
			BOB,
			TrackRequirements { min_score: Perbill::zero(), min_completed: 1 },
		);
		with_provider(P1, |p| p.completed = 1);
		for (order_id, attributes, auditor, record) in
			[(plain, 1, 0, 0), (audited, 2, 1, 0), (requiring, 0, 0, 1)]
		{
			let info = BidMatching::place_bid(RuntimeOrigin::signed(P1), order_id, MAX_PRICE)
				.expect("P1 can serve the three orders");
			let charged = <() as WeightInfo>::place_bid(attributes, auditor, record);
			assert_eq!(info.actual_weight, Some(charged));
			assert!(charged.all_lte(max));
		}
		// A refused bid is charged in full.
		let refused = BidMatching::place_bid(RuntimeOrigin::signed(P1), plain, MAX_PRICE)
			.expect_err("P1 has bid already");
		assert_eq!(refused.post_info.actual_weight, None);
	});
}
