//! Benchmarks: one per call and one per part of the hook, each in its worst
//! case (bounded vectors filled to their bounds). Orders are paid in the
//! asset [`BenchmarkHelper::asset`] gives: in the runtime a foreign asset,
//! whose acceptance, rate, holds and accounts cost more to reach than the
//! chain's own token's.

use super::*;
use alloc::vec::Vec;
use polkadot_sdk::{frame_benchmarking::v2::*, frame_support, frame_system, sp_runtime};

use frame_support::{
	traits::{fungibles::Inspect, Get},
	weights::WeightMeter,
	BoundedVec,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use sp_runtime::traits::{One, Saturating};
use stratus_primitives::{
	queue::BlockQueue, AttributeRef, ManifestHash, OrderId, TrackRequirements,
};

/// The manifest hash the benchmark orders commit to.
const MANIFEST: ManifestHash = ManifestHash::repeat_byte(0x4d);

const SEED: u32 = 0;

const RESOURCES: Resources =
	Resources { cpu_millicores: 2_000, memory_mib: 4_096, storage_gib: 50, gpu_units: 1 };

/// The asset the benchmarks' orders are paid in.
fn asset<T: Config>() -> T::AssetKind {
	T::BenchmarkHelper::asset()
}

/// High enough that bids can undercut each other.
fn max_price<T: Config>() -> BalanceOf<T> {
	T::Funds::minimum_balance(asset::<T>()).max(One::one()).saturating_mul(100u32.into())
}

fn budget<T: Config>() -> BalanceOf<T> {
	max_price::<T>().saturating_mul(T::MinLeaseBlocks::get().into())
}

/// An account with enough for several orders and bids.
fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, SEED);
	let one = T::Funds::minimum_balance(asset::<T>())
		.saturating_add(budget::<T>())
		.saturating_add(T::OrderDeposit::get());
	T::BenchmarkHelper::fund(&asset::<T>(), &who, one.saturating_mul(100u32.into()));
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

/// What the worst-case orders require of a provider's track record: a
/// score and completed leases, so that serving reads the record.
fn requirements() -> TrackRequirements {
	TrackRequirements { min_score: sp_runtime::Perbill::from_percent(60), min_completed: 1 }
}

/// An order of `tenant` with the most attributes, audited, requiring a
/// track record, ending in `MinBidWindow` blocks.
fn order<T: Config>(tenant: T::AccountId) -> OrderId {
	order_with::<T>(tenant, T::MaxRequiredAttributes::get(), Some(auditor::<T>()), requirements())
}

