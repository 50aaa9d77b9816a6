//! How results read: text for people (amounts in STRA, or in the foreign
//! asset an order or lease is paid in, by its registered symbol and
//! decimals; blocks also as time), JSON for scripts (amounts as strings of the smallest units, so no
//! precision is lost, with the asset they are in), and a spinner while a
//! transaction waits.

use crate::commands::Failure;
use serde_json::{json, Value};
use stratus_client::subxt::utils::AccountId32;
use stratus_client::{
	amount::{self, Stra},
	assets::{self, ForeignAsset},
	market::ApiError,
	market::{
		BidView, InForce, LeaseState, LeaseView, Liveness, MarketParametersView, OrderView,
		Perbill, ProviderStatsView, ProviderStatus, ProviderView, ScreenView, StakeView,
	},
	submit::Progress,
	Client, MarketAsset,
};

/// How amounts are named: STRA, and each foreign asset registered on the
/// chain by its symbol and decimals (`1.25 USDT`).
pub struct Units(Vec<ForeignAsset>);

impl Units {
	/// Units for amounts in `assets`: the registered foreign assets are
	/// read from the chain only if one of them is foreign.
	pub async fn of<'a>(
		client: &Client,
		mut assets: impl Iterator<Item = &'a MarketAsset>,
	) -> Result<Self, ApiError> {
		if assets.any(|asset| matches!(asset, MarketAsset::WithId(_))) {
			Ok(Self(assets::foreign_assets(client).await?))
		} else {
			Ok(Self(Vec::new()))
		}
	}

	fn foreign(&self, asset: &MarketAsset) -> Option<&ForeignAsset> {
		match asset {
			MarketAsset::Native => None,
			MarketAsset::WithId(location) => self.0.iter().find(|a| &a.location == location),
		}
	}

	/// An amount of `asset`: STRA as such, a registered foreign asset in
	/// its unit, one without metadata in its smallest units.
	pub fn amount(&self, asset: &MarketAsset, value: u128) -> String {
		match (asset, self.foreign(asset)) {
			(MarketAsset::Native, _) => Stra(value).to_string(),
			(_, Some(foreign)) => amount::in_units(value, foreign.decimals, &foreign.symbol),
			(_, None) => format!("{value} smallest units"),
		}
	}

	/// What an order or a lease is paid in, as text: `STRA`, a foreign
	/// asset's symbol, or its location when it has no metadata.
	pub fn name(&self, asset: &MarketAsset) -> String {
		match (asset, self.foreign(asset)) {
			(MarketAsset::Native, _) => "STRA".to_owned(),
			(_, Some(foreign)) => foreign.symbol.clone(),
			(MarketAsset::WithId(location), None) => {
				format!("the foreign asset at {location:?}")
			},
		}
	}
}

/// What an order or a lease is paid in, as JSON: `"STRA"`, or the foreign
/// asset's location.
fn asset_json(asset: &MarketAsset) -> Value {
	match asset {
		MarketAsset::Native => json!("STRA"),
		MarketAsset::WithId(location) => json!({ "foreign": format!("{location:?}") }),
	}
}

/// Seconds per block (the runtime's 6-second blocks).
const BLOCK_SECONDS: u64 = 6;

/// Prints a result as text or JSON.
pub fn print(json: bool, human: impl FnOnce() -> String, machine: impl FnOnce() -> Value) {
	if json {
		println!("{}", machine());
	} else {
		println!("{}", human());
	}
}

/// Prints a failure: to stderr as text, to stdout as JSON.
pub fn failure(json: bool, failure: &Failure) {
	if json {
		let mut value =
			json!({ "error": { "kind": failure.kind(), "message": failure.to_string() } });
		if let Failure::Refused(named) = failure {
			value["error"]["pallet"] = json!(named.pallet);
			value["error"]["name"] = json!(named.name);
			value["error"]["doc"] = json!(named.doc);
		}
		println!("{value}");
	} else {
		eprintln!("error: {failure}");
	}
}

/// A spinner on stderr while a transaction waits; nothing when the output
/// is JSON or stderr is not a terminal.
pub struct Spinner(Option<indicatif::ProgressBar>);

