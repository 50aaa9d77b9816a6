//! Claiming the refunds of a closed lease, one third-party deposit at a time.

use super::*;
use crate::{ClosedLease, ClosedLeases};
use polkadot_sdk::{
	frame_support::{
		assert_noop, assert_ok,
		dispatch::Pays,
		traits::{fungible::Mutate, tokens::Preservation},
	},
	sp_runtime::{DispatchError, TokenError},
};
use stratus_primitives::LeaseStake;
use stratus_primitives::{CloseReason, LeaseManager};

/// A lease of 10 a block: the tenant's 100, Alice's 50 (deposit 0) and Bob's
/// 30 (deposit 1), closed by its tenant at block 13 after 120 was paid: the
/// tenant's 100 and 20 of Alice's.
fn closed_lease() -> u64 {
	let id = open(10, 100);
	assert_ok!(LeaseEscrow::deposit(RuntimeOrigin::signed(ALICE), id, 50));
	assert_ok!(LeaseEscrow::deposit(RuntimeOrigin::signed(BOB), id, 30));
	run_to_block(13);
	assert_ok!(LeaseEscrow::close_lease(RuntimeOrigin::signed(TENANT), id));
	id
}

#[test]
fn a_claim_by_a_stranger_pays_the_depositor_and_costs_no_fee() {
	run_test(|| {
		let id = closed_lease();
		let info = claim(CHARLIE, id, 0).expect("claim succeeds");
		assert_eq!(info.pays_fee, Pays::No);
		assert_eq!(free(ALICE), INITIAL - 20);
		assert_eq!(free(CHARLIE), INITIAL);
		assert_eq!(
			last_event(),
			Event::RefundClaimed { lease_id: id, index: 0, depositor: ALICE, amount: 30 }
		);
		assert_eq!(record(id, 0), None);
		assert_eq!(
			ClosedLeases::<Test>::get(id),
			Some(ClosedLease {
				tenant: TENANT,
				provider: PROVIDER,
				asset: STRA,
				reportable_until: 13 + GRACE,
				deposit: 0,
				others_spent: 20,
				open_deposits: 1,
				owed_to_provider: 0,
				tenant_spent: 100,
				stake: LeaseStake { slice: STAKE, compensated: 0 },
			})
		);
		// The depositor may claim its own too.
		assert_ok!(claim(BOB, id, 1));
		assert_eq!(free(BOB), INITIAL);
		assert_eq!(ClosedLeases::<Test>::get(id).map(|c| c.open_deposits), Some(0));
		assert_eq!(escrow_held(TENANT), 0);
	});
}

#[test]
fn claims_name_what_is_wrong() {
	run_test(|| {
		let active = open_with(ALICE, BOB, 10, 100);
		assert_ok!(LeaseEscrow::deposit(RuntimeOrigin::signed(CHARLIE), active, 50));
		assert_noop!(claim(CHARLIE, active, 0), Error::<Test>::LeaseStillActive);
		assert_noop!(claim(CHARLIE, active, 1), Error::<Test>::LeaseStillActive);

		let id = closed_lease();
		assert_noop!(claim(CHARLIE, id + 100, 0), Error::<Test>::UnknownLease);
		assert_noop!(claim(CHARLIE, id, 2), Error::<Test>::UnknownDeposit);
		assert_ok!(claim(CHARLIE, id, 0));
		assert_noop!(claim(CHARLIE, id, 0), Error::<Test>::UnknownDeposit);
		assert_ok!(claim(CHARLIE, id, 1));
		// Nothing left to claim; the record itself goes by `forget_lease`.
		assert_noop!(claim(CHARLIE, id, 1), Error::<Test>::UnknownDeposit);
		assert_noop!(
			LeaseEscrow::claim_refund(RuntimeOrigin::root(), id, 1),
			DispatchError::BadOrigin
		);
		// A failed claim pays its fee.
		let failed = claim(CHARLIE, id, 1).expect_err("nothing to claim");
		assert_eq!(failed.post_info.pays_fee, Pays::Yes);
	});
}

#[test]
fn a_lease_with_only_the_tenant_money_leaves_nothing_to_claim() {
	run_test(|| {
		let id = open(10, 100);
		assert_ok!(LeaseEscrow::deposit(RuntimeOrigin::signed(TENANT), id, 20));
		run_to_block(3);
		assert_ok!(LeaseEscrow::close_lease(RuntimeOrigin::signed(PROVIDER), id));
		assert_eq!(ClosedLeases::<Test>::get(id).map(|c| c.open_deposits), Some(0));
		assert_noop!(claim(CHARLIE, id, 0), Error::<Test>::UnknownDeposit);
		assert_eq!(free(TENANT), INITIAL - 20);
	});
}

