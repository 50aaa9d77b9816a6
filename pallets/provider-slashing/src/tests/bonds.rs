//! `bond`, `unbond`, `withdraw_unbonded` and the `ProviderStake` reads.

use super::*;
use polkadot_sdk::{
	frame_support::{assert_noop, assert_ok, BoundedVec},
	sp_runtime::DispatchError,
};
use stratus_primitives::ProviderStake;

#[test]
fn bond_holds_stake_and_records_it() {
	run_test(|| {
		assert_ok!(ProviderSlashing::bond(signed(ALICE), 2_000));
		assert_eq!(free(ALICE), PROVIDER_FUNDS - 2_000);
		assert_eq!(held_bond(ALICE), 2_000);
		assert_eq!(
			ProviderSlashing::stake_of(&ALICE),
			Some(Bond {
				bonded: 2_000,
				committed: 0,
				unbonding: BoundedVec::new(),
				faults: 0,
				jailed_at: None
			})
		);
		System::assert_last_event(
			Event::Bonded { provider: ALICE, amount: 2_000, bonded: 2_000 }.into(),
		);
	});
}

#[test]
fn a_top_up_may_be_any_non_zero_amount() {
	run_test(|| {
		alice_bonds(1_000);
		assert_ok!(ProviderSlashing::bond(signed(ALICE), 5));
		assert_eq!(bonded(ALICE), 1_005);
		assert_eq!(held_bond(ALICE), 1_005);
		System::assert_last_event(
			Event::Bonded { provider: ALICE, amount: 5, bonded: 1_005 }.into(),
		);
	});
}

#[test]
fn a_first_bond_must_reach_the_minimum() {
	run_test(|| {
		assert_noop!(ProviderSlashing::bond(signed(ALICE), 999), Error::<Test>::BondBelowMinimum);
		assert_noop!(ProviderSlashing::bond(signed(ALICE), 0), Error::<Test>::ZeroAmount);
		assert_ok!(ProviderSlashing::bond(signed(ALICE), 1_000));
		assert_noop!(ProviderSlashing::bond(signed(ALICE), 0), Error::<Test>::ZeroAmount);
	});
}

#[test]
fn bond_needs_the_free_balance_and_keeps_the_existential_deposit() {
	run_test(|| {
		assert_noop!(
			ProviderSlashing::bond(signed(NOBODY), 1_000),
			Error::<Test>::InsufficientBalance
		);
		assert_noop!(
			ProviderSlashing::bond(signed(ALICE), PROVIDER_FUNDS),
			Error::<Test>::InsufficientBalance
		);
		assert_ok!(ProviderSlashing::bond(signed(ALICE), PROVIDER_FUNDS - ED));
		assert_eq!(free(ALICE), ED);
	});
}

#[test]
fn unbond_moves_stake_into_a_chunk_that_stays_held() {
	run_test(|| {
		alice_bonds(3_000);
		assert_ok!(ProviderSlashing::unbond(signed(ALICE), 1_000));
		System::assert_last_event(
			Event::Unbonded { provider: ALICE, amount: 1_000, unlocks_at: 21 }.into(),
		);
		// A second unbond in the same block joins the same chunk.
		assert_ok!(ProviderSlashing::unbond(signed(ALICE), 500));
		let bond = ProviderSlashing::stake_of(&ALICE).unwrap();
		assert_eq!(bond.bonded, 1_500);
		assert_eq!(bond.unbonding.to_vec(), vec![UnbondChunk { amount: 1_500, unlocks_at: 21 }]);
		assert_eq!(held_bond(ALICE), 3_000);
		assert_eq!(free(ALICE), PROVIDER_FUNDS - 3_000);
	});
}

#[test]
fn unbond_errors() {
	run_test(|| {
		assert_noop!(ProviderSlashing::unbond(signed(ALICE), 10), Error::<Test>::NotBonded);
		alice_bonds(3_000);
		assert_noop!(ProviderSlashing::unbond(signed(ALICE), 0), Error::<Test>::ZeroAmount);
		assert_noop!(
			ProviderSlashing::unbond(signed(ALICE), 3_001),
			Error::<Test>::InsufficientBond
		);
		for block in 1..=3 {
			System::set_block_number(block);
			assert_ok!(ProviderSlashing::unbond(signed(ALICE), 100));
		}
		System::set_block_number(4);
		assert_noop!(
			ProviderSlashing::unbond(signed(ALICE), 100),
			Error::<Test>::TooManyUnbondingChunks
		);
	});
}

#[test]
fn a_provider_with_running_leases_cannot_unbond_below_the_minimum() {
	run_test(|| {
		alice_bonds(3_000);
		set_active_leases(ALICE, 1);
		assert_noop!(
			ProviderSlashing::unbond(signed(ALICE), 2_001),
			Error::<Test>::WouldFallBelowMinimum
		);
		assert_ok!(ProviderSlashing::unbond(signed(ALICE), 2_000));
		assert_eq!(bonded(ALICE), 1_000);
		// Without leases it may leave entirely.
		set_active_leases(ALICE, 0);
		assert_ok!(ProviderSlashing::unbond(signed(ALICE), 1_000));
		assert_eq!(bonded(ALICE), 0);
	});
}

