/* plt-window.c — the supervisor's main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "plt-agent-list.h"
#include "plt-planning-page.h"
#include "plt-alerts.h"
#include "plt-connection-indicator.h"
#include "plt-connection-status.h"
#include "plt-queue-board.h"
#include "plt-ui-format.h"
#include "plt-window-private.h"

#define SETTINGS_KEY_WIDTH     "window-width"
#define SETTINGS_KEY_HEIGHT    "window-height"
#define SETTINGS_KEY_MAXIMIZED "window-maximized"
#define SETTINGS_KEY_LAST_VIEW "last-view"

struct _PltWindow
{
  AdwApplicationWindow    parent_instance;

  /* Template children */
  GtkWidget              *content_box;
  GtkStack               *title_stack;
  AdwWindowTitle         *window_title;
  AdwViewSwitcherTitle   *switcher_title;
  AdwViewSwitcherBar     *switcher_bar;
  PltConnectionIndicator *indicator;
  GtkRevealer            *banner_revealer;
  GtkWidget              *banner;
  GtkImage               *banner_icon;
  GtkLabel               *banner_label;
  GtkWidget              *banner_button;
  GtkRevealer            *alert_revealer;
  GtkWidget              *alert_banner;
  GtkImage               *alert_icon;
  GtkLabel               *alert_label;
  GtkWidget              *alert_show_button;
  AdwToastOverlay        *toast_overlay;
  GtkStack               *main_stack;
  AdwStatusPage          *welcome_page;
  AdwEntryRow            *url_row;
  GtkLabel               *url_error;
  AdwStatusPage          *connecting_page;
  GtkSpinner             *connecting_spinner;
  GtkButton              *connecting_action_button;
  AdwViewStack           *view_stack;
  PltQueueBoard          *queue_board;
  PltAgentList           *agent_list;
  PltPlanningPage        *planning_page;

  PltClient              *client;
  PltConnectionStatus    *status;
  GSettings              *settings;
  GSignalGroup           *client_signals;
  PltAlertMonitor        *alerts;
  char                   *banner_class;
  char                   *alert_class;
  char                   *alert_queue;      /* the queue "Show the queue" opens */

  guint                   has_synced : 1;
};

