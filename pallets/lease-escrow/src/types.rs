//! The lease record, the read-only view of a lease, and the benchmark helper.

use crate::{pallet::Config, sp_runtime};
use codec::{Decode, Encode, MaxEncodedLen};
use core::fmt::Debug;
use polkadot_sdk::frame_support::{
	traits::{fungible::Inspect, Get},
	BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use polkadot_sdk::frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;
use sp_runtime::{traits::Zero, Saturating};
use stratus_primitives::{LeaseId, OrderId, Resources};

/// The balance type of the pallet's currency.
pub type BalanceOf<T> = <<T as Config>::Currency as Inspect<
	<T as polkadot_sdk::frame_system::Config>::AccountId,
>>::Balance;

/// An active lease.
#[derive(
	Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound,
)]
#[codec(mel_bound(AccountId: MaxEncodedLen, Balance: MaxEncodedLen, BlockNumber: MaxEncodedLen))]
#[scale_info(skip_type_params(MaxDepositors))]
pub struct Lease<
	AccountId: Clone + PartialEq + Eq + Debug,
	Balance: Clone + PartialEq + Eq + Debug,
	BlockNumber: Clone + PartialEq + Eq + Debug,
	MaxDepositors: Get<u32>,
> {
	/// The order the lease comes from.
	pub order_id: OrderId,
	/// Who pays.
	pub tenant: AccountId,
	/// Who serves.
	pub provider: AccountId,
	/// What the provider reserved for the lease; released when it closes.
	pub resources: Resources,
	/// The price of one block, above zero.
	pub price_per_block: Balance,
	/// Blocks the provider must serve before it may close without a fault.
	pub min_term: BlockNumber,
	/// The block the lease was opened in.
	pub started_at: BlockNumber,
	/// The lease has paid for every block before this one.
	pub settled_up_to: BlockNumber,
	/// The first block the lease cannot pay:
	/// `settled_up_to + escrow / price_per_block`.
	pub run_dry_at: BlockNumber,
	/// The run-dry slot the lease is queued in: `run_dry_at`, or an earlier
	/// block when that slot was full.
	pub queued_at: BlockNumber,
	/// How much of each depositor's money is still in the escrow, spent
	/// first-in-first-out. The tenant is always first (its entry may be zero);
	/// other entries are above zero.
	pub depositors: BoundedVec<(AccountId, Balance), MaxDepositors>,
}

/// The lease record of a runtime.
pub type LeaseOf<T> = Lease<
	<T as polkadot_sdk::frame_system::Config>::AccountId,
	BalanceOf<T>,
	BlockNumberFor<T>,
	<T as Config>::MaxDepositors,
>;

impl<AccountId, Balance, BlockNumber, MaxDepositors>
	Lease<AccountId, Balance, BlockNumber, MaxDepositors>
where
	AccountId: Clone + PartialEq + Eq + Debug,
	Balance: Clone + PartialEq + Eq + Debug + Copy + Zero + Saturating,
	BlockNumber: Clone + PartialEq + Eq + Debug,
	MaxDepositors: Get<u32>,
{
	/// What the escrow holds: the sum of the depositors' entries.
	pub fn balance(&self) -> Balance {
		self.depositors.iter().fold(Balance::zero(), |sum, (_, amount)| sum.saturating_add(*amount))
	}
}

/// A lease with its live figures, as the runtime API serves it.
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct LeaseView<AccountId, Balance, BlockNumber> {
	/// The lease.
	pub lease_id: LeaseId,
	/// The order it comes from.
	pub order_id: OrderId,
	/// Who pays.
	pub tenant: AccountId,
	/// Who serves.
	pub provider: AccountId,
	/// What the provider reserved for it.
	pub resources: Resources,
	/// The price of one block.
	pub price_per_block: Balance,
	/// Blocks the provider must serve before it may close without a fault.
	pub min_term: BlockNumber,
	/// The block it was opened in.
	pub started_at: BlockNumber,
	/// The lease has paid for every block before this one.
	pub settled_up_to: BlockNumber,
	/// What the escrow holds now, before settling.
	pub balance: Balance,
	/// What settling now would pay (provider and treasury together).
	pub owed_now: Balance,
	/// The first block the lease cannot pay.
	pub run_dry_at: BlockNumber,
	/// How many depositors it records, the tenant included.
	pub depositors: u32,
}

/// The lease view of a runtime.
pub type LeaseViewOf<T> = LeaseView<
	<T as polkadot_sdk::frame_system::Config>::AccountId,
	BalanceOf<T>,
	BlockNumberFor<T>,
>;

/// Sets up, for benchmarks, the state other pallets need for a lease to be
/// closed in the worst case: a registered provider holding a capacity
/// reservation, bonded so that an early close can be slashed.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// Makes `provider` a registered, bonded provider with `resources`
	/// reserved for one lease.
	fn prepare_provider(provider: &AccountId, resources: &Resources);
}

#[cfg(feature = "runtime-benchmarks")]
impl<AccountId> BenchmarkHelper<AccountId> for () {
	fn prepare_provider(_: &AccountId, _: &Resources) {}
}
