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
	/// - `ProviderCount` counts the providers;
	/// - the auditor set is sorted without repeats;
	/// - every audit's provider exists and the per-provider index lists
	///   exactly the audits of the double map;
	/// - what each auditor has held under `AuditDeposit` equals its running
	///   total, which equals the sum of its audits' deposits.
	///
	/// Audits by accounts no longer in the auditor set are allowed: they stay
	/// until revoked or until their provider leaves, and count for nothing.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
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
		}
		ensure!(ProviderCount::<T>::get() == providers, "ProviderCount differs from the map");

		let auditors = Auditors::<T>::get();
		ensure!(auditors.windows(2).all(|w| w[0] < w[1]), "auditors not sorted and unique");

		let mut audits = 0usize;
		let mut stale = 0usize;
		let mut sums: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		for (provider, auditor, audit) in Audits::<T>::iter() {
			audits = audits.saturating_add(1);
			ensure!(Providers::<T>::contains_key(&provider), "audit of an unknown provider");
			ensure!(
				ProviderAuditors::<T>::get(&provider).contains(&auditor),
				"audit missing from the provider's index"
			);
			if auditors.binary_search(&auditor).is_err() {
				stale = stale.saturating_add(1);
			}
			let sum = sums.entry(auditor).or_default();
			*sum = sum.saturating_add(audit.deposit);
		}

		let mut indexed = 0usize;
		for (provider, index) in ProviderAuditors::<T>::iter() {
			ensure!(!index.is_empty(), "empty audit index kept in storage");
			for (i, auditor) in index.iter().enumerate() {
				ensure!(
					!index.iter().skip(i.saturating_add(1)).any(|a| a == auditor),
					"auditor twice in a provider's index"
				);
				ensure!(
					Audits::<T>::contains_key(&provider, auditor),
					"index names an audit that does not exist"
				);
			}
			indexed = indexed.saturating_add(index.len());
		}
		ensure!(indexed == audits, "audit index and audits differ in number");
		if stale > 0 {
			log::debug!(
				target: crate::LOG_TARGET,
				"{stale} audits are by former auditors and count for nothing until revoked"
			);
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
