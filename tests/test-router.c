/* test-router.c — the routing server, seen from a raw WebSocket client, and
 * its simulator and scenarios
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include <libsoup/soup.h>

#include "plt-acd.h"
#include "plt-protocol.h"
#include "plt-router.h"
#include "plt-scenario.h"
#include "plt-test-timeout.h"
#include "plt-test-ws.h"

/* Generous: the suite also runs under valgrind. */
#define TIMEOUT_MS plt_test_timeout_ms (30000)

/* A router on the default main context. Its clients log in as the demo
 * account (a manager: sees everything). */

static PltRouter *
start_router (const char *scenario,
              double      speed,
              guint64     seed,
              guint       heartbeat_ms,
              char      **uri)
{
  PltRouterOptions options = { scenario, speed, seed, heartbeat_ms };
  g_autoptr(GError) error = NULL;
  PltRouter *router;

  router = plt_router_new (&options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (router);

  plt_router_listen (router, "127.0.0.1", 0, &error);
  g_assert_no_error (error);

  plt_test_ws_set_token (plt_router_create_demo_token (router, NULL, &error));
  g_assert_no_error (error);

  *uri = plt_router_dup_uri (router);
  g_assert_true (g_str_has_prefix (*uri, "ws://127.0.0.1:"));
  g_assert_true (g_str_has_suffix (*uri, "/acd"));

  return router;
}

/* /Plateau/Router/welcome */

static void
test_welcome (void)
{
  g_autofree char *uri = NULL;
  g_autoptr(PltRouter) router = start_router ("demo", 10, 7, 0, &uri);
  g_autoptr(PltTestWsClient) client = plt_test_ws_client_connect (uri);
  g_autoptr(PltMessage) welcome = NULL;
  g_autoptr(PltTestWsSnapshot) snapshot = NULL;
  const PltWelcomeData *w;
  gint64 before, after;
  guint n_calls = 0;

  before = plt_router_get_now (router);
  plt_test_ws_client_hello (client);
  welcome = plt_test_ws_client_next (client);
  after = plt_router_get_now (router);

  g_assert_cmpint (welcome->type, ==, PLT_MESSAGE_WELCOME);
  g_assert_true (welcome->has_seq);
  g_assert_cmpint (welcome->seq, <=, plt_router_get_seq (router));
  g_assert_cmpstr (welcome->epoch, ==, plt_router_get_epoch (router));
  g_assert_cmpuint (strlen (welcome->epoch), >=, 1);
  g_assert_cmpuint (strlen (welcome->epoch), <=, 64);

  w = &welcome->u.welcome;
  g_assert_true (g_str_has_prefix (w->session, "s-"));
  g_assert_cmpstr (w->server, ==, "plateau-router/" PACKAGE_VERSION);
  g_assert_cmpint (w->heartbeat_ms, ==, 10000);
  g_assert_cmpint (w->clock_now, >=, before);
  g_assert_cmpint (w->clock_now, <=, after);
  g_assert_cmpfloat (w->clock_rate, ==, 10.0);
  /* The router's clock started at the wall clock. */
  g_assert_cmpint (ABS (w->clock_now - g_get_real_time () / 1000), <, 3600 * 1000);
  g_assert_cmpint (w->limits.max_message, ==, PLT_PROTOCOL_MAX_MESSAGE);
  g_assert_cmpint (w->limits.max_client_message, ==, PLT_PROTOCOL_MAX_CLIENT_MESSAGE);
  g_assert_cmpint (w->limits.max_depth, ==, PLT_PROTOCOL_MAX_DEPTH);
  g_assert_cmpint (w->limits.max_string, ==, PLT_PROTOCOL_MAX_STRING);
  g_assert_cmpuint (plt_router_get_n_clients (router), ==, 1);

  snapshot = plt_test_ws_client_read_snapshot (client, "initial");
  g_assert_cmpint (snapshot->begin->u.snapshot_begin.as_of_seq, ==, welcome->seq);
  g_assert_cmpint (snapshot->begin->u.snapshot_begin.count_teams, ==, 3);
  g_assert_cmpint (snapshot->begin->u.snapshot_begin.count_agents, ==, 36);
  g_assert_cmpint (snapshot->begin->u.snapshot_begin.count_queues, ==, 5);

  /* The demo's calls carry masked numbers. */
  for (guint i = 0; i < snapshot->lists[PLT_ACD_ENTITY_CALL]->len; i++)
    {
      PltCallData *call = g_ptr_array_index (snapshot->lists[PLT_ACD_ENTITY_CALL], i);

      g_assert_nonnull (call->number);
      g_assert_true (g_regex_match_simple ("^0[1-9] •• •• [0-9]{2} [0-9]{2}$", call->number, 0, 0));
      n_calls++;
    }
  g_test_message ("%u calls in the first snapshot", n_calls);

  g_assert_cmpuint (client->n_undecodable, ==, 0);
  g_assert_cmpuint (client->n_binary, ==, 0);

  g_clear_pointer (&client, plt_test_ws_client_free);
  plt_router_stop (router);
}

/* /Plateau/Router/subprotocol */

static void
test_subprotocol (void)
{
  g_autofree char *uri = NULL;
  g_autoptr(PltRouter) router = start_router ("demo", 1, 1, 0, &uri);
  const char *other[] = { "other.v1", NULL };
  const char *upper[] = { "PLATEAU.V1", NULL };
  const char *both[] = { "other.v1", PLT_PROTOCOL_SUBPROTOCOL, NULL };
  const char **refused[] = { other, upper, NULL };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(PltTestWsClient) client = plt_test_ws_client_connect_with (uri, refused[i]);

      g_assert_false (client->connected);
      g_assert_error (client->connect_error, SOUP_WEBSOCKET_ERROR, SOUP_WEBSOCKET_ERROR_NOT_WEBSOCKET);
    }

  {
    g_autoptr(PltTestWsClient) client = plt_test_ws_client_connect_with (uri, both);

    g_assert_no_error (client->connect_error);
    g_assert_cmpstr (soup_websocket_connection_get_protocol (client->conn), ==, PLT_PROTOCOL_SUBPROTOCOL);
  }

  plt_router_stop (router);
}

/* /Plateau/Router/snapshot/chunking */

static void
assert_same_entities (GPtrArray    *wire,
                      GPtrArray    *router,
                      PltAcdEntity  kind)
{
  g_assert_cmpuint (wire->len, ==, router->len);

  for (guint i = 0; i < wire->len; i++)
    {
      gpointer a = g_ptr_array_index (wire, i);
      gpointer b = g_ptr_array_index (router, i);
      gboolean equal = FALSE;

      switch (kind)
        {
        case PLT_ACD_ENTITY_TEAM: equal = plt_team_data_equal (a, b); break;
        case PLT_ACD_ENTITY_AGENT: equal = plt_agent_data_equal (a, b); break;
        case PLT_ACD_ENTITY_QUEUE: equal = plt_queue_data_equal (a, b); break;
        case PLT_ACD_ENTITY_CALL: equal = plt_call_data_equal (a, b); break;
        default: g_assert_not_reached ();
        }

      if (!equal)
        g_error ("entity %u of kind %u differs between the snapshot and the router", i, kind);
    }
}

static void
test_snapshot_chunking (void)
{
  g_autofree char *uri = NULL;
  g_autoptr(PltRouter) router = start_router ("large", 1, 5, 0, &uri);
  g_autoptr(PltTestWsClient) client = NULL;
  g_autoptr(PltMessage) welcome = NULL;
  g_autoptr(PltTestWsSnapshot) snapshot = NULL;
  g_autoptr(GPtrArray) teams = NULL;
  g_autoptr(GPtrArray) agents = NULL;
  g_autoptr(GPtrArray) queues = NULL;
  g_autoptr(GPtrArray) calls = NULL;

  /* Still: the snapshot must then be the router's state exactly. */
  plt_router_set_paused (router, TRUE);

  client = plt_test_ws_client_connect (uri);
  plt_test_ws_client_hello (client);
  welcome = plt_test_ws_client_next (client);
  g_assert_cmpint (welcome->type, ==, PLT_MESSAGE_WELCOME);
  snapshot = plt_test_ws_client_read_snapshot (client, "initial");

  g_test_message ("large: %u parts, largest frame %" G_GSIZE_FORMAT " bytes",
                  snapshot->parts->len, client->max_frame);
  g_assert_cmpuint (client->max_frame, <, PLT_PROTOCOL_MAX_MESSAGE);
  g_assert_cmpuint (snapshot->parts->len, >, 10);
  g_assert_cmpint (snapshot->begin->u.snapshot_begin.count_agents, >=, 5000);
  g_assert_cmpint (snapshot->begin->u.snapshot_begin.count_calls, >, 500);
  g_assert_cmpint (snapshot->begin->u.snapshot_begin.as_of_seq, ==, plt_router_get_seq (router));

  teams = plt_router_dup_teams (router);
  agents = plt_router_dup_agents (router);
  queues = plt_router_dup_queues (router);
  calls = plt_router_dup_calls (router);
  assert_same_entities (snapshot->lists[PLT_ACD_ENTITY_TEAM], teams, PLT_ACD_ENTITY_TEAM);
  assert_same_entities (snapshot->lists[PLT_ACD_ENTITY_AGENT], agents, PLT_ACD_ENTITY_AGENT);
  assert_same_entities (snapshot->lists[PLT_ACD_ENTITY_QUEUE], queues, PLT_ACD_ENTITY_QUEUE);
  assert_same_entities (snapshot->lists[PLT_ACD_ENTITY_CALL], calls, PLT_ACD_ENTITY_CALL);

  g_assert_cmpuint (client->n_undecodable, ==, 0);

  g_clear_pointer (&client, plt_test_ws_client_free);
  plt_router_stop (router);
}

