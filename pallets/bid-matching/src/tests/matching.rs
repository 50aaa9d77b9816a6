//! Matching: `accept_bid` and the hook's auction when the window ends.

use crate::{mock::*, *};
use polkadot_sdk::{
	frame_support::{assert_noop, assert_ok},
	sp_runtime::DispatchError,
};

fn accept(
	tenant: AccountId,
	order_id: u64,
	provider: AccountId,
) -> polkadot_sdk::frame_support::dispatch::DispatchResultWithPostInfo {
	BidMatching::accept_bid(RuntimeOrigin::signed(tenant), order_id, provider)
}

/// Asserts the order ended and left nothing behind.
fn assert_order_gone(order_id: u64, window_end: u64) {
	assert_eq!(Orders::<Test>::get(order_id), None);
	assert_eq!(Bids::<Test>::iter_prefix(order_id).count(), 0);
	assert!(!OrderBidders::<Test>::contains_key(order_id));
	assert!(!Expiries::<Test>::get(window_end).contains(&order_id));
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
				escrow: BUDGET,
			})
		);
		// The budget left the tenant and went to the lease; the deposit came back.
		assert_eq!(free(ALICE), INITIAL_BALANCE - BUDGET);
		assert_eq!(held(HoldReason::OrderBudget, ALICE), 0);
		assert_eq!(held(HoldReason::OrderDeposit, ALICE), 0);
		assert_eq!(free(ESCROW), escrow_before + BUDGET);
		// Winner and loser both have their deposits back; the winner's
		// capacity is reserved.
		assert_eq!(free(P1), INITIAL_BALANCE);
		assert_eq!(free(P2), INITIAL_BALANCE);
		assert_eq!(provider(P1).unwrap().reserved, SMALL);
		assert_eq!(provider(P2).unwrap().reserved, Resources::ZERO);
		assert_order_gone(order_id, 1 + WINDOW);
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
fn accept_bid_is_refused_to_others_for_unknown_bids_and_after_the_window() {
	run_test(|| {
		let order_id = create_default_order(ALICE);
		bid(P1, order_id, 8);
		assert_noop!(accept(BOB, order_id, P1), Error::<Test>::NotOrderOwner);
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
fn accept_bid_fails_without_change_when_the_winner_can_no_longer_serve() {
	run_test(|| {
		let order_id = create_default_order(ALICE);
		bid(P1, order_id, 8);

		with_provider(P1, |p| p.jailed = true);
		assert_noop!(accept(ALICE, order_id, P1), DispatchError::Other("ProviderJailed"));
		with_provider(P1, |p| p.jailed = false);

		with_provider(P1, |p| p.bonded = false);
		assert_noop!(accept(ALICE, order_id, P1), DispatchError::Other("NotBonded"));
		with_provider(P1, |p| p.bonded = true);

		// Its capacity went to another lease since it bid.
		with_provider(P1, |p| p.reserved = CAPACITY);
		assert_noop!(accept(ALICE, order_id, P1), DispatchError::Other("CapacityExhausted"));
		with_provider(P1, |p| p.reserved = Resources::ZERO);

		// The lease manager refuses after the capacity was reserved and the
		// budget released: all of it is undone.
		FailOpenLease::set(&true);
		assert_noop!(accept(ALICE, order_id, P1), DispatchError::Other("LeaseRefused"));
		assert_eq!(provider(P1).unwrap().reserved, Resources::ZERO);
		assert_eq!(held(HoldReason::OrderBudget, ALICE), BUDGET);
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
		for p in [P1, P2, P3] {
			assert_eq!(free(p), INITIAL_BALANCE);
		}
		assert_order_gone(order_id, window_end);
		System::assert_has_event(
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
fn hook_passes_over_a_winner_that_can_no_longer_serve() {
	run_test(|| {
		let order_id = create_default_order(ALICE);
		bid(P1, order_id, 5);
		bid(P2, order_id, 6);
		bid(P3, order_id, 7);
		// The cheapest lost its capacity to another lease, the next was jailed.
		with_provider(P1, |p| p.reserved = CAPACITY);
		with_provider(P2, |p| p.jailed = true);

		run_to_block(2 + WINDOW);

		assert_eq!(last_lease().map(|l| (l.provider, l.price_per_block)), Some((P3, 7)));
		assert_eq!(provider(P3).unwrap().reserved, SMALL);
		// Every deposit came back, the passed-over bidders' included.
		for p in [P1, P2, P3] {
			assert_eq!(free(p), INITIAL_BALANCE);
		}
		System::assert_has_event(
			Event::OrderMatched {
				order_id,
				lease_id: 100,
				tenant: ALICE,
				provider: P3,
				price: 7,
				escrow: BUDGET,
				bids_lost: 2,
			}
			.into(),
		);
	});
}

#[test]
fn hook_expires_the_order_when_no_bid_can_be_matched_and_undoes_every_attempt() {
	run_test(|| {
		let order_id = create_default_order(ALICE);
		bid(P1, order_id, 5);
		bid(P2, order_id, 6);
		// Each attempt reserves capacity and releases the budget before the
		// lease manager refuses; each must be rolled back.
		FailOpenLease::set(&true);

		run_to_block(2 + WINDOW);

		assert_eq!(last_lease(), None);
		assert_eq!(provider(P1).unwrap().reserved, Resources::ZERO);
		assert_eq!(provider(P2).unwrap().reserved, Resources::ZERO);
		for who in [ALICE, P1, P2] {
			assert_eq!(free(who), INITIAL_BALANCE);
		}
		assert_order_gone(order_id, 1 + WINDOW);
		System::assert_last_event(
			Event::OrderExpired {
				order_id,
				tenant: ALICE,
				refunded: BUDGET + ORDER_DEPOSIT,
				bids_returned: 2,
			}
			.into(),
		);
	});
}
