/* plt-wallboard-queue-tile.c — one queue on the wallboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "plt-sl-bar.h"
#include "plt-ui-format.h"
#include "plt-wallboard-figure.h"
#include "plt-wallboard-queue-tile.h"

struct _PltWallboardQueueTile
{
  GtkWidget           parent_instance;

  GtkWidget          *header;
  GtkWidget          *media_icon;
  GtkWidget          *name_label;
  GtkWidget          *level_icon;
  GtkWidget          *figures;
  PltWallboardFigure *figure[PLT_ALERT_N_KINDS];
  GtkWidget          *sl_row;
  PltSlBar           *sl_bar;

  PltQueue           *queue;
  PltClock           *clock;
  GSignalGroup       *queue_signals;
  GSignalGroup       *clock_signals;
  PltAlertThresholds  thresholds;
  PltAlertLevel       level;

  /* Short of height, the three figures go in one row, smaller */
  int                 full_height;
  guint               compact_idle_id;
  guint               compact : 1;
  guint               want_compact : 1;
};

G_DEFINE_FINAL_TYPE (PltWallboardQueueTile, plt_wallboard_queue_tile, GTK_TYPE_WIDGET)

static void
set_level_class (GtkWidget     *widget,
                 PltAlertLevel  old_level,
                 PltAlertLevel  level)
{
  gtk_widget_remove_css_class (widget, plt_alert_level_get_css_class (old_level));
  gtk_widget_add_css_class (widget, plt_alert_level_get_css_class (level));
}

static void
update (PltWallboardQueueTile *self)
{
  PltAlertLevel levels[PLT_ALERT_N_KINDS];
  PltAlertLevel worst = PLT_ALERT_LEVEL_NONE;
  gint64 now = self->clock != NULL ? plt_clock_get_now (self->clock) : 0;
  gint64 oldest_since;
  double service_level;
  char waiting[16];
  g_autofree char *longest = NULL;
  g_autofree char *sl = NULL;
  g_autofree char *target = NULL;
  g_autofree char *target_text = NULL;

  if (self->queue == NULL)
    return;

  plt_alert_levels_for_queue (&self->thresholds, self->queue, now, levels);

  g_snprintf (waiting, sizeof waiting, "%u", plt_queue_get_waiting (self->queue));
  plt_wallboard_figure_set_value (self->figure[PLT_ALERT_KIND_WAITING], waiting, levels[PLT_ALERT_KIND_WAITING]);

  oldest_since = plt_queue_get_oldest_since (self->queue);
  if (plt_queue_get_waiting (self->queue) > 0 && oldest_since > 0 && self->clock != NULL)
    longest = plt_format_elapsed (now, oldest_since);
  else
    longest = g_strdup ("—");
  plt_wallboard_figure_set_value (self->figure[PLT_ALERT_KIND_LONGEST_WAIT], longest, levels[PLT_ALERT_KIND_LONGEST_WAIT]);

  service_level = plt_queue_get_service_level (self->queue);
  sl = service_level < 0 ? g_strdup ("—") : plt_format_percent (service_level);
  plt_wallboard_figure_set_value (self->figure[PLT_ALERT_KIND_SERVICE_LEVEL], sl, levels[PLT_ALERT_KIND_SERVICE_LEVEL]);

  target = plt_format_percent (plt_queue_get_sl_target (self->queue));
  /* Translators: under the service level on the wallboard, "target 80 %" */
  target_text = g_strdup_printf (_("target %s"), target);
  plt_wallboard_figure_set_detail (self->figure[PLT_ALERT_KIND_SERVICE_LEVEL], target_text);
  plt_sl_bar_set_value (self->sl_bar, service_level);
  plt_sl_bar_set_target (self->sl_bar, plt_queue_get_sl_target (self->queue));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->sl_bar),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, sl,
                                  -1);
  /* The bar takes the colour of the service level's alert level. */
  for (PltAlertLevel level = PLT_ALERT_LEVEL_NONE; level <= PLT_ALERT_LEVEL_ALARM; level++)
    if (level != levels[PLT_ALERT_KIND_SERVICE_LEVEL])
      gtk_widget_remove_css_class (self->sl_row, plt_alert_level_get_css_class (level));
  gtk_widget_add_css_class (self->sl_row, plt_alert_level_get_css_class (levels[PLT_ALERT_KIND_SERVICE_LEVEL]));

  for (guint i = 0; i < PLT_ALERT_N_KINDS; i++)
    worst = MAX (worst, levels[i]);

  if (worst != self->level)
    {
      set_level_class (GTK_WIDGET (self), self->level, worst);
      self->level = worst;
    }
  gtk_image_set_from_icon_name (GTK_IMAGE (self->level_icon), plt_alert_level_get_icon_name (worst));
  gtk_widget_set_visible (self->level_icon, worst != PLT_ALERT_LEVEL_NONE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->level_icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, plt_alert_level_get_label (worst),
                                  -1);
}

