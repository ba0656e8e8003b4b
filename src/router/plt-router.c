/* plt-router.c — the Plateau protocol over WebSocket, in front of the ACD
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "plt-acd.h"
#include "plt-router.h"
#include "plt-scenario.h"

#define ROUTER_SERVER_NAME        "plateau-router/" PACKAGE_VERSION
#define DEFAULT_HEARTBEAT_MS      10000
#define MIN_HEARTBEAT_MS          100
#define MAX_HEARTBEAT_MS          600000
#define DEFAULT_HELLO_TIMEOUT_MS  10000
#define TICK_MS                   100
#define QUEUE_INTERVAL_US         (250 * G_TIME_SPAN_MILLISECOND)
#define MAX_ERRORS_IN_A_ROW       20
#define MAX_ERROR_TEXT            1024
/* What a snapshot part may weigh by the estimate of part_cost(), which
 * never underestimates: half of the 1 MiB message limit. */
#define PART_BUDGET               (PLT_PROTOCOL_MAX_MESSAGE / 2)
#define MAX_SPEED                 10000.0
#define THREAD_STOP_GRACE_MS      250

/*
 * The published state. Every delta the router sends is applied to these
 * tables as it is sent, so that they always hold exactly what a client has
 * after the last delta: a snapshot is built from them (consistent as of
 * `seq` by construction) and plt_router_dup_*() return them. The ACD's own
 * state can be ahead for queues, whose updates are conflated.
 */
typedef struct
{
  guint64   serial;   /* snapshot order: first publication */
  gpointer  data;     /* Plt*Data, owned */
} Published;

typedef struct
{
  char    *id;
  gint64   last_sent_us;   /* monotonic; 0 = never */
  gboolean pending;
} QueueSlot;

typedef struct
{
  PltRouter                *router;
  SoupWebsocketConnection  *conn;
  char                     *id;
  char                     *peer;
  PltDecoder               *decoder;
  GSource                  *hello_timeout;
  GSource                  *heartbeat;
  gint64                    acked_seq;
  guint                     errors;      /* in a row */
  guint                     hello : 1;
  guint                     closing : 1;
  guint                     closed : 1;
} Session;

struct _PltRouter
{
  GObject        parent_instance;

  GMainContext  *context;
  PltScenario   *scenario;
  PltAcd        *acd;
  SoupServer    *server;
  char          *uri;
  char          *epoch;

  double         speed;
  guint          heartbeat_ms;
  guint          hello_timeout_ms;

  gint64         seq;
  guint64        next_session;
  guint64        next_snapshot;
  guint64        next_serial;
  GPtrArray     *sessions;          /* Session*, owned */

  GHashTable    *published[4];      /* by PltAcdEntity: id → Published* */
  GPtrArray     *queue_slots;       /* QueueSlot*, scenario order */
  GHashTable    *queue_slots_by_id;

  /* Encoded parts and end of the snapshot as of cache_seq. */
  GPtrArray     *snapshot_cache;    /* char*: parts…, end */
  char          *snapshot_cache_id;
  gint64         snapshot_cache_seq;
  gint64         snapshot_cache_counts[4];

  GSource       *tick;
  gint64         anchor_mono_us;
  gint64         anchor_sim_ms;

  guint          running : 1;
  guint          paused : 1;
  guint          stopped : 1;
};

G_DEFINE_FINAL_TYPE (PltRouter, plt_router, G_TYPE_OBJECT)

static void session_close (Session *session, gushort code, const char *reason);

/* The clock. */

static gint64
router_now (PltRouter *self)
{
  if (!self->running || self->paused)
    return plt_acd_get_now (self->acd);

  return self->anchor_sim_ms +
         (gint64) ((double) (g_get_monotonic_time () - self->anchor_mono_us) * self->speed / 1000.0);
}

static void
reset_anchor (PltRouter *self)
{
  self->anchor_mono_us = g_get_monotonic_time ();
  self->anchor_sim_ms = plt_acd_get_now (self->acd);
}

/* Published state. */

static void
published_free (gpointer data,
                gpointer kind)
{
  Published *pub = data;

  switch (GPOINTER_TO_UINT (kind))
    {
    case PLT_ACD_ENTITY_TEAM: plt_team_data_free (pub->data); break;
    case PLT_ACD_ENTITY_AGENT: plt_agent_data_free (pub->data); break;
    case PLT_ACD_ENTITY_QUEUE: plt_queue_data_free (pub->data); break;
    case PLT_ACD_ENTITY_CALL: plt_call_data_free (pub->data); break;
    default: g_assert_not_reached ();
    }
  g_free (pub);
}

static void published_team_free (gpointer data) { published_free (data, GUINT_TO_POINTER (PLT_ACD_ENTITY_TEAM)); }
static void published_agent_free (gpointer data) { published_free (data, GUINT_TO_POINTER (PLT_ACD_ENTITY_AGENT)); }
static void published_queue_free (gpointer data) { published_free (data, GUINT_TO_POINTER (PLT_ACD_ENTITY_QUEUE)); }
static void published_call_free (gpointer data) { published_free (data, GUINT_TO_POINTER (PLT_ACD_ENTITY_CALL)); }

static const char *
data_id (PltAcdEntity kind,
         gpointer     data)
{
  switch (kind)
    {
    case PLT_ACD_ENTITY_TEAM: return ((PltTeamData *) data)->id;
    case PLT_ACD_ENTITY_AGENT: return ((PltAgentData *) data)->id;
    case PLT_ACD_ENTITY_QUEUE: return ((PltQueueData *) data)->id;
    case PLT_ACD_ENTITY_CALL: return ((PltCallData *) data)->id;
    default: g_assert_not_reached ();
    }
}

static gint64
data_ver (PltAcdEntity kind,
          gpointer     data)
{
  switch (kind)
    {
    case PLT_ACD_ENTITY_TEAM: return ((PltTeamData *) data)->ver;
    case PLT_ACD_ENTITY_AGENT: return ((PltAgentData *) data)->ver;
    case PLT_ACD_ENTITY_QUEUE: return ((PltQueueData *) data)->ver;
    case PLT_ACD_ENTITY_CALL: return ((PltCallData *) data)->ver;
    default: g_assert_not_reached ();
    }
}

