/* plt-timeline-draw.c — how planned activities look: colour, pattern, icon
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "plt-timeline-draw.h"
#include "plt-timeline-state.h"

/* One repeat of a striped pattern, px. */
#define STRIPE_PERIOD  7.0
/* The share of a period the stripe covers. */
#define STRIPE_SHARE   0.34
/* The patterns' ink, over the kind's colour. */
#define PATTERN_ALPHA  0.30
/* The smallest block that shows its icon: the icon plus a margin. */
#define ICON_SIZE      14.0
/* The violation marks' size. */
#define MARK_SIZE      12

/* style.css names each kind's colour plt_<kind>_color. */
static const struct
{
  const char *name;
  const char *fallback;
} kind_colors[PLT_ACTIVITY_N_KINDS] = {
  [PLT_ACTIVITY_WORK] = { "plt_work_color", "#3584e4" },
  [PLT_ACTIVITY_BREAK] = { "plt_break_color", "#f5c211" },
  [PLT_ACTIVITY_LUNCH] = { "plt_lunch_color", "#ff7800" },
  [PLT_ACTIVITY_TRAINING] = { "plt_training_color", "#9141ac" },
  [PLT_ACTIVITY_MEETING] = { "plt_meeting_color", "#26a269" },
  [PLT_ACTIVITY_BACK_OFFICE] = { "plt_back_office_color", "#986a44" },
  [PLT_ACTIVITY_OFF] = { "plt_off_color", "#c0bfbc" },
  [PLT_ACTIVITY_TIME_OFF] = { "plt_time_off_color", "#77767b" },
};

PltPattern
plt_timeline_kind_pattern (PltActivityKind kind)
{
  switch (kind)
    {
    case PLT_ACTIVITY_BREAK:
      return PLT_PATTERN_DIAGONAL;
    case PLT_ACTIVITY_LUNCH:
      return PLT_PATTERN_DOTS;
    case PLT_ACTIVITY_TRAINING:
      return PLT_PATTERN_HORIZONTAL;
    case PLT_ACTIVITY_MEETING:
      return PLT_PATTERN_VERTICAL;
    case PLT_ACTIVITY_BACK_OFFICE:
      return PLT_PATTERN_BACK_DIAGONAL;
    case PLT_ACTIVITY_OFF:
      return PLT_PATTERN_BACK_DIAGONAL;
    case PLT_ACTIVITY_TIME_OFF:
      return PLT_PATTERN_CROSS;
    case PLT_ACTIVITY_WORK:
    case PLT_ACTIVITY_N_KINDS:
    default:
      return PLT_PATTERN_NONE;
    }
}

static double
luminance (const GdkRGBA *c)
{
  return 0.2126 * c->red + 0.7152 * c->green + 0.0722 * c->blue;
}

static void
lookup (GtkStyleContext *context,
        const char      *name,
        const char      *fallback,
        GdkRGBA         *color)
{
  if (!gtk_style_context_lookup_color (context, name, color))
    gdk_rgba_parse (color, fallback);
}

static GdkPaintable *
load_icon (GtkWidget  *widget,
           const char *name)
{
  GtkIconTheme *theme;

  if (name == NULL)
    return NULL;

  theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (widget));
  return GDK_PAINTABLE (gtk_icon_theme_lookup_icon (theme, name, NULL, (int) ICON_SIZE,
                                                    gtk_widget_get_scale_factor (widget),
                                                    GTK_TEXT_DIR_NONE, 0));
}

/* @icon in @color, @size px at @scale, as a texture. */
static GdkTexture *
render_icon (GdkPaintable  *icon,
             int            size,
             int            scale,
             const GdkRGBA *color)
{
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GBytes) bytes = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  GdkRGBA colors[4];
  int px = size * scale;
  int stride;

  if (icon == NULL)
    return NULL;

  colors[0] = *color;
  gdk_rgba_parse (&colors[1], "#c01c28");
  gdk_rgba_parse (&colors[2], "#e5a50a");
  gdk_rgba_parse (&colors[3], "#26a269");
  if (GTK_IS_SYMBOLIC_PAINTABLE (icon))
    gtk_symbolic_paintable_snapshot_symbolic (GTK_SYMBOLIC_PAINTABLE (icon), snapshot, size, size,
                                              colors, G_N_ELEMENTS (colors));
  else
    gdk_paintable_snapshot (icon, snapshot, size, size);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return NULL;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, px, px);
  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  stride = cairo_image_surface_get_stride (surface);
  bytes = g_bytes_new (cairo_image_surface_get_data (surface), (gsize) stride * px);
  cairo_surface_destroy (surface);

  return gdk_memory_texture_new (px, px, GDK_MEMORY_DEFAULT, bytes, stride);
}

