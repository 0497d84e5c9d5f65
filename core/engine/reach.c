#include "reach.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The largest plugin file read for its hand-overs. */
#define MAX_PLUGIN_FILE (4u << 20)

size_t hr_reach_scan_hand_overs(const char *src, size_t len, hr_reach_target_fn fn, void *ud)
{
	static const char call[] = "hand_over";
	size_t found = 0;
	for (size_t i = 0; i < len; i++) {
		/* A comment runs to the end of the line; a commented-out call
		 * reaches nothing. */
		if (src[i] == '-' && i + 1 < len && src[i + 1] == '-') {
			while (i < len && src[i] != '\n')
				i++;
			continue;
		}
		if (len - i < sizeof(call) - 1 || memcmp(src + i, call, sizeof(call) - 1) != 0)
			continue;
		/* Only the SDK's function: "herald.hand_over" or a bare call, not
		 * a longer name that ends the same way ("my_hand_over"). */
		if (i > 0 && src[i - 1] != '.' && src[i - 1] != ' ' && src[i - 1] != '\t' &&
		    src[i - 1] != '(')
			continue;
		size_t p = i + sizeof(call) - 1;
		while (p < len && (src[p] == ' ' || src[p] == '\t'))
			p++;
		if (p < len && src[p] == '(')
			p++;
		while (p < len && (src[p] == ' ' || src[p] == '\t'))
			p++;
		if (p >= len || (src[p] != '"' && src[p] != '\''))
			continue;
		char quote = src[p++];
		size_t start = p;
		while (p < len && src[p] != quote && src[p] != '\n')
			p++;
		if (p >= len || src[p] != quote || p == start)
			continue;
		if (fn)
			fn(ud, src + start, p - start);
		found++;
		i = p;
	}
	return found;
}

/* The hand-over targets of all plugins, each with the first plugin naming it. */
struct targets {
	char **name;
	const char **by;
	size_t n;
	const char *plugin; /* the plugin being read */
	int oom;
};

static void add_target(void *ud, const char *target, size_t len)
{
	struct targets *t = ud;
	for (size_t i = 0; i < t->n; i++) {
		if (strlen(t->name[i]) == len && memcmp(t->name[i], target, len) == 0)
			return;
	}
	char **name = realloc(t->name, (t->n + 1) * sizeof(*name));
	if (name)
		t->name = name;
	const char **by = name ? realloc(t->by, (t->n + 1) * sizeof(*by)) : NULL;
	if (by)
		t->by = by;
	char *copy = by ? strndup(target, len) : NULL;
	if (!copy) {
		t->oom = 1;
		return;
	}
	t->name[t->n] = copy;
	t->by[t->n] = t->plugin;
	t->n++;
}

static void targets_free(struct targets *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->name[i]);
	free(t->name);
	free(t->by);
}

/* Reads PATH whole and scans it into T. */
static int scan_file(const char *path, struct targets *t)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -errno;
	char *buf = malloc(MAX_PLUGIN_FILE);
	if (!buf) {
		fclose(f);
		return -ENOMEM;
	}
	size_t n = fread(buf, 1, MAX_PLUGIN_FILE, f);
	int err = ferror(f);
	fclose(f);
	if (err) {
		free(buf);
		return -EIO;
	}
	hr_reach_scan_hand_overs(buf, n, add_target, t);
	free(buf);
	return t->oom ? -ENOMEM : 0;
}

static int push(struct hr_reach_map *m, const char *handler, const char *plugin)
{
	struct hr_reached *v = realloc(m->v, (m->n + 1) * sizeof(*v));
	if (!v)
		return -ENOMEM;
	m->v = v;
	struct hr_reached *x = &v[m->n];
	memset(x, 0, sizeof(*x));
	x->plugin = plugin;
	x->how = HR_REACH_NONE;
	if (!(x->handler = strdup(handler)))
		return -ENOMEM;
	m->n++;
	return 0;
}

