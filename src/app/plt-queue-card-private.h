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
/* Returns: (transfer none): a part of the card by name: "waiting",
 * "longest", "ewt", "ewt-box", "sl", "sl-box", "sl-rolling", "target",
 * "asa", "asa-box", "abandon", "abandon-box", "sparkline", "available",
 * "busy", "wrap-up", "paused", "stale", "stale-label", "alert" */
GtkWidget  *_plt_queue_card_get_part         (PltQueueCard *self,
                                              const char   *name);

/* Returns: (transfer full) (nullable): the definition the tooltip of a part
 * tells ("sl-box", "sl-rolling", "asa-box", "abandon-box", "ewt-box") */
char       *_plt_queue_card_dup_definition   (PltQueueCard *self,
                                              const char   *part);

G_END_DECLS
