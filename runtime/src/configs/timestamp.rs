//! `pallet_timestamp`: block time, fed to Aura.

use crate::*;
use frame_support::traits::ConstU64;

impl pallet_timestamp::Config for Runtime {
	type Moment = u64;
	type OnTimestampSet = Aura;
	type MinimumPeriod = ConstU64<0>;
	type WeightInfo = pallet_timestamp::weights::SubstrateWeight<Runtime>;
}
