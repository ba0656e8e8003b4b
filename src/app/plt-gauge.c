/* plt-gauge.c — a service level against its target, as a dial
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>


#include "plt-gauge.h"
#include "plt-ui-format.h"

/* The ring opens at the bottom: it starts at 135° and sweeps 270°. */
#define START_ANGLE   (0.75 * G_PI)
#define SWEEP_ANGLE   (1.5 * G_PI)
/* The ring's thickness, as a share of its diameter. */
#define THICKNESS     0.11
/* The ring's height, round ends included, as a share of its diameter. */
#define RING_HEIGHT   0.93

struct _PltGauge
{
  GtkWidget  parent_instance;

  GtkWidget *value_label;
  GtkWidget *caption_label;

  double     value;
  double     target;
};

G_DEFINE_FINAL_TYPE (PltGauge, plt_gauge, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_VALUE,
  PROP_TARGET,
  PROP_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_value (PltGauge *self)
{
  g_autofree char *text = NULL;

  if (self->value < 0)
    text = g_strdup ("—");
  else
    text = plt_format_percent (self->value);

  gtk_label_set_label (GTK_LABEL (self->value_label), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, 0.0,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, 100.0,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_NOW,
                                  self->value < 0 ? 0.0 : round (self->value * 100.0),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text,
                                  -1);
}

/* The ring's square, centred in the widget. */
static void
get_ring (PltGauge *self,
          double   *cx,
          double   *cy,
          double   *radius,
          double   *line_width)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  /* The open bottom leaves room: a 270° ring, round ends included, is
   * shorter than it is wide. */
  double diameter = MIN (width, height / RING_HEIGHT);

  *line_width = diameter * THICKNESS;
  *radius = (diameter - *line_width) / 2.0;
  *cx = width / 2.0;
  *cy = (height - diameter * RING_HEIGHT) / 2.0 + diameter / 2.0;
}

static void
plt_gauge_measure (GtkWidget      *widget,
                   GtkOrientation  orientation,
                   int             for_size,
                   int            *minimum,
                   int            *natural,
                   int            *minimum_baseline,
                   int            *natural_baseline)
{
  PltGauge *self = PLT_GAUGE (widget);
  int value_min, value_nat, caption_min, caption_nat;

  gtk_widget_measure (self->value_label, orientation, -1, &value_min, &value_nat, NULL, NULL);
  gtk_widget_measure (self->caption_label, orientation, -1, &caption_min, &caption_nat, NULL, NULL);

  /* The labels fit inside the ring, with room for its thickness. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = (int) ceil (MAX (value_min, caption_min) * 1.25);
      *natural = (int) ceil (MAX (value_nat, caption_nat) * 1.6);
    }
  else
    {
      *minimum = (int) ceil ((value_min + caption_min) * 1.3);
      *natural = (int) ceil ((value_nat + caption_nat) * 1.8);
    }
}

static void
plt_gauge_size_allocate (GtkWidget *widget,
                         int        width,
                         int        height,
                         int        baseline)
{
  PltGauge *self = PLT_GAUGE (widget);
  double cx, cy, radius, line_width;
  int value_height, caption_height, value_width, caption_width;
  int top;

  get_ring (self, &cx, &cy, &radius, &line_width);

  gtk_widget_measure (self->value_label, GTK_ORIENTATION_VERTICAL, -1, NULL, &value_height, NULL, NULL);
  gtk_widget_measure (self->caption_label, GTK_ORIENTATION_VERTICAL, -1, NULL, &caption_height, NULL, NULL);
  value_width = MIN (width, (int) (2 * (radius - line_width)));
  caption_width = value_width;

  top = (int) round (cy - (value_height + caption_height) / 2.0);
  gtk_widget_size_allocate (self->value_label,
                            &(GtkAllocation) { (int) round (cx - value_width / 2.0), top,
                                               value_width, value_height },
                            -1);
  gtk_widget_size_allocate (self->caption_label,
                            &(GtkAllocation) { (int) round (cx - caption_width / 2.0), top + value_height,
                                               caption_width, caption_height },
                            -1);
}

static void
plt_gauge_snapshot (GtkWidget   *widget,
                    GtkSnapshot *snapshot)
{
  PltGauge *self = PLT_GAUGE (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double cx, cy, radius, line_width;
  GdkRGBA fill, mark;
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  get_ring (self, &cx, &cy, &radius, &line_width);
  if (radius <= 0)
    return;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fill);
  gtk_style_context_get_color (gtk_widget_get_style_context (self->value_label), &mark);
  G_GNUC_END_IGNORE_DEPRECATIONS

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_set_line_width (cr, line_width);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  /* The track */
  cairo_set_source_rgba (cr, mark.red, mark.green, mark.blue, mark.alpha * 0.14);
  cairo_arc (cr, cx, cy, radius, START_ANGLE, START_ANGLE + SWEEP_ANGLE);
  cairo_stroke (cr);

  /* The service level */
  if (self->value > 0)
    {
      gdk_cairo_set_source_rgba (cr, &fill);
      cairo_arc (cr, cx, cy, radius, START_ANGLE,
                 START_ANGLE + SWEEP_ANGLE * CLAMP (self->value, 0.0, 1.0));
      cairo_stroke (cr);
    }

  /* The target: a mark across the ring, a little longer than it is thick */
  if (self->target > 0 && self->target < 1)
    {
      double angle = START_ANGLE + SWEEP_ANGLE * self->target;
      double inner = radius - line_width * 0.85;
      double outer = radius + line_width * 0.85;

      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      cairo_set_line_width (cr, MAX (2.0, line_width * 0.22));
      gdk_cairo_set_source_rgba (cr, &mark);
      cairo_move_to (cr, cx + inner * cos (angle), cy + inner * sin (angle));
      cairo_line_to (cr, cx + outer * cos (angle), cy + outer * sin (angle));
      cairo_stroke (cr);
    }

  cairo_destroy (cr);

  gtk_widget_snapshot_child (widget, self->value_label, snapshot);
  gtk_widget_snapshot_child (widget, self->caption_label, snapshot);
}