/* /Plateau/Router/deltas */

typedef struct
{
  PltTestWsClient *client;
  guint   wanted;
  guint   n;
} DeltaWait;

static gboolean
enough_deltas (gpointer data)
{
  DeltaWait *wait = data;
  guint n = 0;

  for (GList *l = wait->client->messages.head; l != NULL; l = l->next)
    if (plt_message_type_is_delta (((PltMessage *) l->data)->type))
      n++;
  wait->n = n;

  return n >= wait->wanted || wait->client->closed;
}

static const char *
delta_id (const PltMessage *message)
{
  switch (message->type)
    {
    case PLT_MESSAGE_TEAM_UPDATE: return message->u.team->id;
    case PLT_MESSAGE_AGENT_UPDATE: return message->u.agent->id;
    case PLT_MESSAGE_QUEUE_UPDATE: return message->u.queue->id;
    case PLT_MESSAGE_CALL_UPDATE: return message->u.call->id;
    case PLT_MESSAGE_TEAM_REMOVE:
    case PLT_MESSAGE_AGENT_REMOVE:
    case PLT_MESSAGE_QUEUE_REMOVE:
    case PLT_MESSAGE_CALL_REMOVE:
      return message->u.remove.id;
    default:
      g_assert_not_reached ();
    }
}

static gint64
delta_ver (const PltMessage *message)
{
  switch (message->type)
    {
    case PLT_MESSAGE_TEAM_UPDATE: return message->u.team->ver;
    case PLT_MESSAGE_AGENT_UPDATE: return message->u.agent->ver;
    case PLT_MESSAGE_QUEUE_UPDATE: return message->u.queue->ver;
    case PLT_MESSAGE_CALL_UPDATE: return message->u.call->ver;
    default: return message->u.remove.ver;
    }
}

static void
test_deltas (void)
{
  const double speed = 200;
  g_autofree char *uri = NULL;
  g_autoptr(PltRouter) router = start_router ("demo", speed, 3, 0, &uri);
  g_autoptr(PltTestWsClient) client = plt_test_ws_client_join (uri, router);
  g_autoptr(GHashTable) versions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) queue_ts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) ended = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  DeltaWait wait = { client, 400, 0 };
  gint64 last_seq = -1;
  guint n_queue = 0, n_removes = 0;

  g_assert_true (plt_test_ws_iterate_until (enough_deltas, &wait, TIMEOUT_MS * 2));
  g_assert_false (client->closed);

  /* The snapshot was read: the stream goes on from its as_of_seq. */
  while (!g_queue_is_empty (&client->messages))
    {
      g_autoptr(PltMessage) message = g_queue_pop_head (&client->messages);
      const char *id;
      gint64 previous;

      g_assert_cmpstr (message->epoch, ==, plt_router_get_epoch (router));
      g_assert_true (message->has_seq);

      if (message->type == PLT_MESSAGE_HEARTBEAT)
        {
          g_assert_cmpint (message->seq, ==, last_seq);
          continue;
        }
      g_assert_true (plt_message_type_is_delta (message->type));
      g_assert_cmpint (message->ts, >, 0);

      if (last_seq >= 0)
        g_assert_cmpint (message->seq, ==, last_seq + 1);
      last_seq = message->seq;

      id = delta_id (message);

      /* Versions grow per entity. */
      {
        g_autofree char *entity = g_strdup_printf ("%d/%s",
                                                   message->type == PLT_MESSAGE_CALL_REMOVE ? PLT_MESSAGE_CALL_UPDATE : message->type,
                                                   id);

        previous = GPOINTER_TO_SIZE (g_hash_table_lookup (versions, entity));
        g_assert_cmpint (delta_ver (message), >, previous);
        g_hash_table_replace (versions, g_steal_pointer (&entity), GSIZE_TO_POINTER (delta_ver (message)));
      }

      switch (message->type)
        {
        case PLT_MESSAGE_QUEUE_UPDATE:
          {
            gint64 ts_before = GPOINTER_TO_SIZE (g_hash_table_lookup (queue_ts, id));

            /* At most one per queue per 250 ms (ts runs at `speed`). */
            if (ts_before != 0)
              g_assert_cmpint (message->ts - ts_before, >=, (gint64) (250 * speed) - 2);
            g_hash_table_replace (queue_ts, g_strdup (id), GSIZE_TO_POINTER (message->ts));
            n_queue++;
          }
          break;

        case PLT_MESSAGE_CALL_UPDATE:
          if (message->u.call->state == PLT_CALL_STATE_ENDED)
            g_hash_table_replace (ended, g_strdup (id), GSIZE_TO_POINTER (message->seq));
          else
            g_assert_false (g_hash_table_contains (ended, id));
          break;

        case PLT_MESSAGE_CALL_REMOVE:
          /* Sent right after the call's update with state ended. */
          g_assert_true (g_hash_table_contains (ended, id));
          g_assert_cmpint (GPOINTER_TO_SIZE (g_hash_table_lookup (ended, id)), ==, message->seq - 1);
          n_removes++;
          break;

        case PLT_MESSAGE_AGENT_UPDATE:
          g_assert_cmpint (message->u.agent->status, !=, PLT_AGENT_STATUS_UNKNOWN);
          g_assert_cmpint (message->u.agent->activity, !=, PLT_AGENT_ACTIVITY_UNKNOWN);
          break;

        default:
          g_assert_not_reached ();
        }
    }

  g_test_message ("%u deltas up to seq %" G_GINT64_FORMAT ", %u queue updates, %u calls removed",
                  wait.n, last_seq, n_queue, n_removes);
  g_assert_cmpint (last_seq, <=, plt_router_get_seq (router));
  g_assert_cmpuint (n_queue, >, 0);
  g_assert_cmpuint (n_removes, >, 0);

  g_clear_pointer (&client, plt_test_ws_client_free);
  plt_router_stop (router);
}

/* /Plateau/Router/hostile */

static gboolean
state_is_open (PltTestWsClient *client)
{
  return soup_websocket_connection_get_state (client->conn) == SOUP_WEBSOCKET_STATE_OPEN;
}

static void
expect_error (PltTestWsClient           *client,
              PltRouter        *router,
              PltProtocolError  code,
              gboolean          fatal)
{
  g_autoptr(PltMessage) error = plt_test_ws_client_next_of_type (client, PLT_MESSAGE_ERROR);

  g_test_message ("error %s: %s", plt_protocol_error_code_to_string (error->u.error.code),
                  error->u.error.message);
  g_assert_cmpstr (plt_protocol_error_code_to_string (error->u.error.code), ==,
                   plt_protocol_error_code_to_string (code));
  g_assert_cmpint (error->u.error.fatal, ==, fatal);
  g_assert_true (error->has_seq);
  g_assert_cmpint (error->seq, ==, plt_router_get_seq (router));
  g_assert_cmpstr (error->epoch, ==, plt_router_get_epoch (router));
  g_assert_cmpuint (strlen (error->u.error.message), >, 0);
}

/* A message in two frames (text, then continuation), written on the socket
 * under libsoup, masked as a client must. libsoup 3.2 has no limit on the
 * reassembled size, so this is how a message over 64 KiB reaches the
 * router's decoder. */
static void
send_fragmented (PltTestWsClient *client,
                 gsize   size)
{
  GOutputStream *out = g_io_stream_get_output_stream (soup_websocket_connection_get_io_stream (client->conn));
  const guint8 mask[4] = { 0x12, 0x34, 0x56, 0x78 };
  gsize half = size / 2;
  g_autoptr(GError) error = NULL;

  for (guint f = 0; f < 2; f++)
    {
      gsize length = f == 0 ? half : size - half;
      g_autofree guint8 *frame = g_malloc (length + 8);
      gsize n = 0;

      g_assert_cmpuint (length, <, 65536);
      frame[n++] = f == 0 ? 0x01 : 0x80;   /* text without FIN; continuation with FIN */
      frame[n++] = 0x80 | 126;
      frame[n++] = (length >> 8) & 0xff;
      frame[n++] = length & 0xff;
      memcpy (frame + n, mask, 4);
      n += 4;
      for (gsize i = 0; i < length; i++)
        frame[n + i] = 'a' ^ mask[i % 4];

      g_output_stream_write_all (out, frame, n + length, NULL, NULL, &error);
      g_assert_no_error (error);
    }
}

