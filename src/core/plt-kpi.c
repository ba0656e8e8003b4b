/* plt-kpi.c — the KPI engine: names, counters and values, the EWT,
 * adherence, and the configuration (reports in plt-kpi-report.c, the live
 * accumulator in plt-kpi-live.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <gio/gio.h>

#include "plt-kpi-private.h"

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

int
_plt_kpi_compare_ids (gconstpointer a,
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
      if (wait <= (gint64) settings->sl_threshold_s * PLT_KPI_MS_PER_S)
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
          if (wait <= (gint64) queue_settings->sl_threshold_s * PLT_KPI_MS_PER_S)
            counters->abandoned_in_t += sign;
          if (wait < (gint64) queue_settings->short_abandon_s * PLT_KPI_MS_PER_S)
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
  values->asa_s = ratio (c->wait_answered_ms, c->sl_answered) / PLT_KPI_MS_PER_S;
  values->longest_wait_s = (double) c->longest_wait_ms / PLT_KPI_MS_PER_S;
  values->talk_s = ratio (c->talk_ms, c->handled) / PLT_KPI_MS_PER_S;
  values->hold_s = ratio (c->hold_ms, c->handled) / PLT_KPI_MS_PER_S;
  values->wrap_s = ratio (c->wrap_ms, c->handled) / PLT_KPI_MS_PER_S;
  values->aht_s = ratio (c->talk_ms + c->hold_ms + c->wrap_ms, c->handled) / PLT_KPI_MS_PER_S;
  values->occupancy = ratio (c->contact_ms, c->contact_ms + c->available_ms);
  values->utilisation = ratio (c->contact_ms, c->logged_in_ms);
  values->logged_in_s = (double) c->logged_in_ms / PLT_KPI_MS_PER_S;
  values->available_s = (double) c->available_ms / PLT_KPI_MS_PER_S;
  values->contact_s = (double) c->contact_ms / PLT_KPI_MS_PER_S;
  values->paused_s = (double) c->paused_ms / PLT_KPI_MS_PER_S;
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
void
_plt_kpi_add_adherence (PltKpiCounters         *c,
                        GArray                 *segments,
                        GPtrArray              *intervals,
                        const PltAgentInterval *open,
                        gint64                  from,
                        gint64                  to)
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
  g_ptr_array_sort (agents, _plt_kpi_compare_ids);
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

  return g_date_time_to_unix (dt) * PLT_KPI_MS_PER_S;
}

static void
settings_get_day (const Settings *s,
                  gint64          time,
                  gint64         *start,
                  gint64         *end)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (time >= 0 ? time / PLT_KPI_MS_PER_S
                                                                      : (time - (PLT_KPI_MS_PER_S - 1)) / PLT_KPI_MS_PER_S);
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

gboolean
_plt_kpi_config_has_plan (PltKpiConfig *self)
{
  return self->plan_func != NULL;
}

gboolean
plt_kpi_config_has_plan_func (PltKpiConfig *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return _plt_kpi_config_has_plan (self);
}

gboolean
_plt_kpi_config_get_plan (PltKpiConfig *self,
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
