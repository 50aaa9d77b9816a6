#!/usr/bin/env bash
# Writes the chain specs of the built-in chains, plain and raw, to
# chain-specs/ (or the directory given as the first argument):
#   dev.json, dev-raw.json       the `--dev` chain (development preset)
#   local.json, local-raw.json   the relay-backed local network (local_testnet preset, para 2000)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

out="${1:-$REPO_ROOT/chain-specs}"
ensure_system_deps
ensure_rust
[ -x "$NODE_BIN" ] || stage build-node build_node
mkdir -p "$out"
for chain in dev local; do
	"$NODE_BIN" build-spec --chain "$chain" --disable-default-bootnode 2>/dev/null >"$out/$chain.json"
	"$NODE_BIN" build-spec --chain "$chain" --disable-default-bootnode --raw 2>/dev/null >"$out/$chain-raw.json"
	log "wrote $out/$chain.json and $out/$chain-raw.json"
done
