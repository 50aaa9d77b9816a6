//! Each invariant `do_try_state` checks, shown able to fail: a chain with
//! something in every record it reads, corrupted in one place, must fail
//! with that invariant's message and no other.

use super::*;
use polkadot_sdk::frame_support::{assert_ok, BoundedVec};
use stratus_primitives::{CloseReason, Term};

/// The ids in the base chain: the tenant's report against Alice and its lease.
struct Base {
	report: ReportId,
	lease: LeaseId,
}

/// Alice bonded with an unbonding chunk, a report of the tenant's against her
/// waiting for its deadline, and a track record from a lease of Tenant2's
/// she served.
fn base() -> Base {
	run_to_block(5);
	alice_bonds(1_000);
	assert_ok!(ProviderSlashing::unbond(signed(ALICE), 100));
	let served_lease = open_lease(TENANT2, ALICE);
	served(ALICE, TENANT2, served_lease, CloseReason::ByTenant, Term::Served, (10, 100, 100));
	let (lease, report) = report_alice(TENANT, FaultKind::NotDelivered);
	run_to_block(6);
	assert!(NextUnprocessedBlock::<Test>::get().is_some());
	assert!(TrackRecords::<Test>::get(ALICE).is_some());
	Base { report, lease }
}

/// `corrupt` applied to the base chain makes `do_try_state` fail with
/// `name`.
fn fires(name: &'static str, corrupt: impl FnOnce(&Base)) {
	new_test_ext().execute_with(|| {
		let base = base();
		assert_eq!(ProviderSlashing::do_try_state(), Ok(()), "the base chain holds");
		corrupt(&base);
		assert_eq!(ProviderSlashing::do_try_state(), Err(name.into()), "{name}");
	});
}

fn bond_of_alice(change: impl FnOnce(&mut BondOf<Test>)) {
	Bonds::<Test>::mutate(ALICE, |bond| change(bond.as_mut().expect("Alice is bonded")));
}

fn report(base: &Base, change: impl FnOnce(&mut ReportOf<Test>)) {
	Reports::<Test>::mutate(base.report, |report| change(report.as_mut().expect("the report")));
}

fn deadline(base: &Base) -> BlockNumber {
	Reports::<Test>::get(base.report).expect("the report").deadline
}

fn track_record(change: impl FnOnce(&mut TrackRecordOf<Test>)) {
	TrackRecords::<Test>::mutate(ALICE, |record| change(record.as_mut().expect("a record")));
}

/// A report id no report has.
const UNKNOWN: ReportId = 99;

#[test]
fn a_bond_that_differs_from_its_hold() {
	fires("held bond differs from bonded + unbonding", |_| bond_of_alice(|b| b.bonded -= 1));
}

#[test]
fn an_empty_unbonding_chunk() {
	fires("empty unbonding chunk", |_| {
		bond_of_alice(|b| {
			let chunk = UnbondChunk { amount: 0, unlocks_at: 100 };
			b.unbonding.try_push(chunk).expect("room for a chunk");
		})
	});
}

#[test]
fn a_provider_at_the_fault_limit_but_not_jailed() {
	// At the limit exactly: the slash that reaches it jails.
	fires("fault count at the limit without a jail", |_| {
		bond_of_alice(|b| b.faults = MaxFaultsBeforeJail::get())
	});
}

#[test]
fn report_slots_without_a_cursor() {
	fires("window slots queued without a cursor", |_| NextUnprocessedBlock::<Test>::kill());
}

#[test]
fn a_report_id_not_yet_handed_out() {
	fires("report id at or above NextReportId", |base| NextReportId::<Test>::put(base.report));
}

#[test]
fn a_report_without_a_deposit() {
	fires("report without a deposit", |base| report(base, |r| r.deposit = 0));
}

#[test]
fn a_report_its_lease_does_not_point_to() {
	fires("report missing from OpenReportOfLease", |base| {
		OpenReportOfLease::<Test>::remove(base.lease)
	});
}

#[test]
fn a_report_its_provider_does_not_list() {
	fires("report missing from ReportsByProvider", |base| {
		ReportsByProvider::<Test>::remove(ALICE, base.report)
	});
}

#[test]
fn a_report_in_its_slot_twice() {
	fires("report not in exactly one deadline slot", |base| {
		ReportWindows::<Test>::mutate(deadline(base), |ids| {
			ids.try_push(base.report).expect("room in the slot")
		})
	});
}

#[test]
fn a_report_in_another_slot() {
	fires("report in the wrong deadline slot", |base| report(base, |r| r.deadline += 1));
}

#[test]
fn a_report_deposit_that_differs_from_its_hold() {
	fires("held report deposit differs from open reports", |base| report(base, |r| r.deposit += 1));
}

#[test]
fn a_lease_pointing_to_no_report() {
	fires("OpenReportOfLease has entries without a report", |_| {
		OpenReportOfLease::<Test>::insert(1_000, UNKNOWN)
	});
}

#[test]
fn a_provider_listing_a_report_of_someone_else() {
	fires("ReportsByProvider lists a report of someone else", |base| {
		ReportsByProvider::<Test>::insert(BOB, base.report, ())
	});
}

#[test]
fn a_report_count_that_differs() {
	fires("OpenReportCount differs from the provider's reports", |_| {
		OpenReportCount::<Test>::insert(ALICE, 2)
	});
}

#[test]
fn reports_nobody_counts() {
	fires("a provider's reports are not counted", |_| OpenReportCount::<Test>::remove(ALICE));
}

#[test]
fn an_empty_slot() {
	fires("empty window slot kept", |base| {
		ReportWindows::<Test>::insert(deadline(base) + 5, BoundedVec::new())
	});
}

#[test]
fn a_slot_behind_the_cursor() {
	fires("window slot behind the cursor", |_| {
		let behind = NextUnprocessedBlock::<Test>::get().expect("a cursor") - 1;
		ReportWindows::<Test>::insert(behind, BoundedVec::truncate_from(vec![UNKNOWN]))
	});
}

#[test]
fn a_slot_holding_an_unknown_report() {
	fires("deadline slot holds an unknown report", |base| {
		ReportWindows::<Test>::insert(deadline(base) + 5, BoundedVec::truncate_from(vec![UNKNOWN]))
	});
}

#[test]
fn a_track_record_weighed_in_the_future() {
	fires("a track record weighed before it began or in the future", |_| {
		track_record(|r| r.weighed_at = System::block_number() + 1)
	});
}

#[test]
fn more_leases_completed_than_closed() {
	fires("more leases completed than closed", |_| {
		track_record(|r| r.completed = r.closed.total() + 1)
	});
}

#[test]
fn a_fault_without_its_closed_lease() {
	fires("a track record's faults differ from its closed leases", |_| {
		track_record(|r| r.faults.not_ready += 1)
	});
}

#[test]
fn more_evidence_for_than_value_served() {
	fires("more evidence for than value served", |_| track_record(|r| r.good = r.value_served + 1));
}
