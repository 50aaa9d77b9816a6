//! `ComputeMarketApi`: what a dApp reads about the marketplace, over
//! JSON-RPC `state_call` (polkadot.js: `api.call.computeMarketApi.*`).
//!
//! Every list is paged: pass the last key of a page as `start_after` to get
//! the next one; `limit` is capped by the pallet's `MaxPageSize`. Lists are
//! read from the pallets' maps and index maps, never by scanning all leases.

use crate::{
	configs::parameters::{bounds, dynamic_params::market},
	AccountId, Balance, BlockNumber, Runtime,
};
use alloc::vec::Vec;
use codec::{Decode, Encode};
use pallet_market_parameters::InForce;
use polkadot_sdk::frame_support::traits::Get;
use polkadot_sdk::{
	sp_api,
	sp_runtime::{DispatchError, Perbill},
};
use scale_info::TypeInfo;
use stratus_primitives::{LeaseId, OrderId, Resources, TrackRequirements};

/// A provider record: capacity, what is allocated, attributes, host URI,
/// status, jail, running leases and deposit.
pub type ProviderView = pallet_resource_registry::ProviderViewOf<Runtime>;
/// An open order.
pub type OrderView = pallet_bid_matching::views::OrderViewOf<Runtime>;
/// An open bid.
pub type BidView = pallet_bid_matching::views::BidViewOf<Runtime>;
/// A lease with its balance now, what settling now would pay, and the block
/// it runs dry.
pub type LeaseView = pallet_lease_escrow::LeaseViewOf<Runtime>;
/// One page of screening an order: the providers that could bid on it now,
/// and how many the page excluded for each reason.
pub type ScreenView = pallet_bid_matching::views::ScreenViewOf<Runtime>;
/// The attributes an order requires, as `create_order` takes them.
pub type RequiredAttributes = pallet_bid_matching::RequiredAttributesOf<Runtime>;
/// A provider's bond, unbonding chunks, fault count and jail.
pub type StakeView = pallet_provider_slashing::BondOf<Runtime>;

/// What a provider has done and the score derived from it, as of the
/// block read.
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct ProviderStatsView {
	/// The block of its current registration, if it is registered.
	pub registered_at: Option<BlockNumber>,
	/// Its track record, its evidence decayed to the block read; empty for
	/// a provider that has closed no lease yet.
	pub record: pallet_provider_slashing::TrackRecordOf<Runtime>,
	/// `(U + good) / (2·U + good + bad)`: 50 % with no history (see the
	/// provider-slashing crate docs, `track_record`).
	pub score: Perbill,
}

impl ProviderStatsView {
	/// The stats of `who`, if it is registered or has a track record.
	pub fn of(who: &AccountId) -> Option<Self> {
		let registered_at =
			crate::ResourceRegistry::provider(who).map(|provider| provider.registered_at);
		let record = crate::ProviderSlashing::track_record(who);
		if registered_at.is_none() && record.is_none() {
			return None;
		}
		let record = record.unwrap_or_default();
		let score = crate::ProviderSlashing::score(&record);
		Some(Self { registered_at, record, score })
	}
}

/// Every market parameter in force (the value governance set, or its
/// default) with the range `MarketParameters.set_parameter` accepts for it.
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct MarketParametersView {
	/// Share of every lease payment that goes to the treasury.
	pub take_rate: InForce<Perbill>,
	/// The bond a provider needs before it may bid.
	pub min_provider_bond: InForce<Balance>,
	/// Deposit held for each open order.
	pub order_deposit: InForce<Balance>,
	/// What a provider forfeits when its counted bid cannot serve.
	pub bid_forfeit: InForce<Balance>,
	/// Deposit held for each fault report.
	pub report_deposit: InForce<Balance>,
	/// Share of a lease's slice slashed when a provider closes it early,
	/// never confirms it ready, or is unreachable when its tenant closes.
	pub early_close_slash: InForce<Perbill>,
	/// Share of a lease's slice slashed for an upheld "not delivered" report.
	pub not_delivered_slash: InForce<Perbill>,
	/// Share of a lease's slice slashed for an upheld "unavailable" report.
	pub unavailable_slash: InForce<Perbill>,
	/// Share of a lease's slice slashed for an upheld "below spec" report.
	pub below_spec_slash: InForce<Perbill>,
	/// Share of a slash paid to the tenant (never more than the lease cost it).
	pub compensation_share: InForce<Perbill>,
	/// Blocks a provider has to dispute a report.
	pub dispute_window: InForce<BlockNumber>,
	/// Blocks the adjudicator has to decide a disputed report.
	pub adjudication_period: InForce<BlockNumber>,
	/// Blocks after a lease closes during which its tenant may report it.
	pub report_grace_period: InForce<BlockNumber>,
	/// Blocks a provider has to confirm a new lease ready.
	pub ready_window: InForce<BlockNumber>,
	/// Blocks before a lease runs dry that the chain announces it.
	pub running_low_notice: InForce<BlockNumber>,
	/// Blocks a provider may go without a heartbeat before it is unreachable.
	pub heartbeat_interval: InForce<BlockNumber>,
	/// Blocks ahead a provider must announce a maintenance window.
	pub maintenance_notice: InForce<BlockNumber>,
	/// The longest maintenance window, in blocks.
	pub max_maintenance: InForce<BlockNumber>,
	/// The fewest blocks between two maintenance windows of a provider.
	pub maintenance_spacing: InForce<BlockNumber>,
	/// The slice of its provider's bond a lease commits, as a share of its
	/// minimum term's worth.
	pub lease_stake_ratio: InForce<Perbill>,
	/// The least slice of bond a lease commits.
	pub min_lease_stake: InForce<Balance>,
}

