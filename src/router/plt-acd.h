/* plt-acd.h — the automatic call distributor: the state of the call center
 * and the simulator that drives it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "plt-protocol.h"
#include "plt-scenario.h"

G_BEGIN_DECLS

/**
 * PltAcdEntity:
 *
 * The kind of entity a "changed" or "removed" signal is about.
 */
typedef enum
{
  PLT_ACD_ENTITY_TEAM,
  PLT_ACD_ENTITY_AGENT,
  PLT_ACD_ENTITY_QUEUE,
  PLT_ACD_ENTITY_CALL,
} PltAcdEntity;

#define PLT_TYPE_ACD (plt_acd_get_type ())
G_DECLARE_FINAL_TYPE (PltAcd, plt_acd, PLT, ACD, GObject)

/*
 * The ACD keeps its own simulated clock, in ms since the Unix epoch. It only
 * moves when told to (plt_acd_advance*()): events are processed in time
 * order from a priority queue, and every random draw comes from one
 * generator seeded with @seed, so the same scenario, seed and start give the
 * same events whatever the steps the clock is moved by.
 *
 * Signals, emitted from plt_acd_advance*() after each event, once per entity
 * the event changed, in a fixed order; the entity's `ver` has already grown:
 *   "changed" (guint PltAcdEntity, const char *id)
 *   "removed" (guint PltAcdEntity, const char *id)  — a call that ended,
 *             right after its "changed" with state ended
 * Handlers may read the ACD but must not advance it.
 */

/* Creates the ACD at @start_ms (the clock then reads @start_ms); the
 * scenario's warm-up runs before, without a clock reading earlier than
 * start − warm-up. The scenario is referenced. */
PltAcd       *plt_acd_new            (PltScenario *scenario,
                                      guint64      seed,
                                      gint64       start_ms);
/* Returns: (transfer none) */
PltScenario  *plt_acd_get_scenario   (PltAcd      *self);
gint64        plt_acd_get_now        (PltAcd      *self);
/* Runs every event due up to now + @ms (@ms ≥ 0), then sets the clock
 * there. */
void          plt_acd_advance        (PltAcd      *self,
                                      gint64       ms);
/* Same, up to @time_ms; a time earlier than now does nothing. */
void          plt_acd_advance_to     (PltAcd      *self,
                                      gint64       time_ms);
/* Events processed since the ACD was created, warm-up included. */
guint64       plt_acd_get_n_events   (PltAcd      *self);

guint         plt_acd_get_n_agents   (PltAcd      *self);
guint         plt_acd_get_n_calls    (PltAcd      *self);

/* Returns: (transfer full) (element-type Plt*Data): every entity of a kind,
 * in a stable order (scenario order; calls by age). */
GPtrArray    *plt_acd_dup_teams      (PltAcd      *self);
GPtrArray    *plt_acd_dup_agents     (PltAcd      *self);
GPtrArray    *plt_acd_dup_queues     (PltAcd      *self);
GPtrArray    *plt_acd_dup_calls      (PltAcd      *self);

/* Returns: (transfer full) (nullable): one entity, NULL if unknown */
PltTeamData  *plt_acd_dup_team       (PltAcd      *self,
                                      const char  *id);
PltAgentData *plt_acd_dup_agent      (PltAcd      *self,
                                      const char  *id);
PltQueueData *plt_acd_dup_queue      (PltAcd      *self,
                                      const char  *id);
PltCallData  *plt_acd_dup_call       (PltAcd      *self,
                                      const char  *id);

/* Applies a supervisor's command to an agent, at the ACD's clock (advance
 * it first). Never cuts a contact: see the rule in plt-acd.c. @reason is a
 * pause reason of the scenario, NULL for the first one; it is ignored unless
 * @status is paused. Errors (G_IO_ERROR): NOT_FOUND (no such agent),
 * INVALID_ARGUMENT (unknown status or reason), BUSY (the agent has a
 * contact and @status is logged_out). Emits "changed" before it returns. */
gboolean      plt_acd_set_agent_status (PltAcd          *self,
                                        const char      *agent_id,
                                        PltAgentStatus   status,
                                        const char      *reason,
                                        GError         **error);

G_END_DECLS
