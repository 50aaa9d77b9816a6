//! What the calls do: the `do_*` bodies behind the thin calls in `lib.rs`.

use crate::{pallet::*, types::*};
use codec::{Encode, MaxEncodedLen};
use polkadot_sdk::{
	frame_support::{
		ensure,
		pallet_prelude::*,
		traits::{fungible::MutateHold, tokens::Precision},
	},
	sp_runtime::traits::{Saturating, Zero},
};
use stratus_primitives::{ProviderStanding, Resources};

impl<T: Config> Pallet<T> {
	/// The deposit a provider record costs: the base plus the per-byte rate
	/// times its encoded length and the largest its liveness record can be.
	/// The length does not depend on the deposit field itself, which encodes
	/// at a fixed width.
	pub fn provider_deposit(info: &ProviderInfoOf<T>) -> BalanceOf<T> {
		let length = info.encoded_size().saturating_add(LivenessRecordOf::<T>::max_encoded_len());
		let bytes: BalanceOf<T> = (length as u32).into();
		T::ProviderDepositBase::get()
			.saturating_add(T::ProviderDepositPerByte::get().saturating_mul(bytes))
	}

	/// `who`'s membership of the auditor set, if it is a member now.
	pub fn auditor(who: &T::AccountId) -> Option<AuditorOf<T>> {
		let auditors = Auditors::<T>::get();
		let at = Self::auditor_position(&auditors, who).ok()?;
		auditors.get(at).cloned()
	}

	/// Where `who` is in the sorted auditor set, or where it would go.
	fn auditor_position(auditors: &[AuditorOf<T>], who: &T::AccountId) -> Result<usize, usize> {
		auditors.binary_search_by(|a| a.account.cmp(who))
	}

	/// Whether `who` is in the auditor set now.
	pub fn is_auditor(who: &T::AccountId) -> bool {
		Self::auditor(who).is_some()
	}

	/// Whether `audit`, by `auditor` of `provider`, counts now: its auditor
	/// is in the set since before it was made, and the provider is
	/// registered since before it was made. An audit that fails either
	/// never counts again (a later registration or admission has a later
	/// stamp), so anyone may drop it.
	pub fn audit_counts(
		provider: Option<&ProviderInfoOf<T>>,
		auditor: &T::AccountId,
		audit: &AuditRecordOf<T>,
	) -> bool {
		let registered = provider.is_some_and(|info| info.stamp < audit.stamp);
		registered && Self::auditor(auditor).is_some_and(|a| a.admitted < audit.stamp)
	}

	/// The next stamp, taken in order by registrations, admissions and audits.
	fn take_stamp() -> Stamp {
		NextStamp::<T>::mutate(|next| {
			let stamp = *next;
			*next = next.saturating_add(1);
			stamp
		})
	}

	pub(crate) fn do_register_provider(
		who: T::AccountId,
		capacity: Resources,
		attributes: AttributesOf<T>,
		host_uri: HostUriOf<T>,
	) -> DispatchResult {
		ensure!(!Providers::<T>::contains_key(&who), Error::<T>::AlreadyRegistered);
		Self::ensure_valid_declaration(&capacity, &attributes, &host_uri)?;
		let count = ProviderCount::<T>::get().checked_add(1).ok_or(Error::<T>::TooManyProviders)?;

		let now = Self::now();
		let mut info = ProviderInfo {
			capacity,
			allocated: Resources::ZERO,
			attributes,
			host_uri,
			status: ProviderStatus::Active,
			active_leases: 0,
			deposit: Zero::zero(),
			registered_at: now,
			stamp: Self::take_stamp(),
		};
		let deposit = Self::provider_deposit(&info);
		T::Currency::hold(&HoldReason::ProviderDeposit.into(), &who, deposit)
			.map_err(|_| Error::<T>::CannotAffordDeposit)?;
		info.deposit = deposit;

		Providers::<T>::insert(&who, info);
		LivenessRecords::<T>::insert(
			&who,
			LivenessRecord { last_heartbeat: now, maintenance: None },
		);
		ProviderCount::<T>::put(count);
		Self::deposit_event(Event::ProviderRegistered { provider: who, capacity, deposit });
		Ok(())
	}

