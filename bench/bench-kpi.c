/* bench-kpi.c — what the KPI engine and the staffing maths cost
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints figures; asserts nothing. Run on an otherwise idle machine.
 *   <builddir>/bench/bench-kpi [--seconds 60]
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <time.h>

#include "plt-acd.h"
#include "plt-kpi.h"
#include "plt-kpi-service.h"
#include "plt-staffing.h"

#define N_QUEUES  500
#define N_AGENTS  10000
#define N_TEAMS   500
#define N_CALLS   400000
#define START_MS  ((gint64) 1773129600000)

static double
cpu_seconds (void)
{
  return (double) clock () / CLOCKS_PER_SEC;
}

/* A synthetic day: every call seen waiting, answered, then finished (three
 * versions), and its agent's intervals (ringing, on call, wrap-up, idle). */
static void
bench_live (void)
{
  g_autoptr(PltKpiConfig) config = plt_kpi_config_new ();
  g_autoptr(PltKpiLive) live = plt_kpi_live_new (config, 30 * 60 * 1000);
  g_autoptr(GPtrArray) queue_ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) agent_ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (1);
  gint64 *agent_free = g_new0 (gint64, N_AGENTS);
  guint64 n_contact = 0, n_interval = 0;
  double contact_s = 0, interval_s = 0, start;
  gint64 t = START_MS;
  PltKpiValues values;

  for (guint i = 0; i < N_QUEUES; i++)
    g_ptr_array_add (queue_ids, g_strdup_printf ("q-%03u", i));
  for (guint i = 0; i < N_AGENTS; i++)
    {
      g_autofree char *team = g_strdup_printf ("t-%03u", i % N_TEAMS);

      g_ptr_array_add (agent_ids, g_strdup_printf ("a-%05u", i));
      plt_kpi_config_set_agent_team (config, agent_ids->pdata[i], team);
      agent_free[i] = START_MS;
    }

  for (guint c = 0; c < N_CALLS; c++)
    {
      g_autofree char *id = g_strdup_printf ("c-%u", c);
      guint agent = (guint) g_rand_int_range (rand, 0, N_AGENTS);
      gint64 wait = g_rand_int_range (rand, 0, 60000);
      gint64 talk = g_rand_int_range (rand, 30000, 400000);
      gint64 answered = MAX (t + wait, agent_free[agent]);
      PltContactRecord r = {
        .id = id, .queue = queue_ids->pdata[c % N_QUEUES], .media = PLT_QUEUE_MEDIA_INBOUND,
        .enqueued = t,
      };
      PltAgentInterval iv = {
        .agent = agent_ids->pdata[agent], .status = PLT_AGENT_STATUS_AVAILABLE,
        .queue = r.queue, .contact = id,
      };

      t += 216;  /* about 100 arrivals a second... over 400 000 calls: a day */

      start = cpu_seconds ();
      plt_kpi_live_update_contact (live, &r);
      r.agent = iv.agent;
      r.offered = r.answered = answered;
      plt_kpi_live_update_contact (live, &r);
      r.ended = answered + talk;
      r.wrap_end = r.ended + 20000;
      r.outcome = PLT_CONTACT_OUTCOME_ANSWERED;
      plt_kpi_live_update_contact (live, &r);
      contact_s += cpu_seconds () - start;
      n_contact += 3;

      start = cpu_seconds ();
      iv.activity = PLT_AGENT_ACTIVITY_ON_CALL;
      iv.start = answered;
      plt_kpi_live_update_interval (live, &iv);
      iv.activity = PLT_AGENT_ACTIVITY_WRAP_UP;
      iv.start = r.ended;
      plt_kpi_live_update_interval (live, &iv);
      iv.activity = PLT_AGENT_ACTIVITY_IDLE;
      iv.contact = NULL;
      iv.start = r.wrap_end;
      plt_kpi_live_update_interval (live, &iv);
      interval_s += cpu_seconds () - start;
      n_interval += 3;
      agent_free[agent] = r.wrap_end;
    }

  printf ("live accumulator, %u queues, %u agents, %u calls:\n", N_QUEUES, N_AGENTS, N_CALLS);
  printf ("  contact update    %8.0f ns each (%" G_GUINT64_FORMAT ")\n", contact_s * 1e9 / n_contact, n_contact);
  printf ("  interval update   %8.0f ns each (%" G_GUINT64_FORMAT ")\n", interval_s * 1e9 / n_interval, n_interval);

  start = cpu_seconds ();
  for (guint i = 0; i < N_QUEUES; i++)
    plt_kpi_live_get_values (live, PLT_KPI_SCOPE_QUEUE, queue_ids->pdata[i], PLT_KPI_PERIOD_TODAY, t, &values);
  printf ("  queue today       %8.1f µs each\n", (cpu_seconds () - start) * 1e6 / N_QUEUES);
  start = cpu_seconds ();
  for (guint i = 0; i < N_QUEUES; i++)
    plt_kpi_live_get_values (live, PLT_KPI_SCOPE_QUEUE, queue_ids->pdata[i], PLT_KPI_PERIOD_ROLLING, t, &values);
  printf ("  queue rolling     %8.1f µs each\n", (cpu_seconds () - start) * 1e6 / N_QUEUES);
  start = cpu_seconds ();
  for (guint i = 0; i < N_AGENTS; i++)
    plt_kpi_live_get_values (live, PLT_KPI_SCOPE_AGENT, agent_ids->pdata[i], PLT_KPI_PERIOD_TODAY, t, &values);
  printf ("  agent today       %8.1f µs each\n", (cpu_seconds () - start) * 1e6 / N_AGENTS);
  start = cpu_seconds ();
  for (guint i = 0; i < N_TEAMS; i++)
    {
      g_autofree char *team = g_strdup_printf ("t-%03u", i);

      plt_kpi_live_get_values (live, PLT_KPI_SCOPE_TEAM, team, PLT_KPI_PERIOD_TODAY, t, &values);
    }
  printf ("  team today        %8.1f µs each (%u agents)\n", (cpu_seconds () - start) * 1e6 / N_TEAMS,
          N_AGENTS / N_TEAMS);

  g_free (agent_free);
}

