/* bench-planning.c — how fast the planning computes required staffing and
 * what-if changes, checks rules, and applies edits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints figures with their targets; asserts nothing. Run on an otherwise
 * idle machine:
 *   <builddir>/bench/bench-planning [--queues 50] [--rounds 20]
 */

#include "config.h"

#include <math.h>
#include <stdio.h>

#include "plt-forecast.h"
#include "plt-planning-document.h"

static guint n_queues = 50;
static guint n_rounds = 20;

static double
ms_since (gint64 start)
{
  return (double) (g_get_monotonic_time () - start) / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
report (const char *what,
        GArray     *times,
        double      target_ms)
{
  double *v = (double *) times->data;

  g_array_sort (times, compare_doubles);
  printf ("%-52s median %8.3f ms  max %8.3f ms  (target ≤ %g ms)  %s\n", what,
          v[times->len / 2], v[times->len - 1], target_ms, v[times->len / 2] <= target_ms ? "ok" : "OVER");
}

/* A week of realistic intervals: a daily curve per queue, quieter at the
 * weekend, noise; AHT around 3 to 7 minutes; no calls at night. */
static PltForecast *
make_forecast (const PltSite *site,
               GRand         *rand)
{
  PltWeek week = { 2026, 23 };
  PltForecast *forecast = plt_forecast_new_for_week (site, &week);
  guint n = plt_forecast_get_n_intervals (forecast);

  for (guint q = 0; q < n_queues; q++)
    {
      g_autofree char *id = g_strdup_printf ("q-%02u", q);
      guint index = plt_forecast_add_queue (forecast, id);
      double scale = g_rand_double_range (rand, 5, 60);
      double aht = g_rand_double_range (rand, 180, 420);

      for (guint i = 0; i < n; i++)
        {
          int slot = (int) (i % 96);
          int day = (int) (i / 96);
          double hour = slot / 4.0;
          double curve = hour < 7 || hour >= 21 ? 0 : sin ((hour - 7) / 14 * G_PI);
          double calls = scale * curve * (day >= 5 ? 0.5 : 1.0) * g_rand_double_range (rand, 0.85, 1.15);

          plt_forecast_set (forecast, index, i, calls, aht * g_rand_double_range (rand, 0.95, 1.05));
        }
    }
  return forecast;
}

static void
bench_staffing (void)
{
  g_autoptr(PltSite) site = plt_site_new ("s", "Site", "Europe/Paris", NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(PltForecast) forecast = make_forecast (site, rand);
  g_autoptr(GArray) week_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) week_c_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) day_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  PltWhatIf what_if;
  guint cells = plt_forecast_get_n_intervals (forecast) * n_queues;

  plt_what_if_init (&what_if);
  for (guint r = 0; r < n_rounds; r++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(PltCoverage) coverage = plt_coverage_new (forecast, &what_if, &error);
      double t = ms_since (start);

      g_assert_no_error (error);
      g_array_append_val (week_times, t);
    }
  printf ("required staffing: %u intervals × %u queues = %u cells\n",
          plt_forecast_get_n_intervals (forecast), n_queues, cells);
  report ("required staffing, a week, Erlang A", week_times, 50);

  what_if.model = PLT_STAFFING_ERLANG_C;
  for (guint r = 0; r < n_rounds; r++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(PltCoverage) coverage = plt_coverage_new (forecast, &what_if, &error);
      double t = ms_since (start);

      g_array_append_val (week_c_times, t);
    }
  report ("required staffing, a week, Erlang C", week_c_times, 50);

  /* What-if on one day: each round a new volume, AHT and patience, so
   * that nothing computed before can be reused. */
  {
    g_autoptr(PltCoverage) coverage = NULL;

    what_if.model = PLT_STAFFING_ERLANG_A;
    coverage = plt_coverage_new (forecast, &what_if, &error);
    for (guint r = 0; r < n_rounds * 5; r++)
      {
        gint64 start;
        double t;

        what_if.volume_factor = 0.8 + 0.004 * r;
        what_if.aht_factor = 0.9 + 0.002 * r;
        what_if.patience_s = 100 + r;
        what_if.shrinkage = 0.25 + 0.001 * r;
        start = g_get_monotonic_time ();
        plt_coverage_recompute (coverage, &what_if, 2 * 96, 96, &error);
        t = ms_since (start);
        g_assert_no_error (error);
        g_array_append_val (day_times, t);
      }
    report ("what-if recompute, one day × all queues, Erlang A", day_times, 5);
  }
}

