/* plt-kpi.c — the KPI engine: figures per queue, team and agent, from contact records and agent intervals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <gio/gio.h>

#include "plt-kpi.h"

#define MS_PER_S   1000
#define MS_PER_MIN 60000

/* ---------------------------------------------------------------------------
 * Names
 */

static const char * const scope_names[] = {
  [PLT_KPI_SCOPE_QUEUE] = "queue",
  [PLT_KPI_SCOPE_TEAM] = "team",
  [PLT_KPI_SCOPE_AGENT] = "agent",
};

static const char * const variant_names[] = {
  [PLT_SL_ANSWERED_ONLY] = "answered_only",
  [PLT_SL_ABANDONS_MET] = "abandons_met",
  [PLT_SL_ABANDONS_MISSED] = "abandons_missed",
  [PLT_SL_SHORT_EXCLUDED] = "short_abandons_excluded",
  [PLT_SL_ABANDONS_AFTER_T] = "abandons_after_t",
};

G_STATIC_ASSERT (G_N_ELEMENTS (variant_names) == PLT_SL_N_VARIANTS);

static const char * const period_names[] = {
  [PLT_KPI_PERIOD_TODAY] = "today",
  [PLT_KPI_PERIOD_ROLLING] = "rolling",
};

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
name_lookup (const char * const *names,
             guint               n_names,
             const char         *str,
             guint              *value)
{
  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < n_names; i++)
    if (strcmp (names[i], str) == 0)
      {
        *value = i;
        return TRUE;
      }

  return FALSE;
}

const char *
plt_kpi_scope_to_string (PltKpiScope scope)
{
  g_return_val_if_fail ((guint) scope < G_N_ELEMENTS (scope_names), NULL);

  return scope_names[scope];
}

gboolean
plt_kpi_scope_from_string (const char  *str,
                           PltKpiScope *scope)
{
  guint value;

  if (!name_lookup (scope_names, G_N_ELEMENTS (scope_names), str, &value))
    return FALSE;
  *scope = (PltKpiScope) value;
  return TRUE;
}

const char *
plt_sl_variant_to_string (PltSlVariant variant)
{
  g_return_val_if_fail ((guint) variant < G_N_ELEMENTS (variant_names), NULL);

  return variant_names[variant];
}

gboolean
plt_sl_variant_from_string (const char   *str,
                            PltSlVariant *variant)
{
  guint value;

  if (!name_lookup (variant_names, G_N_ELEMENTS (variant_names), str, &value))
    return FALSE;
  *variant = (PltSlVariant) value;
  return TRUE;
}

const char *
plt_kpi_period_to_string (PltKpiPeriod period)
{
  g_return_val_if_fail ((guint) period < G_N_ELEMENTS (period_names), NULL);

  return period_names[period];
}

gboolean
plt_kpi_period_from_string (const char   *str,
                            PltKpiPeriod *period)
{
  guint value;

  if (!name_lookup (period_names, G_N_ELEMENTS (period_names), str, &value))
    return FALSE;
  *period = (PltKpiPeriod) value;
  return TRUE;
}

/* ---------------------------------------------------------------------------
 * Counters and values
 */

static gboolean
contact_is_waiting (const PltContactRecord *record)
{
  return record->answered == 0 && record->ended == 0;
}

/* The queue wait, once known: until answered, or until the contact left the
 * queue unanswered; -1 while it still waits. */
static gint64
contact_wait (const PltContactRecord *record)
{
  if (record->media == PLT_QUEUE_MEDIA_OUTBOUND)
    return 0;
  if (record->answered != 0)
    return MAX (record->answered - record->enqueued, 0);
  if (record->ended != 0)
    return MAX (record->ended - record->enqueued, 0);
  return -1;
}

static void
add_answered (PltKpiCounters         *c,
              const PltContactRecord *record,
              const PltKpiSettings   *settings,
              gint64                  wait,
              int                     sign)
{
  c->answered += sign;
  if (record->media != PLT_QUEUE_MEDIA_OUTBOUND)
    {
      c->sl_answered += sign;
      c->wait_answered_ms += sign * wait;
      if (wait <= (gint64) settings->sl_threshold_s * MS_PER_S)
        c->answered_in_t += sign;
    }
  if (record->outcome == PLT_CONTACT_OUTCOME_TRANSFERRED)
    c->transferred += sign;

  /* Handled: the wrap-up is over. */
  if (record->wrap_end != 0 && record->ended != 0)
    {
      gint64 talk = record->ended - record->answered - record->hold_total_ms;

      c->handled += sign;
      c->talk_ms += sign * MAX (talk, 0);
      c->hold_ms += sign * MAX (record->hold_total_ms, 0);
      c->wrap_ms += sign * MAX (record->wrap_end - record->ended, 0);
    }
}

void
plt_kpi_counters_add_contact (PltKpiCounters         *counters,
                              PltKpiScope             scope,
                              const PltContactRecord *record,
                              const PltKpiSettings   *queue_settings,
                              gint64                  now,
                              int                     sign)
{
  gint64 wait;

  g_return_if_fail (counters != NULL);
  g_return_if_fail (record != NULL);
  g_return_if_fail (queue_settings != NULL);
  g_return_if_fail (sign == 1 || sign == -1);

  wait = contact_wait (record);

  if (scope != PLT_KPI_SCOPE_QUEUE)
    {
      if (record->answered != 0 && record->agent != NULL)
        add_answered (counters, record, queue_settings, wait, sign);
      return;
    }

  counters->offered += sign;
  counters->rona += sign * (gint64) record->rona_count;

  if (wait >= 0)
    counters->longest_wait_ms = MAX (counters->longest_wait_ms, wait);
  else if (now > 0 && sign > 0 && record->media != PLT_QUEUE_MEDIA_OUTBOUND)
    counters->longest_wait_ms = MAX (counters->longest_wait_ms, now - record->enqueued);

  if (record->answered != 0)
    {
      add_answered (counters, record, queue_settings, wait, sign);
      return;
    }

  switch (record->outcome)
    {
    case PLT_CONTACT_OUTCOME_ABANDONED:
      counters->abandoned += sign;
      if (record->media != PLT_QUEUE_MEDIA_OUTBOUND)
        {
          counters->sl_abandoned += sign;
          if (wait <= (gint64) queue_settings->sl_threshold_s * MS_PER_S)
            counters->abandoned_in_t += sign;
          if (wait < (gint64) queue_settings->short_abandon_s * MS_PER_S)
            counters->abandoned_short += sign;
        }
      break;
    case PLT_CONTACT_OUTCOME_OVERFLOWED:
      counters->overflowed += sign;
      break;
    case PLT_CONTACT_OUTCOME_CALLBACK:
      counters->callbacks += sign;
      break;
    case PLT_CONTACT_OUTCOME_NONE:
    case PLT_CONTACT_OUTCOME_ANSWERED:
    case PLT_CONTACT_OUTCOME_TRANSFERRED:
    default:
      break;
    }
}