G_DEFINE_FINAL_TYPE (PltWindow, plt_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_SETTINGS,
  PROP_VIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
is_known_view (const char *view)
{
  return g_strcmp0 (view, "queues") == 0 || g_strcmp0 (view, "agents") == 0 ||
         g_strcmp0 (view, "planning") == 0;
}

static gboolean
model_has_data (PltClient *client)
{
  PltModel *model = plt_client_get_model (client);

  return g_list_model_get_n_items (G_LIST_MODEL (plt_model_get_queues (model))) > 0 ||
         g_list_model_get_n_items (G_LIST_MODEL (plt_model_get_agents (model))) > 0;
}

/* Sets @button to what would let the console go on in @state: logging in,
 * or the certificate's authority; hides it when there is nothing to do
 * but wait or reconnect. Returns whether it is shown. */
static gboolean
update_trust_button (PltWindow          *self,
                     GtkWidget          *button,
                     PltConnectionState  state)
{
  const char *label = NULL;
  const char *action = NULL;

  if (state == PLT_CONNECTION_STATE_NEEDS_LOGIN)
    {
      label = _("_Log In…");
      action = "app.login";
    }
  else if (state == PLT_CONNECTION_STATE_FAILED && self->client != NULL &&
           plt_client_get_tls_errors (self->client) != 0)
    {
      label = _("_Certificate…");
      action = "app.certificate";
    }

  if (label != NULL)
    {
      gtk_button_set_label (GTK_BUTTON (button), label);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
    }
  gtk_widget_set_visible (button, label != NULL);

  return label != NULL;
}

static void
update_connecting_page (PltWindow *self)
{
  PltConnectionState state = plt_connection_status_get_state (self->status);
  gboolean trying = state == PLT_CONNECTION_STATE_CONNECTING ||
                    state == PLT_CONNECTION_STATE_SYNCING;
  g_autoptr(GString) description = g_string_new (NULL);
  g_autofree char *markup = NULL;
  const char *last_error = NULL;

  if (self->client == NULL)
    return;

  if (state == PLT_CONNECTION_STATE_SYNCING)
    adw_status_page_set_title (self->connecting_page, _("Loading queues and agents"));
  else if (trying)
    adw_status_page_set_title (self->connecting_page, _("Connecting to the router"));
  else if (state == PLT_CONNECTION_STATE_NEEDS_LOGIN)
    adw_status_page_set_title (self->connecting_page, _("Log in to follow this router"));
  else if (state == PLT_CONNECTION_STATE_FAILED && plt_client_get_tls_errors (self->client) != 0)
    adw_status_page_set_title (self->connecting_page, _("The router’s certificate is not trusted"));
  else
    adw_status_page_set_title (self->connecting_page, _("Cannot reach the router"));

  if (state == PLT_CONNECTION_STATE_NEEDS_LOGIN)
    adw_status_page_set_icon_name (self->connecting_page, "dialog-password-symbolic");
  else
    adw_status_page_set_icon_name (self->connecting_page,
                                   trying ? "network-server-symbolic" : "network-error-symbolic");

  /* What the supervisor can do about it, besides another router. */
  update_trust_button (self, GTK_WIDGET (self->connecting_action_button), state);

  if (plt_client_get_uri (self->client) != NULL)
    g_string_append (description, plt_client_get_uri (self->client));

  if (!trying)
    last_error = plt_client_get_last_error (self->client);
  if (last_error != NULL && last_error[0] != '\0')
    {
      if (description->len > 0)
        g_string_append_c (description, '\n');
      g_string_append (description, last_error);
    }

  /* The description is markup; an address or an error is plain text. */
  markup = g_markup_escape_text (description->str, -1);
  adw_status_page_set_description (self->connecting_page, markup);
  gtk_spinner_set_spinning (self->connecting_spinner, trying);
  gtk_widget_set_visible (GTK_WIDGET (self->connecting_spinner), trying);
}

/* In a narrow window the view switcher moves to the bottom, over the boards
 * only. */
static void
update_switcher_bar (PltWindow *self)
{
  gboolean boards;

  /* Not yet while the template is being built. */
  if (self->switcher_bar == NULL)
    return;

  boards = g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "boards") == 0;
  adw_view_switcher_bar_set_reveal (self->switcher_bar,
                                    boards && adw_view_switcher_title_get_title_visible (self->switcher_title));
}

static void
title_visible_cb (PltWindow *self)
{
  update_switcher_bar (self);
}

/* The title shows which router is followed. */
static void
update_subtitle (PltWindow *self)
{
  g_autoptr(GUri) uri = NULL;
  const char *text = NULL;

  if (self->client != NULL && plt_client_get_uri (self->client) != NULL)
    uri = g_uri_parse (plt_client_get_uri (self->client), G_URI_FLAGS_NONE, NULL);
  if (uri != NULL)
    text = g_uri_get_host (uri);

  adw_view_switcher_title_set_subtitle (self->switcher_title, text);
  adw_window_title_set_subtitle (self->window_title, text);
}

static void
update_page (PltWindow *self)
{
  const char *page;

  if (self->client == NULL)
    page = "welcome";
  else if (!self->has_synced)
    page = "connecting";
  else
    page = "boards";

  gtk_stack_set_visible_child_name (self->main_stack, page);
  update_subtitle (self);
  gtk_stack_set_visible_child_name (self->title_stack,
                                    g_str_equal (page, "boards") ? "switcher" : "title");
  update_switcher_bar (self);
  gtk_widget_set_visible (GTK_WIDGET (self->indicator), self->client != NULL);

  update_connecting_page (self);
}

