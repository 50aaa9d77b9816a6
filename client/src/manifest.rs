//! The workload manifest (`workload.toml`): what a tenant orders and what
//! the provider runs for it.
//!
//! ```toml
//! [resources]
//! cpu_millicores = 500        # 1000 = one core
//! memory_mib = 256
//! storage_gib = 1
//! gpu_units = 0
//!
//! [order]
//! max_price_per_block = "2 mSTRA"
//! budget = "1 STRA"
//! bid_window = 10             # blocks
//! min_score = "80%"           # optional: the least track-record score
//! min_completed = 3           # optional: the fewest leases completed
//! auditor = "5F..."           # optional: who must vouch for the attributes
//! [order.attributes]          # optional: what the provider must declare
//! region = "eu-west"
//!
//! [workload]
//! command = ["python3", "-m", "http.server", "8080"]   # or: image = "nginx:1.27"
//! ports = [8080]
//! [workload.env]
//! GREETING = "hello"
//! ```
//!
//! The order commits to the manifest by the BLAKE2-256 hash of the file's
//! bytes ([`Manifest::hash`]); the tenant later sends those same bytes to
//! the provider, signed ([`delivery_message`]), and the provider runs them
//! only if their hash is the lease's and the signature the tenant's.

use crate::{
	amount,
	file::{parse_percent, FileError, Source},
	market::{Attribute, Attributes, BoundedVec, Perbill, Resources, Terms, TrackRequirements},
};
use serde::Deserialize;
use std::{collections::BTreeMap, str::FromStr};
use subxt::utils::AccountId32;
use toml::Spanned;

/// The most attributes an order may require (`BidMatching::MaxRequiredAttributes`).
pub const MAX_REQUIRED_ATTRIBUTES: usize = 16;
/// The longest attribute key, in bytes (`BidMatching::MaxAttributeKeyLen`).
pub const MAX_ATTRIBUTE_KEY_LEN: usize = 32;
/// The longest attribute value, in bytes (`BidMatching::MaxAttributeValueLen`).
pub const MAX_ATTRIBUTE_VALUE_LEN: usize = 64;
/// The fewest blocks an order's budget must pay for at its top price
/// (`BidMatching::MinLeaseBlocks`).
pub const MIN_LEASE_BLOCKS: u32 = 10;
/// The shortest bid window, in blocks (`BidMatching::MinBidWindow`).
pub const MIN_BID_WINDOW: u32 = 10;
/// The longest bid window, in blocks (`BidMatching::MaxBidWindow`).
pub const MAX_BID_WINDOW: u32 = 600;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WorkloadFile {
	resources: Spanned<ResourcesFile>,
	order: OrderFile,
	workload: Spanned<RunFile>,
}

/// Resources as a file states them; a missing one is zero.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ResourcesFile {
	#[serde(default)]
	cpu_millicores: u64,
	#[serde(default)]
	memory_mib: u64,
	#[serde(default)]
	storage_gib: u64,
	#[serde(default)]
	gpu_units: u32,
}

impl Resources {
	/// Nothing at all.
	pub const ZERO: Self = Self { cpu_millicores: 0, memory_mib: 0, storage_gib: 0, gpu_units: 0 };
}

impl ResourcesFile {
	pub(crate) fn resources(&self) -> Resources {
		Resources {
			cpu_millicores: self.cpu_millicores,
			memory_mib: self.memory_mib,
			storage_gib: self.storage_gib,
			gpu_units: self.gpu_units,
		}
	}
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OrderFile {
	max_price_per_block: Spanned<String>,
	budget: Spanned<String>,
	bid_window: Spanned<u32>,
	#[serde(default)]
	auditor: Option<Spanned<String>>,
	#[serde(default)]
	min_score: Option<Spanned<String>>,
	#[serde(default)]
	min_completed: u32,
	#[serde(default)]
	attributes: Option<Spanned<BTreeMap<String, Spanned<String>>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RunFile {
	#[serde(default)]
	command: Option<Spanned<Vec<String>>>,
	#[serde(default)]
	image: Option<Spanned<String>>,
	#[serde(default)]
	ports: Vec<Spanned<u16>>,
	#[serde(default)]
	env: BTreeMap<String, Spanned<String>>,
}

/// What runs: a command on the provider's machine, or a container image.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Program {
	/// A command and its arguments.
	Command(Vec<String>),
	/// A container image, for providers that run containers.
	Image(String),
}

/// The workload of a manifest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Workload {
	/// What to run.
	pub program: Program,
	/// The TCP ports it serves.
	pub ports: Vec<u16>,
	/// Its environment.
	pub env: BTreeMap<String, String>,
}

