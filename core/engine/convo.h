/*
 * A conversation that travels with the client (docs/protocol.md, "context").
 *
 * Every POST /v1/ask reply carries the conversation it leaves behind (struct
 * hr_convo: the intent that answered and the remembered slots) as a short
 * string, and a request may send that string back. Whichever instance
 * answers, a follow-up such as "what are its side effects?" then resolves,
 * even when the instance that held the session in memory has stopped.
 *
 * The string is opaque to clients: "2." (the version) and the base64url of
 *   u8 len, previous intent | u8 n | n x (u8 len, name, u8 len, value)
 *   | u8 len, topic
 * so it is URL-safe, at most HR_CONVO_CONTEXT_MAX bytes, and a later version
 * can change everything after the dot. Version 1, written before the topic
 * (the words of the last question, for "does it hurt?": docs/intents.md,
 * Conversation), is the same without it, and is still read.
 *
 * No signature. A context only shapes the answer to the request that carries
 * it, which goes back to the client that sent it: a client that forges one
 * steers its own conversation, which it can already do by typing ("tell me
 * about Enhertu" sets drug = t_dxd). It cannot skip the safety layer (that
 * reads the question's text before anything reads the context) nor reach
 * anyone else's conversation. What it can add beyond typing is names and
 * values the content never produces; plugins already look remembered values
 * up in their own tables, because a context saved before a reload may name
 * something the new content lacks, and the worst case is the "which drug do
 * you mean?" reply or the polite apology. A signature would need a secret
 * shared, and rotated, by every instance, and would protect nothing but the
 * client from itself. Should the context ever carry something a client must
 * not choose, it needs a MAC and a new version.
 *
 * What this module does guarantee is that hostile bytes go nowhere: decoding
 * is bounded (length, count, every field), rejects truncation, trailing bytes,
 * non-canonical base64, invalid UTF-8, control characters and duplicate
 * names, and the previous intent must be spelled like an intent name (one
 * that does not exist is harmless: plugins only compare it). So nothing from
 * a context can overflow a buffer or break a log line even if a plugin were
 * to echo it.
 *
 * Privacy: slot values are words the person typed, so the context is health
 * information. herald never logs it; clients keep it as they keep the
 * message text (docs/protocol.md).
 *
 * Plain C, no allocation, no loop: unit tests and fuzzers call it directly.
 */
#ifndef HERALD_CONVO_H
#define HERALD_CONVO_H

#include <stddef.h>

#include "engine.h"

#define HR_CONVO_VERSION 2

/* The longest context string accepted, in bytes, now and in later versions.
 * Any conversation herald holds encodes in at most this: the topic is cut
 * to fit when every slot is full and long. */
#define HR_CONVO_CONTEXT_MAX 1536

/*
 * Writes CONVO as a context string into BUF (CAP bytes, NUL-terminated) and
 * its length into *LEN. Entries a decoder would refuse (text that is not
 * valid UTF-8 or holds control characters, a previous intent not spelled as
 * an intent name) are left out, so whatever this writes decodes again; the
 * topic loses its oldest words when the string would be too long.
 * A buffer of HR_CONVO_CONTEXT_MAX + 1 bytes always suffices.
 * Returns 0 or -ENOSPC.
 */
int hr_convo_encode(const struct hr_convo *convo, char *buf, size_t cap, size_t *len);

/*
 * Reads the context string TEXT[0..LEN) (not NUL-terminated) into *OUT.
 * Reads versions 1 and 2. Returns 0; -E2BIG when LEN is over
 * HR_CONVO_CONTEXT_MAX; -ENOTSUP for another version; -EINVAL for anything else malformed. On error *OUT is
 * an empty conversation.
 */
int hr_convo_decode(const char *text, size_t len, struct hr_convo *out);

/* A word for the log saying why hr_convo_decode() refused a context:
 * "too_large", "version" or "malformed". Never the context itself. */
const char *hr_convo_error_name(int rc);

#endif
