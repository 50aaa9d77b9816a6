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
			let faults = &mut record.faults;
			let counter = match reason {
				Some(SlashReason::EarlyClose { .. }) => &mut faults.early_close,
				Some(SlashReason::NotReady { .. }) => &mut faults.not_ready,
				Some(_) => &mut faults.unreachable,
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
					return;
				},
			};
			*counter = counter.saturating_add(1);
			record.bad = record.bad.saturating_add(closure.promised_value);
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