impl Spinner {
	/// Starts one saying `what`.
	pub fn start(json: bool, what: &str) -> Self {
		if json {
			return Self(None);
		}
		let bar = indicatif::ProgressBar::new_spinner();
		bar.enable_steady_tick(std::time::Duration::from_millis(120));
		bar.set_message(format!("{what}: signing"));
		Self(Some(bar))
	}

	/// Shows where the transaction is.
	pub fn update(&self, progress: &Progress) {
		if let Some(bar) = &self.0 {
			let what = bar.message();
			let what = what.split(':').next().unwrap_or_default().to_owned();
			bar.set_message(format!("{what}: {progress}"));
		}
	}

	/// Clears it.
	pub fn finish(self) {
		if let Some(bar) = self.0 {
			bar.finish_and_clear();
		}
	}
}

/// `n` blocks as time, roughly: "12 blocks (~1 min)".
fn blocks(n: u64) -> String {
	let seconds = n * BLOCK_SECONDS;
	let time = if seconds < 120 {
		format!("{seconds} s")
	} else if seconds < 2 * 3600 {
		format!("{} min", seconds / 60)
	} else if seconds < 2 * 86_400 {
		format!("{} h", seconds / 3600)
	} else {
		format!("{} days", seconds / 86_400)
	};
	format!("{n} blocks (~{time})")
}

fn percent(p: &Perbill) -> String {
	let tenths = p.0 / 1_000_000;
	format!("{}.{}%", tenths / 10, tenths % 10)
}

fn text(bytes: &[u8]) -> String {
	String::from_utf8_lossy(bytes).into_owned()
}

fn resources_text(r: &stratus_client::market::Resources) -> String {
	format!(
		"{} millicores, {} MiB memory, {} GiB storage, {} GPU",
		r.cpu_millicores, r.memory_mib, r.storage_gib, r.gpu_units
	)
}

fn resources_json(r: &stratus_client::market::Resources) -> Value {
	json!({ "cpu_millicores": r.cpu_millicores, "memory_mib": r.memory_mib, "storage_gib": r.storage_gib, "gpu_units": r.gpu_units })
}

fn attributes_json(attributes: &[(Vec<u8>, Vec<u8>)]) -> Value {
	attributes
		.iter()
		.map(|(k, v)| (text(k), Value::String(text(v))))
		.collect::<serde_json::Map<_, _>>()
		.into()
}

/// One order, as text.
pub fn order_text(id: u64, o: &OrderView, units: &Units) -> String {
	let attributes: Vec<String> =
		o.attributes.iter().map(|(k, v)| format!("{}={}", text(k), text(v))).collect();
	format!(
		"order {id} by {}\n  wants      {}\n  attributes {}\n  paid in    {}\n  max price  {} a block\n  budget     {}\n  bids       {} (best {})\n  window     ends at block {}",
		o.tenant,
		resources_text(&o.resources),
		if attributes.is_empty() { "none".to_owned() } else { attributes.join(", ") },
		units.name(&o.asset),
		units.amount(&o.asset, o.max_price_per_block),
		units.amount(&o.asset, o.budget),
		o.bid_count,
		o.best_price.map_or("none".to_owned(), |p| units.amount(&o.asset, p)),
		o.window_end,
	)
}

/// One order, as JSON.
pub fn order_json(id: u64, o: &OrderView) -> Value {
	json!({
		"order": id, "tenant": o.tenant.to_string(), "asset": asset_json(&o.asset),
		"resources": resources_json(&o.resources),
		"attributes": attributes_json(&o.attributes), "manifest": format!("{:?}", o.manifest),
		"max_price_per_block": o.max_price_per_block.to_string(), "budget": o.budget.to_string(),
		"window_end": o.window_end, "bid_count": o.bid_count,
		"best_price": o.best_price.map(|p| p.to_string()),
	})
}

/// A list of orders, as text.
pub fn orders_text(orders: &[(u64, OrderView)], units: &Units) -> String {
	if orders.is_empty() {
		return "no open orders".to_owned();
	}
	orders.iter().map(|(id, o)| order_text(*id, o, units)).collect::<Vec<_>>().join("\n")
}

/// A list of orders, as JSON.
pub fn orders_json(orders: &[(u64, OrderView)]) -> Value {
	orders.iter().map(|(id, o)| order_json(*id, o)).collect()
}

