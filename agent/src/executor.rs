//! Running a lease's workload. The [`Executor`] trait is what the agent
//! needs of a runtime. [`ProcessExecutor`] runs the manifest's command as a
//! process in the lease's own directory; [`DockerExecutor`] runs its image
//! as a container through the `docker` command, limited to the lease's CPU
//! and memory; [`Workloads`] sends each manifest to the one that runs it.
//! A workload that exits with status 0 has finished (the agent closes its
//! lease once the minimum term is served); one that fails is started again.

use std::{
	collections::BTreeMap,
	path::{Path, PathBuf},
	process::Stdio,
};
use stratus_client::{
	manifest::{Program, Workload},
	market::Resources,
};
use tokio::process::{Child, Command};

/// The file in a lease's directory that holds its process id.
const PID_FILE: &str = "workload.pid";
/// The file in a lease's directory that holds its process's exit code.
const EXIT_FILE: &str = "workload.exit";

/// Where a lease's workload is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
	/// It runs.
	Running,
	/// It exited with status 0: its work is done.
	Finished,
	/// It exited with another status, or was killed.
	Failed,
	/// It was never started here (or was stopped).
	Absent,
}

/// What runs workloads for the agent.
pub trait Executor: Send {
	/// Starts `workload` for `lease_id`, which pays for `resources`.
	/// Starting a lease that runs already is an error.
	fn start(
		&mut self,
		lease_id: u64,
		workload: &Workload,
		resources: &Resources,
	) -> Result<(), String>;
	/// Where `lease_id`'s workload is.
	fn status(&mut self, lease_id: u64) -> Status;
	/// Stops `lease_id`'s workload, if it runs, and forgets how it ended.
	fn stop(&mut self, lease_id: u64);
	/// The leases with a running workload.
	fn running(&mut self) -> Vec<u64>;
	/// Whether `lease_id`'s workload runs.
	fn is_running(&mut self, lease_id: u64) -> bool {
		self.status(lease_id) == Status::Running
	}
}

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

/// Runs a workload's command as a child process, in `work_dir/lease-N`,
/// with the manifest's environment; killed when stopped or when the agent
/// exits. It does not limit the process to the lease's resources: run the
/// agent in a cgroup (a systemd unit's `CPUQuota=`, `MemoryMax=`) sized to
/// the capacity it registers.
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
	pub fn lease_dir(work_dir: &Path, lease_id: u64) -> PathBuf {
		work_dir.join(format!("lease-{lease_id}"))
	}
}

