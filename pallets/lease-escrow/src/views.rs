//! What the runtime API reads: a view type made for readers, so that storage
//! can change without changing what dApps decode, and the paged reads that
//! serve it from the index maps, never by scanning everything.

use crate::{pallet::*, BalanceOf, LeaseState};
use alloc::vec::Vec;
use codec::{Decode, Encode};
use polkadot_sdk::frame_support::traits::Get;
use polkadot_sdk::frame_system::pallet_prelude::BlockNumberFor;
use polkadot_sdk::sp_runtime::Saturating;
use scale_info::TypeInfo;
use stratus_primitives::{LeaseId, ManifestHash, OrderId, Resources};

/// An open lease with its live figures, as the runtime API serves it.
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct LeaseView<AccountId, AssetKind, Balance, BlockNumber> {
	/// The lease.
	pub lease_id: LeaseId,
	/// The order it comes from.
	pub order_id: OrderId,
	/// Who pays.
	pub tenant: AccountId,
	/// Who serves.
	pub provider: AccountId,
	/// What it is paid in: every amount below is in this asset's units.
	pub asset: AssetKind,
	/// What the provider reserved for it.
	pub resources: Resources,
	/// The price of one block.
	pub price_per_block: Balance,
	/// Blocks the provider must serve, from the block it confirmed the
	/// lease ready, before it may close without a fault.
	pub min_term: BlockNumber,
	/// The hash of the workload manifest it runs.
	pub manifest: ManifestHash,
	/// `Pending { ready_by }` until the provider confirms it ready, then
	/// `Active { billing_from }`.
	pub state: LeaseState<BlockNumber>,
	/// The block it was opened in.
	pub started_at: BlockNumber,
	/// The lease has paid for every block before this one.
	pub settled_up_to: BlockNumber,
	/// What the escrow has left for blocks not settled yet, before settling:
	/// `deposited − spent`, what is owed but not paid out counted as spent.
	pub balance: Balance,
	/// What settling now would add to what the lease owes (provider and
	/// treasury together).
	pub owed_now: Balance,
	/// Accrued to the provider by settlements and not withdrawn yet.
	pub owed_to_provider: Balance,
	/// The first block the lease cannot pay; for a pending lease, the first
	/// it could not pay were it confirmed in this block.
	pub run_dry_at: BlockNumber,
	/// Blocks from this one to `run_dry_at`: how long the escrow lasts at
	/// its price (counted from confirmation for a pending lease).
	pub blocks_left: BlockNumber,
	/// How many third-party deposits it records (the tenant's own money is
	/// one aggregate, not a record).
	pub deposits: u32,
}

/// The lease view of a runtime.
pub type LeaseViewOf<T> = LeaseView<
	<T as polkadot_sdk::frame_system::Config>::AccountId,
	<T as Config>::AssetKind,
	BalanceOf<T>,
	BlockNumberFor<T>,
>;

impl<T: Config> Pallet<T> {
	/// An open lease with its live figures: its state, its balance before
	/// settling, what settling now would add, what the provider may
	/// withdraw, and its run-dry block and the blocks left to it.
	pub fn lease_view(lease_id: LeaseId) -> Option<LeaseViewOf<T>> {
		let lease = Leases::<T>::get(lease_id)?;
		let now = Self::now();
		let (_, owed_now) = Self::due(&lease, now);
		let run_dry_at = match lease.state {
			LeaseState::Pending { .. } => {
				Self::run_dry_block(now, lease.balance(), lease.price_per_block)
			},
			LeaseState::Active { .. } => lease.run_dry_at,
		};
		Some(LeaseView {
			lease_id,
			order_id: lease.order_id,
			balance: lease.balance(),
			owed_now,
			owed_to_provider: lease.owed_to_provider,
			tenant: lease.tenant,
			provider: lease.provider,
			asset: lease.asset,
			resources: lease.resources,
			price_per_block: lease.price_per_block,
			min_term: lease.min_term,
			manifest: lease.manifest,
			state: lease.state,
			started_at: lease.started_at,
			settled_up_to: lease.settled_up_to,
			run_dry_at,
			blocks_left: run_dry_at.saturating_sub(now),
			deposits: lease.next_deposit,
		})
	}

	/// A page of the active leases `who` pays for, in storage order (not id
	/// order). Pass the last id of the previous page as `start_after`;
	/// `limit` is capped by `MaxPageSize`.
	pub fn leases_by_tenant(
		who: &T::AccountId,
		start_after: Option<LeaseId>,
		limit: u32,
	) -> Vec<LeaseViewOf<T>> {
		let keys = match start_after {
			Some(last) => LeasesByTenant::<T>::iter_key_prefix_from(
				who,
				LeasesByTenant::<T>::hashed_key_for(who, last),
			),
			None => LeasesByTenant::<T>::iter_key_prefix(who),
		};
		Self::page(keys, limit)
	}

	/// A page of the active leases `who` serves; see
	/// [`Self::leases_by_tenant`].
	pub fn leases_by_provider(
		who: &T::AccountId,
		start_after: Option<LeaseId>,
		limit: u32,
	) -> Vec<LeaseViewOf<T>> {
		let keys = match start_after {
			Some(last) => LeasesByProvider::<T>::iter_key_prefix_from(
				who,
				LeasesByProvider::<T>::hashed_key_for(who, last),
			),
			None => LeasesByProvider::<T>::iter_key_prefix(who),
		};
		Self::page(keys, limit)
	}

	fn page(keys: impl Iterator<Item = LeaseId>, limit: u32) -> Vec<LeaseViewOf<T>> {
		let limit = limit.min(T::MaxPageSize::get()) as usize;
		keys.take(limit).filter_map(Self::lease_view).collect()
	}
}
