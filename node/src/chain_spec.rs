//! The chain specs built into `stratus-node`.

use polkadot_sdk::{
	polkadot_omni_node_lib::chain_spec::{
		ChainSpec, DiskChainSpecLoader, Extensions, GenericChainSpec, LoadSpec,
	},
	sc_chain_spec::{ChainType, Properties},
};
use stratus_runtime::genesis_config_presets::LOCAL_PARA_ID;

/// The relay chain the local network runs (zombienet, `polkadot` binary).
const LOCAL_RELAY_CHAIN: &str = "rococo-local";

/// Resolves `--chain` (and `--dev`) to a chain spec.
pub struct StratusChainSpecLoader;

impl LoadSpec for StratusChainSpecLoader {
	fn load_spec(&self, id: &str) -> Result<Box<dyn ChainSpec>, String> {
		match id {
			"dev" => stratus_spec(
				"Stratus Development",
				"stratus_dev",
				ChainType::Development,
				"development",
			),
			"" | "local" => stratus_spec(
				"Stratus Local Testnet",
				"stratus_local",
				ChainType::Local,
				"local_testnet",
			),
			path => DiskChainSpecLoader.load_spec(path),
		}
	}
}

/// Token symbol, decimals and address format, for wallets.
fn properties() -> Properties {
	let mut properties = Properties::new();
	properties.insert("tokenSymbol".into(), "STRA".into());
	properties.insert("tokenDecimals".into(), 12.into());
	properties.insert("ss58Format".into(), 42.into());
	properties
}

fn stratus_spec(
	name: &str,
	id: &str,
	chain_type: ChainType,
	preset: &str,
) -> Result<Box<dyn ChainSpec>, String> {
	let wasm = stratus_runtime::WASM_BINARY.ok_or_else(|| {
		"stratus-node was built without the runtime's WASM (SKIP_WASM_BUILD was set); \
		 rebuild it without SKIP_WASM_BUILD"
			.to_string()
	})?;
	Ok(Box::new(
		GenericChainSpec::builder(wasm, Extensions::new(LOCAL_RELAY_CHAIN.into(), LOCAL_PARA_ID))
			.with_name(name)
			.with_id(id)
			.with_chain_type(chain_type)
			.with_genesis_config_preset_name(preset)
			.with_properties(properties())
			.build(),
	))
}
