//! The auditor set, audits, their revocation and dropping.

use super::*;
use polkadot_sdk::{
	frame_support::{assert_noop, assert_ok, dispatch::Pays, traits::fungible::Mutate},
	sp_runtime::DispatchError,
};
use stratus_primitives::ProviderEligibility;

fn auditor_accounts() -> Vec<AccountId> {
	Auditors::<Test>::get().into_iter().map(|a| a.account).collect()
}

fn audit(auditor: AccountId, provider: AccountId, list: &[(&str, &str)]) {
	assert_ok!(ResourceRegistry::audit_provider(
		RuntimeOrigin::signed(auditor),
		provider,
		attrs(list)
	));
}

mod auditor_set {
	use super::*;

	#[test]
	fn adding_keeps_the_set_sorted() {
		run_test(|| {
			for who in [DAVE, BOB, CHARLIE] {
				add_auditor(who);
				System::assert_last_event(Event::AuditorAdded { auditor: who }.into());
			}
			assert_eq!(auditor_accounts(), vec![BOB, CHARLIE, DAVE]);
			assert!(ResourceRegistry::is_auditor(&CHARLIE));
			assert!(!ResourceRegistry::is_auditor(&ALICE));
		});
	}

	#[test]
	fn adding_refuses_a_member_and_a_full_set() {
		run_test(|| {
			add_auditor(BOB);
			assert_noop!(
				ResourceRegistry::add_auditor(RuntimeOrigin::root(), BOB),
				Error::<Test>::AlreadyAuditor
			);
			add_auditor(CHARLIE);
			add_auditor(DAVE);
			assert_noop!(
				ResourceRegistry::add_auditor(RuntimeOrigin::root(), EVE),
				Error::<Test>::TooManyAuditors
			);
		});
	}

	#[test]
	fn removing_takes_the_account_out() {
		run_test(|| {
			add_auditor(BOB);
			add_auditor(CHARLIE);
			assert_ok!(ResourceRegistry::remove_auditor(RuntimeOrigin::root(), BOB));
			assert_eq!(auditor_accounts(), vec![CHARLIE]);
			System::assert_last_event(Event::AuditorRemoved { auditor: BOB }.into());
			assert_noop!(
				ResourceRegistry::remove_auditor(RuntimeOrigin::root(), BOB),
				Error::<Test>::NotAuditor
			);
		});
	}

	#[test]
	fn both_need_the_auditor_origin() {
		run_test(|| {
			assert_noop!(
				ResourceRegistry::add_auditor(RuntimeOrigin::signed(ALICE), BOB),
				DispatchError::BadOrigin
			);
			add_auditor(BOB);
			assert_noop!(
				ResourceRegistry::remove_auditor(RuntimeOrigin::signed(BOB), BOB),
				DispatchError::BadOrigin
			);
			assert_noop!(
				ResourceRegistry::remove_auditor(RuntimeOrigin::none(), BOB),
				DispatchError::BadOrigin
			);
		});
	}
}

mod audit_provider {
	use super::*;

	#[test]
	fn holds_the_deposit_and_records_what_is_vouched() {
		run_test(|| {
			register(ALICE);
			add_auditor(CHARLIE);
			System::set_block_number(5);
			audit(CHARLIE, ALICE, &[("gpu", "h100")]);

			assert_eq!(
				Audits::<Test>::get(ALICE, CHARLIE),
				Some(AuditRecord {
					attributes: attrs(&[("gpu", "h100")]),
					deposit: AUDIT_DEPOSIT,
					at: 5,
					stamp: NextStamp::<Test>::get() - 1,
				})
			);
			assert_eq!(AuditorDeposits::<Test>::get(CHARLIE), AUDIT_DEPOSIT);
			assert_eq!(held_for_audits(CHARLIE), AUDIT_DEPOSIT);
			assert_eq!(free(CHARLIE), INITIAL_BALANCE - AUDIT_DEPOSIT);
			System::assert_last_event(
				Event::ProviderAudited {
					provider: ALICE,
					auditor: CHARLIE,
					attributes: 1,
					deposit: AUDIT_DEPOSIT,
				}
				.into(),
			);
			assert!(ResourceRegistry::satisfies(&ALICE, &[pair("gpu", "h100")], Some(&CHARLIE)));
		});
	}

