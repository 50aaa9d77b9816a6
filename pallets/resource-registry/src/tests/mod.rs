//! Unit tests, by topic. Every test runs inside [`run_test`], which checks
//! the pallet's invariants once the test body is done.

mod auditors;
mod invariants;
mod liveness;
mod providers;
mod registry;

use crate::{mock::*, *};
use polkadot_sdk::frame_support::{
	assert_ok,
	traits::fungible::{Inspect, InspectHold},
};

/// What the default test provider offers.
pub const CAPACITY: Resources =
	Resources { cpu_millicores: 8_000, memory_mib: 16_384, storage_gib: 500, gpu_units: 2 };

/// Half of [`CAPACITY`].
pub const HALF: Resources =
	Resources { cpu_millicores: 4_000, memory_mib: 8_192, storage_gib: 250, gpu_units: 1 };

pub fn attr(key: &str, value: &str) -> AttributeOf<Test> {
	Attribute {
		key: key.as_bytes().to_vec().try_into().unwrap(),
		value: value.as_bytes().to_vec().try_into().unwrap(),
	}
}

pub fn attrs(list: &[(&str, &str)]) -> AttributesOf<Test> {
	list.iter().map(|(k, v)| attr(k, v)).collect::<Vec<_>>().try_into().unwrap()
}

/// A required attribute, as other pallets pass it to `satisfies`.
pub fn pair<'a>(key: &'a str, value: &'a str) -> stratus_primitives::AttributeRef<'a> {
	(key.as_bytes(), value.as_bytes())
}

/// Asserts that `who` may not bid, refused for `reason` with `error`.
pub fn assert_refused(who: AccountId, reason: stratus_primitives::Exclusion, error: Error<Test>) {
	use stratus_primitives::{ProviderEligibility, Refusal};
	assert_eq!(ResourceRegistry::ensure_can_bid(&who), Err(Refusal::new(reason, error)));
}

pub fn uri(s: &str) -> HostUriOf<Test> {
	s.as_bytes().to_vec().try_into().unwrap()
}

/// `region = eu-west`, `gpu = h100`.
pub fn default_attrs() -> AttributesOf<Test> {
	attrs(&[("region", "eu-west"), ("gpu", "h100")])
}

/// Registers `who` with [`CAPACITY`], [`default_attrs`] and `p1.example`.
pub fn register(who: AccountId) {
	assert_ok!(ResourceRegistry::register_provider(
		RuntimeOrigin::signed(who),
		CAPACITY,
		default_attrs(),
		uri("p1.example"),
	));
}

pub fn add_auditor(who: AccountId) {
	assert_ok!(ResourceRegistry::add_auditor(RuntimeOrigin::root(), who));
}

pub fn record(who: AccountId) -> ProviderInfoOf<Test> {
	Providers::<Test>::get(who).expect("registered")
}

pub fn held_for_provider(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::ProviderDeposit.into(), &who)
}

pub fn held_for_audits(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::AuditDeposit.into(), &who)
}

pub fn free(who: AccountId) -> Balance {
	Balances::balance(&who)
}
