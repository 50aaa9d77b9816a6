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

/// Gives `provider` `n` audits by distinct funded accounts, each of all its
/// attributes. Each auditor leaves the set after auditing, so `n` is not
/// limited by the auditor set's bound; its audit stays.
fn audited_by<T: Config>(
	provider: &T::AccountId,
	n: u32,
) -> Result<Vec<T::AccountId>, BenchmarkError> {
	let vouched = ResourceRegistry::<T>::provider(provider)
		.ok_or(BenchmarkError::Stop("provider not registered"))?
		.attributes;
	let mut auditors = Vec::new();
	for i in 0..n {
		let auditor: T::AccountId = account("auditor", i, 0);
		fund::<T>(&auditor);
		ResourceRegistry::<T>::do_add_auditor(auditor.clone())?;
		ResourceRegistry::<T>::do_audit_provider(
			auditor.clone(),
			provider.clone(),
			vouched.clone(),
		)?;
		ResourceRegistry::<T>::do_remove_auditor(auditor.clone())?;
		auditors.push(auditor);
	}
	Ok(auditors)
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
	fn deregister_provider(
		a: Linear<0, { T::MaxAuditsPerProvider::get() }>,
	) -> Result<(), BenchmarkError> {
		let caller: T::AccountId = whitelisted_caller();
		registered::<T>(&caller, T::MaxAttributes::get())?;
		let auditors = audited_by::<T>(&caller, a)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()));

		assert!(ResourceRegistry::<T>::provider(&caller).is_none());
		assert!(
			T::Currency::balance_on_hold(&HoldReason::ProviderDeposit.into(), &caller).is_zero()
		);
		for auditor in auditors {
			assert!(!Audits::<T>::contains_key(&caller, &auditor));
		}
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
		// Room for one more audit in the provider's index.
		audited_by::<T>(&provider, T::MaxAuditsPerProvider::get().saturating_sub(1))?;
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
		let auditors = audited_by::<T>(&provider, T::MaxAuditsPerProvider::get())?;
		// The last in the provider's index: the longest search.
		let caller = auditors.last().cloned().ok_or(BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), provider.clone());

		assert!(!Audits::<T>::contains_key(&provider, &caller));
		Ok(())
	}

	impl_benchmark_test_suite!(ResourceRegistry, crate::mock::new_test_ext(), crate::mock::Test);
}
