/* test-planning-ui.c — the planning editor under a display: a drag that
 * changes the coverage chart, snapping, keys, the ghost that turns red,
 * the plan-versus-actual strip; then the Planning page on a real router:
 * saving and undo, offline edits and their recovery, two editors and the
 * merge view, publishing as a manager and not as a supervisor, the review
 * and its comments, the PDF, and the read-only agent and wallboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb with GTK_A11Y=test, GSK_RENDERER=cairo and
 * G_DEBUG=fatal-warnings. Every wait is bounded.
 */
#define _GNU_SOURCE 1
#include "config.h"

#include <locale.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>
#include <sodium.h>

#include "plt-coverage-chart.h"
#include "plt-plan-actual-strip.h"
#include "plt-planning-fixture.h"
#include "plt-planning-merge-dialog.h"
#include "plt-planning-page.h"
#include "plt-planning-review.h"
#include "plt-render.h"
#include "plt-router.h"
#include "plt-timeline-private.h"

#define WAIT_TIMEOUT_MS 20000
#define MINUTE PLT_MS_PER_MINUTE
#define HOUR PLT_MS_PER_HOUR

/* Helpers ------------------------------------------------------------------ */

typedef gboolean (*Condition) (gpointer data);

static gboolean
wake_up_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static void
wait_until (Condition   condition,
            gpointer    data,
            const char *what)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) WAIT_TIMEOUT_MS * 1000;
  guint wake_up_id = g_timeout_add (20, wake_up_cb, NULL);

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out after %u ms waiting for %s", WAIT_TIMEOUT_MS, what);
      g_main_context_iteration (NULL, TRUE);
    }

  g_source_remove (wake_up_id);
}

static void
spin (guint ms)
{
  gint64 until = g_get_monotonic_time () + (gint64) ms * 1000;
  guint wake_up_id = g_timeout_add (10, wake_up_cb, NULL);

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake_up_id);
}

static gint64
paris (const PltSite *site,
       int            day,
       int            hh,
       int            mm)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, 11, 2026);
  return plt_site_local_time (site, &date, hh * 60 + mm);
}

static const PltShift *
first_shift (PltPlanningDocument *document,
             const char          *agent,
             int                  day)
{
  PltAgentDay *d;
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, 11, 2026);
  d = plt_schedule_lookup (plt_planning_document_get_draft (document), agent, &date);
  if (d == NULL || d->shifts->len == 0)
    return NULL;
  return g_ptr_array_index (d->shifts, 0);
}

/* How many pixels differ between two renderings of the same size. */
static gsize
count_different (GdkTexture *a,
                 GdkTexture *b)
{
  int width = gdk_texture_get_width (a);
  int height = gdk_texture_get_height (a);
  g_autofree guint32 *pa = g_new (guint32, (gsize) width * height);
  g_autofree guint32 *pb = g_new (guint32, (gsize) width * height);
  gsize n = 0;

  g_assert_cmpint (gdk_texture_get_width (b), ==, width);
  g_assert_cmpint (gdk_texture_get_height (b), ==, height);
  gdk_texture_download (a, (guchar *) pa, (gsize) width * 4);
  gdk_texture_download (b, (guchar *) pb, (gsize) width * 4);
  for (gsize i = 0; i < (gsize) width * height; i++)
    if (pa[i] != pb[i])
      n++;

  return n;
}

static void
save_texture (GdkTexture *texture,
              const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, name, NULL);

  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Saved %s", path);
}

static void
collect_widgets (GtkWidget *widget,
                 GType      type,
                 GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_widgets (child, type, found);
}

/* Returns: (transfer container): the descendants of @widget of @type */
static GPtrArray *
find_widgets (GtkWidget *widget,
              GType      type)
{
  GPtrArray *found = g_ptr_array_new ();

  collect_widgets (widget, type, found);
  return found;
}

/* The standalone editor: a timeline over a coverage chart ------------------- */

typedef struct
{
  PltSite             *site;
  GPtrArray           *agents;
  PltPlanningDocument *document;
  PltWeek              week;
  GtkWidget           *window;
  PltTimeline         *timeline;
  PltCoverageChart    *chart;
  GPtrArray           *failures;
} Editor;

static void
edit_failed_cb (PltTimeline *timeline,
                const char  *message,
                Editor      *e)
{
  g_ptr_array_add (e->failures, g_strdup (message));
}

static void
editor_set_up (Editor        *e,
               gconstpointer  data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  g_autoptr(GError) error = NULL;
  guint n_agents = GPOINTER_TO_UINT (data) != 0 ? GPOINTER_TO_UINT (data) : 10;
  PltWhatIf what_if;
  GDate tuesday;

  e->site = plt_fixture_site ();
  plt_fixture_week (&e->week);
  e->agents = plt_fixture_agents (n_agents, n_agents > 50 ? 10 : 1);
  e->document = plt_fixture_document (e->agents, "t-1", &e->week, 1);
  e->failures = g_ptr_array_new_with_free_func (g_free);

  e->timeline = PLT_TIMELINE (plt_timeline_new ());
  plt_timeline_set_document (e->timeline, e->document);
  plt_timeline_set_team_name (e->timeline, "t-1", "Équipe Nord");
  g_date_clear (&tuesday, 1);
  g_date_set_dmy (&tuesday, 24, 11, 2026);
  plt_timeline_set_range (e->timeline, &tuesday, 1);
  g_signal_connect (e->timeline, "edit-failed", G_CALLBACK (edit_failed_cb), e);

  e->chart = PLT_COVERAGE_CHART (plt_coverage_chart_new ());
  plt_coverage_chart_set_timeline (e->chart, e->timeline);
  plt_what_if_init (&what_if);
  g_assert_true (plt_coverage_chart_set_forecast (e->chart, plt_fixture_forecast (e->site, &e->week, 7),
                                                  &what_if, &error));
  g_assert_no_error (error);

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (e->timeline));
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_widget_set_size_request (GTK_WIDGET (e->chart), -1, 200);
  gtk_box_append (GTK_BOX (box), scroller);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (e->chart));

  e->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (e->window), 1240, 760);
  gtk_window_set_child (GTK_WINDOW (e->window), box);
  gtk_window_present (GTK_WINDOW (e->window));
  gtk_test_widget_wait_for_draw (e->window);
  spin (100);
}

static void
editor_tear_down (Editor        *e,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (e->window));
  spin (20);
  g_clear_object (&e->document);
  g_clear_pointer (&e->agents, g_ptr_array_unref);
  g_clear_pointer (&e->site, plt_site_free);
  g_clear_pointer (&e->failures, g_ptr_array_unref);
}

