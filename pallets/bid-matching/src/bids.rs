//! Placing and withdrawing bids.

use crate::{pallet::*, types::*};
use alloc::vec::Vec;
use polkadot_sdk::{frame_support, frame_system, sp_runtime};

use frame_support::{
	ensure,
	traits::{fungible::MutateHold, tokens::Precision, Get},
};
use sp_runtime::{traits::Zero, DispatchResult};
use stratus_primitives::{AttributeRef, OrderId, ProviderRegistry, ProviderStake};

impl<T: Config> Pallet<T> {
	pub(crate) fn do_place_bid(
		provider: T::AccountId,
		order_id: OrderId,
		price: BalanceOf<T>,
	) -> DispatchResult {
		let mut order = Orders::<T>::get(order_id).ok_or(Error::<T>::UnknownOrder)?;
		Self::ensure_window_open(&order)?;
		ensure!(provider != order.tenant, Error::<T>::CannotBidOnOwnOrder);
		ensure!(!Bids::<T>::contains_key(order_id, &provider), Error::<T>::AlreadyBid);
		T::Registry::ensure_can_bid(&provider)?;
		T::Stake::ensure_bonded(&provider)?;
		ensure!(!price.is_zero(), Error::<T>::ZeroPrice);
		ensure!(price <= order.max_price_per_block, Error::<T>::BidAboveMaxPrice);
		let free = T::Registry::free_capacity(&provider).ok_or(Error::<T>::InsufficientCapacity)?;
		ensure!(order.resources.fits(&free), Error::<T>::InsufficientCapacity);
		ensure!(Self::satisfies(&provider, &order), Error::<T>::AttributesNotSatisfied);

		OrderBidders::<T>::try_mutate(order_id, |bidders| bidders.try_push(provider.clone()))
			.map_err(|_| Error::<T>::TooManyBids)?;
		let deposit = T::BidDeposit::get();
		T::Currency::hold(&HoldReason::BidDeposit.into(), &provider, deposit)?;
		let now = frame_system::Pallet::<T>::block_number();
		Bids::<T>::insert(
			order_id,
			&provider,
			Bid { price, deposit, placed_at: now, seq: order.bids_placed },
		);
		order.bid_count = order.bid_count.saturating_add(1);
		order.bids_placed = order.bids_placed.saturating_add(1);
		Orders::<T>::insert(order_id, order);
		Self::deposit_event(Event::BidPlaced { order_id, provider, price });
		Ok(())
	}

	pub(crate) fn do_withdraw_bid(provider: &T::AccountId, order_id: OrderId) -> DispatchResult {
		let mut order = Orders::<T>::get(order_id).ok_or(Error::<T>::UnknownOrder)?;
		Self::ensure_window_open(&order)?;
		let bid = Bids::<T>::take(order_id, provider).ok_or(Error::<T>::UnknownBid)?;
		let mut bidders = OrderBidders::<T>::get(order_id);
		bidders.retain(|p| p != provider);
		if bidders.is_empty() {
			OrderBidders::<T>::remove(order_id);
		} else {
			OrderBidders::<T>::insert(order_id, bidders);
		}
		let deposit_returned = T::Currency::release(
			&HoldReason::BidDeposit.into(),
			provider,
			bid.deposit,
			Precision::Exact,
		)?;
		order.bid_count = order.bid_count.saturating_sub(1);
		Orders::<T>::insert(order_id, order);
		Self::deposit_event(Event::BidWithdrawn {
			order_id,
			provider: provider.clone(),
			deposit_returned,
		});
		Ok(())
	}

	/// Whether `provider` declares every attribute the order requires, vouched
	/// for by the order's auditor if it names one.
	pub(crate) fn satisfies(provider: &T::AccountId, order: &OrderOf<T>) -> bool {
		let required: Vec<AttributeRef<'_>> =
			order.attributes.iter().map(|a| (a.key.as_slice(), a.value.as_slice())).collect();
		T::Registry::satisfies(provider, &required, order.auditor.as_ref())
	}
}
