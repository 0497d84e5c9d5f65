/*
 * The subcommands of the herald executable. Each takes argc/argv starting at
 * its own name and returns the process exit status.
 */
#ifndef HERALD_CLI_H
#define HERALD_CLI_H

#include <stddef.h>

int hr_cmd_serve(int argc, char **argv); /* cli_serve.c */
int hr_cmd_ask(int argc, char **argv);
int hr_cmd_check(int argc, char **argv);
int hr_cmd_review(int argc, char **argv); /* cli_review.c */
int hr_cmd_test(int argc, char **argv);
int hr_cmd_new(int argc, char **argv);
int hr_cmd_report(int argc, char **argv);
int hr_cmd_say(int argc, char **argv); /* voice_cli.c */

/* Shared option handling (cli.c): reads --config FILE into CFG (defaults first).
 * Returns 0 or prints the error and returns -EINVAL. */
struct hr_config;
int hr_cli_load_config(struct hr_config *cfg, const char *path);

/*
 * As hr_cli_load_config(), then for the commands that read content (ask,
 * check, test, new, review): when run inside a content folder (the current
 * directory or a parent holding intents/ or plugins/), that folder is used:
 * a whole content root (with lua/herald.lua) as content_dir unless the config
 * set one, a folder of local content as one more local layer. HERE (capacity
 * HERECAP, at least HR_PATH_MAX) gets the folder new topics go to: that one
 * (for a whole root, the content_dir in use), else the first configured local
 * folder, else a content_dir the config set, else "". Resolves the directories.
 * Returns 0 or -EINVAL (the error printed).
 */
int hr_cli_content_config(struct hr_config *cfg, const char *path, char *here, size_t herecap);

/* `ask --wav`: recognises the WAV file PATH into OUT (voice_cli.c). Returns 0
 * or prints the problem and returns a negative errno. */
int hr_cli_transcribe(const struct hr_config *cfg, const char *path, char *out, size_t cap);

#endif
