//! The three chains' genesis storage.
//!
//! Stratus starts from its own `local_testnet` preset (para 2000, the
//! relay-backed network's genesis: USDT, USDC and DOT registered, nobody
//! holding any). Westend and Asset Hub Westend start from the least their
//! runtimes need here: the host configuration on the relay chain; on Asset
//! Hub (para 1000) one collator with its Aura key, and WND for the accounts
//! that pay Asset Hub's fees. USDT is created on Asset Hub by the test,
//! as its owner would.

use crate::tenant;
use emulated_integration_tests_common::get_host_config;
use sp_core::storage::Storage;
use sp_keyring::Sr25519Keyring::Alice;
use sp_runtime::BuildStorage;

/// Asset Hub's para id.
pub const ASSET_HUB: u32 = 1000;

/// One WND (12 decimals).
pub const WND: u128 = 1_000_000_000_000;

/// The relay chain: Westend's runtime with the host configuration the
/// emulator's HRMP channels and message sizes fit in.
pub fn westend() -> Storage {
	westend_runtime::RuntimeGenesisConfig {
		configuration: westend_runtime::ConfigurationConfig { config: get_host_config() },
		babe: westend_runtime::BabeConfig {
			epoch_config: westend_runtime::BABE_GENESIS_EPOCH_CONFIG,
			..Default::default()
		},
		..Default::default()
	}
	.build_storage()
	.expect("Westend's genesis builds")
}

/// Asset Hub Westend, para 1000: Alice collates; Alice (USDT's owner, who
/// also provides the USDT/WND pool) and the tenant hold WND for Asset Hub's
/// fees and deposits.
pub fn asset_hub() -> Storage {
	use asset_hub_westend_runtime as ah;
	let endowed = [Alice.to_account_id(), tenant()];
	ah::RuntimeGenesisConfig {
		balances: ah::BalancesConfig {
			balances: endowed.into_iter().map(|who| (who, 1_000_000 * WND)).collect(),
			..Default::default()
		},
		parachain_info: ah::ParachainInfoConfig {
			parachain_id: ASSET_HUB.into(),
			..Default::default()
		},
		collator_selection: ah::CollatorSelectionConfig {
			invulnerables: vec![Alice.to_account_id()],
			..Default::default()
		},
		session: ah::SessionConfig {
			keys: vec![(
				Alice.to_account_id(),
				Alice.to_account_id(),
				ah::SessionKeys { aura: Alice.public().into() },
			)],
			..Default::default()
		},
		polkadot_xcm: ah::PolkadotXcmConfig {
			safe_xcm_version: Some(xcm::prelude::XCM_VERSION),
			..Default::default()
		},
		..Default::default()
	}
	.build_storage()
	.expect("Asset Hub's genesis builds")
}

/// Stratus, para 2000, from its `local_testnet` preset.
pub fn stratus() -> Storage {
	stratus_runtime::genesis_config_presets::preset_storage(
		&sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET.into(),
	)
	.expect("Stratus's local_testnet preset builds")
}
