/* plt-coverage-chart.c — required against scheduled agents, per quarter hour
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "plt-coverage-chart.h"
#include "plt-timeline-draw.h"

#define TOP_MARGIN     14.0
#define BOTTOM_MARGIN  22.0
#define LEGEND_X       12.0
#define AXIS_GAP       8.0

struct _PltCoverageChart
{
  GtkWidget            parent_instance;

  PltTimeline         *timeline;
  PltPlanningDocument *document;
  gulong               geometry_id;
  gulong               document_id;
  gulong               changed_id;

  PltForecast         *forecast;
  PltCoverage         *coverage;
  PltWhatIf            what_if;
  guint8              *fresh;          /* per interval: computed with what_if */
  int                  queue;

  PltTimelinePalette   palette;
  GHashTable          *layouts;
  char                *description;
  guint                tick_id;
};

G_DEFINE_FINAL_TYPE (PltCoverageChart, plt_coverage_chart, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_QUEUE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---------------------------------------------------------------------------
 * The data
 */

static void
cell_at (PltCoverageChart *self,
         guint             interval,
         PltCoverageCell  *cell)
{
  if (self->queue < 0 || self->queue >= (int) plt_forecast_get_n_queues (self->forecast))
    plt_coverage_get_total (self->coverage, interval, cell);
  else
    *cell = *plt_coverage_get (self->coverage, (guint) self->queue, interval);
}

/* The forecast's intervals on screen, [first, first + n). */
static gboolean
visible_intervals (PltCoverageChart *self,
                   guint            *first,
                   guint            *n)
{
  PltTimelineGeometry g;
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  guint total;
  gint64 start, from, to;
  int a, b;

  if (self->coverage == NULL || self->timeline == NULL)
    return FALSE;

  plt_timeline_get_geometry (self->timeline, &g);
  total = plt_forecast_get_n_intervals (self->forecast);
  start = plt_forecast_get_start (self->forecast);
  from = MAX (plt_timeline_time_for_x (&g, g.names_width), g.start);
  to = MIN (plt_timeline_time_for_x (&g, MAX (width, g.names_width + 1)), g.end);
  if (to <= from)
    return FALSE;

  a = (int) ((from - start) / PLT_FORECAST_INTERVAL_MS) - (from < start ? 1 : 0);
  b = (int) ((to - 1 - start) / PLT_FORECAST_INTERVAL_MS);
  a = MAX (a, 0);
  b = MIN (b, (int) total - 1);
  if (b < a)
    return FALSE;

  *first = (guint) a;
  *n = (guint) (b - a + 1);
  return TRUE;
}

/* Recomputes the stale intervals on screen with the current what-if. */
static void
refresh_visible (PltCoverageChart *self)
{
  guint first, n;
  guint i;

  if (!visible_intervals (self, &first, &n))
    return;

  for (i = first; i < first + n; )
    {
      guint run;

      if (self->fresh[i])
        {
          i++;
          continue;
        }
      for (run = i; run < first + n && !self->fresh[run]; run++)
        self->fresh[run] = TRUE;
      if (!plt_coverage_recompute (self->coverage, &self->what_if, i, run - i, NULL))
        g_warning ("The coverage could not be recomputed with the what-if values");
      i = run;
    }
}

static void
update_description (PltCoverageChart *self)
{
  g_autofree char *text = NULL;
  double largest = 0;
  guint gaps;

  if (self->coverage == NULL)
    text = g_strdup (_("No forecast for these days"));
  else
    {
      gaps = plt_coverage_chart_count_gaps (self, &largest);
      if (gaps == 0)
        text = g_strdup (_("Enough agents are scheduled in every quarter hour shown"));
      else
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Short of agents in %u quarter hour, by %.1f agents at most",
                                             "Short of agents in %u quarter hours, by %.1f agents at most",
                                             gaps),
                                gaps, largest);
    }

  if (g_strcmp0 (text, self->description) == 0)
    return;

  g_free (self->description);
  self->description = g_steal_pointer (&text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->description,
                                  -1);
}

