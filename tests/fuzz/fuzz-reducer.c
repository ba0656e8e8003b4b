/* fuzz-reducer.c — libFuzzer target: a stream of messages into a PltModel
 *
 * The input is a router's stream, one message per line. Each line is
 * decoded (FROM_SERVER); the messages that decode are followed under the
 * rules of docs/protocol.md §3 and §4.2, as the console's client does
 * (its logic is private to plt-client.c, so this is a second, independent
 * reading of the same rules): welcome and epoch, snapshot collection and
 * the swap at snapshot.end, deltas buffered during a snapshot, duplicates
 * dropped, a gap waiting for a new snapshot, a stream going backwards or a
 * new epoch starting afresh. The model is changed only through
 * plt_model_apply_delta() and plt_model_replace_all(), and flushed every
 * few messages.
 *
 * A shadow copy of the state, kept as plain data with the version rules of
 * §4.3, is compared with the model after every message. Invariants:
 *   - every entity of the shadow is in the model with exactly its data, and
 *     the model holds nothing else (the store's size is the shadow's);
 *   - after a flush, each store's list shows exactly what it holds: its
 *     size equals its table's, each item is found by its id, no id twice,
 *     nothing pending;
 *   - every agent is in exactly one displayed state, the one its status
 *     and activity give, and carries its team's current name;
 *   - no count is negative or wrapped, service level and ASA are -1 or a
 *     finite number ≥ 0;
 *   - the applied seq only grows (until a new epoch), by exactly one per
 *     applied delta. The client does not say what to do with a snapshot
 *     older than the deltas it applied (docs/protocol.md is silent); here
 *     it means the stream went backwards, as a sys.hb below last_seq does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "plt-agent.h"
#include "plt-call.h"
#include "plt-model.h"
#include "plt-protocol.h"
#include "plt-queue.h"
#include "plt-store.h"
#include "plt-team.h"
#include "fuzz-common.h"

/* Entity data structs all start with the id, then the version. */
G_STATIC_ASSERT (G_STRUCT_OFFSET (PltTeamData, ver) == G_STRUCT_OFFSET (PltRemoveData, ver));
G_STATIC_ASSERT (G_STRUCT_OFFSET (PltAgentData, ver) == G_STRUCT_OFFSET (PltRemoveData, ver));
G_STATIC_ASSERT (G_STRUCT_OFFSET (PltQueueData, ver) == G_STRUCT_OFFSET (PltRemoveData, ver));
G_STATIC_ASSERT (G_STRUCT_OFFSET (PltCallData, ver) == G_STRUCT_OFFSET (PltRemoveData, ver));

#define FLUSH_EVERY     7
#define MAX_BUFFERED    1000

enum { KIND_TEAMS, KIND_AGENTS, KIND_QUEUES, KIND_CALLS, N_KINDS };

typedef gpointer (*CopyFunc)   (gconstpointer data);
typedef gboolean (*EqualFunc)  (gconstpointer a,
                                gconstpointer b);
typedef gpointer (*ToDataFunc) (gpointer entity);

typedef struct
{
  const char     *name;
  PltStore     *(*store) (PltModel *model);
  CopyFunc        copy;
  GDestroyNotify  free;
  EqualFunc       equal;
  ToDataFunc      to_data;   /* NULL for teams, which have no to_data */
} Kind;

static const Kind kinds[N_KINDS] = {
  [KIND_TEAMS]  = { "team", plt_model_get_teams, (CopyFunc) plt_team_data_copy,
                    (GDestroyNotify) plt_team_data_free, (EqualFunc) plt_team_data_equal,
                    NULL },
  [KIND_AGENTS] = { "agent", plt_model_get_agents, (CopyFunc) plt_agent_data_copy,
                    (GDestroyNotify) plt_agent_data_free, (EqualFunc) plt_agent_data_equal,
                    (ToDataFunc) plt_agent_to_data },
  [KIND_QUEUES] = { "queue", plt_model_get_queues, (CopyFunc) plt_queue_data_copy,
                    (GDestroyNotify) plt_queue_data_free, (EqualFunc) plt_queue_data_equal,
                    (ToDataFunc) plt_queue_to_data },
  [KIND_CALLS]  = { "call", plt_model_get_calls, (CopyFunc) plt_call_data_copy,
                    (GDestroyNotify) plt_call_data_free, (EqualFunc) plt_call_data_equal,
                    (ToDataFunc) plt_call_to_data },
};