static void
update_banner (PltWindow *self)
{
  const char *message = plt_connection_status_get_message (self->status);
  const char *css_class = plt_connection_status_get_css_class (self->status);

  if (message != NULL)
    {
      gtk_label_set_label (self->banner_label, message);
      gtk_image_set_from_icon_name (self->banner_icon,
                                    plt_connection_status_get_icon_name (self->status));
    }
  gtk_revealer_set_reveal_child (self->banner_revealer, message != NULL);

  /* Reconnect now, unless something must be done first: no retry loop on
   * a refused login or an untrusted certificate. */
  if (!update_trust_button (self, self->banner_button, plt_connection_status_get_state (self->status)))
    {
      gtk_button_set_label (GTK_BUTTON (self->banner_button), _("_Reconnect now"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->banner_button), "win.reconnect");
      gtk_widget_set_visible (self->banner_button,
                              plt_connection_status_get_can_reconnect (self->status));
    }

  if (g_strcmp0 (css_class, self->banner_class) != 0)
    {
      if (self->banner_class != NULL)
        gtk_widget_remove_css_class (self->banner, self->banner_class);
      g_free (self->banner_class);
      self->banner_class = g_strdup (css_class);
      if (css_class != NULL)
        gtk_widget_add_css_class (self->banner, css_class);
    }
}

static void
update_stale (PltWindow *self)
{
  gboolean stale = self->client != NULL && !plt_connection_status_get_live (self->status);
  /* The planning works offline: edits are kept and saved later; its page
   * says so itself rather than greyed out. */
  gboolean planning = g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "planning") == 0;

  /* Grey the boards whenever what they show may not be current, and say
   * from when it is. */
  if (stale && !planning)
    gtk_widget_add_css_class (GTK_WIDGET (self->view_stack), "stale");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->view_stack), "stale");

  plt_queue_board_set_stale (self->queue_board, stale,
                             plt_connection_status_get_last_update_text (self->status));
}

/* The alerts to tell: alarms and projected breaches not acknowledged. */
static gboolean
alert_is_told (const PltAlert *alert)
{
  return !alert->acknowledged &&
         (alert->level == PLT_ALERT_LEVEL_ALARM || alert->kind == PLT_ALERT_KIND_PROJECTED_BREACH);
}

static void
update_alert_banner (PltWindow *self)
{
  GPtrArray *alerts = self->alerts != NULL ? plt_alert_monitor_get_alerts (self->alerts) : NULL;
  g_autoptr(GPtrArray) told = g_ptr_array_new ();
  g_autoptr(GString) text = g_string_new (NULL);
  const PltAlert *first;
  const char *css_class;

  for (guint i = 0; alerts != NULL && i < alerts->len; i++)
    if (alert_is_told (g_ptr_array_index (alerts, i)))
      g_ptr_array_add (told, g_ptr_array_index (alerts, i));

  gtk_revealer_set_reveal_child (self->alert_revealer, told->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.acknowledge-alerts", told->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-alert", told->len > 0);
  if (told->len == 0)
    {
      g_clear_pointer (&self->alert_queue, g_free);
      return;
    }

  /* Alarms come first: the banner leads with the worst. */
  first = g_ptr_array_index (told, 0);
  g_free (self->alert_queue);
  self->alert_queue = g_strdup (first->queue_id);

  if (told->len == 1)
    g_string_append (text, first->text);
  else
    {
      g_autoptr(GPtrArray) names = g_ptr_array_new ();
      g_autofree char *list = NULL;

      for (guint i = 0; i < told->len; i++)
        {
          const PltAlert *alert = g_ptr_array_index (told, i);
          gboolean seen = FALSE;

          for (guint j = 0; j < names->len && !seen; j++)
            seen = g_str_equal (g_ptr_array_index (names, j), alert->queue_name);
          if (!seen)
            g_ptr_array_add (names, alert->queue_name);
        }
      g_ptr_array_add (names, NULL);
      /* Translators: the separator of a list of queue names */
      list = g_strjoinv (_(", "), (char **) names->pdata);

      /* Translators: the alert banner, with several alerts: their number,
       * then the first one's words, then the queues concerned */
      g_string_append_printf (text, ngettext ("%u alert: %s (queues: %s)",
                                              "%u alerts: %s (queues: %s)", told->len),
                              told->len, first->text, list);
    }
  gtk_label_set_label (self->alert_label, text->str);
  gtk_image_set_from_icon_name (self->alert_icon, plt_alert_level_get_icon_name (first->level));

  css_class = plt_alert_level_get_css_class (first->level);
  if (g_strcmp0 (css_class, self->alert_class) != 0)
    {
      if (self->alert_class != NULL)
        gtk_widget_remove_css_class (self->alert_banner, self->alert_class);
      g_free (self->alert_class);
      self->alert_class = g_strdup (css_class);
      gtk_widget_add_css_class (self->alert_banner, css_class);
    }
}

