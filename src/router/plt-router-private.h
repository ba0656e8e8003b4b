/* plt-router-private.h — the router's state, shared by its parts:
 *
 *   plt-router.c    the object, the published state, the HTTP side
 *                   (upgrade, /login, TLS), the tick, the thread
 *   plt-session.c   one session: its stream, replay ring, lag, messages
 *   plt-view.c      what a role sees and may do
 *   plt-auth.c      users, passwords, tokens, the login rate limit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "plt-acd.h"
#include "plt-auth.h"
#include "plt-commands.h"
#include "plt-kpi-service.h"
#include "plt-persist.h"
#include "plt-planning-service.h"
#include "plt-router.h"
#include "plt-scenario.h"
#include "plt-view.h"

G_BEGIN_DECLS

#define ROUTER_SERVER_NAME        "plateau-router/" PACKAGE_VERSION
#define CLOSE_TOKEN_EXPIRED       4003
#define CLOSE_PROTOCOL_ERROR      4004
#define CLOSE_SLOW_CONSUMER       4008

typedef struct _PltSession PltSession;

struct _PltRouter
{
  GObject        parent_instance;

  GMainContext  *context;
  PltScenario   *scenario;
  PltAcd        *acd;
  PltPlanningService *planning;   /* plt-planning-service-router.c */
  PltCommands   *commands;        /* plt-commands.c */
  PltDb         *db;
  PltPersist    *persist;       /* NULL with an in-memory database */
  PltKpiService *kpi;           /* live KPIs and kpi.query (plt-kpi-service.c) */
  PltAuth       *auth;            /* NULL with no_auth */
  SoupServer    *server;
  GTlsCertificate *certificate;
  char          *uri;
  char          *epoch;

  double         speed;
  guint          heartbeat_ms;
  guint          hello_timeout_ms;
  guint          max_lag_events;
  gsize          max_lag_bytes;
  guint          ring_events;
  gsize          ring_bytes;
  guint          resume_keep_ms;

  gint64         seq;             /* deltas published, all sessions together */
  guint64        next_session;
  guint64        next_snapshot;
  guint64        next_serial;
  guint64        n_slow_consumers;
  GPtrArray     *sessions;        /* PltSession*, owned: attached and detached */

  GHashTable    *published[4];    /* by PltAcdEntity: id → Published* */
  GPtrArray     *queue_slots;     /* QueueSlot*, scenario order */
  GHashTable    *queue_slots_by_id;

  /* Snapshots encoded without seq, by view key, as of `seq`. */
  GHashTable    *snapshot_cache;  /* char* key → SnapshotCache* */

  GSource       *tick;
  gint64         anchor_mono_us;
  gint64         anchor_sim_ms;

  guint          running : 1;
  guint          paused : 1;
  guint          stopped : 1;
  guint          tls : 1;
};

/* A snapshot for one view, encoded without seq (plt-router.c). */
typedef struct
{
  char      *id;
  GPtrArray *texts;        /* char*: the parts, then the end, each without seq */
  gint64     counts[4];
  gsize      bytes;
} SnapshotCache;

/* plt-router.c */
gint64         _plt_router_now            (PltRouter    *self);
SnapshotCache *_plt_router_get_snapshot   (PltRouter    *self,
                                           PltView      *view);
/* Records, for a dynamic view, which entities its snapshot carries. */
void           _plt_router_seed_known     (PltRouter    *self,
                                           PltSession   *session);
/* Returns: (transfer none) (nullable): the published agent @id */
const PltAgentData *_plt_router_lookup_agent (PltRouter *self,
                                           const char   *id);
/* Returns: (transfer container): the published agents, borrowed */
GPtrArray     *_plt_router_list_agents    (PltRouter    *self);
PltSession    *_plt_router_find_session   (PltRouter    *self,
                                           const char   *id);
/* "{\"v\":1,\"seq\":N," + @text without its "{\"v\":1,": a message encoded
 * without seq, given the seq of one session's stream. */
char          *_plt_router_with_seq       (const char   *text,
                                           gint64        seq);

/* plt-session.c */
PltSession    *_plt_session_new           (PltRouter               *router,
                                           SoupWebsocketConnection *conn,
                                           GSocket                 *socket,
                                           const char              *peer,
                                           PltUser                 *user,
                                           gint64                   token_expires_ms);
void           _plt_session_free          (PltSession   *session);
const char    *_plt_session_get_id        (PltSession   *session);
PltView       *_plt_session_get_view      (PltSession   *session);
/* Attached to a connection that has not closed. */
gboolean       _plt_session_is_connected  (PltSession   *session);
/* Has a stream (said hello and got a snapshot): receives events. */
gboolean       _plt_session_is_streaming  (PltSession   *session);
/* Neither connected nor worth keeping any longer: free it. */
gboolean       _plt_session_is_done       (PltSession   *session,
                                           gint64        now_us);
/* One event, encoded without seq for this session's view (NULL when the
 * view does not see it); @data is the view's own copy of the entity, or
 * NULL for a removal. */
void           _plt_session_publish       (PltSession   *session,
                                           const char   *text);
/* A message that is not a delta (keeps the stream's seq), encoded without
 * seq: sent now if the session is streaming, else dropped. */
void           _plt_session_send_event    (PltSession   *session,
                                           const char   *text);
/* A whole frame, seq included, sent as it is. */
void           _plt_session_send_frame    (PltSession   *session,
                                           const char   *text);
/* Returns: (transfer none) (nullable): who the session is (NULL: --no-auth) */
const PltUser *_plt_session_get_user      (PltSession   *session);

/* plt-planning-service-router.c: the plannings in the router. */
gboolean       _plt_router_start_planning (PltRouter    *self,
                                           gboolean      demo_plan,
                                           GError      **error);
void           _plt_session_close         (PltSession   *session,
                                           gushort       code,
                                           const char   *reason);
/* For a dynamic view: whether the session was sent @id of @kind (and
 * still has it), and recording it. */
gboolean       _plt_session_knows         (PltSession   *session,
                                           PltAcdEntity  kind,
                                           const char   *id);
void           _plt_session_set_known     (PltSession   *session,
                                           PltAcdEntity  kind,
                                           const char   *id,
                                           gboolean      known);
/* Closes the socket at once, with no close frame (plt_router_drop_links()). */
void           _plt_session_drop_link     (PltSession   *session);
/* The tick: token expiry. */
void           _plt_session_tick          (PltSession   *session,
                                           gint64        now_ms);
gint64         _plt_session_get_seq       (PltSession   *session);
gint64         _plt_session_get_acked_seq (PltSession   *session);

/* plt-kpi-service.c: the kpi.update due, to the subscribed sessions that
 * see them; and the answers to kpi.subscribe and kpi.query. */
void           _plt_router_publish_kpis   (PltRouter    *router);
void           _plt_router_kpi_subscribe  (PltRouter    *router,
                                           PltSession   *session,
                                           const PltMessage *message);
void           _plt_router_kpi_query      (PltRouter    *router,
                                           PltSession   *session,
                                           const PltMessage *message);

G_END_DECLS
