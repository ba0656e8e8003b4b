/* plt-planning-fixture.c — a plausible team planning for tests and bench
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "plt-planning-fixture.h"

static const char *first_names[] = {
  "Amandine", "Bruno", "Chloé", "Damien", "Élodie", "Farid", "Gaëlle", "Hugo",
  "Inès", "Julien", "Karima", "Léo", "Manon", "Nicolas", "Océane", "Pierre",
  "Quentin", "Rachida", "Sébastien", "Thérèse", "Ulysse", "Valérie", "William", "Yasmine",
};

static const char *last_names[] = {
  "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand",
  "Leroy", "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David",
  "Bertrand", "Roux", "Vincent", "Fournier", "Morel", "Girard", "André", "Mercier",
};

PltSite *
plt_fixture_site (void)
{
  g_autoptr(GError) error = NULL;
  PltSite *site = plt_site_new ("paris", "Paris", "Europe/Paris", &error);

  g_assert_no_error (error);
  return site;
}

void
plt_fixture_week (PltWeek *week)
{
  week->year = 2026;
  week->week = 48;
}

const char *
plt_fixture_team_name (const char *team)
{
  static const char *names[] = { "Équipe Nord", "Équipe Sud", "Équipe Est", "Équipe Ouest" };
  guint64 n = 0;

  if (team == NULL || !g_str_has_prefix (team, "t-"))
    return team;

  n = g_ascii_strtoull (team + 2, NULL, 10);
  if (n >= 1 && n <= G_N_ELEMENTS (names))
    return names[n - 1];
  return team;
}

GPtrArray *
plt_fixture_agents (guint n,
                    guint n_teams)
{
  GPtrArray *agents = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_planning_agent_free);
  const char *both[] = { "q-sales", "q-support", NULL };
  const char *sales[] = { "q-sales", NULL };
  const char *support[] = { "q-support", NULL };

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("a-%03u", i + 1);
      g_autofree char *team = g_strdup_printf ("t-%u", i % MAX (n_teams, 1) + 1);
      g_autofree char *name = g_strdup_printf ("%s %s",
                                               first_names[i % G_N_ELEMENTS (first_names)],
                                               last_names[(i * 7 + i / G_N_ELEMENTS (first_names)) % G_N_ELEMENTS (last_names)]);
      const char * const *skills = i % 3 == 0 ? sales : i % 3 == 1 ? both : support;

      g_ptr_array_add (agents, plt_planning_agent_new (id, name, team, skills));
    }

  return agents;
}

static PltShift *
make_shift (const PltSite *site,
            const GDate   *date,
            guint          n,
            guint          start_min,
            guint          variant)
{
  g_autoptr(PltShiftTemplate) tmpl = plt_shift_template_new ("fx", "Fixture", start_min, 8 * 60 + 30, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_strdup_printf ("s-fx-%u", n);
  PltShift *shift;

  plt_shift_template_add (tmpl, PLT_ACTIVITY_BREAK, 120, 15, NULL);
  /* Lunch in its window (11:30–14:30) mostly; now and then too early */
  plt_shift_template_add (tmpl, PLT_ACTIVITY_LUNCH,
                          MAX (240, (int) (variant % 11 == 5 ? 0 : 690) - (int) start_min) + (variant % 3) * 15,
                          45, NULL);
  plt_shift_template_add (tmpl, PLT_ACTIVITY_BREAK, 405, 15, NULL);
  if (variant % 5 == 1)
    plt_shift_template_add (tmpl, PLT_ACTIVITY_TRAINING, 330, 60, NULL);
  else if (variant % 5 == 3)
    plt_shift_template_add (tmpl, PLT_ACTIVITY_MEETING, 30, 30, NULL);
  else if (variant % 7 == 4)
    plt_shift_template_add (tmpl, PLT_ACTIVITY_BACK_OFFICE, 150, 60, NULL);

  shift = plt_shift_template_instantiate (tmpl, site, date, id, &error);
  g_assert_no_error (error);
  return shift;
}

