//! Amounts of STRA: parsed from what a person writes and printed for a
//! person to read. One STRA is 10^12 plancks (12 decimals), as the runtime
//! says (`UNIT`).

use core::fmt;

/// Decimals of one STRA.
pub const DECIMALS: u32 = 12;
/// Plancks in one STRA.
pub const STRA: u128 = 10u128.pow(DECIMALS);

/// The units an amount may be written in, with their plancks.
const UNITS: [(&str, u128); 5] = [
	("STRA", STRA),
	("mSTRA", STRA / 1_000),
	("uSTRA", STRA / 1_000_000),
	("µSTRA", STRA / 1_000_000),
	("planck", 1),
];

/// Why a text is not an amount.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AmountError {
	/// Nothing was written.
	Empty,
	/// The number is not a decimal number (`"1.5"`, `"250"`).
	NotANumber(String),
	/// The unit is none of STRA, mSTRA, uSTRA (µSTRA) or planck(s).
	UnknownUnit(String),
	/// More decimals than the unit has plancks for.
	TooPrecise { amount: String, unit: String },
	/// More than a `u128` of plancks.
	TooLarge(String),
}

impl fmt::Display for AmountError {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		match self {
			Self::Empty => {
				write!(f, "no amount given: write e.g. \"1.5 STRA\", \"250 mSTRA\" or plancks")
			},
			Self::NotANumber(number) => write!(f, "\"{number}\" is not a number"),
			Self::UnknownUnit(unit) => {
				write!(f, "unknown unit \"{unit}\": use STRA, mSTRA, uSTRA or planck")
			},
			Self::TooPrecise { amount, unit } => {
				write!(f, "{amount} has more decimals than a {unit} has plancks")
			},
			Self::TooLarge(amount) => write!(f, "{amount} is more than any account can hold"),
		}
	}
}

impl std::error::Error for AmountError {}

/// Parses an amount: a decimal number, optionally followed by a unit
/// (`STRA`, `mSTRA`, `uSTRA` or `µSTRA`, `planck` or `plancks`; case
/// matters only for the `m` and `u` prefixes). A number with no unit is in
/// plancks. Returns plancks.
///
/// ```
/// use stratus_client::amount::parse;
/// assert_eq!(parse("1.5 STRA"), Ok(1_500_000_000_000));
/// assert_eq!(parse("250 mSTRA"), Ok(250_000_000_000));
/// assert_eq!(parse("42"), Ok(42));
/// ```
pub fn parse(text: &str) -> Result<u128, AmountError> {
	let text = text.trim();
	if text.is_empty() {
		return Err(AmountError::Empty);
	}
	let split = text.find(char::is_alphabetic).unwrap_or(text.len());
	let (number, unit) = (text[..split].trim(), text[split..].trim());
	let (unit_name, plancks) = unit_of(unit)?;
	let number = number.replace('_', "");
	let (whole, fraction) = match number.split_once('.') {
		Some((whole, fraction)) => (whole, fraction),
		None => (number.as_str(), ""),
	};
	let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
	if !(digits(whole) || (whole.is_empty() && digits(fraction)))
		|| !(fraction.is_empty() || digits(fraction))
	{
		return Err(AmountError::NotANumber(text[..split].trim().to_owned()));
	}
	let too_large = || AmountError::TooLarge(text.to_owned());
	let whole: u128 = if whole.is_empty() { 0 } else { whole.parse().map_err(|_| too_large())? };
	// The decimals a unit has: 12 for STRA, 9 for mSTRA, 6 for uSTRA, 0 for plancks.
	let decimals = plancks.ilog10() as usize;
	let fraction = fraction.trim_end_matches('0');
	if fraction.len() > decimals {
		return Err(AmountError::TooPrecise {
			amount: text.to_owned(),
			unit: unit_name.to_owned(),
		});
	}
	let fraction_plancks: u128 = if fraction.is_empty() {
		0
	} else {
		let scale = 10u128.pow((decimals - fraction.len()) as u32);
		fraction.parse::<u128>().map_err(|_| too_large())? * scale
	};
	whole.checked_mul(plancks).and_then(|p| p.checked_add(fraction_plancks)).ok_or_else(too_large)
}

/// The unit `name` names (`""` for plancks) and its plancks.
fn unit_of(name: &str) -> Result<(&'static str, u128), AmountError> {
	if name.is_empty()
		|| name.eq_ignore_ascii_case("planck")
		|| name.eq_ignore_ascii_case("plancks")
	{
		return Ok(("planck", 1));
	}
	UNITS
		.iter()
		.find(|(unit, _)| {
			// The prefix is case-sensitive (m is milli, M would be mega); STRA is not.
			let (prefix, rest) = unit.split_at(unit.len() - 4);
			name.len() == unit.len()
				&& name.starts_with(prefix)
				&& name[prefix.len()..].eq_ignore_ascii_case(rest)
		})
		.map(|(unit, plancks)| (*unit, *plancks))
		.ok_or_else(|| AmountError::UnknownUnit(name.to_owned()))
}

/// An amount of plancks, printed in STRA with every decimal that is not
/// zero: `1.5 STRA`, `0.000000000001 STRA`, `0 STRA`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stra(pub u128);

