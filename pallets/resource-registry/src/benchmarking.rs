//! Benchmarks, each with the worst case its call can meet: bounded lists
//! filled to their bounds, the largest record, a new hold rather than none.

use super::*;
use crate::Pallet as ResourceRegistry;
use alloc::{vec, vec::Vec};
use codec::MaxEncodedLen;
use frame_support::{
	traits::{
		fungible::{Inspect, InspectHold, Mutate},
		EnsureOrigin, Get,
	},
	BoundedVec,
};
use frame_system::RawOrigin;
use polkadot_sdk::frame_benchmarking::v2::*;
use sp_runtime::traits::{Saturating, Zero};

/// Gives `who` enough for the largest provider deposit and several audits.
fn fund<T: Config>(who: &T::AccountId) {
	let largest_record = ProviderInfoOf::<T>::max_encoded_len() as u32;
	let amount = T::ProviderDepositBase::get()
		.saturating_add(T::ProviderDepositPerByte::get().saturating_mul(largest_record.into()))
		.saturating_add(T::AuditDeposit::get())
		.saturating_mul(10u32.into())
		.saturating_add(T::Currency::minimum_balance());
	let _ = T::Currency::set_balance(who, amount);
}

/// `n` attributes with keys and values as long as allowed, keys made unique
/// by their first bytes.
fn attributes<T: Config>(n: u32) -> AttributesOf<T> {
	let key_len = T::MaxAttributeKeyLen::get() as usize;
	let value_len = T::MaxAttributeValueLen::get() as usize;
	(0..n)
		.map(|i| {
			let mut key = vec![b'k'; key_len];
			for (byte, tag) in key.iter_mut().zip(i.to_le_bytes()) {
				*byte = tag;
			}
			Attribute {
				key: BoundedVec::truncate_from(key),
				value: BoundedVec::truncate_from(vec![b'v'; value_len]),
			}
		})
		.collect::<Vec<_>>()
		.try_into()
		.unwrap_or_default()
}

/// The last `n` of `all`: the ones found last when matched against the list.
fn last_attributes<T: Config>(all: &AttributesOf<T>, n: u32) -> AttributesOf<T> {
	let skip = all.len().saturating_sub(n as usize);
	BoundedVec::truncate_from(all.iter().skip(skip).cloned().collect())
}

fn host_uri<T: Config>() -> HostUriOf<T> {
	BoundedVec::truncate_from(vec![b'u'; T::MaxHostUriLen::get() as usize])
}

fn capacity() -> Resources {
	Resources { cpu_millicores: 64_000, memory_mib: 262_144, storage_gib: 4_096, gpu_units: 8 }
}

/// A funded provider with `n` attributes and the longest host URI.
fn registered<T: Config>(who: &T::AccountId, n: u32) -> Result<(), BenchmarkError> {
	fund::<T>(who);
	ResourceRegistry::<T>::do_register_provider(
		who.clone(),
		capacity(),
		attributes::<T>(n),
		host_uri::<T>(),
	)?;
	Ok(())
}

/// Gives `provider` an audit of all its attributes by a funded auditor.
fn audited<T: Config>(provider: &T::AccountId) -> Result<T::AccountId, BenchmarkError> {
	let vouched = ResourceRegistry::<T>::provider(provider)
		.ok_or(BenchmarkError::Stop("provider not registered"))?
		.attributes;
	let auditor: T::AccountId = account("auditor", 0, 0);
	fund::<T>(&auditor);
	ResourceRegistry::<T>::do_add_auditor(auditor.clone())?;
	ResourceRegistry::<T>::do_audit_provider(auditor.clone(), provider.clone(), vouched)?;
	Ok(auditor)
}

/// Like [`audited`], by an auditor that then leaves the set; its audit stays.
fn audited_by_former_auditor<T: Config>(
	provider: &T::AccountId,
) -> Result<T::AccountId, BenchmarkError> {
	let auditor = audited::<T>(provider)?;
	ResourceRegistry::<T>::do_remove_auditor(auditor.clone())?;
	Ok(auditor)
}

