//! A fuzzer for the Stratus runtime's marketplace, run natively (no node).
//!
//! [`run`] reads a sequence of actions from bytes: signed calls of the four
//! marketplace pallets, balance transfers, governance calls (root, a Council
//! majority, a Council minority) including the marketplace's dynamic
//! parameters, and block advances that run the hooks. Arguments lean toward
//! the edges: zero, one, the maximum, just above and below each bound, ids
//! that exist and ids that do not.
//!
//! After every call and every block it checks the four pallets' `try_state`
//! invariants (money held matches the records, no dangling ids, capacity
//! never oversold) and that total issuance moved only by the amounts
//! `pallet_balances` reported as minted, burned, issued or rescinded. Any
//! broken invariant, and any panic in a call or hook, panics here: that is
//! what the coverage-guided fuzzer (`src/bin/libfuzzer.rs`) and the seeded
//! run (`src/bin/seeded.rs`) report.

mod input;

pub use input::Input;

use sp_runtime::{
	traits::{Dispatchable, Get},
	DispatchError, Perbill, Storage,
};
use std::{collections::BTreeMap, sync::OnceLock};
use stratus_primitives::Resources;
use stratus_runtime::frame_support::{
	traits::{fungibles::Mutate, OnFinalize, OnInitialize},
	BoundedVec,
};
use stratus_runtime::{
	configs::{
		foreign_assets::{dot, usdc, usdt, MarketAsset},
		parameters::{bounds, dynamic_params::market, RuntimeParameters},
	},
	AccountId, Balance, Balances, BidMatching, BlockNumber, LeaseEscrow, ProviderSlashing,
	ResourceRegistry, Runtime, RuntimeCall, RuntimeEvent, RuntimeOrigin, System, DAYS,
	EXISTENTIAL_DEPOSIT, UNIT,
};
use stratus_runtime::{
	pallet_asset_rate, pallet_balances, pallet_collective,
	sp_core::H256,
	sp_io,
	sp_keyring::Sr25519Keyring,
	sp_runtime,
	staging_xcm::v5::{Junction::Parachain, Location},
};

use pallet_bid_matching::{Call as BidCall, RequiredAttribute};
use pallet_lease_escrow::Call as EscrowCall;
use pallet_market_parameters::Range;
use pallet_provider_slashing::{Call as SlashingCall, FaultKind, Verdict};
use pallet_resource_registry::{Attribute, Call as RegistryCall};

/// The hooks a block runs here: System's and the marketplace's, in the
/// runtime's order. (`ParachainSystem` and `Timestamp` need the inherents
/// of a collator, which a native run has no relay chain for.)
type Market = (ResourceRegistry, BidMatching, LeaseEscrow, ProviderSlashing);

/// At most this many actions per input; a longer input is cut here.
pub const MAX_ACTIONS: usize = 1_024;

/// The manifest hash of the well-formed orders.
const MANIFEST: H256 = H256::repeat_byte(0x4d);

/// What a run did, summed over inputs.
#[derive(Default, Debug, Clone)]
pub struct Stats {
	/// Inputs run.
	pub inputs: u64,
	/// Calls dispatched.
	pub calls: u64,
	/// Calls that succeeded.
	pub succeeded: u64,
	/// Blocks advanced (each runs the hooks).
	pub blocks: u64,
	/// Outcome of each call kind: `kind` -> (succeeded, failed).
	pub by_call: BTreeMap<&'static str, (u64, u64)>,
	/// How often each error came back, by call and error name.
	pub errors: BTreeMap<String, u64>,
	/// Issuance moved by `pallet_balances` events (dust removal): total plancks.
	pub issuance_moved: u128,
	/// How often each outcome of a block hook, and each end of a report or
	/// a jail, was reached.
	pub reached: BTreeMap<&'static str, u64>,
}

/// The outcomes a run must reach for its figures to mean something: each
/// path of the block hooks, and how reports and jails end.
pub const PATHS: [&str; 19] = [
	"order matched by the hook",
	"order expired",
	"bid displaced from a full book",
	"bid forfeited at the window's end",
	"lease opened in a foreign asset",
	"lease settled, something accrued",
	"provider paid by a withdrawal",
	"lease closed by the hook, run dry",
	"lease closed by the hook, not ready",
	"lease announced running low",
	"lease closed by its tenant, provider unreachable",
	"tenant of a lease in a foreign asset compensated by a slash",
	"report upheld at its deadline",
	"report dismissed at its deadline",
	"report upheld by the adjudicator",
	"report rejected by the adjudicator",
	"report dismissed by the adjudicator",
	"provider jailed",
	"provider unjailed",
];

impl Stats {
	pub fn merge(&mut self, other: &Stats) {
		self.inputs += other.inputs;
		self.calls += other.calls;
		self.succeeded += other.succeeded;
		self.blocks += other.blocks;
		for (kind, (ok, failed)) in &other.by_call {
			let entry = self.by_call.entry(*kind).or_default();
			entry.0 += ok;
			entry.1 += failed;
		}
		for (error, n) in &other.errors {
			*self.errors.entry(error.clone()).or_default() += n;
		}
		self.issuance_moved += other.issuance_moved;
		for (path, n) in &other.reached {
			*self.reached.entry(path).or_default() += n;
		}
	}

	/// The call kinds that never succeeded and the paths never reached.
	pub fn unreached(&self) -> Vec<&'static str> {
		let calls = KINDS
			.iter()
			.map(|(name, _)| *name)
			.filter(|name| !matches!(*name, "next_blocks" | "jump" | "catch_up"))
			.filter(|name| !SCENARIOS.contains(name))
			.filter(|name| self.by_call.get(name).is_none_or(|(ok, _)| *ok == 0));
		let paths = PATHS.into_iter().filter(|path| !self.reached.contains_key(path));
		calls.chain(paths).collect()
	}
}

/// The development genesis, built once.
fn genesis() -> &'static Storage {
	static GENESIS: OnceLock<Storage> = OnceLock::new();
	GENESIS.get_or_init(|| {
		stratus_runtime::genesis_config_presets::preset_storage(&"development".into())
			.expect("the development preset builds")
	})
}

/// Runs the actions `data` encodes on a fresh development chain, adding to
/// `stats`. Panics if an invariant breaks or a call or hook panics.
pub fn run(data: &[u8], stats: &mut Stats) {
	let mut ext = sp_io::TestExternalities::new(genesis().clone());
	ext.execute_with(|| {
		let mut fuzz = Fuzz::new(Input::new(data), stats);
		fuzz.start();
		let mut actions = 0;
		while !fuzz.input.is_empty() && actions < MAX_ACTIONS {
			fuzz.step();
			actions += 1;
		}
	});
	stats.inputs += 1;
}

/// The accounts in the auditor set now.
fn auditor_accounts() -> Vec<AccountId> {
	pallet_resource_registry::Auditors::<Runtime>::get().into_iter().map(|a| a.account).collect()
}

/// The accounts calls come from: the six funded dev accounts (Alice holds
/// the sudo key; Alice, Bob and Charlie sit on the Council) and two
/// strangers with nothing.
fn actors() -> Vec<AccountId> {
	use Sr25519Keyring::*;
	let mut actors: Vec<AccountId> =
		[Alice, Bob, Charlie, Dave, Eve, Ferdie].map(|k| k.to_account_id()).into();
	actors.extend([[0xaa; 32], [0xbb; 32]].map(AccountId::from));
	actors
}

/// The jammer's accounts: more than a bid book holds.
fn jammers() -> Vec<AccountId> {
	(0..24u8)
		.map(|i| {
			let mut raw = [0xee; 32];
			raw[31] = i;
			AccountId::from(raw)
		})
		.collect()
}

/// What `who` owns in STRA, free and held.
fn worth(who: &AccountId) -> Balance {
	use stratus_runtime::frame_support::traits::fungible::Inspect;
	<Balances as Inspect<AccountId>>::total_balance(who)
}

/// What `who` owns of the foreign asset `asset`, free and held.
fn foreign_worth(asset: &Location, who: &AccountId) -> Balance {
	use stratus_runtime::frame_support::traits::fungibles::Inspect;
	<stratus_runtime::ForeignAssets as Inspect<AccountId>>::total_balance(asset.clone(), who)
}

/// A dollar in USDT's units (6 decimals).
const USDT_DOLLAR: Balance = 1_000_000;
/// What each actor holds of USDT from the start.
const USDT_HOLDING: Balance = 100_000 * USDT_DOLLAR;

/// How much to check after a block.
#[derive(Clone, Copy)]
enum Check {
	/// Every invariant.
	Full,
	/// The events only.
	Events,
}

