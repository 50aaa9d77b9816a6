//! The lease cap and the free bond in the one serving predicate: a provider
//! that cannot take one more lease, or whose free bond cannot back it,
//! cannot bid, is screened out, and forfeits a bid that stood before, so
//! that nobody jams an order for free by bidding with a full book of leases.

use super::{evict, forfeits};
use crate::{mock::*, *};
use polkadot_sdk::frame_support::{assert_noop, assert_ok};
use stratus_primitives::Exclusion;

/// `who` serves as many leases as the lease manager lets it.
fn at_lease_cap(who: AccountId) {
	with_provider(who, |p| p.leases = MAX_PROVIDER_LEASES);
}

/// `who`'s leases commit all but `free` of its bond.
fn free_bond(who: AccountId, free: Balance) {
	with_provider(who, |p| p.committed = p.bond - free);
}

#[test]
fn a_provider_at_its_lease_cap_cannot_bid() {
	run_test(|| {
		let order_id = create_default_order(ALICE);
		at_lease_cap(P1);
		assert_noop!(place(P1, order_id, 5), TOO_MANY_PROVIDER_LEASES);
		with_provider(P1, |p| p.leases = MAX_PROVIDER_LEASES - 1);
		assert_ok!(place(P1, order_id, 5));
	});
}

#[test]
fn a_standing_bid_of_a_provider_that_reached_its_lease_cap_is_evicted_with_a_forfeit() {
	run_test(|| {
		let order_id = create_default_order(ALICE);
		bid(P1, order_id, 5);
		bid(P2, order_id, 6);
		// P1 takes leases elsewhere until it is full.
		at_lease_cap(P1);
		// Before, the predicate did not look at the lease count: the bid
		// "could be served", could not be evicted, and dropped free at the
		// window's end.
		assert_ok!(evict(NOBODY, order_id, P1));
		assert_eq!(forfeits(), vec![(order_id, P1, TOO_MANY_PROVIDER_LEASES, BID_FORFEIT)]);
		assert_eq!(bond_of(P1), BOND - BID_FORFEIT);
		run_to_block(2 + WINDOW);
		assert_eq!(last_lease().map(|l| l.provider), Some(P2));
	});
}

#[test]
fn a_best_bid_at_its_lease_cap_forfeits_at_the_window_end_and_the_next_wins() {
	run_test(|| {
		let order_id = create_default_order(ALICE);
		bid(P1, order_id, 5);
		bid(P2, order_id, 6);
		at_lease_cap(P1);
		run_to_block(2 + WINDOW);
		assert_eq!(forfeits(), vec![(order_id, P1, TOO_MANY_PROVIDER_LEASES, BID_FORFEIT)]);
		assert_eq!(last_lease().map(|l| l.provider), Some(P2));
		// No bid was dropped for free.
		assert!(!super::events().iter().any(|e| matches!(e, Event::BidDropped { .. })));
	});
}

#[test]
fn the_tenant_cannot_accept_a_bid_its_provider_has_no_room_for() {
	run_test(|| {
		let order_id = create_default_order(ALICE);
		bid(P1, order_id, 5);
		at_lease_cap(P1);
		assert_noop!(
			BidMatching::accept_bid(RuntimeOrigin::signed(ALICE), order_id, P1),
			TOO_MANY_PROVIDER_LEASES
		);
	});
}

#[test]
fn a_provider_whose_free_bond_cannot_back_the_lease_cannot_bid_and_forfeits_a_standing_bid() {
	run_test(|| {
		let order_id = create_default_order(ALICE);
		let other = create_default_order(BOB);
		bid(P1, order_id, 5);
		// Its leases commit all but less than the floor of a slice.
		free_bond(P1, MIN_LEASE_STAKE - 1);
		assert_noop!(place(P1, other, 5), INSUFFICIENT_FREE_BOND);
		assert_ok!(evict(NOBODY, order_id, P1));
		assert_eq!(forfeits(), vec![(order_id, P1, INSUFFICIENT_FREE_BOND, BID_FORFEIT)]);
		// With the floor free it bids again.
		free_bond(P1, MIN_LEASE_STAKE + BID_FORFEIT);
		assert_ok!(place(P1, other, 5));
	});
}

#[test]
fn a_match_commits_the_winners_slice_of_bond() {
	run_test(|| {
		let order_id = create_default_order(ALICE);
		bid(P1, order_id, 5);
		assert_ok!(BidMatching::accept_bid(RuntimeOrigin::signed(ALICE), order_id, P1));
		let slice = slice_for(5 * MIN_LEASE_TERM);
		assert_eq!(last_lease().map(|l| l.stake), Some(slice));
		assert_eq!(provider(P1).map(|p| p.committed), Some(slice));
	});
}

#[test]
fn screening_counts_the_lease_cap_as_capacity_and_the_free_bond_as_bond() {
	run_test(|| {
		let order_id = create_default_order(ALICE);
		let order = Orders::<Test>::get(order_id).unwrap();
		at_lease_cap(P1);
		free_bond(P2, 0);
		let view = BidMatching::screen_order(
			order.resources,
			order.attributes.clone(),
			None,
			MAX_PRICE,
			Default::default(),
			None,
			4,
		)
		.unwrap();
		assert!(!view.eligible.contains(&P1) && !view.eligible.contains(&P2));
		let refused = |who| {
			let wants = types::Wants::new(
				&order.resources,
				&order.attributes,
				None,
				&order.requirements,
				None,
			);
			BidMatching::screen_provider(&who, &wants).unwrap_err().reason
		};
		assert_eq!(refused(P1), Exclusion::Capacity);
		assert_eq!(refused(P2), Exclusion::Bond);
		assert!(view.excluded.capacity >= 1 && view.excluded.bond >= 1);
	});
}
