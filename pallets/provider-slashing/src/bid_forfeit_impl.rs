//! The forfeit bid matching takes from a bidder that won and cannot serve.

use crate::*;

impl<T: Config> stratus_primitives::BidForfeit<T::AccountId, BalanceOf<T>> for Pallet<T> {
	fn forfeit(
		provider: &T::AccountId,
		order_id: stratus_primitives::OrderId,
		amount: BalanceOf<T>,
	) -> BalanceOf<T> {
		Self::do_forfeit(provider, order_id, amount)
	}
}
