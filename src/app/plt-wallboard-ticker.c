/* plt-wallboard-ticker.c — the active alerts along the bottom of the wallboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "plt-wallboard-grid.h"
#include "plt-wallboard-ticker.h"

/* Scrolling speed, in font sizes per second, and the gap between the end
 * of the chips and their next pass, in font sizes. */
#define SPEED_EM_PER_S 2.5
#define GAP_EM         3.0

struct _PltWallboardTicker
{
  GtkWidget        parent_instance;

  GtkWidget       *chips;
  PltAlertMonitor *monitor;
  GSignalGroup    *monitor_signals;
  GStrv            queue_ids;
  guint            n_alerts;

  double           offset;
  gint64           last_frame_time;
  guint            tick_id;
};

G_DEFINE_FINAL_TYPE (PltWallboardTicker, plt_wallboard_ticker, GTK_TYPE_WIDGET)

static gboolean
shows_queue (PltWallboardTicker *self,
             const char         *queue_id)
{
  if (self->queue_ids == NULL || self->queue_ids[0] == NULL)
    return TRUE;

  return g_strv_contains ((const char * const *) self->queue_ids, queue_id);
}

static int
content_width (PltWallboardTicker *self)
{
  int natural;

  gtk_widget_measure (self->chips, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);

  return natural;
}

static gboolean
overflows (PltWallboardTicker *self)
{
  return content_width (self) > gtk_widget_get_width (GTK_WIDGET (self));
}

static gboolean
animations_enabled (PltWallboardTicker *self)
{
  gboolean enabled = TRUE;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-enable-animations", &enabled, NULL);

  return enabled;
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *frame_clock,
         gpointer       user_data)
{
  PltWallboardTicker *self = PLT_WALLBOARD_TICKER (widget);
  gint64 frame_time = gdk_frame_clock_get_frame_time (frame_clock);
  double font = plt_widget_get_font_px (widget);
  double period;

  if (!overflows (self))
    {
      self->offset = 0;
      self->last_frame_time = 0;
      gtk_widget_queue_draw (widget);
      return G_SOURCE_CONTINUE;
    }

  if (self->last_frame_time != 0)
    {
      period = content_width (self) + font * GAP_EM;
      self->offset += font * SPEED_EM_PER_S * (frame_time - self->last_frame_time) / G_USEC_PER_SEC;
      self->offset = fmod (self->offset, period);
      gtk_widget_queue_draw (widget);
    }
  self->last_frame_time = frame_time;

  return G_SOURCE_CONTINUE;
}

static void
update_ticking (PltWallboardTicker *self)
{
  gboolean wanted = gtk_widget_get_mapped (GTK_WIDGET (self)) &&
                    self->n_alerts > 0 &&
                    animations_enabled (self);

  if (wanted && self->tick_id == 0)
    {
      self->last_frame_time = 0;
      self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), tick_cb, NULL, NULL);
    }
  else if (!wanted && self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
      self->offset = 0;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static GtkWidget *
make_chip (const PltAlert *alert)
{
  GtkWidget *chip = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *icon = gtk_image_new_from_icon_name (plt_alert_level_get_icon_name (alert->level));
  GtkWidget *label = gtk_label_new (alert->text);

  gtk_widget_add_css_class (chip, "wb-alert");
  gtk_widget_add_css_class (chip, plt_alert_level_get_css_class (alert->level));
  gtk_widget_add_css_class (icon, "wb-level-icon");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, plt_alert_level_get_label (alert->level),
                                  -1);
  gtk_box_append (GTK_BOX (chip), icon);
  gtk_widget_add_css_class (label, "numeric");
  gtk_box_append (GTK_BOX (chip), label);

  return chip;
}

static void
update_chips (PltWallboardTicker *self)
{
  GtkWidget *child;
  GPtrArray *alerts;

  while ((child = gtk_widget_get_first_child (self->chips)) != NULL)
    gtk_box_remove (GTK_BOX (self->chips), child);
  self->n_alerts = 0;

  if (self->monitor != NULL)
    {
      alerts = plt_alert_monitor_get_alerts (self->monitor);
      for (guint i = 0; i < alerts->len; i++)
        {
          const PltAlert *alert = g_ptr_array_index (alerts, i);

          if (!shows_queue (self, alert->queue_id))
            continue;

          gtk_box_append (GTK_BOX (self->chips), make_chip (alert));
          self->n_alerts++;
        }
    }

  gtk_widget_set_visible (GTK_WIDGET (self), self->n_alerts > 0);
  update_ticking (self);
}