/* Whether any plugin of PLUGINS registers a handler named NAME. */
static int has_handler(const hr_plugins *plugins, const char *name)
{
	for (size_t p = 0; p < hr_plugins_count(plugins); p++) {
		struct hr_plugin_info pi;
		if (hr_plugins_info(plugins, p, &pi))
			continue;
		for (size_t h = 0; h < pi.nhandlers; h++) {
			if (strcmp(pi.handlers[h], name) == 0)
				return 1;
		}
	}
	return 0;
}

static int push_dangling(struct hr_reach_map *m, const char *target, const char *plugin)
{
	struct hr_dangling *d = realloc(m->dangling, (m->ndangling + 1) * sizeof(*d));
	if (!d)
		return -ENOMEM;
	m->dangling = d;
	if (!(d[m->ndangling].target = strdup(target)))
		return -ENOMEM;
	d[m->ndangling].plugin = plugin;
	m->ndangling++;
	return 0;
}

int hr_reach_build(const hr_intents *intents, const hr_plugins *plugins, struct hr_reach_map *out)
{
	struct targets t = {0};
	int rc = 0;
	size_t np = hr_plugins_count(plugins);
	for (size_t p = 0; p < np && rc == 0; p++) {
		struct hr_plugin_info pi;
		if (hr_plugins_info(plugins, p, &pi) || !pi.path)
			continue;
		t.plugin = pi.name;
		rc = scan_file(pi.path, &t);
	}
	for (size_t p = 0; p < np && rc == 0; p++) {
		struct hr_plugin_info pi;
		if (hr_plugins_info(plugins, p, &pi))
			continue;
		for (size_t h = 0; h < pi.nhandlers && rc == 0; h++) {
			const char *name = pi.handlers[h];
			if (hr_intents_find(intents, name))
				continue;
			if ((rc = push(out, name, pi.name)))
				break;
			struct hr_reached *x = &out->v[out->n - 1];
			/* TOPIC.FACET: the topic is everything before the last dot. */
			const char *dot = strrchr(name, '.');
			if (dot && dot != name && hr_facet_known(dot + 1)) {
				char topic[HR_NAME_MAX];
				size_t tl = (size_t)(dot - name);
				if (tl < sizeof(topic)) {
					memcpy(topic, name, tl);
					topic[tl] = '\0';
					x->topic = hr_intents_find(intents, topic);
				}
			}
			if (x->topic) {
				x->how = HR_REACH_FACET;
				if (!(x->facet = strdup(dot + 1)))
					rc = -ENOMEM;
				continue;
			}
			for (size_t k = 0; k < t.n; k++) {
				if (strcmp(t.name[k], name) == 0) {
					x->how = HR_REACH_HAND_OVER;
					if (!(x->handed_by = strdup(t.by[k])))
						rc = -ENOMEM;
					break;
				}
			}
		}
	}
	for (size_t k = 0; k < t.n && rc == 0; k++) {
		if (!has_handler(plugins, t.name[k]))
			rc = push_dangling(out, t.name[k], t.by[k]);
	}
	targets_free(&t);
	if (rc)
		hr_reach_free(out);
	return rc;
}

void hr_reach_free(struct hr_reach_map *m)
{
	for (size_t i = 0; i < m->n; i++) {
		free(m->v[i].handler);
		free(m->v[i].facet);
		free(m->v[i].handed_by);
	}
	free(m->v);
	for (size_t i = 0; i < m->ndangling; i++)
		free(m->dangling[i].target);
	free(m->dangling);
	memset(m, 0, sizeof(*m));
}

const char *hr_reach_label(enum hr_reach how)
{
	switch (how) {
	case HR_REACH_FACET:
		return "a facet: a follow-up asking this detail after the topic's answer";
	case HR_REACH_HAND_OVER:
		return "a hand-over target: another handler hands its question here";
	default:
		return "unreachable: no intent, facet or hand-over reaches it";
	}
}
