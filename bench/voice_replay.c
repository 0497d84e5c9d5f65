/*
 * The voice decision measured apart from the recogniser (docs/voice.md,
 * "Measuring"): bench/voice-corpus --replay drives it.
 *
 *   voice_replay [--config FILE] --decode LIST   > HYPS
 *       LIST: "id<TAB>file.wav" lines. Prints, for each, the recogniser's
 *       hypotheses as the daemon gets them for a question posted whole:
 *       "id<TAB>grammar<TAB>ngram<TAB>alt|alt|..." (one process, one decoder
 *       at a time: the same audio gives the same line every time).
 *   voice_replay [--config FILE] --decide HYPS
 *       Decides on each line of HYPS as the daemon does (hr_voice_decide,
 *       the engine's routing in a new conversation) and answers what is
 *       answered: "id<TAB>heard<TAB>safety<TAB>text<TAB>intent<TAB>tier".
 *       Seconds for the whole corpus, so a rule can be tried on stored
 *       hypotheses without decoding again.
 *   voice_replay [--config FILE] --ask TEXTS
 *       Each line typed: "text<TAB>intent<TAB>tier" (what a spoken question
 *       must reach to count as correct).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "answer.h"
#include "config.h"
#include "convo.h"
#include "engine.h"
#include "log.h"

#include "bench_config.h"
#include "util.h"
#include "voice.h"
#include "wav.h"

struct tool {
	hr_engine *engine;
	struct hr_trace *trace;
	struct hr_convo convo; /* a new one for each utterance, as POST /v1/voice */
	int explain;           /* --explain: each hypothesis's routing to stderr */
};

/* As server_voice.c's voice_route: where TEXT would go, without answering it. */
static void route(void *ud, const char *text, size_t len, char *out, size_t cap, int *tier)
{
	struct tool *t = ud;
	*tier = 0;
	snprintf(out, cap, "fallback");
	if (hr_engine_route(t->engine, &t->convo, text, len, t->trace) != 0)
		return;
	*tier = (int)t->trace->safety.tier;
	if (t->trace->outcome == HR_OUTCOME_CLARIFY)
		snprintf(out, cap, "clarify");
	else if (t->trace->outcome == HR_OUTCOME_ANSWER && t->trace->nparts > 0 && t->trace->parts[0].intent)
		snprintf(out, cap, "%s", t->trace->parts[0].intent->name);
}

/* TEXT answered as typed: its intent and tier ("-" for none). */
static void ask(struct tool *t, const char *text, char *intent, size_t icap, char *tier, size_t tcap)
{
	struct hr_convo convo = {0};
	struct hr_answer a = {0};
	snprintf(intent, icap, "fallback");
	snprintf(tier, tcap, "-");
	if (text[0] && hr_engine_ask(t->engine, &convo, text, strlen(text), &a, t->trace) == 0) {
		snprintf(intent, icap, "%s", a.intent ? a.intent : "fallback");
		snprintf(tier, tcap, "%s", a.tier ? a.tier : "-");
	}
	hr_answer_clear(&a);
}

/* Splits LINE at tabs into F (at most MAX fields); returns how many. */
static size_t fields(char *line, char **f, size_t max)
{
	size_t n = 0;
	for (char *p = line; n < max;) {
		f[n++] = p;
		char *tab = strchr(p, '\t');
		if (!tab)
			break;
		*tab = '\0';
		p = tab + 1;
	}
	return n;
}

static int decode_one(hr_voice *v, hr_voice_model *m, const char *id, const char *path)
{
	char *file = NULL;
	size_t len = 0, n = 0;
	int rc = hr_read_file(path, 64u << 20, &file, &len);
	struct hr_wav w;
	const char *why = "unreadable";
	if (rc == 0 && (rc = hr_wav_parse(file, len, &w, &why)) == 0) {
		int16_t *pcm = hr_wav_to_asr(&w, &n);
		struct hr_asr_result *r = malloc(sizeof(*r));
		rc = pcm && r ? hr_voice_hypotheses(v, m, pcm, n, r) : -ENOMEM;
		if (rc == 0) {
			printf("%s\t%s\t%s\t", id, r->grammar, r->ngram);
			for (size_t i = 0; i < r->nalt; i++)
				printf("%s%s", i ? "|" : "", r->alt[i]);
			printf("\n");
			fflush(stdout);
		}
		free(r);
		free(pcm);
	}
	if (rc)
		fprintf(stderr, "voice_replay: %s: %s\n", path, rc == -EINVAL ? why : strerror(-rc));
	free(file);
	return rc;
}

