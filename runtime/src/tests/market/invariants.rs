//! Each check across the pallets (`check_across`) and of every account's
//! holds (`check_holds`), shown able to fail: the development chain with
//! leases, a bond and a report, corrupted in one place, must fail with that
//! check's message; the pallets' own `try_state` checks have such tests in
//! their crates.

use super::*;
use frame_support::traits::{fungible::MutateHold, ReservableCurrency};
use pallet_provider_slashing::FaultKind;
use sp_keyring::Sr25519Keyring::{Alice, Eve, Ferdie};

/// The leases of the base chain.
struct Base {
	/// Two of Alice's leases with Bob, active.
	active: [LeaseId; 2],
	/// Alice's lease with Charlie, reported and then closed by her.
	reported: LeaseId,
}

/// Bob, Charlie and Dave bonded; two active leases of Alice's with Bob; a
/// lease of Alice's with Charlie she reported and closed.
fn base() -> Base {
	three_providers();
	let budget = MAX_PRICE * 1_000;
	let active =
		[open_lease(Alice, Bob, MAX_PRICE, budget), open_lease(Alice, Bob, MAX_PRICE, budget)];
	let reported = open_lease(Alice, Charlie, MAX_PRICE, budget);
	next_block();
	assert_ok!(report_fault(Alice, reported, FaultKind::NotDelivered));
	assert_ok!(call(signed(Alice), EscrowCall::close_lease { lease_id: reported }));
	Base { active, reported }
}

/// The accounts whose holds are checked: the dev accounts and the USDT
/// tenant.
fn accounts() -> Vec<AccountId> {
	Sr25519Keyring::iter()
		.map(|k| k.to_account_id())
		.chain([crate::genesis_config_presets::USDT_TENANT.into()])
		.collect()
}

/// Every check, the pallets' first, then across them, then the holds.
fn check_all() -> Result<(), String> {
	crate::invariants::check_market()?;
	crate::invariants::check_holds(&accounts())
}

/// `corrupt` applied to the base chain makes the checks fail with a
/// message containing `fragment`.
fn fires(fragment: &str, corrupt: impl FnOnce(&Base)) {
	preset_ext("development").execute_with(|| {
		System::set_block_number(1);
		System::on_initialize(1);
		Market::on_initialize(1);
		ISSUANCE.with(|issuance| issuance.set(Balances::total_issuance()));
		let base = base();
		assert_eq!(check_all(), Ok(()), "the base chain holds");
		corrupt(&base);
		let broken = check_all().expect_err(fragment);
		assert!(broken.contains(fragment), "expected {fragment:?}, got: {broken}");
	});
}

fn bob() -> AccountId {
	Bob.to_account_id()
}

fn provider_record(
	who: &AccountId,
	change: impl FnOnce(&mut pallet_resource_registry::ProviderInfoOf<Runtime>),
) {
	pallet_resource_registry::Providers::<Runtime>::mutate(who, |info| {
		change(info.as_mut().expect("registered"))
	});
}

#[test]
fn a_lease_of_a_provider_not_registered() {
	fires("is served by a provider that is not registered", |_| {
		pallet_resource_registry::Providers::<Runtime>::remove(bob());
		pallet_resource_registry::ProviderCount::<Runtime>::mutate(|n| *n -= 1);
		pallet_resource_registry::LivenessRecords::<Runtime>::remove(bob());
	});
}

#[test]
fn leases_whose_resources_overflow() {
	fires("resources overflow", |base| {
		for id in base.active {
			pallet_lease_escrow::Leases::<Runtime>::mutate(id, |lease| {
				lease.as_mut().expect("active").resources.cpu_millicores = u64::MAX
			});
		}
	});
}

#[test]
fn an_allocation_its_leases_do_not_use() {
	fires("but its leases use", |_| provider_record(&bob(), |info| info.allocated.memory_mib -= 1));
}

#[test]
fn lease_counts_that_disagree() {
	fires("lease counts disagree", |_| provider_record(&bob(), |info| info.active_leases += 1));
}

#[test]
fn committed_stake_its_leases_do_not_commit() {
	fires("committed but its active leases' slices come to", |_| {
		pallet_provider_slashing::Bonds::<Runtime>::mutate(bob(), |bond| {
			bond.as_mut().expect("bonded").committed += 1
		})
	});
}

#[test]
fn slices_of_a_provider_with_no_bond() {
	fires("but it has no bond record", |_| {
		pallet_provider_slashing::Bonds::<Runtime>::remove(bob())
	});
}

#[test]
fn a_report_whose_parties_are_not_its_leases() {
	fires("parties differ from its lease's", |base| {
		pallet_lease_escrow::ClosedLeases::<Runtime>::mutate(base.reported, |closed| {
			closed.as_mut().expect("closed and reportable").provider = Dave.to_account_id()
		})
	});
}

#[test]
fn a_tenant_compensated_beyond_what_it_paid() {
	fires("its tenant got", |base| {
		pallet_lease_escrow::ClosedLeases::<Runtime>::mutate(base.reported, |closed| {
			let closed = closed.as_mut().expect("closed and reportable");
			closed.stake.compensated = closed.tenant_spent + 1;
		})
	});
}

#[test]
fn a_hold_no_record_accounts_for() {
	// Ferdie, no provider, holds a provider deposit: the registry's own
	// check compares each provider's hold with its record, but a hold left
	// behind on an account with no record at all only shows here.
	fires("under ResourceRegistry(ProviderDeposit), the records say 0", |_| {
		let reason: RuntimeHoldReason =
			pallet_resource_registry::HoldReason::ProviderDeposit.into();
		assert_ok!(Balances::hold(&reason, &Ferdie.to_account_id(), UNIT));
	});
}

#[test]
fn a_reserve_outside_any_hold() {
	fires("in all, the marketplace records", |_| {
		assert_ok!(<Balances as ReservableCurrency<AccountId>>::reserve(
			&Eve.to_account_id(),
			UNIT
		));
	});
}

#[test]
fn a_foreign_hold_no_record_accounts_for() {
	fires("the market's records say", |_| {
		let reason: RuntimeHoldReason = pallet_lease_escrow::HoldReason::Escrow.into();
		let tenant: AccountId = crate::genesis_config_presets::USDT_TENANT.into();
		assert_ok!(
			<AssetsHolder as frame_support::traits::fungibles::MutateHold<AccountId>>::hold(
				crate::configs::foreign_assets::usdt(),
				&reason,
				&tenant,
				1,
			)
		);
	});
}
