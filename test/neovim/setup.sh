#!/usr/bin/env bash
# Installs Debian's Neovim for the Neovim suite when no Neovim 0.7 or later is on PATH. Safe to run again.
set -euo pipefail
say() { echo "[neovim setup] $*"; }

usable() {
  command -v nvim >/dev/null 2>&1 &&
    nvim --headless -u NONE -i NONE -n -c 'lua if vim.fn.has("nvim-0.7") == 1 then vim.cmd("qa!") else vim.cmd("cquit") end' >/dev/null 2>&1
}

if usable; then
  say "$(nvim --version | head -n 1) found"
  exit 0
fi
say "installing Debian's neovim"
export DEBIAN_FRONTEND=noninteractive
sudo=()
[[ $(id -u) -ne 0 ]] && command -v sudo >/dev/null 2>&1 && sudo=(sudo)
"${sudo[@]}" apt-get update -qq || { echo "[neovim setup] cannot install neovim: apt-get update failed" >&2; exit 1; }
"${sudo[@]}" apt-get install -y -qq --no-install-recommends neovim >/dev/null ||
  { echo "[neovim setup] cannot install neovim: apt-get install failed" >&2; exit 1; }
usable || { echo "[neovim setup] the installed nvim is older than 0.7 or does not start" >&2; exit 1; }
say "$(nvim --version | head -n 1) installed"
