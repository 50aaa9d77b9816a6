//! Bonding, unbonding, withdrawing, and the jail a provider can leave.

use crate::*;
use frame_support::{
	dispatch::DispatchResult,
	ensure,
	traits::{
		fungible::{InspectHold as _, MutateHold},
		tokens::Precision,
		Get,
	},
};
use sp_runtime::traits::{Saturating, Zero};

impl<T: Config> Pallet<T> {
	/// Whether `who` has a bond record with at least `MinProviderBond`
	/// bonded. Unbonding chunks do not count: they are leaving.
	pub(crate) fn do_ensure_bonded(who: &T::AccountId) -> DispatchResult {
		let bond = Bonds::<T>::get(who).ok_or(Error::<T>::NotBonded)?;
		ensure!(bond.bonded >= T::MinProviderBond::get(), Error::<T>::BondBelowMinimum);
		Ok(())
	}

	pub(crate) fn do_bond(who: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let mut bond = match Bonds::<T>::get(who) {
			Some(bond) => bond,
			None => {
				ensure!(amount >= T::MinProviderBond::get(), Error::<T>::BondBelowMinimum);
				BondOf::<T>::new(Zero::zero())
			},
		};
		let reason = HoldReason::Bond.into();
		ensure!(T::Currency::can_hold(&reason, who, amount), Error::<T>::InsufficientBalance);
		T::Currency::hold(&reason, who, amount)?;
		bond.bonded = bond.bonded.saturating_add(amount);
		let bonded = bond.bonded;
		Bonds::<T>::insert(who, bond);
		Self::deposit_event(Event::Bonded { provider: who.clone(), amount, bonded });
		Ok(())
	}

	pub(crate) fn do_unbond(who: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let mut bond = Bonds::<T>::get(who).ok_or(Error::<T>::NotBonded)?;
		ensure!(amount <= bond.bonded, Error::<T>::InsufficientBond);
		let remaining = bond.bonded.saturating_sub(amount);
		if T::Registry::active_leases(who) > 0 {
			ensure!(remaining >= T::MinProviderBond::get(), Error::<T>::WouldFallBelowMinimum);
		}
		let now = frame_system::Pallet::<T>::block_number();
		let unlocks_at = now.saturating_add(T::UnbondingPeriod::get());
		// Unbonding twice in a block needs no second chunk.
		match bond.unbonding.last_mut() {
			Some(last) if last.unlocks_at == unlocks_at => {
				last.amount = last.amount.saturating_add(amount);
			},
			_ => bond
				.unbonding
				.try_push(UnbondChunk { amount, unlocks_at })
				.map_err(|_| Error::<T>::TooManyUnbondingChunks)?,
		}
		bond.bonded = remaining;
		Bonds::<T>::insert(who, bond);
		Self::deposit_event(Event::Unbonded { provider: who.clone(), amount, unlocks_at });
		Ok(())
	}

	pub(crate) fn do_withdraw_unbonded(who: &T::AccountId) -> DispatchResult {
		let mut bond = Bonds::<T>::get(who).ok_or(Error::<T>::NotBonded)?;
		ensure!(ReportsOfProvider::<T>::get(who).is_empty(), Error::<T>::OpenReportsPending);
		let now = frame_system::Pallet::<T>::block_number();
		let mut amount = BalanceOf::<T>::zero();
		bond.unbonding.retain(|chunk| {
			if chunk.unlocks_at <= now {
				amount = amount.saturating_add(chunk.amount);
				false
			} else {
				true
			}
		});
		ensure!(!amount.is_zero(), Error::<T>::NothingToWithdraw);
		T::Currency::release(&HoldReason::Bond.into(), who, amount, Precision::Exact)?;
		if bond.is_spent() {
			Bonds::<T>::remove(who);
		} else {
			Bonds::<T>::insert(who, bond);
		}
		Self::deposit_event(Event::Withdrawn { provider: who.clone(), amount });
		Ok(())
	}

	/// Lifts the jail of `who`. The provider itself needs the jail period
	/// over and a bond at the minimum; the adjudicator needs neither.
	pub(crate) fn do_unjail(who: &T::AccountId, by: UnjailedBy) -> DispatchResult {
		let mut bond = Bonds::<T>::get(who).ok_or(Error::<T>::NotBonded)?;
		let jailed_at = bond.jailed_at.ok_or(Error::<T>::NotJailed)?;
		if by == UnjailedBy::Provider {
			let now = frame_system::Pallet::<T>::block_number();
			ensure!(now >= jailed_at.saturating_add(T::JailPeriod::get()), Error::<T>::StillJailed);
			ensure!(bond.bonded >= T::MinProviderBond::get(), Error::<T>::BondBelowMinimum);
		}
		T::Registry::unjail(who)?;
		bond.jailed_at = None;
		bond.faults = 0;
		if bond.is_spent() {
			Bonds::<T>::remove(who);
		} else {
			Bonds::<T>::insert(who, bond);
		}
		Self::deposit_event(Event::Unjailed { provider: who.clone(), by });
		Ok(())
	}
}
