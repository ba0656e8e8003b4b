/* plt-router.c — the Plateau protocol over WebSocket, in front of the ACD:
 * the published state, the fan-out of events to the sessions, the HTTP
 * side (the upgrade and its Authorization header, POST /login, TLS), the
 * tick, and the router on its own thread
 *
 * The other parts: plt-session.c (one session's stream, replay ring, flow
 * control and messages), plt-view.c (what a role sees and may do),
 * plt-auth.c (users, passwords, tokens).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>
#include <sodium.h>

#include "plt-router-private.h"

#define DEFAULT_HEARTBEAT_MS      10000
#define MIN_HEARTBEAT_MS          100
#define MAX_HEARTBEAT_MS          600000
#define DEFAULT_HELLO_TIMEOUT_MS  10000
#define DEFAULT_MAX_LAG_EVENTS    20000
#define DEFAULT_MAX_LAG_BYTES     (8 * 1024 * 1024)
#define DEFAULT_RESUME_KEEP_MS    (5 * 60 * 1000)
#define MAX_SESSIONS              1000     /* connected and detached; 503 past it */
#define BUSY_RETRY_AFTER_S        5
#define MAX_LOGIN_BODY            4096
#define TICK_MS                   100
#define QUEUE_INTERVAL_US         (250 * G_TIME_SPAN_MILLISECOND)
#define LOGIN_PATH                "/login"
#define DEMO_USER                 "demo"
/* What a snapshot part may weigh by the estimate of part_cost(), which
 * never underestimates: half of the 1 MiB message limit. */
#define PART_BUDGET               (PLT_PROTOCOL_MAX_MESSAGE / 2)
#define MAX_SPEED                 10000.0
#define THREAD_STOP_GRACE_MS      250

/*
 * The published state. Every delta the router sends is applied to these
 * tables as it is sent, so that they always hold exactly what a client has
 * after the last delta: a snapshot is built from them (consistent as of
 * the session's seq by construction) and plt_router_dup_*() return them.
 * The ACD's own state can be ahead for queues, whose updates are conflated.
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

G_DEFINE_FINAL_TYPE (PltRouter, plt_router, G_TYPE_OBJECT)

/* The clock. */

static gint64
router_now (PltRouter *self)
{
  if (!self->running || self->paused)
    return plt_acd_get_now (self->acd);

  return self->anchor_sim_ms +
         (gint64) ((double) (g_get_monotonic_time () - self->anchor_mono_us) * self->speed / 1000.0);
}

