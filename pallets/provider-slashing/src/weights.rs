//! Weights for `pallet_provider_slashing`.
//!
//! PLACEHOLDER, NOT GENERATED: hand-written until the benchmarking issue
//! generates this file with `scripts/benchmark.sh`. The numbers below are
//! rough guesses sized for the worst cases the benchmarks set up (full
//! chunk lists, full window slots, a slash that jails and closes a lease).

#![allow(unused_parens)]
#![allow(unused_imports)]

use core::marker::PhantomData;
use polkadot_sdk::frame_support::{
	traits::Get,
	weights::{constants::RocksDbWeight, Weight},
};

/// Weight functions needed for `pallet_provider_slashing`.
pub trait WeightInfo {
	/// `bond`.
	fn bond() -> Weight;
	/// `unbond`.
	fn unbond() -> Weight;
	/// `withdraw_unbonded`, with a full chunk list.
	fn withdraw_unbonded() -> Weight;
	/// `report_fault`.
	fn report_fault() -> Weight;
	/// `dispute`, with a full window slot.
	fn dispute() -> Weight;
	/// `resolve_report`, worst case: upheld, slash that jails, lease closed.
	fn resolve_report() -> Weight;
	/// `unjail`.
	fn unjail() -> Weight;
	/// `unjail_provider`.
	fn unjail_provider() -> Weight;
	/// The hook's fixed cost: reading and writing the cursor.
	fn on_initialize_base() -> Weight;
	/// The hook visiting one window slot.
	fn on_initialize_slot() -> Weight;
	/// The hook upholding one report (slash, jail, lease closed).
	fn on_initialize_report() -> Weight;
}

/// Placeholder weights for tests and the dev runtime until generated ones
/// exist.
impl WeightInfo for () {
	fn bond() -> Weight {
		// Bonds, Balances holds, Balances account.
		Weight::from_parts(40_000_000, 4_000)
			.saturating_add(RocksDbWeight::get().reads(3))
			.saturating_add(RocksDbWeight::get().writes(3))
	}
	fn unbond() -> Weight {
		// Bonds, the registry's provider record.
		Weight::from_parts(30_000_000, 4_000)
			.saturating_add(RocksDbWeight::get().reads(2))
			.saturating_add(RocksDbWeight::get().writes(1))
	}
	fn withdraw_unbonded() -> Weight {
		// Bonds, ReportsOfProvider, Balances holds, Balances account.
		Weight::from_parts(45_000_000, 4_500)
			.saturating_add(RocksDbWeight::get().reads(4))
			.saturating_add(RocksDbWeight::get().writes(3))
	}
	fn report_fault() -> Weight {
		// The lease, OpenReportOfLease, NextReportId, ReportWindows,
		// ReportsOfProvider, Balances holds and account, Reports.
		Weight::from_parts(60_000_000, 6_000)
			.saturating_add(RocksDbWeight::get().reads(7))
			.saturating_add(RocksDbWeight::get().writes(7))
	}
	fn dispute() -> Weight {
		// Reports, ReportWindows.
		Weight::from_parts(35_000_000, 5_000)
			.saturating_add(RocksDbWeight::get().reads(2))
			.saturating_add(RocksDbWeight::get().writes(2))
	}
	fn resolve_report() -> Weight {
		// Reports, ReportWindows, Bonds, holds and accounts of provider,
		// tenant and treasury, the registry, the lease, the indexes.
		Weight::from_parts(150_000_000, 12_000)
			.saturating_add(RocksDbWeight::get().reads(14))
			.saturating_add(RocksDbWeight::get().writes(14))
	}
	fn unjail() -> Weight {
		// Bonds, the registry's provider record.
		Weight::from_parts(30_000_000, 4_000)
			.saturating_add(RocksDbWeight::get().reads(2))
			.saturating_add(RocksDbWeight::get().writes(2))
	}
	fn unjail_provider() -> Weight {
		Weight::from_parts(28_000_000, 4_000)
			.saturating_add(RocksDbWeight::get().reads(2))
			.saturating_add(RocksDbWeight::get().writes(2))
	}
	fn on_initialize_base() -> Weight {
		// NextUnprocessedBlock read and write.
		Weight::from_parts(3_000_000, 1_500)
			.saturating_add(RocksDbWeight::get().reads(1))
			.saturating_add(RocksDbWeight::get().writes(1))
	}
	fn on_initialize_slot() -> Weight {
		// One ReportWindows slot taken.
		Weight::from_parts(4_000_000, 3_000)
			.saturating_add(RocksDbWeight::get().reads(1))
			.saturating_add(RocksDbWeight::get().writes(1))
	}
	fn on_initialize_report() -> Weight {
		// As `resolve_report`, less the origin check.
		Weight::from_parts(145_000_000, 12_000)
			.saturating_add(RocksDbWeight::get().reads(13))
			.saturating_add(RocksDbWeight::get().writes(13))
	}
}