typedef struct
{
  PltModel   *model;
  GHashTable *shadow[N_KINDS];    /* id → Plt*Data, owned */

  char       *epoch;              /* from welcome */
  gint64      last_seq;           /* -1 before the first snapshot */
  gboolean    awaiting_snapshot;  /* after welcome or a gap */
  GPtrArray  *buffered;           /* PltMessage*, deltas during a snapshot */

  gboolean    in_snapshot;
  char       *snapshot_id;
  gint64      snapshot_as_of;
  gint64      snapshot_parts;
  gint64      snapshot_next;
  gint64      snapshot_counts[N_KINDS];
  GPtrArray  *snapshot_data[N_KINDS];

  guint       applied;            /* deltas applied, for the seq check */
} Follower;

static void
snapshot_reset (Follower *f)
{
  f->in_snapshot = FALSE;
  g_clear_pointer (&f->snapshot_id, g_free);
  for (guint k = 0; k < N_KINDS; k++)
    g_clear_pointer (&f->snapshot_data[k], g_ptr_array_unref);
}

static void
follower_init (Follower *f)
{
  memset (f, 0, sizeof *f);
  f->model = plt_model_new ();
  for (guint k = 0; k < N_KINDS; k++)
    f->shadow[k] = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, kinds[k].free);
  f->last_seq = -1;
  f->buffered = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_message_free);
}

static void
follower_clear (Follower *f)
{
  snapshot_reset (f);
  g_clear_object (&f->model);
  for (guint k = 0; k < N_KINDS; k++)
    g_clear_pointer (&f->shadow[k], g_hash_table_unref);
  g_clear_pointer (&f->epoch, g_free);
  g_clear_pointer (&f->buffered, g_ptr_array_unref);
}

/* A new connection: the model is kept (the console shows the old data
 * until the next snapshot), the stream position is not. */
static void
follower_restart (Follower *f)
{
  snapshot_reset (f);
  g_ptr_array_set_size (f->buffered, 0);
  g_clear_pointer (&f->epoch, g_free);
  f->last_seq = -1;
  f->awaiting_snapshot = FALSE;
}

/* ------------------------------------------------------------------------ */
/* The shadow: what the model must hold                                      */
/* ------------------------------------------------------------------------ */

static gint64
data_ver (gconstpointer data)
{
  return ((const PltRemoveData *) data)->ver;
}

static const char *
data_id (gconstpointer data)
{
  return ((const PltRemoveData *) data)->id;
}

static void
shadow_update (Follower      *f,
               guint          kind,
               gconstpointer  data)
{
  gconstpointer held = g_hash_table_lookup (f->shadow[kind], data_id (data));
  gpointer copy;

  /* §4.3: an entity whose ver is not greater than the stored one is ignored. */
  if (held != NULL && data_ver (data) <= data_ver (held))
    return;

  copy = kinds[kind].copy (data);
  g_hash_table_replace (f->shadow[kind], (gpointer) data_id (copy), copy);
}

static void
shadow_remove (Follower            *f,
               guint                kind,
               const PltRemoveData *data)
{
  gconstpointer held = g_hash_table_lookup (f->shadow[kind], data->id);

  /* A removal with a lower ver is ignored; an equal ver removes. */
  if (held != NULL && data->ver >= data_ver (held))
    g_hash_table_remove (f->shadow[kind], data->id);
}

static void
shadow_replace (Follower  *f,
                guint      kind,
                GPtrArray *array)
{
  g_hash_table_remove_all (f->shadow[kind]);

  /* The model forces each one in turn: the last of two with one id wins. */
  for (guint i = 0; i < array->len; i++)
    {
      gpointer copy = kinds[kind].copy (g_ptr_array_index (array, i));

      g_hash_table_replace (f->shadow[kind], (gpointer) data_id (copy), copy);
    }
}

