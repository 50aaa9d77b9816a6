//! The run-dry queue and the hook.

use super::*;
use crate::{NextUnprocessedBlock, WeightInfo};
use polkadot_sdk::frame_support::{assert_noop, traits::Hooks};
use stratus_primitives::{CloseReason, LeaseManager};

fn closed(id: u64) -> Event<Test> {
	Event::LeaseClosed {
		lease_id: id,
		reason: CloseReason::InsufficientFunds,
		paid_to_provider: 90,
		paid_to_treasury: 10,
		refunded: 0,
	}
}

#[test]
fn run_dry_closes_at_the_exact_block() {
	run_test(|| {
		let id = open(10, 100);
		assert_eq!(queued_at(id), 11);
		run_to_block(10);
		assert!(Leases::<Test>::contains_key(id));
		assert!(released().is_empty());
		run_to_block(11);
		assert!(!Leases::<Test>::contains_key(id));
		assert_eq!(last_event(), closed(id));
		assert_eq!(free(PROVIDER), INITIAL + 90);
		assert_eq!(free(TREASURY), INITIAL + 10);
		assert_eq!(free(TENANT), INITIAL - 100);
		assert_eq!(released(), vec![(PROVIDER, RESOURCES)]);
		assert_eq!(NextUnprocessedBlock::<Test>::get(), 12);
	});
}

#[test]
fn more_run_dry_leases_than_the_bound_carry_over() {
	run_test(|| {
		let ids: Vec<_> =
			(0..MAX_RUN_DRY as u64).map(|i| open_with(MANY.start + i, PROVIDER, 10, 100)).collect();
		assert!(ids.iter().all(|id| queued_at(*id) == 11));
		run_to_block(11);
		let closed_now: Vec<_> =
			ids.iter().copied().filter(|id| !Leases::<Test>::contains_key(id)).collect();
		assert_eq!(closed_now.len() as u32, MAX_CLOSURES);
		assert_eq!(RunDry::<Test>::get(11).len() as u32, MAX_RUN_DRY - MAX_CLOSURES);
		assert_eq!(NextUnprocessedBlock::<Test>::get(), 11);

		run_to_block(12);
		assert!(ids.iter().all(|id| !Leases::<Test>::contains_key(id)));
		assert_eq!(NextUnprocessedBlock::<Test>::get(), 13);
		// The late one still paid only its ten funded blocks.
		for id in ids {
			assert!(events().contains(&closed(id)));
		}
		assert_eq!(free(PROVIDER), INITIAL + 90 * MAX_RUN_DRY as Balance);
	});
}

#[test]
fn full_slot_queues_the_lease_earlier_never_later() {
	run_test(|| {
		let ids: Vec<_> = (0..=MAX_RUN_DRY as u64)
			.map(|i| open_with(MANY.start + i, PROVIDER, 10, 100))
			.collect();
		let last = *ids.last().unwrap();
		assert_eq!(queued_at(last), 10);
		assert_eq!(Leases::<Test>::get(last).unwrap().run_dry_at, 11);

		// Visited at 10, it is not due: it stays open (its slot is still full).
		run_to_block(10);
		assert!(Leases::<Test>::contains_key(last));
		assert_eq!(free(PROVIDER), INITIAL);

		// All five close over the next blocks, each paying exactly ten blocks.
		run_to_block(13);
		assert!(ids.iter().all(|id| !Leases::<Test>::contains_key(id)));
		for id in ids {
			assert!(events().contains(&closed(id)));
		}
	});
}

#[test]
fn lease_queued_early_moves_forward_when_its_slot_has_room() {
	run_test(|| {
		let ids: Vec<_> = (0..=MAX_RUN_DRY as u64)
			.map(|i| open_with(MANY.start + i, PROVIDER, 10, 100))
			.collect();
		let last = *ids.last().unwrap();
		assert_eq!(queued_at(last), 10);
		// One lease of slot 11 ends early, making room there.
		assert!(
			<LeaseEscrow as LeaseManager<_, _, _>>::close(ids[0], CloseReason::ByTenant).is_ok()
		);
		run_to_block(10);
		assert_eq!(queued_at(last), 11);
		assert_eq!(NextUnprocessedBlock::<Test>::get(), 11);
		run_to_block(12);
		for id in &ids[1..] {
			assert!(!Leases::<Test>::contains_key(id));
			assert!(events().contains(&closed(*id)));
		}
	});
}

#[test]
fn run_dry_queue_full_fails_the_open() {
	run_test(|| {
		// One block of escrow: the lease can only be queued at block 2.
		for i in 0..MAX_RUN_DRY as u64 {
			open_with(MANY.start + i, PROVIDER, 10, 10);
		}
		assert_noop!(
			<LeaseEscrow as LeaseManager<_, _, _>>::open_lease(terms(ALICE, BOB, 10, 10), 10),
			Error::<Test>::RunDryQueueFull
		);
	});
}

#[test]
fn failed_auto_close_is_retried_next_block() {
	run_test(|| {
		let id = open(10, 100);
		set_release_fails(true);
		run_to_block(11);
		assert!(Leases::<Test>::contains_key(id));
		// `Other` errors lose their text when the event is stored.
		assert!(matches!(
			last_event(),
			Event::AutoCloseFailed {
				lease_id,
				error: polkadot_sdk::sp_runtime::DispatchError::Other(_),
			} if lease_id == id
		));
		assert_eq!(queued_at(id), 12);
		assert_eq!(free(PROVIDER), INITIAL, "the failed close changed nothing");
		set_release_fails(false);
		run_to_block(12);
		assert!(!Leases::<Test>::contains_key(id));
		assert_eq!(last_event(), closed(id));
	});
}

#[test]
fn hook_weight_counts_slots_and_leases() {
	run_test(|| {
		let slot = <() as WeightInfo>::on_initialize_slot();
		let lease = <() as WeightInfo>::on_initialize_lease();
		System::set_block_number(2);
		// The first run starts at the current block.
		assert_eq!(LeaseEscrow::on_initialize(2), slot);
		assert_eq!(crate::NextUnprocessedBlock::<Test>::get(), 3);
		for i in 0..2 {
			open_with(MANY.start + i, PROVIDER, 10, 100);
		}
		run_to_block(11);
		System::set_block_number(12);
		assert_eq!(LeaseEscrow::on_initialize(12), slot.saturating_add(lease.saturating_mul(2)));
		assert!(
			LeaseEscrow::max_hook_weight().all_gte(slot.saturating_add(lease.saturating_mul(2)))
		);
	});
}
