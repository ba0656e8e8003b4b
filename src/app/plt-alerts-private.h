/* plt-alerts-private.h — what the alert levels and the monitor share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "plt-alerts.h"

G_BEGIN_DECLS

/* How long the contact waiting longest has waited at @now_ms; 0 when
 * nobody waits. */
gint64 _plt_alert_queue_wait_ms       (PltQueue *queue,
                                       gint64    now_ms);
/* Today's service level as the queue card shows it (the router's, in the
 * queue's variant, else from the queue's counters); -1 when undefined. */
double _plt_alert_queue_service_level (PltQueue *queue);

G_END_DECLS