impl Executor for ProcessExecutor {
	fn start(&mut self, lease_id: u64, workload: &Workload, _: &Resources) -> Result<(), String> {
		if self.is_running(lease_id) {
			return Err(format!("lease {lease_id} runs already"));
		}
		let Program::Command(command) = &workload.program else {
			return Err("a container image needs a Docker engine".to_owned());
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
		let _ = std::fs::remove_file(dir.join(EXIT_FILE));
		let child = Command::new(program)
			.args(args)
			.envs(&workload.env)
			.current_dir(&dir)
			.stdin(Stdio::null())
			.stdout(Stdio::null())
			.stderr(Stdio::null())
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

	fn status(&mut self, lease_id: u64) -> Status {
		let dir = Self::lease_dir(&self.work_dir, lease_id);
		if let Some(child) = self.children.get_mut(&lease_id) {
			match child.try_wait() {
				Ok(None) => return Status::Running,
				Ok(Some(status)) => {
					// Kept so that an agent started again knows it ended.
					let code = status.code().map_or("killed".to_owned(), |c| c.to_string());
					let _ = std::fs::write(dir.join(EXIT_FILE), code);
					let _ = std::fs::remove_file(dir.join(PID_FILE));
				},
				Err(_) => {},
			}
			self.children.remove(&lease_id);
		}
		match std::fs::read_to_string(dir.join(EXIT_FILE)) {
			Ok(code) if code.trim() == "0" => Status::Finished,
			Ok(_) => Status::Failed,
			Err(_) => Status::Absent,
		}
	}

	fn stop(&mut self, lease_id: u64) {
		let dir = Self::lease_dir(&self.work_dir, lease_id);
		if let Some(mut child) = self.children.remove(&lease_id) {
			// `start_kill` sends SIGKILL; the child is reaped when dropped.
			let _ = child.start_kill();
		}
		let _ = std::fs::remove_file(dir.join(PID_FILE));
		let _ = std::fs::remove_file(dir.join(EXIT_FILE));
	}

	fn running(&mut self) -> Vec<u64> {
		let leases: Vec<u64> = self.children.keys().copied().collect();
		leases.into_iter().filter(|lease| self.is_running(*lease)).collect()
	}
}

/// The label that marks the containers this agent runs, with the lease id.
const LEASE_LABEL: &str = "stratus.lease";

/// Runs a workload's image as a container through the `docker` command
/// (`docker run -d`), named `stratus-lease-N`, with the manifest's
/// environment, its ports published, and at most the lease's CPU and
/// memory. Containers outlive the agent: started again, it finds them by
/// name.
pub struct DockerExecutor {
	docker: PathBuf,
}

impl DockerExecutor {
	/// An executor driving the engine through the `docker` program at
	/// `docker`, if the engine answers; `None` if it does not.
	pub fn connect(docker: PathBuf) -> Option<Self> {
		let executor = Self { docker };
		executor.docker(&["version", "--format", "{{.Server.Version}}"]).ok().map(|version| {
			tracing::info!(version = version.trim(), "Docker engine reachable: images run");
			executor
		})
	}

	fn docker(&self, args: &[&str]) -> Result<String, String> {
		let output = std::process::Command::new(&self.docker)
			.args(args)
			.stdin(Stdio::null())
			.output()
			.map_err(|e| format!("cannot run {}: {e}", self.docker.display()))?;
		if output.status.success() {
			Ok(String::from_utf8_lossy(&output.stdout).into_owned())
		} else {
			Err(String::from_utf8_lossy(&output.stderr).trim().to_owned())
		}
	}

	fn name(lease_id: u64) -> String {
		format!("stratus-lease-{lease_id}")
	}

	/// The `docker run` arguments for `lease_id`'s `image`.
	pub fn run_args(
		lease_id: u64,
		image: &str,
		workload: &Workload,
		resources: &Resources,
	) -> Vec<String> {
		let mut args = vec![
			"run".to_owned(),
			"--detach".to_owned(),
			"--name".to_owned(),
			Self::name(lease_id),
			"--label".to_owned(),
			format!("{LEASE_LABEL}={lease_id}"),
			"--restart".to_owned(),
			"no".to_owned(),
			"--security-opt".to_owned(),
			"no-new-privileges".to_owned(),
		];
		if resources.cpu_millicores > 0 {
			let cores = resources.cpu_millicores;
			args.extend(["--cpus".to_owned(), format!("{}.{:03}", cores / 1000, cores % 1000)]);
		}
		if resources.memory_mib > 0 {
			args.extend(["--memory".to_owned(), format!("{}m", resources.memory_mib)]);
		}
		for port in &workload.ports {
			args.extend(["--publish".to_owned(), format!("{port}:{port}")]);
		}
		for (key, value) in &workload.env {
			args.extend(["--env".to_owned(), format!("{key}={value}")]);
		}
		args.push(image.to_owned());
		args
	}
}

impl Executor for DockerExecutor {
	fn start(
		&mut self,
		lease_id: u64,
		workload: &Workload,
		resources: &Resources,
	) -> Result<(), String> {
		let Program::Image(image) = &workload.program else {
			return Err("a command runs as a process, not in Docker".to_owned());
		};
		match self.status(lease_id) {
			Status::Running => return Err(format!("lease {lease_id} runs already")),
			// A container that ended (or one a killed agent left) goes first.
			Status::Finished | Status::Failed => self.stop(lease_id),
			Status::Absent => {},
		}
		let args = Self::run_args(lease_id, image, workload, resources);
		let args: Vec<&str> = args.iter().map(String::as_str).collect();
		self.docker(&args).map(|_| ()).map_err(|e| format!("docker run {image}: {e}"))
	}

	fn status(&mut self, lease_id: u64) -> Status {
		let format = "{{.State.Status}} {{.State.ExitCode}}";
		match self.docker(&["inspect", "--format", format, &Self::name(lease_id)]) {
			Ok(state) => match state.split_whitespace().collect::<Vec<_>>().as_slice() {
				["running" | "created" | "restarting", ..] => Status::Running,
				["exited", "0"] => Status::Finished,
				_ => Status::Failed,
			},
			Err(_) => Status::Absent,
		}
	}

	fn stop(&mut self, lease_id: u64) {
		if let Err(error) = self.docker(&["rm", "--force", &Self::name(lease_id)]) {
			tracing::debug!(lease = lease_id, %error, "no container removed");
		}
	}

	fn running(&mut self) -> Vec<u64> {
		let label = format!("label={LEASE_LABEL}");
		let format = format!("{{{{.Label \"{LEASE_LABEL}\"}}}}");
		self.docker(&["ps", "--filter", &label, "--format", &format])
			.map(|out| out.lines().filter_map(|line| line.trim().parse().ok()).collect())
			.unwrap_or_default()
	}
}

/// The agent's executors: commands as processes, images in Docker when an
/// engine is reachable (refused otherwise).
pub struct Workloads {
	processes: ProcessExecutor,
	docker: Option<DockerExecutor>,
}

impl Workloads {
	/// Commands run by `processes`, images by `docker` if an engine answered.
	pub fn new(processes: ProcessExecutor, docker: Option<DockerExecutor>) -> Self {
		Self { processes, docker }
	}
}

impl Executor for Workloads {
	fn start(
		&mut self,
		lease_id: u64,
		workload: &Workload,
		resources: &Resources,
	) -> Result<(), String> {
		match (&workload.program, self.docker.as_mut()) {
			(Program::Command(_), _) => self.processes.start(lease_id, workload, resources),
			(Program::Image(_), Some(docker)) => docker.start(lease_id, workload, resources),
			(Program::Image(image), None) => {
				Err(format!("no Docker engine is reachable here, so the image {image} cannot run"))
			},
		}
	}

	fn status(&mut self, lease_id: u64) -> Status {
		match (self.processes.status(lease_id), self.docker.as_mut()) {
			(Status::Absent, Some(docker)) => docker.status(lease_id),
			(status, _) => status,
		}
	}

	fn stop(&mut self, lease_id: u64) {
		self.processes.stop(lease_id);
		if let Some(docker) = self.docker.as_mut() {
			docker.stop(lease_id);
		}
	}

	fn running(&mut self) -> Vec<u64> {
		let mut running = self.processes.running();
		if let Some(docker) = self.docker.as_mut() {
			running.extend(docker.running());
		}
		running
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	const NOTHING: Resources =
		Resources { cpu_millicores: 0, memory_mib: 0, storage_gib: 0, gpu_units: 0 };

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
		executor.start(3, &sleeper(), &NOTHING).expect("sleep starts");
		assert!(executor.is_running(3));
		assert!(ProcessExecutor::lease_dir(dir.path(), 3).is_dir());
		assert_eq!(executor.running(), vec![3]);
		assert!(executor.start(3, &sleeper(), &NOTHING).is_err(), "a lease runs once");
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
		executor.start(1, &workload, &NOTHING).expect("sh starts");
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
		first.start(5, &sleeper(), &NOTHING).expect("sleep starts");
		let pid = std::fs::read_to_string(ProcessExecutor::lease_dir(dir.path(), 5).join(PID_FILE))
			.expect("the pid is kept");
		// The agent dies without stopping its child.
		std::mem::forget(first);
		assert!(Path::new(&format!("/proc/{}", pid.trim())).exists());
		let mut second = ProcessExecutor::new(dir.path().to_owned(), allowed());
		second.start(5, &sleeper(), &NOTHING).expect("sleep starts again");
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
		assert!(executor.start(1, &image, &NOTHING).unwrap_err().contains("Docker"));
		let missing = Workload {
			program: Program::Command(vec!["/nonexistent/program".into()]),
			..sleeper()
		};
		assert!(executor.start(2, &missing, &NOTHING).unwrap_err().contains("cannot start"));
		let unlisted = Workload {
			program: Program::Command(vec!["rm".into(), "-rf".into(), "/".into()]),
			..sleeper()
		};
		assert!(executor
			.start(3, &unlisted, &NOTHING)
			.unwrap_err()
			.contains("does not run \"rm\""));
		assert!(executor.running().is_empty());
	}

	async fn status_when_done(executor: &mut impl Executor, lease: u64) -> Status {
		for _ in 0..50 {
			match executor.status(lease) {
				Status::Running => tokio::time::sleep(std::time::Duration::from_millis(100)).await,
				done => return done,
			}
		}
		Status::Running
	}

	#[tokio::test]
	async fn a_finished_workload_is_told_from_a_failed_one_even_by_the_next_agent() {
		let dir = tempfile::tempdir().expect("a temporary directory");
		let mut executor = ProcessExecutor::new(dir.path().to_owned(), allowed());
		let exits = |code: u8| Workload {
			program: Program::Command(vec!["sh".into(), "-c".into(), format!("exit {code}")]),
			..sleeper()
		};
		assert_eq!(executor.status(1), Status::Absent);
		executor.start(1, &exits(0), &NOTHING).expect("sh starts");
		executor.start(2, &exits(3), &NOTHING).expect("sh starts");
		assert_eq!(status_when_done(&mut executor, 1).await, Status::Finished);
		assert_eq!(status_when_done(&mut executor, 2).await, Status::Failed);
		// An agent started again reads how they ended from their directories.
		let mut next = ProcessExecutor::new(dir.path().to_owned(), allowed());
		assert_eq!((next.status(1), next.status(2)), (Status::Finished, Status::Failed));
		// Started again, a lease's old ending is forgotten; stopped, too.
		next.start(2, &sleeper(), &NOTHING).expect("sleep starts");
		assert_eq!(next.status(2), Status::Running);
		next.stop(2);
		next.stop(1);
		assert_eq!((next.status(1), next.status(2)), (Status::Absent, Status::Absent));
	}

	#[test]
	fn a_container_gets_the_leases_cpu_memory_ports_and_environment() {
		let workload = Workload {
			program: Program::Image("nginx:1.27".into()),
			ports: vec![8080],
			env: BTreeMap::from([("MODE".to_owned(), "demo".to_owned())]),
		};
		let resources =
			Resources { cpu_millicores: 1500, memory_mib: 512, storage_gib: 0, gpu_units: 0 };
		let args = DockerExecutor::run_args(7, "nginx:1.27", &workload, &resources).join(" ");
		assert_eq!(
			args,
			"run --detach --name stratus-lease-7 --label stratus.lease=7 --restart no \
			 --security-opt no-new-privileges --cpus 1.500 --memory 512m --publish 8080:8080 \
			 --env MODE=demo nginx:1.27"
		);
	}

	/// A stand-in for the `docker` command, for this machine has no engine:
	/// it answers `version`, keeps the state `run` gives a container in a
	/// file, and logs every command line.
	fn fake_docker(dir: &Path, engine_up: bool) -> PathBuf {
		let script = format!(
			r#"#!/bin/sh
dir="{dir}"
echo "$*" >> "$dir/calls"
case "$1" in
  version) {version} ;;
  run) echo "running 0" > "$dir/state"; echo 0123abcd ;;
  inspect) cat "$dir/state" 2>/dev/null || {{ echo "No such object" >&2; exit 1; }} ;;
  rm) rm -f "$dir/state" ;;
  ps) grep -q running "$dir/state" 2>/dev/null && echo 9 ;;
