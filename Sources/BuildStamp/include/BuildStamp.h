#ifndef DISPATCHD_BUILD_STAMP_H
#define DISPATCHD_BUILD_STAMP_H

/* The version and source commit this binary was built from. `make` passes them with
   -Xcc -DDISPATCHD_VERSION=... -Xcc -DDISPATCHD_COMMIT=... (from VERSION and git, or the
   COMMIT file of a `git archive` tarball); a plain `swift build` says "dev" and "unknown". */
const char *dispatchd_build_version(void);
const char *dispatchd_build_commit(void);

#endif
