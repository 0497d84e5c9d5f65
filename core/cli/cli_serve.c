/*
 * `herald serve`: reads the command line and the config file, then runs the
 * daemon (core/daemon/daemon.c) in the foreground.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "config.h"
#include "daemon.h"

static void usage_serve(FILE *f)
{
	fprintf(f,
	        "usage: herald serve [--config FILE] [--listen HOST:PORT] [--workers N]\n"
	        "\n"
	        "Runs the daemon in the foreground; logs go to stderr. SIGTERM or SIGINT stop it.\n"
	        "  --config FILE       a Lua file of settings (see below); defaults need none\n"
	        "  --listen HOST:PORT  overrides the config's listen address (port 0: any free port)\n"
	        "  --workers N         event loops serving the port (overrides `workers`; 0: one per CPU)\n"
	        "\n"
	        "Config keys (config file, e.g. limits = { message_bytes = 8192 }):\n");
	/* A key whose help already says its default (a folder under
	 * content_dir) gets no second, contradicting one. */
	for (const struct hr_config_key *k = hr_config_keys; k->name; k++) {
		if (strstr(k->help, "(default:"))
			fprintf(f, "  %-22s %s\n", k->name, k->help);
		else
			fprintf(f, "  %-22s %s (default: %s)\n", k->name, k->help, *k->def ? k->def : "none");
	}
}

int hr_cmd_serve(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"config", required_argument, NULL, 'c'},
	    {"listen", required_argument, NULL, 'l'},
	    {"workers", required_argument, NULL, 'w'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const char *config = NULL, *listen = NULL;
	int workers = -1;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "c:l:w:h", opts, NULL)) != -1) {
		switch (c) {
		case 'c':
			config = optarg;
			break;
		case 'l':
			listen = optarg;
			break;
		case 'w': {
			char *end;
			long n = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end || n < 0 || n > HR_DAEMON_MAX_WORKERS) {
				fprintf(stderr,
				        "herald serve: --workers wants a number from 0 to %d, not '%s'\n",
				        HR_DAEMON_MAX_WORKERS, optarg);
				return 2;
			}
			workers = (int)n;
			break;
		}
		case 'h':
			usage_serve(stdout);
			return 0;
		default:
			usage_serve(stderr);
			return 2;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "herald serve: unexpected argument '%s'\n", argv[optind]);
		return 2;
	}

	struct hr_config *cfg = calloc(1, sizeof(*cfg));
	if (!cfg)
		return 1;
	int status = 1;
	char err[300];
	if (hr_cli_load_config(cfg, config))
		goto out;
	if (listen && hr_config_set_listen(cfg, listen, err, sizeof(err))) {
		fprintf(stderr, "herald serve: --listen %s\n", err);
		goto out;
	}
	if (workers >= 0)
		cfg->workers = workers;
	status = hr_daemon_run(cfg, config);
out:
	free(cfg);
	return status;
}
