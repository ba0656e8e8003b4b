/* plt-wallboard-page-view.c — one page of the wallboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "plt-agent.h"
#include "plt-gauge.h"
#include "plt-store.h"
#include "plt-ui-format.h"
#include "plt-wallboard-agents.h"
#include "plt-wallboard-figure.h"
#include "plt-wallboard-grid.h"
#include "plt-wallboard-page-view.h"
#include "plt-wallboard-queue-tile.h"

/* The alerts card lists this many, then says how many more. */
#define MAX_ALERT_ROWS 4

enum {
  STATE_AVAILABLE,
  STATE_BUSY,
  STATE_WRAP_UP,
  STATE_PAUSED,
  N_STATE_FIGURES
};

struct _PltWallboardPageView
{
  GtkWidget           parent_instance;

  PltWallboardPage   *page;
  char               *title;
  PltModel           *model;
  PltClock           *clock;
  PltAlertMonitor    *alerts;
  PltAlertThresholds  thresholds;

  GSignalGroup       *queues_signals;
  GSignalGroup       *agents_signals;
  GSignalGroup       *clock_signals;
  GSignalGroup       *alerts_signals;

  /* The queues shown, in order (PltQueue, owned) */
  GPtrArray          *queues;

  GtkWidget          *box;
  GtkWidget          *cards;
  GtkWidget          *areas;

  /* Waiting card */
  PltWallboardFigure *waiting_figure;
  PltWallboardFigure *longest_figure;
  /* Agents by state card */
  PltWallboardFigure *state_figures[N_STATE_FIGURES];
  GtkWidget          *logged_in_label;
  /* Clock card */
  GtkWidget          *time_label;
  GtkWidget          *date_label;
  /* Alerts card */
  GtkWidget          *alert_list;

  /* Areas */
  GtkWidget          *queue_grid;
  GPtrArray          *queue_tiles;
  GtkWidget          *gauge_grid;
  GPtrArray          *gauges;
  GtkWidget          *agents;
};

G_DEFINE_FINAL_TYPE (PltWallboardPageView, plt_wallboard_page_view, GTK_TYPE_WIDGET)

/* Cards ------------------------------------------------------------------ */

static GtkWidget *
make_card (PltWallboardPageView *self,
           const char           *title,
           const char           *icon_name,
           GtkWidget           **content)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *icon = g_object_new (GTK_TYPE_IMAGE,
                                  "icon-name", icon_name,
                                  "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                  NULL);
  GtkWidget *label = gtk_label_new (title);

  gtk_widget_add_css_class (card, "wb-tile");
  gtk_widget_add_css_class (card, "wb-card");
  gtk_widget_set_overflow (card, GTK_OVERFLOW_HIDDEN);
  gtk_accessible_update_property (GTK_ACCESSIBLE (card),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);

  gtk_widget_add_css_class (header, "wb-tile-header");
  gtk_widget_add_css_class (icon, "wb-tile-icon");
  gtk_box_append (GTK_BOX (header), icon);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "wb-tile-title");
  gtk_box_append (GTK_BOX (header), label);
  gtk_box_append (GTK_BOX (card), header);

  *content = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_set_vexpand (*content, TRUE);
  gtk_widget_set_valign (*content, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (*content, "wb-figures");
  gtk_box_append (GTK_BOX (card), *content);

  return card;
}

static GtkWidget *
make_waiting_card (PltWallboardPageView *self)
{
  GtkWidget *content;
  GtkWidget *card = make_card (self, C_("wallboard", "Waiting"), "preferences-system-time-symbolic", &content);

  gtk_box_set_homogeneous (GTK_BOX (content), TRUE);
  self->waiting_figure = PLT_WALLBOARD_FIGURE (plt_wallboard_figure_new (C_("wallboard", "Contacts")));
  self->longest_figure = PLT_WALLBOARD_FIGURE (plt_wallboard_figure_new (C_("wallboard", "Longest wait")));
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->waiting_figure));
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->longest_figure));

  return card;
}