struct Fuzz<'a, 's> {
	input: Input<'a>,
	stats: &'s mut Stats,
	actors: Vec<AccountId>,
	/// Total issuance as the events since genesis account for it.
	expected_issuance: Balance,
	/// Events of the current block already accounted.
	seen_events: usize,
	/// Each foreign asset's supply once the run minted the actors' holdings:
	/// the marketplace never mints or burns one, so it must stay so.
	foreign_supply: Vec<(Location, Balance)>,
	/// Every account whose holds are checked: the actors and the jammer's.
	watched: Vec<AccountId>,
	/// Whether each lease opened in this input is in a foreign asset.
	foreign_leases: BTreeMap<u64, bool>,
	/// The lease of each report filed in this input.
	reported_leases: BTreeMap<u64, u64>,
}

/// The actions and how often each is drawn (out of the weights' sum).
/// Block advances are common so that windows end and leases accrue; long
/// jumps and parameter changes are rare so that a run keeps its state. The
/// last ones are adversarial actors, each several calls in a row (see
/// [`Fuzz::scenario`]).
const KINDS: [(&str, u8); 49] = [
	("register_provider", 4),
	("update_provider", 2),
	("pause_provider", 1),
	("resume_provider", 1),
	("deregister_provider", 1),
	("add_auditor", 1),
	("remove_auditor", 1),
	("audit_provider", 2),
	("revoke_audit", 1),
	("drop_audit", 1),
	("heartbeat", 8),
	("announce_maintenance", 1),
	("create_order", 6),
	("cancel_order", 1),
	("place_bid", 10),
	("withdraw_bid", 1),
	("accept_bid", 4),
	("evict_bid", 2),
	("deposit", 3),
	("withdraw", 3),
	("settle", 3),
	("close_lease", 2),
	("claim_refund", 2),
	("forget_lease", 1),
	("confirm_ready", 6),
	("update_manifest", 1),
	("bond", 4),
	("unbond", 2),
	("withdraw_unbonded", 1),
	("report_fault", 3),
	("dispute", 2),
	("resolve_report", 2),
	("unjail", 1),
	("unjail_provider", 1),
	("transfer_keep_alive", 2),
	("transfer_allow_death", 1),
	("set_parameter", 1),
	("accept_asset", 1),
	("drop_asset", 1),
	("next_blocks", 6),
	("jump", 1),
	("catch_up", 1),
	("self_dealer", 4),
	("jammer", 1),
	("report_spammer", 1),
	("jail_server", 1),
	("edge_governor", 1),
	("disputer", 2),
	("auditor_churn", 1),
];

/// The calls an actor of [`KINDS`] makes, counted under their own names.
const SCENARIOS: [&str; 7] = [
	"self_dealer",
	"jammer",
	"report_spammer",
	"jail_server",
	"edge_governor",
	"disputer",
	"auditor_churn",
];

impl<'a, 's> Fuzz<'a, 's> {
	fn new(input: Input<'a>, stats: &'s mut Stats) -> Self {
		Self {
			input,
			stats,
			actors: actors(),
			expected_issuance: 0,
			seen_events: 0,
			foreign_supply: Vec::new(),
			watched: actors().into_iter().chain(jammers()).collect(),
			foreign_leases: BTreeMap::new(),
			reported_leases: BTreeMap::new(),
		}
	}

	fn start(&mut self) {
		System::set_block_number(1);
		System::on_initialize(1);
		Market::on_initialize(1);
		self.expected_issuance = Balances::total_issuance();
		self.check("genesis");
		// USDT has a rate, so governance may accept it for the market once
		// the treasury can pay its account's deposit; USDC and DOT have none.
		let rate = pallet_asset_rate::Call::create {
			asset_kind: Box::new(usdt()),
			rate: sp_runtime::FixedU128::from_u32(2_000_000),
		};
		self.dispatch("create_rate", RuntimeOrigin::root(), rate.into());
		// Every actor holds USDT, as a reserve transfer from Asset Hub would
		// leave it; in three inputs of four governance accepts it for the
		// market from the start (if the treasury can open its account).
		for actor in self.actors.clone() {
			let minted = <stratus_runtime::ForeignAssets as Mutate<AccountId>>::mint_into(
				usdt(),
				&actor,
				USDT_HOLDING,
			);
			assert!(minted.is_ok(), "minting USDT for the fuzz actors: {minted:?}");
		}
		self.foreign_supply =
			[usdt(), usdc(), dot()].map(|asset| (asset.clone(), foreign_supply(asset))).into();
		if self.input.below(4) != 0 {
			// The treasury pays its USDT account's deposit in STRA.
			let fund = pallet_balances::Call::transfer_keep_alive {
				dest: stratus_runtime::configs::treasury::TreasuryAccount::get().into(),
				value: UNIT,
			};
			self.dispatch(
				"fund_treasury",
				RuntimeOrigin::signed(self.actors[0].clone()),
				fund.into(),
			);
			let accept = pallet_market_parameters::Call::accept_asset { asset: Box::new(usdt()) };
			// Setup, not a call the run made: counted under its own name.
			self.dispatch("setup: accept_asset", RuntimeOrigin::root(), accept.into());
		}
		// Half the inputs run with short periods, so that report deadlines
		// and grace periods come within the blocks an input spans.
		if self.input.bool() {
			use market::Parameters as P;
			let shortest = |range: Range<BlockNumber>, input: &mut Input, spread: usize| {
				range.min.saturating_add(input.below(spread) as BlockNumber)
			};
			let short = [
				P::DisputeWindow(
					market::DisputeWindow,
					Some(shortest(bounds::DISPUTE_WINDOW, &mut self.input, 8)),
				),
				P::AdjudicationPeriod(
					market::AdjudicationPeriod,
					Some(shortest(bounds::ADJUDICATION_PERIOD, &mut self.input, 16)),
				),
				P::ReportGracePeriod(
					market::ReportGracePeriod,
					Some(shortest(bounds::REPORT_GRACE_PERIOD, &mut self.input, 12)),
				),
				P::ReadyWindow(
					market::ReadyWindow,
					Some(shortest(bounds::READY_WINDOW, &mut self.input, 12)),
				),
				// Silent providers within an input's blocks, beating ones
				// reachable still.
				P::HeartbeatInterval(
					market::HeartbeatInterval,
					Some(shortest(bounds::HEARTBEAT_INTERVAL, &mut self.input, 40)),
				),
			];
			for value in short {
				let call = pallet_market_parameters::Call::set_parameter {
					key_value: RuntimeParameters::Market(value),
				};
				self.dispatch("set_parameter", RuntimeOrigin::root(), call.into());
			}
		}
	}

	fn step(&mut self) {
		let total: u32 = KINDS.iter().map(|(_, weight)| u32::from(*weight)).sum();
		let mut draw = u32::from(u16::from_le_bytes([self.input.u8(), self.input.u8()])) % total;
		let mut kind = KINDS[0].0;
		for (name, weight) in KINDS {
			if draw < u32::from(weight) {
				kind = name;
				break;
			}
			draw -= u32::from(weight);
		}
		match kind {
			"next_blocks" => {
				let n = 1 + self.input.below(4);
				for _ in 0..n {
					self.next_block(1);
				}
			},
			"catch_up" => {
				// Blocks until every hook's cursor has reached the current
				// block (after a jump they visit the skipped slots, a bounded
				// number a block), at most 200; checked in full at the end.
				for _ in 0..200 {
					if hooks_caught_up() {
						break;
					}
					self.advance(1, Check::Events);
				}
				self.check("catch-up");
			},
			name if SCENARIOS.contains(&name) => self.scenario(name),
			"jump" => {
				// Long waits (unbonding, jail, dispute window) in one block:
				// the hooks then catch up from their cursors, bounded per block.
				let by = self.input.pick(&[
					market::DisputeWindow::get(),
					market::ReportGracePeriod::get(),
					market::AdjudicationPeriod::get(),
					market::ReadyWindow::get(),
					7 * DAYS,
					<Runtime as pallet_bid_matching::Config>::MaxBidWindow::get(),
				]);
				self.next_block(by);
			},
			name => {
				let (origin, call) = self.call(name);
				self.dispatch(name, origin, call);
			},
		}
	}

