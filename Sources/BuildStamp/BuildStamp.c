#include "BuildStamp.h"

#ifndef DISPATCHD_VERSION
#define DISPATCHD_VERSION "dev"
#endif
#ifndef DISPATCHD_COMMIT
#define DISPATCHD_COMMIT "unknown"
#endif

const char *dispatchd_build_version(void) { return DISPATCHD_VERSION; }
const char *dispatchd_build_commit(void) { return DISPATCHD_COMMIT; }
