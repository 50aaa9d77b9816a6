//! [`LeaseManager`]: how bid matching holds an order's budget and opens a
//! lease with it, and how provider slashing closes leases.

use crate::{pallet::*, sp_runtime, BalanceOf};
use polkadot_sdk::frame_support::storage::with_storage_layer;
use polkadot_sdk::frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{DispatchError, DispatchResult};
use stratus_primitives::{CloseReason, LeaseId, LeaseManager, LeaseTerms};

impl<T: Config> LeaseManager<T::AccountId, BalanceOf<T>, BlockNumberFor<T>> for Pallet<T> {
	type AssetKind = T::AssetKind;

	fn hold_budget(
		tenant: &T::AccountId,
		asset: &T::AssetKind,
		budget: BalanceOf<T>,
	) -> DispatchResult {
		with_storage_layer(|| Self::do_hold_budget(tenant, asset, budget))
	}

	fn release_budget(
		tenant: &T::AccountId,
		asset: &T::AssetKind,
		budget: BalanceOf<T>,
	) -> BalanceOf<T> {
		Self::do_release_budget(tenant, asset, budget)
	}

	fn open_lease(
		terms: LeaseTerms<T::AccountId, T::AssetKind, BalanceOf<T>, BlockNumberFor<T>>,
		budget: BalanceOf<T>,
	) -> Result<LeaseId, DispatchError> {
		with_storage_layer(|| Self::do_open_lease(terms, budget))
	}

	fn reportable_parties(lease: LeaseId) -> Option<(T::AccountId, T::AccountId, T::AssetKind)> {
		if let Some(lease) = Leases::<T>::get(lease) {
			return Some((lease.tenant, lease.provider, lease.asset));
		}
		ClosedLeases::<T>::get(lease)
			.filter(|closed| Self::now() < closed.reportable_until)
			.map(|closed| (closed.tenant, closed.provider, closed.asset))
	}

	fn active_leases(provider: &T::AccountId) -> u32 {
		ProviderLeaseCount::<T>::get(provider)
	}

	fn budget_held(tenant: &T::AccountId, asset: &T::AssetKind) -> BalanceOf<T> {
		HeldBudgets::<T>::get(tenant, asset)
	}

	/// Closes the lease like any other close: what it owes is paid out, what
	/// is left of the tenant's part is refunded at once, and third-party
	/// deposits are left to be claimed.
	fn close(lease_id: LeaseId, reason: CloseReason) -> DispatchResult {
		with_storage_layer(|| {
			let lease = Leases::<T>::get(lease_id).ok_or(Error::<T>::UnknownLease)?;
			Self::do_close(lease_id, lease, reason)
		})
	}
}
