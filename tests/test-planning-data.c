/* test-planning-data.c — the planning's data: the forecast from history
 * and from CSV (bad rows named by line), required staffing and coverage
 * with what-if, the exports parsed back (CSV by a reader of this file's
 * own, iCalendar by libical), the diff, and adherence on hand-made
 * timelines
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <libical/ical.h>

#include "plt-adherence.h"
#include "plt-export.h"
#include "plt-forecast.h"

#define MINUTE PLT_MS_PER_MINUTE
#define HOUR PLT_MS_PER_HOUR

static PltSite *
site_new (const char *tz)
{
  g_autoptr(GError) error = NULL;
  PltSite *site = plt_site_new ("s", "Site", tz, &error);

  g_assert_no_error (error);
  return site;
}

static gint64
at (const PltSite *site,
    int            y,
    int            m,
    int            d,
    int            hh,
    int            mm)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, d, m, y);
  return plt_site_local_time (site, &date, hh * 60 + mm);
}

static PltAgentDay *
day_of (const PltSite *site,
        const char    *agent,
        int            y,
        int            m,
        int            d)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, d, m, y);
  return plt_agent_day_new (agent, &date);
}

/* A shift of consecutive activities: kinds[i] for minutes[i]. */
static PltShift *
shift_of (const char            *id,
          gint64                 start,
          const PltActivityKind *kinds,
          const int             *minutes,
          guint                  n,
          const char * const    *queues)
{
  PltShift *shift = g_new0 (PltShift, 1);
  gint64 t = start;

  shift->id = g_strdup (id);
  shift->activities = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_activity_free);
  for (guint i = 0; i < n; i++)
    {
      g_ptr_array_add (shift->activities, plt_activity_new (kinds[i], t, t + minutes[i] * MINUTE, queues));
      t += minutes[i] * MINUTE;
    }
  g_assert_true (plt_shift_normalize (shift, NULL));
  return shift;
}

/* ------------------------------------------------------------------------
 * Forecast
 */

