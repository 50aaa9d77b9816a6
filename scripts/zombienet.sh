#!/usr/bin/env bash
# A relay-backed Stratus network on this machine: a rococo-local relay chain
# with 2 validators (alice, bob) and Stratus as para 2000 with 2 collators
# (dave, ferdie), spawned by zombienet's native provider (zombienet/).
#
#   scripts/zombienet.sh [spawn]   start the network and keep it running
#   scripts/zombienet.sh test      start it, run zombienet/stratus.zndsl, stop
#
# Installs what is missing first: the relay binaries (scripts/install-relay.sh,
# 1 to 2 hours of compiling once), stratus-node, and the npm packages of
# zombienet/ and e2e/ (the network test's scripts use the e2e helpers).
# ZOMBIENET_DIR sets where the nodes keep their data and logs.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

MODE="${1:-spawn}"
case "$MODE" in
spawn | test) ;;
*) die "usage: scripts/zombienet.sh [spawn|test]" ;;
esac
ZOMBIENET_DIR="${ZOMBIENET_DIR:-$(mktemp -d -t stratus-zombienet-XXXXXX)}"

ensure_zombienet() {
	# zombienet 1.3.138's utils name a GitHub fork of `toml`, which a machine
	# with only the npm registry cannot fetch; package.json overrides it with
	# toml 3.0.0 from the registry.
	(cd zombienet && npm ci --no-audit --no-fund --loglevel=error)
}

ensure_node() {
	if [ -x "$NODE_BIN" ]; then
		log "using $NODE_BIN (scripts/test.sh or cargo build --release -p stratus-node rebuilds it)"
	else
		build_node
	fi
}

print_endpoints() {
	local apps='https://polkadot.js.org/apps/?rpc='
	log "endpoints (polkadot.js apps: open the link, or Settings > custom endpoint):"
	log "  relay chain  alice   ws://127.0.0.1:9900   ${apps}ws%3A%2F%2F127.0.0.1%3A9900"
	log "  relay chain  bob     ws://127.0.0.1:9901"
	log "  Stratus      dave    ws://127.0.0.1:9988   ${apps}ws%3A%2F%2F127.0.0.1%3A9988"
	log "  Stratus      ferdie  ws://127.0.0.1:9989"
	log "data and logs: $ZOMBIENET_DIR (<node>.log per node)"
}

stage setup-system ensure_system_deps
stage setup-rust ensure_rust
stage install-relay scripts/install-relay.sh
stage setup-node ensure_node
stage setup-e2e ensure_e2e_deps
stage setup-zombienet ensure_zombienet

export RELAY_BIN_DIR="$(scripts/install-relay.sh --print-bin-dir)"
export STRATUS_NODE="$NODE_BIN"
ZOMBIENET=(zombienet/node_modules/.bin/zombienet --provider native --logType text --dir "$ZOMBIENET_DIR" --force)
print_endpoints
if [ "$MODE" = spawn ]; then
	log "spawning; the collators produce blocks about a minute after the relay chain starts. Ctrl-C stops the network."
	exec "${ZOMBIENET[@]}" spawn zombienet/stratus.toml
fi
start=$SECONDS
stage network-test "${ZOMBIENET[@]}" test zombienet/stratus.zndsl
log "network test passed in $((SECONDS - start)) s; logs in $ZOMBIENET_DIR"