static void
plt_gauge_css_changed (GtkWidget         *widget,
                       GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (plt_gauge_parent_class)->css_changed (widget, change);

  /* The colours are read in snapshot(). */
  gtk_widget_queue_draw (widget);
}

static void
plt_gauge_dispose (GObject *object)
{
  PltGauge *self = (PltGauge *)object;

  g_clear_pointer (&self->value_label, gtk_widget_unparent);
  g_clear_pointer (&self->caption_label, gtk_widget_unparent);

  G_OBJECT_CLASS (plt_gauge_parent_class)->dispose (object);
}

static void
plt_gauge_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  PltGauge *self = PLT_GAUGE (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      g_value_set_double (value, self->value);
      break;

    case PROP_TARGET:
      g_value_set_double (value, self->target);
      break;

    case PROP_TEXT:
      g_value_set_string (value, plt_gauge_get_text (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
plt_gauge_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  PltGauge *self = PLT_GAUGE (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      plt_gauge_set_value (self, g_value_get_double (value));
      break;

    case PROP_TARGET:
      plt_gauge_set_target (self, g_value_get_double (value));
      break;

    case PROP_TEXT:
      plt_gauge_set_text (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
plt_gauge_class_init (PltGaugeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = plt_gauge_dispose;
  object_class->get_property = plt_gauge_get_property;
  object_class->set_property = plt_gauge_set_property;

  widget_class->measure = plt_gauge_measure;
  widget_class->size_allocate = plt_gauge_size_allocate;
  widget_class->snapshot = plt_gauge_snapshot;
  widget_class->css_changed = plt_gauge_css_changed;

  properties[PROP_VALUE] =
    g_param_spec_double ("value", NULL, NULL,
                         -1.0, 1.0, -1.0,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TARGET] =
    g_param_spec_double ("target", NULL, NULL,
                         0.0, 1.0, 0.8,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "gauge");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_METER);
}

static void
plt_gauge_init (PltGauge *self)
{
  self->value = -1.0;
  self->target = 0.8;

  self->value_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->value_label, "value");
  gtk_widget_add_css_class (self->value_label, "numeric");
  gtk_widget_set_parent (self->value_label, GTK_WIDGET (self));

  self->caption_label = gtk_label_new (NULL);
  gtk_label_set_ellipsize (GTK_LABEL (self->caption_label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (self->caption_label, "caption");
  gtk_widget_set_parent (self->caption_label, GTK_WIDGET (self));

  update_value (self);
}

GtkWidget *
plt_gauge_new (void)
{
  return g_object_new (PLT_TYPE_GAUGE, NULL);
}

double
plt_gauge_get_value (PltGauge *self)
{
  g_return_val_if_fail (PLT_IS_GAUGE (self), -1.0);

  return self->value;
}

void
plt_gauge_set_value (PltGauge *self,
                     double    value)
{
  g_return_if_fail (PLT_IS_GAUGE (self));

  value = value < 0 || isnan (value) ? -1.0 : MIN (value, 1.0);
  if (self->value == value)
    return;

  self->value = value;
  update_value (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
}

double
plt_gauge_get_target (PltGauge *self)
{
  g_return_val_if_fail (PLT_IS_GAUGE (self), 0.0);

  return self->target;
}

void
plt_gauge_set_target (PltGauge *self,
                      double    target)
{
  g_return_if_fail (PLT_IS_GAUGE (self));

  target = CLAMP (target, 0.0, 1.0);
  if (self->target == target)
    return;

  self->target = target;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TARGET]);
}

const char *
plt_gauge_get_text (PltGauge *self)
{
  g_return_val_if_fail (PLT_IS_GAUGE (self), NULL);

  return gtk_label_get_label (GTK_LABEL (self->caption_label));
}

void
plt_gauge_set_text (PltGauge   *self,
                    const char *text)
{
  g_return_if_fail (PLT_IS_GAUGE (self));

  if (g_strcmp0 (text, plt_gauge_get_text (self)) == 0)
    return;

  gtk_label_set_label (GTK_LABEL (self->caption_label), text != NULL ? text : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}
