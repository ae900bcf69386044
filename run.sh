#!/usr/bin/env bash
# Runs the whole system on this machine: Redis (AOF on, data in .data/redis, a password from .data/) unless
# ConnectionStrings__Redis is set, the bot with the demo store page, and the handoff dashboard.
# Installs what is missing (Debian's redis-server; npm bundles are built by `dotnet build`).
# Ctrl+C stops everything it started.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)

BOT_PORT=${BOT_PORT:-5000}
DASHBOARD_PORT=${DASHBOARD_PORT:-5100}
HOST=${HOST:-127.0.0.1}
# CHATSUPPORT_DATA moves the local data (Redis, secrets, files) elsewhere, e.g. for the run.sh smoke test.
DATA="${CHATSUPPORT_DATA:-$ROOT/.data}"
mkdir -p "$DATA"

pids=()
cleanup() {
  trap - EXIT INT TERM
  echo
  echo "== stopping"
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

# Local secrets, made once and kept in .data (git-ignored, readable by this user only); override with the environment.
secret() { [ -f "$DATA/$1" ] || (umask 077; head -c 24 /dev/urandom | base64 | tr -d '/+=' > "$DATA/$1"); cat "$DATA/$1"; }

if [ -z "${ConnectionStrings__Redis:-}" ]; then
  if ! command -v redis-server >/dev/null; then
    echo "== installing redis-server"
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq redis-server >/dev/null
  fi
  REDIS_PORT=${REDIS_PORT:-6379}
  if (exec 3<>/dev/tcp/127.0.0.1/$REDIS_PORT) 2>/dev/null; then
    REDIS_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  fi
  mkdir -p "$DATA/redis"
  REDIS_PASSWORD=$(secret redis-password)
  # The password goes in a config file read from stdin, not on the command line (ps would show it).
  echo "== starting redis-server on 127.0.0.1:$REDIS_PORT (AOF in .data/redis, password in .data/redis-password)"
  printf 'requirepass %s\n' "$REDIS_PASSWORD" | redis-server - --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$DATA/redis" \
    --appendonly yes --appendfsync everysec --save "" --loglevel warning &
  pids+=($!)
  export ConnectionStrings__Redis="127.0.0.1:$REDIS_PORT,password=$REDIS_PASSWORD"
fi

export DirectLine__Secret=${DirectLine__Secret:-$(secret directline-secret)}
export Admin__ApiKey=${Admin__ApiKey:-$(secret admin-api-key)}
export Dashboard__BootstrapAdmin__UserName=${Dashboard__BootstrapAdmin__UserName:-admin}
export Dashboard__BootstrapAdmin__Password=${Dashboard__BootstrapAdmin__Password:-$(secret admin-password)}
# Encrypts the dashboard's Data Protection keys (they sign sessions) where they are stored, in Redis.
export DataProtection__KeyEncryptionSecret=${DataProtection__KeyEncryptionSecret:-$(secret dashboard-key-ring-secret)}
export Knowledge__Path=${Knowledge__Path:-$ROOT/knowledge}
# The trained intent model is kept here between starts (retrained only when the corpus or its features change).
export Routing__IntentModelCacheFolder=${Routing__IntentModelCacheFolder:-$DATA/intent-model}
export Bot__AdminBaseUrl=${Bot__AdminBaseUrl:-http://127.0.0.1:$BOT_PORT}
export Bot__AdminApiKey=${Bot__AdminApiKey:-$Admin__ApiKey}
# Shoppers' and agents' files: stored in .data/attachments (or S3 with Attachments__Storage=s3 and Attachments__S3__*); the
# dashboard signs agents' links to them with the bot's key and loads them from the bot.
export Attachments__SigningKey=${Attachments__SigningKey:-$(secret attachment-signing-key)}
export Attachments__Folder=${Attachments__Folder:-$DATA/attachments}
export Attachments__BotPublicUrl=${Attachments__BotPublicUrl:-http://$HOST:$BOT_PORT}

echo "== building (first run also installs the Web Chat and dashboard bundles from npm)"
dotnet build ChatSupport.sln -c Release -nologo -v quiet

# Orders: with a real store connector (Store__ConnectorBaseUrl and Store__ConnectorKey set) both services use it;
# otherwise the bot serves its demo connector over the same contract and the dashboard's order panel reads that.
# Settings for the dashboard alone go in its environment (env below), not on its command line, where ps shows them.
dashboard_env=()
if [ -z "${Store__ConnectorBaseUrl:-}" ]; then
  DEMO_CONNECTOR_KEY=$(secret demo-connector-key)
  dashboard_env=("Store__ConnectorBaseUrl=http://127.0.0.1:$BOT_PORT/demo-store/connector/" "Store__ConnectorKey=$DEMO_CONNECTOR_KEY")
  export Store__DemoConnectorKey=$DEMO_CONNECTOR_KEY
  # The demo store reports its paid orders to the dashboard's signed webhook (sales report), signed with the dashboard's
  # Store:OrderWebhookKey, a different secret from the bot's shopper-identity key (Store:ShopperIdentityKey, unset here for
  # the demo picker). Given to the dashboard alone, in its environment.
  ORDER_WEBHOOK_KEY=$(secret store-order-webhook-key)
  dashboard_env+=("Store__OrderWebhookKey=$ORDER_WEBHOOK_KEY")
  # Demo-only: demo agents and demo chats of the demo shoppers, so the demo orders give per-agent sales figures through the
  # real attribution rule (handoff-dashboard/Sales/DemoSalesSeeder.cs). Off outside this demo configuration.
  dashboard_env+=("Sales__DemoSeed__Enabled=true")
  export Store__DemoOrderWebhookUrl=${Store__DemoOrderWebhookUrl:-http://127.0.0.1:$DASHBOARD_PORT/api/store/orders}
  export Store__DemoOrderWebhookKey=$ORDER_WEBHOOK_KEY
fi

echo "== starting the bot and the dashboard"
dotnet bot/bin/Release/net10.0/ChatSupport.Bot.dll --urls "http://$HOST:$BOT_PORT" &
pids+=($!)
env "${dashboard_env[@]}" dotnet handoff-dashboard/bin/Release/net10.0/ChatSupport.HandoffDashboard.dll --urls "http://$HOST:$DASHBOARD_PORT" &
pids+=($!)

# Ready means 200 from /readyz: not a redirect (curl -f alone takes a 302 for success) and not 503 (Redis down).
wait_ready() {
  for _ in $(seq 1 120); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$1/readyz" 2>/dev/null)" = "200" ] && return 0
    sleep 0.5
  done
  echo "!! $1 did not become ready" >&2
  return 1
}
wait_ready "http://127.0.0.1:$BOT_PORT"
wait_ready "http://127.0.0.1:$DASHBOARD_PORT"

cat <<EOF2

==============================================================
 ChatSupport is running
   Store page with the chat (shoppers):  http://$HOST:$BOT_PORT/
   Agent dashboard:                      http://$HOST:$DASHBOARD_PORT/
     sign in as $Dashboard__BootstrapAdmin__UserName / $Dashboard__BootstrapAdmin__Password
   Bot endpoint (Emulator, Azure):       http://$HOST:$BOT_PORT/api/messages
   Bot admin API key (X-Admin-Key):      $Admin__ApiKey
   Redis:                                ${ConnectionStrings__Redis%%,password=*} (password in .data/redis-password)
 Press Ctrl+C to stop.
==============================================================
EOF2
wait -n "${pids[@]}"