static gpointer
data_copy (PltAcdEntity kind,
           gpointer     data)
{
  switch (kind)
    {
    case PLT_ACD_ENTITY_TEAM: return plt_team_data_copy (data);
    case PLT_ACD_ENTITY_AGENT: return plt_agent_data_copy (data);
    case PLT_ACD_ENTITY_QUEUE: return plt_queue_data_copy (data);
    case PLT_ACD_ENTITY_CALL: return plt_call_data_copy (data);
    default: g_assert_not_reached ();
    }
}

/* Takes @data. */
static void
published_set (PltRouter    *self,
               PltAcdEntity  kind,
               gpointer      data)
{
  GHashTable *table = self->published[kind];
  Published *pub = g_hash_table_lookup (table, data_id (kind, data));
  Published *fresh = g_new0 (Published, 1);

  fresh->serial = pub != NULL ? pub->serial : self->next_serial++;
  fresh->data = data;
  g_hash_table_replace (table, (gpointer) data_id (kind, data), fresh);
}

static int
compare_published (gconstpointer a,
                   gconstpointer b)
{
  const Published *pa = *(const Published * const *) a;
  const Published *pb = *(const Published * const *) b;

  return pa->serial < pb->serial ? -1 : pa->serial > pb->serial;
}

/* Returns: (transfer container): the published data of @kind, borrowed,
 * in snapshot order. */
static GPtrArray *
published_list (PltRouter    *self,
                PltAcdEntity  kind)
{
  g_autoptr(GPtrArray) pubs = g_ptr_array_sized_new (g_hash_table_size (self->published[kind]));
  GPtrArray *list = g_ptr_array_sized_new (g_hash_table_size (self->published[kind]));
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->published[kind]);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (pubs, value);
  g_ptr_array_sort (pubs, compare_published);

  for (guint i = 0; i < pubs->len; i++)
    g_ptr_array_add (list, ((Published *) g_ptr_array_index (pubs, i))->data);

  return list;
}

static GPtrArray *
published_dup (PltRouter      *self,
               PltAcdEntity    kind,
               GDestroyNotify  free_func)
{
  g_autoptr(GPtrArray) list = published_list (self, kind);
  GPtrArray *copy = g_ptr_array_new_full (list->len, free_func);

  for (guint i = 0; i < list->len; i++)
    g_ptr_array_add (copy, data_copy (kind, g_ptr_array_index (list, i)));

  return copy;
}

/* Sessions: sending. */

static void
session_touch_heartbeat (Session *session)
{
  if (session->heartbeat != NULL)
    g_source_set_ready_time (session->heartbeat,
                             g_get_monotonic_time () +
                             (gint64) session->router->heartbeat_ms * G_TIME_SPAN_MILLISECOND);
}

static gboolean
session_can_send (Session *session)
{
  return !session->closing && !session->closed &&
         soup_websocket_connection_get_state (session->conn) == SOUP_WEBSOCKET_STATE_OPEN;
}

static void
session_send (Session    *session,
              const char *text)
{
  if (!session_can_send (session) || text == NULL)
    return;

  soup_websocket_connection_send_text (session->conn, text);
  session_touch_heartbeat (session);
}

static void
broadcast (PltRouter  *self,
           const char *text)
{
  for (guint i = 0; i < self->sessions->len; i++)
    {
      Session *session = g_ptr_array_index (self->sessions, i);

      /* Only sessions that have their snapshot follow the stream. */
      if (session->hello)
        session_send (session, text);
    }
}

static void
drop_snapshot_cache (PltRouter *self)
{
  g_clear_pointer (&self->snapshot_cache, g_ptr_array_unref);
  g_clear_pointer (&self->snapshot_cache_id, g_free);
}

/* Takes @data: a Plt*Data of @kind. */
static void
publish_update (PltRouter    *self,
                PltAcdEntity  kind,
                gpointer      data)
{
  static const PltMessageType types[] = {
    PLT_MESSAGE_TEAM_UPDATE, PLT_MESSAGE_AGENT_UPDATE,
    PLT_MESSAGE_QUEUE_UPDATE, PLT_MESSAGE_CALL_UPDATE,
  };
  g_autofree char *text = NULL;
  PltMessage message = { 0 };

  message.type = types[kind];
  message.has_seq = TRUE;
  message.seq = ++self->seq;
  message.epoch = self->epoch;
  message.ts = router_now (self);

  switch (kind)
    {
    case PLT_ACD_ENTITY_TEAM: message.u.team = data; break;
    case PLT_ACD_ENTITY_AGENT: message.u.agent = data; break;
    case PLT_ACD_ENTITY_QUEUE: message.u.queue = data; break;
    case PLT_ACD_ENTITY_CALL: message.u.call = data; break;
    default: g_assert_not_reached ();
    }

  text = plt_message_encode (&message);
  published_set (self, kind, data);
  drop_snapshot_cache (self);
  broadcast (self, text);
}

static void
publish_remove (PltRouter    *self,
                PltAcdEntity  kind,
                const char   *id)
{
  static const PltMessageType types[] = {
    PLT_MESSAGE_TEAM_REMOVE, PLT_MESSAGE_AGENT_REMOVE,
    PLT_MESSAGE_QUEUE_REMOVE, PLT_MESSAGE_CALL_REMOVE,
  };
  g_autofree char *text = NULL;
  PltMessage message = { 0 };
  Published *pub;

  pub = g_hash_table_lookup (self->published[kind], id);
  g_return_if_fail (pub != NULL);

  message.type = types[kind];
  message.has_seq = TRUE;
  message.seq = ++self->seq;
  message.epoch = self->epoch;
  message.ts = router_now (self);
  message.u.remove.id = (char *) id;
  message.u.remove.ver = data_ver (kind, pub->data) + 1;

  text = plt_message_encode (&message);
  g_hash_table_remove (self->published[kind], id);
  drop_snapshot_cache (self);
  broadcast (self, text);
}

/* Queue updates are conflated: at most one per queue per 250 ms. */

static void
queue_slot_send (PltRouter *self,
                 QueueSlot *slot)
{
  PltQueueData *data = plt_acd_dup_queue (self->acd, slot->id);

  slot->pending = FALSE;
  slot->last_sent_us = g_get_monotonic_time ();
  publish_update (self, PLT_ACD_ENTITY_QUEUE, data);
}

