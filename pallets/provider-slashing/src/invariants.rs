//! The invariants `try_state` checks, also run at the end of every test.

use crate::*;
use alloc::vec::Vec;

impl<T: Config> Pallet<T> {
	/// Checks the pallet's invariants:
	/// - every provider's held bond equals bonded plus its chunks, no chunk
	///   is empty, and a fault count at the limit means a jail (the slash
	///   that reaches it jails, and unjailing resets it);
	/// - every tenant's held report deposit of each asset equals the
	///   deposits of its reports in that asset, none of them zero;
	/// - every report, open or disputed, sits in exactly one deadline slot,
	///   its own, at or after the cursor; every queued id is a report;
	/// - `OpenReportOfLease` and `ReportsByProvider` index exactly the
	///   reports, `OpenReportCount` counts them per provider, and every id
	///   is below `NextReportId`;
	/// - every track record agrees with itself: weighed between its start
	///   and now, no more leases completed than closed, a fault counted for
	///   every lease closed `NotReady` or `ProviderUnreachable` and at most
	///   one per lease its provider closed, and no more evidence for the
	///   provider than the value it served.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use alloc::collections::btree_map::BTreeMap;
		use frame_support::{
			ensure,
			traits::{fungible::InspectHold, Get},
		};
		use sp_runtime::traits::{Saturating, Zero};

		let max_faults = T::MaxFaultsBeforeJail::get();
		for (who, bond) in Bonds::<T>::iter() {
			let held = T::Currency::balance_on_hold(&HoldReason::Bond.into(), &who);
			ensure!(held == bond.total(), "held bond differs from bonded + unbonding");
			ensure!(
				bond.unbonding.iter().all(|chunk| !chunk.amount.is_zero()),
				"empty unbonding chunk"
			);
			ensure!(
				bond.faults < max_faults || bond.jailed_at.is_some(),
				"fault count at the limit without a jail"
			);
		}

		let started = NextUnprocessedBlock::<T>::get();
		ensure!(
			started.is_some() || ReportWindows::<T>::iter().next().is_none(),
			"window slots queued without a cursor"
		);
		let cursor = started.unwrap_or_default();
		let next_id = NextReportId::<T>::get();
		let mut deposits: BTreeMap<(T::AccountId, T::AssetKind), BalanceOf<T>> = BTreeMap::new();
		let mut count: u32 = 0;
		let mut per_provider: BTreeMap<T::AccountId, u32> = BTreeMap::new();
		for (id, report) in Reports::<T>::iter() {
			count = count.saturating_add(1);
			ensure!(id < next_id, "report id at or above NextReportId");
			ensure!(!report.deposit.is_zero(), "report without a deposit");
			let entry = deposits.entry((report.tenant.clone(), report.asset.clone())).or_default();
			*entry = entry.saturating_add(report.deposit);
			ensure!(
				OpenReportOfLease::<T>::get(report.lease_id) == Some(id),
				"report missing from OpenReportOfLease"
			);
			ensure!(
				ReportsByProvider::<T>::contains_key(&report.provider, id),
				"report missing from ReportsByProvider"
			);
			let counted = per_provider.entry(report.provider.clone()).or_default();
			*counted = counted.saturating_add(1);
			let slots = ReportWindows::<T>::iter()
				.filter(|(_, ids)| ids.contains(&id))
				.map(|(at, ids)| (at, ids.iter().filter(|x| **x == id).count()))
				.collect::<Vec<_>>();
			ensure!(
				slots.len() == 1 && slots.iter().all(|(_, n)| *n == 1),
				"report not in exactly one deadline slot"
			);
			ensure!(
				slots.iter().all(|(at, _)| *at == report.deadline && *at >= cursor),
				"report in the wrong deadline slot"
			);
		}
		for ((tenant, asset), total) in deposits {
			let held =
				<T::Funds as frame_support::traits::fungibles::InspectHold<_>>::balance_on_hold(
					asset,
					&HoldReason::ReportDeposit.into(),
					&tenant,
				);
			ensure!(held == total, "held report deposit differs from open reports");
		}
		ensure!(
			OpenReportOfLease::<T>::iter().count() as u32 == count,
			"OpenReportOfLease has entries without a report"
		);
		// With every report indexed (above), an entry naming only its own
		// report's provider makes the index exactly the reports.
		for (provider, id, ()) in ReportsByProvider::<T>::iter() {
			ensure!(
				Reports::<T>::get(id).is_some_and(|r| r.provider == provider),
				"ReportsByProvider lists a report of someone else"
			);
		}
		for (provider, n) in OpenReportCount::<T>::iter() {
			ensure!(
				per_provider.get(&provider) == Some(&n),
				"OpenReportCount differs from the provider's reports"
			);
		}
		ensure!(
			OpenReportCount::<T>::iter().count() == per_provider.len(),
			"a provider's reports are not counted"
		);
		for (at, ids) in ReportWindows::<T>::iter() {
			ensure!(!ids.is_empty(), "empty window slot kept");
			ensure!(at >= cursor, "window slot behind the cursor");
			for id in ids {
				ensure!(Reports::<T>::contains_key(id), "deadline slot holds an unknown report");
			}
		}
		let now = frame_system::Pallet::<T>::block_number();
		for (_, record) in TrackRecords::<T>::iter() {
			ensure!(
				record.since <= record.weighed_at && record.weighed_at <= now,
				"a track record weighed before it began or in the future"
			);
			ensure!(record.completed <= record.closed.total(), "more leases completed than closed");
			ensure!(
				record.faults.not_ready == record.closed.not_ready
					&& record.faults.unreachable == record.closed.provider_unreachable
					&& record.faults.early_close <= record.closed.by_provider,
				"a track record's faults differ from its closed leases"
			);
			ensure!(record.good <= record.value_served, "more evidence for than value served");
		}
		Ok(())
	}
}
