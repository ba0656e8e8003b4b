/* plt-router.h — the routing server: an ACD with a traffic simulator,
 * serving the Plateau protocol over WebSocket
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "plt-acd.h"
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
} PltRouterOptions;

/* Loads the scenario; runs on the thread-default main context. */
PltRouter   *plt_router_new             (const PltRouterOptions *options,
                                         GError                **error);
/* Listens on @host:@port (port 0 = ephemeral) and starts the simulation. */
gboolean     plt_router_listen          (PltRouter   *self,
                                         const char  *host,
                                         guint        port,
                                         GError     **error);
/* Returns: (transfer full): e.g. "ws://127.0.0.1:8765/acd" */
char        *plt_router_dup_uri         (PltRouter   *self);
/* Closes every connection with 1001 and stops listening and simulating. */
void         plt_router_stop            (PltRouter   *self);

/* Pauses or resumes the simulator (the server keeps serving). For tests.
 * Pausing also sends the queue updates held back by conflation at once, so
 * that plt_router_get_seq() stays put from then on until resumed. */
void         plt_router_set_paused      (PltRouter   *self,
                                         gboolean     paused);
/* The seq of the last delta of the stream. */
gint64       plt_router_get_seq         (PltRouter   *self);
const char  *plt_router_get_epoch       (PltRouter   *self);
guint        plt_router_get_n_clients   (PltRouter   *self);

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
/* Stops the router, joins the thread and frees @thread. */
void             plt_router_thread_stop  (PltRouterThread *thread);

G_END_DECLS
