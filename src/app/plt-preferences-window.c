/* plt-preferences-window.c — the console's preferences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "plt-alert-overrides.h"
#include "plt-preferences-window.h"
#include "plt-ui-format.h"
#include "plt-wallboard-editor.h"
#include "plt-wallboard-layout.h"

struct _PltPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  PltClient            *client;

  AdwEntryRow          *router_row;
  AdwEntryRow          *ca_row;
  AdwComboRow          *style_row;
  AdwActionRow         *layout_row;
  GtkNativeDialog      *chooser;
};

G_DEFINE_FINAL_TYPE (PltPreferencesWindow, plt_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static const char * const styles[] = { "default", "light", "dark" };

static void
toast (PltPreferencesWindow *self,
       const char           *message)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (message));
}

static GtkWidget *
add_group (AdwPreferencesPage *page,
           const char         *title,
           const char         *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  adw_preferences_page_add (page, ADW_PREFERENCES_GROUP (group));

  return group;
}

static AdwPreferencesPage *
add_page (PltPreferencesWindow *self,
          const char           *name,
          const char           *title,
          const char           *icon_name)
{
  GtkWidget *page = adw_preferences_page_new ();

  adw_preferences_page_set_name (ADW_PREFERENCES_PAGE (page), name);
  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (page), title);
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (page), icon_name);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (page));

  return ADW_PREFERENCES_PAGE (page);
}

/* A switch bound to a boolean key */
static void
add_switch_row (PltPreferencesWindow *self,
                GtkWidget            *group,
                const char           *key,
                const char           *title,
                const char           *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  g_settings_bind (self->settings, key, toggle, "active", G_SETTINGS_BIND_DEFAULT);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
}

/* A spin button bound to an unsigned key, with the key's range */
static void
add_spin_row (PltPreferencesWindow *self,
              GtkWidget            *group,
              const char           *key,
              const char           *title,
              const char           *subtitle,
              const char           *accessible_label)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchemaKey) schema_key = NULL;
  g_autoptr(GVariant) range = NULL;
  g_autoptr(GVariant) limits = NULL;
  const char *type;
  guint32 min = 0, max = 1000;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin;

  g_object_get (self->settings, "settings-schema", &schema, NULL);
  schema_key = g_settings_schema_get_key (schema, key);
  range = g_settings_schema_key_get_range (schema_key);
  g_variant_get (range, "(&sv)", &type, &limits);
  if (g_str_equal (type, "range"))
    g_variant_get (limits, "(uu)", &min, &max);

  spin = gtk_spin_button_new_with_range (min, max, 1);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label,
                                  -1);
  g_settings_bind (self->settings, key, spin, "value", G_SETTINGS_BIND_DEFAULT);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
}

/* General ------------------------------------------------------------------ */

static void
router_changed_cb (PltPreferencesWindow *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->router_row), "error");
}

static void
router_applied_cb (PltPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;

  uri = plt_normalize_router_uri (gtk_editable_get_text (GTK_EDITABLE (self->router_row)), &error);
  if (uri == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->router_row), "error");
      toast (self, error->message);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->router_row), uri);
  gtk_widget_remove_css_class (GTK_WIDGET (self->router_row), "error");
  if (gtk_widget_activate_action (GTK_WIDGET (self), "app.connect", "s", uri))
    toast (self, _("Following the new router"));
}

static void
ca_chooser_response_cb (GtkNativeDialog      *chooser,
                        int                   response,
                        PltPreferencesWindow *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);

  if (file != NULL)
    {
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        g_settings_set_string (self->settings, "ca-file", path);
    }
}

static void
choose_ca_cb (PltPreferencesWindow *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  if (self->chooser != NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Choose the certificate authorities"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("PEM certificates"));
  gtk_file_filter_add_mime_type (filter, "application/x-x509-ca-cert");
  gtk_file_filter_add_suffix (filter, "pem");
  gtk_file_filter_add_suffix (filter, "crt");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_set_modal (self->chooser, TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (ca_chooser_response_cb), self);
  gtk_native_dialog_show (self->chooser);
}

static void
style_selected_cb (PltPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->style_row);

  if (selected < G_N_ELEMENTS (styles))
    gtk_widget_activate_action (GTK_WIDGET (self), "app.color-scheme", "s", styles[selected]);
}

