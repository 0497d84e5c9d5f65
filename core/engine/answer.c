#include "answer.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

void hr_answer_clear(struct hr_answer *a)
{
	free(a->intent);
	free(a->text);
	free(a->speech);
	for (size_t i = 0; i < a->nsources; i++) {
		free(a->sources[i].title);
		free(a->sources[i].publisher);
		free(a->sources[i].url);
	}
	for (size_t i = 0; i < a->nsuggestions; i++)
		free(a->suggestions[i]);
	for (size_t i = 0; i < a->nremember; i++) {
		free(a->remember_name[i]);
		free(a->remember_value[i]);
	}
	memset(a, 0, sizeof(*a));
}

const char *hr_answer_kind_name(enum hr_answer_kind k)
{
	switch (k) {
	case HR_KIND_CLARIFY:
		return "clarify";
	case HR_KIND_FALLBACK:
		return "fallback";
	default:
		return "answer";
	}
}

const char *hr_safety_name(enum hr_safety_level s)
{
	switch (s) {
	case HR_SAFETY_URGENT:
		return "urgent";
	case HR_SAFETY_CRISIS:
		return "crisis";
	default:
		return NULL;
	}
}

int hr_answer_set(char **field, const char *value)
{
	char *copy = value ? strdup(value) : NULL;
	if (value && !copy)
		return -ENOMEM;
	free(*field);
	*field = copy;
	return 0;
}

int hr_answer_add_source(struct hr_answer *a, const char *title, const char *publisher, const char *url)
{
	if (a->nsources >= HR_MAX_SOURCES)
		return -ENOSPC;
	struct hr_source *s = &a->sources[a->nsources];
	memset(s, 0, sizeof(*s));
	if (hr_answer_set(&s->title, title) || hr_answer_set(&s->publisher, publisher) ||
	    hr_answer_set(&s->url, url)) {
		free(s->title);
		free(s->publisher);
		free(s->url);
		memset(s, 0, sizeof(*s));
		return -ENOMEM;
	}
	a->nsources++;
	return 0;
}

int hr_answer_add_suggestion(struct hr_answer *a, const char *text)
{
	if (a->nsuggestions >= HR_MAX_SUGGESTIONS)
		return -ENOSPC;
	char *c = strdup(text);
	if (!c)
		return -ENOMEM;
	a->suggestions[a->nsuggestions++] = c;
	return 0;
}

int hr_answer_add_remember(struct hr_answer *a, const char *name, const char *value)
{
	if (a->nremember >= HR_MAX_REMEMBER)
		return -ENOSPC;
	char *n = strdup(name), *v = strdup(value);
	if (!n || !v) {
		free(n);
		free(v);
		return -ENOMEM;
	}
	a->remember_name[a->nremember] = n;
	a->remember_value[a->nremember] = v;
	a->nremember++;
	return 0;
}
