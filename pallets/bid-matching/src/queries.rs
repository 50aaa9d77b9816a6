//! Reading orders and bids, for the runtime API. Lists are paged and served
//! from the maps and index maps, never by scanning everything.

use crate::{pallet::*, types::*};
use alloc::vec::Vec;
use polkadot_sdk::frame_support::traits::Get;
use stratus_primitives::OrderId;

impl<T: Config> Pallet<T> {
	/// The open order `order_id`, if there is one.
	pub fn order(order_id: OrderId) -> Option<OrderOf<T>> {
		Orders::<T>::get(order_id)
	}

	/// Up to `limit` (at most `MaxPageSize`) open orders, in storage order,
	/// starting after the order `start_after` (from the first when `None`).
	/// Pass the last id of a page to get the next page.
	pub fn open_orders(start_after: Option<OrderId>, limit: u32) -> Vec<(OrderId, OrderOf<T>)> {
		let limit = Self::page_size(limit);
		match start_after {
			Some(after) => Orders::<T>::iter_from_key(after).take(limit).collect(),
			None => Orders::<T>::iter().take(limit).collect(),
		}
	}

	/// The open bids on `order_id`, in placement order.
	pub fn bids(order_id: OrderId) -> Vec<(T::AccountId, BidOf<T>)> {
		OrderBidders::<T>::get(order_id)
			.into_iter()
			.filter_map(|provider| Bids::<T>::get(order_id, &provider).map(|bid| (provider, bid)))
			.collect()
	}

	/// Up to `limit` (at most `MaxPageSize`) open orders of `tenant`, in
	/// storage order, starting after the order `start_after`.
	pub fn orders_of(
		tenant: &T::AccountId,
		start_after: Option<OrderId>,
		limit: u32,
	) -> Vec<(OrderId, OrderOf<T>)> {
		let limit = Self::page_size(limit);
		let ids = match start_after {
			Some(after) => OrdersByTenant::<T>::iter_key_prefix_from(
				tenant,
				OrdersByTenant::<T>::hashed_key_for(tenant, after),
			),
			None => OrdersByTenant::<T>::iter_key_prefix(tenant),
		};
		ids.take(limit).filter_map(|id| Orders::<T>::get(id).map(|order| (id, order))).collect()
	}

	fn page_size(limit: u32) -> usize {
		limit.min(T::MaxPageSize::get()) as usize
	}
}
