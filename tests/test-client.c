/* test-client.c — the client against a scripted router on loopback
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "plt-agent.h"
#include "plt-client.h"
#include "plt-clock.h"
#include "plt-model.h"
#include "plt-protocol.h"
#include "plt-queue.h"
#include "plt-team.h"
#include "plt-test-timeout.h"

#define WAIT_TIMEOUT_MS plt_test_timeout_ms (10000)

/* ------------------------------------------------------------------------ */
/* Waiting: the main context runs until a condition holds or a deadline     */
/* passes; nothing sleeps.                                                   */
/* ------------------------------------------------------------------------ */

typedef gboolean (*Condition) (gpointer data);

static gboolean
deadline_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
wait_until_ms (Condition cond,
               gpointer  data,
               guint     timeout_ms)
{
  gboolean expired = FALSE;
  guint source = g_timeout_add (timeout_ms, deadline_cb, &expired);

  while (!cond (data) && !expired)
    g_main_context_iteration (NULL, TRUE);

  if (!expired)
    g_source_remove (source);

  return cond (data);
}

#define wait_until(cond, data) g_assert_true (wait_until_ms ((Condition) (cond), (data), WAIT_TIMEOUT_MS))

/* ------------------------------------------------------------------------ */
/* The scripted router                                                       */
/* ------------------------------------------------------------------------ */

typedef struct
{
  SoupWebsocketConnection *conn;
  GPtrArray               *received;   /* char*: text frames from the client */
  gboolean                 closed;
  gushort                  close_code; /* as received from the client */
} Peer;

typedef struct
{
  SoupServer *server;
  char       *uri;
  GPtrArray  *peers;        /* Peer* */
  PltModel   *model;
  PltClock   *clock;
  PltClient  *client;
  GPtrArray  *errors;       /* char*: protocol-error messages */
  GArray     *states;       /* PltConnectionState, each change */
  guint       synced;
} Fixture;

