/* plt-router.h — the routing server: an ACD with a traffic simulator,
 * serving the Plateau protocol over WebSocket
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "plt-acd.h"
#include "plt-auth.h"
#include "plt-protocol.h"

G_BEGIN_DECLS

#define PLT_TYPE_ROUTER (plt_router_get_type ())
G_DECLARE_FINAL_TYPE (PltRouter, plt_router, PLT, ROUTER, GObject)

typedef struct
{
  const char *scenario;      /* "demo" or a path to a scenario file (docs/scenarios.md) */
  double      speed;         /* simulated seconds per real second, > 0 */
  guint64     seed;          /* same seed + same scenario = same run */
  guint       heartbeat_ms;  /* sys.hb after this much silence; 0 = default 10 000 */

  /* Added with authentication, resume and TLS (docs/protocol.md §4, §8, §9).
   * Zero is the default for each. */
  const char *db_path;       /* the users' database; NULL = in memory, for an
                              * embedded router (plateau-router picks a file) */
  gboolean    no_auth;       /* opt-in: every connection is an admin, no
                              * login; logged as a warning. Never the default. */
  const char *tls_cert_file; /* PEM; with tls_key_file, serve wss:// */
  const char *tls_key_file;
  guint       max_lag_events;   /* unacknowledged events before 4008; 0 = 20 000 */
  gsize       max_lag_bytes;    /* unacknowledged bytes before 4008; 0 = 8 MiB */
  guint       resume_keep_ms;   /* how long a session waits for a resume; 0 = 5 min */
  gboolean    demo_plan;     /* publish a plan for today for every team that has
                              * none, which the simulated agents follow
                              * (docs/planning.md); FALSE: only plans saved
                              * and published by users */
} PltRouterOptions;

/* Loads the scenario; runs on the thread-default main context. */
PltRouter   *plt_router_new             (const PltRouterOptions *options,
                                         GError                **error);
/* Listens on @host:@port (port 0 = ephemeral) and starts the simulation. */
gboolean     plt_router_listen          (PltRouter   *self,
                                         const char  *host,
                                         guint        port,
                                         GError     **error);
/* Returns: (transfer full): e.g. "ws://127.0.0.1:8765/acd" (wss:// with TLS) */
char        *plt_router_dup_uri         (PltRouter   *self);
/* Closes every connection with 1001 and stops listening and simulating. */
void         plt_router_stop            (PltRouter   *self);

/* Pauses or resumes the simulator (the server keeps serving). For tests.
 * Pausing also sends the queue updates held back by conflation at once, so
 * that plt_router_get_seq() stays put from then on until resumed. */
void         plt_router_set_paused      (PltRouter   *self,
                                         gboolean     paused);
/* How many deltas the router published, all views together. Each session
 * numbers the deltas its view sees on its own stream (docs/protocol.md §3). */
gint64       plt_router_get_seq         (PltRouter   *self);
const char  *plt_router_get_epoch       (PltRouter   *self);
guint        plt_router_get_n_clients   (PltRouter   *self);
/* Sessions kept, connected or waiting for a resume. */
guint        plt_router_get_n_sessions  (PltRouter   *self);
/* How many connections were closed with 4008 (slow consumer). */
guint64      plt_router_get_n_slow_consumers (PltRouter *self);
/* Returns: (transfer none) (nullable): the users, NULL with no_auth */
PltAuth     *plt_router_get_auth        (PltRouter   *self);
/* Creates (once) the account "demo", a manager with a random password
 * nobody knows, hashed cheaply (it is 32 random characters), and returns a
 * fresh token for it. For `plateau --demo` and tests.
 * Returns: (transfer full) (nullable) */
char        *plt_router_create_demo_token (PltRouter *self,
                                           gint64    *expires_ms,
                                           GError   **error);
/* For tests: closes the socket of every connection at once, as a network
 * failure would (no close frame); the sessions are kept for a resume. */
void         plt_router_drop_links      (PltRouter   *self);
/* The seq of session @id's stream, or -1 if there is no such session. */
gint64       plt_router_get_session_seq (PltRouter   *self,
                                         const char  *id);

/* Returns: (transfer full) (element-type Plt*Data): the current state,
 * exactly as a snapshot would carry it. */
GPtrArray   *plt_router_dup_teams       (PltRouter   *self);
GPtrArray   *plt_router_dup_agents      (PltRouter   *self);
GPtrArray   *plt_router_dup_queues      (PltRouter   *self);
GPtrArray   *plt_router_dup_calls       (PltRouter   *self);

/* How long a new connection may wait before its hello (default 10 000 ms,
 * docs/protocol.md §4.1); it is closed with 1008 after. For tests. */
void         plt_router_set_hello_timeout (PltRouter *self,
                                           guint      timeout_ms);
/* The router's clock, ms since the epoch: runs at `speed`, stands still
 * while paused. */
gint64       plt_router_get_now         (PltRouter   *self);
/* Returns: (transfer none): the simulation behind the router */
PltAcd      *plt_router_get_acd         (PltRouter   *self);
/* After plt_router_stop(): iterates the router's main context until every
 * client connection has closed, or @timeout_ms passed. Returns TRUE if none
 * is left. */
gboolean     plt_router_wait_closed     (PltRouter   *self,
                                         guint        timeout_ms);

/*
 * A router on its own thread and main context, for `plateau --demo`.
 * plt_router_thread_start() returns once the router listens (or failed).
 */
typedef struct _PltRouterThread PltRouterThread;

PltRouterThread *plt_router_thread_start (const PltRouterOptions *options,
                                          const char             *host,
                                          guint                   port,
                                          GError                **error);
const char      *plt_router_thread_get_uri (PltRouterThread *thread);
/* A fresh token (12 h) for the embedded router's demo account, which
 * plt_router_thread_start() created: the console logs in with it without
 * asking anyone (plt_client_set_token()). Call it again when the client
 * reports PLT_CONNECTION_STATE_NEEDS_LOGIN. The caller must wipe and free it.
 * Returns: (transfer full) (nullable) */
char            *plt_router_thread_dup_demo_token (PltRouterThread *thread,
                                                   GError         **error);
/* Stops the router, joins the thread and frees @thread. */
void             plt_router_thread_stop  (PltRouterThread *thread);

G_END_DECLS