static void
status_changed_cb (PltWindow *self)
{
  update_banner (self);
  update_stale (self);
  update_subtitle (self);
  update_connecting_page (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reconnect",
                                 plt_connection_status_get_can_reconnect (self->status));
}

static void
client_synced_cb (PltWindow *self)
{
  if (self->has_synced)
    return;

  self->has_synced = TRUE;
  update_page (self);
}

static void
view_changed_cb (PltWindow *self)
{
  update_stale (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
}

static void
url_changed_cb (PltWindow *self)
{
  plt_window_show_welcome_error (self, NULL);
}

static void
connect_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PltWindow *self = PLT_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;

  uri = plt_normalize_router_uri (gtk_editable_get_text (GTK_EDITABLE (self->url_row)), &error);
  if (uri == NULL)
    {
      plt_window_show_welcome_error (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->url_row));
      return;
    }

  plt_window_show_welcome_error (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->url_row), uri);

  /* The application owns the client; without one (tests), follow the
   * window's own client. */
  if (!gtk_widget_activate_action (widget, "app.connect", "s", uri) && self->client != NULL)
    {
      plt_client_connect (self->client, uri);
      update_page (self);
    }
}

static void
url_activated_cb (PltWindow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.connect", NULL);
}

static void
reconnect_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PltWindow *self = PLT_WINDOW (widget);

  plt_connection_status_reconnect (self->status);
}

static void
show_queue_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  plt_window_show_queue (PLT_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
show_alert_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PltWindow *self = PLT_WINDOW (widget);

  if (self->alert_queue != NULL)
    plt_window_show_queue (self, self->alert_queue);
}

static void
acknowledge_alerts_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  PltWindow *self = PLT_WINDOW (widget);

  if (self->alerts != NULL)
    plt_alert_monitor_acknowledge_all (self->alerts);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PltWindow *self = PLT_WINDOW (widget);

  if (!self->has_synced)
    return;

  plt_window_set_view (self, "agents");
  plt_agent_list_focus_search (self->agent_list);
}

static void
wallboard_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  /* The application owns the windows and the client they share. */
  gtk_widget_activate_action (widget, "app.wallboard", NULL);
}

static void
restore_size (PltWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;

  width = g_settings_get_int (self->settings, SETTINGS_KEY_WIDTH);
  height = g_settings_get_int (self->settings, SETTINGS_KEY_HEIGHT);
  if (width > 0 && height > 0)
    gtk_window_set_default_size (GTK_WINDOW (self), width, height);

  if (g_settings_get_boolean (self->settings, SETTINGS_KEY_MAXIMIZED))
    gtk_window_maximize (GTK_WINDOW (self));

  g_settings_bind (self->settings, SETTINGS_KEY_LAST_VIEW,
                   self, "view",
                   G_SETTINGS_BIND_DEFAULT);

  plt_agent_list_set_settings (self->agent_list, self->settings);
}

static void
save_size (PltWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  g_settings_delay (self->settings);
  if (!gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, SETTINGS_KEY_WIDTH, width);
      g_settings_set_int (self->settings, SETTINGS_KEY_HEIGHT, height);
    }
  g_settings_set_boolean (self->settings, SETTINGS_KEY_MAXIMIZED,
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_apply (self->settings);
}

