//! Readiness in the runtime: a lease matched by the hook waits for its
//! provider; never confirmed, it closes `NotReady` with the tenant's money
//! back and the provider slashed; confirmed, it bills from that block.

use super::*;
use frame_support::assert_noop;
use pallet_lease_escrow::LeaseState;
use sp_keyring::Sr25519Keyring::Alice;
use stratus_primitives::CloseReason;

fn view(lease_id: LeaseId) -> crate::market_api::LeaseView {
	LeaseEscrow::lease_view(lease_id).expect("the lease is open")
}

#[test]
fn a_lease_never_confirmed_closes_not_ready_refunded_and_its_provider_slashed() {
	run(|| {
		three_providers();
		let budget = MAX_PRICE * 1_000;
		let order_id = create_order(Alice, MAX_PRICE, budget);
		assert_ok!(bid(Bob, order_id, MAX_PRICE - 1));
		// What Alice has once the order ends: its deposit comes back.
		let alice_before = free(Alice) + budget + market::OrderDeposit::get();
		// The window ends; the hook matches the only bid.
		run_to(System::block_number() + bid_window() + 1);
		let lease_id = matched_lease(order_id);
		let opened = System::block_number();
		let ready_by = opened + market::ReadyWindow::get();
		assert_eq!(view(lease_id).state, LeaseState::Pending { ready_by });
		assert_eq!(view(lease_id).manifest, MANIFEST);
		assert_eq!(view(lease_id).owed_now, 0);

		let (slashed, to_tenant) = early_close_slash(lease_id);
		run_to(ready_by - 1);
		assert_eq!(view(lease_id).owed_now, 0, "a pending lease bills nothing");
		run_to(ready_by);
		assert!(!pallet_lease_escrow::Leases::<Runtime>::contains_key(lease_id));
		assert!(has_event(pallet_lease_escrow::Event::LeaseClosed {
			lease_id,
			reason: CloseReason::NotReady,
			paid_to_provider: 0,
			paid_to_treasury: 0,
			owed_to_provider: 0,
			refunded: budget - record_deposit(),
			record_deposit: record_deposit(),
			claimable: 0,
		}));
		assert!(was_slashed(Bob, (slashed, to_tenant), SlashReason::NotReady { lease_id }));
		assert_eq!(bond_of(Bob).faults, 1);
		// Everything back but the record's deposit, which `forget_lease`
		// returns after the grace period; the compensation on top.
		assert_eq!(free(Alice), alice_before - record_deposit() + to_tenant);
		assert_eq!(provider(Bob).allocated, Resources::ZERO);
	});
}

#[test]
fn a_lease_confirmed_ready_bills_from_the_confirmation_block_exactly() {
	run(|| {
		three_providers();
		let price = MAX_PRICE - 3;
		let lease_id = open_pending_lease(Alice, Charlie, price, MAX_PRICE * 1_000);
		run_to(System::block_number() + 7);
		assert_noop!(
			call(signed(Alice), EscrowCall::confirm_ready { lease_id }),
			pallet_lease_escrow::Error::<Runtime>::NotProvider
		);
		assert_ok!(call(signed(Charlie), EscrowCall::confirm_ready { lease_id }));
		let confirmed = System::block_number();
		assert_eq!(view(lease_id).state, LeaseState::Active { billing_from: confirmed });
		assert_eq!(view(lease_id).owed_now, 0);
		run_to(confirmed + 12);
		assert_eq!(view(lease_id).owed_now, price * 12);
		assert_eq!(view(lease_id).blocks_left, view(lease_id).run_dry_at - confirmed - 12);
		assert_eq!(view(lease_id).run_dry_at, confirmed + (MAX_PRICE * 1_000 / price) as u32);
	});
}

#[test]
fn the_tenant_replaces_the_manifest_of_its_lease() {
	run(|| {
		three_providers();
		let lease_id = open_lease(Alice, Dave, MAX_PRICE, MAX_PRICE * 1_000);
		let new = ManifestHash::repeat_byte(0x22);
		assert_noop!(
			call(signed(Dave), EscrowCall::update_manifest { lease_id, manifest: new }),
			pallet_lease_escrow::Error::<Runtime>::NotTenant
		);
		assert_ok!(call(signed(Alice), EscrowCall::update_manifest { lease_id, manifest: new }));
		assert!(has_event(pallet_lease_escrow::Event::ManifestUpdated {
			lease_id,
			old: MANIFEST,
			new,
			ready_by: None,
		}));
		assert_eq!(view(lease_id).manifest, new);
	});
}

#[test]
fn a_lease_is_announced_running_low_before_it_runs_dry() {
	run(|| {
		three_providers();
		set_market_parameter(market::Parameters::RunningLowNotice(
			market::RunningLowNotice,
			Some(bounds::RUNNING_LOW_NOTICE.min),
		));
		// Thirty blocks of escrow: announced ten blocks before the last.
		let lease_id = open_lease(Alice, Bob, MAX_PRICE, MAX_PRICE * 30 + 17);
		let run_dry_at = view(lease_id).run_dry_at;
		let announced = pallet_lease_escrow::Event::LeaseRunningLow { lease_id, run_dry_at };
		run_to(run_dry_at - bounds::RUNNING_LOW_NOTICE.min - 1);
		assert!(!has_event(announced.clone()));
		run_to(run_dry_at - bounds::RUNNING_LOW_NOTICE.min);
		assert!(has_event(announced));
		run_to(run_dry_at);
		assert!(!pallet_lease_escrow::Leases::<Runtime>::contains_key(lease_id));
	});
}
