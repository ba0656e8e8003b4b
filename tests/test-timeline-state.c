/* test-timeline-state.c — the planning editor's desired state without a
 * display: the timeline's geometry, rows, blocks, hit testing, the
 * commands its drags and keys make (applied through a real document),
 * and the planning page's words and roles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "../src/app/plt-planning-state.h"
#include "../src/app/plt-timeline-state.h"
#include "plt-planning-document.h"
#include "plt-planning-fixture.h"

#define MINUTE PLT_MS_PER_MINUTE
#define HOUR PLT_MS_PER_HOUR

static gint64
local (const PltSite *site,
       int            day,
       int            hh,
       int            mm)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, 11, 2026);
  return plt_site_local_time (site, &date, hh * 60 + mm);
}

static void
geometry_for_day (const PltSite       *site,
                  int                  day,
                  PltTimelineGeometry *g)
{
  g->start = local (site, day, 0, 0);
  g->end = local (site, day + 1, 0, 0);
  g->px_per_min = 1.0;
  g->names_width = 200;
  g->header_height = 44;
  g->scroll_x = 0;
  g->scroll_y = 0;
}

/* Geometry ----------------------------------------------------------------- */

static void
test_geometry (void)
{
  g_autoptr(PltSite) site = plt_fixture_site ();
  PltTimelineGeometry g;
  gint64 t;

  geometry_for_day (site, 24, &g);
  t = local (site, 24, 8, 0);
  g_assert_cmpfloat_with_epsilon (plt_timeline_x_for_time (&g, t), 200 + 480, 1e-9);
  g_assert_cmpint (plt_timeline_time_for_x (&g, 680), ==, t);
  g_assert_cmpfloat_with_epsilon (plt_timeline_content_width (&g), 1440, 1e-9);

  /* Scrolling moves the axis, not the names */
  g.scroll_x = 300;
  g_assert_cmpfloat_with_epsilon (plt_timeline_x_for_time (&g, t), 200 + 480 - 300, 1e-9);
  g_assert_cmpint (plt_timeline_time_for_x (&g, 380), ==, t);

  /* A 25-hour day (clocks go back on 25 October 2026 in Paris) */
  {
    GDate d1, d2;

    g_date_clear (&d1, 1);
    g_date_clear (&d2, 1);
    g_date_set_dmy (&d1, 25, 10, 2026);
    g_date_set_dmy (&d2, 26, 10, 2026);
    g_assert_cmpint (plt_site_day_start (site, &d2) - plt_site_day_start (site, &d1), ==, 25 * HOUR);
    g_assert_cmpfloat_with_epsilon (plt_timeline_fit_zoom (plt_site_day_start (site, &d1),
                                                           plt_site_day_start (site, &d2), 1500),
                                    1500.0 / (25 * 60), 1e-9);
  }

  g_assert_cmpuint (plt_timeline_ruler_step_hours (1.0, 38), ==, 1);
  g_assert_cmpuint (plt_timeline_ruler_step_hours (0.3, 38), ==, 3);
  g_assert_cmpuint (plt_timeline_ruler_step_hours (0.14, 38), ==, 6);
  g_assert_cmpuint (plt_timeline_ruler_step_hours (0.01, 38), ==, 24);
}

/* Rows --------------------------------------------------------------------- */

