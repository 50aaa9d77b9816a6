//! Unit tests against the mock runtime, by topic. Every test runs inside
//! [`crate::mock::run_test`], which checks the pallet's invariants at the end
//! (and [`crate::mock::run_to_block`] after every block).

mod assets;
mod bids;
mod book;
mod evict;
mod forfeits;
mod invariants;
mod matching;
mod metering;
mod orders;
mod queries;
mod queue;
mod random;
mod screening;
mod stake;

use crate::{mock::*, weights::WeightInfo, *};
use polkadot_sdk::{
	frame_support::{
		assert_ok, dispatch::DispatchResultWithPostInfo, traits::Hooks, weights::Weight,
	},
	sp_runtime::DispatchError,
};
use stratus_primitives::OrderId;

/// `tenant` creates an order like the default one but without required
/// attributes, with a bid window of `window` blocks. Returns its id.
pub(super) fn order_with_window(tenant: AccountId, window: u64) -> OrderId {
	plain_order(tenant, window, Default::default())
}

/// `tenant` creates an order like [`order_with_window`]'s for [`WINDOW`]
/// blocks, from providers whose track record meets `requirements`.
pub(super) fn order_requiring(
	tenant: AccountId,
	requirements: stratus_primitives::TrackRequirements,
) -> OrderId {
	plain_order(tenant, WINDOW, requirements)
}

fn plain_order(
	tenant: AccountId,
	window: u64,
	requirements: stratus_primitives::TrackRequirements,
) -> OrderId {
	let id = NextOrderId::<Test>::get();
	assert_ok!(order_paid_in(tenant, window, requirements, STRA));
	id
}

/// `tenant` orders [`SMALL`] with no required attribute at [`MAX_PRICE`]
/// with [`BUDGET`], for `window` blocks, paid in `asset`.
pub(super) fn order_paid_in(
	tenant: AccountId,
	window: u64,
	requirements: stratus_primitives::TrackRequirements,
	asset: AssetKind,
) -> polkadot_sdk::sp_runtime::DispatchResult {
	BidMatching::create_order(
		RuntimeOrigin::signed(tenant),
		MANIFEST,
		SMALL,
		attrs(&[]),
		None,
		requirements,
		MAX_PRICE,
		BUDGET,
		window,
		asset,
	)
}

/// `tenant` creates the default order, but requiring both declared
/// attributes vouched for by [`AUDITOR`].
pub(super) fn audited_order(tenant: AccountId) -> OrderId {
	audited_order_requiring(tenant, Default::default())
}

/// [`audited_order`], from providers whose track record meets
/// `requirements`.
pub(super) fn audited_order_requiring(
	tenant: AccountId,
	requirements: stratus_primitives::TrackRequirements,
) -> OrderId {
	let id = NextOrderId::<Test>::get();
	assert_ok!(BidMatching::create_order(
		RuntimeOrigin::signed(tenant),
		MANIFEST,
		SMALL,
		attrs(&[("region", "eu"), ("tier", "gold")]),
		Some(AUDITOR),
		requirements,
		MAX_PRICE,
		BUDGET,
		WINDOW,
		STRA,
	));
	id
}

/// `caller` evicts `provider`'s bid on `order_id`.
pub(super) fn evict(
	caller: AccountId,
	order_id: OrderId,
	provider: AccountId,
) -> DispatchResultWithPostInfo {
	BidMatching::evict_bid(RuntimeOrigin::signed(caller), order_id, provider)
}

/// This pallet's events, oldest first.
pub(super) fn events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::BidMatching(e) => Some(e),
			_ => None,
		})
		.collect()
}

/// The `(order, provider, reason, forfeited)` of every `BidForfeited` event,
/// oldest first.
pub(super) fn forfeits() -> Vec<(OrderId, AccountId, DispatchError, Balance)> {
	events()
		.into_iter()
		.filter_map(|e| match e {
			Event::BidForfeited { order_id, provider, reason, forfeited } => {
				Some((order_id, provider, reason, forfeited))
			},
			_ => None,
		})
		.collect()
}

/// The hook's fixed cost, and what one slot visit and one conclude step cost.
pub(super) fn hook_costs() -> (Weight, Weight, Weight) {
	(
		<() as WeightInfo>::on_initialize_base(),
		<() as WeightInfo>::on_initialize_slot(),
		BidMatching::conclude_step_weight(),
	)
}

/// Limits the hook to exactly `n` conclude steps in one slot per block:
/// room for its base, one slot visit and `n` of the heaviest steps.
///
/// The count is exact for `n` up to 2 whatever the steps are, because any
/// two steps together weigh more than the heaviest one (checked here).
pub(super) fn allow_steps(n: u64) {
	assert!((1..=2).contains(&n), "only one or two steps are exact");
	let lightest = <() as WeightInfo>::conclude_matched()
		.min(<() as WeightInfo>::conclude_forfeited())
		.min(<() as WeightInfo>::conclude_expired());
	let (base, slot, step) = hook_costs();
	assert!(
		lightest.saturating_mul(2).any_gt(step),
		"two of the lightest steps must outweigh the heaviest"
	);
	HookWeight::set(&base.saturating_add(slot).saturating_add(step.saturating_mul(n)));
}

/// Fills `order_id`'s book with bids of P1..P4 at prices 5..8 (P1 best),
/// then pauses them all: a book jammed by providers that cannot serve.
pub(super) fn jam(order_id: OrderId) {
	for (p, price) in [(P1, 5), (P2, 6), (P3, 7), (P4, 8)] {
		bid(p, order_id, price);
	}
	for p in [P1, P2, P3, P4] {
		with_provider(p, |p| p.paused = true);
	}
}

#[test]
fn integrity_test_passes_with_the_mock_constants() {
	run_test(|| {
		<BidMatching as Hooks<u64>>::integrity_test();
	});
}

#[test]
#[should_panic(expected = "HookWeight cannot conclude a single order per block")]
fn integrity_test_refuses_a_hook_weight_too_small_for_one_order() {
	run_test(|| {
		let (base, slot, step) = hook_costs();
		HookWeight::set(
			&base
				.saturating_add(slot)
				.saturating_add(step)
				.saturating_sub(Weight::from_parts(1, 0)),
		);
		assert_eq!(BidMatching::expiries_admitted_per_block(), 0);
		<BidMatching as Hooks<u64>>::integrity_test();
	});
}
