/* plt-application.c — the plateau console application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "plt-alerts.h"
#include "plt-application.h"
#include "plt-client.h"
#include "plt-connection-trust.h"
#include "plt-preferences-window.h"
#include "plt-render.h"
#include "plt-router.h"
#include "plt-store.h"
#include "plt-ui-format.h"
#include "plt-wallboard-window-private.h"
#include "plt-window-private.h"

#define SCHEMA_ID                 "io.github.plateau.Plateau"
#define SETTINGS_KEY_SERVER_URL   "server-url"
#define SETTINGS_KEY_COLOR_SCHEME "color-scheme"
#define SETTINGS_KEY_CA_FILE      "ca-file"
#define SETTINGS_KEY_WALLBOARD_FULLSCREEN "wallboard-fullscreen"
#define SETTINGS_KEY_NOTIFICATIONS "alert-desktop-notifications"
#define SETTINGS_KEY_SOUND        "alert-sound"

/* How long --screenshot waits for the first snapshot. */
#define SCREENSHOT_TIMEOUT_S      20
/* Frames drawn after the snapshot before the picture is taken: the first
 * lays out the new rows and cards, the next ones draw them settled. */
#define SCREENSHOT_FRAMES         3
#define SCREENSHOT_WIDTH          1280
#define SCREENSHOT_HEIGHT         800
/* A wallboard's picture is its board on a 1080p screen. */
#define WALLBOARD_SCREENSHOT_WIDTH  1920
#define WALLBOARD_SCREENSHOT_HEIGHT 1080

/* After a refused login, how long before trying the credentials again (the
 * password file may have been fixed meanwhile); after an expired token,
 * at once. */
#define RELOGIN_AFTER_REFUSAL_S   60

struct _PltApplication
{
  AdwApplication   parent_instance;

  GSettings       *settings;
  PltClient       *client;
  PltRouterThread *demo_router;

  /* Logging in and the router's certificate, asked of the supervisor */
  PltConnectionTrust *trust;

  /* Alarms as desktop notifications and sound */
  PltAlertMonitor *alerts;
  GHashTable      *notified;       /* ids of the notifications shown */

  /* --user and --password-file: logging in again when a token expires */
  char            *login_user;
  char            *login_password_file;
  guint            relogin_id;
  gboolean         was_live;

  /* --wallboard: the wallboard alone, and --layout */
  PltWallboardLayout *wallboard_layout;
  GFile           *wallboard_layout_file;
  gboolean         wallboard_only;

  /* --screenshot */
  char            *screenshot_path;
  GtkWindow       *screenshot_window;
  guint            screenshot_timeout_id;
  guint            screenshot_tick_id;
  guint            screenshot_frames;
  guint            screenshot_after_s;   /* --screenshot-after */
  guint            screenshot_after_id;

  /* --queue: the queue whose page opens with the first snapshot */
  char            *start_queue;

  int              exit_status;
};

G_DEFINE_FINAL_TYPE (PltApplication, plt_application, ADW_TYPE_APPLICATION)

static const char * const settings_keys[] = {
  "server-url",
  "last-view",
  "window-width",
  "window-height",
  "window-maximized",
  "color-scheme",
  "column-layout",
  "wallboard-layout",
  "wallboard-fullscreen",
  "alert-desktop-notifications",
  "alert-sound",
  "alert-waiting-warning",
  "alert-waiting-alarm",
  "alert-longest-wait",
  "alert-service-level",
  "alert-projected-breach",
  "alert-queue-overrides",
  "ca-file",
  "login-user",
};

/* Settings are optional: the console runs (and is tested) without its
 * schema installed. */
static GSettings *
load_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source == NULL)
    return NULL;

  schema = g_settings_schema_source_lookup (source, SCHEMA_ID, TRUE);
  if (schema == NULL)
    {
      g_debug ("Schema %s not found: settings will not be kept", SCHEMA_ID);
      return NULL;
    }

  for (guint i = 0; i < G_N_ELEMENTS (settings_keys); i++)
    if (!g_settings_schema_has_key (schema, settings_keys[i]))
      {
        g_warning ("Schema %s has no key “%s”: settings will not be kept",
                   SCHEMA_ID, settings_keys[i]);
        return NULL;
      }

  return g_settings_new_full (schema, NULL, NULL);
}

static PltWindow *
get_main_window (PltApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (PLT_IS_WINDOW (l->data))
      return PLT_WINDOW (l->data);

  return NULL;
}

static PltWindow *
ensure_main_window (PltApplication *self)
{
  PltWindow *window = get_main_window (self);

  if (window == NULL)
    {
      /* A screenshot has a fixed size and leaves the settings alone. */
      GSettings *settings = self->screenshot_path != NULL ? NULL : self->settings;

      window = PLT_WINDOW (plt_window_new (GTK_APPLICATION (self), settings));
      if (self->screenshot_path != NULL)
        gtk_window_set_default_size (GTK_WINDOW (window), SCREENSHOT_WIDTH, SCREENSHOT_HEIGHT);
      plt_window_set_client (window, self->client);
      plt_planning_page_set_demo_forecast (_plt_window_get_planning_page (window), self->demo_router != NULL);
      plt_window_set_alerts (window, self->alerts);
    }

  return window;
}

/* Alarms --------------------------------------------------------------------- */

static char *
notification_id (const PltAlert *alert)
{
  return g_strdup_printf ("alarm-%u-%s", (guint) alert->kind, alert->queue_id);
}

