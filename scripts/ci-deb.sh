#!/bin/sh
# CI for the Debian package (issue 13): `make deb` (reusing the release build that
# scripts/ci-systemd.sh's `make install` made: same flags, so nothing is rebuilt), lintian
# with no errors, `dpkg -i`, the installed dispatchd's --version, check, test and a short
# real run as the package's user, the units verified and not enabled, an upgrade over itself
# that keeps a local conffile edit, and a purge that leaves only what Debian policy keeps
# (the system users, which this script then removes if it created them).
# Installs dpkg-dev and lintian with apt when missing. Runs as root; no standard input.
set -eu
cd "$(dirname "$0")/.."

need=""
for package in dpkg-dev lintian; do dpkg -s "$package" >/dev/null 2>&1 || need="$need $package"; done
if [ -n "$need" ]; then
    echo "== installing$need"
    apt-get update -qq
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need >/dev/null
fi
if dpkg -s dispatchd >/dev/null 2>&1; then
    echo "FAIL: a dispatchd package is already installed here; this test installs and purges its own" >&2
    exit 1
fi
fail() { echo "FAIL: $*" >&2; exit 1; }
created=""
for name in dispatchd-console dispatchd dispatchd-operators; do getent group "$name" >/dev/null || created="$created $name"; done
# Whatever happens, leave the machine as it was: no package, none of the users this run created.
cleanup() {
    dpkg --purge dispatchd >/dev/null 2>&1 || true
    for name in $created; do
        case "$name" in dispatchd|dispatchd-console) userdel "$name" 2>/dev/null || true ;; esac
        groupdel "$name" 2>/dev/null || true
    done
}
trap cleanup EXIT INT TERM

echo "== make deb"
# DEB=path tests a package already built (for a quick local run); CI builds it.
deb=${DEB:-$(make -s deb | tail -n 1)}
[ -f "$deb" ] || fail "make deb did not print the package it built"
echo "$deb ($(du -k "$deb" | cut -f1) KiB)"
dpkg-deb --info "$deb" | sed -n 's/^ \(Version\|Depends\):/  \1:/p'

echo "== lintian (errors fail; warnings are printed)"
lintian --fail-on error --tag-display-limit 0 "$deb" || fail "lintian reported errors for $deb"

echo "== dpkg -i"
dpkg -i "$deb" >/dev/null
version=$(/usr/bin/dispatchd --version)
echo "$version" | sed 's/^/  /'
echo "$version" | head -n 1 | grep -qx "dispatchd $(cat VERSION)" || fail "--version does not say $(cat VERSION)"
if git rev-parse HEAD >/dev/null 2>&1; then
    [ -n "${DEB:-}" ] || echo "$version" | grep -q "^commit $(git rev-parse HEAD)" || fail "--version does not name the commit $(git rev-parse HEAD)"
fi
echo "$version" | grep -q '^state schema ' || fail "--version names no state schema"
/usr/bin/dispatchd check --config /etc/dispatchd/dispatchd.yaml
/usr/bin/dispatchd test /usr/share/dispatchd/examples/tests --config /etc/dispatchd/dispatchd.yaml | tail -n 1
getent passwd dispatchd >/dev/null || fail "the package did not create the dispatchd user"
[ "$(stat -c %a:%U:%G /var/spool/dispatchd/incoming)" = "3770:dispatchd:dispatchd-operators" ] \
    || fail "the spool's incoming/ is $(stat -c %a:%U:%G /var/spool/dispatchd/incoming)"
for unit in dispatchd.service dispatchd-prune.service dispatchd-prune.timer; do
    [ -f "/lib/systemd/system/$unit" ] || fail "$unit not installed"
    if find /etc/systemd/system -name "$unit" 2>/dev/null | grep -q .; then fail "$unit was enabled without the admin's word"; fi
done
out=$(systemd-analyze verify --man=no /lib/systemd/system/dispatchd.service /lib/systemd/system/dispatchd-prune.service \
      /lib/systemd/system/dispatchd-prune.timer 2>&1 || true)
[ -z "$out" ] || fail "systemd-analyze verify on the installed units: $out"
for page in dispatchd dispatchd-backup dispatchd-restore dispatchd-prune dispatchd-test dispatchd-check; do
    [ -f "/usr/share/man/man8/$page.8.gz" ] || fail "no man page $page(8)"
done
for file in /usr/share/bash-completion/completions/dispatchd /usr/share/zsh/vendor-completions/_dispatchd \
            /usr/share/fish/vendor_completions.d/dispatchd.fish; do
    [ -s "$file" ] || fail "no completion $file"
done
echo "installed: binary, units (none enabled), users, spool, man pages, completions OK"

echo "== the console in the package (SPEC §17)"
/usr/bin/dispatchd-console --help >/dev/null || fail "dispatchd-console --help failed"
[ -f /lib/systemd/system/dispatchd-console.service ] || fail "dispatchd-console.service not installed"
if find /etc/systemd/system -name dispatchd-console.service 2>/dev/null | grep -q .; then fail "dispatchd-console.service was enabled"; fi
out=$(systemd-analyze verify --man=no /lib/systemd/system/dispatchd-console.service 2>&1 || true)
[ -z "$out" ] || fail "systemd-analyze verify dispatchd-console.service: $out"
getent passwd dispatchd-console >/dev/null || fail "the package did not create the dispatchd-console user"
for group in dispatchd-operators dispatchd; do
    id -nG dispatchd-console | tr ' ' '\n' | grep -qx "$group" || fail "dispatchd-console is not in the group $group"