static void
recount (PltCoverageChart *self)
{
  if (self->coverage != NULL && self->document != NULL)
    plt_coverage_set_schedule (self->coverage,
                               plt_planning_document_get_draft (self->document),
                               plt_planning_document_get_agents (self->document));
  refresh_visible (self);
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  PltCoverageChart *self = PLT_COVERAGE_CHART (widget);

  self->tick_id = 0;
  recount (self);
  return G_SOURCE_REMOVE;
}

static void
document_changed_cb (PltCoverageChart *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      recount (self);
      return;
    }

  if (self->tick_id == 0)
    self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), tick_cb, NULL, NULL);
}

static void
set_document (PltCoverageChart    *self,
              PltPlanningDocument *document)
{
  if (self->document == document)
    return;

  if (self->document != NULL)
    g_clear_signal_handler (&self->changed_id, self->document);
  g_set_object (&self->document, document);
  if (document != NULL)
    self->changed_id = g_signal_connect_swapped (document, "changed",
                                                 G_CALLBACK (document_changed_cb), self);
  recount (self);
}

static void
timeline_document_cb (PltCoverageChart *self)
{
  set_document (self, plt_timeline_get_document (self->timeline));
}

static void
geometry_changed_cb (PltCoverageChart *self)
{
  refresh_visible (self);
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---------------------------------------------------------------------------
 * Drawing
 */

static PangoLayout *
get_layout (PltCoverageChart *self,
            const char       *text,
            gboolean          small)
{
  g_autofree char *key = g_strdup_printf ("%d%s", small, text);
  PangoLayout *layout = g_hash_table_lookup (self->layouts, key);

  if (layout != NULL)
    return layout;

  if (g_hash_table_size (self->layouts) > 512)
    g_hash_table_remove_all (self->layouts);

  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  if (small)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_scale_new (0.82));
      pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
  g_hash_table_insert (self->layouts, g_steal_pointer (&key), layout);

  return layout;
}

static void
append_layout (GtkSnapshot   *snapshot,
               PangoLayout   *layout,
               double         x,
               double         y,
               const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (round (x), round (y)));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static GdkRGBA
with_alpha (const GdkRGBA *color,
            double         alpha)
{
  GdkRGBA c = *color;

  c.alpha *= alpha;
  return c;
}

static void
hatch (GtkSnapshot           *snapshot,
       const graphene_rect_t *rect,
       const GdkRGBA         *fill,
       const GdkRGBA         *ink,
       gboolean               dots)
{
  if (rect->size.height <= 0 || rect->size.width <= 0)
    return;

  gtk_snapshot_append_color (snapshot, fill, rect);

  if (dots)
    {
      /* Tiles on one grid for the whole chart: neighbours' dots line up */
      float ox = floorf (rect->origin.x / 5) * 5;
      float oy = floorf (rect->origin.y / 5) * 5;
      graphene_rect_t tile = GRAPHENE_RECT_INIT (ox, oy, 5, 5);

      gtk_snapshot_push_repeat (snapshot, rect, &tile);
      gtk_snapshot_append_color (snapshot, ink, &GRAPHENE_RECT_INIT (ox + 1.5f, oy + 1.5f, 2, 2));
      gtk_snapshot_pop (snapshot);
    }
  else
    {
      GdkRGBA clear = *ink;
      GskColorStop stops[4];

      clear.alpha = 0;
      stops[0] = (GskColorStop) { 0.0f, *ink };
      stops[1] = (GskColorStop) { 0.4f, *ink };
      stops[2] = (GskColorStop) { 0.4f, clear };
      stops[3] = (GskColorStop) { 1.0f, clear };
      /* Anchored at the widget's origin: the stripes run on across
       * neighbouring intervals instead of starting again in each */
      gtk_snapshot_append_repeating_linear_gradient (snapshot, rect,
                                                     &GRAPHENE_POINT_INIT (0, 0),
                                                     &GRAPHENE_POINT_INIT (4, -4),
                                                     stops, G_N_ELEMENTS (stops));
    }
}

