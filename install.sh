#!/usr/bin/env bash
# Builds kubectl-nks in release mode and installs the plugins (and nks-lab) so that
# `kubectl nks-sync`, `kubectl nks-repull` and `kubectl nks-why-nologs` work, with their
# completion: the kubectl_complete-nks_* executables beside the plugins (kubectl >= 1.26
# runs them on <TAB>) and bash/zsh/fish scripts for the executables called directly.
#
#   ./install.sh [--prefix DIR]      install into DIR/bin and DIR/share (default: $PREFIX or ~/.local)
#   ./install.sh --from-build DIR    install executables already built in DIR (e.g. .build/debug), no build
#   ./install.sh --uninstall [--prefix DIR]
#
# Swift is taken from PATH, else $SWIFT, else a toolchain in a usual place (/opt/swift/usr/bin, …).
# A second run with nothing changed copies nothing.
set -euo pipefail
caller_dir="$PWD"
cd "$(dirname "$0")"

prefix="${PREFIX:-$HOME/.local}"
uninstall=false
from_build=""
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) [ $# -ge 2 ] || { echo "install.sh: --prefix needs a directory" >&2; exit 64; }; prefix="$2"; shift 2 ;;
    --prefix=*) prefix="${1#--prefix=}"; shift ;;
    --from-build) [ $# -ge 2 ] || { echo "install.sh: --from-build needs a directory" >&2; exit 64; }; from_build="$2"; shift 2 ;;
    --from-build=*) from_build="${1#--from-build=}"; shift ;;
    --uninstall) uninstall=true; shift ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install.sh: unknown argument '$1' (see --help)" >&2; exit 64 ;;
  esac
done
# Relative directories are the caller's, not the checkout's.
case "$prefix" in /*) ;; *) prefix="$caller_dir/$prefix" ;; esac
case "$from_build" in ""|/*) ;; *) from_build="$caller_dir/$from_build" ;; esac
bindir="$prefix/bin"
plugins=(kubectl-nks_sync kubectl-nks_repull kubectl-nks_why_nologs)
completers=(kubectl_complete-nks_sync kubectl_complete-nks_repull kubectl_complete-nks_why_nologs)
programs=("${plugins[@]}" "${completers[@]}" nks-lab)
# Completion scripts for the executables called directly, where each shell's loader looks.
scripts=()
for p in "${plugins[@]}"; do
  scripts+=("completions/bash/$p:share/bash-completion/completions/$p")
  scripts+=("completions/zsh/_$p:share/zsh/site-functions/_$p")
  scripts+=("completions/fish/$p.fish:share/fish/vendor_completions.d/$p.fish")
done
# nks-lab's scenarios, where it looks beside its own bin directory.
for f in scenarios/*.yaml; do scripts+=("$f:share/nks-lab/scenarios/${f#scenarios/}"); done

say() { printf 'install.sh: %s\n' "$*"; }
fail() { printf 'install.sh: %s\n' "$*" >&2; exit 1; }

if $uninstall; then
  for p in "${programs[@]}"; do
    if [ -e "$bindir/$p" ]; then rm -f "$bindir/$p"; say "removed $bindir/$p"; fi
  done
  for s in "${scripts[@]}"; do
    target="$prefix/${s#*:}"
    if [ -e "$target" ]; then rm -f "$target"; say "removed $target"; fi
  done
  exit 0
fi

# A new login's PATH may lack the toolchain (e.g. /opt/swift/usr/bin set up for another shell).
find_swift() {
  if [ -n "${SWIFT:-}" ]; then echo "$SWIFT"; return; fi
  command -v swift 2>/dev/null && return
  for candidate in /opt/swift/usr/bin/swift /usr/share/swift/usr/bin/swift /usr/local/swift/usr/bin/swift \
                   "$HOME/.local/share/swiftly/bin/swift" /usr/libexec/swift/*/bin/swift; do
    [ -x "$candidate" ] && { echo "$candidate"; return; }
  done
  return 1
}

