//! Leases paid in a foreign asset (`USDT`, worth two plancks of STRA a
//! unit): every amount moves in the lease's asset and none in STRA, the
//! deposits set in STRA are converted at the opening's rate, budgets are
//! held per asset, and a provider's account that cannot take its payout
//! never keeps a lease open.

use super::*;
use crate::{ClosedLeases, HeldBudgets};
use polkadot_sdk::{
	frame_support::{
		assert_noop, assert_ok,
		traits::{fungible::NativeOrWithId, fungibles::Mutate, tokens::Preservation},
	},
	sp_runtime::TokenError,
};
use stratus_primitives::{CloseReason, LeaseManager, LeaseTerms};

/// Holds `escrow` USDT of `TENANT`'s and opens a lease to `PROVIDER` at
/// `price` USDT a block, confirmed ready.
fn open_in_usdt(price: Balance, escrow: Balance) -> u64 {
	hold_and_open(LeaseTerms { asset: usdt(), ..terms(TENANT, PROVIDER, price, 10) }, escrow)
		.expect("USDT lease opens")
}

/// Every account's free STRA, to show a USDT lease moves none.
fn stra_balances() -> Vec<Balance> {
	all_accounts().into_iter().map(free).collect()
}

#[test]
fn a_lease_in_usdt_holds_settles_and_pays_in_usdt_only() {
	run_test(|| {
		let stra = stra_balances();
		let id = open_in_usdt(10, 1_000);
		assert_eq!(escrow_held_in(&usdt(), TENANT), 1_000);
		assert_eq!(usdt_free(TENANT), INITIAL - 1_000);
		assert_eq!(escrow_held(TENANT), 0);
		assert_eq!(Leases::<Test>::get(id).unwrap().asset, usdt());
		// The view names it, for readers to show the amounts in its units.
		assert_eq!(LeaseEscrow::lease_view(id).map(|view| view.asset), Some(usdt()));
		assert!(events().iter().any(|e| matches!(
			e,
			Event::LeaseOpened { lease_id, asset, escrow: 1_000, .. }
				if *lease_id == id && *asset == usdt()
		)));

		// Ten blocks: 100 USDT, 10 to the treasury, 90 to the provider, who
		// held no USDT and now does (90 is above the minimum balance).
		run_to_block(11);
		assert_ok!(LeaseEscrow::withdraw(RuntimeOrigin::signed(PROVIDER), id));
		assert_eq!(usdt_free(PROVIDER), 90);
		assert_eq!(usdt_free(TREASURY), INITIAL + 10);

		// A stranger tops up 50 USDT and claims back what was left of it.
		assert_ok!(LeaseEscrow::deposit(RuntimeOrigin::signed(BOB), id, 50));
		assert_eq!(usdt_free(BOB), INITIAL - 50);
		assert_ok!(LeaseEscrow::close_lease(RuntimeOrigin::signed(TENANT), id));
		assert_eq!(usdt_free(TENANT), INITIAL - 100);
		assert_ok!(claim(CHARLIE, id, 0));
		assert_eq!(usdt_free(BOB), INITIAL);
		assert_eq!(escrow_held_in(&usdt(), TENANT), 0);
		assert_eq!(stra_balances(), stra);
	});
}

#[test]
fn deposits_set_in_stra_are_taken_in_the_lease_asset_at_the_opening_rate() {
	run_test(|| {
		// 40 STRA for the record, 10 STRA the smallest top-up: 20 and 5 USDT.
		ClosedLeaseDeposit::set(&40);
		let id = open_in_usdt(10, 1_000);
		let lease = Leases::<Test>::get(id).unwrap();
		assert_eq!((lease.min_deposit, lease.record_deposit), (MIN_DEPOSIT / 2, 20));
		// A later change of the parameter changes no open lease.
		ClosedLeaseDeposit::set(&400);

		assert_noop!(
			LeaseEscrow::deposit(RuntimeOrigin::signed(BOB), id, MIN_DEPOSIT / 2 - 1),
			Error::<Test>::DepositTooSmall
		);
		assert_ok!(LeaseEscrow::deposit(RuntimeOrigin::signed(BOB), id, MIN_DEPOSIT / 2));

		run_to_block(3);
		assert_ok!(LeaseEscrow::close_lease(RuntimeOrigin::signed(TENANT), id));
		// 20 paid, 980 left of the tenant's part: 20 kept for the record.
		assert!(matches!(
			last_event(),
			Event::LeaseClosed { refunded: 960, record_deposit: 20, claimable: 5, .. }
		));
		assert_eq!(ClosedLeases::<Test>::get(id).unwrap().deposit, 20);
		assert_eq!(escrow_held_in(&usdt(), TENANT), 25);
		assert_ok!(claim(BOB, id, 0));
		System::set_block_number(3 + GRACE);
		assert_ok!(LeaseEscrow::forget_lease(RuntimeOrigin::signed(CHARLIE), id));
		assert_eq!(usdt_free(TENANT), INITIAL - 20);
	});
}

#[test]
fn a_lease_in_an_asset_without_a_rate_does_not_open() {
	run_test(|| {
		let unrated = NativeOrWithId::WithId(UNRATED);
		assert_ok!(<LeaseEscrow as LeaseManager<_, _, _>>::hold_budget(&TENANT, &unrated, 500));
		assert_noop!(
			<LeaseEscrow as LeaseManager<_, _, _>>::open_lease(
				LeaseTerms { asset: unrated.clone(), ..terms(TENANT, PROVIDER, 10, 10) },
				500,
			),
			Error::<Test>::NoRate
		);
		assert_eq!(
			<LeaseEscrow as LeaseManager<_, _, _>>::release_budget(&TENANT, &unrated, 500),
			500
		);
	});
}

