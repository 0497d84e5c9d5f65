/*
 * herald's side of speech_module.h: asr.h and tts.h, forwarded to the speech
 * module, which is loaded by the first call that needs it (hr_tts_new and
 * hr_asr_new run on the thread pool: voice.c loads its models there, so the
 * dlopen never blocks a loop). Until then pocketsphinx, sphinxbase and flite
 * are not mapped at all.
 *
 * Where the module is: beside the executable (a build tree: build/herald and
 * build/herald-speech.so), then where `cmake --install` puts it relative to
 * the executable (BINDIR/../LIBDIR/herald), then the build tree's absolute
 * path (test and bench programs run from other folders of the build).
 */
#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "speech_module.h"

#ifndef HERALD_SPEECH_NAME
#define HERALD_SPEECH_NAME "herald-speech.so"
#endif
#ifndef HERALD_SPEECH_RELDIR
#define HERALD_SPEECH_RELDIR "../lib/herald"
#endif
#ifndef HERALD_SPEECH_BUILD_PATH
#define HERALD_SPEECH_BUILD_PATH ""
#endif

static const struct hr_speech_imports imports = {
    .grammar_free = hr_grammar_free,
    .lexicon_prons = hr_lexicon_prons,
    .lexicon_respelling = hr_lexicon_respelling,
    .lexicon_count = hr_lexicon_count,
    .lexicon_word = hr_lexicon_word,
};

static pthread_once_t once = PTHREAD_ONCE_INIT;
static const struct hr_speech_exports *mod; /* NULL: not loaded, or failed */

/* Opens PATH and takes its table; 0 or -1 (ERR gets dlerror's reason). */
static int try_open(const char *path, char *err, size_t cap)
{
	void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		snprintf(err, cap, "%s", dlerror());
		return -1;
	}
	hr_speech_module_fn entry;
	*(void **)&entry = dlsym(h, HR_SPEECH_ENTRY);
	const struct hr_speech_exports *e = entry ? entry(HR_SPEECH_ABI, &imports) : NULL;
	if (!e) {
		snprintf(err, cap, "%s: not a speech module of this herald (ABI %d)", path, HR_SPEECH_ABI);
		dlclose(h);
		return -1;
	}
	/* Never closed: pocketsphinx and flite keep global state for the process. */
	mod = e;
	return 0;
}

static void load(void)
{
	char exe[PATH_MAX], path[PATH_MAX + 64], err[512] = "";
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			snprintf(path, sizeof(path), "%s/%s", exe, HERALD_SPEECH_NAME);
			if (access(path, F_OK) == 0 && try_open(path, err, sizeof(err)) == 0)
				return;
			snprintf(path, sizeof(path), "%s/%s/%s", exe, HERALD_SPEECH_RELDIR,
			         HERALD_SPEECH_NAME);
			if (access(path, F_OK) == 0 && try_open(path, err, sizeof(err)) == 0)
				return;
		}
	}
	if (HERALD_SPEECH_BUILD_PATH[0] && access(HERALD_SPEECH_BUILD_PATH, F_OK) == 0 &&
	    try_open(HERALD_SPEECH_BUILD_PATH, err, sizeof(err)) == 0)
		return;
	hr_warn("voice: cannot load the speech module %s: %s", HERALD_SPEECH_NAME,
	        err[0] ? err : "not found beside the executable or in its library folder");
}

/* The module's table, loading it on the first call; NULL if it cannot load. */
static const struct hr_speech_exports *speech(void)
{
	pthread_once(&once, load);
	return mod;
}

int hr_asr_model_new(struct hr_grammar *g, hr_asr_model **out)
{
	const struct hr_speech_exports *m = speech();
	return m ? m->asr_model_new(g, out) : -ENOENT;
}

/* A model, a decoder or a synthesiser exists only once the module is loaded;
 * before that these see only NULL, which they accept as the module does. */
hr_asr_model *hr_asr_model_ref(hr_asr_model *m)
{
	return mod ? mod->asr_model_ref(m) : m;
}

const char *hr_asr_model_safety(const hr_asr_model *m)
{
	return mod ? mod->asr_model_safety(m) : "";
}

const char *hr_asr_model_sentences(const hr_asr_model *m)
{
	return mod ? mod->asr_model_sentences(m) : "";
}

const char *hr_asr_model_keys(const hr_asr_model *m)
{
	return mod ? mod->asr_model_keys(m) : "";
}

void hr_asr_model_unref(hr_asr_model *m)
{
	if (mod)
		mod->asr_model_unref(m);
}

int hr_asr_new(const char *hmm_dir, hr_asr **out)
{
	const struct hr_speech_exports *m = speech();
	return m ? m->asr_new(hmm_dir, out) : -ENOENT;
}

void hr_asr_free(hr_asr *a)
{
	if (mod)
		mod->asr_free(a);
}

int hr_asr_begin(hr_asr *a, hr_asr_model *m, const int16_t *head, size_t n)
{
	return mod ? mod->asr_begin(a, m, head, n) : -EIO;
}

int hr_asr_feed(hr_asr *a, const int16_t *pcm, size_t n)
{
	return mod ? mod->asr_feed(a, pcm, n) : -EIO;
}

int hr_asr_end(hr_asr *a, const int16_t *pcm, size_t n, struct hr_asr_result *out)
{
	return mod ? mod->asr_end(a, pcm, n, out) : -EIO;
}

int hr_asr_decode(hr_asr *a, hr_asr_model *m, const int16_t *pcm, size_t n, struct hr_asr_result *out)
{
	return mod ? mod->asr_decode(a, m, pcm, n, out) : -EIO;
}

int hr_tts_new(const char *voice, const hr_lexicon *hand, hr_tts **out)
{
	const struct hr_speech_exports *m = speech();
	return m ? m->tts_new(voice, hand, out) : -ENOENT;
}

void hr_tts_free(hr_tts *t)
{
	if (mod)
		mod->tts_free(t);
}

int hr_tts_say(hr_tts *t, const char *text, double stretch, int16_t **pcm, size_t *n, unsigned *rate)
{
	return mod ? mod->tts_say(t, text, stretch, pcm, n, rate) : -EINVAL;
}

int hr_tts_lts(void *ud, const char *word, char *out, size_t cap)
{
	return mod ? mod->tts_lts(ud, word, out, cap) : -ENOENT;
}

int hr_tts_prepare(const hr_lexicon *hand, const char *text, char *out, size_t cap)
{
	const struct hr_speech_exports *m = speech();
	return m ? m->tts_prepare(hand, text, out, cap) : -ENOENT;
}
