//! The pallet's invariants, checked by `try_state` (and after every test).
//! This walks all of the pallet's storage, which is fine off-chain only.

use crate::{pallet::*, sp_runtime, BalanceOf, DepositRecordOf, LeaseState};
use alloc::{collections::btree_map::BTreeMap, vec::Vec};
use polkadot_sdk::frame_support::{ensure, traits::fungibles::InspectHold};
use sp_runtime::{
	traits::{One, Saturating, Zero},
	TryRuntimeError,
};
use stratus_primitives::LeaseId;

impl<T: Config> Pallet<T> {
	/// Checks that:
	/// - what is held is what is owed, in each asset: each tenant's `Escrow`
	///   hold of an asset equals the budgets it holds in it for orders, plus,
	///   over its active leases in it, `deposited − paid out` (the balance
	///   and what is owed to the provider and the treasury), plus the
	///   unclaimed refunds, the unpaid payouts and the record deposits of its
	///   closed leases in it;
	/// - each lease's smallest top-up is above zero;
	/// - each active lease has spent no more of either part than was put in
	///   and owes no more than it spent; its tenant's part holds at least the
	///   opening block;
	/// - each active lease's deposit records are exactly `0..next_deposit`,
	///   laid end to end from 0 up to
	///   `others_deposited`, none of them the tenant's;
	/// - each closed lease has `open_deposits` records left, none of them the
	///   tenant's; no record belongs to a lease that is neither active nor
	///   closed;
	/// - every open lease is in exactly one run-dry slot, the one it
	///   records, no later than its due block (its run-dry block, or for a
	///   pending lease that or the end of its ready window; the next block,
	///   when overdue), and not before the cursor, so no pending lease
	///   outlives its ready window past the hook's cursor;
	/// - `run_dry_at` matches the balance; `started_at <= settled_up_to <= now`;
	///   an active lease was confirmed no earlier than it opened and has
	///   billed nothing before; a manifest hash is never zero;
	/// - the index maps and counters match the leases.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let now = Self::now();
		let next = now.saturating_add(One::one());
		let cursor = NextUnprocessedBlock::<T>::get();
		let next_id = NextLeaseId::<T>::get();
		let mut held: BTreeMap<(T::AccountId, T::AssetKind), BalanceOf<T>> = BTreeMap::new();
		let mut tenants: BTreeMap<T::AccountId, u32> = BTreeMap::new();
		let mut providers: BTreeMap<T::AccountId, u32> = BTreeMap::new();
		let mut records: BTreeMap<LeaseId, Vec<(u32, DepositRecordOf<T>)>> = BTreeMap::new();
		for (lease_id, index, record) in Deposits::<T>::iter() {
			records.entry(lease_id).or_default().push((index, record));
		}
		for (lease_id, lease) in Leases::<T>::iter() {
			ensure!(lease_id < next_id, "lease id not yet handed out");
			ensure!(!ClosedLeases::<T>::contains_key(lease_id), "lease both active and closed");
			ensure!(!lease.price_per_block.is_zero(), "lease with zero price");
			ensure!(!lease.min_deposit.is_zero(), "lease takes top-ups of nothing");
			ensure!(lease.settled_up_to <= now, "lease settled beyond now");
			ensure!(lease.started_at <= lease.settled_up_to, "lease settled before it started");
			ensure!(
				lease.tenant_spent <= lease.tenant_deposited,
				"lease spent more of the tenant's part than it holds"
			);
			ensure!(
				lease.others_spent <= lease.others_deposited,
				"lease spent more of the others' line than it holds"
			);
			ensure!(
				lease.tenant_deposited >= lease.price_per_block,
				"tenant's part below the opening block"
			);
			ensure!(lease.owed() <= lease.spent(), "lease owes more than it spent");
			ensure!(!lease.manifest.is_zero(), "lease with no manifest");
			ensure!(
				lease.low_notice.is_none_or(|at| at <= lease.run_dry_at),
				"running-low notice for a block after the run-dry block"
			);
			match lease.state {
				LeaseState::Pending { ready_by } => {
					ensure!(lease.spent().is_zero(), "pending lease billed");
					ensure!(
						cursor.is_some_and(|c| ready_by >= c),
						"pending lease left open past its ready window"
					);
				},
				LeaseState::Active { billing_from } => {
					ensure!(lease.started_at <= billing_from, "lease confirmed before it opened");
					ensure!(billing_from <= lease.settled_up_to, "lease billed before confirmed");
				},
			}
			ensure!(
				lease.run_dry_at
					== Self::run_dry_block(
						lease.settled_up_to,
						lease.balance(),
						lease.price_per_block
					),
				"run_dry_at does not match the balance"
			);

			let mut mine = records.remove(&lease_id).unwrap_or_default();
			mine.sort_by_key(|(index, _)| *index);
			ensure!(
				mine.len() == lease.next_deposit as usize,
				"active lease lost a deposit record"
			);
			let mut line = BalanceOf::<T>::zero();
			for (position, (index, record)) in mine.iter().enumerate() {
				ensure!(*index as usize == position, "active lease's records are not 0..n");
				ensure!(record.depositor != lease.tenant, "the tenant's money has a record");
				ensure!(record.start == line, "deposit record not laid after the previous one");
				line = line.saturating_add(record.amount);
			}
			ensure!(line == lease.others_deposited, "deposit records do not add up");
			let entry =
				held.entry((lease.tenant.clone(), lease.asset.clone())).or_insert_with(Zero::zero);
			*entry = entry.saturating_add(lease.held());

			let Some(cursor) = cursor else {
				return Err("active lease queued with no cursor".into());
			};
			ensure!(
				lease.queued_at <= lease.due_at().max(next),
				"lease queued after its due block"
			);
			ensure!(lease.queued_at >= cursor, "lease queued behind the cursor");
			let in_slot = RunDry::<T>::get(lease.queued_at);
			ensure!(
				in_slot.iter().filter(|id| **id == lease_id).count() == 1,
				"lease not exactly once in its run-dry slot"
			);
			ensure!(
				LeasesByTenant::<T>::contains_key(&lease.tenant, lease_id),
				"lease missing from its tenant's index"
			);
			ensure!(
				LeasesByProvider::<T>::contains_key(&lease.provider, lease_id),
				"lease missing from its provider's index"
			);
		}

