#!/usr/bin/env bash
# The XCM emulator tests (emulated/): Stratus beside the real Westend relay
# chain runtime and Asset Hub Westend runtime of the SDK release Cargo.lock
# pins, USDT reserve-transferred from Asset Hub to a lease on Stratus and
# back.
#
#   scripts/emulated.sh test    builds the tests (once: the two foreign
#                               runtimes take long, see docs/BUILD_TIMES.md)
#                               and runs them
#   scripts/emulated.sh warm    exits 0 if the target directory holds a
#                               build of them for this Cargo.lock (CI runs
#                               them only then)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

# The foreign runtimes run natively here and their wasm is never executed:
# skip building it, crate by crate. A global SKIP_WASM_BUILD would reach
# Stratus's runtime too and make the next node build rebuild its wasm.
export SKIP_WESTEND_RUNTIME_WASM_BUILD=1
export SKIP_ASSET_HUB_WESTEND_RUNTIME_WASM_BUILD=1

# Written once the tests have built: the Cargo.lock they were built from.
MARKER="$CARGO_TARGET_DIR/stratus-emulated.lock"

lock_hash() {
	sha256sum "$REPO_ROOT/Cargo.lock" | cut -d' ' -f1
}

warm() {
	[ -f "$MARKER" ] && [ "$(cat "$MARKER")" = "$(lock_hash)" ]
}

run_tests() {
	cargo test --release --locked -p stratus-emulated --no-run
	lock_hash >"$MARKER"
	cargo test --release --locked -p stratus-emulated
}

case "${1:-}" in
	test) run_tests ;;
	warm) warm ;;
	*)
		echo "usage: $0 test|warm" >&2
		exit 2
		;;
esac