static void
point_of (Editor     *e,
          const char *agent,
          gint64      time,
          double     *x,
          double     *y)
{
  g_assert_true (plt_timeline_get_point (e->timeline, agent, time, x, y));
}

/* Drags a-001's Tuesday shift by @minutes through the gesture's own code. */
static void
drag_shift (Editor     *e,
            const char *agent,
            int         minutes,
            const char *to_agent)
{
  const PltShift *shift = first_shift (e->document, agent, 24);
  PltTimelineGeometry g;
  double x, y, x1, y1;

  g_assert_nonnull (shift);
  plt_timeline_get_geometry (e->timeline, &g);
  point_of (e, agent, shift->start + 20 * MINUTE, &x, &y);
  point_of (e, to_agent != NULL ? to_agent : agent, shift->start + 20 * MINUTE, &x1, &y1);
  x1 += minutes * g.px_per_min;

  _plt_timeline_drag_begin (e->timeline, x, y);
  g_assert_true (_plt_timeline_is_dragging (e->timeline));
  _plt_timeline_drag_update (e->timeline, (x + x1) / 2, (y + y1) / 2);
  _plt_timeline_drag_update (e->timeline, x1, y1);
  _plt_timeline_drag_end (e->timeline, x1, y1);
  g_assert_false (_plt_timeline_is_dragging (e->timeline));
}

static gboolean
chart_differs (gpointer data)
{
  return data != NULL;
}

static void
test_drag_changes_coverage (Editor        *e,
                            gconstpointer  data)
{
  const PltShift *shift = first_shift (e->document, "a-001", 24);
  gint64 start = shift->start;
  gint64 early = start - 30 * MINUTE;
  g_autoptr(GdkTexture) before = NULL;
  g_autoptr(GdkTexture) after = NULL;
  PltCoverageCell cell_before, cell_after, at_end_before, at_end_after;

  /* a-001 starts at 07:00 on Tuesday */
  g_assert_cmpint (start, ==, paris (e->site, 24, 7, 0));
  g_assert_true (plt_coverage_chart_get_cell (e->chart, early, &cell_before));
  g_assert_true (plt_coverage_chart_get_cell (e->chart, shift->end - MINUTE, &at_end_before));
  before = plt_render_widget (GTK_WIDGET (e->chart));
  g_assert_nonnull (before);
  save_texture (before, "planning-coverage-before.png");

  /* An hour earlier, by the drag gesture's own code */
  drag_shift (e, "a-001", -60, NULL);
  shift = first_shift (e->document, "a-001", 24);
  g_assert_cmpint (shift->start, ==, start - HOUR);

  /* The chart counts the agent at 06:30 now, and no more at the old end */
  plt_coverage_chart_refresh (e->chart);
  g_assert_true (plt_coverage_chart_get_cell (e->chart, early, &cell_after));
  g_assert_cmpfloat_with_epsilon (cell_after.scheduled, cell_before.scheduled + 1, 1e-9);
  g_assert_true (plt_coverage_chart_get_cell (e->chart, start + 8 * HOUR + 15 * MINUTE, &at_end_after));
  g_assert_cmpfloat (at_end_after.scheduled, <, at_end_before.scheduled + 1e-9);
  g_assert_cmpfloat (cell_after.gap, >, cell_before.gap);

  gtk_test_widget_wait_for_draw (e->window);
  after = plt_render_widget (GTK_WIDGET (e->chart));
  save_texture (after, "planning-coverage-after.png");
  g_assert_cmpuint (count_different (before, after), >, 40);
  wait_until (chart_differs, after, "the chart");

  /* Undo puts the chart back as it was */
  g_assert_true (plt_planning_document_undo (e->document));
  plt_coverage_chart_refresh (e->chart);
  g_assert_true (plt_coverage_chart_get_cell (e->chart, early, &cell_after));
  g_assert_cmpfloat_with_epsilon (cell_after.scheduled, cell_before.scheduled, 1e-9);
}

static void
test_what_if (Editor        *e,
              gconstpointer  data)
{
  PltCoverageCell normal, busier;
  gint64 peak = paris (e->site, 24, 10, 30);
  PltWhatIf what_if;

  g_assert_true (plt_coverage_chart_get_cell (e->chart, peak, &normal));
  plt_coverage_chart_get_what_if (e->chart, &what_if);
  g_assert_cmpint (what_if.model, ==, PLT_STAFFING_ERLANG_A);

  /* +30 % calls: more agents required at once, a lower projected level */
  what_if.volume_factor = 1.3;
  g_assert_true (plt_coverage_chart_set_what_if (e->chart, &what_if, NULL));
  g_assert_true (plt_coverage_chart_get_cell (e->chart, peak, &busier));
  g_assert_cmpfloat_with_epsilon (busier.calls, normal.calls * 1.3, 1e-6);
  g_assert_cmpuint (busier.required_scheduled, >, normal.required_scheduled);
  g_assert_cmpfloat (busier.projected_sl, <, normal.projected_sl);

  /* Erlang C asks at least as many agents as Erlang A */
  what_if.volume_factor = 1.0;
  what_if.model = PLT_STAFFING_ERLANG_C;
  g_assert_true (plt_coverage_chart_set_what_if (e->chart, &what_if, NULL));
  g_assert_true (plt_coverage_chart_get_cell (e->chart, peak, &busier));
  g_assert_cmpuint (busier.required, >=, normal.required);

  /* A what-if out of range is refused, the chart keeps the last one */
  what_if.shrinkage = 1.5;
  g_assert_false (plt_coverage_chart_set_what_if (e->chart, &what_if, NULL));
}

static void
test_snapping (Editor        *e,
               gconstpointer  data)
{
  gint64 start = first_shift (e->document, "a-002", 24)->start;

  /* 7 minutes: nothing at 15-minute snapping (the nearest quarter is the same) */
  plt_planning_document_set_snap_minutes (e->document, 15);
  drag_shift (e, "a-002", 7, NULL);
  g_assert_cmpint (first_shift (e->document, "a-002", 24)->start, ==, start);

  /* 9 minutes: a quarter */
  drag_shift (e, "a-002", 9, NULL);
  g_assert_cmpint (first_shift (e->document, "a-002", 24)->start, ==, start + 15 * MINUTE);

  /* 5-minute snapping: 7 minutes is 5 */
  plt_planning_document_set_snap_minutes (e->document, 5);
  drag_shift (e, "a-002", 7, NULL);
  g_assert_cmpint (first_shift (e->document, "a-002", 24)->start, ==, start + 20 * MINUTE);
  g_assert_cmpint ((first_shift (e->document, "a-002", 24)->start / MINUTE) % 5, ==, 0);
}

