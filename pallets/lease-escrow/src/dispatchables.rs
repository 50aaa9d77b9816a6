//! What the calls do: opening (for [`LeaseManager`](stratus_primitives::LeaseManager)),
//! depositing, withdrawing, settling, closing and claiming refunds.

use crate::{
	escrow::Shares,
	hooks::{RunDryQueue, SlotLimit},
	pallet::*,
	sp_runtime, BalanceOf, ClosedLease, ClosedLeaseOf, DepositRecord, Lease, LeaseOf, LeaseState,
};
use polkadot_sdk::frame_support::{
	ensure,
	traits::{tokens::ConversionToAssetBalance, Get},
};
use polkadot_sdk::frame_system::{self, pallet_prelude::BlockNumberFor};
use sp_runtime::{
	traits::{CheckedAdd, One, SaturatedConversion, Saturating, Zero},
	DispatchError, DispatchResult,
};
use stratus_primitives::{
	deposit_in, queue, CloseReason, LeaseClosure, LeaseId, LeaseStake, LeaseTerms, Liveness,
	ManifestHash, OnLeaseClosed, ProviderCapacity, ProviderLiveness, Term,
};

/// What [`Pallet::settle`] did to a lease.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum SettleOutcome {
	/// The lease was settled and stays active.
	Settled,
	/// The lease could not pay the next block and was closed.
	Closed,
}

impl<T: Config> Pallet<T> {
	pub(crate) fn now() -> BlockNumberFor<T> {
		frame_system::Pallet::<T>::block_number()
	}

	/// Opens a lease from won terms: reserves the provider's capacity and
	/// makes `escrow`, held already as an order's budget, the start of the
	/// tenant's part; see
	/// [`LeaseManager::open_lease`](stratus_primitives::LeaseManager::open_lease).
	pub(crate) fn do_open_lease(
		terms: LeaseTerms<T::AccountId, T::AssetKind, BalanceOf<T>, BlockNumberFor<T>>,
		escrow: BalanceOf<T>,
	) -> Result<LeaseId, DispatchError> {
		ensure!(!terms.price_per_block.is_zero(), Error::<T>::ZeroPrice);
		ensure!(!terms.manifest.is_zero(), Error::<T>::NoManifest);
		ensure!(escrow >= terms.price_per_block, Error::<T>::EscrowTooSmall);
		let budgets = HeldBudgets::<T>::get(&terms.tenant, &terms.asset);
		ensure!(budgets >= escrow, Error::<T>::BudgetNotHeld);
		let min_deposit = deposit_in::<T::Rates, _, _>(T::MinDeposit::get(), terms.asset.clone())
			.ok_or(Error::<T>::NoRate)?;
		// The record's deposit may be zero: it is kept from what is left.
		let record_deposit =
			T::Rates::to_asset_balance(T::ClosedLeaseDeposit::get(), terms.asset.clone())
				.map_err(|_| Error::<T>::NoRate)?;
		let max = T::MaxLeasesPerAccount::get();
		let tenant_leases = TenantLeaseCount::<T>::get(&terms.tenant);
		ensure!(tenant_leases < max, Error::<T>::TooManyTenantLeases);
		let provider_leases = ProviderLeaseCount::<T>::get(&terms.provider);
		Self::ensure_room(provider_leases)?;
		T::Capacity::reserve(&terms.provider, &terms.resources)?;

		let lease_id = NextLeaseId::<T>::get();
		NextLeaseId::<T>::put(lease_id.checked_add(1).ok_or(Error::<T>::Overflow)?);

		let now = Self::now();
		let next = now.saturating_add(One::one());
		let run_dry_at = Self::run_dry_block(now, escrow, terms.price_per_block);
		let ready_by = Self::ready_window_end(now);
		let state = LeaseState::Pending { ready_by };
		let due = ready_by.min(run_dry_at);
		// A lease is never refused while a slot it may use has room below its
		// storage bound: past what the hook closes in a block, the hook
		// carries the surplus forward (see the pallet's docs).
		let queued_at = Self::enqueue(lease_id, due, next, SlotLimit::Admitted)
			.or_else(|_| Self::enqueue(lease_id, due, next, SlotLimit::Storage))?;
		// The first lease is queued in a later block than this one, whose hook
		// may have run already.
		queue::start_cursor::<RunDryQueue<T>>(next);
		// The budget is held already: it only changes from an order's to the
		// lease's in the ledger.
		Self::set_held_budgets(&terms.tenant, &terms.asset, budgets.saturating_sub(escrow));

		let lease: LeaseOf<T> = Lease {
			order_id: terms.order_id,
			tenant: terms.tenant.clone(),
			asset: terms.asset.clone(),
			provider: terms.provider.clone(),
			resources: terms.resources,
			price_per_block: terms.price_per_block,
			min_term: terms.min_term,
			manifest: terms.manifest,
			state,
			started_at: now,
			settled_up_to: now,
			run_dry_at,
			queued_at,
			tenant_deposited: escrow,
			tenant_spent: Zero::zero(),
			others_deposited: Zero::zero(),
			others_spent: Zero::zero(),
			owed_to_provider: Zero::zero(),
			owed_to_treasury: Zero::zero(),
			next_deposit: 0,
			low_notice: None,
			min_deposit,
			record_deposit,
			stake: LeaseStake { slice: terms.stake, compensated: Zero::zero() },
		};
		Leases::<T>::insert(lease_id, lease);
		LeasesByTenant::<T>::insert(&terms.tenant, lease_id, ());
		LeasesByProvider::<T>::insert(&terms.provider, lease_id, ());
		TenantLeaseCount::<T>::insert(&terms.tenant, tenant_leases.saturating_add(1));
		ProviderLeaseCount::<T>::insert(&terms.provider, provider_leases.saturating_add(1));

		Self::deposit_event(Event::LeaseOpened {
			lease_id,
			order_id: terms.order_id,
			tenant: terms.tenant,
			provider: terms.provider,
			asset: terms.asset,
			price_per_block: terms.price_per_block,
			escrow,
			manifest: terms.manifest,
			ready_by,
		});
		Ok(lease_id)
	}