/* A report over a day by quarter-hours, fed 10⁶ records. */
static void
bench_report (void)
{
  g_autoptr(PltKpiConfig) config = plt_kpi_config_new ();
  g_autoptr(PltKpiReport) report = plt_kpi_report_new (config, PLT_KPI_SCOPE_QUEUE, NULL,
                                                       START_MS, START_MS + 86400000, 900000,
                                                       START_MS + 86400000);
  g_autoptr(GPtrArray) rows = NULL;
  char queue[16];
  double start = cpu_seconds (), fed;
  const guint n = 1000000;

  for (guint c = 0; c < n; c++)
    {
      PltContactRecord r = {
        .id = "c", .queue = queue, .media = PLT_QUEUE_MEDIA_INBOUND, .agent = "a",
        .enqueued = START_MS + (gint64) c * 86, .outcome = PLT_CONTACT_OUTCOME_ANSWERED,
      };

      g_snprintf (queue, sizeof queue, "q-%03u", c % 50);
      r.offered = r.answered = r.enqueued + (c % 40) * 1000;
      r.ended = r.answered + 180000;
      r.wrap_end = r.ended + 20000;
      plt_kpi_report_add_contact (report, &r);
    }
  fed = cpu_seconds () - start;
  rows = plt_kpi_report_finish (report);
  printf ("report, 50 queues by quarter-hour over a day:\n");
  printf ("  add a contact     %8.0f ns each (%u)\n", fed * 1e9 / n, n);
  printf ("  finish            %8.1f ms (%u rows)\n", (cpu_seconds () - start - fed) * 1e3, rows->len);
}

/* Issue 6's budgets: a week of quarter-hours × 50 queues ≤ 50 ms; a what-if
 * of one day ≤ 5 ms. */
static void
bench_staffing (void)
{
  const PltStaffingModel models[] = { PLT_STAFFING_ERLANG_C, PLT_STAFFING_ERLANG_A };

  printf ("staffing (SL 80 %% in 20 s, occupancy ≤ 90 %%, AHT 240 s, patience 240 s):\n");
  for (guint m = 0; m < G_N_ELEMENTS (models); m++)
    {
      PltStaffingTarget target;
      PltStaffingResult r;
      double start = cpu_seconds (), week, day;
      guint total = 0;

      plt_staffing_target_init (&target, models[m]);
      target.patience_s = 240;
      target.t_s = 20;
      target.service_level = 0.8;
      target.max_occupancy = 0.9;
      for (guint q = 0; q < 50; q++)
        for (guint i = 0; i < 7 * 96; i++)
          {
            double load = 1.0 + 40.0 * (1 + sin (i * G_PI / 48.0)) * (q + 1) / 50.0;

            plt_staffing_required (&target, load, 240, &r, NULL);
            total += r.agents;
          }
      week = cpu_seconds () - start;

      start = cpu_seconds ();
      for (guint q = 0; q < 50; q++)
        for (guint i = 0; i < 96; i++)
          {
            double load = 1.1 * (1.0 + 40.0 * (1 + sin (i * G_PI / 48.0)) * (q + 1) / 50.0);

            plt_staffing_required (&target, load, 240, &r, NULL);
          }
      day = cpu_seconds () - start;

      printf ("  %s: a week × 50 queues %6.1f ms (Σ N = %u); one day × 50 queues %5.2f ms\n",
              models[m] == PLT_STAFFING_ERLANG_A ? "Erlang A" : "Erlang C", week * 1e3, total, day * 1e3);
    }
}

