//! Opening leases through `LeaseManager`, and closing them from outside.

use super::*;
use crate::{
	ClosedLeases, HeldBudgets, HoldReason, LeasesByProvider, LeasesByTenant, NextLeaseId,
	ProviderLeaseCount, TenantLeaseCount,
};
use polkadot_sdk::{
	frame_support::{assert_noop, assert_ok, traits::fungible::InspectHold},
	sp_runtime::{DispatchError, TokenError},
};
use stratus_primitives::{CloseReason, LeaseManager, LeaseStake};

fn open_lease(
	tenant: AccountId,
	provider: AccountId,
	price: Balance,
	escrow: Balance,
) -> Result<u64, DispatchError> {
	hold_and_open(terms(tenant, provider, price, 10), escrow)
}

#[test]
fn open_lease_holds_escrow_and_records_the_lease() {
	run_test(|| {
		let id = hold_and_open_pending(terms(TENANT, PROVIDER, 100, 10), 10_000).unwrap();
		assert_eq!(id, 0);
		assert_eq!(NextLeaseId::<Test>::get(), 1);
		assert_eq!(free(TENANT), INITIAL - 10_000);
		assert_eq!(Balances::balance_on_hold(&HoldReason::Escrow.into(), &TENANT), 10_000);

		let lease = Leases::<Test>::get(id).unwrap();
		assert_eq!(lease.tenant, TENANT);
		assert_eq!(lease.provider, PROVIDER);
		assert_eq!(lease.resources, RESOURCES);
		assert_eq!(lease.price_per_block, 100);
		assert_eq!(lease.min_term, 10);
		assert_eq!(lease.started_at, 1);
		assert_eq!(lease.settled_up_to, 1);
		assert_eq!(lease.run_dry_at, 101);
		assert_eq!(lease.manifest, MANIFEST);
		assert_eq!(lease.state, LeaseState::Pending { ready_by: 1 + READY_WINDOW });
		// The opening escrow is the tenant's part; it has no deposit record.
		assert_eq!((lease.tenant_deposited, lease.tenant_spent), (10_000, 0));
		assert_eq!((lease.others_deposited, lease.others_spent), (0, 0));
		assert_eq!((lease.owed_to_provider, lease.owed_to_treasury), (0, 0));
		assert_eq!(lease.next_deposit, 0);
		assert_eq!(record(id, 0), None);
		// Queued at its run-dry block, before the end of its ready window.
		assert_eq!(queued_at(id), 101);

		assert!(LeasesByTenant::<Test>::contains_key(TENANT, id));
		assert!(LeasesByProvider::<Test>::contains_key(PROVIDER, id));
		// The capacity was reserved here, and the budget is now the lease's.
		assert_eq!(reserved(), vec![(PROVIDER, RESOURCES)]);
		assert_eq!(HeldBudgets::<Test>::get(TENANT, STRA), 0);
		assert_eq!(TenantLeaseCount::<Test>::get(TENANT), 1);
		assert_eq!(ProviderLeaseCount::<Test>::get(PROVIDER), 1);
		assert_eq!(
			last_event(),
			Event::LeaseOpened {
				lease_id: id,
				order_id: 7,
				tenant: TENANT,
				provider: PROVIDER,
				asset: STRA,
				price_per_block: 100,
				escrow: 10_000,
				manifest: MANIFEST,
				ready_by: 1 + READY_WINDOW,
			}
		);
		let reportable = <LeaseEscrow as LeaseManager<_, _, _>>::slashable_lease(id).unwrap();
		assert_eq!(
			(reportable.tenant, reportable.provider, reportable.asset, reportable.active),
			(TENANT, PROVIDER, STRA, true)
		);
		// The stake the terms carried is kept with the lease, untouched.
		assert_eq!(reportable.stake, LeaseStake { slice: STAKE, compensated: 0 });
		assert_eq!(reportable.tenant_paid, 0);
		assert!(<LeaseEscrow as LeaseManager<_, _, _>>::slashable_lease(id + 1).is_none());
		assert!(reportable.reportable);
	});
}

