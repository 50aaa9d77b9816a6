//! What the agent reports to Prometheus at `/metrics`.

use prometheus::{Encoder, Gauge, IntCounter, IntGauge, Registry, TextEncoder};

/// The agent's counters and gauges.
#[derive(Clone)]
pub struct Metrics {
	registry: Registry,
	/// Bids placed.
	pub bids_placed: IntCounter,
	/// Bids withdrawn because they no longer paid or there was no room.
	pub bids_withdrawn: IntCounter,
	/// Standing bids placed again at the price the current rules give.
	pub bids_repriced: IntCounter,
	/// Leases won (first seen on the chain).
	pub leases_won: IntCounter,
	/// Leases confirmed ready.
	pub leases_confirmed: IntCounter,
	/// Manifests refused (wrong hash, wrong signature, invalid).
	pub manifests_refused: IntCounter,
	/// STRA withdrawn from leases.
	pub earnings_stra: Gauge,
	/// Blocks since the provider's last heartbeat on the chain.
	pub heartbeat_age_blocks: IntGauge,
	/// Leases whose workload runs.
	pub workloads_running: IntGauge,
}

impl Metrics {
	/// Fresh metrics in their own registry.
	pub fn new() -> Result<Self, prometheus::Error> {
		let registry = Registry::new_custom(Some("stratus_provider".to_owned()), None)?;
		let counter = |name: &str, help: &str| -> Result<IntCounter, prometheus::Error> {
			let metric = IntCounter::new(name, help)?;
			registry.register(Box::new(metric.clone()))?;
			Ok(metric)
		};
		let bids_placed = counter("bids_placed_total", "Bids placed")?;
		let bids_withdrawn = counter("bids_withdrawn_total", "Bids withdrawn")?;
		let bids_repriced = counter("bids_repriced_total", "Standing bids re-priced")?;
		let leases_won = counter("leases_won_total", "Leases won")?;
		let leases_confirmed = counter("leases_confirmed_total", "Leases confirmed ready")?;
		let manifests_refused = counter("manifests_refused_total", "Manifests refused")?;
		let earnings_stra = Gauge::new("earnings_stra", "STRA withdrawn from leases")?;
		registry.register(Box::new(earnings_stra.clone()))?;
		let heartbeat_age_blocks =
			IntGauge::new("heartbeat_age_blocks", "Blocks since the last heartbeat")?;
		registry.register(Box::new(heartbeat_age_blocks.clone()))?;
		let workloads_running = IntGauge::new("workloads_running", "Leases whose workload runs")?;
		registry.register(Box::new(workloads_running.clone()))?;
		Ok(Self {
			registry,
			bids_placed,
			bids_withdrawn,
			bids_repriced,
			leases_won,
			leases_confirmed,
			manifests_refused,
			earnings_stra,
			heartbeat_age_blocks,
			workloads_running,
		})
	}

	/// The text exposition format.
	pub fn render(&self) -> String {
		let mut buffer = Vec::new();
		// Encoding into a Vec cannot fail for these metric kinds.
		let _ = TextEncoder::new().encode(&self.registry.gather(), &mut buffer);
		String::from_utf8_lossy(&buffer).into_owned()
	}
}
