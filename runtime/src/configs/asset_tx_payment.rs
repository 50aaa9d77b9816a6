//! `pallet_asset_tx_payment` (`AssetTxPayment`): a transaction may pay its
//! fee in a foreign asset instead of STRA. The signer names the asset in the
//! `ChargeAssetTxPayment` extension (`asset_id: None` pays in STRA as
//! before); the fee is what it would be in STRA, converted at the asset's
//! `AssetRate` and at least one unit of the asset. An asset without a rate,
//! or an account that cannot pay, makes the transaction invalid: the pool
//! refuses it and nothing is charged. The fee goes to the treasury, as the
//! STRA fee does.

use super::treasury::TreasuryAccount;
use crate::*;
use frame_support::traits::{fungibles::Credit, tokens::imbalance::ResolveAssetTo, OnUnbalanced};
use pallet_asset_tx_payment::{FungiblesAdapter, HandleCredit};
#[cfg(feature = "runtime-benchmarks")]
use staging_xcm::v5::Location;

/// Pays a fee taken in a foreign asset into the treasury's account of that
/// asset, as the XCM trader does with what it is paid. A fee below the
/// asset's minimum balance cannot open that account: until the treasury
/// holds some of the asset (the first XCM fee paid in it opens it), such a
/// fee is burnt, lowering the asset's issuance on Stratus.
pub struct ForeignFeesToTreasury;
impl HandleCredit<AccountId, ForeignAssets> for ForeignFeesToTreasury {
	fn handle_credit(credit: Credit<AccountId, ForeignAssets>) {
		ResolveAssetTo::<TreasuryAccount, ForeignAssets>::on_unbalanced(credit);
	}
}

impl pallet_asset_tx_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Fungibles = ForeignAssets;
	type OnChargeAssetTransaction = FungiblesAdapter<AssetRate, ForeignFeesToTreasury>;
	type WeightInfo = pallet_asset_tx_payment::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = AssetTxPaymentBenchmarkHelper;
}

/// Sets up a foreign asset with a rate and a funded payer for the
/// extension's benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub struct AssetTxPaymentBenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl pallet_asset_tx_payment::BenchmarkHelperTrait<AccountId, Location, Location>
	for AssetTxPaymentBenchmarkHelper
{
	fn create_asset_id_parameter(id: u32) -> (Location, Location) {
		let asset = super::foreign_assets::benchmark_location(id);
		(asset.clone(), asset)
	}

	fn setup_balances_and_pool(asset: Location, payer: AccountId) {
		use frame_support::traits::fungibles::Mutate;
		super::foreign_assets::register_for_benchmarks(&asset);
		let _ = ForeignAssets::mint_into(asset, &payer, 1_000_000 * UNIT);
	}
}
