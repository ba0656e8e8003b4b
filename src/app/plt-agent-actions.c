/* plt-agent-actions.c — what a supervisor does to an agent
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "plt-agent.h"
#include "plt-agent-actions.h"
#include "plt-protocol-supervisor.h"
#include "plt-queue.h"
#include "plt-store.h"
#include "plt-team.h"
#include "plt-ui-format.h"

struct _PltAgentActions
{
  GObject           parent_instance;

  GtkWidget        *parent;        /* weak */
  AdwToastOverlay  *toasts;        /* weak */
  PltClient        *client;
  GSignalGroup     *client_signals;
  GCancellable     *cancellable;
  AdwMessageDialog *dialog;        /* the one open, weak */
  char             *last_toast;

  /* Log-outs waiting for the agent's contact to end: agent → handler */
  GHashTable       *pending_logouts;
  /* cmd.message ids → the agent written to, for the acknowledgement */
  GHashTable       *messages;
};

G_DEFINE_FINAL_TYPE (PltAgentActions, plt_agent_actions, G_TYPE_OBJECT)

/* Toasts ------------------------------------------------------------------ */

G_GNUC_PRINTF (2, 3)
static void
toast (PltAgentActions *self,
       const char      *format,
       ...)
{
  g_autofree char *text = NULL;
  AdwToast *toast;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  g_free (self->last_toast);
  self->last_toast = g_strdup (text);

  if (self->toasts == NULL)
    return;

  toast = adw_toast_new (text);
  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toasts, toast);
}

static PltModel *
get_model (PltAgentActions *self)
{
  return self->client != NULL ? plt_client_get_model (self->client) : NULL;
}

static const char *
agent_name (PltAgent *agent)
{
  const char *name = plt_agent_get_name (agent);

  return name != NULL ? name : plt_agent_get_id (agent);
}

static const char *
team_name (PltAgentActions *self,
           const char      *team_id)
{
  PltModel *model = get_model (self);
  PltTeam *team = model != NULL && team_id != NULL ? plt_model_lookup_team (model, team_id) : NULL;

  if (team != NULL && plt_team_get_name (team) != NULL)
    return plt_team_get_name (team);
  return team_id != NULL ? team_id : _("this team");
}

static const char *
queue_name (PltAgentActions *self,
            const char      *queue_id)
{
  PltModel *model = get_model (self);
  PltQueue *queue = model != NULL && queue_id != NULL ? plt_model_lookup_queue (model, queue_id) : NULL;

  if (queue != NULL && plt_queue_get_name (queue) != NULL)
    return plt_queue_get_name (queue);
  return queue_id;
}

/* The router's refusal, in words a supervisor reads. */
static void
toast_refusal (PltAgentActions *self,
               const char      *who,
               const char      *team_id,
               const GError    *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (error->domain != PLT_PROTOCOL_ERROR)
    {
      /* Translators: the command could not reach the router; the reason follows */
      toast (self, _("Not sent: %s"), error->message);
      return;
    }

  switch (error->code)
    {
    case PLT_PROTOCOL_ERROR_FORBIDDEN:
      if (team_id != NULL)
        toast (self, _("The router refused: you do not supervise %s"), team_name (self, team_id));
      else
        toast (self, _("The router refused: your account may not do this"));
      break;

    case PLT_PROTOCOL_ERROR_NOT_FOUND:
      toast (self, _("The router refused: it no longer knows %s"), who);
      break;

    case PLT_PROTOCOL_ERROR_CONFLICT:
      toast (self, _("The router refused: %s is handling a contact, which this would cut"), who);
      break;

    default:
      toast (self, _("The router refused: %s"), error->message);
      break;
    }
}

/* Status ------------------------------------------------------------------ */

typedef struct
{
  PltAgentActions *self;
  PltAgent        *agent;
  PltAgentStatus   status;
  char            *reason;
  gboolean         quiet;
} StatusCall;

static void
status_call_free (StatusCall *call)
{
  g_object_unref (call->self);
  g_object_unref (call->agent);
  g_free (call->reason);
  g_free (call);
}

