//! The registry as the other marketplace pallets see it.

use crate::{pallet::*, types::*};
use polkadot_sdk::frame_support::{ensure, pallet_prelude::*};
use stratus_primitives::{AttributeRef, ProviderRegistry, Resources};

impl<T: Config> ProviderRegistry<T::AccountId> for Pallet<T> {
	fn ensure_can_bid(who: &T::AccountId) -> DispatchResult {
		let info = Providers::<T>::get(who).ok_or(Error::<T>::UnknownProvider)?;
		ensure!(!info.jailed, Error::<T>::ProviderJailed);
		ensure!(info.status == ProviderStatus::Active, Error::<T>::ProviderPaused);
		Ok(())
	}

	fn is_registered(who: &T::AccountId) -> bool {
		Providers::<T>::contains_key(who)
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

	fn reserve(who: &T::AccountId, amount: &Resources) -> DispatchResult {
		let allocated = Providers::<T>::try_mutate(who, |maybe| -> Result<_, DispatchError> {
			let info = maybe.as_mut().ok_or(Error::<T>::UnknownProvider)?;
			let allocated =
				info.allocated.checked_add(amount).ok_or(Error::<T>::InsufficientCapacity)?;
			ensure!(allocated.fits(&info.capacity), Error::<T>::InsufficientCapacity);
			info.active_leases =
				info.active_leases.checked_add(1).ok_or(Error::<T>::TooManyLeases)?;
			info.allocated = allocated;
			Ok(allocated)
		})?;
		Self::deposit_event(Event::CapacityReserved {
			provider: who.clone(),
			amount: *amount,
			allocated,
		});
		Ok(())
	}

	fn release(who: &T::AccountId, amount: &Resources) -> DispatchResult {
		let allocated = Providers::<T>::try_mutate(who, |maybe| -> Result<_, DispatchError> {
			let info = maybe.as_mut().ok_or(Error::<T>::UnknownProvider)?;
			let allocated =
				info.allocated.checked_sub(amount).ok_or(Error::<T>::ReleaseExceedsAllocated)?;
			info.active_leases =
				info.active_leases.checked_sub(1).ok_or(Error::<T>::NoActiveLeases)?;
			info.allocated = allocated;
			Ok(allocated)
		})?;
		Self::deposit_event(Event::CapacityReleased {
			provider: who.clone(),
			amount: *amount,
			allocated,
		});
		Ok(())
	}

	fn active_leases(who: &T::AccountId) -> u32 {
		Providers::<T>::get(who).map(|info| info.active_leases).unwrap_or(0)
	}

	/// Jailing a jailed provider succeeds and changes nothing (no event): the
	/// slashing pallet may jail as part of a larger action that must not fail
	/// for that reason.
	fn jail(who: &T::AccountId) -> DispatchResult {
		let newly = Providers::<T>::try_mutate(who, |maybe| -> Result<bool, DispatchError> {
			let info = maybe.as_mut().ok_or(Error::<T>::UnknownProvider)?;
			let newly = !info.jailed;
			info.jailed = true;
			Ok(newly)
		})?;
		if newly {
			Self::deposit_event(Event::ProviderJailed { provider: who.clone() });
		}
		Ok(())
	}

	fn unjail(who: &T::AccountId) -> DispatchResult {
		Providers::<T>::try_mutate(who, |maybe| -> DispatchResult {
			let info = maybe.as_mut().ok_or(Error::<T>::UnknownProvider)?;
			ensure!(info.jailed, Error::<T>::NotJailed);
			info.jailed = false;
			Ok(())
		})?;
		Self::deposit_event(Event::ProviderUnjailed { provider: who.clone() });
		Ok(())
	}

	fn is_jailed(who: &T::AccountId) -> bool {
		Providers::<T>::get(who).map(|info| info.jailed).unwrap_or(false)
	}
}

/// Whether `list` holds `key = value` exactly.
fn declares<T: Config>(list: &AttributesOf<T>, pair: &AttributeRef<'_>) -> bool {
	let (key, value) = *pair;
	list.iter().any(|a| a.key.as_slice() == key && a.value.as_slice() == value)
}
