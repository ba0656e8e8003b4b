/* plt-schedule.c — days, schedules and shift plans (docs/router.md,
 * "Schedules and shift plans")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "plt-acd-private.h"

/*
 * Days are local days of the scenario's time zone. An agent with a plan has
 * segments — work, or a pause with a reason — and is logged out outside
 * them. The plan comes from the scenario's schedule (materialized a day at
 * a time, at midnight), or from a published shift plan
 * (plt_acd_set_shift_plan()), which replaces it.
 *
 * At each boundary of the segments (EV_PLAN) the agent acts — late when
 * logging in (lateness_s) or coming back from a break (break_overrun_s),
 * through EV_PLAN_ACT — and never in the middle of a contact: a pause or a
 * logout due then waits for its end (_plt_acd_agent_released()). An agent
 * on a pause of their own (or missed, or on an internal call) when their
 * work starts again comes back when that ends; a planned pause or logout
 * ends such a pause at once.
 */

static GDateTime *
local_date_time (GTimeZone *zone,
                 gint64     time_ms)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (time_ms / 1000 - (time_ms % 1000 < 0 ? 1 : 0));

  return g_date_time_to_timezone (utc, zone);
}

gint64
_plt_schedule_day_start (GTimeZone *zone,
                         gint64     time_ms)
{
  g_autoptr(GDateTime) local = local_date_time (zone, time_ms);
  g_autoptr(GDateTime) midnight = g_date_time_new (zone, g_date_time_get_year (local),
                                                   g_date_time_get_month (local),
                                                   g_date_time_get_day_of_month (local), 0, 0, 0);

  return g_date_time_to_unix (midnight) * 1000;
}

gint64
plt_acd_day_start_for (PltScenario *scenario,
                       gint64       time_ms)
{
  g_autoptr(GTimeZone) zone = NULL;

  g_return_val_if_fail (scenario != NULL, 0);

  zone = plt_scenario_dup_time_zone (scenario);
  return _plt_schedule_day_start (zone, time_ms);
}

gint64
_plt_schedule_next_day (GTimeZone *zone,
                        gint64     day_start)
{
  /* Noon is never skipped by a change of time: a day later, then back to
   * that day's midnight. */
  return _plt_schedule_day_start (zone, day_start + 36 * 3600 * 1000);
}

/* The day of a queue containing @time_ms: from @reset_min minutes after
 * local midnight in @zone to the same time the next day (local time, so
 * 23 or 25 h long on the days the clocks change). */
static gint64 local_time (GTimeZone *zone, gint64 day_start, guint minute);

void
_plt_schedule_queue_day (GTimeZone *zone,
                         guint      reset_min,
                         gint64     time_ms,
                         gint64    *start,
                         gint64    *end)
{
  gint64 midnight = _plt_schedule_day_start (zone, time_ms);
  gint64 begin = local_time (zone, midnight, reset_min);

  if (time_ms < begin)
    {
      midnight = _plt_schedule_day_start (zone, midnight - 12 * 3600 * 1000);
      begin = local_time (zone, midnight, reset_min);
    }
  *start = begin;
  *end = local_time (zone, _plt_schedule_next_day (zone, midnight), reset_min);
}

/* The 15-minute interval of the local day @time_ms is in, and when it ends
 * (the last one ends at midnight, whatever the length of the day). */
guint
_plt_schedule_interval (PltAcd *self,
                        gint64  time_ms,
                        gint64 *end_ms)
{
  gint64 day_start = self->day_start;
  gint64 next_day = self->next_day_start;
  guint interval;

  if (time_ms < day_start || time_ms >= next_day)
    {
      day_start = _plt_schedule_day_start (self->zone, time_ms);
      next_day = _plt_schedule_next_day (self->zone, day_start);
    }

  interval = (guint) MIN ((time_ms - day_start) / PLT_SCENARIO_INTERVAL_MS, PLT_SCENARIO_INTERVALS - 1);
  *end_ms = interval == PLT_SCENARIO_INTERVALS - 1 ? next_day
                                                   : MIN (next_day, day_start + (interval + 1) * PLT_SCENARIO_INTERVAL_MS);
  return interval;
}

