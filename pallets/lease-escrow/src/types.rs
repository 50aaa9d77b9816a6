//! The records the pallet stores (an active lease, one third-party deposit, a
//! closed lease waiting for its refunds to be claimed), their aliases, and the
//! benchmark helper.

use crate::pallet::Config;
use codec::{Decode, Encode, MaxEncodedLen};
use polkadot_sdk::frame_support::traits::fungibles::Inspect;
use polkadot_sdk::frame_system::pallet_prelude::BlockNumberFor;
use polkadot_sdk::sp_runtime::Saturating;
use scale_info::TypeInfo;
use stratus_primitives::{LeaseStake, ManifestHash, OrderId, Resources};

/// Where a lease is in its life: waiting for its provider to confirm it
/// ready, or confirmed and billed.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
pub enum LeaseState<BlockNumber> {
	/// Opened, not confirmed ready yet: nothing is billed. Unless its
	/// provider calls [`Pallet::confirm_ready`](crate::Pallet::confirm_ready)
	/// before `ready_by`, it closes `NotReady` with a full refund.
	Pending {
		/// The first block in which the provider can no longer confirm.
		ready_by: BlockNumber,
	},
	/// Confirmed ready by its provider and billed from `billing_from`.
	Active {
		/// The block the provider confirmed it ready in: the first block
		/// the lease pays for, and where its minimum term starts.
		billing_from: BlockNumber,
	},
}

/// The balance type of the pallet's funds, in every asset kind.
pub type BalanceOf<T> = <<T as Config>::Funds as Inspect<
	<T as polkadot_sdk::frame_system::Config>::AccountId,
>>::Balance;

/// An open lease, pending or active.
///
/// Its escrow is a ledger of running totals in two parts. The tenant's part
/// is one aggregate: `tenant_deposited` (the opening escrow and every top-up
/// by the tenant) and `tenant_spent`. The others' part is a line
/// `0..others_deposited` on which each third-party deposit is a
/// [`DepositRecord`] in [`Deposits`](crate::Deposits) at `start..start +
/// amount`, spent from 0 up to `others_spent`. A payment is taken from the
/// tenant's part first, then along the others' line, earliest deposit first.
///
/// Settlement only moves the ledger: what it takes is *spent* at once and
/// *owed* to the provider and the treasury until
/// [`Pallet::withdraw`](crate::Pallet::withdraw) or closing pays it out, so
/// the tenant's hold holds `deposited − spent + owed` for the lease.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct Lease<AccountId, AssetKind, Balance, BlockNumber> {
	/// The order the lease comes from.
	pub order_id: OrderId,
	/// Who pays; the escrow is held on this account.
	pub tenant: AccountId,
	/// What the lease is paid in. Every amount of the lease is in it: the
	/// price, the escrow and its top-ups, payouts, refunds and the deposits
	/// below.
	pub asset: AssetKind,
	/// Who serves.
	pub provider: AccountId,
	/// What the provider reserved for the lease; released when it closes.
	pub resources: Resources,
	/// The price of one block, above zero.
	pub price_per_block: Balance,
	/// Blocks the provider must serve, from the block it confirmed the
	/// lease ready, before it may close without a fault.
	pub min_term: BlockNumber,
	/// The hash of the workload manifest the lease runs; the tenant may
	/// replace it.
	pub manifest: ManifestHash,
	/// Pending its provider's confirmation, or active and billed.
	pub state: LeaseState<BlockNumber>,
	/// The block the lease was opened in.
	pub started_at: BlockNumber,
	/// The lease has paid for every block before this one. While the lease
	/// is pending, nothing is billed and this is the block it was last
	/// touched in.
	pub settled_up_to: BlockNumber,
	/// The first block the lease cannot pay:
	/// `settled_up_to + balance / price_per_block`. While the lease is
	/// pending, the first block it could not pay had it been confirmed when
	/// last touched: billing starts later, so it only moves on.
	pub run_dry_at: BlockNumber,
	/// The run-dry slot the lease is queued in: at or before its due block
	/// ([`Lease::due_at`]; earlier when that slot was full, or when a
	/// top-up or a confirmation moved the due block on and the hook has not
	/// moved the lease yet).
	pub queued_at: BlockNumber,
	/// The tenant's opening escrow and every top-up it made since.
	pub tenant_deposited: Balance,
	/// What settlements took from the tenant's part.
	pub tenant_spent: Balance,
	/// Everything third parties deposited: the end of the others' line.
	pub others_deposited: Balance,
	/// What settlements took from the others' line, from its start.
	pub others_spent: Balance,
	/// Accrued to the provider by settlements and not paid out yet.
	pub owed_to_provider: Balance,
	/// Accrued to the treasury by settlements and not paid out yet.
	pub owed_to_treasury: Balance,
	/// The index the next third-party deposit record gets, which is also how
	/// many records the lease has in [`Deposits`](crate::Deposits): none is
	/// removed while the lease is active.
	pub next_deposit: u32,
	/// The run-dry block [`Event::LeaseRunningLow`](crate::Event::LeaseRunningLow)
	/// was announced for, if any. A top-up moves `run_dry_at` on, so a new
	/// notice falls due.
	pub low_notice: Option<BlockNumber>,
	/// The smallest top-up the lease takes:
	/// [`Config::MinDeposit`](crate::Config::MinDeposit) in its asset at
	/// the opening's rate.
	pub min_deposit: Balance,
	/// Kept from the tenant's refund at close for the closed record:
	/// [`Config::ClosedLeaseDeposit`](crate::Config::ClosedLeaseDeposit) in
	/// its asset at the opening's rate.
	pub record_deposit: Balance,
	/// The stake its provider committed to it, in the chain's own token:
	/// what is left of the slice, and what slashes paid the tenant.
	pub stake: LeaseStake<Balance>,
}

