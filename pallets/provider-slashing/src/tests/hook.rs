//! The hook that upholds undisputed reports when their window ends.

use super::*;
use polkadot_sdk::frame_support::{assert_ok, traits::Hooks};
use stratus_primitives::CloseReason;

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
				upheld: true,
				slashed: 1_000,
				lease_closed: true,
				automatic: true,
			}
			.into(),
		);
		assert_eq!(NextUnprocessedBlock::<Test>::get(), 12);
		assert!(!ReportWindows::<Test>::contains_key(11));
	});
}

#[test]
fn a_disputed_report_waits_for_the_adjudicator() {
	run_test(|| {
		alice_bonds(10_000);
		let (lease, report) = report_alice(TENANT, FaultKind::NotDelivered);
		run_to_block(5);
		assert_ok!(ProviderSlashing::dispute(signed(ALICE), report, evidence(9)));
		run_to_block(40);
		assert!(ProviderSlashing::report(report).is_some());
		assert_eq!(bonded(ALICE), 10_000);
		assert!(lease_active(lease));
	});
}

#[test]
fn the_hook_carries_over_what_exceeds_its_limit() {
	run_test(|| {
		alice_bonds(10_000);
		// Three reports end their window at 11, one at 12; the hook upholds
		// two per block.
		let ids: Vec<ReportId> =
			(0..3).map(|_| report_alice(TENANT, FaultKind::BelowSpec).1).collect();
		run_to_block(2);
		let (_, last) = report_alice(TENANT2, FaultKind::BelowSpec);

		run_to_block(11);
		assert_eq!(ProviderSlashing::report(ids[0]), None);
		assert_eq!(ProviderSlashing::report(ids[1]), None);
		assert!(ProviderSlashing::report(ids[2]).is_some());
		assert_eq!(ReportWindows::<Test>::get(11).to_vec(), vec![ids[2]]);
		assert_eq!(NextUnprocessedBlock::<Test>::get(), 11);
		assert_eq!(faults(ALICE), 2);

		run_to_block(12);
		assert_eq!(ProviderSlashing::report(ids[2]), None);
		assert_eq!(ProviderSlashing::report(last), None);
		assert_eq!(NextUnprocessedBlock::<Test>::get(), 13);
		assert!(ProviderSlashing::open_reports_of(&ALICE).is_empty());
		// Four upheld faults: jailed at the third.
		assert_eq!(faults(ALICE), 4);
		assert!(is_jailed(ALICE));
	});
}

#[test]
fn a_lower_limit_spreads_the_work_over_more_blocks() {
	run_test(|| {
		MaxResolutionsPerBlock::set(1);
		alice_bonds(10_000);
		let ids: Vec<ReportId> =
			(0..3).map(|_| report_alice(TENANT, FaultKind::BelowSpec).1).collect();
		run_to_block(11);
		assert_eq!(ReportWindows::<Test>::get(11).len(), 2);
		run_to_block(12);
		assert_eq!(ReportWindows::<Test>::get(11).to_vec(), vec![ids[2]]);
		run_to_block(13);
		assert!(!ReportWindows::<Test>::contains_key(11));
		assert!(ids.iter().all(|id| ProviderSlashing::report(*id).is_none()));
		// Behind by one slot; two empty slots a block catch it up.
		assert_eq!(NextUnprocessedBlock::<Test>::get(), 12);
		run_to_block(14);
		assert_eq!(NextUnprocessedBlock::<Test>::get(), 14);
		run_to_block(15);
		assert_eq!(NextUnprocessedBlock::<Test>::get(), 16);
	});
}

#[test]
fn the_hook_returns_the_weight_it_used() {
	run_test(|| {
		type W = ();
		// Nothing queued: the cursor and one empty slot.
		assert_eq!(
			ProviderSlashing::on_initialize(1),
			<W as WeightInfo>::on_initialize_base() + <W as WeightInfo>::on_initialize_slot()
		);
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
		assert_eq!(ProviderSlashing::report(report).map(|r| r.window_end), Some(now + 1));
		run_to_block(now + 1);
		assert_eq!(ProviderSlashing::report(report), None);
		assert_eq!(bonded(ALICE), 9_000);
		DisputeWindow::set(10);
	});
}