gint64
_plt_router_now (PltRouter *self)
{
  return router_now (self);
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


/* Fan-out. */

char *
_plt_router_with_seq (const char *text,
                      gint64      seq)
{
  static const char prefix[] = "{\"v\":1,";

  g_return_val_if_fail (g_str_has_prefix (text, prefix), NULL);

  return g_strdup_printf ("{\"v\":1,\"seq\":%" G_GINT64_FORMAT ",%s", seq, text + sizeof prefix - 1);
}

static void
drop_snapshot_cache (PltRouter *self)
{
  g_hash_table_remove_all (self->snapshot_cache);
}

static void
snapshot_cache_free (gpointer data)
{
  SnapshotCache *cache = data;

  g_free (cache->id);
  g_ptr_array_unref (cache->texts);
  g_free (cache);
}

static const PltMessageType update_types[] = {
  PLT_MESSAGE_TEAM_UPDATE, PLT_MESSAGE_AGENT_UPDATE,
  PLT_MESSAGE_QUEUE_UPDATE, PLT_MESSAGE_CALL_UPDATE,
};

static const PltMessageType remove_types[] = {
  PLT_MESSAGE_TEAM_REMOVE, PLT_MESSAGE_AGENT_REMOVE,
  PLT_MESSAGE_QUEUE_REMOVE, PLT_MESSAGE_CALL_REMOVE,
};

/* Encodes a delta without seq: each session adds its own. */
static char *
encode_update (PltRouter    *self,
               PltAcdEntity  kind,
               gpointer      data)
{
  PltMessage message = { 0 };

  message.type = update_types[kind];
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

  return plt_message_encode (&message);
}

static char *
encode_remove (PltRouter    *self,
               PltAcdEntity  kind,
               const char   *id,
               gint64        ver)
{
  PltMessage message = { 0 };

  message.type = remove_types[kind];
  message.epoch = self->epoch;
  message.ts = router_now (self);
  message.u.remove.id = (char *) id;
  message.u.remove.ver = ver;

  return plt_message_encode (&message);
}

static void
data_free (PltAcdEntity kind,
           gpointer     data)
{
  switch (kind)
    {
    case PLT_ACD_ENTITY_TEAM: plt_team_data_free (data); break;
    case PLT_ACD_ENTITY_AGENT: plt_agent_data_free (data); break;
    case PLT_ACD_ENTITY_QUEUE: plt_queue_data_free (data); break;
    case PLT_ACD_ENTITY_CALL: plt_call_data_free (data); break;
    default: g_assert_not_reached ();
    }
}

/* What one event is for each view: the text without seq (or NULL when the
 * view does not see it), computed once per view key. The dynamic views
 * (an agent's own calls) depend on what each session was sent, and are
 * worked out per session. */
static void
fan_out (PltRouter    *self,
         PltAcdEntity  kind,
         const char   *id,
         gpointer      data,       /* NULL for a removal */
         gpointer      last_data)  /* the published data before a removal */
{
  g_autoptr(GHashTable) texts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  for (guint i = 0; i < self->sessions->len; i++)
    {
      PltSession *session = g_ptr_array_index (self->sessions, i);
      PltView *view;
      const char *key;
      char *text = NULL;

      if (!_plt_session_is_streaming (session))
        continue;

      view = _plt_session_get_view (session);
      key = plt_view_get_key (view);

      if (plt_view_is_dynamic (view))
        {
          g_autofree char *own = NULL;

          if (data != NULL)
            {
              gpointer visible = plt_view_filter (view, kind, data);

              if (visible != NULL)
                {
                  own = encode_update (self, kind, visible);
                  data_free (kind, visible);
                  _plt_session_set_known (session, kind, id, TRUE);
                }
              else if (_plt_session_knows (session, kind, id))
                {
                  /* It left the view: the console removes it. */
                  own = encode_remove (self, kind, id, data_ver (kind, data));
                  _plt_session_set_known (session, kind, id, FALSE);
                }
            }
          else if (_plt_session_knows (session, kind, id))
            {
              own = encode_remove (self, kind, id, data_ver (kind, last_data) + 1);
              _plt_session_set_known (session, kind, id, FALSE);
            }

          _plt_session_publish (session, own);
          continue;
        }

      if (!g_hash_table_lookup_extended (texts, key, NULL, (gpointer *) &text))
        {
          /* A full view sends the published data as it is: no copy. */
          gpointer visible = plt_view_is_full (view)
            ? (data != NULL ? data : last_data)
            : plt_view_filter (view, kind, data != NULL ? data : last_data);

          if (visible != NULL)
            {
              if (data != NULL)
                text = encode_update (self, kind, visible);
              else
                text = encode_remove (self, kind, id, data_ver (kind, last_data) + 1);
              if (!plt_view_is_full (view))
                data_free (kind, visible);
            }
          g_hash_table_insert (texts, (gpointer) key, text);
        }

      _plt_session_publish (session, text);
    }
}

/* Takes @data: a Plt*Data of @kind. */
static void
publish_update (PltRouter    *self,
                PltAcdEntity  kind,
                gpointer      data)
{
  self->seq++;
  published_set (self, kind, data);
  drop_snapshot_cache (self);
  fan_out (self, kind, data_id (kind, data), data, NULL);
}

static void
publish_remove (PltRouter    *self,
                PltAcdEntity  kind,
                const char   *id)
{
  Published *pub;
  g_autofree char *key = g_strdup (id);

  pub = g_hash_table_lookup (self->published[kind], id);
  g_return_if_fail (pub != NULL);

  self->seq++;
  fan_out (self, kind, key, NULL, pub->data);
  g_hash_table_remove (self->published[kind], key);
  drop_snapshot_cache (self);
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
 * PART_BUDGET bytes, with what @view sees; encoded without seq. */
static SnapshotCache *
build_snapshot (PltRouter *self,
                PltView   *view)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (part_free);
  GPtrArray *owned[4] = { NULL, };
  SnapshotCache *cache = g_new0 (SnapshotCache, 1);
  PltMessage message = { 0 };
  Part *part = part_new ();

  g_ptr_array_add (parts, part);

  for (guint k = 0; k < 4; k++)
    {
      g_autoptr(GPtrArray) list = published_list (self, k);

      owned[k] = g_ptr_array_new_with_free_func (k == PLT_ACD_ENTITY_TEAM ? (GDestroyNotify) plt_team_data_free :
                                                 k == PLT_ACD_ENTITY_AGENT ? (GDestroyNotify) plt_agent_data_free :
                                                 k == PLT_ACD_ENTITY_QUEUE ? (GDestroyNotify) plt_queue_data_free :
                                                 (GDestroyNotify) plt_call_data_free);

      for (guint i = 0; i < list->len; i++)
        {
          gpointer data;
          gsize cost;

          /* A full view sends the published data as it is: no copy. */
          if (plt_view_is_full (view))
            data = g_ptr_array_index (list, i);
          else
            {
              data = plt_view_filter (view, k, g_ptr_array_index (list, i));
              if (data == NULL)
                continue;
              g_ptr_array_add (owned[k], data);
            }

          cost = entity_cost (k, data);
          if (part->lists[k]->len >= PLT_PROTOCOL_MAX_PART_ENTITIES ||
              (part->cost + cost > PART_BUDGET && part->cost > 256))
            {
              part = part_new ();
              g_ptr_array_add (parts, part);
            }

          g_ptr_array_add (part->lists[k], data);
          part->cost += cost;
        }

      cache->counts[k] = plt_view_is_full (view) ? list->len : owned[k]->len;
    }

  cache->texts = g_ptr_array_new_with_free_func (g_free);
  cache->id = g_strdup_printf ("snap-%" G_GUINT64_FORMAT, ++self->next_snapshot);

  message.epoch = self->epoch;
  message.ts = router_now (self);

  for (guint i = 0; i < parts->len; i++)
    {
      Part *p = g_ptr_array_index (parts, i);
      char *text;

      message.type = PLT_MESSAGE_SNAPSHOT_PART;
      message.u.snapshot_part.snapshot_id = cache->id;
      message.u.snapshot_part.index = i;
      message.u.snapshot_part.teams = p->lists[PLT_ACD_ENTITY_TEAM];
      message.u.snapshot_part.agents = p->lists[PLT_ACD_ENTITY_AGENT];
      message.u.snapshot_part.queues = p->lists[PLT_ACD_ENTITY_QUEUE];
      message.u.snapshot_part.calls = p->lists[PLT_ACD_ENTITY_CALL];

      text = plt_message_encode (&message);
      g_warn_if_fail (strlen (text) < PLT_PROTOCOL_MAX_MESSAGE - 32);
      cache->bytes += strlen (text) + 32;
      g_ptr_array_add (cache->texts, text);
    }

  memset (&message.u, 0, sizeof message.u);
  message.type = PLT_MESSAGE_SNAPSHOT_END;
  message.u.snapshot_end_id = cache->id;
  g_ptr_array_add (cache->texts, plt_message_encode (&message));

  /* The parts borrowed the filtered copies: free them after the parts. */
  g_clear_pointer (&parts, g_ptr_array_unref);
  for (guint k = 0; k < 4; k++)
    g_ptr_array_unref (owned[k]);

  return cache;
}

SnapshotCache *
_plt_router_get_snapshot (PltRouter *self,
                          PltView   *view)
{
  SnapshotCache *cache = g_hash_table_lookup (self->snapshot_cache, plt_view_get_key (view));

  if (cache == NULL)
    {
      cache = build_snapshot (self, view);
      g_hash_table_insert (self->snapshot_cache, g_strdup (plt_view_get_key (view)), cache);
    }

  return cache;
}

void
_plt_router_seed_known (PltRouter  *self,
                        PltSession *session)
{
  PltView *view = _plt_session_get_view (session);

  for (guint k = 0; k < 4; k++)
    {
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, self->published[k]);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          gpointer data = ((Published *) value)->data;
          gpointer visible = plt_view_filter (view, k, data);

          _plt_session_set_known (session, k, data_id (k, data), visible != NULL);
          if (visible != NULL)
            data_free (k, visible);
        }
    }
}

