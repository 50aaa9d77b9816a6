# Shared by the scripts: paths, stage timing, and the checks that install
# what a fresh machine lacks. Source it; do not run it.

set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# The cargo target directory lives outside the clone so that CI and later
# runs reuse what an earlier run built.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/stratus-target}"
# The wasm builder looks for Cargo.lock from the target directory; point it
# at the workspace since the target directory is elsewhere.
export WASM_BUILD_WORKSPACE_HINT="$REPO_ROOT"
NODE_BIN="$CARGO_TARGET_DIR/release/stratus-node"
# The off-chain tools: the command line and the provider agent.
CLI_BIN="$CARGO_TARGET_DIR/release/stratus"
AGENT_BIN="$CARGO_TARGET_DIR/release/stratus-provider"
# The console's production bundle.
CONSOLE_DIST="$REPO_ROOT/console/dist"
# Lints and feature checks build natively without the wasm, in a directory
# of their own, so that they never make the release build rebuild the wasm.
CHECK_TARGET_DIR="${CHECK_TARGET_DIR:-$HOME/.cache/stratus-check}"

# A fuzzer seed that changes with each commit: the first 8 hex digits of
# HEAD (1 outside a git checkout).
commit_seed() {
	local head
	head="$(git -C "$REPO_ROOT" rev-parse HEAD 2>/dev/null || true)"
	if [ -n "$head" ]; then echo $((16#${head:0:8})); else echo 1; fi
}

log() { printf '\033[1m[stratus]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[stratus] error:\033[0m %s\n' "$*" >&2; exit 1; }

# stage NAME COMMAND...: runs a command and prints how long it took.
stage() {
	local name="$1"; shift
	local start=$SECONDS rc=0
	log "stage '$name' starts"
	# Its status is returned explicitly: called on the left of `||` (as
	# `counted` does), a function runs without `set -e`, and a failing
	# command would otherwise be forgotten.
	"$@" || rc=$?
	log "stage '$name' took $((SECONDS - start)) s"
	return "$rc"
}

as_root() {
	if [ "$(id -u)" = 0 ]; then "$@"
	elif command -v sudo >/dev/null; then sudo "$@"
	else die "need root to run: $*"
	fi
}

# The C toolchain and protoc the SDK's build scripts need, and chromium.
ensure_system_deps() {
	local missing=()
	command -v protoc >/dev/null || missing+=(protobuf-compiler)
	command -v clang >/dev/null || missing+=(clang)
	ls /usr/lib/llvm-*/lib/libclang.so* >/dev/null 2>&1 || missing+=(libclang-dev)
	command -v make >/dev/null || missing+=(make)
	# The browser the console's end-to-end test drives (headless).
	command -v chromium >/dev/null || missing+=(chromium)
	[ ${#missing[@]} -eq 0 ] && return 0
	command -v apt-get >/dev/null ||
		die "missing ${missing[*]}; install them with your package manager (this script knows apt-get only)"
	log "installing ${missing[*]} with apt-get"
	as_root apt-get update -qq
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# The toolchain of rust-toolchain.toml, with rust-src and the wasm target.
ensure_rust() {
	command -v rustup >/dev/null ||
		die "rustup is not installed; get it from https://rustup.rs and rerun"
	local channel
	channel="$(sed -n 's/^channel *= *"\(.*\)"/\1/p' "$REPO_ROOT/rust-toolchain.toml")"
	[ -n "$channel" ] || die "rust-toolchain.toml names no channel"
	if ! rustup run "$channel" rustc --version >/dev/null 2>&1; then
		log "installing Rust $channel"
		rustup toolchain install "$channel" --profile minimal
	fi
	local installed
	installed="$(rustup component list --installed --toolchain "$channel")"
	for component in rust-src clippy rustfmt; do
		grep -q "^$component" <<<"$installed" ||
			rustup component add "$component" --toolchain "$channel"
	done
	grep -q "^rust-std-wasm32v1-none" <<<"$installed" ||
		rustup target add wasm32v1-none --toolchain "$channel"
}

# Node.js 20+ and the e2e test dependencies from package-lock.json.
ensure_e2e_deps() {
	command -v node >/dev/null || die "Node.js 20 or later is needed for the end-to-end tests"
	local major
	major="$(node -p 'process.versions.node.split(".")[0]')"
	[ "$major" -ge 20 ] || die "Node.js $major is too old; the end-to-end tests need 20 or later"
	command -v npm >/dev/null || die "npm is needed for the end-to-end tests"
	(cd "$REPO_ROOT/e2e" && npm ci --no-audit --no-fund --loglevel=error)
}

build_node() {
	(cd "$REPO_ROOT" && cargo build --release --locked -p stratus-node)
}

# The console's production bundle in console/dist: its dependencies from
# package-lock.json, its typed descriptors generated from the metadata the
# client checks in (client/metadata/stratus.scale), type-checked, bundled.
build_console() {
	(cd "$REPO_ROOT/console" && npm ci --no-audit --no-fund --loglevel=error && npm run build)
}

# Clippy, warnings as errors, on every crate but the node and the XCM
# emulator tests (the fuzzer included) and all their targets, with the
# runtime's try-runtime and benchmark features on so that the code behind
# them is checked and linted too; in the check directory, built without
# the wasm: checking the runtime without its wasm in the release directory
# would make the next release build rebuild the wasm. (The emulator tests
# build the SDK's Westend runtimes, whose `pallet-revive` does not compile
# with `sp-runtime`'s try-runtime feature on: `clippy_emulated` lints them
# without it.)
clippy_all() {
	(cd "$REPO_ROOT" && CARGO_TARGET_DIR="$CHECK_TARGET_DIR" SKIP_WASM_BUILD=1 \
		cargo clippy --release --locked --workspace --exclude stratus-node \
		--exclude stratus-emulated --all-targets \
		--features stratus-runtime/try-runtime,stratus-runtime/runtime-benchmarks -- -D warnings)
}

# Clippy on the XCM emulator tests, in the check directory.
clippy_emulated() {
	(cd "$REPO_ROOT" && CARGO_TARGET_DIR="$CHECK_TARGET_DIR" SKIP_WASM_BUILD=1 \
		cargo clippy --release --locked -p stratus-emulated --all-targets -- -D warnings)
}

build_tools() {
	(cd "$REPO_ROOT" && cargo build --release --locked -p stratus-cli -p stratus-provider)
}
