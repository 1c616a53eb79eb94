#!/usr/bin/env bash
# What the operator-CLI tests need on a fresh machine: /usr/bin/python3 drives
# `dispatchd status --watch` in a real pseudo-terminal (scripts/watch-pty.py, called from
# OperatorCLITests). Runs as root, no stdin.
set -euo pipefail
if [ ! -x /usr/bin/python3 ]; then
  echo "== installing python3 (for the status --watch pty test)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-minimal
fi