const PltAgentData *
_plt_router_lookup_agent (PltRouter  *self,
                          const char *id)
{
  Published *pub = g_hash_table_lookup (self->published[PLT_ACD_ENTITY_AGENT], id);

  return pub != NULL ? pub->data : NULL;
}

GPtrArray *
_plt_router_list_agents (PltRouter *self)
{
  return published_list (self, PLT_ACD_ENTITY_AGENT);
}

PltSession *
_plt_router_find_session (PltRouter  *self,
                          const char *id)
{
  for (guint i = 0; i < self->sessions->len; i++)
    {
      PltSession *session = g_ptr_array_index (self->sessions, i);

      if (g_strcmp0 (_plt_session_get_id (session), id) == 0)
        return session;
    }

  return NULL;
}

/* The HTTP side. */

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
  g_autofree char *peer = NULL;
  const gint64 *expires;
  PltUser *user;
  PltSession *session;

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

  /* Who it is was settled before the upgrade (on_http_request). */
  user = g_object_steal_data (G_OBJECT (msg), "plt-user");
  if (user == NULL && self->auth != NULL)
    {
      soup_websocket_connection_close (conn, SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION, "not authenticated");
      return;
    }

  /* Set explicitly: never 0 on libsoup 3.2 (CVE-2026-0716). */
  soup_websocket_connection_set_max_incoming_payload_size (conn, PLT_PROTOCOL_MAX_CLIENT_MESSAGE);

  expires = g_object_get_data (G_OBJECT (msg), "plt-expires");
  peer = describe_address (soup_server_message_get_remote_address (msg));
  session = _plt_session_new (self, conn, soup_server_message_get_socket (msg), peer, user,
                              expires != NULL ? *expires : 0);
  g_ptr_array_add (self->sessions, session);
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

