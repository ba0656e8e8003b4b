/* bench-agent-board.c — the agent board under load: 10 000 agents and
 * 2 000 state changes a second, sorted by a key that changes with them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints figures next to the targets of issue 5; asserts nothing. Needs a
 * display; run it by hand, alone on the machine:
 *
 *   xvfb-run -a -s "-screen 0 1600x1000x24 -noreset" <builddir>/bench/bench-agent-board \
 *       [--agents 10000] [--teams 500] [--rate 2000] [--seconds 60] [--sort state|name|time]
 *       [--grouped] [--tiles]
 *
 * The model is fed as the client feeds it: each change is an agent.update
 * text, decoded by the protocol's decoder and applied to the PltModel,
 * which the board flushes at each frame (its own timer while the board is
 * hidden). The window shows the agent board only
 * (PltAgentList), sorted by state by default: every change of state moves
 * the agent, the worst case for the board's rows.
 *
 * Figures: the frame time (from the start of a frame's update phase to the
 * end of its paint: the console's work per frame, the agents' flush
 * included, PltAgentList flushing them at a frame) and the interval between
 * frames; the event → screen latency (from an update's decoding to the end
 * of the first frame painted once the store announced it, the board
 * placing the agents as it does); the store's ::items-changed emissions per
 * flush, the board's rebuilds and its single-row emissions (each move is
 * a removal and an insertion); CPU of the main thread over the load;
 * RSS at the end and its peak.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include <adwaita.h>

#include "plt-agent.h"
#include "plt-agent-list-private.h"
#include "plt-board-model.h"
#include "plt-model.h"
#include "plt-store.h"

#define BATCH_MS 10
/* An event's latency is sampled one in this many. */
#define SAMPLE_EVERY 20

typedef struct _Bench Bench;

struct _Bench
{
  GtkWindow     *window;
  PltAgentList  *list;
  PltModel      *model;
  PltClock      *clock;
  PltDecoder    *decoder;
  GdkFrameClock *frame_clock;
  GRand         *rand;

  guint          n_agents;
  guint          n_teams;
  double         rate;
  gint64         since_base;
  gint64        *versions;

  /* Frames */
  gint64         frame_start_us;
  gint64         last_paint_us;
  GArray        *frame_ms;
  GArray        *interval_ms;
  gboolean       measuring;
  gint64         first_frame_us;
  gint64         loaded_us;

  /* Event → screen: sampled events wait for the store's announcement (the
   * board follows at once), then for a paint. */
  GArray        *waiting_flush;   /* gint64 apply times */
  GArray        *waiting_paint;
  PltBoardModel *board;
  GArray        *latency_ms;

  /* Load */
  gint64         load_start_us;
  guint64        applied;
  guint64        n_flushes;
  guint64        n_emissions;
  guint64        n_changes_announced;
};

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
percentile (GArray *values,
            double  p)
{
  g_autoptr(GArray) sorted = NULL;
  guint index;

  if (values->len == 0)
    return 0;
  sorted = g_array_copy (values);
  g_array_sort (sorted, compare_doubles);
  index = (guint) MIN ((double) sorted->len - 1, p * sorted->len);
  return g_array_index (sorted, double, index);
}

static void
read_memory (gint64 *rss_kb,
             gint64 *peak_kb)
{
  g_autofree char *status = NULL;

  *rss_kb = *peak_kb = 0;
  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return;
  for (char *line = status; line != NULL && *line != '\0'; )
    {
      char *next = strchr (line, '\n');

      if (g_str_has_prefix (line, "VmRSS:"))
        *rss_kb = g_ascii_strtoll (line + 6, NULL, 10);
      else if (g_str_has_prefix (line, "VmHWM:"))
        *peak_kb = g_ascii_strtoll (line + 6, NULL, 10);
      line = next != NULL ? next + 1 : NULL;
    }
}

