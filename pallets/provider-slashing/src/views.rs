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

	/// A page of the open (and disputed) reports against `provider`, in
	/// storage order, after the report `start_after`; at most `limit`.
	pub fn open_reports_of(
		provider: &T::AccountId,
		start_after: Option<ReportId>,
		limit: u32,
	) -> Vec<(ReportId, ReportOf<T>)> {
		let ids = match start_after {
			Some(after) => ReportsByProvider::<T>::iter_key_prefix_from(
				provider,
				ReportsByProvider::<T>::hashed_key_for(provider, after),
			),
			None => ReportsByProvider::<T>::iter_key_prefix(provider),
		};
		ids.take(limit as usize)
			.filter_map(|id| Reports::<T>::get(id).map(|report| (id, report)))
			.collect()
	}

	/// One report, while it is open or disputed.
	pub fn report(report_id: ReportId) -> Option<ReportOf<T>> {
		Reports::<T>::get(report_id)
	}
}
