/* plt-session.c — one session of the router: its own stream of events,
 * numbered after the role filter, a bounded replay ring to resume from,
 * flow control, and the messages its console sends
 *
 * A session outlives its connection: when the link drops, the session is
 * kept (resume_keep_ms, 5 min) and goes on recording what its view sees
 * in the ring, so that a console that comes back with
 * hello.resume {session, epoch, seq} gets exactly what it missed.
 *
 * Flow control: libsoup queues whatever is sent, without bound. The
 * session counts the events and bytes sent since the last `ack`; past
 * max_lag_events or max_lag_bytes it stops sending, closes with 4008 "slow
 * consumer" and, a moment later, closes the socket itself, since a frozen
 * peer never completes a close handshake (and its queue is only freed then).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "plt-router-private.h"

#define MAX_ERRORS_IN_A_ROW       20
#define MAX_ERROR_TEXT            1024
#define FORCE_CLOSE_MS            1000

typedef struct
{
  gint64  seq;
  char   *text;
  gsize   length;
} RingEntry;

typedef struct
{
  gint64  seq;
  guint64 sent_bytes;   /* bytes sent on the link up to and with this seq */
} Mark;

struct _PltSession
{
  PltRouter                *router;
  char                     *id;
  PltUser                  *user;          /* NULL with --no-auth */
  PltView                  *view;
  gint64                    token_expires_ms;

  /* The link */
  SoupWebsocketConnection  *conn;
  GSocket                  *socket;        /* under conn, to cut it */
  char                     *peer;
  PltDecoder               *decoder;
  GSource                  *hello_timeout;
  GSource                  *heartbeat;
  GSource                  *force_close;
  guint                     errors;        /* in a row */
  gint64                    detached_us;   /* monotonic; 0 while connected */

  /* The stream */
  gint64                    seq;
  gint64                    acked_seq;
  guint64                   sent_bytes;    /* on this link */
  guint64                   acked_bytes;
  GQueue                    marks;         /* Mark* */
  GQueue                    ring;          /* RingEntry* */
  gsize                     ring_bytes;
  GHashTable               *known[4];      /* dynamic views: ids sent */

  guint                     hello : 1;      /* this link said hello */
  guint                     streaming : 1;  /* the session has a stream */
  guint                     closing : 1;
  guint                     closed : 1;
};

static void on_ws_message (SoupWebsocketConnection *conn, gint type, GBytes *bytes, gpointer user_data);
static void on_ws_error (SoupWebsocketConnection *conn, GError *error, gpointer user_data);
static void on_ws_closed (SoupWebsocketConnection *conn, gpointer user_data);
static gboolean on_hello_timeout (gpointer user_data);

/* ------------------------------------------------------------------------ */
/* The ring                                                                  */
/* ------------------------------------------------------------------------ */

static void
ring_entry_free (gpointer data)
{
  RingEntry *entry = data;

  g_free (entry->text);
  g_free (entry);
}

static void
ring_push (PltSession *session,
           gint64      seq,
           char       *text)
{
  PltRouter *router = session->router;
  RingEntry *entry = g_new0 (RingEntry, 1);

  entry->seq = seq;
  entry->text = text;
  entry->length = strlen (text);
  g_queue_push_tail (&session->ring, entry);
  session->ring_bytes += entry->length;

  while (session->ring.length > router->ring_events || session->ring_bytes > router->ring_bytes)
    {
      RingEntry *old = g_queue_pop_head (&session->ring);

      session->ring_bytes -= old->length;
      ring_entry_free (old);
    }
}

/* The seq of the oldest event the ring still has, or seq + 1 when empty. */
static gint64
ring_first_seq (PltSession *session)
{
  RingEntry *head = g_queue_peek_head (&session->ring);

  return head != NULL ? head->seq : session->seq + 1;
}

/* ------------------------------------------------------------------------ */
/* The link                                                                  */
/* ------------------------------------------------------------------------ */