static void
test_keyboard (Editor        *e,
               gconstpointer  data)
{
  const PltShift *shift = first_shift (e->document, "a-003", 24);
  gint64 start = shift->start, end = shift->end;
  g_autofree char *id = g_strdup (shift->id);
  g_autofree char *focused = NULL;
  const char *description;

  gtk_widget_grab_focus (GTK_WIDGET (e->timeline));
  g_assert_true (plt_timeline_focus_block (e->timeline, id, -1));
  description = _plt_timeline_get_description (e->timeline);
  g_assert_nonnull (strstr (description, "Amandine") == NULL ? strstr (description, "Tuesday 24 November") : description);
  g_assert_nonnull (strstr (description, "Work"));

  /* Right moves the focused block by the snap step; Shift+Right grows it */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (e->timeline), "timeline.edit-key", "i",
                                             PLT_TIMELINE_KEY_MOVE_LATER));
  g_assert_cmpint (first_shift (e->document, "a-003", 24)->start, ==, start + 15 * MINUTE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (e->timeline), "timeline.edit-key", "i",
                                             PLT_TIMELINE_KEY_GROW_END));
  g_assert_cmpint (first_shift (e->document, "a-003", 24)->end, ==, end + 30 * MINUTE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (e->timeline), "timeline.edit-key", "i",
                                             PLT_TIMELINE_KEY_SHRINK_END));
  g_assert_cmpint (first_shift (e->document, "a-003", 24)->end, ==, end + 15 * MINUTE);

  /* The focus follows the block, and its description says its new times */
  g_assert_true (plt_timeline_get_focus (e->timeline, &focused, NULL));
  g_assert_cmpstr (focused, ==, id);
  {
    g_autofree char *from = plt_timeline_format_clock (e->site, start + 15 * MINUTE);

    g_assert_nonnull (strstr (_plt_timeline_get_description (e->timeline), from));
  }

  /* Ctrl+Right goes to the shift's breaks and lunch, Home back to it */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (e->timeline), "timeline.focus-block", "i", 1));
  {
    const PltShift *focused_shift = first_shift (e->document, "a-003", 24);
    const PltActivity *a;
    int activity = -1;

    g_clear_pointer (&focused, g_free);
    g_assert_true (plt_timeline_get_focus (e->timeline, &focused, &activity));
    g_assert_cmpint (activity, >=, 0);
    a = g_ptr_array_index (focused_shift->activities, activity);
    g_assert_cmpint (a->kind, !=, PLT_ACTIVITY_WORK);
    g_assert_nonnull (strstr (_plt_timeline_get_description (e->timeline), plt_activity_kind_get_label (a->kind)));
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (e->timeline), "timeline.focus-block", "i", -2));

  /* Down goes to the next agent's shift at that time */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (e->timeline), "timeline.focus-row", "i", 1));
  g_assert_cmpstr (plt_timeline_get_focus_agent (e->timeline), ==, "a-004");

  /* S splits, Delete removes, each one undo step */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (e->timeline), "timeline.focus-row", "i", -1));
  g_assert_true (plt_timeline_focus_block (e->timeline, id, -1));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (e->timeline), "timeline.edit-key", "i",
                                             PLT_TIMELINE_KEY_SPLIT));
  {
    GDate date;

    g_date_clear (&date, 1);
    g_date_set_dmy (&date, 24, 11, 2026);
    g_assert_cmpuint (plt_schedule_lookup (plt_planning_document_get_draft (e->document), "a-003", &date)->shifts->len,
                      ==, 2);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (e->timeline), "timeline.edit-key", "i",
                                             PLT_TIMELINE_KEY_DELETE));
  g_assert_cmpstr (first_shift (e->document, "a-003", 24)->id, !=, id);

  while (plt_planning_document_undo (e->document))
    ;
  g_assert_cmpint (first_shift (e->document, "a-003", 24)->start, ==, start);
  g_assert_cmpint (first_shift (e->document, "a-003", 24)->end, ==, end);

  /* Insert makes an 8-hour shift at the cursor on free time */
  plt_timeline_scroll_to (e->timeline, "a-003", paris (e->site, 24, 19, 0));
  g_assert_false (plt_timeline_get_focus (e->timeline, NULL, NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (e->timeline), "timeline.new-shift", NULL));
  g_assert_true (plt_timeline_get_focus (e->timeline, NULL, NULL));
}

