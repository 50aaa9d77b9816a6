//! What slashing does when lease escrow reports a closed lease: the slice
//! of the bond the lease committed is free again, and a provider that cut
//! the lease short, never confirmed it ready, or was unreachable when its
//! tenant closed, is slashed `EarlyCloseSlash` of that slice, the tenant
//! compensated (never more than the lease cost it), and a fault counted. Both are
//! objective (the chain saw them), so no report or adjudication is needed.
//! Every other closure costs nobody anything here (a lease closed for a
//! fault was slashed by the report that closed it). Every closure goes into
//! the provider's track record ([`crate::track_record`]).

use crate::*;
use sp_runtime::traits::Saturating;
use stratus_primitives::{CloseReason, LeaseClosure, OnLeaseClosed, Term};

impl<T: Config> OnLeaseClosed<T::AccountId, T::AssetKind, BalanceOf<T>> for Pallet<T> {
	fn on_lease_closed(
		closure: &LeaseClosure<'_, T::AccountId, T::AssetKind, BalanceOf<T>>,
	) -> BalanceOf<T> {
		let lease_id = closure.lease_id;
		Bonds::<T>::mutate_extant(closure.provider, |bond| {
			bond.committed = bond.committed.saturating_sub(closure.stake.slice)
		});
		let reason = match (closure.reason, closure.term) {
			(CloseReason::ByProvider, Term::CutShort) => Some(SlashReason::EarlyClose { lease_id }),
			(CloseReason::NotReady, _) => Some(SlashReason::NotReady { lease_id }),
			(CloseReason::ProviderUnreachable, _) => Some(SlashReason::Unreachable { lease_id }),
			_ => None,
		};
		// Evidence in one unit, STRA, at the rate of the block the lease
		// closes in (rounded down): a lease in USDT weighs what it is worth,
		// not its count of USDT's smallest units.
		let value_served = Self::in_native(closure.value_served, closure.asset);
		let promised_value = Self::in_native(closure.promised_value, closure.asset);
		Self::record(closure.provider, |record| {
			record.closed.count(closure.reason);
			record.blocks_served =
				record.blocks_served.saturating_add(u64::from(closure.blocks_served));
			record.value_served = record.value_served.saturating_add(value_served);
			// What an upheld report ended was weighed when it was upheld.
			if closure.reason != CloseReason::ProviderSlashed {
				record.good = record.good.saturating_add(value_served);
			}
			match &reason {
				Some(fault) => record.count_fault(fault, promised_value),
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
				let lease = LeaseAtStake::<T> {
					tenant: closure.tenant.clone(),
					provider: closure.provider.clone(),
					asset: closure.asset.clone(),
					active: false,
					reportable: true,
					stake: closure.stake,
					tenant_paid: closure.tenant_paid,
				};
				Self::do_slash_lease(lease_id, &lease, T::EarlyCloseSlash::get(), reason).amount
			},
			None => Default::default(),
		}
	}
}
