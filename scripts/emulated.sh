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
#                               build of them for the SDK release Cargo.lock
#                               pins (CI runs them only then)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

# The foreign runtimes run natively here and their wasm is never executed:
# skip building it, crate by crate. A global SKIP_WASM_BUILD would reach
# Stratus's runtime too and make the next node build rebuild its wasm.
export SKIP_WESTEND_RUNTIME_WASM_BUILD=1
export SKIP_ASSET_HUB_WESTEND_RUNTIME_WASM_BUILD=1

# Written once the tests have built: the versions of the SDK release they
# were built against. Another Cargo.lock of the same release rebuilds
# only Stratus's crates here (under 3 minutes); another release rebuilds
# the foreign runtimes too, as long as a cold build.
MARKER="$CARGO_TARGET_DIR/stratus-emulated.lock"

lock_hash() {
	grep -A1 -E '^name = "(polkadot-sdk|frame-support|westend-runtime|asset-hub-westend-runtime|xcm-emulator)"$' \
		"$REPO_ROOT/Cargo.lock" | sha256sum | cut -d' ' -f1
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
