//! Lease escrow: the provider and the treasury paid block by block, top-ups,
//! the tenant refunded on close and third parties by claim, and a lease that
//! runs dry.

use super::*;
use frame_support::assert_noop;
use sp_keyring::Sr25519Keyring::{Alice, Ferdie};
use stratus_primitives::CloseReason;

#[test]
fn a_lease_pays_provider_and_treasury_and_refunds_exactly_on_close() {
	run(|| {
		three_providers();
		let budget = MAX_PRICE * 1_000;
		let order_id = create_order(Alice, MAX_PRICE, budget);
		let price = MAX_PRICE - 5;
		assert_ok!(bid(Bob, order_id, price));
		assert_ok!(bid(Charlie, order_id, price - 1_000));
		assert_noop!(
			call(signed(Dave), BidCall::accept_bid { order_id, provider: Bob.to_account_id() }),
			pallet_bid_matching::Error::<Runtime>::NotOrderOwner
		);
		// The tenant may pick any bid, not only the cheapest.
		assert_ok!(call(
			signed(Alice),
			BidCall::accept_bid { order_id, provider: Bob.to_account_id() }
		));
		let lease_id = matched_lease(order_id);
		assert_ok!(call(signed(Bob), EscrowCall::confirm_ready { lease_id }));
		assert!(has_event(pallet_bid_matching::Event::OrderMatched {
			order_id,
			lease_id,
			tenant: Alice.to_account_id(),
			provider: Bob.to_account_id(),
			price,
			escrow: budget,
			bids_lost: 1,
		}));
		let started = System::block_number();
		let bond = bond_of(Bob).total();

		// The provider collects what 25 blocks owe.
		run_to(started + 25);
		let owed = price * 25;
		assert_eq!(LeaseEscrow::lease_view(lease_id).expect("active").owed_now, owed);
		let (to_treasury, to_bob) = split(owed);
		let (bob_free, treasury) = (free(Bob), treasury_free());
		assert_noop!(
			call(signed(Charlie), EscrowCall::withdraw { lease_id }),
			pallet_lease_escrow::Error::<Runtime>::NotProvider
		);
		assert_ok!(call(signed(Bob), EscrowCall::withdraw { lease_id }));
		assert_eq!(free(Bob), bob_free + to_bob);
		assert_eq!(treasury_free(), treasury + to_treasury);
		assert_eq!(escrow_held(Alice), budget - owed);
		assert!(has_event(pallet_lease_escrow::Event::Withdrawn {
			lease_id,
			provider: Bob.to_account_id(),
			paid_to_provider: to_bob,
			paid_to_treasury: to_treasury,
			settled_up_to: started + 25,
		}));

		// Anyone may top up; the lease is settled first (a ledger entry, no
		// payment), then re-timed. The top-up moves into the tenant's hold.
		run_to(started + 32);
		let top_up = price * 40 + 3;
		assert_noop!(
			call(signed(Ferdie), EscrowCall::deposit { lease_id, amount: 1 }),
			pallet_lease_escrow::Error::<Runtime>::DepositTooSmall
		);
		let (bob_free, treasury, ferdie_free) = (free(Bob), treasury_free(), free(Ferdie));
		assert_ok!(call(signed(Ferdie), EscrowCall::deposit { lease_id, amount: top_up }));
		assert_eq!(free(Bob), bob_free, "settling pays nothing out");
		assert_eq!(treasury_free(), treasury);
		assert_eq!(escrow_held(Ferdie), 0);
		assert_eq!(free(Ferdie), ferdie_free - top_up);
		assert_eq!(escrow_held(Alice), budget - owed + top_up);
		let balance = budget - price * 32 + top_up;
		let run_dry_at =
			started + 32 + BlockNumber::try_from(balance / price).expect("fits in a block number");
		assert_eq!(lease(lease_id).run_dry_at, run_dry_at);
		assert!(has_event(pallet_lease_escrow::Event::Deposited {
			lease_id,
			index: Some(0),
			depositor: Ferdie.to_account_id(),
			amount: top_up,
			run_dry_at,
		}));
		let (seven_to_treasury, seven_to_bob) = split(price * 7);
		assert_eq!(
			LeaseEscrow::lease_view(lease_id).expect("active").owed_to_provider,
			seven_to_bob
		);

		// The tenant closes: 10 more blocks are paid from its own money (the
		// tenant's part is spent first), the 7 settled at the top-up are paid
		// out with them, what is left of the tenant's part goes back to it,
		// and the third party's deposit waits for its claim.
		run_to(started + 42);
		let (ten_to_treasury, ten_to_bob) = split(price * 10);
		let (to_treasury, to_bob) =
			(seven_to_treasury + ten_to_treasury, seven_to_bob + ten_to_bob);
		let alice_left = budget - price * 42;
		let (alice_free, ferdie_free, bob_free, treasury) =
			(free(Alice), free(Ferdie), free(Bob), treasury_free());
		assert_noop!(
			call(signed(Dave), EscrowCall::close_lease { lease_id }),
			pallet_lease_escrow::Error::<Runtime>::NotLeaseParty
		);
		assert_noop!(
			call(signed(Dave), EscrowCall::claim_refund { lease_id, index: 0 }),
			pallet_lease_escrow::Error::<Runtime>::LeaseStillActive
		);
		assert_ok!(call(signed(Alice), EscrowCall::close_lease { lease_id }));
		assert!(has_event(pallet_lease_escrow::Event::LeaseClosed {
			lease_id,
			reason: CloseReason::ByTenant,
			paid_to_provider: to_bob,
			paid_to_treasury: to_treasury,
			owed_to_provider: 0,
			refunded: alice_left - record_deposit(),
			record_deposit: record_deposit(),
			claimable: top_up,
		}));
		assert_eq!(free(Alice), alice_free + alice_left - record_deposit());
		assert_eq!(free(Ferdie), ferdie_free);
		assert_eq!(free(Bob), bob_free + to_bob);
		assert_eq!(treasury_free(), treasury + to_treasury);
		assert_eq!(
			escrow_held(Alice),
			top_up + record_deposit(),
			"Ferdie's refund and the record's deposit wait in the tenant's hold"
		);

		// Anyone claims Ferdie's refund for it, free of fee; once only.
		assert_noop!(
			call(signed(Dave), EscrowCall::claim_refund { lease_id, index: 1 }),
			pallet_lease_escrow::Error::<Runtime>::UnknownDeposit
		);
		let info = call(signed(Dave), EscrowCall::claim_refund { lease_id, index: 0 })
			.expect("the claim succeeds");
		assert_eq!(info.pays_fee, frame_support::dispatch::Pays::No);
		assert!(has_event(pallet_lease_escrow::Event::RefundClaimed {
			lease_id,
			index: 0,
			depositor: Ferdie.to_account_id(),
			amount: top_up,
		}));
		assert_eq!(free(Ferdie), ferdie_free + top_up);
		assert_eq!(escrow_held(Alice), record_deposit());
		assert_noop!(
			call(signed(Dave), EscrowCall::claim_refund { lease_id, index: 0 }),
			pallet_lease_escrow::Error::<Runtime>::UnknownDeposit
		);
		assert!(pallet_lease_escrow::Leases::<Runtime>::get(lease_id).is_none());
		assert_eq!(provider(Bob).allocated, Resources::ZERO);
		assert_eq!(provider(Bob).active_leases, 0);
		// A tenant closing costs the provider nothing.
		assert_eq!(bond_of(Bob).total(), bond);
		assert_eq!(bond_of(Bob).faults, 0);
	});
}

