//! The foreign assets registered on Stratus (`ForeignAssets`, keyed by
//! their XCM location) with their symbols and the rates governance set for
//! them (`AssetRate`), read from storage at the latest block: what a tool
//! needs to let a user name an asset by its symbol.

use crate::{
	market::{node, ApiError},
	runtime, AssetLocation, Client,
};
use core::fmt;

/// A foreign asset registered on Stratus.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ForeignAsset {
	/// Its id: the asset's XCM location.
	pub location: AssetLocation,
	/// Its symbol, as registered (`USDT`).
	pub symbol: String,
	/// The decimals of one unit.
	pub decimals: u8,
	/// What one of its smallest units is worth in plancks of STRA, as a
	/// fixed-point number with 18 decimals (`FixedU128`'s inner value);
	/// `None` when governance has set no rate, so nothing can be paid in it.
	pub rate: Option<u128>,
}

/// Why an asset named by its symbol cannot be used.
#[derive(Debug)]
pub enum AssetError {
	/// The node could not be asked.
	Node(String),
	/// No registered asset has this symbol.
	Unknown { symbol: String, known: Vec<String> },
	/// Several registered assets have this symbol.
	Ambiguous(String),
}

impl fmt::Display for AssetError {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		match self {
			Self::Node(why) => write!(f, "{why}"),
			Self::Unknown { symbol, known } if known.is_empty() => {
				write!(f, "no foreign asset is registered, so none is called {symbol}")
			},
			Self::Unknown { symbol, known } => write!(
				f,
				"no foreign asset is called {symbol}; the registered ones are {}",
				known.join(", ")
			),
			Self::Ambiguous(symbol) => {
				write!(f, "several foreign assets are called {symbol}, so the symbol names none")
			},
		}
	}
}

impl std::error::Error for AssetError {}

impl From<ApiError> for AssetError {
	fn from(error: ApiError) -> Self {
		Self::Node(error.to_string())
	}
}

/// Every registered foreign asset that has metadata, ordered by symbol.
pub async fn foreign_assets(client: &Client) -> Result<Vec<ForeignAsset>, ApiError> {
	let at = client.at_current_block().await.map_err(node)?;
	let storage = at.storage();
	let metadata = storage.entry(runtime::storage().foreign_assets().metadata()).map_err(node)?;
	let rates =
		storage.entry(runtime::storage().asset_rate().conversion_rate_to_native()).map_err(node)?;
	let mut entries = metadata.iter(()).await.map_err(node)?;
	let mut assets = Vec::new();
	while let Some(entry) = entries.next().await {
		let entry = entry.map_err(node)?;
		let (location,) = entry.key().map_err(node)?.decode().map_err(node)?;
		let metadata = entry.value().decode().map_err(node)?;
		let rate = rates.try_fetch((location.clone(),)).await.map_err(node)?;
		let rate = match rate {
			Some(rate) => Some(rate.decode().map_err(node)?.0),
			None => None,
		};
		assets.push(ForeignAsset {
			location,
			symbol: String::from_utf8_lossy(&metadata.symbol.0).into_owned(),
			decimals: metadata.decimals,
			rate,
		});
	}
	assets.sort_by(|a, b| a.symbol.cmp(&b.symbol));
	Ok(assets)
}

/// The registered foreign asset whose symbol is `symbol` (any case).
pub async fn by_symbol(client: &Client, symbol: &str) -> Result<ForeignAsset, AssetError> {
	pick(foreign_assets(client).await?, symbol)
}

/// The one asset of `assets` whose symbol is `symbol` (any case).
fn pick(assets: Vec<ForeignAsset>, symbol: &str) -> Result<ForeignAsset, AssetError> {
	let mut matching = assets.iter().filter(|asset| asset.symbol.eq_ignore_ascii_case(symbol));
	match (matching.next(), matching.next()) {
		(Some(asset), None) => Ok(asset.clone()),
		(Some(_), Some(_)) => Err(AssetError::Ambiguous(symbol.to_owned())),
		(None, _) => Err(AssetError::Unknown {
			symbol: symbol.to_owned(),
			known: assets.into_iter().map(|asset| asset.symbol).collect(),
		}),
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::runtime::runtime_types::staging_xcm::v5::junctions::Junctions;

	fn asset(symbol: &str, parents: u8) -> ForeignAsset {
		ForeignAsset {
			location: AssetLocation { parents, interior: Junctions::Here },
			symbol: symbol.to_owned(),
			decimals: 6,
			rate: None,
		}
	}

	#[test]
	fn a_symbol_names_its_asset_in_any_case() {
		let assets = vec![asset("DOT", 1), asset("USDT", 2)];
		assert_eq!(pick(assets.clone(), "usdt").map(|a| a.location.parents).ok(), Some(2));
		assert_eq!(pick(assets, "DOT").map(|a| a.location.parents).ok(), Some(1));
	}

	#[test]
	fn an_unknown_symbol_lists_the_registered_ones() {
		let error = pick(vec![asset("DOT", 1), asset("USDT", 2)], "EUR").unwrap_err();
		assert_eq!(
			error.to_string(),
			"no foreign asset is called EUR; the registered ones are DOT, USDT"
		);
		let none = pick(vec![], "EUR").unwrap_err();
		assert_eq!(none.to_string(), "no foreign asset is registered, so none is called EUR");
	}

	#[test]
	fn a_symbol_two_assets_share_names_neither() {
		let error = pick(vec![asset("USDT", 1), asset("usdt", 2)], "USDT").unwrap_err();
		assert_eq!(
			error.to_string(),
			"several foreign assets are called USDT, so the symbol names none"
		);
	}
}
