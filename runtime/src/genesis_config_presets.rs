//! Genesis presets: `development` (the `--dev` chain) and `local_testnet`
//! (the relay-backed local network, para id 2000).
//!
//! Both fund the well-known dev accounts (Alice…Ferdie and their `//stash`
//! accounts), make Alice and Bob the collators, Alice the sudo key, and
//! Alice, Bob and Charlie the Council, and register Asset Hub's USDT and
//! USDC and DOT as sufficient foreign assets. On `local_testnet` nobody
//! holds any of them at genesis: there they arrive from a real Asset Hub.
//! The `development` chain has no Asset Hub, so one dev account,
//! `//UsdtTenant`, starts with USDT and no STRA at all.

use crate::{
	configs::foreign_assets::{dot, usdc, usdt, ForeignAssetsOwner},
	*,
};
use alloc::{vec, vec::Vec};
use cumulus_primitives_core::ParaId;
use frame_support::build_struct_json_patch;
use sp_genesis_builder::PresetId;
use sp_keyring::Sr25519Keyring;
use staging_xcm::v5::Location;

/// The para id of the local relay-backed network.
pub const LOCAL_PARA_ID: u32 = 2000;

/// What each dev account holds at genesis: one million STRA.
pub const DEV_ENDOWMENT: Balance = 1_000_000 * UNIT;

/// `//UsdtTenant` (the dev phrase's account at that path): on the
/// `development` chain it holds [`USDT_TENANT_ENDOWMENT`] and no STRA.
pub const USDT_TENANT: [u8; 32] =
	sp_core::hex2array!("c80bf209b676ff86bebbe0f963053ef89e00ec5b683a7b554f2eb80ce25b9a7a");

/// What `//UsdtTenant` holds at genesis on the `development` chain: ten
/// thousand USDT (6 decimals), minted without a reserve behind it, which is
/// why no other preset has it.
pub const USDT_TENANT_ENDOWMENT: Balance = 10_000 * 1_000_000;

/// A foreign asset registered at genesis.
struct GenesisAsset {
	location: fn() -> Location,
	name: &'static str,
	symbol: &'static str,
	decimals: u8,
	/// The least an account may hold.
	min_balance: Balance,
}

/// The foreign assets registered at genesis; an account holds at least a
/// hundredth of a dollar or a thousandth of a DOT.
const FOREIGN_ASSETS: [GenesisAsset; 3] = [
	GenesisAsset {
		location: usdt,
		name: "Tether USD",
		symbol: "USDT",
		decimals: 6,
		min_balance: 10_000,
	},
	GenesisAsset {
		location: usdc,
		name: "USD Coin",
		symbol: "USDC",
		decimals: 6,
		min_balance: 10_000,
	},
	GenesisAsset {
		location: dot,
		name: "Polkadot",
		symbol: "DOT",
		decimals: 10,
		min_balance: 10_000_000,
	},
];

/// The XCM version the chain speaks until peers announce theirs.
const SAFE_XCM_VERSION: u32 = staging_xcm::prelude::XCM_VERSION;

fn genesis(
	collators: Vec<(AccountId, AuraId)>,
	endowed: Vec<AccountId>,
	council: Vec<AccountId>,
	root: AccountId,
	para_id: ParaId,
	foreign_holdings: Vec<(Location, AccountId, Balance)>,
) -> serde_json::Value {
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig {
			balances: endowed.iter().cloned().map(|account| (account, DEV_ENDOWMENT)).collect(),
		},
		parachain_info: ParachainInfoConfig { parachain_id: para_id },
		collator_selection: CollatorSelectionConfig {
			invulnerables: collators.iter().map(|(account, _)| account.clone()).collect(),
			candidacy_bond: EXISTENTIAL_DEPOSIT * 16,
		},
		session: SessionConfig {
			keys: collators
				.into_iter()
				.map(|(account, aura)| (account.clone(), account, SessionKeys { aura }))
				.collect(),
		},
		council_membership: CouncilMembershipConfig {
			members: council.try_into().unwrap_or_default(),
		},
		foreign_assets: ForeignAssetsConfig {
			assets: FOREIGN_ASSETS
				.iter()
				.map(|a| ((a.location)(), ForeignAssetsOwner::get(), true, a.min_balance))
				.collect(),
			metadata: FOREIGN_ASSETS
				.iter()
				.map(|a| {
					(
						(a.location)(),
						a.name.as_bytes().to_vec(),
						a.symbol.as_bytes().to_vec(),
						a.decimals,
					)
				})
				.collect(),
			accounts: foreign_holdings,
		},
		polkadot_xcm: PolkadotXcmConfig { safe_xcm_version: Some(SAFE_XCM_VERSION) },
		sudo: SudoConfig { key: Some(root) },
	})
}

fn testnet_genesis(foreign_holdings: Vec<(Location, AccountId, Balance)>) -> serde_json::Value {
	use Sr25519Keyring::{Alice, Bob, Charlie};
	genesis(
		vec![
			(Alice.to_account_id(), Alice.public().into()),
			(Bob.to_account_id(), Bob.public().into()),
		],
		Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect(),
		vec![Alice.to_account_id(), Bob.to_account_id(), Charlie.to_account_id()],
		Alice.to_account_id(),
		ParaId::from(LOCAL_PARA_ID),
		foreign_holdings,
	)
}

/// The JSON patch of a preset, or `None` for an unknown name.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		sp_genesis_builder::DEV_RUNTIME_PRESET => {
			testnet_genesis(vec![(usdt(), USDT_TENANT.into(), USDT_TENANT_ENDOWMENT)])
		},
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => testnet_genesis(vec![]),
		_ => return None,
	};
	serde_json::to_vec(&patch).ok()
}

/// The names of the presets this runtime offers.
pub fn preset_names() -> Vec<PresetId> {
	vec![
		PresetId::from(sp_genesis_builder::DEV_RUNTIME_PRESET),
		PresetId::from(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET),
	]
}

/// Writes `patch` over `base`, key by key, as the node does with a preset.
#[cfg(feature = "std")]
fn merge_json(base: &mut serde_json::Value, patch: serde_json::Value) {
	match (base, patch) {
		(serde_json::Value::Object(base), serde_json::Value::Object(patch)) => {
			for (key, value) in patch {
				merge_json(base.entry(key).or_insert(serde_json::Value::Null), value);
			}
		},
		(base, patch) => *base = patch,
	}
}

/// The genesis storage of preset `id`: the preset written over the default
/// genesis config, as in a chain spec. Native only; the runtime's tests and
/// the fuzzer start from it.
#[cfg(feature = "std")]
pub fn preset_storage(id: &PresetId) -> Result<sp_runtime::Storage, alloc::string::String> {
	use sp_runtime::BuildStorage;
	let patch = get_preset(id).ok_or_else(|| alloc::format!("no preset {id:?}"))?;
	let patch: serde_json::Value = serde_json::from_slice(&patch).map_err(|e| e.to_string())?;
	let mut config =
		serde_json::to_value(RuntimeGenesisConfig::default()).map_err(|e| e.to_string())?;
	merge_json(&mut config, patch);
	let config: RuntimeGenesisConfig = serde_json::from_value(config).map_err(|e| e.to_string())?;
	config.build_storage()
}
