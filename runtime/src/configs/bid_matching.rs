//! `pallet_bid_matching`: orders, bids and the reverse auction.

use super::parameters::dynamic_params::market;
use crate::*;
use frame_support::{parameter_types, traits::ConstU32, weights::Weight};

parameter_types! {
	/// The window-end hook's share of a block: 2% of its time and proof.
	/// All the marketplace hooks together stay within 5%.
	pub BidMatchingHookWeight: Weight =
		Perbill::from_percent(2) * super::RuntimeBlockWeights::get().max_block;
}

impl pallet_bid_matching::Config for Runtime {
	type Funds = super::foreign_assets::MarketFunds;
	type AcceptedAssets = super::foreign_assets::AcceptedMarketAssets;
	type Rates = super::foreign_assets::MarketRates;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Eligibility = ResourceRegistry;
	type Stake = ProviderSlashing;
	type AssetKind = super::foreign_assets::MarketAsset;
	type Leases = LeaseEscrow;
	type Forfeit = ProviderSlashing;
	type Treasury = super::treasury::TreasuryAccount;
	type OrderDeposit = market::OrderDeposit;
	type BidForfeit = market::BidForfeit;
	type MinBidWindow = ConstU32<10>;
	type MaxBidWindow = ConstU32<HOURS>;
	type MinLeaseBlocks = ConstU32<10>;
	type MinLeaseTerm = ConstU32<100>;
	// Akash accepts 20 bids per order. The order deposit pays for the book.
	type MaxBidsPerOrder = ConstU32<20>;
	type MaxRequiredAttributes = ConstU32<16>;
	type MaxAttributeKeyLen = ConstU32<32>;
	type MaxAttributeValueLen = ConstU32<64>;
	type MaxOpenOrdersPerTenant = ConstU32<32>;
	// The storage bound of a slot; it admits what the hook concludes in one
	// block (`BidMatching::expiries_admitted_per_block`), which may be less.
	type MaxExpiriesPerBlock = ConstU32<128>;
	type HookWeight = BidMatchingHookWeight;
	type MaxPageSize = ConstU32<100>;
	type MaxScreenPage = ConstU32<1_000>;
	type WeightInfo = crate::weights::pallet_bid_matching::WeightInfo<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = super::MarketBenchmarkHelper;
}
