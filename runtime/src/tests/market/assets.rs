//! The market in USDT on the development chain: a tenant holding only USDT
//! orders in it, a provider wins, the lease pays the provider and the take
//! rate in USDT to the unit, and nothing moves in STRA; the assets an order
//! may name are the ones governance accepts.

use super::*;
use crate::{
	configs::{
		foreign_assets::{usdc, usdt, MarketRates},
		treasury::TreasuryAccount,
	},
	genesis_config_presets::{USDT_TENANT, USDT_TENANT_ENDOWMENT},
	tests::{set_rate, DOLLAR},
};
use frame_support::{
	assert_noop,
	traits::{
		fungible::NativeOrWithId,
		fungibles::{Inspect, InspectHold},
		tokens::ConversionToAssetBalance,
	},
};
use staging_xcm::v5::Location;

fn in_usdt() -> MarketAsset {
	NativeOrWithId::WithId(usdt())
}

fn usdt_of(who: &AccountId) -> Balance {
	<ForeignAssets as Inspect<AccountId>>::balance(usdt(), who)
}

fn usdt_held(reason: impl Into<RuntimeHoldReason>, who: &AccountId) -> Balance {
	<AssetsHolder as InspectHold<AccountId>>::balance_on_hold(usdt(), &reason.into(), who)
}

/// Eve gives the treasury STRA for the deposit of its USDT account.
fn fund_treasury() {
	assert_ok!(call(
		signed(Sr25519Keyring::Eve),
		pallet_balances::Call::transfer_keep_alive {
			dest: TreasuryAccount::get().into(),
			value: 100 * UNIT
		}
	));
}

/// Governance rates USDT at 2 STRA and accepts it for the market (the
/// treasury, funded for it, pays its account's deposit).
fn accept_usdt() {
	fund_treasury();
	set_rate(usdt());
	assert_ok!(call(
		RuntimeOrigin::root(),
		pallet_market_parameters::Call::accept_asset { asset: Box::new(usdt()) }
	));
}

/// `tenant` orders [`NEED`] in `eu-west` paid in `asset`.
fn order_in(
	tenant: &AccountId,
	asset: MarketAsset,
	max_price: Balance,
	budget: Balance,
) -> DispatchResultWithPostInfo {
	call(
		RuntimeOrigin::signed(tenant.clone()),
		order_call(asset, Default::default(), max_price, budget, bid_window()),
	)
}

