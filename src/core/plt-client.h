/* plt-client.h — follows a router over WebSocket and keeps a PltModel current
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "plt-clock.h"
#include "plt-kpi.h"
#include "plt-model.h"
#include "plt-queue-trends.h"
#include "plt-types.h"

G_BEGIN_DECLS

#define PLT_TYPE_CLIENT (plt_client_get_type ())
G_DECLARE_FINAL_TYPE (PltClient, plt_client, PLT, CLIENT, GObject)

/*
 * Properties:
 *   "model"        PltModel (construct-only; a new one if NULL)
 *   "clock"        PltClock (construct-only; the default clock if NULL)
 *   "uri"          string, the router's ws:// or wss:// URI
 *   "state"        PltConnectionState (read-only)
 *   "last-error"   string (read-only, nullable): the last problem, in words a
 *                  supervisor understands (translated)
 *   "last-seq"     int64 (read-only)
 *   "epoch"        string (read-only, nullable)
 *   "retry-at"     int64 (read-only): monotonic µs of the next attempt while
 *                  RECONNECTING, else 0
 *   "last-update"  int64 (read-only): wall-clock µs of the last message received
 *   "role"         string (read-only, nullable): the role the router granted
 *                  (agent, supervisor, manager, wallboard, admin)
 *   "tls-errors"   GTlsCertificateFlags (read-only): why the router's
 *                  certificate was refused; 0 when it was not
 *
 * Signals:
 *   "synced" ()                — a snapshot was applied, or a resume replayed
 *                                what was missed: the model is complete
 *   "protocol-error" (GError*) — a message was rejected (the link goes on)
 *   "planning-message" (PltMessage*) — for a PltPlanningSync (see below)
 */

PltClient          *plt_client_new               (PltModel   *model,
                                                  PltClock   *clock);
PltModel           *plt_client_get_model         (PltClient  *self);
PltClock           *plt_client_get_clock         (PltClient  *self);
/* Returns: (transfer none): the last hour of the model's queues, sampled
 * with the client's clock (made on first use, one per client, shared by
 * every board, alert and wallboard that follows the client) */
PltQueueTrends     *plt_client_get_queue_trends  (PltClient  *self);
void                plt_client_connect           (PltClient  *self,
                                                  const char *uri);
void                plt_client_disconnect        (PltClient  *self);
/* Skips the back-off wait and tries again now (no-op unless RECONNECTING). */
void                plt_client_reconnect_now     (PltClient  *self);
PltConnectionState  plt_client_get_state         (PltClient  *self);
const char         *plt_client_get_uri           (PltClient  *self);
const char         *plt_client_get_last_error    (PltClient  *self);
gint64              plt_client_get_last_seq      (PltClient  *self);
const char         *plt_client_get_epoch         (PltClient  *self);
gint64              plt_client_get_retry_at      (PltClient  *self);
gint64              plt_client_get_last_update   (PltClient  *self);
guint64             plt_client_get_unknown_count (PltClient  *self);

/*
 * Tuning, mostly for tests. Defaults: back-off base 500 ms, cap 30 000 ms,
 * reset after 60 000 ms of healthy link; connect timeout 20 000 ms,
 * snapshot timeout 30 000 ms (from welcome or resync to snapshot.end),
 * liveness grace 5 000 ms (the link is dead after 2 × heartbeat + grace
 * without any frame).
 */
void                plt_client_set_backoff       (PltClient  *self,
                                                  guint       base_ms,
                                                  guint       cap_ms,
                                                  guint       healthy_after_ms);
void                plt_client_set_timeouts      (PltClient  *self,
                                                  guint       connect_ms,
                                                  guint       snapshot_ms,
                                                  guint       liveness_grace_ms);

/*
 * Logging in (docs/protocol.md §8). Either
 *
 *   plt_client_set_credentials (client, "alice", password);
 *   plt_client_connect (client, uri);
 *
 * where the client posts the credentials to the router's /login (http:// or
 * https:// on the host of @uri) before the WebSocket upgrade, keeps the
 * token it gets in memory only, and wipes the password as soon as the
 * router answered that one attempt (a network failure keeps it for the next
 * try); or plt_client_set_token() with a token obtained elsewhere, e.g.
 * plt_router_thread_dup_demo_token() for `plateau --demo`.
 *
 * The token travels in the "Authorization: Bearer" header of the upgrade,
 * never in the URI. A refused login (HTTP 401 or 429), a refused token
 * (HTTP 401) or an expired one (close 4003) stops the client in
 * PLT_CONNECTION_STATE_NEEDS_LOGIN, without retrying: "last-error" says why,
 * in words for the user. Give credentials again and connect.
 *
 * Credentials or a token set while connected apply from the next connect.
 */
void                plt_client_set_credentials   (PltClient  *self,
                                                  const char *user,
                                                  const char *password);