static void
status_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  StatusCall *call = user_data;
  PltAgentActions *self = call->self;
  const char *who = agent_name (call->agent);
  g_autoptr(GError) error = NULL;

  if (!plt_client_command_finish (PLT_CLIENT (source), result, &error))
    toast_refusal (self, who, plt_agent_get_team_id (call->agent), error);
  else if (call->quiet)
    ;
  else if (call->status == PLT_AGENT_STATUS_PAUSED && plt_agent_get_call_id (call->agent) != NULL)
    /* Translators: "Camille Martin will be paused (Break) when the contact ends" */
    toast (self, _("%s will be paused (%s) when the contact ends"), who,
           call->reason != NULL ? plt_reason_get_label (call->reason) : _("Pause"));
  else if (call->status == PLT_AGENT_STATUS_PAUSED)
    /* Translators: "Camille Martin is paused (Break)" */
    toast (self, _("%s is paused (%s)"), who,
           call->reason != NULL ? plt_reason_get_label (call->reason) : _("Pause"));
  else if (call->status == PLT_AGENT_STATUS_AVAILABLE)
    toast (self, _("%s is ready"), who);
  else
    toast (self, _("%s is logged out"), who);

  status_call_free (call);
}

static void
send_status (PltAgentActions *self,
             PltAgent        *agent,
             PltAgentStatus   status,
             const char      *reason,
             gboolean         quiet)
{
  StatusCall *call;
  g_autofree char *id = NULL;

  if (self->client == NULL)
    {
      toast (self, _("Not sent: not connected to the router"));
      return;
    }

  call = g_new0 (StatusCall, 1);
  call->self = g_object_ref (self);
  call->agent = g_object_ref (agent);
  call->status = status;
  call->reason = g_strdup (reason);
  call->quiet = quiet;
  id = plt_client_set_agent_status (self->client, plt_agent_get_id (agent), status, reason,
                                    self->cancellable, status_done_cb, call);
}

static void
drop_pending_logout (PltAgentActions *self,
                     PltAgent        *agent)
{
  gulong handler = GPOINTER_TO_SIZE (g_hash_table_lookup (self->pending_logouts, agent));

  if (handler != 0)
    g_signal_handler_disconnect (agent, handler);
  g_hash_table_remove (self->pending_logouts, agent);
}

/* The contact ended: the agent may go. */
static void
pending_agent_changed_cb (PltAgent        *agent,
                          GParamSpec      *pspec,
                          PltAgentActions *self)
{
  if (plt_agent_get_call_id (agent) != NULL)
    return;

  drop_pending_logout (self, agent);
  send_status (self, agent, PLT_AGENT_STATUS_LOGGED_OUT, NULL, FALSE);
}

static void
logout_after_contact (PltAgentActions *self,
                      PltAgent        *agent)
{
  gulong handler;

  if (g_hash_table_contains (self->pending_logouts, agent))
    return;

  /* Paused now, the agent gets no new contact once this one ends. */
  send_status (self, agent, PLT_AGENT_STATUS_PAUSED, NULL, TRUE);
  handler = g_signal_connect_object (agent, "notify::call-id",
                                     G_CALLBACK (pending_agent_changed_cb), self, 0);
  g_hash_table_insert (self->pending_logouts, g_object_ref (agent), GSIZE_TO_POINTER (handler));
  /* Translators: "Camille Martin will be logged out when the call ends" */
  toast (self, _("%s will be logged out when the contact ends"), agent_name (agent));
}

static void
logout_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    PltAgentActions  *self)
{
  PltAgent *agent = g_object_get_data (G_OBJECT (dialog), "agent");

  if (g_strcmp0 (response, "logout") == 0 && agent != NULL)
    {
      if (plt_agent_get_call_id (agent) != NULL)
        logout_after_contact (self, agent);
      else
        send_status (self, agent, PLT_AGENT_STATUS_LOGGED_OUT, NULL, FALSE);
    }
}

