/* Unit tests of core/daemon/webroot.c: the allowlist, exact-name lookup, types,
 * caching headers, validators and bounds, on a directory made per test. */
#include "cmocka_prelude.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "webroot.h"

static char dir[256];

static void put(const char *name, const char *text)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/herald-webroot-XXXXXX");
	assert_non_null(mkdtemp(dir));
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[300];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	return 0;
}

static int diags;
static char last_diag[256];

static void count_diag(void *ud, const char *file, int line, const char *msg)
{
	(void)ud;
	(void)line;
	diags++;
	snprintf(last_diag, sizeof(last_diag), "%s: %s", file, msg);
}

static hr_webroot *load(void)
{
	hr_webroot *w = NULL;
	diags = 0;
	assert_int_equal(hr_webroot_load(dir, count_diag, NULL, &w), 0);
	assert_non_null(w);
	return w;
}

static void test_types_and_headers(void **state)
{
	(void)state;
	put("index.html", "<!doctype html><title>x</title>");
	put("widget.js", "console.log(1);");
	put("widget.css", "a{}");
	put("logo.svg", "<svg/>");
	put("robots.txt", "User-agent: *");
	hr_webroot *w = load();
	assert_int_equal(hr_webroot_count(w), 5);

	const struct hr_web_file *f = hr_webroot_find(w, "/");
	assert_non_null(f);
	assert_string_equal(f->name, "index.html");
	assert_string_equal(f->type, "text/html; charset=utf-8");
	assert_string_equal(f->cache_control, "no-cache");
	assert_non_null(f->csp);
	assert_non_null(strstr(f->csp, "default-src 'none'"));
	assert_int_equal(f->len, strlen("<!doctype html><title>x</title>"));
	assert_memory_equal(f->data, "<!doctype html>", 15);
	assert_ptr_equal(hr_webroot_find(w, "/index.html"), f);

	f = hr_webroot_find(w, "/widget.js");
	assert_non_null(f);
	assert_string_equal(f->type, "text/javascript; charset=utf-8");
	assert_string_equal(f->cache_control, "public, max-age=300");
	assert_null(f->csp);
	assert_string_equal(hr_webroot_find(w, "/widget.css")->type, "text/css; charset=utf-8");
	assert_string_equal(hr_webroot_find(w, "/logo.svg")->type, "image/svg+xml");
	assert_non_null(hr_webroot_find(w, "/logo.svg")->csp);
	assert_string_equal(hr_webroot_find(w, "/robots.txt")->type, "text/plain; charset=utf-8");
	assert_int_equal(diags, 0);
	hr_webroot_free(w);
}

/* Only allowlisted extensions and plain names are taken; nothing else is reachable. */
static void test_allowlist_and_traversal(void **state)
{
	(void)state;
	put("index.html", "page");
	put("secret.lua", "return 1");
	put("notes.md", "# notes");
	put(".hidden.js", "x");
	put("we ird.js", "x");
	put("widget.js.bak", "x");
	char sub[300];
	snprintf(sub, sizeof(sub), "%s/sub.js", dir); /* a directory named like a file */
	assert_int_equal(mkdir(sub, 0700), 0);
	char link[300];
	snprintf(link, sizeof(link), "%s/passwd.txt", dir); /* a symlink is not followed */
	assert_int_equal(symlink("/etc/passwd", link), 0);

	hr_webroot *w = load();
	assert_int_equal(hr_webroot_count(w), 1);
	assert_non_null(hr_webroot_find(w, "/index.html"));
	const char *refused[] = {
	    "/secret.lua",
	    "/notes.md",
	    "/.hidden.js",
	    "/we ird.js",
	    "/widget.js.bak",
	    "/sub.js",
	    "/passwd.txt",
	    "/../index.html",
	    "/./index.html",
	    "//index.html",
	    "/index.html/",
	    "/INDEX.HTML",
	    "index.html",
	    "",
	    "/index.html?x=1",
	    "/%2e%2e/etc/passwd",
	    "/sub.js/../index.html",
	};
	for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		if (hr_webroot_find(w, refused[i]))
			fail_msg("'%s' was found", refused[i]);
	}
	assert_null(hr_webroot_find(NULL, "/"));
	assert_null(hr_webroot_find(w, NULL));
	assert_int_equal(diags, 0);
	hr_webroot_free(w);
}