static gboolean
can_send (PltSession *session)
{
  return session->conn != NULL && !session->closing && !session->closed &&
         soup_websocket_connection_get_state (session->conn) == SOUP_WEBSOCKET_STATE_OPEN;
}

static void
touch_heartbeat (PltSession *session)
{
  if (session->heartbeat != NULL)
    g_source_set_ready_time (session->heartbeat,
                             g_get_monotonic_time () +
                             (gint64) session->router->heartbeat_ms * G_TIME_SPAN_MILLISECOND);
}

static void
destroy_source (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}

static void
stop_timers (PltSession *session)
{
  destroy_source (&session->hello_timeout);
  destroy_source (&session->heartbeat);
}

static void
close_io_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_io_stream_close_finish (G_IO_STREAM (source), result, NULL);
}

/* Cuts the socket under the WebSocket: libsoup's reads see the end and
 * its writes fail, so it closes the connection itself (and frees what it
 * queued for the peer); "closed" follows. A shutdown rather than a close:
 * the descriptor stays valid for the sources libsoup has on it. */
static void
force_close_io (PltSession *session)
{
  if (session->conn == NULL || session->closed)
    return;

  if (session->socket != NULL)
    g_socket_shutdown (session->socket, TRUE, TRUE, NULL);
  else
    g_io_stream_close_async (soup_websocket_connection_get_io_stream (session->conn),
                             G_PRIORITY_DEFAULT, NULL, close_io_cb, NULL);
}

static gboolean
on_force_close (gpointer user_data)
{
  PltSession *session = user_data;

  g_clear_pointer (&session->force_close, g_source_unref);
  if (!session->closed)
    {
      g_message ("session %s: the peer did not finish closing; dropping the socket", session->id);
      force_close_io (session);
    }

  return G_SOURCE_REMOVE;
}

