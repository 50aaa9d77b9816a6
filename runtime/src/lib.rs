//! # Stratus runtime
//!
//! The runtime of the Stratus parachain, a decentralized compute marketplace.
//! It is a Cumulus parachain runtime with async backing (6 s blocks, 2 s of
//! execution per block, an unincluded segment of 3), the usual money,
//! governance, collator and XCM pallets, and, from pallet index 50, the
//! marketplace pallets.
//!
//! Pallet indices follow bands: system 0–9, money 10–19, governance 20–29,
//! collators 30–39, XCM 40–49, marketplace 50+.

#![cfg_attr(not(feature = "std"), no_std)]
// `#[frame_support::runtime]` expands deeply.
#![recursion_limit = "256"]

// The WASM binary, built by `build.rs`, for the node and the chain specs.
#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

extern crate alloc;

pub mod apis;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarks;
pub mod configs;
pub mod genesis_config_presets;
#[cfg(feature = "std")]
pub mod invariants;
pub mod market_api;
pub mod weights;

#[cfg(test)]
mod tests;

use alloc::{borrow::Cow, vec::Vec};
pub use polkadot_sdk::{staging_parachain_info as parachain_info, *};

use sp_runtime::{
	generic, impl_opaque_keys,
	traits::{BlakeTwo256, IdentifyAccount, Verify},
	MultiAddress, MultiSignature,
};
use sp_version::RuntimeVersion;

pub use sp_consensus_aura::sr25519::AuthorityId as AuraId;
pub use sp_runtime::{Perbill, Permill};

/// A transaction signature.
pub type Signature = MultiSignature;

/// An account on the chain: the public key of the signing scheme.
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;

/// A balance in plancks of STRA (12 decimals).
pub type Balance = u128;

/// A transaction counter.
pub type Nonce = u32;

/// A hash of some data used by the chain.
pub type Hash = sp_core::H256;

/// A block number.
pub type BlockNumber = u32;

/// The address format for describing accounts.
pub type Address = MultiAddress<AccountId, ()>;

/// The block header.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;

/// The block.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;

/// A block with its justification.
pub type SignedBlock = generic::SignedBlock<Block>;

/// The checks every signed transaction goes through. Weight reclaim wraps the
/// others so that unused proof size is returned to the block.
pub type TxExtension = cumulus_pallet_weight_reclaim::StorageWeightReclaim<
	Runtime,
	(
		frame_system::CheckNonZeroSender<Runtime>,
		frame_system::CheckSpecVersion<Runtime>,
		frame_system::CheckTxVersion<Runtime>,
		frame_system::CheckGenesis<Runtime>,
		frame_system::CheckEra<Runtime>,
		frame_system::CheckNonce<Runtime>,
		frame_system::CheckWeight<Runtime>,
		pallet_asset_tx_payment::ChargeAssetTxPayment<Runtime>,
		frame_metadata_hash_extension::CheckMetadataHash<Runtime>,
	),
>;

/// An extrinsic as it arrives from outside.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;

/// Migrations to run on the next runtime upgrade, beside the pallets' own.
type Migrations = ();

/// Dispatches blocks and extrinsics to the pallets.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

/// Types the node needs without knowing the runtime's extrinsic format.
pub mod opaque {
	use super::*;
	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;

	/// Opaque block header.
	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	/// Opaque block.
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;
}

impl_opaque_keys! {
	/// The session keys of a collator.
	pub struct SessionKeys {
		/// Block authoring.
		pub aura: Aura,
	}
}

/// The runtime's version. Bump `spec_version` with every runtime upgrade and
/// `transaction_version` when calls or extensions change their encoding.
#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: Cow::Borrowed("stratus"),
	impl_name: Cow::Borrowed("stratus"),
	authoring_version: 1,
	spec_version: 15,
	impl_version: 0,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 7,
	system_version: 1,
};

/// Target block time. Parachain slots cannot change once the chain runs.
pub const MILLI_SECS_PER_BLOCK: u64 = 6000;
/// Aura slot duration, equal to the block time.
pub const SLOT_DURATION: u64 = MILLI_SECS_PER_BLOCK;

/// Blocks per minute.
pub const MINUTES: BlockNumber = 60_000 / (MILLI_SECS_PER_BLOCK as BlockNumber);
/// Blocks per hour.
pub const HOURS: BlockNumber = MINUTES * 60;
/// Blocks per day.
pub const DAYS: BlockNumber = HOURS * 24;

/// One STRA, in plancks (12 decimals).
pub const UNIT: Balance = 1_000_000_000_000;
/// A thousandth of a STRA.
pub const MILLI_UNIT: Balance = 1_000_000_000;
/// A millionth of a STRA.
pub const MICRO_UNIT: Balance = 1_000_000;