/// Fills the auditor set with `n` accounts.
fn auditor_set<T: Config>(n: u32) -> Result<(), BenchmarkError> {
	for i in 0..n {
		ResourceRegistry::<T>::do_add_auditor(account("member", i, 0))?;
	}
	Ok(())
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register_provider(a: Linear<0, { T::MaxAttributes::get() }>) {
		let caller: T::AccountId = whitelisted_caller();
		fund::<T>(&caller);
		let attributes = attributes::<T>(a);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), capacity(), attributes, host_uri::<T>());

		let info = ResourceRegistry::<T>::provider(&caller).expect("registered");
		assert_eq!(
			T::Currency::balance_on_hold(&HoldReason::ProviderDeposit.into(), &caller),
			info.deposit
		);
	}

	#[benchmark]
	fn update_provider(a: Linear<0, { T::MaxAttributes::get() }>) -> Result<(), BenchmarkError> {
		let caller: T::AccountId = whitelisted_caller();
		// From no attributes to `a`: the deposit grows and more is held.
		registered::<T>(&caller, 0)?;
		ResourceRegistry::<T>::reserve(&caller, &capacity())?;
		let attributes = attributes::<T>(a);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), capacity(), attributes.clone(), host_uri::<T>());

		let info = ResourceRegistry::<T>::provider(&caller).expect("registered");
		assert_eq!(info.attributes, attributes);
		Ok(())
	}

	#[benchmark]
	fn pause_provider() -> Result<(), BenchmarkError> {
		let caller: T::AccountId = whitelisted_caller();
		registered::<T>(&caller, T::MaxAttributes::get())?;

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()));

		let info = ResourceRegistry::<T>::provider(&caller).expect("registered");
		assert_eq!(info.status, ProviderStatus::Paused);
		Ok(())
	}

	#[benchmark]
	fn resume_provider() -> Result<(), BenchmarkError> {
		let caller: T::AccountId = whitelisted_caller();
		registered::<T>(&caller, T::MaxAttributes::get())?;
		ResourceRegistry::<T>::do_pause_provider(caller.clone())?;

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()));

		let info = ResourceRegistry::<T>::provider(&caller).expect("registered");
		assert_eq!(info.status, ProviderStatus::Active);
		Ok(())
	}

	#[benchmark]
	fn deregister_provider() -> Result<(), BenchmarkError> {
		let caller: T::AccountId = whitelisted_caller();
		registered::<T>(&caller, T::MaxAttributes::get())?;
		let auditor = audited_by_former_auditor::<T>(&caller)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()));

		assert!(ResourceRegistry::<T>::provider(&caller).is_none());
		assert!(
			T::Currency::balance_on_hold(&HoldReason::ProviderDeposit.into(), &caller).is_zero()
		);
		// The audit is left for its auditor to claim.
		assert!(Audits::<T>::contains_key(&caller, &auditor));
		Ok(())
	}

	#[benchmark]
	fn add_auditor() -> Result<(), BenchmarkError> {
		let origin =
			T::AuditorOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		auditor_set::<T>(T::MaxAuditors::get().saturating_sub(1))?;
		let who: T::AccountId = account("newcomer", 0, 0);

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());

		assert!(ResourceRegistry::<T>::is_auditor(&who));
		Ok(())
	}

	#[benchmark]
	fn remove_auditor() -> Result<(), BenchmarkError> {
		let origin =
			T::AuditorOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		auditor_set::<T>(T::MaxAuditors::get())?;
		let who: T::AccountId = account("member", 0, 0);

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());

		assert!(!ResourceRegistry::<T>::is_auditor(&who));
		Ok(())
	}

	#[benchmark]
	fn audit_provider(a: Linear<1, { T::MaxAttributes::get() }>) -> Result<(), BenchmarkError> {
		let provider: T::AccountId = account("provider", 0, 0);
		registered::<T>(&provider, T::MaxAttributes::get())?;
		auditor_set::<T>(T::MaxAuditors::get().saturating_sub(1))?;
		let caller: T::AccountId = whitelisted_caller();
		fund::<T>(&caller);
		ResourceRegistry::<T>::do_add_auditor(caller.clone())?;
		let all = ResourceRegistry::<T>::provider(&provider).expect("registered").attributes;
		let vouched = last_attributes::<T>(&all, a);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), provider.clone(), vouched);

		assert_eq!(
			T::Currency::balance_on_hold(&HoldReason::AuditDeposit.into(), &caller),
			T::AuditDeposit::get()
		);
		Ok(())
	}

	#[benchmark]
	fn revoke_audit() -> Result<(), BenchmarkError> {
		let provider: T::AccountId = account("provider", 0, 0);
		registered::<T>(&provider, T::MaxAttributes::get())?;
		let caller = audited_by_former_auditor::<T>(&provider)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), provider.clone());

		assert!(!Audits::<T>::contains_key(&provider, &caller));
		Ok(())
	}

	#[benchmark]
	fn drop_audit() -> Result<(), BenchmarkError> {
		let provider: T::AccountId = account("provider", 0, 0);
		registered::<T>(&provider, T::MaxAttributes::get())?;
		// The worst case reads the provider and the full auditor set.
		auditor_set::<T>(T::MaxAuditors::get().saturating_sub(1))?;
		let auditor = audited::<T>(&provider)?;
		// Registered anew: the audit is of the earlier registration.
		ResourceRegistry::<T>::do_deregister_provider(provider.clone())?;
		registered::<T>(&provider, T::MaxAttributes::get())?;
		let caller: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), provider.clone(), auditor.clone());

		assert!(!Audits::<T>::contains_key(&provider, &auditor));
		assert!(T::Currency::balance_on_hold(&HoldReason::AuditDeposit.into(), &auditor).is_zero());
		Ok(())
	}

	/// A heartbeat that is free: the previous one is half an interval old.
	#[benchmark]
	fn heartbeat() -> Result<(), BenchmarkError> {
		let caller: T::AccountId = whitelisted_caller();
		registered::<T>(&caller, T::MaxAttributes::get())?;
		let now =
			frame_system::Pallet::<T>::block_number().saturating_add(T::HeartbeatInterval::get());
		frame_system::Pallet::<T>::set_block_number(now);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()));

		let info = ResourceRegistry::<T>::provider(&caller).expect("registered");
		assert_eq!(info.last_heartbeat, now);
		Ok(())
	}

	/// The worst case replaces a window that ended, checking its spacing.
	#[benchmark]
	fn announce_maintenance() -> Result<(), BenchmarkError> {
		let caller: T::AccountId = whitelisted_caller();
		registered::<T>(&caller, T::MaxAttributes::get())?;
		let first =
			frame_system::Pallet::<T>::block_number().saturating_add(T::MaintenanceNotice::get());
		let first_end = first.saturating_add(T::MaxMaintenance::get()).saturating_sub(1u32.into());
		ResourceRegistry::<T>::do_announce_maintenance(caller.clone(), first, first_end)?;
		let now = first_end.saturating_add(1u32.into());
		frame_system::Pallet::<T>::set_block_number(now);
		let from = first_end
			.saturating_add(T::MaintenanceSpacing::get())
			.max(now.saturating_add(T::MaintenanceNotice::get()));
		let to = from.saturating_add(T::MaxMaintenance::get()).saturating_sub(1u32.into());

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), from, to);

		let info = ResourceRegistry::<T>::provider(&caller).expect("registered");
		assert_eq!(info.maintenance, Some(MaintenanceWindow { from, to }));
		Ok(())
	}

	impl_benchmark_test_suite!(ResourceRegistry, crate::mock::new_test_ext(), crate::mock::Test);
}