	/// Refuses a lease to a provider that serves `MaxLeasesPerAccount`
	/// already.
	pub(crate) fn ensure_room(provider_leases: u32) -> DispatchResult {
		ensure!(provider_leases < T::MaxLeasesPerAccount::get(), Error::<T>::TooManyProviderLeases);
		Ok(())
	}

	/// The provider confirms a pending lease ready: settling it brings its
	/// settlement point and run-dry block to now (nothing is billed while
	/// pending), and billing starts here. The lease moves to the slot where
	/// the hook should next see it (its running-low notice, or its run-dry
	/// block) if that has room; otherwise it stays in its slot, at or before
	/// its old due block, which is at or before its new run-dry block, and
	/// the hook moves it on from there. One slot is tried, not a search, so
	/// that confirming costs no more than a top-up.
	pub(crate) fn do_confirm_ready(who: &T::AccountId, lease_id: LeaseId) -> DispatchResult {
		let mut lease = Leases::<T>::get(lease_id).ok_or(Error::<T>::UnknownLease)?;
		ensure!(lease.provider == *who, Error::<T>::NotProvider);
		let LeaseState::Pending { ready_by } = lease.state else {
			return Err(Error::<T>::AlreadyReady.into());
		};
		let now = Self::now();
		ensure!(now < ready_by, Error::<T>::ReadyWindowOver);
		Self::settle_lease(&mut lease, now)?;
		lease.state = LeaseState::Active { billing_from: now };
		let run_dry_at = lease.run_dry_at;
		let old_slot = lease.queued_at;
		let target =
			lease.next_visit(T::RunningLowNotice::get()).max(now.saturating_add(One::one()));
		if target != old_slot {
			// The floor at the target tries that slot alone; a failure
			// changes no slot.
			if let Ok(slot) = Self::enqueue(lease_id, target, target, SlotLimit::Admitted) {
				Self::dequeue(lease_id, old_slot);
				lease.queued_at = slot;
			}
		}
		Leases::<T>::insert(lease_id, lease);
		Self::deposit_event(Event::LeaseReady {
			lease_id,
			provider: who.clone(),
			billing_from: now,
			run_dry_at,
		});
		Ok(())
	}

