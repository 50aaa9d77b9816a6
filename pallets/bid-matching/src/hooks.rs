//! The window-end hook: the expiry queue, worked through with the shared
//! [`stratus_primitives::queue`] and metered by weight, and what it does to
//! each order whose window ended.

use crate::{pallet::*, types::*, weights::WeightInfo, LOG_TARGET};
use alloc::vec::Vec;
use core::marker::PhantomData;
use polkadot_sdk::{frame_support, frame_system, sp_runtime};

use frame_support::{
	storage::{with_transaction, TransactionOutcome},
	traits::Get,
	weights::{Weight, WeightMeter},
	BoundedVec,
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{
	traits::{One, Saturating, Zero},
	DispatchError,
};
use stratus_primitives::{
	queue::{self, BlockQueue, Progress},
	LeaseManager, OrderId,
};

/// The expiry queue as [`queue::service`] sees it: slots of order ids by
/// the block their window ends in, due the block after.
pub struct ExpiryQueue<T>(PhantomData<T>);

impl<T: Config> BlockQueue for ExpiryQueue<T> {
	type BlockNumber = BlockNumberFor<T>;
	type Item = OrderId;

	fn cursor() -> Option<BlockNumberFor<T>> {
		NextUnprocessedBlock::<T>::get()
	}
	fn set_cursor(at: BlockNumberFor<T>) {
		NextUnprocessedBlock::<T>::put(at);
	}
	fn take_slot(at: BlockNumberFor<T>) -> Vec<OrderId> {
		Expiries::<T>::take(at).into_inner()
	}
	fn restore_slot(at: BlockNumberFor<T>, items: Vec<OrderId>) {
		// Only ids taken from this slot come back, so nothing is cut off.
		Expiries::<T>::insert(at, BoundedVec::truncate_from(items));
	}
	fn slot_weight() -> Weight {
		T::WeightInfo::on_initialize_slot()
	}
	fn step_weight() -> Weight {
		Pallet::<T>::conclude_step_weight()
	}
	fn process(order_id: &OrderId, meter: &mut WeightMeter) -> Progress {
		Pallet::<T>::conclude(*order_id, meter)
	}
}

impl<T: Config> Pallet<T> {
	/// The hook's work: concludes the orders whose window ended before `now`,
	/// from the cursor on, within `HookWeight`. Returns the weight used.
	pub(crate) fn conclude_due(now: BlockNumberFor<T>) -> Weight {
		let mut meter = WeightMeter::with_limit(T::HookWeight::get());
		meter.consume(T::WeightInfo::on_initialize_base());
		if !now.is_zero() {
			queue::service::<ExpiryQueue<T>>(now.saturating_sub(One::one()), &mut meter);
		}
		meter.consumed()
	}

	/// Concludes one order whose window ended, one step at a time while the
	/// meter affords one: the best bid in the book wins if its provider can
	/// serve; if not, it is forfeited and dropped and the next one is
	/// tried (a bid that can serve but whose match is refused elsewhere is
	/// dropped without a forfeit); with no bid left the order expires.
	/// `Pending` when the meter ran out first; the book keeps what is left.
	pub(crate) fn conclude(order_id: OrderId, meter: &mut WeightMeter) -> Progress {
		let Some(mut order) = Orders::<T>::get(order_id) else {
			log::error!(target: LOG_TARGET, "order {order_id} queued but missing");
			return Progress::Done;
		};
		let mut dropped = false;
		loop {
			if !meter.can_consume(Self::conclude_step_weight()) {
				if dropped {
					Orders::<T>::insert(order_id, &order);
				}
				return Progress::Pending;
			}
			let Some(best) = order.bids.first() else {
				meter.consume(T::WeightInfo::conclude_expired());
				Self::expire(order_id, &order);
				return Progress::Done;
			};
			let provider = best.provider.clone();
			match Self::ensure_can_serve(&provider, &order, best.price) {
				Ok(()) => match Self::try_match(order_id, &order) {
					Ok(()) => {
						meter.consume(T::WeightInfo::conclude_matched());
						return Progress::Done;
					},
					Err(e) => {
						// The provider can serve, but the match was refused
						// elsewhere (the lease manager, say because the
						// tenant has too many leases). That is no fault of
						// the provider's: its bid is dropped without a
						// forfeit, and the next one is tried.
						log::warn!(
							target: LOG_TARGET,
							"order {order_id}: matching the servable bid of {provider:?} failed ({e:?}), dropped"
						);
						order.bids.remove(0);
						dropped = true;
						Self::deposit_event(Event::BidDropped { order_id, provider, reason: e });
						meter.consume(T::WeightInfo::conclude_matched());
					},
				},
				Err(reason) => {
					order.bids.remove(0);
					dropped = true;
					Self::forfeit(order_id, &provider, reason);
					meter.consume(T::WeightInfo::conclude_forfeited());
				},
			}
		}
	}

	/// Matches the order with the best bid of its book, all or nothing.
	fn try_match(order_id: OrderId, order: &OrderOf<T>) -> Result<(), DispatchError> {
		with_transaction(|| match Self::do_match(order_id, order, 0) {
			Ok(_) => TransactionOutcome::Commit(Ok(())),
			Err(e) => TransactionOutcome::Rollback(Err(e)),
		})
	}

	/// Ends an order no bid could be matched with: everything goes back.
	fn expire(order_id: OrderId, order: &OrderOf<T>) {
		let budget = T::Leases::release_budget(&order.tenant, &order.asset, order.budget);
		let deposit = Self::close_order(order_id, order);
		Self::deposit_event(Event::OrderExpired {
			order_id,
			tenant: order.tenant.clone(),
			refunded: budget.saturating_add(deposit),
		});
	}

	/// The most one step of concluding an order weighs: matching it,
	/// forfeiting its best bid, or expiring it.
	pub fn conclude_step_weight() -> Weight {
		T::WeightInfo::conclude_matched()
			.max(T::WeightInfo::conclude_forfeited())
			.max(T::WeightInfo::conclude_expired())
	}

	/// How many orders one expiry slot admits: as many as the hook concludes
	/// in one block when each takes its heaviest step, never more than the
	/// slot's storage bound. So a slot's orders are all concluded in the block
	/// after their window unless forfeited bids (each paid for by its
	/// provider) take the hook's time.
	pub fn expiries_admitted_per_block() -> u32 {
		queue::admitted_per_block::<ExpiryQueue<T>>(
			T::HookWeight::get(),
			T::WeightInfo::on_initialize_base(),
			T::MaxExpiriesPerBlock::get(),
		)
	}
}
