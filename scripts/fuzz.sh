#!/usr/bin/env bash
# The runtime fuzzer (fuzz/): random sequences of marketplace calls, with
# the pallets' invariants and total issuance checked after every call and
# block.
#
#   scripts/fuzz.sh seeded [SEED] [CALLS] [--require-reached]
#                                           deterministic run, as CI does it
#                                           (default seed 1, 100000 calls);
#                                           --require-reached fails a run that
#                                           leaves a call kind or an outcome
#                                           of the hooks unreached
#   scripts/fuzz.sh libfuzzer [SECONDS]     coverage-guided run under libFuzzer
#                                           (default 600 s); corpus and any
#                                           crash in $FUZZ_DIR
#
# The libFuzzer build instruments the whole runtime for coverage, in its
# own target directory ($FUZZ_TARGET_DIR), natively and without the wasm.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

FUZZ_TARGET_DIR="${FUZZ_TARGET_DIR:-$HOME/.cache/stratus-fuzz-target}"
FUZZ_DIR="${FUZZ_DIR:-$HOME/.cache/stratus-fuzz}"

seeded() {
	local seed="${1:-1}" calls="${2:-100000}"
	shift $(($# < 2 ? $# : 2))
	cargo run --release --locked -p stratus-fuzz --bin stratus-fuzz-seeded -- \
		--seed "$seed" --calls "$calls" "$@"
}

libfuzzer() {
	local seconds="${1:-600}" host
	host="$(rustc -vV | sed -n 's/^host: //p')"
	# Coverage instrumentation as cargo-fuzz sets it, on the stable
	# toolchain; `--target` keeps it off build scripts and proc macros.
	local flags=(
		--cfg fuzzing
		-Cpasses=sancov-module
		-Cllvm-args=-sanitizer-coverage-level=4
		-Cllvm-args=-sanitizer-coverage-inline-8bit-counters
		-Cllvm-args=-sanitizer-coverage-pc-table
		-Cllvm-args=-sanitizer-coverage-trace-compares
		-Cdebug-assertions
		-Coverflow-checks
	)
	RUSTFLAGS="${flags[*]}" SKIP_WASM_BUILD=1 CARGO_TARGET_DIR="$FUZZ_TARGET_DIR" \
		cargo build --release --locked -p stratus-fuzz --features libfuzzer \
		--bin stratus-fuzz-libfuzzer --target "$host"
	mkdir -p "$FUZZ_DIR/corpus" "$FUZZ_DIR/artifacts"
	"$FUZZ_TARGET_DIR/$host/release/stratus-fuzz-libfuzzer" "$FUZZ_DIR/corpus" \
		-artifact_prefix="$FUZZ_DIR/artifacts/" -max_len=2048 -max_total_time="$seconds" \
		-print_final_stats=1
}

case "${1:-seeded}" in
seeded) shift || true; seeded "$@" ;;
libfuzzer) shift; libfuzzer "$@" ;;
*) die "usage: scripts/fuzz.sh seeded [SEED] [CALLS] [--require-reached] | libfuzzer [SECONDS]" ;;
esac