static void
flush_queues (PltRouter *self,
              gboolean   all)
{
  gint64 now = g_get_monotonic_time ();

  for (guint i = 0; i < self->queue_slots->len; i++)
    {
      QueueSlot *slot = g_ptr_array_index (self->queue_slots, i);

      if (slot->pending && (all || now - slot->last_sent_us >= QUEUE_INTERVAL_US))
        queue_slot_send (self, slot);
    }
}

static void
on_acd_changed (PltAcd     *acd,
                guint       kind,
                const char *id,
                PltRouter  *self)
{
  switch (kind)
    {
    case PLT_ACD_ENTITY_TEAM:
      publish_update (self, kind, plt_acd_dup_team (acd, id));
      break;

    case PLT_ACD_ENTITY_AGENT:
      publish_update (self, kind, plt_acd_dup_agent (acd, id));
      break;

    case PLT_ACD_ENTITY_CALL:
      publish_update (self, kind, plt_acd_dup_call (acd, id));
      break;

    case PLT_ACD_ENTITY_QUEUE:
      {
        QueueSlot *slot = g_hash_table_lookup (self->queue_slots_by_id, id);

        g_return_if_fail (slot != NULL);
        slot->pending = TRUE;
        if (g_get_monotonic_time () - slot->last_sent_us >= QUEUE_INTERVAL_US)
          queue_slot_send (self, slot);
      }
      break;

    default:
      g_return_if_reached ();
    }
}

static void
on_acd_removed (PltAcd     *acd,
                guint       kind,
                const char *id,
                PltRouter  *self)
{
  publish_remove (self, kind, id);
}

/* Snapshots. */

static gsize
str_cost (const char *str)
{
  /* The encoder escapes a control byte as \u00XX: six bytes for one. */
  return str != NULL ? 6 * strlen (str) + 8 : 8;
}

static gsize
entity_cost (PltAcdEntity kind,
             gpointer     data)
{
  switch (kind)
    {
    case PLT_ACD_ENTITY_TEAM:
      {
        PltTeamData *team = data;

        return 64 + str_cost (team->id) + str_cost (team->name);
      }

    case PLT_ACD_ENTITY_AGENT:
      {
        PltAgentData *agent = data;
        gsize cost = 320 + str_cost (agent->id) + str_cost (agent->name) + str_cost (agent->team) +
                     str_cost (agent->reason) + str_cost (agent->queue) + str_cost (agent->call);

        for (guint i = 0; agent->queues != NULL && agent->queues[i] != NULL; i++)
          cost += str_cost (agent->queues[i]) + 2;
        return cost;
      }

    case PLT_ACD_ENTITY_QUEUE:
      {
        PltQueueData *queue = data;

        return 640 + str_cost (queue->id) + str_cost (queue->name);
      }

    case PLT_ACD_ENTITY_CALL:
      {
        PltCallData *call = data;

        return 256 + str_cost (call->id) + str_cost (call->queue) +
               str_cost (call->agent) + str_cost (call->number);
      }

    default:
      g_assert_not_reached ();
    }
}

typedef struct
{
  GPtrArray *lists[4];   /* borrowed data by kind */
  gsize      cost;
} Part;

static void
part_free (gpointer data)
{
  Part *part = data;

  for (guint k = 0; k < 4; k++)
    g_ptr_array_unref (part->lists[k]);
  g_free (part);
}

static Part *
part_new (void)
{
  Part *part = g_new0 (Part, 1);

  for (guint k = 0; k < 4; k++)
    part->lists[k] = g_ptr_array_new ();
  part->cost = 256;

  return part;
}

/* Fills parts in order, teams, agents, queues then calls, each part with at
 * most PLT_PROTOCOL_MAX_PART_ENTITIES entities of each kind and
 * PART_BUDGET bytes. */
static void
build_snapshot_cache (PltRouter *self)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (part_free);
  PltMessage message = { 0 };
  Part *part = part_new ();

  g_ptr_array_add (parts, part);

  for (guint k = 0; k < 4; k++)
    {
      g_autoptr(GPtrArray) list = published_list (self, k);

      self->snapshot_cache_counts[k] = list->len;

      for (guint i = 0; i < list->len; i++)
        {
          gpointer data = g_ptr_array_index (list, i);
          gsize cost = entity_cost (k, data);

          if (part->lists[k]->len >= PLT_PROTOCOL_MAX_PART_ENTITIES ||
              (part->cost + cost > PART_BUDGET && part->cost > 256))
            {
              part = part_new ();
              g_ptr_array_add (parts, part);
            }

          g_ptr_array_add (part->lists[k], data);
          part->cost += cost;
        }
    }

  drop_snapshot_cache (self);
  self->snapshot_cache = g_ptr_array_new_with_free_func (g_free);
  self->snapshot_cache_id = g_strdup_printf ("snap-%" G_GUINT64_FORMAT, ++self->next_snapshot);
  self->snapshot_cache_seq = self->seq;

  message.has_seq = TRUE;
  message.seq = self->seq;
  message.epoch = self->epoch;
  message.ts = router_now (self);

  for (guint i = 0; i < parts->len; i++)
    {
      Part *p = g_ptr_array_index (parts, i);
      char *text;

      message.type = PLT_MESSAGE_SNAPSHOT_PART;
      message.u.snapshot_part.snapshot_id = self->snapshot_cache_id;
      message.u.snapshot_part.index = i;
      message.u.snapshot_part.teams = p->lists[PLT_ACD_ENTITY_TEAM];
      message.u.snapshot_part.agents = p->lists[PLT_ACD_ENTITY_AGENT];
      message.u.snapshot_part.queues = p->lists[PLT_ACD_ENTITY_QUEUE];
      message.u.snapshot_part.calls = p->lists[PLT_ACD_ENTITY_CALL];

      text = plt_message_encode (&message);
      g_warn_if_fail (strlen (text) < PLT_PROTOCOL_MAX_MESSAGE);
      g_ptr_array_add (self->snapshot_cache, text);
    }

  memset (&message.u, 0, sizeof message.u);
  message.type = PLT_MESSAGE_SNAPSHOT_END;
  message.u.snapshot_end_id = self->snapshot_cache_id;
  g_ptr_array_add (self->snapshot_cache, plt_message_encode (&message));
}