static void
peer_free (Peer *peer)
{
  g_signal_handlers_disconnect_by_data (peer->conn, peer);
  if (soup_websocket_connection_get_state (peer->conn) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_close (peer->conn, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, NULL);
  g_object_unref (peer->conn);
  g_ptr_array_unref (peer->received);
  g_free (peer);
}

static void
peer_message_cb (SoupWebsocketConnection *conn,
                 SoupWebsocketDataType    type,
                 GBytes                  *bytes,
                 Peer                    *peer)
{
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  g_assert_cmpint (type, ==, SOUP_WEBSOCKET_DATA_TEXT);
  g_ptr_array_add (peer->received, g_strndup (data, length));
}

static void
peer_closed_cb (SoupWebsocketConnection *conn,
                Peer                    *peer)
{
  peer->closed = TRUE;
  peer->close_code = soup_websocket_connection_get_close_code (conn);
}

static void
websocket_cb (SoupServer              *server,
              SoupServerMessage       *message,
              const char              *path,
              SoupWebsocketConnection *conn,
              gpointer                 user_data)
{
  Fixture *f = user_data;
  Peer *peer = g_new0 (Peer, 1);

  /* The server unrefs the connection after this callback. */
  peer->conn = g_object_ref (conn);
  peer->received = g_ptr_array_new_with_free_func (g_free);
  soup_websocket_connection_set_max_incoming_payload_size (conn, PLT_PROTOCOL_MAX_CLIENT_MESSAGE);
  g_signal_connect (conn, "message", G_CALLBACK (peer_message_cb), peer);
  g_signal_connect (conn, "closed", G_CALLBACK (peer_closed_cb), peer);
  g_ptr_array_add (f->peers, peer);
}

static void
state_cb (PltClient  *client,
          GParamSpec *pspec,
          Fixture    *f)
{
  PltConnectionState state = plt_client_get_state (client);

  g_array_append_val (f->states, state);
}

static void
protocol_error_cb (PltClient    *client,
                   const GError *error,
                   Fixture      *f)
{
  g_assert_true (error->domain == PLT_PROTOCOL_ERROR);
  g_ptr_array_add (f->errors, g_strdup (error->message));
}

static void
synced_cb (PltClient *client,
           Fixture   *f)
{
  f->synced++;
}

static PltClient *
make_client (Fixture *f)
{
  PltClient *client = plt_client_new (f->model, f->clock);

  plt_client_set_backoff (client, 20, 100, 60000);
  g_signal_connect (client, "notify::state", G_CALLBACK (state_cb), f);
  g_signal_connect (client, "protocol-error", G_CALLBACK (protocol_error_cb), f);
  g_signal_connect (client, "synced", G_CALLBACK (synced_cb), f);

  return client;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  static const char * const protocols[] = { PLT_PROTOCOL_SUBPROTOCOL, NULL };
  g_autoptr(GError) error = NULL;
  GSList *uris;
  int port;

  f->server = soup_server_new (NULL, NULL);
  soup_server_add_websocket_handler (f->server, PLT_PROTOCOL_PATH, NULL, (char **) protocols,
                                     websocket_cb, f, NULL);
  soup_server_listen_local (f->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (f->server);
  g_assert_nonnull (uris);
  port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  f->uri = g_strdup_printf ("ws://127.0.0.1:%d%s", port, PLT_PROTOCOL_PATH);

  f->peers = g_ptr_array_new_with_free_func ((GDestroyNotify) peer_free);
  f->errors = g_ptr_array_new_with_free_func (g_free);
  f->states = g_array_new (FALSE, FALSE, sizeof (PltConnectionState));
  f->model = plt_model_new ();
  f->clock = plt_clock_new ();
  f->client = make_client (f);
}

static gboolean
no_more_events (gpointer data)
{
  return !g_main_context_pending (NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_signal_handlers_disconnect_by_data (f->client, f);
  plt_client_disconnect (f->client);
  g_assert_finalize_object (f->client);

  g_ptr_array_unref (f->peers);
  soup_server_disconnect (f->server);
  g_clear_object (&f->server);

  /* Let the closes and deferred releases run. */
  wait_until_ms (no_more_events, NULL, 500);

  g_assert_finalize_object (f->model);
  g_clear_object (&f->clock);
  g_ptr_array_unref (f->errors);
  g_array_unref (f->states);
  g_free (f->uri);
}

/* ------------------------------------------------------------------------ */
/* What the router says                                                      */
/* ------------------------------------------------------------------------ */

static void
send_text (Peer       *peer,
           const char *text)
{
  soup_websocket_connection_send_text (peer->conn, text);
}

static void
send_message (Peer       *peer,
              PltMessage *message)
{
  g_autofree char *text = plt_message_encode (message);

  g_assert_nonnull (text);
  send_text (peer, text);
  plt_message_free (message);
}

static PltMessage *
server_message (PltMessageType  type,
                gint64          seq,
                const char     *epoch)
{
  PltMessage *message = plt_message_new (type);

  message->has_seq = TRUE;
  message->seq = seq;
  message->epoch = g_strdup (epoch);
  message->ts = 1795774530000;

  return message;
}

static PltMessage *
welcome (gint64      seq,
         const char *epoch,
         gint64      heartbeat_ms)
{
  PltMessage *message = server_message (PLT_MESSAGE_WELCOME, seq, epoch);

  message->u.welcome.session = g_strdup ("s-1");
  message->u.welcome.server = g_strdup ("test-router/1");
  message->u.welcome.heartbeat_ms = heartbeat_ms;
  message->u.welcome.clock_now = 1795774530000;
  message->u.welcome.clock_rate = 2.0;
  message->u.welcome.limits = (PltLimits) { PLT_PROTOCOL_MAX_MESSAGE, PLT_PROTOCOL_MAX_CLIENT_MESSAGE, 32, 4096 };

  return message;
}

static PltMessage *
begin (const char *epoch,
       const char *id,
       gint64      as_of,
       gint64      parts,
       gint64      teams,
       gint64      agents)
{
  PltMessage *message = server_message (PLT_MESSAGE_SNAPSHOT_BEGIN, as_of, epoch);

  message->u.snapshot_begin.snapshot_id = g_strdup (id);
  message->u.snapshot_begin.as_of_seq = as_of;
  message->u.snapshot_begin.parts = parts;
  message->u.snapshot_begin.reason = g_strdup ("initial");
  message->u.snapshot_begin.count_teams = teams;
  message->u.snapshot_begin.count_agents = agents;

  return message;
}

static PltAgentData *
agent (const char *id,
       gint64      ver,
       const char *name)
{
  PltAgentData *data = plt_agent_data_new ();

  data->id = g_strdup (id);
  data->ver = ver;
  data->name = g_strdup (name);
  data->team = g_strdup ("t-1");
  data->status = PLT_AGENT_STATUS_AVAILABLE;
  data->activity = PLT_AGENT_ACTIVITY_IDLE;
  data->since = 1795774500000;

  return data;
}

/* A part with optionally the team t-1 and agents given as id, ver, name
 * triples ending with NULL. */
static PltMessage *
part (const char *epoch,
      gint64      seq,
      const char *id,
      gint64      index,
      gboolean    with_team,
      ...)
{
  PltMessage *message = server_message (PLT_MESSAGE_SNAPSHOT_PART, seq, epoch);
  const char *agent_id;
  va_list args;

  message->u.snapshot_part.snapshot_id = g_strdup (id);
  message->u.snapshot_part.index = index;
  if (with_team)
    {
      PltTeamData *team = plt_team_data_new ();

      team->id = g_strdup ("t-1");
      team->ver = 1;
      team->name = g_strdup ("Nord");
      g_ptr_array_add (message->u.snapshot_part.teams, team);
    }

  va_start (args, with_team);
  while ((agent_id = va_arg (args, const char *)) != NULL)
    {
      gint64 ver = va_arg (args, gint64);
      const char *name = va_arg (args, const char *);

      g_ptr_array_add (message->u.snapshot_part.agents, agent (agent_id, ver, name));
    }
  va_end (args);

  return message;
}

static PltMessage *
end (const char *epoch,
     gint64      seq,
     const char *id)
{
  PltMessage *message = server_message (PLT_MESSAGE_SNAPSHOT_END, seq, epoch);

  message->u.snapshot_end_id = g_strdup (id);

  return message;
}

static PltMessage *
agent_delta (const char *epoch,
             gint64      seq,
             const char *id,
             gint64      ver,
             const char *name)
{
  PltMessage *message = server_message (PLT_MESSAGE_AGENT_UPDATE, seq, epoch);

  message->u.agent = agent (id, ver, name);

  return message;
}

static PltMessage *
heartbeat (const char *epoch,
           gint64      seq)
{
  return server_message (PLT_MESSAGE_HEARTBEAT, seq, epoch);
}

/* ------------------------------------------------------------------------ */
/* Conditions                                                                */
/* ------------------------------------------------------------------------ */

typedef struct
{
  Fixture *f;
  guint    index;
} PeerWait;

static gboolean
peer_said_hello (PeerWait *w)
{
  Peer *peer;

  if (w->f->peers->len <= w->index)
    return FALSE;
  peer = g_ptr_array_index (w->f->peers, w->index);

  return peer->received->len > 0;
}

/* Waits for connection number @index and checks its hello. */
static Peer *
wait_peer (Fixture *f,
           guint    index)
{
  PeerWait w = { f, index };
  g_autoptr(PltDecoder) decoder = plt_decoder_new (PLT_DECODER_FROM_CLIENT);
  g_autoptr(PltMessage) hello = NULL;
  g_autoptr(GError) error = NULL;
  const char *text;
  Peer *peer;

  wait_until (peer_said_hello, &w);
  peer = g_ptr_array_index (f->peers, index);
  g_assert_cmpstr (soup_websocket_connection_get_protocol (peer->conn), ==, PLT_PROTOCOL_SUBPROTOCOL);

  text = g_ptr_array_index (peer->received, 0);
  hello = plt_decoder_decode (decoder, text, strlen (text), &error);
  g_assert_no_error (error);
  g_assert_cmpint (hello->type, ==, PLT_MESSAGE_HELLO);
  g_assert_cmpstr (hello->u.hello_client, ==, "plateau/" PACKAGE_VERSION);

  return peer;
}

typedef struct
{
  Fixture            *f;
  PltConnectionState  state;
} StateWait;

static gboolean
state_is (StateWait *w)
{
  return plt_client_get_state (w->f->client) == w->state;
}

static void
wait_state (Fixture            *f,
            PltConnectionState  state)
{
  StateWait w = { f, state };

  wait_until (state_is, &w);
}

static gboolean
saw_state (Fixture            *f,
           PltConnectionState  state)
{
  for (guint i = 0; i < f->states->len; i++)
    if (g_array_index (f->states, PltConnectionState, i) == state)
      return TRUE;

  return FALSE;
}

typedef struct
{
  Peer           *peer;
  PltMessageType  type;
  gint64          value;    /* ack seq or resync from_seq; -1: any */
} ReceivedWait;

static gboolean
peer_received (ReceivedWait *w)
{
  g_autoptr(PltDecoder) decoder = plt_decoder_new (PLT_DECODER_FROM_CLIENT);

  for (guint i = 0; i < w->peer->received->len; i++)
    {
      const char *text = g_ptr_array_index (w->peer->received, i);
      g_autoptr(PltMessage) message = plt_decoder_decode (decoder, text, strlen (text), NULL);
      gint64 value;

      g_assert_nonnull (message);
      if (message->type != w->type)
        continue;
      value = message->type == PLT_MESSAGE_ACK ? message->u.ack_seq : message->u.resync_from_seq;
      if (w->value < 0 || value == w->value)
        return TRUE;
    }

  return FALSE;
}

static gboolean
uint_ge_2 (guint *value)
{
  return *value >= 2;
}

static gboolean
n_errors_reached (gpointer data)
{
  Fixture *f = ((Fixture **) data)[0];
  guint n = GPOINTER_TO_UINT (((gpointer *) data)[1]);

  return f->errors->len >= n;
}

/* Waits until the client has handled everything sent before: a malformed
 * frame is rejected in order, after the frames that precede it. */
static void
barrier (Fixture *f,
         Peer    *peer)
{
  gpointer data[2] = { f, GUINT_TO_POINTER (f->errors->len + 1) };

  send_text (peer, "{\"barrier\"");
  wait_until (n_errors_reached, data);
}

static const char *
agent_name (Fixture    *f,
            const char *id)
{
  PltAgent *a = plt_model_lookup_agent (f->model, id);

  return a != NULL ? plt_agent_get_name (a) : NULL;
}

/* welcome + a two-part snapshot of t-1, a-1 "Ann" v1 and a-2 "Bob" v1. */
static void
initial_sync (Fixture    *f,
              Peer       *peer,
              const char *epoch,
              gint64      as_of)
{
  send_message (peer, welcome (as_of, epoch, 10000));
  send_message (peer, begin (epoch, "snap-1", as_of, 2, 1, 2));
  send_message (peer, part (epoch, as_of, "snap-1", 0, TRUE, "a-1", (gint64) 1, "Ann", NULL));
  send_message (peer, part (epoch, as_of, "snap-1", 1, FALSE, "a-2", (gint64) 1, "Bob", NULL));
  send_message (peer, end (epoch, as_of, "snap-1"));
  wait_state (f, PLT_CONNECTION_STATE_LIVE);
}

/* ------------------------------------------------------------------------ */
/* Tests                                                                     */
/* ------------------------------------------------------------------------ */

static void
test_handshake_snapshot (Fixture       *f,
                         gconstpointer  data)
{
  Peer *peer;
  PltAgent *ann;
  ReceivedWait ack = { NULL, PLT_MESSAGE_ACK, 42 };

  g_assert_cmpint (plt_client_get_state (f->client), ==, PLT_CONNECTION_STATE_DISCONNECTED);
  plt_client_connect (f->client, f->uri);
  g_assert_cmpint (plt_client_get_state (f->client), ==, PLT_CONNECTION_STATE_CONNECTING);
  g_assert_cmpstr (plt_client_get_uri (f->client), ==, f->uri);

  peer = wait_peer (f, 0);
  g_assert_false (plt_clock_get_running (f->clock));
  initial_sync (f, peer, "ep-1", 41);

  g_assert_cmpuint (f->synced, ==, 1);
  g_assert_cmpint (g_array_index (f->states, PltConnectionState, 0), ==, PLT_CONNECTION_STATE_CONNECTING);
  g_assert_cmpint (g_array_index (f->states, PltConnectionState, 1), ==, PLT_CONNECTION_STATE_SYNCING);
  g_assert_cmpint (g_array_index (f->states, PltConnectionState, 2), ==, PLT_CONNECTION_STATE_LIVE);
  g_assert_cmpstr (plt_client_get_epoch (f->client), ==, "ep-1");
  g_assert_cmpint (plt_client_get_last_seq (f->client), ==, 41);
  g_assert_cmpint (plt_client_get_retry_at (f->client), ==, 0);
  g_assert_cmpint (plt_client_get_last_update (f->client), >, 0);
  g_assert_null (plt_client_get_last_error (f->client));

  /* The clock follows the router's, and runs while live. */
  g_assert_true (plt_clock_get_running (f->clock));
  g_assert_cmpfloat (plt_clock_get_rate (f->clock), ==, 2.0);
  g_assert_cmpint (plt_clock_get_now (f->clock), >=, 1795774530000);

  /* The snapshot is in the model, team names filled, and announced. */
  ann = plt_model_lookup_agent (f->model, "a-1");
  g_assert_nonnull (ann);
  g_assert_cmpstr (plt_agent_get_team_name (ann), ==, "Nord");
  g_assert_cmpstr (agent_name (f, "a-2"), ==, "Bob");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (plt_model_get_agents (f->model))), ==, 2);

  /* A delta applies in place. */
  send_message (peer, agent_delta ("ep-1", 42, "a-1", 2, "Ann B."));
  barrier (f, peer);
  g_assert_true (plt_model_lookup_agent (f->model, "a-1") == ann);
  g_assert_cmpstr (plt_agent_get_name (ann), ==, "Ann B.");
  g_assert_cmpint (plt_client_get_last_seq (f->client), ==, 42);

  /* It is acked, within about a second. */
  ack.peer = peer;
  wait_until (peer_received, &ack);
}

static void
test_deltas_during_snapshot (Fixture       *f,
                             gconstpointer  data)
{
  Peer *peer;

  plt_client_connect (f->client, f->uri);
  peer = wait_peer (f, 0);
  initial_sync (f, peer, "ep-1", 5);

  /* The router sends a new snapshot as of 10, with deltas interleaved. */
  send_message (peer, heartbeat ("ep-1", 10));   /* a gap: the client asks */
  send_message (peer, begin ("ep-1", "snap-2", 10, 2, 1, 2));
  send_message (peer, part ("ep-1", 10, "snap-2", 0, TRUE, "a-1", (gint64) 3, "Ann 3", NULL));
  send_message (peer, agent_delta ("ep-1", 9, "a-1", 9, "Stale"));     /* ≤ as_of: dropped */
  send_message (peer, agent_delta ("ep-1", 11, "a-3", 2, "Cleo"));     /* past: applied after */
  send_message (peer, part ("ep-1", 10, "snap-2", 1, FALSE, "a-3", (gint64) 1, "Cleo 0", NULL));
  send_message (peer, agent_delta ("ep-1", 12, "a-1", 4, "Ann 4"));

  /* Until snapshot.end, the previous data stays. */
  barrier (f, peer);
  g_assert_cmpint (plt_client_get_state (f->client), ==, PLT_CONNECTION_STATE_SYNCING);
  g_assert_cmpstr (agent_name (f, "a-1"), ==, "Ann");
  g_assert_cmpstr (agent_name (f, "a-2"), ==, "Bob");
  g_assert_null (agent_name (f, "a-3"));

  send_message (peer, end ("ep-1", 12, "snap-2"));
  wait_until (uint_ge_2, &f->synced);

  g_assert_cmpint (plt_client_get_state (f->client), ==, PLT_CONNECTION_STATE_LIVE);
  g_assert_cmpstr (agent_name (f, "a-1"), ==, "Ann 4");
  g_assert_cmpint (plt_agent_get_version (plt_model_lookup_agent (f->model, "a-1")), ==, 4);
  g_assert_null (agent_name (f, "a-2"));      /* absent from the new snapshot */
  g_assert_cmpstr (agent_name (f, "a-3"), ==, "Cleo");
  g_assert_cmpint (plt_client_get_last_seq (f->client), ==, 12);
}

static void
test_gap_resync (Fixture       *f,
                 gconstpointer  data)
{
  ReceivedWait resync = { NULL, PLT_MESSAGE_RESYNC, 6 };
  Peer *peer;

  plt_client_connect (f->client, f->uri);
  peer = wait_peer (f, 0);
  initial_sync (f, peer, "ep-1", 5);

  send_message (peer, agent_delta ("ep-1", 6, "a-1", 2, "Ann 2"));
  send_message (peer, agent_delta ("ep-1", 8, "a-1", 4, "Ann 4"));   /* 7 is lost */
  send_message (peer, agent_delta ("ep-1", 9, "a-2", 4, "Bob 4"));   /* ignored for now */

  resync.peer = peer;
  wait_until (peer_received, &resync);
  barrier (f, peer);
  g_assert_cmpint (plt_client_get_state (f->client), ==, PLT_CONNECTION_STATE_SYNCING);
  g_assert_cmpstr (agent_name (f, "a-1"), ==, "Ann 2");
  g_assert_cmpstr (agent_name (f, "a-2"), ==, "Bob");
  g_assert_cmpint (plt_client_get_last_seq (f->client), ==, 6);

  /* The router answers with a snapshot as of 9. */
  send_message (peer, begin ("ep-1", "snap-2", 9, 1, 1, 2));
  send_message (peer, part ("ep-1", 9, "snap-2", 0, TRUE,
                            "a-1", (gint64) 4, "Ann 4", "a-2", (gint64) 4, "Bob 4", NULL));
  send_message (peer, end ("ep-1", 9, "snap-2"));
  wait_until (uint_ge_2, &f->synced);

  g_assert_cmpint (plt_client_get_state (f->client), ==, PLT_CONNECTION_STATE_LIVE);
  g_assert_cmpstr (agent_name (f, "a-1"), ==, "Ann 4");
  g_assert_cmpstr (agent_name (f, "a-2"), ==, "Bob 4");
  g_assert_cmpint (plt_client_get_last_seq (f->client), ==, 9);

  /* A heartbeat ahead of last_seq is a gap too. */
  resync.value = 9;
  send_message (peer, heartbeat ("ep-1", 11));
  wait_until (peer_received, &resync);
}

static void
test_duplicate_dropped (Fixture       *f,
                        gconstpointer  data)
{
  Peer *peer;

  plt_client_connect (f->client, f->uri);
  peer = wait_peer (f, 0);
  initial_sync (f, peer, "ep-1", 5);

  send_message (peer, agent_delta ("ep-1", 6, "a-1", 2, "Ann 2"));
  send_message (peer, agent_delta ("ep-1", 6, "a-1", 3, "Ann again"));   /* same seq */
  send_message (peer, agent_delta ("ep-1", 4, "a-2", 3, "Old Bob"));     /* older seq */
  send_message (peer, agent_delta ("ep-1", 7, "a-2", 2, "Bob 2"));
  barrier (f, peer);

  g_assert_cmpstr (agent_name (f, "a-1"), ==, "Ann 2");
  g_assert_cmpstr (agent_name (f, "a-2"), ==, "Bob 2");
  g_assert_cmpint (plt_client_get_last_seq (f->client), ==, 7);
  g_assert_cmpint (plt_client_get_state (f->client), ==, PLT_CONNECTION_STATE_LIVE);
}

static void
test_malformed_frames (Fixture       *f,
                       gconstpointer  data)
{
  GString *deep = g_string_new ("{\"v\":1,\"x\":");
  g_autoptr(GBytes) binary = g_bytes_new_static ("\x01\x02", 2);
  Peer *peer;
  guint states_when_live;

  plt_client_connect (f->client, f->uri);
  peer = wait_peer (f, 0);
  initial_sync (f, peer, "ep-1", 5);
  states_when_live = f->states->len;

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');

  send_text (peer, "{nope");
  soup_websocket_connection_send_message (peer->conn, SOUP_WEBSOCKET_DATA_BINARY, binary);
  send_text (peer, "{\"v\":1,\"type\":\"agent.update\",\"seq\":\"6\",\"epoch\":\"ep-1\",\"data\":{}}");
  send_text (peer, deep->str);
  send_text (peer, "{\"v\":1,\"type\":\"stats.flux\",\"seq\":5,\"epoch\":\"ep-1\",\"data\":{}}");
  send_text (peer, "{\"v\":1,\"type\":\"ack\",\"seq\":5,\"epoch\":\"ep-1\",\"data\":{\"seq\":1}}");
  send_message (peer, agent_delta ("ep-1", 6, "a-1", 2, "Ann 2"));
  barrier (f, peer);

  /* Five rejections plus the barrier; the unknown type is only counted. */
  g_assert_cmpuint (f->errors->len, ==, 6);
  g_assert_cmpuint (plt_client_get_unknown_count (f->client), ==, 1);
  g_assert_nonnull (strstr (plt_client_get_last_error (f->client), "could not read"));

  /* The link went on, and the delta after them applied. */
  g_assert_cmpint (plt_client_get_state (f->client), ==, PLT_CONNECTION_STATE_LIVE);
  g_assert_cmpuint (f->states->len, ==, states_when_live);
  g_assert_cmpstr (agent_name (f, "a-1"), ==, "Ann 2");
  g_assert_cmpint (plt_client_get_last_seq (f->client), ==, 6);
  g_assert_false (((Peer *) g_ptr_array_index (f->peers, 0))->closed);

  g_string_free (deep, TRUE);
}

static void
test_epoch_change (Fixture       *f,
                   gconstpointer  data)
{
  Peer *first;
  Peer *second;

  plt_client_connect (f->client, f->uri);
  first = wait_peer (f, 0);
  initial_sync (f, first, "ep-1", 5);

  /* The router restarted: another epoch. */
  send_message (first, heartbeat ("ep-2", 0));
  second = wait_peer (f, 1);
  g_assert_true (saw_state (f, PLT_CONNECTION_STATE_RECONNECTING));
  g_assert_nonnull (strstr (plt_client_get_last_error (f->client), "restarted"));

  send_message (second, welcome (0, "ep-2", 10000));
  send_message (second, begin ("ep-2", "snap-1", 0, 1, 1, 1));
  send_message (second, part ("ep-2", 0, "snap-1", 0, TRUE, "a-3", (gint64) 1, "Cleo", NULL));
  send_message (second, end ("ep-2", 0, "snap-1"));
  wait_until (uint_ge_2, &f->synced);

  g_assert_cmpint (plt_client_get_state (f->client), ==, PLT_CONNECTION_STATE_LIVE);
  g_assert_cmpstr (plt_client_get_epoch (f->client), ==, "ep-2");
  g_assert_cmpint (plt_client_get_last_seq (f->client), ==, 0);
  g_assert_null (agent_name (f, "a-1"));
  g_assert_cmpstr (agent_name (f, "a-3"), ==, "Cleo");
}

static void
test_snapshot_backwards (Fixture       *f,
                         gconstpointer  data)
{
  Peer *first;

  plt_client_connect (f->client, f->uri);
  first = wait_peer (f, 0);
  initial_sync (f, first, "ep-1", 5);

  /* Same epoch, but a snapshot as of 3 after 5 was applied. */
  send_message (first, begin ("ep-1", "snap-2", 3, 1, 1, 1));
  wait_peer (f, 1);
  g_assert_true (saw_state (f, PLT_CONNECTION_STATE_RECONNECTING));
  g_assert_nonnull (strstr (plt_client_get_last_error (f->client), "backwards"));
  g_assert_cmpstr (agent_name (f, "a-1"), ==, "Ann");
}

static gboolean
peer_closed (Peer *peer)
{
  return peer->closed;
}

static void
test_server_close_reconnects (Fixture       *f,
                              gconstpointer  data)
{
  Peer *first;
  Peer *second;

  plt_client_connect (f->client, f->uri);
  first = wait_peer (f, 0);
  initial_sync (f, first, "ep-1", 5);

  soup_websocket_connection_close (first->conn, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, "restart");
  wait_state (f, PLT_CONNECTION_STATE_RECONNECTING);
  g_assert_cmpint (plt_client_get_retry_at (f->client), >, 0);
  g_assert_false (plt_clock_get_running (f->clock));
  g_assert_nonnull (strstr (plt_client_get_last_error (f->client), "shutting down"));

  /* By itself, after the back-off. */
  second = wait_peer (f, 1);
  initial_sync (f, second, "ep-1", 5);
  g_assert_cmpint (plt_client_get_retry_at (f->client), ==, 0);
  g_assert_true (plt_clock_get_running (f->clock));
  g_assert_cmpuint (f->synced, ==, 2);
}

static void
test_liveness (Fixture       *f,
               gconstpointer  data)
{
  Peer *first;
  Peer *second;

  plt_client_set_timeouts (f->client, 20000, 30000, 200);
  plt_client_connect (f->client, f->uri);
  first = wait_peer (f, 0);

  /* Heartbeat every 100 ms: silence for 2 × 100 + 200 ms is death. */
  send_message (first, welcome (5, "ep-1", 100));
  send_message (first, begin ("ep-1", "snap-1", 5, 1, 1, 1));
  send_message (first, part ("ep-1", 5, "snap-1", 0, TRUE, "a-1", (gint64) 1, "Ann", NULL));
  send_message (first, end ("ep-1", 5, "snap-1"));
  wait_state (f, PLT_CONNECTION_STATE_LIVE);

  /* The router stays silent: the client drops the link itself and comes
   * back. */
  second = wait_peer (f, 1);
  g_assert_nonnull (strstr (plt_client_get_last_error (f->client), "No news from the router"));
  wait_until (peer_closed, first);
  g_assert_nonnull (second);
}

static void
test_fatal_close (Fixture       *f,
                  gconstpointer  data)
{
  Peer *peer;

  plt_client_connect (f->client, f->uri);
  peer = wait_peer (f, 0);
  send_message (peer, welcome (5, "ep-1", 10000));
  soup_websocket_connection_close (peer->conn, 4004, "hello twice");
  wait_state (f, PLT_CONNECTION_STATE_FAILED);

  g_assert_nonnull (strstr (plt_client_get_last_error (f->client), "protocol error"));
  g_assert_nonnull (strstr (plt_client_get_last_error (f->client), "hello twice"));
  g_assert_cmpint (plt_client_get_retry_at (f->client), ==, 0);
  g_assert_false (saw_state (f, PLT_CONNECTION_STATE_RECONNECTING));

  /* Connecting again is allowed. */
  plt_client_connect (f->client, f->uri);
  wait_peer (f, 1);
  g_assert_cmpint (plt_client_get_state (f->client), ==, PLT_CONNECTION_STATE_CONNECTING);
}

static void
test_newer_version_fails (Fixture       *f,
                          gconstpointer  data)
{
  Peer *peer;

  plt_client_connect (f->client, f->uri);
  peer = wait_peer (f, 0);
  send_text (peer, "{\"v\":2,\"type\":\"welcome\",\"seq\":0,\"epoch\":\"e\",\"data\":{}}");
  wait_state (f, PLT_CONNECTION_STATE_FAILED);

  g_assert_cmpuint (f->errors->len, ==, 1);
  g_assert_nonnull (strstr (plt_client_get_last_error (f->client), "newer version"));
  wait_until (peer_closed, peer);
  g_assert_cmpuint (peer->close_code, ==, 4004);
}

static void
test_snapshot_inconsistent (Fixture       *f,
                            gconstpointer  data)
{
  ReceivedWait resync = { NULL, PLT_MESSAGE_RESYNC, 0 };
  Peer *peer;

  plt_client_connect (f->client, f->uri);
  peer = wait_peer (f, 0);
  resync.peer = peer;

  /* A part out of order. */
  send_message (peer, welcome (0, "ep-1", 10000));
  send_message (peer, begin ("ep-1", "snap-1", 0, 2, 1, 1));
  send_message (peer, part ("ep-1", 0, "snap-1", 1, TRUE, NULL));
  wait_until (peer_received, &resync);
  g_ptr_array_set_size (peer->received, 1);

  /* Counts that do not match at the end. */
  send_message (peer, begin ("ep-1", "snap-2", 0, 1, 1, 2));
  send_message (peer, part ("ep-1", 0, "snap-2", 0, TRUE, "a-1", (gint64) 1, "Ann", NULL));
  send_message (peer, end ("ep-1", 0, "snap-2"));
  wait_until (peer_received, &resync);
  g_ptr_array_set_size (peer->received, 1);

  /* Another snapshot's part. */
  send_message (peer, begin ("ep-1", "snap-3", 0, 1, 1, 1));
  send_message (peer, part ("ep-1", 0, "snap-x", 0, TRUE, "a-1", (gint64) 1, "Ann", NULL));
  wait_until (peer_received, &resync);

  /* Nothing was applied, and a correct snapshot still works. */
  g_assert_null (agent_name (f, "a-1"));
  g_assert_cmpuint (f->synced, ==, 0);
  send_message (peer, begin ("ep-1", "snap-4", 0, 1, 1, 1));
  send_message (peer, part ("ep-1", 0, "snap-4", 0, TRUE, "a-1", (gint64) 1, "Ann", NULL));
  send_message (peer, end ("ep-1", 0, "snap-4"));
  wait_state (f, PLT_CONNECTION_STATE_LIVE);
  g_assert_cmpstr (agent_name (f, "a-1"), ==, "Ann");
}

static void
test_disconnect (Fixture       *f,
                 gconstpointer  data)
{
  Peer *peer;

  plt_client_connect (f->client, f->uri);
  peer = wait_peer (f, 0);
  initial_sync (f, peer, "ep-1", 5);

  plt_client_disconnect (f->client);
  g_assert_cmpint (plt_client_get_state (f->client), ==, PLT_CONNECTION_STATE_DISCONNECTED);
  g_assert_false (plt_clock_get_running (f->clock));
  wait_until (peer_closed, peer);
  g_assert_cmpuint (peer->close_code, ==, SOUP_WEBSOCKET_CLOSE_NORMAL);

  /* The model keeps the last data. */
  g_assert_cmpstr (agent_name (f, "a-1"), ==, "Ann");

  /* reconnect_now does nothing unless reconnecting. */
  plt_client_reconnect_now (f->client);
  g_assert_cmpint (plt_client_get_state (f->client), ==, PLT_CONNECTION_STATE_DISCONNECTED);
}

static gboolean
last_error_set (PltClient *client)
{
  return plt_client_get_last_error (client) != NULL;
}

static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *expected = NULL;
  guint port;

  /* A port that was free a moment ago, and that nobody listens on. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (socket, address, TRUE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (socket, NULL);

  uri = g_strdup_printf ("ws://127.0.0.1:%u/acd", port);
  plt_client_set_backoff (f->client, 5000, 10000, 60000);
  plt_client_connect (f->client, uri);
  wait_until (last_error_set, f->client);

  expected = g_strdup_printf ("The router at 127.0.0.1:%u refused the connection", port);
  g_assert_cmpstr (plt_client_get_last_error (f->client), ==, expected);
  g_assert_cmpint (plt_client_get_state (f->client), ==, PLT_CONNECTION_STATE_RECONNECTING);
  g_assert_cmpint (plt_client_get_retry_at (f->client), >, g_get_monotonic_time () - G_USEC_PER_SEC);

  /* "Reconnect now" skips the wait: a new attempt starts at once. */
  plt_client_reconnect_now (f->client);
  g_assert_cmpint (plt_client_get_state (f->client), ==, PLT_CONNECTION_STATE_CONNECTING);
  wait_state (f, PLT_CONNECTION_STATE_RECONNECTING);
}

