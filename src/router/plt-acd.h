/* plt-acd.h — the automatic call distributor: the state of the call center
 * and the simulator that drives it (docs/router.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "plt-protocol.h"
#include "plt-records.h"
#include "plt-scenario.h"
#include "plt-shift-plan.h"

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

#define PLT_ACD_ERROR (plt_acd_error_quark ())

/**
 * PltAcdError:
 * @PLT_ACD_ERROR_INVALID_STATE: this status and activity never go together
 * @PLT_ACD_ERROR_TRANSITION: the agent state machine has no such transition
 * @PLT_ACD_ERROR_NOT_FOUND: no agent (or queue) has this id
 * @PLT_ACD_ERROR_INVALID_PLAN: a shift plan out of order, or with an unknown
 *   reason code
 */
typedef enum
{
  PLT_ACD_ERROR_INVALID_STATE,
  PLT_ACD_ERROR_TRANSITION,
  PLT_ACD_ERROR_NOT_FOUND,
  PLT_ACD_ERROR_INVALID_PLAN,
} PltAcdError;

GQuark        plt_acd_error_quark    (void);

/*
 * The agent state machine (docs/router.md, "Agent states"). A state is a
 * status and an activity; plt_acd_state_valid() tells the pairs that
 * exist, plt_acd_transition_allowed() the moves between them. The ACD never
 * makes any other move.
 */
gboolean      plt_acd_state_valid        (PltAgentStatus    status,
                                          PltAgentActivity  activity);
gboolean      plt_acd_transition_allowed (PltAgentStatus    from_status,
                                          PltAgentActivity  from_activity,
                                          PltAgentStatus    to_status,
                                          PltAgentActivity  to_activity,
                                          GError          **error);

#define PLT_TYPE_ACD (plt_acd_get_type ())
G_DECLARE_FINAL_TYPE (PltAcd, plt_acd, PLT, ACD, GObject)

/*
 * The ACD keeps its own simulated clock, in ms since the Unix epoch. It only
 * moves when told to (plt_acd_advance*()): events are processed in time
 * order from a priority queue, and every random draw comes from one
 * generator seeded with @seed, so the same scenario, seed and start give the
 * same events whatever the steps the clock is moved by.
 *
 * Signals, emitted from plt_acd_advance*() (and the commands below):
 *   "changed" (guint PltAcdEntity, const char *id) — after each event, once
 *             per entity the event changed, in a fixed order; the entity's
 *             `ver` has already grown
 *   "removed" (guint PltAcdEntity, const char *id) — a call that ended,
 *             right after its "changed" with state ended
 *   "contact-finished" (const PltContactRecord *record) — a contact's
 *             record is complete (its outcome and every time are final);
 *             emitted as it happens, before the "changed" of that event
 *   "agent-interval" (const PltAgentInterval *interval) — an agent's state
 *             interval closed (intervals of 0 ms are not reported)
 *   "day-started" (gint64 day_start) — local midnight (the scenario's zone)
 *             passed: the records of the day before were dropped. Each
 *             queue's `today` resets at its own day start instead (its
 *             kpi.time_zone and kpi.day_reset; docs/kpis.md §7)
 * Handlers may read the ACD but must not advance it or command it.
 */

/* Creates the ACD at @start_ms (the clock then reads @start_ms); the
 * scenario's warm-up runs before, without a clock reading earlier than
 * start − warm-up. The scenario is referenced. */
PltAcd       *plt_acd_new            (PltScenario *scenario,
                                      guint64      seed,
                                      gint64       start_ms);

/**
 * PltAcdHistory:
 * @contacts: (element-type PltContactRecord): today's finished contacts, by
 *   end time (copies owned by the history)
 * @intervals: (element-type PltAgentInterval): today's closed agent
 *   intervals, by end time
 * @last_contact: the highest contact number used so far ("c-N"); new
 *   contacts are numbered after it
 *
 * What a router that restarts already knows of the day (plt-persist.h).
 */
typedef struct
{
  GPtrArray *contacts;
  GPtrArray *intervals;
  guint64    last_contact;
} PltAcdHistory;

void          plt_acd_history_clear  (PltAcdHistory *history);

