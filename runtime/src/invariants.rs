//! The marketplace's invariants, for the runtime's tests and the fuzzer
//! (native only): each pallet's own `try_state`, what holds across the
//! pallets (a pallet's `try_state` sees only its own storage), and what
//! every account holds against what the records say it owes.

use crate::*;
use alloc::{collections::btree_map::BTreeMap, format, string::String, vec::Vec};
use configs::foreign_assets::{ForeignAssetsInstance, MarketAsset};
use frame_support::traits::fungible::InspectHold;
use stratus_primitives::Resources;

/// Runs the four marketplace pallets' `try_state` checks, then the checks
/// across them; on the first that fails, names what broke.
pub fn check_market() -> Result<(), String> {
	let checks = [
		("ResourceRegistry", ResourceRegistry::do_try_state()),
		("BidMatching", BidMatching::do_try_state()),
		("LeaseEscrow", LeaseEscrow::do_try_state()),
		("ProviderSlashing", ProviderSlashing::do_try_state()),
		("MarketParameters", MarketParameters::do_try_state()),
	];
	for (pallet, result) in checks {
		result.map_err(|e| format!("{pallet} invariant broken: {e:?}"))?;
	}
	check_across().map_err(|e| format!("cross-pallet invariant broken: {e}"))
}

/// What holds between the pallets:
/// - each registered provider's allocated capacity is the sum of the
///   resources of its active leases, and its lease count the lease manager's;
/// - the provider of every active lease is registered (deregistering waits
///   for its leases to end);
/// - every report's parties are those the lease manager records for its
///   lease, while it records the lease (active, or closed and not forgotten);
/// - each provider's committed stake is the sum of the slices of its active
///   leases, and no lease's tenant was paid more than it paid for it.
fn check_across() -> Result<(), String> {
	let mut allocated: BTreeMap<AccountId, (Resources, u32)> = BTreeMap::new();
	let mut committed: BTreeMap<AccountId, Balance> = BTreeMap::new();
	for (id, lease) in pallet_lease_escrow::Leases::<Runtime>::iter() {
		let slices = committed.entry(lease.provider.clone()).or_default();
		*slices = slices.saturating_add(lease.stake.slice);
		let paid = LeaseEscrow::tenant_paid(&lease, System::block_number());
		check_compensation(id, &lease.asset, paid, lease.stake.compensated)?;
		if !pallet_resource_registry::Providers::<Runtime>::contains_key(&lease.provider) {
			return Err(format!("lease {id} is served by a provider that is not registered"));
		}
		let entry = allocated.entry(lease.provider).or_insert((Resources::ZERO, 0));
		entry.0 = entry
			.0
			.checked_add(&lease.resources)
			.ok_or_else(|| format!("lease {id}: resources overflow"))?;
		entry.1 += 1;
	}
	for (who, info) in pallet_resource_registry::Providers::<Runtime>::iter() {
		let (used, leases) = allocated.remove(&who).unwrap_or((Resources::ZERO, 0));
		if info.allocated != used {
			return Err(format!(
				"provider {who}: allocated {:?} but its leases use {used:?}",
				info.allocated
			));
		}
		if info.active_leases != leases
			|| pallet_lease_escrow::ProviderLeaseCount::<Runtime>::get(&who) != leases
		{
			return Err(format!("provider {who}: lease counts disagree ({leases} active leases)"));
		}
	}
	for (id, closed) in pallet_lease_escrow::ClosedLeases::<Runtime>::iter() {
		check_compensation(id, &closed.asset, closed.tenant_spent, closed.stake.compensated)?;
	}
	for (who, bond) in pallet_provider_slashing::Bonds::<Runtime>::iter() {
		let slices = committed.remove(&who).unwrap_or_default();
		if bond.committed != slices {
			return Err(format!(
				"provider {who}: {} committed but its active leases' slices come to {slices}",
				bond.committed
			));
		}
	}
	if let Some((who, slices)) = committed.into_iter().find(|(_, slices)| *slices > 0) {
		return Err(format!("provider {who}: leases commit {slices} but it has no bond record"));
	}
	for (id, report) in pallet_provider_slashing::Reports::<Runtime>::iter() {
		let recorded = pallet_lease_escrow::Leases::<Runtime>::get(report.lease_id)
			.map(|l| (l.tenant, l.provider))
			.or_else(|| {
				pallet_lease_escrow::ClosedLeases::<Runtime>::get(report.lease_id)
					.map(|c| (c.tenant, c.provider))
			});
		if let Some(parties) = recorded {
			if parties != (report.tenant.clone(), report.provider.clone()) {
				return Err(format!("report {id}: parties differ from its lease's"));
			}
		}
	}
	Ok(())
}

