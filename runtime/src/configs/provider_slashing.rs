//! `pallet_provider_slashing`: provider bonds, fault reports, disputes,
//! slashing and jail. The Council or root adjudicates.

use super::{
	council::RootOrCouncilMajority, parameters::dynamic_params::market, treasury::TreasuryAccount,
};
use crate::*;
use frame_support::{parameter_types, traits::ConstU32, weights::Weight};

/// Blocks unbonded stake stays slashable before it can be withdrawn; the
/// report grace period may not be longer.
pub const UNBONDING_PERIOD: BlockNumber = 7 * DAYS;

parameter_types! {
	/// One unit of track-record evidence: a provider's score moves by the
	/// value served and the faults weighed in STRA.
	pub const ReputationUnit: Balance = UNIT;
	/// The deadline hook's share of a block: 1% of its time and proof.
	/// With bid matching's and lease escrow's 2% each, all the marketplace
	/// hooks together stay within 5%.
	pub ProviderSlashingHookWeight: Weight =
		Perbill::from_percent(1) * super::RuntimeBlockWeights::get().max_block;
}

impl pallet_provider_slashing::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type AssetKind = super::foreign_assets::MarketAsset;
	type Funds = super::foreign_assets::MarketFunds;
	type Rates = super::foreign_assets::MarketRates;
	type Leases = LeaseEscrow;
	type Liveness = ResourceRegistry;
	type AdjudicatorOrigin = RootOrCouncilMajority;
	type Treasury = TreasuryAccount;
	type MinProviderBond = market::MinProviderBond;
	type UnbondingPeriod = ConstU32<UNBONDING_PERIOD>;
	type MaxUnbondingChunks = ConstU32<8>;
	type LeaseStakeRatio = market::LeaseStakeRatio;
	type MinLeaseStake = market::MinLeaseStake;
	type EarlyCloseSlash = market::EarlyCloseSlash;
	type NotDeliveredSlash = market::NotDeliveredSlash;
	type UnavailableSlash = market::UnavailableSlash;
	type BelowSpecSlash = market::BelowSpecSlash;
	type CompensationShare = market::CompensationShare;
	type DisputeWindow = market::DisputeWindow;
	type AdjudicationPeriod = market::AdjudicationPeriod;
	type ReportDeposit = market::ReportDeposit;
	type MaxFaultsBeforeJail = ConstU32<3>;
	type JailPeriod = ConstU32<DAYS>;
	type ReputationHalfLife = ConstU32<{ 30 * DAYS }>;
	type ReputationUnit = ReputationUnit;
	// The storage bound of a slot; it admits what the hook upholds in one
	// block (`ProviderSlashing::resolutions_admitted_per_block`), which may
	// be less.
	type MaxReportsPerBlock = ConstU32<64>;
	type HookWeight = ProviderSlashingHookWeight;
	type WeightInfo = crate::weights::pallet_provider_slashing::WeightInfo<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = super::MarketBenchmarkHelper;
}
