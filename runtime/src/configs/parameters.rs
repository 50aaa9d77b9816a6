//! `pallet_parameters`: marketplace parameters that governance (root or a
//! Council majority) changes without a runtime upgrade. The marketplace
//! pallets read them through their `Config` (each static below is a `Get`).

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
		/// The bond a provider needs before it may bid.
		#[codec(index = 1)]
		pub static MinProviderBond: Balance = 1_000 * UNIT;
		/// Deposit a tenant holds for each open order record and its bid book.
		#[codec(index = 2)]
		pub static OrderDeposit: Balance = UNIT;
		/// What a provider forfeits of its bond when its bid counts (it is the
		/// best when the window ends, or someone evicts it) and it cannot serve.
		#[codec(index = 3)]
		pub static BidForfeit: Balance = 5 * UNIT;
		/// Deposit a tenant holds for each fault report.
		#[codec(index = 4)]
		pub static ReportDeposit: Balance = 10 * UNIT;
		/// Share of the bond slashed when a provider closes a lease early.
		#[codec(index = 5)]
		pub static EarlyCloseSlash: Perbill = Perbill::from_percent(5);
		/// Share of the bond slashed for an upheld "not delivered" report.
		#[codec(index = 6)]
		pub static NotDeliveredSlash: Perbill = Perbill::from_percent(10);
		/// Share of the bond slashed for an upheld "unavailable" report.
		#[codec(index = 7)]
		pub static UnavailableSlash: Perbill = Perbill::from_percent(5);
		/// Share of the bond slashed for an upheld "below spec" report.
		#[codec(index = 8)]
		pub static BelowSpecSlash: Perbill = Perbill::from_percent(2);
		/// Share of a slash paid to the tenant; the rest goes to the treasury.
		#[codec(index = 9)]
		pub static CompensationShare: Perbill = Perbill::from_percent(50);
		/// Blocks a provider has to dispute a fault report.
		#[codec(index = 10)]
		pub static DisputeWindow: BlockNumber = 2 * HOURS;
		/// Blocks the adjudicator has to decide a disputed report before it
		/// is dismissed.
		#[codec(index = 11)]
		pub static AdjudicationPeriod: BlockNumber = 7 * DAYS;
		/// Blocks after a lease closes during which its tenant may still
		/// report the provider. Unbonding (seven days) outlasts it, so the
		/// provider's stake is still there to slash.
		#[codec(index = 12)]
		pub static ReportGracePeriod: BlockNumber = DAYS;
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
