//! The records this pallet stores, the enums its calls take, and the aliases
//! that fix their generic parameters for a runtime.

use crate::Config;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use polkadot_sdk::{
	frame_support::{
		pallet_prelude::*, traits::fungible::Inspect, CloneNoBound, DebugNoBound, EqNoBound,
		PartialEqNoBound,
	},
	frame_system::{self, pallet_prelude::BlockNumberFor},
	sp_core::H256,
	sp_runtime::traits::{Saturating, Zero},
};
use scale_info::TypeInfo;
use stratus_primitives::{CloseReason, LeaseId, LeaseStake, OrderId, ReportId};

/// The balance type of the pallet's currency.
pub type BalanceOf<T> =
	<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// A hash of off-chain evidence (logs, probes, benchmark output) that a
/// tenant or a provider points to.
pub type Evidence = H256;

/// Stake on its way out: still held and slashable until withdrawn.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct UnbondChunk<Balance, BlockNumber> {
	/// How much is unbonding in this chunk.
	pub amount: Balance,
	/// The first block at which `withdraw_unbonded` may release it.
	pub unlocks_at: BlockNumber,
}

/// The unbonding chunk of a runtime.
pub type UnbondChunkOf<T> = UnbondChunk<BalanceOf<T>, BlockNumberFor<T>>;

/// A provider's stake record. Everything in it (`bonded` and every chunk) is
/// held under [`crate::HoldReason::Bond`].
#[derive(
	Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound,
)]
#[scale_info(skip_type_params(MaxChunks))]
#[codec(mel_bound(Balance: MaxEncodedLen, BlockNumber: MaxEncodedLen))]
pub struct Bond<
	Balance: Clone + PartialEq + Eq + core::fmt::Debug,
	BlockNumber: Clone + PartialEq + Eq + core::fmt::Debug,
	MaxChunks: Get<u32>,
> {
	/// Stake backing the provider's bids and leases.
	pub bonded: Balance,
	/// The part of `bonded` committed to the provider's running leases:
	/// the sum of their slices. Only the rest, the free bond, backs new
	/// leases or may be unbonded.
	pub committed: Balance,
	/// Stake leaving, oldest first.
	pub unbonding: BoundedVec<UnbondChunk<Balance, BlockNumber>, MaxChunks>,
	/// Faults counted since the last unjail.
	pub faults: u32,
	/// The block at which the provider was jailed, if it is.
	pub jailed_at: Option<BlockNumber>,
}

/// The bond record of a runtime.
pub type BondOf<T> = Bond<BalanceOf<T>, BlockNumberFor<T>, <T as Config>::MaxUnbondingChunks>;

impl<Balance, BlockNumber, MaxChunks> Bond<Balance, BlockNumber, MaxChunks>
where
	Balance: Clone + PartialEq + Eq + core::fmt::Debug + Copy + Saturating + Zero,
	BlockNumber: Clone + PartialEq + Eq + core::fmt::Debug,
	MaxChunks: Get<u32>,
{
	/// A fresh record with `bonded` at stake and no history.
	pub fn new(bonded: Balance) -> Self {
		Self {
			bonded,
			committed: Balance::zero(),
			unbonding: BoundedVec::new(),
			faults: 0,
			jailed_at: None,
		}
	}

	/// The bond not committed to running leases: what backs new leases and
	/// may be unbonded.
	pub fn free(&self) -> Balance
	where
		Balance: PartialOrd,
	{
		self.bonded.saturating_sub(self.committed)
	}

	/// The sum of the unbonding chunks.
	pub fn unbonding_total(&self) -> Balance {
		self.unbonding.iter().fold(Balance::zero(), |acc, chunk| acc.saturating_add(chunk.amount))
	}

	/// What can be slashed: bonded plus unbonding. Equal to what is held.
	pub fn total(&self) -> Balance {
		self.bonded.saturating_add(self.unbonding_total())
	}

	/// Takes up to `amount` off the record, from `bonded` first and then from
	/// the newest chunk back, dropping chunks that reach zero. Returns what
	/// could not be taken (zero unless `amount` exceeds [`Self::total`]).
	pub fn deduct(&mut self, amount: Balance) -> Balance
	where
		Balance: PartialOrd,
	{
		let mut left = amount;
		let from_bonded = if self.bonded < left { self.bonded } else { left };
		self.bonded = self.bonded.saturating_sub(from_bonded);
		left = left.saturating_sub(from_bonded);
		while !left.is_zero() {
			let Some(last) = self.unbonding.last_mut() else { break };
			if last.amount <= left {
				left = left.saturating_sub(last.amount);
				self.unbonding.pop();
			} else {
				last.amount = last.amount.saturating_sub(left);
				left = Balance::zero();
			}
		}
		left
	}

	/// Whether nothing is held or committed any more and no jail has to be
	/// remembered, so the record can go.
	pub fn is_spent(&self) -> bool {
		self.bonded.is_zero()
			&& self.committed.is_zero()
			&& self.unbonding.is_empty()
			&& self.jailed_at.is_none()
	}
}

