//! The provider file (`provider.toml`): what a provider registers, the bond
//! it keeps, and how its agent prices and runs work. `stratus provider
//! register -f provider.toml` reads the `[provider]` part; the agent
//! `stratus-provider` reads all of it.
//!
//! ```toml
//! node = "ws://127.0.0.1:9944"
//! key_file = "provider.key"        # or STRATUS_SURI / --suri
//!
//! [provider]
//! host_uri = "http://203.0.113.7:8800"   # where tenants send manifests
//! bond = "1000 STRA"                     # kept bonded by the agent
//! [provider.capacity]
//! cpu_millicores = 8000
//! memory_mib = 16384
//! storage_gib = 200
//! [provider.attributes]
//! region = "eu-west"
//!
//! [pricing]                        # per block
//! cpu_core = "0.1 mSTRA"           # per 1000 millicores
//! memory_gib = "0.05 mSTRA"        # per 1024 MiB
//! storage_gib = "0.001 mSTRA"
//! gpu = "1 mSTRA"
//! margin = "20%"
//! floor = "0.2 mSTRA"
//! max_leases = 4
//! skip_tenants = []
//!
//! [agent]
//! listen = "0.0.0.0:8800"          # the manifest endpoint behind host_uri
//! metrics = "127.0.0.1:9616"       # Prometheus /metrics
//! work_dir = "stratus-work"        # one directory per lease
//! allowed_programs = ["python3"]   # what a manifest's command may start (none if empty)
//! proxy_for = "5FHneW46..."        # the provider, when the agent's key is its ProviderOps proxy
//! ```

use crate::{
	file::{parse_percent, FileError, Source},
	manifest::{account, attributes, balance, ResourcesFile},
	market::{Attributes, BoundedVec, Resources},
};
use serde::Deserialize;
use std::{collections::BTreeMap, net::SocketAddr, path::PathBuf};
use subxt::utils::AccountId32;
use toml::Spanned;

/// The most attributes a provider may declare (`ResourceRegistry::MaxAttributes`).
pub const MAX_ATTRIBUTES: usize = 16;
/// The longest host URI, in bytes (`ResourceRegistry::MaxHostUriLen`).
pub const MAX_HOST_URI_LEN: usize = 128;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProviderTomlFile {
	#[serde(default)]
	node: Option<String>,
	#[serde(default)]
	key_file: Option<PathBuf>,
	provider: RegistrationFile,
	#[serde(default)]
	pricing: Option<Spanned<PricingFile>>,
	#[serde(default)]
	agent: Option<AgentFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RegistrationFile {
	host_uri: Spanned<String>,
	#[serde(default)]
	bond: Option<Spanned<String>>,
	capacity: Spanned<ResourcesFile>,
	#[serde(default)]
	attributes: Option<Spanned<BTreeMap<String, Spanned<String>>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PricingFile {
	#[serde(default)]
	cpu_core: Option<Spanned<String>>,
	#[serde(default)]
	memory_gib: Option<Spanned<String>>,
	#[serde(default)]
	storage_gib: Option<Spanned<String>>,
	#[serde(default)]
	gpu: Option<Spanned<String>>,
	#[serde(default)]
	margin: Option<Spanned<String>>,
	#[serde(default)]
	floor: Option<Spanned<String>>,
	#[serde(default)]
	max_leases: Option<Spanned<u32>>,
	#[serde(default)]
	skip_tenants: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AgentFile {
	#[serde(default)]
	listen: Option<Spanned<String>>,
	#[serde(default)]
	metrics: Option<Spanned<String>>,
	#[serde(default)]
	work_dir: Option<PathBuf>,
	#[serde(default)]
	allowed_programs: Vec<String>,
	#[serde(default)]
	proxy_for: Option<Spanned<String>>,
}

/// What a provider registers.
#[derive(Clone)]
pub struct Registration {
	/// What it offers.
	pub capacity: Resources,
	/// What it declares about itself.
	pub attributes: Attributes,
	/// Where tenants reach it.
	pub host_uri: Vec<u8>,
	/// The bond it keeps, if the file names one.
	pub bond: Option<u128>,
}

/// How the agent prices an order, per block: each resource's unit price,
/// then the margin on top, and never below the floor.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pricing {
	/// Per core (1000 millicores).
	pub cpu_core: u128,
	/// Per GiB (1024 MiB) of memory.
	pub memory_gib: u128,
	/// Per GiB of storage.
	pub storage_gib: u128,
	/// Per GPU.
	pub gpu: u128,
	/// Margin on the cost, in parts per billion.
	pub margin: u32,
	/// The least it bids.
	pub floor: u128,
	/// The most leases it runs at once.
	pub max_leases: u32,
	/// Tenants whose orders it skips.
	pub skip_tenants: Vec<AccountId32>,
}

impl Pricing {
	/// The price per block of serving `resources`: each resource at its
	/// unit price (CPU per whole core and memory per whole GiB, rounded
	/// up), plus the margin (rounded up), and never below the floor.
	/// `None` if it overflows.
	pub fn price_for(&self, resources: &Resources) -> Option<u128> {
		let per_unit = |price: u128, amount: u64, unit: u128| {
			price.checked_mul(u128::from(amount)).map(|total| total.div_ceil(unit))
		};
		let cost = per_unit(self.cpu_core, resources.cpu_millicores, 1000)?
			.checked_add(per_unit(self.memory_gib, resources.memory_mib, 1024)?)?
			.checked_add(per_unit(self.storage_gib, resources.storage_gib, 1)?)?
			.checked_add(per_unit(self.gpu, resources.gpu_units.into(), 1)?)?;
		let margin = cost.checked_mul(u128::from(self.margin))?.div_ceil(1_000_000_000);
		Some(cost.checked_add(margin)?.max(self.floor))
	}

	/// What to bid on an order for `resources` from `tenant` paying at most
	/// `max_price` a block, while running `running` leases; or why not.
	pub fn bid_for(
		&self,
		resources: &Resources,
		tenant: &AccountId32,
		max_price: u128,
		running: u32,
	) -> Result<u128, Pass> {
		if self.skip_tenants.contains(tenant) {
			return Err(Pass::SkippedTenant);
		}
		if running >= self.max_leases {
			return Err(Pass::Full);
		}
		let price = self.price_for(resources).ok_or(Pass::Overflow)?;
		if price > max_price {
			return Err(Pass::DoesNotPay { price, max_price });
		}
		Ok(price)
	}
}

/// Why the agent does not bid on an order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pass {
	/// The provider file says to skip this tenant.
	SkippedTenant,
	/// It already runs `max_leases` leases.
	Full,
	/// Its price is above what the order pays.
	DoesNotPay {
		/// What it would ask.
		price: u128,
		/// What the order pays at most.
		max_price: u128,
	},
	/// The price does not fit in a balance.
	Overflow,
}

/// Where the agent listens and works.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgentSettings {
	/// The manifest endpoint's address.
	pub listen: SocketAddr,
	/// The Prometheus endpoint's address.
	pub metrics: SocketAddr,
	/// Where each lease's workload gets a directory.
	pub work_dir: PathBuf,
	/// The programs a manifest's command may start; none when empty. A
	/// command runs as the agent's user, so a provider names what it
	/// trusts tenants to run.
	pub allowed_programs: Vec<String>,
	/// The provider account, when the agent's key is not the provider's
	/// but its `ProviderOps` proxy: every call goes through `proxy.proxy`.
	pub proxy_for: Option<AccountId32>,
}

