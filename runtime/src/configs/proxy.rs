//! `pallet_proxy`: an account lets another act for it, within a proxy
//! type. `ProviderOps` is what a provider's agent needs and nothing more.

use crate::*;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	parameter_types,
	traits::{ConstU32, InstanceFilter},
};
use scale_info::TypeInfo;
use sp_runtime::traits::BlakeTwo256;

/// What a proxy may do for the account that added it.
#[derive(
	Copy,
	Clone,
	Eq,
	PartialEq,
	Ord,
	PartialOrd,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Debug,
	MaxEncodedLen,
	TypeInfo,
	Default,
)]
pub enum ProxyType {
	/// Anything the account may do.
	#[default]
	Any,
	/// A provider's day-to-day market work, as its agent does it: keep the
	/// provider record, heartbeats and maintenance, bid, confirm leases
	/// ready, collect payment, close its leases, dispute reports and serve
	/// out a jail. No transfer, no bond or unbond, nothing as a tenant, no
	/// governance, no proxy changes.
	ProviderOps,
}

impl InstanceFilter<RuntimeCall> for ProxyType {
	fn filter(&self, call: &RuntimeCall) -> bool {
		match self {
			ProxyType::Any => true,
			ProxyType::ProviderOps => provider_ops(call),
		}
	}

	fn is_superset(&self, other: &Self) -> bool {
		match (self, other) {
			(ProxyType::Any, _) => true,
			(ProxyType::ProviderOps, ProxyType::ProviderOps) => true,
			(ProxyType::ProviderOps, ProxyType::Any) => false,
		}
	}
}

/// The calls a `ProviderOps` proxy may make. A batch passes as such: the
/// proxy's filter applies to each call inside it as it dispatches.
fn provider_ops(call: &RuntimeCall) -> bool {
	use pallet_bid_matching::Call as Bids;
	use pallet_lease_escrow::Call as Leases;
	use pallet_provider_slashing::Call as Stake;
	use pallet_resource_registry::Call as Registry;
	matches!(
		call,
		RuntimeCall::ResourceRegistry(
			Registry::register_provider { .. }
				| Registry::update_provider { .. }
				| Registry::pause_provider { .. }
				| Registry::resume_provider { .. }
				| Registry::deregister_provider { .. }
				| Registry::heartbeat { .. }
				| Registry::announce_maintenance { .. }
		) | RuntimeCall::BidMatching(
			Bids::place_bid { .. } | Bids::withdraw_bid { .. } | Bids::evict_bid { .. }
		) | RuntimeCall::LeaseEscrow(
			Leases::confirm_ready { .. }
				| Leases::withdraw { .. }
				| Leases::settle { .. }
				| Leases::close_lease { .. }
		) | RuntimeCall::ProviderSlashing(Stake::dispute { .. } | Stake::unjail { .. })
			| RuntimeCall::Utility(
				pallet_utility::Call::batch { .. }
					| pallet_utility::Call::batch_all { .. }
					| pallet_utility::Call::force_batch { .. }
			)
	)
}

/// What a storage item of `bytes` bytes costs to keep, `items` of them:
/// 1 STRA an item and the registry's 10 mSTRA a byte.
pub const fn deposit(items: u32, bytes: u32) -> Balance {
	items as Balance * UNIT + bytes as Balance * 10 * MILLI_UNIT
}

parameter_types! {
	/// Held for an account's proxy list: its storage item.
	pub const ProxyDepositBase: Balance = deposit(1, 8);
	/// Held for each proxy in the list: an account and a proxy type.
	pub const ProxyDepositFactor: Balance = deposit(0, 33);
	/// Held for an account's list of announced calls.
	pub const AnnouncementDepositBase: Balance = deposit(1, 8);
	/// Held for each announcement: an account, a call hash and a block.
	pub const AnnouncementDepositFactor: Balance = deposit(0, 68);
}

impl pallet_proxy::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type Currency = Balances;
	type ProxyType = ProxyType;
	type ProxyDepositBase = ProxyDepositBase;
	type ProxyDepositFactor = ProxyDepositFactor;
	type MaxProxies = ConstU32<32>;
	type WeightInfo = pallet_proxy::weights::SubstrateWeight<Runtime>;
	type MaxPending = ConstU32<32>;
	type CallHasher = BlakeTwo256;
	type AnnouncementDepositBase = AnnouncementDepositBase;
	type AnnouncementDepositFactor = AnnouncementDepositFactor;
	type BlockNumberProvider = System;
}
