#!/usr/bin/env bash
# The whole test suite: unit tests, the lab integration tests (real sshd nodes, real
# kubectl against the lab's API server), and the CLI checks of the installed plugins.
# Integration tests need root (mount namespaces, sshd); without root they are skipped
# with a notice, except when CI=true, where that is a failure.
set -euo pipefail
cd "$(dirname "$0")/.."

swift build --build-tests
swift test --skip-build
