/* plt-render.h — a widget as an image (screenshots and tests)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Renders @widget as it is drawn now, with the window background behind it,
 * through the renderer of its window. Call it after the widget has been
 * drawn at least once. Returns: (transfer full) (nullable): the image, or
 * NULL when the widget has no size or nothing to draw. */
GdkTexture *plt_render_widget         (GtkWidget   *widget);
/* Renders @widget and saves it as PNG in @path. */
gboolean    plt_render_widget_to_png  (GtkWidget   *widget,
                                       const char  *path,
                                       GError     **error);

G_END_DECLS
