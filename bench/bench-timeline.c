/* bench-timeline.c — the planning timeline at scale: 500 agents × 7 days,
 * a scripted scroll and drag, each frame's time against the 16.7 ms of a
 * 60 Hz display. Run it under a display (it is no test):
 *
 *   xvfb-run -a -s "-screen 0 1600x1000x24" <builddir>/bench/bench-timeline \
 *       [--agents 500] [--frames 300]
 *
 * A frame is timed from the frame clock's before-paint to the end of its
 * after-paint: the scripted step (in a tick callback, as the drag
 * gesture's motion would run), layout, snapshot and rendering.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdlib.h>

#include <adwaita.h>

#include "plt-coverage-chart.h"
#include "../tests/plt-planning-fixture.h"
#include "plt-timeline-private.h"

#define BUDGET_US 16667

typedef enum
{
  PHASE_WARM_UP,
  PHASE_SCROLL_WEEK,
  PHASE_SCROLL_ZOOMED,
  PHASE_DRAG,
  PHASE_DONE,
} Phase;

static const char *phase_names[] = {
  "warm-up", "scroll, week fitted", "scroll, zoomed (2 px/min)", "drag (ghost tried against the rules)", "",
};

typedef struct
{
  GtkWidget           *window;
  PltTimeline         *timeline;
  PltCoverageChart    *chart;
  PltPlanningDocument *document;
  GMainLoop           *loop;
  GArray              *frames[PHASE_DONE];   /* gint64 µs */
  Phase                phase;
  guint                step;
  guint                frames_per_phase;
  gint64               frame_start;
  double               drag_x;
  double               drag_y;
  guint                n_drags;
} Bench;

static void
before_paint_cb (GdkFrameClock *clock,
                 Bench         *bench)
{
  bench->frame_start = g_get_monotonic_time ();
}

static void
after_paint_cb (GdkFrameClock *clock,
                Bench         *bench)
{
  gint64 spent;

  if (bench->frame_start == 0 || bench->phase >= PHASE_DONE)
    return;

  spent = g_get_monotonic_time () - bench->frame_start;
  g_array_append_val (bench->frames[bench->phase], spent);
  bench->frame_start = 0;
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static void
report (Bench *bench)
{
  gboolean ok = TRUE;

  g_print ("%-40s %7s %8s %8s %8s %8s %8s %6s\n", "phase", "frames", "mean", "p50", "p95", "p99", "max", ">16.7");
  for (Phase p = PHASE_SCROLL_WEEK; p < PHASE_DONE; p++)
    {
      GArray *frames = bench->frames[p];
      double mean = 0;
      guint over = 0;
      gint64 p50, p95, p99, max;

      if (frames->len == 0)
        continue;

      g_array_sort (frames, compare_gint64);
      for (guint i = 0; i < frames->len; i++)
        {
          gint64 us = g_array_index (frames, gint64, i);

          mean += us;
          if (us > BUDGET_US)
            over++;
        }
      mean /= frames->len;
      p50 = g_array_index (frames, gint64, frames->len / 2);
      p95 = g_array_index (frames, gint64, MIN (frames->len - 1, frames->len * 95 / 100));
      p99 = g_array_index (frames, gint64, MIN (frames->len - 1, frames->len * 99 / 100));
      max = g_array_index (frames, gint64, frames->len - 1);
      ok &= p99 <= BUDGET_US;

      g_print ("%-40s %7u %6.2fms %6.2fms %6.2fms %6.2fms %6.2fms %6u\n", phase_names[p], frames->len,
               mean / 1000, p50 / 1000.0, p95 / 1000.0, p99 / 1000.0, max / 1000.0, over);
    }

  g_print ("\nrows drawn in the last frame: %u of %u agents; renderer %s\n",
           _plt_timeline_get_n_drawn_rows (bench->timeline),
           plt_planning_document_get_agents (bench->document)->len,
           g_getenv ("GSK_RENDERER") != NULL ? g_getenv ("GSK_RENDERER") : "(GTK's choice)");
  g_print ("target: p99 ≤ 16.7 ms in every phase — %s\n", ok ? "met" : "NOT met");
}

/* A visible shift to drag: the first row's first shift on Tuesday. */
static void
start_drag (Bench *bench)
{
  GtkAdjustment *vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (bench->timeline));
  GPtrArray *agents = plt_planning_document_get_agents (bench->document);
  PltTimelineGeometry g;
  GDate tuesday;
  double top = gtk_adjustment_get_value (vadjustment);

  plt_timeline_get_geometry (bench->timeline, &g);
  g_date_clear (&tuesday, 1);
  plt_week_get_monday (&(PltWeek) { 2026, 48 }, &tuesday);
  g_date_add_days (&tuesday, 1);

  for (guint i = 0; i < agents->len; i++)
    {
      const PltPlanningAgent *agent = g_ptr_array_index (agents, i);
      PltAgentDay *day = plt_schedule_lookup (plt_planning_document_get_draft (bench->document), agent->id, &tuesday);
      const PltShift *shift;
      double x, y;

      if (day == NULL || day->shifts->len == 0)
        continue;
      shift = g_ptr_array_index (day->shifts, 0);
      if (!plt_timeline_get_point (bench->timeline, agent->id, shift->start + 90 * PLT_MS_PER_MINUTE, &x, &y) ||
          y < g.header_height + 20 || y > gtk_widget_get_height (GTK_WIDGET (bench->timeline)) - 20)
        continue;

      bench->drag_x = x;
      bench->drag_y = y;
      _plt_timeline_drag_begin (bench->timeline, x, y);
      (void) top;
      return;
    }

  g_error ("No shift on screen to drag");
}

