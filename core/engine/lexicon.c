/*
 * The reader of pronunciation lexicons (lexicon.h).
 */
#include "lexicon.h"

#include <string.h>

int hr_lexicon_scan(const char *text, size_t len, int cmudict, hr_lexicon_line_fn fn, void *ud)
{
	char line[1024];
	int lineno = 0;
	for (const char *p = text, *end = text + len; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t ll = nl ? (size_t)(nl - p) : (size_t)(end - p);
		if (ll >= sizeof(line))
			ll = sizeof(line) - 1; /* no entry is that long: the rest is dropped */
		memcpy(line, p, ll);
		line[ll] = '\0';
		p = nl ? nl + 1 : end;
		lineno++;
		if (!cmudict) {
			char *hash = strchr(line, '#');
			if (hash)
				*hash = '\0';
		}
		line[strcspn(line, "\r")] = '\0';
		char *w = line;
		while (*w == ' ' || *w == '\t')
			w++;
		if (!*w || (cmudict && w[0] == ';'))
			continue;
		char *rest = w + strcspn(w, " \t");
		if (*rest)
			*rest++ = '\0';
		while (*rest == ' ' || *rest == '\t')
			rest++;
		struct hr_lexicon_line l = {w, rest, NULL, lineno};
		if (cmudict) {
			char *paren = strchr(w, '(');
			if (paren)
				*paren = '\0';
		} else if (rest[0] == '=') {
			const char *r = rest + 1;
			while (*r == ' ')
				r++;
			l.phones = NULL;
			l.respelling = r;
		}
		int rc = fn(ud, &l);
		if (rc < 0)
			return rc;
	}
	return 0;
}
