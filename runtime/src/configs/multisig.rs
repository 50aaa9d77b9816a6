//! `pallet_multisig`: an account that several keys control together, for
//! organisations that run providers or pay for compute.

use crate::*;
use configs::proxy::deposit;
use frame_support::{parameter_types, traits::ConstU32};

parameter_types! {
	/// Held from whoever opens a multisig operation: its storage item.
	pub const DepositBase: Balance = deposit(1, 88);
	/// Held per signatory: one account each.
	pub const DepositFactor: Balance = deposit(0, 32);
}

impl pallet_multisig::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type Currency = Balances;
	type DepositBase = DepositBase;
	type DepositFactor = DepositFactor;
	type MaxSignatories = ConstU32<100>;
	type WeightInfo = pallet_multisig::weights::SubstrateWeight<Runtime>;
	type BlockNumberProvider = System;
}
