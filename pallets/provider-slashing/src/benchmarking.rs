//! Benchmarks, one per call and per hook item, each in its worst case: full
//! chunk lists, full deadline slots, and an upheld report that jails the
//! provider and closes a lease with third-party deposits (the runtime's
//! helper adds them).

use super::*;
use frame_support::{
	pallet_prelude::*,
	traits::{
		fungible::{Inspect, Mutate},
		Hooks,
	},
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use polkadot_sdk::{frame_benchmarking::v2::*, sp_core::H256};
use sp_runtime::traits::{One, Saturating};
use stratus_primitives::ReportId;

const SEED: u32 = 0;

fn block_number<T: Config>() -> BlockNumberFor<T> {
	frame_system::Pallet::<T>::block_number()
}

fn set_block<T: Config>(n: BlockNumberFor<T>) {
	frame_system::Pallet::<T>::set_block_number(n);
}

/// An account with enough for any bond and every report the setups file.
fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, SEED);
	let reports = T::MaxReportsPerBlock::get().saturating_add(10);
	let amount = T::MinProviderBond::get()
		.saturating_mul(BalanceOf::<T>::from(T::MaxUnbondingChunks::get().saturating_add(10)))
		.saturating_add(T::ReportDeposit::get().saturating_mul(reports.into()))
		.saturating_add(T::Currency::minimum_balance().saturating_mul(10u32.into()));
	T::Currency::set_balance(&who, amount);
	who
}

/// A registered provider with twice the minimum bonded and `chunks`
/// unbonding chunks of the minimum each, unlocking at `unlocks_at`.
fn provider<T: Config>(index: u32, chunks: u32, unlocks_at: BlockNumberFor<T>) -> T::AccountId {
	let who = funded::<T>("provider", index);
	T::BenchmarkHelper::register_provider(&who);
	let min = T::MinProviderBond::get();
	let total = min.saturating_mul(BalanceOf::<T>::from(chunks.saturating_add(2)));
	Pallet::<T>::do_bond(&who, total).expect("funded to bond");
	Bonds::<T>::mutate(&who, |record| {
		if let Some(record) = record {
			for _ in 0..chunks {
				record.bonded = record.bonded.saturating_sub(min);
				let _ = record.unbonding.try_push(UnbondChunk { amount: min, unlocks_at });
			}
		}
	});
	who
}

/// Files a report of `tenant` against `provider` on a new lease, moving to
/// the next block first if this block's window slot is full.
fn file_report<T: Config>(
	tenant: &T::AccountId,
	provider: &T::AccountId,
	kind: FaultKind,
) -> ReportId {
	let end = block_number::<T>().saturating_add(T::DisputeWindow::get());
	if ReportWindows::<T>::decode_len(end).unwrap_or(0) >= slot_room::<T>() as usize {
		set_block::<T>(block_number::<T>().saturating_add(One::one()));
	}
	let lease = T::BenchmarkHelper::open_lease(tenant, provider);
	Pallet::<T>::do_report_fault(tenant, lease, kind, H256::repeat_byte(1)).expect("report filed")
}

/// How many reports a window slot takes: what the hook upholds in a block.
fn slot_room<T: Config>() -> u32 {
	Pallet::<T>::resolutions_admitted_per_block()
}

/// Files reports against other providers until this block's window slot
/// holds `len` reports.
fn fill_slot_to<T: Config>(tenant: &T::AccountId, len: u32) {
	let end = block_number::<T>().saturating_add(T::DisputeWindow::get());
	let mut index = 1000;
	while (ReportWindows::<T>::decode_len(end).unwrap_or(0) as u32) < len {
		// Bonded: each lease commits a slice of its provider's bond.
		let other = provider::<T>(index, 0, block_number::<T>());
		file_report::<T>(tenant, &other, FaultKind::BelowSpec);
		index += 1;
	}
}

