//! The block loop: at each finalized block the agent sends its heartbeat
//! when half an interval has passed, confirms the leases whose workload is
//! up, collects what its leases owe, stops the workloads of leases that
//! ended, re-prices or withdraws its standing bids by its current rules,
//! and bids on the open orders its pricing rules take.
//!
//! Run under a `ProviderOps` proxy key (`[agent] proxy_for`), it acts for
//! the provider account: every call goes through `proxy.proxy`, payment
//! goes to the provider, and the key pays only the fees.

use crate::{executor::Status, state::Shared};
use std::{
	collections::{BTreeMap, BTreeSet},
	net::{SocketAddr, TcpStream},
	sync::Arc,
	time::Duration,
};
use stratus_client::{
	keys::Key,
	market::{Attribute, BoundedVec, LeaseState, LeaseView, OrderView, Resources, Side, Terms},
	provider_file::{Pass, ProviderFile},
	runtime::{
		self,
		runtime_types::{pallet_bid_matching::pallet::Call as Bids, stratus_runtime::RuntimeCall},
	},
	submit::{submit, Included, SubmitError, Wait},
	subxt::{transactions::Payload, utils::AccountId32},
};

/// What of `capacity` is neither `allocated` to running leases nor
/// promised to the standing `bids` (each order's resources, should the bid
/// win); `None` when they promise more than is free (the capacity was
/// lowered, say).
fn unpromised(
	capacity: &Resources,
	allocated: &Resources,
	orders: &[(u64, OrderView)],
	bids: &BTreeMap<u64, u128>,
) -> Option<Resources> {
	orders
		.iter()
		.filter(|(id, _)| bids.contains_key(id))
		.try_fold(minus(capacity, allocated)?, |free, (_, order)| minus(&free, &order.resources))
}

/// `a - b` in every dimension, or `None` if any would go below zero.
fn minus(a: &Resources, b: &Resources) -> Option<Resources> {
	Some(Resources {
		cpu_millicores: a.cpu_millicores.checked_sub(b.cpu_millicores)?,
		memory_mib: a.memory_mib.checked_sub(b.memory_mib)?,
		storage_gib: a.storage_gib.checked_sub(b.storage_gib)?,
		gpu_units: a.gpu_units.checked_sub(b.gpu_units)?,
	})
}

/// Collect a lease's earnings once it owes at least this many blocks.
const COLLECT_EVERY: u128 = 20;
/// Confirm a lease whose tenant sent no manifest this many blocks before
/// its ready window ends.
const CONFIRM_UNDELIVERED_BEFORE: u32 = 10;

/// The agent between blocks: its key, its nonce and what it has done.
pub struct Agent {
	shared: Arc<Shared>,
	key: Key,
	/// The provider: the key's own account, or the one it is a proxy of.
	me: AccountId32,
	file: ProviderFile,
	nonce: Option<u64>,
	/// The orders it bid on (or was refused on), so as to bid once.
	tried: BTreeSet<u64>,
	/// Its open bids, by order; `None` until read from the chain.
	bids: Option<BTreeMap<u64, u128>>,
	/// The leases it has seen, so as to count each won once.
	seen: BTreeSet<u64>,
	/// The block of its last heartbeat.
	last_heartbeat: u32,
}

impl Agent {
	/// An agent for the provider `key` described by `file`.
	pub fn new(shared: Arc<Shared>, key: Key, file: ProviderFile) -> Self {
		Self {
			shared,
			me: key.principal(),
			key,
			file,
			nonce: None,
			tried: BTreeSet::new(),
			bids: None,
			seen: BTreeSet::new(),
			last_heartbeat: 0,
		}
	}

	/// Takes the pricing rules of `file` (read again on SIGHUP); the standing
	/// bids are re-priced by them at the next block. Other changes need a
	/// restart.
	pub fn reload(&mut self, file: ProviderFile) {
		if file.registration.host_uri != self.file.registration.host_uri
			|| file.agent != self.file.agent
		{
			tracing::warn!("only [pricing] is read again: restart the agent for the rest");
		}
		tracing::info!(pricing = ?file.pricing, "pricing rules read again");
		self.file.pricing = file.pricing;
		// An order passed on under the old rules may pay under the new.
		self.tried.clear();
	}

