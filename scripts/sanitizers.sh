#!/usr/bin/env bash
# Runs the test suite under the sanitizers (docs/FUZZING.md, "Sanitizers").
#
#   scripts/sanitizers.sh thread     ThreadSanitizer on the concurrency-heavy suites (CI, < 5 min)
#   scripts/sanitizers.sh address    AddressSanitizer on the whole suite
#   scripts/sanitizers.sh all        both
#
# Each sanitizer builds into its own scratch directory (.build-tsan, .build-asan; git-ignored)
# so the normal .build is kept. The thread pass covers the code that runs on more than one
# thread: the Platform layer (inotify watcher, deadline schedulers, signal watcher, journal
# and notify sockets) and the Dispatcher engine, outbox, store and logging. The end-to-end
# daemon suite (DaemonEndToEndTests) is left out of it: it drives the separately built
# .build/debug/dispatchd process, which TSan in the test process cannot see into, and only
# costs time. TSAN_OPTIONS/ASAN_OPTIONS make a report fail the run (halt_on_error=1); leaks are
# reported too, except the XCTest runner's own (scripts/lsan.supp).
set -euo pipefail
cd "$(dirname "$0")/.."

thread() {
    echo "== ThreadSanitizer: PlatformTests and DispatcherTests (without DaemonEndToEndTests)" >&2
    TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 ${TSAN_OPTIONS:-}" \
        swift test --scratch-path .build-tsan --sanitize=thread \
        --filter 'PlatformTests\.' --filter 'DispatcherTests\.' --skip 'DaemonEndToEndTests'
}

address() {
    echo "== AddressSanitizer: the whole suite" >&2
    ASAN_OPTIONS="halt_on_error=1 detect_leaks=1 ${ASAN_OPTIONS:-}" \
        LSAN_OPTIONS="suppressions=$PWD/scripts/lsan.supp print_suppressions=0 ${LSAN_OPTIONS:-}" \
        swift test --scratch-path .build-asan --sanitize=address
}

case "${1:-}" in
    thread) thread ;;
    address) address ;;
    all) thread; address ;;
    *) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
