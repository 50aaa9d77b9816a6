//! `ForeignAssets` (an instance of `pallet_assets` keyed by XCM `Location`):
//! the assets other chains keep the reserve of, held on Stratus as
//! derivatives. Asset Hub's USDT and USDC and DOT are registered at genesis
//! as sufficient assets (an account holding only USDT can exist); only root
//! registers others (`force_create`), and only Asset Hub's assets can be
//! received. Nobody mints them but the XCM executor, on a reserve transfer
//! from Asset Hub (`xcm_config::AssetHubIsReserve`).

use crate::*;
use frame_support::{
	parameter_types,
	traits::{AsEnsureOriginWithArg, ConstU128, ConstU32, NeverEnsureOrigin},
	PalletId,
};
use frame_system::EnsureRoot;
use sp_runtime::traits::AccountIdConversion;
use staging_xcm::v5::{Junction::*, Location};

/// The instance of `pallet_assets` that holds foreign assets.
pub type ForeignAssetsInstance = pallet_assets::Instance1;

/// Holds on foreign assets: `AssetsHolder` keeps what each account has on
/// hold of each asset, by reason, as `Balances` does for STRA.
impl pallet_assets_holder::Config<ForeignAssetsInstance> for Runtime {
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeEvent = RuntimeEvent;
}

/// What the market is paid in: STRA or a foreign asset.
pub type MarketAsset = frame_support::traits::fungible::NativeOrWithId<Location>;

/// STRA and the foreign assets as one `fungibles` with holds: STRA through
/// `Balances`, the foreign assets through `AssetsHolder`.
pub type MarketFunds = frame_support::traits::fungible::UnionOf<
	Balances,
	AssetsHolder,
	frame_support::traits::fungible::NativeFromLeft,
	MarketAsset,
	AccountId,
>;

/// The assets an order may name: STRA always, and the foreign assets
/// governance accepted (`marketParameters.acceptAsset`).
pub struct AcceptedMarketAssets;
impl frame_support::traits::Contains<MarketAsset> for AcceptedMarketAssets {
	fn contains(asset: &MarketAsset) -> bool {
		match asset {
			MarketAsset::Native => true,
			MarketAsset::WithId(location) => {
				<pallet_market_parameters::Accepted<Runtime> as frame_support::traits::Contains<
					Location,
				>>::contains(location)
			},
		}
	}
}

/// What `amount` plancks of STRA are worth in a market asset: themselves in
/// STRA, and at governance's `AssetRate` in a foreign asset (none without
/// a rate).
pub struct MarketRates;
impl frame_support::traits::tokens::ConversionToAssetBalance<Balance, MarketAsset, Balance>
	for MarketRates
{
	type Error = pallet_asset_rate::Error<Runtime>;

	/// What the market asks in `asset` for `amount` plancks (a deposit, a
	/// minimum top-up): `amount` over the rate, exactly, rounded up, so that
	/// it is never worth less than its figure in STRA. (`AssetRate`'s own
	/// conversion truncates the rate's inverse first and then the product,
	/// which can come out a unit short: 3 STRA at 3 plancks a unit gives
	/// 999,999,999,999 units there, 10¹² here.)
	fn to_asset_balance(amount: Balance, asset: MarketAsset) -> Result<Balance, Self::Error> {
		use sp_runtime::{traits::Zero, FixedPointNumber, FixedU128, Rounding};
		match asset {
			MarketAsset::Native => Ok(amount),
			MarketAsset::WithId(location) => {
				let rate = pallet_asset_rate::ConversionRateToNative::<Runtime>::get(location)
					.ok_or(pallet_asset_rate::Error::<Runtime>::UnknownAssetKind)?;
				if rate.is_zero() {
					return Err(pallet_asset_rate::Error::<Runtime>::Overflow);
				}
				sp_runtime::helpers_128bit::multiply_by_rational_with_rounding(
					amount,
					FixedU128::DIV,
					rate.into_inner(),
					Rounding::Up,
				)
				.ok_or(pallet_asset_rate::Error::<Runtime>::Overflow)
			},
		}
	}
}

