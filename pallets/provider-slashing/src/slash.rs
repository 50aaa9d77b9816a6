//! Taking stake from a provider, paying the tenant and the treasury, and
//! jailing at the fault limit.

use crate::*;
use frame_support::traits::{
	fungible::{Balanced, BalancedHold, Credit},
	tokens::imbalance::Imbalance,
	Get,
};
use sp_runtime::{traits::Zero, Perbill};

impl<T: Config> Pallet<T> {
	/// Slashes `fraction` of what `provider` has at stake, from bonded then
	/// from the newest chunk back, pays `CompensationShare` of it to `tenant`
	/// and the rest to the treasury, counts a fault and jails at the limit.
	///
	/// Never fails: a provider without a record has nothing to slash (and
	/// nothing is counted).
	pub(crate) fn do_slash(
		provider: &T::AccountId,
		tenant: &T::AccountId,
		fraction: Perbill,
		reason: SlashReason,
	) -> SlashOutcome<BalanceOf<T>> {
		let Some(mut bond) = Bonds::<T>::get(provider) else {
			return SlashOutcome::default();
		};
		let wanted = fraction.mul_floor(bond.total());
		let (credit, _missing) = T::Currency::slash(&HoldReason::Bond.into(), provider, wanted);
		// The record follows what the currency actually took, so the two
		// stay equal even if they had drifted apart.
		let amount = credit.peek();
		let _ = bond.deduct(amount);

		let (to_tenant, to_treasury) = Self::pay_out(credit, tenant);

		bond.faults = bond.faults.saturating_add(1);
		let jail_now = bond.jailed_at.is_none() && bond.faults >= T::MaxFaultsBeforeJail::get();
		if jail_now {
			bond.jailed_at = Some(frame_system::Pallet::<T>::block_number());
		}
		let faults = bond.faults;
		Bonds::<T>::insert(provider, bond);

		Self::deposit_event(Event::Slashed {
			provider: provider.clone(),
			amount,
			to_tenant,
			to_treasury,
			reason,
		});
		if jail_now {
			Self::deposit_event(Event::Jailed { provider: provider.clone(), faults });
		}
		SlashOutcome { amount, to_tenant, to_treasury }
	}

	/// Takes up to `amount` of what `provider` has at stake for its bid on
	/// `order_id` that it could not serve, for the treasury: no party to the
	/// order gains from it, so nobody profits by making a provider fail.
	/// Counts no fault: not serving a bid breaks no lease.
	pub(crate) fn do_forfeit(
		provider: &T::AccountId,
		order_id: stratus_primitives::OrderId,
		amount: BalanceOf<T>,
	) -> BalanceOf<T> {
		let Some(mut bond) = Bonds::<T>::get(provider) else { return Zero::zero() };
		let wanted = amount.min(bond.total());
		let (credit, _missing) = T::Currency::slash(&HoldReason::Bond.into(), provider, wanted);
		let taken = credit.peek();
		let _ = bond.deduct(taken);
		Bonds::<T>::insert(provider, bond);
		let to_treasury = Self::to_treasury(credit);
		Self::deposit_event(Event::Slashed {
			provider: provider.clone(),
			amount: taken,
			to_tenant: Zero::zero(),
			to_treasury,
			reason: SlashReason::UnservableBid { order_id },
		});
		taken
	}

	/// Splits a slash between `tenant` and the treasury. A part the tenant's
	/// account cannot take (dead account, part below the existential
	/// deposit) goes to the treasury. Returns what each received.
	fn pay_out(
		credit: Credit<T::AccountId, T::Currency>,
		tenant: &T::AccountId,
	) -> (BalanceOf<T>, BalanceOf<T>) {
		let share = T::CompensationShare::get().mul_floor(credit.peek());
		let (tenant_part, mut treasury_part) = credit.split(share);
		let mut to_tenant = tenant_part.peek();
		if !to_tenant.is_zero() {
			if let Err(back) = T::Currency::resolve(tenant, tenant_part) {
				to_tenant = Zero::zero();
				treasury_part = treasury_part.merge(back);
			}
		}
		(to_tenant, Self::to_treasury(treasury_part))
	}

	/// Pays `credit` to the treasury; a part the treasury cannot take is
	/// dropped, which burns it. Returns what the treasury received.
	fn to_treasury(credit: Credit<T::AccountId, T::Currency>) -> BalanceOf<T> {
		let amount = credit.peek();
		if amount.is_zero() {
			return amount;
		}
		match T::Currency::resolve(&T::Treasury::get(), credit) {
			Ok(()) => amount,
			Err(lost) => {
				log::warn!(
					target: LOG_TARGET,
					"treasury cannot take {:?} of a slash; it is burned",
					lost.peek()
				);
				Zero::zero()
			},
		}
	}

	/// The fraction slashed for an upheld report of `kind`.
	pub(crate) fn fraction_for(kind: FaultKind) -> Perbill {
		match kind {
			FaultKind::NotDelivered => T::NotDeliveredSlash::get(),
			FaultKind::Unavailable => T::UnavailableSlash::get(),
			FaultKind::BelowSpec => T::BelowSpecSlash::get(),
		}
	}
}
