//! The hook that acts on reports at their deadline (upholds undisputed ones
//! when their window ends, dismisses disputed ones the adjudicator left
//! undecided), metered by `HookWeight`: a slot admits what the hook resolves
//! in a block, and what the hook cannot reach waits, in order, for the next
//! block.

use super::*;
use polkadot_sdk::frame_support::{assert_ok, traits::Hooks, weights::Weight};
use stratus_primitives::CloseReason;

/// Sets the hook's budget to its fixed cost, one slot and `reports` reports.
fn budget_for(reports: u64) -> Weight {
	type W = ();
	let budget = <W as WeightInfo>::on_initialize_base()
		+ <W as WeightInfo>::on_initialize_slot()
		+ <W as WeightInfo>::on_initialize_report() * reports;
	HookWeight::set(budget);
	budget
}

fn restore_budget() {
	HookWeight::set(Weight::from_parts(100_000_000_000, 10_000_000));
}

#[test]
fn a_dispute_is_taken_when_every_slot_in_reach_is_full_to_its_admission() {
	run_test(|| {
		use crate::hooks::REPORT_SEARCH_DEPTH;
		use polkadot_sdk::frame_support::BoundedVec;
		alice_bonds(10_000);
		let (_, report) = report_alice(TENANT, FaultKind::Unavailable);
		// The hook resolves one report a block: every slot a dispute now
		// reaches (its adjudication deadline, 41, and the eight after) holds
		// one already (ids no report has), two short of its storage bound.
		budget_for(1);
		let decide_by = 1 + AdjudicationPeriod::get();
		let last = decide_by + u64::from(REPORT_SEARCH_DEPTH);
		for slot in decide_by..=last {
			ReportWindows::<Test>::insert(slot, BoundedVec::truncate_from(vec![u64::MAX - slot]));
		}
		// Before, the dispute was refused (`ReportQueueFull`) and the report
		// upheld at its window's end, the provider slashed unheard.
		assert_ok!(ProviderSlashing::dispute(signed(ALICE), report, evidence(2)));
		assert_eq!(ProviderSlashing::report(report).map(|r| r.deadline), Some(decide_by));
		assert_eq!(ReportWindows::<Test>::get(decide_by).len(), 2);
		for slot in decide_by..=last {
			ReportWindows::<Test>::mutate_exists(slot, |ids| {
				if let Some(list) = ids {
					list.retain(|id| *id < u64::MAX - 1_000);
					if list.is_empty() {
						*ids = None;
					}
				}
			});
		}
		restore_budget();
	});
}

#[test]
fn an_undisputed_report_is_upheld_when_its_window_ends() {
	run_test(|| {
		alice_bonds(10_000);
		let (lease, report) = report_alice(TENANT, FaultKind::Unavailable);
		run_to_block(10);
		assert!(ProviderSlashing::report(report).is_some());
		assert_eq!(bonded(ALICE), 10_000);
		run_to_block(11);
		assert_eq!(ProviderSlashing::report(report), None);
		// 10% of 10_000: 600 to the tenant, 400 to the treasury.
		assert_eq!(bonded(ALICE), 9_000);
		assert_eq!(free(TENANT), TENANT_FUNDS + 600);
		assert_eq!(held_deposit(TENANT), 0);
		assert_eq!(free(TREASURY), TREASURY_FUNDS + 400);
		assert_eq!(closed_leases(), vec![(lease, CloseReason::ProviderSlashed)]);
		System::assert_last_event(
			Event::ReportResolved {
				report_id: report,
				verdict: Verdict::Uphold,
				slashed: 1_000,
				lease_closed: true,
				by: ResolvedBy::Deadline,
			}
			.into(),
		);
		assert_eq!(NextUnprocessedBlock::<Test>::get(), Some(12));
		assert!(!ReportWindows::<Test>::contains_key(11));
	});
}

#[test]
fn a_disputed_report_waits_for_the_adjudicator_until_its_deadline_then_is_dismissed() {
	run_test(|| {
		alice_bonds(10_000);
		let (lease, report) = report_alice(TENANT, FaultKind::NotDelivered);
		run_to_block(5);
		assert_ok!(ProviderSlashing::dispute(signed(ALICE), report, evidence(9)));
		run_to_block(44);
		assert!(ProviderSlashing::report(report).is_some());
		assert_eq!(bonded(ALICE), 10_000);
		assert!(lease_active(lease));
		// Nobody decided in 40 blocks: dismissed, the deposit back to the
		// tenant, nothing slashed, and the provider free to withdraw again.
		run_to_block(45);
		assert_eq!(ProviderSlashing::report(report), None);
		assert_eq!(bonded(ALICE), 10_000);
		assert_eq!(free(TENANT), TENANT_FUNDS);
		assert!(lease_active(lease));
		assert_eq!(OpenReportCount::<Test>::get(ALICE), 0);
		System::assert_last_event(
			Event::ReportResolved {
				report_id: report,
				verdict: Verdict::Dismiss,
				slashed: 0,
				lease_closed: false,
				by: ResolvedBy::Deadline,
			}
			.into(),
		);
	});
}