	/// Signs and sends `call`, counting the nonce itself so that several
	/// calls go into one block (the nonce is the signing key's, which under
	/// a proxy is not the provider's).
	async fn send<Call: Payload>(
		&mut self,
		what: &str,
		call: &Call,
	) -> Result<Included, SubmitError> {
		let nonce = match self.nonce {
			Some(nonce) => nonce,
			None => {
				let transactions = self
					.shared
					.market
					.client()
					.transactions()
					.await
					.map_err(|e| SubmitError::Node(e.to_string()))?;
				transactions
					.account_nonce(&self.key.account())
					.await
					.map_err(|e| SubmitError::Node(e.to_string()))?
			},
		};
		let result = submit(
			self.shared.market.client(),
			call,
			&self.key,
			Wait::InBlock,
			Some(nonce),
			|_| {},
		)
		.await;
		match &result {
			Ok(_) | Err(SubmitError::Failed(_)) => self.nonce = Some(nonce + 1),
			// The nonce may be wrong: read it again next time.
			Err(_) => self.nonce = None,
		}
		match &result {
			Ok(_) => tracing::info!(what, "done"),
			Err(error) => tracing::warn!(what, %error, "failed"),
		}
		result
	}

	/// Registers the provider if it is not, and bonds up to the file's bond.
	pub async fn ensure_registered(&mut self) -> Result<(), String> {
		let me = self.me;
		let registration = self.file.registration.clone();
		if self.shared.market.provider(me).await.map_err(|e| e.to_string())?.is_none() {
			let call = runtime::transactions().resource_registry().register_provider(
				registration.capacity,
				registration.attributes,
				runtime::runtime_types::bounded_collections::bounded_vec::BoundedVec(
					registration.host_uri,
				),
			);
			self.send("register", &call).await.map_err(|e| e.to_string())?;
		}
		if let Some(bond) = registration.bond {
			let bonded = self
				.shared
				.market
				.stake(me)
				.await
				.map_err(|e| e.to_string())?
				.map_or(0, |s| s.bonded);
			if bonded >= bond {
				return Ok(());
			}
			if self.key.proxy_for().is_some() {
				// Bonding moves the provider's funds: no proxy may.
				tracing::warn!(
					bonded,
					bond,
					"the bond is short of the file's: bond the rest with the provider's own key \
					 (stratus provider bond)"
				);
			} else {
				let call = runtime::transactions().provider_slashing().bond(bond - bonded);
				self.send("bond", &call).await.map_err(|e| e.to_string())?;
			}
		}
		Ok(())
	}

	/// One finalized block, number `now`.
	pub async fn on_block(&mut self, now: u32) -> Result<(), String> {
		let market = self.shared.market.clone();
		let me = self.me;
		let interval =
			market.market_parameters().await.map_err(|e| e.to_string())?.heartbeat_interval.value;
		if let Some(provider) = market.provider(me).await.map_err(|e| e.to_string())? {
			self.last_heartbeat = self.last_heartbeat.max(provider.last_heartbeat);
			self.shared
				.metrics
				.heartbeat_age_blocks
				.set(i64::from(now.saturating_sub(self.last_heartbeat)));
		}
		// At least half an interval after the last one, a heartbeat is free.
		if now.saturating_sub(self.last_heartbeat) >= interval / 2 {
			let call = runtime::transactions().resource_registry().heartbeat();
			if self.send("heartbeat", &call).await.is_ok() {
				self.last_heartbeat = now;
			}
		}

		let leases = market.all_leases(Side::Provider, me).await.map_err(|e| e.to_string())?;
		let open: Vec<u64> = leases.iter().map(|l| l.lease_id).collect();
		self.seen.retain(|lease| open.contains(lease));
		for ended in self.shared.stop_all_but(&open) {
			tracing::info!(lease = ended, "lease ended: workload stopped");
		}
		for lease in &leases {
			if self.seen.insert(lease.lease_id) {
				self.shared.metrics.leases_won.inc();
				if let Some(bids) = self.bids.as_mut() {
					bids.remove(&lease.order_id);
				}
				tracing::info!(lease = lease.lease_id, order = lease.order_id, "lease won");
			}
			self.tend(lease, now).await;
		}

		self.bid(now, leases.len() as u32).await
	}

