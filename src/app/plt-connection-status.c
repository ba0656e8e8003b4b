/* plt-connection-status.c — the state of the link to the router, in words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "plt-connection-status.h"
#include "plt-enums.h"
#include "plt-ui-format.h"

struct _PltConnectionStatus
{
  GObject             parent_instance;

  PltClient          *client;
  GSignalGroup       *client_signals;

  PltConnectionState  state;
  char               *label;
  const char         *icon_name;
  const char         *css_class;
  char               *message;
  char               *details;
  char               *last_update_text;

  guint               countdown_id;

  guint               live : 1;
  guint               can_reconnect : 1;
};

G_DEFINE_FINAL_TYPE (PltConnectionStatus, plt_connection_status, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_STATE,
  PROP_LIVE,
  PROP_CAN_RECONNECT,
  PROP_LABEL,
  PROP_ICON_NAME,
  PROP_CSS_CLASS,
  PROP_MESSAGE,
  PROP_DETAILS,
  PROP_LAST_UPDATE_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void update (PltConnectionStatus *self);

/* Whole seconds until the next attempt, rounded up; 0 when it is due. */
static int
seconds_until_retry (PltClient *client,
                     gint64    *remaining_us)
{
  gint64 retry_at = plt_client_get_retry_at (client);
  gint64 remaining;

  if (retry_at <= 0)
    {
      *remaining_us = 0;
      return 0;
    }

  remaining = retry_at - g_get_monotonic_time ();
  *remaining_us = MAX (0, remaining);

  if (remaining <= 0)
    return 0;

  return (int) ((remaining + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
}

static gboolean
countdown_cb (gpointer user_data)
{
  PltConnectionStatus *self = user_data;

  self->countdown_id = 0;
  update (self);

  return G_SOURCE_REMOVE;
}

/* Runs the countdown so that the label changes right when a whole second
 * goes by, and only while a reconnection is scheduled. */
static void
schedule_countdown (PltConnectionStatus *self,
                    int                  seconds,
                    gint64               remaining_us)
{
  gint64 until_next_us;

  g_clear_handle_id (&self->countdown_id, g_source_remove);

  if (seconds <= 0)
    return;

  until_next_us = remaining_us - (gint64) (seconds - 1) * G_USEC_PER_SEC;
  self->countdown_id = g_timeout_add_full (G_PRIORITY_DEFAULT,
                                           (guint) MAX (1, (until_next_us + 999) / 1000),
                                           countdown_cb, self, NULL);
  g_source_set_name_by_id (self->countdown_id, "[plateau] reconnection countdown");
}

static void
append_part (GString    *string,
             const char *part)
{
  if (string->len > 0)
    /* Translators: separates the parts of the connection banner,
     * "Connection lost — last update 10:42:07 — reconnecting in 4 s" */
    g_string_append (string, _(" — "));
  g_string_append (string, part);
}

static char *
build_message (PltConnectionState  state,
               const char         *last_update,
               const char         *last_error,
               int                 seconds)
{
  g_autoptr(GString) string = g_string_new (NULL);
  gboolean had_data = last_update != NULL;

  switch (state)
    {
    case PLT_CONNECTION_STATE_LIVE:
      return NULL;

    case PLT_CONNECTION_STATE_CONNECTING:
      if (!had_data)
        return NULL;
      append_part (string, _("Connecting to the router"));
      break;

    case PLT_CONNECTION_STATE_SYNCING:
      if (!had_data)
        return NULL;
      append_part (string, _("Syncing with the router"));
      break;

    case PLT_CONNECTION_STATE_RECONNECTING:
      append_part (string, had_data ? _("Connection lost") : _("Cannot reach the router"));
      break;

    case PLT_CONNECTION_STATE_FAILED:
      append_part (string, _("Connection failed"));
      if (last_error != NULL)
        append_part (string, last_error);
      break;

    case PLT_CONNECTION_STATE_NEEDS_LOGIN:
      append_part (string, _("Login needed"));
      if (last_error != NULL)
        append_part (string, last_error);
      break;

    case PLT_CONNECTION_STATE_DISCONNECTED:
    default:
      append_part (string, _("Disconnected"));
      break;
    }

  if (had_data)
    {
      g_autofree char *part = g_strdup_printf (_("last update %s"), last_update);
      append_part (string, part);
    }

  if (state == PLT_CONNECTION_STATE_RECONNECTING)
    {
      if (seconds > 0)
        {
          g_autofree char *part = NULL;

          part = g_strdup_printf (ngettext ("reconnecting in %d s",
                                            "reconnecting in %d s",
                                            seconds),
                                  seconds);
          append_part (string, part);
        }
      else
        append_part (string, _("reconnecting…"));
    }

  return g_string_free (g_steal_pointer (&string), FALSE);
}

static char *
build_details (PltClient  *client,
               const char *last_update)
{
  g_autoptr(GString) string = g_string_new (NULL);
  const char *last_error;

  if (client == NULL || plt_client_get_uri (client) == NULL)
    return g_strdup (_("Not connected to a router"));

  g_string_append_printf (string, _("Router: %s"), plt_client_get_uri (client));

  if (last_update != NULL)
    {
      g_string_append_c (string, '\n');
      g_string_append_printf (string, _("Last update: %s"), last_update);
    }

  last_error = plt_client_get_last_error (client);
  if (last_error != NULL && last_error[0] != '\0')
    {
      g_string_append_c (string, '\n');
      g_string_append_printf (string, _("Last problem: %s"), last_error);
    }

  return g_string_free (g_steal_pointer (&string), FALSE);
}

static gboolean
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static void
update (PltConnectionStatus *self)
{
  PltConnectionState state = PLT_CONNECTION_STATE_DISCONNECTED;
  g_autofree char *label = NULL;
  g_autofree char *message = NULL;
  g_autofree char *details = NULL;
  g_autofree char *last_update = NULL;
  const char *icon_name;
  const char *css_class;
  const char *last_error = NULL;
  gint64 remaining_us = 0;
  gboolean live;
  gboolean can_reconnect;
  int seconds = 0;

  g_assert (PLT_IS_CONNECTION_STATUS (self));

  if (self->client != NULL)
    {
      state = plt_client_get_state (self->client);
      last_update = plt_format_time_of_day (plt_client_get_last_update (self->client));
      last_error = plt_client_get_last_error (self->client);
      if (last_error != NULL && last_error[0] == '\0')
        last_error = NULL;
    }

  switch (state)
    {
    case PLT_CONNECTION_STATE_CONNECTING:
      label = g_strdup (_("Connecting…"));
      icon_name = "emblem-synchronizing-symbolic";
      css_class = "connection-connecting";
      break;

    case PLT_CONNECTION_STATE_SYNCING:
      label = g_strdup (_("Syncing…"));
      icon_name = "emblem-synchronizing-symbolic";
      css_class = "connection-syncing";
      break;

    case PLT_CONNECTION_STATE_LIVE:
      /* Translators: the console follows the router in real time */
      label = g_strdup (_("Live"));
      icon_name = "media-record-symbolic";
      css_class = "connection-live";
      break;

    case PLT_CONNECTION_STATE_RECONNECTING:
      seconds = seconds_until_retry (self->client, &remaining_us);
      if (seconds > 0)
        label = g_strdup_printf (ngettext ("Reconnecting in %d s",
                                           "Reconnecting in %d s",
                                           seconds),
                                 seconds);
      else
        label = g_strdup (_("Reconnecting…"));
      icon_name = "network-error-symbolic";
      css_class = "connection-reconnecting";
      break;

    case PLT_CONNECTION_STATE_FAILED:
      label = g_strdup (_("Connection failed"));
      icon_name = "dialog-error-symbolic";
      css_class = "connection-failed";
      break;

    case PLT_CONNECTION_STATE_NEEDS_LOGIN:
      /* Translators: the router wants the supervisor to log in */
      label = g_strdup (_("Login needed"));
      icon_name = "dialog-password-symbolic";
      css_class = "connection-failed";
      break;

    case PLT_CONNECTION_STATE_DISCONNECTED:
    default:
      label = g_strdup (self->client != NULL ? _("Disconnected") : _("Not connected"));
      icon_name = "network-offline-symbolic";
      css_class = "connection-disconnected";
      break;
    }

  schedule_countdown (self, seconds, remaining_us);

  live = state == PLT_CONNECTION_STATE_LIVE;
  can_reconnect = self->client != NULL &&
                  plt_client_get_uri (self->client) != NULL &&
                  (state == PLT_CONNECTION_STATE_RECONNECTING ||
                   state == PLT_CONNECTION_STATE_DISCONNECTED ||
                   state == PLT_CONNECTION_STATE_FAILED);

  if (self->client != NULL && plt_client_get_uri (self->client) != NULL)
    message = build_message (state, last_update, last_error, seconds);
  details = build_details (self->client, last_update);

  g_object_freeze_notify (G_OBJECT (self));

  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }

  if (self->live != live)
    {
      self->live = live;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIVE]);
    }

  if (self->can_reconnect != can_reconnect)
    {
      self->can_reconnect = can_reconnect;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_RECONNECT]);
    }

  if (set_string (&self->label, label))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);

  if (g_strcmp0 (self->icon_name, icon_name) != 0)
    {
      self->icon_name = icon_name;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ICON_NAME]);
    }

  if (g_strcmp0 (self->css_class, css_class) != 0)
    {
      self->css_class = css_class;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CSS_CLASS]);
    }

  if (set_string (&self->message, message))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);

  if (set_string (&self->details, details))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DETAILS]);

  if (set_string (&self->last_update_text, last_update))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_UPDATE_TEXT]);

  g_object_thaw_notify (G_OBJECT (self));
}