/* Like plt_acd_new(), after a restart: today's records and the queues'
 * `today` counters start from @history (records of another day are
 * ignored), and when it holds any record of today the warm-up is skipped
 * (its contacts would count twice). */
PltAcd       *plt_acd_new_with_history (PltScenario         *scenario,
                                        guint64              seed,
                                        gint64               start_ms,
                                        const PltAcdHistory *history);

/* Local midnight of the day of @time_ms, in @scenario's time zone: the
 * start of "today" for the ACD's records and counters. */
gint64        plt_acd_day_start_for  (PltScenario *scenario,
                                      gint64       time_ms);

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

/*
 * Records, for the KPI engine (src/core/plt-records.h). "Today" runs from
 * plt_acd_get_day_start(), local midnight in the scenario's time zone.
 * The iterations call @func in order and stop when it returns FALSE; they
 * return how many records were visited. Records and their strings are
 * valid during the call only.
 */
gint64        plt_acd_get_day_start  (PltAcd      *self);
/* Today's finished contacts, by the time they finished. */
guint         plt_acd_foreach_contact (PltAcd               *self,
                                       PltContactRecordFunc  func,
                                       gpointer              user_data);
/* The contacts in progress, by age: the times so far (ended is set once
 * the talk ended, in wrap-up), outcome none — or transferred, for one in
 * wrap-up after a transfer. */
guint         plt_acd_foreach_open_contact (PltAcd               *self,
                                            PltContactRecordFunc  func,
                                            gpointer              user_data);
/* Today's closed intervals by end time, then every agent's current one
 * (end = 0), in agent order. */
guint         plt_acd_foreach_agent_interval (PltAcd               *self,
                                              PltAgentIntervalFunc  func,
                                              gpointer              user_data);
/* The highest contact number used ("c-N"). */
guint64       plt_acd_get_last_contact_number (PltAcd *self);

/* A contact arrives now in @queue_id — a call, a callback request or an
 * e-mail, by the queue's media — and is handled like the simulator's
 * arrivals (patience, overflow, callback offer, routing). Outbound queues
 * have no arrivals (PLT_ACD_ERROR_INVALID_STATE). Emits "changed" before
 * it returns. Returns: (transfer full) (nullable): the contact's id */
char         *plt_acd_add_contact    (PltAcd      *self,
                                      const char  *queue_id,
                                      GError     **error);

/* Makes the agent follow @plan from now on, instead of the scenario's
 * schedule (a NULL @plan goes back to the schedule). The agent moves at
 * the plan's boundaries, late as the scenario's lateness says, and never
 * cuts a contact: a pause or a logout due during one waits for its end.
 * Emits "changed" before it returns if the agent moved. */
gboolean      plt_acd_set_shift_plan (PltAcd              *self,
                                      const char          *agent_id,
                                      const PltShiftPlan  *plan,
                                      GError             **error);

/* Diagnostics for the benchmark: with timing on, the ACD measures every
 * routing decision (choosing an agent for a contact, or a contact for an
 * agent). plt_acd_get_timing() gives their number and the 50th and 99th
 * percentiles and the maximum, in ns, since timing was turned on. */
void          plt_acd_set_timing     (PltAcd      *self,
                                      gboolean     enabled);
guint         plt_acd_get_timing     (PltAcd      *self,
                                      gint64      *p50_ns,
                                      gint64      *p99_ns,
                                      gint64      *max_ns);

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

/* Replaces @agent_id's queues and levels with @skills (plt-acd-skills.c):
 * routing and the queues' agent counts follow at once; a contact in
 * progress goes on, whatever its queue. Errors (G_IO_ERROR): NOT_FOUND (no
 * such agent), INVALID_ARGUMENT (an unknown queue, a queue named twice, a
 * level outside 1–PLT_SCENARIO_MAX_LEVEL). Emits "changed" before it
 * returns. The change lasts until the router restarts. */
gboolean      plt_acd_set_agent_skills (PltAcd              *self,
                                        const char          *agent_id,
                                        const PltAgentSkill *skills,
                                        guint                n_skills,
                                        GError             **error);

G_END_DECLS
