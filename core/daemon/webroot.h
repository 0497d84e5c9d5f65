/*
 * The static files of the chat widget (web_dir: widget.js, the demo page),
 * read into memory once so that serving them never touches the disk on the
 * event loop, and looked up by exact name so that no request path can reach a
 * file outside the set (there is no path joining, hence no traversal).
 * Plain C: no libwebsockets, no uv; server.c turns a file into a response.
 *
 * Only regular files directly in the directory are taken, whose name is
 * letters, digits, '.', '-' or '_' (not starting with '.') and whose
 * extension is on the allowlist (.html .js .css .svg .png .ico .txt); other
 * entries are ignored. A set is immutable once loaded: a reload builds a new
 * one and swaps it whole.
 */
#ifndef HERALD_WEBROOT_H
#define HERALD_WEBROOT_H

#include <stddef.h>

#include "diag.h"

/* A file larger than this is not served (and is reported); the widget is < 30 KB. */
#define HR_WEB_FILE_MAX (1024 * 1024)
/* At most this many files, and this many bytes in all, per set. */
#define HR_WEB_FILES_MAX 64
#define HR_WEB_TOTAL_MAX (8 * 1024 * 1024)
#define HR_WEB_NAME_MAX 64

/* One file, ready to serve. Every pointer lives as long as its set. */
struct hr_web_file {
	char name[HR_WEB_NAME_MAX]; /* "widget.js": the request path without its '/' */
	const char *type;           /* Content-Type, with charset for text */
	const char *cache_control;  /* Cache-Control */
	const char *csp;            /* Content-Security-Policy for pages, NULL for the rest */
	char etag[48];              /* a strong validator, quoted: "\"<hash>-<size>\"" */
	const unsigned char *data;
	size_t len;
};

typedef struct hr_webroot hr_webroot;

/*
 * Reads the allowed files of DIR into a new set (*OUT, freed with
 * hr_webroot_free()). A file that cannot be read, is too large, or would pass
 * the set's bounds is left out and reported through DIAG (may be NULL); the
 * rest load. Returns 0, -ENOENT/-ENOTDIR/-EACCES when DIR cannot be listed,
 * or -ENOMEM.
 */
int hr_webroot_load(const char *dir, hr_diag_fn diag, void *ud, hr_webroot **out);

/* An empty set (serves nothing): what a daemon without a web dir uses. NULL on -ENOMEM. */
hr_webroot *hr_webroot_empty(void);

void hr_webroot_free(hr_webroot *w);

/* How many files the set holds. */
size_t hr_webroot_count(const hr_webroot *w);

/*
 * The file for request path PATH ("/" is "/index.html"), or NULL. PATH must
 * be the decoded path without the query; anything but "/" followed by one of
 * the loaded names, byte for byte, is NULL. W may be NULL.
 */
const struct hr_web_file *hr_webroot_find(const hr_webroot *w, const char *path);

/*
 * Whether an If-None-Match header value (a list of entity tags, or "*")
 * names F's current version, so the answer can be 304 Not Modified. Weak tags
 * (W/"...") match too, as RFC 9110 asks for If-None-Match.
 */
int hr_webroot_etag_matches(const struct hr_web_file *f, const char *if_none_match);

#endif