static void
plt_wallboard_ticker_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  PltWallboardTicker *self = PLT_WALLBOARD_TICKER (widget);

  gtk_widget_measure (self->chips, orientation, -1, minimum, natural, NULL, NULL);

  /* Any width will do: what does not fit scrolls. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = 0;
}

static void
plt_wallboard_ticker_size_allocate (GtkWidget *widget,
                                    int        width,
                                    int        height,
                                    int        baseline)
{
  PltWallboardTicker *self = PLT_WALLBOARD_TICKER (widget);

  gtk_widget_size_allocate (self->chips,
                            &(GtkAllocation) { 0, 0, MAX (width, content_width (self)), height },
                            baseline);
}

static void
plt_wallboard_ticker_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  PltWallboardTicker *self = PLT_WALLBOARD_TICKER (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double period;

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((float) -self->offset, 0));
  gtk_widget_snapshot_child (widget, self->chips, snapshot);
  gtk_snapshot_restore (snapshot);

  /* The next pass follows the first, so that the loop has no jump. */
  if (self->tick_id != 0 && overflows (self))
    {
      period = content_width (self) + plt_widget_get_font_px (widget) * GAP_EM;
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((float) (period - self->offset), 0));
      gtk_widget_snapshot_child (widget, self->chips, snapshot);
      gtk_snapshot_restore (snapshot);
    }

  gtk_snapshot_pop (snapshot);
}

static void
plt_wallboard_ticker_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (plt_wallboard_ticker_parent_class)->map (widget);

  update_ticking (PLT_WALLBOARD_TICKER (widget));
}

static void
plt_wallboard_ticker_unmap (GtkWidget *widget)
{
  PltWallboardTicker *self = PLT_WALLBOARD_TICKER (widget);

  GTK_WIDGET_CLASS (plt_wallboard_ticker_parent_class)->unmap (widget);

  update_ticking (self);
}

static void
plt_wallboard_ticker_dispose (GObject *object)
{
  PltWallboardTicker *self = (PltWallboardTicker *)object;

  if (self->monitor_signals != NULL)
    g_signal_group_set_target (self->monitor_signals, NULL);
  g_clear_object (&self->monitor_signals);
  g_clear_object (&self->monitor);
  g_clear_pointer (&self->chips, gtk_widget_unparent);

  G_OBJECT_CLASS (plt_wallboard_ticker_parent_class)->dispose (object);
}

static void
plt_wallboard_ticker_finalize (GObject *object)
{
  PltWallboardTicker *self = (PltWallboardTicker *)object;

  g_clear_pointer (&self->queue_ids, g_strfreev);

  G_OBJECT_CLASS (plt_wallboard_ticker_parent_class)->finalize (object);
}

static void
plt_wallboard_ticker_class_init (PltWallboardTickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = plt_wallboard_ticker_dispose;
  object_class->finalize = plt_wallboard_ticker_finalize;

  widget_class->measure = plt_wallboard_ticker_measure;
  widget_class->size_allocate = plt_wallboard_ticker_size_allocate;
  widget_class->snapshot = plt_wallboard_ticker_snapshot;
  widget_class->map = plt_wallboard_ticker_map;
  widget_class->unmap = plt_wallboard_ticker_unmap;

  gtk_widget_class_set_css_name (widget_class, "wallboardticker");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_MARQUEE);
}

static void
plt_wallboard_ticker_init (PltWallboardTicker *self)
{
  self->chips = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (self->chips, "wb-chips");
  gtk_widget_set_parent (self->chips, GTK_WIDGET (self));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Active alerts"),
                                  -1);

  self->monitor_signals = g_signal_group_new (PLT_TYPE_ALERT_MONITOR);
  g_signal_group_connect_swapped (self->monitor_signals, "changed",
                                  G_CALLBACK (update_chips), self);

  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
plt_wallboard_ticker_new (void)
{
  return g_object_new (PLT_TYPE_WALLBOARD_TICKER, NULL);
}

void
plt_wallboard_ticker_set_monitor (PltWallboardTicker *self,
                                  PltAlertMonitor    *monitor)
{
  g_return_if_fail (PLT_IS_WALLBOARD_TICKER (self));
  g_return_if_fail (monitor == NULL || PLT_IS_ALERT_MONITOR (monitor));

  if (!g_set_object (&self->monitor, monitor))
    return;

  g_signal_group_set_target (self->monitor_signals, monitor);
  update_chips (self);
}

void
plt_wallboard_ticker_set_queues (PltWallboardTicker *self,
                                 const char * const *queue_ids)
{
  g_return_if_fail (PLT_IS_WALLBOARD_TICKER (self));

  g_strfreev (self->queue_ids);
  self->queue_ids = g_strdupv ((char **) queue_ids);
  update_chips (self);
}

guint
plt_wallboard_ticker_get_n_alerts (PltWallboardTicker *self)
{
  g_return_val_if_fail (PLT_IS_WALLBOARD_TICKER (self), 0);

  return self->n_alerts;
}
