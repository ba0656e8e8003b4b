/* plt-planning-service.h — the router's plannings: storage (database
 * component "planning"), the planning.* messages with their role checks,
 * publishing, and the simulated agents following the published plan
 * (docs/planning.md, docs/protocol.md "Planning")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "plt-acd.h"
#include "plt-auth.h"
#include "plt-db.h"
#include "plt-kpi.h"
#include "plt-planning.h"
#include "plt-protocol.h"

G_BEGIN_DECLS

#define PLT_TYPE_PLANNING_SERVICE (plt_planning_service_get_type ())
G_DECLARE_FINAL_TYPE (PltPlanningService, plt_planning_service, PLT, PLANNING_SERVICE, GObject)

/* Called with a planning.published event for @agent, encoded without seq
 * (add the session's own with _plt_router_with_seq()). */
typedef void (*PltPlanningNotifyFunc) (const char *agent,
                                       const char *text,
                                       gpointer    user_data);

/* Opens the "planning" component of @db (migrating it). The plannings'
 * site is @tz_id (NULL: the local zone). */
PltPlanningService *plt_planning_service_new          (PltDb                 *db,
                                                       const char            *site_name,
                                                       const char            *tz_id,
                                                       GError               **error);
/* Returns: (transfer none) */
const PltSite      *plt_planning_service_get_site     (PltPlanningService    *self);
/* The teams and agents (element-type PltAgentData: id, name, team and
 * queues, their skills) plannings are made for. */
void                plt_planning_service_set_agents   (PltPlanningService    *self,
                                                       GPtrArray             *teams,
                                                       GPtrArray             *agents);
/* @epoch: the router's, put in the events. */
void                plt_planning_service_set_notify   (PltPlanningService    *self,
                                                       PltPlanningNotifyFunc  func,
                                                       gpointer               user_data,
                                                       const char            *epoch);
/* The ACD whose agents follow the published plans (NULL: none): set now,
 * after each publication, and at each new day. */
void                plt_planning_service_set_acd      (PltPlanningService    *self,
                                                       PltAcd                *acd);

/* Answers a planning.* command (get, save, publish, comment) of @user
 * (NULL: a router without authentication, allowed everything): the
 * frames to send back, with @seq and @epoch. Role checks:
 *   get      admin, manager: any team; supervisor: their teams; agent:
 *            their own team's published days of their own; wallboard: no
 *   save     admin, manager; supervisor of the team
 *   publish  admin, manager
 *   comment  admin, manager; supervisor of the team
 * Returns: (transfer full) (element-type utf8) */
GPtrArray          *plt_planning_service_handle       (PltPlanningService    *self,
                                                       const PltUser         *user,
                                                       const PltMessage      *message,
                                                       gint64                 now,
                                                       gint64                 seq,
                                                       const char            *epoch);

/* Makes sure every team has a published plan for the day of @now: for
 * the teams that have none, builds one (each agent on a shift around
 * @now, with breaks and lunch; one agent in four starting later) and
 * publishes it as "plateau-router". Teams the scenario gives a schedule
 * of their own (with the ACD set) keep it. */
gboolean            plt_planning_service_ensure_today (PltPlanningService    *self,
                                                       gint64                 now,
                                                       GError               **error);
/* Returns: (transfer full) (nullable): the latest published schedule of
 * @team's @week, and its version */
PltSchedule        *plt_planning_service_dup_published (PltPlanningService   *self,
                                                       const char            *team,
                                                       const PltWeek         *week,
                                                       gint64                *version);
/* The published plans as the KPI engine's plan (a PltKpiPlanFunc, with
 * @service as its data): give it to plt_kpi_service_set_plan_func() or
 * plt_kpi_config_set_plan_func(), and agents' KPIs carry adherence and
 * conformance. The KPIs must not outlive @service. */
gboolean            plt_planning_service_kpi_plan     (const char            *agent,
                                                       gint64                 from,
                                                       gint64                 to,
                                                       GArray                *segments,
                                                       gpointer               service);
/* plt_kpi_config_set_plan_func (@config, plt_planning_service_kpi_plan, @self). */
void                plt_planning_service_install_kpi_plan (PltPlanningService *self,
                                                       PltKpiConfig          *config);
/* Pushes every agent's published plan around @now to the ACD set. */
void                plt_planning_service_follow       (PltPlanningService    *self,
                                                       gint64                 now);

G_END_DECLS
