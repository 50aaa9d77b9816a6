//! Weights of `pallet-resource-registry`.
//!
//! PLACEHOLDER, NOT GENERATED: hand-written until the benchmarking issue
//! generates this file with `scripts/benchmark.sh`. The numbers below are
//! rough guesses of the right order of magnitude, with the storage reads
//! and writes counted from the code; do not tune fees on them.

#![allow(unused_parens)]
#![allow(unused_imports)]

use polkadot_sdk::frame_support::{
	traits::Get,
	weights::{constants::RocksDbWeight, Weight},
};

/// Weight functions needed by `pallet-resource-registry`.
pub trait WeightInfo {
	/// `register_provider` with `a` attributes.
	fn register_provider(a: u32) -> Weight;
	/// `update_provider` with `a` attributes.
	fn update_provider(a: u32) -> Weight;
	/// `pause_provider`.
	fn pause_provider() -> Weight;
	/// `resume_provider`.
	fn resume_provider() -> Weight;
	/// `deregister_provider` dropping `a` audits.
	fn deregister_provider(a: u32) -> Weight;
	/// `add_auditor` into a nearly full set.
	fn add_auditor() -> Weight;
	/// `remove_auditor` from a full set.
	fn remove_auditor() -> Weight;
	/// `audit_provider` vouching for `a` attributes.
	fn audit_provider(a: u32) -> Weight;
	/// `revoke_audit`.
	fn revoke_audit() -> Weight;
}

// Storage: `ResourceRegistry::Providers` (max 2.6 kB with the suggested bounds),
// `Balances::Holds`, `ResourceRegistry::ProviderCount`.
impl WeightInfo for () {
	fn register_provider(a: u32) -> Weight {
		Weight::from_parts(60_000_000, 5_000)
			.saturating_add(Weight::from_parts(1_500_000, 0).saturating_mul(a.into()))
			.saturating_add(RocksDbWeight::get().reads(4))
			.saturating_add(RocksDbWeight::get().writes(4))
	}
	fn update_provider(a: u32) -> Weight {
		Weight::from_parts(65_000_000, 5_000)
			.saturating_add(Weight::from_parts(1_500_000, 0).saturating_mul(a.into()))
			.saturating_add(RocksDbWeight::get().reads(3))
			.saturating_add(RocksDbWeight::get().writes(3))
	}
	fn pause_provider() -> Weight {
		Weight::from_parts(20_000_000, 3_600)
			.saturating_add(RocksDbWeight::get().reads_writes(1, 1))
	}
	fn resume_provider() -> Weight {
		Weight::from_parts(20_000_000, 3_600)
			.saturating_add(RocksDbWeight::get().reads_writes(1, 1))
	}
	fn deregister_provider(a: u32) -> Weight {
		Weight::from_parts(70_000_000, 5_000)
			.saturating_add(Weight::from_parts(45_000_000, 4_000).saturating_mul(a.into()))
			.saturating_add(RocksDbWeight::get().reads(5))
			.saturating_add(RocksDbWeight::get().reads((4_u64).saturating_mul(a.into())))
			.saturating_add(RocksDbWeight::get().writes(5))
			.saturating_add(RocksDbWeight::get().writes((4_u64).saturating_mul(a.into())))
	}
	fn add_auditor() -> Weight {
		Weight::from_parts(25_000_000, 1_600)
			.saturating_add(RocksDbWeight::get().reads_writes(1, 1))
	}
	fn remove_auditor() -> Weight {
		Weight::from_parts(25_000_000, 1_600)
			.saturating_add(RocksDbWeight::get().reads_writes(1, 1))
	}
	fn audit_provider(a: u32) -> Weight {
		Weight::from_parts(70_000_000, 8_000)
			.saturating_add(Weight::from_parts(2_500_000, 0).saturating_mul(a.into()))
			.saturating_add(RocksDbWeight::get().reads(7))
			.saturating_add(RocksDbWeight::get().writes(5))
	}
	fn revoke_audit() -> Weight {
		Weight::from_parts(55_000_000, 6_000)
			.saturating_add(RocksDbWeight::get().reads(5))
			.saturating_add(RocksDbWeight::get().writes(5))
	}
}