void
plt_kpi_counters_add_interval (PltKpiCounters         *counters,
                               const PltAgentInterval *interval,
                               const PltAgentInterval *previous,
                               gint64                  from,
                               gint64                  to,
                               int                     sign)
{
  gint64 start, end, d;

  g_return_if_fail (counters != NULL);
  g_return_if_fail (interval != NULL);
  g_return_if_fail (sign == 1 || sign == -1);

  if (interval->activity == PLT_AGENT_ACTIVITY_MISSED &&
      interval->status != PLT_AGENT_STATUS_LOGGED_OUT &&
      interval->start >= from && interval->start < to &&
      (previous == NULL || previous->activity != PLT_AGENT_ACTIVITY_MISSED))
    counters->missed_count += sign;

  start = MAX (interval->start, from);
  end = interval->end != 0 ? MIN (interval->end, to) : to;
  if (end <= start || interval->status == PLT_AGENT_STATUS_LOGGED_OUT)
    return;

  d = sign * (end - start);
  counters->logged_in_ms += d;

  switch (interval->activity)
    {
    case PLT_AGENT_ACTIVITY_RINGING:
    case PLT_AGENT_ACTIVITY_ON_CALL:
    case PLT_AGENT_ACTIVITY_ON_HOLD:
    case PLT_AGENT_ACTIVITY_WRAP_UP:
      counters->contact_ms += d;
      break;
    case PLT_AGENT_ACTIVITY_MISSED:
      counters->missed_ms += d;
      break;
    case PLT_AGENT_ACTIVITY_BUSY_OTHER:
      counters->other_ms += d;
      break;
    case PLT_AGENT_ACTIVITY_IDLE:
    case PLT_AGENT_ACTIVITY_UNKNOWN:
    default:
      if (interval->status == PLT_AGENT_STATUS_AVAILABLE)
        counters->available_ms += d;
      else if (interval->status == PLT_AGENT_STATUS_PAUSED)
        counters->paused_ms += d;
      break;
    }
}

void
plt_kpi_counters_merge (PltKpiCounters       *counters,
                        const PltKpiCounters *other)
{
  gint64 longest;
  gint64 *into = (gint64 *) counters;
  const gint64 *from = (const gint64 *) other;

  G_STATIC_ASSERT (sizeof (PltKpiCounters) % sizeof (gint64) == 0);

  g_return_if_fail (counters != NULL);
  g_return_if_fail (other != NULL);

  longest = MAX (counters->longest_wait_ms, other->longest_wait_ms);
  for (gsize i = 0; i < sizeof (PltKpiCounters) / sizeof (gint64); i++)
    into[i] += from[i];
  counters->longest_wait_ms = longest;
}

static double
ratio (gint64 numerator,
       gint64 denominator)
{
  if (denominator <= 0)
    return NAN;

  return (double) numerator / (double) denominator;
}

void
plt_kpi_values_compute (PltKpiValues         *values,
                        const PltKpiCounters *c,
                        PltSlVariant          variant)
{
  gint64 sl_numerator = c->answered_in_t;
  gint64 sl_denominator;

  g_return_if_fail (values != NULL);
  g_return_if_fail (c != NULL);

  switch (variant)
    {
    case PLT_SL_ANSWERED_ONLY:
      sl_denominator = c->sl_answered;
      break;
    case PLT_SL_ABANDONS_MET:
      sl_numerator += c->abandoned_in_t;
      sl_denominator = c->sl_answered + c->sl_abandoned;
      break;
    case PLT_SL_SHORT_EXCLUDED:
      sl_denominator = c->sl_answered + c->sl_abandoned - c->abandoned_short;
      break;
    case PLT_SL_ABANDONS_AFTER_T:
      sl_denominator = c->sl_answered + (c->sl_abandoned - c->abandoned_in_t);
      break;
    case PLT_SL_ABANDONS_MISSED:
    default:
      sl_denominator = c->sl_answered + c->sl_abandoned;
      break;
    }

  values->offered = c->offered;
  values->answered = c->answered;
  values->answered_in_t = c->answered_in_t;
  values->abandoned = c->abandoned;
  values->abandoned_short = c->abandoned_short;
  values->overflowed = c->overflowed;
  values->callbacks = c->callbacks;
  values->transferred = c->transferred;
  values->rona = c->rona + c->missed_count;
  values->handled = c->handled;

  values->service_level = ratio (sl_numerator, sl_denominator);
  values->abandon_rate = ratio (c->abandoned - c->abandoned_short, c->offered - c->abandoned_short);
  values->asa_s = ratio (c->wait_answered_ms, c->sl_answered) / MS_PER_S;
  values->longest_wait_s = (double) c->longest_wait_ms / MS_PER_S;
  values->talk_s = ratio (c->talk_ms, c->handled) / MS_PER_S;
  values->hold_s = ratio (c->hold_ms, c->handled) / MS_PER_S;
  values->wrap_s = ratio (c->wrap_ms, c->handled) / MS_PER_S;
  values->aht_s = ratio (c->talk_ms + c->hold_ms + c->wrap_ms, c->handled) / MS_PER_S;
  values->occupancy = ratio (c->contact_ms, c->contact_ms + c->available_ms);
  values->utilisation = ratio (c->contact_ms, c->logged_in_ms);
  values->logged_in_s = (double) c->logged_in_ms / MS_PER_S;
  values->available_s = (double) c->available_ms / MS_PER_S;
  values->contact_s = (double) c->contact_ms / MS_PER_S;
  values->paused_s = (double) c->paused_ms / MS_PER_S;
  values->adherence = ratio (c->adherent_ms, c->scheduled_ms);
  values->conformance = ratio (c->on_queue_ms, c->scheduled_work_ms);
  values->ewt_s = NAN;
}

void
plt_kpi_values_init (PltKpiValues *values)
{
  PltKpiCounters zero = { 0 };

  g_return_if_fail (values != NULL);

  plt_kpi_values_compute (values, &zero, PLT_SL_ANSWERED_ONLY);
}

static gboolean
double_same (double a,
             double b)
{
  return (isnan (a) && isnan (b)) || a == b;
}

gboolean
plt_kpi_values_equal (const PltKpiValues *a,
                      const PltKpiValues *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return a->offered == b->offered && a->answered == b->answered &&
         a->answered_in_t == b->answered_in_t && a->abandoned == b->abandoned &&
         a->abandoned_short == b->abandoned_short && a->overflowed == b->overflowed &&
         a->callbacks == b->callbacks && a->transferred == b->transferred &&
         a->rona == b->rona && a->handled == b->handled &&
         double_same (a->service_level, b->service_level) &&
         double_same (a->abandon_rate, b->abandon_rate) &&
         double_same (a->asa_s, b->asa_s) &&
         double_same (a->longest_wait_s, b->longest_wait_s) &&
         double_same (a->aht_s, b->aht_s) &&
         double_same (a->talk_s, b->talk_s) &&
         double_same (a->hold_s, b->hold_s) &&
         double_same (a->wrap_s, b->wrap_s) &&
         double_same (a->occupancy, b->occupancy) &&
         double_same (a->utilisation, b->utilisation) &&
         double_same (a->logged_in_s, b->logged_in_s) &&
         double_same (a->available_s, b->available_s) &&
         double_same (a->contact_s, b->contact_s) &&
         double_same (a->paused_s, b->paused_s) &&
         double_same (a->adherence, b->adherence) &&
         double_same (a->conformance, b->conformance) &&
         double_same (a->ewt_s, b->ewt_s);
}

