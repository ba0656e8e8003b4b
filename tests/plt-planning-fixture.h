/* plt-planning-fixture.h — a plausible team planning for the planning
 * editor's tests and bench: agents, a week of shifts with breaks, lunch,
 * training and time off, and a forecast with a morning and an afternoon
 * peak
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "plt-forecast.h"
#include "plt-planning-document.h"

G_BEGIN_DECLS

/* Europe/Paris */
PltSite     *plt_fixture_site       (void);
/* 2026-W48: Monday 23 November 2026 */
void         plt_fixture_week       (PltWeek       *week);
/* @n agents in @n_teams teams ("t-1"…, named "Équipe 1"… by
 * plt_fixture_team_name()), skilled on "q-sales" and "q-support".
 * Returns: (transfer full) (element-type PltPlanningAgent) */
GPtrArray   *plt_fixture_agents     (guint          n,
                                     guint          n_teams);
const char  *plt_fixture_team_name  (const char    *team);
/* The week's shifts of @agents: five working days each, staggered starts,
 * two breaks and a lunch, some training and meetings, weekends off, one
 * agent in nine on time off on Wednesday. Shift ids "s-fx-<n>".
 * Returns: (transfer full) */
PltSchedule *plt_fixture_schedule   (GPtrArray     *agents,
                                     const PltSite *site,
                                     const PltWeek *week);
/* A document of team @team over the week, at revision @revision, with
 * @agents (those of @team). Returns: (transfer full) */
PltPlanningDocument *plt_fixture_document (GPtrArray     *agents,
                                           const char    *team,
                                           const PltWeek *week,
                                           gint64         revision);
/* A forecast of the week for "q-sales" and "q-support", about @agents_worth
 * agents of work at the peaks. Returns: (transfer full) */
PltForecast *plt_fixture_forecast   (const PltSite *site,
                                     const PltWeek *week,
                                     double         agents_worth);

G_END_DECLS
