//! The record a closed lease leaves: its parties stay reportable for the
//! grace period, paid for by a deposit kept from the tenant's refund and
//! returned by anyone's `forget_lease` once the grace period is over and
//! every third-party deposit is claimed.

use super::*;
use crate::{ClosedLease, ClosedLeases};
use polkadot_sdk::{
	frame_support::{assert_noop, assert_ok, dispatch::Pays},
	sp_runtime::DispatchError,
};
use stratus_primitives::LeaseStake;
use stratus_primitives::{CloseReason, LeaseManager};

fn reportable(id: u64) -> Option<(AccountId, AccountId, AssetKind)> {
	<LeaseEscrow as LeaseManager<_, _, _>>::slashable_lease(id)
		.filter(|l| l.reportable)
		.map(|l| (l.tenant, l.provider, l.asset))
}

#[test]
fn a_closed_lease_stays_reportable_for_the_grace_period() {
	run_test(|| {
		let id = open(10, 1_000);
		assert_eq!(reportable(id), Some((TENANT, PROVIDER, STRA)));
		run_to_block(12);
		// The provider closes first (after its minimum term): no slash, yet
		// the tenant may still report it for GRACE blocks.
		assert_ok!(LeaseEscrow::close_lease(RuntimeOrigin::signed(PROVIDER), id));
		assert_eq!(reportable(id), Some((TENANT, PROVIDER, STRA)));
		System::set_block_number(12 + GRACE - 1);
		assert_eq!(reportable(id), Some((TENANT, PROVIDER, STRA)));
		System::set_block_number(12 + GRACE);
		assert_eq!(reportable(id), None);
		assert_eq!(reportable(id + 1), None);
	});
}

#[test]
fn the_record_keeps_its_deposit_from_the_refund_until_forgotten() {
	run_test(|| {
		ClosedLeaseDeposit::set(&25);
		let id = open(10, 1_000);
		run_to_block(4);
		assert_ok!(LeaseEscrow::close_lease(RuntimeOrigin::signed(TENANT), id));
		// 30 paid, 970 left: 945 back now, 25 kept for the record.
		assert_eq!(
			last_event(),
			Event::LeaseClosed {
				lease_id: id,
				reason: CloseReason::ByTenant,
				paid_to_provider: 27,
				paid_to_treasury: 3,
				owed_to_provider: 0,
				refunded: 945,
				record_deposit: 25,
				claimable: 0,
			}
		);
		assert_eq!(escrow_held(TENANT), 25);
		assert_eq!(
			ClosedLeases::<Test>::get(id),
			Some(ClosedLease {
				tenant: TENANT,
				provider: PROVIDER,
				asset: STRA,
				reportable_until: 4 + GRACE,
				deposit: 25,
				others_spent: 0,
				open_deposits: 0,
				owed_to_provider: 0,
				tenant_spent: 30,
				stake: LeaseStake { slice: STAKE, compensated: 0 },
			})
		);
		// Too early: the tenant may still report.
		assert_noop!(
			LeaseEscrow::forget_lease(RuntimeOrigin::signed(CHARLIE), id),
			Error::<Test>::GracePeriodNotOver
		);
		System::set_block_number(4 + GRACE);
		let info =
			LeaseEscrow::forget_lease(RuntimeOrigin::signed(CHARLIE), id).expect("forget succeeds");
		assert_eq!(info.pays_fee, Pays::No);
		assert_eq!(
			last_event(),
			Event::LeaseForgotten { lease_id: id, tenant: TENANT, deposit: 25 }
		);
		assert_eq!(free(TENANT), INITIAL - 30);
		assert_eq!(free(CHARLIE), INITIAL);
		assert_eq!(escrow_held(TENANT), 0);
		assert!(!ClosedLeases::<Test>::contains_key(id));
	});
}

#[test]
fn a_lease_that_ran_dry_keeps_what_is_left_for_its_record() {
	run_test(|| {
		ClosedLeaseDeposit::set(&25);
		// 105 pays ten blocks with 5 left over: the record keeps those 5.
		let id = open(10, 105);
		run_to_block(11);
		assert!(matches!(
			last_event(),
			Event::LeaseClosed { refunded: 0, record_deposit: 5, claimable: 0, .. }
		));
		assert_eq!(ClosedLeases::<Test>::get(id).map(|c| c.deposit), Some(5));
		System::set_block_number(11 + GRACE);
		assert_ok!(LeaseEscrow::forget_lease(RuntimeOrigin::signed(PROVIDER), id));
		assert_eq!(free(TENANT), INITIAL - 100);
	});
}

#[test]
fn forget_lease_waits_for_every_claim_and_names_what_is_wrong() {
	run_test(|| {
		let id = open(10, 100);
		assert_ok!(LeaseEscrow::deposit(RuntimeOrigin::signed(ALICE), id, 50));
		assert_noop!(
			LeaseEscrow::forget_lease(RuntimeOrigin::signed(CHARLIE), id),
			Error::<Test>::LeaseStillActive
		);
		assert_noop!(
			LeaseEscrow::forget_lease(RuntimeOrigin::signed(CHARLIE), id + 1),
			Error::<Test>::UnknownLease
		);
		assert_ok!(LeaseEscrow::close_lease(RuntimeOrigin::signed(TENANT), id));
		System::set_block_number(1 + GRACE);
		assert_noop!(
			LeaseEscrow::forget_lease(RuntimeOrigin::signed(CHARLIE), id),
			Error::<Test>::RefundsUnclaimed
		);
		assert_noop!(
			LeaseEscrow::forget_lease(RuntimeOrigin::none(), id),
			DispatchError::BadOrigin
		);
		// A failed call pays its fee.
		let failed =
			LeaseEscrow::forget_lease(RuntimeOrigin::signed(CHARLIE), id).expect_err("unclaimed");
		assert_eq!(failed.post_info.pays_fee, Pays::Yes);
		assert_ok!(claim(CHARLIE, id, 0));
		assert_eq!(free(ALICE), INITIAL);
		assert_ok!(LeaseEscrow::forget_lease(RuntimeOrigin::signed(CHARLIE), id));
		assert_noop!(
			LeaseEscrow::forget_lease(RuntimeOrigin::signed(CHARLIE), id),
			Error::<Test>::UnknownLease
		);
	});
}
