/*
 * English stems for the ranker: Snowball's English stemmer (libstemmer).
 * Built one of two ways, chosen when CMake configures (CMakeLists.txt):
 * - HERALD_STEM_ENGLISH_ONLY: the English stemmer alone, linked from
 *   libstemmer.a. The shared library relocates every language's tables at
 *   load (~0.7 MB of every herald process for one of thirty languages:
 *   docs/performance.md, thirteenth round), so this is the default where the
 *   configure check passes: it stems a word list both through this path and
 *   through libstemmer's own API and requires the same stems, so the private
 *   layout this path reads (below) is checked against the library built with.
 * - otherwise, libstemmer's public API (sb_stemmer_*), shared.
 * Not thread-safe: one stemmer per thread (the ranker's scratch).
 */
#ifndef HERALD_STEM_H
#define HERALD_STEM_H

#include <stddef.h>

typedef struct hr_stemmer hr_stemmer;

/* NULL when out of memory. */
hr_stemmer *hr_stemmer_new(void);
void hr_stemmer_free(hr_stemmer *st);

/* The stem of the UTF-8 word W[0..LEN): a pointer into ST valid until its
 * next call, its length in *OUTLEN; NULL when out of memory. */
const char *hr_stem(hr_stemmer *st, const char *w, size_t len, size_t *outlen);

#endif
