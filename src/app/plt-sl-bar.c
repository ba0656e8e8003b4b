/* plt-sl-bar.c — a service level against its target, as a bar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "plt-sl-bar.h"

struct _PltSlBar
{
  GtkWidget  parent_instance;

  GtkWidget *fill;
  GtkWidget *target_mark;

  double     value;
  double     target;
};

G_DEFINE_FINAL_TYPE (PltSlBar, plt_sl_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_VALUE,
  PROP_TARGET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_accessible (PltSlBar *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, 0.0,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, 100.0,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_NOW,
                                  self->value < 0 ? 0.0 : round (self->value * 100.0),
                                  -1);
}

static void
plt_sl_bar_measure (GtkWidget      *widget,
                    GtkOrientation  orientation,
                    int             for_size,
                    int            *minimum,
                    int            *natural,
                    int            *minimum_baseline,
                    int            *natural_baseline)
{
  PltSlBar *self = PLT_SL_BAR (widget);
  int fill_min, fill_nat, mark_min, mark_nat;

  gtk_widget_measure (self->fill, orientation, -1, &fill_min, &fill_nat, NULL, NULL);
  gtk_widget_measure (self->target_mark, orientation, -1, &mark_min, &mark_nat, NULL, NULL);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MAX (MAX (fill_min, mark_min), 24);
      *natural = MAX (*minimum, 120);
    }
  else
    {
      *minimum = MAX (fill_min, mark_min);
      *natural = MAX (fill_nat, mark_nat);
    }
}

static void
plt_sl_bar_size_allocate (GtkWidget *widget,
                          int        width,
                          int        height,
                          int        baseline)
{
  PltSlBar *self = PLT_SL_BAR (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int fill_width = 0;
  int mark_min;
  int mark_x;

  if (self->value > 0)
    fill_width = (int) round (CLAMP (self->value, 0.0, 1.0) * width);

  gtk_widget_set_child_visible (self->fill, fill_width > 0);
  gtk_widget_size_allocate (self->fill,
                            &(GtkAllocation) { rtl ? width - fill_width : 0, 0, fill_width, height },
                            -1);

  gtk_widget_measure (self->target_mark, GTK_ORIENTATION_HORIZONTAL, -1,
                      &mark_min, NULL, NULL, NULL);
  mark_min = MAX (mark_min, 1);
  mark_x = (int) round (CLAMP (self->target, 0.0, 1.0) * width) - mark_min / 2;
  mark_x = CLAMP (mark_x, 0, MAX (0, width - mark_min));
  if (rtl)
    mark_x = width - mark_x - mark_min;

  gtk_widget_set_child_visible (self->target_mark, self->target > 0 && self->target < 1);
  gtk_widget_size_allocate (self->target_mark,
                            &(GtkAllocation) { mark_x, 0, mark_min, height },
                            -1);
}

static void
plt_sl_bar_dispose (GObject *object)
{
  PltSlBar *self = (PltSlBar *)object;

  g_clear_pointer (&self->fill, gtk_widget_unparent);
  g_clear_pointer (&self->target_mark, gtk_widget_unparent);

  G_OBJECT_CLASS (plt_sl_bar_parent_class)->dispose (object);
}

static void
plt_sl_bar_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  PltSlBar *self = PLT_SL_BAR (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      g_value_set_double (value, self->value);
      break;

    case PROP_TARGET:
      g_value_set_double (value, self->target);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
plt_sl_bar_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  PltSlBar *self = PLT_SL_BAR (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      plt_sl_bar_set_value (self, g_value_get_double (value));
      break;

    case PROP_TARGET:
      plt_sl_bar_set_target (self, g_value_get_double (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
plt_sl_bar_class_init (PltSlBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = plt_sl_bar_dispose;
  object_class->get_property = plt_sl_bar_get_property;
  object_class->set_property = plt_sl_bar_set_property;

  widget_class->measure = plt_sl_bar_measure;
  widget_class->size_allocate = plt_sl_bar_size_allocate;

  properties[PROP_VALUE] =
    g_param_spec_double ("value", NULL, NULL,
                         -1.0, 1.0, -1.0,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TARGET] =
    g_param_spec_double ("target", NULL, NULL,
                         0.0, 1.0, 0.8,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "slbar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_METER);
}

static void
plt_sl_bar_init (PltSlBar *self)
{
  self->value = -1.0;
  self->target = 0.8;

  self->fill = g_object_new (GTK_TYPE_BOX, "css-name", "fill", NULL);
  gtk_widget_set_parent (self->fill, GTK_WIDGET (self));

  self->target_mark = g_object_new (GTK_TYPE_BOX, "css-name", "target", NULL);
  gtk_widget_set_parent (self->target_mark, GTK_WIDGET (self));

  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  update_accessible (self);
}

GtkWidget *
plt_sl_bar_new (void)
{
  return g_object_new (PLT_TYPE_SL_BAR, NULL);
}

double
plt_sl_bar_get_value (PltSlBar *self)
{
  g_return_val_if_fail (PLT_IS_SL_BAR (self), -1.0);

  return self->value;
}

void
plt_sl_bar_set_value (PltSlBar *self,
                      double    value)
{
  g_return_if_fail (PLT_IS_SL_BAR (self));

  value = value < 0 ? -1.0 : MIN (value, 1.0);
  if (self->value == value)
    return;

  self->value = value;
  update_accessible (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
}

double
plt_sl_bar_get_target (PltSlBar *self)
{
  g_return_val_if_fail (PLT_IS_SL_BAR (self), 0.0);

  return self->target;
}

void
plt_sl_bar_set_target (PltSlBar *self,
                       double    target)
{
  g_return_if_fail (PLT_IS_SL_BAR (self));

  target = CLAMP (target, 0.0, 1.0);
  if (self->target == target)
    return;

  self->target = target;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TARGET]);
}
