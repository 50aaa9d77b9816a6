//! The stake as the other marketplace pallets see it: the bond check for
//! bidding, the track record an order may require, and what is slashable.

use crate::*;
use frame_support::ensure;
use stratus_primitives::TrackRequirements;

impl<T: Config> ProviderStake<T::AccountId, BalanceOf<T>> for Pallet<T> {
	fn ensure_bonded(who: &T::AccountId) -> frame_support::dispatch::DispatchResult {
		Self::do_ensure_bonded(who)
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
