//! # Bid matching
//!
//! Tenants need compute, providers compete to supply it. This pallet runs the
//! reverse auction that turns a tenant's order and the providers' bids into a
//! lease.
//!
//! ## Terms
//!
//! - **Order**: a tenant's request for an amount of [`Resources`], with the
//!   attributes the provider must have (optionally vouched for by a named
//!   auditor), the highest price per block the tenant accepts, a **budget**
//!   and a **bid window** in blocks.
//! - **Budget**: held from the tenant when the order is created
//!   ([`HoldReason::OrderBudget`]); when the order is matched it is released
//!   and handed to the [`LeaseManager`], which holds it again as the lease's
//!   escrow. It must cover the maximum price for at least
//!   [`Config::MinLeaseBlocks`] blocks.
//! - **Bid**: a provider's offer of a price per block, at most the order's
//!   maximum. One per provider per order, at most [`Config::MaxBidsPerOrder`]
//!   per order.
//! - **Deposits**: creating an order holds [`Config::OrderDeposit`]
//!   ([`HoldReason::OrderDeposit`]), placing a bid holds [`Config::BidDeposit`]
//!   ([`HoldReason::BidDeposit`]). Both come back, in full, when the order or
//!   bid ends, however it ends.
//!
//! ## Life cycles
//!
//! Order: `Open` → `Matched` ([`Event::OrderMatched`]) | `Cancelled`
//! ([`Event::OrderCancelled`]) | `Expired` ([`Event::OrderExpired`]).
//!
//! Bid: `Open` → `Won` | `Lost` | `Withdrawn` ([`Event::BidWithdrawn`]). To keep
//! the event count of a busy block bounded by orders rather than bids, `Won`
//! and `Lost` have no events of their own: the winner is the `provider` of
//! [`Event::OrderMatched`] and every other open bid of the order is lost, its
//! deposit returned (the event counts them in `bids_returned`). A cancelled or
//! expired order likewise returns every open bid (`bids_returned`).
//!
//! Only open orders and bids are kept in storage; an order's outcome lives in
//! its event.
//!
//! ## Matching
//!
//! While the window is open (up to and including `window_end`) the tenant may
//! accept any open bid. When the window ends, the order is settled in a later
//! block by the `on_initialize` hook: the lowest price wins, the earliest bid on
//! a tie. If that bid cannot be matched any more (its provider was paused,
//! jailed, unbonded, or its capacity went to another lease) the next one is
//! tried; if none can be matched, or there were no bids, the order expires and
//! the budget and deposit go back to the tenant. Each attempt runs in its own
//! storage transaction, so a failed attempt leaves nothing behind.
//!
//! Matching (by `accept_bid` or the hook) reserves the winner's capacity with
//! the [`ProviderRegistry`], opens a lease through the [`LeaseManager`] with the
//! order's budget as its escrow and [`Config::MinLeaseTerm`] as its minimum
//! term, returns every bid deposit and the order deposit, and removes the order.
//! The winner must still be able to bid (active, unjailed, bonded) when matched.
//!
//! ## Bounded work
//!
//! Window ends are kept in a per-block queue ([`Expiries`]), at most
//! [`Config::MaxExpiriesPerBlock`] orders per block: an order whose window
//! would end in a full block is refused with [`Error::ExpiryQueueFull`] (pick
//! another window length). The hook starts at a cursor ([`NextUnprocessedBlock`])
//! and settles at most [`Config::MaxMatchesPerBlock`] orders, visiting at most
//! [`Config::MaxSlotsPerBlock`] queue slots; what is left stays queued and is
//! handled in the next block. Nothing walks an unbounded set, and the hook
//! returns the weight of what it did.
//!
//! ## Calls
//!
//! - [`Pallet::create_order`]: a tenant posts an order.
//! - [`Pallet::cancel_order`]: the tenant withdraws an order while its window is open.
//! - [`Pallet::place_bid`]: a provider offers a price.
//! - [`Pallet::withdraw_bid`]: the provider takes its bid back while the window is open.
//! - [`Pallet::accept_bid`]: the tenant picks a bid while the window is open.
//!
//! ## Reading
//!
//! [`Pallet::order`], [`Pallet::open_orders`] (paged), [`Pallet::bids`] and
//! [`Pallet::orders_of`] (paged, from the [`OrdersByTenant`] index) serve the
//! runtime API.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

use polkadot_sdk::{frame_support, frame_system, sp_runtime};

mod bids;
#[cfg(any(feature = "try-runtime", feature = "std", test))]
mod invariants;
mod matching;
mod orders;
mod queries;
pub mod types;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

