//! `pallet_resource_registry`: providers, their capacity and audited
//! attributes, heartbeats and maintenance windows. The Council or root keeps
//! the auditor set; the liveness limits are market parameters.

use super::{council::RootOrCouncilMajority, parameters::dynamic_params::market};
use crate::*;
use frame_support::{parameter_types, traits::ConstU32};

parameter_types! {
	pub const ProviderDepositBase: Balance = 10 * UNIT;
	pub const ProviderDepositPerByte: Balance = 10 * MILLI_UNIT;
	pub const AuditDeposit: Balance = UNIT;
}

impl pallet_resource_registry::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type AuditorOrigin = RootOrCouncilMajority;
	type Standing = ProviderSlashing;
	type HeartbeatInterval = market::HeartbeatInterval;
	type MaintenanceNotice = market::MaintenanceNotice;
	type MaxMaintenance = market::MaxMaintenance;
	type MaintenanceSpacing = market::MaintenanceSpacing;
	type ProviderDepositBase = ProviderDepositBase;
	type ProviderDepositPerByte = ProviderDepositPerByte;
	type AuditDeposit = AuditDeposit;
	type MaxAttributes = ConstU32<16>;
	type MaxAttributeKeyLen = ConstU32<32>;
	type MaxAttributeValueLen = ConstU32<64>;
	type MaxHostUriLen = ConstU32<128>;
	type MaxAuditors = ConstU32<32>;
	type MaxPageSize = ConstU32<100>;
	type WeightInfo = crate::weights::pallet_resource_registry::WeightInfo<Runtime>;
}
