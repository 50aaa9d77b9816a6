//! # Stratus primitives
//!
//! What the four marketplace pallets share: the [`Resources`] a provider
//! offers and an order asks for, the ids of orders and leases, the reasons a
//! lease closes, and the small traits, one per need, through which the
//! pallets meet without reading each other's storage:
//!
//! | trait | implemented by | used by |
//! |---|---|---|
//! | [`ProviderEligibility`] | resource-registry | bid-matching |
//! | [`ProviderCapacity`] | resource-registry | lease-escrow |
//! | [`LeaseManager`] | lease-escrow | bid-matching, provider-slashing |
//! | [`ProviderStake`] | provider-slashing | bid-matching |
//! | [`ProviderStanding`] | provider-slashing | resource-registry |
//! | [`BidForfeit`] | provider-slashing | bid-matching |
//! | [`OnLeaseClosed`] | provider-slashing | lease-escrow |
//!
//! [`queue`] holds the per-block queue with a cursor and carry-over that the
//! pallets' hooks work through, metered by weight. [`mock_market_assets!`]
//! gives the pallets' mock runtimes a market in more than one asset.
//!
//! The traits a pallet may do without have a `()` implementation that
//! does nothing, for mocks that do not need the other side.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

mod mock_assets;
pub mod queue;

use alloc::vec::Vec;

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use polkadot_sdk::{
	frame_support::{
		pallet_prelude::{DispatchError, DispatchResult, Get},
		BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
	},
	sp_runtime::Perbill,
};
use scale_info::TypeInfo;

/// Identifies an order, counted up by bid-matching.
pub type OrderId = u64;
/// Identifies a lease, counted up by lease-escrow.
pub type LeaseId = u64;
/// Identifies a fault report, counted up by provider-slashing.
pub type ReportId = u64;

/// The hash of a tenant's workload manifest: what an order and its lease
/// commit to. The manifest itself goes off-chain, from the tenant to the
/// provider's host URI; the provider checks it against this hash. The zero
/// hash commits to nothing and is refused.
pub type ManifestHash = polkadot_sdk::sp_core::H256;

/// An amount of compute: what a provider offers in total, what it has
/// allocated, or what an order asks for.
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
	Default,
	Debug,
)]
pub struct Resources {
	/// CPU in millicores (1000 = one core).
	pub cpu_millicores: u64,
	/// Memory in MiB.
	pub memory_mib: u64,
	/// Storage in GiB.
	pub storage_gib: u64,
	/// Whole GPU units.
	pub gpu_units: u32,
}

impl Resources {
	/// Nothing at all.
	pub const ZERO: Self = Self { cpu_millicores: 0, memory_mib: 0, storage_gib: 0, gpu_units: 0 };

	/// Whether every dimension is zero.
	pub fn is_zero(&self) -> bool {
		*self == Self::ZERO
	}

	/// The sum, or `None` if any dimension overflows.
	pub fn checked_add(&self, other: &Self) -> Option<Self> {
		Some(Self {
			cpu_millicores: self.cpu_millicores.checked_add(other.cpu_millicores)?,
			memory_mib: self.memory_mib.checked_add(other.memory_mib)?,
			storage_gib: self.storage_gib.checked_add(other.storage_gib)?,
			gpu_units: self.gpu_units.checked_add(other.gpu_units)?,
		})
	}

	/// The difference, or `None` if any dimension would go below zero.
	pub fn checked_sub(&self, other: &Self) -> Option<Self> {
		Some(Self {
			cpu_millicores: self.cpu_millicores.checked_sub(other.cpu_millicores)?,
			memory_mib: self.memory_mib.checked_sub(other.memory_mib)?,
			storage_gib: self.storage_gib.checked_sub(other.storage_gib)?,
			gpu_units: self.gpu_units.checked_sub(other.gpu_units)?,
		})
	}

