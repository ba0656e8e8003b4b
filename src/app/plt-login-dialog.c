/* plt-login-dialog.c — asks who the supervisor is, when the router wants to know
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "plt-login-dialog-private.h"
#include "plt-secrets.h"

#define SETTINGS_KEY_LOGIN_USER "login-user"

struct _PltLoginDialog
{
  AdwWindow         parent_instance;

  /* Template children */
  AdwWindowTitle   *window_title;
  GtkStack         *login_stack;
  GtkSpinner       *spinner;
  GtkLabel         *intro_label;
  GtkRevealer      *error_revealer;
  GtkLabel         *error_label;
  AdwEntryRow      *user_row;
  AdwEntryRow      *password_row;
  GtkSwitch        *remember_switch;

  PltClient        *client;
  GSettings        *settings;
  GSignalGroup     *client_signals;
  GCancellable     *cancellable;

  /* While logging in: who, and the password to keep once it worked */
  char             *pending_user;
  char             *pending_password;

  guint             busy : 1;
};

G_DEFINE_FINAL_TYPE (PltLoginDialog, plt_login_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_SECRET_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
wipe (char **secret)
{
  if (*secret != NULL)
    {
      explicit_bzero (*secret, strlen (*secret));
      g_clear_pointer (secret, g_free);
    }
}

static void
show_error (PltLoginDialog *self,
            const char     *message)
{
  if (message != NULL && message[0] != '\0')
    gtk_label_set_label (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL && message[0] != '\0');
}

static void
set_busy (PltLoginDialog *self,
          gboolean        busy)
{
  self->busy = !!busy;

  gtk_stack_set_visible_child_name (self->login_stack, busy ? "busy" : "label");
  gtk_spinner_set_spinning (self->spinner, busy);
  /* Read-only rather than insensitive: the focus stays where it is (GTK
   * 4.8 loses track of a focused entry made insensitive). */
  gtk_editable_set_editable (GTK_EDITABLE (self->user_row), !busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->password_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->remember_switch), !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "login.submit", !busy);
}

static void
update_intro (PltLoginDialog *self)
{
  g_autoptr(GUri) uri = NULL;
  const char *host = NULL;
  g_autofree char *text = NULL;

  if (plt_client_get_uri (self->client) != NULL)
    uri = g_uri_parse (plt_client_get_uri (self->client), G_URI_FLAGS_NONE, NULL);
  if (uri != NULL)
    host = g_uri_get_host (uri);

  adw_window_title_set_subtitle (self->window_title, host);
  /* Translators: %s is the router's host name */
  text = g_strdup_printf (_("The router at %s follows its users’ roles: log in with the account your administrator gave you."),
                          host != NULL ? host : plt_client_get_uri (self->client));
  gtk_label_set_label (self->intro_label, text);
}

static void
store_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(PltLoginDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!plt_secrets_store_finish (result, &error))
    {
      g_autofree char *why = plt_secrets_describe_error (error);
      /* Translators: %s says why, e.g. "no keyring" */
      g_autofree char *message = g_strdup_printf (_("Could not save the password: %s"), why);

      g_debug ("Keeping the password failed: %s", error->message);
      g_signal_emit (self, signals[SIGNAL_SECRET_FAILED], 0, message);
    }
}

static void
forget_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* Nothing was kept, or no keyring: nothing to tell. */
  if (!plt_secrets_forget_finish (result, &error))
    g_debug ("Forgetting the password: %s", error->message);
}

