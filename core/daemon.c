/*
 * `herald serve`: the daemon. This file owns the uv_loop_t: it loads the
 * content, creates the engine and the server on the loop, handles signals and
 * systemd notification, and tears everything down in reverse order.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uv.h>
#ifdef HERALD_WITH_SYSTEMD
#include <systemd/sd-daemon.h>
#endif

#include "cli.h"
#include "config.h"
#include "engine.h"
#include "log.h"
#include "server.h"

struct daemon {
	uv_loop_t loop;
	uv_signal_t sigterm, sigint;
	struct hr_config cfg;
	struct hr_content content;
	hr_engine *engine;
	hr_server *server;
	int stopping;
};

static void notify(const char *state)
{
#ifdef HERALD_WITH_SYSTEMD
	sd_notify(0, state);
#else
	(void)state;
#endif
}

static void on_close(uv_handle_t *h)
{
	(void)h;
}

/* SIGTERM/SIGINT: stop accepting, let lws close its connections, close our own
 * handles; uv_run() then returns because nothing is left on the loop. */
static void on_stop_signal(uv_signal_t *h, int signum)
{
	struct daemon *d = h->data;
	if (d->stopping)
		return;
	d->stopping = 1;
	hr_notice("signal %d: shutting down", signum);
	notify("STOPPING=1");
	hr_server_stop(d->server);
	uv_close((uv_handle_t *)&d->sigterm, on_close);
	uv_close((uv_handle_t *)&d->sigint, on_close);
}

static void usage_serve(FILE *f)
{
	fprintf(f, "usage: herald serve [--config FILE] [--listen HOST:PORT]\n"
		   "\n"
		   "Runs the daemon in the foreground; logs go to stderr. SIGTERM or SIGINT stop it.\n"
		   "  --config FILE       a Lua file of settings (see below); defaults need none\n"
		   "  --listen HOST:PORT  overrides the config's listen address (port 0: any free port)\n"
		   "\n"
		   "Config keys (config file, e.g. limits = { message_bytes = 8192 }):\n");
	for (const struct hr_config_key *k = hr_config_keys; k->name; k++)
		fprintf(f, "  %-22s %s (default: %s)\n", k->name, k->help, *k->def ? k->def : "derived");
}

int hr_cmd_serve(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "listen", required_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *config = NULL, *listen = NULL;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "c:l:h", opts, NULL)) != -1) {
		switch (c) {
		case 'c':
			config = optarg;
			break;
		case 'l':
			listen = optarg;
			break;
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

	struct daemon *d = calloc(1, sizeof(*d));
	if (!d)
		return 1;
	int status = 1;
	if (hr_cli_load_config(&d->cfg, config))
		goto out_free;
	char err[300];
	if (listen && hr_config_set_listen(&d->cfg, listen, err, sizeof(err))) {
		fprintf(stderr, "herald serve: --listen %s\n", err);
		goto out_free;
	}
	hr_config_resolve(&d->cfg);
	enum hr_log_level lvl = HR_LOG_INFO;
	hr_log_level_parse(d->cfg.log_level, &lvl);
	hr_log_set_level(lvl);
	/* A client that vanishes mid-write must not kill the daemon. */
	signal(SIGPIPE, SIG_IGN);

	int rc = hr_content_load(&d->cfg, hr_diag_log, NULL, &d->content);
	if (rc) {
		hr_err("cannot load content from %s and %s: %s", d->cfg.intents_dir, d->cfg.plugins_dir,
		       strerror(-rc));
		goto out_free;
	}
	if (d->content.plugin_errors)
		hr_warn("some plugins failed to load (see above); serving the rest");
	if ((rc = hr_engine_new(&d->content, &d->engine))) {
		hr_err("cannot start the engine: %s", strerror(-rc));
		goto out_content;
	}
	if ((rc = uv_loop_init(&d->loop))) {
		hr_err("uv_loop_init: %s", uv_strerror(rc));
		goto out_engine;
	}
	uv_signal_init(&d->loop, &d->sigterm);
	uv_signal_init(&d->loop, &d->sigint);
	d->sigterm.data = d->sigint.data = d;
	uv_signal_start(&d->sigterm, on_stop_signal, SIGTERM);
	uv_signal_start(&d->sigint, on_stop_signal, SIGINT);

	rc = hr_server_start(&d->loop, &d->cfg, d->engine, &d->server);
	if (rc) {
		uv_close((uv_handle_t *)&d->sigterm, on_close);
		uv_close((uv_handle_t *)&d->sigint, on_close);
		uv_run(&d->loop, UV_RUN_DEFAULT);
		goto out_loop;
	}
	hr_notice("herald listening on %s:%d (%zu intents, %zu plugins)", d->cfg.listen_host,
		  hr_server_port(d->server), hr_intents_count(d->content.intents),
		  hr_plugins_count(d->content.plugins));
	notify("READY=1");

	uv_run(&d->loop, UV_RUN_DEFAULT);
	status = 0;
out_loop:
	hr_server_free(d->server);
	/* Anything lws left behind closes here; the loop must end empty. */
	uv_run(&d->loop, UV_RUN_DEFAULT);
	if (uv_loop_close(&d->loop) != 0) {
		hr_warn("the event loop still had handles at exit");
		status = status ? status : 1;
	}
out_engine:
	hr_engine_free(d->engine);
out_content:
	hr_content_free(&d->content);
out_free:
	free(d);
	if (status == 0)
		hr_notice("herald stopped");
	return status;
}
