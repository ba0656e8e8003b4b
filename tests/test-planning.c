/* test-planning.c — the planning model: time zones and DST, every rule,
 * the commands with undo and redo, the merge, the journal and its recovery
 * after a killed process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "plt-planning-document.h"

#define MINUTE PLT_MS_PER_MINUTE
#define HOUR PLT_MS_PER_HOUR

static PltSite *
paris (void)
{
  g_autoptr(GError) error = NULL;
  PltSite *site = plt_site_new ("paris", "Paris", "Europe/Paris", &error);

  g_assert_no_error (error);
  return site;
}

static void
date_set (GDate *date,
          int    y,
          int    m,
          int    d)
{
  g_date_clear (date, 1);
  g_date_set_dmy (date, d, m, y);
}

/* The UTC time of a local wall-clock time in Paris. */
static gint64
at (const PltSite *site,
    int            y,
    int            m,
    int            d,
    int            hh,
    int            mm)
{
  GDate date;

  date_set (&date, y, m, d);
  return plt_site_local_time (site, &date, hh * 60 + mm);
}

static gint64
utc (int y,
     int m,
     int d,
     int hh,
     int mm)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (y, m, d, hh, mm, 0);

  return g_date_time_to_unix (dt) * 1000;
}

static GPtrArray *
team_agents (void)
{
  GPtrArray *agents = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_planning_agent_free);
  const char *both[] = { "sales", "support", NULL };
  const char *sales[] = { "sales", NULL };
  const char *none[] = { NULL };

  g_ptr_array_add (agents, plt_planning_agent_new ("a1", "Alice", "t1", both));
  g_ptr_array_add (agents, plt_planning_agent_new ("a2", "Bruno", "t1", sales));
  g_ptr_array_add (agents, plt_planning_agent_new ("a3", "Chloé", "t1", none));
  return agents;
}

static PltPlanningDocument *
new_document (void)
{
  g_autoptr(PltSite) site = paris ();
  g_autoptr(GPtrArray) agents = team_agents ();
  PltPlanningDocument *doc = plt_planning_document_new ("t1", site, "c1");

  plt_planning_document_set_agents (doc, agents);
  plt_planning_document_set_snap_minutes (doc, 5);
  return doc;
}

static void
execute (PltPlanningDocument *doc,
         PltPlanningCommand  *command)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PltPlanningCommand) owned = command;

  g_assert_true (plt_planning_document_execute (doc, owned, &error));
  g_assert_no_error (error);
}

/* The only shift of @agent on @date, or NULL. */
static const PltShift *
only_shift (PltPlanningDocument *doc,
            const char          *agent,
            int                  y,
            int                  m,
            int                  d)
{
  GDate date;
  PltAgentDay *day;

  date_set (&date, y, m, d);
  day = plt_schedule_lookup (plt_planning_document_get_draft (doc), agent, &date);
  if (day == NULL || day->shifts->len == 0)
    return NULL;
  g_assert_cmpuint (day->shifts->len, ==, 1);
  return g_ptr_array_index (day->shifts, 0);
}

static const PltActivity *
act (const PltShift *shift,
     guint           i)
{
  g_assert_cmpuint (i, <, shift->activities->len);
  return g_ptr_array_index (shift->activities, i);
}

/* ------------------------------------------------------------------------
 * Time zones, DST, weeks
 */

static void
test_weeks (void)
{
  PltWeek week;
  GDate date, monday;
  g_autofree char *text = NULL;

  g_assert_true (plt_week_from_string ("2026-W13", &week));
  g_assert_cmpint (week.year, ==, 2026);
  g_assert_cmpint (week.week, ==, 13);
  plt_week_get_monday (&week, &monday);
  date_set (&date, 2026, 3, 23);
  g_assert_cmpint (g_date_compare (&monday, &date), ==, 0);

  /* 2026 has 53 ISO weeks; 2025 has 52. 2027-01-01 is in 2026-W53. */
  g_assert_true (plt_week_from_string ("2026-W53", &week));
  g_assert_false (plt_week_from_string ("2025-W53", &week));
  date_set (&date, 2027, 1, 1);
  plt_week_from_date (&date, &week);
  g_assert_cmpint (week.year, ==, 2026);
  g_assert_cmpint (week.week, ==, 53);
  text = plt_week_to_string (&week);
  g_assert_cmpstr (text, ==, "2026-W53");
  plt_week_add (&week, 1);
  g_assert_cmpint (week.year, ==, 2027);
  g_assert_cmpint (week.week, ==, 1);

  g_assert_false (plt_week_from_string ("2026-13", &week));
  g_assert_false (plt_week_from_string ("2026-W1", &week));
  g_assert_false (plt_week_from_string ("2026-W00", &week));
}

static void
test_dst (void)
{
  g_autoptr(PltSite) site = paris ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PltSite) bad = plt_site_new ("x", "X", "Mars/Olympus", &error);
  GDate sat, sun, mon, date;

  g_assert_error (error, PLT_PLANNING_ERROR, PLT_PLANNING_ERROR_INVALID);
  g_assert_null (bad);

  date_set (&sat, 2026, 3, 28);
  date_set (&sun, 2026, 3, 29);
  date_set (&mon, 2026, 3, 30);

  /* Spring forward (29 March 2026, 02:00 → 03:00): a 23-hour day. */
  g_assert_cmpint (plt_site_day_start (site, &mon) - plt_site_day_start (site, &sun), ==, 23 * HOUR);
  g_assert_cmpint (plt_site_day_start (site, &sun) - plt_site_day_start (site, &sat), ==, 24 * HOUR);
  g_assert_cmpint (plt_site_day_start (site, &sun), ==, utc (2026, 3, 28, 23, 0));
  /* 02:30 does not exist: moved forward by the gap, to 03:30 CEST. */
  g_assert_cmpint (at (site, 2026, 3, 29, 2, 30), ==, utc (2026, 3, 29, 1, 30));
  g_assert_cmpint (plt_site_minute_of_day (site, utc (2026, 3, 29, 1, 30)), ==, 3 * 60 + 30);
  g_assert_cmpint (at (site, 2026, 3, 29, 3, 0), ==, utc (2026, 3, 29, 1, 0));

  /* Fall back (25 October 2026, 03:00 → 02:00): a 25-hour day. */
  date_set (&sun, 2026, 10, 25);
  date_set (&mon, 2026, 10, 26);
  g_assert_cmpint (plt_site_day_start (site, &mon) - plt_site_day_start (site, &sun), ==, 25 * HOUR);
  /* 02:30 happens twice: the first, in CEST. */
  g_assert_cmpint (at (site, 2026, 10, 25, 2, 30), ==, utc (2026, 10, 25, 0, 30));
  g_assert_cmpint (plt_site_minute_of_day (site, utc (2026, 10, 25, 1, 30)), ==, 2 * 60 + 30);

  /* Dates: 23:30 local on the 24th is the 24th, though UTC says 21:30. */
  plt_site_get_date (site, at (site, 2026, 10, 24, 23, 30), &date);
  g_assert_cmpint (g_date_get_day (&date), ==, 24);
  plt_site_get_date (site, utc (2026, 10, 24, 22, 30), &date);
  g_assert_cmpint (g_date_get_day (&date), ==, 25);

  /* Snapping works on wall-clock time, across the change too. */
  g_assert_cmpint (plt_site_snap (site, at (site, 2026, 3, 29, 8, 7), 15), ==, at (site, 2026, 3, 29, 8, 0));
  g_assert_cmpint (plt_site_snap (site, at (site, 2026, 3, 29, 8, 8), 15), ==, at (site, 2026, 3, 29, 8, 15));
  g_assert_cmpint (plt_site_snap (site, at (site, 2026, 3, 29, 8, 8), 5), ==, at (site, 2026, 3, 29, 8, 10));
  g_assert_cmpint (plt_site_snap (site, utc (2026, 3, 29, 0, 58), 15), ==, at (site, 2026, 3, 29, 3, 0));

  {
    g_autofree char *text = plt_site_format_time (site, utc (2026, 3, 29, 1, 0));

    g_assert_cmpstr (text, ==, "2026-03-29T03:00:00+02:00");
  }
}