static int decide_one(struct tool *t, hr_voice *v, hr_voice_model *m, char **f, size_t nf)
{
	struct hr_asr_result *r = calloc(1, sizeof(*r));
	if (!r)
		return -ENOMEM;
	snprintf(r->grammar, sizeof(r->grammar), "%s", nf > 1 ? f[1] : "");
	snprintf(r->ngram, sizeof(r->ngram), "%s", nf > 2 ? f[2] : "");
	for (char *p = nf > 3 ? f[3] : NULL; p && *p && r->nalt < HR_ASR_NBEST;) {
		char *bar = strchr(p, '|');
		if (bar)
			*bar = '\0';
		snprintf(r->alt[r->nalt++], HR_TRANSCRIPT_MAX, "%s", p);
		p = bar ? bar + 1 : NULL;
	}
	memset(&t->convo, 0, sizeof(t->convo));
	struct hr_voice_choice c;
	int rc = hr_voice_decide(v, m, r, route, t, &c);
	char intent[HR_VOICE_INTENT_MAX] = "-", tier[32] = "-";
	/* As the daemon: an answer, or a safety hypothesis answered unsure. */
	if (rc == 0 && (c.heard == HR_HEARD_ANSWER || c.safety))
		ask(t, c.text, intent, sizeof(intent), tier, sizeof(tier));
	printf("%s\t%s\t%d\t%s\t%s\t%s\n", f[0], hr_heard_name(c.heard), c.safety, c.text, intent, tier);
	if (t->explain) {
		/* Where each hypothesis leads, for reading a decision. */
		char ri[HR_VOICE_INTENT_MAX];
		int rt;
		route(t, r->grammar, strlen(r->grammar), ri, sizeof(ri), &rt);
		fprintf(stderr, "%s grammar  %-40s -> %s\n", f[0], r->grammar, ri);
		for (size_t i = 0; i <= r->nalt; i++) {
			const char *h = i ? r->alt[i - 1] : r->ngram;
			route(t, h, strlen(h), ri, sizeof(ri), &rt);
			fprintf(stderr, "%s %s %-40s -> %s\n", f[0], i ? "alt    " : "ngram  ", h, ri);
		}
		for (size_t i = 0; i < r->nclose; i++) {
			route(t, r->close[i], strlen(r->close[i]), ri, sizeof(ri), &rt);
			fprintf(stderr, "%s close    %-40s -> %s\n", f[0], r->close[i], ri);
		}
		fprintf(stderr, "%s unseen   %u\n", f[0], r->unseen);
		if (r->near[0])
			fprintf(stderr, "%s near     %s\n", f[0], r->near);
	}
	free(r);
	return rc;
}

int main(int argc, char **argv)
{
	const char *config = NULL, *mode = NULL, *list = NULL;
	int explain = 0;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--config") == 0 && i + 1 < argc)
			config = argv[++i];
		else if (strcmp(argv[i], "--explain") == 0)
			explain = 1;
		else if ((strcmp(argv[i], "--decode") == 0 || strcmp(argv[i], "--decide") == 0 ||
		          strcmp(argv[i], "--ask") == 0) &&
		         i + 1 < argc) {
			mode = argv[i] + 2;
			list = argv[++i];
		} else {
			mode = NULL;
			break;
		}
	}
	if (!mode) {
		fprintf(stderr, "usage: voice_replay [--config FILE] [--explain] --decode LIST | --decide "
		                "HYPS | --ask TEXTS\n");
		return 2;
	}
	struct hr_config cfg;
	if (bench_config("voice_replay", config, &cfg, 1))
		return 1;
	FILE *in = fopen(list, "r");
	if (!in) {
		fprintf(stderr, "voice_replay: %s: %s\n", list, strerror(errno));
		return 1;
	}
	struct tool t = {.explain = explain};
	struct hr_content content;
	hr_voice *v = NULL;
	hr_voice_model *m = NULL;
	int rc = 0;
	if (strcmp(mode, "decode") != 0) {
		t.trace = calloc(1, sizeof(*t.trace));
		rc = t.trace ? hr_content_load(&cfg, hr_diag_stderr, NULL, &content) : -ENOMEM;
		if (rc == 0)
			rc = hr_engine_new(&content, &t.engine);
	}
	if (rc == 0 && strcmp(mode, "ask") != 0) {
		rc = hr_voice_new(NULL, &cfg, hr_diag_stderr, NULL, &v);
		if (rc == 0)
			rc = hr_voice_build(v, &cfg, hr_diag_stderr, NULL, &m);
	}
	char line[8192];
	int failed = 0;
	while (rc == 0 && fgets(line, sizeof(line), in)) {
		line[strcspn(line, "\r\n")] = '\0';
		char *f[4];
		size_t nf = fields(line, f, 4);
		if (!line[0])
			continue;
		if (strcmp(mode, "decode") == 0)
			failed |= nf < 2 || decode_one(v, m, f[0], f[1]) != 0;
		else if (strcmp(mode, "decide") == 0)
			failed |= decide_one(&t, v, m, f, nf) != 0;
		else {
			char intent[HR_VOICE_INTENT_MAX], tier[32];
			ask(&t, f[0], intent, sizeof(intent), tier, sizeof(tier));
			printf("%s\t%s\t%s\n", f[0], intent, tier);
		}
	}
	fclose(in);
	if (rc)
		fprintf(stderr, "voice_replay: cannot load herald: %s\n", strerror(-rc));
	hr_voice_model_free(m);
	hr_voice_free(v);
	hr_engine_free(t.engine);
	free(t.trace);
	return rc || failed ? 1 : 0;
}
