/* plt-planning-print.c — the week on A4 landscape paper
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "plt-planning-print.h"
#include "plt-planning-state.h"
#include "plt-timeline-draw.h"
#include "plt-timeline-state.h"

/* Points, on A4 landscape (842 × 595 less the margins). */
#define NAMES_WIDTH    118.0
#define HEADER_HEIGHT  52.0
#define DAYS_HEIGHT    24.0
#define LEGEND_HEIGHT  22.0
#define ROW_HEIGHT     21.0
#define BLOCK_HEIGHT   10.0

typedef struct
{
  const char *team;
  guint       first;   /* index in the job's agents of the team's rows */
  guint       count;   /* rows on this page */
  guint       page_of_team;
  guint       pages_of_team;
} Page;

typedef struct
{
  PltPlanningPrintJob  job;
  GArray              *pages;        /* Page */
  GPtrArray           *order;        /* PltPlanningAgent, grouped by team */
  int                  first_hour;
  int                  last_hour;
  PltTimelinePalette   palette;
} PrintData;

static void
print_data_free (PrintData *data)
{
  g_clear_pointer (&data->pages, g_array_unref);
  g_clear_pointer (&data->order, g_ptr_array_unref);
  plt_timeline_palette_clear (&data->palette);
  g_free (data);
}

static const char *
team_name (const PltPlanningPrintJob *job,
           const char                *team)
{
  const char *name = job->team_names != NULL ? g_hash_table_lookup (job->team_names, team) : NULL;

  return name != NULL ? name : team;
}

/* The hours every day column shows: those of the week's shifts, at least
 * 08:00 to 18:00. */
static void
hour_span (PrintData *data)
{
  GDate monday;

  data->first_hour = 8;
  data->last_hour = 18;
  g_date_clear (&monday, 1);
  plt_week_get_monday (&data->job.week, &monday);

  for (guint a = 0; a < data->job.agents->len; a++)
    {
      const PltPlanningAgent *agent = g_ptr_array_index (data->job.agents, a);

      for (guint d = 0; d < 7; d++)
        {
          GDate date = monday;
          PltAgentDay *day;

          g_date_add_days (&date, d);
          day = plt_schedule_lookup (data->job.schedule, agent->id, &date);
          for (guint i = 0; day != NULL && i < day->shifts->len; i++)
            {
              const PltShift *shift = g_ptr_array_index (day->shifts, i);
              gint64 day_start = plt_site_day_start (data->job.site, &date);
              int from = (int) ((shift->start - day_start) / PLT_MS_PER_HOUR);
              int to = (int) ((shift->end - day_start + PLT_MS_PER_HOUR - 1) / PLT_MS_PER_HOUR);

              data->first_hour = MIN (data->first_hour, MAX (from, 0));
              data->last_hour = MAX (data->last_hour, MIN (to, 24));
            }
        }
    }
}

static void
paginate (PrintData *data,
          double     height)
{
  guint per_page = (guint) MAX (1, floor ((height - HEADER_HEIGHT - DAYS_HEIGHT - LEGEND_HEIGHT) / ROW_HEIGHT));
  g_autoptr(GPtrArray) teams = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_array_set_size (data->pages, 0);
  g_ptr_array_set_size (data->order, 0);

  for (guint i = 0; i < data->job.agents->len; i++)
    {
      const PltPlanningAgent *agent = g_ptr_array_index (data->job.agents, i);
      const char *team = agent->team != NULL ? agent->team : "";

      if (g_hash_table_add (seen, (gpointer) team))
        g_ptr_array_add (teams, (gpointer) team);
    }

  for (guint t = 0; t < teams->len; t++)
    {
      const char *team = g_ptr_array_index (teams, t);
      guint first = data->order->len;
      guint count, pages;

      for (guint i = 0; i < data->job.agents->len; i++)
        {
          const PltPlanningAgent *agent = g_ptr_array_index (data->job.agents, i);

          if (g_strcmp0 (agent->team != NULL ? agent->team : "", team) == 0)
            g_ptr_array_add (data->order, (gpointer) agent);
        }

      count = data->order->len - first;
      pages = MAX (1, (count + per_page - 1) / per_page);
      for (guint p = 0; p < pages; p++)
        {
          Page page = {
            .team = team,
            .first = first + p * per_page,
            .count = MIN (per_page, count - p * per_page),
            .page_of_team = p + 1,
            .pages_of_team = pages,
          };

          g_array_append_val (data->pages, page);
        }
    }

  if (data->pages->len == 0)
    {
      Page page = { .team = "", .first = 0, .count = 0, .page_of_team = 1, .pages_of_team = 1 };

      g_array_append_val (data->pages, page);
    }
}

