#!/usr/bin/env bash
# Rewrites client/metadata/stratus.scale, the runtime metadata (V15) the
# client crate generates its types from, from the runtime as built now. The
# runtime test `the_clients_metadata_is_the_runtimes` fails until this has
# been run after any change to the runtime's calls, events, errors, storage,
# runtime APIs or their docs.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"
# The runtime's tests in the release target directory, built as
# scripts/test.sh builds them (every default member, so the same features
# and no rebuild; its wasm included).
STRATUS_BLESS=1 cargo test --release --locked -- the_clients_metadata_is_the_runtimes
log "wrote client/metadata/stratus.scale ($(stat -c %s client/metadata/stratus.scale) bytes)"
