/*
 * The network layer's private header: the state its rooms share and the
 * functions one room calls in another (srv_*). Calls go one way, down this
 * list (layout.calls checks it):
 *   server.c         lws's callback, which dispatches to the rooms, and the
 *                    worker's server (start, stop, goodbye);
 *   server_ws.c      WebSocket sessions;     server_http.c  HTTP routes;
 *   server_listen.c  the listener and front door;
 *   server_voice.c   the network side of voice;
 *   server_ask.c     the request handler (the one call into the engine);
 *   server_conn.c    what every room uses: the state shared between workers,
 *                    a connection's address and headers, its output.
 * Only these files include it.
 */
#ifndef HERALD_SERVER_INT_H
#define HERALD_SERVER_INT_H

#include <libwebsockets.h>
#include <pthread.h>
#include <stdint.h>

#include "server.h"
#include "access.h"
#include "convo.h"
#include "metrics.h"
#include "proto.h"
#include "sessions.h"
#include "voice.h"
#include "webroot.h"

struct outmsg {
	struct outmsg *next;
	size_t len;
	char *buf;  /* LWS_PRE bytes of headroom, then the JSON */
	int binary; /* a WAV (voice), written in chunks */
	size_t off; /* bytes of a binary message already written */
};

enum route { ROUTE_NONE, ROUTE_ASK, ROUTE_HEALTH, ROUTE_VOICE };

/* Saying goodbye, how long new questions are read and refused before herald
 * stops reading (ws_goodbye()). */
#define GOODBYE_REFUSE_MS 250

/* Open WebSockets per client address, to cap what one address can hold. */
struct addr_count {
	struct addr_count *next;
	unsigned count;
	char addr[48];
};
#define ADDR_BUCKETS 1024

/* Per-connection state, zeroed by lws; one struct for HTTP and WebSocket. */
struct conn {
	/* WebSocket */
	int is_ws;
	int refused;   /* opened past a cap (another worker won the race): closed with 1013 */
	int bye;       /* SIGTERM: 1 new questions refused (shutting_down); 2 close frame sent */
	int bye_quiet; /* saying goodbye long enough: read nothing more before the close frame */
	int rx_off;    /* reading is paused now (ws_rx_update()) */
	int rx_paused;
	struct hr_bucket bucket;
	struct addr_count *addr;
	/* The conversation, allocated at the first question (srv_ws_convo()):
	 * most of a connection's own memory, which an idle one never needs. */
	struct hr_convo *convo;
	struct outmsg *head, *tail;
	unsigned queued;
	int write_failed; /* a reply written at once failed (srv_ws_reply()): close */
	char *rx;
	size_t rxlen;
	int rx_overflow;
	/* HTTP */
	enum route route;
	char *body;
	size_t bodylen;
	int body_overflow;
	char *resp; /* LWS_PRE headroom, then the body */
	size_t resplen;
	/* The request in progress, for pipelining (see http_body_completion()):
	 * its "METHOD /path" and whether its body has begun and ended. */
	char request_line[48];
	int body_started, body_done;
	unsigned long long repeat_turn; /* the loop turn of the last repeated completion */
	unsigned repeats;               /* repeated completions within that turn */
	/* Voice (voice.h): the audio between audio_start and audio_end (or a
	 * POST /v1/voice body), then the job answering it. */
	struct lws *wsi;
	uint8_t *audio;
	size_t audiolen;
	int audio_on, audio_over, voice_paused;
	unsigned audio_rate;
	char audio_id[HR_ID_MAX + 1];
	hr_voice_job *vjob;
	hr_voice_job *vstream; /* the question being streamed, before audio_end */
	int audio_parts;       /* its spoken answer in parts (audio_start "parts") */
	enum hr_voice_reply voice_reply;
	/* A spoken question waiting for voice to load (srv_voice_unpark()). */
	int16_t *park_pcm;
	size_t park_n;
	struct conn *park_next, **park_pprev;
};

/* What every worker's server shares (herald serve --workers): the counts
 * behind limits.max_connections and limits.per_address, which are limits of
 * the whole daemon, HTTP conversations and the metrics. The lock guards the
 * counts; sessions and metrics lock themselves. Touched at connect and
 * disconnect, never per message. */
struct hr_server_shared {
	pthread_mutex_t lock;
	unsigned open;        /* connections open, every worker: limits.max_connections */
	unsigned connections; /* of those, WebSockets */
	struct addr_count *addrs[ADDR_BUCKETS];
	hr_sessions *sessions;
	struct hr_metrics metrics;
};