static void
set_plain_response (SoupServerMessage *msg,
                    guint              status,
                    const char        *text)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "text/plain; charset=utf-8", SOUP_MEMORY_COPY, text, strlen (text));
}

/* The bearer token of @msg, or NULL. Borrowed from the headers. */
static const char *
bearer_token (SoupServerMessage *msg)
{
  const char *value = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                    "Authorization");

  if (value == NULL || g_ascii_strncasecmp (value, "Bearer ", 7) != 0)
    return NULL;

  value += 7;
  while (*value == ' ')
    value++;

  return *value != '\0' ? value : NULL;
}

/* Runs before the WebSocket handshake on the same path: turns away anything
 * that does not offer plateau.v1 byte for byte (400), has no valid token
 * (401, before any upgrade) or comes when the router is full (503). */
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
  PltRouter *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response = soup_server_message_get_response_headers (msg);
  g_autoptr(GError) error = NULL;
  PltUser *user;
  gint64 expires = 0;

  if (!offers_subprotocol (soup_message_headers_get_one (headers, "Sec-WebSocket-Protocol")))
    {
      set_plain_response (msg, SOUP_STATUS_BAD_REQUEST, body);
      return;
    }

  if (self->sessions->len >= MAX_SESSIONS)
    {
      g_autofree char *seconds = g_strdup_printf ("%d", BUSY_RETRY_AFTER_S);

      g_message ("Turned a connection away: %u sessions already", self->sessions->len);
      soup_message_headers_replace (response, "Retry-After", seconds);
      set_plain_response (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "The router is full: try again later.\n");
      return;
    }

  if (self->auth == NULL)
    return;

  user = plt_auth_check_token (self->auth, bearer_token (msg), &expires, &error);
  if (user == NULL)
    {
      g_autofree char *peer = describe_address (soup_server_message_get_remote_address (msg));

      /* Neither the token nor any part of it goes to the log. */
      g_message ("Refused a connection from %s: %s", peer,
                 bearer_token (msg) == NULL ? "no token" : "the token is not valid");
      soup_message_headers_replace (response, "WWW-Authenticate", "Bearer realm=\"plateau\"");
      set_plain_response (msg, SOUP_STATUS_UNAUTHORIZED,
                          "Log in first (POST " LOGIN_PATH "), then connect with the header "
                          "Authorization: Bearer TOKEN.\n");
      return;
    }

  g_object_set_data_full (G_OBJECT (msg), "plt-user", user, (GDestroyNotify) plt_user_free);
  g_object_set_data_full (G_OBJECT (msg), "plt-expires", g_memdup2 (&expires, sizeof expires), g_free);
}