#[test]
fn a_tenant_holding_only_usdt_leases_in_usdt_and_pays_to_the_unit() {
	run(|| {
		accept_usdt();
		three_providers();
		let tenant: AccountId = USDT_TENANT.into();
		let treasury = TreasuryAccount::get();
		assert_eq!(
			<Balances as frame_support::traits::fungible::Inspect<AccountId>>::total_balance(
				&tenant
			),
			0
		);
		let treasury_usdt = usdt_of(&treasury);
		let bob = Bob.to_account_id();
		let bob_stra = free(Bob);

		// One cent a block at most, 200 blocks of budget.
		let max_price = DOLLAR / 100;
		let budget = 200 * max_price;
		let order_id = pallet_bid_matching::NextOrderId::<Runtime>::get();
		assert_ok!(order_in(&tenant, in_usdt(), max_price, budget));
		// The order deposit is its STRA parameter's worth at 2 STRA a dollar.
		let deposit = MarketRates::to_asset_balance(market::OrderDeposit::get(), in_usdt())
			.expect("USDT has a rate");
		assert_eq!(deposit, market::OrderDeposit::get() / 2_000_000);
		assert!(deposit > 0);
		assert_eq!(usdt_held(pallet_bid_matching::HoldReason::OrderDeposit, &tenant), deposit);
		assert_eq!(usdt_held(pallet_lease_escrow::HoldReason::Escrow, &tenant), budget);
		assert_eq!(usdt_of(&tenant), USDT_TENANT_ENDOWMENT - budget - deposit);

		// Bob wins at an odd price, so the take rate rounds.
		let price = max_price - 3;
		assert_ok!(bid(Bob, order_id, price));
		assert_ok!(call(
			RuntimeOrigin::signed(tenant.clone()),
			BidCall::accept_bid { order_id, provider: bob.clone() }
		));
		let lease_id = matched_lease(order_id);
		assert_eq!(lease(lease_id).asset, in_usdt());
		// The runtime API's view names the asset, for dApps to read the
		// amounts in its units.
		assert_eq!(LeaseEscrow::lease_view(lease_id).map(|view| view.asset), Some(in_usdt()));
		assert_eq!(usdt_held(pallet_bid_matching::HoldReason::OrderDeposit, &tenant), 0);
		assert_ok!(call(signed(Bob), EscrowCall::confirm_ready { lease_id }));
		let start = System::block_number();

		run_to(start + 50);
		assert_ok!(call(signed(Bob), EscrowCall::withdraw { lease_id }));
		let (to_treasury, to_bob) = split(50 * price);
		assert_eq!(usdt_of(&bob), to_bob);
		assert_eq!(usdt_of(&treasury), treasury_usdt + to_treasury);

		// A fault report's deposit is held in USDT too, and comes back when
		// the Council dismisses the report.
		let report_deposit = MarketRates::to_asset_balance(
			<Runtime as pallet_provider_slashing::Config>::ReportDeposit::get(),
			in_usdt(),
		)
		.expect("USDT has a rate");
		let report_id = pallet_provider_slashing::NextReportId::<Runtime>::get();
		assert_ok!(call(
			RuntimeOrigin::signed(tenant.clone()),
			SlashingCall::report_fault {
				lease_id,
				kind: pallet_provider_slashing::FaultKind::BelowSpec,
				evidence: sp_core::H256::repeat_byte(7),
			}
		));
		assert_eq!(
			usdt_held(pallet_provider_slashing::HoldReason::ReportDeposit, &tenant),
			report_deposit
		);
		assert_ok!(call(
			council(3),
			SlashingCall::resolve_report {
				report_id,
				verdict: pallet_provider_slashing::Verdict::Dismiss
			}
		));
		assert_eq!(usdt_held(pallet_provider_slashing::HoldReason::ReportDeposit, &tenant), 0);

		assert_ok!(call(
			RuntimeOrigin::signed(tenant.clone()),
			EscrowCall::close_lease { lease_id }
		));
		// The record's deposit is kept in USDT too, at the opening's rate.
		let kept = lease_record_deposit_in_usdt();
		assert_eq!(
			usdt_of(&tenant),
			USDT_TENANT_ENDOWMENT - 50 * price - kept,
			"the tenant got back every unit not spent, less the record's deposit"
		);
		assert_eq!(usdt_held(pallet_lease_escrow::HoldReason::Escrow, &tenant), kept);
		// Nothing moved in STRA: the tenant has none, Bob's is as it was.
		assert_eq!(
			<Balances as frame_support::traits::fungible::Inspect<AccountId>>::total_balance(
				&tenant
			),
			0
		);
		assert_eq!(free(Bob), bob_stra);
	});
}

/// The closed-lease record's deposit in USDT at 2 STRA a dollar.
fn lease_record_deposit_in_usdt() -> Balance {
	MarketRates::to_asset_balance(record_deposit(), in_usdt()).expect("USDT has a rate")
}

