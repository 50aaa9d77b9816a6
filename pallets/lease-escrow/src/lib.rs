//! # Lease escrow
//!
//! A lease is the running contract between a tenant, who pays, and a
//! provider, who serves. This pallet owns every active lease and the money
//! that pays for it: an escrow from which the provider is paid block by block.
//!
//! ## Terms
//!
//! - **Escrow**: the money that pays a lease. It never leaves its owners'
//!   accounts until it is paid out: each depositor's share is held on the
//!   depositor's own account under [`HoldReason::Escrow`], and the lease
//!   records how much of each depositor's money is still in it
//!   ([`Lease::depositors`], the tenant first).
//! - **Price per block**: what one block of service costs, fixed by the
//!   winning bid.
//! - **Settlement**: paying the provider what the lease owes since it was last
//!   settled. It is *lazy* (it happens when someone touches the lease, not
//!   every block) and *exact*: a lease owes `price_per_block × (now −
//!   settled_up_to)`, capped by its escrow, and only whole funded blocks are
//!   paid. A governance take rate ([`Config::TakeRate`]) of each payment goes
//!   to the treasury ([`Config::Treasury`]), the rest to the provider. The
//!   treasury's share is rounded down so the two add up to the payment to the
//!   planck.
//! - **Run-dry block**: because price and escrow are known, so is the first
//!   block at which the lease can no longer pay:
//!   `run_dry_at = settled_up_to + escrow / price_per_block`. Settlement does
//!   not move it; a deposit does.
//! - **Run-dry queue** ([`RunDry`]): leases indexed by their run-dry block. The
//!   block hook closes the leases due, so no lease stays open unpaid.
//!
//! ## Life cycle
//!
//! A lease is opened by bid matching through
//! [`LeaseManager::open_lease`](stratus_primitives::LeaseManager::open_lease)
//! when a bid wins: the order's budget, already released by bid matching, is
//! held again here as the tenant's first deposit. The lease is then `Active`
//! until it closes for one of the [`CloseReason`]s:
//!
//! - `ByTenant` / `ByProvider`: a party called [`Pallet::close_lease`]. A
//!   provider that closes before `started_at + min_term` is reported to
//!   [`Config::Stake`], which decides what that costs it.
//! - `InsufficientFunds`: the escrow ran dry, closed by the hook at the run-dry
//!   block or by anyone calling [`Pallet::settle`].
//! - `ProviderSlashed` / `ProviderJailed`: the slashing pallet closed it
//!   through [`LeaseManager::close`](stratus_primitives::LeaseManager::close).
//!
//! Closing settles the lease, refunds what is left of the escrow, releases the
//! provider's capacity through [`Config::Registry`] and removes the lease's
//! record; the [`Event::LeaseClosed`] event is its history.
//!
//! ## Refunds: first in, first out
//!
//! Deposits are spent first-in-first-out: each payment is taken from the
//! earliest deposit still in the escrow (the tenant's first). So at close the
//! remainder is refunded in order: later depositors get theirs back first,
//! since their money was spent last. A depositor who tops up again adds to
//! their existing entry, keeping its place. An entry spent to zero is dropped,
//! except the tenant's, which always stays first so that the tenant can always
//! top up (see [`Config::MaxDepositors`]).
//!
//! ## The run-dry queue
//!
//! Each active lease sits in exactly one slot of [`RunDry`], normally its
//! run-dry block. If that slot is full ([`Config::MaxRunDryPerBlock`]), the
//! lease goes to the nearest *earlier* slot with room, searching at most
//! [`RUN_DRY_SEARCH_DEPTH`] blocks and never past the current block: never a
//! later slot, since a lease must not run unpaid. When no slot fits, the call
//! fails with [`Error::RunDryQueueFull`]. The hook visits slots from
//! [`NextUnprocessedBlock`] up to the current block, handling at most
//! [`Config::MaxClosuresPerBlock`] leases and as many slots per block; the
//! rest wait for the next block (carry-over). A lease visited before its
//! run-dry block (because it was placed early) is moved forward, not closed.
//!
//! ## Existential deposit
//!
//! Payments go to the provider's and the treasury's free balance. A payment
//! below the existential deposit to an account that does not exist fails, so
//! the treasury account must exist (fund it at genesis) and providers exist
//! anyway (the registry holds their deposit). A payment that fails makes the
//! calling transaction fail; in the hook, the lease is retried the next block
//! and [`Event::AutoCloseFailed`] says why.
//!
//! ## Calls
//!
//! - [`Pallet::deposit`]: anyone tops up an active lease.
//! - [`Pallet::withdraw`]: the provider collects what is owed so far.
//! - [`Pallet::settle`]: anyone settles a lease, closing it if it ran dry.
//! - [`Pallet::close_lease`]: the tenant or the provider ends the lease.
//!
//! ## Reading
//!
//! [`Pallet::lease_view`] gives a lease with its live figures (balance now,
//! owed now, run-dry block); [`Pallet::leases_by_tenant`] and
//! [`Pallet::leases_by_provider`] list leases from index maps, paged.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