double
plt_kpi_ewt (guint  waiting,
             guint  idle,
             guint  staffed,
             double aht_s)
{
  if (waiting < idle)
    return 0.0;
  if (staffed == 0 || !(aht_s >= 0) || !isfinite (aht_s))
    return NAN;

  /* Every staffed agent busy: the next (waiting − idle + 1) completions,
   * at rate staffed / AHT, free an agent for this contact. */
  return (double) (waiting - idle + 1) * aht_s / (double) staffed;
}

/* ---------------------------------------------------------------------------
 * Adherence: the agent's intervals against the plan, over [from, to).
 */

static gboolean
plan_adherent (const PltKpiPlanSegment *segment,
               const PltAgentInterval  *interval)
{
  switch (segment->kind)
    {
    case PLT_KPI_PLAN_WORK:
      return interval->status == PLT_AGENT_STATUS_AVAILABLE;
    case PLT_KPI_PLAN_PAUSE:
      return interval->status == PLT_AGENT_STATUS_PAUSED &&
             (segment->reason == NULL || g_strcmp0 (segment->reason, interval->reason) == 0);
    case PLT_KPI_PLAN_OFF:
    default:
      return FALSE;
    }
}

/* @intervals: PltAgentInterval*, the agent's, in time order; open ones end
 * at @to. */
static void
add_adherence (PltKpiCounters *c,
               GArray         *segments,
               GPtrArray      *intervals,
               const PltAgentInterval *open,
               gint64          from,
               gint64          to)
{
  for (guint s = 0; s < segments->len; s++)
    {
      const PltKpiPlanSegment *segment = &g_array_index (segments, PltKpiPlanSegment, s);
      gint64 seg_start = MAX (segment->start, from);
      gint64 seg_end = MIN (segment->end, to);

      if (seg_end <= seg_start || segment->kind == PLT_KPI_PLAN_OFF)
        continue;

      c->scheduled_ms += seg_end - seg_start;
      if (segment->kind == PLT_KPI_PLAN_WORK)
        c->scheduled_work_ms += seg_end - seg_start;

      for (guint i = 0; i <= intervals->len; i++)
        {
          const PltAgentInterval *interval = i < intervals->len ? g_ptr_array_index (intervals, i) : open;
          gint64 start, end;

          if (interval == NULL)
            continue;
          start = MAX (interval->start, seg_start);
          end = MIN (interval->end != 0 ? interval->end : to, seg_end);
          if (end > start && plan_adherent (segment, interval))
            c->adherent_ms += end - start;
        }
    }

  /* Conformance: time actually available for contacts, while planned. */
  for (guint i = 0; i <= intervals->len; i++)
    {
      const PltAgentInterval *interval = i < intervals->len ? g_ptr_array_index (intervals, i) : open;
      gint64 start, end;

      if (interval == NULL || interval->status != PLT_AGENT_STATUS_AVAILABLE)
        continue;
      start = MAX (interval->start, from);
      end = MIN (interval->end != 0 ? interval->end : to, to);
      if (end > start)
        c->on_queue_ms += end - start;
    }
}

/* ---------------------------------------------------------------------------
 * Configuration
 */

typedef struct
{
  PltKpiSettings  settings;   /* time_zone owned */
  GTimeZone      *tz;
} Settings;

static void
settings_free (gpointer data)
{
  Settings *s = data;

  g_free ((char *) s->settings.time_zone);
  g_clear_pointer (&s->tz, g_time_zone_unref);
  g_free (s);
}

struct _PltKpiConfig
{
  gatomicrefcount  ref_count;
  Settings        *defaults;
  GHashTable      *queues;       /* id → Settings */
  GHashTable      *agent_team;   /* agent → team */
  GHashTable      *team_agents;  /* team → set of agents */
  PltKpiPlanFunc   plan_func;
  gpointer         plan_data;
  GDestroyNotify   plan_destroy;
};

static Settings *
settings_new (const PltKpiSettings  *settings,
              GError               **error)
{
  Settings *s;
  GTimeZone *tz;

  if ((guint) settings->sl_variant >= PLT_SL_N_VARIANTS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "unknown service level variant");
      return NULL;
    }
  if (settings->sl_threshold_s > 86400)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "the service level threshold must be 0–86 400 s, not %u", settings->sl_threshold_s);
      return NULL;
    }
  if (settings->short_abandon_s > 86400)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "the short-abandon threshold must be 0–86 400 s, not %u", settings->short_abandon_s);
      return NULL;
    }
  if (settings->day_reset_min >= 24 * 60)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "the day reset must be 0–1 439 minutes after midnight, not %u", settings->day_reset_min);
      return NULL;
    }

  tz = settings->time_zone != NULL ? g_time_zone_new_identifier (settings->time_zone)
                                   : g_time_zone_new_utc ();
  if (tz == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "unknown time zone “%s”", settings->time_zone);
      return NULL;
    }

  s = g_new0 (Settings, 1);
  s->settings = *settings;
  s->settings.time_zone = g_strdup (settings->time_zone != NULL ? settings->time_zone : "UTC");
  s->tz = tz;

  return s;
}

PltKpiConfig *
plt_kpi_config_new (void)
{
  PltKpiConfig *self = g_new0 (PltKpiConfig, 1);
  const PltKpiSettings defaults = {
    .sl_variant = PLT_SL_ABANDONS_MISSED,
    .sl_threshold_s = 20,
    .short_abandon_s = 5,
    .day_reset_min = 0,
    .time_zone = NULL,
  };

  g_atomic_ref_count_init (&self->ref_count);
  self->defaults = settings_new (&defaults, NULL);
  self->queues = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, settings_free);
  self->agent_team = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->team_agents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) g_hash_table_unref);

  return self;
}

PltKpiConfig *
plt_kpi_config_ref (PltKpiConfig *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
plt_kpi_config_unref (PltKpiConfig *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  if (self->plan_destroy != NULL)
    self->plan_destroy (self->plan_data);
  g_clear_pointer (&self->defaults, settings_free);
  g_clear_pointer (&self->queues, g_hash_table_unref);
  g_clear_pointer (&self->agent_team, g_hash_table_unref);
  g_clear_pointer (&self->team_agents, g_hash_table_unref);
  g_free (self);
}

gboolean
plt_kpi_config_set_defaults (PltKpiConfig          *self,
                             const PltKpiSettings  *settings,
                             GError               **error)
{
  Settings *s;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (settings != NULL, FALSE);

  s = settings_new (settings, error);
  if (s == NULL)
    return FALSE;

  settings_free (self->defaults);
  self->defaults = s;
  return TRUE;
}

gboolean
plt_kpi_config_set_queue (PltKpiConfig          *self,
                          const char            *queue,
                          const PltKpiSettings  *settings,
                          GError               **error)
{
  Settings *s;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (queue != NULL, FALSE);
  g_return_val_if_fail (settings != NULL, FALSE);

  s = settings_new (settings, error);
  if (s == NULL)
    return FALSE;

  g_hash_table_replace (self->queues, g_strdup (queue), s);
  return TRUE;
}

static Settings *
config_lookup (PltKpiConfig *self,
               PltKpiScope   scope,
               const char   *id)
{
  Settings *s = NULL;

  if (scope == PLT_KPI_SCOPE_QUEUE && id != NULL)
    s = g_hash_table_lookup (self->queues, id);

  return s != NULL ? s : self->defaults;
}

const PltKpiSettings *
plt_kpi_config_get_settings (PltKpiConfig *self,
                             PltKpiScope   scope,
                             const char   *id)
{
  g_return_val_if_fail (self != NULL, NULL);

  return &config_lookup (self, scope, id)->settings;
}

void
plt_kpi_config_set_agent_team (PltKpiConfig *self,
                               const char   *agent,
                               const char   *team)
{
  const char *previous;

  g_return_if_fail (self != NULL);
  g_return_if_fail (agent != NULL);

  previous = g_hash_table_lookup (self->agent_team, agent);
  if (g_strcmp0 (previous, team) == 0)
    return;

  if (previous != NULL)
    {
      GHashTable *members = g_hash_table_lookup (self->team_agents, previous);

      g_hash_table_remove (members, agent);
      if (g_hash_table_size (members) == 0)
        g_hash_table_remove (self->team_agents, previous);
    }

  if (team == NULL)
    {
      g_hash_table_remove (self->agent_team, agent);
      return;
    }

  g_hash_table_replace (self->agent_team, g_strdup (agent), g_strdup (team));
  if (!g_hash_table_contains (self->team_agents, team))
    g_hash_table_insert (self->team_agents, g_strdup (team),
                         g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL));
  g_hash_table_add (g_hash_table_lookup (self->team_agents, team), g_strdup (agent));
}

