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

pub mod amount;
pub mod error;

/// The Stratus runtime's types, generated from `metadata/stratus.scale`.
#[subxt::subxt(runtime_metadata_path = "metadata/stratus.scale")]
pub mod runtime {}

/// The configuration of a Stratus node: a Substrate chain with the
/// standard account, address and signature types.
pub type StratusConfig = subxt::SubstrateConfig;

/// A client of a Stratus node.
pub type Client = subxt::OnlineClient<StratusConfig>;
