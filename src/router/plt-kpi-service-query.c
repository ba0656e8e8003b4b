/* plt-kpi-service-query.c — the router's answers to kpi.query
 * (docs/protocol.md §4.4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>

#include "plt-kpi-service-private.h"

static gboolean
feed_contact (const PltContactRecord *record,
              gpointer                user_data)
{
  plt_kpi_report_add_contact (user_data, record);
  return TRUE;
}

static gboolean
feed_interval (const PltAgentInterval *interval,
               gpointer                user_data)
{
  plt_kpi_report_add_interval (user_data, interval);
  return TRUE;
}

static char *
format_time (gint64 ms)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (ms / 1000);

  return g_date_time_format_iso8601 (dt);
}

/* Rows for @ids over [from, to) cut every @interval_ms, appended to @rows. */
static void
report_rows (PltKpiService      *self,
             PltKpiScope         scope,
             const char * const *ids,
             gint64              from,
             gint64              to,
             gint64              interval_ms,
             gint64              now,
             GPtrArray          *rows)
{
  g_autoptr(PltKpiReport) report = plt_kpi_report_new (self->config, scope, ids, from, to,
                                                       interval_ms, now);
  g_autoptr(GPtrArray) done = NULL;

  plt_acd_foreach_contact (self->acd, feed_contact, report);
  plt_acd_foreach_open_contact (self->acd, feed_contact, report);
  if (scope != PLT_KPI_SCOPE_QUEUE)
    plt_acd_foreach_agent_interval (self->acd, feed_interval, report);

  done = plt_kpi_report_finish (report);
  for (guint i = 0; i < done->len; i++)
    g_ptr_array_add (rows, g_steal_pointer (&done->pdata[i]));
}

/* Rows by the position of their entity in the query. */
static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const PltKpiRow *ra = *(const PltKpiRow * const *) a;
  const PltKpiRow *rb = *(const PltKpiRow * const *) b;
  guint pa = GPOINTER_TO_UINT (g_hash_table_lookup (user_data, ra->id));
  guint pb = GPOINTER_TO_UINT (g_hash_table_lookup (user_data, rb->id));

  return (pa > pb) - (pa < pb);
}

/* An error that answers the command @reply_to, encoded without seq. */
char *
_plt_kpi_service_encode_error (const char       *reply_to,
                               const char       *epoch,
                               PltProtocolError  code,
                               const char       *text)
{
  g_autoptr(PltMessage) message = plt_message_new (PLT_MESSAGE_ERROR);

  message->epoch = g_strdup (epoch);
  message->u.error.code = code;
  message->u.error.message = g_strdup (text);
  message->u.error.reply_to = g_strdup (reply_to);

  return plt_message_encode (message);
}

static char *
answer_error (const PltKpiQueryData *query,
              const char            *epoch,
              PltProtocolError       code,
              const char            *text)
{
  return _plt_kpi_service_encode_error (query->id, epoch, code, text);
}

/* A period that reaches before today's records: the part before them is
 * read from the history by a worker thread, feeding the report; today's
 * records complete it on the main thread. The boundary is the ACD's day
 * start D when the query came: the database gives the contacts finished
 * before D and the agent intervals ended by D, the ACD's records (which
 * hold exactly the later ones) the rest, so that nothing counts twice. */
typedef struct
{
  PltKpiReport *report;      /* NULL with no entity */
  PltMessage   *result;      /* kpi.result without rows */
  char         *path;
  PltKpiScope   scope;
  gint64        from;
  gint64        to;
  gint64        boundary;    /* D */
} HistoryJob;

static void
history_job_free (HistoryJob *job)
{
  g_clear_pointer (&job->report, plt_kpi_report_free);
  g_clear_pointer (&job->result, plt_message_free);
  g_free (job->path);
  g_free (job);
}

static gboolean
read_history (HistoryJob  *job,
              gint64       from,
              gint64       until,
              GError     **error)
{
  if (job->report == NULL)
    return TRUE;
  return plt_persist_read_range (job->path, from, job->to, until, feed_contact,
                                 job->scope != PLT_KPI_SCOPE_QUEUE ? feed_interval : NULL,
                                 job->report, error);
}