static gboolean
plt_window_close_request (GtkWindow *window)
{
  save_size (PLT_WINDOW (window));

  return GTK_WINDOW_CLASS (plt_window_parent_class)->close_request (window);
}

static void
plt_window_constructed (GObject *object)
{
  PltWindow *self = (PltWindow *)object;

  G_OBJECT_CLASS (plt_window_parent_class)->constructed (object);

  restore_size (self);
}

static void
plt_window_dispose (GObject *object)
{
  PltWindow *self = (PltWindow *)object;

  if (self->client_signals != NULL)
    g_signal_group_set_target (self->client_signals, NULL);
  if (self->status != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->status, self);
      plt_connection_status_set_client (self->status, NULL);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), PLT_TYPE_WINDOW);

  if (self->alerts != NULL)
    g_signal_handlers_disconnect_by_data (self->alerts, self);
  g_clear_object (&self->alerts);
  g_clear_object (&self->client_signals);
  g_clear_object (&self->status);
  g_clear_object (&self->client);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (plt_window_parent_class)->dispose (object);
}

static void
plt_window_finalize (GObject *object)
{
  PltWindow *self = (PltWindow *)object;

  g_clear_pointer (&self->banner_class, g_free);
  g_clear_pointer (&self->alert_class, g_free);
  g_clear_pointer (&self->alert_queue, g_free);

  G_OBJECT_CLASS (plt_window_parent_class)->finalize (object);
}

static void
plt_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  PltWindow *self = PLT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_VIEW:
      g_value_set_string (value, plt_window_get_view (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
plt_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  PltWindow *self = PLT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      plt_window_set_client (self, g_value_get_object (value));
      break;

    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    case PROP_VIEW:
      plt_window_set_view (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
plt_window_class_init (PltWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = plt_window_constructed;
  object_class->dispose = plt_window_dispose;
  object_class->finalize = plt_window_finalize;
  object_class->get_property = plt_window_get_property;
  object_class->set_property = plt_window_set_property;

  window_class->close_request = plt_window_close_request;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         PLT_TYPE_CLIENT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_VIEW] =
    g_param_spec_string ("view", NULL, NULL,
                         "queues",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PLT_TYPE_AGENT_LIST);
  g_type_ensure (PLT_TYPE_CONNECTION_INDICATOR);
  g_type_ensure (PLT_TYPE_QUEUE_BOARD);
  g_type_ensure (PLT_TYPE_PLANNING_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/plateau/Plateau/plt-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PltWindow, content_box);
  gtk_widget_class_bind_template_child (widget_class, PltWindow, title_stack);
  gtk_widget_class_bind_template_child (widget_class, PltWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, PltWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, PltWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, PltWindow, indicator);
  gtk_widget_class_bind_template_child (widget_class, PltWindow, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, PltWindow, banner);
  gtk_widget_class_bind_template_child (widget_class, PltWindow, banner_icon);
  gtk_widget_class_bind_template_child (widget_class, PltWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, PltWindow, banner_button);
  gtk_widget_class_bind_template_child (widget_class, PltWindow, alert_revealer);
  gtk_widget_class_bind_template_child (widget_class, PltWindow, alert_banner);
  gtk_widget_class_bind_template_child (widget_class, PltWindow, alert_icon);
  gtk_widget_class_bind_template_child (widget_class, PltWindow, alert_label);
  gtk_widget_class_bind_template_child (widget_class, PltWindow, alert_show_button);
  gtk_widget_class_bind_template_child (widget_class, PltWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PltWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, PltWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, PltWindow, url_row);
  gtk_widget_class_bind_template_child (widget_class, PltWindow, url_error);
  gtk_widget_class_bind_template_child (widget_class, PltWindow, connecting_page);
  gtk_widget_class_bind_template_child (widget_class, PltWindow, connecting_spinner);
  gtk_widget_class_bind_template_child (widget_class, PltWindow, connecting_action_button);
  gtk_widget_class_bind_template_child (widget_class, PltWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, PltWindow, queue_board);
  gtk_widget_class_bind_template_child (widget_class, PltWindow, agent_list);
  gtk_widget_class_bind_template_child (widget_class, PltWindow, planning_page);
  gtk_widget_class_bind_template_callback (widget_class, view_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, title_visible_cb);
  gtk_widget_class_bind_template_callback (widget_class, url_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, url_changed_cb);

  gtk_widget_class_install_action (widget_class, "win.reconnect", NULL, reconnect_action);
  gtk_widget_class_install_action (widget_class, "win.connect", NULL, connect_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.show-queue", "s", show_queue_action);
  gtk_widget_class_install_action (widget_class, "win.show-alert", NULL, show_alert_action);
  gtk_widget_class_install_action (widget_class, "win.acknowledge-alerts", NULL, acknowledge_alerts_action);
  gtk_widget_class_install_action (widget_class, "win.wallboard", NULL, wallboard_action);
  gtk_widget_class_install_property_action (widget_class, "win.view", "view");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "win.view", "s", "queues");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_1, GDK_ALT_MASK, "win.view", "s", "queues");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "win.view", "s", "agents");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK, "win.view", "s", "planning");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_3, GDK_ALT_MASK, "win.view", "s", "planning");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_2, GDK_ALT_MASK, "win.view", "s", "agents");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.reconnect", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.acknowledge-alerts", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F11, GDK_SHIFT_MASK, "win.wallboard", NULL);
}

