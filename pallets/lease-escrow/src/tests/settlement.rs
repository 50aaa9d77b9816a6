//! Settlement: exact accrual, the take-rate split, whole blocks only; the
//! `settle` call, which moves the ledger only, and `withdraw`, which pays out.

use super::*;
use polkadot_sdk::{
	frame_support::{assert_noop, assert_ok},
	sp_runtime::{DispatchError, Perbill},
};
use stratus_primitives::CloseReason;

#[test]
fn settlement_over_many_blocks_pays_exactly_price_times_blocks() {
	run_test(|| {
		let id = open(100, 10_000);
		run_to_block(51);
		assert_ok!(LeaseEscrow::withdraw(RuntimeOrigin::signed(PROVIDER), id));
		// 50 blocks × 100 = 5 000: 10% (500) to the treasury, 4 500 to the provider.
		assert_eq!(free(PROVIDER), INITIAL + 4_500);
		assert_eq!(free(TREASURY), INITIAL + 500);
		assert_eq!(escrow_held(TENANT), 5_000);
		assert_eq!(
			last_event(),
			Event::Withdrawn {
				lease_id: id,
				provider: PROVIDER,
				paid_to_provider: 4_500,
				paid_to_treasury: 500,
				settled_up_to: 51,
			}
		);

		// Settling in many small steps accrues what one big step would, and
		// moves no money until the provider withdraws.
		for block in 52..=80 {
			run_to_block(block);
			assert_ok!(LeaseEscrow::settle(RuntimeOrigin::signed(CHARLIE), id));
		}
		assert_eq!(free(PROVIDER), INITIAL + 4_500);
		assert_eq!(escrow_held(TENANT), 5_000);
		let lease = Leases::<Test>::get(id).unwrap();
		assert_eq!(lease.settled_up_to, 80);
		assert_eq!((lease.owed_to_provider, lease.owed_to_treasury), (90 * 29, 10 * 29));
		assert_eq!(lease.balance(), 10_000 - 100 * 79);
		assert_eq!(lease.run_dry_at, 101, "settlement does not move the run-dry block");
		assert_ok!(LeaseEscrow::withdraw(RuntimeOrigin::signed(PROVIDER), id));
		assert_eq!(
			last_event(),
			Event::Withdrawn {
				lease_id: id,
				provider: PROVIDER,
				paid_to_provider: 90 * 29,
				paid_to_treasury: 10 * 29,
				settled_up_to: 80,
			}
		);
		assert_eq!(free(PROVIDER), INITIAL + 90 * 79);
		assert_eq!(free(TREASURY), INITIAL + 10 * 79);
		assert_eq!(escrow_held(TENANT), 10_000 - 100 * 79);
		let lease = Leases::<Test>::get(id).unwrap();
		assert_eq!((lease.owed_to_provider, lease.owed_to_treasury), (0, 0));
	});
}

#[test]
fn take_rate_split_is_exact_to_the_planck() {
	run_test(|| {
		set_take_rate(Perbill::from_percent(3));
		let id = open(33, 10_000);
		run_to_block(8);
		let held_before = escrow_held(TENANT);
		assert_ok!(LeaseEscrow::withdraw(RuntimeOrigin::signed(PROVIDER), id));
		// 7 × 33 = 231; 3% is 6.93, rounded down to 6 for the treasury.
		let to_provider = free(PROVIDER) - INITIAL;
		let to_treasury = free(TREASURY) - INITIAL;
		assert_eq!((to_provider, to_treasury), (225, 6));
		assert_eq!(held_before, to_provider + to_treasury + escrow_held(TENANT));
	});
}

#[test]
fn zero_take_rate_pays_everything_to_the_provider() {
	run_test(|| {
		set_take_rate(Perbill::zero());
		let id = open(7, 700);
		run_to_block(11);
		assert_ok!(LeaseEscrow::withdraw(RuntimeOrigin::signed(PROVIDER), id));
		assert_eq!(free(PROVIDER), INITIAL + 70);
		assert_eq!(free(TREASURY), INITIAL);
	});
}

#[test]
fn partial_final_block_is_not_paid() {
	run_test(|| {
		// 250 pays two blocks of 100; the last 50 pays nothing.
		let id = open(100, 250);
		assert_eq!(queued_at(id), 3);
		run_to_block(2);
		assert_ok!(LeaseEscrow::withdraw(RuntimeOrigin::signed(PROVIDER), id));
		assert_eq!(free(PROVIDER), INITIAL + 90);
		run_to_block(3);
		assert_eq!(
			last_event(),
			Event::LeaseClosed {
				lease_id: id,
				reason: CloseReason::InsufficientFunds,
				paid_to_provider: 90,
				paid_to_treasury: 10,
				owed_to_provider: 0,
				refunded: 50,
				record_deposit: 0,
				claimable: 0,
			}
		);
		assert_eq!(free(PROVIDER), INITIAL + 180);
		assert_eq!(free(TREASURY), INITIAL + 20);
		assert_eq!(free(TENANT), INITIAL - 200);
	});
}

