//! Transaction fees paid in a foreign asset: real signed extrinsics, built
//! and signed as a wallet does with the runtime's own `TxExtension`, given
//! to the executive's `validate_transaction` (the pool's check) and
//! `apply_extrinsic` (the block builder's).

use super::{preset_chain, preset_ext, set_rate, DOLLAR};
use crate::{
	configs::{
		foreign_assets::{usdc, usdt},
		treasury::TreasuryAccount,
	},
	genesis_config_presets::{USDT_TENANT, USDT_TENANT_ENDOWMENT},
	*,
};
use codec::Encode;
use frame_support::{
	assert_ok,
	dispatch::GetDispatchInfo,
	traits::fungibles::{Inspect, Mutate},
};
use sp_core::{sr25519, Pair};
use sp_keyring::Sr25519Keyring::{Alice, Bob};
use sp_runtime::{
	generic::{Era, SignedPayload},
	traits::Zero,
	transaction_validity::{InvalidTransaction, TransactionSource, TransactionValidityError},
	ApplyExtrinsicResult, FixedPointNumber,
};
use staging_xcm::v5::{Junction::Parachain, Location};

fn dev_chain() -> sp_io::TestExternalities {
	preset_chain("development")
}

fn usdt_tenant() -> sr25519::Pair {
	sr25519::Pair::from_string("//UsdtTenant", None).expect("a dev path")
}

fn balance_of(asset: Location, who: &AccountId) -> Balance {
	<ForeignAssets as Inspect<AccountId>>::balance(asset, who)
}

fn nonce_of(who: &AccountId) -> Nonce {
	System::account_nonce(who)
}

/// The extensions a wallet attaches, paying the fee in `fee_asset` (STRA
/// when `None`).
fn extensions(nonce: Nonce, fee_asset: Option<Location>) -> TxExtension {
	(
		frame_system::CheckNonZeroSender::new(),
		frame_system::CheckSpecVersion::new(),
		frame_system::CheckTxVersion::new(),
		frame_system::CheckGenesis::new(),
		frame_system::CheckEra::from(Era::Immortal),
		frame_system::CheckNonce::from(nonce),
		frame_system::CheckWeight::new(),
		pallet_asset_tx_payment::ChargeAssetTxPayment::from(0, fee_asset),
		frame_metadata_hash_extension::CheckMetadataHash::new(false),
	)
		.into()
}

/// `call` signed by `signer` at its next nonce, its fee paid in `fee_asset`.
fn signed(
	signer: &sr25519::Pair,
	call: RuntimeCall,
	fee_asset: Option<Location>,
) -> UncheckedExtrinsic {
	let who = AccountId::from(signer.public());
	let extension = extensions(nonce_of(&who), fee_asset);
	let payload = SignedPayload::new(call.clone(), extension.clone()).expect("implicit data");
	let signature = payload.using_encoded(|bytes| signer.sign(bytes));
	UncheckedExtrinsic::new_signed(call, who.into(), signature.into(), extension)
}

fn validate(xt: &UncheckedExtrinsic) -> Result<(), TransactionValidityError> {
	Executive::validate_transaction(TransactionSource::External, xt.clone(), Default::default())
		.map(|_| ())
}

fn apply(xt: UncheckedExtrinsic) -> ApplyExtrinsicResult {
	Executive::apply_extrinsic(xt)
}

fn send_usdt(to: &AccountId, amount: Balance) -> RuntimeCall {
	RuntimeCall::ForeignAssets(pallet_assets::Call::transfer_keep_alive {
		id: usdt(),
		target: to.clone().into(),
		amount,
	})
}

/// The fee `xt` is charged in STRA before any refund: weight and length at
/// the chain's fee multiplier.
fn fee_in_stra(xt: &UncheckedExtrinsic) -> Balance {
	TransactionPayment::compute_fee(xt.encoded_size() as u32, &xt.get_dispatch_info(), 0)
}

