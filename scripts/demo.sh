#!/usr/bin/env bash
# A live market in one command: builds the collator, starts a dev chain on
# ws://127.0.0.1:9944, and seeds it through signed extrinsics: Bob, Charlie
# and Dave register as providers (region=eu-west) and bond, and Eve posts an
# order they can bid on. The node keeps running until Ctrl-C.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ensure_system_deps
ensure_rust
ensure_e2e_deps
stage build-node build_node
"$NODE_BIN" --dev --rpc-port 9944 --rpc-cors all "$@" &
node_pid=$!
trap 'kill "$node_pid" 2>/dev/null' EXIT INT TERM
stage seed-market node "$REPO_ROOT/e2e/demo.mjs" ws://127.0.0.1:9944
log "market live on ws://127.0.0.1:9944 - polkadot.js apps: https://polkadot.js.org/apps/?rpc=ws%3A%2F%2F127.0.0.1%3A9944"
wait "$node_pid"
