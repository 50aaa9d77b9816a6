#!/usr/bin/env bash
# Regenerates every benchmarked weight and docs/PERFORMANCE.md in one run:
#
#  1. installs `frame-omni-bencher` (the SDK's benchmark runner, the release
#     that matches the pinned polkadot-sdk) into $BENCHER_ROOT, once;
#  2. builds the runtime's wasm with `runtime-benchmarks` in its own target
#     directory ($BENCH_TARGET_DIR), so that the node's runtime stays
#     the production one;
#  3. benchmarks pallet_balances (the yardstick) and the four marketplace
#     pallets, writing runtime/src/weights/<pallet>.rs and each pallet's
#     src/weights.rs from the same results;
#  4. rebuilds the node with the new weights and measures transfer and
#     place_bid throughput against a dev node (e2e/bench/throughput.mjs);
#  5. writes docs/PERFORMANCE.md from all of it (scripts/bench/report.mjs).
#
# STEPS and REPEAT set the benchmark resolution (default 50 and 20, the
# SDK's own); THROUGHPUT_N the extrinsics of each kind (default 6000);
# PALLETS (space-separated, e.g. "pallet_lease_escrow") benchmarks only those.
# `scripts/benchmark.sh STAGE...` runs only the stages named (see the end).
# On 2 cores: bencher install about 40 min once, runtime about 15 min, the
# benchmarks and throughput run see docs/PERFORMANCE.md.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

BENCHER_VERSION=0.28.0
BENCHER_ROOT="${BENCHER_ROOT:-$HOME/.cache/stratus-bencher}"
BENCHER="$BENCHER_ROOT/bin/frame-omni-bencher"
BENCH_TARGET_DIR="${BENCH_TARGET_DIR:-$HOME/.cache/stratus-bench-target}"
STEPS="${STEPS:-50}"
REPEAT="${REPEAT:-20}"
THROUGHPUT_N="${THROUGHPUT_N:-6000}"
RUN_DIR="$CARGO_TARGET_DIR/bench-run"
WASM="$BENCH_TARGET_DIR/release/wbuild/stratus-runtime/stratus_runtime.compact.compressed.wasm"
MARKET_PALLETS=(resource_registry bid_matching lease_escrow provider_slashing market_parameters)

install_bencher() {
	if [ -x "$BENCHER" ] && "$BENCHER" --version | grep -q " $BENCHER_VERSION"; then
		log "frame-omni-bencher $BENCHER_VERSION is installed"
		return
	fi
	log "building frame-omni-bencher $BENCHER_VERSION into $BENCHER_ROOT (about 40 min on 2 cores, once)"
	cargo install "frame-omni-bencher@$BENCHER_VERSION" --locked --root "$BENCHER_ROOT" \
		--target-dir "$BENCHER_ROOT/target"
}

build_bench_runtime() {
	CARGO_TARGET_DIR="$BENCH_TARGET_DIR" \
		cargo build --release --locked -p stratus-runtime --features runtime-benchmarks
	[ -f "$WASM" ] || die "no runtime wasm at $WASM"
}

# bench PALLET: runs PALLET's benchmarks once. The three templates are
# rendered in that one run (results read back from JSON would lose the proof
# size estimates, which need the runtime's storage info), joined by marker
# lines, and split into the pallet's weights, the runtime's weights and the
# summary the report reads.
bench() {
	local pallet="$1" combined="$RUN_DIR/$1.out"
	"$BENCHER" v1 benchmark pallet --runtime "$WASM" --genesis-builder-preset development \
		--pallet "$pallet" --extrinsic '*' --steps "$STEPS" --repeat "$REPEAT" \
		--template "$RUN_DIR/combined.hbs" --output "$combined" \
		--no-min-squares --no-median-slopes --quiet
	local pallet_weights=/dev/null
	if [ "$pallet" != pallet_balances ]; then
		pallet_weights="pallets/$(tr _ - <<<"${pallet#pallet_}")/src/weights.rs"
	fi
	awk -v a="$pallet_weights" -v b="runtime/src/weights/$pallet.rs" -v c="$RUN_DIR/summary-$pallet.json" '
		/^@@@ runtime$/ { part = 1; next }
		/^@@@ summary$/ { part = 2; next }
		{ print > (part == 0 ? a : part == 1 ? b : c) }' "$combined"
	[ -s "$RUN_DIR/summary-$pallet.json" ] || die "$pallet: no summary rendered"
}

run_benchmarks() {
	mkdir -p "$RUN_DIR" runtime/src/weights
	if [ -z "${PALLETS:-}" ]; then
		rm -f "$RUN_DIR"/*.json "$RUN_DIR"/*.out
	fi
	{
		cat scripts/bench/pallet-weights.hbs
		echo '@@@ runtime'
		cat scripts/bench/runtime-weights.hbs
		echo '@@@ summary'
		cat scripts/bench/summary.hbs
	} >"$RUN_DIR/combined.hbs"
	local pallets=(pallet_balances "${MARKET_PALLETS[@]/#/pallet_}")
	if [ -n "${PALLETS:-}" ]; then
		read -r -a pallets <<<"$PALLETS"
	fi
	for pallet in "${pallets[@]}"; do
		local start=$SECONDS
		bench "$pallet"
		log "$pallet benchmarked in $((SECONDS - start)) s"
	done
	rustfmt --edition 2021 runtime/src/weights/pallet_*.rs pallets/*/src/weights.rs
}

throughput() {
	ensure_e2e_deps
	STRATUS_NODE="$NODE_BIN" node e2e/bench/throughput.mjs "$RUN_DIR/throughput.json" "$THROUGHPUT_N"
}

report() {
	node scripts/bench/report.mjs "$RUN_DIR" docs/PERFORMANCE.md
}

STAGES=(install_bencher build_bench_runtime run_benchmarks build_node throughput report)
if [ $# -gt 0 ]; then
	STAGES=("$@")
fi
total=$SECONDS
stage setup-system ensure_system_deps
stage setup-rust ensure_rust
for name in "${STAGES[@]}"; do
	declare -F "$name" >/dev/null || die "unknown stage $name; stages: install_bencher build_bench_runtime run_benchmarks build_node throughput report"
	stage "$name" "$name"
done
log "done in $((SECONDS - total)) s"
