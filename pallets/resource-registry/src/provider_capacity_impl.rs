//! [`ProviderCapacity`]: a provider's capacity as lease escrow reserves it
//! for a lease and releases it when the lease ends.

use crate::pallet::*;
use polkadot_sdk::frame_support::{ensure, pallet_prelude::*};
use stratus_primitives::{ProviderCapacity, Resources};

impl<T: Config> ProviderCapacity<T::AccountId> for Pallet<T> {
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
}