static void
test_history (void)
{
  g_autoptr(PltSite) site = site_new ("Europe/Paris");
  /* History: the two weeks 2026-W21 and W22; forecast W23. */
  gint64 from = at (site, 2026, 5, 18, 0, 0);
  gint64 to = at (site, 2026, 6, 1, 0, 0);
  g_autoptr(PltHistory) history = plt_history_new (site, from, to);
  PltWeek week = { 2026, 23 };
  g_autoptr(PltForecast) forecast = plt_forecast_new_for_week (site, &week);
  int q;
  int monday_8 = (8 * 60) / 15;
  int tuesday_8 = (24 * 60 + 8 * 60) / 15;

  g_assert_cmpuint (plt_forecast_get_n_intervals (forecast), ==, 7 * 96);

  /* 12 calls on Monday 18 May 08:00–08:15, 8 on Monday 25 May; one call
   * out of the history's span; an outbound call. */
  for (int i = 0; i < 20; i++)
    {
      PltContactRecord record = { 0 };
      int day = i < 12 ? 18 : 25;

      record.id = "c";
      record.queue = "q-sales";
      record.media = PLT_QUEUE_MEDIA_INBOUND;
      record.enqueued = at (site, 2026, 5, day, 8, i % 15);
      record.answered = record.enqueued + 10000;
      record.ended = record.answered + 200000;          /* 200 s of talk */
      record.wrap_end = record.ended + (i % 2 == 0 ? 20000 : 40000);
      record.outcome = PLT_CONTACT_OUTCOME_ANSWERED;
      plt_history_add (history, &record);
    }
  {
    PltContactRecord outside = { .id = "x", .queue = "q-sales", .media = PLT_QUEUE_MEDIA_INBOUND,
                                 .enqueued = at (site, 2026, 6, 1, 8, 0) };
    PltContactRecord outbound = { .id = "o", .queue = "q-out", .media = PLT_QUEUE_MEDIA_OUTBOUND,
                                  .enqueued = at (site, 2026, 5, 18, 8, 0) };

    g_assert_true (plt_history_add_func (&outside, history));
    plt_history_add (history, &outbound);
  }

  plt_history_forecast (history, forecast, 180);
  q = plt_forecast_find_queue (forecast, "q-sales");
  g_assert_cmpint (q, ==, 0);
  g_assert_cmpint (plt_forecast_find_queue (forecast, "q-out"), ==, -1);
  g_assert_cmpfloat_with_epsilon (plt_forecast_get_calls (forecast, q, monday_8), 10.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (plt_forecast_get_aht (forecast, q, monday_8), 230.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (plt_forecast_get_calls (forecast, q, tuesday_8), 0.0, 1e-9);
  /* No calls on Tuesday: the queue's AHT. */
  g_assert_cmpfloat_with_epsilon (plt_forecast_get_aht (forecast, q, tuesday_8), 230.0, 1e-9);
}

static void
test_history_dst (void)
{
  g_autoptr(PltSite) site = site_new ("Europe/Paris");
  PltWeek week = { 2026, 13 };   /* 23–29 March: clocks go forward on Sunday */
  g_autoptr(PltForecast) forecast = plt_forecast_new_for_week (site, &week);
  g_autoptr(PltHistory) history = plt_history_new (site, at (site, 2026, 3, 16, 0, 0), at (site, 2026, 3, 23, 0, 0));
  PltContactRecord record = { .id = "c", .queue = "q", .media = PLT_QUEUE_MEDIA_INBOUND };
  int interval;

  g_assert_cmpuint (plt_forecast_get_n_intervals (forecast), ==, 7 * 96 - 4);

  /* A call at 09:00 local on Sunday 22 March is forecast at 09:00 local on
   * Sunday 29 March, though UTC moved by an hour. */
  record.enqueued = at (site, 2026, 3, 22, 9, 0);
  plt_history_add (history, &record);
  plt_history_forecast (history, forecast, 180);
  interval = plt_forecast_interval_at (forecast, at (site, 2026, 3, 29, 9, 0));
  g_assert_cmpint (interval, >=, 0);
  g_assert_cmpfloat_with_epsilon (plt_forecast_get_calls (forecast, 0, (guint) interval), 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (plt_forecast_get_calls (forecast, 0, (guint) interval - 4), 0.0, 1e-9);
}

static guint
count_line (GPtrArray  *errors,
            guint       line)
{
  guint n = 0;

  for (guint i = 0; i < errors->len; i++)
    {
      PltCsvRowError *e = g_ptr_array_index (errors, i);

      g_assert_true (g_utf8_validate (e->message, -1, NULL));
      if (e->line == line)
        n++;
    }
  return n;
}

static void
test_csv_import (void)
{
  g_autoptr(PltSite) site = site_new ("Europe/Paris");
  PltWeek week = { 2026, 23 };
  g_autoptr(PltForecast) forecast = plt_forecast_new_for_week (site, &week);
  g_autoptr(GPtrArray) errors = NULL;
  g_autoptr(GError) error = NULL;
  const char *good =
    "\xef\xbb\xbfqueue,interval_start,calls,aht_s,patience_s\r\n"
    "q-sales,2026-06-01T08:00,12.5,240,\r\n"
    "q-sales,2026-06-01T08:15+02:00,14,238,150\r\n"
    "\"q,support\",2026-06-01T06:30Z,3,300,\r\n"
    "\r\n";
  int q;

  g_assert_true (plt_forecast_import_csv (forecast, site, good, -1, &errors, &error));
  g_assert_no_error (error);
  g_assert_null (errors);
  q = plt_forecast_find_queue (forecast, "q-sales");
  g_assert_cmpint (q, >=, 0);
  g_assert_cmpfloat (plt_forecast_get_calls (forecast, q, 32), ==, 12.5);
  g_assert_cmpfloat (plt_forecast_get_calls (forecast, q, 33), ==, 14);
  g_assert_cmpfloat (plt_forecast_get_aht (forecast, q, 33), ==, 238);
  g_assert_cmpfloat (plt_forecast_get_patience (forecast, q), ==, 150);
  /* 06:30Z is 08:30 in Paris in June. */
  q = plt_forecast_find_queue (forecast, "q,support");
  g_assert_cmpfloat (plt_forecast_get_calls (forecast, q, 34), ==, 3);

  {
    g_autoptr(PltForecast) f = plt_forecast_new_for_week (site, &week);
    const char *bad =
      "queue,interval_start,calls,aht_s\n"                /* 1 */
      "q-sales,2026-06-01T08:00,12,240\n"                 /* 2: fine */
      "q-sales,2026-06-01T08:07,12,240\n"                 /* 3: not a quarter hour */
      "q-sales,2026-06-01 08:00,12,240\n"                 /* 4: not a time */
      "q-sales,2026-06-01T08:30,many,240\n"               /* 5: not a number */
      "q-sales,2026-06-01T08:45,-1,0\n"                   /* 6: two errors */
      "q-sales,2026-05-31T08:00,12,240\n"                 /* 7: outside */
      "q-sales,2026-06-01T08:00,12,240\n"                 /* 8: twice */
      "q-sales,2026-06-01T09:00,12\n"                     /* 9: too few fields */
      ",2026-06-01T09:15,1,100\n";                        /* 10: no queue */

    g_assert_false (plt_forecast_import_csv (f, site, bad, -1, &errors, &error));
    g_assert_error (error, PLT_FORECAST_ERROR, PLT_FORECAST_ERROR_CSV);
    g_test_message ("%s", error->message);
    g_assert_nonnull (errors);
    for (guint i = 0; i < errors->len; i++)
      g_test_message ("line %u: %s", ((PltCsvRowError *) g_ptr_array_index (errors, i))->line,
                      ((PltCsvRowError *) g_ptr_array_index (errors, i))->message);
    g_assert_cmpuint (count_line (errors, 2), ==, 0);
    for (guint line = 3; line <= 10; line++)
      g_assert_cmpuint (count_line (errors, line), >=, 1);
    g_assert_cmpuint (count_line (errors, 6), ==, 2);
    g_assert_cmpuint (errors->len, ==, 9);
    /* Nothing was imported, not even the good row. */
    g_assert_cmpint (plt_forecast_find_queue (f, "q-sales"), ==, -1);
    g_clear_pointer (&errors, g_ptr_array_unref);
    g_clear_error (&error);
  }

  {
    g_autoptr(PltForecast) f = plt_forecast_new_for_week (site, &week);
    const char *cases[] = {
      "",                                                       /* empty */
      "queue,start,calls,aht_s\n",                              /* unknown column */
      "queue,interval_start,calls\n",                           /* missing column */
      "queue,interval_start,calls,aht_s\nq,\"2026-06-01T08:00,1,100\n",   /* open quote */
      "queue,interval_start,calls,aht_s\nq\"x,2026-06-01T08:00,1,100\n",  /* stray quote */
      "queue,interval_start,calls,aht_s\nq,2026-03-29T02:30,1,100\n",     /* a time Paris skips */
    };
    const guint lines[] = { 1, 1, 1, 2, 2, 2 };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autoptr(PltForecast) march = plt_forecast_new (at (site, 2026, 3, 29, 0, 0), 92);

        g_assert_false (plt_forecast_import_csv (i == 5 ? march : f, site, cases[i], -1, &errors, &error));
        g_assert_error (error, PLT_FORECAST_ERROR, PLT_FORECAST_ERROR_CSV);
        g_assert_cmpuint (errors->len, >=, 1);
        g_assert_cmpuint (((PltCsvRowError *) g_ptr_array_index (errors, 0))->line, ==, lines[i]);
        g_clear_pointer (&errors, g_ptr_array_unref);
        g_clear_error (&error);
      }
  }
}

static void
test_coverage (void)
{
  g_autoptr(PltSite) site = site_new ("UTC");
  g_autoptr(PltForecast) forecast = plt_forecast_new (at (site, 2026, 6, 1, 8, 0), 8);
  g_autoptr(PltCoverage) coverage = NULL;
  g_autoptr(PltSchedule) schedule = plt_schedule_new ();
  g_autoptr(GPtrArray) agents = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_planning_agent_free);
  g_autoptr(GError) error = NULL;
  const char *both[] = { "q-a", "q-b", NULL };
  PltWhatIf what_if;
  const PltCoverageCell *c;
  guint qa, qb;

  qa = plt_forecast_add_queue (forecast, "q-a");
  qb = plt_forecast_add_queue (forecast, "q-b");
  for (guint i = 0; i < 8; i++)
    {
      plt_forecast_set (forecast, qa, i, 50, 180);   /* 10 Erlangs */
      plt_forecast_set (forecast, qb, i, i == 7 ? 0 : 5, 180);
    }

  /* Erlang C, 80 % in 20 s: 14 agents, 20 to schedule at 30 % shrinkage. */
  plt_what_if_init (&what_if);
  what_if.model = PLT_STAFFING_ERLANG_C;
  coverage = plt_coverage_new (forecast, &what_if, &error);
  g_assert_no_error (error);
  c = plt_coverage_get (coverage, qa, 0);
  g_assert_cmpuint (c->required, ==, 14);
  g_assert_cmpuint (c->required_scheduled, ==, 20);
  g_assert_cmpfloat (c->scheduled, ==, 0);
  g_assert_cmpfloat (c->gap, ==, -20);
  g_assert_cmpfloat (c->projected_sl, ==, 0);
  c = plt_coverage_get (coverage, qb, 7);
  g_assert_cmpuint (c->required, ==, 0);
  g_assert_cmpfloat (c->projected_sl, ==, 1);

  /* 20 agents on q-a all along; one on both queues from 08:00 to 08:05
   * then a break; one on q-a with training. */
  for (guint i = 0; i < 22; i++)
    {
      g_autofree char *id = g_strdup_printf ("a%u", i);
      g_autofree char *shift_id = g_strdup_printf ("s%u", i);
      PltAgentDay *day = day_of (site, id, 2026, 6, 1);
      const char *qa_only[] = { "q-a", NULL };

      g_ptr_array_add (agents, plt_planning_agent_new (id, id, "t", i == 20 ? both : qa_only));
      if (i < 20)
        plt_agent_day_add_shift (day, plt_shift_new (shift_id, at (site, 2026, 6, 1, 8, 0), at (site, 2026, 6, 1, 10, 0), qa_only));
      else if (i == 20)
        {
          PltActivityKind kinds[] = { PLT_ACTIVITY_WORK, PLT_ACTIVITY_BREAK };
          int minutes[] = { 5, 10 };

          plt_agent_day_add_shift (day, shift_of (shift_id, at (site, 2026, 6, 1, 8, 0), kinds, minutes, 2, NULL));
        }
      else
        {
          PltActivityKind kinds[] = { PLT_ACTIVITY_TRAINING };
          int minutes[] = { 60 };

          plt_agent_day_add_shift (day, shift_of (shift_id, at (site, 2026, 6, 1, 8, 0), kinds, minutes, 1, NULL));
        }
      g_assert_true (plt_schedule_set_day (schedule, day, NULL));
      plt_agent_day_unref (day);
    }
  plt_coverage_set_schedule (coverage, schedule, agents);

  /* 20 + 1/3 × 1/2 on q-a in the first interval; 1/6 on q-b. */
  c = plt_coverage_get (coverage, qa, 0);
  g_assert_cmpfloat_with_epsilon (c->scheduled, 20.0 + 1.0 / 6.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (c->gap, 1.0 / 6.0, 1e-9);
  g_assert_cmpfloat (c->projected_sl, >, 0.8);
  c = plt_coverage_get (coverage, qb, 0);
  g_assert_cmpfloat_with_epsilon (c->scheduled, 1.0 / 6.0, 1e-9);
  c = plt_coverage_get (coverage, qa, 1);
  g_assert_cmpfloat_with_epsilon (c->scheduled, 20.0, 1e-9);

  /* What-if on the first two intervals only: +10 % volume. */
  what_if.volume_factor = 1.1;
  g_assert_true (plt_coverage_recompute (coverage, &what_if, 0, 2, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (plt_coverage_get (coverage, qa, 0)->calls, 55, 1e-9);
  g_assert_cmpuint (plt_coverage_get (coverage, qa, 0)->required, ==, 15);
  g_assert_cmpfloat_with_epsilon (plt_coverage_get (coverage, qa, 2)->calls, 50, 1e-9);
  /* Erlang A needs no more than C for the same target. */
  what_if.volume_factor = 1.0;
  what_if.model = PLT_STAFFING_ERLANG_A;
  what_if.patience_s = 300;
  g_assert_true (plt_coverage_recompute (coverage, &what_if, 0, 8, &error));
  g_assert_cmpuint (plt_coverage_get (coverage, qa, 0)->required, <=, 14);
  g_assert_cmpuint (plt_coverage_get (coverage, qa, 0)->required, >=, 12);

  {
    PltCoverageCell total;

    plt_coverage_get_total (coverage, 0, &total);
    g_assert_cmpfloat_with_epsilon (total.calls, 55, 1e-9);
    g_assert_cmpfloat_with_epsilon (total.scheduled, 20.0 + 1.0 / 3.0, 1e-9);
  }

  what_if.shrinkage = 1.5;
  g_assert_false (plt_coverage_recompute (coverage, &what_if, 0, 8, &error));
  g_assert_error (error, PLT_FORECAST_ERROR, PLT_FORECAST_ERROR_INVALID);
}

/* ------------------------------------------------------------------------
 * Exports
 */

/* A small RFC 4180 reader of the test's own, independent of plt_csv_read(). */
static GPtrArray *
read_csv (const char *text)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  GPtrArray *row = g_ptr_array_new ();
  GString *field = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (quoted)
        {
          if (*p == '"' && p[1] == '"')
            {
              g_string_append_c (field, '"');
              p++;
            }
          else if (*p == '"')
            quoted = FALSE;
          else
            g_string_append_c (field, *p);
        }
      else if (*p == '"')
        quoted = TRUE;
      else if (*p == ',')
        {
          g_ptr_array_add (row, g_string_free (field, FALSE));
          field = g_string_new (NULL);
        }
      else if (*p == '\r' && p[1] == '\n')
        {
          g_ptr_array_add (row, g_string_free (field, FALSE));
          field = g_string_new (NULL);
          g_ptr_array_add (row, NULL);
          g_ptr_array_add (rows, g_ptr_array_free (row, FALSE));
          row = g_ptr_array_new ();
          p++;
        }
      else
        {
          g_assert_cmpint (*p, !=, '\n');   /* a bare LF outside quotes: not CRLF */
          g_string_append_c (field, *p);
        }
    }
  g_assert_false (quoted);
  g_assert_cmpuint (field->len, ==, 0);
  g_assert_cmpuint (row->len, ==, 0);
  g_string_free (field, TRUE);
  g_ptr_array_free (row, TRUE);
  return rows;
}

static PltSchedule *
export_schedule (const PltSite *site,
                 GPtrArray     *agents)
{
  PltSchedule *schedule = plt_schedule_new ();
  const char *sales[] = { "sales", NULL };
  PltActivityKind kinds[] = { PLT_ACTIVITY_WORK, PLT_ACTIVITY_BREAK, PLT_ACTIVITY_WORK, PLT_ACTIVITY_LUNCH, PLT_ACTIVITY_WORK };
  int minutes[] = { 120, 15, 105, 60, 180 };
  PltActivityKind night[] = { PLT_ACTIVITY_WORK, PLT_ACTIVITY_BREAK, PLT_ACTIVITY_WORK };
  int night_minutes[] = { 180, 15, 285 };
  PltAgentDay *day;

  g_ptr_array_add (agents, plt_planning_agent_new ("a1", "Dupont, \"Jo\"\nde nuit", "t", sales));
  g_ptr_array_add (agents, plt_planning_agent_new ("a2", "Émilie", "t", sales));

  /* Week 13 of 2026: clocks go forward on Sunday 29 March. */
  day = day_of (site, "a1", 2026, 3, 24);
  plt_agent_day_add_shift (day, shift_of ("s-1", at (site, 2026, 3, 24, 9, 0), kinds, minutes, 5, NULL));
  g_assert_true (plt_schedule_set_day (schedule, day, NULL));
  plt_agent_day_unref (day);
  day = day_of (site, "a1", 2026, 3, 28);
  plt_agent_day_add_shift (day, shift_of ("s-2", at (site, 2026, 3, 28, 22, 0), night, night_minutes, 3, NULL));
  g_assert_true (plt_schedule_set_day (schedule, day, NULL));
  plt_agent_day_unref (day);
  day = day_of (site, "a2", 2026, 3, 29);
  plt_agent_day_add_shift (day, plt_shift_new ("s-3", at (site, 2026, 3, 29, 8, 0), at (site, 2026, 3, 29, 12, 0), sales));
  g_assert_true (plt_schedule_set_day (schedule, day, NULL));
  plt_agent_day_unref (day);
  /* Another week: not exported. */
  day = day_of (site, "a2", 2026, 3, 30);
  plt_agent_day_add_shift (day, plt_shift_new ("s-4", at (site, 2026, 3, 30, 8, 0), at (site, 2026, 3, 30, 12, 0), NULL));
  g_assert_true (plt_schedule_set_day (schedule, day, NULL));
  plt_agent_day_unref (day);
  return schedule;
}

static void
test_export_csv (void)
{
  g_autoptr(PltSite) site = site_new ("Europe/Paris");
  g_autoptr(GPtrArray) agents = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_planning_agent_free);
  g_autoptr(PltSchedule) schedule = export_schedule (site, agents);
  PltWeek week = { 2026, 13 };
  g_autofree char *csv = plt_export_week_csv (schedule, site, agents, "t-nord", &week);
  g_autoptr(GPtrArray) rows = read_csv (csv);
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) error = NULL;
  GStrv row;

  g_assert_cmpuint (rows->len, ==, 1 + 5 + 3 + 1);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (row[0], ==, "team");
  g_assert_cmpstr (row[9], ==, "queues");

  row = g_ptr_array_index (rows, 1);
  g_assert_cmpuint (g_strv_length (row), ==, 10);
  g_assert_cmpstr (row[1], ==, "a1");
  g_assert_cmpstr (row[2], ==, "Dupont, \"Jo\"\nde nuit");
  g_assert_cmpstr (row[3], ==, "2026-03-24");
  g_assert_cmpstr (row[5], ==, "work");
  g_assert_cmpstr (row[6], ==, "2026-03-24T09:00:00+01:00");
  g_assert_cmpstr (row[8], ==, "120");
  g_assert_cmpstr (row[9], ==, "sales");

  /* The night shift across the change: 22:00 CET to 07:00 CEST. */
  row = g_ptr_array_index (rows, 6);
  g_assert_cmpstr (row[6], ==, "2026-03-28T22:00:00+01:00");
  row = g_ptr_array_index (rows, 8);
  g_assert_cmpstr (row[7], ==, "2026-03-29T07:00:00+02:00");
  g_assert_cmpstr (row[8], ==, "285");

  row = g_ptr_array_index (rows, 9);
  g_assert_cmpstr (row[2], ==, "Émilie");
  g_assert_cmpstr (row[6], ==, "2026-03-29T08:00:00+02:00");

  /* The core's own reader agrees. */
  again = plt_csv_read (csv, -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, rows->len);
  for (guint i = 0; i < rows->len; i++)
    g_assert_true (g_strv_equal ((const char * const *) g_ptr_array_index (rows, i),
                                 (const char * const *) ((PltCsvRow *) g_ptr_array_index (again, i))->fields));
  g_assert_cmpuint (((PltCsvRow *) g_ptr_array_index (again, 2))->line, ==, 4);   /* after a quoted line break */
}