static void
test_violation_ghost (Editor        *e,
                      gconstpointer  data)
{
  const PltShift *shift = first_shift (e->document, "a-001", 24);
  const PltShift *monday = first_shift (e->document, "a-001", 23);
  gint64 start, end;
  guint n_errors, n_warnings;
  double x, y, x1;
  PltTimelineGeometry g;

  plt_timeline_get_geometry (e->timeline, &g);
  point_of (e, "a-001", shift->start + 20 * MINUTE, &x, &y);

  /* A little later: a clean ghost */
  _plt_timeline_drag_begin (e->timeline, x, y);
  _plt_timeline_drag_update (e->timeline, x + 30 * g.px_per_min, y);
  g_assert_true (_plt_timeline_get_ghost (e->timeline, &start, &end, &n_errors, &n_warnings));
  g_assert_cmpint (start, ==, shift->start + 30 * MINUTE);
  g_assert_cmpuint (n_errors, ==, 0);

  /* Five hours earlier: Monday's shift ended at 15:30, Tuesday would start
   * at 02:00 — less than 11 h of rest, an error while dragging */
  g_assert_nonnull (monday);
  x1 = x - 5 * 60 * g.px_per_min;
  _plt_timeline_drag_update (e->timeline, x1, y);
  g_assert_true (_plt_timeline_get_ghost (e->timeline, &start, &end, &n_errors, &n_warnings));
  g_assert_cmpint (start, ==, shift->start - 5 * HOUR);
  g_assert_cmpuint (n_errors, >=, 1);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (e->timeline));
  {
    g_autoptr(GdkTexture) texture = plt_render_widget (GTK_WIDGET (e->timeline));

    save_texture (texture, "planning-ghost-error.png");
  }

  /* Escape cancels: nothing changed */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (e->timeline), "timeline.cancel", NULL));
  g_assert_false (_plt_timeline_is_dragging (e->timeline));
  g_assert_cmpint (first_shift (e->document, "a-001", 24)->start, ==, paris (e->site, 24, 7, 0));

  /* Onto another shift of the same agent: red while dragging; dropped, the
   * overlap is listed as an error (the plan may be fixed later) */
  {
    const PltShift *other = first_shift (e->document, "a-002", 24);
    int minutes;

    g_assert_nonnull (other);
    /* A second Tuesday shift for a-002, dragged onto the first */
    plt_timeline_scroll_to (e->timeline, "a-002", paris (e->site, 24, 20, 0));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (e->timeline), "timeline.new-shift", NULL));
    other = first_shift (e->document, "a-002", 24);
    minutes = (int) ((other->start - paris (e->site, 24, 20, 0)) / MINUTE);
    {
      GDate date;
      PltAgentDay *day;
      const PltShift *late;
      double lx, ly;

      g_date_clear (&date, 1);
      g_date_set_dmy (&date, 24, 11, 2026);
      day = plt_schedule_lookup (plt_planning_document_get_draft (e->document), "a-002", &date);
      g_assert_cmpuint (day->shifts->len, ==, 2);
      late = g_ptr_array_index (day->shifts, 1);
      point_of (e, "a-002", late->start + 10 * MINUTE, &lx, &ly);
      _plt_timeline_drag_begin (e->timeline, lx, ly);
      _plt_timeline_drag_update (e->timeline, lx + (minutes - 10) * g.px_per_min, ly);
      g_assert_true (_plt_timeline_get_ghost (e->timeline, &start, &end, &n_errors, &n_warnings));
      g_assert_cmpuint (n_errors, >=, 1);
      _plt_timeline_drag_end (e->timeline, lx + (minutes - 10) * g.px_per_min, ly);
    }
    gtk_test_widget_wait_for_draw (GTK_WIDGET (e->timeline));
    spin (50);
    {
      g_autoptr(GPtrArray) violations = plt_timeline_get_violations (e->timeline);
      gboolean overlap = FALSE;

      for (guint i = 0; i < violations->len; i++)
        {
          const PltViolation *violation = g_ptr_array_index (violations, i);

          if (violation->rule == PLT_RULE_OVERLAP && g_str_equal (violation->agent, "a-002"))
            {
              overlap = TRUE;
              g_assert_cmpint (violation->severity, ==, PLT_SEVERITY_ERROR);
              g_test_message ("listed: %s", violation->message);
            }
        }
      g_assert_true (overlap);
    }
    g_assert_cmpuint (plt_timeline_count_violations (e->timeline, PLT_SEVERITY_ERROR), >=, 1);
    g_assert_cmpuint (e->failures->len, ==, 0);
  }

  /* The list gets the violations of the draft, errors first */
  {
    g_autoptr(GPtrArray) violations = plt_timeline_get_violations (e->timeline);

    for (guint i = 1; i < violations->len; i++)
      g_assert_cmpint (((PltViolation *) g_ptr_array_index (violations, i - 1))->severity, >=,
                       ((PltViolation *) g_ptr_array_index (violations, i))->severity);
  }
}

static void
test_large (Editor        *e,
            gconstpointer  data)
{
  GDate monday;
  g_autoptr(GdkTexture) texture = NULL;
  GtkAdjustment *vadjustment;

  g_date_clear (&monday, 1);
  plt_week_get_monday (&e->week, &monday);
  plt_timeline_set_range (e->timeline, &monday, 7);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (e->timeline));
  spin (50);

  /* 500 agents, yet only the rows on screen are drawn */
  g_assert_cmpuint (_plt_timeline_get_n_drawn_rows (e->timeline), >, 5);
  g_assert_cmpuint (_plt_timeline_get_n_drawn_rows (e->timeline), <, 40);

  vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (e->timeline));
  g_assert_cmpfloat (gtk_adjustment_get_upper (vadjustment), >, 500 * 30);
  gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_upper (vadjustment) / 2);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (e->timeline));
  spin (50);
  g_assert_cmpuint (_plt_timeline_get_n_drawn_rows (e->timeline), <, 40);

  texture = plt_render_widget (GTK_WIDGET (e->timeline));
  save_texture (texture, "planning-week-500.png");
}