static void
set_inks (PltTimelinePalette *palette)
{
  for (guint i = 0; i < PLT_ACTIVITY_N_KINDS; i++)
    {
      if (luminance (&palette->kind[i]) > 0.55)
        gdk_rgba_parse (&palette->kind_ink[i], "#241f31");
      else
        gdk_rgba_parse (&palette->kind_ink[i], "#ffffff");
    }
}

void
plt_timeline_palette_load (PltTimelinePalette *palette,
                           GtkWidget          *widget)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);

  plt_timeline_palette_clear (palette);

  for (guint i = 0; i < PLT_ACTIVITY_N_KINDS; i++)
    {
      lookup (context, kind_colors[i].name, kind_colors[i].fallback, &palette->kind[i]);
      palette->icon[i] = load_icon (widget, plt_timeline_kind_icon_name (i));
    }
  set_inks (palette);

  gtk_style_context_get_color (context, &palette->fg);
  lookup (context, "window_bg_color", "#fafafa", &palette->bg);
  lookup (context, "view_bg_color", "#ffffff", &palette->view_bg);
  lookup (context, "accent_color", "#1c71d8", &palette->accent);
  lookup (context, "error_color", "#c01c28", &palette->error);
  lookup (context, "warning_color", "#9c6e03", &palette->warning);
  lookup (context, "success_color", "#1b8553", &palette->success);
  lookup (context, "plt_now_color", "#e01b24", &palette->now);

  palette->error_icon = load_icon (widget, "dialog-error-symbolic");
  palette->warning_icon = load_icon (widget, "dialog-warning-symbolic");

  {
    int scale = gtk_widget_get_scale_factor (widget);

    for (guint i = 0; i < PLT_ACTIVITY_N_KINDS; i++)
      palette->icon_texture[i] = render_icon (palette->icon[i], (int) ICON_SIZE, scale, &palette->kind_ink[i]);
    palette->error_texture = render_icon (palette->error_icon, MARK_SIZE, scale, &palette->error);
    palette->warning_texture = render_icon (palette->warning_icon, MARK_SIZE, scale, &palette->warning);
  }
}

void
plt_timeline_palette_print (PltTimelinePalette *palette)
{
  plt_timeline_palette_clear (palette);

  for (guint i = 0; i < PLT_ACTIVITY_N_KINDS; i++)
    gdk_rgba_parse (&palette->kind[i], kind_colors[i].fallback);
  set_inks (palette);

  gdk_rgba_parse (&palette->fg, "#000000");
  gdk_rgba_parse (&palette->bg, "#ffffff");
  gdk_rgba_parse (&palette->view_bg, "#ffffff");
  gdk_rgba_parse (&palette->accent, "#1c71d8");
  gdk_rgba_parse (&palette->error, "#c01c28");
  gdk_rgba_parse (&palette->warning, "#9c6e03");
  gdk_rgba_parse (&palette->success, "#1b8553");
  gdk_rgba_parse (&palette->now, "#e01b24");
}

void
plt_timeline_palette_clear (PltTimelinePalette *palette)
{
  for (guint i = 0; i < PLT_ACTIVITY_N_KINDS; i++)
    {
      g_clear_object (&palette->icon[i]);
      g_clear_object (&palette->icon_texture[i]);
    }
  g_clear_object (&palette->error_icon);
  g_clear_object (&palette->warning_icon);
  g_clear_object (&palette->error_texture);
  g_clear_object (&palette->warning_texture);
}

static void
append_stripes (GtkSnapshot           *snapshot,
                const graphene_rect_t *rect,
                double                 dx,
                double                 dy,
                const GdkRGBA         *ink)
{
  GdkRGBA clear = *ink;
  GskColorStop stops[4];
  /* Anchored at the origin: a pattern runs on across neighbouring blocks */
  graphene_point_t start = GRAPHENE_POINT_INIT (0, 0);
  graphene_point_t end = GRAPHENE_POINT_INIT (dx, dy);

  clear.alpha = 0;
  stops[0] = (GskColorStop) { 0.0f, *ink };
  stops[1] = (GskColorStop) { STRIPE_SHARE, *ink };
  stops[2] = (GskColorStop) { STRIPE_SHARE, clear };
  stops[3] = (GskColorStop) { 1.0f, clear };

  gtk_snapshot_append_repeating_linear_gradient (snapshot, rect, &start, &end, stops, G_N_ELEMENTS (stops));
}

