//! Closing a lease by its tenant or provider: settled and paid out, capacity
//! released, what is left of the tenant's part refunded, third-party
//! deposits left to claim.

use super::*;
use crate::{
	ClosedLease, ClosedLeases, LeasesByProvider, LeasesByTenant, ProviderLeaseCount,
	TenantLeaseCount,
};
use polkadot_sdk::{
	frame_support::{assert_noop, assert_ok},
	sp_runtime::DispatchError,
};
use stratus_primitives::CloseReason;
use stratus_primitives::LeaseStake;

#[test]
fn close_refunds_the_tenant_and_leaves_the_rest_to_claim_first_in_first_out() {
	run_test(|| {
		let id = open(10, 100);
		assert_ok!(LeaseEscrow::deposit(RuntimeOrigin::signed(ALICE), id, 50));
		assert_ok!(LeaseEscrow::deposit(RuntimeOrigin::signed(BOB), id, 30));
		run_to_block(13);
		assert_ok!(LeaseEscrow::close_lease(RuntimeOrigin::signed(TENANT), id));
		// Twelve blocks, 120: the tenant's 100, then 20 of Alice's 50. The
		// tenant's part is spent, so nothing comes back to it now; Alice's
		// 30 and Bob's 30 wait on the tenant's hold for their claims.
		assert_eq!(free(TENANT), INITIAL - 100);
		assert_eq!(free(PROVIDER), INITIAL + 108);
		assert_eq!(free(TREASURY), INITIAL + 12);
		assert_eq!(escrow_held(TENANT), 60);
		assert_eq!(
			last_event(),
			Event::LeaseClosed {
				lease_id: id,
				reason: CloseReason::ByTenant,
				paid_to_provider: 108,
				paid_to_treasury: 12,
				owed_to_provider: 0,
				refunded: 0,
				record_deposit: 0,
				claimable: 60,
			}
		);
		assert!(!Leases::<Test>::contains_key(id));
		assert!(!LeasesByTenant::<Test>::contains_key(TENANT, id));
		assert!(!LeasesByProvider::<Test>::contains_key(PROVIDER, id));
		assert_eq!(TenantLeaseCount::<Test>::get(TENANT), 0);
		assert_eq!(ProviderLeaseCount::<Test>::get(PROVIDER), 0);
		assert!(RunDry::<Test>::get(19).is_empty());
		assert_eq!(released(), vec![(PROVIDER, RESOURCES)]);
		assert!(early_closes().is_empty());
		assert_eq!(
			ClosedLeases::<Test>::get(id),
			Some(ClosedLease {
				tenant: TENANT,
				provider: PROVIDER,
				asset: STRA,
				reportable_until: 13 + GRACE,
				deposit: 0,
				others_spent: 20,
				open_deposits: 2,
				owed_to_provider: 0,
				tenant_spent: 100,
				stake: LeaseStake { slice: STAKE, compensated: 0 },
			})
		);

		assert_ok!(claim(BOB, id, 1));
		assert_eq!(free(BOB), INITIAL);
		assert_ok!(claim(BOB, id, 0));
		assert_eq!(free(ALICE), INITIAL - 20);
		assert_eq!(escrow_held(TENANT), 0);
		assert_eq!(ClosedLeases::<Test>::get(id).map(|c| c.open_deposits), Some(0));
	});
}

#[test]
fn close_refunds_what_is_left_of_the_tenant_deposit_at_once() {
	run_test(|| {
		let id = open(10, 100);
		assert_ok!(LeaseEscrow::deposit(RuntimeOrigin::signed(ALICE), id, 50));
		run_to_block(4);
		assert_ok!(LeaseEscrow::close_lease(RuntimeOrigin::signed(TENANT), id));
		// Three blocks, 30, all from the tenant's part: 70 back to it now,
		// Alice's 50 untouched and waiting for its claim.
		assert_eq!(free(TENANT), INITIAL - 30);
		assert_eq!(escrow_held(TENANT), 50);
		assert!(matches!(last_event(), Event::LeaseClosed { refunded: 70, claimable: 50, .. }));
		assert!(record(id, 0).is_some());
	});
}

