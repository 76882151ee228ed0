#!/usr/bin/env bash
# The API answers what its OpenAPI document describes: schemathesis with all checks, anonymously and
# with an administrator's token, against a fresh demo database. Usage: .ci/api_contract.sh BIN [EXAMPLES]
set -euo pipefail
bin=$(realpath "$1")
examples=${2:-40}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
port=${API_CONTRACT_PORT:-8097}
cd "$work"
"$bin" demo >/dev/null
"$bin" serve --port "$port" >server.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 1; done
base="http://127.0.0.1:$port"
schema="$base/api/v1/openapi.json"
token=$(curl -sf -X POST "$base/api/v1/tokens" -H 'content-type: application/json' \
  -d '{"email":"admin@praktika.local","password":"praktika-demo","label":"schemathesis"}' \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
# One worker: with two, CPython 3.11's parser (which Hypothesis calls to describe strategies)
# sometimes fails across threads ("AST constructor recursion depth mismatch").
common=(--checks all --max-examples "$examples" --seed "${API_CONTRACT_SEED:-20261203}"
  --workers 1 --no-color --suppress-health-check all)
status=0
echo "-- anonymous"
st --config-file "$here/schemathesis.toml" run "$schema" "${common[@]}" || status=1
# The operations on one meeting and one design, with the demo's own ids, so that they reach their
# rules instead of "not found": the demo meeting (its first session, item, participant and form)
# and the demo practice that has surveys. Deleting the meeting or the design itself is left to the
# runs below, where the ids are generated; so are the stateful scenarios, whose links would
# otherwise be overridden by these fixed ids.
fixed() { # name, path regex, id, sub, token
  { cat "$here/schemathesis.toml"; printf '\n[parameters]\n"path.id" = %s\n"path.sub" = %s\n"path.token" = "%s"\n' "$3" "$4" "$5"; } >"$1.toml"
  echo "-- administrator, $1"
  st --config-file "$1.toml" run "$schema" "${common[@]}" -H "Authorization: Bearer $token" \
    --phases coverage,fuzzing --include-path-regex "$2" --exclude-name-regex '^DELETE /api/v1/(meetings|services)/\{id\}$' || status=1
}
auth=(-H "Authorization: Bearer $token")
form_token=$(curl -sf "${auth[@]}" "$base/api/v1/meetings/1/feedback" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["answer_url"].rsplit("/", 1)[1])')
practice=$(curl -sf "$base/api/v1/practices" | python3 -c '
import json, sys, urllib.request
for item in json.load(sys.stdin)["items"]:
    print(item["id"]); break')
survey_token=$(curl -sf "${auth[@]}" "$base/api/v1/services/$practice/outcomes" \
  | python3 -c 'import json,sys; s=json.load(sys.stdin)["surveys"]; print(s[0]["answer_url"].rsplit("/", 1)[1] if s else "none")')
fixed meeting '^/api/v1/(meetings/\{id\}|feedback)/' 1 1 "$form_token"
fixed practice '^/api/v1/(services/\{id\}|practices/\{id\}|surveys)' "$practice" 1 "$survey_token"
echo "-- administrator"
# Revoking tokens would end this run's own token: those two operations run anonymously above.
st --config-file "$here/schemathesis.toml" run "$schema" "${common[@]}" -H "Authorization: Bearer $token" \
  --exclude-path-regex '^/api/v1/tokens/' || status=1
if grep -q "Fatal error\|panicked" server.log; then echo "the server logged a fatal error"; status=1; fi
# A server that stopped answering shows why (its crash report), before the work directory goes.
if ! kill -0 "$server" 2>/dev/null; then echo "the server stopped; the end of its log:"; grep -A40 "crashed:" server.log | head -60; status=1; fi
exit $status
