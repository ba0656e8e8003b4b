/* bench-boards.c — the console's boards under load: the router's "large"
 * scenario (10 000 agents, 500 queues) and 2 000 updates a second
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints figures next to the targets of issue 5; asserts nothing. Needs a
 * display; run it by hand, alone on the machine:
 *
 *   xvfb-run -a -s "-screen 0 1600x1000x24" <builddir>/bench/bench-boards \
 *       [--seconds 60] [--rate 2000] [--view queues|agents] [--router PATH]
 *
 * 1. A plateau-router subprocess runs the "large" scenario (--no-auth, a
 *    database of its own in a temporary folder), so that the console's
 *    memory and CPU are its own.
 * 2. First full frame: from plt_client_connect() to the first frame drawn
 *    once the snapshot is applied and the stores flushed.
 * 3. Load: on top of what the router sends, the bench applies 2 000
 *    updates a second to the console's model (70 % agents changing state,
 *    30 % queues changing their waiting and counts), in batches every 10 ms,
 *    as the client would apply deltas.
 * 4. Frame time: for each frame of the window's GdkFrameClock, from the
 *    start of its update phase to the end of its paint (the console's work
 *    per frame). Event → screen: from the moment an update is applied to
 *    the end of the next frame painted (the cards and cells change on the
 *    item's notification); and, for what waits for the stores' flush
 *    (every 50 ms: re-sorting, new rows), to the end of the first frame
 *    after it. CPU: the main thread's, over the load. RSS: the process's,
 *    at the end, and its peak.
 */

#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "plt-agent.h"
#include "plt-client.h"
#include "plt-queue.h"
#include "plt-store.h"
#include "plt-window-private.h"

#define BATCH_MS 10

typedef struct
{
  PltWindow     *window;
  PltClient     *client;
  GdkFrameClock *frame_clock;

  /* First frame */
  gint64         connect_us;
  gint64         first_frame_us;     /* 0 until drawn */
  gint64         synced_us;
  gboolean       synced;

  /* Frames */
  gint64         frame_start_us;
  GArray        *frame_ms;           /* double */
  gboolean       measuring;

  /* Event → screen */
  gint64         oldest_unpainted_us;  /* first apply since the last paint */
  gint64         oldest_unflushed_us;  /* first apply since the last flush */
  gint64         flushed_unpainted_us; /* flushed, waiting for a paint */
  GArray        *latency_ms;         /* double: apply → the next frame */
  GArray        *flush_latency_ms;   /* double: apply → the frame after the store flush */

  /* Load */
  GPtrArray     *agent_ids;
  GPtrArray     *queue_ids;
  double         rate;
  gint64         load_start_us;
  guint64        applied;
  GRand         *rand;
  gint64         version_boost;
} Bench;

static double
thread_cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

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

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

static double
percentile (GArray *values,
            double  p)
{
  if (values->len == 0)
    return 0;

  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, MIN (values->len - 1, (guint) (p * values->len)));
}

static void
iterate_until (gboolean (*done) (Bench *), Bench *bench, guint timeout_s, const char *what)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_s * G_USEC_PER_SEC;

  while (!done (bench))
    {
      if (g_get_monotonic_time () > deadline)
        {
          g_printerr ("bench-boards: no %s within %u s\n", what, timeout_s);
          exit (1);
        }
      g_main_context_iteration (NULL, TRUE);
    }
}

/* Frames ------------------------------------------------------------------ */

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
  gint64 now = g_get_monotonic_time ();

  if (bench->first_frame_us == 0 && bench->synced &&
      g_strcmp0 (_plt_window_get_page (bench->window), "boards") == 0)
    bench->first_frame_us = now;

  if (!bench->measuring)
    return;

  if (bench->frame_start_us > 0)
    {
      double ms = (now - bench->frame_start_us) / 1000.0;

      g_array_append_val (bench->frame_ms, ms);
    }

  if (bench->oldest_unpainted_us > 0)
    {
      double ms = (now - bench->oldest_unpainted_us) / 1000.0;

      g_array_append_val (bench->latency_ms, ms);
      bench->oldest_unpainted_us = 0;
    }

  if (bench->flushed_unpainted_us > 0)
    {
      double ms = (now - bench->flushed_unpainted_us) / 1000.0;

      g_array_append_val (bench->flush_latency_ms, ms);
      bench->flushed_unpainted_us = 0;
    }
}

