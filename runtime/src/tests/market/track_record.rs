//! The track record in the runtime: what `provider_stats` shows after leases
//! end served, cut short and never started, that leaving the registry sheds
//! none of it, and that an order requiring a record is served only by
//! providers that have it.

use super::*;
use crate::market_api::ProviderStatsView;
use frame_support::assert_noop;
use sp_keyring::Sr25519Keyring::{Alice, Ferdie};
use sp_runtime::Perbill;
use stratus_primitives::TrackRequirements;

fn stats(who: Sr25519Keyring) -> ProviderStatsView {
	ProviderStatsView::of(&who.to_account_id()).expect("a provider")
}

fn min_term() -> BlockNumber {
	<Runtime as pallet_bid_matching::Config>::MinLeaseTerm::get()
}

#[test]
fn a_new_provider_has_an_empty_record_and_half_a_score() {
	run(|| {
		assert_eq!(ProviderStatsView::of(&Bob.to_account_id()), None);
		three_providers();
		let new = stats(Bob);
		assert_eq!(new.registered_at, Some(System::block_number()));
		assert_eq!(new.record, Default::default());
		assert_eq!(new.score, Perbill::from_percent(50));
	});
}

#[test]
fn served_cut_short_and_never_started_leases_are_kept_by_reason_and_scored() {
	run(|| {
		three_providers();
		let budget = MAX_PRICE * 10_000;
		// Bob serves a lease past its minimum term and the tenant closes it.
		let served = open_lease(Alice, Bob, MAX_PRICE, budget);
		run_to(System::block_number() + min_term());
		let blocks = owed_blocks(served);
		assert_ok!(call(signed(Alice), EscrowCall::close_lease { lease_id: served }));
		let after_served = stats(Bob);
		assert_eq!(after_served.record.completed, 1);
		assert_eq!(after_served.record.closed.by_tenant, 1);
		assert_eq!(after_served.record.blocks_served, u64::from(blocks as u32));
		assert_eq!(after_served.record.value_served, MAX_PRICE * blocks);
		assert_eq!(after_served.record.good, MAX_PRICE * blocks);
		assert!(after_served.score > Perbill::from_percent(50));

		// Then it cuts one short, and never confirms another.
		let cut = open_lease(Alice, Bob, MAX_PRICE, budget);
		next_block();
		close_early(Bob, Alice, cut);
		let pending = open_pending_lease(Alice, Charlie, MAX_PRICE, budget);
		run_to(System::block_number() + market::ReadyWindow::get());
		assert!(!pallet_lease_escrow::Leases::<Runtime>::contains_key(pending));

		let bob = stats(Bob).record;
		assert_eq!((bob.completed, bob.closed.total()), (1, 2));
		assert_eq!(bob.faults.early_close, 1);
		// The cut-short lease weighs what its minimum term promised (as
		// stored when it closed; reading decays it to the block read).
		let stored = pallet_provider_slashing::TrackRecords::<Runtime>::get(Bob.to_account_id());
		assert_eq!(stored.expect("a record").bad, MAX_PRICE * Balance::from(min_term()));
		assert!(bob.bad < MAX_PRICE * Balance::from(min_term()));
		assert!(stats(Bob).score < after_served.score);
		let charlie = stats(Charlie).record;
		assert_eq!((charlie.closed.not_ready, charlie.faults.not_ready), (1, 1));
		assert_eq!((charlie.blocks_served, charlie.value_served), (0, 0));
	});
}

#[test]
fn leaving_the_registry_sheds_no_record() {
	run(|| {
		three_providers();
		let lease_id = open_lease(Alice, Dave, MAX_PRICE, MAX_PRICE * 1_000);
		next_block();
		close_early(Dave, Alice, lease_id);
		assert_ok!(call(signed(Dave), RegistryCall::deregister_provider {}));
		let left = stats(Dave);
		assert_eq!(left.registered_at, None);
		assert_eq!(left.record.faults.early_close, 1);
		register_and_bond(Dave, "eu-west");
		assert_eq!(stats(Dave).record.faults.early_close, 1);
	});
}

/// `tenant` orders [`NEED`] in `eu-west` from providers that meet
/// `requirements`.
fn order_requiring(tenant: Sr25519Keyring, requirements: TrackRequirements) -> OrderId {
	order_from(&tenant.to_account_id(), requirements, MAX_PRICE, MAX_PRICE * 1_000, bid_window())
}

#[test]
fn an_order_requiring_a_track_record_takes_bids_only_from_providers_that_have_it() {
	run(|| {
		three_providers();
		let experienced = TrackRequirements { min_score: Perbill::zero(), min_completed: 1 };
		let order_id = order_requiring(Alice, experienced);
		assert_eq!(BidMatching::order(order_id).expect("open").requirements, experienced);
		assert_noop!(
			bid(Bob, order_id, MAX_PRICE),
			pallet_provider_slashing::Error::<Runtime>::TooFewCompletedLeases
		);

		// Charlie completes a lease; then it may bid, and wins at the window's end.
		let lease_id = open_lease(Ferdie, Charlie, MAX_PRICE, MAX_PRICE * 10_000);
		run_to(System::block_number() + min_term());
		assert_ok!(call(signed(Ferdie), EscrowCall::close_lease { lease_id }));
		assert_eq!(stats(Charlie).record.completed, 1);
		let order_id = order_requiring(Alice, experienced);
		assert_ok!(bid(Charlie, order_id, MAX_PRICE));
		run_to(System::block_number() + bid_window() + 1);
		assert_eq!(lease(matched_lease(order_id)).provider, Charlie.to_account_id());

		// A score above what anyone has: nobody may bid.
		let demanding =
			TrackRequirements { min_score: Perbill::from_percent(99), min_completed: 0 };
		let order_id = order_requiring(Alice, demanding);
		assert!(stats(Charlie).score < Perbill::from_percent(99));
		assert_noop!(
			bid(Charlie, order_id, MAX_PRICE),
			pallet_provider_slashing::Error::<Runtime>::ScoreTooLow
		);
	});
}