	/// Keeps a lease going: its workload running (started again from the
	/// kept manifest if it failed), then does what [`duty`] says.
	async fn tend(&mut self, lease: &LeaseView, now: u32) {
		let id = lease.lease_id;
		let manifest = self.shared.manifest(id, &lease.manifest.0);
		let status = manifest.as_ref().map(|manifest| {
			let status = self.shared.status(id);
			if !matches!(status, Status::Absent | Status::Failed) {
				return status;
			}
			match self.shared.accept_manifest(id, manifest.clone(), &lease.resources) {
				Ok(_) => tracing::info!(lease = id, "workload started from the kept manifest"),
				Err(error) => tracing::warn!(lease = id, %error, "workload did not start"),
			}
			self.shared.status(id)
		});
		let up = matches!(lease.state, LeaseState::Pending { .. })
			&& status == Some(Status::Running)
			&& manifest.is_some_and(|manifest| ports_answer(&manifest.workload.ports));
		match duty(lease, status, up, now) {
			Duty::Confirm => {
				let call = runtime::transactions().lease_escrow().confirm_ready(id);
				if self.send("confirm ready", &call).await.is_ok() {
					self.shared.metrics.leases_confirmed.inc();
				}
			},
			Duty::Close => {
				let call = runtime::transactions().lease_escrow().close_lease(id);
				if self.send("close finished lease", &call).await.is_ok() {
					tracing::info!(lease = id, "the workload finished: lease closed");
				}
			},
			Duty::Collect => {
				let call = runtime::transactions().lease_escrow().withdraw(id);
				if let Ok(included) = self.send("collect", &call).await {
					// The provider's share: what the lease owed less the take
					// rate, as the chain paid it.
					for paid in included
						.events
						.find::<runtime::lease_escrow::events::Withdrawn>()
						.filter_map(Result::ok)
					{
						self.shared.metrics.earnings_stra.add(
							paid.paid_to_provider as f64 / stratus_client::amount::STRA as f64,
						);
					}
				}
			},
			Duty::Nothing => {},
		}
	}

