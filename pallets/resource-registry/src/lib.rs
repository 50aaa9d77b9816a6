//! # Resource registry
//!
//! The directory of compute providers in the Stratus marketplace: who offers
//! machines, how much of them is still free, what they claim about
//! themselves, and which of those claims an auditor has confirmed.
//!
//! ## Overview
//!
//! A provider registers once with its account. It declares a total
//! [`Resources`] capacity (CPU millicores, memory MiB, storage GiB, GPU
//! units), a short list of [`Attribute`]s (`region = eu-west`,
//! `gpu-model = h100`, ...) and a host URI where tenants reach it. Storing
//! that record costs a deposit, held from the provider's balance and sized
//! by the bytes the record takes.
//!
//! The other marketplace pallets never read this pallet's storage. They use
//! the small traits this pallet implements, one per need: through
//! [`ProviderEligibility`] bid-matching asks whether a provider may bid and
//! whether its attributes satisfy an order; through [`ProviderCapacity`]
//! lease-escrow reserves capacity for a lease and releases it when the lease
//! ends; through [`ProviderLiveness`] lease-escrow and provider-slashing ask
//! whether a provider answers. It asks provider-slashing, through [`ProviderStanding`], whether a
//! provider is jailed and whether reports against it are open: the jail is
//! kept there alone, with the bond, so it survives leaving the registry.
//!
//! ## Terms
//!
//! - **Capacity**: everything a provider offers. **Allocated**: the part of
//!   it reserved by running leases. Allocated never exceeds capacity: a
//!   reservation that does not fit fails with [`Error::InsufficientCapacity`].
//! - **Paused**: the provider takes no new orders; its running leases go on.
//! - **Heartbeat**: a provider's call saying it answers
//!   ([`heartbeat`](Pallet::heartbeat)); registering counts as one. One at
//!   least half an interval after the previous is free (`Pays::No`), so a
//!   provider beating twice per interval pays nothing and one beating more
//!   often pays the normal fee for each extra beat: the free traffic is at
//!   most two calls per provider per [`Config::HeartbeatInterval`], and each
//!   provider holds a deposit.
//! - **Liveness** ([`Liveness`]): `Reachable` while the last heartbeat is at
//!   most [`Config::HeartbeatInterval`] blocks old; `InMaintenance` inside
//!   a maintenance window the provider announced; `Unreachable` otherwise.
//!   An unreachable provider may not bid ([`Error::ProviderUnreachable`]),
//!   so its bids never win; its tenants may close at its cost (lease escrow
//!   and provider slashing decide what that costs).
//! - **Maintenance window**: blocks `from..=to` announced ahead
//!   ([`announce_maintenance`](Pallet::announce_maintenance)), in which the
//!   provider owes no heartbeat and is not reported `Unavailable`; its end
//!   counts as a heartbeat. Governance bounds it: at least
//!   [`Config::MaintenanceNotice`] blocks ahead, at most
//!   [`Config::MaxMaintenance`] blocks long, and [`Config::MaintenanceSpacing`]
//!   blocks after the previous window ended, one at a time; an announced
//!   window stands (tenants plan around it), so a provider cannot stay in
//!   maintenance for more than `MaxMaintenance` out of every
//!   `MaxMaintenance + MaintenanceSpacing` blocks.
//! - **Jailed**: kept by the slashing pallet. A jailed provider cannot bid or
//!   resume until it is unjailed; deregistering and registering again does
//!   not lift it.
//! - **Auditor**: an account governance trusts to check providers' claims.
//!   The set is kept by [`Config::AuditorOrigin`] and bounded by
//!   [`Config::MaxAuditors`].
//! - **Audit**: an auditor's statement that a provider's attributes hold,
//!   naming the exact `key = value` pairs it checked. An order may require
//!   its attributes to be vouched for by a given auditor. An audit stops
//!   counting for an attribute the provider has changed since, and stops
//!   counting for good when its auditor leaves the set or its provider
//!   deregisters: it then waits only for its deposit to be returned.
//! - **Stamp**: one counter that registrations, auditor admissions and audits
//!   take in turn ([`NextStamp`]). An audit counts only if it is stamped
//!   after its provider's registration and its auditor's admission, so
//!   neither registering again nor being admitted again revives an old one.
//!
//! ## Life cycle
//!
//! ```text
//! register_provider ──► Active ⇄ Paused ──► deregister_provider
//!                         (jail / unjail by the slashing pallet at any point)
//! ```
//!
//! A provider is removed only when no lease holds its capacity and no fault
//! report against it is open. Its deposit is returned. Deregistering touches none of its audits
//! (a call never pays back many parties): each auditor revokes its own, or
//! anyone drops it with [`drop_audit`](Pallet::drop_audit), fee waived.
//!
//! ## Calls
//!
//! Providers (signed by the provider's account):
//! - [`register_provider`](Pallet::register_provider): declare capacity,
//!   attributes and host URI; holds the provider deposit.
//! - [`update_provider`](Pallet::update_provider): replace them; capacity
//!   must still cover what is allocated; the deposit follows the new size.
//! - [`pause_provider`](Pallet::pause_provider) /
//!   [`resume_provider`](Pallet::resume_provider).
//! - [`deregister_provider`](Pallet::deregister_provider): leave, with the
//!   deposit returned.
//! - [`heartbeat`](Pallet::heartbeat): stay reachable; free once per half
//!   interval.
//! - [`announce_maintenance`](Pallet::announce_maintenance): a window of
//!   planned downtime.
//!
//! Governance ([`Config::AuditorOrigin`]):
//! - [`add_auditor`](Pallet::add_auditor) /
//!   [`remove_auditor`](Pallet::remove_auditor).
//!
//! Auditors (signed):
//! - [`audit_provider`](Pallet::audit_provider): vouch for some of a
//!   provider's attributes; holds [`Config::AuditDeposit`] (once per
//!   provider; a repeated audit replaces the earlier one).
//! - [`revoke_audit`](Pallet::revoke_audit): withdraw it and get the deposit
//!   back (also possible after leaving the auditor set).
//!
//! Anyone (signed, fee waived when it succeeds):
//! - [`drop_audit`](Pallet::drop_audit): return the deposit of an audit that
//!   can never count again to its auditor.
//!
//! ## Reading
//!
//! [`Pallet::provider`] reads one provider as a [`ProviderView`]; [`Pallet::providers`] lists
//! providers a page at a time (at most [`Config::MaxPageSize`]), resuming
//! after the last account of the previous page, so a runtime API call never
//! walks the whole map.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use types::*;
pub use views::{ProviderView, ProviderViewOf};
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod dispatchables;
#[cfg(any(feature = "try-runtime", feature = "std", test))]
mod invariants;
mod liveness;
mod provider_capacity_impl;
mod provider_eligibility_impl;
mod types;
pub mod views;
pub mod weights;