static void
client_resync_and_check (PltTestWsClient    *client,
                         PltRouter *router)
{
  g_autofree char *resync = plt_protocol_encode_resync (plt_router_get_seq (router));
  g_autoptr(PltTestWsSnapshot) snapshot = NULL;

  plt_test_ws_client_send (client, resync);
  snapshot = plt_test_ws_client_read_snapshot (client, "resync");
  g_assert_true (state_is_open (client));
}

static const char nul_text[] = "{\"v\":1,\0\"type\":\"ack\"}";

static void
test_hostile (void)
{
  g_autofree char *uri = NULL;
  g_autoptr(PltRouter) router = start_router ("demo", 1, 9, 0, &uri);
  g_autoptr(PltTestWsClient) client = NULL;
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GString) nested = g_string_new ("{\"v\":1,\"type\":\"ack\",\"data\":");
  g_autoptr(GString) long_string = g_string_new ("{\"v\":1,\"type\":\"hello\",\"data\":{\"client\":\"");
  g_autofree char *hello = plt_protocol_encode_hello ("again");
  struct {
    const char       *what;
    const char       *text;
    gssize            length;
    PltProtocolError  code;
  } cases[] = {
    { "invalid JSON", "{\"v\":1,\"type\":", -1, PLT_PROTOCOL_ERROR_BAD_REQUEST },
    { "not an object", "[1,2,3]", -1, PLT_PROTOCOL_ERROR_BAD_REQUEST },
    { "empty", "", 0, PLT_PROTOCOL_ERROR_BAD_REQUEST },
    { "a NUL byte", nul_text, sizeof nul_text - 1, PLT_PROTOCOL_ERROR_BAD_REQUEST },
    { "40 000 [", NULL, -1, PLT_PROTOCOL_ERROR_TOO_LARGE },
    { "depth 40", NULL, -1, PLT_PROTOCOL_ERROR_TOO_LARGE },
    { "a 5 000-byte string", NULL, -1, PLT_PROTOCOL_ERROR_TOO_LARGE },
    { "seq as a string", "{\"v\":1,\"type\":\"ack\",\"data\":{\"seq\":\"12\"}}", -1, PLT_PROTOCOL_ERROR_BAD_REQUEST },
    { "seq as a float", "{\"v\":1,\"type\":\"ack\",\"data\":{\"seq\":1.5}}", -1, PLT_PROTOCOL_ERROR_BAD_REQUEST },
    { "negative seq", "{\"v\":1,\"type\":\"ack\",\"data\":{\"seq\":-1}}", -1, PLT_PROTOCOL_ERROR_BAD_REQUEST },
    { "no data", "{\"v\":1,\"type\":\"ack\"}", -1, PLT_PROTOCOL_ERROR_BAD_REQUEST },
    { "no type", "{\"v\":1,\"data\":{}}", -1, PLT_PROTOCOL_ERROR_BAD_REQUEST },
    { "v as a string", "{\"v\":\"1\",\"type\":\"ack\",\"data\":{\"seq\":1}}", -1, PLT_PROTOCOL_ERROR_BAD_REQUEST },
    { "version 2", "{\"v\":2,\"type\":\"ack\",\"data\":{\"seq\":1}}", -1, PLT_PROTOCOL_ERROR_UNSUPPORTED_VERSION },
    { "unknown type", "{\"v\":1,\"type\":\"agent.takeover\",\"data\":{}}", -1, PLT_PROTOCOL_ERROR_UNKNOWN_TYPE },
    { "a server message", "{\"v\":1,\"type\":\"sys.hb\"}", -1, PLT_PROTOCOL_ERROR_UNKNOWN_TYPE },
    { "ack ahead of the stream", "{\"v\":1,\"type\":\"ack\",\"data\":{\"seq\":999999999}}", -1, PLT_PROTOCOL_ERROR_BAD_REQUEST },
    { "hello twice", NULL, -1, PLT_PROTOCOL_ERROR_PROTOCOL },
  };

  /* Still, so that the stream does not move while errors are compared. */
  plt_router_set_paused (router, TRUE);
  client = plt_test_ws_client_join (uri, router);

  for (guint i = 0; i < 40000; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 40; i++)
    g_string_append (nested, "{\"a\":");
  g_string_append (nested, "1");
  for (guint i = 0; i < 40; i++)
    g_string_append_c (nested, '}');
  g_string_append_c (nested, '}');
  for (guint i = 0; i < 5000; i++)
    g_string_append_c (long_string, 'x');
  g_string_append (long_string, "\"}}");

  cases[4].text = deep->str;
  cases[5].text = nested->str;
  cases[6].text = long_string->str;
  cases[G_N_ELEMENTS (cases) - 1].text = hello;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gsize length = cases[i].length >= 0 ? (gsize) cases[i].length : strlen (cases[i].text);

      g_autoptr(GBytes) bytes = g_bytes_new_static (cases[i].text, length);

      g_test_message ("hostile frame: %s", cases[i].what);
      soup_websocket_connection_send_message (client->conn, SOUP_WEBSOCKET_DATA_TEXT, bytes);
      expect_error (client, router, cases[i].code, FALSE);
      g_assert_true (state_is_open (client));

      /* A good message in between: the errors are not in a row. */
      if (i % 8 == 7)
        client_resync_and_check (client, router);
    }

  g_test_message ("hostile frame: binary");
  soup_websocket_connection_send_binary (client->conn, "{}", 2);
  expect_error (client, router, PLT_PROTOCOL_ERROR_PROTOCOL, FALSE);
  g_assert_true (state_is_open (client));

  g_test_message ("hostile frame: 80 000 bytes in two fragments");
  send_fragmented (client, 80000);
  expect_error (client, router, PLT_PROTOCOL_ERROR_TOO_LARGE, FALSE);
  g_assert_true (state_is_open (client));

  /* Still usable. */
  client_resync_and_check (client, router);

  /* 19 errors in a row are tolerated… */
  for (guint i = 0; i < 19; i++)
    {
      plt_test_ws_client_send (client, "{oops");
      expect_error (client, router, PLT_PROTOCOL_ERROR_BAD_REQUEST, FALSE);
    }
  g_assert_true (state_is_open (client));

  /* …a good message resets the count… */
  client_resync_and_check (client, router);
  for (guint i = 0; i < 19; i++)
    {
      plt_test_ws_client_send (client, "{oops");
      expect_error (client, router, PLT_PROTOCOL_ERROR_BAD_REQUEST, FALSE);
    }
  g_assert_true (state_is_open (client));

  /* …and the 20th in a row is fatal: 1008. */
  plt_test_ws_client_send (client, "{oops");
  expect_error (client, router, PLT_PROTOCOL_ERROR_BAD_REQUEST, TRUE);
  g_assert_true (plt_test_ws_iterate_until (plt_test_ws_client_closed, client, TIMEOUT_MS));
  g_assert_cmpuint (client->close_code, ==, SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION);
  g_assert_true (plt_test_ws_iterate_until (plt_test_ws_no_clients, router, TIMEOUT_MS));

  g_clear_pointer (&client, plt_test_ws_client_free);
  plt_router_stop (router);
}

/* /Plateau/Router/oversized-frame */

static void
test_oversized_frame (void)
{
  g_autofree char *uri = NULL;
  g_autoptr(PltRouter) router = start_router ("demo", 1, 9, 0, &uri);
  g_autoptr(PltTestWsClient) client = plt_test_ws_client_join (uri, router);
  char *big = g_malloc (PLT_PROTOCOL_MAX_CLIENT_MESSAGE + 1);
  g_autoptr(GBytes) bytes = NULL;

  /* One frame over max-incoming-payload-size: libsoup drops the link. */
  memset (big, ' ', PLT_PROTOCOL_MAX_CLIENT_MESSAGE + 1);
  bytes = g_bytes_new_take (big, PLT_PROTOCOL_MAX_CLIENT_MESSAGE + 1);
  soup_websocket_connection_send_message (client->conn, SOUP_WEBSOCKET_DATA_TEXT, bytes);
  g_assert_true (plt_test_ws_iterate_until (plt_test_ws_client_closed, client, TIMEOUT_MS));
  /* libsoup 3.2 drops it without a close frame: no code (0). */
  g_assert_true (client->close_code == 0 ||
                 client->close_code == SOUP_WEBSOCKET_CLOSE_TOO_BIG ||
                 client->close_code == SOUP_WEBSOCKET_CLOSE_ABNORMAL);
  g_assert_true (plt_test_ws_iterate_until (plt_test_ws_no_clients, router, TIMEOUT_MS));

  g_clear_pointer (&client, plt_test_ws_client_free);
  plt_router_stop (router);
}

/* /Plateau/Router/hello/timeout */

