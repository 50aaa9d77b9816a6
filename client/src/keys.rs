//! The key a tool signs with: a secret URI (`//Alice` on a dev chain, a
//! twelve-word phrase with an optional derivation path and password, or a
//! `0x` seed) taken from `--suri`, from `STRATUS_SURI`, or from a key file.
//!
//! The secret never appears in an error or a log line: errors say where the
//! key came from and what kind of mistake it holds, not what it is.

use crate::AssetLocation;
use core::{fmt, str::FromStr};
use std::path::{Path, PathBuf};
use subxt::utils::AccountId32;
use subxt_signer::{sr25519, SecretUri};

/// The environment variable a tool reads a secret URI from when no
/// `--suri` is given.
pub const SURI_ENV: &str = "STRATUS_SURI";

/// Where a key came from, for messages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeySource {
	/// The `--suri` flag.
	Flag,
	/// The `STRATUS_SURI` environment variable.
	Env,
	/// A key file.
	File(PathBuf),
}

impl fmt::Display for KeySource {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		match self {
			Self::Flag => write!(f, "--suri"),
			Self::Env => write!(f, "{SURI_ENV}"),
			Self::File(path) => write!(f, "key file {}", path.display()),
		}
	}
}

/// Why no key could be had. None of these carries the secret.
#[derive(Debug)]
pub enum KeyError {
	/// No `--suri`, no `STRATUS_SURI` and no key file.
	Missing,
	/// The key file could not be read.
	Unreadable { path: PathBuf, error: std::io::Error },
	/// The key file can be read by other users of the machine.
	Exposed { path: PathBuf, mode: u32 },
	/// The text is not a secret URI.
	Malformed(KeySource),
	/// A secret URI whose phrase or seed is not valid.
	Invalid { source: KeySource, reason: &'static str },
}

impl fmt::Display for KeyError {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		match self {
			Self::Missing => write!(
				f,
				"no key: pass --suri, set {SURI_ENV}, or give a key file (--key-file) holding a secret URI"
			),
			Self::Unreadable { path, error } => {
				write!(f, "cannot read key file {}: {error}", path.display())
			},
			Self::Exposed { path, mode } => write!(
				f,
				"key file {} is readable by other users (mode {mode:o}); run: chmod 600 {}",
				path.display(),
				path.display()
			),
			Self::Malformed(source) => write!(
				f,
				"{source} is not a secret URI (a phrase, a 0x seed or //Name, with an optional /path and ///password)"
			),
			Self::Invalid { source, reason } => write!(f, "{source}: {reason}"),
		}
	}
}

impl std::error::Error for KeyError {}

/// A signing key and the account it signs for.
#[derive(Clone)]
pub struct Key {
	keypair: sr25519::Keypair,
	/// Where it came from.
	pub source: KeySource,
	/// The account it acts for as a `ProviderOps` proxy, if any.
	proxy_for: Option<AccountId32>,
	/// The foreign asset its transactions pay their fees in (STRA if none).
	fee_asset: Option<AssetLocation>,
}

impl fmt::Debug for Key {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		// Only the public side: a key printed by mistake reveals nothing.
		f.debug_struct("Key")
			.field("account", &self.account().to_string())
			.field("source", &self.source)
			.field("proxy_for", &self.proxy_for.as_ref().map(ToString::to_string))
			.field("fee_asset", &self.fee_asset)
			.finish()
	}
}

impl Key {
	/// The key of a secret URI given from `source`.
	pub fn from_suri(suri: &str, source: KeySource) -> Result<Self, KeyError> {
		let uri =
			SecretUri::from_str(suri.trim()).map_err(|_| KeyError::Malformed(source.clone()))?;
		let keypair = sr25519::Keypair::from_uri(&uri).map_err(|error| KeyError::Invalid {
			source: source.clone(),
			reason: match error {
				sr25519::Error::InvalidSeed => "the seed is not 32 bytes",
				sr25519::Error::Phrase(_) => "the phrase is not a valid BIP-39 mnemonic",
				sr25519::Error::Hex(_) => "the 0x seed is not valid hex",
				_ => "the key cannot be derived",
			},
		})?;
		Ok(Self { keypair, source, proxy_for: None, fee_asset: None })
	}

	/// The key in the file at `path`: its first line is a secret URI. On
	/// Unix the file must not be readable by group or others.
	pub fn from_file(path: &Path) -> Result<Self, KeyError> {
		let unreadable = |error| KeyError::Unreadable { path: path.to_owned(), error };
		#[cfg(unix)]
		{
			use std::os::unix::fs::PermissionsExt;
			let mode = std::fs::metadata(path).map_err(unreadable)?.permissions().mode() & 0o777;
			if mode & 0o077 != 0 {
				return Err(KeyError::Exposed { path: path.to_owned(), mode });
			}
		}
		let text = std::fs::read_to_string(path).map_err(unreadable)?;
		let line = text.lines().next().unwrap_or_default();
		Self::from_suri(line, KeySource::File(path.to_owned()))
	}

	/// The key a tool was given: `suri` (from `--suri`) first, then the
	/// `STRATUS_SURI` environment variable, then `key_file`.
	pub fn resolve(suri: Option<&str>, key_file: Option<&Path>) -> Result<Self, KeyError> {
		// An empty value (`STRATUS_SURI=` read by a flag parser) is no key.
		if let Some(suri) = suri.filter(|suri| !suri.trim().is_empty()) {
			return Self::from_suri(suri, KeySource::Flag);
		}
		if let Ok(suri) = std::env::var(SURI_ENV) {
			if !suri.trim().is_empty() {
				return Self::from_suri(&suri, KeySource::Env);
			}
		}
		match key_file {
			Some(path) => Self::from_file(path),
			None => Err(KeyError::Missing),
		}
	}

