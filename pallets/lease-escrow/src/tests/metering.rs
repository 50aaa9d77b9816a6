//! The hook is metered by `HookWeight`: it stops where its weight runs out
//! and goes on from there in the next block, in order, never skipping a
//! lease; and a slot admits no more leases than the hook closes in a block.

use super::*;
use crate::{NextUnprocessedBlock, RUN_DRY_SEARCH_DEPTH};
use polkadot_sdk::frame_support::{assert_noop, assert_ok, traits::Hooks, weights::Weight};
use stratus_primitives::CloseReason;

/// Runs the hook of the next block, checks it kept within `HookWeight` and
/// the invariants hold, and returns the weight it used.
fn next_block() -> Weight {
	let now = System::block_number() + 1;
	System::set_block_number(now);
	let used = LeaseEscrow::on_initialize(now);
	assert!(used.all_lte(HookWeight::get()), "the hook used {used:?} at block {now}");
	check_invariants();
	used
}

/// The leases that ran dry, in the order they were closed, each checked to
/// have paid exactly its ten funded blocks of 10.
fn run_dry() -> Vec<u64> {
	events()
		.into_iter()
		.filter_map(|e| match e {
			Event::LeaseClosed {
				lease_id,
				reason: CloseReason::InsufficientFunds,
				paid_to_provider,
				paid_to_treasury,
				owed_to_provider: 0,
				..
			} => {
				assert_eq!((paid_to_provider, paid_to_treasury), (90, 10), "lease {lease_id}");
				Some(lease_id)
			},
			_ => None,
		})
		.collect()
}

fn default_hook_weight() -> Weight {
	Weight::from_parts(100_000_000_000, 10_000_000)
}

#[test]
fn a_slot_is_closed_across_blocks_in_order_and_the_cursor_waits_for_it() {
	run_test(|| {
		let (base, slot, lease) = hook_costs();
		let ids: Vec<_> =
			(0..MAX_RUN_DRY as u64).map(|i| open_with(MANY.start + i, PROVIDER, 10, 100)).collect();
		assert!(ids.iter().all(|id| queued_at(*id) == 11));
		// Admitted under the mock's weight, then the hook is cut to one close.
		allow_closes(1);
		run_to_block(10);
		assert_eq!(NextUnprocessedBlock::<Test>::get(), Some(11));

		// One close a block: the first lease of the slot closes, the rest of
		// the slot stays, and so does the cursor.
		let used = next_block();
		assert_eq!(used, base.saturating_add(slot).saturating_add(lease));
		assert_eq!(run_dry(), ids[..1]);
		assert_eq!(RunDry::<Test>::get(11).into_inner(), ids[1..]);
		assert_eq!(NextUnprocessedBlock::<Test>::get(), Some(11));

		next_block();
		assert_eq!(run_dry(), ids[..2]);
		assert_eq!(RunDry::<Test>::get(11).into_inner(), ids[2..]);
		assert_eq!(NextUnprocessedBlock::<Test>::get(), Some(11));
		// Carried over, a lease that ran dry is still settled only up to its
		// run-dry block, and anyone may close it at once.
		assert_eq!(LeaseEscrow::lease_view(ids[2]).unwrap().owed_now, 100);

		next_block();
		next_block();
		assert_eq!(run_dry(), ids);
		// The slot is empty now and the cursor moved past it.
		assert!(!RunDry::<Test>::contains_key(11));
		assert_eq!(NextUnprocessedBlock::<Test>::get(), Some(12));
		assert_eq!(released().len(), ids.len());
		assert_eq!(free(PROVIDER), INITIAL + 90 * ids.len() as Balance);

		// With its weight back, the hook catches up with the current block.
		HookWeight::set(&default_hook_weight());
		next_block();
		assert_eq!(NextUnprocessedBlock::<Test>::get(), Some(System::block_number() + 1));
	});
}

#[test]
fn a_slot_admits_what_the_hook_closes_in_a_block() {
	run_test(|| {
		assert_eq!(LeaseEscrow::runs_dry_admitted_per_block(), MAX_RUN_DRY);
		allow_closes(2);
		assert_eq!(LeaseEscrow::runs_dry_admitted_per_block(), 2);
		// Leases opened at 1 run dry at 11: slot 11 and the eight before it
		// (down to 3, the first block after the next) take two each.
		let providers = [PROVIDER, ALICE, BOB, CHARLIE];
		let slots = 1 + RUN_DRY_SEARCH_DEPTH as u64;
		let ids: Vec<_> = (0..2 * slots)
			.map(|i| open_with(MANY.start + i, providers[i as usize / 5], 10, 100))
			.collect();
		for at in 3..=11 {
			assert_eq!(RunDry::<Test>::get(at).len(), 2, "slot {at}");
		}
		// Past the admission of every slot in range, a lease that won its
		// order still opens: in its own slot, up to the storage bound, and the
		// hook carries the surplus forward.
		let crowd = open_with(MANY.start + 18, CHARLIE, 10, 100);
		assert_eq!(queued_at(crowd), 11);
		assert_eq!(RunDry::<Test>::get(11).len(), 3);

		// Each lease still closes paying exactly its ten blocks, though those
		// queued early are carried forward a block at a time, two leases a
		// block.
		while Leases::<Test>::iter().next().is_some() {
			assert!(System::block_number() < 60, "the hook stopped making progress");
			next_block();
		}
		let mut closed = run_dry();
		closed.sort();
		let mut all = ids;
		all.push(crowd);
		assert_eq!(closed, all);
	});
}

