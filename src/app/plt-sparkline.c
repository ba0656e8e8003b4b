/* plt-sparkline.c — a queue's last hour: contacts waiting and service level, minute by minute
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "plt-sparkline.h"
#include "plt-ui-format.h"

#define MS_PER_MIN     60000
#define N_SLOTS        (PLT_QUEUE_TRENDS_MINUTES + 1)
#define MIN_SCALE      4
#define LINE_WIDTH     2.0f
#define DOT_LENGTH     3.0f
#define DOT_GAP        3.0f

struct _PltSparkline
{
  GtkWidget      parent_instance;

  PltTrendSample samples[N_SLOTS];
  guint          n_samples;
  gint64         now_minute;
  double         target;
};

G_DEFINE_FINAL_TYPE (PltSparkline, plt_sparkline, GTK_TYPE_WIDGET)

static void
lookup_color (GtkWidget  *widget,
              const char *name,
              GdkRGBA    *color,
              const char *fallback)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);

  if (!gtk_style_context_lookup_color (context, name, color))
    gdk_rgba_parse (color, fallback);
}

static void
update_accessible (PltSparkline *self)
{
  g_autofree char *label = NULL;
  guint most = 0;
  double low = INFINITY, high = -INFINITY;

  for (guint i = 0; i < self->n_samples; i++)
    {
      most = MAX (most, self->samples[i].waiting);
      if (!isnan (self->samples[i].service_level))
        {
          low = MIN (low, self->samples[i].service_level);
          high = MAX (high, self->samples[i].service_level);
        }
    }

  if (self->n_samples == 0)
    label = g_strdup (_("Last hour: no data yet"));
  else if (isinf (low))
    /* Translators: a chart's summary for screen readers */
    label = g_strdup_printf (ngettext ("Last hour: at most %u contact waiting",
                                       "Last hour: at most %u contacts waiting", most),
                             most);
  else
    {
      g_autofree char *low_text = plt_format_percent (low);
      g_autofree char *high_text = plt_format_percent (high);
      g_autofree char *waiting = g_strdup_printf (ngettext ("at most %u contact waiting",
                                                            "at most %u contacts waiting", most),
                                                  most);

      /* Translators: a chart's summary for screen readers: "Last hour: at
       * most 7 contacts waiting, service level between 76 % and 91 %" */
      label = g_strdup_printf (_("Last hour: %s, service level between %s and %s"),
                               waiting, low_text, high_text);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static void
plt_sparkline_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = N_SLOTS;        /* a pixel a minute, at least */
      *natural = N_SLOTS * 4;
    }
  else
    {
      *minimum = 24;
      *natural = 36;
    }
}

static void
plt_sparkline_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  PltSparkline *self = PLT_SPARKLINE (widget);
  float width = gtk_widget_get_width (widget);
  float height = gtk_widget_get_height (widget);
  float slot, bar;
  GdkRGBA waiting_color, ok_color, low_color, target_color;
  guint scale = MIN_SCALE;
  gint64 first_minute = self->now_minute - (gint64) (N_SLOTS - 1) * MS_PER_MIN;
  float previous_y = NAN;
  int previous_slot = -2;

  if (width <= 0 || height <= 0)
    return;

  lookup_color (widget, "accent_bg_color", &waiting_color, "#3584e4");
  waiting_color.alpha = 0.35f;
  lookup_color (widget, "success_color", &ok_color, "#1b8553");
  lookup_color (widget, "warning_color", &low_color, "#9c6e03");
  lookup_color (widget, "window_fg_color", &target_color, "#000000");
  target_color.alpha = 0.45f;

  slot = width / N_SLOTS;
  bar = MAX (1.0f, slot - 1.0f);

  for (guint i = 0; i < self->n_samples; i++)
    scale = MAX (scale, self->samples[i].waiting);

  /* Contacts waiting: a bar a minute, from the bottom. */
  for (guint i = 0; i < self->n_samples; i++)
    {
      const PltTrendSample *sample = &self->samples[i];
      int index = (int) ((sample->minute - first_minute) / MS_PER_MIN);
      float bar_height;

      if (index < 0 || index >= N_SLOTS || sample->waiting == 0)
        continue;

      bar_height = MAX (1.0f, height * sample->waiting / scale);
      gtk_snapshot_append_color (snapshot, &waiting_color,
                                 &GRAPHENE_RECT_INIT (index * slot, height - bar_height, bar, bar_height));
    }

  /* The target, dotted across. */
  if (self->target > 0 && self->target <= 1)
    {
      float y = roundf ((1.0f - (float) self->target) * (height - LINE_WIDTH));

      for (float x = 0; x < width; x += DOT_LENGTH + DOT_GAP)
        gtk_snapshot_append_color (snapshot, &target_color,
                                   &GRAPHENE_RECT_INIT (x, y, MIN (DOT_LENGTH, width - x), 1.0f));
    }

  /* The service level: a step a minute, joined to the previous minute's. */
  for (guint i = 0; i < self->n_samples; i++)
    {
      const PltTrendSample *sample = &self->samples[i];
      int index = (int) ((sample->minute - first_minute) / MS_PER_MIN);
      const GdkRGBA *color;
      float y;

      if (index < 0 || index >= N_SLOTS || isnan (sample->service_level))
        {
          previous_slot = -2;
          continue;
        }

      y = roundf ((1.0f - sample->service_level) * (height - LINE_WIDTH));
      color = round (sample->service_level * 1000) >= round (self->target * 1000) ? &ok_color : &low_color;

      gtk_snapshot_append_color (snapshot, color,
                                 &GRAPHENE_RECT_INIT (index * slot, y, slot, LINE_WIDTH));
      if (previous_slot == index - 1 && !isnan (previous_y) && previous_y != y)
        gtk_snapshot_append_color (snapshot, color,
                                   &GRAPHENE_RECT_INIT (index * slot, MIN (y, previous_y),
                                                        LINE_WIDTH, fabsf (y - previous_y) + LINE_WIDTH));
      previous_y = y;
      previous_slot = index;
    }
}

static void
plt_sparkline_class_init (PltSparklineClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->measure = plt_sparkline_measure;
  widget_class->snapshot = plt_sparkline_snapshot;

  gtk_widget_class_set_css_name (widget_class, "sparkline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
plt_sparkline_init (PltSparkline *self)
{
  update_accessible (self);
}

GtkWidget *
plt_sparkline_new (void)
{
  return g_object_new (PLT_TYPE_SPARKLINE, NULL);
}

void
plt_sparkline_set_samples (PltSparkline         *self,
                           const PltTrendSample *samples,
                           guint                 n_samples,
                           gint64                now_ms,
                           double                target)
{
  gint64 now_minute;

  g_return_if_fail (PLT_IS_SPARKLINE (self));
  g_return_if_fail (samples != NULL || n_samples == 0);

  n_samples = MIN (n_samples, N_SLOTS);
  now_minute = now_ms - (((now_ms % MS_PER_MIN) + MS_PER_MIN) % MS_PER_MIN);

  if (n_samples == self->n_samples && now_minute == self->now_minute && target == self->target &&
      (n_samples == 0 || memcmp (samples, self->samples, n_samples * sizeof *samples) == 0))
    return;

  if (n_samples > 0)
    memcpy (self->samples, samples, n_samples * sizeof *samples);
  self->n_samples = n_samples;
  self->now_minute = now_minute;
  self->target = target;

  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
plt_sparkline_get_n_samples (PltSparkline *self)
{
  g_return_val_if_fail (PLT_IS_SPARKLINE (self), 0);

  return self->n_samples;
}
