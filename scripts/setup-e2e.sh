#!/usr/bin/env bash
# Installs what the end-to-end suites need, from the registries only:
#   - Debian: chromium (driven by playwright-core), neovim (second LSP client),
#     ripgrep (see below), and the packages code-server's native modules build with.
#   - npm: code-server, pinned, into a private prefix $REPO/.e2e/code-server
#     (git-ignored; never into the project's node_modules).
#
# Idempotent: finished steps are skipped (a marker file per code-server version).
# Runs unattended as root in CI (CI=true, no stdin). Re-run with FORCE=1 to reinstall.
# Takes about 1 minute from scratch (apt ~16 s, code-server ~40 s); 0 s when done.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
E2E_DIR="$REPO/.e2e"
PREFIX="$E2E_DIR/code-server"

# code-server 4.100.3 (VS Code 1.100.3) is the newest release for Node 20;
# 4.101+ needs Node 22. Its lib/vscode/npm-shrinkwrap.json pins @vscode/ripgrep
# 1.15.11, whose postinstall (lib/postinstall.js, lib/download.js) wants
# $TMPDIR/vscode-ripgrep-cache-1.15.11/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz
# and otherwise downloads it from GitHub, which is unreachable here. The archive
# only has to hold an executable `rg` at its top level: we build it from Debian's.
CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.100.3}"
RIPGREP_NPM_VERSION="1.15.11"
RIPGREP_TAG="v13.0.0-10"

APT_PACKAGES=(
  chromium                 # browser for the workbench suite (playwright-core drives it)
  fonts-dejavu-core        # chromium does not depend on any font; screenshots need one
  neovim                   # second LSP client (0.7.2 on bookworm)
  ripgrep                  # seeds @vscode/ripgrep's download cache (below)
  build-essential python3  # node-gyp: node-pty, @vscode/spdlog, native-watchdog, kerberos, argon2
  libkrb5-dev              # kerberos (-lkrb5 -lgssapi_krb5)
)
# Not needed by 4.100.3 (checked: no binding.gyp of its tree uses them; its VS Code
# has no native-keymap or keytar): pkg-config libx11-dev libxkbfile-dev libsecret-1-dev.

log() { printf '[setup-e2e] %s\n' "$*"; }
start_all=$(date +%s)