static void
test_hello_timeout (void)
{
  g_autofree char *uri = NULL;
  g_autoptr(PltRouter) router = start_router ("demo", 1, 9, 0, &uri);
  g_autoptr(PltTestWsClient) silent = NULL;
  g_autoptr(PltTestWsClient) polite = NULL;

  plt_router_set_hello_timeout (router, 500);
  silent = plt_test_ws_client_connect (uri);
  polite = plt_test_ws_client_join (uri, router);

  g_assert_true (plt_test_ws_iterate_until (plt_test_ws_client_closed, silent, TIMEOUT_MS));
  g_assert_cmpuint (silent->close_code, ==, SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION);
  g_assert_true (g_queue_is_empty (&silent->messages));

  /* The one that said hello in time stays. */
  g_assert_true (state_is_open (polite));
  g_assert_false (polite->closed);

  g_clear_pointer (&silent, plt_test_ws_client_free);
  g_clear_pointer (&polite, plt_test_ws_client_free);
  plt_router_stop (router);
}

/* /Plateau/Router/hello/first */

static void
test_before_hello (void)
{
  g_autofree char *uri = NULL;
  g_autoptr(PltRouter) router = start_router ("demo", 1, 9, 0, &uri);
  g_autoptr(PltTestWsClient) client = plt_test_ws_client_connect (uri);
  g_autofree char *ack = plt_protocol_encode_ack (0);
  g_autofree char *resync = plt_protocol_encode_resync (0);
  g_autoptr(PltMessage) welcome = NULL;
  g_autoptr(PltTestWsSnapshot) snapshot = NULL;

  plt_router_set_paused (router, TRUE);

  plt_test_ws_client_send (client, ack);
  expect_error (client, router, PLT_PROTOCOL_ERROR_PROTOCOL, FALSE);
  plt_test_ws_client_send (client, resync);
  expect_error (client, router, PLT_PROTOCOL_ERROR_PROTOCOL, FALSE);
  g_assert_true (state_is_open (client));

  plt_test_ws_client_hello (client);
  welcome = plt_test_ws_client_next (client);
  g_assert_cmpint (welcome->type, ==, PLT_MESSAGE_WELCOME);
  snapshot = plt_test_ws_client_read_snapshot (client, "initial");

  g_clear_pointer (&client, plt_test_ws_client_free);
  plt_router_stop (router);
}

/* /Plateau/Router/resync */

static void
test_resync (void)
{
  g_autofree char *uri = NULL;
  g_autoptr(PltRouter) router = start_router ("demo", 200, 4, 0, &uri);
  g_autoptr(PltTestWsClient) client = plt_test_ws_client_join (uri, router);
  g_autoptr(PltTestWsSnapshot) snapshot = NULL;
  g_autofree char *resync = NULL;
  DeltaWait wait = { client, 20, 0 };
  gint64 last_seq = -1, as_of;

  g_assert_true (plt_test_ws_iterate_until (enough_deltas, &wait, TIMEOUT_MS));

  resync = plt_protocol_encode_resync (5);
  plt_test_ws_client_send (client, resync);

  /* Deltas before the new snapshot: contiguous, up to its as_of_seq. */
  for (;;)
    {
      g_autoptr(PltMessage) message = plt_test_ws_client_next (client);

      if (message->type == PLT_MESSAGE_SNAPSHOT_BEGIN)
        {
          g_queue_push_head (&client->messages, g_steal_pointer (&message));
          break;
        }
      if (message->type == PLT_MESSAGE_HEARTBEAT)
        continue;
      g_assert_true (plt_message_type_is_delta (message->type));
      if (last_seq >= 0)
        g_assert_cmpint (message->seq, ==, last_seq + 1);
      last_seq = message->seq;
    }

  snapshot = plt_test_ws_client_read_snapshot (client, "resync");
  as_of = snapshot->begin->u.snapshot_begin.as_of_seq;
  g_assert_cmpint (as_of, ==, last_seq);

  /* After it, the stream goes on at as_of_seq + 1. */
  {
    g_autoptr(PltMessage) next = plt_test_ws_client_next_of_type (client, PLT_MESSAGE_AGENT_UPDATE);

    g_assert_cmpint (next->seq, >, as_of);
  }

  g_clear_pointer (&client, plt_test_ws_client_free);
  plt_router_stop (router);
}

/* /Plateau/Router/heartbeat */

static void
test_heartbeat (void)
{
  g_autofree char *uri = NULL;
  g_autoptr(PltRouter) router = start_router ("demo", 1, 9, 150, &uri);
  g_autoptr(PltTestWsClient) client = NULL;

  plt_router_set_paused (router, TRUE);
  client = plt_test_ws_client_join (uri, router);

  for (guint i = 0; i < 3; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(PltMessage) hb = plt_test_ws_client_next (client);

      /* Paused: nothing but heartbeats. */
      g_assert_cmpint (hb->type, ==, PLT_MESSAGE_HEARTBEAT);
      g_assert_cmpint (hb->seq, ==, plt_router_get_seq (router));
      g_assert_cmpstr (hb->epoch, ==, plt_router_get_epoch (router));
      if (i > 0)
        g_assert_cmpint (g_get_monotonic_time () - start, >=, 100 * G_TIME_SPAN_MILLISECOND);
    }

  g_clear_pointer (&client, plt_test_ws_client_free);
  plt_router_stop (router);
}

/* /Plateau/Router/stop */

static void
test_stop (void)
{
  g_autofree char *uri = NULL;
  g_autoptr(PltRouter) router = start_router ("demo", 5, 9, 0, &uri);
  g_autoptr(PltTestWsClient) a = plt_test_ws_client_join (uri, router);
  g_autoptr(PltTestWsClient) b = plt_test_ws_client_connect (uri);

  g_assert_cmpuint (plt_router_get_n_clients (router), ==, 2);
  plt_router_stop (router);

  g_assert_true (plt_test_ws_iterate_until (plt_test_ws_client_closed, a, TIMEOUT_MS));
  g_assert_true (plt_test_ws_iterate_until (plt_test_ws_client_closed, b, TIMEOUT_MS));
  g_assert_cmpuint (a->close_code, ==, SOUP_WEBSOCKET_CLOSE_GOING_AWAY);
  g_assert_cmpuint (b->close_code, ==, SOUP_WEBSOCKET_CLOSE_GOING_AWAY);
  g_assert_true (plt_router_wait_closed (router, TIMEOUT_MS));
  g_assert_cmpuint (plt_router_get_n_clients (router), ==, 0);

  /* Nobody listens any more. */
  {
    g_autoptr(PltTestWsClient) late = plt_test_ws_client_connect_with (uri, (const char *[]) { PLT_PROTOCOL_SUBPROTOCOL, NULL });

    g_assert_false (late->connected);
    g_assert_nonnull (late->connect_error);
  }
}

/* /Plateau/Router/paused */

static gboolean
never (gpointer data)
{
  return FALSE;
}

typedef struct
{
  PltRouter *router;
  gint64     seq;
} RouterMoved;

static gboolean
router_moved (gpointer data)
{
  RouterMoved *moved = data;

  return plt_router_get_seq (moved->router) >= moved->seq;
}

static void
test_paused (void)
{
  g_autofree char *uri = NULL;
  g_autoptr(PltRouter) router = start_router ("demo", 200, 2, 0, &uri);
  g_autoptr(PltTestWsClient) client = plt_test_ws_client_join (uri, router);
  DeltaWait wait = { client, 50, 0 };
  RouterMoved moved = { 0 };
  gint64 seq, now;

  g_assert_true (plt_test_ws_iterate_until (enough_deltas, &wait, TIMEOUT_MS));

  plt_router_set_paused (router, TRUE);
  seq = plt_router_get_seq (router);
  now = plt_router_get_now (router);

  /* 400 ms later (more than the queue conflation and several ticks),
   * nothing moved: a bounded wait for something that must not happen. */
  g_assert_false (plt_test_ws_iterate_until (never, NULL, 400));
  g_assert_cmpint (plt_router_get_seq (router), ==, seq);
  g_assert_cmpint (plt_router_get_now (router), ==, now);
  g_assert_cmpint (plt_acd_get_now (plt_router_get_acd (router)), ==, now);

  /* Resumed, it moves again. */
  plt_router_set_paused (router, FALSE);
  moved.router = router;
  moved.seq = seq + 10;
  g_assert_true (plt_test_ws_iterate_until (router_moved, &moved, TIMEOUT_MS));
  g_assert_cmpint (plt_router_get_now (router), >, now);

  g_clear_pointer (&client, plt_test_ws_client_free);
  plt_router_stop (router);
}

/* /Plateau/Router/thread */