static double
thread_cpu_s (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
print_figure (const char *what,
              double      value,
              const char *unit,
              double      target)
{
  g_print ("  %-34s %9.1f %-3s (target ≤ %g %s)  %s\n", what, value, unit, target, unit,
           value <= target ? "met" : "MISSED");
}

/* The model --------------------------------------------------------------- */

static const char * const states[][3] = {
  /* status, activity, reason */
  { "available", "idle", NULL },
  { "available", "ringing", NULL },
  { "available", "on_call", NULL },
  { "available", "on_hold", NULL },
  { "available", "wrap_up", NULL },
  { "paused", "idle", "break" },
  { "paused", "idle", "lunch" },
  { "available", "missed", NULL },
};

static char *
agent_json (Bench     *bench,
            guint      index,
            guint      state,
            gint64     since,
            gboolean   message)
{
  const char *activity = states[state][1];
  const char *reason = states[state][2];
  gboolean on_contact = g_str_equal (activity, "on_call") || g_str_equal (activity, "on_hold") ||
                        g_str_equal (activity, "wrap_up") || g_str_equal (activity, "ringing");
  g_autofree char *reason_json = reason != NULL ? g_strdup_printf ("\"%s\"", reason) : g_strdup ("null");
  g_autofree char *call_json = on_contact ? g_strdup_printf ("\"c-%u\"", index) : g_strdup ("null");
  g_autofree char *data = NULL;

  data = g_strdup_printf ("{\"id\":\"a-%05u\",\"ver\":%" G_GINT64_FORMAT ",\"name\":\"Agent %05u\","
                          "\"team\":\"t-%03u\",\"status\":\"%s\",\"reason\":%s,\"activity\":\"%s\","
                          "\"since\":%" G_GINT64_FORMAT ",\"queue\":%s,\"call\":%s,\"queues\":[\"q-%03u\"]}",
                          index, ++bench->versions[index], index, index % bench->n_teams,
                          states[state][0], reason_json, activity, since,
                          on_contact ? "\"q-001\"" : "null", call_json, index % 500);

  if (!message)
    return g_steal_pointer (&data);

  return g_strdup_printf ("{\"v\":1,\"type\":\"agent.update\",\"seq\":1,\"epoch\":\"bench\",\"data\":%s}", data);
}

static void
load_model (Bench *bench)
{
  g_autoptr(GPtrArray) teams = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_team_data_free);
  g_autoptr(GPtrArray) agents = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_agent_data_free);
  g_autoptr(GPtrArray) none = g_ptr_array_new ();

  for (guint t = 0; t < bench->n_teams; t++)
    {
      PltTeamData *team = plt_team_data_new ();

      team->id = g_strdup_printf ("t-%03u", t);
      team->name = g_strdup_printf ("Équipe %03u", t);
      team->ver = 1;
      g_ptr_array_add (teams, team);
    }

  for (guint i = 0; i < bench->n_agents; i++)
    {
      g_autofree char *json = agent_json (bench, i, g_rand_int_range (bench->rand, 0, G_N_ELEMENTS (states)),
                                          bench->since_base - g_rand_int_range (bench->rand, 0, 3600) * 1000, TRUE);
      g_autoptr(GError) error = NULL;
      g_autoptr(PltMessage) message = plt_decoder_decode (bench->decoder, json, strlen (json), &error);

      g_assert_no_error (error);
      g_ptr_array_add (agents, plt_agent_data_copy (message->u.agent));
    }

  plt_model_replace_all (bench->model, teams, agents, none, none);
}

/* Load --------------------------------------------------------------------- */

