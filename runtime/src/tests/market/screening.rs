//! Screening an order in the runtime (`ComputeMarketApi::screen_order`):
//! the providers that could bid now, and for the others the check that
//! excludes them, the same one a bid fails.

use super::*;
use frame_support::assert_noop;
use pallet_bid_matching::views::{ExclusionCounts, ScreenView};
use sp_keyring::Sr25519Keyring::{Alice, Eve};
use stratus_primitives::TrackRequirements;

/// Screens an order for [`NEED`] requiring `region = region`, every
/// provider in one page.
fn screen(region: &str, requirements: TrackRequirements) -> crate::market_api::ScreenView {
	let attributes =
		vec![RequiredAttribute { key: bounded(b"region"), value: bounded(region.as_bytes()) }]
			.try_into()
			.expect("one attribute fits");
	BidMatching::screen_order(NEED, attributes, None, MAX_PRICE, requirements, None, 1_000)
		.expect("the terms are valid")
}

#[test]
fn screening_names_who_could_bid_and_why_the_others_could_not() {
	run(|| {
		three_providers();
		// Eve registers but bonds nothing.
		assert_ok!(call(
			signed(Eve),
			RegistryCall::register_provider {
				capacity: CAPACITY,
				attributes: Default::default(),
				host_uri: bounded(b"https://eve.example"),
			}
		));
		assert_ok!(call(signed(Dave), RegistryCall::pause_provider {}));
		// Charlie stops its heartbeats; Bob and Eve keep beating.
		let interval = configs::parameters::bounds::HEARTBEAT_INTERVAL.min;
		set_market_parameter(market::Parameters::HeartbeatInterval(
			market::HeartbeatInterval,
			Some(interval),
		));
		run_to(System::block_number() + interval);
		assert_ok!(call(signed(Bob), RegistryCall::heartbeat {}));
		assert_ok!(call(signed(Eve), RegistryCall::heartbeat {}));
		next_block();

		let view = screen("eu-west", Default::default());
		assert_eq!(
			view,
			ScreenView {
				eligible: vec![Bob.to_account_id()],
				screened: 4,
				excluded: ExclusionCounts {
					paused: 1,
					unreachable: 1,
					bond: 1,
					..Default::default()
				},
				next: None,
				total: 4,
			}
		);
		// Each bid fails, or not, as the screen said.
		let order_id = create_order(Alice, MAX_PRICE, MAX_PRICE * 1_000);
		assert_ok!(bid(Bob, order_id, MAX_PRICE));
		assert_noop!(
			bid(Charlie, order_id, MAX_PRICE),
			pallet_resource_registry::Error::<Runtime>::ProviderUnreachable
		);
		assert_noop!(
			bid(Dave, order_id, MAX_PRICE),
			pallet_resource_registry::Error::<Runtime>::ProviderPaused
		);
		assert_noop!(
			bid(Eve, order_id, MAX_PRICE),
			pallet_provider_slashing::Error::<Runtime>::NotBonded
		);

		// A region nobody offers: the three past the earlier checks lack it.
		assert_ok!(call(signed(Charlie), RegistryCall::heartbeat {}));
		let nowhere = screen("ap-south", Default::default());
		assert!(nowhere.eligible.is_empty());
		assert_eq!(
			nowhere.excluded,
			ExclusionCounts { paused: 1, bond: 1, attribute: 2, ..Default::default() }
		);
		// New providers have completed no lease.
		let proven = TrackRequirements { min_score: Default::default(), min_completed: 1 };
		let record = screen("eu-west", proven);
		assert!(record.eligible.is_empty());
		assert_eq!(
			record.excluded,
			ExclusionCounts { paused: 1, bond: 1, track_record: 2, ..Default::default() }
		);
	});
}
