//! The traits other pallets use, and the reading functions.

use super::*;
use polkadot_sdk::frame_support::{assert_noop, assert_ok};
use stratus_primitives::{Exclusion, ProviderCapacity, ProviderEligibility};

mod bidding {
	use super::*;

	#[test]
	fn an_active_unjailed_provider_may_bid() {
		run_test(|| {
			assert_refused(ALICE, Exclusion::Unregistered, Error::<Test>::UnknownProvider);
			assert!(!Providers::<Test>::contains_key(ALICE));
			register(ALICE);
			assert!(Providers::<Test>::contains_key(ALICE));
			assert_ok!(ResourceRegistry::ensure_can_bid(&ALICE));
		});
	}

	#[test]
	fn a_paused_or_jailed_provider_may_not() {
		run_test(|| {
			register(ALICE);
			assert_ok!(ResourceRegistry::pause_provider(RuntimeOrigin::signed(ALICE)));
			assert_refused(ALICE, Exclusion::Paused, Error::<Test>::ProviderPaused);
			set_jailed(ALICE, true);
			// Jail is the more serious reason and is reported first.
			assert_refused(ALICE, Exclusion::Jailed, Error::<Test>::ProviderJailed);
			set_jailed(ALICE, false);
			assert_refused(ALICE, Exclusion::Paused, Error::<Test>::ProviderPaused);
		});
	}
}

mod paging {
	use super::*;

	#[test]
	fn providers_after_pages_the_registered_accounts_in_storage_order() {
		run_test(|| {
			assert!(ResourceRegistry::providers_after(None, 10).is_empty());
			assert_eq!(ResourceRegistry::provider_count(), 0);
			for who in [ALICE, BOB, CHARLIE] {
				register(who);
			}
			assert_eq!(ResourceRegistry::provider_count(), 3);
			let all = ResourceRegistry::providers_after(None, 10);
			// The same order as the runtime API's provider pages.
			let viewed: Vec<AccountId> =
				ResourceRegistry::providers(None, 10).into_iter().map(|(who, _)| who).collect();
			assert_eq!(all, viewed);
			let mut sorted = all.clone();
			sorted.sort();
			assert_eq!(sorted, vec![ALICE, BOB, CHARLIE]);

			let first = ResourceRegistry::providers_after(None, 2);
			assert_eq!(first, all[..2]);
			let rest = ResourceRegistry::providers_after(first.last(), 2);
			assert_eq!(rest, all[2..]);
			assert!(ResourceRegistry::providers_after(rest.last(), 2).is_empty());
			assert!(ResourceRegistry::providers_after(None, 0).is_empty());

			assert_ok!(ResourceRegistry::deregister_provider(RuntimeOrigin::signed(BOB)));
			assert_eq!(ResourceRegistry::provider_count(), 2);
			assert!(!ResourceRegistry::providers_after(None, 10).contains(&BOB));
		});
	}
}

mod satisfies {
	use super::*;

	#[test]
	fn without_an_auditor_checks_what_the_provider_declares() {
		run_test(|| {
			assert!(!ResourceRegistry::satisfies(&ALICE, &[], None));
			register(ALICE);
			assert!(ResourceRegistry::satisfies(&ALICE, &[], None));
			assert!(ResourceRegistry::satisfies(&ALICE, &[pair("gpu", "h100")], None));
			assert!(ResourceRegistry::satisfies(
				&ALICE,
				&[pair("gpu", "h100"), pair("region", "eu-west")],
				None
			));
			assert!(!ResourceRegistry::satisfies(&ALICE, &[pair("gpu", "a100")], None));
			assert!(!ResourceRegistry::satisfies(
				&ALICE,
				&[pair("gpu", "h100"), pair("tier", "datacenter")],
				None
			));
			// Keys and values are compared whole, not as prefixes.
			assert!(!ResourceRegistry::satisfies(&ALICE, &[pair("gpu", "h10")], None));
			assert!(!ResourceRegistry::satisfies(&ALICE, &[pair("gp", "h100")], None));
		});
	}

