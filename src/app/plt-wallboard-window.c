/* plt-wallboard-window.c — the wallboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "plt-alerts.h"
#include "plt-connection-status.h"
#include "plt-ui-format.h"
#include "plt-wallboard-editor.h"
#include "plt-wallboard-window-private.h"

#define SETTINGS_KEY_LAYOUT       "wallboard-layout"

/* How long an interaction pauses the rotation. */
#define INTERACTION_PAUSE_S       60
/* How long the header bar stays in full screen after the pointer stops. */
#define HEADER_HIDE_MS            3000
/* How often to ask a client that gave up to try again. */
#define RETRY_FAILED_S            30

/* The type grows with the window: the step nearest to its scale against a
 * 1920 × 1080 screen (the shorter way). Keep in step with style.css. */
static const struct {
  double      scale;
  const char *css_class;
} scale_steps[] = {
  { 0.5,   "wb-scale-50" },
  { 0.625, "wb-scale-63" },
  { 0.75,  "wb-scale-75" },
  { 0.875, "wb-scale-88" },
  { 1.0,   "wb-scale-100" },
  { 1.25,  "wb-scale-125" },
  { 1.5,   "wb-scale-150" },
  { 1.75,  "wb-scale-175" },
  { 2.0,   "wb-scale-200" },
  { 2.5,   "wb-scale-250" },
  { 3.0,   "wb-scale-300" },
};

struct _PltWallboardWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template children */
  GtkRevealer          *header_revealer;
  AdwWindowTitle       *window_title;
  GtkWidget            *rotation_button;
  GtkWidget            *fullscreen_button;
  GtkWidget            *board;
  GtkLabel             *page_title;
  GtkWidget            *page_dots;
  GtkWidget            *rotation_status;
  GtkLabel             *rotation_label;
  GtkLabel             *clock_label;
  GtkStack             *pages;
  PltWallboardTicker   *ticker;
  GtkWidget            *stale_box;
  GtkImage             *stale_icon;
  GtkLabel             *stale_title;
  GtkLabel             *stale_detail;

  GSettings            *settings;
  PltClient            *client;
  PltConnectionStatus  *status;
  PltAlertMonitor      *alerts;
  PltAlertThresholds    thresholds;

  PltWallboardLayout   *layout;
  GFile                *layout_file;
  GPtrArray            *page_views;
  guint                 page;

  const char           *scale_class;
  const char           *pending_scale_class;

  guint                 rotation_id;
  guint                 interaction_id;
  guint                 header_hide_id;
  guint                 wall_clock_id;
  guint                 retry_id;
  guint                 scale_idle_id;
  guint                 inhibit_cookie;
  double                pointer_x;
  double                pointer_y;

  guint                 own_layout : 1;
  guint                 held : 1;
  guint                 fullscreen : 1;
};

G_DEFINE_FINAL_TYPE (PltWallboardWindow, plt_wallboard_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void schedule_rotation (PltWallboardWindow *self);

/* Scale ------------------------------------------------------------------ */

const char *
_plt_wallboard_choose_scale_class (int width,
                                   int height)
{
  double scale = MIN (width / 1920.0, height / 1080.0);
  const char *css_class = scale_steps[0].css_class;
  double best = G_MAXDOUBLE;

  if (scale <= 0)
    return css_class;

  /* The nearest step: a window a few pixels short of a 1080p screen (its
   * borders) still gets the 1080p type. */
  for (guint i = 0; i < G_N_ELEMENTS (scale_steps); i++)
    {
      double distance = fabs (log (scale_steps[i].scale / scale));

      if (distance < best)
        {
          best = distance;
          css_class = scale_steps[i].css_class;
        }
    }

  return css_class;
}

static void
apply_scale_cb (gpointer user_data)
{
  PltWallboardWindow *self = user_data;

  self->scale_idle_id = 0;

  if (self->pending_scale_class == self->scale_class)
    return;

  if (self->scale_class != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self), self->scale_class);
  gtk_widget_add_css_class (GTK_WIDGET (self), self->pending_scale_class);
  self->scale_class = self->pending_scale_class;
}

static void
plt_wallboard_window_size_allocate (GtkWidget *widget,
                                    int        width,
                                    int        height,
                                    int        baseline)
{
  PltWallboardWindow *self = PLT_WALLBOARD_WINDOW (widget);
  const char *css_class = _plt_wallboard_choose_scale_class (width, height);

  GTK_WIDGET_CLASS (plt_wallboard_window_parent_class)->size_allocate (widget, width, height, baseline);

  /* A new style means a new layout: change it after this one, not during. */
  self->pending_scale_class = css_class;
  if (css_class != self->scale_class && self->scale_idle_id == 0)
    {
      self->scale_idle_id = g_idle_add_once (apply_scale_cb, self);
      g_source_set_name_by_id (self->scale_idle_id, "[plateau] wallboard scale");
    }
}

/* Pages ------------------------------------------------------------------ */

