//! What the calls and the `LeaseManager` trait do, the read-only views and the
//! invariants.

use crate::{
	pallet::{
		Config, Error, Event, Leases, LeasesByProvider, LeasesByTenant, NextLeaseId,
		ProviderLeaseCount, TenantLeaseCount,
	},
	sp_runtime, BalanceOf, Lease, LeaseOf, LeaseViewOf, Pallet,
};
use alloc::vec::Vec;
use polkadot_sdk::frame_support::{
	ensure,
	storage::with_storage_layer,
	traits::{fungible::MutateHold, Get},
	BoundedVec,
};
use polkadot_sdk::frame_system::{self, pallet_prelude::BlockNumberFor};
use sp_runtime::{
	traits::{One, Saturating, Zero},
	DispatchError, DispatchResult,
};
use stratus_primitives::{
	CloseReason, LeaseId, LeaseManager, LeaseTerms, ProviderRegistry, ProviderStake,
};

impl<T: Config> Pallet<T> {
	fn now() -> BlockNumberFor<T> {
		frame_system::Pallet::<T>::block_number()
	}

	/// Opens a lease from won terms; see [`LeaseManager::open_lease`].
	pub(crate) fn do_open_lease(
		terms: LeaseTerms<T::AccountId, BalanceOf<T>, BlockNumberFor<T>>,
		escrow: BalanceOf<T>,
	) -> Result<LeaseId, DispatchError> {
		ensure!(!terms.price_per_block.is_zero(), Error::<T>::ZeroPrice);
		ensure!(escrow >= terms.price_per_block, Error::<T>::EscrowTooSmall);
		let max = T::MaxLeasesPerAccount::get();
		ensure!(TenantLeaseCount::<T>::get(&terms.tenant) < max, Error::<T>::TooManyTenantLeases);
		ensure!(
			ProviderLeaseCount::<T>::get(&terms.provider) < max,
			Error::<T>::TooManyProviderLeases
		);

		let lease_id = NextLeaseId::<T>::get();
		NextLeaseId::<T>::put(lease_id.checked_add(1).ok_or(Error::<T>::Overflow)?);

		let now = Self::now();
		let run_dry_at = Self::run_dry_block(now, escrow, terms.price_per_block);
		let queued_at = Self::enqueue(lease_id, run_dry_at, now.saturating_add(One::one()))?;
		let depositors = BoundedVec::try_from(alloc::vec![(terms.tenant.clone(), escrow)])
			.map_err(|_| Error::<T>::TooManyDepositors)?;
		T::Currency::hold(&crate::HoldReason::Escrow.into(), &terms.tenant, escrow)?;

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
			depositors,
		};
		Leases::<T>::insert(lease_id, lease);
		LeasesByTenant::<T>::insert(&terms.tenant, lease_id, ());
		LeasesByProvider::<T>::insert(&terms.provider, lease_id, ());
		TenantLeaseCount::<T>::mutate(&terms.tenant, |n| n.saturating_inc());
		ProviderLeaseCount::<T>::mutate(&terms.provider, |n| n.saturating_inc());

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