struct hr_server {
	struct lws_context *ctx;
	struct lws_vhost *vhost;
	const struct hr_config *cfg;
	hr_engine *engine;
	struct hr_server_shared *shared;
	hr_sessions *sessions;      /* shared->sessions */
	struct hr_metrics *metrics; /* &shared->metrics */
	unsigned connections;       /* WebSockets open on this worker */
	lws_retry_bo_t idle_policy;
	int stopping;
	int draining;                 /* SIGTERM: finish what was asked, take nothing new */
	int goodbye;                  /* close each connection once its replies are written */
	uint64_t goodbye_ms;          /* when hr_server_goodbye() was called (now_ms()) */
	unsigned http_busy;           /* HTTP requests between headers and response */
	unsigned long long questions; /* asked since start */
	struct hr_trace *trace;       /* scratch for answer(), owned here */
	void (*on_fallback)(void *ud, const char *text, size_t len);
	void *on_fallback_ud;
	const hr_webroot *web; /* the widget's files, borrowed from the daemon */
	hr_voice *voice;       /* NULL: voice is off; borrowed from the daemon */
	/* Voice loads on the first spoken question (voice.preload = 0): this
	 * starts the load, and the questions wait in PARKED until
	 * hr_server_set_voice() (hr_server_set_voice_loader()). */
	void (*voice_load)(void *ud);
	void *voice_load_ud;
	struct conn *parked;
	unsigned nparked;
	int worker, workers; /* this server's index, and how many there are */
	/* The listening socket is herald's own (see listen_open()). */
	int listen_fd;
	int port;
	uv_loop_t *loop;
	uv_poll_t listen_poll;
	uv_timer_t listen_pause; /* out of descriptors: accept again a little later */
	int listen_on;
	int door_closed;       /* srv_listen_close(): the listening socket is gone */
	uv_check_t turn_check; /* counts the loop's turns (turns), for http_body_completion() */
	unsigned long long turns;
	struct front *fronts; /* connections at the front door, not yet lws's */
	unsigned nfronts;
};

/* server_conn.c: what every room uses; it calls no other room. */
struct hr_server *srv_server_of(struct lws *wsi);
struct addr_count **srv_addr_slot(struct hr_server_shared *sh, const char *addr);
struct addr_count *srv_addr_acquire(struct hr_server *s, struct lws *wsi, enum hr_refusal *why);
void srv_addr_release(struct hr_server *s, struct addr_count *a);
unsigned srv_total_connections(struct hr_server *s);
const char *srv_header(struct lws *wsi, enum lws_token_indexes t, char *buf, int cap);
void srv_client_address(struct hr_server *s, struct lws *wsi, char *out, size_t cap);
uint64_t srv_now_ms(void);
void srv_ws_rx_update(struct lws *wsi, struct conn *c);
void srv_ws_enqueue_kind(struct lws *wsi, struct conn *c, char *buf, size_t len, int binary);
void srv_ws_reply(struct lws *wsi, struct conn *c, char *buf, size_t len);
void srv_ws_error(struct lws *wsi, struct conn *c, const struct hr_proto_error *e);
/* C's conversation, allocated empty the first time; NULL when out of memory.
 * srv_ws_free() frees it. */
struct hr_convo *srv_ws_convo(struct conn *c);
int srv_http_add_cors(struct lws *wsi, unsigned char **p, unsigned char *end);
int srv_http_add_header(struct lws *wsi, const char *name, const char *value, unsigned char **p,
                        unsigned char *end);
int srv_http_respond_type(struct lws *wsi, struct conn *c, unsigned status, const char *type,
                          const char *allow, char *json, size_t jsonlen);
int srv_http_error(struct lws *wsi, struct conn *c, unsigned status, enum hr_proto_code code,
                   const char *message, const char *allow);
int srv_http_refuse(struct lws *wsi, unsigned status, enum hr_proto_code code, const char *message,
                    unsigned retry_after);

/* server_ask.c: the request handler, the network layer's one call into the engine. */
int srv_handle_ask(struct hr_server *s, struct hr_convo *convo, const struct hr_ask *ask,
                   struct hr_answer *out);

/* server_ws.c */
void srv_ws_free(struct conn *c);
int srv_ws_receive(struct hr_server *s, struct lws *wsi, struct conn *c, const char *in, size_t len);
void srv_ws_close_frame(struct lws *wsi, unsigned code, const char *reason);
int srv_ws_writeable(struct lws *wsi, struct conn *c);
int srv_ws_confirm(struct hr_server *s, struct lws *wsi);
int srv_ws_filter(struct hr_server *s, struct lws *wsi);

/* server_http.c */
int srv_http_request(struct hr_server *s, struct lws *wsi, struct conn *c, const char *path);
int srv_http_body(struct hr_server *s, struct conn *c, const char *in, size_t len);
void srv_on_turn(uv_check_t *h);
void srv_http_begin(struct lws *wsi, struct conn *c, const char *path);
int srv_http_replayed(const struct conn *c, const char *in, size_t len);
int srv_http_body_completion(struct hr_server *s, struct lws *wsi, struct conn *c);
void srv_http_free(struct hr_server *s, struct conn *c);
int srv_http_writeable(struct hr_server *s, struct lws *wsi, struct conn *c);

/* server_voice.c */
size_t srv_voice_body_limit(const struct hr_server *s);
int srv_ws_audio(struct hr_server *s, struct conn *c, const char *in, size_t len);
void srv_ws_voice(struct hr_server *s, struct lws *wsi, struct conn *c, int type,
                  const struct hr_audio_msg *am);
int srv_http_voice_request(struct hr_server *s, struct lws *wsi, struct conn *c, int post);
int srv_http_voice(struct hr_server *s, struct lws *wsi, struct conn *c);
void srv_voice_unpark(struct conn *c);
void srv_voice_resume(struct hr_server *s);

/* server_listen.c */
int srv_listen_open(const char *host, int port, int first, int *bound_port);
int srv_conn_take(struct hr_server *s);
void srv_conn_release(struct hr_server *s);
unsigned srv_conn_open(struct hr_server *s);
void srv_adopt(struct hr_server *s, int fd);
void srv_on_listen_readable(uv_poll_t *h, int status, int events);
void srv_listen_close(struct hr_server *s);
void srv_listen_stop(struct hr_server *s);

#endif