const char *
plt_kpi_config_get_agent_team (PltKpiConfig *self,
                               const char   *agent)
{
  g_return_val_if_fail (self != NULL, NULL);

  return agent != NULL ? g_hash_table_lookup (self->agent_team, agent) : NULL;
}

GStrv
plt_kpi_config_dup_team_agents (PltKpiConfig *self,
                                const char   *team)
{
  g_autoptr(GPtrArray) agents = g_ptr_array_new ();
  GHashTable *members;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (team != NULL, NULL);

  members = g_hash_table_lookup (self->team_agents, team);
  if (members != NULL)
    {
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, members);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_ptr_array_add (agents, g_strdup (key));
    }
  g_ptr_array_sort (agents, compare_ids);
  g_ptr_array_add (agents, NULL);

  return (GStrv) g_ptr_array_free (g_steal_pointer (&agents), FALSE);
}

void
plt_kpi_config_set_plan_func (PltKpiConfig   *self,
                              PltKpiPlanFunc  func,
                              gpointer        user_data,
                              GDestroyNotify  destroy)
{
  g_return_if_fail (self != NULL);

  if (self->plan_destroy != NULL)
    self->plan_destroy (self->plan_data);
  self->plan_func = func;
  self->plan_data = user_data;
  self->plan_destroy = destroy;
}

static gint64
local_ms (GTimeZone *tz,
          int        year,
          int        month,
          int        day,
          guint      minutes)
{
  g_autoptr(GDateTime) dt = g_date_time_new (tz, year, month, day, minutes / 60, minutes % 60, 0);

  return g_date_time_to_unix (dt) * MS_PER_S;
}

static void
settings_get_day (const Settings *s,
                  gint64          time,
                  gint64         *start,
                  gint64         *end)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (time >= 0 ? time / MS_PER_S
                                                                      : (time - (MS_PER_S - 1)) / MS_PER_S);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, s->tz);
  g_autoptr(GDateTime) date = NULL;
  guint reset = s->settings.day_reset_min;
  guint minutes = g_date_time_get_hour (local) * 60 + g_date_time_get_minute (local);

  /* The local calendar day the period began on, at noon (never in a gap). */
  date = g_date_time_new (s->tz, g_date_time_get_year (local), g_date_time_get_month (local),
                          g_date_time_get_day_of_month (local), 12, 0, 0);
  if (minutes < reset)
    {
      GDateTime *previous = g_date_time_add_days (date, -1);

      g_date_time_unref (date);
      date = previous;
    }

  /* A reset time inside a DST gap, or repeated by a fall-back, can put
   * @time just outside; step a day until it is inside. */
  for (int attempt = 0; attempt < 3; attempt++)
    {
      g_autoptr(GDateTime) next = g_date_time_add_days (date, 1);
      GDateTime *step = NULL;

      *start = local_ms (s->tz, g_date_time_get_year (date), g_date_time_get_month (date),
                         g_date_time_get_day_of_month (date), reset);
      *end = local_ms (s->tz, g_date_time_get_year (next), g_date_time_get_month (next),
                       g_date_time_get_day_of_month (next), reset);
      if (time < *start)
        step = g_date_time_add_days (date, -1);
      else if (time >= *end)
        step = g_date_time_add_days (date, 1);
      else
        break;
      g_date_time_unref (date);
      date = step;
    }
}

void
plt_kpi_config_get_day (PltKpiConfig *self,
                        PltKpiScope   scope,
                        const char   *id,
                        gint64        time,
                        gint64       *start,
                        gint64       *end)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (start != NULL && end != NULL);

  settings_get_day (config_lookup (self, scope, id), time, start, end);
}

/* The plan of @agent over [from, to) in @segments (cleared first); FALSE
 * without a plan. */
static gboolean
config_get_plan (PltKpiConfig *self,
                 const char   *agent,
                 gint64        from,
                 gint64        to,
                 GArray       *segments)
{
  g_array_set_size (segments, 0);
  if (self->plan_func == NULL || to <= from)
    return FALSE;

  return self->plan_func (agent, from, to, segments, self->plan_data);
}

/* ---------------------------------------------------------------------------
 * Reports
 */

void
plt_kpi_row_free (PltKpiRow *row)
{
  if (row == NULL)
    return;

  g_free (row->id);
  g_free (row);
}

typedef struct
{
  char       *id;
  GArray     *buckets;     /* PltKpiCounters, one per interval */
  GPtrArray  *intervals;   /* PltAgentInterval*, owned: agents, with a plan */
} ReportEntity;

static void
report_entity_free (gpointer data)
{
  ReportEntity *entity = data;

  g_free (entity->id);
  g_array_unref (entity->buckets);
  g_clear_pointer (&entity->intervals, g_ptr_array_unref);
  g_free (entity);
}

struct _PltKpiReport
{
  PltKpiConfig *config;
  PltKpiScope   scope;
  GPtrArray    *order;        /* char*, the ids asked for; NULL: all */
  gint64        from;
  gint64        to;
  gint64        interval_ms;
  gint64        now;
  guint         n_buckets;
  GHashTable   *entities;     /* id → ReportEntity */
  GHashTable   *previous;     /* agent → PltAgentInterval*: the last one fed */
  GHashTable   *agent_intervals; /* agent → GPtrArray of PltAgentInterval*, with a plan */
};