static void
test_export_ical (void)
{
  g_autoptr(PltSite) site = site_new ("Europe/Paris");
  g_autoptr(GPtrArray) agents = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_planning_agent_free);
  g_autoptr(PltSchedule) schedule = export_schedule (site, agents);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  icalcomponent *calendar;
  icalcomponent *event;
  icaltimezone *zone = NULL;
  GDate from, to;
  guint n = 0;
  gint64 expected[] = {
    at (site, 2026, 3, 24, 9, 0), at (site, 2026, 3, 24, 11, 0), at (site, 2026, 3, 24, 11, 15),
    at (site, 2026, 3, 24, 13, 0), at (site, 2026, 3, 24, 14, 0),
    at (site, 2026, 3, 28, 22, 0), at (site, 2026, 3, 29, 1, 0) + 0, at (site, 2026, 3, 29, 3, 15),
  };

  /* 01:00 CET, then the break at 01:00–01:15, work from 01:15 CET = 03:15 CEST… */
  expected[6] = at (site, 2026, 3, 28, 22, 0) + 180 * MINUTE;
  expected[7] = expected[6] + 15 * MINUTE;

  g_date_clear (&from, 1);
  g_date_set_dmy (&from, 23, 3, 2026);
  g_date_clear (&to, 1);
  g_date_set_dmy (&to, 29, 3, 2026);
  text = plt_export_agent_ical (schedule, site, g_ptr_array_index (agents, 0), &from, &to,
                                at (site, 2026, 3, 20, 12, 0), &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "BEGIN:VTIMEZONE"));

  calendar = icalparser_parse_string (text);
  g_assert_nonnull (calendar);
  g_assert_cmpint (icalcomponent_isa (calendar), ==, ICAL_VCALENDAR_COMPONENT);
  g_assert_cmpint (icalcomponent_count_errors (calendar), ==, 0);
  g_assert_cmpint (icalcomponent_count_components (calendar, ICAL_VTIMEZONE_COMPONENT), ==, 1);

  for (event = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
       event != NULL;
       event = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
    {
      icalproperty *prop = icalcomponent_get_first_property (event, ICAL_DTSTART_PROPERTY);
      icalparameter *tzid = icalproperty_get_first_parameter (prop, ICAL_TZID_PARAMETER);
      struct icaltimetype start = icalcomponent_get_dtstart (event);
      struct icaltimetype end = icalcomponent_get_dtend (event);

      g_assert_nonnull (tzid);
      zone = icalcomponent_get_timezone (calendar, icalparameter_get_tzid (tzid));
      g_assert_nonnull (zone);
      g_assert_cmpuint (n, <, G_N_ELEMENTS (expected));
      g_assert_cmpint ((gint64) icaltime_as_timet_with_zone (start, zone) * 1000, ==, expected[n]);
      g_assert_cmpint (icaltime_as_timet_with_zone (end, zone), >, icaltime_as_timet_with_zone (start, zone));
      g_assert_nonnull (icalcomponent_get_uid (event));
      g_assert_nonnull (icalcomponent_get_summary (event));
      n++;
    }
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (expected));
  icalcomponent_free (calendar);
}