use stratus_primitives::{LeaseManager, ProviderRegistry, ProviderStake, Resources};

/// What benchmarks need from the runtime to set up a provider that may bid.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// Makes `provider` able to bid on an order that asks for `capacity` and
	/// `attributes`, vouched for by `auditor`: registered, active, unjailed,
	/// bonded, with at least `capacity` free. The provider is funded already.
	fn prepare_provider(
		provider: &AccountId,
		capacity: Resources,
		attributes: &[stratus_primitives::AttributeRef<'_>],
		auditor: &AccountId,
	);
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::fungible::{Inspect, InspectHold, Mutate, MutateHold},
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::traits::Zero;
	use stratus_primitives::OrderId;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: polkadot_sdk::frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The currency budgets and deposits are held in.
		type Currency: Inspect<Self::AccountId>
			+ Mutate<Self::AccountId>
			+ InspectHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// Who may bid, their capacity and attributes.
		type Registry: ProviderRegistry<Self::AccountId>;

		/// Whether a provider has bonded enough to bid.
		type Stake: ProviderStake<Self::AccountId, BalanceOf<Self>>;

		/// Opens the lease a matched order turns into.
		type Leases: LeaseManager<Self::AccountId, BalanceOf<Self>, BlockNumberFor<Self>>;

		/// Held from the tenant for each open order.
		#[pallet::constant]
		type OrderDeposit: Get<BalanceOf<Self>>;

		/// Held from the provider for each open bid.
		#[pallet::constant]
		type BidDeposit: Get<BalanceOf<Self>>;

		/// The shortest bid window, in blocks (at least 1).
		#[pallet::constant]
		type MinBidWindow: Get<BlockNumberFor<Self>>;

		/// The longest bid window, in blocks.
		#[pallet::constant]
		type MaxBidWindow: Get<BlockNumberFor<Self>>;

		/// A budget must cover the order's maximum price for at least this
		/// many blocks.
		#[pallet::constant]
		type MinLeaseBlocks: Get<u32>;

		/// The minimum term of the leases this pallet opens.
		#[pallet::constant]
		type MinLeaseTerm: Get<BlockNumberFor<Self>>;

		/// The most open bids one order can have.
		#[pallet::constant]
		type MaxBidsPerOrder: Get<u32>;

		/// The most attributes one order can require.
		#[pallet::constant]
		type MaxRequiredAttributes: Get<u32>;

		/// The longest attribute key, in bytes.
		#[pallet::constant]
		type MaxAttributeKeyLen: Get<u32>;

		/// The longest attribute value, in bytes.
		#[pallet::constant]
		type MaxAttributeValueLen: Get<u32>;

		/// The most open orders one tenant can have.
		#[pallet::constant]
		type MaxOpenOrdersPerTenant: Get<u32>;

		/// The most orders whose windows may end in one block.
		#[pallet::constant]
		type MaxExpiriesPerBlock: Get<u32>;

		/// The most orders the hook settles in one block.
		#[pallet::constant]
		type MaxMatchesPerBlock: Get<u32>;

		/// The most expiry queue slots the hook visits in one block (at least
		/// 2, so that a cursor left behind catches up).
		#[pallet::constant]
		type MaxSlotsPerBlock: Get<u32>;

		/// The most entries a paged read returns.
		#[pallet::constant]
		type MaxPageSize: Get<u32>;

		/// Weights of the calls and the hook, from benchmarks.
		type WeightInfo: WeightInfo;

		/// Sets up providers for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The budget of an open order; becomes the lease's escrow when matched.
		#[codec(index = 0)]
		OrderBudget,
		/// The deposit for an open order's record.
		#[codec(index = 1)]
		OrderDeposit,
		/// The deposit for an open bid.
		#[codec(index = 2)]
		BidDeposit,
	}

	/// The id the next order gets.
	#[pallet::storage]
	pub type NextOrderId<T: Config> = StorageValue<_, OrderId, ValueQuery>;

	/// The open orders.
	#[pallet::storage]
	pub type Orders<T: Config> = StorageMap<_, Twox64Concat, OrderId, OrderOf<T>>;

	/// Index of the open orders of each tenant.
	#[pallet::storage]
	pub type OrdersByTenant<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, OrderId, (), OptionQuery>;

	/// How many open orders each tenant has (absent when none).
	#[pallet::storage]
	pub type OpenOrderCount<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// The open bids: order, provider → bid.
	#[pallet::storage]
	pub type Bids<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		OrderId,
		Blake2_128Concat,
		T::AccountId,
		BidOf<T>,
		OptionQuery,
	>;

	/// The providers with an open bid on each order, in placement order.
	#[pallet::storage]
	pub type OrderBidders<T: Config> = StorageMap<
		_,
		Twox64Concat,
		OrderId,
		BoundedVec<T::AccountId, T::MaxBidsPerOrder>,
		ValueQuery,
	>;

	/// The expiry queue: the open orders whose bid window ends in each block,
	/// in creation order. A slot is removed once empty.
	#[pallet::storage]
	pub type Expiries<T: Config> = StorageMap<
		_,
		Twox64Concat,
		BlockNumberFor<T>,
		BoundedVec<OrderId, T::MaxExpiriesPerBlock>,
		ValueQuery,
	>;

	/// The first expiry queue slot the hook has not finished; unset until the
	/// first order is created.
	#[pallet::storage]
	pub type NextUnprocessedBlock<T: Config> = StorageValue<_, BlockNumberFor<T>, OptionQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A tenant posted an order.
		OrderCreated {
			/// The new order.
			order_id: OrderId,
			/// Who posted it.
			tenant: T::AccountId,
			/// What it asks for.
			resources: Resources,
			/// The highest price per block it accepts.
			max_price_per_block: BalanceOf<T>,
			/// The budget held for it.
			budget: BalanceOf<T>,
			/// The last block bids are accepted.
			window_end: BlockNumberFor<T>,
		},
		/// The tenant cancelled an open order.
		OrderCancelled {
			/// The order.
			order_id: OrderId,
			/// Its tenant.
			tenant: T::AccountId,
			/// Budget and order deposit returned to the tenant.
			refunded: BalanceOf<T>,
			/// How many open bids were closed, their deposits returned.
			bids_returned: u32,
		},
		/// An order's window ended and no bid could be matched.
		OrderExpired {
			/// The order.
			order_id: OrderId,
			/// Its tenant.
			tenant: T::AccountId,
			/// Budget and order deposit returned to the tenant.
			refunded: BalanceOf<T>,
			/// How many open bids were closed (none could be matched), their
			/// deposits returned.
			bids_returned: u32,
		},
		/// An order became a lease: the provider's bid won.
		OrderMatched {
			/// The order.
			order_id: OrderId,
			/// The lease opened for it.
			lease_id: stratus_primitives::LeaseId,
			/// Its tenant.
			tenant: T::AccountId,
			/// The winner.
			provider: T::AccountId,
			/// The winning price per block.
			price: BalanceOf<T>,
			/// The escrow the lease was opened with (the order's budget).
			escrow: BalanceOf<T>,
			/// How many other open bids lost, their deposits returned.
			bids_lost: u32,
		},
		/// A provider bid on an order.
		BidPlaced {
			/// The order.
			order_id: OrderId,
			/// The bidder.
			provider: T::AccountId,
			/// The price per block asked.
			price: BalanceOf<T>,
		},
		/// A provider withdrew its bid.
		BidWithdrawn {
			/// The order.
			order_id: OrderId,
			/// The bidder.
			provider: T::AccountId,
			/// The bid deposit returned.
			deposit_returned: BalanceOf<T>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No open order has this id.
		UnknownOrder,
		/// The provider has no open bid on this order.
		UnknownBid,
		/// Only the order's tenant may do this.
		NotOrderOwner,
		/// The order's bid window has ended.
		BidWindowClosed,
		/// The bid window is shorter than `MinBidWindow` or longer than `MaxBidWindow`.
		BidWindowOutOfRange,
		/// The order asks for no resources at all.
		NoResources,
		/// A price of zero.
		ZeroPrice,
		/// The budget does not cover the maximum price for `MinLeaseBlocks` blocks.
		BudgetTooLow,
		/// The order requires the same attribute key twice.
		DuplicateAttribute,
		/// The tenant has `MaxOpenOrdersPerTenant` open orders already.
		TooManyOpenOrders,
		/// `MaxExpiriesPerBlock` orders end in that block already; choose
		/// another bid window.
		ExpiryQueueFull,
		/// An amount or block number overflowed.
		Overflow,
		/// A tenant cannot bid on its own order.
		CannotBidOnOwnOrder,
		/// The bid asks more than the order's maximum price per block.
		BidAboveMaxPrice,
		/// The provider's free capacity does not fit the order.
		InsufficientCapacity,
		/// The provider lacks a required attribute, or the order's auditor
		/// does not vouch for it.
		AttributesNotSatisfied,
		/// The provider has an open bid on this order already.
		AlreadyBid,
		/// The order has `MaxBidsPerOrder` open bids already.
		TooManyBids,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(now: BlockNumberFor<T>) -> Weight {
			Self::process_expiries(now)
		}

		fn integrity_test() {
			let min_window = T::MinBidWindow::get();
			assert!(!min_window.is_zero(), "MinBidWindow must be at least one block");
			assert!(min_window <= T::MaxBidWindow::get(), "MinBidWindow exceeds MaxBidWindow");
			assert!(T::MinLeaseBlocks::get() > 0, "MinLeaseBlocks must be positive");
			assert!(T::MaxBidsPerOrder::get() > 0, "MaxBidsPerOrder must be positive");
			assert!(
				T::MaxOpenOrdersPerTenant::get() > 0,
				"MaxOpenOrdersPerTenant must be positive"
			);
			assert!(T::MaxExpiriesPerBlock::get() > 0, "MaxExpiriesPerBlock must be positive");
			assert!(T::MaxMatchesPerBlock::get() > 0, "MaxMatchesPerBlock must be positive");
			assert!(T::MaxSlotsPerBlock::get() >= 2, "MaxSlotsPerBlock must be at least 2");
			assert!(T::MaxPageSize::get() > 0, "MaxPageSize must be positive");
			assert!(!T::OrderDeposit::get().is_zero(), "an order must cost a deposit");
			assert!(!T::BidDeposit::get().is_zero(), "a bid must cost a deposit");
			// The hook's worst case must leave most of the block to transactions.
			let worst = Self::hook_worst_case();
			let max_block = T::BlockWeights::get().max_block;
			assert!(
				worst.all_lte(max_block / 2),
				"the expiry hook's worst case exceeds half a block: lower MaxMatchesPerBlock"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Posts an order for `resources` from providers that declare every
		/// attribute in `attributes` (vouched for by `auditor`, if given), at
		/// most `max_price_per_block`. Holds `budget` and the order deposit.
		/// Bids are accepted until `bid_window` blocks from now (that block
		/// included); the order is settled in the block after.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::create_order(attributes.len() as u32))]
		pub fn create_order(
			origin: OriginFor<T>,
			resources: Resources,
			attributes: RequiredAttributesOf<T>,
			auditor: Option<T::AccountId>,
			max_price_per_block: BalanceOf<T>,
			budget: BalanceOf<T>,
			bid_window: BlockNumberFor<T>,
		) -> DispatchResult {
			let tenant = ensure_signed(origin)?;
			Self::do_create_order(
				tenant,
				resources,
				attributes,
				auditor,
				max_price_per_block,
				budget,
				bid_window,
			)
			.map(|_| ())
		}

		/// Cancels an open order of the caller while its window is open:
		/// returns the budget, the order deposit and every bid deposit.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::cancel_order(T::MaxBidsPerOrder::get()))]
		pub fn cancel_order(origin: OriginFor<T>, order_id: OrderId) -> DispatchResultWithPostInfo {
			let tenant = ensure_signed(origin)?;
			let bids = Self::do_cancel_order(&tenant, order_id)?;
			Ok(Some(T::WeightInfo::cancel_order(bids)).into())
		}

		/// Bids `price` per block on an open order. Holds the bid deposit.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::place_bid())]
		pub fn place_bid(
			origin: OriginFor<T>,
			order_id: OrderId,
			price: BalanceOf<T>,
		) -> DispatchResult {
			let provider = ensure_signed(origin)?;
			Self::do_place_bid(provider, order_id, price)
		}

		/// Withdraws the caller's bid while the order's window is open and
		/// returns its deposit.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::withdraw_bid())]
		pub fn withdraw_bid(origin: OriginFor<T>, order_id: OrderId) -> DispatchResult {
			let provider = ensure_signed(origin)?;
			Self::do_withdraw_bid(&provider, order_id)
		}

		/// The tenant accepts `provider`'s bid while the window is open: the
		/// order becomes a lease at that bid's price.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::accept_bid(T::MaxBidsPerOrder::get()))]
		pub fn accept_bid(
			origin: OriginFor<T>,
			order_id: OrderId,
			provider: T::AccountId,
		) -> DispatchResultWithPostInfo {
			let tenant = ensure_signed(origin)?;
			let bids = Self::do_accept_bid(&tenant, order_id, provider)?;
			Ok(Some(T::WeightInfo::accept_bid(bids)).into())
		}
	}
}