typedef struct
{
  PltRouter         *router;
  SoupServerMessage *msg;
} LoginRequest;

static void
json_response (SoupServerMessage *msg,
               guint              status,
               JsonBuilder       *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  gsize length;
  char *text;

  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &length);
  soup_server_message_set_status (msg, status, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Cache-Control", "no-store");
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, text, length);
}

static void
json_error_response (SoupServerMessage *msg,
                     guint              status,
                     const char        *text)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_add_string_value (builder, text);
  json_builder_end_object (builder);
  json_response (msg, status, builder);
}

static void
login_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  LoginRequest *request = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PltUser) user = NULL;
  g_autofree char *peer = describe_address (soup_server_message_get_remote_address (request->msg));
  gint64 expires = 0;
  gint64 retry_after_ms = 0;
  char *token;

  token = plt_auth_login_finish (PLT_AUTH (source), result, &user, &expires, &retry_after_ms, &error);
  if (token != NULL)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      g_message ("Login of “%s” from %s", user != NULL ? user->name : "?", peer);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "token");
      json_builder_add_string_value (builder, token);
      json_builder_set_member_name (builder, "expires");
      json_builder_add_int_value (builder, expires);
      json_builder_set_member_name (builder, "role");
      json_builder_add_string_value (builder, user != NULL ? plt_role_to_string (user->role) : "agent");
      json_builder_end_object (builder);
      json_response (request->msg, SOUP_STATUS_OK, builder);
      sodium_memzero (token, strlen (token));
      g_free (token);
    }
  else if (g_error_matches (error, PLT_AUTH_ERROR, PLT_AUTH_ERROR_RATE_LIMITED))
    {
      g_autofree char *seconds = g_strdup_printf ("%" G_GINT64_FORMAT, (retry_after_ms + 999) / 1000);

      g_message ("Login from %s refused: %s", peer, error->message);
      soup_message_headers_replace (soup_server_message_get_response_headers (request->msg),
                                    "Retry-After", seconds);
      json_error_response (request->msg, 429 /* Too Many Requests */, error->message);
    }
  else if (g_error_matches (error, PLT_AUTH_ERROR, PLT_AUTH_ERROR_BAD_CREDENTIALS))
    {
      g_message ("Failed login from %s", peer);
      json_error_response (request->msg, SOUP_STATUS_UNAUTHORIZED, "Wrong user name or password");
    }
  else
    {
      g_warning ("Login from %s failed: %s", peer, error->message);
      json_error_response (request->msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "The router could not log you in");
    }

  soup_server_message_unpause (request->msg);
  g_object_unref (request->msg);
  g_object_unref (request->router);
  g_free (request);
}

