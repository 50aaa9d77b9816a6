//! The money of a lease: settlement, payment out of the depositors' holds,
//! refunds.

use crate::{
	pallet::{Config, Error, HoldReason},
	sp_runtime, BalanceOf, LeaseOf, Pallet,
};
use polkadot_sdk::frame_support::traits::{
	fungible::MutateHold,
	tokens::{Fortitude, Precision, Restriction},
	Get,
};
use polkadot_sdk::frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{
	traits::{CheckedAdd, Saturating, Zero},
	DispatchError, SaturatedConversion,
};
use stratus_primitives::split_by_rate;

/// What one settlement paid.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Settlement<Balance> {
	/// To the provider's free balance.
	pub to_provider: Balance,
	/// To the treasury.
	pub to_treasury: Balance,
}

impl<Balance: Zero + Saturating + Copy> Settlement<Balance> {
	/// Provider and treasury together.
	pub fn total(&self) -> Balance {
		self.to_provider.saturating_add(self.to_treasury)
	}
}

impl<T: Config> Pallet<T> {
	/// How many blocks `balance` pays at `price`, saturating at the largest
	/// block number. `price` is never zero for a lease.
	pub(crate) fn funded_blocks(balance: BalanceOf<T>, price: BalanceOf<T>) -> BlockNumberFor<T> {
		if price.is_zero() {
			return Zero::zero();
		}
		let blocks: u128 = (balance / price).saturated_into();
		BlockNumberFor::<T>::saturated_from(blocks)
	}

	/// The first block a lease with this settlement point and balance cannot
	/// pay.
	pub(crate) fn run_dry_block(
		settled_up_to: BlockNumberFor<T>,
		balance: BalanceOf<T>,
		price: BalanceOf<T>,
	) -> BlockNumberFor<T> {
		settled_up_to.saturating_add(Self::funded_blocks(balance, price))
	}

	/// The whole blocks a settlement at `now` pays, and their price:
	/// `min(now − settled_up_to, balance / price)` blocks.
	pub(crate) fn owed(
		lease: &LeaseOf<T>,
		now: BlockNumberFor<T>,
	) -> (BlockNumberFor<T>, BalanceOf<T>) {
		let elapsed = now.saturating_sub(lease.settled_up_to);
		let blocks = elapsed.min(Self::funded_blocks(lease.balance(), lease.price_per_block));
		let blocks_as_balance: BalanceOf<T> = {
			let b: u128 = blocks.saturated_into();
			BalanceOf::<T>::saturated_from(b)
		};
		// Cannot overflow: at most `balance / price` blocks are paid.
		(blocks, lease.price_per_block.saturating_mul(blocks_as_balance))
	}

	/// Settles `lease` at `now`: pays the whole funded blocks since
	/// `settled_up_to` out of the escrow, the take rate to the treasury and the
	/// rest to the provider, and moves `settled_up_to` on. Changes the record
	/// in memory only; the caller writes it (or removes it).
	pub(crate) fn settle_lease(
		lease: &mut LeaseOf<T>,
		now: BlockNumberFor<T>,
	) -> Result<Settlement<BalanceOf<T>>, DispatchError> {
		let (blocks, amount) = Self::owed(lease, now);
		if blocks.is_zero() {
			return Ok(Settlement { to_provider: Zero::zero(), to_treasury: Zero::zero() });
		}
		let (to_treasury, to_provider) = split_by_rate(amount, T::TakeRate::get());
		Self::pay_out(lease, &T::Treasury::get(), to_treasury)?;
		let provider = lease.provider.clone();
		Self::pay_out(lease, &provider, to_provider)?;
		lease.settled_up_to = lease.settled_up_to.saturating_add(blocks);
		Ok(Settlement { to_provider, to_treasury })
	}

	/// Pays `amount` to the free balance of `dest` from the depositors' holds,
	/// earliest deposit first.
	///
	/// `Fortitude::Force` because the held escrow is owed: a freeze a
	/// depositor put on its own account (a vote lock, say) must not stop the
	/// provider being paid.
	fn pay_out(
		lease: &mut LeaseOf<T>,
		dest: &T::AccountId,
		amount: BalanceOf<T>,
	) -> Result<(), DispatchError> {
		let mut left = amount;
		for (depositor, held) in lease.depositors.iter_mut() {
			if left.is_zero() {
				break;
			}
			let take = left.min(*held);
			if take.is_zero() {
				continue;
			}
			T::Currency::transfer_on_hold(
				&HoldReason::Escrow.into(),
				depositor,
				dest,
				take,
				Precision::Exact,
				Restriction::Free,
				Fortitude::Force,
			)?;
			*held = held.saturating_sub(take);
			left = left.saturating_sub(take);
		}
		if !left.is_zero() {
			return Err(Error::<T>::EscrowMismatch.into());
		}
		Self::drop_spent_depositors(lease);
		Ok(())
	}

	/// Drops the entries spent to zero, except the tenant's, which stays first.
	fn drop_spent_depositors(lease: &mut LeaseOf<T>) {
		let tenant = lease.tenant.clone();
		let mut first = true;
		lease.depositors.retain(|(who, held)| {
			let keep = (first && *who == tenant) || !held.is_zero();
			first = false;
			keep
		});
	}

	/// Returns every depositor's remaining escrow to its free balance and
	/// empties the record. Returns the total refunded.
	pub(crate) fn refund_all(lease: &mut LeaseOf<T>) -> Result<BalanceOf<T>, DispatchError> {
		let mut refunded = BalanceOf::<T>::zero();
		// Later depositors first: their money was to be spent last.
		for (depositor, held) in lease.depositors.iter_mut().rev() {
			if held.is_zero() {
				continue;
			}
			T::Currency::release(&HoldReason::Escrow.into(), depositor, *held, Precision::Exact)?;
			refunded = refunded.saturating_add(*held);
			*held = Zero::zero();
		}
		Ok(refunded)
	}

	/// Holds `amount` from `who`'s free balance and records it in the escrow,
	/// adding to `who`'s entry if it has one.
	pub(crate) fn add_deposit(
		lease: &mut LeaseOf<T>,
		who: &T::AccountId,
		amount: BalanceOf<T>,
	) -> Result<(), DispatchError> {
		if let Some((_, held)) = lease.depositors.iter_mut().find(|(d, _)| d == who) {
			*held = held.checked_add(&amount).ok_or(Error::<T>::Overflow)?;
		} else {
			lease
				.depositors
				.try_push((who.clone(), amount))
				.map_err(|_| Error::<T>::TooManyDepositors)?;
		}
		T::Currency::hold(&HoldReason::Escrow.into(), who, amount)
	}
}