		for (lease_id, closed) in ClosedLeases::<T>::iter() {
			ensure!(lease_id < next_id, "closed lease id not yet handed out");
			let mine = records.remove(&lease_id).unwrap_or_default();
			ensure!(
				mine.len() == closed.open_deposits as usize,
				"closed lease's open_deposits differs from its records"
			);
			let entry = held
				.entry((closed.tenant.clone(), closed.asset.clone()))
				.or_insert_with(Zero::zero);
			*entry = entry.saturating_add(closed.deposit).saturating_add(closed.owed_to_provider);
			for (_, record) in mine.iter() {
				ensure!(record.depositor != closed.tenant, "the tenant's money left to claim");
				*entry = entry.saturating_add(record.unspent(closed.others_spent));
			}
		}
		ensure!(records.is_empty(), "deposit record of a lease neither active nor closed");

		for (who, asset, budgets) in HeldBudgets::<T>::iter() {
			ensure!(!budgets.is_zero(), "zero held budget kept");
			let entry = held.entry((who, asset)).or_insert_with(Zero::zero);
			*entry = entry.saturating_add(budgets);
		}
		for ((who, asset), amount) in held.iter() {
			ensure!(
				T::Funds::balance_on_hold(asset.clone(), &HoldReason::Escrow.into(), who)
					== *amount,
				"tenant's escrow hold differs from its budgets and leases"
			);
		}

		// With every lease once in the slot it records (above), an id only
		// in the slot its lease records makes the queue exactly the leases.
		for (slot, ids) in RunDry::<T>::iter() {
			ensure!(!ids.is_empty(), "empty run-dry slot kept");
			ensure!(cursor.is_some_and(|c| slot >= c), "run-dry slot behind the cursor");
			for id in ids.iter() {
				let lease = Leases::<T>::get(id).ok_or("run-dry slot holds a closed lease")?;
				ensure!(lease.queued_at == slot, "lease queued in a slot it does not record");
			}
		}

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
