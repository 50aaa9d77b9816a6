//! The track record: what every closed lease and decided report adds, the
//! score, and the decay of old evidence.

use super::*;
use polkadot_sdk::{frame_support::assert_ok, sp_runtime::Perbill};
use stratus_primitives::{CloseReason, Term};

fn record(who: AccountId) -> TrackRecordOf<Test> {
	ProviderSlashing::track_record(&who).expect("a record")
}

#[test]
fn a_lease_served_in_full_is_completed_and_its_value_counts_for_the_provider() {
	run_test(|| {
		System::set_block_number(7);
		served(ALICE, TENANT, 0, CloseReason::ByTenant, Term::Served, (10, 500, 300));
		let r = record(ALICE);
		assert_eq!((r.since, r.weighed_at), (7, 7));
		assert_eq!(r.completed, 1);
		assert_eq!(r.closed.by_tenant, 1);
		assert_eq!(r.closed.total(), 1);
		assert_eq!((r.blocks_served, r.value_served), (10, 500));
		assert_eq!((r.good, r.bad), (500, 0));
		assert_eq!(r.faults.total(), 0);
		// (100 + 500) / (200 + 500)
		assert_eq!(ProviderSlashing::score(&r), Perbill::from_rational(600u64, 700));
	});
}

#[test]
fn a_provider_without_history_scores_half() {
	run_test(|| {
		assert_eq!(ProviderSlashing::track_record(&ALICE), None);
		assert_eq!(ProviderSlashing::score(&Default::default()), Perbill::from_percent(50));
	});
}

#[test]
fn a_lease_cut_short_weighs_what_it_promised_against_its_provider() {
	run_test(|| {
		alice_bonds(10_000);
		served(ALICE, TENANT, 0, CloseReason::ByProvider, Term::CutShort, (4, 200, 1_000));
		let r = record(ALICE);
		assert_eq!(r.completed, 0);
		assert_eq!(r.closed.by_provider, 1);
		assert_eq!(r.faults.early_close, 1);
		assert_eq!((r.good, r.bad), (200, 1_000));
		// (100 + 200) / (200 + 200 + 1_000)
		assert_eq!(ProviderSlashing::score(&r), Perbill::from_rational(300u64, 1_400));
	});
}

#[test]
fn each_fault_of_a_closure_is_counted_by_kind_and_no_other_closure_is_a_fault() {
	run_test(|| {
		for (reason, term) in [
			(CloseReason::NotReady, Term::CutShort),
			(CloseReason::ProviderUnreachable, Term::Served),
			(CloseReason::ByTenant, Term::CutShort),
			(CloseReason::InsufficientFunds, Term::CutShort),
			(CloseReason::InsufficientFunds, Term::Served),
			(CloseReason::ByProvider, Term::Served),
			(CloseReason::ProviderJailed, Term::Served),
		] {
			served(ALICE, TENANT, 0, reason, term, (1, 10, 100));
		}
		let r = record(ALICE);
		assert_eq!(r.closed.total(), 7);
		assert_eq!((r.faults.not_ready, r.faults.unreachable), (1, 1));
		assert_eq!(r.faults.total(), 2);
		// Run dry after the term and closed by the provider after it; a jail
		// is no lease the provider completed, nor is a tenant leaving early.
		assert_eq!(r.completed, 2);
		assert_eq!((r.good, r.bad), (70, 200));
	});
}

#[test]
fn a_lease_ended_by_an_upheld_report_adds_nothing_for_its_provider() {
	run_test(|| {
		served(ALICE, TENANT, 0, CloseReason::ProviderSlashed, Term::CutShort, (5, 250, 1_000));
		let r = record(ALICE);
		assert_eq!((r.closed.provider_slashed, r.value_served), (1, 250));
		assert_eq!((r.good, r.bad, r.faults.total()), (0, 0, 0));
	});
}

