/* plt-history.h — what agents and queues were doing at a moment of the
 * past, rebuilt from the records (the flight recorder's arithmetic)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "plt-protocol.h"
#include "plt-protocol-supervisor.h"
#include "plt-records.h"

G_BEGIN_DECLS

/* Whether @interval covers @time: start ≤ time < end (an open interval,
 * end 0, runs on). */
gboolean                plt_history_covers          (const PltAgentInterval *interval,
                                                     gint64                  time);
/* Returns: (transfer none) (nullable): @agent's interval of @intervals
 * (PltAgentInterval*, any order) that covers @time, NULL if none (the
 * agent was not known then: logged out). */
const PltAgentInterval *plt_history_interval_at     (GPtrArray              *intervals,
                                                     const char             *agent,
                                                     gint64                  time);
/* The displayed state of an interval (logged out, else the activity when
 * not idle, else paused or available), as for an agent. */
PltAgentState           plt_history_interval_state  (const PltAgentInterval *interval);

/* Samples of @queues every @step_ms from @from to @to (both included when
 * on the grid): contacts waiting or ringing (@contacts: PltContactRecord*,
 * outbound ones skipped; a contact waits from its enqueue to its answer or
 * its end) and the queues' agents by displayed state (@intervals:
 * PltAgentInterval*; @agent_queues: agent id → GStrv of the queues they
 * serve; an agent with no interval at a moment counts as logged out).
 * Returns: (transfer full) (element-type PltQueueSample): by queue (in
 * the order of @queues), then time. */
GPtrArray              *plt_history_sample_queues   (const char * const     *queues,
                                                     GHashTable             *agent_queues,
                                                     GPtrArray              *intervals,
                                                     GPtrArray              *contacts,
                                                     gint64                  from,
                                                     gint64                  to,
                                                     gint64                  step_ms);

G_END_DECLS
