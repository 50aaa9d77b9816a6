//! `pallet_lease_escrow`: leases paid block by block from an escrow, closed
//! on time when the escrow runs dry.

use super::{parameters::dynamic_params::market, treasury::TreasuryAccount};
use crate::*;
use frame_support::{parameter_types, traits::ConstU32, weights::Weight};

parameter_types! {
	/// The smallest top-up: what each third-party deposit record costs its
	/// depositor in locked money, at least (in a foreign asset, its worth at
	/// the rate of the lease's opening).
	pub const MinLeaseDeposit: Balance = 10 * MILLI_UNIT;
	/// Kept from a tenant's refund for the record a closed lease leaves
	/// (about 110 bytes), returned by `forget_lease`.
	pub const ClosedLeaseDeposit: Balance = 100 * MILLI_UNIT;
	/// The run-dry hook's share of a block: 2% of its time and proof.
	/// All the marketplace hooks together stay within 5%.
	pub LeaseEscrowHookWeight: Weight =
		Perbill::from_percent(2) * super::RuntimeBlockWeights::get().max_block;
}

impl pallet_lease_escrow::Config for Runtime {
	type AssetKind = super::foreign_assets::MarketAsset;
	type Funds = super::foreign_assets::MarketFunds;
	type Rates = super::foreign_assets::MarketRates;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Capacity = ResourceRegistry;
	type Liveness = ResourceRegistry;
	type OnLeaseClosed = ProviderSlashing;
	type TakeRate = market::TakeRate;
	type Treasury = TreasuryAccount;
	type ReportGracePeriod = market::ReportGracePeriod;
	type ReadyWindow = market::ReadyWindow;
	type RunningLowNotice = market::RunningLowNotice;
	type ClosedLeaseDeposit = ClosedLeaseDeposit;
	type MinDeposit = MinLeaseDeposit;
	type MaxLeasesPerAccount = ConstU32<256>;
	// The storage bound of a slot; it admits what the hook closes in one
	// block (`LeaseEscrow::runs_dry_admitted_per_block`), which may be less.
	type MaxRunDryPerBlock = ConstU32<128>;
	type HookWeight = LeaseEscrowHookWeight;
	type MaxPageSize = ConstU32<100>;
	type WeightInfo = crate::weights::pallet_lease_escrow::WeightInfo<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = super::MarketBenchmarkHelper;
}
