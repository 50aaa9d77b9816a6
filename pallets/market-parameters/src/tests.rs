//! The call sets values in range, refuses the rest by name, and is the only
//! way in. Governance accepts and drops the assets orders may be paid in.

use crate::{mock::*, AcceptedAssets, Error, Event, OutOfRange, Range};
use dynamic_params::market;
use polkadot_sdk::{
	frame_support::{
		assert_noop, assert_ok,
		traits::{dynamic_params::AggregatedKeyValue, Contains, Get},
	},
	frame_system::RawOrigin,
	pallet_parameters,
	sp_runtime::{DispatchError, Perbill},
};

fn take_rate(value: Option<Perbill>) -> RuntimeParameters {
	RuntimeParameters::Market(market::Parameters::TakeRate(market::TakeRate, value))
}

fn dispute_window(value: Option<u64>) -> RuntimeParameters {
	RuntimeParameters::Market(market::Parameters::DisputeWindow(market::DisputeWindow, value))
}

fn set(key_value: RuntimeParameters) -> Result<(), DispatchError> {
	MarketParameters::set_parameter(RawOrigin::Root.into(), key_value)
}

fn updated(key_value: RuntimeParameters, old: Option<RuntimeParametersValue>) -> RuntimeEvent {
	let (key, new_value) = key_value.into_parts();
	RuntimeEvent::Parameters(pallet_parameters::Event::Updated { key, old_value: old, new_value })
}

#[test]
fn a_value_in_range_is_in_force_and_announced() {
	run_test(|| {
		assert_ok!(set(dispute_window(Some(500))));
		assert_eq!(market::DisputeWindow::get(), 500);
		System::assert_last_event(updated(dispute_window(Some(500)), None));

		assert_ok!(set(dispute_window(Some(700))));
		assert_eq!(market::DisputeWindow::get(), 700);
		let (_, old) = dispute_window(Some(500)).into_parts();
		System::assert_last_event(updated(dispute_window(Some(700)), old));
	});
}

#[test]
fn both_ends_of_a_range_are_allowed() {
	run_test(|| {
		assert_ok!(set(dispute_window(Some(DISPUTE_WINDOW.min))));
		assert_eq!(market::DisputeWindow::get(), 10);
		assert_ok!(set(dispute_window(Some(DISPUTE_WINDOW.max))));
		assert_eq!(market::DisputeWindow::get(), 1_000);
		assert_ok!(set(take_rate(Some(Perbill::zero()))));
		assert_eq!(market::TakeRate::get(), Perbill::zero());
		assert_ok!(set(take_rate(Some(Perbill::from_percent(20)))));
		assert_eq!(market::TakeRate::get(), Perbill::from_percent(20));
	});
}

#[test]
fn a_value_below_the_range_is_refused_by_name() {
	run_test(|| {
		// The finding this pallet answers: a dispute window of zero blocks.
		assert_noop!(set(dispute_window(Some(0))), Error::<Test>::BelowMinimum);
		assert_noop!(set(dispute_window(Some(9))), Error::<Test>::BelowMinimum);
		assert_eq!(market::DisputeWindow::get(), 100, "the default stays in force");
	});
}

#[test]
fn a_value_above_the_range_is_refused_by_name() {
	run_test(|| {
		assert_noop!(set(dispute_window(Some(1_001))), Error::<Test>::AboveMaximum);
		assert_noop!(set(take_rate(Some(Perbill::from_percent(21)))), Error::<Test>::AboveMaximum);
		assert_noop!(set(take_rate(Some(Perbill::one()))), Error::<Test>::AboveMaximum);
		assert_eq!(market::TakeRate::get(), Perbill::from_percent(2));
	});
}

#[test]
fn clearing_a_value_restores_the_default() {
	run_test(|| {
		assert_ok!(set(take_rate(Some(Perbill::from_percent(10)))));
		assert_ok!(set(take_rate(None)));
		assert_eq!(market::TakeRate::get(), Perbill::from_percent(2));
		let (_, old) = take_rate(Some(Perbill::from_percent(10))).into_parts();
		System::assert_last_event(updated(take_rate(None), old));
	});
}