static GtkWidget *
make_states_card (PltWallboardPageView *self)
{
  static const PltAgentState states[N_STATE_FIGURES] = {
    PLT_AGENT_STATE_AVAILABLE, PLT_AGENT_STATE_ON_CALL,
    PLT_AGENT_STATE_WRAP_UP, PLT_AGENT_STATE_PAUSED,
  };
  const char *captions[N_STATE_FIGURES] = {
    C_("agents", "Available"), C_("agents", "Busy"),
    C_("agents", "Wrap-up"), C_("agents", "Paused"),
  };
  GtkWidget *content;
  GtkWidget *card = make_card (self, plt_wallboard_tile_get_label (PLT_WALLBOARD_TILE_AGENT_STATES),
                               "system-users-symbolic", &content);
  GtkWidget *header = gtk_widget_get_first_child (card);

  gtk_box_set_homogeneous (GTK_BOX (content), TRUE);
  for (guint i = 0; i < N_STATE_FIGURES; i++)
    {
      GtkWidget *figure = plt_wallboard_figure_new (captions[i]);

      plt_wallboard_figure_set_icon (PLT_WALLBOARD_FIGURE (figure), plt_agent_state_get_icon_name (states[i]));
      gtk_widget_add_css_class (figure, plt_agent_state_get_css_class (states[i]));
      self->state_figures[i] = PLT_WALLBOARD_FIGURE (figure);
      gtk_box_append (GTK_BOX (content), figure);
    }

  self->logged_in_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->logged_in_label, "wb-tile-subtitle");
  gtk_widget_add_css_class (self->logged_in_label, "numeric");
  gtk_box_append (GTK_BOX (header), self->logged_in_label);

  return card;
}

static GtkWidget *
make_clock_card (PltWallboardPageView *self)
{
  GtkWidget *content;
  GtkWidget *card = make_card (self, plt_wallboard_tile_get_label (PLT_WALLBOARD_TILE_CLOCK),
                               "preferences-system-time-symbolic", &content);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_widget_add_css_class (card, "wb-clock-card");
  self->time_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->time_label), 0);
  gtk_widget_add_css_class (self->time_label, "wb-value");
  gtk_widget_add_css_class (self->time_label, "numeric");
  gtk_box_append (GTK_BOX (box), self->time_label);

  self->date_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->date_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->date_label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (self->date_label, "wb-detail");
  gtk_box_append (GTK_BOX (box), self->date_label);

  gtk_box_append (GTK_BOX (content), box);

  return card;
}

static GtkWidget *
make_alerts_card (PltWallboardPageView *self)
{
  GtkWidget *content;
  GtkWidget *card = make_card (self, plt_wallboard_tile_get_label (PLT_WALLBOARD_TILE_ALERTS),
                               "dialog-warning-symbolic", &content);

  self->alert_list = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_hexpand (self->alert_list, TRUE);
  gtk_widget_add_css_class (self->alert_list, "wb-alert-list");
  gtk_box_append (GTK_BOX (content), self->alert_list);
  gtk_widget_set_valign (content, GTK_ALIGN_START);

  return card;
}

static GtkWidget *
make_alert_row (const char    *text,
                PltAlertLevel  level)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *icon = gtk_image_new_from_icon_name (plt_alert_level_get_icon_name (level));
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (row, "wb-alert");
  gtk_widget_add_css_class (row, plt_alert_level_get_css_class (level));
  gtk_widget_add_css_class (icon, "wb-level-icon");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, plt_alert_level_get_label (level),
                                  -1);
  gtk_box_append (GTK_BOX (row), icon);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (row), label);

  return row;
}

/* Updates ---------------------------------------------------------------- */

