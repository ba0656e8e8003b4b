/* plt-queue.h — one queue and its live counters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "plt-kpi-figures.h"
#include "plt-protocol.h"
#include "plt-types.h"

G_BEGIN_DECLS

#define PLT_TYPE_QUEUE (plt_queue_get_type ())
G_DECLARE_FINAL_TYPE (PltQueue, plt_queue, PLT, QUEUE, GObject)

/*
 * Properties (read-only, notified on change):
 *   "id", "version", "name", "media" PltQueueMedia,
 *   "sl-threshold" uint (s), "sl-target" double (0..1),
 *   "waiting" uint, "oldest-since" int64 (ms, 0 = nobody waits),
 *   "agents-available", "agents-busy", "agents-wrap-up", "agents-paused",
 *   "agents-logged-out" uint,
 *   "offered", "answered", "abandoned", "answered-in-sl" uint,
 *   "service-level" double (answered_in_sl / answered, -1 when nothing answered),
 *   "asa" double (s, -1 when nothing answered),
 *   "kpi-today", "kpi-rolling" PltKpiFigures (nullable): the router's live
 *   figures (kpi.update), with the queue's SL variant and threshold
 */

PltQueue      *plt_queue_new                  (const char *id);
const char    *plt_queue_get_id               (PltQueue   *self);
gint64         plt_queue_get_version          (PltQueue   *self);
const char    *plt_queue_get_name             (PltQueue   *self);
PltQueueMedia  plt_queue_get_media            (PltQueue   *self);
guint          plt_queue_get_sl_threshold     (PltQueue   *self);
double         plt_queue_get_sl_target        (PltQueue   *self);
guint          plt_queue_get_waiting          (PltQueue   *self);
gint64         plt_queue_get_oldest_since     (PltQueue   *self);
const PltQueueAgentCounts *plt_queue_get_agents (PltQueue *self);
const PltQueueToday       *plt_queue_get_today  (PltQueue *self);
double         plt_queue_get_service_level    (PltQueue   *self);
double         plt_queue_get_asa              (PltQueue   *self);

/* Returns: (transfer none) (nullable): the last figures the router sent */
const PltKpiFigures *plt_queue_get_kpi        (PltQueue      *self,
                                               PltKpiPeriod   period);
/* Keeps @figures for their period; returns TRUE if they differ from the
 * ones kept. */
gboolean       plt_queue_set_kpi              (PltQueue      *self,
                                               PltKpiFigures *figures);

gboolean       plt_queue_apply                (PltQueue           *self,
                                               const PltQueueData *data,
                                               gboolean            force);
PltQueueData  *plt_queue_to_data              (PltQueue   *self);

G_END_DECLS
