/* bench-decode.c — the console's receive path against bare json-glib
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A stream like a router's (agent.update, call.update with its removals,
 * and queue.update, with contiguous seq, encoded by the codec) goes through
 * what the console does with each frame: plt_decoder_decode() (size,
 * scanner, json-glib, envelope and payload), plt_model_apply_delta(), and a
 * flush every FLUSH_EVERY messages. Its rate is printed next to the rate of
 * bare json-glib on the same bytes (one reused JsonParser,
 * json_parser_load_from_data() only), and the ratio of the two; issue 3
 * asks for at least 70 %. Each figure is the best of --rounds runs, the
 * passes taking turns, in CPU time of the thread.
 *
 * Usage: bench-decode [--messages N] [--rounds N] [--only json|decode|full]
 *   --only runs one pass (for valgrind --tool=callgrind).
 *
 * Prints figures; asserts only that every message decodes.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <json-glib/json-glib.h>

#include "plt-model.h"
#include "plt-protocol.h"

#define N_AGENTS     600
#define N_QUEUES     24
#define N_TEAMS      12
#define FLUSH_EVERY  1000

typedef struct
{
  GPtrArray *texts;     /* char*, owned */
  GArray    *lengths;   /* gsize */
  gsize      bytes;
} Stream;

static const char * const first_names[] = {
  "Camille", "Léa", "Hugo", "Chloé", "Maël", "Zoé", "Lucas", "Inès", "Noé", "Jade",
};
static const char * const last_names[] = {
  "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Lefèvre", "Moreau",
};

static void
set_envelope (PltMessage *message,
              gint64      seq)
{
  message->has_seq = TRUE;
  message->seq = seq;
  message->epoch = g_strdup ("7f3c2a91d04e");
  message->ts = 1795774530123 + seq * 7;
}

static PltMessage *
agent_update (GRand  *rand,
              guint   i,
              gint64  ver,
              gint64  seq)
{
  PltMessage *message = plt_message_new (PLT_MESSAGE_AGENT_UPDATE);
  PltAgentData *agent = plt_agent_data_new ();
  guint activity = g_rand_int_range (rand, PLT_AGENT_ACTIVITY_IDLE, PLT_AGENT_ACTIVITY_BUSY_OTHER + 1);
  gboolean paused = g_rand_int_range (rand, 0, 5) == 0;

  set_envelope (message, seq);
  agent->id = g_strdup_printf ("a-%04u", i);
  agent->ver = ver;
  agent->name = g_strdup_printf ("%s %s", first_names[i % G_N_ELEMENTS (first_names)],
                                 last_names[(i / 10) % G_N_ELEMENTS (last_names)]);
  agent->team = g_strdup_printf ("t-%02u", i % N_TEAMS);
  agent->status = paused ? PLT_AGENT_STATUS_PAUSED : PLT_AGENT_STATUS_AVAILABLE;
  agent->reason = paused ? g_strdup ("back_office") : NULL;
  agent->activity = paused ? PLT_AGENT_ACTIVITY_IDLE : activity;
  agent->since = 1795774500000 + seq * 50;
  if (agent->activity != PLT_AGENT_ACTIVITY_IDLE)
    {
      agent->queue = g_strdup_printf ("q-%02u", i % N_QUEUES);
      agent->call = g_strdup_printf ("c-%06" G_GINT64_FORMAT, seq);
    }
  g_strfreev (agent->queues);
  agent->queues = g_new0 (char *, 3);
  agent->queues[0] = g_strdup_printf ("q-%02u", i % N_QUEUES);
  agent->queues[1] = g_strdup_printf ("q-%02u", (i + 7) % N_QUEUES);
  message->u.agent = agent;

  return message;
}

static PltMessage *
call_update (GRand  *rand,
             guint   call,
             gint64  ver,
             gint64  seq)
{
  PltMessage *message = plt_message_new (PLT_MESSAGE_CALL_UPDATE);
  PltCallData *data = plt_call_data_new ();

  set_envelope (message, seq);
  data->id = g_strdup_printf ("c-%06u", call);
  data->ver = ver;
  data->queue = g_strdup_printf ("q-%02u", call % N_QUEUES);
  data->state = g_rand_int_range (rand, PLT_CALL_STATE_QUEUED, PLT_CALL_STATE_ENDED + 1);
  if (data->state != PLT_CALL_STATE_QUEUED)
    data->agent = g_strdup_printf ("a-%04u", call % N_AGENTS);
  data->number = g_strdup_printf ("06 •• •• %02u %02u", call % 100, (call / 100) % 100);
  data->since = 1795774500000 + seq * 50;
  data->enqueued = 1795774500000 + seq * 40;
  message->u.call = data;

  return message;
}

