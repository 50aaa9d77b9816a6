//! Provider faults: the early-close slash, fault reports, disputes and their
//! adjudication, and the jail.

use super::*;
use frame_support::assert_noop;
use pallet_provider_slashing::{FaultKind, ResolvedBy, Verdict};
use sp_core::H256;
use sp_keyring::Sr25519Keyring::{Alice, Ferdie};
use sp_runtime::DispatchError;
use stratus_primitives::CloseReason;

#[test]
fn a_provider_closing_early_is_slashed_and_the_tenant_compensated() {
	run(|| {
		three_providers();
		let budget = MAX_PRICE * 1_000;
		let lease_id = open_lease(Alice, Bob, MAX_PRICE, budget);
		let started = System::block_number();
		run_to(started + 5);
		let bond = bond_of(Bob).total();
		let treasury = treasury_free();
		let (to_treasury, _) = split(MAX_PRICE * 5);

		let (slashed, to_tenant) =
			slash_split(market::EarlyCloseSlash::get(), slice_at(MAX_PRICE), MAX_PRICE * 5);
		assert_eq!(close_early(Bob, Alice, lease_id), slashed);
		assert!(slashed > 0);
		// The slash is a share of the lease's slice, not of the bond.
		assert!(slashed < market::EarlyCloseSlash::get().mul_floor(bond));
		assert_eq!(treasury_free(), treasury + to_treasury + slashed - to_tenant);
		assert_eq!(bond_of(Bob).faults, 1);
		assert!(has_event(pallet_lease_escrow::Event::LeaseClosed {
			lease_id,
			reason: CloseReason::ByProvider,
			paid_to_provider: MAX_PRICE * 5 - to_treasury,
			paid_to_treasury: to_treasury,
			owed_to_provider: 0,
			refunded: budget - MAX_PRICE * 5 - record_deposit(),
			record_deposit: record_deposit(),
			claimable: 0,
		}));

		// Below the minimum bond Bob may not bid; topping up restores it.
		let order_id = create_order(Alice, MAX_PRICE, budget);
		assert_noop!(
			bid(Bob, order_id, MAX_PRICE),
			pallet_provider_slashing::Error::<Runtime>::BondBelowMinimum
		);
		assert_ok!(call(signed(Bob), SlashingCall::bond { amount: slashed }));
		assert_ok!(bid(Bob, order_id, MAX_PRICE));

		// Closing after the minimum term is no fault.
		let lease_id = open_lease(Ferdie, Charlie, MAX_PRICE, budget);
		let min_term = lease(lease_id).min_term;
		run_to(System::block_number() + min_term);
		let bond = bond_of(Charlie).total();
		assert_ok!(call(signed(Charlie), EscrowCall::close_lease { lease_id }));
		assert_eq!(bond_of(Charlie).total(), bond);
		assert_eq!(bond_of(Charlie).faults, 0);
		assert!(!System::events().iter().any(|record| matches!(
			record.event,
			RuntimeEvent::LeaseEscrow(pallet_lease_escrow::Event::EarlyCloseReported {
				lease_id: closed,
				..
			}) if closed == lease_id
		)));
	});
}