static void
test_rows (void)
{
  g_autoptr(GPtrArray) agents = plt_fixture_agents (7, 2);
  g_autoptr(GArray) rows = plt_timeline_rows_build (agents, 30, 20);
  const PltTimelineRow *row;
  guint first, last;

  /* Two headings and seven agents: t-1 has a-001, a-003, a-005, a-007 */
  g_assert_cmpuint (rows->len, ==, 9);
  row = &g_array_index (rows, PltTimelineRow, 0);
  g_assert_cmpint (row->kind, ==, PLT_TIMELINE_ROW_GROUP);
  g_assert_cmpstr (row->team, ==, "t-1");
  g_assert_cmpuint (row->n_agents, ==, 4);
  row = &g_array_index (rows, PltTimelineRow, 2);
  g_assert_cmpint (row->kind, ==, PLT_TIMELINE_ROW_AGENT);
  g_assert_cmpuint (row->agent, ==, 2);
  g_assert_cmpfloat (row->y, ==, 20 + 30);
  row = &g_array_index (rows, PltTimelineRow, 5);
  g_assert_cmpint (row->kind, ==, PLT_TIMELINE_ROW_GROUP);
  g_assert_cmpstr (row->team, ==, "t-2");
  g_assert_cmpuint (row->n_agents, ==, 3);
  g_assert_cmpfloat (plt_timeline_rows_height (rows), ==, 2 * 20 + 7 * 30);

  g_assert_cmpint (plt_timeline_rows_at (rows, 0), ==, 0);
  g_assert_cmpint (plt_timeline_rows_at (rows, 19.9), ==, 0);
  g_assert_cmpint (plt_timeline_rows_at (rows, 20), ==, 1);
  g_assert_cmpint (plt_timeline_rows_at (rows, 1000), ==, -1);
  g_assert_cmpint (plt_timeline_rows_at (rows, -1), ==, -1);

  /* Only what is on screen: rows 1 to 3 for [25, 95) */
  g_assert_true (plt_timeline_rows_visible (rows, 25, 95, &first, &last));
  g_assert_cmpuint (first, ==, 1);
  g_assert_cmpuint (last, ==, 3);
  g_assert_false (plt_timeline_rows_visible (rows, 500, 600, &first, &last));

  g_assert_cmpint (plt_timeline_rows_find_agent (rows, 1), ==, 6);
  /* Stepping skips headings */
  g_assert_cmpint (plt_timeline_rows_step (rows, 4, 1), ==, 6);
  g_assert_cmpint (plt_timeline_rows_step (rows, 6, -1), ==, 4);
  g_assert_cmpint (plt_timeline_rows_step (rows, 1, -1), ==, -1);

  /* 500 agents: the visible rows are found by bisection, a handful */
  {
    g_autoptr(GPtrArray) many = plt_fixture_agents (500, 10);
    g_autoptr(GArray) big = plt_timeline_rows_build (many, 34, 30);

    g_assert_cmpuint (big->len, ==, 510);
    g_assert_true (plt_timeline_rows_visible (big, 8000, 8900, &first, &last));
    g_assert_cmpuint (last - first + 1, <=, 28);
  }
}

/* Blocks and hits ------------------------------------------------------------ */

static PltShift *
day_shift (const PltSite *site,
           const char    *id,
           int            day,
           int            from,
           int            to)
{
  PltShift *shift = plt_shift_new (id, local (site, day, from, 0), local (site, day, to, 0), NULL);
  PltActivity *lunch = plt_activity_new (PLT_ACTIVITY_LUNCH, local (site, day, 12, 0), local (site, day, 12, 45), NULL);
  PltActivity *after = plt_activity_new (PLT_ACTIVITY_WORK, local (site, day, 12, 45), local (site, day, to, 0), NULL);
  PltActivity *first = g_ptr_array_index (shift->activities, 0);

  first->end = local (site, day, 12, 0);
  g_ptr_array_add (shift->activities, lunch);
  g_ptr_array_add (shift->activities, after);
  g_assert_true (plt_shift_normalize (shift, NULL));
  return shift;
}