static void
update_alerts (PltWallboardPageView *self)
{
  GPtrArray *alerts;
  GtkWidget *child;
  guint shown = 0;

  if (self->alert_list == NULL || self->alerts == NULL)
    return;

  while ((child = gtk_widget_get_first_child (self->alert_list)) != NULL)
    gtk_box_remove (GTK_BOX (self->alert_list), child);

  alerts = plt_alert_monitor_get_alerts (self->alerts);
  for (guint i = 0; i < alerts->len; i++)
    {
      const PltAlert *alert = g_ptr_array_index (alerts, i);

      if (!plt_wallboard_page_shows_queue (self->page, alert->queue_id))
        continue;

      if (shown++ < MAX_ALERT_ROWS)
        gtk_box_append (GTK_BOX (self->alert_list), make_alert_row (alert->text, alert->level));
    }

  if (shown == 0)
    gtk_box_append (GTK_BOX (self->alert_list),
                    make_alert_row (_("No alerts: every queue is within its thresholds"),
                                    PLT_ALERT_LEVEL_NONE));
  else if (shown > MAX_ALERT_ROWS)
    {
      g_autofree char *more = NULL;
      GtkWidget *label;

      more = g_strdup_printf (ngettext ("and %u more alert", "and %u more alerts", shown - MAX_ALERT_ROWS),
                              shown - MAX_ALERT_ROWS);
      label = gtk_label_new (more);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "wb-detail");
      gtk_box_append (GTK_BOX (self->alert_list), label);
    }
}

static void
update_waiting (PltWallboardPageView *self)
{
  PltAlertLevel waiting_level = PLT_ALERT_LEVEL_NONE;
  PltAlertLevel longest_level = PLT_ALERT_LEVEL_NONE;
  PltQueue *longest_queue = NULL;
  gint64 oldest = 0;
  guint waiting = 0;
  gint64 now;
  char text[16];

  if (self->waiting_figure == NULL)
    return;

  now = self->clock != NULL ? plt_clock_get_now (self->clock) : 0;

  for (guint i = 0; i < self->queues->len; i++)
    {
      PltQueue *queue = g_ptr_array_index (self->queues, i);
      PltAlertLevel levels[PLT_ALERT_N_KINDS];
      gint64 since = plt_queue_get_oldest_since (queue);

      waiting += plt_queue_get_waiting (queue);
      plt_alert_levels_for_queue (&self->thresholds, queue, now, levels);
      waiting_level = MAX (waiting_level, levels[PLT_ALERT_KIND_WAITING]);
      longest_level = MAX (longest_level, levels[PLT_ALERT_KIND_LONGEST_WAIT]);

      if (plt_queue_get_waiting (queue) > 0 && since > 0 && (oldest == 0 || since < oldest))
        {
          oldest = since;
          longest_queue = queue;
        }
    }

  g_snprintf (text, sizeof text, "%u", waiting);
  plt_wallboard_figure_set_value (self->waiting_figure, text, waiting_level);

  if (longest_queue != NULL && self->clock != NULL)
    {
      g_autofree char *elapsed = plt_format_elapsed (now, oldest);

      plt_wallboard_figure_set_value (self->longest_figure, elapsed, longest_level);
      plt_wallboard_figure_set_detail (self->longest_figure,
                                       plt_queue_get_name (longest_queue) != NULL ?
                                       plt_queue_get_name (longest_queue) :
                                       plt_queue_get_id (longest_queue));
    }
  else
    {
      plt_wallboard_figure_set_value (self->longest_figure, "—", PLT_ALERT_LEVEL_NONE);
      plt_wallboard_figure_set_detail (self->longest_figure, NULL);
    }

  /* Translators: under the number of waiting contacts on the wallboard:
   * over how many queues, "in 5 queues" */
  {
    g_autofree char *detail = g_strdup_printf (ngettext ("in %u queue", "in %u queues", self->queues->len),
                                               self->queues->len);

    plt_wallboard_figure_set_detail (self->waiting_figure, detail);
  }
}

static gboolean
agent_on_page (PltWallboardPageView *self,
               PltAgent             *agent)
{
  if (self->page->queues[0] == NULL)
    return TRUE;

  for (guint i = 0; self->page->queues[i] != NULL; i++)
    if (plt_agent_serves_queue (agent, self->page->queues[i]))
      return TRUE;

  return FALSE;
}

