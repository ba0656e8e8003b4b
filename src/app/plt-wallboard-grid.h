/* plt-wallboard-grid.h — tiles in as many rows and columns as suit the room
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PLT_TYPE_WALLBOARD_GRID (plt_wallboard_grid_get_type ())
G_DECLARE_FINAL_TYPE (PltWallboardGrid, plt_wallboard_grid, PLT, WALLBOARD_GRID, GtkWidget)

/*
 * Lays its children out in equal cells, choosing the number of columns that
 * gives the biggest tiles of the shape "aspect" (width / height) in the space
 * it gets: five queues make three columns on a wide page and two on a
 * square one. The
 * spacing between cells is half the font size of the node "wallboardgrid",
 * so that it follows the wallboard's scale.
 */

GtkWidget *plt_wallboard_grid_new          (double            aspect);
void       plt_wallboard_grid_append       (PltWallboardGrid *self,
                                            GtkWidget        *child);
void       plt_wallboard_grid_remove_all   (PltWallboardGrid *self);
guint      plt_wallboard_grid_get_n_children (PltWallboardGrid *self);
/* The columns chosen for @n cells in @width × @height with @spacing: the
 * biggest boxes of shape @aspect, among cells of at least @min_width ×
 * @min_height if any can be (pure, for the tests). */
guint      plt_wallboard_grid_choose_columns (guint  n,
                                              int    width,
                                              int    height,
                                              int    spacing,
                                              double aspect,
                                              int    min_width,
                                              int    min_height);

/* The font size of @widget in pixels, as its CSS sets it. */
double     plt_widget_get_font_px          (GtkWidget        *widget);

G_END_DECLS