/// The lease record of a runtime.
pub type LeaseOf<T> = Lease<
	<T as polkadot_sdk::frame_system::Config>::AccountId,
	<T as Config>::AssetKind,
	BalanceOf<T>,
	BlockNumberFor<T>,
>;

impl<AccountId, AssetKind, Balance, BlockNumber: Ord + Copy + Saturating>
	Lease<AccountId, AssetKind, Balance, BlockNumber>
{
	/// The block the run-dry hook must see the lease in: its run-dry block,
	/// or, while it is pending, that or the end of its ready window,
	/// whichever comes first.
	pub fn due_at(&self) -> BlockNumber {
		match self.state {
			LeaseState::Pending { ready_by } => ready_by.min(self.run_dry_at),
			LeaseState::Active { .. } => self.run_dry_at,
		}
	}

	/// Whether the lease is active, `notice` blocks or fewer from running
	/// dry at `now`, and not announced as running low for that block yet.
	pub fn owes_low_notice(&self, now: BlockNumber, notice: BlockNumber) -> bool {
		matches!(self.state, LeaseState::Active { .. })
			&& self.low_notice != Some(self.run_dry_at)
			&& now.saturating_add(notice) >= self.run_dry_at
	}

	/// The block the hook should next see the lease in: `notice` blocks
	/// before its run-dry block while its running-low notice is still to
	/// come, else [`Self::due_at`]. Never after `due_at`.
	pub fn next_visit(&self, notice: BlockNumber) -> BlockNumber {
		match self.state {
			LeaseState::Active { .. } if self.low_notice != Some(self.run_dry_at) => {
				self.run_dry_at.saturating_sub(notice)
			},
			_ => self.due_at(),
		}
	}
}

impl<AccountId, AssetKind, Balance: Saturating + Copy, BlockNumber>
	Lease<AccountId, AssetKind, Balance, BlockNumber>
{
	/// Everything ever deposited, by the tenant and by third parties.
	pub fn deposited(&self) -> Balance {
		self.tenant_deposited.saturating_add(self.others_deposited)
	}

	/// Everything settlements ever took, whether paid out or still owed.
	pub fn spent(&self) -> Balance {
		self.tenant_spent.saturating_add(self.others_spent)
	}

	/// What the escrow has left for blocks not settled yet: `deposited −
	/// spent`. What is owed but not paid out is committed, so not counted.
	pub fn balance(&self) -> Balance {
		self.deposited().saturating_sub(self.spent())
	}

	/// Accrued to the provider and the treasury, not paid out yet.
	pub fn owed(&self) -> Balance {
		self.owed_to_provider.saturating_add(self.owed_to_treasury)
	}

	/// What the tenant's escrow hold holds for this lease: `deposited −
	/// paid out`, that is the balance and what is owed.
	pub fn held(&self) -> Balance {
		self.balance().saturating_add(self.owed())
	}

	/// What is left of the tenant's part: its refund if the lease closed now.
	pub fn tenant_unspent(&self) -> Balance {
		self.tenant_deposited.saturating_sub(self.tenant_spent)
	}

	/// What is left on the others' line: their refunds together if the lease
	/// closed now.
	pub fn others_unspent(&self) -> Balance {
		self.others_deposited.saturating_sub(self.others_spent)
	}
}