#[test]
fn disputed_reports_are_rejected_by_root_or_upheld_by_the_council() {
	run(|| {
		three_providers();
		let budget = MAX_PRICE * 1_000;
		let lease_id = open_lease(Alice, Bob, MAX_PRICE, budget);
		let deposit = market::ReportDeposit::get();
		let evidence = H256::repeat_byte(1);

		assert_noop!(
			call(
				signed(Charlie),
				SlashingCall::report_fault { lease_id, kind: FaultKind::NotDelivered, evidence }
			),
			pallet_provider_slashing::Error::<Runtime>::NotLeaseTenant
		);
		let report_id = pallet_provider_slashing::NextReportId::<Runtime>::get();
		assert_ok!(call(
			signed(Alice),
			SlashingCall::report_fault { lease_id, kind: FaultKind::NotDelivered, evidence }
		));
		assert_eq!(held(pallet_provider_slashing::HoldReason::ReportDeposit, Alice), deposit);
		assert_noop!(
			call(signed(Charlie), SlashingCall::dispute { report_id, evidence }),
			pallet_provider_slashing::Error::<Runtime>::NotReportedProvider
		);
		assert_ok!(call(
			signed(Bob),
			SlashingCall::dispute { report_id, evidence: H256::repeat_byte(2) }
		));

		// Only root or a Council majority decides.
		for origin in [signed(Alice), council(1)] {
			assert_noop!(
				call(origin, SlashingCall::resolve_report { report_id, verdict: Verdict::Reject }),
				DispatchError::BadOrigin
			);
		}

		// Rejected: the deposit goes to the provider, nothing is slashed.
		let (bob_free, bond) = (free(Bob), bond_of(Bob).total());
		next_block();
		assert_ok!(call(
			RuntimeOrigin::root(),
			SlashingCall::resolve_report { report_id, verdict: Verdict::Reject }
		));
		assert_eq!(free(Bob), bob_free + deposit);
		assert_eq!(held(pallet_provider_slashing::HoldReason::ReportDeposit, Alice), 0);
		assert_eq!(bond_of(Bob).total(), bond);
		assert_eq!(bond_of(Bob).faults, 0);
		assert!(pallet_lease_escrow::Leases::<Runtime>::contains_key(lease_id));
		assert!(has_event(pallet_provider_slashing::Event::ReportResolved {
			report_id,
			verdict: Verdict::Reject,
			slashed: 0,
			lease_closed: false,
			by: ResolvedBy::Adjudicator,
		}));

		// Upheld by the Council: slash, compensation, deposit back, lease closed.
		let report_id = pallet_provider_slashing::NextReportId::<Runtime>::get();
		assert_ok!(call(
			signed(Alice),
			SlashingCall::report_fault { lease_id, kind: FaultKind::Unavailable, evidence }
		));
		assert_noop!(
			call(
				signed(Alice),
				SlashingCall::report_fault { lease_id, kind: FaultKind::BelowSpec, evidence }
			),
			pallet_provider_slashing::Error::<Runtime>::ReportAlreadyOpen
		);
		assert_ok!(call(signed(Bob), SlashingCall::dispute { report_id, evidence }));
		run_to(System::block_number() + 3);
		let paid = MAX_PRICE * owed_blocks(lease_id);
		let (slashed, to_tenant) = slash_split(
			market::UnavailableSlash::get(),
			slice_at(MAX_PRICE),
			paid_by_closing(lease_id),
		);
		let refund = lease(lease_id).balance() - paid - record_deposit();
		let (to_treasury, _) = split(paid);
		let (alice_free, treasury) = (free(Alice), treasury_free());
		assert_ok!(call(
			council(2),
			SlashingCall::resolve_report { report_id, verdict: Verdict::Uphold }
		));
		assert!(has_event(pallet_provider_slashing::Event::ReportResolved {
			report_id,
			verdict: Verdict::Uphold,
			slashed,
			lease_closed: true,
			by: ResolvedBy::Adjudicator,
		}));
		assert!(has_event(pallet_lease_escrow::Event::LeaseClosed {
			lease_id,
			reason: CloseReason::ProviderSlashed,
			paid_to_provider: paid - to_treasury,
			paid_to_treasury: to_treasury,
			owed_to_provider: 0,
			refunded: refund,
			record_deposit: record_deposit(),
			claimable: 0,
		}));
		assert_eq!(bond_of(Bob).total(), bond - slashed);
		assert_eq!(bond_of(Bob).faults, 1);
		assert_eq!(free(Alice), alice_free + deposit + to_tenant + refund);
		assert_eq!(treasury_free(), treasury + to_treasury + slashed - to_tenant);
		assert_eq!(provider(Bob).active_leases, 0);
		assert_noop!(
			call(
				RuntimeOrigin::root(),
				SlashingCall::resolve_report { report_id, verdict: Verdict::Uphold }
			),
			pallet_provider_slashing::Error::<Runtime>::UnknownReport
		);
	});
}