#[test]
fn a_lease_is_refused_for_queue_space_only_when_every_slot_in_range_is_at_its_storage_bound() {
	run_test(|| {
		allow_closes(2);
		// Slots 3 to 11, the range of a lease opened at 1 that runs dry at
		// 11, full to their storage bound but for one place in slot 3.
		let slots = 1 + RUN_DRY_SEARCH_DEPTH as u64;
		// Tenants and providers among the many accounts, two leases each.
		let pair = |i: u64| (MANY.start + i % 20, MANY.start + (i + 1) % 20);
		let open_nth = |i: u64| {
			let (tenant, provider) = pair(i);
			hold_and_open(terms(tenant, provider, 10, 100), 100)
		};
		let full = slots * MAX_RUN_DRY as u64;
		for i in 0..full - 1 {
			assert_ok!(open_nth(i));
		}
		assert_eq!(RunDry::<Test>::get(3).len() as u32, MAX_RUN_DRY - 1);
		let last = open_nth(full - 1).expect("the last place, in slot 3");
		assert_eq!(queued_at(last), 3);
		assert_noop!(open_nth(full), Error::<Test>::RunDryQueueFull);
	});
}

#[test]
fn a_lease_queued_early_is_carried_forward_until_its_slot_has_room() {
	run_test(|| {
		allow_closes(1);
		let first = open_with(MANY.start, PROVIDER, 10, 100);
		let early = open_with(MANY.start + 1, PROVIDER, 10, 100);
		assert_eq!((queued_at(first), queued_at(early)), (11, 10));
		// At 10 the early lease's own slot is still full: it goes to the
		// next block, within the storage bound, rather than block the cursor.
		run_to_block(10);
		assert_eq!(queued_at(early), 11);
		assert_eq!(RunDry::<Test>::get(11).into_inner(), vec![first, early]);
		next_block();
		next_block();
		assert_eq!(run_dry(), vec![first, early]);
	});
}

#[test]
fn a_top_up_into_a_full_window_is_taken_and_every_lease_still_closes_exactly() {
	run_test(|| {
		allow_closes(2);
		let topped = open(10, 100);
		assert_eq!(queued_at(topped), 11);
		// Every slot a top-up to block 21 could move it to, 13 to 21, full:
		// two leases each, opened by eighteen tenants.
		let providers = [ALICE, BOB, CHARLIE, MANY.end - 1];
		let others: Vec<(u64, Balance)> = (0..18u64)
			.map(|n| {
				let escrow = 10 * (12 + n as Balance / 2);
				(open_with(MANY.start + n, providers[n as usize / 5], 10, escrow), escrow)
			})
			.collect();
		for at in 13..=21 {
			assert_eq!(RunDry::<Test>::get(at).len(), 2, "slot {at}");
		}
		// The top-up is taken anyway: it touches no slot.
		assert_ok!(LeaseEscrow::deposit(RuntimeOrigin::signed(ALICE), topped, 100));
		assert_eq!(Leases::<Test>::get(topped).unwrap().run_dry_at, 21);
		assert_eq!(queued_at(topped), 11);

		// The hook carries it forward until it is due, and every lease closes
		// paying exactly its funded blocks, however late the hook reaches it.
		while Leases::<Test>::iter().next().is_some() {
			assert!(System::block_number() < 40, "the hook stopped making progress");
			next_block();
		}
		let closed = |id: u64| {
			events().into_iter().find_map(|e| match e {
				Event::LeaseClosed {
					lease_id,
					reason: CloseReason::InsufficientFunds,
					paid_to_provider,
					paid_to_treasury,
					owed_to_provider: 0,
					refunded: 0,
					record_deposit: 0,
					claimable: 0,
				} if lease_id == id => Some(paid_to_provider + paid_to_treasury),
				_ => None,
			})
		};
		assert_eq!(closed(topped), Some(200));
		for (id, escrow) in others {
			assert_eq!(closed(id), Some(escrow), "lease {id}");
		}
	});
}