	/// The tenant replaces a lease's manifest. A pending lease's ready window
	/// restarts; its slot, at or before the old window's end, stays.
	pub(crate) fn do_update_manifest(
		who: &T::AccountId,
		lease_id: LeaseId,
		manifest: ManifestHash,
	) -> DispatchResult {
		ensure!(!manifest.is_zero(), Error::<T>::NoManifest);
		let mut lease = Leases::<T>::get(lease_id).ok_or(Error::<T>::UnknownLease)?;
		ensure!(lease.tenant == *who, Error::<T>::NotTenant);
		ensure!(lease.manifest != manifest, Error::<T>::ManifestUnchanged);
		let now = Self::now();
		let ready_by = match lease.state {
			LeaseState::Pending { ready_by } => {
				ensure!(now < ready_by, Error::<T>::ReadyWindowOver);
				let restarted = Self::ready_window_end(now).max(ready_by);
				lease.state = LeaseState::Pending { ready_by: restarted };
				Some(restarted)
			},
			LeaseState::Active { .. } => None,
		};
		let old = core::mem::replace(&mut lease.manifest, manifest);
		Leases::<T>::insert(lease_id, lease);
		Self::deposit_event(Event::ManifestUpdated { lease_id, old, new: manifest, ready_by });
		Ok(())
	}

	/// The end of a ready window starting at `now`: the first block in which
	/// the provider can no longer confirm, never before the next block.
	fn ready_window_end(now: BlockNumberFor<T>) -> BlockNumberFor<T> {
		now.saturating_add(T::ReadyWindow::get()).max(now.saturating_add(One::one()))
	}

	/// Why `lease` must close at `now` whoever asks, if it must: its ready
	/// window is over unconfirmed (`NotReady`), or it cannot pay the next
	/// block (`InsufficientFunds`). A pending lease never runs dry: nothing
	/// is billed.
	pub(crate) fn overdue(lease: &LeaseOf<T>, now: BlockNumberFor<T>) -> Option<CloseReason> {
		match lease.state {
			LeaseState::Pending { ready_by } => (ready_by <= now).then_some(CloseReason::NotReady),
			LeaseState::Active { .. } => {
				(lease.run_dry_at <= now).then_some(CloseReason::InsufficientFunds)
			},
		}
	}

	/// Tops up a lease: settles it, then moves `amount` of `who`'s money into
	/// the tenant's escrow hold, into the tenant's part when `who` is the
	/// tenant and as a new deposit record on the others' line otherwise.
	///
	/// The lease stays in its run-dry slot, which is now early: the hook
	/// moves it on when it gets there, so a top-up touches no slot.
	pub(crate) fn do_deposit(
		who: &T::AccountId,
		lease_id: LeaseId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		let mut lease = Leases::<T>::get(lease_id).ok_or(Error::<T>::UnknownLease)?;
		ensure!(amount >= lease.min_deposit, Error::<T>::DepositTooSmall);
		let now = Self::now();

		let accrued = Self::settle_lease(&mut lease, now)?;
		let record = if *who == lease.tenant {
			lease.tenant_deposited =
				lease.tenant_deposited.checked_add(&amount).ok_or(Error::<T>::Overflow)?;
			None
		} else {
			let index = lease.next_deposit;
			let record =
				DepositRecord { depositor: who.clone(), start: lease.others_deposited, amount };
			lease.others_deposited =
				lease.others_deposited.checked_add(&amount).ok_or(Error::<T>::Overflow)?;
			lease.next_deposit = index.checked_add(1).ok_or(Error::<T>::Overflow)?;
			Some((index, record))
		};
		let run_dry_at =
			Self::run_dry_block(lease.settled_up_to, lease.balance(), lease.price_per_block);
		ensure!(run_dry_at > now, Error::<T>::WouldRunDry);
		Self::take_deposit(&lease.asset, &lease.tenant, who, amount)?;

		lease.run_dry_at = run_dry_at;
		let settled_up_to = lease.settled_up_to;
		if let Some((index, record)) = &record {
			Deposits::<T>::insert(lease_id, index, record);
		}
		let index = record.map(|(index, _)| index);
		Leases::<T>::insert(lease_id, lease);

		if !accrued.total().is_zero() {
			Self::deposit_event(Self::settled_event(lease_id, accrued, settled_up_to));
		}
		Self::deposit_event(Event::Deposited {
			lease_id,
			index,
			depositor: who.clone(),
			amount,
			run_dry_at,
		});
		Ok(())
	}

