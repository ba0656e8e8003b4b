/* plt-client.c — follows a router over WebSocket and keeps a PltModel current
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "plt-client.h"
#include "plt-client-private.h"
#include "plt-enums.h"
#include "plt-protocol.h"

/*
 * The link, step by step (docs/protocol.md):
 *
 *   connect → hello → welcome (clock, epoch, heartbeat) → snapshot.begin,
 *   parts collected aside, deltas buffered → snapshot.end: the model is
 *   swapped in one step, buffered deltas past as_of_seq applied → LIVE.
 *
 * Deltas then apply when their seq is last_seq + 1; a duplicate is dropped;
 * a gap sends `resync` and buffers deltas until the new snapshot. A message
 * with another epoch, a seq going backwards, silence longer than
 * 2 × heartbeat + grace, a snapshot that does not finish in time, or the
 * peer closing, all drop the link and retry with exponential back-off and
 * full jitter, never sooner than a retry hint of the router (Retry-After on
 * a 503, retry_after_ms in an error). Close code 4004, a newer protocol
 * version, a subprotocol mismatch or an untrusted certificate stop the
 * client (FAILED): retrying cannot fix them. A refused login, token or an
 * expired one stop it in NEEDS_LOGIN.
 *
 * A link lost while LIVE is resumed: the next hello carries
 * resume {session, epoch, last_seq}; a welcome with replay true is followed
 * by exactly the deltas missed, a welcome without by a new snapshot.
 */

G_DEFINE_FINAL_TYPE (PltClient, plt_client, G_TYPE_OBJECT)

GParamSpec *_plt_client_properties[N_PROPS];
guint _plt_client_signals[N_SIGNALS];

/* ------------------------------------------------------------------------ */
/* Properties                                                                */
/* ------------------------------------------------------------------------ */

void
_plt_client_set_state (PltClient          *self,
                       PltConnectionState  state)
{
  if (self->state == state)
    return;

  g_debug ("Link to %s: %s → %s", self->address ? self->address : "(none)",
           plt_connection_state_to_string (self->state),
           plt_connection_state_to_string (state));

  self->state = state;
  plt_clock_set_running (self->clock, state == PLT_CONNECTION_STATE_LIVE);
  /* The router forgets the commands of a link that dropped. */
  if (state != PLT_CONNECTION_STATE_LIVE && state != PLT_CONNECTION_STATE_SYNCING)
    _plt_client_commands_fail (self);
  /* The router forgets the questions of a session whose link dropped. */
  if (state != PLT_CONNECTION_STATE_LIVE && state != PLT_CONNECTION_STATE_SYNCING)
    _plt_client_kpi_fail_queries (self);
  g_object_notify_by_pspec (G_OBJECT (self), _plt_client_properties[PROP_STATE]);
}

void
_plt_client_set_last_error (PltClient  *self,
                            const char *text)
{
  if (g_strcmp0 (self->last_error, text) == 0)
    return;

  g_free (self->last_error);
  self->last_error = g_strdup (text);
  g_object_notify_by_pspec (G_OBJECT (self), _plt_client_properties[PROP_LAST_ERROR]);
}

G_GNUC_PRINTF (2, 3)
static void
set_last_errorf (PltClient  *self,
                 const char *format,
                 ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  _plt_client_set_last_error (self, text);
}

void
_plt_client_set_retry_at (PltClient *self,
                          gint64     retry_at)
{
  if (self->retry_at == retry_at)
    return;

  self->retry_at = retry_at;
  g_object_notify_by_pspec (G_OBJECT (self), _plt_client_properties[PROP_RETRY_AT]);
}

static void
set_epoch (PltClient  *self,
           const char *epoch)
{
  if (g_strcmp0 (self->epoch, epoch) == 0)
    return;

  g_free (self->epoch);
  self->epoch = g_strdup (epoch);
  g_object_notify_by_pspec (G_OBJECT (self), _plt_client_properties[PROP_EPOCH]);
}

void
_plt_client_set_last_seq (PltClient *self,
                          gint64     seq)
{
  if (self->last_seq == seq)
    return;

  self->last_seq = seq;
  g_object_notify_by_pspec (G_OBJECT (self), _plt_client_properties[PROP_LAST_SEQ]);
}

/* "last-update" changes with every message; it is notified at most once a
 * second, which is as precise as any display of it. */
static void
touch_last_update (PltClient *self)
{
  self->last_update = g_get_real_time ();
  if (self->last_update - self->last_update_notified >= G_USEC_PER_SEC)
    {
      self->last_update_notified = self->last_update;
      g_object_notify_by_pspec (G_OBJECT (self), _plt_client_properties[PROP_LAST_UPDATE]);
    }
}

/* "host:port" of a ws:// or wss:// URI, without any user information. */
static char *
address_of (GUri *uri)
{
  const char *host = g_uri_get_host (uri);
  int port = g_uri_get_port (uri);

  if (port < 0)
    port = g_strcmp0 (g_uri_get_scheme (uri), "wss") == 0 ? 443 : 80;

  if (host != NULL && strchr (host, ':') != NULL)
    return g_strdup_printf ("[%s]:%d", host, port);

  return g_strdup_printf ("%s:%d", host != NULL ? host : "", port);
}

/* ------------------------------------------------------------------------ */
/* Tearing down and retrying                                                 */
/* ------------------------------------------------------------------------ */

static void
close_io_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_io_stream_close_finish (G_IO_STREAM (source), result, NULL);
}

/* The connection may be inside one of its own signal emissions: let go of
 * it from the main loop, not from here. */
static void
release_later (gpointer object)
{
  g_idle_add_once ((GSourceOnceFunc) g_object_unref, object);
}

static void
release_when_closed_cb (SoupWebsocketConnection *conn,
                        gpointer                 user_data)
{
  release_later (conn);
}

/*
 * Forgets the connection. A polite close sends a close frame and lets
 * libsoup finish the handshake (it gives up after a few seconds); otherwise
 * the socket is closed at once, which is what a dead peer deserves.
 */
