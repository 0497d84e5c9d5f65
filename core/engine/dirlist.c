#include "dirlist.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int hr_dir_list(const char *dir, const char *suffix, char ***names, size_t *n)
{
	*names = NULL;
	*n = 0;
	DIR *d = opendir(dir);
	if (!d)
		return -errno;
	size_t sl = strlen(suffix), cap = 0;
	struct dirent *de;
	int rc = 0;
	while ((de = readdir(d))) {
		size_t l = strlen(de->d_name);
		if (de->d_name[0] == '.' || l <= sl || strcmp(de->d_name + l - sl, suffix) != 0)
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			char **nn = realloc(*names, cap * sizeof(**names));
			if (!nn) {
				rc = -ENOMEM;
				break;
			}
			*names = nn;
		}
		if (!((*names)[*n] = strdup(de->d_name))) {
			rc = -ENOMEM;
			break;
		}
		(*n)++;
	}
	closedir(d);
	if (rc) {
		hr_dir_list_free(*names, *n);
		*names = NULL;
		*n = 0;
		return rc;
	}
	if (*n)
		qsort(*names, *n, sizeof(**names), name_cmp);
	return 0;
}

void hr_dir_list_free(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

int hr_dir_add_files(const char *dir, const char *suffix,
                     int (*add)(void *set, const char *path, hr_diag_fn diag, void *ud), void *set,
                     hr_diag_fn diag, void *ud)
{
	char **names;
	size_t n;
	int rc = hr_dir_list(dir, suffix, &names, &n);
	if (rc) {
		hr_diagf(diag, ud, dir, 0, "cannot read directory: %s", strerror(-rc));
		return rc;
	}
	for (size_t i = 0; i < n; i++) {
		char path[4096];
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		int r = add(set, path, diag, ud);
		if (r == -ENOMEM)
			rc = r;
		else if (r && !rc)
			rc = -EINVAL;
	}
	hr_dir_list_free(names, n);
	return rc;
}

int hr_layers_each(const char *locals, int (*fn)(const char *dir, void *ud), void *ud)
{
	for (const char *p = locals ? locals : ""; *p;) {
		while (*p == ' ' || *p == ',')
			p++;
		size_t len = strcspn(p, ",");
		size_t end = len;
		while (end && p[end - 1] == ' ')
			end--;
		if (end) {
			char dir[4096];
			if (end >= sizeof(dir))
				return -ENAMETOOLONG;
			memcpy(dir, p, end);
			dir[end] = '\0';
			int rc = fn(dir, ud);
			if (rc)
				return rc;
		}
		p += len;
	}
	return 0;
}

/* The merged listing being built: one entry per file name, the last layer's
 * path kept. */
struct layers {
	char **names, **paths;
	size_t n, cap;
	const char *sub, *suffix;
};

static int layer_add(struct layers *l, const char *dir)
{
	char **names;
	size_t n;
	int rc = hr_dir_list(dir, l->suffix, &names, &n);
	if (rc)
		return rc;
	for (size_t i = 0; i < n && rc == 0; i++) {
		char *path = NULL;
		if (asprintf(&path, "%s/%s", dir, names[i]) < 0) {
			rc = -ENOMEM;
			break;
		}
		size_t k = 0;
		while (k < l->n && strcmp(l->names[k], names[i]) != 0)
			k++;
		if (k < l->n) { /* the same name: this layer's file replaces it */
			free(l->paths[k]);
			l->paths[k] = path;
			continue;
		}
		if (l->n == l->cap) {
			size_t cap = l->cap ? l->cap * 2 : 32;
			char **nn = realloc(l->names, cap * sizeof(*nn));
			if (nn)
				l->names = nn;
			char **np = nn ? realloc(l->paths, cap * sizeof(*np)) : NULL;
			if (!np) {
				free(path);
				rc = -ENOMEM;
				break;
			}
			l->paths = np;
			l->cap = cap;
		}
		l->names[l->n] = names[i];
		names[i] = NULL; /* now owned by the listing */
		l->paths[l->n++] = path;
	}
	hr_dir_list_free(names, n);
	return rc;
}

static int layer_local(const char *dir, void *ud)
{
	struct layers *l = ud;
	char sub[4096];
	if (snprintf(sub, sizeof(sub), "%s/%s", dir, l->sub) >= (int)sizeof(sub))
		return -ENAMETOOLONG;
	int rc = layer_add(l, sub);
	return rc == -ENOENT || rc == -ENOTDIR ? 0 : rc;
}

static int path_cmp(const void *a, const void *b)
{
	const char *pa = strrchr(*(char *const *)a, '/'), *pb = strrchr(*(char *const *)b, '/');
	return strcmp(pa ? pa + 1 : *(char *const *)a, pb ? pb + 1 : *(char *const *)b);
}

int hr_layers_list(const char *base, const char *locals, const char *sub, const char *suffix, char ***paths,
                   size_t *n)
{
	struct layers l = {.sub = sub, .suffix = suffix};
	*paths = NULL;
	*n = 0;
	int rc = layer_add(&l, base);
	if (rc == 0)
		rc = hr_layers_each(locals, layer_local, &l);
	hr_dir_list_free(l.names, l.n);
	if (rc) {
		hr_dir_list_free(l.paths, l.n);
		return rc;
	}
	if (l.n)
		qsort(l.paths, l.n, sizeof(*l.paths), path_cmp);
	*paths = l.paths;
	*n = l.n;
	return 0;
}
