/* plt-queue-card-private.h — what the tests read from a queue card
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "plt-queue-card.h"

G_BEGIN_DECLS

/* Returns: (transfer none): the text shown */
const char *_plt_queue_card_get_name_text    (PltQueueCard *self);
const char *_plt_queue_card_get_waiting_text (PltQueueCard *self);
const char *_plt_queue_card_get_longest_text (PltQueueCard *self);
const char *_plt_queue_card_get_sl_text      (PltQueueCard *self);

G_END_DECLS
