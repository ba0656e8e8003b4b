/* plt-alert-levels.c — when a queue needs attention: thresholds, levels with
 * hysteresis, and the projected breach; pure judgements, no state
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "plt-alerts-private.h"
#include "plt-queue-figures.h"
#include "plt-ui-format.h"

/* Levels ------------------------------------------------------------------ */

void
plt_alert_thresholds_load (PltAlertThresholds *thresholds,
                           GSettings          *settings)
{
  g_return_if_fail (thresholds != NULL);
  g_return_if_fail (G_IS_SETTINGS (settings));

  thresholds->waiting_warning = g_settings_get_uint (settings, "alert-waiting-warning");
  thresholds->waiting_alarm = g_settings_get_uint (settings, "alert-waiting-alarm");
  thresholds->longest_wait_s = g_settings_get_uint (settings, "alert-longest-wait");
  thresholds->service_level = g_settings_get_boolean (settings, "alert-service-level");
  thresholds->projected_breach = g_settings_get_boolean (settings, "alert-projected-breach");
}

GVariant *
plt_alert_thresholds_to_variant (const PltAlertThresholds *thresholds)
{
  g_return_val_if_fail (thresholds != NULL, NULL);

  return g_variant_new (PLT_ALERT_THRESHOLDS_VARIANT_TYPE,
                        thresholds->waiting_warning,
                        thresholds->waiting_alarm,
                        thresholds->longest_wait_s,
                        thresholds->service_level,
                        thresholds->sl_target_percent,
                        thresholds->projected_breach);
}

void
plt_alert_thresholds_from_variant (PltAlertThresholds *thresholds,
                                   GVariant           *variant)
{
  g_return_if_fail (thresholds != NULL);
  g_return_if_fail (g_variant_is_of_type (variant, G_VARIANT_TYPE (PLT_ALERT_THRESHOLDS_VARIANT_TYPE)));

  g_variant_get (variant, PLT_ALERT_THRESHOLDS_VARIANT_TYPE,
                 &thresholds->waiting_warning,
                 &thresholds->waiting_alarm,
                 &thresholds->longest_wait_s,
                 &thresholds->service_level,
                 &thresholds->sl_target_percent,
                 &thresholds->projected_breach);
  thresholds->sl_target_percent = MIN (thresholds->sl_target_percent, 100);
}

double
plt_alert_thresholds_get_target (const PltAlertThresholds *thresholds,
                                 double                    queue_target)
{
  g_return_val_if_fail (thresholds != NULL, queue_target);

  return thresholds->sl_target_percent > 0 ? thresholds->sl_target_percent / 100.0 : queue_target;
}

PltAlertLevel
plt_alert_level_for_waiting (const PltAlertThresholds *thresholds,
                             guint                     waiting)
{
  g_return_val_if_fail (thresholds != NULL, PLT_ALERT_LEVEL_NONE);

  if (thresholds->waiting_alarm > 0 && waiting >= thresholds->waiting_alarm)
    return PLT_ALERT_LEVEL_ALARM;
  if (thresholds->waiting_warning > 0 && waiting >= thresholds->waiting_warning)
    return PLT_ALERT_LEVEL_WARNING;

  return PLT_ALERT_LEVEL_NONE;
}

PltAlertLevel
plt_alert_level_for_wait (const PltAlertThresholds *thresholds,
                          guint                     sl_threshold_s,
                          gint64                    wait_ms)
{
  guint threshold_s;

  g_return_val_if_fail (thresholds != NULL, PLT_ALERT_LEVEL_NONE);

  threshold_s = thresholds->longest_wait_s > 0 ? thresholds->longest_wait_s : sl_threshold_s;
  if (threshold_s == 0 || wait_ms <= 0)
    return PLT_ALERT_LEVEL_NONE;

  if (wait_ms > (gint64) threshold_s * 1000)
    return PLT_ALERT_LEVEL_ALARM;
  if (wait_ms >= (gint64) (threshold_s * 1000 * PLT_ALERT_WAIT_WARNING_SHARE))
    return PLT_ALERT_LEVEL_WARNING;

  return PLT_ALERT_LEVEL_NONE;
}

PltAlertLevel
plt_alert_level_for_service_level (const PltAlertThresholds *thresholds,
                                   double                    service_level,
                                   double                    target)
{
  g_return_val_if_fail (thresholds != NULL, PLT_ALERT_LEVEL_NONE);

  if (!thresholds->service_level)
    return PLT_ALERT_LEVEL_NONE;

  /* The same judgement as the console's queue cards. */
  switch (plt_sl_level_classify (service_level, target))
    {
    case PLT_SL_LEVEL_WARNING:
      return PLT_ALERT_LEVEL_WARNING;
    case PLT_SL_LEVEL_BREACH:
      return PLT_ALERT_LEVEL_ALARM;
    case PLT_SL_LEVEL_NONE:
    case PLT_SL_LEVEL_OK:
    default:
      return PLT_ALERT_LEVEL_NONE;
    }
}