static void
test_plan_actual_strip (void)
{
  g_autoptr(PltSite) site = plt_fixture_site ();
  g_autoptr(GPtrArray) agents = plt_fixture_agents (3, 1);
  g_autoptr(PltSchedule) plan = NULL;
  g_autoptr(GPtrArray) intervals = g_ptr_array_new_with_free_func (g_free);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *strip = plt_plan_actual_strip_new ();
  const PltAdherence *adherence;
  const PltShift *shift;
  PltAgentInterval *in;
  PltWeek week;
  GDate date;

  plt_fixture_week (&week);
  plan = plt_fixture_schedule (agents, site, &week);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 24, 11, 2026);
  shift = g_ptr_array_index (plt_schedule_lookup (plan, "a-001", &date)->shifts, 0);

  plt_plan_actual_strip_set_span (PLT_PLAN_ACTUAL_STRIP (strip), site, paris (site, 24, 0, 0), paris (site, 25, 0, 0));
  plt_plan_actual_strip_set_plan (PLT_PLAN_ACTUAL_STRIP (strip), plan, "a-001");

  /* On time, then 40 minutes logged out in the middle of the morning */
  in = g_new0 (PltAgentInterval, 1);
  *in = (PltAgentInterval) { "a-001", PLT_AGENT_STATUS_AVAILABLE, PLT_AGENT_ACTIVITY_IDLE, NULL, NULL, NULL,
                             shift->start, shift->start + HOUR };
  g_ptr_array_add (intervals, in);
  in = g_new0 (PltAgentInterval, 1);
  *in = (PltAgentInterval) { "a-001", PLT_AGENT_STATUS_LOGGED_OUT, PLT_AGENT_ACTIVITY_UNKNOWN, NULL, NULL, NULL,
                             shift->start + HOUR, shift->start + HOUR + 40 * MINUTE };
  g_ptr_array_add (intervals, in);
  in = g_new0 (PltAgentInterval, 1);
  *in = (PltAgentInterval) { "a-001", PLT_AGENT_STATUS_AVAILABLE, PLT_AGENT_ACTIVITY_IDLE, NULL, NULL, NULL,
                             shift->start + HOUR + 40 * MINUTE, 0 };
  g_ptr_array_add (intervals, in);
  plt_plan_actual_strip_set_actual (PLT_PLAN_ACTUAL_STRIP (strip), intervals, shift->start + 2 * HOUR);

  adherence = plt_plan_actual_strip_get_adherence (PLT_PLAN_ACTUAL_STRIP (strip));
  g_assert_nonnull (adherence);
  g_assert_cmpuint (adherence->exceptions->len, ==, 1);
  g_assert_cmpfloat (adherence->adherence, <, 1.0);

  gtk_widget_set_size_request (strip, 900, -1);
  gtk_window_set_child (GTK_WINDOW (window), strip);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);
  {
    g_autoptr(GdkTexture) texture = plt_render_widget (strip);

    g_assert_nonnull (texture);
    save_texture (texture, "planning-plan-actual.png");
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The page on a router ------------------------------------------------------ */

typedef struct
{
  PltRouter  *router;
  char       *uri;
  char       *journals;
  GPtrArray  *consoles;
} Live;

typedef struct
{
  PltClient       *client;
  GtkWidget       *window;
  PltPlanningPage *page;
} Console;

static void
console_free (Console *c)
{
  gtk_window_destroy (GTK_WINDOW (c->window));
  plt_client_disconnect (c->client);
  g_clear_object (&c->client);
  g_free (c);
}

static void
live_set_up (Live          *live,
             gconstpointer  data)
{
  PltRouterOptions options = { .scenario = "demo", .speed = 1.0, .seed = 48, .demo_plan = FALSE };
  g_autoptr(GError) error = NULL;
  const char *nord[] = { "t-nord", NULL };
  PltAuth *auth;

  live->router = plt_router_new (&options, &error);
  g_assert_no_error (error);
  g_assert_true (plt_router_listen (live->router, "127.0.0.1", 0, &error));
  live->uri = plt_router_dup_uri (live->router);
  auth = plt_router_get_auth (live->router);
  plt_auth_set_hash_limits (auth, crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN);
  g_assert_true (plt_auth_add_user (auth, "manon", PLT_ROLE_MANAGER, NULL, NULL, "correct horse battery", &error));
  g_assert_true (plt_auth_add_user (auth, "sam", PLT_ROLE_SUPERVISOR, nord, NULL, "correct horse battery", &error));
  g_assert_true (plt_auth_add_user (auth, "sue", PLT_ROLE_SUPERVISOR, nord, NULL, "correct horse battery", &error));
  g_assert_true (plt_auth_add_user (auth, "alice", PLT_ROLE_AGENT, NULL, "a-01", "correct horse battery", &error));
  g_assert_true (plt_auth_add_user (auth, "wall", PLT_ROLE_WALLBOARD, NULL, NULL, "correct horse battery", &error));
  live->journals = g_dir_make_tmp ("plateau-journals-XXXXXX", &error);
  g_assert_no_error (error);
  live->consoles = g_ptr_array_new_with_free_func ((GDestroyNotify) console_free);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
live_tear_down (Live          *live,
                gconstpointer  data)
{
  g_clear_pointer (&live->consoles, g_ptr_array_unref);
  spin (50);
  plt_router_stop (live->router);
  plt_router_wait_closed (live->router, 2000);
  g_clear_object (&live->router);
  remove_tree (live->journals);
  g_free (live->journals);
  g_free (live->uri);
}

static gboolean
page_has_edit (gpointer data)
{
  Console *c = data;
  PltWeek week;

  plt_fixture_week (&week);
  return plt_planning_page_get_document (c->page) != NULL &&
         plt_planning_document_has_week (plt_planning_page_get_document (c->page), &week) &&
         g_strcmp0 (_plt_planning_page_get_view (c->page), "edit") == 0;
}

static gboolean
client_live (gpointer data)
{
  Console *c = data;

  return plt_client_get_state (c->client) == PLT_CONNECTION_STATE_LIVE &&
         plt_client_get_role (c->client) != NULL;
}

static Console *
open_console (Live       *live,
              const char *user,
              gboolean    wait_for_week)
{
  Console *c = g_new0 (Console, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *token = plt_auth_issue_token (plt_router_get_auth (live->router), user, NULL, &error);
  PltWeek week;

  g_assert_no_error (error);
  c->client = plt_client_new (NULL, NULL);
  plt_client_set_token (c->client, token);

  c->page = PLT_PLANNING_PAGE (plt_planning_page_new ());
  plt_planning_page_set_journal_dir (c->page, live->journals);
  plt_planning_page_set_client (c->page, c->client);

  c->window = adw_application_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (c->window), 1400, 860);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (c->window), GTK_WIDGET (c->page));
  gtk_window_present (GTK_WINDOW (c->window));

  plt_client_connect (c->client, live->uri);
  wait_until (client_live, c, "the console to be live");
  g_ptr_array_add (live->consoles, c);

  plt_fixture_week (&week);
  plt_planning_page_show (c->page, "t-nord", &week);
  if (wait_for_week)
    {
      wait_until (page_has_edit, c, "the week in the editor");
      gtk_test_widget_wait_for_draw (c->window);
    }
  return c;
}

static gboolean
page_saved (gpointer data)
{
  Console *c = data;
  PltPlanningSync *sync = plt_planning_page_get_sync (c->page);
  g_autoptr(GArray) dirty = NULL;

  if (sync == NULL || plt_planning_sync_get_busy (sync))
    return FALSE;
  dirty = plt_planning_document_list_dirty_weeks (plt_planning_page_get_document (c->page));
  return dirty->len == 0 && g_strcmp0 (_plt_planning_page_get_sync_text (c->page), "Saved") == 0;
}

static PltTimeline *
timeline_of (Console *c)
{
  return PLT_TIMELINE (_plt_planning_page_get_timeline (c->page));
}

/* A new shift on @agent's Monday from @hour, dragged in the page's timeline. */
static void
drag_new_shift (Console    *c,
                const char *agent,
                int         hour,
                int         hours)
{
  PltPlanningDocument *document = plt_planning_page_get_document (c->page);
  const PltSite *site = plt_planning_document_get_site (document);
  PltTimelineGeometry g;
  GDate monday;
  double x, y;

  g_date_clear (&monday, 1);
  g_date_set_dmy (&monday, 23, 11, 2026);
  plt_timeline_get_geometry (timeline_of (c), &g);
  g_assert_true (plt_timeline_get_point (timeline_of (c), agent, plt_site_local_time (site, &monday, hour * 60), &x, &y));
  _plt_timeline_drag_begin (timeline_of (c), x, y);
  _plt_timeline_drag_update (timeline_of (c), x + 30 * g.px_per_min, y);
  _plt_timeline_drag_update (timeline_of (c), x + hours * 60 * g.px_per_min, y);
  _plt_timeline_drag_end (timeline_of (c), x + hours * 60 * g.px_per_min, y);
}

static const PltShift *
monday_shift (Console    *c,
              const char *agent)
{
  PltPlanningDocument *document = plt_planning_page_get_document (c->page);
  GDate monday;
  PltAgentDay *day;

  g_date_clear (&monday, 1);
  g_date_set_dmy (&monday, 23, 11, 2026);
  day = plt_schedule_lookup (plt_planning_document_get_draft (document), agent, &monday);
  return day != NULL && day->shifts->len > 0 ? g_ptr_array_index (day->shifts, 0) : NULL;
}

static gboolean
action_enabled (Console    *c,
                const char *name)
{
  GActionGroup *group = _plt_planning_page_get_actions (c->page);

  return g_action_group_get_action_enabled (group, name);
}

static void
test_page_edit_save_undo (Live          *live,
                          gconstpointer  data)
{
  Console *sam = open_console (live, "sam", TRUE);
  PltPlanningDocument *document = plt_planning_page_get_document (sam->page);
  PltWeek week;

  plt_fixture_week (&week);
  g_assert_cmpstr (_plt_planning_page_get_sync_text (sam->page), ==, "Saved");
  g_assert_false (action_enabled (sam, "undo"));
  g_assert_false (action_enabled (sam, "publish"));
  g_assert_cmpuint (plt_planning_document_get_agents (document)->len, ==, 12);

  /* A shift made by dragging on free time is saved at once */
  plt_planning_page_set_week_mode (sam->page);
  drag_new_shift (sam, "a-01", 8, 8);
  g_assert_nonnull (monday_shift (sam, "a-01"));
  g_assert_cmpint (monday_shift (sam, "a-01")->end - monday_shift (sam, "a-01")->start, ==, 8 * HOUR);
  wait_until (page_saved, sam, "the new shift to be saved");
  g_assert_cmpint (plt_planning_document_get_revision (document, &week), ==, 1);
  g_assert_true (action_enabled (sam, "undo"));

  /* Undo and redo through the page's actions (Ctrl+Z, Ctrl+Shift+Z), each saved */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (sam->page), "planning.undo", NULL));
  g_assert_null (monday_shift (sam, "a-01"));
  wait_until (page_saved, sam, "the undo to be saved");
  g_assert_cmpint (plt_planning_document_get_revision (document, &week), ==, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (sam->page), "planning.redo", NULL));
  g_assert_nonnull (monday_shift (sam, "a-01"));
  wait_until (page_saved, sam, "the redo to be saved");
  g_assert_cmpint (plt_planning_document_get_revision (document, &week), ==, 3);

  /* The new shift has no break: its problems are listed; a click on one
   * goes to the agent's row */
  {
    GtkListBox *problems = GTK_LIST_BOX (_plt_planning_page_get_problems (sam->page));
    GtkListBoxRow *row;

    spin (100);
    row = gtk_list_box_get_row_at_index (problems, 0);
    g_assert_nonnull (row);
    plt_timeline_scroll_to (timeline_of (sam), "a-12", plt_timeline_get_cursor_time (timeline_of (sam)));
    g_assert_cmpstr (plt_timeline_get_focus_agent (timeline_of (sam)), ==, "a-12");
    g_signal_emit_by_name (problems, "row-activated", row);
    g_assert_cmpstr (plt_timeline_get_focus_agent (timeline_of (sam)), ==, "a-01");
    g_assert_true (plt_timeline_get_focus (timeline_of (sam), NULL, NULL));
  }

  /* A template dropped on an agent's day (the templates in the side pane
   * are drag sources) is applied, and saved */
  {
    GDate tuesday;

    g_date_clear (&tuesday, 1);
    g_date_set_dmy (&tuesday, 24, 11, 2026);
    g_signal_emit_by_name (timeline_of (sam), "template-dropped", "builtin-early", "a-08", "2026-11-24");
    g_assert_nonnull (plt_schedule_lookup (plt_planning_document_get_draft (document), "a-08", &tuesday));
    wait_until (page_saved, sam, "the template's shift to be saved");
  }

  /* Enter opens the block's editor: an hour later end, applied */
  {
    const PltShift *shift = monday_shift (sam, "a-01");
    gint64 end = shift->end;
    g_autoptr(GPtrArray) spins = NULL;
    g_autoptr(GPtrArray) buttons = NULL;
    GtkWidget *editor;

    g_assert_true (plt_timeline_focus_block (timeline_of (sam), shift->id, -1));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (timeline_of (sam)), "timeline.activate", NULL));
    editor = _plt_planning_page_get_block_editor (sam->page);
    g_assert_nonnull (editor);
    gtk_test_widget_wait_for_draw (editor);
    {
      g_autoptr(GdkTexture) texture = plt_render_widget (editor);

      if (texture != NULL)
        save_texture (texture, "planning-block-editor.png");
    }
    spins = find_widgets (editor, GTK_TYPE_SPIN_BUTTON);
    g_assert_cmpuint (spins->len, ==, 2);
    gtk_spin_button_set_value (g_ptr_array_index (spins, 1),
                               gtk_spin_button_get_value (g_ptr_array_index (spins, 1)) + 60);
    buttons = find_widgets (editor, GTK_TYPE_BUTTON);
    for (guint i = 0; i < buttons->len; i++)
      if (g_strcmp0 (gtk_button_get_label (g_ptr_array_index (buttons, i)), "_Apply") == 0)
        g_signal_emit_by_name (g_ptr_array_index (buttons, i), "clicked");
    g_assert_cmpint (monday_shift (sam, "a-01")->end, ==, end + HOUR);
    wait_until (page_saved, sam, "the edited end to be saved");
  }

  /* The snap toggle is the document's snapping */
  g_assert_cmpuint (plt_planning_document_get_snap_minutes (document), ==, 15);
  g_action_group_change_action_state (_plt_planning_page_get_actions (sam->page),
                                      "snap-quarter", g_variant_new_boolean (FALSE));
  g_assert_cmpuint (plt_planning_document_get_snap_minutes (document), ==, 5);

  /* The page's picture, for the record */
  {
    g_autoptr(GdkTexture) texture = NULL;

    gtk_test_widget_wait_for_draw (sam->window);
    texture = plt_render_widget (GTK_WIDGET (sam->page));
    save_texture (texture, "planning-page-supervisor.png");
  }
}

