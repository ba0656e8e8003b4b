/* plt-queue-trends.h — the last hour of each queue, a sample a minute
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "plt-clock.h"
#include "plt-model.h"

G_BEGIN_DECLS

/* Whole minutes kept, besides the one in progress. */
#define PLT_QUEUE_TRENDS_MINUTES 60

/**
 * PltTrendSample:
 * @minute: the minute's start (router ms, a multiple of 60 000)
 * @waiting: the most contacts seen waiting during the minute
 * @service_level: the last service level seen in the minute (the rolling
 *   window's when the router sends it, else today's), 0–1; NaN: undefined
 *
 * One minute of one queue.
 */
typedef struct
{
  gint64 minute;
  guint  waiting;
  float  service_level;
} PltTrendSample;

/* The intervals alerts project to the end of: quarter-hours. */
#define PLT_QUEUE_TRENDS_INTERVAL_MS (15 * 60 * 1000)

/**
 * PltTrendCounts:
 *
 * Contacts counted since the start of the day, or within an interval.
 */
typedef struct
{
  gint64 offered;
  gint64 answered;
  gint64 answered_in_t;
  gint64 abandoned;
  gint64 abandoned_short;
} PltTrendCounts;

/**
 * PltTrendInterval:
 * @start: the quarter-hour's start (router ms)
 * @end: its end
 * @observed_from: when @counts begin: @start, or later when the console
 *   started following the queue (or the day's counters restarted) within
 *   the interval
 * @counts: the contacts of the interval since @observed_from
 */
typedef struct
{
  gint64         start;
  gint64         end;
  gint64         observed_from;
  PltTrendCounts counts;
} PltTrendInterval;

#define PLT_TYPE_QUEUE_TRENDS (plt_queue_trends_get_type ())
G_DECLARE_FINAL_TYPE (PltQueueTrends, plt_queue_trends, PLT, QUEUE_TRENDS, GObject)

/*
 * Samples every queue of @model at each tick of @clock, that is once a
 * router second while the link is live: a clock that stands still (the
 * link is down) adds nothing, so a gap in the data stays a gap. Each
 * queue keeps its last PLT_QUEUE_TRENDS_MINUTES minutes and the current
 * one, conflated per minute; a queue that leaves the model leaves its
 * history.
 */
PltQueueTrends       *plt_queue_trends_new    (PltModel       *model,
                                               PltClock       *clock);
/* Samples now, as at a tick (for tests, and after a snapshot). */
void                  plt_queue_trends_sample (PltQueueTrends *self);
/* Returns: (transfer none) (array length=n_samples) (nullable): @queue_id's
 * minutes, oldest first, the current one last; valid until the next
 * sample */
const PltTrendSample *plt_queue_trends_get    (PltQueueTrends *self,
                                               const char     *queue_id,
                                               guint          *n_samples);

/* The current quarter-hour of @queue_id, from the day's counters (the
 * router's live figures for today when it sends them, else the queue's
 * own); FALSE when the queue was never sampled. */
gboolean              plt_queue_trends_get_interval (PltQueueTrends   *self,
                                                     const char       *queue_id,
                                                     PltTrendInterval *interval);

G_END_DECLS
