//! Pallet configurations, one file per pallet. Block limits shared by
//! several of them live here.

mod asset_rate;
mod asset_tx_payment;
mod aura;
mod authorship;
mod balances;
mod bid_matching;
mod collator_selection;
mod council;
mod cumulus_xcm;
pub mod foreign_assets;
mod lease_escrow;
#[cfg(feature = "runtime-benchmarks")]
mod market_benchmarks;
mod market_parameters;
mod message_queue;
mod multisig;
mod parachain_info;
mod parachain_system;
pub mod parameters;
pub mod provider_slashing;
pub mod proxy;
mod resource_registry;
mod session;
mod sudo;
mod system;
mod timestamp;
pub(crate) mod transaction_payment;
pub mod treasury;
mod utility;
mod weight_reclaim;
pub mod xcm_config;
mod xcmp_queue;

#[cfg(feature = "runtime-benchmarks")]
pub use market_benchmarks::MarketBenchmarkHelper;

use crate::*;
use frame_support::{
	dispatch::DispatchClass,
	parameter_types,
	weights::{constants::WEIGHT_REF_TIME_PER_SECOND, Weight},
};
use frame_system::limits::{BlockLength, BlockWeights};

/// Share of the block weight `on_initialize` hooks are expected to use; it
/// limits the weight of a single extrinsic.
const AVERAGE_ON_INITIALIZE_RATIO: Perbill = Perbill::from_percent(5);

/// Share of the block `Normal` extrinsics may fill; the rest is for
/// `Operational` ones.
pub const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);

/// Two seconds of execution per block (async backing) and the relay chain's
/// proof size limit.
pub const MAXIMUM_BLOCK_WEIGHT: Weight = Weight::from_parts(
	WEIGHT_REF_TIME_PER_SECOND.saturating_mul(2),
	cumulus_primitives_core::relay_chain::MAX_POV_SIZE as u64,
);

parameter_types! {
	pub RuntimeBlockLength: BlockLength =
		BlockLength::builder()
			.max_length(5 * 1024 * 1024)
			.modify_max_length_for_class(DispatchClass::Normal, |m| *m = NORMAL_DISPATCH_RATIO * *m)
			.build();
	pub RuntimeBlockWeights: BlockWeights = BlockWeights::builder()
		.base_block(frame_support::weights::constants::BlockExecutionWeight::get())
		.for_class(DispatchClass::all(), |weights| {
			weights.base_extrinsic = frame_support::weights::constants::ExtrinsicBaseWeight::get();
		})
		.for_class(DispatchClass::Normal, |weights| {
			weights.max_total = Some(NORMAL_DISPATCH_RATIO * MAXIMUM_BLOCK_WEIGHT);
		})
		.for_class(DispatchClass::Operational, |weights| {
			weights.max_total = Some(MAXIMUM_BLOCK_WEIGHT);
			// Operational extrinsics get in even when the block is full.
			weights.reserved = Some(
				MAXIMUM_BLOCK_WEIGHT - NORMAL_DISPATCH_RATIO * MAXIMUM_BLOCK_WEIGHT
			);
		})
		.avg_block_initialization(AVERAGE_ON_INITIALIZE_RATIO)
		.build_or_panic();
}
