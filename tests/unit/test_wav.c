/* Unit tests of core/voice/wav.c: parsing, writing, resampling, the speech gate. */
#include "cmocka_prelude.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "wav.h"

static void test_write_then_parse(void **state)
{
	(void)state;
	int16_t pcm[100];
	for (int i = 0; i < 100; i++)
		pcm[i] = (int16_t)(i * 300 - 15000);
	size_t len;
	uint8_t *buf = hr_wav_write(pcm, 100, 16000, 16, &len);
	assert_non_null(buf);
	assert_int_equal(len, 44 + 200);
	assert_memory_equal(buf + 16, "RIFF", 4);
	struct hr_wav w;
	const char *why = NULL;
	assert_int_equal(hr_wav_parse(buf + 16, len, &w, &why), 0);
	assert_int_equal(w.rate, 16000);
	assert_int_equal(w.channels, 1);
	assert_int_equal(w.frames, 100);
	int16_t back[100];
	hr_pcm_from_le(w.data, 100, back);
	assert_memory_equal(back, pcm, sizeof(pcm));
	free(buf);
}

/* Builds a WAV by hand: an extra chunk before fmt, stereo, odd-sized chunk. */
static size_t handmade(uint8_t *b, unsigned rate, unsigned channels, unsigned bits, unsigned format,
                       uint32_t datalen_claimed, size_t frames)
{
	size_t o = 0;
#define PUT(s, n) (memcpy(b + o, s, n), o += n)
#define U32(v)                                                                                               \
	(b[o] = (uint8_t)(v), b[o + 1] = (uint8_t)((v) >> 8), b[o + 2] = (uint8_t)((v) >> 16),               \
	 b[o + 3] = (uint8_t)((v) >> 24), o += 4)
#define U16(v) (b[o] = (uint8_t)(v), b[o + 1] = (uint8_t)((v) >> 8), o += 2)
	PUT("RIFF", 4);
	U32(0u);
	PUT("WAVE", 4);
	PUT("LIST", 4);
	U32(3u);
	PUT("abc\0", 4); /* 3 bytes and a pad byte */
	PUT("fmt ", 4);
	U32(16u);
	U16(format);
	U16(channels);
	U32(rate);
	U32(rate * channels * bits / 8);
	U16(channels * bits / 8);
	U16(bits);
	PUT("data", 4);
	U32(datalen_claimed);
	for (size_t i = 0; i < frames * channels; i++)
		U16((unsigned)(i % 2 ? 1000 : 3000));
	return o;
}

static void test_parse_variants(void **state)
{
	(void)state;
	uint8_t b[4096];
	struct hr_wav w;
	const char *why;
	size_t n = handmade(b, 44100, 2, 16, 1, 400, 100);
	assert_int_equal(hr_wav_parse(b, n, &w, &why), 0);
	assert_int_equal(w.channels, 2);
	assert_int_equal(w.frames, 100);
	/* A streaming writer's "unknown" length is cut to what is there. */
	n = handmade(b, 16000, 1, 16, 1, 0xffffffffu, 50);
	assert_int_equal(hr_wav_parse(b, n, &w, &why), 0);
	assert_int_equal(w.frames, 50);
	/* Stereo averages into mono. */
	n = handmade(b, 16000, 2, 16, 1, 40, 10);
	assert_int_equal(hr_wav_parse(b, n, &w, &why), 0);
	size_t m;
	int16_t *mono = hr_wav_to_asr(&w, &m);
	assert_int_equal(m, 10);
	assert_int_equal(mono[0], 2000);
	free(mono);

	n = handmade(b, 16000, 1, 8, 1, 10, 5);
	assert_int_equal(hr_wav_parse(b, n, &w, &why), -ENOTSUP);
	n = handmade(b, 16000, 1, 16, 3, 10, 5);
	assert_int_equal(hr_wav_parse(b, n, &w, &why), -ENOTSUP);
	n = handmade(b, 4000, 1, 16, 1, 10, 5);
	assert_int_equal(hr_wav_parse(b, n, &w, &why), -ENOTSUP);
	assert_int_equal(hr_wav_parse("RIFF....WAVE", 12, &w, &why), -EINVAL);
	assert_int_equal(hr_wav_parse("hello", 5, &w, &why), -EINVAL);
	assert_non_null(why);
	assert_int_equal(hr_wav_parse(b, 30, &w, &why), -EINVAL); /* truncated in fmt */
}

static void test_resample_keeps_a_tone(void **state)
{
	(void)state;
	/* A 440 Hz tone at 48 kHz stays a 440 Hz tone at 16 kHz, at its level. */
	size_t n = 48000;
	int16_t *in = malloc(n * sizeof(*in));
	for (size_t i = 0; i < n; i++)
		in[i] = (int16_t)(10000 * sin(2 * M_PI * 440 * (double)i / 48000));
	size_t m;
	int16_t *out = hr_pcm_resample(in, n, 48000, 16000, &m);
	assert_non_null(out);
	assert_int_equal(m, 16000);
	double err = 0, sig = 0;
	for (size_t i = 100; i < m - 100; i++) {
		double want = 10000 * sin(2 * M_PI * 440 * (double)i / 16000);
		err += (out[i] - want) * (out[i] - want);
		sig += want * want;
	}
	assert_true(10 * log10(sig / err) > 30); /* better than 30 dB */
	free(out);
	/* A tone above the new Nyquist frequency is removed, not folded back. */
	for (size_t i = 0; i < n; i++)
		in[i] = (int16_t)(10000 * sin(2 * M_PI * 12000 * (double)i / 48000));
	out = hr_pcm_resample(in, n, 48000, 16000, &m);
	double e = 0;
	for (size_t i = 100; i < m - 100; i++)
		e += (double)out[i] * out[i];
	assert_true(sqrt(e / (double)(m - 200)) < 300);
	free(out);
	free(in);
}

static void test_speech_gate(void **state)
{
	(void)state;
	int16_t *pcm = calloc(16000, sizeof(*pcm));
	assert_int_equal(hr_pcm_has_speech(pcm, 16000, 16000), 0);
	for (size_t i = 0; i < 16000; i++)
		pcm[i] = (int16_t)(i % 7 - 3); /* faint hiss */
	assert_int_equal(hr_pcm_has_speech(pcm, 16000, 16000), 0);
	for (size_t i = 4000; i < 8000; i++)
		pcm[i] = (int16_t)(3000 * sin(2 * M_PI * 200 * (double)i / 16000));
	assert_int_equal(hr_pcm_has_speech(pcm, 16000, 16000), 1);
	free(pcm);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_write_then_parse),
	    cmocka_unit_test(test_parse_variants),
	    cmocka_unit_test(test_resample_keeps_a_tone),
	    cmocka_unit_test(test_speech_gate),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
