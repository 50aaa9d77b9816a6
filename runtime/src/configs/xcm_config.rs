//! XCM: the executor's configuration and `pallet_xcm` (`PolkadotXcm`).
//!
//! STRA is the native asset (`Here`). Stratus accepts paid execution from
//! anyone and free execution from the relay chain and its executive body;
//! teleports are off. The only reserve it trusts is Asset Hub, and only for
//! the assets registered in `ForeignAssets` (USDT, USDC and DOT at genesis;
//! `AssetHubIsReserve`): those arrive as derivatives, and execution can be
//! bought in them at the rate governance sets in `AssetRate`.

use super::{
	foreign_assets::{asset_hub, dot, ForeignAssetsInstance, ASSET_HUB, ASSET_HUB_ASSETS},
	transaction_payment::WeightToFee,
	treasury::TreasuryAccount,
};
use crate::*;
use frame_support::{
	parameter_types,
	traits::{
		tokens::imbalance::ResolveAssetTo, ConstU32, Contains, ContainsPair, Everything, Nothing,
	},
	weights::Weight,
};
use frame_system::EnsureRoot;
use pallet_xcm::XcmPassthrough;
use polkadot_parachain_primitives::primitives::Sibling;
use polkadot_runtime_common::impls::ToAuthor;
use staging_xcm::latest::{prelude::*, WESTEND_GENESIS_HASH};
use staging_xcm_builder::{
	AccountId32Aliases, AllowExplicitUnpaidExecutionFrom, AllowTopLevelPaidExecutionFrom,
	DenyReserveTransferToRelayChain, DenyThenTry, EnsureXcmOrigin, FixedWeightBounds,
	FrameTransactionalProcessor, FungibleAdapter, FungiblesAdapter, IsConcrete,
	MatchedConvertedConcreteId, NoChecking, ParentIsPreset, RelayChainAsNative,
	SiblingParachainAsNative, SiblingParachainConvertsVia, SignedAccountId32AsNative,
	SignedToAccountId32, SovereignSignedViaLocation, TakeWeightCredit, TrailingSetTopicAsId,
	UsingComponents, WithComputedOrigin, WithLatestLocationConverter, WithUniqueTopic,
};
use staging_xcm_executor::XcmExecutor;

parameter_types! {
	pub const RelayLocation: Location = Location::parent();
	pub const HereLocation: Location = Location::here();
	/// The consensus system Stratus lives in: Westend's relay chain (and
	/// its local test networks, whose runtime names itself the same way).
	pub const RelayNetwork: Option<NetworkId> = Some(NetworkId::ByGenesis(WESTEND_GENESIS_HASH));
	pub RelayChainOrigin: RuntimeOrigin = cumulus_pallet_xcm::Origin::Relay.into();
	pub UniversalLocation: InteriorLocation = [
		GlobalConsensus(NetworkId::ByGenesis(WESTEND_GENESIS_HASH)),
		Parachain(ParachainInfo::parachain_id().into()),
	].into();
	/// The account teleports would be checked against; none are (`NoChecking`).
	pub CheckingAccount: AccountId = PolkadotXcm::check_account();
	/// A conservative cost of one XCM instruction.
	pub UnitWeightCost: Weight = Weight::from_parts(1_000_000_000, 64 * 1024);
	pub const MaxInstructions: u32 = 100;
	pub const MaxAssetsIntoHolding: u32 = 64;
}

/// How a location becomes an account on Stratus.
pub type LocationToAccountId = (
	// The relay chain becomes the parent's sovereign account.
	ParentIsPreset<AccountId>,
	// Siblings become their sovereign accounts.
	SiblingParachainConvertsVia<Sibling, AccountId>,
	// Local 32-byte accounts map to themselves.
	AccountId32Aliases<RelayNetwork, AccountId>,
);

/// Moves STRA in and out of the holding register.
pub type LocalAssetTransactor =
	FungibleAdapter<Balances, IsConcrete<HereLocation>, LocationToAccountId, AccountId, ()>;

