//! A small runtime for the tests: System, `pallet_parameters` with two
//! parameters, and this pallet guarding them.

use crate::{
	self as pallet_market_parameters, AssetAdmission, AssetRefusal, OutOfRange, ParameterBounds,
	Range,
};
use polkadot_sdk::{
	frame_support::{
		self, derive_impl,
		dynamic_params::{dynamic_pallet_params, dynamic_params},
		traits::{AsEnsureOriginWithArg, ConstU32, NeverEnsureOrigin},
	},
	frame_system::{self, EnsureRoot},
	pallet_parameters, sp_io,
	sp_runtime::{BuildStorage, Perbill},
};

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Parameters: pallet_parameters,
		MarketParameters: pallet_market_parameters,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

#[dynamic_params(RuntimeParameters, pallet_parameters::Parameters::<Test>)]
pub mod dynamic_params {
	use super::*;

	#[dynamic_pallet_params]
	#[codec(index = 0)]
	pub mod market {
		#[codec(index = 0)]
		pub static TakeRate: Perbill = Perbill::from_percent(2);
		#[codec(index = 1)]
		pub static DisputeWindow: u64 = 100;
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl Default for RuntimeParameters {
	fn default() -> Self {
		RuntimeParameters::Market(dynamic_params::market::Parameters::TakeRate(
			dynamic_params::market::TakeRate,
			Some(Perbill::from_percent(3)),
		))
	}
}

pub const TAKE_RATE: Range<Perbill> = Range::new(Perbill::zero(), Perbill::from_percent(20));
pub const DISPUTE_WINDOW: Range<u64> = Range::new(10, 1_000);

/// The mock's ranges.
pub struct MockBounds;
impl ParameterBounds<RuntimeParametersValue> for MockBounds {
	fn check(value: &RuntimeParametersValue) -> Result<(), OutOfRange> {
		use dynamic_params::market::ParametersValue as V;
		match value {
			RuntimeParametersValue::Market(V::TakeRate(v)) => TAKE_RATE.check(v),
			RuntimeParametersValue::Market(V::DisputeWindow(v)) => DISPUTE_WINDOW.check(v),
		}
	}
}

#[derive_impl(pallet_parameters::config_preludes::TestDefaultConfig)]
impl pallet_parameters::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeParameters = RuntimeParameters;
	type AdminOrigin = AsEnsureOriginWithArg<NeverEnsureOrigin<()>>;
}

/// The mock's assets: below 40 admitted; 40 to 49 the treasury cannot
/// receive; 50 to 99 have no rate; from 100 none is registered.
pub struct MockAdmission;
impl AssetAdmission<u32> for MockAdmission {
	fn admit(asset: &u32) -> Result<(), AssetRefusal> {
		match asset {
			0..40 => Ok(()),
			40..50 => Err(AssetRefusal::TreasuryCannotReceive),
			50..100 => Err(AssetRefusal::NoRate),
			_ => Err(AssetRefusal::Unregistered),
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn admissible(seed: u32) -> u32 {
		seed % 40
	}
}

/// The most assets the mock's market takes.
pub const MAX_ASSETS: u32 = 3;

impl pallet_market_parameters::Config for Test {
	type AdminOrigin = EnsureRoot<u64>;
	type Bounds = MockBounds;
	type Asset = u32;
	type Admission = MockAdmission;
	type MaxAcceptedAssets = ConstU32<MAX_ASSETS>;
	type WeightInfo = ();
}

pub fn new_test_ext() -> sp_io::TestExternalities {
	let storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs `test`, then checks that every stored parameter is in range.
pub fn run_test(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		MarketParameters::do_try_state().expect("try_state");
	});
}
