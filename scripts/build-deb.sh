#!/bin/sh
# Builds dispatchd_VERSION_amd64.deb with dpkg-deb from a finished release build (`make deb`
# calls it after `make build`; it never builds the binaries itself).
#
# Usage: scripts/build-deb.sh BIN_DIR OUT_DIR BINARY...
#   BIN_DIR  the release build's bin path (swift build -c release --show-bin-path)
#   BINARY   each executable to package (dispatchd dispatchd-console)
#
# What goes in is found by name, so a second executable needs no change here: for each BINARY
# its man pages (generated from its --help by swift-argument-parser's generate-manual) and
# bash/zsh/fish completions; every systemd/*.service and *.timer (units), *.sysusers,
# *.tmpfiles and *.catalog; config/*.yaml as conffiles in /etc/dispatchd.
set -eu
cd "$(dirname "$0")/.."
bin_dir=$1; mkdir -p "$2"; out_dir=$(cd "$2" && pwd); shift 2
binaries="$*"
version=$(cat VERSION)
changelog_version=$(sed -n '1s/^dispatchd (\([^)]*\)).*/\1/p' packaging/debian/changelog)
if [ "$version" != "$changelog_version" ]; then
    echo "build-deb: VERSION says $version but packaging/debian/changelog's top entry is $changelog_version; add a changelog entry" >&2
    exit 1
fi
for binary in $binaries; do
    [ -x "$bin_dir/$binary" ] || { echo "build-deb: $bin_dir/$binary is not built; run make build first" >&2; exit 1; }
done

root="$out_dir/dispatchd_${version}_amd64"
rm -rf "$root"
umask 022
mkdir -p "$root/DEBIAN" "$root/usr/bin" "$root/lib/systemd/system" "$root/usr/lib/sysusers.d" \
    "$root/usr/lib/tmpfiles.d" "$root/usr/lib/systemd/catalog" "$root/usr/share/man/man8" \
    "$root/usr/share/bash-completion/completions" "$root/usr/share/zsh/vendor-completions" \
    "$root/usr/share/fish/vendor_completions.d" "$root/usr/share/doc/dispatchd" \
    "$root/usr/share/dispatchd/examples" "$root/etc/dispatchd"

# The man page generator (swift-argument-parser's generate-manual), built once in debug.
tools=.build/tools
generator="$tools/debug/generate-manual"
if [ ! -x "$generator" ]; then
    swift build --package-path .build/checkouts/swift-argument-parser --scratch-path "$tools" --product generate-manual >/dev/null
fi
date=$(sed -n 's/^ -- .*  [A-Za-z]*, \([0-9]*\) \([A-Za-z]*\) \([0-9]*\) .*/\1 \2 \3/p' packaging/debian/changelog | head -n 1)
man_date=$(date -u -d "$date" +%Y-%m-%d)