/// A checked workload manifest.
#[derive(Clone, Debug)]
pub struct Manifest {
	/// The file's bytes, as hashed and as delivered to the provider.
	pub bytes: Vec<u8>,
	/// What the order asks for.
	pub terms: Terms,
	/// What the tenant puts into escrow.
	pub budget: u128,
	/// How long the order takes bids, in blocks.
	pub bid_window: u32,
	/// What runs.
	pub workload: Workload,
}

impl Manifest {
	/// Reads and checks the manifest at `path`.
	pub fn read(path: &std::path::Path) -> Result<Self, FileError> {
		let bytes = crate::file::read(path)?;
		Self::parse(&path.display().to_string(), bytes)
	}

	/// Checks a manifest's `bytes`, named `path` in errors.
	pub fn parse(path: &str, bytes: Vec<u8>) -> Result<Self, FileError> {
		let text = core::str::from_utf8(&bytes).map_err(|error| FileError {
			path: path.to_owned(),
			line: 0,
			column: 0,
			message: format!("not UTF-8 text: {error}"),
		})?;
		let source = Source { path, text };
		let file: WorkloadFile = source.parse()?;

		let resources = file.resources.get_ref().resources();
		if resources == Resources::ZERO {
			return Err(source.error_at(
				file.resources.span(),
				"[resources] asks for nothing: give at least one of cpu_millicores, memory_mib, storage_gib, gpu_units",
			));
		}
		let order = &file.order;
		let max_price_per_block = balance(&source, &order.max_price_per_block)?;
		if max_price_per_block == 0 {
			return Err(source.error_at(
				order.max_price_per_block.span(),
				"max_price_per_block is zero: no provider can bid below it",
			));
		}
		let budget = balance(&source, &order.budget)?;
		if max_price_per_block
			.checked_mul(MIN_LEASE_BLOCKS.into())
			.is_none_or(|least| budget < least)
		{
			return Err(source.error_at(
				order.budget.span(),
				format!(
					"budget does not pay for {MIN_LEASE_BLOCKS} blocks at max_price_per_block, the least a lease runs"
				),
			));
		}
		let bid_window = *order.bid_window.get_ref();
		if !(MIN_BID_WINDOW..=MAX_BID_WINDOW).contains(&bid_window) {
			return Err(source.error_at(
				order.bid_window.span(),
				format!("bid_window must be {MIN_BID_WINDOW} to {MAX_BID_WINDOW} blocks"),
			));
		}
		let auditor = match &order.auditor {
			Some(auditor) => Some(account(&source, auditor)?),
			None => None,
		};
		let min_score = match &order.min_score {
			Some(score) => parse_percent(score.get_ref()).ok_or_else(|| {
				source.error_at(
					score.span(),
					"min_score is a percentage from 0% to 100%, e.g. \"80%\"",
				)
			})?,
			None => 0,
		};
		let attributes = match &order.attributes {
			Some(table) => attributes(&source, table, MAX_REQUIRED_ATTRIBUTES)?,
			None => BoundedVec(Vec::new()),
		};
		let workload = workload(&source, &file.workload)?;
		Ok(Self {
			terms: Terms {
				resources,
				attributes,
				auditor,
				max_price_per_block,
				requirements: TrackRequirements {
					min_score: Perbill(min_score),
					min_completed: order.min_completed,
				},
			},
			budget,
			bid_window,
			workload,
			bytes,
		})
	}

