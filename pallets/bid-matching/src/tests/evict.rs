//! `evict_bid`, and why a book cannot be jammed by bids that cannot be
//! served.

use super::{events, evict, forfeits, jam};
use crate::{mock::*, *};
use polkadot_sdk::{
	frame_support::{assert_noop, assert_ok, dispatch::Pays},
	sp_runtime::DispatchError,
};

/// An honest provider, beyond the four jammers.
const HONEST: AccountId = 16;

#[test]
fn evict_bid_drops_an_unservable_bid_forfeits_its_provider_and_waives_the_fee() {
	run_test(|| {
		let order_id = create_default_order(ALICE);
		bid(P1, order_id, 5);
		bid(P2, order_id, 6);
		with_provider(P1, |p| p.jailed = true);

		let info = evict(NOBODY, order_id, P1).expect("P1 cannot serve");

		assert_eq!(info.pays_fee, Pays::No);
		assert_eq!(book(order_id), vec![P2]);
		assert_eq!(bond_of(P1), BOND - BID_FORFEIT);
		assert_eq!(bond_of(P2), BOND);
		// The caller and the bidders' balances are untouched.
		for who in [NOBODY, P1, P2] {
			assert_eq!(free(who), INITIAL_BALANCE);
		}
		System::assert_last_event(
			Event::BidForfeited {
				order_id,
				provider: P1,
				reason: PROVIDER_JAILED,
				forfeited: BID_FORFEIT,
			}
			.into(),
		);
		// The order goes on; the evicted provider is not matched later.
		run_to_block(2 + WINDOW);
		assert_eq!(last_lease().map(|l| l.provider), Some(P2));
		assert_eq!(bond_of(P1), BOND - BID_FORFEIT, "forfeited once only");
	});
}

#[test]
fn evict_bid_names_each_reason_a_provider_cannot_serve() {
	run_test(|| {
		let order_id = super::audited_order(ALICE);
		for (p, price) in [(P1, 5), (P2, 6), (P3, 7), (P4, 8)] {
			bid(p, order_id, price);
		}
		with_provider(P1, |p| p.auditors.clear());
		with_provider(P2, |p| p.reserved = CAPACITY);
		with_provider(P3, |p| p.bonded = false);
		// Gone from the registry altogether.
		Providers::set(&Providers::get().into_iter().filter(|(p, _)| *p != P4).collect());

		for p in [P1, P2, P3, P4] {
			assert_ok!(evict(BOB, order_id, p));
		}

		assert_eq!(book(order_id), Vec::<AccountId>::new());
		assert_eq!(
			forfeits(),
			vec![
				(
					order_id,
					P1,
					DispatchError::from(Error::<Test>::AttributesNotSatisfied),
					BID_FORFEIT
				),
				(order_id, P3, NOT_BONDED, BID_FORFEIT),
				// Nothing is left to take from a provider the registry forgot.
				(order_id, P4, NOT_REGISTERED, 0),
			]
		);
		// P4's provider record was recreated empty by the mock's forfeit.
		for p in [P1, P3] {
			assert_eq!(bond_of(p), BOND - BID_FORFEIT);
		}
		// Capacity taken by other leases is no reason to fine a provider on
		// eviction: its bid is dropped at no cost.
		assert_eq!(bond_of(P2), BOND);
		System::assert_has_event(
			Event::BidDropped {
				order_id,
				provider: P2,
				reason: Error::<Test>::InsufficientCapacity.into(),
			}
			.into(),
		);
	});
}

#[test]
fn evict_bid_forfeits_no_more_than_is_left_of_the_bond() {
	run_test(|| {
		let order_id = create_default_order(ALICE);
		bid(P1, order_id, 5);
		with_provider(P1, |p| {
			p.paused = true;
			p.bond = 2;
		});
		assert_ok!(evict(NOBODY, order_id, P1));
		assert_eq!(bond_of(P1), 0);
		System::assert_last_event(
			Event::BidForfeited { order_id, provider: P1, reason: PROVIDER_PAUSED, forfeited: 2 }
				.into(),
		);
	});
}

