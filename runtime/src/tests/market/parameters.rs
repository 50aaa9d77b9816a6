//! Governance cannot break the market: every parameter has a range,
//! `MarketParameters.set_parameter` refuses a value outside it by name,
//! `Parameters.set_parameter` refuses everyone, and the runtime API reports
//! what is in force.

use super::*;
use crate::{configs::parameters::RuntimeParameters, market_api::MarketParametersView};
use frame_support::assert_noop;
use market::Parameters as P;
use pallet_market_parameters::{Error, InForce};
use pallet_provider_slashing::{FaultKind, ResolvedBy, Verdict};
use sp_core::H256;
use sp_keyring::Sr25519Keyring::Alice;
use sp_runtime::DispatchError;

fn set(origin: RuntimeOrigin, value: P) -> DispatchResultWithPostInfo {
	call(
		origin,
		pallet_market_parameters::Call::<Runtime>::set_parameter {
			key_value: RuntimeParameters::Market(value),
		},
	)
}

fn dispute_window(blocks: BlockNumber) -> P {
	P::DisputeWindow(market::DisputeWindow, Some(blocks))
}

fn in_range<V: PartialOrd + core::fmt::Debug>(name: &str, p: &InForce<V>) {
	assert!(p.min <= p.value && p.value <= p.max, "{name} {:?} is out of its range", p.value);
}

/// Each field of the view, by name.
fn each_in_range(view: &MarketParametersView) {
	in_range("take_rate", &view.take_rate);
	in_range("min_provider_bond", &view.min_provider_bond);
	in_range("order_deposit", &view.order_deposit);
	in_range("bid_forfeit", &view.bid_forfeit);
	in_range("report_deposit", &view.report_deposit);
	in_range("early_close_slash", &view.early_close_slash);
	in_range("not_delivered_slash", &view.not_delivered_slash);
	in_range("unavailable_slash", &view.unavailable_slash);
	in_range("below_spec_slash", &view.below_spec_slash);
	in_range("compensation_share", &view.compensation_share);
	in_range("dispute_window", &view.dispute_window);
	in_range("adjudication_period", &view.adjudication_period);
	in_range("report_grace_period", &view.report_grace_period);
	in_range("ready_window", &view.ready_window);
	in_range("running_low_notice", &view.running_low_notice);
}

#[test]
fn every_default_lies_in_its_range_and_the_api_reports_it() {
	run(|| {
		assert_eq!(pallet_parameters::Parameters::<Runtime>::iter().count(), 0, "all defaults");
		let view = MarketParametersView::in_force();
		each_in_range(&view);
		assert_eq!(view.take_rate.value, market::TakeRate::get());
		assert_eq!(view.min_provider_bond.value, market::MinProviderBond::get());
		assert_eq!(view.dispute_window, bounds::DISPUTE_WINDOW.in_force(2 * HOURS));
		assert_eq!(view.adjudication_period.value, 7 * DAYS);
		assert_eq!(view.report_grace_period.value, DAYS);
		assert_eq!(view.ready_window, bounds::READY_WINDOW.in_force(30 * MINUTES));
		assert_eq!(view.running_low_notice, bounds::RUNNING_LOW_NOTICE.in_force(HOURS));
		// The grace period may not outlast unbonding, or a provider's stake
		// could leave before its last report comes in.
		let unbonding: BlockNumber =
			<Runtime as pallet_provider_slashing::Config>::UnbondingPeriod::get();
		assert_eq!(view.report_grace_period.max, unbonding);
	});
}

#[test]
fn governance_sets_a_value_in_range_and_the_api_reports_it() {
	run(|| {
		assert_ok!(set(council(2), dispute_window(bounds::DISPUTE_WINDOW.min)));
		assert_eq!(market::DisputeWindow::get(), 10);
		assert_eq!(MarketParametersView::in_force().dispute_window.value, 10);
		assert!(has_event(pallet_parameters::Event::<Runtime>::Updated {
			key: crate::configs::parameters::RuntimeParametersKey::Market(
				market::ParametersKey::DisputeWindow(market::DisputeWindow)
			),
			old_value: None,
			new_value: Some(crate::configs::parameters::RuntimeParametersValue::Market(
				market::ParametersValue::DisputeWindow(10)
			)),
		}));
		assert_ok!(set(
			RuntimeOrigin::root(),
			P::TakeRate(market::TakeRate, Some(bounds::TAKE_RATE.max))
		));
		assert_eq!(MarketParametersView::in_force().take_rate.value, Perbill::from_percent(20));
		// Back to the default.
		assert_ok!(set(RuntimeOrigin::root(), P::TakeRate(market::TakeRate, None)));
		assert_eq!(market::TakeRate::get(), Perbill::from_percent(2));
	});
}

