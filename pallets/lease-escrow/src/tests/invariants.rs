//! Each invariant `do_try_state` checks, shown able to fail: a chain with
//! something in every record it reads, corrupted in one place, must fail
//! with that invariant's message and no other.

use super::*;
use crate::{
	ClosedLeases, HeldBudgets, LeaseOf, LeasesByProvider, LeasesByTenant, NextLeaseId,
	NextUnprocessedBlock, ProviderLeaseCount, TenantLeaseCount,
};
use polkadot_sdk::frame_support::{assert_ok, BoundedVec};
use stratus_primitives::{LeaseId, LeaseManager};

/// The leases of the base chain.
struct Base {
	/// Active, billed for a few blocks, with Alice's top-up as record 0.
	active: LeaseId,
	/// Pending (Bob's), when the case wants one.
	pending: Option<LeaseId>,
	/// Closed, with Alice's top-up still to claim; the newest lease.
	closed: LeaseId,
}

/// An active lease with a third party's top-up, settled a few blocks in; a
/// pending lease if `pending`; a closed lease with a top-up left to claim;
/// and a budget held for an order.
fn base(pending: bool) -> Base {
	let active = open(10, 1_000);
	assert_ok!(LeaseEscrow::deposit(RuntimeOrigin::signed(ALICE), active, 100));
	let pending = pending.then(|| {
		hold_and_open_pending(terms(TENANT, BOB, 10, 10), 500).expect("a pending lease opens")
	});
	let closed = open(10, 300);
	assert_ok!(LeaseEscrow::deposit(RuntimeOrigin::signed(ALICE), closed, 50));
	assert_ok!(LeaseEscrow::close_lease(RuntimeOrigin::signed(TENANT), closed));
	assert_ok!(<LeaseEscrow as LeaseManager<_, _, _>>::hold_budget(&TENANT, &STRA, 50));
	run_to_block(5);
	assert_ok!(LeaseEscrow::settle(RuntimeOrigin::signed(NOBODY), active));
	assert!(ClosedLeases::<Test>::get(closed).is_some_and(|c| c.open_deposits == 1));
	Base { active, pending, closed }
}

/// `corrupt` applied to the base chain (with a pending lease if `pending`)
/// makes `do_try_state` fail with `name`.
fn fires_with(pending: bool, name: &'static str, corrupt: impl FnOnce(&Base)) {
	new_test_ext().execute_with(|| {
		let base = base(pending);
		assert_eq!(LeaseEscrow::do_try_state(), Ok(()), "the base chain holds");
		corrupt(&base);
		assert_eq!(LeaseEscrow::do_try_state(), Err(name.into()), "{name}");
	});
}

fn fires(name: &'static str, corrupt: impl FnOnce(&Base)) {
	fires_with(false, name, corrupt)
}

const STRA: AssetKind = polkadot_sdk::frame_support::traits::fungible::NativeOrWithId::Native;

fn lease(id: LeaseId, change: impl FnOnce(&mut LeaseOf<Test>)) {
	Leases::<Test>::mutate(id, |lease| change(lease.as_mut().expect("the lease")));
}

fn get(id: LeaseId) -> LeaseOf<Test> {
	Leases::<Test>::get(id).expect("the lease")
}

fn cursor() -> BlockNumber {
	NextUnprocessedBlock::<Test>::get().expect("a cursor")
}

/// Moves `id` from its run-dry slot to `slot`, and records it there.
fn requeue(id: LeaseId, slot: BlockNumber) {
	let from = get(id).queued_at;
	RunDry::<Test>::mutate(from, |ids| ids.retain(|x| *x != id));
	if RunDry::<Test>::get(from).is_empty() {
		RunDry::<Test>::remove(from);
	}
	RunDry::<Test>::mutate(slot, |ids| ids.try_push(id).expect("room"));
	lease(id, |l| l.queued_at = slot);
}

fn record(id: LeaseId, change: impl FnOnce(&mut DepositRecordOf<Test>)) {
	Deposits::<Test>::mutate(id, 0, |r| change(r.as_mut().expect("record 0")));
}

#[test]
fn a_lease_id_not_yet_handed_out() {
	fires("lease id not yet handed out", |_| NextLeaseId::<Test>::put(0));
}

#[test]
fn a_lease_both_active_and_closed() {
	fires("lease both active and closed", |b| {
		let closed = ClosedLeases::<Test>::get(b.closed).expect("closed");
		ClosedLeases::<Test>::insert(b.active, closed)
	});
}

