/*
 * Speech synthesis with flite (CMU), offline. flite's English voices read
 * from the CMU lexicon, which has no drug names: herald's hand lexicon
 * (voice/lexicon.txt) is added to it, pronunciations as lexicon entries and
 * respellings ("T-DXd" -> "T D X D") applied to the text first, so "Enhertu"
 * and "HER2" are said the way a nurse says them.
 *
 * flite keeps global state (its voice list and the shared CMU lexicon), so one
 * hr_tts serialises its calls with a mutex; any thread may use it.
 */
#ifndef HERALD_TTS_H
#define HERALD_TTS_H

#include <stddef.h>
#include <stdint.h>

#include "voice_lex.h"

typedef struct hr_tts hr_tts;

/*
 * Loads flite voice VOICE ("slt", the default when NULL or empty; "kal16",
 * "rms", "awb") and adds the pronunciations of HAND (borrowed: it must outlive
 * the synthesiser; may be NULL). Returns 0, -ENOENT for an unknown voice, or
 * -ENOMEM.
 */
int hr_tts_new(const char *voice, const hr_lexicon *hand, hr_tts **out);
void hr_tts_free(hr_tts *t);

/*
 * Says TEXT. STRETCH slows speech down (1.0 is the voice's pace; urgent
 * answers use more, to be said plainly). *PCM is a malloc'd buffer of *N mono
 * samples at *RATE that the caller frees. Returns 0, -EINVAL (nothing to say)
 * or -ENOMEM.
 */
int hr_tts_say(hr_tts *t, const char *text, double stretch, int16_t **pcm, size_t *n, unsigned *rate);

/* Letter-to-sound for the recogniser's dictionary (an hr_lts_fn; UD is the hr_tts). */
int hr_tts_lts(void *ud, const char *word, char *out, size_t cap);

/*
 * Rewrites TEXT for the synthesiser into OUT: each word with a respelling in
 * HAND is replaced by it ("HER2-positive" -> "her two positive"). Plain string
 * work, separate for tests. Returns the length, or -ENOSPC.
 */
int hr_tts_prepare(const hr_lexicon *hand, const char *text, char *out, size_t cap);

#endif
