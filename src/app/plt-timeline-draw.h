/* plt-timeline-draw.h — how planned activities look, wherever they are
 * drawn: the timeline, the merge and review views, the plan-versus-actual
 * strip (GtkSnapshot) and the printed week (cairo). Each kind has a colour
 * AND a pattern AND an icon, so that colour is never the only sign.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "plt-planning.h"

G_BEGIN_DECLS

typedef enum
{
  PLT_PATTERN_NONE,
  PLT_PATTERN_DIAGONAL,       /* ╱ stripes */
  PLT_PATTERN_DOTS,
  PLT_PATTERN_HORIZONTAL,
  PLT_PATTERN_VERTICAL,
  PLT_PATTERN_BACK_DIAGONAL,  /* ╲ stripes */
  PLT_PATTERN_CROSS,          /* both diagonals */
} PltPattern;

/* The pattern of @kind (NONE for work). */
PltPattern plt_timeline_kind_pattern (PltActivityKind kind);

/**
 * PltTimelinePalette:
 *
 * The colours of the current style (light, dark, high contrast), read from
 * style.css's named colours, and the kinds' icons at the widget's scale.
 * Load it in css_changed, not per frame.
 */
typedef struct
{
  GdkRGBA       kind[PLT_ACTIVITY_N_KINDS];
  GdkRGBA       kind_ink[PLT_ACTIVITY_N_KINDS];   /* text, icons, patterns on it */
  GdkRGBA       fg;
  GdkRGBA       bg;
  GdkRGBA       view_bg;
  GdkRGBA       accent;
  GdkRGBA       error;
  GdkRGBA       warning;
  GdkRGBA       success;
  GdkRGBA       now;
  GdkPaintable *icon[PLT_ACTIVITY_N_KINDS];
  GdkPaintable *error_icon;
  GdkPaintable *warning_icon;
  /* The icons drawn once in their colours: a texture is a cheap copy per
   * frame, a symbolic icon a recolouring */
  GdkTexture   *icon_texture[PLT_ACTIVITY_N_KINDS];
  GdkTexture   *error_texture;
  GdkTexture   *warning_texture;
} PltTimelinePalette;

void plt_timeline_palette_load  (PltTimelinePalette *palette,
                                 GtkWidget          *widget);
void plt_timeline_palette_clear (PltTimelinePalette *palette);

/* The fixed colours of the printed page (white paper). */
void plt_timeline_palette_print (PltTimelinePalette *palette);

/* An activity's rectangle: its colour, its pattern, and its icon when
 * there is room (and @with_icon). */
void plt_timeline_draw_activity (GtkSnapshot              *snapshot,
                                 const PltTimelinePalette *palette,
                                 PltActivityKind           kind,
                                 const graphene_rect_t    *rect,
                                 gboolean                  with_icon);
/* A symbolic @icon of @size px at @x, @y in @color. */
void plt_timeline_draw_icon     (GtkSnapshot              *snapshot,
                                 GdkPaintable             *icon,
                                 double                    x,
                                 double                    y,
                                 double                    size,
                                 const GdkRGBA            *color);
/* The violation mark (error or warning icon) at @x, @y, @size px. */
void plt_timeline_draw_mark     (GtkSnapshot              *snapshot,
                                 const PltTimelinePalette *palette,
                                 gboolean                  error,
                                 double                    x,
                                 double                    y,
                                 double                    size);
/* A rectangle's outline, @width px inside it. */
void plt_timeline_draw_outline  (GtkSnapshot              *snapshot,
                                 const graphene_rect_t    *rect,
                                 double                    radius,
                                 double                    width,
                                 const GdkRGBA            *color);

/* The same for cairo (print): colour and pattern, no icon. */
void plt_timeline_cairo_activity (cairo_t                  *cr,
                                  const PltTimelinePalette *palette,
                                  PltActivityKind           kind,
                                  double                    x,
                                  double                    y,
                                  double                    width,
                                  double                    height);

G_END_DECLS