	/// An adversarial actor: several calls in a row, each dispatched and
	/// checked as any other.
	fn scenario(&mut self, name: &'static str) {
		match name {
			// One owner with two accounts: leases to itself on a small budget,
			// then cuts the lease short, reports itself, lets it run dry, or
			// closes and reports in the grace period.
			// Within the block it plays in, what the owner's two accounts
			// own together never grows: self-dealing does not pay.
			"self_dealer" => {
				let provider = self.actor();
				let tenant = self.actor();
				let owned = || {
					let mut pair = vec![provider.clone()];
					if tenant != provider {
						pair.push(tenant.clone());
					}
					pair.iter().fold((0, 0), |(stra, in_usdt), who| {
						(stra + worth(who), in_usdt + foreign_worth(&usdt(), who))
					})
				};
				// A third of the time in USDT (once the market takes it),
				// billed a few blocks, then cut short by the provider: the
				// tenant is compensated, never beyond what it paid (the
				// invariants check it; blocks pass, so other leases may pay
				// these accounts and the sum is not compared).
				use stratus_runtime::frame_support::traits::Contains;
				let usdt_accepted =
					pallet_market_parameters::Accepted::<Runtime>::contains(&usdt());
				if usdt_accepted && self.input.below(3) == 0 {
					let asset = MarketAsset::WithId(usdt());
					let Some(lease_id) =
						self.self_lease_in(&provider, &tenant, asset, USDT_DOLLAR / 100)
					else {
						return;
					};
					let billed = 1 + self.input.below(5) as BlockNumber;
					self.next_block(billed);
					self.signed_call(&provider, EscrowCall::close_lease { lease_id });
					return;
				}
				let before = owned();
				let Some(lease_id) = self.self_lease(&provider, &tenant) else { return };
				match self.input.below(4) {
					0 => self.signed_call(&provider, EscrowCall::close_lease { lease_id }),
					1 => self.report_and_dispute(&tenant, &provider, lease_id),
					2 => {},
					_ => {
						self.signed_call(&tenant, EscrowCall::close_lease { lease_id });
						self.report_and_dispute(&tenant, &provider, lease_id);
					},
				}
				let after = owned();
				assert!(
					after.0 <= before.0 && after.1 <= before.1,
					"self-dealing on lease {lease_id} paid off: (STRA, USDT) owned went from {before:?} to {after:?} at block {}",
					System::block_number()
				);
			},
			// Providers that bid on an open order and then pause, from
			// several accounts of the jammer's, to jam its book: half the
			// time from more accounts than the book holds.
			"jammer" => {
				let (order_id, _, _) = self.order();
				let price = self.price(order_id);
				let book: u32 = <Runtime as pallet_bid_matching::Config>::MaxBidsPerOrder::get();
				let count =
					if self.input.bool() { book as usize + 2 } else { 1 + self.input.below(6) };
				// Each a little cheaper than the last, so that once the book
				// is full each new bid displaces the dearest.
				for (i, who) in jammers().into_iter().take(count).enumerate() {
					self.fund_jammer(&who);
					self.make_bidder(&who);
					let price = price.saturating_sub(i as Balance).max(1);
					self.signed_call(&who, BidCall::place_bid { order_id, price });
					self.signed_call(&who, RegistryCall::pause_provider {});
				}
			},
			// A tenant reporting every lease it may report.
			"report_spammer" => {
				let tenant = self.actor();
				let now = System::block_number();
				let mut leases: Vec<u64> = pallet_lease_escrow::Leases::<Runtime>::iter()
					.filter(|(_, lease)| lease.tenant == tenant)
					.map(|(id, _)| id)
					.collect();
				leases.extend(
					pallet_lease_escrow::ClosedLeases::<Runtime>::iter()
						.filter(|(_, c)| c.tenant == tenant && now < c.reportable_until)
						.map(|(id, _)| id),
				);
				for lease_id in leases.into_iter().take(20) {
					let kind = self.fault_kind();
					let evidence = self.evidence();
					self.signed_call(
						&tenant,
						SlashingCall::report_fault { lease_id, kind, evidence },
					);
				}
			},
			// A jailed provider serving out its jail: the period passes (the
			// hooks catch up later), the bond is topped up, and it unjails.
			"jail_server" => {
				let who = self.jailed();
				if self.input.bool() {
					// The adjudicator lets it out before its time.
					let call = SlashingCall::unjail_provider { provider: who };
					self.dispatch("unjail_provider", RuntimeOrigin::root(), call.into());
					return;
				}
				let period: BlockNumber =
					<Runtime as pallet_provider_slashing::Config>::JailPeriod::get();
				self.next_block(period);
				self.top_up_bond(&who);
				self.signed_call(&who, SlashingCall::unjail {});
			},
			// Governance setting a parameter to the edge of what it can hold.
			"edge_governor" => {
				use market::Parameters as P;
				let value = match self.input.below(21) {
					0 => P::TakeRate(market::TakeRate, Some(self.edge_share(bounds::TAKE_RATE))),
					1 => P::MinProviderBond(
						market::MinProviderBond,
						Some(self.edge_amount(bounds::MIN_PROVIDER_BOND)),
					),
					2 => P::OrderDeposit(
						market::OrderDeposit,
						Some(self.edge_amount(bounds::ORDER_DEPOSIT)),
					),
					3 => P::BidForfeit(
						market::BidForfeit,
						Some(self.edge_amount(bounds::BID_FORFEIT)),
					),
					4 => P::ReportDeposit(
						market::ReportDeposit,
						Some(self.edge_amount(bounds::REPORT_DEPOSIT)),
					),
					5 => P::EarlyCloseSlash(
						market::EarlyCloseSlash,
						Some(self.edge_share(bounds::SLASH)),
					),
					6 => P::NotDeliveredSlash(
						market::NotDeliveredSlash,
						Some(self.edge_share(bounds::SLASH)),
					),
					7 => P::UnavailableSlash(
						market::UnavailableSlash,
						Some(self.edge_share(bounds::SLASH)),
					),
					8 => P::BelowSpecSlash(
						market::BelowSpecSlash,
						Some(self.edge_share(bounds::SLASH)),
					),
					9 => P::CompensationShare(
						market::CompensationShare,
						Some(self.edge_share(bounds::COMPENSATION_SHARE)),
					),
					10 => P::AdjudicationPeriod(
						market::AdjudicationPeriod,
						Some(self.edge_blocks(bounds::ADJUDICATION_PERIOD)),
					),
					11 => P::ReportGracePeriod(
						market::ReportGracePeriod,
						Some(self.edge_blocks(bounds::REPORT_GRACE_PERIOD)),
					),
					12 => P::ReadyWindow(
						market::ReadyWindow,
						Some(self.edge_blocks(bounds::READY_WINDOW)),
					),
					13 => P::RunningLowNotice(
						market::RunningLowNotice,
						Some(self.edge_blocks(bounds::RUNNING_LOW_NOTICE)),
					),
					14 => P::HeartbeatInterval(
						market::HeartbeatInterval,
						Some(self.edge_blocks(bounds::HEARTBEAT_INTERVAL)),
					),
					15 => P::MaintenanceNotice(
						market::MaintenanceNotice,
						Some(self.edge_blocks(bounds::MAINTENANCE_NOTICE)),
					),
					16 => P::MaxMaintenance(
						market::MaxMaintenance,
						Some(self.edge_blocks(bounds::MAX_MAINTENANCE)),
					),
					17 => P::MaintenanceSpacing(
						market::MaintenanceSpacing,
						Some(self.edge_blocks(bounds::MAINTENANCE_SPACING)),
					),
					18 => P::LeaseStakeRatio(
						market::LeaseStakeRatio,
						Some(self.edge_share(bounds::LEASE_STAKE_RATIO)),
					),
					19 => P::MinLeaseStake(
						market::MinLeaseStake,
						Some(self.edge_amount(bounds::MIN_LEASE_STAKE)),
					),
					_ => P::DisputeWindow(
						market::DisputeWindow,
						Some(self.edge_blocks(bounds::DISPUTE_WINDOW)),
					),
				};
				let call = pallet_market_parameters::Call::set_parameter {
					key_value: RuntimeParameters::Market(value),
				};
				self.dispatch("set_parameter", RuntimeOrigin::root(), call.into());
			},
			// A provider disputing the open reports against it.
			"disputer" => {
				let open: Vec<(u64, AccountId)> =
					pallet_provider_slashing::Reports::<Runtime>::iter()
						.filter(|(_, r)| r.status == pallet_provider_slashing::ReportStatus::Open)
						.map(|(id, r)| (id, r.provider))
						.collect();
				for (report_id, provider) in open.into_iter().take(8) {
					let evidence = self.evidence();
					self.signed_call(&provider, SlashingCall::dispute { report_id, evidence });
				}
			},
			// Governance admits an auditor, which vouches for a provider's
			// declared attributes; then the auditor is removed or the
			// provider leaves, and anyone drops the audit that no longer
			// counts.
			"auditor_churn" => {
				let auditor = self.actor();
				let provider = self.provider();
				let call = RegistryCall::add_auditor { who: auditor.clone() };
				self.dispatch("add_auditor", RuntimeOrigin::root(), call.into());
				let attributes = pallet_resource_registry::Providers::<Runtime>::get(&provider)
					.map(|info| info.attributes)
					.unwrap_or_default();
				self.signed_call(
					&auditor,
					RegistryCall::audit_provider { provider: provider.clone(), attributes },
				);
				if self.input.bool() {
					let call = RegistryCall::remove_auditor { who: auditor.clone() };
					self.dispatch("remove_auditor", RuntimeOrigin::root(), call.into());
				} else {
					self.signed_call(&provider, RegistryCall::deregister_provider {});
				}
				let who = self.actor();
				self.signed_call(&who, RegistryCall::drop_audit { provider, auditor });
			},
			other => unreachable!("{other} is not a scenario"),
		}
	}

