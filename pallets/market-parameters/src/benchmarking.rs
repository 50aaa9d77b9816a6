//! The one call's benchmark: it reads and writes one stored parameter
//! whatever the key, so any parameter in range is its worst case.

use super::*;
use polkadot_sdk::{
	frame_benchmarking::v2::*,
	frame_support::traits::{dynamic_params::AggregatedKeyValue, EnsureOrigin},
};

#[benchmarks(where T::RuntimeParameters: Default)]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn set_parameter() -> Result<(), BenchmarkError> {
		let origin = <T as Config>::AdminOrigin::try_successful_origin()
			.map_err(|_| BenchmarkError::Weightless)?;
		let key_value = T::RuntimeParameters::default();
		let (key, _) = key_value.clone().into_parts();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, key_value);

		assert!(pallet_parameters::Parameters::<T>::contains_key(key));
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