/* Logged in: keep what was asked, and go. */
static void
logged_in (PltLoginDialog *self)
{
  const char *router = plt_client_get_uri (self->client);

  if (self->settings != NULL && self->pending_user != NULL)
    g_settings_set_string (self->settings, SETTINGS_KEY_LOGIN_USER, self->pending_user);

  if (router != NULL && self->pending_user != NULL && self->pending_password != NULL)
    {
      if (gtk_switch_get_active (self->remember_switch))
        plt_secrets_store (router, self->pending_user, self->pending_password,
                           NULL, store_done_cb, g_object_ref (self));
      else
        plt_secrets_forget (router, self->pending_user, NULL, forget_done_cb, NULL);
    }

  /* libsecret copied it into its own memory. */
  wipe (&self->pending_password);
  set_busy (self, FALSE);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
client_state_cb (PltLoginDialog *self)
{
  PltConnectionState state = plt_client_get_state (self->client);

  switch (state)
    {
    case PLT_CONNECTION_STATE_LIVE:
    case PLT_CONNECTION_STATE_SYNCING:
      /* The router took the login: the snapshot is on its way. */
      if (self->busy)
        logged_in (self);
      break;

    case PLT_CONNECTION_STATE_NEEDS_LOGIN:
      /* Refused: ask again, with the router's reason. */
      wipe (&self->pending_password);
      set_busy (self, FALSE);
      show_error (self, plt_client_get_last_error (self->client));
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      break;

    case PLT_CONNECTION_STATE_FAILED:
      /* Not a login problem (a certificate, an old router): the console
       * says it elsewhere. */
      wipe (&self->pending_password);
      set_busy (self, FALSE);
      gtk_window_destroy (GTK_WINDOW (self));
      break;

    case PLT_CONNECTION_STATE_RECONNECTING:
      /* The network: the client tries again with the same credentials. */
      if (self->busy)
        show_error (self, plt_client_get_last_error (self->client));
      break;

    case PLT_CONNECTION_STATE_CONNECTING:
    case PLT_CONNECTION_STATE_DISCONNECTED:
    default:
      break;
    }
}

static void
submit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PltLoginDialog *self = PLT_LOGIN_DIALOG (widget);
  g_autofree char *user = NULL;
  const char *password;

  if (self->busy || self->client == NULL || plt_client_get_uri (self->client) == NULL)
    return;

  user = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->user_row))));
  password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

  if (user[0] == '\0')
    {
      show_error (self, _("Enter your user name"));
      gtk_widget_grab_focus (GTK_WIDGET (self->user_row));
      return;
    }
  if (password[0] == '\0')
    {
      show_error (self, _("Enter your password"));
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      return;
    }

  /* Out of the entry at once: the dialog keeps one copy, wiped when the
   * router has answered (and the keyring has it, if asked). */
  wipe (&self->pending_password);
  self->pending_password = g_strdup (password);
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  g_free (self->pending_user);
  self->pending_user = g_steal_pointer (&user);

  show_error (self, NULL);
  set_busy (self, TRUE);

  plt_client_set_credentials (self->client, self->pending_user, self->pending_password);
  plt_client_connect (self->client, plt_client_get_uri (self->client));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PltLoginDialog *self = PLT_LOGIN_DIALOG (widget);

  /* Half-way through a login: stop it, so that nothing goes on behind a
   * closed dialog. */
  if (self->busy && self->client != NULL)
    plt_client_disconnect (self->client);

  gtk_window_destroy (GTK_WINDOW (self));
}

static void
user_activated_cb (PltLoginDialog *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}

static void
password_activated_cb (PltLoginDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "login.submit", NULL);
}

static void
plt_login_dialog_dispose (GObject *object)
{
  PltLoginDialog *self = (PltLoginDialog *)object;

  if (self->client_signals != NULL)
    g_signal_group_set_target (self->client_signals, NULL);
  g_cancellable_cancel (self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), PLT_TYPE_LOGIN_DIALOG);

  g_clear_object (&self->client_signals);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_clear_object (&self->settings);
  wipe (&self->pending_password);

  G_OBJECT_CLASS (plt_login_dialog_parent_class)->dispose (object);
}

static void
plt_login_dialog_finalize (GObject *object)
{
  PltLoginDialog *self = (PltLoginDialog *)object;

  g_clear_pointer (&self->pending_user, g_free);
  wipe (&self->pending_password);

  G_OBJECT_CLASS (plt_login_dialog_parent_class)->finalize (object);
}