	/// The provider collects: the lease is settled, then everything owed is
	/// paid out of the tenant's hold to the provider and the treasury. For
	/// a closed lease, the provider collects what could not be paid to it
	/// at close.
	pub(crate) fn do_withdraw(who: &T::AccountId, lease_id: LeaseId) -> DispatchResult {
		let Some(mut lease) = Leases::<T>::get(lease_id) else {
			return Self::withdraw_closed(who, lease_id);
		};
		ensure!(lease.provider == *who, Error::<T>::NotProvider);
		let accrued = Self::settle_lease(&mut lease, Self::now())?;
		let paid = Self::pay_owed(&mut lease)?;
		let settled_up_to = lease.settled_up_to;
		Leases::<T>::insert(lease_id, lease);
		if !accrued.total().is_zero() {
			Self::deposit_event(Self::settled_event(lease_id, accrued, settled_up_to));
		}
		Self::deposit_event(Event::Withdrawn {
			lease_id,
			provider: who.clone(),
			paid_to_provider: paid.to_provider,
			paid_to_treasury: paid.to_treasury,
			settled_up_to,
		});
		Ok(())
	}

	/// The provider of the closed lease `lease_id` collects what its
	/// account could not take at close.
	fn withdraw_closed(who: &T::AccountId, lease_id: LeaseId) -> DispatchResult {
		let mut closed = ClosedLeases::<T>::get(lease_id).ok_or(Error::<T>::UnknownLease)?;
		ensure!(closed.provider == *who, Error::<T>::NotProvider);
		ensure!(!closed.owed_to_provider.is_zero(), Error::<T>::NothingOwed);
		let amount = core::mem::replace(&mut closed.owed_to_provider, Zero::zero());
		Self::pay_from_escrow(&closed.asset, &closed.tenant, who, amount)?;
		ClosedLeases::<T>::insert(lease_id, closed);
		Self::deposit_event(Event::Withdrawn {
			lease_id,
			provider: who.clone(),
			paid_to_provider: amount,
			paid_to_treasury: Zero::zero(),
			settled_up_to: Self::now(),
		});
		Ok(())
	}

	/// Settles a lease, closing it at once if it cannot pay the next block
	/// or its ready window is over unconfirmed. Settling moves the ledger
	/// only: the money stays in the tenant's hold until the provider
	/// withdraws or the lease closes.
	pub(crate) fn do_settle(lease_id: LeaseId) -> Result<SettleOutcome, DispatchError> {
		let mut lease = Leases::<T>::get(lease_id).ok_or(Error::<T>::UnknownLease)?;
		let now = Self::now();
		if let Some(reason) = Self::overdue(&lease, now) {
			Self::do_close(lease_id, lease, reason)?;
			return Ok(SettleOutcome::Closed);
		}
		let accrued = Self::settle_lease(&mut lease, now)?;
		let settled_up_to = lease.settled_up_to;
		Leases::<T>::insert(lease_id, lease);
		Self::deposit_event(Self::settled_event(lease_id, accrued, settled_up_to));
		Ok(SettleOutcome::Settled)
	}