static void
drop_connection (PltClient *self,
                 gboolean   polite,
                 gushort    code)
{
  SoupWebsocketConnection *conn = g_steal_pointer (&self->conn);

  if (self->connecting != NULL)
    {
      self->connecting->self = NULL;
      g_cancellable_cancel (self->connecting->cancellable);
      self->connecting = NULL;
    }

  g_clear_handle_id (&self->watchdog_source, g_source_remove);
  g_clear_handle_id (&self->ack_source, g_source_remove);

  self->welcomed = FALSE;
  self->awaiting_snapshot = FALSE;
  self->live_since = 0;
  self->snapshot_deadline = 0;
  _plt_client_snapshot_reset (self);
  _plt_client_buffer_reset (self);

  if (conn == NULL)
    return;

  g_signal_handlers_disconnect_by_data (conn, self);

  if (soup_websocket_connection_get_state (conn) != SOUP_WEBSOCKET_STATE_OPEN)
    {
      release_later (conn);
      return;
    }

  if (polite)
    {
      soup_websocket_connection_close (conn, code, NULL);
      /* Keep it until libsoup is done with the close handshake. */
      g_signal_connect (conn, "closed", G_CALLBACK (release_when_closed_cb), NULL);
    }
  else
    {
      g_io_stream_close_async (soup_websocket_connection_get_io_stream (conn),
                               G_PRIORITY_DEFAULT, NULL, close_io_cb, NULL);
      release_later (conn);
    }
}

static gboolean
retry_cb (gpointer user_data)
{
  PltClient *self = user_data;

  self->retry_source = 0;
  _plt_client_start_connect (self);

  return G_SOURCE_REMOVE;
}

/* Full jitter: a random wait in [0, min(cap, base × 2^attempt)]. */
static guint
backoff_delay_ms (PltClient *self)
{
  guint64 ceiling = self->backoff_base_ms;

  for (guint i = 0; i < self->attempt && ceiling < self->backoff_cap_ms; i++)
    ceiling *= 2;
  ceiling = MIN (ceiling, (guint64) self->backoff_cap_ms);

  return (guint) g_random_int_range (0, (gint32) ceiling + 1);
}

static void
schedule_retry (PltClient *self,
                gboolean   at_once)
{
  gint64 now = g_get_monotonic_time ();
  guint delay;

  /* A link that was healthy for a while starts the back-off afresh. */
  if (self->live_since != 0 &&
      now - self->live_since >= (gint64) self->healthy_after_ms * 1000)
    self->attempt = 0;

  drop_connection (self, FALSE, 0);

  delay = at_once ? 0 : backoff_delay_ms (self);
  /* The router's hint is a floor, jitter or not. */
  if (self->retry_hint_ms > 0)
    delay = MAX (delay, (guint) MIN (self->retry_hint_ms, MAX_RETRY_HINT_MS));
  self->retry_hint_ms = 0;
  self->attempt = MIN (self->attempt + 1, 30);

  g_clear_handle_id (&self->retry_source, g_source_remove);
  self->retry_source = g_timeout_add (delay, retry_cb, self);
  g_source_set_name_by_id (self->retry_source, "[plateau] client retry");

  _plt_client_set_retry_at (self, now + (gint64) delay * 1000);
  _plt_client_set_state (self, PLT_CONNECTION_STATE_RECONNECTING);
}

/* The link was lost or dropped: say why, and try again. */
void
_plt_client_lose_link (PltClient  *self,
                       const char *why,
                       gboolean    at_once)
{
  g_debug ("Link to %s lost: %s", self->address, why);
  /* A complete model can be resumed; anything else starts afresh. */
  self->can_resume = self->state == PLT_CONNECTION_STATE_LIVE && self->welcomed &&
                     !self->in_snapshot && !self->awaiting_snapshot && self->session_id != NULL;
  _plt_client_set_last_error (self, why);
  schedule_retry (self, at_once);
}

/* The router wants (other) credentials: stop, and let the user say. */
void
_plt_client_need_login (PltClient  *self,
                        const char *why)
{
  g_debug ("Link to %s needs a login: %s", self->address, why);
  _plt_client_secret_clear (&self->token);
  _plt_client_secret_clear (&self->login_password);
  self->can_resume = FALSE;
  _plt_client_set_last_error (self, why);
  drop_connection (self, TRUE, SOUP_WEBSOCKET_CLOSE_NORMAL);
  g_clear_handle_id (&self->retry_source, g_source_remove);
  _plt_client_set_retry_at (self, 0);
  _plt_client_set_state (self, PLT_CONNECTION_STATE_NEEDS_LOGIN);
}

/* Retrying cannot help: stop. */
void
_plt_client_fail (PltClient  *self,
                  const char *why,
                  gushort     close_code)
{
  g_debug ("Link to %s failed: %s", self->address, why);
  _plt_client_set_last_error (self, why);
  drop_connection (self, TRUE, close_code);
  g_clear_handle_id (&self->retry_source, g_source_remove);
  _plt_client_set_retry_at (self, 0);
  _plt_client_set_state (self, PLT_CONNECTION_STATE_FAILED);
}

/* ------------------------------------------------------------------------ */
/* Sending                                                                   */
/* ------------------------------------------------------------------------ */

void
_plt_client_send_text (PltClient  *self,
                       const char *text)
{
  if (self->conn == NULL ||
      soup_websocket_connection_get_state (self->conn) != SOUP_WEBSOCKET_STATE_OPEN)
    return;

  soup_websocket_connection_send_text (self->conn, text);
}