static void
test_blocks (void)
{
  g_autoptr(PltSite) site = plt_fixture_site ();
  g_autoptr(PltSchedule) schedule = plt_schedule_new ();
  g_autoptr(PltAgentDay) monday = NULL;
  g_autoptr(PltAgentDay) tuesday = NULL;
  g_autoptr(GPtrArray) shifts = NULL;
  g_autoptr(GArray) blocks = NULL;
  PltTimelineGeometry g;
  GDate date;
  int index;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 23, 11, 2026);
  monday = plt_agent_day_new ("a", &date);
  /* A night shift from Monday into Tuesday */
  plt_agent_day_add_shift (monday, plt_shift_new ("s-night", local (site, 23, 22, 0), local (site, 24, 6, 0), NULL));
  g_assert_true (plt_schedule_set_day (schedule, monday, NULL));
  g_date_set_dmy (&date, 24, 11, 2026);
  tuesday = plt_agent_day_new ("a", &date);
  plt_agent_day_add_shift (tuesday, day_shift (site, "s-day", 24, 9, 17));
  g_assert_true (plt_schedule_set_day (schedule, tuesday, NULL));

  /* Tuesday shows Monday's night shift too */
  shifts = plt_timeline_collect_shifts (schedule, NULL, site, "a", local (site, 24, 0, 0), local (site, 25, 0, 0));
  g_assert_cmpuint (shifts->len, ==, 2);
  g_assert_cmpstr (((PltShift *) g_ptr_array_index (shifts, 0))->id, ==, "s-night");

  blocks = plt_timeline_row_blocks (shifts);
  /* night shift; day shift; its lunch */
  g_assert_cmpuint (blocks->len, ==, 3);
  g_assert_cmpint (g_array_index (blocks, PltTimelineBlock, 2).activity, ==, 1);
  g_assert_cmpint (g_array_index (blocks, PltTimelineBlock, 2).kind, ==, PLT_ACTIVITY_LUNCH);
  g_assert_cmpint (plt_timeline_blocks_find (blocks, "s-day", 1), ==, 2);
  g_assert_cmpint (plt_timeline_blocks_find (blocks, "s-day", -1), ==, 1);
  g_assert_cmpint (plt_timeline_blocks_find (blocks, "nope", -1), ==, -1);
  g_assert_cmpint (plt_timeline_blocks_nearest (blocks, local (site, 24, 10, 0)), ==, 1);
  g_assert_cmpint (plt_timeline_blocks_nearest (blocks, local (site, 24, 7, 0)), ==, 0);

  geometry_for_day (site, 24, &g);
  /* The lunch wins over its shift; edges over bodies; free time is EMPTY */
  g_assert_cmpint (plt_timeline_hit_test (blocks, &g, plt_timeline_x_for_time (&g, local (site, 24, 12, 20)), 6, &index),
                   ==, PLT_TIMELINE_HIT_BODY);
  g_assert_cmpint (index, ==, 2);
  g_assert_cmpint (plt_timeline_hit_test (blocks, &g, plt_timeline_x_for_time (&g, local (site, 24, 10, 0)), 6, &index),
                   ==, PLT_TIMELINE_HIT_BODY);
  g_assert_cmpint (index, ==, 1);
  g_assert_cmpint (plt_timeline_hit_test (blocks, &g, plt_timeline_x_for_time (&g, local (site, 24, 9, 0)) + 2, 6, &index),
                   ==, PLT_TIMELINE_HIT_START);
  g_assert_cmpint (plt_timeline_hit_test (blocks, &g, plt_timeline_x_for_time (&g, local (site, 24, 17, 0)) - 2, 6, &index),
                   ==, PLT_TIMELINE_HIT_END);
  g_assert_cmpint (plt_timeline_hit_test (blocks, &g, plt_timeline_x_for_time (&g, local (site, 24, 20, 0)), 6, &index),
                   ==, PLT_TIMELINE_HIT_EMPTY);
  g_assert_cmpint (index, ==, -1);
  g_assert_cmpint (plt_timeline_hit_test (blocks, &g, 100, 6, &index), ==, PLT_TIMELINE_HIT_NONE);
}

/* Drags and keys, through a real document ------------------------------------- */

typedef struct
{
  PltSite             *site;
  GPtrArray           *agents;
  PltPlanningDocument *document;
  PltWeek              week;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->site = plt_fixture_site ();
  plt_fixture_week (&f->week);
  f->agents = plt_fixture_agents (6, 1);
  f->document = plt_fixture_document (f->agents, "t-1", &f->week, 1);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->document);
  g_clear_pointer (&f->agents, g_ptr_array_unref);
  g_clear_pointer (&f->site, plt_site_free);
}

/* The first shift of agent a-001 on Tuesday 24. */
static const PltShift *
tuesday_shift (Fixture    *f,
               const char *agent)
{
  GDate date;
  PltAgentDay *day;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 24, 11, 2026);
  day = plt_schedule_lookup (plt_planning_document_get_draft (f->document), agent, &date);
  g_assert_nonnull (day);
  g_assert_cmpuint (day->shifts->len, >, 0);
  return g_ptr_array_index (day->shifts, 0);
}