/* The router's share: the large scenario at 100 arrivals a second (every
 * queue's rate scaled alike, handling times shortened as much, as
 * bench-router does), with and without the KPI service following it and
 * encoding its kpi.update every 100 ms tick. */
static void
bench_service (double seconds)
{
  const guint hour = 11;

  printf ("large scenario at 100 arrivals/s from %02u:00, %.0f s simulated:\n", hour, seconds);
  /* Alone; then with the service, queues and teams wanted; then agents too. */
  for (guint with = 0; with < 3; with++)
    {
      guint scopes = with == 1 ? 0x3 : 0x7;
      g_autoptr(PltScenario) scenario = plt_scenario_new_large ();
      gint64 day = plt_acd_day_start_for (scenario, G_GINT64_CONSTANT (1795000000000));
      g_autoptr(PltAcd) acd = NULL;
      PltKpiService *service = NULL;
      double natural = 0, factor, start, cpu, first = 0;
      guint64 events;
      guint n_pushes = 0;

      for (guint q = 0; q < scenario->queues->len; q++)
        natural += ((PltScenarioQueue *) g_ptr_array_index (scenario->queues, q))->rates[hour * 4] / 3600.0;
      factor = 100.0 / natural;
      for (guint q = 0; q < scenario->queues->len; q++)
        {
          PltScenarioQueue *queue = g_ptr_array_index (scenario->queues, q);

          for (guint i = 0; i < PLT_SCENARIO_INTERVALS; i++)
            queue->rates[i] *= factor;
          queue->talk_mean_s /= factor;
          queue->talk_sd_s /= factor;
          queue->wrap_up_mean_s /= factor;
          queue->hold_mean_s /= factor;
          queue->dial_gap_mean_s /= factor;
        }

      acd = plt_acd_new (scenario, 17, day + (gint64) hour * 3600 * 1000);
      if (with)
        {
          g_autoptr(GPtrArray) pushes = NULL;

          start = cpu_seconds ();
          service = plt_kpi_service_new (acd);
          /* The first round pushes every entity the warm-up touched. */
          pushes = plt_kpi_service_take_pushes (service, 0, "e", scopes);
          first = cpu_seconds () - start;
          printf ("  KPI service start (today so far, then %u kpi.update): %.0f ms\n",
                  pushes->len, first * 1e3);
        }

      events = plt_acd_get_n_events (acd);
      start = cpu_seconds ();
      for (guint tick = 1; tick <= seconds * 10; tick++)
        {
          plt_acd_advance (acd, 100);
          if (service != NULL)
            {
              g_autoptr(GPtrArray) pushes = plt_kpi_service_take_pushes (service, (gint64) tick * 100000, "e", scopes);

              n_pushes += pushes->len;
            }
        }
      cpu = cpu_seconds () - start;
      events = plt_acd_get_n_events (acd) - events;
      printf ("  %-28s %6.2f s CPU (%.1f %% of a core), %" G_GUINT64_FORMAT " events, %.2f µs each",
              with == 0 ? "ACD alone:" : with == 1 ? "+ KPIs (queues, teams):" : "+ KPIs (queues, teams, agents):",
              cpu, 100 * cpu / seconds, events, cpu * 1e6 / events);
      if (service != NULL)
        printf (", %.0f kpi.update/s", n_pushes / seconds);
      printf ("\n");
      g_clear_pointer (&service, plt_kpi_service_free);
    }
}

int
main (int   argc,
      char *argv[])
{
  double seconds = 60;
  GOptionEntry entries[] = {
    { "seconds", 0, 0, G_OPTION_ARG_DOUBLE, &seconds, "Simulated seconds of the large scenario", "S" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  bench_live ();
  bench_report ();
  bench_staffing ();
  bench_service (seconds);

  return 0;
}
