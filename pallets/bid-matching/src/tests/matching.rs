//! Matching: `accept_bid`, and the hook's pick when the window ends among
//! bids that can all serve. Bids that cannot are in `forfeits.rs`.

use crate::{mock::*, *};
use polkadot_sdk::{
	frame_support::{assert_noop, assert_ok},
	sp_runtime::DispatchError,
};

fn accept(
	tenant: AccountId,
	order_id: u64,
	provider: AccountId,
) -> polkadot_sdk::sp_runtime::DispatchResult {
	BidMatching::accept_bid(RuntimeOrigin::signed(tenant), order_id, provider)
}

/// A change to a mock provider.
type Change = fn(&mut MockProvider);

/// Asserts the order ended and left nothing behind.
fn assert_order_gone(order_id: u64, window_end: u64) {
	assert_eq!(Orders::<Test>::get(order_id), None);
	assert!(!Expiries::<Test>::get(window_end).contains(&order_id));
	assert_eq!(BidMatching::bids(order_id), vec![]);
}

#[test]
fn accept_bid_opens_a_lease_with_the_budget_as_escrow_at_the_chosen_price() {
	run_test(|| {
		let order_id = create_default_order(ALICE);
		bid(P1, order_id, 8);
		bid(P2, order_id, 6);
		let escrow_before = free(ESCROW);

		// The tenant may choose any bid, not only the cheapest.
		assert_ok!(accept(ALICE, order_id, P1));

		assert_eq!(
			last_lease(),
			Some(MockLease {
				id: 100,
				order_id,
				tenant: ALICE,
				provider: P1,
				resources: SMALL,
				price_per_block: 8,
				min_term: MIN_LEASE_TERM,
				// The lease commits to the order's manifest.
				manifest: MANIFEST,
				asset: STRA,
				escrow: BUDGET,
				// Eight a block over the minimum term is worth 800: a
				// hundredth of it is below the floor.
				stake: MIN_LEASE_STAKE,
			})
		);
		// The budget, held by the lease manager since the order was created,
		// is now the lease's without moving; the deposit came back.
		assert_eq!(free(ALICE), INITIAL_BALANCE - BUDGET);
		assert_eq!(budget_held(ALICE), 0);
		assert_eq!(held(HoldReason::OrderDeposit, ALICE), 0);
		assert_eq!(free(ESCROW), escrow_before);
		// The winner's capacity is reserved; no bidder's balance or bond moved.
		assert_eq!(provider(P1).unwrap().reserved, SMALL);
		assert_eq!(provider(P2).unwrap().reserved, Resources::ZERO);
		for p in [P1, P2] {
			assert_eq!(free(p), INITIAL_BALANCE);
			assert_eq!(bond_of(p), BOND);
		}
		assert_order_gone(order_id, 1 + WINDOW);
		assert!(!Expiries::<Test>::contains_key(1 + WINDOW));
		assert!(!OrdersByTenant::<Test>::contains_key(ALICE, order_id));
		assert!(!OpenOrderCount::<Test>::contains_key(ALICE));
		System::assert_last_event(
			Event::OrderMatched {
				order_id,
				lease_id: 100,
				tenant: ALICE,
				provider: P1,
				price: 8,
				escrow: BUDGET,
				bids_lost: 1,
			}
			.into(),
		);
		// Nothing is left for the hook.
		run_to_block(3 + WINDOW);
		assert_eq!(Leases::get().len(), 1);
	});
}

