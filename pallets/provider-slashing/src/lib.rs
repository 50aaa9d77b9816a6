//! # Provider slashing
//!
//! What stands behind a provider's promise. A provider bonds stake; bidding
//! needs at least [`Config::MinProviderBond`]. Each lease, when it opens,
//! commits a slice of that bond sized by what the lease is worth, and a
//! provider takes only the leases its free bond can back. A provider that
//! fails a tenant loses part of the slice of the lease it failed, never
//! more: part of the slash compensates the tenant (never more than the
//! lease cost it), the rest goes to the treasury. Repeated faults jail the
//! provider in the registry.
//!
//! ## Terms
//!
//! - **Bond**: stake held from the provider under [`HoldReason::Bond`]. The
//!   record ([`Bond`]) keeps the `bonded` amount, the unbonding chunks, the
//!   fault count and the block of the jail, if any.
//! - **Unbonding chunk**: stake on its way out. It is released by
//!   `withdraw_unbonded` after [`Config::UnbondingPeriod`] blocks and can be
//!   slashed until then.
//! - **Slashable**: bonded plus unbonding, which is exactly what is held.
//! - **Slice**: the part of the bond a lease commits when it opens
//!   ([`ProviderStake::commit`](stratus_primitives::ProviderStake::commit)):
//!   [`Config::LeaseStakeRatio`] of what its minimum term is worth at its
//!   price, in the chain's own token at the rate of its opening (rounded
//!   down), never less than [`Config::MinLeaseStake`]. The lease's records
//!   keep what is left of it. The bond record's `committed` is the sum of
//!   the slices of the provider's running leases.
//! - **Free bond**: bonded less committed. Only the free bond backs a new
//!   lease (bid matching's serving predicate asks
//!   [`ProviderStake::ensure_can_back`](stratus_primitives::ProviderStake::ensure_can_back))
//!   or may be unbonded ([`Error::StakeCommitted`]).
//! - **Report**: a tenant's claim that the provider of one of its leases
//!   failed it ([`FaultKind`]), with an evidence hash and a deposit
//!   ([`Config::ReportDeposit`]).
//! - **Dispute window**: [`Config::DisputeWindow`] blocks (at least one,
//!   whatever governance sets) during which the provider may dispute a
//!   report with its own evidence. A report not disputed by then is upheld
//!   automatically.
//! - **Adjudicator**: [`Config::AdjudicatorOrigin`] (Council or root in the
//!   runtime) decides disputed reports and may unjail.
//! - **Adjudication period**: [`Config::AdjudicationPeriod`] blocks from a
//!   dispute in which the adjudicator decides. A disputed report still
//!   undecided then is dismissed: no slash, the deposit back to the tenant.
//!   So no report waits for anyone forever.
//! - **Deadline**: every report has one, the block at which the hook acts on
//!   it: the end of its dispute window while open, the end of its
//!   adjudication period once disputed.
//! - **Grace period**: a tenant may report a lease while it runs and for the
//!   lease manager's report grace period after it closed
//!   ([`LeaseManager::reportable_parties`]); closing a lease escapes no
//!   report.
//!
//! ## Life cycles
//!
//! Bond: `bond` → (`unbond` → chunk → `withdraw_unbonded`). The record goes
//! away when nothing is held and the provider is not jailed. A first bond
//! must reach [`Config::MinProviderBond`] at once (the bond is the deposit
//! that pays for the record); later top-ups may be any non-zero amount. A
//! provider with running leases (as the lease manager counts them) cannot
//! unbond below the minimum, nor unbond what its leases commit; nobody can
//! withdraw while a report against them is open, so a provider cannot run
//! away from a pending report.
//!
//! Report: `report_fault` → `Open` → (`dispute` → `Disputed` →
//! `resolve_report` upholds, rejects or dismisses | adjudication period
//! ends → dismissed) | (window ends or `resolve_report` → upheld). Resolved
//! reports are removed; the events are their history. There is no limit on
//! the open reports against a provider: each needs its own lease and
//! deposit, so nobody can use up the room others have to report.
//!
//! - Upheld: the provider is slashed the fraction of the lease's slice set
//!   for the kind ([`Config::NotDeliveredSlash`], [`Config::UnavailableSlash`],
//!   [`Config::BelowSpecSlash`]), the tenant's deposit is returned, and for
//!   `NotDelivered` and `Unavailable` the lease is closed with
//!   `CloseReason::ProviderSlashed`. A `BelowSpec` lease goes on: the
//!   machine still serves, and the tenant may close it itself.
//! - Rejected: the tenant's deposit goes to the provider.
//! - Dismissed: nothing is slashed and the tenant's deposit comes back.
//!
//! A provider that closes a lease before its minimum term, never confirms a
//! lease ready within its ready window (the lease closes `NotReady`), or is
//! unreachable when a tenant closes (`ProviderUnreachable`: no heartbeat
//! within the interval), is slashed [`Config::EarlyCloseSlash`] of the
//! lease's slice at once:
//! lease escrow reports every closed lease to this pallet's
//! [`OnLeaseClosed`](stratus_primitives::OnLeaseClosed) handler. These faults
//! are seen by the chain, so they need no report.
//!
//! A provider inside a maintenance window it announced (through the registry,
//! [`Config::Liveness`]) is not reported `Unavailable`: such a report is
//! refused with [`Error::ProviderInMaintenance`].
//!
//! Jail: every slash counts a fault. At [`Config::MaxFaultsBeforeJail`]
//! faults the provider is jailed (no new bids; running leases go on). The
//! jail is kept here, in the bond record, which stays while the jail lasts:
//! the registry reads it through [`stratus_primitives::ProviderStanding`],
//! so deregistering and registering again sheds nothing. `unjail` lets the
//! provider out itself after
//! [`Config::JailPeriod`] blocks if its bond is back at the minimum;
//! `unjail_provider` lets the adjudicator do it at any time. Both reset the
//! fault count.
//!
//! ## Track record
//!
//! Every closed lease and every decided report also goes into the
//! provider's [`TrackRecord`] ([`TrackRecords`]), from which a score is
//! derived: see [`track_record`] for what is kept and the formula. An order
//! may require a least score and number of completed leases; bid matching
//! asks through [`ProviderStake::ensure_track_record`](stratus_primitives::ProviderStake::ensure_track_record),
//! which fails with [`Error::ScoreTooLow`] or [`Error::TooFewCompletedLeases`].
//!
//! ## Slashing
//!
//! A slash for a lease takes `fraction × what is left of the lease's slice`
//! (rounded down, and never more than is held), from `bonded` first and
//! then from the newest chunk back; while the lease runs, it comes off the
//! committed stake too. So all the slashes of one lease together never take
//! more than its slice, and a one-off outage costs a provider in proportion
//! to the leases it broke. The credit is split: [`Config::CompensationShare`]
//! (rounded down) to the tenant, but never more than what the tenant paid
//! for the lease (in the chain's own token at today's rate, rounded down)
//! less what earlier slashes of the lease paid it; the rest goes to
//! [`Config::Treasury`]. So nobody gains from a provider's failure: not a
//! tenant with many tiny leases, nor a thief holding the provider's agent
//! key with a tenant account of its own. If the tenant's account cannot
//! take its part (it is dead and the part is below the existential
//! deposit), that part goes to the treasury too; if even the treasury
//! cannot take it, it is burned (logged).
//!
//! A fault that ends the lease (an upheld `NotDelivered` or `Unavailable`
//! report) closes it first, so that its payments are settled to the block
//! of the slash. A report keeps a copy of the lease's stake, kept current
//! by every slash, for a lease whose record is gone before the report is
//! decided.
//!
//! ## Calls
//!
//! - `bond(amount)`, `unbond(amount)`, `withdraw_unbonded()`: by the provider.
//! - `report_fault(lease_id, kind, evidence)`: by the lease's tenant.
//! - `dispute(report_id, evidence)`: by the reported provider, in the window.
//! - `resolve_report(report_id, verdict)`: by the adjudicator, before the
//!   report's deadline.
//! - `unjail()`: by a jailed provider; `unjail_provider(who)`: by the
//!   adjudicator.
//!
//! ## Hook
//!
//! `on_initialize` works through the deadline slots from
//! [`NextUnprocessedBlock`] up to and including the current block with the
//! shared [`stratus_primitives::queue`], upholding the open reports in them
//! and dismissing the disputed ones. It is
//! metered by weight: it spends at most [`Config::HookWeight`] and leaves the
//! rest at its cursor for the next block. A slot admits
//! [`Pallet::resolutions_admitted_per_block`] reports (what the hook upholds
//! in one block); a report whose window slot is full goes to the nearest
//! later slot with room, at most [`hooks::REPORT_SEARCH_DEPTH`] blocks later,
//! which gives the provider (or the adjudicator) that much longer. When
//! every slot in that reach is full to its admission, the same search takes
//! a place up to each slot's storage bound (`MaxReportsPerBlock`), and the
//! hook carries the surplus forward: neither a report nor a dispute is
//! refused until `(REPORT_SEARCH_DEPTH + 1) × MaxReportsPerBlock` reports,
//! each with its deposit and its own lease, fill that reach.
//!
//! ## Reading
//!
//! [`Pallet::stake_of`] gives a provider's bond, chunks, fault count and
//! jail; [`Pallet::open_reports_of`] a page of its open reports.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

