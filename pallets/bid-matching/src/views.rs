//! What the runtime API reads: view types made for readers, so that storage
//! can change without changing what dApps decode, and the paged reads that
//! serve them from the maps and index maps, never by scanning everything.

use crate::{pallet::*, types::*};
use alloc::vec::Vec;
use codec::{Decode, Encode};
use polkadot_sdk::{
	frame_support::{ensure, traits::Get},
	sp_runtime::{traits::Zero, DispatchError},
};
use scale_info::TypeInfo;
use stratus_primitives::{
	Exclusion, ManifestHash, OrderId, ProviderEligibility, Resources, TrackRequirements,
};

/// An open order, as the runtime API shows it.
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct OrderView<AccountId, AssetKind, Balance, BlockNumber> {
	/// The order.
	pub order_id: OrderId,
	/// Who asked, pays and receives the lease.
	pub tenant: AccountId,
	/// What it is paid in: its prices, budget and deposit are in this
	/// asset's units, and so are its bids'.
	pub asset: AssetKind,
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

/// How many providers one screening page excluded, by the first check each
/// failed (the predicate's order: jailed, paused, unreachable, bond, track
/// record, capacity, attribute, auditor).
#[derive(Encode, Decode, TypeInfo, Clone, Copy, Default, PartialEq, Eq, Debug)]
pub struct ExclusionCounts {
	/// Jailed by provider slashing.
	pub jailed: u32,
	/// Paused by themselves.
	pub paused: u32,
	/// No heartbeat within the interval, outside a maintenance window.
	pub unreachable: u32,
	/// Bonded less than a bidder needs.
	pub bond: u32,
	/// Track record short of the requirements.
	pub track_record: u32,
	/// Too little free capacity.
	pub capacity: u32,
	/// Missing a required attribute (or declaring another value).
	pub attribute: u32,
	/// Declaring the attributes, but not vouched for by the auditor.
	pub auditor: u32,
}

impl ExclusionCounts {
	/// Counts one provider excluded for `reason`; `false` for
	/// [`Exclusion::Unregistered`], which a page of registered providers
	/// cannot meet.
	fn count(&mut self, reason: Exclusion) -> bool {
		let counter = match reason {
			Exclusion::Unregistered => return false,
			Exclusion::Jailed => &mut self.jailed,
			Exclusion::Paused => &mut self.paused,
			Exclusion::Unreachable => &mut self.unreachable,
			Exclusion::Bond => &mut self.bond,
			Exclusion::TrackRecord => &mut self.track_record,
			Exclusion::Capacity => &mut self.capacity,
			Exclusion::Attribute => &mut self.attribute,
			Exclusion::Auditor => &mut self.auditor,
		};
		*counter = counter.saturating_add(1);
		true
	}

	/// How many were excluded in all.
	pub fn total(&self) -> u32 {
		[
			self.jailed,
			self.paused,
			self.unreachable,
			self.bond,
			self.track_record,
			self.capacity,
			self.attribute,
			self.auditor,
		]
		.iter()
		.fold(0u32, |sum, n| sum.saturating_add(*n))
	}
}

/// One page of screening an order against the registered providers.
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct ScreenView<AccountId> {
	/// The providers of this page that could bid on the order now.
	pub eligible: Vec<AccountId>,
	/// How many providers this page screened: `eligible` and the excluded.
	pub screened: u32,
	/// The providers of this page that could not, by reason.
	pub excluded: ExclusionCounts,
	/// Pass as `start_after` for the next page; `None` when this page
	/// reached the last provider.
	pub next: Option<AccountId>,
	/// How many providers are registered (all pages together).
	pub total: u32,
}

/// [`ScreenView`] with the runtime's types.
pub type ScreenViewOf<T> = ScreenView<<T as polkadot_sdk::frame_system::Config>::AccountId>;

/// [`OrderView`] with the runtime's types.
pub type OrderViewOf<T> = OrderView<
	<T as polkadot_sdk::frame_system::Config>::AccountId,
	<T as Config>::AssetKind,
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

	/// Screens an order with these terms against up to `limit` (at least
	/// one, at most `MaxScreenPage`) registered providers, in the
	/// registry's storage order, after `start_after` (from the first when `None`): which of
	/// them could bid on it now, and how many each check excluded. Runs
	/// [`Self::screen_provider`], the predicate placing a bid and matching
	/// run, so it cannot disagree with them. The terms are checked as
	/// `create_order` checks them (`NoResources`, `ZeroPrice`,
	/// `DuplicateAttribute`); `max_price` excludes nobody, as a provider
	/// chooses its price. Pages cover every provider once: pass `next` on
	/// until it is `None` and add the counts up for the whole set.
	///
	/// Reads the keys of the page and one more, then what the predicate
	/// reads for each provider; its cost is the `screen_order` benchmark.
	// The order's terms, each its own argument as `create_order` takes them.
	#[allow(clippy::too_many_arguments)]
	pub fn screen_order(
		resources: Resources,
		attributes: RequiredAttributesOf<T>,
		auditor: Option<T::AccountId>,
		max_price: BalanceOf<T>,
		requirements: TrackRequirements,
		start_after: Option<T::AccountId>,
		limit: u32,
	) -> Result<ScreenViewOf<T>, DispatchError> {
		ensure!(!resources.is_zero(), Error::<T>::NoResources);
		ensure!(!max_price.is_zero(), Error::<T>::ZeroPrice);
		Self::ensure_distinct_keys(&attributes)?;
		// No price is bid yet: a provider is screened for the cheapest
		// lease, whose slice is the floor.
		let wants = Wants::new(&resources, &attributes, auditor.as_ref(), &requirements, None);
		let limit = limit.clamp(1, T::MaxScreenPage::get());
		// One key more than the page tells whether another page follows.
		let mut page =
			T::Eligibility::providers_after(start_after.as_ref(), limit.saturating_add(1));
		let more = page.len() > limit as usize;
		page.truncate(limit as usize);
		let mut view = ScreenView {
			eligible: Vec::new(),
			screened: page.len() as u32,
			excluded: ExclusionCounts::default(),
			next: if more { page.last().cloned() } else { None },
			total: T::Eligibility::provider_count(),
		};
		for provider in page {
			match Self::screen_provider(&provider, &wants) {
				Ok(()) => view.eligible.push(provider),
				Err(refusal) => {
					if !view.excluded.count(refusal.reason) {
						// The registry listed an account it does not know.
						return Err(refusal.error);
					}
				},
			}
		}
		Ok(view)
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
			asset: order.asset,
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