gint64
_plt_alert_queue_wait_ms (PltQueue *queue,
                          gint64    now_ms)
{
  gint64 oldest_since = plt_queue_get_oldest_since (queue);

  if (plt_queue_get_waiting (queue) == 0 || oldest_since <= 0)
    return 0;

  return MAX (0, now_ms - oldest_since);
}

double
_plt_alert_queue_service_level (PltQueue *queue)
{
  PltQueueFigures figures;

  plt_queue_figures_compute (queue, &figures);

  return isnan (figures.sl_today) ? -1.0 : figures.sl_today;
}

void
plt_alert_levels_for_queue (const PltAlertThresholds *thresholds,
                            PltQueue                 *queue,
                            gint64                    now_ms,
                            PltAlertLevel             levels[PLT_ALERT_N_KINDS])
{
  g_return_if_fail (thresholds != NULL);
  g_return_if_fail (PLT_IS_QUEUE (queue));

  levels[PLT_ALERT_KIND_WAITING] =
    plt_alert_level_for_waiting (thresholds, plt_queue_get_waiting (queue));
  levels[PLT_ALERT_KIND_LONGEST_WAIT] =
    plt_alert_level_for_wait (thresholds, plt_queue_get_sl_threshold (queue),
                              _plt_alert_queue_wait_ms (queue, now_ms));
  levels[PLT_ALERT_KIND_SERVICE_LEVEL] =
    plt_alert_level_for_service_level (thresholds, _plt_alert_queue_service_level (queue),
                                       plt_alert_thresholds_get_target (thresholds, plt_queue_get_sl_target (queue)));
}

void
plt_alert_levels_for_queue_held (const PltAlertThresholds *thresholds,
                                 PltQueue                 *queue,
                                 gint64                    now_ms,
                                 const PltAlertLevel       previous[PLT_ALERT_N_KINDS],
                                 PltAlertLevel             levels[PLT_ALERT_N_KINDS])
{
  PltAlertLevel worse[PLT_ALERT_N_KINDS];
  guint wait_threshold_s;
  gint64 wait_margin_ms;
  double target;

  g_return_if_fail (thresholds != NULL);
  g_return_if_fail (PLT_IS_QUEUE (queue));

  plt_alert_levels_for_queue (thresholds, queue, now_ms, levels);

  /* The levels the figures would have a margin worse: a level reached
   * holds as long as those still reach it. */
  wait_threshold_s = thresholds->longest_wait_s > 0 ? thresholds->longest_wait_s
                                                     : plt_queue_get_sl_threshold (queue);
  wait_margin_ms = (gint64) ceil (wait_threshold_s * 1000 * PLT_ALERT_WAIT_MARGIN_SHARE);
  target = plt_alert_thresholds_get_target (thresholds, plt_queue_get_sl_target (queue));

  worse[PLT_ALERT_KIND_WAITING] =
    plt_alert_level_for_waiting (thresholds, plt_queue_get_waiting (queue) + PLT_ALERT_WAITING_MARGIN);
  worse[PLT_ALERT_KIND_LONGEST_WAIT] =
    _plt_alert_queue_wait_ms (queue, now_ms) > 0
    ? plt_alert_level_for_wait (thresholds, plt_queue_get_sl_threshold (queue),
                                _plt_alert_queue_wait_ms (queue, now_ms) + wait_margin_ms)
    : PLT_ALERT_LEVEL_NONE;
  worse[PLT_ALERT_KIND_SERVICE_LEVEL] =
    _plt_alert_queue_service_level (queue) >= 0
    ? plt_alert_level_for_service_level (thresholds,
                                         MAX (0.0, _plt_alert_queue_service_level (queue) - PLT_ALERT_SL_MARGIN),
                                         target)
    : PLT_ALERT_LEVEL_NONE;

  for (guint i = 0; i < PLT_ALERT_N_KINDS; i++)
    levels[i] = MAX (levels[i], MIN (previous[i], worse[i]));
}

