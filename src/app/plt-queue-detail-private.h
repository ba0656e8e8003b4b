/* plt-queue-detail-private.h — what the tests read from a queue's page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "plt-queue-card.h"
#include "plt-queue-detail.h"

G_BEGIN_DECLS

/* All (transfer none) */
PltQueueCard *_plt_queue_detail_get_card         (PltQueueDetail *self);
/* The callers waiting, in their order (PltCall) */
GListModel   *_plt_queue_detail_get_waiting      (PltQueueDetail *self);
/* The queue's agents (PltAgent) */
GListModel   *_plt_queue_detail_get_agents       (PltQueueDetail *self);
/* The quarter-hours shown (objects holding a PltKpiRow) */
GListModel   *_plt_queue_detail_get_intervals    (PltQueueDetail *self);
GtkWidget    *_plt_queue_detail_get_waiting_view (PltQueueDetail *self);
/* "list", "empty" or "hidden" (a role that sees no contact) */
const char   *_plt_queue_detail_get_waiting_page (PltQueueDetail *self);

G_END_DECLS