static void
session_send_snapshot (Session    *session,
                       const char *reason)
{
  PltRouter *self = session->router;
  g_autofree char *begin = NULL;
  PltMessage message = { 0 };

  if (self->snapshot_cache == NULL || self->snapshot_cache_seq != self->seq)
    build_snapshot_cache (self);

  message.type = PLT_MESSAGE_SNAPSHOT_BEGIN;
  message.has_seq = TRUE;
  message.seq = self->seq;
  message.epoch = self->epoch;
  message.ts = router_now (self);
  message.u.snapshot_begin.snapshot_id = self->snapshot_cache_id;
  message.u.snapshot_begin.as_of_seq = self->seq;
  message.u.snapshot_begin.parts = self->snapshot_cache->len - 1;
  message.u.snapshot_begin.reason = (char *) reason;
  message.u.snapshot_begin.count_teams = self->snapshot_cache_counts[PLT_ACD_ENTITY_TEAM];
  message.u.snapshot_begin.count_agents = self->snapshot_cache_counts[PLT_ACD_ENTITY_AGENT];
  message.u.snapshot_begin.count_queues = self->snapshot_cache_counts[PLT_ACD_ENTITY_QUEUE];
  message.u.snapshot_begin.count_calls = self->snapshot_cache_counts[PLT_ACD_ENTITY_CALL];
  begin = plt_message_encode (&message);

  g_info ("session %s: snapshot %s (%s) as of seq %" G_GINT64_FORMAT ", %u parts",
          session->id, self->snapshot_cache_id, reason, self->seq, self->snapshot_cache->len - 1);

  session_send (session, begin);
  for (guint i = 0; i < self->snapshot_cache->len; i++)
    session_send (session, g_ptr_array_index (self->snapshot_cache, i));
}

/* Sessions: receiving. */

static void
session_stop_timers (Session *session)
{
  if (session->hello_timeout != NULL)
    {
      g_source_destroy (session->hello_timeout);
      g_clear_pointer (&session->hello_timeout, g_source_unref);
    }
  if (session->heartbeat != NULL)
    {
      g_source_destroy (session->heartbeat);
      g_clear_pointer (&session->heartbeat, g_source_unref);
    }
}

static void
session_close (Session    *session,
               gushort     code,
               const char *reason)
{
  if (session->closing || session->closed)
    return;

  session->closing = TRUE;
  session_stop_timers (session);

  g_message ("session %s: closing (%u, %s)", session->id, code, reason);
  if (soup_websocket_connection_get_state (session->conn) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_close (session->conn, code, reason);
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

static void
session_error (Session          *session,
               PltProtocolError  code,
               const char       *text)
{
  PltRouter *self = session->router;
  g_autofree char *short_text = error_text (text);
  g_autofree char *frame = NULL;
  gboolean fatal;

  session->errors++;
  fatal = session->errors >= MAX_ERRORS_IN_A_ROW;

  g_info ("session %s: rejected a message (%s): %s", session->id,
          plt_protocol_error_code_to_string (code), short_text);

  frame = plt_protocol_encode_error (self->seq, self->epoch, code, short_text, fatal);
  session_send (session, frame);

  if (fatal)
    session_close (session, SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION, "too many errors in a row");
}

static gboolean
on_heartbeat (gpointer user_data)
{
  Session *session = user_data;
  PltRouter *self = session->router;
  g_autofree char *text = NULL;
  PltMessage message = { 0 };

  message.type = PLT_MESSAGE_HEARTBEAT;
  message.has_seq = TRUE;
  message.seq = self->seq;
  message.epoch = self->epoch;
  message.ts = router_now (self);
  text = plt_message_encode (&message);

  session_send (session, text);
  /* Sending re-armed the source; if it could not send, stop. */
  if (!session_can_send (session))
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
session_hello (Session    *session,
               const char *client)
{
  PltRouter *self = session->router;
  g_autofree char *client_log = NULL;
  g_autofree char *text = NULL;
  PltMessage message = { 0 };

  session->hello = TRUE;
  if (session->hello_timeout != NULL)
    {
      g_source_destroy (session->hello_timeout);
      g_clear_pointer (&session->hello_timeout, g_source_unref);
    }

  /* The client's text goes to the log escaped, never raw. */
  client_log = g_strescape (client, NULL);
  if (strlen (client_log) > 80)
    client_log[80] = '\0';
  g_message ("session %s: hello from “%s”", session->id, client_log);

  message.type = PLT_MESSAGE_WELCOME;
  message.has_seq = TRUE;
  message.seq = self->seq;
  message.epoch = self->epoch;
  message.ts = router_now (self);
  message.u.welcome.session = session->id;
  message.u.welcome.server = (char *) ROUTER_SERVER_NAME;
  message.u.welcome.heartbeat_ms = self->heartbeat_ms;
  message.u.welcome.clock_now = router_now (self);
  message.u.welcome.clock_rate = self->speed;
  message.u.welcome.limits.max_message = PLT_PROTOCOL_MAX_MESSAGE;
  message.u.welcome.limits.max_client_message = PLT_PROTOCOL_MAX_CLIENT_MESSAGE;
  message.u.welcome.limits.max_depth = PLT_PROTOCOL_MAX_DEPTH;
  message.u.welcome.limits.max_string = PLT_PROTOCOL_MAX_STRING;
  text = plt_message_encode (&message);

  session->heartbeat = g_source_new (&ready_time_funcs, sizeof (GSource));
  g_source_set_static_name (session->heartbeat, "[plateau-router] heartbeat");
  g_source_set_callback (session->heartbeat, on_heartbeat, session, NULL);
  g_source_attach (session->heartbeat, self->context);

  session_send (session, text);
  session_send_snapshot (session, "initial");
}

static void
session_handle (Session    *session,
                PltMessage *message)
{
  PltRouter *self = session->router;

  if (message->type == PLT_MESSAGE_HELLO)
    {
      if (session->hello)
        {
          session_error (session, PLT_PROTOCOL_ERROR_PROTOCOL, "hello was already received on this connection");
          return;
        }
      session->errors = 0;
      session_hello (session, message->u.hello_client);
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
      if (message->u.ack_seq > self->seq)
        {
          g_autofree char *text =
            g_strdup_printf ("field “seq” (%" G_GINT64_FORMAT ") is ahead of the stream (%" G_GINT64_FORMAT ")",
                             message->u.ack_seq, self->seq);

          session_error (session, PLT_PROTOCOL_ERROR_BAD_REQUEST, text);
          return;
        }
      session->errors = 0;
      session->acked_seq = message->u.ack_seq;
      return;

    case PLT_MESSAGE_RESYNC:
      session->errors = 0;
      g_info ("session %s: resync after seq %" G_GINT64_FORMAT, session->id, message->u.resync_from_seq);
      session_send_snapshot (session, "resync");
      return;

    case PLT_MESSAGE_UNKNOWN:
      {
        g_autofree char *text = g_strdup_printf ("the router does not know the message type “%s”",
                                                 message->type_name);

        session_error (session, PLT_PROTOCOL_ERROR_UNKNOWN_TYPE, text);
      }
      return;

    case PLT_MESSAGE_HELLO:
    case PLT_MESSAGE_WELCOME:
    case PLT_MESSAGE_HEARTBEAT:
    case PLT_MESSAGE_SNAPSHOT_BEGIN:
    case PLT_MESSAGE_SNAPSHOT_PART:
    case PLT_MESSAGE_SNAPSHOT_END:
    case PLT_MESSAGE_TEAM_UPDATE:
    case PLT_MESSAGE_TEAM_REMOVE:
    case PLT_MESSAGE_AGENT_UPDATE:
    case PLT_MESSAGE_AGENT_REMOVE:
    case PLT_MESSAGE_QUEUE_UPDATE:
    case PLT_MESSAGE_QUEUE_REMOVE:
    case PLT_MESSAGE_CALL_UPDATE:
    case PLT_MESSAGE_CALL_REMOVE:
    case PLT_MESSAGE_ERROR:
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
  Session *session = user_data;
  g_autoptr(PltMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  const char *data;
  gsize length;

  /* libsoup 3.2 may still deliver frames after an error or a close. */
  if (!session_can_send (session))
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

  session_handle (session, message);
}

static void
on_ws_error (SoupWebsocketConnection *conn,
             GError                  *error,
             gpointer                 user_data)
{
  Session *session = user_data;

  g_info ("session %s: connection error: %s", session->id, error->message);
}

static void
on_ws_closed (SoupWebsocketConnection *conn,
              gpointer                 user_data)
{
  Session *session = user_data;

  session->closed = TRUE;
  session_stop_timers (session);
  g_message ("session %s: closed (code %u)", session->id,
             soup_websocket_connection_get_close_code (conn));
  /* Freed by the next tick (or with the router): not from inside a signal
   * of the connection. */
}

static gboolean
on_hello_timeout (gpointer user_data)
{
  Session *session = user_data;

  g_clear_pointer (&session->hello_timeout, g_source_unref);
  g_message ("session %s: no hello within %u ms", session->id, session->router->hello_timeout_ms);
  session_close (session, SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION, "no hello");

  return G_SOURCE_REMOVE;
}

static void
session_free (gpointer data)
{
  Session *session = data;

  session_stop_timers (session);
  g_signal_handlers_disconnect_by_data (session->conn, session);
  g_clear_object (&session->conn);
  g_clear_object (&session->decoder);
  g_free (session->id);
  g_free (session->peer);
  g_free (session);
}

static char *
describe_address (GSocketAddress *address)
{
  g_autofree char *ip = NULL;

  if (!G_IS_INET_SOCKET_ADDRESS (address))
    return g_strdup ("an unknown address");

  ip = g_inet_address_to_string (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (address)));
  if (g_inet_address_get_family (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (address))) == G_SOCKET_FAMILY_IPV6)
    return g_strdup_printf ("[%s]:%u", ip, g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address)));
  return g_strdup_printf ("%s:%u", ip, g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address)));
}

