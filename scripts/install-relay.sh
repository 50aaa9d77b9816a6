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
log "expect about 60 min on 2 cores and about 10 GB in $RELAY_ROOT/target; an interrupted build resumes where it stopped"
# The relay's own build is independent of the workspace: its own lock file
# (--locked uses the one published with the crate), its own toolchain
# choice, its own target directory.
mkdir -p "$RELAY_ROOT"
(cd "$RELAY_ROOT" && cargo install "polkadot@$RELAY_CRATE_VERSION" --locked \
	--root "$RELAY_ROOT" --target-dir "$RELAY_ROOT/target")
relay_installed || die "cargo install finished but the relay binaries are missing from $RELAY_BIN_DIR"
log "polkadot $RELAY_CRATE_VERSION installed in $RELAY_BIN_DIR in $(( (SECONDS - start) / 60 )) min"
"$RELAY_BIN_DIR/polkadot" --version