static void
test_diff (void)
{
  g_autoptr(PltSite) site = site_new ("UTC");
  g_autoptr(PltSchedule) published = plt_schedule_new ();
  g_autoptr(PltSchedule) draft = NULL;
  g_autoptr(GPtrArray) audit = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_planning_audit_free);
  g_autoptr(GPtrArray) diff = NULL;
  PltActivityKind kinds[] = { PLT_ACTIVITY_WORK, PLT_ACTIVITY_BREAK, PLT_ACTIVITY_WORK };
  int minutes[] = { 120, 15, 105 };
  int later[] = { 150, 15, 75 };
  PltAgentDay *day;
  PltDayDiff *d;

  day = day_of (site, "a1", 2026, 6, 1);
  plt_agent_day_add_shift (day, shift_of ("s-1", at (site, 2026, 6, 1, 9, 0), kinds, minutes, 3, NULL));
  g_assert_true (plt_schedule_set_day (published, day, NULL));
  plt_agent_day_unref (day);
  day = day_of (site, "a2", 2026, 6, 1);
  plt_agent_day_add_shift (day, plt_shift_new ("s-2", at (site, 2026, 6, 1, 9, 0), at (site, 2026, 6, 1, 12, 0), NULL));
  g_assert_true (plt_schedule_set_day (published, day, NULL));
  plt_agent_day_unref (day);

  draft = plt_schedule_copy (published);
  /* a1: the break 30 minutes later; a2: removed; a3: added. */
  day = day_of (site, "a1", 2026, 6, 1);
  plt_agent_day_add_shift (day, shift_of ("s-1", at (site, 2026, 6, 1, 9, 0), kinds, later, 3, NULL));
  g_assert_true (plt_schedule_set_day (draft, day, NULL));
  plt_agent_day_unref (day);
  day = day_of (site, "a2", 2026, 6, 1);
  g_assert_true (plt_schedule_set_day (draft, day, NULL));
  plt_agent_day_unref (day);
  day = day_of (site, "a3", 2026, 6, 2);
  plt_agent_day_add_shift (day, plt_shift_new ("s-3", at (site, 2026, 6, 2, 14, 0), at (site, 2026, 6, 2, 18, 0), NULL));
  g_assert_true (plt_schedule_set_day (draft, day, NULL));
  plt_agent_day_unref (day);

  g_ptr_array_add (audit, plt_planning_audit_new (4, 1, "sam", "a1", "2026-06-01", "save"));   /* before: ignored */
  g_ptr_array_add (audit, plt_planning_audit_new (6, 2, "sue", "a1", "2026-06-01", "save"));
  g_ptr_array_add (audit, plt_planning_audit_new (7, 3, "sam", "a1", "2026-06-01", "save"));
  g_ptr_array_add (audit, plt_planning_audit_new (8, 4, "sue", "a1", "2026-06-01", "save"));
  g_ptr_array_add (audit, plt_planning_audit_new (8, 4, "sue", "a2", "2026-06-01", "save"));

  diff = plt_planning_diff (published, draft, audit, 5);
  g_assert_cmpuint (diff->len, ==, 3);

  d = g_ptr_array_index (diff, 0);
  g_assert_cmpstr (d->agent, ==, "a1");
  g_assert_cmpuint (d->changes->len, ==, 3);   /* the work before, the break and the work after */
  for (guint i = 0; i < d->changes->len; i++)
    g_assert_cmpint (((PltActivityChange *) g_ptr_array_index (d->changes, i))->kind, ==, PLT_CHANGE_CHANGED);
  g_assert_cmpint (((PltActivityChange *) g_ptr_array_index (d->changes, 1))->after->start, ==,
                   at (site, 2026, 6, 1, 11, 30));
  g_assert_cmpuint (g_strv_length (d->changed_by), ==, 2);
  g_assert_cmpstr (d->changed_by[0], ==, "sue");
  g_assert_cmpstr (d->changed_by[1], ==, "sam");

  d = g_ptr_array_index (diff, 1);
  g_assert_cmpstr (d->agent, ==, "a2");
  g_assert_cmpuint (d->changes->len, ==, 1);
  g_assert_cmpint (((PltActivityChange *) g_ptr_array_index (d->changes, 0))->kind, ==, PLT_CHANGE_REMOVED);

  d = g_ptr_array_index (diff, 2);
  g_assert_cmpstr (d->agent, ==, "a3");
  g_assert_cmpint (((PltActivityChange *) g_ptr_array_index (d->changes, 0))->kind, ==, PLT_CHANGE_ADDED);
  g_assert_cmpuint (g_strv_length (d->changed_by), ==, 0);

  /* Nothing published yet: everything is added. */
  g_clear_pointer (&diff, g_ptr_array_unref);
  diff = plt_planning_diff (NULL, draft, NULL, 0);
  g_assert_cmpuint (diff->len, ==, 2);
}