#[test]
fn only_the_admin_origin_sets_a_parameter() {
	run_test(|| {
		assert_noop!(
			MarketParameters::set_parameter(RawOrigin::Signed(1).into(), dispute_window(Some(500))),
			DispatchError::BadOrigin
		);
		assert_noop!(
			MarketParameters::set_parameter(RawOrigin::None.into(), dispute_window(Some(500))),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn pallet_parameters_cannot_be_used_to_skip_the_check() {
	run_test(|| {
		assert_noop!(
			Parameters::set_parameter(RawOrigin::Root.into(), dispute_window(Some(0))),
			DispatchError::BadOrigin
		);
		assert_eq!(market::DisputeWindow::get(), 100);
	});
}

#[test]
fn try_state_finds_a_value_out_of_range() {
	new_test_ext().execute_with(|| {
		assert_ok!(MarketParameters::do_try_state());
		let (key, value) = dispute_window(Some(0)).into_parts();
		pallet_parameters::Parameters::<Test>::insert(key, value.expect("a value"));
		assert!(MarketParameters::do_try_state().is_err());
	});
}

#[test]
fn a_range_includes_its_ends_and_names_the_side_it_is_left_by() {
	let range = Range::new(3u32, 5);
	assert_eq!(range.check(&2), Err(OutOfRange::BelowMinimum));
	assert_eq!(range.check(&3), Ok(()));
	assert_eq!(range.check(&5), Ok(()));
	assert_eq!(range.check(&6), Err(OutOfRange::AboveMaximum));
	let reported = range.in_force(4);
	assert_eq!((reported.value, reported.min, reported.max), (4, 3, 5));
}

fn accept(asset: u32) -> Result<(), DispatchError> {
	MarketParameters::accept_asset(RawOrigin::Root.into(), Box::new(asset))
}

fn drop_asset(asset: u32) -> Result<(), DispatchError> {
	MarketParameters::drop_asset(RawOrigin::Root.into(), Box::new(asset))
}

fn accepted() -> Vec<u32> {
	AcceptedAssets::<Test>::get().into_inner()
}

#[test]
fn an_admitted_asset_is_accepted_in_order_and_announced() {
	run_test(|| {
		assert_ok!(accept(7));
		assert_ok!(accept(2));
		assert_eq!(accepted(), vec![2, 7]);
		System::assert_last_event(RuntimeEvent::MarketParameters(Event::AssetAccepted {
			asset: 2,
		}));
		assert!(crate::Accepted::<Test>::contains(&7));
		assert!(!crate::Accepted::<Test>::contains(&3));
	});
}

#[test]
fn an_asset_the_runtime_does_not_admit_is_refused_by_its_reason() {
	run_test(|| {
		assert_noop!(accept(100), Error::<Test>::UnregisteredAsset);
		assert_noop!(accept(50), Error::<Test>::NoRate);
		assert_noop!(accept(40), Error::<Test>::TreasuryCannotReceive);
		assert!(accepted().is_empty());
	});
}

#[test]
fn an_asset_is_accepted_once_and_the_list_is_bounded() {
	run_test(|| {
		assert_ok!(accept(1));
		assert_noop!(accept(1), Error::<Test>::AlreadyAccepted);
		for asset in 2..=MAX_ASSETS {
			assert_ok!(accept(asset));
		}
		assert_noop!(accept(MAX_ASSETS + 1), Error::<Test>::TooManyAssets);
		assert_eq!(accepted().len(), MAX_ASSETS as usize);
	});
}

#[test]
fn a_dropped_asset_leaves_the_list_and_can_come_back() {
	run_test(|| {
		assert_ok!(accept(1));
		assert_ok!(accept(2));
		assert_ok!(drop_asset(1));
		System::assert_last_event(RuntimeEvent::MarketParameters(Event::AssetDropped { asset: 1 }));
		assert_eq!(accepted(), vec![2]);
		assert_noop!(drop_asset(1), Error::<Test>::NotAccepted);
		assert_ok!(accept(1));
		assert_eq!(accepted(), vec![1, 2]);
	});
}

#[test]
fn only_the_admin_origin_accepts_or_drops_an_asset() {
	run_test(|| {
		assert_noop!(
			MarketParameters::accept_asset(RawOrigin::Signed(1).into(), Box::new(1)),
			DispatchError::BadOrigin
		);
		assert_ok!(accept(1));
		assert_noop!(
			MarketParameters::drop_asset(RawOrigin::Signed(1).into(), Box::new(1)),
			DispatchError::BadOrigin
		);
		assert_eq!(accepted(), vec![1]);
	});
}

#[test]
fn try_state_finds_the_accepted_assets_out_of_order() {
	new_test_ext().execute_with(|| {
		AcceptedAssets::<Test>::put(polkadot_sdk::frame_support::BoundedVec::truncate_from(vec![
			3, 1,
		]));
		assert!(MarketParameters::do_try_state().is_err());
	});
}
