//! What the runtime API reads: a provider's stake and its open reports.

use crate::*;
use alloc::vec::Vec;
use stratus_primitives::ReportId;

impl<T: Config> Pallet<T> {
	/// A provider's stake record: bonded stake, unbonding chunks, fault count
	/// and jail. `None` if it has never bonded (or withdrew everything).
	pub fn stake_of(who: &T::AccountId) -> Option<BondOf<T>> {
		Bonds::<T>::get(who)
	}

	/// The open (and disputed) reports against `provider`, oldest first.
	/// At most `MaxOpenReportsPerProvider` of them.
	pub fn open_reports_of(provider: &T::AccountId) -> Vec<(ReportId, ReportOf<T>)> {
		ReportsOfProvider::<T>::get(provider)
			.into_iter()
			.filter_map(|id| Reports::<T>::get(id).map(|report| (id, report)))
			.collect()
	}

	/// One report, while it is open or disputed.
	pub fn report(report_id: ReportId) -> Option<ReportOf<T>> {
		Reports::<T>::get(report_id)
	}
}