PltKpiReport *
plt_kpi_report_new (PltKpiConfig       *config,
                    PltKpiScope         scope,
                    const char * const *ids,
                    gint64              from,
                    gint64              to,
                    gint64              interval_ms,
                    gint64              now)
{
  PltKpiReport *self;

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (to > from, NULL);
  g_return_val_if_fail (interval_ms >= 0, NULL);

  self = g_new0 (PltKpiReport, 1);
  self->config = plt_kpi_config_ref (config);
  self->scope = scope;
  self->from = from;
  self->to = to;
  self->interval_ms = interval_ms > 0 ? interval_ms : to - from;
  self->now = CLAMP (now, from, to);
  self->n_buckets = (guint) ((to - from + self->interval_ms - 1) / self->interval_ms);
  self->entities = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, report_entity_free);
  self->previous = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) plt_agent_interval_free);
  self->agent_intervals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                 (GDestroyNotify) g_ptr_array_unref);

  if (ids != NULL && ids[0] != NULL)
    {
      self->order = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; ids[i] != NULL; i++)
        {
          ReportEntity *entity;

          if (g_hash_table_contains (self->entities, ids[i]))
            continue;
          entity = g_new0 (ReportEntity, 1);
          entity->id = g_strdup (ids[i]);
          entity->buckets = g_array_new (FALSE, TRUE, sizeof (PltKpiCounters));
          g_array_set_size (entity->buckets, self->n_buckets);
          g_hash_table_insert (self->entities, entity->id, entity);
          g_ptr_array_add (self->order, g_strdup (ids[i]));
        }
    }

  return self;
}

void
plt_kpi_report_free (PltKpiReport *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->config, plt_kpi_config_unref);
  g_clear_pointer (&self->order, g_ptr_array_unref);
  g_clear_pointer (&self->entities, g_hash_table_unref);
  g_clear_pointer (&self->previous, g_hash_table_unref);
  g_clear_pointer (&self->agent_intervals, g_hash_table_unref);
  g_free (self);
}

/* The entity's counters, created when every entity is wanted; NULL when
 * @id is not asked for. */
static ReportEntity *
report_entity (PltKpiReport *self,
               const char   *id)
{
  ReportEntity *entity;

  if (id == NULL)
    return NULL;

  entity = g_hash_table_lookup (self->entities, id);
  if (entity == NULL && self->order == NULL)
    {
      entity = g_new0 (ReportEntity, 1);
      entity->id = g_strdup (id);
      entity->buckets = g_array_new (FALSE, TRUE, sizeof (PltKpiCounters));
      g_array_set_size (entity->buckets, self->n_buckets);
      g_hash_table_insert (self->entities, entity->id, entity);
    }

  return entity;
}

static PltKpiCounters *
report_bucket (PltKpiReport *self,
               ReportEntity *entity,
               gint64        time)
{
  if (time < self->from || time >= self->to)
    return NULL;

  return &g_array_index (entity->buckets, PltKpiCounters, (time - self->from) / self->interval_ms);
}

void
plt_kpi_report_add_contact (PltKpiReport           *self,
                            const PltContactRecord *record)
{
  const PltKpiSettings *settings;
  const char *id;
  ReportEntity *entity;
  PltKpiCounters *bucket;
  gint64 time;

  g_return_if_fail (self != NULL);
  g_return_if_fail (record != NULL);

  if (self->scope == PLT_KPI_SCOPE_QUEUE)
    {
      id = record->queue;
      time = record->enqueued;
    }
  else
    {
      if (record->answered == 0 || record->answered > self->now || record->agent == NULL)
        return;
      id = self->scope == PLT_KPI_SCOPE_AGENT
           ? record->agent
           : plt_kpi_config_get_agent_team (self->config, record->agent);
      time = record->answered;
    }

  if (time > self->now || time < self->from || time >= self->to)
    return;
  entity = report_entity (self, id);
  if (entity == NULL)
    return;
  bucket = report_bucket (self, entity, time);

  settings = plt_kpi_config_get_settings (self->config, PLT_KPI_SCOPE_QUEUE, record->queue);
  plt_kpi_counters_add_contact (bucket, self->scope, record, settings, self->now, 1);
}

void
plt_kpi_report_add_interval (PltKpiReport           *self,
                             const PltAgentInterval *interval)
{
  const PltAgentInterval *previous;
  ReportEntity *entity;
  const char *id;
  gint64 end;

  g_return_if_fail (self != NULL);
  g_return_if_fail (interval != NULL);

  if (self->scope == PLT_KPI_SCOPE_QUEUE || interval->agent == NULL)
    return;

  previous = g_hash_table_lookup (self->previous, interval->agent);
  id = self->scope == PLT_KPI_SCOPE_AGENT
       ? interval->agent
       : plt_kpi_config_get_agent_team (self->config, interval->agent);
  entity = report_entity (self, id);

  end = interval->end != 0 ? MIN (interval->end, self->now) : self->now;
  if (entity != NULL && interval->start < self->now && end > self->from)
    {
      gint64 first = MAX (interval->start, self->from);
      guint b0 = (guint) ((first - self->from) / self->interval_ms);

      for (guint b = b0; b < self->n_buckets; b++)
        {
          gint64 bucket_from = self->from + (gint64) b * self->interval_ms;
          gint64 bucket_to = MIN (bucket_from + self->interval_ms, self->to);

          if (bucket_from >= end)
            break;
          plt_kpi_counters_add_interval (&g_array_index (entity->buckets, PltKpiCounters, b),
                                         interval, previous, bucket_from,
                                         MIN (bucket_to, self->now), 1);
        }
    }

  /* With a plan, adherence needs the agent's intervals at the end. */
  if (entity != NULL && self->config->plan_func != NULL &&
      interval->start < self->now && end > self->from)
    {
      GPtrArray *list = g_hash_table_lookup (self->agent_intervals, interval->agent);

      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_agent_interval_free);
          g_hash_table_insert (self->agent_intervals, g_strdup (interval->agent), list);
        }
      g_ptr_array_add (list, plt_agent_interval_copy (interval));
    }

  g_hash_table_replace (self->previous, g_strdup (interval->agent),
                        plt_agent_interval_copy (interval));
}

/* Adds @agent's adherence over every bucket of @entity. */
static void
report_add_adherence (PltKpiReport *self,
                      ReportEntity *entity,
                      const char   *agent,
                      GArray       *segments)
{
  GPtrArray *list = g_hash_table_lookup (self->agent_intervals, agent);
  g_autoptr(GPtrArray) empty = g_ptr_array_new ();

  for (guint b = 0; b < self->n_buckets; b++)
    {
      gint64 bucket_from = self->from + (gint64) b * self->interval_ms;
      gint64 bucket_to = MIN (MIN (bucket_from + self->interval_ms, self->to), self->now);

      if (bucket_to <= bucket_from)
        break;
      if (!config_get_plan (self->config, agent, bucket_from, bucket_to, segments))
        continue;
      add_adherence (&g_array_index (entity->buckets, PltKpiCounters, b), segments,
                     list != NULL ? list : empty, NULL, bucket_from, bucket_to);
    }
}

