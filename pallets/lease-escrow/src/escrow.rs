//! The money of a lease: holding an order's budget before the lease opens,
//! settlement (which only moves the ledger), paying what is owed out of the
//! tenant's escrow hold, taking deposits in and paying refunds back.

use crate::{
	pallet::{Config, Error, HeldBudgets, HoldReason},
	sp_runtime, BalanceOf, LeaseOf, LeaseState, Pallet,
};
use polkadot_sdk::frame_support::{
	ensure,
	storage::with_storage_layer,
	traits::{
		fungibles::MutateHold,
		tokens::{Fortitude, Precision, Preservation, Restriction},
		Get,
	},
};
use polkadot_sdk::frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{
	traits::{CheckedAdd, Saturating, Zero},
	DispatchError, DispatchResult, SaturatedConversion,
};
use stratus_primitives::split_by_rate;

/// What a settlement accrued, or what a payout paid.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Shares<Balance> {
	/// The provider's share.
	pub to_provider: Balance,
	/// The treasury's share (the take rate).
	pub to_treasury: Balance,
}

impl<Balance: Zero + Saturating + Copy> Shares<Balance> {
	/// Nothing to either.
	pub fn zero() -> Self {
		Self { to_provider: Zero::zero(), to_treasury: Zero::zero() }
	}

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

	/// The whole blocks a settlement at `now` would take, and their price:
	/// `min(now − settled_up_to, balance / price)` blocks; none while the
	/// lease is pending.
	pub(crate) fn due(
		lease: &LeaseOf<T>,
		now: BlockNumberFor<T>,
	) -> (BlockNumberFor<T>, BalanceOf<T>) {
		if matches!(lease.state, LeaseState::Pending { .. }) {
			return (Zero::zero(), Zero::zero());
		}
		let elapsed = now.saturating_sub(lease.settled_up_to);
		let blocks = elapsed.min(Self::funded_blocks(lease.balance(), lease.price_per_block));
		let blocks_as_balance: BalanceOf<T> = {
			let b: u128 = blocks.saturated_into();
			BalanceOf::<T>::saturated_from(b)
		};
		// Cannot overflow: at most `balance / price` blocks are taken.
		(blocks, lease.price_per_block.saturating_mul(blocks_as_balance))
	}

	/// What the tenant of `lease` has paid for it by `now`: what settlements
	/// took from its part, and what a settlement at `now` would take from
	/// it, settled or not.
	pub fn tenant_paid(lease: &LeaseOf<T>, now: BlockNumberFor<T>) -> BalanceOf<T> {
		let (_, due) = Self::due(lease, now);
		lease.tenant_spent.saturating_add(due.min(lease.tenant_unspent()))
	}

	/// Settles `lease` at `now`: takes the whole funded blocks since
	/// `settled_up_to` out of the ledger (the tenant's part first, then the
	/// others' line) and adds them to what is owed, the take rate to the
	/// treasury and the rest to the provider. Moves no money; changes the
	/// record in memory only, and the caller writes it (or removes it).
	///
	/// A pending lease is billed nothing: settling it brings its settlement
	/// point to `now` and its run-dry block with it, so that billing, when
	/// it starts, starts there.
	pub(crate) fn settle_lease(
		lease: &mut LeaseOf<T>,
		now: BlockNumberFor<T>,
	) -> Result<Shares<BalanceOf<T>>, DispatchError> {
		if matches!(lease.state, LeaseState::Pending { .. }) {
			lease.settled_up_to = lease.settled_up_to.max(now);
			lease.run_dry_at =
				Self::run_dry_block(lease.settled_up_to, lease.balance(), lease.price_per_block);
			return Ok(Shares::zero());
		}
		let (blocks, amount) = Self::due(lease, now);
		if blocks.is_zero() {
			return Ok(Shares::zero());
		}
		let (to_treasury, to_provider) = split_by_rate(amount, T::TakeRate::get());
		Self::spend(lease, amount)?;
		lease.owed_to_provider =
			lease.owed_to_provider.checked_add(&to_provider).ok_or(Error::<T>::Overflow)?;
		lease.owed_to_treasury =
			lease.owed_to_treasury.checked_add(&to_treasury).ok_or(Error::<T>::Overflow)?;
		lease.settled_up_to = lease.settled_up_to.saturating_add(blocks);
		Ok(Shares { to_provider, to_treasury })
	}

	/// Takes `amount` out of the lease's escrow: as much as the tenant's part
	/// has left, the rest from the others' line.
	fn spend(lease: &mut LeaseOf<T>, amount: BalanceOf<T>) -> DispatchResult {
		let from_tenant = amount.min(lease.tenant_unspent());
		let from_others = amount.saturating_sub(from_tenant);
		ensure!(from_others <= lease.others_unspent(), Error::<T>::EscrowMismatch);
		lease.tenant_spent =
			lease.tenant_spent.checked_add(&from_tenant).ok_or(Error::<T>::Overflow)?;
		lease.others_spent =
			lease.others_spent.checked_add(&from_others).ok_or(Error::<T>::Overflow)?;
		Ok(())
	}

