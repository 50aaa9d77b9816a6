//! Registering, updating, pausing, resuming and deregistering providers.

use super::*;
use codec::{Decode, Encode};
use polkadot_sdk::{
	frame_support::{
		assert_noop, assert_ok,
		dispatch::{GetDispatchInfo, Pays},
	},
	sp_runtime::DispatchError,
};
use stratus_primitives::{Exclusion, ProviderCapacity, ProviderEligibility};

mod register {
	use super::*;

	#[test]
	fn holds_a_deposit_sized_by_the_record_and_stores_it() {
		run_test(|| {
			register(ALICE);

			// 56 bytes of capacity and allocation, 25 of attributes, 11 of URI,
			// 21 of status, lease count, deposit and block, 8 of stamp; and
			// 25 for the largest liveness record (a heartbeat and a window).
			let deposit = DEPOSIT_BASE + DEPOSIT_PER_BYTE * (121 + 25);
			let info = record(ALICE);
			assert_eq!(info.encoded_size(), 121);
			assert_eq!(
				LivenessRecords::<Test>::get(ALICE),
				Some(LivenessRecord { last_heartbeat: 1, maintenance: None })
			);
			assert_eq!(
				info,
				ProviderInfo {
					capacity: CAPACITY,
					allocated: Resources::ZERO,
					attributes: default_attrs(),
					host_uri: uri("p1.example"),
					status: ProviderStatus::Active,
					active_leases: 0,
					deposit,
					registered_at: 1,
					stamp: 0,
				}
			);
			assert_eq!(held_for_provider(ALICE), deposit);
			assert_eq!(free(ALICE), INITIAL_BALANCE - deposit);
			assert_eq!(ProviderCount::<Test>::get(), 1);
			System::assert_last_event(
				Event::ProviderRegistered { provider: ALICE, capacity: CAPACITY, deposit }.into(),
			);
		});
	}

	#[test]
	fn deposit_grows_with_the_bytes_stored() {
		run_test(|| {
			register(ALICE);
			assert_ok!(ResourceRegistry::register_provider(
				RuntimeOrigin::signed(BOB),
				CAPACITY,
				attrs(&[("region", "eu-west"), ("gpu", "h100"), ("tier", "datacenter")]),
				uri("p1.example"),
			));
			// The third attribute adds 1 + 4 + 1 + 10 bytes.
			assert_eq!(record(BOB).deposit, record(ALICE).deposit + 16 * DEPOSIT_PER_BYTE);
			assert_eq!(held_for_provider(BOB), record(BOB).deposit);
			assert_eq!(ProviderCount::<Test>::get(), 2);
		});
	}

	#[test]
	fn accepts_no_attributes() {
		run_test(|| {
			assert_ok!(ResourceRegistry::register_provider(
				RuntimeOrigin::signed(ALICE),
				HALF,
				attrs(&[]),
				uri("h"),
			));
			assert!(record(ALICE).attributes.is_empty());
		});
	}

	#[test]
	fn refuses_a_second_registration() {
		run_test(|| {
			register(ALICE);
			assert_noop!(
				ResourceRegistry::register_provider(
					RuntimeOrigin::signed(ALICE),
					HALF,
					attrs(&[]),
					uri("other.example"),
				),
				Error::<Test>::AlreadyRegistered
			);
		});
	}

	#[test]
	fn refuses_a_bad_declaration() {
		run_test(|| {
			let origin = || RuntimeOrigin::signed(ALICE);
			assert_noop!(
				ResourceRegistry::register_provider(
					origin(),
					Resources::ZERO,
					default_attrs(),
					uri("p1.example")
				),
				Error::<Test>::ZeroCapacity
			);
			assert_noop!(
				ResourceRegistry::register_provider(origin(), CAPACITY, default_attrs(), uri("")),
				Error::<Test>::EmptyHostUri
			);
			assert_noop!(
				ResourceRegistry::register_provider(
					origin(),
					CAPACITY,
					attrs(&[("region", "eu"), ("", "x")]),
					uri("p1.example")
				),
				Error::<Test>::EmptyAttributeKey
			);
			assert_noop!(
				ResourceRegistry::register_provider(
					origin(),
					CAPACITY,
					attrs(&[("region", "eu"), ("gpu", "h100"), ("region", "us")]),
					uri("p1.example")
				),
				Error::<Test>::DuplicateAttributeKey
			);
		});
	}

