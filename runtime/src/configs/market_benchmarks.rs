//! What the marketplace pallets' benchmarks need from the other three:
//! registered, bonded providers and open leases, made through the real
//! pallets of this runtime. Built only with `runtime-benchmarks`.

use super::{foreign_assets::MarketAsset, parameters::dynamic_params::market};
use crate::*;
use alloc::vec::Vec;
use frame_support::traits::{fungible::Mutate, Get};
use stratus_primitives::{
	AttributeRef, LeaseId, LeaseManager, LeaseTerms, ManifestHash, ProviderStake, Resources,
	TrackRequirements,
};

/// Sets up providers and leases for the marketplace benchmarks.
pub struct MarketBenchmarkHelper;

/// The sibling whose location names the market benchmarks' asset.
const MARKET_ASSET_SEED: u32 = 4_000;

/// Gives `who` enough to pay every deposit and bond a benchmark asks for.
fn fund(who: &AccountId) {
	let amount = market::MinProviderBond::get().saturating_mul(10).saturating_add(1_000 * UNIT);
	// Benchmark set-up only: a failure here is a broken benchmark, not a chain state.
	Balances::mint_into(who, amount).expect("minting into a benchmark account works");
}

/// Registers `who` with `capacity` and `attributes`, and bonds the minimum.
fn register_and_bond(who: &AccountId, capacity: Resources, attributes: &[AttributeRef<'_>]) {
	fund(who);
	let attributes: Vec<pallet_resource_registry::AttributeOf<Runtime>> = attributes
		.iter()
		.map(|(key, value)| pallet_resource_registry::Attribute {
			key: key.to_vec().try_into().expect("benchmark keys fit the bound"),
			value: value.to_vec().try_into().expect("benchmark values fit the bound"),
		})
		.collect();
	ResourceRegistry::register_provider(
		RuntimeOrigin::signed(who.clone()),
		capacity,
		attributes.try_into().expect("benchmark attributes fit the bound"),
		b"https://provider.example".to_vec().try_into().expect("the URI fits the bound"),
	)
	.expect("a funded account registers");
	ProviderSlashing::bond(RuntimeOrigin::signed(who.clone()), market::MinProviderBond::get())
		.expect("a funded provider bonds");
}

/// Third-party deposits on each lease the slashing benchmarks report.
const THIRD_PARTIES: u32 = 15;

/// Capacity for one benchmark lease.
const LEASE_RESOURCES: Resources =
	Resources { cpu_millicores: 1_000, memory_mib: 1_024, storage_gib: 10, gpu_units: 0 };

/// Gives `provider` a track record that meets `requirements`: as many
/// leases completed, and a hundred units of value served.
fn give_track_record(provider: &AccountId, requirements: &TrackRequirements) {
	let unit = <Runtime as pallet_provider_slashing::Config>::ReputationUnit::get();
	let now = System::block_number();
	let closed = pallet_provider_slashing::ClosedCounts {
		by_tenant: requirements.min_completed,
		..Default::default()
	};
	pallet_provider_slashing::TrackRecords::<Runtime>::insert(
		provider,
		pallet_provider_slashing::TrackRecord {
			since: now,
			completed: requirements.min_completed,
			closed,
			value_served: 100 * unit,
			good: 100 * unit,
			weighed_at: now,
			..Default::default()
		},
	);
}

impl pallet_bid_matching::BenchmarkHelper<AccountId, MarketAsset, Balance>
	for MarketBenchmarkHelper
{
	fn asset() -> MarketAsset {
		market_asset()
	}

	fn fund(asset: &MarketAsset, who: &AccountId, amount: Balance) {
		fund_in(asset, who, amount)
	}

	fn prepare_provider(
		provider: &AccountId,
		capacity: Resources,
		attributes: &[AttributeRef<'_>],
		auditor: &AccountId,
		requirements: &TrackRequirements,
	) {
		register_and_bond(provider, capacity, attributes);
		give_track_record(provider, requirements);
		if !ResourceRegistry::is_auditor(auditor) {
			ResourceRegistry::add_auditor(RuntimeOrigin::root(), auditor.clone())
				.expect("root adds an auditor");
		}
		fund(auditor);
		let vouched = ResourceRegistry::provider(provider).expect("just registered").attributes;
		ResourceRegistry::audit_provider(
			RuntimeOrigin::signed(auditor.clone()),
			provider.clone(),
			vouched,
		)
		.expect("an auditor vouches for declared attributes");
	}
}

/// The market asset of the benchmarks: a foreign asset registered with a
/// rate and accepted by governance (which opens the treasury's account of
/// it), whose acceptance, rate, holds and accounts cost more to reach than
/// STRA's.
fn market_asset() -> MarketAsset {
	let location = super::foreign_assets::benchmark_location(MARKET_ASSET_SEED);
	if !pallet_market_parameters::AcceptedAssets::<Runtime>::get().contains(&location) {
		super::foreign_assets::register_for_benchmarks(&location);
		fund(&super::treasury::TreasuryAccount::get());
		MarketParameters::accept_asset(
			RuntimeOrigin::root(),
			alloc::boxed::Box::new(location.clone()),
		)
		.expect("root accepts a registered asset with a rate");
	}
	MarketAsset::WithId(location)
}

/// Gives `who` `amount` of `asset`.
fn fund_in(asset: &MarketAsset, who: &AccountId, amount: Balance) {
	// Benchmark set-up only: a failure here is a broken benchmark.
	match asset {
		MarketAsset::Native => Balances::mint_into(who, amount),
		MarketAsset::WithId(location) => {
			<ForeignAssets as frame_support::traits::fungibles::Mutate<AccountId>>::mint_into(
				location.clone(),
				who,
				amount,
			)
		},
	}
	.expect("minting into a benchmark account works");
}

impl pallet_lease_escrow::BenchmarkHelper<AccountId, MarketAsset, Balance>
	for MarketBenchmarkHelper
{
	fn asset() -> MarketAsset {
		market_asset()
	}

	fn fund(asset: &MarketAsset, who: &AccountId, amount: Balance) {
		fund_in(asset, who, amount)
	}

	fn prepare_provider(provider: &AccountId, resources: &Resources) {
		register_and_bond(provider, *resources, &[]);
	}

	/// The shortest heartbeat interval governance allows.
	fn silence_providers() {
		use super::parameters::{bounds, RuntimeParameters};
		let value = market::Parameters::HeartbeatInterval(
			market::HeartbeatInterval,
			Some(bounds::HEARTBEAT_INTERVAL.min),
		);
		MarketParameters::set_parameter(RuntimeOrigin::root(), RuntimeParameters::Market(value))
			.expect("root sets a parameter in range");
	}
}

impl pallet_provider_slashing::BenchmarkHelper<AccountId> for MarketBenchmarkHelper {
	fn register_provider(who: &AccountId) {
		fund(who);
		let capacity = Resources {
			cpu_millicores: LEASE_RESOURCES.cpu_millicores * 100,
			memory_mib: LEASE_RESOURCES.memory_mib * 100,
			storage_gib: LEASE_RESOURCES.storage_gib * 100,
			gpu_units: 0,
		};
		ResourceRegistry::register_provider(
			RuntimeOrigin::signed(who.clone()),
			capacity,
			Default::default(),
			b"https://provider.example".to_vec().try_into().expect("the URI fits the bound"),
		)
		.expect("a funded account registers");
	}

	/// A lease in the market's foreign asset, so that a report on it holds
	/// its deposit in that asset at a rate.
	fn open_lease(tenant: &AccountId, provider: &AccountId) -> LeaseId {
		let asset = market_asset();
		fund(tenant);
		fund_in(&asset, tenant, 10_000 * UNIT);
		// The slice of bond it commits, as bid matching commits it.
		let stake = <ProviderSlashing as ProviderStake<_, _, _>>::commit(
			provider,
			&asset,
			MILLI_UNIT * 100,
		)
		.expect("a bonded provider backs a benchmark lease");
		let terms = LeaseTerms {
			order_id: 0,
			tenant: tenant.clone(),
			asset: asset.clone(),
			provider: provider.clone(),
			resources: LEASE_RESOURCES,
			price_per_block: MILLI_UNIT,
			min_term: 100,
			manifest: ManifestHash::repeat_byte(1),
			stake,
		};
		// One more funded block per lease, so that many leases opened in
		// one block run dry in different blocks and no run-dry slot fills.
		let next = pallet_lease_escrow::NextLeaseId::<Runtime>::get();
		let escrow = 100 * UNIT + Balance::from(next) * MILLI_UNIT;
		type Leases = LeaseEscrow;
		<Leases as LeaseManager<AccountId, Balance, BlockNumber>>::hold_budget(
			tenant, &asset, escrow,
		)
		.expect("a funded tenant holds a budget");
		let lease =
			<Leases as LeaseManager<AccountId, Balance, BlockNumber>>::open_lease(terms, escrow)
				.expect("a registered provider with room opens a lease");
		LeaseEscrow::confirm_ready(RuntimeOrigin::signed(provider.clone()), lease)
			.expect("the provider confirms its new lease");
		// Third parties on the lease, as anyone may add them: closing it for a
		// fault leaves their refunds to be claimed, so the report's cost does
		// not grow with them, and the benchmark shows it.
		for index in 0..THIRD_PARTIES {
			let depositor: AccountId =
				frame_benchmarking::account("depositor", index, lease as u32);
			fund_in(&asset, &depositor, UNIT);
			LeaseEscrow::deposit(RuntimeOrigin::signed(depositor), lease, MILLI_UNIT * 10)
				.expect("a funded account tops a lease up");
		}
		lease
	}

	fn close_lease(tenant: &AccountId, lease: LeaseId) {
		LeaseEscrow::close_lease(RuntimeOrigin::signed(tenant.clone()), lease)
			.expect("the tenant closes its lease");
	}
}
