/* plt-client-private.h — the parts of PltClient shared by its files:
 *
 *   plt-client.c           the object, the link (connect, receive, watchdog,
 *                          retry) and the public API
 *   plt-client-snapshot.c  the stream: deltas by seq, snapshots collected
 *                          aside and swapped in one step, resync
 *   plt-client-login.c     logging in (POST /login), secrets, certificates
 *   plt-client-kpi.c       live figures and KPI queries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "plt-client.h"
#include "plt-protocol.h"

G_BEGIN_DECLS

struct _PltClient
{
  GObject                  parent_instance;

  PltModel                *model;
  PltClock                *clock;
  PltQueueTrends          *queue_trends;     /* made on first use */
  PltDecoder              *decoder;
  SoupSession             *session;

  char                    *uri;
  char                    *address;          /* host:port, for messages */
  char                    *last_error;
  char                    *epoch;
  char                    *session_id;       /* of the last welcome */
  char                    *role;

  /* Logging in: secrets, wiped when dropped */
  char                    *login_user;
  char                    *login_password;   /* until the router answered a login */
  char                    *token;
  GTlsDatabase            *ca_database;      /* extra CAs, or NULL */
  GTlsCertificateFlags     tls_errors;
  gint64                   retry_hint_ms;    /* from the router: wait at least this */

  /* The link */
  struct _ConnectData     *connecting;       /* the pending connect, if any */
  SoupWebsocketConnection *conn;
  gint64                   last_rx;          /* monotonic µs */
  gint64                   heartbeat_ms;
  gint64                   live_since;       /* monotonic µs, 0 when not live */
  guint                    attempt;          /* failures since the last healthy link */

  /* The stream */
  gint64                   last_seq;
  gint64                   acked_seq;
  gint64                   last_ack_time;    /* monotonic µs */
  GPtrArray               *buffered;         /* PltMessage*: deltas waiting for a snapshot */

  /* The snapshot being collected */
  char                    *snapshot_id;
  gint64                   snapshot_as_of;
  gint64                   snapshot_parts;
  gint64                   snapshot_next;
  gint64                   snapshot_counts[4];
  GPtrArray               *snapshot_data[4]; /* teams, agents, queues, calls */
  gint64                   snapshot_deadline; /* monotonic µs, 0 when none */

  /* Properties */
  gint64                   retry_at;
  gint64                   last_update;
  gint64                   last_update_notified;
  PltConnectionState       state;

  /* Tuning */
  guint                    backoff_base_ms;
  guint                    backoff_cap_ms;
  guint                    healthy_after_ms;
  guint                    liveness_grace_ms;
  guint                    connect_timeout_ms;
  guint                    snapshot_timeout_ms;

  /* KPIs */
  GStrv                    kpi_scopes;       /* to subscribe to */
  GHashTable              *kpi_queries;      /* id → GTask, in flight */
  guint                    kpi_query_serial;

  /* Commands and history queries (plt-client-commands.c) */
  GHashTable              *commands;         /* id → GTask, in flight */
  guint64                  command_serial;

  /* Sources */
  guint                    retry_source;
  guint                    watchdog_source;
  guint                    ack_source;

  guint                    welcomed : 1;
  guint                    awaiting_snapshot : 1;
  guint                    in_snapshot : 1;
  guint                    can_resume : 1;    /* the model was complete when the link dropped */
  guint                    resuming : 1;      /* the hello of this link asked to resume */
  guint                    kpi_subscribed : 1; /* in this session */
};

enum {
  PROP_0,
  PROP_MODEL,
  PROP_CLOCK,
  PROP_URI,
  PROP_STATE,
  PROP_LAST_ERROR,
  PROP_LAST_SEQ,
  PROP_EPOCH,
  PROP_RETRY_AT,
  PROP_LAST_UPDATE,
  PROP_ROLE,
  PROP_TLS_ERRORS,
  N_PROPS
};

enum {
  SYNCED,
  PROTOCOL_ERROR,
  MESSAGE_RECEIVED,
  MESSAGE_ACKNOWLEDGED,
  PLANNING_MESSAGE,
  N_SIGNALS
};

