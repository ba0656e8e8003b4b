/* test-client-router.c — the console's client following a real router
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "plt-agent.h"
#include "plt-call.h"
#include "plt-client.h"
#include "plt-clock.h"
#include "plt-model.h"
#include "plt-queue.h"
#include "plt-router.h"
#include "plt-store.h"
#include "plt-team.h"
#include "plt-test-timeout.h"
#include "plt-test-ws.h"

/* Generous, and ten times that under valgrind (plt-test-timeout.h). */
#define TIMEOUT_MS plt_test_timeout_ms (60000)

typedef struct
{
  PltRouter *router;
  PltModel  *model;
  PltClock  *clock;
  PltClient *client;
  char      *uri;
  guint      n_synced;
  gint64     wanted_seq;
} Fixture;

static void
on_synced (PltClient *client,
           Fixture   *fixture)
{
  fixture->n_synced++;
}

static void
fixture_set_up (Fixture    *fixture,
                const char *scenario,
                double      speed,
                guint64     seed)
{
  PltRouterOptions options = { scenario, speed, seed, 0 };
  g_autoptr(GError) error = NULL;

  fixture->router = plt_router_new (&options, &error);
  g_assert_no_error (error);
  plt_router_listen (fixture->router, "127.0.0.1", 0, &error);
  g_assert_no_error (error);
  fixture->uri = plt_router_dup_uri (fixture->router);

  fixture->model = plt_model_new ();
  fixture->clock = plt_clock_new ();
  fixture->client = plt_client_new (fixture->model, fixture->clock);
  g_signal_connect (fixture->client, "synced", G_CALLBACK (on_synced), fixture);

  /* The demo account: a manager, who sees everything. */
  {
    g_autofree char *token = plt_router_create_demo_token (fixture->router, NULL, &error);

    g_assert_no_error (error);
    plt_client_set_token (fixture->client, token);
  }
}

static void
fixture_tear_down (Fixture *fixture)
{
  g_signal_handlers_disconnect_by_data (fixture->client, fixture);
  plt_client_disconnect (fixture->client);
  g_assert_true (plt_test_ws_iterate_until (plt_test_ws_no_clients, fixture->router, TIMEOUT_MS));
  plt_router_stop (fixture->router);

  g_clear_object (&fixture->client);
  g_clear_object (&fixture->clock);
  g_clear_object (&fixture->model);
  g_clear_object (&fixture->router);
  g_clear_pointer (&fixture->uri, g_free);
}

static gboolean
synced (gpointer data)
{
  Fixture *fixture = data;

  return fixture->n_synced > 0 && plt_client_get_state (fixture->client) == PLT_CONNECTION_STATE_LIVE;
}

static gboolean
reached_wanted_seq (gpointer data)
{
  Fixture *fixture = data;

  return plt_client_get_last_seq (fixture->client) >= fixture->wanted_seq;
}

static gboolean
caught_up (gpointer data)
{
  Fixture *fixture = data;

  return plt_client_get_last_seq (fixture->client) == plt_router_get_seq (fixture->router);
}

/* The client's model and the router's state, entity by entity. */
static void
assert_model_equals_router (Fixture *fixture)
{
  PltModel *model = fixture->model;
  g_autoptr(GPtrArray) teams = plt_router_dup_teams (fixture->router);
  g_autoptr(GPtrArray) agents = plt_router_dup_agents (fixture->router);
  g_autoptr(GPtrArray) queues = plt_router_dup_queues (fixture->router);
  g_autoptr(GPtrArray) calls = plt_router_dup_calls (fixture->router);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (plt_model_get_teams (model))), ==, teams->len);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (plt_model_get_agents (model))), ==, agents->len);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (plt_model_get_queues (model))), ==, queues->len);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (plt_model_get_calls (model))), ==, calls->len);

  for (guint i = 0; i < teams->len; i++)
    {
      PltTeamData *expected = g_ptr_array_index (teams, i);
      PltTeam *team = plt_model_lookup_team (model, expected->id);
      g_autoptr(PltTeamData) got = NULL;

      g_assert_nonnull (team);
      got = plt_team_to_data (team);
      if (!plt_team_data_equal (got, expected))
        g_error ("team %s differs", expected->id);
    }

  for (guint i = 0; i < agents->len; i++)
    {
      PltAgentData *expected = g_ptr_array_index (agents, i);
      PltAgent *agent = plt_model_lookup_agent (model, expected->id);
      g_autoptr(PltAgentData) got = NULL;

      g_assert_nonnull (agent);
      got = plt_agent_to_data (agent);
      if (!plt_agent_data_equal (got, expected))
        g_error ("agent %s differs (client ver %" G_GINT64_FORMAT ", router ver %" G_GINT64_FORMAT ")",
                 expected->id, got->ver, expected->ver);
    }

  for (guint i = 0; i < queues->len; i++)
    {
      PltQueueData *expected = g_ptr_array_index (queues, i);
      PltQueue *queue = plt_model_lookup_queue (model, expected->id);
      g_autoptr(PltQueueData) got = NULL;

      g_assert_nonnull (queue);
      got = plt_queue_to_data (queue);
      if (!plt_queue_data_equal (got, expected))
        g_error ("queue %s differs (client ver %" G_GINT64_FORMAT ", router ver %" G_GINT64_FORMAT ")",
                 expected->id, got->ver, expected->ver);
    }

  for (guint i = 0; i < calls->len; i++)
    {
      PltCallData *expected = g_ptr_array_index (calls, i);
      PltCall *call = plt_model_lookup_call (model, expected->id);
      g_autoptr(PltCallData) got = NULL;

      g_assert_nonnull (call);
      got = plt_call_to_data (call);
      if (!plt_call_data_equal (got, expected))
        g_error ("call %s differs (client ver %" G_GINT64_FORMAT ", router ver %" G_GINT64_FORMAT ")",
                 expected->id, got->ver, expected->ver);
    }
}