static GtkWindow *
parent_window (PltAgentActions *self)
{
  GtkRoot *root = self->parent != NULL ? gtk_widget_get_root (self->parent) : NULL;

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static AdwMessageDialog *
new_dialog (PltAgentActions *self,
            const char      *heading,
            const char      *body)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent_window (self), heading, body));

  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_hide_on_close (GTK_WINDOW (dialog), FALSE);
  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  g_set_weak_pointer (&self->dialog, dialog);

  return dialog;
}

void
plt_agent_actions_set_status (PltAgentActions *self,
                              PltAgent        *agent,
                              PltAgentStatus   status,
                              const char      *reason)
{
  g_return_if_fail (PLT_IS_AGENT_ACTIONS (self));
  g_return_if_fail (PLT_IS_AGENT (agent));

  if (status != PLT_AGENT_STATUS_LOGGED_OUT)
    {
      /* Made ready or paused: a log-out waiting for the contact is off. */
      drop_pending_logout (self, agent);
      send_status (self, agent, status, reason, FALSE);
      return;
    }

  if (plt_agent_get_call_id (agent) != NULL)
    {
      const char *queue = queue_name (self, plt_agent_get_queue_id (agent));
      g_autofree char *heading = g_strdup_printf (_("Log out %s?"), agent_name (agent));
      g_autofree char *body = NULL;
      AdwMessageDialog *dialog;

      if (queue != NULL)
        /* Translators: "Camille Martin is on a call with Ventes. The call…" */
        body = g_strdup_printf (_("%s is on a call with %s. The call will continue until it ends; "
                                  "no new call will be offered, and the log-out follows."),
                                agent_name (agent), queue);
      else
        body = g_strdup_printf (_("%s is handling a contact. It will continue until it ends; "
                                  "no new contact will be offered, and the log-out follows."),
                                agent_name (agent));

      dialog = new_dialog (self, heading, body);
      adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "logout", _("_Log Out After the Call"), NULL);
      adw_message_dialog_set_response_appearance (dialog, "logout", ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_default_response (dialog, "cancel");
      adw_message_dialog_set_close_response (dialog, "cancel");
      g_object_set_data_full (G_OBJECT (dialog), "agent", g_object_ref (agent), g_object_unref);
      g_signal_connect_object (dialog, "response", G_CALLBACK (logout_response_cb), self, 0);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  send_status (self, agent, PLT_AGENT_STATUS_LOGGED_OUT, NULL, FALSE);
}

/* Skills ------------------------------------------------------------------ */

typedef struct
{
  PltAgentActions *self;
  PltAgent        *agent;
  guint            n_queues;
} SkillsCall;

static void
skills_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  SkillsCall *call = user_data;
  g_autoptr(GError) error = NULL;

  if (!plt_client_command_finish (PLT_CLIENT (source), result, &error))
    toast_refusal (call->self, agent_name (call->agent), plt_agent_get_team_id (call->agent), error);
  else
    /* Translators: "Camille Martin now serves 3 queues" */
    toast (call->self, ngettext ("%s now serves %u queue", "%s now serves %u queues", call->n_queues),
           agent_name (call->agent), call->n_queues);

  g_object_unref (call->self);
  g_object_unref (call->agent);
  g_free (call);
}

static void
skills_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    PltAgentActions  *self)
{
  PltAgent *agent = g_object_get_data (G_OBJECT (dialog), "agent");
  GPtrArray *rows = g_object_get_data (G_OBJECT (dialog), "rows");
  g_autoptr(GArray) skills = g_array_new (FALSE, TRUE, sizeof (PltAgentSkill));
  g_autofree char *id = NULL;
  SkillsCall *call;

  if (g_strcmp0 (response, "save") != 0 || agent == NULL || self->client == NULL)
    return;

  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);
      GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "check");
      GtkSpinButton *spin = g_object_get_data (G_OBJECT (row), "level");
      PltAgentSkill skill;

      if (!gtk_check_button_get_active (check))
        continue;
      skill.queue = g_object_get_data (G_OBJECT (row), "queue");
      skill.level = (guint) gtk_spin_button_get_value_as_int (spin);
      g_array_append_val (skills, skill);
    }

  call = g_new0 (SkillsCall, 1);
  call->self = g_object_ref (self);
  call->agent = g_object_ref (agent);
  call->n_queues = skills->len;
  id = plt_client_set_agent_skills (self->client, plt_agent_get_id (agent),
                                    (const PltAgentSkill *) skills->data, skills->len,
                                    self->cancellable, skills_done_cb, call);
}

