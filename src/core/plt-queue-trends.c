/* plt-queue-trends.c — the last hour of each queue, a sample a minute
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "plt-queue-trends.h"
#include "plt-queue.h"
#include "plt-store.h"

#define MS_PER_MIN 60000
#define CAPACITY   (PLT_QUEUE_TRENDS_MINUTES + 1)

typedef struct
{
  PltTrendSample samples[CAPACITY];
  guint          n_samples;
  gint64         seen;          /* the sample pass that last met the queue */

  /* The quarter-hour: the day's counts at its start (or when first seen),
   * and now; from the router's figures (kpi) or the queue's counters. */
  gint64         interval_start;
  gint64         observed_from;
  PltTrendCounts base;
  PltTrendCounts last;
  gboolean       base_from_kpi;
} Trend;

struct _PltQueueTrends
{
  GObject       parent_instance;

  PltModel     *model;
  PltClock     *clock;
  GSignalGroup *clock_signals;
  GHashTable   *trends;         /* queue id → Trend */
  gint64        pass;
};

G_DEFINE_FINAL_TYPE (PltQueueTrends, plt_queue_trends, G_TYPE_OBJECT)

static float
queue_service_level (PltQueue *queue)
{
  const PltKpiFigures *rolling = plt_queue_get_kpi (queue, PLT_KPI_PERIOD_ROLLING);
  double value;

  if (rolling != NULL)
    value = rolling->values.service_level;
  else
    value = plt_queue_get_service_level (queue);

  return isnan (value) || value < 0.0 ? NAN : (float) CLAMP (value, 0.0, 1.0);
}

/* The day's counts of @queue; TRUE if they are the router's figures. */
static gboolean
day_counts (PltQueue       *queue,
            PltTrendCounts *counts)
{
  const PltKpiFigures *today = plt_queue_get_kpi (queue, PLT_KPI_PERIOD_TODAY);

  if (today != NULL)
    {
      *counts = (PltTrendCounts) {
        today->values.offered, today->values.answered, today->values.answered_in_t,
        today->values.abandoned, today->values.abandoned_short,
      };
      return TRUE;
    }
  else
    {
      const PltQueueToday *counters = plt_queue_get_today (queue);

      *counts = (PltTrendCounts) {
        counters->offered, counters->answered, counters->answered_in_sl,
        counters->abandoned, 0,
      };
      return FALSE;
    }
}

static gboolean
counts_went_back (const PltTrendCounts *now,
                  const PltTrendCounts *base)
{
  return now->offered < base->offered || now->answered < base->answered ||
         now->answered_in_t < base->answered_in_t || now->abandoned < base->abandoned ||
         now->abandoned_short < base->abandoned_short;
}

static void
count_interval (Trend    *trend,
                PltQueue *queue,
                gint64    now)
{
  gint64 start = now - (((now % PLT_QUEUE_TRENDS_INTERVAL_MS) + PLT_QUEUE_TRENDS_INTERVAL_MS) %
                        PLT_QUEUE_TRENDS_INTERVAL_MS);
  PltTrendCounts counts;
  gboolean from_kpi = day_counts (queue, &counts);

  /* A new quarter-hour, counts of another source, or a new day: count
   * from here. The quarter-hour that just ended closed with the counts
   * last seen. */
  if (trend->observed_from == 0 || start != trend->interval_start ||
      from_kpi != trend->base_from_kpi || counts_went_back (&counts, &trend->base))
    {
      gboolean continues = trend->observed_from != 0 && start > trend->interval_start &&
                           from_kpi == trend->base_from_kpi &&
                           !counts_went_back (&counts, &trend->last) &&
                           start - trend->interval_start == PLT_QUEUE_TRENDS_INTERVAL_MS;

      trend->interval_start = start;
      trend->base = continues ? trend->last : counts;
      trend->observed_from = continues ? start : now;
      trend->base_from_kpi = from_kpi;
    }

  trend->last = counts;
}

static void
sample_queue (PltQueueTrends *self,
              PltQueue       *queue,
              gint64          now)
{
  gint64 minute = now - (((now % MS_PER_MIN) + MS_PER_MIN) % MS_PER_MIN);
  const char *id = plt_queue_get_id (queue);
  Trend *trend = g_hash_table_lookup (self->trends, id);
  PltTrendSample *last;

  if (trend == NULL)
    {
      trend = g_new0 (Trend, 1);
      g_hash_table_insert (self->trends, g_strdup (id), trend);
    }
  trend->seen = self->pass;

  last = trend->n_samples > 0 ? &trend->samples[trend->n_samples - 1] : NULL;

  /* The router's clock may go back a little on a new welcome: keep to the
   * minute in progress. */
  if (last == NULL || minute > last->minute)
    {
      /* Drop the minutes older than the hour before @minute. */
      guint drop = 0;

      while (drop < trend->n_samples &&
             trend->samples[drop].minute < minute - (gint64) PLT_QUEUE_TRENDS_MINUTES * MS_PER_MIN)
        drop++;
      if (drop == 0 && trend->n_samples == CAPACITY)
        drop = 1;
      if (drop > 0)
        {
          memmove (trend->samples, trend->samples + drop,
                   (trend->n_samples - drop) * sizeof (PltTrendSample));
          trend->n_samples -= drop;
        }

      last = &trend->samples[trend->n_samples++];
      last->minute = minute;
      last->waiting = plt_queue_get_waiting (queue);
    }
  else
    last->waiting = MAX (last->waiting, plt_queue_get_waiting (queue));

  last->service_level = queue_service_level (queue);

  count_interval (trend, queue, now);
}

