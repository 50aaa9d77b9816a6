//! # Stratus client
//!
//! Typed access to a Stratus node for off-chain tools (the `stratus`
//! command line and the `stratus-provider` agent), on `subxt`.
//!
//! - [`runtime`]: the calls, events, errors, storage and runtime APIs of
//!   the Stratus runtime, generated from its metadata as checked in at
//!   `client/metadata/stratus.scale`. A runtime test
//!   (`the_clients_metadata_is_the_runtimes`) fails when that file is not
//!   the runtime's metadata; `scripts/metadata.sh` rewrites it.
//! - [`amount`]: amounts in STRA as people write them (`"1.5 STRA"`,
//!   `"250 mSTRA"`, plain plancks) and as the tools print them.
//! - [`error`]: a failed call as the pallet's named error and its doc line.
//! - [`keys`]: the signing key, from `--suri`, `STRATUS_SURI` or a key
//!   file, never echoed.
//! - [`submit`]: signing and sending a call, followed to a block or to
//!   finality, ending in its events or its named error.
//! - [`market`]: the `ComputeMarketApi` runtime API, one method per call.
//! - [`assets`]: the foreign assets registered on the chain, by symbol,
//!   with their rates (a key can pay its fees in one).
//! - [`manifest`]: the workload manifest (`workload.toml`), checked with
//!   line-numbered errors, and the hash an order commits to.
//! - [`provider_file`]: the provider file (`provider.toml`): registration,
//!   pricing rules and the agent's settings.
//! - [`file`]: TOML files read with errors placed at their line.

pub mod amount;
pub mod assets;
pub mod error;
pub mod file;
pub mod keys;
pub mod manifest;
pub mod market;
pub mod provider_file;

pub mod submit;

/// The Stratus runtime's types, generated from `metadata/stratus.scale`.
#[subxt::subxt(
	runtime_metadata_path = "metadata/stratus.scale",
	derive_for_all_types = "Clone, PartialEq, Eq",
	// A location is encoded into the `ChargeAssetTxPayment` extension.
	derive_for_type(
		path = "staging_xcm::v5::location::Location",
		derive = "codec::Encode",
		recursive
	)
)]
pub mod runtime {}

/// A foreign asset's id on Stratus: its XCM location (v5), as
/// `ForeignAssets` keys it and `ChargeAssetTxPayment` names it.
pub type AssetLocation = runtime::runtime_types::staging_xcm::v5::location::Location;

/// What an order and its lease are paid in: STRA (`Native`) or a foreign
/// asset by its location (`WithId`).
pub type MarketAsset =
	runtime::runtime_types::frame_support::traits::tokens::fungible::union_of::NativeOrWithId<
		AssetLocation,
	>;

/// The configuration of a Stratus node: a Substrate chain with the
/// standard account and signature types, addresses without an account
/// index, and transaction fees payable in a foreign asset named by its
/// location.
#[derive(Clone, Debug, Default)]
pub struct StratusConfig(subxt::SubstrateConfig);

impl subxt::Config for StratusConfig {
	type AccountId = <subxt::SubstrateConfig as subxt::Config>::AccountId;
	type Address = <subxt::PolkadotConfig as subxt::Config>::Address;
	type Signature = <subxt::SubstrateConfig as subxt::Config>::Signature;
	type Hasher = <subxt::SubstrateConfig as subxt::Config>::Hasher;
	type Header = <subxt::SubstrateConfig as subxt::Config>::Header;
	type TransactionExtensions = subxt::config::DefaultTransactionExtensions<Self>;
	type AssetId = AssetLocation;

	// What the client learns of the chain is kept where the SDK's own
	// configuration keeps it.
	fn genesis_hash(&self) -> Option<subxt::config::HashFor<Self>> {
		self.0.genesis_hash()
	}

	fn spec_and_transaction_version_for_block_number(&self, number: u64) -> Option<(u32, u32)> {
		self.0.spec_and_transaction_version_for_block_number(number)
	}

	fn metadata_for_spec_version(&self, spec_version: u32) -> Option<subxt::ArcMetadata> {
		self.0.metadata_for_spec_version(spec_version)
	}

	fn set_metadata_for_spec_version(&self, spec_version: u32, metadata: subxt::ArcMetadata) {
		self.0.set_metadata_for_spec_version(spec_version, metadata)
	}
}

/// A client of a Stratus node.
pub type Client = subxt::OnlineClient<StratusConfig>;

/// The subxt the client is built on, for tools that name its types.
pub use subxt;
