#!/usr/bin/env bash
# bench/cluster.sh — public comments per second and p99 through nginx with one and with two server processes on one
# PostgreSQL database (issue 18 item 5), with the CPU split between the nodes, PostgreSQL, nginx and the load
# generator. Uses the proxied-cluster test fixture (tests/RuleOfLaw.Workflow.Server.Tests/Cluster/ClusterBench.cs).
#   bench/cluster.sh                       # 20 s per configuration, 16 clients
#   ROLW_BENCH_SECONDS=10 ROLW_BENCH_CLIENTS=8 bench/cluster.sh
# Uses ROLW_TEST_POSTGRES when set (e.g. `source /work/tools/testenv.sh`); otherwise starts a throwaway PostgreSQL
# with ./test.sh's functions. Installs nginx-light from the Debian archive if missing.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$BENCH_DIR/../test.sh"

cluster_main() {
    cd "$ROOT_DIR"
    ensure_dotnet
    ensure_nginx
    if [[ -z ${ROLW_TEST_POSTGRES:-} ]]; then
        ensure_postgres
        start_postgres
    fi
    dotnet build "$ROOT_DIR/tests/RuleOfLaw.Workflow.Server.Tests" -c Release -nologo -v quiet
    local out="$ROOT_DIR/artifacts/bench/cluster-$(date -u +%Y%m%dT%H%M%SZ).txt"
    mkdir -p "$(dirname "$out")"
    ROLW_BENCH_CLUSTER=1 dotnet test "$ROOT_DIR/tests/RuleOfLaw.Workflow.Server.Tests" -c Release --no-build \
        --filter "FullyQualifiedName~Cluster.ClusterBench" --logger "console;verbosity=detailed" 2>&1 \
        | grep -E "comments/s|Public comments|Passed|Failed|Error" | tee "$out"
}

cluster_main "$@"
