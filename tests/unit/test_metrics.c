/* Unit tests of core/daemon/metrics.c: counting and the text format. */
#include "cmocka_prelude.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "metrics.h"

static struct hr_metrics m;

static char *render(size_t *len)
{
	struct hr_metrics_gauges g = {.connections_open = 3, .draining = 0, .workers = 2};
	char *buf = hr_metrics_render(&m, &g, 16, len);
	assert_non_null(buf);
	char *text = malloc(*len + 1);
	memcpy(text, buf + 16, *len);
	text[*len] = '\0';
	free(buf);
	return text;
}

static void test_counts(void **state)
{
	(void)state;
	hr_metrics_init(&m);
	hr_metrics_question(&m, 0, "her2.what_is", HR_TIER_NONE, 0, 80);
	hr_metrics_question(&m, 0, "her2.what_is", HR_TIER_NONE, 0, 120);
	hr_metrics_question(&m, 0, "fallback", HR_TIER_NONE, -ENOENT, 30);
	hr_metrics_question(&m, 0, "safety.crisis", HR_TIER_CRISIS, 0, 10);
	hr_metrics_question(&m, 0, "drug.side_effects", HR_TIER_NONE, -ETIME, 50000);
	hr_metrics_question(&m, 0, "drug.side_effects", HR_TIER_NONE, -EIO, 70);
	hr_metrics_question(&m, 0, "support.groups", HR_TIER_NONE, 0, 40);
	hr_metrics_concern(&m, 0);
	hr_metrics_concern(&m, HR_METRICS_MAX_WORKERS); /* out of range: counted under the lock */
	hr_metrics_question_error(&m, 1, 5);
	for (int i = 0; i < 4; i++)
		hr_metrics_event(&m, HR_EV_CONNECTION_OPENED);
	hr_metrics_refused(&m, HR_REFUSED_ORIGIN);
	hr_metrics_refused(&m, HR_REFUSED_COUNT); /* out of range: ignored */
	hr_metrics_event(&m, HR_EV_RELOAD_OK);
	assert_int_equal(hr_metrics_intent_count(&m, "her2.what_is"), 2);
	assert_int_equal(hr_metrics_intent_count(&m, "nothing"), 0);
	/* Counted in the workers' shards, summed when read. */
	struct hr_metrics *sum = hr_metrics_snapshot(&m);
	assert_non_null(sum);
	assert_int_equal(sum->fallbacks, 1);
	assert_int_equal(sum->plugin_errors, 2);
	assert_int_equal(sum->budget_kills, 1);
	assert_int_equal(sum->tiers[HR_TIER_CRISIS], 1);
	assert_int_equal(sum->tiers[HR_TIER_NONE], 6);
	assert_int_equal(sum->concerns, 2);
	assert_int_equal(sum->latency_count, 8);
	assert_int_equal(sum->question_errors, 1);
	assert_int_equal(sum->worker_questions[0], 7);
	assert_int_equal(sum->worker_questions[1], 1);
	free(sum);

	size_t len;
	char *text = render(&len);
	assert_int_equal(strlen(text), len);
	assert_non_null(strstr(text, "herald_questions_total{intent=\"her2.what_is\"} 2\n"));
	assert_non_null(strstr(text, "herald_questions_by_safety_total{tier=\"crisis\"} 1\n"));
	assert_non_null(strstr(text, "herald_fallbacks_total 1\n"));
	assert_non_null(strstr(text, "herald_concern_total 2\n"));
	assert_non_null(strstr(text, "herald_plugin_budget_kills_total 1\n"));
	assert_non_null(strstr(text, "herald_connections_open 3\n"));
	assert_non_null(strstr(text, "herald_connections_total 4\n"));
	assert_non_null(strstr(text, "herald_connections_refused_total{reason=\"origin\"} 1\n"));
	assert_non_null(strstr(text, "herald_reloads_total{result=\"ok\"} 1\n"));
	assert_non_null(strstr(text, "herald_workers 2\n"));
	assert_non_null(strstr(text, "herald_worker_questions_total{worker=\"0\"} 7\n"));
	assert_non_null(strstr(text, "herald_worker_questions_total{worker=\"1\"} 1\n"));
	/* Buckets are cumulative and end with +Inf equal to the count. */
	assert_non_null(strstr(text, "herald_answer_seconds_bucket{le=\"5e-05\"} 4\n"));
	assert_non_null(strstr(text, "herald_answer_seconds_bucket{le=\"+Inf\"} 8\n"));
	assert_non_null(strstr(text, "herald_answer_seconds_count 8\n"));
	assert_non_null(strstr(text, "process_resident_memory_bytes "));
	assert_non_null(strstr(text, "process_open_fds "));
	free(text);
	hr_metrics_fini(&m);
}

/* A name with characters that would break the format is reduced, and a
 * full table counts the rest as "other" without allocating. */
static void test_names_and_overflow(void **state)
{
	(void)state;
	hr_metrics_init(&m);
	hr_metrics_question(&m, 0, "bad\"name}\n", HR_TIER_NONE, 0, 1);
	assert_int_equal(hr_metrics_intent_count(&m, "bad_name__"), 1);
	hr_metrics_question(&m, 0, NULL, HR_TIER_NONE, 0, 1);
	assert_int_equal(hr_metrics_intent_count(&m, "unknown"), 1);
	char name[32];
	for (int i = 0; i < HR_METRICS_MAX_INTENTS + 10; i++) {
		snprintf(name, sizeof(name), "intent.%d", i);
		hr_metrics_question(&m, 0, name, HR_TIER_NONE, 0, 1);
	}
	struct hr_metrics *sum = hr_metrics_snapshot(&m);
	assert_non_null(sum);
	assert_int_equal(sum->intents_other, 12);
	free(sum);
	size_t len;
	char *text = render(&len);
	assert_null(strchr(text, '"') ? strstr(text, "bad\"") : NULL);
	assert_non_null(strstr(text, "herald_questions_total{intent=\"other\"} 12\n"));
	free(text);
	hr_metrics_fini(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_counts),
	    cmocka_unit_test(test_names_and_overflow),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