/// An order of `tenant` requiring `attributes` attributes, vouched for by
/// `auditor` if given, and `requirements` of the provider's track record,
/// ending in `MinBidWindow` blocks.
fn order_with<T: Config>(
	tenant: T::AccountId,
	required: u32,
	auditor: Option<T::AccountId>,
	requirements: TrackRequirements,
) -> OrderId {
	Pallet::<T>::do_create_order(
		tenant,
		asset::<T>(),
		MANIFEST,
		RESOURCES,
		attributes::<T>(required),
		auditor,
		requirements,
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

/// Fills the slot as far as it admits.
fn fill_slot_to_admission<T: Config>(window_end: BlockNumberFor<T>) {
	fill_slot::<T>(window_end, Pallet::<T>::expiries_admitted_per_block());
}

/// A provider that may bid on [`order`]s, with exactly their resources free,
/// its attributes vouched for by `auditor`.
fn provider_vouched_by<T: Config>(index: u32, auditor: &T::AccountId) -> T::AccountId {
	let who = funded::<T>("provider", index);
	let required = attributes::<T>(T::MaxRequiredAttributes::get());
	let refs: Vec<AttributeRef<'_>> = required.iter().map(|a| a.as_ref()).collect();
	T::BenchmarkHelper::prepare_provider(&who, RESOURCES, &refs, auditor, &requirements());
	who
}

/// A provider that can serve [`order`]s.
fn provider<T: Config>(index: u32) -> T::AccountId {
	provider_vouched_by::<T>(index, &auditor::<T>())
}

/// A provider that fails the last check of serving an order: it declares
/// the attributes, but another auditor vouches for them.
fn unservable<T: Config>(index: u32) -> T::AccountId {
	provider_vouched_by::<T>(index, &account("other auditor", 0, SEED))
}

/// Fills the order's book with `count` bids at the maximum price, from
/// providers that can serve.
fn fill_book<T: Config>(order_id: OrderId, count: u32) -> Vec<T::AccountId> {
	(0..count)
		.map(|i| {
			let who = provider::<T>(i);
			Pallet::<T>::do_place_bid(who.clone(), order_id, max_price::<T>())
				.expect("the benchmark bid is valid");
			who
		})
		.collect()
}

/// Puts `who`'s bid at the top of the book (cheaper than any other)
/// directly, as if `who` could serve when it bid.
fn insert_best<T: Config>(order_id: OrderId, who: &T::AccountId) {
	Orders::<T>::mutate(order_id, |maybe| {
		let order = maybe.as_mut().expect("the order is open");
		let bid = Bid {
			provider: who.clone(),
			price: One::one(),
			placed_at: frame_system::Pallet::<T>::block_number(),
			seq: order.bids_placed,
		};
		order.bids_placed += 1;
		if order.bids.is_full() {
			order.bids.pop();
		}
		order.bids.try_insert(0, bid).expect("room was made");
	});
}

fn window_end<T: Config>(order_id: OrderId) -> BlockNumberFor<T> {
	Orders::<T>::get(order_id).expect("the order is open").window_end
}

fn start<T: Config>() {
	frame_system::Pallet::<T>::set_block_number(One::one());
}

/// Moves to the block after the order's window, when it is due.
fn past_window<T: Config>(order_id: OrderId) {
	let end = window_end::<T>(order_id);
	frame_system::Pallet::<T>::set_block_number(end.saturating_add(One::one()));
}

fn book_len<T: Config>(order_id: OrderId) -> u32 {
	Orders::<T>::get(order_id).map_or(0, |o| o.bids.len() as u32)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// Its slot and the spill depth after it full but for one place.
	#[benchmark]
	fn create_order(a: Linear<0, { T::MaxRequiredAttributes::get() }>) {
		start::<T>();
		let tenant = funded::<T>("tenant", 0);
		let end = frame_system::Pallet::<T>::block_number().saturating_add(T::MinBidWindow::get());
		// The slot of the window's end and the spill depth after it full but
		// for the last place of the last slot: the longest search, and the
		// highest surcharge.
		let admitted = Pallet::<T>::expiries_admitted_per_block();
		for i in 0..(EXPIRY_SPILL_DEPTH + 1) * admitted - 1 {
			order::<T>(funded::<T>("filler", i));
		}
		let last = end.saturating_add(EXPIRY_SPILL_DEPTH.into());
		assert_eq!(Expiries::<T>::get(last).len() as u32, admitted - 1);
		let id = NextOrderId::<T>::get();

		#[extrinsic_call]
		_(
			RawOrigin::Signed(tenant),
			MANIFEST,
			RESOURCES,
			attributes::<T>(a),
			Some(auditor::<T>()),
			requirements(),
			max_price::<T>(),
			budget::<T>(),
			T::MinBidWindow::get(),
			asset::<T>(),
		);

		assert_eq!(Orders::<T>::get(id).map(|o| o.window_end), Some(last));
	}

	/// A full book and a full expiry slot: nothing of the bidders is touched.
	#[benchmark]
	fn cancel_order() {
		start::<T>();
		let tenant = funded::<T>("tenant", 0);
		let id = order::<T>(tenant.clone());
		fill_slot_to_admission::<T>(window_end::<T>(id));
		fill_book::<T>(id, T::MaxBidsPerOrder::get());

		#[extrinsic_call]
		_(RawOrigin::Signed(tenant), id);

		assert!(!Orders::<T>::contains_key(id));
	}

	/// A full book: the new bid is the cheapest, goes first and displaces the
	/// most expensive; the order requires `a` attributes, vouched for by an
	/// auditor if `u` is 1 (the call is charged for the order it bids on).
	#[benchmark]
	fn place_bid(
		a: Linear<0, { T::MaxRequiredAttributes::get() }>,
		u: Linear<0, 1>,
		r: Linear<0, 1>,
	) {
		start::<T>();
		let auditor = (u == 1).then(auditor::<T>);
		let required = if r == 1 { requirements() } else { TrackRequirements::default() };
		let id = order_with::<T>(funded::<T>("tenant", 0), a, auditor, required);
		fill_book::<T>(id, T::MaxBidsPerOrder::get());
		let last = provider::<T>(T::MaxBidsPerOrder::get());
		let price = max_price::<T>().saturating_sub(One::one());

		#[extrinsic_call]
		_(RawOrigin::Signed(last.clone()), id, price);

		let order = Orders::<T>::get(id).expect("the order is open");
		assert_eq!(order.bids.first().map(|b| b.provider.clone()), Some(last));
		assert_eq!(order.bids.len() as u32, T::MaxBidsPerOrder::get());
	}

	/// A full book; the first bid leaves, every other one shifts.
	#[benchmark]
	fn withdraw_bid() {
		start::<T>();
		let id = order::<T>(funded::<T>("tenant", 0));
		let bidders = fill_book::<T>(id, T::MaxBidsPerOrder::get());
		let first = bidders[0].clone();

		#[extrinsic_call]
		_(RawOrigin::Signed(first), id);

		assert_eq!(book_len::<T>(id), T::MaxBidsPerOrder::get() - 1);
	}

	/// A full book and expiry slot; the last bid is accepted.
	#[benchmark]
	fn accept_bid() {
		start::<T>();
		let tenant = funded::<T>("tenant", 0);
		let id = order::<T>(tenant.clone());
		fill_slot_to_admission::<T>(window_end::<T>(id));
		let bidders = fill_book::<T>(id, T::MaxBidsPerOrder::get());
		let winner = bidders[bidders.len() - 1].clone();

		#[extrinsic_call]
		_(RawOrigin::Signed(tenant), id, winner);

		assert!(!Orders::<T>::contains_key(id));
	}

	/// A full book whose best bid fails the last check of serving, and
	/// forfeits.
	#[benchmark]
	fn evict_bid() {
		start::<T>();
		let id = order::<T>(funded::<T>("tenant", 0));
		fill_book::<T>(id, T::MaxBidsPerOrder::get());
		let jammer = unservable::<T>(T::MaxBidsPerOrder::get());
		insert_best::<T>(id, &jammer);
		let caller = funded::<T>("caller", 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id, jammer.clone());

		let order = Orders::<T>::get(id).expect("the order is open");
		assert!(order.bids.iter().all(|b| b.provider != jammer));
	}

	#[benchmark]
	fn on_initialize_base() {
		start::<T>();
		let now = frame_system::Pallet::<T>::block_number();
		NextUnprocessedBlock::<T>::put(now);

		#[block]
		{
			Pallet::<T>::conclude_due(now);
		}

		assert_eq!(NextUnprocessedBlock::<T>::get(), Some(now));
	}

	/// Taking a full slot and putting it back, as the hook does with a slot
	/// it cannot finish.
	#[benchmark]
	fn on_initialize_slot() {
		start::<T>();
		let at = frame_system::Pallet::<T>::block_number();
		let full: Vec<OrderId> = (0..T::MaxExpiriesPerBlock::get().into()).collect();
		Expiries::<T>::insert(at, BoundedVec::truncate_from(full));

		#[block]
		{
			let ids = <hooks::ExpiryQueue<T> as BlockQueue>::take_slot(at);
			<hooks::ExpiryQueue<T> as BlockQueue>::restore_slot(at, ids);
		}

		assert_eq!(Expiries::<T>::get(at).len() as u32, T::MaxExpiriesPerBlock::get());
	}

	/// An order with a full book whose best bid can serve: it wins.
	#[benchmark]
	fn conclude_matched() {
		start::<T>();
		let id = order::<T>(funded::<T>("tenant", 0));
		fill_book::<T>(id, T::MaxBidsPerOrder::get());
		past_window::<T>(id);
		let mut meter = WeightMeter::new();

		#[block]
		{
			Pallet::<T>::conclude(id, &mut meter);
		}

		assert!(!Orders::<T>::contains_key(id));
	}

	/// An order with a full book whose best bid fails the last check of
	/// serving: it is forfeited, and the meter affords no second step, so
	/// the book is written back.
	#[benchmark]
	fn conclude_forfeited() {
		start::<T>();
		let id = order::<T>(funded::<T>("tenant", 0));
		fill_book::<T>(id, T::MaxBidsPerOrder::get());
		let jammer = unservable::<T>(T::MaxBidsPerOrder::get());
		insert_best::<T>(id, &jammer);
		past_window::<T>(id);
		let mut meter = WeightMeter::with_limit(Pallet::<T>::conclude_step_weight());

		#[block]
		{
			Pallet::<T>::conclude(id, &mut meter);
		}

		let order = Orders::<T>::get(id).expect("the order waits for the next block");
		assert!(order.bids.iter().all(|b| b.provider != jammer));
	}

	/// An order with the most attributes and no bids: it expires.
	#[benchmark]
	fn conclude_expired() {
		start::<T>();
		let id = order::<T>(funded::<T>("tenant", 0));
		past_window::<T>(id);
		let mut meter = WeightMeter::new();

		#[block]
		{
			Pallet::<T>::conclude(id, &mut meter);
		}

		assert!(!Orders::<T>::contains_key(id));
	}

	/// A screening page of `n` providers, every one of which can serve the
	/// order (the most attributes, audited, a track record required), so
	/// that each runs every check of the predicate and joins the page.
	/// Not a call: the runtime API's cost per provider screened.
	#[benchmark]
	fn screen_order(n: Linear<1, { T::MaxScreenPage::get() }>) {
		start::<T>();
		for i in 0..n {
			provider::<T>(i);
		}
		let view;

		#[block]
		{
			view = Pallet::<T>::screen_order(
				RESOURCES,
				attributes::<T>(T::MaxRequiredAttributes::get()),
				Some(auditor::<T>()),
				max_price::<T>(),
				requirements(),
				None,
				n,
			);
		}

		let view = view.expect("the benchmark terms are valid");
		assert_eq!(view.eligible.len() as u32, n);
		assert_eq!(view.excluded.total(), 0);
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
