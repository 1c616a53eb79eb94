#!/usr/bin/env bash
# Runs dispatchd's libFuzzer targets (docs/FUZZING.md).
#
#   scripts/fuzz.sh TARGET SECONDS     fuzz one target for SECONDS seconds
#   scripts/fuzz.sh all SECONDS        every target, FUZZ_JOBS (default 2) at a time
#   scripts/fuzz.sh build              only build the fuzzers
#   scripts/fuzz.sh replay TARGET FILE...   run inputs once (e.g. a crasher) and exit
#
# TARGET is one of: native-incident, cap, ack, command, config.
#
# The fuzzers are the package in Fuzz/, built in release mode with
# `-sanitize=fuzzer,address` into Fuzz/.build. Each run works in var/fuzz/TARGET/
# (git-ignored): `corpus/` grows from the seeds in Fuzz/corpus/TARGET (plus, for cap and
# native-incident, the real samples in ../shared/samples when present: copied at run time,
# never committed), crashers, hangs (-timeout) and out-of-memory inputs land in `artifacts/`,
# and the libFuzzer output in `fuzz.log`. Exit status is non-zero when a target found
# something. Environment: FUZZ_JOBS, FUZZ_RSS_MB (default 2048), FUZZ_TIMEOUT (default 5 s).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
targets=(native-incident cap ack command config)

usage() { sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

bin=$root/Fuzz/.build/release

# Builds every fuzzer. SwiftPM's `--sanitize=fuzzer --sanitize=address` becomes two
# `-sanitize=` flags and swiftc 6.3 keeps only the last, so the code would be built without
# coverage counters and fuzzed blind. `--sanitize=fuzzer` (which makes SwiftPM leave `main` to
# libFuzzer) followed by one `-sanitize=fuzzer,address` gets both; the check below refuses a
# build without counters.
build() {
    echo "== building fuzzers (release, -sanitize=fuzzer,address)" >&2
    swift build --package-path Fuzz -c release --sanitize=fuzzer \
        -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=address >&2
    local object=$bin/Rules.build/JSONParser.swift.o
    # (objdump's whole output first: `grep -q` closing the pipe early fails it under pipefail.)
    local sections
    sections=$(objdump -h "$object")
    if [[ $sections != *__sancov_cntrs* ]]; then
        echo "error: $object has no libFuzzer coverage counters; remove Fuzz/.build and rerun" >&2
        exit 1
    fi
}

product() { echo "fuzz-$1"; }

max_len() {
    case "$1" in
        ack | command) echo 4096 ;;
        native-incident) echo 65536 ;;
        cap) echo 65536 ;;       # larger real alerts only add embedded base64 (derefUri), skipped unread
        config) echo 131072 ;;
    esac
}

dict() {
    case "$1" in
        ack | command | native-incident) echo "$root/Fuzz/dict/json.dict" ;;
        cap) echo "$root/Fuzz/dict/xml.dict" ;;
        config) echo "$root/Fuzz/dict/yaml.dict" ;;
    esac
}

# The working corpus: the committed seeds, plus real samples from ../shared when present.
prepare_corpus() {
    local target=$1 work=$root/var/fuzz/$1
    mkdir -p "$work/corpus" "$work/artifacts"
    cp -n "$root/Fuzz/corpus/$target/"* "$work/corpus/" 2>/dev/null || true
    local samples=$root/../shared/samples/real
    if [ -d "$samples" ]; then
        case "$target" in
            cap) find "$samples/cap" -type f \( -name '*.xml' -o -name '*.cap' -o -name '*.XML' \) -size -64k \
                     -exec cp -n {} "$work/corpus/" \; ;;
            native-incident) find "$samples" -type f -name '*.json' -size -64k -exec cp -n {} "$work/corpus/" \; ;;
        esac
    fi
}

run() {
    local target=$1 seconds=$2 work=$root/var/fuzz/$1
    local binary=$bin/$(product "$target")
    prepare_corpus "$target"
    echo "== fuzzing $target for ${seconds}s (log: var/fuzz/$target/fuzz.log)" >&2
    local status=0
    "$binary" "$work/corpus" \
        -max_total_time="$seconds" -max_len="$(max_len "$target")" -timeout="${FUZZ_TIMEOUT:-5}" \
        -rss_limit_mb="${FUZZ_RSS_MB:-2048}" -dict="$(dict "$target")" -print_final_stats=1 \
        -artifact_prefix="$work/artifacts/" >"$work/fuzz.log" 2>&1 || status=$?
    grep -E '^#[0-9]+[[:space:]]+DONE|stat::number_of_executed_units|stat::peak_rss_mb|^(==[0-9]+==)?ERROR|SUMMARY' "$work/fuzz.log" \
        | sed "s/^/[$target] /" >&2 || true
    [ "$status" -eq 0 ] || echo "[$target] FOUND SOMETHING (exit $status): see var/fuzz/$target/artifacts/" >&2
    return "$status"
}

replay() {
    local target=$1; shift
    local binary=$bin/$(product "$target")
    "$binary" -timeout="${FUZZ_TIMEOUT:-5}" -rss_limit_mb="${FUZZ_RSS_MB:-2048}" "$@"
}

known() { local t; for t in "${targets[@]}"; do [ "$t" = "$1" ] && return 0; done; return 1; }

[ $# -ge 1 ] || usage
case "$1" in
    build) build ;;
    replay) [ $# -ge 3 ] && known "$2" || usage; build; replay "${@:2}" ;;
    all)
        [ $# -eq 2 ] || usage
        build
        failed=0 running=0
        for target in "${targets[@]}"; do
            run "$target" "$2" & running=$((running + 1))
            if [ "$running" -ge "${FUZZ_JOBS:-2}" ]; then wait -n || failed=1; running=$((running - 1)); fi
        done
        while [ "$running" -gt 0 ]; do wait -n || failed=1; running=$((running - 1)); done
        exit "$failed" ;;
    *)
        [ $# -eq 2 ] && known "$1" || usage
        build
        run "$1" "$2" ;;
esac