static void
plt_window_init (PltWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  if (DEVELOPMENT)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  self->status = plt_connection_status_new (NULL);
  plt_connection_indicator_set_status (self->indicator, self->status);
  g_signal_connect_swapped (self->status, "notify", G_CALLBACK (status_changed_cb), self);

  self->client_signals = g_signal_group_new (PLT_TYPE_CLIENT);
  g_signal_group_connect_swapped (self->client_signals, "synced",
                                  G_CALLBACK (client_synced_cb), self);

  status_changed_cb (self);
  update_alert_banner (self);
  update_page (self);
}

/**
 * plt_window_new:
 * @application: (nullable): the application
 * @settings: (nullable): the application's settings, if its schema is installed
 *
 * Returns: (transfer floating): a new #PltWindow, without a client
 */
GtkWidget *
plt_window_new (GtkApplication *application,
                GSettings      *settings)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  return g_object_new (PLT_TYPE_WINDOW,
                       "application", application,
                       "settings", settings,
                       NULL);
}

PltClient *
plt_window_get_client (PltWindow *self)
{
  g_return_val_if_fail (PLT_IS_WINDOW (self), NULL);

  return self->client;
}

void
plt_window_set_client (PltWindow *self,
                       PltClient *client)
{
  PltModel *model = NULL;
  PltClock *clock = NULL;

  g_return_if_fail (PLT_IS_WINDOW (self));
  g_return_if_fail (client == NULL || PLT_IS_CLIENT (client));

  if (self->client == client)
    return;

  g_set_object (&self->client, client);

  if (client != NULL)
    {
      model = plt_client_get_model (client);
      clock = plt_client_get_clock (client);
    }

  self->has_synced = client != NULL &&
                     (plt_client_get_state (client) == PLT_CONNECTION_STATE_LIVE ||
                      model_has_data (client));

  g_signal_group_set_target (self->client_signals, client);
  plt_connection_status_set_client (self->status, client);

  plt_queue_board_set_client (self->queue_board, client);
  plt_agent_list_set_clock (self->agent_list, clock);
  plt_agent_list_set_model (self->agent_list, model);
  plt_planning_page_set_client (self->planning_page, client);
  plt_agent_list_set_client (self->agent_list, client);

  update_page (self);
  status_changed_cb (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
}

const char *
plt_window_get_view (PltWindow *self)
{
  const char *view;

  g_return_val_if_fail (PLT_IS_WINDOW (self), NULL);

  view = adw_view_stack_get_visible_child_name (self->view_stack);

  return view != NULL ? view : "queues";
}

void
plt_window_set_view (PltWindow  *self,
                     const char *view)
{
  g_return_if_fail (PLT_IS_WINDOW (self));

  if (!is_known_view (view))
    return;

  /* The view stack notifies, and view_changed_cb() notifies "view". */
  adw_view_stack_set_visible_child_name (self->view_stack, view);
}

void
plt_window_set_welcome_address (PltWindow  *self,
                                const char *address)
{
  g_return_if_fail (PLT_IS_WINDOW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->url_row), address != NULL ? address : "");
  plt_window_show_welcome_error (self, NULL);
}

