//! What slashing does when lease escrow reports a closed lease: a provider
//! that cut a lease short is slashed `EarlyCloseSlash`, the tenant
//! compensated. Every other closure costs nobody anything here (a lease
//! closed for a fault was slashed by the report that closed it).

use crate::*;
use stratus_primitives::{CloseReason, LeaseClosure, OnLeaseClosed, Term};

impl<T: Config> OnLeaseClosed<T::AccountId, BalanceOf<T>> for Pallet<T> {
	fn on_lease_closed(closure: &LeaseClosure<'_, T::AccountId>) -> BalanceOf<T> {
		if closure.reason != CloseReason::ByProvider || closure.term != Term::CutShort {
			return Default::default();
		}
		Self::do_slash(
			closure.provider,
			closure.tenant,
			T::EarlyCloseSlash::get(),
			SlashReason::EarlyClose { lease_id: closure.lease_id },
		)
		.amount
	}
}