static gboolean
any_window_active (PltApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (gtk_window_is_active (GTK_WINDOW (l->data)))
      return TRUE;

  return FALSE;
}

static void
alarm_raised_cb (PltApplication *self,
                 const PltAlert *alert)
{
  if (self->settings == NULL || self->wallboard_only || self->screenshot_path != NULL)
    return;

  if (g_settings_get_boolean (self->settings, SETTINGS_KEY_SOUND))
    gdk_display_beep (gdk_display_get_default ());

  /* The console's own boards show it while it is in front. */
  if (g_settings_get_boolean (self->settings, SETTINGS_KEY_NOTIFICATIONS) && !any_window_active (self))
    {
      g_autoptr(GNotification) notification = NULL;
      g_autofree char *id = notification_id (alert);

      notification = g_notification_new (alert->text);
      if (alert->kind == PLT_ALERT_KIND_PROJECTED_BREACH)
        g_notification_set_body (notification, _("The service level is heading below its target by the end of the quarter-hour"));
      else
        g_notification_set_body (notification, _("Over the alarm threshold"));
      g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
      /* Opens the queue; acknowledged, it is not told again until it ends
       * and comes back. */
      g_notification_set_default_action_and_target (notification, "app.show-queue", "s", alert->queue_id);
      g_notification_add_button_with_target (notification, _("Acknowledge"), "app.acknowledge-alert",
                                             "(su)", alert->queue_id, (guint32) alert->kind);
      g_application_send_notification (G_APPLICATION (self), id, notification);
      g_hash_table_add (self->notified, g_steal_pointer (&id));
    }
}

/* A notification goes when its alert ends, or is acknowledged. */
static void
alerts_changed_cb (PltApplication *self)
{
  g_autoptr(GHashTable) active = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *alerts = plt_alert_monitor_get_alerts (self->alerts);
  GHashTableIter iter;
  const char *id;

  if (g_hash_table_size (self->notified) == 0)
    return;

  for (guint i = 0; i < alerts->len; i++)
    {
      const PltAlert *alert = g_ptr_array_index (alerts, i);

      if (!alert->acknowledged &&
          (alert->level == PLT_ALERT_LEVEL_ALARM || alert->kind == PLT_ALERT_KIND_PROJECTED_BREACH))
        g_hash_table_add (active, notification_id (alert));
    }

  g_hash_table_iter_init (&iter, self->notified);
  while (g_hash_table_iter_next (&iter, (gpointer *) &id, NULL))
    if (!g_hash_table_contains (active, id))
      {
        g_application_withdraw_notification (G_APPLICATION (self), id);
        g_hash_table_iter_remove (&iter);
      }
}

static void
follow_alerts (PltApplication *self)
{
  GHashTableIter iter;
  const char *id;

  g_hash_table_iter_init (&iter, self->notified);
  while (g_hash_table_iter_next (&iter, (gpointer *) &id, NULL))
    g_application_withdraw_notification (G_APPLICATION (self), id);
  g_hash_table_remove_all (self->notified);

  if (self->alerts != NULL)
    g_signal_handlers_disconnect_by_data (self->alerts, self);
  g_clear_object (&self->alerts);

  if (self->client != NULL)
    {
      self->alerts = plt_alert_monitor_new (plt_client_get_model (self->client),
                                            plt_client_get_clock (self->client));
      /* The thresholds, every queue's own, followed as they change; the
       * queues' last hour, for the projected breaches. */
      plt_alert_monitor_follow_settings (self->alerts, self->settings);
      plt_alert_monitor_set_trends (self->alerts, plt_client_get_queue_trends (self->client));
      g_signal_connect_swapped (self->alerts, "raised", G_CALLBACK (alarm_raised_cb), self);
      g_signal_connect_swapped (self->alerts, "changed", G_CALLBACK (alerts_changed_cb), self);
    }

  /* The console's banner and cards show the same alerts. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (PLT_IS_WINDOW (l->data))
      plt_window_set_alerts (PLT_WINDOW (l->data), self->alerts);
}

/* Logging in and certificates ------------------------------------------- */

static GtkWindow *
trust_parent_cb (gpointer user_data)
{
  PltApplication *self = user_data;
  GtkWindow *window = GTK_WINDOW (get_main_window (self));

  return window != NULL ? window : gtk_application_get_active_window (GTK_APPLICATION (self));
}

static void
trust_toast_cb (PltApplication *self,
                const char     *message)
{
  PltWindow *window = get_main_window (self);

  if (window != NULL)
    plt_window_add_toast (window, message);
  else
    g_printerr ("plateau: %s\n", message);
}

/* Whether the client can be given the password again without asking. */
static gboolean
relogs_in_alone (PltApplication *self)
{
  return self->login_user != NULL && g_strcmp0 (self->login_password_file, "-") != 0;
}

static void
follow_trust (PltApplication *self)
{
  if (self->trust != NULL)
    g_signal_handlers_disconnect_by_data (self->trust, self);
  g_clear_object (&self->trust);

  /* A screenshot asks nothing of anyone. */
  if (self->client == NULL || self->screenshot_path != NULL)
    return;

  self->trust = plt_connection_trust_new (self->client, self->settings);
  plt_connection_trust_set_parent_func (self->trust, trust_parent_cb, self);
  /* The demo and --user with a password file log in by themselves
   * (relogin_cb); a password from the standard input served once. */
  plt_connection_trust_set_asks_login (self->trust, self->demo_router == NULL && !relogs_in_alone (self));
  g_signal_connect_swapped (self->trust, "toast", G_CALLBACK (trust_toast_cb), self);
}

/* Logging in again -------------------------------------------------------- */

/* Reads the first line of the password file; NULL with @error set. */
static char *
read_password_file (const char  *path,
                    GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length;
  char *end;

  if (g_strcmp0 (path, "-") == 0)
    {
      char line[PLT_AUTH_MAX_PASSWORD + 2];

      if (fgets (line, sizeof line, stdin) == NULL)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _("No password on standard input"));
          return NULL;
        }
      contents = g_strdup (line);
      explicit_bzero (line, sizeof line);
    }
  else if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;

  end = strpbrk (contents, "\r\n");
  if (end != NULL)
    *end = '\0';

  if (contents[0] == '\0')
    {
      explicit_bzero (contents, strlen (contents));
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The password file “%s” is empty"), path);
      return NULL;
    }

  return g_steal_pointer (&contents);
}

