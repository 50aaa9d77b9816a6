#!/usr/bin/env bash
# Rewrites client/metadata/stratus.scale, the runtime metadata (V15) the
# client crate generates its types from, from the runtime as built now. The
# runtime test `the_clients_metadata_is_the_runtimes` fails until this has
# been run after any change to the runtime's calls, events, errors, storage,
# runtime APIs or their docs.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"
# The overflow profile in the check directory: the build scripts/test.sh
# keeps warm there for its overflow-checks stage.
STRATUS_BLESS=1 CARGO_TARGET_DIR="$CHECK_TARGET_DIR" SKIP_WASM_BUILD=1 cargo test --profile overflow --locked -p stratus-runtime \
	the_clients_metadata_is_the_runtimes
log "wrote client/metadata/stratus.scale ($(stat -c %s client/metadata/stratus.scale) bytes)"