mod escrow;
mod impls;
mod queue;
mod types;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

use polkadot_sdk::{frame_support, frame_system, sp_runtime};

/// How many blocks before its run-dry block a lease may be queued when that
/// block's slot is full.
pub const RUN_DRY_SEARCH_DEPTH: u32 = 8;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::fungible::{Inspect, InspectHold, Mutate, MutateHold},
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::{traits::Zero, Perbill};
	use stratus_primitives::{CloseReason, LeaseId, ProviderRegistry, ProviderStake};

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: polkadot_sdk::frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The native currency; escrow is held with it.
		type Currency: Inspect<Self::AccountId>
			+ Mutate<Self::AccountId>
			+ InspectHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The runtime's hold reasons, which include this pallet's.
		type RuntimeHoldReason: From<HoldReason>;

		/// The provider registry: capacity is released there when a lease closes.
		type Registry: ProviderRegistry<Self::AccountId>;

		/// Provider stake: told when a provider closes a lease before its
		/// minimum term.
		type Stake: ProviderStake<Self::AccountId, BalanceOf<Self>>;

		/// The share of each payment that goes to the treasury (a governance
		/// parameter).
		type TakeRate: Get<Perbill>;

		/// The account receiving the take rate. It must exist.
		type Treasury: Get<Self::AccountId>;

		/// The smallest top-up [`Pallet::deposit`] accepts.
		#[pallet::constant]
		type MinDeposit: Get<BalanceOf<Self>>;

		/// The most depositors one lease records, the tenant included.
		#[pallet::constant]
		type MaxDepositors: Get<u32>;

		/// The most active leases one account may have as tenant, and as
		/// provider.
		#[pallet::constant]
		type MaxLeasesPerAccount: Get<u32>;

		/// The most leases queued to run dry at one block.
		#[pallet::constant]
		type MaxRunDryPerBlock: Get<u32>;

		/// The most leases the hook handles in one block (and the most queue
		/// slots it visits); the rest carry over.
		#[pallet::constant]
		type MaxClosuresPerBlock: Get<u32>;

		/// The most leases one page of [`Pallet::leases_by_tenant`] or
		/// [`Pallet::leases_by_provider`] returns.
		#[pallet::constant]
		type MaxPageSize: Get<u32>;

		/// Weights of the calls and of the hook.
		type WeightInfo: WeightInfo;

		/// Sets up what other pallets must hold for benchmarks to run.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// A depositor's money in a lease's escrow.
		#[codec(index = 0)]
		Escrow,
	}

	/// Active leases. A lease's record is removed when it closes.
	#[pallet::storage]
	pub type Leases<T: Config> = StorageMap<_, Twox64Concat, LeaseId, LeaseOf<T>>;

	/// The id the next lease gets.
	#[pallet::storage]
	pub type NextLeaseId<T: Config> = StorageValue<_, LeaseId, ValueQuery>;

	/// Active leases by tenant.
	#[pallet::storage]
	pub type LeasesByTenant<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, LeaseId, ()>;

	/// Active leases by provider.
	#[pallet::storage]
	pub type LeasesByProvider<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, LeaseId, ()>;

	/// How many active leases each account has as tenant.
	#[pallet::storage]
	pub type TenantLeaseCount<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// How many active leases each account has as provider.
	#[pallet::storage]
	pub type ProviderLeaseCount<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// The run-dry queue: the leases the hook visits at each block.
	#[pallet::storage]
	pub type RunDry<T: Config> = StorageMap<
		_,
		Twox64Concat,
		BlockNumberFor<T>,
		BoundedVec<LeaseId, T::MaxRunDryPerBlock>,
		ValueQuery,
	>;

	/// The first run-dry slot the hook has not emptied yet.
	#[pallet::storage]
	pub type NextUnprocessedBlock<T: Config> = StorageValue<_, BlockNumberFor<T>, ValueQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A lease was opened from a won bid.
		LeaseOpened {
			/// The new lease.
			lease_id: LeaseId,
			/// The order it comes from.
			order_id: stratus_primitives::OrderId,
			/// Who pays.
			tenant: T::AccountId,
			/// Who serves.
			provider: T::AccountId,
			/// The price of one block.
			price_per_block: BalanceOf<T>,
			/// The tenant's first deposit.
			escrow: BalanceOf<T>,
			/// The first block the lease cannot pay.
			run_dry_at: BlockNumberFor<T>,
		},
		/// Someone topped up a lease.
		Deposited {
			/// The lease topped up.
			lease_id: LeaseId,
			/// Who paid.
			depositor: T::AccountId,
			/// How much was added to the escrow.
			amount: BalanceOf<T>,
			/// The lease's new run-dry block.
			run_dry_at: BlockNumberFor<T>,
		},
		/// A lease was settled by [`Pallet::settle`] or before a deposit.
		LeaseSettled {
			/// The lease settled.
			lease_id: LeaseId,
			/// Paid to the provider's free balance.
			paid_to_provider: BalanceOf<T>,
			/// Paid to the treasury.
			paid_to_treasury: BalanceOf<T>,
			/// The lease is now paid for every block before this one.
			settled_up_to: BlockNumberFor<T>,
		},
		/// The provider collected what a lease owed.
		Withdrawn {
			/// The lease settled.
			lease_id: LeaseId,
			/// The provider, who collected.
			provider: T::AccountId,
			/// Paid to the provider's free balance.
			paid_to_provider: BalanceOf<T>,
			/// Paid to the treasury.
			paid_to_treasury: BalanceOf<T>,
			/// The lease is now paid for every block before this one.
			settled_up_to: BlockNumberFor<T>,
		},
		/// A lease ended. Its record is gone; this event is its history.
		LeaseClosed {
			/// The lease that ended.
			lease_id: LeaseId,
			/// Why it ended.
			reason: CloseReason,
			/// Paid to the provider by the final settlement.
			paid_to_provider: BalanceOf<T>,
			/// Paid to the treasury by the final settlement.
			paid_to_treasury: BalanceOf<T>,
			/// Returned to the depositors.
			refunded: BalanceOf<T>,
		},
		/// A provider closed a lease before its minimum term; the stake pallet
		/// was told.
		EarlyCloseReported {
			/// The lease closed early.
			lease_id: LeaseId,
			/// The provider that closed it.
			provider: T::AccountId,
			/// What the stake pallet slashed for it.
			slashed: BalanceOf<T>,
		},
		/// The hook could not close a lease that ran dry; it tries again next
		/// block.
		AutoCloseFailed {
			/// The lease left open.
			lease_id: LeaseId,
			/// Why closing failed.
			error: DispatchError,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No active lease has this id.
		LeaseNotFound,
		/// Only the lease's tenant or provider may do this.
		NotLeaseParty,
		/// Only the lease's provider may do this.
		NotProvider,
		/// A lease's price per block must be above zero.
		ZeroPrice,
		/// The escrow does not pay a single block.
		EscrowTooSmall,
		/// A top-up must be at least `MinDeposit`.
		DepositTooSmall,
		/// Even with this top-up the lease cannot pay the next block.
		WouldRunDry,
		/// The lease already records `MaxDepositors` depositors.
		TooManyDepositors,
		/// The tenant already has `MaxLeasesPerAccount` active leases.
		TooManyTenantLeases,
		/// The provider already has `MaxLeasesPerAccount` active leases.
		TooManyProviderLeases,
		/// No run-dry slot at or shortly before the lease's run-dry block has
		/// room.
		RunDryQueueFull,
		/// A figure overflowed.
		Overflow,
		/// The escrow records disagree with what is held (a bug).
		EscrowMismatch,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(now: BlockNumberFor<T>) -> Weight {
			Self::process_run_dry(now)
		}

		fn integrity_test() {
			assert!(T::MaxDepositors::get() >= 1, "MaxDepositors must leave room for the tenant");
			assert!(T::MaxLeasesPerAccount::get() >= 1, "MaxLeasesPerAccount must be at least 1");
			assert!(T::MaxRunDryPerBlock::get() >= 1, "MaxRunDryPerBlock must be at least 1");
			assert!(T::MaxClosuresPerBlock::get() >= 1, "MaxClosuresPerBlock must be at least 1");
			assert!(T::MaxPageSize::get() >= 1, "MaxPageSize must be at least 1");
			assert!(
				!T::MinDeposit::get().is_zero(),
				"MinDeposit must be above zero, or depositor entries cost nothing"
			);
			let hook = Self::max_hook_weight();
			let max_block = <T as frame_system::Config>::BlockWeights::get().max_block;
			assert!(
				hook.all_lte(max_block / 2),
				"the run-dry hook may use more than half a block: lower MaxClosuresPerBlock"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Tops up an active lease with `amount` from the caller's free
		/// balance, held as escrow. Anyone may do it. The lease is settled
		/// first, then moved to its new run-dry slot.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::deposit())]
		pub fn deposit(
			origin: OriginFor<T>,
			lease_id: LeaseId,
			amount: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_deposit(&who, lease_id, amount)
		}

		/// The provider collects what the lease owes so far.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::withdraw())]
		pub fn withdraw(origin: OriginFor<T>, lease_id: LeaseId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_withdraw(&who, lease_id)
		}

		/// Settles a lease; anyone may do it. A lease whose escrow cannot pay
		/// the next block is closed (`InsufficientFunds`).
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::settle())]
		pub fn settle(origin: OriginFor<T>, lease_id: LeaseId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_settle(lease_id)
		}

		/// The tenant or the provider ends a lease: it is settled, the rest of
		/// the escrow refunded and the provider's capacity released.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::close_lease())]
		pub fn close_lease(origin: OriginFor<T>, lease_id: LeaseId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_close_lease(&who, lease_id)
		}
	}
}
