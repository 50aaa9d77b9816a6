//! The records the pallet stores (an active lease, one deposit, a closed lease
//! waiting for its refunds to be claimed), their aliases, and the benchmark
//! helper.

use crate::pallet::Config;
use codec::{Decode, Encode, MaxEncodedLen};
use polkadot_sdk::frame_support::traits::fungible::Inspect;
use polkadot_sdk::frame_system::pallet_prelude::BlockNumberFor;
use polkadot_sdk::sp_runtime::Saturating;
use scale_info::TypeInfo;
use stratus_primitives::{OrderId, Resources};

/// The balance type of the pallet's currency.
pub type BalanceOf<T> = <<T as Config>::Currency as Inspect<
	<T as polkadot_sdk::frame_system::Config>::AccountId,
>>::Balance;

/// An active lease.
///
/// Its escrow is a running total: `deposited` is everything ever put in,
/// `spent` everything ever paid out, and the money in between is held on the
/// tenant's account. Each deposit is a [`DepositRecord`] in
/// [`Deposits`](crate::Deposits), placed on the line `0..deposited` at
/// `start..start + amount`; money is spent along that line from 0, so the
/// earliest deposit is spent first.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct Lease<AccountId, Balance, BlockNumber> {
	/// The order the lease comes from.
	pub order_id: OrderId,
	/// Who pays; the escrow is held on this account.
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
	/// `settled_up_to + balance / price_per_block`.
	pub run_dry_at: BlockNumber,
	/// The run-dry slot the lease is queued in: `run_dry_at`, or an earlier
	/// block when that slot was full.
	pub queued_at: BlockNumber,
	/// Everything ever deposited, the tenant's opening escrow included.
	pub deposited: Balance,
	/// Everything ever paid out to the provider and the treasury.
	pub spent: Balance,
	/// The index the next deposit record gets (0 is the opening escrow).
	pub next_deposit: u32,
	/// How many deposit records the lease has in [`Deposits`](crate::Deposits).
	pub open_deposits: u32,
}

/// The lease record of a runtime.
pub type LeaseOf<T> =
	Lease<<T as polkadot_sdk::frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberFor<T>>;

impl<AccountId, Balance: Saturating + Copy, BlockNumber> Lease<AccountId, Balance, BlockNumber> {
	/// What the escrow holds now, before settling: `deposited − spent`.
	pub fn balance(&self) -> Balance {
		self.deposited.saturating_sub(self.spent)
	}
}

/// One deposit into a lease's escrow.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct DepositRecord<AccountId, Balance> {
	/// Who paid, and who gets the refund.
	pub depositor: AccountId,
	/// The lease's `deposited` just before this deposit: where it starts on
	/// the line along which the escrow is spent.
	pub start: Balance,
	/// How much was deposited.
	pub amount: Balance,
}

/// The deposit record of a runtime.
pub type DepositRecordOf<T> =
	DepositRecord<<T as polkadot_sdk::frame_system::Config>::AccountId, BalanceOf<T>>;

impl<AccountId, Balance: Saturating + Ord + Copy> DepositRecord<AccountId, Balance> {
	/// What is left of this deposit once `spent` has been paid out of the
	/// lease, earliest deposit first: `clamp(start + amount − spent, 0,
	/// amount)`.
	pub fn unspent(&self, spent: Balance) -> Balance {
		self.start.saturating_add(self.amount).saturating_sub(spent).min(self.amount)
	}
}

/// A closed lease whose deposits are not all claimed back yet.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct ClosedLease<AccountId, Balance> {
	/// The tenant, on whose account the unclaimed refunds are held.
	pub tenant: AccountId,
	/// Everything the lease paid out; fixes each deposit's refund.
	pub spent: Balance,
	/// How many deposit records are still to be claimed (above zero).
	pub open_deposits: u32,
}

/// The closed lease record of a runtime.
pub type ClosedLeaseOf<T> =
	ClosedLease<<T as polkadot_sdk::frame_system::Config>::AccountId, BalanceOf<T>>;

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
