//! Running low: the hook announces an active lease `RunningLowNotice` blocks
//! before it runs dry, once per run-dry block.

use super::*;
use polkadot_sdk::frame_support::assert_ok;

/// Blocks of notice in these tests.
const NOTICE: BlockNumber = 5;

fn run_low(test: impl FnOnce()) {
	run_test(|| {
		RunningLowNotice::set(&NOTICE);
		test();
	});
}

fn notices(lease: u64) -> Vec<BlockNumber> {
	events()
		.into_iter()
		.filter_map(|e| match e {
			Event::LeaseRunningLow { lease_id, run_dry_at } if lease_id == lease => {
				Some(run_dry_at)
			},
			_ => None,
		})
		.collect()
}

#[test]
fn a_lease_is_announced_notice_blocks_before_it_runs_dry_and_then_closed() {
	run_low(|| {
		// Runs dry at 21: queued at 16 for the notice.
		let id = open(10, 200);
		assert_eq!(queued_at(id), 16);
		run_to_block(15);
		assert!(notices(id).is_empty());
		run_to_block(16);
		assert_eq!(notices(id), vec![21]);
		assert_eq!(last_event(), Event::LeaseRunningLow { lease_id: id, run_dry_at: 21 });
		assert_eq!(Leases::<Test>::get(id).unwrap().low_notice, Some(21));
		assert_eq!(queued_at(id), 21);
		run_to_block(21);
		assert!(!Leases::<Test>::contains_key(id));
		assert_eq!(notices(id), vec![21], "announced once");
	});
}

#[test]
fn a_top_up_after_the_notice_makes_a_new_one_due() {
	run_low(|| {
		let id = open(10, 200);
		run_to_block(16);
		assert_ok!(LeaseEscrow::deposit(RuntimeOrigin::signed(TENANT), id, 100));
		// Now runs dry at 31; the hook finds it at 21 and queues it for 26.
		run_to_block(21);
		assert_eq!(queued_at(id), 26);
		run_to_block(26);
		assert_eq!(notices(id), vec![21, 31]);
		run_to_block(31);
		assert!(!Leases::<Test>::contains_key(id));
	});
}

#[test]
fn a_lease_opened_with_less_than_the_notice_is_announced_at_its_first_visit() {
	run_low(|| {
		// Three blocks of escrow, fewer than the notice: queued for block 2.
		let id = open(10, 30);
		assert_eq!(queued_at(id), 2);
		run_to_block(2);
		assert_eq!(notices(id), vec![4]);
		assert_eq!(queued_at(id), 4);
	});
}

#[test]
fn a_pending_lease_is_not_announced() {
	run_low(|| {
		let id = hold_and_open_pending(terms(TENANT, PROVIDER, 10, 10), 30).unwrap();
		run_to_block(6);
		assert!(notices(id).is_empty());
		assert!(Leases::<Test>::contains_key(id));
	});
}