static void
on_websocket (SoupServer              *server,
              SoupServerMessage       *msg,
              const char              *path,
              SoupWebsocketConnection *conn,
              gpointer                 user_data)
{
  PltRouter *self = user_data;
  Session *session;

  if (self->stopped)
    {
      soup_websocket_connection_close (conn, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, "router shutting down");
      return;
    }

  /* libsoup 3.2 compares subprotocols without case (libsoup#466), and
   * lets a client that offers none through: the handler on the path turned
   * those away already; this is the last check. */
  if (g_strcmp0 (soup_websocket_connection_get_protocol (conn), PLT_PROTOCOL_SUBPROTOCOL) != 0)
    {
      soup_websocket_connection_close (conn, SOUP_WEBSOCKET_CLOSE_PROTOCOL_ERROR, "subprotocol plateau.v1 required");
      return;
    }

  /* Set explicitly: never 0 on libsoup 3.2 (CVE-2026-0716). */
  soup_websocket_connection_set_max_incoming_payload_size (conn, PLT_PROTOCOL_MAX_CLIENT_MESSAGE);

  session = g_new0 (Session, 1);
  session->router = self;
  session->conn = g_object_ref (conn);
  session->id = g_strdup_printf ("s-%" G_GUINT64_FORMAT, ++self->next_session);
  session->peer = describe_address (soup_server_message_get_remote_address (msg));
  session->decoder = plt_decoder_new (PLT_DECODER_FROM_CLIENT);
  g_ptr_array_add (self->sessions, session);

  g_signal_connect (conn, "message", G_CALLBACK (on_ws_message), session);
  g_signal_connect (conn, "error", G_CALLBACK (on_ws_error), session);
  g_signal_connect (conn, "closed", G_CALLBACK (on_ws_closed), session);

  session->hello_timeout = g_timeout_source_new (self->hello_timeout_ms);
  g_source_set_static_name (session->hello_timeout, "[plateau-router] hello timeout");
  g_source_set_callback (session->hello_timeout, on_hello_timeout, session, NULL);
  g_source_attach (session->hello_timeout, self->context);

  g_message ("session %s: connected from %s", session->id, session->peer);
}

static gboolean
offers_subprotocol (const char *header)
{
  g_auto(GStrv) offered = NULL;

  if (header == NULL)
    return FALSE;

  offered = g_strsplit (header, ",", -1);
  for (guint i = 0; offered[i] != NULL; i++)
    if (g_str_equal (g_strstrip (offered[i]), PLT_PROTOCOL_SUBPROTOCOL))
      return TRUE;

  return FALSE;
}