	/// Whether `self` fits within `capacity` in every dimension.
	pub fn fits(&self, capacity: &Self) -> bool {
		self.cpu_millicores <= capacity.cpu_millicores
			&& self.memory_mib <= capacity.memory_mib
			&& self.storage_gib <= capacity.storage_gib
			&& self.gpu_units <= capacity.gpu_units
	}
}

/// An attribute, `key = value` as raw bytes (for example `region = eu-west`
/// or `gpu = a100`): what a provider declares and an auditor vouches for,
/// and what an order requires. One type for both sides, so that what is
/// declared and what is required always compare alike.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
)]
#[scale_info(skip_type_params(KeyLen, ValueLen))]
#[codec(mel_bound())]
pub struct Attribute<KeyLen: Get<u32>, ValueLen: Get<u32>> {
	/// The attribute's name.
	pub key: BoundedVec<u8, KeyLen>,
	/// Its value.
	pub value: BoundedVec<u8, ValueLen>,
}

impl<KeyLen: Get<u32>, ValueLen: Get<u32>> Attribute<KeyLen, ValueLen> {
	/// The attribute as a pair of byte slices.
	pub fn as_ref(&self) -> AttributeRef<'_> {
		(self.key.as_slice(), self.value.as_slice())
	}
}

/// A required attribute, as orders state it and the registry checks it:
/// `key = value`, both as raw bytes.
pub type AttributeRef<'a> = (&'a [u8], &'a [u8]);

/// Why a lease ended.
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
pub enum CloseReason {
	/// The tenant closed it.
	ByTenant,
	/// The provider closed it.
	ByProvider,
	/// The escrow ran dry.
	InsufficientFunds,
	/// An upheld fault report ended it.
	ProviderSlashed,
	/// The provider was jailed.
	ProviderJailed,
	/// The provider did not confirm the lease ready within the ready window:
	/// nothing was billed, and it counts against the provider.
	NotReady,
	/// The tenant closed it while its provider was unreachable (no heartbeat
	/// within the interval, outside an announced maintenance window): it
	/// counts against the provider.
	ProviderUnreachable,
}

/// Why a provider cannot serve an order: the checks of the one predicate
/// that bidding, matching and screening share, in the order it makes them
/// (a provider is excluded for the first that fails).
#[derive(Encode, Decode, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
pub enum Exclusion {
	/// Not a registered provider.
	Unregistered,
	/// Jailed by provider slashing.
	Jailed,
	/// Paused by itself.
	Paused,
	/// No heartbeat within the interval, outside a maintenance window.
	Unreachable,
	/// Bonded less than a bidder needs.
	Bond,
	/// Its track record misses the order's requirements.
	TrackRecord,
	/// Too little free capacity for the order's resources.
	Capacity,
	/// It does not declare every required attribute with the same value.
	Attribute,
	/// It declares them, but the order's auditor does not vouch for them.
	Auditor,
}

/// The predicate's answer for a provider that cannot serve: why, and the
/// named error a call that needed it to serve fails with.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Refusal {
	/// The check that failed.
	pub reason: Exclusion,
	/// The error of the pallet that made the check.
	pub error: DispatchError,
}

impl Refusal {
	/// A refusal for `reason`, reported as `error`.
	pub fn new(reason: Exclusion, error: impl Into<DispatchError>) -> Self {
		Self { reason, error: error.into() }
	}
}

impl From<Refusal> for DispatchError {
	fn from(refusal: Refusal) -> Self {
		refusal.error
	}
}

/// Whether a provider may bid on an order and win it, as bid matching asks
/// the registry.
pub trait ProviderEligibility<AccountId> {
	/// `Ok` if `who` is registered, active (not paused), not jailed and
	/// reachable, so it may bid; otherwise which of these it is not, with
	/// the registry's error.
	fn ensure_can_bid(who: &AccountId) -> Result<(), Refusal>;