static gboolean
load_cb (gpointer user_data)
{
  Bench *bench = user_data;
  double elapsed_s = (g_get_monotonic_time () - bench->load_start_us) / 1e6;
  guint64 due = (guint64) (elapsed_s * bench->rate);
  gint64 since = plt_clock_get_now (bench->clock);

  while (bench->applied < due)
    {
      guint index = g_rand_int_range (bench->rand, 0, bench->n_agents);
      guint state = g_rand_int_range (bench->rand, 0, G_N_ELEMENTS (states));
      g_autofree char *json = agent_json (bench, index, state, since, TRUE);
      g_autoptr(GError) error = NULL;
      g_autoptr(PltMessage) message = plt_decoder_decode (bench->decoder, json, strlen (json), &error);

      g_assert_no_error (error);
      plt_model_apply_delta (bench->model, message);
      if (bench->measuring && bench->applied % SAMPLE_EVERY == 0)
        {
          gint64 t = g_get_monotonic_time ();

          g_array_append_val (bench->waiting_flush, t);
        }
      bench->applied++;
    }

  return G_SOURCE_CONTINUE;
}

static void
store_changed_cb (GListModel *store,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Bench      *bench)
{
  bench->n_emissions++;
  bench->n_changes_announced += added;
}

static void
move_samples (GArray *from,
              GArray *to)
{
  g_array_append_vals (to, from->data, from->len);
  g_array_set_size (from, 0);
}

/* The store announced the changes, and the board placed the agents as
 * it did: each change shows at the next paint. */
static void
model_flushed_cb (PltModel *model,
                  Bench    *bench)
{
  bench->n_flushes++;
  move_samples (bench->waiting_flush, bench->waiting_paint);
}

static void
frame_update_cb (GdkFrameClock *clock,
                 Bench         *bench)
{
  bench->frame_start_us = g_get_monotonic_time ();
}

static void
frame_after_paint_cb (GdkFrameClock *clock,
                      Bench         *bench)
{
  gint64 t = g_get_monotonic_time ();

  if (bench->first_frame_us == 0 && bench->loaded_us != 0)
    bench->first_frame_us = t;

  if (bench->measuring)
    {
      double frame = (t - bench->frame_start_us) / 1000.0;

      g_array_append_val (bench->frame_ms, frame);
      if (bench->last_paint_us != 0)
        {
          double interval = (t - bench->last_paint_us) / 1000.0;

          g_array_append_val (bench->interval_ms, interval);
        }
      for (guint i = 0; i < bench->waiting_paint->len; i++)
        {
          double latency = (t - g_array_index (bench->waiting_paint, gint64, i)) / 1000.0;

          g_array_append_val (bench->latency_ms, latency);
        }
    }
  g_array_set_size (bench->waiting_paint, 0);
  bench->last_paint_us = t;
}

/* The time in state ticks: the board redraws at least once a second, and
 * with the load, on every flush. Keep frames coming as a busy floor would. */
static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  gtk_widget_queue_draw (widget);
  return G_SOURCE_CONTINUE;
}

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static gboolean
drawn_cb (gpointer user_data)
{
  Bench *bench = user_data;

  return bench->first_frame_us != 0;
}