static void
test_thread (void)
{
  PltRouterOptions options = { "demo", 5, 1, 0 };
  g_autoptr(GError) error = NULL;
  PltRouterThread *thread;
  g_autoptr(PltTestWsClient) client = NULL;
  g_autoptr(PltMessage) welcome = NULL;

  thread = plt_router_thread_start (&options, "127.0.0.1", 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (thread);
  g_assert_true (g_str_has_prefix (plt_router_thread_get_uri (thread), "ws://127.0.0.1:"));

  plt_test_ws_set_token (plt_router_thread_dup_demo_token (thread, &error));
  g_assert_no_error (error);
  client = plt_test_ws_client_connect (plt_router_thread_get_uri (thread));
  plt_test_ws_client_hello (client);
  welcome = plt_test_ws_client_next (client);
  g_assert_cmpint (welcome->type, ==, PLT_MESSAGE_WELCOME);

  /* Stop with the client still connected: it learns with 1001 or EOF. */
  plt_router_thread_stop (thread);
  g_assert_true (plt_test_ws_iterate_until (plt_test_ws_client_closed, client, TIMEOUT_MS));

  /* A failure is reported by start. */
  options.scenario = "/nonexistent/scenario.json";
  thread = plt_router_thread_start (&options, "127.0.0.1", 0, &error);
  g_assert_null (thread);
  g_assert_error (error, PLT_SCENARIO_ERROR, PLT_SCENARIO_ERROR_UNKNOWN);
}

/* /Plateau/Router/errors */

static void
test_errors (void)
{
  g_autofree char *uri = NULL;
  g_autoptr(PltRouter) router = start_router ("demo", 1, 1, 0, &uri);
  PltRouterOptions options = { "demo", 1, 1, 0 };
  g_autoptr(PltRouter) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);
  guint port = (guint) g_uri_get_port (parsed);
  PltRouterThread *thread;

  /* The port is taken. */
  second = plt_router_new (&options, &error);
  g_assert_no_error (error);
  g_assert_false (plt_router_listen (second, "127.0.0.1", port, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE);
  g_assert_true (g_str_has_prefix (error->message, "Cannot listen on 127.0.0.1:"));
  g_clear_error (&error);

  thread = plt_router_thread_start (&options, "127.0.0.1", port, &error);
  g_assert_null (thread);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE);
  g_clear_error (&error);

  /* Bad options. */
  options.speed = 0;
  g_assert_null (plt_router_new (&options, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  options.speed = 1;
  options.heartbeat_ms = 50;
  g_assert_null (plt_router_new (&options, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  options.heartbeat_ms = 0;
  options.scenario = "no-such-scenario";
  g_assert_null (plt_router_new (&options, &error));
  g_assert_error (error, PLT_SCENARIO_ERROR, PLT_SCENARIO_ERROR_UNKNOWN);
  g_clear_error (&error);

  plt_router_stop (router);
}

/* /Plateau/Router/acd/reproducible */

static void
on_record_changed (PltAcd     *acd,
                   guint       kind,
                   const char *id,
                   GPtrArray  *log)
{
  PltMessage message = { 0 };

  message.ts = plt_acd_get_now (acd);
  switch (kind)
    {
    case PLT_ACD_ENTITY_TEAM:
      message.type = PLT_MESSAGE_TEAM_UPDATE;
      message.u.team = plt_acd_dup_team (acd, id);
      break;
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
      g_assert_not_reached ();
    }

  g_ptr_array_add (log, plt_message_encode (&message));

  switch (kind)
    {
    case PLT_ACD_ENTITY_TEAM: plt_team_data_free (message.u.team); break;
    case PLT_ACD_ENTITY_AGENT: plt_agent_data_free (message.u.agent); break;
    case PLT_ACD_ENTITY_QUEUE: plt_queue_data_free (message.u.queue); break;
    case PLT_ACD_ENTITY_CALL: plt_call_data_free (message.u.call); break;
    default: g_assert_not_reached ();
    }
}

static void
on_record_removed (PltAcd     *acd,
                   guint       kind,
                   const char *id,
                   GPtrArray  *log)
{
  g_ptr_array_add (log, g_strdup_printf ("%" G_GINT64_FORMAT " remove %u %s", plt_acd_get_now (acd), kind, id));
}

static GPtrArray *
record_run (const char *scenario_name,
            guint64     seed,
            gint64      duration_ms,
            gboolean    irregular)
{
  g_autoptr(PltScenario) scenario = plt_scenario_load (scenario_name, NULL);
  g_autoptr(PltAcd) acd = plt_acd_new (scenario, seed, 1795000000000);
  GPtrArray *log = g_ptr_array_new_with_free_func (g_free);
  gint64 end = plt_acd_get_now (acd) + duration_ms;

  g_signal_connect (acd, "changed", G_CALLBACK (on_record_changed), log);
  g_signal_connect (acd, "removed", G_CALLBACK (on_record_removed), log);

  if (!irregular)
    plt_acd_advance (acd, duration_ms);
  else
    {
      /* Steps of 0 to 2 999 ms, as a jittery timer would make. */
      GRand *steps = g_rand_new_with_seed (seed + 1000);

      while (plt_acd_get_now (acd) < end)
        plt_acd_advance_to (acd, MIN (end, plt_acd_get_now (acd) + g_rand_int_range (steps, 0, 3000)));
      g_rand_free (steps);
    }

  g_assert_cmpint (plt_acd_get_now (acd), ==, end);
  g_signal_handlers_disconnect_by_data (acd, log);

  return log;
}

static void
test_acd_reproducible (void)
{
  const gint64 duration = 2 * 3600 * 1000;
  g_autoptr(GPtrArray) a = record_run ("demo", 42, duration, FALSE);
  g_autoptr(GPtrArray) b = record_run ("demo", 42, duration, TRUE);
  g_autoptr(GPtrArray) c = record_run ("demo", 43, duration, FALSE);
  gboolean differ = FALSE;

  g_test_message ("%u changes in 2 simulated hours", a->len);
  g_assert_cmpuint (a->len, >, 1000);

  /* Same seed, different steps: the same events. */
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    g_assert_cmpstr (g_ptr_array_index (a, i), ==, g_ptr_array_index (b, i));

  /* Another seed: other events. */
  for (guint i = 0; i < MIN (a->len, c->len) && !differ; i++)
    differ = g_strcmp0 (g_ptr_array_index (a, i), g_ptr_array_index (c, i)) != 0;
  g_assert_true (differ || a->len != c->len);

  /* Two ACDs of the same seed end in the same state. */
  {
    g_autoptr(PltScenario) scenario = plt_scenario_new_demo ();
    g_autoptr(PltAcd) x = plt_acd_new (scenario, 7, 1795000000000);
    g_autoptr(PltAcd) y = plt_acd_new (scenario, 7, 1795000000000);
    g_autoptr(GPtrArray) ax = NULL;
    g_autoptr(GPtrArray) ay = NULL;

    plt_acd_advance (x, 600000);
    for (guint i = 0; i < 600; i++)
      plt_acd_advance (y, 1000);

    ax = plt_acd_dup_agents (x);
    ay = plt_acd_dup_agents (y);
    assert_same_entities (ax, ay, PLT_ACD_ENTITY_AGENT);
    g_clear_pointer (&ax, g_ptr_array_unref);
    g_clear_pointer (&ay, g_ptr_array_unref);
    ax = plt_acd_dup_calls (x);
    ay = plt_acd_dup_calls (y);
    assert_same_entities (ax, ay, PLT_ACD_ENTITY_CALL);
  }
}

/* /Plateau/Router/acd/sanity */

static void
check_invariants (PltAcd *acd)
{
  g_autoptr(GPtrArray) agents = plt_acd_dup_agents (acd);
  g_autoptr(GPtrArray) queues = plt_acd_dup_queues (acd);
  g_autoptr(GPtrArray) calls = plt_acd_dup_calls (acd);
  g_autoptr(GHashTable) calls_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) agents_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  gint64 now = plt_acd_get_now (acd);

  for (guint i = 0; i < calls->len; i++)
    {
      PltCallData *call = g_ptr_array_index (calls, i);

      g_hash_table_insert (calls_by_id, call->id, call);
      /* Ended calls are removed in the same step. */
      g_assert_cmpint (call->state, !=, PLT_CALL_STATE_ENDED);
      g_assert_cmpint (call->state, !=, PLT_CALL_STATE_UNKNOWN);
      g_assert_cmpint (call->since, <=, now);
      g_assert_cmpint (call->enqueued, <=, call->since);
      g_assert_true ((call->state == PLT_CALL_STATE_QUEUED) == (call->agent == NULL));
    }

  for (guint i = 0; i < agents->len; i++)
    {
      PltAgentData *agent = g_ptr_array_index (agents, i);
      PltAgentState state = plt_agent_state_derive (agent->status, agent->activity);

      g_hash_table_insert (agents_by_id, agent->id, agent);

      /* Exactly one displayed state, consistent with the rest. */
      g_assert_cmpint (state, !=, PLT_AGENT_STATE_UNKNOWN);
      g_assert_cmpint (agent->since, <=, now);
      g_assert_true ((agent->status == PLT_AGENT_STATUS_PAUSED) == (agent->reason != NULL));
      if (agent->status == PLT_AGENT_STATUS_LOGGED_OUT)
        g_assert_cmpint (agent->activity, ==, PLT_AGENT_ACTIVITY_IDLE);

      switch (agent->activity)
        {
        case PLT_AGENT_ACTIVITY_RINGING:
        case PLT_AGENT_ACTIVITY_ON_CALL:
        case PLT_AGENT_ACTIVITY_ON_HOLD:
        case PLT_AGENT_ACTIVITY_WRAP_UP:
          {
            PltCallData *call;

            g_assert_nonnull (agent->call);
            call = g_hash_table_lookup (calls_by_id, agent->call);
            g_assert_nonnull (call);
            g_assert_cmpstr (call->agent, ==, agent->id);
            g_assert_cmpstr (call->queue, ==, agent->queue);
            g_assert_true (g_strv_contains ((const char * const *) agent->queues, call->queue));
          }
          break;
        default:
          g_assert_null (agent->call);
          g_assert_null (agent->queue);
          break;
        }
    }

  /* Every call's agent handles that call. */
  for (guint i = 0; i < calls->len; i++)
    {
      PltCallData *call = g_ptr_array_index (calls, i);

      if (call->agent != NULL)
        {
          PltAgentData *agent = g_hash_table_lookup (agents_by_id, call->agent);

          g_assert_nonnull (agent);
          g_assert_cmpstr (agent->call, ==, call->id);
        }
    }

  for (guint q = 0; q < queues->len; q++)
    {
      PltQueueData *queue = g_ptr_array_index (queues, q);
      PltQueueAgentCounts counts = { 0 };
      guint queued = 0, offering = 0, serving = 0;
      gint64 oldest = 0;

      for (guint i = 0; i < calls->len; i++)
        {
          PltCallData *call = g_ptr_array_index (calls, i);

          if (g_strcmp0 (call->queue, queue->id) != 0)
            continue;
          if (call->state == PLT_CALL_STATE_QUEUED)
            {
              queued++;
              if (oldest == 0 || call->enqueued < oldest)
                oldest = call->enqueued;
            }
          else if (call->state == PLT_CALL_STATE_RINGING)
            offering++;
        }

      for (guint i = 0; i < agents->len; i++)
        {
          PltAgentData *agent = g_ptr_array_index (agents, i);

          if (!g_strv_contains ((const char * const *) agent->queues, queue->id))
            continue;
          serving++;
          switch (plt_agent_state_derive (agent->status, agent->activity))
            {
            case PLT_AGENT_STATE_AVAILABLE: counts.available++; break;
            case PLT_AGENT_STATE_RINGING:
            case PLT_AGENT_STATE_ON_CALL:
            case PLT_AGENT_STATE_ON_HOLD:
            case PLT_AGENT_STATE_BUSY_OTHER: counts.busy++; break;
            case PLT_AGENT_STATE_WRAP_UP: counts.wrap_up++; break;
            case PLT_AGENT_STATE_PAUSED:
            case PLT_AGENT_STATE_MISSED: counts.paused++; break;
            case PLT_AGENT_STATE_LOGGED_OUT: counts.logged_out++; break;
            case PLT_AGENT_STATE_UNKNOWN:
            default: g_assert_not_reached ();
            }
        }

      /* Every offered contact is answered, abandoned, gone to another
       * queue (overflow) or to a callback, or still waiting (queued, or
       * ringing and not answered yet). */
      g_assert_cmpuint (queue->today.offered, ==,
                        queue->today.answered + queue->today.abandoned + queue->today.overflowed +
                        queue->today.callbacks + queued + offering);
      g_assert_cmpuint (queue->today.transferred, <=, queue->today.answered);
      g_assert_cmpuint (queue->today.answered_in_sl, <=, queue->today.answered);
      g_assert_cmpint (queue->today.wait_total_s, >=, 0);
      g_assert_cmpuint (queue->waiting, ==, queued);
      g_assert_cmpint (queue->oldest_since, ==, oldest);

      g_assert_cmpuint (queue->agents.available, ==, counts.available);
      g_assert_cmpuint (queue->agents.busy, ==, counts.busy);
      g_assert_cmpuint (queue->agents.wrap_up, ==, counts.wrap_up);
      g_assert_cmpuint (queue->agents.paused, ==, counts.paused);
      g_assert_cmpuint (queue->agents.logged_out, ==, counts.logged_out);
      g_assert_cmpuint (counts.available + counts.busy + counts.wrap_up + counts.paused + counts.logged_out,
                        ==, serving);
    }
}

static void
run_sanity (const char *name,
            guint64     seed,
            gint64      duration_ms,
            gint64      step_ms)
{
  g_autoptr(PltScenario) scenario = plt_scenario_load (name, NULL);
  g_autoptr(PltAcd) acd = plt_acd_new (scenario, seed, 1795000000000);
  g_autoptr(GPtrArray) queues = NULL;
  g_autoptr(GHashTable) states = g_hash_table_new (NULL, NULL);
  gboolean all_states = g_str_equal (name, "demo");
  guint offered = 0, answered = 0, abandoned = 0, in_sl = 0;

  check_invariants (acd);
  for (gint64 t = 0; t < duration_ms; t += step_ms)
    {
      g_autoptr(GPtrArray) agents = NULL;

      plt_acd_advance (acd, step_ms);
      check_invariants (acd);

      agents = plt_acd_dup_agents (acd);
      for (guint i = 0; i < agents->len; i++)
        {
          PltAgentData *agent = g_ptr_array_index (agents, i);

          g_hash_table_add (states, GUINT_TO_POINTER (plt_agent_state_derive (agent->status, agent->activity)));
        }
    }

  queues = plt_acd_dup_queues (acd);
  for (guint q = 0; q < queues->len; q++)
    {
      PltQueueData *queue = g_ptr_array_index (queues, q);

      g_test_message ("%s %s (%s): offered %u answered %u abandoned %u in SL %u",
                      name, queue->id, plt_queue_media_to_string (queue->media), queue->today.offered,
                      queue->today.answered, queue->today.abandoned, queue->today.answered_in_sl);
      g_assert_cmpuint (queue->today.offered, >, 0);
      g_assert_cmpuint (queue->today.answered, >, 0);
      if (queue->media != PLT_QUEUE_MEDIA_OUTBOUND)
        {
          offered += queue->today.offered;
          answered += queue->today.answered;
          abandoned += queue->today.abandoned;
          in_sl += queue->today.answered_in_sl;
        }
    }

  /* Lively but not absurd. */
  g_assert_cmpfloat ((double) abandoned / offered, <, 0.25);
  g_assert_cmpfloat ((double) in_sl / answered, >, 0.5);
  g_test_message ("%s: %u states seen", name, g_hash_table_size (states));
  /* Over hours, every displayed state shows up. */
  if (all_states)
    g_assert_cmpuint (g_hash_table_size (states), ==, PLT_AGENT_STATE_PAUSED);
}

static void
test_acd_sanity (void)
{
  run_sanity ("demo", 11, 12 * 3600 * 1000, 60 * 1000);
}

static void
test_acd_sanity_large (void)
{
  run_sanity ("large", 12, 20 * 60 * 1000, 5 * 60 * 1000);
}

/* /Plateau/Router/scenario/… */

static void
test_scenario_builtin (void)
{
  g_autoptr(PltScenario) demo = plt_scenario_load ("demo", NULL);
  g_autoptr(PltScenario) large = plt_scenario_load ("large", NULL);
  guint outbound = 0;

  g_assert_cmpuint (demo->teams->len, ==, 3);
  g_assert_cmpuint (demo->agents->len, ==, 36);
  g_assert_cmpuint (demo->queues->len, ==, 5);
  for (guint i = 0; i < demo->queues->len; i++)
    if (((PltScenarioQueue *) g_ptr_array_index (demo->queues, i))->media == PLT_QUEUE_MEDIA_OUTBOUND)
      outbound++;
  g_assert_cmpuint (outbound, ==, 1);
  g_assert_cmpstr (((PltScenarioAgent *) g_ptr_array_index (demo->agents, 0))->name, ==, "Camille Martin");
  g_assert_cmpint (plt_scenario_find_queue (demo, "q-fidelite"), ==, 4);

  g_assert_cmpuint (large->agents->len, ==, PLT_SCENARIO_LARGE_AGENTS);
  g_assert_cmpuint (large->agents->len, >=, 5000);
}

/* The full example of docs/scenarios.md loads, and is what it says. */
static void
test_scenario_docs (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "docs", "scenarios.md", NULL);
  g_autofree char *doc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PltScenario) scenario = NULL;
  const char *start, *end;
  g_autofree char *json = NULL;
  gboolean email = FALSE, callback = FALSE, outbound = FALSE;

  g_file_get_contents (path, &doc, NULL, &error);
  g_assert_no_error (error);

  start = strstr (doc, "```json\n");
  g_assert_nonnull (start);
  start += strlen ("```json\n");
  end = strstr (start, "```");
  g_assert_nonnull (end);
  json = g_strndup (start, end - start);

  scenario = plt_scenario_load_data (json, -1, "docs/scenarios.md", &error);
  g_assert_no_error (error);
  g_assert_nonnull (scenario);

  for (guint i = 0; i < scenario->queues->len; i++)
    {
      PltScenarioQueue *queue = g_ptr_array_index (scenario->queues, i);

      email |= queue->media == PLT_QUEUE_MEDIA_EMAIL;
      callback |= queue->media == PLT_QUEUE_MEDIA_CALLBACK;
      outbound |= queue->media == PLT_QUEUE_MEDIA_OUTBOUND;
    }
  g_assert_true (email && callback && outbound);

  /* …and it runs. */
  {
    g_autoptr(PltAcd) acd = plt_acd_new (scenario, 3, 1795000000000);

    for (guint i = 0; i < 60; i++)
      {
        plt_acd_advance (acd, 60 * 1000);
        check_invariants (acd);
      }
  }
}

static void
test_scenario_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(PltScenario) scenario = NULL;
  int fd;

  fd = g_file_open_tmp ("plateau-scenario-XXXXXX.json", &path, &error);
  g_assert_no_error (error);
  close (fd);

  g_file_set_contents (path, plt_scenario_get_demo_json (), -1, &error);
  g_assert_no_error (error);
  scenario = plt_scenario_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (scenario->agents->len, ==, 36);
  g_clear_pointer (&scenario, plt_scenario_unref);

  g_file_set_contents (path, "{\"queues\": 3}", -1, &error);
  g_assert_no_error (error);
  scenario = plt_scenario_load (path, &error);
  g_assert_null (scenario);
  g_assert_error (error, PLT_SCENARIO_ERROR, PLT_SCENARIO_ERROR_INVALID);
  /* Named after the file, then the field. */
  g_assert_nonnull (strstr (error->message, "plateau-scenario-"));
  g_assert_nonnull (strstr (error->message, "queues: must be an array"));

  g_unlink (path);
}