	/// Whether `who` declares every `required` attribute with the same value
	/// and, when `auditor` is given, that auditor vouches for each of them.
	fn satisfies(
		who: &AccountId,
		required: &[AttributeRef<'_>],
		auditor: Option<&AccountId>,
	) -> bool;

	/// Capacity not yet reserved by leases; `None` for an unknown provider.
	fn free_capacity(who: &AccountId) -> Option<Resources>;

	/// Up to `limit` registered providers in the registry's storage order,
	/// after `start_after` (from the first when `None`). Reads only keys.
	fn providers_after(start_after: Option<&AccountId>, limit: u32) -> Vec<AccountId>;

	/// How many providers are registered.
	fn provider_count() -> u32;
}

/// A provider's capacity as leases take and return it, as lease escrow
/// asks the registry.
pub trait ProviderCapacity<AccountId> {
	/// Reserves `amount` for a new lease. Fails with a named error, changing
	/// nothing, when it does not fit the free capacity.
	fn reserve(who: &AccountId, amount: &Resources) -> DispatchResult;

	/// Returns `amount` reserved by a lease that ended.
	fn release(who: &AccountId, amount: &Resources) -> DispatchResult;
}

/// A provider's standing as provider slashing keeps it, as the registry asks
/// it. Slashing holds the one record of a jail (with the bond, which outlives
/// a registration), so leaving the registry and coming back sheds nothing.
pub trait ProviderStanding<AccountId> {
	/// Whether `who` is jailed: it cannot bid or resume until unjailed.
	fn is_jailed(who: &AccountId) -> bool;

	/// Whether a fault report against `who` is open or disputed: until it
	/// is resolved, `who` cannot leave the registry.
	fn has_open_reports(who: &AccountId) -> bool;
}

impl<AccountId> ProviderStanding<AccountId> for () {
	fn is_jailed(_: &AccountId) -> bool {
		false
	}
	fn has_open_reports(_: &AccountId) -> bool {
		false
	}
}

/// Whether a provider answers, as the registry keeps it from its heartbeats.
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
pub enum Liveness {
	/// Its last heartbeat is within the interval.
	Reachable,
	/// Inside a maintenance window it announced: it owes no heartbeat, and
	/// no `Unavailable` report is taken against it.
	InMaintenance,
	/// Its last heartbeat is older than the interval: it gets no new
	/// orders, and its tenants may close at its cost.
	Unreachable,
}

/// A provider's liveness, as lease escrow and provider slashing ask the
/// registry.
pub trait ProviderLiveness<AccountId> {
	/// `who`'s liveness now; `None` for an account that is not a provider.
	fn liveness(who: &AccountId) -> Option<Liveness>;
}

impl<AccountId> ProviderLiveness<AccountId> for () {
	fn liveness(_: &AccountId) -> Option<Liveness> {
		Some(Liveness::Reachable)
	}
}

/// The terms of a lease opened from a won bid.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct LeaseTerms<AccountId, AssetKind, Balance, BlockNumber> {
	/// The order the lease comes from.
	pub order_id: OrderId,
	/// Who pays.
	pub tenant: AccountId,
	/// What the lease is paid in: its escrow, price, payouts and refunds.
	pub asset: AssetKind,
	/// Who serves.
	pub provider: AccountId,
	/// What the provider reserved for the lease.
	pub resources: Resources,
	/// The winning bid's price per block.
	pub price_per_block: Balance,
	/// Blocks the provider must serve before it may close without a fault.
	pub min_term: BlockNumber,
	/// The hash of the workload manifest the order committed to.
	pub manifest: ManifestHash,
	/// The slice of the provider's bond committed to the lease, in the
	/// chain's own token ([`ProviderStake::commit`]).
	pub stake: Balance,
}

/// The stake behind one lease, in the chain's own token, as the lease's
/// records keep it from its opening until they are forgotten.
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
pub struct LeaseStake<Balance> {
	/// What is left of the slice of the provider's bond committed to the
	/// lease when it opened: every slash for the lease is taken from it,
	/// and never more.
	pub slice: Balance,
	/// What the lease's slashes have paid its tenant so far: never more
	/// than the lease cost the tenant.
	pub compensated: Balance,
}