static gboolean
set_login_credentials (PltApplication  *self,
                       PltClient       *client,
                       GError         **error)
{
  g_autofree char *password = NULL;

  if (self->login_user == NULL)
    return TRUE;

  password = read_password_file (self->login_password_file, error);
  if (password == NULL)
    return FALSE;

  plt_client_set_credentials (client, self->login_user, password);
  explicit_bzero (password, strlen (password));

  return TRUE;
}

static void
relogin_cb (gpointer user_data)
{
  PltApplication *self = user_data;
  g_autoptr(GError) error = NULL;

  self->relogin_id = 0;

  if (self->client == NULL ||
      plt_client_get_state (self->client) != PLT_CONNECTION_STATE_NEEDS_LOGIN)
    return;

  if (self->demo_router != NULL)
    {
      g_autofree char *token = plt_router_thread_dup_demo_token (self->demo_router, &error);

      if (token == NULL)
        {
          g_warning ("The demo router gave no new token: %s", error->message);
          return;
        }
      plt_client_set_token (self->client, token);
      explicit_bzero (token, strlen (token));
    }
  else if (relogs_in_alone (self))
    {
      if (!set_login_credentials (self, self->client, &error))
        {
          g_printerr ("plateau: %s\n", error->message);
          return;
        }
    }
  else
    return;

  g_debug ("Logging in again to %s", plt_client_get_uri (self->client));
  plt_client_connect (self->client, plt_client_get_uri (self->client));
}

/* An expired token (every 12 hours) stops the client, which then needs a
 * login: an unattended wallboard logs in again by itself, from its
 * password file. */
static void
client_state_cb (PltApplication *self)
{
  PltConnectionState state = plt_client_get_state (self->client);

  if (state == PLT_CONNECTION_STATE_LIVE)
    self->was_live = TRUE;

  if (state != PLT_CONNECTION_STATE_NEEDS_LOGIN || self->relogin_id != 0 ||
      (!relogs_in_alone (self) && self->demo_router == NULL))
    return;

  self->relogin_id = g_timeout_add_once (self->was_live ? 0 : RELOGIN_AFTER_REFUSAL_S * 1000,
                                         relogin_cb, self);
  g_source_set_name_by_id (self->relogin_id, "[plateau] log in again");
  self->was_live = FALSE;
}

static void
set_client (PltApplication *self,
            PltClient      *client)
{
  if (self->client != NULL && self->client != client)
    {
      g_signal_handlers_disconnect_by_data (self->client, self);
      plt_client_disconnect (self->client);
    }

  if (!g_set_object (&self->client, client))
    return;

  g_clear_handle_id (&self->relogin_id, g_source_remove);
  self->was_live = FALSE;
  if (client != NULL)
    g_signal_connect_object (client, "notify::state", G_CALLBACK (client_state_cb), self,
                             G_CONNECT_SWAPPED);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      if (PLT_IS_WINDOW (l->data))
        {
          plt_window_set_client (PLT_WINDOW (l->data), client);
          /* The demo's coverage chart: the embedded scenario's traffic */
          plt_planning_page_set_demo_forecast (_plt_window_get_planning_page (PLT_WINDOW (l->data)),
                                               self->demo_router != NULL);
        }
      else if (PLT_IS_WALLBOARD_WINDOW (l->data))
        plt_wallboard_window_set_client (PLT_WALLBOARD_WINDOW (l->data), client);
    }

  follow_alerts (self);
  follow_trust (self);
}

/* Follows @uri with a new client (and so a new, empty model), unless the
 * current client already follows it; logs in with @token when not NULL. */
static void
follow_router (PltApplication *self,
               const char     *uri,
               const char     *token)
{
  g_autoptr(PltClient) client = NULL;

  if (self->client != NULL &&
      g_strcmp0 (plt_client_get_uri (self->client), uri) == 0 &&
      plt_client_get_state (self->client) != PLT_CONNECTION_STATE_DISCONNECTED &&
      plt_client_get_state (self->client) != PLT_CONNECTION_STATE_FAILED)
    return;

  client = plt_client_new (NULL, NULL);
  /* The agent board shows each agent's figures of today. */
  plt_client_set_kpi_scopes (client, (const char * const[]) { "queue", "team", "agent", NULL });
  if (token != NULL)
    plt_client_set_token (client, token);
  else
    {
      g_autoptr(GError) error = NULL;

      if (!set_login_credentials (self, client, &error))
        g_printerr ("plateau: %s\n", error->message);
    }

  /* The authorities of a router with its own certificate */
  if (self->settings != NULL)
    {
      g_autofree char *ca_file = g_settings_get_string (self->settings, SETTINGS_KEY_CA_FILE);
      g_autoptr(GError) error = NULL;

      if (ca_file[0] != '\0' && !plt_client_set_ca_file (client, ca_file, &error))
        g_printerr ("plateau: %s\n", error->message);
    }

  set_client (self, client);
  plt_client_connect (client, uri);
}