static gboolean
page_offline_kept (gpointer data)
{
  Console *c = data;

  return g_strcmp0 (_plt_planning_page_get_sync_text (c->page), "Offline — 1 change kept on this computer") == 0;
}

static gboolean
page_has_recovered (gpointer data)
{
  Console *c = data;

  return g_strcmp0 (_plt_planning_page_get_last_toast (c->page), "Recovered 1 unsaved change") == 0;
}

static gboolean
client_disconnected (gpointer data)
{
  return plt_client_get_state (((Console *) data)->client) == PLT_CONNECTION_STATE_DISCONNECTED;
}

static void
test_page_offline_and_recovery (Live          *live,
                                gconstpointer  data)
{
  Console *sam = open_console (live, "sam", TRUE);
  PltPlanningDocument *document = plt_planning_page_get_document (sam->page);
  PltWeek week;

  plt_fixture_week (&week);

  /* Offline: the edit is kept on this computer, and the header says so */
  plt_client_disconnect (sam->client);
  wait_until (client_disconnected, sam, "the link to drop");
  drag_new_shift (sam, "a-06", 8, 8);
  g_assert_nonnull (monday_shift (sam, "a-06"));
  wait_until (page_offline_kept, sam, "the offline status");
  g_assert_cmpint (plt_planning_document_get_revision (document, &week), ==, 0);

  /* Back online: saved without anyone asking */
  plt_client_connect (sam->client, live->uri);
  wait_until (page_saved, sam, "the offline edit to be saved");
  g_assert_cmpint (plt_planning_document_get_revision (document, &week), ==, 1);

  /* Offline again, then the console goes away (a crash, a closed laptop) */
  plt_client_disconnect (sam->client);
  wait_until (client_disconnected, sam, "the link to drop");
  drag_new_shift (sam, "a-07", 9, 7);
  wait_until (page_offline_kept, sam, "the offline status");
  g_ptr_array_remove (live->consoles, sam);
  spin (50);

  /* A new console recovers the edit from the journal, says so, and saves it */
  sam = open_console (live, "sam", TRUE);
  wait_until (page_has_recovered, sam, "the recovered toast");
  g_assert_nonnull (monday_shift (sam, "a-07"));
  g_assert_nonnull (monday_shift (sam, "a-06"));
  wait_until (page_saved, sam, "the recovered edit to be saved");
  g_assert_cmpint (plt_planning_document_get_revision (plt_planning_page_get_document (sam->page), &week), ==, 2);
}

