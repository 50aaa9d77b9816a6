//! Readiness: a lease is pending until its provider confirms it ready,
//! billed from that block, closed `NotReady` with everything refunded when
//! the window ends unconfirmed; the tenant replaces the manifest.

use super::*;
use crate::ClosedLeases;
use polkadot_sdk::{
	frame_support::{assert_noop, assert_ok},
	sp_runtime::DispatchResult,
};
use stratus_primitives::{CloseReason, ManifestHash};

/// The ready window of these tests.
const WINDOW: BlockNumber = 10;

/// [`run_test`] with a ready window of [`WINDOW`] blocks.
fn run_readiness(test: impl FnOnce()) {
	run_test(|| {
		ReadyWindow::set(&WINDOW);
		test();
	});
}

fn pending(price: Balance, escrow: Balance) -> u64 {
	hold_and_open_pending(terms(TENANT, PROVIDER, price, 10), escrow).expect("lease opens")
}

fn state(lease: u64) -> LeaseState<BlockNumber> {
	Leases::<Test>::get(lease).expect("lease is open").state
}

fn confirm(who: AccountId, lease: u64) -> DispatchResult {
	LeaseEscrow::confirm_ready(RuntimeOrigin::signed(who), lease)
}

fn update(who: AccountId, lease: u64, manifest: ManifestHash) -> DispatchResult {
	LeaseEscrow::update_manifest(RuntimeOrigin::signed(who), lease, manifest)
}

#[test]
fn a_pending_lease_bills_nothing_and_billing_starts_at_confirmation() {
	run_readiness(|| {
		let id = pending(10, 1_000);
		run_to_block(6);
		assert_ok!(LeaseEscrow::settle(RuntimeOrigin::signed(BOB), id));
		let lease = Leases::<Test>::get(id).unwrap();
		assert_eq!((lease.spent(), lease.owed()), (0, 0));
		assert_eq!(LeaseEscrow::lease_view(id).unwrap().owed_now, 0);

		assert_ok!(confirm(PROVIDER, id));
		assert_eq!(state(id), LeaseState::Active { billing_from: 6 });
		assert_eq!(
			last_event(),
			Event::LeaseReady {
				lease_id: id,
				provider: PROVIDER,
				billing_from: 6,
				run_dry_at: 106
			}
		);
		run_to_block(9);
		// Blocks 6, 7 and 8, not the five pending ones before.
		assert_eq!(LeaseEscrow::lease_view(id).unwrap().owed_now, 30);
		assert_ok!(LeaseEscrow::withdraw(RuntimeOrigin::signed(PROVIDER), id));
		assert_eq!(free(PROVIDER), INITIAL + 27);
		assert_eq!(free(TREASURY), INITIAL + 3);
	});
}

#[test]
fn the_minimum_term_counts_from_confirmation() {
	run_readiness(|| {
		let id = pending(10, 1_000);
		run_to_block(5);
		assert_ok!(confirm(PROVIDER, id));
		// Opened at 1 with a term of 10, confirmed at 5: served from 15.
		run_to_block(14);
		let other = pending(10, 1_000);
		assert_ok!(confirm(PROVIDER, other));
		assert_ok!(LeaseEscrow::close_lease(RuntimeOrigin::signed(PROVIDER), id));
		assert_eq!(early_closes(), vec![(PROVIDER, TENANT, id)]);
		run_to_block(24);
		assert_ok!(LeaseEscrow::close_lease(RuntimeOrigin::signed(PROVIDER), other));
		assert_eq!(early_closes(), vec![(PROVIDER, TENANT, id)]);
	});
}

#[test]
fn only_the_provider_confirms_once_within_the_window() {
	run_readiness(|| {
		let id = pending(10, 1_000);
		assert_noop!(confirm(TENANT, id), Error::<Test>::NotProvider);
		assert_noop!(confirm(BOB, id), Error::<Test>::NotProvider);
		assert_noop!(confirm(PROVIDER, id + 1), Error::<Test>::UnknownLease);
		assert_ok!(confirm(PROVIDER, id));
		assert_noop!(confirm(PROVIDER, id), Error::<Test>::AlreadyReady);

		let late = pending(10, 1_000);
		// The window's last block is the one before `ready_by`.
		System::set_block_number(1 + WINDOW);
		assert_noop!(confirm(PROVIDER, late), Error::<Test>::ReadyWindowOver);
	});
}