	/// `tenant` leases from `provider` on a plain order with a small budget:
	/// `provider` registers and bonds first if it must. Returns the lease.
	fn self_lease(&mut self, provider: &AccountId, tenant: &AccountId) -> Option<u64> {
		self.self_lease_in(provider, tenant, MarketAsset::Native, UNIT / 1_000)
	}

	/// [`Self::self_lease`] paid in `asset` at `price` a block.
	fn self_lease_in(
		&mut self,
		provider: &AccountId,
		tenant: &AccountId,
		asset: MarketAsset,
		price: Balance,
	) -> Option<u64> {
		self.make_bidder(provider);
		let min_blocks: u32 = <Runtime as pallet_bid_matching::Config>::MinLeaseBlocks::get();
		let blocks = self.input.pick(&[min_blocks, min_blocks + 1, 50, 300]);
		let order_id = pallet_bid_matching::NextOrderId::<Runtime>::get();
		self.signed_call(
			tenant,
			BidCall::create_order {
				manifest: MANIFEST,
				resources: Resources {
					cpu_millicores: 500,
					memory_mib: 512,
					storage_gib: 5,
					gpu_units: 0,
				},
				attributes: Default::default(),
				auditor: None,
				requirements: Default::default(),
				max_price_per_block: price,
				budget: price * u128::from(blocks),
				bid_window: <Runtime as pallet_bid_matching::Config>::MinBidWindow::get(),
				asset,
			},
		);
		let bid = price - u128::from(self.input.u8());
		self.signed_call(provider, BidCall::place_bid { order_id, price: bid });
		let lease_id = pallet_lease_escrow::NextLeaseId::<Runtime>::get();
		self.signed_call(tenant, BidCall::accept_bid { order_id, provider: provider.clone() });
		if !pallet_lease_escrow::Leases::<Runtime>::contains_key(lease_id) {
			return None;
		}
		// Mostly started; otherwise left to close `NotReady`.
		if self.input.below(4) != 0 {
			self.signed_call(provider, EscrowCall::confirm_ready { lease_id });
		}
		Some(lease_id)
	}

	/// Gives the jammer's account `who` what it needs to register and bond,
	/// from Alice, if it has less.
	fn fund_jammer(&mut self, who: &AccountId) {
		let needs = market::MinProviderBond::get().saturating_add(100 * UNIT);
		let has = pallet_balances::Pallet::<Runtime>::free_balance(who);
		if has < needs {
			let fund = pallet_balances::Call::transfer_keep_alive {
				dest: who.clone().into(),
				value: needs - has,
			};
			self.dispatch(
				"setup: fund a jammer",
				RuntimeOrigin::signed(self.actors[0].clone()),
				fund.into(),
			);
		}
	}

	/// Registers `who` with room for small orders if it is not, resumes it
	/// if paused, sends a heartbeat and tops its bond up to the minimum.
	fn make_bidder(&mut self, who: &AccountId) {
		if !pallet_resource_registry::Providers::<Runtime>::contains_key(who) {
			self.signed_call(
				who,
				RegistryCall::register_provider {
					capacity: Resources {
						cpu_millicores: 64_000,
						memory_mib: 65_536,
						storage_gib: 1_000,
						gpu_units: 0,
					},
					attributes: Default::default(),
					host_uri: BoundedVec::truncate_from(b"https://provider.example".to_vec()),
				},
			);
		}
		self.signed_call(who, RegistryCall::resume_provider {});
		self.signed_call(who, RegistryCall::heartbeat {});
		self.top_up_bond(who);
	}

	/// Bonds what `who` lacks of the minimum.
	fn top_up_bond(&mut self, who: &AccountId) {
		let bonded = pallet_provider_slashing::Bonds::<Runtime>::get(who).map_or(0, |b| b.bonded);
		let lacking = market::MinProviderBond::get().saturating_sub(bonded);
		if lacking > 0 {
			self.signed_call(who, SlashingCall::bond { amount: lacking });
		}
	}

	/// `tenant` reports `lease_id`; now and then `provider` disputes it.
	fn report_and_dispute(&mut self, tenant: &AccountId, provider: &AccountId, lease_id: u64) {
		let report_id = pallet_provider_slashing::NextReportId::<Runtime>::get();
		let kind = self.fault_kind();
		let evidence = self.evidence();
		self.signed_call(tenant, SlashingCall::report_fault { lease_id, kind, evidence });
		if self.input.bool() {
			let evidence = self.evidence();
			self.signed_call(provider, SlashingCall::dispute { report_id, evidence });
		}
	}

	/// Dispatches `call` signed by `who`, counted under the call's name.
	fn signed_call(&mut self, who: &AccountId, call: impl Into<RuntimeCall>) {
		let call = call.into();
		let name = call_name(&call);
		self.dispatch(name, RuntimeOrigin::signed(who.clone()), call);
	}

	fn fault_kind(&mut self) -> FaultKind {
		self.input.pick(&[FaultKind::NotDelivered, FaultKind::Unavailable, FaultKind::BelowSpec])
	}

	/// Ends the block and starts the one `by` later, then checks.
	fn next_block(&mut self, by: BlockNumber) {
		self.advance(by, Check::Full);
	}

	/// Ends the block and starts the one `by` later. With `Check::Events`
	/// only the events are accounted (issuance, outcomes reached): for the
	/// blocks of a catch-up, whose end is then checked in full.
	fn advance(&mut self, by: BlockNumber, check: Check) {
		let now = System::block_number();
		Market::on_finalize(now);
		System::on_finalize(now);
		self.after("on_finalize", check);
		let next = now.saturating_add(by);
		// A new block starts with no events, as `frame_executive` starts it.
		System::reset_events();
		self.seen_events = 0;
		System::set_block_number(next);
		System::on_initialize(next);
		Market::on_initialize(next);
		self.stats.blocks += 1;
		self.after("on_initialize", check);
	}

	fn after(&mut self, what: &str, check: Check) {
		match check {
			Check::Full => self.check(what),
			Check::Events => self.tally_events(what),
		}
	}

	fn dispatch(&mut self, name: &'static str, origin: RuntimeOrigin, call: RuntimeCall) {
		self.stats.calls += 1;
		let result = call.dispatch(origin);
		let entry = self.stats.by_call.entry(name).or_default();
		match result {
			Ok(_) => {
				entry.0 += 1;
				self.stats.succeeded += 1;
			},
			Err(e) => {
				entry.1 += 1;
				let key = format!("{name}: {}", error_name(e.error));
				*self.stats.errors.entry(key).or_default() += 1;
			},
		}
		self.check(name);
	}

	/// The invariants: issuance moved by nothing but dust, each pallet's
	/// `try_state` and the checks across them, and every actor's holds
	/// equal to what the records say it owes. Counts the outcomes reached.
	fn check(&mut self, after: &str) {
		self.tally_events(after);
		let block = System::block_number();
		if let Err(broken) = stratus_runtime::invariants::check_market() {
			panic!("{broken}, after {after} at block {block}");
		}
		if let Err(broken) = stratus_runtime::invariants::check_holds(&self.watched) {
			panic!("{broken}, after {after} at block {block}");
		}
	}