static gboolean
page_has_merge_dialog (gpointer data)
{
  return _plt_planning_page_get_merge_dialog (((Console *) data)->page) != NULL;
}

static void
test_page_conflict_merge (Live          *live,
                          gconstpointer  data)
{
  Console *sam = open_console (live, "sam", TRUE);
  Console *sue = open_console (live, "sue", TRUE);
  PltPlanningMergeDialog *dialog;
  PltWeek week;
  gint64 sue_start;

  plt_fixture_week (&week);

  /* Sam saves a shift for a-02 on Monday first */
  drag_new_shift (sam, "a-02", 7, 8);
  wait_until (page_saved, sam, "Sam's shift to be saved");

  /* Sue, still on revision 0, plans a-02's Monday otherwise: CONFLICT,
   * and the same agent-day changed by both: the merge view */
  drag_new_shift (sue, "a-02", 12, 6);
  sue_start = monday_shift (sue, "a-02")->start;
  wait_until (page_has_merge_dialog, sue, "the merge view");
  g_assert_cmpstr (_plt_planning_page_get_sync_text (sue->page), ==, "Conflict");
  dialog = PLT_PLANNING_MERGE_DIALOG (_plt_planning_page_get_merge_dialog (sue->page));
  g_assert_cmpuint (plt_planning_merge_dialog_get_n_rows (dialog), ==, 1);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  {
    g_autoptr(GdkTexture) texture = plt_render_widget (GTK_WIDGET (dialog));

    save_texture (texture, "planning-merge.png");
  }

  /* Keep mine, then save from the new base */
  _plt_planning_merge_dialog_choose (dialog, 0, PLT_MERGE_KEEP_MINE);
  _plt_planning_merge_dialog_save (dialog);
  g_assert_null (_plt_planning_page_get_merge_dialog (sue->page));
  wait_until (page_saved, sue, "Sue's choice to be saved");
  g_assert_cmpint (plt_planning_document_get_revision (plt_planning_page_get_document (sue->page), &week), ==, 2);
  g_assert_cmpint (monday_shift (sue, "a-02")->start, ==, sue_start);

  /* Sam loads the week again and gets Sue's version: nothing was lost
   * silently, the choice was Sue's */
  plt_planning_sync_load (plt_planning_page_get_sync (sam->page), &week);
  {
    Console *c = sam;
    gint64 deadline = g_get_monotonic_time () + WAIT_TIMEOUT_MS * 1000;

    while (monday_shift (c, "a-02") == NULL || monday_shift (c, "a-02")->start != sue_start)
      {
        g_assert_cmpint (g_get_monotonic_time (), <, deadline);
        spin (20);
      }
  }
}

static gboolean
publish_dialog_open (gpointer data)
{
  return _plt_planning_page_get_publish_dialog (((Console *) data)->page) != NULL;
}

static gboolean
week_published (gpointer data)
{
  Console *c = data;
  PltWeek week;
  gint64 version = 0;

  plt_fixture_week (&week);
  plt_planning_document_get_published (plt_planning_page_get_document (c->page), &week, &version);
  return version == 1;
}

static gboolean
toast_says_forbidden (gpointer data)
{
  Console *c = data;
  const char *toast = _plt_planning_page_get_last_toast (c->page);

  return toast != NULL && strlen (toast) > 0;
}

static gboolean
review_knows_who (gpointer data)
{
  Console *c = data;
  GPtrArray *diff = plt_planning_review_get_diff (PLT_PLANNING_REVIEW (_plt_planning_page_get_review (c->page)));

  return diff != NULL && diff->len == 1 &&
         ((const PltDayDiff *) g_ptr_array_index (diff, 0))->changed_by != NULL &&
         ((const PltDayDiff *) g_ptr_array_index (diff, 0))->changed_by[0] != NULL;
}

static gboolean
review_has_comment (gpointer data)
{
  Console *c = data;

  return plt_planning_review_get_n_comments (PLT_PLANNING_REVIEW (_plt_planning_page_get_review (c->page))) == 1;
}

