//! Asset Hub's stablecoins arriving over XCM, fed to the real runtime the
//! way a collator meets them: the exact message Asset Hub's `pallet_xcm`
//! sends for a reserve transfer, in an XCMP page from its para id, through
//! the XCMP queue and the message queue to the executor. Then the messages
//! Stratus must refuse, and the transfer back.

use super::{preset_chain, preset_ext, set_rate, DOLLAR};
use crate::{
	configs::{
		foreign_assets::{
			asset_hub, dot, usdc, usdt, ForeignAssetsInstance, ForeignAssetsOwner, ASSET_HUB,
		},
		transaction_payment::WeightToFee,
		treasury::TreasuryAccount,
		xcm_config::{XcmRouter, XcmWeigher},
	},
	genesis_config_presets::USDT_TENANT_ENDOWMENT,
	*,
};
use codec::Encode;
use cumulus_primitives_core::{
	AggregateMessageOrigin, ParaId, XcmpMessageFormat, XcmpMessageHandler,
};
use frame_support::{
	assert_noop, assert_ok,
	traits::{fungibles::Inspect, EnqueueMessage, ServiceQueues},
	weights::WeightToFee as _,
};
use sp_keyring::Sr25519Keyring::Alice;
use sp_runtime::{traits::Zero, FixedPointNumber, FixedU128};
use staging_xcm::{latest::prelude::*, VersionedXcm};
use staging_xcm_executor::traits::WeightBounds;

/// An account that holds nothing on Stratus.
fn newcomer() -> AccountId {
	AccountId::new([7; 32])
}

fn to(account: &AccountId) -> Location {
	Location::new(0, [AccountId32 { network: None, id: account.clone().into() }])
}

/// What Asset Hub's `pallet_xcm` sends Stratus when someone reserve-transfers
/// `amount` of `asset` (a location as Stratus sees it) to `beneficiary`,
/// paying Stratus's execution with the same asset; its router appends the
/// topic.
fn reserve_transfer(asset: Location, amount: Balance, beneficiary: &AccountId) -> Xcm<()> {
	Xcm(vec![
		ReserveAssetDeposited((asset.clone(), amount).into()),
		ClearOrigin,
		BuyExecution { fees: (asset, amount).into(), weight_limit: Unlimited },
		DepositAsset { assets: Wild(AllCounted(1)), beneficiary: to(beneficiary) },
		SetTopic([42; 32]),
	])
}

/// Delivers `message` from sibling `para` as the relay chain hands it to a
/// collator (one XCMP page), and lets the message queue process it.
fn deliver_from_sibling(para: u32, message: Xcm<()>) {
	let mut page = XcmpMessageFormat::ConcatenatedVersionedXcm.encode();
	page.extend(VersionedXcm::<()>::from(message).encode());
	XcmpQueue::handle_xcmp_messages([(ParaId::from(para), 1, &page[..])].into_iter(), Weight::MAX);
	MessageQueue::service_queues(Weight::MAX);
}

/// Delivers `message` from the relay chain (downward), as parachain-system
/// enqueues it, and lets the message queue process it.
fn deliver_from_relay(message: Xcm<()>) {
	let bytes = VersionedXcm::<()>::from(message).encode();
	<MessageQueue as EnqueueMessage<AggregateMessageOrigin>>::enqueue_message(
		bytes.as_slice().try_into().expect("a small message"),
		AggregateMessageOrigin::Parent,
	);
	MessageQueue::service_queues(Weight::MAX);
}

/// Whether the message queue ran the last message to its end, and the XCM
/// error that stopped it if one did.
fn outcome() -> (bool, Option<XcmError>) {
	let events: Vec<RuntimeEvent> = System::events().into_iter().map(|r| r.event).collect();
	let success = events.iter().rev().find_map(|e| match e {
		RuntimeEvent::MessageQueue(pallet_message_queue::Event::Processed { success, .. }) => {
			Some(*success)
		},
		_ => None,
	});
	let error = events.iter().rev().find_map(|e| match e {
		RuntimeEvent::PolkadotXcm(pallet_xcm::Event::ProcessXcmError { error, .. }) => Some(*error),
		_ => None,
	});
	(success.expect("the message queue processed the message"), error)
}

fn set_usdt_rate() -> FixedU128 {
	set_rate(usdt())
}

fn usdt_of(who: &AccountId) -> Balance {
	<ForeignAssets as Inspect<AccountId>>::balance(usdt(), who)
}

/// The relay-backed test network, where USDT arrives only from Asset Hub
/// (the development chain mints some for a dev account at genesis).
fn chain() -> sp_io::TestExternalities {
	preset_chain("local_testnet")
}