#[test]
fn an_undisputed_report_is_upheld_when_its_window_ends() {
	run(|| {
		three_providers();
		let window = market::DisputeWindow::get();
		// Enough escrow to outlast the window.
		let budget = MAX_PRICE * Balance::from(window) * 2;
		let lease_id = open_lease(Alice, Charlie, MAX_PRICE, budget);
		let report_id = pallet_provider_slashing::NextReportId::<Runtime>::get();
		assert_ok!(call(
			signed(Alice),
			SlashingCall::report_fault {
				lease_id,
				kind: FaultKind::BelowSpec,
				evidence: H256::repeat_byte(3)
			}
		));
		let window_end = System::block_number() + window;
		let bond = bond_of(Charlie).total();

		run_to(window_end - 1);
		assert!(ProviderSlashing::report(report_id).is_some());
		let (alice_free, treasury) = (free(Alice), treasury_free());
		// The tenant has paid for the blocks up to the deadline, settled or
		// not.
		let paid = MAX_PRICE * Balance::from(window);
		let (slashed, to_tenant) =
			slash_split(market::BelowSpecSlash::get(), slice_at(MAX_PRICE), paid);

		next_block();
		assert!(ProviderSlashing::report(report_id).is_none());
		assert!(has_event(pallet_provider_slashing::Event::ReportResolved {
			report_id,
			verdict: Verdict::Uphold,
			slashed,
			lease_closed: false,
			by: ResolvedBy::Deadline,
		}));
		assert_eq!(bond_of(Charlie).total(), bond - slashed);
		assert_eq!(free(Alice), alice_free + market::ReportDeposit::get() + to_tenant);
		assert_eq!(treasury_free(), treasury + slashed - to_tenant);
		// A below-spec machine still serves: the lease goes on.
		assert!(pallet_lease_escrow::Leases::<Runtime>::contains_key(lease_id));
		assert_noop!(
			call(
				signed(Charlie),
				SlashingCall::dispute { report_id, evidence: H256::repeat_byte(4) }
			),
			pallet_provider_slashing::Error::<Runtime>::UnknownReport
		);
	});
}

#[test]
fn too_many_faults_jail_a_provider_and_a_jailed_provider_cannot_bid() {
	run(|| {
		three_providers();
		let max_faults: u32 =
			<Runtime as pallet_provider_slashing::Config>::MaxFaultsBeforeJail::get();
		let budget = MAX_PRICE * 1_000;
		for fault in 1..=max_faults {
			let lease_id = open_lease(Alice, Dave, MAX_PRICE, budget);
			next_block();
			let slashed = close_early(Dave, Alice, lease_id);
			assert_eq!(bond_of(Dave).faults, fault);
			// Back to the minimum, so that only the jail can stop a bid.
			assert_ok!(call(signed(Dave), SlashingCall::bond { amount: slashed }));
			assert_eq!(jailed(Dave), fault == max_faults);
		}
		assert_eq!(bond_of(Dave).jailed_at, Some(System::block_number()));
		assert!(has_event(pallet_provider_slashing::Event::Jailed {
			provider: Dave.to_account_id(),
			faults: max_faults,
		}));

		let order_id = create_order(Alice, MAX_PRICE, budget);
		assert_noop!(
			bid(Dave, order_id, MAX_PRICE),
			pallet_resource_registry::Error::<Runtime>::ProviderJailed
		);
		assert_ok!(bid(Charlie, order_id, MAX_PRICE));

		// The jail period has not passed; the adjudicator may lift it anyway.
		assert_noop!(
			call(signed(Dave), SlashingCall::unjail {}),
			pallet_provider_slashing::Error::<Runtime>::StillJailed
		);
		assert_noop!(
			call(signed(Alice), SlashingCall::unjail_provider { provider: Dave.to_account_id() }),
			DispatchError::BadOrigin
		);
		assert_ok!(call(
			RuntimeOrigin::root(),
			SlashingCall::unjail_provider { provider: Dave.to_account_id() }
		));
		assert_eq!(bond_of(Dave).faults, 0);
		assert!(!jailed(Dave));
		assert_ok!(bid(Dave, order_id, MAX_PRICE - 1));
	});
}