static void
stop_demo_router (PltApplication *self)
{
  g_clear_pointer (&self->demo_router, plt_router_thread_stop);
}

static gboolean
start_demo (PltApplication  *self,
            GError         **error)
{
  if (self->demo_router == NULL)
    {
      PltRouterOptions options = {
        .scenario = "demo",
        .speed = 1.0,
        .seed = ((guint64) g_random_int () << 32) | g_random_int (),
        .heartbeat_ms = 0,
        .demo_plan = TRUE,
      };

      self->demo_router = plt_router_thread_start (&options, "127.0.0.1", 0, error);
      if (self->demo_router == NULL)
        return FALSE;
    }

  /* The embedded router's demo account: no one is asked anything. */
  {
    g_autofree char *token = plt_router_thread_dup_demo_token (self->demo_router, error);

    if (token == NULL)
      return FALSE;
    follow_router (self, plt_router_thread_get_uri (self->demo_router), token);
    explicit_bzero (token, strlen (token));
  }

  return TRUE;
}

static void
connect_saved_router (PltApplication *self)
{
  g_autofree char *uri = NULL;

  if (self->client != NULL || self->settings == NULL)
    return;

  uri = g_settings_get_string (self->settings, SETTINGS_KEY_SERVER_URL);
  if (uri[0] != '\0')
    follow_router (self, uri, NULL);
}

/* --screenshot ------------------------------------------------------------ */

static void
screenshot_finish (PltApplication *self,
                   int             status)
{
  g_clear_handle_id (&self->screenshot_timeout_id, g_source_remove);
  g_clear_handle_id (&self->screenshot_after_id, g_source_remove);
  if (self->screenshot_tick_id != 0 && self->screenshot_window != NULL)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->screenshot_window), self->screenshot_tick_id);
  self->screenshot_tick_id = 0;

  if (self->client != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->client, self);
      g_signal_handlers_disconnect_by_data (plt_client_get_model (self->client), self);
    }

  g_clear_weak_pointer (&self->screenshot_window);

  self->exit_status = status;
  g_application_release (G_APPLICATION (self));
  g_application_quit (G_APPLICATION (self));
}

static gboolean
screenshot_tick_cb (GtkWidget     *widget,
                    GdkFrameClock *frame_clock,
                    gpointer       user_data)
{
  PltApplication *self = user_data;
  g_autoptr(GError) error = NULL;

  GtkWidget *content;

  /* A wallboard settles its type scale and its agents' density in two
   * more layouts. */
  if (++self->screenshot_frames < (PLT_IS_WALLBOARD_WINDOW (widget) ? 2 * SCREENSHOT_FRAMES : SCREENSHOT_FRAMES))
    return G_SOURCE_CONTINUE;

  /* The planning comes after the boards' snapshot: wait for its week. */
  if (PLT_IS_WINDOW (widget) && g_strcmp0 (plt_window_get_view (PLT_WINDOW (widget)), "planning") == 0 &&
      _plt_planning_page_is_loading (_plt_window_get_planning_page (PLT_WINDOW (widget))))
    {
      self->screenshot_frames = 0;
      return G_SOURCE_CONTINUE;
    }

  self->screenshot_tick_id = 0;

  if (PLT_IS_WALLBOARD_WINDOW (widget))
    content = _plt_wallboard_window_get_board (PLT_WALLBOARD_WINDOW (widget));
  else
    content = _plt_window_get_content (PLT_WINDOW (widget));

  if (!plt_render_widget_to_png (content, self->screenshot_path, &error))
    {
      g_printerr (_("plateau: %s\n"), error->message);
      screenshot_finish (self, 1);
    }
  else
    screenshot_finish (self, 0);

  return G_SOURCE_REMOVE;
}

static void
screenshot_wait_for_frames (PltApplication *self)
{
  if (self->screenshot_window == NULL || self->screenshot_tick_id != 0)
    return;

  self->screenshot_frames = 0;
  self->screenshot_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->screenshot_window),
                                                           screenshot_tick_cb, self, NULL);
}

static gboolean
model_pending (PltModel *model)
{
  return plt_store_get_n_pending (plt_model_get_teams (model)) > 0 ||
         plt_store_get_n_pending (plt_model_get_agents (model)) > 0 ||
         plt_store_get_n_pending (plt_model_get_queues (model)) > 0;
}

static void
screenshot_model_flushed_cb (PltApplication *self,
                             PltModel       *model)
{
  if (model_pending (model))
    return;

  g_signal_handlers_disconnect_by_func (model, screenshot_model_flushed_cb, self);
  screenshot_wait_for_frames (self);
}

static void screenshot_synced_cb (PltApplication *self,
                                  PltClient      *client);

/* --screenshot-after: the boards have run their time. */
static gboolean
screenshot_after_cb (gpointer user_data)
{
  PltApplication *self = user_data;

  self->screenshot_after_id = 0;
  self->screenshot_after_s = 0;
  if (self->client != NULL)
    screenshot_synced_cb (self, self->client);

  return G_SOURCE_REMOVE;
}

