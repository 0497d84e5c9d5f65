/*
 * What the subcommands share (cli.h). Each command's file calls these and
 * nothing in another command's file, so the commands form no cycle.
 */
#include <errno.h>
#include <stdio.h>

#include "cli.h"
#include "config.h"

int hr_cli_load_config(struct hr_config *cfg, const char *path)
{
	hr_config_defaults(cfg);
	if (path) {
		char err[600];
		if (hr_config_load_file(cfg, path, err, sizeof(err))) {
			fprintf(stderr, "herald: bad config: %s\n", err);
			return -EINVAL;
		}
	}
	return 0;
}