	#[test]
	fn refuses_when_the_deposit_is_unaffordable() {
		run_test(|| {
			assert_noop!(
				ResourceRegistry::register_provider(
					RuntimeOrigin::signed(POOR),
					CAPACITY,
					default_attrs(),
					uri("p1.example"),
				),
				Error::<Test>::CannotAffordDeposit
			);
			assert_eq!(free(POOR), POOR_BALANCE);
		});
	}

	#[test]
	fn refuses_when_the_counter_is_full() {
		run_test(|| {
			ProviderCount::<Test>::put(u32::MAX);
			assert_noop!(
				ResourceRegistry::register_provider(
					RuntimeOrigin::signed(ALICE),
					CAPACITY,
					default_attrs(),
					uri("p1.example"),
				),
				Error::<Test>::TooManyProviders
			);
			ProviderCount::<Test>::put(0);
		});
	}

	#[test]
	fn needs_a_signed_origin() {
		run_test(|| {
			for origin in [RuntimeOrigin::root(), RuntimeOrigin::none()] {
				assert_noop!(
					ResourceRegistry::register_provider(
						origin,
						CAPACITY,
						default_attrs(),
						uri("p1.example")
					),
					DispatchError::BadOrigin
				);
			}
		});
	}

	#[test]
	fn arguments_over_their_bounds_do_not_decode() {
		run_test(|| {
			let too_many: Vec<AttributeOf<Test>> =
				(0..5u8).map(|i| attr(&format!("k{i}"), "v")).collect();
			assert!(AttributesOf::<Test>::decode(&mut &too_many.encode()[..]).is_err());
			let long_key = (b"123456789".to_vec(), b"v".to_vec());
			assert!(AttributeOf::<Test>::decode(&mut &long_key.encode()[..]).is_err());
			let long_uri = vec![b'u'; 33];
			assert!(HostUriOf::<Test>::decode(&mut &long_uri.encode()[..]).is_err());
		});
	}
}

mod update {
	use super::*;

	#[test]
	fn replaces_the_declaration_and_holds_more_when_larger() {
		run_test(|| {
			register(ALICE);
			let before = record(ALICE).deposit;
			let bigger = attrs(&[("region", "eu-west"), ("gpu", "h100"), ("tier", "datacenter")]);
			assert_ok!(ResourceRegistry::update_provider(
				RuntimeOrigin::signed(ALICE),
				HALF,
				bigger.clone(),
				uri("p2.example"),
			));
			let info = record(ALICE);
			let deposit = before + 16 * DEPOSIT_PER_BYTE;
			assert_eq!(info.capacity, HALF);
			assert_eq!(info.attributes, bigger);
			assert_eq!(info.host_uri, uri("p2.example"));
			assert_eq!(info.deposit, deposit);
			assert_eq!(held_for_provider(ALICE), deposit);
			assert_eq!(free(ALICE), INITIAL_BALANCE - deposit);
			System::assert_last_event(
				Event::ProviderUpdated { provider: ALICE, capacity: HALF, deposit }.into(),
			);
		});
	}

	#[test]
	fn releases_the_difference_when_smaller() {
		run_test(|| {
			register(ALICE);
			let before = record(ALICE).deposit;
			assert_ok!(ResourceRegistry::update_provider(
				RuntimeOrigin::signed(ALICE),
				CAPACITY,
				attrs(&[]),
				uri("p1.example"),
			));
			// Both attributes went: 24 bytes.
			let deposit = before - 24 * DEPOSIT_PER_BYTE;
			assert_eq!(record(ALICE).deposit, deposit);
			assert_eq!(held_for_provider(ALICE), deposit);
			assert_eq!(free(ALICE), INITIAL_BALANCE - deposit);
		});
	}

