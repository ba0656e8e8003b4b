/* plt-queue-board.h — every queue as a card
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "plt-clock.h"
#include "plt-model.h"

G_BEGIN_DECLS

#define PLT_TYPE_QUEUE_BOARD (plt_queue_board_get_type ())
G_DECLARE_FINAL_TYPE (PltQueueBoard, plt_queue_board, PLT, QUEUE_BOARD, GtkWidget)

/*
 * Properties: "model" PltModel (nullable), "clock" PltClock (nullable).
 *
 * One PltQueueCard per item of the model's queue store, in the store's
 * order. A board of up to ~50 queues: cards are made when a queue appears,
 * and then only follow their queue.
 */

GtkWidget *plt_queue_board_new       (void);
/* Returns: (transfer none) (nullable) */
PltModel  *plt_queue_board_get_model (PltQueueBoard *self);
void       plt_queue_board_set_model (PltQueueBoard *self,
                                      PltModel      *model);
/* Returns: (transfer none) (nullable) */
PltClock  *plt_queue_board_get_clock (PltQueueBoard *self);
void       plt_queue_board_set_clock (PltQueueBoard *self,
                                      PltClock      *clock);

G_END_DECLS