for binary in $binaries; do
    install -m 0755 "$bin_dir/$binary" "$root/usr/bin/$binary"
    strip --strip-unneeded --remove-section=.comment --remove-section=.note "$root/usr/bin/$binary"
    # One page per command: BINARY-COMMAND(8); the hand-written man/BINARY.8 stays the main page.
    pages=$(mktemp -d)
    "$generator" "$root/usr/bin/$binary" --multi-page --section 8 --date "$man_date" \
        --authors "dispatchd maintainers" --output-directory "$pages" >/dev/null
    for page in "$pages"/"$binary".*.8; do
        command=$(basename "$page" .8); command=${command#"$binary".}
        [ "$command" = help ] && continue
        upper=$(echo "$binary-$command" | tr '[:lower:]' '[:upper:]')
        sed -e "s/^\.Dt .*/.Dt $upper 8/" -e "s/^\.Nm \"$binary $command\"/.Nm \"$binary-$command\"/" "$page" \
            | gzip -9n > "$root/usr/share/man/man8/$binary-$command.8.gz"
    done
    rm -rf "$pages"
    if [ -f "man/$binary.8" ]; then gzip -9n < "man/$binary.8" > "$root/usr/share/man/man8/$binary.8.gz"; fi
    # A completion file is sourced, not run: no #! line.
    "$root/usr/bin/$binary" --generate-completion-script bash | sed '1{/^#!/d}' > "$root/usr/share/bash-completion/completions/$binary"
    "$root/usr/bin/$binary" --generate-completion-script zsh > "$root/usr/share/zsh/vendor-completions/_$binary"
    "$root/usr/bin/$binary" --generate-completion-script fish > "$root/usr/share/fish/vendor_completions.d/$binary.fish"
done
# The prune unit's own page points at the command's.
[ -f "$root/usr/share/man/man8/dispatchd-prune.8.gz" ]

units=""; services=""
for unit in systemd/*.service systemd/*.timer; do
    install -m 0644 "$unit" "$root/lib/systemd/system/"
    units="$units $(basename "$unit")"
done
for unit in systemd/*.service; do
    name=$(basename "$unit")
    # A oneshot started by a timer is not restarted on upgrade: its timer runs it.
    grep -q '^Type=oneshot' "$unit" || services="$services $name"
done
sysusers=""; tmpfiles=""
# The daemon's users and groups first: the console's user joins its groups.
for file in systemd/dispatchd.sysusers $(ls systemd/*.sysusers | grep -vx systemd/dispatchd.sysusers); do
    install -m 0644 "$file" "$root/usr/lib/sysusers.d/$(basename "$file" .sysusers).conf"
    sysusers="$sysusers $(basename "$file" .sysusers).conf"
done
for file in systemd/*.tmpfiles; do
    install -m 0644 "$file" "$root/usr/lib/tmpfiles.d/$(basename "$file" .tmpfiles).conf"
    tmpfiles="$tmpfiles $(basename "$file" .tmpfiles).conf"
done
for file in systemd/*.catalog; do install -m 0644 "$file" "$root/usr/lib/systemd/catalog/"; done

# The example county: conffiles in /etc/dispatchd with the installed spool and state; the whole
# config/ tree (examples, rule tests) under /usr/share/dispatchd/examples.
: > "$root/DEBIAN/conffiles"
for file in config/*.yaml; do
    target="/etc/dispatchd/$(basename "$file")"
    sed 's|^spool: .*|spool: /var/spool/dispatchd|; s|^state: .*|state: /var/lib/dispatchd|' "$file" > "$root$target"
    # A users file holds password hashes (the console's, SPEC §17): not world-readable; its
    # tmpfiles entry gives it to the console's group after the users exist.
    case "$target" in *-users.yaml) chmod 0640 "$root$target" ;; *) chmod 0644 "$root$target" ;; esac
    echo "$target" >> "$root/DEBIAN/conffiles"
done
cp -R config/. "$root/usr/share/dispatchd/examples/"
find "$root/usr/share/dispatchd" -type d -exec chmod 0755 {} + && find "$root/usr/share/dispatchd" -type f -exec chmod 0644 {} +

mkdir -p "$root/usr/share/lintian/overrides"
install -m 0644 packaging/debian/lintian-overrides "$root/usr/share/lintian/overrides/dispatchd"
doc="$root/usr/share/doc/dispatchd"
install -m 0644 packaging/debian/copyright "$doc/copyright"
gzip -9n < packaging/debian/changelog > "$doc/changelog.gz"
for file in README.md docs/OPERATIONS.md docs/DAEMON.md docs/CONFIG.md docs/CONSOLE.md; do
    gzip -9n < "$file" > "$doc/$(basename "$file").gz"
done

# Maintainer scripts and control, with the lists found above.
for script in postinst prerm postrm; do
    sed -e "s|@SYSUSERS@|${sysusers# }|" -e "s|@TMPFILES@|${tmpfiles# }|" -e "s|@UNITS@|${units# }|" \
        -e "s|@SERVICES@|${services# }|" "packaging/debian/$script.in" > "$root/DEBIAN/$script"
    chmod 0755 "$root/DEBIAN/$script"
done
shlibs_dir=$(mktemp -d)
mkdir -p "$shlibs_dir/debian"
printf 'Source: dispatchd\n\nPackage: dispatchd\nArchitecture: amd64\n' > "$shlibs_dir/debian/control"
executables=$(for binary in $binaries; do printf ' -e%s' "$root/usr/bin/$binary"; done)
# shellcheck disable=SC2086
shlibs=$(cd "$shlibs_dir" && dpkg-shlibdeps -O $executables 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
rm -rf "$shlibs_dir"
installed_size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
sed -e "s|@VERSION@|$version|" -e "s|@INSTALLED_SIZE@|$installed_size|" -e "s|@SHLIBS@|$shlibs|" \
    packaging/debian/control.in > "$root/DEBIAN/control"
(cd "$root" && find . -path ./DEBIAN -prune -o -type f -print | sed 's|^\./||' | grep -v '^etc/' | sort | xargs md5sum) > "$root/DEBIAN/md5sums"

dpkg-deb --root-owner-group -Zxz --build "$root" "$out_dir/dispatchd_${version}_amd64.deb" >/dev/null
echo "$out_dir/dispatchd_${version}_amd64.deb"
