/* plt-queue-figures.c — what a queue card shows, and the words that define each figure
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "plt-clock.h"
#include "plt-queue-figures.h"
#include "plt-ui-format.h"

static double
nan_if_negative (double value)
{
  return value < 0 ? NAN : value;
}

void
plt_queue_figures_compute (PltQueue        *queue,
                           PltQueueFigures *figures)
{
  const PltKpiFigures *today;
  const PltKpiFigures *rolling;
  const PltQueueToday *counters;
  const PltQueueAgentCounts *agents;

  g_return_if_fail (PLT_IS_QUEUE (queue));
  g_return_if_fail (figures != NULL);

  today = plt_queue_get_kpi (queue, PLT_KPI_PERIOD_TODAY);
  rolling = plt_queue_get_kpi (queue, PLT_KPI_PERIOD_ROLLING);
  counters = plt_queue_get_today (queue);
  agents = plt_queue_get_agents (queue);

  *figures = (PltQueueFigures) {
    .target = plt_queue_get_sl_target (queue),
    .threshold_s = plt_queue_get_sl_threshold (queue),
    .short_abandon_s = PLT_KPI_FIGURES_SHORT_ABANDON_S,
    .variant = PLT_SL_ANSWERED_ONLY,
    .sl_today = NAN,
    .sl_rolling = NAN,
    .asa_s = NAN,
    .abandon_rate = NAN,
    .ewt_s = NAN,
    .aht_s = NAN,
  };

  if (today != NULL)
    {
      figures->from_router = TRUE;
      if (today->has_sl_variant)
        figures->variant = today->sl_variant;
      if (today->sl_threshold_s > 0)
        figures->threshold_s = today->sl_threshold_s;
      figures->sl_today = today->values.service_level;
      figures->asa_s = today->values.asa_s;
      figures->abandon_rate = today->values.abandon_rate;
      figures->ewt_s = today->values.ewt_s;
      figures->aht_s = today->values.aht_s;
    }
  else
    {
      /* The queue's own counters: answered within T among answered. */
      figures->sl_today = nan_if_negative (plt_queue_get_service_level (queue));
      figures->asa_s = nan_if_negative (plt_queue_get_asa (queue));
      if (counters->offered > 0)
        figures->abandon_rate = (double) counters->abandoned / counters->offered;
    }

  if (rolling != NULL)
    {
      figures->sl_rolling = rolling->values.service_level;
      figures->rolling_min = (guint) MAX (0, (rolling->to - rolling->from + 30000) / 60000);
      if (!isnan (rolling->values.aht_s))
        figures->aht_s = rolling->values.aht_s;
      if (isnan (figures->ewt_s))
        figures->ewt_s = rolling->values.ewt_s;
    }

  /* The router's estimate when it sends one; else the same method
   * (docs/kpis.md, "EWT") from what the queue shows. */
  if (isnan (figures->ewt_s) && !isnan (figures->aht_s))
    figures->ewt_s = plt_kpi_ewt (plt_queue_get_waiting (queue), agents->available,
                                  agents->available + agents->busy + agents->wrap_up,
                                  figures->aht_s);
}

char *
plt_format_wait (double seconds)
{
  if (isnan (seconds) || seconds < 0)
    return g_strdup ("—");

  return plt_format_duration ((gint64) round (seconds) * 1000);
}

char *
plt_format_wait_words (double seconds)
{
  gint64 s;

  if (isnan (seconds) || seconds < 0)
    return g_strdup ("—");

  s = (gint64) round (seconds);
  if (s < 60)
    /* Translators: a duration in seconds, "14 s" */
    return g_strdup_printf (_("%d s"), (int) s);
  if (s < 3600)
    {
      if (s % 60 == 0)
        /* Translators: a duration in whole minutes, "2 min" */
        return g_strdup_printf (_("%d min"), (int) (s / 60));
      /* Translators: a duration, "1 min 10 s" */
      return g_strdup_printf (_("%d min %d s"), (int) (s / 60), (int) (s % 60));
    }

  /* Translators: a duration, "1 h 2 min" */
  return g_strdup_printf (_("%d h %d min"), (int) (s / 3600), (int) ((s / 60) % 60));
}

char *
plt_format_ratio (double fraction)
{
  if (isnan (fraction) || fraction < 0)
    return g_strdup ("—");

  return plt_format_percent (fraction);
}