/// What a tenant says went wrong with a lease.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
)]
pub enum FaultKind {
	/// The provider never delivered the workload. Upheld, it ends the lease.
	NotDelivered,
	/// The workload became unreachable. Upheld, it ends the lease.
	Unavailable,
	/// The machine runs below the declared spec. Upheld, the lease goes on
	/// (the tenant may still close it).
	BelowSpec,
}

impl FaultKind {
	/// Whether an upheld report of this kind ends the lease.
	pub fn closes_lease(&self) -> bool {
		matches!(self, Self::NotDelivered | Self::Unavailable)
	}
}

/// Where a report stands. Resolved reports are removed: the events are their
/// history.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
pub enum ReportStatus {
	/// Waiting for the provider; upheld automatically at the deadline.
	Open,
	/// The provider answered; waiting for the adjudicator, dismissed at the
	/// deadline if it has not decided.
	Disputed {
		/// The provider's own evidence.
		provider_evidence: Evidence,
	},
}

/// A tenant's fault report against the provider of one of its leases.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct Report<AccountId, AssetKind, Balance, BlockNumber> {
	/// The lease the fault happened on.
	pub lease_id: LeaseId,
	/// Who reported, and who is compensated if upheld.
	pub tenant: AccountId,
	/// Who is accused.
	pub provider: AccountId,
	/// What went wrong.
	pub kind: FaultKind,
	/// The tenant's evidence.
	pub evidence: Evidence,
	/// The asset the deposit is held in: the lease's.
	pub asset: AssetKind,
	/// Held from the tenant under [`crate::HoldReason::ReportDeposit`].
	pub deposit: Balance,
	/// Open or disputed.
	pub status: ReportStatus,
	/// When the hook acts on the report. Open: the provider may dispute
	/// while the block number is below this, and at this block the report is
	/// upheld. Disputed: the adjudicator may decide while the block number
	/// is below this, and at this block the report is dismissed.
	pub deadline: BlockNumber,
	/// The stake behind the lease when the report was filed, and what its
	/// tenant had paid for it: what an upheld report slashes from and pays
	/// up to should the lease's record be gone by then.
	pub stake: LeaseStake<Balance>,
	/// What the tenant had paid for the lease when it reported, in its asset.
	pub tenant_paid: Balance,
}

/// The report record of a runtime.
pub type ReportOf<T> = Report<
	<T as frame_system::Config>::AccountId,
	<T as crate::Config>::AssetKind,
	BalanceOf<T>,
	BlockNumberFor<T>,
>;

/// The adjudicator's decision on a report.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
)]
pub enum Verdict {
	/// The fault is upheld: the provider is slashed.
	Uphold,
	/// The report is rejected: the tenant's deposit goes to the provider.
	Reject,
	/// Neither proven nor disproven: nothing is slashed and the tenant's
	/// deposit comes back. What a disputed report comes to when the
	/// adjudicator does not decide in time.
	Dismiss,
}