#[test]
fn accept_bid_with_a_full_book_moves_the_tenants_funds_only() {
	run_test(|| {
		let order_id = create_default_order(ALICE);
		for (p, price) in [(P1, 5), (P2, 6), (P3, 7), (P4, 8)] {
			bid(p, order_id, price);
		}
		let total = Balances::total_issuance();

		assert_ok!(accept(ALICE, order_id, P3));

		// The tenant's budget goes to the escrow, its deposit back to it. No
		// bidder's free balance changes, not even the winner's.
		for p in [P1, P2, P3, P4] {
			assert_eq!(free(p), INITIAL_BALANCE);
			assert_eq!(bond_of(p), BOND);
		}
		assert_eq!(free(ALICE), INITIAL_BALANCE - BUDGET);
		assert_eq!(free(ESCROW), INITIAL_BALANCE + BUDGET);
		assert_eq!(Balances::total_issuance(), total);
		let events = super::events();
		assert_eq!(
			events.last(),
			Some(&Event::OrderMatched {
				order_id,
				lease_id: 100,
				tenant: ALICE,
				provider: P3,
				price: 7,
				escrow: BUDGET,
				bids_lost: 3,
			})
		);
		// One event for the match, none per losing bid.
		assert!(matches!(events[events.len() - 2], Event::BidPlaced { provider: P4, .. }));
	});
}

#[test]
fn accept_bid_is_allowed_on_the_last_window_block() {
	run_test(|| {
		let order_id = create_default_order(ALICE);
		bid(P1, order_id, 8);
		System::set_block_number(1 + WINDOW);
		assert_ok!(accept(ALICE, order_id, P1));
		assert_eq!(last_lease().map(|l| l.provider), Some(P1));
	});
}

#[test]
fn accept_bid_is_refused_to_others_for_unknown_bids_and_after_the_window() {
	run_test(|| {
		let order_id = create_default_order(ALICE);
		bid(P1, order_id, 8);
		assert_noop!(accept(BOB, order_id, P1), Error::<Test>::NotOrderOwner);
		assert_noop!(accept(P1, order_id, P1), Error::<Test>::NotOrderOwner);
		assert_noop!(accept(ALICE, 9, P1), Error::<Test>::UnknownOrder);
		assert_noop!(accept(ALICE, order_id, P2), Error::<Test>::UnknownBid);
		assert_noop!(
			BidMatching::accept_bid(RuntimeOrigin::none(), order_id, P1),
			DispatchError::BadOrigin
		);
		System::set_block_number(2 + WINDOW);
		assert_noop!(accept(ALICE, order_id, P1), Error::<Test>::BidWindowClosed);
	});
}

#[test]
fn accept_bid_refuses_a_provider_that_cannot_serve_now_with_the_bidding_error() {
	run_test(|| {
		let order_id = super::audited_order(ALICE);
		bid(P1, order_id, 8);

		let cases: [(Change, Change, DispatchError); 6] = [
			(|p| p.paused = true, |p| p.paused = false, PROVIDER_PAUSED),
			(|p| p.jailed = true, |p| p.jailed = false, PROVIDER_JAILED),
			(|p| p.bonded = false, |p| p.bonded = true, NOT_BONDED),
			// Its capacity went to another lease since it bid.
			(
				|p| p.reserved = CAPACITY,
				|p| p.reserved = Resources::ZERO,
				Error::<Test>::InsufficientCapacity.into(),
			),
			// It no longer declares a required attribute.
			(
				|p| p.attributes.retain(|(k, _)| k != b"tier"),
				|p| p.attributes.push((b"tier".to_vec(), b"gold".to_vec())),
				Error::<Test>::AttributesNotSatisfied.into(),
			),
			// The order's auditor no longer vouches for it.
			(
				|p| p.auditors.clear(),
				|p| p.auditors.push(AUDITOR),
				Error::<Test>::AttributesNotSatisfied.into(),
			),
		];
		for (break_it, mend_it, error) in cases {
			with_provider(P1, break_it);
			assert_noop!(accept(ALICE, order_id, P1), error);
			with_provider(P1, mend_it);
		}
		// Refusing forfeits nothing: the tenant may wait for the window end.
		assert_eq!(bond_of(P1), BOND);
		assert_ok!(accept(ALICE, order_id, P1));
	});
}

