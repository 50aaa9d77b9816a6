//! `ComputeMarketApi`: what a dApp reads about the marketplace, over
//! JSON-RPC `state_call` (polkadot.js: `api.call.computeMarketApi.*`).
//!
//! Every list is paged: pass the last key of a page as `start_after` to get
//! the next one; `limit` is capped by the pallet's `MaxPageSize`. Lists are
//! read from the pallets' maps and index maps, never by scanning all leases.

use crate::{AccountId, Runtime};
use alloc::vec::Vec;
use polkadot_sdk::sp_api;
use stratus_primitives::{LeaseId, OrderId};

/// A provider record: capacity, what is allocated, attributes, host URI,
/// status, jail, running leases and deposit.
pub type ProviderView = pallet_resource_registry::ProviderViewOf<Runtime>;
/// An open order.
pub type OrderView = pallet_bid_matching::views::OrderViewOf<Runtime>;
/// An open bid.
pub type BidView = pallet_bid_matching::views::BidViewOf<Runtime>;
/// A lease with its balance now, what settling now would pay, and the block
/// it runs dry.
pub type LeaseView = pallet_lease_escrow::LeaseViewOf<Runtime>;
/// A provider's bond, unbonding chunks, fault count and jail.
pub type StakeView = pallet_provider_slashing::BondOf<Runtime>;

sp_api::decl_runtime_apis! {
	/// Read access to the compute marketplace.
	pub trait ComputeMarketApi {
		/// The provider record of `who`, if registered.
		fn provider(who: AccountId) -> Option<ProviderView>;
		/// A page of providers, in storage order, after the account `start_after`.
		fn providers(start_after: Option<AccountId>, limit: u32) -> Vec<(AccountId, ProviderView)>;
		/// The open order `order_id`, if there is one.
		fn order(order_id: OrderId) -> Option<OrderView>;
		/// A page of open orders, after the order `start_after`.
		fn open_orders(start_after: Option<OrderId>, limit: u32) -> Vec<(OrderId, OrderView)>;
		/// The bids in `order_id`'s book, best first.
		fn bids(order_id: OrderId) -> Vec<(AccountId, BidView)>;
		/// The active lease `lease_id` with its live figures.
		fn lease(lease_id: LeaseId) -> Option<LeaseView>;
		/// A page of the active leases `tenant` pays for, after the lease `start_after`.
		fn leases_by_tenant(tenant: AccountId, start_after: Option<LeaseId>, limit: u32) -> Vec<LeaseView>;
		/// A page of the active leases `provider` serves, after the lease `start_after`.
		fn leases_by_provider(provider: AccountId, start_after: Option<LeaseId>, limit: u32) -> Vec<LeaseView>;
		/// The stake of `who`, if it has bonded.
		fn stake(who: AccountId) -> Option<StakeView>;
	}
}