	/// Accounts the events since the last look: the issuance they allow
	/// (checked here) and the outcomes they show.
	fn tally_events(&mut self, after: &str) {
		let events = System::read_events_no_consensus().collect::<Vec<_>>();
		let hook = after == "on_initialize";
		for record in events.iter().skip(self.seen_events) {
			// `DustRemoval` is `()`: a reaped account's dust is destroyed, and
			// that is the only way the marketplace may change the issuance
			// (a pallet that paid by minting, or lost money by burning, would
			// be caught by the issuance check below).
			if let RuntimeEvent::Balances(pallet_balances::Event::DustLost { amount, .. }) =
				&record.event
			{
				self.expected_issuance = self.expected_issuance.saturating_sub(*amount);
				self.stats.issuance_moved += amount;
			}
			match &record.event {
				RuntimeEvent::LeaseEscrow(pallet_lease_escrow::Event::LeaseOpened {
					lease_id,
					asset,
					..
				}) => {
					self.foreign_leases.insert(*lease_id, matches!(asset, MarketAsset::WithId(_)));
				},
				RuntimeEvent::ProviderSlashing(
					pallet_provider_slashing::Event::FaultReported { report_id, lease_id, .. },
				) => {
					self.reported_leases.insert(*report_id, *lease_id);
				},
				// The hook could not close a lease that ran dry: it stays
				// open unpaid, which the marketplace promises never happens.
				RuntimeEvent::LeaseEscrow(pallet_lease_escrow::Event::AutoCloseFailed {
					lease_id,
					error,
				}) => panic!(
					"the hook could not close lease {lease_id} that ran dry ({}), after {after} at block {}",
					error_name(*error),
					System::block_number()
				),
				_ => {},
			}
			let foreign = |reason: &pallet_provider_slashing::SlashReason| {
				use pallet_provider_slashing::SlashReason::*;
				let lease = match reason {
					EarlyClose { lease_id } | NotReady { lease_id } | Unreachable { lease_id } => {
						Some(*lease_id)
					},
					Report { report_id, .. } => self.reported_leases.get(report_id).copied(),
					UnservableBid { .. } => None,
				};
				lease.and_then(|id| self.foreign_leases.get(&id).copied()).unwrap_or(false)
			};
			if let Some(path) = reached(&record.event, hook, foreign) {
				*self.stats.reached.entry(path).or_default() += 1;
			}
		}
		self.seen_events = events.len();
		let block = System::block_number();
		for (asset, minted) in &self.foreign_supply {
			let supply = foreign_supply(asset.clone());
			assert_eq!(
				supply, *minted,
				"the supply of {asset:?} is {supply}, not the {minted} minted, after {after} at block {block}"
			);
			let owned = foreign_owned(asset);
			assert_eq!(
				owned, supply,
				"the accounts of {asset:?} own {owned} (free and held), not its supply {supply}, after {after} at block {block}"
			);
		}
		let issuance = Balances::total_issuance();
		assert_eq!(
			issuance, self.expected_issuance,
			"total issuance {issuance} differs from the {} the events account for, after {after} at block {block}",
			self.expected_issuance
		);
	}

	fn actor(&mut self) -> AccountId {
		let i = self.input.below(self.actors.len());
		self.actors[i].clone()
	}

	/// Mostly one of `known` (accounts in the role the call wants), else any actor.
	fn one_of(&mut self, known: Vec<AccountId>) -> AccountId {
		if known.is_empty() || self.input.below(4) == 0 {
			return self.actor();
		}
		let i = self.input.below(known.len());
		known[i].clone()
	}

	/// Mostly a registered provider.
	fn provider(&mut self) -> AccountId {
		let known = pallet_resource_registry::Providers::<Runtime>::iter_keys().collect();
		self.one_of(known)
	}

	/// Mostly an existing audit, which may or may not still count, as
	/// (provider, auditor).
	fn audit(&mut self) -> (AccountId, AccountId) {
		let audits: Vec<(AccountId, AccountId)> =
			pallet_resource_registry::Audits::<Runtime>::iter_keys().collect();
		if !audits.is_empty() && self.input.below(4) != 0 {
			return audits[self.input.below(audits.len())].clone();
		}
		(self.provider(), self.one_of(auditor_accounts()))
	}

	/// Mostly a jailed provider.
	fn jailed(&mut self) -> AccountId {
		let jailed = pallet_provider_slashing::Bonds::<Runtime>::iter()
			.filter(|(_, bond)| bond.jailed_at.is_some())
			.map(|(who, _)| who)
			.collect();
		self.one_of(jailed)
	}

	/// Mostly a bonded account.
	fn bonded(&mut self) -> AccountId {
		let known = pallet_provider_slashing::Bonds::<Runtime>::iter_keys().collect();
		self.one_of(known)
	}

	/// Mostly an existing order, with its tenant and its bidders.
	fn order(&mut self) -> (u64, Option<AccountId>, Vec<AccountId>) {
		let id = self.order_id();
		let tenant = pallet_bid_matching::Orders::<Runtime>::get(id).map(|o| o.tenant);
		let bidders = pallet_bid_matching::Orders::<Runtime>::get(id)
			.map(|o| o.bids.into_iter().map(|b| b.provider).collect())
			.unwrap_or_default();
		(id, tenant, bidders)
	}

	/// Mostly an active lease, with its tenant and provider.
	/// Mostly a pending lease and its provider, else any lease and its
	/// parties.
	fn pending_lease(&mut self) -> (u64, Vec<AccountId>) {
		let pending: Vec<(u64, AccountId)> = pallet_lease_escrow::Leases::<Runtime>::iter()
			.filter(|(_, l)| matches!(l.state, pallet_lease_escrow::LeaseState::Pending { .. }))
			.map(|(id, l)| (id, l.provider))
			.collect();
		if !pending.is_empty() && self.input.below(4) != 0 {
			let (id, provider) = pending[self.input.below(pending.len())].clone();
			return (id, vec![provider]);
		}
		self.lease()
	}

	/// A manifest hash: mostly one of a few, now and then zero.
	/// Mostly none; now and then a score (any, or one near the prior) and
	/// a few completed leases.
	fn requirements(&mut self) -> stratus_primitives::TrackRequirements {
		if self.input.below(4) != 0 {
			return Default::default();
		}
		let min_score = match self.input.below(3) {
			0 => self.perbill(),
			_ => Perbill::from_percent(40 + u32::from(self.input.u8()) % 30),
		};
		stratus_primitives::TrackRequirements {
			min_score,
			min_completed: self.input.below(3) as u32,
		}
	}

	fn manifest(&mut self) -> H256 {
		match self.input.below(16) {
			0 => H256::zero(),
			n => H256::repeat_byte(n as u8),
		}
	}

	fn lease(&mut self) -> (u64, Vec<AccountId>) {
		let id = self.lease_id();
		let parties = pallet_lease_escrow::Leases::<Runtime>::get(id)
			.map(|l| vec![l.tenant, l.provider])
			.unwrap_or_default();
		(id, parties)
	}

	/// Mostly an unclaimed third-party deposit of a closed lease, else any
	/// lease id and a small index.
	fn deposit_record(&mut self) -> (u64, u32) {
		let claimable: Vec<(u64, u32)> = pallet_lease_escrow::Deposits::<Runtime>::iter_keys()
			.filter(|(lease_id, _)| {
				pallet_lease_escrow::ClosedLeases::<Runtime>::contains_key(lease_id)
			})
			.collect();
		if !claimable.is_empty() && self.input.below(4) != 0 {
			return claimable[self.input.below(claimable.len())];
		}
		(self.lease_id(), u32::from(self.input.u8() % 4))
	}

	/// Mostly a lease its tenant may report: active, or closed within the
	/// grace period; with its tenant and provider.
	fn reportable_lease(&mut self) -> (u64, Vec<AccountId>) {
		let now = System::block_number();
		let closed: Vec<(u64, Vec<AccountId>)> =
			pallet_lease_escrow::ClosedLeases::<Runtime>::iter()
				.filter(|(_, c)| now < c.reportable_until)
				.map(|(id, c)| (id, vec![c.tenant, c.provider]))
				.collect();
		if !closed.is_empty() && self.input.below(3) == 0 {
			return closed[self.input.below(closed.len())].clone();
		}
		self.lease()
	}

	/// Mostly a closed lease's record, else any lease id.
	fn closed_lease(&mut self) -> u64 {
		let live = pallet_lease_escrow::ClosedLeases::<Runtime>::iter_keys().collect();
		self.id(live, pallet_lease_escrow::NextLeaseId::<Runtime>::get())
	}

	/// Mostly an open report, with its tenant and provider.
	fn report(&mut self) -> (u64, Vec<AccountId>) {
		let id = self.report_id();
		let parties = pallet_provider_slashing::Reports::<Runtime>::get(id)
			.map(|r| vec![r.tenant, r.provider])
			.unwrap_or_default();
		(id, parties)
	}

	/// Mostly the actor's own signature; now and then root or no origin.
	fn signed(&mut self, who: &AccountId) -> RuntimeOrigin {
		match self.input.below(16) {
			0 => RuntimeOrigin::root(),
			1 => RuntimeOrigin::none(),
			_ => RuntimeOrigin::signed(who.clone()),
		}
	}

	/// Governance: root, a Council majority or minority, or a plain account.
	fn governance(&mut self) -> RuntimeOrigin {
		match self.input.below(5) {
			0 | 1 => RuntimeOrigin::root(),
			2 => council(2),
			3 => council(1),
			_ => {
				let who = self.actor();
				RuntimeOrigin::signed(who)
			},
		}
	}

	fn amount(&mut self) -> Balance {
		let bond = market::MinProviderBond::get();
		let bounds = [EXISTENTIAL_DEPOSIT, UNIT, bond, bond.saturating_mul(10), 1_000_000 * UNIT];
		self.input.around_u128(&bounds)
	}

	/// A period at the edge of `range`: an end, one block past it, or an extreme.
	fn edge_blocks(&mut self, range: Range<BlockNumber>) -> BlockNumber {
		let (min, max) = (range.min, range.max);
		self.input.pick(&[0, min.saturating_sub(1), min, max, max.saturating_add(1), u32::MAX])
	}