/* Runs before the WebSocket handshake on the same path: turns away anything
 * that does not offer plateau.v1, byte for byte. */
static void
on_http_request (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  static const char body[] =
    "This is a Plateau router: connect with a WebSocket and the subprotocol "
    PLT_PROTOCOL_SUBPROTOCOL ".\n";
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  if (offers_subprotocol (soup_message_headers_get_one (headers, "Sec-WebSocket-Protocol")))
    return;

  soup_server_message_set_status (msg, SOUP_STATUS_BAD_REQUEST, NULL);
  soup_server_message_set_response (msg, "text/plain; charset=utf-8", SOUP_MEMORY_STATIC,
                                    body, sizeof body - 1);
}

/* The tick: moves the simulation to the router's clock, sends the queue
 * updates that are due, frees closed sessions. */
static gboolean
on_tick (gpointer user_data)
{
  PltRouter *self = user_data;

  if (!self->paused)
    plt_acd_advance_to (self->acd, router_now (self));

  flush_queues (self, FALSE);

  for (guint i = self->sessions->len; i > 0; i--)
    {
      Session *session = g_ptr_array_index (self->sessions, i - 1);

      if (session->closed)
        g_ptr_array_remove_index (self->sessions, i - 1);
    }

  return G_SOURCE_CONTINUE;
}

static char *
random_epoch (void)
{
  return g_strdup_printf ("%04x%08x", g_random_int () & 0xffff, g_random_int ());
}

static void
plt_router_dispose (GObject *object)
{
  PltRouter *self = (PltRouter *) object;

  if (self->tick != NULL)
    {
      g_source_destroy (self->tick);
      g_clear_pointer (&self->tick, g_source_unref);
    }

  if (self->acd != NULL)
    g_signal_handlers_disconnect_by_data (self->acd, self);

  g_clear_pointer (&self->sessions, g_ptr_array_unref);

  if (self->server != NULL)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_clear_object (&self->acd);

  G_OBJECT_CLASS (plt_router_parent_class)->dispose (object);
}

static void
plt_router_finalize (GObject *object)
{
  PltRouter *self = (PltRouter *) object;

  for (guint k = 0; k < G_N_ELEMENTS (self->published); k++)
    g_clear_pointer (&self->published[k], g_hash_table_unref);
  g_clear_pointer (&self->queue_slots_by_id, g_hash_table_unref);
  g_clear_pointer (&self->queue_slots, g_ptr_array_unref);
  drop_snapshot_cache (self);
  g_clear_pointer (&self->scenario, plt_scenario_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_free (self->uri);
  g_free (self->epoch);

  G_OBJECT_CLASS (plt_router_parent_class)->finalize (object);
}

static void
plt_router_class_init (PltRouterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = plt_router_dispose;
  object_class->finalize = plt_router_finalize;
}

static void
queue_slot_free (gpointer data)
{
  QueueSlot *slot = data;

  g_free (slot->id);
  g_free (slot);
}

static void
plt_router_init (PltRouter *self)
{
  self->context = g_main_context_ref_thread_default ();
  self->sessions = g_ptr_array_new_with_free_func (session_free);
  self->published[PLT_ACD_ENTITY_TEAM] = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, published_team_free);
  self->published[PLT_ACD_ENTITY_AGENT] = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, published_agent_free);
  self->published[PLT_ACD_ENTITY_QUEUE] = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, published_queue_free);
  self->published[PLT_ACD_ENTITY_CALL] = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, published_call_free);
  self->queue_slots = g_ptr_array_new_with_free_func (queue_slot_free);
  self->queue_slots_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->hello_timeout_ms = DEFAULT_HELLO_TIMEOUT_MS;
  self->heartbeat_ms = DEFAULT_HEARTBEAT_MS;
  self->speed = 1.0;
}

PltRouter *
plt_router_new (const PltRouterOptions  *options,
                GError                 **error)
{
  g_autoptr(PltRouter) self = NULL;
  g_autoptr(PltScenario) scenario = NULL;
  g_autoptr(GPtrArray) queues = NULL;
  const char *protocols[] = { PLT_PROTOCOL_SUBPROTOCOL, NULL };

  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(options->speed > 0 && options->speed <= MAX_SPEED))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "The speed must be greater than 0 and at most %g (found %g)", MAX_SPEED, options->speed);
      return NULL;
    }
  if (options->heartbeat_ms != 0 &&
      (options->heartbeat_ms < MIN_HEARTBEAT_MS || options->heartbeat_ms > MAX_HEARTBEAT_MS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "The heartbeat must be from %u to %u ms (found %u)",
                   MIN_HEARTBEAT_MS, MAX_HEARTBEAT_MS, options->heartbeat_ms);
      return NULL;
    }

  scenario = plt_scenario_load (options->scenario, error);
  if (scenario == NULL)
    return NULL;

  self = g_object_new (PLT_TYPE_ROUTER, NULL);
  self->scenario = g_steal_pointer (&scenario);
  self->speed = options->speed;
  if (options->heartbeat_ms != 0)
    self->heartbeat_ms = options->heartbeat_ms;
  self->epoch = random_epoch ();

  self->acd = plt_acd_new (self->scenario, options->seed, g_get_real_time () / 1000);
  reset_anchor (self);

  {
    g_autoptr(GPtrArray) teams = plt_acd_dup_teams (self->acd);
    g_autoptr(GPtrArray) agents = plt_acd_dup_agents (self->acd);
    g_autoptr(GPtrArray) calls = plt_acd_dup_calls (self->acd);

    queues = plt_acd_dup_queues (self->acd);

    g_ptr_array_set_free_func (teams, NULL);
    g_ptr_array_set_free_func (agents, NULL);
    g_ptr_array_set_free_func (calls, NULL);
    for (guint i = 0; i < teams->len; i++)
      published_set (self, PLT_ACD_ENTITY_TEAM, g_ptr_array_index (teams, i));
    for (guint i = 0; i < agents->len; i++)
      published_set (self, PLT_ACD_ENTITY_AGENT, g_ptr_array_index (agents, i));
    for (guint i = 0; i < calls->len; i++)
      published_set (self, PLT_ACD_ENTITY_CALL, g_ptr_array_index (calls, i));
  }

  for (guint i = 0; i < queues->len; i++)
    {
      PltQueueData *queue = g_ptr_array_index (queues, i);
      QueueSlot *slot = g_new0 (QueueSlot, 1);

      slot->id = g_strdup (queue->id);
      g_ptr_array_add (self->queue_slots, slot);
      g_hash_table_insert (self->queue_slots_by_id, slot->id, slot);
      published_set (self, PLT_ACD_ENTITY_QUEUE, plt_queue_data_copy (queue));
    }

  g_signal_connect (self->acd, "changed", G_CALLBACK (on_acd_changed), self);
  g_signal_connect (self->acd, "removed", G_CALLBACK (on_acd_removed), self);

  self->server = soup_server_new ("server-header", ROUTER_SERVER_NAME " ", NULL);
  /* Compression is not negotiated (docs/protocol.md §1). */
  soup_server_remove_websocket_extension (self->server, SOUP_TYPE_WEBSOCKET_EXTENSION_DEFLATE);
  soup_server_add_handler (self->server, PLT_PROTOCOL_PATH, on_http_request, NULL, NULL);
  soup_server_add_websocket_handler (self->server, PLT_PROTOCOL_PATH, NULL, (char **) protocols,
                                     on_websocket, self, NULL);

  g_info ("router: scenario “%s”, %u agents, seed %" G_GUINT64_FORMAT ", speed %g, epoch %s",
          self->scenario->name, plt_acd_get_n_agents (self->acd), options->seed, self->speed, self->epoch);

  return g_steal_pointer (&self);
}