	pub(crate) fn do_update_provider(
		who: T::AccountId,
		capacity: Resources,
		attributes: AttributesOf<T>,
		host_uri: HostUriOf<T>,
	) -> DispatchResult {
		let mut info = Providers::<T>::get(&who).ok_or(Error::<T>::UnknownProvider)?;
		Self::ensure_valid_declaration(&capacity, &attributes, &host_uri)?;
		ensure!(info.allocated.fits(&capacity), Error::<T>::CapacityBelowAllocated);

		info.capacity = capacity;
		info.attributes = attributes;
		info.host_uri = host_uri;
		let old = info.deposit;
		let new = Self::provider_deposit(&info);
		let reason: T::RuntimeHoldReason = HoldReason::ProviderDeposit.into();
		if new > old {
			T::Currency::hold(&reason, &who, new.saturating_sub(old))
				.map_err(|_| Error::<T>::CannotAffordDeposit)?;
		} else if old > new {
			T::Currency::release(&reason, &who, old.saturating_sub(new), Precision::Exact)?;
		}
		info.deposit = new;

		Providers::<T>::insert(&who, info);
		Self::deposit_event(Event::ProviderUpdated { provider: who, capacity, deposit: new });
		Ok(())
	}

	pub(crate) fn do_pause_provider(who: T::AccountId) -> DispatchResult {
		Providers::<T>::try_mutate(&who, |maybe| -> DispatchResult {
			let info = maybe.as_mut().ok_or(Error::<T>::UnknownProvider)?;
			ensure!(info.status == ProviderStatus::Active, Error::<T>::AlreadyPaused);
			info.status = ProviderStatus::Paused;
			Ok(())
		})?;
		Self::deposit_event(Event::ProviderPaused { provider: who });
		Ok(())
	}

	pub(crate) fn do_resume_provider(who: T::AccountId) -> DispatchResult {
		Providers::<T>::try_mutate(&who, |maybe| -> DispatchResult {
			let info = maybe.as_mut().ok_or(Error::<T>::UnknownProvider)?;
			ensure!(info.status == ProviderStatus::Paused, Error::<T>::NotPaused);
			ensure!(!T::Standing::is_jailed(&who), Error::<T>::ProviderJailed);
			info.status = ProviderStatus::Active;
			Ok(())
		})?;
		Self::deposit_event(Event::ProviderResumed { provider: who });
		Ok(())
	}

	/// The provider leaves. Its audits stay with their deposits, count for
	/// nothing from now on (a later registration has a later stamp), and are
	/// returned to each auditor by `revoke_audit` or anyone's `drop_audit`.
	pub(crate) fn do_deregister_provider(who: T::AccountId) -> DispatchResult {
		let info = Providers::<T>::get(&who).ok_or(Error::<T>::UnknownProvider)?;
		ensure!(info.active_leases == 0, Error::<T>::HasActiveLeases);
		// Its stake stays slashable after it leaves (the unbonding period), but
		// a provider under report stays where its tenants can find it.
		ensure!(!T::Standing::has_open_reports(&who), Error::<T>::OpenReportsPending);

		T::Currency::release(
			&HoldReason::ProviderDeposit.into(),
			&who,
			info.deposit,
			Precision::Exact,
		)?;
		Providers::<T>::remove(&who);
		LivenessRecords::<T>::remove(&who);
		ProviderCount::<T>::mutate(|count| *count = count.saturating_sub(1));
		Self::deposit_event(Event::ProviderDeregistered { provider: who, deposit: info.deposit });
		Ok(())
	}

	pub(crate) fn do_add_auditor(who: T::AccountId) -> DispatchResult {
		Auditors::<T>::try_mutate(|auditors| -> DispatchResult {
			let at =
				Self::auditor_position(auditors, &who).err().ok_or(Error::<T>::AlreadyAuditor)?;
			let admitted = Self::take_stamp();
			auditors
				.try_insert(at, Auditor { account: who.clone(), admitted })
				.map_err(|_| Error::<T>::TooManyAuditors)?;
			Ok(())
		})?;
		Self::deposit_event(Event::AuditorAdded { auditor: who });
		Ok(())
	}

	pub(crate) fn do_remove_auditor(who: T::AccountId) -> DispatchResult {
		Auditors::<T>::try_mutate(|auditors| -> DispatchResult {
			let at = Self::auditor_position(auditors, &who).map_err(|_| Error::<T>::NotAuditor)?;
			// `at` was just found, so it is in bounds.
			auditors.remove(at);
			Ok(())
		})?;
		Self::deposit_event(Event::AuditorRemoved { auditor: who });
		Ok(())
	}

