//! Taking stake from a provider, from the slice committed to the lease it
//! failed, paying the tenant (never more than the lease cost it) and the
//! treasury, and jailing at the fault limit.

use crate::*;
use frame_support::traits::{
	fungible::{Balanced, BalancedHold, Credit},
	tokens::{imbalance::Imbalance, ConversionFromAssetBalance},
	Get,
};
use sp_runtime::{
	traits::{Saturating, Zero},
	Perbill,
};
use stratus_primitives::{LeaseId, LeaseStake};

impl<T: Config> Pallet<T> {
	/// The slice of a provider's bond that a lease worth `value` of `asset`
	/// over its minimum term commits: `LeaseStakeRatio` of that worth in
	/// the chain's own token (rounded down), never less than
	/// `MinLeaseStake`. `None` when the asset has no rate.
	pub(crate) fn slice_for(asset: &T::AssetKind, value: BalanceOf<T>) -> Option<BalanceOf<T>> {
		let worth = T::Rates::from_asset_balance(value, asset.clone()).ok()?;
		Some(T::LeaseStakeRatio::get().mul_floor(worth).max(T::MinLeaseStake::get()))
	}

	/// Slashes `fraction` of what is left of the slice `lease.stake`
	/// committed to `lease_id`, from the provider's bonded stake then from
	/// the newest chunk back. Pays `CompensationShare` of it to the tenant,
	/// but never more than the lease cost the tenant (its payments, in the
	/// chain's own token at today's rate, rounded down) less what earlier
	/// slashes of the lease paid it; the rest goes to the treasury. Counts
	/// a fault and jails at the limit. Records what is left of the stake on
	/// the lease's record (and its open report's) and, while the lease
	/// runs, takes the slash off the provider's committed stake.
	///
	/// Never fails: a provider without a record has nothing to slash (and
	/// nothing is counted).
	pub(crate) fn do_slash_lease(
		lease_id: LeaseId,
		lease: &LeaseAtStake<T>,
		fraction: Perbill,
		reason: SlashReason,
	) -> SlashOutcome<BalanceOf<T>> {
		let provider = &lease.provider;
		let Some(mut bond) = Bonds::<T>::get(provider) else {
			return SlashOutcome::default();
		};
		let wanted = fraction.mul_floor(lease.stake.slice).min(bond.total());
		let (credit, _missing) = T::Currency::slash(&HoldReason::Bond.into(), provider, wanted);
		// The record follows what the currency actually took, so the two
		// stay equal even if they had drifted apart.
		let amount = credit.peek();
		let _ = bond.deduct(amount);
		if lease.active {
			bond.committed = bond.committed.saturating_sub(amount);
		}

		let paid = Self::in_native(lease.tenant_paid, &lease.asset);
		let owed = paid.saturating_sub(lease.stake.compensated);
		let share = T::CompensationShare::get().mul_floor(amount).min(owed);
		let (to_tenant, to_treasury) = Self::pay_out(credit, share, &lease.tenant);
		let left = LeaseStake {
			slice: lease.stake.slice.saturating_sub(amount),
			compensated: lease.stake.compensated.saturating_add(to_tenant),
		};
		T::Leases::set_stake(lease_id, left);
		// An open report keeps its copy current, for the day the lease's
		// record is gone before the report is decided.
		if let Some(report_id) = OpenReportOfLease::<T>::get(lease_id) {
			Reports::<T>::mutate_extant(report_id, |report| report.stake = left);
		}

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

	/// Splits a slash between `tenant`, who gets `share` of it, and the
	/// treasury. A part the tenant's account cannot take (dead account,
	/// part below the existential deposit) goes to the treasury. Returns
	/// what each received.
	fn pay_out(
		credit: Credit<T::AccountId, T::Currency>,
		share: BalanceOf<T>,
		tenant: &T::AccountId,
	) -> (BalanceOf<T>, BalanceOf<T>) {
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