static void
screenshot_synced_cb (PltApplication *self,
                      PltClient      *client)
{
  PltModel *model = plt_client_get_model (client);

  g_signal_handlers_disconnect_by_func (client, screenshot_synced_cb, self);

  /* A picture of the boards after a while: the last hour filled, alerts
   * raised. The snapshot came: no more waiting for it. */
  if (self->screenshot_after_s > 0)
    {
      g_clear_handle_id (&self->screenshot_timeout_id, g_source_remove);
      if (self->screenshot_after_id == 0)
        {
          self->screenshot_after_id = g_timeout_add_seconds (self->screenshot_after_s,
                                                             screenshot_after_cb, self);
          g_source_set_name_by_id (self->screenshot_after_id, "[plateau] screenshot after");
        }
      return;
    }

  if (model_pending (model))
    g_signal_connect_object (model, "flushed",
                             G_CALLBACK (screenshot_model_flushed_cb),
                             self, G_CONNECT_SWAPPED);
  else
    screenshot_wait_for_frames (self);
}

static gboolean
screenshot_timeout_cb (gpointer user_data)
{
  PltApplication *self = user_data;
  const char *uri = NULL;
  const char *last_error = NULL;

  self->screenshot_timeout_id = 0;

  if (self->client != NULL)
    {
      uri = plt_client_get_uri (self->client);
      last_error = plt_client_get_last_error (self->client);
    }

  g_printerr (_("plateau: no snapshot from the router %s within %d s; no screenshot taken\n"),
              uri != NULL ? uri : "", SCREENSHOT_TIMEOUT_S);
  if (last_error != NULL && last_error[0] != '\0')
    g_printerr (_("plateau: last problem: %s\n"), last_error);

  screenshot_finish (self, 1);

  return G_SOURCE_REMOVE;
}

static void
screenshot_begin (PltApplication *self,
                  GtkWindow      *window)
{
  g_application_hold (G_APPLICATION (self));

  g_set_weak_pointer (&self->screenshot_window, window);

  self->screenshot_timeout_id = g_timeout_add_seconds (SCREENSHOT_TIMEOUT_S, screenshot_timeout_cb, self);
  g_source_set_name_by_id (self->screenshot_timeout_id, "[plateau] screenshot timeout");

  g_signal_connect_object (self->client, "synced",
                           G_CALLBACK (screenshot_synced_cb),
                           self, G_CONNECT_SWAPPED);
}

static void
start_queue_synced_cb (PltApplication *self,
                       PltClient      *client)
{
  PltWindow *window = get_main_window (self);

  g_signal_handlers_disconnect_by_func (client, start_queue_synced_cb, self);
  if (window != NULL && self->start_queue != NULL)
    plt_window_show_queue (window, self->start_queue);
  g_clear_pointer (&self->start_queue, g_free);
}

/* Actions --------------------------------------------------------------- */

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  PltApplication *self = user_data;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; )
    {
      GtkWindow *window = l->data;

      /* Closing may remove the window from the list. */
      l = l->next;
      gtk_window_close (window);
    }

  g_application_quit (G_APPLICATION (self));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  PltApplication *self = user_data;
  static const char *developers[] = { N_("The Plateau developers"), NULL };
  const char *translated_developers[G_N_ELEMENTS (developers)];
  GtkWindow *about;

  for (guint i = 0; i < G_N_ELEMENTS (developers); i++)
    translated_developers[i] = developers[i] != NULL ? _(developers[i]) : NULL;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "application-name", _("Plateau"),
                        "application-icon", "io.github.plateau.Plateau",
                        "developer-name", _("The Plateau developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("A live console for call-center supervisors: queues, service level and agents, as the routing server sees them"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", translated_developers,
                        /* Translators: your names, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (about);
}

static AdwColorScheme
color_scheme_from_string (const char *scheme)
{
  if (g_strcmp0 (scheme, "light") == 0)
    return ADW_COLOR_SCHEME_FORCE_LIGHT;
  if (g_strcmp0 (scheme, "dark") == 0)
    return ADW_COLOR_SCHEME_FORCE_DARK;

  return ADW_COLOR_SCHEME_DEFAULT;
}

static void
color_scheme_change_state (GSimpleAction *action,
                           GVariant      *state,
                           gpointer       user_data)
{
  PltApplication *self = user_data;
  const char *scheme = g_variant_get_string (state, NULL);

  if (!g_str_equal (scheme, "default") && !g_str_equal (scheme, "light") && !g_str_equal (scheme, "dark"))
    return;

  /* A wallboard alone stays dark, whatever the console's style. */
  if (!self->wallboard_only)
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                        color_scheme_from_string (scheme));
  g_simple_action_set_state (action, state);

  if (self->settings != NULL)
    g_settings_set_string (self->settings, SETTINGS_KEY_COLOR_SCHEME, scheme);
}

static void
connect_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  PltApplication *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;

  uri = plt_normalize_router_uri (g_variant_get_string (parameter, NULL), &error);
  if (uri == NULL)
    {
      PltWindow *window = get_main_window (self);

      if (window != NULL)
        plt_window_show_welcome_error (window, error->message);
      return;
    }

  stop_demo_router (self);
  follow_router (self, uri, NULL);

  if (self->settings != NULL)
    g_settings_set_string (self->settings, SETTINGS_KEY_SERVER_URL, uri);
}

static void
demo_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  PltApplication *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!start_demo (self, &error))
    {
      PltWindow *window = get_main_window (self);
      g_autofree char *message = g_strdup_printf (_("The demo could not start: %s"), error->message);

      if (window != NULL)
        plt_window_show_welcome_error (window, message);
      else
        g_printerr ("plateau: %s\n", message);
    }
}

