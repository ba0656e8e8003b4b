/* plt-planning-service-router.c — the plannings in the router: the
 * service started with the router, and its planning.published events
 * sent to the affected agents' sessions only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "plt-router-private.h"

/* planning.published goes to the sessions of @agent's own account. */
static void
notify_agent (const char *agent,
              const char *text,
              gpointer    user_data)
{
  PltRouter *self = user_data;

  for (guint i = 0; i < self->sessions->len; i++)
    {
      PltSession *session = g_ptr_array_index (self->sessions, i);
      const PltUser *user = _plt_session_get_user (session);
      const char *own;

      if (user == NULL || user->role != PLT_ROLE_AGENT)
        continue;
      own = user->agent != NULL ? user->agent : user->name;
      if (strcmp (own, agent) == 0)
        _plt_session_send_event (session, text);
    }
}

gboolean
_plt_router_start_planning (PltRouter  *self,
                            gboolean    demo_plan,
                            GError    **error)
{
  g_autoptr(GPtrArray) teams = plt_acd_dup_teams (self->acd);
  g_autoptr(GPtrArray) agents = plt_acd_dup_agents (self->acd);

  self->planning = plt_planning_service_new (self->db, self->scenario->name, self->scenario->time_zone, error);
  if (self->planning == NULL)
    return FALSE;

  plt_planning_service_set_agents (self->planning, teams, agents);
  plt_planning_service_set_notify (self->planning, notify_agent, self, self->epoch);
  plt_planning_service_set_acd (self->planning, self->acd);
  /* Agents' KPIs carry adherence to the published plan (the service reads
   * the day again with it). */
  if (self->kpi != NULL)
    plt_kpi_service_set_plan_func (self->kpi, plt_planning_service_kpi_plan, self->planning, NULL);

  if (demo_plan &&
      !plt_planning_service_ensure_today (self->planning, plt_acd_get_now (self->acd), error))
    return FALSE;

  /* Plans published before a restart are followed again. */
  plt_planning_service_follow (self->planning, plt_acd_get_now (self->acd));
  return TRUE;
}
