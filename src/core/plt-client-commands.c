/* plt-client-commands.c — the client's commands (cmd.agent.status,
 * cmd.agent.skills, cmd.message), history queries, and message events
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "plt-client-private.h"
#include "plt-protocol-supervisor.h"

/*
 * A command is a GTask kept by its id until the router answers it: a
 * `result`, an `error` with its reply_to, or for a history query the parts
 * of its `history.result`, gathered until the last. A link that drops fails
 * every command in flight: the router forgets them with the session, and
 * whether one was applied shows in the deltas that follow.
 */

typedef struct
{
  PltClient            *client;
  char                 *id;
  gulong                cancelled_id;
  PltSupervisorMessage *history;   /* the parts gathered so far */
} Command;

static void
command_free (Command *command)
{
  g_free (command->id);
  g_clear_pointer (&command->history, plt_supervisor_message_free);
  g_free (command);
}

static GTask *
steal_command (PltClient  *self,
               const char *id)
{
  gpointer key = NULL;
  gpointer value = NULL;
  Command *command;
  GTask *task;

  if (self->commands == NULL || id == NULL ||
      !g_hash_table_steal_extended (self->commands, id, &key, &value))
    return NULL;

  g_free (key);
  task = value;
  command = g_task_get_task_data (task);
  if (command->cancelled_id != 0)
    {
      g_cancellable_disconnect (g_task_get_cancellable (task), command->cancelled_id);
      command->cancelled_id = 0;
    }

  return task;
}

static void
cancelled_cb (GCancellable *cancellable,
              Command      *command)
{
  /* Inside the cancellable's signal: never disconnect here, it would wait
   * for this very handler. */
  PltClient *self = command->client;
  g_autofree char *key = NULL;
  g_autoptr(GTask) task = NULL;

  if (self->commands == NULL ||
      !g_hash_table_steal_extended (self->commands, command->id, (gpointer *) &key, (gpointer *) &task))
    return;
  command->cancelled_id = 0;
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", _("The command was cancelled"));
}

/* Sends @message (transfer full), whose id the client sets, and keeps a task
 * for its answer. Returns: (transfer full): the id */
static char *
send_command (PltClient           *self,
              PltMessage          *message,
              char               **id_slot,
              gpointer             source_tag,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  g_autoptr(PltMessage) owned = message;
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *text = NULL;
  Command *command;
  char *id;

  g_task_set_source_tag (task, source_tag);

  id = g_strdup_printf ("cmd-%" G_GUINT64_FORMAT, ++self->command_serial);
  *id_slot = g_strdup (id);

  if (self->conn == NULL || self->state != PLT_CONNECTION_STATE_LIVE)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED,
                               "%s", _("Not connected to the router"));
      return id;
    }

  command = g_new0 (Command, 1);
  command->client = self;
  command->id = g_strdup (id);
  g_task_set_task_data (task, command, (GDestroyNotify) command_free);

  if (self->commands == NULL)
    self->commands = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_hash_table_insert (self->commands, g_strdup (id), g_object_ref (task));

  if (cancellable != NULL)
    command->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (cancelled_cb), command, NULL);

  text = plt_message_encode (owned);
  _plt_client_send_text (self, text);

  return id;
}

void
_plt_client_commands_fail (PltClient *self)
{
  g_autoptr(GList) tasks = NULL;

  if (self->commands == NULL || g_hash_table_size (self->commands) == 0)
    return;

  tasks = g_hash_table_get_values (self->commands);
  for (GList *l = tasks; l != NULL; l = l->next)
    g_object_ref (l->data);
  g_hash_table_remove_all (self->commands);

  for (GList *l = tasks; l != NULL; l = l->next)
    {
      g_autoptr(GTask) task = l->data;
      Command *command = g_task_get_task_data (task);

      if (command->cancelled_id != 0)
        {
          g_cancellable_disconnect (g_task_get_cancellable (task), command->cancelled_id);
          command->cancelled_id = 0;
        }
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED,
                               "%s", _("The link to the router dropped before it answered"));
    }
}

static void
history_part (PltClient                  *self,
              const PltSupervisorMessage *part)
{
  GTask *task = self->commands != NULL ? g_hash_table_lookup (self->commands, part->reply_to) : NULL;
  Command *command;

  if (task == NULL)
    {
      g_debug ("A history.result for %s, which nobody waits for", part->reply_to);
      return;
    }

  command = g_task_get_task_data (task);
  if (command->history == NULL)
    {
      command->history = plt_supervisor_message_new ();
      command->history->reply_to = g_strdup (part->reply_to);
    }
  for (guint i = 0; i < part->intervals->len; i++)
    g_ptr_array_add (command->history->intervals,
                     plt_agent_interval_copy (g_ptr_array_index (part->intervals, i)));
  for (guint i = 0; i < part->queue_samples->len; i++)
    g_ptr_array_add (command->history->queue_samples,
                     plt_queue_sample_copy (g_ptr_array_index (part->queue_samples, i)));

  if (part->last)
    {
      g_autoptr(GTask) done = steal_command (self, part->reply_to);

      command->history->last = TRUE;
      g_task_return_pointer (done, g_steal_pointer (&command->history),
                             (GDestroyNotify) plt_supervisor_message_free);
    }
}