/* A nice maximum for the agents' scale, and its step. */
static double
nice_scale (double  max,
            double *step)
{
  static const double steps[] = { 1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000 };

  max = MAX (max, 4);
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (max / steps[i] <= 5)
      {
        *step = steps[i];
        return ceil (max / steps[i]) * steps[i];
      }

  *step = ceil (max / 5);
  return *step * 5;
}

static void
draw_legend (PltCoverageChart *self,
             GtkSnapshot      *snapshot,
             double            names_width,
             double            height)
{
  GdkRGBA dim = with_alpha (&self->palette.fg, 0.7);
  GdkRGBA bar = with_alpha (&self->palette.kind[PLT_ACTIVITY_WORK], 0.55);
  GdkRGBA gap_fill = with_alpha (&self->palette.error, 0.35);
  GdkRGBA gap_ink = with_alpha (&self->palette.error, 0.9);
  GdkRGBA surplus_fill = with_alpha (&self->palette.success, 0.3);
  GdkRGBA surplus_ink = with_alpha (&self->palette.success, 0.9);
  const char *labels[5];
  double y = TOP_MARGIN;
  PangoLayout *layout;
  int lw, lh;

  labels[0] = _("Scheduled");
  labels[1] = _("Required");
  labels[2] = _("Shortfall");
  labels[3] = _("Surplus");
  labels[4] = _("Service level");

  layout = get_layout (self, _("Coverage"), FALSE);
  pango_layout_get_pixel_size (layout, &lw, &lh);
  append_layout (snapshot, layout, LEGEND_X, y - 4, &self->palette.fg);
  y += lh + 2;

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      graphene_rect_t swatch = GRAPHENE_RECT_INIT (LEGEND_X, y + 3, 14, 9);

      if (y + 14 > height - 4)
        break;

      switch (i)
        {
        case 0:
          gtk_snapshot_append_color (snapshot, &bar, &swatch);
          break;
        case 1:
          gtk_snapshot_append_color (snapshot, &self->palette.fg,
                                     &GRAPHENE_RECT_INIT (LEGEND_X, y + 7, 14, 2));
          break;
        case 2:
          hatch (snapshot, &swatch, &gap_fill, &gap_ink, FALSE);
          break;
        case 3:
          hatch (snapshot, &swatch, &surplus_fill, &surplus_ink, TRUE);
          break;
        default:
          gtk_snapshot_append_color (snapshot, &self->palette.kind[PLT_ACTIVITY_TRAINING],
                                     &GRAPHENE_RECT_INIT (LEGEND_X, y + 7, 14, 2));
          break;
        }

      layout = get_layout (self, labels[i], TRUE);
      pango_layout_get_pixel_size (layout, &lw, &lh);
      append_layout (snapshot, layout, LEGEND_X + 20, y + 7 - lh / 2.0, &dim);
      y += 16;
    }

  (void) names_width;
}