#[test]
fn withdraw_unbonded_releases_only_unlocked_chunks() {
	run_test(|| {
		alice_bonds(3_000);
		assert_ok!(ProviderSlashing::unbond(signed(ALICE), 1_000)); // unlocks at 21
		System::set_block_number(5);
		assert_ok!(ProviderSlashing::unbond(signed(ALICE), 500)); // unlocks at 25
		assert_noop!(
			ProviderSlashing::withdraw_unbonded(signed(ALICE)),
			Error::<Test>::NothingToWithdraw
		);
		System::set_block_number(21);
		assert_ok!(ProviderSlashing::withdraw_unbonded(signed(ALICE)));
		System::assert_last_event(Event::Withdrawn { provider: ALICE, amount: 1_000 }.into());
		assert_eq!(free(ALICE), PROVIDER_FUNDS - 2_000);
		assert_eq!(held_bond(ALICE), 2_000);
		let bond = ProviderSlashing::stake_of(&ALICE).unwrap();
		assert_eq!(bond.unbonding.to_vec(), vec![UnbondChunk { amount: 500, unlocks_at: 25 }]);
		assert_noop!(
			ProviderSlashing::withdraw_unbonded(signed(ALICE)),
			Error::<Test>::NothingToWithdraw
		);
	});
}

#[test]
fn withdrawing_everything_removes_the_record() {
	run_test(|| {
		alice_bonds(1_000);
		assert_ok!(ProviderSlashing::unbond(signed(ALICE), 1_000));
		System::set_block_number(21);
		assert_ok!(ProviderSlashing::withdraw_unbonded(signed(ALICE)));
		assert_eq!(ProviderSlashing::stake_of(&ALICE), None);
		assert_eq!(free(ALICE), PROVIDER_FUNDS);
		assert_eq!(held_bond(ALICE), 0);
		assert_noop!(ProviderSlashing::withdraw_unbonded(signed(ALICE)), Error::<Test>::NotBonded);
	});
}

#[test]
fn no_withdrawal_while_a_report_is_open() {
	run_test(|| {
		alice_bonds(2_000);
		assert_ok!(ProviderSlashing::unbond(signed(ALICE), 1_000));
		let (_, report) = report_alice(TENANT, FaultKind::BelowSpec);
		System::set_block_number(21);
		assert_noop!(
			ProviderSlashing::withdraw_unbonded(signed(ALICE)),
			Error::<Test>::OpenReportsPending
		);
		assert_ok!(ProviderSlashing::resolve_report(
			RuntimeOrigin::root(),
			report,
			Verdict::Reject
		));
		assert_ok!(ProviderSlashing::withdraw_unbonded(signed(ALICE)));
	});
}

#[test]
fn bond_calls_need_a_signed_origin() {
	run_test(|| {
		let none = RuntimeOrigin::none;
		assert_noop!(ProviderSlashing::bond(none(), 1_000), DispatchError::BadOrigin);
		assert_noop!(
			ProviderSlashing::bond(RuntimeOrigin::root(), 1_000),
			DispatchError::BadOrigin
		);
		assert_noop!(ProviderSlashing::unbond(none(), 1), DispatchError::BadOrigin);
		assert_noop!(ProviderSlashing::withdraw_unbonded(none()), DispatchError::BadOrigin);
	});
}

#[test]
fn provider_stake_reads_the_record() {
	run_test(|| {
		type Stake = ProviderSlashing;
		assert_eq!(
			<Stake as ProviderStake<AccountId, AssetKind, Balance>>::ensure_can_back(&ALICE, None),
			Err(Error::<Test>::NotBonded.into())
		);
		assert_eq!(<Stake as ProviderStake<AccountId, AssetKind, Balance>>::slashable(&ALICE), 0);
		alice_bonds(1_500);
		assert_ok!(<Stake as ProviderStake<AccountId, AssetKind, Balance>>::ensure_can_back(
			&ALICE, None
		));
		assert_ok!(ProviderSlashing::unbond(signed(ALICE), 600));
		// Unbonding stake no longer counts for bidding but can still be slashed.
		assert_eq!(
			<Stake as ProviderStake<AccountId, AssetKind, Balance>>::ensure_can_back(&ALICE, None),
			Err(Error::<Test>::BondBelowMinimum.into())
		);
		assert_eq!(
			<Stake as ProviderStake<AccountId, AssetKind, Balance>>::slashable(&ALICE),
			1_500
		);
	});
}

#[test]
fn try_state_catches_a_record_that_differs_from_the_hold() {
	run_test(|| {
		alice_bonds(1_000);
		Bonds::<Test>::mutate(ALICE, |b| b.as_mut().unwrap().bonded = 999);
		assert!(ProviderSlashing::do_try_state().is_err());
		Bonds::<Test>::mutate(ALICE, |b| b.as_mut().unwrap().bonded = 1_000);
	});
}
