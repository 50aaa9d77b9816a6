#!/usr/bin/env bash
# Formatting and clippy on the default members (every crate but the node)
# and all their targets, warnings as errors: the
# lint stages of scripts/test.sh alone, in the same check directory (built
# natively without the wasm, so that it never makes a release build rebuild
# the wasm).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"
ensure_system_deps
ensure_rust
stage fmt cargo fmt --all -- --check
stage clippy env CARGO_TARGET_DIR="$CHECK_TARGET_DIR" SKIP_WASM_BUILD=1 \
	cargo clippy --release --locked --all-targets -- -D warnings
