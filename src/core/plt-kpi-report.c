/* plt-kpi-report.c — KPI reports: any period, whole or cut in intervals,
 * from records fed one by one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "plt-kpi-private.h"

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
  if (entity != NULL && _plt_kpi_config_has_plan (self->config) &&
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
      if (!_plt_kpi_config_get_plan (self->config, agent, bucket_from, bucket_to, segments))
        continue;
      _plt_kpi_add_adherence (&g_array_index (entity->buckets, PltKpiCounters, b), segments,
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
      g_ptr_array_sort (ids, _plt_kpi_compare_ids);
    }

  for (guint i = 0; i < ids->len; i++)
    {
      ReportEntity *entity = g_hash_table_lookup (self->entities, g_ptr_array_index (ids, i));
      PltSlVariant variant = PLT_SL_ANSWERED_ONLY;

      if (self->scope == PLT_KPI_SCOPE_QUEUE)
        variant = plt_kpi_config_get_settings (self->config, PLT_KPI_SCOPE_QUEUE, entity->id)->sl_variant;

      if (_plt_kpi_config_has_plan (self->config) && self->scope == PLT_KPI_SCOPE_AGENT)
        report_add_adherence (self, entity, entity->id, segments);
      else if (_plt_kpi_config_has_plan (self->config) && self->scope == PLT_KPI_SCOPE_TEAM)
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
