/* test-model.c — applying deltas and snapshots, batching, and the clock
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "plt-agent.h"
#include "plt-call.h"
#include "plt-clock.h"
#include "plt-model.h"
#include "plt-queue.h"
#include "plt-store.h"
#include "plt-team.h"

#define WAIT_TIMEOUT_US (5 * G_USEC_PER_SEC)

typedef gboolean (*Condition) (gpointer data);

/* Runs the main context until @cond holds; fails after a deadline. */
static void
wait_for (Condition cond,
          gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_TIMEOUT_US;

  while (!cond (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      if (!cond (data))
        g_usleep (1000);
    }
}

/* Counts notifications per property name. */
typedef struct
{
  GHashTable *counts;
} Notes;

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           Notes      *notes)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (notes->counts, pspec->name));

  g_hash_table_insert (notes->counts, (gpointer) pspec->name, GUINT_TO_POINTER (n + 1));
}

static guint
notes_get (Notes      *notes,
           const char *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (notes->counts, name));
}

static guint
notes_total (Notes *notes)
{
  GHashTableIter iter;
  gpointer value;
  guint total = 0;

  g_hash_table_iter_init (&iter, notes->counts);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    total += GPOINTER_TO_UINT (value);

  return total;
}

static PltAgentData *
agent_data (const char *id,
            gint64      ver,
            const char *team)
{
  PltAgentData *data = plt_agent_data_new ();

  data->id = g_strdup (id);
  data->ver = ver;
  data->name = g_strdup_printf ("Agent %s", id);
  data->team = g_strdup (team);
  data->status = PLT_AGENT_STATUS_AVAILABLE;
  data->activity = PLT_AGENT_ACTIVITY_IDLE;
  data->since = 1000;
  g_strfreev (data->queues);
  data->queues = g_strsplit ("q-1,q-2", ",", -1);

  return data;
}

static PltTeamData *
team_data (const char *id,
           gint64      ver,
           const char *name)
{
  PltTeamData *data = plt_team_data_new ();

  data->id = g_strdup (id);
  data->ver = ver;
  data->name = g_strdup (name);

  return data;
}

static PltMessage *
agent_update (PltAgentData *data)
{
  PltMessage *message = plt_message_new (PLT_MESSAGE_AGENT_UPDATE);

  message->u.agent = data;
  return message;
}

static PltMessage *
team_update (PltTeamData *data)
{
  PltMessage *message = plt_message_new (PLT_MESSAGE_TEAM_UPDATE);

  message->u.team = data;
  return message;
}

static PltMessage *
remove_message (PltMessageType  type,
                const char     *id,
                gint64          ver)
{
  PltMessage *message = plt_message_new (type);

  message->u.remove.id = g_strdup (id);
  message->u.remove.ver = ver;
  return message;
}

static gboolean
apply_agent (PltModel     *model,
             PltAgentData *data)
{
  g_autoptr(PltMessage) message = agent_update (data);

  return plt_model_apply_delta (model, message);
}

static gboolean
apply_team (PltModel    *model,
            PltTeamData *data)
{
  g_autoptr(PltMessage) message = team_update (data);

  return plt_model_apply_delta (model, message);
}

static void
count_items_changed_cb (GListModel *list,
                        guint       position,
                        guint       removed,
                        guint       added,
                        guint      *count)
{
  (*count)++;
}

static void
count_cb (gpointer  instance,
          guint    *count)
{
  (*count)++;
}

/* ------------------------------------------------------------------------ */