	/// An amount at the edge of `range`.
	fn edge_amount(&mut self, range: Range<Balance>) -> Balance {
		let (min, max) = (range.min, range.max);
		self.input.pick(&[0, min.saturating_sub(1), min, max, max.saturating_add(1), u128::MAX])
	}

	/// A share at the edge of `range`.
	fn edge_share(&mut self, range: Range<Perbill>) -> Perbill {
		let (min, max) = (range.min.deconstruct(), range.max.deconstruct());
		let parts = self.input.pick(&[
			0,
			min.saturating_sub(1),
			min,
			max,
			max.saturating_add(1),
			Perbill::one().deconstruct(),
		]);
		Perbill::from_parts(parts)
	}

	fn resources(&mut self) -> Resources {
		match self.input.below(8) {
			0 => Resources::default(),
			1..=3 => Resources {
				cpu_millicores: 4_000,
				memory_mib: 8_192,
				storage_gib: 100,
				gpu_units: 0,
			},
			4 | 5 => Resources {
				cpu_millicores: 64_000,
				memory_mib: 262_144,
				storage_gib: 4_000,
				gpu_units: 4,
			},
			6 => Resources {
				cpu_millicores: u64::MAX,
				memory_mib: u64::MAX,
				storage_gib: u64::MAX,
				gpu_units: u32::MAX,
			},
			_ => Resources {
				cpu_millicores: u64::from(self.input.u8()) * 1_000,
				memory_mib: u64::from(self.input.u8()) * 1_024,
				storage_gib: u64::from(self.input.u8()) * 10,
				gpu_units: u32::from(self.input.u8() % 5),
			},
		}
	}

	/// A bounded byte string: a short key from a small set (so that keys
	/// repeat and match), empty, or up to the bound.
	fn text<S: Get<u32>>(&mut self) -> BoundedVec<u8, S> {
		let bytes = match self.input.below(4) {
			0 => {
				self.input.pick(&[&b"region"[..], b"gpu", b"tier", b"eu-west", b"us-east"]).to_vec()
			},
			1 => Vec::new(),
			_ => {
				let len = self.input.len(S::get());
				self.input.bytes(len)
			},
		};
		BoundedVec::truncate_from(bytes)
	}

	/// Mostly a plausible URI; else empty or any bytes up to the bound.
	fn host_uri(&mut self) -> pallet_resource_registry::HostUriOf<Runtime> {
		if self.input.below(4) == 0 {
			return self.text();
		}
		BoundedVec::truncate_from(b"https://provider.example".to_vec())
	}

	fn attributes(&mut self) -> pallet_resource_registry::AttributesOf<Runtime> {
		let max = <Runtime as pallet_resource_registry::Config>::MaxAttributes::get();
		let list = match self.input.below(4) {
			0 => Vec::new(),
			1 => vec![Attribute { key: self.text(), value: self.text() }],
			2 => {
				let len = self.input.len(max).min(max as usize);
				(0..len).map(|_| Attribute { key: self.text(), value: self.text() }).collect()
			},
			_ => vec![Attribute {
				key: BoundedVec::truncate_from(b"region".to_vec()),
				value: BoundedVec::truncate_from(b"eu-west".to_vec()),
			}],
		};
		BoundedVec::truncate_from(list)
	}

	fn required_attributes(&mut self) -> pallet_bid_matching::RequiredAttributesOf<Runtime> {
		let max = <Runtime as pallet_bid_matching::Config>::MaxRequiredAttributes::get();
		// Mostly none or one, so that providers can match.
		let len = match self.input.below(4) {
			0 | 1 => 0,
			2 => 1,
			_ => self.input.len(max).min(max as usize),
		};
		let list =
			(0..len).map(|_| RequiredAttribute { key: self.text(), value: self.text() }).collect();
		BoundedVec::truncate_from(list)
	}

	/// Mostly one of `live` (ids in storage now); else one handed out
	/// before `next`, `next` itself, or the maximum.
	fn id(&mut self, live: Vec<u64>, next: u64) -> u64 {
		if !live.is_empty() && self.input.below(4) != 0 {
			return live[self.input.below(live.len())];
		}
		match self.input.below(8) {
			0 => next,
			1 => u64::MAX,
			_ if next == 0 => 0,
			_ => next - 1 - (u64::from(self.input.u8()) % next),
		}
	}

	fn order_id(&mut self) -> u64 {
		let live = pallet_bid_matching::Orders::<Runtime>::iter_keys().collect();
		self.id(live, pallet_bid_matching::NextOrderId::<Runtime>::get())
	}

	fn lease_id(&mut self) -> u64 {
		let live = pallet_lease_escrow::Leases::<Runtime>::iter_keys().collect();
		self.id(live, pallet_lease_escrow::NextLeaseId::<Runtime>::get())
	}

	fn report_id(&mut self) -> u64 {
		let live = pallet_provider_slashing::Reports::<Runtime>::iter_keys().collect();
		self.id(live, pallet_provider_slashing::NextReportId::<Runtime>::get())
	}

	/// A price: mostly at or under the order's cap, so that bids can win.
	fn price(&mut self, order_id: u64) -> Balance {
		let cap = pallet_bid_matching::Orders::<Runtime>::get(order_id)
			.map(|order| order.max_price_per_block)
			.unwrap_or(UNIT / 1_000);
		match self.input.below(4) {
			0 => self.amount(),
			_ => self.input.around_u128(&[cap, cap / 2]),
		}
	}

	fn evidence(&mut self) -> H256 {
		H256::repeat_byte(self.input.u8())
	}

	fn perbill(&mut self) -> Perbill {
		Perbill::from_parts(self.input.around_u32(1_000_000_000))
	}

	/// What an order is paid in: mostly STRA, else a foreign asset as
	/// [`Self::foreign_asset`] picks it.
	fn market_asset(&mut self) -> MarketAsset {
		match self.input.below(4) {
			0 => MarketAsset::WithId(self.foreign_asset()),
			_ => MarketAsset::Native,
		}
	}

	/// USDT (with a rate), USDC and DOT (without), or a location nobody
	/// registered.
	fn foreign_asset(&mut self) -> Location {
		match self.input.below(4) {
			0 => usdt(),
			1 => usdc(),
			2 => dot(),
			_ => Location::new(1, [Parachain(2000 + u32::from(self.input.u8()))]),
		}
	}

	fn parameter(&mut self) -> RuntimeParameters {
		use market::Parameters as P;
		let value = match self.input.below(21) {
			0 => P::TakeRate(market::TakeRate, Some(self.perbill())),
			1 => P::MinProviderBond(market::MinProviderBond, Some(self.amount())),
			2 => P::OrderDeposit(market::OrderDeposit, Some(self.amount())),
			3 => P::BidForfeit(market::BidForfeit, Some(self.amount())),
			4 => P::ReportDeposit(market::ReportDeposit, Some(self.amount())),
			5 => P::EarlyCloseSlash(market::EarlyCloseSlash, Some(self.perbill())),
			6 => P::NotDeliveredSlash(market::NotDeliveredSlash, Some(self.perbill())),
			7 => P::UnavailableSlash(market::UnavailableSlash, Some(self.perbill())),
			8 => P::BelowSpecSlash(market::BelowSpecSlash, Some(self.perbill())),
			9 => P::CompensationShare(market::CompensationShare, Some(self.perbill())),
			10 => P::AdjudicationPeriod(
				market::AdjudicationPeriod,
				Some(self.input.around_u32(7 * DAYS)),
			),
			11 => {
				P::ReportGracePeriod(market::ReportGracePeriod, Some(self.input.around_u32(DAYS)))
			},
			12 => P::ReadyWindow(market::ReadyWindow, Some(self.input.around_u32(30 * 10))),
			13 => P::RunningLowNotice(market::RunningLowNotice, Some(self.input.around_u32(600))),
			14 => P::HeartbeatInterval(market::HeartbeatInterval, Some(self.input.around_u32(600))),
			15 => P::MaintenanceNotice(market::MaintenanceNotice, Some(self.input.around_u32(600))),
			16 => P::MaxMaintenance(market::MaxMaintenance, Some(self.input.around_u32(3_600))),
			17 => P::MaintenanceSpacing(
				market::MaintenanceSpacing,
				Some(self.input.around_u32(7 * DAYS)),
			),
			18 => P::LeaseStakeRatio(market::LeaseStakeRatio, Some(self.perbill())),
			19 => P::MinLeaseStake(market::MinLeaseStake, Some(self.amount())),
			_ => P::DisputeWindow(market::DisputeWindow, Some(self.input.around_u32(2 * 600))),
		};
		RuntimeParameters::Market(value)
	}

