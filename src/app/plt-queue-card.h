/* plt-queue-card.h — one queue at a glance
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "plt-alerts.h"
#include "plt-clock.h"
#include "plt-queue.h"
#include "plt-queue-trends.h"

G_BEGIN_DECLS

#define PLT_TYPE_QUEUE_CARD (plt_queue_card_get_type ())
G_DECLARE_FINAL_TYPE (PltQueueCard, plt_queue_card, PLT, QUEUE_CARD, GtkWidget)

/*
 * Properties: "queue" PltQueue (nullable), "clock" PltClock (nullable),
 * "trends" PltQueueTrends (nullable), "stale" gboolean (read-only).
 *
 * The card follows its queue's property notifications and updates only the
 * labels concerned: waiting, longest wait, estimated wait, the service level
 * today and over the rolling window against the target, ASA, abandon rate,
 * the agents by state, and the last hour (a PltSparkline from "trends").
 * Each figure tells its definition on hover (plt-queue-figures.h). The
 * longest wait and the last hour move with the clock's "now", followed only
 * while the card is mapped; a clock that stands still (the link is down)
 * leaves them as they were. Stale, the card greys and says from when its
 * data is. Its accessible label sums the queue up in a sentence; its
 * description carries the alert and the age of the data.
 */

GtkWidget *plt_queue_card_new        (PltQueue       *queue,
                                      PltClock       *clock);
/* Returns: (transfer none) (nullable) */
PltQueue  *plt_queue_card_get_queue  (PltQueueCard   *self);
void       plt_queue_card_set_queue  (PltQueueCard   *self,
                                      PltQueue       *queue);
/* Returns: (transfer none) (nullable) */
PltClock  *plt_queue_card_get_clock  (PltQueueCard   *self);
void       plt_queue_card_set_clock  (PltQueueCard   *self,
                                      PltClock       *clock);
void       plt_queue_card_set_trends (PltQueueCard   *self,
                                      PltQueueTrends *trends);
/* TRUE (the default): the card follows the clock itself while mapped;
 * FALSE: its board calls plt_queue_card_tick() when the card shows (a grid
 * keeps far more cards than the screen shows). */
void       plt_queue_card_set_follows_clock (PltQueueCard *self,
                                             gboolean      follows_clock);
/* FALSE: the card is off screen (kept by its grid): it keeps what changed
 * and updates when it is on screen again. TRUE by default. */
void       plt_queue_card_set_on_screen (PltQueueCard *self,
                                         gboolean      on_screen);
/* Brings the waits and the last hour to the clock's "now". */
void       plt_queue_card_tick       (PltQueueCard   *self);
/* @data_time: (nullable): when the data was current, "10:42:07" */
void       plt_queue_card_set_stale  (PltQueueCard   *self,
                                      gboolean        stale,
                                      const char     *data_time);
gboolean   plt_queue_card_get_stale  (PltQueueCard   *self);
/* The queue's worst alert, and its words (nullable) */
void       plt_queue_card_set_alert  (PltQueueCard   *self,
                                      PltAlertLevel   level,
                                      const char     *text);

G_END_DECLS
