//! Liveness in the runtime: a provider that stops sending heartbeats gets
//! no new orders, its best bid does not win, and its tenant closes at its
//! cost; a heartbeat brings it back, free once per half interval; inside an
//! announced maintenance window it owes none and is not reported
//! `Unavailable`.

use super::*;
use frame_support::{assert_noop, dispatch::Pays};
use pallet_provider_slashing::FaultKind;
use pallet_resource_registry::MaintenanceWindow;
use sp_keyring::Sr25519Keyring::Alice;
use stratus_primitives::{CloseReason, Liveness};

/// The shortest interval governance allows, so the tests run few blocks.
fn short_interval() -> BlockNumber {
	let interval = configs::parameters::bounds::HEARTBEAT_INTERVAL.min;
	set_market_parameter(market::Parameters::HeartbeatInterval(
		market::HeartbeatInterval,
		Some(interval),
	));
	interval
}

fn liveness(who: Sr25519Keyring) -> Liveness {
	ResourceRegistry::provider(&who.to_account_id()).expect("registered").liveness
}

fn heartbeat(who: Sr25519Keyring) -> Pays {
	call(signed(who), RegistryCall::heartbeat {}).expect("a provider's heartbeat").pays_fee
}

#[test]
fn a_silent_provider_gets_no_orders_and_its_tenant_closes_at_its_cost() {
	run(|| {
		three_providers();
		let interval = short_interval();
		let budget = MAX_PRICE * 1_000;
		let lease_id = open_lease(Alice, Bob, MAX_PRICE, budget);
		let silent_from =
			ResourceRegistry::provider(&Bob.to_account_id()).expect("registered").last_heartbeat;
		run_to(silent_from + interval);
		assert_eq!(liveness(Bob), Liveness::Reachable);
		heartbeat(Charlie);
		next_block();
		assert_eq!(liveness(Bob), Liveness::Unreachable);

		let order_id = create_order(Alice, MAX_PRICE, budget);
		assert_noop!(
			bid(Bob, order_id, MAX_PRICE),
			pallet_resource_registry::Error::<Runtime>::ProviderUnreachable
		);
		assert_ok!(bid(Charlie, order_id, MAX_PRICE));

		let (slashed, to_tenant) = early_close_slash(lease_id);
		let paid = lease(lease_id).price_per_block * owed_blocks(lease_id);
		let refund = lease(lease_id).balance() - paid - record_deposit();
		let alice_before = free(Alice);
		assert_ok!(call(signed(Alice), EscrowCall::close_lease { lease_id }));
		let (to_treasury, to_provider) = split(paid);
		assert!(has_event(pallet_lease_escrow::Event::LeaseClosed {
			lease_id,
			reason: CloseReason::ProviderUnreachable,
			paid_to_provider: to_provider,
			paid_to_treasury: to_treasury,
			owed_to_provider: 0,
			refunded: refund,
			record_deposit: record_deposit(),
			claimable: 0,
		}));
		assert!(was_slashed(Bob, (slashed, to_tenant), SlashReason::Unreachable { lease_id }));
		// No penalty for the tenant: what was left, and compensation on top.
		assert_eq!(free(Alice), alice_before + refund + to_tenant);
		assert_eq!(bond_of(Bob).faults, 1);

		// A late heartbeat is free and brings the provider back.
		assert_eq!(heartbeat(Bob), Pays::No);
		assert_eq!(liveness(Bob), Liveness::Reachable);
		// Its bond topped back up to the minimum, it bids again.
		assert_ok!(call(signed(Bob), SlashingCall::bond { amount: slashed }));
		assert_ok!(bid(Bob, order_id, MAX_PRICE - 1));
	});
}

#[test]
fn a_heartbeat_is_free_once_per_half_interval() {
	run(|| {
		three_providers();
		// Registering counts as a heartbeat.
		assert_eq!(heartbeat(Bob), Pays::Yes);
		let last =
			ResourceRegistry::provider(&Bob.to_account_id()).expect("registered").last_heartbeat;
		let half = market::HeartbeatInterval::get() / 2;
		run_to(last + half - 1);
		assert_eq!(heartbeat(Bob), Pays::Yes);
		run_to(System::block_number() + half);
		assert_eq!(heartbeat(Bob), Pays::No);
		assert_eq!(heartbeat(Bob), Pays::Yes, "a second in the same block pays");
		assert_noop!(
			call(signed(Alice), RegistryCall::heartbeat {}),
			pallet_resource_registry::Error::<Runtime>::UnknownProvider
		);
	});
}

#[test]
fn the_best_bid_of_a_provider_gone_silent_does_not_win() {
	run(|| {
		three_providers();
		let interval = short_interval();
		let order_id =
			create_order_as(&Alice.to_account_id(), MAX_PRICE, MAX_PRICE * 1_000, interval * 2);
		assert_ok!(bid(Bob, order_id, MAX_PRICE - 1));
		assert_ok!(bid(Charlie, order_id, MAX_PRICE));
		let window_end = System::block_number() + interval * 2;
		// Charlie keeps beating; Bob does not.
		while System::block_number() < window_end {
			next_block();
			if System::block_number().is_multiple_of(interval / 2) {
				heartbeat(Charlie);
			}
		}
		run_to(window_end + 1);
		assert!(has_event(pallet_bid_matching::Event::BidForfeited {
			order_id,
			provider: Bob.to_account_id(),
			reason: pallet_resource_registry::Error::<Runtime>::ProviderUnreachable.into(),
			forfeited: market::BidForfeit::get(),
		}));
		let lease_id = matched_lease(order_id);
		assert_eq!(lease(lease_id).provider, Charlie.to_account_id());
	});
}

#[test]
fn inside_an_announced_window_no_heartbeat_is_owed_and_no_unavailable_report_is_taken() {
	run(|| {
		three_providers();
		let lease_id = open_lease(Alice, Bob, MAX_PRICE, MAX_PRICE * 10_000);
		let from = System::block_number() + market::MaintenanceNotice::get();
		let to = from + market::HeartbeatInterval::get();
		assert_ok!(call(signed(Bob), RegistryCall::announce_maintenance { from, to }));
		assert!(has_event(pallet_resource_registry::Event::MaintenanceAnnounced {
			provider: Bob.to_account_id(),
			from,
			to,
		}));
		let view = ResourceRegistry::provider(&Bob.to_account_id()).expect("registered");
		assert_eq!(view.maintenance, Some(MaintenanceWindow { from, to }));

		// Bob's last heartbeat is older than the interval by the window's end.
		run_to(to);
		assert_eq!(liveness(Bob), Liveness::InMaintenance);
		assert_noop!(
			report_fault(Alice, lease_id, FaultKind::Unavailable),
			pallet_provider_slashing::Error::<Runtime>::ProviderInMaintenance
		);
		// Its tenant closing then closes `ByTenant`: no fault of Bob's.
		assert_ok!(call(signed(Alice), EscrowCall::close_lease { lease_id }));
		assert!(System::events().iter().any(|r| matches!(
			r.event,
			RuntimeEvent::LeaseEscrow(pallet_lease_escrow::Event::LeaseClosed {
				reason: CloseReason::ByTenant,
				..
			})
		)));
		assert_eq!(bond_of(Bob).faults, 0);
		// The window's end counts as a heartbeat.
		run_to(to + market::HeartbeatInterval::get());
		assert_eq!(liveness(Bob), Liveness::Reachable);
		next_block();
		assert_eq!(liveness(Bob), Liveness::Unreachable);
	});
}
