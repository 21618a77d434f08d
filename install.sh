#!/usr/bin/env bash
# Builds kubectl-nks in release mode and installs the plugins (and nks-lab) so that
# `kubectl nks-sync`, `kubectl nks-repull` and `kubectl nks-why-nologs` work.
#
#   ./install.sh [--prefix DIR]      install into DIR/bin (default: $PREFIX or ~/.local)
#   ./install.sh --uninstall [--prefix DIR]
#
# A second run with nothing changed copies nothing.
set -euo pipefail
cd "$(dirname "$0")"

prefix="${PREFIX:-$HOME/.local}"
uninstall=false
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) [ $# -ge 2 ] || { echo "install.sh: --prefix needs a directory" >&2; exit 64; }; prefix="$2"; shift 2 ;;
    --prefix=*) prefix="${1#--prefix=}"; shift ;;
    --uninstall) uninstall=true; shift ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install.sh: unknown argument '$1' (see --help)" >&2; exit 64 ;;
  esac
done
bindir="$prefix/bin"
programs=(kubectl-nks_sync kubectl-nks_repull kubectl-nks_why_nologs nks-lab)

say() { printf 'install.sh: %s\n' "$*"; }
fail() { printf 'install.sh: %s\n' "$*" >&2; exit 1; }

if $uninstall; then
  for p in "${programs[@]}"; do
    if [ -e "$bindir/$p" ]; then rm -f "$bindir/$p"; say "removed $bindir/$p"; fi
  done
  exit 0
fi

command -v swift >/dev/null || fail "swift not found: install a Swift 6 toolchain from swift.org and put it on PATH"
command -v kubectl >/dev/null || say "warning: kubectl not found on PATH; the plugins run through kubectl, install it before use"
if ! pkg-config --exists libgit2 2>/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing libgit2-dev with apt-get"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libgit2-dev >/dev/null \
      || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libgit2-dev >/dev/null; }
  else
    fail "libgit2 not found: install it (Debian/Ubuntu: sudo apt-get install libgit2-dev; Fedora: sudo dnf install libgit2-devel; macOS: brew install libgit2)"
  fi
fi

say "building (release)…"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
if ! swift build -c release >"$log" 2>&1; then
  grep -E 'error' "$log" | head -20 >&2 || tail -20 "$log" >&2
  fail "release build failed (full log: swift build -c release)"
fi
builddir="$(swift build -c release --show-bin-path)"
for p in "${programs[@]}"; do
  [ -x "$builddir/$p" ] || fail "build did not produce $p; run 'swift build -c release' to see why"
done

mkdir -p "$bindir"
for p in "${programs[@]}"; do
  if cmp -s "$builddir/$p" "$bindir/$p"; then
    say "$bindir/$p is up to date"
  else
    install -m 0755 "$builddir/$p" "$bindir/$p.new" && mv -f "$bindir/$p.new" "$bindir/$p"
    say "installed $bindir/$p"
  fi
done

case ":$PATH:" in
  *":$bindir:"*) ;;
  *) say "warning: $bindir is not on PATH; add it, e.g.  export PATH=\"$bindir:\$PATH\"" ;;
esac

if command -v kubectl >/dev/null; then
  if PATH="$bindir:$PATH" kubectl plugin list 2>/dev/null | grep -q "$bindir/kubectl-nks_sync"; then
    say "kubectl sees the plugins: kubectl nks-sync, kubectl nks-repull, kubectl nks-why-nologs"
  else
    say "warning: 'kubectl plugin list' does not show $bindir/kubectl-nks_sync; is $bindir on PATH?"
  fi
fi