static void
bench_edits (void)
{
  g_autoptr(PltSite) site = plt_site_new ("s", "Site", "Europe/Paris", NULL);
  g_autoptr(PltPlanningDocument) doc = plt_planning_document_new ("t", site, "b");
  g_autoptr(GPtrArray) agents = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_planning_agent_free);
  g_autoptr(PltShiftTemplate) tmpl = plt_shift_template_new ("d", "Day", 9 * 60, 510, NULL);
  g_autoptr(GArray) check_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) edit_times = g_array_new (FALSE, FALSE, sizeof (double));
  const char *skills[] = { "q-00", "q-01", NULL };
  PltWeek week = { 2026, 23 };
  GDate monday, sunday;

  plt_shift_template_add (tmpl, PLT_ACTIVITY_BREAK, 120, 15, NULL);
  plt_shift_template_add (tmpl, PLT_ACTIVITY_LUNCH, 210, 60, NULL);
  for (guint a = 0; a < 500; a++)
    {
      g_autofree char *id = g_strdup_printf ("a-%03u", a);

      g_ptr_array_add (agents, plt_planning_agent_new (id, id, "t", skills));
    }
  plt_planning_document_set_agents (doc, agents);
  plt_week_get_monday (&week, &monday);
  sunday = monday;
  g_date_add_days (&sunday, 6);

  for (guint a = 0; a < 500; a++)
    {
      GDate date = monday;

      for (guint d = 0; d < 5; d++, g_date_add_days (&date, 1))
        {
          g_autoptr(PltPlanningCommand) command =
            plt_planning_command_apply_template (((PltPlanningAgent *) g_ptr_array_index (agents, a))->id, &date, tmpl);

          plt_planning_document_execute (doc, command, NULL);
        }
    }

  for (guint r = 0; r < n_rounds; r++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(GPtrArray) violations = plt_planning_document_check (doc, NULL, &monday, &sunday);
      double t = ms_since (start);

      g_array_append_val (check_times, t);
    }
  report ("rules, 500 agents × a week", check_times, 100);

  for (guint r = 0; r < n_rounds * 5; r++)
    {
      PltAgentDay *day = plt_schedule_lookup (plt_planning_document_get_draft (doc), "a-042", &monday);
      const PltShift *shift = g_ptr_array_index (day->shifts, 0);
      g_autoptr(PltPlanningCommand) command =
        plt_planning_command_move_shift (shift->id, shift->start + (r % 2 == 0 ? 1 : -1) * 15 * PLT_MS_PER_MINUTE, NULL);
      g_autoptr(GPtrArray) violations = NULL;
      g_autoptr(GPtrArray) days = NULL;
      gint64 start = g_get_monotonic_time ();
      double t;

      /* What a drag does at each step: try, with the violations. */
      plt_planning_document_try (doc, command, &days, &violations, NULL);
      plt_planning_document_execute (doc, command, NULL);
      t = ms_since (start);
      g_array_append_val (edit_times, t);
    }
  report ("drag step: try + rules + execute, 500 agents", edit_times, 16.7);
}

int
main (int   argc,
      char *argv[])
{
  const GOptionEntry entries[] = {
    { "queues", 0, 0, G_OPTION_ARG_INT, &n_queues, "Queues in the forecast (default 50)", "N" },
    { "rounds", 0, 0, G_OPTION_ARG_INT, &n_rounds, "Rounds of each measure (default 20)", "N" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 2;
    }
  n_queues = MAX (n_queues, 1);
  n_rounds = MAX (n_rounds, 1);

  bench_staffing ();
  bench_edits ();
  return 0;
}