PltSchedule *
plt_fixture_schedule (GPtrArray     *agents,
                      const PltSite *site,
                      const PltWeek *week)
{
  PltSchedule *schedule = plt_schedule_new ();
  static const guint starts[] = { 7 * 60, 8 * 60, 8 * 60 + 30, 9 * 60, 10 * 60, 11 * 60 + 30 };
  GDate monday;
  guint n = 0;

  g_date_clear (&monday, 1);
  plt_week_get_monday (week, &monday);

  for (guint a = 0; a < agents->len; a++)
    {
      const PltPlanningAgent *agent = g_ptr_array_index (agents, a);

      for (guint d = 0; d < 7; d++)
        {
          g_autoptr(PltAgentDay) day = NULL;
          g_autoptr(GError) error = NULL;
          GDate date = monday;

          g_date_add_days (&date, d);
          day = plt_agent_day_new (agent->id, &date);

          /* Weekends off; one agent in nine on leave on Wednesday */
          if (d >= 5)
            continue;
          if (d == 2 && a % 9 == 4)
            {
              gint64 start = plt_site_day_start (site, &date);
              GDate next = date;

              g_date_add_days (&next, 1);
              g_ptr_array_add (day->absences, plt_absence_new (start, plt_site_day_start (site, &next), "vacation"));
            }
          else
            plt_agent_day_add_shift (day, make_shift (site, &date, ++n,
                                                      starts[(a + d * (a % 2)) % G_N_ELEMENTS (starts)],
                                                      a + d));

          plt_schedule_set_day (schedule, day, &error);
          g_assert_no_error (error);
        }
    }

  return schedule;
}

PltPlanningDocument *
plt_fixture_document (GPtrArray     *agents,
                      const char    *team,
                      const PltWeek *week,
                      gint64         revision)
{
  g_autoptr(PltSite) site = plt_fixture_site ();
  g_autoptr(PltSchedule) draft = plt_fixture_schedule (agents, site, week);
  PltPlanningDocument *document = plt_planning_document_new (team, site, "ui");

  plt_planning_document_set_agents (document, agents);
  plt_planning_document_set_snap_minutes (document, 15);
  plt_planning_document_load_week (document, week, revision, draft, NULL, 0);

  return document;
}

/* Calls per quarter hour, in agents' worth of load at 300 s: two peaks. */
static double
shape (double hour)
{
  if (hour < 7 || hour >= 21)
    return 0;

  return 0.12 + exp (-pow ((hour - 10.5) / 1.7, 2)) + 0.8 * exp (-pow ((hour - 15.0) / 1.9, 2));
}

PltForecast *
plt_fixture_forecast (const PltSite *site,
                      const PltWeek *week,
                      double         agents_worth)
{
  PltForecast *forecast = plt_forecast_new_for_week (site, week);
  guint sales = plt_forecast_add_queue (forecast, "q-sales");
  guint support = plt_forecast_add_queue (forecast, "q-support");
  gint64 start = plt_forecast_get_start (forecast);

  for (guint i = 0; i < plt_forecast_get_n_intervals (forecast); i++)
    {
      gint64 t = start + (gint64) i * PLT_FORECAST_INTERVAL_MS;
      int minute = plt_site_minute_of_day (site, t);
      GDate date;
      double load, calls;

      g_date_clear (&date, 1);
      plt_site_get_date (site, t, &date);
      /* Erlangs at the peak ≈ agents_worth × 0.7, split over two queues */
      load = shape (minute / 60.0) * agents_worth * 0.7;
      if (g_date_get_weekday (&date) >= G_DATE_SATURDAY)
        load *= 0.25;
      calls = load * 900.0 / 300.0;

      plt_forecast_set (forecast, sales, i, calls * 0.55, 280);
      plt_forecast_set (forecast, support, i, calls * 0.45, 330);
    }
  plt_forecast_set_patience (forecast, sales, 180);
  plt_forecast_set_patience (forecast, support, 240);

  return forecast;
}
