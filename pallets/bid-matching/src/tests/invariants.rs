//! Each invariant `do_try_state` checks, shown able to fail: a chain with
//! an open order holding two bids, corrupted in one place, must fail with
//! that invariant's message and no other.

use super::*;
use polkadot_sdk::frame_support::BoundedVec;

/// Providers P1..P4 registered and bonded, and Alice's default order with
/// bids of P1 (8) and P2 (9).
fn base() -> OrderId {
	for p in [P1, P2, P3, P4] {
		register_provider(p);
	}
	let order_id = create_default_order(ALICE);
	bid(P1, order_id, 8);
	bid(P2, order_id, 9);
	order_id
}

/// `corrupt` applied to the base chain makes `do_try_state` fail with
/// `name`.
fn fires(name: &'static str, corrupt: impl FnOnce(OrderId)) {
	new_test_ext().execute_with(|| {
		let order_id = base();
		assert_eq!(BidMatching::do_try_state(), Ok(()), "the base chain holds");
		corrupt(order_id);
		assert_eq!(BidMatching::do_try_state(), Err(name.into()), "{name}");
	});
}

fn order(order_id: OrderId, change: impl FnOnce(&mut OrderOf<Test>)) {
	Orders::<Test>::mutate(order_id, |order| change(order.as_mut().expect("the order")));
}

fn window_end(order_id: OrderId) -> u64 {
	Orders::<Test>::get(order_id).expect("the order").window_end
}

#[test]
fn an_order_id_not_yet_handed_out() {
	fires("an order id is not below NextOrderId", NextOrderId::<Test>::put);
}

#[test]
fn an_order_its_tenant_does_not_list() {
	fires("an open order is missing from its tenant's index", |id| {
		OrdersByTenant::<Test>::remove(ALICE, id)
	});
}

#[test]
fn an_order_without_an_expiry_cursor() {
	fires("an order exists but the expiry cursor is unset", |_| {
		NextUnprocessedBlock::<Test>::kill()
	});
}

#[test]
fn an_order_behind_the_cursor() {
	fires("an open order's slot is behind the cursor", |id| {
		NextUnprocessedBlock::<Test>::put(window_end(id) + 1)
	});
}

#[test]
fn an_order_twice_in_its_slot() {
	fires("an open order is not exactly once in its expiry slot", |id| {
		Expiries::<Test>::mutate(window_end(id), |slot| slot.try_push(id).expect("room"))
	});
}

#[test]
fn an_order_without_a_deposit() {
	fires("an order holds no deposit", |id| order(id, |o| o.deposit = 0));
}

#[test]
fn a_provider_bidding_twice() {
	fires("a provider bid twice on an order", |id| {
		order(id, |o| o.bids[1].provider = P1);
	});
}

#[test]
fn two_bids_with_one_number() {
	fires("two bids share a number", |id| order(id, |o| o.bids[1].seq = o.bids[0].seq));
}

#[test]
fn a_bid_numbered_past_the_count() {
	fires("a bid's number is not below bids_placed", |id| order(id, |o| o.bids_placed = 1));
}

#[test]
fn a_tenant_bidding_on_its_own_order() {
	fires("a tenant bid on its own order", |id| order(id, |o| o.bids[1].provider = ALICE));
}

#[test]
fn a_bid_above_the_maximum() {
	fires("a bid above the maximum price", |id| {
		order(id, |o| o.bids[1].price = o.max_price_per_block + 1)
	});
}

#[test]
fn an_unsorted_book() {
	fires("a bid book is not sorted best first", |id| order(id, |o| o.bids[1].price = 7));
}

#[test]
fn a_queued_id_of_no_order() {
	fires("the expiry queue holds ids of no open order", |id| {
		Expiries::<Test>::insert(window_end(id) + 1, BoundedVec::truncate_from(vec![id + 100]))
	});
}

#[test]
fn an_empty_slot() {
	fires("an empty expiry slot is stored", |id| {
		Expiries::<Test>::insert(window_end(id) + 1, BoundedVec::new())
	});
}

#[test]
fn a_tenant_listing_an_ended_order() {
	fires("the tenant index holds an ended order", |id| {
		OrdersByTenant::<Test>::insert(ALICE, id + 100, ())
	});
}

#[test]
fn an_open_order_count_that_differs() {
	fires("open order counters differ from the orders", |_| {
		OpenOrderCount::<Test>::insert(ALICE, 2)
	});
}

#[test]
fn a_budget_the_orders_do_not_account_for() {
	fires(
		"the budget the lease manager holds for a tenant differs from its orders' budgets",
		|id| order(id, |o| o.budget += 1),
	);
}

#[test]
fn a_deposit_the_hold_does_not_match() {
	fires("a tenant's order deposit hold differs from its orders' deposits", |id| {
		order(id, |o| o.deposit += 1)
	});
}
