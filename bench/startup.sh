#!/usr/bin/env bash
# Start to healthy, and idle memory (issue 21 goal 5; bench/README.md, "Start-up").
#
#   bench/startup.sh                 # 5 warm starts, 10 s idle each
#   bench/startup.sh 3 20            # 3 warm starts, 20 s idle
#   ROLW_BENCH_SERVER_DLL=/path/to/RuleOfLaw.Workflow.Server.dll bench/startup.sh    # another build (e.g. before a change)
#
# Uses the server's Release build (build it first: dotnet build src/RuleOfLaw.Workflow.Server -c Release). One cold
# start creates a SQLite database in a temporary folder (migrations, demo seed, so there is data); then each warm start
# runs the server on that existing database as production would (Production environment, no demo seed), polls
# /health every 20 ms from the moment the process is spawned until it answers 200, stops it after the idle time and
# prints: ms to healthy, the process's RSS after the idle time (VmRSS; VmHWM = its peak), CPU seconds used, and the
# load average (other processes on these CPUs skew every figure). With ROLW_BENCH_STARTUP_LOG=1 the server's log of
# each start is kept in the temporary folder (Information level, with the start-up's own timings).
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT_DIR="$(cd "$BENCH_DIR/.." && pwd)"
DLL="${ROLW_BENCH_SERVER_DLL:-$ROOT_DIR/src/RuleOfLaw.Workflow.Server/bin/Release/net10.0/RuleOfLaw.Workflow.Server.dll}"
RUNS="${1:-5}"
IDLE="${2:-10}"
[[ -f $DLL ]] || { echo "no server build at $DLL (dotnet build src/RuleOfLaw.Workflow.Server -c Release)" >&2; exit 2; }

WORK="$(mktemp -d /tmp/rolw-startup.XXXXXX)"
PORT=$(( 20000 + RANDOM % 20000 ))
SERVER_PID=""
cleanup() {
    if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; fi
    [[ ${ROLW_BENCH_STARTUP_LOG:-0} == 1 ]] || rm -rf "$WORK"
}
trap cleanup EXIT

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# start ENVIRONMENT SEED LOG: spawns the server (content root = its folder, so its appsettings.json applies).
start() {
    (cd "$(dirname "$DLL")" && exec env ASPNETCORE_ENVIRONMENT="$1" Demo__Seed="$2" Demo__LivingMatters=false \
        Database__Provider=Sqlite "Database__ConnectionString=Data Source=$WORK/rolw.db" \
        Crypto__KeyRingFile="$WORK/keyring.json" Workflows__Directory="$ROOT_DIR/workflows" Mail__Enabled=false \
        Logging__LogLevel__Default="${ROLW_BENCH_STARTUP_LOG_LEVEL:-Warning}" Logging__Console__TimestampFormat="HH:mm:ss.fff " \
        dotnet "$DLL" --urls "http://127.0.0.1:$PORT" >"$3" 2>&1) &
    SERVER_PID=$!
}

wait_healthy() {
    local deadline=$(( $(now_ms) + 120000 ))
    until curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/health" 2>/dev/null | grep -q '^200$'; do
        kill -0 "$SERVER_PID" 2>/dev/null || { echo "the server exited; its log:" >&2; cat "$WORK"/*.log >&2; exit 1; }
        (( $(now_ms) < deadline )) || { echo "not healthy after 120 s" >&2; exit 1; }
        sleep 0.02
    done
}

stop() {
    kill "$SERVER_PID"
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
}

kib() { awk -v k="$1" '$1 == k":" { print $2 }' "/proc/$SERVER_PID/status"; }
cpu_seconds() { awk '{ printf "%.2f", ($14 + $15) / 100 }' "/proc/$SERVER_PID/stat"; }

echo "RuleOfLaw.Workflow start-up benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "server: $DLL"
echo "machine: $(nproc) CPUs, $(dotnet --version 2>/dev/null | head -1) SDK; load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

t0=$(now_ms)
start Staging true "$WORK/cold.log"
wait_healthy
echo "cold start (new SQLite database: migrations + demo seed): $(( $(now_ms) - t0 )) ms to healthy"
stop

printf '%-4s %10s %12s %12s %10s  %s\n' run "healthy ms" "idle RSS MiB" "peak RSS MiB" "CPU s" "load average"
for run in $(seq 1 "$RUNS"); do
    t0=$(now_ms)
    start Production false "$WORK/warm-$run.log"
    wait_healthy
    healthy=$(( $(now_ms) - t0 ))
    cpu_at_healthy=$(cpu_seconds)
    sleep "$IDLE"
    rss=$(kib VmRSS); hwm=$(kib VmHWM)
    printf '%-4s %10d %12.1f %12.1f %10s  %s\n' "$run" "$healthy" "$(echo "$rss / 1024" | bc -l)" "$(echo "$hwm / 1024" | bc -l)" \
        "$cpu_at_healthy" "$(cut -d' ' -f1-3 /proc/loadavg)"
    stop
done
echo "healthy = first 200 from /health after the process was spawned; RSS after $IDLE s idle; CPU s = user+system until healthy"