static void
show_text (cairo_t         *cr,
           GtkPrintContext *context,
           const char      *text,
           double           size,
           gboolean         bold,
           double           x,
           double           y,
           double           max_width,
           PangoAlignment   alignment)
{
  g_autoptr(PangoLayout) layout = gtk_print_context_create_pango_layout (context);
  PangoFontDescription *font = pango_font_description_from_string ("Sans");

  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (layout, text, -1);
  if (max_width > 0)
    {
      pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_alignment (layout, alignment);
    }
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_legend (PrintData       *data,
             cairo_t         *cr,
             GtkPrintContext *context,
             double           y)
{
  double x = 0;

  for (guint k = 0; k < PLT_ACTIVITY_N_KINDS; k++)
    {
      const char *label = plt_activity_kind_get_label (k);

      plt_timeline_cairo_activity (cr, &data->palette, k, x, y + 3, 18, 9);
      cairo_set_source_rgb (cr, 0, 0, 0);
      show_text (cr, context, label, 7, FALSE, x + 22, y + 2, 0, PANGO_ALIGN_LEFT);
      x += 24 + 6.2 * g_utf8_strlen (label, -1) + 10;
    }
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              PrintData         *data)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = gtk_print_context_get_width (context);
  double height = gtk_print_context_get_height (context);
  const Page *page = &g_array_index (data->pages, Page, page_nr);
  double day_width = (width - NAMES_WIDTH) / 7;
  double hours = MAX (data->last_hour - data->first_hour, 1);
  g_autofree char *week_title = plt_planning_week_title (&data->job.week);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *page_text = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *printed = g_date_time_format (now, _("%d/%m/%Y %H:%M"));
  double grid_top = HEADER_HEIGHT + DAYS_HEIGHT;
  GDate monday;

  g_date_clear (&monday, 1);
  plt_week_get_monday (&data->job.week, &monday);

  /* Header: the team, the week, the version */
  if (page->pages_of_team > 1)
    /* Translators: the printed page's title: the team, which of its pages, the week */
    title = g_strdup_printf (_("%s (%u/%u) — %s"), team_name (&data->job, page->team),
                             page->page_of_team, page->pages_of_team, week_title);
  else
    title = g_strdup_printf (_("%s — %s"), team_name (&data->job, page->team), week_title);
  /* Translators: under the printed title: the version, the site's zone, when */
  subtitle = g_strdup_printf (_("%s · times in %s · printed %s"),
                              data->job.version_text != NULL ? data->job.version_text : "",
                              data->job.site->tz_id, printed);
  page_text = g_strdup_printf (_("Page %d of %u"), page_nr + 1, data->pages->len);

  cairo_set_source_rgb (cr, 0, 0, 0);
  show_text (cr, context, title, 15, TRUE, 0, 0, width - 90, PANGO_ALIGN_LEFT);
  cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
  show_text (cr, context, subtitle, 8, FALSE, 0, 24, width - 90, PANGO_ALIGN_LEFT);
  show_text (cr, context, page_text, 8, FALSE, width - 90, 4, 90, PANGO_ALIGN_RIGHT);

  /* Every other row shaded, under the grid */
  for (guint r = 1; r < page->count; r += 2)
    {
      cairo_set_source_rgb (cr, 0.965, 0.965, 0.965);
      cairo_rectangle (cr, 0, grid_top + r * ROW_HEIGHT, width, ROW_HEIGHT);
      cairo_fill (cr);
    }

  /* Days and their hours */
  for (guint d = 0; d < 7; d++)
    {
      GDate date = monday;
      char label[64];
      double x0 = NAMES_WIDTH + d * day_width;

      g_date_add_days (&date, d);
      if (g_date_strftime (label, sizeof label, _("%A %d"), &date) == 0)
        label[0] = '\0';
      cairo_set_source_rgb (cr, 0, 0, 0);
      show_text (cr, context, label, 8, TRUE, x0 + 3, HEADER_HEIGHT, day_width - 6, PANGO_ALIGN_LEFT);

      for (int h = data->first_hour; h <= data->last_hour; h += 2)
        {
          double x = x0 + (h - data->first_hour) / hours * day_width;
          g_autofree char *text = g_strdup_printf ("%02d", h);

          cairo_set_source_rgb (cr, 0.45, 0.45, 0.45);
          if (h > data->first_hour && h < data->last_hour)
            show_text (cr, context, text, 5.5, FALSE, x - 4, HEADER_HEIGHT + 12, 0, PANGO_ALIGN_LEFT);
          cairo_set_source_rgb (cr, 0.9, 0.9, 0.9);
          cairo_rectangle (cr, x, grid_top, 0.4, page->count * ROW_HEIGHT);
          cairo_fill (cr);
        }

      cairo_set_source_rgb (cr, 0.55, 0.55, 0.55);
      cairo_rectangle (cr, x0, HEADER_HEIGHT - 2, 0.6, DAYS_HEIGHT + page->count * ROW_HEIGHT + 2);
      cairo_fill (cr);
    }

  /* Rows */
  for (guint r = 0; r < page->count; r++)
    {
      const PltPlanningAgent *agent = g_ptr_array_index (data->order, page->first + r);
      double y = grid_top + r * ROW_HEIGHT;

      cairo_set_source_rgb (cr, 0, 0, 0);
      show_text (cr, context, agent->name != NULL ? agent->name : agent->id, 8, FALSE, 2, y + 5,
                 NAMES_WIDTH - 6, PANGO_ALIGN_LEFT);

      for (guint d = 0; d < 7; d++)
        {
          GDate date = monday;
          double x0 = NAMES_WIDTH + d * day_width;
          gint64 window_start, window_end;
          PltAgentDay *day;

          g_date_add_days (&date, d);
          window_start = plt_site_local_time (data->job.site, &date, data->first_hour * 60);
          window_end = window_start + (gint64) hours * PLT_MS_PER_HOUR;
          day = plt_schedule_lookup (data->job.schedule, agent->id, &date);

          cairo_save (cr);
          cairo_rectangle (cr, x0, y, day_width, ROW_HEIGHT);
          cairo_clip (cr);

          for (guint i = 0; day != NULL && i < day->absences->len; i++)
            {
              plt_timeline_cairo_activity (cr, &data->palette, PLT_ACTIVITY_TIME_OFF, x0 + 1, y + 2, day_width - 2,
                                           ROW_HEIGHT - 4);
              cairo_set_source_rgb (cr, 0, 0, 0);
              show_text (cr, context, _("Time off"), 6.5, TRUE, x0 + 4, y + 5, day_width - 8, PANGO_ALIGN_LEFT);
            }

          for (guint i = 0; day != NULL && i < day->shifts->len; i++)
            {
              const PltShift *shift = g_ptr_array_index (day->shifts, i);
              g_autofree char *from = plt_timeline_format_clock (data->job.site, shift->start);
              g_autofree char *to = plt_timeline_format_clock (data->job.site, shift->end);
              g_autofree char *times = g_strdup_printf ("%s–%s", from, to);
              double sx = x0;

              for (guint j = 0; j < shift->activities->len; j++)
                {
                  const PltActivity *activity = g_ptr_array_index (shift->activities, j);
                  double a0 = x0 + (double) (activity->start - window_start) / (window_end - window_start) * day_width;
                  double a1 = x0 + (double) (activity->end - window_start) / (window_end - window_start) * day_width;

                  if (j == 0)
                    sx = a0;
                  plt_timeline_cairo_activity (cr, &data->palette, activity->kind, a0, y + 2, a1 - a0, BLOCK_HEIGHT);
                }

              cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
              show_text (cr, context, times, 5.5, FALSE, MAX (sx, x0 + 1), y + 2 + BLOCK_HEIGHT, day_width - 2,
                         PANGO_ALIGN_LEFT);
            }
          cairo_restore (cr);
        }
    }

  cairo_set_source_rgb (cr, 0.55, 0.55, 0.55);
  cairo_rectangle (cr, 0, grid_top + page->count * ROW_HEIGHT, width, 0.6);
  cairo_fill (cr);

  draw_legend (data, cr, context, height - LEGEND_HEIGHT + 4);
}

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                PrintData         *data)
{
  paginate (data, gtk_print_context_get_height (context));
  gtk_print_operation_set_n_pages (operation, data->pages->len);
}

