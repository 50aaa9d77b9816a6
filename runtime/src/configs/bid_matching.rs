//! `pallet_bid_matching`: orders, bids and the reverse auction.

use super::parameters::dynamic_params::market;
use crate::*;
use frame_support::traits::ConstU32;

impl pallet_bid_matching::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Registry = ResourceRegistry;
	type Stake = ProviderSlashing;
	type Leases = LeaseEscrow;
	type OrderDeposit = market::OrderDeposit;
	type BidDeposit = market::BidDeposit;
	type MinBidWindow = ConstU32<10>;
	type MaxBidWindow = ConstU32<HOURS>;
	type MinLeaseBlocks = ConstU32<10>;
	type MinLeaseTerm = ConstU32<100>;
	// Akash accepts 20 bids per order.
	type MaxBidsPerOrder = ConstU32<20>;
	type MaxRequiredAttributes = ConstU32<16>;
	type MaxAttributeKeyLen = ConstU32<32>;
	type MaxAttributeValueLen = ConstU32<64>;
	type MaxOpenOrdersPerTenant = ConstU32<32>;
	type MaxExpiriesPerBlock = ConstU32<64>;
	// Settling an order with 20 bids weighs about 13.5 ms and 92 kB of proof
	// (docs/PERFORMANCE.md): 5 per block keep the hook under 5% of a block's
	// 2 s and 10 MiB. That is 50 orders a minute; orders past the bound wait
	// for the next block with their bids and budget held, nothing is lost.
	type MaxMatchesPerBlock = ConstU32<5>;
	type MaxSlotsPerBlock = ConstU32<8>;
	type MaxPageSize = ConstU32<100>;
	type WeightInfo = crate::weights::pallet_bid_matching::WeightInfo<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = super::MarketBenchmarkHelper;
}