static void
model_flushed_cb (PltModel *model,
                  Bench    *bench)
{
  if (bench->oldest_unflushed_us > 0 && bench->flushed_unpainted_us == 0)
    bench->flushed_unpainted_us = bench->oldest_unflushed_us;
  bench->oldest_unflushed_us = 0;
}

static void
synced_cb (PltClient *client,
           Bench     *bench)
{
  if (!bench->synced)
    bench->synced_us = g_get_monotonic_time ();
  bench->synced = TRUE;
}

static gboolean
first_frame_drawn (Bench *bench)
{
  PltModel *model = plt_client_get_model (bench->client);

  return bench->first_frame_us > 0 &&
         plt_store_get_n_pending (plt_model_get_agents (model)) == 0 &&
         plt_store_get_n_pending (plt_model_get_queues (model)) == 0;
}

/* Load ---------------------------------------------------------------------- */

static const PltAgentActivity activities[] = {
  PLT_AGENT_ACTIVITY_IDLE, PLT_AGENT_ACTIVITY_RINGING, PLT_AGENT_ACTIVITY_ON_CALL,
  PLT_AGENT_ACTIVITY_WRAP_UP, PLT_AGENT_ACTIVITY_ON_HOLD,
};

static void
apply_agent (Bench      *bench,
             PltModel   *model,
             const char *id,
             gint64      now_ms)
{
  PltAgent *agent = plt_model_lookup_agent (model, id);
  g_autoptr(PltMessage) message = NULL;

  if (agent == NULL)
    return;

  message = plt_message_new (PLT_MESSAGE_AGENT_UPDATE);
  message->u.agent = plt_agent_to_data (agent);
  message->u.agent->ver += bench->version_boost;
  message->u.agent->activity = activities[g_rand_int_range (bench->rand, 0, G_N_ELEMENTS (activities))];
  message->u.agent->status = PLT_AGENT_STATUS_AVAILABLE;
  message->u.agent->since = now_ms;
  plt_model_apply_delta (model, message);
}

static void
apply_queue (Bench      *bench,
             PltModel   *model,
             const char *id,
             gint64      now_ms)
{
  PltQueue *queue = plt_model_lookup_queue (model, id);
  g_autoptr(PltMessage) message = NULL;
  PltQueueData *data;

  if (queue == NULL)
    return;

  message = plt_message_new (PLT_MESSAGE_QUEUE_UPDATE);
  data = message->u.queue = plt_queue_to_data (queue);
  data->ver += bench->version_boost;
  data->waiting = g_rand_int_range (bench->rand, 0, 12);
  data->oldest_since = data->waiting > 0 ? now_ms - g_rand_int_range (bench->rand, 0, 90000) : 0;
  data->agents.available = g_rand_int_range (bench->rand, 0, 6);
  data->agents.busy = g_rand_int_range (bench->rand, 5, 20);
  data->today.offered++;
  data->today.answered++;
  if (g_rand_boolean (bench->rand))
    data->today.answered_in_sl++;
  plt_model_apply_delta (model, message);
}

static gboolean
load_cb (gpointer user_data)
{
  Bench *bench = user_data;
  PltModel *model = plt_client_get_model (bench->client);
  gint64 now_ms = plt_clock_get_now (plt_client_get_clock (bench->client));

  gint64 now_us = g_get_monotonic_time ();
  /* What is due by now at the rate: a late timer catches up, as a client
   * reads what queued up on its socket. */
  guint64 due = (guint64) (bench->rate * (now_us - bench->load_start_us) / G_USEC_PER_SEC);

  if (due <= bench->applied)
    return G_SOURCE_CONTINUE;

  if (bench->oldest_unflushed_us == 0)
    bench->oldest_unflushed_us = now_us;
  if (bench->oldest_unpainted_us == 0)
    bench->oldest_unpainted_us = now_us;

  while (bench->applied < due)
    {
      if (g_rand_int_range (bench->rand, 0, 10) < 7)
        apply_agent (bench, model, g_ptr_array_index (bench->agent_ids,
                                                      g_rand_int_range (bench->rand, 0, bench->agent_ids->len)),
                     now_ms);
      else
        apply_queue (bench, model, g_ptr_array_index (bench->queue_ids,
                                                      g_rand_int_range (bench->rand, 0, bench->queue_ids->len)),
                     now_ms);
      bench->applied++;
    }

  return G_SOURCE_CONTINUE;
}

static void
collect_ids (GListModel *store,
             GPtrArray  *ids,
             gboolean    agents)
{
  for (guint i = 0; i < g_list_model_get_n_items (store); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (store, i);

      g_ptr_array_add (ids, g_strdup (agents ? plt_agent_get_id (PLT_AGENT (item))
                                             : plt_queue_get_id (PLT_QUEUE (item))));
    }
}

