/* plt-client-kpi.c — the client's KPI messages: live figures (kpi.subscribe,
 * kpi.update) and questions (kpi.query, kpi.result)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "plt-client-private.h"

/*
 * Live figures are opt-in (docs/protocol.md §4.4): once a session's first
 * snapshot is applied, the client subscribes to the scopes it was told
 * (plt_client_set_kpi_scopes()); a resumed session keeps its subscription.
 * Each kpi.update goes to the model (plt_model_apply_kpi()).
 *
 * A query is a GTask kept by its id until the kpi.result, or an error
 * answering it, comes back; a link that drops fails every query in flight
 * (the router forgets them with the session).
 */

#define SUBSCRIBE_ID "kpi-subscribe"

typedef struct
{
  PltClient *client;
  char      *id;
  gulong     cancelled_id;
} Query;

static void
query_free (Query *query)
{
  g_free (query->id);
  g_free (query);
}

/* Takes @task out of the queries in flight, if it still is there. */
static GTask *
steal_query (PltClient  *self,
             const char *id)
{
  gpointer key = NULL;
  gpointer value = NULL;
  GTask *task;
  Query *query;

  if (self->kpi_queries == NULL || id == NULL ||
      !g_hash_table_steal_extended (self->kpi_queries, id, &key, &value))
    return NULL;

  g_free (key);
  task = value;
  query = g_task_get_task_data (task);
  if (query->cancelled_id != 0)
    {
      g_cancellable_disconnect (g_task_get_cancellable (task), query->cancelled_id);
      query->cancelled_id = 0;
    }

  return task;
}

static gboolean
query_cancelled_idle_cb (gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  Query *query = g_task_get_task_data (task);
  g_autoptr(GTask) stolen = steal_query (query->client, query->id);

  if (stolen != NULL)
    g_task_return_error_if_cancelled (stolen);

  return G_SOURCE_REMOVE;
}

/* Runs in the thread that cancelled: return from the main loop instead. */
static void
query_cancelled_cb (GCancellable *cancellable,
                    GTask        *task)
{
  GSource *source = g_idle_source_new ();

  g_source_set_callback (source, query_cancelled_idle_cb, g_object_ref (task), NULL);
  g_source_set_name (source, "[plateau] kpi query cancelled");
  g_source_attach (source, g_task_get_context (task));
  g_source_unref (source);
}

void
_plt_client_kpi_fail_queries (PltClient *self)
{
  g_autoptr(GPtrArray) tasks = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (self->kpi_queries == NULL || g_hash_table_size (self->kpi_queries) == 0)
    return;

  tasks = g_ptr_array_new_with_free_func (g_object_unref);
  g_hash_table_iter_init (&iter, self->kpi_queries);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Query *query = g_task_get_task_data (value);

      if (query->cancelled_id != 0)
        {
          g_cancellable_disconnect (g_task_get_cancellable (value), query->cancelled_id);
          query->cancelled_id = 0;
        }
      g_ptr_array_add (tasks, value);
      /* Stealing skips the table's destroy functions: the task is in
       * @tasks, the key (a copy of the id) is freed here. */
      g_hash_table_iter_steal (&iter);
      g_free (key);
    }
  g_hash_table_remove_all (self->kpi_queries);

  for (guint i = 0; i < tasks->len; i++)
    g_task_return_new_error (g_ptr_array_index (tasks, i), G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED,
                             _("The link to the router was lost before it answered"));
}

void
_plt_client_kpi_synced (PltClient *self)
{
  g_autofree char *text = NULL;

  if (self->kpi_subscribed || self->kpi_scopes == NULL || self->kpi_scopes[0] == NULL)
    return;

  text = plt_protocol_encode_kpi_subscribe (SUBSCRIBE_ID, (const char * const *) self->kpi_scopes);
  self->kpi_subscribed = TRUE;
  _plt_client_send_text (self, text);
}

