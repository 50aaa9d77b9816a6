//! # Lease escrow
//!
//! A lease is the running contract between a tenant, who pays, and a
//! provider, who serves. This pallet owns every active lease and the money
//! that pays for it: an escrow from which the provider is paid block by block.
//!
//! ## Terms
//!
//! - **Escrow**: the money that pays a lease. All of it is held on the
//!   *tenant's* account under [`HoldReason::Escrow`], whoever paid it in.
//! - **The tenant's part**: the tenant's opening escrow and every top-up the
//!   tenant makes ([`Pallet::deposit`]), kept as one running total,
//!   `tenant_deposited`, with `tenant_spent` beside it. Topping up often
//!   costs the tenant no record.
//! - **Third-party deposit**: anyone else may top a lease up too. Each such
//!   deposit is a [`DepositRecord`] in [`Deposits`], numbered per lease from
//!   0, on the *others' line*: the lease records `others_deposited` (the end
//!   of the line) and `others_spent`, and deposit `i` occupies
//!   `start..start + amount` on it, where `start` was `others_deposited` when
//!   it was made.
//! - **Price per block**: what one block of service costs, fixed by the
//!   winning bid.
//! - **Settlement**: taking what the lease owes since it was last settled out
//!   of the escrow. It is *lazy* (it happens when someone touches the lease,
//!   not every block) and *exact*: a lease owes `price_per_block × (now −
//!   settled_up_to)`, capped by its balance, and only whole funded blocks are
//!   taken. Settlement moves the ledger, not money: what it takes becomes
//!   *owed*, `owed_to_provider` and `owed_to_treasury` in the lease record,
//!   and stays in the tenant's hold. A governance take rate
//!   ([`Config::TakeRate`]) of each settlement is owed to the treasury
//!   ([`Config::Treasury`]), the rest to the provider; the treasury's share is
//!   rounded down so the two add up to the settlement to the planck.
//!   "Settle" means that and nothing else.
//! - **Paying out**: [`Pallet::withdraw`] (the provider) and closing pay what
//!   is owed out of the tenant's hold, to the provider and the treasury, and
//!   zero it.
//! - **Balance**: what the escrow has left for blocks not settled yet,
//!   `deposited − spent` over both parts, where `spent` counts what is owed
//!   but not paid out (it is committed). The tenant's hold holds the balance
//!   and what is owed: `deposited − paid out`.
//! - **Run-dry block**: because price and balance are known, so is the first
//!   block at which the lease can no longer pay:
//!   `run_dry_at = settled_up_to + balance / price_per_block`. Settlement does
//!   not move it; a top-up moves it later.
//! - **Run-dry queue** ([`RunDry`]): leases by their run-dry block. The block
//!   hook closes the leases due, so no lease stays open unpaid.
//! - **Refund**: what is left of the escrow when its lease closes.
//!
//! ## Who pays first
//!
//! The tenant's money pays first. A settlement takes from the tenant's part
//! as long as it has any left, and only then from the others' line, earliest
//! deposit first. So third-party money keeps a lease alive after the
//! tenant's runs out, and it comes back first: at close the tenant gets back
//! `tenant_deposited − tenant_spent`, and third-party deposit `i` gets back
//! `clamp(start + amount − others_spent, 0, amount)`. Each refund is computed
//! alone, in O(1), and the refunds add up to `deposited − spent` exactly.
//!
//! The rule holds whenever the money comes in: a top-up by the tenant made
//! after a third party's is spent before that third party's money, since it
//! joins the tenant's part.
//!
//! ## Custody: why the tenant's account
//!
//! A lease belongs to its tenant, so its money is shown where the tenant
//! (and any wallet or explorer) looks: as a hold on the tenant's account.
//! A third party's top-up moves its money into that hold
//! (`fungible::MutateHold::transfer_and_hold`); the provider and the treasury
//! are paid from it by `transfer_on_hold`. So a payout is at most two
//! transfers, whatever the number of depositors, and no pooled pallet
//! account holds everyone's money. The ledger, not the hold, says whose the
//! money is: each party's refund is fixed by the lease's totals and, for a
//! third party, its record.
//!
//! Settling writes the lease record only, so [`Pallet::settle`] and the
//! settlement before a top-up cost no transfer; the money moves when the
//! provider withdraws it or the lease closes.
//!
//! Payments use `Fortitude::Force`: the held escrow is owed, so a freeze the
//! tenant put on its own account (a vote lock, say) does not stop the
//! provider being paid.
//!
//! ## Life cycle
//!
//! This pallet owns the start of a lease. When a tenant creates an order,
//! bid matching has its budget held here
//! ([`LeaseManager::hold_budget`](stratus_primitives::LeaseManager::hold_budget)):
//! it is held under [`HoldReason::Escrow`] at once, as the escrow of the
//! lease the order may become, and counted in [`HeldBudgets`]. When a bid
//! wins, [`LeaseManager::open_lease`](stratus_primitives::LeaseManager::open_lease)
//! reserves the provider's capacity through [`Config::Capacity`] and makes
//! that budget the start of the tenant's part, in one place: the money stays
//! in its hold, nothing is released and held again. An order that ends
//! without a lease has its budget released
//! ([`LeaseManager::release_budget`](stratus_primitives::LeaseManager::release_budget)).
//!
//! ## Readiness
//!
//! A lease carries the hash of its workload manifest, which the order
//! committed to; the manifest itself goes off-chain from the tenant to the
//! provider, who checks it against the hash. A new lease is
//! [`LeaseState::Pending`]: nothing is billed until its provider calls
//! [`Pallet::confirm_ready`], within [`Config::ReadyWindow`] blocks of the
//! opening. Billing starts in the block it confirms, and so does the minimum
//! term. A lease not confirmed by the end of its window closes `NotReady`:
//! the run-dry hook closes it at that block, and anyone may close it with
//! [`Pallet::close_lease`] or [`Pallet::settle`] from then on; the tenant's
//! whole escrow comes back (less the record's deposit, which comes back
//! with [`Pallet::forget_lease`]), and the provider is reported to
//! [`Config::OnLeaseClosed`], which counts it against it.
//!
//! The tenant may replace the manifest at any time
//! ([`Pallet::update_manifest`]); a pending lease's window then starts
//! again. A provider that cannot get a manifest matching the hash from its
//! tenant protects itself by confirming anyway: the tenant then pays for a
//! machine it does not use, and a provider that confirms what it does not
//! run is left to a fault report.
//!
//! A pending lease sits in the run-dry queue at the end of its window, or
//! earlier at the block it would run dry if confirmed (it moves on when the
//! hook finds it still pending), so that the lease is never queued after a
//! block the hook must see it in, confirmed or not.
//!
//! ## Closing
//!
//! An `Active` lease runs until it closes for one of the
//! [`CloseReason`](stratus_primitives::CloseReason)s:
//!
//! - `ByTenant` / `ByProvider`: a party called [`Pallet::close_lease`]. A
//!   provider that closes before `billing_from + min_term` (or a pending
//!   lease) is reported to [`Config::OnLeaseClosed`], which decides what
//!   that costs it.
//! - `ProviderUnreachable`: the tenant called [`Pallet::close_lease`] while
//!   the provider was unreachable ([`Config::Liveness`]: no heartbeat within
//!   the interval, outside an announced maintenance window). Like any close
//!   by the tenant it costs the tenant nothing; it is reported to
//!   [`Config::OnLeaseClosed`], which counts it against the provider.
//! - `NotReady`: pending past its ready window; see above.
//! - `InsufficientFunds`: the escrow ran dry, closed by the hook at the run-dry
//!   block or at once by anyone calling [`Pallet::settle`].
//! - `ProviderSlashed` / `ProviderJailed`: the slashing pallet closed it
//!   through [`LeaseManager::close`](stratus_primitives::LeaseManager::close).
//!
//! Closing settles the lease and pays out everything it owes, releases the
//! provider's capacity through [`Config::Capacity`], takes the lease out of
//! the run-dry queue and the index maps, and refunds what is left of the
//! tenant's part at once (one party, one release), less the record's
//! deposit. The lease becomes a [`ClosedLease`] in [`ClosedLeases`]: its
//! parties stay on record for [`Config::ReportGracePeriod`] blocks, during
//! which the tenant may still report the provider
//! ([`LeaseManager::reportable_parties`](stratus_primitives::LeaseManager::reportable_parties)),
//! so closing first escapes no report. The record is paid for by a deposit
//! kept from the tenant's refund (up to [`Config::ClosedLeaseDeposit`]; less
//! if less was left) and held until anyone removes the record with
//! [`Pallet::forget_lease`] once the grace period is over and every
//! third-party deposit is claimed, fee waived. [`Event::LeaseClosed`] says
//! what was paid out, what was refunded, what the record keeps and what
//! waits for claims.
//!
//! ## Refunds are claimed
//!
//! A call never pays back many parties at once. Each third-party deposit of
//! a closed lease is paid back by [`Pallet::claim_refund`], which anyone may
//! call (the fee is waived when it succeeds) and which pays the depositor,
//! not the caller. A spent deposit (refund zero) is claimable too, to clear
//! its record. Nothing is ever lost: every deposit stays claimable until
//! claimed, and `try_state` checks that the tenant's hold covers every
//! unclaimed refund. Nothing walks a lease's deposits, so a lease has no
//! bound on them; each costs its depositor at least [`Config::MinDeposit`]
//! of locked money.
//!
//! ## The run-dry queue
//!
//! Each active lease sits in exactly one slot of [`RunDry`], at or before its
//! run-dry block. A slot admits
//! [`Pallet::runs_dry_admitted_per_block`] leases: as many as the hook closes
//! in one block within [`Config::HookWeight`], never more than
//! [`Config::MaxRunDryPerBlock`]. If the slot is full, the lease goes to the
//! nearest *earlier* slot with room, searching at most
//! [`RUN_DRY_SEARCH_DEPTH`] blocks and never past the current block: never a
//! later slot, since a lease must not run unpaid. When no slot in that
//! range has room under the admission, opening searches it again up to each
//! slot's storage bound: the hook then carries the surplus forward a block at
//! a time (below), so a crowd of leases delays closes by a few blocks rather
//! than refusing a lease that won its order. Only when every slot in range is
//! full to its storage bound does opening fail with
//! [`Error::RunDryQueueFull`]: someone would have to keep
//! `(RUN_DRY_SEARCH_DEPTH + 1) × MaxRunDryPerBlock` leases pending (1,152 in
//! the runtime, each committing at least `MinLeaseStake` of a bond) and open
//! `MaxRunDryPerBlock` more every block to keep it so.
//!
//! A top-up moves the run-dry block later but leaves the lease in its slot,
//! which is then early: the hook moves it on when it reaches it, like a lease
//! queued early for want of room. So a top-up touches no slot and never
//! fails for a full queue, and the move costs the hook one step in a slot
//! that admitted the lease anyway (one per run-dry block reached, however
//! many top-ups came before). If no slot up to the new run-dry block has room
//! by then, the lease is carried a block at a time as described next, rather
//! than the top-up being refused.
//!
//! The hook works through the slots from [`NextUnprocessedBlock`] up to and
//! including the current block with the shared
//! [`stratus_primitives::queue`], metered by weight: it spends at most
//! [`Config::HookWeight`] and leaves the rest at its cursor for the next
//! block. A lease visited before its run-dry block is moved forward. A lease
//! the hook cannot close (a payment or the registry refused) is retried the
//! next block ([`Event::AutoCloseFailed`]), and so is a lease visited early
//! whose own slots are still full; such a carried lease may take a slot
//! beyond its admission, never beyond its storage bound, and waits at the
//! cursor only if even that is full. A lease that runs dry stops paying at
//! exactly its run-dry block however late the hook reaches it, since
//! settlement is capped by the balance, and anyone may close it at once with
//! [`Pallet::settle`].
//!
//! ## Running low
//!
//! The same queue warns a tenant before its lease runs dry. An active lease
//! is queued first [`Config::RunningLowNotice`] blocks before its run-dry
//! block; the hook, finding it there, emits [`Event::LeaseRunningLow`] with
//! the run-dry block and moves the lease on to that block. The lease records
//! the run-dry block it was announced for, so the notice comes once per
//! run-dry block: a top-up that moves the block on makes a new one due. The
//! notice is never later than the hook reaching the lease: when the slot was
//! full, a top-up left less than the notice, or governance raised it, the
//! notice comes at the next visit, which is never after the run-dry block.
//! It costs each lease one more hook step, a move, not a close.
//!
//! ## Assets
//!
//! A lease is paid in one asset ([`Config::AssetKind`]): the chain's own
//! token or a foreign asset, named by the order it comes from. Its price,
//! escrow, top-ups, payouts, take rate and refunds are all in that asset,
//! moved through [`Config::Funds`], one `fungibles` with holds over every
//! asset kind. The two deposits set in the chain's own token
//! ([`Config::MinDeposit`], [`Config::ClosedLeaseDeposit`]) are converted
//! into the lease's asset by [`Config::Rates`] when the lease opens and kept
//! on it, so that a rate changed later changes no open lease. The order's
//! budget is held per tenant and asset ([`HeldBudgets`]).
//!
//! ## Minimum balances
//!
//! Payouts and refunds go to free balances. A payment below an asset's
//! minimum balance to an account that holds none of it fails. The treasury's
//! account must exist in every asset leases are paid in (fund it at genesis;
//! the runtime opens it when governance accepts a foreign asset). A
//! provider's account exists in the chain's own token (the registry holds
//! its deposit) but may hold none of a foreign asset: a payout it cannot
//! take makes [`Pallet::withdraw`] fail, and at close stays owed to it on
//! the [`ClosedLease`] record, paid by [`Pallet::withdraw`] once its account
//! can take it, so that the provider's account never keeps a lease open.
//! Another payment that fails makes the calling transaction fail; in the
//! hook, the lease is retried the next block and [`Event::AutoCloseFailed`]
//! says why. A refund to a depositor whose account has gone stays claimable
//! until the claim can be paid.
//!
//! ## Calls
//!
//! - [`Pallet::deposit`]: anyone tops up an active lease; the tenant's
//!   top-up joins its part.
//! - [`Pallet::withdraw`]: the provider collects everything owed so far, the
//!   treasury's share paid with it.
//! - [`Pallet::settle`]: anyone settles a lease (a ledger update), closing it
//!   if it ran dry.
//! - [`Pallet::close_lease`]: the tenant or the provider ends the lease.
//! - [`Pallet::claim_refund`]: anyone pays a third-party deposit of a closed
//!   lease back to its depositor.
//! - [`Pallet::forget_lease`]: anyone removes a closed lease's record once
//!   its grace period is over and its deposits are claimed.
//! - [`Pallet::confirm_ready`]: the provider starts a pending lease.
//! - [`Pallet::update_manifest`]: the tenant replaces a lease's manifest.
//!
//! ## Reading
//!
//! [`Pallet::lease_view`] gives a lease with its live figures (state, balance
//! now, owed now, accrued to the provider, run-dry block and blocks left);
//! [`Pallet::leases_by_tenant`] and [`Pallet::leases_by_provider`] list
//! leases from index maps, paged.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use dispatchables::SettleOutcome;
pub use pallet::*;
pub use types::*;
pub use views::{LeaseView, LeaseViewOf};
pub use weights::WeightInfo;