#[test]
fn an_order_budget_is_held_as_escrow_and_becomes_the_lease_without_moving() {
	run_test(|| {
		let manager = |tenant, budget| {
			<LeaseEscrow as LeaseManager<_, _, _>>::hold_budget(&tenant, &STRA, budget)
		};
		// Two orders' budgets.
		assert_ok!(manager(TENANT, 3_000));
		assert_ok!(manager(TENANT, 2_000));
		assert_eq!(escrow_held(TENANT), 5_000);
		assert_eq!(free(TENANT), INITIAL - 5_000);
		assert_eq!(<LeaseEscrow as LeaseManager<_, _, _>>::budget_held(&TENANT, &STRA), 5_000);

		// The first is matched: the money stays in its hold, only the ledger
		// changes.
		let id = <LeaseEscrow as LeaseManager<_, _, _>>::open_lease(
			terms(TENANT, PROVIDER, 100, 10),
			3_000,
		)
		.unwrap();
		assert_eq!(escrow_held(TENANT), 5_000);
		assert_eq!(free(TENANT), INITIAL - 5_000);
		assert_eq!(HeldBudgets::<Test>::get(TENANT, STRA), 2_000);
		assert_eq!(Leases::<Test>::get(id).unwrap().tenant_deposited, 3_000);

		// The second expires: its budget comes back, and no more than is held.
		assert_eq!(
			<LeaseEscrow as LeaseManager<_, _, _>>::release_budget(&TENANT, &STRA, 9_000),
			2_000
		);
		assert_eq!(escrow_held(TENANT), 3_000);
		assert_eq!(free(TENANT), INITIAL - 3_000);
		assert!(!HeldBudgets::<Test>::contains_key(TENANT, STRA));
	});
}

#[test]
fn open_lease_needs_the_budget_held() {
	run_test(|| {
		let hold =
			|who, amount| <LeaseEscrow as LeaseManager<_, _, _>>::hold_budget(&who, &STRA, amount);
		let open = || {
			<LeaseEscrow as LeaseManager<_, _, _>>::open_lease(
				terms(TENANT, PROVIDER, 100, 10),
				1_000,
			)
		};
		assert_ok!(hold(TENANT, 999));
		assert_noop!(open(), Error::<Test>::BudgetNotHeld);
		// Another tenant's budget does not count.
		assert_ok!(hold(ALICE, 1_000));
		assert_noop!(open(), Error::<Test>::BudgetNotHeld);
		assert_ok!(hold(TENANT, 1));
		assert_ok!(open());
	});
}

#[test]
fn open_lease_changes_nothing_when_the_registry_refuses_the_capacity() {
	run_test(|| {
		assert_ok!(<LeaseEscrow as LeaseManager<_, _, _>>::hold_budget(&TENANT, &STRA, 1_000));
		set_reserve_fails(true);
		assert_noop!(
			<LeaseEscrow as LeaseManager<_, _, _>>::open_lease(
				terms(TENANT, PROVIDER, 100, 10),
				1_000
			),
			DispatchError::Other("reserve refused")
		);
		set_reserve_fails(false);
		assert_ok!(<LeaseEscrow as LeaseManager<_, _, _>>::open_lease(
			terms(TENANT, PROVIDER, 100, 10),
			1_000
		));
		assert_eq!(reserved(), vec![(PROVIDER, RESOURCES)]);
	});
}

#[test]
fn open_lease_rejects_zero_price() {
	run_test(|| {
		assert_noop!(open_lease(TENANT, PROVIDER, 0, 1_000), Error::<Test>::ZeroPrice);
	});
}

#[test]
fn open_lease_rejects_escrow_below_one_block() {
	run_test(|| {
		assert_noop!(open_lease(TENANT, PROVIDER, 100, 99), Error::<Test>::EscrowTooSmall);
		assert_ok!(open_lease(TENANT, PROVIDER, 100, 100));
	});
}

#[test]
fn open_lease_fails_without_funds() {
	run_test(|| {
		assert_noop!(open_lease(NOBODY, PROVIDER, 100, 1_000), TokenError::FundsUnavailable);
	});
}