static void
update_identity (PltWallboardQueueTile *self)
{
  const char *name;

  if (self->queue == NULL)
    return;

  name = plt_queue_get_name (self->queue);
  if (name == NULL)
    name = plt_queue_get_id (self->queue);

  gtk_label_set_label (GTK_LABEL (self->name_label), name);
  gtk_image_set_from_icon_name (GTK_IMAGE (self->media_icon),
                                plt_queue_media_get_icon_name (plt_queue_get_media (self->queue)));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
}

static void
queue_notify_cb (PltWallboardQueueTile *self,
                 GParamSpec            *pspec)
{
  if (g_str_equal (pspec->name, "name") || g_str_equal (pspec->name, "media"))
    update_identity (self);
  else
    update (self);
}

static GtkWidget *
make_figure (PltWallboardQueueTile *self,
             PltAlertKind           kind,
             const char            *caption)
{
  self->figure[kind] = PLT_WALLBOARD_FIGURE (plt_wallboard_figure_new (caption));
  gtk_widget_set_hexpand (GTK_WIDGET (self->figure[kind]), TRUE);

  return GTK_WIDGET (self->figure[kind]);
}

static void
set_compact (PltWallboardQueueTile *self,
             gboolean               compact)
{
  GtkWidget *sl = GTK_WIDGET (self->figure[PLT_ALERT_KIND_SERVICE_LEVEL]);

  if (compact == self->compact)
    return;

  self->compact = compact;
  g_object_ref (sl);
  if (compact)
    {
      gtk_box_remove (GTK_BOX (self->sl_row), sl);
      gtk_grid_attach (GTK_GRID (self->figures), sl, 2, 0, 1, 1);
      gtk_widget_set_visible (self->sl_row, FALSE);
      gtk_widget_add_css_class (GTK_WIDGET (self), "compact");
    }
  else
    {
      gtk_grid_remove (GTK_GRID (self->figures), sl);
      gtk_box_prepend (GTK_BOX (self->sl_row), sl);
      gtk_widget_set_visible (self->sl_row, TRUE);
      gtk_widget_remove_css_class (GTK_WIDGET (self), "compact");
    }
  g_object_unref (sl);
}

static void
apply_compact_cb (gpointer user_data)
{
  PltWallboardQueueTile *self = user_data;

  self->compact_idle_id = 0;
  set_compact (self, self->want_compact);
}

static void
plt_wallboard_queue_tile_size_allocate (GtkWidget *widget,
                                        int        width,
                                        int        height,
                                        int        baseline)
{
  PltWallboardQueueTile *self = PLT_WALLBOARD_QUEUE_TILE (widget);
  gboolean compact = self->compact;
  int minimum;

  GTK_WIDGET_CLASS (plt_wallboard_queue_tile_parent_class)->size_allocate (widget, width, height, baseline);

  /* The full layout when it fits, one row of figures when it does not;
   * changed after this allocation, never during it. */
  if (!self->compact)
    {
      gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, width, &minimum, NULL, NULL, NULL);
      if (minimum > height)
        {
          self->full_height = minimum;
          compact = TRUE;
        }
    }
  else if (height >= self->full_height)
    compact = FALSE;

  self->want_compact = compact;
  if (compact != self->compact && self->compact_idle_id == 0)
    {
      self->compact_idle_id = g_idle_add_once (apply_compact_cb, self);
      g_source_set_name_by_id (self->compact_idle_id, "[plateau] wallboard queue tile layout");
    }
}