static void
plt_login_dialog_class_init (PltLoginDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = plt_login_dialog_dispose;
  object_class->finalize = plt_login_dialog_finalize;

  signals[SIGNAL_SECRET_FAILED] =
    g_signal_new ("secret-failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/plateau/Plateau/plt-login-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PltLoginDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, PltLoginDialog, login_stack);
  gtk_widget_class_bind_template_child (widget_class, PltLoginDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, PltLoginDialog, intro_label);
  gtk_widget_class_bind_template_child (widget_class, PltLoginDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, PltLoginDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, PltLoginDialog, user_row);
  gtk_widget_class_bind_template_child (widget_class, PltLoginDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, PltLoginDialog, remember_switch);
  gtk_widget_class_bind_template_callback (widget_class, user_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, password_activated_cb);

  gtk_widget_class_install_action (widget_class, "login.submit", NULL, submit_action);
  gtk_widget_class_install_action (widget_class, "login.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "login.cancel", NULL);
}

static void
plt_login_dialog_init (PltLoginDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->client_signals = g_signal_group_new (PLT_TYPE_CLIENT);
  g_signal_group_connect_swapped (self->client_signals, "notify::state",
                                  G_CALLBACK (client_state_cb), self);
}

/**
 * plt_login_dialog_new:
 * @parent: (nullable): the window it is modal to
 * @client: the client that needs a login
 * @settings: (nullable): where the user name is kept
 *
 * Returns: (transfer floating): a new #PltLoginDialog, not shown yet
 */
GtkWidget *
plt_login_dialog_new (GtkWindow *parent,
                      PltClient *client,
                      GSettings *settings)
{
  PltLoginDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PLT_IS_CLIENT (client), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  self = g_object_new (PLT_TYPE_LOGIN_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->client = g_object_ref (client);
  g_set_object (&self->settings, settings);
  g_signal_group_set_target (self->client_signals, client);

  if (settings != NULL)
    {
      g_autofree char *user = g_settings_get_string (settings, SETTINGS_KEY_LOGIN_USER);

      plt_login_dialog_set_user (self, user);
    }

  update_intro (self);
  if (plt_client_get_state (client) == PLT_CONNECTION_STATE_NEEDS_LOGIN)
    show_error (self, plt_client_get_last_error (client));
  set_busy (self, FALSE);

  return GTK_WIDGET (self);
}

PltClient *
plt_login_dialog_get_client (PltLoginDialog *self)
{
  g_return_val_if_fail (PLT_IS_LOGIN_DIALOG (self), NULL);

  return self->client;
}

void
plt_login_dialog_set_user (PltLoginDialog *self,
                           const char     *user)
{
  g_return_if_fail (PLT_IS_LOGIN_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->user_row), user != NULL ? user : "");
  /* Where the supervisor types next. */
  gtk_window_set_focus (GTK_WINDOW (self),
                        user != NULL && user[0] != '\0' ? GTK_WIDGET (self->password_row)
                                                        : GTK_WIDGET (self->user_row));
}

void
plt_login_dialog_set_remember (PltLoginDialog *self,
                               gboolean        remember)
{
  g_return_if_fail (PLT_IS_LOGIN_DIALOG (self));

  gtk_switch_set_active (self->remember_switch, remember);
}

GtkEditable *
_plt_login_dialog_get_user_row (PltLoginDialog *self)
{
  g_return_val_if_fail (PLT_IS_LOGIN_DIALOG (self), NULL);

  return GTK_EDITABLE (self->user_row);
}

GtkEditable *
_plt_login_dialog_get_password_row (PltLoginDialog *self)
{
  g_return_val_if_fail (PLT_IS_LOGIN_DIALOG (self), NULL);

  return GTK_EDITABLE (self->password_row);
}

const char *
_plt_login_dialog_get_error (PltLoginDialog *self)
{
  g_return_val_if_fail (PLT_IS_LOGIN_DIALOG (self), NULL);

  return gtk_revealer_get_reveal_child (self->error_revealer) ? gtk_label_get_label (self->error_label) : NULL;
}

gboolean
_plt_login_dialog_get_busy (PltLoginDialog *self)
{
  g_return_val_if_fail (PLT_IS_LOGIN_DIALOG (self), FALSE);

  return self->busy;
}

GtkSwitch *
_plt_login_dialog_get_remember_switch (PltLoginDialog *self)
{
  g_return_val_if_fail (PLT_IS_LOGIN_DIALOG (self), NULL);

  return self->remember_switch;
}