static void
blocks_of (Fixture             *f,
           const char          *agent,
           PltTimelineGeometry *g,
           GArray             **blocks)
{
  g_autoptr(GPtrArray) shifts = NULL;

  geometry_for_day (f->site, 24, g);
  shifts = plt_timeline_collect_shifts (plt_planning_document_get_draft (f->document), NULL, f->site, agent,
                                        g->start, g->end);
  *blocks = plt_timeline_row_blocks (shifts);
}

static void
test_drag_move (Fixture       *f,
                gconstpointer  data)
{
  const PltShift *shift = tuesday_shift (f, "a-001");
  gint64 start = shift->start, end = shift->end;
  g_autofree char *id = g_strdup (shift->id);
  g_autoptr(GArray) blocks = NULL;
  g_autoptr(PltPlanningCommand) command = NULL;
  PltTimelineGeometry g;
  PltTimelineDrag drag;
  gint64 ghost_start, ghost_end;
  double x;

  blocks_of (f, "a-001", &g, &blocks);
  x = plt_timeline_x_for_time (&g, start + 30 * MINUTE);
  g_assert_true (plt_timeline_drag_begin (&drag, blocks, &g, "a-001", x, 6));
  g_assert_cmpint (drag.mode, ==, PLT_TIMELINE_DRAG_MOVE);
  g_assert_cmpstr (drag.shift_id, ==, id);

  /* 3 minutes: snaps back to where it was, no command */
  g_assert_null (plt_timeline_drag_command (&drag, f->site, 15, drag.press_time + 3 * MINUTE, NULL, NULL, NULL));
  /* 50 minutes later, snapped to the quarter: 45 */
  command = plt_timeline_drag_command (&drag, f->site, 15, drag.press_time + 50 * MINUTE, NULL, &ghost_start, &ghost_end);
  g_assert_nonnull (command);
  g_assert_cmpint (ghost_start, ==, start + 45 * MINUTE);
  g_assert_cmpint (ghost_end, ==, end + 45 * MINUTE);
  g_clear_pointer (&command, plt_planning_command_unref);
  /* With 5-minute snapping: 50 */
  plt_planning_document_set_snap_minutes (f->document, 5);
  command = plt_timeline_drag_command (&drag, f->site, 5, drag.press_time + 52 * MINUTE, NULL, &ghost_start, NULL);
  g_assert_cmpint (ghost_start, ==, start + 50 * MINUTE);

  g_assert_true (plt_planning_document_execute (f->document, command, NULL));
  shift = tuesday_shift (f, "a-001");
  g_assert_cmpstr (shift->id, ==, id);
  g_assert_cmpint (shift->start, ==, start + 50 * MINUTE);
  g_assert_true (plt_planning_document_undo (f->document));
  g_assert_cmpint (tuesday_shift (f, "a-001")->start, ==, start);
  plt_timeline_drag_clear (&drag);

  /* Onto another agent's row */
  g_clear_pointer (&blocks, g_array_unref);
  blocks_of (f, "a-001", &g, &blocks);
  g_assert_true (plt_timeline_drag_begin (&drag, blocks, &g, "a-001", x, 6));
  g_clear_pointer (&command, plt_planning_command_unref);
  command = plt_timeline_drag_command (&drag, f->site, 15, drag.press_time, "a-006", NULL, NULL);
  g_assert_nonnull (command);
  g_assert_true (plt_planning_document_execute (f->document, command, NULL));
  {
    PltAgentDay *day = plt_schedule_find_shift (plt_planning_document_get_draft (f->document), id, NULL);

    g_assert_nonnull (day);
    g_assert_cmpstr (day->agent, ==, "a-006");
  }
  plt_timeline_drag_clear (&drag);
}