#[test]
fn an_order_names_stra_or_an_asset_governance_accepted() {
	run(|| {
		let tenant: AccountId = USDT_TENANT.into();
		// Rated but not accepted yet.
		set_rate(usdt());
		let refused = || pallet_bid_matching::Error::<Runtime>::AssetNotAccepted;
		assert_noop!(order_in(&tenant, in_usdt(), DOLLAR / 100, DOLLAR * 2), refused());
		// Registered, never accepted.
		assert_noop!(
			order_in(&tenant, NativeOrWithId::WithId(usdc()), DOLLAR / 100, DOLLAR * 2),
			refused()
		);
		// Nobody registered it.
		let unknown = Location::new(1, [staging_xcm::v5::Junction::Parachain(2001)]);
		assert_noop!(
			order_in(&tenant, NativeOrWithId::WithId(unknown), DOLLAR / 100, DOLLAR * 2),
			refused()
		);

		fund_treasury();
		assert_ok!(call(
			RuntimeOrigin::root(),
			pallet_market_parameters::Call::accept_asset { asset: Box::new(usdt()) }
		));
		assert_ok!(order_in(&tenant, in_usdt(), DOLLAR / 100, DOLLAR * 2));
		// Dave holds STRA and no USDT.
		assert!(order_in(&Dave.to_account_id(), in_usdt(), DOLLAR / 100, DOLLAR * 2).is_err());

		// Dropped: no new order, the open one goes on.
		assert_ok!(call(
			RuntimeOrigin::root(),
			pallet_market_parameters::Call::drop_asset { asset: Box::new(usdt()) }
		));
		assert_noop!(order_in(&tenant, in_usdt(), DOLLAR / 100, DOLLAR * 2), refused());
		assert_eq!(pallet_bid_matching::Orders::<Runtime>::iter().count(), 1);
	});
}

/// What the market asks in a foreign asset for a figure in STRA (a
/// deposit, a minimum top-up) is that figure over the rate, rounded up, and
/// at least one unit; what a foreign amount is worth in STRA (what a tenant
/// paid, which caps its compensation) is rounded down. Either way the
/// rounding never favours the party it concerns. The expected figures are
/// worked out by hand, not by the converter.
#[test]
fn conversions_round_against_the_party_they_concern() {
	use frame_support::traits::tokens::ConversionFromAssetBalance;
	use sp_runtime::FixedU128;
	run(|| {
		let to = |amount| MarketRates::to_asset_balance(amount, in_usdt()).ok();
		let from = |amount| MarketRates::from_asset_balance(amount, in_usdt()).ok();
		assert_eq!(to(UNIT), None, "no rate, no price");

		// 3 plancks a unit.
		assert_ok!(AssetRate::create(
			RuntimeOrigin::root(),
			Box::new(usdt()),
			FixedU128::from_u32(3)
		));
		// Exact where it divides (AssetRate's own conversion gives UNIT - 1).
		assert_eq!(to(3 * UNIT), Some(UNIT));
		assert_eq!(to(3), Some(1));
		// Up where it does not: 4/3 and 5/3 are two units, 1/3 is one.
		assert_eq!(to(4), Some(2));
		assert_eq!(to(5), Some(2));
		assert_eq!(to(1), Some(1));
		assert_eq!(to(0), Some(0));
		// A deposit is never free: nothing in STRA still asks one unit.
		assert_eq!(stratus_primitives::deposit_in::<MarketRates, _, _>(0, in_usdt()), Some(1));
		assert_eq!(stratus_primitives::deposit_in::<MarketRates, _, _>(4, in_usdt()), Some(2));

		// 2.5 plancks a unit.
		assert_ok!(AssetRate::update(
			RuntimeOrigin::root(),
			Box::new(usdt()),
			FixedU128::from_rational(5, 2)
		));
		assert_eq!(to(5), Some(2));
		assert_eq!(to(6), Some(3), "2.4 units round up");
		assert_eq!(to(1), Some(1), "0.4 units round up");
		// Worth in STRA, down: 1 unit is 2.5 plancks, 3 units 7.5.
		assert_eq!(from(1), Some(2));
		assert_eq!(from(2), Some(5));
		assert_eq!(from(3), Some(7));

		// A rate of zero is refused, not divided by.
		assert_ok!(AssetRate::update(
			RuntimeOrigin::root(),
			Box::new(usdt()),
			FixedU128::from_u32(0)
		));
		assert_eq!(to(UNIT), None);
	});
}
