//! Slashing through the `OnLeaseClosed` handler: amounts, the split, the
//! order in which stake is taken.

use super::*;
use polkadot_sdk::frame_support::assert_ok;
use stratus_primitives::{CloseReason, Term};

#[test]
fn a_slash_splits_between_tenant_and_treasury_exactly() {
	run_test(|| {
		alice_bonds(10_000);
		let issuance = Balances::total_issuance();
		assert_eq!(early_close(ALICE, TENANT, 7), 1_000);
		// 10% of 10_000; 60% of that to the tenant, the rest to the treasury.
		assert_eq!(free(TENANT), TENANT_FUNDS + 600);
		assert_eq!(free(TREASURY), TREASURY_FUNDS + 400);
		assert_eq!(bonded(ALICE), 9_000);
		assert_eq!(held_bond(ALICE), 9_000);
		assert_eq!(free(ALICE), PROVIDER_FUNDS - 10_000);
		assert_eq!(faults(ALICE), 1);
		assert_eq!(Balances::total_issuance(), issuance);
		System::assert_last_event(
			Event::Slashed {
				provider: ALICE,
				amount: 1_000,
				to_tenant: 600,
				to_treasury: 400,
				reason: SlashReason::EarlyClose { lease_id: 7 },
			}
			.into(),
		);
	});
}

#[test]
fn rounding_loses_nothing() {
	run_test(|| {
		alice_bonds(1_337);
		// 10% of 1_337 = 133.7, rounded down; 60% of 133 = 79.8, rounded down.
		assert_eq!(early_close(ALICE, TENANT, 0), 133);
		assert_eq!(free(TENANT), TENANT_FUNDS + 79);
		assert_eq!(free(TREASURY), TREASURY_FUNDS + 54);
		assert_eq!(held_bond(ALICE), 1_337 - 133);
	});
}

#[test]
fn an_unbonding_chunk_is_slashed_before_withdrawal() {
	run_test(|| {
		alice_bonds(2_000);
		assert_ok!(ProviderSlashing::unbond(signed(ALICE), 2_000));
		assert_eq!(bonded(ALICE), 0);
		assert_eq!(early_close(ALICE, TENANT, 0), 200);
		let bond = ProviderSlashing::stake_of(&ALICE).unwrap();
		assert_eq!(bond.unbonding.to_vec(), vec![UnbondChunk { amount: 1_800, unlocks_at: 21 }]);
		System::set_block_number(21);
		assert_ok!(ProviderSlashing::withdraw_unbonded(signed(ALICE)));
		System::assert_last_event(Event::Withdrawn { provider: ALICE, amount: 1_800 }.into());
		assert_eq!(free(ALICE), PROVIDER_FUNDS - 200);
		assert_eq!(ProviderSlashing::stake_of(&ALICE), None);
	});
}

#[test]
fn a_slash_takes_bonded_first_then_the_newest_chunk() {
	run_test(|| {
		alice_bonds(3_000);
		assert_ok!(ProviderSlashing::unbond(signed(ALICE), 500)); // unlocks at 21
		System::set_block_number(2);
		assert_ok!(ProviderSlashing::unbond(signed(ALICE), 2_400)); // unlocks at 22
		assert_eq!(bonded(ALICE), 100);
		// 10% of 3_000: 100 from bonded, 200 from the newest chunk.
		assert_eq!(early_close(ALICE, TENANT, 0), 300);
		let bond = ProviderSlashing::stake_of(&ALICE).unwrap();
		assert_eq!(bond.bonded, 0);
		assert_eq!(
			bond.unbonding.to_vec(),
			vec![
				UnbondChunk { amount: 500, unlocks_at: 21 },
				UnbondChunk { amount: 2_200, unlocks_at: 22 }
			]
		);
		assert_eq!(held_bond(ALICE), 2_700);
	});
}

#[test]
fn deduct_empties_chunks_newest_first() {
	let mut bond = Bond::<u64, u64, polkadot_sdk::frame_support::traits::ConstU32<3>>::new(10);
	bond.unbonding.try_push(UnbondChunk { amount: 5, unlocks_at: 1 }).unwrap();
	bond.unbonding.try_push(UnbondChunk { amount: 7, unlocks_at: 2 }).unwrap();
	assert_eq!(bond.deduct(20), 0);
	assert_eq!(bond.bonded, 0);
	assert_eq!(bond.unbonding.to_vec(), vec![UnbondChunk { amount: 2, unlocks_at: 1 }]);
	assert_eq!(bond.deduct(5), 3);
	assert!(bond.unbonding.is_empty());
}

#[test]
fn a_share_the_tenant_cannot_take_goes_to_the_treasury() {
	run_test(|| {
		// Bring Alice's stake down to 160 so that her slash is 16 and the
		// tenant's share (9) is below the existential deposit.
		alice_bonds(1_000);
		assert_ok!(ProviderSlashing::unbond(signed(ALICE), 840));
		System::set_block_number(21);
		assert_ok!(ProviderSlashing::withdraw_unbonded(signed(ALICE)));
		assert_eq!(early_close(ALICE, NOBODY, 0), 16);
		assert_eq!(free(NOBODY), 0);
		assert_eq!(free(TREASURY), TREASURY_FUNDS + 16);
		System::assert_last_event(
			Event::Slashed {
				provider: ALICE,
				amount: 16,
				to_tenant: 0,
				to_treasury: 16,
				reason: SlashReason::EarlyClose { lease_id: 0 },
			}
			.into(),
		);
	});
}

