//! [`LeaseManager`]: how bid matching opens leases and provider slashing
//! closes them.

use crate::{pallet::*, sp_runtime, BalanceOf};
use polkadot_sdk::frame_support::storage::with_storage_layer;
use polkadot_sdk::frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{DispatchError, DispatchResult};
use stratus_primitives::{CloseReason, LeaseId, LeaseManager, LeaseTerms};

impl<T: Config> LeaseManager<T::AccountId, BalanceOf<T>, BlockNumberFor<T>> for Pallet<T> {
	fn open_lease(
		terms: LeaseTerms<T::AccountId, BalanceOf<T>, BlockNumberFor<T>>,
		escrow: BalanceOf<T>,
	) -> Result<LeaseId, DispatchError> {
		with_storage_layer(|| Self::do_open_lease(terms, escrow))
	}

	fn active_parties(lease: LeaseId) -> Option<(T::AccountId, T::AccountId)> {
		Leases::<T>::get(lease).map(|lease| (lease.tenant, lease.provider))
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
