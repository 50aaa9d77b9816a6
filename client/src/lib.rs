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
//! - [`manifest`]: the workload manifest (`workload.toml`), checked with
//!   line-numbered errors, and the hash an order commits to.
//! - [`provider_file`]: the provider file (`provider.toml`): registration,
//!   pricing rules and the agent's settings.
//! - [`file`]: TOML files read with errors placed at their line.

pub mod amount;
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
	derive_for_all_types = "Clone, PartialEq, Eq"
)]
pub mod runtime {}

/// The configuration of a Stratus node: a Substrate chain with the
/// standard account, address and signature types.
pub type StratusConfig = subxt::SubstrateConfig;

/// A client of a Stratus node.
pub type Client = subxt::OnlineClient<StratusConfig>;

/// The subxt the client is built on, for tools that name its types.
pub use subxt;
