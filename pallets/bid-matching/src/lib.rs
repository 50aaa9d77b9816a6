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
//! - **Budget**: held from the tenant when the order is created, by the
//!   [`LeaseManager`] (lease escrow in the runtime), as the escrow of the
//!   lease the order may become; matching makes it that lease's escrow
//!   without moving it, and an order that ends without a lease has it
//!   released. It must cover the maximum price for at least
//!   [`Config::MinLeaseBlocks`] blocks.
//! - **Bid book**: an order's open bids, cheapest first (the earlier bid
//!   first on equal prices), at most [`Config::MaxBidsPerOrder`], one per
//!   provider. It lives in the order's record.
//! - **Serving**: a provider *can serve* an order when it is registered,
//!   active, unjailed, reachable, bonded, its track record meets the order's
//!   [`TrackRequirements`] (a least score and number of completed leases,
//!   asked of [`Config::Stake`]), has the order's resources free and declares
//!   every required attribute, vouched for by the order's auditor if it names
//!   one. Placing, accepting, evicting, matching and screening all ask
//!   exactly this, at that moment, of one function
//!   ([`Pallet::screen_provider`]), which names the first check that fails
//!   ([`stratus_primitives::Exclusion`]) with the error a call reports.
//! - **Deposits**: creating an order holds [`Config::OrderDeposit`]
//!   ([`HoldReason::OrderDeposit`]), which pays for the record and its full
//!   bid book and comes back however the order ends. A bid holds nothing of
//!   its own: the provider's bond stands behind it.
//! - **Forfeit**: a bid that counts and cannot be served (it is the best bid
//!   when the window ends, or someone evicts it while it stands) costs its
//!   provider [`Config::BidForfeit`] of its bond ([`BidForfeit`]), all of it
//!   to the treasury, so that nobody profits from making a provider fail.
//!   This is the price of jamming a book. A provider that bids the same
//!   capacity on two orders risks it: a tenant accepting one in the last
//!   block of the other's window leaves it short there.
//!
//! ## Life cycles
//!
//! Order: `Open` → `Matched` ([`Event::OrderMatched`]) | `Cancelled`
//! ([`Event::OrderCancelled`]) | `Expired` ([`Event::OrderExpired`]).
//!
//! Bid: `Open` → `Won` (the `provider` of [`Event::OrderMatched`]) | `Lost`
//! (every other bid of a matched order; nothing to refund, so no event per
//! bid) | `Withdrawn` ([`Event::BidWithdrawn`]) | `Displaced` by a cheaper
//! bid in a full book ([`Event::BidDisplaced`]) | `Forfeited`
//! ([`Event::BidForfeited`]) | `Dropped` at no cost ([`Event::BidDropped`]).
//!
//! Only open orders are kept in storage; an order's outcome lives in its
//! event.
//!
//! ## The bid book cannot be jammed
//!
//! When the book is full, a bid cheaper than the most expensive one takes
//! its place. A bid that cannot be served never keeps a servable one out:
//! anyone may [`Pallet::evict_bid`] it while the window is open (the fee is
//! waived when it succeeds), and its provider forfeits. When the window
//! ends, the book is worked from the cheapest bid: a bid that cannot be
//! served is forfeited and dropped, the first that can wins.
//!
//! ## Matching
//!
//! While the window is open (up to and including `window_end`) the tenant may
//! accept any bid whose provider can serve. When the window ends, the order
//! is concluded by the `on_initialize` hook in the block after: the cheapest
//! bid that can serve wins; with none left the order expires and the budget
//! and deposit go back to the tenant. Matching checks the candidate before
//! it writes anything.
//!
//! Matching (by `accept_bid` or the hook) opens a lease through the
//! [`LeaseManager`], which reserves the winner's capacity and makes the
//! order's budget the lease's escrow in one place, with
//! [`Config::MinLeaseTerm`] as its minimum term; then it returns the order
//! deposit and removes the order. No call returns
//! more than one party's funds.
//!
//! ## Bounded work
//!
//! Window ends are kept in a per-block queue ([`Expiries`]) worked through
//! by the hook with the shared [`stratus_primitives::queue`], metered by
//! weight: the hook spends at most [`Config::HookWeight`] a block and leaves
//! the rest at its cursor for the next. A slot admits no more orders than the
//! hook concludes in one block ([`Pallet::expiries_admitted_per_block`]).
//!
//! Nobody keeps an honest order out by filling slots with junk orders. An
//! order whose window would end in a full slot gets the first later slot
//! with room, at most [`EXPIRY_SPILL_DEPTH`] blocks later: its window is
//! that much longer, which only gives providers more time to bid. And
//! admission is priced by occupancy: the first half of a slot's places are
//! free, each place past half costs a surcharge paid to [`Config::Treasury`]
//! in the order's asset, rising evenly to one order deposit for the last
//! place ([`Pallet::admission_surcharge`]). Keeping every slot full costs
//! the surcharges of half a slot every block, about 4.5 order deposits when
//! a slot admits 16, on top of the fees, for as long as it lasts, and an
//! honest order then pays at most one deposit to get in. Only when its
//! slot and the [`EXPIRY_SPILL_DEPTH`] after are all full is an order
//! refused, with [`Error::ExpiryQueueFull`].
//!
//! ## Calls
//!
//! - [`Pallet::create_order`]: a tenant posts an order.
//! - [`Pallet::cancel_order`]: the tenant withdraws an order while its window is open.
//! - [`Pallet::place_bid`]: a provider offers a price.
//! - [`Pallet::withdraw_bid`]: the provider takes its bid back while the window is open.
//! - [`Pallet::accept_bid`]: the tenant picks a bid while the window is open.
//! - [`Pallet::evict_bid`]: anyone drops a bid that cannot be served.
//!
//! ## Reading
//!
//! [`Pallet::order`], [`Pallet::open_orders`] (paged), [`Pallet::bids`] and
//! [`Pallet::orders_of`] (paged, from the [`OrdersByTenant`] index) serve the
//! runtime API with the view types of [`views`].
//!
//! [`Pallet::screen_order`] answers "why would nobody bid?": for an
//! order's terms, a page of the registered providers (at most
//! [`Config::MaxScreenPage`], in the registry's storage order) split into
//! those that could bid now and counts of the others by the check that
//! excluded them. A page reads its keys and what the predicate reads for
//! each provider, nothing else; the `screen_order` benchmark prices it per
//! provider. Measured in the runtime (`MaxScreenPage` 1,000): a provider
//! that runs every check costs about 250 µs with its five reads priced as
//! in a block, 125 µs of it execution, so one second of execution screens
//! about 4,000 providers (about 8,000 with the reads served from the
//! node's cache) and a full page takes about a quarter of a second;
//! `docs/PERFORMANCE.md` has the figures of the latest run.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

