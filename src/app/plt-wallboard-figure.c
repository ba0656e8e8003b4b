/* plt-wallboard-figure.c — one figure on the wallboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "plt-wallboard-figure.h"

struct _PltWallboardFigure
{
  GtkWidget      parent_instance;

  GtkWidget     *caption;
  GtkWidget     *row;
  GtkWidget     *value;
  GtkWidget     *icon;
  GtkWidget     *detail;

  PltAlertLevel  level;
  guint          fixed_icon : 1;
};

G_DEFINE_FINAL_TYPE (PltWallboardFigure, plt_wallboard_figure, GTK_TYPE_WIDGET)

static void
update_accessible (PltWallboardFigure *self)
{
  g_autofree char *label = NULL;

  /* A screen reader hears the caption, the value and the level together. */
  if (self->level != PLT_ALERT_LEVEL_NONE && !self->fixed_icon)
    label = g_strjoin (", ", gtk_label_get_label (GTK_LABEL (self->caption)),
                       gtk_label_get_label (GTK_LABEL (self->value)),
                       plt_alert_level_get_label (self->level), NULL);
  else
    label = g_strjoin (", ", gtk_label_get_label (GTK_LABEL (self->caption)),
                       gtk_label_get_label (GTK_LABEL (self->value)), NULL);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static void
plt_wallboard_figure_dispose (GObject *object)
{
  PltWallboardFigure *self = (PltWallboardFigure *)object;

  g_clear_pointer (&self->caption, gtk_widget_unparent);
  g_clear_pointer (&self->row, gtk_widget_unparent);
  g_clear_pointer (&self->detail, gtk_widget_unparent);

  G_OBJECT_CLASS (plt_wallboard_figure_parent_class)->dispose (object);
}

static void
plt_wallboard_figure_class_init (PltWallboardFigureClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = plt_wallboard_figure_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "wallboardfigure");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static GtkWidget *
make_label (const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, css_class);

  return label;
}

static void
plt_wallboard_figure_init (PltWallboardFigure *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  self->level = PLT_ALERT_LEVEL_NONE;
  gtk_widget_add_css_class (GTK_WIDGET (self), plt_alert_level_get_css_class (self->level));

  self->caption = make_label ("wb-caption");
  gtk_widget_set_parent (self->caption, GTK_WIDGET (self));

  self->row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (self->row, "wb-value-row");
  gtk_widget_set_parent (self->row, GTK_WIDGET (self));

  self->value = gtk_label_new ("—");
  gtk_label_set_xalign (GTK_LABEL (self->value), 0);
  gtk_label_set_single_line_mode (GTK_LABEL (self->value), TRUE);
  gtk_widget_add_css_class (self->value, "wb-value");
  gtk_widget_add_css_class (self->value, "numeric");
  gtk_box_append (GTK_BOX (self->row), self->value);

  self->icon = g_object_new (GTK_TYPE_IMAGE,
                             "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                             NULL);
  gtk_widget_set_valign (self->icon, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (self->icon, FALSE);
  gtk_widget_add_css_class (self->icon, "wb-level-icon");
  gtk_box_append (GTK_BOX (self->row), self->icon);

  self->detail = make_label ("wb-detail");
  gtk_widget_set_visible (self->detail, FALSE);
  gtk_widget_set_parent (self->detail, GTK_WIDGET (self));
}

/**
 * plt_wallboard_figure_new:
 * @caption: what the figure counts, translated
 *
 * Returns: (transfer floating): a new #PltWallboardFigure
 */
GtkWidget *
plt_wallboard_figure_new (const char *caption)
{
  PltWallboardFigure *self = g_object_new (PLT_TYPE_WALLBOARD_FIGURE, NULL);

  gtk_label_set_label (GTK_LABEL (self->caption), caption);
  update_accessible (self);

  return GTK_WIDGET (self);
}

void
plt_wallboard_figure_set_value (PltWallboardFigure *self,
                                const char         *value,
                                PltAlertLevel       level)
{
  g_return_if_fail (PLT_IS_WALLBOARD_FIGURE (self));

  gtk_label_set_label (GTK_LABEL (self->value), value);

  if (level != self->level)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), plt_alert_level_get_css_class (self->level));
      gtk_widget_add_css_class (GTK_WIDGET (self), plt_alert_level_get_css_class (level));
      self->level = level;
    }

  if (!self->fixed_icon)
    {
      gtk_image_set_from_icon_name (GTK_IMAGE (self->icon), plt_alert_level_get_icon_name (level));
      gtk_widget_set_visible (self->icon, level != PLT_ALERT_LEVEL_NONE);
    }

  update_accessible (self);
}

void
plt_wallboard_figure_set_detail (PltWallboardFigure *self,
                                 const char         *detail)
{
  g_return_if_fail (PLT_IS_WALLBOARD_FIGURE (self));

  gtk_label_set_label (GTK_LABEL (self->detail), detail != NULL ? detail : "");
  gtk_widget_set_visible (self->detail, detail != NULL && detail[0] != '\0');
}

void
plt_wallboard_figure_set_icon (PltWallboardFigure *self,
                               const char         *icon_name)
{
  g_return_if_fail (PLT_IS_WALLBOARD_FIGURE (self));

  self->fixed_icon = icon_name != NULL;
  gtk_image_set_from_icon_name (GTK_IMAGE (self->icon), icon_name);
  gtk_widget_set_visible (self->icon, icon_name != NULL);

  /* A fixed icon goes before the value, as a legend. */
  if (icon_name != NULL)
    gtk_box_reorder_child_after (GTK_BOX (self->row), self->icon, NULL);
  else
    gtk_box_reorder_child_after (GTK_BOX (self->row), self->icon, self->value);
}

const char *
plt_wallboard_figure_get_value (PltWallboardFigure *self)
{
  g_return_val_if_fail (PLT_IS_WALLBOARD_FIGURE (self), NULL);

  return gtk_label_get_label (GTK_LABEL (self->value));
}

PltAlertLevel
plt_wallboard_figure_get_level (PltWallboardFigure *self)
{
  g_return_val_if_fail (PLT_IS_WALLBOARD_FIGURE (self), PLT_ALERT_LEVEL_NONE);

  return self->level;
}