static void
update_states (PltWallboardPageView *self)
{
  GListModel *agents;
  guint counts[N_STATE_FIGURES] = { 0, };
  guint logged_in = 0;
  guint n;
  g_autofree char *logged_in_text = NULL;

  if (self->logged_in_label == NULL)
    return;

  agents = G_LIST_MODEL (plt_model_get_agents (self->model));
  n = g_list_model_get_n_items (agents);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PltAgent) agent = g_list_model_get_item (agents, i);

      if (!agent_on_page (self, agent))
        continue;

      switch (plt_agent_get_state (agent))
        {
        case PLT_AGENT_STATE_AVAILABLE:
          counts[STATE_AVAILABLE]++;
          break;
        case PLT_AGENT_STATE_RINGING:
        case PLT_AGENT_STATE_ON_CALL:
        case PLT_AGENT_STATE_ON_HOLD:
        case PLT_AGENT_STATE_BUSY_OTHER:
          counts[STATE_BUSY]++;
          break;
        case PLT_AGENT_STATE_WRAP_UP:
          counts[STATE_WRAP_UP]++;
          break;
        case PLT_AGENT_STATE_PAUSED:
        case PLT_AGENT_STATE_MISSED:
          counts[STATE_PAUSED]++;
          break;
        case PLT_AGENT_STATE_LOGGED_OUT:
        case PLT_AGENT_STATE_UNKNOWN:
        default:
          continue;
        }
      logged_in++;
    }

  for (guint i = 0; i < N_STATE_FIGURES; i++)
    {
      char text[16];

      g_snprintf (text, sizeof text, "%u", counts[i]);
      plt_wallboard_figure_set_value (self->state_figures[i], text, PLT_ALERT_LEVEL_NONE);
    }

  /* Translators: in the header of the wallboard's "agents by state" card */
  logged_in_text = g_strdup_printf (ngettext ("%u logged in", "%u logged in", logged_in), logged_in);
  gtk_label_set_label (GTK_LABEL (self->logged_in_label), logged_in_text);
}

static void
update_gauges (PltWallboardPageView *self)
{
  if (self->gauges == NULL)
    return;

  for (guint i = 0; i < self->gauges->len && i < self->queues->len; i++)
    {
      PltGauge *gauge = g_ptr_array_index (self->gauges, i);
      PltQueue *queue = g_ptr_array_index (self->queues, i);
      double service_level = plt_queue_get_service_level (queue);
      double target = plt_queue_get_sl_target (queue);
      PltSlLevel level = plt_sl_level_classify (service_level, target);
      g_autofree char *target_percent = plt_format_percent (target);
      g_autofree char *text = g_strdup_printf (_("target %s"), target_percent);
      static const char * const classes[] = { "alert-none", "alert-warning", "alert-alarm", "sl-none" };
      const char *css_class;

      switch (level)
        {
        case PLT_SL_LEVEL_OK:
          css_class = classes[0];
          break;
        case PLT_SL_LEVEL_WARNING:
          css_class = classes[1];
          break;
        case PLT_SL_LEVEL_BREACH:
          css_class = classes[2];
          break;
        case PLT_SL_LEVEL_NONE:
        default:
          css_class = classes[3];
          break;
        }

      for (guint c = 0; c < G_N_ELEMENTS (classes); c++)
        if (classes[c] != css_class)
          gtk_widget_remove_css_class (GTK_WIDGET (gauge), classes[c]);
      gtk_widget_add_css_class (GTK_WIDGET (gauge), css_class);

      plt_gauge_set_value (gauge, service_level);
      plt_gauge_set_target (gauge, target);
      plt_gauge_set_text (gauge, text);
    }
}

static GtkWidget *
make_gauge_box (PltWallboardPageView *self,
                PltQueue             *queue)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *gauge = plt_gauge_new ();
  GtkWidget *name = gtk_label_new (plt_queue_get_name (queue) != NULL ?
                                   plt_queue_get_name (queue) : plt_queue_get_id (queue));
  g_autofree char *description = NULL;

  gtk_widget_add_css_class (box, "wb-tile");
  gtk_widget_add_css_class (box, "wb-gauge-tile");
  gtk_widget_set_overflow (box, GTK_OVERFLOW_HIDDEN);

  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (name, "wb-tile-title");
  gtk_box_append (GTK_BOX (box), name);

  gtk_widget_set_vexpand (gauge, TRUE);
  /* Translators: what a screen reader says for a service level gauge,
   * "Service level of Sales" */
  description = g_strdup_printf (_("Service level of %s"), gtk_label_get_label (GTK_LABEL (name)));
  gtk_accessible_update_property (GTK_ACCESSIBLE (gauge),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description,
                                  -1);
  gtk_box_append (GTK_BOX (box), gauge);
  g_ptr_array_add (self->gauges, gauge);

  return box;
}