#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

use polkadot_sdk::{frame_support, frame_system, sp_runtime};
pub use stratus_primitives::{
	Liveness, ProviderCapacity, ProviderEligibility, ProviderLiveness, ProviderStanding, Resources,
};

/// Target of this pallet's log lines.
pub const LOG_TARGET: &str = "runtime::resource-registry";

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::{fungible, EnsureOrigin},
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::traits::Zero;

	/// The in-code storage version: 2 since the provider record keeps no jail
	/// flag (provider slashing keeps the jail). No migration: no chain runs
	/// an earlier layout.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(2);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: polkadot_sdk::frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The currency provider and audit deposits are held in.
		type Currency: fungible::Inspect<Self::AccountId>
			+ fungible::Mutate<Self::AccountId>
			+ fungible::MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// Who may add and remove auditors (the Council or root in Stratus).
		type AuditorOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Provider slashing: whether a provider is jailed, and whether
		/// reports against it are open.
		type Standing: ProviderStanding<Self::AccountId>;

		/// A provider that has not sent a heartbeat for more than this many
		/// blocks (outside an announced maintenance window) is unreachable.
		type HeartbeatInterval: Get<BlockNumberFor<Self>>;

		/// How far ahead a maintenance window must be announced, in blocks.
		type MaintenanceNotice: Get<BlockNumberFor<Self>>;

		/// The longest maintenance window, in blocks.
		type MaxMaintenance: Get<BlockNumberFor<Self>>;

		/// The fewest blocks between the end of one maintenance window of a
		/// provider and the start of its next.
		type MaintenanceSpacing: Get<BlockNumberFor<Self>>;

		/// Fixed part of the provider deposit.
		#[pallet::constant]
		type ProviderDepositBase: Get<BalanceOf<Self>>;

		/// Part of the provider deposit per byte of the encoded record.
		#[pallet::constant]
		type ProviderDepositPerByte: Get<BalanceOf<Self>>;

		/// Held from an auditor for each provider it audits.
		#[pallet::constant]
		type AuditDeposit: Get<BalanceOf<Self>>;

		/// Most attributes one provider may declare (and one audit may vouch for).
		#[pallet::constant]
		type MaxAttributes: Get<u32>;

		/// Longest attribute key, in bytes.
		#[pallet::constant]
		type MaxAttributeKeyLen: Get<u32>;

		/// Longest attribute value, in bytes.
		#[pallet::constant]
		type MaxAttributeValueLen: Get<u32>;

		/// Longest host URI, in bytes.
		#[pallet::constant]
		type MaxHostUriLen: Get<u32>;

		/// Most accounts in the auditor set.
		#[pallet::constant]
		type MaxAuditors: Get<u32>;

		/// Most providers [`Pallet::providers`] returns in one call.
		#[pallet::constant]
		type MaxPageSize: Get<u32>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// A provider's deposit for its record.
		#[codec(index = 0)]
		ProviderDeposit,
		/// An auditor's deposit for one audit.
		#[codec(index = 1)]
		AuditDeposit,
	}

	/// Registered providers, by account.
	#[pallet::storage]
	pub type Providers<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, ProviderInfoOf<T>, OptionQuery>;

	/// Each registered provider's heartbeat and maintenance window.
	#[pallet::storage]
	pub type LivenessRecords<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, LivenessRecordOf<T>, OptionQuery>;

	/// How many providers are registered.
	#[pallet::storage]
	pub type ProviderCount<T: Config> = StorageValue<_, u32, ValueQuery>;

	/// The current auditors, sorted by account and without repeats, each with
	/// the stamp of its admission.
	#[pallet::storage]
	pub type Auditors<T: Config> =
		StorageValue<_, BoundedVec<AuditorOf<T>, T::MaxAuditors>, ValueQuery>;

	/// Audits, by provider then auditor. An audit stays, with its deposit,
	/// until its auditor revokes it or anyone drops it once it can never
	/// count again; it is at most one per auditor and provider.
	#[pallet::storage]
	pub type Audits<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Blake2_128Concat,
		T::AccountId,
		AuditRecordOf<T>,
		OptionQuery,
	>;

	/// The next [`Stamp`]: registrations, auditor admissions and audits take
	/// one each, in order.
	#[pallet::storage]
	pub type NextStamp<T: Config> = StorageValue<_, Stamp, ValueQuery>;

	/// For each auditor, the total of its audit deposits: a running total that
	/// `try_state` compares with what is held.
	#[pallet::storage]
	pub type AuditorDeposits<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, BalanceOf<T>, ValueQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A provider registered.
		ProviderRegistered {
			/// The provider's account.
			provider: T::AccountId,
			/// Its declared capacity.
			capacity: Resources,
			/// The deposit held from it.
			deposit: BalanceOf<T>,
		},
		/// A provider replaced its capacity, attributes and host URI.
		ProviderUpdated {
			/// The provider's account.
			provider: T::AccountId,
			/// Its new capacity.
			capacity: Resources,
			/// The deposit now held from it.
			deposit: BalanceOf<T>,
		},
		/// A provider stopped taking new orders.
		ProviderPaused {
			/// The provider's account.
			provider: T::AccountId,
		},
		/// A paused provider takes new orders again.
		ProviderResumed {
			/// The provider's account.
			provider: T::AccountId,
		},
		/// A provider left the registry.
		ProviderDeregistered {
			/// The provider's account.
			provider: T::AccountId,
			/// The deposit returned to it.
			deposit: BalanceOf<T>,
		},
		/// A provider sent a heartbeat.
		ProviderHeartbeat {
			/// The provider's account.
			provider: T::AccountId,
		},
		/// A provider announced a maintenance window: in blocks `from..=to`
		/// it owes no heartbeat and no `Unavailable` report is taken against it.
		MaintenanceAnnounced {
			/// The provider's account.
			provider: T::AccountId,
			/// The first block of the window.
			from: BlockNumberFor<T>,
			/// The last block of the window.
			to: BlockNumberFor<T>,
		},
		/// An account joined the auditor set.
		AuditorAdded {
			/// The new auditor.
			auditor: T::AccountId,
		},
		/// An account left the auditor set; its audits stop counting for good
		/// and anyone may drop them.
		AuditorRemoved {
			/// The former auditor.
			auditor: T::AccountId,
		},
		/// An auditor vouched for a provider's attributes.
		ProviderAudited {
			/// The provider audited.
			provider: T::AccountId,
			/// The auditor.
			auditor: T::AccountId,
			/// How many attributes it vouches for.
			attributes: u32,
			/// The deposit held from the auditor for this audit.
			deposit: BalanceOf<T>,
		},
		/// An auditor withdrew its audit of a provider.
		AuditRevoked {
			/// The provider.
			provider: T::AccountId,
			/// The auditor.
			auditor: T::AccountId,
			/// The deposit returned to the auditor.
			deposit: BalanceOf<T>,
		},
		/// An audit that could never count again (its provider deregistered
		/// or its auditor left the set) was dropped by anyone's `drop_audit`.
		AuditDropped {
			/// The provider audited.
			provider: T::AccountId,
			/// The auditor.
			auditor: T::AccountId,
			/// The deposit returned to the auditor.
			deposit: BalanceOf<T>,
		},
		/// Capacity was reserved for a lease.
		CapacityReserved {
			/// The provider.
			provider: T::AccountId,
			/// What was reserved.
			amount: Resources,
			/// All that is now allocated.
			allocated: Resources,
		},
		/// Capacity reserved by a lease that ended was returned.
		CapacityReleased {
			/// The provider.
			provider: T::AccountId,
			/// What was released.
			amount: Resources,
			/// All that is still allocated.
			allocated: Resources,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The account is already a registered provider.
		AlreadyRegistered,
		/// The account is not a registered provider.
		UnknownProvider,
		/// A provider must offer something: the capacity is zero.
		ZeroCapacity,
		/// The host URI is empty.
		EmptyHostUri,
		/// An attribute key is empty.
		EmptyAttributeKey,
		/// Two attributes share a key.
		DuplicateAttributeKey,
		/// The free balance does not cover the deposit.
		CannotAffordDeposit,
		/// The provider counter would overflow.
		TooManyProviders,
		/// The new capacity does not cover what running leases use.
		CapacityBelowAllocated,
		/// The provider is already paused.
		AlreadyPaused,
		/// The provider is not paused.
		NotPaused,
		/// The provider is paused and takes no new orders.
		ProviderPaused,
		/// The provider is jailed.
		ProviderJailed,
		/// The provider has sent no heartbeat within the interval: it takes no
		/// new orders until it sends one.
		ProviderUnreachable,
		/// The maintenance window ends before it starts.
		MaintenanceEndsBeforeStart,
		/// The maintenance window starts sooner than the notice governance
		/// requires.
		MaintenanceTooSoon,
		/// The maintenance window is longer than governance allows.
		MaintenanceTooLong,
		/// A maintenance window of the provider is ahead or running; an
		/// announced window stands.
		MaintenanceAlreadyAnnounced,
		/// The maintenance window starts sooner after the previous one ended
		/// than governance allows.
		MaintenanceTooFrequent,
		/// A fault report against the provider is open; it cannot leave until
		/// the report is resolved.
		OpenReportsPending,
		/// Leases still hold capacity of the provider.
		HasActiveLeases,
		/// The account is already an auditor.
		AlreadyAuditor,
		/// The account is not a current auditor.
		NotAuditor,
		/// The auditor set is full.
		TooManyAuditors,
		/// An auditor may not audit itself.
		CannotAuditSelf,
		/// An audit must vouch for at least one attribute.
		EmptyAudit,
		/// The audit vouches for a key the provider does not declare.
		AttributeNotDeclared,
		/// The audit vouches for a value other than the provider declares.
		AttributeValueMismatch,
		/// There is no audit of this provider by this auditor.
		UnknownAudit,
		/// The audit still counts (its provider is registered and its auditor
		/// in the set since it was made): only its auditor may revoke it.
		AuditStillCounts,
		/// The reservation does not fit the provider's free capacity.
		InsufficientCapacity,
		/// The release is more than the provider has allocated.
		ReleaseExceedsAllocated,
		/// The provider has no active lease to release.
		NoActiveLeases,
		/// The lease counter would overflow.
		TooManyLeases,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxAttributes::get() > 0, "MaxAttributes must be positive");
			assert!(T::MaxAttributeKeyLen::get() > 0, "MaxAttributeKeyLen must be positive");
			assert!(T::MaxAttributeValueLen::get() > 0, "MaxAttributeValueLen must be positive");
			assert!(T::MaxHostUriLen::get() > 0, "MaxHostUriLen must be positive");
			assert!(T::MaxAuditors::get() > 0, "MaxAuditors must be positive");
			assert!(T::MaxPageSize::get() > 0, "MaxPageSize must be positive");
			assert!(
				!T::ProviderDepositBase::get().is_zero()
					|| !T::ProviderDepositPerByte::get().is_zero(),
				"a provider record must cost a deposit"
			);
			assert!(!T::AuditDeposit::get().is_zero(), "an audit must cost a deposit");
			assert!(
				T::HeartbeatInterval::get() >= 2u32.into(),
				"a heartbeat interval under 2 blocks makes every heartbeat free"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Registers the caller as a provider with its capacity, attributes and
		/// host URI, holding the provider deposit.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_provider(attributes.len() as u32))]
		pub fn register_provider(
			origin: OriginFor<T>,
			capacity: Resources,
			attributes: AttributesOf<T>,
			host_uri: HostUriOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_register_provider(who, capacity, attributes, host_uri)
		}

		/// Replaces the caller's capacity, attributes and host URI. The
		/// capacity must still cover what is allocated; the deposit is re-sized.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::update_provider(attributes.len() as u32))]
		pub fn update_provider(
			origin: OriginFor<T>,
			capacity: Resources,
			attributes: AttributesOf<T>,
			host_uri: HostUriOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_update_provider(who, capacity, attributes, host_uri)
		}

		/// Stops the caller taking new orders; running leases go on.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::pause_provider())]
		pub fn pause_provider(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_pause_provider(who)
		}

		/// Lets a paused caller take new orders again. Refused while jailed.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::resume_provider())]
		pub fn resume_provider(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_resume_provider(who)
		}

		/// Removes the caller from the registry and returns its deposit. Refused
		/// while a lease holds its capacity or a report against it is open. A
		/// jail stays with the provider's bond, not here. The audits
		/// made of it stop counting; their deposits are returned by
		/// `revoke_audit` or `drop_audit`.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::deregister_provider())]
		pub fn deregister_provider(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_deregister_provider(who)
		}

		/// Adds `who` to the auditor set.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::add_auditor())]
		pub fn add_auditor(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			T::AuditorOrigin::ensure_origin(origin)?;
			Self::do_add_auditor(who)
		}

		/// Removes `who` from the auditor set. Its audits count for nothing from
		/// now on, even if it is admitted again; it may revoke them, and anyone
		/// may drop them.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::remove_auditor())]
		pub fn remove_auditor(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			T::AuditorOrigin::ensure_origin(origin)?;
			Self::do_remove_auditor(who)
		}

		/// The calling auditor vouches for `attributes` of `provider`, each of
		/// which must match what the provider declares now. Holds the audit
		/// deposit the first time; a repeated audit replaces the earlier one.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::audit_provider(attributes.len() as u32))]
		pub fn audit_provider(
			origin: OriginFor<T>,
			provider: T::AccountId,
			attributes: AttributesOf<T>,
		) -> DispatchResult {
			let auditor = ensure_signed(origin)?;
			Self::do_audit_provider(auditor, provider, attributes)
		}

		/// Withdraws the caller's audit of `provider` and returns its deposit.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::revoke_audit())]
		pub fn revoke_audit(origin: OriginFor<T>, provider: T::AccountId) -> DispatchResult {
			let auditor = ensure_signed(origin)?;
			Self::do_revoke_audit(auditor, provider)
		}

		/// Returns the deposit of `auditor`'s audit of `provider` to the
		/// auditor, if the audit can never count again: the provider
		/// deregistered or registered anew since, or the auditor left the set
		/// or was admitted anew since. Anyone may call it; the fee is waived
		/// when it succeeds.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::drop_audit())]
		pub fn drop_audit(
			origin: OriginFor<T>,
			provider: T::AccountId,
			auditor: T::AccountId,
		) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			Self::do_drop_audit(provider, auditor)?;
			Ok(Pays::No.into())
		}

		/// Tells the chain the calling provider answers. Needed at least once
		/// per [`Config::HeartbeatInterval`] blocks to stay reachable. Free
		/// when the previous heartbeat is at least half an interval old;
		/// more frequent ones pay the normal fee.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::heartbeat())]
		pub fn heartbeat(origin: OriginFor<T>) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let pays = Self::do_heartbeat(who)?;
			Ok(pays.into())
		}

		/// Announces that the calling provider is down for maintenance in
		/// blocks `from..=to`: it owes no heartbeat then, and no `Unavailable`
		/// report is taken against it. At least [`Config::MaintenanceNotice`]
		/// blocks ahead, at most [`Config::MaxMaintenance`] blocks long, one
		/// window at a time, [`Config::MaintenanceSpacing`] blocks apart.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::announce_maintenance())]
		pub fn announce_maintenance(
			origin: OriginFor<T>,
			from: BlockNumberFor<T>,
			to: BlockNumberFor<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_announce_maintenance(who, from, to)
		}
	}
}
