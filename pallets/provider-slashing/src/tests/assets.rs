//! Reports on a lease paid in `USDT` (worth two plancks of STRA a unit):
//! the deposit is held in USDT, the report deposit parameter's worth; it
//! comes back in USDT, and a rejected one goes to the provider in USDT, or
//! to the treasury when the provider's account cannot take it. Bonds and
//! slashes stay in STRA.

use super::*;
use polkadot_sdk::frame_support::{
	assert_noop, assert_ok,
	traits::{
		fungible::NativeOrWithId,
		fungibles::{Inspect as _, InspectHold as _, Mutate},
		tokens::Preservation,
	},
};

fn usdt_free(who: AccountId) -> Balance {
	Assets::balance(USDT, who)
}

fn usdt_held(who: AccountId) -> Balance {
	AssetsHolder::balance_on_hold(USDT, &HoldReason::ReportDeposit.into(), &who)
}

/// `TENANT` reports Alice on a new lease in `USDT`, Alice disputes, and the
/// adjudicator decides `verdict`.
fn reported_in_usdt_and_decided(verdict: Verdict) -> LeaseId {
	alice_bonds(10_000);
	let lease = open_lease_in(usdt(), TENANT, ALICE);
	let report = NextReportId::<Test>::get();
	assert_ok!(ProviderSlashing::report_fault(
		signed(TENANT),
		lease,
		FaultKind::NotDelivered,
		evidence(1)
	));
	// 50 plancks of STRA are 25 USDT, held in USDT; no STRA is held.
	assert_eq!(ProviderSlashing::report(report).map(|r| (r.asset, r.deposit)), Some((usdt(), 25)));
	assert_eq!(usdt_held(TENANT), 25);
	assert_eq!(held_deposit(TENANT), 0);
	assert_ok!(ProviderSlashing::dispute(signed(ALICE), report, evidence(9)));
	assert_ok!(ProviderSlashing::resolve_report(RuntimeOrigin::root(), report, verdict));
	assert_eq!(usdt_held(TENANT), 0);
	lease
}

#[test]
fn an_upheld_report_on_a_usdt_lease_returns_the_deposit_in_usdt_and_slashes_in_stra() {
	run_test(|| {
		reported_in_usdt_and_decided(Verdict::Uphold);
		assert_eq!(usdt_free(TENANT), TENANT_FUNDS);
		// The slash is taken from the STRA bond and partly paid in STRA.
		assert!(bonded(ALICE) < 10_000);
		assert!(free(TENANT) > TENANT_FUNDS);
	});
}

#[test]
fn a_rejected_deposit_goes_to_the_treasury_when_the_provider_cannot_take_it() {
	run_test(|| {
		// Alice holds no USDT, and 25 is below its 30 minimum balance.
		reported_in_usdt_and_decided(Verdict::Reject);
		assert_eq!(usdt_free(ALICE), 0);
		assert_eq!(usdt_free(TENANT), TENANT_FUNDS - 25);
		assert_eq!(usdt_free(TREASURY), TREASURY_FUNDS + 25);
		assert_eq!(Assets::total_issuance(USDT), 2 * TENANT_FUNDS + TREASURY_FUNDS);
	});
}

#[test]
fn a_rejected_deposit_goes_to_a_provider_that_holds_the_asset() {
	run_test(|| {
		assert_ok!(<Assets as Mutate<AccountId>>::transfer(
			USDT,
			&TENANT2,
			&ALICE,
			USDT_MIN,
			Preservation::Preserve
		));
		reported_in_usdt_and_decided(Verdict::Reject);
		assert_eq!(usdt_free(ALICE), USDT_MIN + 25);
		assert_eq!(usdt_free(TREASURY), TREASURY_FUNDS);
	});
}

#[test]
fn a_report_on_a_lease_in_an_asset_without_a_rate_is_refused() {
	run_test(|| {
		alice_bonds(10_000);
		let lease = open_lease_in(NativeOrWithId::WithId(UNRATED), TENANT, ALICE);
		assert_noop!(
			ProviderSlashing::report_fault(
				signed(TENANT),
				lease,
				FaultKind::Unavailable,
				evidence(1)
			),
			Error::<Test>::NoRate
		);
	});
}

#[test]
fn a_tenant_without_the_asset_cannot_report() {
	run_test(|| {
		alice_bonds(10_000);
		// BOB holds STRA and no USDT.
		let lease = open_lease_in(usdt(), BOB, ALICE);
		assert_noop!(
			ProviderSlashing::report_fault(signed(BOB), lease, FaultKind::Unavailable, evidence(1)),
			Error::<Test>::InsufficientBalance
		);
	});
}