static void
run_until (gboolean (*done) (gpointer),
           gpointer   data,
           guint      timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!done (data) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  Bench bench = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *sort = NULL;
  int agents = 10000, teams = 500, seconds = 60;
  double rate = 2000;
  gboolean grouped = FALSE, tiles = FALSE;
  GOptionEntry entries[] = {
    { "agents", 0, 0, G_OPTION_ARG_INT, &agents, "Agents (10000)", "N" },
    { "teams", 0, 0, G_OPTION_ARG_INT, &teams, "Teams (500)", "N" },
    { "rate", 0, 0, G_OPTION_ARG_DOUBLE, &rate, "State changes a second (2000)", "N" },
    { "seconds", 0, 0, G_OPTION_ARG_INT, &seconds, "Seconds of load (60)", "N" },
    { "sort", 0, 0, G_OPTION_ARG_STRING, &sort, "Sort by state (default), name or time", "COLUMN" },
    { "grouped", 0, 0, G_OPTION_ARG_NONE, &grouped, "Group the rows by team", NULL },
    { "tiles", 0, 0, G_OPTION_ARG_NONE, &tiles, "Show the tiles", NULL },
    { NULL }
  };
  double cpu_start, cpu_end, wall_s;
  gint64 rss_kb, peak_kb;
  guint sort_column = 2;
  PltStore *store;

  context = g_option_context_new ("— the agent board under load");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (g_strcmp0 (sort, "name") == 0)
    sort_column = 0;
  else if (g_strcmp0 (sort, "time") == 0)
    sort_column = 3;

  gtk_init ();
  adw_init ();

  bench.n_agents = MAX (agents, 1);
  bench.n_teams = MAX (teams, 1);
  bench.rate = rate;
  bench.rand = g_rand_new_with_seed (7);
  bench.versions = g_new0 (gint64, bench.n_agents);
  bench.decoder = plt_decoder_new (PLT_DECODER_FROM_SERVER);
  bench.model = plt_model_new ();
  bench.clock = plt_clock_new ();
  bench.since_base = 1795770000000;
  plt_clock_sync (bench.clock, bench.since_base + 3600 * 1000, 1.0);
  plt_clock_set_running (bench.clock, TRUE);
  bench.frame_ms = g_array_new (FALSE, FALSE, sizeof (double));
  bench.interval_ms = g_array_new (FALSE, FALSE, sizeof (double));
  bench.latency_ms = g_array_new (FALSE, FALSE, sizeof (double));
  bench.waiting_flush = g_array_new (FALSE, FALSE, sizeof (gint64));
  bench.waiting_paint = g_array_new (FALSE, FALSE, sizeof (gint64));

  bench.window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (bench.window, 1600, 1000);
  bench.list = PLT_AGENT_LIST (plt_agent_list_new ());
  gtk_window_set_child (bench.window, GTK_WIDGET (bench.list));
  plt_agent_list_set_clock (bench.list, bench.clock);
  plt_agent_list_set_model (bench.list, bench.model);
  _plt_agent_list_set_view (bench.list, tiles, grouped);
  {
    GtkColumnView *view = _plt_agent_list_get_column_view (bench.list);
    g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (gtk_column_view_get_columns (view), sort_column);

    gtk_column_view_sort_by_column (view, column, GTK_SORT_ASCENDING);
  }
  gtk_window_present (bench.window);

  bench.frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (bench.window));
  g_signal_connect (bench.frame_clock, "update", G_CALLBACK (frame_update_cb), &bench);
  g_signal_connect (bench.frame_clock, "after-paint", G_CALLBACK (frame_after_paint_cb), &bench);
  gtk_widget_add_tick_callback (GTK_WIDGET (bench.list), tick_cb, NULL, NULL);

  g_print ("bench-agent-board: %u agents, %u teams, %.0f changes/s for %d s, sorted by %s%s%s\n",
           bench.n_agents, bench.n_teams, bench.rate, seconds,
           sort_column == 0 ? "name" : sort_column == 3 ? "time in state" : "state",
           grouped ? ", grouped by team" : "", tiles ? ", tiles" : "");

  /* The first full frame: from the snapshot's arrival to its paint. */
  {
    gint64 start = g_get_monotonic_time ();

    load_model (&bench);
    bench.loaded_us = g_get_monotonic_time ();
    run_until (drawn_cb, &bench, 10000);
    g_print ("  snapshot decoded and applied in %.0f ms; first full frame %.0f ms after\n",
             (bench.loaded_us - start) / 1000.0, (bench.first_frame_us - bench.loaded_us) / 1000.0);
  }

  store = plt_model_get_agents (bench.model);
  g_signal_connect (store, "items-changed", G_CALLBACK (store_changed_cb), &bench);
  g_signal_connect (bench.model, "flushed", G_CALLBACK (model_flushed_cb), &bench);
  bench.board = tiles ? _plt_agent_list_get_tiles (bench.list) : _plt_agent_list_get_rows (bench.list);

  /* Warm up for two seconds, then measure. */
  bench.load_start_us = g_get_monotonic_time ();
  g_timeout_add (BATCH_MS, load_cb, &bench);
  loop = g_main_loop_new (NULL, FALSE);
  g_timeout_add (2000, quit_cb, loop);
  g_main_loop_run (loop);

  bench.measuring = TRUE;
  bench.n_flushes = bench.n_emissions = bench.n_changes_announced = 0;
  {
    guint64 applied_start = bench.applied;
    guint64 rebuilds_start = plt_board_model_get_n_rebuilds (bench.board);
    guint64 moves_start = plt_board_model_get_n_moves (bench.board);
    gint64 wall_start = g_get_monotonic_time ();

    cpu_start = thread_cpu_s ();
    g_timeout_add ((guint) seconds * 1000, quit_cb, loop);
    g_main_loop_run (loop);
    cpu_end = thread_cpu_s ();
    wall_s = (g_get_monotonic_time () - wall_start) / 1e6;
    read_memory (&rss_kb, &peak_kb);

    g_print ("  load: %.0f changes/s applied; %" G_GUINT64_FORMAT " store flushes, %.1f ::items-changed per flush "
             "(%.0f rows announced per flush); board: %.1f rebuilds a second, %.1f single-row emissions per flush\n",
             (bench.applied - applied_start) / wall_s, bench.n_flushes,
             bench.n_flushes > 0 ? (double) bench.n_emissions / bench.n_flushes : 0,
             bench.n_flushes > 0 ? (double) bench.n_changes_announced / bench.n_flushes : 0,
             (plt_board_model_get_n_rebuilds (bench.board) - rebuilds_start) / wall_s,
             bench.n_flushes > 0 ? (double) (plt_board_model_get_n_moves (bench.board) - moves_start) / bench.n_flushes : 0);
  }

  g_print ("  frames: %u in %.0f s; frame time p50 %.2f ms, p99 %.2f ms, max %.2f ms; "
           "between frames p50 %.1f ms, p99 %.1f ms\n",
           bench.frame_ms->len, wall_s, percentile (bench.frame_ms, 0.5), percentile (bench.frame_ms, 0.99),
           percentile (bench.frame_ms, 1.0), percentile (bench.interval_ms, 0.5), percentile (bench.interval_ms, 0.99));
  g_print ("  event → screen: p50 %.1f ms, p99 %.1f ms, max %.1f ms (%u samples)\n",
           percentile (bench.latency_ms, 0.5), percentile (bench.latency_ms, 0.99),
           percentile (bench.latency_ms, 1.0), bench.latency_ms->len);

  g_print ("\n  against the targets of issue 5:\n");
  print_figure ("p99 frame time", percentile (bench.frame_ms, 0.99), "ms", 16.7);
  print_figure ("event → screen latency p99", percentile (bench.latency_ms, 0.99), "ms", 100);
  print_figure ("RSS at the end", rss_kb / 1024.0, "MB", 300);
  print_figure ("RSS peak", peak_kb / 1024.0, "MB", 300);
  print_figure ("CPU of the main thread", 100.0 * (cpu_end - cpu_start) / wall_s, "%", 50);
  print_figure ("first full frame", (bench.first_frame_us - bench.loaded_us) / 1000.0, "ms", 1000);

  gtk_window_destroy (bench.window);
  g_object_unref (bench.model);
  g_object_unref (bench.clock);
  g_object_unref (bench.decoder);
  g_rand_free (bench.rand);
  g_free (bench.versions);
  g_array_unref (bench.frame_ms);
  g_array_unref (bench.interval_ms);
  g_array_unref (bench.latency_ms);
  g_array_unref (bench.waiting_flush);
  g_array_unref (bench.waiting_paint);

  return 0;
}
