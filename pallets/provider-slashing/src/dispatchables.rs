//! What the calls do: the `do_*` bodies behind the thin calls in `lib.rs`.
//! Bonding, unbonding, withdrawing and the jail a provider can leave; fault
//! reports filed, disputed and resolved.

use crate::*;
use frame_support::{
	dispatch::DispatchResult,
	ensure,
	storage::{with_transaction, TransactionOutcome},
	traits::{
		fungible::{InspectHold as _, MutateHold},
		fungibles::{InspectHold as _, MutateHold as _},
		tokens::{Fortitude, Precision, Restriction},
		Get,
	},
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{
	traits::{One, Saturating, Zero},
	DispatchError,
};
use stratus_primitives::{queue, CloseReason, LeaseId, Liveness, ProviderLiveness, ReportId};

impl<T: Config> Pallet<T> {
	pub(crate) fn do_bond(who: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let mut bond = match Bonds::<T>::get(who) {
			Some(bond) => bond,
			None => {
				ensure!(amount >= T::MinProviderBond::get(), Error::<T>::BondBelowMinimum);
				BondOf::<T>::new(Zero::zero())
			},
		};
		let reason = HoldReason::Bond.into();
		ensure!(T::Currency::can_hold(&reason, who, amount), Error::<T>::InsufficientBalance);
		T::Currency::hold(&reason, who, amount)?;
		bond.bonded = bond.bonded.saturating_add(amount);
		let bonded = bond.bonded;
		Bonds::<T>::insert(who, bond);
		Self::deposit_event(Event::Bonded { provider: who.clone(), amount, bonded });
		Ok(())
	}

	pub(crate) fn do_unbond(who: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let mut bond = Bonds::<T>::get(who).ok_or(Error::<T>::NotBonded)?;
		ensure!(amount <= bond.bonded, Error::<T>::InsufficientBond);
		ensure!(amount <= bond.free(), Error::<T>::StakeCommitted);
		let remaining = bond.bonded.saturating_sub(amount);
		if T::Leases::active_leases(who) > 0 {
			ensure!(remaining >= T::MinProviderBond::get(), Error::<T>::WouldFallBelowMinimum);
		}
		let now = frame_system::Pallet::<T>::block_number();
		let unlocks_at = now.saturating_add(T::UnbondingPeriod::get());
		// Unbonding twice in a block needs no second chunk.
		match bond.unbonding.last_mut() {
			Some(last) if last.unlocks_at == unlocks_at => {
				last.amount = last.amount.saturating_add(amount);
			},
			_ => bond
				.unbonding
				.try_push(UnbondChunk { amount, unlocks_at })
				.map_err(|_| Error::<T>::TooManyUnbondingChunks)?,
		}
		bond.bonded = remaining;
		Bonds::<T>::insert(who, bond);
		Self::deposit_event(Event::Unbonded { provider: who.clone(), amount, unlocks_at });
		Ok(())
	}

	pub(crate) fn do_withdraw_unbonded(who: &T::AccountId) -> DispatchResult {
		let mut bond = Bonds::<T>::get(who).ok_or(Error::<T>::NotBonded)?;
		ensure!(OpenReportCount::<T>::get(who) == 0, Error::<T>::OpenReportsPending);
		let now = frame_system::Pallet::<T>::block_number();
		let mut amount = BalanceOf::<T>::zero();
		bond.unbonding.retain(|chunk| {
			if chunk.unlocks_at <= now {
				amount = amount.saturating_add(chunk.amount);
				false
			} else {
				true
			}
		});
		ensure!(!amount.is_zero(), Error::<T>::NothingToWithdraw);
		T::Currency::release(&HoldReason::Bond.into(), who, amount, Precision::Exact)?;
		Self::store_bond(who, bond);
		Self::deposit_event(Event::Withdrawn { provider: who.clone(), amount });
		Ok(())
	}

	/// Writes `who`'s bond record back, or removes it once it holds nothing
	/// and remembers no jail.
	fn store_bond(who: &T::AccountId, bond: BondOf<T>) {
		if bond.is_spent() {
			Bonds::<T>::remove(who);
		} else {
			Bonds::<T>::insert(who, bond);
		}
	}

	/// Lifts the jail of `who`. The provider itself needs the jail period
	/// over and a bond at the minimum; the adjudicator needs neither.
	pub(crate) fn do_unjail(who: &T::AccountId, by: UnjailedBy) -> DispatchResult {
		let mut bond = Bonds::<T>::get(who).ok_or(Error::<T>::NotBonded)?;
		let jailed_at = bond.jailed_at.ok_or(Error::<T>::NotJailed)?;
		if by == UnjailedBy::Provider {
			let now = frame_system::Pallet::<T>::block_number();
			ensure!(now >= jailed_at.saturating_add(T::JailPeriod::get()), Error::<T>::StillJailed);
			ensure!(bond.bonded >= T::MinProviderBond::get(), Error::<T>::BondBelowMinimum);
		}
		bond.jailed_at = None;
		bond.faults = 0;
		Self::store_bond(who, bond);
		Self::deposit_event(Event::Unjailed { provider: who.clone(), by });
		Ok(())
	}
}

impl<T: Config> Pallet<T> {
	pub(crate) fn do_report_fault(
		who: &T::AccountId,
		lease_id: LeaseId,
		kind: FaultKind,
		evidence: Evidence,
	) -> Result<ReportId, DispatchError> {
		let lease = T::Leases::slashable_lease(lease_id)
			.filter(|lease| lease.reportable)
			.ok_or(Error::<T>::LeaseNotReportable)?;
		let (tenant, provider, asset) = (lease.tenant, lease.provider, lease.asset);
		ensure!(tenant == *who, Error::<T>::NotLeaseTenant);
		ensure!(
			kind != FaultKind::Unavailable
				|| T::Liveness::liveness(&provider) != Some(Liveness::InMaintenance),
			Error::<T>::ProviderInMaintenance
		);
		ensure!(!OpenReportOfLease::<T>::contains_key(lease_id), Error::<T>::ReportAlreadyOpen);

		let report_id = NextReportId::<T>::get();
		let next = report_id.checked_add(1).ok_or(Error::<T>::ReportIdOverflow)?;
		let deadline =
			Self::enqueue_report(report_id, Self::deadline_after(T::DisputeWindow::get()))?;

		let deposit = stratus_primitives::deposit_in::<T::Rates, _, _>(
			T::ReportDeposit::get(),
			asset.clone(),
		)
		.ok_or(Error::<T>::NoRate)?;
		let reason = HoldReason::ReportDeposit.into();
		ensure!(
			T::Funds::can_hold(asset.clone(), &reason, who, deposit),
			Error::<T>::InsufficientBalance
		);
		T::Funds::hold(asset.clone(), &reason, who, deposit)?;

		NextReportId::<T>::put(next);
		OpenReportOfLease::<T>::insert(lease_id, report_id);
		OpenReportCount::<T>::mutate(&provider, |n| *n = n.saturating_add(1));
		ReportsByProvider::<T>::insert(&provider, report_id, ());
		Reports::<T>::insert(
			report_id,
			Report {
				lease_id,
				tenant: tenant.clone(),
				provider: provider.clone(),
				kind,
				evidence,
				asset,
				deposit,
				status: ReportStatus::Open,
				deadline,
				stake: lease.stake,
				tenant_paid: lease.tenant_paid,
			},
		);
		Self::deposit_event(Event::FaultReported {
			report_id,
			lease_id,
			tenant,
			provider,
			kind,
			evidence,
			window_end: deadline,
		});
		Ok(report_id)
	}

	/// The block `period` blocks from now, at least the next one: a deadline
	/// in this block would sit behind the hook's cursor, which has passed
	/// this block already, and never come (governance may set a period to
	/// zero).
	fn deadline_after(period: BlockNumberFor<T>) -> BlockNumberFor<T> {
		frame_system::Pallet::<T>::block_number().saturating_add(period.max(One::one()))
	}

	pub(crate) fn do_dispute(
		who: &T::AccountId,
		report_id: ReportId,
		evidence: Evidence,
	) -> DispatchResult {
		let mut report = Reports::<T>::get(report_id).ok_or(Error::<T>::UnknownReport)?;
		ensure!(report.provider == *who, Error::<T>::NotReportedProvider);
		ensure!(report.status == ReportStatus::Open, Error::<T>::AlreadyDisputed);
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(now < report.deadline, Error::<T>::DisputeWindowClosed);

		// The adjudicator has its own deadline, after which the report is
		// dismissed: a disputed report waits for nobody forever. Out of its
		// slot first: the new deadline may fall in the same one. (A full
		// queue fails the call, which puts the report back.)
		Self::unqueue(report.deadline, report_id);
		let decide_by =
			Self::enqueue_report(report_id, Self::deadline_after(T::AdjudicationPeriod::get()))?;
		report.status = ReportStatus::Disputed { provider_evidence: evidence };
		report.deadline = decide_by;
		Reports::<T>::insert(report_id, report);
		Self::deposit_event(Event::ReportDisputed {
			report_id,
			provider: who.clone(),
			evidence,
			decide_by,
		});
		Ok(())
	}

	pub(crate) fn do_resolve_report(report_id: ReportId, verdict: Verdict) -> DispatchResult {
		let report = Reports::<T>::get(report_id).ok_or(Error::<T>::UnknownReport)?;
		Self::unqueue(report.deadline, report_id);
		Self::close_report(report_id, report, verdict, ResolvedBy::Adjudicator);
		Ok(())
	}

	/// Removes `report_id` from the deadline slot of `deadline`.
	fn unqueue(deadline: BlockNumberFor<T>, report_id: ReportId) {
		ReportWindows::<T>::mutate_exists(deadline, |slot| queue::take_out(slot, &report_id));
	}

	/// Settles a report that is already out of the deadline queue, and
	/// removes it. Never fails.
	pub(crate) fn close_report(
		report_id: ReportId,
		report: ReportOf<T>,
		verdict: Verdict,
		by: ResolvedBy,
	) {
		let mut slashed = Zero::zero();
		let mut lease_closed = false;
		match verdict {
			Verdict::Uphold => {
				let fault = SlashReason::Report { report_id, kind: report.kind };
				// A fault that ends the lease closes it first: its payments
				// are settled to now (what the tenant's compensation may
				// come to) and its slice is committed no more. A lease that
				// closed in the meantime stays closed; the slash and the
				// compensation stand all the same.
				if report.kind.closes_lease() {
					lease_closed = Self::close_lease(report.lease_id);
				}
				// The lease as it stands now; its record may be gone (a
				// closed lease forgotten after its grace period), and then
				// the report's own copy stands in.
				let lease =
					T::Leases::slashable_lease(report.lease_id).unwrap_or_else(|| LeaseAtStake::<
						T,
					> {
						tenant: report.tenant.clone(),
						provider: report.provider.clone(),
						asset: report.asset.clone(),
						active: false,
						reportable: false,
						stake: report.stake,
						tenant_paid: report.tenant_paid,
					});
				slashed = Self::do_slash_lease(
					report.lease_id,
					&lease,
					Self::fraction_for(report.kind),
					fault,
				)
				.amount;
				Self::return_deposit(&report);
				let weight = Self::report_weight(slashed);
				Self::record(&report.provider, |record| record.count_fault(&fault, weight));
			},
			Verdict::Reject => {
				Self::forfeit_deposit(&report);
				Self::record(&report.provider, |record| {
					record.disputes_won = record.disputes_won.saturating_add(1)
				});
			},
			Verdict::Dismiss => Self::return_deposit(&report),
		}

		Reports::<T>::remove(report_id);
		OpenReportOfLease::<T>::remove(report.lease_id);
		OpenReportCount::<T>::mutate_exists(&report.provider, |n| {
			*n = n.map(|n| n.saturating_sub(1)).filter(|n| *n > 0)
		});
		ReportsByProvider::<T>::remove(&report.provider, report_id);
		Self::deposit_event(Event::ReportResolved {
			report_id,
			verdict,
			slashed,
			lease_closed,
			by,
		});
	}

	/// Closes the lease for `ProviderSlashed`; a lease that has ended in the
	/// meantime (or that the escrow refuses to close) is left alone, with
	/// whatever the escrow did undone.
	fn close_lease(lease_id: LeaseId) -> bool {
		with_transaction(|| match T::Leases::close(lease_id, CloseReason::ProviderSlashed) {
			Ok(()) => TransactionOutcome::Commit(Ok::<bool, DispatchError>(true)),
			Err(e) => {
				log::debug!(target: LOG_TARGET, "lease {lease_id} not closed: {e:?}");
				TransactionOutcome::Rollback(Ok(false))
			},
		})
		.unwrap_or(false)
	}

	/// Releases a report's deposit back to its tenant.
	fn return_deposit(report: &ReportOf<T>) {
		if let Err(e) = T::Funds::release(
			report.asset.clone(),
			&HoldReason::ReportDeposit.into(),
			&report.tenant,
			report.deposit,
			Precision::BestEffort,
		) {
			log::error!(target: LOG_TARGET, "cannot return a report deposit: {e:?}");
		}
	}

	/// A rejected report's deposit goes to the provider. Should the
	/// provider's account refuse it (it may hold none of the asset), the
	/// deposit goes to the treasury (or is burned if the treasury refuses
	/// too).
	fn forfeit_deposit(report: &ReportOf<T>) {
		let reason = HoldReason::ReportDeposit.into();
		let pay = |to: &T::AccountId| {
			T::Funds::transfer_on_hold(
				report.asset.clone(),
				&reason,
				&report.tenant,
				to,
				report.deposit,
				Precision::BestEffort,
				Restriction::Free,
				Fortitude::Force,
			)
		};
		if pay(&report.provider).is_ok() || pay(&T::Treasury::get()).is_ok() {
			return;
		}
		let burned = T::Funds::burn_held(
			report.asset.clone(),
			&reason,
			&report.tenant,
			report.deposit,
			Precision::BestEffort,
			Fortitude::Force,
		);
		log::warn!(
			target: LOG_TARGET,
			"report deposit burned ({burned:?}): neither provider nor treasury can take it",
		);
	}
}
