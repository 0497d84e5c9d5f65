#include "wav.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint16_t le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static int fail(const char **why, const char *msg, int rc)
{
	if (why)
		*why = msg;
	return rc;
}

int hr_wav_parse(const void *buf, size_t len, struct hr_wav *out, const char **why)
{
	const uint8_t *p = buf;
	memset(out, 0, sizeof(*out));
	if (len < 12 || memcmp(p, "RIFF", 4) != 0 || memcmp(p + 8, "WAVE", 4) != 0)
		return fail(why, "not a WAV file (no RIFF/WAVE header)", -EINVAL);
	int have_fmt = 0;
	unsigned bits = 0;
	size_t off = 12;
	/* Chunks in any order; unknown ones (LIST, fact, ...) are skipped. */
	while (off + 8 <= len) {
		const uint8_t *ck = p + off;
		size_t size = le32(ck + 4);
		size_t body = off + 8;
		size_t avail = len - body;
		if (memcmp(ck, "fmt ", 4) == 0) {
			if (size < 16 || avail < 16)
				return fail(why, "the WAV fmt chunk is truncated", -EINVAL);
			unsigned format = le16(ck + 8);
			out->channels = le16(ck + 10);
			out->rate = le32(ck + 12);
			bits = le16(ck + 22);
			/* WAVE_FORMAT_EXTENSIBLE: the real format is the first two
			 * bytes of the sub-format GUID. */
			if (format == 0xfffe && size >= 40 && avail >= 40)
				format = le16(ck + 8 + 24);
			if (format != 1 || bits != 16)
				return fail(why, "only 16-bit PCM WAV is supported", -ENOTSUP);
			if (out->channels < 1 || out->channels > 2)
				return fail(why, "only mono or stereo WAV is supported", -ENOTSUP);
			if (out->rate < 8000 || out->rate > 48000)
				return fail(why, "the sample rate must be 8000 to 48000 Hz", -ENOTSUP);
			have_fmt = 1;
		} else if (memcmp(ck, "data", 4) == 0) {
			if (!have_fmt)
				return fail(why, "the WAV data chunk comes before its fmt chunk", -EINVAL);
			if (size > avail)
				size = avail;
			out->data = ck + 8;
			out->frames = size / (2 * out->channels);
			return 0;
		}
		if (size > avail)
			break;
		off = body + size + (size & 1); /* chunks are padded to even sizes */
	}
	return fail(why, have_fmt ? "the WAV has no data chunk" : "the WAV has no fmt chunk", -EINVAL);
}

/* Root-mean-square level (of 32767) below which a frame is taken as silence:
 * about -50 dBFS, well under quiet speech into a phone or kiosk microphone. */
#define SPEECH_RMS 100.0

int hr_pcm_has_speech(const int16_t *pcm, size_t n, unsigned rate)
{
	size_t frame = rate / 50, loud = 0, need = rate / 10;
	if (!frame)
		return 0;
	for (size_t i = 0; i + frame <= n; i += frame) {
		double e = 0;
		for (size_t k = 0; k < frame; k++)
			e += (double)pcm[i + k] * pcm[i + k];
		if (sqrt(e / (double)frame) >= SPEECH_RMS)
			loud += frame;
	}
	return loud >= need;
}

void hr_pcm_from_le(const uint8_t *in, size_t n, int16_t *out)
{
	for (size_t i = 0; i < n; i++)
		out[i] = (int16_t)le16(in + 2 * i);
}

/* Half-width of the interpolation kernel, in zero crossings. */
#define TAPS 32

int16_t *hr_pcm_resample(const int16_t *in, size_t n, unsigned rate_in, unsigned rate_out, size_t *out_n)
{
	if (!rate_in || !rate_out)
		return NULL;
	size_t m = (size_t)((double)n * rate_out / rate_in);
	int16_t *out = malloc((m ? m : 1) * sizeof(*out));
	if (!out)
		return NULL;
	if (rate_in == rate_out) {
		memcpy(out, in, n * sizeof(*out));
		*out_n = n;
		return out;
	}
	/* Band-limited interpolation with a Hann-windowed sinc; going down, the
	 * kernel is widened so that it also removes what the new rate cannot
	 * hold (aliasing would otherwise add noise the recogniser hears). */
	double step = (double)rate_in / rate_out;
	double scale = step > 1.0 ? 0.97 / step : 1.0;
	double half = TAPS / scale;
	for (size_t i = 0; i < m; i++) {
		double t = i * step;
		long lo = (long)ceil(t - half), hi = (long)floor(t + half);
		double acc = 0, wsum = 0;
		for (long k = lo; k <= hi; k++) {
			double x = (t - (double)k) * scale;
			double s = fabs(x) < 1e-9 ? 1.0 : sin(M_PI * x) / (M_PI * x);
			double w = 0.5 + 0.5 * cos(M_PI * x / TAPS);
			double c = s * w;
			wsum += c;
			if (k >= 0 && (size_t)k < n)
				acc += c * in[k];
		}
		double v = wsum != 0 ? acc / wsum : 0;
		out[i] = (int16_t)(v > 32767 ? 32767 : v < -32768 ? -32768 : lrint(v));
	}
	*out_n = m;
	return out;
}

int16_t *hr_wav_to_asr(const struct hr_wav *w, size_t *out_n)
{
	int16_t *mono = malloc((w->frames ? w->frames : 1) * sizeof(*mono));
	if (!mono)
		return NULL;
	for (size_t i = 0; i < w->frames; i++) {
		const uint8_t *f = w->data + i * 2 * w->channels;
		int v = (int16_t)le16(f);
		if (w->channels == 2)
			v = (v + (int16_t)le16(f + 2)) / 2;
		mono[i] = (int16_t)v;
	}
	if (w->rate == HR_ASR_RATE) {
		*out_n = w->frames;
		return mono;
	}
	int16_t *r = hr_pcm_resample(mono, w->frames, w->rate, HR_ASR_RATE, out_n);
	free(mono);
	return r;
}

uint8_t *hr_wav_write(const int16_t *pcm, size_t n, unsigned rate, size_t headroom, size_t *len)
{
	if (n > (UINT32_MAX - 44) / 2)
		return NULL;
	size_t total = 44 + 2 * n;
	uint8_t *buf = malloc(headroom + total);
	if (!buf)
		return NULL;
	uint8_t *h = buf + headroom;
	memcpy(h, "RIFF", 4);
	put32(h + 4, (uint32_t)(total - 8));
	memcpy(h + 8, "WAVEfmt ", 8);
	put32(h + 16, 16);
	put16(h + 20, 1); /* PCM */
	put16(h + 22, 1); /* mono */
	put32(h + 24, rate);
	put32(h + 28, rate * 2);
	put16(h + 32, 2);
	put16(h + 34, 16);
	memcpy(h + 36, "data", 4);
	put32(h + 40, (uint32_t)(2 * n));
	for (size_t i = 0; i < n; i++)
		put16(h + 44 + 2 * i, (uint16_t)pcm[i]);
	*len = total;
	return buf;
}
