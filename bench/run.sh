#!/usr/bin/env bash
# The benchmark: durable step transitions per second through the engine on SQLite and PostgreSQL, next to what
# the database alone does in the same run (bench/README.md).
#
#   bench/run.sh                      # everything (about 3 minutes)
#   bench/run.sh --seconds 5          # extra arguments go to the benchmark program (--help lists them)
#   bench/run.sh --mode timers        # the durable timers benchmark instead (issue 4; bench/README.md, "Timers"; ~15 min
#                                     # on a loaded 2-core machine, 10,000 timers per provider; --timers N for fewer)
#
# Builds bench/RuleOfLaw.Workflow.Bench in Release, starts a throwaway PostgreSQL cluster exactly as ./test.sh
# does (its functions, by sourcing it), runs the program with ROLW_BENCH_POSTGRES and ROLW_BENCH_PGBENCH set,
# and stops the cluster on any exit. The output is also written to artifacts/bench/.
#
# ROLW_BENCH_PG_SETTINGS (default "durable,fast") says under which PostgreSQL settings to run: "durable" turns
# fsync, synchronous_commit and full_page_writes on (what a production server has), "fast" turns them off (what
# test.sh's cluster has); "as-is" leaves the cluster as test.sh configured it.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# Functions only (ensure_dotnet, ensure_postgres, start_postgres, run_cleanups …); also sets ROOT_DIR and the
# EXIT trap that stops the cluster.
# shellcheck source=../test.sh
source "$BENCH_DIR/../test.sh"

PROJECT="$BENCH_DIR/RuleOfLaw.Workflow.Bench/RuleOfLaw.Workflow.Bench.csproj"
PROGRAM="$BENCH_DIR/RuleOfLaw.Workflow.Bench/bin/Release/net10.0/RuleOfLaw.Workflow.Bench.dll"

blog() { printf '[bench/run.sh] %s\n' "$*" >&2; }

find_pgbench() {
    local candidate
    for candidate in "${PG_BIN:-}/pgbench" $(ls -1d /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | sort -V -r); do
        if [[ -x $candidate ]]; then
            echo "$candidate"
            return 0
        fi
    done
    command -v pgbench 2>/dev/null || return 1
}

bench_main() {
    cd "$ROOT_DIR"
    ensure_dotnet
    ensure_postgres

    blog "dotnet build ${PROJECT#"$ROOT_DIR"/} -c Release"
    dotnet build "$PROJECT" -c Release -nologo -v quiet

    start_postgres
    export ROLW_BENCH_POSTGRES="$ROLW_TEST_POSTGRES"
    ROLW_BENCH_PGBENCH=$(find_pgbench) || die "pgbench not found (it comes with the Debian postgresql package)"
    export ROLW_BENCH_PGBENCH
    export ROLW_BENCH_PG_SETTINGS="${ROLW_BENCH_PG_SETTINGS:-durable,fast}"
    blog "pgbench: $ROLW_BENCH_PGBENCH; PostgreSQL settings: $ROLW_BENCH_PG_SETTINGS"

    local out="$ROOT_DIR/artifacts/bench/bench-$(date -u +%Y%m%dT%H%M%SZ).txt"
    mkdir -p "$(dirname "$out")"
    local rc=0
    # --growth first so that a later --growth given on the command line wins.
    dotnet "$PROGRAM" --growth 200 "$@" | tee "$out" || rc=$?
    run_cleanups
    blog "output written to ${out#"$ROOT_DIR"/}"
    return "$rc"
}

bench_main "$@"