/// What resolved a report.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
)]
pub enum ResolvedBy {
	/// The adjudicator, with `resolve_report`.
	Adjudicator,
	/// The hook, at the report's deadline: an open report is upheld, a
	/// disputed one dismissed.
	Deadline,
}

/// Who let a provider out of jail.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
)]
pub enum UnjailedBy {
	/// The provider itself, after the jail period.
	Provider,
	/// The adjudicator, at any time.
	Adjudicator,
}

/// Why a provider was slashed.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
)]
pub enum SlashReason {
	/// It closed a lease before the lease's minimum term.
	EarlyClose {
		/// The lease it closed.
		lease_id: LeaseId,
	},
	/// It did not confirm a lease ready within the lease's ready window.
	NotReady {
		/// The lease, closed with a full refund.
		lease_id: LeaseId,
	},
	/// Its tenant closed a lease while it was unreachable (no heartbeat
	/// within the interval).
	Unreachable {
		/// The lease, closed `ProviderUnreachable`.
		lease_id: LeaseId,
	},
	/// Its bid counted (it was the best when the order's window ended, or
	/// someone evicted it) and it could not serve the order. No fault is
	/// counted for it, and all of it goes to the treasury.
	UnservableBid {
		/// The order bid on.
		order_id: OrderId,
	},
	/// A fault report against it was upheld.
	Report {
		/// The report.
		report_id: ReportId,
		/// The kind of fault.
		kind: FaultKind,
	},
}

/// A lease as a slash for it needs it: its parties, its asset, whether it
/// runs, the stake behind it and what its tenant paid.
pub type LeaseAtStake<T> = stratus_primitives::SlashableLease<
	<T as frame_system::Config>::AccountId,
	<T as crate::Config>::AssetKind,
	BalanceOf<T>,
>;

/// What a slash did, in amounts.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct SlashOutcome<Balance> {
	/// Taken from the provider's stake.
	pub amount: Balance,
	/// Paid to the tenant as compensation.
	pub to_tenant: Balance,
	/// Paid to the treasury.
	pub to_treasury: Balance,
}

/// The benchmarks need other pallets' state (a lease between a tenant and a
/// provider, a provider the registry can jail). The runtime implements this
/// with the real pallets, the mock with its stand-ins.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// Makes `who` a provider the registry knows (so it can be jailed).
	fn register_provider(who: &AccountId);
	/// Opens an active lease between `tenant` and `provider` and returns it.
	fn open_lease(tenant: &AccountId, provider: &AccountId) -> LeaseId;
	/// Closes `lease` by its tenant: it stays reportable for the grace period.
	fn close_lease(tenant: &AccountId, lease: LeaseId);
}

/// How many of a provider's leases closed for each reason.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Default,
)]
pub struct ClosedCounts {
	/// Closed by the tenant.
	pub by_tenant: u32,
	/// Closed by the provider.
	pub by_provider: u32,
	/// Ran dry.
	pub insufficient_funds: u32,
	/// Ended by an upheld report.
	pub provider_slashed: u32,
	/// Ended by the provider's jail.
	pub provider_jailed: u32,
	/// Never confirmed ready.
	pub not_ready: u32,
	/// Closed by the tenant while the provider was unreachable.
	pub provider_unreachable: u32,
}

impl ClosedCounts {
	/// Counts one more lease closed for `reason`.
	pub fn count(&mut self, reason: CloseReason) {
		let counter = match reason {
			CloseReason::ByTenant => &mut self.by_tenant,
			CloseReason::ByProvider => &mut self.by_provider,
			CloseReason::InsufficientFunds => &mut self.insufficient_funds,
			CloseReason::ProviderSlashed => &mut self.provider_slashed,
			CloseReason::ProviderJailed => &mut self.provider_jailed,
			CloseReason::NotReady => &mut self.not_ready,
			CloseReason::ProviderUnreachable => &mut self.provider_unreachable,
		};
		*counter = counter.saturating_add(1);
	}