static void
plt_coverage_chart_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  PltCoverageChart *self = PLT_COVERAGE_CHART (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  GdkRGBA line = with_alpha (&self->palette.fg, 0.12);
  GdkRGBA dim = with_alpha (&self->palette.fg, 0.6);
  GdkRGBA bar = with_alpha (&self->palette.kind[PLT_ACTIVITY_WORK], 0.55);
  GdkRGBA gap_fill = with_alpha (&self->palette.error, 0.35);
  GdkRGBA gap_ink = with_alpha (&self->palette.error, 0.9);
  GdkRGBA surplus_fill = with_alpha (&self->palette.success, 0.3);
  GdkRGBA surplus_ink = with_alpha (&self->palette.success, 0.9);
  const GdkRGBA *sl_color = &self->palette.kind[PLT_ACTIVITY_TRAINING];
  PltTimelineGeometry g;
  double plot_top = TOP_MARGIN;
  double plot_bottom = height - BOTTOM_MARGIN;
  double plot_height = plot_bottom - plot_top;
  double max = 0, step = 1, scale;
  guint first, n;
  gint64 start;
  double prev_req_y = -1;
  double prev_sl_x = -1, prev_sl_y = -1;

  if (width <= 0 || height <= 0)
    return;

  gtk_snapshot_append_color (snapshot, &self->palette.view_bg, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (self->timeline == NULL)
    return;

  plt_timeline_get_geometry (self->timeline, &g);
  gtk_snapshot_append_color (snapshot, &self->palette.bg, &GRAPHENE_RECT_INIT (0, 0, g.names_width, height));
  gtk_snapshot_append_color (snapshot, &line, &GRAPHENE_RECT_INIT (g.names_width - 1, 0, 1, height));
  gtk_snapshot_append_color (snapshot, &line, &GRAPHENE_RECT_INIT (0, 0, width, 1));
  draw_legend (self, snapshot, g.names_width, height);

  if (self->coverage == NULL || !visible_intervals (self, &first, &n) || plot_height < 20)
    {
      PangoLayout *layout = get_layout (self, self->coverage == NULL
                                              ? _("No forecast for these days: import one from the menu to compare the plan with the agents required")
                                              : _("No forecast for these days"), FALSE);
      int lw, lh;

      pango_layout_get_pixel_size (layout, &lw, &lh);
      append_layout (snapshot, layout, g.names_width + MAX ((width - g.names_width - lw) / 2, 12),
                     (height - lh) / 2, &dim);
      return;
    }

  start = plt_forecast_get_start (self->forecast);

  for (guint i = first; i < first + n; i++)
    {
      PltCoverageCell cell;

      cell_at (self, i, &cell);
      max = MAX (max, MAX ((double) cell.required_scheduled, cell.scheduled));
    }
  max = nice_scale (max * 1.1, &step);
  scale = plot_height / max;

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (g.names_width, 0, width - g.names_width, height));

  /* The scale: a line per step, labelled in the legend's column */
  for (double v = 0; v <= max + 0.001; v += step)
    {
      double y = round (plot_bottom - v * scale);

      gtk_snapshot_append_color (snapshot, &line, &GRAPHENE_RECT_INIT (g.names_width, y, width - g.names_width, 1));
    }

  /* The service level's target */
  {
    double y = round (plot_bottom - self->what_if.service_level * plot_height);
    GdkRGBA target = with_alpha (sl_color, 0.5);

    for (double x = g.names_width; x < width; x += 8)
      gtk_snapshot_append_color (snapshot, &target, &GRAPHENE_RECT_INIT (x, y, 4, 1));
  }

  for (guint i = first; i < first + n; i++)
    {
      PltCoverageCell cell;
      gint64 t0 = start + (gint64) i * PLT_FORECAST_INTERVAL_MS;
      double x0 = plt_timeline_x_for_time (&g, t0);
      double x1 = plt_timeline_x_for_time (&g, t0 + PLT_FORECAST_INTERVAL_MS);
      double w = MAX (x1 - x0, 1);
      double y_sched, y_req;
      double inner = w > 4 ? 1 : 0;

      cell_at (self, i, &cell);
      y_sched = plot_bottom - cell.scheduled * scale;
      y_req = plot_bottom - cell.required_scheduled * scale;

      if (cell.scheduled > 0)
        gtk_snapshot_append_color (snapshot, &bar,
                                   &GRAPHENE_RECT_INIT (x0 + inner / 2, y_sched, w - inner, plot_bottom - y_sched));

      if (cell.calls > 0 || cell.required_scheduled > 0)
        {
          if (cell.gap < -0.05)
            hatch (snapshot, &GRAPHENE_RECT_INIT (x0, y_req, w, y_sched - y_req), &gap_fill, &gap_ink, FALSE);
          else if (cell.gap > 0.05)
            hatch (snapshot, &GRAPHENE_RECT_INIT (x0, y_sched, w, y_req - y_sched), &surplus_fill, &surplus_ink, TRUE);

          /* The agents to schedule, as steps */
          gtk_snapshot_append_color (snapshot, &self->palette.fg, &GRAPHENE_RECT_INIT (x0, round (y_req) - 1, w, 2));
          if (prev_req_y >= 0 && fabs (prev_req_y - y_req) > 0.5)
            gtk_snapshot_append_color (snapshot, &self->palette.fg,
                                       &GRAPHENE_RECT_INIT (round (x0) - 1, MIN (prev_req_y, y_req) - 1,
                                                            2, fabs (prev_req_y - y_req) + 2));
          prev_req_y = y_req;

          /* The projected service level: a dot per interval, joined */
          {
            double sx = (x0 + x1) / 2;
            double sy = plot_bottom - CLAMP (cell.projected_sl, 0, 1) * plot_height;

            if (prev_sl_x >= 0)
              {
                double dx = sx - prev_sl_x, dy = sy - prev_sl_y;
                double length = sqrt (dx * dx + dy * dy);
                double angle = atan2 (dy, dx) * 180 / G_PI;

                gtk_snapshot_save (snapshot);
                gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (prev_sl_x, prev_sl_y));
                gtk_snapshot_rotate (snapshot, angle);
                gtk_snapshot_append_color (snapshot, sl_color, &GRAPHENE_RECT_INIT (0, -1, length, 2));
                gtk_snapshot_restore (snapshot);
              }
            prev_sl_x = sx;
            prev_sl_y = sy;
          }
        }
      else
        {
          prev_req_y = -1;
          prev_sl_x = -1;
        }
    }

  /* Hours along the bottom, on the timeline's steps */
  {
    const PltSite *site = plt_timeline_get_site (self->timeline);
    guint hours = plt_timeline_ruler_step_hours (g.px_per_min, 38);
    GDate date;
    guint n_days = 0;

    g_date_clear (&date, 1);
    plt_timeline_get_range (self->timeline, &date, &n_days);
    for (guint d = 0; site != NULL && d < n_days; d++, g_date_add_days (&date, 1))
      for (guint h = 0; h < 24; h += hours)
        {
          double x = plt_timeline_x_for_time (&g, plt_site_local_time (site, &date, h * 60));
          g_autofree char *text = g_strdup_printf ("%02u", h);
          PangoLayout *layout;
          int lw, lh;

          if (x < g.names_width - 20 || x > width + 20)
            continue;
          layout = get_layout (self, text, TRUE);
          pango_layout_get_pixel_size (layout, &lw, &lh);
          gtk_snapshot_append_color (snapshot, &line, &GRAPHENE_RECT_INIT (floor (x), plot_bottom, 1, 4));
          append_layout (snapshot, layout, x - lw / 2.0, plot_bottom + 4, &dim);
        }
  }

  gtk_snapshot_pop (snapshot);

  /* The scale's figures and the service level's, in the legend column's edge */
  for (double v = step; v <= max + 0.001; v += step)
    {
      g_autofree char *text = g_strdup_printf ("%.0f", v);
      PangoLayout *layout = get_layout (self, text, TRUE);
      int lw, lh;
      double y = plot_bottom - v * scale;

      pango_layout_get_pixel_size (layout, &lw, &lh);
      append_layout (snapshot, layout, g.names_width - AXIS_GAP - lw, y - lh / 2.0, &dim);
    }
  {
    g_autofree char *text = g_strdup_printf ("%.0f %%", self->what_if.service_level * 100);
    PangoLayout *layout = get_layout (self, text, TRUE);
    int lw, lh;
    double y = plot_bottom - self->what_if.service_level * plot_height;

    pango_layout_get_pixel_size (layout, &lw, &lh);
    gtk_snapshot_append_color (snapshot, &self->palette.view_bg,
                               &GRAPHENE_RECT_INIT (width - lw - 10, y - lh - 2, lw + 6, lh));
    append_layout (snapshot, layout, width - lw - 7, y - lh - 2, sl_color);
  }
}

