//! What slashing does when lease escrow reports a closed lease: a provider
//! that cut a lease short, never confirmed it ready, or was unreachable when
//! its tenant closed, is slashed
//! `EarlyCloseSlash`, the tenant compensated, and a fault counted. Both are
//! objective (the chain saw them), so no report or adjudication is needed.
//! Every other closure costs nobody anything here (a lease closed for a
//! fault was slashed by the report that closed it).

use crate::*;
use stratus_primitives::{CloseReason, LeaseClosure, OnLeaseClosed, Term};

impl<T: Config> OnLeaseClosed<T::AccountId, BalanceOf<T>> for Pallet<T> {
	fn on_lease_closed(closure: &LeaseClosure<'_, T::AccountId>) -> BalanceOf<T> {
		let lease_id = closure.lease_id;
		let reason = match (closure.reason, closure.term) {
			(CloseReason::ByProvider, Term::CutShort) => SlashReason::EarlyClose { lease_id },
			(CloseReason::NotReady, _) => SlashReason::NotReady { lease_id },
			(CloseReason::ProviderUnreachable, _) => SlashReason::Unreachable { lease_id },
			_ => return Default::default(),
		};
		Self::do_slash(closure.provider, closure.tenant, T::EarlyCloseSlash::get(), reason).amount
	}
}
