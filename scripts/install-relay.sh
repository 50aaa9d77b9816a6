#!/usr/bin/env bash
# Installs the relay-chain binaries zombienet spawns: `polkadot`,
# `polkadot-prepare-worker` and `polkadot-execute-worker`, from the
# `polkadot` crate on crates.io at the release that matches the pinned
# polkadot-sdk (crate 41.0.0 = polkadot 1.25.1, with the rococo-local and
# westend-local chain specs built in).
#
# The binaries and the build's target directory live in $RELAY_ROOT
# (default $HOME/.cache/stratus-relay), outside the clone; when the
# binaries are there at the right version this does nothing.
# `scripts/install-relay.sh --print-bin-dir` prints where they are.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

RELAY_CRATE_VERSION=41.0.0
RELAY_ROOT="${RELAY_ROOT:-$HOME/.cache/stratus-relay}"
RELAY_BIN_DIR="$RELAY_ROOT/bin"
RELAY_BINS=(polkadot polkadot-prepare-worker polkadot-execute-worker)
RELAY_SRC="$RELAY_ROOT/src/polkadot-$RELAY_CRATE_VERSION"

# Unpacks the crate's sources into $RELAY_SRC, checked against the checksum
# the crates.io index gives for that version.
fetch_relay_source() {
	[ -f "$RELAY_SRC/Cargo.lock" ] && return 0
	local crate="$RELAY_ROOT/polkadot-$RELAY_CRATE_VERSION.crate" expected actual
	mkdir -p "$RELAY_ROOT/src"
	log "downloading the polkadot $RELAY_CRATE_VERSION crate from crates.io"
	curl -sSfL "https://static.crates.io/crates/polkadot/polkadot-$RELAY_CRATE_VERSION.crate" -o "$crate"
	expected="$(curl -sSfL https://index.crates.io/po/lk/polkadot | python3 -c '
import json, sys
for line in sys.stdin:
    entry = json.loads(line)
    if entry["vers"] == sys.argv[1]:
        print(entry["cksum"])' "$RELAY_CRATE_VERSION")"
	actual="$(sha256sum "$crate" | cut -d' ' -f1)"
	[ -n "$expected" ] && [ "$expected" = "$actual" ] ||
		die "polkadot-$RELAY_CRATE_VERSION.crate: sha256 $actual, the index says '$expected'"
	tar -xzf "$crate" -C "$RELAY_ROOT/src"
	rm -f "$crate"
}

relay_installed() {
	local bin
	for bin in "${RELAY_BINS[@]}"; do
		[ -x "$RELAY_BIN_DIR/$bin" ] || return 1
	done
	# cargo install records what it installed, with the crate's version.
	grep -q "\"polkadot $RELAY_CRATE_VERSION " "$RELAY_ROOT/.crates2.json" 2>/dev/null
}

if [ "${1:-}" = --print-bin-dir ]; then
	echo "$RELAY_BIN_DIR"
	exit 0
fi

if relay_installed; then
	log "polkadot $RELAY_CRATE_VERSION is installed in $RELAY_BIN_DIR"
	exit 0
fi

ensure_system_deps
ensure_rust
start=$SECONDS
log "building polkadot $RELAY_CRATE_VERSION (polkadot, polkadot-prepare-worker, polkadot-execute-worker) into $RELAY_ROOT"
log "expect 1 to 2 hours on 2 cores and about 10 GB in $RELAY_ROOT/target; an interrupted build resumes where it stopped"
fetch_relay_source
# The relay's build is independent of this workspace: its own lock file
# (--locked: the one published with the crate), its own target directory.
# Its runtimes' wasm builder must resolve them in the polkadot crate's own
# workspace, not in ours (lib.sh points WASM_BUILD_WORKSPACE_HINT here).
(cd "$RELAY_SRC" && WASM_BUILD_WORKSPACE_HINT="$RELAY_SRC" cargo install --path . --locked \
	--root "$RELAY_ROOT" --target-dir "$RELAY_ROOT/target")
relay_installed || die "cargo install finished but the relay binaries are missing from $RELAY_BIN_DIR"
log "polkadot $RELAY_CRATE_VERSION installed in $RELAY_BIN_DIR in $(( (SECONDS - start) / 60 )) min"
"$RELAY_BIN_DIR/polkadot" --version