static void test_etag(void **state)
{
	(void)state;
	put("widget.js", "one");
	hr_webroot *w = load();
	const struct hr_web_file *f = hr_webroot_find(w, "/widget.js");
	char etag1[sizeof(f->etag)];
	snprintf(etag1, sizeof(etag1), "%s", f->etag);
	/* Strong: quoted, no W/ prefix. */
	assert_int_equal(etag1[0], '"');
	assert_int_equal(etag1[strlen(etag1) - 1], '"');

	assert_true(hr_webroot_etag_matches(f, etag1));
	assert_true(hr_webroot_etag_matches(f, "*"));
	char list[200];
	snprintf(list, sizeof(list), "\"abc\", W/%s", etag1);
	assert_true(hr_webroot_etag_matches(f, list));
	snprintf(list, sizeof(list), "\"abc\" ,%s ", etag1);
	assert_true(hr_webroot_etag_matches(f, list));
	assert_false(hr_webroot_etag_matches(f, "\"abc\""));
	assert_false(hr_webroot_etag_matches(f, ""));
	assert_false(hr_webroot_etag_matches(f, NULL));
	snprintf(list, sizeof(list), "%.*s", (int)strlen(etag1) - 1, etag1); /* a prefix is not a match */
	assert_false(hr_webroot_etag_matches(f, list));
	hr_webroot_free(w);

	/* Same bytes, same tag; other bytes, another tag. */
	w = load();
	assert_string_equal(hr_webroot_find(w, "/widget.js")->etag, etag1);
	hr_webroot_free(w);
	put("widget.js", "two");
	w = load();
	assert_string_not_equal(hr_webroot_find(w, "/widget.js")->etag, etag1);
	hr_webroot_free(w);
}

static void test_size_cap(void **state)
{
	(void)state;
	char path[300];
	snprintf(path, sizeof(path), "%s/huge.js", dir);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fseek(f, HR_WEB_FILE_MAX, SEEK_SET), 0); /* one byte over the cap */
	fputc('x', f);
	fclose(f);
	put("empty.txt", "");
	hr_webroot *w = load();
	assert_null(hr_webroot_find(w, "/huge.js"));
	assert_int_equal(diags, 1);
	assert_non_null(strstr(last_diag, "huge.js"));
	const struct hr_web_file *e = hr_webroot_find(w, "/empty.txt");
	assert_non_null(e);
	assert_int_equal(e->len, 0);
	hr_webroot_free(w);
}

static void test_missing_dir(void **state)
{
	(void)state;
	hr_webroot *w = (hr_webroot *)1;
	char missing[300];
	snprintf(missing, sizeof(missing), "%s/nope", dir);
	assert_int_equal(hr_webroot_load(missing, NULL, NULL, &w), -ENOENT);
	assert_null(w);
	w = hr_webroot_empty();
	assert_int_equal(hr_webroot_count(w), 0);
	assert_null(hr_webroot_find(w, "/"));
	hr_webroot_free(w);
	hr_webroot_free(NULL);
}

/* The bundled web/ loads whole, with the widget and the demo page. */
static void test_bundled(void **state)
{
	(void)state;
	hr_webroot *w = NULL;
	diags = 0;
	assert_int_equal(hr_webroot_load(HERALD_SOURCE_DIR "/web", count_diag, NULL, &w), 0);
	assert_int_equal(diags, 0);
	const struct hr_web_file *js = hr_webroot_find(w, "/widget.js");
	assert_non_null(js);
	assert_true(js->len < 30 * 1024); /* the budget, unminified */
	assert_non_null(hr_webroot_find(w, "/"));
	hr_webroot_free(w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_types_and_headers, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_allowlist_and_traversal, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_etag, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_size_cap, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_missing_dir, setup, teardown),
	    cmocka_unit_test(test_bundled),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