#[test]
fn a_value_out_of_range_is_refused_by_name() {
	run(|| {
		// Item 6 of the integrity review: a zero dispute window.
		assert_noop!(set(council(2), dispute_window(0)), Error::<Runtime>::BelowMinimum);
		assert_noop!(
			set(council(2), dispute_window(bounds::DISPUTE_WINDOW.max + 1)),
			Error::<Runtime>::AboveMaximum
		);
		assert_noop!(
			set(council(2), P::ReportGracePeriod(market::ReportGracePeriod, Some(8 * DAYS))),
			Error::<Runtime>::AboveMaximum
		);
		assert_noop!(
			set(council(2), P::BidForfeit(market::BidForfeit, Some(0))),
			Error::<Runtime>::BelowMinimum
		);
		assert_noop!(
			set(council(2), P::TakeRate(market::TakeRate, Some(Perbill::from_percent(21)))),
			Error::<Runtime>::AboveMaximum
		);
		assert_noop!(
			set(council(2), P::MinLeaseStake(market::MinLeaseStake, Some(0))),
			Error::<Runtime>::BelowMinimum
		);
		assert_noop!(
			set(council(2), P::MinProviderBond(market::MinProviderBond, Some(0))),
			Error::<Runtime>::BelowMinimum
		);
		// What libFuzzer's first run set before the fuzzer's own arithmetic
		// on bonds overflowed (with overflow checks on).
		assert_noop!(
			set(council(2), P::MinProviderBond(market::MinProviderBond, Some(Balance::MAX))),
			Error::<Runtime>::AboveMaximum
		);
		each_in_range(&MarketParametersView::in_force());
	});
}

#[test]
fn only_governance_sets_a_parameter_and_parameters_admits_nobody() {
	run(|| {
		assert_noop!(set(signed(Alice), dispute_window(100)), DispatchError::BadOrigin);
		assert_noop!(set(council(1), dispute_window(100)), DispatchError::BadOrigin);
		// The check cannot be skipped: `Parameters` itself refuses even root.
		let direct = pallet_parameters::Call::<Runtime>::set_parameter {
			key_value: RuntimeParameters::Market(dispute_window(0)),
		};
		assert_noop!(call(RuntimeOrigin::root(), direct.clone()), DispatchError::BadOrigin);
		assert_noop!(call(council(3), direct), DispatchError::BadOrigin);
		assert_eq!(market::DisputeWindow::get(), 2 * HOURS);
	});
}

#[test]
fn under_the_shortest_dispute_window_a_report_is_still_upheld_on_time() {
	run(|| {
		three_providers();
		assert_ok!(set(council(2), dispute_window(bounds::DISPUTE_WINDOW.min)));
		let lease_id = open_lease(Alice, Bob, MAX_PRICE, MAX_PRICE * 10_000);
		next_block();
		let report_id = pallet_provider_slashing::NextReportId::<Runtime>::get();
		assert_ok!(call(
			signed(Alice),
			SlashingCall::report_fault {
				lease_id,
				kind: FaultKind::BelowSpec,
				evidence: H256::repeat_byte(1)
			}
		));
		let filed = System::block_number();
		let bond = bond_of(Bob).total();
		let (slashed, _) = slash_split(
			market::BelowSpecSlash::get(),
			slice_at(MAX_PRICE),
			MAX_PRICE * Balance::from(bounds::DISPUTE_WINDOW.min + 1),
		);
		run_to(filed + bounds::DISPUTE_WINDOW.min - 1);
		assert!(pallet_provider_slashing::Reports::<Runtime>::contains_key(report_id));
		next_block();
		assert!(!pallet_provider_slashing::Reports::<Runtime>::contains_key(report_id));
		assert_eq!(bond_of(Bob).total(), bond - slashed);
		assert!(System::events().iter().any(|record| matches!(
			&record.event,
			RuntimeEvent::ProviderSlashing(pallet_provider_slashing::Event::ReportResolved {
				report_id: id,
				verdict: Verdict::Uphold,
				slashed: amount,
				by: ResolvedBy::Deadline,
				..
			}) if *id == report_id && *amount == slashed
		)));
	});
}