GPtrArray *
plt_kpi_report_finish (PltKpiReport *self)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_kpi_row_free);
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GArray) segments = g_array_new (FALSE, FALSE, sizeof (PltKpiPlanSegment));

  g_return_val_if_fail (self != NULL, NULL);

  if (self->order != NULL)
    ids = g_ptr_array_ref (self->order);
  else
    {
      GHashTableIter iter;
      gpointer key;

      ids = g_ptr_array_new ();
      g_hash_table_iter_init (&iter, self->entities);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_ptr_array_add (ids, key);
      g_ptr_array_sort (ids, compare_ids);
    }

  for (guint i = 0; i < ids->len; i++)
    {
      ReportEntity *entity = g_hash_table_lookup (self->entities, g_ptr_array_index (ids, i));
      PltSlVariant variant = PLT_SL_ANSWERED_ONLY;

      if (self->scope == PLT_KPI_SCOPE_QUEUE)
        variant = plt_kpi_config_get_settings (self->config, PLT_KPI_SCOPE_QUEUE, entity->id)->sl_variant;

      if (self->config->plan_func != NULL && self->scope == PLT_KPI_SCOPE_AGENT)
        report_add_adherence (self, entity, entity->id, segments);
      else if (self->config->plan_func != NULL && self->scope == PLT_KPI_SCOPE_TEAM)
        {
          g_auto(GStrv) agents = plt_kpi_config_dup_team_agents (self->config, entity->id);

          for (guint a = 0; agents[a] != NULL; a++)
            report_add_adherence (self, entity, agents[a], segments);
        }

      for (guint b = 0; b < self->n_buckets; b++)
        {
          PltKpiRow *row = g_new0 (PltKpiRow, 1);

          row->id = g_strdup (entity->id);
          row->from = self->from + (gint64) b * self->interval_ms;
          row->to = MIN (row->from + self->interval_ms, self->to);
          row->counters = g_array_index (entity->buckets, PltKpiCounters, b);
          plt_kpi_values_compute (&row->values, &row->counters, variant);
          g_ptr_array_add (rows, row);
        }
    }

  return g_steal_pointer (&rows);
}

/* ---------------------------------------------------------------------------
 * Live
 */

/* What an entity (queue or agent) keeps for today and the rolling window. */
typedef struct
{
  char            *id;
  gint64           day_start;
  gint64           day_end;
  PltKpiCounters   today;
  /* Queues: the contacts, keyed "id" (owned); agents: the contacts they
   * answered (borrowed from their queue's table). Pruned once they can no
   * longer change today's or the window's figures. */
  GHashTable      *contacts;
  /* Agents: the closed intervals still needed by the window (in time order,
   * the first one possibly before it, as the "previous" of the second), the
   * open one, and with a plan every closed interval of today. */
  GQueue           recent;
  PltAgentInterval *open;
  PltAgentInterval *last_closed;
  GPtrArray       *today_intervals;
} LiveEntity;

struct _PltKpiLive
{
  PltKpiConfig *config;
  gint64        window_ms;
  GHashTable   *queues;        /* id → LiveEntity */
  GHashTable   *agents;        /* id → LiveEntity */
  GHashTable   *changed[3];    /* per scope: set of ids */
  gint64        latest;        /* the latest time seen */
  gint64        pruned_at;
};

static void
live_entity_free (gpointer data)
{
  LiveEntity *entity = data;

  g_free (entity->id);
  g_clear_pointer (&entity->contacts, g_hash_table_unref);
  g_queue_clear_full (&entity->recent, (GDestroyNotify) plt_agent_interval_free);
  g_clear_pointer (&entity->open, plt_agent_interval_free);
  g_clear_pointer (&entity->last_closed, plt_agent_interval_free);
  g_clear_pointer (&entity->today_intervals, g_ptr_array_unref);
  g_free (entity);
}

PltKpiLive *
plt_kpi_live_new (PltKpiConfig *config,
                  gint64        window_ms)
{
  PltKpiLive *self;

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (window_ms >= MS_PER_MIN, NULL);

  self = g_new0 (PltKpiLive, 1);
  self->config = plt_kpi_config_ref (config);
  self->window_ms = window_ms;
  self->queues = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, live_entity_free);
  self->agents = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, live_entity_free);
  for (guint i = 0; i < G_N_ELEMENTS (self->changed); i++)
    self->changed[i] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  return self;
}

void
plt_kpi_live_free (PltKpiLive *self)
{
  if (self == NULL)
    return;

  /* Agents borrow contacts from queues: drop them first. */
  g_clear_pointer (&self->agents, g_hash_table_unref);
  g_clear_pointer (&self->queues, g_hash_table_unref);
  for (guint i = 0; i < G_N_ELEMENTS (self->changed); i++)
    g_clear_pointer (&self->changed[i], g_hash_table_unref);
  g_clear_pointer (&self->config, plt_kpi_config_unref);
  g_free (self);
}

gint64
plt_kpi_live_get_window (PltKpiLive *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->window_ms;
}

static LiveEntity *
live_entity (PltKpiLive  *self,
             PltKpiScope  scope,
             const char  *id,
             gboolean     create)
{
  GHashTable *table = scope == PLT_KPI_SCOPE_QUEUE ? self->queues : self->agents;
  LiveEntity *entity = g_hash_table_lookup (table, id);

  if (entity == NULL && create)
    {
      entity = g_new0 (LiveEntity, 1);
      entity->id = g_strdup (id);
      if (scope == PLT_KPI_SCOPE_QUEUE)
        entity->contacts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                  (GDestroyNotify) plt_contact_record_free);
      else
        entity->contacts = g_hash_table_new (NULL, NULL);  /* set of borrowed records */
      g_queue_init (&entity->recent);
      g_hash_table_insert (table, entity->id, entity);
    }

  return entity;
}

/* Moves the entity's "today" to the day containing @time when it is past
 * the current one. Returns whether @time is in today. */
static gboolean
live_entity_today (PltKpiLive  *self,
                   LiveEntity  *entity,
                   PltKpiScope  scope,
                   gint64       time,
                   gboolean     may_advance)
{
  if (time >= entity->day_end && may_advance)
    {
      plt_kpi_config_get_day (self->config, scope, entity->id, time,
                              &entity->day_start, &entity->day_end);
      memset (&entity->today, 0, sizeof entity->today);
      if (entity->today_intervals != NULL)
        g_ptr_array_set_size (entity->today_intervals, 0);
    }

  return time >= entity->day_start && time < entity->day_end;
}

static void
live_mark (PltKpiLive  *self,
           PltKpiScope  scope,
           const char  *id)
{
  if (id != NULL)
    g_hash_table_add (self->changed[scope], g_strdup (id));
}

static void
live_mark_agent (PltKpiLive *self,
                 const char *agent)
{
  if (agent == NULL)
    return;
  live_mark (self, PLT_KPI_SCOPE_AGENT, agent);
  live_mark (self, PLT_KPI_SCOPE_TEAM, plt_kpi_config_get_agent_team (self->config, agent));
}

/* Adds (or takes back) @record's contribution to today's counters of its
 * queue and of the agent who answered it. */
static void
live_contribute (PltKpiLive             *self,
                 const PltContactRecord *record,
                 int                     sign)
{
  const PltKpiSettings *settings =
    plt_kpi_config_get_settings (self->config, PLT_KPI_SCOPE_QUEUE, record->queue);
  LiveEntity *queue = live_entity (self, PLT_KPI_SCOPE_QUEUE, record->queue, TRUE);

  if (live_entity_today (self, queue, PLT_KPI_SCOPE_QUEUE, record->enqueued, sign > 0))
    plt_kpi_counters_add_contact (&queue->today, PLT_KPI_SCOPE_QUEUE, record, settings, 0, sign);

  if (record->answered != 0 && record->agent != NULL)
    {
      LiveEntity *agent = live_entity (self, PLT_KPI_SCOPE_AGENT, record->agent, TRUE);

      if (live_entity_today (self, agent, PLT_KPI_SCOPE_AGENT, record->answered, sign > 0))
        plt_kpi_counters_add_contact (&agent->today, PLT_KPI_SCOPE_AGENT, record, settings, 0, sign);
    }
}