gboolean
plt_client_send_planning (PltClient  *self,
                          const char *text)
{
  g_return_val_if_fail (PLT_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (!self->welcomed || self->conn == NULL ||
      soup_websocket_connection_get_state (self->conn) != SOUP_WEBSOCKET_STATE_OPEN)
    return FALSE;

  _plt_client_send_text (self, text);
  return TRUE;
}

static void
send_ack (PltClient *self)
{
  g_autofree char *text = plt_protocol_encode_ack (self->last_seq);

  _plt_client_send_text (self, text);
  self->acked_seq = self->last_seq;
  self->last_ack_time = g_get_monotonic_time ();
}

static gboolean
ack_cb (gpointer user_data)
{
  PltClient *self = user_data;

  self->ack_source = 0;
  if (self->acked_seq != self->last_seq)
    send_ack (self);

  return G_SOURCE_REMOVE;
}

/* At most one ack a second; the last seq of a burst is acked too. */
void
_plt_client_maybe_ack (PltClient *self)
{
  gint64 now;
  gint64 wait_us;

  if (self->acked_seq == self->last_seq || self->ack_source != 0)
    return;

  now = g_get_monotonic_time ();
  wait_us = self->last_ack_time + ACK_INTERVAL_US - now;
  if (self->last_ack_time == 0 || wait_us <= 0)
    {
      send_ack (self);
      return;
    }

  self->ack_source = g_timeout_add ((guint) (wait_us / 1000) + 1, ack_cb, self);
  g_source_set_name_by_id (self->ack_source, "[plateau] client ack");
}

/* ------------------------------------------------------------------------ */
/* Receiving                                                                 */
/* ------------------------------------------------------------------------ */

static void
emit_protocol_error (PltClient    *self,
                     const GError *error)
{
  set_last_errorf (self, _("The router sent a message Plateau could not read: %s"), error->message);
  g_signal_emit (self, _plt_client_signals[PROTOCOL_ERROR], 0, error);
}

static void
handle_welcome (PltClient        *self,
                const PltMessage *message)
{
  const PltWelcomeData *welcome = &message->u.welcome;

  if (self->welcomed)
    return;

  self->welcomed = TRUE;
  self->heartbeat_ms = welcome->heartbeat_ms;
  self->acked_seq = -1;
  self->last_ack_time = 0;

  g_debug ("Welcome from %s (%s), session %s, epoch %s, heartbeat %" G_GINT64_FORMAT " ms, replay %d",
           self->address, welcome->server, welcome->session, message->epoch, welcome->heartbeat_ms,
           welcome->replay);

  plt_clock_sync (self->clock, welcome->clock_now, welcome->clock_rate);

  if (g_strcmp0 (self->role, welcome->role) != 0)
    {
      g_free (self->role);
      self->role = g_strdup (welcome->role);
      g_object_notify_by_pspec (G_OBJECT (self), _plt_client_properties[PROP_ROLE]);
    }

  /* Resumed: the deltas missed follow, the model stays. */
  if (welcome->replay && self->resuming &&
      g_strcmp0 (welcome->session, self->session_id) == 0 &&
      g_strcmp0 (message->epoch, self->epoch) == 0 &&
      message->seq >= self->last_seq)
    {
      self->awaiting_snapshot = FALSE;
      self->snapshot_deadline = 0;
      self->live_since = g_get_monotonic_time ();
      _plt_client_set_retry_at (self, 0);
      _plt_client_set_last_error (self, NULL);
      _plt_client_set_state (self, PLT_CONNECTION_STATE_LIVE);
      g_signal_emit (self, _plt_client_signals[SYNCED], 0);
      return;
    }

  /* Another lineage: its stream numbers start afresh. Within one epoch, a
   * new session's stream starts at the router's count, never below ours. */
  if (g_strcmp0 (self->epoch, message->epoch) != 0)
    _plt_client_set_last_seq (self, 0);

  g_free (self->session_id);
  self->session_id = g_strdup (welcome->session);
  self->kpi_subscribed = FALSE;
  self->awaiting_snapshot = TRUE;
  self->snapshot_deadline = g_get_monotonic_time () + (gint64) self->snapshot_timeout_ms * 1000;
  set_epoch (self, message->epoch);
  _plt_client_set_state (self, PLT_CONNECTION_STATE_SYNCING);
}

static void
handle_router_error (PltClient        *self,
                     const PltMessage *message)
{
  const PltErrorData *error = &message->u.error;

  g_debug ("The router at %s reported %s: %s", self->address,
           plt_protocol_error_code_to_string (error->code), error->message);

  if (error->retry_after_ms > 0)
    self->retry_hint_ms = error->retry_after_ms;

  if (error->code == PLT_PROTOCOL_ERROR_UNSUPPORTED_VERSION && error->fatal)
    {
      _plt_client_fail (self, _("The router does not support this version of Plateau"), 1000);
      return;
    }

  set_last_errorf (self, _("The router reported a problem: %s"), error->message);
}

/* The planning.* messages, and the answers to a PltPlanningSync's
 * requests (ids "plan-…"), go to "planning-message". */
static gboolean
is_planning_message (const PltMessage *message)
{
  switch (message->type)
    {
    case PLT_MESSAGE_PLANNING_STATE:
    case PLT_MESSAGE_PLANNING_SAVED:
    case PLT_MESSAGE_PLANNING_PUBLISHED:
      return TRUE;
    case PLT_MESSAGE_RESULT:
      return message->u.result.reply_to != NULL && g_str_has_prefix (message->u.result.reply_to, "plan-");
    case PLT_MESSAGE_ERROR:
      return message->u.error.reply_to != NULL && g_str_has_prefix (message->u.error.reply_to, "plan-");
    default:
      return FALSE;
    }
}

/* Takes ownership of @message. */
static void
handle_message (PltClient  *self,
                PltMessage *message)
{
  g_autoptr(PltMessage) owned = message;

  if (message->type == PLT_MESSAGE_UNKNOWN)
    return;

  if (!self->welcomed)
    {
      if (message->type == PLT_MESSAGE_WELCOME)
        handle_welcome (self, message);
      else if (message->type == PLT_MESSAGE_ERROR)
        handle_router_error (self, message);
      else
        {
          g_autoptr(GError) error = g_error_new (PLT_PROTOCOL_ERROR, PLT_PROTOCOL_ERROR_PROTOCOL,
                                                 "“%s” before “welcome”", message->type_name);

          emit_protocol_error (self, error);
        }
      return;
    }

  if (g_strcmp0 (message->epoch, self->epoch) != 0)
    {
      _plt_client_lose_link (self, _("The router restarted; loading all data again"), TRUE);
      self->can_resume = FALSE;
      return;
    }

  if (_plt_client_kpi_handle (self, message))
    return;

  if (_plt_client_commands_handle (self, message))
    return;

  if (is_planning_message (message))
    {
      g_signal_emit (self, _plt_client_signals[PLANNING_MESSAGE], 0, message);
      return;
    }

  if (plt_message_type_is_delta (message->type))
    {
      if (self->in_snapshot || self->awaiting_snapshot)
        _plt_client_buffer_delta (self, g_steal_pointer (&owned));
      else
        {
          _plt_client_apply_live_delta (self, message);
          _plt_client_maybe_ack (self);
        }
      return;
    }

  switch (message->type)
    {
    case PLT_MESSAGE_HEARTBEAT:
      if (self->in_snapshot || self->awaiting_snapshot)
        break;
      if (message->seq < self->last_seq)
        {
          _plt_client_lose_link (self, _("The router’s event stream went backwards; loading all data again"), TRUE);
          self->can_resume = FALSE;
        }
      else if (message->seq > self->last_seq)
        _plt_client_request_resync (self);
      break;

    case PLT_MESSAGE_SNAPSHOT_BEGIN:
      _plt_client_snapshot_begin (self, message);
      break;

    case PLT_MESSAGE_SNAPSHOT_PART:
      _plt_client_snapshot_part (self, message);
      break;

    case PLT_MESSAGE_SNAPSHOT_END:
      _plt_client_snapshot_end (self, message);
      break;

    case PLT_MESSAGE_ERROR:
      handle_router_error (self, message);
      break;

    case PLT_MESSAGE_WELCOME:
    case PLT_MESSAGE_HELLO:
    case PLT_MESSAGE_ACK:
    case PLT_MESSAGE_RESYNC:
    default:
      {
        g_autoptr(GError) error = g_error_new (PLT_PROTOCOL_ERROR, PLT_PROTOCOL_ERROR_PROTOCOL,
                                               "unexpected “%s”", message->type_name);

        emit_protocol_error (self, error);
      }
      break;
    }
}

static void
conn_message_cb (SoupWebsocketConnection *conn,
                 SoupWebsocketDataType    type,
                 GBytes                  *bytes,
                 PltClient               *self)
{
  g_autoptr(PltClient) hold = g_object_ref (self);
  g_autoptr(GError) error = NULL;
  PltMessage *message;
  gconstpointer data;
  gsize length;

  /* Only the current, open link counts (libsoup 3.2.3 may deliver frames
   * after an error: GNOME/libsoup#469). */
  if (conn != self->conn || soup_websocket_connection_get_state (conn) != SOUP_WEBSOCKET_STATE_OPEN)
    return;

  self->last_rx = g_get_monotonic_time ();
  touch_last_update (self);

  if (type != SOUP_WEBSOCKET_DATA_TEXT)
    {
      error = g_error_new_literal (PLT_PROTOCOL_ERROR, PLT_PROTOCOL_ERROR_PROTOCOL,
                                   "a binary frame");
      emit_protocol_error (self, error);
      return;
    }

  data = g_bytes_get_data (bytes, &length);
  message = plt_decoder_decode (self->decoder, data, length, &error);
  if (message == NULL)
    {
      if (g_error_matches (error, PLT_PROTOCOL_ERROR, PLT_PROTOCOL_ERROR_UNSUPPORTED_VERSION))
        {
          g_signal_emit (self, _plt_client_signals[PROTOCOL_ERROR], 0, error);
          _plt_client_fail (self, _("The router uses a newer version of the Plateau protocol; update Plateau"),
                CLOSE_PROTOCOL_ERROR);
          return;
        }

      emit_protocol_error (self, error);
      return;
    }

  handle_message (self, message);
}

static void
conn_pong_cb (SoupWebsocketConnection *conn,
              GBytes                  *message,
              PltClient               *self)
{
  if (conn == self->conn)
    self->last_rx = g_get_monotonic_time ();
}

static void
conn_error_cb (SoupWebsocketConnection *conn,
               GError                  *error,
               PltClient               *self)
{
  if (conn != self->conn)
    return;

  g_debug ("WebSocket error on the link to %s: %s", self->address, error->message);

  /* Whatever follows on this connection is not trusted: drop it now.
   * libsoup reports frame problems with the close code as error code. */
  if (g_error_matches (error, SOUP_WEBSOCKET_ERROR, SOUP_WEBSOCKET_CLOSE_TOO_BIG))
    _plt_client_lose_link (self, _("The router sent a message too big for the connection"), FALSE);
  else if (g_error_matches (error, SOUP_WEBSOCKET_ERROR, SOUP_WEBSOCKET_CLOSE_PROTOCOL_ERROR) ||
           g_error_matches (error, SOUP_WEBSOCKET_ERROR, SOUP_WEBSOCKET_CLOSE_BAD_DATA))
    _plt_client_lose_link (self, _("The router broke the rules of the WebSocket protocol"), FALSE);
  else
    {
      g_autofree char *why = g_strdup_printf (_("The connection to the router at %s failed: %s"),
                                              self->address, error->message);

      _plt_client_lose_link (self, why, FALSE);
    }
}

static void
conn_closed_cb (SoupWebsocketConnection *conn,
                PltClient               *self)
{
  g_autofree char *why = NULL;
  const char *reason;
  gushort code;

  if (conn != self->conn)
    return;

  code = soup_websocket_connection_get_close_code (conn);
  reason = soup_websocket_connection_get_close_data (conn);
  if (reason != NULL && *reason == '\0')
    reason = NULL;

  g_debug ("The router at %s closed the link (%u %s)", self->address, code, reason ? reason : "");

  switch (code)
    {
    case CLOSE_TOKEN_EXPIRED:
      _plt_client_need_login (self, _("Your login to the router expired; sign in again"));
      return;

    case CLOSE_SLOW_CONSUMER:
      _plt_client_lose_link (self, _("The router dropped the link because Plateau fell behind; catching up"), TRUE);
      return;

    case CLOSE_PROTOCOL_ERROR:
      if (reason != NULL)
        why = g_strdup_printf (_("The router ended the session because of a protocol error: %s"), reason);
      else
        why = g_strdup (_("The router ended the session because of a protocol error"));
      _plt_client_fail (self, why, CLOSE_PROTOCOL_ERROR);
      return;

    case SOUP_WEBSOCKET_CLOSE_GOING_AWAY:
      why = g_strdup_printf (_("The router at %s is shutting down"), self->address);
      break;

    case SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION:
      if (reason != NULL)
        why = g_strdup_printf (_("The router closed the connection: %s"), reason);
      else
        why = g_strdup (_("The router closed the connection because of too many errors"));
      break;

    case SOUP_WEBSOCKET_CLOSE_TOO_BIG:
      why = g_strdup (_("A message was too big for the connection to the router"));
      break;

    case SOUP_WEBSOCKET_CLOSE_NORMAL:
      why = g_strdup_printf (_("The router at %s closed the connection"), self->address);
      break;

    default:
      why = g_strdup_printf (_("The connection to the router at %s was lost"), self->address);
      break;
    }

  _plt_client_lose_link (self, why, FALSE);
}

/* ------------------------------------------------------------------------ */
/* Watchdog: liveness, and the snapshot deadline                             */
/* ------------------------------------------------------------------------ */

static gint64
liveness_deadline_ms (PltClient *self)
{
  gint64 heartbeat = self->welcomed ? self->heartbeat_ms : DEFAULT_HEARTBEAT_MS;

  return 2 * heartbeat + self->liveness_grace_ms;
}

static gboolean
watchdog_cb (gpointer user_data)
{
  PltClient *self = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 deadline_ms = liveness_deadline_ms (self);

  if (now - self->last_rx > deadline_ms * 1000)
    {
      g_autofree char *why = NULL;
      guint seconds = (guint) ((deadline_ms + 999) / 1000);

      why = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "No news from the router for %u s; reconnecting",
                                          "No news from the router for %u s; reconnecting",
                                          seconds),
                             seconds);
      self->watchdog_source = 0;
      _plt_client_lose_link (self, why, FALSE);
      return G_SOURCE_REMOVE;
    }

  if (self->snapshot_deadline != 0 && now > self->snapshot_deadline)
    {
      g_autofree char *why = NULL;
      guint seconds = (self->snapshot_timeout_ms + 999) / 1000;

      why = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "The router did not send all its data within %u s; reconnecting",
                                          "The router did not send all its data within %u s; reconnecting",
                                          seconds),
                             seconds);
      self->watchdog_source = 0;
      _plt_client_lose_link (self, why, FALSE);
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

