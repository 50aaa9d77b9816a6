//! The pallet's invariants, checked by `try_state` (and after every test).
//! This walks all of the pallet's storage, which is fine off-chain only.

use crate::{pallet::*, types::*};
use alloc::collections::{BTreeMap, BTreeSet};
use polkadot_sdk::{frame_support, sp_runtime};

use frame_support::{ensure, traits::fungible::InspectHold};
use sp_runtime::{traits::Saturating, TryRuntimeError};
use stratus_primitives::OrderId;

impl<T: Config> Pallet<T> {
	/// Checks that:
	/// - every held amount matches an open order or bid: each tenant's
	///   `OrderBudget` and `OrderDeposit` holds are the sums over its open
	///   orders, each provider's `BidDeposit` hold the sum over its open bids;
	/// - every open order is in exactly one expiry queue slot, its window's,
	///   which the hook has not passed, and the queue holds nothing else;
	/// - each order's `bid_count` equals its bidders list and its `Bids`
	///   entries, in increasing `seq`, and no bid is left without an order;
	/// - the tenant index and counters match the orders;
	/// - order ids are below `NextOrderId`.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let cursor = NextUnprocessedBlock::<T>::get();
		let next_id = NextOrderId::<T>::get();

		let mut budgets: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		let mut order_deposits: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		let mut bid_deposits: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		let mut open_counts: BTreeMap<T::AccountId, u32> = BTreeMap::new();
		let mut order_ids: BTreeSet<OrderId> = BTreeSet::new();
		let mut bids_expected: u32 = 0;

		for (order_id, order) in Orders::<T>::iter() {
			ensure!(order_id < next_id, "an order id is not below NextOrderId");
			order_ids.insert(order_id);
			ensure!(
				OrdersByTenant::<T>::contains_key(&order.tenant, order_id),
				"an open order is missing from its tenant's index"
			);
			let cursor = cursor.ok_or("an order exists but the expiry cursor is unset")?;
			ensure!(order.window_end >= cursor, "an open order's slot is behind the cursor");
			let in_slot =
				Expiries::<T>::get(order.window_end).iter().filter(|id| **id == order_id).count();
			ensure!(in_slot == 1, "an open order is not exactly once in its expiry slot");

			budgets.entry(order.tenant.clone()).or_default().saturating_accrue(order.budget);
			order_deposits
				.entry(order.tenant.clone())
				.or_default()
				.saturating_accrue(order.deposit);
			open_counts.entry(order.tenant.clone()).or_default().saturating_accrue(1);

			let bidders = OrderBidders::<T>::get(order_id);
			ensure!(bidders.len() as u32 == order.bid_count, "bid_count differs from bidders");
			let mut last_seq: Option<u32> = None;
			for provider in bidders.iter() {
				let bid = Bids::<T>::get(order_id, provider).ok_or("a bidder has no bid")?;
				ensure!(last_seq.is_none_or(|s| s < bid.seq), "bidders are not in bid order");
				ensure!(bid.seq < order.bids_placed, "a bid's seq is not below bids_placed");
				last_seq = Some(bid.seq);
				bid_deposits.entry(provider.clone()).or_default().saturating_accrue(bid.deposit);
			}
			bids_expected = bids_expected.saturating_add(order.bid_count);
		}

		ensure!(Bids::<T>::iter().count() as u32 == bids_expected, "a bid has no open order");
		ensure!(
			OrderBidders::<T>::iter_keys().all(|id| order_ids.contains(&id)),
			"a bidders list has no open order"
		);
		let queued: usize = Expiries::<T>::iter_values().map(|slot| slot.len()).sum();
		ensure!(queued == order_ids.len(), "the expiry queue holds ids of no open order");
		ensure!(
			Expiries::<T>::iter_values().all(|slot| !slot.is_empty()),
			"an empty expiry slot is stored"
		);
		ensure!(
			OrdersByTenant::<T>::iter_keys().all(|(_, id)| order_ids.contains(&id)),
			"the tenant index holds an ended order"
		);

		let counters: BTreeMap<T::AccountId, u32> = OpenOrderCount::<T>::iter().collect();
		ensure!(counters == open_counts, "open order counters differ from the orders");

		for (tenant, budget) in budgets {
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::OrderBudget.into(), &tenant) == budget,
				"a tenant's budget hold differs from its orders' budgets"
			);
		}
		for (tenant, deposit) in order_deposits {
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::OrderDeposit.into(), &tenant) == deposit,
				"a tenant's order deposit hold differs from its orders' deposits"
			);
		}
		for (provider, deposit) in bid_deposits {
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::BidDeposit.into(), &provider) == deposit,
				"a provider's bid deposit hold differs from its bids' deposits"
			);
		}
		Ok(())
	}
}
