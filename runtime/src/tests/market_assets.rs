//! The assets the market may be paid in: governance accepts a foreign asset
//! once it is registered, has a rate and the treasury can receive it (its
//! account opened if need be), and money in it is held, paid on hold and
//! released through the one `fungibles` the market pallets are given,
//! exactly as STRA is.

use super::{preset_chain, set_rate, DOLLAR};
use crate::{
	configs::{
		foreign_assets::{usdc, usdt, MarketAsset, MarketFunds},
		treasury::TreasuryAccount,
	},
	genesis_config_presets::{USDT_TENANT, USDT_TENANT_ENDOWMENT},
	*,
};
use frame_support::{
	assert_noop, assert_ok,
	traits::{
		fungible::NativeOrWithId,
		fungibles::{Inspect, InspectHold, Mutate, MutateHold},
		tokens::{Fortitude, Precision, Preservation, Restriction},
		Contains, Currency, Get,
	},
};
use pallet_market_parameters::{AcceptedAssets, Error as ParamsError};
use sp_keyring::Sr25519Keyring::{Bob, Dave};
use sp_runtime::{DispatchError, TokenError};
use staging_xcm::v5::{Junction::Parachain, Location};

fn dev_chain() -> sp_io::TestExternalities {
	preset_chain("development")
}

fn accept(asset: Location) -> Result<(), DispatchError> {
	MarketParameters::accept_asset(RuntimeOrigin::root(), Box::new(asset))
}

fn treasury_has_account(asset: &Location) -> bool {
	pallet_assets::Account::<Runtime, pallet_assets::Instance1>::contains_key(
		asset,
		TreasuryAccount::get(),
	)
}

fn escrow() -> RuntimeHoldReason {
	pallet_lease_escrow::HoldReason::Escrow.into()
}

fn in_usdt() -> MarketAsset {
	NativeOrWithId::WithId(usdt())
}

#[test]
fn governance_accepts_usdt_once_it_has_a_rate_opening_the_treasurys_account() {
	dev_chain().execute_with(|| {
		let treasury = TreasuryAccount::get();
		Balances::make_free_balance_be(&treasury, 100 * UNIT);
		assert_noop!(accept(usdt()), ParamsError::<Runtime>::NoRate);
		assert_noop!(
			accept(Location::new(1, [Parachain(2001)])),
			ParamsError::<Runtime>::UnregisteredAsset
		);
		assert_noop!(
			MarketParameters::accept_asset(
				RuntimeOrigin::signed(Bob.to_account_id()),
				Box::new(usdt())
			),
			DispatchError::BadOrigin
		);
		assert!(!treasury_has_account(&usdt()));

		set_rate(usdt());
		assert_ok!(accept(usdt()));

		assert!(pallet_market_parameters::Accepted::<Runtime>::contains(&usdt()));
		assert!(!pallet_market_parameters::Accepted::<Runtime>::contains(&usdc()));
		// The treasury's account was opened with its own STRA as the deposit.
		assert!(treasury_has_account(&usdt()));
		let deposit =
			<Runtime as pallet_assets::Config<pallet_assets::Instance1>>::AssetAccountDeposit::get(
			);
		assert_eq!(Balances::reserved_balance(&treasury), deposit);
		System::assert_last_event(
			pallet_market_parameters::Event::<Runtime>::AssetAccepted { asset: usdt() }.into(),
		);
		assert_noop!(accept(usdt()), ParamsError::<Runtime>::AlreadyAccepted);
	});
}

#[test]
fn a_treasury_that_cannot_pay_the_deposit_cannot_receive_the_asset() {
	dev_chain().execute_with(|| {
		set_rate(usdt());
		// The treasury holds nothing: it cannot pay the account's deposit.
		assert!(Balances::free_balance(TreasuryAccount::get()) < UNIT / 100);
		assert_noop!(accept(usdt()), ParamsError::<Runtime>::TreasuryCannotReceive);
		assert!(AcceptedAssets::<Runtime>::get().is_empty());
	});
}

#[test]
fn a_treasury_already_holding_the_asset_keeps_its_account_and_pays_nothing() {
	dev_chain().execute_with(|| {
		let treasury = TreasuryAccount::get();
		set_rate(usdt());
		assert_ok!(ForeignAssets::mint_into(usdt(), &treasury, DOLLAR));
		assert_ok!(accept(usdt()));
		assert_eq!(Balances::reserved_balance(&treasury), 0);
		assert_eq!(ForeignAssets::balance(usdt(), &treasury), DOLLAR);
	});
}