#[test]
fn close_refunds_the_tenant_top_ups_with_its_opening_escrow() {
	run_test(|| {
		let id = open(10, 100);
		assert_ok!(LeaseEscrow::deposit(RuntimeOrigin::signed(TENANT), id, 40));
		assert_ok!(LeaseEscrow::deposit(RuntimeOrigin::signed(ALICE), id, 30));
		assert_ok!(LeaseEscrow::deposit(RuntimeOrigin::signed(TENANT), id, 20));
		run_to_block(3);
		assert_ok!(LeaseEscrow::close_lease(RuntimeOrigin::signed(TENANT), id));
		// Twenty paid from the tenant's 160: 140 back to it in one release,
		// nothing of the tenant's left to claim; Alice's 30 waits.
		assert_eq!(free(TENANT), INITIAL - 20);
		assert_eq!(escrow_held(TENANT), 30);
		assert!(matches!(last_event(), Event::LeaseClosed { refunded: 140, claimable: 30, .. }));
		assert_eq!(
			ClosedLeases::<Test>::get(id),
			Some(ClosedLease {
				tenant: TENANT,
				provider: PROVIDER,
				asset: STRA,
				reportable_until: 3 + GRACE,
				deposit: 0,
				others_spent: 0,
				open_deposits: 1,
				owed_to_provider: 0,
				tenant_spent: 20,
				stake: LeaseStake { slice: STAKE, compensated: 0 },
			})
		);
	});
}

#[test]
fn provider_closing_before_minimum_term_is_reported() {
	run_test(|| {
		let id = open(10, 1_000);
		run_to_block(10);
		assert_ok!(LeaseEscrow::close_lease(RuntimeOrigin::signed(PROVIDER), id));
		assert_eq!(early_closes(), vec![(PROVIDER, TENANT, id)]);
		let evs = events();
		assert_eq!(
			evs[evs.len() - 2..],
			[
				Event::LeaseClosed {
					lease_id: id,
					reason: CloseReason::ByProvider,
					paid_to_provider: 81,
					paid_to_treasury: 9,
					owed_to_provider: 0,
					refunded: 910,
					record_deposit: 0,
					claimable: 0,
				},
				Event::EarlyCloseReported {
					lease_id: id,
					provider: PROVIDER,
					slashed: EARLY_CLOSE_SLASH
				},
			]
		);
		assert_eq!(released(), vec![(PROVIDER, RESOURCES)]);
	});
}

#[test]
fn provider_closing_after_minimum_term_is_not_reported() {
	run_test(|| {
		// Opened at 1 with a minimum term of 10: from block 11 on, no fault.
		let id = open(10, 1_000);
		run_to_block(11);
		assert_ok!(LeaseEscrow::close_lease(RuntimeOrigin::signed(PROVIDER), id));
		assert!(early_closes().is_empty());
		assert_eq!(
			last_event(),
			Event::LeaseClosed {
				lease_id: id,
				reason: CloseReason::ByProvider,
				paid_to_provider: 90,
				paid_to_treasury: 10,
				owed_to_provider: 0,
				refunded: 900,
				record_deposit: 0,
				claimable: 0,
			}
		);
	});
}

#[test]
fn provider_closing_a_lease_that_ran_dry_is_not_a_fault() {
	run_test(|| {
		// 50 pays five blocks from block 1: dry at 6, before the minimum term
		// of 10. The hook has not got to it yet (it may carry work over), and
		// the provider closes it first: the same close `settle` would do.
		let id = open(10, 50);
		System::set_block_number(8);
		assert_ok!(LeaseEscrow::close_lease(RuntimeOrigin::signed(PROVIDER), id));
		assert!(early_closes().is_empty());
		assert_eq!(
			last_event(),
			Event::LeaseClosed {
				lease_id: id,
				reason: CloseReason::InsufficientFunds,
				paid_to_provider: 45,
				paid_to_treasury: 5,
				owed_to_provider: 0,
				refunded: 0,
				record_deposit: 0,
				claimable: 0,
			}
		);
		assert_eq!(free(PROVIDER), INITIAL + 45);
	});
}