	/// The origin and call of the action `name`.
	fn call(&mut self, name: &'static str) -> (RuntimeOrigin, RuntimeCall) {
		let mut who = self.actor();
		let call: RuntimeCall = match name {
			"register_provider" => RegistryCall::register_provider {
				capacity: self.resources(),
				attributes: self.attributes(),
				host_uri: self.host_uri(),
			}
			.into(),
			"update_provider" => RegistryCall::update_provider {
				capacity: self.resources(),
				attributes: self.attributes(),
				host_uri: self.host_uri(),
			}
			.into(),
			"heartbeat" => {
				who = self.provider();
				RegistryCall::heartbeat {}.into()
			},
			"announce_maintenance" => {
				who = self.provider();
				let from = System::block_number()
					.saturating_add(self.input.around_u32(market::MaintenanceNotice::get()));
				let to = from.saturating_add(self.input.around_u32(market::MaxMaintenance::get()));
				RegistryCall::announce_maintenance { from, to }.into()
			},
			"pause_provider" => {
				who = self.provider();
				RegistryCall::pause_provider {}.into()
			},
			"resume_provider" => {
				who = self.provider();
				RegistryCall::resume_provider {}.into()
			},
			"deregister_provider" => {
				who = self.provider();
				RegistryCall::deregister_provider {}.into()
			},
			"add_auditor" => {
				let call = RegistryCall::add_auditor { who: self.actor() };
				return (self.governance(), call.into());
			},
			"remove_auditor" => {
				let call = RegistryCall::remove_auditor { who: self.actor() };
				return (self.governance(), call.into());
			},
			"audit_provider" => {
				who = self.one_of(auditor_accounts());
				let provider = self.provider();
				// Mostly what the provider declared, so that audits can pass.
				let attributes =
					match pallet_resource_registry::Providers::<Runtime>::get(&provider) {
						Some(info) if self.input.bool() => info.attributes,
						_ => self.attributes(),
					};
				RegistryCall::audit_provider { provider, attributes }.into()
			},
			"revoke_audit" => {
				let (provider, auditor) = self.audit();
				who = auditor;
				RegistryCall::revoke_audit { provider }.into()
			},
			"drop_audit" => {
				// Mostly an audit whose auditor left the set or whose provider
				// left the registry: one that no longer counts.
				let auditors = auditor_accounts();
				let stale: Vec<(AccountId, AccountId)> =
					pallet_resource_registry::Audits::<Runtime>::iter_keys()
						.filter(|(provider, auditor)| {
							!auditors.contains(auditor)
								|| !pallet_resource_registry::Providers::<Runtime>::contains_key(
									provider,
								)
						})
						.collect();
				let (provider, auditor) = if !stale.is_empty() && self.input.bool() {
					stale[self.input.below(stale.len())].clone()
				} else {
					self.audit()
				};
				who = self.actor();
				RegistryCall::drop_audit { provider, auditor }.into()
			},
			"create_order" if self.input.bool() => {
				// A well-formed order that providers can serve, in STRA or,
				// one in three, in USDT.
				let (asset, max_price) = if self.input.below(3) == 0 {
					(MarketAsset::WithId(usdt()), USDT_DOLLAR / 100)
				} else {
					(MarketAsset::Native, UNIT / 1_000)
				};
				BidCall::create_order {
					manifest: MANIFEST,
					resources: Resources {
						cpu_millicores: 1_000,
						memory_mib: 1_024,
						storage_gib: 10,
						gpu_units: 0,
					},
					attributes: Default::default(),
					auditor: None,
					requirements: Default::default(),
					max_price_per_block: max_price,
					budget: max_price * (200 + u128::from(self.input.u8()) * 10),
					bid_window: 20 + u32::from(self.input.u8()) % 180,
					asset,
				}
				.into()
			},
			"create_order" => {
				let window_bound = self.input.pick(&[
					<Runtime as pallet_bid_matching::Config>::MinBidWindow::get(),
					<Runtime as pallet_bid_matching::Config>::MaxBidWindow::get(),
				]);
				let max_price = self.input.around_u128(&[UNIT / 1_000, UNIT]);
				let budget = match self.input.below(3) {
					0 => self.amount(),
					// Enough for the minimum lease term, or just short of it.
					_ => max_price.saturating_mul(self.input.around_u128(&[100, 1_000]) % 10_000),
				};
				let auditor = if self.input.below(4) == 0 { Some(self.actor()) } else { None };
				BidCall::create_order {
					manifest: self.manifest(),
					resources: self.resources(),
					attributes: self.required_attributes(),
					auditor,
					requirements: self.requirements(),
					max_price_per_block: max_price,
					budget,
					bid_window: match self.input.below(4) {
						0 => self.input.around_u32(window_bound),
						_ => 10 + u32::from(self.input.u8()) % 40,
					},
					asset: self.market_asset(),
				}
				.into()
			},
			"cancel_order" => {
				let (order_id, tenant, _) = self.order();
				who = self.one_of(tenant.into_iter().collect());
				BidCall::cancel_order { order_id }.into()
			},
			"place_bid" => {
				let (order_id, _, _) = self.order();
				who = self.provider();
				BidCall::place_bid { order_id, price: self.price(order_id) }.into()
			},
			"withdraw_bid" => {
				let (order_id, _, bidders) = self.order();
				who = self.one_of(bidders);
				BidCall::withdraw_bid { order_id }.into()
			},
			"accept_bid" => {
				let (order_id, tenant, bidders) = self.order();
				who = self.one_of(tenant.into_iter().collect());
				BidCall::accept_bid { order_id, provider: self.one_of(bidders) }.into()
			},
			"evict_bid" => {
				let (order_id, _, bidders) = self.order();
				who = self.actor();
				BidCall::evict_bid { order_id, provider: self.one_of(bidders) }.into()
			},
			"deposit" => {
				let (lease_id, parties) = self.lease();
				who = self.one_of(parties);
				EscrowCall::deposit { lease_id, amount: self.amount() }.into()
			},
			"withdraw" => {
				let (lease_id, parties) = self.lease();
				who = self.one_of(parties);
				EscrowCall::withdraw { lease_id }.into()
			},
			"settle" => {
				let (lease_id, parties) = self.lease();
				who = self.one_of(parties);
				EscrowCall::settle { lease_id }.into()
			},
			"close_lease" => {
				let (lease_id, parties) = self.lease();
				who = self.one_of(parties);
				EscrowCall::close_lease { lease_id }.into()
			},
			"claim_refund" => {
				let (lease_id, index) = self.deposit_record();
				who = self.actor();
				EscrowCall::claim_refund { lease_id, index }.into()
			},
			"forget_lease" => {
				let lease_id = self.closed_lease();
				who = self.actor();
				EscrowCall::forget_lease { lease_id }.into()
			},
			"confirm_ready" => {
				let (lease_id, parties) = self.pending_lease();
				who = self.one_of(parties);
				EscrowCall::confirm_ready { lease_id }.into()
			},
			"update_manifest" => {
				let (lease_id, parties) = self.lease();
				who = self.one_of(parties);
				EscrowCall::update_manifest { lease_id, manifest: self.manifest() }.into()
			},
			"bond" => {
				who = self.provider();
				// Mostly the minimum or twice it, so that providers can bid.
				let amount = match self.input.below(4) {
					0 => market::MinProviderBond::get(),
					1 => market::MinProviderBond::get().saturating_mul(2),
					_ => self.amount(),
				};
				SlashingCall::bond { amount }.into()
			},
			"unbond" => {
				who = self.bonded();
				SlashingCall::unbond { amount: self.amount() }.into()
			},
			"withdraw_unbonded" => {
				who = self.bonded();
				SlashingCall::withdraw_unbonded {}.into()
			},
			"report_fault" => {
				let (lease_id, parties) = self.reportable_lease();
				who = self.one_of(parties);
				SlashingCall::report_fault {
					lease_id,
					kind: self.fault_kind(),
					evidence: self.evidence(),
				}
				.into()
			},
			"dispute" => {
				let (report_id, parties) = self.report();
				who = self.one_of(parties);
				SlashingCall::dispute { report_id, evidence: self.evidence() }.into()
			},
			"resolve_report" => {
				let (report_id, _) = self.report();
				let verdict =
					self.input.pick(&[Verdict::Uphold, Verdict::Reject, Verdict::Dismiss]);
				let call = SlashingCall::resolve_report { report_id, verdict };
				return (self.governance(), call.into());
			},
			"unjail" => {
				who = self.jailed();
				SlashingCall::unjail {}.into()
			},
			"unjail_provider" => {
				let call = SlashingCall::unjail_provider { provider: self.jailed() };
				return (self.governance(), call.into());
			},
			"transfer_keep_alive" => pallet_balances::Call::transfer_keep_alive {
				dest: self.actor().into(),
				value: self.amount(),
			}
			.into(),
			"transfer_allow_death" => pallet_balances::Call::transfer_allow_death {
				dest: self.actor().into(),
				value: self.amount(),
			}
			.into(),
			"set_parameter" => {
				let call =
					pallet_market_parameters::Call::set_parameter { key_value: self.parameter() };
				return (self.governance(), call.into());
			},
			"accept_asset" => {
				let call = pallet_market_parameters::Call::accept_asset {
					asset: Box::new(self.foreign_asset()),
				};
				return (self.governance(), call.into());
			},
			"drop_asset" => {
				let call = pallet_market_parameters::Call::drop_asset {
					asset: Box::new(self.foreign_asset()),
				};
				return (self.governance(), call.into());
			},
			other => unreachable!("{other} is not a call"),
		};
		(self.signed(&who), call)
	}
}