	/// Bids on the open orders the pricing rules take, re-prices or
	/// withdraws its standing bids by the current rules, and withdraws them
	/// all once the provider has no room for another lease.
	async fn bid(&mut self, now: u32, running: u32) -> Result<(), String> {
		let market = self.shared.market.clone();
		let pricing = self.file.pricing.clone();
		let me = self.me;
		let orders = market.all_open_orders().await.map_err(|e| e.to_string())?;
		let mut bids = match self.bids.take() {
			Some(bids) => bids,
			// Started again: its bids are on the chain, not in memory.
			None => self.standing_bids(&orders).await?,
		};
		let open: BTreeSet<u64> = orders.iter().map(|(id, _)| *id).collect();
		bids.retain(|order, _| open.contains(order));
		self.tried.retain(|order| open.contains(order));
		if running + bids.len() as u32 > pricing.max_leases {
			for order in bids.keys().copied().collect::<Vec<_>>() {
				if self.withdraw_bid(order).await {
					bids.remove(&order);
				}
			}
			self.bids = Some(bids);
			return Ok(());
		}
		for (order_id, order) in &orders {
			let Some(&standing) = bids.get(order_id) else { continue };
			if order.window_end <= now {
				continue;
			}
			// Its room is not in question here: the bid holds its place.
			match pricing.bid_for(&order.resources, &order.tenant, order.max_price_per_block, 0) {
				Ok(price) if price == standing => {},
				Ok(price) => {
					// Withdrawn and placed again at the new price, in one
					// transaction: both or neither.
					let call = runtime::transactions().utility().batch_all(vec![
						RuntimeCall::BidMatching(Bids::withdraw_bid { order_id: *order_id }),
						RuntimeCall::BidMatching(Bids::place_bid { order_id: *order_id, price }),
					]);
					if self.send("re-price bid", &call).await.is_ok() {
						tracing::info!(order = order_id, from = standing, to = price, "re-priced");
						self.shared.metrics.bids_repriced.inc();
						bids.insert(*order_id, price);
					}
				},
				Err(pass) => {
					tracing::info!(order = order_id, ?pass, "the bid no longer pays: withdrawn");
					if self.withdraw_bid(*order_id).await {
						bids.remove(order_id);
					}
				},
			}
		}
		// What is free of its capacity beside what its standing bids would
		// take if they all won: it never bids the same capacity twice, so
		// no tenant can leave it short of an order it bid on (which would
		// forfeit) by accepting another of its bids.
		let mut unpromised = match market.provider(me).await.map_err(|e| e.to_string())? {
			Some(view) => unpromised(&view.capacity, &view.allocated, &orders, &bids),
			None => None,
		};
		for (order_id, order) in orders {
			if order.window_end <= now
				|| order.tenant == me
				|| self.tried.contains(&order_id)
				|| bids.contains_key(&order_id)
			{
				continue;
			}
			let Some(left) = unpromised.as_ref().and_then(|free| minus(free, &order.resources))
			else {
				// Not tried: it may fit once a standing bid is settled.
				tracing::debug!(order = order_id, "its capacity is promised to standing bids");
				continue;
			};
			let taken = running + bids.len() as u32;
			match pricing.bid_for(&order.resources, &order.tenant, order.max_price_per_block, taken)
			{
				Ok(price) => {
					self.tried.insert(order_id);
					// The chain's own predicate says whether this provider may
					// serve the order; a refused bid would cost a fee.
					let screened =
						market.screen_all(&terms_of(&order)).await.map_err(|e| e.to_string())?;
					if !screened.eligible.contains(&me) {
						tracing::info!(order = order_id, "not eligible for this order");
						continue;
					}
					let call = runtime::transactions().bid_matching().place_bid(order_id, price);
					match self.send("bid", &call).await {
						Ok(_) => {
							self.shared.metrics.bids_placed.inc();
							bids.insert(order_id, price);
							unpromised = Some(left);
						},
						// The chain refused it: not again.
						Err(SubmitError::Failed(_)) => {},
						// It never ran (a stale nonce, say, when the key also
						// signed elsewhere): again at the next block.
						Err(_) => {
							self.tried.remove(&order_id);
						},
					}
				},
				Err(Pass::Full) => break,
				Err(pass) => {
					self.tried.insert(order_id);
					tracing::debug!(order = order_id, ?pass, "not bidding");
				},
			}
		}
		self.bids = Some(bids);
		Ok(())
	}

	/// Withdraws its bid on `order`; whether the chain took it back.
	async fn withdraw_bid(&mut self, order: u64) -> bool {
		let call = runtime::transactions().bid_matching().withdraw_bid(order);
		let done = self.send("withdraw bid", &call).await.is_ok();
		if done {
			self.shared.metrics.bids_withdrawn.inc();
		}
		done
	}

	/// The bids this provider has standing on `orders`, read from their
	/// books (once, when the agent starts).
	async fn standing_bids(
		&self,
		orders: &[(u64, OrderView)],
	) -> Result<BTreeMap<u64, u128>, String> {
		let mut standing = BTreeMap::new();
		for (order_id, _) in orders {
			let book = self.shared.market.bids(*order_id).await.map_err(|e| e.to_string())?;
			if let Some((_, bid)) = book.iter().find(|(bidder, _)| *bidder == self.me) {
				standing.insert(*order_id, bid.price);
			}
		}
		if !standing.is_empty() {
			tracing::info!(bids = standing.len(), "standing bids read from the chain");
		}
		Ok(standing)
	}
}

/// The terms of `order`, as the screening runtime API takes them.
fn terms_of(order: &OrderView) -> Terms {
	Terms {
		resources: order.resources.clone(),
		attributes: BoundedVec(
			order
				.attributes
				.iter()
				.map(|(key, value)| Attribute {
					key: BoundedVec(key.clone()),
					value: BoundedVec(value.clone()),
				})
				.collect(),
		),
		auditor: order.auditor,
		max_price_per_block: order.max_price_per_block,
		requirements: order.requirements.clone(),
	}
}

