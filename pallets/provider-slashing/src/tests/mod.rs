//! Tests by topic. Every test runs through [`run_test`], which checks the
//! pallet's invariants (`do_try_state`) after the test body.

use crate::{mock::*, *};
use polkadot_sdk::{
	frame_support::traits::fungible::{Inspect, InspectHold},
	sp_core::H256,
};
use stratus_primitives::{LeaseId, ReportId};

mod assets;
mod bonds;
mod hook;
mod invariants;
mod jail;
mod reports;
mod slashing;
mod stake;
mod track_record;

/// Evidence hashes for the tests.
pub fn evidence(n: u8) -> H256 {
	H256::repeat_byte(n)
}

pub fn free(who: AccountId) -> Balance {
	Balances::balance(&who)
}

pub fn held_bond(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::Bond.into(), &who)
}

pub fn held_deposit(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::ReportDeposit.into(), &who)
}

pub fn signed(who: AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

pub fn bonded(who: AccountId) -> Balance {
	Bonds::<Test>::get(who).map(|b| b.bonded).unwrap_or_default()
}

/// Whether `who` is jailed, as the registry reads it.
pub fn jailed(who: AccountId) -> bool {
	<ProviderSlashing as stratus_primitives::ProviderStanding<AccountId>>::is_jailed(&who)
}

/// The open reports against `who`, as the runtime API pages them.
pub fn open_reports(who: AccountId) -> Vec<(ReportId, ReportOf<Test>)> {
	ProviderSlashing::open_reports_of(&who, None, 100)
}

pub fn faults(who: AccountId) -> u32 {
	Bonds::<Test>::get(who).map(|b| b.faults).unwrap_or_default()
}

/// `ALICE` bonds `amount`.
pub fn alice_bonds(amount: Balance) {
	polkadot_sdk::frame_support::assert_ok!(ProviderSlashing::bond(signed(ALICE), amount));
}

/// Opens a lease of `tenant` with `ALICE` and reports it; returns both ids.
pub fn report_alice(tenant: AccountId, kind: FaultKind) -> (LeaseId, ReportId) {
	let lease = open_lease(tenant, ALICE);
	let id = NextReportId::<Test>::get();
	polkadot_sdk::frame_support::assert_ok!(ProviderSlashing::report_fault(
		signed(tenant),
		lease,
		kind,
		evidence(1)
	));
	(lease, id)
}

/// Escrow reports that `provider` cut `lease` short; returns the slash.
pub fn early_close(provider: AccountId, tenant: AccountId, lease: LeaseId) -> Balance {
	closed(
		provider,
		tenant,
		lease,
		stratus_primitives::CloseReason::ByProvider,
		stratus_primitives::Term::CutShort,
	)
}

/// Escrow reports a lease closed for `reason` after `term`; returns the slash.
pub fn closed(
	provider: AccountId,
	tenant: AccountId,
	lease_id: LeaseId,
	reason: stratus_primitives::CloseReason,
	term: stratus_primitives::Term,
) -> Balance {
	served(provider, tenant, lease_id, reason, term, (0, 0, 0))
}

/// [`closed`], the lease having served `(blocks, value)` and promised
/// `promised` over its minimum term.
pub fn served(
	provider: AccountId,
	tenant: AccountId,
	lease_id: LeaseId,
	reason: stratus_primitives::CloseReason,
	term: stratus_primitives::Term,
	(blocks_served, value_served, promised_value): (u32, Balance, Balance),
) -> Balance {
	// A lease a test gave no stake of its own (through the mock) stands
	// for the stake of old: the whole bond, and a tenant who paid without
	// limit.
	let lease =
		<MockLeases as stratus_primitives::LeaseManager<_, _, _>>::slashable_lease(lease_id);
	let asset = lease.as_ref().map(|l| l.asset.clone()).unwrap_or(STRA);
	let (stake, tenant_paid) = match lease {
		Some(lease) if lease_stake(lease_id).is_some() => (lease.stake, lease.tenant_paid),
		_ => (
			stratus_primitives::LeaseStake {
				slice: Bonds::<Test>::get(provider).map(|b| b.total()).unwrap_or_default(),
				compensated: 0,
			},
			Balance::MAX / 4,
		),
	};
	let closure = stratus_primitives::LeaseClosure {
		lease_id,
		tenant: &tenant,
		provider: &provider,
		asset: &asset,
		stake,
		tenant_paid,
		reason,
		term,
		blocks_served,
		value_served,
		promised_value,
	};
	<ProviderSlashing as stratus_primitives::OnLeaseClosed<AccountId, AssetKind, Balance>>::on_lease_closed(
		&closure,
	)
}