static void
client_changed_cb (PltConnectionStatus *self)
{
  update (self);
}

static void
plt_connection_status_dispose (GObject *object)
{
  PltConnectionStatus *self = (PltConnectionStatus *)object;

  g_clear_handle_id (&self->countdown_id, g_source_remove);
  if (self->client_signals != NULL)
    g_signal_group_set_target (self->client_signals, NULL);
  g_clear_object (&self->client_signals);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (plt_connection_status_parent_class)->dispose (object);
}

static void
plt_connection_status_finalize (GObject *object)
{
  PltConnectionStatus *self = (PltConnectionStatus *)object;

  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->details, g_free);
  g_clear_pointer (&self->last_update_text, g_free);

  G_OBJECT_CLASS (plt_connection_status_parent_class)->finalize (object);
}

static void
plt_connection_status_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  PltConnectionStatus *self = PLT_CONNECTION_STATUS (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_LIVE:
      g_value_set_boolean (value, self->live);
      break;

    case PROP_CAN_RECONNECT:
      g_value_set_boolean (value, self->can_reconnect);
      break;

    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;

    case PROP_ICON_NAME:
      g_value_set_string (value, self->icon_name);
      break;

    case PROP_CSS_CLASS:
      g_value_set_string (value, self->css_class);
      break;

    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;

    case PROP_DETAILS:
      g_value_set_string (value, self->details);
      break;

    case PROP_LAST_UPDATE_TEXT:
      g_value_set_string (value, self->last_update_text);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
plt_connection_status_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  PltConnectionStatus *self = PLT_CONNECTION_STATUS (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      plt_connection_status_set_client (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
plt_connection_status_class_init (PltConnectionStatusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = plt_connection_status_dispose;
  object_class->finalize = plt_connection_status_finalize;
  object_class->get_property = plt_connection_status_get_property;
  object_class->set_property = plt_connection_status_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         PLT_TYPE_CLIENT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       PLT_TYPE_CONNECTION_STATE,
                       PLT_CONNECTION_STATE_DISCONNECTED,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_LIVE] =
    g_param_spec_boolean ("live", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_CAN_RECONNECT] =
    g_param_spec_boolean ("can-reconnect", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_ICON_NAME] =
    g_param_spec_string ("icon-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_CSS_CLASS] =
    g_param_spec_string ("css-class", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_DETAILS] =
    g_param_spec_string ("details", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_LAST_UPDATE_TEXT] =
    g_param_spec_string ("last-update-text", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
plt_connection_status_init (PltConnectionStatus *self)
{
  static const char * const client_properties[] = {
    "notify::state",
    "notify::uri",
    "notify::last-error",
    "notify::retry-at",
    "notify::last-update",
  };

  self->client_signals = g_signal_group_new (PLT_TYPE_CLIENT);
  for (guint i = 0; i < G_N_ELEMENTS (client_properties); i++)
    g_signal_group_connect_swapped (self->client_signals,
                                    client_properties[i],
                                    G_CALLBACK (client_changed_cb),
                                    self);

  self->state = PLT_CONNECTION_STATE_DISCONNECTED;
  update (self);
}

/**
 * plt_connection_status_new:
 * @client: (nullable): the client to follow
 *
 * Returns: (transfer full): a new #PltConnectionStatus
 */
PltConnectionStatus *
plt_connection_status_new (PltClient *client)
{
  g_return_val_if_fail (client == NULL || PLT_IS_CLIENT (client), NULL);

  return g_object_new (PLT_TYPE_CONNECTION_STATUS,
                       "client", client,
                       NULL);
}

PltClient *
plt_connection_status_get_client (PltConnectionStatus *self)
{
  g_return_val_if_fail (PLT_IS_CONNECTION_STATUS (self), NULL);

  return self->client;
}

void
plt_connection_status_set_client (PltConnectionStatus *self,
                                  PltClient           *client)
{
  g_return_if_fail (PLT_IS_CONNECTION_STATUS (self));
  g_return_if_fail (client == NULL || PLT_IS_CLIENT (client));

  if (!g_set_object (&self->client, client))
    return;

  g_signal_group_set_target (self->client_signals, client);
  update (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
}

PltConnectionState
plt_connection_status_get_state (PltConnectionStatus *self)
{
  g_return_val_if_fail (PLT_IS_CONNECTION_STATUS (self), PLT_CONNECTION_STATE_DISCONNECTED);

  return self->state;
}

gboolean
plt_connection_status_get_live (PltConnectionStatus *self)
{
  g_return_val_if_fail (PLT_IS_CONNECTION_STATUS (self), FALSE);

  return self->live;
}

gboolean
plt_connection_status_get_can_reconnect (PltConnectionStatus *self)
{
  g_return_val_if_fail (PLT_IS_CONNECTION_STATUS (self), FALSE);

  return self->can_reconnect;
}

const char *
plt_connection_status_get_label (PltConnectionStatus *self)
{
  g_return_val_if_fail (PLT_IS_CONNECTION_STATUS (self), NULL);

  return self->label;
}

const char *
plt_connection_status_get_icon_name (PltConnectionStatus *self)
{
  g_return_val_if_fail (PLT_IS_CONNECTION_STATUS (self), NULL);

  return self->icon_name;
}

const char *
plt_connection_status_get_css_class (PltConnectionStatus *self)
{
  g_return_val_if_fail (PLT_IS_CONNECTION_STATUS (self), NULL);

  return self->css_class;
}

const char *
plt_connection_status_get_message (PltConnectionStatus *self)
{
  g_return_val_if_fail (PLT_IS_CONNECTION_STATUS (self), NULL);

  return self->message;
}

const char *
plt_connection_status_get_details (PltConnectionStatus *self)
{
  g_return_val_if_fail (PLT_IS_CONNECTION_STATUS (self), NULL);

  return self->details;
}

const char *
plt_connection_status_get_last_update_text (PltConnectionStatus *self)
{
  g_return_val_if_fail (PLT_IS_CONNECTION_STATUS (self), NULL);

  return self->last_update_text;
}

void
plt_connection_status_reconnect (PltConnectionStatus *self)
{
  g_return_if_fail (PLT_IS_CONNECTION_STATUS (self));

  if (!self->can_reconnect)
    return;

  if (self->state == PLT_CONNECTION_STATE_RECONNECTING)
    plt_client_reconnect_now (self->client);
  else
    {
      g_autofree char *uri = g_strdup (plt_client_get_uri (self->client));
      plt_client_connect (self->client, uri);
    }
}
