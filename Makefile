# dispatchd: build in release mode and install the daemon, its systemd files, catalog, man
# page and example configuration. Honours PREFIX and DESTDIR. An existing config in
# /etc/dispatchd is never overwritten.
PREFIX ?= /usr/local
DESTDIR ?=
SYSCONFDIR ?= /etc
SWIFT ?= swift
SWIFTFLAGS ?=
BINDIR = $(PREFIX)/bin
UNITDIR = $(PREFIX)/lib/systemd/system
SYSUSERSDIR = $(PREFIX)/lib/sysusers.d
TMPFILESDIR = $(PREFIX)/lib/tmpfiles.d
CATALOGDIR = $(PREFIX)/lib/systemd/catalog
MANDIR = $(PREFIX)/share/man/man8
DOCDIR = $(PREFIX)/share/doc/dispatchd
EXAMPLEDIR = $(PREFIX)/share/dispatchd/examples
CONFDIR = $(SYSCONFDIR)/dispatchd

.PHONY: all build install uninstall check-unit deb

# The version (VERSION) and source commit stamped into the binary (Sources/BuildStamp): git's
# HEAD in a checkout (with -modified when the tree has changes), else the COMMIT file that
# `git archive` fills in (export-subst), else "unknown".
VERSION := $(shell cat VERSION)
COMMIT := $(shell if [ "$$(git rev-parse --show-toplevel 2>/dev/null)" = "$(CURDIR)" ]; then \
	git rev-parse HEAD; git diff --quiet HEAD -- 2>/dev/null || echo -modified; \
	else sed -n '/^[0-9a-f]\{40\}$$/p' COMMIT 2>/dev/null; fi | tr -d '\n')
STAMP = -Xcc -DDISPATCHD_VERSION='"$(VERSION)"' -Xcc -DDISPATCHD_COMMIT='"$(if $(COMMIT),$(COMMIT),unknown)"'
# The executables `make build` builds and the Debian package holds (scripts/build-deb.sh finds
# each one's man pages and completions by name; units and sysusers are every file in systemd/).
PACKAGE_BINARIES ?= dispatchd dispatchd-console
DEBDIR ?= .build/deb

all: build

# The Swift runtime and Foundation are linked statically (--static-swift-stdlib): the daemon then
# maps only the pages it uses (idle resident memory about 26 MB instead of 31 MB, SPEC §13), starts
# faster, and needs no Swift toolchain on the county server. docs/PERFORMANCE.md has the figures.
STATIC ?= --static-swift-stdlib

build:
	for product in $(PACKAGE_BINARIES); do \
		$(SWIFT) build -c release $(STATIC) $(STAMP) --product $$product $(SWIFTFLAGS) || exit 1; \
	done

install: build
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(UNITDIR) $(DESTDIR)$(SYSUSERSDIR) $(DESTDIR)$(TMPFILESDIR) \
		$(DESTDIR)$(CATALOGDIR) $(DESTDIR)$(MANDIR) $(DESTDIR)$(DOCDIR) $(DESTDIR)$(EXAMPLEDIR)
	install -m 0755 "$$($(SWIFT) build -c release $(STATIC) $(STAMP) --show-bin-path $(SWIFTFLAGS))/dispatchd" $(DESTDIR)$(BINDIR)/dispatchd
	sed "s|/usr/bin/dispatchd|$(BINDIR)/dispatchd|; s|/etc/dispatchd/|$(CONFDIR)/|" systemd/dispatchd.service \
		> $(DESTDIR)$(UNITDIR)/dispatchd.service && chmod 0644 $(DESTDIR)$(UNITDIR)/dispatchd.service
	install -m 0644 systemd/dispatchd-prune.service systemd/dispatchd-prune.timer $(DESTDIR)$(UNITDIR)/
	install -m 0644 systemd/dispatchd.sysusers $(DESTDIR)$(SYSUSERSDIR)/dispatchd.conf
	install -m 0644 systemd/dispatchd.tmpfiles $(DESTDIR)$(TMPFILESDIR)/dispatchd.conf
	install -m 0644 systemd/dispatchd.catalog $(DESTDIR)$(CATALOGDIR)/dispatchd.catalog
	install -m 0644 man/dispatchd.8 $(DESTDIR)$(MANDIR)/dispatchd.8
	install -m 0644 docs/OPERATIONS.md docs/DAEMON.md docs/CONFIG.md $(DESTDIR)$(DOCDIR)/
	# the duty-room console (SPEC §17, docs/CONSOLE.md)
	install -m 0755 "$$($(SWIFT) build -c release $(STATIC) --show-bin-path $(SWIFTFLAGS))/dispatchd-console" $(DESTDIR)$(BINDIR)/dispatchd-console
	sed "s|/usr/bin/dispatchd-console|$(BINDIR)/dispatchd-console|; s|/etc/dispatchd/|$(CONFDIR)/|" systemd/dispatchd-console.service \
		> $(DESTDIR)$(UNITDIR)/dispatchd-console.service && chmod 0644 $(DESTDIR)$(UNITDIR)/dispatchd-console.service
	install -m 0644 systemd/dispatchd-console.sysusers $(DESTDIR)$(SYSUSERSDIR)/dispatchd-console.conf
	install -m 0644 systemd/dispatchd-console.tmpfiles $(DESTDIR)$(TMPFILESDIR)/dispatchd-console.conf
	install -m 0644 docs/CONSOLE.md config/prometheus/dispatchd-alerts.rules.yml $(DESTDIR)$(DOCDIR)/
	cp -R config/. $(DESTDIR)$(EXAMPLEDIR)/
	install -d -m 0755 $(DESTDIR)$(CONFDIR)
	for f in config/*.yaml; do \
		t=$(DESTDIR)$(CONFDIR)/$$(basename $$f); \
		if [ -e $$t ]; then echo "keeping existing $$t (new version in $(EXAMPLEDIR))"; \
		else sed 's|^spool: .*|spool: /var/spool/dispatchd|; s|^state: .*|state: /var/lib/dispatchd|' $$f > $$t \
			&& chmod 0644 $$t; fi; \
	done

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/dispatchd $(DESTDIR)$(UNITDIR)/dispatchd.service \
		$(DESTDIR)$(UNITDIR)/dispatchd-prune.service $(DESTDIR)$(UNITDIR)/dispatchd-prune.timer \
		$(DESTDIR)$(SYSUSERSDIR)/dispatchd.conf $(DESTDIR)$(TMPFILESDIR)/dispatchd.conf \
		$(DESTDIR)$(CATALOGDIR)/dispatchd.catalog $(DESTDIR)$(MANDIR)/dispatchd.8 \
		$(DESTDIR)$(BINDIR)/dispatchd-console $(DESTDIR)$(UNITDIR)/dispatchd-console.service \
		$(DESTDIR)$(SYSUSERSDIR)/dispatchd-console.conf $(DESTDIR)$(TMPFILESDIR)/dispatchd-console.conf
	rm -rf $(DESTDIR)$(DOCDIR) $(DESTDIR)$(PREFIX)/share/dispatchd
	@echo "$(CONFDIR), /var/lib/dispatchd and /var/spool/dispatchd are left in place"

check-unit:
	scripts/ci-systemd.sh --unit-only

# dispatchd_VERSION_amd64.deb in $(DEBDIR), from the same release build as `make install`.
deb: build
	scripts/build-deb.sh "$$($(SWIFT) build -c release $(STATIC) $(STAMP) --show-bin-path $(SWIFTFLAGS))" $(DEBDIR) $(PACKAGE_BINARIES)