/// A lease's slashes never paid its tenant more than it paid for the lease
/// (at today's rate: a rate that fell since may show less paid than was
/// compensated then, so only a lease in STRA is held to the planck).
fn check_compensation(
	id: stratus_primitives::LeaseId,
	asset: &MarketAsset,
	paid: Balance,
	compensated: Balance,
) -> Result<(), String> {
	if *asset == MarketAsset::Native && compensated > paid {
		return Err(format!("lease {id}: its tenant got {compensated} for {paid} paid"));
	}
	Ok(())
}

/// Checks that each of `accounts` holds, for each hold reason of the
/// marketplace, exactly what the records say it owes, and nothing under any
/// other reason: a hold left behind after its record went (which `try_state`,
/// deriving the expected holds from the records that exist, cannot see)
/// shows here. Proxy and multisig deposits, which those pallets reserve
/// (a hold too, in `pallet_balances`), are counted from their records.
/// Holds on foreign assets are checked likewise ([`check_asset_holds`]).
pub fn check_holds(accounts: &[AccountId]) -> Result<(), String> {
	let escrow = escrow_by_asset();
	let owed = owed_by(accounts, &escrow);
	for (who, expected) in accounts.iter().zip(owed) {
		let elsewhere = reserved_elsewhere(who);
		let reserved = Balances::reserved_balance(who);
		let total_on_hold = Balances::total_balance_on_hold(who);
		let mut market: Balance = 0;
		for (reason, amount) in expected {
			let held = Balances::balance_on_hold(&reason, who);
			if held != amount {
				return Err(format!(
					"{who} holds {held} under {reason:?}, the records say {amount}"
				));
			}
			market += amount;
		}
		if total_on_hold != market + elsewhere || reserved != total_on_hold {
			return Err(format!(
				"{who} holds {total_on_hold} in all, the marketplace records {market} \
				 and proxies and multisigs {elsewhere}"
			));
		}
	}
	check_asset_holds(accounts, escrow)
}

/// What the lease records say each tenant holds as escrow in each asset:
/// the budgets of its orders, what its active leases have left or owe, and
/// what its closed leases keep (unclaimed refunds, unpaid payouts, record
/// deposits).
fn escrow_by_asset() -> BTreeMap<(AccountId, MarketAsset), Balance> {
	let mut escrow: BTreeMap<(AccountId, MarketAsset), Balance> = BTreeMap::new();
	let mut add = |who: AccountId, asset: MarketAsset, amount: Balance| {
		*escrow.entry((who, asset)).or_default() += amount;
	};
	for (who, asset, budgets) in pallet_lease_escrow::HeldBudgets::<Runtime>::iter() {
		add(who, asset, budgets);
	}
	for lease in pallet_lease_escrow::Leases::<Runtime>::iter_values() {
		add(lease.tenant.clone(), lease.asset.clone(), lease.held());
	}
	for (id, closed) in pallet_lease_escrow::ClosedLeases::<Runtime>::iter() {
		let unclaimed: Balance = pallet_lease_escrow::Deposits::<Runtime>::iter_prefix_values(id)
			.map(|record| record.unspent(closed.others_spent))
			.sum();
		add(closed.tenant, closed.asset, closed.deposit + closed.owed_to_provider + unclaimed);
	}
	escrow
}

