#!/usr/bin/env bash
# Installs the packages of the accuracy corpus (corpus.json beside this script), cold and idempotently:
#  - Debian's python3-*, ruby-* and librust-*-dev packages named in the corpus (apt-get install);
#  - the upstream trees of the corpus's Go modules, from Debian's golang-* source packages (apt-get source:
#    the golang-*-dev packages ship no licence files), unpacked from their .orig tarballs;
#  - the corpus's npm packages, at their recorded versions, into a project in the cache folder;
#  - the tools the figures are compared with: license-checker-rseidelsohn (npm) into its own folder, and
#    Debian's ruby-license-finder (LicenseFinder) for the gems.
# Everything but the apt packages goes to ${OSPO_BENCH_CACHE:-~/.cache/ospo-guide-bench}.
# Needs root (or sudo) for apt; a deb-src entry for Debian's archive is added when none is configured.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
corpus="$here/corpus.json"
cache="${OSPO_BENCH_CACHE:-$HOME/.cache/ospo-guide-bench}"
mkdir -p "$cache"

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then sudo_cmd=(sudo); else echo "setup: apt-get needs root or sudo" >&2; exit 1; fi
fi
apt_get() { DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get "$@"; }

# One corpus field per line, for an ecosystem (jq-free: node is there anyway).
field() { node -e '
  const [eco, key] = process.argv.slice(1);
  for (const p of require(process.argv[3]).packages) if (p.ecosystem === eco && p[key] !== undefined) console.log(p[key]);
' "$1" "$2" "$corpus"; }

# --- Debian binary packages: PyPI, RubyGems and Cargo entries, the venv module, LicenseFinder ------------------------
wanted=(python3-venv ruby-license-finder $(field pypi debianPackage) $(field gem debianPackage) $(field cargo debianPackage))
# One dpkg-query for all of them: it prints the installed ones and complains about the others.
installed="$(dpkg-query -W -f='${Package} ${Status}\n' "${wanted[@]}" 2>/dev/null | awk '$4 == "installed" { print $1 }' || true)"
missing=()
for pkg in $(printf '%s\n' "${wanted[@]}" | sort -u); do
  grep -qxF "$pkg" <<<"$installed" || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing ${#missing[@]} Debian package(s)"
  apt_get update -qq
  apt_get install -y -qq --no-install-recommends "${missing[@]}"
fi

# --- Go modules: upstream trees from Debian source packages ---------------------------------------------
src_dir="$cache/debian-src"
mkdir -p "$src_dir/x"
go_missing=()
while IFS=' ' read -r src ver; do
  [ -d "$src_dir/x/$src" ] || go_missing+=("$src=$ver")
done < <(node -e '
  for (const p of require(process.argv[1]).packages) if (p.ecosystem === "golang") console.log(p.debianSource + " " + p.debianVersion);
' "$corpus")
if [ "${#go_missing[@]}" -gt 0 ]; then
  if ! apt-get source --print-uris "${go_missing[0]}" >/dev/null 2>&1; then
    codename="$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")"
    echo "setup: adding a deb-src entry for Debian $codename (apt-get source needs one)"
    # The archive this machine already installs from: the first URI of its own Debian sources.
    archive="$(grep -hoE '^(URIs:[[:space:]]*|deb[[:space:]]+(\[[^]]*\][[:space:]]+)?)[a-z]+://[^[:space:]]+' /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null |
      grep -oE '[a-z]+://[^[:space:]]+' | grep -v -- '-security' | head -n1 || true)"
    [ -n "$archive" ] || { echo "setup: no Debian archive is configured for apt" >&2; exit 1; }
    printf 'Types: deb-src\nURIs: %s\nSuites: %s\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' "$archive" "$codename" |
      "${sudo_cmd[@]}" tee /etc/apt/sources.list.d/ospo-guide-bench-src.sources >/dev/null
    apt_get update -qq
  fi
  echo "setup: fetching ${#go_missing[@]} Go source package(s)"
  for spec in "${go_missing[@]}"; do
    src="${spec%%=*}"
    (cd "$src_dir" && apt-get source --download-only -qq "$spec" >/dev/null 2>&1) || true
    orig="$(ls "$src_dir/${src}_"*.orig.tar.* 2>/dev/null | grep -v '\.asc$' | head -n1 || true)"
    if [ -z "$orig" ]; then
      echo "setup: could not fetch the source of $spec; it will be reported as not installed" >&2
      continue
    fi
    mkdir -p "$src_dir/x/$src.partial"
    tar -xf "$orig" -C "$src_dir/x/$src.partial" --strip-components=1
    mv "$src_dir/x/$src.partial" "$src_dir/x/$src"
  done
fi

# --- npm packages at their recorded versions ------------------------------------------------------------
npm_dir="$cache/npm"
mkdir -p "$npm_dir"
node -e '
  const fs = require("fs");
  const dependencies = {};
  for (const p of require(process.argv[1]).packages) if (p.ecosystem === "npm") dependencies[p.name] = p.version;
  const manifest = JSON.stringify({ name: "ospo-guide-accuracy-npm", private: true, dependencies }, null, 2) + "\n";
  const file = process.argv[2] + "/package.json";
  if (!fs.existsSync(file) || fs.readFileSync(file, "utf8") !== manifest) fs.writeFileSync(file, manifest);
' "$corpus" "$npm_dir"
if ! node -e '
  const path = require("path");
  const deps = require(process.argv[1] + "/package.json").dependencies;
  for (const [name, version] of Object.entries(deps)) {
    if (require(path.join(process.argv[1], "node_modules", name, "package.json")).version !== version) process.exit(1);
  }
' "$npm_dir" 2>/dev/null; then
  echo "setup: npm install in $npm_dir"
  # No install scripts: only the installed metadata matters, and some packages download binaries.
  (cd "$npm_dir" && npm install --ignore-scripts --no-audit --no-fund --omit=optional --loglevel=error)
fi

# --- the tool a user would pick for npm -----------------------------------------------------------------
tools_dir="$cache/tools"
if [ ! -x "$tools_dir/node_modules/.bin/license-checker-rseidelsohn" ]; then
  mkdir -p "$tools_dir"
  [ -f "$tools_dir/package.json" ] || echo '{"name":"ospo-guide-bench-tools","private":true}' >"$tools_dir/package.json"
  (cd "$tools_dir" && npm install --no-audit --no-fund --loglevel=error license-checker-rseidelsohn@4) || echo "setup: license-checker-rseidelsohn not installed; the side-by-side column is skipped" >&2
fi
echo "setup: accuracy corpus ready in $cache"
