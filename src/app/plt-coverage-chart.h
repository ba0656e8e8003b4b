/* plt-coverage-chart.h — required against scheduled agents per 15-minute
 * interval, with shortfalls, surpluses and the projected service level,
 * under the planning timeline and on its time axis
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "plt-forecast.h"
#include "plt-timeline.h"

G_BEGIN_DECLS

#define PLT_TYPE_COVERAGE_CHART (plt_coverage_chart_get_type ())
G_DECLARE_FINAL_TYPE (PltCoverageChart, plt_coverage_chart, PLT, COVERAGE_CHART, GtkWidget)

/*
 * Drawn in snapshot() from a PltCoverage the chart keeps: bars of the
 * scheduled agents (net of breaks, lunch, training…), the agents to
 * schedule as a step line, each shortfall filled red AND hatched, each
 * surplus green AND dotted (colour is never the only sign), and the
 * projected service level as a line against its target.
 *
 * It follows a PltTimeline's time axis (scroll, zoom, day or week), and its
 * document's draft: an edit recounts the scheduled agents on the next
 * frame. What-if changes recompute the intervals on screen at once.
 *
 * Properties:
 *   "queue"  int: the queue shown (its index in the forecast), -1 for all
 *            of them together (default)
 */

GtkWidget   *plt_coverage_chart_new          (void);
/* Follows @timeline's axis and its document (nullable). */
void         plt_coverage_chart_set_timeline (PltCoverageChart *self,
                                              PltTimeline      *timeline);
/* Takes @forecast (nullable: no chart, a message says why); @what_if
 * applies from now on. FALSE with @error for a what-if out of range. */
gboolean     plt_coverage_chart_set_forecast (PltCoverageChart *self,
                                              PltForecast      *forecast,
                                              const PltWhatIf  *what_if,
                                              GError          **error);
/* Returns: (transfer none) (nullable) */
PltForecast *plt_coverage_chart_get_forecast (PltCoverageChart *self);
/* Redraws with @what_if: the intervals on screen at once, the others when
 * they come on screen. */
gboolean     plt_coverage_chart_set_what_if  (PltCoverageChart *self,
                                              const PltWhatIf  *what_if,
                                              GError          **error);
void         plt_coverage_chart_get_what_if  (PltCoverageChart *self,
                                              PltWhatIf        *what_if);
void         plt_coverage_chart_set_queue    (PltCoverageChart *self,
                                              int               queue);
int          plt_coverage_chart_get_queue    (PltCoverageChart *self);
/* Recounts the scheduled agents now (the chart does it on the next frame
 * after each edit by itself). */
void         plt_coverage_chart_refresh      (PltCoverageChart *self);

/* The figures of the interval holding @time, for the queue shown (all
 * queues summed for -1), as drawn. FALSE without a forecast there. */
gboolean     plt_coverage_chart_get_cell     (PltCoverageChart *self,
                                              gint64            time,
                                              PltCoverageCell  *cell);
/* Over the range shown: intervals short of agents, and the largest
 * shortfall (agents). */
guint        plt_coverage_chart_count_gaps   (PltCoverageChart *self,
                                              double           *largest);

G_END_DECLS