impl MarketParametersView {
	/// The parameters in force now.
	pub fn in_force() -> Self {
		Self {
			take_rate: bounds::TAKE_RATE.in_force(market::TakeRate::get()),
			min_provider_bond: bounds::MIN_PROVIDER_BOND.in_force(market::MinProviderBond::get()),
			order_deposit: bounds::ORDER_DEPOSIT.in_force(market::OrderDeposit::get()),
			bid_forfeit: bounds::BID_FORFEIT.in_force(market::BidForfeit::get()),
			report_deposit: bounds::REPORT_DEPOSIT.in_force(market::ReportDeposit::get()),
			early_close_slash: bounds::SLASH.in_force(market::EarlyCloseSlash::get()),
			not_delivered_slash: bounds::SLASH.in_force(market::NotDeliveredSlash::get()),
			unavailable_slash: bounds::SLASH.in_force(market::UnavailableSlash::get()),
			below_spec_slash: bounds::SLASH.in_force(market::BelowSpecSlash::get()),
			compensation_share: bounds::COMPENSATION_SHARE
				.in_force(market::CompensationShare::get()),
			dispute_window: bounds::DISPUTE_WINDOW.in_force(market::DisputeWindow::get()),
			adjudication_period: bounds::ADJUDICATION_PERIOD
				.in_force(market::AdjudicationPeriod::get()),
			report_grace_period: bounds::REPORT_GRACE_PERIOD
				.in_force(market::ReportGracePeriod::get()),
			ready_window: bounds::READY_WINDOW.in_force(market::ReadyWindow::get()),
			running_low_notice: bounds::RUNNING_LOW_NOTICE
				.in_force(market::RunningLowNotice::get()),
			heartbeat_interval: bounds::HEARTBEAT_INTERVAL
				.in_force(market::HeartbeatInterval::get()),
			maintenance_notice: bounds::MAINTENANCE_NOTICE
				.in_force(market::MaintenanceNotice::get()),
			max_maintenance: bounds::MAX_MAINTENANCE.in_force(market::MaxMaintenance::get()),
			maintenance_spacing: bounds::MAINTENANCE_SPACING
				.in_force(market::MaintenanceSpacing::get()),
			lease_stake_ratio: bounds::LEASE_STAKE_RATIO.in_force(market::LeaseStakeRatio::get()),
			min_lease_stake: bounds::MIN_LEASE_STAKE.in_force(market::MinLeaseStake::get()),
		}
	}
}

sp_api::decl_runtime_apis! {
	/// Read access to the compute marketplace.
	pub trait ComputeMarketApi {
		/// The provider record of `who`, if registered.
		fn provider(who: AccountId) -> Option<ProviderView>;
		/// A page of providers, in storage order, after the account `start_after`.
		fn providers(start_after: Option<AccountId>, limit: u32) -> Vec<(AccountId, ProviderView)>;
		/// The open order `order_id`, if there is one.
		fn order(order_id: OrderId) -> Option<OrderView>;
		/// A page of open orders, after the order `start_after`.
		fn open_orders(start_after: Option<OrderId>, limit: u32) -> Vec<(OrderId, OrderView)>;
		/// The bids in `order_id`'s book, best first.
		fn bids(order_id: OrderId) -> Vec<(AccountId, BidView)>;
		/// The active lease `lease_id` with its live figures.
		fn lease(lease_id: LeaseId) -> Option<LeaseView>;
		/// A page of the active leases `tenant` pays for, after the lease `start_after`.
		fn leases_by_tenant(tenant: AccountId, start_after: Option<LeaseId>, limit: u32) -> Vec<LeaseView>;
		/// A page of the active leases `provider` serves, after the lease `start_after`.
		fn leases_by_provider(provider: AccountId, start_after: Option<LeaseId>, limit: u32) -> Vec<LeaseView>;
		/// The stake of `who`, if it has bonded.
		fn stake(who: AccountId) -> Option<StakeView>;
		/// Every market parameter in force, defaults filled in, with its range.
		fn market_parameters() -> MarketParametersView;
		/// What `who` has done as a provider and its score, if it is
		/// registered or ever closed a lease.
		fn provider_stats(who: AccountId) -> Option<ProviderStatsView>;
		/// Which providers could bid now on an order with these terms, a
		/// page (at most 1,000) at a time after the provider `start_after`,
		/// and how many of the page each check excluded. The terms are
		/// checked as `create_order` checks them. About 4,000 providers a
		/// second of execution (`docs/PERFORMANCE.md`).
		#[allow(clippy::too_many_arguments)]
		fn screen_order(
			resources: Resources,
			attributes: RequiredAttributes,
			auditor: Option<AccountId>,
			max_price: Balance,
			requirements: TrackRequirements,
			start_after: Option<AccountId>,
			limit: u32,
		) -> Result<ScreenView, DispatchError>;
	}
}
