//! `pallet_transaction_payment`: fees by weight and length, paid to the
//! treasury.

use crate::*;
use frame_support::{
	parameter_types,
	traits::{tokens::imbalance::ResolveTo, ConstU8},
	weights::{
		constants::ExtrinsicBaseWeight, ConstantMultiplier, WeightToFeeCoefficient,
		WeightToFeeCoefficients, WeightToFeePolynomial,
	},
};
use polkadot_runtime_common::SlowAdjustingFeeUpdate;

parameter_types! {
	/// A tenth of a milli-STRA per byte of transaction.
	pub const TransactionByteFee: Balance = MICRO_UNIT * 100;
}

/// Maps the weight of the lightest extrinsic to a tenth of a milli-STRA,
/// linearly above it.
pub struct WeightToFee;
impl WeightToFeePolynomial for WeightToFee {
	type Balance = Balance;
	fn polynomial() -> WeightToFeeCoefficients<Self::Balance> {
		let p = MILLI_UNIT / 10;
		let q = Balance::from(ExtrinsicBaseWeight::get().ref_time());
		smallvec::smallvec![WeightToFeeCoefficient {
			degree: 1,
			negative: false,
			coeff_frac: Perbill::from_rational(p % q, q),
			coeff_integer: p / q,
		}]
	}
}

impl pallet_transaction_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type OnChargeTransaction = pallet_transaction_payment::FungibleAdapter<
		Balances,
		ResolveTo<super::treasury::TreasuryAccount, Balances>,
	>;
	type WeightToFee = WeightToFee;
	type LengthToFee = ConstantMultiplier<Balance, TransactionByteFee>;
	type FeeMultiplierUpdate = SlowAdjustingFeeUpdate<Self>;
	type OperationalFeeMultiplier = ConstU8<5>;
	type WeightInfo = pallet_transaction_payment::weights::SubstrateWeight<Runtime>;
}