static void
sample_cb (gpointer key,
           gpointer value,
           gpointer user_data)
{
  PltQueueTrends *self = user_data;

  sample_queue (self, value, plt_clock_get_now (self->clock));
}

static gboolean
forget_gone_cb (gpointer key,
                gpointer value,
                gpointer user_data)
{
  PltQueueTrends *self = user_data;
  Trend *trend = value;

  return trend->seen != self->pass;
}

void
plt_queue_trends_sample (PltQueueTrends *self)
{
  g_return_if_fail (PLT_IS_QUEUE_TRENDS (self));

  self->pass++;
  plt_store_foreach (plt_model_get_queues (self->model), sample_cb, self);
  g_hash_table_foreach_remove (self->trends, forget_gone_cb, self);
}

static void
plt_queue_trends_dispose (GObject *object)
{
  PltQueueTrends *self = PLT_QUEUE_TRENDS (object);

  if (self->clock_signals != NULL)
    g_signal_group_set_target (self->clock_signals, NULL);
  g_clear_object (&self->clock_signals);
  g_clear_object (&self->model);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (plt_queue_trends_parent_class)->dispose (object);
}

static void
plt_queue_trends_finalize (GObject *object)
{
  PltQueueTrends *self = PLT_QUEUE_TRENDS (object);

  g_clear_pointer (&self->trends, g_hash_table_unref);

  G_OBJECT_CLASS (plt_queue_trends_parent_class)->finalize (object);
}

static void
plt_queue_trends_class_init (PltQueueTrendsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = plt_queue_trends_dispose;
  object_class->finalize = plt_queue_trends_finalize;
}

static void
plt_queue_trends_init (PltQueueTrends *self)
{
  self->trends = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/**
 * plt_queue_trends_new:
 * @model: the model whose queues are sampled
 * @clock: the clock whose ticks sample them
 *
 * Returns: (transfer full): a new #PltQueueTrends, empty
 */
PltQueueTrends *
plt_queue_trends_new (PltModel *model,
                      PltClock *clock)
{
  PltQueueTrends *self;

  g_return_val_if_fail (PLT_IS_MODEL (model), NULL);
  g_return_val_if_fail (PLT_IS_CLOCK (clock), NULL);

  self = g_object_new (PLT_TYPE_QUEUE_TRENDS, NULL);
  self->model = g_object_ref (model);
  self->clock = g_object_ref (clock);

  self->clock_signals = g_signal_group_new (PLT_TYPE_CLOCK);
  g_signal_group_connect_swapped (self->clock_signals, "notify::now",
                                  G_CALLBACK (plt_queue_trends_sample), self);
  g_signal_group_set_target (self->clock_signals, clock);

  return self;
}

const PltTrendSample *
plt_queue_trends_get (PltQueueTrends *self,
                      const char     *queue_id,
                      guint          *n_samples)
{
  Trend *trend;

  g_return_val_if_fail (PLT_IS_QUEUE_TRENDS (self), NULL);
  g_return_val_if_fail (queue_id != NULL, NULL);
  g_return_val_if_fail (n_samples != NULL, NULL);

  trend = g_hash_table_lookup (self->trends, queue_id);
  *n_samples = trend != NULL ? trend->n_samples : 0;

  return trend != NULL && trend->n_samples > 0 ? trend->samples : NULL;
}

gboolean
plt_queue_trends_get_interval (PltQueueTrends   *self,
                               const char       *queue_id,
                               PltTrendInterval *interval)
{
  Trend *trend;

  g_return_val_if_fail (PLT_IS_QUEUE_TRENDS (self), FALSE);
  g_return_val_if_fail (queue_id != NULL, FALSE);
  g_return_val_if_fail (interval != NULL, FALSE);

  trend = g_hash_table_lookup (self->trends, queue_id);
  if (trend == NULL || trend->observed_from == 0)
    return FALSE;

  interval->start = trend->interval_start;
  interval->end = trend->interval_start + PLT_QUEUE_TRENDS_INTERVAL_MS;
  interval->observed_from = trend->observed_from;
  interval->counts = (PltTrendCounts) {
    trend->last.offered - trend->base.offered,
    trend->last.answered - trend->base.answered,
    trend->last.answered_in_t - trend->base.answered_in_t,
    trend->last.abandoned - trend->base.abandoned,
    trend->last.abandoned_short - trend->base.abandoned_short,
  };

  return TRUE;
}