	/// The hash an order commits to: BLAKE2-256 of the file's bytes.
	pub fn hash(&self) -> [u8; 32] {
		hash(&self.bytes)
	}
}

/// BLAKE2-256 of `bytes`, as an order's manifest hash.
pub fn hash(bytes: &[u8]) -> [u8; 32] {
	sp_crypto_hashing::blake2_256(bytes)
}

/// What a tenant signs to deliver a manifest for a lease: a fixed context,
/// the lease id and the manifest's hash. A signature for one lease is
/// worth nothing for another.
pub fn delivery_message(lease_id: u64, manifest_hash: &[u8; 32]) -> Vec<u8> {
	let mut message = b"stratus/manifest/v1".to_vec();
	message.extend_from_slice(&lease_id.to_le_bytes());
	message.extend_from_slice(manifest_hash);
	message
}

/// Why a provider refuses a delivered manifest. Nothing runs after any of
/// these.
#[derive(Debug, PartialEq, Eq)]
pub enum DeliveryError {
	/// The bytes are not the manifest the lease committed to.
	WrongHash {
		/// The lease's manifest hash.
		committed: [u8; 32],
		/// The hash of what was delivered.
		delivered: [u8; 32],
	},
	/// The signature is not the lease's tenant's over this lease and hash.
	BadSignature,
	/// The manifest matches but is not a valid manifest.
	Invalid(FileError),
}

impl core::fmt::Display for DeliveryError {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		match self {
			Self::WrongHash { committed, delivered } => write!(
				f,
				"the manifest's hash 0x{} is not the lease's 0x{}: send the file the order was created from",
				hex::encode(delivered),
				hex::encode(committed)
			),
			Self::BadSignature => {
				write!(f, "the signature is not the lease's tenant's over this lease and manifest")
			},
			Self::Invalid(error) => write!(f, "{error}"),
		}
	}
}

impl std::error::Error for DeliveryError {}

/// What the tenant of `lease_id` sends with a manifest: its signature of
/// [`delivery_message`].
pub fn sign_delivery(key: &crate::keys::Key, lease_id: u64, manifest_hash: &[u8; 32]) -> [u8; 64] {
	key.sign(&delivery_message(lease_id, manifest_hash))
}

/// A provider's check of a delivered manifest: `bytes` must hash to the
/// lease's `committed` hash, `signature` must be `tenant`'s over this lease
/// and that hash, and the bytes must be a valid manifest. Only then is the
/// manifest returned to run.
pub fn check_delivery(
	lease_id: u64,
	tenant: &AccountId32,
	committed: &[u8; 32],
	bytes: Vec<u8>,
	signature: &[u8; 64],
) -> Result<Manifest, DeliveryError> {
	let delivered = hash(&bytes);
	if &delivered != committed {
		return Err(DeliveryError::WrongHash { committed: *committed, delivered });
	}
	if !crate::keys::verify(tenant, &delivery_message(lease_id, committed), signature) {
		return Err(DeliveryError::BadSignature);
	}
	Manifest::parse(&format!("lease {lease_id}'s manifest"), bytes).map_err(DeliveryError::Invalid)
}

pub(crate) fn balance(source: &Source, text: &Spanned<String>) -> Result<u128, FileError> {
	amount::parse(text.get_ref()).map_err(|error| source.error_at(text.span(), error.to_string()))
}

pub(crate) fn account(source: &Source, text: &Spanned<String>) -> Result<AccountId32, FileError> {
	AccountId32::from_str(text.get_ref().trim()).map_err(|_| {
		source
			.error_at(text.span(), format!("\"{}\" is not an SS58 account address", text.get_ref()))
	})
}

