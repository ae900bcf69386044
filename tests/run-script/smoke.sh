#!/usr/bin/env bash
# Smoke test of ./run.sh, the README's "run the whole system" command, as a new user runs it: it must start Redis with a
# password it generated, build, start both services and print the URLs; then a shopper chats through the store page's
# Direct Line and an admin signs in to the dashboard with the printed password. Stopping run.sh must stop everything.
# Its own data folder and free ports, so it runs beside a developer's ./run.sh. Called by test.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
fail() { echo "!! run.sh smoke test: $*" >&2; [ -f "$work/run.log" ] && tail -40 "$work/run.log" >&2; exit 1; }

work=$(mktemp -d)
bot_port=$(free_port); dashboard_port=$(free_port); redis_port=$(free_port)
run_pid=""
stop_run() {
  if [ -n "$run_pid" ] && kill -0 "$run_pid" 2>/dev/null; then
    kill -TERM "$run_pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$run_pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL -- "-$run_pid" 2>/dev/null || true
  fi
}
trap 'stop_run; rm -rf "$work"' EXIT

# A clean environment for run.sh: nothing the developer's shell exports (a Redis connection string, secrets) leaks in.
# setsid gives run.sh its own process group, so a failure here can stop all of it.
env -i PATH="$PATH" HOME="$HOME" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 \
  CHATSUPPORT_DATA="$work/data" BOT_PORT="$bot_port" DASHBOARD_PORT="$dashboard_port" REDIS_PORT="$redis_port" \
  setsid ./run.sh > "$work/run.log" 2>&1 &
run_pid=$!

for _ in $(seq 1 1200); do
  grep -q "ChatSupport is running" "$work/run.log" 2>/dev/null && break
  kill -0 "$run_pid" 2>/dev/null || fail "run.sh exited before printing the URLs"
  sleep 0.5
done
grep -q "ChatSupport is running" "$work/run.log" || fail "no 'ChatSupport is running' banner within 600 s (run.sh builds first)"
grep -q "http://127.0.0.1:$bot_port/" "$work/run.log" || fail "the banner does not name the store page URL"
grep -q "http://127.0.0.1:$dashboard_port/" "$work/run.log" || fail "the banner does not name the dashboard URL"

# Redis: a generated password, readable by this user only, required by the server, never on a command line.
password_file="$work/data/redis-password"
[ -s "$password_file" ] || fail "no generated Redis password in the data folder"
[ "$(stat -c %a "$password_file")" = 600 ] || fail "the Redis password file is not private (mode $(stat -c %a "$password_file"))"
password=$(cat "$password_file")
answer=$(redis-cli -h 127.0.0.1 -p "$redis_port" --no-auth-warning PING 2>&1 || true)
case "$answer" in *NOAUTH*) ;; *) fail "Redis answered PING without a password: $answer" ;; esac
[ "$(redis-cli -h 127.0.0.1 -p "$redis_port" --no-auth-warning -a "$password" PING)" = PONG ] || fail "Redis refuses the generated password"
for secret_file in "$work"/data/*; do
  [ -f "$secret_file" ] || continue
  value=$(cat "$secret_file")
  [ ${#value} -ge 16 ] || continue
  if ps -eo args= | grep -F -- "$value" | grep -vq grep; then fail "the secret $(basename "$secret_file") is on a command line"; fi
done

admin_password=$(cat "$work/data/admin-password")
python3 - "$bot_port" "$dashboard_port" "$admin_password" <<'PY' || fail "the shopper or admin check failed (above)"
import json, sys, time, urllib.request, http.cookiejar
bot, dashboard, password = f"http://127.0.0.1:{sys.argv[1]}", f"http://127.0.0.1:{sys.argv[2]}", sys.argv[3]

def call(url, body=None, token=None, opener=urllib.request.build_opener()):
    request = urllib.request.Request(url, data=None if body is None else json.dumps(body).encode(), method="GET" if body is None else "POST")
    request.add_header("Content-Type", "application/json")
    if token: request.add_header("Authorization", "Bearer " + token)
    with opener.open(request, timeout=30) as response:
        return json.loads(response.read() or b"null")

# The store page and its token, then a shopper's question through Direct Line, answered by the bot from knowledge/.
with urllib.request.urlopen(bot + "/", timeout=30) as page:
    assert page.status == 200 and b"webchat" in page.read().lower(), "the store page has no Web Chat"
issued = call(bot + "/api/store/chat-token", {})
token = issued["token"]
conversation = call(bot + "/v3/directline/conversations", {}, token)["conversationId"]
posted = call(f"{bot}/v3/directline/conversations/{conversation}/activities",
              {"type": "message", "from": {"id": "smoke-shopper"}, "text": "你们发什么快递？", "locale": "zh-CN"}, token)["id"]
deadline, replies = time.time() + 30, []
while time.time() < deadline and not replies:
    activities = call(f"{bot}/v3/directline/conversations/{conversation}/activities", None, token)["activities"]
    replies = [a for a in activities if a.get("type") == "message" and a.get("replyToId") == posted and a.get("text")]
    time.sleep(0.3)
assert replies, "the bot did not answer the shopper's question within 30 s"
print("shopper got:", replies[0]["text"][:60].replace("\n", " "))

# The dashboard: the printed admin password signs in, and the signed-in user is the admin.
jar = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
signed_in = call(dashboard + "/api/auth/login", {"userName": "admin", "password": password}, opener=jar)
me = call(dashboard + "/api/auth/me", opener=jar)
assert me["userName"] == "admin", me
print("dashboard signed in as", me["userName"], "roles", me["roles"])
PY

# Stopping run.sh stops everything it started: Redis and both services let go of their ports. (SIGTERM takes the
# same trap as Ctrl+C's SIGINT, which a shell ignores in a job it started in the background.)
kill -TERM "$run_pid"
for _ in $(seq 1 60); do kill -0 "$run_pid" 2>/dev/null || break; sleep 0.5; done
kill -0 "$run_pid" 2>/dev/null && fail "run.sh still runs 30 s after SIGTERM"
for port in "$redis_port" "$bot_port" "$dashboard_port"; do
  for _ in $(seq 1 20); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || continue 2; sleep 0.5; done
  fail "port $port is still open after run.sh stopped"
done
echo "run.sh smoke test passed (bot :$bot_port, dashboard :$dashboard_port, redis :$redis_port with a password)"
