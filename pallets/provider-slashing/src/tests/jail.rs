//! Jail at the fault limit, `unjail` and `unjail_provider`.

use super::*;
use polkadot_sdk::{
	frame_support::{assert_noop, assert_ok},
	sp_runtime::DispatchError,
};

fn slash_alice() -> Balance {
	early_close(ALICE, TENANT, 0)
}

#[test]
fn the_fault_limit_jails() {
	run_test(|| {
		alice_bonds(10_000);
		slash_alice();
		slash_alice();
		assert!(!jailed(ALICE));
		assert_eq!(ProviderSlashing::stake_of(&ALICE).unwrap().jailed_at, None);
		System::set_block_number(4);
		slash_alice();
		assert!(jailed(ALICE));
		let bond = ProviderSlashing::stake_of(&ALICE).unwrap();
		assert_eq!((bond.faults, bond.jailed_at), (3, Some(4)));
		System::assert_last_event(Event::Jailed { provider: ALICE, faults: 3 }.into());
		// Further faults are counted but do not jail twice.
		slash_alice();
		assert_eq!(faults(ALICE), 4);
		assert_eq!(ProviderSlashing::stake_of(&ALICE).unwrap().jailed_at, Some(4));
	});
}

#[test]
fn a_provider_unjails_itself_after_the_jail_period() {
	run_test(|| {
		alice_bonds(10_000);
		for _ in 0..3 {
			slash_alice();
		}
		System::set_block_number(30);
		assert_noop!(ProviderSlashing::unjail(signed(ALICE)), Error::<Test>::StillJailed);
		System::set_block_number(31);
		assert_ok!(ProviderSlashing::unjail(signed(ALICE)));
		System::assert_last_event(
			Event::Unjailed { provider: ALICE, by: UnjailedBy::Provider }.into(),
		);
		assert!(!jailed(ALICE));
		let bond = ProviderSlashing::stake_of(&ALICE).unwrap();
		assert_eq!((bond.faults, bond.jailed_at), (0, None));
		assert_eq!(bond.bonded, 7_290);
	});
}

#[test]
fn a_provider_must_bond_back_to_the_minimum_to_unjail_itself() {
	run_test(|| {
		alice_bonds(1_000);
		for _ in 0..3 {
			slash_alice();
		}
		// 1_000 -> 900 -> 810 -> 729.
		assert_eq!(bonded(ALICE), 729);
		System::set_block_number(31);
		assert_noop!(ProviderSlashing::unjail(signed(ALICE)), Error::<Test>::BondBelowMinimum);
		assert_ok!(ProviderSlashing::bond(signed(ALICE), 271));
		assert_ok!(ProviderSlashing::unjail(signed(ALICE)));
	});
}

#[test]
fn unjail_errors() {
	run_test(|| {
		assert_noop!(ProviderSlashing::unjail(signed(ALICE)), Error::<Test>::NotBonded);
		alice_bonds(1_000);
		assert_noop!(ProviderSlashing::unjail(signed(ALICE)), Error::<Test>::NotJailed);
		assert_noop!(ProviderSlashing::unjail(RuntimeOrigin::none()), DispatchError::BadOrigin);
		assert_noop!(
			ProviderSlashing::unjail_provider(RuntimeOrigin::root(), ALICE),
			Error::<Test>::NotJailed
		);
		assert_noop!(
			ProviderSlashing::unjail_provider(RuntimeOrigin::root(), BOB),
			Error::<Test>::NotBonded
		);
	});
}

#[test]
fn the_adjudicator_unjails_at_any_time() {
	run_test(|| {
		alice_bonds(1_000);
		for _ in 0..3 {
			slash_alice();
		}
		assert_noop!(
			ProviderSlashing::unjail_provider(signed(ALICE), ALICE),
			DispatchError::BadOrigin
		);
		assert_noop!(
			ProviderSlashing::unjail_provider(signed(BOB), ALICE),
			DispatchError::BadOrigin
		);
		// Neither the jail period nor the bond minimum applies.
		assert_ok!(ProviderSlashing::unjail_provider(RuntimeOrigin::root(), ALICE));
		System::assert_last_event(
			Event::Unjailed { provider: ALICE, by: UnjailedBy::Adjudicator }.into(),
		);
		assert!(!jailed(ALICE));
		assert_eq!(faults(ALICE), 0);
	});
}

#[test]
fn a_jailed_provider_keeps_its_record_after_withdrawing_everything() {
	run_test(|| {
		alice_bonds(1_000);
		for _ in 0..3 {
			slash_alice();
		}
		assert_ok!(ProviderSlashing::unbond(signed(ALICE), 729));
		System::set_block_number(21);
		assert_ok!(ProviderSlashing::withdraw_unbonded(signed(ALICE)));
		let bond = ProviderSlashing::stake_of(&ALICE).unwrap();
		assert_eq!((bond.bonded, bond.jailed_at), (0, Some(1)));
		assert_eq!(held_bond(ALICE), 0);
		// The adjudicator's unjail then drops the empty record.
		assert_ok!(ProviderSlashing::unjail_provider(RuntimeOrigin::root(), ALICE));
		assert_eq!(ProviderSlashing::stake_of(&ALICE), None);
	});
}

#[test]
fn the_jail_outlives_everything_the_provider_can_withdraw() {
	run_test(|| {
		// The registry keeps no jail of its own: it reads this one, which
		// stays with the bond record whatever the provider withdraws, so
		// leaving the registry and registering again changes nothing.
		alice_bonds(1_000);
		for _ in 0..3 {
			slash_alice();
		}
		assert_ok!(ProviderSlashing::unbond(signed(ALICE), 729));
		System::set_block_number(21);
		assert_ok!(ProviderSlashing::withdraw_unbonded(signed(ALICE)));
		assert!(jailed(ALICE));
		// Bonding again does not lift it, and it can still be lifted.
		assert_ok!(ProviderSlashing::bond(signed(ALICE), 1_000));
		assert!(jailed(ALICE));
		System::set_block_number(31);
		assert_ok!(ProviderSlashing::unjail(signed(ALICE)));
		assert!(!jailed(ALICE));
		// And the next fault limit jails it again.
		for _ in 0..3 {
			slash_alice();
		}
		assert!(jailed(ALICE));
	});
}
