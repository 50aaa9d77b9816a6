//! The stake as the other marketplace pallets see it: the bond check for
//! bidding, the track record an order may require, and what is slashable.

use crate::*;
use frame_support::ensure;
use sp_runtime::traits::Saturating;
use stratus_primitives::TrackRequirements;

impl<T: Config> Pallet<T> {
	/// The slice a lease worth `value` of `asset` commits (the floor for
	/// `None`), if `who` has at least `MinProviderBond` bonded (unbonding
	/// chunks do not count: they are leaving) and its free bond can back
	/// the slice. One read of the bond record for the whole check.
	fn free_slice(
		who: &T::AccountId,
		lease: Option<(&T::AssetKind, BalanceOf<T>)>,
	) -> Result<BalanceOf<T>, sp_runtime::DispatchError> {
		let bond = Bonds::<T>::get(who).ok_or(Error::<T>::NotBonded)?;
		ensure!(bond.bonded >= T::MinProviderBond::get(), Error::<T>::BondBelowMinimum);
		let slice = match lease {
			Some((asset, value)) => Self::slice_for(asset, value).ok_or(Error::<T>::NoRate)?,
			None => T::MinLeaseStake::get(),
		};
		ensure!(bond.free() >= slice, Error::<T>::InsufficientFreeBond);
		Ok(slice)
	}
}

impl<T: Config> ProviderStake<T::AccountId, T::AssetKind, BalanceOf<T>> for Pallet<T> {
	fn ensure_can_back(
		who: &T::AccountId,
		lease: Option<(&T::AssetKind, BalanceOf<T>)>,
	) -> frame_support::dispatch::DispatchResult {
		Self::free_slice(who, lease).map(|_| ())
	}

	fn commit(
		who: &T::AccountId,
		asset: &T::AssetKind,
		value: BalanceOf<T>,
	) -> Result<BalanceOf<T>, sp_runtime::DispatchError> {
		let slice = Self::free_slice(who, Some((asset, value)))?;
		Bonds::<T>::mutate_extant(who, |bond| {
			bond.committed = bond.committed.saturating_add(slice)
		});
		Ok(slice)
	}

	fn ensure_track_record(
		who: &T::AccountId,
		requirements: &TrackRequirements,
	) -> frame_support::dispatch::DispatchResult {
		if requirements.is_none() {
			return Ok(());
		}
		let record = Self::track_record(who).unwrap_or_default();
		ensure!(record.completed >= requirements.min_completed, Error::<T>::TooFewCompletedLeases);
		ensure!(Self::score(&record) >= requirements.min_score, Error::<T>::ScoreTooLow);
		Ok(())
	}

	fn slashable(who: &T::AccountId) -> BalanceOf<T> {
		Bonds::<T>::get(who).map(|bond| bond.total()).unwrap_or_default()
	}
}