static int
compare_queue_names (gconstpointer a,
                     gconstpointer b)
{
  PltQueue *qa = *(PltQueue **) a;
  PltQueue *qb = *(PltQueue **) b;

  return g_utf8_collate (plt_queue_get_name (qa) != NULL ? plt_queue_get_name (qa) : "",
                         plt_queue_get_name (qb) != NULL ? plt_queue_get_name (qb) : "");
}

static void
level_sensitive_cb (GtkCheckButton *check,
                    GParamSpec     *pspec,
                    GtkWidget      *spin)
{
  gtk_widget_set_sensitive (spin, gtk_check_button_get_active (check));
}

void
plt_agent_actions_edit_skills (PltAgentActions *self,
                               PltAgent        *agent)
{
  PltModel *model = get_model (self);
  g_autofree char *heading = NULL;
  g_autoptr(GPtrArray) queues = g_ptr_array_new_with_free_func (g_object_unref);
  GPtrArray *rows = g_ptr_array_new ();
  AdwMessageDialog *dialog;
  GtkWidget *list;
  GtkWidget *scrolled;
  GListModel *store;

  g_return_if_fail (PLT_IS_AGENT_ACTIONS (self));
  g_return_if_fail (PLT_IS_AGENT (agent));

  heading = g_strdup_printf (_("Skills of %s"), agent_name (agent));
  dialog = new_dialog (self, heading,
                       _("The queues the agent serves, and their level on each: 1 is the best. "
                         "A call in progress is never cut."));

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Queues"), -1);

  store = model != NULL ? G_LIST_MODEL (plt_model_get_queues (model)) : NULL;
  for (guint i = 0; store != NULL && i < g_list_model_get_n_items (store); i++)
    g_ptr_array_add (queues, g_list_model_get_item (store, i));
  g_ptr_array_sort (queues, compare_queue_names);

  for (guint i = 0; i < queues->len; i++)
    {
      PltQueue *queue = g_ptr_array_index (queues, i);
      const char *name = plt_queue_get_name (queue) != NULL ? plt_queue_get_name (queue) : plt_queue_get_id (queue);
      guint level = plt_agent_get_skill_level (agent, plt_queue_get_id (queue));
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      GtkWidget *spin = gtk_spin_button_new_with_range (1, PLT_PROTOCOL_MAX_SKILL_LEVEL, 1);
      g_autofree char *level_label = g_strdup_printf (_("Level on %s"), name);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), level > 0);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);

      gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), level > 0 ? level : 1);
      gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
      gtk_widget_set_sensitive (spin, level > 0);
      gtk_widget_set_tooltip_text (spin, level_label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, level_label, -1);
      g_signal_connect_object (check, "notify::active", G_CALLBACK (level_sensitive_cb), spin, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);

      g_object_set_data_full (G_OBJECT (row), "queue", g_strdup (plt_queue_get_id (queue)), g_free);
      g_object_set_data (G_OBJECT (row), "check", check);
      g_object_set_data (G_OBJECT (row), "level", spin);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
      g_ptr_array_add (rows, row);
    }

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 360);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  adw_message_dialog_set_extra_child (dialog, scrolled);

  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "agent", g_object_ref (agent), g_object_unref);
  g_object_set_data_full (G_OBJECT (dialog), "rows", rows, (GDestroyNotify) g_ptr_array_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (skills_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Messages ---------------------------------------------------------------- */

typedef struct
{
  PltAgentActions *self;
  PltAgent        *agent;
  gboolean         to_team;
} MessageCall;

static void
message_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  MessageCall *call = user_data;
  PltAgentActions *self = call->self;
  g_autoptr(GError) error = NULL;

  if (!plt_client_command_finish (PLT_CLIENT (source), result, &error))
    toast_refusal (self, agent_name (call->agent), plt_agent_get_team_id (call->agent), error);
  else if (call->to_team)
    toast (self, _("Message sent to %s"), team_name (self, plt_agent_get_team_id (call->agent)));
  else
    toast (self, _("Message sent to %s"), agent_name (call->agent));

  g_object_unref (call->self);
  g_object_unref (call->agent);
  g_free (call);
}

static void
message_acknowledged_cb (PltAgentActions *self,
                         const char      *command_id,
                         const char      *agent_id,
                         gint64           at,
                         PltClient       *client)
{
  PltAgent *agent = g_hash_table_lookup (self->messages, command_id != NULL ? command_id : "");

  /* Said for a message to one agent; a team's would make a toast each. */
  if (agent == NULL || g_strcmp0 (plt_agent_get_id (agent), agent_id) != 0)
    return;

  toast (self, _("%s read your message"), agent_name (agent));
  g_hash_table_remove (self->messages, command_id);
}

static void
message_text_changed_cb (GtkEditable      *entry,
                         AdwMessageDialog *dialog)
{
  const char *text = gtk_editable_get_text (entry);

  adw_message_dialog_set_response_enabled (dialog, "send", g_utf8_strlen (text, -1) > 0 &&
                                                          strlen (text) <= PLT_PROTOCOL_MAX_MESSAGE_TEXT);
}

static void
message_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     PltAgentActions  *self)
{
  PltAgent *agent = g_object_get_data (G_OBJECT (dialog), "agent");
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  gboolean to_team = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "to-team"));
  g_autofree char *text = NULL;
  g_autofree char *id = NULL;
  MessageCall *call;

  if (g_strcmp0 (response, "send") != 0 || agent == NULL || self->client == NULL)
    return;

  text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  if (text[0] == '\0')
    return;

  call = g_new0 (MessageCall, 1);
  call->self = g_object_ref (self);
  call->agent = g_object_ref (agent);
  call->to_team = to_team;
  id = plt_client_send_message (self->client,
                                to_team ? NULL : plt_agent_get_id (agent),
                                to_team ? plt_agent_get_team_id (agent) : NULL,
                                text, self->cancellable, message_done_cb, call);
  if (!to_team)
    g_hash_table_insert (self->messages, g_steal_pointer (&id), g_object_ref (agent));
}