static gboolean
script_cb (GtkWidget     *widget,
           GdkFrameClock *clock,
           gpointer       user_data)
{
  Bench *bench = user_data;
  GtkAdjustment *vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (bench->timeline));
  GtkAdjustment *hadjustment = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (bench->timeline));
  double vmax = gtk_adjustment_get_upper (vadjustment) - gtk_adjustment_get_page_size (vadjustment);

  bench->step++;

  switch (bench->phase)
    {
    case PHASE_WARM_UP:
      if (bench->step >= 30)
        {
          bench->phase = PHASE_SCROLL_WEEK;
          bench->step = 0;
        }
      break;

    case PHASE_SCROLL_WEEK:
      /* Down the 500 rows and back, 48 px a frame */
      gtk_adjustment_set_value (vadjustment, fmod (bench->step * 48.0, 2 * vmax) < vmax
                                             ? fmod (bench->step * 48.0, vmax)
                                             : vmax - fmod (bench->step * 48.0, vmax));
      if (bench->step >= bench->frames_per_phase)
        {
          plt_timeline_set_zoom (bench->timeline, 2.0);
          bench->phase = PHASE_SCROLL_ZOOMED;
          bench->step = 0;
        }
      break;

    case PHASE_SCROLL_ZOOMED:
      /* Both ways at once: across the week and down the agents */
      gtk_adjustment_set_value (hadjustment, fmod (bench->step * 37.0,
                                                   gtk_adjustment_get_upper (hadjustment) - gtk_adjustment_get_page_size (hadjustment)));
      gtk_adjustment_set_value (vadjustment, fmod (bench->step * 29.0, vmax));
      if (bench->step >= bench->frames_per_phase)
        {
          plt_timeline_set_fit (bench->timeline, TRUE);
          gtk_adjustment_set_value (vadjustment, vmax / 3);
          bench->phase = PHASE_DRAG;
          bench->step = 0;
        }
      break;

    case PHASE_DRAG:
      /* Drags of 60 frames, the pointer 2 px further each frame, one in
       * three crossing to the row below; each dropped (executed) */
      if (bench->step % 60 == 1)
        start_drag (bench);
      else if (bench->step % 60 == 0)
        {
          _plt_timeline_drag_end (bench->timeline, bench->drag_x, bench->drag_y);
          bench->n_drags++;
        }
      else
        {
          bench->drag_x += 2;
          if (bench->n_drags % 3 == 2 && bench->step % 60 == 30)
            bench->drag_y += 34;
          _plt_timeline_drag_update (bench->timeline, bench->drag_x, bench->drag_y);
        }
      if (bench->step >= bench->frames_per_phase && bench->step % 60 == 0)
        {
          bench->phase = PHASE_DONE;
          g_main_loop_quit (bench->loop);
          return G_SOURCE_REMOVE;
        }
      break;

    case PHASE_DONE:
    default:
      return G_SOURCE_REMOVE;
    }

  gtk_widget_queue_draw (widget);
  return G_SOURCE_CONTINUE;
}