/// A lease as provider slashing sees it: active, or closed with its record
/// still kept.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct SlashableLease<AccountId, AssetKind, Balance> {
	/// Who pays, and may report.
	pub tenant: AccountId,
	/// Who serves, and is reported.
	pub provider: AccountId,
	/// What the lease is paid in.
	pub asset: AssetKind,
	/// Whether it still runs (its stake is still committed).
	pub active: bool,
	/// Whether its tenant may report it: it runs, or it closed less than
	/// the report grace period ago.
	pub reportable: bool,
	/// The stake behind it.
	pub stake: LeaseStake<Balance>,
	/// What its tenant has paid for it so far, in its asset.
	pub tenant_paid: Balance,
}

/// What a deposit set in the chain's own token, `amount`, is worth in
/// `asset` at the rate `Rates` gives (the runtime: governance's), never
/// less than one unit, so that a deposit in any asset costs something;
/// `None` when the asset has no rate.
pub fn deposit_in<Rates, AssetKind, Balance>(amount: Balance, asset: AssetKind) -> Option<Balance>
where
	Rates: polkadot_sdk::frame_support::traits::tokens::ConversionToAssetBalance<
		Balance,
		AssetKind,
		Balance,
	>,
	Balance: polkadot_sdk::sp_runtime::traits::One + Ord,
{
	let worth = Rates::to_asset_balance(amount, asset).ok()?;
	Some(worth.max(Balance::one()))
}

/// Opening and ending leases, as the other pallets see it. Lease escrow owns
/// the start of a lease: an order's budget is held by it from the order's
/// creation as the escrow of the lease the order may become, and opening the
/// lease reserves the provider's capacity and takes that budget over in one
/// place, nothing released and held again.
///
/// Leases are paid in an asset: the chain's own token or a foreign asset
/// the market accepts. An order's budget is held in its asset, and the
/// lease it becomes is paid in the same.
pub trait LeaseManager<AccountId, Balance, BlockNumber> {
	/// What a lease may be paid in.
	type AssetKind;

	/// Holds `budget` of `asset` from `tenant`'s free balance for an order.
	fn hold_budget(tenant: &AccountId, asset: &Self::AssetKind, budget: Balance) -> DispatchResult;

	/// Returns to `tenant` the `budget` in `asset` of an order that ended
	/// without a lease; returns what was released.
	fn release_budget(tenant: &AccountId, asset: &Self::AssetKind, budget: Balance) -> Balance;

	/// Opens a lease from a won bid: reserves the provider's capacity and
	/// makes `budget`, held in the terms' asset by [`Self::hold_budget`],
	/// the lease's escrow. Fails with a named error, changing nothing.
	fn open_lease(
		terms: LeaseTerms<AccountId, Self::AssetKind, Balance, BlockNumber>,
		budget: Balance,
	) -> Result<LeaseId, DispatchError>;

	/// A lease while it runs and, once closed, while its record is kept;
	/// [`SlashableLease::reportable`] says whether its tenant may still
	/// report it.
	fn slashable_lease(
		lease: LeaseId,
	) -> Option<SlashableLease<AccountId, Self::AssetKind, Balance>>;

	/// Records what is left of the stake behind `lease` after a slash, on
	/// its record, active or closed (nothing when it has none).
	fn set_stake(lease: LeaseId, stake: LeaseStake<Balance>);

	/// How many active leases `provider` serves.
	fn active_leases(provider: &AccountId) -> u32;

	/// `Ok` if `provider` may take one more lease; otherwise the error that
	/// opening one would fail with.
	fn ensure_provider_room(provider: &AccountId) -> DispatchResult;

	/// Settles and closes an active lease for `reason`, refunding what is
	/// left to its depositors and releasing the provider's capacity.
	fn close(lease: LeaseId, reason: CloseReason) -> DispatchResult;

	/// The budgets of `tenant`'s orders that are held in `asset` (for the
	/// caller's `try_state`).
	fn budget_held(tenant: &AccountId, asset: &Self::AssetKind) -> Balance;
}