impl frame_support::traits::tokens::ConversionFromAssetBalance<Balance, MarketAsset, Balance>
	for MarketRates
{
	type Error = pallet_asset_rate::Error<Runtime>;

	/// What `amount` of `asset` is worth in STRA, rounded down.
	fn from_asset_balance(amount: Balance, asset: MarketAsset) -> Result<Balance, Self::Error> {
		match asset {
			MarketAsset::Native => Ok(amount),
			MarketAsset::WithId(location) => AssetRate::from_asset_balance(amount, location),
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn ensure_successful(asset: MarketAsset) {
		if let MarketAsset::WithId(location) = asset {
			AssetRate::ensure_successful(location);
		}
	}
}

/// Asset Hub's para id on Polkadot, Kusama and their test networks.
pub const ASSET_HUB: u32 = 1000;
/// Asset Hub's `Assets` pallet.
pub const ASSET_HUB_ASSETS: u8 = 50;
/// Asset Hub's id of USDT.
pub const USDT_ID: u128 = 1984;
/// Asset Hub's id of USDC.
pub const USDC_ID: u128 = 1337;

/// An asset of Asset Hub's `Assets` pallet, as Stratus sees it.
fn asset_hub_asset(id: u128) -> Location {
	Location::new(1, [Parachain(ASSET_HUB), PalletInstance(ASSET_HUB_ASSETS), GeneralIndex(id)])
}

/// USDT, whose reserve is Asset Hub.
pub fn usdt() -> Location {
	asset_hub_asset(USDT_ID)
}

/// USDC, whose reserve is Asset Hub.
pub fn usdc() -> Location {
	asset_hub_asset(USDC_ID)
}

/// DOT (the relay chain's token), whose reserve is Asset Hub since the Asset Hub migration.
pub fn dot() -> Location {
	Location::parent()
}

/// Asset Hub, the reserve of every asset Stratus accepts from another chain.
pub fn asset_hub() -> Location {
	Location::new(1, [Parachain(ASSET_HUB)])
}

parameter_types! {
	/// Owns the genesis foreign assets: an account without a key, so that
	/// nobody can mint them (pallet_assets lets an asset's issuer mint).
	pub ForeignAssetsOwner: AccountId = PalletId(*b"st/frgn0").into_account_truncating();
}

/// Refuses to create a foreign asset owned by anyone but
/// [`ForeignAssetsOwner`]: an asset's owner is its issuer and admin, who
/// may mint it, and an asset held on Stratus must only ever be minted by a
/// reserve transfer from its reserve. So root's `force_create` with any
/// other owner fails (`CallbackFailed`).
pub struct OwnedByNobody;
impl pallet_assets::AssetsCallback<Location, AccountId> for OwnedByNobody {
	fn created(_asset: &Location, owner: &AccountId) -> Result<(), ()> {
		if *owner == ForeignAssetsOwner::get() {
			Ok(())
		} else {
			Err(())
		}
	}
}

impl pallet_assets::Config<ForeignAssetsInstance> for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Balance = Balance;
	type RemoveItemsLimit = ConstU32<1000>;
	// A fixed XCM version: the id is a storage key and a call argument, so
	// it must not change its encoding when `latest` moves on.
	type AssetId = Location;
	type AssetIdParameter = Location;
	type ReserveData = ();
	type Currency = Balances;
	// Only root registers an asset (`force_create`); `create` is off.
	type CreateOrigin = AsEnsureOriginWithArg<NeverEnsureOrigin<AccountId>>;
	type ForceOrigin = EnsureRoot<AccountId>;
	type AssetDeposit = ConstU128<{ 10 * UNIT }>;
	type AssetAccountDeposit = ConstU128<{ 10 * EXISTENTIAL_DEPOSIT }>;
	type MetadataDepositBase = ConstU128<UNIT>;
	type MetadataDepositPerByte = ConstU128<MILLI_UNIT>;
	type ApprovalDeposit = ConstU128<EXISTENTIAL_DEPOSIT>;
	type StringLimit = ConstU32<50>;
	type Freezer = ();
	type Holder = AssetsHolder;
	type Extra = ();
	type CallbackHandle = OwnedByNobody;
	type AssetIdAllocator = ();
	type WeightInfo = pallet_assets::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ForeignAssetsBenchmarkHelper;
}

/// A location for a benchmark's asset: sibling `seed`.
#[cfg(feature = "runtime-benchmarks")]
pub fn benchmark_location(seed: u32) -> Location {
	Location::new(1, [Parachain(seed)])
}

/// Registers `asset` as a sufficient foreign asset (minimum balance one
/// unit) with a rate of one planck per unit, for the benchmarks that need
/// an asset the runtime accepts.
#[cfg(feature = "runtime-benchmarks")]
pub fn register_for_benchmarks(asset: &Location) {
	let owner = ForeignAssetsOwner::get();
	let _ =
		ForeignAssets::force_create(RuntimeOrigin::root(), asset.clone(), owner.into(), true, 1);
	let _ = AssetRate::create(
		RuntimeOrigin::root(),
		alloc::boxed::Box::new(asset.clone()),
		sp_runtime::FixedU128::from_u32(1),
	);
}

/// Asset ids for `pallet_assets`' benchmarks: sibling locations.
#[cfg(feature = "runtime-benchmarks")]
pub struct ForeignAssetsBenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl pallet_assets::BenchmarkHelper<Location, ()> for ForeignAssetsBenchmarkHelper {
	fn create_asset_id_parameter(id: u32) -> Location {
		benchmark_location(id)
	}
	fn create_reserve_id_parameter(_id: u32) {}
}