/* @minute minutes after the midnight of the day starting at @day_start,
 * local time ("08:00" is 08:00 even on the day the clocks change). */
static gint64
local_time (GTimeZone *zone,
            gint64     day_start,
            guint      minute)
{
  g_autoptr(GDateTime) midnight = local_date_time (zone, day_start);
  g_autoptr(GDateTime) day = g_date_time_add_days (midnight, (int) (minute / (24 * 60)));
  g_autoptr(GDateTime) at = NULL;

  minute %= 24 * 60;
  at = g_date_time_new (zone, g_date_time_get_year (day), g_date_time_get_month (day),
                        g_date_time_get_day_of_month (day), (int) (minute / 60), (int) (minute % 60), 0);

  return g_date_time_to_unix (at) * 1000;
}

static int
agent_schedule (PltAcd *self,
                Agent  *agent)
{
  if (agent->spec->schedule >= 0)
    return agent->spec->schedule;

  return ((PltScenarioTeam *) g_ptr_array_index (self->scenario->teams, agent->spec->team))->schedule;
}

/* The segments of each schedule on the day starting at @day_start; an
 * empty array on a day the shift does not start. */
static GPtrArray *
materialize_day (PltAcd *self,
                 gint64  day_start)
{
  GPtrArray *days = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr(GDateTime) local = local_date_time (self->zone, day_start);
  guint weekday = (guint) g_date_time_get_day_of_week (local) - 1;   /* 0 = Monday */

  for (guint s = 0; s < self->scenario->schedules->len; s++)
    {
      PltScenarioSchedule *schedule = g_ptr_array_index (self->scenario->schedules, s);
      GArray *segments = g_array_new (FALSE, FALSE, sizeof (Segment));
      Segment work = { 0, 0, -1 };

      g_ptr_array_add (days, segments);
      if ((schedule->days & (1 << weekday)) == 0)
        continue;

      work.start = local_time (self->zone, day_start, schedule->start_minute);
      for (guint b = 0; b < schedule->breaks->len; b++)
        {
          const PltScenarioBreak *brk = &g_array_index (schedule->breaks, PltScenarioBreak, b);
          Segment pause;

          pause.start = local_time (self->zone, day_start, brk->at_minute);
          pause.end = local_time (self->zone, day_start, brk->at_minute + brk->minutes);
          pause.pause = (int) brk->pause;

          work.end = pause.start;
          if (work.end > work.start)
            g_array_append_val (segments, work);
          if (pause.end > pause.start)
            g_array_append_val (segments, pause);
          work.start = pause.end;
        }
      work.end = local_time (self->zone, day_start, schedule->end_minute);
      if (work.end > work.start)
        g_array_append_val (segments, work);
    }

  return days;
}

/* Where the agent's plan wants them at @time. */
static PlanKind
plan_at (const Agent *agent,
         gint64       time,
         int         *pause)
{
  *pause = -1;
  if (agent->segments == NULL)
    return PLAN_WORK;

  for (guint i = 0; i < agent->segments->len; i++)
    {
      const Segment *segment = &g_array_index (agent->segments, Segment, i);

      if (segment->start <= time && time < segment->end)
        {
          *pause = segment->pause;
          return segment->pause < 0 ? PLAN_WORK : PLAN_PAUSE;
        }
    }

  return PLAN_OFF;
}