# ---------------------------------------------------------------- Debian ---
missing=()
for p in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if ((${#missing[@]})); then
  log "apt: installing ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || { log "need root (or sudo) to install: ${missing[*]}"; exit 1; }
    SUDO="sudo -n"
  fi
  t=$(date +%s)
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
  log "apt: done in $(( $(date +%s) - t ))s"
else
  log "apt: all packages present"
fi

# ----------------------------------------------------------- code-server ---
MARKER="$PREFIX/.installed-$CODE_SERVER_VERSION"
CODE_SERVER_BIN="$PREFIX/node_modules/.bin/code-server"

if [ -z "${FORCE:-}" ] && [ -f "$MARKER" ] && [ -x "$CODE_SERVER_BIN" ]; then
  log "code-server $CODE_SERVER_VERSION: already installed in $PREFIX"
else
  node_major="$(node -p 'process.versions.node.split(".")[0]')"
  if [ "$node_major" != 20 ]; then
    log "warning: code-server $CODE_SERVER_VERSION's postinstall requires Node 20; this is Node $node_major"
  fi
  t=$(date +%s)
  rm -rf "$PREFIX"
  mkdir -p "$PREFIX"
  # A private TMPDIR for the install: holds the ripgrep cache and node-gyp's scratch files.
  INSTALL_TMP="$E2E_DIR/install-tmp"
  rm -rf "$INSTALL_TMP"
  mkdir -p "$INSTALL_TMP/vscode-ripgrep-cache-$RIPGREP_NPM_VERSION" "$INSTALL_TMP/rg-src"
  cp "$(command -v rg)" "$INSTALL_TMP/rg-src/rg"
  chmod 755 "$INSTALL_TMP/rg-src/rg"
  tar -czf "$INSTALL_TMP/vscode-ripgrep-cache-$RIPGREP_NPM_VERSION/ripgrep-$RIPGREP_TAG-x86_64-unknown-linux-musl.tar.gz" \
    -C "$INSTALL_TMP/rg-src" rg

  # Node headers for node-gyp come from Debian's nodejs (/usr/include/node), so
  # node-gyp never tries to download them.
  if [ -f /usr/include/node/node.h ]; then export npm_config_nodedir=/usr; fi

  # A private npm project (not --global: npm exports --global/--prefix to the
  # nested `npm install` that code-server's postinstall runs, which breaks it).
  cat > "$PREFIX/package.json" <<JSON
{
  "name": "fact-notes-e2e-code-server",
  "private": true,
  "description": "code-server for the Fact Notes end-to-end suites (installed by scripts/setup-e2e.sh)",
  "dependencies": { "code-server": "$CODE_SERVER_VERSION" },
  "allowScripts": { "code-server": true, "argon2": true }
}
JSON

  log "npm: installing code-server@$CODE_SERVER_VERSION into $PREFIX"
  # unsafe_perm: code-server's postinstall.sh refuses to run as root without it.
  # yes: node-pty's install runs `npx node-gyp`; this machine's npmrc says yes=false.
  # The postinstall then runs `npm install --omit=dev` in lib/vscode and
  # lib/vscode/extensions (native modules are built there). npm 11 runs those
  # nested install scripts with an advisory warning ("not yet covered by
  # allowScripts"); the checks below fail loudly should a future npm skip them.
  ( cd "$PREFIX" && \
    TMPDIR="$INSTALL_TMP" \
    npm_config_unsafe_perm=true \
    npm_config_yes=true \
    npm_config_update_notifier=false \
    npm_config_fund=false \
    npm_config_audit=false \
      npm install --foreground-scripts --no-package-lock --omit=dev ) \
      > "$E2E_DIR/code-server-install.log" 2>&1 || {
        grep -v TAR_ENTRY_ERROR "$E2E_DIR/code-server-install.log" | tail -n 60
        log "npm install of code-server failed; full log: $E2E_DIR/code-server-install.log"
        exit 1
      }

  pkgdir="$PREFIX/node_modules/code-server"
  rg_bin="$pkgdir/lib/vscode/node_modules/@vscode/ripgrep/bin/rg"
  [ -x "$rg_bin" ] || { log "ripgrep binary missing at $rg_bin (see $E2E_DIR/code-server-install.log)"; exit 1; }
  rg_ver="$(node -p "require('$pkgdir/lib/vscode/node_modules/@vscode/ripgrep/package.json').version")"
  [ "$rg_ver" = "$RIPGREP_NPM_VERSION" ] || log "warning: @vscode/ripgrep is $rg_ver, expected $RIPGREP_NPM_VERSION"
  for m in lib/vscode/node_modules/node-pty lib/vscode/node_modules/@vscode/spdlog \
           lib/vscode/node_modules/native-watchdog lib/vscode/node_modules/kerberos; do
    ls "$pkgdir/$m"/build/Release/*.node >/dev/null 2>&1 || { log "native module $m was not built (see $E2E_DIR/code-server-install.log)"; exit 1; }
  done

  # Any start, even --version, writes under XDG folders: keep them private.
  xdg="$INSTALL_TMP/xdg"
  mkdir -p "$xdg/config" "$xdg/data"
  v="$(XDG_CONFIG_HOME="$xdg/config" XDG_DATA_HOME="$xdg/data" "$CODE_SERVER_BIN" --version 2>/dev/null | tail -n 1)"
  log "installed: code-server $v"
  rm -rf "$INSTALL_TMP"
  echo "$CODE_SERVER_VERSION $(date -u +%FT%TZ)" > "$MARKER"
  log "code-server: done in $(( $(date +%s) - t ))s"
fi

log "all done in $(( $(date +%s) - start_all ))s (code-server: $CODE_SERVER_BIN, chromium: $(command -v chromium), nvim: $(command -v nvim))"