#[test]
fn accept_bid_undoes_everything_when_the_lease_manager_refuses() {
	run_test(|| {
		let order_id = create_default_order(ALICE);
		bid(P1, order_id, 8);
		// The lease manager refuses: nothing is reserved, and the budget
		// stays held for the order.
		FailOpenLease::set(&true);
		assert_noop!(accept(ALICE, order_id, P1), LEASE_REFUSED);
		assert_eq!(provider(P1).unwrap().reserved, Resources::ZERO);
		assert_eq!(budget_held(ALICE), BUDGET);
		assert_eq!(bond_of(P1), BOND);
	});
}

#[test]
fn hook_matches_the_lowest_price_when_the_window_ends() {
	run_test(|| {
		let order_id = create_default_order(ALICE);
		bid(P1, order_id, 9);
		bid(P2, order_id, 7);
		bid(P3, order_id, 8);
		let window_end = 1 + WINDOW;

		// The window's last block still belongs to the bidders.
		run_to_block(window_end);
		assert!(Orders::<Test>::contains_key(order_id));

		run_to_block(window_end + 1);
		let lease = last_lease().unwrap();
		assert_eq!((lease.provider, lease.price_per_block, lease.escrow), (P2, 7, BUDGET));
		assert_eq!(free(ALICE), INITIAL_BALANCE - BUDGET);
		assert_eq!(held(HoldReason::OrderDeposit, ALICE), 0);
		for p in [P1, P2, P3] {
			assert_eq!(free(p), INITIAL_BALANCE);
			assert_eq!(bond_of(p), BOND);
		}
		assert_eq!(provider(P2).unwrap().reserved, SMALL);
		assert_order_gone(order_id, window_end);
		assert_eq!(NextUnprocessedBlock::<Test>::get(), Some(window_end + 1));
		System::assert_last_event(
			Event::OrderMatched {
				order_id,
				lease_id: lease.id,
				tenant: ALICE,
				provider: P2,
				price: 7,
				escrow: BUDGET,
				bids_lost: 2,
			}
			.into(),
		);
	});
}

#[test]
fn hook_matches_the_earliest_bid_on_a_tie() {
	run_test(|| {
		let order_id = create_default_order(ALICE);
		// Account ids run against placement order, so only placement decides.
		bid(P3, order_id, 7);
		bid(P1, order_id, 7);
		bid(P2, order_id, 8);
		run_to_block(2 + WINDOW);
		assert_eq!(last_lease().map(|l| (l.provider, l.price_per_block)), Some((P3, 7)));
	});
}

#[test]
fn hook_ranks_a_withdrawn_and_replaced_bid_as_placed_last() {
	run_test(|| {
		let order_id = create_default_order(ALICE);
		bid(P1, order_id, 7);
		bid(P2, order_id, 7);
		assert_ok!(BidMatching::withdraw_bid(RuntimeOrigin::signed(P1), order_id));
		bid(P1, order_id, 7);
		run_to_block(2 + WINDOW);
		assert_eq!(last_lease().map(|l| l.provider), Some(P2));
	});
}

#[test]
fn hook_concludes_each_order_of_a_slot_on_its_own() {
	run_test(|| {
		let matched = create_default_order(ALICE);
		let expired = create_default_order(BOB);
		bid(P1, matched, 8);
		run_to_block(2 + WINDOW);
		assert_eq!(last_lease().map(|l| (l.order_id, l.provider)), Some((matched, P1)));
		assert_eq!(free(ALICE), INITIAL_BALANCE - BUDGET);
		// Bob's order took the slot's second place of three, past half: it
		// paid half a deposit to get in, which does not come back.
		assert_eq!(free(BOB), INITIAL_BALANCE - ORDER_DEPOSIT / 2);
		System::assert_has_event(
			Event::OrderExpired {
				order_id: expired,
				tenant: BOB,
				refunded: BUDGET + ORDER_DEPOSIT,
			}
			.into(),
		);
		assert!(!Expiries::<Test>::contains_key(1 + WINDOW));
	});
}
