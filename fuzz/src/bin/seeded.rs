//! The fuzzer as a deterministic run: inputs from a seeded generator, until
//! a number of calls. The same seed gives the same calls.
//!
//!   stratus-fuzz-seeded [--seed N] [--calls N] [--require-reached]
//!
//! Prints calls per second, what each call kind returned and how often each
//! outcome of the hooks was reached. On a broken invariant or a panic it
//! prints the seed, the input's number and its bytes (hex), which
//! `stratus-fuzz-seeded --replay <hex>` runs again, and exits 1. With
//! `--require-reached` it exits 2 when a call kind never succeeded or an
//! outcome was never reached: a run that never gets there checks nothing
//! there.

use std::{panic, time::Instant};
use stratus_fuzz::{run, Stats};

/// SplitMix64: small, fast and the same everywhere.
struct Rng(u64);

impl Rng {
	fn next(&mut self) -> u64 {
		self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
		let mut z = self.0;
		z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
		z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
		z ^ (z >> 31)
	}

	fn bytes(&mut self) -> Vec<u8> {
		let len = 256 + (self.next() % 4_096) as usize;
		(0..len).map(|_| self.next() as u8).collect()
	}
}

fn main() {
	let args: Vec<String> = std::env::args().skip(1).collect();
	let value = |name: &str| args.iter().position(|a| a == name).map(|i| args[i + 1].clone());
	if let Some(hex) = value("--replay") {
		let bytes = (0..hex.len())
			.step_by(2)
			.map(|i| u8::from_str_radix(&hex[i..i + 2], 16).expect("hex input"))
			.collect::<Vec<_>>();
		let mut stats = Stats::default();
		run(&bytes, &mut stats);
		println!("replayed: {} calls, {} blocks, no invariant broken", stats.calls, stats.blocks);
		return;
	}
	let seed: u64 = value("--seed").map_or(1, |s| s.parse().expect("--seed takes a number"));
	let calls: u64 =
		value("--calls").map_or(100_000, |s| s.parse().expect("--calls takes a number"));

	let mut rng = Rng(seed);
	let mut stats = Stats::default();
	let start = Instant::now();
	let mut input_no = 0u64;
	while stats.calls < calls {
		let bytes = rng.bytes();
		let mut one = Stats::default();
		let outcome = panic::catch_unwind(panic::AssertUnwindSafe(|| run(&bytes, &mut one)));
		if outcome.is_err() {
			let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
			eprintln!("FAILED: seed {seed}, input {input_no}; replay with --replay {hex}");
			std::process::exit(1);
		}
		stats.merge(&one);
		input_no += 1;
	}
	let secs = start.elapsed().as_secs_f64();
	println!(
		"seed {seed}: {} calls ({} succeeded) and {} blocks in {} inputs, {secs:.1} s, {:.0} calls/s; no invariant broken, no panic",
		stats.calls,
		stats.succeeded,
		stats.blocks,
		stats.inputs,
		stats.calls as f64 / secs
	);
	println!(
		"issuance moved by dust removal etc.: {} plancks, all accounted by events",
		stats.issuance_moved
	);
	println!("{:<22} {:>9} {:>9}", "call", "ok", "failed");
	for (kind, (ok, failed)) in &stats.by_call {
		println!("{kind:<22} {ok:>9} {failed:>9}");
	}
	println!("outcomes reached:");
	for path in stratus_fuzz::PATHS {
		println!("  {:>9} {path}", stats.reached.get(path).copied().unwrap_or(0));
	}
	let mut errors: Vec<_> = stats.errors.iter().collect();
	errors.sort_by(|a, b| b.1.cmp(a.1));
	println!("errors returned ({} kinds):", errors.len());
	for (error, n) in errors {
		println!("  {n:>9} {error}");
	}
	let unreached = stats.unreached();
	if !unreached.is_empty() {
		println!("not reached with seed {seed}: {}", unreached.join(", "));
		if args.iter().any(|a| a == "--require-reached") {
			eprintln!("NOT REACHED with seed {seed}: {}", unreached.join(", "));
			std::process::exit(2);
		}
	}
}