static void
test_scenario_bad (void)
{
  static const char queue[] =
    "{\"id\":\"q\",\"name\":\"Q\",\"media\":\"inbound\",\"calls_per_hour\":10,"
    "\"sl_threshold_s\":20,\"sl_target\":0.8,\"talk_s\":{\"mean\":100}}";
  static const char team[] = "{\"id\":\"t\",\"name\":\"T\",\"generate\":[{\"count\":2,\"queues\":[\"q\"]}]}";
  struct {
    const char *text;
    const char *message;   /* what the error must contain */
  } cases[] = {
    { "", "empty" },
    { "  \n", "empty" },
    { "{\"queues\": [", "not valid JSON" },
    { "[]", "one JSON object" },
    { "{}", "queues: missing" },
    { "{\"queues\": [], \"teams\": []}", "queues: at least one queue" },
    { "{\"queues\": [%Q], \"teams\": []}", "teams: at least one team" },
    { "{\"queues\": [%Q], \"teams\": [%T], \"colour\": 1}", "unknown field “colour”" },
    { "{\"queues\": [{\"id\":\"q\",\"name\":\"Q\",\"media\":\"fax\",\"sl_threshold_s\":20,\"sl_target\":0.8,\"talk_s\":{\"mean\":1}}], \"teams\": [%T]}",
      "queues[0].media: must be inbound, outbound, callback or email" },
    { "{\"queues\": [{\"id\":\"q\",\"name\":\"Q\",\"media\":\"inbound\",\"calls_per_hour\":10,\"sl_threshold_s\":20,\"sl_target\":1.5,\"talk_s\":{\"mean\":1}}], \"teams\": [%T]}",
      "queues[0].sl_target: must be a number from 0 to 1" },
    { "{\"queues\": [{\"id\":\"q\",\"name\":\"Q\",\"media\":\"inbound\",\"calls_per_hour\":-3,\"sl_threshold_s\":20,\"sl_target\":0.5,\"talk_s\":{\"mean\":1}}], \"teams\": [%T]}",
      "queues[0].calls_per_hour: must be a number from 0" },
    { "{\"queues\": [{\"id\":\"q\",\"name\":\"Q\",\"media\":\"inbound\",\"sl_threshold_s\":20,\"sl_target\":0.5,\"talk_s\":{\"mean\":1}}], \"teams\": [%T]}",
      "queues[0].calls_per_hour: missing" },
    { "{\"queues\": [{\"id\":\"q\",\"name\":\"Q\",\"media\":\"inbound\",\"calls_per_hour\":1,\"sl_threshold_s\":2.5,\"sl_target\":0.5,\"talk_s\":{\"mean\":1}}], \"teams\": [%T]}",
      "queues[0].sl_threshold_s: must be a whole number" },
    { "{\"queues\": [%Q, %Q], \"teams\": [%T]}", "queues[1]: the queue id “q” is used twice" },
    { "{\"queues\": [%Q], \"teams\": [{\"id\":\"t\",\"name\":\"T\",\"generate\":[{\"count\":2,\"queues\":[\"nope\"]}]}]}",
      "teams[0].generate[0].queues[0]: no queue has the id “nope”" },
    { "{\"queues\": [%Q], \"teams\": [{\"id\":\"t\",\"name\":\"T\",\"agents\":[{\"id\":\"a\",\"name\":\"A\",\"queues\":[\"q\"]},{\"id\":\"a\",\"name\":\"B\",\"queues\":[\"q\"]}]}]}",
      "teams[0].agents[1]: the agent id “a” is used twice" },
    { "{\"queues\": [%Q], \"teams\": [{\"id\":\"t\",\"name\":\"T\"}]}", "teams[0]: a team needs" },
    { "{\"queues\": [%Q], \"teams\": [{\"id\":\"t\",\"name\":\"T\",\"agents\":[{\"id\":\"a\",\"name\":\"\",\"queues\":[\"q\"]}]}]}",
      "teams[0].agents[0].name: must not be empty" },
    { "{\"queues\": [%Q], \"teams\": [%T], \"agent_behaviour\": {\"answer_s\": [9, 2]}}", "agent_behaviour.answer_s: the minimum" },
    { "{\"queues\": [%Q], \"teams\": [%T], \"agent_behaviour\": {\"logout\": {\"per_hour\": 1}}}", "agent_behaviour.logout.mean_minutes: missing" },
    { "{\"queues\": [%Q], \"teams\": [%T], \"pauses\": [{\"reason\":\"break\",\"per_hour\":1,\"mean_minutes\":5},{\"reason\":\"break\",\"per_hour\":1,\"mean_minutes\":5}]}",
      "pauses[1]: the reason “break” is listed twice" },
    { "{\"queues\": [{\"id\":\"o\",\"name\":\"O\",\"media\":\"outbound\",\"calls_per_hour\":5,\"sl_threshold_s\":20,\"sl_target\":0.5,\"talk_s\":{\"mean\":1}}], \"teams\": [%T]}",
      "queues[0].calls_per_hour: an outbound queue has no arrivals" },
    { "{\"queues\": [%Q], \"teams\": [%T], \"name\": 12}", "name: must be a string" },
    { "{\"queues\": [%Q], \"teams\": [{\"id\":\"t-0123456789012345678901234567890123456789012345678901234567\",\"name\":\"T\",\"generate\":[{\"count\":1,\"queues\":[]}]}]}",
      "teams[0].id: is too long to name generated agents" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) text = g_string_new (cases[i].text);
      g_autoptr(GError) error = NULL;
      g_autoptr(PltScenario) scenario = NULL;

      g_string_replace (text, "%Q", queue, 0);
      g_string_replace (text, "%T", team, 0);

      scenario = plt_scenario_load_data (text->str, -1, "bad.json", &error);
      g_assert_null (scenario);
      g_assert_error (error, PLT_SCENARIO_ERROR, PLT_SCENARIO_ERROR_INVALID);
      g_test_message ("%s", error->message);
      if (strstr (error->message, cases[i].message) == NULL || !g_str_has_prefix (error->message, "bad.json: "))
        g_error ("case %u: “%s” does not name “%s”", i, error->message, cases[i].message);
    }

  /* Nesting is refused before json-glib sees it. */
  {
    g_autoptr(GString) deep = g_string_new (NULL);
    g_autoptr(GError) error = NULL;

    for (guint i = 0; i < 200000; i++)
      g_string_append_c (deep, '[');
    g_assert_null (plt_scenario_load_data (deep->str, -1, "deep.json", &error));
    g_assert_error (error, PLT_SCENARIO_ERROR, PLT_SCENARIO_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "nested deeper"));
  }

  /* The minimal valid file. */
  {
    g_autoptr(GString) text = g_string_new ("{\"queues\": [%Q], \"teams\": [%T]}");
    g_autoptr(GError) error = NULL;
    g_autoptr(PltScenario) scenario = NULL;

    g_string_replace (text, "%Q", queue, 0);
    g_string_replace (text, "%T", team, 0);
    scenario = plt_scenario_load_data (text->str, -1, "ok.json", &error);
    g_assert_no_error (error);
    g_assert_cmpuint (scenario->agents->len, ==, 2);
    g_assert_cmpstr (((PltScenarioAgent *) g_ptr_array_index (scenario->agents, 1))->id, ==, "t-002");
  }
}

