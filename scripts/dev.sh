#!/usr/bin/env bash
# Builds the collator (release) and runs a single-node dev chain on
# ws://127.0.0.1:9944 that polkadot.js apps can connect to. Blocks come every
# 3 s (manual seal); the state is thrown away on exit. Extra arguments go to
# stratus-node, e.g. `scripts/dev.sh --dev-block-time 1000`.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ensure_system_deps
ensure_rust
stage build-node build_node
log "dev chain on ws://127.0.0.1:9944 - polkadot.js apps: https://polkadot.js.org/apps/?rpc=ws%3A%2F%2F127.0.0.1%3A9944"
exec "$NODE_BIN" --dev --rpc-port 9944 --rpc-cors all "$@"