	#[test]
	fn keeps_state_fields_it_does_not_declare() {
		run_test(|| {
			register(ALICE);
			assert_ok!(ResourceRegistry::reserve(&ALICE, &HALF));
			assert_ok!(ResourceRegistry::pause_provider(RuntimeOrigin::signed(ALICE)));
			System::set_block_number(7);
			assert_ok!(ResourceRegistry::update_provider(
				RuntimeOrigin::signed(ALICE),
				CAPACITY,
				default_attrs(),
				uri("p1.example"),
			));
			let info = record(ALICE);
			assert_eq!(info.allocated, HALF);
			assert_eq!(info.active_leases, 1);
			assert_eq!(info.status, ProviderStatus::Paused);
			assert_eq!(info.registered_at, 1);
		});
	}

	#[test]
	fn capacity_may_equal_but_not_drop_below_the_allocation() {
		run_test(|| {
			register(ALICE);
			assert_ok!(ResourceRegistry::reserve(&ALICE, &HALF));
			let below = Resources { gpu_units: 0, ..HALF };
			assert_noop!(
				ResourceRegistry::update_provider(
					RuntimeOrigin::signed(ALICE),
					below,
					default_attrs(),
					uri("p1.example"),
				),
				Error::<Test>::CapacityBelowAllocated
			);
			assert_ok!(ResourceRegistry::update_provider(
				RuntimeOrigin::signed(ALICE),
				HALF,
				default_attrs(),
				uri("p1.example"),
			));
			assert_eq!(ResourceRegistry::free_capacity(&ALICE), Some(Resources::ZERO));
		});
	}

	#[test]
	fn refuses_an_unknown_provider() {
		run_test(|| {
			assert_noop!(
				ResourceRegistry::update_provider(
					RuntimeOrigin::signed(ALICE),
					CAPACITY,
					default_attrs(),
					uri("p1.example"),
				),
				Error::<Test>::UnknownProvider
			);
		});
	}

	#[test]
	fn refuses_a_bad_declaration() {
		run_test(|| {
			register(ALICE);
			let origin = || RuntimeOrigin::signed(ALICE);
			assert_noop!(
				ResourceRegistry::update_provider(
					origin(),
					Resources::ZERO,
					default_attrs(),
					uri("p1.example")
				),
				Error::<Test>::ZeroCapacity
			);
			assert_noop!(
				ResourceRegistry::update_provider(origin(), CAPACITY, default_attrs(), uri("")),
				Error::<Test>::EmptyHostUri
			);
			assert_noop!(
				ResourceRegistry::update_provider(
					origin(),
					CAPACITY,
					attrs(&[("", "x")]),
					uri("p1.example")
				),
				Error::<Test>::EmptyAttributeKey
			);
			assert_noop!(
				ResourceRegistry::update_provider(
					origin(),
					CAPACITY,
					attrs(&[("gpu", "h100"), ("gpu", "a100")]),
					uri("p1.example")
				),
				Error::<Test>::DuplicateAttributeKey
			);
		});
	}

	#[test]
	fn refuses_a_growth_the_provider_cannot_afford() {
		run_test(|| {
			register(ALICE);
			assert_ok!(Balances::force_set_balance(RuntimeOrigin::root(), ALICE, 5));
			assert_noop!(
				ResourceRegistry::update_provider(
					RuntimeOrigin::signed(ALICE),
					CAPACITY,
					attrs(&[("region", "eu-west"), ("gpu", "h100"), ("tier", "datacenter")]),
					uri("p1.example"),
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
				ResourceRegistry::update_provider(
					RuntimeOrigin::root(),
					CAPACITY,
					default_attrs(),
					uri("p1.example")
				),
				DispatchError::BadOrigin
			);
		});
	}
}

mod pause_and_resume {
	use super::*;

	#[test]
	fn pausing_stops_bids_and_resuming_restores_them() {
		run_test(|| {
			register(ALICE);
			assert_ok!(ResourceRegistry::pause_provider(RuntimeOrigin::signed(ALICE)));
			assert_eq!(record(ALICE).status, ProviderStatus::Paused);
			System::assert_last_event(Event::ProviderPaused { provider: ALICE }.into());
			assert_refused(ALICE, Exclusion::Paused, Error::<Test>::ProviderPaused);

			assert_ok!(ResourceRegistry::resume_provider(RuntimeOrigin::signed(ALICE)));
			assert_eq!(record(ALICE).status, ProviderStatus::Active);
			System::assert_last_event(Event::ProviderResumed { provider: ALICE }.into());
			assert_ok!(ResourceRegistry::ensure_can_bid(&ALICE));
		});
	}