static void
test_bad_uri (Fixture       *f,
              gconstpointer  data)
{
  plt_client_connect (f->client, "http://127.0.0.1:8765/acd");
  g_assert_cmpint (plt_client_get_state (f->client), ==, PLT_CONNECTION_STATE_FAILED);
  g_assert_nonnull (strstr (plt_client_get_last_error (f->client), "is not a router address"));

  plt_client_connect (f->client, "not a uri at all");
  g_assert_cmpint (plt_client_get_state (f->client), ==, PLT_CONNECTION_STATE_FAILED);
}

/* ------------------------------------------------------------------------ */
/* A peer that answers the handshake with the subprotocol in capitals,      */
/* which libsoup 3.2.3 accepts (it compares without regard to case).        */
/* ------------------------------------------------------------------------ */

static gboolean
raw_handshake_cb (GThreadedSocketService *service,
                  GSocketConnection      *connection,
                  GObject                *source,
                  gpointer                user_data)
{
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  g_autoptr(GString) request = g_string_new (NULL);
  g_autofree char *accept_source = NULL;
  g_autofree char *response = NULL;
  g_autofree char *accept = NULL;
  g_autofree char *key = NULL;
  guchar digest[20];
  gsize digest_len = sizeof digest;
  GChecksum *sha1;
  const char *line;
  char buffer[1024];

  while (strstr (request->str, "\r\n\r\n") == NULL)
    {
      gssize n = g_input_stream_read (in, buffer, sizeof buffer, NULL, NULL);

      if (n <= 0)
        return TRUE;
      g_string_append_len (request, buffer, n);
    }

  line = strstr (request->str, "Sec-WebSocket-Key: ");
  if (line == NULL)
    return TRUE;
  line += strlen ("Sec-WebSocket-Key: ");
  key = g_strndup (line, strcspn (line, "\r\n"));

  accept_source = g_strconcat (key, "258EAFA5-E914-47DA-95CA-C5AB0DC85B11", NULL);
  sha1 = g_checksum_new (G_CHECKSUM_SHA1);
  g_checksum_update (sha1, (const guchar *) accept_source, -1);
  g_checksum_get_digest (sha1, digest, &digest_len);
  g_checksum_free (sha1);
  accept = g_base64_encode (digest, digest_len);

  response = g_strdup_printf ("HTTP/1.1 101 Switching Protocols\r\n"
                              "Upgrade: websocket\r\n"
                              "Connection: Upgrade\r\n"
                              "Sec-WebSocket-Accept: %s\r\n"
                              "Sec-WebSocket-Protocol: PLATEAU.V1\r\n"
                              "\r\n", accept);
  g_output_stream_write_all (out, response, strlen (response), NULL, NULL, NULL);

  /* Hold the connection until the client closes it. */
  while (g_input_stream_read (in, buffer, sizeof buffer, NULL, NULL) > 0)
    ;

  return TRUE;
}

