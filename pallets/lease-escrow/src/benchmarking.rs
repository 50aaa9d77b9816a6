//! Benchmarks, one per call and hook step, each in its worst case. Nothing a
//! call does depends on how many deposits a lease has, so the worst cases are
//! about which paths run: a settlement that takes from both parts of the
//! escrow, a third-party deposit (a transfer into the tenant's hold and a
//! record), a payout to both the provider and the treasury, a close that
//! pays out, refunds the tenant and leaves deposits to claim, a claim paid to
//! a third party, and run-dry slots as full as admission lets them be.
//! `settle` is measured on its settling path; when it closes a lease instead,
//! the call is charged `close_lease`. Leases are paid in the asset
//! [`BenchmarkHelper::asset`] gives: in the runtime a foreign asset, whose
//! holds and accounts cost more to reach than the chain's own token's.

use super::*;
use crate::{
	hooks::{RunDryQueue, SlotLimit},
	pallet::{ClosedLeases, Deposits, Leases, NextUnprocessedBlock, RunDry},
};
use alloc::vec::Vec;
use frame_support::{
	traits::{fungibles::Inspect, tokens::ConversionToAssetBalance, Get},
	weights::WeightMeter,
	BoundedVec,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use polkadot_sdk::frame_benchmarking::v2::*;
use sp_runtime::traits::{One, Saturating, Zero};
use stratus_primitives::{
	queue::BlockQueue, LeaseId, LeaseManager, LeaseTerms, ManifestHash, Resources,
};

const SEED: u32 = 0;
/// Blocks each deposit pays for.
const BLOCKS_PER_DEPOSIT: u32 = 10;

const RESOURCES: Resources =
	Resources { cpu_millicores: 4000, memory_mib: 8192, storage_gib: 100, gpu_units: 1 };

/// The asset the benchmarks' leases are paid in.
fn asset<T: Config>() -> T::AssetKind {
	T::BenchmarkHelper::asset()
}

/// The price of a block: enough for every payment to be a valid transfer,
/// and for a block to be a valid top-up.
fn unit<T: Config>() -> BalanceOf<T> {
	let min_deposit = T::Rates::to_asset_balance(T::MinDeposit::get(), asset::<T>())
		.unwrap_or_else(|_| One::one());
	min_deposit.max(T::Funds::minimum_balance(asset::<T>())).max(One::one())
}

fn deposit_amount<T: Config>() -> BalanceOf<T> {
	unit::<T>().saturating_mul(BLOCKS_PER_DEPOSIT.into())
}

fn fund<T: Config>(who: &T::AccountId) {
	let amount = deposit_amount::<T>()
		.saturating_mul(1_000u32.into())
		.saturating_add(T::Funds::minimum_balance(asset::<T>()));
	T::BenchmarkHelper::fund(&asset::<T>(), who, amount);
}

/// Whether a benchmark's lease is confirmed ready when it opens.
#[derive(PartialEq)]
enum Confirm {
	Ready,
	Pending,
}

/// Opens a lease at block 1 with the tenant's `BLOCKS_PER_DEPOSIT` blocks,
/// topped up by `third_parties` other accounts with as much each (deposit
/// records `0..third_parties`), confirmed ready at once. Returns the lease,
/// its tenant and provider.
fn lease_with<T: Config>(third_parties: u32) -> (LeaseId, T::AccountId, T::AccountId) {
	lease_in::<T>(third_parties, Confirm::Ready)
}

/// [`lease_with`], confirmed or left pending.
fn lease_in<T: Config>(
	third_parties: u32,
	confirm: Confirm,
) -> (LeaseId, T::AccountId, T::AccountId) {
	frame_system::Pallet::<T>::set_block_number(One::one());
	let tenant: T::AccountId = account("tenant", 0, SEED);
	let provider: T::AccountId = account("provider", 0, SEED);
	fund::<T>(&tenant);
	fund::<T>(&provider);
	fund::<T>(&T::Treasury::get());
	T::BenchmarkHelper::prepare_provider(&provider, &RESOURCES);
	let terms = LeaseTerms {
		order_id: 0,
		tenant: tenant.clone(),
		asset: asset::<T>(),
		provider: provider.clone(),
		resources: RESOURCES,
		price_per_block: unit::<T>(),
		min_term: 1_000_000u32.into(),
		manifest: ManifestHash::repeat_byte(1),
		stake: unit::<T>(),
	};
	<Pallet<T> as LeaseManager<_, _, _>>::hold_budget(
		&tenant,
		&asset::<T>(),
		deposit_amount::<T>(),
	)
	.expect("benchmark budget held");
	let lease_id = <Pallet<T> as LeaseManager<_, _, _>>::open_lease(terms, deposit_amount::<T>())
		.expect("benchmark lease opens");
	if confirm == Confirm::Ready {
		Pallet::<T>::confirm_ready(RawOrigin::Signed(provider.clone()).into(), lease_id)
			.expect("benchmark lease confirmed");
	}
	for i in 0..third_parties {
		let who: T::AccountId = account("depositor", i, SEED);
		fund::<T>(&who);
		Pallet::<T>::deposit(RawOrigin::Signed(who).into(), lease_id, deposit_amount::<T>())
			.expect("benchmark deposit");
	}
	(lease_id, tenant, provider)
}

fn lease<T: Config>(lease_id: LeaseId) -> LeaseOf<T> {
	Leases::<T>::get(lease_id).expect("benchmark lease is active")
}

/// Moves to block `at`, with the hook's cursor there.
fn go_to<T: Config>(at: BlockNumberFor<T>) {
	frame_system::Pallet::<T>::set_block_number(at);
	NextUnprocessedBlock::<T>::put(at);
}

/// Moves to block `at` and takes its run-dry slot as the hook does, which
/// must hold `lease_id` alone.
fn take_alone<T: Config>(at: BlockNumberFor<T>, lease_id: LeaseId) {
	go_to::<T>(at);
	let taken = <RunDryQueue<T> as BlockQueue>::take_slot(at);
	assert_eq!(taken, alloc::vec![lease_id]);
}

/// Fills the run-dry slot `at` up to `count` ids with ids no lease has, so
/// that the calls decode, search and re-encode a slot as full as it gets.
fn fill_slot<T: Config>(at: BlockNumberFor<T>, count: u32) {
	let mut ids: Vec<LeaseId> = RunDry::<T>::get(at).into_inner();
	let mut filler = LeaseId::MAX;
	while (ids.len() as u32) < count {
		ids.push(filler);
		filler = filler.saturating_sub(1);
	}
	RunDry::<T>::insert(at, BoundedVec::truncate_from(ids));
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// A third party tops up a lease that owes blocks: a settlement (the
	/// ledger only), a transfer into the tenant's hold and a new deposit
	/// record. The lease stays in its run-dry slot.
	#[benchmark]
	fn deposit() {
		let (lease_id, _, _) = lease_with::<T>(0);
		let old = lease::<T>(lease_id);
		let now = old.started_at.saturating_add((BLOCKS_PER_DEPOSIT / 2).into());
		go_to::<T>(now);
		let caller: T::AccountId = whitelisted_caller();
		fund::<T>(&caller);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), lease_id, deposit_amount::<T>());

		let lease = lease::<T>(lease_id);
		assert_eq!(lease.settled_up_to, now);
		// Half the tenant's part is left, plus the new deposit.
		let target = now.saturating_add((BLOCKS_PER_DEPOSIT / 2 + BLOCKS_PER_DEPOSIT).into());
		assert_eq!((lease.run_dry_at, lease.queued_at), (target, old.queued_at));
		assert_eq!(Deposits::<T>::get(lease_id, 0).map(|r| r.depositor), Some(caller));
	}

	/// The provider collects from a lease that owes since an earlier
	/// settlement and since: a settlement, then provider and treasury paid
	/// out of the tenant's hold.
	#[benchmark]
	fn withdraw() {
		let (lease_id, _, provider) = lease_with::<T>(1);
		let started = lease::<T>(lease_id).started_at;
		go_to::<T>(started.saturating_add((BLOCKS_PER_DEPOSIT / 2).into()));
		Pallet::<T>::settle(RawOrigin::Signed(provider.clone()).into(), lease_id)
			.expect("benchmark lease settles");
		let now = lease::<T>(lease_id).run_dry_at.saturating_sub(One::one());
		go_to::<T>(now);

		#[extrinsic_call]
		_(RawOrigin::Signed(provider), lease_id);

		let lease = lease::<T>(lease_id);
		assert_eq!(lease.settled_up_to, now);
		assert!(lease.owed().is_zero());
	}

	/// A lease that owes blocks from both parts of its escrow is settled: the
	/// ledger moves, no money does.
	#[benchmark]
	fn settle() {
		let (lease_id, _, _) = lease_with::<T>(1);
		let now = lease::<T>(lease_id).run_dry_at.saturating_sub(One::one());
		go_to::<T>(now);
		let caller: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), lease_id);

		let lease = lease::<T>(lease_id);
		assert_eq!(lease.settled_up_to, now);
		assert!(!lease.owed().is_zero());
		assert!(!lease.others_spent.is_zero());
	}

	/// The tenant closes while its provider is unreachable (the registry
	/// asked, and the provider slashed as for an early close, which costs
	/// at least what a provider closing early costs): what the lease owes
	/// paid out to provider and treasury, the tenant's part spent, and a
	/// third party's deposit half spent and left to claim.
	#[benchmark]
	fn close_lease() {
		let (lease_id, tenant, _) = lease_with::<T>(1);
		T::BenchmarkHelper::silence_providers();
		let spent = BLOCKS_PER_DEPOSIT.saturating_add(BLOCKS_PER_DEPOSIT / 2);
		let now = lease::<T>(lease_id).started_at.saturating_add(spent.into());
		go_to::<T>(now);

		#[extrinsic_call]
		_(RawOrigin::Signed(tenant), lease_id);

		assert!(!Leases::<T>::contains_key(lease_id));
		assert!(ClosedLeases::<T>::contains_key(lease_id));
	}

	/// A stranger claims a third party's deposit that was partly spent: a
	/// transfer out of the tenant's hold to the depositor.
	#[benchmark]
	fn claim_refund() {
		let (lease_id, tenant, _) = lease_with::<T>(2);
		// The tenant's part, then half of deposit 0.
		let spent_blocks = BLOCKS_PER_DEPOSIT.saturating_add(BLOCKS_PER_DEPOSIT / 2);
		go_to::<T>(lease::<T>(lease_id).started_at.saturating_add(spent_blocks.into()));
		Pallet::<T>::close_lease(RawOrigin::Signed(tenant).into(), lease_id)
			.expect("benchmark lease closes");
		let caller: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), lease_id, 0);

		assert!(!Deposits::<T>::contains_key(lease_id, 0));
		assert!(ClosedLeases::<T>::contains_key(lease_id));
	}

	/// Anyone removes a closed lease's record after its grace period, the
	/// deposit back to the tenant.
	#[benchmark]
	fn forget_lease() {
		let (lease_id, tenant, _) = lease_with::<T>(0);
		Pallet::<T>::close_lease(RawOrigin::Signed(tenant).into(), lease_id)
			.expect("benchmark lease closes");
		let until = ClosedLeases::<T>::get(lease_id).map(|c| c.reportable_until);
		go_to::<T>(until.unwrap_or_default());
		let caller: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), lease_id);

		assert!(!ClosedLeases::<T>::contains_key(lease_id));
	}

	/// The hook with nothing due: reading the cursor.
	#[benchmark]
	fn on_initialize_base() {
		let now: BlockNumberFor<T> = 10u32.into();
		go_to::<T>(now.saturating_add(One::one()));
		frame_system::Pallet::<T>::set_block_number(now);

		#[block]
		{
			Pallet::<T>::close_due(now);
		}

		assert_eq!(NextUnprocessedBlock::<T>::get(), Some(now.saturating_add(One::one())));
	}

	/// Taking a full slot and putting it back, as the hook does with a slot
	/// it cannot finish.
	#[benchmark]
	fn on_initialize_slot() {
		let at: BlockNumberFor<T> = 10u32.into();
		go_to::<T>(at);
		fill_slot::<T>(at, T::MaxRunDryPerBlock::get());

		#[block]
		{
			let ids = <RunDryQueue<T> as BlockQueue>::take_slot(at);
			<RunDryQueue<T> as BlockQueue>::restore_slot(at, ids);
		}

		assert_eq!(RunDry::<T>::get(at).len() as u32, T::MaxRunDryPerBlock::get());
	}

	/// A lease that ran dry, found in its slot (taken by the hook already)
	/// and closed, a third party's deposit left to claim.
	#[benchmark]
	fn on_initialize_lease() {
		let (lease_id, _, _) = lease_with::<T>(1);
		// The top-up left the lease in its first slot: the hook moves it to
		// its run-dry block on the way.
		let first = lease::<T>(lease_id).queued_at;
		go_to::<T>(first);
		Pallet::<T>::close_due(first);
		let at = lease::<T>(lease_id).run_dry_at;
		assert_eq!(lease::<T>(lease_id).queued_at, at);
		take_alone::<T>(at, lease_id);
		let mut meter = WeightMeter::new();

		#[block]
		{
			<RunDryQueue<T> as BlockQueue>::process(&lease_id, &mut meter);
		}

		assert!(!Leases::<T>::contains_key(lease_id));
		assert!(ClosedLeases::<T>::contains_key(lease_id));
	}

	/// A pending lease whose ready window ended, found in its slot and
	/// closed `NotReady`: nothing billed, the whole escrow refunded but the
	/// record's deposit, a third party's deposit left to claim, and the
	/// provider reported to the stake pallet (slashed, in the runtime).
	#[benchmark]
	fn on_initialize_not_ready() {
		let (lease_id, _, _) = lease_in::<T>(1, Confirm::Pending);
		let crate::LeaseState::Pending { ready_by } = lease::<T>(lease_id).state else {
			panic!("benchmark lease is pending");
		};
		// Move the lease, wherever it was queued, to the end of its window.
		let pending = lease::<T>(lease_id);
		Pallet::<T>::dequeue(lease_id, pending.queued_at);
		Pallet::<T>::requeue(lease_id, pending, ready_by, ready_by, SlotLimit::Storage)
			.expect("the slot is empty");
		take_alone::<T>(ready_by, lease_id);
		let mut meter = WeightMeter::new();

		#[block]
		{
			<RunDryQueue<T> as BlockQueue>::process(&lease_id, &mut meter);
		}

		assert!(!Leases::<T>::contains_key(lease_id));
		assert!(ClosedLeases::<T>::contains_key(lease_id));
	}

	/// The provider confirms a pending lease that its tenant and a third
	/// party topped up: the lease is settled (billing nothing), becomes
	/// active and moves from the end of its ready window to the slot of its
	/// running-low notice before its far run-dry block, which is as full as
	/// it may be and still take it.
	#[benchmark]
	fn confirm_ready() {
		let (lease_id, tenant, provider) = lease_in::<T>(1, Confirm::Pending);
		let top_up = deposit_amount::<T>().saturating_mul(100u32.into());
		Pallet::<T>::deposit(RawOrigin::Signed(tenant).into(), lease_id, top_up)
			.expect("benchmark top-up");
		let now = lease::<T>(lease_id).started_at.saturating_add(One::one());
		go_to::<T>(now);
		let before = lease::<T>(lease_id);
		let run_dry_at = Pallet::<T>::run_dry_block(now, before.balance(), before.price_per_block);
		let target = run_dry_at
			.saturating_sub(T::RunningLowNotice::get())
			.max(now.saturating_add(One::one()));
		let admitted = Pallet::<T>::runs_dry_admitted_per_block();
		fill_slot::<T>(target, admitted.saturating_sub(1));
		fill_slot::<T>(before.queued_at, admitted);
		assert!(target > before.queued_at, "the lease moves on");

		#[extrinsic_call]
		_(RawOrigin::Signed(provider), lease_id);

		let lease = lease::<T>(lease_id);
		assert_eq!(lease.state, crate::LeaseState::Active { billing_from: now });
		assert_eq!((lease.settled_up_to, lease.run_dry_at), (now, run_dry_at));
		assert_eq!(lease.queued_at, target);
	}

	/// The tenant replaces the manifest of a pending lease, restarting its
	/// ready window.
	#[benchmark]
	fn update_manifest() {
		let (lease_id, tenant, _) = lease_in::<T>(0, Confirm::Pending);
		let now = lease::<T>(lease_id).started_at.saturating_add(One::one());
		go_to::<T>(now);
		let manifest = ManifestHash::repeat_byte(2);

		#[extrinsic_call]
		_(RawOrigin::Signed(tenant), lease_id, manifest);

		assert_eq!(lease::<T>(lease_id).manifest, manifest);
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
