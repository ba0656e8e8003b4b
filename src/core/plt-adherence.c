/* plt-adherence.c — real-time adherence: live agent states against the
 * published plan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "plt-adherence.h"

typedef struct
{
  PltAgentStatus    status;
  PltAgentActivity  activity;
  char             *reason;
  PltActivityKind   kind;
} Rule;

struct _PltAdherenceMap
{
  GArray *rules;   /* Rule */
};

static void
rule_clear (gpointer data)
{
  g_free (((Rule *) data)->reason);
}

PltAdherenceMap *
plt_adherence_map_new_empty (void)
{
  PltAdherenceMap *self = g_new0 (PltAdherenceMap, 1);

  self->rules = g_array_new (FALSE, FALSE, sizeof (Rule));
  g_array_set_clear_func (self->rules, rule_clear);
  return self;
}

PltAdherenceMap *
plt_adherence_map_new (void)
{
  PltAdherenceMap *self = plt_adherence_map_new_empty ();
  static const PltAgentActivity on_contact[] = {
    PLT_AGENT_ACTIVITY_RINGING, PLT_AGENT_ACTIVITY_ON_CALL, PLT_AGENT_ACTIVITY_ON_HOLD, PLT_AGENT_ACTIVITY_WRAP_UP,
  };
  static const PltActivityKind pauses[] = {
    PLT_ACTIVITY_BREAK, PLT_ACTIVITY_LUNCH, PLT_ACTIVITY_TRAINING, PLT_ACTIVITY_MEETING, PLT_ACTIVITY_BACK_OFFICE,
  };

  for (guint i = 0; i < G_N_ELEMENTS (on_contact); i++)
    plt_adherence_map_add (self, PLT_AGENT_STATUS_UNKNOWN, on_contact[i], NULL, PLT_ACTIVITY_WORK);
  plt_adherence_map_add (self, PLT_AGENT_STATUS_AVAILABLE, PLT_AGENT_ACTIVITY_UNKNOWN, NULL, PLT_ACTIVITY_WORK);
  for (guint i = 0; i < G_N_ELEMENTS (pauses); i++)
    plt_adherence_map_add (self, PLT_AGENT_STATUS_PAUSED, PLT_AGENT_ACTIVITY_UNKNOWN,
                           plt_activity_kind_to_string (pauses[i]), pauses[i]);
  plt_adherence_map_add (self, PLT_AGENT_STATUS_LOGGED_OUT, PLT_AGENT_ACTIVITY_UNKNOWN, NULL, PLT_ACTIVITY_OFF);
  plt_adherence_map_add (self, PLT_AGENT_STATUS_LOGGED_OUT, PLT_AGENT_ACTIVITY_UNKNOWN, NULL, PLT_ACTIVITY_TIME_OFF);
  return self;
}

void
plt_adherence_map_free (PltAdherenceMap *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->rules);
  g_free (self);
}

void
plt_adherence_map_add (PltAdherenceMap  *self,
                       PltAgentStatus    status,
                       PltAgentActivity  activity,
                       const char       *reason,
                       PltActivityKind   kind)
{
  Rule rule = { status, activity, g_strdup (reason), kind };

  g_array_append_val (self->rules, rule);
}

gboolean
plt_adherence_map_matches (const PltAdherenceMap *self,
                           PltAgentStatus         status,
                           PltAgentActivity       activity,
                           const char            *reason,
                           PltActivityKind        kind)
{
  for (guint i = 0; i < self->rules->len; i++)
    {
      const Rule *rule = &g_array_index (self->rules, Rule, i);

      if (rule->kind == kind &&
          (rule->status == PLT_AGENT_STATUS_UNKNOWN || rule->status == status) &&
          (rule->activity == PLT_AGENT_ACTIVITY_UNKNOWN || rule->activity == activity) &&
          (rule->reason == NULL || g_strcmp0 (rule->reason, reason) == 0))
        return TRUE;
    }
  return FALSE;
}

static void
exception_free (gpointer data)
{
  PltAdherenceException *e = data;

  g_free (e->reason);
  g_free (e);
}

void
plt_adherence_free (PltAdherence *self)
{
  if (self == NULL)
    return;
  g_free (self->agent);
  g_clear_pointer (&self->exceptions, g_ptr_array_unref);
  g_free (self);
}