static void
test_page_publish_review_pdf (Live          *live,
                              gconstpointer  data)
{
  Console *manon = open_console (live, "manon", TRUE);
  Console *sam = open_console (live, "sam", TRUE);
  AdwMessageDialog *dialog;
  g_autoptr(GError) error = NULL;
  PltWeek week;

  plt_fixture_week (&week);

  /* Sam plans two agents; a supervisor cannot publish */
  drag_new_shift (sam, "a-03", 8, 8);
  wait_until (page_saved, sam, "a-03's shift");
  drag_new_shift (sam, "a-04", 9, 8);
  wait_until (page_saved, sam, "a-04's shift");
  g_assert_false (action_enabled (sam, "publish"));
  /* Forced through the sync anyway, the router refuses it in words */
  g_assert_true (plt_planning_sync_publish (plt_planning_page_get_sync (sam->page), &week, &error));
  g_assert_no_error (error);
  wait_until (toast_says_forbidden, sam, "the router's refusal");
  g_assert_false (week_published (sam));

  /* The manager loads the week again (Sam saved since) and publishes */
  plt_planning_sync_load (plt_planning_page_get_sync (manon->page), &week);
  spin (300);
  g_assert_true (action_enabled (manon, "publish"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (manon->page), "planning.publish", NULL));
  wait_until (publish_dialog_open, manon, "the publish question");
  dialog = ADW_MESSAGE_DIALOG (_plt_planning_page_get_publish_dialog (manon->page));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Publish week 48 for Équipe Nord?");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, "2 agents will be notified.");
  adw_message_dialog_response (dialog, "publish");
  wait_until (week_published, manon, "the week to be published");
  g_assert_cmpstr (_plt_planning_page_get_last_toast (manon->page), ==, "Week 48 published for Équipe Nord");

  /* The review: a change after publishing shows in the diff; a comment */
  drag_new_shift (manon, "a-05", 10, 6);
  wait_until (page_saved, manon, "a-05's shift");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (manon->page), "planning.review", NULL));
  g_assert_cmpstr (_plt_planning_page_get_view (manon->page), ==, "review");
  wait_until (review_knows_who, manon, "the audit");
  {
    PltPlanningReview *review = PLT_PLANNING_REVIEW (_plt_planning_page_get_review (manon->page));
    GPtrArray *diff = plt_planning_review_get_diff (review);
    const PltDayDiff *day;

    g_assert_cmpuint (diff->len, ==, 1);
    day = g_ptr_array_index (diff, 0);
    g_assert_cmpstr (day->agent, ==, "a-05");
    g_assert_cmpint (((PltActivityChange *) g_ptr_array_index (day->changes, 0))->kind, ==, PLT_CHANGE_ADDED);
    g_assert_nonnull (day->changed_by);
    g_assert_cmpstr (day->changed_by[0], ==, "manon");

    _plt_planning_review_send_comment (review, "Bruno peut-il commencer à 10 h ?");
    wait_until (review_has_comment, manon, "the comment to come back");
    gtk_test_widget_wait_for_draw (manon->window);
    {
      g_autoptr(GdkTexture) texture = plt_render_widget (GTK_WIDGET (manon->page));

      save_texture (texture, "planning-review.png");
    }
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (manon->page), "planning.review", NULL));
  g_assert_cmpstr (_plt_planning_page_get_view (manon->page), ==, "edit");

  /* The week as PDF, A4 landscape */
  {
    g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "planning-week.pdf", NULL);
    g_autofree char *contents = NULL;
    gsize length = 0;
    guint pages = 0;

    g_unlink (path);
    g_assert_true (_plt_planning_page_export_pdf (manon->page, path, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (path, &contents, &length, &error));
    g_assert_cmpuint (length, >, 1000);
    g_assert_true (g_str_has_prefix (contents, "%PDF-"));
    /* Binary streams hold NUL bytes: memmem, not strstr */
    for (const char *p = contents;
         (p = memmem (p, length - (gsize) (p - contents), "/Type /Page", 11)) != NULL;
         p++)
      if ((gsize) (p - contents) + 11 < length && p[11] != 's')
        pages++;
    g_assert_cmpuint (pages, >=, 1);
    /* A4 landscape: wider than high (842 × 595 points) */
    g_assert_nonnull (memmem (contents, length, "/MediaBox [ 0 0 841.889764 595.275591 ]", 39));
    g_test_message ("Wrote %s: %u page(s)", path, pages);
  }
}

static void
test_page_agent_read_only (Live          *live,
                           gconstpointer  data)
{
  Console *alice = open_console (live, "alice", TRUE);
  PltPlanningDocument *document = plt_planning_page_get_document (alice->page);
  g_autofree char *before = NULL;
  PltTimelineGeometry g;
  double x, y;

  g_assert_false (plt_timeline_get_editable (timeline_of (alice)));
  g_assert_false (action_enabled (alice, "undo"));
  g_assert_false (action_enabled (alice, "publish"));
  g_assert_false (action_enabled (alice, "copy-week"));
  g_assert_false (action_enabled (alice, "review"));
  g_assert_cmpstr (_plt_planning_page_get_sync_text (alice->page), ==, "Read only");
  /* An agent gets only their own row */
  g_assert_cmpuint (plt_planning_document_get_agents (document)->len, ==, 1);

  /* A drag does nothing */
  plt_timeline_get_geometry (timeline_of (alice), &g);
  g_assert_true (plt_timeline_get_point (timeline_of (alice), "a-01", g.start + 8 * HOUR, &x, &y));
  _plt_timeline_drag_begin (timeline_of (alice), x, y);
  g_assert_false (_plt_timeline_is_dragging (timeline_of (alice)));
  _plt_timeline_drag_update (timeline_of (alice), x + 200, y);
  _plt_timeline_drag_end (timeline_of (alice), x + 200, y);
  g_assert_cmpuint (plt_schedule_get_n_days (plt_planning_document_get_draft (document)), ==, 0);

  /* A wallboard sees no planning at all */
  {
    Console *wall = open_console (live, "wall", FALSE);

    spin (200);
    g_assert_cmpstr (_plt_planning_page_get_view (wall->page), ==, "status");
    g_assert_null (plt_planning_page_get_document (wall->page));
  }
  (void) before;
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("XDG_DATA_HOME", g_get_tmp_dir (), TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/planning-ui/timeline/drag-changes-coverage", Editor, NULL,
              editor_set_up, test_drag_changes_coverage, editor_tear_down);
  g_test_add ("/planning-ui/timeline/what-if", Editor, NULL, editor_set_up, test_what_if, editor_tear_down);
  g_test_add ("/planning-ui/timeline/snapping", Editor, NULL, editor_set_up, test_snapping, editor_tear_down);
  g_test_add ("/planning-ui/timeline/keyboard", Editor, NULL, editor_set_up, test_keyboard, editor_tear_down);
  g_test_add ("/planning-ui/timeline/violation-ghost", Editor, NULL,
              editor_set_up, test_violation_ghost, editor_tear_down);
  g_test_add ("/planning-ui/timeline/500-agents", Editor, GUINT_TO_POINTER (500),
              editor_set_up, test_large, editor_tear_down);
  g_test_add_func ("/planning-ui/plan-actual-strip", test_plan_actual_strip);
  g_test_add ("/planning-ui/page/edit-save-undo", Live, NULL, live_set_up, test_page_edit_save_undo, live_tear_down);
  g_test_add ("/planning-ui/page/offline-and-recovery", Live, NULL,
              live_set_up, test_page_offline_and_recovery, live_tear_down);
  g_test_add ("/planning-ui/page/conflict-merge", Live, NULL, live_set_up, test_page_conflict_merge, live_tear_down);
  g_test_add ("/planning-ui/page/publish-review-pdf", Live, NULL,
              live_set_up, test_page_publish_review_pdf, live_tear_down);
  g_test_add ("/planning-ui/page/agent-read-only", Live, NULL, live_set_up, test_page_agent_read_only, live_tear_down);

  return g_test_run ();
}
