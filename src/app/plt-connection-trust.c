/* plt-connection-trust.c — who the console is to the router, and whether the router can be trusted
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "plt-certificate-dialog.h"
#include "plt-connection-trust.h"
#include "plt-login-dialog.h"
#include "plt-secrets.h"

#define SETTINGS_KEY_LOGIN_USER "login-user"

struct _PltConnectionTrust
{
  GObject         parent_instance;

  PltClient      *client;
  GSettings      *settings;
  PltParentFunc   parent_func;
  gpointer        parent_data;
  GCancellable   *cancellable;
  GtkWindow      *login_dialog;        /* weak */
  GtkWindow      *certificate_dialog;  /* weak */

  guint           asks_login : 1;
  guint           keyring_tried : 1;   /* since the last time live */
  guint           looking_up : 1;
  guint           certificate_told : 1;
};

G_DEFINE_FINAL_TYPE (PltConnectionTrust, plt_connection_trust, G_TYPE_OBJECT)

enum {
  SIGNAL_TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkWindow *
get_parent (PltConnectionTrust *self)
{
  return self->parent_func != NULL ? self->parent_func (self->parent_data) : NULL;
}

static char *
dup_saved_user (PltConnectionTrust *self)
{
  return self->settings != NULL ? g_settings_get_string (self->settings, SETTINGS_KEY_LOGIN_USER) : NULL;
}

static void
secret_failed_cb (PltConnectionTrust *self,
                  const char         *message)
{
  g_signal_emit (self, signals[SIGNAL_TOAST], 0, message);
}

static void
show_login_dialog (PltConnectionTrust *self,
                   gboolean            remember)
{
  GtkWidget *dialog;

  if (self->login_dialog != NULL)
    {
      gtk_window_present (self->login_dialog);
      return;
    }

  dialog = plt_login_dialog_new (get_parent (self), self->client, self->settings);
  plt_login_dialog_set_remember (PLT_LOGIN_DIALOG (dialog), remember);
  g_signal_connect_object (dialog, "secret-failed", G_CALLBACK (secret_failed_cb), self, G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->login_dialog, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
lookup_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  PltConnectionTrust *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *user = NULL;
  char *password;

  password = plt_secrets_lookup_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->looking_up = FALSE;

  /* The state may have moved on meanwhile. */
  if (plt_client_get_state (self->client) != PLT_CONNECTION_STATE_NEEDS_LOGIN)
    {
      plt_secrets_free (password);
      return;
    }

  if (password == NULL)
    {
      if (error != NULL)
        g_debug ("No password from the keyring: %s", error->message);
      show_login_dialog (self, FALSE);
      return;
    }

  /* Kept before: log in without asking. The client wipes its copy once
   * the router answered; this one goes now. */
  user = dup_saved_user (self);
  g_debug ("Logging in to %s as %s with the password kept in the keyring",
           plt_client_get_uri (self->client), user);
  plt_client_set_credentials (self->client, user, password);
  plt_secrets_free (password);
  plt_client_connect (self->client, plt_client_get_uri (self->client));
}

static void
needs_login (PltConnectionTrust *self)
{
  g_autofree char *user = NULL;

  if (!self->asks_login || self->looking_up)
    return;

  user = dup_saved_user (self);

  /* The keyring once; if its password is refused too, ask. */
  if (!self->keyring_tried && user != NULL && user[0] != '\0' && plt_client_get_uri (self->client) != NULL)
    {
      self->keyring_tried = TRUE;
      self->looking_up = TRUE;
      plt_secrets_lookup (plt_client_get_uri (self->client), user, self->cancellable, lookup_cb, self);
      return;
    }

  /* A password was kept (refused now): the switch stays on. */
  show_login_dialog (self, self->keyring_tried);
}

static void
client_state_cb (PltConnectionTrust *self)
{
  switch (plt_client_get_state (self->client))
    {
    case PLT_CONNECTION_STATE_NEEDS_LOGIN:
      needs_login (self);
      break;

    case PLT_CONNECTION_STATE_FAILED:
      if (plt_client_get_tls_errors (self->client) != 0 && !self->certificate_told)
        {
          self->certificate_told = TRUE;
          plt_connection_trust_show_certificate (self);
        }
      break;

    case PLT_CONNECTION_STATE_LIVE:
      /* A later expiry may use the keyring again. */
      self->keyring_tried = FALSE;
      self->certificate_told = FALSE;
      break;

    case PLT_CONNECTION_STATE_CONNECTING:
      /* A new attempt (a CA file chosen, reconnect now): a new failure is
       * told again. */
      self->certificate_told = FALSE;
      break;

    case PLT_CONNECTION_STATE_SYNCING:
    case PLT_CONNECTION_STATE_RECONNECTING:
    case PLT_CONNECTION_STATE_DISCONNECTED:
    default:
      break;
    }
}

static void
plt_connection_trust_dispose (GObject *object)
{
  PltConnectionTrust *self = PLT_CONNECTION_TRUST (object);

  g_cancellable_cancel (self->cancellable);
  if (self->client != NULL)
    g_signal_handlers_disconnect_by_data (self->client, self);
  if (self->login_dialog != NULL)
    gtk_window_destroy (self->login_dialog);
  if (self->certificate_dialog != NULL)
    gtk_window_destroy (self->certificate_dialog);
  g_clear_weak_pointer (&self->login_dialog);
  g_clear_weak_pointer (&self->certificate_dialog);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (plt_connection_trust_parent_class)->dispose (object);
}

static void
plt_connection_trust_class_init (PltConnectionTrustClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = plt_connection_trust_dispose;

  signals[SIGNAL_TOAST] =
    g_signal_new ("toast",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
plt_connection_trust_init (PltConnectionTrust *self)
{
  self->asks_login = TRUE;
  self->cancellable = g_cancellable_new ();
}

/**
 * plt_connection_trust_new:
 * @client: the client to follow
 * @settings: (nullable): the application's settings
 *
 * Returns: (transfer full): a new #PltConnectionTrust
 */
PltConnectionTrust *
plt_connection_trust_new (PltClient *client,
                          GSettings *settings)
{
  PltConnectionTrust *self;

  g_return_val_if_fail (PLT_IS_CLIENT (client), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  self = g_object_new (PLT_TYPE_CONNECTION_TRUST, NULL);
  self->client = g_object_ref (client);
  g_set_object (&self->settings, settings);
  g_signal_connect_object (client, "notify::state", G_CALLBACK (client_state_cb), self, G_CONNECT_SWAPPED);

  return self;
}

void
plt_connection_trust_set_parent_func (PltConnectionTrust *self,
                                      PltParentFunc       func,
                                      gpointer            user_data)
{
  g_return_if_fail (PLT_IS_CONNECTION_TRUST (self));

  self->parent_func = func;
  self->parent_data = user_data;
}

void
plt_connection_trust_set_asks_login (PltConnectionTrust *self,
                                     gboolean            asks_login)
{
  g_return_if_fail (PLT_IS_CONNECTION_TRUST (self));

  self->asks_login = !!asks_login;
}

void
plt_connection_trust_login (PltConnectionTrust *self)
{
  g_return_if_fail (PLT_IS_CONNECTION_TRUST (self));

  show_login_dialog (self, FALSE);
}

void
plt_connection_trust_show_certificate (PltConnectionTrust *self)
{
  AdwMessageDialog *dialog;

  g_return_if_fail (PLT_IS_CONNECTION_TRUST (self));

  if (plt_client_get_tls_errors (self->client) == 0)
    return;

  if (self->certificate_dialog != NULL)
    gtk_window_destroy (self->certificate_dialog);

  dialog = plt_certificate_dialog_new (get_parent (self), self->client, self->settings, NULL);
  g_set_weak_pointer (&self->certificate_dialog, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

GtkWindow *
plt_connection_trust_get_login_dialog (PltConnectionTrust *self)
{
  g_return_val_if_fail (PLT_IS_CONNECTION_TRUST (self), NULL);

  return self->login_dialog;
}

GtkWindow *
plt_connection_trust_get_certificate_dialog (PltConnectionTrust *self)
{
  g_return_val_if_fail (PLT_IS_CONNECTION_TRUST (self), NULL);

  return self->certificate_dialog;
}
