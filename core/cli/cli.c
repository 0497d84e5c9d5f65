/*
 * What the subcommands share (cli.h). Each command's file calls these and
 * nothing in another command's file, so the commands form no cycle.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "config.h"
#include "dirlist.h"

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

static int is_dir(const char *dir, const char *sub)
{
	char path[PATH_MAX + 32];
	struct stat sb;
	snprintf(path, sizeof(path), "%s/%s", dir, sub);
	return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

static int is_file(const char *dir, const char *sub)
{
	char path[PATH_MAX + 32];
	struct stat sb;
	snprintf(path, sizeof(path), "%s/%s", dir, sub);
	return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

struct same_dir {
	const char *want; /* a real path */
	int found;
};

static int same_dir(const char *dir, void *ud)
{
	struct same_dir *s = ud;
	char real[PATH_MAX];
	if (realpath(dir, real) && strcmp(real, s->want) == 0)
		s->found = 1;
	return 0;
}

static int first_dir(const char *dir, void *ud)
{
	snprintf(ud, HR_PATH_MAX, "%s", dir);
	return 1;
}

int hr_cli_content_config(struct hr_config *cfg, const char *path, char *here, size_t herecap)
{
	if (hr_cli_load_config(cfg, path))
		return -EINVAL;
	struct hr_config def;
	hr_config_defaults(&def);
	here[0] = '\0';
	/* The content folder the person is working in: the current directory or
	 * the nearest parent with intents/ or plugins/. A whole content root
	 * (with the SDK, lua/herald.lua: a checkout or a copy of one) replaces the
	 * built-in content_dir unless the config chose one; a folder of local
	 * content is added as one more layer. */
	char dir[HR_PATH_MAX];
	if (getcwd(dir, sizeof(dir))) {
		for (;;) {
			if (is_dir(dir, "intents") || is_dir(dir, "plugins")) {
				if (is_file(dir, "lua/herald.lua")) {
					/* A content_dir the config chose wins over the
					 * folder one happens to be in. */
					if (strcmp(cfg->content_dir, def.content_dir) == 0)
						snprintf(cfg->content_dir, sizeof(cfg->content_dir), "%s",
						         dir);
					snprintf(here, herecap, "%s", cfg->content_dir);
				} else {
					struct same_dir s = {dir, 0};
					hr_layers_each(cfg->local_content_dirs, same_dir, &s);
					size_t l = strlen(cfg->local_content_dirs);
					if (!s.found && l + strlen(dir) + 2 < sizeof(cfg->local_content_dirs))
						snprintf(cfg->local_content_dirs + l,
						         sizeof(cfg->local_content_dirs) - l, "%s%s",
						         l ? "," : "", dir);
					snprintf(here, herecap, "%s", dir);
				}
				break;
			}
			char *slash = strrchr(dir, '/');
			if (!slash || slash == dir)
				break;
			*slash = '\0';
		}
	}
	if (!here[0] && herecap >= HR_PATH_MAX)
		hr_layers_each(cfg->local_content_dirs, first_dir, here);
	/* Outside any content folder, with none configured: the content_dir a
	 * config chose, never the built-in one (the tree the binary was built
	 * from, perhaps another person's checkout). */
	if (!here[0] && strcmp(cfg->content_dir, def.content_dir) != 0)
		snprintf(here, herecap, "%s", cfg->content_dir);
	hr_config_resolve(cfg);
	return 0;
}
