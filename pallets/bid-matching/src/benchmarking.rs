//! Benchmarks: one per call and one per part of the hook, each in its worst
//! case (bounded vectors filled to their bounds).

use super::*;
use alloc::vec::Vec;
use polkadot_sdk::{frame_benchmarking::v2::*, frame_support, frame_system, sp_runtime};

use frame_support::{
	traits::{
		fungible::{Inspect, Mutate},
		Get,
	},
	BoundedVec,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use sp_runtime::traits::{One, Saturating};
use stratus_primitives::{AttributeRef, OrderId};

const SEED: u32 = 0;

const RESOURCES: Resources =
	Resources { cpu_millicores: 2_000, memory_mib: 4_096, storage_gib: 50, gpu_units: 1 };

fn max_price<T: Config>() -> BalanceOf<T> {
	T::Currency::minimum_balance().max(One::one())
}

fn budget<T: Config>() -> BalanceOf<T> {
	max_price::<T>().saturating_mul(T::MinLeaseBlocks::get().into())
}

/// An account with enough for several orders and bids.
fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, SEED);
	let one = T::Currency::minimum_balance()
		.saturating_add(budget::<T>())
		.saturating_add(T::OrderDeposit::get())
		.saturating_add(T::BidDeposit::get());
	T::Currency::set_balance(&who, one.saturating_mul(100u32.into()));
	who
}

/// `count` distinct attributes, each key and value as long as allowed.
fn attributes<T: Config>(count: u32) -> RequiredAttributesOf<T> {
	let key_len = T::MaxAttributeKeyLen::get() as usize;
	let value_len = T::MaxAttributeValueLen::get() as usize;
	let list: Vec<RequiredAttributeOf<T>> = (0..count)
		.map(|i| {
			let mut key = alloc::vec![b'k'; key_len.max(4)];
			key[..4].copy_from_slice(&i.to_le_bytes());
			key.truncate(key_len);
			RequiredAttribute {
				key: BoundedVec::truncate_from(key),
				value: BoundedVec::truncate_from(alloc::vec![b'v'; value_len]),
			}
		})
		.collect();
	BoundedVec::truncate_from(list)
}

fn auditor<T: Config>() -> T::AccountId {
	account("auditor", 0, SEED)
}

/// An order of `tenant` with the most attributes, audited, ending in
/// `MinBidWindow` blocks.
fn order<T: Config>(tenant: T::AccountId) -> OrderId {
	Pallet::<T>::do_create_order(
		tenant,
		RESOURCES,
		attributes::<T>(T::MaxRequiredAttributes::get()),
		Some(auditor::<T>()),
		max_price::<T>(),
		budget::<T>(),
		T::MinBidWindow::get(),
	)
	.expect("the benchmark order is valid")
}

/// Fills the order's expiry slot with other tenants' orders up to `up_to`.
fn fill_slot<T: Config>(window_end: BlockNumberFor<T>, up_to: u32) {
	let mut i = 0;
	while (Expiries::<T>::get(window_end).len() as u32) < up_to {
		order::<T>(funded::<T>("filler", i));
		i += 1;
	}
}

/// A provider that may bid on [`order`]s, with exactly their resources free.
fn provider<T: Config>(index: u32) -> T::AccountId {
	let who = funded::<T>("provider", index);
	let required = attributes::<T>(T::MaxRequiredAttributes::get());
	let refs: Vec<AttributeRef<'_>> =
		required.iter().map(|a| (a.key.as_slice(), a.value.as_slice())).collect();
	T::BenchmarkHelper::prepare_provider(&who, RESOURCES, &refs, &auditor::<T>());
	who
}

/// `count` providers bid the maximum price on the order, in index order.
fn bids<T: Config>(order_id: OrderId, count: u32) -> Vec<T::AccountId> {
	(0..count)
		.map(|i| {
			let who = provider::<T>(i);
			Pallet::<T>::do_place_bid(who.clone(), order_id, max_price::<T>())
				.expect("the benchmark bid is valid");
			who
		})
		.collect()
}

fn window_end<T: Config>(order_id: OrderId) -> BlockNumberFor<T> {
	Orders::<T>::get(order_id).expect("the order is open").window_end
}

