//! Running a lease's workload. The [`Executor`] trait is what the agent
//! needs of a runtime; [`ProcessExecutor`] runs the manifest's command as a
//! process in the lease's own directory and stops it when the lease ends.

use std::{
	collections::BTreeMap,
	path::{Path, PathBuf},
};
use stratus_client::manifest::{Program, Workload};
use tokio::process::{Child, Command};

/// The file in a lease's directory that holds its process id.
const PID_FILE: &str = "workload.pid";

/// Stops the process an earlier agent left running in `dir` (killed before
/// it could stop it), if the process id still names a process working in
/// that directory (so that a reused id is never killed).
fn stop_left_behind(dir: &Path) {
	let Ok(pid) = std::fs::read_to_string(dir.join(PID_FILE)) else { return };
	let pid = pid.trim();
	let cwd = std::fs::read_link(format!("/proc/{pid}/cwd"));
	let here = std::fs::canonicalize(dir);
	if let (Ok(cwd), Ok(here)) = (cwd, here) {
		if cwd == here {
			let _ = std::process::Command::new("kill").args(["-9", pid]).status();
			// Give the kernel a moment to free what it held (its ports).
			std::thread::sleep(std::time::Duration::from_millis(200));
		}
	}
	let _ = std::fs::remove_file(dir.join(PID_FILE));
}

/// What runs workloads for the agent.
pub trait Executor: Send {
	/// Starts `workload` for `lease_id`. Starting a lease that runs already
	/// is an error.
	fn start(&mut self, lease_id: u64, workload: &Workload) -> Result<(), String>;
	/// Whether `lease_id`'s workload is running.
	fn is_running(&mut self, lease_id: u64) -> bool;
	/// Stops `lease_id`'s workload, if it runs.
	fn stop(&mut self, lease_id: u64);
	/// The leases with a running workload.
	fn running(&mut self) -> Vec<u64>;
}

/// Runs a workload's command as a child process, in `work_dir/lease-N`,
/// with the manifest's environment; killed when stopped or when the agent
/// exits.
pub struct ProcessExecutor {
	work_dir: PathBuf,
	allowed: Vec<String>,
	children: BTreeMap<u64, Child>,
}

impl ProcessExecutor {
	/// An executor whose leases work under `work_dir` and may start only
	/// the `allowed` programs.
	pub fn new(work_dir: PathBuf, allowed: Vec<String>) -> Self {
		Self { work_dir, allowed, children: BTreeMap::new() }
	}

	/// The directory of `lease_id`.
	pub fn lease_dir(work_dir: &std::path::Path, lease_id: u64) -> PathBuf {
		work_dir.join(format!("lease-{lease_id}"))
	}
}

impl Executor for ProcessExecutor {
	fn start(&mut self, lease_id: u64, workload: &Workload) -> Result<(), String> {
		if self.is_running(lease_id) {
			return Err(format!("lease {lease_id} runs already"));
		}
		let Program::Command(command) = &workload.program else {
			return Err(
				"this agent runs commands; a container image needs a Docker executor".to_owned()
			);
		};
		let (program, args) = command.split_first().ok_or("the command is empty")?;
		if !self.allowed.contains(program) {
			return Err(format!(
				"this provider does not run \"{program}\" (its allowed_programs: {})",
				if self.allowed.is_empty() { "none".to_owned() } else { self.allowed.join(", ") }
			));
		}
		let dir = Self::lease_dir(&self.work_dir, lease_id);
		std::fs::create_dir_all(&dir)
			.map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
		stop_left_behind(&dir);
		let child = Command::new(program)
			.args(args)
			.envs(&workload.env)
			.current_dir(&dir)
			.stdin(std::process::Stdio::null())
			.stdout(std::process::Stdio::null())
			.stderr(std::process::Stdio::null())
			.kill_on_drop(true)
			.spawn()
			.map_err(|e| format!("cannot start {program}: {e}"))?;
		if let Some(pid) = child.id() {
			// Kept so that an agent killed without warning can stop this
			// process when it starts again.
			let _ = std::fs::write(dir.join(PID_FILE), pid.to_string());
		}
		self.children.insert(lease_id, child);
		Ok(())
	}

	fn is_running(&mut self, lease_id: u64) -> bool {
		match self.children.get_mut(&lease_id) {
			Some(child) => match child.try_wait() {
				Ok(None) => true,
				Ok(Some(_)) | Err(_) => {
					self.children.remove(&lease_id);
					false
				},
			},
			None => false,
		}
	}

