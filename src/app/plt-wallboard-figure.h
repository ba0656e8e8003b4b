/* plt-wallboard-figure.h — one figure on the wallboard: a caption, a big
 * value with its alert icon, and a line of detail
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "plt-alerts.h"

G_BEGIN_DECLS

#define PLT_TYPE_WALLBOARD_FIGURE (plt_wallboard_figure_get_type ())
G_DECLARE_FINAL_TYPE (PltWallboardFigure, plt_wallboard_figure, PLT, WALLBOARD_FIGURE, GtkWidget)

/*
 * CSS node "wallboardfigure" with the class of its alert level (alert-none,
 * alert-warning, alert-alarm), and the children: label.wb-caption, a row with
 * label.wb-value and image.wb-level-icon, and label.wb-detail (hidden when
 * empty). The icon shows the level's own shape for a warning or an alarm;
 * plt_wallboard_figure_set_icon() puts a fixed icon there instead (an agent
 * state's).
 */

GtkWidget    *plt_wallboard_figure_new        (const char         *caption);
void          plt_wallboard_figure_set_value  (PltWallboardFigure *self,
                                               const char         *value,
                                               PltAlertLevel       level);
void          plt_wallboard_figure_set_detail (PltWallboardFigure *self,
                                               const char         *detail);
void          plt_wallboard_figure_set_icon   (PltWallboardFigure *self,
                                               const char         *icon_name);
const char   *plt_wallboard_figure_get_value  (PltWallboardFigure *self);
PltAlertLevel plt_wallboard_figure_get_level  (PltWallboardFigure *self);

G_END_DECLS
