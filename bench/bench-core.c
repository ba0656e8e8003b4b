/* bench-core.c — how fast the core decodes, encodes and applies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints figures; asserts nothing. Run on an otherwise idle machine.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "plt-agent.h"
#include "plt-model.h"
#include "plt-protocol.h"
#include "plt-store.h"

#define N_AGENTS   10000
#define N_UPDATES  2000
#define N_ROUNDS   50

static PltMessage *
make_agent_update (guint  i,
                   gint64 ver)
{
  PltMessage *message = plt_message_new (PLT_MESSAGE_AGENT_UPDATE);
  PltAgentData *agent = plt_agent_data_new ();

  message->has_seq = TRUE;
  message->seq = 1042 + i;
  message->epoch = g_strdup ("7f3c2a91d04e");
  message->ts = 1795774530123;

  agent->id = g_strdup_printf ("a-%05u", i);
  agent->ver = ver;
  agent->name = g_strdup_printf ("Agent number %u, Équipe Nord", i);
  agent->team = g_strdup_printf ("t-%02u", i % 40);
  agent->status = (ver % 3 == 0) ? PLT_AGENT_STATUS_PAUSED : PLT_AGENT_STATUS_AVAILABLE;
  agent->reason = (ver % 3 == 0) ? g_strdup ("back_office") : NULL;
  agent->activity = (ver % 2 == 0) ? PLT_AGENT_ACTIVITY_ON_CALL : PLT_AGENT_ACTIVITY_IDLE;
  agent->since = 1795774500000 + ver * 1000;
  agent->queue = g_strdup ("q-sales-inbound");
  agent->call = g_strdup_printf ("c-%06u", (guint) ver);
  g_strfreev (agent->queues);
  agent->queues = g_strsplit ("q-sales-inbound,q-support-inbound,q-callbacks", ",", -1);
  message->u.agent = agent;

  return message;
}

static double
seconds_since (gint64 start)
{
  return (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
}

static void
bench_codec (void)
{
  g_autoptr(PltMessage) message = make_agent_update (17, 88);
  g_autoptr(PltDecoder) decoder = plt_decoder_new (PLT_DECODER_FROM_SERVER);
  g_autofree char *text = plt_message_encode (message);
  gsize length = strlen (text);
  const guint n = 200000;
  gint64 start;
  double elapsed;

  printf ("agent.update message: %" G_GSIZE_FORMAT " bytes\n", length);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    {
      PltMessage *decoded = plt_decoder_decode (decoder, text, length, NULL);

      g_assert (decoded != NULL);
      plt_message_free (decoded);
    }
  elapsed = seconds_since (start);
  printf ("decode:  %9.0f msg/s  (%.2f µs/msg, %.1f MB/s)\n",
          n / elapsed, elapsed * 1e6 / n, n * (double) length / elapsed / 1e6);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    g_free (plt_message_encode (message));
  elapsed = seconds_since (start);
  printf ("encode:  %9.0f msg/s  (%.2f µs/msg)\n", n / elapsed, elapsed * 1e6 / n);
}

static void
count_cb (GListModel *list,
          guint       position,
          guint       removed,
          guint       added,
          guint      *count)
{
  (*count)++;
}

static void
bench_apply (gboolean clustered)
{
  g_autoptr(PltModel) model = plt_model_new ();
  g_autoptr(GPtrArray) updates = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_message_free);
  GRand *rand = g_rand_new_with_seed (7);
  double apply_total = 0;
  double flush_total = 0;
  guint emissions = 0;

  for (guint i = 0; i < N_AGENTS; i++)
    {
      g_autoptr(PltMessage) message = make_agent_update (i, 1);

      plt_model_apply_delta (model, message);
    }
  plt_model_flush (model);
  g_signal_connect (plt_model_get_agents (model), "items-changed", G_CALLBACK (count_cb), &emissions);

  for (guint round = 0; round < N_ROUNDS; round++)
    {
      gint64 start;

      /* Decoded messages ready, as the client has them. */
      g_ptr_array_set_size (updates, 0);
      for (guint k = 0; k < N_UPDATES; k++)
        {
          guint i = clustered
            ? (round * 997 + k) % N_AGENTS
            : (guint) g_rand_int_range (rand, 0, N_AGENTS);

          g_ptr_array_add (updates, make_agent_update (i, 2 + round * N_UPDATES + k));
        }

      start = g_get_monotonic_time ();
      for (guint k = 0; k < updates->len; k++)
        plt_model_apply_delta (model, g_ptr_array_index (updates, k));
      apply_total += seconds_since (start);

      start = g_get_monotonic_time ();
      plt_model_flush (model);
      flush_total += seconds_since (start);
    }

  printf ("apply + flush, %u updates into %u agents, %s: apply %.2f ms, flush %.2f ms, "
          "total %.2f ms per flush; %.1f items-changed per flush\n",
          N_UPDATES, N_AGENTS, clustered ? "contiguous" : "random",
          apply_total * 1000 / N_ROUNDS, flush_total * 1000 / N_ROUNDS,
          (apply_total + flush_total) * 1000 / N_ROUNDS, (double) emissions / N_ROUNDS);

  g_rand_free (rand);
}

int
main (int   argc,
      char *argv[])
{
  bench_codec ();
  bench_apply (FALSE);
  bench_apply (TRUE);

  return 0;
}
