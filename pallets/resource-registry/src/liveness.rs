//! Heartbeats and maintenance windows: whether a provider answers, as
//! [`ProviderLiveness`] tells lease escrow and provider slashing, and as
//! [`ProviderEligibility`](stratus_primitives::ProviderEligibility) tells
//! bid matching. Kept in [`LivenessRecords`], apart from the provider record,
//! so that a heartbeat touches a few bytes.

use crate::{pallet::*, types::*};
use polkadot_sdk::{
	frame_support::{dispatch::Pays, ensure, pallet_prelude::*},
	frame_system::{self, pallet_prelude::BlockNumberFor},
	sp_runtime::traits::Saturating,
};
use stratus_primitives::{Liveness, ProviderLiveness};

impl<T: Config> Pallet<T> {
	/// The current block.
	pub(crate) fn now() -> BlockNumberFor<T> {
		frame_system::Pallet::<T>::block_number()
	}

	/// Whether a provider with liveness `record` answers at block `now`:
	/// inside its announced window it is in maintenance; otherwise it is
	/// reachable while its last heartbeat (or the end of a window that ended,
	/// which counts as one) is at most [`Config::HeartbeatInterval`] blocks
	/// old.
	pub fn liveness_of(record: &LivenessRecordOf<T>, now: BlockNumberFor<T>) -> Liveness {
		let mut last = record.last_heartbeat;
		if let Some(window) = record.maintenance {
			if window.from <= now && now <= window.to {
				return Liveness::InMaintenance;
			}
			if window.to < now {
				last = last.max(window.to);
			}
		}
		if now.saturating_sub(last) > T::HeartbeatInterval::get() {
			Liveness::Unreachable
		} else {
			Liveness::Reachable
		}
	}

	/// Records a heartbeat of `who` now. It is free when the previous one is
	/// at least half an interval old, so a provider beating twice per
	/// interval (a margin for a missed block) pays nothing, and one beating
	/// more often pays the normal fee for each extra beat.
	pub(crate) fn do_heartbeat(who: T::AccountId) -> Result<Pays, DispatchError> {
		let now = Self::now();
		let pays =
			LivenessRecords::<T>::try_mutate(&who, |maybe| -> Result<Pays, DispatchError> {
				let record = maybe.as_mut().ok_or(Error::<T>::UnknownProvider)?;
				let free_from =
					record.last_heartbeat.saturating_add(T::HeartbeatInterval::get() / 2u32.into());
				record.last_heartbeat = now;
				Ok(if now >= free_from { Pays::No } else { Pays::Yes })
			})?;
		Self::deposit_event(Event::ProviderHeartbeat { provider: who });
		Ok(pays)
	}

	/// Announces that `who` is down for maintenance in blocks `from..=to`:
	/// at least [`Config::MaintenanceNotice`] blocks ahead, at most
	/// [`Config::MaxMaintenance`] blocks long, one window at a time, and no
	/// sooner than [`Config::MaintenanceSpacing`] blocks after the previous
	/// one ended. An announced window stands: tenants plan around it.
	pub(crate) fn do_announce_maintenance(
		who: T::AccountId,
		from: BlockNumberFor<T>,
		to: BlockNumberFor<T>,
	) -> DispatchResult {
		let now = Self::now();
		ensure!(from <= to, Error::<T>::MaintenanceEndsBeforeStart);
		ensure!(
			from >= now.saturating_add(T::MaintenanceNotice::get()),
			Error::<T>::MaintenanceTooSoon
		);
		ensure!(to.saturating_sub(from) < T::MaxMaintenance::get(), Error::<T>::MaintenanceTooLong);
		LivenessRecords::<T>::try_mutate(&who, |maybe| -> DispatchResult {
			let record = maybe.as_mut().ok_or(Error::<T>::UnknownProvider)?;
			if let Some(previous) = record.maintenance {
				ensure!(previous.to < now, Error::<T>::MaintenanceAlreadyAnnounced);
				ensure!(
					from >= previous.to.saturating_add(T::MaintenanceSpacing::get()),
					Error::<T>::MaintenanceTooFrequent
				);
			}
			record.maintenance = Some(MaintenanceWindow { from, to });
			Ok(())
		})?;
		Self::deposit_event(Event::MaintenanceAnnounced { provider: who, from, to });
		Ok(())
	}
}

impl<T: Config> ProviderLiveness<T::AccountId> for Pallet<T> {
	fn liveness(who: &T::AccountId) -> Option<Liveness> {
		LivenessRecords::<T>::get(who).map(|record| Self::liveness_of(&record, Self::now()))
	}
}
