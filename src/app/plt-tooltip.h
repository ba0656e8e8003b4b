/* plt-tooltip.h — tooltips made when they are asked for
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/*
 * gtk_widget_set_tooltip_text() on a visible widget asks the display where
 * the pointer is, to show or hide a tooltip at once: on X11, a round trip
 * to the server each time. Cards and rows made by the hundred as a board
 * fills or scrolls would wait for as many round trips.
 *
 * plt_tooltip_set_text() keeps @text (nullable: none) on @widget and gives
 * it to GTK only when GTK asks for the widget's tooltip ("query-tooltip").
 * Like gtk_widget_set_tooltip_text(), it also makes @text the widget's
 * accessible description. Nothing is done when @text is the one already
 * set.
 */
void        plt_tooltip_set_text (GtkWidget  *widget,
                                  const char *text);
/* Returns: (transfer none) (nullable): the text set with plt_tooltip_set_text() */
const char *plt_tooltip_get_text (GtkWidget  *widget);

G_END_DECLS