static void
update_page_chrome (PltWallboardWindow *self)
{
  guint n_pages = self->page_views->len;
  guint i = 0;
  g_autofree char *position = NULL;

  if (n_pages > 0)
    gtk_label_set_label (self->page_title,
                         plt_wallboard_page_view_get_title (g_ptr_array_index (self->page_views, self->page)));
  else
    gtk_label_set_label (self->page_title, "");

  /* A page with a clock card needs no second clock. */
  gtk_widget_set_visible (GTK_WIDGET (self->clock_label),
                          n_pages == 0 ||
                          !plt_wallboard_page_has_tile (plt_wallboard_layout_get_page (self->layout, self->page),
                                                        PLT_WALLBOARD_TILE_CLOCK));

  for (GtkWidget *dot = gtk_widget_get_first_child (self->page_dots);
       dot != NULL;
       dot = gtk_widget_get_next_sibling (dot), i++)
    {
      if (i == self->page)
        gtk_widget_add_css_class (dot, "current");
      else
        gtk_widget_remove_css_class (dot, "current");
    }

  /* Translators: where the wallboard is in its pages, for screen readers */
  position = g_strdup_printf (_("Page %u of %u"), self->page + 1, n_pages);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->page_dots),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, position,
                                  -1);
  gtk_widget_set_visible (self->page_dots, n_pages > 1);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wallboard.previous-page", n_pages > 1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wallboard.next-page", n_pages > 1);
}

static gboolean
rotation_wanted (PltWallboardWindow *self)
{
  return self->layout->rotate && self->page_views->len > 1;
}

static void
update_rotation_status (PltWallboardWindow *self)
{
  gboolean paused = rotation_wanted (self) && (self->held || self->interaction_id != 0);

  gtk_widget_set_visible (self->rotation_status, paused);
  if (self->held)
    gtk_label_set_label (self->rotation_label, _("Rotation stopped"));
  else
    gtk_label_set_label (self->rotation_label, _("Rotation paused"));

  gtk_button_set_icon_name (GTK_BUTTON (self->rotation_button),
                            self->held ? "media-playback-start-symbolic" : "media-playback-pause-symbolic");
  gtk_widget_set_tooltip_text (self->rotation_button,
                               self->held ? _("Rotate pages") : _("Stop rotating pages"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->rotation_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->held ? _("Rotate pages") : _("Stop rotating pages"),
                                  -1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wallboard.toggle-rotation", rotation_wanted (self));
}

static void
show_page (PltWallboardWindow *self,
           guint               page)
{
  if (self->page_views->len == 0)
    return;

  self->page = page % self->page_views->len;
  gtk_stack_set_visible_child (self->pages, g_ptr_array_index (self->page_views, self->page));
  update_page_chrome (self);
  schedule_rotation (self);
}

static gboolean
rotation_cb (gpointer user_data)
{
  PltWallboardWindow *self = user_data;

  self->rotation_id = 0;
  show_page (self, self->page + 1);

  return G_SOURCE_REMOVE;
}

static void
schedule_rotation (PltWallboardWindow *self)
{
  const PltWallboardPage *page;

  g_clear_handle_id (&self->rotation_id, g_source_remove);

  if (!rotation_wanted (self) || self->held || self->interaction_id != 0 ||
      !gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      update_rotation_status (self);
      return;
    }

  page = plt_wallboard_layout_get_page (self->layout, self->page);
  self->rotation_id = g_timeout_add_seconds (page->interval_s, rotation_cb, self);
  g_source_set_name_by_id (self->rotation_id, "[plateau] wallboard rotation");
  update_rotation_status (self);
}

static void
interaction_over_cb (gpointer user_data)
{
  PltWallboardWindow *self = user_data;

  self->interaction_id = 0;
  schedule_rotation (self);
}

/* Someone is at the screen: leave the page alone for a while. */
static void
note_interaction (PltWallboardWindow *self)
{
  g_clear_handle_id (&self->interaction_id, g_source_remove);
  self->interaction_id = g_timeout_add_once (INTERACTION_PAUSE_S * 1000, interaction_over_cb, self);
  g_source_set_name_by_id (self->interaction_id, "[plateau] wallboard interaction pause");
  schedule_rotation (self);
}

static void
update_ticker_queues (PltWallboardWindow *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) queues = NULL;

  /* The ticker covers every queue any page shows. */
  for (guint i = 0; i < plt_wallboard_layout_get_n_pages (self->layout); i++)
    {
      const PltWallboardPage *page = plt_wallboard_layout_get_page (self->layout, i);

      if (page->queues[0] == NULL)
        {
          plt_wallboard_ticker_set_queues (self->ticker, NULL);
          return;
        }
      g_strv_builder_addv (builder, (const char **) page->queues);
    }

  queues = g_strv_builder_end (builder);
  plt_wallboard_ticker_set_queues (self->ticker, (const char * const *) queues);
}

static void
update_wall_clock (PltWallboardWindow *self);

static void
rebuild_pages (PltWallboardWindow *self)
{
  PltModel *model = self->client != NULL ? plt_client_get_model (self->client) : NULL;
  PltClock *clock = self->client != NULL ? plt_client_get_clock (self->client) : NULL;
  GtkWidget *child;
  guint page = self->page;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->pages))) != NULL)
    gtk_stack_remove (self->pages, child);
  g_ptr_array_set_size (self->page_views, 0);
  while ((child = gtk_widget_get_first_child (self->page_dots)) != NULL)
    gtk_box_remove (GTK_BOX (self->page_dots), child);

  if (model != NULL)
    for (guint i = 0; i < plt_wallboard_layout_get_n_pages (self->layout); i++)
      {
        GtkWidget *view = plt_wallboard_page_view_new (plt_wallboard_layout_get_page (self->layout, i),
                                                       model, clock, self->alerts);
        GtkWidget *dot = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

        plt_wallboard_page_view_set_thresholds (PLT_WALLBOARD_PAGE_VIEW (view), &self->thresholds);
        gtk_stack_add_child (self->pages, view);
        g_ptr_array_add (self->page_views, view);

        gtk_widget_add_css_class (dot, "wb-dot");
        gtk_box_append (GTK_BOX (self->page_dots), dot);
      }

  update_ticker_queues (self);
  update_wall_clock (self);
  show_page (self, page < self->page_views->len ? page : 0);
  update_page_chrome (self);
  update_rotation_status (self);
}