/// Checks that each of `accounts` holds of each foreign asset exactly the
/// escrow the lease records say it holds in it and the deposits of its open
/// orders and reports in it, and nothing more: those are the only holds the
/// runtime puts on foreign assets.
fn check_asset_holds(
	accounts: &[AccountId],
	mut escrow: BTreeMap<(AccountId, MarketAsset), Balance>,
) -> Result<(), String> {
	use frame_support::traits::fungibles::InspectHold as _;
	for order in pallet_bid_matching::Orders::<Runtime>::iter_values() {
		*escrow.entry((order.tenant, order.asset)).or_default() += order.deposit;
	}
	for report in pallet_provider_slashing::Reports::<Runtime>::iter_values() {
		*escrow.entry((report.tenant, report.asset)).or_default() += report.deposit;
	}
	for location in pallet_assets::Asset::<Runtime, ForeignAssetsInstance>::iter_keys() {
		let asset = MarketAsset::WithId(location.clone());
		for who in accounts {
			let held = AssetsHolder::total_balance_on_hold(location.clone(), who);
			let recorded = escrow.get(&(who.clone(), asset.clone())).copied().unwrap_or_default();
			if held != recorded {
				return Err(format!(
					"{who} holds {held} of {location:?}, the market's records say {recorded}"
				));
			}
		}
	}
	Ok(())
}

/// What `who` has reserved for its proxies, its announced proxy calls and
/// the multisig operations it opened, by those pallets' records.
fn reserved_elsewhere(who: &AccountId) -> Balance {
	let proxies = pallet_proxy::Proxies::<Runtime>::get(who).1;
	let announcements = pallet_proxy::Announcements::<Runtime>::get(who).1;
	let multisigs: Balance = pallet_multisig::Multisigs::<Runtime>::iter_values()
		.filter(|operation| &operation.depositor == who)
		.map(|operation| operation.deposit)
		.sum();
	proxies + announcements + multisigs
}

/// What the marketplace's records say each of `accounts` owes under each
/// hold reason, in one pass over each record map.
fn owed_by(
	accounts: &[AccountId],
	escrow: &BTreeMap<(AccountId, MarketAsset), Balance>,
) -> Vec<[(RuntimeHoldReason, Balance); 6]> {
	use pallet_bid_matching::HoldReason as Orders;
	use pallet_lease_escrow::HoldReason as Escrow;
	use pallet_provider_slashing::HoldReason as Slashing;
	use pallet_resource_registry::HoldReason as Registry;

	// provider deposit, audits, orders, escrow, bond, reports
	let mut owed: BTreeMap<&AccountId, [Balance; 6]> =
		accounts.iter().map(|who| (who, [0; 6])).collect();
	let mut add = |who: &AccountId, slot: usize, amount: Balance| {
		if let Some(entry) = owed.get_mut(who) {
			entry[slot] += amount;
		}
	};
	for (who, info) in pallet_resource_registry::Providers::<Runtime>::iter() {
		add(&who, 0, info.deposit);
	}
	for (_, auditor, audit) in pallet_resource_registry::Audits::<Runtime>::iter() {
		add(&auditor, 1, audit.deposit);
	}
	for order in pallet_bid_matching::Orders::<Runtime>::iter_values() {
		if order.asset == MarketAsset::Native {
			add(&order.tenant, 2, order.deposit);
		}
	}
	for ((who, asset), amount) in escrow {
		if *asset == MarketAsset::Native {
			add(who, 3, *amount);
		}
	}
	for (who, bond) in pallet_provider_slashing::Bonds::<Runtime>::iter() {
		add(&who, 4, bond.total());
	}
	for report in pallet_provider_slashing::Reports::<Runtime>::iter_values() {
		if report.asset == MarketAsset::Native {
			add(&report.tenant, 5, report.deposit);
		}
	}
	accounts
		.iter()
		.map(|who| {
			let [provider, audits, orders, escrow, bond, reports] =
				owed.get(who).copied().unwrap_or_default();
			[
				(Registry::ProviderDeposit.into(), provider),
				(Registry::AuditDeposit.into(), audits),
				(Orders::OrderDeposit.into(), orders),
				(Escrow::Escrow.into(), escrow),
				(Slashing::Bond.into(), bond),
				(Slashing::ReportDeposit.into(), reports),
			]
		})
		.collect()
}
