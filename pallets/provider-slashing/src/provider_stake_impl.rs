//! The stake as the other marketplace pallets see it: the bond check for
//! bidding, what is slashable, and the slash for closing a lease early.

use crate::*;

impl<T: Config> ProviderStake<T::AccountId, BalanceOf<T>> for Pallet<T> {
	fn ensure_bonded(who: &T::AccountId) -> frame_support::dispatch::DispatchResult {
		Self::do_ensure_bonded(who)
	}

	fn slashable(who: &T::AccountId) -> BalanceOf<T> {
		Bonds::<T>::get(who).map(|bond| bond.total()).unwrap_or_default()
	}

	fn early_close(
		provider: &T::AccountId,
		tenant: &T::AccountId,
		lease: stratus_primitives::LeaseId,
	) -> BalanceOf<T> {
		Self::do_slash(
			provider,
			tenant,
			T::EarlyCloseSlash::get(),
			SlashReason::EarlyClose { lease_id: lease },
		)
		.amount
	}
}
