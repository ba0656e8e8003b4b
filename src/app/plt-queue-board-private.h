/* plt-queue-board-private.h — for the tests and the bench
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "plt-queue-board.h"
#include "plt-queue-detail.h"

G_BEGIN_DECLS

/* Returns: (transfer none): the grid of cards */
GtkGridView    *_plt_queue_board_get_grid_view (PltQueueBoard *self);
/* Returns: (transfer none): the page of one queue */
PltQueueDetail *_plt_queue_board_get_detail    (PltQueueBoard *self);
/* Returns: (transfer container) (element-type PltQueueCard): the cards the
 * grid holds now, bound or not */
GPtrArray      *_plt_queue_board_dup_cards     (PltQueueBoard *self);

G_END_DECLS