/// The smallest balance an account may hold.
pub const EXISTENTIAL_DEPOSIT: Balance = MILLI_UNIT;

/// Async backing: blocks the runtime accepts before the relay chain includes them.
pub(crate) const UNINCLUDED_SEGMENT_CAPACITY: u32 = 3;
/// Parachain blocks per relay chain block.
pub(crate) const BLOCK_PROCESSING_VELOCITY: u32 = 1;
/// Relay chain slot duration, in milliseconds.
pub(crate) const RELAY_CHAIN_SLOT_DURATION_MILLIS: u32 = 6000;
/// How many relay blocks behind the tip collators build. Zero is the classic
/// async backing setup.
pub(crate) const RELAY_PARENT_OFFSET: u32 = 0;

/// Decides whether a new block may be built on the unincluded segment.
pub(crate) type ConsensusHook = cumulus_pallet_aura_ext::FixedVelocityConsensusHook<
	Runtime,
	RELAY_CHAIN_SLOT_DURATION_MILLIS,
	BLOCK_PROCESSING_VELOCITY,
	UNINCLUDED_SEGMENT_CAPACITY,
>;

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	// System: 0–9.
	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type ParachainSystem = cumulus_pallet_parachain_system;
	#[runtime::pallet_index(2)]
	pub type Timestamp = pallet_timestamp;
	#[runtime::pallet_index(3)]
	pub type ParachainInfo = parachain_info;
	#[runtime::pallet_index(4)]
	pub type WeightReclaim = cumulus_pallet_weight_reclaim;
	#[runtime::pallet_index(5)]
	pub type Utility = pallet_utility;
	#[runtime::pallet_index(6)]
	pub type Proxy = pallet_proxy;
	#[runtime::pallet_index(7)]
	pub type Multisig = pallet_multisig;

	// Money: 10–19.
	#[runtime::pallet_index(10)]
	pub type Balances = pallet_balances;
	#[runtime::pallet_index(11)]
	pub type TransactionPayment = pallet_transaction_payment;
	#[runtime::pallet_index(12)]
	pub type Treasury = pallet_treasury;
	#[runtime::pallet_index(13)]
	pub type ForeignAssets = pallet_assets<Instance1>;
	#[runtime::pallet_index(14)]
	pub type AssetRate = pallet_asset_rate;
	#[runtime::pallet_index(15)]
	pub type AssetTxPayment = pallet_asset_tx_payment;
	#[runtime::pallet_index(16)]
	pub type AssetsHolder = pallet_assets_holder<Instance1>;

	// Governance: 20–29.
	#[runtime::pallet_index(20)]
	pub type Sudo = pallet_sudo;
	#[runtime::pallet_index(21)]
	pub type Council = pallet_collective<Instance1>;
	#[runtime::pallet_index(22)]
	pub type CouncilMembership = pallet_membership<Instance1>;
	#[runtime::pallet_index(23)]
	pub type Parameters = pallet_parameters;

	// Collators: 30–39. Authorship, CollatorSelection, Session, Aura and
	// AuraExt keep this order: session keys rotate before Aura reads them.
	#[runtime::pallet_index(30)]
	pub type Authorship = pallet_authorship;
	#[runtime::pallet_index(31)]
	pub type CollatorSelection = pallet_collator_selection;
	#[runtime::pallet_index(32)]
	pub type Session = pallet_session;
	#[runtime::pallet_index(33)]
	pub type Aura = pallet_aura;
	#[runtime::pallet_index(34)]
	pub type AuraExt = cumulus_pallet_aura_ext;

	// XCM: 40–49.
	#[runtime::pallet_index(40)]
	pub type XcmpQueue = cumulus_pallet_xcmp_queue;
	#[runtime::pallet_index(41)]
	pub type PolkadotXcm = pallet_xcm;
	#[runtime::pallet_index(42)]
	pub type CumulusXcm = cumulus_pallet_xcm;
	#[runtime::pallet_index(43)]
	pub type MessageQueue = pallet_message_queue;

	// The compute marketplace: 50–59.
	#[runtime::pallet_index(50)]
	pub type ResourceRegistry = pallet_resource_registry;
	#[runtime::pallet_index(51)]
	pub type BidMatching = pallet_bid_matching;
	#[runtime::pallet_index(52)]
	pub type LeaseEscrow = pallet_lease_escrow;
	#[runtime::pallet_index(53)]
	pub type ProviderSlashing = pallet_provider_slashing;
	#[runtime::pallet_index(54)]
	pub type MarketParameters = pallet_market_parameters;
}

cumulus_pallet_parachain_system::register_validate_block! {
	Runtime = Runtime,
	BlockExecutor = cumulus_pallet_aura_ext::BlockExecutor::<Runtime, Executive>,
}
