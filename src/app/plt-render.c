/* plt-render.c — a widget as an image (screenshots and tests)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "plt-render.h"

GdkTexture *
plt_render_widget (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  GtkSnapshot *snapshot;
  GtkNative *native;
  GdkRGBA background;
  int width, height;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  native = gtk_widget_get_native (widget);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  if (native == NULL || gtk_native_get_renderer (native) == NULL || width <= 0 || height <= 0)
    return NULL;

  snapshot = gtk_snapshot_new ();

  /* The window, not its content, paints the background: paint it here so
   * that the image is what a person sees. */
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget),
                                       "window_bg_color", &background))
    background = (GdkRGBA) { 1.0f, 1.0f, 1.0f, 1.0f };
  gtk_snapshot_append_color (snapshot, &background, &GRAPHENE_RECT_INIT (0, 0, width, height));

  paintable = gtk_widget_paintable_new (widget);
  gdk_paintable_snapshot (paintable, snapshot, width, height);

  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    return NULL;

  return gsk_renderer_render_texture (gtk_native_get_renderer (native), node,
                                      &GRAPHENE_RECT_INIT (0, 0, width, height));
}

gboolean
plt_render_widget_to_png (GtkWidget   *widget,
                          const char  *path,
                          GError     **error)
{
  g_autoptr(GdkTexture) texture = NULL;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  texture = plt_render_widget (widget);
  if (texture == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("The window has not been drawn yet"));
      return FALSE;
    }

  if (!gdk_texture_save_to_png (texture, path))
    {
      g_autofree char *display_name = g_filename_display_name (path);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not write the image “%s”"), display_name);
      return FALSE;
    }

  return TRUE;
}
