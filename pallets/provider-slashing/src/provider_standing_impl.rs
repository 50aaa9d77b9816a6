//! The standing the registry reads: the jail, kept with the bond so that it
//! outlives a registration, and whether reports are pending.

use crate::*;

impl<T: Config> stratus_primitives::ProviderStanding<T::AccountId> for Pallet<T> {
	fn is_jailed(who: &T::AccountId) -> bool {
		Bonds::<T>::get(who).is_some_and(|bond| bond.jailed_at.is_some())
	}

	fn has_open_reports(who: &T::AccountId) -> bool {
		OpenReportCount::<T>::get(who) > 0
	}
}