static void
change_router_activated (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  PltApplication *self = user_data;
  g_autofree char *address = NULL;

  /* Offer the router that was followed, so that a mistyped address can be
   * fixed; after the demo, the router followed before it, if any. */
  if (self->demo_router != NULL)
    {
      if (self->settings != NULL)
        address = g_settings_get_string (self->settings, SETTINGS_KEY_SERVER_URL);
    }
  else if (self->client != NULL)
    address = g_strdup (plt_client_get_uri (self->client));

  set_client (self, NULL);
  stop_demo_router (self);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (PLT_IS_WINDOW (l->data))
      plt_window_set_welcome_address (PLT_WINDOW (l->data), address);

  /* Until another router is chosen, the next start asks again. */
  if (self->settings != NULL)
    g_settings_set_string (self->settings, SETTINGS_KEY_SERVER_URL, "");
}

/* Opens a wallboard on the followed router, or shows the one that is open. */
static PltWallboardWindow *
present_wallboard (PltApplication *self,
                   gboolean        fullscreen)
{
  PltWallboardWindow *wallboard = NULL;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (PLT_IS_WALLBOARD_WINDOW (l->data))
      {
        wallboard = PLT_WALLBOARD_WINDOW (l->data);
        break;
      }

  if (wallboard == NULL)
    {
      /* A screenshot has a fixed size and leaves the settings alone. */
      wallboard = PLT_WALLBOARD_WINDOW (plt_wallboard_window_new (GTK_APPLICATION (self), self->settings));
      if (self->wallboard_layout != NULL)
        plt_wallboard_window_set_layout (wallboard, self->wallboard_layout, self->wallboard_layout_file);
      plt_wallboard_window_set_client (wallboard, self->client);

      if (self->screenshot_path != NULL)
        {
          _plt_wallboard_window_hide_header (wallboard);
          gtk_widget_set_size_request (_plt_wallboard_window_get_board (wallboard),
                                       WALLBOARD_SCREENSHOT_WIDTH, WALLBOARD_SCREENSHOT_HEIGHT);
          gtk_window_set_default_size (GTK_WINDOW (wallboard), 1, 1);
        }
      else if (fullscreen)
        gtk_window_fullscreen (GTK_WINDOW (wallboard));
    }

  gtk_window_present (GTK_WINDOW (wallboard));

  return wallboard;
}

static void
wallboard_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  PltApplication *self = user_data;
  gboolean fullscreen = self->settings != NULL &&
                        g_settings_get_boolean (self->settings, SETTINGS_KEY_WALLBOARD_FULLSCREEN);

  present_wallboard (self, fullscreen);
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  PltApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *preferences;

  if (self->settings == NULL)
    return;

  preferences = plt_preferences_window_new (parent, self->settings, self->client);
  gtk_window_set_application (GTK_WINDOW (preferences), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
login_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  PltApplication *self = user_data;

  if (self->trust != NULL)
    plt_connection_trust_login (self->trust);
}

static void
certificate_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  PltApplication *self = user_data;

  if (self->trust != NULL)
    plt_connection_trust_show_certificate (self->trust);
}

static void
show_queue_activated (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  PltApplication *self = user_data;
  PltWindow *window = ensure_main_window (self);

  gtk_window_present (GTK_WINDOW (window));
  plt_window_show_queue (window, g_variant_get_string (parameter, NULL));
}

static void
acknowledge_alert_activated (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  PltApplication *self = user_data;
  const char *queue_id;
  guint32 kind;

  g_variant_get (parameter, "(&su)", &queue_id, &kind);
  if (self->alerts != NULL && kind < PLT_ALERT_N_ALL_KINDS)
    plt_alert_monitor_acknowledge (self->alerts, queue_id, (PltAlertKind) kind);
}

static const GActionEntry app_actions[] = {
  { "login", login_activated, NULL, NULL, NULL },
  { "certificate", certificate_activated, NULL, NULL, NULL },
  { "show-queue", show_queue_activated, "s", NULL, NULL },
  { "acknowledge-alert", acknowledge_alert_activated, "(su)", NULL, NULL },
  { "preferences", preferences_activated, NULL, NULL, NULL },
  { "wallboard", wallboard_activated, NULL, NULL, NULL },
  { "quit", quit_activated, NULL, NULL, NULL },
  { "about", about_activated, NULL, NULL, NULL },
  { "color-scheme", NULL, "s", "'default'", color_scheme_change_state },
  { "connect", connect_activated, "s", NULL, NULL },
  { "demo", demo_activated, NULL, NULL, NULL },
  { "change-router", change_router_activated, NULL, NULL, NULL },
};

/* GApplication ------------------------------------------------------------ */

static void
plt_application_startup (GApplication *application)
{
  PltApplication *self = PLT_APPLICATION (application);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  GAction *color_scheme;

  G_APPLICATION_CLASS (plt_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);

  self->settings = load_settings ();

  color_scheme = g_action_map_lookup_action (G_ACTION_MAP (self), "color-scheme");
  if (self->settings != NULL)
    {
      g_autofree char *scheme = g_settings_get_string (self->settings, SETTINGS_KEY_COLOR_SCHEME);

      g_action_change_state (color_scheme, g_variant_new_string (scheme));
    }

  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "preferences")),
                               self->settings != NULL);
}

static void
plt_application_shutdown (GApplication *application)
{
  PltApplication *self = PLT_APPLICATION (application);

  if (self->client != NULL)
    plt_client_disconnect (self->client);
  stop_demo_router (self);

  G_APPLICATION_CLASS (plt_application_parent_class)->shutdown (application);
}