if [ -n "$from_build" ]; then
  builddir="$(cd "$from_build" 2>/dev/null && pwd)" || fail "--from-build $from_build: no such directory"
else
  swift="$(find_swift)" || fail "swift not found on PATH nor in /opt/swift/usr/bin, /usr/share/swift/usr/bin or ~/.local/share/swiftly/bin: install a Swift 6 toolchain (https://www.swift.org/install/linux/) and put its usr/bin on PATH, or run SWIFT=/path/to/usr/bin/swift ./install.sh"
  [ -x "$swift" ] || fail "SWIFT=$swift is not an executable; point it at a Swift 6 toolchain's usr/bin/swift"
  case ":$PATH:" in *":$(dirname "$swift"):"*) ;; *) say "using $swift (not on PATH)"; PATH="$(dirname "$swift"):$PATH" ;; esac
fi
command -v kubectl >/dev/null || say "warning: kubectl not found on PATH; the plugins run through kubectl, install it before use"
if [ -z "$from_build" ] && ! pkg-config --exists libgit2 2>/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing libgit2-dev with apt-get"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libgit2-dev >/dev/null \
      || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libgit2-dev >/dev/null; }
  else
    fail "libgit2 not found: install it (Debian/Ubuntu: sudo apt-get install libgit2-dev; Fedora: sudo dnf install libgit2-devel; macOS: brew install libgit2)"
  fi
fi

if [ -z "$from_build" ]; then
  say "building (release; the first build takes several minutes)…"
  log="$(mktemp)"
  trap 'rm -f "$log"' EXIT
  if ! swift build -c release >"$log" 2>&1; then
    grep -E 'error' "$log" | head -20 >&2 || tail -20 "$log" >&2
    fail "release build failed (full log: swift build -c release)"
  fi
  builddir="$(swift build -c release --show-bin-path)"
fi
for p in "${programs[@]}"; do
  [ -x "$builddir/$p" ] || fail "$builddir has no $p; run 'swift build -c release' to see why"
done

# Copies $1 to $2 with mode $3 unless $2 already has that content.
place() {
  if cmp -s "$1" "$2"; then
    say "$2 is up to date"
  else
    mkdir -p "$(dirname "$2")"
    install -m "$3" "$1" "$2.new" && mv -f "$2.new" "$2"
    say "installed $2"
  fi
}
for p in "${programs[@]}"; do place "$builddir/$p" "$bindir/$p" 0755; done
for s in "${scripts[@]}"; do place "${s%%:*}" "$prefix/${s#*:}" 0644; done

on_path=true
case ":$PATH:" in *":$bindir:"*) ;; *) on_path=false ;; esac

if command -v kubectl >/dev/null; then
  if PATH="$bindir:$PATH" kubectl plugin list 2>/dev/null | grep -q "$bindir/kubectl-nks_sync"; then
    say "kubectl sees the plugins: kubectl nks-sync, kubectl nks-repull, kubectl nks-why-nologs"
  else
    say "warning: 'kubectl plugin list' does not show $bindir/kubectl-nks_sync; is $bindir on PATH?"
  fi
fi

say "for 'kubectl nks-sync <TAB>' (kubectl 1.26 or newer), load kubectl's completion in your shell:"
say "  bash:  echo 'source <(kubectl completion bash)' >> ~/.bashrc"
say "  zsh:   echo 'source <(kubectl completion zsh)' >> ~/.zshrc"
say "  fish:  echo 'kubectl completion fish | source' >> ~/.config/fish/config.fish"
say "scripts for kubectl-nks_* called directly are in $prefix/share (bash-completion, zsh site-functions, fish vendor_completions.d)"
if ! $on_path; then
  # A new user's login shell often lacks ~/.local/bin; kubectl finds plugins only on PATH.
  say "$bindir is not on this shell's PATH; until it is, run  $bindir/nks-lab demo"
  say "  add it for this shell:   export PATH=\"$bindir:\$PATH\""
  say "  and for new shells:      echo 'export PATH=\"$bindir:\$PATH\"' >> ~/.bashrc"
fi