/// Bids, best first, as text, priced in the order's `asset`.
pub fn bids_text(bids: &[(AccountId32, BidView)], asset: &MarketAsset, units: &Units) -> String {
	if bids.is_empty() {
		return "no bids yet".to_owned();
	}
	bids.iter()
		.map(|(who, bid)| {
			let price = units.amount(asset, bid.price);
			format!("#{} {who} at {price} a block (block {})", bid.rank, bid.placed_at)
		})
		.collect::<Vec<_>>()
		.join("\n")
}

/// Bids, as JSON.
pub fn bids_json(bids: &[(AccountId32, BidView)]) -> Value {
	bids.iter()
		.map(|(who, bid)| json!({ "provider": who.to_string(), "price": bid.price.to_string(), "placed_at": bid.placed_at, "rank": bid.rank }))
		.collect()
}

/// One lease, as text, as of block `now`.
pub fn lease_text(l: &LeaseView, now: u32, units: &Units) -> String {
	let state = match &l.state {
		LeaseState::Pending { ready_by } => {
			format!("pending: the provider must confirm it ready by block {ready_by}")
		},
		LeaseState::Active { billing_from } => format!("active, billed from block {billing_from}"),
	};
	format!(
		"lease {} (order {})\n  tenant     {}\n  provider   {}\n  resources  {}\n  paid in    {}\n  price      {} a block\n  state      {state}\n  balance    {}\n  owed now   {}\n  runs dry   at block {}, in {}\n  manifest   {:?}",
		l.lease_id,
		l.order_id,
		l.tenant,
		l.provider,
		resources_text(&l.resources),
		units.name(&l.asset),
		units.amount(&l.asset, l.price_per_block),
		units.amount(&l.asset, l.balance),
		units.amount(&l.asset, l.owed_now),
		l.run_dry_at,
		blocks(u64::from(l.run_dry_at.saturating_sub(now))),
		l.manifest,
	)
}

/// One lease, as JSON.
pub fn lease_json(l: &LeaseView) -> Value {
	let state = match &l.state {
		LeaseState::Pending { ready_by } => json!({ "pending": { "ready_by": ready_by } }),
		LeaseState::Active { billing_from } => {
			json!({ "active": { "billing_from": billing_from } })
		},
	};
	json!({
		"lease": l.lease_id, "order": l.order_id, "tenant": l.tenant.to_string(),
		"provider": l.provider.to_string(), "asset": asset_json(&l.asset),
		"resources": resources_json(&l.resources),
		"price_per_block": l.price_per_block.to_string(), "state": state,
		"balance": l.balance.to_string(), "owed_now": l.owed_now.to_string(),
		"owed_to_provider": l.owed_to_provider.to_string(), "run_dry_at": l.run_dry_at,
		"blocks_left": l.blocks_left, "manifest": format!("{:?}", l.manifest),
	})
}

/// A list of leases, as text.
pub fn leases_text(leases: &[LeaseView], now: u32, units: &Units) -> String {
	if leases.is_empty() {
		return "no open leases".to_owned();
	}
	leases.iter().map(|l| lease_text(l, now, units)).collect::<Vec<_>>().join("\n")
}

/// A provider record and its stake, as text.
pub fn provider_text(who: &AccountId32, p: &ProviderView, stake: Option<&StakeView>) -> String {
	let status = match p.status {
		ProviderStatus::Active => "active",
		ProviderStatus::Paused => "paused",
	};
	let liveness = match p.liveness {
		Liveness::Reachable => "reachable",
		Liveness::InMaintenance => "in maintenance",
		Liveness::Unreachable => "unreachable",
	};
	let attributes: Vec<String> =
		p.attributes.0.iter().map(|a| format!("{}={}", text(&a.key.0), text(&a.value.0))).collect();
	format!(
		"provider {who}\n  status     {status}{}, {liveness} (last heartbeat block {})\n  host       {}\n  capacity   {}\n  allocated  {}\n  attributes {}\n  leases     {}\n  bonded     {}\n  committed  {}",
		if p.jailed { ", jailed" } else { "" },
		p.last_heartbeat,
		text(&p.host_uri.0),
		resources_text(&p.capacity),
		resources_text(&p.allocated),
		if attributes.is_empty() { "none".to_owned() } else { attributes.join(", ") },
		p.active_leases,
		stake.map_or("nothing".to_owned(), |s| Stra(s.bonded).to_string()),
		stake.map_or("nothing".to_owned(), |s| format!("{} to its leases", Stra(s.committed))),
	)
}