	/// The event saying what a settlement of `lease_id` accrued.
	fn settled_event(
		lease_id: LeaseId,
		accrued: Shares<BalanceOf<T>>,
		settled_up_to: BlockNumberFor<T>,
	) -> Event<T> {
		Event::LeaseSettled {
			lease_id,
			accrued_to_provider: accrued.to_provider,
			accrued_to_treasury: accrued.to_treasury,
			settled_up_to,
		}
	}

	/// Closes a lease: `ByTenant` or `ByProvider`, whichever the caller is;
	/// or, by anyone, `NotReady` or `InsufficientFunds` when the lease only
	/// waits for the hook to close it for that: ending it then is whoever
	/// gets there first's right, and costs nobody but the provider of a
	/// lease never confirmed ready.
	pub(crate) fn do_close_lease(who: &T::AccountId, lease_id: LeaseId) -> DispatchResult {
		let lease = Leases::<T>::get(lease_id).ok_or(Error::<T>::UnknownLease)?;
		if let Some(reason) = Self::overdue(&lease, Self::now()) {
			return Self::do_close(lease_id, lease, reason);
		}
		let reason = if lease.tenant == *who {
			match T::Liveness::liveness(&lease.provider) {
				Some(Liveness::Unreachable) => CloseReason::ProviderUnreachable,
				_ => CloseReason::ByTenant,
			}
		} else if lease.provider == *who {
			CloseReason::ByProvider
		} else {
			return Err(Error::<T>::NotLeaseParty.into());
		};
		Self::do_close(lease_id, lease, reason)
	}

	/// Closes a lease still in its run-dry slot: takes it out of the slot,
	/// then [`Self::close_dequeued`]. Callers run it in a storage layer.
	pub(crate) fn do_close(
		lease_id: LeaseId,
		lease: LeaseOf<T>,
		reason: CloseReason,
	) -> DispatchResult {
		Self::dequeue(lease_id, lease.queued_at);
		Self::close_dequeued(lease_id, lease, reason)
	}

	/// Closes a lease that is in no run-dry slot (the hook took its slot):
	/// settles it, pays out everything it owes, releases the provider's
	/// capacity, takes it out of the indexes, refunds what is left of the
	/// tenant's part less the record's deposit, and keeps a [`ClosedLease`]
	/// for the report grace period and while third-party deposits wait to be
	/// claimed. Touches a fixed number of storage items, however many
	/// deposits the lease has.
	pub(crate) fn close_dequeued(
		lease_id: LeaseId,
		mut lease: LeaseOf<T>,
		reason: CloseReason,
	) -> DispatchResult {
		let now = Self::now();
		Self::settle_lease(&mut lease, now)?;
		let paid = Self::pay_owed_at_close(&mut lease)?;
		T::Capacity::release(&lease.provider, &lease.resources)?;

		let unspent = lease.tenant_unspent();
		let record_deposit = lease.record_deposit.min(unspent);
		let refunded = unspent.saturating_sub(record_deposit);
		Self::release_to_tenant(&lease.asset, &lease.tenant, refunded)?;
		let claimable = lease.others_unspent();
		let kept_owed = lease.owed_to_provider;
		ClosedLeases::<T>::insert(
			lease_id,
			ClosedLease {
				tenant: lease.tenant.clone(),
				provider: lease.provider.clone(),
				asset: lease.asset.clone(),
				reportable_until: now.saturating_add(T::ReportGracePeriod::get()),
				deposit: record_deposit,
				others_spent: lease.others_spent,
				open_deposits: lease.next_deposit,
				owed_to_provider: kept_owed,
				tenant_spent: lease.tenant_spent,
				stake: lease.stake,
			},
		);

		Leases::<T>::remove(lease_id);
		LeasesByTenant::<T>::remove(&lease.tenant, lease_id);
		LeasesByProvider::<T>::remove(&lease.provider, lease_id);
		TenantLeaseCount::<T>::mutate_exists(&lease.tenant, |n| Self::decrement(n));
		ProviderLeaseCount::<T>::mutate_exists(&lease.provider, |n| Self::decrement(n));

		Self::deposit_event(Event::LeaseClosed {
			lease_id,
			reason,
			paid_to_provider: paid.to_provider,
			paid_to_treasury: paid.to_treasury,
			owed_to_provider: kept_owed,
			refunded,
			record_deposit,
			claimable,
		});

		let term = match lease.state {
			LeaseState::Active { billing_from }
				if now >= billing_from.saturating_add(lease.min_term) =>
			{
				Term::Served
			},
			_ => Term::CutShort,
		};
		let blocks_served = match lease.state {
			LeaseState::Active { billing_from } => lease.settled_up_to.saturating_sub(billing_from),
			LeaseState::Pending { .. } => Zero::zero(),
		};
		let slashed = T::OnLeaseClosed::on_lease_closed(&LeaseClosure {
			lease_id,
			tenant: &lease.tenant,
			provider: &lease.provider,
			asset: &lease.asset,
			stake: lease.stake,
			tenant_paid: lease.tenant_spent,
			reason,
			term,
			blocks_served: blocks_served.saturated_into(),
			value_served: lease.tenant_spent.saturating_add(lease.others_spent),
			promised_value: lease
				.price_per_block
				.saturating_mul(BalanceOf::<T>::from(lease.min_term.saturated_into::<u32>())),
		});
		if reason == CloseReason::ByProvider && term == Term::CutShort {
			Self::deposit_event(Event::EarlyCloseReported {
				lease_id,
				provider: lease.provider,
				slashed,
			});
		}
		Ok(())
	}