/* ------------------------------------------------------------------------
 * Adherence
 */

static PltAgentInterval *
interval_new (const char       *agent,
              PltAgentStatus    status,
              PltAgentActivity  activity,
              const char       *reason,
              gint64            start,
              gint64            end)
{
  PltAgentInterval iv = { agent, status, activity, reason, NULL, NULL, start, end };

  return plt_agent_interval_copy (&iv);
}

static void
test_adherence (void)
{
  g_autoptr(PltSite) site = site_new ("UTC");
  g_autoptr(PltSchedule) plan = plt_schedule_new ();
  g_autoptr(PltAdherenceMap) map = plt_adherence_map_new ();
  g_autoptr(GPtrArray) intervals = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_agent_interval_free);
  g_autoptr(PltAdherence) result = NULL;
  PltActivityKind kinds[] = { PLT_ACTIVITY_WORK, PLT_ACTIVITY_BREAK, PLT_ACTIVITY_WORK };
  int minutes[] = { 120, 15, 105 };
  gint64 h9 = at (site, 2026, 6, 1, 9, 0);
  PltAgentDay *day = day_of (site, "a1", 2026, 6, 1);
  PltAdherenceException *e;

  plt_agent_day_add_shift (day, shift_of ("s-1", h9, kinds, minutes, 3, NULL));
  g_assert_true (plt_schedule_set_day (plan, day, NULL));
  plt_agent_day_unref (day);

  /* 5 minutes late; on a call and in wrap-up; a break taken a minute late
   * and 5 minutes too long; gone at 12:00 instead of 13:00. */
  g_ptr_array_add (intervals, interval_new ("a1", PLT_AGENT_STATUS_LOGGED_OUT, PLT_AGENT_ACTIVITY_IDLE, NULL,
                                            h9 - HOUR, h9 + 5 * MINUTE));
  g_ptr_array_add (intervals, interval_new ("a1", PLT_AGENT_STATUS_AVAILABLE, PLT_AGENT_ACTIVITY_IDLE, NULL,
                                            h9 + 5 * MINUTE, h9 + 30 * MINUTE));
  g_ptr_array_add (intervals, interval_new ("a1", PLT_AGENT_STATUS_AVAILABLE, PLT_AGENT_ACTIVITY_ON_CALL, NULL,
                                            h9 + 30 * MINUTE, h9 + 50 * MINUTE));
  g_ptr_array_add (intervals, interval_new ("a1", PLT_AGENT_STATUS_AVAILABLE, PLT_AGENT_ACTIVITY_WRAP_UP, NULL,
                                            h9 + 50 * MINUTE, h9 + 52 * MINUTE));
  g_ptr_array_add (intervals, interval_new ("a1", PLT_AGENT_STATUS_AVAILABLE, PLT_AGENT_ACTIVITY_IDLE, NULL,
                                            h9 + 52 * MINUTE, h9 + 121 * MINUTE));
  g_ptr_array_add (intervals, interval_new ("a1", PLT_AGENT_STATUS_PAUSED, PLT_AGENT_ACTIVITY_IDLE, "break",
                                            h9 + 121 * MINUTE, h9 + 140 * MINUTE));
  g_ptr_array_add (intervals, interval_new ("a1", PLT_AGENT_STATUS_AVAILABLE, PLT_AGENT_ACTIVITY_IDLE, NULL,
                                            h9 + 140 * MINUTE, h9 + 180 * MINUTE));
  g_ptr_array_add (intervals, interval_new ("a1", PLT_AGENT_STATUS_LOGGED_OUT, PLT_AGENT_ACTIVITY_IDLE, NULL,
                                            h9 + 180 * MINUTE, 0));
  /* Another agent's interval is ignored. */
  g_ptr_array_add (intervals, interval_new ("a2", PLT_AGENT_STATUS_AVAILABLE, PLT_AGENT_ACTIVITY_IDLE, NULL,
                                            h9, h9 + HOUR));

  result = plt_adherence_compute (map, PLT_ADHERENCE_DEFAULT_GRACE_MS, plan, "a1", intervals,
                                  h9 - HOUR, h9 + 5 * HOUR, h9 + 270 * MINUTE);
  g_assert_cmpint (result->scheduled_ms, ==, 240 * MINUTE);
  g_assert_cmpuint (result->exceptions->len, ==, 3);

  /* Late: 5 min, of which 3 count. */
  e = g_ptr_array_index (result->exceptions, 0);
  g_assert_cmpint (e->start, ==, h9 + 2 * MINUTE);
  g_assert_cmpint (e->end, ==, h9 + 5 * MINUTE);
  g_assert_cmpint (e->planned, ==, PLT_ACTIVITY_WORK);
  g_assert_cmpint (e->status, ==, PLT_AGENT_STATUS_LOGGED_OUT);
  /* The break a minute late is within the grace; its 5-minute overrun is not. */
  e = g_ptr_array_index (result->exceptions, 1);
  g_assert_cmpint (e->start, ==, h9 + 137 * MINUTE);
  g_assert_cmpint (e->end, ==, h9 + 140 * MINUTE);
  g_assert_cmpstr (e->reason, ==, "break");
  /* Gone an hour early. */
  e = g_ptr_array_index (result->exceptions, 2);
  g_assert_cmpint (e->start, ==, h9 + 182 * MINUTE);
  g_assert_cmpint (e->end, ==, h9 + 240 * MINUTE);

  g_assert_cmpint (result->exception_ms, ==, 64 * MINUTE);
  g_assert_cmpfloat_with_epsilon (result->adherence, 1.0 - 64.0 / 240.0, 1e-12);
  g_assert_cmpint (result->scheduled_work_ms, ==, 225 * MINUTE);
  g_assert_cmpint (result->worked_ms, ==, 156 * MINUTE);
  g_assert_cmpfloat_with_epsilon (result->conformance, 156.0 / 225.0, 1e-12);

  /* Up to 10:00 (now): only what has happened counts. */
  {
    g_autoptr(PltAdherence) early = plt_adherence_compute (map, PLT_ADHERENCE_DEFAULT_GRACE_MS, plan, "a1",
                                                           intervals, h9, h9 + 5 * HOUR, h9 + HOUR);

    g_assert_cmpint (early->scheduled_ms, ==, HOUR);
    g_assert_cmpint (early->exception_ms, ==, 3 * MINUTE);
  }

  /* A stricter map: no grace, and work while paused for training is no
   * training. */
  {
    g_autoptr(PltAdherence) strict = plt_adherence_compute (map, 0, plan, "a1", intervals, h9, h9 + 5 * HOUR,
                                                            h9 + 5 * HOUR);

    g_assert_cmpint (strict->exception_ms, ==, 5 * MINUTE + 1 * MINUTE + 5 * MINUTE + 60 * MINUTE);
  }

  /* No plan: undefined. */
  {
    g_autoptr(PltAdherence) none = plt_adherence_compute (map, 0, plan, "a2", intervals, h9, h9 + HOUR, h9 + HOUR);

    g_assert_true (isnan (none->adherence));
    g_assert_true (isnan (none->conformance));
    g_assert_cmpint (none->worked_ms, ==, HOUR);
  }

  /* A custom mapping: back office also counts as work. */
  {
    g_autoptr(PltAdherenceMap) custom = plt_adherence_map_new ();

    g_assert_false (plt_adherence_map_matches (custom, PLT_AGENT_STATUS_PAUSED, PLT_AGENT_ACTIVITY_IDLE,
                                               "back_office", PLT_ACTIVITY_WORK));
    plt_adherence_map_add (custom, PLT_AGENT_STATUS_PAUSED, PLT_AGENT_ACTIVITY_UNKNOWN, "back_office", PLT_ACTIVITY_WORK);
    g_assert_true (plt_adherence_map_matches (custom, PLT_AGENT_STATUS_PAUSED, PLT_AGENT_ACTIVITY_IDLE,
                                              "back_office", PLT_ACTIVITY_WORK));
    g_assert_true (plt_adherence_map_matches (custom, PLT_AGENT_STATUS_PAUSED, PLT_AGENT_ACTIVITY_ON_CALL,
                                              "lunch", PLT_ACTIVITY_WORK));
  }
}