#[test]
fn open_lease_bounds_leases_per_tenant_and_provider() {
	run_test(|| {
		for _ in 0..MAX_LEASES {
			assert_ok!(open_lease(TENANT, PROVIDER, 10, 100));
		}
		assert_noop!(open_lease(TENANT, ALICE, 10, 100), Error::<Test>::TooManyTenantLeases);
		assert_noop!(open_lease(ALICE, PROVIDER, 10, 100), Error::<Test>::TooManyProviderLeases);
		// Closing one frees a place.
		assert_ok!(LeaseEscrow::close_lease(RuntimeOrigin::signed(TENANT), 0));
		assert_ok!(open_lease(TENANT, ALICE, 10, 100));
	});
}

#[test]
fn close_through_lease_manager_refunds_without_early_close_report() {
	run_test(|| {
		let id = open(100, 1_000);
		run_to_block(4);
		assert_ok!(<LeaseEscrow as LeaseManager<_, _, _>>::close(id, CloseReason::ProviderSlashed));
		// Three blocks paid: 300, 10% to the treasury; 700 refunded.
		assert_eq!(free(PROVIDER), INITIAL + 270);
		assert_eq!(free(TREASURY), INITIAL + 30);
		assert_eq!(free(TENANT), INITIAL - 300);
		assert_eq!(
			last_event(),
			Event::LeaseClosed {
				lease_id: id,
				reason: CloseReason::ProviderSlashed,
				paid_to_provider: 270,
				paid_to_treasury: 30,
				owed_to_provider: 0,
				refunded: 700,
				record_deposit: 0,
				claimable: 0,
			}
		);
		assert!(Leases::<Test>::get(id).is_none());
		// Nothing left to claim; the record stays for the grace period.
		assert_eq!(ClosedLeases::<Test>::get(id).map(|c| c.open_deposits), Some(0));
		assert_eq!(released(), vec![(PROVIDER, RESOURCES)]);
		// Before the minimum term, yet not the provider's own doing.
		assert!(early_closes().is_empty());
		assert_noop!(
			<LeaseEscrow as LeaseManager<_, _, _>>::close(id, CloseReason::ProviderJailed),
			Error::<Test>::UnknownLease
		);
	});
}

#[test]
fn close_through_lease_manager_leaves_other_deposits_to_claim() {
	run_test(|| {
		let id = open(100, 1_000);
		assert_ok!(LeaseEscrow::deposit(RuntimeOrigin::signed(ALICE), id, 500));
		run_to_block(4);
		assert_ok!(<LeaseEscrow as LeaseManager<_, _, _>>::close(id, CloseReason::ProviderJailed));
		assert_eq!(
			last_event(),
			Event::LeaseClosed {
				lease_id: id,
				reason: CloseReason::ProviderJailed,
				paid_to_provider: 270,
				paid_to_treasury: 30,
				owed_to_provider: 0,
				refunded: 700,
				record_deposit: 0,
				claimable: 500,
			}
		);
		// Alice's money waits on the tenant's hold until claimed.
		assert_eq!(escrow_held(TENANT), 500);
		assert_eq!(ClosedLeases::<Test>::get(id).map(|c| c.open_deposits), Some(1));
		assert_ok!(claim(BOB, id, 0));
		assert_eq!(free(ALICE), INITIAL);
		assert_eq!(escrow_held(TENANT), 0);
		assert_eq!(ClosedLeases::<Test>::get(id).map(|c| c.open_deposits), Some(0));
	});
}

#[test]
fn close_through_lease_manager_changes_nothing_when_registry_refuses() {
	run_test(|| {
		let id = open(100, 1_000);
		run_to_block(4);
		set_release_fails(true);
		assert_noop!(
			<LeaseEscrow as LeaseManager<_, _, _>>::close(id, CloseReason::ProviderJailed),
			polkadot_sdk::sp_runtime::DispatchError::Other("release refused")
		);
		set_release_fails(false);
	});
}
