#!/usr/bin/env bash
# The project's one test command.
#
#   ./test.sh                          # everything
#   ./test.sh --filter Category=X      # extra arguments go to `dotnet test`
#
# Works on a fresh Debian 12 machine (root or a sudo-capable user, no stdin):
# installs what the tests need from the Debian archive, starts a throwaway
# PostgreSQL cluster in a temp dir (never the system cluster), runs
# `dotnet test` on the solution with TRX output, and prints as its last line
#
#   N passed, N failed, N skipped
#
# It exits non-zero if `dotnet test` failed or if no test ran at all.
#
# One small function per dependency: ensure_<thing> installs it if missing,
# start_<thing> starts a throwaway instance and registers its cleanup.
# The script can be sourced (functions only, nothing runs) to try them alone.
set -euo pipefail

ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
RESULTS_DIR="$ROOT_DIR/artifacts/test-results"

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1

log() { printf '[test.sh] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# Run a command as root (directly when we are root, else through sudo).
as_root() {
    if [[ $(id -u) -eq 0 ]]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        die "need root to run '$*' (not root and no sudo)"
    fi
}

APT_UPDATED=0
apt_install() {
    if [[ $APT_UPDATED -eq 0 ]]; then
        log "apt-get update"
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update
        APT_UPDATED=1
    fi
    log "apt-get install $*"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y "$@"
}

# ---------------------------------------------------------------- cleanup
# Cleanup steps run in reverse order of registration, once, on any exit.
CLEANUPS=()
add_cleanup() { CLEANUPS+=("$1"); }
run_cleanups() {
    local i
    for ((i = ${#CLEANUPS[@]} - 1; i >= 0; i--)); do
        "${CLEANUPS[$i]}" || true
    done
    CLEANUPS=()
}
trap run_cleanups EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------- dotnet
ensure_dotnet() {
    command -v dotnet >/dev/null 2>&1 && return 0
    # Not on PATH: try the usual install locations (dotnet-install.sh, packages).
    local dir
    for dir in "${DOTNET_ROOT:-}" "${HOME:-/root}/.dotnet" /usr/share/dotnet /usr/lib/dotnet /opt/dotnet; do
        if [[ -n $dir && -x $dir/dotnet ]]; then
            export DOTNET_ROOT="$dir"
            export PATH="$dir:$PATH"
            return 0
        fi
    done
    die "the .NET 10 SDK (dotnet) is not installed; it is not in the Debian archive, so it must be provided by the machine"
}

# ---------------------------------------------------------------- postgres
PG_BIN=""
PG_TMP=""
PG_DATA=""
PG_PORT=""
PG_PASSWORD=""

find_pg_bin() {
    local initdb
    initdb=$(ls -1d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 || true)
    [[ -n $initdb ]] && PG_BIN=$(dirname "$initdb")
    [[ -n $PG_BIN ]]
}

ensure_postgres() {
    if ! find_pg_bin; then
        log "PostgreSQL server binaries not found; installing"
        apt_install postgresql
        find_pg_bin || die "PostgreSQL installed but /usr/lib/postgresql/*/bin/initdb still missing"
    fi
    log "PostgreSQL binaries: $PG_BIN"
}

# Run a PostgreSQL binary as the cluster owner. initdb and postgres refuse to
# run as root, so as root they run as the `postgres` OS user (created by the
# Debian package); as any other user they run as that user.
as_pg_owner() {
    if [[ $(id -u) -eq 0 ]]; then
        (cd / && runuser -u postgres -- "$@")
    else
        (cd / && "$@")
    fi
}

# Is something already listening on 127.0.0.1:$1? (bash-only, no ss/python)
port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

start_postgres() {
    [[ -n $PG_BIN ]] || find_pg_bin || die "PostgreSQL binaries missing (run ensure_postgres first)"
    if [[ $(id -u) -eq 0 ]] && ! id postgres >/dev/null 2>&1; then
        die "running as root but there is no 'postgres' OS user to own the test cluster"
    fi

    # Under /tmp (not $TMPDIR): the postgres user must be able to reach it and
    # the unix socket path must stay short.
    PG_TMP=$(mktemp -d /tmp/rolw-test-pg.XXXXXX)
    add_cleanup stop_postgres
    PG_DATA="$PG_TMP/data"
    mkdir -p "$PG_TMP/socket"
    PG_PASSWORD=$(head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n')
    printf '%s\n' "$PG_PASSWORD" >"$PG_TMP/pwfile"
    chmod 700 "$PG_TMP"
    chmod 600 "$PG_TMP/pwfile"
    if [[ $(id -u) -eq 0 ]]; then
        chown -R postgres: "$PG_TMP"
    fi

    log "initdb in $PG_DATA"
    as_pg_owner "$PG_BIN/initdb" -D "$PG_DATA" -U postgres \
        --pwfile="$PG_TMP/pwfile" --auth=scram-sha-256 \
        --encoding=UTF8 --locale=C.UTF-8 --no-sync \
        >"$PG_TMP/initdb.log" 2>&1 \
        || { cat "$PG_TMP/initdb.log" >&2; die "initdb failed"; }
    rm -f "$PG_TMP/pwfile"

    # Settings for a disposable test cluster; port is given on the command line.
    cat >>"$PG_DATA/postgresql.conf" <<EOF

# --- throwaway test cluster (test.sh) ---
listen_addresses = '127.0.0.1'
unix_socket_directories = '$PG_TMP/socket'
max_connections = 300
fsync = off
synchronous_commit = off
full_page_writes = off
EOF

    # Default port 55432; if it is taken, try others until the server starts.
    local port attempt
    local -a candidates=(55432)
    for attempt in $(seq 1 20); do
        candidates+=($((20000 + RANDOM % 30000)))
    done
    PG_PORT=""
    for port in "${candidates[@]}"; do
        port_in_use "$port" && continue
        if as_pg_owner "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_TMP/postgres.log" \
                -o "-p $port" -w -t 60 start >/dev/null 2>&1; then
            PG_PORT=$port
            break
        fi
        log "could not start PostgreSQL on port $port; trying another"
    done
    if [[ -z $PG_PORT ]]; then
        tail -n 30 "$PG_TMP/postgres.log" >&2 || true
        die "could not start the test PostgreSQL cluster"
    fi

    local i
    for i in $(seq 1 60); do
        "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres && break
        [[ $i -eq 60 ]] && die "PostgreSQL on port $PG_PORT never became ready"
        sleep 0.5
    done

    export ROLW_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=$PG_PASSWORD;Database=postgres"
    log "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') ready on 127.0.0.1:$PG_PORT (throwaway, $PG_TMP)"
    log "ROLW_TEST_POSTGRES=$ROLW_TEST_POSTGRES"
}

stop_postgres() {
    [[ -n $PG_TMP ]] || return 0
    if [[ -n $PG_DATA && -f $PG_DATA/postmaster.pid ]]; then
        as_pg_owner "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate -w -t 30 stop >/dev/null 2>&1 || {
            # Last resort: kill the postmaster we started (by its pid file).
            local pid
            pid=$(head -n 1 "$PG_DATA/postmaster.pid" 2>/dev/null || true)
            [[ -n $pid ]] && kill -9 "$pid" 2>/dev/null || true
        }
    fi
    rm -rf "$PG_TMP"
    PG_TMP=""
    PG_DATA=""
}

# ---------------------------------------------------------------- smtp
# A real SMTP server for the mail tests: Debian's python3-aiosmtpd with tests/tools/smtp_sink.py, which saves
# every mail it accepts as a JSON file (and, for the STARTTLS tests, makes a throwaway certificate with openssl). start_smtp runs one on a free localhost port (ROLW_TEST_SMTP=host:port,
# ROLW_TEST_SMTP_DIR); tests that stop and restart a server (an outage) start their own through
# ROLW_TEST_SMTP_PYTHON and ROLW_TEST_SMTP_SINK. Mail tests fail loudly when these are not set.
SMTP_PYTHON=/usr/bin/python3
SMTP_TMP=""
SMTP_PID=""

ensure_smtp() {
    if ! "$SMTP_PYTHON" -c 'import aiosmtpd' >/dev/null 2>&1; then
        log "python3-aiosmtpd not found; installing"
        apt_install python3-aiosmtpd
        "$SMTP_PYTHON" -c 'import aiosmtpd' || die "python3-aiosmtpd installed but $SMTP_PYTHON cannot import aiosmtpd"
    fi
    # The STARTTLS tests' sink makes a throwaway self-signed certificate with the openssl command.
    if ! command -v openssl >/dev/null 2>&1; then
        log "openssl not found; installing"
        apt_install openssl
        command -v openssl >/dev/null 2>&1 || die "openssl installed but not on PATH"
    fi
}

start_smtp() {
    SMTP_TMP=$(mktemp -d /tmp/rolw-test-smtp.XXXXXX)
    add_cleanup stop_smtp
    local port attempt
    for attempt in $(seq 1 20); do
        port=$((20000 + RANDOM % 30000))
        port_in_use "$port" && continue
        "$SMTP_PYTHON" "$ROOT_DIR/tests/tools/smtp_sink.py" --port "$port" --dir "$SMTP_TMP/mail" >"$SMTP_TMP/smtp.log" 2>&1 &
        SMTP_PID=$!
        local i
        for i in $(seq 1 50); do
            grep -q READY "$SMTP_TMP/smtp.log" 2>/dev/null && break
            kill -0 "$SMTP_PID" 2>/dev/null || break
            sleep 0.1
        done
        if grep -q READY "$SMTP_TMP/smtp.log" 2>/dev/null; then
            export ROLW_TEST_SMTP="127.0.0.1:$port"
            export ROLW_TEST_SMTP_DIR="$SMTP_TMP/mail"
            export ROLW_TEST_SMTP_PYTHON="$SMTP_PYTHON"
            export ROLW_TEST_SMTP_SINK="$ROOT_DIR/tests/tools/smtp_sink.py"
            log "SMTP test server on $ROLW_TEST_SMTP (mails in $ROLW_TEST_SMTP_DIR)"
            return 0
        fi
        kill "$SMTP_PID" 2>/dev/null || true
        SMTP_PID=""
    done
    cat "$SMTP_TMP/smtp.log" >&2 || true
    die "could not start the SMTP test server"
}

stop_smtp() {
    if [[ -n $SMTP_PID ]]; then
        kill "$SMTP_PID" 2>/dev/null || true
        wait "$SMTP_PID" 2>/dev/null || true
        SMTP_PID=""
    fi
    [[ -n $SMTP_TMP ]] && rm -rf "$SMTP_TMP"
    SMTP_TMP=""
}

# ---------------------------------------------------------------- chromium
# The browser tests (tests/RuleOfLaw.Workflow.Server.Tests/Browser) drive Debian's
# chromium-headless-shell (Chromium's headless build, lighter than the full browser)
# through Playwright, which is told not to download its own.
# A small Chinese font, so the screenshots show the pages' Chinese text.
ensure_chromium() {
    local missing=()
    [[ -x /usr/bin/chromium-headless-shell ]] || missing+=(chromium-headless-shell)
    [[ -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ]] || missing+=(fonts-wqy-microhei)
    [[ ${#missing[@]} -eq 0 ]] && return 0
    log "installing ${missing[*]} for the browser tests"
    apt_install "${missing[@]}"
    [[ -x /usr/bin/chromium-headless-shell ]] || die "chromium-headless-shell installed but /usr/bin/chromium-headless-shell is missing"
}

# ---------------------------------------------------------------- curl
# The README's first session is run as pasted by a test (Startup/ReadmeSessionTests): it uses curl.
ensure_curl() {
    command -v curl >/dev/null 2>&1 && return 0
    log "curl not found; installing"
    apt_install curl
}

# ---------------------------------------------------------------- nginx
# The proxied two-server tests (tests/RuleOfLaw.Workflow.Server.Tests/Cluster) start Debian's nginx themselves, in
# front of two server processes; only the binary is needed (no service is started here).
ensure_nginx() {
    [[ -x /usr/sbin/nginx ]] && return 0
    log "nginx not found; installing nginx-light"
    apt_install nginx-light
}

# ---------------------------------------------------------------- tests
run_tests() {
    rm -rf "$RESULTS_DIR"
    mkdir -p "$RESULTS_DIR"
    # Screenshots of the main pages, saved by the browser tests as artifacts.
    export ROLW_SCREENSHOTS="$RESULTS_DIR/screenshots"
    export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
    # No SQL Server is installed here; the SQL Server rows run only against one named by the caller.
    if [[ -n "${ROLW_TEST_SQLSERVER:-}" ]]; then
        log "ROLW_TEST_SQLSERVER is set: the SQL Server rows run against it"
    else
        log "ROLW_TEST_SQLSERVER is not set: the SQL Server rows are reported as skipped"
    fi
    # Every test server started and disposed, with the process's memory (tests/.../Infrastructure/ServerCensus.cs).
    export ROLW_TEST_CENSUS="$RESULTS_DIR/server-census.log"
    log "dotnet test RuleOfLaw.Workflow.sln -c Release $*"
    dotnet test "$ROOT_DIR/RuleOfLaw.Workflow.sln" -c Release \
        --results-directory "$RESULTS_DIR" \
        --logger "trx" \
        --logger "console;verbosity=normal" \
        "$@"
}

# Sum one attribute of the <Counters .../> element over all TRX files.
trx_sum() {
    local attr=$1 f n total=0
    for f in "$RESULTS_DIR"/*.trx; do
        [[ -e $f ]] || continue
        n=$(tr '\n' ' ' <"$f" | grep -o '<Counters [^>]*>' | head -n 1 \
            | grep -o " $attr=\"[0-9]*\"" | grep -o '[0-9]\+' || true)
        total=$((total + ${n:-0}))
    done
    echo "$total"
}

# The census (tests/.../Infrastructure/ServerCensus.cs) in a few lines: its summary, the classes that started the
# most servers, the last memory check, and only the offenders (servers never disposed, disposed servers the collector
# could not free at the last check). Every start and stop stays in the file.
census_summary() {
    local census=$1
    grep '^servers:' "$census" || echo "servers: no summary (the test process did not exit normally)"
    local top
    # awk keeps the first five itself: `head` closing the pipe early could kill `sort` with SIGPIPE, and under
    # pipefail that failed the whole run after every test had passed (exit 141).
    top=$(grep -E '^ *[0-9.]+s cpu .* start #' "$census" | awk '{print $NF}' | sort | uniq -c | sort -rn \
        | awk 'NR <= 5 {printf "%s%s %s", (NR > 1 ? ", " : ""), $2, $1}')
    [[ -n $top ]] && echo "  most servers started by: $top"
    # The last memory check and the servers it found still held (each check lists them all again).
    awk '/^  after a full collection:/ { last = $0; held = ""; next }
         /^    still in memory:/ { held = held "\n" $0; next }
         END { if (last != "") printf "%s%s\n", last, held }' "$census"
    grep '^  never disposed:' "$census" || true
}

# The failed tests, each with the start of its message and stack, from the TRX files: printed last (before the summary
# line) so that a CI log that keeps only its tail still says which test failed and why.
failed_tests() {
    command -v python3 >/dev/null 2>&1 || return 0
    python3 - "$RESULTS_DIR" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
shown = 0
for path in sorted(glob.glob(sys.argv[1] + "/*.trx")):
    for result in ET.parse(path).getroot().iterfind(".//t:UnitTestResult", ns):
        if result.get("outcome") not in ("Failed", "Error", "Timeout", "Aborted"):
            continue
        shown += 1
        if shown > 10:
            continue
        print(f"FAILED {result.get('testName')} ({result.get('duration')})")
        message = result.findtext(".//t:ErrorInfo/t:Message", "", ns).strip().splitlines()
        stack = result.findtext(".//t:ErrorInfo/t:StackTrace", "", ns).strip().splitlines()
        for line in message[:12] + stack[:4]:
            print("    " + line[:400])
if shown > 10:
    print(f"... and {shown - 10} more failed test(s) (the TRX files have them all)")
PY
}

main() {
    cd "$ROOT_DIR"
    ensure_dotnet
    ensure_postgres
    ensure_chromium
    ensure_curl
    ensure_nginx
    start_postgres
    ensure_smtp
    start_smtp

    local rc=0
    run_tests "$@" || rc=$?

    # Stop services now so that nothing is printed after the summary line.
    run_cleanups

    local total passed failed skipped trx_count
    trx_count=$(find "$RESULTS_DIR" -maxdepth 1 -name '*.trx' | wc -l)
    total=$(trx_sum total)
    passed=$(trx_sum passed)
    failed=$(( $(trx_sum failed) + $(trx_sum error) + $(trx_sum timeout) + $(trx_sum aborted) ))
    # xunit's skipped tests are counted in total but not in executed.
    skipped=$(( total - $(trx_sum executed) ))
    log "dotnet test exit code $rc; $trx_count TRX file(s) in ${RESULTS_DIR#"$ROOT_DIR"/}; $total test(s) total"
    # A test server left running (never disposed) fails the run: it kept its database, timers and memory.
    if [[ -f $RESULTS_DIR/server-census.log ]]; then
        census_summary "$RESULTS_DIR/server-census.log" | while IFS= read -r line; do log "$line"; done
        if grep -q '^  never disposed:' "$RESULTS_DIR/server-census.log"; then
            log "error: test servers were never disposed (see above)"
            rc=1
        fi
    fi

    if [[ $failed -gt 0 || $rc -ne 0 ]]; then
        failed_tests | while IFS= read -r line; do log "$line"; done
    fi
    if [[ $rc -eq 0 && $total -eq 0 ]]; then
        log "error: no tests ran"
        rc=1
    fi
    if [[ $rc -eq 0 && $failed -gt 0 ]]; then
        rc=1
    fi
    echo "$passed passed, $failed failed, $skipped skipped"
    return "$rc"
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
    main "$@"
fi