	#[test]
	fn with_an_auditor_needs_its_current_audit_of_each_pair() {
		run_test(|| {
			register(ALICE);
			add_auditor(CHARLIE);
			add_auditor(DAVE);
			// Declared but not audited at all.
			assert!(!ResourceRegistry::satisfies(&ALICE, &[pair("gpu", "h100")], Some(&CHARLIE)));
			assert!(!ResourceRegistry::satisfies(&ALICE, &[], Some(&CHARLIE)));

			assert_ok!(ResourceRegistry::audit_provider(
				RuntimeOrigin::signed(CHARLIE),
				ALICE,
				attrs(&[("gpu", "h100")]),
			));
			assert!(ResourceRegistry::satisfies(&ALICE, &[pair("gpu", "h100")], Some(&CHARLIE)));
			assert!(ResourceRegistry::satisfies(&ALICE, &[], Some(&CHARLIE)));
			// Declared, but this auditor did not vouch for it.
			assert!(!ResourceRegistry::satisfies(
				&ALICE,
				&[pair("gpu", "h100"), pair("region", "eu-west")],
				Some(&CHARLIE)
			));
			// Another auditor's audit does not count for this one.
			assert!(!ResourceRegistry::satisfies(&ALICE, &[pair("gpu", "h100")], Some(&DAVE)));
			// Not an auditor at all.
			assert!(!ResourceRegistry::satisfies(&ALICE, &[pair("gpu", "h100")], Some(&EVE)));
		});
	}
}

mod capacity {
	use super::*;

	#[test]
	fn reserve_and_release_move_the_allocation() {
		run_test(|| {
			assert_eq!(ResourceRegistry::free_capacity(&ALICE), None);
			register(ALICE);
			assert_eq!(ResourceRegistry::free_capacity(&ALICE), Some(CAPACITY));

			assert_ok!(ResourceRegistry::reserve(&ALICE, &HALF));
			System::assert_last_event(
				Event::CapacityReserved { provider: ALICE, amount: HALF, allocated: HALF }.into(),
			);
			assert_ok!(ResourceRegistry::reserve(&ALICE, &HALF));
			assert_eq!(record(ALICE).allocated, CAPACITY);
			assert_eq!(ResourceRegistry::free_capacity(&ALICE), Some(Resources::ZERO));
			assert_eq!(record(ALICE).active_leases, 2);

			assert_ok!(ResourceRegistry::release(&ALICE, &HALF));
			System::assert_last_event(
				Event::CapacityReleased { provider: ALICE, amount: HALF, allocated: HALF }.into(),
			);
			assert_eq!(ResourceRegistry::free_capacity(&ALICE), Some(HALF));
			assert_eq!(record(ALICE).active_leases, 1);
		});
	}

	#[test]
	fn reserve_never_oversells() {
		run_test(|| {
			register(ALICE);
			assert_ok!(ResourceRegistry::reserve(&ALICE, &HALF));
			// One GPU too many; every other dimension fits.
			let over = Resources { gpu_units: 2, ..HALF };
			assert_noop!(
				ResourceRegistry::reserve(&ALICE, &over),
				Error::<Test>::InsufficientCapacity
			);
			let huge = Resources { cpu_millicores: u64::MAX, ..Resources::ZERO };
			assert_noop!(
				ResourceRegistry::reserve(&ALICE, &huge),
				Error::<Test>::InsufficientCapacity
			);
			assert_eq!(record(ALICE).active_leases, 1);
		});
	}

	#[test]
	fn reserve_refuses_an_unknown_provider_and_a_full_lease_counter() {
		run_test(|| {
			assert_noop!(ResourceRegistry::reserve(&ALICE, &HALF), Error::<Test>::UnknownProvider);
			register(ALICE);
			Providers::<Test>::mutate(ALICE, |info| {
				info.as_mut().unwrap().active_leases = u32::MAX
			});
			assert_noop!(ResourceRegistry::reserve(&ALICE, &HALF), Error::<Test>::TooManyLeases);
			Providers::<Test>::mutate(ALICE, |info| info.as_mut().unwrap().active_leases = 0);
		});
	}