	#[test]
	fn a_repeated_audit_replaces_the_earlier_one_without_a_new_deposit() {
		run_test(|| {
			register(ALICE);
			add_auditor(CHARLIE);
			audit(CHARLIE, ALICE, &[("gpu", "h100")]);
			System::set_block_number(9);
			audit(CHARLIE, ALICE, &[("region", "eu-west"), ("gpu", "h100")]);

			let record = Audits::<Test>::get(ALICE, CHARLIE).unwrap();
			assert_eq!(record.attributes, default_attrs());
			assert_eq!(record.at, 9);
			assert_eq!(held_for_audits(CHARLIE), AUDIT_DEPOSIT);
			System::assert_last_event(
				Event::ProviderAudited {
					provider: ALICE,
					auditor: CHARLIE,
					attributes: 2,
					deposit: AUDIT_DEPOSIT,
				}
				.into(),
			);
		});
	}

	#[test]
	fn refuses_non_auditors_and_self_audits() {
		run_test(|| {
			register(ALICE);
			assert_noop!(
				ResourceRegistry::audit_provider(
					RuntimeOrigin::signed(CHARLIE),
					ALICE,
					attrs(&[("gpu", "h100")])
				),
				Error::<Test>::NotAuditor
			);
			add_auditor(ALICE);
			assert_noop!(
				ResourceRegistry::audit_provider(
					RuntimeOrigin::signed(ALICE),
					ALICE,
					attrs(&[("gpu", "h100")])
				),
				Error::<Test>::CannotAuditSelf
			);
		});
	}

	#[test]
	fn refuses_an_unknown_provider() {
		run_test(|| {
			add_auditor(CHARLIE);
			assert_noop!(
				ResourceRegistry::audit_provider(
					RuntimeOrigin::signed(CHARLIE),
					ALICE,
					attrs(&[("gpu", "h100")])
				),
				Error::<Test>::UnknownProvider
			);
		});
	}

	#[test]
	fn refuses_what_the_provider_does_not_declare() {
		run_test(|| {
			register(ALICE);
			add_auditor(CHARLIE);
			let try_audit = |list: &[(&str, &str)]| {
				ResourceRegistry::audit_provider(RuntimeOrigin::signed(CHARLIE), ALICE, attrs(list))
			};
			assert_noop!(try_audit(&[]), Error::<Test>::EmptyAudit);
			assert_noop!(
				try_audit(&[("gpu", "h100"), ("gpu", "h100")]),
				Error::<Test>::DuplicateAttributeKey
			);
			assert_noop!(
				try_audit(&[("gpu", "h100"), ("tier", "datacenter")]),
				Error::<Test>::AttributeNotDeclared
			);
			assert_noop!(try_audit(&[("gpu", "a100")]), Error::<Test>::AttributeValueMismatch);
		});
	}

	#[test]
	fn audits_left_by_removed_auditors_never_block_new_ones() {
		run_test(|| {
			register(ALICE);
			// More former auditors than the auditor set holds, each leaving an
			// audit of the provider behind.
			let former: Vec<AccountId> = (100..120).collect();
			for &auditor in &former {
				<Balances as Mutate<AccountId>>::set_balance(&auditor, INITIAL_BALANCE);
				add_auditor(auditor);
				audit(auditor, ALICE, &[("gpu", "h100")]);
				assert_ok!(ResourceRegistry::remove_auditor(RuntimeOrigin::root(), auditor));
				assert!(!ResourceRegistry::satisfies(
					&ALICE,
					&[pair("gpu", "h100")],
					Some(&auditor)
				));
			}
			add_auditor(DAVE);
			audit(DAVE, ALICE, &[("gpu", "h100")]);
			assert!(ResourceRegistry::satisfies(&ALICE, &[pair("gpu", "h100")], Some(&DAVE)));
		});
	}

	#[test]
	fn refuses_an_auditor_who_cannot_afford_the_deposit() {
		run_test(|| {
			register(ALICE);
			add_auditor(POOR);
			assert_noop!(
				ResourceRegistry::audit_provider(
					RuntimeOrigin::signed(POOR),
					ALICE,
					attrs(&[("gpu", "h100")])
				),
				Error::<Test>::CannotAffordDeposit
			);
		});
	}