mod bid_forfeit_impl;
mod dispatchables;
pub mod hooks;
#[cfg(any(feature = "try-runtime", feature = "std", test))]
mod invariants;
mod on_lease_closed_impl;
mod provider_stake_impl;
mod provider_standing_impl;
mod slash;
pub mod track_record;
pub mod types;
mod views;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

use frame_support::traits::Get;
use polkadot_sdk::{frame_support, frame_system, sp_runtime};
use stratus_primitives::{LeaseManager, ProviderStake};

/// The target of this pallet's log lines.
pub const LOG_TARGET: &str = "runtime::provider-slashing";

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{self, MutateHold},
			fungibles,
			tokens::{ConversionFromAssetBalance, ConversionToAssetBalance},
		},
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::{traits::Zero, Perbill};
	use stratus_primitives::{LeaseId, ReportId};

	/// The in-code storage version: 2 since every report has a deadline (a
	/// disputed one too) and the open reports of a provider are counted, not
	/// listed in a bounded vector. No migration: no chain runs an earlier
	/// layout.
	///
	/// 3 since a report names the asset its deposit is held in.
	///
	/// 4 since stake is committed per lease: a bond record keeps what its
	/// leases commit, and a report the stake behind its lease when filed.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(4);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: polkadot_sdk::frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The native currency: bonds are held in it, slashes are taken from
		/// it.
		type Currency: fungible::Inspect<Self::AccountId>
			+ fungible::Mutate<Self::AccountId>
			+ fungible::Balanced<Self::AccountId>
			+ fungible::InspectHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ fungible::BalancedHold<Self::AccountId>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// What a lease may be paid in: the chain's own token or a foreign
		/// asset. A report's deposit is held in its lease's asset.
		type AssetKind: Parameter + MaxEncodedLen + Ord;

		/// The money report deposits are held in, in every asset kind.
		type Funds: fungibles::Inspect<
				Self::AccountId,
				AssetId = Self::AssetKind,
				Balance = BalanceOf<Self>,
			> + fungibles::InspectHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ fungibles::MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// Governance's rates between the chain's own token and a lease's
		/// asset: [`Config::ReportDeposit`] into the asset, and a lease's
		/// worth and what its tenant paid from it (rounded down both ways).
		type Rates: ConversionToAssetBalance<BalanceOf<Self>, Self::AssetKind, BalanceOf<Self>>
			+ ConversionFromAssetBalance<BalanceOf<Self>, Self::AssetKind, BalanceOf<Self>>;

		/// The leases: who the parties are (while a lease runs and for a grace
		/// period after) and what they pay in, how many a provider serves,
		/// and closing one for a fault.
		type Leases: LeaseManager<
			Self::AccountId,
			BalanceOf<Self>,
			BlockNumberFor<Self>,
			AssetKind = Self::AssetKind,
		>;

		/// The registry's liveness: no `Unavailable` report is taken against
		/// a provider inside a maintenance window it announced.
		type Liveness: stratus_primitives::ProviderLiveness<Self::AccountId>;

		/// Decides disputed reports and may unjail at any time.
		type AdjudicatorOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Receives what a slash does not give the tenant.
		type Treasury: Get<Self::AccountId>;

		/// The bond a provider needs to bid (a governance parameter).
		type MinProviderBond: Get<BalanceOf<Self>>;

		/// Blocks between `unbond` and the chunk's release.
		#[pallet::constant]
		type UnbondingPeriod: Get<BlockNumberFor<Self>>;

		/// Most unbonding chunks a provider may have at once.
		#[pallet::constant]
		type MaxUnbondingChunks: Get<u32>;

		/// The slice of its provider's bond a lease commits, as a share of
		/// what the lease is worth over its minimum term (its price times
		/// the term, in the chain's own token at the rate of its opening).
		type LeaseStakeRatio: Get<Perbill>;

		/// The least slice a lease commits, however little it is worth.
		type MinLeaseStake: Get<BalanceOf<Self>>;

		/// Fraction of the lease's slice taken when a provider closes a
		/// lease before its minimum term, does not confirm one ready in
		/// time, or is unreachable when its tenant closes.
		type EarlyCloseSlash: Get<Perbill>;

		/// Fraction of the lease's slice taken for an upheld `NotDelivered`
		/// report.
		type NotDeliveredSlash: Get<Perbill>;

		/// Fraction of the lease's slice taken for an upheld `Unavailable`
		/// report.
		type UnavailableSlash: Get<Perbill>;

		/// Fraction of the lease's slice taken for an upheld `BelowSpec`
		/// report.
		type BelowSpecSlash: Get<Perbill>;

		/// Share of a slash that goes to the tenant, never more than the
		/// lease cost it (less what earlier slashes of the lease paid it);
		/// the rest goes to the treasury.
		type CompensationShare: Get<Perbill>;

		/// Blocks during which the provider may dispute a report (a governance
		/// parameter; zero counts as one).
		type DisputeWindow: Get<BlockNumberFor<Self>>;

		/// Blocks the adjudicator has to decide a disputed report before it is
		/// dismissed (a governance parameter; zero counts as one).
		type AdjudicationPeriod: Get<BlockNumberFor<Self>>;

		/// Held from a tenant for each report it files, in the lease's asset:
		/// set in the chain's own token, its worth at the rate of the
		/// report's filing in another asset, never less than one unit.
		type ReportDeposit: Get<BalanceOf<Self>>;

		/// Faults (slashes) that jail a provider.
		#[pallet::constant]
		type MaxFaultsBeforeJail: Get<u32>;

		/// Blocks a jailed provider waits before it may unjail itself.
		#[pallet::constant]
		type JailPeriod: Get<BlockNumberFor<Self>>;

		/// Blocks over which the evidence in a track record loses half its
		/// weight.
		#[pallet::constant]
		type ReputationHalfLife: Get<BlockNumberFor<Self>>;

		/// One unit of evidence in a track record: the prior each way, and
		/// the least a fault found by a report weighs.
		#[pallet::constant]
		type ReputationUnit: Get<BalanceOf<Self>>;

		/// The storage bound of one window slot. A slot admits fewer when the
		/// hook cannot uphold this many in one block
		/// ([`Pallet::resolutions_admitted_per_block`]).
		#[pallet::constant]
		type MaxReportsPerBlock: Get<u32>;

		/// The most the window-end hook spends in one block; what it cannot
		/// reach waits for the next block.
		#[pallet::constant]
		type HookWeight: Get<Weight>;

		/// Weights of the calls and the hook.
		type WeightInfo: WeightInfo;

		/// Sets up other pallets' state for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// A provider's bond, unbonding chunks included.
		#[codec(index = 0)]
		Bond,
		/// A tenant's deposit for an open fault report.
		#[codec(index = 1)]
		ReportDeposit,
	}

	/// Each provider's stake record.
	#[pallet::storage]
	pub type Bonds<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, BondOf<T>>;

	/// Each provider's track record, kept as its leases close and its reports
	/// are decided. It outlives the registration and the bond.
	#[pallet::storage]
	pub type TrackRecords<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, TrackRecordOf<T>>;

	/// Open and disputed reports.
	#[pallet::storage]
	pub type Reports<T: Config> = StorageMap<_, Twox64Concat, ReportId, ReportOf<T>>;

	/// The id the next report gets.
	#[pallet::storage]
	pub type NextReportId<T: Config> = StorageValue<_, ReportId, ValueQuery>;

	/// The open report of a lease, if any (one at a time).
	#[pallet::storage]
	pub type OpenReportOfLease<T: Config> = StorageMap<_, Twox64Concat, LeaseId, ReportId>;

	/// How many reports against each provider are open or disputed.
	#[pallet::storage]
	pub type OpenReportCount<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// The open and disputed reports against each provider, to list them.
	#[pallet::storage]
	pub type ReportsByProvider<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, ReportId, ()>;

	/// Reports by their deadline: the block their dispute window ends (open
	/// reports) or their adjudication period ends (disputed ones).
	#[pallet::storage]
	pub type ReportWindows<T: Config> = StorageMap<
		_,
		Twox64Concat,
		BlockNumberFor<T>,
		BoundedVec<ReportId, T::MaxReportsPerBlock>,
		ValueQuery,
	>;

	/// The first deadline slot the hook has not emptied yet; unset until the
	/// first report is queued.
	#[pallet::storage]
	pub type NextUnprocessedBlock<T: Config> = StorageValue<_, BlockNumberFor<T>, OptionQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A provider added stake.
		Bonded {
			/// The provider.
			provider: T::AccountId,
			/// What it added.
			amount: BalanceOf<T>,
			/// Its bonded stake now.
			bonded: BalanceOf<T>,
		},
		/// A provider started unbonding stake.
		Unbonded {
			/// The provider.
			provider: T::AccountId,
			/// What leaves the bond.
			amount: BalanceOf<T>,
			/// When it can be withdrawn.
			unlocks_at: BlockNumberFor<T>,
		},
		/// A provider withdrew unlocked chunks.
		Withdrawn {
			/// The provider.
			provider: T::AccountId,
			/// What was released to its free balance.
			amount: BalanceOf<T>,
		},
		/// A provider was slashed.
		Slashed {
			/// The provider.
			provider: T::AccountId,
			/// What was taken from its stake: for a lease's fault, from the
			/// slice committed to that lease.
			amount: BalanceOf<T>,
			/// What the tenant received.
			to_tenant: BalanceOf<T>,
			/// What the treasury received.
			to_treasury: BalanceOf<T>,
			/// Why.
			reason: SlashReason,
		},
		/// A provider reached the fault limit and was jailed.
		Jailed {
			/// The provider.
			provider: T::AccountId,
			/// Its fault count.
			faults: u32,
		},
		/// A provider was let out of jail; its fault count is reset.
		Unjailed {
			/// The provider.
			provider: T::AccountId,
			/// Who did it.
			by: UnjailedBy,
		},
		/// A tenant reported a fault.
		FaultReported {
			/// The new report.
			report_id: ReportId,
			/// The lease.
			lease_id: LeaseId,
			/// The reporter.
			tenant: T::AccountId,
			/// The accused.
			provider: T::AccountId,
			/// What went wrong.
			kind: FaultKind,
			/// The tenant's evidence.
			evidence: Evidence,
			/// The provider may dispute until (excluding) this block.
			window_end: BlockNumberFor<T>,
		},
		/// The provider disputed a report; the adjudicator decides.
		ReportDisputed {
			/// The report.
			report_id: ReportId,
			/// The provider.
			provider: T::AccountId,
			/// Its evidence.
			evidence: Evidence,
			/// Undecided at this block, the report is dismissed.
			decide_by: BlockNumberFor<T>,
		},
		/// A report was upheld, rejected or dismissed, and removed.
		ReportResolved {
			/// The report.
			report_id: ReportId,
			/// Upheld, rejected or dismissed.
			verdict: Verdict,
			/// What was slashed (zero when rejected).
			slashed: BalanceOf<T>,
			/// Whether the lease was closed.
			lease_closed: bool,
			/// The adjudicator, or the hook at the report's deadline.
			by: ResolvedBy,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The amount is zero.
		ZeroAmount,
		/// The free balance cannot cover the hold.
		InsufficientBalance,
		/// Governance has set no rate for the lease's asset, so the report
		/// deposit cannot be set in it.
		NoRate,
		/// The account has no bond record.
		NotBonded,
		/// The bonded stake is below `MinProviderBond`.
		BondBelowMinimum,
		/// Unbonding more than is bonded.
		InsufficientBond,
		/// A provider with running leases cannot unbond below the minimum.
		WouldFallBelowMinimum,
		/// That much of the bond is committed to running leases: only the
		/// free bond may be unbonded.
		StakeCommitted,
		/// The free bond (bonded less what running leases commit) cannot
		/// back a lease worth this much.
		InsufficientFreeBond,
		/// The provider already has `MaxUnbondingChunks` chunks.
		TooManyUnbondingChunks,
		/// No chunk has unlocked yet.
		NothingToWithdraw,
		/// A report against the provider is open; its stake stays until it is
		/// resolved.
		OpenReportsPending,
		/// The lease does not exist, or it closed more than the report grace
		/// period ago.
		LeaseNotReportable,
		/// Only the lease's tenant may report it.
		NotLeaseTenant,
		/// The provider is inside a maintenance window it announced: it is not
		/// reported `Unavailable` then.
		ProviderInMaintenance,
		/// The provider has completed fewer leases than the order requires.
		TooFewCompletedLeases,
		/// The provider's track-record score is below what the order requires.
		ScoreTooLow,
		/// The lease already has an open report.
		ReportAlreadyOpen,
		/// The deadline slots of that block and the next `REPORT_SEARCH_DEPTH`
		/// are all full to their storage bound.
		ReportQueueFull,
		/// No open report has this id.
		UnknownReport,
		/// Only the reported provider may dispute.
		NotReportedProvider,
		/// The report is already disputed.
		AlreadyDisputed,
		/// The dispute window has closed.
		DisputeWindowClosed,
		/// The provider is not jailed.
		NotJailed,
		/// The jail period has not passed yet.
		StillJailed,
		/// Report ids are exhausted.
		ReportIdOverflow,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(now: BlockNumberFor<T>) -> Weight {
			Self::process_windows(now)
		}

		fn integrity_test() {
			assert!(T::MaxUnbondingChunks::get() > 0, "MaxUnbondingChunks must be positive");
			assert!(T::MaxReportsPerBlock::get() > 0, "MaxReportsPerBlock must be positive");
			assert!(
				Self::resolutions_admitted_per_block() >= 1,
				"HookWeight cannot uphold a single report per block"
			);
			let max_block = <T as frame_system::Config>::BlockWeights::get().max_block;
			assert!(
				T::HookWeight::get().all_lte(max_block / 10),
				"the window-end hook may take more than a tenth of a block"
			);
			assert!(T::MaxFaultsBeforeJail::get() > 0, "MaxFaultsBeforeJail must be positive");
			assert!(!T::DisputeWindow::get().is_zero(), "DisputeWindow must be positive");
			assert!(!T::UnbondingPeriod::get().is_zero(), "UnbondingPeriod must be positive");
			assert!(!T::MinProviderBond::get().is_zero(), "MinProviderBond must be positive");
			assert!(!T::ReportDeposit::get().is_zero(), "ReportDeposit must be positive");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Holds `amount` more as the caller's bond. A first bond must reach
		/// `MinProviderBond`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::bond())]
		pub fn bond(
			origin: OriginFor<T>,
			#[pallet::compact] amount: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_bond(&who, amount)
		}

		/// Moves `amount` of the caller's bond into a chunk that unlocks after
		/// `UnbondingPeriod` blocks. It stays slashable until withdrawn.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::unbond())]
		pub fn unbond(
			origin: OriginFor<T>,
			#[pallet::compact] amount: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_unbond(&who, amount)
		}

		/// Releases the caller's unlocked chunks to its free balance.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::withdraw_unbonded())]
		pub fn withdraw_unbonded(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_withdraw_unbonded(&who)
		}

		/// Reports a fault of the provider of `lease_id`; only its tenant
		/// may, while the lease runs or within the grace period after it
		/// closed, holding `ReportDeposit`.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::report_fault())]
		pub fn report_fault(
			origin: OriginFor<T>,
			lease_id: LeaseId,
			kind: FaultKind,
			evidence: Evidence,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_report_fault(&who, lease_id, kind, evidence).map(|_| ())
		}

		/// Disputes a report against the caller, within the window. The
		/// adjudicator then has `AdjudicationPeriod` blocks to decide.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::dispute())]
		pub fn dispute(
			origin: OriginFor<T>,
			report_id: ReportId,
			evidence: Evidence,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_dispute(&who, report_id, evidence)
		}

		/// Upholds, rejects or dismisses an open or disputed report.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::resolve_report())]
		pub fn resolve_report(
			origin: OriginFor<T>,
			report_id: ReportId,
			verdict: Verdict,
		) -> DispatchResult {
			T::AdjudicatorOrigin::ensure_origin(origin)?;
			Self::do_resolve_report(report_id, verdict)
		}

		/// Lets the caller out of jail once `JailPeriod` has passed and its
		/// bond is at least `MinProviderBond`.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::unjail())]
		pub fn unjail(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_unjail(&who, UnjailedBy::Provider)
		}

		/// Lets `provider` out of jail at once.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::unjail_provider())]
		pub fn unjail_provider(origin: OriginFor<T>, provider: T::AccountId) -> DispatchResult {
			T::AdjudicatorOrigin::ensure_origin(origin)?;
			Self::do_unjail(&provider, UnjailedBy::Adjudicator)
		}
	}
}