/* The clock and the age of the data -------------------------------------- */

static char *
format_age (gint64 seconds)
{
  int value;

  if (seconds < 60)
    {
      value = (int) MAX (seconds, 0);
      return g_strdup_printf (ngettext ("%d second", "%d seconds", value), value);
    }

  if (seconds < 3600)
    {
      value = (int) (seconds / 60);
      return g_strdup_printf (ngettext ("%d minute", "%d minutes", value), value);
    }

  /* Translators: how old the data is, in hours and minutes, "2 h 05 min" */
  return g_strdup_printf (_("%d h %02d min"), (int) (seconds / 3600), (int) (seconds % 3600 / 60));
}

static void
update_stale (PltWallboardWindow *self)
{
  g_autofree char *title = NULL;
  g_autofree char *detail = NULL;
  gboolean stale;

  if (self->client == NULL)
    {
      stale = TRUE;
      title = g_strdup (_("No router chosen"));
      detail = g_strdup (_("Start the wallboard with --server, or choose a router in Preferences (Ctrl+,)"));
      gtk_image_set_from_icon_name (self->stale_icon, "network-server-symbolic");
    }
  else
    {
      PltConnectionState state = plt_connection_status_get_state (self->status);
      gint64 last_update = plt_client_get_last_update (self->client);
      const char *label = plt_connection_status_get_label (self->status);
      gboolean trying = state == PLT_CONNECTION_STATE_CONNECTING ||
                        state == PLT_CONNECTION_STATE_SYNCING ||
                        state == PLT_CONNECTION_STATE_RECONNECTING;

      stale = !plt_connection_status_get_live (self->status);

      gtk_image_set_from_icon_name (self->stale_icon,
                                    trying ? "network-offline-symbolic" : "network-error-symbolic");

      if (state == PLT_CONNECTION_STATE_NEEDS_LOGIN)
        {
          /* Nobody will type a password on a wallboard: say how to give one. */
          gtk_image_set_from_icon_name (self->stale_icon, "dialog-password-symbolic");
          title = g_strdup (_("The router asks for a login"));
          detail = g_strdup (_("Start the wallboard with --user and --password-file, with a wallboard account of the router"));
        }
      else if (last_update <= 0)
        {
          if (state == PLT_CONNECTION_STATE_CONNECTING || state == PLT_CONNECTION_STATE_SYNCING)
            title = g_strdup (_("Connecting to the router…"));
          else
            title = g_strdup (_("Cannot reach the router"));
          detail = g_strdup_printf ("%s · %s", plt_client_get_uri (self->client), label);
        }
      else
        {
          g_autoptr(GDateTime) then = g_date_time_new_from_unix_local (last_update / G_USEC_PER_SEC);
          /* Translators: the time of the last data on the wallboard, a
           * g_date_time_format() format */
          g_autofree char *time = g_date_time_format (then, _("%H:%M"));
          g_autofree char *age = format_age ((g_get_real_time () - last_update) / G_USEC_PER_SEC);
          g_autofree char *no_update = NULL;

          if (trying)
            /* Translators: across the stale wallboard, "Data from 10:42 — reconnecting…" */
            title = g_strdup_printf (_("Data from %s — reconnecting…"), time);
          else
            /* Translators: across the stale wallboard, "Data from 10:42 — connection lost" */
            title = g_strdup_printf (_("Data from %s — connection lost"), time);

          /* Translators: how long the wallboard has had no data, "No update for 3 minutes" */
          no_update = g_strdup_printf (_("No update for %s"), age);
          detail = g_strdup_printf ("%s · %s", no_update, label);
        }
    }

  gtk_label_set_label (self->stale_title, title);
  gtk_label_set_label (self->stale_detail, detail);

  if (stale != gtk_widget_get_visible (self->stale_box))
    {
      gtk_widget_set_visible (self->stale_box, stale);
      if (stale)
        gtk_widget_add_css_class (self->board, "stale");
      else
        gtk_widget_remove_css_class (self->board, "stale");

      if (stale)
        gtk_accessible_update_property (GTK_ACCESSIBLE (self->stale_box),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                        -1);
    }
}

