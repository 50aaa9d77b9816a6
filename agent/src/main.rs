//! `stratus-provider`: the provider agent of the Stratus compute market.
//!
//! It reads a provider file (`provider.toml`), registers and bonds as the
//! file says if the provider is not yet, then follows the finalized blocks:
//! it bids on the open orders its pricing rules take and the chain's
//! screening allows, serves the manifest endpoint at the provider's host
//! URI (a manifest runs only if its hash is the lease's and the tenant
//! signed it), runs each workload as a process in its lease's directory,
//! confirms the lease ready once the workload's ports answer, sends its
//! heartbeat every half interval (free), collects what its leases owe, and
//! stops a workload when its lease ends. Restarted, it picks its leases up
//! from the chain and restarts their workloads from the manifests it kept.
//!
//! Run it under a `ProviderOps` proxy key to keep the provider's funds key
//! off the machine (README, "Run the day-to-day work under a proxy").

mod agent;
mod executor;
mod metrics;
mod server;
mod state;

use clap::Parser;
use std::{path::PathBuf, process::ExitCode, sync::Arc};
use stratus_client::{
	keys::Key, market::Market, provider_file::ProviderFile, subxt::utils::AccountId32, Client,
};
use tokio::signal::unix::{signal, SignalKind};

/// The Stratus provider agent.
#[derive(Parser)]
#[command(
	name = "stratus-provider",
	version,
	about,
	after_help = "Example:
  STRATUS_SURI=//Bob stratus-provider -f examples/provider.toml

Logs go to stderr; RUST_LOG=debug shows every decision."
)]
struct Args {
	/// The provider file.
	#[arg(short = 'f', long = "file")]
	file: PathBuf,
	/// The node's WebSocket RPC address (else the file's `node`).
	#[arg(long, env = "STRATUS_URL")]
	url: Option<String>,
	/// The secret URI to sign with; prefer STRATUS_SURI or a key file.
	#[arg(long, env = "STRATUS_SURI", hide_env_values = true)]
	suri: Option<String>,
	/// A file whose first line is the secret URI (else the file's `key_file`).
	#[arg(long, env = "STRATUS_KEY_FILE")]
	key_file: Option<PathBuf>,
	/// The provider account, when the key is its `ProviderOps` proxy (else
	/// the file's `[agent] proxy_for`; else the key is the provider's).
	#[arg(long, env = "STRATUS_PROXY_FOR")]
	proxy_for: Option<AccountId32>,
}

#[tokio::main]
async fn main() -> ExitCode {
	tracing_subscriber::fmt()
		.with_env_filter(
			tracing_subscriber::EnvFilter::try_from_default_env()
				.unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
		)
		.with_writer(std::io::stderr)
		.init();
	match run(Args::parse()).await {
		Ok(()) => ExitCode::SUCCESS,
		Err(error) => {
			tracing::error!("{error}");
			ExitCode::from(1)
		},
	}
}

async fn run(args: Args) -> Result<(), String> {
	let file = ProviderFile::read(&args.file).map_err(|e| e.to_string())?;
	let key_file = args.key_file.or_else(|| file.key_file.clone());
	let key = Key::resolve(args.suri.as_deref(), key_file.as_deref()).map_err(|e| e.to_string())?;
	let key = match args.proxy_for.or(file.agent.proxy_for) {
		Some(provider) => key.acting_for(provider),
		None => key,
	};
	let url =
		args.url.or_else(|| file.node.clone()).unwrap_or_else(|| "ws://127.0.0.1:9944".to_owned());
	let client =
		Client::from_insecure_url(&url).await.map_err(|e| format!("cannot reach {url}: {e}"))?;
	let market = Market::new(client.clone());
	let metrics = metrics::Metrics::new().map_err(|e| e.to_string())?;
	std::fs::create_dir_all(&file.agent.work_dir)
		.map_err(|e| format!("cannot create {}: {e}", file.agent.work_dir.display()))?;
	let docker = executor::DockerExecutor::connect(PathBuf::from("docker"));
	if docker.is_none() {
		tracing::info!("no Docker engine answers: manifests with an image are refused");
	}
	let shared = Arc::new(state::Shared::new(
		market,
		key.principal(),
		file.agent.work_dir.clone(),
		file.agent.allowed_programs.clone(),
		docker,
		metrics,
	));
	match key.proxy_for() {
		Some(provider) => {
			tracing::info!(%provider, proxy = %key.account(), node = %url, "starting as a proxy")
		},
		None => tracing::info!(provider = %key.account(), node = %url, "starting"),
	}

	let mut agent = agent::Agent::new(shared.clone(), key, file.clone());
	agent.ensure_registered().await?;
	tokio::spawn(server::serve(server::bind(file.agent.listen).await?, shared.clone()));
	if file.agent.metrics != file.agent.listen {
		tokio::spawn(server::serve(server::bind(file.agent.metrics).await?, shared.clone()));
	}

	let mut blocks = client.stream_blocks().await.map_err(|e| e.to_string())?;
	let mut hangup = signal(SignalKind::hangup()).map_err(|e| e.to_string())?;
	loop {
		tokio::select! {
			block = blocks.next() => {
				let Some(block) = block else { return Err("the node stopped sending blocks".to_owned()) };
				let block = block.map_err(|e| e.to_string())?;
				let number = u32::try_from(block.number()).map_err(|e| e.to_string())?;
				if let Err(error) = agent.on_block(number).await {
					tracing::warn!(block = number, %error, "block not handled");
				}
			},
			_ = hangup.recv() => match ProviderFile::read(&args.file) {
				Ok(file) => agent.reload(file),
				Err(error) => tracing::warn!(%error, "the provider file was not read again"),
			},
			_ = tokio::signal::ctrl_c() => {
				tracing::info!("stopping: workloads are stopped with the agent");
				return Ok(());
			},
		}
	}
}
