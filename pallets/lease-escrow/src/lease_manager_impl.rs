//! [`LeaseManager`]: how bid matching holds an order's budget and opens a
//! lease with it, and how provider slashing closes leases.

use crate::{pallet::*, sp_runtime, BalanceOf};
use polkadot_sdk::frame_support::storage::with_storage_layer;
use polkadot_sdk::frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{DispatchError, DispatchResult};
use stratus_primitives::{
	CloseReason, LeaseId, LeaseManager, LeaseStake, LeaseTerms, SlashableLease,
};

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

	fn slashable_lease(
		lease: LeaseId,
	) -> Option<SlashableLease<T::AccountId, T::AssetKind, BalanceOf<T>>> {
		if let Some(lease) = Leases::<T>::get(lease) {
			let tenant_paid = Self::tenant_paid(&lease, Self::now());
			return Some(SlashableLease {
				tenant: lease.tenant,
				provider: lease.provider,
				asset: lease.asset,
				active: true,
				reportable: true,
				stake: lease.stake,
				tenant_paid,
			});
		}
		ClosedLeases::<T>::get(lease).map(|closed| SlashableLease {
			reportable: Self::now() < closed.reportable_until,
			tenant: closed.tenant,
			provider: closed.provider,
			asset: closed.asset,
			active: false,
			stake: closed.stake,
			tenant_paid: closed.tenant_spent,
		})
	}

	fn set_stake(lease_id: LeaseId, stake: LeaseStake<BalanceOf<T>>) {
		let active = Leases::<T>::mutate_extant(lease_id, |lease| {
			lease.stake = stake;
			true
		});
		if !active {
			ClosedLeases::<T>::mutate_extant(lease_id, |closed| closed.stake = stake);
		}
	}

	fn active_leases(provider: &T::AccountId) -> u32 {
		ProviderLeaseCount::<T>::get(provider)
	}

	fn ensure_provider_room(provider: &T::AccountId) -> DispatchResult {
		Self::ensure_room(ProviderLeaseCount::<T>::get(provider))
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
