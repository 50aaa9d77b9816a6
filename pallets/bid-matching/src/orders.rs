//! Creating and cancelling orders, and the bookkeeping every ending shares.

use crate::{pallet::*, types::*};
use alloc::collections::BTreeSet;
use polkadot_sdk::{frame_support, frame_system, sp_runtime};

use frame_support::{
	ensure,
	traits::{fungible::MutateHold, tokens::Precision, Get},
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{
	traits::{CheckedAdd, CheckedMul, Saturating, Zero},
	DispatchError, DispatchResult,
};
use stratus_primitives::{OrderId, Resources};

impl<T: Config> Pallet<T> {
	pub(crate) fn do_create_order(
		tenant: T::AccountId,
		resources: Resources,
		attributes: RequiredAttributesOf<T>,
		auditor: Option<T::AccountId>,
		max_price_per_block: BalanceOf<T>,
		budget: BalanceOf<T>,
		bid_window: BlockNumberFor<T>,
	) -> Result<OrderId, DispatchError> {
		ensure!(!resources.is_zero(), Error::<T>::NoResources);
		ensure!(!max_price_per_block.is_zero(), Error::<T>::ZeroPrice);
		ensure!(
			bid_window >= T::MinBidWindow::get() && bid_window <= T::MaxBidWindow::get(),
			Error::<T>::BidWindowOutOfRange
		);
		let min_budget = max_price_per_block
			.checked_mul(&BalanceOf::<T>::from(T::MinLeaseBlocks::get()))
			.ok_or(Error::<T>::Overflow)?;
		ensure!(budget >= min_budget, Error::<T>::BudgetTooLow);
		let mut keys = BTreeSet::new();
		ensure!(
			attributes.iter().all(|a| keys.insert(a.key.as_slice())),
			Error::<T>::DuplicateAttribute
		);
		let open = OpenOrderCount::<T>::get(&tenant);
		ensure!(open < T::MaxOpenOrdersPerTenant::get(), Error::<T>::TooManyOpenOrders);

		let now = frame_system::Pallet::<T>::block_number();
		let window_end = now.checked_add(&bid_window).ok_or(Error::<T>::Overflow)?;
		let order_id = NextOrderId::<T>::get();
		let next_id = order_id.checked_add(1).ok_or(Error::<T>::Overflow)?;

		Expiries::<T>::try_mutate(window_end, |slot| slot.try_push(order_id))
			.map_err(|_| Error::<T>::ExpiryQueueFull)?;
		if NextUnprocessedBlock::<T>::get().is_none() {
			// Nothing can have ended before the first order.
			NextUnprocessedBlock::<T>::put(now);
		}

		T::Currency::hold(&HoldReason::OrderBudget.into(), &tenant, budget)?;
		let deposit = T::OrderDeposit::get();
		T::Currency::hold(&HoldReason::OrderDeposit.into(), &tenant, deposit)?;

		NextOrderId::<T>::put(next_id);
		OrdersByTenant::<T>::insert(&tenant, order_id, ());
		OpenOrderCount::<T>::insert(&tenant, open.saturating_add(1));
		Orders::<T>::insert(
			order_id,
			Order {
				tenant: tenant.clone(),
				resources,
				attributes,
				auditor,
				max_price_per_block,
				budget,
				deposit,
				created_at: now,
				window_end,
				bid_count: 0,
				bids_placed: 0,
			},
		);
		Self::deposit_event(Event::OrderCreated {
			order_id,
			tenant,
			resources,
			max_price_per_block,
			budget,
			window_end,
		});
		Ok(order_id)
	}

	/// Returns the number of bids that were open on the order.
	pub(crate) fn do_cancel_order(
		tenant: &T::AccountId,
		order_id: OrderId,
	) -> Result<u32, DispatchError> {
		let order = Self::open_order_of(tenant, order_id)?;
		Self::unschedule(order.window_end, order_id);
		let budget = T::Currency::release(
			&HoldReason::OrderBudget.into(),
			&order.tenant,
			order.budget,
			Precision::Exact,
		)?;
		let (deposit, bids_returned) = Self::close_order(order_id, &order);
		Self::deposit_event(Event::OrderCancelled {
			order_id,
			tenant: order.tenant,
			refunded: budget.saturating_add(deposit),
			bids_returned,
		});
		Ok(bids_returned)
	}

	/// The order, if it is `tenant`'s and its bid window is still open.
	pub(crate) fn open_order_of(
		tenant: &T::AccountId,
		order_id: OrderId,
	) -> Result<OrderOf<T>, DispatchError> {
		let order = Orders::<T>::get(order_id).ok_or(Error::<T>::UnknownOrder)?;
		ensure!(order.tenant == *tenant, Error::<T>::NotOrderOwner);
		Self::ensure_window_open(&order)?;
		Ok(order)
	}

	/// Bids, cancellation and acceptance end with the window. Afterwards the
	/// order waits for the hook, so that neither side can dodge the outcome
	/// of the auction.
	pub(crate) fn ensure_window_open(order: &OrderOf<T>) -> DispatchResult {
		ensure!(
			frame_system::Pallet::<T>::block_number() <= order.window_end,
			Error::<T>::BidWindowClosed
		);
		Ok(())
	}

	/// Takes the order out of its expiry queue slot (when it ends before its
	/// window does).
	pub(crate) fn unschedule(window_end: BlockNumberFor<T>, order_id: OrderId) {
		let mut slot = Expiries::<T>::get(window_end);
		slot.retain(|id| *id != order_id);
		if slot.is_empty() {
			Expiries::<T>::remove(window_end);
		} else {
			Expiries::<T>::insert(window_end, slot);
		}
	}

	/// Ends an order however it ends, apart from its budget and its expiry
	/// queue slot: returns every bid deposit and the order deposit, and
	/// removes the order, its bids and its index entries. Returns the order
	/// deposit returned and the number of bids that were open.
	///
	/// Deposits are released best effort: the pallet held exactly these
	/// amounts (`try_state` checks it), so this cannot come up short, and an
	/// ending must not fail halfway in the hook.
	pub(crate) fn close_order(order_id: OrderId, order: &OrderOf<T>) -> (BalanceOf<T>, u32) {
		let bidders = OrderBidders::<T>::take(order_id);
		for provider in bidders.iter() {
			if let Some(bid) = Bids::<T>::take(order_id, provider) {
				let _ = T::Currency::release(
					&HoldReason::BidDeposit.into(),
					provider,
					bid.deposit,
					Precision::BestEffort,
				);
			}
		}
		let deposit = T::Currency::release(
			&HoldReason::OrderDeposit.into(),
			&order.tenant,
			order.deposit,
			Precision::BestEffort,
		)
		.unwrap_or_else(|_| Zero::zero());
		Orders::<T>::remove(order_id);
		OrdersByTenant::<T>::remove(&order.tenant, order_id);
		let open = OpenOrderCount::<T>::get(&order.tenant).saturating_sub(1);
		if open == 0 {
			OpenOrderCount::<T>::remove(&order.tenant);
		} else {
			OpenOrderCount::<T>::insert(&order.tenant, open);
		}
		(deposit, bidders.len() as u32)
	}

	/// Releases the whole budget of an order whose window ended unmatched,
	/// best effort for the same reason as [`Self::close_order`].
	pub(crate) fn release_budget_best_effort(order: &OrderOf<T>) -> BalanceOf<T> {
		T::Currency::release(
			&HoldReason::OrderBudget.into(),
			&order.tenant,
			order.budget,
			Precision::BestEffort,
		)
		.unwrap_or_else(|_| Zero::zero())
	}
}
