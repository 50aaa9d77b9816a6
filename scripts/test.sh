#!/usr/bin/env bash
# Runs the whole test suite: formatting, the pallets' and the
# runtime's tests, then the end-to-end tests against a real stratus-node.
# Installs what a fresh machine lacks first. Prints the time of each stage.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

total=$SECONDS
stage setup-system ensure_system_deps
stage setup-rust ensure_rust
stage setup-e2e ensure_e2e_deps
stage fmt cargo fmt --all -- --check
# One release build for the node, the runtime and the tests: they share
# every compiled dependency.
stage build-node build_node
stage unit-and-runtime-tests cargo test --release --locked --workspace
stage e2e env STRATUS_NODE="$NODE_BIN" npm --prefix e2e test
log "all tests passed in $((SECONDS - total)) s"