#[test]
fn the_hook_closes_an_unconfirmed_lease_not_ready_with_everything_refunded() {
	run_readiness(|| {
		let id = pending(10, 1_000);
		assert_ok!(LeaseEscrow::deposit(RuntimeOrigin::signed(ALICE), id, 50));
		run_to_block(WINDOW);
		assert!(Leases::<Test>::contains_key(id));
		run_to_block(1 + WINDOW);
		assert!(!Leases::<Test>::contains_key(id));
		assert_eq!(
			last_event(),
			Event::LeaseClosed {
				lease_id: id,
				reason: CloseReason::NotReady,
				paid_to_provider: 0,
				paid_to_treasury: 0,
				owed_to_provider: 0,
				refunded: 1_000,
				record_deposit: 0,
				claimable: 50,
			}
		);
		assert_eq!(free(TENANT), INITIAL);
		assert_eq!(free(PROVIDER), INITIAL);
		assert_eq!(not_ready_faults(), vec![(PROVIDER, id)]);
		// A NotReady close is not an early close by the provider.
		assert!(early_closes().is_empty());
		assert_eq!(released(), vec![(PROVIDER, RESOURCES)]);
		assert_ok!(claim(BOB, id, 0));
		assert_eq!(free(ALICE), INITIAL);
	});
}

#[test]
fn anyone_may_close_an_unconfirmed_lease_once_its_window_is_over() {
	run_readiness(|| {
		let id = pending(10, 1_000);
		let other = pending(10, 1_000);
		assert_noop!(
			LeaseEscrow::close_lease(RuntimeOrigin::signed(BOB), id),
			Error::<Test>::NotLeaseParty
		);
		// Before the hook gets there.
		System::set_block_number(1 + WINDOW);
		assert_ok!(LeaseEscrow::close_lease(RuntimeOrigin::signed(BOB), id));
		assert_ok!(LeaseEscrow::settle(RuntimeOrigin::signed(BOB), other));
		assert!(!Leases::<Test>::contains_key(id) && !Leases::<Test>::contains_key(other));
		assert_eq!(not_ready_faults(), vec![(PROVIDER, id), (PROVIDER, other)]);
		assert_eq!(free(TENANT), INITIAL);
		assert!(ClosedLeases::<Test>::contains_key(id));
	});
}

#[test]
fn a_party_may_close_a_pending_lease_the_provider_at_a_cost() {
	run_readiness(|| {
		let by_tenant = pending(10, 1_000);
		let by_provider = pending(10, 1_000);
		run_to_block(4);
		assert_ok!(LeaseEscrow::close_lease(RuntimeOrigin::signed(TENANT), by_tenant));
		assert!(matches!(
			last_event(),
			Event::LeaseClosed { reason: CloseReason::ByTenant, refunded: 1_000, .. }
		));
		assert_ok!(LeaseEscrow::close_lease(RuntimeOrigin::signed(PROVIDER), by_provider));
		// It won the lease and walked away from it before starting it.
		assert_eq!(early_closes(), vec![(PROVIDER, TENANT, by_provider)]);
		assert!(not_ready_faults().is_empty());
		assert_eq!(free(TENANT), INITIAL);
	});
}

#[test]
fn a_pending_lease_with_a_small_escrow_moves_on_until_its_window_ends() {
	run_readiness(|| {
		// Three blocks of escrow, a window of ten: queued at 4, the block it
		// would run dry in were it confirmed at 1.
		let id = pending(100, 300);
		assert_eq!(queued_at(id), 4);
		run_to_block(4);
		// Still pending: moved on to the block it would run dry in now.
		assert_eq!(queued_at(id), 7);
		assert_eq!(Leases::<Test>::get(id).unwrap().settled_up_to, 4);
		run_to_block(9);
		assert_ok!(confirm(PROVIDER, id));
		// Confirmed at 9 when queued at 10: moved to its run-dry block, 12.
		let lease = Leases::<Test>::get(id).unwrap();
		assert_eq!((lease.run_dry_at, lease.queued_at), (12, 12));
		run_to_block(12);
		assert!(matches!(
			last_event(),
			Event::LeaseClosed {
				reason: CloseReason::InsufficientFunds,
				paid_to_provider: 270,
				paid_to_treasury: 30,
				owed_to_provider: 0,
				..
			}
		));
		assert!(not_ready_faults().is_empty());
	});
}

