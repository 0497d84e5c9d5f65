/*
 * The voice path on the command line, for staff: `herald ask --wav FILE`
 * (hr_cli_transcribe, used by cli_content.c) and `herald say TEXT -o FILE.wav`.
 * Both run the same recogniser and synthesiser as the daemon, synchronously.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "config.h"
#include "log.h"
#include "util.h"
#include "voice.h"
#include "wav.h"

int hr_cli_transcribe(const struct hr_config *cfg, const char *path, char *out, size_t cap)
{
	char *file = NULL;
	size_t len = 0;
	int rc = hr_read_file(path, 64u << 20, &file, &len);
	if (rc) {
		fprintf(stderr, "herald: cannot read %s: %s\n", path, strerror(-rc));
		return rc;
	}
	struct hr_wav w;
	const char *why = NULL;
	rc = hr_wav_parse(file, len, &w, &why);
	if (rc) {
		fprintf(stderr, "herald: %s: %s\n", path, why);
		free(file);
		return rc;
	}
	size_t n = 0;
	int16_t *pcm = hr_wav_to_asr(&w, &n);
	free(file);
	hr_voice *v = NULL;
	hr_voice_model *m = NULL;
	rc = pcm ? hr_voice_new(NULL, cfg, hr_diag_stderr, NULL, &v) : -ENOMEM;
	if (rc == 0)
		rc = hr_voice_build(v, cfg, hr_diag_stderr, NULL, &m);
	if (rc == 0) {
		struct hr_voice_choice c;
		rc = hr_voice_transcribe(v, m, pcm, n, &c);
		/* As the daemon: only what was heard surely is answered, except
		 * a safety concept, which is answered even when unsure (its reply
		 * leads with the safety line; docs/voice.md, "Safety first"). */
		int answer = rc == 0 && (c.heard == HR_HEARD_ANSWER || c.safety);
		snprintf(out, cap, "%s", answer ? c.text : "");
		if (rc == 0 && c.heard == HR_HEARD_CONFIRM)
			fprintf(stderr, "herald: not sure what was said (confidence %.2f)%s \"%s\"%s\n",
			        c.confidence,
			        c.safety ? "; answering, as it may be about safety," : "; did you mean",
			        c.text, c.safety ? "" : "?");
		if (rc == -E2BIG)
			fprintf(stderr, "herald: %s is longer than limits.audio_seconds (%d s)\n", path,
			        cfg->audio_seconds);
	}
	if (rc && rc != -E2BIG)
		fprintf(stderr, "herald: speech recognition is not available: %s\n", strerror(-rc));
	hr_voice_model_free(m);
	hr_voice_free(v);
	free(pcm);
	return rc;
}

static void usage_say(FILE *f)
{
	fprintf(f, "usage: herald say [--config FILE] [--urgent] TEXT -o FILE.wav\n"
	           "\n"
	           "Says TEXT with herald's voice and pronunciation lexicon (voice/lexicon.txt)\n"
	           "into a 16 kHz mono WAV file, to hear how an answer sounds.\n"
	           "  -o, --output FILE  where to write the WAV (required)\n"
	           "  --urgent           speak as herald speaks urgent answers (slower)\n"
	           "  --config FILE      read settings (voice.tts_voice, voice_dir) from FILE\n");
}

int hr_cmd_say(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"config", required_argument, NULL, 'c'},
	    {"output", required_argument, NULL, 'o'},
	    {"urgent", no_argument, NULL, 'u'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const char *config = NULL, *output = NULL;
	int urgent = 0, c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "c:o:uh", opts, NULL)) != -1) {
		switch (c) {
		case 'c':
			config = optarg;
			break;
		case 'o':
			output = optarg;
			break;
		case 'u':
			urgent = 1;
			break;
		case 'h':
			usage_say(stdout);
			return 0;
		default:
			usage_say(stderr);
			return 2;
		}
	}
	if (optind + 1 != argc || !output) {
		usage_say(stderr);
		return 2;
	}
	struct hr_config cfg;
	if (hr_cli_load_config(&cfg, config))
		return 1;
	hr_config_resolve(&cfg);
	hr_log_set_level(HR_LOG_WARN);
	hr_voice *v = NULL;
	int rc = hr_voice_new(NULL, &cfg, hr_diag_stderr, NULL, &v);
	if (rc) {
		fprintf(stderr, "herald say: speech is not available: %s\n", strerror(-rc));
		return 1;
	}
	uint8_t *wav = NULL;
	size_t len = 0;
	rc = hr_voice_say(v, argv[optind], urgent, &wav, &len);
	hr_voice_free(v);
	if (rc) {
		fprintf(stderr, "herald say: %s\n", rc == -EINVAL ? "nothing to say" : strerror(-rc));
		return 1;
	}
	FILE *f = fopen(output, "wb");
	int ok = f && fwrite(wav, 1, len, f) == len;
	if (f && fclose(f) != 0)
		ok = 0;
	if (!ok) {
		fprintf(stderr, "herald say: cannot write %s\n", output);
		free(wav);
		return 1;
	}
	free(wav);
	return 0;
}