static void
test_delta_in_place (void)
{
  g_autoptr(PltModel) model = plt_model_new ();
  PltStore *agents = plt_model_get_agents (model);
  g_autoptr(PltAgent) shown = NULL;
  PltAgentData *data;
  PltAgent *agent;
  Notes notes = { g_hash_table_new (g_str_hash, g_str_equal) };

  g_assert_true (apply_agent (model, agent_data ("a-1", 1, "t-1")));
  agent = plt_model_lookup_agent (model, "a-1");
  g_assert_nonnull (agent);
  g_assert_cmpstr (plt_agent_get_name (agent), ==, "Agent a-1");
  g_assert_cmpint (plt_agent_get_state (agent), ==, PLT_AGENT_STATE_AVAILABLE);
  g_assert_true (plt_agent_serves_queue (agent, "q-2"));
  g_assert_false (plt_agent_serves_queue (agent, "q-3"));

  /* Not in the view until a flush. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (agents)), ==, 0);
  plt_model_flush (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (agents)), ==, 1);
  shown = g_list_model_get_item (G_LIST_MODEL (agents), 0);
  g_assert_true (shown == agent);

  g_signal_connect (agent, "notify", G_CALLBACK (notify_cb), &notes);

  /* A newer version, only the activity changes: same object, and only the
   * properties that changed are notified, once each. */
  data = agent_data ("a-1", 2, "t-1");
  data->activity = PLT_AGENT_ACTIVITY_ON_CALL;
  g_assert_true (apply_agent (model, data));
  g_assert_true (plt_model_lookup_agent (model, "a-1") == agent);
  g_assert_cmpint (plt_agent_get_activity (agent), ==, PLT_AGENT_ACTIVITY_ON_CALL);
  g_assert_cmpint (plt_agent_get_state (agent), ==, PLT_AGENT_STATE_ON_CALL);
  g_assert_cmpuint (notes_get (&notes, "activity"), ==, 1);
  g_assert_cmpuint (notes_get (&notes, "state"), ==, 1);
  g_assert_cmpuint (notes_get (&notes, "version"), ==, 1);
  g_assert_cmpuint (notes_total (&notes), ==, 3);
  g_assert_cmpuint (plt_store_get_n_pending (agents), ==, 1);

  /* to_data gives back what was applied. */
  {
    g_autoptr(PltAgentData) back = plt_agent_to_data (agent);
    g_autoptr(PltAgentData) expected = agent_data ("a-1", 2, "t-1");

    expected->activity = PLT_AGENT_ACTIVITY_ON_CALL;
    g_assert_true (plt_agent_data_equal (back, expected));
  }

  g_hash_table_unref (notes.counts);
}

static void
test_stale_version_ignored (void)
{
  g_autoptr(PltModel) model = plt_model_new ();
  PltAgentData *data;
  PltAgent *agent;
  Notes notes = { g_hash_table_new (g_str_hash, g_str_equal) };

  apply_agent (model, agent_data ("a-1", 5, "t-1"));
  plt_model_flush (model);
  agent = plt_model_lookup_agent (model, "a-1");
  g_signal_connect (agent, "notify", G_CALLBACK (notify_cb), &notes);

  data = agent_data ("a-1", 4, "t-1");
  data->status = PLT_AGENT_STATUS_LOGGED_OUT;
  g_assert_false (apply_agent (model, data));
  data = agent_data ("a-1", 5, "t-1");
  data->status = PLT_AGENT_STATUS_LOGGED_OUT;
  g_assert_false (apply_agent (model, data));

  g_assert_cmpint (plt_agent_get_status (agent), ==, PLT_AGENT_STATUS_AVAILABLE);
  g_assert_cmpint (plt_agent_get_version (agent), ==, 5);
  g_assert_cmpuint (notes_total (&notes), ==, 0);
  g_assert_cmpuint (plt_store_get_n_pending (plt_model_get_agents (model)), ==, 0);

  /* A newer version with the same content: only the version moves. */
  g_assert_true (apply_agent (model, agent_data ("a-1", 6, "t-1")));
  g_assert_cmpuint (notes_get (&notes, "version"), ==, 1);
  g_assert_cmpuint (notes_total (&notes), ==, 1);

  g_hash_table_unref (notes.counts);
}