	#[test]
	fn needs_a_signed_origin() {
		run_test(|| {
			register(ALICE);
			assert_noop!(
				ResourceRegistry::audit_provider(
					RuntimeOrigin::root(),
					ALICE,
					attrs(&[("gpu", "h100")])
				),
				DispatchError::BadOrigin
			);
		});
	}

	#[test]
	fn stops_covering_an_attribute_the_provider_changed() {
		run_test(|| {
			register(ALICE);
			add_auditor(CHARLIE);
			audit(CHARLIE, ALICE, &[("region", "eu-west"), ("gpu", "h100")]);
			assert_ok!(ResourceRegistry::update_provider(
				RuntimeOrigin::signed(ALICE),
				CAPACITY,
				attrs(&[("region", "eu-west"), ("gpu", "a100")]),
				uri("p1.example"),
			));
			assert!(ResourceRegistry::satisfies(
				&ALICE,
				&[pair("region", "eu-west")],
				Some(&CHARLIE)
			));
			assert!(!ResourceRegistry::satisfies(&ALICE, &[pair("gpu", "a100")], Some(&CHARLIE)));
			assert!(!ResourceRegistry::satisfies(&ALICE, &[pair("gpu", "h100")], Some(&CHARLIE)));
			// Changing the value back makes the audit cover it again.
			assert_ok!(ResourceRegistry::update_provider(
				RuntimeOrigin::signed(ALICE),
				CAPACITY,
				default_attrs(),
				uri("p1.example"),
			));
			assert!(ResourceRegistry::satisfies(&ALICE, &[pair("gpu", "h100")], Some(&CHARLIE)));
		});
	}
}

mod revoke_audit {
	use super::*;

	#[test]
	fn returns_the_deposit_and_removes_the_audit() {
		run_test(|| {
			register(ALICE);
			add_auditor(CHARLIE);
			add_auditor(DAVE);
			audit(CHARLIE, ALICE, &[("gpu", "h100")]);
			audit(DAVE, ALICE, &[("gpu", "h100")]);

			assert_ok!(ResourceRegistry::revoke_audit(RuntimeOrigin::signed(CHARLIE), ALICE));
			assert_eq!(Audits::<Test>::get(ALICE, CHARLIE), None);
			assert!(!AuditorDeposits::<Test>::contains_key(CHARLIE));
			assert_eq!(held_for_audits(CHARLIE), 0);
			assert_eq!(free(CHARLIE), INITIAL_BALANCE);
			System::assert_last_event(
				Event::AuditRevoked { provider: ALICE, auditor: CHARLIE, deposit: AUDIT_DEPOSIT }
					.into(),
			);
			assert!(!ResourceRegistry::satisfies(&ALICE, &[pair("gpu", "h100")], Some(&CHARLIE)));

			assert_ok!(ResourceRegistry::revoke_audit(RuntimeOrigin::signed(DAVE), ALICE));
			assert_eq!(Audits::<Test>::iter_prefix(ALICE).count(), 0);
		});
	}

	#[test]
	fn refuses_without_an_audit() {
		run_test(|| {
			register(ALICE);
			add_auditor(CHARLIE);
			assert_noop!(
				ResourceRegistry::revoke_audit(RuntimeOrigin::signed(CHARLIE), ALICE),
				Error::<Test>::UnknownAudit
			);
			audit(CHARLIE, ALICE, &[("gpu", "h100")]);
			// Only the auditor can revoke its audit.
			assert_noop!(
				ResourceRegistry::revoke_audit(RuntimeOrigin::signed(DAVE), ALICE),
				Error::<Test>::UnknownAudit
			);
			assert_noop!(
				ResourceRegistry::revoke_audit(RuntimeOrigin::root(), ALICE),
				DispatchError::BadOrigin
			);
		});
	}

