/*
 * WAV files and raw PCM for the voice path: reading what a client sends,
 * bringing it to the 16 kHz mono 16-bit audio the recogniser expects, and
 * writing what the synthesiser produced. Plain C: no loop, no network.
 */
#ifndef HERALD_WAV_H
#define HERALD_WAV_H

#include <stddef.h>
#include <stdint.h>

/* The rate the recogniser's acoustic model was trained at. */
#define HR_ASR_RATE 16000

/* A parsed WAV: a view into the caller's buffer (nothing is copied). */
struct hr_wav {
	unsigned rate;       /* samples a second, 8000..48000 */
	unsigned channels;   /* 1 or 2 */
	const uint8_t *data; /* little-endian signed 16-bit samples, interleaved */
	size_t frames;       /* samples per channel */
};

/*
 * Parses a RIFF/WAVE file of 16-bit PCM (plain or WAVE_FORMAT_EXTENSIBLE), mono
 * or stereo, at 8 to 48 kHz. A data chunk that claims more bytes than BUF holds
 * (as streaming writers leave it) is cut to what is there.
 * Returns 0, or -EINVAL (not a WAV, or truncated) or -ENOTSUP (another
 * encoding); WHY (may be NULL) then says which, for the client.
 */
int hr_wav_parse(const void *buf, size_t len, struct hr_wav *out, const char **why);

/*
 * Resamples mono IN[0..N) from RATE_IN to RATE_OUT (linear interpolation after
 * a low-pass when the rate goes down, which is enough for speech recognition).
 * Returns a malloc'd buffer the caller frees with *OUT_N samples, or NULL.
 */
int16_t *hr_pcm_resample(const int16_t *in, size_t n, unsigned rate_in, unsigned rate_out, size_t *out_n);

/*
 * Converts a parsed WAV to mono 16 kHz samples (channels averaged).
 * Returns a malloc'd buffer the caller frees with *OUT_N samples, or NULL.
 */
int16_t *hr_wav_to_asr(const struct hr_wav *w, size_t *out_n);

/*
 * Returns 1 when PCM[0..N) at RATE holds something loud enough to be speech
 * (a tenth of a second of 20 ms frames above a low energy floor), else 0.
 * The recogniser always finds some words in silence or hiss; this keeps
 * herald from answering them.
 */
int hr_pcm_has_speech(const int16_t *pcm, size_t n, unsigned rate);

/* Copies little-endian s16 bytes into host-order samples (N samples). */
void hr_pcm_from_le(const uint8_t *in, size_t n, int16_t *out);

/*
 * Writes mono 16-bit PCM[0..N) at RATE as a WAV file into a malloc'd buffer
 * preceded by HEADROOM spare bytes (libwebsockets needs LWS_PRE in front of a
 * frame); *LEN is the WAV's length without the headroom. The caller frees it.
 * Returns NULL when out of memory or when the data would not fit a WAV (4 GiB).
 */
uint8_t *hr_wav_write(const int16_t *pcm, size_t n, unsigned rate, size_t headroom, size_t *len);

#endif
