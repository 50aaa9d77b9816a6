#!/usr/bin/env bash
# Formatting and clippy (every crate but the node, all their targets,
# warnings as errors): the lint stages of scripts/test.sh alone, in the
# same check directory.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"
ensure_system_deps
ensure_rust
stage fmt cargo fmt --all -- --check
stage clippy clippy_all