	/// The account this key signs for (and whose balance pays the fees).
	pub fn account(&self) -> AccountId32 {
		self.keypair.public_key().to_account_id()
	}

	/// This key acting for `real` as its `ProviderOps` proxy: each call is
	/// sent as `proxy.proxy(real, ProviderOps, call)`, so it runs as `real`
	/// (which must have added this key's account with `proxy.addProxy`).
	pub fn acting_for(self, real: AccountId32) -> Self {
		Self { proxy_for: Some(real), ..self }
	}

	/// The account this key acts for, if it is a proxy.
	pub fn proxy_for(&self) -> Option<&AccountId32> {
		self.proxy_for.as_ref()
	}

	/// This key paying its transactions' fees in the foreign asset at
	/// `asset` instead of STRA (`ChargeAssetTxPayment`'s `asset_id`); the
	/// chain refuses such a transaction unless governance has set the
	/// asset's rate and the account can pay.
	pub fn paying_fees_in(self, asset: AssetLocation) -> Self {
		Self { fee_asset: Some(asset), ..self }
	}

	/// The foreign asset this key pays fees in, if not STRA.
	pub fn fee_asset(&self) -> Option<&AssetLocation> {
		self.fee_asset.as_ref()
	}

	/// The account the calls run as: the one it acts for, else its own.
	pub fn principal(&self) -> AccountId32 {
		self.proxy_for.unwrap_or_else(|| self.account())
	}

	/// The key pair, to sign transactions with.
	pub fn keypair(&self) -> &sr25519::Keypair {
		&self.keypair
	}

	/// Signs `message` (an sr25519 signature, as the chain's accounts use).
	pub fn sign(&self, message: &[u8]) -> [u8; 64] {
		self.keypair.sign(message).0
	}
}

/// Whether `signature` is `account`'s sr25519 signature of `message`.
pub fn verify(account: &AccountId32, message: &[u8], signature: &[u8; 64]) -> bool {
	sr25519::verify(&sr25519::Signature(*signature), message, &sr25519::PublicKey(account.0))
}

#[cfg(test)]
mod tests {
	use super::*;
	use std::io::Write;

	const ALICE: &str = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";

	#[test]
	fn a_dev_uri_gives_the_dev_account() {
		let key = Key::from_suri("//Alice", KeySource::Flag).expect("//Alice is a key");
		assert_eq!(key.account().to_string(), ALICE);
	}

	#[test]
	fn the_flag_comes_before_the_key_file() {
		let dir = tempfile::tempdir().expect("a temporary directory");
		let path = dir.path().join("key");
		std::fs::write(&path, "//Bob\n").expect("the key file is written");
		#[cfg(unix)]
		{
			use std::os::unix::fs::PermissionsExt;
			std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600))
				.expect("the key file's mode is set");
		}
		let from_flag = Key::resolve(Some("//Alice"), Some(&path)).expect("the flag's key");
		assert_eq!(from_flag.account().to_string(), ALICE);
		assert_eq!(from_flag.source, KeySource::Flag);
		let from_file = Key::from_file(&path).expect("the file's key");
		assert_eq!(from_file.source, KeySource::File(path.clone()));
		assert_ne!(from_file.account(), from_flag.account());
	}

	#[cfg(unix)]
	#[test]
	fn a_key_file_others_can_read_is_refused() {
		use std::os::unix::fs::PermissionsExt;
		let mut file = tempfile::NamedTempFile::new().expect("a temporary file");
		writeln!(file, "//Alice").expect("the key is written");
		std::fs::set_permissions(file.path(), std::fs::Permissions::from_mode(0o644))
			.expect("the mode is set");
		let error = Key::from_file(file.path()).expect_err("a world-readable key file");
		assert!(matches!(error, KeyError::Exposed { mode: 0o644, .. }), "{error}");
		assert!(error.to_string().contains("chmod 600"), "{error}");
	}

	#[test]
	fn errors_never_show_the_secret() {
		let secret = "bottom drive obey lake curtain smoke basket hold race lonely fit wrong";
		for (suri, source) in [(secret, KeySource::Flag), ("0xzz", KeySource::Env)] {
			let error = Key::from_suri(suri, source).expect_err("not a valid key");
			let shown = format!("{error} {error:?}");
			assert!(!shown.contains("curtain") && !shown.contains("0xzz"), "{shown}");
		}
		let key = Key::from_suri(&format!("{}//x", subxt_signer::DEV_PHRASE), KeySource::Flag)
			.expect("a derived dev key");
		let shown = format!("{key:?}");
		assert!(!shown.contains("bottom"), "{shown}");
	}

	#[test]
	fn a_signature_verifies_for_its_account_only() {
		let alice = Key::from_suri("//Alice", KeySource::Flag).expect("//Alice");
		let bob = Key::from_suri("//Bob", KeySource::Flag).expect("//Bob");
		let signature = alice.sign(b"manifest");
		assert!(verify(&alice.account(), b"manifest", &signature));
		assert!(!verify(&bob.account(), b"manifest", &signature));
		assert!(!verify(&alice.account(), b"manifesto", &signature));
	}
}