/* Scenarios at the edges of the format run too. */
static void
test_scenario_minimal (void)
{
  const char *texts[] = {
    /* No pauses at all, default behaviour. */
    "{\"queues\": [{\"id\":\"q\",\"name\":\"Q\",\"media\":\"inbound\",\"calls_per_hour\":30,"
    "\"sl_threshold_s\":20,\"sl_target\":0.8,\"talk_s\":{\"mean\":100}}],"
    " \"teams\": [{\"id\":\"t\",\"name\":\"T\",\"generate\":[{\"count\":3,\"queues\":[\"q\"]}]}]}",
    /* Pauses that are never taken, no logouts, no internal calls, every
     * agent paused at the start; an agent who serves nothing. */
    "{\"agent_behaviour\": {\"initially_paused\": 1, \"initially_logged_out\": 0,"
    " \"logout\": {\"per_hour\": 0, \"mean_minutes\": 1}, \"busy_other\": {\"per_hour\": 0, \"mean_s\": 1},"
    " \"no_answer_probability\": 1},"
    " \"pauses\": [{\"reason\":\"break\",\"per_hour\":0,\"mean_minutes\":1}],"
    " \"queues\": [{\"id\":\"q\",\"name\":\"Q\",\"media\":\"email\",\"calls_per_hour\":30,"
    "\"sl_threshold_s\":600,\"sl_target\":0.8,\"talk_s\":{\"mean\":100},\"patience_s\":300},"
    " {\"id\":\"r\",\"name\":\"R\",\"media\":\"inbound\",\"calls_per_hour\":30,"
    "\"sl_threshold_s\":20,\"sl_target\":0.8,\"talk_s\":{\"mean\":100, \"sd\":0},\"wrap_up_s\":0}],"
    " \"teams\": [{\"id\":\"t\",\"name\":\"T\",\"agents\":[{\"id\":\"idle\",\"name\":\"Idle\",\"queues\":[]}],"
    " \"generate\":[{\"count\":2,\"queues\":[\"q\", \"r\"]}]}]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PltScenario) scenario = plt_scenario_load_data (texts[i], -1, "minimal.json", &error);
      g_autoptr(PltAcd) acd = NULL;

      g_assert_no_error (error);
      acd = plt_acd_new (scenario, 5, 1795000000000);
      for (guint m = 0; m < 120; m++)
        {
          plt_acd_advance (acd, 60 * 1000);
          check_invariants (acd);
        }
      g_assert_cmpuint (plt_acd_get_n_events (acd), >, 0);
    }
}