static void
append_pattern (GtkSnapshot           *snapshot,
                PltPattern             pattern,
                const graphene_rect_t *rect,
                const GdkRGBA         *ink)
{
  /* A diagonal period P along its direction: the gradient's vector. */
  double d = STRIPE_PERIOD / G_SQRT2;

  switch (pattern)
    {
    case PLT_PATTERN_DIAGONAL:
      append_stripes (snapshot, rect, d, -d, ink);
      break;
    case PLT_PATTERN_BACK_DIAGONAL:
      append_stripes (snapshot, rect, d, d, ink);
      break;
    case PLT_PATTERN_CROSS:
      append_stripes (snapshot, rect, d, -d, ink);
      append_stripes (snapshot, rect, d, d, ink);
      break;
    case PLT_PATTERN_HORIZONTAL:
      append_stripes (snapshot, rect, 0, STRIPE_PERIOD - 1, ink);
      break;
    case PLT_PATTERN_VERTICAL:
      append_stripes (snapshot, rect, STRIPE_PERIOD - 1, 0, ink);
      break;
    case PLT_PATTERN_DOTS:
      {
        float ox = floorf (rect->origin.x / 6) * 6;
        float oy = floorf (rect->origin.y / 6) * 6;
        graphene_rect_t tile = GRAPHENE_RECT_INIT (ox, oy, 6, 6);

        gtk_snapshot_push_repeat (snapshot, rect, &tile);
        gtk_snapshot_append_color (snapshot, ink, &GRAPHENE_RECT_INIT (ox + 2, oy + 2, 2.5f, 2.5f));
        gtk_snapshot_pop (snapshot);
      }
      break;
    case PLT_PATTERN_NONE:
    default:
      break;
    }
}

void
plt_timeline_draw_icon (GtkSnapshot   *snapshot,
                        GdkPaintable  *icon,
                        double         x,
                        double         y,
                        double         size,
                        const GdkRGBA *color)
{
  GdkRGBA colors[4];

  if (icon == NULL)
    return;

  colors[0] = *color;
  gdk_rgba_parse (&colors[1], "#c01c28");
  gdk_rgba_parse (&colors[2], "#e5a50a");
  gdk_rgba_parse (&colors[3], "#26a269");

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (round (x), round (y)));
  if (GTK_IS_SYMBOLIC_PAINTABLE (icon))
    gtk_symbolic_paintable_snapshot_symbolic (GTK_SYMBOLIC_PAINTABLE (icon), snapshot,
                                              size, size, colors, G_N_ELEMENTS (colors));
  else
    gdk_paintable_snapshot (icon, snapshot, size, size);
  gtk_snapshot_restore (snapshot);
}

void
plt_timeline_draw_activity (GtkSnapshot              *snapshot,
                            const PltTimelinePalette *palette,
                            PltActivityKind           kind,
                            const graphene_rect_t    *rect,
                            gboolean                  with_icon)
{
  PltPattern pattern = plt_timeline_kind_pattern (kind);

  if (rect->size.width <= 0 || rect->size.height <= 0)
    return;

  gtk_snapshot_append_color (snapshot, &palette->kind[kind], rect);

  /* Under a few pixels a pattern is not seen: the colour says it there */
  if (pattern != PLT_PATTERN_NONE && rect->size.width >= 5)
    {
      GdkRGBA ink = palette->kind_ink[kind];

      ink.alpha = PATTERN_ALPHA;
      append_pattern (snapshot, pattern, rect, &ink);
    }

  if (with_icon && palette->icon_texture[kind] != NULL &&
      rect->size.width >= ICON_SIZE + 4 && rect->size.height >= ICON_SIZE + 2)
    {
      double x = round (rect->origin.x + (rect->size.width - ICON_SIZE) / 2.0);
      double y = round (rect->origin.y + (rect->size.height - ICON_SIZE) / 2.0);

      /* A plate under the icon keeps it legible over the pattern. */
      gtk_snapshot_append_color (snapshot, &palette->kind[kind],
                                 &GRAPHENE_RECT_INIT (x - 1, y - 1, ICON_SIZE + 2, ICON_SIZE + 2));
      gtk_snapshot_append_texture (snapshot, palette->icon_texture[kind],
                                   &GRAPHENE_RECT_INIT (x, y, ICON_SIZE, ICON_SIZE));
    }
}