void
plt_window_show_welcome_error (PltWindow  *self,
                               const char *message)
{
  g_return_if_fail (PLT_IS_WINDOW (self));

  gtk_label_set_label (self->url_error, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->url_error), message != NULL);

  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->url_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->url_row), "error");
}

PltQueueBoard *
_plt_window_get_queue_board (PltWindow *self)
{
  g_return_val_if_fail (PLT_IS_WINDOW (self), NULL);

  return self->queue_board;
}

PltPlanningPage *
_plt_window_get_planning_page (PltWindow *self)
{
  g_return_val_if_fail (PLT_IS_WINDOW (self), NULL);

  return self->planning_page;
}

PltAgentList *
_plt_window_get_agent_list (PltWindow *self)
{
  g_return_val_if_fail (PLT_IS_WINDOW (self), NULL);

  return self->agent_list;
}

PltConnectionIndicator *
_plt_window_get_indicator (PltWindow *self)
{
  g_return_val_if_fail (PLT_IS_WINDOW (self), NULL);

  return self->indicator;
}

GtkWidget *
_plt_window_get_boards (PltWindow *self)
{
  g_return_val_if_fail (PLT_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->view_stack);
}

GtkWidget *
_plt_window_get_content (PltWindow *self)
{
  g_return_val_if_fail (PLT_IS_WINDOW (self), NULL);

  return self->content_box;
}

GtkLabel *
_plt_window_get_banner_label (PltWindow *self)
{
  g_return_val_if_fail (PLT_IS_WINDOW (self), NULL);

  return self->banner_label;
}

gboolean
_plt_window_get_banner_shown (PltWindow *self)
{
  g_return_val_if_fail (PLT_IS_WINDOW (self), FALSE);

  return gtk_revealer_get_reveal_child (self->banner_revealer);
}

const char *
_plt_window_get_page (PltWindow *self)
{
  g_return_val_if_fail (PLT_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->main_stack);
}

void
plt_window_set_alerts (PltWindow       *self,
                       PltAlertMonitor *alerts)
{
  g_return_if_fail (PLT_IS_WINDOW (self));
  g_return_if_fail (alerts == NULL || PLT_IS_ALERT_MONITOR (alerts));

  if (self->alerts == alerts)
    return;

  if (self->alerts != NULL)
    g_signal_handlers_disconnect_by_data (self->alerts, self);
  g_set_object (&self->alerts, alerts);
  if (alerts != NULL)
    g_signal_connect_object (alerts, "changed", G_CALLBACK (update_alert_banner), self, G_CONNECT_SWAPPED);

  plt_queue_board_set_alerts (self->queue_board, alerts);
  update_alert_banner (self);
}

gboolean
plt_window_show_queue (PltWindow  *self,
                       const char *queue_id)
{
  g_return_val_if_fail (PLT_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (queue_id != NULL, FALSE);

  if (!self->has_synced)
    return FALSE;

  plt_window_set_view (self, "queues");
  return plt_queue_board_show_queue (self->queue_board, queue_id);
}

gboolean
_plt_window_get_alert_shown (PltWindow *self)
{
  g_return_val_if_fail (PLT_IS_WINDOW (self), FALSE);

  return gtk_revealer_get_reveal_child (self->alert_revealer);
}

GtkLabel *
_plt_window_get_alert_label (PltWindow *self)
{
  g_return_val_if_fail (PLT_IS_WINDOW (self), NULL);

  return self->alert_label;
}

void
plt_window_add_toast (PltWindow  *self,
                      const char *message)
{
  AdwToast *toast;

  g_return_if_fail (PLT_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