/* Checks four times per deadline, at most once a second. */
static void
start_watchdog (PltClient *self)
{
  guint interval = (guint) CLAMP (liveness_deadline_ms (self) / 4, 20, 1000);

  g_clear_handle_id (&self->watchdog_source, g_source_remove);
  self->watchdog_source = g_timeout_add (interval, watchdog_cb, self);
  g_source_set_name_by_id (self->watchdog_source, "[plateau] client watchdog");
}

/* ------------------------------------------------------------------------ */
/* Connecting                                                                */
/* ------------------------------------------------------------------------ */

void
_plt_client_connect_data_free (ConnectData *data)
{
  g_clear_handle_id (&data->timeout_source, g_source_remove);
  g_clear_object (&data->cancellable);
  g_clear_object (&data->message);
  g_free (data);
}

gboolean
_plt_client_connect_timeout_cb (gpointer user_data)
{
  ConnectData *data = user_data;

  data->timeout_source = 0;
  data->timed_out = TRUE;
  g_cancellable_cancel (data->cancellable);

  return G_SOURCE_REMOVE;
}

char *
_plt_client_describe_connect_error (PltClient    *self,
                                    ConnectData  *data,
                                    const GError *error)
{
  if (data->timed_out)
    return g_strdup_printf (_("The router at %s did not answer within %u s"),
                            self->address, (self->connect_timeout_ms + 999) / 1000);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    return g_strdup_printf (_("The router at %s refused the connection"), self->address);

  if (error->domain == G_RESOLVER_ERROR)
    return g_strdup_printf (_("Could not find the router at %s"), self->address);

  if (g_error_matches (error, SOUP_WEBSOCKET_ERROR, SOUP_WEBSOCKET_ERROR_NOT_WEBSOCKET))
    {
      guint status = soup_message_get_status (data->message);

      if (status == SOUP_STATUS_NOT_FOUND)
        return g_strdup_printf (_("The server at %s has no Plateau router at this address"), self->address);
      if (status != 0 && status != SOUP_STATUS_SWITCHING_PROTOCOLS)
        return g_strdup_printf (_("The server at %s is not a Plateau router (HTTP status %u)"),
                                self->address, status);
    }

  return g_strdup_printf (_("Could not connect to the router at %s: %s"), self->address, error->message);
}