#[test]
fn withdraw_twice_in_a_block_pays_nothing_the_second_time() {
	run_test(|| {
		let id = open(100, 1_000);
		run_to_block(3);
		assert_ok!(LeaseEscrow::withdraw(RuntimeOrigin::signed(PROVIDER), id));
		assert_ok!(LeaseEscrow::withdraw(RuntimeOrigin::signed(PROVIDER), id));
		assert_eq!(
			last_event(),
			Event::Withdrawn {
				lease_id: id,
				provider: PROVIDER,
				paid_to_provider: 0,
				paid_to_treasury: 0,
				settled_up_to: 3,
			}
		);
		assert_eq!(free(PROVIDER), INITIAL + 180);
	});
}

#[test]
fn withdraw_is_for_the_provider_only() {
	run_test(|| {
		let id = open(100, 1_000);
		run_to_block(3);
		assert_noop!(
			LeaseEscrow::withdraw(RuntimeOrigin::signed(TENANT), id),
			Error::<Test>::NotProvider
		);
		assert_noop!(
			LeaseEscrow::withdraw(RuntimeOrigin::signed(ALICE), id),
			Error::<Test>::NotProvider
		);
		assert_noop!(
			LeaseEscrow::withdraw(RuntimeOrigin::signed(PROVIDER), id + 1),
			Error::<Test>::UnknownLease
		);
		assert_noop!(LeaseEscrow::withdraw(RuntimeOrigin::root(), id), DispatchError::BadOrigin);
		assert_noop!(LeaseEscrow::withdraw(RuntimeOrigin::none(), id), DispatchError::BadOrigin);
	});
}

#[test]
fn anyone_may_settle_and_settling_moves_no_money() {
	run_test(|| {
		let id = open(100, 1_000);
		run_to_block(5);
		let info = LeaseEscrow::settle(RuntimeOrigin::signed(BOB), id).expect("settles");
		assert_eq!(
			last_event(),
			Event::LeaseSettled {
				lease_id: id,
				accrued_to_provider: 360,
				accrued_to_treasury: 40,
				settled_up_to: 5,
			}
		);
		// Charged as a settlement, not as the close it might have been.
		assert_eq!(info.actual_weight, Some(<() as WeightInfo>::settle()));
		// The ledger moved; the money stays in the tenant's hold, owed.
		let lease = Leases::<Test>::get(id).unwrap();
		assert_eq!(
			(lease.tenant_spent, lease.owed_to_provider, lease.owed_to_treasury),
			(400, 360, 40)
		);
		assert_eq!(lease.balance(), 600);
		assert_eq!(free(PROVIDER), INITIAL);
		assert_eq!(free(TREASURY), INITIAL);
		assert_eq!(escrow_held(TENANT), 1_000);
		assert_eq!(free(BOB), INITIAL);

		// Withdrawing settles the rest and pays everything accrued.
		run_to_block(7);
		assert_ok!(LeaseEscrow::withdraw(RuntimeOrigin::signed(PROVIDER), id));
		let evs = events();
		assert_eq!(
			evs[evs.len() - 2..],
			[
				Event::LeaseSettled {
					lease_id: id,
					accrued_to_provider: 180,
					accrued_to_treasury: 20,
					settled_up_to: 7,
				},
				Event::Withdrawn {
					lease_id: id,
					provider: PROVIDER,
					paid_to_provider: 540,
					paid_to_treasury: 60,
					settled_up_to: 7,
				},
			]
		);
		assert_eq!(free(PROVIDER), INITIAL + 540);
		assert_eq!(free(TREASURY), INITIAL + 60);
		assert_eq!(escrow_held(TENANT), 400);
	});
}

#[test]
fn closing_pays_out_what_settlements_accrued() {
	run_test(|| {
		let id = open(100, 1_000);
		run_to_block(5);
		assert_ok!(LeaseEscrow::settle(RuntimeOrigin::signed(BOB), id));
		run_to_block(7);
		assert_ok!(LeaseEscrow::close_lease(RuntimeOrigin::signed(TENANT), id));
		// Four blocks accrued before, two by the final settlement.
		assert_eq!(
			last_event(),
			Event::LeaseClosed {
				lease_id: id,
				reason: CloseReason::ByTenant,
				paid_to_provider: 540,
				paid_to_treasury: 60,
				owed_to_provider: 0,
				refunded: 400,
				record_deposit: 0,
				claimable: 0,
			}
		);
		assert_eq!(free(PROVIDER), INITIAL + 540);
		assert_eq!(free(TREASURY), INITIAL + 60);
		assert_eq!(free(TENANT), INITIAL - 600);
		assert_eq!(escrow_held(TENANT), 0);
	});
}