#[test]
fn budgets_are_held_and_spent_per_asset() {
	run_test(|| {
		let manager = |asset: &AssetKind, budget| {
			<LeaseEscrow as LeaseManager<_, _, _>>::hold_budget(&TENANT, asset, budget)
		};
		assert_ok!(manager(&STRA, 700));
		assert_ok!(manager(&usdt(), 300));
		assert_eq!(HeldBudgets::<Test>::get(TENANT, STRA), 700);
		assert_eq!(HeldBudgets::<Test>::get(TENANT, usdt()), 300);
		assert_eq!((escrow_held(TENANT), escrow_held_in(&usdt(), TENANT)), (700, 300));

		// STRA held is no budget for a lease in USDT.
		let usdt_terms = LeaseTerms { asset: usdt(), ..terms(TENANT, PROVIDER, 10, 10) };
		assert_noop!(
			<LeaseEscrow as LeaseManager<_, _, _>>::open_lease(usdt_terms.clone(), 500),
			Error::<Test>::BudgetNotHeld
		);
		assert_ok!(<LeaseEscrow as LeaseManager<_, _, _>>::open_lease(usdt_terms, 300));
		assert!(!HeldBudgets::<Test>::contains_key(TENANT, usdt()));
		assert_eq!(
			<LeaseEscrow as LeaseManager<_, _, _>>::release_budget(&TENANT, &usdt(), 300),
			0
		);
		assert_eq!(
			<LeaseEscrow as LeaseManager<_, _, _>>::release_budget(&TENANT, &STRA, 700),
			700
		);
		assert_eq!(free(TENANT), INITIAL);
	});
}

#[test]
fn a_usdt_budget_needs_usdt() {
	run_test(|| {
		// CHARLIE holds STRA and no USDT.
		assert_noop!(
			<LeaseEscrow as LeaseManager<_, _, _>>::hold_budget(&CHARLIE, &usdt(), 100),
			TokenError::FundsUnavailable
		);
	});
}

#[test]
fn a_payout_the_provider_cannot_take_is_kept_owed_and_never_blocks_the_close() {
	run_test(|| {
		let id = open_in_usdt(2, 100);
		// Two blocks: 4 USDT, nothing to the treasury (a tenth of 4,
		// rounded down), 4 to the provider, below the 5 USDT minimum of an
		// account it does not have.
		run_to_block(3);
		assert_noop!(
			LeaseEscrow::withdraw(RuntimeOrigin::signed(PROVIDER), id),
			TokenError::CannotCreate
		);
		assert_ok!(LeaseEscrow::close_lease(RuntimeOrigin::signed(TENANT), id));
		assert_eq!(
			last_event(),
			Event::LeaseClosed {
				lease_id: id,
				reason: CloseReason::ByTenant,
				paid_to_provider: 0,
				paid_to_treasury: 0,
				owed_to_provider: 4,
				refunded: 96,
				record_deposit: 0,
				claimable: 0,
			}
		);
		// The tenant has its refund; the 4 stay held for the provider.
		assert_eq!(usdt_free(TENANT), INITIAL - 4);
		assert_eq!(escrow_held_in(&usdt(), TENANT), 4);
		assert_eq!(ClosedLeases::<Test>::get(id).unwrap().owed_to_provider, 4);
		assert_eq!(released(), vec![(PROVIDER, RESOURCES)]);

		// The record stays until the provider is paid.
		System::set_block_number(3 + GRACE);
		assert_noop!(
			LeaseEscrow::forget_lease(RuntimeOrigin::signed(CHARLIE), id),
			Error::<Test>::PayoutUnclaimed
		);
		// Only the provider collects, and only once its account can take it.
		assert_noop!(
			LeaseEscrow::withdraw(RuntimeOrigin::signed(TENANT), id),
			Error::<Test>::NotProvider
		);
		assert_noop!(
			LeaseEscrow::withdraw(RuntimeOrigin::signed(PROVIDER), id),
			TokenError::CannotCreate
		);
		assert_ok!(<Assets as Mutate<AccountId>>::transfer(
			USDT,
			&ALICE,
			&PROVIDER,
			USDT_MIN,
			Preservation::Preserve
		));
		assert_ok!(LeaseEscrow::withdraw(RuntimeOrigin::signed(PROVIDER), id));
		assert_eq!(usdt_free(PROVIDER), USDT_MIN + 4);
		assert!(matches!(
			last_event(),
			Event::Withdrawn { paid_to_provider: 4, paid_to_treasury: 0, .. }
		));
		assert_noop!(
			LeaseEscrow::withdraw(RuntimeOrigin::signed(PROVIDER), id),
			Error::<Test>::NothingOwed
		);
		assert_ok!(LeaseEscrow::forget_lease(RuntimeOrigin::signed(CHARLIE), id));
		assert_eq!(escrow_held_in(&usdt(), TENANT), 0);
		// Put ALICE's USDT back, for the issuance check.
		assert_ok!(<Assets as Mutate<AccountId>>::transfer(
			USDT,
			&PROVIDER,
			&ALICE,
			USDT_MIN + 4,
			Preservation::Expendable
		));
	});
}

#[test]
fn the_hook_closes_a_lease_that_ran_dry_whatever_the_provider_account() {
	run_test(|| {
		// 4 USDT pays two blocks at 2: the provider's 4 cannot be paid.
		let id = open_in_usdt(2, 4);
		run_to_block(3);
		assert!(!Leases::<Test>::contains_key(id));
		assert!(matches!(
			last_event(),
			Event::LeaseClosed {
				reason: CloseReason::InsufficientFunds,
				owed_to_provider: 4,
				paid_to_treasury: 0,
				..
			}
		));
		assert!(!events().iter().any(|e| matches!(e, Event::AutoCloseFailed { .. })));
	});
}
