/* plt-client-login.c — logging in to the router (POST /login before the
 * upgrade), secrets kept in memory only and wiped, and the router's
 * certificate checked against the system's CAs and an optional CA file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "plt-client-private.h"

/* Overwrites a secret before freeing it. */
static void
secret_free (char *secret)
{
  if (secret == NULL)
    return;

  explicit_bzero (secret, strlen (secret));
  g_free (secret);
}

void
_plt_client_secret_clear (char **secret)
{
  secret_free (g_steal_pointer (secret));
}


/* The extra CA file, on top of the system's: a certificate the system
 * refuses only for its issuer is checked again against it. */
static gboolean
accept_certificate_cb (SoupMessage          *message,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       gpointer              user_data)
{
  GTlsDatabase *database = user_data;
  g_autoptr(GSocketConnectable) identity = NULL;
  GTlsCertificateFlags flags;
  GUri *uri = soup_message_get_uri (message);

  if (database == NULL || errors != G_TLS_CERTIFICATE_UNKNOWN_CA)
    return FALSE;

  identity = g_network_address_new (g_uri_get_host (uri), (guint16) MAX (g_uri_get_port (uri), 0));
  flags = g_tls_database_verify_chain (database, certificate, G_TLS_DATABASE_PURPOSE_AUTHENTICATE_SERVER,
                                       identity, NULL, G_TLS_DATABASE_VERIFY_NONE, NULL, NULL);
  return flags == 0;
}

ConnectData *
_plt_client_connect_data_new (PltClient   *self,
                              SoupMessage *message)
{
  ConnectData *data = g_new0 (ConnectData, 1);

  data->self = self;
  data->cancellable = g_cancellable_new ();
  data->message = g_object_ref (message);
  data->timeout_source = g_timeout_add (self->connect_timeout_ms, _plt_client_connect_timeout_cb, data);
  g_source_set_name_by_id (data->timeout_source, "[plateau] client connect timeout");
  self->connecting = data;

  if (self->ca_database != NULL)
    g_signal_connect_data (message, "accept-certificate", G_CALLBACK (accept_certificate_cb),
                           g_object_ref (self->ca_database), (GClosureNotify) g_object_unref, 0);

  return data;
}

/* Retry-After of a response, in ms (seconds only; 0 when absent or bad). */
gint64
_plt_client_retry_after_ms (SoupMessage *message)
{
  const char *value = soup_message_headers_get_one (soup_message_get_response_headers (message), "Retry-After");
  guint64 seconds;

  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 0, 3600, &seconds, NULL))
    return 0;

  return (gint64) seconds * 1000;
}

/* Why a certificate was refused, for a supervisor. */
void
_plt_client_fail_tls (PltClient            *self,
                      GTlsCertificateFlags  errors)
{
  const char *reason;
  g_autofree char *why = NULL;

  if (errors & G_TLS_CERTIFICATE_UNKNOWN_CA)
    reason = _("it is self-signed or signed by an unknown authority");
  else if (errors & G_TLS_CERTIFICATE_BAD_IDENTITY)
    reason = _("it was issued for another address");
  else if (errors & G_TLS_CERTIFICATE_EXPIRED)
    reason = _("it has expired");
  else if (errors & G_TLS_CERTIFICATE_NOT_ACTIVATED)
    reason = _("it is not valid yet");
  else if (errors & G_TLS_CERTIFICATE_REVOKED)
    reason = _("it was revoked");
  else if (errors & G_TLS_CERTIFICATE_INSECURE)
    reason = _("it uses an insecure algorithm");
  else
    reason = _("it could not be checked");

  why = g_strdup_printf (_("The router’s certificate is not trusted: %s"), reason);
  if (errors == 0)
    errors = G_TLS_CERTIFICATE_GENERIC_ERROR;
  if (self->tls_errors != errors)
    {
      self->tls_errors = errors;
      g_object_notify_by_pspec (G_OBJECT (self), _plt_client_properties[PROP_TLS_ERRORS]);
    }
  _plt_client_fail (self, why, SOUP_WEBSOCKET_CLOSE_NORMAL);
}

