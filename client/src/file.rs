//! Reading the tools' TOML files with errors that point at the line: a
//! syntax error or an unknown key as the TOML parser finds it, a value the
//! chain would refuse at the value that holds it.

use core::{fmt, ops::Range};
use serde::de::DeserializeOwned;
use std::path::Path;

/// A mistake in a file, at a line and column (both from 1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileError {
	/// The file, as the user named it.
	pub path: String,
	/// Its line, from 1; 0 when the mistake has no place (an unreadable file).
	pub line: usize,
	/// Its column, from 1.
	pub column: usize,
	/// What is wrong, and what would be right.
	pub message: String,
}

impl fmt::Display for FileError {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		if self.line == 0 {
			write!(f, "{}: {}", self.path, self.message)
		} else {
			write!(f, "{}:{}:{}: {}", self.path, self.line, self.column, self.message)
		}
	}
}

impl std::error::Error for FileError {}

/// A file's text and name, to place errors in it.
pub struct Source<'a> {
	/// The name errors give.
	pub path: &'a str,
	/// Its text.
	pub text: &'a str,
}

impl Source<'_> {
	/// An error at the byte `span` of the text.
	pub fn error_at(&self, span: Range<usize>, message: impl Into<String>) -> FileError {
		let start = span.start.min(self.text.len());
		let before = &self.text[..start];
		let line = before.matches('\n').count() + 1;
		let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
		FileError { path: self.path.to_owned(), line, column, message: message.into() }
	}

	/// An error about the file as a whole.
	pub fn error(&self, message: impl Into<String>) -> FileError {
		FileError { path: self.path.to_owned(), line: 0, column: 0, message: message.into() }
	}

	/// The text parsed as `T`; a syntax error, a missing or unknown key or
	/// a value of the wrong type at its place.
	pub fn parse<T: DeserializeOwned>(&self) -> Result<T, FileError> {
		toml::from_str(self.text).map_err(|error| {
			let message = error.message().trim().to_owned();
			match error.span() {
				Some(span) => self.error_at(span, message),
				None => self.error(message),
			}
		})
	}
}

/// Reads the file at `path` as UTF-8.
pub fn read(path: &Path) -> Result<Vec<u8>, FileError> {
	std::fs::read(path).map_err(|error| FileError {
		path: path.display().to_string(),
		line: 0,
		column: 0,
		message: format!("cannot read it: {error}"),
	})
}

/// Parses a percentage (`"80%"`, `"92.5 %"`, `"0"`) as parts per billion.
pub fn parse_percent(text: &str) -> Option<u32> {
	let number = text.trim().trim_end_matches('%').trim();
	let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
	let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
	if whole.is_empty() || !digits(whole) || !digits(fraction) || fraction.len() > 7 {
		return None;
	}
	let whole: u32 = whole.parse().ok()?;
	let fraction: u32 = if fraction.is_empty() {
		0
	} else {
		fraction.parse::<u32>().ok()? * 10u32.pow(7 - fraction.len() as u32)
	};
	let parts = whole.checked_mul(10_000_000)?.checked_add(fraction)?;
	(parts <= 1_000_000_000).then_some(parts)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn an_error_is_placed_at_its_line_and_column() {
		let source = Source { path: "w.toml", text: "a = 1\nbb = 2\n  ccc = 3\n" };
		let at = source.text.find("ccc").expect("ccc is in the text");
		let error = source.error_at(at..at + 3, "bad");
		assert_eq!((error.line, error.column), (3, 3));
		assert_eq!(error.to_string(), "w.toml:3:3: bad");
	}

	#[test]
	fn a_syntax_error_names_its_line() {
		let source =
			Source { path: "w.toml", text: "[order]\nbudget = \"1 STRA\"\nbid_window = = 3\n" };
		let error = source.parse::<toml::Table>().expect_err("not TOML");
		assert_eq!(error.line, 3, "{error}");
		assert!(error.to_string().starts_with("w.toml:3:"), "{error}");
	}

	#[test]
	fn percentages_are_parts_per_billion() {
		assert_eq!(parse_percent("80%"), Some(800_000_000));
		assert_eq!(parse_percent("92.5 %"), Some(925_000_000));
		assert_eq!(parse_percent("0"), Some(0));
		assert_eq!(parse_percent("100%"), Some(1_000_000_000));
		assert_eq!(parse_percent("0.0000001%"), Some(1));
		for bad in ["101%", "-1%", "abc", "", "%", "1.00000001%"] {
			assert_eq!(parse_percent(bad), None, "{bad}");
		}
	}
}
