/* plt-adherence.h — real-time adherence: live agent states against the
 * published plan (docs/planning.md, "Adherence")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "plt-kpi.h"
#include "plt-planning.h"
#include "plt-records.h"

G_BEGIN_DECLS

#define PLT_ADHERENCE_DEFAULT_GRACE_MS (2 * PLT_MS_PER_MINUTE)

typedef struct _PltAdherenceMap PltAdherenceMap;

/*
 * Which agent states adhere to which planned activity. A rule is (status,
 * activity, reason) → kind: PLT_AGENT_STATUS_UNKNOWN and
 * PLT_AGENT_ACTIVITY_UNKNOWN match any, a NULL reason any reason. The
 * default map:
 *   handling a contact (ringing, on call, on hold, wrap-up), any status  → work
 *   available (idle, missed, busy elsewhere)                             → work
 *   paused: break → break, lunch → lunch, training → training,
 *           meeting → meeting, back_office → back office
 *   logged out                                                          → off, time off
 */
PltAdherenceMap *plt_adherence_map_new          (void);
/* Returns: (transfer full): a map with no rule */
PltAdherenceMap *plt_adherence_map_new_empty    (void);
void             plt_adherence_map_free         (PltAdherenceMap       *self);
void             plt_adherence_map_add          (PltAdherenceMap       *self,
                                                 PltAgentStatus         status,
                                                 PltAgentActivity       activity,
                                                 const char            *reason,
                                                 PltActivityKind        kind);
/* Whether an agent in @status, @activity, @reason adheres to @kind. */
gboolean         plt_adherence_map_matches      (const PltAdherenceMap *self,
                                                 PltAgentStatus         status,
                                                 PltAgentActivity       activity,
                                                 const char            *reason,
                                                 PltActivityKind        kind);

/**
 * PltAdherenceException:
 * @start: when the exception began (after the grace period), UTC ms
 * @end: when it ended
 * @planned: what the plan said
 * @status, @activity: what the agent did (at the exception's start)
 * @reason: (nullable): the pause reason then
 */
typedef struct
{
  gint64            start;
  gint64            end;
  PltActivityKind   planned;
  PltAgentStatus    status;
  PltAgentActivity  activity;
  char             *reason;
} PltAdherenceException;

/**
 * PltAdherence:
 * @agent: the agent
 * @scheduled_ms: planned time in shifts (every activity but off and time
 *   off) within the period
 * @exception_ms: the part of it out of adherence, beyond the grace
 * @adherence: 1 − @exception_ms / @scheduled_ms (NaN when nothing is planned)
 * @scheduled_work_ms: planned WORK time
 * @worked_ms: time in a state the map gives as work, planned or not
 * @conformance: @worked_ms / @scheduled_work_ms (NaN without planned work)
 * @exceptions: (element-type PltAdherenceException): by time
 */
typedef struct
{
  char      *agent;
  gint64     scheduled_ms;
  gint64     exception_ms;
  double     adherence;
  gint64     scheduled_work_ms;
  gint64     worked_ms;
  double     conformance;
  GPtrArray *exceptions;
} PltAdherence;

void plt_adherence_free (PltAdherence *self);

/* @agent's adherence to @plan over [@from, min (@to, @now)) given its
 * state intervals @intervals (element-type PltAgentInterval, in time
 * order; an open one, end 0, lasts until @now). Time before the first
 * interval counts as logged out. A stretch out of adherence that lasts no
 * longer than @grace_ms is no exception; a longer one counts beyond its
 * first @grace_ms (a late switch within the grace is forgiven).
 * Returns: (transfer full) */
PltAdherence *plt_adherence_compute (const PltAdherenceMap *map,
                                     gint64                 grace_ms,
                                     PltSchedule           *plan,
                                     const char            *agent,
                                     GPtrArray             *intervals,
                                     gint64                 from,
                                     gint64                 to,
                                     gint64                 now);

/* The KPI engine's adherence hook (plt_kpi_config_set_plan_func()) from a
 * published schedule: work → PLT_KPI_PLAN_WORK; break, lunch, training,
 * meeting and back office → PLT_KPI_PLAN_PAUSE with the kind's string as
 * reason; off and time off → PLT_KPI_PLAN_OFF. Takes a reference on
 * @published. */
void plt_adherence_install_kpi_plan (PltKpiConfig *config,
                                     PltSchedule  *published,
                                     const PltSite *site);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PltAdherenceMap, plt_adherence_map_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PltAdherence, plt_adherence_free)

G_END_DECLS