/// Provider stake, as the other pallets see it.
///
/// A lease, when it opens, commits a slice of its provider's bond sized by
/// what the lease is worth (its minimum term at its price, in the chain's
/// own token at governance's rate, times a governance ratio, never less
/// than a floor). A provider takes only the leases its free (uncommitted)
/// bond can back, and every slash for a lease comes out of its slice.
pub trait ProviderStake<AccountId, AssetKind, Balance> {
	/// `Ok` if `who` has bonded at least the minimum a bidder needs and its
	/// free bond can back a lease worth `value` of `asset` over its minimum
	/// term; with `None`, the cheapest lease there can be (the floor of a
	/// slice). Otherwise the error saying which it misses.
	fn ensure_can_back(who: &AccountId, lease: Option<(&AssetKind, Balance)>) -> DispatchResult;

	/// Commits the slice of `who`'s bond that backs a lease worth `value` of
	/// `asset` over its minimum term; returns the slice. Fails, changing
	/// nothing, when the free bond cannot back it.
	fn commit(who: &AccountId, asset: &AssetKind, value: Balance)
		-> Result<Balance, DispatchError>;

	/// `Ok` if `who`'s track record meets `requirements`; otherwise the
	/// error saying which it misses. Reads nothing when nothing is required.
	fn ensure_track_record(who: &AccountId, requirements: &TrackRequirements) -> DispatchResult;

	/// The stake of `who` that can still be slashed (bonded plus unbonding).
	fn slashable(who: &AccountId) -> Balance;
}

/// What an order requires of a provider's track record. The default
/// requires nothing.
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
pub struct TrackRequirements {
	/// The least score the provider must have (zero: any).
	pub min_score: Perbill,
	/// The fewest leases it must have completed (zero: any).
	pub min_completed: u32,
}

impl TrackRequirements {
	/// Whether it requires nothing.
	pub fn is_none(&self) -> bool {
		self.min_score.is_zero() && self.min_completed == 0
	}
}

/// Whether a lease ran its minimum term before it closed.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Term {
	/// It ran at least its minimum term, counted from the block its
	/// provider confirmed it ready.
	Served,
	/// It closed before its minimum term, or before it was ever confirmed
	/// ready.
	CutShort,
}

/// A lease that has just closed, as an [`OnLeaseClosed`] handler sees it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct LeaseClosure<'a, AccountId, AssetKind, Balance> {
	/// The lease.
	pub lease_id: LeaseId,
	/// Who paid for it.
	pub tenant: &'a AccountId,
	/// Who served it.
	pub provider: &'a AccountId,
	/// What it was paid in.
	pub asset: &'a AssetKind,
	/// The stake behind it until now: its slice is committed no more.
	pub stake: LeaseStake<Balance>,
	/// What its tenant paid for it, in its asset.
	pub tenant_paid: Balance,
	/// Why it closed.
	pub reason: CloseReason,
	/// Whether it ran its minimum term.
	pub term: Term,
	/// Blocks it was billed for, from the block its provider confirmed it
	/// ready to the block it closed or ran dry (none if never confirmed).
	pub blocks_served: u32,
	/// What those blocks cost its tenant, the provider's and the treasury's
	/// parts together.
	pub value_served: Balance,
	/// What its minimum term is worth at its price: what it promised.
	pub promised_value: Balance,
}