/// A checked provider file.
#[derive(Clone)]
pub struct ProviderFile {
	/// The node to use, if the file names one.
	pub node: Option<String>,
	/// The key file, relative to the provider file's directory.
	pub key_file: Option<PathBuf>,
	/// What it registers.
	pub registration: Registration,
	/// How it prices.
	pub pricing: Pricing,
	/// Where the agent listens and works.
	pub agent: AgentSettings,
}

impl ProviderFile {
	/// Reads and checks the provider file at `path`.
	pub fn read(path: &std::path::Path) -> Result<Self, FileError> {
		let bytes = crate::file::read(path)?;
		let name = path.display().to_string();
		let text = String::from_utf8(bytes)
			.map_err(|_| Source { path: &name, text: "" }.error("not UTF-8 text"))?;
		let mut file = Self::parse(&name, &text)?;
		let dir = path.parent().unwrap_or(std::path::Path::new("."));
		file.key_file = file.key_file.map(|key| dir.join(key));
		file.agent.work_dir = dir.join(&file.agent.work_dir);
		Ok(file)
	}

	/// Checks a provider file's `text`, named `path` in errors.
	pub fn parse(path: &str, text: &str) -> Result<Self, FileError> {
		let source = Source { path, text };
		let file: ProviderTomlFile = source.parse()?;
		let provider = &file.provider;
		let capacity = provider.capacity.get_ref().resources();
		if capacity == Resources::ZERO {
			return Err(
				source.error_at(provider.capacity.span(), "[provider.capacity] offers nothing")
			);
		}
		let host_uri = provider.host_uri.get_ref().trim();
		if host_uri.is_empty() || host_uri.len() > MAX_HOST_URI_LEN {
			return Err(source.error_at(
				provider.host_uri.span(),
				format!("host_uri must be 1 to {MAX_HOST_URI_LEN} bytes"),
			));
		}
		let attributes = match &provider.attributes {
			Some(table) => attributes(&source, table, MAX_ATTRIBUTES)?,
			None => BoundedVec(Vec::new()),
		};
		let bond = provider.bond.as_ref().map(|bond| balance(&source, bond)).transpose()?;
		let pricing = match &file.pricing {
			Some(pricing) => pricing_of(&source, pricing)?,
			None => Pricing::default(),
		};
		let agent = file.agent.as_ref();
		let address = |given: Option<&Spanned<String>>, default: &str| match given {
			Some(text) => text.get_ref().parse::<SocketAddr>().map_err(|_| {
				source.error_at(
					text.span(),
					format!("\"{}\" is not an address like 0.0.0.0:8800", text.get_ref()),
				)
			}),
			None => default.parse::<SocketAddr>().map_err(|_| source.error("bad default address")),
		};
		let agent = AgentSettings {
			listen: address(agent.and_then(|a| a.listen.as_ref()), "127.0.0.1:8800")?,
			metrics: address(agent.and_then(|a| a.metrics.as_ref()), "127.0.0.1:9616")?,
			work_dir: agent
				.and_then(|a| a.work_dir.clone())
				.unwrap_or_else(|| PathBuf::from("stratus-work")),
			allowed_programs: agent.map(|a| a.allowed_programs.clone()).unwrap_or_default(),
			proxy_for: agent
				.and_then(|a| a.proxy_for.as_ref())
				.map(|text| account(&source, text))
				.transpose()?,
		};
		Ok(Self {
			node: file.node,
			key_file: file.key_file,
			registration: Registration {
				capacity,
				attributes,
				host_uri: host_uri.as_bytes().to_vec(),
				bond,
			},
			pricing,
			agent,
		})
	}
}