done
users_file=/etc/dispatchd/console-users.yaml
[ "$(stat -c %a:%U:%G $users_file)" = "640:root:dispatchd-console" ] || fail "$users_file is $(stat -c %a:%U:%G $users_file)"
grep -qx "$users_file" /var/lib/dpkg/info/dispatchd.conffiles || fail "$users_file is not a conffile"
for page in dispatchd-console dispatchd-console-passwd dispatchd-console-serve; do
    [ -f "/usr/share/man/man8/$page.8.gz" ] || fail "no man page $page(8)"
done
for file in /usr/share/bash-completion/completions/dispatchd-console /usr/share/zsh/vendor-completions/_dispatchd-console \
            /usr/share/fish/vendor_completions.d/dispatchd-console.fish /usr/share/doc/dispatchd/CONSOLE.md.gz; do
    [ -s "$file" ] || fail "no $file"
done
echo "console: binary, unit (not enabled), user and groups, users file 0640 root:dispatchd-console, man pages, completions, docs OK"

echo "== the installed daemon, as the dispatchd user, for one incident"
log=$(mktemp)
runuser -u dispatchd -- /usr/bin/dispatchd run --config /etc/dispatchd/dispatchd.yaml --log stderr >"$log" 2>&1 &
daemon=$!
/usr/bin/dispatchd submit /usr/share/dispatchd/examples/examples/typhoon-orange-yanghe.json --config /etc/dispatchd/dispatchd.yaml >/dev/null
tries=0
until ls /var/spool/dispatchd/outgoing/ 2>/dev/null | grep -q -- '-order-'; do
    tries=$((tries + 1))
    [ $tries -lt 200 ] || { kill "$daemon"; cat "$log" >&2; fail "no order in /var/spool/dispatchd/outgoing after 20 s"; }
    sleep 0.1
done
/usr/bin/dispatchd backup /var/tmp/dispatchd-ci-backup.$$ --config /etc/dispatchd/dispatchd.yaml >/dev/null
# The installed console, as its own user, reads the daemon's state: /healthz says it is readable.
console_log=$(mktemp)
# setpriv execs the console itself (runuser would stay its parent and answer SIGTERM for it).
setpriv --reuid=dispatchd-console --regid=dispatchd-console --init-groups -- \
    /usr/bin/dispatchd-console --config /etc/dispatchd/dispatchd.yaml >"$console_log" 2>&1 &
console=$!
tries=0
until health=$(python3 -c 'import urllib.request; print(urllib.request.urlopen("http://127.0.0.1:8640/healthz", timeout=2).read().decode())' 2>/dev/null); do
    tries=$((tries + 1))
    [ $tries -lt 100 ] || { kill "$console" "$daemon"; cat "$console_log" >&2; fail "the installed console did not answer /healthz in 10 s"; }
    sleep 0.1
done
echo "$health" | grep -q '"state_readable": *true' || { kill "$console" "$daemon"; fail "console /healthz: $health"; }
kill -TERM "$console"; wait "$console" || fail "the console did not exit 0 on SIGTERM: $(cat "$console_log")"
rm -f "$console_log"
echo "console as dispatchd-console: /healthz $health"
echo 'ci-deb-password-1' | /usr/bin/dispatchd-console passwd duty --config /etc/dispatchd/dispatchd.yaml >/dev/null
[ "$(stat -c %a:%U:%G $users_file)" = "640:root:dispatchd-console" ] || fail "passwd changed the users file's mode or owner"
grep -q 'password_hash: "\?\$2' $users_file || fail "passwd wrote no bcrypt hash"
kill -TERM "$daemon"; wait "$daemon" || true
rm -rf /var/tmp/dispatchd-ci-backup.$$ "$log"
echo "orders published: $(ls /var/spool/dispatchd/outgoing | grep -c -- '-order-'); backup while running OK"

echo "== upgrade over itself (a local conffile edit is kept)"
echo "# local edit by ci-deb" >> /etc/dispatchd/dispatchd.yaml
dpkg -i --force-confold "$deb" >/dev/null
grep -q '^# local edit by ci-deb' /etc/dispatchd/dispatchd.yaml || fail "the upgrade lost a local edit of a conffile"
/usr/bin/dispatchd check --config /etc/dispatchd/dispatchd.yaml >/dev/null

echo "== purge"
dpkg --purge dispatchd >/dev/null
for path in /usr/bin/dispatchd /etc/dispatchd /var/lib/dispatchd /var/spool/dispatchd /usr/share/doc/dispatchd \
            /usr/share/dispatchd /lib/systemd/system/dispatchd.service /lib/systemd/system/dispatchd-prune.timer \
            /usr/lib/sysusers.d/dispatchd.conf /usr/lib/tmpfiles.d/dispatchd.conf /usr/lib/systemd/catalog/dispatchd.catalog \
            /usr/share/man/man8/dispatchd.8.gz /usr/bin/dispatchd-console /lib/systemd/system/dispatchd-console.service \
            /usr/lib/sysusers.d/dispatchd-console.conf /usr/lib/tmpfiles.d/dispatchd-console.conf; do
    [ ! -e "$path" ] || fail "$path is left after purge"
done
dpkg -s dispatchd >/dev/null 2>&1 && fail "dpkg still knows dispatchd after purge"
getent passwd dispatchd >/dev/null && echo "left after purge, as Debian policy keeps: the system user dispatchd and its groups"
echo "package built, lint-clean, installed, run, upgraded and purged: OK"
