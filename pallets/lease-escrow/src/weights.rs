//! Weights for `pallet-lease-escrow`.
//!
//! PLACEHOLDER, NOT GENERATED: hand-written until the benchmarking issue
//! generates this file with `scripts/benchmark.sh`.
//!
//! The figures assume the worst case the benchmarks set up: a lease with
//! `MaxDepositors` depositors (two payments and one refund each) and full
//! run-dry slots.

#![allow(unused_parens)]
#![allow(unused_imports)]

use core::marker::PhantomData;
use polkadot_sdk::frame_support::{
	traits::Get,
	weights::{constants::RocksDbWeight, Weight},
};

/// Weight functions needed for `pallet-lease-escrow`.
pub trait WeightInfo {
	/// `deposit`: settle, hold, move the run-dry slot.
	fn deposit() -> Weight;
	/// `withdraw`: settle.
	fn withdraw() -> Weight;
	/// `settle`: settle, or close a lease that ran dry.
	fn settle() -> Weight;
	/// `close_lease`: settle, refund, release capacity, report an early close.
	fn close_lease() -> Weight;
	/// The hook visiting one run-dry slot (the cursor read and write included).
	fn on_initialize_slot() -> Weight;
	/// The hook closing one lease that ran dry.
	fn on_initialize_lease() -> Weight;
}

// Reads/writes per depositor: the hold list and the account (source), the
// destination account.
const DEPOSITORS: u64 = 16;

impl WeightInfo for () {
	fn deposit() -> Weight {
		// Lease, two run-dry slots, holds and accounts of the depositors paid,
		// provider, treasury.
		Weight::from_parts(120_000_000, 12_000)
			.saturating_add(RocksDbWeight::get().reads(5 + 2 * DEPOSITORS))
			.saturating_add(RocksDbWeight::get().writes(5 + 2 * DEPOSITORS))
	}
	fn withdraw() -> Weight {
		Weight::from_parts(100_000_000, 10_000)
			.saturating_add(RocksDbWeight::get().reads(3 + 2 * DEPOSITORS))
			.saturating_add(RocksDbWeight::get().writes(3 + 2 * DEPOSITORS))
	}
	fn settle() -> Weight {
		Self::close_lease()
	}
	fn close_lease() -> Weight {
		// Settle, refund every depositor, registry, stake, indices, counters,
		// run-dry slot.
		Weight::from_parts(180_000_000, 16_000)
			.saturating_add(RocksDbWeight::get().reads(12 + 3 * DEPOSITORS))
			.saturating_add(RocksDbWeight::get().writes(10 + 3 * DEPOSITORS))
	}
	fn on_initialize_slot() -> Weight {
		Weight::from_parts(8_000_000, 3_000)
			.saturating_add(RocksDbWeight::get().reads(2))
			.saturating_add(RocksDbWeight::get().writes(2))
	}
	fn on_initialize_lease() -> Weight {
		Self::close_lease()
	}
}