/* What the plan says at each moment: a list of (start, end, kind). */
typedef struct
{
  gint64          start;
  gint64          end;
  PltActivityKind kind;
} Planned;

static GArray *
planned_pieces (PltSchedule *plan,
                const char  *agent,
                gint64       from,
                gint64       to)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (Planned));
  g_autoptr(GPtrArray) days = plt_schedule_list_days (plan);

  for (guint d = 0; d < days->len; d++)
    {
      PltAgentDay *day = g_ptr_array_index (days, d);

      if (strcmp (day->agent, agent) != 0)
        continue;
      for (guint s = 0; s < day->shifts->len; s++)
        {
          const PltShift *shift = g_ptr_array_index (day->shifts, s);

          if (shift->end <= from || shift->start >= to)
            continue;
          for (guint a = 0; a < shift->activities->len; a++)
            {
              const PltActivity *act = g_ptr_array_index (shift->activities, a);
              Planned p = { MAX (act->start, from), MIN (act->end, to), act->kind };

              if (p.start < p.end)
                g_array_append_val (out, p);
            }
        }
    }
  return out;
}

static gboolean
is_scheduled (PltActivityKind kind)
{
  return kind != PLT_ACTIVITY_OFF && kind != PLT_ACTIVITY_TIME_OFF;
}

/* The agent's state at @time: the interval holding it, or NULL (logged out). */
static const PltAgentInterval *
state_at (GPtrArray *intervals,
          gint64     time,
          gint64     now,
          guint     *cursor)
{
  for (; *cursor < intervals->len; (*cursor)++)
    {
      const PltAgentInterval *iv = g_ptr_array_index (intervals, *cursor);
      gint64 end = iv->end != 0 ? iv->end : now;

      if (iv->start > time)
        return NULL;
      if (time < end)
        return iv;
    }
  return NULL;
}

static int
compare_times (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

PltAdherence *
plt_adherence_compute (const PltAdherenceMap *map,
                       gint64                 grace_ms,
                       PltSchedule           *plan,
                       const char            *agent,
                       GPtrArray             *intervals,
                       gint64                 from,
                       gint64                 to,
                       gint64                 now)
{
  PltAdherence *result = g_new0 (PltAdherence, 1);
  g_autoptr(GArray) planned = NULL;
  g_autoptr(GArray) cuts = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) mine = g_ptr_array_new ();
  PltAdherenceException *run = NULL;
  gint64 run_start = 0;
  guint cursor = 0;

  result->agent = g_strdup (agent);
  result->exceptions = g_ptr_array_new_with_free_func (exception_free);
  to = MIN (to, now);
  if (to <= from)
    {
      result->adherence = NAN;
      result->conformance = NAN;
      return result;
    }

  for (guint i = 0; intervals != NULL && i < intervals->len; i++)
    {
      const PltAgentInterval *iv = g_ptr_array_index (intervals, i);

      if (g_strcmp0 (iv->agent, agent) == 0)
        g_ptr_array_add (mine, (gpointer) iv);
    }

  planned = planned_pieces (plan, agent, from, to);

  /* Every moment where the plan or the state changes. */
  g_array_append_val (cuts, from);
  g_array_append_val (cuts, to);
  for (guint i = 0; i < planned->len; i++)
    {
      g_array_append_val (cuts, g_array_index (planned, Planned, i).start);
      g_array_append_val (cuts, g_array_index (planned, Planned, i).end);
    }
  for (guint i = 0; i < mine->len; i++)
    {
      const PltAgentInterval *iv = g_ptr_array_index (mine, i);
      gint64 end = iv->end != 0 ? iv->end : now;

      if (iv->start > from && iv->start < to)
        g_array_append_val (cuts, iv->start);
      if (end > from && end < to)
        g_array_append_val (cuts, end);
    }
  g_array_sort (cuts, compare_times);
  {
    gint64 *v = (gint64 *) cuts->data;
    guint k = 0;

    for (guint i = 0; i < cuts->len; i++)
      if (k == 0 || v[k - 1] != v[i])
        v[k++] = v[i];
    g_array_set_size (cuts, k);
  }

  for (guint c = 0; c + 1 < cuts->len; c++)
    {
      gint64 a = g_array_index (cuts, gint64, c);
      gint64 b = g_array_index (cuts, gint64, c + 1);
      const Planned *p = NULL;
      const PltAgentInterval *state;
      PltAgentStatus status = PLT_AGENT_STATUS_LOGGED_OUT;
      PltAgentActivity activity = PLT_AGENT_ACTIVITY_IDLE;
      const char *reason = NULL;
      gboolean adherent;

      for (guint i = 0; i < planned->len; i++)
        if (g_array_index (planned, Planned, i).start <= a && a < g_array_index (planned, Planned, i).end)
          p = &g_array_index (planned, Planned, i);

      state = state_at (mine, a, now, &cursor);
      if (state != NULL)
        {
          status = state->status;
          activity = state->activity;
          reason = state->reason;
        }

      if (plt_adherence_map_matches (map, status, activity, reason, PLT_ACTIVITY_WORK))
        result->worked_ms += b - a;

      if (p == NULL || !is_scheduled (p->kind))
        adherent = TRUE;   /* outside the plan's working time: not counted */
      else
        {
          result->scheduled_ms += b - a;
          if (p->kind == PLT_ACTIVITY_WORK)
            result->scheduled_work_ms += b - a;
          adherent = plt_adherence_map_matches (map, status, activity, reason, p->kind);
        }

      if (!adherent && run == NULL)
        {
          run = g_new0 (PltAdherenceException, 1);
          run->planned = p->kind;
          run->status = status;
          run->activity = activity;
          run->reason = g_strdup (reason);
          run_start = a;
        }
      if (run != NULL && (adherent || c + 2 == cuts->len))
        {
          gint64 run_end = adherent ? a : b;

          if (run_end - run_start > grace_ms)
            {
              run->start = run_start + grace_ms;
              run->end = run_end;
              result->exception_ms += run->end - run->start;
              g_ptr_array_add (result->exceptions, run);
            }
          else
            exception_free (run);
          run = NULL;
        }
    }

  result->adherence = result->scheduled_ms > 0
                      ? 1.0 - (double) result->exception_ms / (double) result->scheduled_ms : NAN;
  result->conformance = result->scheduled_work_ms > 0
                        ? (double) result->worked_ms / (double) result->scheduled_work_ms : NAN;
  return result;
}