/// What a lease needs of the agent at a block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Duty {
	/// `confirm_ready`: billing starts.
	Confirm,
	/// `close_lease`: the work is done and the minimum term served.
	Close,
	/// `withdraw`: it owes enough to collect.
	Collect,
	/// Nothing this block.
	Nothing,
}

/// What `lease` needs at block `now`, its workload at `status` (`None`
/// while no manifest came) and, if pending, its ports answering or not
/// (`up`).
///
/// - Pending: confirmed once the workload answers, or once it finished
///   (it did its work before it could be confirmed); with no manifest,
///   [`CONFIRM_UNDELIVERED_BEFORE`] blocks before the ready window ends, so
///   that the tenant pays for the machine it reserved and the provider is
///   not slashed for a delivery that never came.
/// - Active: closed once the workload finished (exit status 0) and the
///   minimum term is served (closing earlier would be slashed); else
///   collected once it owes [`COLLECT_EVERY`] blocks.
fn duty(lease: &LeaseView, status: Option<Status>, up: bool, now: u32) -> Duty {
	match (lease.state.clone(), status) {
		(LeaseState::Pending { ready_by }, None) => {
			if now.saturating_add(CONFIRM_UNDELIVERED_BEFORE) >= ready_by {
				Duty::Confirm
			} else {
				Duty::Nothing
			}
		},
		(LeaseState::Pending { .. }, Some(Status::Finished)) => Duty::Confirm,
		(LeaseState::Pending { .. }, Some(Status::Running)) if up => Duty::Confirm,
		(LeaseState::Pending { .. }, Some(_)) => Duty::Nothing,
		(LeaseState::Active { billing_from }, status) => {
			let served = now >= billing_from.saturating_add(lease.min_term);
			let owed = lease.owed_to_provider.saturating_add(lease.owed_now);
			if status == Some(Status::Finished) && served {
				Duty::Close
			} else if owed >= lease.price_per_block.saturating_mul(COLLECT_EVERY) {
				Duty::Collect
			} else {
				Duty::Nothing
			}
		},
	}
}

/// Whether every port answers on this machine (a workload without ports
/// counts as up once it runs).
fn ports_answer(ports: &[u16]) -> bool {
	ports.iter().all(|port| {
		TcpStream::connect_timeout(
			&SocketAddr::from(([127, 0, 0, 1], *port)),
			Duration::from_millis(200),
		)
		.is_ok()
	})
}

#[cfg(test)]
mod tests {
	use super::*;
	use stratus_client::subxt::utils::H256;

	/// Lease 1 at 10 a block, a minimum term of 100, owing `owed`.
	fn lease(state: LeaseState<u32>, owed: u128) -> LeaseView {
		let nobody = AccountId32([0; 32]);
		LeaseView {
			lease_id: 1,
			order_id: 1,
			tenant: nobody,
			provider: nobody,
			asset: stratus_client::MarketAsset::Native,
			resources: Resources {
				cpu_millicores: 500,
				memory_mib: 256,
				storage_gib: 0,
				gpu_units: 0,
			},
			price_per_block: 10,
			min_term: 100,
			manifest: H256::zero(),
			state,
			started_at: 0,
			settled_up_to: 0,
			balance: 10_000,
			owed_now: owed,
			owed_to_provider: 0,
			run_dry_at: 1_000,
			blocks_left: 1_000,
			deposits: 1,
		}
	}

	fn cpu(millicores: u64) -> Resources {
		Resources { cpu_millicores: millicores, memory_mib: 0, storage_gib: 0, gpu_units: 0 }
	}

