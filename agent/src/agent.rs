//! The block loop: at each finalized block the agent sends its heartbeat
//! when half an interval has passed, confirms the leases whose workload is
//! up, collects what its leases owe, stops the workloads of leases that
//! ended, and bids on the open orders its pricing rules take.

use crate::state::Shared;
use std::{
	collections::{BTreeMap, BTreeSet},
	net::{SocketAddr, TcpStream},
	sync::Arc,
	time::Duration,
};
use stratus_client::{
	keys::Key,
	market::{Attribute, BoundedVec, LeaseState, LeaseView, Side, Terms},
	provider_file::{Pass, ProviderFile},
	runtime,
	submit::{submit, Included, SubmitError, Wait},
	subxt::transactions::Payload,
};

/// Collect a lease's earnings once it owes at least this many blocks.
const COLLECT_EVERY: u128 = 20;

/// The agent between blocks: its key, its nonce and what it has done.
pub struct Agent {
	shared: Arc<Shared>,
	key: Key,
	file: ProviderFile,
	nonce: Option<u64>,
	/// The orders it bid on (or was refused on), so as to bid once.
	tried: BTreeSet<u64>,
	/// Its open bids, by order.
	bids: BTreeMap<u64, u128>,
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
			key,
			file,
			nonce: None,
			tried: BTreeSet::new(),
			bids: BTreeMap::new(),
			seen: BTreeSet::new(),
			last_heartbeat: 0,
		}
	}

	/// Signs and sends `call`, counting the nonce itself so that several
	/// calls go into one block.
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
		let me = self.key.account();
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
			if bonded < bond {
				let call = runtime::transactions().provider_slashing().bond(bond - bonded);
				self.send("bond", &call).await.map_err(|e| e.to_string())?;
			}
		}
		Ok(())
	}

	/// One finalized block, number `now`.
	pub async fn on_block(&mut self, now: u32) -> Result<(), String> {
		let market = self.shared.market.clone();
		let me = self.key.account();
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
				self.bids.remove(&lease.order_id);
				tracing::info!(lease = lease.lease_id, order = lease.order_id, "lease won");
			}
			self.tend(lease).await;
		}

		self.bid(now, leases.len() as u32).await
	}

	/// Keeps a lease going: its workload running (restarted from the kept
	/// manifest), confirmed ready once it answers, its earnings collected.
	async fn tend(&mut self, lease: &LeaseView) {
		let id = lease.lease_id;
		if !self.shared.is_running(id) {
			if let Some(manifest) = self.shared.manifest(id, &lease.manifest.0) {
				match self.shared.accept_manifest(id, manifest) {
					Ok(_) => tracing::info!(lease = id, "workload started from the kept manifest"),
					Err(error) => tracing::warn!(lease = id, %error, "workload did not start"),
				}
			}
		}
		match lease.state {
			LeaseState::Pending { .. } => {
				let Some(manifest) = self.shared.manifest(id, &lease.manifest.0) else { return };
				if self.shared.is_running(id) && ports_answer(&manifest.workload.ports) {
					let call = runtime::transactions().lease_escrow().confirm_ready(id);
					if self.send("confirm ready", &call).await.is_ok() {
						self.shared.metrics.leases_confirmed.inc();
					}
				}
			},
			LeaseState::Active { .. } => {
				let owed = lease.owed_to_provider.saturating_add(lease.owed_now);
				if owed >= lease.price_per_block.saturating_mul(COLLECT_EVERY) {
					let call = runtime::transactions().lease_escrow().withdraw(id);
					if self.send("collect", &call).await.is_ok() {
						// What the lease owed, less the take rate the chain keeps.
						self.shared
							.metrics
							.earnings_stra
							.add(owed as f64 / stratus_client::amount::STRA as f64);
					}
				}
			},
		}
	}

	/// Bids on the open orders the pricing rules take, and withdraws open
	/// bids once the provider has no room for another lease.
	async fn bid(&mut self, now: u32, running: u32) -> Result<(), String> {
		let market = self.shared.market.clone();
		let pricing = self.file.pricing.clone();
		let me = self.key.account();
		let orders = market.all_open_orders().await.map_err(|e| e.to_string())?;
		let open: BTreeSet<u64> = orders.iter().map(|(id, _)| *id).collect();
		self.bids.retain(|order, _| open.contains(order));
		self.tried.retain(|order| open.contains(order));
		if running + self.bids.len() as u32 > pricing.max_leases {
			let withdraw: Vec<u64> = self.bids.keys().copied().collect();
			for order in withdraw {
				let call = runtime::transactions().bid_matching().withdraw_bid(order);
				if self.send("withdraw bid", &call).await.is_ok() {
					self.shared.metrics.bids_withdrawn.inc();
					self.bids.remove(&order);
				}
			}
			return Ok(());
		}
		for (order_id, order) in orders {
			if order.window_end <= now || order.tenant == me || self.tried.contains(&order_id) {
				continue;
			}
			let taken = running + self.bids.len() as u32;
			match pricing.bid_for(&order.resources, &order.tenant, order.max_price_per_block, taken)
			{
				Ok(price) => {
					self.tried.insert(order_id);
					// The chain's own predicate says whether this provider may
					// serve the order; a refused bid would cost a fee.
					let terms = Terms {
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
					};
					let screened = market.screen_all(&terms).await.map_err(|e| e.to_string())?;
					if !screened.eligible.contains(&me) {
						tracing::info!(order = order_id, "not eligible for this order");
						continue;
					}
					let call = runtime::transactions().bid_matching().place_bid(order_id, price);
					if self.send("bid", &call).await.is_ok() {
						self.shared.metrics.bids_placed.inc();
						self.bids.insert(order_id, price);
					}
				},
				Err(Pass::Full) => break,
				Err(pass) => {
					self.tried.insert(order_id);
					tracing::debug!(order = order_id, ?pass, "not bidding");
				},
			}
		}
		Ok(())
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
