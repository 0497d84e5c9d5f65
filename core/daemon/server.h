/*
 * The network layer: libwebsockets on herald's own libuv loop, serving the
 * herald.v1 WebSocket at /chat, the HTTP API (/v1/ask, /healthz) and the chat
 * widget's files (webroot.h) on one port. The only module that includes libwebsockets.h. It turns bytes into
 * questions for the engine and answers into frames; it decides nothing else.
 */
#ifndef HERALD_SERVER_H
#define HERALD_SERVER_H

#include <uv.h>

#include "config.h"
#include "engine.h"
#include "webroot.h"

typedef struct hr_server hr_server;

/*
 * What the servers of all workers share (herald serve --workers): the
 * connection counts behind limits.max_connections and limits.per_address,
 * which limit the whole daemon, the HTTP conversations (a session's next
 * request may reach another worker) and the metrics. Made from CFG before the
 * first server starts, freed after the last one is freed; thread-safe.
 */
typedef struct hr_server_shared hr_server_shared;
hr_server_shared *hr_server_shared_new(const struct hr_config *cfg);
void hr_server_shared_free(hr_server_shared *sh);
struct hr_metrics *hr_server_shared_metrics(hr_server_shared *sh);
/* WebSockets open now, in every worker. */
unsigned hr_server_shared_connections(hr_server_shared *sh);

/*
 * Creates the lws context on LOOP (foreign loop) listening on cfg->listen_*.
 * CFG, ENGINE and SHARED are borrowed and must outlive the server. WORKER
 * is its index among WORKERS servers listening on the port; each listens
 * with SO_REUSEPORT, so start the first and give the others the port it bound.
 * A server and its loop belong to one thread.
 * Returns 0 or a negative errno (the reason is logged).
 */
int hr_server_start(uv_loop_t *loop, const struct hr_config *cfg, hr_engine *engine, hr_server_shared *shared,
                    int worker, int workers, hr_server **out);

/* Called with the question's text whenever the answer was the fallback, so the
 * daemon can keep unanswered questions (when enabled). */
void hr_server_on_fallback(hr_server *s, void (*fn)(void *ud, const char *text, size_t len), void *ud);

/* Serves WEB's files (the chat widget and its demo page) at "/" and
 * "/NAME"; borrowed, so the caller keeps it alive until it sets another or
 * frees the server. NULL serves none. */
void hr_server_set_webroot(hr_server *s, const hr_webroot *web);

/* Answers spoken questions with VOICE (borrowed; NULL: voice is off, and
 * voice requests get an "unsupported" error). See docs/voice.md. */
struct hr_voice;
void hr_server_set_voice(hr_server *s, struct hr_voice *voice);

/*
 * Voice that loads on the first spoken question: while S has no voice, a
 * spoken question calls LOAD(UD) (again for each; the caller starts one load)
 * and waits. hr_server_set_voice() answers the waiting questions with the
 * voice; hr_server_set_voice_loader(S, NULL, NULL) after a failed load tells
 * them voice is not available.
 */
void hr_server_set_voice_loader(hr_server *s, void (*load)(void *ud), void *ud);

/* The port actually bound (useful when the config asked for port 0). */
int hr_server_port(const hr_server *s);

/* Number of open WebSocket connections on this server (worker). */
unsigned hr_server_connections(const hr_server *s);

/* Questions asked (WebSocket and HTTP) since the server started. */
unsigned long long hr_server_questions(const hr_server *s);

/* The counters served at GET /metrics (shared by every worker); the daemon
 * adds what only it knows (reloads). NULL when S is NULL. */
struct hr_metrics *hr_server_metrics(hr_server *s);

/*
 * Graceful shutdown, in three steps. hr_server_drain() refuses new WebSockets
 * and makes /healthz answer 503, but keeps accepting and answering what
 * clients send, so a load balancer sees the instance leaving while nothing
 * sent to it is lost (limits.drain_notice_seconds). hr_server_close_door()
 * accepts what is already waiting in the listen backlog and closes the
 * listening socket, so new connections are refused and a proxy tries another
 * instance. hr_server_goodbye() then closes every connection once the replies
 * queued for it are written (WebSockets get close code 1001).
 * hr_server_busy() counts what is still open; the caller calls
 * hr_server_stop() when it reaches 0 or its deadline passes.
 */
void hr_server_drain(hr_server *s);
void hr_server_close_door(hr_server *s);
void hr_server_goodbye(hr_server *s);
unsigned hr_server_busy(const hr_server *s);

/*
 * Begins shutdown: destroys the lws context, which closes its connections and
 * releases its loop handles over the next loop iterations. Idempotent.
 */
void hr_server_stop(hr_server *s);

/* Frees S after hr_server_stop() and after the loop has drained; NULL is accepted. */
void hr_server_free(hr_server *s);

#endif