static void
update_wall_clock (PltWallboardWindow *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  /* Translators: the clock at the top of the wallboard, a
   * g_date_time_format() format */
  g_autofree char *text = g_date_time_format (now, _("%H:%M"));

  gtk_label_set_label (self->clock_label, text);

  for (guint i = 0; i < self->page_views->len; i++)
    plt_wallboard_page_view_set_wall_time (g_ptr_array_index (self->page_views, i), now);

  update_stale (self);
}

static gboolean
wall_clock_cb (gpointer user_data);

/* On the next second, so that the minute turns with the room's clocks. */
static void
schedule_wall_clock (PltWallboardWindow *self)
{
  guint delay = 1000 - (guint) ((g_get_real_time () / 1000) % 1000);

  g_clear_handle_id (&self->wall_clock_id, g_source_remove);
  self->wall_clock_id = g_timeout_add (delay, wall_clock_cb, self);
  g_source_set_name_by_id (self->wall_clock_id, "[plateau] wallboard clock");
}

static gboolean
wall_clock_cb (gpointer user_data)
{
  PltWallboardWindow *self = user_data;

  self->wall_clock_id = 0;
  update_wall_clock (self);
  schedule_wall_clock (self);

  return G_SOURCE_REMOVE;
}

/* The link ---------------------------------------------------------------- */

static void
retry_cb (gpointer user_data)
{
  PltWallboardWindow *self = user_data;

  self->retry_id = 0;
  g_debug ("Wallboard: asking the client to connect again");
  plt_connection_status_reconnect (self->status);
}

static void
status_changed_cb (PltWallboardWindow *self)
{
  PltConnectionState state = plt_connection_status_get_state (self->status);

  update_stale (self);

  /* The client retries by itself while RECONNECTING; after a failure or a
   * disconnection it waits to be asked. Nobody will ask on a wallboard. */
  if (self->client != NULL &&
      (state == PLT_CONNECTION_STATE_FAILED || state == PLT_CONNECTION_STATE_DISCONNECTED))
    {
      if (self->retry_id == 0)
        {
          self->retry_id = g_timeout_add_once (RETRY_FAILED_S * 1000, retry_cb, self);
          g_source_set_name_by_id (self->retry_id, "[plateau] wallboard retry");
        }
    }
  else
    g_clear_handle_id (&self->retry_id, g_source_remove);
}

/* Settings --------------------------------------------------------------- */

static void
load_thresholds (PltWallboardWindow *self)
{
  if (self->settings != NULL)
    plt_alert_thresholds_load (&self->thresholds, self->settings);

  if (self->alerts != NULL)
    plt_alert_monitor_set_thresholds (self->alerts, &self->thresholds);
  for (guint i = 0; i < self->page_views->len; i++)
    plt_wallboard_page_view_set_thresholds (g_ptr_array_index (self->page_views, i), &self->thresholds);
}

static void
load_saved_layout (PltWallboardWindow *self)
{
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;
  PltWallboardLayout *layout = NULL;

  if (self->own_layout)
    return;

  if (self->settings != NULL)
    {
      json = g_settings_get_string (self->settings, SETTINGS_KEY_LAYOUT);
      if (json[0] != '\0')
        {
          layout = plt_wallboard_layout_new_from_json (json, -1, &error);
          if (layout == NULL)
            g_message ("The saved wallboard layout is not used: %s", error->message);
        }
    }

  if (layout == NULL)
    layout = plt_wallboard_layout_new_default ();

  if (self->layout != NULL && plt_wallboard_layout_equal (layout, self->layout))
    {
      plt_wallboard_layout_free (layout);
      return;
    }

  g_clear_pointer (&self->layout, plt_wallboard_layout_free);
  self->layout = layout;
  rebuild_pages (self);
}

static void
settings_changed_cb (PltWallboardWindow *self,
                     const char         *key)
{
  if (g_str_equal (key, SETTINGS_KEY_LAYOUT))
    load_saved_layout (self);
  else if (g_str_has_prefix (key, "alert-"))
    load_thresholds (self);
}

/* Input -------------------------------------------------------------------- */

static void
hide_header_cb (gpointer user_data)
{
  PltWallboardWindow *self = user_data;

  self->header_hide_id = 0;
  if (gtk_window_is_fullscreen (GTK_WINDOW (self)))
    gtk_revealer_set_reveal_child (self->header_revealer, FALSE);
}

static void
show_header_for_a_while (PltWallboardWindow *self)
{
  gtk_revealer_set_reveal_child (self->header_revealer, TRUE);
  g_clear_handle_id (&self->header_hide_id, g_source_remove);
  if (gtk_window_is_fullscreen (GTK_WINDOW (self)))
    {
      self->header_hide_id = g_timeout_add_once (HEADER_HIDE_MS, hide_header_cb, self);
      g_source_set_name_by_id (self->header_hide_id, "[plateau] wallboard header");
    }
}