gboolean
plt_alert_project_queue (const PltAlertThresholds *thresholds,
                         PltQueue                 *queue,
                         PltQueueTrends           *trends,
                         gint64                    now_ms,
                         int                       waiting_over_t,
                         PltSlProjectionInput     *input,
                         PltSlProjection          *projection)
{
  const PltQueueAgentCounts *agents;
  const PltKpiFigures *today;
  PltQueueFigures figures;
  PltTrendInterval interval;
  double observed_s;
  double arrivals_per_s;
  double decided;
  guint waiting;

  g_return_val_if_fail (thresholds != NULL, FALSE);
  g_return_val_if_fail (PLT_IS_QUEUE (queue), FALSE);
  g_return_val_if_fail (PLT_IS_QUEUE_TRENDS (trends), FALSE);
  g_return_val_if_fail (input != NULL && projection != NULL, FALSE);

  *projection = (PltSlProjection) { FALSE, NAN, NAN, NAN, -1.0 };

  if (!plt_queue_trends_get_interval (trends, plt_queue_get_id (queue), &interval))
    return FALSE;

  plt_queue_figures_compute (queue, &figures);
  if (isnan (figures.aht_s) || figures.aht_s <= 0)
    return FALSE;

  /* The quarter-hour's arrival rate, once a minute of it is seen; before
   * that, the day's. */
  observed_s = (double) (now_ms - interval.observed_from) / 1000.0;
  today = plt_queue_get_kpi (queue, PLT_KPI_PERIOD_TODAY);
  if (observed_s >= 60.0)
    arrivals_per_s = interval.counts.offered / observed_s;
  else if (today != NULL && today->to > today->from)
    arrivals_per_s = today->values.offered / ((double) (today->to - today->from) / 1000.0);
  else
    return FALSE;

  /* What the queue's variant counts. The live counters have no abandons by
   * wait: abandons_met and abandons_after_t count every abandon as a miss. */
  switch (figures.variant)
    {
    case PLT_SL_ANSWERED_ONLY:
      decided = interval.counts.answered;
      break;
    case PLT_SL_SHORT_EXCLUDED:
      decided = interval.counts.answered + interval.counts.abandoned - interval.counts.abandoned_short;
      break;
    case PLT_SL_ABANDONS_MET:
    case PLT_SL_ABANDONS_MISSED:
    case PLT_SL_ABANDONS_AFTER_T:
    default:
      decided = interval.counts.answered + interval.counts.abandoned;
      break;
    }

  waiting = plt_queue_get_waiting (queue);
  if (waiting_over_t < 0)
    /* Unknown (no single contact seen): the longest, at least. */
    waiting_over_t = _plt_alert_queue_wait_ms (queue, now_ms) > (gint64) figures.threshold_s * 1000 ? 1 : 0;

  agents = plt_queue_get_agents (queue);
  *input = (PltSlProjectionInput) {
    .target = plt_alert_thresholds_get_target (thresholds, figures.target),
    .threshold_s = figures.threshold_s,
    .met = MIN ((double) interval.counts.answered_in_t, MAX (decided, 0.0)),
    .decided = MAX (decided, 0.0),
    .waiting = waiting,
    .waiting_over_t = MIN ((guint) waiting_over_t, waiting),
    .arrivals_per_s = arrivals_per_s,
    .aht_s = figures.aht_s,
    .agents = agents->available + agents->busy + agents->wrap_up,
    .patience_s = 0.0,
    .remaining_s = MAX (0.0, (double) (interval.end - now_ms) / 1000.0),
  };

  plt_sl_projection_compute (input, projection);

  return projection->valid;
}

PltAlertLevel
plt_alert_level_for_projection (const PltSlProjectionInput *input,
                                const PltSlProjection      *projection,
                                PltAlertLevel               previous)
{
  double expected;

  g_return_val_if_fail (input != NULL, PLT_ALERT_LEVEL_NONE);
  g_return_val_if_fail (projection != NULL, PLT_ALERT_LEVEL_NONE);

  if (!projection->valid)
    return PLT_ALERT_LEVEL_NONE;

  expected = input->decided + input->waiting + input->arrivals_per_s * input->remaining_s;
  if (expected < PLT_ALERT_PROJECTION_MIN_CONTACTS)
    return PLT_ALERT_LEVEL_NONE;

  if (projection->at_end < input->target)
    return PLT_ALERT_LEVEL_WARNING;
  if (previous != PLT_ALERT_LEVEL_NONE && projection->at_end < input->target + PLT_ALERT_SL_MARGIN)
    return previous;

  return PLT_ALERT_LEVEL_NONE;
}

const char *
plt_alert_level_get_css_class (PltAlertLevel level)
{
  switch (level)
    {
    case PLT_ALERT_LEVEL_WARNING:
      return "alert-warning";
    case PLT_ALERT_LEVEL_ALARM:
      return "alert-alarm";
    case PLT_ALERT_LEVEL_NONE:
    default:
      return "alert-none";
    }
}

const char *
plt_alert_level_get_icon_name (PltAlertLevel level)
{
  /* A check, a triangle, an octagon: three shapes, not only three colours. */
  switch (level)
    {
    case PLT_ALERT_LEVEL_WARNING:
      return "dialog-warning-symbolic";
    case PLT_ALERT_LEVEL_ALARM:
      return "dialog-error-symbolic";
    case PLT_ALERT_LEVEL_NONE:
    default:
      return "emblem-ok-symbolic";
    }
}

const char *
plt_alert_level_get_label (PltAlertLevel level)
{
  switch (level)
    {
    case PLT_ALERT_LEVEL_WARNING:
      /* Translators: an alert level: close to a threshold */
      return C_("alert level", "Warning");
    case PLT_ALERT_LEVEL_ALARM:
      /* Translators: an alert level: over a threshold */
      return C_("alert level", "Alarm");
    case PLT_ALERT_LEVEL_NONE:
    default:
      /* Translators: an alert level: within every threshold */
      return C_("alert level", "Normal");
    }
}