/* ---------------------------------------------------------------------------
 * Tooltip
 */

static gboolean
plt_coverage_chart_query_tooltip (GtkWidget  *widget,
                                  int         x,
                                  int         y,
                                  gboolean    keyboard,
                                  GtkTooltip *tooltip)
{
  PltCoverageChart *self = PLT_COVERAGE_CHART (widget);
  PltTimelineGeometry g;
  PltCoverageCell cell;
  g_autoptr(GString) text = NULL;
  gint64 time, start;

  if (self->coverage == NULL || self->timeline == NULL || keyboard)
    return FALSE;

  plt_timeline_get_geometry (self->timeline, &g);
  if (x < g.names_width)
    return FALSE;

  time = plt_timeline_time_for_x (&g, x);
  if (!plt_coverage_chart_get_cell (self, time, &cell))
    return FALSE;

  start = plt_forecast_get_start (self->forecast);
  start += (time - start) / PLT_FORECAST_INTERVAL_MS * PLT_FORECAST_INTERVAL_MS;

  text = g_string_new (NULL);
  {
    g_autoptr(GDateTime) utc0 = g_date_time_new_from_unix_utc (start / 1000);
    g_autoptr(GDateTime) utc1 = g_date_time_new_from_unix_utc ((start + PLT_FORECAST_INTERVAL_MS) / 1000);
    g_autoptr(GDateTime) l0 = NULL;
    g_autoptr(GDateTime) l1 = NULL;
    const PltSite *site = plt_timeline_get_site (self->timeline);
    GTimeZone *tz = site != NULL ? site->tz : NULL;
    g_autofree char *a = NULL;
    g_autofree char *b = NULL;

    l0 = tz != NULL ? g_date_time_to_timezone (utc0, tz) : g_date_time_to_local (utc0);
    l1 = tz != NULL ? g_date_time_to_timezone (utc1, tz) : g_date_time_to_local (utc1);
    a = g_date_time_format (l0, "%H:%M");
    b = g_date_time_format (l1, "%H:%M");
    g_string_append_printf (text, "<b>%s–%s</b>\n", a, b);
  }
  /* Translators: the coverage chart's tooltip, one line per figure */
  g_string_append_printf (text, _("Calls expected: %.1f\n"), cell.calls);
  g_string_append_printf (text, _("Agents required: %u (%u to schedule)\n"), cell.required, cell.required_scheduled);
  g_string_append_printf (text, _("Agents scheduled: %.1f\n"), cell.scheduled);
  if (cell.gap < -0.05)
    g_string_append_printf (text, _("Shortfall: %.1f agents\n"), -cell.gap);
  else if (cell.gap > 0.05)
    g_string_append_printf (text, _("Surplus: %.1f agents\n"), cell.gap);
  g_string_append_printf (text, _("Projected service level: %.0f %%"), cell.projected_sl * 100);

  gtk_tooltip_set_markup (tooltip, text->str);
  return TRUE;
}