/* /Plateau/Router/client/follows */

static void
test_client_follows (void)
{
  const double speed = 120;
  Fixture fixture = { 0 };
  gint64 start_seq;

  fixture_set_up (&fixture, "demo", speed, 11);
  plt_client_connect (fixture.client, fixture.uri);

  g_assert_true (plt_test_ws_iterate_until (synced, &fixture, TIMEOUT_MS));
  g_assert_cmpstr (plt_client_get_epoch (fixture.client), ==, plt_router_get_epoch (fixture.router));
  g_assert_cmpfloat (plt_clock_get_rate (fixture.clock), ==, speed);

  /* At least 200 deltas applied on top of the snapshot. */
  start_seq = plt_client_get_last_seq (fixture.client);
  g_assert_cmpint (start_seq, >=, 0);
  fixture.wanted_seq = start_seq + 200;
  g_assert_true (plt_test_ws_iterate_until (reached_wanted_seq, &fixture, TIMEOUT_MS));
  g_assert_cmpint (plt_client_get_state (fixture.client), ==, PLT_CONNECTION_STATE_LIVE);

  /* Freeze the router; once the client has everything, both agree. */
  plt_router_set_paused (fixture.router, TRUE);
  g_assert_true (plt_test_ws_iterate_until (caught_up, &fixture, TIMEOUT_MS));
  plt_model_flush (fixture.model);

  g_test_message ("compared at seq %" G_GINT64_FORMAT " (%" G_GINT64_FORMAT " deltas after the snapshot)",
                  plt_router_get_seq (fixture.router),
                  plt_router_get_seq (fixture.router) - start_seq);
  assert_model_equals_router (&fixture);
  g_assert_cmpuint (fixture.n_synced, ==, 1);
  g_assert_cmpuint (plt_client_get_unknown_count (fixture.client), ==, 0);

  fixture_tear_down (&fixture);
}

/* /Plateau/Router/client/large */

static void
test_client_large (void)
{
  Fixture fixture = { 0 };

  /* A snapshot in many parts, compared without deltas on top. */
  fixture_set_up (&fixture, "large", 1, 21);
  plt_router_set_paused (fixture.router, TRUE);
  plt_client_connect (fixture.client, fixture.uri);

  g_assert_true (plt_test_ws_iterate_until (synced, &fixture, TIMEOUT_MS));
  g_assert_true (plt_test_ws_iterate_until (caught_up, &fixture, TIMEOUT_MS));
  plt_model_flush (fixture.model);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (plt_model_get_agents (fixture.model))), >=, 5000);
  assert_model_equals_router (&fixture);

  /* Then it follows the stream. */
  plt_router_set_paused (fixture.router, FALSE);
  fixture.wanted_seq = plt_router_get_seq (fixture.router) + 500;
  g_assert_true (plt_test_ws_iterate_until (reached_wanted_seq, &fixture, TIMEOUT_MS));
  plt_router_set_paused (fixture.router, TRUE);
  g_assert_true (plt_test_ws_iterate_until (caught_up, &fixture, TIMEOUT_MS));
  plt_model_flush (fixture.model);
  assert_model_equals_router (&fixture);

  fixture_tear_down (&fixture);
}

/* /Plateau/Router/client/resume — the link dies mid-stream; the client
 * resumes its session and misses nothing, applies nothing twice */

static gboolean
not_live (gpointer data)
{
  Fixture *fixture = data;

  return plt_client_get_state (fixture->client) != PLT_CONNECTION_STATE_LIVE;
}

