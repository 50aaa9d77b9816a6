//! What the calls do: opening (for [`LeaseManager`](stratus_primitives::LeaseManager)),
//! depositing, settling, closing and claiming refunds.

use crate::{
	hooks::SlotLimit, pallet::*, sp_runtime, BalanceOf, ClosedLease, DepositRecord, Lease, LeaseOf,
};
use polkadot_sdk::frame_support::{ensure, traits::Get};
use polkadot_sdk::frame_system::{self, pallet_prelude::BlockNumberFor};
use sp_runtime::{
	traits::{CheckedAdd, One, Saturating, Zero},
	DispatchError, DispatchResult,
};
use stratus_primitives::{CloseReason, LeaseId, LeaseTerms, ProviderRegistry, ProviderStake};

/// The index of the tenant's opening deposit.
pub(crate) const OPENING_DEPOSIT: u32 = 0;

impl<T: Config> Pallet<T> {
	pub(crate) fn now() -> BlockNumberFor<T> {
		frame_system::Pallet::<T>::block_number()
	}

	/// Opens a lease from won terms, holding `escrow` from the tenant as
	/// deposit 0; see
	/// [`LeaseManager::open_lease`](stratus_primitives::LeaseManager::open_lease).
	pub(crate) fn do_open_lease(
		terms: LeaseTerms<T::AccountId, BalanceOf<T>, BlockNumberFor<T>>,
		escrow: BalanceOf<T>,
	) -> Result<LeaseId, DispatchError> {
		ensure!(!terms.price_per_block.is_zero(), Error::<T>::ZeroPrice);
		ensure!(escrow >= terms.price_per_block, Error::<T>::EscrowTooSmall);
		let max = T::MaxLeasesPerAccount::get();
		let tenant_leases = TenantLeaseCount::<T>::get(&terms.tenant);
		ensure!(tenant_leases < max, Error::<T>::TooManyTenantLeases);
		let provider_leases = ProviderLeaseCount::<T>::get(&terms.provider);
		ensure!(provider_leases < max, Error::<T>::TooManyProviderLeases);

		let lease_id = NextLeaseId::<T>::get();
		NextLeaseId::<T>::put(lease_id.checked_add(1).ok_or(Error::<T>::Overflow)?);

		let now = Self::now();
		let next = now.saturating_add(One::one());
		let run_dry_at = Self::run_dry_block(now, escrow, terms.price_per_block);
		let queued_at = Self::enqueue(lease_id, run_dry_at, next, SlotLimit::Admitted)?;
		if NextUnprocessedBlock::<T>::get().is_none() {
			// The first lease ever queued, and in a later block than this one,
			// whose hook may have run already.
			NextUnprocessedBlock::<T>::put(next);
		}
		Self::take_deposit(&terms.tenant, &terms.tenant, escrow)?;

		let lease: LeaseOf<T> = Lease {
			order_id: terms.order_id,
			tenant: terms.tenant.clone(),
			provider: terms.provider.clone(),
			resources: terms.resources,
			price_per_block: terms.price_per_block,
			min_term: terms.min_term,
			started_at: now,
			settled_up_to: now,
			run_dry_at,
			queued_at,
			deposited: escrow,
			spent: Zero::zero(),
			next_deposit: OPENING_DEPOSIT.saturating_add(1),
			open_deposits: 1,
		};
		Deposits::<T>::insert(
			lease_id,
			OPENING_DEPOSIT,
			DepositRecord { depositor: terms.tenant.clone(), start: Zero::zero(), amount: escrow },
		);
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
			price_per_block: terms.price_per_block,
			escrow,
			run_dry_at,
		});
		Ok(lease_id)
	}

	/// Tops up a lease: settles it, moves `amount` of `who`'s money into the
	/// tenant's escrow hold as a new deposit record, and moves the lease to
	/// its new run-dry slot.
	pub(crate) fn do_deposit(
		who: &T::AccountId,
		lease_id: LeaseId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		ensure!(amount >= T::MinDeposit::get(), Error::<T>::DepositTooSmall);
		let mut lease = Leases::<T>::get(lease_id).ok_or(Error::<T>::UnknownLease)?;
		let now = Self::now();

		let paid = Self::settle_lease(&mut lease, now)?;
		let index = lease.next_deposit;
		let record = DepositRecord { depositor: who.clone(), start: lease.deposited, amount };
		lease.deposited = lease.deposited.checked_add(&amount).ok_or(Error::<T>::Overflow)?;
		lease.next_deposit = index.checked_add(1).ok_or(Error::<T>::Overflow)?;
		lease.open_deposits = lease.open_deposits.checked_add(1).ok_or(Error::<T>::Overflow)?;
		Self::take_deposit(&lease.tenant, who, amount)?;

		let run_dry_at =
			Self::run_dry_block(lease.settled_up_to, lease.balance(), lease.price_per_block);
		ensure!(run_dry_at > now, Error::<T>::WouldRunDry);
		if run_dry_at != lease.run_dry_at {
			Self::dequeue(lease_id, lease.queued_at);
			lease.queued_at = Self::enqueue(
				lease_id,
				run_dry_at,
				now.saturating_add(One::one()),
				SlotLimit::Admitted,
			)?;
			lease.run_dry_at = run_dry_at;
		}
		let settled_up_to = lease.settled_up_to;
		Deposits::<T>::insert(lease_id, index, record);
		Leases::<T>::insert(lease_id, lease);

		if !paid.total().is_zero() {
			Self::deposit_event(Event::LeaseSettled {
				lease_id,
				paid_to_provider: paid.to_provider,
				paid_to_treasury: paid.to_treasury,
				settled_up_to,
			});
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

	/// The provider collects what the lease owes.
	pub(crate) fn do_withdraw(who: &T::AccountId, lease_id: LeaseId) -> DispatchResult {
		let mut lease = Leases::<T>::get(lease_id).ok_or(Error::<T>::UnknownLease)?;
		ensure!(lease.provider == *who, Error::<T>::NotProvider);
		let paid = Self::settle_lease(&mut lease, Self::now())?;
		let settled_up_to = lease.settled_up_to;
		Leases::<T>::insert(lease_id, lease);
		Self::deposit_event(Event::Withdrawn {
			lease_id,
			provider: who.clone(),
			paid_to_provider: paid.to_provider,
			paid_to_treasury: paid.to_treasury,
			settled_up_to,
		});
		Ok(())
	}

	/// Settles a lease, closing it at once if it cannot pay the next block.
	pub(crate) fn do_settle(lease_id: LeaseId) -> DispatchResult {
		let mut lease = Leases::<T>::get(lease_id).ok_or(Error::<T>::UnknownLease)?;
		let now = Self::now();
		if lease.run_dry_at <= now {
			return Self::do_close(lease_id, lease, CloseReason::InsufficientFunds);
		}
		let paid = Self::settle_lease(&mut lease, now)?;
		let settled_up_to = lease.settled_up_to;
		Leases::<T>::insert(lease_id, lease);
		Self::deposit_event(Event::LeaseSettled {
			lease_id,
			paid_to_provider: paid.to_provider,
			paid_to_treasury: paid.to_treasury,
			settled_up_to,
		});
		Ok(())
	}

	/// A party closes a lease; a provider closing before the minimum term is
	/// reported to the stake pallet.
	pub(crate) fn do_close_lease(who: &T::AccountId, lease_id: LeaseId) -> DispatchResult {
		let lease = Leases::<T>::get(lease_id).ok_or(Error::<T>::UnknownLease)?;
		let reason = if lease.tenant == *who {
			CloseReason::ByTenant
		} else if lease.provider == *who {
			CloseReason::ByProvider
		} else {
			return Err(Error::<T>::NotLeaseParty.into());
		};
		let early = reason == CloseReason::ByProvider
			&& Self::now() < lease.started_at.saturating_add(lease.min_term);
		let (provider, tenant) = (lease.provider.clone(), lease.tenant.clone());

		Self::do_close(lease_id, lease, reason)?;

		if early {
			let slashed = T::Stake::early_close(&provider, &tenant, lease_id);
			Self::deposit_event(Event::EarlyCloseReported { lease_id, provider, slashed });
		}
		Ok(())
	}

	/// Closes a lease: settles it, releases the provider's capacity, takes
	/// it out of the run-dry queue and the indexes, refunds the tenant's
	/// opening deposit, and keeps a [`ClosedLease`] while other deposits
	/// wait to be claimed. Touches a fixed number of storage items, however
	/// many deposits the lease has.
	pub(crate) fn do_close(
		lease_id: LeaseId,
		mut lease: LeaseOf<T>,
		reason: CloseReason,
	) -> DispatchResult {
		let paid = Self::settle_lease(&mut lease, Self::now())?;
		T::Registry::release(&lease.provider, &lease.resources)?;

		let opening =
			Deposits::<T>::take(lease_id, OPENING_DEPOSIT).ok_or(Error::<T>::EscrowMismatch)?;
		let refunded = opening.unspent(lease.spent);
		Self::pay_refund(&lease.tenant, &opening.depositor, refunded)?;
		let claimable = lease.balance().saturating_sub(refunded);
		let open_deposits = lease.open_deposits.checked_sub(1).ok_or(Error::<T>::EscrowMismatch)?;
		if open_deposits > 0 {
			ClosedLeases::<T>::insert(
				lease_id,
				ClosedLease { tenant: lease.tenant.clone(), spent: lease.spent, open_deposits },
			);
		}

		Self::dequeue(lease_id, lease.queued_at);
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
			refunded,
			claimable,
		});
		Ok(())
	}

	fn decrement(count: &mut Option<u32>) {
		*count = count.map(|n| n.saturating_sub(1)).filter(|n| *n > 0);
	}

	/// Pays deposit `index` of a closed lease back to its depositor and
	/// removes its record, and the closed lease's with the last one.
	pub(crate) fn do_claim_refund(lease_id: LeaseId, index: u32) -> DispatchResult {
		ensure!(!Leases::<T>::contains_key(lease_id), Error::<T>::LeaseStillActive);
		let mut closed = ClosedLeases::<T>::get(lease_id).ok_or(Error::<T>::UnknownLease)?;
		let record = Deposits::<T>::take(lease_id, index).ok_or(Error::<T>::UnknownDeposit)?;
		let amount = record.unspent(closed.spent);
		Self::pay_refund(&closed.tenant, &record.depositor, amount)?;

		closed.open_deposits =
			closed.open_deposits.checked_sub(1).ok_or(Error::<T>::EscrowMismatch)?;
		if closed.open_deposits == 0 {
			ClosedLeases::<T>::remove(lease_id);
		} else {
			ClosedLeases::<T>::insert(lease_id, closed);
		}

		Self::deposit_event(Event::RefundClaimed {
			lease_id,
			index,
			depositor: record.depositor,
			amount,
		});
		Ok(())
	}
}
