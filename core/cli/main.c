/*
 * herald: answers questions about HER2-positive breast cancer.
 * This file only dispatches to the subcommands.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "config.h"
#include "sandbox.h"

#ifndef HERALD_VERSION
#define HERALD_VERSION "0.0.0"
#endif

static void usage(FILE *f)
{
	fprintf(f,
	        "usage: herald COMMAND [OPTIONS]\n"
	        "\n"
	        "commands:\n"
	        "  serve   run the daemon in the foreground (WebSocket and HTTP)\n"
	        "  ask     answer one question from the local intents and plugins\n"
	        "  check   load all content and verify that every example routes to its intent\n"
	        "  review  write one HTML page of everything herald can say, for clinicians to sign off\n"
	        "  test    run the test cases written beside the plugins (plugins/NAME.tests)\n"
	        "  new     write a working plugin, intents and tests file for a new topic\n"
	        "  report  list questions that reached the fallback (report unanswered)\n"
	        "  say     speak a text with herald's voice into a WAV file (say TEXT -o FILE.wav)\n"
	        "  config  print every config key, type, default and range as Markdown (config --reference)\n"
	        "\n"
	        "Run 'herald COMMAND --help' for a command's options; 'herald --version' for the version.\n");
}

static int run(int argc, char **argv);

int main(int argc, char **argv)
{
	int rc = run(argc, argv);
	/* The budget timer of the plugins this thread ran (ask, check, test,
	 * review): made at the first call, deleted here as the command ends. */
	hr_plugins_thread_end();
	return rc;
}

static int run(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	const char *cmd = argv[1];
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
		usage(stdout);
		return 0;
	}
	if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) {
		printf("herald %s (protocol herald.v1)\n", HERALD_VERSION);
		return 0;
	}
	if (strcmp(cmd, "config") == 0) {
		/* The key table as Markdown (docs/config.md); nothing else yet. */
		if (argc == 3 && strcmp(argv[2], "--reference") == 0) {
			hr_config_write_reference(stdout);
			return 0;
		}
		int help = argc == 3 && (strcmp(argv[2], "--help") == 0 || strcmp(argv[2], "-h") == 0);
		fprintf(help ? stdout : stderr,
		        "usage: herald config --reference\n"
		        "\n"
		        "Prints every config key, its type, default and range as Markdown (the page\n"
		        "docs/config.md). `herald serve --help` lists the keys in short.\n");
		return help ? 0 : 2;
	}
	if (strcmp(cmd, "serve") == 0)
		return hr_cmd_serve(argc - 1, argv + 1);
	if (strcmp(cmd, "ask") == 0)
		return hr_cmd_ask(argc - 1, argv + 1);
	if (strcmp(cmd, "check") == 0)
		return hr_cmd_check(argc - 1, argv + 1);
	if (strcmp(cmd, "review") == 0)
		return hr_cmd_review(argc - 1, argv + 1);
	if (strcmp(cmd, "test") == 0)
		return hr_cmd_test(argc - 1, argv + 1);
	if (strcmp(cmd, "report") == 0)
		return hr_cmd_report(argc - 1, argv + 1);
	if (strcmp(cmd, "new") == 0)
		return hr_cmd_new(argc - 1, argv + 1);
	if (strcmp(cmd, "say") == 0)
		return hr_cmd_say(argc - 1, argv + 1);
	fprintf(stderr, "herald: unknown command '%s'\n\n", cmd);
	usage(stderr);
	return 2;
}
