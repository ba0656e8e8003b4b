/* plt-scenario-private.h — shared between the scenario's source files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "plt-scenario.h"

G_BEGIN_DECLS

/* Returns: (transfer full): the French name of the @n-th generated agent;
 * every pair of names comes once before any repeats (3 355 names). */
char *_plt_scenario_generated_name (guint n);

G_END_DECLS
