//! Orders matched by the block hook: the cheapest earliest bid wins, a winner
//! that can no longer serve is passed over, and an order without bids expires.

use super::*;
use crate::configs::foreign_assets::MarketAsset;
use frame_support::assert_noop;
use sp_keyring::Sr25519Keyring::{Alice, Eve, Ferdie};

#[test]
fn the_hook_matches_the_cheapest_earliest_bid_when_the_window_ends() {
	run(|| {
		three_providers();
		// Eve offers machines elsewhere; Ferdie offers none.
		register_and_bond(Eve, "us-east");
		let budget = MAX_PRICE * 1_000;
		let order_id = create_order(Alice, MAX_PRICE, budget);
		let window_end = System::block_number() + bid_window();
		// The budget is held as escrow from the start, for the lease-to-be.
		assert_eq!(escrow_held(Alice), budget);
		assert_eq!(
			pallet_lease_escrow::HeldBudgets::<Runtime>::get(
				Alice.to_account_id(),
				MarketAsset::Native
			),
			budget
		);
		assert_eq!(
			held(pallet_bid_matching::HoldReason::OrderDeposit, Alice),
			market::OrderDeposit::get()
		);

		let cheap = MAX_PRICE - 1_000;
		assert_ok!(bid(Bob, order_id, MAX_PRICE));
		next_block();
		assert_ok!(bid(Charlie, order_id, cheap));
		next_block();
		// As cheap as Charlie but later: loses the tie.
		assert_ok!(bid(Dave, order_id, cheap));
		// A bid holds nothing of the bidder's: the order deposit pays for the book.
		let bidders_free = [Bob, Charlie, Dave].map(free);
		assert_noop!(
			bid(Eve, order_id, cheap),
			pallet_bid_matching::Error::<Runtime>::AttributesNotSatisfied
		);
		assert_noop!(
			bid(Ferdie, order_id, cheap),
			pallet_resource_registry::Error::<Runtime>::UnknownProvider
		);
		assert_noop!(bid(Bob, order_id, cheap), pallet_bid_matching::Error::<Runtime>::AlreadyBid);
		assert_noop!(
			bid(Eve, order_id, MAX_PRICE + 1),
			pallet_bid_matching::Error::<Runtime>::BidAboveMaxPrice
		);

		// Bids are taken up to and including the window's last block.
		run_to(window_end);
		assert!(pallet_bid_matching::Orders::<Runtime>::contains_key(order_id));
		let alice_free = free(Alice);

		next_block();
		let started = window_end + 1;
		assert!(!pallet_bid_matching::Orders::<Runtime>::contains_key(order_id));
		let lease_id = matched_lease(order_id);
		assert!(has_event(pallet_bid_matching::Event::OrderMatched {
			order_id,
			lease_id,
			tenant: Alice.to_account_id(),
			provider: Charlie.to_account_id(),
			price: cheap,
			escrow: budget,
			bids_lost: 2,
		}));
		let opened = lease(lease_id);
		assert_eq!(opened.provider, Charlie.to_account_id());
		assert_eq!(opened.price_per_block, cheap);
		assert_eq!(opened.started_at, started);
		let min_term: BlockNumber = <Runtime as pallet_bid_matching::Config>::MinLeaseTerm::get();
		assert_eq!(opened.min_term, min_term);
		let funded = BlockNumber::try_from(budget / cheap).expect("fits");
		assert_eq!(opened.run_dry_at, started + funded);

		// The budget became the lease's escrow where it was held; the order
		// deposit came back, and the losing bidders had nothing to get back.
		assert_eq!(escrow_held(Alice), budget);
		assert!(!pallet_lease_escrow::HeldBudgets::<Runtime>::contains_key(
			Alice.to_account_id(),
			MarketAsset::Native
		));
		assert_eq!(held(pallet_bid_matching::HoldReason::OrderDeposit, Alice), 0);
		assert_eq!(free(Alice), alice_free + market::OrderDeposit::get());
		assert_eq!([Bob, Charlie, Dave].map(free), bidders_free);
		assert_eq!(provider(Charlie).allocated, NEED);
		assert_eq!(provider(Charlie).active_leases, 1);
		assert_eq!(provider(Dave).allocated, Resources::ZERO);
		assert_noop!(
			bid(Dave, order_id, cheap),
			pallet_bid_matching::Error::<Runtime>::UnknownOrder
		);
	});
}

#[test]
fn the_hook_forfeits_a_winner_that_can_no_longer_serve_and_the_next_wins() {
	run(|| {
		three_providers();
		let budget = MAX_PRICE * 1_000;
		let order_id = create_order(Alice, MAX_PRICE, budget);
		let window_end = System::block_number() + bid_window();
		assert_ok!(bid(Charlie, order_id, MAX_PRICE - 2));
		assert_ok!(bid(Dave, order_id, MAX_PRICE - 1));
		assert_ok!(bid(Bob, order_id, MAX_PRICE));
		// The cheapest bidder stops taking orders before the window ends.
		assert_ok!(call(signed(Charlie), RegistryCall::pause_provider {}));
		let charlie_bond = bond_of(Charlie).total();
		let alice_free = free(Alice);

		run_to(window_end + 1);
		// Its bid counted and it could not serve: it forfeits, to the treasury.
		let forfeit = market::BidForfeit::get();
		assert_eq!(bond_of(Charlie).total(), charlie_bond - forfeit);
		assert!(has_event(pallet_bid_matching::Event::BidForfeited {
			order_id,
			provider: Charlie.to_account_id(),
			reason: pallet_resource_registry::Error::<Runtime>::ProviderPaused.into(),
			forfeited: forfeit,
		}));
		assert!(has_event(pallet_provider_slashing::Event::Slashed {
			provider: Charlie.to_account_id(),
			amount: forfeit,
			to_tenant: 0,
			to_treasury: forfeit,
			reason: SlashReason::UnservableBid { order_id },
		}));
		assert_eq!(free(Alice), alice_free + market::OrderDeposit::get());
		let lease_id = matched_lease(order_id);
		assert!(has_event(pallet_bid_matching::Event::OrderMatched {
			order_id,
			lease_id,
			tenant: Alice.to_account_id(),
			provider: Dave.to_account_id(),
			price: MAX_PRICE - 1,
			escrow: budget,
			bids_lost: 1,
		}));
		assert_eq!(provider(Charlie).allocated, Resources::ZERO);
		assert_eq!(provider(Dave).allocated, NEED);
		// Losing is free, and counts no fault.
		assert_eq!(bond_of(Bob).total(), market::MinProviderBond::get());
		assert_eq!(bond_of(Charlie).faults, 0);
	});
}

#[test]
fn an_order_without_bids_expires_and_refunds_the_tenant() {
	run(|| {
		three_providers();
		let alice_free = free(Alice);
		let budget = MAX_PRICE * 100;
		let order_id = create_order(Alice, MAX_PRICE, budget);
		let window_end = System::block_number() + bid_window();
		run_to(window_end + 1);
		assert!(!pallet_bid_matching::Orders::<Runtime>::contains_key(order_id));
		assert!(has_event(pallet_bid_matching::Event::OrderExpired {
			order_id,
			tenant: Alice.to_account_id(),
			refunded: budget + market::OrderDeposit::get(),
		}));
		assert_eq!(free(Alice), alice_free);
		assert_eq!(pallet_lease_escrow::NextLeaseId::<Runtime>::get(), 0);
	});
}