static void
plt_wallboard_queue_tile_map (GtkWidget *widget)
{
  PltWallboardQueueTile *self = PLT_WALLBOARD_QUEUE_TILE (widget);

  GTK_WIDGET_CLASS (plt_wallboard_queue_tile_parent_class)->map (widget);

  g_signal_group_set_target (self->clock_signals, self->clock);
  update (self);
}

static void
plt_wallboard_queue_tile_unmap (GtkWidget *widget)
{
  PltWallboardQueueTile *self = PLT_WALLBOARD_QUEUE_TILE (widget);

  g_signal_group_set_target (self->clock_signals, NULL);

  GTK_WIDGET_CLASS (plt_wallboard_queue_tile_parent_class)->unmap (widget);
}

static void
plt_wallboard_queue_tile_dispose (GObject *object)
{
  PltWallboardQueueTile *self = (PltWallboardQueueTile *)object;
  GtkWidget *child;

  g_clear_handle_id (&self->compact_idle_id, g_source_remove);
  if (self->queue_signals != NULL)
    g_signal_group_set_target (self->queue_signals, NULL);
  if (self->clock_signals != NULL)
    g_signal_group_set_target (self->clock_signals, NULL);
  g_clear_object (&self->queue_signals);
  g_clear_object (&self->clock_signals);
  g_clear_object (&self->queue);
  g_clear_object (&self->clock);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (plt_wallboard_queue_tile_parent_class)->dispose (object);
}

static void
plt_wallboard_queue_tile_class_init (PltWallboardQueueTileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = plt_wallboard_queue_tile_dispose;

  widget_class->size_allocate = plt_wallboard_queue_tile_size_allocate;
  widget_class->map = plt_wallboard_queue_tile_map;
  widget_class->unmap = plt_wallboard_queue_tile_unmap;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "wallboardqueue");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