use polkadot_sdk::{frame_support, frame_system, sp_runtime};

mod dispatchables;
mod hooks;
#[cfg(any(feature = "try-runtime", feature = "std", test))]
mod invariants;
pub mod types;
pub mod views;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

use stratus_primitives::{
	BidForfeit, LeaseManager, ManifestHash, ProviderEligibility, ProviderStake, Resources,
	TrackRequirements,
};

/// How many blocks past the end of its bid window an order's window may be
/// extended when the expiry slots before are full (see the module docs).
pub const EXPIRY_SPILL_DEPTH: u32 = 8;

/// The target of this pallet's log lines.
pub const LOG_TARGET: &str = "runtime::bid-matching";

/// What benchmarks need from the runtime to set up a provider that may bid.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId, AssetKind, Balance> {
	/// The asset the benchmarks' orders are paid in, the costliest the
	/// runtime takes, accepted and with a rate.
	fn asset() -> AssetKind;

	/// Gives `who` a free balance of `amount` in `asset`.
	fn fund(asset: &AssetKind, who: &AccountId, amount: Balance);

	/// Makes `provider` able to bid on an order that asks for `capacity` and
	/// `attributes`, vouched for by `auditor`, and `requirements` of its track
	/// record: registered, active, unjailed, bonded, with at least `capacity`
	/// free and a record that meets them. The provider is funded already.
	fn prepare_provider(
		provider: &AccountId,
		capacity: Resources,
		attributes: &[stratus_primitives::AttributeRef<'_>],
		auditor: &AccountId,
		requirements: &TrackRequirements,
	);
}