static gboolean
contact_is_final (const PltContactRecord *record)
{
  return record->outcome != PLT_CONTACT_OUTCOME_NONE &&
         (record->answered == 0 || record->wrap_end != 0);
}

/* Whether two versions of a contact count the same. */
static gboolean
contact_same (const PltContactRecord *a,
              const PltContactRecord *b)
{
  return a->enqueued == b->enqueued && a->offered == b->offered && a->answered == b->answered &&
         a->ended == b->ended && a->wrap_end == b->wrap_end && a->outcome == b->outcome &&
         a->hold_total_ms == b->hold_total_ms && a->rona_count == b->rona_count &&
         a->media == b->media && g_strcmp0 (a->agent, b->agent) == 0;
}

/* @record no longer counts for the agent who answered it. */
static void
live_unlink_agent (PltKpiLive       *self,
                   PltContactRecord *record)
{
  LiveEntity *agent;

  if (record->agent == NULL)
    return;
  agent = live_entity (self, PLT_KPI_SCOPE_AGENT, record->agent, FALSE);
  if (agent != NULL)
    g_hash_table_remove (agent->contacts, record);
}

/* Drops what can no longer change today's or the window's figures. */
static void
live_prune (PltKpiLive *self,
            gint64      now)
{
  gint64 horizon = now - self->window_ms;
  GHashTableIter iter;
  gpointer value;

  if (now - self->pruned_at < MS_PER_MIN)
    return;
  self->pruned_at = now;

  g_hash_table_iter_init (&iter, self->queues);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      LiveEntity *queue = value;
      GHashTableIter contacts;
      gpointer record_ptr;

      g_hash_table_iter_init (&contacts, queue->contacts);
      while (g_hash_table_iter_next (&contacts, NULL, &record_ptr))
        {
          PltContactRecord *record = record_ptr;
          gint64 latest_attribution = MAX (record->enqueued, record->answered);

          if (latest_attribution >= horizon)
            continue;
          /* Final, or too old to count today anyway. */
          if (!contact_is_final (record) && latest_attribution >= queue->day_start)
            continue;

          live_unlink_agent (self, record);
          g_hash_table_iter_remove (&contacts);
        }
    }

  g_hash_table_iter_init (&iter, self->agents);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      LiveEntity *agent = value;

      while (agent->recent.length >= 2)
        {
          PltAgentInterval *second = g_queue_peek_nth (&agent->recent, 1);

          if (second->end >= horizon)
            break;
          plt_agent_interval_free (g_queue_pop_head (&agent->recent));
        }
    }
}

void
plt_kpi_live_update_contact (PltKpiLive             *self,
                             const PltContactRecord *record)
{
  LiveEntity *queue;
  PltContactRecord *previous, *copy;

  g_return_if_fail (self != NULL);
  g_return_if_fail (record != NULL);
  g_return_if_fail (record->id != NULL && record->queue != NULL);

  queue = live_entity (self, PLT_KPI_SCOPE_QUEUE, record->queue, TRUE);
  previous = g_hash_table_lookup (queue->contacts, record->id);
  if (previous != NULL && contact_same (previous, record))
    return;
  if (previous != NULL)
    {
      live_contribute (self, previous, -1);
      live_unlink_agent (self, previous);
      if (g_strcmp0 (previous->agent, record->agent) != 0)
        live_mark_agent (self, previous->agent);
    }

  /* Frees @previous. */
  copy = plt_contact_record_copy (record);
  g_hash_table_replace (queue->contacts, g_strdup (copy->id), copy);
  live_contribute (self, copy, 1);
  if (copy->agent != NULL && copy->answered != 0)
    g_hash_table_add (live_entity (self, PLT_KPI_SCOPE_AGENT, copy->agent, TRUE)->contacts, copy);

  self->latest = MAX (self->latest, MAX (MAX (copy->enqueued, copy->answered),
                                         MAX (copy->ended, copy->wrap_end)));
  live_mark (self, PLT_KPI_SCOPE_QUEUE, copy->queue);
  live_mark_agent (self, copy->agent);
  live_prune (self, self->latest);
}

/* Closes @agent's open interval at @end and banks it. */
static void
live_close_interval (PltKpiLive *self,
                     LiveEntity *agent,
                     gint64      end)
{
  PltAgentInterval *closed = g_steal_pointer (&agent->open);

  closed->end = MAX (end, closed->start);
  live_entity_today (self, agent, PLT_KPI_SCOPE_AGENT, MAX (closed->end - 1, closed->start), TRUE);
  plt_kpi_counters_add_interval (&agent->today, closed, agent->last_closed,
                                 agent->day_start, agent->day_end, 1);
  if (self->config->plan_func != NULL && closed->end > agent->day_start)
    {
      if (agent->today_intervals == NULL)
        agent->today_intervals = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_agent_interval_free);
      g_ptr_array_add (agent->today_intervals, plt_agent_interval_copy (closed));
    }

  g_clear_pointer (&agent->last_closed, plt_agent_interval_free);
  agent->last_closed = plt_agent_interval_copy (closed);
  g_queue_push_tail (&agent->recent, closed);
}

void
plt_kpi_live_update_interval (PltKpiLive             *self,
                              const PltAgentInterval *interval)
{
  LiveEntity *agent;

  g_return_if_fail (self != NULL);
  g_return_if_fail (interval != NULL);
  g_return_if_fail (interval->agent != NULL);

  agent = live_entity (self, PLT_KPI_SCOPE_AGENT, interval->agent, TRUE);

  /* Already accounted for: an interval told closed after the state that
   * followed it was told open (which closed it), or told twice. */
  if ((agent->open != NULL && interval->start < agent->open->start) ||
      (agent->open == NULL && agent->last_closed != NULL && interval->start <= agent->last_closed->start))
    return;

  if (interval->end != 0)
    {
      /* The end of the open interval (or of one we never saw open). */
      if (agent->open == NULL || agent->open->start != interval->start)
        {
          if (agent->open != NULL)
            live_close_interval (self, agent, interval->start);
          agent->open = plt_agent_interval_copy (interval);
          agent->open->end = 0;
        }
      live_close_interval (self, agent, interval->end);
    }
  else if (agent->open != NULL && agent->open->start == interval->start)
    {
      /* The same stretch told again (maybe corrected): replace it. */
      g_clear_pointer (&agent->open, plt_agent_interval_free);
      agent->open = plt_agent_interval_copy (interval);
    }
  else
    {
      if (agent->open != NULL)
        live_close_interval (self, agent, interval->start);
      agent->open = plt_agent_interval_copy (interval);
      live_entity_today (self, agent, PLT_KPI_SCOPE_AGENT, interval->start, TRUE);
    }

  self->latest = MAX (self->latest, MAX (interval->start, interval->end));
  live_mark_agent (self, interval->agent);
  live_prune (self, self->latest);
}

/* An agent's counters over [from, now): banked today (when @today), or
 * recomputed from the recent intervals and contacts (rolling); plus the
 * open interval and adherence. */
