//! The invariants `try_state` checks, also run at the end of every test.

use crate::{pallet::*, types::*};
use alloc::collections::btree_map::BTreeMap;
use polkadot_sdk::{
	frame_support::{ensure, traits::fungible::InspectHold},
	sp_runtime::{traits::Saturating, TryRuntimeError},
};

impl<T: Config> Pallet<T> {
	/// Checks the pallet's invariants:
	/// - every provider's allocation fits its capacity, its attribute keys
	///   are unique, and what is held under `ProviderDeposit` equals its
	///   record's deposit;
	/// - every provider, and nobody else, has a liveness record; its last
	///   heartbeat is no earlier than its registration and no later than
	///   now, and its maintenance window ends no sooner than it starts;
	/// - `ProviderCount` counts the providers;
	/// - the auditor set is sorted by account without repeats;
	/// - every stamp (registrations, admissions, audits) was taken: it is
	///   below `NextStamp`;
	/// - what each auditor has held under `AuditDeposit` equals its running
	///   total, which equals the sum of its audits' deposits: an audit that no
	///   longer counts keeps its deposit until revoked or dropped, so no
	///   deposit is lost.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let next_stamp = NextStamp::<T>::get();
		let now = Self::now();
		let mut providers = 0u32;
		for (who, info) in Providers::<T>::iter() {
			providers = providers.saturating_add(1);
			ensure!(info.allocated.fits(&info.capacity), "allocated exceeds capacity");
			ensure!(
				Self::ensure_unique_keys(&info.attributes).is_ok(),
				"provider declares a key twice"
			);
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::ProviderDeposit.into(), &who)
					== info.deposit,
				"held provider deposit differs from the record"
			);
			ensure!(info.stamp < next_stamp, "a registration stamp was never taken");
			let liveness = LivenessRecords::<T>::get(&who).ok_or("a provider without liveness")?;
			ensure!(
				info.registered_at <= liveness.last_heartbeat && liveness.last_heartbeat <= now,
				"a heartbeat before the registration or in the future"
			);
			ensure!(
				liveness.maintenance.is_none_or(|w| w.from <= w.to),
				"a maintenance window ends before it starts"
			);
		}
		ensure!(ProviderCount::<T>::get() == providers, "ProviderCount differs from the map");
		ensure!(
			LivenessRecords::<T>::iter_keys().count() == providers as usize,
			"a liveness record without a provider"
		);

		let auditors = Auditors::<T>::get();
		ensure!(
			auditors.windows(2).all(|w| w[0].account < w[1].account),
			"auditors not sorted and unique"
		);
		ensure!(
			auditors.iter().all(|a| a.admitted < next_stamp),
			"an admission stamp was never taken"
		);

		let mut sums: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		for (_provider, auditor, audit) in Audits::<T>::iter() {
			ensure!(audit.stamp < next_stamp, "an audit stamp was never taken");
			let sum = sums.entry(auditor).or_default();
			*sum = sum.saturating_add(audit.deposit);
		}

		let mut totals = 0usize;
		for (auditor, total) in AuditorDeposits::<T>::iter() {
			totals = totals.saturating_add(1);
			ensure!(
				sums.get(&auditor).copied().unwrap_or_default() == total,
				"auditor's running total differs from its audits"
			);
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::AuditDeposit.into(), &auditor) == total,
				"held audit deposit differs from the running total"
			);
		}
		ensure!(totals == sums.len(), "an auditor with audits has no running total");
		Ok(())
	}
}