#[test]
fn usdt_from_asset_hub_arrives_and_pays_for_its_execution_at_the_governance_rate() {
	chain().execute_with(|| {
		let rate = set_usdt_rate();
		let who = newcomer();
		let message = reserve_transfer(usdt(), 5 * DOLLAR, &who);
		// What the executor charges: the message's weight priced in STRA,
		// converted at the rate, and never under the asset's minimum balance.
		let weight =
			XcmWeigher::weight(&mut message.clone().into(), Weight::MAX).expect("weighable");
		let in_stra = WeightToFee::weight_to_fee(&weight);
		let fee =
			rate.reciprocal().expect("a rate above zero").saturating_mul_int(in_stra).max(10_000);

		deliver_from_sibling(ASSET_HUB, message);

		assert_eq!(outcome(), (true, None));
		assert_eq!(usdt_of(&who), 5 * DOLLAR - fee);
		assert_eq!(usdt_of(&TreasuryAccount::get()), fee);
		assert_eq!(<ForeignAssets as Inspect<AccountId>>::total_issuance(usdt()), 5 * DOLLAR);
		// USDT is sufficient: an account holding nothing else exists.
		assert!(System::account_exists(&who));
		assert!(Balances::free_balance(&who).is_zero());
		assert_eq!(System::account(&who).sufficients, 1);
	});
}

#[test]
fn usdt_claimed_by_another_sibling_is_refused() {
	chain().execute_with(|| {
		set_usdt_rate();
		deliver_from_sibling(2001, reserve_transfer(usdt(), 5 * DOLLAR, &newcomer()));
		assert_eq!(outcome(), (false, Some(XcmError::UntrustedReserveLocation)));
		assert!(<ForeignAssets as Inspect<AccountId>>::total_issuance(usdt()).is_zero());
	});
}

#[test]
fn dot_from_the_relay_chain_is_refused_its_reserve_is_asset_hub() {
	chain().execute_with(|| {
		assert_ok!(AssetRate::create(
			RuntimeOrigin::root(),
			Box::new(dot()),
			FixedU128::saturating_from_integer(100u32)
		));
		deliver_from_relay(reserve_transfer(dot(), 10_000_000_000, &newcomer()));
		assert_eq!(outcome(), (false, Some(XcmError::UntrustedReserveLocation)));
		assert!(<ForeignAssets as Inspect<AccountId>>::total_issuance(dot()).is_zero());
	});
}

#[test]
fn an_asset_hub_asset_is_refused_until_root_registers_it() {
	chain().execute_with(|| {
		let other = Location::new(1, [Parachain(ASSET_HUB), PalletInstance(50), GeneralIndex(42)]);
		deliver_from_sibling(ASSET_HUB, reserve_transfer(other.clone(), 5 * DOLLAR, &newcomer()));
		assert_eq!(outcome(), (false, Some(XcmError::UntrustedReserveLocation)));
		assert!(!System::account_exists(&newcomer()));

		// Only root registers an asset: `create` is closed to everyone.
		assert!(ForeignAssets::create(
			RuntimeOrigin::signed(Alice.to_account_id()),
			other.clone(),
			Alice.to_account_id().into(),
			1
		)
		.is_err());
		// Owned by anyone with a key, its owner could mint it: refused.
		assert_noop!(
			ForeignAssets::force_create(
				RuntimeOrigin::root(),
				other.clone(),
				Alice.to_account_id().into(),
				true,
				1_000
			),
			pallet_assets::Error::<Runtime, ForeignAssetsInstance>::CallbackFailed
		);
		// The keyless owner, as the README names it.
		use sp_core::crypto::Ss58Codec;
		assert_eq!(
			ForeignAssetsOwner::get().to_ss58check(),
			"5EYCAe5jLMYc8ftGGqcjoSGgLiXHq8awcRTjRAD7cuwfc4hf"
		);
		assert_ok!(ForeignAssets::force_create(
			RuntimeOrigin::root(),
			other.clone(),
			ForeignAssetsOwner::get().into(),
			true,
			1_000
		));
		assert_ok!(AssetRate::create(
			RuntimeOrigin::root(),
			Box::new(other.clone()),
			FixedU128::saturating_from_integer(2_000_000u32)
		));
		deliver_from_sibling(ASSET_HUB, reserve_transfer(other.clone(), 5 * DOLLAR, &newcomer()));
		assert!(outcome().0);
		// The payment API lists it too, beside STRA.
		assert_eq!(
			crate::configs::xcm_config::acceptable_payment_assets(),
			vec![AssetId(Location::here()), AssetId(other)],
		);
	});
}

