//! `stratus`: the command line of the Stratus compute market.
//!
//! Tenants order compute from a workload manifest, watch the bids and the
//! lease; providers register, bond and manage their machines; anyone reads
//! the market. Every command that changes the chain signs with the key
//! from `--suri`, `STRATUS_SURI` or `--key-file`, shows its progress until
//! the transaction is final, and reports a refusal by the pallet's named
//! error and its doc line.
//!
//! Exit codes: 0 done; 1 the chain refused (a named error, or a
//! transaction the node would not take); 2 bad input (arguments, a file, a
//! key); 3 the node could not be reached or failed; 4 no such order, lease
//! or provider.

mod commands;
mod http;
mod output;

use clap::{Args, Parser, Subcommand};
use std::{path::PathBuf, process::ExitCode};

/// The Stratus compute market from the command line.
#[derive(Parser)]
#[command(
	name = "stratus",
	version,
	about = "The Stratus compute market from the command line: order compute, run a provider, read the market.",
	after_help = "Examples:
  stratus market params
  stratus screen -f workload.toml
  stratus --suri //Alice order create -f workload.toml
  stratus order watch 0
  stratus --suri //Bob bid 0 \"1.5 mSTRA\"
  stratus --suri //Alice accept 0 5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty
  stratus --suri //Alice lease top-up 0 \"2 STRA\"
  STRATUS_SURI=//Bob stratus provider register -f provider.toml
  stratus --suri //Ferdie --proxy-for 5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty provider pause

Exit codes: 0 done, 1 refused by the chain, 2 bad input, 3 node unreachable or failed, 4 not found."
)]
struct Cli {
	#[command(flatten)]
	global: Global,
	#[command(subcommand)]
	command: Command,
}

/// Options every command takes.
#[derive(Args, Clone)]
pub struct Global {
	/// The node's WebSocket RPC address.
	#[arg(long, global = true, env = "STRATUS_URL", default_value = "ws://127.0.0.1:9944")]
	pub url: String,
	/// The secret URI to sign with (`//Alice` on a dev chain, a phrase,
	/// or a 0x seed). Prefer STRATUS_SURI or --key-file: a flag is seen by
	/// other users of the machine.
	#[arg(long, global = true, env = "STRATUS_SURI", hide_env_values = true)]
	pub suri: Option<String>,
	/// A file whose first line is the secret URI (mode 600).
	#[arg(long, global = true, env = "STRATUS_KEY_FILE")]
	pub key_file: Option<PathBuf>,
	/// Act for this provider account as its `ProviderOps` proxy: each call
	/// is sent as `proxy.proxy(ACCOUNT, ProviderOps, call)`.
	#[arg(long, global = true, env = "STRATUS_PROXY_FOR", value_name = "ACCOUNT")]
	pub proxy_for: Option<String>,
	/// Pay transaction fees in this foreign asset (its symbol: USDT, USDC,
	/// DOT) instead of STRA, at the rate governance set for it.
	#[arg(long, global = true, env = "STRATUS_FEE_ASSET", value_name = "SYMBOL")]
	pub fee_asset: Option<String>,
	/// Print JSON instead of text, for scripts.
	#[arg(long, global = true)]
	pub json: bool,
	/// Report a transaction once it is in a block, without waiting for
	/// finality.
	#[arg(long, global = true)]
	pub no_wait_finality: bool,
}

