#!/usr/bin/env bash
# The Stratus Console beside a dev chain: builds the collator and the
# console, starts a dev chain on ws://127.0.0.1:9944 seeded like
# scripts/demo.sh (three bonded providers, an open order), and serves the
# console on http://127.0.0.1:5173 until Ctrl-C.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ensure_system_deps
ensure_rust
ensure_e2e_deps
stage build-node build_node
stage build-console build_console
"$NODE_BIN" --dev --rpc-port 9944 --rpc-cors all &
node_pid=$!
(cd "$REPO_ROOT/console" && exec npx vite preview --host 127.0.0.1 --port 5173 --strictPort) &
web_pid=$!
trap 'kill "$node_pid" "$web_pid" 2>/dev/null' EXIT INT TERM
stage seed-market node "$REPO_ROOT/e2e/demo.mjs" ws://127.0.0.1:9944
log "console on http://127.0.0.1:5173/?rpc=ws://127.0.0.1:9944"
wait "$node_pid"
