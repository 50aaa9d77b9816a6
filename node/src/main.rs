//! `stratus-node`: the Stratus collator.
//!
//! It is the SDK's omni node (`polkadot-omni-node-lib`) with the Stratus
//! chain specs built in, so that `--dev` and `--chain local` work without a
//! chain spec file. Any other `--chain` value is read as a JSON chain spec
//! path, as the plain omni node does.

mod chain_spec;

use polkadot_sdk::polkadot_omni_node_lib::{
	run, runtime::DefaultRuntimeResolver, CliConfig as CliConfigT, RunConfig, NODE_VERSION,
};

struct CliConfig;

impl CliConfigT for CliConfig {
	fn impl_version() -> String {
		format!(
			"{}-{} (Stratus compute marketplace; polkadot-omni-node-lib {NODE_VERSION})",
			env!("CARGO_PKG_VERSION"),
			env!("SUBSTRATE_CLI_COMMIT_HASH"),
		)
	}

	fn description(executable_name: String) -> String {
		format!(
			"Stratus collator: a parachain for a decentralized compute marketplace.\n\n\
			 Arguments before `--` go to the parachain node, those after it to the embedded \
			 relay chain node.\n\n\
			 {executable_name} --dev                      a single-node dev chain\n\
			 {executable_name} --chain local -- ...       a collator of the local relay-backed network"
		)
	}

	fn author() -> String {
		env!("CARGO_PKG_AUTHORS").into()
	}

	fn support_url() -> String {
		format!("{}/issues", env!("CARGO_PKG_REPOSITORY"))
	}

	fn copyright_start_year() -> u16 {
		2026
	}
}

fn main() -> color_eyre::eyre::Result<()> {
	color_eyre::install()?;
	let config = RunConfig::new(
		Box::new(DefaultRuntimeResolver),
		Box::new(chain_spec::StratusChainSpecLoader),
	);
	Ok(run::<CliConfig>(config)?)
}