#[test]
fn what_is_owed_counts_as_spent_for_running_dry() {
	run_test(|| {
		// Ten blocks of escrow; five settled and owed, none paid out.
		let id = open(100, 1_000);
		run_to_block(6);
		assert_ok!(LeaseEscrow::settle(RuntimeOrigin::signed(BOB), id));
		let view = LeaseEscrow::lease_view(id).unwrap();
		assert_eq!((view.balance, view.owed_to_provider, view.run_dry_at), (500, 450, 11));
		// The owed 500 is still held, yet pays no further block: the lease
		// runs dry at 11 all the same.
		assert_eq!(escrow_held(TENANT), 1_000);
		run_to_block(11);
		assert!(!Leases::<Test>::contains_key(id));
		assert_eq!(free(PROVIDER), INITIAL + 900);
		assert_eq!(free(TENANT), INITIAL - 1_000);
	});
}

#[test]
fn settle_checks_origin_and_lease() {
	run_test(|| {
		let id = open(100, 1_000);
		assert_noop!(LeaseEscrow::settle(RuntimeOrigin::root(), id), DispatchError::BadOrigin);
		assert_noop!(
			LeaseEscrow::settle(RuntimeOrigin::signed(BOB), id + 1),
			Error::<Test>::UnknownLease
		);
	});
}

#[test]
fn settle_closes_a_lease_that_ran_dry_at_once() {
	run_test(|| {
		// Four leases due at block 11; the hook can close three that block.
		let ids: Vec<_> = (0..4).map(|i| open_with(MANY.start + i, PROVIDER, 10, 100)).collect();
		allow_closes(3);
		run_to_block(11);
		let left: Vec<_> =
			ids.iter().copied().filter(|id| Leases::<Test>::contains_key(id)).collect();
		assert_eq!(left, vec![ids[3]]);
		let id = left[0];
		let info = LeaseEscrow::settle(RuntimeOrigin::signed(BOB), id).expect("closes");
		// Charged in full: closing weighs what `close_lease` does.
		assert_eq!(info.actual_weight, None);
		assert_eq!(
			last_event(),
			Event::LeaseClosed {
				lease_id: id,
				reason: CloseReason::InsufficientFunds,
				paid_to_provider: 90,
				paid_to_treasury: 10,
				owed_to_provider: 0,
				refunded: 0,
				record_deposit: 0,
				claimable: 0,
			}
		);
		assert!(!Leases::<Test>::contains_key(id));
		assert!(RunDry::<Test>::get(11).is_empty());
		// The provider's capacity came back with the call, not a block later.
		assert_eq!(released().len(), 4);
	});
}

#[test]
fn escrow_frozen_by_its_tenant_still_pays_the_provider() {
	use polkadot_sdk::frame_support::traits::fungible::MutateFreeze;
	run_test(|| {
		let id = open(100, 1_000);
		assert_ok!(LeaseEscrow::deposit(RuntimeOrigin::signed(ALICE), id, 500));
		// A freeze above the free balance would stop a polite transfer of held
		// funds; escrow is owed, so it pays anyway, a third party's share too.
		assert_ok!(<Balances as MutateFreeze<_>>::set_freeze(&(), &TENANT, INITIAL));
		run_to_block(14);
		assert_ok!(LeaseEscrow::withdraw(RuntimeOrigin::signed(PROVIDER), id));
		assert_eq!(free(PROVIDER), INITIAL + 90 * 13);
		assert_ok!(<Balances as MutateFreeze<_>>::thaw(&(), &TENANT));
	});
}

#[test]
fn settlement_pays_from_the_tenant_hold_whoever_deposited() {
	run_test(|| {
		let id = open(50, 200);
		for who in [ALICE, BOB, CHARLIE] {
			assert_ok!(LeaseEscrow::deposit(RuntimeOrigin::signed(who), id, 100));
		}
		// Five blocks (250) use the tenant's 200 and half of Alice's 100: one
		// payment to each of provider and treasury, out of the tenant's hold.
		run_to_block(6);
		assert_ok!(LeaseEscrow::withdraw(RuntimeOrigin::signed(PROVIDER), id));
		assert_eq!(free(PROVIDER), INITIAL + 225);
		assert_eq!(free(TREASURY), INITIAL + 25);
		assert_eq!(escrow_held(TENANT), 250);
		let lease = Leases::<Test>::get(id).unwrap();
		assert_eq!((lease.tenant_deposited, lease.tenant_spent), (200, 200));
		assert_eq!((lease.others_deposited, lease.others_spent), (300, 50));
		assert_eq!(lease.owed(), 0);

		// Closing now: the tenant's part is spent, the others wait.
		assert_ok!(LeaseEscrow::close_lease(RuntimeOrigin::signed(TENANT), id));
		assert!(matches!(last_event(), Event::LeaseClosed { refunded: 0, claimable: 250, .. }));
		for index in 0..3 {
			assert_ok!(claim(PROVIDER, id, index));
		}
		assert_eq!(free(ALICE), INITIAL - 50);
		assert_eq!(free(BOB), INITIAL);
		assert_eq!(free(CHARLIE), INITIAL);
		assert_eq!(free(TENANT), INITIAL - 200);
		assert_eq!(escrow_held(TENANT), 0);
	});
}