/* What the variant counts, as a phrase. */
static char *
describe_variant (const PltQueueFigures *figures)
{
  guint t = figures->threshold_s;

  switch (figures->variant)
    {
    case PLT_SL_ANSWERED_ONLY:
      /* Translators: how a service level is counted; %u is T in seconds */
      return g_strdup_printf (_("contacts answered within %u s, among contacts answered"), t);

    case PLT_SL_ABANDONS_MET:
      return g_strdup_printf (_("contacts answered or abandoned within %u s, among contacts answered and abandoned"), t);

    case PLT_SL_SHORT_EXCLUDED:
      /* Translators: how a service level is counted: T, then the short
       * abandon threshold S, in seconds */
      return g_strdup_printf (_("contacts answered within %u s, among contacts answered and abandoned after %u s"),
                              t, figures->short_abandon_s);

    case PLT_SL_ABANDONS_AFTER_T:
      return g_strdup_printf (_("contacts answered within %u s, among contacts answered and abandoned after %u s"),
                              t, t);

    case PLT_SL_ABANDONS_MISSED:
    default:
      return g_strdup_printf (_("contacts answered within %u s, among contacts answered and abandoned"), t);
    }
}

char *
plt_queue_figures_describe_sl (const PltQueueFigures *figures,
                               PltKpiPeriod           period)
{
  g_autofree char *what = NULL;
  g_autofree char *counted = describe_variant (figures);
  g_autofree char *target = plt_format_percent (figures->target);
  g_autofree char *text = NULL;

  g_return_val_if_fail (figures != NULL, NULL);

  if (period == PLT_KPI_PERIOD_ROLLING)
    /* Translators: the rolling window of a service level, in minutes */
    what = g_strdup_printf (ngettext ("Service level over the last %u minute",
                                      "Service level over the last %u minutes",
                                      MAX (figures->rolling_min, 1)),
                            MAX (figures->rolling_min, 1));
  else
    what = g_strdup (_("Service level today"));

  /* Translators: a service level's definition: "Service level today:
   * contacts answered within 20 s, among contacts answered. Target 80 %." */
  text = g_strdup_printf (_("%s: %s. Target %s."), what, counted, target);

  if (!figures->from_router && period == PLT_KPI_PERIOD_TODAY)
    {
      char *longer = g_strconcat (text, " ",
                                  _("Counted by the console from the queue’s totals: the router sends no figures of its own."),
                                  NULL);

      g_free (text);
      text = longer;
    }

  if (period == PLT_KPI_PERIOD_ROLLING && figures->rolling_min == 0)
    {
      g_free (text);
      text = g_strdup (_("Service level over the last minutes: the router sends no rolling figures."));
    }

  return g_steal_pointer (&text);
}

char *
plt_queue_figures_describe_asa (const PltQueueFigures *figures)
{
  g_return_val_if_fail (figures != NULL, NULL);

  return g_strdup (_("Average speed of answer today: the mean wait of the contacts an agent answered."));
}

char *
plt_queue_figures_describe_abandon (const PltQueueFigures *figures)
{
  g_return_val_if_fail (figures != NULL, NULL);

  if (figures->from_router)
    /* Translators: %u is the short abandon threshold, in seconds */
    return g_strdup_printf (_("Abandon rate today: contacts whose caller hung up before an answer, among contacts offered, leaving out those who hung up within %u s."),
                            figures->short_abandon_s);

  return g_strdup (_("Abandon rate today: contacts whose caller hung up before an answer, among contacts offered."));
}

char *
plt_queue_figures_describe_ewt (const PltQueueFigures *figures)
{
  g_return_val_if_fail (figures != NULL, NULL);

  return g_strdup (_("Estimated wait: how long a contact joining the queue now would wait, from the contacts ahead of it, the agents free and staffed, and the recent handle time."));
}

char *
plt_queue_figures_dup_summary (PltQueue              *queue,
                               const PltQueueFigures *figures,
                               gint64                 now_ms)
{
  const char *name;
  guint waiting;
  gint64 oldest_since;
  g_autofree char *longest = NULL;
  g_autofree char *service_level = NULL;
  g_autofree char *target = NULL;
  g_autofree char *waiting_text = NULL;

  g_return_val_if_fail (PLT_IS_QUEUE (queue), NULL);
  g_return_val_if_fail (figures != NULL, NULL);

  name = plt_queue_get_name (queue) != NULL ? plt_queue_get_name (queue) : plt_queue_get_id (queue);
  waiting = plt_queue_get_waiting (queue);
  oldest_since = plt_queue_get_oldest_since (queue);

  if (waiting > 0 && oldest_since > 0)
    longest = plt_format_wait_words ((double) MAX (0, now_ms - oldest_since) / 1000.0);
  else
    longest = g_strdup (_("none"));

  service_level = isnan (figures->sl_today) ? g_strdup (_("not yet known")) : plt_format_percent (figures->sl_today);
  target = plt_format_percent (figures->target);

  /* Translators: part of a queue's summary for screen readers, "3 waiting" */
  waiting_text = g_strdup_printf (ngettext ("%u waiting", "%u waiting", waiting), waiting);

  /* Translators: a queue's summary for screen readers: name, "3 waiting",
   * the longest wait, the service level today and its target: "Ventes:
   * 3 waiting, longest 1 min 10 s, service level 82 %, target 80 %" */
  return g_strdup_printf (_("%s: %s, longest %s, service level %s, target %s"),
                          name, waiting_text, longest, service_level, target);
}