static GInetAddress *
resolve_host (const char  *host,
              GError     **error)
{
  g_autoptr(GResolver) resolver = NULL;
  g_autolist(GInetAddress) addresses = NULL;
  GInetAddress *address;

  address = g_inet_address_new_from_string (host);
  if (address != NULL)
    return address;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);

  resolver = g_resolver_get_default ();
  addresses = g_resolver_lookup_by_name (resolver, host, NULL, error);
  if (addresses == NULL)
    return NULL;

  return g_object_ref (addresses->data);
}

gboolean
plt_router_listen (PltRouter   *self,
                   const char  *host,
                   guint        port,
                   GError     **error)
{
  g_autoptr(GInetAddress) address = NULL;
  g_autoptr(GSocketAddress) socket_address = NULL;
  g_autoptr(GSocketAddress) local = NULL;
  GSList *listeners;
  g_autofree char *ip = NULL;
  g_autoptr(GError) local_error = NULL;
  guint bound_port;

  g_return_val_if_fail (PLT_IS_ROUTER (self), FALSE);
  g_return_val_if_fail (host != NULL, FALSE);
  g_return_val_if_fail (port <= 65535, FALSE);
  g_return_val_if_fail (!self->running && !self->stopped, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  address = resolve_host (host, &local_error);
  if (address == NULL)
    {
      g_set_error (error, local_error->domain, local_error->code,
                   "Cannot listen on %s:%u: %s", host, port, local_error->message);
      return FALSE;
    }

  socket_address = g_inet_socket_address_new (address, port);
  if (!soup_server_listen (self->server, socket_address, 0, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code,
                   "Cannot listen on %s:%u: %s", host, port, local_error->message);
      return FALSE;
    }

  /* The last listener is the one just added. */
  listeners = soup_server_get_listeners (self->server);
  local = g_socket_get_local_address (listeners->data, &local_error);
  g_slist_free (listeners);
  if (local == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      soup_server_disconnect (self->server);
      return FALSE;
    }
  bound_port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));

  ip = g_inet_address_to_string (address);
  if (g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV6)
    self->uri = g_strdup_printf ("ws://[%s]:%u%s", ip, bound_port, PLT_PROTOCOL_PATH);
  else
    self->uri = g_strdup_printf ("ws://%s:%u%s", ip, bound_port, PLT_PROTOCOL_PATH);

  self->running = TRUE;
  reset_anchor (self);

  self->tick = g_timeout_source_new (TICK_MS);
  g_source_set_static_name (self->tick, "[plateau-router] tick");
  g_source_set_callback (self->tick, on_tick, self, NULL);
  g_source_attach (self->tick, self->context);

  return TRUE;
}

char *
plt_router_dup_uri (PltRouter *self)
{
  g_return_val_if_fail (PLT_IS_ROUTER (self), NULL);

  return g_strdup (self->uri);
}

void
plt_router_stop (PltRouter *self)
{
  g_return_if_fail (PLT_IS_ROUTER (self));

  if (self->stopped)
    return;

  self->stopped = TRUE;
  self->running = FALSE;

  if (self->tick != NULL)
    {
      g_source_destroy (self->tick);
      g_clear_pointer (&self->tick, g_source_unref);
    }

  for (guint i = 0; i < self->sessions->len; i++)
    session_close (g_ptr_array_index (self->sessions, i),
                   SOUP_WEBSOCKET_CLOSE_GOING_AWAY, "router shutting down");

  soup_server_disconnect (self->server);
}

void
plt_router_set_paused (PltRouter *self,
                       gboolean   paused)
{
  g_return_if_fail (PLT_IS_ROUTER (self));

  paused = !!paused;
  if (self->paused == (guint) paused)
    return;

  if (paused)
    {
      if (self->running)
        plt_acd_advance_to (self->acd, router_now (self));
      self->paused = TRUE;
      /* So that the stream is final when this returns. */
      flush_queues (self, TRUE);
    }
  else
    {
      self->paused = FALSE;
      reset_anchor (self);
    }
}

void
plt_router_set_hello_timeout (PltRouter *self,
                              guint      timeout_ms)
{
  g_return_if_fail (PLT_IS_ROUTER (self));
  g_return_if_fail (timeout_ms > 0);

  self->hello_timeout_ms = timeout_ms;
}

gint64
plt_router_get_now (PltRouter *self)
{
  g_return_val_if_fail (PLT_IS_ROUTER (self), 0);

  return router_now (self);
}

gint64
plt_router_get_seq (PltRouter *self)
{
  g_return_val_if_fail (PLT_IS_ROUTER (self), 0);

  return self->seq;
}

