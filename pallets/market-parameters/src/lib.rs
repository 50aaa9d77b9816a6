//! # Market parameters
//!
//! The marketplace's governance parameters (take rate, deposits, slash
//! shares, the report windows) are dynamic parameters: `pallet_parameters`
//! stores them and the marketplace pallets read them through their `Config`,
//! so governance changes them without a runtime upgrade. A value can still
//! break the market: a dispute window of zero blocks puts new reports behind
//! the slashing hook's cursor, a report grace period longer than unbonding
//! lets a provider's stake leave before its tenant may report it.
//!
//! This pallet is the one way to set them. Its call, [`Pallet::set_parameter`],
//! takes the same key and value `pallet_parameters` does, asks the runtime's
//! [`Config::Bounds`] whether the value lies in the key's range, and refuses
//! it with [`Error::BelowMinimum`] or [`Error::AboveMaximum`] if not; a value
//! in range is stored in `pallet_parameters` and announced with that pallet's
//! own `Updated` event, so readers of the parameters see no difference. The
//! runtime lets no origin write the keys through `pallet_parameters` directly
//! (its `AdminOrigin` refuses them), so no value out of range is ever in force,
//! and `try_state` checks that every stored value is in range.
//!
//! Clearing a value (`None`) puts the parameter back to its default, which
//! the runtime keeps inside the range (its tests check every default).
//!
//! [`Range`] is an inclusive range of values and [`InForce`] a value with its
//! range, as the runtime API reports the parameters in force.
//!
//! ## The assets the market takes
//!
//! An order may be paid in STRA or in a foreign asset governance has
//! accepted: [`AcceptedAssets`], a sorted list of at most
//! [`Config::MaxAcceptedAssets`] assets. [`Pallet::accept_asset`] adds one
//! once the runtime's [`Config::Admission`] admits it: the asset must be
//! registered and have a rate, and the treasury must be able to receive it
//! (the runtime opens the treasury's account of it if it has none), each
//! refusal a named error. [`Pallet::drop_asset`] takes one off the list:
//! no new order may name it, and the orders and leases already in it run
//! to their end. [`Accepted`] answers, for the marketplace pallets, whether
//! an asset is on the list.

#![cfg_attr(not(feature = "std"), no_std)]

pub use pallet::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod weights;

extern crate alloc;

use alloc::boxed::Box;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use polkadot_sdk::{frame_support::traits::dynamic_params::AggregatedKeyValue, pallet_parameters};
use scale_info::TypeInfo;

/// The value type of the runtime's parameters (every key's value, in one enum).
pub type ValueOf<T> =
	<<T as pallet_parameters::Config>::RuntimeParameters as AggregatedKeyValue>::Value;

/// On which side of its range a value falls.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum OutOfRange {
	/// Below the range's minimum.
	BelowMinimum,
	/// Above the range's maximum.
	AboveMaximum,
}

/// Why the market may not take an asset.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum AssetRefusal {
	/// No such asset is registered.
	Unregistered,
	/// Governance has set no rate for it, and the market converts its
	/// deposits into the asset at that rate.
	NoRate,
	/// The treasury has no account of it and could not open one, so the
	/// take rate could not be paid to it.
	TreasuryCannotReceive,
}

/// The runtime's word on an asset the market is asked to take.
pub trait AssetAdmission<Asset> {
	/// `Ok` if the market may take `asset`, having readied what it needs
	/// (the runtime opens the treasury's account of it); else why not.
	fn admit(asset: &Asset) -> Result<(), AssetRefusal>;

	/// An asset `admit` accepts, made so at the most cost to `admit`, for
	/// the benchmarks.
	#[cfg(feature = "runtime-benchmarks")]
	fn admissible(seed: u32) -> Asset;
}

/// The values governance may give each parameter.
pub trait ParameterBounds<Value> {
	/// `Ok` if `value` (which names its parameter) lies in its parameter's range.
	fn check(value: &Value) -> Result<(), OutOfRange>;
}

/// An inclusive range of values, `min..=max`.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
)]
pub struct Range<V> {
	/// The smallest value allowed.
	pub min: V,
	/// The largest value allowed.
	pub max: V,
}

