//! `pallet_market_parameters`: governance sets the market parameters of
//! `Parameters` through it, each checked against its range.

use super::{council::RootOrCouncilMajority, parameters::MarketBounds};
use crate::*;

impl pallet_market_parameters::Config for Runtime {
	type AdminOrigin = RootOrCouncilMajority;
	type Bounds = MarketBounds;
	type WeightInfo = crate::weights::pallet_market_parameters::WeightInfo<Runtime>;
}