fn fee_paid_in_asset() -> Option<(AccountId, Balance, Option<Location>)> {
	System::events().into_iter().rev().find_map(|record| match record.event {
		RuntimeEvent::AssetTxPayment(pallet_asset_tx_payment::Event::AssetTxFeePaid {
			who,
			actual_fee,
			asset_id,
			..
		}) => Some((who, actual_fee, asset_id)),
		_ => None,
	})
}

#[test]
fn the_usdt_tenant_holds_usdt_and_no_stra_on_the_dev_chain_only() {
	assert_eq!(AccountId::from(usdt_tenant().public()), AccountId::from(USDT_TENANT));
	dev_chain().execute_with(|| {
		let tenant = AccountId::from(USDT_TENANT);
		assert_eq!(balance_of(usdt(), &tenant), USDT_TENANT_ENDOWMENT);
		assert!(Balances::free_balance(&tenant).is_zero());
		// USDT is sufficient: the account exists on it alone.
		assert_eq!(System::account(&tenant).sufficients, 1);
		assert_eq!(System::account(&tenant).providers, 0);
	});
	preset_ext("local_testnet").execute_with(|| {
		let tenant = AccountId::from(USDT_TENANT);
		assert!(!System::account_exists(&tenant));
		assert!(<ForeignAssets as Inspect<AccountId>>::total_issuance(usdt()).is_zero());
	});
}

#[test]
fn an_account_holding_only_usdt_pays_its_fee_in_usdt_at_the_governance_rate() {
	dev_chain().execute_with(|| {
		let rate = set_rate(usdt());
		let tenant = AccountId::from(USDT_TENANT);
		let treasury = TreasuryAccount::get();
		// The treasury already holds some USDT (an XCM fee opened its account).
		assert_ok!(ForeignAssets::mint_into(usdt(), &treasury, DOLLAR / 100));
		let issuance = <ForeignAssets as Inspect<AccountId>>::total_issuance(usdt());
		let to = Bob.to_account_id();

		let xt = signed(&usdt_tenant(), send_usdt(&to, 3 * DOLLAR), Some(usdt()));
		let fee = rate.reciprocal().expect("a rate").saturating_mul_int(fee_in_stra(&xt)).max(1);
		assert!(fee > 0);
		assert_eq!(validate(&xt), Ok(()));
		assert_eq!(apply(xt), Ok(Ok(())));

		assert_eq!(fee_paid_in_asset(), Some((tenant.clone(), fee, Some(usdt()))));
		assert_eq!(balance_of(usdt(), &tenant), USDT_TENANT_ENDOWMENT - 3 * DOLLAR - fee);
		assert_eq!(balance_of(usdt(), &to), 3 * DOLLAR);
		assert_eq!(balance_of(usdt(), &treasury), DOLLAR / 100 + fee);
		assert_eq!(<ForeignAssets as Inspect<AccountId>>::total_issuance(usdt()), issuance);
		// No STRA was touched and the nonce moved on.
		assert!(Balances::free_balance(&tenant).is_zero());
		assert_eq!(nonce_of(&tenant), 1);
	});
}

#[test]
fn a_fee_too_small_to_open_the_treasurys_account_is_burnt_not_kept_by_the_payer() {
	dev_chain().execute_with(|| {
		let rate = set_rate(usdt());
		let tenant = AccountId::from(USDT_TENANT);
		let issuance = <ForeignAssets as Inspect<AccountId>>::total_issuance(usdt());
		let xt = signed(&usdt_tenant(), send_usdt(&Bob.to_account_id(), DOLLAR), Some(usdt()));
		let fee = rate.reciprocal().expect("a rate").saturating_mul_int(fee_in_stra(&xt)).max(1);
		// A transfer costs far less than the 0.01 USDT an account must hold.
		assert!(fee < DOLLAR / 100);

		assert_eq!(apply(xt), Ok(Ok(())));

		assert_eq!(balance_of(usdt(), &tenant), USDT_TENANT_ENDOWMENT - DOLLAR - fee);
		assert!(balance_of(usdt(), &TreasuryAccount::get()).is_zero());
		assert_eq!(<ForeignAssets as Inspect<AccountId>>::total_issuance(usdt()), issuance - fee);
	});
}