void
plt_timeline_draw_mark (GtkSnapshot              *snapshot,
                        const PltTimelinePalette *palette,
                        gboolean                  error,
                        double                    x,
                        double                    y,
                        double                    size)
{
  GdkTexture *texture = error ? palette->error_texture : palette->warning_texture;

  if (texture != NULL)
    gtk_snapshot_append_texture (snapshot, texture, &GRAPHENE_RECT_INIT (round (x), round (y), size, size));
  else
    plt_timeline_draw_icon (snapshot, error ? palette->error_icon : palette->warning_icon, x, y, size,
                            error ? &palette->error : &palette->warning);
}

void
plt_timeline_draw_outline (GtkSnapshot           *snapshot,
                           const graphene_rect_t *rect,
                           double                 radius,
                           double                 width,
                           const GdkRGBA         *color)
{
  GskRoundedRect outline;
  float widths[4] = { width, width, width, width };
  GdkRGBA colors[4] = { *color, *color, *color, *color };

  gsk_rounded_rect_init_from_rect (&outline, rect, radius);
  gtk_snapshot_append_border (snapshot, &outline, widths, colors);
}

/* ---------------------------------------------------------------------------
 * Cairo, for print
 */

static void
cairo_stripes (cairo_t *cr,
               double   x,
               double   y,
               double   width,
               double   height,
               double   dx,
               double   dy)
{
  double period = STRIPE_PERIOD * 0.75;
  double span = width + height;

  cairo_set_line_width (cr, period * STRIPE_SHARE);
  if (dx != 0 && dy != 0)
    {
      for (double t = -span; t < span; t += period)
        {
          if (dy < 0)
            {
              cairo_move_to (cr, x + t, y + height);
              cairo_line_to (cr, x + t + height, y);
            }
          else
            {
              cairo_move_to (cr, x + t, y);
              cairo_line_to (cr, x + t + height, y + height);
            }
        }
    }
  else if (dx != 0)
    {
      for (double t = period / 2; t < width; t += period)
        {
          cairo_move_to (cr, x + t, y);
          cairo_line_to (cr, x + t, y + height);
        }
    }
  else
    {
      for (double t = period / 2; t < height; t += period)
        {
          cairo_move_to (cr, x, y + t);
          cairo_line_to (cr, x + width, y + t);
        }
    }
  cairo_stroke (cr);
}

void
plt_timeline_cairo_activity (cairo_t                  *cr,
                             const PltTimelinePalette *palette,
                             PltActivityKind           kind,
                             double                    x,
                             double                    y,
                             double                    width,
                             double                    height)
{
  PltPattern pattern = plt_timeline_kind_pattern (kind);
  const GdkRGBA *ink = &palette->kind_ink[kind];

  if (width <= 0 || height <= 0)
    return;

  cairo_save (cr);
  cairo_rectangle (cr, x, y, width, height);
  gdk_cairo_set_source_rgba (cr, &palette->kind[kind]);
  cairo_fill_preserve (cr);
  cairo_clip (cr);

  cairo_set_source_rgba (cr, ink->red, ink->green, ink->blue, PATTERN_ALPHA + 0.1);
  switch (pattern)
    {
    case PLT_PATTERN_DIAGONAL:
      cairo_stripes (cr, x, y, width, height, 1, -1);
      break;
    case PLT_PATTERN_BACK_DIAGONAL:
      cairo_stripes (cr, x, y, width, height, 1, 1);
      break;
    case PLT_PATTERN_CROSS:
      cairo_stripes (cr, x, y, width, height, 1, -1);
      cairo_stripes (cr, x, y, width, height, 1, 1);
      break;
    case PLT_PATTERN_HORIZONTAL:
      cairo_stripes (cr, x, y, width, height, 0, 1);
      break;
    case PLT_PATTERN_VERTICAL:
      cairo_stripes (cr, x, y, width, height, 1, 0);
      break;
    case PLT_PATTERN_DOTS:
      for (double dy = 2; dy < height; dy += 4.5)
        for (double dx = 2; dx < width; dx += 4.5)
          cairo_rectangle (cr, x + dx, y + dy, 1.6, 1.6);
      cairo_fill (cr);
      break;
    case PLT_PATTERN_NONE:
    default:
      break;
    }
  cairo_restore (cr);
}