/* ------------------------------------------------------------------------ */
/* Invariants                                                                */
/* ------------------------------------------------------------------------ */

static gpointer
entity_data (guint    kind,
             gpointer entity)
{
  if (kind == KIND_TEAMS)
    {
      PltTeamData *data = plt_team_data_new ();

      data->id = g_strdup (plt_team_get_id (entity));
      data->ver = plt_team_get_version (entity);
      data->name = g_strdup (plt_team_get_name (entity));
      return data;
    }

  return kinds[kind].to_data (entity);
}

static void
check_count (guint       value,
             const char *what)
{
  if (value > G_MAXINT32)
    fuzz_fail ("a queue's %s is %u: negative or wrapped", what, value);
}

static void
check_ratio (double      value,
             const char *what)
{
  if (!isfinite (value) || (value < 0.0 && value != -1.0))
    fuzz_fail ("a queue's %s is %g", what, value);
}

static void
check_entity (Follower *f,
              guint     kind,
              gpointer  entity)
{
  if (kind == KIND_AGENTS)
    {
      PltAgent *agent = entity;
      PltAgentState state = plt_agent_get_state (agent);
      const char *team_id = plt_agent_get_team_id (agent);
      PltTeam *team = team_id != NULL ? plt_model_lookup_team (f->model, team_id) : NULL;

      if (state != plt_agent_state_derive (plt_agent_get_status (agent),
                                           plt_agent_get_activity (agent)))
        fuzz_fail ("agent %s shows state %d, not the one its status and activity give",
                   plt_agent_get_id (agent), state);
      FUZZ_CHECK (state >= PLT_AGENT_STATE_UNKNOWN && state <= PLT_AGENT_STATE_PAUSED);

      if (g_strcmp0 (plt_agent_get_team_name (agent),
                     team != NULL ? plt_team_get_name (team) : NULL) != 0)
        fuzz_fail ("agent %s shows team name \"%s\", its team %s is named \"%s\"",
                   plt_agent_get_id (agent), plt_agent_get_team_name (agent), team_id,
                   team != NULL ? plt_team_get_name (team) : "(absent)");
    }
  else if (kind == KIND_QUEUES)
    {
      PltQueue *queue = entity;
      const PltQueueAgentCounts *agents = plt_queue_get_agents (queue);
      const PltQueueToday *today = plt_queue_get_today (queue);

      check_count (plt_queue_get_waiting (queue), "waiting");
      check_count (agents->available, "agents.available");
      check_count (agents->busy, "agents.busy");
      check_count (agents->wrap_up, "agents.wrap_up");
      check_count (agents->paused, "agents.paused");
      check_count (agents->logged_out, "agents.logged_out");
      check_count (today->offered, "today.offered");
      check_count (today->answered, "today.answered");
      check_count (today->abandoned, "today.abandoned");
      check_count (today->answered_in_sl, "today.answered_in_sl");
      FUZZ_CHECK (today->wait_total_s >= 0);
      FUZZ_CHECK (plt_queue_get_oldest_since (queue) >= 0);
      check_ratio (plt_queue_get_service_level (queue), "service level");
      check_ratio (plt_queue_get_asa (queue), "ASA");
    }
}

typedef struct
{
  Follower *f;
  guint     kind;
  guint     n;
} ShadowCheck;

static void
check_shadow_entry_cb (gpointer key,
                       gpointer value,
                       gpointer user_data)
{
  ShadowCheck *check = user_data;
  const Kind *kind = &kinds[check->kind];
  gpointer entity = plt_store_lookup (kind->store (check->f->model), key);
  gpointer data;

  if (entity == NULL)
    fuzz_fail ("%s %s is missing from the model", kind->name, (const char *) key);

  data = entity_data (check->kind, entity);
  if (!kind->equal (data, value))
    {
      kind->free (data);
      fuzz_fail ("%s %s in the model differs from what was applied",
                 kind->name, (const char *) key);
    }
  kind->free (data);
  check->n++;
}