/* The queues of the page: every queue of the model in its order, or the
 * page's list in its order (those the model has). */
static GPtrArray *
collect_queues (PltWallboardPageView *self)
{
  GPtrArray *queues = g_ptr_array_new_with_free_func (g_object_unref);

  if (self->page->queues[0] == NULL)
    {
      GListModel *store = G_LIST_MODEL (plt_model_get_queues (self->model));
      guint n = g_list_model_get_n_items (store);

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (queues, g_list_model_get_item (store, i));
    }
  else
    for (guint i = 0; self->page->queues[i] != NULL; i++)
      {
        PltQueue *queue = plt_model_lookup_queue (self->model, self->page->queues[i]);

        if (queue != NULL)
          g_ptr_array_add (queues, g_object_ref (queue));
      }

  return queues;
}

static gboolean
same_queues (GPtrArray *a,
             GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    if (g_ptr_array_index (a, i) != g_ptr_array_index (b, i))
      return FALSE;

  return TRUE;
}

static void
queues_changed_cb (PltWallboardPageView *self)
{
  g_autoptr(GPtrArray) queues = collect_queues (self);

  if (!same_queues (queues, self->queues))
    {
      g_ptr_array_unref (self->queues);
      self->queues = g_ptr_array_ref (queues);

      if (self->queue_grid != NULL)
        {
          plt_wallboard_grid_remove_all (PLT_WALLBOARD_GRID (self->queue_grid));
          g_ptr_array_set_size (self->queue_tiles, 0);
          for (guint i = 0; i < queues->len; i++)
            {
              GtkWidget *tile = plt_wallboard_queue_tile_new (g_ptr_array_index (queues, i), self->clock);

              plt_wallboard_queue_tile_set_thresholds (PLT_WALLBOARD_QUEUE_TILE (tile), &self->thresholds);
              plt_wallboard_grid_append (PLT_WALLBOARD_GRID (self->queue_grid), tile);
              g_ptr_array_add (self->queue_tiles, tile);
            }
        }

      if (self->gauge_grid != NULL)
        {
          plt_wallboard_grid_remove_all (PLT_WALLBOARD_GRID (self->gauge_grid));
          g_ptr_array_set_size (self->gauges, 0);
          for (guint i = 0; i < queues->len; i++)
            plt_wallboard_grid_append (PLT_WALLBOARD_GRID (self->gauge_grid),
                                       make_gauge_box (self, g_ptr_array_index (queues, i)));
        }
    }

  update_waiting (self);
  update_gauges (self);
}

static void
clock_now_cb (PltWallboardPageView *self)
{
  update_waiting (self);
}

/* GtkWidget -------------------------------------------------------------- */

static void
plt_wallboard_page_view_measure (GtkWidget      *widget,
                                 GtkOrientation  orientation,
                                 int             for_size,
                                 int            *minimum,
                                 int            *natural,
                                 int            *minimum_baseline,
                                 int            *natural_baseline)
{
  PltWallboardPageView *self = PLT_WALLBOARD_PAGE_VIEW (widget);

  gtk_widget_measure (self->box, orientation, -1, minimum, natural, NULL, NULL);

  /* The screen is the size it is: a page never makes the window grow;
   * what does not fit is clipped. */
  *minimum = 0;
}