#[test]
fn a_lease_that_runs_dry_is_closed_by_the_hook_at_its_run_dry_block() {
	run(|| {
		three_providers();
		// The smallest budget the order allows, plus change.
		let min_blocks: u32 = <Runtime as pallet_bid_matching::Config>::MinLeaseBlocks::get();
		let budget = MAX_PRICE * Balance::from(min_blocks) + 12_345;
		let price = MAX_PRICE - 1;
		let order_id = create_order(Alice, MAX_PRICE, budget);
		assert_ok!(bid(Dave, order_id, price));
		assert_ok!(call(
			signed(Alice),
			BidCall::accept_bid { order_id, provider: Dave.to_account_id() }
		));
		let lease_id = matched_lease(order_id);
		assert_ok!(call(signed(Dave), EscrowCall::confirm_ready { lease_id }));
		let started = System::block_number();
		let funded = budget / price;
		let run_dry_at = started + BlockNumber::try_from(funded).expect("fits");
		assert_eq!(lease(lease_id).run_dry_at, run_dry_at);
		assert_eq!(
			LeaseEscrow::lease_view(lease_id).expect("active").run_dry_at,
			run_dry_at,
			"the view predicts the run-dry block"
		);

		run_to(run_dry_at - 1);
		assert_eq!(
			LeaseEscrow::lease_view(lease_id).expect("still active").owed_now,
			price * (funded - 1)
		);
		let (alice_free, dave_free, treasury) = (free(Alice), free(Dave), treasury_free());
		let (to_treasury, to_dave) = split(price * funded);

		// What the funded blocks leave is less than a block; the record keeps
		// what it can of its deposit from it.
		let left = budget - price * funded;
		let kept = left.min(record_deposit());
		next_block();
		assert_eq!(System::block_number(), run_dry_at);
		assert!(pallet_lease_escrow::Leases::<Runtime>::get(lease_id).is_none());
		assert!(has_event(pallet_lease_escrow::Event::LeaseClosed {
			lease_id,
			reason: CloseReason::InsufficientFunds,
			paid_to_provider: to_dave,
			paid_to_treasury: to_treasury,
			owed_to_provider: 0,
			refunded: left - kept,
			record_deposit: kept,
			claimable: 0,
		}));
		assert_eq!(free(Alice), alice_free + left - kept);
		assert_eq!(free(Dave), dave_free + to_dave);
		assert_eq!(treasury_free(), treasury + to_treasury);
		assert_eq!(escrow_held(Alice), kept);
		assert_eq!(provider(Dave).active_leases, 0);
		assert_noop!(
			call(signed(Alice), EscrowCall::settle { lease_id }),
			pallet_lease_escrow::Error::<Runtime>::UnknownLease
		);
	});
}