/* @token: (nullable): NULL forgets it. */
void                plt_client_set_token         (PltClient  *self,
                                                  const char *token);
gboolean            plt_client_has_token         (PltClient  *self);
const char         *plt_client_get_role          (PltClient  *self);

/*
 * TLS (wss://). The router's certificate is checked against the system's
 * CAs, plus the CA certificates of @path when one is set (NULL: none). A
 * certificate that fails stops the client in PLT_CONNECTION_STATE_FAILED
 * with "tls-errors" set and "last-error" saying why, e.g. "The router's
 * certificate is not trusted: it is self-signed or signed by an unknown
 * authority". It is never accepted silently.
 */
gboolean            plt_client_set_ca_file       (PltClient  *self,
                                                  const char *path,
                                                  GError    **error);
GTlsCertificateFlags plt_client_get_tls_errors   (PltClient  *self);

/*
 * The supervisor's commands (docs/protocol.md §10) and the history (§4.5).
 * Each sends one message named by the client and completes with the
 * router's answer: TRUE on `result`, or the router's refusal as a
 * PLT_PROTOCOL_ERROR (its code, its words: "agent “a-4” is not in the teams
 * you supervise"); G_IO_ERROR_NOT_CONNECTED when not live, and
 * G_IO_ERROR_CONNECTION_CLOSED when the link drops first.
 *
 * Every call returns the command's id ((transfer full)), which the
 * "message-acknowledged" signal repeats for cmd.message.
 */
char               *plt_client_set_agent_status  (PltClient            *self,
                                                  const char           *agent,
                                                  PltAgentStatus        status,
                                                  const char           *reason,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
/* @skills: (array length=n_skills): the agent's queues and levels, all of them */
char               *plt_client_set_agent_skills  (PltClient            *self,
                                                  const char           *agent,
                                                  const PltAgentSkill  *skills,
                                                  guint                 n_skills,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
/* Exactly one of @to_agent and @to_team. */
char               *plt_client_send_message      (PltClient            *self,
                                                  const char           *to_agent,
                                                  const char           *to_team,
                                                  const char           *text,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean            plt_client_command_finish    (PltClient            *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
/* What @agents (NULL or empty: every one the session sees) and @queues
 * (likewise) were doing over [@from, @to); queue samples every @step_s
 * seconds (0: 60). */
char               *plt_client_query_history     (PltClient            *self,
                                                  gint64                from,
                                                  gint64                to,
                                                  const char * const   *agents,
                                                  const char * const   *queues,
                                                  guint                 step_s,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
/* Returns: (transfer full): every part's intervals and samples together,
 * as a history.result payload (plt-protocol-supervisor.h) */
PltSupervisorMessage *plt_client_query_history_finish (PltClient       *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

/*
 * KPIs (docs/protocol.md §4.4). Live figures are asked for once a
 * session's first snapshot is applied, for the scopes set here (default
 * "queue" and "team"; NULL or empty: none), from the next session on; each
 * kpi.update goes to plt_model_apply_kpi(). A router without them answers
 * the subscription with an error, which the client keeps quiet.
 */
void                plt_client_set_kpi_scopes    (PltClient          *self,
                                                  const char * const *scopes);
/*
 * Asks the router for the figures of @ids (NULL or empty: every entity of
 * @scope the session sees) over [@from, @to), or over @period (each
 * entity's own day for today), cut every @interval_s seconds (0: one row per
 * entity; at least 60 otherwise). Fails with G_IO_ERROR_NOT_CONNECTED when
 * not connected, G_IO_ERROR_CONNECTION_CLOSED when the link drops first,
 * or the router's refusal in PLT_PROTOCOL_ERROR (its code, its words).
 *
 * _finish returns: (transfer full) (element-type PltKpiRow): the rows, as
 * in kpi.result (counters are not sent: only values)
 */
void                plt_client_query_kpi         (PltClient           *self,
                                                  PltKpiScope          scope,
                                                  const char * const  *ids,
                                                  gint64               from,
                                                  gint64               to,
                                                  guint                interval_s,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
void                plt_client_query_kpi_period  (PltClient           *self,
                                                  PltKpiScope          scope,
                                                  const char * const  *ids,
                                                  PltKpiPeriod         period,
                                                  guint                interval_s,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
GPtrArray          *plt_client_query_kpi_finish  (PltClient           *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

/*
 * Plannings (docs/protocol.md §4.6) go through a PltPlanningSync, which
 * encodes its own requests (ids "plan-…"): give it
 * plt_client_send_planning() as its send function, and feed it the
 * "planning-message" signal (PltMessage *, valid during the emission):
 * the planning.* messages and the result or error of each of its
 * requests. Returns FALSE (nothing sent) while not connected: the sync
 * keeps the edits pending and saves them once online again.
 */
gboolean            plt_client_send_planning     (PltClient           *self,
                                                  const char          *text);

G_END_DECLS