/// A table of `key = "value"` attributes, checked against the chain's bounds.
pub(crate) fn attributes(
	source: &Source,
	table: &Spanned<BTreeMap<String, Spanned<String>>>,
	most: usize,
) -> Result<Attributes, FileError> {
	if table.get_ref().len() > most {
		return Err(source.error_at(table.span(), format!("more than {most} attributes")));
	}
	let mut attributes = Vec::with_capacity(table.get_ref().len());
	for (key, value) in table.get_ref() {
		if key.is_empty() || key.len() > MAX_ATTRIBUTE_KEY_LEN {
			return Err(source.error_at(
				value.span(),
				format!("attribute key \"{key}\" must be 1 to {MAX_ATTRIBUTE_KEY_LEN} bytes"),
			));
		}
		if value.get_ref().len() > MAX_ATTRIBUTE_VALUE_LEN {
			return Err(source.error_at(
				value.span(),
				format!("the value of \"{key}\" is longer than {MAX_ATTRIBUTE_VALUE_LEN} bytes"),
			));
		}
		attributes.push(Attribute {
			key: BoundedVec(key.as_bytes().to_vec()),
			value: BoundedVec(value.get_ref().as_bytes().to_vec()),
		});
	}
	Ok(BoundedVec(attributes))
}

fn workload(source: &Source, run: &Spanned<RunFile>) -> Result<Workload, FileError> {
	let file = run.get_ref();
	let program = match (&file.command, &file.image) {
		(Some(command), None) => {
			if command.get_ref().first().is_none_or(|program| program.trim().is_empty()) {
				return Err(
					source.error_at(command.span(), "command is empty: name a program to run")
				);
			}
			Program::Command(command.get_ref().clone())
		},
		(None, Some(image)) => {
			if image.get_ref().trim().is_empty() {
				return Err(source.error_at(image.span(), "image is empty"));
			}
			Program::Image(image.get_ref().clone())
		},
		(Some(command), Some(_)) => {
			return Err(source.error_at(command.span(), "give command or image, not both"));
		},
		(None, None) => {
			return Err(source.error_at(run.span(), "[workload] needs a command or an image"));
		},
	};
	let mut ports = Vec::with_capacity(file.ports.len());
	for port in &file.ports {
		if *port.get_ref() == 0 {
			return Err(source.error_at(port.span(), "port 0 is not a port"));
		}
		if ports.contains(port.get_ref()) {
			return Err(
				source.error_at(port.span(), format!("port {} is listed twice", port.get_ref()))
			);
		}
		ports.push(*port.get_ref());
	}
	let mut env = BTreeMap::new();
	for (name, value) in &file.env {
		let valid = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
			&& name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
		if !valid {
			return Err(source.error_at(
				value.span(),
				format!("\"{name}\" is not an environment variable name (letters, digits, _)"),
			));
		}
		env.insert(name.clone(), value.get_ref().clone());
	}
	Ok(Workload { program, ports, env })
}

#[cfg(test)]
mod tests {
	use super::*;

	const GOOD: &str = r#"# a web server
[resources]
cpu_millicores = 500
memory_mib = 256

[order]
max_price_per_block = "2 mSTRA"
budget = "1 STRA"
bid_window = 10
min_score = "80%"
[order.attributes]
region = "eu-west"

[workload]
command = ["python3", "-m", "http.server", "8080"]
ports = [8080]
[workload.env]
GREETING = "hello"
"#;

	fn parse(text: &str) -> Result<Manifest, FileError> {
		Manifest::parse("workload.toml", text.as_bytes().to_vec())
	}

	/// The error a text with `from` replaced by `to` gives.
	fn error_with(from: &str, to: &str) -> FileError {
		assert!(GOOD.contains(from), "{from}");
		parse(&GOOD.replacen(from, to, 1)).err().unwrap_or_else(|| panic!("{to} is accepted"))
	}