#[test]
fn an_upheld_report_weighs_its_slash_and_a_rejected_one_is_a_dispute_won() {
	run_test(|| {
		alice_bonds(10_000);
		let (_, upheld) = report_alice(TENANT, FaultKind::Unavailable);
		assert_ok!(ProviderSlashing::resolve_report(
			RuntimeOrigin::root(),
			upheld,
			Verdict::Uphold
		));
		let (_, rejected) = report_alice(TENANT, FaultKind::BelowSpec);
		assert_ok!(ProviderSlashing::resolve_report(
			RuntimeOrigin::root(),
			rejected,
			Verdict::Reject
		));
		let r = record(ALICE);
		assert_eq!(r.faults.unavailable, 1);
		assert_eq!(r.faults.below_spec, 0);
		assert_eq!(r.disputes_won, 1);
		// 10 % of 10_000.
		assert_eq!(r.bad, 1_000);
	});
}

#[test]
fn a_report_upheld_against_a_provider_with_nothing_bonded_still_weighs_a_unit() {
	run_test(|| {
		let (_, report) = report_alice(TENANT, FaultKind::NotDelivered);
		assert_ok!(ProviderSlashing::resolve_report(
			RuntimeOrigin::root(),
			report,
			Verdict::Uphold
		));
		assert_eq!(record(ALICE).bad, REPUTATION_UNIT);
		assert_eq!(record(ALICE).faults.not_delivered, 1);
	});
}

#[test]
fn evidence_halves_every_half_life_and_decays_smoothly_within_one() {
	run_test(|| {
		served(ALICE, TENANT, 0, CloseReason::ByTenant, Term::Served, (10, 1_000_000, 0));
		System::set_block_number(1 + HALF_LIFE);
		assert_eq!(record(ALICE).good, 500_000);
		System::set_block_number(1 + HALF_LIFE + HALF_LIFE / 2);
		// 1_000_000 / 2 / sqrt(2) = 353_553, to within the per-block factor.
		let good = record(ALICE).good;
		assert!((352_000..=355_000).contains(&good), "{good}");
		// Reading decays nothing in storage; the next event does.
		assert_eq!(TrackRecords::<Test>::get(ALICE).unwrap().good, 1_000_000);
		served(ALICE, TENANT, 1, CloseReason::ByTenant, Term::Served, (1, 10, 0));
		let stored = TrackRecords::<Test>::get(ALICE).unwrap();
		assert_eq!((stored.good, stored.weighed_at), (good + 10, 1 + HALF_LIFE + HALF_LIFE / 2));
		System::set_block_number(1 + 200 * HALF_LIFE);
		assert_eq!(record(ALICE).good, 0);
	});
}

#[test]
fn evidence_from_a_lease_in_another_asset_counts_at_its_worth_in_stra() {
	run_test(|| {
		alice_bonds(10_000);
		// A USDT unit is worth two plancks here.
		let in_usdt = open_lease_in(usdt(), TENANT, ALICE);
		served(ALICE, TENANT, in_usdt, CloseReason::ByTenant, Term::Served, (10, 500, 300));
		let r = record(ALICE);
		assert_eq!((r.value_served, r.good, r.bad), (1_000, 1_000, 0));
		// A fault weighs what the lease promised, in STRA too: 2 × 400.
		let cut = open_lease_in(usdt(), TENANT, ALICE);
		served(ALICE, TENANT, cut, CloseReason::ByProvider, Term::CutShort, (1, 50, 400));
		let r = record(ALICE);
		assert_eq!((r.value_served, r.good, r.bad), (1_100, 1_100, 800));
		// An asset without a rate adds its counts but no value.
		let unrated = open_lease_in(AssetKind::WithId(UNRATED), TENANT, ALICE);
		served(ALICE, TENANT, unrated, CloseReason::ByTenant, Term::Served, (10, 500, 300));
		let r = record(ALICE);
		assert_eq!((r.value_served, r.good, r.bad), (1_100, 1_100, 800));
		assert_eq!((r.completed, r.blocks_served), (2, 21));
	});
}