#[test]
fn fees_in_stra_are_unchanged_when_no_asset_is_named() {
	dev_chain().execute_with(|| {
		let alice = Alice.to_account_id();
		let treasury = Balances::free_balance(TreasuryAccount::get());
		let call = RuntimeCall::System(frame_system::Call::remark { remark: vec![1; 32] });
		let xt = signed(&Alice.pair(), call, None);
		let before = Balances::free_balance(&alice);

		assert_eq!(apply(xt), Ok(Ok(())));

		let paid = System::events()
			.into_iter()
			.find_map(|record| match record.event {
				RuntimeEvent::TransactionPayment(
					pallet_transaction_payment::Event::TransactionFeePaid {
						who, actual_fee, ..
					},
				) if who == alice => Some(actual_fee),
				_ => None,
			})
			.expect("the STRA fee is reported as before");
		assert!(paid > 0);
		assert_eq!(Balances::free_balance(&alice), before - paid);
		assert_eq!(Balances::free_balance(TreasuryAccount::get()), treasury + paid);
		assert_eq!(fee_paid_in_asset(), None);
	});
}

/// A transaction the pool must refuse: neither check lets it in, and the
/// signer is charged nothing and keeps its nonce.
fn assert_refused_for_payment(signer: &sr25519::Pair, xt: UncheckedExtrinsic) {
	let who = AccountId::from(signer.public());
	let usdt_before = balance_of(usdt(), &who);
	let usdc_before = balance_of(usdc(), &who);
	let stra_before = Balances::free_balance(&who);
	let payment = Err(TransactionValidityError::Invalid(InvalidTransaction::Payment));
	assert_eq!(validate(&xt), payment);
	assert_eq!(apply(xt).map(|_| ()), payment);
	assert_eq!(balance_of(usdt(), &who), usdt_before);
	assert_eq!(balance_of(usdc(), &who), usdc_before);
	assert_eq!(Balances::free_balance(&who), stra_before);
	assert_eq!(nonce_of(&who), 0);
}

#[test]
fn a_fee_in_an_asset_without_a_rate_is_refused() {
	dev_chain().execute_with(|| {
		set_rate(usdt());
		let tenant = AccountId::from(USDT_TENANT);
		// The tenant holds USDC too, but governance set no USDC rate.
		assert_ok!(ForeignAssets::mint_into(usdc(), &tenant, 100 * DOLLAR));
		let xt = signed(&usdt_tenant(), send_usdt(&Bob.to_account_id(), DOLLAR), Some(usdc()));
		assert_refused_for_payment(&usdt_tenant(), xt);
	});
}

#[test]
fn a_fee_in_an_unregistered_asset_is_refused_even_with_a_rate() {
	dev_chain().execute_with(|| {
		let stranger = Location::new(1, [Parachain(2001)]);
		set_rate(stranger.clone());
		let xt = signed(&usdt_tenant(), send_usdt(&Bob.to_account_id(), DOLLAR), Some(stranger));
		assert_refused_for_payment(&usdt_tenant(), xt);
	});
}

#[test]
fn a_fee_the_payer_cannot_cover_without_falling_below_the_minimum_is_refused() {
	dev_chain().execute_with(|| {
		set_rate(usdt());
		// Holds exactly USDT's minimum balance: any fee would end the account.
		let poor = sr25519::Pair::from_string("//PoorTenant", None).expect("a dev path");
		let who = AccountId::from(poor.public());
		assert_ok!(ForeignAssets::mint_into(usdt(), &who, DOLLAR / 100));
		let call = RuntimeCall::System(frame_system::Call::remark { remark: vec![] });
		let xt = signed(&poor, call, Some(usdt()));
		assert_refused_for_payment(&poor, xt);
	});
}

#[test]
fn a_fee_in_stra_from_an_account_holding_only_usdt_is_refused() {
	dev_chain().execute_with(|| {
		let call = RuntimeCall::System(frame_system::Call::remark { remark: vec![] });
		let xt = signed(&usdt_tenant(), call, None);
		assert_refused_for_payment(&usdt_tenant(), xt);
	});
}