static void
motion_cb (PltWallboardWindow *self,
           double              x,
           double              y)
{
  /* Crossings report the pointer where it already was: only a real move
   * counts. */
  if (fabs (x - self->pointer_x) < 1 && fabs (y - self->pointer_y) < 1)
    return;

  self->pointer_x = x;
  self->pointer_y = y;
  show_header_for_a_while (self);
  note_interaction (self);
}

static void
pressed_cb (PltWallboardWindow *self)
{
  show_header_for_a_while (self);
  note_interaction (self);
}

static gboolean
key_pressed_cb (PltWallboardWindow *self,
                guint               keyval,
                guint               keycode,
                GdkModifierType     state)
{
  note_interaction (self);

  return GDK_EVENT_PROPAGATE;
}

static void
fullscreened_cb (PltWallboardWindow *self)
{
  gboolean fullscreen = gtk_window_is_fullscreen (GTK_WINDOW (self));

  if (fullscreen == self->fullscreen)
    return;
  self->fullscreen = fullscreen;

  gtk_button_set_icon_name (GTK_BUTTON (self->fullscreen_button),
                            fullscreen ? "view-restore-symbolic" : "view-fullscreen-symbolic");
  gtk_widget_set_tooltip_text (self->fullscreen_button,
                               fullscreen ? _("Leave full screen") : _("Full screen"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->fullscreen_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  fullscreen ? _("Leave full screen") : _("Full screen"),
                                  -1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wallboard.leave-fullscreen", fullscreen);

  if (fullscreen)
    show_header_for_a_while (self);
  else
    {
      g_clear_handle_id (&self->header_hide_id, g_source_remove);
      gtk_revealer_set_reveal_child (self->header_revealer, TRUE);
    }
}

/* Actions ---------------------------------------------------------------- */

static void
previous_page_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PltWallboardWindow *self = PLT_WALLBOARD_WINDOW (widget);

  if (self->page_views->len > 0)
    show_page (self, (self->page + self->page_views->len - 1) % self->page_views->len);
}

static void
next_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PltWallboardWindow *self = PLT_WALLBOARD_WINDOW (widget);

  show_page (self, self->page + 1);
}

static void
first_page_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  show_page (PLT_WALLBOARD_WINDOW (widget), 0);
}

static void
last_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PltWallboardWindow *self = PLT_WALLBOARD_WINDOW (widget);

  if (self->page_views->len > 0)
    show_page (self, self->page_views->len - 1);
}

static void
toggle_rotation_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  PltWallboardWindow *self = PLT_WALLBOARD_WINDOW (widget);

  self->held = !self->held;
  /* Restarting shows the next page after a whole interval. */
  g_clear_handle_id (&self->interaction_id, g_source_remove);
  schedule_rotation (self);
}

static void
toggle_fullscreen_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  if (gtk_window_is_fullscreen (GTK_WINDOW (widget)))
    gtk_window_unfullscreen (GTK_WINDOW (widget));
  else
    gtk_window_fullscreen (GTK_WINDOW (widget));
}

static void
leave_fullscreen_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  gtk_window_unfullscreen (GTK_WINDOW (widget));
}

static void
editor_layout_changed_cb (PltWallboardWindow *self,
                          PltWallboardEditor *editor)
{
  const PltWallboardLayout *layout = plt_wallboard_editor_get_layout (editor);

  /* A layout of its own (a --layout file) stays this window's; the saved
   * one is saved, and every wallboard following it changes. */
  if (self->own_layout || self->settings == NULL)
    plt_wallboard_window_set_layout (self, layout, self->layout_file);
  else
    {
      g_autofree char *json = plt_wallboard_layout_to_json (layout);

      g_settings_set_string (self->settings, SETTINGS_KEY_LAYOUT, json);
    }
}

static void
edit_layout_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PltWallboardWindow *self = PLT_WALLBOARD_WINDOW (widget);
  PltModel *model = self->client != NULL ? plt_client_get_model (self->client) : NULL;
  GtkWidget *editor;

  editor = plt_wallboard_editor_new (GTK_WINDOW (self), self->layout, model,
                                     self->own_layout ? self->layout_file : NULL);
  g_signal_connect_object (editor, "layout-changed",
                           G_CALLBACK (editor_layout_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

/* GtkWidget -------------------------------------------------------------- */

static void
plt_wallboard_window_map (GtkWidget *widget)
{
  PltWallboardWindow *self = PLT_WALLBOARD_WINDOW (widget);
  GtkApplication *application;

  GTK_WIDGET_CLASS (plt_wallboard_window_parent_class)->map (widget);

  /* A wallboard is watched, not used: the screen must not blank. */
  application = gtk_window_get_application (GTK_WINDOW (self));
  if (application != NULL && self->inhibit_cookie == 0)
    self->inhibit_cookie = gtk_application_inhibit (application, GTK_WINDOW (self),
                                                    GTK_APPLICATION_INHIBIT_IDLE,
                                                    _("The wallboard is shown"));

  update_wall_clock (self);
  schedule_wall_clock (self);
  schedule_rotation (self);
}

static void
plt_wallboard_window_unmap (GtkWidget *widget)
{
  PltWallboardWindow *self = PLT_WALLBOARD_WINDOW (widget);
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));

  g_clear_handle_id (&self->wall_clock_id, g_source_remove);
  g_clear_handle_id (&self->rotation_id, g_source_remove);

  if (self->inhibit_cookie != 0 && application != NULL)
    gtk_application_uninhibit (application, self->inhibit_cookie);
  self->inhibit_cookie = 0;

  GTK_WIDGET_CLASS (plt_wallboard_window_parent_class)->unmap (widget);
}