	fn decrement(count: &mut Option<u32>) {
		*count = count.map(|n| n.saturating_sub(1)).filter(|n| *n > 0);
	}

	/// Pays third-party deposit `index` of a closed lease back to its
	/// depositor and removes its record.
	pub(crate) fn do_claim_refund(lease_id: LeaseId, index: u32) -> DispatchResult {
		let mut closed = Self::closed_lease(lease_id)?;
		let record = Deposits::<T>::take(lease_id, index).ok_or(Error::<T>::UnknownDeposit)?;
		let amount = record.unspent(closed.others_spent);
		Self::pay_from_escrow(&closed.asset, &closed.tenant, &record.depositor, amount)?;

		closed.open_deposits =
			closed.open_deposits.checked_sub(1).ok_or(Error::<T>::EscrowMismatch)?;
		ClosedLeases::<T>::insert(lease_id, closed);

		Self::deposit_event(Event::RefundClaimed {
			lease_id,
			index,
			depositor: record.depositor,
			amount,
		});
		Ok(())
	}

	/// Removes a closed lease's record once nobody can report it any more
	/// and nothing is left to claim, and returns its deposit to the tenant.
	pub(crate) fn do_forget_lease(lease_id: LeaseId) -> DispatchResult {
		let closed = Self::closed_lease(lease_id)?;
		ensure!(Self::now() >= closed.reportable_until, Error::<T>::GracePeriodNotOver);
		ensure!(closed.open_deposits == 0, Error::<T>::RefundsUnclaimed);
		ensure!(closed.owed_to_provider.is_zero(), Error::<T>::PayoutUnclaimed);
		Self::release_to_tenant(&closed.asset, &closed.tenant, closed.deposit)?;
		ClosedLeases::<T>::remove(lease_id);
		Self::deposit_event(Event::LeaseForgotten {
			lease_id,
			tenant: closed.tenant,
			deposit: closed.deposit,
		});
		Ok(())
	}

	/// The record of the closed lease `lease_id`; failing, says whether the
	/// lease is still active or unknown (only a failure reads the active
	/// leases).
	fn closed_lease(lease_id: LeaseId) -> Result<ClosedLeaseOf<T>, DispatchError> {
		ClosedLeases::<T>::get(lease_id).ok_or_else(|| {
			if Leases::<T>::contains_key(lease_id) {
				Error::<T>::LeaseStillActive
			} else {
				Error::<T>::UnknownLease
			}
			.into()
		})
	}
}
