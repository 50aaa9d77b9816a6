//! Native tests of the runtime's composition: presets, metadata, version.

use crate::{genesis_config_presets::*, *};
use sp_keyring::Sr25519Keyring::{Alice, Bob, Charlie, Dave, Ferdie};

/// Fresh externalities on the genesis state of a preset.
fn preset_ext(name: &str) -> sp_io::TestExternalities {
	sp_io::TestExternalities::new(preset_storage(&name.into()).expect("the preset builds"))
}

/// A preset's chain at block 1 (events are not kept in block 0).
fn preset_chain(name: &str) -> sp_io::TestExternalities {
	let mut ext = preset_ext(name);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// One dollar in USDT's or USDC's units (6 decimals).
const DOLLAR: Balance = 1_000_000;

/// Governance's rate for `asset`: one unit is worth 2 STRA (2·10¹² plancks
/// for 10⁶ units of a dollar).
fn set_rate(asset: staging_xcm::v5::Location) -> sp_runtime::FixedU128 {
	let rate = sp_runtime::FixedU128::from_u32(2_000_000);
	frame_support::assert_ok!(AssetRate::create(RuntimeOrigin::root(), Box::new(asset), rate));
	rate
}

#[test]
fn both_presets_are_listed_and_unknown_ones_are_not() {
	let names: Vec<String> = preset_names();
	assert_eq!(names, vec!["development".to_string(), "local_testnet".to_string()]);
	assert!(get_preset(&"mainnet".into()).is_none());
}

#[test]
fn presets_fund_dev_accounts_and_seat_collators_council_and_sudo() {
	for preset in ["development", "local_testnet"] {
		preset_ext(preset).execute_with(|| {
			for who in [Alice, Bob, Charlie, Dave, Ferdie] {
				assert_eq!(Balances::free_balance(who.to_account_id()), DEV_ENDOWMENT, "{preset}");
			}
			assert_eq!(pallet_sudo::Key::<Runtime>::get(), Some(Alice.to_account_id()));
			assert_eq!(
				pallet_collective::Members::<Runtime, pallet_collective::Instance1>::get(),
				{
					let mut members =
						vec![Alice.to_account_id(), Bob.to_account_id(), Charlie.to_account_id()];
					members.sort();
					members
				},
			);
			assert_eq!(pallet_collator_selection::Invulnerables::<Runtime>::get().into_inner(), {
				let mut collators = vec![Alice.to_account_id(), Bob.to_account_id()];
				collators.sort();
				collators
			},);
			assert_eq!(pallet_aura::Authorities::<Runtime>::get().len(), 2);
			assert_eq!(u32::from(ParachainInfo::parachain_id()), LOCAL_PARA_ID);
		});
	}
}

#[test]
fn metadata_lists_every_pallet_at_its_index() {
	use frame_support::traits::PalletInfoAccess;
	let expected = [
		("System", 0),
		("ParachainSystem", 1),
		("Timestamp", 2),
		("ParachainInfo", 3),
		("WeightReclaim", 4),
		("Utility", 5),
		("Proxy", 6),
		("Multisig", 7),
		("Balances", 10),
		("TransactionPayment", 11),
		("Treasury", 12),
		("ForeignAssets", 13),
		("AssetRate", 14),
		("AssetTxPayment", 15),
		("AssetsHolder", 16),
		("Sudo", 20),
		("Council", 21),
		("CouncilMembership", 22),
		("Parameters", 23),
		("Authorship", 30),
		("CollatorSelection", 31),
		("Session", 32),
		("Aura", 33),
		("AuraExt", 34),
		("XcmpQueue", 40),
		("PolkadotXcm", 41),
		("CumulusXcm", 42),
		("MessageQueue", 43),
		("ResourceRegistry", 50),
		("BidMatching", 51),
		("LeaseEscrow", 52),
		("ProviderSlashing", 53),
		("MarketParameters", 54),
	];
	// Some pallets read storage for their constants' metadata.
	let metadata = sp_io::TestExternalities::default().execute_with(Runtime::metadata_ir);
	for (name, index) in expected {
		let pallet = metadata
			.pallets
			.iter()
			.find(|p| p.name == name)
			.unwrap_or_else(|| panic!("{name} is in the metadata"));
		assert_eq!(pallet.index, index, "{name}");
	}
	assert_eq!(metadata.pallets.len(), expected.len());
	assert_eq!(<Balances as PalletInfoAccess>::index(), 10);
	// polkadot.js and subxt need metadata v15 or later.
	assert!(Runtime::metadata_versions().iter().any(|v| *v >= 15));
}

/// A file of the repository, by its path from the repository's root. The
/// root is found from the `CARGO_MANIFEST_DIR` that cargo gives the test
/// when it runs, not the one compiled in: a test binary reused from a cache
/// that another checkout filled (CI's) would otherwise read that checkout's
/// files.
pub(crate) fn repo_file(relative: &str) -> std::path::PathBuf {
	let manifest_dir = std::env::var("CARGO_MANIFEST_DIR")
		.unwrap_or_else(|_| env!("CARGO_MANIFEST_DIR").to_owned());
	std::path::Path::new(&manifest_dir).join("..").join(relative)
}

/// The metadata the client crate generates its types from
/// (`client/metadata/stratus.scale`, V15) is the runtime's, byte for byte;
/// `scripts/metadata.sh` (`STRATUS_BLESS=1`) rewrites it. Read from empty
/// storage: the constants that governance parameters back show their
/// defaults.
#[test]
fn the_clients_metadata_is_the_runtimes() {
	let metadata = sp_io::TestExternalities::default()
		.execute_with(|| Runtime::metadata_at_version(15))
		.expect("the runtime serves V15");
	let path = repo_file("client/metadata/stratus.scale");
	if std::env::var_os("STRATUS_BLESS").is_some() {
		std::fs::write(&path, &*metadata).expect("client/metadata is writable");
	}
	let written = std::fs::read(&path).unwrap_or_default();
	assert!(
		written == *metadata,
		"client/metadata/stratus.scale is not the runtime's metadata; run scripts/metadata.sh"
	);
}

#[test]
fn version_names_stratus() {
	assert_eq!(VERSION.spec_name, "stratus");
	assert_eq!(VERSION.impl_name, "stratus");
}

#[test]
fn a_stra_has_twelve_decimals() {
	assert_eq!(UNIT, 10u128.pow(12));
	assert_eq!(EXISTENTIAL_DEPOSIT, UNIT / 1000);
}

mod fees;
mod market;
mod market_assets;
#[cfg(not(feature = "runtime-benchmarks"))]
mod xcm;