#[test]
fn a_spent_deposit_is_claimed_for_nothing_to_clear_its_record() {
	run_test(|| {
		let id = open(10, 100);
		assert_ok!(LeaseEscrow::deposit(RuntimeOrigin::signed(ALICE), id, 50));
		assert_ok!(LeaseEscrow::deposit(RuntimeOrigin::signed(BOB), id, 30));
		// Fifteen blocks: the tenant's 100 and Alice's 50 are spent.
		run_to_block(16);
		assert_ok!(LeaseEscrow::close_lease(RuntimeOrigin::signed(TENANT), id));
		assert!(matches!(last_event(), Event::LeaseClosed { refunded: 0, claimable: 30, .. }));
		assert_ok!(claim(CHARLIE, id, 0));
		assert_eq!(
			last_event(),
			Event::RefundClaimed { lease_id: id, index: 0, depositor: ALICE, amount: 0 }
		);
		assert_eq!(free(ALICE), INITIAL - 50);
		assert_eq!(record(id, 0), None);
		assert_ok!(claim(CHARLIE, id, 1));
		assert_eq!(free(BOB), INITIAL);
	});
}

#[test]
fn deposits_of_a_lease_closed_by_the_hook_or_the_slashing_pallet_are_claimable() {
	run_test(|| {
		// Run dry: the tenant's 100 and Alice's 25, of which 5 is left over
		// (it never pays a whole block).
		let dry = open(10, 100);
		assert_ok!(LeaseEscrow::deposit(RuntimeOrigin::signed(ALICE), dry, 25));
		let slashed = open_with(BOB, PROVIDER, 10, 100);
		assert_ok!(LeaseEscrow::deposit(RuntimeOrigin::signed(CHARLIE), slashed, 100));
		run_to_block(13);
		assert!(!Leases::<Test>::contains_key(dry));
		assert_ok!(<LeaseEscrow as LeaseManager<_, _, _>>::close(
			slashed,
			CloseReason::ProviderSlashed
		));
		assert_ok!(claim(TENANT, dry, 0));
		assert_eq!(free(ALICE), INITIAL - 20);
		// Twelve blocks paid: Bob's 100 and 20 of Charlie's 100.
		assert_ok!(claim(TENANT, slashed, 0));
		assert_eq!(free(CHARLIE), INITIAL - 20);
		assert_eq!(free(BOB), INITIAL - 100);
	});
}

#[test]
fn a_refund_nobody_can_receive_yet_stays_claimable() {
	run_test(|| {
		let id = open(5, 100);
		assert_ok!(LeaseEscrow::deposit(RuntimeOrigin::signed(ALICE), id, MIN_DEPOSIT));
		// Alice empties its account, which is reaped.
		assert_ok!(<Balances as Mutate<_>>::transfer(
			&ALICE,
			&BOB,
			free(ALICE),
			Preservation::Expendable
		));
		assert_eq!(free(ALICE), 0);
		// 21 blocks, 105: 5 of Alice's 10 is left, below the existential
		// deposit, so it cannot be paid to an account that does not exist.
		run_to_block(22);
		assert_ok!(LeaseEscrow::close_lease(RuntimeOrigin::signed(TENANT), id));
		assert_noop!(claim(CHARLIE, id, 0), TokenError::CannotCreate);
		assert_eq!(escrow_held(TENANT), 5);
		// Once Alice's account exists again, the refund is paid.
		assert_ok!(<Balances as Mutate<_>>::transfer(&BOB, &ALICE, ED, Preservation::Preserve));
		assert_ok!(claim(CHARLIE, id, 0));
		assert_eq!(free(ALICE), ED + 5);
		assert_eq!(escrow_held(TENANT), 0);
	});
}

#[test]
fn each_claim_touches_only_its_own_record() {
	run_test(|| {
		let id = open(10, 100);
		for who in MANY {
			assert_ok!(LeaseEscrow::deposit(RuntimeOrigin::signed(who), id, 20));
		}
		// 25 blocks, 250: the tenant's 100 and the first 7½ deposits of 20.
		run_to_block(26);
		assert_ok!(LeaseEscrow::close_lease(RuntimeOrigin::signed(TENANT), id));
		let depositors: Vec<_> = MANY.collect();
		// Claimed last first: the others stay as they were.
		for (i, who) in depositors.iter().enumerate().rev() {
			let index = i as u32;
			let before: Vec<_> = (0..index).map(|j| record(id, j)).collect();
			assert_ok!(claim(CHARLIE, id, index));
			let after: Vec<_> = (0..index).map(|j| record(id, j)).collect();
			assert_eq!(before, after);
			let expected = match i {
				0..=6 => 0,
				7 => 10,
				_ => 20,
			};
			assert_eq!(free(*who), INITIAL - 20 + expected, "depositor {index}");
		}
		assert_eq!(escrow_held(TENANT), 0);
		assert_eq!(ClosedLeases::<Test>::get(id).map(|c| c.open_deposits), Some(0));
	});
}
