//! `pallet_market_parameters`: governance sets the market parameters of
//! `Parameters` through it, each checked against its range, and chooses
//! the foreign assets orders may be paid in.

use super::{
	council::RootOrCouncilMajority, foreign_assets::ForeignAssetsInstance,
	parameters::MarketBounds, treasury::TreasuryAccount,
};
use crate::*;
use frame_support::traits::{AccountTouch, ConstU32};
use pallet_market_parameters::{AssetAdmission, AssetRefusal};
use staging_xcm::v5::Location;

impl pallet_market_parameters::Config for Runtime {
	type AdminOrigin = RootOrCouncilMajority;
	type Bounds = MarketBounds;
	type Asset = Location;
	type Admission = ForeignAssetAdmission;
	type MaxAcceptedAssets = ConstU32<8>;
	type WeightInfo = crate::weights::pallet_market_parameters::WeightInfo<Runtime>;
}

/// A foreign asset the market may take: registered in `ForeignAssets`,
/// with a rate in `AssetRate`, and receivable by the treasury. A treasury
/// with no account of the asset gets one, its deposit
/// (`AssetAccountDeposit`, in STRA) held from the treasury's own funds: a
/// take rate below the asset's minimum balance could not reach it
/// otherwise, and nobody (not even the treasury) can close that account
/// again, since only its depositor or the asset's admin may.
pub struct ForeignAssetAdmission;
impl AssetAdmission<Location> for ForeignAssetAdmission {
	fn admit(asset: &Location) -> Result<(), AssetRefusal> {
		if !pallet_assets::Asset::<Runtime, ForeignAssetsInstance>::contains_key(asset) {
			return Err(AssetRefusal::Unregistered);
		}
		if !pallet_asset_rate::ConversionRateToNative::<Runtime>::contains_key(asset) {
			return Err(AssetRefusal::NoRate);
		}
		let treasury = TreasuryAccount::get();
		if !pallet_assets::Account::<Runtime, ForeignAssetsInstance>::contains_key(asset, &treasury)
		{
			<ForeignAssets as AccountTouch<Location, AccountId>>::touch(
				asset.clone(),
				&treasury,
				&treasury,
			)
			.map_err(|_| AssetRefusal::TreasuryCannotReceive)?;
		}
		Ok(())
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn admissible(seed: u32) -> Location {
		use frame_support::traits::Currency;
		let asset = super::foreign_assets::benchmark_location(seed);
		super::foreign_assets::register_for_benchmarks(&asset);
		// The treasury has the deposit that opens its account.
		let _ = Balances::deposit_creating(&TreasuryAccount::get(), 1_000 * UNIT);
		asset
	}
}