/* POST /login {"user","password"} → {"token","expires","role"}. */
static void
on_login (SoupServer        *server,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  PltRouter *self = user_data;
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *ip = NULL;
  GSocketAddress *remote;
  JsonNode *root;
  JsonObject *object;
  const char *name;
  const char *password;
  LoginRequest *request;

  if (self->auth == NULL)
    {
      json_error_response (msg, SOUP_STATUS_NOT_FOUND, "This router runs without authentication");
      return;
    }

  if (g_strcmp0 (soup_server_message_get_method (msg), SOUP_METHOD_POST) != 0)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow", "POST");
      json_error_response (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "Use POST");
      return;
    }

  bytes = soup_message_body_flatten (body);
  if (g_bytes_get_size (bytes) > MAX_LOGIN_BODY)
    {
      json_error_response (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "The request is too large");
      return;
    }

  parser = json_parser_new_immutable ();
  if (!g_utf8_validate_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL) ||
      !json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      json_error_response (msg, SOUP_STATUS_BAD_REQUEST, "Expected a JSON object {\"user\", \"password\"}");
      return;
    }

  object = json_node_get_object (root);
  name = json_object_get_string_member_with_default (object, "user", NULL);
  password = json_object_get_string_member_with_default (object, "password", NULL);
  if (name == NULL || password == NULL)
    {
      json_error_response (msg, SOUP_STATUS_BAD_REQUEST, "Expected the strings “user” and “password”");
      return;
    }

  remote = soup_server_message_get_remote_address (msg);
  if (G_IS_INET_SOCKET_ADDRESS (remote))
    ip = g_inet_address_to_string (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (remote)));

  request = g_new0 (LoginRequest, 1);
  request->router = g_object_ref (self);
  request->msg = g_object_ref (msg);
  soup_server_message_pause (msg);
  plt_auth_login_async (self->auth, name, password, ip, NULL, login_done, request);
}

/* The tick: moves the simulation to the router's clock, sends the queue
 * updates that are due, ends expired logins, frees what is over. */
