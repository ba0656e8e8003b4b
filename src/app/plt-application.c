/* plt-application.c — the plateau console application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "plt-application.h"
#include "plt-client.h"
#include "plt-render.h"
#include "plt-router.h"
#include "plt-store.h"
#include "plt-ui-format.h"
#include "plt-window-private.h"

#define SCHEMA_ID                 "io.github.plateau.Plateau"
#define SETTINGS_KEY_SERVER_URL   "server-url"
#define SETTINGS_KEY_COLOR_SCHEME "color-scheme"

/* How long --screenshot waits for the first snapshot. */
#define SCREENSHOT_TIMEOUT_S      20
/* Frames drawn after the snapshot before the picture is taken: the first
 * lays out the new rows and cards, the next ones draw them settled. */
#define SCREENSHOT_FRAMES         3
#define SCREENSHOT_WIDTH          1280
#define SCREENSHOT_HEIGHT         800

struct _PltApplication
{
  AdwApplication   parent_instance;

  GSettings       *settings;
  PltClient       *client;
  PltRouterThread *demo_router;

  /* --screenshot */
  char            *screenshot_path;
  PltWindow       *screenshot_window;
  guint            screenshot_timeout_id;
  guint            screenshot_tick_id;
  guint            screenshot_frames;

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
    }

  return window;
}

static void
set_client (PltApplication *self,
            PltClient      *client)
{
  if (self->client != NULL && self->client != client)
    plt_client_disconnect (self->client);

  g_set_object (&self->client, client);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (PLT_IS_WINDOW (l->data))
      plt_window_set_client (PLT_WINDOW (l->data), client);
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
  if (token != NULL)
    plt_client_set_token (client, token);
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

  if (++self->screenshot_frames < SCREENSHOT_FRAMES)
    return G_SOURCE_CONTINUE;

  self->screenshot_tick_id = 0;

  if (!plt_render_widget_to_png (_plt_window_get_content (PLT_WINDOW (widget)),
                                 self->screenshot_path, &error))
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

static void
screenshot_synced_cb (PltApplication *self,
                      PltClient      *client)
{
  PltModel *model = plt_client_get_model (client);

  g_signal_handlers_disconnect_by_func (client, screenshot_synced_cb, self);

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
                  PltWindow      *window)
{
  g_application_hold (G_APPLICATION (self));

  g_set_weak_pointer (&self->screenshot_window, window);

  self->screenshot_timeout_id = g_timeout_add_seconds (SCREENSHOT_TIMEOUT_S, screenshot_timeout_cb, self);
  g_source_set_name_by_id (self->screenshot_timeout_id, "[plateau] screenshot timeout");

  g_signal_connect_object (self->client, "synced",
                           G_CALLBACK (screenshot_synced_cb),
                           self, G_CONNECT_SWAPPED);
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

static const GActionEntry app_actions[] = {
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
  GAction *color_scheme;

  G_APPLICATION_CLASS (plt_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);

  self->settings = load_settings ();

  color_scheme = g_action_map_lookup_action (G_ACTION_MAP (self), "color-scheme");
  if (self->settings != NULL)
    {
      g_autofree char *scheme = g_settings_get_string (self->settings, SETTINGS_KEY_COLOR_SCHEME);

      g_action_change_state (color_scheme, g_variant_new_string (scheme));
    }
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
  gboolean demo;
  PltWindow *window;

  g_variant_dict_lookup (options, "server", "&s", &server);
  g_variant_dict_lookup (options, "view", "&s", &view);
  g_variant_dict_lookup (options, "screenshot", "^&ay", &screenshot);
  demo = g_variant_dict_contains (options, "demo");

  if (view != NULL && !g_str_equal (view, "queues") && !g_str_equal (view, "agents"))
    {
      g_application_command_line_printerr (command_line,
                                           _("plateau: unknown view “%s”: use “queues” or “agents”\n"),
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

  window = ensure_main_window (self);
  if (view != NULL)
    plt_window_set_view (window, view);

  if (self->screenshot_path != NULL)
    screenshot_begin (self, window);

  gtk_window_present (GTK_WINDOW (window));

  return 0;
}

/* GObject ------------------------------------------------------------------ */

static void
plt_application_dispose (GObject *object)
{
  PltApplication *self = (PltApplication *)object;

  g_clear_handle_id (&self->screenshot_timeout_id, g_source_remove);
  g_clear_weak_pointer (&self->screenshot_window);
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
      N_("The board to show: queues or agents"), N_("VIEW") },
    { "screenshot", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Save the window’s content as a PNG image once the boards are shown, then quit"), N_("FILE") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Show the version and quit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("A live console for call-center supervisors."));
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
