//! What slashing does when lease escrow reports a closed lease: a provider
//! that cut a lease short, never confirmed it ready, or was unreachable when
//! its tenant closed, is slashed
//! `EarlyCloseSlash`, the tenant compensated, and a fault counted. Both are
//! objective (the chain saw them), so no report or adjudication is needed.
//! Every other closure costs nobody anything here (a lease closed for a
//! fault was slashed by the report that closed it). Every closure goes into
//! the provider's track record ([`crate::track_record`]).

use crate::*;
use sp_runtime::traits::Saturating;
use stratus_primitives::{CloseReason, LeaseClosure, OnLeaseClosed, Term};

impl<T: Config> OnLeaseClosed<T::AccountId, BalanceOf<T>> for Pallet<T> {
	fn on_lease_closed(closure: &LeaseClosure<'_, T::AccountId, BalanceOf<T>>) -> BalanceOf<T> {
		let lease_id = closure.lease_id;
		let reason = match (closure.reason, closure.term) {
			(CloseReason::ByProvider, Term::CutShort) => Some(SlashReason::EarlyClose { lease_id }),
			(CloseReason::NotReady, _) => Some(SlashReason::NotReady { lease_id }),
			(CloseReason::ProviderUnreachable, _) => Some(SlashReason::Unreachable { lease_id }),
			_ => None,
		};
		Self::record(closure.provider, |record| {
			record.closed.count(closure.reason);
			record.blocks_served =
				record.blocks_served.saturating_add(u64::from(closure.blocks_served));
			record.value_served = record.value_served.saturating_add(closure.value_served);
			// What an upheld report ended was weighed when it was upheld.
			if closure.reason != CloseReason::ProviderSlashed {
				record.good = record.good.saturating_add(closure.value_served);
			}
			match &reason {
				Some(fault) => record.count_fault(fault, closure.promised_value),
				None => {
					let no_fault = matches!(
						closure.reason,
						CloseReason::ByTenant
							| CloseReason::ByProvider
							| CloseReason::InsufficientFunds
					);
					if no_fault && closure.term == Term::Served {
						record.completed = record.completed.saturating_add(1);
					}
				},
			}
		});
		match reason {
			Some(reason) => {
				Self::do_slash(closure.provider, closure.tenant, T::EarlyCloseSlash::get(), reason)
					.amount
			},
			None => Default::default(),
		}
	}
}
