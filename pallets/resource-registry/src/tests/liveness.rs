//! Heartbeats, reachability and maintenance windows.

use super::*;
use polkadot_sdk::{
	frame_support::{assert_noop, assert_ok, dispatch::Pays},
	sp_runtime::DispatchResult,
};
use stratus_primitives::{Exclusion, Liveness, ProviderEligibility, ProviderLiveness};

fn liveness(who: AccountId) -> Option<Liveness> {
	<ResourceRegistry as ProviderLiveness<AccountId>>::liveness(&who)
}

fn last_heartbeat(who: AccountId) -> u64 {
	LivenessRecords::<Test>::get(who).expect("a provider").last_heartbeat
}

fn beat(who: AccountId) -> Pays {
	ResourceRegistry::heartbeat(RuntimeOrigin::signed(who)).expect("heartbeat").pays_fee
}

fn announce(who: AccountId, from: u64, to: u64) -> DispatchResult {
	ResourceRegistry::announce_maintenance(RuntimeOrigin::signed(who), from, to)
}

mod heartbeat {
	use super::*;

	#[test]
	fn registering_counts_as_one_and_the_interval_is_inclusive() {
		run_test(|| {
			register(ALICE);
			System::set_block_number(1 + HEARTBEAT_INTERVAL);
			assert_eq!(liveness(ALICE), Some(Liveness::Reachable));
			assert_ok!(ResourceRegistry::ensure_can_bid(&ALICE));

			System::set_block_number(2 + HEARTBEAT_INTERVAL);
			assert_eq!(liveness(ALICE), Some(Liveness::Unreachable));
			assert_eq!(ResourceRegistry::provider(&ALICE).unwrap().liveness, Liveness::Unreachable);
			assert_refused(ALICE, Exclusion::Unreachable, Error::<Test>::ProviderUnreachable);
		});
	}

	#[test]
	fn a_late_heartbeat_makes_the_provider_reachable_again_and_is_recorded() {
		run_test(|| {
			register(ALICE);
			let late = 50 + HEARTBEAT_INTERVAL;
			System::set_block_number(late);
			assert_eq!(beat(ALICE), Pays::No);
			System::assert_last_event(Event::ProviderHeartbeat { provider: ALICE }.into());
			assert_eq!(last_heartbeat(ALICE), late);
			assert_eq!(liveness(ALICE), Some(Liveness::Reachable));
			assert_ok!(ResourceRegistry::ensure_can_bid(&ALICE));
		});
	}

	#[test]
	fn is_free_from_half_an_interval_after_the_previous_and_paid_before() {
		run_test(|| {
			register(ALICE);
			// Right after registering, which counts as a beat: paid.
			assert_eq!(beat(ALICE), Pays::Yes);
			System::set_block_number(HEARTBEAT_INTERVAL / 2);
			assert_eq!(beat(ALICE), Pays::Yes, "one block short of half an interval");
			let free = HEARTBEAT_INTERVAL / 2 + HEARTBEAT_INTERVAL / 2;
			System::set_block_number(free);
			assert_eq!(beat(ALICE), Pays::No);
			// A second one in the same block pays: spam is not free.
			assert_eq!(beat(ALICE), Pays::Yes);
			assert_eq!(last_heartbeat(ALICE), free);
		});
	}

	#[test]
	fn from_an_account_that_is_not_a_provider_is_refused() {
		run_test(|| {
			assert_noop!(
				ResourceRegistry::heartbeat(RuntimeOrigin::signed(BOB)),
				Error::<Test>::UnknownProvider
			);
			assert_eq!(liveness(BOB), None);
		});
	}

	#[test]
	fn unreachable_is_checked_after_jail_and_pause() {
		run_test(|| {
			register(ALICE);
			System::set_block_number(2 + HEARTBEAT_INTERVAL);
			assert_ok!(ResourceRegistry::pause_provider(RuntimeOrigin::signed(ALICE)));
			assert_refused(ALICE, Exclusion::Paused, Error::<Test>::ProviderPaused);
			set_jailed(ALICE, true);
			assert_refused(ALICE, Exclusion::Jailed, Error::<Test>::ProviderJailed);
		});
	}
}