static void
test_subprotocol_case (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GSocketService) service = g_threaded_socket_service_new (1);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;

  g_socket_listener_add_address (G_SOCKET_LISTENER (service), address,
                                 G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                 NULL, &effective, &error);
  g_assert_no_error (error);
  g_signal_connect (service, "run", G_CALLBACK (raw_handshake_cb), NULL);
  g_socket_service_start (service);

  uri = g_strdup_printf ("ws://127.0.0.1:%u/acd",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective)));
  plt_client_connect (f->client, uri);
  wait_state (f, PLT_CONNECTION_STATE_FAILED);
  g_assert_nonnull (strstr (plt_client_get_last_error (f->client), "does not speak this version"));

  plt_client_disconnect (f->client);
  g_socket_service_stop (service);
  g_socket_listener_close (G_SOCKET_LISTENER (service));
}

/* KPIs ---------------------------------------------------------------------- */

/* The index of the first message of type @type_name the peer received at or
 * after @from, or -1. */
static int
peer_find (Peer       *peer,
           const char *type_name,
           guint       from,
           PltMessage **out)
{
  g_autoptr(PltDecoder) decoder = plt_decoder_new (PLT_DECODER_FROM_CLIENT);

  for (guint i = from; i < peer->received->len; i++)
    {
      const char *text = g_ptr_array_index (peer->received, i);
      g_autoptr(PltMessage) message = plt_decoder_decode (decoder, text, strlen (text), NULL);

      g_assert_nonnull (message);
      if (g_strcmp0 (message->type_name, type_name) == 0)
        {
          if (out != NULL)
            *out = g_steal_pointer (&message);
          return (int) i;
        }
    }

  return -1;
}