/// A provider record and its stake, as JSON.
pub fn provider_json(who: &AccountId32, p: &ProviderView, stake: Option<&StakeView>) -> Value {
	json!({
		"provider": who.to_string(),
		"status": format!("{:?}", p.status), "liveness": format!("{:?}", p.liveness), "jailed": p.jailed,
		"host_uri": text(&p.host_uri.0), "capacity": resources_json(&p.capacity),
		"allocated": resources_json(&p.allocated), "active_leases": p.active_leases,
		"last_heartbeat": p.last_heartbeat,
		"attributes": p.attributes.0.iter().map(|a| (text(&a.key.0), Value::String(text(&a.value.0)))).collect::<serde_json::Map<_, _>>(),
		"bonded": stake.map(|s| s.bonded.to_string()),
		"committed": stake.map(|s| s.committed.to_string()),
	})
}

/// A track record, as text.
pub fn stats_text(who: &AccountId32, s: &ProviderStatsView) -> String {
	format!(
		"provider {who}\n  score      {}\n  completed  {} leases, {} blocks served, {} earned\n  faults     {} counted, {} disputes won",
		percent(&s.score),
		s.record.completed,
		s.record.blocks_served,
		Stra(s.record.value_served),
		faults(s),
		s.record.disputes_won,
	)
}

fn faults(s: &ProviderStatsView) -> u32 {
	let f = &s.record.faults;
	f.early_close + f.not_ready + f.unreachable + f.not_delivered + f.unavailable + f.below_spec
}

/// A track record, as JSON.
pub fn stats_json(who: &AccountId32, s: &ProviderStatsView) -> Value {
	json!({
		"provider": who.to_string(), "score_perbill": s.score.0, "registered_at": s.registered_at,
		"completed": s.record.completed, "blocks_served": s.record.blocks_served,
		"value_served": s.record.value_served.to_string(), "faults": faults(s),
		"disputes_won": s.record.disputes_won,
	})
}

/// A screening, as text.
pub fn screen_text(v: &ScreenView) -> String {
	let mut lines = vec![format!("{} of {} providers could bid now", v.eligible.len(), v.total)];
	lines.extend(v.eligible.iter().map(|who| format!("  {who}")));
	let excluded: Vec<String> = v
		.excluded
		.by_reason()
		.iter()
		.filter(|(_, n)| *n > 0)
		.map(|(reason, n)| format!("  {reason}: {n}"))
		.collect();
	if !excluded.is_empty() {
		lines.push("excluded, by the first check each fails:".to_owned());
		lines.extend(excluded);
	}
	lines.join("\n")
}

/// A screening, as JSON.
pub fn screen_json(v: &ScreenView) -> Value {
	json!({
		"eligible": v.eligible.iter().map(|a| a.to_string()).collect::<Vec<_>>(),
		"screened": v.screened, "total": v.total,
		"excluded": v.excluded.by_reason().iter().map(|(r, n)| (r.replace(' ', "_"), json!(n))).collect::<serde_json::Map<_, _>>(),
	})
}

macro_rules! each_param {
	($p:ident, $f:ident) => {
		[
			$f("take_rate", &$p.take_rate, Kind::Share),
			$f("min_provider_bond", &$p.min_provider_bond, Kind::Money),
			$f("order_deposit", &$p.order_deposit, Kind::Money),
			$f("bid_forfeit", &$p.bid_forfeit, Kind::Money),
			$f("report_deposit", &$p.report_deposit, Kind::Money),
			$f("early_close_slash", &$p.early_close_slash, Kind::Share),
			$f("not_delivered_slash", &$p.not_delivered_slash, Kind::Share),
			$f("unavailable_slash", &$p.unavailable_slash, Kind::Share),
			$f("below_spec_slash", &$p.below_spec_slash, Kind::Share),
			$f("compensation_share", &$p.compensation_share, Kind::Share),
			$f("dispute_window", &as_blocks(&$p.dispute_window), Kind::Blocks),
			$f("adjudication_period", &as_blocks(&$p.adjudication_period), Kind::Blocks),
			$f("report_grace_period", &as_blocks(&$p.report_grace_period), Kind::Blocks),
			$f("ready_window", &as_blocks(&$p.ready_window), Kind::Blocks),
			$f("running_low_notice", &as_blocks(&$p.running_low_notice), Kind::Blocks),
			$f("heartbeat_interval", &as_blocks(&$p.heartbeat_interval), Kind::Blocks),
			$f("maintenance_notice", &as_blocks(&$p.maintenance_notice), Kind::Blocks),
			$f("max_maintenance", &as_blocks(&$p.max_maintenance), Kind::Blocks),
			$f("maintenance_spacing", &as_blocks(&$p.maintenance_spacing), Kind::Blocks),
			$f("lease_stake_ratio", &$p.lease_stake_ratio, Kind::Share),
			$f("min_lease_stake", &$p.min_lease_stake, Kind::Money),
		]
	};
}

