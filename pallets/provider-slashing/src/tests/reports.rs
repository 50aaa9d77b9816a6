//! `report_fault`, `dispute` and `resolve_report`.

use super::*;
use polkadot_sdk::{
	frame_support::{assert_noop, assert_ok},
	sp_runtime::DispatchError,
};
use stratus_primitives::CloseReason;
use stratus_primitives::LeaseStake;

#[test]
fn report_fault_holds_the_deposit_and_indexes_the_report() {
	run_test(|| {
		alice_bonds(10_000);
		let lease = open_lease(TENANT, ALICE);
		assert_ok!(ProviderSlashing::report_fault(
			signed(TENANT),
			lease,
			FaultKind::NotDelivered,
			evidence(1)
		));
		assert_eq!(held_deposit(TENANT), 50);
		assert_eq!(free(TENANT), TENANT_FUNDS - 50);
		let report = Report {
			lease_id: lease,
			tenant: TENANT,
			provider: ALICE,
			kind: FaultKind::NotDelivered,
			evidence: evidence(1),
			asset: STRA,
			deposit: 50,
			status: ReportStatus::Open,
			deadline: 11,
			stake: LeaseStake { slice: 10_000, compensated: 0 },
			tenant_paid: Balance::MAX / 4,
		};
		assert_eq!(ProviderSlashing::report(0), Some(report.clone()));
		assert_eq!(NextReportId::<Test>::get(), 1);
		assert_eq!(ReportWindows::<Test>::get(11).to_vec(), vec![0]);
		assert_eq!(OpenReportOfLease::<Test>::get(lease), Some(0));
		assert_eq!(open_reports(ALICE), vec![(0, report)]);
		assert_eq!(OpenReportCount::<Test>::get(ALICE), 1);
		System::assert_last_event(
			Event::FaultReported {
				report_id: 0,
				lease_id: lease,
				tenant: TENANT,
				provider: ALICE,
				kind: FaultKind::NotDelivered,
				evidence: evidence(1),
				window_end: 11,
			}
			.into(),
		);
	});
}

#[test]
fn only_the_tenant_of_a_lease_reports_it_once() {
	run_test(|| {
		alice_bonds(10_000);
		let lease = open_lease(TENANT, ALICE);
		let kind = FaultKind::Unavailable;
		assert_noop!(
			ProviderSlashing::report_fault(signed(TENANT), 99, kind, evidence(1)),
			Error::<Test>::LeaseNotReportable
		);
		assert_noop!(
			ProviderSlashing::report_fault(signed(TENANT2), lease, kind, evidence(1)),
			Error::<Test>::NotLeaseTenant
		);
		assert_noop!(
			ProviderSlashing::report_fault(signed(ALICE), lease, kind, evidence(1)),
			Error::<Test>::NotLeaseTenant
		);
		assert_noop!(
			ProviderSlashing::report_fault(RuntimeOrigin::none(), lease, kind, evidence(1)),
			DispatchError::BadOrigin
		);
		assert_ok!(ProviderSlashing::report_fault(signed(TENANT), lease, kind, evidence(1)));
		assert_noop!(
			ProviderSlashing::report_fault(signed(TENANT), lease, kind, evidence(2)),
			Error::<Test>::ReportAlreadyOpen
		);
	});
}

#[test]
fn no_unavailable_report_inside_an_announced_maintenance_window() {
	run_test(|| {
		alice_bonds(10_000);
		let lease = open_lease(TENANT, ALICE);
		set_in_maintenance(ALICE, true);
		assert_noop!(
			ProviderSlashing::report_fault(
				signed(TENANT),
				lease,
				FaultKind::Unavailable,
				evidence(1)
			),
			Error::<Test>::ProviderInMaintenance
		);
		// Other faults are still reported, and out of the window so is this.
		assert_ok!(ProviderSlashing::report_fault(
			signed(TENANT),
			lease,
			FaultKind::BelowSpec,
			evidence(1)
		));
		let second = open_lease(TENANT, ALICE);
		set_in_maintenance(ALICE, false);
		assert_ok!(ProviderSlashing::report_fault(
			signed(TENANT),
			second,
			FaultKind::Unavailable,
			evidence(1)
		));
	});
}

#[test]
fn report_fault_needs_the_deposit() {
	run_test(|| {
		let lease = open_lease(NOBODY, ALICE);
		assert_noop!(
			ProviderSlashing::report_fault(
				signed(NOBODY),
				lease,
				FaultKind::BelowSpec,
				evidence(1)
			),
			Error::<Test>::InsufficientBalance
		);
	});
}