	#[test]
	fn pausing_keeps_running_leases() {
		run_test(|| {
			register(ALICE);
			assert_ok!(ResourceRegistry::reserve(&ALICE, &HALF));
			assert_ok!(ResourceRegistry::pause_provider(RuntimeOrigin::signed(ALICE)));
			assert_eq!(record(ALICE).active_leases, 1);
			assert_ok!(ResourceRegistry::release(&ALICE, &HALF));
			assert_eq!(record(ALICE).active_leases, 0);
		});
	}

	#[test]
	fn pause_refuses_a_paused_or_unknown_provider() {
		run_test(|| {
			assert_noop!(
				ResourceRegistry::pause_provider(RuntimeOrigin::signed(ALICE)),
				Error::<Test>::UnknownProvider
			);
			register(ALICE);
			assert_ok!(ResourceRegistry::pause_provider(RuntimeOrigin::signed(ALICE)));
			assert_noop!(
				ResourceRegistry::pause_provider(RuntimeOrigin::signed(ALICE)),
				Error::<Test>::AlreadyPaused
			);
		});
	}

	#[test]
	fn resume_refuses_an_active_or_unknown_provider() {
		run_test(|| {
			assert_noop!(
				ResourceRegistry::resume_provider(RuntimeOrigin::signed(ALICE)),
				Error::<Test>::UnknownProvider
			);
			register(ALICE);
			assert_noop!(
				ResourceRegistry::resume_provider(RuntimeOrigin::signed(ALICE)),
				Error::<Test>::NotPaused
			);
		});
	}

	#[test]
	fn resume_refuses_a_jailed_provider_until_unjailed() {
		run_test(|| {
			register(ALICE);
			assert_ok!(ResourceRegistry::pause_provider(RuntimeOrigin::signed(ALICE)));
			set_jailed(ALICE, true);
			assert_noop!(
				ResourceRegistry::resume_provider(RuntimeOrigin::signed(ALICE)),
				Error::<Test>::ProviderJailed
			);
			set_jailed(ALICE, false);
			assert_ok!(ResourceRegistry::resume_provider(RuntimeOrigin::signed(ALICE)));
		});
	}

	#[test]
	fn both_need_a_signed_origin() {
		run_test(|| {
			register(ALICE);
			assert_noop!(
				ResourceRegistry::pause_provider(RuntimeOrigin::root()),
				DispatchError::BadOrigin
			);
			assert_noop!(
				ResourceRegistry::resume_provider(RuntimeOrigin::none()),
				DispatchError::BadOrigin
			);
		});
	}
}

mod deregister {
	use super::*;

	#[test]
	fn returns_the_deposit_and_removes_the_record() {
		run_test(|| {
			register(ALICE);
			register(BOB);
			let deposit = record(ALICE).deposit;
			assert_ok!(ResourceRegistry::deregister_provider(RuntimeOrigin::signed(ALICE)));
			assert_eq!(ResourceRegistry::provider(&ALICE), None);
			assert_eq!(LivenessRecords::<Test>::get(ALICE), None);
			assert_eq!(held_for_provider(ALICE), 0);
			assert_eq!(free(ALICE), INITIAL_BALANCE);
			assert_eq!(ProviderCount::<Test>::get(), 1);
			System::assert_last_event(
				Event::ProviderDeregistered { provider: ALICE, deposit }.into(),
			);
		});
	}

	#[test]
	fn allows_registering_again() {
		run_test(|| {
			register(ALICE);
			assert_ok!(ResourceRegistry::deregister_provider(RuntimeOrigin::signed(ALICE)));
			register(ALICE);
			assert_eq!(ProviderCount::<Test>::get(), 1);
		});
	}

