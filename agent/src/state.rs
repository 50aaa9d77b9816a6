//! What the block loop and the HTTP endpoint share: the chain, the
//! provider's account, the running workloads and the manifests received.

use crate::{
	executor::{DockerExecutor, Executor, ProcessExecutor, Status, Workloads},
	metrics::Metrics,
};
use std::{
	collections::BTreeMap,
	path::PathBuf,
	sync::{Mutex, MutexGuard},
};
use stratus_client::{
	manifest::{self, Manifest},
	market::{Market, Resources},
	subxt::utils::AccountId32,
};

/// The file a lease's accepted manifest is kept in, inside its directory.
const MANIFEST_FILE: &str = "manifest.toml";

/// State shared by the block loop and the endpoint.
pub struct Shared {
	/// The chain.
	pub market: Market,
	/// The provider.
	pub me: AccountId32,
	/// Where each lease's directory is.
	pub work_dir: PathBuf,
	/// The workloads.
	executor: Mutex<Workloads>,
	/// The manifests accepted, by lease.
	manifests: Mutex<BTreeMap<u64, Manifest>>,
	/// What `/metrics` shows.
	pub metrics: Metrics,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
	// A panic while holding the lock leaves the data usable here.
	mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Shared {
	/// The state of a provider `me` working under `work_dir`, running
	/// images in `docker` if an engine answered.
	pub fn new(
		market: Market,
		me: AccountId32,
		work_dir: PathBuf,
		allowed_programs: Vec<String>,
		docker: Option<DockerExecutor>,
		metrics: Metrics,
	) -> Self {
		let processes = ProcessExecutor::new(work_dir.clone(), allowed_programs);
		Self {
			market,
			me,
			executor: Mutex::new(Workloads::new(processes, docker)),
			work_dir,
			manifests: Mutex::new(BTreeMap::new()),
			metrics,
		}
	}

	/// Keeps a checked manifest for `lease_id`, which pays for `resources`,
	/// and starts its workload; `Ok(false)` if it runs already.
	pub fn accept_manifest(
		&self,
		lease_id: u64,
		manifest: Manifest,
		resources: &Resources,
	) -> Result<bool, String> {
		let dir = ProcessExecutor::lease_dir(&self.work_dir, lease_id);
		std::fs::create_dir_all(&dir)
			.map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
		let started = {
			let mut executor = lock(&self.executor);
			if executor.is_running(lease_id) {
				false
			} else {
				executor.start(lease_id, &manifest.workload, resources)?;
				true
			}
		};
		// Kept only once it started, so that a workload this agent cannot
		// run is not tried again at every block.
		std::fs::write(dir.join(MANIFEST_FILE), &manifest.bytes)
			.map_err(|e| format!("cannot keep the manifest: {e}"))?;
		lock(&self.manifests).insert(lease_id, manifest);
		Ok(started)
	}

	/// The manifest kept for `lease_id`, if it is the one `committed` to:
	/// after a restart, from the lease's directory.
	pub fn manifest(&self, lease_id: u64, committed: &[u8; 32]) -> Option<Manifest> {
		if let Some(manifest) = lock(&self.manifests).get(&lease_id) {
			if &manifest.hash() == committed {
				return Some(manifest.clone());
			}
		}
		let path = ProcessExecutor::lease_dir(&self.work_dir, lease_id).join(MANIFEST_FILE);
		let bytes = std::fs::read(path).ok()?;
		if &manifest::hash(&bytes) != committed {
			return None;
		}
		Manifest::parse(&format!("lease {lease_id}'s manifest"), bytes).ok()
	}

	/// Where `lease_id`'s workload is.
	pub fn status(&self, lease_id: u64) -> Status {
		lock(&self.executor).status(lease_id)
	}

	/// Stops the workloads of leases not in `open`, and forgets them.
	pub fn stop_all_but(&self, open: &[u64]) -> Vec<u64> {
		let mut executor = lock(&self.executor);
		let ended: Vec<u64> =
			executor.running().into_iter().filter(|l| !open.contains(l)).collect();
		for lease in &ended {
			executor.stop(*lease);
		}
		self.metrics.workloads_running.set(executor.running().len() as i64);
		drop(executor);
		let mut manifests = lock(&self.manifests);
		manifests.retain(|lease, _| open.contains(lease));
		ended
	}
}
