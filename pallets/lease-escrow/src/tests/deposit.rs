//! Topping up a lease.

use super::*;
use polkadot_sdk::{
	frame_support::{assert_noop, assert_ok},
	sp_runtime::{DispatchError, TokenError},
};

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
		assert_eq!(lease.depositors.clone().into_inner(), vec![(TENANT, 60), (ALICE, 55)]);
		assert!(RunDry::<Test>::get(11).is_empty());
		assert_eq!(queued_at(id), 16);
		assert_eq!(free(ALICE), INITIAL - 55);
		assert_eq!(escrow_held(ALICE), 55);
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
				Event::Deposited { lease_id: id, depositor: ALICE, amount: 55, run_dry_at: 16 },
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
				reason: stratus_primitives::CloseReason::InsufficientFunds,
				paid_to_provider: 99,
				paid_to_treasury: 11,
				refunded: 5,
			}
		);
		assert_eq!(free(TENANT), INITIAL - 100);
		assert_eq!(free(ALICE), INITIAL - 50);
		assert_eq!(free(PROVIDER), INITIAL + 36 + 99);
	});
}

#[test]
fn depositor_adds_to_its_own_entry() {
	run_test(|| {
		let id = open(10, 100);
		assert_ok!(LeaseEscrow::deposit(RuntimeOrigin::signed(ALICE), id, 20));
		assert_ok!(LeaseEscrow::deposit(RuntimeOrigin::signed(TENANT), id, 30));
		assert_ok!(LeaseEscrow::deposit(RuntimeOrigin::signed(ALICE), id, 20));
		let lease = Leases::<Test>::get(id).unwrap();
		assert_eq!(lease.depositors.into_inner(), vec![(TENANT, 130), (ALICE, 40)]);
		assert_eq!(lease.run_dry_at, 1 + 17);
		assert_eq!(queued_at(id), 18);
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
			Error::<Test>::LeaseNotFound
		);
		assert_noop!(
			LeaseEscrow::deposit(RuntimeOrigin::signed(NOBODY), id, 100),
			TokenError::FundsUnavailable
		);
	});
}

#[test]
fn depositors_are_bounded() {
	run_test(|| {
		let id = open(10, 100);
		for who in [ALICE, BOB, CHARLIE] {
			assert_ok!(LeaseEscrow::deposit(RuntimeOrigin::signed(who), id, 10));
		}
		assert_eq!(Leases::<Test>::get(id).unwrap().depositors.len() as u32, MAX_DEPOSITORS);
		assert_noop!(
			LeaseEscrow::deposit(RuntimeOrigin::signed(PROVIDER), id, 10),
			Error::<Test>::TooManyDepositors
		);
		// Known depositors may still add.
		assert_ok!(LeaseEscrow::deposit(RuntimeOrigin::signed(BOB), id, 10));
	});
}

#[test]
fn spent_depositors_make_room_but_the_tenant_stays_first() {
	run_test(|| {
		let id = open(10, 100);
		for who in [ALICE, BOB, CHARLIE] {
			assert_ok!(LeaseEscrow::deposit(RuntimeOrigin::signed(who), id, 10));
		}
		// 11 blocks: the tenant's 100 and Alice's 10 are spent.
		run_to_block(12);
		assert_ok!(LeaseEscrow::deposit(RuntimeOrigin::signed(PROVIDER), id, 10));
		let lease = Leases::<Test>::get(id).unwrap();
		assert_eq!(
			lease.depositors.into_inner(),
			vec![(TENANT, 0), (BOB, 10), (CHARLIE, 10), (PROVIDER, 10)]
		);
		// The tenant can always top up.
		assert_ok!(LeaseEscrow::deposit(RuntimeOrigin::signed(TENANT), id, 50));
		assert_eq!(Leases::<Test>::get(id).unwrap().depositors[0], (TENANT, 50));
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