gboolean
_plt_client_commands_handle (PltClient        *self,
                             const PltMessage *message)
{
  switch (message->type)
    {
    case PLT_MESSAGE_RESULT:
      {
        g_autoptr(GTask) task = steal_command (self, message->u.result.reply_to);

        if (task == NULL)
          return FALSE;
        g_task_return_boolean (task, TRUE);
        return TRUE;
      }

    case PLT_MESSAGE_ERROR:
      {
        const PltErrorData *error = &message->u.error;
        g_autoptr(GTask) task = steal_command (self, error->reply_to);

        if (task == NULL)
          return FALSE;
        g_task_return_new_error (task, PLT_PROTOCOL_ERROR, error->code,
                                 "%s", error->message != NULL ? error->message : "");
        return TRUE;
      }

    case PLT_MESSAGE_HISTORY_RESULT:
      history_part (self, message->u.supervisor);
      return TRUE;

    case PLT_MESSAGE_MESSAGE_NEW:
      {
        const PltSupervisorMessage *m = message->u.supervisor;

        g_signal_emit (self, _plt_client_signals[MESSAGE_RECEIVED], 0, m->id, m->from, m->text, m->at);
        return TRUE;
      }

    case PLT_MESSAGE_MESSAGE_ACK:
      {
        const PltSupervisorMessage *m = message->u.supervisor;

        g_signal_emit (self, _plt_client_signals[MESSAGE_ACKNOWLEDGED], 0,
                       m->reply_to, m->agent, m->at);
        return TRUE;
      }

    default:
      return FALSE;
    }
}

char *
plt_client_set_agent_status (PltClient           *self,
                             const char          *agent,
                             PltAgentStatus       status,
                             const char          *reason,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  PltMessage *message;

  g_return_val_if_fail (PLT_IS_CLIENT (self), NULL);
  g_return_val_if_fail (agent != NULL, NULL);

  message = plt_message_new (PLT_MESSAGE_CMD_AGENT_STATUS);
  message->u.cmd_agent_status.agent = g_strdup (agent);
  message->u.cmd_agent_status.status = status;
  message->u.cmd_agent_status.reason = g_strdup (reason);

  return send_command (self, message, &message->u.cmd_agent_status.id, plt_client_set_agent_status,
                       cancellable, callback, user_data);
}

char *
plt_client_set_agent_skills (PltClient           *self,
                             const char          *agent,
                             const PltAgentSkill *skills,
                             guint                n_skills,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  PltMessage *message;

  g_return_val_if_fail (PLT_IS_CLIENT (self), NULL);
  g_return_val_if_fail (agent != NULL, NULL);
  g_return_val_if_fail (n_skills == 0 || skills != NULL, NULL);

  message = plt_message_new (PLT_MESSAGE_CMD_AGENT_SKILLS);
  message->u.supervisor = plt_supervisor_message_new ();
  message->u.supervisor->agent = g_strdup (agent);
  plt_supervisor_message_set_skills (message->u.supervisor, skills, n_skills);

  return send_command (self, message, &message->u.supervisor->id, plt_client_set_agent_skills,
                       cancellable, callback, user_data);
}

char *
plt_client_send_message (PltClient           *self,
                         const char          *to_agent,
                         const char          *to_team,
                         const char          *text,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  PltMessage *message;

  g_return_val_if_fail (PLT_IS_CLIENT (self), NULL);
  g_return_val_if_fail ((to_agent == NULL) != (to_team == NULL), NULL);
  g_return_val_if_fail (text != NULL && text[0] != '\0', NULL);

  message = plt_message_new (PLT_MESSAGE_CMD_MESSAGE);
  message->u.supervisor = plt_supervisor_message_new ();
  message->u.supervisor->to_agent = g_strdup (to_agent);
  message->u.supervisor->to_team = g_strdup (to_team);
  message->u.supervisor->text = g_strdup (text);

  return send_command (self, message, &message->u.supervisor->id, plt_client_send_message,
                       cancellable, callback, user_data);
}

gboolean
plt_client_command_finish (PltClient     *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (PLT_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

char *
plt_client_query_history (PltClient           *self,
                          gint64               from,
                          gint64               to,
                          const char * const  *agents,
                          const char * const  *queues,
                          guint                step_s,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  PltMessage *message;
  PltSupervisorMessage *query;

  g_return_val_if_fail (PLT_IS_CLIENT (self), NULL);
  g_return_val_if_fail (to > from, NULL);

  message = plt_message_new (PLT_MESSAGE_HISTORY_QUERY);
  query = message->u.supervisor = plt_supervisor_message_new ();
  query->from_ms = from;
  query->to_ms = to;
  query->step_s = step_s;
  if (agents != NULL)
    {
      g_strfreev (query->agents);
      query->agents = g_strdupv ((char **) agents);
    }
  if (queues != NULL)
    {
      g_strfreev (query->queues);
      query->queues = g_strdupv ((char **) queues);
    }

  return send_command (self, message, &query->id, plt_client_query_history,
                       cancellable, callback, user_data);
}

PltSupervisorMessage *
plt_client_query_history_finish (PltClient     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (PLT_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
