//! The hook asks, at window end, whether each bid it comes to can serve
//! then: one that cannot is dropped and forfeits, and the next one is tried.

use super::{audited_order, events, forfeits, jam};
use crate::{mock::*, *};
use polkadot_sdk::sp_runtime::DispatchError;

#[test]
fn hook_forfeits_bids_that_lost_their_audit_capacity_or_bond_and_matches_the_next() {
	run_test(|| {
		let order_id = audited_order(ALICE);
		for (p, price) in [(P1, 5), (P2, 6), (P3, 7), (P4, 8)] {
			bid(p, order_id, price);
		}
		// After bidding: the auditor stops vouching for P1, P2's capacity
		// goes to another lease, P3 unbonds. P4 still can serve.
		with_provider(P1, |p| p.auditors.clear());
		with_provider(P2, |p| p.reserved = CAPACITY);
		with_provider(P3, |p| p.bonded = false);

		run_to_block(2 + WINDOW);

		assert_eq!(
			forfeits(),
			vec![
				(
					order_id,
					P1,
					DispatchError::from(Error::<Test>::AttributesNotSatisfied),
					BID_FORFEIT
				),
				(
					order_id,
					P2,
					DispatchError::from(Error::<Test>::InsufficientCapacity),
					BID_FORFEIT
				),
				(order_id, P3, NOT_BONDED, BID_FORFEIT),
			]
		);
		for p in [P1, P2, P3] {
			assert_eq!(bond_of(p), BOND - BID_FORFEIT);
			assert_eq!(free(p), INITIAL_BALANCE);
		}
		assert_eq!(bond_of(P4), BOND);
		let lease = last_lease().unwrap();
		assert_eq!((lease.provider, lease.price_per_block), (P4, 8));
		assert_eq!(provider(P4).unwrap().reserved, SMALL);
		// The forfeits come first, then the match, which counts no bid lost:
		// the forfeited ones had left the book already.
		assert_eq!(
			events().last(),
			Some(&Event::OrderMatched {
				order_id,
				lease_id: lease.id,
				tenant: ALICE,
				provider: P4,
				price: 8,
				escrow: BUDGET,
				bids_lost: 0,
			})
		);
	});
}

#[test]
fn hook_forfeits_a_jailed_best_bid_and_one_that_dropped_a_required_attribute() {
	run_test(|| {
		let order_id = create_default_order(ALICE);
		bid(P1, order_id, 5);
		bid(P2, order_id, 6);
		bid(P3, order_id, 7);
		with_provider(P1, |p| p.jailed = true);
		// It no longer declares the region the order requires.
		with_provider(P2, |p| p.attributes.clear());

		run_to_block(2 + WINDOW);

		assert_eq!(
			forfeits(),
			vec![
				(order_id, P1, PROVIDER_JAILED, BID_FORFEIT),
				(
					order_id,
					P2,
					DispatchError::from(Error::<Test>::AttributesNotSatisfied),
					BID_FORFEIT
				),
			]
		);
		assert_eq!(last_lease().map(|l| (l.provider, l.price_per_block)), Some((P3, 7)));
	});
}

#[test]
fn hook_expires_the_order_when_no_bid_can_serve_after_forfeiting_each() {
	run_test(|| {
		let order_id = create_default_order(ALICE);
		jam(order_id);

		run_to_block(2 + WINDOW);

		assert_eq!(last_lease(), None);
		for p in [P1, P2, P3, P4] {
			assert_eq!(bond_of(p), BOND - BID_FORFEIT);
			assert_eq!(free(p), INITIAL_BALANCE);
			assert_eq!(provider(p).unwrap().reserved, Resources::ZERO);
		}
		assert_eq!(forfeits().iter().map(|f| f.1).collect::<Vec<_>>(), vec![P1, P2, P3, P4]);
		// The tenant gets back everything it put in.
		assert_eq!(free(ALICE), INITIAL_BALANCE);
		assert_eq!(Orders::<Test>::get(order_id), None);
		assert_eq!(
			events().last(),
			Some(&Event::OrderExpired {
				order_id,
				tenant: ALICE,
				refunded: BUDGET + ORDER_DEPOSIT,
			})
		);
	});
}

#[test]
fn hook_does_not_forfeit_a_servable_bid_whose_match_is_refused_elsewhere() {
	run_test(|| {
		let order_id = create_default_order(ALICE);
		bid(P1, order_id, 5);
		bid(P2, order_id, 6);
		// Both providers can serve, but the lease manager refuses every
		// lease (as it would a tenant with too many leases). Each attempt
		// reserves capacity and releases the budget before the refusal; each
		// is undone, and no provider pays for what is not its fault.
		FailOpenLease::set(&true);

		run_to_block(2 + WINDOW);

		assert_eq!(last_lease(), None);
		assert!(forfeits().is_empty());
		for p in [P1, P2] {
			assert_eq!(bond_of(p), BOND);
			assert_eq!(provider(p).unwrap().reserved, Resources::ZERO);
			assert_eq!(free(p), INITIAL_BALANCE);
		}
		assert_eq!(free(ALICE), INITIAL_BALANCE);
		assert_eq!(Orders::<Test>::get(order_id), None);
		// Each drop is on record.
		for provider in [P1, P2] {
			System::assert_has_event(
				Event::BidDropped { order_id, provider, reason: LEASE_REFUSED }.into(),
			);
		}
		System::assert_last_event(
			Event::OrderExpired { order_id, tenant: ALICE, refunded: BUDGET + ORDER_DEPOSIT }
				.into(),
		);
	});
}

#[test]
fn a_provider_forfeits_once_per_order_it_cannot_serve() {
	run_test(|| {
		// P1 bids best on two orders, then pauses: it forfeits on each.
		let first = create_default_order(ALICE);
		let second = create_default_order(BOB);
		for order_id in [first, second] {
			bid(P1, order_id, 5);
			bid(P2, order_id, 6);
		}
		with_provider(P1, |p| p.paused = true);

		run_to_block(2 + WINDOW);

		assert_eq!(
			forfeits(),
			vec![
				(first, P1, PROVIDER_PAUSED, BID_FORFEIT),
				(second, P1, PROVIDER_PAUSED, BID_FORFEIT),
			]
		);
		assert_eq!(bond_of(P1), BOND - 2 * BID_FORFEIT);
		// P2 has the capacity for both.
		let leases: Vec<_> = Leases::get().into_iter().map(|l| (l.order_id, l.provider)).collect();
		assert_eq!(leases, vec![(first, P2), (second, P2)]);
	});
}

#[test]
fn a_winner_that_takes_its_capacity_forfeits_on_the_next_order_it_cannot_fit() {
	run_test(|| {
		// P1 can fit one order of this size, not two.
		with_provider(P1, |p| {
			p.capacity = Resources { storage_gib: SMALL.storage_gib * 3 / 2, ..CAPACITY }
		});
		let first = create_default_order(ALICE);
		let second = create_default_order(BOB);
		for order_id in [first, second] {
			bid(P1, order_id, 5);
			bid(P2, order_id, 6);
		}

		run_to_block(2 + WINDOW);

		// The first order is concluded first, and P1 wins it; its capacity is
		// then too small for the second, where it forfeits and P2 wins.
		let leases: Vec<_> = Leases::get().into_iter().map(|l| (l.order_id, l.provider)).collect();
		assert_eq!(leases, vec![(first, P1), (second, P2)]);
		assert_eq!(
			forfeits(),
			vec![(
				second,
				P1,
				DispatchError::from(Error::<Test>::InsufficientCapacity),
				BID_FORFEIT
			)]
		);
	});
}
