//! Stake committed per lease: the slice a lease commits, the free bond that
//! backs new leases, and slashes that never take more than the slice of the
//! lease they punish nor pay its tenant more than the lease cost it.

use super::*;
use polkadot_sdk::{
	frame_support::{assert_noop, assert_ok},
	sp_runtime::DispatchError,
};
use stratus_primitives::{CloseReason, LeaseStake, ProviderStake, Term};

type Stake = ProviderSlashing;

fn can_back(who: AccountId, asset: AssetKind, value: Balance) -> Result<(), DispatchError> {
	<Stake as ProviderStake<AccountId, AssetKind, Balance>>::ensure_can_back(
		&who,
		Some((&asset, value)),
	)
}

fn committed(who: AccountId) -> Balance {
	Bonds::<Test>::get(who).map(|b| b.committed).unwrap_or_default()
}

/// Opens a lease of `TENANT` with `ALICE` worth `value` in STRA; panics if
/// her free bond cannot back it.
fn lease_worth(value: Balance) -> LeaseId {
	open_lease_worth(STRA, TENANT, ALICE, value).expect("the free bond backs the lease")
}

/// The lease's escrow reports it closed for `reason`; returns the slash.
fn close(lease: LeaseId, reason: CloseReason) -> Balance {
	end_lease(lease);
	closed(ALICE, TENANT, lease, reason, Term::CutShort)
}

/// `TENANT` reports `lease` of kind `kind`, and the adjudicator upholds it.
fn report_upheld(lease: LeaseId, kind: FaultKind) {
	let id = NextReportId::<Test>::get();
	assert_ok!(ProviderSlashing::report_fault(signed(TENANT), lease, kind, evidence(1)));
	assert_ok!(ProviderSlashing::resolve_report(RuntimeOrigin::root(), id, Verdict::Uphold));
}

#[test]
fn a_lease_commits_a_slice_sized_by_its_worth_never_below_the_floor() {
	run_test(|| {
		alice_bonds(10_000);
		// Half the worth (LeaseStakeRatio 50%), rounded down.
		assert_eq!(
			open_lease_worth(STRA, TENANT, ALICE, 1_001).map(lease_stake),
			Ok(Some(LeaseStake { slice: 500, compensated: 0 }))
		);
		// A lease worth little commits the floor.
		let tiny = lease_worth(1);
		assert_eq!(lease_stake(tiny), Some(LeaseStake { slice: MIN_LEASE_STAKE, compensated: 0 }));
		// A USDT unit is worth two plancks: 700 units are 1_400, half is 700.
		let usdt = open_lease_worth(usdt(), TENANT, ALICE, 700).unwrap();
		assert_eq!(lease_stake(usdt).map(|s| s.slice), Some(700));
		assert_eq!(committed(ALICE), 500 + MIN_LEASE_STAKE + 700);
		// An asset without a rate cannot be valued, so it backs nothing.
		assert_noop!(
			open_lease_worth(AssetKind::WithId(UNRATED), TENANT, ALICE, 1),
			Error::<Test>::NoRate
		);
	});
}

#[test]
fn only_the_free_bond_backs_new_leases_and_may_be_unbonded() {
	run_test(|| {
		alice_bonds(1_000);
		// 1_400 worth commits 700 of 1_000: 300 free.
		let lease = lease_worth(1_400);
		assert_eq!(committed(ALICE), 700);
		assert_ok!(can_back(ALICE, STRA, 600));
		assert_noop!(can_back(ALICE, STRA, 602), Error::<Test>::InsufficientFreeBond);
		assert_noop!(
			open_lease_worth(STRA, TENANT, ALICE, 602),
			Error::<Test>::InsufficientFreeBond
		);
		// The cheapest lease there is needs the floor free.
		assert_ok!(<Stake as ProviderStake<AccountId, AssetKind, Balance>>::ensure_can_back(
			&ALICE, None
		));
		assert_noop!(
			<Stake as ProviderStake<AccountId, AssetKind, Balance>>::ensure_can_back(&BOB, None),
			Error::<Test>::NotBonded
		);
		// Committed stake cannot leave; the free part can.
		assert_noop!(ProviderSlashing::unbond(signed(ALICE), 301), Error::<Test>::StakeCommitted);
		assert_ok!(ProviderSlashing::unbond(signed(ALICE), 300));
		// Closing the lease frees its slice, slashed or not.
		assert_eq!(close(lease, CloseReason::ByTenant), 0);
		assert_eq!(committed(ALICE), 0);
		assert_ok!(ProviderSlashing::unbond(signed(ALICE), 700));
	});
}

#[test]
fn a_slash_takes_a_share_of_the_lease_slice_not_of_the_bond() {
	run_test(|| {
		alice_bonds(10_000);
		let lease = lease_worth(4_000); // a slice of 2_000
		set_tenant_paid(lease, 10_000);
		// EarlyCloseSlash is 10%: of the slice, 200, not 1_000 of the bond.
		assert_eq!(close(lease, CloseReason::ByProvider), 200);
		assert_eq!(bonded(ALICE), 9_800);
		assert_eq!(held_bond(ALICE), 9_800);
		assert_eq!(free(TENANT), TENANT_FUNDS + 120);
		assert_eq!(free(TREASURY), TREASURY_FUNDS + 80);
		// The closed lease keeps what is left of its slice for reports in
		// the grace period, no longer committed.
		assert_eq!(lease_stake(lease), Some(LeaseStake { slice: 1_800, compensated: 120 }));
		assert_eq!(committed(ALICE), 0);
	});
}

