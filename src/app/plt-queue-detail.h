/* plt-queue-detail.h — one queue in full: its callers waiting, its agents, its day by quarter-hours
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "plt-client.h"

G_BEGIN_DECLS

#define PLT_TYPE_QUEUE_DETAIL (plt_queue_detail_get_type ())
G_DECLARE_FINAL_TYPE (PltQueueDetail, plt_queue_detail, PLT, QUEUE_DETAIL, GtkWidget)

/*
 * The page a queue card opens. Beside the queue's card:
 *
 * - Waiting: the contacts queued now (from the call store), by position,
 *   with their wait (ticking with the one clock while the page is mapped),
 *   priority, origin and the number as the router masked it. A role that
 *   sees no individual contact (wallboard) gets an explanation instead.
 * - Agents: those who serve the queue, with their state and time in it,
 *   and their level on the queue.
 * - Intervals today: quarter-hours from kpi.query (offered, answered,
 *   abandoned, service level, ASA, AHT), asked for when the page shows and
 *   again each minute while it does; the router's refusal is shown in words.
 *
 * Properties: "client" PltClient (nullable), "queue-id" string (nullable).
 * Action: "detail.refresh" asks for the intervals again.
 */

GtkWidget  *plt_queue_detail_new          (void);
void        plt_queue_detail_set_client   (PltQueueDetail *self,
                                           PltClient      *client);
/* Returns: (transfer none) (nullable) */
const char *plt_queue_detail_get_queue_id (PltQueueDetail *self);
void        plt_queue_detail_set_queue_id (PltQueueDetail *self,
                                           const char     *queue_id);
/* @data_time: (nullable): when the data was current, "10:42:07" */
void        plt_queue_detail_set_stale    (PltQueueDetail *self,
                                           gboolean        stale,
                                           const char     *data_time);

G_END_DECLS
