/* bench-router.c — the routing server at scale: the "large" scenario (10 000
 * agents, 500 queues) routing 100 arrivals a second
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints figures and the targets of issue 4; asserts nothing. Run on an
 * otherwise idle machine:
 *
 *   <builddir>/bench/bench-router [--seconds 60] [--rate 100] [--hour 11]
 *
 * The ACD runs on its own clock, so "speed 1 for 60 s" is measured as 60
 * simulated seconds advanced in 50 ms steps (a router's tick), with the CPU
 * time they take: CPU % = CPU time / 60 s of wall time at speed 1.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include <glib/gstdio.h>

#include "plt-acd.h"
#include "plt-persist.h"
#include "plt-router.h"

#define TICK_MS 50

static double
cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double
wall_seconds (void)
{
  return g_get_monotonic_time () / 1e6;
}

/* VmRSS and VmHWM from /proc, in MiB. */
static void
memory_mib (double *rss,
            double *peak)
{
  g_autofree char *status = NULL;
  const char *line;

  *rss = *peak = 0;
  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return;
  if ((line = strstr (status, "VmRSS:")) != NULL)
    *rss = g_ascii_strtod (line + 6, NULL) / 1024;
  if ((line = strstr (status, "VmHWM:")) != NULL)
    *peak = g_ascii_strtod (line + 6, NULL) / 1024;
}

/* What a router does with each change: the entity as data, then as text. */
typedef struct
{
  guint64 changes;
  guint64 bytes;
} Encoder;

static void
on_changed (PltAcd     *acd,
            guint       kind,
            const char *id,
            Encoder    *encoder)
{
  PltMessage message = { 0 };
  g_autofree char *text = NULL;

  message.has_seq = TRUE;
  message.seq = (gint64) encoder->changes + 1;
  message.epoch = (char *) "0123456789ab";
  message.ts = plt_acd_get_now (acd);
  switch (kind)
    {
    case PLT_ACD_ENTITY_AGENT:
      message.type = PLT_MESSAGE_AGENT_UPDATE;
      message.u.agent = plt_acd_dup_agent (acd, id);
      break;
    case PLT_ACD_ENTITY_QUEUE:
      message.type = PLT_MESSAGE_QUEUE_UPDATE;
      message.u.queue = plt_acd_dup_queue (acd, id);
      break;
    case PLT_ACD_ENTITY_CALL:
      message.type = PLT_MESSAGE_CALL_UPDATE;
      message.u.call = plt_acd_dup_call (acd, id);
      break;
    default:
      return;
    }

  text = plt_message_encode (&message);
  encoder->changes++;
  encoder->bytes += strlen (text);

  switch (kind)
    {
    case PLT_ACD_ENTITY_AGENT: plt_agent_data_free (message.u.agent); break;
    case PLT_ACD_ENTITY_QUEUE: plt_queue_data_free (message.u.queue); break;
    case PLT_ACD_ENTITY_CALL: plt_call_data_free (message.u.call); break;
    default: break;
    }
}

typedef enum
{
  RUN_ACD,           /* the simulation and routing alone */
  RUN_ENCODED,       /* and every change encoded, as for the consoles */
  RUN_PERSISTED,     /* and every record written to a database file */
} RunKind;

static const char * const run_names[] = { "ACD alone", "ACD + deltas encoded", "ACD + deltas + SQLite" };

static double
scenario_rate (PltScenario *scenario,
               guint        interval)
{
  double total = 0;

  for (guint q = 0; q < scenario->queues->len; q++)
    total += ((PltScenarioQueue *) g_ptr_array_index (scenario->queues, q))->rates[interval];

  return total / 3600.0;
}

/* @served: handling times shortened as much as arrivals are multiplied,
 * so that the floor keeps its occupancy and serves every contact (each one
 * routed, rung, answered, talked, wrapped up); otherwise the extra
 * contacts only queue (and abandon). */
