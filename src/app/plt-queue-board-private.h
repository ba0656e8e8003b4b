/* plt-queue-board-private.h — for the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "plt-queue-board.h"

G_BEGIN_DECLS

/* Returns: (transfer none): the flow box holding the cards */
GtkFlowBox *_plt_queue_board_get_flow_box (PltQueueBoard *self);

G_END_DECLS
