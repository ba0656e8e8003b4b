/* plt-planning-forecast.c — a forecast from a scenario's arrival profiles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "plt-planning-forecast.h"

PltForecast *
plt_planning_forecast_from_scenario (PltScenario   *scenario,
                                     const char    *team,
                                     const PltSite *site,
                                     const PltWeek *week)
{
  g_autoptr(PltForecast) forecast = NULL;
  int team_index = plt_scenario_find_team (scenario, team);
  guint n_queues = scenario->queues->len;
  g_autofree guint *ours = g_new0 (guint, n_queues);
  g_autofree guint *all = g_new0 (guint, n_queues);
  gint64 start;
  guint n_intervals;
  gboolean any = FALSE;

  if (team_index < 0)
    return NULL;

  for (guint a = 0; a < scenario->agents->len; a++)
    {
      const PltScenarioAgent *agent = g_ptr_array_index (scenario->agents, a);

      for (guint s = 0; agent->skills != NULL && s < agent->skills->len; s++)
        {
          const PltScenarioSkill *skill = &g_array_index (agent->skills, PltScenarioSkill, s);

          if (skill->queue >= n_queues)
            continue;
          all[skill->queue]++;
          if ((int) agent->team == team_index)
            ours[skill->queue]++;
        }
    }

  forecast = plt_forecast_new_for_week (site, week);
  start = plt_forecast_get_start (forecast);
  n_intervals = plt_forecast_get_n_intervals (forecast);

  for (guint q = 0; q < n_queues; q++)
    {
      const PltScenarioQueue *queue = g_ptr_array_index (scenario->queues, q);
      double share, aht;
      guint index;

      if (ours[q] == 0 || all[q] == 0 || queue->rates == NULL || plt_scenario_queue_mean_rate (queue) <= 0)
        continue;

      share = (double) ours[q] / all[q];
      aht = queue->talk_mean_s + queue->wrap_up_mean_s + queue->hold_probability * queue->hold_mean_s;
      if (aht <= 0)
        continue;

      index = plt_forecast_add_queue (forecast, queue->id);
      for (guint i = 0; i < n_intervals; i++)
        {
          gint64 t = start + (gint64) i * PLT_FORECAST_INTERVAL_MS;
          int slot = plt_site_minute_of_day (site, t) / 15;
          double per_hour = queue->rates[CLAMP (slot, 0, PLT_SCENARIO_INTERVALS - 1)];

          plt_forecast_set (forecast, index, i, per_hour / 4.0 * share, aht);
        }
      if (queue->patience_mean_s > 0)
        plt_forecast_set_patience (forecast, index, queue->patience_mean_s);
      any = TRUE;
    }

  return any ? g_steal_pointer (&forecast) : NULL;
}