/* The /login URI next to @self->uri: ws → http, wss → https. */
static char *
login_uri (PltClient *self)
{
  g_autoptr(GUri) uri = g_uri_parse (self->uri, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GUri) login = NULL;

  if (uri == NULL)
    return NULL;

  login = g_uri_build (G_URI_FLAGS_NONE,
                       g_strcmp0 (g_uri_get_scheme (uri), "wss") == 0 ? "https" : "http",
                       NULL, g_uri_get_host (uri), g_uri_get_port (uri), LOGIN_PATH, NULL, NULL);
  return g_uri_to_string (login);
}

static void
login_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  ConnectData *data = user_data;
  PltClient *self = data->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonParser) parser = NULL;
  GTlsCertificateFlags tls_errors;
  const char *token = NULL;
  guint status;

  body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);

  if (self == NULL)
    {
      _plt_client_connect_data_free (data);
      return;
    }
  self->connecting = NULL;

  status = soup_message_get_status (data->message);
  tls_errors = soup_message_get_tls_peer_certificate_errors (data->message);

  if (body == NULL)
    {
      g_autofree char *why = _plt_client_describe_connect_error (self, data, error);

      g_debug ("Could not log in to %s: %s", self->address, error->message);
      if (tls_errors != 0 || g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE))
        {
          _plt_client_connect_data_free (data);
          _plt_client_fail_tls (self, tls_errors);
          return;
        }
      _plt_client_connect_data_free (data);
      _plt_client_lose_link (self, why, FALSE);
      return;
    }

  /* The router answered: the password has done its work. */
  if (status == SOUP_STATUS_OK || status == SOUP_STATUS_UNAUTHORIZED || status == 429)
    _plt_client_secret_clear (&self->login_password);

  if (status == SOUP_STATUS_UNAUTHORIZED)
    {
      _plt_client_connect_data_free (data);
      _plt_client_need_login (self, _("Wrong user name or password"));
      return;
    }

  if (status == 429)
    {
      gint64 wait_s = (_plt_client_retry_after_ms (data->message) + 999) / 1000;
      g_autofree char *why = NULL;

      why = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Too many failed logins; try again in %u second",
                                          "Too many failed logins; try again in %u seconds",
                                          (gulong) wait_s),
                             (guint) wait_s);
      _plt_client_connect_data_free (data);
      _plt_client_need_login (self, why);
      return;
    }

  parser = json_parser_new_immutable ();
  if (status == SOUP_STATUS_OK &&
      json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), (gssize) g_bytes_get_size (body), NULL) &&
      json_parser_get_root (parser) != NULL && JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    token = json_object_get_string_member_with_default (json_node_get_object (json_parser_get_root (parser)),
                                                        "token", NULL);

  if (token == NULL)
    {
      g_autofree char *why = g_strdup_printf (_("The router at %s could not log you in (HTTP status %u)"),
                                              self->address, status);

      _plt_client_connect_data_free (data);
      _plt_client_lose_link (self, why, FALSE);
      return;
    }

  _plt_client_connect_data_free (data);
  _plt_client_secret_clear (&self->token);
  self->token = g_strdup (token);
  g_debug ("Logged in to %s as %s", self->address, self->login_user);
  _plt_client_start_connect (self);
}

void
_plt_client_start_login (PltClient *self)
{
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *uri = login_uri (self);
  ConnectData *data;
  char *text;
  gsize length;

  message = uri != NULL ? soup_message_new (SOUP_METHOD_POST, uri) : NULL;
  if (message == NULL)
    {
      g_autofree char *why = g_strdup_printf (_("“%s” is not a router address; it should look like ws://host:8765/acd"),
                                              self->uri);

      _plt_client_fail (self, why, 1000);
      return;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "user");
  json_builder_add_string_value (builder, self->login_user != NULL ? self->login_user : "");
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, self->login_password);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &length);
  /* The body holds the password: wiped when libsoup lets go of it. The
   * builder's copy goes with the builder. */
  body = g_bytes_new_with_free_func (text, length, (GDestroyNotify) secret_free, text);
  soup_message_set_request_body_from_bytes (message, "application/json", body);

  _plt_client_set_state (self, PLT_CONNECTION_STATE_CONNECTING);
  data = _plt_client_connect_data_new (self, message);
  data->login = TRUE;
  soup_session_send_and_read_async (self->session, message, G_PRIORITY_DEFAULT, data->cancellable,
                                    login_cb, data);
}
