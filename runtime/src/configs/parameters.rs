//! `pallet_parameters`: marketplace parameters that governance (root or a
//! Council majority) changes without a runtime upgrade. The marketplace
//! pallets read them through their `Config` (each static below is a `Get`).
//!
//! Governance sets them with `MarketParameters.set_parameter`, which refuses
//! a value outside the parameter's range ([`bounds`], also stated in each
//! parameter's doc) with `BelowMinimum` or `AboveMaximum`. No origin may set
//! them through `Parameters.set_parameter` directly, so the check cannot be
//! skipped.

use super::provider_slashing::UNBONDING_PERIOD;
use crate::*;
use frame_support::{
	dynamic_params::{dynamic_pallet_params, dynamic_params},
	traits::{AsEnsureOriginWithArg, NeverEnsureOrigin},
};
use pallet_market_parameters::{OutOfRange, ParameterBounds, Range};

/// The chain's dynamic parameters, grouped by the pallet that reads them.
#[dynamic_params(RuntimeParameters, pallet_parameters::Parameters::<Runtime>)]
pub mod dynamic_params {
	use super::*;

	/// Parameters of the compute marketplace.
	#[dynamic_pallet_params]
	#[codec(index = 0)]
	pub mod market {
		/// Share of every lease payment that goes to the treasury.
		/// Range: 0 to 20%.
		#[codec(index = 0)]
		pub static TakeRate: Perbill = Perbill::from_percent(2);
		/// The bond a provider needs before it may bid.
		/// Range: 1 to 10,000,000 STRA.
		#[codec(index = 1)]
		pub static MinProviderBond: Balance = 1_000 * UNIT;
		/// Deposit a tenant holds for each open order record and its bid book.
		/// Range: 10 mSTRA to 1,000 STRA.
		#[codec(index = 2)]
		pub static OrderDeposit: Balance = UNIT;
		/// What a provider forfeits of its bond when its bid counts (it is the
		/// best when the window ends, or someone evicts it) and it cannot serve.
		/// Range: 10 mSTRA to 10,000 STRA (never zero: a bid that jams an order costs its provider this).
		#[codec(index = 3)]
		pub static BidForfeit: Balance = 5 * UNIT;
		/// Deposit a tenant holds for each fault report.
		/// Range: 10 mSTRA to 10,000 STRA.
		#[codec(index = 4)]
		pub static ReportDeposit: Balance = 10 * UNIT;
		/// Share of the lease's slice of bond slashed when a provider closes
		/// it before its minimum term, never confirms it ready, or is
		/// unreachable when its tenant closes it.
		/// Range: 0 to 100%.
		#[codec(index = 5)]
		pub static EarlyCloseSlash: Perbill = Perbill::from_percent(50);
		/// Share of the lease's slice slashed for an upheld "not delivered"
		/// report.
		/// Range: 0 to 100%.
		#[codec(index = 6)]
		pub static NotDeliveredSlash: Perbill = Perbill::from_percent(100);
		/// Share of the lease's slice slashed for an upheld "unavailable"
		/// report.
		/// Range: 0 to 100%.
		#[codec(index = 7)]
		pub static UnavailableSlash: Perbill = Perbill::from_percent(50);
		/// Share of the lease's slice slashed for an upheld "below spec"
		/// report.
		/// Range: 0 to 100%.
		#[codec(index = 8)]
		pub static BelowSpecSlash: Perbill = Perbill::from_percent(20);
		/// Share of a slash paid to the tenant, never more than the lease
		/// cost it; the rest goes to the treasury.
		/// Range: 0 to 100%.
		#[codec(index = 9)]
		pub static CompensationShare: Perbill = Perbill::from_percent(50);
		/// Blocks a provider has to dispute a fault report.
		/// Range: 10 blocks (a minute) to 30 days.
		#[codec(index = 10)]
		pub static DisputeWindow: BlockNumber = 2 * HOURS;
		/// Blocks the adjudicator has to decide a disputed report before it
		/// is dismissed.
		/// Range: 10 blocks to 90 days.
		#[codec(index = 11)]
		pub static AdjudicationPeriod: BlockNumber = 7 * DAYS;
		/// Blocks after a lease closes during which its tenant may still
		/// report the provider.
		/// Range: 10 blocks to the unbonding period (7 days), so that the stake
		/// is still there to slash when the last report comes in.
		#[codec(index = 12)]
		pub static ReportGracePeriod: BlockNumber = DAYS;
		/// Blocks a provider has, from the block a lease opens, to confirm it
		/// ready before it closes `NotReady` (full refund, a slashed fault).
		/// Range: 10 blocks (a minute) to 1 day.
		#[codec(index = 13)]
		pub static ReadyWindow: BlockNumber = 30 * MINUTES;
		/// Blocks before an active lease runs dry that the chain announces it
		/// (`LeaseEscrow.LeaseRunningLow`), so that its tenant can top it up.
		/// Range: 10 blocks (a minute) to 7 days.
		#[codec(index = 14)]
		pub static RunningLowNotice: BlockNumber = HOURS;
		/// Blocks a provider may go without a heartbeat before it is
		/// unreachable (no new orders; its tenants may close at its cost).
		/// A heartbeat is free once per half interval.
		/// Range: 10 blocks (a minute) to 1 day.
		#[codec(index = 15)]
		pub static HeartbeatInterval: BlockNumber = HOURS;
		/// Blocks ahead a provider must announce a maintenance window.
		/// Range: 10 blocks to 7 days.
		#[codec(index = 16)]
		pub static MaintenanceNotice: BlockNumber = HOURS;
		/// The longest maintenance window, in blocks.
		/// Range: 10 blocks to 1 day.
		#[codec(index = 17)]
		pub static MaxMaintenance: BlockNumber = 6 * HOURS;
		/// The fewest blocks from the end of a provider's maintenance window
		/// to the start of its next.
		/// Range: 10 blocks to 30 days.
		#[codec(index = 18)]
		pub static MaintenanceSpacing: BlockNumber = 7 * DAYS;
		/// The slice of its provider's bond each lease commits, as a share
		/// of what its minimum term is worth (in STRA at the rate of its
		/// opening); every slash for the lease comes out of that slice.
		/// Range: 0 to 100%.
		#[codec(index = 19)]
		pub static LeaseStakeRatio: Perbill = Perbill::from_percent(100);
		/// The least slice of bond a lease commits, however little it is
		/// worth: a provider takes only as many leases as its free bond
		/// backs at this much each.
		/// Range: 10 mSTRA to 10,000 STRA.
		#[codec(index = 20)]
		pub static MinLeaseStake: Balance = 10 * UNIT;
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

/// The range of each market parameter, `min..=max`.
pub mod bounds {
	use super::*;

