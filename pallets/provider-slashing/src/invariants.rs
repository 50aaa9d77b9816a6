//! The invariants `try_state` checks, also run at the end of every test.

use crate::*;
use alloc::vec::Vec;

impl<T: Config> Pallet<T> {
	/// Checks the pallet's invariants:
	/// - every provider's held bond equals bonded plus its chunks, no chunk
	///   is empty, and a fault count above the limit means a jail;
	/// - every tenant's held report deposit equals the deposits of its
	///   reports;
	/// - every open report sits in exactly one window slot, its own, at or
	///   after the cursor; disputed reports sit in none; every queued id is
	///   an open report;
	/// - `OpenReportOfLease` and `ReportsOfProvider` index exactly the
	///   reports, and every id is below `NextReportId`.
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
				bond.faults <= max_faults || bond.jailed_at.is_some(),
				"fault count over the limit without a jail"
			);
		}

		let started = NextUnprocessedBlock::<T>::get();
		ensure!(
			started.is_some() || ReportWindows::<T>::iter().next().is_none(),
			"window slots queued without a cursor"
		);
		let cursor = started.unwrap_or_default();
		let next_id = NextReportId::<T>::get();
		let mut deposits: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		let mut count: u32 = 0;
		for (id, report) in Reports::<T>::iter() {
			count = count.saturating_add(1);
			ensure!(id < next_id, "report id at or above NextReportId");
			let entry = deposits.entry(report.tenant.clone()).or_default();
			*entry = entry.saturating_add(report.deposit);
			ensure!(
				OpenReportOfLease::<T>::get(report.lease_id) == Some(id),
				"report missing from OpenReportOfLease"
			);
			ensure!(
				ReportsOfProvider::<T>::get(&report.provider).contains(&id),
				"report missing from ReportsOfProvider"
			);
			let slots = ReportWindows::<T>::iter()
				.filter(|(_, ids)| ids.contains(&id))
				.map(|(at, ids)| (at, ids.iter().filter(|x| **x == id).count()))
				.collect::<Vec<_>>();
			match report.status {
				ReportStatus::Open => {
					ensure!(
						slots.len() == 1 && slots.iter().all(|(_, n)| *n == 1),
						"open report not in exactly one window slot"
					);
					ensure!(
						slots.iter().all(|(at, _)| *at == report.window_end && *at >= cursor),
						"open report in the wrong window slot"
					);
				},
				ReportStatus::Disputed { .. } => {
					ensure!(slots.is_empty(), "disputed report still queued");
				},
			}
		}
		for (tenant, total) in deposits {
			let held = T::Currency::balance_on_hold(&HoldReason::ReportDeposit.into(), &tenant);
			ensure!(held == total, "held report deposit differs from open reports");
		}
		ensure!(
			OpenReportOfLease::<T>::iter().count() as u32 == count,
			"OpenReportOfLease has entries without a report"
		);
		let mut indexed: u32 = 0;
		for (provider, ids) in ReportsOfProvider::<T>::iter() {
			ensure!(!ids.is_empty(), "empty ReportsOfProvider entry kept");
			for id in ids {
				indexed = indexed.saturating_add(1);
				ensure!(
					Reports::<T>::get(id).is_some_and(|r| r.provider == provider),
					"ReportsOfProvider lists a report of someone else"
				);
			}
		}
		ensure!(indexed == count, "ReportsOfProvider and Reports disagree");
		for (at, ids) in ReportWindows::<T>::iter() {
			ensure!(!ids.is_empty(), "empty window slot kept");
			ensure!(at >= cursor, "window slot behind the cursor");
			for id in ids {
				ensure!(
					Reports::<T>::get(id).is_some_and(|r| r.status == ReportStatus::Open),
					"window slot holds a report that is not open"
				);
			}
		}
		Ok(())
	}
}
