//! [`ProviderJail`]: the jail flag, as provider slashing sets and lifts it.

use crate::pallet::*;
use polkadot_sdk::frame_support::{ensure, pallet_prelude::*};
use stratus_primitives::ProviderJail;

impl<T: Config> ProviderJail<T::AccountId> for Pallet<T> {
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