#[test]
fn evict_bid_is_refused_for_servable_unknown_or_closed_bids_and_the_fee_is_paid() {
	run_test(|| {
		let order_id = create_default_order(ALICE);
		bid(P1, order_id, 5);

		// A bid that can be served stays, whoever asks (its tenant too).
		assert_noop!(evict(NOBODY, order_id, P1), Error::<Test>::BidCanBeServed);
		assert_noop!(evict(ALICE, order_id, P1), Error::<Test>::BidCanBeServed);
		assert_noop!(evict(P1, order_id, P1), Error::<Test>::BidCanBeServed);
		// No bid of that provider, or no such order.
		assert_noop!(evict(NOBODY, order_id, P2), Error::<Test>::UnknownBid);
		assert_noop!(evict(NOBODY, 9, P1), Error::<Test>::UnknownOrder);
		assert_noop!(
			BidMatching::evict_bid(RuntimeOrigin::none(), order_id, P1),
			DispatchError::BadOrigin
		);
		// A failed eviction pays its fee.
		let failed = evict(NOBODY, order_id, P1).unwrap_err();
		assert_eq!(failed.post_info.pays_fee, Pays::Yes);
		assert_eq!(failed.error, Error::<Test>::BidCanBeServed.into());

		// Once the window is closed the hook decides, even about a bid that
		// cannot be served.
		with_provider(P1, |p| p.paused = true);
		System::set_block_number(2 + WINDOW);
		assert_noop!(evict(NOBODY, order_id, P1), Error::<Test>::BidWindowClosed);
		let failed = evict(NOBODY, order_id, P1).unwrap_err();
		assert_eq!(failed.post_info.pays_fee, Pays::Yes);
		assert_eq!(bond_of(P1), BOND);
		assert!(forfeits().is_empty());
	});
}

#[test]
fn evict_bid_works_up_to_the_last_window_block() {
	run_test(|| {
		let order_id = create_default_order(ALICE);
		bid(P1, order_id, 5);
		with_provider(P1, |p| p.paused = true);
		System::set_block_number(1 + WINDOW);
		assert_ok!(evict(NOBODY, order_id, P1));
		assert_eq!(book(order_id), Vec::<AccountId>::new());
	});
}

#[test]
fn a_book_jammed_by_unservable_bids_is_cleared_by_eviction_and_at_window_end() {
	run_test(|| {
		register_provider(HONEST);
		let order_id = create_default_order(ALICE);
		// Four bids fill the book, all cheaper than the honest provider's
		// price; then their providers pause, so none of them can serve.
		jam(order_id);
		let honest_price = 9;

		// The honest bid is the most expensive: a full book refuses it.
		assert_noop!(
			BidMatching::place_bid(RuntimeOrigin::signed(HONEST), order_id, honest_price),
			Error::<Test>::BidBookFull
		);

		// Anyone evicts one jammer, free of charge; the jammer forfeits.
		let info = evict(HONEST, order_id, P4).expect("P4 is paused");
		assert_eq!(info.pays_fee, Pays::No);
		assert_eq!(bond_of(P4), BOND - BID_FORFEIT);
		System::assert_last_event(
			Event::BidForfeited {
				order_id,
				provider: P4,
				reason: PROVIDER_PAUSED,
				forfeited: BID_FORFEIT,
			}
			.into(),
		);

		// Now there is room.
		assert_ok!(BidMatching::place_bid(RuntimeOrigin::signed(HONEST), order_id, honest_price));
		assert_eq!(book(order_id), vec![P1, P2, P3, HONEST]);

		// At window end the hook works from the best bid: every remaining
		// jammer forfeits, the honest bid wins.
		run_to_block(1 + WINDOW);
		assert!(Orders::<Test>::contains_key(order_id));
		run_to_block(2 + WINDOW);

		for p in [P1, P2, P3, P4] {
			assert_eq!(bond_of(p), BOND - BID_FORFEIT, "each jammer forfeits once");
			assert_eq!(free(p), INITIAL_BALANCE);
		}
		assert_eq!(bond_of(HONEST), BOND);
		assert_eq!(
			forfeits(),
			vec![
				(order_id, P4, PROVIDER_PAUSED, BID_FORFEIT),
				(order_id, P1, PROVIDER_PAUSED, BID_FORFEIT),
				(order_id, P2, PROVIDER_PAUSED, BID_FORFEIT),
				(order_id, P3, PROVIDER_PAUSED, BID_FORFEIT),
			]
		);
		let lease = last_lease().unwrap();
		assert_eq!((lease.provider, lease.price_per_block, lease.escrow), (HONEST, 9, BUDGET));
		assert_eq!(provider(HONEST).unwrap().reserved, SMALL);
		assert_eq!(Orders::<Test>::get(order_id), None);
		assert_eq!(
			events().last(),
			Some(&Event::OrderMatched {
				order_id,
				lease_id: lease.id,
				tenant: ALICE,
				provider: HONEST,
				price: honest_price,
				escrow: BUDGET,
				bids_lost: 0,
			})
		);
	});
}