static gboolean
on_tick (gpointer user_data)
{
  PltRouter *self = user_data;
  gint64 now_us = g_get_monotonic_time ();
  gint64 now_ms = g_get_real_time () / 1000;

  if (!self->paused)
    plt_acd_advance_to (self->acd, router_now (self));

  flush_queues (self, FALSE);
  _plt_router_publish_kpis (self);

  for (guint i = self->sessions->len; i > 0; i--)
    {
      PltSession *session = g_ptr_array_index (self->sessions, i - 1);

      _plt_session_tick (session, now_ms);
      if (_plt_session_is_done (session, now_us))
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
  if (self->persist != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!plt_persist_close (self->persist, &error))
        g_warning ("Cannot save the last contacts and agent states: %s", error->message);
    }
  g_clear_object (&self->persist);
  g_clear_pointer (&self->kpi, plt_kpi_service_free);
  g_clear_object (&self->planning);   /* after the KPIs, whose plan it gives */
  g_clear_object (&self->acd);
  g_clear_object (&self->auth);
  g_clear_pointer (&self->commands, _plt_commands_free);
  g_clear_object (&self->db);
  g_clear_object (&self->certificate);

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
  g_clear_pointer (&self->snapshot_cache, g_hash_table_unref);
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
  self->sessions = g_ptr_array_new_with_free_func ((GDestroyNotify) _plt_session_free);
  self->snapshot_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, snapshot_cache_free);
  self->published[PLT_ACD_ENTITY_TEAM] = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, published_team_free);
  self->published[PLT_ACD_ENTITY_AGENT] = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, published_agent_free);
  self->published[PLT_ACD_ENTITY_QUEUE] = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, published_queue_free);
  self->published[PLT_ACD_ENTITY_CALL] = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, published_call_free);
  self->queue_slots = g_ptr_array_new_with_free_func (queue_slot_free);
  self->queue_slots_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->hello_timeout_ms = DEFAULT_HELLO_TIMEOUT_MS;
  self->heartbeat_ms = DEFAULT_HEARTBEAT_MS;
  self->max_lag_events = DEFAULT_MAX_LAG_EVENTS;
  self->max_lag_bytes = DEFAULT_MAX_LAG_BYTES;
  self->resume_keep_ms = DEFAULT_RESUME_KEEP_MS;
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

  if ((options->tls_cert_file == NULL) != (options->tls_key_file == NULL))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           "TLS needs both a certificate and its key");
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
  if (options->max_lag_events != 0)
    self->max_lag_events = options->max_lag_events;
  if (options->max_lag_bytes != 0)
    self->max_lag_bytes = options->max_lag_bytes;
  if (options->resume_keep_ms != 0)
    self->resume_keep_ms = options->resume_keep_ms;
  /* The ring outlasts the lag bound, so that a console dropped for lag can
   * still resume from what it acknowledged. */
  self->ring_events = self->max_lag_events + self->max_lag_events / 4;
  self->ring_bytes = self->max_lag_bytes + self->max_lag_bytes / 4;
  self->epoch = random_epoch ();

  if (options->tls_cert_file != NULL)
    {
      self->certificate = g_tls_certificate_new_from_files (options->tls_cert_file, options->tls_key_file, error);
      if (self->certificate == NULL)
        {
          g_prefix_error (error, "Cannot load the TLS certificate: ");
          return NULL;
        }
      self->tls = TRUE;
    }

  self->db = plt_db_open (options->db_path != NULL ? options->db_path : ":memory:", error);
  if (self->db == NULL)
    return NULL;

  /* The supervisor's commands write their audit there. */
  self->commands = _plt_commands_new (self, self->db, error);
  if (self->commands == NULL)
    return NULL;

  if (options->no_auth)
    g_message ("Warning: authentication is off: anyone who reaches this router sees everything "
               "and may act on every agent");
  else
    {
      self->auth = plt_auth_new (self->db, error);
      if (self->auth == NULL)
        return NULL;
    }

  /* With a database file, the ACD's configuration and today's records
   * live there (docs/router.md, "The database"). */
  if (g_strcmp0 (plt_db_get_path (self->db), ":memory:") != 0)
    {
      g_autoptr(PltScenario) configured = NULL;
      PltAcdHistory history = { 0 };
      gint64 now = g_get_real_time () / 1000;

      self->persist = plt_persist_new (self->db, error);
      if (self->persist == NULL)
        return NULL;
      configured = plt_persist_load_config (self->persist, self->scenario, error);
      if (configured == NULL)
        return NULL;
      plt_scenario_unref (self->scenario);
      self->scenario = g_steal_pointer (&configured);
      if (!plt_persist_load_history (self->persist, self->scenario, now, &history, error))
        {
          plt_acd_history_clear (&history);
          return NULL;
        }
      self->acd = plt_acd_new_with_history (self->scenario, options->seed, now, &history);
      plt_acd_history_clear (&history);
      plt_persist_attach (self->persist, self->acd);
    }
  else
    self->acd = plt_acd_new (self->scenario, options->seed, g_get_real_time () / 1000);
  reset_anchor (self);
  self->kpi = plt_kpi_service_new (self->acd);
  if (self->persist != NULL)
    plt_kpi_service_set_history (self->kpi, self->persist, plt_db_get_path (self->db));

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

  /* The plannings; the ACD follows the published plan (docs/planning.md). */
  if (!_plt_router_start_planning (self, options->demo_plan, error))
    return NULL;

  self->server = soup_server_new ("server-header", ROUTER_SERVER_NAME " ",
                                  "tls-certificate", self->certificate,
                                  NULL);
  /* Compression is not negotiated (docs/protocol.md §1). */
  soup_server_remove_websocket_extension (self->server, SOUP_TYPE_WEBSOCKET_EXTENSION_DEFLATE);
  soup_server_add_handler (self->server, PLT_PROTOCOL_PATH, on_http_request, self, NULL);
  soup_server_add_handler (self->server, LOGIN_PATH, on_login, self, NULL);
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
  if (!soup_server_listen (self->server, socket_address,
                           self->tls ? SOUP_SERVER_LISTEN_HTTPS : 0, &local_error))
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
    self->uri = g_strdup_printf ("%s://[%s]:%u%s", self->tls ? "wss" : "ws", ip, bound_port, PLT_PROTOCOL_PATH);
  else
    self->uri = g_strdup_printf ("%s://%s:%u%s", self->tls ? "wss" : "ws", ip, bound_port, PLT_PROTOCOL_PATH);

  if (!self->tls && self->auth != NULL && !g_inet_address_get_is_loopback (address))
    g_message ("Warning: listening on %s without TLS: passwords and tokens cross the network in clear. "
               "Use --tls-cert and --tls-key, or a TLS proxy in front.", ip);

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
    _plt_session_close (g_ptr_array_index (self->sessions, i),
                        SOUP_WEBSOCKET_CLOSE_GOING_AWAY, "router shutting down");

  soup_server_disconnect (self->server);

  /* A clean stop loses nothing: what is pending, the contacts in progress
   * and the agents' current states are written now. */
  if (self->persist != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!plt_persist_close (self->persist, &error))
        g_warning ("Cannot save the last contacts and agent states: %s", error->message);
    }
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
    if (_plt_session_is_connected (g_ptr_array_index (self->sessions, i)))
      n++;

  return n;
}

