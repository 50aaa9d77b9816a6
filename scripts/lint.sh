#!/usr/bin/env bash
# Formatting and clippy on every crate and target, warnings as errors.
# Kept out of scripts/test.sh: clippy compiles the dependencies again in
# check mode, which a cold machine pays for with many minutes.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"
ensure_system_deps
ensure_rust
stage fmt cargo fmt --all -- --check
stage clippy cargo clippy --locked --workspace --all-targets -- -D warnings