typedef struct
{
  Peer       *peer;
  const char *type_name;
} FindWait;

static gboolean
peer_has (FindWait *w)
{
  return peer_find (w->peer, w->type_name, 0, NULL) >= 0;
}

static PltMessage *
queue_delta (const char *epoch,
             gint64      seq,
             const char *id)
{
  PltMessage *message = server_message (PLT_MESSAGE_QUEUE_UPDATE, seq, epoch);

  message->u.queue = plt_queue_data_new ();
  message->u.queue->id = g_strdup (id);
  message->u.queue->ver = 1;
  message->u.queue->name = g_strdup ("Ventes");
  message->u.queue->media = PLT_QUEUE_MEDIA_INBOUND;
  message->u.queue->sl_threshold_s = 20;
  message->u.queue->sl_target = 0.8;

  return message;
}

static PltMessage *
kpi_update (const char *epoch,
            const char *id,
            const char *period,
            double      service_level)
{
  /* Not a delta: it carries the seq of the latest one. */
  PltMessage *message = server_message (PLT_MESSAGE_KPI_UPDATE, 2, epoch);
  PltKpiUpdateData *data = &message->u.kpi_update;

  data->scope = g_strdup ("queue");
  data->id = g_strdup (id);
  data->period = g_strdup (period);
  data->from = 1795741200000;
  data->to = 1795774530000;
  data->sl_variant = g_strdup ("short_abandons_excluded");
  data->sl_threshold_s = 20;
  data->values.offered = 10;
  data->values.answered = 8;
  data->values.service_level = service_level;
  data->values.asa_s = 12.5;

  return message;
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static gboolean
queue_has_rolling (Fixture *f)
{
  PltQueue *queue = plt_model_lookup_queue (f->model, "q-1");

  return queue != NULL && plt_queue_get_kpi (queue, PLT_KPI_PERIOD_ROLLING) != NULL;
}

static void
test_kpi_live (Fixture       *f,
               gconstpointer  data)
{
  Peer *peer;
  PltQueue *queue;
  const PltKpiFigures *today;
  FindWait subscribed = { NULL, "kpi.subscribe" };
  g_autoptr(PltMessage) subscribe = NULL;
  static const char * const scopes[] = { "queue", "team", NULL };
  guint notified = 0;
  guint errors;
  int index;

  plt_client_connect (f->client, f->uri);
  peer = wait_peer (f, 0);
  initial_sync (f, peer, "ep-1", 1);

  /* Once the snapshot is applied, the client asks for live figures. */
  subscribed.peer = peer;
  wait_until (peer_has, &subscribed);
  index = peer_find (peer, "kpi.subscribe", 0, &subscribe);
  g_assert_cmpint (index, >, 0);
  g_assert_cmpint (subscribe->type, ==, PLT_MESSAGE_KPI_SUBSCRIBE);
  g_assert_cmpstrv (subscribe->u.kpi_subscribe.scopes, scopes);

  send_message (peer, queue_delta ("ep-1", 2, "q-1"));
  barrier (f, peer);
  queue = plt_model_lookup_queue (f->model, "q-1");
  g_assert_nonnull (queue);
  g_assert_null (plt_queue_get_kpi (queue, PLT_KPI_PERIOD_TODAY));
  g_signal_connect (queue, "notify::kpi-today", G_CALLBACK (count_notify_cb), &notified);

  errors = f->errors->len;

  /* Figures of a queue the model does not hold, or of an unknown period,
   * are dropped; the others are kept, with the queue's variant and T. */
  send_message (peer, kpi_update ("ep-1", "q-unknown", "today", 0.5));
  send_message (peer, kpi_update ("ep-1", "q-1", "yesterday", 0.5));
  send_message (peer, kpi_update ("ep-1", "q-1", "today", 0.75));
  send_message (peer, kpi_update ("ep-1", "q-1", "today", 0.75));   /* the same: no notify */
  send_message (peer, kpi_update ("ep-1", "q-1", "rolling", 0.9));
  wait_until (queue_has_rolling, f);

  today = plt_queue_get_kpi (queue, PLT_KPI_PERIOD_TODAY);
  g_assert_nonnull (today);
  g_assert_cmpint (today->period, ==, PLT_KPI_PERIOD_TODAY);
  g_assert_true (today->has_sl_variant);
  g_assert_cmpint (today->sl_variant, ==, PLT_SL_SHORT_EXCLUDED);
  g_assert_cmpuint (today->sl_threshold_s, ==, 20);
  g_assert_cmpfloat (today->values.service_level, ==, 0.75);
  g_assert_cmpfloat (today->values.asa_s, ==, 12.5);
  g_assert_cmpint (today->values.offered, ==, 10);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpfloat (plt_queue_get_kpi (queue, PLT_KPI_PERIOD_ROLLING)->values.service_level, ==, 0.9);

  /* None of it is an error, nor are the answers to the subscription. */
  send_text (peer, "{\"v\":1,\"type\":\"result\",\"seq\":2,\"epoch\":\"ep-1\",\"data\":{\"reply_to\":\"kpi-subscribe\",\"ok\":true}}");
  barrier (f, peer);
  g_assert_cmpuint (f->errors->len, ==, errors + 1);   /* the barrier's own */
  g_signal_handlers_disconnect_by_func (queue, count_notify_cb, &notified);
}

typedef struct
{
  gboolean   done;
  GPtrArray *rows;
  GError    *error;
} QueryWait;

static void
query_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  QueryWait *w = user_data;

  w->rows = plt_client_query_kpi_finish (PLT_CLIENT (source), result, &w->error);
  w->done = TRUE;
}