#[test]
fn a_lease_at_no_price() {
	fires("lease with zero price", |b| lease(b.active, |l| l.price_per_block = 0));
}

#[test]
fn a_lease_taking_top_ups_of_nothing() {
	fires("lease takes top-ups of nothing", |b| lease(b.active, |l| l.min_deposit = 0));
}

#[test]
fn a_lease_settled_in_the_future() {
	fires("lease settled beyond now", |b| {
		lease(b.active, |l| l.settled_up_to = System::block_number() + 1)
	});
}

#[test]
fn a_lease_settled_before_it_started() {
	fires("lease settled before it started", |b| {
		lease(b.active, |l| l.started_at = l.settled_up_to + 1)
	});
}

#[test]
fn a_tenant_part_overspent() {
	fires("lease spent more of the tenant's part than it holds", |b| {
		lease(b.active, |l| l.tenant_spent = l.tenant_deposited + 1)
	});
}

#[test]
fn a_third_party_line_overspent() {
	fires("lease spent more of the others' line than it holds", |b| {
		lease(b.active, |l| l.others_spent = l.others_deposited + 1)
	});
}

#[test]
fn a_tenant_part_below_one_block() {
	fires_with(true, "tenant's part below the opening block", |b| {
		lease(b.pending.expect("pending"), |l| l.tenant_deposited = l.price_per_block - 1)
	});
}

#[test]
fn a_lease_owing_more_than_it_spent() {
	fires("lease owes more than it spent", |b| {
		lease(b.active, |l| l.owed_to_provider = l.spent() + 1)
	});
}

#[test]
fn a_lease_without_a_manifest() {
	fires("lease with no manifest", |b| lease(b.active, |l| l.manifest = Default::default()));
}

#[test]
fn a_notice_after_the_run_dry_block() {
	fires("running-low notice for a block after the run-dry block", |b| {
		lease(b.active, |l| l.low_notice = Some(l.run_dry_at + 1))
	});
}

#[test]
fn a_pending_lease_billed() {
	fires_with(true, "pending lease billed", |b| {
		lease(b.pending.expect("pending"), |l| l.tenant_spent = 1)
	});
}

#[test]
fn a_pending_lease_past_its_window() {
	fires_with(true, "pending lease left open past its ready window", |b| {
		let ready_by = cursor() - 1;
		lease(b.pending.expect("pending"), |l| l.state = LeaseState::Pending { ready_by })
	});
}

#[test]
fn a_lease_confirmed_before_it_opened() {
	fires("lease confirmed before it opened", |b| {
		lease(b.active, |l| l.state = LeaseState::Active { billing_from: l.started_at - 1 })
	});
}

#[test]
fn a_lease_billed_before_it_was_confirmed() {
	fires("lease billed before confirmed", |b| {
		lease(b.active, |l| l.state = LeaseState::Active { billing_from: l.settled_up_to + 1 })
	});
}

#[test]
fn a_run_dry_block_that_differs_from_the_balance() {
	fires("run_dry_at does not match the balance", |b| lease(b.active, |l| l.run_dry_at += 1));
}

#[test]
fn a_lost_deposit_record() {
	fires("active lease lost a deposit record", |b| Deposits::<Test>::remove(b.active, 0));
}

#[test]
fn a_record_out_of_sequence() {
	fires("active lease's records are not 0..n", |b| {
		let kept = Deposits::<Test>::take(b.active, 0).expect("record 0");
		Deposits::<Test>::insert(b.active, 5, kept)
	});
}

#[test]
fn a_record_of_the_tenants_own_money() {
	fires("the tenant's money has a record", |b| record(b.active, |r| r.depositor = TENANT));
}

#[test]
fn a_record_not_laid_after_the_previous() {
	fires("deposit record not laid after the previous one", |b| record(b.active, |r| r.start = 1));
}

#[test]
fn records_that_do_not_add_up() {
	fires("deposit records do not add up", |b| record(b.active, |r| r.amount += 1));
}

#[test]
fn a_queued_lease_without_a_cursor() {
	fires("active lease queued with no cursor", |_| NextUnprocessedBlock::<Test>::kill());
}

#[test]
fn a_lease_queued_after_it_is_due() {
	fires("lease queued after its due block", |b| {
		let late = get(b.active).run_dry_at + 5;
		requeue(b.active, late)
	});
}

