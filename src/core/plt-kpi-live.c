/* plt-kpi-live.c — the live KPIs: today and a rolling window, kept up to
 * date as records change
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "plt-kpi-private.h"

/* ---------------------------------------------------------------------------
 * Live
 */

static gboolean
contact_is_waiting (const PltContactRecord *record)
{
  return record->answered == 0 && record->ended == 0;
}

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
  g_return_val_if_fail (window_ms >= PLT_KPI_MS_PER_MIN, NULL);

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

  if (now - self->pruned_at < PLT_KPI_MS_PER_MIN)
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
  if (_plt_kpi_config_has_plan (self->config) && closed->end > agent->day_start)
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

  if (_plt_kpi_config_has_plan (self->config))
    {
      g_autoptr(GArray) segments = g_array_new (FALSE, FALSE, sizeof (PltKpiPlanSegment));
      g_autoptr(GPtrArray) intervals = g_ptr_array_new ();

      if (period == PLT_KPI_PERIOD_TODAY && agent->today_intervals != NULL)
        for (guint i = 0; i < agent->today_intervals->len; i++)
          g_ptr_array_add (intervals, g_ptr_array_index (agent->today_intervals, i));
      else if (period == PLT_KPI_PERIOD_ROLLING)
        for (GList *l = agent->recent.head; l != NULL; l = l->next)
          g_ptr_array_add (intervals, l->data);

      if (_plt_kpi_config_get_plan (self->config, agent->id, from, now, segments))
        _plt_kpi_add_adherence (c, segments, intervals, agent->open, from, now);
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
  g_ptr_array_sort (into, _plt_kpi_compare_ids);
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
