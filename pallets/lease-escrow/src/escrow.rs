//! The money of a lease: settlement, paying out of the tenant's escrow hold,
//! taking deposits in and paying refunds back.

use crate::{
	pallet::{Config, Error, HoldReason},
	sp_runtime, BalanceOf, LeaseOf, Pallet,
};
use polkadot_sdk::frame_support::traits::{
	fungible::MutateHold,
	tokens::{Fortitude, Precision, Preservation, Restriction},
	Get,
};
use polkadot_sdk::frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{
	traits::{CheckedAdd, Saturating, Zero},
	DispatchError, DispatchResult, SaturatedConversion,
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
	/// `settled_up_to` out of the tenant's escrow hold, the take rate to the
	/// treasury and the rest to the provider, and moves `settled_up_to` and
	/// `spent` on. At most two transfers, whoever deposited. Changes the
	/// record in memory only; the caller writes it (or removes it).
	pub(crate) fn settle_lease(
		lease: &mut LeaseOf<T>,
		now: BlockNumberFor<T>,
	) -> Result<Settlement<BalanceOf<T>>, DispatchError> {
		let (blocks, amount) = Self::owed(lease, now);
		if blocks.is_zero() {
			return Ok(Settlement { to_provider: Zero::zero(), to_treasury: Zero::zero() });
		}
		let (to_treasury, to_provider) = split_by_rate(amount, T::TakeRate::get());
		Self::pay_from_escrow(&lease.tenant, &T::Treasury::get(), to_treasury)?;
		Self::pay_from_escrow(&lease.tenant, &lease.provider, to_provider)?;
		lease.settled_up_to = lease.settled_up_to.saturating_add(blocks);
		lease.spent = lease.spent.checked_add(&amount).ok_or(Error::<T>::Overflow)?;
		Ok(Settlement { to_provider, to_treasury })
	}

	/// Pays `amount` from `tenant`'s escrow hold to the free balance of `dest`.
	///
	/// `Fortitude::Force` because the held escrow is owed: a freeze the
	/// tenant put on its own account must not stop the payment.
	fn pay_from_escrow(
		tenant: &T::AccountId,
		dest: &T::AccountId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		if amount.is_zero() {
			return Ok(());
		}
		T::Currency::transfer_on_hold(
			&HoldReason::Escrow.into(),
			tenant,
			dest,
			amount,
			Precision::Exact,
			Restriction::Free,
			Fortitude::Force,
		)?;
		Ok(())
	}

	/// Puts `amount` of `who`'s free balance into the escrow hold of
	/// `tenant`: a hold when `who` is the tenant, otherwise a transfer into
	/// the tenant's hold that keeps `who`'s account alive.
	pub(crate) fn take_deposit(
		tenant: &T::AccountId,
		who: &T::AccountId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		let reason = HoldReason::Escrow.into();
		if who == tenant {
			T::Currency::hold(&reason, tenant, amount)
		} else {
			T::Currency::transfer_and_hold(
				&reason,
				who,
				tenant,
				amount,
				Precision::Exact,
				Preservation::Preserve,
				Fortitude::Polite,
			)?;
			Ok(())
		}
	}

	/// Pays a refund of `amount` from `tenant`'s escrow hold back to
	/// `depositor`: a release when the depositor is the tenant.
	pub(crate) fn pay_refund(
		tenant: &T::AccountId,
		depositor: &T::AccountId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		if amount.is_zero() {
			return Ok(());
		}
		if depositor == tenant {
			T::Currency::release(&HoldReason::Escrow.into(), tenant, amount, Precision::Exact)?;
			Ok(())
		} else {
			Self::pay_from_escrow(tenant, depositor, amount)
		}
	}
}