#[test]
fn a_top_up_of_a_pending_lease_bills_nothing() {
	run_readiness(|| {
		let id = pending(10, 1_000);
		run_to_block(5);
		assert_ok!(LeaseEscrow::deposit(RuntimeOrigin::signed(TENANT), id, 100));
		let view = LeaseEscrow::lease_view(id).unwrap();
		assert_eq!(view.balance, 1_100);
		assert_eq!(view.state, LeaseState::Pending { ready_by: 1 + WINDOW });
		// Were it confirmed now, 110 blocks from now.
		assert_eq!((view.run_dry_at, view.blocks_left), (115, 110));
		run_to_block(8);
		assert_eq!(LeaseEscrow::lease_view(id).unwrap().run_dry_at, 118);
	});
}

#[test]
fn the_tenant_replaces_the_manifest_and_a_pending_window_restarts() {
	run_readiness(|| {
		let id = pending(10, 1_000);
		let new = ManifestHash::repeat_byte(7);
		run_to_block(5);
		assert_noop!(update(PROVIDER, id, new), Error::<Test>::NotTenant);
		assert_noop!(update(TENANT, id, ManifestHash::zero()), Error::<Test>::NoManifest);
		assert_noop!(update(TENANT, id, MANIFEST), Error::<Test>::ManifestUnchanged);
		assert_noop!(update(TENANT, id + 1, new), Error::<Test>::UnknownLease);

		assert_ok!(update(TENANT, id, new));
		let ready_by = 5 + WINDOW;
		assert_eq!(
			last_event(),
			Event::ManifestUpdated { lease_id: id, old: MANIFEST, new, ready_by: Some(ready_by) }
		);
		assert_eq!(state(id), LeaseState::Pending { ready_by });
		// Past the first window, still pending.
		run_to_block(ready_by - 1);
		assert!(Leases::<Test>::contains_key(id));
		assert_ok!(confirm(PROVIDER, id));
		assert_ok!(update(TENANT, id, MANIFEST));
		assert_eq!(
			last_event(),
			Event::ManifestUpdated { lease_id: id, old: new, new: MANIFEST, ready_by: None }
		);
		assert_eq!(Leases::<Test>::get(id).unwrap().manifest, MANIFEST);
	});
}

#[test]
fn a_manifest_cannot_be_replaced_once_the_window_is_over() {
	run_readiness(|| {
		let id = pending(10, 1_000);
		System::set_block_number(1 + WINDOW);
		assert_noop!(
			update(TENANT, id, ManifestHash::repeat_byte(7)),
			Error::<Test>::ReadyWindowOver
		);
	});
}

#[test]
fn a_lease_with_no_manifest_is_refused() {
	run_readiness(|| {
		let mut terms = terms(TENANT, PROVIDER, 10, 10);
		terms.manifest = ManifestHash::zero();
		assert_noop!(hold_and_open_pending(terms, 1_000), Error::<Test>::NoManifest);
	});
}

#[test]
fn a_confirmed_lease_whose_run_dry_slot_is_full_stays_early_and_the_hook_moves_it() {
	run_readiness(|| {
		// Four leases confirmed at once fill slot 101, their run-dry block.
		for i in 0..MAX_RUN_DRY as u64 {
			open_with(MANY.start + i, ALICE, 10, 1_000);
		}
		assert_eq!(RunDry::<Test>::get(101).len() as u32, MAX_RUN_DRY);
		let id = pending(10, 1_000);
		assert_ok!(confirm(PROVIDER, id));
		// Left at the end of its ready window, early, never late.
		assert_eq!(queued_at(id), 1 + WINDOW);
		run_to_block(1 + WINDOW);
		// The nearest earlier slot with room.
		assert_eq!(queued_at(id), 100);
		run_to_block(101);
		assert!(!Leases::<Test>::contains_key(id));
		assert!(events().iter().any(|e| matches!(
			e,
			Event::LeaseClosed { lease_id, reason: CloseReason::InsufficientFunds, .. } if *lease_id == id
		)));
	});
}