#[derive(Clone, Copy)]
enum Kind {
	Share,
	Money,
	Blocks,
}

/// A parameter's value, minimum and maximum as one type.
trait Param {
	fn show(&self, kind: Kind) -> [String; 3];
	fn raw(&self) -> [String; 3];
}

impl Param for InForce<Perbill> {
	fn show(&self, _: Kind) -> [String; 3] {
		[percent(&self.value), percent(&self.min), percent(&self.max)]
	}
	fn raw(&self) -> [String; 3] {
		[self.value.0.to_string(), self.min.0.to_string(), self.max.0.to_string()]
	}
}

impl Param for InForce<u128> {
	fn show(&self, kind: Kind) -> [String; 3] {
		let one = |v: u128| match kind {
			Kind::Blocks => blocks(v as u64),
			_ => Stra(v).to_string(),
		};
		[one(self.value), one(self.min), one(self.max)]
	}
	fn raw(&self) -> [String; 3] {
		[self.value.to_string(), self.min.to_string(), self.max.to_string()]
	}
}

fn as_blocks(p: &InForce<u32>) -> InForce<u128> {
	InForce { value: p.value.into(), min: p.min.into(), max: p.max.into() }
}

/// Every parameter in force with its range, as text.
pub fn params_text(p: &MarketParametersView) -> String {
	fn line(name: &str, param: &dyn Param, kind: Kind) -> String {
		let [value, min, max] = param.show(kind);
		format!("{name:<20} {value:<24} (from {min} to {max})")
	}
	each_param!(p, line).join("\n")
}

/// Every parameter in force with its range, as JSON (plancks, parts per
/// billion and blocks as numbers in strings).
pub fn params_json(p: &MarketParametersView) -> Value {
	fn entry(name: &str, param: &dyn Param, _: Kind) -> (String, Value) {
		let [value, min, max] = param.raw();
		(name.to_owned(), json!({ "value": value, "min": min, "max": max }))
	}
	each_param!(p, entry).into_iter().collect::<serde_json::Map<_, _>>().into()
}

#[cfg(test)]
mod tests {
	use super::*;
	use stratus_client::{
		runtime::runtime_types::staging_xcm::v5::junctions::Junctions, AssetLocation,
	};

	#[test]
	fn amounts_read_in_the_asset_they_are_paid_in() {
		let usdt = AssetLocation { parents: 1, interior: Junctions::Here };
		let unnamed = AssetLocation { parents: 2, interior: Junctions::Here };
		let units = Units(vec![ForeignAsset {
			location: usdt.clone(),
			symbol: "USDT".to_owned(),
			decimals: 6,
			rate: None,
		}]);
		let (usdt, unnamed) = (MarketAsset::WithId(usdt), MarketAsset::WithId(unnamed));
		assert_eq!(units.amount(&MarketAsset::Native, 1_500_000_000_000), "1.5 STRA");
		assert_eq!(units.amount(&usdt, 10_000), "0.01 USDT");
		assert_eq!(units.amount(&unnamed, 10_000), "10000 smallest units");
		assert_eq!(units.name(&MarketAsset::Native), "STRA");
		assert_eq!(units.name(&usdt), "USDT");
		assert!(units.name(&unnamed).starts_with("the foreign asset at"));
		assert_eq!(asset_json(&MarketAsset::Native), json!("STRA"));
		assert!(asset_json(&usdt)["foreign"].is_string());
	}
}