static void
test_remove (void)
{
  g_autoptr(PltModel) model = plt_model_new ();
  g_autoptr(PltMessage) stale = remove_message (PLT_MESSAGE_AGENT_REMOVE, "a-1", 2);
  g_autoptr(PltMessage) remove = remove_message (PLT_MESSAGE_AGENT_REMOVE, "a-1", 4);
  g_autoptr(PltMessage) absent = remove_message (PLT_MESSAGE_CALL_REMOVE, "c-9", 1);
  PltStore *agents = plt_model_get_agents (model);

  apply_agent (model, agent_data ("a-1", 3, "t-1"));
  apply_agent (model, agent_data ("a-2", 3, "t-1"));
  plt_model_flush (model);

  g_assert_false (plt_model_apply_delta (model, stale));
  g_assert_nonnull (plt_model_lookup_agent (model, "a-1"));
  g_assert_false (plt_model_apply_delta (model, absent));

  g_assert_true (plt_model_apply_delta (model, remove));
  g_assert_null (plt_model_lookup_agent (model, "a-1"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (agents)), ==, 2);
  plt_model_flush (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (agents)), ==, 1);

  /* An entity can come back after its removal. */
  g_assert_true (apply_agent (model, agent_data ("a-1", 5, "t-1")));
  g_assert_nonnull (plt_model_lookup_agent (model, "a-1"));
}

static void
test_queue_and_call (void)
{
  g_autoptr(PltModel) model = plt_model_new ();
  g_autoptr(PltMessage) q = plt_message_new (PLT_MESSAGE_QUEUE_UPDATE);
  g_autoptr(PltMessage) c = plt_message_new (PLT_MESSAGE_CALL_UPDATE);
  PltQueue *queue;
  PltCall *call;
  Notes notes = { g_hash_table_new (g_str_hash, g_str_equal) };

  q->u.queue = plt_queue_data_new ();
  q->u.queue->id = g_strdup ("q-1");
  q->u.queue->ver = 1;
  q->u.queue->name = g_strdup ("Sales");
  q->u.queue->media = PLT_QUEUE_MEDIA_INBOUND;
  q->u.queue->sl_threshold_s = 20;
  q->u.queue->sl_target = 0.8;
  q->u.queue->waiting = 2;
  q->u.queue->today = (PltQueueToday) { 10, 0, 1, 0, 0 };
  g_assert_true (plt_model_apply_delta (model, q));
  queue = plt_model_lookup_queue (model, "q-1");
  g_assert_cmpfloat (plt_queue_get_service_level (queue), ==, -1.0);
  g_assert_cmpfloat (plt_queue_get_asa (queue), ==, -1.0);

  g_signal_connect (queue, "notify", G_CALLBACK (notify_cb), &notes);
  q->u.queue->ver = 2;
  q->u.queue->today = (PltQueueToday) { 10, 8, 1, 6, 80 };
  g_assert_true (plt_model_apply_delta (model, q));
  g_assert_cmpfloat_with_epsilon (plt_queue_get_service_level (queue), 0.75, 1e-9);
  g_assert_cmpfloat_with_epsilon (plt_queue_get_asa (queue), 10.0, 1e-9);
  g_assert_cmpuint (notes_get (&notes, "answered"), ==, 1);
  g_assert_cmpuint (notes_get (&notes, "answered-in-sl"), ==, 1);
  g_assert_cmpuint (notes_get (&notes, "service-level"), ==, 1);
  g_assert_cmpuint (notes_get (&notes, "asa"), ==, 1);
  g_assert_cmpuint (notes_get (&notes, "offered"), ==, 0);
  g_assert_cmpuint (notes_get (&notes, "waiting"), ==, 0);
  {
    g_autoptr(PltQueueData) back = plt_queue_to_data (queue);

    g_assert_true (plt_queue_data_equal (back, q->u.queue));
  }

  c->u.call = plt_call_data_new ();
  c->u.call->id = g_strdup ("c-1");
  c->u.call->ver = 1;
  c->u.call->queue = g_strdup ("q-1");
  c->u.call->state = PLT_CALL_STATE_QUEUED;
  c->u.call->since = 5;
  c->u.call->enqueued = 5;
  g_assert_true (plt_model_apply_delta (model, c));
  call = plt_model_lookup_call (model, "c-1");
  c->u.call->ver = 2;
  c->u.call->state = PLT_CALL_STATE_CONNECTED;
  c->u.call->agent = g_strdup ("a-1");
  g_assert_true (plt_model_apply_delta (model, c));
  g_assert_true (plt_model_lookup_call (model, "c-1") == call);
  g_assert_cmpint (plt_call_get_state (call), ==, PLT_CALL_STATE_CONNECTED);
  g_assert_cmpstr (plt_call_get_agent_id (call), ==, "a-1");
  {
    g_autoptr(PltCallData) back = plt_call_to_data (call);

    g_assert_true (plt_call_data_equal (back, c->u.call));
  }

  g_hash_table_unref (notes.counts);
}

