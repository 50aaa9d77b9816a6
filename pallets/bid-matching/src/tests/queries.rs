//! Reading orders and bids for the runtime API.

use crate::{mock::*, *};
use alloc::collections::BTreeSet;
use polkadot_sdk::frame_support::assert_ok;

fn order_with_window(tenant: AccountId, window: u64) -> u64 {
	let id = NextOrderId::<Test>::get();
	assert_ok!(BidMatching::create_order(
		RuntimeOrigin::signed(tenant),
		SMALL,
		attrs(&[]),
		None,
		MAX_PRICE,
		BUDGET,
		window,
	));
	id
}

/// Reads every page of `page` of size `limit`, following the last id.
fn all_pages(limit: u32, page: impl Fn(Option<u64>, u32) -> Vec<(u64, OrderOf<Test>)>) -> Vec<u64> {
	let mut seen = Vec::new();
	let mut after = None;
	loop {
		let batch = page(after, limit);
		assert!(batch.len() <= limit as usize);
		let Some((last, _)) = batch.last() else { break };
		after = Some(*last);
		seen.extend(batch.iter().map(|(id, _)| *id));
	}
	seen
}

#[test]
fn order_reads_an_open_order_only() {
	run_test(|| {
		let order_id = create_default_order(ALICE);
		assert_eq!(BidMatching::order(order_id), Orders::<Test>::get(order_id));
		assert!(BidMatching::order(order_id).is_some());
		assert_ok!(BidMatching::cancel_order(RuntimeOrigin::signed(ALICE), order_id));
		assert_eq!(BidMatching::order(order_id), None);
	});
}

#[test]
fn open_orders_pages_through_every_open_order_once() {
	run_test(|| {
		let mut ids = BTreeSet::new();
		for (i, tenant) in [ALICE, BOB, NOBODY, AUDITOR].into_iter().enumerate() {
			for j in 0..3u64 {
				ids.insert(order_with_window(tenant, 2 + i as u64 * 3 + j));
			}
		}
		// The page size is capped by MaxPageSize (10).
		assert_eq!(BidMatching::open_orders(None, 100).len(), 10);
		assert_eq!(BidMatching::open_orders(None, 0).len(), 0);

		let seen = all_pages(5, BidMatching::open_orders);
		assert_eq!(seen.len(), 12);
		assert_eq!(seen.iter().copied().collect::<BTreeSet<_>>(), ids);

		// Ended orders are not listed.
		assert_ok!(BidMatching::cancel_order(RuntimeOrigin::signed(ALICE), 0));
		assert_eq!(all_pages(5, BidMatching::open_orders).len(), 11);
	});
}

#[test]
fn orders_of_pages_through_one_tenants_open_orders() {
	run_test(|| {
		let mine: BTreeSet<u64> = (0..5).map(|i| order_with_window(ALICE, 2 + i)).collect();
		order_with_window(BOB, 2);

		let seen = all_pages(2, |after, limit| BidMatching::orders_of(&ALICE, after, limit));
		assert_eq!(seen.len(), 5);
		assert_eq!(seen.iter().copied().collect::<BTreeSet<_>>(), mine);
		assert!(BidMatching::orders_of(&ALICE, None, 10).iter().all(|(_, o)| o.tenant == ALICE));
		assert_eq!(BidMatching::orders_of(&P1, None, 10), vec![]);
	});
}

#[test]
fn bids_lists_the_open_bids_in_placement_order() {
	run_test(|| {
		let order_id = create_default_order(ALICE);
		bid(P3, order_id, 9);
		bid(P1, order_id, 7);
		bid(P2, order_id, 8);
		assert_ok!(BidMatching::withdraw_bid(RuntimeOrigin::signed(P1), order_id));

		let listed: Vec<(AccountId, Balance, u32)> =
			BidMatching::bids(order_id).into_iter().map(|(p, b)| (p, b.price, b.seq)).collect();
		assert_eq!(listed, vec![(P3, 9, 0), (P2, 8, 2)]);
		assert_eq!(BidMatching::bids(42), vec![]);
	});
}