static void
build_general_page (PltPreferencesWindow *self)
{
  AdwPreferencesPage *page = add_page (self, "general", _("General"), "preferences-system-symbolic");
  g_autoptr(GtkStringList) style_names = NULL;
  g_autofree char *scheme = NULL;
  g_autofree char *server = NULL;
  GtkWidget *group;
  GtkWidget *button;

  group = add_group (page, _("Router"),
                     _("The routing server the console and its wallboards follow"));

  self->router_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->router_row), _("Router address"));
  adw_entry_row_set_show_apply_button (self->router_row, TRUE);
  adw_entry_row_set_input_purpose (self->router_row, GTK_INPUT_PURPOSE_URL);
  if (self->client != NULL && plt_client_get_uri (self->client) != NULL)
    server = g_strdup (plt_client_get_uri (self->client));
  else
    server = g_settings_get_string (self->settings, "server-url");
  gtk_editable_set_text (GTK_EDITABLE (self->router_row), server);
  g_signal_connect_swapped (self->router_row, "apply", G_CALLBACK (router_applied_cb), self);
  g_signal_connect_swapped (self->router_row, "changed", G_CALLBACK (router_changed_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->router_row));

  self->ca_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->ca_row),
                                 _("Certificate authorities (PEM file, for wss://)"));
  g_settings_bind (self->settings, "ca-file", self->ca_row, "text", G_SETTINGS_BIND_DEFAULT);
  button = gtk_button_new_from_icon_name ("document-open-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Choose a file"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Choose the certificate authorities"),
                                  -1);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (choose_ca_cb), self);
  adw_entry_row_add_suffix (self->ca_row, button);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->ca_row));

  group = add_group (page, _("Appearance"), NULL);
  style_names = gtk_string_list_new (NULL);
  gtk_string_list_append (style_names, _("Follow system style"));
  gtk_string_list_append (style_names, _("Light style"));
  gtk_string_list_append (style_names, _("Dark style"));
  self->style_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->style_row), _("Style"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->style_row), _("The wallboard is always dark"));
  adw_combo_row_set_model (self->style_row, G_LIST_MODEL (style_names));
  scheme = g_settings_get_string (self->settings, "color-scheme");
  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    if (g_str_equal (scheme, styles[i]))
      adw_combo_row_set_selected (self->style_row, i);
  g_signal_connect_swapped (self->style_row, "notify::selected", G_CALLBACK (style_selected_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->style_row));
}

/* Alerts ------------------------------------------------------------------- */

static void
build_alerts_page (PltPreferencesWindow *self)
{
  AdwPreferencesPage *page = add_page (self, "alerts", _("Alerts"), "dialog-warning-symbolic");
  GtkWidget *group;

  group = add_group (page, _("Thresholds"),
                     _("A queue over a threshold shows a warning or an alarm on the console and on the wallboard; an alarm can also be notified"));
  add_spin_row (self, group, "alert-waiting-warning", _("Waiting contacts: warning"),
                _("From this many contacts waiting in a queue; 0 for none"),
                _("Waiting contacts for a warning"));
  add_spin_row (self, group, "alert-waiting-alarm", _("Waiting contacts: alarm"),
                _("From this many contacts waiting in a queue; 0 for none"),
                _("Waiting contacts for an alarm"));
  add_spin_row (self, group, "alert-longest-wait", _("Longest wait: alarm"),
                _("Seconds; a warning comes at three quarters of it. 0 uses each queue’s service level threshold"),
                _("Longest wait for an alarm, in seconds"));
  add_switch_row (self, group, "alert-service-level", _("Service level below target"),
                  _("A warning slightly below the target, an alarm further below"));
  add_switch_row (self, group, "alert-projected-breach", _("Projected breach"),
                  _("Before the quarter-hour ends below target, from the calls waiting and expected and the agents staffed"));

  adw_preferences_page_add (page, ADW_PREFERENCES_GROUP (plt_alert_overrides_new (self->settings, self->client)));

  group = add_group (page, _("Alarms"), _("When a queue goes over an alarm threshold"));
  add_switch_row (self, group, "alert-desktop-notifications", _("Desktop notifications"),
                  _("While the console is not the active window"));
  add_switch_row (self, group, "alert-sound", _("Alert sound"),
                  _("The desktop’s alert sound"));
}

/* Wallboard ---------------------------------------------------------------- */

