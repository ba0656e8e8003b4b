/* plt-kpi-private.h — shared by the files of the KPI engine, not public
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "plt-kpi.h"

G_BEGIN_DECLS

#define PLT_KPI_MS_PER_S   1000
#define PLT_KPI_MS_PER_MIN 60000

/* strcmp on two (char **), for g_ptr_array_sort. */
int      _plt_kpi_compare_ids     (gconstpointer           a,
                                   gconstpointer           b);
gboolean _plt_kpi_config_has_plan (PltKpiConfig           *config);
/* The plan of @agent over [@from, @to) in @segments (cleared first); FALSE
 * without a plan. */
gboolean _plt_kpi_config_get_plan (PltKpiConfig           *config,
                                   const char             *agent,
                                   gint64                  from,
                                   gint64                  to,
                                   GArray                 *segments);
/* Adds to @c the adherence of an agent's @intervals (PltAgentInterval*, in
 * time order; @open, nullable, ends at @to) against @segments over
 * [@from, @to). */
void     _plt_kpi_add_adherence   (PltKpiCounters         *c,
                                   GArray                 *segments,
                                   GPtrArray              *intervals,
                                   const PltAgentInterval *open,
                                   gint64                  from,
                                   gint64                  to);

G_END_DECLS
