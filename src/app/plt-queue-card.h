/* plt-queue-card.h — one queue at a glance
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "plt-clock.h"
#include "plt-queue.h"

G_BEGIN_DECLS

#define PLT_TYPE_QUEUE_CARD (plt_queue_card_get_type ())
G_DECLARE_FINAL_TYPE (PltQueueCard, plt_queue_card, PLT, QUEUE_CARD, GtkWidget)

/*
 * Properties: "queue" PltQueue (nullable), "clock" PltClock (nullable).
 *
 * The card follows its queue's property notifications and updates only the
 * labels concerned; the longest wait ticks with the clock's "now", followed
 * only while the card is mapped.
 */

GtkWidget *plt_queue_card_new       (PltQueue     *queue,
                                     PltClock     *clock);
/* Returns: (transfer none) (nullable) */
PltQueue  *plt_queue_card_get_queue (PltQueueCard *self);
void       plt_queue_card_set_queue (PltQueueCard *self,
                                     PltQueue     *queue);
/* Returns: (transfer none) (nullable) */
PltClock  *plt_queue_card_get_clock (PltQueueCard *self);
void       plt_queue_card_set_clock (PltQueueCard *self,
                                     PltClock     *clock);

G_END_DECLS