#[test]
fn a_registered_asset_of_another_chain_is_still_refused() {
	chain().execute_with(|| {
		let theirs = Location::new(1, [Parachain(2001), GeneralIndex(1)]);
		assert_ok!(ForeignAssets::force_create(
			RuntimeOrigin::root(),
			theirs.clone(),
			ForeignAssetsOwner::get().into(),
			true,
			1
		));
		deliver_from_sibling(2001, reserve_transfer(theirs, 5 * DOLLAR, &newcomer()));
		assert_eq!(outcome(), (false, Some(XcmError::UntrustedReserveLocation)));
	});
}

#[test]
fn without_a_rate_execution_cannot_be_bought_in_usdc_and_the_usdc_is_trapped_not_lost() {
	chain().execute_with(|| {
		deliver_from_sibling(ASSET_HUB, reserve_transfer(usdc(), 5 * DOLLAR, &newcomer()));
		assert_eq!(outcome(), (false, Some(XcmError::TooExpensive)));
		assert!(System::events().iter().any(|r| matches!(
			r.event,
			RuntimeEvent::PolkadotXcm(pallet_xcm::Event::AssetsTrapped { .. })
		)));
		assert!(!System::account_exists(&newcomer()));
	});
}

#[test]
fn a_transfer_back_to_asset_hub_withdraws_here_and_tells_asset_hub_to_release_it() {
	chain().execute_with(|| {
		set_usdt_rate();
		let alice = Alice.to_account_id();
		deliver_from_sibling(ASSET_HUB, reserve_transfer(usdt(), 5 * DOLLAR, &alice));
		assert_eq!(outcome(), (true, None));
		ParachainSystem::open_outbound_hrmp_channel_for_benchmarks_or_tests(ASSET_HUB.into());

		let before = usdt_of(&alice);
		let call = RuntimeCall::PolkadotXcm(pallet_xcm::Call::transfer_assets {
			dest: Box::new(asset_hub().into()),
			beneficiary: Box::new(to(&alice).into()),
			assets: Box::new((usdt(), 2 * DOLLAR).into()),
			fee_asset_item: 0,
			weight_limit: Unlimited,
		});
		let origin = OriginCaller::system(frame_system::RawOrigin::Signed(alice.clone()));
		let effects = PolkadotXcm::dry_run_call::<Runtime, XcmRouter, OriginCaller, RuntimeCall>(
			origin, call, 5,
		)
		.expect("the dry run runs");
		assert_ok!(effects.execution_result);
		// One message, to Asset Hub: withdraw USDT from Stratus's sovereign account there.
		let [(destination, messages)] = &effects.forwarded_xcms[..] else {
			panic!("one destination: {:?}", effects.forwarded_xcms)
		};
		assert_eq!(*destination, asset_hub().into());
		let [message] = &messages[..] else { panic!("one message: {messages:?}") };
		let message: Xcm<()> = message.clone().try_into().expect("a v5 message");
		let on_asset_hub = Location::new(0, [PalletInstance(50), GeneralIndex(1984)]);
		assert_eq!(message.0[0], WithdrawAsset((on_asset_hub, 2 * DOLLAR).into()));
		assert!(message
			.0
			.iter()
			.any(|i| matches!(i, DepositAsset { beneficiary, .. } if *beneficiary == to(&alice))));
		// The dry run changed nothing.
		assert_eq!(usdt_of(&alice), before);
	});
}

#[test]
fn both_presets_register_usdt_usdc_and_dot_as_sufficient_and_only_dev_mints_usdt() {
	use frame_support::traits::fungibles::metadata::Inspect as Metadata;
	for preset in ["development", "local_testnet"] {
		preset_ext(preset).execute_with(|| {
			for (asset, symbol, decimals, min_balance) in [
				(usdt(), "USDT", 6, 10_000),
				(usdc(), "USDC", 6, 10_000),
				(dot(), "DOT", 10, 10_000_000),
			] {
				let details =
					pallet_assets::Asset::<Runtime, pallet_assets::Instance1>::get(&asset)
						.unwrap_or_else(|| panic!("{symbol} is registered in {preset}"));
				assert!(details.is_sufficient, "{symbol}");
				assert_eq!(details.min_balance, min_balance, "{symbol}");
				// Only the development chain's `//UsdtTenant` holds any.
				let minted = match (preset, symbol) {
					("development", "USDT") => USDT_TENANT_ENDOWMENT,
					_ => 0,
				};
				assert_eq!(details.supply, minted, "{symbol} in {preset}");
				assert_eq!(details.owner, configs::foreign_assets::ForeignAssetsOwner::get());
				assert_eq!(
					<ForeignAssets as Metadata<AccountId>>::symbol(asset.clone()),
					symbol.as_bytes()
				);
				assert_eq!(<ForeignAssets as Metadata<AccountId>>::decimals(asset), decimals);
			}
		});
	}
}
