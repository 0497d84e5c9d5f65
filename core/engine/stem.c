/* English stems (stem.h): libstemmer's English stemmer alone, or its API. */
#include "stem.h"

#include <stdlib.h>

#ifdef HERALD_STEM_ENGLISH_ONLY

/* libstemmer's own environment (its runtime/header.h, not installed):
 * the current string P of L bytes after stemming. CMake's configure check
 * compares this path's stems with sb_stemmer_stem's before choosing it. */
struct SN_env {
	unsigned char *p;
	int c, l, lb, bra, ket;
	unsigned char **S;
	int *I;
};
struct SN_env *english_UTF_8_create_env(void);
void english_UTF_8_close_env(struct SN_env *z);
int english_UTF_8_stem(struct SN_env *z);
int SN_set_current(struct SN_env *z, int size, const unsigned char *s);

struct hr_stemmer {
	struct SN_env *z;
};

hr_stemmer *hr_stemmer_new(void)
{
	hr_stemmer *st = malloc(sizeof(*st));
	if (st && !(st->z = english_UTF_8_create_env())) {
		free(st);
		st = NULL;
	}
	return st;
}

void hr_stemmer_free(hr_stemmer *st)
{
	if (!st)
		return;
	english_UTF_8_close_env(st->z);
	free(st);
}

const char *hr_stem(hr_stemmer *st, const char *w, size_t len, size_t *outlen)
{
	if (len > 1024 || SN_set_current(st->z, (int)len, (const unsigned char *)w) < 0 ||
	    english_UTF_8_stem(st->z) < 0)
		return NULL;
	*outlen = (size_t)st->z->l;
	return (const char *)st->z->p;
}

#else

#include <libstemmer.h>

struct hr_stemmer {
	struct sb_stemmer *sb;
};

hr_stemmer *hr_stemmer_new(void)
{
	hr_stemmer *st = malloc(sizeof(*st));
	if (st && !(st->sb = sb_stemmer_new("english", NULL))) {
		free(st);
		st = NULL;
	}
	return st;
}

void hr_stemmer_free(hr_stemmer *st)
{
	if (!st)
		return;
	sb_stemmer_delete(st->sb);
	free(st);
}

const char *hr_stem(hr_stemmer *st, const char *w, size_t len, size_t *outlen)
{
	if (len > 1024)
		return NULL;
	const sb_symbol *s = sb_stemmer_stem(st->sb, (const sb_symbol *)w, (int)len);
	if (!s)
		return NULL;
	*outlen = (size_t)sb_stemmer_length(st->sb);
	return (const char *)s;
}

#endif