/* The model holds what the shadow holds, no more, no less. */
static void
check_model (Follower *f)
{
  for (guint k = 0; k < N_KINDS; k++)
    {
      PltStore *store = kinds[k].store (f->model);
      ShadowCheck check = { f, k, 0 };

      g_hash_table_foreach (f->shadow[k], check_shadow_entry_cb, &check);
      if (plt_store_get_size (store) != g_hash_table_size (f->shadow[k]))
        fuzz_fail ("the %s store holds %u, it should hold %u", kinds[k].name,
                   plt_store_get_size (store), g_hash_table_size (f->shadow[k]));
    }
}

/* After a flush, what each list shows is what its store holds. */
static void
check_flushed (Follower *f)
{
  for (guint k = 0; k < N_KINDS; k++)
    {
      PltStore *store = kinds[k].store (f->model);
      GListModel *list = G_LIST_MODEL (store);
      guint n = g_list_model_get_n_items (list);
      g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      FUZZ_CHECK (plt_store_get_n_pending (store) == 0);
      if (n != plt_store_get_size (store))
        fuzz_fail ("the %s list shows %u items, its store holds %u",
                   kinds[k].name, n, plt_store_get_size (store));

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GObject) item = g_list_model_get_item (list, i);
          g_autofree char *id = NULL;

          FUZZ_CHECK (item != NULL);
          g_object_get (item, "id", &id, NULL);
          FUZZ_CHECK (id != NULL);
          if (plt_store_lookup (store, id) != (gpointer) item)
            fuzz_fail ("the %s list shows %s at %u, the store has another", kinds[k].name, id, i);
          if (!g_hash_table_add (seen, g_steal_pointer (&id)))
            fuzz_fail ("the %s list shows one id twice", kinds[k].name);

          check_entity (f, k, item);
        }
      FUZZ_CHECK (g_list_model_get_item (list, n) == NULL);
    }
}

/* ------------------------------------------------------------------------ */
/* Following the stream (docs/protocol.md §3, §4.2)                          */
/* ------------------------------------------------------------------------ */

static guint
delta_kind (PltMessageType type)
{
  switch (type)
    {
    case PLT_MESSAGE_TEAM_UPDATE:
    case PLT_MESSAGE_TEAM_REMOVE:
      return KIND_TEAMS;
    case PLT_MESSAGE_AGENT_UPDATE:
    case PLT_MESSAGE_AGENT_REMOVE:
      return KIND_AGENTS;
    case PLT_MESSAGE_QUEUE_UPDATE:
    case PLT_MESSAGE_QUEUE_REMOVE:
      return KIND_QUEUES;
    case PLT_MESSAGE_CALL_UPDATE:
    case PLT_MESSAGE_CALL_REMOVE:
      return KIND_CALLS;
    default:
      g_assert_not_reached ();
    }
}

static gconstpointer
delta_entity (const PltMessage *message)
{
  switch (message->type)
    {
    case PLT_MESSAGE_TEAM_UPDATE:  return message->u.team;
    case PLT_MESSAGE_AGENT_UPDATE: return message->u.agent;
    case PLT_MESSAGE_QUEUE_UPDATE: return message->u.queue;
    case PLT_MESSAGE_CALL_UPDATE:  return message->u.call;
    default:                       return NULL;
    }
}

static void
apply_delta (Follower         *f,
             const PltMessage *message)
{
  guint kind = delta_kind (message->type);
  gconstpointer entity = delta_entity (message);

  plt_model_apply_delta (f->model, message);

  if (entity != NULL)
    shadow_update (f, kind, entity);
  else
    shadow_remove (f, kind, &message->u.remove);
}

static void
request_resync (Follower *f)
{
  snapshot_reset (f);
  g_ptr_array_set_size (f->buffered, 0);
  f->awaiting_snapshot = TRUE;
}