/* GObject ---------------------------------------------------------------- */

static void
plt_wallboard_window_constructed (GObject *object)
{
  PltWallboardWindow *self = (PltWallboardWindow *)object;

  G_OBJECT_CLASS (plt_wallboard_window_parent_class)->constructed (object);

  if (self->settings != NULL)
    {
      g_signal_connect_object (self->settings, "changed",
                               G_CALLBACK (settings_changed_cb), self,
                               G_CONNECT_SWAPPED);
      load_thresholds (self);
    }

  load_saved_layout (self);
}

static void
plt_wallboard_window_dispose (GObject *object)
{
  PltWallboardWindow *self = (PltWallboardWindow *)object;

  g_clear_handle_id (&self->rotation_id, g_source_remove);
  g_clear_handle_id (&self->interaction_id, g_source_remove);
  g_clear_handle_id (&self->header_hide_id, g_source_remove);
  g_clear_handle_id (&self->wall_clock_id, g_source_remove);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  g_clear_handle_id (&self->scale_idle_id, g_source_remove);

  if (self->status != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->status, self);
      plt_connection_status_set_client (self->status, NULL);
    }
  if (self->ticker != NULL)
    plt_wallboard_ticker_set_monitor (self->ticker, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), PLT_TYPE_WALLBOARD_WINDOW);

  g_clear_pointer (&self->page_views, g_ptr_array_unref);
  g_clear_object (&self->status);
  g_clear_object (&self->alerts);
  g_clear_object (&self->client);
  g_clear_object (&self->settings);
  g_clear_object (&self->layout_file);

  G_OBJECT_CLASS (plt_wallboard_window_parent_class)->dispose (object);
}

static void
plt_wallboard_window_finalize (GObject *object)
{
  PltWallboardWindow *self = (PltWallboardWindow *)object;

  g_clear_pointer (&self->layout, plt_wallboard_layout_free);

  G_OBJECT_CLASS (plt_wallboard_window_parent_class)->finalize (object);
}

static void
plt_wallboard_window_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  PltWallboardWindow *self = PLT_WALLBOARD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
plt_wallboard_window_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  PltWallboardWindow *self = PLT_WALLBOARD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      plt_wallboard_window_set_client (self, g_value_get_object (value));
      break;

    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
