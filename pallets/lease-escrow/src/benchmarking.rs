//! Benchmarks, each in its worst case: a lease with `MaxDepositors`
//! depositors whose settlement touches every one of them.

use super::*;
use crate::pallet::{Leases, NextUnprocessedBlock};
use frame_support::traits::{
	fungible::{Inspect, Mutate},
	Get,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use polkadot_sdk::frame_benchmarking::v2::*;
use sp_runtime::{
	traits::{One, Saturating},
	SaturatedConversion,
};
use stratus_primitives::{LeaseId, LeaseManager, LeaseTerms, Resources};

const SEED: u32 = 0;
/// Blocks each deposit pays for.
const BLOCKS_PER_DEPOSIT: u32 = 10;

const RESOURCES: Resources =
	Resources { cpu_millicores: 4000, memory_mib: 8192, storage_gib: 100, gpu_units: 1 };

/// The price of a block: enough for every payment to be a valid transfer.
fn unit<T: Config>() -> BalanceOf<T> {
	T::MinDeposit::get().max(T::Currency::minimum_balance()).max(1u32.into())
}

fn deposit_amount<T: Config>() -> BalanceOf<T> {
	unit::<T>().saturating_mul(BLOCKS_PER_DEPOSIT.into())
}

fn fund<T: Config>(who: &T::AccountId) {
	let amount = deposit_amount::<T>()
		.saturating_mul(1_000u32.into())
		.saturating_add(T::Currency::minimum_balance());
	T::Currency::set_balance(who, amount);
}

/// Opens a lease at block 1 and tops it up until it records `depositors`
/// depositors, each of whom paid `BLOCKS_PER_DEPOSIT` blocks. Returns the
/// lease, its tenant and provider.
fn lease_with<T: Config>(depositors: u32) -> (LeaseId, T::AccountId, T::AccountId) {
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
		provider: provider.clone(),
		resources: RESOURCES,
		price_per_block: unit::<T>(),
		min_term: 1_000_000u32.into(),
	};
	let lease_id = <Pallet<T> as LeaseManager<_, _, _>>::open_lease(terms, deposit_amount::<T>())
		.expect("benchmark lease opens");
	for i in 1..depositors {
		let who: T::AccountId = account("depositor", i, SEED);
		fund::<T>(&who);
		Pallet::<T>::deposit(RawOrigin::Signed(who).into(), lease_id, deposit_amount::<T>())
			.expect("benchmark deposit");
	}
	(lease_id, tenant, provider)
}

/// Moves to the block where the lease has one funded block left.
fn to_last_funded_block<T: Config>(lease_id: LeaseId) -> BlockNumberFor<T> {
	let lease = Leases::<T>::get(lease_id).expect("lease exists");
	let now = lease.run_dry_at.saturating_sub(One::one());
	frame_system::Pallet::<T>::set_block_number(now);
	NextUnprocessedBlock::<T>::put(now);
	now
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn deposit() {
		let max = T::MaxDepositors::get();
		let (lease_id, tenant, _) = lease_with::<T>(max.saturating_sub(1).max(1));
		let now = to_last_funded_block::<T>(lease_id);
		let caller: T::AccountId = if max >= 2 { whitelisted_caller() } else { tenant };
		fund::<T>(&caller);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), lease_id, deposit_amount::<T>());

		let lease = Leases::<T>::get(lease_id).expect("lease still active");
		assert_eq!(lease.settled_up_to, now);
		assert!(lease.depositors.iter().any(|(who, _)| *who == caller));
	}

	#[benchmark]
	fn withdraw() {
		let (lease_id, _, provider) = lease_with::<T>(T::MaxDepositors::get());
		let now = to_last_funded_block::<T>(lease_id);

		#[extrinsic_call]
		_(RawOrigin::Signed(provider), lease_id);

		assert_eq!(Leases::<T>::get(lease_id).expect("active").settled_up_to, now);
	}

	#[benchmark]
	fn settle() {
		// The costlier path: the lease ran dry and settle closes it.
		let (lease_id, _, _) = lease_with::<T>(T::MaxDepositors::get());
		let now = to_last_funded_block::<T>(lease_id).saturating_add(One::one());
		frame_system::Pallet::<T>::set_block_number(now);
		let caller: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), lease_id);

		assert!(!Leases::<T>::contains_key(lease_id));
	}

	#[benchmark]
	fn close_lease() {
		// The provider closes before the minimum term (reported to the stake
		// pallet), halfway through the escrow so that settlement pays from
		// the first half of the depositors and the others are refunded.
		let (lease_id, _, provider) = lease_with::<T>(T::MaxDepositors::get());
		let lease = Leases::<T>::get(lease_id).expect("lease exists");
		let funded: u32 = lease.run_dry_at.saturating_sub(lease.started_at).saturated_into();
		frame_system::Pallet::<T>::set_block_number(
			lease.started_at.saturating_add((funded / 2).into()),
		);

		#[extrinsic_call]
		_(RawOrigin::Signed(provider), lease_id);

		assert!(!Leases::<T>::contains_key(lease_id));
	}

	#[benchmark]
	fn on_initialize_slot() {
		let now: BlockNumberFor<T> = 10u32.into();
		frame_system::Pallet::<T>::set_block_number(now);
		NextUnprocessedBlock::<T>::put(now);

		#[block]
		{
			Pallet::<T>::process_run_dry(now);
		}

		assert_eq!(NextUnprocessedBlock::<T>::get(), now.saturating_add(One::one()));
	}

	#[benchmark]
	fn on_initialize_lease() {
		let (lease_id, _, _) = lease_with::<T>(T::MaxDepositors::get());
		let now = to_last_funded_block::<T>(lease_id).saturating_add(One::one());
		frame_system::Pallet::<T>::set_block_number(now);
		NextUnprocessedBlock::<T>::put(now);

		#[block]
		{
			Pallet::<T>::process_run_dry(now);
		}

		assert!(!Leases::<T>::contains_key(lease_id));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
