/* plt-shift-plan.h — a published shift plan, as the ACD follows it
 * (docs/router.md, "Schedules and shift plans")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * PltShiftSegment:
 * @start: when the segment begins, ms since the Unix epoch (router clock)
 * @end: when it ends (> @start)
 * @reason: (nullable): NULL for work (the agent is available); else the
 *   reason code of a pause of the scenario (break, lunch, training…)
 *
 * One stretch of an agent's plan. Between segments, and before the first
 * and after the last, the agent is logged out.
 */
typedef struct
{
  gint64      start;
  gint64      end;
  const char *reason;
} PltShiftSegment;

/**
 * PltShiftPlan:
 * @segments: (array length=n_segments): by time, without overlaps
 * @n_segments: how many
 *
 * An agent's published plan, for any span of time (a day, a week). The ACD
 * copies it: the caller keeps ownership. See plt_acd_set_shift_plan().
 */
typedef struct
{
  const PltShiftSegment *segments;
  guint                  n_segments;
} PltShiftPlan;

G_END_DECLS