static void
test_adherence_kpi_hook (void)
{
  g_autoptr(PltSite) site = site_new ("UTC");
  g_autoptr(PltSchedule) plan = plt_schedule_new ();
  g_autoptr(PltKpiConfig) config = plt_kpi_config_new ();
  g_autoptr(PltKpiReport) report = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  PltActivityKind kinds[] = { PLT_ACTIVITY_WORK, PLT_ACTIVITY_LUNCH, PLT_ACTIVITY_WORK };
  int minutes[] = { 60, 30, 30 };
  gint64 h9 = at (site, 2026, 6, 1, 9, 0);
  PltAgentDay *day = day_of (site, "a1", 2026, 6, 1);
  const char *ids[] = { "a1", NULL };
  PltKpiRow *row;

  plt_agent_day_add_shift (day, shift_of ("s-1", h9, kinds, minutes, 3, NULL));
  g_assert_true (plt_schedule_set_day (plan, day, NULL));
  plt_agent_day_unref (day);
  plt_adherence_install_kpi_plan (config, plan, site);

  report = plt_kpi_report_new (config, PLT_KPI_SCOPE_AGENT, ids, h9, h9 + 2 * HOUR, 0, h9 + 2 * HOUR);
  {
    PltAgentInterval a = { "a1", PLT_AGENT_STATUS_AVAILABLE, PLT_AGENT_ACTIVITY_IDLE, NULL, NULL, NULL, h9, h9 + HOUR };
    PltAgentInterval b = { "a1", PLT_AGENT_STATUS_PAUSED, PLT_AGENT_ACTIVITY_IDLE, "lunch", NULL, NULL, h9 + HOUR, h9 + 90 * MINUTE };
    PltAgentInterval c = { "a1", PLT_AGENT_STATUS_LOGGED_OUT, PLT_AGENT_ACTIVITY_IDLE, NULL, NULL, NULL, h9 + 90 * MINUTE, 0 };

    plt_kpi_report_add_interval (report, &a);
    plt_kpi_report_add_interval (report, &b);
    plt_kpi_report_add_interval (report, &c);
  }
  rows = plt_kpi_report_finish (report);
  g_assert_cmpuint (rows->len, ==, 1);
  row = g_ptr_array_index (rows, 0);
  g_test_message ("adherence %g conformance %g", row->values.adherence, row->values.conformance);
  /* 120 min planned, 90 adherent (the last 30 logged out). */
  g_assert_cmpint (row->counters.scheduled_ms, ==, 120 * MINUTE);
  g_assert_cmpint (row->counters.adherent_ms, ==, 90 * MINUTE);
  g_assert_cmpfloat_with_epsilon (row->values.adherence, 0.75, 1e-9);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/planning-data/forecast/history", test_history);
  g_test_add_func ("/planning-data/forecast/history-dst", test_history_dst);
  g_test_add_func ("/planning-data/forecast/csv-import", test_csv_import);
  g_test_add_func ("/planning-data/coverage", test_coverage);
  g_test_add_func ("/planning-data/export/csv", test_export_csv);
  g_test_add_func ("/planning-data/export/ical", test_export_ical);
  g_test_add_func ("/planning-data/diff", test_diff);
  g_test_add_func ("/planning-data/adherence", test_adherence);
  g_test_add_func ("/planning-data/adherence/kpi-hook", test_adherence_kpi_hook);

  return g_test_run ();
}