/* ---------------------------------------------------------------------------
 * GObject
 */

static void
plt_coverage_chart_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 400;
      *natural = 1000;
    }
  else
    {
      *minimum = 120;
      *natural = 200;
    }
}

static void
plt_coverage_chart_css_changed (GtkWidget         *widget,
                                GtkCssStyleChange *change)
{
  PltCoverageChart *self = PLT_COVERAGE_CHART (widget);

  GTK_WIDGET_CLASS (plt_coverage_chart_parent_class)->css_changed (widget, change);

  plt_timeline_palette_load (&self->palette, widget);
  g_hash_table_remove_all (self->layouts);
  gtk_widget_queue_draw (widget);
}

static void
plt_coverage_chart_unmap (GtkWidget *widget)
{
  PltCoverageChart *self = PLT_COVERAGE_CHART (widget);

  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (widget, self->tick_id);
      self->tick_id = 0;
      recount (self);
    }

  GTK_WIDGET_CLASS (plt_coverage_chart_parent_class)->unmap (widget);
}

static void
clear_forecast (PltCoverageChart *self)
{
  g_clear_pointer (&self->coverage, plt_coverage_free);
  g_clear_pointer (&self->forecast, plt_forecast_free);
  g_clear_pointer (&self->fresh, g_free);
}