guint
plt_router_get_n_sessions (PltRouter *self)
{
  g_return_val_if_fail (PLT_IS_ROUTER (self), 0);

  return self->sessions->len;
}

guint64
plt_router_get_n_slow_consumers (PltRouter *self)
{
  g_return_val_if_fail (PLT_IS_ROUTER (self), 0);

  return self->n_slow_consumers;
}

PltAuth *
plt_router_get_auth (PltRouter *self)
{
  g_return_val_if_fail (PLT_IS_ROUTER (self), NULL);

  return self->auth;
}

void
plt_router_drop_links (PltRouter *self)
{
  g_return_if_fail (PLT_IS_ROUTER (self));

  for (guint i = 0; i < self->sessions->len; i++)
    _plt_session_drop_link (g_ptr_array_index (self->sessions, i));
}

gint64
plt_router_get_session_seq (PltRouter  *self,
                            const char *id)
{
  PltSession *session;

  g_return_val_if_fail (PLT_IS_ROUTER (self), -1);

  session = _plt_router_find_session (self, id);
  return session != NULL ? _plt_session_get_seq (session) : -1;
}

char *
plt_router_create_demo_token (PltRouter  *self,
                              gint64     *expires_ms,
                              GError    **error)
{
  g_autoptr(PltUser) existing = NULL;

  g_return_val_if_fail (PLT_IS_ROUTER (self), NULL);

  if (self->auth == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           "This router runs without authentication");
      return NULL;
    }

  existing = plt_auth_lookup_user (self->auth, DEMO_USER);
  if (existing == NULL)
    {
      char password[33];
      gboolean added;

      /* 32 random characters: a slow hash adds nothing to that, so the
       * cheapest Argon2id limits keep the start of the demo quick. */
      plt_auth_random_password (password, sizeof password);
      plt_auth_set_hash_limits (self->auth, crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN);
      added = plt_auth_add_user (self->auth, DEMO_USER, PLT_ROLE_MANAGER, NULL, NULL, password, error);
      plt_auth_set_hash_limits (self->auth, crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE);
      sodium_memzero (password, sizeof password);
      if (!added)
        return NULL;
    }

  return plt_auth_issue_token (self->auth, DEMO_USER, expires_ms, error);
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

typedef struct
{
  PltRouterThread *thread;
  GMutex           mutex;
  GCond            cond;
  gboolean         done;
  char            *token;
  GError          *error;
} TokenRequest;

static gboolean
router_thread_token_cb (gpointer data)
{
  TokenRequest *request = data;
  g_autoptr(GError) error = NULL;
  char *token = NULL;

  if (request->thread->router != NULL)
    token = plt_router_create_demo_token (request->thread->router, NULL, &error);
  else
    g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_CLOSED, "The router has stopped");

  g_mutex_lock (&request->mutex);
  request->token = token;
  request->error = g_steal_pointer (&error);
  request->done = TRUE;
  g_cond_signal (&request->cond);
  g_mutex_unlock (&request->mutex);

  return G_SOURCE_REMOVE;
}

char *
plt_router_thread_dup_demo_token (PltRouterThread  *thread,
                                  GError          **error)
{
  TokenRequest request = { thread, };
  char *token;

  g_return_val_if_fail (thread != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  g_mutex_init (&request.mutex);
  g_cond_init (&request.cond);

  g_main_context_invoke (thread->context, router_thread_token_cb, &request);

  g_mutex_lock (&request.mutex);
  while (!request.done)
    g_cond_wait (&request.cond, &request.mutex);
  g_mutex_unlock (&request.mutex);

  g_mutex_clear (&request.mutex);
  g_cond_clear (&request.cond);

  token = request.token;
  if (token == NULL)
    g_propagate_error (error, request.error);

  return token;
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
