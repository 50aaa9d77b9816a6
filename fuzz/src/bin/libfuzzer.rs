//! The fuzzer under libFuzzer (coverage-guided). Build and run with
//! `scripts/fuzz.sh`, which sets the coverage instrumentation flags.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
	let mut stats = stratus_fuzz::Stats::default();
	stratus_fuzz::run(data, &mut stats);
});
