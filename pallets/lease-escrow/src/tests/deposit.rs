//! Topping up a lease: custody on the tenant, the tenant's money one
//! aggregate spent first, one record per third-party deposit.

use super::*;
use crate::DepositRecord;
use polkadot_sdk::{
	frame_support::{assert_noop, assert_ok},
	sp_runtime::{DispatchError, TokenError},
};
use stratus_primitives::CloseReason;

#[test]
fn top_up_settles_the_ledger_and_the_hook_moves_the_lease_on() {
	run_test(|| {
		let id = open(10, 100);
		assert_eq!(queued_at(id), 11);
		run_to_block(5);
		assert_ok!(LeaseEscrow::deposit(RuntimeOrigin::signed(ALICE), id, 55));
		// Four blocks settled (40, now owed), 60 left + 55 = 115: eleven more
		// blocks from 5.
		let lease = Leases::<Test>::get(id).unwrap();
		assert_eq!(lease.settled_up_to, 5);
		assert_eq!(lease.run_dry_at, 16);
		assert_eq!((lease.tenant_deposited, lease.tenant_spent), (100, 40));
		assert_eq!((lease.others_deposited, lease.others_spent), (55, 0));
		assert_eq!((lease.owed_to_provider, lease.owed_to_treasury), (36, 4));
		assert_eq!(lease.balance(), 115);
		assert_eq!(record(id, 0), Some(DepositRecord { depositor: ALICE, start: 0, amount: 55 }));
		// The lease stays in its slot, early now, until the hook gets there.
		assert_eq!(queued_at(id), 11);
		// Alice's money moved into the tenant's escrow hold, where what is
		// owed also stays: settling paid nobody.
		assert_eq!(free(ALICE), INITIAL - 55);
		assert_eq!(escrow_held(ALICE), 0);
		assert_eq!(escrow_held(TENANT), 155);
		assert_eq!(free(PROVIDER), INITIAL);
		let evs = events();
		assert_eq!(
			evs[evs.len() - 2..],
			[
				Event::LeaseSettled {
					lease_id: id,
					accrued_to_provider: 36,
					accrued_to_treasury: 4,
					settled_up_to: 5
				},
				Event::Deposited {
					lease_id: id,
					index: Some(0),
					depositor: ALICE,
					amount: 55,
					run_dry_at: 16
				},
			]
		);

		// At 11 the hook finds it not due and moves it to its run-dry block.
		run_to_block(11);
		assert!(Leases::<Test>::contains_key(id));
		assert!(!RunDry::<Test>::contains_key(11));
		assert_eq!(queued_at(id), 16);
		run_to_block(15);
		assert!(Leases::<Test>::contains_key(id));
		// Closed at 16, the tenant's part spent first; everything owed is
		// paid out then.
		run_to_block(16);
		assert!(!Leases::<Test>::contains_key(id));
		assert_eq!(
			last_event(),
			Event::LeaseClosed {
				lease_id: id,
				reason: CloseReason::InsufficientFunds,
				paid_to_provider: 36 + 99,
				paid_to_treasury: 4 + 11,
				owed_to_provider: 0,
				refunded: 0,
				record_deposit: 0,
				claimable: 5,
			}
		);
		assert_eq!(free(TENANT), INITIAL - 100);
		assert_eq!(free(PROVIDER), INITIAL + 135);
		assert_eq!(free(TREASURY), INITIAL + 15);
		assert_ok!(claim(BOB, id, 0));
		assert_eq!(free(ALICE), INITIAL - 50);
	});
}