/// The assets Stratus takes from another chain: those of Asset Hub's
/// `Assets` pallet and DOT, once registered in `ForeignAssets` (USDT, USDC
/// and DOT at genesis; root registers others with `force_create`).
pub struct AcceptedForeignAssets;
impl Contains<Location> for AcceptedForeignAssets {
	fn contains(location: &Location) -> bool {
		let kept_by_asset_hub = *location == dot()
			|| matches!(
				location.unpack(),
				(1, [Parachain(ASSET_HUB), PalletInstance(ASSET_HUB_ASSETS), GeneralIndex(_)])
			);
		kept_by_asset_hub
			&& pallet_assets::Asset::<Runtime, ForeignAssetsInstance>::contains_key(location)
	}
}

/// Asset Hub is the reserve of the accepted foreign assets, and no other
/// chain of any: a sibling that claims to be USDT's reserve, the relay
/// chain sending DOT, or Asset Hub sending an asset not registered here is
/// refused (`UntrustedReserveLocation`).
pub struct AssetHubIsReserve;
impl ContainsPair<Asset, Location> for AssetHubIsReserve {
	fn contains(asset: &Asset, origin: &Location) -> bool {
		*origin == asset_hub()
			&& matches!(asset.fun, Fungible(_))
			&& AcceptedForeignAssets::contains(&asset.id.0)
	}
}

/// An accepted foreign asset's `ForeignAssets` id and amount.
pub type ForeignAssetsMatcher = MatchedConvertedConcreteId<
	Location,
	Balance,
	AcceptedForeignAssets,
	WithLatestLocationConverter<Location>,
	sp_runtime::traits::TryConvertInto,
>;

/// Moves the accepted foreign assets in and out of the holding register:
/// minted on a reserve transfer in, burned on one out.
pub type ForeignAssetsTransactor = FungiblesAdapter<
	ForeignAssets,
	ForeignAssetsMatcher,
	LocationToAccountId,
	AccountId,
	NoChecking,
	CheckingAccount,
>;

/// STRA first, then the foreign assets.
pub type AssetTransactors = (LocalAssetTransactor, ForeignAssetsTransactor);

/// Buys execution in an accepted foreign asset: the fee in STRA converted
/// at the asset's `AssetRate` (no rate, no purchase), at least the asset's
/// minimum balance; what is paid goes to the treasury.
pub type ForeignAssetsTrader = cumulus_primitives_utility::TakeFirstAssetTrader<
	AccountId,
	parachains_common::xcm_config::AssetFeeAsExistentialDepositMultiplier<
		Runtime,
		WeightToFee,
		AssetRate,
		ForeignAssetsInstance,
	>,
	ForeignAssetsMatcher,
	ForeignAssets,
	ResolveAssetTo<TreasuryAccount, ForeignAssets>,
>;

/// How an XCM origin becomes a dispatch origin for `Transact`.
pub type XcmOriginToTransactDispatchOrigin = (
	SovereignSignedViaLocation<LocationToAccountId, RuntimeOrigin>,
	RelayChainAsNative<RelayChainOrigin, RuntimeOrigin>,
	SiblingParachainAsNative<cumulus_pallet_xcm::Origin, RuntimeOrigin>,
	SignedAccountId32AsNative<RelayNetwork, RuntimeOrigin>,
	XcmPassthrough<RuntimeOrigin>,
);

/// The relay chain and its executive body.
pub struct ParentOrParentsExecutivePlurality;
impl Contains<Location> for ParentOrParentsExecutivePlurality {
	fn contains(location: &Location) -> bool {
		matches!(location.unpack(), (1, []) | (1, [Plurality { id: BodyId::Executive, .. }]))
	}
}

/// Which messages may execute at all.
pub type Barrier = TrailingSetTopicAsId<
	DenyThenTry<
		DenyReserveTransferToRelayChain,
		(
			TakeWeightCredit,
			WithComputedOrigin<
				(
					AllowTopLevelPaidExecutionFrom<Everything>,
					AllowExplicitUnpaidExecutionFrom<ParentOrParentsExecutivePlurality>,
				),
				UniversalLocation,
				ConstU32<8>,
			>,
		),
	>,
