/*
 * The voice path of a herald built without it (cmake -DHERALD_WITH_VOICE=OFF):
 * no pocketsphinx, no flite. The daemon and the CLI call the same API; voice
 * simply stays off, as when the acoustic model is missing: the daemon logs
 * voice_off once and answers audio with the voice-off error, `herald say` and
 * `ask --wav` say why. WAV parsing and the voice messages (wav.c, voice_msg.c)
 * are still built, so a client gets the same errors either way.
 */
#include <errno.h>
#include <stdlib.h>

#include "voice.h"

int hr_voice_new(struct uv_loop_s *loop, const struct hr_config *cfg, hr_diag_fn diag, void *ud,
                 hr_voice **out)
{
	hr_diagf(diag, ud, "voice", 0, "this herald was built without voice (HERALD_WITH_VOICE=OFF)");
	*out = NULL;
	return -ENOTSUP;
}

void hr_voice_free(hr_voice *v)
{
}

int hr_voice_build(hr_voice *v, const struct hr_config *cfg, hr_diag_fn diag, void *ud, hr_voice_model **out)
{
	*out = NULL;
	return -ENOTSUP;
}

void hr_voice_model_free(hr_voice_model *m)
{
}

void hr_voice_model_stats(const hr_voice_model *m, size_t *words, size_t *sentences)
{
	*words = 0;
	*sentences = 0;
}

void hr_voice_set_model(hr_voice *v, hr_voice_model *m)
{
}

int hr_voice_start(hr_voice *v, int16_t *pcm, size_t n, const char *id, enum hr_voice_reply mode,
                   const struct hr_voice_sink *sink, void *ud, size_t headroom, hr_voice_job **job)
{
	free(pcm);
	if (job)
		*job = NULL;
	return -ENODEV;
}

int hr_voice_open(hr_voice *v, const char *id, enum hr_voice_reply mode, const struct hr_voice_sink *sink,
                  void *ud, size_t headroom, hr_voice_job **job)
{
	return -ENODEV;
}

int hr_voice_feed(hr_voice_job *job, const uint8_t *le, size_t len)
{
	return -ENODEV;
}

int hr_voice_end(hr_voice_job *job)
{
	return -ENODEV;
}

void hr_voice_cancel(hr_voice_job *job)
{
}

size_t hr_voice_max_samples(const hr_voice *v)
{
	return 0;
}

int hr_voice_transcribe(hr_voice *v, hr_voice_model *m, const int16_t *pcm, size_t n, char *out, size_t cap)
{
	return -ENOTSUP;
}

int hr_voice_say(hr_voice *v, const char *text, int urgent, uint8_t **wav, size_t *len)
{
	return -ENOTSUP;
}