plt_wallboard_queue_tile_init (PltWallboardQueueTile *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_widget_add_css_class (GTK_WIDGET (self), "wb-tile");
  gtk_widget_add_css_class (GTK_WIDGET (self), plt_alert_level_get_css_class (PLT_ALERT_LEVEL_NONE));
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  self->thresholds = (PltAlertThresholds) PLT_ALERT_THRESHOLDS_INIT;

  self->header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (self->header, "wb-tile-header");
  gtk_widget_set_parent (self->header, GTK_WIDGET (self));

  self->media_icon = g_object_new (GTK_TYPE_IMAGE,
                                   "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                   NULL);
  gtk_widget_add_css_class (self->media_icon, "wb-tile-icon");
  gtk_box_append (GTK_BOX (self->header), self->media_icon);

  self->name_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->name_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->name_label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (self->name_label, TRUE);
  gtk_widget_add_css_class (self->name_label, "wb-tile-title");
  gtk_box_append (GTK_BOX (self->header), self->name_label);

  self->level_icon = gtk_image_new ();
  gtk_widget_add_css_class (self->level_icon, "wb-level-icon");
  gtk_widget_set_visible (self->level_icon, FALSE);
  gtk_box_append (GTK_BOX (self->header), self->level_icon);

  /* The waiting contacts and the longest wait side by side, the service
   * level under them with a bar that marks its target. */
  self->figures = gtk_grid_new ();
  gtk_grid_set_column_homogeneous (GTK_GRID (self->figures), TRUE);
  gtk_widget_set_vexpand (self->figures, TRUE);
  gtk_widget_set_valign (self->figures, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->figures, "wb-figures");
  gtk_widget_set_parent (self->figures, GTK_WIDGET (self));

  gtk_grid_attach (GTK_GRID (self->figures),
                   make_figure (self, PLT_ALERT_KIND_WAITING, C_("wallboard", "Waiting")), 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (self->figures),
                   make_figure (self, PLT_ALERT_KIND_LONGEST_WAIT, C_("wallboard", "Longest wait")), 1, 0, 1, 1);

  self->sl_row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (self->sl_row, "wb-sl-row");
  gtk_box_append (GTK_BOX (self->sl_row),
                  make_figure (self, PLT_ALERT_KIND_SERVICE_LEVEL, C_("wallboard", "Service level")));
  gtk_widget_set_hexpand (GTK_WIDGET (self->figure[PLT_ALERT_KIND_SERVICE_LEVEL]), FALSE);
  self->sl_bar = PLT_SL_BAR (plt_sl_bar_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->sl_bar), TRUE);
  gtk_widget_set_valign (GTK_WIDGET (self->sl_bar), GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (self->sl_row), GTK_WIDGET (self->sl_bar));
  gtk_grid_attach (GTK_GRID (self->figures), self->sl_row, 0, 1, 2, 1);

  self->queue_signals = g_signal_group_new (PLT_TYPE_QUEUE);
  g_signal_group_connect_swapped (self->queue_signals, "notify",
                                  G_CALLBACK (queue_notify_cb), self);

  self->clock_signals = g_signal_group_new (PLT_TYPE_CLOCK);
  g_signal_group_connect_swapped (self->clock_signals, "notify::now",
                                  G_CALLBACK (update), self);
}

/**
 * plt_wallboard_queue_tile_new:
 * @queue: the queue to show
 * @clock: (nullable): the clock the longest wait is measured with
 *
 * Returns: (transfer floating): a new #PltWallboardQueueTile
 */
GtkWidget *
plt_wallboard_queue_tile_new (PltQueue *queue,
                              PltClock *clock)
{
  PltWallboardQueueTile *self;

  g_return_val_if_fail (PLT_IS_QUEUE (queue), NULL);
  g_return_val_if_fail (clock == NULL || PLT_IS_CLOCK (clock), NULL);

  self = g_object_new (PLT_TYPE_WALLBOARD_QUEUE_TILE, NULL);
  self->queue = g_object_ref (queue);
  if (clock != NULL)
    self->clock = g_object_ref (clock);

  g_signal_group_set_target (self->queue_signals, queue);
  update_identity (self);
  update (self);

  return GTK_WIDGET (self);
}

PltQueue *
plt_wallboard_queue_tile_get_queue (PltWallboardQueueTile *self)
{
  g_return_val_if_fail (PLT_IS_WALLBOARD_QUEUE_TILE (self), NULL);

  return self->queue;
}

void
plt_wallboard_queue_tile_set_thresholds (PltWallboardQueueTile    *self,
                                         const PltAlertThresholds *thresholds)
{
  g_return_if_fail (PLT_IS_WALLBOARD_QUEUE_TILE (self));
  g_return_if_fail (thresholds != NULL);

  self->thresholds = *thresholds;
  update (self);
}

PltAlertLevel
plt_wallboard_queue_tile_get_level (PltWallboardQueueTile *self)
{
  g_return_val_if_fail (PLT_IS_WALLBOARD_QUEUE_TILE (self), PLT_ALERT_LEVEL_NONE);

  return self->level;
}

const char *
_plt_wallboard_queue_tile_get_text (PltWallboardQueueTile *self,
                                    PltAlertKind           kind)
{
  g_return_val_if_fail (PLT_IS_WALLBOARD_QUEUE_TILE (self), NULL);
  g_return_val_if_fail ((guint) kind < PLT_ALERT_N_KINDS, NULL);

  return plt_wallboard_figure_get_value (self->figure[kind]);
}