/* ---------------------------------------------------------------------------
 * The KPI hook
 */

typedef struct
{
  PltSchedule *plan;
  PltSite     *site;
} Hook;

static void
hook_free (gpointer data)
{
  Hook *hook = data;

  plt_schedule_unref (hook->plan);
  plt_site_free (hook->site);
  g_free (hook);
}

static gboolean
kpi_plan (const char *agent,
          gint64      from,
          gint64      to,
          GArray     *segments,
          gpointer    user_data)
{
  Hook *hook = user_data;
  g_autoptr(GArray) planned = planned_pieces (hook->plan, agent, from, to);
  gboolean any = FALSE;
  GDate date, last;

  /* Whether the plan covers the agent then at all: a day of theirs. */
  plt_site_get_date (hook->site, from, &date);
  plt_site_get_date (hook->site, to - 1, &last);
  for (; g_date_compare (&date, &last) <= 0 && !any; g_date_add_days (&date, 1))
    any = plt_schedule_lookup (hook->plan, agent, &date) != NULL;
  if (!any && planned->len == 0)
    return FALSE;

  for (guint i = 0; i < planned->len; i++)
    {
      const Planned *p = &g_array_index (planned, Planned, i);
      PltKpiPlanSegment segment = { p->start, p->end, PLT_KPI_PLAN_OFF, NULL };

      if (p->kind == PLT_ACTIVITY_WORK)
        segment.kind = PLT_KPI_PLAN_WORK;
      else if (is_scheduled (p->kind) && p->kind != PLT_ACTIVITY_OFF)
        {
          segment.kind = PLT_KPI_PLAN_PAUSE;
          segment.reason = plt_activity_kind_to_string (p->kind);
        }
      g_array_append_val (segments, segment);
    }
  return TRUE;
}

void
plt_adherence_install_kpi_plan (PltKpiConfig  *config,
                                PltSchedule   *published,
                                const PltSite *site)
{
  Hook *hook = g_new0 (Hook, 1);

  hook->plan = plt_schedule_ref (published);
  hook->site = plt_site_copy (site);
  plt_kpi_config_set_plan_func (config, kpi_plan, hook, hook_free);
}