#[test]
fn slashes_of_one_lease_together_never_take_more_than_its_slice() {
	run_test(|| {
		alice_bonds(10_000);
		let lease = lease_worth(400); // a slice of 200
		set_tenant_paid(lease, 10_000);
		// BelowSpec (5%) keeps the lease running: 10 of 200.
		report_upheld(lease, FaultKind::BelowSpec);
		assert_eq!(lease_stake(lease).map(|s| s.slice), Some(190));
		// While the lease runs, its slash comes off the committed stake too.
		assert_eq!(committed(ALICE), 190);
		let mut taken = 10;
		// Nine more upheld reports take 5% of what is left each time.
		for _ in 0..9 {
			let before = lease_stake(lease).unwrap().slice;
			report_upheld(lease, FaultKind::BelowSpec);
			taken += before - lease_stake(lease).unwrap().slice;
		}
		assert!(taken <= 200);
		assert_eq!(bonded(ALICE), 10_000 - taken);
		assert_eq!(committed(ALICE), 200 - taken);
	});
}

#[test]
fn compensation_never_exceeds_what_the_lease_cost_its_tenant() {
	run_test(|| {
		alice_bonds(10_000);
		let lease = lease_worth(4_000); // a slice of 2_000
		set_tenant_paid(lease, 50);
		// 5% of 2_000 is 100, 60% of that 60: capped at the 50 paid.
		report_upheld(lease, FaultKind::BelowSpec);
		assert_eq!(free(TENANT), TENANT_FUNDS + 50);
		assert_eq!(free(TREASURY), TREASURY_FUNDS + 50);
		// A second slash of the same lease pays the tenant nothing more.
		assert_eq!(close(lease, CloseReason::ByProvider), 190);
		assert_eq!(free(TENANT), TENANT_FUNDS + 50);
		assert_eq!(free(TREASURY), TREASURY_FUNDS + 50 + 190);
		assert_eq!(lease_stake(lease), Some(LeaseStake { slice: 1_710, compensated: 50 }));
	});
}

#[test]
fn compensation_for_a_lease_in_usdt_is_what_the_tenant_paid_at_the_rate() {
	run_test(|| {
		alice_bonds(10_000);
		let lease = open_lease_worth(usdt(), TENANT, ALICE, 2_000).unwrap(); // 4_000: slice 2_000
																	   // 7 USDT units are worth 14 plancks.
		set_tenant_paid(lease, 7);
		end_lease(lease);
		assert_eq!(closed(ALICE, TENANT, lease, CloseReason::NotReady, Term::CutShort), 200);
		assert_eq!(free(TENANT), TENANT_FUNDS + 14);
		assert_eq!(free(TREASURY), TREASURY_FUNDS + 186);
	});
}

/// A tenant with fifty one-planck leases and a provider that misses a
/// heartbeat: before, each `ProviderUnreachable` close took 10% of the
/// whole bond and paid the tenant 60% of it. Now each takes 10% of its
/// lease's slice (the floor) and the tenant gets back at most what it
/// paid: it gains nothing.
#[test]
fn a_sybil_tenant_with_many_tiny_leases_gains_nothing_from_an_outage() {
	run_test(|| {
		alice_bonds(10_000);
		let leases: Vec<_> = (0..50).map(|_| lease_worth(1)).collect();
		assert_eq!(committed(ALICE), 50 * MIN_LEASE_STAKE);
		let tenant_before = free(TENANT);
		let mut slashed = 0;
		for lease in &leases {
			// One planck paid for each.
			set_tenant_paid(*lease, 1);
			slashed += close(*lease, CloseReason::ProviderUnreachable);
		}
		// 10% of each slice: 500 of a 10_000 bond, in proportion to the
		// leases broken.
		assert_eq!(slashed, 50 * MIN_LEASE_STAKE / 10);
		assert_eq!(bonded(ALICE), 10_000 - slashed);
		let paid = 50;
		let gained = free(TENANT) - tenant_before;
		assert!(gained <= paid, "the tenant got {gained} back for {paid} paid");
		assert_eq!(committed(ALICE), 0);
	});
}

#[test]
fn a_report_on_a_lease_whose_record_is_gone_uses_its_current_copy() {
	run_test(|| {
		alice_bonds(10_000);
		let lease = lease_worth(4_000); // a slice of 2_000
		set_tenant_paid(lease, 1_000);
		let id = NextReportId::<Test>::get();
		assert_ok!(ProviderSlashing::report_fault(
			signed(TENANT),
			lease,
			FaultKind::NotDelivered,
			evidence(1)
		));
		// An early close slashes 200 while the report is open: the report's
		// copy follows.
		assert_eq!(close(lease, CloseReason::ByProvider), 200);
		assert_eq!(
			ProviderSlashing::report(id).map(|r| r.stake),
			Some(LeaseStake { slice: 1_800, compensated: 120 })
		);
		forget(lease);
		assert_ok!(ProviderSlashing::resolve_report(RuntimeOrigin::root(), id, Verdict::Uphold));
		// NotDelivered is 20%: of the 1_800 left, not of the 2_000 at filing.
		assert_eq!(bonded(ALICE), 10_000 - 200 - 360);
	});
}