static gboolean
query_done (QueryWait *w)
{
  return w->done;
}

static void
query_wait_clear (QueryWait *w)
{
  g_clear_pointer (&w->rows, g_ptr_array_unref);
  g_clear_error (&w->error);
  w->done = FALSE;
}

/* Waits for the @n-th kpi.query (from 1) and returns its id. */
static char *
wait_query (Peer  *peer,
            guint  n)
{
  FindWait w = { peer, "kpi.query" };
  g_autoptr(PltMessage) query = NULL;
  guint from = 0;
  int index = -1;

  for (guint i = 0; i < n; i++)
    {
      wait_until (peer_has, &w);
      while ((index = peer_find (peer, "kpi.query", from, NULL)) < 0)
        g_main_context_iteration (NULL, TRUE);
      from = (guint) index + 1;
    }
  g_assert_cmpint (peer_find (peer, "kpi.query", (guint) index, &query), ==, index);

  return g_strdup (query->u.kpi_query.id);
}

static void
test_kpi_query (Fixture       *f,
                gconstpointer  data)
{
  static const char * const ids[] = { "q-1", NULL };
  QueryWait w = { 0 };
  g_autoptr(PltMessage) query = NULL;
  g_autofree char *id = NULL;
  g_autofree char *refusal = NULL;
  PltMessage *result;
  PltKpiRow *row;
  Peer *peer;

  /* Not connected: at once. */
  plt_client_query_kpi_period (f->client, PLT_KPI_SCOPE_QUEUE, ids, PLT_KPI_PERIOD_TODAY, 900,
                               NULL, query_done_cb, &w);
  wait_until (query_done, &w);
  g_assert_error (w.error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED);
  query_wait_clear (&w);

  plt_client_connect (f->client, f->uri);
  peer = wait_peer (f, 0);
  initial_sync (f, peer, "ep-1", 1);

  /* A question and its answer. */
  plt_client_query_kpi_period (f->client, PLT_KPI_SCOPE_QUEUE, ids, PLT_KPI_PERIOD_TODAY, 900,
                               NULL, query_done_cb, &w);
  id = wait_query (peer, 1);
  g_assert_cmpint (peer_find (peer, "kpi.query", 0, &query), >, 0);
  g_assert_cmpstr (query->u.kpi_query.scope, ==, "queue");
  g_assert_cmpstr (query->u.kpi_query.period, ==, "today");
  g_assert_cmpint (query->u.kpi_query.interval_s, ==, 900);
  g_assert_cmpstrv (query->u.kpi_query.ids, ids);

  result = server_message (PLT_MESSAGE_KPI_RESULT, 1, "ep-1");
  result->u.kpi_result.reply_to = g_strdup ("kpi-other");
  result->u.kpi_result.scope = g_strdup ("queue");
  send_message (peer, result);                 /* nobody waits for it */
  result = server_message (PLT_MESSAGE_KPI_RESULT, 1, "ep-1");
  result->u.kpi_result.reply_to = g_strdup (id);
  result->u.kpi_result.scope = g_strdup ("queue");
  row = g_new0 (PltKpiRow, 1);
  row->id = g_strdup ("q-1");
  row->from = 1795741200000;
  row->to = 1795742100000;
  plt_kpi_values_init (&row->values);
  row->values.offered = 12;
  row->values.service_level = 0.5;
  g_ptr_array_add (result->u.kpi_result.rows, row);
  send_message (peer, result);
  wait_until (query_done, &w);
  g_assert_no_error (w.error);
  g_assert_cmpuint (w.rows->len, ==, 1);
  row = g_ptr_array_index (w.rows, 0);
  g_assert_cmpstr (row->id, ==, "q-1");
  g_assert_cmpint (row->from, ==, 1795741200000);
  g_assert_cmpint (row->values.offered, ==, 12);
  g_assert_cmpfloat (row->values.service_level, ==, 0.5);
  query_wait_clear (&w);

  /* A refusal answers the question, in the router's words. */
  plt_client_query_kpi (f->client, PLT_KPI_SCOPE_QUEUE, NULL, 1795741200000, 1795827600000, 0,
                        NULL, query_done_cb, &w);
  g_free (id);
  id = wait_query (peer, 2);
  refusal = plt_protocol_encode_error_full (1, "ep-1", PLT_PROTOCOL_ERROR_FORBIDDEN,
                                            "not your queue", FALSE, id, 0);
  send_text (peer, refusal);
  wait_until (query_done, &w);
  g_assert_error (w.error, PLT_PROTOCOL_ERROR, PLT_PROTOCOL_ERROR_FORBIDDEN);
  g_assert_cmpstr (w.error->message, ==, "not your queue");
  g_assert_null (plt_client_get_last_error (f->client));
  query_wait_clear (&w);

  /* A link that drops fails the questions in flight. */
  plt_client_query_kpi (f->client, PLT_KPI_SCOPE_QUEUE, NULL, 1795741200000, 1795827600000, 0,
                        NULL, query_done_cb, &w);
  g_free (id);
  id = wait_query (peer, 3);
  soup_websocket_connection_close (peer->conn, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, NULL);
  wait_until (query_done, &w);
  g_assert_error (w.error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED);
  query_wait_clear (&w);

  /* A cancelled question returns cancelled, and its late answer is
   * ignored. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    Peer *again;

    again = wait_peer (f, 1);
    initial_sync (f, again, "ep-1", 1);
    plt_client_query_kpi (f->client, PLT_KPI_SCOPE_QUEUE, NULL, 1795741200000, 1795827600000, 0,
                          cancellable, query_done_cb, &w);
    g_cancellable_cancel (cancellable);
    wait_until (query_done, &w);
    g_assert_error (w.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    query_wait_clear (&w);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/Plateau/Client/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("handshake-snapshot", test_handshake_snapshot);
  ADD ("deltas-during-snapshot", test_deltas_during_snapshot);
  ADD ("gap-resync", test_gap_resync);
  ADD ("duplicate-dropped", test_duplicate_dropped);
  ADD ("malformed-frames", test_malformed_frames);
  ADD ("epoch-change", test_epoch_change);
  ADD ("snapshot-backwards", test_snapshot_backwards);
  ADD ("server-close-reconnects", test_server_close_reconnects);
  ADD ("liveness", test_liveness);
  ADD ("fatal-close", test_fatal_close);
  ADD ("newer-version-fails", test_newer_version_fails);
  ADD ("snapshot-inconsistent", test_snapshot_inconsistent);
  ADD ("disconnect", test_disconnect);
  ADD ("refused", test_refused);
  ADD ("bad-uri", test_bad_uri);
  ADD ("subprotocol-case", test_subprotocol_case);
  ADD ("kpi-live", test_kpi_live);
  ADD ("kpi-query", test_kpi_query);

#undef ADD

  return g_test_run ();
}