#[derive(Subcommand)]
enum Command {
	/// Orders: create one from a workload manifest, list, show, cancel, watch.
	#[command(subcommand)]
	Order(OrderCommand),
	/// The bids on an order, best first.
	Bids {
		/// The order.
		order: u64,
	},
	/// Bid on an order as a provider (or withdraw your bid with --withdraw).
	Bid {
		/// The order.
		order: u64,
		/// Your price per block: "1 mSTRA" or plancks.
		#[arg(required_unless_present = "withdraw")]
		price: Option<String>,
		/// Withdraw your bid instead.
		#[arg(long, conflicts_with = "price")]
		withdraw: bool,
	},
	/// Accept a provider's bid on your order: the lease opens at its price.
	Accept {
		/// The order.
		order: u64,
		/// The provider whose bid to accept (SS58 address).
		provider: String,
	},
	/// Leases: list, show, top up, close, send the manifest.
	#[command(subcommand)]
	Lease(LeaseCommand),
	/// Your provider: register, update, pause, resume, bond, unbond, show, stats.
	#[command(subcommand)]
	Provider(ProviderCommand),
	/// Report a fault in a lease you pay for (a deposit is held until it is decided).
	Report {
		/// The lease.
		lease: u64,
		/// What went wrong: not-delivered, unavailable or below-spec.
		#[arg(long)]
		kind: commands::FaultKindArg,
		/// A 0x-prefixed 32-byte hash of your evidence (kept off-chain).
		#[arg(long)]
		evidence: String,
	},
	/// The market.
	#[command(subcommand)]
	Market(MarketCommand),
	/// Why would nobody bid? Which providers could serve a workload now,
	/// and how many each check excludes.
	Screen {
		/// The workload manifest.
		#[arg(short = 'f', long = "file")]
		file: PathBuf,
	},
}

#[derive(Subcommand)]
enum OrderCommand {
	/// Post an order for the workload in a manifest; the order commits to
	/// the manifest's hash and puts its budget into escrow.
	Create {
		/// The workload manifest (workload.toml).
		#[arg(short = 'f', long = "file")]
		file: PathBuf,
	},
	/// The open orders (yours only with --mine).
	Ls {
		/// Only the orders of the signing account.
		#[arg(long)]
		mine: bool,
	},
	/// An open order with its bids.
	Show {
		/// The order.
		order: u64,
	},
	/// Cancel your open order: its budget and deposit come back.
	Cancel {
		/// The order.
		order: u64,
	},
	/// Follow an order block by block until it becomes a lease or ends.
	Watch {
		/// The order.
		order: u64,
	},
}

#[derive(Subcommand)]
enum LeaseCommand {
	/// The open leases you pay for (or serve, with --provider).
	Ls {
		/// The leases the signing account serves as a provider.
		#[arg(long)]
		provider: bool,
	},
	/// A lease with its balance, what is owed now and when it runs dry.
	Show {
		/// The lease.
		lease: u64,
	},
	/// Add to a lease's escrow (anyone may).
	TopUp {
		/// The lease.
		lease: u64,
		/// How much: "2 STRA", "500 mSTRA" or plancks.
		amount: String,
	},
	/// Close a lease: the provider is paid to now, the rest comes back.
	Close {
		/// The lease.
		lease: u64,
	},
	/// Send the lease's workload manifest to its provider, signed: the file
	/// must be the one the order was created from.
	Manifest {
		/// The lease.
		lease: u64,
		/// The workload manifest.
		#[arg(short = 'f', long = "file")]
		file: PathBuf,
	},
}

#[derive(Subcommand)]
enum ProviderCommand {
	/// Register the machine a provider file describes (a deposit is held).
	Register {
		/// The provider file (provider.toml).
		#[arg(short = 'f', long = "file")]
		file: PathBuf,
	},
	/// Update capacity, attributes and host URI from a provider file.
	Update {
		/// The provider file (provider.toml).
		#[arg(short = 'f', long = "file")]
		file: PathBuf,
	},
	/// Stop taking new orders; running leases go on.
	Pause,
	/// Take new orders again.
	Resume,
	/// Bond stake (bidding needs at least the minimum bond).
	Bond {
		/// How much: "1000 STRA" or plancks.
		amount: String,
	},
	/// Start unbonding stake (slashable until withdrawn).
	Unbond {
		/// How much.
		amount: String,
	},
	/// A provider's record (yours when no account is given).
	Show {
		/// The provider (SS58 address).
		account: Option<String>,
	},
	/// A provider's track record and score (yours when no account is given).
	Stats {
		/// The provider (SS58 address).
		account: Option<String>,
	},
}

#[derive(Subcommand)]
enum MarketCommand {
	/// Every market parameter in force, with the range governance may set.
	Params,
}

#[tokio::main]
async fn main() -> ExitCode {
	let cli = Cli::parse();
	let json = cli.global.json;
	match commands::run(cli.global, cli.command).await {
		Ok(()) => ExitCode::SUCCESS,
		Err(failure) => {
			output::failure(json, &failure);
			ExitCode::from(failure.code())
		},
	}
}