static void
plt_wallboard_page_view_size_allocate (GtkWidget *widget,
                                       int        width,
                                       int        height,
                                       int        baseline)
{
  PltWallboardPageView *self = PLT_WALLBOARD_PAGE_VIEW (widget);
  int min_width, min_height;

  gtk_widget_measure (self->box, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  gtk_widget_measure (self->box, GTK_ORIENTATION_VERTICAL, MAX (width, min_width), &min_height, NULL, NULL, NULL);
  gtk_widget_size_allocate (self->box,
                            &(GtkAllocation) { 0, 0, MAX (width, min_width), MAX (height, min_height) },
                            baseline);
}

static void
plt_wallboard_page_view_map (GtkWidget *widget)
{
  PltWallboardPageView *self = PLT_WALLBOARD_PAGE_VIEW (widget);

  GTK_WIDGET_CLASS (plt_wallboard_page_view_parent_class)->map (widget);

  g_signal_group_set_target (self->clock_signals, self->clock);
  update_waiting (self);
}

static void
plt_wallboard_page_view_unmap (GtkWidget *widget)
{
  PltWallboardPageView *self = PLT_WALLBOARD_PAGE_VIEW (widget);

  g_signal_group_set_target (self->clock_signals, NULL);

  GTK_WIDGET_CLASS (plt_wallboard_page_view_parent_class)->unmap (widget);
}

static void
plt_wallboard_page_view_dispose (GObject *object)
{
  PltWallboardPageView *self = (PltWallboardPageView *)object;

  if (self->queues_signals != NULL)
    g_signal_group_set_target (self->queues_signals, NULL);
  if (self->agents_signals != NULL)
    g_signal_group_set_target (self->agents_signals, NULL);
  if (self->clock_signals != NULL)
    g_signal_group_set_target (self->clock_signals, NULL);
  if (self->alerts_signals != NULL)
    g_signal_group_set_target (self->alerts_signals, NULL);

  g_clear_pointer (&self->box, gtk_widget_unparent);

  g_clear_object (&self->queues_signals);
  g_clear_object (&self->agents_signals);
  g_clear_object (&self->clock_signals);
  g_clear_object (&self->alerts_signals);
  g_clear_object (&self->model);
  g_clear_object (&self->clock);
  g_clear_object (&self->alerts);
  g_clear_pointer (&self->queues, g_ptr_array_unref);
  g_clear_pointer (&self->queue_tiles, g_ptr_array_unref);
  g_clear_pointer (&self->gauges, g_ptr_array_unref);

  G_OBJECT_CLASS (plt_wallboard_page_view_parent_class)->dispose (object);
}

static void
plt_wallboard_page_view_finalize (GObject *object)
{
  PltWallboardPageView *self = (PltWallboardPageView *)object;

  g_clear_pointer (&self->page, plt_wallboard_page_free);
  g_clear_pointer (&self->title, g_free);

  G_OBJECT_CLASS (plt_wallboard_page_view_parent_class)->finalize (object);
}

static void
plt_wallboard_page_view_class_init (PltWallboardPageViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = plt_wallboard_page_view_dispose;
  object_class->finalize = plt_wallboard_page_view_finalize;

  widget_class->measure = plt_wallboard_page_view_measure;
  widget_class->size_allocate = plt_wallboard_page_view_size_allocate;
  widget_class->map = plt_wallboard_page_view_map;
  widget_class->unmap = plt_wallboard_page_view_unmap;

  gtk_widget_class_set_css_name (widget_class, "wallboardpage");
}

static void
plt_wallboard_page_view_init (PltWallboardPageView *self)
{
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (self->box, "wb-page-box");
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  self->thresholds = (PltAlertThresholds) PLT_ALERT_THRESHOLDS_INIT;
  self->queues = g_ptr_array_new_with_free_func (g_object_unref);
  self->queue_tiles = g_ptr_array_new ();
  self->gauges = g_ptr_array_new ();

  self->queues_signals = g_signal_group_new (PLT_TYPE_STORE);
  g_signal_group_connect_swapped (self->queues_signals, "items-changed",
                                  G_CALLBACK (queues_changed_cb), self);
  self->agents_signals = g_signal_group_new (PLT_TYPE_STORE);
  g_signal_group_connect_swapped (self->agents_signals, "items-changed",
                                  G_CALLBACK (update_states), self);
  self->clock_signals = g_signal_group_new (PLT_TYPE_CLOCK);
  g_signal_group_connect_swapped (self->clock_signals, "notify::now",
                                  G_CALLBACK (clock_now_cb), self);
  self->alerts_signals = g_signal_group_new (PLT_TYPE_ALERT_MONITOR);
  g_signal_group_connect_swapped (self->alerts_signals, "changed",
                                  G_CALLBACK (update_alerts), self);
}

/**
 * plt_wallboard_page_view_new:
 * @page: the page's layout (copied)
 * @model: the model shown
 * @clock: (nullable): the clock of the waits and times in state
 * @alerts: (nullable): the alerts of the alerts card
 *
 * Returns: (transfer floating): a new #PltWallboardPageView
 */
GtkWidget *
plt_wallboard_page_view_new (const PltWallboardPage *page,
                             PltModel               *model,
                             PltClock               *clock,
                             PltAlertMonitor        *alerts)
{
  PltWallboardPageView *self;
  guint n_cards = 0, n_areas = 0;

  g_return_val_if_fail (page != NULL, NULL);
  g_return_val_if_fail (PLT_IS_MODEL (model), NULL);
  g_return_val_if_fail (clock == NULL || PLT_IS_CLOCK (clock), NULL);
  g_return_val_if_fail (alerts == NULL || PLT_IS_ALERT_MONITOR (alerts), NULL);

  self = g_object_new (PLT_TYPE_WALLBOARD_PAGE_VIEW, NULL);
  self->page = plt_wallboard_page_copy (page);
  self->title = plt_wallboard_page_dup_title (page);
  self->model = g_object_ref (model);
  self->clock = clock != NULL ? g_object_ref (clock) : NULL;
  self->alerts = alerts != NULL ? g_object_ref (alerts) : NULL;

  for (guint i = 0; i < page->n_tiles; i++)
    {
      if (plt_wallboard_tile_is_area (page->tiles[i]))
        n_areas++;
      else
        n_cards++;
    }

  /* Cards in a row above the areas; a page of cards only fills itself with
   * them. */
  if (n_cards > 0)
    {
      if (n_areas > 0)
        {
          /* Each card as wide as it needs, and the room left shared; as
           * high as they need, and the areas get the rest. */
          self->cards = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
          gtk_widget_set_vexpand (self->cards, FALSE);
        }
      else
        {
          self->cards = plt_wallboard_grid_new (1.6);
          gtk_widget_set_vexpand (self->cards, TRUE);
        }
      gtk_widget_add_css_class (self->cards, "wb-cards");
      gtk_box_append (GTK_BOX (self->box), self->cards);
    }

  if (n_areas > 0)
    {
      self->areas = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      gtk_box_set_homogeneous (GTK_BOX (self->areas), TRUE);
      gtk_widget_set_vexpand (self->areas, TRUE);
      gtk_widget_add_css_class (self->areas, "wb-areas");
      gtk_box_append (GTK_BOX (self->box), self->areas);
    }

  for (guint i = 0; i < page->n_tiles; i++)
    {
      GtkWidget *widget = NULL;

      switch (page->tiles[i])
        {
        case PLT_WALLBOARD_TILE_WAITING:
          widget = make_waiting_card (self);
          break;
        case PLT_WALLBOARD_TILE_AGENT_STATES:
          widget = make_states_card (self);
          break;
        case PLT_WALLBOARD_TILE_CLOCK:
          widget = make_clock_card (self);
          break;
        case PLT_WALLBOARD_TILE_ALERTS:
          widget = make_alerts_card (self);
          break;
        case PLT_WALLBOARD_TILE_QUEUES:
          widget = self->queue_grid = plt_wallboard_grid_new (1.75);
          break;
        case PLT_WALLBOARD_TILE_SERVICE_LEVEL:
          widget = self->gauge_grid = plt_wallboard_grid_new (0.95);
          break;
        case PLT_WALLBOARD_TILE_AGENTS:
          widget = self->agents = plt_wallboard_agents_new (model, clock,
                                                            (const char * const *) page->queues);
          break;
        default:
          g_assert_not_reached ();
        }

      if (plt_wallboard_tile_is_area (page->tiles[i]))
        gtk_box_append (GTK_BOX (self->areas), widget);
      else if (n_areas > 0)
        {
          gtk_widget_set_hexpand (widget, TRUE);
          gtk_box_append (GTK_BOX (self->cards), widget);
        }
      else
        plt_wallboard_grid_append (PLT_WALLBOARD_GRID (self->cards), widget);
    }

  g_signal_group_set_target (self->queues_signals, plt_model_get_queues (model));
  g_signal_group_set_target (self->agents_signals, plt_model_get_agents (model));
  g_signal_group_set_target (self->alerts_signals, alerts);

  queues_changed_cb (self);
  update_states (self);
  update_alerts (self);

  return GTK_WIDGET (self);
}

void
plt_wallboard_page_view_set_thresholds (PltWallboardPageView     *self,
                                        const PltAlertThresholds *thresholds)
{
  g_return_if_fail (PLT_IS_WALLBOARD_PAGE_VIEW (self));
  g_return_if_fail (thresholds != NULL);

  self->thresholds = *thresholds;
  for (guint i = 0; i < self->queue_tiles->len; i++)
    plt_wallboard_queue_tile_set_thresholds (g_ptr_array_index (self->queue_tiles, i), thresholds);
  update_waiting (self);
}

void
plt_wallboard_page_view_set_wall_time (PltWallboardPageView *self,
                                       GDateTime            *time)
{
  g_autofree char *clock_text = NULL;
  g_autofree char *date_text = NULL;

  g_return_if_fail (PLT_IS_WALLBOARD_PAGE_VIEW (self));
  g_return_if_fail (time != NULL);

  if (self->time_label == NULL)
    return;

  /* Translators: the wallboard's clock, a g_date_time_format() format:
   * keep %H:%M for a 24-hour clock */
  clock_text = g_date_time_format (time, _("%H:%M"));
  /* Translators: the date under the wallboard's clock, a
   * g_date_time_format() format, "Thursday 27 November" */
  date_text = g_date_time_format (time, _("%A %-d %B"));

  gtk_label_set_label (GTK_LABEL (self->time_label), clock_text);
  gtk_label_set_label (GTK_LABEL (self->date_label), date_text);
}

const char *
plt_wallboard_page_view_get_title (PltWallboardPageView *self)
{
  g_return_val_if_fail (PLT_IS_WALLBOARD_PAGE_VIEW (self), NULL);

  return self->title;
}

GPtrArray *
_plt_wallboard_page_view_get_queue_tiles (PltWallboardPageView *self)
{
  g_return_val_if_fail (PLT_IS_WALLBOARD_PAGE_VIEW (self), NULL);

  return self->queue_grid != NULL ? self->queue_tiles : NULL;
}

GPtrArray *
_plt_wallboard_page_view_get_gauges (PltWallboardPageView *self)
{
  g_return_val_if_fail (PLT_IS_WALLBOARD_PAGE_VIEW (self), NULL);

  return self->gauge_grid != NULL ? self->gauges : NULL;
}

GtkWidget *
_plt_wallboard_page_view_get_agents (PltWallboardPageView *self)
{
  g_return_val_if_fail (PLT_IS_WALLBOARD_PAGE_VIEW (self), NULL);

  return self->agents;
}

GtkWidget *
_plt_wallboard_page_view_get_state_figure (PltWallboardPageView *self,
                                           guint                 index)
{
  g_return_val_if_fail (PLT_IS_WALLBOARD_PAGE_VIEW (self), NULL);
  g_return_val_if_fail (index < N_STATE_FIGURES, NULL);

  return self->state_figures[index] != NULL ? GTK_WIDGET (self->state_figures[index]) : NULL;
}

GtkWidget *
_plt_wallboard_page_view_get_waiting_figure (PltWallboardPageView *self)
{
  g_return_val_if_fail (PLT_IS_WALLBOARD_PAGE_VIEW (self), NULL);

  return self->waiting_figure != NULL ? GTK_WIDGET (self->waiting_figure) : NULL;
}