/* The router -------------------------------------------------------------- */

static GSubprocess *
start_router (const char  *path,
              const char  *db,
              char       **uri)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  GSubprocess *router;

  router = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                             path, "--scenario", "large", "--no-auth", "--listen", "127.0.0.1:0",
                             "--db", db, NULL);
  if (router == NULL)
    {
      g_printerr ("bench-boards: cannot start %s: %s\n", path, error->message);
      exit (1);
    }

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (router));
  while ((line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error)) != NULL)
    {
      if (g_str_has_prefix (line, "Listening on "))
        {
          *uri = g_strdup (line + strlen ("Listening on "));
          return router;
        }
      g_clear_pointer (&line, g_free);
    }

  g_printerr ("bench-boards: the router did not say where it listens\n");
  exit (1);
}

static void
print_figure (const char *what,
              double      value,
              const char *unit,
              double      target,
              gboolean    lower_is_better)
{
  gboolean met = lower_is_better ? value <= target : value >= target;

  g_print ("  %-34s %10.1f %-5s target %s %7.1f %-5s %s\n",
           what, value, unit, lower_is_better ? "≤" : "≥", target, unit, met ? "met" : "NOT MET");
}

int
main (int   argc,
      char *argv[])
{
  int seconds = 60;
  gboolean queues_only = FALSE;
  int rate = 2000;
  g_autofree char *view = NULL;
  g_autofree char *router_path = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *tmpdir = NULL;
  g_autofree char *db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GSubprocess) router = NULL;
  g_autoptr(GtkCssProvider) provider = NULL;
  Bench bench = { 0 };
  double cpu_start, cpu_end, rss, peak;
  gint64 wall_start, wall_end;
  guint load_id;
  GOptionEntry entries[] = {
    { "seconds", 0, 0, G_OPTION_ARG_INT, &seconds, "How long the load lasts (default 60)", "S" },
    { "rate", 0, 0, G_OPTION_ARG_INT, &rate, "Updates a second (default 2000)", "N" },
    { "view", 0, 0, G_OPTION_ARG_STRING, &view, "The board shown: queues (default) or agents", "VIEW" },
    { "router", 0, 0, G_OPTION_ARG_FILENAME, &router_path, "The plateau-router program", "PATH" },
    { "queues-only", 0, 0, G_OPTION_ARG_NONE, &queues_only,
      "Detach the agent board from the model: the queue board's cost alone", NULL },
    G_OPTION_ENTRY_NULL
  };

  context = g_option_context_new ("— the console's boards under load");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-boards: %s\n", error->message);
      return 2;
    }
  if (view == NULL)
    view = g_strdup ("queues");
  if (router_path == NULL)
    {
      g_autofree char *dir = g_path_get_dirname (argv[0]);

      router_path = g_build_filename (dir, "..", "src", "router", "plateau-router", NULL);
    }

  gtk_init ();
  adw_init ();
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/io/github/plateau/Plateau/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    "/io/github/plateau/Plateau/icons");

  tmpdir = g_dir_make_tmp ("plateau-bench-XXXXXX", &error);
  db = g_build_filename (tmpdir, "router.db", NULL);
  router = start_router (router_path, db, &uri);

  bench.frame_ms = g_array_new (FALSE, FALSE, sizeof (double));
  bench.latency_ms = g_array_new (FALSE, FALSE, sizeof (double));
  bench.flush_latency_ms = g_array_new (FALSE, FALSE, sizeof (double));
  bench.agent_ids = g_ptr_array_new_with_free_func (g_free);
  bench.queue_ids = g_ptr_array_new_with_free_func (g_free);
  bench.rand = g_rand_new_with_seed (20261127);
  bench.version_boost = 1000000;
  bench.rate = rate;

  bench.client = plt_client_new (NULL, NULL);
  bench.window = PLT_WINDOW (plt_window_new (NULL, NULL));
  gtk_window_set_default_size (GTK_WINDOW (bench.window), 1280, 800);
  plt_window_set_client (bench.window, bench.client);
  plt_window_set_view (bench.window, view);
  if (queues_only)
    plt_agent_list_set_model (_plt_window_get_agent_list (bench.window), NULL);
  gtk_window_present (GTK_WINDOW (bench.window));

  bench.frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (bench.window));
  g_signal_connect (bench.frame_clock, "update", G_CALLBACK (frame_update_cb), &bench);
  g_signal_connect (bench.frame_clock, "after-paint", G_CALLBACK (frame_after_paint_cb), &bench);
  g_signal_connect (bench.client, "synced", G_CALLBACK (synced_cb), &bench);
  g_signal_connect (plt_client_get_model (bench.client), "flushed", G_CALLBACK (model_flushed_cb), &bench);

  g_print ("bench-boards: %s, the %s board%s, %d updates/s for %d s, renderer %s\n",
           uri, view, queues_only ? " (the agent board detached)" : "", rate, seconds,
           G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (bench.window))));

  /* 1. The first full frame */
  bench.connect_us = g_get_monotonic_time ();
  plt_client_connect (bench.client, uri);
  iterate_until (first_frame_drawn, &bench, 60, "first full frame");

  collect_ids (G_LIST_MODEL (plt_model_get_agents (plt_client_get_model (bench.client))), bench.agent_ids, TRUE);
  collect_ids (G_LIST_MODEL (plt_model_get_queues (plt_client_get_model (bench.client))), bench.queue_ids, FALSE);
  g_print ("  model: %u agents, %u queues; connect → snapshot applied %.0f ms, → first full frame %.0f ms more\n",
           bench.agent_ids->len, bench.queue_ids->len, (bench.synced_us - bench.connect_us) / 1000.0,
           (bench.first_frame_us - bench.synced_us) / 1000.0);

  /* 2. The load */
  bench.measuring = TRUE;
  bench.load_start_us = g_get_monotonic_time ();
  load_id = g_timeout_add (BATCH_MS, load_cb, &bench);
  cpu_start = thread_cpu_seconds ();
  wall_start = g_get_monotonic_time ();
  /* Frames come as the updates ask for them, as in the console. */
  while (g_get_monotonic_time () - wall_start < (gint64) seconds * G_USEC_PER_SEC)
    g_main_context_iteration (NULL, TRUE);
  wall_end = g_get_monotonic_time ();
  cpu_end = thread_cpu_seconds ();
  g_source_remove (load_id);
  bench.measuring = FALSE;
  memory_mib (&rss, &peak);

  g_print ("  %" G_GUINT64_FORMAT " updates applied (%.0f/s), %u frames (%.1f/s)\n",
           bench.applied, bench.applied / ((wall_end - wall_start) / 1e6),
           bench.frame_ms->len, bench.frame_ms->len / ((wall_end - wall_start) / 1e6));
  g_print ("  frame time: p50 %.2f ms, p99 %.2f ms, max %.2f ms\n",
           percentile (bench.frame_ms, 0.5), percentile (bench.frame_ms, 0.99),
           percentile (bench.frame_ms, 1.0));
  g_print ("  event → screen (the next frame): p50 %.1f ms, p99 %.1f ms, max %.1f ms\n",
           percentile (bench.latency_ms, 0.5), percentile (bench.latency_ms, 0.99),
           percentile (bench.latency_ms, 1.0));
  g_print ("  event → screen after the store's flush (sorting, new rows): p50 %.1f ms, p99 %.1f ms\n",
           percentile (bench.flush_latency_ms, 0.5), percentile (bench.flush_latency_ms, 0.99));
  g_print ("\n");
  print_figure ("p99 frame time", percentile (bench.frame_ms, 0.99), "ms", 16.7, TRUE);
  print_figure ("event → screen latency p99", percentile (bench.latency_ms, 0.99), "ms", 100, TRUE);
  print_figure ("RSS at the end", rss, "MiB", 300, TRUE);
  print_figure ("peak RSS", peak, "MiB", 300, TRUE);
  print_figure ("console CPU (main thread)", 100.0 * (cpu_end - cpu_start) / ((wall_end - wall_start) / 1e6),
                "%", 50, TRUE);
  print_figure ("first full frame after connect", (bench.first_frame_us - bench.connect_us) / 1000.0,
                "ms", 1000, TRUE);

  plt_client_disconnect (bench.client);
  gtk_window_destroy (GTK_WINDOW (bench.window));
  g_subprocess_send_signal (router, SIGTERM);
  g_subprocess_wait (router, NULL, NULL);
  g_unlink (db);
  {
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (tmpdir);

  g_array_unref (bench.frame_ms);
  g_array_unref (bench.latency_ms);
  g_array_unref (bench.flush_latency_ms);
  g_ptr_array_unref (bench.agent_ids);
  g_ptr_array_unref (bench.queue_ids);
  g_rand_free (bench.rand);
  g_object_unref (bench.client);

  return 0;
}
