#include "webroot.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dirlist.h"
#include "util.h"

struct hr_webroot {
	size_t n;
	size_t total;
	struct hr_web_file files[HR_WEB_FILES_MAX];
};

/*
 * Pages get no-cache (always revalidated, so a portal sees a new demo at once)
 * and a policy that allows only herald's own scripts, styles and connections.
 * Other files may be cached for five minutes: their names carry no version,
 * so a fixed widget must reach pages soon; the ETag makes revalidation cheap.
 */
#define CACHE_PAGE "no-cache"
#define CACHE_ASSET "public, max-age=300"
#define CSP_PAGE                                                                                             \
	"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "                    \
	"connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
/* An SVG opened on its own is a document that could run script: sandbox it. */
#define CSP_SVG "default-src 'none'; style-src 'unsafe-inline'; sandbox"

struct kind {
	const char *ext;
	const char *type;
	const char *cache;
	const char *csp;
};

static const struct kind kinds[] = {
    {".html", "text/html; charset=utf-8", CACHE_PAGE, CSP_PAGE},
    {".js", "text/javascript; charset=utf-8", CACHE_ASSET, NULL},
    {".css", "text/css; charset=utf-8", CACHE_ASSET, NULL},
    {".svg", "image/svg+xml", CACHE_ASSET, CSP_SVG},
    {".png", "image/png", CACHE_ASSET, NULL},
    {".ico", "image/x-icon", CACHE_ASSET, NULL},
    {".txt", "text/plain; charset=utf-8", CACHE_ASSET, NULL},
};

static const struct kind *kind_of(const char *name)
{
	size_t l = strlen(name);
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		size_t el = strlen(kinds[i].ext);
		if (l > el && strcmp(name + l - el, kinds[i].ext) == 0)
			return &kinds[i];
	}
	return NULL;
}

/* Names a request can spell without encoding, and that can never mean a
 * directory or a hidden file. */
static int plain_name(const char *name)
{
	size_t l = strlen(name);
	if (l == 0 || l >= HR_WEB_NAME_MAX || name[0] == '.')
		return 0;
	for (const char *p = name; *p; p++) {
		char ch = *p;
		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
		      ch == '.' || ch == '-' || ch == '_'))
			return 0;
	}
	return 1;
}

/*
 * Reads DIR/NAME whole into a new buffer. Returns 0, -EFBIG past
 * HR_WEB_FILE_MAX, -EINVAL when it is not a regular file (a symlink is not
 * followed), or another -errno.
 */
static int read_file(const char *dir, const char *name, unsigned char **out, size_t *outlen)
{
	char path[4096];
	if (snprintf(path, sizeof(path), "%s/%s", dir, name) >= (int)sizeof(path))
		return -ENAMETOOLONG;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
	if (fd < 0)
		return errno == ELOOP ? -EINVAL : -errno;
	int rc = 0;
	char *data = NULL;
	struct stat st;
	if (fstat(fd, &st) < 0) {
		rc = -errno;
		goto fail;
	}
	if (!S_ISREG(st.st_mode)) {
		rc = -EINVAL;
		goto fail;
	}
	if (st.st_size > HR_WEB_FILE_MAX) {
		rc = -EFBIG;
		goto fail;
	}
	/* hr_read_fd reads one byte more than the cap, so a file that grew since
	 * fstat() is seen. */
	rc = hr_read_fd(fd, HR_WEB_FILE_MAX, &data, outlen);
	if (!rc)
		*out = (unsigned char *)data;
fail:
	close(fd);
	return rc;
}

hr_webroot *hr_webroot_empty(void)
{
	return calloc(1, sizeof(struct hr_webroot));
}

int hr_webroot_load(const char *dir, hr_diag_fn diag, void *ud, hr_webroot **out)
{
	*out = NULL;
	char **names;
	size_t n;
	int rc = hr_dir_list(dir, "", &names, &n);
	if (rc)
		return rc;
	struct hr_webroot *w = hr_webroot_empty();
	if (!w) {
		hr_dir_list_free(names, n);
		return -ENOMEM;
	}
	for (size_t i = 0; i < n; i++) {
		const struct kind *k = kind_of(names[i]);
		if (!k || !plain_name(names[i]))
			continue; /* not on the allowlist: not served, by design */
		unsigned char *data;
		size_t len;
		rc = read_file(dir, names[i], &data, &len);
		if (rc == -EINVAL)
			continue; /* a directory or a symlink that happens to end in .js */
		if (rc == -ENOMEM)
			goto fail;
		if (rc) {
			hr_diagf(diag, ud, names[i], 0, "not served: %s",
			         rc == -EFBIG ? "larger than 1 MiB" : strerror(-rc));
			continue;
		}
		if (w->n == HR_WEB_FILES_MAX || w->total + len > HR_WEB_TOTAL_MAX) {
			hr_diagf(diag, ud, names[i], 0,
			         "not served: the web dir holds more than %d files or 8 MiB",
			         HR_WEB_FILES_MAX);
			free(data);
			continue;
		}
		struct hr_web_file *f = &w->files[w->n++];
		snprintf(f->name, sizeof(f->name), "%s", names[i]);
		f->type = k->type;
		f->cache_control = k->cache;
		f->csp = k->csp;
		f->data = data;
		f->len = len;
		/* FNV-1a, 64 bits: a validator only has to change when the bytes do. */
		snprintf(f->etag, sizeof(f->etag), "\"%016llx-%zx\"",
		         (unsigned long long)hr_fnv1a64(HR_FNV64_SEED, data, len), len);
		w->total += len;
	}
	hr_dir_list_free(names, n);
	*out = w;
	return 0;
fail:
	hr_dir_list_free(names, n);
	hr_webroot_free(w);
	return -ENOMEM;
}

void hr_webroot_free(hr_webroot *w)
{
	if (!w)
		return;
	for (size_t i = 0; i < w->n; i++)
		free((void *)w->files[i].data);
	free(w);
}

size_t hr_webroot_count(const hr_webroot *w)
{
	return w ? w->n : 0;
}

const struct hr_web_file *hr_webroot_find(const hr_webroot *w, const char *path)
{
	if (!w || !path || path[0] != '/')
		return NULL;
	const char *name = path[1] ? path + 1 : "index.html";
	for (size_t i = 0; i < w->n; i++) {
		if (strcmp(w->files[i].name, name) == 0)
			return &w->files[i];
	}
	return NULL;
}

int hr_webroot_etag_matches(const struct hr_web_file *f, const char *inm)
{
	if (!f || !inm)
		return 0;
	size_t el = strlen(f->etag);
	const char *p = inm;
	while (*p) {
		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		if (!*p)
			break;
		if (*p == '*')
			return 1;
		if (p[0] == 'W' && p[1] == '/')
			p += 2;
		size_t tl = strcspn(p, ",");
		while (tl > 0 && (p[tl - 1] == ' ' || p[tl - 1] == '\t'))
			tl--;
		if (tl == el && memcmp(p, f->etag, el) == 0)
			return 1;
		p += strcspn(p, ",");
	}
	return 0;
}