impl fmt::Display for Stra {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		f.write_str(&in_units(self.0, DECIMALS as u8, "STRA"))
	}
}

/// `value` smallest units of an asset whose unit `symbol` has `decimals`
/// decimals, printed in that unit with every decimal that is not zero:
/// `1.25 USDT`, `0.000001 USDT`, `0 USDT`. An asset registered with more
/// decimals than a `u128` can scale is printed in its smallest units.
pub fn in_units(value: u128, decimals: u8, symbol: &str) -> String {
	let Some(one) = 10u128.checked_pow(decimals.into()) else {
		return format!("{value} smallest units of {symbol}");
	};
	let (whole, fraction) = (value / one, value % one);
	if fraction == 0 {
		return format!("{whole} {symbol}");
	}
	let fraction = format!("{fraction:0width$}", width = usize::from(decimals));
	format!("{whole}.{} {symbol}", fraction.trim_end_matches('0'))
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn parses_each_unit() {
		assert_eq!(parse("1 STRA"), Ok(STRA));
		assert_eq!(parse("1.5 STRA"), Ok(1_500_000_000_000));
		assert_eq!(parse("1.5stra"), Ok(1_500_000_000_000));
		assert_eq!(parse(".5 STRA"), Ok(STRA / 2));
		assert_eq!(parse("250 mSTRA"), Ok(250_000_000_000));
		assert_eq!(parse("0.001 mSTRA"), Ok(1_000_000));
		assert_eq!(parse("7 uSTRA"), Ok(7_000_000));
		assert_eq!(parse("7 µSTRA"), Ok(7_000_000));
		assert_eq!(parse("42"), Ok(42));
		assert_eq!(parse("42 plancks"), Ok(42));
		assert_eq!(parse("1_000 STRA"), Ok(1_000 * STRA));
		assert_eq!(parse("  3 STRA  "), Ok(3 * STRA));
		assert_eq!(parse("0.000000000001 STRA"), Ok(1));
		assert_eq!(parse("2.500 STRA"), Ok(2_500_000_000_000), "trailing zeros are not precision");
	}

	#[test]
	fn refuses_what_is_not_an_amount() {
		assert_eq!(parse(""), Err(AmountError::Empty));
		assert_eq!(parse("   "), Err(AmountError::Empty));
		assert_eq!(parse("STRA"), Err(AmountError::NotANumber(String::new())));
		assert_eq!(parse("1.2.3 STRA"), Err(AmountError::NotANumber("1.2.3".into())));
		assert_eq!(parse(". STRA"), Err(AmountError::NotANumber(".".into())));
		assert_eq!(parse("-1 STRA"), Err(AmountError::NotANumber("-1".into())));
		assert_eq!(parse("1 DOT"), Err(AmountError::UnknownUnit("DOT".into())));
		assert_eq!(parse("1 MSTRA"), Err(AmountError::UnknownUnit("MSTRA".into())));
		assert_eq!(
			parse("0.0000000000001 STRA"),
			Err(AmountError::TooPrecise {
				amount: "0.0000000000001 STRA".into(),
				unit: "STRA".into()
			})
		);
		assert_eq!(
			parse("1.5 planck"),
			Err(AmountError::TooPrecise { amount: "1.5 planck".into(), unit: "planck".into() })
		);
		let max = u128::MAX.to_string();
		assert_eq!(parse(&max), Ok(u128::MAX));
		assert!(matches!(parse(&format!("{max}0")), Err(AmountError::TooLarge(_))));
		assert!(matches!(parse(&format!("{max} STRA")), Err(AmountError::TooLarge(_))));
	}

	#[test]
	fn prints_in_stra_with_the_decimals_that_count() {
		assert_eq!(Stra(0).to_string(), "0 STRA");
		assert_eq!(Stra(STRA).to_string(), "1 STRA");
		assert_eq!(Stra(1_500_000_000_000).to_string(), "1.5 STRA");
		assert_eq!(Stra(1).to_string(), "0.000000000001 STRA");
		assert_eq!(Stra(250_000_000_000).to_string(), "0.25 STRA");
		assert_eq!(Stra(u128::MAX).to_string(), "340282366920938463463374607.431768211455 STRA");
	}

	#[test]
	fn prints_a_foreign_asset_in_its_unit() {
		assert_eq!(in_units(1_250_000, 6, "USDT"), "1.25 USDT");
		assert_eq!(in_units(1, 6, "USDT"), "0.000001 USDT");
		assert_eq!(in_units(0, 6, "USDT"), "0 USDT");
		assert_eq!(in_units(42, 0, "PTS"), "42 PTS");
		assert_eq!(in_units(10_000_000_000, 10, "DOT"), "1 DOT");
		assert_eq!(in_units(7, 40, "ODD"), "7 smallest units of ODD");
	}

	#[test]
	fn what_is_printed_parses_back() {
		for plancks in
			[0, 1, 9, 10, 999_999, STRA - 1, STRA, STRA + 1, 123_456_789_012_345, u128::MAX]
		{
			assert_eq!(parse(&Stra(plancks).to_string()), Ok(plancks), "{plancks}");
		}
	}
}