impl<V: PartialOrd + Copy> Range<V> {
	/// The values from `min` to `max`, both included.
	pub const fn new(min: V, max: V) -> Self {
		Self { min, max }
	}

	/// `Ok` if `value` lies in the range, else which side it falls out on.
	pub fn check(&self, value: &V) -> Result<(), OutOfRange> {
		if *value < self.min {
			Err(OutOfRange::BelowMinimum)
		} else if *value > self.max {
			Err(OutOfRange::AboveMaximum)
		} else {
			Ok(())
		}
	}

	/// `value` reported with this range.
	pub fn in_force(&self, value: V) -> InForce<V> {
		InForce { value, min: self.min, max: self.max }
	}
}

/// A parameter's value in force and the range governance may set it in.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
)]
pub struct InForce<V> {
	/// The value in force: the one set, or the default.
	pub value: V,
	/// The smallest value governance may set.
	pub min: V,
	/// The largest value governance may set.
	pub max: V,
}

#[polkadot_sdk::frame_support::pallet]
pub mod pallet {
	use super::*;
	use polkadot_sdk::{
		frame_support::pallet_prelude::*,
		frame_system::{self, pallet_prelude::*},
	};

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config:
		polkadot_sdk::frame_system::Config<RuntimeEvent: From<Event<Self>>>
		+ pallet_parameters::Config
	{
		/// Who may set a parameter and accept or drop an asset (governance).
		type AdminOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// The range of each parameter.
		type Bounds: ParameterBounds<ValueOf<Self>>;
		/// A foreign asset the market may be asked to take.
		type Asset: Parameter + MaxEncodedLen + Ord;
		/// Whether an asset may be accepted.
		type Admission: AssetAdmission<Self::Asset>;
		/// The most foreign assets the market takes at once.
		#[pallet::constant]
		type MaxAcceptedAssets: Get<u32>;
		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
	}

	/// The foreign assets an order may be paid in, sorted (STRA is always
	/// taken and not listed).
	#[pallet::storage]
	pub type AcceptedAssets<T: Config> =
		StorageValue<_, BoundedVec<T::Asset, T::MaxAcceptedAssets>, ValueQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// New orders may be paid in `asset`.
		AssetAccepted { asset: T::Asset },
		/// No new order may be paid in `asset`; those already in it run on.
		AssetDropped { asset: T::Asset },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The value is below the smallest the parameter allows (its doc says
		/// its range; `computeMarketApi.marketParameters` reports it).
		BelowMinimum,
		/// The value is above the largest the parameter allows.
		AboveMaximum,
		/// No such asset is registered (`foreignAssets`).
		UnregisteredAsset,
		/// The asset has no rate (`assetRate.create` first): the market
		/// converts deposits into it at that rate.
		NoRate,
		/// The treasury cannot receive the asset: it has no account of it
		/// and could not pay the deposit that opens one.
		TreasuryCannotReceive,
		/// The asset is accepted already.
		AlreadyAccepted,
		/// The asset is not accepted.
		NotAccepted,
		/// The market takes as many assets as it may; drop one first.
		TooManyAssets,
	}

	impl<T> From<AssetRefusal> for Error<T> {
		fn from(refusal: AssetRefusal) -> Self {
			match refusal {
				AssetRefusal::Unregistered => Error::UnregisteredAsset,
				AssetRefusal::NoRate => Error::NoRate,
				AssetRefusal::TreasuryCannotReceive => Error::TreasuryCannotReceive,
			}
		}
	}