static void
test_replace_all (void)
{
  g_autoptr(PltModel) model = plt_model_new ();
  g_autoptr(GPtrArray) teams = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_team_data_free);
  g_autoptr(GPtrArray) agents = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_agent_data_free);
  PltStore *store = plt_model_get_agents (model);
  PltAgent *b;
  PltAgent *c;
  PltAgentData *data;
  guint emissions = 0;
  guint flushed = 0;
  Notes notes = { g_hash_table_new (g_str_hash, g_str_equal) };

  apply_team (model, team_data ("t-1", 1, "North"));
  apply_agent (model, agent_data ("a", 1, "t-1"));
  apply_agent (model, agent_data ("b", 9, "t-1"));
  apply_agent (model, agent_data ("c", 1, "t-1"));
  plt_model_flush (model);
  b = plt_model_lookup_agent (model, "b");
  c = plt_model_lookup_agent (model, "c");
  g_signal_connect (c, "notify", G_CALLBACK (notify_cb), &notes);
  g_signal_connect (store, "items-changed", G_CALLBACK (count_items_changed_cb), &emissions);
  g_signal_connect (model, "flushed", G_CALLBACK (count_cb), &flushed);

  /* b comes back older but different (forced), c unchanged, d new, a gone. */
  g_ptr_array_add (teams, team_data ("t-1", 1, "North"));
  data = agent_data ("b", 3, "t-1");
  data->status = PLT_AGENT_STATUS_PAUSED;
  data->reason = g_strdup ("lunch");
  g_ptr_array_add (agents, data);
  g_ptr_array_add (agents, agent_data ("c", 1, "t-1"));
  g_ptr_array_add (agents, agent_data ("d", 1, "t-1"));

  plt_model_replace_all (model, teams, agents, NULL, NULL);

  /* Flushed at once, in one step. */
  g_assert_cmpuint (flushed, ==, 1);
  g_assert_cmpuint (plt_store_get_n_pending (store), ==, 0);
  g_assert_null (plt_model_lookup_agent (model, "a"));
  g_assert_true (plt_model_lookup_agent (model, "b") == b);
  g_assert_true (plt_model_lookup_agent (model, "c") == c);
  g_assert_cmpint (plt_agent_get_status (b), ==, PLT_AGENT_STATUS_PAUSED);
  g_assert_cmpint (plt_agent_get_version (b), ==, 3);
  g_assert_cmpstr (plt_agent_get_reason (b), ==, "lunch");
  g_assert_cmpuint (notes_total (&notes), ==, 0);
  g_assert_nonnull (plt_model_lookup_agent (model, "d"));
  g_assert_cmpstr (plt_agent_get_team_name (plt_model_lookup_agent (model, "d")), ==, "North");

  /* View: a removed (one emission), b changed (one), d appended (one). */
  g_assert_cmpuint (emissions, ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 3);
  {
    g_autoptr(PltAgent) first = g_list_model_get_item (G_LIST_MODEL (store), 0);
    g_autoptr(PltAgent) last = g_list_model_get_item (G_LIST_MODEL (store), 2);

    g_assert_true (first == b);
    g_assert_cmpstr (plt_agent_get_id (last), ==, "d");
  }

  /* An empty snapshot empties the model. */
  plt_model_replace_all (model, NULL, NULL, NULL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (plt_model_get_teams (model))), ==, 0);

  g_hash_table_unref (notes.counts);
}

