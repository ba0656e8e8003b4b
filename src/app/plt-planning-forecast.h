/* plt-planning-forecast.h — a forecast from a scenario's arrival profiles,
 * for the console's demo (the coverage chart of `plateau --demo`)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "plt-forecast.h"
#include "plt-scenario.h"

G_BEGIN_DECLS

/* The traffic @scenario generates on @week at @site, for the queues the
 * agents of @team serve, each queue's calls weighted by the team's share
 * of the agents skilled for it (other teams take the rest). AHT: talk,
 * hold and wrap-up means; patience: the queue's. Returns: (transfer full)
 * (nullable): NULL when the team serves no inbound queue */
PltForecast *plt_planning_forecast_from_scenario (PltScenario   *scenario,
                                                  const char    *team,
                                                  const PltSite *site,
                                                  const PltWeek *week);

G_END_DECLS