static void
test_drag_resize_and_create (Fixture       *f,
                             gconstpointer  data)
{
  const PltShift *shift = tuesday_shift (f, "a-002");
  gint64 start = shift->start, end = shift->end;
  g_autoptr(GArray) blocks = NULL;
  g_autoptr(PltPlanningCommand) command = NULL;
  PltTimelineGeometry g;
  PltTimelineDrag drag;
  gint64 s, e;

  blocks_of (f, "a-002", &g, &blocks);
  g_assert_true (plt_timeline_drag_begin (&drag, blocks, &g, "a-002", plt_timeline_x_for_time (&g, end) - 2, 6));
  g_assert_cmpint (drag.mode, ==, PLT_TIMELINE_DRAG_RESIZE_END);
  /* An hour longer */
  command = plt_timeline_drag_command (&drag, f->site, 15, drag.press_time + 61 * MINUTE, NULL, &s, &e);
  g_assert_cmpint (s, ==, start);
  g_assert_cmpint (e, ==, end + HOUR);
  /* Never shorter than a step: dragging the end past the start stops there */
  g_clear_pointer (&command, plt_planning_command_unref);
  command = plt_timeline_drag_command (&drag, f->site, 15, drag.press_time - 20 * HOUR, NULL, &s, &e);
  g_assert_cmpint (e, ==, start + 15 * MINUTE);
  plt_timeline_drag_clear (&drag);

  /* On free time, a new shift over the dragged span */
  g_assert_true (plt_timeline_drag_begin (&drag, blocks, &g, "a-002", plt_timeline_x_for_time (&g, local (f->site, 24, 20, 7)), 6));
  g_assert_cmpint (drag.mode, ==, PLT_TIMELINE_DRAG_CREATE);
  g_assert_null (plt_timeline_drag_command (&drag, f->site, 15, local (f->site, 24, 20, 5), NULL, NULL, NULL));
  g_clear_pointer (&command, plt_planning_command_unref);
  command = plt_timeline_drag_command (&drag, f->site, 15, local (f->site, 24, 23, 50), NULL, &s, &e);
  g_assert_cmpint (s, ==, local (f->site, 24, 20, 0));
  g_assert_cmpint (e, ==, local (f->site, 24, 23, 45));
  g_assert_true (plt_planning_document_execute (f->document, command, NULL));
  {
    GDate date;

    g_date_clear (&date, 1);
    g_date_set_dmy (&date, 24, 11, 2026);
    g_assert_cmpuint (plt_schedule_lookup (plt_planning_document_get_draft (f->document), "a-002", &date)->shifts->len, ==, 2);
  }
  plt_timeline_drag_clear (&drag);
}

static void
test_keys (Fixture       *f,
           gconstpointer  data)
{
  const PltShift *shift = tuesday_shift (f, "a-003");
  gint64 start = shift->start, end = shift->end;
  g_autofree char *id = g_strdup (shift->id);
  PltTimelineBlock block = { shift, -1, start, end, PLT_ACTIVITY_WORK };
  g_autoptr(PltPlanningCommand) command = NULL;

#define RUN(op, snap) \
  G_STMT_START { \
    g_clear_pointer (&command, plt_planning_command_unref); \
    command = plt_timeline_key_command (&block, f->site, snap, op); \
    g_assert_nonnull (command); \
    g_assert_true (plt_planning_document_execute (f->document, command, NULL)); \
    block.shift = tuesday_shift (f, "a-003"); \
    block.start = block.shift->start; \
    block.end = block.shift->end; \
  } G_STMT_END

  RUN (PLT_TIMELINE_KEY_MOVE_LATER, 15);
  g_assert_cmpint (block.start, ==, start + 15 * MINUTE);
  /* The document snaps what it is given: the toggle sets both */
  plt_planning_document_set_snap_minutes (f->document, 5);
  RUN (PLT_TIMELINE_KEY_MOVE_EARLIER, 5);
  g_assert_cmpint (block.start, ==, start + 10 * MINUTE);
  plt_planning_document_set_snap_minutes (f->document, 15);
  /* A step lands on the step's grid: end + 10 + 15 → end + 30 */
  RUN (PLT_TIMELINE_KEY_GROW_END, 15);
  g_assert_cmpint (block.end, ==, end + 30 * MINUTE);
  RUN (PLT_TIMELINE_KEY_SHRINK_END, 15);
  g_assert_cmpint (block.end, ==, end + 15 * MINUTE);
  RUN (PLT_TIMELINE_KEY_GROW_START, 15);
  g_assert_cmpint (block.start, ==, start);
  RUN (PLT_TIMELINE_KEY_SHRINK_START, 15);
  g_assert_cmpint (block.start, ==, start + 15 * MINUTE);

  /* S splits in the middle, on a step: two shifts */
  RUN (PLT_TIMELINE_KEY_SPLIT, 15);
  {
    GDate date;
    PltAgentDay *day;

    g_date_clear (&date, 1);
    g_date_set_dmy (&date, 24, 11, 2026);
    day = plt_schedule_lookup (plt_planning_document_get_draft (f->document), "a-003", &date);
    g_assert_cmpuint (day->shifts->len, ==, 2);
    g_assert_cmpstr (((PltShift *) g_ptr_array_index (day->shifts, 0))->id, ==, id);
    g_assert_cmpint (((PltShift *) g_ptr_array_index (day->shifts, 0))->end % (15 * MINUTE), ==, 0);
  }

  /* Delete removes the block; undo brings every step back in turn */
  RUN (PLT_TIMELINE_KEY_DELETE, 15);
  g_assert_cmpuint (plt_undo_stack_get_n_undo (plt_planning_document_get_undo_stack (f->document)), ==, 8);
  while (plt_planning_document_undo (f->document))
    ;
  g_assert_cmpint (tuesday_shift (f, "a-003")->start, ==, start);
  g_assert_cmpint (tuesday_shift (f, "a-003")->end, ==, end);

  /* A block one step long does not shrink */
  {
    g_autoptr(PltShift) tiny = plt_shift_new ("s-tiny", start, start + 15 * MINUTE, NULL);
    PltTimelineBlock small = { tiny, -1, tiny->start, tiny->end, PLT_ACTIVITY_WORK };

    g_assert_null (plt_timeline_key_command (&small, f->site, 15, PLT_TIMELINE_KEY_SHRINK_END));
    g_assert_null (plt_timeline_key_command (&small, f->site, 15, PLT_TIMELINE_KEY_SPLIT));
  }
#undef RUN
}

