/* plt-queue-figures.h — what a queue card shows, and the words that define each figure
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure functions over a PltQueue (no widget): the figures come from the
 * router's live KPIs (kpi.update) when it sends them, else from the queue's
 * own counters of the day; the definitions name the queue's service level
 * variant and thresholds, as docs/kpis.md does.
 */
#pragma once

#include <glib.h>

#include "plt-kpi.h"
#include "plt-queue.h"

G_BEGIN_DECLS

/**
 * PltQueueFigures:
 * @target: the service level target, 0–1
 * @threshold_s: T, seconds
 * @short_abandon_s: S, seconds
 * @variant: how abandons count in the service level
 * @from_router: the figures of today are the router's (else the queue's
 *   counters: the service level is then answered-only, whatever the
 *   queue's variant)
 * @sl_today: today's service level (NaN: nothing to judge yet)
 * @sl_rolling: over the rolling window (NaN: undefined, or not sent)
 * @rolling_min: the rolling window's length, minutes (0: not sent)
 * @asa_s: today's average speed of answer (NaN: undefined)
 * @abandon_rate: today's abandon rate, 0–1 (NaN: undefined)
 * @ewt_s: the estimated wait of a contact joining now (NaN: undefined)
 * @aht_s: the recent mean handle time (NaN: unknown)
 *
 * Every ratio and mean is NaN when undefined: shown "—", never 0.
 */
typedef struct
{
  double       target;
  guint        threshold_s;
  guint        short_abandon_s;
  PltSlVariant variant;
  gboolean     from_router;
  double       sl_today;
  double       sl_rolling;
  guint        rolling_min;
  double       asa_s;
  double       abandon_rate;
  double       ewt_s;
  double       aht_s;
} PltQueueFigures;

void  plt_queue_figures_compute          (PltQueue              *queue,
                                          PltQueueFigures       *figures);

/* Returns: (transfer full): a wait in seconds as "0:14", "1:10" or
 * "1:02:05"; "—" for NaN */
char *plt_format_wait                    (double                 seconds);
/* Returns: (transfer full): the same in words, "14 s", "1 min 10 s",
 * "1 h 2 min"; "—" for NaN */
char *plt_format_wait_words              (double                 seconds);
/* Returns: (transfer full): "82 %", or "—" for NaN or a negative value */
char *plt_format_ratio                   (double                 fraction);

/* Definitions, for the tooltips (translated, full sentences). */
/* Returns: (transfer full): e.g. "Service level today: calls answered
 * within 20 s, among calls answered and abandoned after 5 s. Target 80 %." */
char *plt_queue_figures_describe_sl      (const PltQueueFigures *figures,
                                          PltKpiPeriod           period);
/* Returns: (transfer full) */
char *plt_queue_figures_describe_asa     (const PltQueueFigures *figures);
char *plt_queue_figures_describe_abandon (const PltQueueFigures *figures);
char *plt_queue_figures_describe_ewt     (const PltQueueFigures *figures);

/* Returns: (transfer full): what a screen reader says of a queue card,
 * e.g. "Ventes: 3 waiting, longest 1 min 10 s, service level 82 %,
 * target 80 %" */
char *plt_queue_figures_dup_summary      (PltQueue              *queue,
                                          const PltQueueFigures *figures,
                                          gint64                 now_ms);

G_END_DECLS
