//! Tests by topic. Each test runs in [`run_test`](crate::mock::run_test),
//! which ends by checking the pallet's invariants.

mod assets;
mod claims;
mod close;
mod deposit;
mod invariants;
mod metering;
mod open;
mod property;
mod readiness;
mod records;
mod run_dry;
mod running_low;
mod settlement;
mod views;

use crate::{
	mock::*, weights::WeightInfo, DepositRecordOf, Deposits, Error, Event, LeaseState, Leases,
	RunDry,
};
use polkadot_sdk::{
	frame_support::{dispatch::DispatchResultWithPostInfo, weights::Weight},
	frame_system::pallet_prelude::BlockNumberFor,
};

/// The run-dry slot of `lease`, checking it is queued there.
pub(crate) fn queued_at(lease: u64) -> BlockNumberFor<Test> {
	let queued = Leases::<Test>::get(lease).expect("lease is active").queued_at;
	assert!(RunDry::<Test>::get(queued).contains(&lease));
	queued
}

pub(crate) fn last_event() -> Event<Test> {
	events().pop().expect("an event")
}

/// Deposit `index` of `lease`, if it is still recorded.
pub(crate) fn record(lease: u64, index: u32) -> Option<DepositRecordOf<Test>> {
	Deposits::<Test>::get(lease, index)
}

/// `caller` claims deposit `index` of `lease`.
pub(crate) fn claim(caller: AccountId, lease: u64, index: u32) -> DispatchResultWithPostInfo {
	LeaseEscrow::claim_refund(RuntimeOrigin::signed(caller), lease, index)
}

/// The hook's fixed cost, one slot visit, and one lease closed.
pub(crate) fn hook_costs() -> (Weight, Weight, Weight) {
	(
		<() as WeightInfo>::on_initialize_base(),
		<() as WeightInfo>::on_initialize_slot(),
		<() as WeightInfo>::on_initialize_lease()
			.max(<() as WeightInfo>::on_initialize_not_ready()),
	)
}

/// Limits the hook to its fixed cost, one slot visit and `n` leases a block.
pub(crate) fn allow_closes(n: u64) {
	let (base, slot, lease) = hook_costs();
	HookWeight::set(&base.saturating_add(slot).saturating_add(lease.saturating_mul(n)));
}

#[test]
fn integrity_test_passes() {
	run_test(|| {
		use polkadot_sdk::frame_support::traits::Hooks;
		<LeaseEscrow as Hooks<_>>::integrity_test();
	});
}

#[test]
#[should_panic(expected = "HookWeight cannot close a single lease per block")]
fn integrity_test_refuses_a_hook_weight_too_small_for_one_close() {
	run_test(|| {
		use polkadot_sdk::frame_support::traits::Hooks;
		allow_closes(1);
		HookWeight::set(&HookWeight::get().saturating_sub(Weight::from_parts(1, 0)));
		assert_eq!(LeaseEscrow::runs_dry_admitted_per_block(), 0);
		<LeaseEscrow as Hooks<_>>::integrity_test();
	});
}
