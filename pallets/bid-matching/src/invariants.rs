//! The pallet's invariants, checked by `try_state` (and after every test).
//! This walks all of the pallet's storage, which is fine off-chain only.

use crate::{pallet::*, types::*};
use alloc::collections::{BTreeMap, BTreeSet};
use polkadot_sdk::{frame_support, sp_runtime};

use frame_support::{ensure, traits::fungibles::InspectHold};
use sp_runtime::{
	traits::{Saturating, Zero},
	TryRuntimeError,
};
use stratus_primitives::{LeaseManager, OrderId};

impl<T: Config> Pallet<T> {
	/// Checks that:
	/// - what is held is what is owed, in each asset: the budget the lease
	///   manager holds for each tenant in an asset and its `OrderDeposit`
	///   hold of the asset are the sums over its open orders in it; no
	///   order's deposit is zero;
	/// - every open order is in exactly one expiry queue slot, its window's,
	///   which the hook has not passed, and the queue holds nothing else;
	/// - each book is sorted best first, one bid per provider, no bid above
	///   the order's maximum or of its tenant, every number below
	///   `bids_placed` and none twice;
	/// - the tenant index and counters match the orders;
	/// - order ids are below `NextOrderId`.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let cursor = NextUnprocessedBlock::<T>::get();
		let next_id = NextOrderId::<T>::get();

		let mut budgets: BTreeMap<(T::AccountId, T::AssetKind), BalanceOf<T>> = BTreeMap::new();
		let mut order_deposits: BTreeMap<(T::AccountId, T::AssetKind), BalanceOf<T>> =
			BTreeMap::new();
		let mut open_counts: BTreeMap<T::AccountId, u32> = BTreeMap::new();
		let mut order_ids: BTreeSet<OrderId> = BTreeSet::new();

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

			ensure!(!order.deposit.is_zero(), "an order holds no deposit");
			let key = (order.tenant.clone(), order.asset.clone());
			budgets.entry(key.clone()).or_default().saturating_accrue(order.budget);
			order_deposits.entry(key).or_default().saturating_accrue(order.deposit);
			open_counts.entry(order.tenant.clone()).or_default().saturating_accrue(1);

			let mut providers = BTreeSet::new();
			let mut seqs = BTreeSet::new();
			for (i, bid) in order.bids.iter().enumerate() {
				ensure!(providers.insert(bid.provider.clone()), "a provider bid twice on an order");
				ensure!(seqs.insert(bid.seq), "two bids share a number");
				ensure!(bid.seq < order.bids_placed, "a bid's number is not below bids_placed");
				ensure!(bid.provider != order.tenant, "a tenant bid on its own order");
				ensure!(bid.price <= order.max_price_per_block, "a bid above the maximum price");
				if let Some(next) = order.bids.get(i.saturating_add(1)) {
					ensure!(bid.ranks_before(next), "a bid book is not sorted best first");
				}
			}
		}

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

		for ((tenant, asset), budget) in budgets {
			ensure!(
				T::Leases::budget_held(&tenant, &asset) == budget,
				"the budget the lease manager holds for a tenant differs from its orders' budgets"
			);
		}
		for ((tenant, asset), deposit) in order_deposits {
			ensure!(
				T::Funds::balance_on_hold(asset, &HoldReason::OrderDeposit.into(), &tenant)
					== deposit,
				"a tenant's order deposit hold differs from its orders' deposits"
			);
		}
		Ok(())
	}
}