	#[test]
	fn release_refuses_more_than_allocated() {
		run_test(|| {
			assert_noop!(ResourceRegistry::release(&ALICE, &HALF), Error::<Test>::UnknownProvider);
			register(ALICE);
			assert_noop!(
				ResourceRegistry::release(&ALICE, &HALF),
				Error::<Test>::ReleaseExceedsAllocated
			);
			assert_noop!(
				ResourceRegistry::release(&ALICE, &Resources::ZERO),
				Error::<Test>::NoActiveLeases
			);
			assert_ok!(ResourceRegistry::reserve(&ALICE, &HALF));
			assert_noop!(
				ResourceRegistry::release(&ALICE, &CAPACITY),
				Error::<Test>::ReleaseExceedsAllocated
			);
		});
	}

	#[test]
	fn unknown_providers_have_no_capacity_to_reserve_or_release() {
		run_test(|| {
			assert_eq!(ResourceRegistry::free_capacity(&ALICE), None);
			assert_noop!(
				ResourceRegistry::reserve(&ALICE, &Resources::ZERO),
				Error::<Test>::UnknownProvider
			);
			assert_noop!(
				ResourceRegistry::release(&ALICE, &Resources::ZERO),
				Error::<Test>::UnknownProvider
			);
		});
	}
}

mod reading {
	use super::*;

	#[test]
	fn provider_reads_one_record() {
		run_test(|| {
			assert_eq!(ResourceRegistry::provider(&ALICE), None);
			register(ALICE);
			let info = record(ALICE);
			let view = ResourceRegistry::provider(&ALICE).unwrap();
			assert_eq!(
				view,
				ProviderView {
					capacity: info.capacity,
					allocated: info.allocated,
					attributes: info.attributes,
					host_uri: info.host_uri,
					status: info.status,
					jailed: false,
					active_leases: info.active_leases,
					deposit: info.deposit,
					registered_at: info.registered_at,
					last_heartbeat: 1,
					maintenance: None,
					liveness: stratus_primitives::Liveness::Reachable,
				}
			);
			// The jail is read from slashing.
			set_jailed(ALICE, true);
			assert!(ResourceRegistry::provider(&ALICE).unwrap().jailed);
		});
	}

	#[test]
	fn pages_list_every_provider_once() {
		run_test(|| {
			let all = [ALICE, BOB, CHARLIE, DAVE, EVE];
			for who in all {
				register(who);
			}
			let mut seen = Vec::new();
			let mut start_after = None;
			loop {
				// Asking for more than `MaxPageSize` (3) gets 3.
				let page = ResourceRegistry::providers(start_after, 100);
				assert!(page.len() <= 3);
				let Some((last, _)) = page.last() else { break };
				start_after = Some(*last);
				for (who, info) in &page {
					assert_eq!(Some(info.clone()), ResourceRegistry::provider(who));
				}
				seen.extend(page.into_iter().map(|(who, _)| who));
			}
			seen.sort();
			assert_eq!(seen, all.to_vec());
		});
	}

	#[test]
	fn pages_respect_the_limit() {
		run_test(|| {
			assert!(ResourceRegistry::providers(None, 3).is_empty());
			for who in [ALICE, BOB, CHARLIE, DAVE] {
				register(who);
			}
			assert!(ResourceRegistry::providers(None, 0).is_empty());
			assert_eq!(ResourceRegistry::providers(None, 2).len(), 2);
			assert_eq!(ResourceRegistry::providers(None, 3).len(), 3);
			let first = ResourceRegistry::providers(None, 1);
			let rest = ResourceRegistry::providers(Some(first[0].0), 3);
			assert_eq!(rest.len(), 3);
			assert!(rest.iter().all(|(who, _)| *who != first[0].0));
		});
	}
}