static void
message_activate_cb (GtkEntry         *entry,
                     AdwMessageDialog *dialog)
{
  if (adw_message_dialog_get_response_enabled (dialog, "send"))
    adw_message_dialog_response (dialog, "send");
}

void
plt_agent_actions_write (PltAgentActions *self,
                         PltAgent        *agent,
                         gboolean         to_team)
{
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  g_return_if_fail (PLT_IS_AGENT_ACTIONS (self));
  g_return_if_fail (PLT_IS_AGENT (agent));

  if (to_team)
    heading = g_strdup_printf (_("Message to %s"), team_name (self, plt_agent_get_team_id (agent)));
  else
    heading = g_strdup_printf (_("Message to %s"), agent_name (agent));

  dialog = new_dialog (self, heading,
                       to_team ? _("Every agent of the team sees it on their screen.")
                               : _("The agent sees it on their screen."));

  entry = gtk_entry_new ();
  gtk_entry_set_max_length (GTK_ENTRY (entry), PLT_PROTOCOL_MAX_MESSAGE_TEXT);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Write your message"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Message"), -1);
  adw_message_dialog_set_extra_child (dialog, entry);

  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "send", _("_Send"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "send", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "send", FALSE);
  adw_message_dialog_set_default_response (dialog, "send");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "agent", g_object_ref (agent), g_object_unref);
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_object_set_data (G_OBJECT (dialog), "to-team", GINT_TO_POINTER (to_team));
  g_signal_connect_object (entry, "changed", G_CALLBACK (message_text_changed_cb), dialog, 0);
  g_signal_connect_object (entry, "activate", G_CALLBACK (message_activate_cb), dialog, 0);
  g_signal_connect_object (dialog, "response", G_CALLBACK (message_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* GObject ----------------------------------------------------------------- */

static void
plt_agent_actions_dispose (GObject *object)
{
  PltAgentActions *self = PLT_AGENT_ACTIONS (object);
  GHashTableIter iter;
  gpointer key, value;

  g_cancellable_cancel (self->cancellable);
  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  g_clear_weak_pointer (&self->dialog);
  g_clear_weak_pointer (&self->parent);
  g_clear_weak_pointer (&self->toasts);

  if (self->pending_logouts != NULL)
    {
      g_hash_table_iter_init (&iter, self->pending_logouts);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_signal_handler_disconnect (key, GPOINTER_TO_SIZE (value));
      g_hash_table_remove_all (self->pending_logouts);
    }

  if (self->client_signals != NULL)
    g_signal_group_set_target (self->client_signals, NULL);
  g_clear_object (&self->client_signals);
  g_clear_object (&self->client);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (plt_agent_actions_parent_class)->dispose (object);
}

static void
plt_agent_actions_finalize (GObject *object)
{
  PltAgentActions *self = PLT_AGENT_ACTIONS (object);

  g_clear_pointer (&self->pending_logouts, g_hash_table_unref);
  g_clear_pointer (&self->messages, g_hash_table_unref);
  g_clear_pointer (&self->last_toast, g_free);

  G_OBJECT_CLASS (plt_agent_actions_parent_class)->finalize (object);
}

static void
plt_agent_actions_class_init (PltAgentActionsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = plt_agent_actions_dispose;
  object_class->finalize = plt_agent_actions_finalize;
}

static void
plt_agent_actions_init (PltAgentActions *self)
{
  self->cancellable = g_cancellable_new ();
  self->pending_logouts = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->messages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->client_signals = g_signal_group_new (PLT_TYPE_CLIENT);
  g_signal_group_connect_swapped (self->client_signals, "message-acknowledged",
                                  G_CALLBACK (message_acknowledged_cb), self);
}

PltAgentActions *
plt_agent_actions_new (GtkWidget       *parent,
                       AdwToastOverlay *toasts)
{
  PltAgentActions *self = g_object_new (PLT_TYPE_AGENT_ACTIONS, NULL);

  g_set_weak_pointer (&self->parent, parent);
  g_set_weak_pointer (&self->toasts, toasts);

  return self;
}

void
plt_agent_actions_set_client (PltAgentActions *self,
                              PltClient       *client)
{
  g_return_if_fail (PLT_IS_AGENT_ACTIONS (self));
  g_return_if_fail (client == NULL || PLT_IS_CLIENT (client));

  if (g_set_object (&self->client, client))
    g_signal_group_set_target (self->client_signals, client);
}

PltClient *
plt_agent_actions_get_client (PltAgentActions *self)
{
  g_return_val_if_fail (PLT_IS_AGENT_ACTIONS (self), NULL);

  return self->client;
}

AdwMessageDialog *
_plt_agent_actions_get_dialog (PltAgentActions *self)
{
  g_return_val_if_fail (PLT_IS_AGENT_ACTIONS (self), NULL);

  return self->dialog;
}

const char *
_plt_agent_actions_get_last_toast (PltAgentActions *self)
{
  g_return_val_if_fail (PLT_IS_AGENT_ACTIONS (self), NULL);

  return self->last_toast;
}

guint
_plt_agent_actions_get_n_pending (PltAgentActions *self)
{
  g_return_val_if_fail (PLT_IS_AGENT_ACTIONS (self), 0);

  return g_hash_table_size (self->pending_logouts);
}