static void
update_layout_row (PltPreferencesWindow *self)
{
  g_autofree char *json = g_settings_get_string (self->settings, "wallboard-layout");
  g_autoptr(PltWallboardLayout) layout = NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);
  guint n_pages;

  if (json[0] != '\0')
    layout = plt_wallboard_layout_new_from_json (json, -1, NULL);
  if (layout == NULL)
    layout = plt_wallboard_layout_new_default ();

  n_pages = plt_wallboard_layout_get_n_pages (layout);
  /* Translators: the wallboard layout in the preferences, "3 pages: Queues, Service level, Agents" */
  g_string_printf (subtitle, ngettext ("%u page: ", "%u pages: ", n_pages), n_pages);
  for (guint i = 0; i < n_pages; i++)
    {
      g_autofree char *title = plt_wallboard_page_dup_title (plt_wallboard_layout_get_page (layout, i));

      if (i > 0)
        g_string_append (subtitle, ", ");
      g_string_append (subtitle, title);
    }

  adw_action_row_set_subtitle (self->layout_row, subtitle->str);
}

static void
editor_layout_changed_cb (PltPreferencesWindow *self,
                          PltWallboardEditor   *editor)
{
  g_autofree char *json = plt_wallboard_layout_to_json (plt_wallboard_editor_get_layout (editor));

  g_settings_set_string (self->settings, "wallboard-layout", json);
}

static void
edit_layout_cb (PltPreferencesWindow *self)
{
  g_autofree char *json = g_settings_get_string (self->settings, "wallboard-layout");
  g_autoptr(PltWallboardLayout) layout = NULL;
  GtkWidget *editor;

  if (json[0] != '\0')
    layout = plt_wallboard_layout_new_from_json (json, -1, NULL);
  if (layout == NULL)
    layout = plt_wallboard_layout_new_default ();

  editor = plt_wallboard_editor_new (GTK_WINDOW (self), layout,
                                     self->client != NULL ? plt_client_get_model (self->client) : NULL,
                                     NULL);
  g_signal_connect_object (editor, "layout-changed", G_CALLBACK (editor_layout_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
open_wallboard_cb (PltPreferencesWindow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "app.wallboard", NULL);
}

static GtkWidget *
add_button_row (GtkWidget  *group,
                const char *title,
                const char *subtitle,
                const char *label,
                GCallback   callback,
                gpointer    user_data)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (button, "clicked", callback, user_data);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  return row;
}

static void
build_wallboard_page (PltPreferencesWindow *self)
{
  AdwPreferencesPage *page = add_page (self, "wallboard", _("Wallboard"), "video-display-symbolic");
  GtkWidget *group;

  group = add_group (page, _("Wallboard"),
                     _("Large tiles for a screen across the room, on their own window: Shift+F11 opens it from the console, plateau --wallboard starts one alone"));
  add_switch_row (self, group, "wallboard-fullscreen", _("Open full screen"),
                  _("F11 toggles full screen, Escape leaves it"));
  self->layout_row = ADW_ACTION_ROW (add_button_row (group, _("Layout"), NULL, _("_Edit…"),
                                                     G_CALLBACK (edit_layout_cb), self));
  add_button_row (group, _("Open the wallboard"), _("On the router the console follows"),
                  _("_Open"), G_CALLBACK (open_wallboard_cb), self);

  update_layout_row (self);
  g_signal_connect_object (self->settings, "changed::wallboard-layout",
                           G_CALLBACK (update_layout_row), self, G_CONNECT_SWAPPED);
}

/* GObject ------------------------------------------------------------------ */

static void
plt_preferences_window_dispose (GObject *object)
{
  PltPreferencesWindow *self = (PltPreferencesWindow *)object;

  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (self->chooser);
      g_clear_object (&self->chooser);
    }
  g_clear_object (&self->settings);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (plt_preferences_window_parent_class)->dispose (object);
}

static void
plt_preferences_window_class_init (PltPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = plt_preferences_window_dispose;

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
plt_preferences_window_init (PltPreferencesWindow *self)
{
  gtk_window_set_title (GTK_WINDOW (self), _("Preferences"));
  gtk_window_set_default_size (GTK_WINDOW (self), 640, 700);
}

/**
 * plt_preferences_window_new:
 * @parent: (nullable): the window it belongs to
 * @settings: the application's settings
 * @client: (nullable): the client followed, for its address and queues
 *
 * Returns: (transfer floating): a new #PltPreferencesWindow
 */
GtkWidget *
plt_preferences_window_new (GtkWindow *parent,
                            GSettings *settings,
                            PltClient *client)
{
  PltPreferencesWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (client == NULL || PLT_IS_CLIENT (client), NULL);

  self = g_object_new (PLT_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", FALSE,
                       NULL);
  self->settings = g_object_ref (settings);
  self->client = client != NULL ? g_object_ref (client) : NULL;

  build_general_page (self);
  build_alerts_page (self);
  build_wallboard_page (self);

  return GTK_WIDGET (self);
}