extern GParamSpec *_plt_client_properties[N_PROPS];
extern guint _plt_client_signals[N_SIGNALS];

enum { KIND_TEAMS, KIND_AGENTS, KIND_QUEUES, KIND_CALLS, N_KINDS };

#define DEFAULT_BACKOFF_BASE_MS     500
#define DEFAULT_BACKOFF_CAP_MS      30000
#define DEFAULT_HEALTHY_AFTER_MS    60000
#define DEFAULT_LIVENESS_GRACE_MS   5000
#define DEFAULT_CONNECT_TIMEOUT_MS  20000
#define DEFAULT_SNAPSHOT_TIMEOUT_MS 30000
#define DEFAULT_HEARTBEAT_MS        10000
#define KEEPALIVE_INTERVAL_S        15
#define ACK_INTERVAL_US             G_USEC_PER_SEC
#define MAX_BUFFERED                100000
#define CLOSE_TOKEN_EXPIRED         4003
#define CLOSE_PROTOCOL_ERROR        4004
#define CLOSE_SLOW_CONSUMER         4008
#define MAX_RETRY_HINT_MS           (10 * 60 * 1000)
#define LOGIN_PATH                  "/login"

typedef struct _ConnectData ConnectData;

/* A connect in progress. The client forgets it (self = NULL) when it gives
 * up on it; the callback then only frees it. */
struct _ConnectData
{
  PltClient    *self;
  GCancellable *cancellable;
  SoupMessage  *message;
  guint         timeout_source;
  gboolean      timed_out;
  gboolean      login;          /* POST /login, not the upgrade */
};

void _plt_client_apply_live_delta (PltClient  *self,
                                   PltMessage *message);
void _plt_client_buffer_delta (PltClient  *self,
                               PltMessage *message);
void _plt_client_buffer_reset (PltClient *self);
void _plt_client_connect_data_free (ConnectData *data);
ConnectData *_plt_client_connect_data_new (PltClient   *self,
                                           SoupMessage *message);
gboolean _plt_client_connect_timeout_cb (gpointer user_data);
char *_plt_client_describe_connect_error (PltClient    *self,
                                          ConnectData  *data,
                                          const GError *error);
void _plt_client_fail (PltClient  *self,
                       const char *why,
                       gushort     close_code);
void _plt_client_fail_tls (PltClient            *self,
                           GTlsCertificateFlags  errors);
/* plt-client-kpi.c: TRUE if @message was a KPI message (or the answer to
 * one) and was handled */
gboolean _plt_client_kpi_handle (PltClient        *self,
                                 const PltMessage *message);
void _plt_client_kpi_synced (PltClient *self);
void _plt_client_kpi_fail_queries (PltClient *self);
/* plt-client-commands.c: TRUE if @message answered a command or a history
 * query, or was a message event, and was handled */
gboolean _plt_client_commands_handle (PltClient        *self,
                                      const PltMessage *message);
void _plt_client_commands_fail (PltClient *self);
void _plt_client_lose_link (PltClient  *self,
                            const char *why,
                            gboolean    at_once);
void _plt_client_maybe_ack (PltClient *self);
void _plt_client_need_login (PltClient  *self,
                             const char *why);
void _plt_client_request_resync (PltClient *self);
gint64 _plt_client_retry_after_ms (SoupMessage *message);
void _plt_client_secret_clear (char **secret);
void _plt_client_send_text (PltClient  *self,
                            const char *text);
void _plt_client_set_last_error (PltClient  *self,
                                 const char *text);
void _plt_client_set_last_seq (PltClient *self,
                               gint64     seq);
void _plt_client_set_retry_at (PltClient *self,
                               gint64     retry_at);
void _plt_client_set_state (PltClient          *self,
                            PltConnectionState  state);
void _plt_client_snapshot_begin (PltClient        *self,
                                 const PltMessage *message);
void _plt_client_snapshot_end (PltClient        *self,
                               const PltMessage *message);
void _plt_client_snapshot_part (PltClient  *self,
                                PltMessage *message);
void _plt_client_snapshot_reset (PltClient *self);
void _plt_client_start_connect (PltClient *self);
void _plt_client_start_login (PltClient *self);

G_END_DECLS
