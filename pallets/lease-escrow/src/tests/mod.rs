//! Tests by topic. Each test runs in [`run_test`](crate::mock::run_test),
//! which ends by checking the pallet's invariants.

mod close;
mod deposit;
mod open;
mod property;
mod run_dry;
mod settlement;
mod views;

use crate::{mock::*, Error, Event, Leases, RunDry};
use polkadot_sdk::frame_system::pallet_prelude::BlockNumberFor;

/// The run-dry slot of `lease` and whether it is queued there.
pub(crate) fn queued_at(lease: u64) -> BlockNumberFor<Test> {
	let queued = Leases::<Test>::get(lease).expect("lease is active").queued_at;
	assert!(RunDry::<Test>::get(queued).contains(&lease));
	queued
}

pub(crate) fn last_event() -> Event<Test> {
	events().pop().expect("an event")
}

#[test]
fn integrity_test_passes() {
	run_test(|| {
		use polkadot_sdk::frame_support::traits::Hooks;
		<LeaseEscrow as Hooks<_>>::integrity_test();
	});
}