	fn stop(&mut self, lease_id: u64) {
		if let Some(mut child) = self.children.remove(&lease_id) {
			// `start_kill` sends SIGKILL; the child is reaped when dropped.
			let _ = child.start_kill();
			let _ = std::fs::remove_file(Self::lease_dir(&self.work_dir, lease_id).join(PID_FILE));
		}
	}

	fn running(&mut self) -> Vec<u64> {
		let leases: Vec<u64> = self.children.keys().copied().collect();
		leases.into_iter().filter(|lease| self.is_running(*lease)).collect()
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	fn allowed() -> Vec<String> {
		vec!["sleep".to_owned(), "sh".to_owned(), "/nonexistent/program".to_owned()]
	}

	fn sleeper() -> Workload {
		Workload {
			program: Program::Command(vec!["sleep".into(), "30".into()]),
			ports: vec![],
			env: BTreeMap::from([("GREETING".to_owned(), "hi".to_owned())]),
		}
	}

	#[tokio::test]
	async fn a_command_runs_in_its_lease_directory_until_stopped() {
		let dir = tempfile::tempdir().expect("a temporary directory");
		let mut executor = ProcessExecutor::new(dir.path().to_owned(), allowed());
		executor.start(3, &sleeper()).expect("sleep starts");
		assert!(executor.is_running(3));
		assert!(ProcessExecutor::lease_dir(dir.path(), 3).is_dir());
		assert_eq!(executor.running(), vec![3]);
		assert!(executor.start(3, &sleeper()).is_err(), "a lease runs once");
		executor.stop(3);
		assert!(!executor.is_running(3));
	}

	#[tokio::test]
	async fn the_environment_reaches_the_workload() {
		let dir = tempfile::tempdir().expect("a temporary directory");
		let mut executor = ProcessExecutor::new(dir.path().to_owned(), allowed());
		let workload = Workload {
			program: Program::Command(vec![
				"sh".into(),
				"-c".into(),
				"echo $GREETING > out".into(),
			]),
			..sleeper()
		};
		executor.start(1, &workload).expect("sh starts");
		let out = ProcessExecutor::lease_dir(dir.path(), 1).join("out");
		for _ in 0..50 {
			if std::fs::read_to_string(&out).is_ok_and(|s| s == "hi\n") {
				return;
			}
			tokio::time::sleep(std::time::Duration::from_millis(100)).await;
		}
		panic!("the workload did not see its environment");
	}

	#[tokio::test]
	async fn a_process_left_behind_by_a_killed_agent_is_stopped_before_the_lease_starts_again() {
		let dir = tempfile::tempdir().expect("a temporary directory");
		let mut first = ProcessExecutor::new(dir.path().to_owned(), allowed());
		first.start(5, &sleeper()).expect("sleep starts");
		let pid = std::fs::read_to_string(ProcessExecutor::lease_dir(dir.path(), 5).join(PID_FILE))
			.expect("the pid is kept");
		// The agent dies without stopping its child.
		std::mem::forget(first);
		assert!(Path::new(&format!("/proc/{}", pid.trim())).exists());
		let mut second = ProcessExecutor::new(dir.path().to_owned(), allowed());
		second.start(5, &sleeper()).expect("sleep starts again");
		// The old process is gone (or a zombie of this test process).
		let status =
			std::fs::read_to_string(format!("/proc/{}/status", pid.trim())).unwrap_or_default();
		assert!(status.is_empty() || status.contains("State:\tZ"), "{status}");
		second.stop(5);
	}

	#[tokio::test]
	async fn an_image_an_unlisted_or_a_missing_program_is_refused() {
		let dir = tempfile::tempdir().expect("a temporary directory");
		let mut executor = ProcessExecutor::new(dir.path().to_owned(), allowed());
		let image = Workload { program: Program::Image("nginx".into()), ..sleeper() };
		assert!(executor.start(1, &image).unwrap_err().contains("Docker"));
		let missing = Workload {
			program: Program::Command(vec!["/nonexistent/program".into()]),
			..sleeper()
		};
		assert!(executor.start(2, &missing).unwrap_err().contains("cannot start"));
		let unlisted = Workload {
			program: Program::Command(vec!["rm".into(), "-rf".into(), "/".into()]),
			..sleeper()
		};
		assert!(executor.start(3, &unlisted).unwrap_err().contains("does not run \"rm\""));
		assert!(executor.running().is_empty());
	}
}
