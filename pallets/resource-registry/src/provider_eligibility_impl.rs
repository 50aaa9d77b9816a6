//! [`ProviderEligibility`]: whether a provider may bid on an order and win
//! it, as bid matching asks.

use crate::{pallet::*, types::*};
use alloc::vec::Vec;
use polkadot_sdk::frame_support::ensure;
use stratus_primitives::{
	AttributeRef, Exclusion, Liveness, ProviderEligibility, ProviderLiveness, ProviderStanding,
	Refusal, Resources,
};

impl<T: Config> ProviderEligibility<T::AccountId> for Pallet<T> {
	fn ensure_can_bid(who: &T::AccountId) -> Result<(), Refusal> {
		let info = Providers::<T>::get(who)
			.ok_or(Refusal::new(Exclusion::Unregistered, Error::<T>::UnknownProvider))?;
		ensure!(
			!T::Standing::is_jailed(who),
			Refusal::new(Exclusion::Jailed, Error::<T>::ProviderJailed)
		);
		ensure!(
			info.status == ProviderStatus::Active,
			Refusal::new(Exclusion::Paused, Error::<T>::ProviderPaused)
		);
		ensure!(
			Self::liveness(who) != Some(Liveness::Unreachable),
			Refusal::new(Exclusion::Unreachable, Error::<T>::ProviderUnreachable)
		);
		Ok(())
	}

	/// Without an auditor: the provider declares every required pair. With
	/// one: moreover that auditor's audit of `who` counts (made since the
	/// provider registered and since the auditor was admitted, and the
	/// auditor still in the set) and names each required pair with the same
	/// value. Values are compared with
	/// what the provider declares now, so an audit does not cover an attribute
	/// changed since.
	fn satisfies(
		who: &T::AccountId,
		required: &[AttributeRef<'_>],
		auditor: Option<&T::AccountId>,
	) -> bool {
		let Some(info) = Providers::<T>::get(who) else { return false };
		if !required.iter().all(|pair| declares::<T>(&info.attributes, pair)) {
			return false;
		}
		match auditor {
			None => true,
			Some(auditor) => {
				let Some(audit) = Audits::<T>::get(who, auditor) else { return false };
				Self::audit_counts(Some(&info), auditor, &audit)
					&& required.iter().all(|pair| declares::<T>(&audit.attributes, pair))
			},
		}
	}

	fn free_capacity(who: &T::AccountId) -> Option<Resources> {
		Providers::<T>::get(who)
			.map(|info| info.capacity.checked_sub(&info.allocated).unwrap_or(Resources::ZERO))
	}

	fn providers_after(start_after: Option<&T::AccountId>, limit: u32) -> Vec<T::AccountId> {
		let keys = match start_after {
			Some(last) => Providers::<T>::iter_keys_from(Providers::<T>::hashed_key_for(last)),
			None => Providers::<T>::iter_keys(),
		};
		keys.take(limit as usize).collect()
	}

	fn provider_count() -> u32 {
		ProviderCount::<T>::get()
	}
}

/// Whether `list` holds `key = value` exactly.
fn declares<T: Config>(list: &AttributesOf<T>, pair: &AttributeRef<'_>) -> bool {
	let (key, value) = *pair;
	list.iter().any(|a| a.key.as_slice() == key && a.value.as_slice() == value)
}