static void
run (RunKind  kind,
     gboolean served,
     guint    seconds,
     double   rate,
     guint    hour)
{
  g_autoptr(PltScenario) scenario = plt_scenario_new_large ();
  gint64 day = plt_acd_day_start_for (scenario, G_GINT64_CONSTANT (1795000000000));
  guint interval = hour * 4;
  double natural = scenario_rate (scenario, interval);
  double factor = rate / natural;
  g_autoptr(PltAcd) acd = NULL;
  g_autoptr(PltDb) db = NULL;
  g_autoptr(PltPersist) persist = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  Encoder encoder = { 0 };
  guint64 events, offered_before = 0, offered_after = 0, answered = 0, abandoned = 0;
  double cpu, wall, rss, peak, rss_start, worst_second = 0;
  gint64 p50, p99, max;
  guint decisions;

  /* Every queue's rate scaled alike, all day: the floor at @rate a second. */
  for (guint q = 0; q < scenario->queues->len; q++)
    {
      PltScenarioQueue *queue = g_ptr_array_index (scenario->queues, q);

      for (guint i = 0; i < PLT_SCENARIO_INTERVALS; i++)
        queue->rates[i] *= factor;
      if (served)
        {
          queue->talk_mean_s /= factor;
          queue->talk_sd_s /= factor;
          queue->wrap_up_mean_s /= factor;
          queue->hold_mean_s /= factor;
          queue->dial_gap_mean_s /= factor;
        }
    }

  acd = plt_acd_new (scenario, 17, day + (gint64) hour * 3600 * 1000);

  if (kind == RUN_PERSISTED)
    {
      g_autoptr(GError) error = NULL;

      dir = g_dir_make_tmp ("plateau-bench-XXXXXX", &error);
      g_assert_no_error (error);
      path = g_build_filename (dir, "router.db", NULL);
      db = plt_db_open (path, &error);
      g_assert_no_error (error);
      persist = plt_persist_new (db, &error);
      g_assert_no_error (error);
      plt_persist_attach (persist, acd);
      plt_persist_flush (persist, &error);
      g_assert_no_error (error);
    }
  if (kind >= RUN_ENCODED)
    g_signal_connect (acd, "changed", G_CALLBACK (on_changed), &encoder);

  {
    g_autoptr(GPtrArray) queues = plt_acd_dup_queues (acd);

    for (guint i = 0; i < queues->len; i++)
      offered_before += ((PltQueueData *) g_ptr_array_index (queues, i))->today.offered;
  }

  memory_mib (&rss_start, &peak);
  plt_acd_set_timing (acd, TRUE);
  events = plt_acd_get_n_events (acd);
  cpu = cpu_seconds ();
  wall = wall_seconds ();

  for (guint s = 0; s < seconds; s++)
    {
      double second = cpu_seconds ();

      for (guint t = 0; t < 1000 / TICK_MS; t++)
        plt_acd_advance (acd, TICK_MS);
      if (persist != NULL)
        {
          g_autoptr(GError) error = NULL;

          /* The timer's work, once a second. */
          if (!plt_persist_flush (persist, &error))
            g_error ("%s", error->message);
        }
      worst_second = MAX (worst_second, cpu_seconds () - second);
    }

  cpu = cpu_seconds () - cpu;
  wall = wall_seconds () - wall;
  events = plt_acd_get_n_events (acd) - events;
  decisions = plt_acd_get_timing (acd, &p50, &p99, &max);
  memory_mib (&rss, &peak);

  {
    g_autoptr(GPtrArray) queues = plt_acd_dup_queues (acd);

    for (guint i = 0; i < queues->len; i++)
      {
        PltQueueData *queue = g_ptr_array_index (queues, i);

        offered_after += queue->today.offered;
        answered += queue->today.answered;
        abandoned += queue->today.abandoned;
      }
  }

  printf ("\n%s, %s — %u simulated seconds from %02u:00, %u agents, %u queues\n",
          run_names[kind], served ? "handling times ÷ the same factor: every contact served"
                                   : "the scenario's handling times: the extra contacts wait",
          seconds, hour, plt_acd_get_n_agents (acd), scenario->queues->len);
  printf ("  arrivals           %.1f/s (the scenario's own rate at that hour: %.1f/s, scaled ×%.2f)\n",
          (double) (offered_after - offered_before) / seconds, natural, factor);
  printf ("  answered today     %" G_GUINT64_FORMAT ", abandoned %" G_GUINT64_FORMAT " (warm-up included)\n",
          answered, abandoned);
  printf ("  events             %" G_GUINT64_FORMAT " (%.0f/s)\n", events, events / (double) seconds);
  printf ("  CPU                %.3f s for %u s: %.1f %% of one core (worst second %.1f %%)   target ≤ 100 %%\n",
          cpu, seconds, 100 * cpu / seconds, 100 * worst_second);
  printf ("  wall               %.3f s (%.0f× real time)\n", wall, seconds / wall);
  printf ("  routing decisions  %u: p50 %.2f µs, p99 %.2f µs, max %.2f µs   target p99 ≤ 1 000 µs\n",
          decisions, p50 / 1e3, p99 / 1e3, max / 1e3);
  printf ("  memory             RSS %.1f MiB at start, %.1f MiB at the end (peak %.1f MiB); %u calls in progress\n",
          rss_start, rss, peak, plt_acd_get_n_calls (acd));
  if (kind >= RUN_ENCODED)
    printf ("  deltas             %" G_GUINT64_FORMAT " (%.0f/s, %.1f MiB/s encoded)\n",
            encoder.changes, encoder.changes / (double) seconds, encoder.bytes / (double) seconds / 1048576);

  if (persist != NULL)
    {
      g_autoptr(GError) error = NULL;
      const char *suffixes[] = { "", "-wal", "-shm" };

      plt_persist_close (persist, &error);
      g_assert_no_error (error);
      g_clear_object (&persist);
      g_clear_object (&db);
      for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
        {
          g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

          g_unlink (file);
        }
      g_rmdir (dir);
    }

  g_signal_handlers_disconnect_by_data (acd, &encoder);
}