#[test]
fn tenant_top_ups_join_its_part_and_third_party_deposits_are_records() {
	run_test(|| {
		let id = open(10, 100);
		assert_ok!(LeaseEscrow::deposit(RuntimeOrigin::signed(ALICE), id, 20));
		assert_ok!(LeaseEscrow::deposit(RuntimeOrigin::signed(TENANT), id, 30));
		assert_eq!(
			last_event(),
			Event::Deposited {
				lease_id: id,
				index: None,
				depositor: TENANT,
				amount: 30,
				run_dry_at: 16
			}
		);
		assert_ok!(LeaseEscrow::deposit(RuntimeOrigin::signed(ALICE), id, 20));
		// Third-party deposits lie end to end on the others' line; the
		// tenant's top-up is no record.
		assert_eq!(record(id, 0), Some(DepositRecord { depositor: ALICE, start: 0, amount: 20 }));
		assert_eq!(record(id, 1), Some(DepositRecord { depositor: ALICE, start: 20, amount: 20 }));
		assert_eq!(record(id, 2), None);
		let lease = Leases::<Test>::get(id).unwrap();
		assert_eq!((lease.tenant_deposited, lease.others_deposited), (130, 40));
		assert_eq!(lease.next_deposit, 2);
		assert_eq!(lease.run_dry_at, 1 + 17);
		assert_eq!(queued_at(id), 11);
		// The tenant's own top-up is a hold; everything is held on the tenant.
		assert_eq!(free(TENANT), INITIAL - 130);
		assert_eq!(free(ALICE), INITIAL - 40);
		assert_eq!(escrow_held(TENANT), 170);
		assert_eq!(
			last_event(),
			Event::Deposited {
				lease_id: id,
				index: Some(1),
				depositor: ALICE,
				amount: 20,
				run_dry_at: 18
			}
		);
	});
}

#[test]
fn a_tenant_topping_up_often_creates_no_records() {
	run_test(|| {
		let id = open(10, 100);
		for _ in 0..50 {
			assert_ok!(LeaseEscrow::deposit(RuntimeOrigin::signed(TENANT), id, MIN_DEPOSIT));
		}
		let lease = Leases::<Test>::get(id).unwrap();
		assert_eq!(lease.tenant_deposited, 100 + 50 * MIN_DEPOSIT);
		assert_eq!(lease.next_deposit, 0);
		assert_eq!(crate::Deposits::<Test>::iter_prefix(id).count(), 0);
		assert_eq!(LeaseEscrow::lease_view(id).unwrap().deposits, 0);
		// All of it comes back at close, with nothing to claim.
		assert_ok!(LeaseEscrow::close_lease(RuntimeOrigin::signed(TENANT), id));
		assert_eq!(free(TENANT), INITIAL);
		assert_eq!(crate::ClosedLeases::<Test>::get(id).map(|c| c.open_deposits), Some(0));
	});
}

#[test]
fn a_tenant_top_up_after_a_third_party_is_spent_before_its_money() {
	run_test(|| {
		let id = open(10, 100);
		assert_ok!(LeaseEscrow::deposit(RuntimeOrigin::signed(ALICE), id, 50));
		// Twelve blocks (120): the tenant's 100 ran out at block 11, and
		// Alice's money kept the lease going, 20 of it spent.
		run_to_block(13);
		assert_ok!(LeaseEscrow::deposit(RuntimeOrigin::signed(TENANT), id, 40));
		let lease = Leases::<Test>::get(id).unwrap();
		assert_eq!((lease.tenant_spent, lease.others_spent), (100, 20));
		// Three more blocks (30) come out of the tenant's new 40, not Alice's.
		run_to_block(16);
		assert_ok!(LeaseEscrow::settle(RuntimeOrigin::signed(BOB), id));
		let lease = Leases::<Test>::get(id).unwrap();
		assert_eq!((lease.tenant_spent, lease.others_spent), (130, 20));
		// So at close the tenant gets its 10 back at once, and Alice's 30
		// waits for its claim.
		assert_ok!(LeaseEscrow::close_lease(RuntimeOrigin::signed(TENANT), id));
		assert!(matches!(last_event(), Event::LeaseClosed { refunded: 10, claimable: 30, .. }));
		assert_eq!(free(TENANT), INITIAL - 130);
		assert_ok!(claim(CHARLIE, id, 0));
		assert_eq!(free(ALICE), INITIAL - 20);
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
		let n = MANY.count() as u32;
		let lease = Leases::<Test>::get(id).unwrap();
		assert_eq!(lease.next_deposit, n);
		assert_eq!(lease.tenant_deposited, 100 + MIN_DEPOSIT);
		assert_eq!(lease.others_deposited, n as Balance * MIN_DEPOSIT);
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
		// The tenant too.
		assert_noop!(
			LeaseEscrow::deposit(RuntimeOrigin::signed(TENANT), id, MIN_DEPOSIT - 1),
			Error::<Test>::DepositTooSmall
		);
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
		// The failed close had carried it to 12 already.
		assert_eq!(queued_at(id), 12);
	});
}
