/*
 * The daemon: the main thread and its workers (daemon.c, worker.c). The
 * command line (core/cli/cli_serve.c) reads the options and the config file
 * and hands them here.
 */
#ifndef HERALD_DAEMON_H
#define HERALD_DAEMON_H

#include "config.h"

/* The most workers (event loops serving the port) a daemon runs. */
#define HR_DAEMON_MAX_WORKERS 256

/*
 * Runs the daemon in the foreground with CFG (copied; workers 0 means one per
 * CPU) until SIGTERM or SIGINT. CONFIG_PATH (may be NULL) is the file CFG was
 * read from, read again on SIGHUP. Returns the process exit status.
 */
int hr_daemon_run(const struct hr_config *cfg, const char *config_path);

#endif
