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

# The .NET suite runs twice: on one redis-server, then on a three-master Redis Cluster on loopback
# (tests/TestSupport/RedisServer.cs starts whichever is named). CHATSUPPORT_TEST_REDIS=single or =cluster runs one of
# them only; =both (or unset) runs both. Anything else is refused here rather than by every test.
case "${CHATSUPPORT_TEST_REDIS:-both}" in
  both) topologies=(single cluster) ;;
  single|cluster) topologies=("$CHATSUPPORT_TEST_REDIS") ;;
  *) echo "CHATSUPPORT_TEST_REDIS=$CHATSUPPORT_TEST_REDIS: expected single, cluster or both" >&2; exit 2 ;;
esac

# One test project at a time: run together on two cores, the browser and chaos tests' timings stretched until they failed.
# A failing project does not stop the others; every failure is listed again at the very end, where CI shows it.
failures=()
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
run_step() { # name, command...
  local name=$1; shift
  local started=$SECONDS log="$logs/$(echo "$name" | tr -c 'A-Za-z0-9' _).log"
  echo "== $name"
  if "$@" 2>&1 | tee "$log"; then
    echo "== $name passed in $((SECONDS - started)) s"
  else
    echo "== $name FAILED in $((SECONDS - started)) s"
    local failed
    # Each failed test with its error message and the top of its stack, so a failure seen only in CI can be read there.
    failed=$(awk '
      /^[[:space:]]+Failed [^ ]+ \[[0-9]/ || /^not ok / || /^!! / { shown++; if (shown > 20) exit; print; block = 1; lines = 0; next }
      block && /^[[:space:]]+(Passed|Failed|Skipped) [^ ]+ \[/ { block = 0 }
      block && lines < 14 { print; lines++ }
    ' "$log" | sed -E 's/^\s+/  /' || true)
    failures+=("$name${failed:+:$'\n'$failed}")
  fi
}

for topology in "${topologies[@]}"; do
  for project in tests/*/*.Tests.csproj; do
    run_step "$(basename "$project" .csproj) on Redis $topology" \
      env CHATSUPPORT_TEST_REDIS="$topology" dotnet test "$project" -c Release --no-build -nologo --logger "console;verbosity=normal" "$@"
  done
done

if [ -f tests/node-directline/package.json ]; then
  # The Node client test starts its own single redis-server: it checks the Direct Line wire, not Redis.
  run_step "node botframework-directlinejs test" \
    bash -c 'cd tests/node-directline && npm ci --no-audit --no-fund --loglevel=error && node --test'
fi

# The README's other command: ./run.sh on free ports with its own data folder, checked as a new user would use it.
run_step "run.sh smoke test" bash tests/run-script/smoke.sh

if [ ${#failures[@]} -gt 0 ]; then
  echo
  echo "== FAILED (${#failures[@]}):"
  printf '%s\n' "${failures[@]}"
  exit 1
fi
echo "== all tests passed"