#[test]
fn a_dead_tenant_account_is_created_when_its_share_reaches_the_existential_deposit() {
	run_test(|| {
		alice_bonds(10_000);
		assert_eq!(early_close(ALICE, NOBODY, 0), 1_000);
		assert_eq!(free(NOBODY), 600);
		assert_eq!(free(TREASURY), TREASURY_FUNDS + 400);
	});
}

#[test]
fn a_provider_without_a_bond_has_nothing_to_slash() {
	run_test(|| {
		assert_eq!(early_close(BOB, TENANT, 0), 0);
		assert_eq!(ProviderSlashing::stake_of(&BOB), None);
		assert_eq!(free(TENANT), TENANT_FUNDS);
		assert!(System::events().is_empty());
	});
}

fn forfeit(provider: AccountId, order: u64, amount: Balance) -> Balance {
	<ProviderSlashing as stratus_primitives::BidForfeit<AccountId, Balance>>::forfeit(
		&provider, order, amount,
	)
}

#[test]
fn a_bid_forfeit_takes_a_fixed_amount_for_the_treasury_and_counts_no_fault() {
	run_test(|| {
		alice_bonds(10_000);
		let issuance = Balances::total_issuance();
		assert_eq!(forfeit(ALICE, 4, 500), 500);
		// All of it to the treasury: no party to the order gains from it.
		assert_eq!(free(TENANT), TENANT_FUNDS);
		assert_eq!(free(TREASURY), TREASURY_FUNDS + 500);
		assert_eq!(bonded(ALICE), 9_500);
		assert_eq!(held_bond(ALICE), 9_500);
		assert_eq!(faults(ALICE), 0);
		assert_eq!(Balances::total_issuance(), issuance);
		System::assert_last_event(
			Event::Slashed {
				provider: ALICE,
				amount: 500,
				to_tenant: 0,
				to_treasury: 500,
				reason: SlashReason::UnservableBid { order_id: 4 },
			}
			.into(),
		);
	});
}

#[test]
fn a_bid_forfeit_never_takes_more_than_is_at_stake() {
	run_test(|| {
		alice_bonds(10_000);
		assert_ok!(ProviderSlashing::unbond(signed(ALICE), 1_000));
		// Bonded first, then the unbonding chunk.
		assert_eq!(forfeit(ALICE, 0, 9_500), 9_500);
		assert_eq!(bonded(ALICE), 0);
		assert_eq!(held_bond(ALICE), 500);
		assert_eq!(forfeit(ALICE, 0, 1_000), 500);
		assert_eq!(held_bond(ALICE), 0);
		// Nothing at stake, nothing taken; no record, nothing taken.
		assert_eq!(forfeit(ALICE, 0, 1_000), 0);
		assert_eq!(forfeit(BOB, 0, 1_000), 0);
		assert_eq!(faults(ALICE), 0);
	});
}

#[test]
fn a_lease_never_confirmed_ready_is_slashed_like_an_early_close() {
	run_test(|| {
		alice_bonds(10_000);
		assert_eq!(closed(ALICE, TENANT, 3, CloseReason::NotReady, Term::CutShort), 1_000);
		assert_eq!(free(TENANT), TENANT_FUNDS + 600);
		assert_eq!(free(TREASURY), TREASURY_FUNDS + 400);
		assert_eq!(faults(ALICE), 1);
		System::assert_last_event(
			Event::Slashed {
				provider: ALICE,
				amount: 1_000,
				to_tenant: 600,
				to_treasury: 400,
				reason: SlashReason::NotReady { lease_id: 3 },
			}
			.into(),
		);
	});
}

#[test]
fn a_lease_closed_while_its_provider_was_unreachable_is_slashed_like_an_early_close() {
	run_test(|| {
		alice_bonds(10_000);
		let slashed = closed(ALICE, TENANT, 4, CloseReason::ProviderUnreachable, Term::Served);
		assert_eq!(slashed, 1_000);
		assert_eq!(free(TENANT), TENANT_FUNDS + 600);
		assert_eq!(faults(ALICE), 1);
		System::assert_last_event(
			Event::Slashed {
				provider: ALICE,
				amount: 1_000,
				to_tenant: 600,
				to_treasury: 400,
				reason: SlashReason::Unreachable { lease_id: 4 },
			}
			.into(),
		);
	});
}

#[test]
fn only_a_provider_cutting_a_lease_short_or_never_starting_it_is_slashed() {
	run_test(|| {
		alice_bonds(10_000);
		for (reason, term) in [
			(CloseReason::ByProvider, Term::Served),
			(CloseReason::ByTenant, Term::CutShort),
			(CloseReason::InsufficientFunds, Term::CutShort),
			(CloseReason::ProviderSlashed, Term::CutShort),
		] {
			assert_eq!(closed(ALICE, TENANT, 0, reason, term), 0, "{reason:?} {term:?}");
		}
		assert_eq!(bonded(ALICE), 10_000);
		assert_eq!(faults(ALICE), 0);
	});
}