/// A provider one fault away from jail, with full chunks and an open report,
/// and a tenant.
fn worst_provider<T: Config>() -> (T::AccountId, T::AccountId) {
	let far = block_number::<T>().saturating_add(T::UnbondingPeriod::get());
	let provider = provider::<T>(0, T::MaxUnbondingChunks::get(), far);
	Bonds::<T>::mutate(&provider, |record| {
		if let Some(record) = record {
			record.faults = T::MaxFaultsBeforeJail::get().saturating_sub(1);
		}
	});
	let tenant = funded::<T>("tenant", 0);
	file_report::<T>(&tenant, &provider, FaultKind::BelowSpec);
	(provider, tenant)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn bond() {
		let now = block_number::<T>();
		let who = provider::<T>(0, T::MaxUnbondingChunks::get(), now);
		let amount = T::MinProviderBond::get();
		let before = Bonds::<T>::get(&who).map(|b| b.bonded).unwrap_or_default();

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), amount);

		assert_eq!(Bonds::<T>::get(&who).map(|b| b.bonded), Some(before.saturating_add(amount)));
	}

	#[benchmark]
	fn unbond() {
		let now = block_number::<T>();
		let who = provider::<T>(0, T::MaxUnbondingChunks::get().saturating_sub(1), now);
		let amount = T::MinProviderBond::get();

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), amount);

		assert_eq!(
			Bonds::<T>::get(&who).map(|b| b.unbonding.len() as u32),
			Some(T::MaxUnbondingChunks::get())
		);
	}

	#[benchmark]
	fn withdraw_unbonded() {
		let now = block_number::<T>();
		let who = provider::<T>(0, T::MaxUnbondingChunks::get(), now);

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));

		assert_eq!(Bonds::<T>::get(&who).map(|b| b.unbonding.len()), Some(0));
	}

	#[benchmark]
	fn report_fault() {
		let (provider, tenant) = worst_provider::<T>();
		// Make sure the new report lands in a slot with room.
		let end = block_number::<T>().saturating_add(T::DisputeWindow::get());
		if ReportWindows::<T>::decode_len(end).unwrap_or(0) >= slot_room::<T>() as usize {
			set_block::<T>(block_number::<T>().saturating_add(One::one()));
		}
		fill_slot_to::<T>(&tenant, slot_room::<T>().saturating_sub(1));
		// A lease closed within its grace period: the lease manager looks
		// for an active lease first, then for the closed one.
		let lease = T::BenchmarkHelper::open_lease(&tenant, &provider);
		T::BenchmarkHelper::close_lease(&tenant, lease);

		// `Unavailable`: the registry is asked whether the provider is in
		// maintenance.
		#[extrinsic_call]
		_(RawOrigin::Signed(tenant), lease, FaultKind::Unavailable, H256::repeat_byte(7));

		assert!(OpenReportOfLease::<T>::contains_key(lease));
	}

	#[benchmark]
	fn dispute() {
		let (provider, tenant) = worst_provider::<T>();
		let report_id = file_report::<T>(&tenant, &provider, FaultKind::NotDelivered);
		fill_slot_to::<T>(&tenant, slot_room::<T>());

		#[extrinsic_call]
		_(RawOrigin::Signed(provider), report_id, H256::repeat_byte(9));

		assert!(matches!(
			Reports::<T>::get(report_id).map(|r| r.status),
			Some(ReportStatus::Disputed { .. })
		));
	}

	#[benchmark]
	fn resolve_report() -> Result<(), BenchmarkError> {
		let origin = T::AdjudicatorOrigin::try_successful_origin()
			.map_err(|_| BenchmarkError::Weightless)?;
		let (provider, tenant) = worst_provider::<T>();
		let report_id = file_report::<T>(&tenant, &provider, FaultKind::NotDelivered);
		fill_slot_to::<T>(&tenant, slot_room::<T>());

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, report_id, Verdict::Uphold);

		assert!(!Reports::<T>::contains_key(report_id));
		assert!(Bonds::<T>::get(&provider).is_some_and(|b| b.jailed_at.is_some()));
		Ok(())
	}

	#[benchmark]
	fn unjail() {
		let now = block_number::<T>();
		let who = provider::<T>(0, T::MaxUnbondingChunks::get(), now);
		Bonds::<T>::mutate(&who, |record| {
			if let Some(record) = record {
				record.faults = T::MaxFaultsBeforeJail::get();
				record.jailed_at = Some(now);
			}
		});
		set_block::<T>(now.saturating_add(T::JailPeriod::get()));

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));

		assert_eq!(Bonds::<T>::get(&who).and_then(|b| b.jailed_at), None);
	}

	#[benchmark]
	fn unjail_provider() -> Result<(), BenchmarkError> {
		let origin = T::AdjudicatorOrigin::try_successful_origin()
			.map_err(|_| BenchmarkError::Weightless)?;
		let now = block_number::<T>();
		let who = provider::<T>(0, T::MaxUnbondingChunks::get(), now);
		Bonds::<T>::mutate(&who, |record| {
			if let Some(record) = record {
				record.faults = T::MaxFaultsBeforeJail::get();
				record.jailed_at = Some(now);
			}
		});

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());

		assert_eq!(Bonds::<T>::get(&who).and_then(|b| b.jailed_at), None);
		Ok(())
	}

	#[benchmark]
	fn on_initialize_base() {
		let now = block_number::<T>().max(One::one());
		set_block::<T>(now);
		NextUnprocessedBlock::<T>::put(now.saturating_add(One::one()));

		#[block]
		{
			Pallet::<T>::on_initialize(now);
		}

		assert_eq!(NextUnprocessedBlock::<T>::get(), Some(now.saturating_add(One::one())));
	}

	#[benchmark]
	fn on_initialize_slot() {
		let now = block_number::<T>().max(One::one());
		set_block::<T>(now);
		NextUnprocessedBlock::<T>::put(now);

		#[block]
		{
			Pallet::<T>::on_initialize(now);
		}

		assert_eq!(NextUnprocessedBlock::<T>::get(), Some(now.saturating_add(One::one())));
	}

	#[benchmark]
	fn on_initialize_report() {
		let (provider, tenant) = worst_provider::<T>();
		// A fresh block whose slot holds only the report under test.
		let start = block_number::<T>().saturating_add(T::DisputeWindow::get());
		set_block::<T>(start);
		let report_id = file_report::<T>(&tenant, &provider, FaultKind::NotDelivered);
		let end = start.saturating_add(T::DisputeWindow::get());
		set_block::<T>(end);
		NextUnprocessedBlock::<T>::put(end);

		#[block]
		{
			Pallet::<T>::on_initialize(end);
		}

		assert!(!Reports::<T>::contains_key(report_id));
		assert!(Bonds::<T>::get(&provider).is_some_and(|b| b.jailed_at.is_some()));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