#[test]
fn reports_are_refused_only_when_every_slot_in_reach_is_full() {
	run_test(|| {
		use crate::hooks::REPORT_SEARCH_DEPTH;
		use polkadot_sdk::frame_support::BoundedVec;
		// The window slot of block 11 and the REPORT_SEARCH_DEPTH after it,
		// each full with three reports (ids no report has, removed below).
		let last = 11 + u64::from(REPORT_SEARCH_DEPTH);
		for slot in 11..=last {
			let ids = BoundedVec::truncate_from(vec![u64::MAX - 2, u64::MAX - 1, u64::MAX]);
			ReportWindows::<Test>::insert(slot, ids);
		}
		NextUnprocessedBlock::<Test>::put(1);
		let lease = open_lease(TENANT2, ALICE);
		assert_noop!(
			ProviderSlashing::report_fault(
				signed(TENANT2),
				lease,
				FaultKind::BelowSpec,
				evidence(1)
			),
			Error::<Test>::ReportQueueFull
		);
		// One place free at the far end: the report's window ends there.
		ReportWindows::<Test>::mutate(last, |ids| ids.truncate(2));
		assert_ok!(ProviderSlashing::report_fault(
			signed(TENANT2),
			lease,
			FaultKind::BelowSpec,
			evidence(1)
		));
		let report = ProviderSlashing::report(NextReportId::<Test>::get() - 1).unwrap();
		assert_eq!(report.deadline, last);
		// Clear the stand-ins so the invariants see only real reports.
		for slot in 11..=last {
			ReportWindows::<Test>::mutate_exists(slot, |ids| {
				if let Some(list) = ids {
					list.retain(|id| *id < u64::MAX - 2);
					if list.is_empty() {
						*ids = None;
					}
				}
			});
		}
	});
}

#[test]
fn no_party_can_use_up_the_room_others_have_to_report_a_provider() {
	run_test(|| {
		// A self-dealer leases from itself through a second account (TENANT2)
		// and files reports it then disputes, many more than the 16 a
		// provider once could have open: an honest tenant can still report.
		alice_bonds(10_000);
		for n in 0..20u64 {
			System::set_block_number(1 + n / 3);
			let (_, report) = report_alice(TENANT2, FaultKind::BelowSpec);
			assert_ok!(ProviderSlashing::dispute(signed(ALICE), report, evidence(9)));
		}
		assert_eq!(OpenReportCount::<Test>::get(ALICE), 20);
		let (_, honest) = report_alice(TENANT, FaultKind::Unavailable);
		assert_eq!(OpenReportCount::<Test>::get(ALICE), 21);
		assert_eq!(ProviderSlashing::report(honest).unwrap().tenant, TENANT);
		// The pages list every one of them.
		let first = ProviderSlashing::open_reports_of(&ALICE, None, 15);
		let rest = ProviderSlashing::open_reports_of(&ALICE, first.last().map(|(id, _)| *id), 15);
		assert_eq!((first.len(), rest.len()), (15, 6));
	});
}

#[test]
fn a_tenant_reports_a_lease_within_the_grace_period_after_it_closed() {
	run_test(|| {
		// The provider closes first; the tenant's report still lands, and an
		// upheld `Unavailable` report slashes and compensates although there
		// is no lease left to close.
		alice_bonds(10_000);
		let lease = open_lease(TENANT, ALICE);
		end_lease(lease);
		assert_ok!(ProviderSlashing::report_fault(
			signed(TENANT),
			lease,
			FaultKind::Unavailable,
			evidence(1)
		));
		run_to_block(11);
		assert_eq!(bonded(ALICE), 9_000);
		assert_eq!(free(TENANT), TENANT_FUNDS + 600);
		assert!(closed_leases().is_empty());
		System::assert_last_event(
			Event::ReportResolved {
				report_id: 0,
				verdict: Verdict::Uphold,
				slashed: 1_000,
				lease_closed: false,
				by: ResolvedBy::Deadline,
			}
			.into(),
		);
		// Once the grace period is over, the lease cannot be reported.
		end_grace(lease);
		assert_noop!(
			ProviderSlashing::report_fault(
				signed(TENANT),
				lease,
				FaultKind::Unavailable,
				evidence(2)
			),
			Error::<Test>::LeaseNotReportable
		);
	});
}