	#[test]
	fn a_removed_auditor_keeps_its_audits_which_stop_counting_for_good_and_can_revoke_them() {
		run_test(|| {
			register(ALICE);
			add_auditor(CHARLIE);
			audit(CHARLIE, ALICE, &[("gpu", "h100")]);
			assert_ok!(ResourceRegistry::remove_auditor(RuntimeOrigin::root(), CHARLIE));

			assert!(Audits::<Test>::contains_key(ALICE, CHARLIE));
			assert_eq!(held_for_audits(CHARLIE), AUDIT_DEPOSIT);
			assert!(!ResourceRegistry::satisfies(&ALICE, &[pair("gpu", "h100")], Some(&CHARLIE)));
			// The invariants accept an audit by a former auditor.
			assert_ok!(ResourceRegistry::do_try_state());

			// Back in the set, the old audit still counts for nothing.
			add_auditor(CHARLIE);
			assert!(!ResourceRegistry::satisfies(&ALICE, &[pair("gpu", "h100")], Some(&CHARLIE)));

			assert_ok!(ResourceRegistry::revoke_audit(RuntimeOrigin::signed(CHARLIE), ALICE));
			assert_eq!(held_for_audits(CHARLIE), 0);
		});
	}
}

mod drop_audit {
	use super::*;

	#[test]
	fn refuses_while_the_audit_counts() {
		run_test(|| {
			register(ALICE);
			add_auditor(CHARLIE);
			audit(CHARLIE, ALICE, &[("gpu", "h100")]);
			assert_noop!(
				ResourceRegistry::drop_audit(RuntimeOrigin::signed(BOB), ALICE, CHARLIE),
				Error::<Test>::AuditStillCounts
			);
			assert_noop!(
				ResourceRegistry::drop_audit(RuntimeOrigin::signed(BOB), ALICE, DAVE),
				Error::<Test>::UnknownAudit
			);
			assert_noop!(
				ResourceRegistry::drop_audit(RuntimeOrigin::root(), ALICE, CHARLIE),
				DispatchError::BadOrigin
			);
		});
	}

	#[test]
	fn an_audit_of_a_removed_auditor_is_dropped_by_anyone_and_stays_dead_on_readmission() {
		run_test(|| {
			register(ALICE);
			add_auditor(CHARLIE);
			audit(CHARLIE, ALICE, &[("gpu", "h100")]);
			assert_ok!(ResourceRegistry::remove_auditor(RuntimeOrigin::root(), CHARLIE));
			// Admitted again, the auditor's old audit does not come back to life.
			add_auditor(CHARLIE);
			assert!(!ResourceRegistry::satisfies(&ALICE, &[pair("gpu", "h100")], Some(&CHARLIE)));

			let post =
				ResourceRegistry::drop_audit(RuntimeOrigin::signed(BOB), ALICE, CHARLIE).unwrap();
			assert_eq!(post.pays_fee, Pays::No);
			assert_eq!(held_for_audits(CHARLIE), 0);
			assert_eq!(free(CHARLIE), INITIAL_BALANCE);
			assert!(!AuditorDeposits::<Test>::contains_key(CHARLIE));
			assert_noop!(
				ResourceRegistry::drop_audit(RuntimeOrigin::signed(BOB), ALICE, CHARLIE),
				Error::<Test>::UnknownAudit
			);
		});
	}

	/// Charlie audited Alice, who then deregistered and registered again.
	fn audited_before_registering_again() {
		register(ALICE);
		add_auditor(CHARLIE);
		audit(CHARLIE, ALICE, &[("gpu", "h100")]);
		assert_ok!(ResourceRegistry::deregister_provider(RuntimeOrigin::signed(ALICE)));
		register(ALICE);
	}

	#[test]
	fn an_audit_of_an_earlier_registration_counts_for_nothing_and_is_droppable() {
		run_test(|| {
			audited_before_registering_again();
			assert!(!ResourceRegistry::satisfies(&ALICE, &[pair("gpu", "h100")], Some(&CHARLIE)));
			assert_ok!(ResourceRegistry::drop_audit(RuntimeOrigin::signed(BOB), ALICE, CHARLIE));
			assert_eq!(held_for_audits(CHARLIE), 0);
		});
	}

	#[test]
	fn auditing_again_revives_a_stale_record_with_its_deposit() {
		run_test(|| {
			audited_before_registering_again();
			audit(CHARLIE, ALICE, &[("gpu", "h100")]);
			assert!(ResourceRegistry::satisfies(&ALICE, &[pair("gpu", "h100")], Some(&CHARLIE)));
			assert_eq!(held_for_audits(CHARLIE), AUDIT_DEPOSIT, "no second deposit");
			assert_noop!(
				ResourceRegistry::drop_audit(RuntimeOrigin::signed(BOB), ALICE, CHARLIE),
				Error::<Test>::AuditStillCounts
			);
		});
	}
}
