/*
 * Text normalisation shared by the safety check and the intent engine, so that
 * both see the same words: ASCII lower case, typographic punctuation folded to
 * ASCII, sentence punctuation turned into spaces, whitespace collapsed.
 * Plain C: no loop, no Lua, no network.
 */
#ifndef HERALD_TEXT_H
#define HERALD_TEXT_H

#include <stddef.h>

/*
 * Writes the normalised form of IN[0..LEN) to OUT (capacity CAP, NUL-terminated).
 * Keeps letters, digits and the characters that carry meaning in this domain
 * ("+" in "IHC 2+", "-" in "T-DM1", "'" in "what's", "/" and "%", and "." inside
 * numbers such as "100.4"); every other ASCII punctuation mark becomes a space.
 * Bytes of other UTF-8 characters are kept as they are.
 * Returns the length written, or -ENOSPC when OUT is too small.
 */
int hr_text_normalize(const char *in, size_t len, char *out, size_t cap);

/* A sentence of a message: bytes [start, start + len) of the text as sent. */
struct hr_text_span {
	int start, len;
};

/*
 * Splits S[0..LEN) into sentences at ". ", "?", "!", ";" and line breaks (a
 * point inside a number or a word, as in "4.6" or "chemo.a", does not end
 * one), writing at most MAX spans to OUT and dropping empty ones. When there
 * are more than MAX, the last MAX are kept: people ask at the end of a long
 * story. Returns the number written.
 */
size_t hr_text_sentences(const char *s, size_t len, struct hr_text_span *out, size_t max);

/*
 * Whether a sentence asks something rather than tells: RAW (the sentence as
 * sent, RAWLEN bytes) ends with a question mark, or NORM (the same sentence,
 * normalised) starts with a question word ("what", "how", "can", "should",
 * "is"...) or holds a request ("i want to know", "tell me", "would like
 * suggestions", "do you have information", "pls help", "any tips", "curious
 * whether"). Returns 1 or 0.
 */
int hr_text_asks(const char *raw, size_t rawlen, const char *norm);

/*
 * Whether normalised sentence NORM only pleads for help and names nothing
 * ("any advice would be appreciated", "thanks in advance for any help",
 * "please let me know", "any thoughts?"): every word is one of a closed list
 * of pleading and polite words, and one of them asks for help. Such a
 * sentence, closing a letter, points to the question before it
 * (docs/intents.md, Focus). Returns 1 or 0.
 */
int hr_text_plea(const char *norm);

/* Returns 1 when S[0..LEN) is valid UTF-8, else 0. */
int hr_text_valid_utf8(const char *s, size_t len);

#endif