#[test]
fn the_provider_disputes_within_the_window() {
	run_test(|| {
		alice_bonds(10_000);
		let (_, report) = report_alice(TENANT, FaultKind::NotDelivered);
		System::set_block_number(10);
		assert_ok!(ProviderSlashing::dispute(signed(ALICE), report, evidence(9)));
		// The adjudicator has 40 blocks from the dispute.
		System::assert_last_event(
			Event::ReportDisputed {
				report_id: report,
				provider: ALICE,
				evidence: evidence(9),
				decide_by: 50,
			}
			.into(),
		);
		let disputed = ProviderSlashing::report(report).unwrap();
		assert_eq!(disputed.status, ReportStatus::Disputed { provider_evidence: evidence(9) });
		assert_eq!(disputed.deadline, 50);
		// Out of the window's slot, into the adjudication deadline's.
		assert!(!ReportWindows::<Test>::contains_key(11));
		assert_eq!(ReportWindows::<Test>::get(50).to_vec(), vec![report]);
		assert_noop!(
			ProviderSlashing::dispute(signed(ALICE), report, evidence(9)),
			Error::<Test>::AlreadyDisputed
		);
	});
}

#[test]
fn dispute_errors() {
	run_test(|| {
		alice_bonds(10_000);
		assert_noop!(
			ProviderSlashing::dispute(signed(ALICE), 0, evidence(9)),
			Error::<Test>::UnknownReport
		);
		let (_, report) = report_alice(TENANT, FaultKind::NotDelivered);
		assert_noop!(
			ProviderSlashing::dispute(signed(BOB), report, evidence(9)),
			Error::<Test>::NotReportedProvider
		);
		assert_noop!(
			ProviderSlashing::dispute(signed(TENANT), report, evidence(9)),
			Error::<Test>::NotReportedProvider
		);
		assert_noop!(
			ProviderSlashing::dispute(RuntimeOrigin::none(), report, evidence(9)),
			DispatchError::BadOrigin
		);
		// At the window's end it is too late (hooks not run here).
		System::set_block_number(11);
		assert_noop!(
			ProviderSlashing::dispute(signed(ALICE), report, evidence(9)),
			Error::<Test>::DisputeWindowClosed
		);
	});
}

#[test]
fn a_disputed_report_upheld_slashes_closes_the_lease_and_returns_the_deposit() {
	run_test(|| {
		alice_bonds(10_000);
		let (lease, report) = report_alice(TENANT, FaultKind::NotDelivered);
		assert_ok!(ProviderSlashing::dispute(signed(ALICE), report, evidence(9)));
		assert_ok!(ProviderSlashing::resolve_report(
			RuntimeOrigin::root(),
			report,
			Verdict::Uphold
		));
		// 20% of 10_000 = 2_000: 1_200 to the tenant, 800 to the treasury.
		assert_eq!(bonded(ALICE), 8_000);
		assert_eq!(held_bond(ALICE), 8_000);
		assert_eq!(free(TENANT), TENANT_FUNDS + 1_200);
		assert_eq!(held_deposit(TENANT), 0);
		assert_eq!(free(TREASURY), TREASURY_FUNDS + 800);
		assert_eq!(faults(ALICE), 1);
		assert_eq!(closed_leases(), vec![(lease, CloseReason::ProviderSlashed)]);
		System::assert_has_event(
			Event::Slashed {
				provider: ALICE,
				amount: 2_000,
				to_tenant: 1_200,
				to_treasury: 800,
				reason: SlashReason::Report { report_id: report, kind: FaultKind::NotDelivered },
			}
			.into(),
		);
		System::assert_last_event(
			Event::ReportResolved {
				report_id: report,
				verdict: Verdict::Uphold,
				slashed: 2_000,
				lease_closed: true,
				by: ResolvedBy::Adjudicator,
			}
			.into(),
		);
		assert_eq!(ProviderSlashing::report(report), None);
		assert_eq!(OpenReportOfLease::<Test>::get(lease), None);
		assert!(open_reports(ALICE).is_empty());
		assert_eq!(OpenReportCount::<Test>::get(ALICE), 0);
	});
}