	/// Every lease counted.
	pub fn total(&self) -> u32 {
		sum(&[
			self.by_tenant,
			self.by_provider,
			self.insufficient_funds,
			self.provider_slashed,
			self.provider_jailed,
			self.not_ready,
			self.provider_unreachable,
		])
	}
}

/// A provider's upheld faults, by kind.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Default,
)]
pub struct FaultCounts {
	/// Leases it closed before their minimum term.
	pub early_close: u32,
	/// Leases it never confirmed ready.
	pub not_ready: u32,
	/// Leases its tenant closed while it was unreachable.
	pub unreachable: u32,
	/// Upheld `NotDelivered` reports.
	pub not_delivered: u32,
	/// Upheld `Unavailable` reports.
	pub unavailable: u32,
	/// Upheld `BelowSpec` reports.
	pub below_spec: u32,
}

impl FaultCounts {
	/// Every fault counted.
	pub fn total(&self) -> u32 {
		sum(&[
			self.early_close,
			self.not_ready,
			self.unreachable,
			self.not_delivered,
			self.unavailable,
			self.below_spec,
		])
	}
}

/// The sum of `counts`, saturating.
fn sum(counts: &[u32]) -> u32 {
	counts.iter().fold(0u32, |total, n| total.saturating_add(*n))
}

/// What a provider has done, kept as its leases close and its reports are
/// decided, a fixed number of fields updated per event. It outlives the
/// provider's registration and bond, so leaving sheds none of it.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Default,
)]
pub struct TrackRecord<Balance, BlockNumber> {
	/// The block of the first event recorded.
	pub since: BlockNumber,
	/// Leases that ran their minimum term and closed with no fault of the
	/// provider's (by either party, or run dry).
	pub completed: u32,
	/// Leases closed, by reason.
	pub closed: ClosedCounts,
	/// Blocks billed over all its leases.
	pub blocks_served: u64,
	/// What those blocks cost its tenants.
	pub value_served: Balance,
	/// Upheld faults, by kind.
	pub faults: FaultCounts,
	/// Reports against it the adjudicator rejected.
	pub disputes_won: u32,
	/// The evidence for the provider: value served, decayed to `weighed_at`.
	pub good: Balance,
	/// The evidence against it: what its faults weighed, decayed to
	/// `weighed_at`.
	pub bad: Balance,
	/// The block `good` and `bad` were last decayed to.
	pub weighed_at: BlockNumber,
}

impl<Balance: Saturating + Copy, BlockNumber> TrackRecord<Balance, BlockNumber> {
	/// Counts the fault `reason` slashes for and adds `weight` to the
	/// evidence against the provider. A forfeited bid is no fault.
	pub fn count_fault(&mut self, reason: &SlashReason, weight: Balance) {
		let faults = &mut self.faults;
		let counter = match reason {
			SlashReason::EarlyClose { .. } => &mut faults.early_close,
			SlashReason::NotReady { .. } => &mut faults.not_ready,
			SlashReason::Unreachable { .. } => &mut faults.unreachable,
			SlashReason::Report { kind: FaultKind::NotDelivered, .. } => &mut faults.not_delivered,
			SlashReason::Report { kind: FaultKind::Unavailable, .. } => &mut faults.unavailable,
			SlashReason::Report { kind: FaultKind::BelowSpec, .. } => &mut faults.below_spec,
			SlashReason::UnservableBid { .. } => return,
		};
		*counter = counter.saturating_add(1);
		self.bad = self.bad.saturating_add(weight);
	}
}

/// The track record of a runtime.
pub type TrackRecordOf<T> = TrackRecord<BalanceOf<T>, BlockNumberFor<T>>;