static void
live_agent_counters (PltKpiLive     *self,
                     LiveEntity     *agent,
                     PltKpiPeriod    period,
                     gint64          now,
                     PltKpiCounters *c)
{
  gint64 from;
  const PltAgentInterval *previous = agent->last_closed;

  if (period == PLT_KPI_PERIOD_TODAY)
    {
      live_entity_today (self, agent, PLT_KPI_SCOPE_AGENT, now, TRUE);
      *c = agent->today;
      from = agent->day_start;
    }
  else
    {
      GHashTableIter iter;
      gpointer value;
      const PltAgentInterval *before = NULL;

      from = now - self->window_ms;
      memset (c, 0, sizeof *c);
      g_hash_table_iter_init (&iter, agent->contacts);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          const PltContactRecord *record = value;

          if (record->answered >= from && record->answered <= now)
            plt_kpi_counters_add_contact (c, PLT_KPI_SCOPE_AGENT, record,
                                          plt_kpi_config_get_settings (self->config, PLT_KPI_SCOPE_QUEUE,
                                                                       record->queue),
                                          0, 1);
        }
      for (GList *l = agent->recent.head; l != NULL; l = l->next)
        {
          plt_kpi_counters_add_interval (c, l->data, before, from, now, 1);
          before = l->data;
        }
    }

  if (agent->open != NULL)
    plt_kpi_counters_add_interval (c, agent->open, previous, from, now, 1);

  if (self->config->plan_func != NULL)
    {
      g_autoptr(GArray) segments = g_array_new (FALSE, FALSE, sizeof (PltKpiPlanSegment));
      g_autoptr(GPtrArray) intervals = g_ptr_array_new ();

      if (period == PLT_KPI_PERIOD_TODAY && agent->today_intervals != NULL)
        for (guint i = 0; i < agent->today_intervals->len; i++)
          g_ptr_array_add (intervals, g_ptr_array_index (agent->today_intervals, i));
      else if (period == PLT_KPI_PERIOD_ROLLING)
        for (GList *l = agent->recent.head; l != NULL; l = l->next)
          g_ptr_array_add (intervals, l->data);

      if (config_get_plan (self->config, agent->id, from, now, segments))
        add_adherence (c, segments, intervals, agent->open, from, now);
    }
}

static void
live_queue_counters (PltKpiLive     *self,
                     LiveEntity     *queue,
                     PltKpiPeriod    period,
                     gint64          now,
                     PltKpiCounters *c)
{
  const PltKpiSettings *settings =
    plt_kpi_config_get_settings (self->config, PLT_KPI_SCOPE_QUEUE, queue->id);
  gint64 from;
  GHashTableIter iter;
  gpointer value;

  if (period == PLT_KPI_PERIOD_TODAY)
    {
      live_entity_today (self, queue, PLT_KPI_SCOPE_QUEUE, now, TRUE);
      *c = queue->today;
      from = queue->day_start;
    }
  else
    {
      from = now - self->window_ms;
      memset (c, 0, sizeof *c);
    }

  /* The window from the contacts; today from the bank, plus the waits
   * still running. */
  g_hash_table_iter_init (&iter, queue->contacts);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      const PltContactRecord *record = value;

      if (record->enqueued < from || record->enqueued > now)
        continue;
      if (period == PLT_KPI_PERIOD_ROLLING)
        plt_kpi_counters_add_contact (c, PLT_KPI_SCOPE_QUEUE, record, settings, now, 1);
      else if (contact_is_waiting (record) && record->media != PLT_QUEUE_MEDIA_OUTBOUND)
        c->longest_wait_ms = MAX (c->longest_wait_ms, now - record->enqueued);
    }
}

static void
live_counters (PltKpiLive     *self,
               PltKpiScope     scope,
               const char     *id,
               PltKpiPeriod    period,
               gint64          now,
               PltKpiCounters *c)
{
  memset (c, 0, sizeof *c);

  if (scope == PLT_KPI_SCOPE_QUEUE)
    {
      LiveEntity *queue = live_entity (self, PLT_KPI_SCOPE_QUEUE, id, FALSE);

      if (queue != NULL)
        live_queue_counters (self, queue, period, now, c);
    }
  else if (scope == PLT_KPI_SCOPE_AGENT)
    {
      LiveEntity *agent = live_entity (self, PLT_KPI_SCOPE_AGENT, id, FALSE);

      if (agent != NULL)
        live_agent_counters (self, agent, period, now, c);
    }
  else
    {
      g_auto(GStrv) agents = plt_kpi_config_dup_team_agents (self->config, id);

      for (guint i = 0; agents[i] != NULL; i++)
        {
          LiveEntity *agent = live_entity (self, PLT_KPI_SCOPE_AGENT, agents[i], FALSE);
          PltKpiCounters one;

          if (agent == NULL)
            continue;
          live_agent_counters (self, agent, period, now, &one);
          plt_kpi_counters_merge (c, &one);
        }
    }
}

void
plt_kpi_live_get_values (PltKpiLive   *self,
                         PltKpiScope   scope,
                         const char   *id,
                         PltKpiPeriod  period,
                         gint64        now,
                         PltKpiValues *values)
{
  PltKpiCounters c;
  PltSlVariant variant = PLT_SL_ANSWERED_ONLY;

  g_return_if_fail (self != NULL);
  g_return_if_fail (id != NULL);
  g_return_if_fail (values != NULL);

  live_counters (self, scope, id, period, now, &c);
  if (scope == PLT_KPI_SCOPE_QUEUE)
    variant = plt_kpi_config_get_settings (self->config, scope, id)->sl_variant;
  plt_kpi_values_compute (values, &c, variant);
}

double
plt_kpi_live_get_recent_aht (PltKpiLive *self,
                             const char *queue,
                             gint64      now)
{
  PltKpiCounters c;
  PltKpiValues values;

  g_return_val_if_fail (self != NULL, NAN);
  g_return_val_if_fail (queue != NULL, NAN);

  live_counters (self, PLT_KPI_SCOPE_QUEUE, queue, PLT_KPI_PERIOD_ROLLING, now, &c);
  if (c.handled == 0)
    live_counters (self, PLT_KPI_SCOPE_QUEUE, queue, PLT_KPI_PERIOD_TODAY, now, &c);
  plt_kpi_values_compute (&values, &c, PLT_SL_ANSWERED_ONLY);

  return values.aht_s;
}

static void
take_set (GHashTable *set,
          GPtrArray  *into)
{
  GHashTableIter iter;
  gpointer key;

  g_ptr_array_set_size (into, 0);
  g_hash_table_iter_init (&iter, set);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_hash_table_iter_steal (&iter);
      g_ptr_array_add (into, key);
    }
  g_ptr_array_sort (into, compare_ids);
}

void
plt_kpi_live_take_changed (PltKpiLive *self,
                           GPtrArray  *queues,
                           GPtrArray  *teams,
                           GPtrArray  *agents)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (queues != NULL && teams != NULL && agents != NULL);

  take_set (self->changed[PLT_KPI_SCOPE_QUEUE], queues);
  take_set (self->changed[PLT_KPI_SCOPE_TEAM], teams);
  take_set (self->changed[PLT_KPI_SCOPE_AGENT], agents);
}