	#[test]
	fn leaves_the_audits_to_be_claimed_one_by_one() {
		run_test(|| {
			register(ALICE);
			add_auditor(CHARLIE);
			add_auditor(DAVE);
			for auditor in [CHARLIE, DAVE] {
				assert_ok!(ResourceRegistry::audit_provider(
					RuntimeOrigin::signed(auditor),
					ALICE,
					attrs(&[("gpu", "h100")]),
				));
			}
			System::reset_events();

			assert_ok!(ResourceRegistry::deregister_provider(RuntimeOrigin::signed(ALICE)));
			// No auditor is paid back by the provider's call.
			assert!(!System::events().iter().any(|record| matches!(
				record.event,
				RuntimeEvent::ResourceRegistry(Event::AuditDropped { .. })
			)));
			assert_eq!(held_for_audits(CHARLIE), AUDIT_DEPOSIT);
			assert_eq!(held_for_audits(DAVE), AUDIT_DEPOSIT);
			assert!(Audits::<Test>::get(ALICE, CHARLIE).is_some());

			// Each audit is claimable now, by its auditor or by anyone.
			assert_ok!(ResourceRegistry::revoke_audit(RuntimeOrigin::signed(CHARLIE), ALICE));
			let post =
				ResourceRegistry::drop_audit(RuntimeOrigin::signed(BOB), ALICE, DAVE).unwrap();
			assert_eq!(post.pays_fee, Pays::No);
			assert_eq!(held_for_audits(DAVE), 0);
			assert_eq!(free(DAVE), INITIAL_BALANCE);
			System::assert_last_event(
				Event::AuditDropped { provider: ALICE, auditor: DAVE, deposit: AUDIT_DEPOSIT }
					.into(),
			);
		});
	}

	#[test]
	fn costs_the_same_whatever_the_audits() {
		run_test(|| {
			register(ALICE);
			let declared =
				crate::Call::<Test>::deregister_provider {}.get_dispatch_info().call_weight;
			assert_eq!(declared, <() as WeightInfo>::deregister_provider());
		});
	}

	#[test]
	fn refuses_while_leases_run() {
		run_test(|| {
			register(ALICE);
			assert_ok!(ResourceRegistry::reserve(&ALICE, &HALF));
			assert_noop!(
				ResourceRegistry::deregister_provider(RuntimeOrigin::signed(ALICE)),
				Error::<Test>::HasActiveLeases
			);
			assert_ok!(ResourceRegistry::release(&ALICE, &HALF));
			assert_ok!(ResourceRegistry::deregister_provider(RuntimeOrigin::signed(ALICE)));
		});
	}

	#[test]
	fn waits_until_no_report_against_the_provider_is_open() {
		run_test(|| {
			register(ALICE);
			set_reported(ALICE, true);
			assert_noop!(
				ResourceRegistry::deregister_provider(RuntimeOrigin::signed(ALICE)),
				Error::<Test>::OpenReportsPending
			);
			set_reported(ALICE, false);
			assert_ok!(ResourceRegistry::deregister_provider(RuntimeOrigin::signed(ALICE)));
		});
	}

	#[test]
	fn a_jailed_provider_may_leave_and_comes_back_jailed() {
		run_test(|| {
			// The jail is slashing's, not the registry's: leaving sheds nothing.
			register(ALICE);
			set_jailed(ALICE, true);
			assert_ok!(ResourceRegistry::deregister_provider(RuntimeOrigin::signed(ALICE)));
			register(ALICE);
			assert!(ResourceRegistry::provider(&ALICE).unwrap().jailed);
			assert_refused(ALICE, Exclusion::Jailed, Error::<Test>::ProviderJailed);
		});
	}

	#[test]
	fn refuses_an_unknown_provider_and_an_unsigned_origin() {
		run_test(|| {
			assert_noop!(
				ResourceRegistry::deregister_provider(RuntimeOrigin::signed(ALICE)),
				Error::<Test>::UnknownProvider
			);
			assert_noop!(
				ResourceRegistry::deregister_provider(RuntimeOrigin::root()),
				DispatchError::BadOrigin
			);
		});
	}
}