/* Words ------------------------------------------------------------------- */

static void
test_words (void)
{
  g_autoptr(PltSite) site = plt_fixture_site ();
  g_autofree char *d1 = plt_timeline_format_duration (8 * HOUR + 30 * MINUTE);
  g_autofree char *d2 = plt_timeline_format_duration (45 * MINUTE);
  g_autofree char *d3 = plt_timeline_format_duration (2 * HOUR);
  g_autofree char *span = plt_timeline_describe_span (PLT_ACTIVITY_LUNCH, site, local (site, 24, 12, 0),
                                                      local (site, 24, 12, 45));
  g_autofree char *week_title = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autofree char *recovered = plt_planning_recovered_text (5);
  PltWeek week = { 2026, 48 };

  g_assert_cmpstr (d1, ==, "8 h 30");
  g_assert_cmpstr (d2, ==, "45 min");
  g_assert_cmpstr (d3, ==, "2 h");
  g_assert_cmpstr (span, ==, "Lunch 12:00–12:45 (45 min)");

  week_title = plt_planning_week_title (&week);
  g_assert_cmpstr (week_title, ==, "Week 48 · 23–29 November 2026");
  g_clear_pointer (&week_title, g_free);
  week.week = 49;
  week_title = plt_planning_week_title (&week);
  g_assert_cmpstr (week_title, ==, "Week 49 · 30 November – 6 December 2026");
  g_clear_pointer (&week_title, g_free);
  week.year = 2026;
  week.week = 53;
  week_title = plt_planning_week_title (&week);
  g_assert_cmpstr (week_title, ==, "Week 53 · 28 December 2026 – 3 January 2027");
  week.week = 48;

  heading = plt_planning_publish_heading (&week, "Équipe Nord");
  g_assert_cmpstr (heading, ==, "Publish week 48 for Équipe Nord?");
  body = plt_planning_publish_body (12);
  g_assert_cmpstr (body, ==, "12 agents will be notified.");
  g_clear_pointer (&body, g_free);
  body = plt_planning_publish_body (1);
  g_assert_cmpstr (body, ==, "1 agent will be notified.");
  g_assert_cmpstr (recovered, ==, "Recovered 5 unsaved changes");

  for (guint k = PLT_ACTIVITY_BREAK; k < PLT_ACTIVITY_N_KINDS; k++)
    g_assert_nonnull (plt_timeline_kind_icon_name (k));
  g_assert_null (plt_timeline_kind_icon_name (PLT_ACTIVITY_WORK));
}