gboolean
_plt_client_kpi_handle (PltClient        *self,
                        const PltMessage *message)
{
  switch (message->type)
    {
    case PLT_MESSAGE_KPI_UPDATE:
      plt_model_apply_kpi (self->model, &message->u.kpi_update);
      return TRUE;

    case PLT_MESSAGE_KPI_RESULT:
      {
        g_autoptr(GTask) task = steal_query (self, message->u.kpi_result.reply_to);
        GPtrArray *rows = message->u.kpi_result.rows;

        if (task != NULL)
          g_task_return_pointer (task, g_ptr_array_ref (rows), (GDestroyNotify) g_ptr_array_unref);
        else
          g_debug ("A kpi.result for %s, which nobody waits for", message->u.kpi_result.reply_to);
        return TRUE;
      }

    case PLT_MESSAGE_RESULT:
      return g_strcmp0 (message->u.result.reply_to, SUBSCRIBE_ID) == 0;

    case PLT_MESSAGE_ERROR:
      {
        const PltErrorData *error = &message->u.error;
        g_autoptr(GTask) task = NULL;

        if (error->reply_to == NULL)
          return FALSE;

        if (g_str_equal (error->reply_to, SUBSCRIBE_ID))
          {
            /* A router without live figures: the boards show what the
             * queues themselves carry. */
            g_debug ("The router at %s refused the KPI subscription: %s",
                     self->address, error->message);
            return TRUE;
          }

        task = steal_query (self, error->reply_to);
        if (task == NULL)
          return FALSE;

        g_task_return_new_error (task, PLT_PROTOCOL_ERROR, error->code,
                                 "%s", error->message != NULL ? error->message : "");
        return TRUE;
      }

    default:
      return FALSE;
    }
}

void
plt_client_set_kpi_scopes (PltClient          *self,
                           const char * const *scopes)
{
  g_return_if_fail (PLT_IS_CLIENT (self));

  if (scopes != NULL && self->kpi_scopes != NULL &&
      g_strv_equal (scopes, (const char * const *) self->kpi_scopes))
    return;

  g_strfreev (self->kpi_scopes);
  self->kpi_scopes = g_strdupv ((char **) scopes);
  /* From the next session on. */
  self->kpi_subscribed = FALSE;
}

static void
query_kpi (PltClient           *self,
           PltKpiScope          scope,
           const char * const  *ids,
           const char          *period,
           gint64               from,
           gint64               to,
           guint                interval_s,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(PltMessage) message = NULL;
  g_autofree char *text = NULL;
  PltKpiQueryData *data;
  Query *query;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, plt_client_query_kpi);

  if (!self->welcomed || self->conn == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED,
                               _("Not connected to the router"));
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  query = g_new0 (Query, 1);
  query->client = self;
  query->id = g_strdup_printf ("kpi-%u", ++self->kpi_query_serial);
  g_task_set_task_data (task, query, (GDestroyNotify) query_free);

  message = plt_message_new (PLT_MESSAGE_KPI_QUERY);
  data = &message->u.kpi_query;
  data->id = g_strdup (query->id);
  data->scope = g_strdup (plt_kpi_scope_to_string (scope));
  if (ids != NULL)
    {
      g_strfreev (data->ids);
      data->ids = g_strdupv ((char **) ids);
    }
  data->period = g_strdup (period);
  data->from = from;
  data->to = to;
  data->interval_s = interval_s;
  text = plt_message_encode (message);

  if (self->kpi_queries == NULL)
    self->kpi_queries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_hash_table_insert (self->kpi_queries, g_strdup (query->id), g_object_ref (task));

  if (cancellable != NULL)
    query->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (query_cancelled_cb),
                                                 task, NULL);

  _plt_client_send_text (self, text);
}

void
plt_client_query_kpi (PltClient           *self,
                      PltKpiScope          scope,
                      const char * const  *ids,
                      gint64               from,
                      gint64               to,
                      guint                interval_s,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_return_if_fail (PLT_IS_CLIENT (self));
  g_return_if_fail (from < to);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  query_kpi (self, scope, ids, NULL, from, to, interval_s, cancellable, callback, user_data);
}

void
plt_client_query_kpi_period (PltClient           *self,
                             PltKpiScope          scope,
                             const char * const  *ids,
                             PltKpiPeriod         period,
                             guint                interval_s,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (PLT_IS_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  query_kpi (self, scope, ids, plt_kpi_period_to_string (period), 0, 0, interval_s,
             cancellable, callback, user_data);
}

GPtrArray *
plt_client_query_kpi_finish (PltClient     *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (PLT_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == plt_client_query_kpi, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