static void
apply_live_delta (Follower         *f,
                  const PltMessage *message)
{
  gint64 before = f->last_seq;

  if (message->seq <= f->last_seq)
    return;   /* a duplicate */

  if (message->seq > f->last_seq + 1)
    {
      request_resync (f);
      return;
    }

  apply_delta (f, message);
  f->last_seq = message->seq;
  f->applied++;
  FUZZ_CHECK (f->last_seq == before + 1);
}

static void
snapshot_begin (Follower         *f,
                const PltMessage *message)
{
  const PltSnapshotBeginData *begin = &message->u.snapshot_begin;

  snapshot_reset (f);
  f->in_snapshot = TRUE;
  f->awaiting_snapshot = FALSE;
  f->snapshot_id = g_strdup (begin->snapshot_id);
  f->snapshot_as_of = begin->as_of_seq;
  f->snapshot_parts = begin->parts;
  f->snapshot_next = 0;
  f->snapshot_counts[KIND_TEAMS] = begin->count_teams;
  f->snapshot_counts[KIND_AGENTS] = begin->count_agents;
  f->snapshot_counts[KIND_QUEUES] = begin->count_queues;
  f->snapshot_counts[KIND_CALLS] = begin->count_calls;
  for (guint k = 0; k < N_KINDS; k++)
    f->snapshot_data[k] = g_ptr_array_new_with_free_func (kinds[k].free);
}

static gboolean
take_entities (Follower  *f,
               guint      kind,
               GPtrArray *from)
{
  GPtrArray *to = f->snapshot_data[kind];

  if ((gint64) to->len + (gint64) from->len > f->snapshot_counts[kind])
    return FALSE;

  for (guint i = 0; i < from->len; i++)
    g_ptr_array_add (to, kinds[kind].copy (g_ptr_array_index (from, i)));

  return TRUE;
}

static void
snapshot_part (Follower         *f,
               const PltMessage *message)
{
  const PltSnapshotPartData *part = &message->u.snapshot_part;

  if (!f->in_snapshot)
    {
      if (!f->awaiting_snapshot)
        request_resync (f);
      return;
    }

  if (g_strcmp0 (part->snapshot_id, f->snapshot_id) != 0 ||
      part->index != f->snapshot_next || part->index >= f->snapshot_parts ||
      !take_entities (f, KIND_TEAMS, part->teams) ||
      !take_entities (f, KIND_AGENTS, part->agents) ||
      !take_entities (f, KIND_QUEUES, part->queues) ||
      !take_entities (f, KIND_CALLS, part->calls))
    {
      request_resync (f);
      return;
    }

  f->snapshot_next++;
}

static void
snapshot_end (Follower         *f,
              const PltMessage *message)
{
  g_autoptr(GPtrArray) buffered = NULL;

  if (!f->in_snapshot)
    {
      if (!f->awaiting_snapshot)
        request_resync (f);
      return;
    }

  if (g_strcmp0 (message->u.snapshot_end_id, f->snapshot_id) != 0 ||
      f->snapshot_next != f->snapshot_parts)
    {
      request_resync (f);
      return;
    }

  for (guint k = 0; k < N_KINDS; k++)
    if ((gint64) f->snapshot_data[k]->len != f->snapshot_counts[k])
      {
        request_resync (f);
        return;
      }

  plt_model_replace_all (f->model,
                         f->snapshot_data[KIND_TEAMS], f->snapshot_data[KIND_AGENTS],
                         f->snapshot_data[KIND_QUEUES], f->snapshot_data[KIND_CALLS]);
  for (guint k = 0; k < N_KINDS; k++)
    shadow_replace (f, k, f->snapshot_data[k]);

  /* replace_all flushes: the lists show the new state at once. */
  check_flushed (f);

  f->last_seq = f->snapshot_as_of;
  snapshot_reset (f);

  buffered = g_steal_pointer (&f->buffered);
  f->buffered = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_message_free);
  for (guint i = 0; i < buffered->len && !f->awaiting_snapshot; i++)
    apply_live_delta (f, g_ptr_array_index (buffered, i));
}

