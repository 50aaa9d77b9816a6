//! The bid book: best first (cheaper, then earlier), bounded, and a full book
//! gives way to a cheaper bid only.

use crate::{mock::*, *};
use polkadot_sdk::frame_support::{assert_noop, assert_ok};

/// A registered, bonded provider beyond P1..P4 (unfunded: bids need no funds).
const P6: AccountId = 16;
const P7: AccountId = 17;

/// `(provider, price, seq)` of each bid in the book, best first.
fn entries(order_id: u64) -> Vec<(AccountId, Balance, u32)> {
	Orders::<Test>::get(order_id)
		.unwrap()
		.bids
		.iter()
		.map(|b| (b.provider, b.price, b.seq))
		.collect()
}

#[test]
fn the_book_is_sorted_by_price_then_by_placement() {
	run_test(|| {
		let order_id = create_default_order(ALICE);
		bid(P1, order_id, 8);
		bid(P2, order_id, 9);
		bid(P3, order_id, 7);
		bid(P4, order_id, 8);

		assert_eq!(entries(order_id), vec![(P3, 7, 2), (P1, 8, 0), (P4, 8, 3), (P2, 9, 1)]);
		let order = Orders::<Test>::get(order_id).unwrap();
		assert_eq!(order.bids.len(), 4);
		assert_eq!(order.bids_placed, 4);
	});
}

#[test]
fn a_cheaper_bid_displaces_the_most_expensive_of_a_full_book() {
	run_test(|| {
		register_provider(P6);
		let order_id = create_default_order(ALICE);
		bid(P1, order_id, 8);
		bid(P2, order_id, 9);
		bid(P3, order_id, 7);
		bid(P4, order_id, 9);
		// P2 and P4 ask the most; P4 bid later, so it is the last of the book.

		assert_ok!(place(P6, order_id, 8));

		assert_eq!(entries(order_id), vec![(P3, 7, 2), (P1, 8, 0), (P6, 8, 4), (P2, 9, 1)]);
		let events = super::events();
		let n = events.len();
		assert_eq!(
			events[n - 2..],
			[
				Event::BidDisplaced { order_id, provider: P4, price: 9, by: P6 },
				Event::BidPlaced { order_id, provider: P6, price: 8 },
			]
		);
		// A displaced bid held nothing and forfeits nothing.
		assert_eq!(free(P4), INITIAL_BALANCE);
		assert_eq!(bond_of(P4), BOND);

		// The displaced provider may come back cheaper, and displaces in turn.
		assert_ok!(place(P4, order_id, 6));
		assert_eq!(entries(order_id), vec![(P4, 6, 5), (P3, 7, 2), (P1, 8, 0), (P6, 8, 4)]);
		System::assert_has_event(
			Event::BidDisplaced { order_id, provider: P2, price: 9, by: P4 }.into(),
		);
	});
}

#[test]
fn a_full_book_refuses_a_bid_that_is_not_cheaper_than_its_most_expensive() {
	run_test(|| {
		register_provider(P6);
		let order_id = create_default_order(ALICE);
		for (p, price) in [(P1, 5), (P2, 6), (P3, 7), (P4, 8)] {
			bid(p, order_id, price);
		}
		// As cheap as the most expensive, but later: it ranks after it.
		assert_noop!(place(P6, order_id, 8), Error::<Test>::BidBookFull);
		// More expensive than every bid.
		assert_noop!(place(P6, order_id, 9), Error::<Test>::BidBookFull);
		assert_eq!(book(order_id), vec![P1, P2, P3, P4]);
		// One cheaper goes in.
		assert_ok!(place(P6, order_id, 7));
		assert_eq!(book(order_id), vec![P1, P2, P3, P6]);
	});
}

#[test]
fn a_full_book_checks_the_bidder_before_its_price() {
	run_test(|| {
		register_provider(P6);
		let order_id = create_default_order(ALICE);
		for (p, price) in [(P1, 5), (P2, 6), (P3, 7), (P4, 8)] {
			bid(p, order_id, price);
		}
		// A provider that cannot serve gets its own error, not BidBookFull,
		// and displaces nothing even when cheaper.
		with_provider(P6, |p| p.paused = true);
		assert_noop!(place(P6, order_id, 1), PROVIDER_PAUSED);
		assert_noop!(place(P1, order_id, 1), Error::<Test>::AlreadyBid);
		assert_eq!(book(order_id), vec![P1, P2, P3, P4]);
	});
}

#[test]
fn a_withdrawal_makes_room_in_a_full_book_at_any_price() {
	run_test(|| {
		register_provider(P6);
		register_provider(P7);
		let order_id = create_default_order(ALICE);
		for (p, price) in [(P1, 5), (P2, 6), (P3, 7), (P4, 8)] {
			bid(p, order_id, price);
		}
		assert_noop!(place(P6, order_id, MAX_PRICE), Error::<Test>::BidBookFull);
		assert_ok!(BidMatching::withdraw_bid(RuntimeOrigin::signed(P2), order_id));

		assert_ok!(place(P6, order_id, MAX_PRICE));

		assert_eq!(book(order_id), vec![P1, P3, P4, P6]);
		// No bid was displaced by it.
		assert!(!super::events().iter().any(|e| matches!(e, Event::BidDisplaced { .. })));
		assert_noop!(place(P7, order_id, MAX_PRICE), Error::<Test>::BidBookFull);
	});
}

#[test]
fn the_winner_is_the_head_of_the_book() {
	run_test(|| {
		register_provider(P6);
		let order_id = create_default_order(ALICE);
		for (p, price) in [(P1, 9), (P2, 9), (P3, 9), (P4, 9)] {
			bid(p, order_id, price);
		}
		// A cheaper latecomer displaces P4 and goes first.
		bid(P6, order_id, 9 - 1);
		assert_eq!(book(order_id), vec![P6, P1, P2, P3]);

		run_to_block(2 + WINDOW);

		let lease = last_lease().unwrap();
		assert_eq!((lease.provider, lease.price_per_block), (P6, 8));
		System::assert_has_event(
			Event::OrderMatched {
				order_id,
				lease_id: lease.id,
				tenant: ALICE,
				provider: P6,
				price: 8,
				escrow: BUDGET,
				bids_lost: 3,
			}
			.into(),
		);
	});
}