static void
plt_application_activate (GApplication *application)
{
  PltApplication *self = PLT_APPLICATION (application);
  PltWindow *window;

  connect_saved_router (self);
  window = ensure_main_window (self);
  gtk_window_present (GTK_WINDOW (window));
}

static int
plt_application_handle_local_options (GApplication *application,
                                      GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("plateau %s\n", PACKAGE_VERSION);
      return 0;
    }

  /* A screenshot is this process's own job, never handed to a running
   * console. */
  if (g_variant_dict_contains (options, "screenshot"))
    g_application_set_flags (application,
                             g_application_get_flags (application) | G_APPLICATION_NON_UNIQUE);

  return -1;
}

static int
plt_application_command_line (GApplication            *application,
                              GApplicationCommandLine *command_line)
{
  PltApplication *self = PLT_APPLICATION (application);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  g_autoptr(GError) error = NULL;
  g_autofree char *server_uri = NULL;
  const char *server = NULL;
  const char *view = NULL;
  const char *screenshot = NULL;
  const char *queue = NULL;
  int screenshot_after = 0;
  const char *layout = NULL;
  const char *user = NULL;
  const char *password_file = NULL;
  gboolean demo;
  gboolean wallboard;
  gboolean fullscreen;
  GtkWindow *window;

  g_variant_dict_lookup (options, "server", "&s", &server);
  g_variant_dict_lookup (options, "view", "&s", &view);
  g_variant_dict_lookup (options, "screenshot", "^&ay", &screenshot);
  g_variant_dict_lookup (options, "screenshot-after", "i", &screenshot_after);
  g_variant_dict_lookup (options, "queue", "&s", &queue);
  g_variant_dict_lookup (options, "layout", "^&ay", &layout);
  g_variant_dict_lookup (options, "user", "&s", &user);
  g_variant_dict_lookup (options, "password-file", "^&ay", &password_file);
  demo = g_variant_dict_contains (options, "demo");
  wallboard = g_variant_dict_contains (options, "wallboard");
  fullscreen = g_variant_dict_contains (options, "fullscreen");

  if ((fullscreen || layout != NULL) && !wallboard)
    {
      g_application_command_line_printerr (command_line,
                                           _("plateau: --fullscreen and --layout go with --wallboard\n"));
      return 1;
    }

  if (view != NULL && wallboard)
    {
      g_application_command_line_printerr (command_line,
                                           _("plateau: --view chooses a board of the console, not of the wallboard\n"));
      return 1;
    }

  if ((user != NULL) != (password_file != NULL))
    {
      g_application_command_line_printerr (command_line,
                                           _("plateau: --user and --password-file go together\n"));
      return 1;
    }

  if (user != NULL && demo)
    {
      g_application_command_line_printerr (command_line,
                                           _("plateau: the demo logs in by itself: leave out --user\n"));
      return 1;
    }

  if (layout != NULL)
    {
      g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (command_line, layout);
      PltWallboardLayout *loaded = plt_wallboard_layout_new_from_file (file, &error);

      if (loaded == NULL)
        {
          g_application_command_line_printerr (command_line, "plateau: %s\n", error->message);
          return 1;
        }

      g_clear_pointer (&self->wallboard_layout, plt_wallboard_layout_free);
      self->wallboard_layout = loaded;
      g_set_object (&self->wallboard_layout_file, file);
    }

  if (user != NULL)
    {
      g_autofree char *password = NULL;
      g_autofree char *path = NULL;

      if (g_str_equal (password_file, "-"))
        path = g_strdup ("-");
      else
        {
          g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (command_line, password_file);

          path = g_file_get_path (file);
        }

      g_free (self->login_user);
      self->login_user = g_strdup (user);
      g_free (self->login_password_file);
      self->login_password_file = g_steal_pointer (&path);

      /* Standard input is read when the client logs in; a file is checked
       * now, so that a mistake shows at once. */
      if (!g_str_equal (self->login_password_file, "-"))
        {
          password = read_password_file (self->login_password_file, &error);
          if (password == NULL)
            {
              g_application_command_line_printerr (command_line, "plateau: %s\n", error->message);
              return 1;
            }
          explicit_bzero (password, strlen (password));
        }
    }

  if (view != NULL && !g_str_equal (view, "queues") && !g_str_equal (view, "agents") &&
      !g_str_equal (view, "planning"))
    {
      g_application_command_line_printerr (command_line,
                                           _("plateau: unknown view “%s”: use “queues”, “agents” or “planning”\n"),
                                           view);
      return 1;
    }

  if (server != NULL)
    {
      server_uri = plt_normalize_router_uri (server, &error);
      if (server_uri == NULL)
        {
          g_application_command_line_printerr (command_line, "plateau: %s\n", error->message);
          return 1;
        }
    }

  if (server != NULL && demo)
    {
      g_application_command_line_printerr (command_line,
                                           _("plateau: use either --server or --demo, not both\n"));
      return 1;
    }

  if (screenshot != NULL)
    {
      g_autoptr(GFile) file = NULL;

      if (server == NULL && !demo)
        {
          g_application_command_line_printerr (command_line,
                                               _("plateau: --screenshot needs --server or --demo\n"));
          return 1;
        }

      file = g_application_command_line_create_file_for_arg (command_line, screenshot);
      g_free (self->screenshot_path);
      self->screenshot_path = g_file_get_path (file);

      /* The picture shows the boards settled, not halfway through a
       * transition. */
      g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
    }

  if (demo)
    {
      if (!start_demo (self, &error))
        {
          g_application_command_line_printerr (command_line,
                                               _("plateau: the demo could not start: %s\n"),
                                               error->message);
          return 1;
        }
    }
  else if (server_uri != NULL)
    {
      stop_demo_router (self);
      follow_router (self, server_uri, NULL);
    }
  else
    connect_saved_router (self);

  if (wallboard)
    {
      /* The wallboard alone, on a screen of its own: dark, whatever the
       * saved style, and nothing else to show. */
      if (get_main_window (self) == NULL)
        {
          self->wallboard_only = TRUE;
          adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                              ADW_COLOR_SCHEME_FORCE_DARK);
        }
      window = GTK_WINDOW (present_wallboard (self, fullscreen));
    }
  else
    {
      window = GTK_WINDOW (ensure_main_window (self));
      if (view != NULL)
        plt_window_set_view (PLT_WINDOW (window), view);
      if (queue != NULL && !plt_window_show_queue (PLT_WINDOW (window), queue) && self->client != NULL)
        {
          /* With the first snapshot. */
          g_free (self->start_queue);
          self->start_queue = g_strdup (queue);
          g_signal_connect_object (self->client, "synced", G_CALLBACK (start_queue_synced_cb),
                                   self, G_CONNECT_SWAPPED);
        }
    }

  self->screenshot_after_s = (guint) CLAMP (screenshot_after, 0, 3600);
  if (self->screenshot_path != NULL)
    screenshot_begin (self, window);

  gtk_window_present (window);

  return 0;
}