static void
test_client_resume (void)
{
  Fixture fixture = { 0 };

  fixture_set_up (&fixture, "demo", 120, 13);
  plt_client_set_backoff (fixture.client, 10, 50, 60000);
  plt_client_connect (fixture.client, fixture.uri);
  g_assert_true (plt_test_ws_iterate_until (synced, &fixture, TIMEOUT_MS));
  fixture.wanted_seq = plt_client_get_last_seq (fixture.client) + 100;
  g_assert_true (plt_test_ws_iterate_until (reached_wanted_seq, &fixture, TIMEOUT_MS));

  /* Three times: the socket goes away under the link, mid-stream. */
  for (guint round = 0; round < 3; round++)
    {
      plt_router_drop_links (fixture.router);
      g_assert_true (plt_test_ws_iterate_until (not_live, &fixture, TIMEOUT_MS));
      g_assert_true (plt_test_ws_iterate_until (synced, &fixture, TIMEOUT_MS));
      fixture.wanted_seq = plt_client_get_last_seq (fixture.client) + 50;
      g_assert_true (plt_test_ws_iterate_until (reached_wanted_seq, &fixture, TIMEOUT_MS));
    }

  plt_router_set_paused (fixture.router, TRUE);
  g_assert_true (plt_test_ws_iterate_until (caught_up, &fixture, TIMEOUT_MS));
  plt_model_flush (fixture.model);
  assert_model_equals_router (&fixture);

  /* One snapshot, then three replays: no new session, no resync (a gap or
   * a duplicate would have asked for a snapshot, and synced once more). */
  g_assert_cmpuint (fixture.n_synced, ==, 4);
  g_assert_cmpuint (plt_router_get_n_sessions (fixture.router), ==, 1);

  fixture_tear_down (&fixture);
}

/* /Plateau/Router/client/restart — the router is killed and another one
 * starts on the same port and database: a new epoch, so a fresh snapshot,
 * and the model equals the new router's state */

static void
test_client_restart (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("plateau-restart-XXXXXX", &error);
  g_autofree char *db = g_build_filename (dir, "router.db", NULL);
  PltRouterOptions options = { "demo", 50, 17, 0 };
  g_autofree char *first_epoch = NULL;
  g_autofree char *token = NULL;
  g_autoptr(GUri) parsed = NULL;
  Fixture fixture = { 0 };
  guint port;

  g_assert_no_error (error);
  options.db_path = db;
  fixture.router = plt_router_new (&options, &error);
  g_assert_no_error (error);
  plt_router_listen (fixture.router, "127.0.0.1", 0, &error);
  g_assert_no_error (error);
  fixture.uri = plt_router_dup_uri (fixture.router);
  parsed = g_uri_parse (fixture.uri, G_URI_FLAGS_NONE, NULL);
  port = (guint) g_uri_get_port (parsed);
  token = plt_router_create_demo_token (fixture.router, NULL, &error);
  g_assert_no_error (error);

  fixture.model = plt_model_new ();
  fixture.clock = plt_clock_new ();
  fixture.client = plt_client_new (fixture.model, fixture.clock);
  g_signal_connect (fixture.client, "synced", G_CALLBACK (on_synced), &fixture);
  plt_client_set_backoff (fixture.client, 10, 100, 60000);
  plt_client_set_token (fixture.client, token);
  plt_client_connect (fixture.client, fixture.uri);
  g_assert_true (plt_test_ws_iterate_until (synced, &fixture, TIMEOUT_MS));
  first_epoch = g_strdup (plt_router_get_epoch (fixture.router));

  /* Killed: no goodbye (the tokens live on in the database file). */
  plt_router_drop_links (fixture.router);
  plt_router_stop (fixture.router);
  g_clear_object (&fixture.router);

  options.seed = 18;
  fixture.router = plt_router_new (&options, &error);
  g_assert_no_error (error);
  plt_router_listen (fixture.router, "127.0.0.1", port, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (plt_router_get_epoch (fixture.router), !=, first_epoch);

  fixture.n_synced = 0;
  g_assert_true (plt_test_ws_iterate_until (synced, &fixture, TIMEOUT_MS));
  g_assert_cmpstr (plt_client_get_epoch (fixture.client), ==, plt_router_get_epoch (fixture.router));
  plt_router_set_paused (fixture.router, TRUE);
  g_assert_true (plt_test_ws_iterate_until (caught_up, &fixture, TIMEOUT_MS));
  plt_model_flush (fixture.model);
  assert_model_equals_router (&fixture);

  fixture_tear_down (&fixture);
  for (const char *suffix = ""; suffix != NULL; suffix = *suffix == '\0' ? "-wal" : g_str_equal (suffix, "-wal") ? "-shm" : NULL)
    {
      g_autofree char *file = g_strconcat (db, suffix, NULL);

      g_unlink (file);
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Plateau/Router/client/follows", test_client_follows);
  g_test_add_func ("/Plateau/Router/client/large", test_client_large);
  g_test_add_func ("/Plateau/Router/client/resume", test_client_resume);
  g_test_add_func ("/Plateau/Router/client/restart", test_client_restart);

  return g_test_run ();
}