const char *
plt_router_get_epoch (PltRouter *self)
{
  g_return_val_if_fail (PLT_IS_ROUTER (self), NULL);

  return self->epoch;
}

guint
plt_router_get_n_clients (PltRouter *self)
{
  guint n = 0;

  g_return_val_if_fail (PLT_IS_ROUTER (self), 0);

  for (guint i = 0; i < self->sessions->len; i++)
    if (!((Session *) g_ptr_array_index (self->sessions, i))->closed)
      n++;

  return n;
}

PltAcd *
plt_router_get_acd (PltRouter *self)
{
  g_return_val_if_fail (PLT_IS_ROUTER (self), NULL);

  return self->acd;
}

GPtrArray *
plt_router_dup_teams (PltRouter *self)
{
  g_return_val_if_fail (PLT_IS_ROUTER (self), NULL);

  return published_dup (self, PLT_ACD_ENTITY_TEAM, (GDestroyNotify) plt_team_data_free);
}

GPtrArray *
plt_router_dup_agents (PltRouter *self)
{
  g_return_val_if_fail (PLT_IS_ROUTER (self), NULL);

  return published_dup (self, PLT_ACD_ENTITY_AGENT, (GDestroyNotify) plt_agent_data_free);
}

GPtrArray *
plt_router_dup_queues (PltRouter *self)
{
  g_return_val_if_fail (PLT_IS_ROUTER (self), NULL);

  return published_dup (self, PLT_ACD_ENTITY_QUEUE, (GDestroyNotify) plt_queue_data_free);
}

GPtrArray *
plt_router_dup_calls (PltRouter *self)
{
  g_return_val_if_fail (PLT_IS_ROUTER (self), NULL);

  return published_dup (self, PLT_ACD_ENTITY_CALL, (GDestroyNotify) plt_call_data_free);
}

static gboolean
wake_up (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

gboolean
plt_router_wait_closed (PltRouter *self,
                        guint      timeout_ms)
{
  g_autoptr(GSource) timer = NULL;
  gint64 deadline;

  g_return_val_if_fail (PLT_IS_ROUTER (self), FALSE);

  deadline = g_get_monotonic_time () + (gint64) timeout_ms * G_TIME_SPAN_MILLISECOND;

  /* Wakes the loop up at least every 10 ms to look at the deadline. */
  timer = g_timeout_source_new (10);
  g_source_set_callback (timer, wake_up, NULL, NULL);
  g_source_attach (timer, self->context);

  while (plt_router_get_n_clients (self) > 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (self->context, TRUE);

  g_source_destroy (timer);

  return plt_router_get_n_clients (self) == 0;
}

/* The router on its own thread. */

struct _PltRouterThread
{
  GThread       *thread;
  GMutex         mutex;
  GCond          cond;
  gboolean       ready;
  GError        *error;

  char          *scenario;
  PltRouterOptions options;
  char          *host;
  guint          port;

  GMainContext  *context;
  GMainLoop     *loop;
  PltRouter     *router;
  char          *uri;
};

static gpointer
router_thread_main (gpointer data)
{
  PltRouterThread *thread = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PltRouter) router = NULL;

  g_main_context_push_thread_default (thread->context);

  router = plt_router_new (&thread->options, &error);
  if (router != NULL && !plt_router_listen (router, thread->host, thread->port, &error))
    g_clear_object (&router);

  g_mutex_lock (&thread->mutex);
  if (router != NULL)
    {
      thread->router = router;
      thread->uri = plt_router_dup_uri (router);
    }
  else
    thread->error = g_steal_pointer (&error);
  thread->ready = TRUE;
  g_cond_signal (&thread->cond);
  g_mutex_unlock (&thread->mutex);

  if (router != NULL)
    {
      g_main_loop_run (thread->loop);
      thread->router = NULL;
      g_clear_object (&router);
    }

  /* Let what the router released finish (closing sockets). */
  while (g_main_context_iteration (thread->context, FALSE))
    ;

  g_main_context_pop_thread_default (thread->context);

  return NULL;
}

PltRouterThread *
plt_router_thread_start (const PltRouterOptions  *options,
                         const char              *host,
                         guint                    port,
                         GError                 **error)
{
  PltRouterThread *thread;

  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (host != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  thread = g_new0 (PltRouterThread, 1);
  g_mutex_init (&thread->mutex);
  g_cond_init (&thread->cond);
  thread->scenario = g_strdup (options->scenario);
  thread->options = *options;
  thread->options.scenario = thread->scenario;
  thread->host = g_strdup (host);
  thread->port = port;
  thread->context = g_main_context_new ();
  thread->loop = g_main_loop_new (thread->context, FALSE);

  thread->thread = g_thread_new ("plateau-router", router_thread_main, thread);

  g_mutex_lock (&thread->mutex);
  while (!thread->ready)
    g_cond_wait (&thread->cond, &thread->mutex);
  g_mutex_unlock (&thread->mutex);

  if (thread->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&thread->error));
      plt_router_thread_stop (thread);
      return NULL;
    }

  return thread;
}

const char *
plt_router_thread_get_uri (PltRouterThread *thread)
{
  g_return_val_if_fail (thread != NULL, NULL);

  return thread->uri;
}

static gboolean
router_thread_stop_cb (gpointer data)
{
  PltRouterThread *thread = data;

  plt_router_stop (thread->router);
  /* Long enough to flush the close frames; the clients may be on a thread
   * that waits for this one (the console quitting). */
  plt_router_wait_closed (thread->router, THREAD_STOP_GRACE_MS);
  g_main_loop_quit (thread->loop);

  return G_SOURCE_REMOVE;
}

void
plt_router_thread_stop (PltRouterThread *thread)
{
  g_return_if_fail (thread != NULL);

  if (thread->router != NULL)
    g_main_context_invoke (thread->context, router_thread_stop_cb, thread);

  g_thread_join (thread->thread);

  g_main_loop_unref (thread->loop);
  g_main_context_unref (thread->context);
  g_clear_error (&thread->error);
  g_mutex_clear (&thread->mutex);
  g_cond_clear (&thread->cond);
  g_free (thread->scenario);
  g_free (thread->host);
  g_free (thread->uri);
  g_free (thread);
}
