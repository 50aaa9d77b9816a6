//! Weights for `pallet-bid-matching`.
//!
//! PLACEHOLDER, NOT GENERATED: hand-written until the benchmarking issue
//! generates this file with `scripts/benchmark.sh`.
//!
//! The constants below are rough guesses of the shape of each cost (a fixed
//! part, a part per item, and the storage reads and writes the code does in
//! the worst case), not measurements.

#![allow(unused_parens, unused_imports)]

use core::marker::PhantomData;
use polkadot_sdk::frame_support::{
	traits::Get,
	weights::{constants::RocksDbWeight, Weight},
};

/// Weight functions needed for `pallet-bid-matching`.
pub trait WeightInfo {
	/// `create_order` with `a` required attributes.
	fn create_order(a: u32) -> Weight;
	/// `cancel_order` of an order with `b` open bids.
	fn cancel_order(b: u32) -> Weight;
	/// `place_bid`, worst case (most attributes, bidders list nearly full).
	fn place_bid() -> Weight;
	/// `withdraw_bid`, worst case (full bidders list).
	fn withdraw_bid() -> Weight;
	/// `accept_bid` on an order with `b` open bids.
	fn accept_bid(b: u32) -> Weight;
	/// The hook's fixed part: reading the cursor.
	fn on_initialize_base() -> Weight;
	/// The hook's cost per expiry queue slot visited.
	fn on_initialize_slot() -> Weight;
	/// The hook's cost per order settled that had `b` open bids, all but
	/// one of which fail to match (the worst case).
	fn on_initialize_order(b: u32) -> Weight;
}

/// Placeholder weights for tests and until benchmarks are run.
impl WeightInfo for () {
	fn create_order(a: u32) -> Weight {
		// Reads: NextOrderId, OpenOrderCount, Expiries, NextUnprocessedBlock, 2 holds (Balances).
		// Writes: NextOrderId, OpenOrderCount, OrdersByTenant, Orders, Expiries,
		// NextUnprocessedBlock, 2 holds.
		Weight::from_parts(60_000_000, 5_000)
			.saturating_add(Weight::from_parts(1_000_000, 200).saturating_mul(a.into()))
			.saturating_add(RocksDbWeight::get().reads(6))
			.saturating_add(RocksDbWeight::get().writes(8))
	}
	fn cancel_order(b: u32) -> Weight {
		// Reads: Orders, Expiries, OrderBidders, OpenOrderCount, 2 holds; per bid: Bids, hold.
		// Writes: the same, plus OrdersByTenant.
		Weight::from_parts(60_000_000, 5_000)
			.saturating_add(Weight::from_parts(20_000_000, 3_000).saturating_mul(b.into()))
			.saturating_add(RocksDbWeight::get().reads(6))
			.saturating_add(RocksDbWeight::get().reads(2).saturating_mul(b.into()))
			.saturating_add(RocksDbWeight::get().writes(7))
			.saturating_add(RocksDbWeight::get().writes(2).saturating_mul(b.into()))
	}
	fn place_bid() -> Weight {
		// Reads: Orders, Bids, registry and stake (~4), OrderBidders, hold.
		// Writes: OrderBidders, hold, Bids, Orders.
		Weight::from_parts(80_000_000, 12_000)
			.saturating_add(RocksDbWeight::get().reads(8))
			.saturating_add(RocksDbWeight::get().writes(4))
	}
	fn withdraw_bid() -> Weight {
		// Reads: Orders, Bids, OrderBidders, hold. Writes: the same.
		Weight::from_parts(50_000_000, 6_000)
			.saturating_add(RocksDbWeight::get().reads(4))
			.saturating_add(RocksDbWeight::get().writes(4))
	}
	fn accept_bid(b: u32) -> Weight {
		// As cancel_order, plus the registry's reservation and the lease's opening (~6 reads,
		// ~6 writes).
		Weight::from_parts(120_000_000, 10_000)
			.saturating_add(Weight::from_parts(20_000_000, 3_000).saturating_mul(b.into()))
			.saturating_add(RocksDbWeight::get().reads(13))
			.saturating_add(RocksDbWeight::get().reads(2).saturating_mul(b.into()))
			.saturating_add(RocksDbWeight::get().writes(14))
			.saturating_add(RocksDbWeight::get().writes(2).saturating_mul(b.into()))
	}
	fn on_initialize_base() -> Weight {
		// Reads: NextUnprocessedBlock.
		Weight::from_parts(3_000_000, 1_500).saturating_add(RocksDbWeight::get().reads(1))
	}
	fn on_initialize_slot() -> Weight {
		// Reads: Expiries. Writes: Expiries, NextUnprocessedBlock.
		Weight::from_parts(8_000_000, 2_500)
			.saturating_add(RocksDbWeight::get().reads(1))
			.saturating_add(RocksDbWeight::get().writes(2))
	}
	fn on_initialize_order(b: u32) -> Weight {
		// As accept_bid, plus per bid a failed attempt (registry and stake reads).
		Weight::from_parts(120_000_000, 10_000)
			.saturating_add(Weight::from_parts(40_000_000, 4_000).saturating_mul(b.into()))
			.saturating_add(RocksDbWeight::get().reads(13))
			.saturating_add(RocksDbWeight::get().reads(5).saturating_mul(b.into()))
			.saturating_add(RocksDbWeight::get().writes(14))
			.saturating_add(RocksDbWeight::get().writes(2).saturating_mul(b.into()))
	}
}
