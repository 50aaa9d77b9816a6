//! Unit tests against the mock runtime, by topic. Every test runs inside
//! [`crate::mock::run_test`], which checks the pallet's invariants at the end.

mod bids;
mod matching;
mod orders;
mod queries;
mod queue;
mod random;

use crate::mock::*;
use polkadot_sdk::frame_support::traits::Hooks;

#[test]
fn integrity_test_passes_with_the_mock_constants() {
	run_test(|| {
		<BidMatching as Hooks<u64>>::integrity_test();
	});
}