/// The outcome `event` shows, if it is one of [`PATHS`]; `hook` says whether
/// a block hook deposited it, `foreign` whether a slash's lease is in a
/// foreign asset. Only outcomes that moved money or decided something
/// count: a settlement or withdrawal that paid nothing does not.
fn reached(
	event: &RuntimeEvent,
	hook: bool,
	foreign: impl Fn(&pallet_provider_slashing::SlashReason) -> bool,
) -> Option<&'static str> {
	use pallet_provider_slashing::{Event as Slashing, ResolvedBy};
	use stratus_primitives::CloseReason;
	use Verdict::*;
	match event {
		RuntimeEvent::BidMatching(e) => match e {
			pallet_bid_matching::Event::OrderMatched { .. } if hook => {
				Some("order matched by the hook")
			},
			pallet_bid_matching::Event::OrderExpired { .. } => Some("order expired"),
			pallet_bid_matching::Event::BidDisplaced { .. } => {
				Some("bid displaced from a full book")
			},
			pallet_bid_matching::Event::BidForfeited { .. } if hook => {
				Some("bid forfeited at the window's end")
			},
			_ => None,
		},
		RuntimeEvent::LeaseEscrow(e) => match e {
			pallet_lease_escrow::Event::LeaseOpened { asset: MarketAsset::WithId(_), .. } => {
				Some("lease opened in a foreign asset")
			},
			pallet_lease_escrow::Event::LeaseSettled { accrued_to_provider, .. }
				if *accrued_to_provider > 0 =>
			{
				Some("lease settled, something accrued")
			},
			pallet_lease_escrow::Event::Withdrawn { paid_to_provider, .. }
				if *paid_to_provider > 0 =>
			{
				Some("provider paid by a withdrawal")
			},
			pallet_lease_escrow::Event::LeaseClosed { reason, .. } => match reason {
				CloseReason::InsufficientFunds if hook => Some("lease closed by the hook, run dry"),
				CloseReason::NotReady if hook => Some("lease closed by the hook, not ready"),
				CloseReason::ProviderUnreachable => {
					Some("lease closed by its tenant, provider unreachable")
				},
				_ => None,
			},
			pallet_lease_escrow::Event::LeaseRunningLow { .. } => {
				Some("lease announced running low")
			},
			_ => None,
		},
		RuntimeEvent::ProviderSlashing(e) => match e {
			Slashing::Slashed { to_tenant, reason, .. } if *to_tenant > 0 && foreign(reason) => {
				Some("tenant of a lease in a foreign asset compensated by a slash")
			},
			Slashing::ReportResolved { by, verdict, .. } => match (by, verdict) {
				(ResolvedBy::Adjudicator, Uphold) => Some("report upheld by the adjudicator"),
				(ResolvedBy::Adjudicator, Reject) => Some("report rejected by the adjudicator"),
				(ResolvedBy::Adjudicator, Dismiss) => Some("report dismissed by the adjudicator"),
				(ResolvedBy::Deadline, Uphold) => Some("report upheld at its deadline"),
				(ResolvedBy::Deadline, Dismiss) => Some("report dismissed at its deadline"),
				_ => None,
			},
			Slashing::Jailed { .. } => Some("provider jailed"),
			Slashing::Unjailed { .. } => Some("provider unjailed"),
			_ => None,
		},
		_ => None,
	}
}

/// The supply of the foreign asset `asset`.
fn foreign_supply(asset: Location) -> Balance {
	use stratus_runtime::frame_support::traits::fungibles::Inspect;
	<stratus_runtime::ForeignAssets as Inspect<AccountId>>::total_issuance(asset)
}

/// What every account of the foreign asset `asset` owns of it, free and
/// held, summed.
fn foreign_owned(asset: &Location) -> Balance {
	type Accounts = stratus_runtime::pallet_assets::Account<
		Runtime,
		stratus_runtime::configs::foreign_assets::ForeignAssetsInstance,
	>;
	Accounts::iter_key_prefix(asset)
		.map(|who| foreign_worth(asset, &who))
		.fold(0, Balance::saturating_add)
}

/// Whether every hook's cursor has reached the current block (or has none).
fn hooks_caught_up() -> bool {
	let now = System::block_number();
	let reached = |cursor: Option<BlockNumber>| cursor.is_none_or(|at| at > now);
	reached(pallet_bid_matching::NextUnprocessedBlock::<Runtime>::get())
		&& reached(pallet_lease_escrow::NextUnprocessedBlock::<Runtime>::get())
		&& reached(pallet_provider_slashing::NextUnprocessedBlock::<Runtime>::get())
}

/// The name of a call as [`KINDS`] spells it.
fn call_name(call: &RuntimeCall) -> &'static str {
	use stratus_runtime::frame_support::traits::GetCallName;
	match call {
		RuntimeCall::ResourceRegistry(c) => c.get_call_name(),
		RuntimeCall::BidMatching(c) => c.get_call_name(),
		RuntimeCall::LeaseEscrow(c) => c.get_call_name(),
		RuntimeCall::ProviderSlashing(c) => c.get_call_name(),
		_ => "other",
	}
}

fn council(ayes: u32) -> RuntimeOrigin {
	pallet_collective::RawOrigin::<AccountId, pallet_collective::Instance1>::Members(ayes, 3).into()
}

/// `Pallet::Error` for module errors, the variant otherwise.
fn error_name(error: DispatchError) -> String {
	match error {
		DispatchError::Module(m) => {
			use stratus_runtime::frame_support::traits::PalletInfoAccess;
			let pallets = [
				(stratus_runtime::Balances::index(), "Balances"),
				(ResourceRegistry::index(), "ResourceRegistry"),
				(BidMatching::index(), "BidMatching"),
				(LeaseEscrow::index(), "LeaseEscrow"),
				(ProviderSlashing::index(), "ProviderSlashing"),
				(stratus_runtime::MarketParameters::index(), "MarketParameters"),
			];
			let pallet = pallets.iter().find(|(index, _)| *index == usize::from(m.index));
			format!("{}::{}", pallet.map_or("?", |(_, name)| name), m.message.unwrap_or("?"))
		},
		other => format!("{other:?}"),
	}
}

/// Each of the fuzzer's own oracles shown able to fail: a fresh fuzz chain,
/// started as every input starts it, corrupted in one place, must panic
/// with that oracle's message.
#[cfg(test)]
mod oracles {
	use super::*;
	use stratus_runtime::frame_support::traits::fungible::Mutate as _;

	/// Starts a fuzz chain, applies `corrupt`, then runs the checks made
	/// after every call.
	fn corrupted(corrupt: impl FnOnce()) {
		let mut stats = Stats::default();
		sp_io::TestExternalities::new(genesis().clone()).execute_with(|| {
			let data = [0u8; 64];
			let mut fuzz = Fuzz::new(Input::new(&data), &mut stats);
			fuzz.start();
			corrupt();
			fuzz.check("the corruption");
		});
	}

	fn alice() -> AccountId {
		Sr25519Keyring::Alice.to_account_id()
	}

	#[test]
	fn an_uncorrupted_chain_passes() {
		corrupted(|| ());
	}

	#[test]
	#[should_panic(expected = "total issuance")]
	fn stra_minted_from_nothing() {
		corrupted(|| {
			Balances::mint_into(&alice(), 1).expect("minted");
		});
	}

	#[test]
	#[should_panic(expected = "the supply of")]
	fn a_foreign_asset_minted_from_nothing() {
		corrupted(|| {
			<stratus_runtime::ForeignAssets as Mutate<AccountId>>::mint_into(usdt(), &alice(), 1)
				.expect("minted");
		});
	}

	#[test]
	#[should_panic(expected = "(free and held), not its supply")]
	fn a_foreign_balance_that_no_supply_backs() {
		corrupted(|| {
			stratus_runtime::pallet_assets::Account::<
				Runtime,
				stratus_runtime::configs::foreign_assets::ForeignAssetsInstance,
			>::mutate(usdt(), alice(), |account| {
				account.as_mut().expect("Alice holds USDT").balance += 1;
			});
		});
	}
}
