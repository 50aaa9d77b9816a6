//! Reading orders and bids for the runtime API, through the view types.

use super::order_with_window;
use crate::{mock::*, views::*, *};
use alloc::collections::BTreeSet;
use polkadot_sdk::frame_support::assert_ok;

/// Reads every page of `page` of size `limit`, following the last id.
fn all_pages(
	limit: u32,
	page: impl Fn(Option<u64>, u32) -> Vec<(u64, OrderViewOf<Test>)>,
) -> Vec<u64> {
	let mut seen = Vec::new();
	let mut after = None;
	loop {
		let batch = page(after, limit);
		assert!(batch.len() <= limit as usize);
		assert!(batch.iter().all(|(id, view)| *id == view.order_id));
		let Some((last, _)) = batch.last() else { break };
		after = Some(*last);
		seen.extend(batch.iter().map(|(id, _)| *id));
	}
	seen
}

#[test]
fn order_shows_an_open_order_with_its_book_summary() {
	run_test(|| {
		let order_id = super::audited_order(ALICE);
		assert_eq!(
			BidMatching::order(order_id),
			Some(OrderView {
				order_id,
				tenant: ALICE,
				asset: STRA,
				resources: SMALL,
				manifest: MANIFEST,
				attributes: vec![
					(b"region".to_vec(), b"eu".to_vec()),
					(b"tier".to_vec(), b"gold".to_vec())
				],
				auditor: Some(AUDITOR),
				requirements: Default::default(),
				max_price_per_block: MAX_PRICE,
				budget: BUDGET,
				deposit: ORDER_DEPOSIT,
				created_at: 1,
				window_end: 1 + WINDOW,
				bid_count: 0,
				best_price: None,
			})
		);
		bid(P1, order_id, 8);
		bid(P2, order_id, 6);
		let view = BidMatching::order(order_id).unwrap();
		assert_eq!((view.bid_count, view.best_price), (2, Some(6)));

		assert_ok!(BidMatching::cancel_order(RuntimeOrigin::signed(ALICE), order_id));
		assert_eq!(BidMatching::order(order_id), None);
		assert_eq!(BidMatching::order(42), None);
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
		// Each view is the order's.
		for (id, view) in BidMatching::open_orders(None, 10) {
			assert_eq!(Some(view), BidMatching::order(id));
		}

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
		assert_eq!(BidMatching::orders_of(&ALICE, None, 100).len(), 5);
		assert_eq!(BidMatching::orders_of(&P1, None, 10), vec![]);
		assert_eq!(BidMatching::orders_of(&BOB, None, 10).len(), 1);
	});
}

#[test]
fn bids_lists_the_book_best_first_with_ranks() {
	run_test(|| {
		let order_id = create_default_order(ALICE);
		System::set_block_number(2);
		bid(P3, order_id, 9);
		System::set_block_number(3);
		bid(P1, order_id, 7);
		bid(P2, order_id, 8);
		bid(P4, order_id, 7);
		assert_ok!(BidMatching::withdraw_bid(RuntimeOrigin::signed(P2), order_id));

		let view = |price, placed_at, rank| BidView { price, placed_at, rank };
		assert_eq!(
			BidMatching::bids(order_id),
			vec![(P1, view(7, 3, 0)), (P4, view(7, 3, 1)), (P3, view(9, 2, 2)),]
		);
		assert_eq!(BidMatching::bids(42), vec![]);
	});
}