#[test]
fn a_disputed_report_rejected_gives_the_deposit_to_the_provider() {
	run_test(|| {
		alice_bonds(10_000);
		let (lease, report) = report_alice(TENANT, FaultKind::NotDelivered);
		assert_ok!(ProviderSlashing::dispute(signed(ALICE), report, evidence(9)));
		assert_ok!(ProviderSlashing::resolve_report(
			RuntimeOrigin::root(),
			report,
			Verdict::Reject
		));
		assert_eq!(free(ALICE), PROVIDER_FUNDS - 10_000 + 50);
		assert_eq!(bonded(ALICE), 10_000);
		assert_eq!(faults(ALICE), 0);
		assert_eq!(free(TENANT), TENANT_FUNDS - 50);
		assert_eq!(held_deposit(TENANT), 0);
		assert!(lease_active(lease));
		assert!(closed_leases().is_empty());
		System::assert_last_event(
			Event::ReportResolved {
				report_id: report,
				verdict: Verdict::Reject,
				slashed: 0,
				lease_closed: false,
				by: ResolvedBy::Adjudicator,
			}
			.into(),
		);
		assert_eq!(ProviderSlashing::report(report), None);
		// The lease can be reported again.
		assert_ok!(ProviderSlashing::report_fault(
			signed(TENANT),
			lease,
			FaultKind::Unavailable,
			evidence(3)
		));
	});
}

#[test]
fn an_open_report_can_be_resolved_before_its_window_ends() {
	run_test(|| {
		alice_bonds(10_000);
		let (lease, report) = report_alice(TENANT, FaultKind::BelowSpec);
		assert_ok!(ProviderSlashing::resolve_report(
			RuntimeOrigin::root(),
			report,
			Verdict::Uphold
		));
		assert!(!ReportWindows::<Test>::contains_key(11));
		// BelowSpec: 5%, and the lease goes on.
		assert_eq!(bonded(ALICE), 9_500);
		assert!(lease_active(lease));
		System::assert_last_event(
			Event::ReportResolved {
				report_id: report,
				verdict: Verdict::Uphold,
				slashed: 500,
				lease_closed: false,
				by: ResolvedBy::Adjudicator,
			}
			.into(),
		);
	});
}

#[test]
fn an_upheld_report_of_an_ended_lease_still_slashes() {
	run_test(|| {
		alice_bonds(10_000);
		let (lease, report) = report_alice(TENANT, FaultKind::Unavailable);
		end_lease(lease);
		assert_ok!(ProviderSlashing::resolve_report(
			RuntimeOrigin::root(),
			report,
			Verdict::Uphold
		));
		assert_eq!(bonded(ALICE), 9_000);
		assert!(closed_leases().is_empty());
		System::assert_last_event(
			Event::ReportResolved {
				report_id: report,
				verdict: Verdict::Uphold,
				slashed: 1_000,
				lease_closed: false,
				by: ResolvedBy::Adjudicator,
			}
			.into(),
		);
	});
}

#[test]
fn resolve_report_needs_the_adjudicator() {
	run_test(|| {
		alice_bonds(10_000);
		let (_, report) = report_alice(TENANT, FaultKind::Unavailable);
		assert_noop!(
			ProviderSlashing::resolve_report(signed(TENANT), report, Verdict::Uphold),
			DispatchError::BadOrigin
		);
		assert_noop!(
			ProviderSlashing::resolve_report(signed(ALICE), report, Verdict::Reject),
			DispatchError::BadOrigin
		);
		assert_noop!(
			ProviderSlashing::resolve_report(RuntimeOrigin::none(), report, Verdict::Reject),
			DispatchError::BadOrigin
		);
		assert_noop!(
			ProviderSlashing::resolve_report(RuntimeOrigin::root(), report + 1, Verdict::Uphold),
			Error::<Test>::UnknownReport
		);
	});
}

#[test]
fn the_adjudicator_may_dismiss_a_report() {
	run_test(|| {
		alice_bonds(10_000);
		let (lease, report) = report_alice(TENANT, FaultKind::NotDelivered);
		assert_ok!(ProviderSlashing::dispute(signed(ALICE), report, evidence(9)));
		assert_ok!(ProviderSlashing::resolve_report(
			RuntimeOrigin::root(),
			report,
			Verdict::Dismiss
		));
		// Nothing slashed, nothing counted, the deposit back to the tenant.
		assert_eq!(bonded(ALICE), 10_000);
		assert_eq!(faults(ALICE), 0);
		assert_eq!(free(TENANT), TENANT_FUNDS);
		assert_eq!(free(ALICE), PROVIDER_FUNDS - 10_000);
		assert!(lease_active(lease));
		assert!(!ReportWindows::<Test>::contains_key(50));
		System::assert_last_event(
			Event::ReportResolved {
				report_id: report,
				verdict: Verdict::Dismiss,
				slashed: 0,
				lease_closed: false,
				by: ResolvedBy::Adjudicator,
			}
			.into(),
		);
	});
}
