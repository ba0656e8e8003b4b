/* plt-kpi-service.h — the router's KPIs: live figures for the sessions, and
 * the answers to kpi.query (docs/kpis.md, docs/protocol.md §4.4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "plt-acd.h"
#include "plt-kpi.h"
#include "plt-persist.h"
#include "plt-protocol.h"
#include "plt-view.h"

G_BEGIN_DECLS

/* The rolling window of the live figures. */
#define PLT_KPI_SERVICE_WINDOW_MS       (30 * 60 * 1000)
/* The shortest time between two kpi.update of one entity and period, in
 * real time: queues and teams, agents. */
#define PLT_KPI_SERVICE_PUSH_US         G_USEC_PER_SEC
#define PLT_KPI_SERVICE_AGENT_PUSH_US   (5 * G_USEC_PER_SEC)

typedef struct _PltKpiService PltKpiService;

/**
 * PltKpiPush:
 * @scope: the entity's scope
 * @id: the entity
 * @text: the kpi.update, encoded without seq (each session adds its own)
 *
 * One live update, for the sessions that see the entity.
 */
typedef struct
{
  PltKpiScope  scope;
  char        *id;
  char        *text;
} PltKpiPush;

void           plt_kpi_push_free              (PltKpiPush        *push);

/* Follows @acd (referenced): reads its records of today, then its signals.
 * The KPI settings come from the scenario: each queue's T and its `kpi`
 * (SL variant, short-abandon threshold, day reset; by default abandons as
 * misses, 5 s, midnight), in the scenario's zone. */
PltKpiService *plt_kpi_service_new            (PltAcd            *acd);
void           plt_kpi_service_free           (PltKpiService     *self);
/* Returns: (transfer none) */
PltKpiConfig  *plt_kpi_service_get_config     (PltKpiService     *self);
/* The adherence hook (docs/kpis.md §6): the planning tells what each agent
 * should be doing. Today's records are read again so that adherence
 * covers the whole day. NULL @func removes it. */
void           plt_kpi_service_set_plan_func  (PltKpiService     *self,
                                               PltKpiPlanFunc     func,
                                               gpointer           user_data,
                                               GDestroyNotify     destroy);

/* Once per router tick: takes in the contacts in progress (at most once a
 * second of real time, @now_us monotonic) and returns the kpi.update due
 * in @scopes (a mask of 1 << PltKpiScope; changes in other scopes are
 * dropped) — entities whose figures changed, no more often than
 * PLT_KPI_SERVICE_PUSH_US (queues, teams) or PLT_KPI_SERVICE_AGENT_PUSH_US
 * (agents): queues today and rolling, teams and agents today.
 * Returns: (transfer full) (element-type PltKpiPush) */
GPtrArray     *plt_kpi_service_take_pushes    (PltKpiService     *self,
                                               gint64             now_us,
                                               const char        *epoch,
                                               guint              scopes);
/* Every queue's and team's figures now, for a session that starts.
 * Returns: (transfer full) (element-type PltKpiPush) */
GPtrArray     *plt_kpi_service_dup_all_pushes (PltKpiService     *self,
                                               const char        *epoch);

/* Whether @view (NULL: everything) sees the entity. */
gboolean       plt_kpi_service_is_visible     (PltKpiService     *self,
                                               PltView           *view,
                                               PltKpiScope        scope,
                                               const char        *id);
/* The entities a kpi.query touches for @view: @ids (each must be seen, else
 * FORBIDDEN; an unknown one reads the same as a hidden one, except for a
 * full view, NOT_FOUND), or when @ids is empty every entity of @scope the
 * view sees. For role checks. Returns: (transfer full) (nullable) */
GStrv          plt_kpi_service_resolve_ids    (PltKpiService     *self,
                                               PltView           *view,
                                               PltKpiScope        scope,
                                               const char * const *ids,
                                               GError           **error);
/* The longest period a kpi.query may ask for (the retention is 92 days). */
#define PLT_KPI_SERVICE_MAX_PERIOD_DAYS 93

/* The database file whose history answers the periods before today
 * (@persist is flushed first so that it holds every record of the days
 * before). NULL @path: today only. */
void           plt_kpi_service_set_history    (PltKpiService     *self,
                                               PltPersist        *persist,
                                               const char        *path);
/* The answer to @query for @view: a kpi.result, or an error with reply_to
 * (BAD_REQUEST, TOO_LARGE, FORBIDDEN, NOT_FOUND), encoded without seq (the
 * session adds its own), with @epoch. Returns: (transfer full) */
char          *plt_kpi_service_answer         (PltKpiService     *self,
                                               PltView           *view,
                                               const PltKpiQueryData *query,
                                               const char        *epoch);

/* Same, for any period: one that reaches before today's records is read
 * from the history (plt_kpi_service_set_history()) by a worker thread with
 * its own read-only connection, feeding the report that today's records
 * then complete on this thread. Returns: (transfer full) (nullable): the
 * answer now, or NULL when @callback (on the thread-default main context)
 * will get it from plt_kpi_service_answer_finish(). */
char          *plt_kpi_service_answer_any     (PltKpiService     *self,
                                               PltView           *view,
                                               const PltKpiQueryData *query,
                                               const char        *epoch,
                                               GAsyncReadyCallback callback,
                                               gpointer           user_data);
/* Returns: (transfer full): the kpi.result, or an error (INTERNAL when
 * the database cannot be read) */
char          *plt_kpi_service_answer_finish  (PltKpiService     *self,
                                               GAsyncResult      *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PltKpiPush, plt_kpi_push_free)

G_END_DECLS