static void
test_template_dst (void)
{
  g_autoptr(PltSite) site = paris ();
  g_autoptr(PltShiftTemplate) night = plt_shift_template_new ("n", "Night", 22 * 60, 8 * 60, NULL);
  g_autoptr(PltShiftTemplate) day = plt_shift_template_new ("d", "Day", 9 * 60, 8 * 60, NULL);
  g_autoptr(PltShift) spring = NULL;
  g_autoptr(PltShift) autumn = NULL;
  g_autoptr(PltShift) lunch = NULL;
  g_autoptr(GError) error = NULL;
  GDate date;

  plt_shift_template_add (night, PLT_ACTIVITY_BREAK, 240, 15, NULL);
  plt_shift_template_add (day, PLT_ACTIVITY_BREAK, 120, 15, NULL);
  plt_shift_template_add (day, PLT_ACTIVITY_LUNCH, 210, 60, NULL);

  /* Night of 28 → 29 March: 8 hours of elapsed time end at 07:00 CEST. */
  date_set (&date, 2026, 3, 28);
  spring = plt_shift_template_instantiate (night, site, &date, "s1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (spring->end - spring->start, ==, 8 * HOUR);
  g_assert_cmpint (plt_site_minute_of_day (site, spring->end), ==, 7 * 60);
  g_assert_cmpuint (spring->activities->len, ==, 3);
  g_assert_cmpint (act (spring, 1)->kind, ==, PLT_ACTIVITY_BREAK);
  g_assert_cmpint (plt_site_minute_of_day (site, act (spring, 1)->start), ==, 3 * 60);   /* 02:00 + 1 h skipped */

  /* Night of 24 → 25 October: ends at 05:00 CET. */
  date_set (&date, 2026, 10, 24);
  autumn = plt_shift_template_instantiate (night, site, &date, "s2", &error);
  g_assert_no_error (error);
  g_assert_cmpint (autumn->end - autumn->start, ==, 8 * HOUR);
  g_assert_cmpint (plt_site_minute_of_day (site, autumn->end), ==, 5 * 60);

  date_set (&date, 2026, 6, 1);
  lunch = plt_shift_template_instantiate (day, site, &date, "s3", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lunch->activities->len, ==, 5);
  g_assert_cmpint (act (lunch, 3)->kind, ==, PLT_ACTIVITY_LUNCH);
  g_assert_cmpint (plt_site_minute_of_day (site, act (lunch, 3)->start), ==, 12 * 60 + 30);
  g_assert_cmpint (plt_shift_working_ms (lunch), ==, 7 * HOUR);
}

static void
test_night_shift_belongs_to_start_day (void)
{
  g_autoptr(PltPlanningDocument) doc = new_document ();
  const PltSite *site = plt_planning_document_get_site (doc);

  /* 22:00 on Saturday 28 March to 07:00 on Sunday (across the change). */
  execute (doc, plt_planning_command_create_shift ("a1", at (site, 2026, 3, 28, 22, 0),
                                                   at (site, 2026, 3, 29, 7, 0), NULL));
  g_assert_nonnull (only_shift (doc, "a1", 2026, 3, 28));
  g_assert_null (only_shift (doc, "a1", 2026, 3, 29));
  g_assert_cmpint (only_shift (doc, "a1", 2026, 3, 28)->end - only_shift (doc, "a1", 2026, 3, 28)->start,
                   ==, 8 * HOUR);
}

static void
test_json_round_trip (void)
{
  g_autoptr(PltPlanningDocument) doc = new_document ();
  const PltSite *site = plt_planning_document_get_site (doc);
  const char *support[] = { "support", NULL };
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(PltSchedule) back = NULL;
  g_autoptr(GError) error = NULL;
  const PltShift *shift;

  execute (doc, plt_planning_command_create_shift ("a1", at (site, 2026, 6, 1, 8, 0),
                                                   at (site, 2026, 6, 1, 16, 0), support));
  shift = only_shift (doc, "a1", 2026, 6, 1);
  execute (doc, plt_planning_command_add_activity (shift->id, PLT_ACTIVITY_BREAK, at (site, 2026, 6, 1, 10, 0),
                                                   at (site, 2026, 6, 1, 10, 15), NULL));
  execute (doc, plt_planning_command_add_absence ("a2", at (site, 2026, 6, 1, 0, 0),
                                                  at (site, 2026, 6, 2, 0, 0), "vacation"));

  /* Two shifts at once: a rule violation, yet data that must survive. */
  execute (doc, plt_planning_command_create_shift ("a1", at (site, 2026, 6, 1, 10, 0),
                                                   at (site, 2026, 6, 1, 11, 0), NULL));
  plt_schedule_to_json (plt_planning_document_get_draft (doc), builder);
  root = json_builder_get_root (builder);
  back = plt_schedule_from_json (root, &error);
  g_assert_no_error (error);
  g_assert_true (plt_schedule_equal (back, plt_planning_document_get_draft (doc)));

  /* Malformed days are refused with the field named. */
  {
    const char *bad[] = {
      "[{\"agent\":\"a1\",\"date\":\"2026-02-30\"}]",
      "[{\"agent\":\"a1\",\"date\":\"2026-06-01\",\"shifts\":[{\"id\":\"s\",\"start\":0,\"acts\":[{\"kind\":\"nap\",\"min\":5}]}]}]",
      "[{\"agent\":\"a1\",\"date\":\"2026-06-01\",\"shifts\":[{\"id\":\"s\",\"start\":0,\"acts\":[]}]}]",
      "[{\"agent\":\"a1\",\"date\":\"2026-06-01\",\"shifts\":[{\"id\":\"s\",\"start\":1,\"acts\":[{\"kind\":\"work\",\"min\":5}]}]}]",
      "[{\"agent\":\"a1\",\"date\":\"2026-06-01\",\"shifts\":[{\"id\":\"s\",\"start\":0,\"acts\":[{\"kind\":\"work\",\"min\":0}]}]}]",
      "[{\"agent\":\"a1\",\"date\":\"2026-06-01\",\"absences\":[{\"start\":60000,\"end\":60000}]}]",
      "[{\"agent\":\"a1\",\"date\":\"2026-06-01\",\"shifts\":[{\"id\":\"s\",\"start\":0,\"acts\":[{\"kind\":\"work\",\"min\":5}]}]},"
      "{\"agent\":\"a2\",\"date\":\"2026-06-01\",\"shifts\":[{\"id\":\"s\",\"start\":0,\"acts\":[{\"kind\":\"work\",\"min\":5}]}]}]",
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(JsonNode) node = json_from_string (bad[i], NULL);
        g_autoptr(GError) bad_error = NULL;
        g_autoptr(PltSchedule) none = plt_schedule_from_json (node, &bad_error);

        g_assert_null (none);
        g_assert_error (bad_error, PLT_PLANNING_ERROR, PLT_PLANNING_ERROR_INVALID);
      }
  }
}

/* ------------------------------------------------------------------------
 * Rules
 */

typedef struct
{
  PltPlanningDocument *doc;
  const PltSite       *site;
} RuleFixture;

static void
rule_setup (RuleFixture   *f,
            gconstpointer  data)
{
  f->doc = new_document ();
  f->site = plt_planning_document_get_site (f->doc);
}

static void
rule_teardown (RuleFixture   *f,
               gconstpointer  data)
{
  g_clear_object (&f->doc);
}

/* The violations of @rule in week 2026-W23 (1–7 June). */
static guint
count (RuleFixture *f,
       PltRuleId    rule,
       PltSeverity *severity,
       char       **message)
{
  GDate from, to;
  g_autoptr(GPtrArray) found = NULL;
  guint n = 0;

  date_set (&from, 2026, 6, 1);
  date_set (&to, 2026, 6, 7);
  found = plt_planning_document_check (f->doc, NULL, &from, &to);
  for (guint i = 0; i < found->len; i++)
    {
      PltViolation *v = g_ptr_array_index (found, i);

      g_assert_nonnull (v->message);
      g_assert_true (g_utf8_validate (v->message, -1, NULL));
      if (v->rule != rule)
        continue;
      n++;
      if (severity != NULL)
        *severity = v->severity;
      if (message != NULL)
        {
          g_free (*message);
          *message = g_strdup (v->message);
        }
    }
  return n;
}

/* A clean 8-hour day with a break every 2 h and a lunch at 12:30. */
static void
good_day (RuleFixture *f,
          const char  *agent,
          int          d)
{
  g_autoptr(PltShiftTemplate) tmpl = plt_shift_template_new ("std", "Standard", 9 * 60, 8 * 60 + 30, NULL);
  GDate date;

  plt_shift_template_add (tmpl, PLT_ACTIVITY_BREAK, 120, 15, NULL);
  plt_shift_template_add (tmpl, PLT_ACTIVITY_LUNCH, 210, 60, NULL);
  plt_shift_template_add (tmpl, PLT_ACTIVITY_BREAK, 390, 15, NULL);
  date_set (&date, 2026, 6, d);
  execute (f->doc, plt_planning_command_apply_template (agent, &date, tmpl));
}

static void
test_rules_clean (RuleFixture   *f,
                  gconstpointer  data)
{
  GDate from, to;
  g_autoptr(GPtrArray) found = NULL;

  for (int d = 1; d <= 5; d++)
    good_day (f, "a1", d);
  date_set (&from, 2026, 6, 1);
  date_set (&to, 2026, 6, 7);
  found = plt_planning_document_check (f->doc, NULL, &from, &to);
  for (guint i = 0; i < found->len; i++)
    g_test_message ("unexpected: %s", ((PltViolation *) g_ptr_array_index (found, i))->message);
  g_assert_cmpuint (found->len, ==, 0);
}

static void
test_rule_overlap (RuleFixture   *f,
                   gconstpointer  data)
{
  PltSeverity severity = PLT_SEVERITY_OFF;
  g_autofree char *message = NULL;

  execute (f->doc, plt_planning_command_create_shift ("a1", at (f->site, 2026, 6, 2, 8, 0),
                                                      at (f->site, 2026, 6, 2, 10, 0), NULL));
  g_assert_cmpuint (count (f, PLT_RULE_OVERLAP, NULL, NULL), ==, 0);
  /* A second shift touching the first does not overlap it. */
  execute (f->doc, plt_planning_command_create_shift ("a1", at (f->site, 2026, 6, 2, 10, 0),
                                                      at (f->site, 2026, 6, 2, 11, 0), NULL));
  g_assert_cmpuint (count (f, PLT_RULE_OVERLAP, NULL, NULL), ==, 0);
  /* A night shift of the day before running into the morning one does. */
  execute (f->doc, plt_planning_command_create_shift ("a1", at (f->site, 2026, 6, 1, 22, 0),
                                                      at (f->site, 2026, 6, 2, 8, 30), NULL));
  g_assert_cmpuint (count (f, PLT_RULE_OVERLAP, &severity, &message), ==, 1);
  g_assert_cmpint (severity, ==, PLT_SEVERITY_ERROR);
  g_assert_nonnull (strstr (message, "Alice"));
}

static void
test_rule_min_rest (RuleFixture   *f,
                    gconstpointer  data)
{
  g_autofree char *message = NULL;
  PltSeverity severity = PLT_SEVERITY_OFF;

  /* Ends at 22:00, starts at 09:00: exactly 11 h, allowed. */
  execute (f->doc, plt_planning_command_create_shift ("a2", at (f->site, 2026, 6, 2, 14, 0),
                                                      at (f->site, 2026, 6, 2, 22, 0), NULL));
  execute (f->doc, plt_planning_command_create_shift ("a2", at (f->site, 2026, 6, 3, 9, 0),
                                                      at (f->site, 2026, 6, 3, 12, 0), NULL));
  g_assert_cmpuint (count (f, PLT_RULE_MIN_REST, NULL, NULL), ==, 0);

  /* 08:00 the day after: 10 h. */
  execute (f->doc, plt_planning_command_create_shift ("a2", at (f->site, 2026, 6, 4, 14, 0),
                                                      at (f->site, 2026, 6, 4, 22, 0), NULL));
  execute (f->doc, plt_planning_command_create_shift ("a2", at (f->site, 2026, 6, 5, 8, 0),
                                                      at (f->site, 2026, 6, 5, 11, 0), NULL));
  g_assert_cmpuint (count (f, PLT_RULE_MIN_REST, &severity, &message), ==, 1);
  g_assert_cmpint (severity, ==, PLT_SEVERITY_ERROR);
  g_assert_nonnull (strstr (message, "10 h"));
  g_assert_nonnull (strstr (message, "11 h"));

  /* A split shift within one day is not a rest period. */
  execute (f->doc, plt_planning_command_create_shift ("a1", at (f->site, 2026, 6, 2, 8, 0),
                                                      at (f->site, 2026, 6, 2, 10, 0), NULL));
  execute (f->doc, plt_planning_command_create_shift ("a1", at (f->site, 2026, 6, 2, 16, 0),
                                                      at (f->site, 2026, 6, 2, 18, 0), NULL));
  g_assert_cmpuint (count (f, PLT_RULE_MIN_REST, NULL, NULL), ==, 1);

  /* The parameter: 9 h makes the 10 h rest fine. */
  {
    g_autoptr(PltPlanningRules) rules = plt_planning_rules_new ();

    g_assert_true (plt_planning_rules_set_param (rules, PLT_RULE_PARAM_MIN_REST_MIN, 9 * 60));
    plt_planning_document_set_rules (f->doc, rules);
    g_assert_cmpuint (count (f, PLT_RULE_MIN_REST, NULL, NULL), ==, 0);
  }
}

static void
test_rule_max_day (RuleFixture   *f,
                   gconstpointer  data)
{
  g_autofree char *message = NULL;

  /* 10 h of work (lunch excluded) is allowed, 10 h 15 is not. */
  execute (f->doc, plt_planning_command_create_shift ("a2", at (f->site, 2026, 6, 1, 8, 0),
                                                      at (f->site, 2026, 6, 1, 19, 0), NULL));
  execute (f->doc, plt_planning_command_add_activity (only_shift (f->doc, "a2", 2026, 6, 1)->id,
                                                      PLT_ACTIVITY_LUNCH, at (f->site, 2026, 6, 1, 12, 0),
                                                      at (f->site, 2026, 6, 1, 13, 0), NULL));
  g_assert_cmpuint (count (f, PLT_RULE_MAX_DAY, NULL, NULL), ==, 0);
  execute (f->doc, plt_planning_command_resize_shift (only_shift (f->doc, "a2", 2026, 6, 1)->id,
                                                      at (f->site, 2026, 6, 1, 8, 0),
                                                      at (f->site, 2026, 6, 1, 19, 15)));
  g_assert_cmpuint (count (f, PLT_RULE_MAX_DAY, NULL, &message), ==, 1);
  g_assert_nonnull (strstr (message, "10 h 15"));
}

static void
test_rule_max_week (RuleFixture   *f,
                    gconstpointer  data)
{
  g_autofree char *message = NULL;
  const char *kinds_ok[] = { NULL };

  (void) kinds_ok;
  /* Six days of 8 h = 48 h: allowed. */
  for (int d = 1; d <= 6; d++)
    execute (f->doc, plt_planning_command_create_shift ("a2", at (f->site, 2026, 6, d, 8, 0),
                                                        at (f->site, 2026, 6, d, 16, 0), NULL));
  g_assert_cmpuint (count (f, PLT_RULE_MAX_WEEK, NULL, NULL), ==, 0);
  execute (f->doc, plt_planning_command_create_shift ("a2", at (f->site, 2026, 6, 7, 8, 0),
                                                      at (f->site, 2026, 6, 7, 9, 0), NULL));
  g_assert_cmpuint (count (f, PLT_RULE_MAX_WEEK, NULL, &message), ==, 1);
  g_assert_nonnull (strstr (message, "49 h"));
  g_assert_nonnull (strstr (message, "48 h"));
}

static void
test_rule_breaks (RuleFixture   *f,
                  gconstpointer  data)
{
  PltSeverity severity = PLT_SEVERITY_OFF;
  const PltShift *shift;

  /* 2 h 30 of work in a row is allowed; 2 h 35 is not. */
  execute (f->doc, plt_planning_command_create_shift ("a2", at (f->site, 2026, 6, 1, 8, 0),
                                                      at (f->site, 2026, 6, 1, 10, 30), NULL));
  g_assert_cmpuint (count (f, PLT_RULE_BREAK_EVERY, NULL, NULL), ==, 0);
  shift = only_shift (f->doc, "a2", 2026, 6, 1);
  execute (f->doc, plt_planning_command_resize_shift (shift->id, at (f->site, 2026, 6, 1, 8, 0),
                                                      at (f->site, 2026, 6, 1, 10, 35)));
  g_assert_cmpuint (count (f, PLT_RULE_BREAK_EVERY, &severity, NULL), ==, 1);
  g_assert_cmpint (severity, ==, PLT_SEVERITY_WARNING);

  /* A break in the middle fixes it; training is work without a rest. */
  shift = only_shift (f->doc, "a2", 2026, 6, 1);
  execute (f->doc, plt_planning_command_add_activity (shift->id, PLT_ACTIVITY_TRAINING,
                                                      at (f->site, 2026, 6, 1, 9, 0),
                                                      at (f->site, 2026, 6, 1, 9, 30), NULL));
  g_assert_cmpuint (count (f, PLT_RULE_BREAK_EVERY, NULL, NULL), ==, 1);
  execute (f->doc, plt_planning_command_add_activity (shift->id, PLT_ACTIVITY_BREAK,
                                                      at (f->site, 2026, 6, 1, 9, 15),
                                                      at (f->site, 2026, 6, 1, 9, 30), NULL));
  g_assert_cmpuint (count (f, PLT_RULE_BREAK_EVERY, NULL, NULL), ==, 0);
}

static void
test_rule_lunch (RuleFixture   *f,
                 gconstpointer  data)
{
  g_autofree char *message = NULL;
  const PltShift *shift;

  /* 7 h over the lunch window with no lunch. */
  execute (f->doc, plt_planning_command_create_shift ("a1", at (f->site, 2026, 6, 1, 9, 0),
                                                      at (f->site, 2026, 6, 1, 16, 0), NULL));
  g_assert_cmpuint (count (f, PLT_RULE_LUNCH, NULL, &message), ==, 1);
  g_assert_nonnull (strstr (message, "11:30"));
  shift = only_shift (f->doc, "a1", 2026, 6, 1);

  /* Lunch at 11:00 is outside the window… */
  execute (f->doc, plt_planning_command_add_activity (shift->id, PLT_ACTIVITY_LUNCH,
                                                      at (f->site, 2026, 6, 1, 11, 0),
                                                      at (f->site, 2026, 6, 1, 12, 0), NULL));
  g_assert_cmpuint (count (f, PLT_RULE_LUNCH, NULL, &message), ==, 1);
  g_assert_nonnull (strstr (message, "outside"));
  /* …at 11:30 it is inside. */
  execute (f->doc, plt_planning_command_move_activity (shift->id, 1, at (f->site, 2026, 6, 1, 11, 30)));
  g_assert_cmpuint (count (f, PLT_RULE_LUNCH, NULL, NULL), ==, 0);

  /* A short shift needs none. */
  execute (f->doc, plt_planning_command_create_shift ("a2", at (f->site, 2026, 6, 1, 10, 0),
                                                      at (f->site, 2026, 6, 1, 15, 0), NULL));
  g_assert_cmpuint (count (f, PLT_RULE_LUNCH, NULL, NULL), ==, 0);
}

static void
test_rule_skills (RuleFixture   *f,
                  gconstpointer  data)
{
  const char *support[] = { "support", NULL };
  const char *sales[] = { "sales", NULL };
  g_autofree char *message = NULL;

  /* Bruno has sales only. */
  execute (f->doc, plt_planning_command_create_shift ("a2", at (f->site, 2026, 6, 1, 9, 0),
                                                      at (f->site, 2026, 6, 1, 11, 0), sales));
  g_assert_cmpuint (count (f, PLT_RULE_SKILL, NULL, NULL), ==, 0);
  execute (f->doc, plt_planning_command_create_shift ("a2", at (f->site, 2026, 6, 2, 9, 0),
                                                      at (f->site, 2026, 6, 2, 11, 0), support));
  g_assert_cmpuint (count (f, PLT_RULE_SKILL, NULL, &message), ==, 1);
  g_assert_nonnull (strstr (message, "support"));
  /* Chloé has no skill at all: work "on her queues" is on none. */
  execute (f->doc, plt_planning_command_create_shift ("a3", at (f->site, 2026, 6, 3, 9, 0),
                                                      at (f->site, 2026, 6, 3, 11, 0), NULL));
  g_assert_cmpuint (count (f, PLT_RULE_SKILL, NULL, NULL), ==, 2);
  /* Back office needs no skill. */
  execute (f->doc, plt_planning_command_set_activity (only_shift (f->doc, "a3", 2026, 6, 3)->id, 0,
                                                      PLT_ACTIVITY_BACK_OFFICE, NULL));
  g_assert_cmpuint (count (f, PLT_RULE_SKILL, NULL, NULL), ==, 1);
}

static void
test_rule_time_off (RuleFixture   *f,
                    gconstpointer  data)
{
  g_autofree char *message = NULL;
  PltSeverity severity = PLT_SEVERITY_OFF;

  execute (f->doc, plt_planning_command_add_absence ("a1", at (f->site, 2026, 6, 2, 0, 0),
                                                     at (f->site, 2026, 6, 3, 0, 0), "vacation"));
  execute (f->doc, plt_planning_command_create_shift ("a1", at (f->site, 2026, 6, 1, 14, 0),
                                                      at (f->site, 2026, 6, 1, 22, 0), NULL));
  g_assert_cmpuint (count (f, PLT_RULE_TIME_OFF, NULL, NULL), ==, 0);
  execute (f->doc, plt_planning_command_create_shift ("a1", at (f->site, 2026, 6, 2, 9, 0),
                                                      at (f->site, 2026, 6, 2, 12, 0), NULL));
  g_assert_cmpuint (count (f, PLT_RULE_TIME_OFF, &severity, &message), ==, 1);
  g_assert_cmpint (severity, ==, PLT_SEVERITY_ERROR);
  g_assert_nonnull (strstr (message, "vacation"));
  /* Marking the time as time off in the timeline is fine. */
  execute (f->doc, plt_planning_command_set_activity (only_shift (f->doc, "a1", 2026, 6, 2)->id, 0,
                                                      PLT_ACTIVITY_TIME_OFF, NULL));
  g_assert_cmpuint (count (f, PLT_RULE_TIME_OFF, NULL, NULL), ==, 0);
}

static void
test_rule_presets (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PltPlanningRules) strict = plt_planning_rules_new_preset ("strict", &error);
  g_autoptr(PltPlanningRules) relaxed = plt_planning_rules_new_preset ("relaxed", &error);
  g_autoptr(PltPlanningRules) none = plt_planning_rules_new_preset ("lax", &error);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(PltPlanningRules) back = NULL;

  g_assert_error (error, PLT_PLANNING_ERROR, PLT_PLANNING_ERROR_INVALID);
  g_assert_null (none);
  g_clear_error (&error);
  g_assert_cmpint (plt_planning_rules_get_severity (strict, PLT_RULE_LUNCH), ==, PLT_SEVERITY_ERROR);
  g_assert_cmpint (plt_planning_rules_get_severity (relaxed, PLT_RULE_MIN_REST), ==, PLT_SEVERITY_WARNING);
  g_assert_cmpuint (plt_planning_rules_get_param (relaxed, PLT_RULE_PARAM_MAX_DAY_MIN), ==, 12 * 60);

  plt_planning_rules_set_severity (relaxed, PLT_RULE_LUNCH, PLT_SEVERITY_OFF);
  g_assert_true (plt_planning_rules_set_param (relaxed, PLT_RULE_PARAM_MIN_REST_MIN, 600));
  g_assert_false (plt_planning_rules_set_param (relaxed, PLT_RULE_PARAM_MIN_REST_MIN, 100000));
  plt_planning_rules_to_json (relaxed, builder);
  node = json_builder_get_root (builder);
  back = plt_planning_rules_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_cmpint (plt_planning_rules_get_severity (back, PLT_RULE_LUNCH), ==, PLT_SEVERITY_OFF);
  g_assert_cmpuint (plt_planning_rules_get_param (back, PLT_RULE_PARAM_MIN_REST_MIN), ==, 600);
}