	/// Pays what `lease` owes out of the tenant's escrow hold, the treasury's
	/// share to the treasury and the rest to the provider, and zeroes it. At
	/// most two transfers, whoever deposited. Changes the record in memory
	/// only.
	pub(crate) fn pay_owed(lease: &mut LeaseOf<T>) -> Result<Shares<BalanceOf<T>>, DispatchError> {
		let paid =
			Shares { to_provider: lease.owed_to_provider, to_treasury: lease.owed_to_treasury };
		Self::pay_from_escrow(&lease.asset, &lease.tenant, &T::Treasury::get(), paid.to_treasury)?;
		Self::pay_from_escrow(&lease.asset, &lease.tenant, &lease.provider, paid.to_provider)?;
		lease.owed_to_provider = Zero::zero();
		lease.owed_to_treasury = Zero::zero();
		Ok(paid)
	}

	/// Pays what `lease` owes at close, as [`Self::pay_owed`], except that
	/// a provider's payout its account cannot take is not an error: it stays
	/// in `owed_to_provider`, for the closed record to keep, and is not
	/// counted as paid. So a provider's account never keeps a lease open.
	pub(crate) fn pay_owed_at_close(
		lease: &mut LeaseOf<T>,
	) -> Result<Shares<BalanceOf<T>>, DispatchError> {
		let to_treasury = lease.owed_to_treasury;
		Self::pay_from_escrow(&lease.asset, &lease.tenant, &T::Treasury::get(), to_treasury)?;
		lease.owed_to_treasury = Zero::zero();
		let owed = lease.owed_to_provider;
		// A layer of its own, so that a payment that fails half-way leaves
		// nothing behind.
		let to_provider = match with_storage_layer(|| {
			Self::pay_from_escrow(&lease.asset, &lease.tenant, &lease.provider, owed)
		}) {
			Ok(()) => {
				lease.owed_to_provider = Zero::zero();
				owed
			},
			Err(error) => {
				log::debug!(
					target: crate::LOG_TARGET,
					"payout to the provider kept owed at close: {error:?}",
				);
				Zero::zero()
			},
		};
		Ok(Shares { to_provider, to_treasury })
	}

	/// Pays `amount` of `asset` from `tenant`'s escrow hold to the free
	/// balance of `dest`.
	///
	/// `Fortitude::Force` because the held escrow is owed: a freeze the
	/// tenant put on its own account must not stop the payment.
	pub(crate) fn pay_from_escrow(
		asset: &T::AssetKind,
		tenant: &T::AccountId,
		dest: &T::AccountId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		if amount.is_zero() {
			return Ok(());
		}
		T::Funds::transfer_on_hold(
			asset.clone(),
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

	/// Returns `amount` of `asset` in `tenant`'s escrow hold to its free
	/// balance.
	pub(crate) fn release_to_tenant(
		asset: &T::AssetKind,
		tenant: &T::AccountId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		if amount.is_zero() {
			return Ok(());
		}
		T::Funds::release(
			asset.clone(),
			&HoldReason::Escrow.into(),
			tenant,
			amount,
			Precision::Exact,
		)?;
		Ok(())
	}

	/// Puts `amount` of `asset` from `who`'s free balance into the escrow
	/// hold of `tenant`: a hold when `who` is the tenant, otherwise a
	/// transfer into the tenant's hold that keeps `who`'s account alive.
	pub(crate) fn take_deposit(
		asset: &T::AssetKind,
		tenant: &T::AccountId,
		who: &T::AccountId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		let reason = HoldReason::Escrow.into();
		if who == tenant {
			T::Funds::hold(asset.clone(), &reason, tenant, amount)
		} else {
			T::Funds::transfer_and_hold(
				asset.clone(),
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

	/// Holds `budget` of `asset` from `tenant`'s free balance as the escrow
	/// of an order's lease-to-be.
	pub(crate) fn do_hold_budget(
		tenant: &T::AccountId,
		asset: &T::AssetKind,
		budget: BalanceOf<T>,
	) -> DispatchResult {
		let held = HeldBudgets::<T>::get(tenant, asset)
			.checked_add(&budget)
			.ok_or(Error::<T>::Overflow)?;
		T::Funds::hold(asset.clone(), &HoldReason::Escrow.into(), tenant, budget)?;
		Self::set_held_budgets(tenant, asset, held);
		Ok(())
	}

	/// Releases up to `budget` of what `tenant` holds in `asset` for orders;
	/// returns what was released.
	pub(crate) fn do_release_budget(
		tenant: &T::AccountId,
		asset: &T::AssetKind,
		budget: BalanceOf<T>,
	) -> BalanceOf<T> {
		let held = HeldBudgets::<T>::get(tenant, asset);
		let amount = budget.min(held);
		let released = T::Funds::release(
			asset.clone(),
			&HoldReason::Escrow.into(),
			tenant,
			amount,
			Precision::BestEffort,
		)
		.unwrap_or_else(|_| Zero::zero());
		Self::set_held_budgets(tenant, asset, held.saturating_sub(released));
		released
	}

	/// Records what `tenant` holds in `asset` for orders, removing the entry
	/// at zero.
	pub(crate) fn set_held_budgets(
		tenant: &T::AccountId,
		asset: &T::AssetKind,
		held: BalanceOf<T>,
	) {
		if held.is_zero() {
			HeldBudgets::<T>::remove(tenant, asset);
		} else {
			HeldBudgets::<T>::insert(tenant, asset, held);
		}
	}
}