	/// An open order for `resources`.
	fn order(order_id: u64, resources: Resources) -> (u64, OrderView) {
		let nobody = AccountId32([0; 32]);
		let view = OrderView {
			order_id,
			tenant: nobody,
			asset: stratus_client::MarketAsset::Native,
			resources,
			manifest: H256::zero(),
			attributes: Vec::new(),
			auditor: None,
			requirements: stratus_client::market::TrackRequirements {
				min_score:
					stratus_client::runtime::runtime_types::sp_arithmetic::per_things::Perbill(0),
				min_completed: 0,
			},
			max_price_per_block: 10,
			budget: 1_000,
			deposit: 1,
			created_at: 0,
			window_end: 10,
			bid_count: 0,
			best_price: None,
		};
		(order_id, view)
	}

	#[test]
	fn capacity_promised_to_standing_bids_is_not_bid_again() {
		// 4 cores, 1 running; orders 1 and 2 for 1 core each, bid on; order
		// 3 for 2 cores is not.
		let orders = [order(1, cpu(1_000)), order(2, cpu(1_000)), order(3, cpu(2_000))];
		let bids = BTreeMap::from([(1, 10), (2, 10)]);
		let left = unpromised(&cpu(4_000), &cpu(1_000), &orders, &bids);
		assert_eq!(left, Some(cpu(1_000)));
		// So order 3 does not fit beside them, though the chain would take
		// the bid (3 cores are free): were both to win, one would forfeit.
		assert_eq!(minus(&cpu(1_000), &cpu(2_000)), None);
		// Without standing bids it fits.
		assert_eq!(
			unpromised(&cpu(4_000), &cpu(1_000), &orders, &BTreeMap::new()),
			Some(cpu(3_000))
		);
		// Bids promising more than is free (the capacity was lowered): no room.
		assert_eq!(unpromised(&cpu(2_000), &cpu(1_000), &orders, &bids), None);
	}

	#[test]
	fn a_pending_lease_is_confirmed_once_its_workload_answers_or_did_its_work() {
		let pending = lease(LeaseState::Pending { ready_by: 300 }, 0);
		assert_eq!(duty(&pending, Some(Status::Running), false, 10), Duty::Nothing);
		assert_eq!(duty(&pending, Some(Status::Running), true, 10), Duty::Confirm);
		assert_eq!(duty(&pending, Some(Status::Finished), false, 10), Duty::Confirm);
		assert_eq!(duty(&pending, Some(Status::Failed), false, 10), Duty::Nothing);
		assert_eq!(duty(&pending, Some(Status::Absent), false, 10), Duty::Nothing);
	}

	#[test]
	fn a_lease_without_a_manifest_is_confirmed_just_before_its_ready_window_ends() {
		let pending = lease(LeaseState::Pending { ready_by: 300 }, 0);
		assert_eq!(duty(&pending, None, false, 289), Duty::Nothing);
		assert_eq!(duty(&pending, None, false, 290), Duty::Confirm);
		assert_eq!(duty(&pending, None, false, 299), Duty::Confirm);
	}

	#[test]
	fn a_finished_workloads_lease_is_closed_only_once_its_minimum_term_is_served() {
		let active = lease(LeaseState::Active { billing_from: 50 }, 0);
		// Closing before block 150 would slash the provider.
		assert_eq!(duty(&active, Some(Status::Finished), false, 149), Duty::Nothing);
		assert_eq!(duty(&active, Some(Status::Finished), false, 150), Duty::Close);
		// A running or failed workload's lease stays open.
		assert_eq!(duty(&active, Some(Status::Running), false, 500), Duty::Nothing);
		assert_eq!(duty(&active, Some(Status::Failed), false, 500), Duty::Nothing);
	}

	#[test]
	fn a_lease_is_collected_once_it_owes_twenty_blocks() {
		let owing = |owed| lease(LeaseState::Active { billing_from: 50 }, owed);
		assert_eq!(duty(&owing(199), Some(Status::Running), false, 70), Duty::Nothing);
		assert_eq!(duty(&owing(200), Some(Status::Running), false, 70), Duty::Collect);
		assert_eq!(duty(&owing(200), None, false, 70), Duty::Collect);
		// Before its minimum term, a finished workload's lease is still collected.
		assert_eq!(duty(&owing(200), Some(Status::Finished), false, 70), Duty::Collect);
	}
}