static void
test_sync_words (void)
{
  struct {
    PltSyncState  state;
    PltSyncStatus status;
    const char   *text;
  } cases[] = {
    { { TRUE, FALSE, 0, 0, FALSE, FALSE }, PLT_SYNC_STATUS_SAVED, "Saved" },
    { { TRUE, TRUE, 2, 0, FALSE, FALSE }, PLT_SYNC_STATUS_SAVING, "Saving…" },
    { { TRUE, FALSE, 2, 0, FALSE, FALSE }, PLT_SYNC_STATUS_SAVING, "Saving…" },
    { { FALSE, FALSE, 3, 0, FALSE, FALSE }, PLT_SYNC_STATUS_OFFLINE, "Offline — 3 changes kept on this computer" },
    { { FALSE, FALSE, 1, 0, FALSE, FALSE }, PLT_SYNC_STATUS_OFFLINE, "Offline — 1 change kept on this computer" },
    { { FALSE, FALSE, 0, 0, FALSE, FALSE }, PLT_SYNC_STATUS_OFFLINE, "Offline" },
    { { TRUE, FALSE, 1, 1, FALSE, FALSE }, PLT_SYNC_STATUS_CONFLICT, "Conflict" },
    { { FALSE, FALSE, 1, 1, FALSE, FALSE }, PLT_SYNC_STATUS_CONFLICT, "Conflict" },
    { { TRUE, FALSE, 1, 0, TRUE, FALSE }, PLT_SYNC_STATUS_FAILED, "Not saved" },
    { { TRUE, FALSE, 0, 0, FALSE, TRUE }, PLT_SYNC_STATUS_READ_ONLY, "Read only" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = NULL;
      const char *icon = NULL, *css = NULL;

      g_assert_cmpint (plt_sync_state_describe (&cases[i].state, &text, &icon, &css), ==, cases[i].status);
      g_assert_cmpstr (text, ==, cases[i].text);
      g_assert_nonnull (icon);
      g_assert_nonnull (css);
    }
}

static void
test_roles (void)
{
  PltPlanningCaps manager = plt_planning_caps_for_role ("manager");
  PltPlanningCaps supervisor = plt_planning_caps_for_role ("supervisor");
  PltPlanningCaps agent = plt_planning_caps_for_role ("agent");

  g_assert_true (manager & PLT_PLANNING_CAN_PUBLISH);
  g_assert_true (manager & PLT_PLANNING_CAN_EDIT);
  g_assert_true (plt_planning_caps_for_role ("admin") & PLT_PLANNING_CAN_PUBLISH);
  /* A router without logins lets everyone do everything */
  g_assert_true (plt_planning_caps_for_role (NULL) & PLT_PLANNING_CAN_PUBLISH);

  g_assert_true (supervisor & PLT_PLANNING_CAN_EDIT);
  g_assert_true (supervisor & PLT_PLANNING_CAN_COMMENT);
  g_assert_false (supervisor & PLT_PLANNING_CAN_PUBLISH);

  g_assert_true (agent & PLT_PLANNING_CAN_READ);
  g_assert_false (agent & (PLT_PLANNING_CAN_EDIT | PLT_PLANNING_CAN_READ_DRAFT | PLT_PLANNING_CAN_PUBLISH |
                           PLT_PLANNING_CAN_COMMENT));
  g_assert_cmpint (plt_planning_caps_for_role ("wallboard"), ==, 0);
  g_assert_cmpint (plt_planning_caps_for_role ("intruder"), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/timeline-state/geometry", test_geometry);
  g_test_add_func ("/timeline-state/rows", test_rows);
  g_test_add_func ("/timeline-state/blocks", test_blocks);
  g_test_add ("/timeline-state/drag/move", Fixture, NULL, fixture_set_up, test_drag_move, fixture_tear_down);
  g_test_add ("/timeline-state/drag/resize-and-create", Fixture, NULL, fixture_set_up, test_drag_resize_and_create, fixture_tear_down);
  g_test_add ("/timeline-state/keys", Fixture, NULL, fixture_set_up, test_keys, fixture_tear_down);
  g_test_add_func ("/timeline-state/words", test_words);
  g_test_add_func ("/timeline-state/sync-words", test_sync_words);
  g_test_add_func ("/timeline-state/roles", test_roles);

  return g_test_run ();
}