static void
websocket_connect_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  ConnectData *data = user_data;
  g_autoptr(SoupWebsocketConnection) conn = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *hello = NULL;
  PltClient *self = data->self;
  const char *protocol;

  conn = soup_session_websocket_connect_finish (SOUP_SESSION (source), result, &error);

  /* Given up by the client (disconnect, a new connect, dispose): the client
   * may be gone. */
  if (self == NULL)
    {
      _plt_client_connect_data_free (data);
      return;
    }

  self->connecting = NULL;

  if (conn == NULL)
    {
      g_autofree char *why = NULL;
      GTlsCertificateFlags tls_errors = soup_message_get_tls_peer_certificate_errors (data->message);
      guint status = soup_message_get_status (data->message);

      g_debug ("Could not connect to %s: %s", self->address, error->message);

      if (tls_errors != 0 || g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE))
        {
          _plt_client_connect_data_free (data);
          _plt_client_fail_tls (self, tls_errors);
          return;
        }

      if (g_error_matches (error, SOUP_WEBSOCKET_ERROR, SOUP_WEBSOCKET_ERROR_NOT_WEBSOCKET) &&
          status == SOUP_STATUS_UNAUTHORIZED)
        {
          gboolean had_token = self->token != NULL;

          _plt_client_connect_data_free (data);
          _plt_client_need_login (self, had_token
                      ? _("The router did not accept your login: it expired or was revoked; sign in again")
                      : _("The router needs you to sign in"));
          return;
        }

      if (status == SOUP_STATUS_SERVICE_UNAVAILABLE)
        self->retry_hint_ms = _plt_client_retry_after_ms (data->message);

      why = _plt_client_describe_connect_error (self, data, error);
      _plt_client_connect_data_free (data);
      _plt_client_lose_link (self, why, FALSE);
      return;
    }

  _plt_client_connect_data_free (data);

  /* libsoup 3.2.3 compares the subprotocol without regard to case
   * (GNOME/libsoup#466): check it byte for byte. */
  protocol = soup_websocket_connection_get_protocol (conn);
  if (g_strcmp0 (protocol, PLT_PROTOCOL_SUBPROTOCOL) != 0)
    {
      g_autofree char *why = g_strdup_printf (_("The router at %s does not speak this version of the Plateau protocol"),
                                              self->address);

      self->conn = g_steal_pointer (&conn);
      _plt_client_fail (self, why, CLOSE_PROTOCOL_ERROR);
      return;
    }

  /* Never 0: that disables the limit, and 3.2.3 then reads out of bounds. */
  soup_websocket_connection_set_max_incoming_payload_size (conn, PLT_PROTOCOL_MAX_CLIENT_FRAME);
  soup_websocket_connection_set_keepalive_interval (conn, KEEPALIVE_INTERVAL_S);

  g_signal_connect (conn, "message", G_CALLBACK (conn_message_cb), self);
  g_signal_connect (conn, "pong", G_CALLBACK (conn_pong_cb), self);
  g_signal_connect (conn, "error", G_CALLBACK (conn_error_cb), self);
  g_signal_connect (conn, "closed", G_CALLBACK (conn_closed_cb), self);
  self->conn = g_steal_pointer (&conn);

  g_debug ("Connected to %s; saying hello", self->address);

  self->last_rx = g_get_monotonic_time ();
  self->welcomed = FALSE;
  start_watchdog (self);

  self->resuming = self->can_resume;
  if (self->resuming)
    {
      g_debug ("Asking %s to resume session %s after seq %" G_GINT64_FORMAT,
               self->address, self->session_id, self->last_seq);
      hello = plt_protocol_encode_hello_resume ("plateau/" PACKAGE_VERSION, self->session_id,
                                                self->epoch, self->last_seq);
    }
  else
    hello = plt_protocol_encode_hello ("plateau/" PACKAGE_VERSION);
  self->can_resume = FALSE;
  _plt_client_send_text (self, hello);
}

