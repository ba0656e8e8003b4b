/* plt-wallboard-grid.c — tiles in as many rows and columns as suit the room
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "plt-wallboard-grid.h"

struct _PltWallboardGrid
{
  GtkWidget parent_instance;

  double    aspect;
  guint     n_children;
};

G_DEFINE_FINAL_TYPE (PltWallboardGrid, plt_wallboard_grid, GTK_TYPE_WIDGET)

double
plt_widget_get_font_px (GtkWidget *widget)
{
  const PangoFontDescription *font;
  double size;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), 0.0);

  font = pango_context_get_font_description (gtk_widget_get_pango_context (widget));
  if (font == NULL)
    return 16.0;

  size = (double) pango_font_description_get_size (font) / PANGO_SCALE;
  if (!pango_font_description_get_size_is_absolute (font))
    size = size * 96.0 / 72.0;

  return size > 0 ? size : 16.0;
}

guint
plt_wallboard_grid_choose_columns (guint  n,
                                   int    width,
                                   int    height,
                                   int    spacing,
                                   double aspect,
                                   int    min_width,
                                   int    min_height)
{
  guint best = 1;
  double best_size = -1;
  guint best_empty = G_MAXUINT;
  gboolean best_fits = FALSE;

  if (n <= 1 || width <= 0 || height <= 0)
    return 1;

  /* The biggest tiles: the width of the largest box of the wanted shape
   * that fits in a cell. Cells big enough for their tiles come first (the
   * others would clip them); on a near tie, fewer empty cells. */
  for (guint columns = 1; columns <= n; columns++)
    {
      guint rows = (n + columns - 1) / columns;
      guint empty = rows * columns - n;
      double cell_width = (width - (double) spacing * (columns - 1)) / columns;
      double cell_height = (height - (double) spacing * (rows - 1)) / rows;
      gboolean fits;
      double size;

      if (cell_width <= 0 || cell_height <= 0)
        break;

      size = MIN (cell_width, cell_height * aspect);
      fits = cell_width >= min_width && cell_height >= min_height;

      if ((fits && !best_fits) ||
          (fits == best_fits &&
           (size > best_size * 1.02 || (size >= best_size * 0.98 && empty < best_empty))))
        {
          best_fits = fits;
          best_size = size;
          best_empty = empty;
          best = columns;
        }
    }

  return best;
}

static int
get_spacing (PltWallboardGrid *self)
{
  return (int) round (plt_widget_get_font_px (GTK_WIDGET (self)) * 0.5);
}

static void
plt_wallboard_grid_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  int child_min = 0, child_nat = 0;

  /* Any shape will do: the cells share what the grid gets. Ask for one
   * cell's worth, so that a page with a single tile still shows it whole. */
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int min, nat;

      if (!gtk_widget_should_layout (child))
        continue;

      gtk_widget_measure (child, orientation, -1, &min, &nat, NULL, NULL);
      child_min = MAX (child_min, min);
      child_nat = MAX (child_nat, nat);
    }

  *minimum = child_min;
  *natural = child_nat;
}

static void
plt_wallboard_grid_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  PltWallboardGrid *self = PLT_WALLBOARD_GRID (widget);
  int spacing = get_spacing (self);
  guint n = 0;
  guint columns, rows, i = 0;
  int min_width = 0, min_height = 0;
  double cell_width, cell_height;
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_should_layout (child))
      n++;

  if (n == 0)
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int min;

      if (!gtk_widget_should_layout (child))
        continue;

      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
      min_width = MAX (min_width, min);
      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, -1, &min, NULL, NULL, NULL);
      min_height = MAX (min_height, min);
    }

  columns = plt_wallboard_grid_choose_columns (n, width, height, spacing, self->aspect,
                                               min_width, min_height);
  rows = (n + columns - 1) / columns;
  cell_width = MAX (0.0, (width - (double) spacing * (columns - 1)) / columns);
  cell_height = MAX (0.0, (height - (double) spacing * (rows - 1)) / rows);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      guint row, column;
      int x, y;

      if (!gtk_widget_should_layout (child))
        continue;

      row = i / columns;
      column = i % columns;
      if (rtl)
        column = columns - 1 - column;
      i++;

      x = (int) round (column * (cell_width + spacing));
      y = (int) round (row * (cell_height + spacing));

      /* Its cell, even when smaller than the child would like: a tile
       * never spills over its neighbours; it clips itself, or takes a
       * more compact form (PltWallboardQueueTile). */
      gtk_widget_size_allocate (child,
                                &(GtkAllocation) { x, y, (int) floor (cell_width), (int) floor (cell_height) },
                                -1);
    }
}

static void
plt_wallboard_grid_dispose (GObject *object)
{
  plt_wallboard_grid_remove_all (PLT_WALLBOARD_GRID (object));

  G_OBJECT_CLASS (plt_wallboard_grid_parent_class)->dispose (object);
}

static void
plt_wallboard_grid_class_init (PltWallboardGridClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = plt_wallboard_grid_dispose;

  widget_class->measure = plt_wallboard_grid_measure;
  widget_class->size_allocate = plt_wallboard_grid_size_allocate;

  gtk_widget_class_set_css_name (widget_class, "wallboardgrid");
}

static void
plt_wallboard_grid_init (PltWallboardGrid *self)
{
  self->aspect = 1.5;
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
}

/**
 * plt_wallboard_grid_new:
 * @aspect: the cell shape wanted, width / height
 *
 * Returns: (transfer floating): a new #PltWallboardGrid
 */
GtkWidget *
plt_wallboard_grid_new (double aspect)
{
  PltWallboardGrid *self = g_object_new (PLT_TYPE_WALLBOARD_GRID, NULL);

  self->aspect = aspect > 0 ? aspect : 1.5;

  return GTK_WIDGET (self);
}

void
plt_wallboard_grid_append (PltWallboardGrid *self,
                           GtkWidget        *child)
{
  g_return_if_fail (PLT_IS_WALLBOARD_GRID (self));
  g_return_if_fail (GTK_IS_WIDGET (child));

  gtk_widget_set_parent (child, GTK_WIDGET (self));
  self->n_children++;
}

void
plt_wallboard_grid_remove_all (PltWallboardGrid *self)
{
  GtkWidget *child;

  g_return_if_fail (PLT_IS_WALLBOARD_GRID (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  self->n_children = 0;
}

guint
plt_wallboard_grid_get_n_children (PltWallboardGrid *self)
{
  g_return_val_if_fail (PLT_IS_WALLBOARD_GRID (self), 0);

  return self->n_children;
}