/* A snapshot of the whole floor: the router's copies, then the parts of
 * 500 entities of each kind encoded (docs/protocol.md §4.2). */
static void
snapshot (void)
{
  PltRouterOptions options = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(PltRouter) router = NULL;
  double best_dup = G_MAXDOUBLE, best_total = G_MAXDOUBLE;
  gsize bytes = 0;
  guint parts = 0;

  options.scenario = "large";
  options.speed = 1;
  options.seed = 5;
  options.no_auth = TRUE;
  router = plt_router_new (&options, &error);
  g_assert_no_error (error);
  plt_acd_advance (plt_router_get_acd (router), 30 * 60 * 1000);

  for (guint round = 0; round < 5; round++)
    {
      double start = wall_seconds (), dup;
      g_autoptr(GPtrArray) teams = plt_router_dup_teams (router);
      g_autoptr(GPtrArray) agents = plt_router_dup_agents (router);
      g_autoptr(GPtrArray) queues = plt_router_dup_queues (router);
      g_autoptr(GPtrArray) calls = plt_router_dup_calls (router);
      GPtrArray *lists[] = { teams, agents, queues, calls };
      guint most = 0;

      dup = wall_seconds () - start;
      bytes = 0;
      parts = 0;
      for (guint k = 0; k < G_N_ELEMENTS (lists); k++)
        most = MAX (most, lists[k]->len);

      for (guint first = 0; first < most; first += PLT_PROTOCOL_MAX_PART_ENTITIES)
        {
          g_autoptr(PltMessage) part = plt_message_new (PLT_MESSAGE_SNAPSHOT_PART);
          GPtrArray *into[] = { part->u.snapshot_part.teams, part->u.snapshot_part.agents,
                                part->u.snapshot_part.queues, part->u.snapshot_part.calls };
          g_autofree char *text = NULL;

          part->has_seq = TRUE;
          part->epoch = g_strdup ("0123456789ab");
          part->u.snapshot_part.snapshot_id = g_strdup ("snap-1");
          part->u.snapshot_part.index = parts;
          /* The part borrows the entities: no free function while it holds them. */
          for (guint k = 0; k < G_N_ELEMENTS (lists); k++)
            {
              g_ptr_array_set_free_func (into[k], NULL);
              for (guint i = first; i < MIN (first + PLT_PROTOCOL_MAX_PART_ENTITIES, lists[k]->len); i++)
                g_ptr_array_add (into[k], g_ptr_array_index (lists[k], i));
            }
          text = plt_message_encode (part);
          bytes += strlen (text);
          parts++;
        }

      best_dup = MIN (best_dup, dup);
      best_total = MIN (best_total, wall_seconds () - start);
    }

  {
    g_autoptr(GPtrArray) agents = plt_router_dup_agents (router);
    g_autoptr(GPtrArray) calls = plt_router_dup_calls (router);

    printf ("\nSnapshot of %u agents and %u calls (best of 5)\n", agents->len, calls->len);
  }
  printf ("  plt_router_dup_*   %.1f ms\n", best_dup * 1000);
  printf ("  + %u parts encoded  %.1f ms in all, %.1f MiB   target ≤ 200 ms\n",
          parts, best_total * 1000, bytes / 1048576.0);

  plt_router_stop (router);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  int seconds = 60, hour = 11;
  double rate = 100;
  const GOptionEntry entries[] = {
    { "seconds", 0, 0, G_OPTION_ARG_INT, &seconds, "Simulated seconds to run (default 60)", "N" },
    { "rate", 0, 0, G_OPTION_ARG_DOUBLE, &rate, "Arrivals per second (default 100)", "R" },
    { "hour", 0, 0, G_OPTION_ARG_INT, &hour, "Local hour the run starts at (default 11)", "H" },
    G_OPTION_ENTRY_NULL
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) ||
      seconds < 1 || hour < 0 || hour > 23 || rate <= 0)
    {
      g_printerr ("bench-router: %s\n", error != NULL ? error->message : "bad value");
      return 1;
    }

  {
    double start = wall_seconds ();
    g_autoptr(PltScenario) scenario = plt_scenario_new_large ();
    double loaded = wall_seconds ();
    g_autoptr(PltAcd) acd = plt_acd_new (scenario, 1, G_GINT64_CONSTANT (1795000000000));

    printf ("The large scenario: built in %.0f ms; an ACD of it (warm-up included) in %.0f ms\n",
            (loaded - start) * 1000, (wall_seconds () - loaded) * 1000);
  }

  for (guint served = 0; served < 2; served++)
    {
      run (RUN_ACD, served, (guint) seconds, rate, (guint) hour);
      run (RUN_ENCODED, served, (guint) seconds, rate, (guint) hour);
      run (RUN_PERSISTED, served, (guint) seconds, rate, (guint) hour);
    }
  snapshot ();

  return 0;
}
