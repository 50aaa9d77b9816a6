//! What the runtime API reads: one provider, or a page of them, as views
//! made for readers rather than the stored records.

use crate::{pallet::*, types::*};
use alloc::vec::Vec;
use codec::{Decode, Encode};
use polkadot_sdk::{frame_support::traits::Get, frame_system::pallet_prelude::BlockNumberFor};
use scale_info::TypeInfo;
use stratus_primitives::{Liveness, ProviderStanding, Resources};

/// A registered provider as a dApp reads it.
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct ProviderView<Balance, BlockNumber, Attributes, HostUri> {
	/// Everything the provider offers, allocated or not.
	pub capacity: Resources,
	/// The part of `capacity` reserved by running leases.
	pub allocated: Resources,
	/// What the provider declares about itself; keys are unique.
	pub attributes: Attributes,
	/// Where tenants reach the provider.
	pub host_uri: HostUri,
	/// Whether it takes new orders.
	pub status: ProviderStatus,
	/// Whether the slashing pallet has it jailed.
	pub jailed: bool,
	/// How many leases hold a reservation of its capacity.
	pub active_leases: u32,
	/// The deposit held for its record.
	pub deposit: Balance,
	/// The block it registered in.
	pub registered_at: BlockNumber,
	/// The block of its latest heartbeat (registering counts as one).
	pub last_heartbeat: BlockNumber,
	/// The latest maintenance window it announced (ahead, running or
	/// ended: the next may start no sooner than the market's spacing after
	/// it).
	pub maintenance: Option<MaintenanceWindow<BlockNumber>>,
	/// Whether it answers now: an unreachable provider gets no new orders,
	/// and its tenants may close at its cost.
	pub liveness: Liveness,
}

/// The provider view of a runtime.
pub type ProviderViewOf<T> =
	ProviderView<BalanceOf<T>, BlockNumberFor<T>, AttributesOf<T>, HostUriOf<T>>;

impl<T: Config> Pallet<T> {
	/// The provider `who`, if registered.
	pub fn provider(who: &T::AccountId) -> Option<ProviderViewOf<T>> {
		Providers::<T>::get(who).map(|info| Self::view(who, info))
	}

	/// What a reader sees of `who`'s record, with its jail from slashing.
	fn view(who: &T::AccountId, info: ProviderInfoOf<T>) -> ProviderViewOf<T> {
		// Kept for every registered provider; a missing one reads as never
		// heard from.
		let record = LivenessRecords::<T>::get(who)
			.unwrap_or(LivenessRecord { last_heartbeat: info.registered_at, maintenance: None });
		ProviderView {
			capacity: info.capacity,
			allocated: info.allocated,
			attributes: info.attributes,
			host_uri: info.host_uri,
			status: info.status,
			jailed: T::Standing::is_jailed(who),
			active_leases: info.active_leases,
			deposit: info.deposit,
			registered_at: info.registered_at,
			last_heartbeat: record.last_heartbeat,
			liveness: Self::liveness_of(&record, Self::now()),
			maintenance: record.maintenance,
		}
	}

	/// Up to `limit` providers (never more than [`Config::MaxPageSize`]),
	/// starting after the account `start_after`, or from the beginning. The
	/// order is that of the storage keys (hashes), stable between calls: pass
	/// the last account of a page to get the next one. Reads at most a page.
	pub fn providers(
		start_after: Option<T::AccountId>,
		limit: u32,
	) -> Vec<(T::AccountId, ProviderViewOf<T>)> {
		let limit = limit.min(T::MaxPageSize::get()) as usize;
		let iter = match start_after {
			Some(last) => Providers::<T>::iter_from(Providers::<T>::hashed_key_for(last)),
			None => Providers::<T>::iter(),
		};
		iter.take(limit)
			.map(|(who, info)| {
				let view = Self::view(&who, info);
				(who, view)
			})
			.collect()
	}
}