/* /Plateau/Router/executable */

static char *
router_program (void)
{
  return g_test_build_filename (G_TEST_BUILT, "..", "src", "router", "plateau-router", NULL);
}

static void
read_line_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  char **line = user_data;
  g_autoptr(GError) error = NULL;

  *line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result, NULL, &error);
  if (*line == NULL)
    *line = g_strdup ("");
}

static gboolean
line_read (gpointer data)
{
  return *(char **) data != NULL;
}

static gboolean
subprocess_done (gpointer data)
{
  return g_object_get_data (data, "done") != NULL;
}

static void
wait_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  g_object_set_data (source, "done", GINT_TO_POINTER (1));
}

static void
test_executable (void)
{
  g_autofree char *program = router_program ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  g_autofree char *rest = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GRegex) regex = g_regex_new ("^Listening on (ws://127\\.0\\.0\\.1:([0-9]+)/acd)$", 0, 0, NULL);
  g_autofree char *uri = NULL;
  g_autofree char *port = NULL;

  g_assert_true (g_file_test (program, G_FILE_TEST_IS_EXECUTABLE));

  /* With every log level on, standard output still holds one line. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "all", TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error,
                                         program, "--listen", "127.0.0.1:0", "--speed", "20", "--seed", "5",
                                         "--no-auth", NULL);
  g_assert_no_error (error);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  g_data_input_stream_read_line_async (out, G_PRIORITY_DEFAULT, NULL, read_line_cb, &line);
  g_assert_true (plt_test_ws_iterate_until (line_read, &line, TIMEOUT_MS));
  g_test_message ("router says: %s", line);
  g_assert_true (g_regex_match (regex, line, 0, &match));
  uri = g_match_info_fetch (match, 1);
  port = g_match_info_fetch (match, 2);

  /* It serves… */
  {
    g_autoptr(PltTestWsClient) client = plt_test_ws_client_connect (uri);
    g_autoptr(PltMessage) welcome = NULL;

    plt_test_ws_client_hello (client);
    welcome = plt_test_ws_client_next (client);
    g_assert_cmpint (welcome->type, ==, PLT_MESSAGE_WELCOME);
    g_assert_cmpfloat (welcome->u.welcome.clock_rate, ==, 20.0);

    /* …a second one cannot take its port… */
    {
      g_autofree char *listen = g_strdup_printf ("127.0.0.1:%s", port);
      g_autoptr(GSubprocess) second = NULL;
      g_autofree char *err_text = NULL;

      second = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                                 program, "--listen", listen, "--db", ":memory:", NULL);
      g_assert_no_error (error);
      g_subprocess_communicate_utf8 (second, NULL, NULL, NULL, &err_text, &error);
      g_assert_no_error (error);
      g_assert_true (g_subprocess_get_if_exited (second));
      g_assert_cmpint (g_subprocess_get_exit_status (second), ==, 1);
      g_assert_nonnull (strstr (err_text, "Cannot listen on 127.0.0.1:"));
    }

    /* …and SIGTERM stops it cleanly, closing with 1001. */
    g_subprocess_wait_async (process, NULL, wait_cb, NULL);
    g_subprocess_send_signal (process, SIGTERM);
    g_assert_true (plt_test_ws_iterate_until (plt_test_ws_client_closed, client, TIMEOUT_MS));
    g_assert_cmpuint (client->close_code, ==, SOUP_WEBSOCKET_CLOSE_GOING_AWAY);
  }

  g_assert_true (plt_test_ws_iterate_until (subprocess_done, process, TIMEOUT_MS));
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);

  /* Nothing after the URL line. */
  g_data_input_stream_read_line_async (out, G_PRIORITY_DEFAULT, NULL, read_line_cb, &rest);
  g_assert_true (plt_test_ws_iterate_until (line_read, &rest, TIMEOUT_MS));
  g_assert_cmpstr (rest, ==, "");
}

static void
test_executable_errors (void)
{
  g_autofree char *program = router_program ();
  struct {
    const char *args[4];
    const char *message;
  } cases[] = {
    { { "--scenario", "/nonexistent.json", NULL }, "No scenario" },
    { { "--listen", "nowhere", NULL }, "HOST:PORT" },
    { { "--listen", "127.0.0.1:99999", NULL }, "port number" },
    { { "--speed", "-1", NULL }, "speed" },
    { { "--seed", "abc", NULL }, "--seed" },
    { { "surplus", NULL }, "unexpected argument" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSubprocess) process = NULL;
      g_autoptr(GPtrArray) argv = g_ptr_array_new ();
      g_autofree char *err_text = NULL;

      g_ptr_array_add (argv, program);
      g_ptr_array_add (argv, (char *) "--listen");
      g_ptr_array_add (argv, (char *) "127.0.0.1:0");
      for (guint a = 0; cases[i].args[a] != NULL; a++)
        g_ptr_array_add (argv, (char *) cases[i].args[a]);
      g_ptr_array_add (argv, NULL);

      process = g_subprocess_newv ((const char * const *) argv->pdata,
                                   G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
      g_assert_no_error (error);
      g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &err_text, &error);
      g_assert_no_error (error);
      g_test_message ("%s", err_text);
      g_assert_true (g_subprocess_get_if_exited (process));
      g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 1);
      g_assert_nonnull (strstr (err_text, cases[i].message));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Plateau/Router/welcome", test_welcome);
  g_test_add_func ("/Plateau/Router/subprotocol", test_subprotocol);
  g_test_add_func ("/Plateau/Router/snapshot/chunking", test_snapshot_chunking);
  g_test_add_func ("/Plateau/Router/deltas", test_deltas);
  g_test_add_func ("/Plateau/Router/hostile", test_hostile);
  g_test_add_func ("/Plateau/Router/oversized-frame", test_oversized_frame);
  g_test_add_func ("/Plateau/Router/hello/timeout", test_hello_timeout);
  g_test_add_func ("/Plateau/Router/hello/first", test_before_hello);
  g_test_add_func ("/Plateau/Router/resync", test_resync);
  g_test_add_func ("/Plateau/Router/heartbeat", test_heartbeat);
  g_test_add_func ("/Plateau/Router/paused", test_paused);
  g_test_add_func ("/Plateau/Router/stop", test_stop);
  g_test_add_func ("/Plateau/Router/thread", test_thread);
  g_test_add_func ("/Plateau/Router/errors", test_errors);
  g_test_add_func ("/Plateau/Router/acd/reproducible", test_acd_reproducible);
  g_test_add_func ("/Plateau/Router/acd/sanity", test_acd_sanity);
  g_test_add_func ("/Plateau/Router/acd/sanity-large", test_acd_sanity_large);
  g_test_add_func ("/Plateau/Router/scenario/builtin", test_scenario_builtin);
  g_test_add_func ("/Plateau/Router/scenario/docs", test_scenario_docs);
  g_test_add_func ("/Plateau/Router/scenario/file", test_scenario_file);
  g_test_add_func ("/Plateau/Router/scenario/bad", test_scenario_bad);
  g_test_add_func ("/Plateau/Router/scenario/minimal", test_scenario_minimal);
  g_test_add_func ("/Plateau/Router/executable", test_executable);
  g_test_add_func ("/Plateau/Router/executable/errors", test_executable_errors);

  {
    int status = g_test_run ();

    plt_test_ws_set_token (NULL);
    return status;
  }
}