#[test]
fn a_lease_queued_behind_the_cursor() {
	fires("lease queued behind the cursor", |b| requeue(b.active, cursor() - 1));
}

#[test]
fn a_lease_twice_in_its_slot() {
	fires("lease not exactly once in its run-dry slot", |b| {
		RunDry::<Test>::mutate(get(b.active).queued_at, |ids| ids.try_push(b.active).expect("room"))
	});
}

#[test]
fn a_lease_its_tenant_does_not_list() {
	fires("lease missing from its tenant's index", |b| {
		LeasesByTenant::<Test>::remove(TENANT, b.active)
	});
}

#[test]
fn a_lease_its_provider_does_not_list() {
	fires("lease missing from its provider's index", |b| {
		LeasesByProvider::<Test>::remove(PROVIDER, b.active)
	});
}

#[test]
fn a_closed_lease_id_not_yet_handed_out() {
	fires("closed lease id not yet handed out", |b| NextLeaseId::<Test>::put(b.closed));
}

#[test]
fn a_closed_lease_miscounting_its_records() {
	fires("closed lease's open_deposits differs from its records", |b| {
		ClosedLeases::<Test>::mutate(b.closed, |c| c.as_mut().expect("closed").open_deposits += 1)
	});
}

#[test]
fn a_closed_lease_owing_the_tenant_a_record() {
	fires("the tenant's money left to claim", |b| record(b.closed, |r| r.depositor = TENANT));
}

#[test]
fn a_record_of_no_lease() {
	fires("deposit record of a lease neither active nor closed", |b| {
		let kept = Deposits::<Test>::get(b.active, 0).expect("record 0");
		Deposits::<Test>::insert(b.closed + 100, 0, kept)
	});
}

#[test]
fn a_zero_budget_kept() {
	fires("zero held budget kept", |_| HeldBudgets::<Test>::insert(BOB, STRA, 0));
}

#[test]
fn an_escrow_hold_that_differs() {
	fires("tenant's escrow hold differs from its budgets and leases", |_| {
		HeldBudgets::<Test>::mutate(TENANT, STRA, |held| *held += 1)
	});
}

#[test]
fn an_empty_run_dry_slot() {
	fires("empty run-dry slot kept", |b| {
		RunDry::<Test>::insert(get(b.active).run_dry_at + 50, BoundedVec::new())
	});
}

#[test]
fn a_run_dry_slot_behind_the_cursor() {
	fires("run-dry slot behind the cursor", |b| {
		RunDry::<Test>::insert(cursor() - 1, BoundedVec::truncate_from(vec![b.closed]))
	});
}

#[test]
fn a_slot_holding_a_closed_lease() {
	fires("run-dry slot holds a closed lease", |b| {
		RunDry::<Test>::insert(cursor() + 50, BoundedVec::truncate_from(vec![b.closed]))
	});
}

#[test]
fn a_lease_in_a_slot_it_does_not_record() {
	fires("lease queued in a slot it does not record", |b| {
		RunDry::<Test>::insert(cursor() + 50, BoundedVec::truncate_from(vec![b.active]))
	});
}

#[test]
fn a_tenant_listing_a_closed_lease() {
	fires("tenant index holds a closed lease", |b| {
		LeasesByTenant::<Test>::insert(TENANT, b.closed, ())
	});
}

#[test]
fn a_tenant_listing_a_lease_of_another() {
	fires("tenant index holds a lease of another tenant", |b| {
		LeasesByTenant::<Test>::insert(BOB, b.active, ())
	});
}

#[test]
fn a_provider_listing_a_closed_lease() {
	fires("provider index holds a closed lease", |b| {
		LeasesByProvider::<Test>::insert(PROVIDER, b.closed, ())
	});
}

#[test]
fn a_provider_listing_a_lease_of_another() {
	fires("provider index holds a lease of another provider", |b| {
		LeasesByProvider::<Test>::insert(BOB, b.active, ())
	});
}

#[test]
fn a_tenant_lease_count_that_differs() {
	fires("tenant lease counters differ from the index", |_| {
		TenantLeaseCount::<Test>::insert(TENANT, 9)
	});
}

#[test]
fn a_provider_lease_count_that_differs() {
	fires("provider lease counters differ from the index", |_| {
		ProviderLeaseCount::<Test>::insert(PROVIDER, 9)
	});
}