static GtkPageSetup *
a4_landscape (void)
{
  GtkPageSetup *setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) paper = NULL;

  paper = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  gtk_page_setup_set_paper_size_and_default_margins (setup, paper);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_LANDSCAPE);
  gtk_page_setup_set_top_margin (setup, 12, GTK_UNIT_MM);
  gtk_page_setup_set_bottom_margin (setup, 10, GTK_UNIT_MM);
  gtk_page_setup_set_left_margin (setup, 10, GTK_UNIT_MM);
  gtk_page_setup_set_right_margin (setup, 10, GTK_UNIT_MM);
  return setup;
}

GtkPrintOperation *
plt_planning_print_operation_new (const PltPlanningPrintJob *job)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = a4_landscape ();
  PrintData *data = g_new0 (PrintData, 1);
  g_autofree char *week = plt_week_to_string (&job->week);
  g_autofree char *name = g_strdup_printf (_("Planning %s"), week);

  data->job = *job;
  data->pages = g_array_new (FALSE, TRUE, sizeof (Page));
  data->order = g_ptr_array_new ();
  plt_timeline_palette_print (&data->palette);
  hour_span (data);

  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (operation, name);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), data);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), data);
  g_object_set_data_full (G_OBJECT (operation), "plt-print-data", data, (GDestroyNotify) print_data_free);

  return operation;
}

guint
plt_planning_print_count_pages (const PltPlanningPrintJob *job)
{
  g_autoptr(GtkPageSetup) setup = a4_landscape ();
  PrintData data = { 0 };
  guint n;

  data.job = *job;
  data.pages = g_array_new (FALSE, TRUE, sizeof (Page));
  data.order = g_ptr_array_new ();
  paginate (&data, gtk_page_setup_get_page_height (setup, GTK_UNIT_POINTS));
  n = data.pages->len;
  g_array_unref (data.pages);
  g_ptr_array_unref (data.order);

  return n;
}

GtkPrintOperationResult
plt_planning_print_run (const PltPlanningPrintJob *job,
                        GtkWindow                 *parent,
                        GError                   **error)
{
  g_autoptr(GtkPrintOperation) operation = plt_planning_print_operation_new (job);

  return gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, error);
}

gboolean
plt_planning_print_export_pdf (const PltPlanningPrintJob *job,
                               const char                *path,
                               GError                   **error)
{
  g_autoptr(GtkPrintOperation) operation = plt_planning_print_operation_new (job);

  gtk_print_operation_set_export_filename (operation, path);
  return gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, error)
         != GTK_PRINT_OPERATION_RESULT_ERROR;
}
