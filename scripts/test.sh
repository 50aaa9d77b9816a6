#!/usr/bin/env bash
# Runs the whole test suite: formatting and lints, the pallets' and the
# runtime's tests (the bad-input catalogue among them), the pallets'
# benchmarks as tests, seeded runs of the runtime fuzzer, then the
# end-to-end tests against a real stratus-node (crash recovery among them,
# and the console in a headless chromium).
# The relay-backed network test is not run here (see the end);
# scripts/zombienet.sh runs it. Installs what a fresh machine lacks first.
# Prints the time of each stage and, at the very end, one line with the
# tests passed and failed over every stage (and the stage that failed).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"
# A blessing run rewrites the files its checks compare against, which would
# turn each of those checks into a tautology here.
unset STRATUS_BLESS

total=$SECONDS
passed=0
failed=0
current=""

# The last line, however the run ends.
# The relay-backed network test does not fit CI's 90 minutes on a fresh
# machine (the relay binaries alone take one to two hours to build there),
# so it is never run here and the last line says so.
not_run="not run: the relay-backed network test (scripts/zombienet.sh test)"
finished=0
summary() {
	local rc=$?
	if [ "$rc" -ne 0 ] && [ -n "$current" ]; then
		# A stage that reports no tests (a build, a lint) counts as one.
		[ "$failed" -gt 0 ] || failed=1
		log "$passed passed, $failed failed; failed stage: $current; $not_run"
	elif [ "$finished" -eq 1 ]; then
		log "$passed passed, $failed failed; $not_run"
	else
		log "$passed passed, $failed failed; stopped before the last stage; $not_run"
	fi
}
trap summary EXIT

# counted NAME COMMAND...: a stage whose output reports tests (cargo's
# "test result" lines, node's "# pass"/"# fail", the fuzzer's seed lines);
# adds them to the totals.
counted() {
	local name="$1"; shift
	local out
	out="$(mktemp)"
	current="$name"
	local rc=0
	stage "$name" "$@" 2>&1 | tee "$out" || rc=$?
	local counts p f
	# "passed failed" over cargo's result lines, node's summary and the
	# fuzzer's seed lines.
	counts=$(awk '
		/^test result: / { for (i = 1; i < NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i } }
		/^# pass [0-9]+/ { p += $3 }
		/^# fail [0-9]+/ { f += $3 }
		/^seed [0-9]+: .*no invariant broken/ { p += 1; seen[$2] = 1 }
		/^FAILED/ { f += 1 }
		# A seed that broke nothing but left something unreached counts
		# once, as failed.
		/^NOT REACHED with seed [0-9]+:/ { f += 1; if ($5 in seen) p -= 1 }
		END { print p + 0, f + 0 }' "$out")
	read -r p f <<<"$counts"
	rm -f "$out"
	passed=$((passed + p))
	failed=$((failed + f))
	# A failed test fails the stage even if its runner exited 0.
	[ "$f" -eq 0 ] || [ "$rc" -ne 0 ] || rc=1
	[ "$rc" -eq 0 ] || exit "$rc"
	current=""
}

# plain NAME COMMAND...: a stage that reports no tests.
plain() {
	current="$1"
	stage "$@"
	current=""
}

plain setup-system ensure_system_deps
plain setup-rust ensure_rust
plain setup-e2e ensure_e2e_deps
plain fmt cargo fmt --all -- --check
# Release builds throughout, so the node, the runtime and the tests share
# most compiled dependencies.
plain build-node build_node
# The command line and the provider agent, which the end-to-end tests run
# against the node.
plain build-tools build_tools
# The Stratus Console's production bundle, which its browser test serves.
plain build-console build_console
# The default members: every crate but the node, which has no tests of its
# own (the e2e tests below run it). Testing the node too would unify the
# pallets' test features into its dependency tree and rebuild all of it.
counted unit-and-runtime-tests cargo test --release --locked
# The pallets' v2 benchmarks, run once each as tests against their mocks,
# so that a benchmark that breaks is caught here (scripts/benchmark.sh
# generates the weights).
counted benchmark-tests cargo test --release --locked --features runtime-benchmarks \
	-p pallet-resource-registry -p pallet-bid-matching -p pallet-lease-escrow -p pallet-provider-slashing \
	-p pallet-market-parameters
# Lints over every crate but the node and the XCM emulator tests, the
# runtime's try-runtime and benchmark features on (scripts/lib.sh,
# clippy_all; the emulator tests are linted beside their run below).
plain clippy clippy_all
# The runtime fuzzer, seeded: 100,000 random marketplace calls with every
# invariant checked after each, for seed 1 and for a seed that changes with
# each commit (scripts/fuzz.sh for longer or coverage-guided runs). A run
# that leaves a call kind without a success, or an outcome of the hooks
# (matched, expired, forfeited, run dry, report upheld or dismissed at its
# deadline, decided, jailed, unjailed) unreached, fails: it checked nothing
# there. Release builds have overflow checks and debug assertions on in the
# project's on-chain crates and the fuzzer (Cargo.toml), so these runs and
# the tests above check every addition and subtraction there.
# First the fuzzer's own oracles, each shown to fire on a corrupted chain
# (the same build as the seeded runs).
counted fuzz-oracles cargo test --release --locked -p stratus-fuzz
counted fuzz-seeded scripts/fuzz.sh seeded 1 100000 --require-reached
counted fuzz-seeded-commit scripts/fuzz.sh seeded "$(commit_seed)" 100000 --require-reached
# The XCM emulator tests: Stratus beside the real Westend and Asset Hub
# Westend runtimes (USDT from Asset Hub to a lease and back). Their cold
# build (about 25 minutes) does not fit CI's 90 minutes beside the rest on a
# new machine, so they run when the target directory holds a build of them
# for the SDK release Cargo.lock pins (after one `scripts/emulated.sh
# test`); otherwise the last line says they were not run.
if scripts/emulated.sh warm; then
	counted xcm-emulator scripts/emulated.sh test
	plain clippy-xcm-emulator clippy_emulated
else
	not_run="not run: the XCM emulator tests (scripts/emulated.sh test, about 25 minutes cold); $not_run"
fi
counted e2e env STRATUS_NODE="$NODE_BIN" STRATUS_CLI="$CLI_BIN" STRATUS_PROVIDER="$AGENT_BIN" \
	STRATUS_CONSOLE="$CONSOLE_DIST" npm --prefix e2e test
finished=1
log "every stage ran in $((SECONDS - total)) s"
