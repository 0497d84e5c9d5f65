/*
 * The configuration a bench tool runs with: the defaults, then FILE when one
 * is given, resolved as the daemon resolves it. Shared by the tools that build
 * an engine without a daemon (ask_bench, route_scores, voice_replay).
 */
#ifndef HERALD_BENCH_CONFIG_H
#define HERALD_BENCH_CONFIG_H

#include <stdio.h>

#include "config.h"
#include "log.h"

/* Fills CFG for TOOL (named in errors) from FILE or the defaults. Returns 0, or
 * 1 after printing why FILE could not be read. With RESOLVE 0 the caller sets
 * more keys first and calls hr_config_resolve() itself. */
static inline int bench_config(const char *tool, const char *file, struct hr_config *cfg, int resolve)
{
	char err[600];
	hr_log_set_level(HR_LOG_WARN);
	hr_config_defaults(cfg);
	if (file && hr_config_load_file(cfg, file, err, sizeof(err))) {
		fprintf(stderr, "%s: bad config: %s\n", tool, err);
		return 1;
	}
	if (resolve)
		hr_config_resolve(cfg);
	return 0;
}

#endif
