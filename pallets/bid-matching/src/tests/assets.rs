//! Orders paid in a foreign asset (`USDT`, worth two plancks of STRA a
//! unit): the budget and the deposit are held in it and none in STRA, the
//! lease is opened in it, and an asset the market does not take, or has
//! no rate for, is refused with nothing changed.

use super::*;
use polkadot_sdk::{
	frame_support::{assert_noop, traits::fungible::NativeOrWithId},
	sp_runtime::DispatchResult,
};

/// `ALICE` orders the plain terms, paid in `asset`.
fn order_in(asset: AssetKind) -> DispatchResult {
	order_paid_in(ALICE, WINDOW, Default::default(), asset)
}

#[test]
fn an_order_in_usdt_holds_its_budget_and_deposit_in_usdt_and_opens_its_lease_in_it() {
	run_test(|| {
		let stra = free(ALICE);
		assert_ok!(order_in(usdt()));
		// The deposit is ORDER_DEPOSIT's worth: 10 plancks are 5 USDT.
		let order = Orders::<Test>::get(0).unwrap();
		assert_eq!((order.asset.clone(), order.deposit), (usdt(), ORDER_DEPOSIT / 2));
		assert_eq!(BidMatching::order(0).map(|view| view.asset), Some(usdt()));
		assert_eq!(held_in(&usdt(), HoldReason::OrderDeposit, ALICE), ORDER_DEPOSIT / 2);
		assert_eq!(budget_held_in(&usdt(), ALICE), BUDGET);
		assert_eq!(free_in(USDT, ALICE), INITIAL_BALANCE - BUDGET - ORDER_DEPOSIT / 2);
		assert!(System::events().iter().any(|r| matches!(
			&r.event,
			RuntimeEvent::BidMatching(Event::OrderCreated { asset, budget: BUDGET, .. })
				if *asset == usdt()
		)));

		// Bids are prices in the order's asset; the lease is opened in it.
		assert_ok!(place(P1, 0, 8));
		assert_ok!(BidMatching::accept_bid(RuntimeOrigin::signed(ALICE), 0, P1));
		let lease = last_lease().unwrap();
		assert_eq!((lease.asset, lease.price_per_block, lease.escrow), (usdt(), 8, BUDGET));
		assert_eq!(held_in(&usdt(), HoldReason::OrderDeposit, ALICE), 0);
		assert_eq!(free_in(USDT, ALICE), INITIAL_BALANCE - BUDGET);
		// Not a planck of STRA moved.
		assert_eq!(free(ALICE), stra);
	});
}

#[test]
fn an_order_in_usdt_that_ends_without_a_lease_gives_everything_back_in_usdt() {
	run_test(|| {
		assert_ok!(order_in(usdt()));
		assert_ok!(BidMatching::cancel_order(RuntimeOrigin::signed(ALICE), 0));
		assert_eq!(free_in(USDT, ALICE), INITIAL_BALANCE);

		assert_ok!(order_in(usdt()));
		run_to_block(2 + WINDOW);
		assert!(!Orders::<Test>::contains_key(1));
		assert_eq!(free_in(USDT, ALICE), INITIAL_BALANCE);
		assert_eq!(budget_held_in(&usdt(), ALICE), 0);
	});
}

#[test]
fn an_order_in_an_asset_the_market_does_not_take_or_cannot_price_is_refused() {
	run_test(|| {
		assert_noop!(order_in(NativeOrWithId::WithId(REFUSED)), Error::<Test>::AssetNotAccepted);
		assert_noop!(order_in(NativeOrWithId::WithId(UNRATED)), Error::<Test>::NoRate);
		// An asset nobody registered is not accepted either.
		assert_noop!(order_in(NativeOrWithId::WithId(404)), Error::<Test>::AssetNotAccepted);
	});
}

#[test]
fn budgets_in_different_assets_stay_apart() {
	run_test(|| {
		assert_ok!(order_in(STRA));
		assert_ok!(order_in(usdt()));
		assert_eq!(budget_held_in(&STRA, ALICE), BUDGET);
		assert_eq!(budget_held_in(&usdt(), ALICE), BUDGET);
		assert_eq!(held(HoldReason::OrderDeposit, ALICE), ORDER_DEPOSIT);
		assert_eq!(held_in(&usdt(), HoldReason::OrderDeposit, ALICE), ORDER_DEPOSIT / 2);
		assert_ok!(BidMatching::cancel_order(RuntimeOrigin::signed(ALICE), 1));
		assert_eq!(budget_held_in(&usdt(), ALICE), 0);
		assert_eq!(budget_held_in(&STRA, ALICE), BUDGET);
	});
}