	impl<T> From<OutOfRange> for Error<T> {
		fn from(out: OutOfRange) -> Self {
			match out {
				OutOfRange::BelowMinimum => Error::BelowMinimum,
				OutOfRange::AboveMaximum => Error::AboveMaximum,
			}
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Set the parameter `key_value` names to its value, or back to its
		/// default if the value is `None`. Refused with `BelowMinimum` or
		/// `AboveMaximum` if the value is out of the parameter's range.
		/// Emits `Parameters.Updated`.
		#[pallet::call_index(0)]
		#[pallet::weight(<T as Config>::WeightInfo::set_parameter())]
		pub fn set_parameter(
			origin: OriginFor<T>,
			key_value: T::RuntimeParameters,
		) -> DispatchResult {
			<T as Config>::AdminOrigin::ensure_origin(origin)?;
			Self::do_set_parameter(key_value)
		}

		/// Let new orders be paid in `asset`. Refused with
		/// `UnregisteredAsset`, `NoRate` or `TreasuryCannotReceive` as the
		/// runtime finds it, `AlreadyAccepted`, or `TooManyAssets`. Opens the
		/// treasury's account of the asset if it has none (the runtime pays
		/// its deposit from the treasury). Emits `AssetAccepted`.
		#[pallet::call_index(1)]
		#[pallet::weight(<T as Config>::WeightInfo::accept_asset())]
		pub fn accept_asset(origin: OriginFor<T>, asset: Box<T::Asset>) -> DispatchResult {
			<T as Config>::AdminOrigin::ensure_origin(origin)?;
			let mut accepted = AcceptedAssets::<T>::get();
			let at = match accepted.binary_search(&asset) {
				Ok(_) => return Err(Error::<T>::AlreadyAccepted.into()),
				Err(at) => at,
			};
			// A full list is refused before the admission opens anything.
			ensure!(!accepted.is_full(), Error::<T>::TooManyAssets);
			T::Admission::admit(&asset).map_err(Error::<T>::from)?;
			accepted.try_insert(at, (*asset).clone()).map_err(|_| Error::<T>::TooManyAssets)?;
			AcceptedAssets::<T>::put(accepted);
			Self::deposit_event(Event::AssetAccepted { asset: *asset });
			Ok(())
		}

		/// Stop new orders being paid in `asset`; the orders and leases in
		/// it run to their end. Refused with `NotAccepted`. Emits
		/// `AssetDropped`.
		#[pallet::call_index(2)]
		#[pallet::weight(<T as Config>::WeightInfo::drop_asset())]
		pub fn drop_asset(origin: OriginFor<T>, asset: Box<T::Asset>) -> DispatchResult {
			<T as Config>::AdminOrigin::ensure_origin(origin)?;
			AcceptedAssets::<T>::try_mutate(|accepted| {
				let at = accepted.binary_search(&asset).map_err(|_| Error::<T>::NotAccepted)?;
				accepted.remove(at);
				Ok::<_, Error<T>>(())
			})?;
			Self::deposit_event(Event::AssetDropped { asset: *asset });
			Ok(())
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(
			_n: BlockNumberFor<T>,
		) -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	impl<T: Config> Pallet<T> {
		/// Checks the value's range, then stores it as `pallet_parameters`
		/// would and emits its event.
		pub(crate) fn do_set_parameter(key_value: T::RuntimeParameters) -> DispatchResult {
			let (key, new_value) = key_value.into_parts();
			if let Some(value) = &new_value {
				T::Bounds::check(value).map_err(Error::<T>::from)?;
			}
			let old_value = pallet_parameters::Parameters::<T>::mutate(&key, |stored| {
				core::mem::replace(stored, new_value.clone())
			});
			let event = pallet_parameters::Event::<T>::Updated { key, old_value, new_value };
			frame_system::Pallet::<T>::deposit_event(
				<T as pallet_parameters::Config>::RuntimeEvent::from(event).into(),
			);
			Ok(())
		}

		/// Every stored parameter lies in its range, and the accepted assets
		/// are sorted with none twice.
		pub fn do_try_state() -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
			for (_key, value) in pallet_parameters::Parameters::<T>::iter() {
				ensure!(T::Bounds::check(&value).is_ok(), "a stored parameter is out of range");
			}
			ensure!(
				AcceptedAssets::<T>::get().windows(2).all(|pair| pair[0] < pair[1]),
				"the accepted assets are not sorted and distinct"
			);
			Ok(())
		}
	}
}

/// Whether the market takes a foreign asset: it is in [`AcceptedAssets`].
pub struct Accepted<T>(core::marker::PhantomData<T>);
impl<T: Config> polkadot_sdk::frame_support::traits::Contains<T::Asset> for Accepted<T> {
	fn contains(asset: &T::Asset) -> bool {
		AcceptedAssets::<T>::get().binary_search(asset).is_ok()
	}
}