plt_wallboard_window_class_init (PltWallboardWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = plt_wallboard_window_constructed;
  object_class->dispose = plt_wallboard_window_dispose;
  object_class->finalize = plt_wallboard_window_finalize;
  object_class->get_property = plt_wallboard_window_get_property;
  object_class->set_property = plt_wallboard_window_set_property;

  widget_class->size_allocate = plt_wallboard_window_size_allocate;
  widget_class->map = plt_wallboard_window_map;
  widget_class->unmap = plt_wallboard_window_unmap;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         PLT_TYPE_CLIENT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PLT_TYPE_WALLBOARD_TICKER);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/plateau/Plateau/plt-wallboard-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PltWallboardWindow, header_revealer);
  gtk_widget_class_bind_template_child (widget_class, PltWallboardWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, PltWallboardWindow, rotation_button);
  gtk_widget_class_bind_template_child (widget_class, PltWallboardWindow, fullscreen_button);
  gtk_widget_class_bind_template_child (widget_class, PltWallboardWindow, board);
  gtk_widget_class_bind_template_child (widget_class, PltWallboardWindow, page_title);
  gtk_widget_class_bind_template_child (widget_class, PltWallboardWindow, page_dots);
  gtk_widget_class_bind_template_child (widget_class, PltWallboardWindow, rotation_status);
  gtk_widget_class_bind_template_child (widget_class, PltWallboardWindow, rotation_label);
  gtk_widget_class_bind_template_child (widget_class, PltWallboardWindow, clock_label);
  gtk_widget_class_bind_template_child (widget_class, PltWallboardWindow, pages);
  gtk_widget_class_bind_template_child (widget_class, PltWallboardWindow, ticker);
  gtk_widget_class_bind_template_child (widget_class, PltWallboardWindow, stale_box);
  gtk_widget_class_bind_template_child (widget_class, PltWallboardWindow, stale_icon);
  gtk_widget_class_bind_template_child (widget_class, PltWallboardWindow, stale_title);
  gtk_widget_class_bind_template_child (widget_class, PltWallboardWindow, stale_detail);

  gtk_widget_class_install_action (widget_class, "wallboard.previous-page", NULL, previous_page_action);
  gtk_widget_class_install_action (widget_class, "wallboard.next-page", NULL, next_page_action);
  gtk_widget_class_install_action (widget_class, "wallboard.first-page", NULL, first_page_action);
  gtk_widget_class_install_action (widget_class, "wallboard.last-page", NULL, last_page_action);
  gtk_widget_class_install_action (widget_class, "wallboard.toggle-rotation", NULL, toggle_rotation_action);
  gtk_widget_class_install_action (widget_class, "wallboard.toggle-fullscreen", NULL, toggle_fullscreen_action);
  gtk_widget_class_install_action (widget_class, "wallboard.leave-fullscreen", NULL, leave_fullscreen_action);
  gtk_widget_class_install_action (widget_class, "wallboard.edit-layout", NULL, edit_layout_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "wallboard.toggle-rotation", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F11, 0, "wallboard.toggle-fullscreen", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "wallboard.leave-fullscreen", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "wallboard.edit-layout", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
add_capture_shortcut (GtkShortcutController *controller,
                      guint                  keyval,
                      const char            *action)
{
  gtk_shortcut_controller_add_shortcut (controller,
                                        gtk_shortcut_new (gtk_keyval_trigger_new (keyval, 0),
                                                          gtk_named_action_new (action)));
}

static void
plt_wallboard_window_init (PltWallboardWindow *self)
{
  GtkEventController *controller;
  GtkShortcutController *shortcuts;

  self->thresholds = (PltAlertThresholds) PLT_ALERT_THRESHOLDS_INIT;
  self->page_views = g_ptr_array_new ();
  self->pointer_x = -1;
  self->pointer_y = -1;

  gtk_widget_init_template (GTK_WIDGET (self));

  if (DEVELOPMENT)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  /* The type scale before the first allocation picks the right one. */
  self->scale_class = "wb-scale-63";
  gtk_widget_add_css_class (GTK_WIDGET (self), self->scale_class);

  self->status = plt_connection_status_new (NULL);
  g_signal_connect_swapped (self->status, "notify", G_CALLBACK (status_changed_cb), self);

  /* Page keys come first, whatever has the focus: nothing on the board
   * uses the arrows. */
  shortcuts = GTK_SHORTCUT_CONTROLLER (gtk_shortcut_controller_new ());
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (shortcuts), GTK_PHASE_CAPTURE);
  add_capture_shortcut (shortcuts, GDK_KEY_Left, "wallboard.previous-page");
  add_capture_shortcut (shortcuts, GDK_KEY_Page_Up, "wallboard.previous-page");
  add_capture_shortcut (shortcuts, GDK_KEY_KP_Page_Up, "wallboard.previous-page");
  add_capture_shortcut (shortcuts, GDK_KEY_Right, "wallboard.next-page");
  add_capture_shortcut (shortcuts, GDK_KEY_Page_Down, "wallboard.next-page");
  add_capture_shortcut (shortcuts, GDK_KEY_KP_Page_Down, "wallboard.next-page");
  add_capture_shortcut (shortcuts, GDK_KEY_Home, "wallboard.first-page");
  add_capture_shortcut (shortcuts, GDK_KEY_End, "wallboard.last-page");
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (shortcuts));

  /* Anyone at the screen pauses the rotation. Added after the shortcuts,
   * so that it sees the page keys first and pauses before they turn. */
  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_motion_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (controller, "motion", G_CALLBACK (motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = GTK_EVENT_CONTROLLER (gtk_gesture_click_new ());
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (controller, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  g_signal_connect (self, "notify::fullscreened", G_CALLBACK (fullscreened_cb), NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wallboard.leave-fullscreen", FALSE);

  status_changed_cb (self);
}

/**
 * plt_wallboard_window_new:
 * @application: (nullable): the application
 * @settings: (nullable): the application's settings, if its schema is installed
 *
 * Returns: (transfer floating): a new #PltWallboardWindow, without a client
 */
GtkWidget *
plt_wallboard_window_new (GtkApplication *application,
                          GSettings      *settings)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  return g_object_new (PLT_TYPE_WALLBOARD_WINDOW,
                       "application", application,
                       "settings", settings,
                       NULL);
}

PltClient *
plt_wallboard_window_get_client (PltWallboardWindow *self)
{
  g_return_val_if_fail (PLT_IS_WALLBOARD_WINDOW (self), NULL);

  return self->client;
}

void
plt_wallboard_window_set_client (PltWallboardWindow *self,
                                 PltClient          *client)
{
  g_autoptr(GUri) uri = NULL;

  g_return_if_fail (PLT_IS_WALLBOARD_WINDOW (self));
  g_return_if_fail (client == NULL || PLT_IS_CLIENT (client));

  if (!g_set_object (&self->client, client))
    return;

  plt_wallboard_ticker_set_monitor (self->ticker, NULL);
  g_clear_object (&self->alerts);
  if (client != NULL)
    {
      self->alerts = plt_alert_monitor_new (plt_client_get_model (client), plt_client_get_clock (client));
      plt_alert_monitor_set_thresholds (self->alerts, &self->thresholds);
      /* The same engine as the console's: projected breaches too. */
      plt_alert_monitor_set_trends (self->alerts, plt_client_get_queue_trends (client));
    }
  plt_wallboard_ticker_set_monitor (self->ticker, self->alerts);

  plt_connection_status_set_client (self->status, client);

  if (client != NULL && plt_client_get_uri (client) != NULL)
    uri = g_uri_parse (plt_client_get_uri (client), G_URI_FLAGS_NONE, NULL);
  adw_window_title_set_subtitle (self->window_title, uri != NULL ? g_uri_get_host (uri) : NULL);

  if (self->layout != NULL)
    rebuild_pages (self);
  status_changed_cb (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
}

const PltWallboardLayout *
plt_wallboard_window_get_layout (PltWallboardWindow *self)
{
  g_return_val_if_fail (PLT_IS_WALLBOARD_WINDOW (self), NULL);

  return self->layout;
}

void
plt_wallboard_window_set_layout (PltWallboardWindow       *self,
                                 const PltWallboardLayout *layout,
                                 GFile                    *file)
{
  g_return_if_fail (PLT_IS_WALLBOARD_WINDOW (self));
  g_return_if_fail (layout != NULL);
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  self->own_layout = TRUE;
  g_set_object (&self->layout_file, file);

  if (self->layout != NULL && plt_wallboard_layout_equal (self->layout, layout))
    return;

  g_clear_pointer (&self->layout, plt_wallboard_layout_free);
  self->layout = plt_wallboard_layout_copy (layout);
  rebuild_pages (self);
}

guint
plt_wallboard_window_get_page (PltWallboardWindow *self)
{
  g_return_val_if_fail (PLT_IS_WALLBOARD_WINDOW (self), 0);

  return self->page;
}

void
plt_wallboard_window_set_page (PltWallboardWindow *self,
                               guint               page)
{
  g_return_if_fail (PLT_IS_WALLBOARD_WINDOW (self));

  if (page < self->page_views->len)
    show_page (self, page);
}

/* Private ---------------------------------------------------------------- */

GtkWidget *
_plt_wallboard_window_get_board (PltWallboardWindow *self)
{
  g_return_val_if_fail (PLT_IS_WALLBOARD_WINDOW (self), NULL);

  return gtk_widget_get_parent (self->board);
}

guint
_plt_wallboard_window_get_n_pages (PltWallboardWindow *self)
{
  g_return_val_if_fail (PLT_IS_WALLBOARD_WINDOW (self), 0);

  return self->page_views->len;
}

PltWallboardPageView *
_plt_wallboard_window_get_page_view (PltWallboardWindow *self,
                                     guint               index)
{
  g_return_val_if_fail (PLT_IS_WALLBOARD_WINDOW (self), NULL);
  g_return_val_if_fail (index < self->page_views->len, NULL);

  return g_ptr_array_index (self->page_views, index);
}

PltWallboardTicker *
_plt_wallboard_window_get_ticker (PltWallboardWindow *self)
{
  g_return_val_if_fail (PLT_IS_WALLBOARD_WINDOW (self), NULL);

  return self->ticker;
}

gboolean
_plt_wallboard_window_get_stale_shown (PltWallboardWindow *self)
{
  g_return_val_if_fail (PLT_IS_WALLBOARD_WINDOW (self), FALSE);

  return gtk_widget_get_visible (self->stale_box);
}

const char *
_plt_wallboard_window_get_stale_title (PltWallboardWindow *self)
{
  g_return_val_if_fail (PLT_IS_WALLBOARD_WINDOW (self), NULL);

  return gtk_label_get_label (self->stale_title);
}

const char *
_plt_wallboard_window_get_stale_detail (PltWallboardWindow *self)
{
  g_return_val_if_fail (PLT_IS_WALLBOARD_WINDOW (self), NULL);

  return gtk_label_get_label (self->stale_detail);
}

gboolean
_plt_wallboard_window_get_paused (PltWallboardWindow *self)
{
  g_return_val_if_fail (PLT_IS_WALLBOARD_WINDOW (self), FALSE);

  return self->held || self->interaction_id != 0;
}

const char *
_plt_wallboard_window_get_scale_class (PltWallboardWindow *self)
{
  g_return_val_if_fail (PLT_IS_WALLBOARD_WINDOW (self), NULL);

  return self->scale_class;
}

guint
_plt_wallboard_window_get_inhibit_cookie (PltWallboardWindow *self)
{
  g_return_val_if_fail (PLT_IS_WALLBOARD_WINDOW (self), 0);

  return self->inhibit_cookie;
}

void
_plt_wallboard_window_hide_header (PltWallboardWindow *self)
{
  g_return_if_fail (PLT_IS_WALLBOARD_WINDOW (self));

  gtk_revealer_set_transition_type (self->header_revealer, GTK_REVEALER_TRANSITION_TYPE_NONE);
  gtk_revealer_set_reveal_child (self->header_revealer, FALSE);
}
