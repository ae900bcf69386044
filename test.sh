#!/usr/bin/env bash
# Runs every test: unit, integration (real redis-server + Kestrel on 127.0.0.1), the Node
# botframework-directlinejs test and the headless-Chromium browser tests.
# Installs what is missing on a fresh Debian machine first.
set -euo pipefail
cd "$(dirname "$0")"

need_apt=()
command -v redis-server >/dev/null || need_apt+=(redis-server)
command -v chromium >/dev/null || need_apt+=(chromium)
dpkg -s fonts-wqy-microhei >/dev/null 2>&1 || need_apt+=(fonts-wqy-microhei)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "== installing ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

# s3rver (an S3-compatible server on loopback) for the bot's S3 attachment storage test; the test installs it too when missing.
if [ -f tests/s3rver/package.json ]; then
  (cd tests/s3rver && npm ci --no-audit --no-fund --loglevel=error)
fi

echo "== building"
dotnet build ChatSupport.sln -c Release -nologo -v quiet

# The .NET suite runs on one redis-server by default. CHATSUPPORT_TEST_REDIS=cluster runs it on a three-master
# Redis Cluster on loopback instead, and =both runs both (tests/TestSupport/RedisServer.cs starts whichever is named).
# The cluster pass is not part of the default run yet: the whole suite has not been seen passing on a cluster.
topologies=(single)
[ "${CHATSUPPORT_TEST_REDIS:-}" = both ] && CHATSUPPORT_TEST_REDIS="" && topologies=(single cluster)
[ -n "${CHATSUPPORT_TEST_REDIS:-}" ] && topologies=("$CHATSUPPORT_TEST_REDIS")
for topology in "${topologies[@]}"; do
  echo "== dotnet tests on Redis: $topology"
  started=$SECONDS
  CHATSUPPORT_TEST_REDIS=$topology dotnet test ChatSupport.sln -c Release --no-build -nologo --logger "console;verbosity=normal" "$@"
  echo "== dotnet tests on Redis $topology took $((SECONDS - started)) s"
done

if [ -f tests/node-directline/package.json ]; then
  # The Node client test starts its own single redis-server: it checks the Direct Line wire, not Redis.
  echo "== node botframework-directlinejs test"
  (cd tests/node-directline && npm ci --no-audit --no-fund --loglevel=error && node --test)
fi
echo "== all tests passed"