	/// Tops up a lease: settles it, holds `amount` from `who`, and moves the
	/// lease to its new run-dry slot.
	pub(crate) fn do_deposit(
		who: &T::AccountId,
		lease_id: LeaseId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		ensure!(amount >= T::MinDeposit::get(), Error::<T>::DepositTooSmall);
		let mut lease = Leases::<T>::get(lease_id).ok_or(Error::<T>::LeaseNotFound)?;
		let now = Self::now();

		let paid = Self::settle_lease(&mut lease, now)?;
		Self::add_deposit(&mut lease, who, amount)?;

		let run_dry_at =
			Self::run_dry_block(lease.settled_up_to, lease.balance(), lease.price_per_block);
		ensure!(run_dry_at > now, Error::<T>::WouldRunDry);
		if run_dry_at != lease.run_dry_at {
			Self::dequeue(lease_id, lease.queued_at);
			lease.queued_at = Self::enqueue(lease_id, run_dry_at, now.saturating_add(One::one()))?;
			lease.run_dry_at = run_dry_at;
		}
		let settled_up_to = lease.settled_up_to;
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
			depositor: who.clone(),
			amount,
			run_dry_at,
		});
		Ok(())
	}

	/// The provider collects what the lease owes.
	pub(crate) fn do_withdraw(who: &T::AccountId, lease_id: LeaseId) -> DispatchResult {
		let mut lease = Leases::<T>::get(lease_id).ok_or(Error::<T>::LeaseNotFound)?;
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

	/// Settles a lease, closing it if it cannot pay the next block.
	pub(crate) fn do_settle(lease_id: LeaseId) -> DispatchResult {
		let mut lease = Leases::<T>::get(lease_id).ok_or(Error::<T>::LeaseNotFound)?;
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
		let lease = Leases::<T>::get(lease_id).ok_or(Error::<T>::LeaseNotFound)?;
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

	/// Settles, refunds the depositors, releases the provider's capacity and
	/// removes the lease.
	pub(crate) fn do_close(
		lease_id: LeaseId,
		mut lease: LeaseOf<T>,
		reason: CloseReason,
	) -> DispatchResult {
		let paid = Self::settle_lease(&mut lease, Self::now())?;
		let refunded = Self::refund_all(&mut lease)?;
		T::Registry::release(&lease.provider, &lease.resources)?;

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
		});
		Ok(())
	}

	fn decrement(count: &mut Option<u32>) {
		*count = count.map(|n| n.saturating_sub(1)).filter(|n| *n > 0);
	}

	/// A lease with its live figures: its balance before settling, what
	/// settling now would pay, and its run-dry block.
	pub fn lease_view(lease_id: LeaseId) -> Option<LeaseViewOf<T>> {
		let lease = Leases::<T>::get(lease_id)?;
		let (_, owed_now) = Self::owed(&lease, Self::now());
		Some(crate::LeaseView {
			lease_id,
			order_id: lease.order_id,
			balance: lease.balance(),
			owed_now,
			tenant: lease.tenant,
			provider: lease.provider,
			resources: lease.resources,
			price_per_block: lease.price_per_block,
			min_term: lease.min_term,
			started_at: lease.started_at,
			settled_up_to: lease.settled_up_to,
			run_dry_at: lease.run_dry_at,
			depositors: lease.depositors.len() as u32,
		})
	}

	/// A page of the leases `who` pays for, in storage order (not id order).
	/// Pass the last id of the previous page as `start_after`; `limit` is
	/// capped by `MaxPageSize`.
	pub fn leases_by_tenant(
		who: &T::AccountId,
		start_after: Option<LeaseId>,
		limit: u32,
	) -> Vec<LeaseViewOf<T>> {
		let keys = match start_after {
			Some(last) => LeasesByTenant::<T>::iter_key_prefix_from(
				who,
				LeasesByTenant::<T>::hashed_key_for(who, last),
			),
			None => LeasesByTenant::<T>::iter_key_prefix(who),
		};
		Self::page(keys, limit)
	}

	/// A page of the leases `who` serves; see [`Self::leases_by_tenant`].
	pub fn leases_by_provider(
		who: &T::AccountId,
		start_after: Option<LeaseId>,
		limit: u32,
	) -> Vec<LeaseViewOf<T>> {
		let keys = match start_after {
			Some(last) => LeasesByProvider::<T>::iter_key_prefix_from(
				who,
				LeasesByProvider::<T>::hashed_key_for(who, last),
			),
			None => LeasesByProvider::<T>::iter_key_prefix(who),
		};
		Self::page(keys, limit)
	}

	fn page(keys: impl Iterator<Item = LeaseId>, limit: u32) -> Vec<LeaseViewOf<T>> {
		let limit = limit.min(T::MaxPageSize::get()) as usize;
		keys.take(limit).filter_map(Self::lease_view).collect()
	}

	/// The pallet's invariants:
	/// - each account's `Escrow` hold equals its entries across all leases;
	/// - every lease is in exactly one run-dry slot, the one it records, no
	///   later than its run-dry block (or the next block, when overdue), and
	///   not before the cursor;
	/// - `run_dry_at` matches the balance; `started_at <= settled_up_to <= now`;
	/// - the tenant is the first depositor and other entries are above zero;
	/// - the index maps and counters match the leases.
	#[cfg(any(feature = "try-runtime", feature = "std", test))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use crate::pallet::{HoldReason, NextUnprocessedBlock, RunDry};
		use alloc::collections::btree_map::BTreeMap;
		use polkadot_sdk::frame_support::traits::fungible::InspectHold;

		let now = Self::now();
		let next = now.saturating_add(One::one());
		let cursor = NextUnprocessedBlock::<T>::get();
		let mut held: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		let mut tenants: BTreeMap<T::AccountId, u32> = BTreeMap::new();
		let mut providers: BTreeMap<T::AccountId, u32> = BTreeMap::new();
		let mut leases: u32 = 0;

		for (lease_id, lease) in Leases::<T>::iter() {
			leases.saturating_inc();
			ensure!(lease_id < NextLeaseId::<T>::get(), "lease id not yet handed out");
			ensure!(!lease.price_per_block.is_zero(), "lease with zero price");
			ensure!(lease.settled_up_to <= now, "lease settled beyond now");
			ensure!(lease.started_at <= lease.settled_up_to, "lease settled before it started");
			ensure!(
				lease.run_dry_at
					== Self::run_dry_block(
						lease.settled_up_to,
						lease.balance(),
						lease.price_per_block
					),
				"run_dry_at does not match the balance"
			);
			ensure!(
				lease.queued_at <= lease.run_dry_at.max(next),
				"lease queued after its run-dry block"
			);
			ensure!(lease.queued_at >= cursor, "lease queued behind the cursor");
			let in_slot = RunDry::<T>::get(lease.queued_at);
			ensure!(
				in_slot.iter().filter(|id| **id == lease_id).count() == 1,
				"lease not exactly once in its run-dry slot"
			);
			ensure!(
				lease.depositors.first().map(|(who, _)| who) == Some(&lease.tenant),
				"tenant is not the first depositor"
			);
			ensure!(
				lease.depositors.iter().skip(1).all(|(_, amount)| !amount.is_zero()),
				"spent depositor kept"
			);
			for (who, amount) in lease.depositors.iter() {
				let entry = held.entry(who.clone()).or_insert_with(Zero::zero);
				*entry = entry.saturating_add(*amount);
			}
			ensure!(
				LeasesByTenant::<T>::contains_key(&lease.tenant, lease_id),
				"lease missing from its tenant's index"
			);
			ensure!(
				LeasesByProvider::<T>::contains_key(&lease.provider, lease_id),
				"lease missing from its provider's index"
			);
		}

		for (who, amount) in held.iter() {
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::Escrow.into(), who) == *amount,
				"escrow hold differs from the lease records"
			);
		}

		let mut queued: u32 = 0;
		for (slot, ids) in RunDry::<T>::iter() {
			ensure!(!ids.is_empty(), "empty run-dry slot kept");
			ensure!(slot >= cursor, "run-dry slot behind the cursor");
			for id in ids.iter() {
				queued.saturating_inc();
				let lease = Leases::<T>::get(id).ok_or("run-dry slot holds a closed lease")?;
				ensure!(lease.queued_at == slot, "lease queued in a slot it does not record");
			}
		}
		ensure!(queued == leases, "run-dry queue and leases differ in number");

		for (who, lease_id, ()) in LeasesByTenant::<T>::iter() {
			let lease = Leases::<T>::get(lease_id).ok_or("tenant index holds a closed lease")?;
			ensure!(lease.tenant == who, "tenant index holds a lease of another tenant");
			tenants.entry(who).or_default().saturating_inc();
		}
		for (who, lease_id, ()) in LeasesByProvider::<T>::iter() {
			let lease = Leases::<T>::get(lease_id).ok_or("provider index holds a closed lease")?;
			ensure!(lease.provider == who, "provider index holds a lease of another provider");
			providers.entry(who).or_default().saturating_inc();
		}
		ensure!(
			TenantLeaseCount::<T>::iter().collect::<BTreeMap<_, _>>() == tenants,
			"tenant lease counters differ from the index"
		);
		ensure!(
			ProviderLeaseCount::<T>::iter().collect::<BTreeMap<_, _>>() == providers,
			"provider lease counters differ from the index"
		);
		Ok(())
	}
}

impl<T: Config> LeaseManager<T::AccountId, BalanceOf<T>, BlockNumberFor<T>> for Pallet<T> {
	fn open_lease(
		terms: LeaseTerms<T::AccountId, BalanceOf<T>, BlockNumberFor<T>>,
		escrow: BalanceOf<T>,
	) -> Result<LeaseId, DispatchError> {
		with_storage_layer(|| Self::do_open_lease(terms, escrow))
	}

	fn active_parties(lease: LeaseId) -> Option<(T::AccountId, T::AccountId)> {
		Leases::<T>::get(lease).map(|lease| (lease.tenant, lease.provider))
	}

	fn close(lease_id: LeaseId, reason: CloseReason) -> DispatchResult {
		with_storage_layer(|| {
			let lease = Leases::<T>::get(lease_id).ok_or(Error::<T>::LeaseNotFound)?;
			Self::do_close(lease_id, lease, reason)
		})
	}
}
