/* plt-queue-board.h — every queue as a card, and one queue in full
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "plt-alerts.h"
#include "plt-client.h"

G_BEGIN_DECLS

#define PLT_TYPE_QUEUE_BOARD (plt_queue_board_get_type ())
G_DECLARE_FINAL_TYPE (PltQueueBoard, plt_queue_board, PLT, QUEUE_BOARD, GtkWidget)

/*
 * Property: "client" PltClient (nullable), "queue-id" string (read-only,
 * nullable): the queue shown in full, NULL on the cards.
 *
 * A GtkGridView over the model's queue store, with a PltQueueCard per
 * visible cell: cards are made for the cells on screen only and rebound as
 * the grid scrolls, so 500 queues cost what a screenful does, and a queue's
 * update changes its card in place. A click on a card, or Enter on the
 * focused one, opens the queue's page (PltQueueDetail) in the same place;
 * board.back (Escape, Alt+←, the back button, a swipe) comes back to the
 * cards. The cards show the alerts of the PltAlertMonitor given, and grey
 * with the age of their data while the board is stale.
 *
 * Actions: board.open (s: a queue id), board.back.
 */

GtkWidget  *plt_queue_board_new          (void);
/* Returns: (transfer none) (nullable) */
PltClient  *plt_queue_board_get_client   (PltQueueBoard   *self);
void        plt_queue_board_set_client   (PltQueueBoard   *self,
                                          PltClient       *client);
void        plt_queue_board_set_alerts   (PltQueueBoard   *self,
                                          PltAlertMonitor *alerts);
/* @data_time: (nullable): when the data was current, "10:42:07" */
void        plt_queue_board_set_stale    (PltQueueBoard   *self,
                                          gboolean         stale,
                                          const char      *data_time);
/* Shows @queue_id's page; FALSE if the model has no such queue. */
gboolean    plt_queue_board_show_queue   (PltQueueBoard   *self,
                                          const char      *queue_id);
void        plt_queue_board_show_cards   (PltQueueBoard   *self);
/* Returns: (nullable): the queue shown in full */
const char *plt_queue_board_get_queue_id (PltQueueBoard   *self);

G_END_DECLS