/* One EV_PLAN per boundary still to come, from @from on. */
static void
schedule_boundaries (PltAcd  *self,
                     Agent   *agent,
                     GArray  *segments,
                     gint64   from)
{
  gint64 last = G_MININT64;

  for (guint i = 0; i < segments->len; i++)
    {
      const Segment *segment = &g_array_index (segments, Segment, i);

      if (segment->start > from && segment->start != last)
        _plt_acd_schedule (self, EV_PLAN, segment->start, agent->index, agent->plan_token);
      if (segment->end > from)
        _plt_acd_schedule (self, EV_PLAN, segment->end, agent->index, agent->plan_token);
      last = segment->end;
    }
}

static void
prune_segments (Agent  *agent,
                gint64  before)
{
  guint keep = 0;

  while (keep < agent->segments->len && g_array_index (agent->segments, Segment, keep).end < before)
    keep++;
  if (keep > 0)
    g_array_remove_range (agent->segments, 0, keep);
}

static void
add_day (PltAcd    *self,
         GPtrArray *days,
         gboolean   boundaries)
{
  for (guint i = 0; i < self->n_agents; i++)
    {
      Agent *agent = &self->agents[i];
      int schedule = agent_schedule (self, agent);
      GArray *day;

      if (schedule < 0 || agent->published)
        continue;

      day = g_ptr_array_index (days, schedule);
      if (agent->segments == NULL)
        agent->segments = g_array_new (FALSE, FALSE, sizeof (Segment));
      g_array_append_vals (agent->segments, day->data, day->len);
      if (boundaries)
        schedule_boundaries (self, agent, day, self->now);
    }
}

/* At the start: yesterday's shifts (a night shift may still run) and
 * today's; every agent with a plan starts where it puts them. */
void
_plt_schedule_setup (PltAcd *self)
{
  gint64 yesterday = _plt_schedule_day_start (self->zone, self->day_start - 12 * 3600 * 1000);

  if (self->scenario->schedules->len > 0)
    {
      g_autoptr(GPtrArray) before = materialize_day (self, yesterday);
      g_autoptr(GPtrArray) today = materialize_day (self, self->day_start);

      add_day (self, before, TRUE);
      add_day (self, today, TRUE);
    }

  for (guint i = 0; i < self->n_agents; i++)
    {
      Agent *agent = &self->agents[i];
      PltAgentStatus status;
      int pause;

      if (agent->segments == NULL)
        continue;

      agent->plan = plan_at (agent, self->now, &pause);
      agent->plan_pause = pause;
      status = agent->plan == PLAN_WORK ? PLT_AGENT_STATUS_AVAILABLE :
               agent->plan == PLAN_PAUSE ? PLT_AGENT_STATUS_PAUSED : PLT_AGENT_STATUS_LOGGED_OUT;
      _plt_acd_agent_init_state (self, agent, status, pause,
                                 self->now - _plt_sim_seconds_to_ms (_plt_sim_uniform (self) * 600, 0));
    }
}

/* Midnight: the new day's shifts. */
void
_plt_schedule_new_day (PltAcd *self)
{
  g_autoptr(GPtrArray) today = NULL;

  for (guint i = 0; i < self->n_agents; i++)
    if (self->agents[i].segments != NULL)
      prune_segments (&self->agents[i], self->day_start - 24 * 3600 * 1000);

  if (self->scenario->schedules->len == 0)
    return;

  today = materialize_day (self, self->day_start);
  add_day (self, today, TRUE);
}

/* The agent acts on their plan now (@act), or after the delay a person
 * takes to come in or back from a break. */
void
_plt_schedule_on_plan (PltAcd   *self,
                       Agent    *agent,
                       gboolean  act)
{
  const PltScenarioBehaviour *b = &self->scenario->behaviour;
  int pause;
  PlanKind target = plan_at (agent, self->now, &pause);

  if (!act && target == PLAN_WORK && agent->plan != PLAN_WORK)
    {
      double delay_s = agent->plan == PLAN_OFF ? _plt_sim_lognormal (self, b->lateness_mean_s, b->lateness_sd_s)
                                               : _plt_sim_exponential (self, b->break_overrun_mean_s);
      gint64 delay = _plt_sim_seconds_to_ms (delay_s, 0);

      if (delay > 0)
        {
          _plt_acd_schedule (self, EV_PLAN_ACT, self->now + delay, agent->index, agent->plan_token);
          return;
        }
    }

  agent->plan = target;
  agent->plan_pause = pause;

  /* During a contact: at its end. On a pause of their own: when it ends,
   * unless the plan wants them away. */
  if (agent->call != NULL)
    return;
  if (target == PLAN_WORK && agent->away)
    return;

  _plt_acd_go_to_plan (self, agent);
}

