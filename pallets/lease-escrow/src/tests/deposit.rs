//! Topping up a lease: custody on the tenant, one record per deposit.

use super::*;
use crate::DepositRecord;
use polkadot_sdk::{
	frame_support::{assert_noop, assert_ok},
	sp_runtime::{DispatchError, TokenError},
};
use stratus_primitives::CloseReason;

#[test]
fn top_up_settles_then_moves_the_run_dry_slot() {
	run_test(|| {
		let id = open(10, 100);
		assert_eq!(queued_at(id), 11);
		run_to_block(5);
		assert_ok!(LeaseEscrow::deposit(RuntimeOrigin::signed(ALICE), id, 55));
		// Four blocks paid (40), 60 left + 55 = 115: eleven more blocks from 5.
		let lease = Leases::<Test>::get(id).unwrap();
		assert_eq!(lease.settled_up_to, 5);
		assert_eq!(lease.run_dry_at, 16);
		assert_eq!((lease.deposited, lease.spent, lease.balance()), (155, 40, 115));
		assert_eq!(record(id, 1), Some(DepositRecord { depositor: ALICE, start: 100, amount: 55 }));
		assert!(RunDry::<Test>::get(11).is_empty());
		assert_eq!(queued_at(id), 16);
		// Alice's money moved into the tenant's escrow hold.
		assert_eq!(free(ALICE), INITIAL - 55);
		assert_eq!(escrow_held(ALICE), 0);
		assert_eq!(escrow_held(TENANT), 115);
		let evs = events();
		assert_eq!(
			evs[evs.len() - 2..],
			[
				Event::LeaseSettled {
					lease_id: id,
					paid_to_provider: 36,
					paid_to_treasury: 4,
					settled_up_to: 5
				},
				Event::Deposited {
					lease_id: id,
					index: 1,
					depositor: ALICE,
					amount: 55,
					run_dry_at: 16
				},
			]
		);

		// Not closed at the old slot; closed at the new one, the tenant's
		// deposit spent first.
		run_to_block(15);
		assert!(Leases::<Test>::contains_key(id));
		run_to_block(16);
		assert!(!Leases::<Test>::contains_key(id));
		assert_eq!(
			last_event(),
			Event::LeaseClosed {
				lease_id: id,
				reason: CloseReason::InsufficientFunds,
				paid_to_provider: 99,
				paid_to_treasury: 11,
				refunded: 0,
				claimable: 5,
			}
		);
		assert_eq!(free(TENANT), INITIAL - 100);
		assert_eq!(free(PROVIDER), INITIAL + 36 + 99);
		assert_ok!(claim(BOB, id, 1));
		assert_eq!(free(ALICE), INITIAL - 50);
	});
}

#[test]
fn each_deposit_is_its_own_record_laid_after_the_last() {
	run_test(|| {
		let id = open(10, 100);
		assert_ok!(LeaseEscrow::deposit(RuntimeOrigin::signed(ALICE), id, 20));
		assert_ok!(LeaseEscrow::deposit(RuntimeOrigin::signed(TENANT), id, 30));
		assert_ok!(LeaseEscrow::deposit(RuntimeOrigin::signed(ALICE), id, 20));
		assert_eq!(record(id, 1), Some(DepositRecord { depositor: ALICE, start: 100, amount: 20 }));
		assert_eq!(
			record(id, 2),
			Some(DepositRecord { depositor: TENANT, start: 120, amount: 30 })
		);
		assert_eq!(record(id, 3), Some(DepositRecord { depositor: ALICE, start: 150, amount: 20 }));
		let lease = Leases::<Test>::get(id).unwrap();
		assert_eq!((lease.deposited, lease.next_deposit, lease.open_deposits), (170, 4, 4));
		assert_eq!(lease.run_dry_at, 1 + 17);
		assert_eq!(queued_at(id), 18);
		// The tenant's own top-up is a hold; everything is held on the tenant.
		assert_eq!(free(TENANT), INITIAL - 130);
		assert_eq!(free(ALICE), INITIAL - 40);
		assert_eq!(escrow_held(TENANT), 170);
		assert_eq!(
			last_event(),
			Event::Deposited {
				lease_id: id,
				index: 3,
				depositor: ALICE,
				amount: 20,
				run_dry_at: 18
			}
		);
	});
}

#[test]
fn a_lease_takes_any_number_of_depositors() {
	run_test(|| {
		let id = open(10, 100);
		for who in MANY {
			assert_ok!(LeaseEscrow::deposit(RuntimeOrigin::signed(who), id, MIN_DEPOSIT));
		}
		assert_ok!(LeaseEscrow::deposit(RuntimeOrigin::signed(TENANT), id, MIN_DEPOSIT));
		let n = MANY.count() as u32 + 2;
		let lease = Leases::<Test>::get(id).unwrap();
		assert_eq!((lease.next_deposit, lease.open_deposits), (n, n));
		assert_eq!(lease.deposited, 100 + (n as Balance - 1) * MIN_DEPOSIT);
		assert_eq!(LeaseEscrow::lease_view(id).unwrap().deposits, n);
	});
}

#[test]
fn deposit_below_minimum_is_refused() {
	run_test(|| {
		let id = open(10, 100);
		assert_noop!(
			LeaseEscrow::deposit(RuntimeOrigin::signed(ALICE), id, MIN_DEPOSIT - 1),
			Error::<Test>::DepositTooSmall
		);
		assert_ok!(LeaseEscrow::deposit(RuntimeOrigin::signed(ALICE), id, MIN_DEPOSIT));
	});
}

#[test]
fn deposit_checks_origin_lease_and_funds() {
	run_test(|| {
		let id = open(10, 100);
		assert_noop!(
			LeaseEscrow::deposit(RuntimeOrigin::root(), id, 100),
			DispatchError::BadOrigin
		);
		assert_noop!(
			LeaseEscrow::deposit(RuntimeOrigin::signed(ALICE), id + 1, 100),
			Error::<Test>::UnknownLease
		);
		assert_noop!(
			LeaseEscrow::deposit(RuntimeOrigin::signed(NOBODY), id, 100),
			TokenError::FundsUnavailable
		);
	});
}

#[test]
fn a_third_party_deposit_keeps_its_account_alive() {
	run_test(|| {
		let id = open(10, 100);
		assert_noop!(
			LeaseEscrow::deposit(RuntimeOrigin::signed(ALICE), id, INITIAL),
			TokenError::FundsUnavailable
		);
		assert_ok!(LeaseEscrow::deposit(RuntimeOrigin::signed(ALICE), id, INITIAL - ED));
		assert_eq!(free(ALICE), ED);
	});
}

#[test]
fn top_up_that_leaves_the_lease_unable_to_pay_the_next_block_is_refused() {
	run_test(|| {
		let id = open(100, 1_000);
		// The registry refuses, so the hook cannot close the lease at 11.
		set_release_fails(true);
		run_to_block(11);
		assert!(Leases::<Test>::contains_key(id));
		set_release_fails(false);
		assert_noop!(
			LeaseEscrow::deposit(RuntimeOrigin::signed(ALICE), id, 50),
			Error::<Test>::WouldRunDry
		);
		assert_ok!(LeaseEscrow::deposit(RuntimeOrigin::signed(ALICE), id, 150));
		let lease = Leases::<Test>::get(id).unwrap();
		assert_eq!((lease.settled_up_to, lease.run_dry_at), (11, 12));
		assert_eq!(queued_at(id), 12);
	});
}