	pub(crate) fn do_audit_provider(
		auditor: T::AccountId,
		provider: T::AccountId,
		attributes: AttributesOf<T>,
	) -> DispatchResult {
		ensure!(Self::is_auditor(&auditor), Error::<T>::NotAuditor);
		ensure!(auditor != provider, Error::<T>::CannotAuditSelf);
		let info = Providers::<T>::get(&provider).ok_or(Error::<T>::UnknownProvider)?;
		ensure!(!attributes.is_empty(), Error::<T>::EmptyAudit);
		Self::ensure_unique_keys(&attributes)?;
		for vouched in attributes.iter() {
			let declared = info
				.attributes
				.iter()
				.find(|a| a.key == vouched.key)
				.ok_or(Error::<T>::AttributeNotDeclared)?;
			ensure!(declared.value == vouched.value, Error::<T>::AttributeValueMismatch);
		}

		let at = Self::now();
		let count = attributes.len() as u32;
		let stamp = Self::take_stamp();
		let deposit = match Audits::<T>::get(&provider, &auditor) {
			// A repeated audit replaces the earlier one and keeps its deposit,
			// even one left from an earlier registration or membership.
			Some(earlier) => earlier.deposit,
			None => {
				let deposit = T::AuditDeposit::get();
				T::Currency::hold(&HoldReason::AuditDeposit.into(), &auditor, deposit)
					.map_err(|_| Error::<T>::CannotAffordDeposit)?;
				AuditorDeposits::<T>::mutate(&auditor, |total| {
					*total = total.saturating_add(deposit)
				});
				deposit
			},
		};
		Audits::<T>::insert(&provider, &auditor, AuditRecord { attributes, deposit, at, stamp });
		Self::deposit_event(Event::ProviderAudited {
			provider,
			auditor,
			attributes: count,
			deposit,
		});
		Ok(())
	}

	pub(crate) fn do_revoke_audit(auditor: T::AccountId, provider: T::AccountId) -> DispatchResult {
		let audit = Audits::<T>::take(&provider, &auditor).ok_or(Error::<T>::UnknownAudit)?;
		Self::release_audit_deposit(&auditor, audit.deposit)?;
		Self::deposit_event(Event::AuditRevoked { provider, auditor, deposit: audit.deposit });
		Ok(())
	}

	/// Anyone returns the deposit of an audit that can never count again:
	/// its provider deregistered (or registered anew since), or its auditor
	/// left the set (or was admitted anew since).
	pub(crate) fn do_drop_audit(provider: T::AccountId, auditor: T::AccountId) -> DispatchResult {
		let audit = Audits::<T>::get(&provider, &auditor).ok_or(Error::<T>::UnknownAudit)?;
		let info = Providers::<T>::get(&provider);
		ensure!(!Self::audit_counts(info.as_ref(), &auditor, &audit), Error::<T>::AuditStillCounts);
		Audits::<T>::remove(&provider, &auditor);
		Self::release_audit_deposit(&auditor, audit.deposit)?;
		Self::deposit_event(Event::AuditDropped { provider, auditor, deposit: audit.deposit });
		Ok(())
	}

	/// Returns an audit's deposit to its auditor and lowers the running total.
	fn release_audit_deposit(auditor: &T::AccountId, deposit: BalanceOf<T>) -> DispatchResult {
		T::Currency::release(&HoldReason::AuditDeposit.into(), auditor, deposit, Precision::Exact)?;
		AuditorDeposits::<T>::mutate_exists(auditor, |maybe| {
			let left = maybe.unwrap_or_default().saturating_sub(deposit);
			*maybe = if left.is_zero() { None } else { Some(left) };
		});
		Ok(())
	}

	/// What `register_provider` and `update_provider` both require.
	fn ensure_valid_declaration(
		capacity: &Resources,
		attributes: &AttributesOf<T>,
		host_uri: &HostUriOf<T>,
	) -> DispatchResult {
		ensure!(!capacity.is_zero(), Error::<T>::ZeroCapacity);
		ensure!(!host_uri.is_empty(), Error::<T>::EmptyHostUri);
		ensure!(attributes.iter().all(|a| !a.key.is_empty()), Error::<T>::EmptyAttributeKey);
		Self::ensure_unique_keys(attributes)
	}

	/// At most `MaxAttributes` items, so the quadratic check stays small.
	pub(crate) fn ensure_unique_keys(attributes: &AttributesOf<T>) -> DispatchResult {
		for (i, a) in attributes.iter().enumerate() {
			ensure!(
				!attributes.iter().skip(i.saturating_add(1)).any(|b| b.key == a.key),
				Error::<T>::DuplicateAttributeKey
			);
		}
		Ok(())
	}
}
