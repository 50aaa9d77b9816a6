//! No escape from accountability: a provider escapes neither a report nor
//! jail by closing, unbonding or deregistering, cannot make itself
//! unreportable, and a dispute waits for nobody forever. Each test follows
//! one way out that an attacker tried, through the four real pallets.

use super::*;
use frame_support::assert_noop;
use pallet_provider_slashing::{FaultKind, ResolvedBy, Verdict};
use sp_core::H256;
use sp_keyring::Sr25519Keyring::{Alice, Eve, Ferdie};

/// `tenant` reports `kind` on `lease_id`; returns the report's id.
fn report(tenant: Sr25519Keyring, lease_id: LeaseId, kind: FaultKind) -> u64 {
	let report_id = pallet_provider_slashing::NextReportId::<Runtime>::get();
	assert_ok!(report_fault(tenant, lease_id, kind));
	report_id
}

fn min_term() -> BlockNumber {
	<Runtime as pallet_bid_matching::Config>::MinLeaseTerm::get()
}

#[test]
fn closing_first_escapes_no_report() {
	run(|| {
		three_providers();
		let budget = MAX_PRICE * 10_000;
		let lease_id = open_lease(Alice, Bob, MAX_PRICE, budget);
		// Bob's machine failed; he closes after the minimum term, which costs
		// him nothing by itself, before Alice gets to report.
		run_to(System::block_number() + min_term());
		assert_ok!(call(signed(Bob), EscrowCall::close_lease { lease_id }));
		assert_eq!(bond_of(Bob).faults, 0);

		// Alice reports the closed lease within the grace period.
		let bond = bond_of(Bob).total();
		let report_id = report(Alice, lease_id, FaultKind::Unavailable);
		// It paid for the minimum term before Bob closed.
		let (slashed, to_tenant) = slash_split(
			market::UnavailableSlash::get(),
			slice_at(MAX_PRICE),
			MAX_PRICE * Balance::from(min_term()),
		);
		let alice_free = free(Alice);
		run_to(System::block_number() + market::DisputeWindow::get());
		assert!(has_event(pallet_provider_slashing::Event::ReportResolved {
			report_id,
			verdict: Verdict::Uphold,
			slashed,
			lease_closed: false,
			by: ResolvedBy::Deadline,
		}));
		assert_eq!(bond_of(Bob).total(), bond - slashed);
		assert_eq!(bond_of(Bob).faults, 1);
		assert_eq!(free(Alice), alice_free + market::ReportDeposit::get() + to_tenant);
	});
}

#[test]
fn a_report_after_the_grace_period_is_refused_and_the_record_can_go() {
	run(|| {
		three_providers();
		let budget = MAX_PRICE * 10_000;
		let lease_id = open_lease(Alice, Bob, MAX_PRICE, budget);
		let grace = bounds::REPORT_GRACE_PERIOD.min;
		set_report_grace_period(grace);
		assert_ok!(call(signed(Alice), EscrowCall::close_lease { lease_id }));
		assert_eq!(escrow_held(Alice), record_deposit());
		run_to(System::block_number() + grace);
		assert_noop!(
			report_fault(Alice, lease_id, FaultKind::Unavailable),
			pallet_provider_slashing::Error::<Runtime>::LeaseNotReportable
		);
		// Anyone clears the record, fee waived; the deposit goes to Alice.
		let alice_free = free(Alice);
		let info =
			call(signed(Ferdie), EscrowCall::forget_lease { lease_id }).expect("the record goes");
		assert_eq!(info.pays_fee, frame_support::dispatch::Pays::No);
		assert_eq!(free(Alice), alice_free + record_deposit());
		assert_eq!(escrow_held(Alice), 0);
	});
}

