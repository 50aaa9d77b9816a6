//! `pallet_asset_rate` (`AssetRate`): what one unit of a foreign asset is
//! worth in plancks of STRA, set by root or a Council majority. XCM
//! execution bought in a foreign asset is charged at it; an asset without a
//! rate buys nothing.

use super::council::RootOrCouncilMajority;
use crate::*;
#[cfg(feature = "runtime-benchmarks")]
use staging_xcm::v5::Junction::Parachain;
use staging_xcm::v5::Location;

impl pallet_asset_rate::Config for Runtime {
	type WeightInfo = pallet_asset_rate::weights::SubstrateWeight<Runtime>;
	type RuntimeEvent = RuntimeEvent;
	type CreateOrigin = RootOrCouncilMajority;
	type RemoveOrigin = RootOrCouncilMajority;
	type UpdateOrigin = RootOrCouncilMajority;
	type Currency = Balances;
	type AssetKind = Location;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = AssetRateBenchmarkHelper;
}

/// Asset kinds for `pallet_asset_rate`'s benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub struct AssetRateBenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl pallet_asset_rate::AssetKindFactory<Location> for AssetRateBenchmarkHelper {
	fn create_asset_kind(seed: u32) -> Location {
		Location::new(1, [Parachain(seed)])
	}
}