/// One third-party deposit into a lease's escrow. The tenant's own money is
/// not recorded deposit by deposit: it is the lease's `tenant_deposited`.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct DepositRecord<AccountId, Balance> {
	/// Who paid, and who gets the refund; never the lease's tenant.
	pub depositor: AccountId,
	/// The lease's `others_deposited` just before this deposit: where it
	/// starts on the others' line.
	pub start: Balance,
	/// How much was deposited.
	pub amount: Balance,
}

/// The deposit record of a runtime.
pub type DepositRecordOf<T> =
	DepositRecord<<T as polkadot_sdk::frame_system::Config>::AccountId, BalanceOf<T>>;

impl<AccountId, Balance: Saturating + Ord + Copy> DepositRecord<AccountId, Balance> {
	/// What is left of this deposit once `others_spent` has been taken from
	/// the others' line, earliest deposit first: `clamp(start + amount −
	/// others_spent, 0, amount)`.
	pub fn unspent(&self, others_spent: Balance) -> Balance {
		self.start.saturating_add(self.amount).saturating_sub(others_spent).min(self.amount)
	}
}

/// A closed lease: its parties on record for the report grace period, what
/// its third-party depositors may still claim, and what its provider could
/// not be paid at close.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct ClosedLease<AccountId, AssetKind, Balance, BlockNumber> {
	/// The tenant, on whose account the unclaimed refunds, the provider's
	/// unpaid payout and the record's deposit are held, and who may still
	/// report the provider.
	pub tenant: AccountId,
	/// The provider that served it.
	pub provider: AccountId,
	/// What the lease was paid in, and every amount here is in.
	pub asset: AssetKind,
	/// The tenant may report the lease while the block number is below this.
	pub reportable_until: BlockNumber,
	/// Held from the tenant for this record, returned when it goes.
	pub deposit: Balance,
	/// What the lease took from the others' line; fixes each deposit's
	/// refund.
	pub others_spent: Balance,
	/// How many deposit records are still to be claimed.
	pub open_deposits: u32,
	/// Owed to the provider and not paid at close because its account
	/// could not take the payment (it held none of the asset, and the
	/// payout was below the asset's minimum balance); paid by
	/// [`Pallet::withdraw`](crate::Pallet::withdraw) once it can.
	pub owed_to_provider: Balance,
	/// What the tenant paid for the lease, in its asset: the most its
	/// compensation may come to.
	pub tenant_spent: Balance,
	/// What is left of the stake behind the lease for reports in the grace
	/// period, in the chain's own token; no longer committed.
	pub stake: LeaseStake<Balance>,
}

/// The closed lease record of a runtime.
pub type ClosedLeaseOf<T> = ClosedLease<
	<T as polkadot_sdk::frame_system::Config>::AccountId,
	<T as Config>::AssetKind,
	BalanceOf<T>,
	BlockNumberFor<T>,
>;

/// Sets up, for benchmarks, the state other pallets need for a lease to be
/// closed in the worst case: a registered provider holding a capacity
/// reservation, bonded so that an early close can be slashed; and the asset
/// leases are paid in.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId, AssetKind, Balance> {
	/// The asset the benchmarks' leases are paid in, the costliest the
	/// runtime takes, ready to be held, paid and converted at a rate.
	fn asset() -> AssetKind;

	/// Gives `who` a free balance of `amount` in `asset`.
	fn fund(asset: &AssetKind, who: &AccountId, amount: Balance);

	/// Makes `provider` a registered, bonded provider with room for
	/// `resources`.
	fn prepare_provider(provider: &AccountId, resources: &Resources);

	/// Makes a provider unreachable once it has sent no heartbeat for more
	/// than ten blocks (registering counts as one).
	fn silence_providers();
}
