//! The run-dry queue and the hook that closes the leases due.

use super::*;
use crate::NextUnprocessedBlock;
use polkadot_sdk::frame_support::{assert_noop, traits::Hooks};
use stratus_primitives::{CloseReason, LeaseManager};

fn closed(id: u64) -> Event<Test> {
	Event::LeaseClosed {
		lease_id: id,
		reason: CloseReason::InsufficientFunds,
		paid_to_provider: 90,
		paid_to_treasury: 10,
		owed_to_provider: 0,
		refunded: 0,
		record_deposit: 0,
		claimable: 0,
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
		assert_eq!(NextUnprocessedBlock::<Test>::get(), Some(12));
	});
}

#[test]
fn the_cursor_is_set_by_the_first_lease_queued() {
	run_test(|| {
		run_to_block(3);
		assert_eq!(NextUnprocessedBlock::<Test>::get(), None);
		open(10, 100);
		// This block's hook has run: the first slot to visit is the next.
		assert_eq!(NextUnprocessedBlock::<Test>::get(), Some(4));
		run_to_block(4);
		assert_eq!(NextUnprocessedBlock::<Test>::get(), Some(5));
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

		// Visited at 10, it is not due and its own slot is still full: it
		// stays open, and the cursor waits with it.
		run_to_block(10);
		assert!(Leases::<Test>::contains_key(last));
		assert_eq!(free(PROVIDER), INITIAL);
		assert_eq!(NextUnprocessedBlock::<Test>::get(), Some(10));

		// At 11 all five close, each paying exactly ten blocks.
		run_to_block(11);
		assert!(ids.iter().all(|id| !Leases::<Test>::contains_key(id)));
		for id in ids {
			assert!(events().contains(&closed(id)));
		}
		assert_eq!(NextUnprocessedBlock::<Test>::get(), Some(12));
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
		assert_eq!(NextUnprocessedBlock::<Test>::get(), Some(11));
		run_to_block(11);
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
		assert_noop!(hold_and_open(terms(ALICE, BOB, 10, 10), 10), Error::<Test>::RunDryQueueFull);
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
		assert_eq!(NextUnprocessedBlock::<Test>::get(), Some(12));
		assert_eq!(free(PROVIDER), INITIAL, "the failed close changed nothing");
		set_release_fails(false);
		run_to_block(12);
		assert!(!Leases::<Test>::contains_key(id));
		// Late by a block, it still paid its ten blocks and no more.
		assert_eq!(last_event(), closed(id));
	});
}

#[test]
fn failed_auto_close_with_the_next_slot_full_waits_at_the_cursor() {
	run_test(|| {
		let id = open(10, 100);
		// Slot 12 full to its storage bound.
		for i in 0..MAX_RUN_DRY as u64 {
			open_with(MANY.start + i, ALICE, 10, 110);
		}
		assert_eq!(RunDry::<Test>::get(12).len() as u32, MAX_RUN_DRY);
		set_release_fails(true);
		run_to_block(11);
		assert_eq!(queued_at(id), 11);
		assert_eq!(NextUnprocessedBlock::<Test>::get(), Some(11));
		set_release_fails(false);
		run_to_block(12);
		assert!(!Leases::<Test>::contains_key(id));
		assert!(events().contains(&closed(id)));
		assert!(RunDry::<Test>::get(12).is_empty());
		assert_eq!(NextUnprocessedBlock::<Test>::get(), Some(13));
	});
}

#[test]
fn hook_weight_counts_its_base_the_slots_and_the_leases() {
	run_test(|| {
		let (base, slot, lease) = hook_costs();
		System::set_block_number(2);
		// Nothing queued yet: only the base.
		assert_eq!(LeaseEscrow::on_initialize(2), base);
		for i in 0..2 {
			open_with(MANY.start + i, PROVIDER, 10, 100);
		}
		// Opened at 2, they run dry at 12.
		run_to_block(11);
		System::set_block_number(12);
		let used = LeaseEscrow::on_initialize(12);
		assert_eq!(used, base.saturating_add(slot).saturating_add(lease.saturating_mul(2)));
		assert!(used.all_lte(HookWeight::get()));
	});
}