static void
test_team_name (void)
{
  g_autoptr(PltModel) model = plt_model_new ();
  g_autoptr(PltMessage) remove = remove_message (PLT_MESSAGE_TEAM_REMOVE, "t-2", 5);
  PltAgentData *data;
  PltAgent *agent;
  Notes notes = { g_hash_table_new (g_str_hash, g_str_equal) };

  /* The agent comes before its team. */
  apply_agent (model, agent_data ("a-1", 1, "t-1"));
  agent = plt_model_lookup_agent (model, "a-1");
  g_assert_null (plt_agent_get_team_name (agent));
  g_signal_connect (agent, "notify::team-name", G_CALLBACK (notify_cb), &notes);

  apply_team (model, team_data ("t-1", 1, "Équipe Nord"));
  g_assert_cmpstr (plt_agent_get_team_name (agent), ==, "Équipe Nord");
  g_assert_cmpuint (notes_get (&notes, "team-name"), ==, 1);

  /* The team is renamed. */
  apply_team (model, team_data ("t-1", 2, "Équipe Nord-Est"));
  g_assert_cmpstr (plt_agent_get_team_name (agent), ==, "Équipe Nord-Est");
  g_assert_cmpuint (notes_get (&notes, "team-name"), ==, 2);

  /* The team changes without a new name: no notification. */
  apply_team (model, team_data ("t-1", 3, "Équipe Nord-Est"));
  g_assert_cmpuint (notes_get (&notes, "team-name"), ==, 2);

  /* The agent moves to another team. */
  apply_team (model, team_data ("t-2", 1, "Sud"));
  data = agent_data ("a-1", 2, "t-2");
  apply_agent (model, data);
  g_assert_cmpstr (plt_agent_get_team_id (agent), ==, "t-2");
  g_assert_cmpstr (plt_agent_get_team_name (agent), ==, "Sud");

  /* The team goes away. */
  g_assert_true (plt_model_apply_delta (model, remove));
  g_assert_null (plt_agent_get_team_name (agent));

  g_hash_table_unref (notes.counts);
}

static gboolean
uint_nonzero (gpointer data)
{
  return *(guint *) data > 0;
}

static void
test_flush_batching (void)
{
  g_autoptr(PltModel) model = plt_model_new ();
  PltStore *store = plt_model_get_agents (model);
  guint emissions = 0;
  guint flushed = 0;
  const guint n = 1000;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("a-%04u", i);

      apply_agent (model, agent_data (id, 1, "t-1"));
    }

  g_signal_connect (store, "items-changed", G_CALLBACK (count_items_changed_cb), &emissions);
  g_signal_connect (model, "flushed", G_CALLBACK (count_cb), &flushed);

  /* The additions are announced by the timer, in one emission. */
  g_assert_cmpuint (emissions, ==, 0);
  wait_for (uint_nonzero, &flushed);
  g_assert_cmpuint (flushed, ==, 1);
  g_assert_cmpuint (emissions, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, n);

  /* A burst of 2 000 updates to 200 agents in a row (10 each): nothing
   * until the timer fires, then one emission for the one range. */
  emissions = flushed = 0;
  for (guint round = 2; round < 12; round++)
    for (guint i = 300; i < 500; i++)
      {
        g_autofree char *id = g_strdup_printf ("a-%04u", i);
        PltAgentData *data = agent_data (id, round, "t-1");

        data->since = round * 1000;
        g_assert_true (apply_agent (model, data));
      }
  g_assert_cmpuint (emissions, ==, 0);
  g_assert_cmpuint (plt_store_get_n_pending (store), ==, 200);
  wait_for (uint_nonzero, &flushed);
  g_assert_cmpuint (flushed, ==, 1);
  g_assert_cmpuint (emissions, ==, 1);

  /* Updates everywhere: one full-range emission. */
  emissions = flushed = 0;
  for (guint i = 0; i < n; i += 2)
    {
      g_autofree char *id = g_strdup_printf ("a-%04u", i);

      apply_agent (model, agent_data (id, 20, "t-1"));
    }
  wait_for (uint_nonzero, &flushed);
  g_assert_cmpuint (emissions, ==, 1);

  /* A flush with nothing to announce is silent. */
  flushed = 0;
  plt_model_flush (model);
  g_assert_cmpuint (flushed, ==, 0);

  g_assert_cmpuint (plt_model_get_flush_interval (model), ==, 50);
  plt_model_set_flush_interval (model, 10);
  g_assert_cmpuint (plt_model_get_flush_interval (model), ==, 10);
}

