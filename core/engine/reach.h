/*
 * How a plugin's handler is reached, for handlers no intents file routes to:
 * a facet of a topic ("se.diarrhea.medicine", asked as a follow-up after the
 * topic; route_facet.c), a hand-over target (named in some plugin's
 * `herald.hand_over("NAME")`, docs/plugins.md), or not at all. `herald
 * review` renders and checks the first two like intents; `herald check`
 * warns about the third, so dead content is seen.
 *
 * Plain C: no loop, no Lua, no network. Hand-over targets are found by
 * reading the plugin files for a literal name, which is how the SDK is used
 * (a target built at run time is not seen, and its handler is reported as
 * unreachable).
 */
#ifndef HERALD_REACH_H
#define HERALD_REACH_H

#include <stddef.h>

#include "intent.h"
#include "sandbox.h"

enum hr_reach {
	HR_REACH_FACET,     /* TOPIC.FACET: TOPIC an intent, FACET a facet route_facet.c knows */
	HR_REACH_HAND_OVER, /* named by a herald.hand_over() call */
	HR_REACH_NONE,      /* nothing reaches it */
};

/* One handler no intent routes to. Strings are owned by the map. */
struct hr_reached {
	char *handler;                 /* the handler's name */
	const char *plugin;            /* the plugin that registers it (borrowed from the plugins) */
	enum hr_reach how;             /* how it is reached */
	const struct hr_intent *topic; /* HR_REACH_FACET: the topic intent (borrowed), else NULL */
	char *facet;                   /* HR_REACH_FACET: the facet's name, else NULL */
	char *handed_by;               /* HR_REACH_HAND_OVER: the plugin that hands over, else NULL */
};

/* A literal hand-over target that no plugin registers a handler for: at run
 * time the question gets the apology (sandbox.c), so `herald check` fails. */
struct hr_dangling {
	char *target;       /* the name handed over to (owned) */
	const char *plugin; /* the first plugin naming it (borrowed from the plugins) */
};

struct hr_reach_map {
	struct hr_reached *v;
	size_t n;
	struct hr_dangling *dangling; /* hand-over targets nothing answers */
	size_t ndangling;
};

/* Whether FACET is the name of a facet the engine can ask (route_facet.c). */
int hr_facet_known(const char *facet);

/*
 * Calls FN once for each literal target of herald.hand_over in Lua source SRC
 * (`hand_over("x")`, `hand_over('x')` or `hand_over "x"`; comments are
 * skipped). Returns how many it found.
 */
typedef void (*hr_reach_target_fn)(void *ud, const char *target, size_t len);
size_t hr_reach_scan_hand_overs(const char *src, size_t len, hr_reach_target_fn fn, void *ud);

/*
 * Fills OUT (zeroed) with every handler of every plugin of PLUGINS that no
 * intent of INTENTS is routed to, in plugin and registration order, with how
 * it is reached. Reads each plugin's file for its hand-overs. A handler that
 * is both a facet and a hand-over target is listed as a facet. Literal
 * hand-over targets that no plugin has a handler for go in OUT->dangling.
 * Returns 0,
 * -ENOMEM, or another negative errno when a plugin file cannot be read.
 * Free OUT with hr_reach_free.
 */
int hr_reach_build(const hr_intents *intents, const hr_plugins *plugins, struct hr_reach_map *out);

void hr_reach_free(struct hr_reach_map *m);

/* A short label of how a handler is reached, for people ("facet of a topic"). */
const char *hr_reach_label(enum hr_reach how);

#endif
