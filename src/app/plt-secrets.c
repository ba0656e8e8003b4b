/* plt-secrets.c — router passwords in the desktop's keyring (the Secret Service, through libsecret)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "plt-secrets.h"

#define ATTRIBUTE_ROUTER "router"
#define ATTRIBUTE_USER   "user"

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    APPLICATION_ID ".Login", SECRET_SCHEMA_NONE,
    {
      { ATTRIBUTE_ROUTER, SECRET_SCHEMA_ATTRIBUTE_STRING },
      { ATTRIBUTE_USER, SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };

  return &schema;
}

static void
lookup_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *password = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, password, (GDestroyNotify) secret_password_free);
}

void
plt_secrets_lookup (const char          *router,
                    const char          *user,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (router != NULL && user != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, plt_secrets_lookup);
  secret_password_lookup (get_schema (), cancellable, lookup_cb, task,
                          ATTRIBUTE_ROUTER, router,
                          ATTRIBUTE_USER, user,
                          NULL);
}

char *
plt_secrets_lookup_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
store_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (secret_password_store_finish (result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
plt_secrets_store (const char          *router,
                   const char          *user,
                   const char          *password,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_autofree char *label = NULL;
  GTask *task;

  g_return_if_fail (router != NULL && user != NULL && password != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, plt_secrets_store);

  /* Translators: how the password shows in the desktop's keyring: the
   * user name, then the router's address */
  label = g_strdup_printf (_("Plateau: %s on %s"), user, router);
  secret_password_store (get_schema (), SECRET_COLLECTION_DEFAULT, label, password,
                         cancellable, store_cb, task,
                         ATTRIBUTE_ROUTER, router,
                         ATTRIBUTE_USER, user,
                         NULL);
}

gboolean
plt_secrets_store_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
forget_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  /* FALSE without an error: there was nothing to forget. */
  secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
plt_secrets_forget (const char          *router,
                    const char          *user,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (router != NULL && user != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, plt_secrets_forget);
  secret_password_clear (get_schema (), cancellable, forget_cb, task,
                         ATTRIBUTE_ROUTER, router,
                         ATTRIBUTE_USER, user,
                         NULL);
}

gboolean
plt_secrets_forget_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
plt_secrets_free (char *password)
{
  if (password != NULL)
    secret_password_free (password);
}

char *
plt_secrets_describe_error (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  /* No Secret Service on the session bus (no GNOME Keyring, no KWallet). */
  if (g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN) ||
      g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_NAME_HAS_NO_OWNER) ||
      g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SPAWN_SERVICE_NOT_FOUND) ||
      g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SPAWN_EXEC_FAILED) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) ||
      (error->domain == G_DBUS_ERROR && error->code == G_DBUS_ERROR_UNKNOWN_METHOD))
    /* Translators: why a password could not be kept or read */
    return g_strdup (_("no keyring"));

  if (error->domain == SECRET_ERROR && error->code == SECRET_ERROR_IS_LOCKED)
    return g_strdup (_("the keyring is locked"));

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_strdup (_("the keyring was not unlocked"));

  return g_strdup (error->message);
}