static void
test_clear (void)
{
  g_autoptr(PltModel) model = plt_model_new ();

  apply_team (model, team_data ("t-1", 1, "North"));
  apply_agent (model, agent_data ("a-1", 1, "t-1"));
  plt_model_flush (model);
  apply_agent (model, agent_data ("a-2", 1, "t-1"));

  plt_model_clear (model);
  g_assert_null (plt_model_lookup_agent (model, "a-1"));
  g_assert_null (plt_model_lookup_agent (model, "a-2"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (plt_model_get_agents (model))), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (plt_model_get_teams (model))), ==, 0);
}

/* ------------------------------------------------------------------------ */
/* Clock                                                                     */
/* ------------------------------------------------------------------------ */

static void
test_format_duration (void)
{
  static const struct { gint64 ms; const char *text; } cases[] = {
    { 0, "0:00" },
    { 999, "0:00" },
    { 1000, "0:01" },
    { 59999, "0:59" },
    { 60000, "1:00" },
    { 65000, "1:05" },
    { 3599999, "59:59" },
    { 3600000, "1:00:00" },
    { 3661000, "1:01:01" },
    { 36000000 + 59 * 60000 + 9000, "10:59:09" },
    { 100 * 3600000LL, "100:00:00" },
    { -5000, "0:00" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = plt_format_duration (cases[i].ms);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

typedef struct
{
  PltClock *clock;
  guint     ticks;
  gint64    values[4];
} Ticks;

static void
now_cb (PltClock   *clock,
        GParamSpec *pspec,
        Ticks      *ticks)
{
  if (ticks->ticks < G_N_ELEMENTS (ticks->values))
    ticks->values[ticks->ticks] = plt_clock_get_now (clock);
  ticks->ticks++;
}

static gboolean
ticks_reached (gpointer data)
{
  return ((Ticks *) data)->ticks >= 3;
}

static void
test_clock (void)
{
  g_autoptr(PltClock) clock = plt_clock_new ();
  Ticks ticks = { clock, 0, { 0 } };
  gint64 frozen;

  g_assert_true (plt_clock_get_default () == plt_clock_get_default ());
  g_assert_false (plt_clock_get_running (clock));

  /* Not running: frozen at the synced time. */
  plt_clock_sync (clock, 1000000, 50.0);
  g_assert_cmpfloat (plt_clock_get_rate (clock), ==, 50.0);
  g_assert_cmpint (plt_clock_get_now (clock), ==, 1000000);

  /* Running at 50×: the router's time moves fast, and "now" is notified
   * with increasing values. */
  g_signal_connect (clock, "notify::now", G_CALLBACK (now_cb), &ticks);
  plt_clock_set_running (clock, TRUE);
  g_assert_true (plt_clock_get_running (clock));
  ticks.ticks = 0;
  wait_for (ticks_reached, &ticks);
  g_assert_cmpint (ticks.values[1], >, ticks.values[0]);
  g_assert_cmpint (ticks.values[2], >, ticks.values[1]);
  /* Ticks come at least MIN_TICK apart, i.e. ≥ 200 ms × 50 of router time. */
  g_assert_cmpint (ticks.values[2] - ticks.values[1], >=, 9000);
  g_assert_cmpint (plt_clock_get_now (clock), >, 1000000);

  /* Stopped: now stays put and nothing is notified. */
  plt_clock_set_running (clock, FALSE);
  frozen = plt_clock_get_now (clock);
  ticks.ticks = 0;
  g_usleep (300 * 1000);   /* lets router time pass, if it wrongly did */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpint (plt_clock_get_now (clock), ==, frozen);
  g_assert_cmpuint (ticks.ticks, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Plateau/Model/delta-in-place", test_delta_in_place);
  g_test_add_func ("/Plateau/Model/stale-version-ignored", test_stale_version_ignored);
  g_test_add_func ("/Plateau/Model/remove", test_remove);
  g_test_add_func ("/Plateau/Model/queue-and-call", test_queue_and_call);
  g_test_add_func ("/Plateau/Model/replace-all", test_replace_all);
  g_test_add_func ("/Plateau/Model/team-name", test_team_name);
  g_test_add_func ("/Plateau/Model/flush-batching", test_flush_batching);
  g_test_add_func ("/Plateau/Model/clear", test_clear);
  g_test_add_func ("/Plateau/Clock/format-duration", test_format_duration);
  g_test_add_func ("/Plateau/Clock/sync-and-tick", test_clock);

  return g_test_run ();
}