static void
history_worker (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  HistoryJob *job = task_data;
  GError *error = NULL;

  /* The report only reads the configuration's settings here, which do not
   * change after the service is made; the plan function (adherence) is
   * called by plt_kpi_report_finish(), on the main thread. */
  if (!read_history (job, job->from, job->boundary, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
plt_kpi_service_set_history (PltKpiService *self,
                             PltPersist    *persist,
                             const char    *path)
{
  g_return_if_fail (self != NULL);

  g_set_object (&self->persist, persist);
  g_free (self->history_path);
  self->history_path = g_strdup (path);
}

static char *
answer (PltKpiService          *self,
        PltView                *view,
        const PltKpiQueryData  *query,
        const char             *epoch,
        HistoryJob            **job)
{
  g_autoptr(PltMessage) result = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = NULL;
  PltKpiScope scope;
  gint64 now, interval_ms, records_from;
  guint n_ids;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (query != NULL, NULL);

  if (!plt_kpi_scope_from_string (query->scope, &scope))
    return answer_error (query, epoch, PLT_PROTOCOL_ERROR_BAD_REQUEST,
                         "field “data.scope” must be queue, team or agent");
  if (query->period != NULL && g_strcmp0 (query->period, "today") != 0 &&
      g_strcmp0 (query->period, "rolling") != 0)
    return answer_error (query, epoch, PLT_PROTOCOL_ERROR_BAD_REQUEST,
                         "field “data.period” must be today, rolling or null");
  if (query->period == NULL && query->to <= query->from)
    return answer_error (query, epoch, PLT_PROTOCOL_ERROR_BAD_REQUEST,
                         "give “period”, or “from” and “to” with to > from");
  if (query->interval_s != 0 && query->interval_s < 60)
    return answer_error (query, epoch, PLT_PROTOCOL_ERROR_BAD_REQUEST,
                         "field “data.interval_s” must be 0 or at least 60");

  ids = plt_kpi_service_resolve_ids (self, view, scope, (const char * const *) query->ids, &error);
  if (ids == NULL)
    return answer_error (query, epoch, error->code, error->message);

  now = plt_acd_get_now (self->acd);
  records_from = plt_acd_get_day_start (self->acd);
  interval_ms = query->interval_s * 1000;
  n_ids = g_strv_length (ids);

  result = plt_message_new (PLT_MESSAGE_KPI_RESULT);
  result->epoch = g_strdup (epoch);
  result->ts = now;
  result->u.kpi_result.reply_to = g_strdup (query->id);
  result->u.kpi_result.scope = g_strdup (plt_kpi_scope_to_string (scope));

  if (g_strcmp0 (query->period, "today") == 0)
    {
      /* Each entity its own day (a queue's zone and reset time): one
       * report per distinct day start, then the rows in the order asked. */
      g_autoptr(GHashTable) days = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                          (GDestroyNotify) g_ptr_array_unref);
      g_autoptr(GHashTable) position = g_hash_table_new (g_str_hash, g_str_equal);
      GHashTableIter iter;
      gpointer key, value;
      guint n_rows = 0;

      for (guint i = 0; i < n_ids; i++)
        {
          gint64 start, end;
          GPtrArray *group;

          plt_kpi_config_get_day (self->config, scope, ids[i], now, &start, &end);
          n_rows += interval_ms > 0 ? (guint) ((end - start + interval_ms - 1) / interval_ms) : 1;
          group = g_hash_table_lookup (days, &start);
          if (group == NULL)
            {
              group = g_ptr_array_new ();
              g_hash_table_insert (days, g_memdup2 (&start, sizeof start), group);
            }
          g_ptr_array_add (group, ids[i]);
          g_hash_table_insert (position, ids[i], GUINT_TO_POINTER (i));
        }
      if (n_rows > PLT_PROTOCOL_MAX_KPI_ROWS)
        {
          g_autofree char *text = g_strdup_printf ("the answer would hold %u rows; at most %u: ask for "
                                                   "fewer entities or longer intervals",
                                                   n_rows, PLT_PROTOCOL_MAX_KPI_ROWS);

          return answer_error (query, epoch, PLT_PROTOCOL_ERROR_TOO_LARGE, text);
        }

      g_hash_table_iter_init (&iter, days);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          GPtrArray *group = value;
          gint64 start, end;

          plt_kpi_config_get_day (self->config, scope, g_ptr_array_index (group, 0), now, &start, &end);
          g_ptr_array_add (group, NULL);
          report_rows (self, scope, (const char * const *) group->pdata, start, end, interval_ms, now,
                       result->u.kpi_result.rows);
        }
      /* Stable: each entity's intervals stay in time order. */
      g_ptr_array_sort_with_data (result->u.kpi_result.rows, compare_rows, position);
    }
  else
    {
      gint64 from, to;
      gint64 n_rows;

      if (g_strcmp0 (query->period, "rolling") == 0)
        {
          from = MAX (now - PLT_KPI_SERVICE_WINDOW_MS, records_from);
          to = now + 1;
        }
      else
        {
          from = query->from;
          to = query->to;
          if (to - from > (gint64) PLT_KPI_SERVICE_MAX_PERIOD_DAYS * 24 * 3600 * 1000)
            {
              g_autofree char *text = g_strdup_printf ("the period is %.1f days long; at most %d: ask for a "
                                                       "shorter one", (double) (to - from) / (24 * 3600 * 1000),
                                                       PLT_KPI_SERVICE_MAX_PERIOD_DAYS);

              return answer_error (query, epoch, PLT_PROTOCOL_ERROR_BAD_REQUEST, text);
            }
          if (from < records_from && (job == NULL || self->history_path == NULL))
            {
              g_autofree char *since = format_time (records_from);
              g_autofree char *text = g_strdup_printf ("the router holds today's records only, from %s: "
                                                       "ask from then", since);

              return answer_error (query, epoch, PLT_PROTOCOL_ERROR_BAD_REQUEST, text);
            }
        }

      n_rows = (gint64) n_ids * (interval_ms > 0 ? (to - from + interval_ms - 1) / interval_ms : 1);
      if (n_rows > PLT_PROTOCOL_MAX_KPI_ROWS)
        {
          g_autofree char *text = g_strdup_printf ("the answer would hold %" G_GINT64_FORMAT " rows; at most %u: "
                                                   "ask for fewer entities, a shorter period or longer intervals",
                                                   n_rows, PLT_PROTOCOL_MAX_KPI_ROWS);

          return answer_error (query, epoch, PLT_PROTOCOL_ERROR_TOO_LARGE, text);
        }

      if (from < records_from)
        {
          *job = g_new0 (HistoryJob, 1);
          (*job)->result = g_steal_pointer (&result);
          (*job)->path = g_strdup (self->history_path);
          (*job)->scope = scope;
          (*job)->from = from;
          (*job)->to = to;
          (*job)->boundary = records_from;
          if (n_ids > 0)
            (*job)->report = plt_kpi_report_new (self->config, scope, (const char * const *) ids, from, to,
                                                 interval_ms, MIN (now, to));
          return NULL;
        }

      if (n_ids > 0)
        report_rows (self, scope, (const char * const *) ids, from, to, interval_ms, MIN (now, to),
                     result->u.kpi_result.rows);
    }

  return plt_message_encode (result);
}

char *
plt_kpi_service_answer (PltKpiService         *self,
                        PltView               *view,
                        const PltKpiQueryData *query,
                        const char            *epoch)
{
  return answer (self, view, query, epoch, NULL);
}

char *
plt_kpi_service_answer_any (PltKpiService         *self,
                            PltView               *view,
                            const PltKpiQueryData *query,
                            const char            *epoch,
                            GAsyncReadyCallback    callback,
                            gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  HistoryJob *job = NULL;
  char *text;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (query != NULL, NULL);

  text = answer (self, view, query, epoch, &job);
  if (text != NULL)
    return text;
  g_assert (job != NULL);

  /* Every record of the days before is in the file. */
  if (self->persist != NULL && plt_persist_get_n_pending (self->persist) > 0)
    {
      g_autoptr(GError) error = NULL;

      if (!plt_persist_flush (self->persist, &error))
        g_warning ("Cannot write the last records before reading the history: %s", error->message);
    }

  task = g_task_new (NULL, NULL, callback, user_data);
  g_task_set_source_tag (task, plt_kpi_service_answer_any);
  g_task_set_task_data (task, job, (GDestroyNotify) history_job_free);
  g_task_run_in_thread (task, history_worker);
  return NULL;
}

char *
plt_kpi_service_answer_finish (PltKpiService *self,
                               GAsyncResult  *result)
{
  GTask *task = G_TASK (result);
  HistoryJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gint64 boundary;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (g_task_get_source_tag (task) == plt_kpi_service_answer_any, NULL);

  if (!g_task_propagate_boolean (task, &error))
    goto failed;

  /* Midnight passed while the worker read: the ACD dropped the records of
   * [D, new D), which are in the file now — a few seconds' worth. */
  boundary = plt_acd_get_day_start (self->acd);
  if (boundary > job->boundary)
    {
      if (self->persist != NULL && !plt_persist_flush (self->persist, &error))
        goto failed;
      if (!read_history (job, MAX (job->from, job->boundary), boundary, &error))
        goto failed;
      job->boundary = boundary;
    }

  if (job->report != NULL)
    {
      g_autoptr(GPtrArray) done = NULL;

      plt_acd_foreach_contact (self->acd, feed_contact, job->report);
      plt_acd_foreach_open_contact (self->acd, feed_contact, job->report);
      if (job->scope != PLT_KPI_SCOPE_QUEUE)
        plt_acd_foreach_agent_interval (self->acd, feed_interval, job->report);
      done = plt_kpi_report_finish (job->report);
      for (guint i = 0; i < done->len; i++)
        g_ptr_array_add (job->result->u.kpi_result.rows, g_steal_pointer (&done->pdata[i]));
    }

  return plt_message_encode (job->result);

failed:
  g_warning ("Cannot answer a kpi.query from the history: %s", error->message);
  return _plt_kpi_service_encode_error (job->result->u.kpi_result.reply_to, job->result->epoch,
                                        PLT_PROTOCOL_ERROR_INTERNAL, "the history cannot be read now");
}
