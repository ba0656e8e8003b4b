/* plt-test-ws.c — a raw WebSocket test client that decodes what it receives,
 * and waiting with a deadline: shared by the router's displayless tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "plt-test-ws.h"

#include "plt-acd.h"
#include "plt-test-timeout.h"

/* Generous: the suite also runs under valgrind. */
#define TIMEOUT_MS plt_test_timeout_ms (30000)

char *plt_test_ws_token;

void
plt_test_ws_set_token (char *token)
{
  g_free (plt_test_ws_token);
  plt_test_ws_token = token;
}

/* Waiting, always with a deadline. */

static gboolean
wake_up (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

gboolean
plt_test_ws_iterate_until (PltTestPredicate predicate,
                           gpointer  data,
                           guint     timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * G_TIME_SPAN_MILLISECOND;
  guint timer = g_timeout_add (10, wake_up, NULL);

  while (!predicate (data) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (timer);
  return predicate (data);
}

gboolean
plt_test_ws_no_clients (gpointer data)
{
  return plt_router_get_n_clients (data) == 0;
}

/* A raw WebSocket client that decodes what it receives. */

static void
on_client_message (SoupWebsocketConnection *conn,
                   gint                     type,
                   GBytes                  *bytes,
                   gpointer                 user_data)
{
  PltTestWsClient *client = user_data;
  g_autoptr(GError) error = NULL;
  PltMessage *message;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  client->n_frames++;
  client->max_frame = MAX (client->max_frame, length);

  if (type != SOUP_WEBSOCKET_DATA_TEXT)
    {
      client->n_binary++;
      return;
    }

  message = plt_decoder_decode (client->decoder, data, length, &error);
  if (message == NULL)
    {
      g_test_message ("undecodable frame: %s", error->message);
      client->n_undecodable++;
      return;
    }

  g_queue_push_tail (&client->messages, message);
}

static void
on_client_closed (SoupWebsocketConnection *conn,
                  gpointer                 user_data)
{
  PltTestWsClient *client = user_data;

  client->closed = TRUE;
  client->close_code = soup_websocket_connection_get_close_code (conn);
}

static void
on_client_connected (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  PltTestWsClient *client = user_data;

  client->conn = soup_session_websocket_connect_finish (SOUP_SESSION (source), result, &client->connect_error);
  client->done = TRUE;

  if (client->conn != NULL)
    {
      client->connected = TRUE;
      soup_websocket_connection_set_max_incoming_payload_size (client->conn, PLT_PROTOCOL_MAX_CLIENT_FRAME);
      g_signal_connect (client->conn, "message", G_CALLBACK (on_client_message), client);
      g_signal_connect (client->conn, "closed", G_CALLBACK (on_client_closed), client);
    }
}

gboolean
plt_test_ws_client_done (gpointer data)
{
  return ((PltTestWsClient *) data)->done;
}

PltTestWsClient *
plt_test_ws_client_connect_with (const char  *uri,
                                 const char **protocols)
{
  g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_GET, uri);
  PltTestWsClient *client = g_new0 (PltTestWsClient, 1);

  client->session = soup_session_new ();
  client->decoder = plt_decoder_new (PLT_DECODER_FROM_SERVER);
  g_queue_init (&client->messages);

  if (plt_test_ws_token != NULL)
    {
      g_autofree char *value = g_strdup_printf ("Bearer %s", plt_test_ws_token);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", value);
    }

  soup_session_websocket_connect_async (client->session, msg, NULL, (char **) protocols,
                                        G_PRIORITY_DEFAULT, NULL, on_client_connected, client);
  g_assert_true (plt_test_ws_iterate_until (plt_test_ws_client_done, client, TIMEOUT_MS));

  return client;
}

PltTestWsClient *
plt_test_ws_client_connect (const char *uri)
{
  const char *protocols[] = { PLT_PROTOCOL_SUBPROTOCOL, NULL };
  PltTestWsClient *client = plt_test_ws_client_connect_with (uri, protocols);

  g_assert_no_error (client->connect_error);
  g_assert_true (client->connected);
  g_assert_cmpstr (soup_websocket_connection_get_protocol (client->conn), ==, PLT_PROTOCOL_SUBPROTOCOL);

  return client;
}

gboolean
plt_test_ws_client_closed (gpointer data)
{
  return ((PltTestWsClient *) data)->closed;
}

void
plt_test_ws_client_free (PltTestWsClient *client)
{
  if (client->conn != NULL)
    {
      if (soup_websocket_connection_get_state (client->conn) == SOUP_WEBSOCKET_STATE_OPEN)
        soup_websocket_connection_close (client->conn, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
      plt_test_ws_iterate_until (plt_test_ws_client_closed, client, TIMEOUT_MS);
      g_signal_handlers_disconnect_by_data (client->conn, client);
      g_object_unref (client->conn);
    }
  g_queue_clear_full (&client->messages, (GDestroyNotify) plt_message_free);
  g_clear_error (&client->connect_error);
  g_object_unref (client->decoder);
  g_object_unref (client->session);
  g_free (client);
}

void
plt_test_ws_client_send (PltTestWsClient     *client,
                         const char *text)
{
  soup_websocket_connection_send_text (client->conn, text);
}

void
plt_test_ws_client_hello (PltTestWsClient *client)
{
  g_autofree char *hello = plt_protocol_encode_hello ("test-router/" PACKAGE_VERSION);

  plt_test_ws_client_send (client, hello);
}

gboolean
plt_test_ws_client_has_message (gpointer data)
{
  PltTestWsClient *client = data;

  return !g_queue_is_empty (&client->messages) || client->closed;
}

/* Returns: (transfer full): the next message; fails the test on timeout. */
PltMessage *
plt_test_ws_client_next (PltTestWsClient *client)
{
  g_assert_true (plt_test_ws_iterate_until (plt_test_ws_client_has_message, client, TIMEOUT_MS));
  g_assert_false (g_queue_is_empty (&client->messages));

  return g_queue_pop_head (&client->messages);
}

/* Skips deltas and heartbeats until a message of @type. */
PltMessage *
plt_test_ws_client_next_of_type (PltTestWsClient         *client,
                                 PltMessageType  type)
{
  for (;;)
    {
      PltMessage *message = plt_test_ws_client_next (client);

      if (message->type == type)
        return message;

      g_assert_true (plt_message_type_is_delta (message->type) ||
                     message->type == PLT_MESSAGE_HEARTBEAT);
      plt_message_free (message);
    }
}

void
plt_test_ws_snapshot_free (PltTestWsSnapshot *snapshot)
{
  for (guint k = 0; k < 4; k++)
    g_ptr_array_unref (snapshot->lists[k]);
  plt_message_free (snapshot->begin);
  g_ptr_array_unref (snapshot->parts);
  plt_message_free (snapshot->end);
  g_free (snapshot);
}

/* Reads a whole snapshot, checking its structure: the begin, parts in order
 * with the same id and ≤ 500 entities of each kind, the end, no message in
 * between (none can be: the router sends a snapshot in one go), counts. */
PltTestWsSnapshot *
plt_test_ws_client_read_snapshot (PltTestWsClient     *client,
                                  const char *reason)
{
  PltTestWsSnapshot *snapshot = g_new0 (PltTestWsSnapshot, 1);
  const PltSnapshotBeginData *begin;

  snapshot->parts = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_message_free);
  for (guint k = 0; k < 4; k++)
    snapshot->lists[k] = g_ptr_array_new ();

  snapshot->begin = plt_test_ws_client_next_of_type (client, PLT_MESSAGE_SNAPSHOT_BEGIN);
  begin = &snapshot->begin->u.snapshot_begin;
  g_assert_cmpstr (begin->reason, ==, reason);
  g_assert_true (snapshot->begin->has_seq);
  g_assert_cmpint (snapshot->begin->seq, ==, begin->as_of_seq);
  g_assert_cmpint (begin->parts, >=, 1);

  for (gint64 i = 0; i < begin->parts; i++)
    {
      PltMessage *part = plt_test_ws_client_next (client);
      const PltSnapshotPartData *p = &part->u.snapshot_part;

      g_assert_cmpint (part->type, ==, PLT_MESSAGE_SNAPSHOT_PART);
      g_assert_cmpstr (p->snapshot_id, ==, begin->snapshot_id);
      g_assert_cmpint (p->index, ==, i);
      g_assert_cmpint (part->seq, ==, begin->as_of_seq);

      g_assert_cmpuint (p->teams->len, <=, PLT_PROTOCOL_MAX_PART_ENTITIES);
      g_assert_cmpuint (p->agents->len, <=, PLT_PROTOCOL_MAX_PART_ENTITIES);
      g_assert_cmpuint (p->queues->len, <=, PLT_PROTOCOL_MAX_PART_ENTITIES);
      g_assert_cmpuint (p->calls->len, <=, PLT_PROTOCOL_MAX_PART_ENTITIES);

      g_ptr_array_extend (snapshot->lists[PLT_ACD_ENTITY_TEAM], p->teams, NULL, NULL);
      g_ptr_array_extend (snapshot->lists[PLT_ACD_ENTITY_AGENT], p->agents, NULL, NULL);
      g_ptr_array_extend (snapshot->lists[PLT_ACD_ENTITY_QUEUE], p->queues, NULL, NULL);
      g_ptr_array_extend (snapshot->lists[PLT_ACD_ENTITY_CALL], p->calls, NULL, NULL);
      g_ptr_array_add (snapshot->parts, part);
    }

  snapshot->end = plt_test_ws_client_next (client);
  g_assert_cmpint (snapshot->end->type, ==, PLT_MESSAGE_SNAPSHOT_END);
  g_assert_cmpstr (snapshot->end->u.snapshot_end_id, ==, begin->snapshot_id);

  g_assert_cmpint (begin->count_teams, ==, snapshot->lists[PLT_ACD_ENTITY_TEAM]->len);
  g_assert_cmpint (begin->count_agents, ==, snapshot->lists[PLT_ACD_ENTITY_AGENT]->len);
  g_assert_cmpint (begin->count_queues, ==, snapshot->lists[PLT_ACD_ENTITY_QUEUE]->len);
  g_assert_cmpint (begin->count_calls, ==, snapshot->lists[PLT_ACD_ENTITY_CALL]->len);

  return snapshot;
}

/* Connects, says hello, reads the welcome and the first snapshot. */
PltTestWsClient *
plt_test_ws_client_join (const char *uri,
                         PltRouter  *router)
{
  PltTestWsClient *client = plt_test_ws_client_connect (uri);
  g_autoptr(PltMessage) welcome = NULL;
  g_autoptr(PltTestWsSnapshot) snapshot = NULL;

  plt_test_ws_client_hello (client);
  welcome = plt_test_ws_client_next (client);
  g_assert_cmpint (welcome->type, ==, PLT_MESSAGE_WELCOME);
  g_assert_cmpstr (welcome->epoch, ==, plt_router_get_epoch (router));
  snapshot = plt_test_ws_client_read_snapshot (client, "initial");

  return client;
}