esac
"#,
			dir = dir.display(),
			version = if engine_up { "echo 27.3.1" } else { "echo 'Cannot connect' >&2; exit 1" },
		);
		let path = dir.join(if engine_up { "docker" } else { "docker-down" });
		std::fs::write(&path, script).expect("the script is written");
		use std::os::unix::fs::PermissionsExt;
		std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755))
			.expect("the script is executable");
		path
	}

	#[tokio::test]
	async fn an_image_runs_in_docker_when_an_engine_answers_and_is_refused_when_none_does() {
		let dir = tempfile::tempdir().expect("a temporary directory");
		let processes = || ProcessExecutor::new(dir.path().to_owned(), allowed());
		let image = Workload { program: Program::Image("nginx:1.27".into()), ..sleeper() };
		let resources =
			Resources { cpu_millicores: 250, memory_mib: 64, storage_gib: 1, gpu_units: 0 };

		assert!(DockerExecutor::connect(fake_docker(dir.path(), false)).is_none());
		let mut without = Workloads::new(processes(), None);
		let refused = without.start(9, &image, &resources).unwrap_err();
		assert!(refused.contains("no Docker engine"), "{refused}");

		let docker = DockerExecutor::connect(fake_docker(dir.path(), true)).expect("it answers");
		let mut workloads = Workloads::new(processes(), Some(docker));
		workloads.start(9, &image, &resources).expect("the container starts");
		assert_eq!(workloads.status(9), Status::Running);
		assert_eq!(workloads.running(), vec![9]);
		// A command still runs as a process beside it.
		workloads.start(4, &sleeper(), &NOTHING).expect("sleep starts");
		assert_eq!(workloads.status(4), Status::Running);
		std::fs::write(dir.path().join("state"), "exited 0").expect("the container exits");
		assert_eq!(workloads.status(9), Status::Finished);
		std::fs::write(dir.path().join("state"), "exited 137").expect("the container is killed");
		assert_eq!(workloads.status(9), Status::Failed);
		workloads.stop(9);
		workloads.stop(4);
		assert_eq!((workloads.status(9), workloads.status(4)), (Status::Absent, Status::Absent));
		let calls = std::fs::read_to_string(dir.path().join("calls")).expect("the calls");
		assert!(calls.contains("run --detach --name stratus-lease-9"), "{calls}");
		assert!(calls.contains("--cpus 0.250 --memory 64m"), "{calls}");
		assert!(calls.contains("rm --force stratus-lease-9"), "{calls}");
	}
}