mod dispatchables;
mod escrow;
mod hooks;
#[cfg(any(feature = "try-runtime", feature = "std", test))]
mod invariants;
mod lease_manager_impl;
pub mod types;
pub mod views;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

use polkadot_sdk::{frame_support, frame_system, sp_runtime};

/// The target of this pallet's log lines.
pub const LOG_TARGET: &str = "runtime::lease-escrow";

/// How many blocks before its run-dry block a lease may be queued when that
/// block's slot is full.
pub const RUN_DRY_SEARCH_DEPTH: u32 = 8;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungibles::{Inspect, InspectHold, MutateHold},
			tokens::ConversionToAssetBalance,
		},
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::{traits::Zero, Perbill};
	use stratus_primitives::{
		CloseReason, LeaseId, ManifestHash, OnLeaseClosed, ProviderCapacity, ProviderLiveness,
	};

	/// The in-code storage version: 3 since leases are paid in an asset
	/// (the lease and closed lease records name it, held budgets are kept
	/// per asset). No migration: no chain runs an earlier layout.
	///
	/// 4 since the lease and closed lease records keep the stake behind the
	/// lease (and the closed one what its tenant paid).
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(4);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: polkadot_sdk::frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// What a lease may be paid in: the chain's own token or a foreign
		/// asset (which of them an order may name is bid matching's
		/// concern).
		type AssetKind: Parameter + MaxEncodedLen + Ord;

		/// The money of leases in every asset kind; escrow is held with it.
		type Funds: Inspect<Self::AccountId, AssetId = Self::AssetKind>
			+ InspectHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// Converts the deposits set in the chain's own token
		/// ([`Config::ClosedLeaseDeposit`], [`Config::MinDeposit`]) into a
		/// lease's asset, at the rate governance set when the lease opens.
		type Rates: ConversionToAssetBalance<BalanceOf<Self>, Self::AssetKind, BalanceOf<Self>>;

		/// The runtime's hold reasons, which include this pallet's.
		type RuntimeHoldReason: From<HoldReason>;

		/// The provider registry's capacity: reserved there when a lease
		/// opens, released when it closes.
		type Capacity: ProviderCapacity<Self::AccountId>;

		/// The provider registry's liveness: a tenant closing a lease of an
		/// unreachable provider closes it `ProviderUnreachable`.
		type Liveness: ProviderLiveness<Self::AccountId>;

		/// Told about every lease that closes (provider slashing in the
		/// runtime: a provider cutting a lease short is slashed).
		type OnLeaseClosed: OnLeaseClosed<Self::AccountId, Self::AssetKind, BalanceOf<Self>>;

		/// The share of each payment that goes to the treasury (a governance
		/// parameter).
		type TakeRate: Get<Perbill>;

		/// The account receiving the take rate. It must exist.
		type Treasury: Get<Self::AccountId>;

		/// Blocks a provider has, from the block a lease opens, to confirm it
		/// ready ([`Pallet::confirm_ready`]) before it closes `NotReady` (a
		/// governance parameter: a change applies to leases opened, or whose
		/// manifest was replaced, after it).
		type ReadyWindow: Get<BlockNumberFor<Self>>;

		/// How many blocks before an active lease runs dry the hook announces
		/// it with [`Event::LeaseRunningLow`] (a governance parameter; zero
		/// announces nothing).
		type RunningLowNotice: Get<BlockNumberFor<Self>>;

		/// Blocks after a lease closes during which its tenant may still
		/// report the provider; its record stays that long (a governance
		/// parameter: a change applies to leases closed after it).
		type ReportGracePeriod: Get<BlockNumberFor<Self>>;

		/// Kept from the tenant's refund when a lease closes (or what is left,
		/// if less) as the deposit of the closed lease's record, returned by
		/// [`Pallet::forget_lease`]. Set in the chain's own token; a lease in
		/// another asset keeps its worth at the rate of the lease's opening.
		#[pallet::constant]
		type ClosedLeaseDeposit: Get<BalanceOf<Self>>;

		/// The smallest top-up [`Pallet::deposit`] accepts, from the tenant or
		/// anyone: what each third-party deposit record costs its depositor in
		/// locked money, at least. Set in the chain's own token; a lease in
		/// another asset takes its worth at the rate of the lease's opening,
		/// never less than one unit.
		#[pallet::constant]
		type MinDeposit: Get<BalanceOf<Self>>;

		/// The most active leases one account may have as tenant, and as
		/// provider.
		#[pallet::constant]
		type MaxLeasesPerAccount: Get<u32>;

		/// The storage bound of one run-dry slot. A slot admits fewer when the
		/// hook cannot close this many in one block
		/// ([`Pallet::runs_dry_admitted_per_block`]).
		#[pallet::constant]
		type MaxRunDryPerBlock: Get<u32>;

		/// The most the run-dry hook spends in one block; what it cannot
		/// reach waits for the next block.
		#[pallet::constant]
		type HookWeight: Get<Weight>;

		/// The most leases one page of [`Pallet::leases_by_tenant`] or
		/// [`Pallet::leases_by_provider`] returns.
		#[pallet::constant]
		type MaxPageSize: Get<u32>;

		/// Weights of the calls and of the hook.
		type WeightInfo: WeightInfo;

		/// Sets up what other pallets must hold for benchmarks to run.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId, Self::AssetKind, BalanceOf<Self>>;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The escrow of the leases of the account, as their tenant: the
		/// budgets of its orders waiting for a match (each the escrow of the
		/// lease it may become), what active leases have left or owe their
		/// provider and the treasury, and what closed leases still owe
		/// third-party depositors and keep as their records' deposits.
		#[codec(index = 0)]
		Escrow,
	}

	/// What each tenant holds as escrow for orders not yet matched, by asset
	/// (absent when nothing): held by [`LeaseManager::hold_budget`] when an order is
	/// created, becoming a lease's escrow when the order is matched, or
	/// released when it ends without a lease.
	///
	/// [`LeaseManager::hold_budget`]: stratus_primitives::LeaseManager::hold_budget
	#[pallet::storage]
	pub type HeldBudgets<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Blake2_128Concat,
		T::AssetKind,
		BalanceOf<T>,
		ValueQuery,
	>;

	/// Open leases, pending or active. A lease's record is removed when it
	/// closes.
	#[pallet::storage]
	pub type Leases<T: Config> = StorageMap<_, Twox64Concat, LeaseId, LeaseOf<T>>;

	/// The id the next lease gets.
	#[pallet::storage]
	pub type NextLeaseId<T: Config> = StorageValue<_, LeaseId, ValueQuery>;

	/// Each third-party deposit of a lease, by lease and index, until its
	/// refund is claimed after the lease closed. The tenant's own money has
	/// no record: it is the lease's `tenant_deposited`.
	#[pallet::storage]
	pub type Deposits<T: Config> =
		StorageDoubleMap<_, Twox64Concat, LeaseId, Twox64Concat, u32, DepositRecordOf<T>>;

	/// Closed leases: their parties, kept for the report grace period, and
	/// the third-party deposits still to be claimed. Removed by
	/// `forget_lease` once both are over.
	#[pallet::storage]
	pub type ClosedLeases<T: Config> = StorageMap<_, Twox64Concat, LeaseId, ClosedLeaseOf<T>>;

	/// Active leases by tenant.
	#[pallet::storage]
	pub type LeasesByTenant<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, LeaseId, ()>;

	/// Active leases by provider.
	#[pallet::storage]
	pub type LeasesByProvider<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, LeaseId, ()>;

	/// How many active leases each account has as tenant (absent when none).
	#[pallet::storage]
	pub type TenantLeaseCount<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// How many active leases each account has as provider (absent when none).
	#[pallet::storage]
	pub type ProviderLeaseCount<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// The run-dry queue: the leases the hook visits at each block. A slot is
	/// removed once empty.
	#[pallet::storage]
	pub type RunDry<T: Config> = StorageMap<
		_,
		Twox64Concat,
		BlockNumberFor<T>,
		BoundedVec<LeaseId, T::MaxRunDryPerBlock>,
		ValueQuery,
	>;

	/// The first run-dry slot the hook has not emptied yet; unset until the
	/// first lease is queued.
	#[pallet::storage]
	pub type NextUnprocessedBlock<T: Config> = StorageValue<_, BlockNumberFor<T>, OptionQuery>;

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
			/// What the lease is paid in; every amount of it is in this.
			asset: T::AssetKind,
			/// The price of one block.
			price_per_block: BalanceOf<T>,
			/// The tenant's opening escrow, the start of its part.
			escrow: BalanceOf<T>,
			/// The hash of the workload manifest the lease runs.
			manifest: ManifestHash,
			/// The lease is pending: unless the provider confirms it ready
			/// before this block, it closes `NotReady`.
			ready_by: BlockNumberFor<T>,
		},
		/// The provider confirmed a pending lease ready: billing starts in
		/// this block.
		LeaseReady {
			/// The lease now active.
			lease_id: LeaseId,
			/// The provider, who confirmed.
			provider: T::AccountId,
			/// The first block the lease pays for (this block).
			billing_from: BlockNumberFor<T>,
			/// The first block the lease cannot pay.
			run_dry_at: BlockNumberFor<T>,
		},
		/// The tenant replaced the manifest of a lease.
		ManifestUpdated {
			/// The lease.
			lease_id: LeaseId,
			/// The manifest hash it had.
			old: ManifestHash,
			/// The manifest hash it has now.
			new: ManifestHash,
			/// For a pending lease, the new end of its ready window, which
			/// restarts so that the provider has the whole window for the
			/// new manifest; `None` for an active lease.
			ready_by: Option<BlockNumberFor<T>>,
		},
		/// Someone topped up a lease.
		Deposited {
			/// The lease topped up.
			lease_id: LeaseId,
			/// The third-party deposit's index, to claim its refund with once
			/// the lease closes; `None` for the tenant's own top-up, which
			/// joins its part and comes back when the lease closes.
			index: Option<u32>,
			/// Who paid.
			depositor: T::AccountId,
			/// How much was added to the escrow.
			amount: BalanceOf<T>,
			/// The lease's new run-dry block.
			run_dry_at: BlockNumberFor<T>,
		},
		/// A lease was settled by [`Pallet::settle`], or before a deposit or a
		/// withdrawal. Nothing was paid: the amounts are now owed, paid out by
		/// [`Pallet::withdraw`] or when the lease closes.
		LeaseSettled {
			/// The lease settled.
			lease_id: LeaseId,
			/// Added to what the lease owes the provider.
			accrued_to_provider: BalanceOf<T>,
			/// Added to what the lease owes the treasury.
			accrued_to_treasury: BalanceOf<T>,
			/// The lease is now paid for every block before this one.
			settled_up_to: BlockNumberFor<T>,
		},
		/// The provider collected what a lease owed: it was settled, and
		/// everything owed was paid out of the tenant's hold.
		Withdrawn {
			/// The lease paid out.
			lease_id: LeaseId,
			/// The provider, who collected.
			provider: T::AccountId,
			/// Paid to the provider's free balance: everything accrued to it
			/// and not withdrawn before, this call's settlement included.
			paid_to_provider: BalanceOf<T>,
			/// Paid to the treasury, likewise.
			paid_to_treasury: BalanceOf<T>,
			/// The lease is now paid for every block before this one.
			settled_up_to: BlockNumberFor<T>,
		},
		/// A lease ended. Its record is gone; what its depositors may still
		/// claim is in [`ClosedLeases`] and [`Deposits`].
		LeaseClosed {
			/// The lease that ended.
			lease_id: LeaseId,
			/// Why it ended.
			reason: CloseReason,
			/// Paid to the provider at close: what earlier settlements accrued
			/// and was not withdrawn, and the final settlement.
			paid_to_provider: BalanceOf<T>,
			/// Paid to the treasury at close, likewise.
			paid_to_treasury: BalanceOf<T>,
			/// Owed to the provider and not paid, because its account could
			/// not take it: kept on the closed lease's record until the
			/// provider collects it with [`Pallet::withdraw`].
			owed_to_provider: BalanceOf<T>,
			/// What was left of the tenant's part, returned to it.
			refunded: BalanceOf<T>,
			/// What was left of the tenant's part and is kept as the closed
			/// record's deposit, returned by [`Pallet::forget_lease`].
			record_deposit: BalanceOf<T>,
			/// What was left of the third-party deposits, waiting for
			/// [`Pallet::claim_refund`].
			claimable: BalanceOf<T>,
		},
		/// A third-party deposit of a closed lease was paid back to its
		/// depositor.
		RefundClaimed {
			/// The closed lease.
			lease_id: LeaseId,
			/// The deposit's index.
			index: u32,
			/// Who deposited it, and was paid.
			depositor: T::AccountId,
			/// What was paid back (zero for a deposit that was spent).
			amount: BalanceOf<T>,
		},
		/// A closed lease's record was removed and its deposit returned to the
		/// tenant.
		LeaseForgotten {
			/// The closed lease.
			lease_id: LeaseId,
			/// Its tenant, who was paid the deposit.
			tenant: T::AccountId,
			/// The record's deposit.
			deposit: BalanceOf<T>,
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
		/// An active lease will run dry in `RunningLowNotice` blocks or fewer:
		/// a top-up keeps it open. Announced once per run-dry block.
		LeaseRunningLow {
			/// The lease.
			lease_id: LeaseId,
			/// The first block it cannot pay, unless topped up.
			run_dry_at: BlockNumberFor<T>,
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
		/// No active lease has this id (or, for a claim or `forget_lease`, no
		/// closed lease).
		UnknownLease,
		/// The closed lease has no unclaimed third-party deposit with this
		/// index.
		UnknownDeposit,
		/// The lease is still active: its deposits cannot be claimed yet.
		LeaseStillActive,
		/// The closed lease may still be reported: its record stays until
		/// the report grace period is over.
		GracePeriodNotOver,
		/// Third-party deposits of the closed lease are still to be claimed.
		RefundsUnclaimed,
		/// The closed lease still owes its provider a payout its account
		/// could not take at close; the provider collects it with
		/// `withdraw`.
		PayoutUnclaimed,
		/// The closed lease owes its provider nothing.
		NothingOwed,
		/// Governance has set no rate for the lease's asset, so its deposits
		/// cannot be set.
		NoRate,
		/// Only the lease's tenant or provider may do this.
		NotLeaseParty,
		/// Only the lease's provider may do this.
		NotProvider,
		/// Only the lease's tenant may do this.
		NotTenant,
		/// The lease was confirmed ready already.
		AlreadyReady,
		/// The lease's ready window is over: it can only be closed
		/// (`NotReady`).
		ReadyWindowOver,
		/// A manifest hash must not be zero.
		NoManifest,
		/// The lease runs this manifest already.
		ManifestUnchanged,
		/// A lease's price per block must be above zero.
		ZeroPrice,
		/// The escrow does not pay a single block.
		EscrowTooSmall,
		/// The tenant holds less budget for orders than the lease is opened
		/// with.
		BudgetNotHeld,
		/// A top-up must be at least `MinDeposit`.
		DepositTooSmall,
		/// Even with this top-up the lease cannot pay the next block.
		WouldRunDry,
		/// The tenant already has `MaxLeasesPerAccount` active leases.
		TooManyTenantLeases,
		/// The provider already has `MaxLeasesPerAccount` active leases.
		TooManyProviderLeases,
		/// No run-dry slot at or shortly before the new lease's run-dry block
		/// has room.
		RunDryQueueFull,
		/// A figure overflowed.
		Overflow,
		/// The escrow records disagree with each other (a bug).
		EscrowMismatch,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(now: BlockNumberFor<T>) -> Weight {
			Self::close_due(now)
		}

		fn integrity_test() {
			assert!(T::MaxLeasesPerAccount::get() >= 1, "MaxLeasesPerAccount must be at least 1");
			assert!(T::MaxRunDryPerBlock::get() >= 1, "MaxRunDryPerBlock must be at least 1");
			assert!(T::MaxPageSize::get() >= 1, "MaxPageSize must be at least 1");
			assert!(
				!T::MinDeposit::get().is_zero(),
				"MinDeposit must be above zero, or deposit records cost nothing"
			);
			assert!(
				Self::runs_dry_admitted_per_block() >= 1,
				"HookWeight cannot close a single lease per block"
			);
			let max_block = <T as frame_system::Config>::BlockWeights::get().max_block;
			assert!(
				T::HookWeight::get().all_lte(max_block / 10),
				"the run-dry hook may take more than a tenth of a block"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Tops up an active lease with `amount` of its asset from the
		/// caller's free balance, held as escrow on the tenant's account. Anyone may do it.
		/// The tenant's top-up joins its part, spent first and refunded at
		/// close; anyone else's is a deposit record, spent after the tenant's
		/// money and claimed back once the lease closes. The lease is settled
		/// first; its run-dry block moves later, and the hook moves it in the
		/// queue.
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

		/// The provider collects what the lease owes so far: it is settled,
		/// then everything owed is paid out of the tenant's hold, the take
		/// rate to the treasury. For a closed lease, the provider collects
		/// the payout its account could not take at close.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::withdraw())]
		pub fn withdraw(origin: OriginFor<T>, lease_id: LeaseId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_withdraw(&who, lease_id)
		}

		/// Settles a lease; anyone may do it. Settling only moves the ledger:
		/// what the lease owes since it was last settled is added to what it
		/// owes the provider and the treasury, paid out by `withdraw` or at
		/// close. A lease whose escrow cannot pay the next block is closed at
		/// once (`InsufficientFunds`); only then is the closing weight charged.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::settle().max(T::WeightInfo::close_lease()))]
		pub fn settle(origin: OriginFor<T>, lease_id: LeaseId) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			match Self::do_settle(lease_id)? {
				SettleOutcome::Settled => Ok(Some(T::WeightInfo::settle()).into()),
				SettleOutcome::Closed => Ok(().into()),
			}
		}

		/// The tenant or the provider ends a lease: it is settled and what it
		/// owes paid out, the provider's capacity released, what is left of
		/// the tenant's part refunded, and third-party deposits left to be
		/// claimed. A tenant closing while its provider is unreachable closes
		/// it `ProviderUnreachable`, at the provider's cost. Anyone may close
		/// a lease whose ready window is over unconfirmed (`NotReady`: nothing
		/// was billed) or that ran dry (`InsufficientFunds`).
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::close_lease())]
		pub fn close_lease(origin: OriginFor<T>, lease_id: LeaseId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_close_lease(&who, lease_id)
		}

		/// Pays third-party deposit `index` of the closed lease `lease_id` back
		/// to its depositor: what was left of it when the lease closed
		/// (possibly nothing). Anyone may call it; the fee is waived when it
		/// succeeds.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::claim_refund())]
		pub fn claim_refund(
			origin: OriginFor<T>,
			lease_id: LeaseId,
			index: u32,
		) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			Self::do_claim_refund(lease_id, index)?;
			Ok(Pays::No.into())
		}

		/// Removes the record of the closed lease `lease_id` once its report
		/// grace period is over, every third-party deposit is claimed and
		/// its provider was paid everything,
		/// returning the record's deposit to the tenant. Anyone may call it;
		/// the fee is waived when it succeeds.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::forget_lease())]
		pub fn forget_lease(origin: OriginFor<T>, lease_id: LeaseId) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			Self::do_forget_lease(lease_id)?;
			Ok(Pays::No.into())
		}

		/// The provider confirms a pending lease ready: its workload is up.
		/// Billing starts in this block, and the minimum term with it. Only
		/// before the lease's ready window is over.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::confirm_ready())]
		pub fn confirm_ready(origin: OriginFor<T>, lease_id: LeaseId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_confirm_ready(&who, lease_id)
		}

		/// The tenant replaces the manifest of its lease with the one hashed
		/// `manifest` (sent to the provider off-chain). A pending lease's
		/// ready window starts again, so that the provider has all of it for
		/// the new manifest.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::update_manifest())]
		pub fn update_manifest(
			origin: OriginFor<T>,
			lease_id: LeaseId,
			manifest: ManifestHash,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_update_manifest(&who, lease_id, manifest)
		}
	}
}
