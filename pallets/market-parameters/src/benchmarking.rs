//! `set_parameter` reads and writes one stored parameter whatever the key,
//! so any parameter in range is its worst case. `accept_asset` and
//! `drop_asset` are measured with the list one short of full (and full),
//! the new asset's admission at its dearest (the runtime opens the
//! treasury's account of it), and the entry first in the list, so that
//! every other one moves.

use super::*;
use polkadot_sdk::{
	frame_benchmarking::v2::*,
	frame_support::{
		traits::{dynamic_params::AggregatedKeyValue, EnsureOrigin, Get},
		BoundedVec,
	},
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

	/// The list holding `count` admissible assets, seeds 1 to `count`.
	fn fill<T: Config>(count: u32) {
		let mut assets: alloc::vec::Vec<T::Asset> =
			(1..=count).map(T::Admission::admissible).collect();
		assets.sort();
		AcceptedAssets::<T>::put(BoundedVec::truncate_from(assets));
	}

	#[benchmark]
	fn accept_asset() -> Result<(), BenchmarkError> {
		let origin = <T as Config>::AdminOrigin::try_successful_origin()
			.map_err(|_| BenchmarkError::Weightless)?;
		let max = T::MaxAcceptedAssets::get();
		fill::<T>(max.saturating_sub(1));
		let asset = T::Admission::admissible(0);

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, Box::new(asset.clone()));

		assert!(AcceptedAssets::<T>::get().contains(&asset));
		Ok(())
	}

	#[benchmark]
	fn drop_asset() -> Result<(), BenchmarkError> {
		let origin = <T as Config>::AdminOrigin::try_successful_origin()
			.map_err(|_| BenchmarkError::Weightless)?;
		fill::<T>(T::MaxAcceptedAssets::get());
		let first =
			AcceptedAssets::<T>::get().first().cloned().ok_or(BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, Box::new(first.clone()));

		assert!(!AcceptedAssets::<T>::get().contains(&first));
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