fn start<T: Config>() {
	frame_system::Pallet::<T>::set_block_number(One::one());
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn create_order(a: Linear<0, { T::MaxRequiredAttributes::get() }>) {
		start::<T>();
		let tenant = funded::<T>("tenant", 0);
		let end = frame_system::Pallet::<T>::block_number().saturating_add(T::MinBidWindow::get());
		fill_slot::<T>(end, T::MaxExpiriesPerBlock::get().saturating_sub(1));
		let id = NextOrderId::<T>::get();

		#[extrinsic_call]
		_(
			RawOrigin::Signed(tenant),
			RESOURCES,
			attributes::<T>(a),
			Some(auditor::<T>()),
			max_price::<T>(),
			budget::<T>(),
			T::MinBidWindow::get(),
		);

		assert!(Orders::<T>::contains_key(id));
	}

	#[benchmark]
	fn cancel_order(b: Linear<0, { T::MaxBidsPerOrder::get() }>) {
		start::<T>();
		let tenant = funded::<T>("tenant", 0);
		let id = order::<T>(tenant.clone());
		fill_slot::<T>(window_end::<T>(id), T::MaxExpiriesPerBlock::get());
		bids::<T>(id, b);

		#[extrinsic_call]
		_(RawOrigin::Signed(tenant), id);

		assert!(!Orders::<T>::contains_key(id));
	}

	#[benchmark]
	fn place_bid() {
		start::<T>();
		let id = order::<T>(funded::<T>("tenant", 0));
		bids::<T>(id, T::MaxBidsPerOrder::get().saturating_sub(1));
		let last = provider::<T>(T::MaxBidsPerOrder::get());

		#[extrinsic_call]
		_(RawOrigin::Signed(last.clone()), id, max_price::<T>());

		assert!(Bids::<T>::contains_key(id, last));
	}

	#[benchmark]
	fn withdraw_bid() {
		start::<T>();
		let id = order::<T>(funded::<T>("tenant", 0));
		let bidders = bids::<T>(id, T::MaxBidsPerOrder::get());
		// The first bidder: every later one shifts in the list.
		let first = bidders[0].clone();

		#[extrinsic_call]
		_(RawOrigin::Signed(first.clone()), id);

		assert!(!Bids::<T>::contains_key(id, first));
	}

	#[benchmark]
	fn accept_bid(b: Linear<1, { T::MaxBidsPerOrder::get() }>) {
		start::<T>();
		let tenant = funded::<T>("tenant", 0);
		let id = order::<T>(tenant.clone());
		fill_slot::<T>(window_end::<T>(id), T::MaxExpiriesPerBlock::get());
		let bidders = bids::<T>(id, b);
		let winner = bidders[bidders.len() - 1].clone();

		#[extrinsic_call]
		_(RawOrigin::Signed(tenant), id, winner);

		assert!(!Orders::<T>::contains_key(id));
	}

	#[benchmark]
	fn on_initialize_base() {
		start::<T>();
		let now = frame_system::Pallet::<T>::block_number();
		NextUnprocessedBlock::<T>::put(now);

		#[block]
		{
			Pallet::<T>::process_expiries(now);
		}

		assert_eq!(NextUnprocessedBlock::<T>::get(), Some(now));
	}

	#[benchmark]
	fn on_initialize_slot() {
		start::<T>();
		let now = frame_system::Pallet::<T>::block_number().saturating_add(One::one());
		frame_system::Pallet::<T>::set_block_number(now);
		NextUnprocessedBlock::<T>::put(now.saturating_sub(One::one()));

		#[block]
		{
			Pallet::<T>::process_expiries(now);
		}

		assert_eq!(NextUnprocessedBlock::<T>::get(), Some(now));
	}

	/// Settling one order with `b` bids at the same price, where every bid
	/// but the last fails to match (its provider's capacity went elsewhere),
	/// so that each is attempted and rolled back before the last wins. With
	/// no bids the order expires.
	#[benchmark]
	fn on_initialize_order(b: Linear<0, { T::MaxBidsPerOrder::get() }>) {
		start::<T>();
		let id = order::<T>(funded::<T>("tenant", 0));
		let bidders = bids::<T>(id, b);
		for who in bidders.iter().take(bidders.len().saturating_sub(1)) {
			T::Registry::reserve(who, &RESOURCES).expect("the provider has this much free");
		}
		let end = window_end::<T>(id);
		frame_system::Pallet::<T>::set_block_number(end.saturating_add(One::one()));

		#[block]
		{
			Pallet::<T>::settle(id);
		}

		assert!(!Orders::<T>::contains_key(id));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