gboolean
plt_acd_set_shift_plan (PltAcd              *self,
                        const char          *agent_id,
                        const PltShiftPlan  *plan,
                        GError             **error)
{
  g_autoptr(GArray) segments = NULL;
  Agent *agent;

  g_return_val_if_fail (PLT_IS_ACD (self), FALSE);
  g_return_val_if_fail (agent_id != NULL, FALSE);
  g_return_val_if_fail (!self->in_advance, FALSE);
  g_return_val_if_fail (plan == NULL || plan->segments != NULL || plan->n_segments == 0, FALSE);

  agent = g_hash_table_lookup (self->agents_by_id, agent_id);
  if (agent == NULL)
    {
      g_set_error (error, PLT_ACD_ERROR, PLT_ACD_ERROR_NOT_FOUND, "there is no agent “%s”", agent_id);
      return FALSE;
    }

  if (plan != NULL)
    {
      segments = g_array_new (FALSE, FALSE, sizeof (Segment));

      for (guint i = 0; i < plan->n_segments; i++)
        {
          const PltShiftSegment *in = &plan->segments[i];
          Segment segment = { in->start, in->end, -1 };

          if (in->end <= in->start || (i > 0 && in->start < plan->segments[i - 1].end))
            {
              g_set_error (error, PLT_ACD_ERROR, PLT_ACD_ERROR_INVALID_PLAN,
                           "segment %u of the plan of “%s” is empty, or overlaps the one before", i, agent_id);
              return FALSE;
            }
          if (in->reason != NULL)
            {
              segment.pause = plt_scenario_find_pause (self->scenario, in->reason);
              if (segment.pause < 0)
                {
                  g_set_error (error, PLT_ACD_ERROR, PLT_ACD_ERROR_INVALID_PLAN,
                               "segment %u of the plan of “%s”: “%s” is not a pause reason of this call center",
                               i, agent_id, in->reason);
                  return FALSE;
                }
            }
          if (segment.end > self->now)
            g_array_append_val (segments, segment);
        }
    }

  /* The old plan's boundaries, and an act on them that is late, are void. */
  agent->plan_token++;
  g_clear_pointer (&agent->segments, g_array_unref);
  agent->published = plan != NULL;

  if (plan != NULL)
    agent->segments = g_steal_pointer (&segments);
  else if (agent_schedule (self, agent) >= 0)
    {
      gint64 yesterday = _plt_schedule_day_start (self->zone, self->day_start - 12 * 3600 * 1000);
      g_autoptr(GPtrArray) before = materialize_day (self, yesterday);
      g_autoptr(GPtrArray) today = materialize_day (self, self->day_start);
      int schedule = agent_schedule (self, agent);
      GArray *day;

      agent->segments = g_array_new (FALSE, FALSE, sizeof (Segment));
      day = g_ptr_array_index (before, schedule);
      g_array_append_vals (agent->segments, day->data, day->len);
      day = g_ptr_array_index (today, schedule);
      g_array_append_vals (agent->segments, day->data, day->len);
    }

  if (agent->segments != NULL)
    schedule_boundaries (self, agent, agent->segments, self->now);

  /* Follow it from now: as at a boundary. */
  _plt_schedule_on_plan (self, agent, FALSE);
  _plt_acd_flush_dirty (self);

  return TRUE;
}