#[test]
fn usdt_is_held_paid_on_hold_and_released_as_stra_is() {
	dev_chain().execute_with(|| {
		let tenant = AccountId::from(USDT_TENANT);
		let provider = Dave.to_account_id();
		let treasury = TreasuryAccount::get();
		Balances::make_free_balance_be(&treasury, 100 * UNIT);
		set_rate(usdt());
		assert_ok!(accept(usdt()));
		let issuance = MarketFunds::total_issuance(in_usdt());

		assert_ok!(MarketFunds::hold(in_usdt(), &escrow(), &tenant, 100 * DOLLAR));
		assert_eq!(MarketFunds::balance_on_hold(in_usdt(), &escrow(), &tenant), 100 * DOLLAR);
		assert_eq!(MarketFunds::balance(in_usdt(), &tenant), USDT_TENANT_ENDOWMENT - 100 * DOLLAR);

		// A payout to a provider holding no USDT opens its account (USDT is sufficient).
		assert_ok!(MarketFunds::transfer_on_hold(
			in_usdt(),
			&escrow(),
			&tenant,
			&provider,
			30 * DOLLAR,
			Precision::Exact,
			Restriction::Free,
			Fortitude::Force,
		));
		assert_eq!(MarketFunds::balance(in_usdt(), &provider), 30 * DOLLAR);
		// One unit to the treasury, far below the 0.01 USDT an account must
		// hold: its account, opened when the asset was accepted, takes it.
		assert_ok!(MarketFunds::transfer_on_hold(
			in_usdt(),
			&escrow(),
			&tenant,
			&treasury,
			1,
			Precision::Exact,
			Restriction::Free,
			Fortitude::Force,
		));
		assert_eq!(MarketFunds::balance(in_usdt(), &treasury), 1);
		// The same unit to an account without one cannot open it.
		assert_noop!(
			MarketFunds::transfer_on_hold(
				in_usdt(),
				&escrow(),
				&tenant,
				&Bob.to_account_id(),
				1,
				Precision::Exact,
				Restriction::Free,
				Fortitude::Force,
			),
			TokenError::CannotCreate
		);

		let left = 100 * DOLLAR - 30 * DOLLAR - 1;
		assert_ok!(MarketFunds::release(in_usdt(), &escrow(), &tenant, left, Precision::Exact));
		assert_eq!(MarketFunds::balance_on_hold(in_usdt(), &escrow(), &tenant), 0);
		assert_eq!(
			MarketFunds::balance(in_usdt(), &tenant),
			USDT_TENANT_ENDOWMENT - 30 * DOLLAR - 1
		);
		assert_eq!(MarketFunds::total_issuance(in_usdt()), issuance);
	});
}

#[test]
fn a_hold_never_takes_the_minimum_balance_an_account_must_keep() {
	dev_chain().execute_with(|| {
		let tenant = AccountId::from(USDT_TENANT);
		let min_balance = DOLLAR / 100;
		assert_noop!(
			MarketFunds::hold(in_usdt(), &escrow(), &tenant, USDT_TENANT_ENDOWMENT),
			TokenError::FundsUnavailable
		);
		assert_ok!(MarketFunds::hold(
			in_usdt(),
			&escrow(),
			&tenant,
			USDT_TENANT_ENDOWMENT - min_balance
		));
		assert_eq!(MarketFunds::balance(in_usdt(), &tenant), min_balance);
		// Held, the rest cannot move out of the account either.
		assert!(ForeignAssets::transfer_keep_alive(
			RuntimeOrigin::signed(tenant.clone()),
			usdt(),
			Bob.to_account_id().into(),
			1
		)
		.is_err());
	});
}

#[test]
fn stra_goes_through_the_same_funds_as_balances() {
	dev_chain().execute_with(|| {
		let bob = Bob.to_account_id();
		let free = Balances::free_balance(&bob);
		assert_ok!(MarketFunds::hold(NativeOrWithId::Native, &escrow(), &bob, 5 * UNIT));
		assert_eq!(Balances::free_balance(&bob), free - 5 * UNIT);
		assert_eq!(
			<Balances as frame_support::traits::fungible::InspectHold<AccountId>>::balance_on_hold(
				&escrow(),
				&bob
			),
			5 * UNIT
		);
		assert_ok!(MarketFunds::transfer_and_hold(
			NativeOrWithId::Native,
			&escrow(),
			&Dave.to_account_id(),
			&bob,
			UNIT,
			Precision::Exact,
			Preservation::Preserve,
			Fortitude::Polite,
		));
		assert_eq!(MarketFunds::balance_on_hold(NativeOrWithId::Native, &escrow(), &bob), 6 * UNIT);
	});
}