#[test]
fn a_full_window_slot_gives_the_provider_a_later_window() {
	run_test(|| {
		// The hook upholds two reports a block, so a slot admits two.
		budget_for(2);
		assert_eq!(ProviderSlashing::resolutions_admitted_per_block(), 2);
		alice_bonds(10_000);
		let ids: Vec<ReportId> =
			(0..3).map(|_| report_alice(TENANT, FaultKind::BelowSpec).1).collect();
		let windows: Vec<u64> =
			ids.iter().map(|id| ProviderSlashing::report(*id).unwrap().deadline).collect();
		assert_eq!(windows, vec![11, 11, 12]);
		System::assert_has_event(
			Event::FaultReported {
				report_id: ids[2],
				lease_id: ProviderSlashing::report(ids[2]).unwrap().lease_id,
				tenant: TENANT,
				provider: ALICE,
				kind: FaultKind::BelowSpec,
				evidence: evidence(1),
				window_end: 12,
			}
			.into(),
		);
		// The later window is the provider's to use.
		run_to_block(11);
		assert!(ProviderSlashing::report(ids[2]).is_some());
		assert!(ProviderSlashing::report(ids[0]).is_none());
		run_to_block(12);
		assert!(ids.iter().all(|id| ProviderSlashing::report(*id).is_none()));
		assert_eq!(faults(ALICE), 3);
		restore_budget();
	});
}

#[test]
fn a_lower_budget_carries_work_over_in_order() {
	run_test(|| {
		alice_bonds(10_000);
		let ids: Vec<ReportId> =
			(0..3).map(|_| report_alice(TENANT, FaultKind::BelowSpec).1).collect();
		run_to_block(2);
		let (_, last) = report_alice(TENANT2, FaultKind::BelowSpec);
		// The budget falls after the reports were admitted: one report a block.
		budget_for(1);

		run_to_block(11);
		assert_eq!(ProviderSlashing::report(ids[0]), None);
		assert_eq!(ReportWindows::<Test>::get(11).to_vec(), vec![ids[1], ids[2]]);
		assert_eq!(NextUnprocessedBlock::<Test>::get(), Some(11));
		run_to_block(12);
		assert_eq!(ProviderSlashing::report(ids[1]), None);
		assert!(ProviderSlashing::report(ids[2]).is_some());
		run_to_block(13);
		assert_eq!(ProviderSlashing::report(ids[2]), None);
		assert!(ProviderSlashing::report(last).is_some(), "slot 12 waits for slot 11");
		run_to_block(14);
		assert_eq!(ProviderSlashing::report(last), None);
		assert!(open_reports(ALICE).is_empty());
		// Four upheld faults: jailed at the third.
		assert_eq!(faults(ALICE), 4);
		assert!(jailed(ALICE));
		// With room for a single report the hook visits one slot a block; with
		// its budget back it catches up with every empty slot at once.
		assert_eq!(NextUnprocessedBlock::<Test>::get(), Some(13));
		restore_budget();
		run_to_block(20);
		assert_eq!(NextUnprocessedBlock::<Test>::get(), Some(21));
	});
}

#[test]
fn the_hook_never_spends_more_than_its_budget() {
	run_test(|| {
		alice_bonds(10_000);
		for _ in 0..3 {
			report_alice(TENANT, FaultKind::BelowSpec);
		}
		let budget = budget_for(1);
		for n in 2..=12 {
			assert!(ProviderSlashing::on_initialize(n).all_lte(budget));
		}
		restore_budget();
	});
}

#[test]
fn the_hook_returns_the_weight_it_used() {
	run_test(|| {
		type W = ();
		// Nothing ever queued: only the cursor is read.
		assert_eq!(ProviderSlashing::on_initialize(1), <W as WeightInfo>::on_initialize_base());
		alice_bonds(10_000);
		report_alice(TENANT, FaultKind::BelowSpec);
		report_alice(TENANT, FaultKind::BelowSpec);
		for n in 2..11 {
			ProviderSlashing::on_initialize(n);
		}
		assert_eq!(
			ProviderSlashing::on_initialize(11),
			<W as WeightInfo>::on_initialize_base()
				+ <W as WeightInfo>::on_initialize_slot()
				+ <W as WeightInfo>::on_initialize_report() * 2
		);
	});
}

#[test]
fn a_dispute_window_of_zero_still_ends_after_the_block_the_report_is_filed_in() {
	run_test(|| {
		// Governance may set the window to zero. The report's window then ends
		// in the next block, not in this one, whose slot the hook has already
		// passed (it would never be upheld).
		DisputeWindow::set(0);
		alice_bonds(10_000);
		let now = System::block_number();
		let (_, report) = report_alice(TENANT, FaultKind::Unavailable);
		assert_eq!(ProviderSlashing::report(report).map(|r| r.deadline), Some(now + 1));
		run_to_block(now + 1);
		assert_eq!(ProviderSlashing::report(report), None);
		assert_eq!(bonded(ALICE), 9_000);
		DisputeWindow::set(10);
	});
}

#[test]
fn a_dispute_whose_deadline_falls_in_the_window_slot_stays_queued_once() {
	run_test(|| {
		// Found by the fuzzer: with an adjudication period equal to what is
		// left of the window, the report moves to the slot it is already in.
		alice_bonds(10_000);
		let (_, report) = report_alice(TENANT, FaultKind::BelowSpec);
		AdjudicationPeriod::set(10);
		assert_ok!(ProviderSlashing::dispute(signed(ALICE), report, evidence(9)));
		assert_eq!(ProviderSlashing::report(report).map(|r| r.deadline), Some(11));
		assert_eq!(ReportWindows::<Test>::get(11).to_vec(), vec![report]);
		run_to_block(11);
		assert_eq!(ProviderSlashing::report(report), None);
		assert_eq!(bonded(ALICE), 10_000);
		AdjudicationPeriod::set(40);
	});
}
