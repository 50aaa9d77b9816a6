//! What the runtime API reads: view types made for readers, so that storage
//! can change without changing what dApps decode, and the paged reads that
//! serve them from the maps and index maps, never by scanning everything.

use crate::{pallet::*, types::*};
use alloc::vec::Vec;
use codec::{Decode, Encode};
use polkadot_sdk::frame_support::traits::Get;
use scale_info::TypeInfo;
use stratus_primitives::{ManifestHash, OrderId, Resources, TrackRequirements};

/// An open order, as the runtime API shows it.
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct OrderView<AccountId, Balance, BlockNumber> {
	/// The order.
	pub order_id: OrderId,
	/// Who asked, pays and receives the lease.
	pub tenant: AccountId,
	/// What the provider must reserve.
	pub resources: Resources,
	/// The hash of the workload manifest the lease will run.
	pub manifest: ManifestHash,
	/// The attributes the provider must declare, `(key, value)`.
	pub attributes: Vec<(Vec<u8>, Vec<u8>)>,
	/// The auditor that must vouch for them, if any.
	pub auditor: Option<AccountId>,
	/// What the provider's track record must show.
	pub requirements: TrackRequirements,
	/// The highest price per block the tenant accepts.
	pub max_price_per_block: Balance,
	/// The budget held, the lease's escrow once matched.
	pub budget: Balance,
	/// The order deposit held.
	pub deposit: Balance,
	/// The block the order was created in.
	pub created_at: BlockNumber,
	/// The last block bids are accepted; the order is concluded in the next.
	pub window_end: BlockNumber,
	/// How many bids stand in its book.
	pub bid_count: u32,
	/// The price of the best bid, if any.
	pub best_price: Option<Balance>,
}

/// One bid in an order's book, as the runtime API shows it.
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct BidView<Balance, BlockNumber> {
	/// The price per block asked.
	pub price: Balance,
	/// The block it was placed in.
	pub placed_at: BlockNumber,
	/// Its place in the book, 0 for the best.
	pub rank: u32,
}

/// [`OrderView`] with the runtime's types.
pub type OrderViewOf<T> = OrderView<
	<T as polkadot_sdk::frame_system::Config>::AccountId,
	BalanceOf<T>,
	polkadot_sdk::frame_system::pallet_prelude::BlockNumberFor<T>,
>;

/// [`BidView`] with the runtime's types.
pub type BidViewOf<T> =
	BidView<BalanceOf<T>, polkadot_sdk::frame_system::pallet_prelude::BlockNumberFor<T>>;

impl<T: Config> Pallet<T> {
	/// The open order `order_id`, if there is one.
	pub fn order(order_id: OrderId) -> Option<OrderViewOf<T>> {
		Orders::<T>::get(order_id).map(|order| Self::view_of(order_id, order))
	}

	/// Up to `limit` (at most `MaxPageSize`) open orders, in storage order,
	/// starting after the order `start_after` (from the first when `None`).
	/// Pass the last id of a page to get the next page.
	pub fn open_orders(start_after: Option<OrderId>, limit: u32) -> Vec<(OrderId, OrderViewOf<T>)> {
		let limit = Self::page_size(limit);
		let page: Vec<(OrderId, OrderOf<T>)> = match start_after {
			Some(after) => Orders::<T>::iter_from_key(after).take(limit).collect(),
			None => Orders::<T>::iter().take(limit).collect(),
		};
		page.into_iter().map(|(id, order)| (id, Self::view_of(id, order))).collect()
	}

	/// The bids in `order_id`'s book, best first.
	pub fn bids(order_id: OrderId) -> Vec<(T::AccountId, BidViewOf<T>)> {
		let Some(order) = Orders::<T>::get(order_id) else { return Vec::new() };
		order
			.bids
			.into_iter()
			.enumerate()
			.map(|(rank, bid)| {
				let view =
					BidView { price: bid.price, placed_at: bid.placed_at, rank: rank as u32 };
				(bid.provider, view)
			})
			.collect()
	}

	/// Up to `limit` (at most `MaxPageSize`) open orders of `tenant`, in
	/// storage order, starting after the order `start_after`.
	pub fn orders_of(
		tenant: &T::AccountId,
		start_after: Option<OrderId>,
		limit: u32,
	) -> Vec<(OrderId, OrderViewOf<T>)> {
		let limit = Self::page_size(limit);
		let ids = match start_after {
			Some(after) => OrdersByTenant::<T>::iter_key_prefix_from(
				tenant,
				OrdersByTenant::<T>::hashed_key_for(tenant, after),
			),
			None => OrdersByTenant::<T>::iter_key_prefix(tenant),
		};
		ids.take(limit).filter_map(|id| Self::order(id).map(|view| (id, view))).collect()
	}

	fn view_of(order_id: OrderId, order: OrderOf<T>) -> OrderViewOf<T> {
		OrderView {
			order_id,
			attributes: order
				.attributes
				.iter()
				.map(|a| (a.key.clone().into_inner(), a.value.clone().into_inner()))
				.collect(),
			bid_count: order.bids.len() as u32,
			best_price: order.bids.first().map(|b| b.price),
			tenant: order.tenant,
			resources: order.resources,
			manifest: order.manifest,
			auditor: order.auditor,
			requirements: order.requirements,
			max_price_per_block: order.max_price_per_block,
			budget: order.budget,
			deposit: order.deposit,
			created_at: order.created_at,
			window_end: order.window_end,
		}
	}

	fn page_size(limit: u32) -> usize {
		limit.min(T::MaxPageSize::get()) as usize
	}
}