	pub const TAKE_RATE: Range<Perbill> = Range::new(Perbill::zero(), Perbill::from_percent(20));
	pub const MIN_PROVIDER_BOND: Range<Balance> = Range::new(UNIT, 10_000_000 * UNIT);
	pub const ORDER_DEPOSIT: Range<Balance> = Range::new(10 * MILLI_UNIT, 1_000 * UNIT);
	pub const BID_FORFEIT: Range<Balance> = Range::new(10 * MILLI_UNIT, 10_000 * UNIT);
	pub const REPORT_DEPOSIT: Range<Balance> = Range::new(10 * MILLI_UNIT, 10_000 * UNIT);
	/// Each of the four slash shares, of a lease's slice.
	pub const SLASH: Range<Perbill> = Range::new(Perbill::zero(), Perbill::one());
	pub const COMPENSATION_SHARE: Range<Perbill> = Range::new(Perbill::zero(), Perbill::one());
	pub const DISPUTE_WINDOW: Range<BlockNumber> = Range::new(10, 30 * DAYS);
	pub const ADJUDICATION_PERIOD: Range<BlockNumber> = Range::new(10, 90 * DAYS);
	pub const REPORT_GRACE_PERIOD: Range<BlockNumber> = Range::new(10, UNBONDING_PERIOD);
	pub const READY_WINDOW: Range<BlockNumber> = Range::new(10, DAYS);
	pub const RUNNING_LOW_NOTICE: Range<BlockNumber> = Range::new(10, 7 * DAYS);
	pub const HEARTBEAT_INTERVAL: Range<BlockNumber> = Range::new(10, DAYS);
	pub const MAINTENANCE_NOTICE: Range<BlockNumber> = Range::new(10, 7 * DAYS);
	pub const MAX_MAINTENANCE: Range<BlockNumber> = Range::new(10, DAYS);
	pub const MAINTENANCE_SPACING: Range<BlockNumber> = Range::new(10, 30 * DAYS);
	pub const LEASE_STAKE_RATIO: Range<Perbill> = Range::new(Perbill::zero(), Perbill::one());
	pub const MIN_LEASE_STAKE: Range<Balance> = Range::new(10 * MILLI_UNIT, 10_000 * UNIT);
}

/// [`bounds`], as `MarketParameters` asks for them.
pub struct MarketBounds;

impl ParameterBounds<RuntimeParametersValue> for MarketBounds {
	fn check(value: &RuntimeParametersValue) -> Result<(), OutOfRange> {
		use dynamic_params::market::ParametersValue as V;
		let RuntimeParametersValue::Market(value) = value;
		match value {
			V::TakeRate(v) => bounds::TAKE_RATE.check(v),
			V::MinProviderBond(v) => bounds::MIN_PROVIDER_BOND.check(v),
			V::OrderDeposit(v) => bounds::ORDER_DEPOSIT.check(v),
			V::BidForfeit(v) => bounds::BID_FORFEIT.check(v),
			V::ReportDeposit(v) => bounds::REPORT_DEPOSIT.check(v),
			V::EarlyCloseSlash(v)
			| V::NotDeliveredSlash(v)
			| V::UnavailableSlash(v)
			| V::BelowSpecSlash(v) => bounds::SLASH.check(v),
			V::CompensationShare(v) => bounds::COMPENSATION_SHARE.check(v),
			V::DisputeWindow(v) => bounds::DISPUTE_WINDOW.check(v),
			V::AdjudicationPeriod(v) => bounds::ADJUDICATION_PERIOD.check(v),
			V::ReportGracePeriod(v) => bounds::REPORT_GRACE_PERIOD.check(v),
			V::ReadyWindow(v) => bounds::READY_WINDOW.check(v),
			V::RunningLowNotice(v) => bounds::RUNNING_LOW_NOTICE.check(v),
			V::HeartbeatInterval(v) => bounds::HEARTBEAT_INTERVAL.check(v),
			V::MaintenanceNotice(v) => bounds::MAINTENANCE_NOTICE.check(v),
			V::MaxMaintenance(v) => bounds::MAX_MAINTENANCE.check(v),
			V::MaintenanceSpacing(v) => bounds::MAINTENANCE_SPACING.check(v),
			V::LeaseStakeRatio(v) => bounds::LEASE_STAKE_RATIO.check(v),
			V::MinLeaseStake(v) => bounds::MIN_LEASE_STAKE.check(v),
		}
	}
}

impl pallet_parameters::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeParameters = RuntimeParameters;
	/// Nobody: every parameter goes through `MarketParameters`' range check.
	type AdminOrigin = AsEnsureOriginWithArg<NeverEnsureOrigin<()>>;
	type WeightInfo = ();
}