static PltMessage *
queue_update (GRand  *rand,
              guint   i,
              gint64  ver,
              gint64  seq)
{
  PltMessage *message = plt_message_new (PLT_MESSAGE_QUEUE_UPDATE);
  PltQueueData *queue = plt_queue_data_new ();
  guint answered = (guint) ver * 3;

  set_envelope (message, seq);
  queue->id = g_strdup_printf ("q-%02u", i);
  queue->ver = ver;
  queue->name = g_strdup_printf ("File d’attente n° %u", i);
  queue->media = PLT_QUEUE_MEDIA_INBOUND + i % 4;
  queue->sl_threshold_s = 20;
  queue->sl_target = 0.8;
  queue->waiting = g_rand_int_range (rand, 0, 12);
  queue->oldest_since = queue->waiting > 0 ? 1795774500000 + seq * 30 : 0;
  queue->agents = (PltQueueAgentCounts) { g_rand_int_range (rand, 0, 20), g_rand_int_range (rand, 0, 30),
                                          g_rand_int_range (rand, 0, 5), g_rand_int_range (rand, 0, 8),
                                          g_rand_int_range (rand, 0, 10) };
  queue->today = (PltQueueToday) { answered + 40, answered, 40, answered * 4 / 5, (gint64) answered * 17 };
  message->u.queue = queue;

  return message;
}

/* N messages, numbered from seq 1: 45 % agent.update, 35 % call.update (a
 * call that ends is then removed), 20 % queue.update. */
static Stream *
make_stream (guint n)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autofree gint64 *agent_ver = g_new0 (gint64, N_AGENTS);
  g_autofree gint64 *queue_ver = g_new0 (gint64, N_QUEUES);
  g_autoptr(GHashTable) call_ver = g_hash_table_new (NULL, NULL);
  Stream *stream = g_new0 (Stream, 1);
  guint next_call = 1;

  stream->texts = g_ptr_array_new_full (n, g_free);
  stream->lengths = g_array_sized_new (FALSE, FALSE, sizeof (gsize), n);

  for (gint64 seq = 1; seq <= (gint64) n; seq++)
    {
      g_autoptr(PltMessage) message = NULL;
      guint pick = g_rand_int_range (rand, 0, 100);
      char *text;
      gsize length;

      if (pick < 45)
        {
          guint i = g_rand_int_range (rand, 0, N_AGENTS);

          message = agent_update (rand, i, ++agent_ver[i], seq);
        }
      else if (pick < 80)
        {
          /* Mostly the calls in progress, sometimes a new one. */
          guint call = g_hash_table_size (call_ver) < 40 || g_rand_int_range (rand, 0, 4) == 0
            ? next_call++
            : (guint) g_rand_int_range (rand, MAX ((gint) next_call - 60, 1), (gint) next_call);
          gint64 ver = GPOINTER_TO_SIZE (g_hash_table_lookup (call_ver, GUINT_TO_POINTER (call))) + 1;

          message = call_update (rand, call, ver, seq);
          if (message->u.call->state == PLT_CALL_STATE_ENDED)
            {
              g_hash_table_remove (call_ver, GUINT_TO_POINTER (call));
              if (seq < (gint64) n)
                {
                  g_autoptr(PltMessage) removal = plt_message_new (PLT_MESSAGE_CALL_REMOVE);

                  /* The ended state first, then its removal. */
                  text = plt_message_encode (message);
                  length = strlen (text);
                  g_ptr_array_add (stream->texts, text);
                  g_array_append_val (stream->lengths, length);
                  stream->bytes += length;

                  seq++;
                  set_envelope (removal, seq);
                  removal->u.remove.id = g_strdup_printf ("c-%06u", call);
                  removal->u.remove.ver = ver + 1;
                  g_clear_pointer (&message, plt_message_free);
                  message = g_steal_pointer (&removal);
                }
            }
          else
            g_hash_table_insert (call_ver, GUINT_TO_POINTER (call), GSIZE_TO_POINTER ((gsize) ver));
        }
      else
        {
          guint i = g_rand_int_range (rand, 0, N_QUEUES);

          message = queue_update (rand, i, ++queue_ver[i], seq);
        }

      text = plt_message_encode (message);
      length = strlen (text);
      g_ptr_array_add (stream->texts, text);
      g_array_append_val (stream->lengths, length);
      stream->bytes += length;
    }

  return stream;
}

static void
stream_free (Stream *stream)
{
  g_ptr_array_unref (stream->texts);
  g_array_unref (stream->lengths);
  g_free (stream);
}

/* The thread's CPU time, not the wall clock: on a machine shared with
 * other work, time spent waiting for a core does not count. */
static gint64
cpu_time_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_GINT64_CONSTANT (1000000000) + ts.tv_nsec;
}

static double
seconds_since (gint64 start)
{
  return (double) (cpu_time_ns () - start) / 1e9;
}

/* Bare json-glib: one reused parser, nothing read from the tree. */
static double
run_json (const Stream *stream)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  gint64 start = cpu_time_ns ();

  for (guint i = 0; i < stream->texts->len; i++)
    if (!json_parser_load_from_data (parser, g_ptr_array_index (stream->texts, i),
                                     (gssize) g_array_index (stream->lengths, gsize, i), NULL))
      g_error ("json-glib rejected message %u", i);

  return seconds_since (start);
}