void
_plt_session_close (PltSession *session,
                    gushort     code,
                    const char *reason)
{
  if (session->conn == NULL || session->closing || session->closed)
    return;

  session->closing = TRUE;
  stop_timers (session);

  g_message ("session %s: closing (%u, %s)", session->id, code, reason);
  if (soup_websocket_connection_get_state (session->conn) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_close (session->conn, code, reason);

  /* A peer that does not answer the close within a second is dropped. */
  session->force_close = g_timeout_source_new (FORCE_CLOSE_MS);
  g_source_set_static_name (session->force_close, "[plateau-router] force close");
  g_source_set_callback (session->force_close, on_force_close, session, NULL);
  g_source_attach (session->force_close, session->router->context);
}

static void
slow_consumer (PltSession *session,
               gint64      lag_events,
               guint64     lag_bytes)
{
  g_message ("session %s: slow consumer (%" G_GINT64_FORMAT " events, %" G_GUINT64_FORMAT
             " bytes not acknowledged); closing with 4008", session->id, lag_events, lag_bytes);
  session->router->n_slow_consumers++;
  _plt_session_close (session, CLOSE_SLOW_CONSUMER, "slow consumer");
  /* Its queue only shrinks if it reads: do not wait for a frozen peer. */
  force_close_io (session);
}

/* Sends @text on the link, if there is one that is open, and checks the lag. */
static void
send_text (PltSession *session,
           const char *text)
{
  gint64 lag_events;
  guint64 lag_bytes;

  if (!can_send (session) || text == NULL)
    return;

  soup_websocket_connection_send_text (session->conn, text);
  session->sent_bytes += strlen (text);
  touch_heartbeat (session);

  lag_events = session->seq - session->acked_seq;
  lag_bytes = session->sent_bytes - session->acked_bytes;
  if (lag_events > (gint64) session->router->max_lag_events || lag_bytes > session->router->max_lag_bytes)
    slow_consumer (session, lag_events, lag_bytes);
}

/* A delta of the stream: sent, with a mark for the ack that releases it. */
static void
send_delta (PltSession *session,
            gint64      seq,
            const char *text)
{
  Mark *mark;

  if (!can_send (session) || !session->hello)
    return;

  mark = g_new (Mark, 1);
  mark->seq = seq;
  mark->sent_bytes = session->sent_bytes + strlen (text);
  g_queue_push_tail (&session->marks, mark);

  send_text (session, text);
}

static void
release_later (gpointer object)
{
  g_idle_add_once ((GSourceOnceFunc) g_object_unref, object);
}

/* Lets go of the connection (closing it at once if it is still open). */
static void
detach_link (PltSession *session)
{
  SoupWebsocketConnection *conn = g_steal_pointer (&session->conn);

  stop_timers (session);
  destroy_source (&session->force_close);

  if (conn != NULL)
    {
      g_signal_handlers_disconnect_by_data (conn, session);
      if (soup_websocket_connection_get_state (conn) != SOUP_WEBSOCKET_STATE_CLOSED)
        {
          if (session->socket != NULL)
            g_socket_shutdown (session->socket, TRUE, TRUE, NULL);
          soup_websocket_connection_close (conn, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, NULL);
        }
      release_later (conn);
    }
  g_clear_object (&session->socket);

  g_clear_pointer (&session->peer, g_free);
  g_clear_object (&session->decoder);
  session->hello = FALSE;
  session->closing = FALSE;
  session->closed = TRUE;
  session->errors = 0;
  if (session->detached_us == 0)
    session->detached_us = g_get_monotonic_time ();
}

/* ------------------------------------------------------------------------ */
/* Life                                                                      */
/* ------------------------------------------------------------------------ */

static void
attach_link (PltSession              *session,
             SoupWebsocketConnection *conn,
             GSocket                 *socket,
             const char              *peer)
{
  session->conn = g_object_ref (conn);
  g_set_object (&session->socket, socket);
  session->peer = g_strdup (peer);
  session->decoder = plt_decoder_new (PLT_DECODER_FROM_CLIENT);
  session->detached_us = 0;
  session->closing = FALSE;
  session->closed = FALSE;
  session->hello = FALSE;
  session->errors = 0;

  g_signal_connect (conn, "message", G_CALLBACK (on_ws_message), session);
  g_signal_connect (conn, "error", G_CALLBACK (on_ws_error), session);
  g_signal_connect (conn, "closed", G_CALLBACK (on_ws_closed), session);
}

PltSession *
_plt_session_new (PltRouter               *router,
                  SoupWebsocketConnection *conn,
                  GSocket                 *socket,
                  const char              *peer,
                  PltUser                 *user,
                  gint64                   token_expires_ms)
{
  PltSession *session = g_new0 (PltSession, 1);

  session->router = router;
  session->id = g_strdup_printf ("s-%" G_GUINT64_FORMAT, ++router->next_session);
  session->user = user;
  session->token_expires_ms = token_expires_ms;
  g_queue_init (&session->ring);
  g_queue_init (&session->marks);
  attach_link (session, conn, socket, peer);

  session->hello_timeout = g_timeout_source_new (router->hello_timeout_ms);
  g_source_set_static_name (session->hello_timeout, "[plateau-router] hello timeout");
  g_source_set_callback (session->hello_timeout, on_hello_timeout, session, NULL);
  g_source_attach (session->hello_timeout, router->context);

  g_message ("session %s: connected from %s as %s", session->id, peer,
             user != NULL ? user->name : "anyone (no authentication)");

  return session;
}

void
_plt_session_free (PltSession *session)
{
  stop_timers (session);
  destroy_source (&session->force_close);
  if (session->conn != NULL)
    {
      g_signal_handlers_disconnect_by_data (session->conn, session);
      g_clear_object (&session->conn);
    }
  g_clear_object (&session->socket);
  g_clear_object (&session->decoder);
  g_queue_clear_full (&session->ring, ring_entry_free);
  g_queue_clear_full (&session->marks, g_free);
  for (guint k = 0; k < G_N_ELEMENTS (session->known); k++)
    g_clear_pointer (&session->known[k], g_hash_table_unref);
  g_clear_pointer (&session->view, plt_view_free);
  g_clear_pointer (&session->user, plt_user_free);
  g_free (session->id);
  g_free (session->peer);
  g_free (session);
}

const char *
_plt_session_get_id (PltSession *session)
{
  return session->id;
}

PltView *
_plt_session_get_view (PltSession *session)
{
  return session->view;
}

const PltUser *
_plt_session_get_user (PltSession *session)
{
  return session->user;
}

void
_plt_session_send_event (PltSession *session,
                         const char *text)
{
  g_autofree char *with_seq = NULL;

  if (!session->streaming || text == NULL)
    return;

  with_seq = _plt_router_with_seq (text, session->seq);
  send_text (session, with_seq);
}

gboolean
_plt_session_is_connected (PltSession *session)
{
  return session->conn != NULL && !session->closed;
}

gboolean
_plt_session_is_streaming (PltSession *session)
{
  return session->streaming;
}

gboolean
_plt_session_is_done (PltSession *session,
                      gint64      now_us)
{
  if (_plt_session_is_connected (session))
    return FALSE;

  if (!session->streaming)
    return TRUE;

  return session->detached_us != 0 &&
         now_us - session->detached_us > (gint64) session->router->resume_keep_ms * 1000;
}

gint64
_plt_session_get_seq (PltSession *session)
{
  return session->seq;
}

gint64
_plt_session_get_acked_seq (PltSession *session)
{
  return session->acked_seq;
}

gboolean
_plt_session_knows (PltSession   *session,
                    PltAcdEntity  kind,
                    const char   *id)
{
  return session->known[kind] != NULL && g_hash_table_contains (session->known[kind], id);
}

void
_plt_session_set_known (PltSession   *session,
                        PltAcdEntity  kind,
                        const char   *id,
                        gboolean      known)
{
  if (session->known[kind] == NULL)
    session->known[kind] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (known)
    g_hash_table_add (session->known[kind], g_strdup (id));
  else
    g_hash_table_remove (session->known[kind], id);
}

void
_plt_session_publish (PltSession *session,
                      const char *text)
{
  char *with_seq;

  if (!session->streaming || text == NULL)
    return;

  with_seq = _plt_router_with_seq (text, ++session->seq);
  send_delta (session, session->seq, with_seq);
  ring_push (session, session->seq, with_seq);
}

void
_plt_session_drop_link (PltSession *session)
{
  if (_plt_session_is_connected (session))
    force_close_io (session);
}

void
_plt_session_tick (PltSession *session,
                   gint64      now_ms)
{
  if (session->token_expires_ms != 0 && now_ms >= session->token_expires_ms && _plt_session_is_connected (session))
    {
      session->token_expires_ms = 0;
      _plt_session_close (session, CLOSE_TOKEN_EXPIRED, "the login expired; sign in again");
    }
}

/* ------------------------------------------------------------------------ */
/* Sending what is not a delta                                               */
/* ------------------------------------------------------------------------ */

static void
send_snapshot (PltSession *session,
               const char *reason)
{
  PltRouter *router = session->router;
  SnapshotCache *cache = _plt_router_get_snapshot (router, session->view);
  g_autofree char *begin = NULL;
  PltMessage message = { 0 };
  Mark *mark;

  message.type = PLT_MESSAGE_SNAPSHOT_BEGIN;
  message.has_seq = TRUE;
  message.seq = session->seq;
  message.epoch = router->epoch;
  message.ts = _plt_router_now (router);
  message.u.snapshot_begin.snapshot_id = cache->id;
  message.u.snapshot_begin.as_of_seq = session->seq;
  message.u.snapshot_begin.parts = cache->texts->len - 1;
  message.u.snapshot_begin.reason = (char *) reason;
  message.u.snapshot_begin.count_teams = cache->counts[PLT_ACD_ENTITY_TEAM];
  message.u.snapshot_begin.count_agents = cache->counts[PLT_ACD_ENTITY_AGENT];
  message.u.snapshot_begin.count_queues = cache->counts[PLT_ACD_ENTITY_QUEUE];
  message.u.snapshot_begin.count_calls = cache->counts[PLT_ACD_ENTITY_CALL];
  begin = plt_message_encode (&message);

  if (plt_view_is_dynamic (session->view))
    _plt_router_seed_known (router, session);

  g_info ("session %s: snapshot %s (%s, %s) as of seq %" G_GINT64_FORMAT ", %u parts",
          session->id, cache->id, reason, plt_view_get_key (session->view), session->seq, cache->texts->len - 1);

  /* The snapshot counts towards the lag until an ack of its seq. */
  mark = g_new (Mark, 1);
  mark->seq = session->seq;
  mark->sent_bytes = session->sent_bytes + strlen (begin) + cache->bytes;
  g_queue_push_tail (&session->marks, mark);

  send_text (session, begin);
  for (guint i = 0; i < cache->texts->len; i++)
    {
      g_autofree char *text = _plt_router_with_seq (g_ptr_array_index (cache->texts, i), session->seq);

      send_text (session, text);
    }
}

/* Keeps an error text short enough for any client, cut on a character. */
static char *
error_text (const char *text)
{
  const char *end;

  if (strlen (text) <= MAX_ERROR_TEXT)
    return g_strdup (text);

  end = g_utf8_find_prev_char (text, text + MAX_ERROR_TEXT);
  return g_strdup_printf ("%.*s…", (int) (end - text), text);
}

/* A rejected message: counts towards MAX_ERRORS_IN_A_ROW. */
static void
session_error (PltSession       *session,
               PltProtocolError  code,
               const char       *text)
{
  PltRouter *router = session->router;
  g_autofree char *short_text = error_text (text);
  g_autofree char *frame = NULL;
  gboolean fatal;

  session->errors++;
  fatal = session->errors >= MAX_ERRORS_IN_A_ROW;

  g_info ("session %s: rejected a message (%s): %s", session->id,
          plt_protocol_error_code_to_string (code), short_text);

  frame = plt_protocol_encode_error (session->seq, router->epoch, code, short_text, fatal);
  send_text (session, frame);

  if (fatal)
    _plt_session_close (session, SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION, "too many errors in a row");
}

static gboolean
on_heartbeat (gpointer user_data)
{
  PltSession *session = user_data;
  PltRouter *router = session->router;
  g_autofree char *text = NULL;
  PltMessage message = { 0 };

  message.type = PLT_MESSAGE_HEARTBEAT;
  message.has_seq = TRUE;
  message.seq = session->seq;
  message.epoch = router->epoch;
  message.ts = _plt_router_now (router);
  text = plt_message_encode (&message);

  send_text (session, text);
  /* Sending re-armed the source; if it could not send, stop. */
  if (session->heartbeat != NULL && !can_send (session))
    g_source_set_ready_time (session->heartbeat, -1);

  return G_SOURCE_CONTINUE;
}

static gboolean
ready_time_dispatch (GSource     *source,
                     GSourceFunc  callback,
                     gpointer     user_data)
{
  return callback (user_data);
}

static GSourceFuncs ready_time_funcs = {
  NULL, NULL, ready_time_dispatch, NULL, NULL, NULL,
};

static void
start_heartbeat (PltSession *session)
{
  session->heartbeat = g_source_new (&ready_time_funcs, sizeof (GSource));
  g_source_set_static_name (session->heartbeat, "[plateau-router] heartbeat");
  g_source_set_callback (session->heartbeat, on_heartbeat, session, NULL);
  g_source_attach (session->heartbeat, session->router->context);
  touch_heartbeat (session);
}

static void
send_welcome (PltSession *session,
              gboolean    replay)
{
  PltRouter *router = session->router;
  g_autofree char *text = NULL;
  PltMessage message = { 0 };

  message.type = PLT_MESSAGE_WELCOME;
  message.has_seq = TRUE;
  message.seq = session->seq;
  message.epoch = router->epoch;
  message.ts = _plt_router_now (router);
  message.u.welcome.session = session->id;
  message.u.welcome.server = (char *) ROUTER_SERVER_NAME;
  message.u.welcome.heartbeat_ms = router->heartbeat_ms;
  message.u.welcome.clock_now = _plt_router_now (router);
  message.u.welcome.clock_rate = router->speed;
  message.u.welcome.limits.max_message = PLT_PROTOCOL_MAX_MESSAGE;
  message.u.welcome.limits.max_client_message = PLT_PROTOCOL_MAX_CLIENT_MESSAGE;
  message.u.welcome.limits.max_depth = PLT_PROTOCOL_MAX_DEPTH;
  message.u.welcome.limits.max_string = PLT_PROTOCOL_MAX_STRING;
  message.u.welcome.replay = replay;
  message.u.welcome.role = (char *) plt_view_get_role_name (session->view);
  text = plt_message_encode (&message);

  send_text (session, text);
}

/* ------------------------------------------------------------------------ */
/* Receiving                                                                 */
/* ------------------------------------------------------------------------ */

/* Why @resume cannot be honoured by @old, or NULL if it can. */
static const char *
resume_refusal (PltSession          *session,
                PltSession          *old,
                const PltResumeData *resume)
{
  PltRouter *router = session->router;

  if (g_strcmp0 (resume->epoch, router->epoch) != 0)
    return "the router restarted";
  if (old == NULL || old == session || !old->streaming)
    return "the session is gone";
  /* A session is only ever resumed by the account that opened it. */
  if ((old->user == NULL) != (session->user == NULL) ||
      (old->user != NULL && g_strcmp0 (old->user->name, session->user->name) != 0))
    return "the session belongs to another account";
  if (resume->seq > old->seq)
    return "the console is ahead of the session";
  if (resume->seq + 1 < ring_first_seq (old))
    return "the events missed are no longer kept";
  /* More to replay than the lag allows would only end in 4008 again. */
  if (old->seq - resume->seq > (gint64) router->max_lag_events / 2)
    return "too many events were missed";

  return NULL;
}

/* Moves the link of @session (a new connection) to @old, and replays. */
static void
resume_into (PltSession          *session,
             PltSession          *old,
             const PltResumeData *resume)
{
  SoupWebsocketConnection *conn = g_object_ref (session->conn);
  g_autoptr(GSocket) socket = session->socket != NULL ? g_object_ref (session->socket) : NULL;
  g_autofree char *peer = g_strdup (session->peer);

  /* The old link may still look open (a half-open socket): drop it. */
  if (old->conn != NULL)
    detach_link (old);

  g_signal_handlers_disconnect_by_data (conn, session);
  g_clear_object (&session->conn);
  g_clear_object (&session->socket);
  stop_timers (session);
  session->closed = TRUE;

  attach_link (old, conn, socket, peer);
  g_object_unref (conn);
  old->hello = TRUE;
  if (session->token_expires_ms != 0)
    old->token_expires_ms = session->token_expires_ms;

  old->acked_seq = resume->seq;
  old->sent_bytes = 0;
  old->acked_bytes = 0;
  g_queue_clear_full (&old->marks, g_free);

  g_message ("session %s: resumed from %s after seq %" G_GINT64_FORMAT ", replaying %" G_GINT64_FORMAT " events",
             old->id, peer, resume->seq, old->seq - resume->seq);

  start_heartbeat (old);
  send_welcome (old, TRUE);

  for (GList *l = old->ring.head; l != NULL; l = l->next)
    {
      RingEntry *entry = l->data;

      if (entry->seq <= resume->seq)
        continue;
      send_delta (old, entry->seq, entry->text);
    }
}

static void
handle_hello (PltSession       *session,
              const PltMessage *message)
{
  PltRouter *router = session->router;
  g_autofree char *client_log = NULL;
  g_autoptr(GPtrArray) agents = NULL;

  session->hello = TRUE;
  session->errors = 0;
  destroy_source (&session->hello_timeout);

  /* The client's text goes to the log escaped, never raw. */
  client_log = g_strescape (message->u.hello_client, NULL);
  if (strlen (client_log) > 80)
    client_log[80] = '\0';
  g_message ("session %s: hello from “%s”", session->id, client_log);

  if (message->resume != NULL)
    {
      PltSession *old = _plt_router_find_session (router, message->resume->session);
      const char *refusal = resume_refusal (session, old, message->resume);

      if (refusal == NULL)
        {
          resume_into (session, old, message->resume);
          return;
        }

      g_message ("session %s: cannot resume %.64s (%s): new session", session->id,
                 message->resume->session, refusal);
    }

  agents = _plt_router_list_agents (router);
  session->view = plt_view_new (session->user, agents);
  session->streaming = TRUE;
  /* A stream starts where the router is: a full view's seq then stays
   * equal to plt_router_get_seq(), a filtered one moves on its own. */
  session->seq = router->seq;
  session->acked_seq = router->seq;

  start_heartbeat (session);
  send_welcome (session, FALSE);
  send_snapshot (session, "initial");
}

static void
handle_ack (PltSession       *session,
            const PltMessage *message)
{
  gint64 seq = message->u.ack_seq;

  if (seq > session->seq)
    {
      g_autofree char *text =
        g_strdup_printf ("field “seq” (%" G_GINT64_FORMAT ") is ahead of the stream (%" G_GINT64_FORMAT ")",
                         seq, session->seq);

      session_error (session, PLT_PROTOCOL_ERROR_BAD_REQUEST, text);
      return;
    }

  session->errors = 0;
  if (seq < session->acked_seq)
    return;

  session->acked_seq = seq;
  while (!g_queue_is_empty (&session->marks) &&
         ((Mark *) g_queue_peek_head (&session->marks))->seq <= seq)
    {
      Mark *mark = g_queue_pop_head (&session->marks);

      session->acked_bytes = MAX (session->acked_bytes, mark->sent_bytes);
      g_free (mark);
    }
}

/* The supervisor's commands and the history (plt-commands.c). */
static void
handle_command (PltSession       *session,
                const PltMessage *message)
{
  session->errors = 0;
  _plt_commands_handle (session->router->commands, session, message);
}

void
_plt_session_send_frame (PltSession *session,
                         const char *text)
{
  send_text (session, text);
}

/* The planning.* commands (plt-planning-service.c checks the roles). */
static void
handle_planning (PltSession       *session,
                 const PltMessage *message)
{
  PltRouter *router = session->router;
  g_autoptr(GPtrArray) frames = NULL;

  session->errors = 0;
  frames = plt_planning_service_handle (router->planning, session->user, message,
                                        _plt_router_now (router), session->seq, router->epoch);
  for (guint i = 0; i < frames->len; i++)
    send_text (session, g_ptr_array_index (frames, i));
}

static void
handle_message (PltSession *session,
                PltMessage *message)
{
  if (message->type == PLT_MESSAGE_HELLO)
    {
      if (session->hello)
        {
          session_error (session, PLT_PROTOCOL_ERROR_PROTOCOL, "hello was already received on this connection");
          return;
        }
      handle_hello (session, message);
      return;
    }

  if (!session->hello)
    {
      session_error (session, PLT_PROTOCOL_ERROR_PROTOCOL, "the first message must be hello");
      return;
    }

  switch (message->type)
    {
    case PLT_MESSAGE_ACK:
      handle_ack (session, message);
      return;

    case PLT_MESSAGE_RESYNC:
      session->errors = 0;
      g_info ("session %s: resync after seq %" G_GINT64_FORMAT, session->id, message->u.resync_from_seq);
      send_snapshot (session, "resync");
      return;

    case PLT_MESSAGE_CMD_AGENT_STATUS:
    case PLT_MESSAGE_CMD_AGENT_SKILLS:
    case PLT_MESSAGE_CMD_MESSAGE:
    case PLT_MESSAGE_HISTORY_QUERY:
      handle_command (session, message);
      return;

    case PLT_MESSAGE_PLANNING_GET:
    case PLT_MESSAGE_PLANNING_SAVE:
    case PLT_MESSAGE_PLANNING_PUBLISH:
    case PLT_MESSAGE_PLANNING_COMMENT:
      handle_planning (session, message);
      return;

    case PLT_MESSAGE_KPI_SUBSCRIBE:
      session->errors = 0;
      _plt_router_kpi_subscribe (session->router, session, message);
      return;

    case PLT_MESSAGE_KPI_QUERY:
      session->errors = 0;
      _plt_router_kpi_query (session->router, session, message);
      return;

    case PLT_MESSAGE_UNKNOWN:
      {
        g_autofree char *text = g_strdup_printf ("the router does not know the message type “%s”",
                                                 message->type_name);

        session_error (session, PLT_PROTOCOL_ERROR_UNKNOWN_TYPE, text);
      }
      return;

    default:
      {
        g_autofree char *text = g_strdup_printf ("“%s” is not a message a client sends",
                                                 plt_message_type_to_string (message->type));

        session_error (session, PLT_PROTOCOL_ERROR_UNKNOWN_TYPE, text);
      }
      return;
    }
}

static void
on_ws_message (SoupWebsocketConnection *conn,
               gint                     type,
               GBytes                  *bytes,
               gpointer                 user_data)
{
  PltSession *session = user_data;
  g_autoptr(PltMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  const char *data;
  gsize length;

  /* libsoup 3.2 may still deliver frames after an error or a close. */
  if (conn != session->conn || !can_send (session))
    return;

  if (type != SOUP_WEBSOCKET_DATA_TEXT)
    {
      session_error (session, PLT_PROTOCOL_ERROR_PROTOCOL,
                     "binary frames are not accepted: send one JSON object per text frame");
      return;
    }

  data = g_bytes_get_data (bytes, &length);
  message = plt_decoder_decode (session->decoder, data, length, &error);
  if (message == NULL)
    {
      PltProtocolError code = error->domain == PLT_PROTOCOL_ERROR ? error->code : PLT_PROTOCOL_ERROR_INTERNAL;

      session_error (session, code, error->message);
      return;
    }

  handle_message (session, message);
}

static void
on_ws_error (SoupWebsocketConnection *conn,
             GError                  *error,
             gpointer                 user_data)
{
  PltSession *session = user_data;

  g_info ("session %s: connection error: %s", session->id, error->message);
}

static void
on_ws_closed (SoupWebsocketConnection *conn,
              gpointer                 user_data)
{
  PltSession *session = user_data;

  session->closed = TRUE;
  stop_timers (session);
  destroy_source (&session->force_close);
  if (session->streaming && session->detached_us == 0)
    session->detached_us = g_get_monotonic_time ();

  g_message ("session %s: closed (code %u)%s", session->id,
             soup_websocket_connection_get_close_code (conn),
             session->streaming ? "; kept for a resume" : "");
  /* Freed, or the link released, from the router's tick: not from inside a
   * signal of the connection. */
}

static gboolean
on_hello_timeout (gpointer user_data)
{
  PltSession *session = user_data;

  g_clear_pointer (&session->hello_timeout, g_source_unref);
  g_message ("session %s: no hello within %u ms", session->id, session->router->hello_timeout_ms);
  _plt_session_close (session, SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION, "no hello");

  return G_SOURCE_REMOVE;
}
