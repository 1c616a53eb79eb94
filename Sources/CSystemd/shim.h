// libsystemd, used only with the `Systemd` package trait (swift build --traits Systemd).
#define SD_JOURNAL_SUPPRESS_LOCATION 1
#include <systemd/sd-daemon.h>
#include <systemd/sd-journal.h>
