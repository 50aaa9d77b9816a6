//! `pallet_parameters`: marketplace parameters that governance (root or a
//! Council majority) changes without a runtime upgrade.

use super::council::RootOrCouncilMajority;
use crate::*;
use frame_support::{
	dynamic_params::{dynamic_pallet_params, dynamic_params},
	traits::AsEnsureOriginWithArg,
};

/// The chain's dynamic parameters, grouped by the pallet that reads them.
#[dynamic_params(RuntimeParameters, pallet_parameters::Parameters::<Runtime>)]
pub mod dynamic_params {
	use super::*;

	/// Parameters of the compute marketplace.
	#[dynamic_pallet_params]
	#[codec(index = 0)]
	pub mod market {
		/// Share of every lease payment that goes to the treasury.
		#[codec(index = 0)]
		pub static TakeRate: Perbill = Perbill::from_percent(2);
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl Default for RuntimeParameters {
	fn default() -> Self {
		RuntimeParameters::Market(dynamic_params::market::Parameters::TakeRate(
			dynamic_params::market::TakeRate,
			Some(Perbill::from_percent(2)),
		))
	}
}

impl pallet_parameters::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeParameters = RuntimeParameters;
	type AdminOrigin = AsEnsureOriginWithArg<RootOrCouncilMajority>;
	type WeightInfo = ();
}
