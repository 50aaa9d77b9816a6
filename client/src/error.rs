//! A failed call as its user should read it: the pallet, the error's name
//! and the first line of its docs (`BidMatching.ZeroPrice: A price of zero
//! was given.`), rather than an index into the metadata.

use core::fmt;
use subxt::error::DispatchError;

/// A dispatch error with the names and the doc line the metadata gives it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NamedError {
	/// The pallet whose error it is (`BidMatching`), or `System` for the
	/// errors every call may meet (`BadOrigin`, a token error, ...).
	pub pallet: String,
	/// The error's name (`ZeroPrice`).
	pub name: String,
	/// The first line of the error's docs, empty if it has none.
	pub doc: String,
}

impl fmt::Display for NamedError {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		write!(f, "{}.{}", self.pallet, self.name)?;
		if !self.doc.is_empty() {
			write!(f, ": {}", self.doc)?;
		}
		Ok(())
	}
}

impl std::error::Error for NamedError {}

/// Names `error`: a pallet's error by the metadata it was decoded with,
/// any other kind by its variant and what subxt says of it.
pub fn named(error: &DispatchError) -> NamedError {
	match error {
		DispatchError::Module(module) => match module.details() {
			Ok(details) => NamedError {
				pallet: details.pallet.name().to_owned(),
				name: details.variant.name.clone(),
				doc: details.variant.docs.first().map(|d| d.trim().to_owned()).unwrap_or_default(),
			},
			Err(_) => NamedError {
				pallet: "Unknown".to_owned(),
				name: module.details_string(),
				doc: String::new(),
			},
		},
		other => system(other, other.to_string()),
	}
}

/// An error every call may meet (`BadOrigin`, a token error, ...), named by
/// its variant.
pub(crate) fn system(error: &impl fmt::Debug, doc: String) -> NamedError {
	let debug = format!("{error:?}");
	let name = debug.split(['(', ' ', '{']).next().unwrap_or_default().to_owned();
	NamedError { pallet: "System".to_owned(), name, doc }
}

#[cfg(test)]
mod tests {
	use super::*;
	use subxt::ext::codec::{Decode, Encode};

	/// The metadata checked in, as the client decodes errors with it.
	fn metadata() -> subxt::Metadata {
		let bytes = include_bytes!("../metadata/stratus.scale");
		subxt::Metadata::decode(&mut &bytes[..]).expect("the checked-in metadata decodes")
	}

	/// A runtime `DispatchError::Module` of pallet `index`, error `error`,
	/// as the chain encodes it.
	fn module_error(index: u8, error: u8) -> DispatchError {
		// `sp_runtime::DispatchError::Module` is variant 3: index, then 4 error bytes.
		let encoded = (3u8, index, [error, 0, 0, 0]).encode();
		DispatchError::decode_from(encoded, metadata().into()).expect("a module error decodes")
	}

	#[test]
	fn a_pallet_error_is_named_with_its_doc_line() {
		let pallet = metadata()
			.pallet_by_name("BidMatching")
			.expect("BidMatching is in the runtime")
			.error_index();
		let zero_price = metadata()
			.pallet_by_name("BidMatching")
			.and_then(|p| {
				p.error_variants()
					.and_then(|v| v.iter().find(|v| v.name == "ZeroPrice").map(|v| v.index))
			})
			.expect("BidMatching has ZeroPrice");
		let named = named(&module_error(pallet, zero_price));
		assert_eq!((named.pallet.as_str(), named.name.as_str()), ("BidMatching", "ZeroPrice"));
		assert!(!named.doc.is_empty(), "the error's doc line comes along");
		assert_eq!(named.to_string(), format!("BidMatching.ZeroPrice: {}", named.doc));
	}

	#[test]
	fn an_error_outside_the_metadata_is_still_reported() {
		let named = named(&module_error(250, 0));
		assert_eq!(named.pallet, "Unknown");
		assert!(named.name.contains("250"), "{}", named.name);
		let bad_origin =
			DispatchError::decode_from(2u8.encode(), metadata().into()).expect("BadOrigin decodes");
		let named = super::named(&bad_origin);
		assert_eq!((named.pallet.as_str(), named.name.as_str()), ("System", "BadOrigin"));
		assert_eq!(named.doc, "Bad origin.");
	}
}