#[test]
fn tenant_closing_early_is_not_a_fault() {
	run_test(|| {
		let id = open(10, 1_000);
		assert_ok!(LeaseEscrow::close_lease(RuntimeOrigin::signed(TENANT), id));
		assert!(early_closes().is_empty());
		assert_eq!(free(TENANT), INITIAL);
	});
}

#[test]
fn tenant_closing_while_the_provider_is_unreachable_closes_at_the_provider_cost() {
	run_test(|| {
		let id = open(10, 1_000);
		run_to_block(5);
		set_unreachable(PROVIDER, true);
		assert_ok!(LeaseEscrow::close_lease(RuntimeOrigin::signed(TENANT), id));
		// Billed for the four blocks served, the rest back: no penalty.
		assert_eq!(
			last_event(),
			Event::LeaseClosed {
				lease_id: id,
				reason: CloseReason::ProviderUnreachable,
				paid_to_provider: 36,
				paid_to_treasury: 4,
				owed_to_provider: 0,
				refunded: 960,
				record_deposit: 0,
				claimable: 0,
			}
		);
		assert_eq!(unreachable_closes(), vec![(PROVIDER, id)]);
		assert!(early_closes().is_empty());
		assert_eq!(free(TENANT), INITIAL - 40);
	});
}

#[test]
fn provider_unreachable_is_the_tenant_reason_alone() {
	run_test(|| {
		// The provider closing its own lease while unreachable is an early
		// close, as ever; a reachable provider's tenant closes `ByTenant`.
		let first = open(10, 1_000);
		let second = open(10, 1_000);
		assert_ok!(LeaseEscrow::close_lease(RuntimeOrigin::signed(TENANT), first));
		assert!(matches!(last_event(), Event::LeaseClosed { reason: CloseReason::ByTenant, .. }));
		set_unreachable(PROVIDER, true);
		assert_ok!(LeaseEscrow::close_lease(RuntimeOrigin::signed(PROVIDER), second));
		let evs = events();
		assert!(matches!(
			evs[evs.len() - 2],
			Event::LeaseClosed { reason: CloseReason::ByProvider, .. }
		));
		assert_eq!(early_closes(), vec![(PROVIDER, TENANT, second)]);
		assert!(unreachable_closes().is_empty());
	});
}

#[test]
fn only_lease_parties_may_close() {
	run_test(|| {
		let id = open(10, 1_000);
		assert_noop!(
			LeaseEscrow::close_lease(RuntimeOrigin::signed(ALICE), id),
			Error::<Test>::NotLeaseParty
		);
		// A depositor is not a party.
		assert_ok!(LeaseEscrow::deposit(RuntimeOrigin::signed(BOB), id, 100));
		assert_noop!(
			LeaseEscrow::close_lease(RuntimeOrigin::signed(BOB), id),
			Error::<Test>::NotLeaseParty
		);
		assert_noop!(LeaseEscrow::close_lease(RuntimeOrigin::root(), id), DispatchError::BadOrigin);
		assert_noop!(
			LeaseEscrow::close_lease(RuntimeOrigin::signed(TENANT), id + 1),
			Error::<Test>::UnknownLease
		);
	});
}

#[test]
fn close_fails_whole_when_the_registry_refuses() {
	run_test(|| {
		let id = open(10, 1_000);
		run_to_block(5);
		set_release_fails(true);
		assert_noop!(
			LeaseEscrow::close_lease(RuntimeOrigin::signed(TENANT), id),
			DispatchError::Other("release refused")
		);
		set_release_fails(false);
	});
}
