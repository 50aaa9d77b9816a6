//! `pallet_treasury`: the chain's purse. Transaction fees and, later, the
//! marketplace's take rate flow into it; the Council spends from it.

use super::council::RootOrCouncilMajority;
use crate::*;
use frame_support::{
	parameter_types,
	traits::{
		tokens::{pay::PayFromAccount, UnityAssetBalanceConversion},
		ConstU32,
	},
	PalletId,
};
use frame_system::EnsureRootWithSuccess;
use sp_runtime::traits::{AccountIdConversion, IdentityLookup};

parameter_types! {
	pub const TreasuryPalletId: PalletId = PalletId(*b"py/trsry");
	pub TreasuryAccount: AccountId = TreasuryPalletId::get().into_account_truncating();
	pub const SpendPeriod: BlockNumber = 6 * DAYS;
	pub const PayoutPeriod: BlockNumber = 30 * DAYS;
	pub const MaxSpend: Balance = Balance::MAX;
	pub const NoBurn: Permill = Permill::zero();
}

impl pallet_treasury::Config for Runtime {
	type Currency = Balances;
	type RejectOrigin = RootOrCouncilMajority;
	type RuntimeEvent = RuntimeEvent;
	type SpendPeriod = SpendPeriod;
	type Burn = NoBurn;
	type PalletId = TreasuryPalletId;
	type BurnDestination = ();
	type WeightInfo = pallet_treasury::weights::SubstrateWeight<Runtime>;
	type SpendFunds = ();
	type MaxApprovals = ConstU32<100>;
	type SpendOrigin = EnsureRootWithSuccess<AccountId, MaxSpend>;
	type AssetKind = ();
	type Beneficiary = AccountId;
	type BeneficiaryLookup = IdentityLookup<AccountId>;
	type Paymaster = PayFromAccount<Balances, TreasuryAccount>;
	type BalanceConverter = UnityAssetBalanceConversion;
	type PayoutPeriod = PayoutPeriod;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
	type BlockNumberProvider = System;
}