static void
test_rule_off (RuleFixture   *f,
               gconstpointer  data)
{
  g_autoptr(PltPlanningRules) rules = plt_planning_rules_new ();

  plt_planning_rules_set_severity (rules, PLT_RULE_BREAK_EVERY, PLT_SEVERITY_OFF);
  plt_planning_document_set_rules (f->doc, rules);
  execute (f->doc, plt_planning_command_create_shift ("a2", at (f->site, 2026, 6, 1, 8, 0),
                                                      at (f->site, 2026, 6, 1, 11, 0), NULL));
  g_assert_cmpuint (count (f, PLT_RULE_BREAK_EVERY, NULL, NULL), ==, 0);
}

/* ------------------------------------------------------------------------
 * Commands, undo and redo
 */

static void
on_changed (PltPlanningDocument *doc,
            GStrv                keys,
            gpointer             user_data)
{
  GPtrArray *seen = user_data;

  for (guint i = 0; keys[i] != NULL; i++)
    g_ptr_array_add (seen, g_strdup (keys[i]));
}

static void
test_commands (void)
{
  g_autoptr(PltPlanningDocument) doc = new_document ();
  const PltSite *site = plt_planning_document_get_site (doc);
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  const PltShift *shift;
  g_autofree char *id = NULL;
  GDate date;

  g_signal_connect (doc, "changed", G_CALLBACK (on_changed), seen);

  /* Create, with snapping to 5 minutes. */
  execute (doc, plt_planning_command_create_shift ("a1", at (site, 2026, 6, 1, 8, 2),
                                                   at (site, 2026, 6, 1, 16, 1), NULL));
  shift = only_shift (doc, "a1", 2026, 6, 1);
  g_assert_cmpint (shift->start, ==, at (site, 2026, 6, 1, 8, 0));
  g_assert_cmpint (shift->end, ==, at (site, 2026, 6, 1, 16, 0));
  g_assert_cmpstr (shift->id, ==, "s-c1-1");
  g_assert_cmpuint (seen->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (seen, 0), ==, "a1|2026-06-01");
  id = g_strdup (shift->id);

  /* Activities */
  execute (doc, plt_planning_command_add_activity (id, PLT_ACTIVITY_BREAK, at (site, 2026, 6, 1, 10, 0),
                                                   at (site, 2026, 6, 1, 10, 15), NULL));
  shift = only_shift (doc, "a1", 2026, 6, 1);
  g_assert_cmpuint (shift->activities->len, ==, 3);
  g_assert_cmpint (act (shift, 1)->kind, ==, PLT_ACTIVITY_BREAK);

  execute (doc, plt_planning_command_move_activity (id, 1, at (site, 2026, 6, 1, 11, 0)));
  shift = only_shift (doc, "a1", 2026, 6, 1);
  g_assert_cmpuint (shift->activities->len, ==, 3);   /* the work joined back */
  g_assert_cmpint (act (shift, 1)->start, ==, at (site, 2026, 6, 1, 11, 0));
  g_assert_cmpint (act (shift, 1)->end, ==, at (site, 2026, 6, 1, 11, 15));

  execute (doc, plt_planning_command_resize_activity (id, 1, at (site, 2026, 6, 1, 11, 0),
                                                      at (site, 2026, 6, 1, 11, 30)));
  shift = only_shift (doc, "a1", 2026, 6, 1);
  g_assert_cmpint (act (shift, 1)->end, ==, at (site, 2026, 6, 1, 11, 30));

  execute (doc, plt_planning_command_split_activity (id, 1, at (site, 2026, 6, 1, 11, 15)));
  shift = only_shift (doc, "a1", 2026, 6, 1);
  g_assert_cmpuint (shift->activities->len, ==, 4);
  execute (doc, plt_planning_command_set_activity (id, 2, PLT_ACTIVITY_MEETING, NULL));
  shift = only_shift (doc, "a1", 2026, 6, 1);
  g_assert_cmpint (act (shift, 2)->kind, ==, PLT_ACTIVITY_MEETING);
  execute (doc, plt_planning_command_delete_activity (id, 2));
  shift = only_shift (doc, "a1", 2026, 6, 1);
  g_assert_cmpuint (shift->activities->len, ==, 3);
  g_assert_cmpint (act (shift, 2)->kind, ==, PLT_ACTIVITY_WORK);

  /* Resizing the last activity moves the shift's end. */
  execute (doc, plt_planning_command_resize_activity (id, 2, act (shift, 2)->start, at (site, 2026, 6, 1, 17, 0)));
  shift = only_shift (doc, "a1", 2026, 6, 1);
  g_assert_cmpint (shift->end, ==, at (site, 2026, 6, 1, 17, 0));

  /* An activity outside its shift is refused, and nothing changes. */
  {
    g_autoptr(PltPlanningCommand) bad =
      plt_planning_command_add_activity (id, PLT_ACTIVITY_BREAK, at (site, 2026, 6, 1, 18, 0),
                                         at (site, 2026, 6, 1, 18, 15), NULL);
    guint n = plt_undo_stack_get_n_undo (plt_planning_document_get_undo_stack (doc));

    g_assert_false (plt_planning_document_execute (doc, bad, &error));
    g_assert_error (error, PLT_PLANNING_ERROR, PLT_PLANNING_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_cmpuint (plt_undo_stack_get_n_undo (plt_planning_document_get_undo_stack (doc)), ==, n);
  }

  /* Move to Bruno on Tuesday. */
  g_ptr_array_set_size (seen, 0);
  execute (doc, plt_planning_command_move_shift (id, at (site, 2026, 6, 2, 9, 0), "a2"));
  g_assert_null (only_shift (doc, "a1", 2026, 6, 1));
  shift = only_shift (doc, "a2", 2026, 6, 2);
  g_assert_cmpstr (shift->id, ==, id);
  g_assert_cmpint (shift->start, ==, at (site, 2026, 6, 2, 9, 0));
  g_assert_cmpint (shift->end, ==, at (site, 2026, 6, 2, 18, 0));
  g_assert_cmpuint (seen->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (seen, 0), ==, "a1|2026-06-01");
  g_assert_cmpstr (g_ptr_array_index (seen, 1), ==, "a2|2026-06-02");

  /* Split, delete */
  execute (doc, plt_planning_command_split_shift (id, at (site, 2026, 6, 2, 13, 0)));
  date_set (&date, 2026, 6, 2);
  g_assert_cmpuint (plt_schedule_lookup (plt_planning_document_get_draft (doc), "a2", &date)->shifts->len, ==, 2);
  execute (doc, plt_planning_command_delete_shift (id));
  shift = only_shift (doc, "a2", 2026, 6, 2);
  g_assert_cmpint (shift->start, ==, at (site, 2026, 6, 2, 13, 0));

  /* Unknown ids are errors. */
  {
    g_autoptr(PltPlanningCommand) bad = plt_planning_command_delete_shift ("nope");

    g_assert_false (plt_planning_document_execute (doc, bad, &error));
    g_assert_error (error, PLT_PLANNING_ERROR, PLT_PLANNING_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }

  /* Copy a day to two agents, copy the week, repeat it. */
  {
    const char *to[] = { "a1", "a3", NULL };
    GDate from_date, to_date;
    PltWeek w23 = { 2026, 23 }, w24 = { 2026, 24 };

    date_set (&from_date, 2026, 6, 2);
    date_set (&to_date, 2026, 6, 3);
    execute (doc, plt_planning_command_copy_day ("a2", &from_date, to, &to_date));
    g_assert_cmpint (only_shift (doc, "a1", 2026, 6, 3)->start, ==, at (site, 2026, 6, 3, 13, 0));
    g_assert_cmpint (only_shift (doc, "a3", 2026, 6, 3)->start, ==, at (site, 2026, 6, 3, 13, 0));
    g_assert_cmpstr (only_shift (doc, "a1", 2026, 6, 3)->id, !=, only_shift (doc, "a3", 2026, 6, 3)->id);

    execute (doc, plt_planning_command_copy_week (&w23, &w24, NULL));
    g_assert_cmpint (only_shift (doc, "a1", 2026, 6, 10)->start, ==, at (site, 2026, 6, 10, 13, 0));
    g_assert_cmpint (only_shift (doc, "a2", 2026, 6, 9)->start, ==, at (site, 2026, 6, 9, 13, 0));

    execute (doc, plt_planning_command_repeat_weeks (&w23, 3, NULL));
    g_assert_nonnull (only_shift (doc, "a2", 2026, 6, 23));
    g_assert_null (only_shift (doc, "a2", 2026, 6, 30));
  }

  /* Templates and patterns */
  {
    g_autoptr(PltShiftTemplate) early = plt_shift_template_new ("early", "Early", 7 * 60, 8 * 60, NULL);
    g_autoptr(PltWeeklyPattern) pattern = plt_weekly_pattern_new ("p", "Early weekdays");
    g_autoptr(GPtrArray) templates = g_ptr_array_new ();
    PltWeek w27 = { 2026, 27 };

    plt_shift_template_add (early, PLT_ACTIVITY_BREAK, 120, 15, NULL);
    for (GDateWeekday d = G_DATE_MONDAY; d <= G_DATE_FRIDAY; d++)
      plt_weekly_pattern_set_day (pattern, d, "early");
    g_ptr_array_add (templates, early);
    execute (doc, plt_planning_command_apply_pattern ("a3", &w27, pattern, templates));
    for (int d = 29; d <= 30; d++)
      g_assert_cmpint (only_shift (doc, "a3", 2026, 6, d)->start, ==, at (site, 2026, 6, d, 7, 0));
    for (int d = 1; d <= 3; d++)
      g_assert_cmpuint (only_shift (doc, "a3", 2026, 7, d)->activities->len, ==, 3);
    g_assert_null (only_shift (doc, "a3", 2026, 7, 4));
  }
}

/* The draft as a JSON text, to compare states. */
static char *
draft_text (PltPlanningDocument *doc)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  plt_schedule_to_json (plt_planning_document_get_draft (doc), builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* One random command on @doc (may fail: then it changes nothing). */
static void
random_command (PltPlanningDocument *doc,
                GRand               *rand)
{
  const PltSite *site = plt_planning_document_get_site (doc);
  const char *agents[] = { "a1", "a2", "a3" };
  const char *agent = agents[g_rand_int_range (rand, 0, 3)];
  int day = g_rand_int_range (rand, 1, 8);
  int hour = g_rand_int_range (rand, 0, 20);
  g_autoptr(GPtrArray) days = plt_schedule_list_days (plt_planning_document_get_draft (doc));
  g_autoptr(PltPlanningCommand) command = NULL;
  g_autoptr(GError) error = NULL;
  const PltShift *shift = NULL;

  if (days->len > 0)
    {
      PltAgentDay *d = g_ptr_array_index (days, g_rand_int_range (rand, 0, (gint32) days->len));

      if (d->shifts->len > 0)
        shift = g_ptr_array_index (d->shifts, g_rand_int_range (rand, 0, (gint32) d->shifts->len));
    }

  switch (shift == NULL ? 0 : g_rand_int_range (rand, 0, 12))
    {
    case 0:
      command = plt_planning_command_create_shift (agent, at (site, 2026, 6, day, hour, 0),
                                                   at (site, 2026, 6, day, hour + g_rand_int_range (rand, 1, 9), 0),
                                                   NULL);
      break;
    case 1:
      command = plt_planning_command_move_shift (shift->id, shift->start + g_rand_int_range (rand, -30, 30) * 15 * MINUTE,
                                                 g_rand_boolean (rand) ? agent : NULL);
      break;
    case 2:
      command = plt_planning_command_resize_shift (shift->id, shift->start - g_rand_int_range (rand, -4, 4) * 15 * MINUTE,
                                                   shift->end + g_rand_int_range (rand, -4, 4) * 15 * MINUTE);
      break;
    case 3:
      command = plt_planning_command_split_shift (shift->id, shift->start + g_rand_int_range (rand, 1, 8) * 30 * MINUTE);
      break;
    case 4:
      command = plt_planning_command_delete_shift (shift->id);
      break;
    case 5:
      command = plt_planning_command_add_activity (shift->id, g_rand_int_range (rand, 0, PLT_ACTIVITY_N_KINDS),
                                                   shift->start + 30 * MINUTE, shift->start + 45 * MINUTE, NULL);
      break;
    case 6:
      command = plt_planning_command_move_activity (shift->id, (guint) g_rand_int_range (rand, 0, 3),
                                                    shift->start + g_rand_int_range (rand, 0, 8) * 15 * MINUTE);
      break;
    case 7:
      command = plt_planning_command_resize_activity (shift->id, (guint) g_rand_int_range (rand, 0, 3),
                                                      shift->start + g_rand_int_range (rand, -2, 4) * 15 * MINUTE,
                                                      shift->start + g_rand_int_range (rand, 4, 12) * 15 * MINUTE);
      break;
    case 8:
      command = plt_planning_command_split_activity (shift->id, 0, shift->start + 15 * MINUTE);
      break;
    case 9:
      command = plt_planning_command_delete_activity (shift->id, (guint) g_rand_int_range (rand, 0, 3));
      break;
    case 10:
      {
        const char *to[] = { agent, NULL };
        GDate from, to_date;

        plt_site_get_date (site, shift->start, &from);
        date_set (&to_date, 2026, 6, day);
        command = plt_planning_command_copy_day (agents[0], &from, to, &to_date);
      }
      break;
    default:
      command = plt_planning_command_set_activity (shift->id, 0, PLT_ACTIVITY_TRAINING, NULL);
      break;
    }

  if (!plt_planning_document_execute (doc, command, &error))
    g_assert_error (error, PLT_PLANNING_ERROR, error->code);
}

static void
test_undo_redo_random (void)
{
  for (guint32 seed = 1; seed <= 20; seed++)
    {
      g_autoptr(PltPlanningDocument) doc = new_document ();
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
      PltUndoStack *stack = plt_planning_document_get_undo_stack (doc);
      g_autofree char *original = draft_text (doc);
      g_autofree char *final = NULL;
      g_autofree char *undone = NULL;
      g_autofree char *redone = NULL;
      g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func (g_free);

      g_ptr_array_add (states, g_strdup (original));
      for (guint i = 0; i < 60; i++)
        {
          guint before = plt_undo_stack_get_n_undo (stack);

          random_command (doc, rand);
          if (plt_undo_stack_get_n_undo (stack) > before)
            {
              char *text = draft_text (doc);
              g_autoptr(JsonNode) node = json_from_string (text, NULL);
              g_autoptr(PltSchedule) back = plt_schedule_from_json (node, NULL);

              /* Every state survives its JSON form (journal, wire). */
              g_assert_nonnull (back);
              g_assert_true (plt_schedule_equal (back, plt_planning_document_get_draft (doc)));
              g_ptr_array_add (states, text);
            }
        }
      final = draft_text (doc);
      g_assert_cmpuint (plt_undo_stack_get_n_undo (stack), ==, states->len - 1);
      g_assert_cmpuint (states->len, >, 20);

      /* Undo all: every intermediate state, back to the original. */
      for (guint i = states->len - 1; i > 0; i--)
        {
          g_autofree char *now = NULL;

          g_assert_true (plt_planning_document_undo (doc));
          now = draft_text (doc);
          g_assert_cmpstr (now, ==, g_ptr_array_index (states, i - 1));
        }
      g_assert_false (plt_planning_document_undo (doc));
      undone = draft_text (doc);
      g_assert_cmpstr (undone, ==, original);

      /* Redo all: the final state. */
      while (plt_planning_document_redo (doc))
        ;
      redone = draft_text (doc);
      g_assert_cmpstr (redone, ==, final);
      g_assert_false (plt_undo_stack_can_redo (stack));
    }
}

static void
test_undo_labels (void)
{
  g_autoptr(PltPlanningDocument) doc = new_document ();
  const PltSite *site = plt_planning_document_get_site (doc);
  PltUndoStack *stack = plt_planning_document_get_undo_stack (doc);
  const PltShift *shift;
  g_autoptr(GPtrArray) days = NULL;
  g_autoptr(GPtrArray) violations = NULL;
  g_autoptr(PltPlanningCommand) drag = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_false (plt_undo_stack_can_undo (stack));
  execute (doc, plt_planning_command_create_shift ("a2", at (site, 2026, 6, 1, 8, 0),
                                                   at (site, 2026, 6, 1, 10, 0), NULL));
  g_assert_cmpstr (plt_undo_stack_get_undo_label (stack), ==, "Create shift");
  shift = only_shift (doc, "a2", 2026, 6, 1);

  /* Trying a drag previews without changing anything. */
  before = draft_text (doc);
  drag = plt_planning_command_resize_shift (shift->id, shift->start, at (site, 2026, 6, 1, 19, 0));
  g_assert_true (plt_planning_document_try (doc, drag, &days, &violations, &error));
  g_assert_no_error (error);
  after = draft_text (doc);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (days->len, ==, 1);
  g_assert_cmpuint (plt_violations_count_errors (violations), ==, 1);   /* 11 h > 10 h */
  g_assert_false (plt_undo_stack_can_redo (stack));

  g_assert_true (plt_planning_document_undo (doc));
  g_assert_cmpstr (plt_undo_stack_get_redo_label (stack), ==, "Create shift");
  g_assert_null (plt_undo_stack_get_undo_label (stack));

  /* A no-op records nothing. */
  g_assert_true (plt_planning_document_redo (doc));
  execute (doc, plt_planning_command_resize_shift (shift->id, at (site, 2026, 6, 1, 8, 0), at (site, 2026, 6, 1, 10, 0)));
  g_assert_cmpuint (plt_undo_stack_get_n_undo (stack), ==, 1);
}

/* ------------------------------------------------------------------------
 * Merge
 */

static PltSchedule *
copy_draft (PltPlanningDocument *doc)
{
  return plt_schedule_copy (plt_planning_document_get_draft (doc));
}

static void
test_merge (void)
{
  g_autoptr(PltPlanningDocument) mine = new_document ();
  g_autoptr(PltPlanningDocument) theirs = plt_planning_document_new ("t1", plt_planning_document_get_site (mine), "c2");
  const PltSite *site = plt_planning_document_get_site (mine);
  PltWeek week = { 2026, 23 };
  g_autoptr(PltSchedule) base = NULL;
  g_autoptr(PltSchedule) their_draft = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *conflicts;
  const PltMergeConflict *conflict;
  g_autofree char *a1_id = NULL;

  plt_planning_document_set_agents (theirs, plt_planning_document_get_agents (mine));

  /* Both start from revision 3 with one shift each for a1 and a2. */
  execute (mine, plt_planning_command_create_shift ("a1", at (site, 2026, 6, 1, 8, 0), at (site, 2026, 6, 1, 12, 0), NULL));
  execute (mine, plt_planning_command_create_shift ("a2", at (site, 2026, 6, 1, 8, 0), at (site, 2026, 6, 1, 12, 0), NULL));
  base = copy_draft (mine);
  plt_planning_document_load_week (mine, &week, 3, base, NULL, 0);
  plt_planning_document_load_week (theirs, &week, 3, base, NULL, 0);
  a1_id = g_strdup (only_shift (mine, "a1", 2026, 6, 1)->id);
  g_assert_cmpuint (plt_undo_stack_get_n_undo (plt_planning_document_get_undo_stack (mine)), ==, 0);

  /* Different agent-days: I change a1 on Monday and a3 on Tuesday; they
   * change a2 on Monday and add a1 on Wednesday. */
  execute (mine, plt_planning_command_resize_shift (a1_id, at (site, 2026, 6, 1, 8, 0), at (site, 2026, 6, 1, 13, 0)));
  execute (mine, plt_planning_command_create_shift ("a3", at (site, 2026, 6, 2, 9, 0), at (site, 2026, 6, 2, 11, 0), NULL));
  execute (theirs, plt_planning_command_delete_shift (only_shift (theirs, "a2", 2026, 6, 1)->id));
  execute (theirs, plt_planning_command_create_shift ("a1", at (site, 2026, 6, 3, 9, 0), at (site, 2026, 6, 3, 17, 0), NULL));
  their_draft = copy_draft (theirs);

  g_assert_cmpuint (plt_planning_document_merge_remote (mine, &week, 4, their_draft), ==, 0);
  g_assert_cmpint (plt_planning_document_get_revision (mine, &week), ==, 4);
  g_assert_cmpint (only_shift (mine, "a1", 2026, 6, 1)->end, ==, at (site, 2026, 6, 1, 13, 0));   /* mine */
  g_assert_null (only_shift (mine, "a2", 2026, 6, 1));                                          /* theirs */
  g_assert_nonnull (only_shift (mine, "a3", 2026, 6, 2));                                       /* mine */
  g_assert_nonnull (only_shift (mine, "a1", 2026, 6, 3));                                       /* theirs */
  pending = plt_planning_document_list_pending (mine, &week);
  g_assert_cmpuint (pending->len, ==, 2);   /* only my two days remain to save */
  g_assert_false (plt_planning_document_has_conflicts (mine, &week));

  /* The same agent-day: a conflict, reported with the three versions. */
  execute (mine, plt_planning_command_resize_shift (a1_id, at (site, 2026, 6, 1, 7, 0), at (site, 2026, 6, 1, 13, 0)));
  execute (theirs, plt_planning_command_resize_shift (a1_id, at (site, 2026, 6, 1, 8, 0), at (site, 2026, 6, 1, 16, 0)));
  g_clear_pointer (&their_draft, plt_schedule_unref);
  their_draft = copy_draft (theirs);
  g_assert_cmpuint (plt_planning_document_merge_remote (mine, &week, 5, their_draft), ==, 1);
  conflicts = plt_planning_document_get_conflicts (mine);
  g_assert_cmpuint (conflicts->len, ==, 1);
  conflict = g_ptr_array_index (conflicts, 0);
  g_assert_cmpstr (conflict->key, ==, "a1|2026-06-01");
  g_assert_cmpint (((PltShift *) g_ptr_array_index (conflict->base->shifts, 0))->end, ==, at (site, 2026, 6, 1, 12, 0));
  g_assert_cmpint (((PltShift *) g_ptr_array_index (conflict->mine->shifts, 0))->start, ==, at (site, 2026, 6, 1, 7, 0));
  g_assert_cmpint (((PltShift *) g_ptr_array_index (conflict->theirs->shifts, 0))->end, ==, at (site, 2026, 6, 1, 16, 0));
  g_assert_true (plt_planning_document_has_conflicts (mine, &week));
  /* Meanwhile the draft keeps mine: never overwritten silently. */
  g_assert_cmpint (only_shift (mine, "a1", 2026, 6, 1)->start, ==, at (site, 2026, 6, 1, 7, 0));

  g_assert_true (plt_planning_document_resolve (mine, "a1|2026-06-01", PLT_MERGE_TAKE_THEIRS, &error));
  g_assert_no_error (error);
  g_assert_false (plt_planning_document_has_conflicts (mine, &week));
  g_assert_cmpint (only_shift (mine, "a1", 2026, 6, 1)->end, ==, at (site, 2026, 6, 1, 16, 0));
  g_assert_false (plt_planning_document_resolve (mine, "a1|2026-06-01", PLT_MERGE_KEEP_MINE, &error));
  g_assert_error (error, PLT_PLANNING_ERROR, PLT_PLANNING_ERROR_NOT_FOUND);

  /* Saving: what was sent becomes the base. */
  g_clear_pointer (&pending, g_ptr_array_unref);
  pending = plt_planning_document_list_pending (mine, &week);
  plt_planning_document_mark_saved (mine, &week, 6, pending);
  g_clear_pointer (&pending, g_ptr_array_unref);
  pending = plt_planning_document_list_pending (mine, &week);
  g_assert_cmpuint (pending->len, ==, 0);
  g_assert_cmpint (plt_planning_document_get_revision (mine, &week), ==, 6);
}

static void
test_merge_pure (void)
{
  g_autoptr(PltSite) site = paris ();
  g_autoptr(PltSchedule) base = plt_schedule_new ();
  g_autoptr(PltSchedule) mine = NULL;
  g_autoptr(PltSchedule) theirs = NULL;
  g_autoptr(PltSchedule) merged = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_auto(GStrv) taken = NULL;
  g_autoptr(PltAgentDay) d1 = NULL;
  g_autoptr(PltAgentDay) d2 = NULL;
  g_autoptr(PltAgentDay) d3 = NULL;
  GDate mon, tue;

  date_set (&mon, 2026, 6, 1);
  date_set (&tue, 2026, 6, 2);

  /* Mine moves shift "s-x-1" from Monday to Tuesday; they edit Monday,
   * keeping it: the merge keeps both, renaming their copy's id. */
  d1 = plt_agent_day_new ("a1", &mon);
  plt_agent_day_add_shift (d1, plt_shift_new ("s-x-1", at (site, 2026, 6, 1, 8, 0), at (site, 2026, 6, 1, 10, 0), NULL));
  g_assert_true (plt_schedule_set_day (base, d1, NULL));

  mine = plt_schedule_copy (base);
  d2 = plt_agent_day_new ("a1", &tue);
  plt_agent_day_add_shift (d2, plt_shift_new ("s-x-1", at (site, 2026, 6, 2, 8, 0), at (site, 2026, 6, 2, 10, 0), NULL));
  {
    g_autoptr(PltAgentDay) empty = plt_agent_day_new ("a1", &mon);

    g_assert_true (plt_schedule_set_day (mine, empty, NULL));
    g_assert_true (plt_schedule_set_day (mine, d2, NULL));
  }

  theirs = plt_schedule_copy (base);
  d3 = plt_agent_day_new ("a1", &mon);
  plt_agent_day_add_shift (d3, plt_shift_new ("s-x-1", at (site, 2026, 6, 1, 8, 0), at (site, 2026, 6, 1, 11, 0), NULL));
  g_assert_true (plt_schedule_set_day (theirs, d3, NULL));

  /* Monday: mine emptied it, theirs changed it: a conflict. */
  merged = plt_planning_merge (base, mine, theirs, &conflicts, &taken);
  g_assert_cmpuint (conflicts->len, ==, 1);
  g_assert_cmpstr (((PltMergeConflict *) g_ptr_array_index (conflicts, 0))->key, ==, "a1|2026-06-01");
  g_assert_cmpuint (g_strv_length (taken), ==, 0);
  g_assert_nonnull (plt_schedule_lookup (merged, "a1", &tue));

  g_assert_cmpint (plt_planning_merge_day (d1, d1, d3), ==, PLT_MERGE_THEIRS);
  g_assert_cmpint (plt_planning_merge_day (d1, d3, d1), ==, PLT_MERGE_MINE);
  g_assert_cmpint (plt_planning_merge_day (d1, d3, d3), ==, PLT_MERGE_SAME);
  g_assert_cmpint (plt_planning_merge_day (NULL, NULL, NULL), ==, PLT_MERGE_SAME);
  g_assert_cmpint (plt_planning_merge_day (NULL, d1, d3), ==, PLT_MERGE_CONFLICT);

  /* Their change of Monday with mine untouched there: taken, and the id
   * that would then be used twice renamed. */
  {
    g_autoptr(PltSchedule) theirs2 = plt_schedule_copy (base);
    g_autoptr(PltSchedule) mine2 = plt_schedule_copy (base);
    g_autoptr(PltSchedule) merged2 = NULL;
    g_autoptr(PltAgentDay) tue_mine = plt_agent_day_new ("a2", &tue);
    g_autoptr(GPtrArray) none = NULL;
    g_auto(GStrv) taken2 = NULL;
    PltAgentDay *monday;

    plt_agent_day_add_shift (tue_mine, plt_shift_new ("s-x-9", at (site, 2026, 6, 2, 8, 0), at (site, 2026, 6, 2, 9, 0), NULL));
    g_assert_true (plt_schedule_set_day (mine2, tue_mine, NULL));
    {
      g_autoptr(PltAgentDay) mon_theirs = plt_agent_day_new ("a1", &mon);

      plt_agent_day_add_shift (mon_theirs, plt_shift_new ("s-x-9", at (site, 2026, 6, 1, 8, 0), at (site, 2026, 6, 1, 9, 0), NULL));
      g_assert_true (plt_schedule_set_day (theirs2, mon_theirs, NULL));
    }
    merged2 = plt_planning_merge (base, mine2, theirs2, &none, &taken2);
    g_assert_cmpuint (none->len, ==, 0);
    g_assert_cmpuint (g_strv_length (taken2), ==, 1);
    monday = plt_schedule_lookup (merged2, "a1", &mon);
    g_assert_nonnull (monday);
    g_assert_cmpstr (((PltShift *) g_ptr_array_index (monday->shifts, 0))->id, !=, "s-x-9");
  }
}

/* ------------------------------------------------------------------------
 * Journal
 */

static char *
temp_journal (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("plateau-journal-XXXXXX", &error);

  g_assert_no_error (error);
  return g_build_filename (dir, "sub", "t1.jsonl", NULL);
}

static void
remove_journal (const char *path)
{
  g_autofree char *sub = g_path_get_dirname (path);
  g_autofree char *dir = g_path_get_dirname (sub);
  g_autofree char *tmp = g_strconcat (path, ".new", NULL);

  g_unlink (path);
  g_unlink (tmp);
  g_rmdir (sub);
  g_rmdir (dir);
}

static void
test_journal_recover (void)
{
  g_autofree char *path = temp_journal ();
  g_autoptr(PltPlanningDocument) doc = new_document ();
  g_autoptr(PltPlanningDocument) back = NULL;
  const PltSite *site = plt_planning_document_get_site (doc);
  g_autoptr(GError) error = NULL;
  PltWeek week = { 2026, 23 };
  g_autoptr(PltSchedule) server = plt_schedule_new ();
  g_autofree char *expected = NULL;
  g_autofree char *recovered = NULL;
  guint n_torn = 99;

  g_assert_true (plt_planning_document_set_journal (doc, plt_journal_open (path, &error), &error));
  g_assert_no_error (error);
  plt_planning_document_load_week (doc, &week, 7, server, NULL, 0);
  execute (doc, plt_planning_command_create_shift ("a1", at (site, 2026, 6, 1, 8, 0), at (site, 2026, 6, 1, 12, 0), NULL));
  execute (doc, plt_planning_command_create_shift ("a2", at (site, 2026, 6, 2, 8, 0), at (site, 2026, 6, 2, 12, 0), NULL));
  g_assert_true (plt_planning_document_undo (doc));
  execute (doc, plt_planning_command_create_shift ("a3", at (site, 2026, 6, 3, 8, 0), at (site, 2026, 6, 3, 12, 0), NULL));
  expected = draft_text (doc);

  back = plt_planning_document_recover (path, &n_torn, &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);
  g_assert_cmpuint (n_torn, ==, 0);
  recovered = draft_text (back);
  g_assert_cmpstr (recovered, ==, expected);
  g_assert_cmpint (plt_planning_document_get_revision (back, &week), ==, 7);
  g_assert_cmpstr (plt_planning_document_get_client_id (back), ==, "c1");
  g_assert_cmpuint (plt_planning_document_get_agents (back)->len, ==, 3);
  {
    g_autoptr(GPtrArray) pending = plt_planning_document_list_pending (back, &week);

    g_assert_cmpuint (pending->len, ==, 2);
  }

  /* After a save and a compaction the journal holds the new base. */
  {
    g_autoptr(GPtrArray) pending = plt_planning_document_list_pending (doc, &week);
    g_autoptr(PltPlanningDocument) again = NULL;
    g_autofree char *text = NULL;

    plt_planning_document_mark_saved (doc, &week, 8, pending);
    g_assert_true (plt_planning_document_compact_journal (doc, &error));
    g_assert_no_error (error);
    g_clear_object (&back);
    again = plt_planning_document_recover (path, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (plt_planning_document_get_revision (again, &week), ==, 8);
    g_clear_pointer (&pending, g_ptr_array_unref);
    pending = plt_planning_document_list_pending (again, &week);
    g_assert_cmpuint (pending->len, ==, 0);
    text = draft_text (again);
    g_assert_cmpstr (text, ==, expected);
  }

  /* A last line cut short is skipped; a broken line before it is not. */
  {
    g_autofree char *contents = NULL;
    g_autofree char *torn = NULL;
    g_autoptr(PltPlanningDocument) cut = NULL;
    gsize length;

    g_clear_object (&doc);
    g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
    torn = g_strconcat (contents, "{\"t\":\"edit\",\"op\":\"create-sh", NULL);
    g_assert_true (g_file_set_contents (path, torn, -1, NULL));
    cut = plt_planning_document_recover (path, &n_torn, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (n_torn, ==, 1);
    g_clear_object (&cut);

    g_free (torn);
    torn = g_strconcat ("{\"t\":\"open\"\n", contents, NULL);
    g_assert_true (g_file_set_contents (path, torn, -1, NULL));
    cut = plt_planning_document_recover (path, &n_torn, &error);
    g_assert_null (cut);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  }

  remove_journal (path);
}

/* The child: edits for ever, printing "<n>\n" after each edit the journal
 * acknowledged, until killed. */
static void
journal_child (const char *path)
{
  g_autoptr(PltPlanningDocument) doc = new_document ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(GError) error = NULL;
  PltWeek week = { 2026, 23 };
  g_autoptr(PltSchedule) server = plt_schedule_new ();
  PltUndoStack *stack = plt_planning_document_get_undo_stack (doc);
  guint n = 0;

  if (!plt_planning_document_set_journal (doc, plt_journal_open (path, &error), &error))
    exit (2);
  plt_planning_document_load_week (doc, &week, 1, server, NULL, 0);

  for (;;)
    {
      guint before = plt_undo_stack_get_n_undo (stack);

      random_command (doc, rand);
      if (plt_undo_stack_get_n_undo (stack) > before)
        {
          printf ("%u\n", ++n);
          fflush (stdout);
        }
      if (n > 100000)
        exit (3);
    }
}

static const char *child_journal;

static void
test_journal_killed (void)
{
  g_autofree char *path = temp_journal ();
  g_autofree char *self = g_test_build_filename (G_TEST_BUILT, "test-planning", NULL);
  const char *argv[] = { self, "--journal-child", path, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GIOChannel) channel = NULL;
  g_autoptr(PltPlanningDocument) recovered = NULL;
  g_autoptr(PltPlanningDocument) replay = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autofree char *recovered_text = NULL;
  GPid pid;
  int out_fd;
  guint acked = 0;
  guint n_torn = 0;
  int status;
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  if (g_getenv ("PLT_TEST_NO_SPAWN") != NULL)
    {
      g_test_skip ("spawning is off");
      return;
    }

  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                           &pid, NULL, &out_fd, NULL, &error));
  g_assert_no_error (error);

  /* Kill it, mid-edit, once it acknowledged 25 edits. */
  channel = g_io_channel_unix_new (out_fd);
  g_io_channel_set_close_on_unref (channel, TRUE);
  while (acked < 25 && g_get_monotonic_time () < deadline)
    {
      g_autofree char *line = NULL;

      if (g_io_channel_read_line (channel, &line, NULL, NULL, NULL) != G_IO_STATUS_NORMAL)
        break;
      acked = (guint) atoi (line);
    }
  kill (pid, SIGKILL);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpuint (acked, >=, 25);

  recovered = plt_planning_document_recover (path, &n_torn, &error);
  g_assert_no_error (error);
  g_assert_nonnull (recovered);
  g_assert_cmpuint (n_torn, <=, 1);
  recovered_text = draft_text (recovered);

  /* The same random edits, replayed here: the recovered draft is the
   * state after some k ≥ acked of them (those the child finished writing). */
  {
    g_autoptr(PltSchedule) server = plt_schedule_new ();
    PltWeek week = { 2026, 23 };
    PltUndoStack *stack;
    gboolean found = FALSE;
    guint n = 0;

    replay = new_document ();
    stack = plt_planning_document_get_undo_stack (replay);
    plt_planning_document_load_week (replay, &week, 1, server, NULL, 0);
    while (n < acked + 50 && !found)
      {
        guint before = plt_undo_stack_get_n_undo (stack);

        random_command (replay, rand);
        if (plt_undo_stack_get_n_undo (stack) > before)
          {
            g_autofree char *text = draft_text (replay);

            n++;
            if (n >= acked && strcmp (text, recovered_text) == 0)
              found = TRUE;
          }
      }
    g_test_message ("killed after %u acknowledged edits; recovered %u", acked, n);
    g_assert_true (found);
  }

  remove_journal (path);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && strcmp (argv[1], "--journal-child") == 0)
    {
      child_journal = argv[2];
      journal_child (child_journal);
      return 0;
    }

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/planning/weeks", test_weeks);
  g_test_add_func ("/planning/dst", test_dst);
  g_test_add_func ("/planning/template-dst", test_template_dst);
  g_test_add_func ("/planning/night-shift", test_night_shift_belongs_to_start_day);
  g_test_add_func ("/planning/json", test_json_round_trip);

  g_test_add ("/planning/rules/clean", RuleFixture, NULL, rule_setup, test_rules_clean, rule_teardown);
  g_test_add ("/planning/rules/overlap", RuleFixture, NULL, rule_setup, test_rule_overlap, rule_teardown);
  g_test_add ("/planning/rules/min-rest", RuleFixture, NULL, rule_setup, test_rule_min_rest, rule_teardown);
  g_test_add ("/planning/rules/max-day", RuleFixture, NULL, rule_setup, test_rule_max_day, rule_teardown);
  g_test_add ("/planning/rules/max-week", RuleFixture, NULL, rule_setup, test_rule_max_week, rule_teardown);
  g_test_add ("/planning/rules/breaks", RuleFixture, NULL, rule_setup, test_rule_breaks, rule_teardown);
  g_test_add ("/planning/rules/lunch", RuleFixture, NULL, rule_setup, test_rule_lunch, rule_teardown);
  g_test_add ("/planning/rules/skills", RuleFixture, NULL, rule_setup, test_rule_skills, rule_teardown);
  g_test_add ("/planning/rules/time-off", RuleFixture, NULL, rule_setup, test_rule_time_off, rule_teardown);
  g_test_add ("/planning/rules/off", RuleFixture, NULL, rule_setup, test_rule_off, rule_teardown);
  g_test_add_func ("/planning/rules/presets", test_rule_presets);

  g_test_add_func ("/planning/commands", test_commands);
  g_test_add_func ("/planning/undo-redo/random", test_undo_redo_random);
  g_test_add_func ("/planning/undo-redo/labels", test_undo_labels);

  g_test_add_func ("/planning/merge/document", test_merge);
  g_test_add_func ("/planning/merge/pure", test_merge_pure);

  g_test_add_func ("/planning/journal/recover", test_journal_recover);
  g_test_add_func ("/planning/journal/killed", test_journal_killed);

  return g_test_run ();
}
