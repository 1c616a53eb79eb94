#!/bin/sh
# CI for the duty-room console (issue 11, SPEC §17):
#  1. installs what a fresh machine lacks: Debian's chromium, chromium-driver, prometheus
#     (promtool) and fonts-noto-cjk (Chinese in the screenshot); Selenium from PyPI;
#  2. the console's HTTP tests again, now with promtool present (`promtool check metrics`);
#  3. `promtool check rules` on the shipped alerting rules;
#  4. the unit: systemd-analyze verify and security (exposure must be <= 2.0);
#  5. the browser test: headless Chromium against the real console and the real daemon,
#     leaving the board's screenshot in .build/console-board.png.
# Runs as root after `swift build --build-tests` (uses .build/debug).
set -eu
cd "$(dirname "$0")/.."

need=""
for package in chromium chromium-driver prometheus fonts-noto-cjk; do
    dpkg -s "$package" >/dev/null 2>&1 || need="$need $package"
done
if [ -n "$need" ]; then
    echo "== installing$need"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need >/dev/null
fi
python3 -c "import selenium" 2>/dev/null || pip install -q selenium

echo "== console tests with promtool"
swift test --skip-build --filter 'ConsoleHTTPTests|ConsoleLiveTests|ConsolePagesTests|ConsoleUnitTests'

echo "== promtool check rules"
promtool check rules config/prometheus/dispatchd-alerts.rules.yml

echo "== dispatchd-console.service: verify and security"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT INT TERM
sed "s|^ExecStart=/usr/bin/dispatchd-console|ExecStart=/bin/true|" systemd/dispatchd-console.service > "$stage/dispatchd-console.service"
out=$(systemd-analyze verify --man=no "$stage/dispatchd-console.service" 2>&1 || true)
if [ -n "$out" ]; then
    echo "$out"
    echo "FAIL: systemd-analyze verify reported problems with systemd/dispatchd-console.service" >&2
    exit 1
fi
exposure=$(systemd-analyze security --offline=yes systemd/dispatchd-console.service 2>&1 \
    | sed -n 's/.*Overall exposure level for dispatchd-console.service: \([0-9.]*\).*/\1/p')
[ -n "$exposure" ] || { echo "FAIL: no exposure level for dispatchd-console.service" >&2; exit 1; }
if awk "BEGIN { exit !($exposure > 2.0) }"; then
    echo "FAIL: dispatchd-console.service exposure $exposure is above 2.0" >&2
    exit 1
fi
echo "exposure $exposure <= 2.0: OK"

echo "== browser test (headless Chromium, real console, real daemon)"
start=$(date +%s)
python3 scripts/console-browser.py .build/debug
echo "browser test: $(( $(date +%s) - start )) s; screenshot in .build/console-board.png"