static void
plt_coverage_chart_dispose (GObject *object)
{
  PltCoverageChart *self = PLT_COVERAGE_CHART (object);

  plt_coverage_chart_set_timeline (self, NULL);
  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
  plt_timeline_palette_clear (&self->palette);

  G_OBJECT_CLASS (plt_coverage_chart_parent_class)->dispose (object);
}

static void
plt_coverage_chart_finalize (GObject *object)
{
  PltCoverageChart *self = PLT_COVERAGE_CHART (object);

  clear_forecast (self);
  g_clear_pointer (&self->layouts, g_hash_table_unref);
  g_clear_pointer (&self->description, g_free);

  G_OBJECT_CLASS (plt_coverage_chart_parent_class)->finalize (object);
}

static void
plt_coverage_chart_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  PltCoverageChart *self = PLT_COVERAGE_CHART (object);

  switch (prop_id)
    {
    case PROP_QUEUE:
      g_value_set_int (value, self->queue);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
plt_coverage_chart_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  PltCoverageChart *self = PLT_COVERAGE_CHART (object);

  switch (prop_id)
    {
    case PROP_QUEUE:
      plt_coverage_chart_set_queue (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
plt_coverage_chart_class_init (PltCoverageChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = plt_coverage_chart_dispose;
  object_class->finalize = plt_coverage_chart_finalize;
  object_class->get_property = plt_coverage_chart_get_property;
  object_class->set_property = plt_coverage_chart_set_property;

  widget_class->measure = plt_coverage_chart_measure;
  widget_class->snapshot = plt_coverage_chart_snapshot;
  widget_class->css_changed = plt_coverage_chart_css_changed;
  widget_class->unmap = plt_coverage_chart_unmap;
  widget_class->query_tooltip = plt_coverage_chart_query_tooltip;

  properties[PROP_QUEUE] =
    g_param_spec_int ("queue", NULL, NULL,
                      -1, G_MAXINT, -1,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "coveragechart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
plt_coverage_chart_init (PltCoverageChart *self)
{
  self->queue = -1;
  plt_what_if_init (&self->what_if);
  self->layouts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Coverage: agents required and scheduled per quarter hour"),
                                  -1);
  update_description (self);
}

/* ---------------------------------------------------------------------------
 * Public API
 */

GtkWidget *
plt_coverage_chart_new (void)
{
  return g_object_new (PLT_TYPE_COVERAGE_CHART, NULL);
}

void
plt_coverage_chart_set_timeline (PltCoverageChart *self,
                                 PltTimeline      *timeline)
{
  g_return_if_fail (PLT_IS_COVERAGE_CHART (self));
  g_return_if_fail (timeline == NULL || PLT_IS_TIMELINE (timeline));

  if (self->timeline == timeline)
    return;

  if (self->timeline != NULL)
    {
      g_clear_signal_handler (&self->geometry_id, self->timeline);
      g_clear_signal_handler (&self->document_id, self->timeline);
      g_clear_object (&self->timeline);
    }

  if (timeline != NULL)
    {
      self->timeline = g_object_ref (timeline);
      self->geometry_id = g_signal_connect_swapped (timeline, "geometry-changed",
                                                    G_CALLBACK (geometry_changed_cb), self);
      self->document_id = g_signal_connect_swapped (timeline, "notify::document",
                                                    G_CALLBACK (timeline_document_cb), self);
      set_document (self, plt_timeline_get_document (timeline));
    }
  else
    set_document (self, NULL);

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
plt_coverage_chart_set_forecast (PltCoverageChart *self,
                                 PltForecast      *forecast,
                                 const PltWhatIf  *what_if,
                                 GError          **error)
{
  g_autoptr(PltForecast) owned = forecast;
  PltCoverage *coverage = NULL;

  g_return_val_if_fail (PLT_IS_COVERAGE_CHART (self), FALSE);

  if (forecast != NULL)
    {
      coverage = plt_coverage_new (forecast, what_if != NULL ? what_if : &self->what_if, error);
      if (coverage == NULL)
        return FALSE;
    }

  clear_forecast (self);
  if (what_if != NULL)
    self->what_if = *what_if;
  self->forecast = g_steal_pointer (&owned);
  self->coverage = coverage;
  if (forecast != NULL)
    self->fresh = g_malloc0 (plt_forecast_get_n_intervals (forecast));
  if (forecast != NULL)
    memset (self->fresh, TRUE, plt_forecast_get_n_intervals (forecast));
  if (self->queue >= 0 && (forecast == NULL || self->queue >= (int) plt_forecast_get_n_queues (forecast)))
    plt_coverage_chart_set_queue (self, -1);

  recount (self);
  return TRUE;
}

PltForecast *
plt_coverage_chart_get_forecast (PltCoverageChart *self)
{
  g_return_val_if_fail (PLT_IS_COVERAGE_CHART (self), NULL);

  return self->forecast;
}

gboolean
plt_coverage_chart_set_what_if (PltCoverageChart *self,
                                const PltWhatIf  *what_if,
                                GError          **error)
{
  g_return_val_if_fail (PLT_IS_COVERAGE_CHART (self), FALSE);
  g_return_val_if_fail (what_if != NULL, FALSE);

  if (self->coverage != NULL)
    {
      guint first, n;

      /* Check it on the intervals on screen before forgetting the old one. */
      if (visible_intervals (self, &first, &n) &&
          !plt_coverage_recompute (self->coverage, what_if, first, n, error))
        return FALSE;

      memset (self->fresh, FALSE, plt_forecast_get_n_intervals (self->forecast));
      if (visible_intervals (self, &first, &n))
        memset (self->fresh + first, TRUE, n);
    }

  self->what_if = *what_if;
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

void
plt_coverage_chart_get_what_if (PltCoverageChart *self,
                                PltWhatIf        *what_if)
{
  g_return_if_fail (PLT_IS_COVERAGE_CHART (self));

  *what_if = self->what_if;
}

void
plt_coverage_chart_set_queue (PltCoverageChart *self,
                              int               queue)
{
  g_return_if_fail (PLT_IS_COVERAGE_CHART (self));

  queue = MAX (queue, -1);
  if (self->queue == queue)
    return;

  self->queue = queue;
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUEUE]);
}

int
plt_coverage_chart_get_queue (PltCoverageChart *self)
{
  g_return_val_if_fail (PLT_IS_COVERAGE_CHART (self), -1);

  return self->queue;
}

void
plt_coverage_chart_refresh (PltCoverageChart *self)
{
  g_return_if_fail (PLT_IS_COVERAGE_CHART (self));

  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
  recount (self);
}

gboolean
plt_coverage_chart_get_cell (PltCoverageChart *self,
                             gint64            time,
                             PltCoverageCell  *cell)
{
  int interval;

  g_return_val_if_fail (PLT_IS_COVERAGE_CHART (self), FALSE);

  if (self->coverage == NULL)
    return FALSE;

  interval = plt_forecast_interval_at (self->forecast, time);
  if (interval < 0)
    return FALSE;

  if (!self->fresh[interval])
    {
      self->fresh[interval] = TRUE;
      plt_coverage_recompute (self->coverage, &self->what_if, (guint) interval, 1, NULL);
    }

  cell_at (self, (guint) interval, cell);
  return TRUE;
}

guint
plt_coverage_chart_count_gaps (PltCoverageChart *self,
                               double           *largest)
{
  guint first, n, gaps = 0;

  g_return_val_if_fail (PLT_IS_COVERAGE_CHART (self), 0);

  if (largest != NULL)
    *largest = 0;
  if (!visible_intervals (self, &first, &n))
    return 0;

  for (guint i = first; i < first + n; i++)
    {
      PltCoverageCell cell;

      cell_at (self, i, &cell);
      if (cell.gap < -0.05 && cell.calls > 0)
        {
          gaps++;
          if (largest != NULL)
            *largest = MAX (*largest, -cell.gap);
        }
    }

  return gaps;
}