/* The decoder alone. */
static double
run_decode (const Stream *stream)
{
  g_autoptr(PltDecoder) decoder = plt_decoder_new (PLT_DECODER_FROM_SERVER);
  gint64 start = cpu_time_ns ();

  for (guint i = 0; i < stream->texts->len; i++)
    {
      PltMessage *message = plt_decoder_decode (decoder, g_ptr_array_index (stream->texts, i),
                                                g_array_index (stream->lengths, gsize, i), NULL);

      if (message == NULL)
        g_error ("message %u was rejected", i);
      plt_message_free (message);
    }

  return seconds_since (start);
}

/* What the console does: decode, apply, flush now and then. */
static double
run_full (const Stream *stream)
{
  g_autoptr(PltDecoder) decoder = plt_decoder_new (PLT_DECODER_FROM_SERVER);
  g_autoptr(PltModel) model = plt_model_new ();
  gint64 start = cpu_time_ns ();

  for (guint i = 0; i < stream->texts->len; i++)
    {
      PltMessage *message = plt_decoder_decode (decoder, g_ptr_array_index (stream->texts, i),
                                                g_array_index (stream->lengths, gsize, i), NULL);

      if (message == NULL)
        g_error ("message %u was rejected", i);
      plt_model_apply_delta (model, message);
      plt_message_free (message);

      if ((i + 1) % FLUSH_EVERY == 0)
        plt_model_flush (model);
    }
  plt_model_flush (model);

  return seconds_since (start);
}

typedef double (*RunFunc) (const Stream *stream);

/* The passes take turns, round after round, so that a slower spell of the
 * machine weighs on all of them alike; each keeps its best time. */
static void
best_of (const RunFunc *runs,
         double        *best,
         guint          n_runs,
         const Stream  *stream,
         guint          rounds)
{
  for (guint k = 0; k < n_runs; k++)
    best[k] = G_MAXDOUBLE;

  for (guint r = 0; r < rounds; r++)
    for (guint k = 0; k < n_runs; k++)
      best[k] = MIN (best[k], runs[k] (stream));
}

static void
print_rate (const char   *what,
            const Stream *stream,
            double        seconds)
{
  guint n = stream->texts->len;

  printf ("%-38s %9.0f msg/s  %6.2f µs/msg  %6.1f MB/s\n", what, n / seconds,
          seconds * 1e6 / n, (double) stream->bytes / seconds / 1e6);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *only = NULL;
  gint messages = 200000;
  gint rounds = 5;
  const GOptionEntry entries[] = {
    { "messages", 0, 0, G_OPTION_ARG_INT, &messages, "Messages in the stream (default 200000)", "N" },
    { "rounds", 0, 0, G_OPTION_ARG_INT, &rounds, "Runs of each pass; the best counts (default 5)", "N" },
    { "only", 0, 0, G_OPTION_ARG_STRING, &only, "Run one pass: json, decode or full", "PASS" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— the receive path against bare json-glib");
  g_autoptr(GError) error = NULL;
  const RunFunc runs[] = { run_json, run_decode, run_full };
  double best[G_N_ELEMENTS (runs)];
  Stream *stream;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || messages < 1 || rounds < 1)
    {
      fprintf (stderr, "bench-decode: %s\n", error != NULL ? error->message : "N must be positive");
      return EXIT_FAILURE;
    }

  stream = make_stream ((guint) messages);
  printf ("stream: %u messages, %.1f MB, %.0f bytes on average; flush every %u\n",
          stream->texts->len, stream->bytes / 1e6, (double) stream->bytes / stream->texts->len,
          FLUSH_EVERY);

  if (only != NULL)
    {
      if (strcmp (only, "json") == 0)
        print_rate ("json-glib only", stream, run_json (stream));
      else if (strcmp (only, "decode") == 0)
        print_rate ("plt_decoder_decode", stream, run_decode (stream));
      else if (strcmp (only, "full") == 0)
        print_rate ("decode + apply + flush", stream, run_full (stream));
      else
        {
          fprintf (stderr, "bench-decode: --only takes json, decode or full\n");
          stream_free (stream);
          return EXIT_FAILURE;
        }
      stream_free (stream);
      return EXIT_SUCCESS;
    }

  best_of (runs, best, G_N_ELEMENTS (runs), stream, (guint) rounds);

  print_rate ("bare json-glib (load_from_data)", stream, best[0]);
  print_rate ("plt_decoder_decode", stream, best[1]);
  print_rate ("decode + apply_delta + flush", stream, best[2]);
  printf ("decode + apply + flush runs at %.0f %% of bare json-glib's rate (target ≥ 70 %%)\n",
          100.0 * best[0] / best[2]);

  stream_free (stream);

  return EXIT_SUCCESS;
}