fn pricing_of(source: &Source, pricing: &Spanned<PricingFile>) -> Result<Pricing, FileError> {
	let file = pricing.get_ref();
	let price = |given: &Option<Spanned<String>>| {
		given.as_ref().map(|text| balance(source, text)).transpose().map(Option::unwrap_or_default)
	};
	let margin = match &file.margin {
		Some(text) => parse_percent(text.get_ref()).ok_or_else(|| {
			source.error_at(text.span(), "margin is a percentage from 0% to 100%, e.g. \"20%\"")
		})?,
		None => 0,
	};
	let max_leases = file.max_leases.as_ref().map_or(1, |n| *n.get_ref());
	if max_leases == 0 {
		let span = file.max_leases.as_ref().map_or(pricing.span(), |n| n.span());
		return Err(source.error_at(span, "max_leases is zero: the agent would never bid"));
	}
	let priced = Pricing {
		cpu_core: price(&file.cpu_core)?,
		memory_gib: price(&file.memory_gib)?,
		storage_gib: price(&file.storage_gib)?,
		gpu: price(&file.gpu)?,
		margin,
		floor: price(&file.floor)?,
		max_leases,
		skip_tenants: file
			.skip_tenants
			.iter()
			.map(|tenant| account(source, tenant))
			.collect::<Result<_, _>>()?,
	};
	let prices = [priced.cpu_core, priced.memory_gib, priced.storage_gib, priced.gpu, priced.floor];
	if prices.iter().all(|price| *price == 0) {
		return Err(source
			.error_at(pricing.span(), "[pricing] prices nothing: give a floor or a unit price"));
	}
	Ok(priced)
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::amount;

	pub(crate) const GOOD: &str = r#"node = "ws://127.0.0.1:9944"
key_file = "provider.key"

[provider]
host_uri = "http://127.0.0.1:8800"
bond = "1000 STRA"
[provider.capacity]
cpu_millicores = 8000
memory_mib = 16384
[provider.attributes]
region = "eu-west"

[pricing]
cpu_core = "0.1 mSTRA"
memory_gib = "0.05 mSTRA"
margin = "20%"
floor = "0.2 mSTRA"
max_leases = 4

[agent]
listen = "127.0.0.1:8800"
allowed_programs = ["python3"]
"#;

	#[test]
	fn a_good_provider_file_gives_registration_pricing_and_agent() {
		let file = ProviderFile::parse("provider.toml", GOOD).expect("the example is good");
		assert_eq!(file.registration.capacity.cpu_millicores, 8000);
		assert_eq!(file.registration.host_uri, b"http://127.0.0.1:8800");
		assert_eq!(file.registration.bond, Some(1000 * amount::STRA));
		assert_eq!(file.registration.attributes.0.len(), 1);
		assert_eq!(file.pricing.cpu_core, amount::STRA / 10_000);
		assert_eq!(file.pricing.margin, 200_000_000);
		assert_eq!(file.pricing.max_leases, 4);
		assert_eq!(file.agent.listen, "127.0.0.1:8800".parse().expect("an address"));
		assert_eq!(file.node.as_deref(), Some("ws://127.0.0.1:9944"));
		assert_eq!(file.agent.allowed_programs, vec!["python3".to_owned()]);
		assert_eq!(file.agent.proxy_for, None, "the agent's key is the provider's");
		let bob = "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty";
		let proxied = GOOD.replace("[agent]\n", &format!("[agent]\nproxy_for = \"{bob}\"\n"));
		let file = ProviderFile::parse("provider.toml", &proxied).expect("a proxy's file");
		assert_eq!(file.agent.proxy_for.map(|a| a.to_string()).as_deref(), Some(bob));
	}

	fn pricing() -> Pricing {
		Pricing {
			cpu_core: 1_000,
			memory_gib: 100,
			storage_gib: 10,
			gpu: 50_000,
			margin: 100_000_000, // 10 %
			floor: 500,
			max_leases: 2,
			skip_tenants: Vec::new(),
		}
	}

	fn ask(cpu_millicores: u64, memory_mib: u64, storage_gib: u64, gpu_units: u32) -> Resources {
		Resources { cpu_millicores, memory_mib, storage_gib, gpu_units }
	}

	#[test]
	fn a_price_is_the_resources_at_their_unit_prices_plus_the_margin() {
		// 2 cores 2000, 4 GiB 400, 50 GiB 500: 2900, plus 10 %: 3190.
		assert_eq!(pricing().price_for(&ask(2000, 4096, 50, 0)), Some(3190));
		// A GPU is priced whole.
		assert_eq!(pricing().price_for(&ask(0, 0, 0, 1)), Some(55_000));
		// Part of a core or a GiB rounds up: 0.5 core 500, 0.25 GiB 25: 525, +53.
		assert_eq!(pricing().price_for(&ask(500, 256, 0, 0)), Some(578));
	}

	#[test]
	fn a_price_never_goes_below_the_floor() {
		assert_eq!(pricing().price_for(&ask(1, 0, 0, 0)), Some(500));
		let free = Pricing { floor: 0, ..pricing() };
		assert_eq!(
			free.price_for(&ask(1, 0, 0, 0)),
			Some(2),
			"1 of 1000 rounds up, and its margin too"
		);
	}

	#[test]
	fn the_agent_bids_only_where_it_pays_and_it_has_room() {
		let tenant = AccountId32([1; 32]);
		let rules = pricing();
		let wants = ask(2000, 4096, 50, 0);
		assert_eq!(rules.bid_for(&wants, &tenant, 3190, 1), Ok(3190));
		assert_eq!(
			rules.bid_for(&wants, &tenant, 3189, 1),
			Err(Pass::DoesNotPay { price: 3190, max_price: 3189 })
		);
		assert_eq!(rules.bid_for(&wants, &tenant, 10_000, 2), Err(Pass::Full));
		let skipping = Pricing { skip_tenants: vec![tenant], ..pricing() };
		assert_eq!(skipping.bid_for(&wants, &tenant, 10_000, 0), Err(Pass::SkippedTenant));
		let greedy = Pricing { cpu_core: u128::MAX, ..pricing() };
		assert_eq!(greedy.bid_for(&wants, &tenant, u128::MAX, 0), Err(Pass::Overflow));
	}

	#[test]
	fn each_mistake_is_reported_at_its_line() {
		let cases = [
			("cpu_millicores = 8000\nmemory_mib = 16384", "gpu_units = 0", 7, "offers nothing"),
			("bond = \"1000 STRA\"", "bond = \"1000\"STRA", 6, "expected newline"),
			("margin = \"20%\"", "margin = \"200%\"", 16, "percentage"),
			("max_leases = 4", "max_leases = 0", 18, "never bid"),
			("listen = \"127.0.0.1:8800\"", "listen = \"localhost\"", 21, "not an address"),
			("host_uri = \"http://127.0.0.1:8800\"", "host_uri = \"\"", 5, "1 to 128 bytes"),
			("floor = \"0.2 mSTRA\"", "flor = \"0.2 mSTRA\"", 17, "unknown field"),
			(
				"listen = \"127.0.0.1:8800\"",
				"listen = \"127.0.0.1:8800\"\nproxy_for = \"Bob\"",
				22,
				"not an SS58 account",
			),
			(
				"cpu_core = \"0.1 mSTRA\"\nmemory_gib = \"0.05 mSTRA\"\nmargin = \"20%\"\nfloor = \"0.2 mSTRA\"",
				"margin = \"20%\"",
				13,
				"prices nothing",
			),
		];
		for (from, to, line, says) in cases {
			assert!(GOOD.contains(from), "{from}");
			let error = ProviderFile::parse("provider.toml", &GOOD.replacen(from, to, 1))
				.err()
				.unwrap_or_else(|| panic!("{to} is accepted"));
			assert_eq!(error.line, line, "{to}: {error}");
			assert!(error.message.contains(says), "{to}: {error}");
		}
	}
}