>;

/// What execution can be bought with: STRA, and each accepted foreign
/// asset once governance has set its rate (few: governance sets each one).
pub fn acceptable_payment_assets() -> alloc::vec::Vec<AssetId> {
	let with_rate = pallet_asset_rate::ConversionRateToNative::<Runtime>::iter_keys()
		.filter(AcceptedForeignAssets::contains);
	core::iter::once(HereLocation::get()).chain(with_rate).map(AssetId).collect()
}

/// Weighs messages by instruction count.
pub type XcmWeigher = FixedWeightBounds<UnitWeightCost, RuntimeCall, MaxInstructions>;

/// The XCM executor's configuration.
pub struct XcmConfig;
impl staging_xcm_executor::Config for XcmConfig {
	type RuntimeCall = RuntimeCall;
	type XcmSender = XcmRouter;
	type XcmEventEmitter = PolkadotXcm;
	type AssetTransactor = AssetTransactors;
	type OriginConverter = XcmOriginToTransactDispatchOrigin;
	type IsReserve = AssetHubIsReserve;
	type IsTeleporter = ();
	type UniversalLocation = UniversalLocation;
	type Barrier = Barrier;
	type Weigher = XcmWeigher;
	type Trader = (
		UsingComponents<WeightToFee, HereLocation, AccountId, Balances, ToAuthor<Runtime>>,
		ForeignAssetsTrader,
	);
	type ResponseHandler = PolkadotXcm;
	type AssetTrap = PolkadotXcm;
	type SubscriptionService = PolkadotXcm;
	type PalletInstancesInfo = AllPalletsWithSystem;
	type MaxAssetsIntoHolding = MaxAssetsIntoHolding;
	type AssetLocker = ();
	type AssetExchanger = ();
	type FeeManager = ();
	type MessageExporter = ();
	type UniversalAliases = Nothing;
	type CallDispatcher = RuntimeCall;
	type SafeCallFilter = Everything;
	type Aliasers = Nothing;
	type TransactionalProcessor = FrameTransactionalProcessor;
	type HrmpNewChannelOpenRequestHandler = ();
	type HrmpChannelAcceptedHandler = ();
	type HrmpChannelClosingHandler = ();
	type XcmRecorder = PolkadotXcm;
}

/// A local signed origin as an XCM location.
pub type LocalOriginToLocation = SignedToAccountId32<RuntimeOrigin, AccountId, RelayNetwork>;

/// UMP to the relay chain, XCMP to siblings.
pub type XcmRouter =
	WithUniqueTopic<(cumulus_primitives_utility::ParentAsUmp<ParachainSystem, (), ()>, XcmpQueue)>;

impl pallet_xcm::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type SendXcmOrigin = EnsureXcmOrigin<RuntimeOrigin, LocalOriginToLocation>;
	type XcmRouter = XcmRouter;
	type ExecuteXcmOrigin = EnsureXcmOrigin<RuntimeOrigin, LocalOriginToLocation>;
	// No arbitrary `execute` from users.
	type XcmExecuteFilter = Nothing;
	type XcmExecutor = XcmExecutor<XcmConfig>;
	type XcmTeleportFilter = Nothing;
	type XcmReserveTransferFilter = Everything;
	type Weigher = XcmWeigher;
	type UniversalLocation = UniversalLocation;
	type RuntimeOrigin = RuntimeOrigin;
	type RuntimeCall = RuntimeCall;
	const VERSION_DISCOVERY_QUEUE_SIZE: u32 = 100;
	type AdvertisedXcmVersion = pallet_xcm::CurrentXcmVersion;
	type Currency = Balances;
	type CurrencyMatcher = ();
	type TrustedLockers = ();
	type SovereignAccountOf = LocationToAccountId;
	type MaxLockers = ConstU32<8>;
	type WeightInfo = pallet_xcm::TestWeightInfo;
	type AdminOrigin = EnsureRoot<AccountId>;
	type MaxRemoteLockConsumers = ConstU32<0>;
	type RemoteLockConsumerIdentifier = ();
	type AuthorizedAliasConsideration = ();
}