static void
follow (Follower   *f,
        PltMessage *message)
{
  g_autoptr(PltMessage) owned = message;
  gint64 before = f->last_seq;

  /* A new epoch: the router restarted. Start again, as on a new link. */
  if (f->epoch != NULL && g_strcmp0 (message->epoch, f->epoch) != 0)
    {
      follower_restart (f);
      return;
    }

  switch (message->type)
    {
    case PLT_MESSAGE_WELCOME:
      if (f->epoch == NULL)
        {
          f->epoch = g_strdup (message->epoch);
          f->awaiting_snapshot = TRUE;
        }
      break;

    case PLT_MESSAGE_HEARTBEAT:
      /* The stream went backwards: a restart with the same epoch. */
      if (f->last_seq >= 0 && message->seq < f->last_seq)
        follower_restart (f);
      /* Events were lost while the stream was idle. */
      else if (f->last_seq >= 0 && !f->in_snapshot && !f->awaiting_snapshot &&
               message->seq > f->last_seq)
        request_resync (f);
      break;

    case PLT_MESSAGE_SNAPSHOT_BEGIN:
      /* A snapshot older than what was applied is the stream going
       * backwards too: swapping it in would move the position back. */
      if (f->last_seq >= 0 && message->u.snapshot_begin.as_of_seq < f->last_seq)
        follower_restart (f);
      else if (f->epoch != NULL)
        snapshot_begin (f, message);
      break;

    case PLT_MESSAGE_SNAPSHOT_PART:
      if (f->epoch != NULL)
        snapshot_part (f, message);
      break;

    case PLT_MESSAGE_SNAPSHOT_END:
      if (f->epoch != NULL)
        snapshot_end (f, message);
      break;

    case PLT_MESSAGE_TEAM_UPDATE:
    case PLT_MESSAGE_TEAM_REMOVE:
    case PLT_MESSAGE_AGENT_UPDATE:
    case PLT_MESSAGE_AGENT_REMOVE:
    case PLT_MESSAGE_QUEUE_UPDATE:
    case PLT_MESSAGE_QUEUE_REMOVE:
    case PLT_MESSAGE_CALL_UPDATE:
    case PLT_MESSAGE_CALL_REMOVE:
      if (f->epoch == NULL)
        break;
      if (f->in_snapshot)
        {
          if (f->buffered->len < MAX_BUFFERED)
            g_ptr_array_add (f->buffered, g_steal_pointer (&owned));
          else
            follower_restart (f);
        }
      else if (!f->awaiting_snapshot && f->last_seq >= 0)
        apply_live_delta (f, message);
      break;

    case PLT_MESSAGE_UNKNOWN:
    case PLT_MESSAGE_HELLO:
    case PLT_MESSAGE_ACK:
    case PLT_MESSAGE_RESYNC:
    case PLT_MESSAGE_ERROR:
    default:
      break;
    }

  /* The applied position only grows on one stream. */
  if (f->epoch != NULL && f->last_seq < before)
    fuzz_fail ("seq went back from %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT,
               before, f->last_seq);
}

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(PltDecoder) decoder = plt_decoder_new (PLT_DECODER_FROM_SERVER);
  const char *text = (const char *) data;
  const char *end = text + size;
  Follower f;
  guint n = 0;

  fuzz_init ();
  follower_init (&f);

  while (text < end)
    {
      const char *eol = memchr (text, '\n', end - text);
      gsize length = (eol != NULL ? eol : end) - text;
      g_autofree char *line = g_memdup2 (text, length);
      PltMessage *message;

      text += length + (eol != NULL ? 1 : 0);

      message = plt_decoder_decode (decoder, line, length, NULL);
      if (message == NULL)
        continue;

      follow (&f, message);
      check_model (&f);

      if (++n % FLUSH_EVERY == 0)
        {
          plt_model_flush (f.model);
          check_flushed (&f);
        }
    }

  plt_model_flush (f.model);
  check_flushed (&f);
  check_model (&f);

  follower_clear (&f);

  return 0;
}
