//! `pallet_lease_escrow`: leases paid block by block from an escrow, closed
//! on time when the escrow runs dry.

use super::{parameters::dynamic_params::market, treasury::TreasuryAccount};
use crate::*;
use frame_support::{parameter_types, traits::ConstU32};

parameter_types! {
	pub const MinLeaseDeposit: Balance = 10 * MILLI_UNIT;
}

impl pallet_lease_escrow::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Registry = ResourceRegistry;
	type Stake = ProviderSlashing;
	type TakeRate = market::TakeRate;
	type Treasury = TreasuryAccount;
	type MinDeposit = MinLeaseDeposit;
	type MaxDepositors = ConstU32<16>;
	type MaxLeasesPerAccount = ConstU32<256>;
	type MaxRunDryPerBlock = ConstU32<64>;
	// Closing a lease with 16 depositors weighs about 6.9 ms and 48 kB of
	// proof: 10 per block keep the hook under 5% of a block's 2 s and 10 MiB.
	// Leases past the bound close in the next block; what a lease pays is
	// capped by its escrow either way.
	type MaxClosuresPerBlock = ConstU32<10>;
	type MaxPageSize = ConstU32<100>;
	type WeightInfo = crate::weights::pallet_lease_escrow::WeightInfo<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = super::MarketBenchmarkHelper;
}