	#[test]
	fn a_good_manifest_gives_the_order_terms_and_the_workload() {
		let manifest = parse(GOOD).expect("the example is good");
		assert_eq!(manifest.terms.resources.cpu_millicores, 500);
		assert_eq!(manifest.terms.resources.memory_mib, 256);
		assert_eq!(manifest.terms.max_price_per_block, 2 * amount::STRA / 1000);
		assert_eq!(manifest.budget, amount::STRA);
		assert_eq!(manifest.bid_window, 10);
		assert_eq!(manifest.terms.requirements.min_score.0, 800_000_000);
		assert_eq!(manifest.terms.attributes.0.len(), 1);
		assert_eq!(manifest.terms.attributes.0[0].key.0, b"region");
		assert_eq!(
			manifest.workload.program,
			Program::Command(vec![
				"python3".into(),
				"-m".into(),
				"http.server".into(),
				"8080".into()
			])
		);
		assert_eq!(manifest.workload.ports, vec![8080]);
		assert_eq!(manifest.workload.env.get("GREETING").map(String::as_str), Some("hello"));
		assert_eq!(manifest.hash(), sp_crypto_hashing::blake2_256(GOOD.as_bytes()));
	}

	#[test]
	fn any_change_to_the_file_changes_its_hash() {
		let other = parse(&GOOD.replace("# a web server", "# a web server!")).expect("still good");
		assert_ne!(other.hash(), parse(GOOD).expect("good").hash());
	}

	#[test]
	fn each_mistake_is_reported_at_its_line() {
		let cases = [
			("bid_window = 10", "bid_window = 5", 9, "bid_window must be"),
			("bid_window = 10", "bid_window = \"ten\"", 9, "invalid type"),
			("budget = \"1 STRA\"", "budget = \"1 DOT\"", 8, "unknown unit"),
			("budget = \"1 STRA\"", "budget = \"1 planck\"", 8, "does not pay for 10 blocks"),
			("max_price_per_block = \"2 mSTRA\"", "max_price_per_block = \"0\"", 7, "zero"),
			("min_score = \"80%\"", "min_score = \"180%\"", 10, "percentage"),
			(
				"region = \"eu-west\"",
				"regionregionregionregionregionregion = \"x\"",
				12,
				"1 to 32 bytes",
			),
			(
				"region = \"eu-west\"",
				&format!("region = \"{}\"", "x".repeat(65)),
				12,
				"longer than 64",
			),
			("ports = [8080]", "ports = [8080, 8080]", 16, "listed twice"),
			("ports = [8080]", "ports = [0]", 16, "port 0"),
			("ports = [8080]", "ports = [70000]", 16, "invalid value"),
			("GREETING = \"hello\"", "GREET-ING = \"hello\"", 18, "environment variable"),
			("command = [", "image = \"nginx\"\ncommand = [", 16, "not both"),
			(
				"command = [\"python3\", \"-m\", \"http.server\", \"8080\"]",
				"command = []",
				15,
				"empty",
			),
			("memory_mib = 256", "memory = 256", 4, "unknown field"),
			("cpu_millicores = 500\nmemory_mib = 256", "gpu_units = 0", 2, "asks for nothing"),
			("[order]", "[order]\nauditor = \"nobody\"", 7, "SS58"),
		];
		for (from, to, line, says) in cases {
			let error = error_with(from, to);
			assert_eq!(error.line, line, "{to}: {error}");
			assert!(error.message.contains(says), "{to}: {error}");
			assert!(error.to_string().starts_with(&format!("workload.toml:{line}:")), "{error}");
		}
	}

	#[test]
	fn a_workload_needs_something_to_run() {
		let error = error_with("command = [\"python3\", \"-m\", \"http.server\", \"8080\"]\n", "");
		assert!(error.message.contains("needs a command or an image"), "{error}");
	}