#[test]
fn the_jail_survives_deregistering_and_registering_again() {
	run(|| {
		three_providers();
		let budget = MAX_PRICE * 10_000;
		let max_faults: u32 =
			<Runtime as pallet_provider_slashing::Config>::MaxFaultsBeforeJail::get();
		// Dave is one fault away from jail.
		for _ in 1..max_faults {
			let lease_id = open_lease(Alice, Dave, MAX_PRICE, budget);
			next_block();
			let slashed = close_early(Dave, Alice, lease_id);
			assert_ok!(call(signed(Dave), SlashingCall::bond { amount: slashed }));
		}
		// His last lease fails; he closes it after its term and tries to
		// leave the registry before the report lands.
		let lease_id = open_lease(Alice, Dave, MAX_PRICE, budget);
		run_to(System::block_number() + min_term());
		assert_ok!(call(signed(Dave), EscrowCall::close_lease { lease_id }));
		let report_id = report(Alice, lease_id, FaultKind::NotDelivered);
		assert_noop!(
			call(signed(Dave), RegistryCall::deregister_provider {}),
			pallet_resource_registry::Error::<Runtime>::OpenReportsPending
		);
		assert_noop!(
			call(signed(Dave), SlashingCall::withdraw_unbonded {}),
			pallet_provider_slashing::Error::<Runtime>::OpenReportsPending
		);

		// The report is upheld: the third fault jails him.
		run_to(System::block_number() + market::DisputeWindow::get());
		assert!(ProviderSlashing::report(report_id).is_none());
		assert_eq!(bond_of(Dave).faults, max_faults);
		assert!(jailed(Dave));

		// Leaving and coming back changes nothing: the jail is slashing's.
		assert_ok!(call(signed(Dave), RegistryCall::deregister_provider {}));
		register_and_bond(Dave, "eu-west");
		assert!(jailed(Dave));
		let order_id = create_order(Alice, MAX_PRICE, budget);
		assert_noop!(
			bid(Dave, order_id, MAX_PRICE),
			pallet_resource_registry::Error::<Runtime>::ProviderJailed
		);
		// And the jail can still be served out and lifted.
		let jail_period: BlockNumber =
			<Runtime as pallet_provider_slashing::Config>::JailPeriod::get();
		System::set_block_number(System::block_number() + jail_period);
		assert_ok!(call(signed(Dave), SlashingCall::unjail {}));
		assert!(!jailed(Dave));
	});
}

#[test]
fn a_self_dealer_cannot_make_itself_unreportable() {
	run(|| {
		three_providers();
		// Eve is Bob's second account: Bob leases to her at the lowest price
		// and she files reports against him that he disputes, more than the
		// sixteen a provider once could have open.
		let budget = MAX_PRICE * 10_000;
		let mut disputed = Vec::new();
		for _ in 0..20 {
			let lease_id = open_lease(Eve, Bob, MAX_PRICE, budget);
			let report_id = report(Eve, lease_id, FaultKind::BelowSpec);
			assert_ok!(call(
				signed(Bob),
				SlashingCall::dispute { report_id, evidence: H256::repeat_byte(9) }
			));
			// Closed, so that Bob's capacity serves the next one: the report
			// stays open.
			assert_ok!(call(signed(Eve), EscrowCall::close_lease { lease_id }));
			disputed.push(report_id);
		}
		// An honest tenant still reports him.
		let lease_id = open_lease(Alice, Bob, MAX_PRICE, budget);
		report(Alice, lease_id, FaultKind::Unavailable);
		assert_eq!(
			pallet_provider_slashing::OpenReportCount::<Runtime>::get(Bob.to_account_id()),
			21
		);
		// The disputes do not wait forever: undecided, they are dismissed
		// (Eve's deposits back to Eve, nothing to Bob) at their deadline.
		let decide_by = ProviderSlashing::report(disputed[19]).expect("disputed").deadline;
		let eve_held = held(pallet_provider_slashing::HoldReason::ReportDeposit, Eve);
		assert_eq!(eve_held, market::ReportDeposit::get() * 20);
		System::set_block_number(decide_by - 1);
		next_block();
		while disputed.iter().any(|id| ProviderSlashing::report(*id).is_some()) {
			next_block();
		}
		assert!(has_event(pallet_provider_slashing::Event::ReportResolved {
			report_id: disputed[0],
			verdict: Verdict::Dismiss,
			slashed: 0,
			lease_closed: false,
			by: ResolvedBy::Deadline,
		}));
		assert_eq!(held(pallet_provider_slashing::HoldReason::ReportDeposit, Eve), 0);
	});
}