/// Told by lease escrow about every lease that closes, after the escrow is
/// settled and refunded. Provider slashing handles it (a provider cutting a
/// lease short is slashed), so escrow knows nothing of slashing and the
/// arrow between the two pallets runs one way.
pub trait OnLeaseClosed<AccountId, AssetKind, Balance> {
	/// Acts on `closure`; returns what it took from the provider for it
	/// (zero when nothing).
	fn on_lease_closed(closure: &LeaseClosure<'_, AccountId, AssetKind, Balance>) -> Balance;
}

impl<AccountId, AssetKind, Balance: Default> OnLeaseClosed<AccountId, AssetKind, Balance> for () {
	fn on_lease_closed(_: &LeaseClosure<'_, AccountId, AssetKind, Balance>) -> Balance {
		Balance::default()
	}
}

/// Taking the price of a bid that stood in an order's book and could not be
/// served when it counted: it won (or was the best bid) while its provider
/// was paused, jailed, unbonded, out of capacity or lacking an attribute or
/// an audit. Without a price, such bids would jam orders for free.
pub trait BidForfeit<AccountId, Balance> {
	/// Takes up to `amount` of `provider`'s stake for its unservable bid on
	/// `order_id`, for the treasury (no fault is counted, and no party to
	/// the order profits, so that nobody gains by making a provider fail).
	/// Returns what was taken.
	fn forfeit(provider: &AccountId, order_id: OrderId, amount: Balance) -> Balance;
}

impl<AccountId, Balance: Default> BidForfeit<AccountId, Balance> for () {
	fn forfeit(_: &AccountId, _: OrderId, _: Balance) -> Balance {
		Balance::default()
	}
}

impl<AccountId, AssetKind, Balance: Default> ProviderStake<AccountId, AssetKind, Balance> for () {
	fn ensure_can_back(_: &AccountId, _: Option<(&AssetKind, Balance)>) -> DispatchResult {
		Ok(())
	}
	fn commit(_: &AccountId, _: &AssetKind, _: Balance) -> Result<Balance, DispatchError> {
		Ok(Balance::default())
	}
	fn ensure_track_record(_: &AccountId, _: &TrackRequirements) -> DispatchResult {
		Ok(())
	}
	fn slashable(_: &AccountId) -> Balance {
		Balance::default()
	}
}

/// Splits `amount` into the `rate` share and the rest, rounding the share
/// down so that the two always add up to `amount`.
pub fn split_by_rate<Balance>(amount: Balance, rate: Perbill) -> (Balance, Balance)
where
	Balance: polkadot_sdk::sp_runtime::traits::AtLeast32BitUnsigned + Copy,
{
	let share = rate.mul_floor(amount);
	(share, amount.saturating_sub(share))
}

#[cfg(test)]
mod tests {
	use super::*;

	const SMALL: Resources =
		Resources { cpu_millicores: 500, memory_mib: 1024, storage_gib: 10, gpu_units: 0 };
	const BIG: Resources =
		Resources { cpu_millicores: 4000, memory_mib: 8192, storage_gib: 100, gpu_units: 1 };

	#[test]
	fn fits_needs_every_dimension() {
		assert!(SMALL.fits(&BIG));
		assert!(!BIG.fits(&SMALL));
		assert!(SMALL.fits(&SMALL));
		assert!(!Resources { gpu_units: 2, ..SMALL }.fits(&BIG));
		assert!(Resources::ZERO.fits(&SMALL));
	}

	#[test]
	fn checked_arithmetic_refuses_overflow_and_underflow() {
		assert_eq!(
			SMALL.checked_add(&BIG),
			Some(Resources {
				cpu_millicores: 4500,
				memory_mib: 9216,
				storage_gib: 110,
				gpu_units: 1
			})
		);
		assert_eq!(BIG.checked_sub(&SMALL).and_then(|r| r.checked_add(&SMALL)), Some(BIG));
		assert_eq!(SMALL.checked_sub(&BIG), None);
		let max = Resources { cpu_millicores: u64::MAX, ..SMALL };
		assert_eq!(max.checked_add(&SMALL), None);
		assert!(Resources::ZERO.is_zero() && !SMALL.is_zero());
	}

	#[test]
	fn split_by_rate_loses_nothing() {
		for amount in [0u128, 1, 7, 999, 1_000_000_007] {
			let (share, rest) = split_by_rate(amount, Perbill::from_percent(3));
			assert_eq!(share + rest, amount);
		}
		assert_eq!(split_by_rate(1000u128, Perbill::from_percent(2)), (20, 980));
	}
}
