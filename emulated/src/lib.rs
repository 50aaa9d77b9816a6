//! Stratus in the XCM emulator beside the real runtimes of the SDK release
//! it pins: Westend's relay chain runtime and Asset Hub Westend's. Each
//! chain runs natively on its own storage, block by block with its real
//! hooks and inherents (timestamp, the parachain's validation data); the
//! emulator carries the messages a chain sends (XCMP pages between
//! siblings, downward and upward messages) to the recipient's queues, in
//! place of the relay chain's validators and a collator's networking.
//!
//! What the tests here show (`tests.rs`): USDT created and minted on Asset
//! Hub is reserve-transferred to Stratus with Asset Hub's own `pallet_xcm`,
//! pays a lease there and goes back, the reserve on Asset Hub always
//! backing every USDT on Stratus.
//!
//! Not a default member of the workspace; `scripts/emulated.sh` builds and
//! runs it, without the two foreign runtimes' wasm (never executed here).

pub mod genesis;

use frame_support::traits::OnInitialize;
use xcm_emulator::{decl_test_networks, decl_test_parachains, decl_test_relay_chains};

pub use stratus_runtime::AccountId;

decl_test_relay_chains! {
	#[api_version(16)]
	pub struct Westend {
		genesis = genesis::westend(),
		on_init = (),
		runtime = westend_runtime,
		core = {
			SovereignAccountOf: westend_runtime::xcm_config::LocationConverter,
		},
		pallets = {
			XcmPallet: westend_runtime::XcmPallet,
			Balances: westend_runtime::Balances,
		}
	}
}

decl_test_parachains! {
	pub struct AssetHubWestend {
		genesis = genesis::asset_hub(),
		on_init = {
			asset_hub_westend_runtime::AuraExt::on_initialize(1);
		},
		runtime = asset_hub_westend_runtime,
		core = {
			XcmpMessageHandler: asset_hub_westend_runtime::XcmpQueue,
			LocationToAccountId: asset_hub_westend_runtime::xcm_config::LocationToAccountId,
			ParachainInfo: asset_hub_westend_runtime::ParachainInfo,
			MessageOrigin: cumulus_primitives_core::AggregateMessageOrigin,
		},
		pallets = {
			PolkadotXcm: asset_hub_westend_runtime::PolkadotXcm,
			Balances: asset_hub_westend_runtime::Balances,
			Assets: asset_hub_westend_runtime::Assets,
			AssetConversion: asset_hub_westend_runtime::AssetConversion,
		}
	},
	pub struct Stratus {
		genesis = genesis::stratus(),
		on_init = {
			stratus_runtime::AuraExt::on_initialize(1);
		},
		runtime = stratus_runtime,
		core = {
			XcmpMessageHandler: stratus_runtime::XcmpQueue,
			LocationToAccountId: stratus_runtime::configs::xcm_config::LocationToAccountId,
			ParachainInfo: stratus_runtime::ParachainInfo,
			MessageOrigin: cumulus_primitives_core::AggregateMessageOrigin,
		},
		pallets = {
			PolkadotXcm: stratus_runtime::PolkadotXcm,
			Balances: stratus_runtime::Balances,
			ForeignAssets: stratus_runtime::ForeignAssets,
		}
	}
}

decl_test_networks! {
	pub struct WestendNetwork {
		relay_chain = Westend,
		parachains = vec![
			AssetHubWestend,
			Stratus,
		],
		bridge = ()
	}
}

/// The tenant, `//UsdtTenant`: on Asset Hub it holds WND for fees and is
/// minted USDT; on Stratus it holds nothing until USDT arrives.
pub fn tenant() -> AccountId {
	stratus_runtime::genesis_config_presets::USDT_TENANT.into()
}

#[cfg(test)]
mod tests;
