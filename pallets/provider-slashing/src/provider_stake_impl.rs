//! The stake as the other marketplace pallets see it: the bond check for
//! bidding and what is slashable.

use crate::*;

impl<T: Config> ProviderStake<T::AccountId, BalanceOf<T>> for Pallet<T> {
	fn ensure_bonded(who: &T::AccountId) -> frame_support::dispatch::DispatchResult {
		Self::do_ensure_bonded(who)
	}

	fn slashable(who: &T::AccountId) -> BalanceOf<T> {
		Bonds::<T>::get(who).map(|bond| bond.total()).unwrap_or_default()
	}
}