static void
mapped_cb (GtkWidget *window,
           Bench     *bench)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  g_signal_connect (clock, "before-paint", G_CALLBACK (before_paint_cb), bench);
  g_signal_connect_after (clock, "after-paint", G_CALLBACK (after_paint_cb), bench);
  gtk_widget_add_tick_callback (GTK_WIDGET (bench->timeline), script_cb, bench, NULL);
}

int
main (int    argc,
      char **argv)
{
  guint n_agents = 500;
  guint frames = 300;
  g_autoptr(GOptionContext) context = g_option_context_new ("— the planning timeline's frame times");
  GOptionEntry entries[] = {
    { "agents", 0, 0, G_OPTION_ARG_INT, &n_agents, "Agents (default 500)", "N" },
    { "frames", 0, 0, G_OPTION_ARG_INT, &frames, "Frames per phase (default 300)", "N" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) agents = NULL;
  g_autoptr(PltSite) site = NULL;
  GtkWidget *box, *scroller;
  Bench bench = { 0 };
  PltWhatIf what_if;
  PltWeek week;
  GDate monday;
  gint64 t0;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  adw_init ();
  for (Phase p = 0; p < PHASE_DONE; p++)
    bench.frames[p] = g_array_new (FALSE, FALSE, sizeof (gint64));
  bench.frames_per_phase = frames;

  t0 = g_get_monotonic_time ();
  site = plt_fixture_site ();
  plt_fixture_week (&week);
  agents = plt_fixture_agents (n_agents, MAX (n_agents / 50, 1));
  bench.document = plt_fixture_document (agents, "t-1", &week, 1);
  g_print ("%u agents × 7 days: %u agent-days built in %.0f ms\n", n_agents,
           plt_schedule_get_n_days (plt_planning_document_get_draft (bench.document)),
           (g_get_monotonic_time () - t0) / 1000.0);

  bench.timeline = PLT_TIMELINE (plt_timeline_new ());
  plt_timeline_set_document (bench.timeline, bench.document);
  g_date_clear (&monday, 1);
  plt_week_get_monday (&week, &monday);
  plt_timeline_set_range (bench.timeline, &monday, 7);
  for (guint t = 1; t <= MAX (n_agents / 50, 1); t++)
    {
      g_autofree char *id = g_strdup_printf ("t-%u", t);

      plt_timeline_set_team_name (bench.timeline, id, plt_fixture_team_name (id));
    }

  bench.chart = PLT_COVERAGE_CHART (plt_coverage_chart_new ());
  plt_coverage_chart_set_timeline (bench.chart, bench.timeline);
  plt_what_if_init (&what_if);
  plt_coverage_chart_set_forecast (bench.chart, plt_fixture_forecast (site, &week, n_agents * 0.6), &what_if, NULL);

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (bench.timeline));
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_widget_set_size_request (GTK_WIDGET (bench.chart), -1, 200);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), scroller);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (bench.chart));

  bench.window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (bench.window), 1600, 1000);
  gtk_window_set_child (GTK_WINDOW (bench.window), box);
  g_signal_connect (bench.window, "map", G_CALLBACK (mapped_cb), &bench);

  bench.loop = g_main_loop_new (NULL, FALSE);
  gtk_window_present (GTK_WINDOW (bench.window));
  g_main_loop_run (bench.loop);

  report (&bench);

  gtk_window_destroy (GTK_WINDOW (bench.window));
  g_main_loop_unref (bench.loop);
  g_clear_object (&bench.document);
  for (Phase p = 0; p < PHASE_DONE; p++)
    g_array_unref (bench.frames[p]);

  return 0;
}
