/* plt-plan-actual-strip.h — one agent's day: the plan above, what they
 * actually did below, adherence exceptions highlighted. Also one lane
 * alone: an agent-day's shifts (the merge view's versions).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "plt-adherence.h"
#include "plt-client.h"
#include "plt-planning.h"

G_BEGIN_DECLS

#define PLT_TYPE_PLAN_ACTUAL_STRIP (plt_plan_actual_strip_get_type ())
G_DECLARE_FINAL_TYPE (PltPlanActualStrip, plt_plan_actual_strip, PLT, PLAN_ACTUAL_STRIP, GtkWidget)

/*
 * To embed under an agent's flight recorder (the operator page):
 *
 *   strip = plt_plan_actual_strip_new ();
 *   plt_plan_actual_strip_load_plan (strip, client, team, agent, &day);
 *   plt_plan_actual_strip_set_actual (strip, intervals, now);   // history.result
 *
 * The plan is the published version of the agent's team (planning.get);
 * adherence (plt-adherence.h, default map, 2 min grace) is computed from
 * the two and its exceptions drawn red AND hatched across both lanes, with
 * their total in the accessible description. Without actual intervals only
 * the plan lane is drawn.
 *
 * Times are drawn over [start, end) (set_span; load_plan sets the local
 * day), with hour ticks in the site's zone.
 */

GtkWidget  *plt_plan_actual_strip_new          (void);
/* The times drawn; @site (nullable: the one it has, or the plan's). */
void        plt_plan_actual_strip_set_span     (PltPlanActualStrip *self,
                                                const PltSite      *site,
                                                gint64              start,
                                                gint64              end);
/* The plan: @agent's days of @plan (nullable: none). */
void        plt_plan_actual_strip_set_plan     (PltPlanActualStrip *self,
                                                PltSchedule        *plan,
                                                const char         *agent);
/* One agent-day alone (nullable: empty), as the plan lane. */
void        plt_plan_actual_strip_set_day      (PltPlanActualStrip *self,
                                                const PltAgentDay  *day);
/* What the agent did: @intervals (element-type PltAgentInterval, copied;
 * nullable: the lane goes), the open one lasting until @now. */
void        plt_plan_actual_strip_set_actual   (PltPlanActualStrip *self,
                                                GPtrArray          *intervals,
                                                gint64              now);
/* Asks @client for @team's week holding @date (published version) and
 * shows @agent's plan of that local day. */
void        plt_plan_actual_strip_load_plan    (PltPlanActualStrip *self,
                                                PltClient          *client,
                                                const char         *team,
                                                const char         *agent,
                                                const GDate        *date);
/* Returns: (transfer none) (nullable): the adherence computed, if any */
const PltAdherence *plt_plan_actual_strip_get_adherence (PltPlanActualStrip *self);

G_END_DECLS