	#[test]
	fn the_bounds_are_the_runtimes() {
		let bytes = include_bytes!("../metadata/stratus.scale");
		let metadata = <subxt::Metadata as subxt::ext::codec::Decode>::decode(&mut &bytes[..])
			.expect("the checked-in metadata decodes");
		let constant_of = |pallet: &str, name: &str| {
			let pallet = metadata.pallet_by_name(pallet).unwrap_or_else(|| panic!("{pallet}"));
			let value = pallet.constant_by_name(name).unwrap_or_else(|| panic!("{name}")).value();
			<u32 as subxt::ext::codec::Decode>::decode(&mut &value[..]).expect("a u32")
		};
		let constant = |name: &str| constant_of("BidMatching", name);
		use crate::provider_file::{MAX_ATTRIBUTES, MAX_HOST_URI_LEN};
		assert_eq!(constant_of("ResourceRegistry", "MaxAttributes") as usize, MAX_ATTRIBUTES);
		assert_eq!(constant_of("ResourceRegistry", "MaxHostUriLen") as usize, MAX_HOST_URI_LEN);
		assert_eq!(
			constant_of("ResourceRegistry", "MaxAttributeKeyLen") as usize,
			MAX_ATTRIBUTE_KEY_LEN
		);
		assert_eq!(
			constant_of("ResourceRegistry", "MaxAttributeValueLen") as usize,
			MAX_ATTRIBUTE_VALUE_LEN
		);
		assert_eq!(constant("MaxRequiredAttributes") as usize, MAX_REQUIRED_ATTRIBUTES);
		assert_eq!(constant("MaxAttributeKeyLen") as usize, MAX_ATTRIBUTE_KEY_LEN);
		assert_eq!(constant("MaxAttributeValueLen") as usize, MAX_ATTRIBUTE_VALUE_LEN);
		assert_eq!(constant("MinBidWindow"), MIN_BID_WINDOW);
		assert_eq!(constant("MinLeaseBlocks"), MIN_LEASE_BLOCKS);
		assert_eq!(constant("MaxBidWindow"), MAX_BID_WINDOW);
	}

	#[test]
	fn a_delivered_manifest_runs_only_with_the_leases_hash_and_the_tenants_signature() {
		use crate::keys::{Key, KeySource};
		let tenant = Key::from_suri("//Alice", KeySource::Flag).expect("//Alice");
		let stranger = Key::from_suri("//Eve", KeySource::Flag).expect("//Eve");
		let bytes = GOOD.as_bytes().to_vec();
		let committed = hash(&bytes);
		let signature = sign_delivery(&tenant, 7, &committed);

		let manifest = check_delivery(7, &tenant.account(), &committed, bytes.clone(), &signature)
			.expect("the tenant's manifest for its lease");
		assert_eq!(manifest.workload.ports, vec![8080]);

		let altered = GOOD.replace("8080]", "9090]").into_bytes();
		let error = check_delivery(7, &tenant.account(), &committed, altered, &signature)
			.expect_err("other bytes than committed");
		assert!(matches!(error, DeliveryError::WrongHash { .. }), "{error}");
		assert!(error.to_string().contains("is not the lease's"), "{error}");

		let forged = sign_delivery(&stranger, 7, &committed);
		assert_eq!(
			check_delivery(7, &tenant.account(), &committed, bytes.clone(), &forged).err(),
			Some(DeliveryError::BadSignature)
		);
		// A signature for another lease of the same manifest is refused too.
		let replayed = sign_delivery(&tenant, 8, &committed);
		assert_eq!(
			check_delivery(7, &tenant.account(), &committed, bytes.clone(), &replayed).err(),
			Some(DeliveryError::BadSignature)
		);

		let broken = b"[workload]\ncommand = []\n".to_vec();
		let broken_hash = hash(&broken);
		let signed = sign_delivery(&tenant, 7, &broken_hash);
		let error = check_delivery(7, &tenant.account(), &broken_hash, broken, &signed)
			.expect_err("a matching but invalid manifest");
		assert!(matches!(error, DeliveryError::Invalid(_)), "{error}");
	}

	#[test]
	fn a_delivery_signature_is_bound_to_its_lease_and_manifest() {
		let hash = hash(GOOD.as_bytes());
		assert_ne!(delivery_message(1, &hash), delivery_message(2, &hash));
		assert_ne!(delivery_message(1, &hash), delivery_message(1, &[0; 32]));
	}
}