void
_plt_client_start_connect (PltClient *self)
{
  static const char * const protocols[] = { PLT_PROTOCOL_SUBPROTOCOL, NULL };
  g_autoptr(SoupMessage) message = NULL;
  ConnectData *data;

  drop_connection (self, FALSE, 0);
  g_clear_handle_id (&self->retry_source, g_source_remove);
  _plt_client_set_retry_at (self, 0);

  /* Credentials waiting: log in first. */
  if (self->login_password != NULL)
    {
      _plt_client_start_login (self);
      return;
    }

  message = soup_message_new (SOUP_METHOD_GET, self->uri);
  if (message == NULL)
    {
      g_autofree char *why = g_strdup_printf (_("“%s” is not a router address; it should look like ws://host:8765/acd"),
                                              self->uri);

      _plt_client_fail (self, why, 1000);
      return;
    }

  _plt_client_set_state (self, PLT_CONNECTION_STATE_CONNECTING);

  /* In a header: URIs end up in logs. */
  if (self->token != NULL)
    {
      g_autofree char *value = g_strdup_printf ("Bearer %s", self->token);

      soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization", value);
      explicit_bzero (value, strlen (value));
    }

  data = _plt_client_connect_data_new (self, message);

  soup_session_websocket_connect_async (self->session, message, NULL, (char **) protocols,
                                        G_PRIORITY_DEFAULT, data->cancellable,
                                        websocket_connect_cb, data);
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                   */
/* ------------------------------------------------------------------------ */

static void
plt_client_constructed (GObject *object)
{
  PltClient *self = PLT_CLIENT (object);

  G_OBJECT_CLASS (plt_client_parent_class)->constructed (object);

  if (self->model == NULL)
    self->model = plt_model_new ();
  if (self->clock == NULL)
    self->clock = g_object_ref (plt_clock_get_default ());
}

static void
plt_client_dispose (GObject *object)
{
  PltClient *self = PLT_CLIENT (object);

  drop_connection (self, TRUE, SOUP_WEBSOCKET_CLOSE_GOING_AWAY);
  _plt_client_commands_fail (self);
  _plt_client_kpi_fail_queries (self);
  g_clear_handle_id (&self->retry_source, g_source_remove);
  if (self->clock != NULL && self->state == PLT_CONNECTION_STATE_LIVE)
    plt_clock_set_running (self->clock, FALSE);

  g_clear_object (&self->session);
  g_clear_object (&self->queue_trends);
  g_clear_object (&self->model);
  g_clear_object (&self->clock);
  g_clear_object (&self->decoder);
  g_clear_object (&self->ca_database);

  G_OBJECT_CLASS (plt_client_parent_class)->dispose (object);
}

static void
plt_client_finalize (GObject *object)
{
  PltClient *self = PLT_CLIENT (object);

  _plt_client_snapshot_reset (self);
  g_clear_pointer (&self->buffered, g_ptr_array_unref);
  g_clear_pointer (&self->uri, g_free);
  g_clear_pointer (&self->address, g_free);
  g_clear_pointer (&self->last_error, g_free);
  g_clear_pointer (&self->epoch, g_free);
  g_clear_pointer (&self->session_id, g_free);
  g_clear_pointer (&self->role, g_free);
  g_clear_pointer (&self->commands, g_hash_table_unref);
  g_clear_pointer (&self->kpi_scopes, g_strfreev);
  g_clear_pointer (&self->kpi_queries, g_hash_table_unref);
  g_clear_pointer (&self->login_user, g_free);
  _plt_client_secret_clear (&self->login_password);
  _plt_client_secret_clear (&self->token);

  G_OBJECT_CLASS (plt_client_parent_class)->finalize (object);
}

static void
plt_client_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  PltClient *self = PLT_CLIENT (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;

    case PROP_CLOCK:
      g_value_set_object (value, self->clock);
      break;

    case PROP_URI:
      g_value_set_string (value, self->uri);
      break;

    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;

    case PROP_LAST_SEQ:
      g_value_set_int64 (value, self->last_seq);
      break;

    case PROP_EPOCH:
      g_value_set_string (value, self->epoch);
      break;

    case PROP_RETRY_AT:
      g_value_set_int64 (value, self->retry_at);
      break;

    case PROP_LAST_UPDATE:
      g_value_set_int64 (value, self->last_update);
      break;

    case PROP_ROLE:
      g_value_set_string (value, self->role);
      break;

    case PROP_TLS_ERRORS:
      g_value_set_flags (value, self->tls_errors);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
plt_client_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  PltClient *self = PLT_CLIENT (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      self->model = g_value_dup_object (value);
      break;

    case PROP_CLOCK:
      self->clock = g_value_dup_object (value);
      break;

    case PROP_URI:
      {
        const char *uri = g_value_get_string (value);

        if (uri != NULL)
          plt_client_connect (self, uri);
      }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
plt_client_class_init (PltClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = plt_client_constructed;
  object_class->dispose = plt_client_dispose;
  object_class->finalize = plt_client_finalize;
  object_class->get_property = plt_client_get_property;
  object_class->set_property = plt_client_set_property;

  _plt_client_properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, PLT_TYPE_MODEL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  _plt_client_properties[PROP_CLOCK] =
    g_param_spec_object ("clock", NULL, NULL, PLT_TYPE_CLOCK,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Writing it connects, as plt_client_connect() does. */
  _plt_client_properties[PROP_URI] =
    g_param_spec_string ("uri", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  _plt_client_properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       PLT_TYPE_CONNECTION_STATE, PLT_CONNECTION_STATE_DISCONNECTED, ro);
  _plt_client_properties[PROP_LAST_ERROR] =
    g_param_spec_string ("last-error", NULL, NULL, NULL, ro);
  _plt_client_properties[PROP_LAST_SEQ] =
    g_param_spec_int64 ("last-seq", NULL, NULL, -1, G_MAXINT64, 0, ro);
  _plt_client_properties[PROP_EPOCH] =
    g_param_spec_string ("epoch", NULL, NULL, NULL, ro);
  _plt_client_properties[PROP_RETRY_AT] =
    g_param_spec_int64 ("retry-at", NULL, NULL, 0, G_MAXINT64, 0, ro);
  _plt_client_properties[PROP_LAST_UPDATE] =
    g_param_spec_int64 ("last-update", NULL, NULL, 0, G_MAXINT64, 0, ro);
  _plt_client_properties[PROP_ROLE] =
    g_param_spec_string ("role", NULL, NULL, NULL, ro);
  _plt_client_properties[PROP_TLS_ERRORS] =
    g_param_spec_flags ("tls-errors", NULL, NULL, G_TYPE_TLS_CERTIFICATE_FLAGS, 0, ro);

  g_object_class_install_properties (object_class, N_PROPS, _plt_client_properties);

  _plt_client_signals[SYNCED] =
    g_signal_new ("synced",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  _plt_client_signals[PROTOCOL_ERROR] =
    g_signal_new ("protocol-error",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);

  /* For an agent's console: a supervisor wrote (id, from, text, at). */
  _plt_client_signals[MESSAGE_RECEIVED] =
    g_signal_new ("message-received",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 4, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_INT64);
  /* An agent read what this client sent (the command's id, the agent, at). */
  _plt_client_signals[MESSAGE_ACKNOWLEDGED] =
    g_signal_new ("message-acknowledged",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_INT64);
  /* A planning message (PltMessage *, valid during the emission). */
  _plt_client_signals[PLANNING_MESSAGE] =
    g_signal_new ("planning-message",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static void
plt_client_init (PltClient *self)
{
  /* No socket timeout: it would also cut a quiet WebSocket. The connect
   * deadline and the liveness watchdog bound every wait instead. */
  self->session = soup_session_new_with_options ("timeout", 0,
                                                 "idle-timeout", 0,
                                                 NULL);
  self->decoder = plt_decoder_new (PLT_DECODER_FROM_SERVER);
  self->buffered = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_message_free);
  self->state = PLT_CONNECTION_STATE_DISCONNECTED;
  self->heartbeat_ms = DEFAULT_HEARTBEAT_MS;
  self->backoff_base_ms = DEFAULT_BACKOFF_BASE_MS;
  self->backoff_cap_ms = DEFAULT_BACKOFF_CAP_MS;
  self->healthy_after_ms = DEFAULT_HEALTHY_AFTER_MS;
  self->liveness_grace_ms = DEFAULT_LIVENESS_GRACE_MS;
  self->connect_timeout_ms = DEFAULT_CONNECT_TIMEOUT_MS;
  self->snapshot_timeout_ms = DEFAULT_SNAPSHOT_TIMEOUT_MS;
  self->acked_seq = -1;
  self->kpi_scopes = g_strdupv ((char **) (const char * const[]) { "queue", "team", NULL });
}

/* ------------------------------------------------------------------------ */
/* Public API                                                                */
/* ------------------------------------------------------------------------ */

PltClient *
plt_client_new (PltModel *model,
                PltClock *clock)
{
  g_return_val_if_fail (model == NULL || PLT_IS_MODEL (model), NULL);
  g_return_val_if_fail (clock == NULL || PLT_IS_CLOCK (clock), NULL);

  return g_object_new (PLT_TYPE_CLIENT,
                       "model", model,
                       "clock", clock,
                       NULL);
}

PltModel *
plt_client_get_model (PltClient *self)
{
  g_return_val_if_fail (PLT_IS_CLIENT (self), NULL);

  return self->model;
}

PltClock *
plt_client_get_clock (PltClient *self)
{
  g_return_val_if_fail (PLT_IS_CLIENT (self), NULL);

  return self->clock;
}

PltQueueTrends *
plt_client_get_queue_trends (PltClient *self)
{
  g_return_val_if_fail (PLT_IS_CLIENT (self), NULL);

  if (self->queue_trends == NULL)
    self->queue_trends = plt_queue_trends_new (self->model, self->clock);

  return self->queue_trends;
}

void
plt_client_connect (PltClient  *self,
                    const char *uri)
{
  g_autoptr(GUri) parsed = NULL;
  g_autofree char *copy = NULL;

  g_return_if_fail (PLT_IS_CLIENT (self));
  g_return_if_fail (uri != NULL);

  copy = g_strdup (uri);
  drop_connection (self, TRUE, SOUP_WEBSOCKET_CLOSE_NORMAL);
  g_clear_handle_id (&self->retry_source, g_source_remove);
  self->attempt = 0;
  self->retry_hint_ms = 0;
  if (self->tls_errors != 0)
    {
      self->tls_errors = 0;
      g_object_notify_by_pspec (G_OBJECT (self), _plt_client_properties[PROP_TLS_ERRORS]);
    }
  /* Another router: nothing to resume there. */
  if (g_strcmp0 (self->uri, copy) != 0)
    self->can_resume = FALSE;

  if (g_strcmp0 (self->uri, copy) != 0)
    {
      g_free (self->uri);
      self->uri = g_steal_pointer (&copy);
      g_object_notify_by_pspec (G_OBJECT (self), _plt_client_properties[PROP_URI]);
    }

  parsed = g_uri_parse (self->uri, G_URI_FLAGS_NONE, NULL);
  g_clear_pointer (&self->address, g_free);
  self->address = parsed != NULL ? address_of (parsed) : g_strdup (self->uri);

  if (parsed == NULL ||
      (g_strcmp0 (g_uri_get_scheme (parsed), "ws") != 0 &&
       g_strcmp0 (g_uri_get_scheme (parsed), "wss") != 0) ||
      g_uri_get_host (parsed) == NULL || *g_uri_get_host (parsed) == '\0')
    {
      g_autofree char *why = g_strdup_printf (_("“%s” is not a router address; it should look like ws://host:8765/acd"),
                                              self->uri);

      _plt_client_fail (self, why, 1000);
      return;
    }

  _plt_client_set_last_error (self, NULL);
  _plt_client_start_connect (self);
}

void
plt_client_disconnect (PltClient *self)
{
  g_return_if_fail (PLT_IS_CLIENT (self));

  drop_connection (self, TRUE, SOUP_WEBSOCKET_CLOSE_NORMAL);
  g_clear_handle_id (&self->retry_source, g_source_remove);
  self->attempt = 0;
  _plt_client_set_retry_at (self, 0);
  _plt_client_set_state (self, PLT_CONNECTION_STATE_DISCONNECTED);
}

void
plt_client_reconnect_now (PltClient *self)
{
  g_return_if_fail (PLT_IS_CLIENT (self));

  if (self->state != PLT_CONNECTION_STATE_RECONNECTING)
    return;

  _plt_client_start_connect (self);
}

PltConnectionState
plt_client_get_state (PltClient *self)
{
  g_return_val_if_fail (PLT_IS_CLIENT (self), PLT_CONNECTION_STATE_DISCONNECTED);

  return self->state;
}

const char *
plt_client_get_uri (PltClient *self)
{
  g_return_val_if_fail (PLT_IS_CLIENT (self), NULL);

  return self->uri;
}

const char *
plt_client_get_last_error (PltClient *self)
{
  g_return_val_if_fail (PLT_IS_CLIENT (self), NULL);

  return self->last_error;
}

gint64
plt_client_get_last_seq (PltClient *self)
{
  g_return_val_if_fail (PLT_IS_CLIENT (self), 0);

  return self->last_seq;
}

const char *
plt_client_get_epoch (PltClient *self)
{
  g_return_val_if_fail (PLT_IS_CLIENT (self), NULL);

  return self->epoch;
}

gint64
plt_client_get_retry_at (PltClient *self)
{
  g_return_val_if_fail (PLT_IS_CLIENT (self), 0);

  return self->retry_at;
}

gint64
plt_client_get_last_update (PltClient *self)
{
  g_return_val_if_fail (PLT_IS_CLIENT (self), 0);

  return self->last_update;
}

guint64
plt_client_get_unknown_count (PltClient *self)
{
  g_return_val_if_fail (PLT_IS_CLIENT (self), 0);

  return plt_decoder_get_unknown_count (self->decoder);
}

void
plt_client_set_backoff (PltClient *self,
                        guint      base_ms,
                        guint      cap_ms,
                        guint      healthy_after_ms)
{
  g_return_if_fail (PLT_IS_CLIENT (self));
  g_return_if_fail (base_ms > 0 && cap_ms >= base_ms);

  self->backoff_base_ms = base_ms;
  self->backoff_cap_ms = MIN (cap_ms, (guint) G_MAXINT32 - 1);
  self->healthy_after_ms = healthy_after_ms;
}

void
plt_client_set_timeouts (PltClient *self,
                         guint      connect_ms,
                         guint      snapshot_ms,
                         guint      liveness_grace_ms)
{
  g_return_if_fail (PLT_IS_CLIENT (self));
  g_return_if_fail (connect_ms > 0 && snapshot_ms > 0);

  self->connect_timeout_ms = connect_ms;
  self->snapshot_timeout_ms = snapshot_ms;
  self->liveness_grace_ms = liveness_grace_ms;
  if (self->watchdog_source != 0)
    start_watchdog (self);
}

void
plt_client_set_credentials (PltClient  *self,
                            const char *user,
                            const char *password)
{
  g_return_if_fail (PLT_IS_CLIENT (self));
  g_return_if_fail (user != NULL && password != NULL);

  g_free (self->login_user);
  self->login_user = g_strdup (user);
  _plt_client_secret_clear (&self->login_password);
  self->login_password = g_strdup (password);
  /* A new login replaces the token of the previous one. */
  _plt_client_secret_clear (&self->token);
}

void
plt_client_set_token (PltClient  *self,
                      const char *token)
{
  g_return_if_fail (PLT_IS_CLIENT (self));

  _plt_client_secret_clear (&self->token);
  _plt_client_secret_clear (&self->login_password);
  self->token = g_strdup (token);
}

gboolean
plt_client_has_token (PltClient *self)
{
  g_return_val_if_fail (PLT_IS_CLIENT (self), FALSE);

  return self->token != NULL;
}

const char *
plt_client_get_role (PltClient *self)
{
  g_return_val_if_fail (PLT_IS_CLIENT (self), NULL);

  return self->role;
}

gboolean
plt_client_set_ca_file (PltClient   *self,
                        const char  *path,
                        GError     **error)
{
  GTlsDatabase *database = NULL;

  g_return_val_if_fail (PLT_IS_CLIENT (self), FALSE);

  if (path != NULL)
    {
      database = g_tls_file_database_new (path, error);
      if (database == NULL)
        return FALSE;
    }

  g_clear_object (&self->ca_database);
  self->ca_database = database;
  return TRUE;
}

GTlsCertificateFlags
plt_client_get_tls_errors (PltClient *self)
{
  g_return_val_if_fail (PLT_IS_CLIENT (self), 0);

  return self->tls_errors;
}