mod maintenance {
	use super::*;

	/// The earliest window ALICE may announce at block 1, as long as allowed.
	const FROM: u64 = 1 + MAINTENANCE_NOTICE;
	const TO: u64 = FROM + MAX_MAINTENANCE - 1;

	#[test]
	fn a_window_with_notice_and_within_the_length_is_recorded() {
		run_test(|| {
			register(ALICE);
			assert_ok!(announce(ALICE, FROM, TO));
			System::assert_last_event(
				Event::MaintenanceAnnounced { provider: ALICE, from: FROM, to: TO }.into(),
			);
			let view = ResourceRegistry::provider(&ALICE).unwrap();
			assert_eq!(view.maintenance, Some(MaintenanceWindow { from: FROM, to: TO }));
			assert_eq!(view.liveness, Liveness::Reachable);
		});
	}

	#[test]
	fn bad_windows_are_refused_by_name() {
		run_test(|| {
			register(ALICE);
			assert_noop!(
				announce(ALICE, FROM, FROM - 1),
				Error::<Test>::MaintenanceEndsBeforeStart
			);
			assert_noop!(announce(ALICE, FROM - 1, TO), Error::<Test>::MaintenanceTooSoon);
			assert_noop!(announce(ALICE, FROM, TO + 1), Error::<Test>::MaintenanceTooLong);
			assert_noop!(announce(BOB, FROM, TO), Error::<Test>::UnknownProvider);
		});
	}

	#[test]
	fn one_window_at_a_time_and_spaced_apart() {
		run_test(|| {
			register(ALICE);
			assert_ok!(announce(ALICE, FROM, TO));
			// Ahead: it stands.
			assert_noop!(
				announce(ALICE, FROM + 100, TO + 100),
				Error::<Test>::MaintenanceAlreadyAnnounced
			);
			// Running: it stands.
			System::set_block_number(TO);
			assert_noop!(
				announce(ALICE, TO + MAINTENANCE_SPACING, TO + MAINTENANCE_SPACING),
				Error::<Test>::MaintenanceAlreadyAnnounced
			);
			// Ended: the next starts no sooner than the spacing after it.
			System::set_block_number(TO + 1);
			assert_noop!(
				announce(ALICE, TO + MAINTENANCE_SPACING - 1, TO + MAINTENANCE_SPACING),
				Error::<Test>::MaintenanceTooFrequent
			);
			assert_ok!(announce(ALICE, TO + MAINTENANCE_SPACING, TO + MAINTENANCE_SPACING));
		});
	}

	#[test]
	fn inside_the_window_no_heartbeat_is_owed_and_its_end_counts_as_one() {
		run_test(|| {
			register(ALICE);
			assert_ok!(announce(ALICE, FROM, TO));
			// Before the window the provider owes heartbeats as ever.
			System::set_block_number(FROM - 1);
			assert_eq!(liveness(ALICE), Some(Liveness::Reachable));
			System::set_block_number(FROM);
			assert_eq!(liveness(ALICE), Some(Liveness::InMaintenance));
			assert_ok!(ResourceRegistry::ensure_can_bid(&ALICE));
			System::set_block_number(TO);
			assert_eq!(liveness(ALICE), Some(Liveness::InMaintenance));
			// After it, the end of the window counts as a heartbeat.
			System::set_block_number(TO + HEARTBEAT_INTERVAL);
			assert_eq!(liveness(ALICE), Some(Liveness::Reachable));
			System::set_block_number(TO + HEARTBEAT_INTERVAL + 1);
			assert_eq!(liveness(ALICE), Some(Liveness::Unreachable));
		});
	}

	#[test]
	fn a_provider_already_unreachable_is_so_again_after_its_window() {
		run_test(|| {
			register(ALICE);
			System::set_block_number(HEARTBEAT_INTERVAL);
			let from = HEARTBEAT_INTERVAL + MAINTENANCE_NOTICE;
			assert_ok!(announce(ALICE, from, from));
			System::set_block_number(from - 1);
			assert_eq!(liveness(ALICE), Some(Liveness::Unreachable));
			System::set_block_number(from);
			assert_eq!(liveness(ALICE), Some(Liveness::InMaintenance));
		});
	}
}