/* GObject ------------------------------------------------------------------ */

static void
plt_application_dispose (GObject *object)
{
  PltApplication *self = (PltApplication *)object;

  g_clear_handle_id (&self->screenshot_timeout_id, g_source_remove);
  g_clear_handle_id (&self->screenshot_after_id, g_source_remove);
  g_clear_handle_id (&self->relogin_id, g_source_remove);
  g_clear_weak_pointer (&self->screenshot_window);
  if (self->alerts != NULL)
    g_signal_handlers_disconnect_by_data (self->alerts, self);
  g_clear_object (&self->alerts);
  if (self->trust != NULL)
    g_signal_handlers_disconnect_by_data (self->trust, self);
  g_clear_object (&self->trust);
  g_clear_object (&self->wallboard_layout_file);
  stop_demo_router (self);
  g_clear_object (&self->client);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (plt_application_parent_class)->dispose (object);
}

static void
plt_application_finalize (GObject *object)
{
  PltApplication *self = (PltApplication *)object;

  g_clear_pointer (&self->screenshot_path, g_free);
  g_clear_pointer (&self->start_queue, g_free);
  g_clear_pointer (&self->login_user, g_free);
  g_clear_pointer (&self->login_password_file, g_free);
  g_clear_pointer (&self->wallboard_layout, plt_wallboard_layout_free);
  g_clear_pointer (&self->notified, g_hash_table_unref);

  G_OBJECT_CLASS (plt_application_parent_class)->finalize (object);
}

static void
plt_application_class_init (PltApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = plt_application_dispose;
  object_class->finalize = plt_application_finalize;

  application_class->startup = plt_application_startup;
  application_class->shutdown = plt_application_shutdown;
  application_class->activate = plt_application_activate;
  application_class->handle_local_options = plt_application_handle_local_options;
  application_class->command_line = plt_application_command_line;
}

static void
plt_application_init (PltApplication *self)
{
  static const GOptionEntry entries[] = {
    { "server", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Follow the router at this address"), N_("URL") },
    { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Start a simulated call center on this computer and follow it"), NULL },
    { "view", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("The board to show: queues, agents or planning"), N_("VIEW") },
    { "wallboard", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Show the wallboard alone: large tiles for a screen across the room"), NULL },
    { "fullscreen", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("With --wallboard: fill the screen"), NULL },
    { "layout", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("With --wallboard: show the pages of this layout file (JSON, as the layout editor exports it)"), N_("FILE") },
    { "user", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Log in to the router as this user, for instance a wallboard account"), N_("NAME") },
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("With --user: the file whose first line is the password (- for standard input); read again to log in when the session expires"), N_("FILE") },
    { "queue", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Open the page of this queue (its id) once the boards are shown"), N_("ID") },
    { "screenshot", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Save the window’s content as a PNG image once the boards are shown, then quit"), N_("FILE") },
    { "screenshot-after", 0, 0, G_OPTION_ARG_INT, NULL,
      N_("With --screenshot: wait this many seconds after the boards are shown"), N_("SECONDS") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Show the version and quit"), NULL },
    { NULL }
  };

  self->notified = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("A live console for call-center supervisors."));
  g_application_set_option_context_description (G_APPLICATION (self),
                                                _("Examples:\n"
                                                  "  plateau --demo\n"
                                                  "  plateau --server wss://router.example:8765/acd\n"
                                                  "  plateau --wallboard --fullscreen --server wss://router.example:8765/acd \\\n"
                                                  "          --user tv-floor-1 --password-file ~/.config/plateau/wallboard-password\n"
                                                  "\n"
                                                  "See plateau(1) and docs/wallboard.md."));
}

PltApplication *
plt_application_new (void)
{
  return g_object_new (PLT_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}

GSettings *
plt_application_get_settings (PltApplication *self)
{
  g_return_val_if_fail (PLT_IS_APPLICATION (self), NULL);

  return self->settings;
}

int
plt_application_get_exit_status (PltApplication *self)
{
  g_return_val_if_fail (PLT_IS_APPLICATION (self), 1);

  return self->exit_status;
}
