//! Matching an order with a bid, by the tenant's choice or by the hook when
//! the window ends, and the bounded expiry queue the hook works through.

use crate::{pallet::*, types::*, weights::WeightInfo};
use alloc::vec::Vec;
use polkadot_sdk::{frame_support, frame_system, sp_runtime};

use frame_support::{
	storage::{with_transaction, TransactionOutcome},
	traits::{fungible::MutateHold, tokens::Precision, Get},
	weights::Weight,
	BoundedVec,
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{
	traits::{One, Saturating},
	DispatchError,
};
use stratus_primitives::{
	LeaseId, LeaseManager, LeaseTerms, OrderId, ProviderRegistry, ProviderStake,
};

const LOG_TARGET: &str = "runtime::bid-matching";

impl<T: Config> Pallet<T> {
	/// Returns the number of bids that were open on the order.
	pub(crate) fn do_accept_bid(
		tenant: &T::AccountId,
		order_id: OrderId,
		provider: T::AccountId,
	) -> Result<u32, DispatchError> {
		let order = Self::open_order_of(tenant, order_id)?;
		let bid = Bids::<T>::get(order_id, &provider).ok_or(Error::<T>::UnknownBid)?;
		let bids = order.bid_count;
		Self::unschedule(order.window_end, order_id);
		Self::do_match(order_id, order, provider, bid)?;
		Ok(bids)
	}

	/// Turns the order into a lease won by `provider`'s `bid`: reserves the
	/// capacity, hands the budget to the lease as its escrow, returns every
	/// deposit and removes the order. Leaves the expiry queue to the caller.
	///
	/// It may fail after changing storage, so callers run it in a storage
	/// layer (a dispatchable, or `with_transaction` in the hook).
	pub(crate) fn do_match(
		order_id: OrderId,
		order: OrderOf<T>,
		provider: T::AccountId,
		bid: BidOf<T>,
	) -> Result<LeaseId, DispatchError> {
		// The provider may have been paused, jailed or unbonded since it bid.
		T::Registry::ensure_can_bid(&provider)?;
		T::Stake::ensure_bonded(&provider)?;
		T::Registry::reserve(&provider, &order.resources)?;
		// The lease manager holds the escrow from the tenant's free balance.
		T::Currency::release(
			&HoldReason::OrderBudget.into(),
			&order.tenant,
			order.budget,
			Precision::Exact,
		)?;
		let lease_id = T::Leases::open_lease(
			LeaseTerms {
				order_id,
				tenant: order.tenant.clone(),
				provider: provider.clone(),
				resources: order.resources,
				price_per_block: bid.price,
				min_term: T::MinLeaseTerm::get(),
			},
			order.budget,
		)?;
		let (_, bids) = Self::close_order(order_id, &order);
		Self::deposit_event(Event::OrderMatched {
			order_id,
			lease_id,
			tenant: order.tenant,
			provider,
			price: bid.price,
			escrow: order.budget,
			bids_lost: bids.saturating_sub(1),
		});
		Ok(lease_id)
	}

	/// The hook's work: settles the orders whose window ended before `now`,
	/// from the cursor on, within the per-block bounds, and leaves the rest
	/// queued for the next block. Returns the weight used.
	pub(crate) fn process_expiries(now: BlockNumberFor<T>) -> Weight {
		let mut weight = T::WeightInfo::on_initialize_base();
		let Some(start) = NextUnprocessedBlock::<T>::get() else { return weight };
		let mut cursor = start;
		let mut orders_left = T::MaxMatchesPerBlock::get();
		let mut slots_left = T::MaxSlotsPerBlock::get();
		while cursor < now && slots_left > 0 && orders_left > 0 {
			slots_left = slots_left.saturating_sub(1);
			weight.saturating_accrue(T::WeightInfo::on_initialize_slot());
			let mut due = Expiries::<T>::take(cursor).into_inner();
			let rest = due.split_off(due.len().min(orders_left as usize));
			for order_id in due {
				orders_left = orders_left.saturating_sub(1);
				let (_, bids) = Self::settle(order_id);
				weight.saturating_accrue(T::WeightInfo::on_initialize_order(bids));
			}
			if !rest.is_empty() {
				// Carried over: the slot stays at the cursor for the next block.
				Expiries::<T>::insert(cursor, BoundedVec::truncate_from(rest));
				break;
			}
			cursor.saturating_accrue(One::one());
		}
		if cursor != start {
			NextUnprocessedBlock::<T>::put(cursor);
		}
		weight
	}

	/// Settles one order whose window ended: the cheapest bid that can still
	/// be matched wins (the earliest on a tie); with none, the order expires.
	/// Returns what happened and how many bids the order had.
	pub(crate) fn settle(order_id: OrderId) -> (Settlement, u32) {
		let Some(order) = Orders::<T>::get(order_id) else {
			log::error!(target: LOG_TARGET, "order {order_id} queued but missing");
			return (Settlement::Missing, 0);
		};
		let bids = order.bid_count;
		let mut candidates: Vec<(BidOf<T>, T::AccountId)> = OrderBidders::<T>::get(order_id)
			.into_iter()
			.filter_map(|provider| Bids::<T>::get(order_id, &provider).map(|bid| (bid, provider)))
			.collect();
		candidates.sort_by(|(a, _), (b, _)| a.price.cmp(&b.price).then(a.seq.cmp(&b.seq)));
		for (bid, provider) in candidates {
			let attempt = with_transaction(|| {
				match Self::do_match(order_id, order.clone(), provider.clone(), bid) {
					Ok(lease) => TransactionOutcome::Commit(Ok(lease)),
					Err(e) => TransactionOutcome::Rollback(Err(e)),
				}
			});
			match attempt {
				Ok(_) => return (Settlement::Matched, bids),
				Err(e) => log::debug!(
					target: LOG_TARGET,
					"order {order_id}: bid of {provider:?} cannot be matched: {e:?}"
				),
			}
		}
		Self::expire(order_id, &order);
		(Settlement::Expired, bids)
	}

	/// Ends an order no bid could be matched with: everything goes back.
	fn expire(order_id: OrderId, order: &OrderOf<T>) {
		let budget = Self::release_budget_best_effort(order);
		let (deposit, bids_returned) = Self::close_order(order_id, order);
		Self::deposit_event(Event::OrderExpired {
			order_id,
			tenant: order.tenant.clone(),
			refunded: budget.saturating_add(deposit),
			bids_returned,
		});
	}

	/// The most the hook can weigh in one block.
	pub fn hook_worst_case() -> Weight {
		let slots =
			T::WeightInfo::on_initialize_slot().saturating_mul(T::MaxSlotsPerBlock::get().into());
		let orders = T::WeightInfo::on_initialize_order(T::MaxBidsPerOrder::get())
			.saturating_mul(T::MaxMatchesPerBlock::get().into());
		T::WeightInfo::on_initialize_base().saturating_add(slots).saturating_add(orders)
	}
}