// `create_order` takes each term of an order as its own argument, and the
// code the pallet macro generates for a call takes them all too.
#[allow(clippy::too_many_arguments)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungibles::{Inspect, InspectHold, MutateHold},
			tokens::ConversionToAssetBalance,
			Contains,
		},
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::traits::Zero;
	use stratus_primitives::OrderId;

	/// The in-code storage version: 2 since orders name the asset they are
	/// paid in. No migration: no chain runs an earlier layout.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(2);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: polkadot_sdk::frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The money order deposits are held in, in every asset kind.
		type Funds: Inspect<Self::AccountId, AssetId = Self::AssetKind>
			+ InspectHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// Who may bid: status, free capacity and attributes.
		type Eligibility: ProviderEligibility<Self::AccountId>;

		/// Whether a provider has bonded enough to bid.
		type Stake: ProviderStake<Self::AccountId, Self::AssetKind, BalanceOf<Self>>;

		/// What an order may be paid in: the chain's own token or a foreign
		/// asset.
		type AssetKind: Parameter + MaxEncodedLen + Ord;

		/// The assets an order may name: the chain's own token and the
		/// foreign assets governance accepts.
		type AcceptedAssets: Contains<Self::AssetKind>;

		/// Converts [`Config::OrderDeposit`], set in the chain's own token,
		/// into an order's asset at governance's rate.
		type Rates: ConversionToAssetBalance<BalanceOf<Self>, Self::AssetKind, BalanceOf<Self>>;

		/// Holds an order's budget, and opens the lease a matched order
		/// turns into.
		type Leases: LeaseManager<
			Self::AccountId,
			BalanceOf<Self>,
			BlockNumberFor<Self>,
			AssetKind = Self::AssetKind,
		>;

		/// Takes the forfeit of a bid that counted and could not be served.
		type Forfeit: BidForfeit<Self::AccountId, BalanceOf<Self>>;

		/// Receives the surcharge for entering a crowded expiry slot.
		type Treasury: Get<Self::AccountId>;

		/// Held from the tenant for each open order; pays for the record
		/// with a full bid book. A governance parameter, in the chain's own
		/// token; an order in another asset holds its worth in that asset at
		/// the rate of the order's creation, never less than one unit.
		type OrderDeposit: Get<BalanceOf<Self>>;

		/// What a provider forfeits of its bond when its bid counts and it
		/// cannot serve. A governance parameter.
		type BidForfeit: Get<BalanceOf<Self>>;

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

		/// The most bids one order's book holds.
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

		/// The storage bound of one expiry queue slot. A slot admits fewer
		/// when the hook cannot conclude this many in one block
		/// ([`Pallet::expiries_admitted_per_block`]).
		#[pallet::constant]
		type MaxExpiriesPerBlock: Get<u32>;

		/// The most the window-end hook spends in one block.
		#[pallet::constant]
		type HookWeight: Get<Weight>;

		/// The most entries a paged read returns.
		#[pallet::constant]
		type MaxPageSize: Get<u32>;

		/// The most providers one `screen_order` page screens.
		#[pallet::constant]
		type MaxScreenPage: Get<u32>;

		/// Weights of the calls and the hook, from benchmarks.
		type WeightInfo: WeightInfo;

		/// Sets up providers for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId, Self::AssetKind, BalanceOf<Self>>;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit for an open order's record and its bid book.
		#[codec(index = 1)]
		OrderDeposit,
	}

	/// The id the next order gets.
	#[pallet::storage]
	pub type NextOrderId<T: Config> = StorageValue<_, OrderId, ValueQuery>;

	/// The open orders, each with its bid book.
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
			/// What it is paid in: its budget, deposit, prices and lease.
			asset: T::AssetKind,
			/// What it asks for.
			resources: Resources,
			/// The highest price per block it accepts.
			max_price_per_block: BalanceOf<T>,
			/// The budget held for it.
			budget: BalanceOf<T>,
			/// The last block bids are accepted: `bid_window` blocks from
			/// its creation, or up to [`EXPIRY_SPILL_DEPTH`] later when the
			/// expiry slots before were full.
			window_end: BlockNumberFor<T>,
			/// The hash of the workload manifest it commits to.
			manifest: ManifestHash,
			/// What entering a crowded expiry slot cost, paid to the treasury
			/// in the order's asset ([`Pallet::admission_surcharge`]); zero
			/// while the slot is less than half full.
			admission_fee: BalanceOf<T>,
		},
		/// The tenant cancelled an open order.
		OrderCancelled {
			/// The order.
			order_id: OrderId,
			/// Its tenant.
			tenant: T::AccountId,
			/// Budget and order deposit returned to the tenant.
			refunded: BalanceOf<T>,
			/// How many bids stood in its book (nothing of theirs was held).
			bids_dropped: u32,
		},
		/// An order's window ended and no bid was left that could serve.
		OrderExpired {
			/// The order.
			order_id: OrderId,
			/// Its tenant.
			tenant: T::AccountId,
			/// Budget and order deposit returned to the tenant.
			refunded: BalanceOf<T>,
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
			/// How many other bids stood in the book and lost.
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
		/// A full book's most expensive bid made way for a cheaper one.
		BidDisplaced {
			/// The order.
			order_id: OrderId,
			/// The provider whose bid left the book.
			provider: T::AccountId,
			/// Its price.
			price: BalanceOf<T>,
			/// The provider of the cheaper bid that took its place.
			by: T::AccountId,
		},
		/// A provider withdrew its bid.
		BidWithdrawn {
			/// The order.
			order_id: OrderId,
			/// The bidder.
			provider: T::AccountId,
		},
		/// A bid left the book at no cost to its provider: evicted because
		/// the provider's capacity went to other leases, or the best bid whose
		/// match was refused for a reason that is not the provider's (the
		/// lease manager's error).
		BidDropped {
			/// The order.
			order_id: OrderId,
			/// The provider whose bid left.
			provider: T::AccountId,
			/// Why.
			reason: DispatchError,
		},
		/// A bid that counted could not be served: it was dropped from the
		/// book and its provider forfeited part of its bond to the treasury.
		BidForfeited {
			/// The order.
			order_id: OrderId,
			/// The provider that could not serve.
			provider: T::AccountId,
			/// Why it could not (the error bidding would have failed with).
			reason: DispatchError,
			/// What it forfeited.
			forfeited: BalanceOf<T>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No open order has this id.
		UnknownOrder,
		/// The provider has no bid in this order's book.
		UnknownBid,
		/// Only the order's tenant may do this.
		NotOrderOwner,
		/// The order's bid window has ended.
		BidWindowClosed,
		/// The bid window is shorter than `MinBidWindow` or longer than `MaxBidWindow`.
		BidWindowOutOfRange,
		/// The order asks for no resources at all.
		NoResources,
		/// A manifest hash must not be zero.
		NoManifest,
		/// A price of zero.
		ZeroPrice,
		/// The budget does not cover the maximum price for `MinLeaseBlocks` blocks.
		BudgetTooLow,
		/// The order requires the same attribute key twice.
		DuplicateAttribute,
		/// The tenant has `MaxOpenOrdersPerTenant` open orders already.
		TooManyOpenOrders,
		/// The expiry slot of the order's window and the
		/// `EXPIRY_SPILL_DEPTH` after it are full; choose another bid window.
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
		/// The provider has a bid in this order's book already.
		AlreadyBid,
		/// The book is full and the bid is not cheaper than its most
		/// expensive bid. A bid that cannot be served may be evicted first
		/// (`evict_bid`).
		BidBookFull,
		/// The bid's provider can serve the order, so it cannot be evicted.
		BidCanBeServed,
		/// The market does not take this asset: an order may name the
		/// chain's own token or a foreign asset governance accepted.
		AssetNotAccepted,
		/// Governance has set no rate for the asset, so the order deposit
		/// cannot be set in it.
		NoRate,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(now: BlockNumberFor<T>) -> Weight {
			Self::conclude_due(now)
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
			assert!(T::MaxPageSize::get() > 0, "MaxPageSize must be positive");
			assert!(T::MaxScreenPage::get() > 0, "MaxScreenPage must be positive");
			assert!(!T::OrderDeposit::get().is_zero(), "an order must cost a deposit");
			assert!(
				Self::expiries_admitted_per_block() > 0,
				"HookWeight cannot conclude a single order per block"
			);
			let max_block = T::BlockWeights::get().max_block;
			assert!(
				T::HookWeight::get().all_lte(max_block / 10),
				"the window-end hook may take more than a tenth of a block"
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
		/// attribute in `attributes` (vouched for by `auditor`, if given) and
		/// whose track record meets `requirements` (the least score and
		/// leases completed; zero for none), at most `max_price_per_block`,
		/// to run the workload whose manifest hashes to `manifest` (the
		/// lease commits to it; the manifest goes to the provider off-chain).
		/// The order is paid in `asset` (the chain's own token or a foreign
		/// asset the market accepts): its prices, its budget and the lease
		/// are amounts of it. Holds `budget` and the order deposit in it.
		/// Bids are accepted until `bid_window` blocks from now (that block
		/// included); the order is concluded in the block after.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::create_order(attributes.len() as u32))]
		// Each term is its own argument, as a wallet shows it for filling in.
		#[allow(clippy::too_many_arguments)]
		pub fn create_order(
			origin: OriginFor<T>,
			manifest: ManifestHash,
			resources: Resources,
			attributes: RequiredAttributesOf<T>,
			auditor: Option<T::AccountId>,
			requirements: TrackRequirements,
			max_price_per_block: BalanceOf<T>,
			budget: BalanceOf<T>,
			bid_window: BlockNumberFor<T>,
			asset: T::AssetKind,
		) -> DispatchResult {
			let tenant = ensure_signed(origin)?;
			Self::do_create_order(
				tenant,
				asset,
				manifest,
				resources,
				attributes,
				auditor,
				requirements,
				max_price_per_block,
				budget,
				bid_window,
			)
			.map(|_| ())
		}

		/// Cancels an open order of the caller while its window is open:
		/// returns the budget and the order deposit.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::cancel_order())]
		pub fn cancel_order(origin: OriginFor<T>, order_id: OrderId) -> DispatchResult {
			let tenant = ensure_signed(origin)?;
			Self::do_cancel_order(&tenant, order_id)
		}

		/// Bids `price` per block on an open order. The caller must be able
		/// to serve the order now. In a full book the bid takes the place of
		/// the most expensive bid if it is cheaper. Charged for the order's
		/// required attributes, auditor and track record: what is not checked
		/// is refunded.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::place_bid(T::MaxRequiredAttributes::get(), 1, 1))]
		pub fn place_bid(
			origin: OriginFor<T>,
			order_id: OrderId,
			price: BalanceOf<T>,
		) -> DispatchResultWithPostInfo {
			let provider = ensure_signed(origin)?;
			let checked = Self::do_place_bid(provider, order_id, price)?;
			Ok(Some(T::WeightInfo::place_bid(checked.attributes, checked.auditor, checked.record))
				.into())
		}

		/// Withdraws the caller's bid while the order's window is open.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::withdraw_bid())]
		pub fn withdraw_bid(origin: OriginFor<T>, order_id: OrderId) -> DispatchResult {
			let provider = ensure_signed(origin)?;
			Self::do_withdraw_bid(&provider, order_id)
		}

		/// The tenant accepts `provider`'s bid while the window is open: the
		/// order becomes a lease at that bid's price. The provider must be
		/// able to serve now.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::accept_bid())]
		pub fn accept_bid(
			origin: OriginFor<T>,
			order_id: OrderId,
			provider: T::AccountId,
		) -> DispatchResult {
			let tenant = ensure_signed(origin)?;
			Self::do_accept_bid(&tenant, order_id, provider)
		}

		/// Drops `provider`'s bid from the book of an open order because the
		/// provider cannot serve the order now (see "Serving" above); the
		/// provider forfeits `BidForfeit` of its bond, unless the only reason
		/// is capacity taken by other leases. Anyone may call it; the fee is
		/// waived when it succeeds. Fails with `BidCanBeServed` when the
		/// provider can serve.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::evict_bid())]
		pub fn evict_bid(
			origin: OriginFor<T>,
			order_id: OrderId,
			provider: T::AccountId,
		) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			Self::do_evict_bid(order_id, &provider)?;
			Ok(Pays::No.into())
		}
	}
}
