/* test-commands.c — the supervisor's commands end to end: a console's
 * client, a real router, roles, the audit, messages and the history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "plt-agent.h"
#include "plt-client.h"
#include "plt-history.h"
#include "plt-model.h"
#include "plt-protocol-supervisor.h"
#include "plt-router.h"
#include "plt-router-private.h"
#include "plt-test-timeout.h"
#include "plt-test-ws.h"

#define TIMEOUT_MS plt_test_timeout_ms (60000)

typedef struct
{
  PltClient *client;
  PltModel  *model;
  PltClock  *clock;
} Console;

typedef struct
{
  PltRouter *router;
  char      *uri;
  Console    lea;       /* supervisor of t-nord */
  Console    camille;   /* the agent a-01 */

  /* Answers */
  GAsyncResult *result;
  char         *received_text;
  char         *received_from;
  GPtrArray    *acks;   /* "command-id agent" */
} Fixture;

static void
console_start (Console    *console,
               const char *uri,
               const char *user)
{
  console->model = plt_model_new ();
  console->clock = plt_clock_new ();
  console->client = plt_client_new (console->model, console->clock);
  plt_client_set_credentials (console->client, user, "correct horse battery");
  plt_client_connect (console->client, uri);
}

static void
console_stop (Console *console)
{
  plt_client_disconnect (console->client);
  g_clear_object (&console->client);
  g_clear_object (&console->clock);
  g_clear_object (&console->model);
}

static gboolean
console_live (gpointer data)
{
  Console *console = data;

  return plt_client_get_state (console->client) == PLT_CONNECTION_STATE_LIVE;
}

static void
message_received_cb (PltClient  *client,
                     const char *id,
                     const char *from,
                     const char *text,
                     gint64      at,
                     Fixture    *fixture)
{
  g_assert_nonnull (id);
  g_assert_cmpint (at, >, 0);
  g_free (fixture->received_text);
  fixture->received_text = g_strdup (text);
  g_free (fixture->received_from);
  fixture->received_from = g_strdup (from);
}

static void
message_acknowledged_cb (PltClient  *client,
                         const char *command_id,
                         const char *agent,
                         gint64      at,
                         Fixture    *fixture)
{
  g_ptr_array_add (fixture->acks, g_strdup_printf ("%s %s", command_id, agent));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  PltRouterOptions options = { "demo", 1.0, 7, 0 };
  static const char * const nord[] = { "t-nord", NULL };
  g_autoptr(GError) error = NULL;
  PltAuth *auth;

  fixture->router = plt_router_new (&options, &error);
  g_assert_no_error (error);
  auth = plt_router_get_auth (fixture->router);
  /* Fast hashes: the test checks roles, not Argon2id. */
  plt_auth_set_hash_limits (auth, 1, 8192);
  plt_auth_add_user (auth, "lea", PLT_ROLE_SUPERVISOR, nord, NULL, "correct horse battery", &error);
  g_assert_no_error (error);
  plt_auth_add_user (auth, "camille", PLT_ROLE_AGENT, NULL, "a-01", "correct horse battery", &error);
  g_assert_no_error (error);

  plt_router_listen (fixture->router, "127.0.0.1", 0, &error);
  g_assert_no_error (error);
  fixture->uri = plt_router_dup_uri (fixture->router);
  fixture->acks = g_ptr_array_new_with_free_func (g_free);

  console_start (&fixture->lea, fixture->uri, "lea");
  console_start (&fixture->camille, fixture->uri, "camille");
  g_signal_connect (fixture->camille.client, "message-received", G_CALLBACK (message_received_cb), fixture);
  g_signal_connect (fixture->lea.client, "message-acknowledged", G_CALLBACK (message_acknowledged_cb), fixture);
  g_assert_true (plt_test_ws_iterate_until (console_live, &fixture->lea, TIMEOUT_MS));
  g_assert_true (plt_test_ws_iterate_until (console_live, &fixture->camille, TIMEOUT_MS));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_signal_handlers_disconnect_by_data (fixture->camille.client, fixture);
  g_signal_handlers_disconnect_by_data (fixture->lea.client, fixture);
  console_stop (&fixture->lea);
  console_stop (&fixture->camille);
  plt_router_stop (fixture->router);
  g_clear_object (&fixture->router);
  g_clear_object (&fixture->result);
  g_clear_pointer (&fixture->uri, g_free);
  g_clear_pointer (&fixture->received_text, g_free);
  g_clear_pointer (&fixture->received_from, g_free);
  g_clear_pointer (&fixture->acks, g_ptr_array_unref);
}

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Fixture *fixture = user_data;

  g_set_object (&fixture->result, result);
}

static gboolean
answered (gpointer data)
{
  return ((Fixture *) data)->result != NULL;
}

static GAsyncResult *
wait_answer (Fixture *fixture)
{
  g_assert_true (plt_test_ws_iterate_until (answered, fixture, TIMEOUT_MS));
  return fixture->result;
}

/* The audit's last row about @target: "result user role action". */
static char *
last_audit (Fixture    *fixture,
            const char *target)
{
  sqlite3 *db = plt_db_get_handle (fixture->router->db);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT result, user, role, action, detail FROM audit "
                                           "WHERE target = ? ORDER BY id DESC LIMIT 1", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, target, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  return g_strdup_printf ("%s %s %s %s %s", sqlite3_column_text (stmt, 0), sqlite3_column_text (stmt, 1),
                          sqlite3_column_text (stmt, 2), sqlite3_column_text (stmt, 3),
                          sqlite3_column_text (stmt, 4));
}

typedef struct
{
  PltModel       *model;
  const char     *agent;
  PltAgentStatus  status;
} StatusWait;

static gboolean
agent_has_status (gpointer data)
{
  StatusWait *wait = data;
  PltAgent *agent = plt_model_lookup_agent (wait->model, wait->agent);

  return agent != NULL && plt_agent_get_status (agent) == wait->status;
}

/* An agent of @team without a contact (so that a pause is immediate). */
static const char *
free_agent_of (Fixture    *fixture,
               const char *team)
{
  static char id[16];
  g_autoptr(GPtrArray) agents = plt_acd_dup_agents (fixture->router->acd);

  for (guint i = 0; i < agents->len; i++)
    {
      const PltAgentData *agent = g_ptr_array_index (agents, i);

      if (g_strcmp0 (agent->team, team) == 0 && agent->call == NULL &&
          agent->status != PLT_AGENT_STATUS_PAUSED && g_strcmp0 (agent->id, "a-01") != 0)
        {
          g_strlcpy (id, agent->id, sizeof id);
          return id;
        }
    }

  return NULL;
}

static void
test_pause_own_team (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *row = NULL;
  const char *agent;
  StatusWait wait;

  /* The simulation stands still: nothing moves but what the test does. */
  plt_router_set_paused (fixture->router, TRUE);
  agent = free_agent_of (fixture, "t-nord");
  g_assert_nonnull (agent);

  id = plt_client_set_agent_status (fixture->lea.client, agent, PLT_AGENT_STATUS_PAUSED, "break",
                                    NULL, done_cb, fixture);
  g_assert_nonnull (id);
  g_assert_true (plt_client_command_finish (fixture->lea.client, wait_answer (fixture), &error));
  g_assert_no_error (error);

  wait = (StatusWait) { fixture->lea.model, agent, PLT_AGENT_STATUS_PAUSED };
  g_assert_true (plt_test_ws_iterate_until (agent_has_status, &wait, TIMEOUT_MS));
  g_assert_cmpstr (plt_agent_get_reason (plt_model_lookup_agent (fixture->lea.model, agent)), ==, "break");

  row = last_audit (fixture, agent);
  g_assert_nonnull (row);
  g_assert_true (g_str_has_prefix (row, "ok lea supervisor cmd.agent.status "));
  g_assert_nonnull (strstr (row, "\"reason\":\"break\""));
}

static void
test_refused_other_team (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PltAgentData) before = NULL;
  g_autoptr(PltAgentData) after = NULL;
  g_autofree char *row = NULL;
  g_autofree char *id = NULL;

  plt_router_set_paused (fixture->router, TRUE);
  before = plt_acd_dup_agent (fixture->router->acd, "a-13");

  id = plt_client_set_agent_status (fixture->lea.client, "a-13", PLT_AGENT_STATUS_LOGGED_OUT, NULL,
                                    NULL, done_cb, fixture);
  g_assert_false (plt_client_command_finish (fixture->lea.client, wait_answer (fixture), &error));
  g_assert_error (error, PLT_PROTOCOL_ERROR, PLT_PROTOCOL_ERROR_FORBIDDEN);
  g_assert_nonnull (strstr (error->message, "not in the teams you supervise"));

  after = plt_acd_dup_agent (fixture->router->acd, "a-13");
  g_assert_cmpint (after->status, ==, before->status);
  g_assert_cmpint (after->ver, ==, before->ver);
  g_assert_null (plt_model_lookup_agent (fixture->lea.model, "a-13"));

  row = last_audit (fixture, "a-13");
  g_assert_nonnull (row);
  g_assert_true (g_str_has_prefix (row, "FORBIDDEN lea supervisor cmd.agent.status "));
}

typedef struct
{
  PltModel   *model;
  const char *agent;
  const char *queue;
  guint       level;
} SkillWait;

static gboolean
agent_has_skill (gpointer data)
{
  SkillWait *wait = data;
  PltAgent *agent = plt_model_lookup_agent (wait->model, wait->agent);

  return agent != NULL && plt_agent_get_skill_level (agent, wait->queue) == wait->level;
}

static void
test_skills (Fixture       *fixture,
             gconstpointer  data)
{
  static const PltAgentSkill skills[] = { { (char *) "q-ventes", 2 }, { (char *) "q-support", 3 } };
  static const PltAgentSkill unknown[] = { { (char *) "q-nowhere", 1 } };
  g_autoptr(GError) error = NULL;
  g_autoptr(PltQueueData) support = NULL;
  g_autofree char *id = NULL;
  g_autofree char *row = NULL;
  SkillWait wait = { fixture->lea.model, "a-03", "q-support", 3 };
  SkillWait gone = { fixture->lea.model, "a-03", "q-facturation", 0 };
  guint members_before;

  plt_router_set_paused (fixture->router, TRUE);
  support = plt_acd_dup_queue (fixture->router->acd, "q-support");
  members_before = support->agents.available + support->agents.busy + support->agents.wrap_up +
                   support->agents.paused + support->agents.logged_out;

  id = plt_client_set_agent_skills (fixture->lea.client, "a-03", skills, G_N_ELEMENTS (skills),
                                    NULL, done_cb, fixture);
  g_assert_true (plt_client_command_finish (fixture->lea.client, wait_answer (fixture), &error));
  g_assert_no_error (error);
  g_assert_true (plt_test_ws_iterate_until (agent_has_skill, &wait, TIMEOUT_MS));
  g_assert_true (agent_has_skill (&gone));
  g_assert_cmpuint (plt_agent_get_skill_level (plt_model_lookup_agent (fixture->lea.model, "a-03"), "q-ventes"), ==, 2);

  /* The queue counts its new member. */
  g_clear_pointer (&support, plt_queue_data_free);
  support = plt_acd_dup_queue (fixture->router->acd, "q-support");
  g_assert_cmpuint (support->agents.available + support->agents.busy + support->agents.wrap_up +
                    support->agents.paused + support->agents.logged_out, ==, members_before + 1);

  row = last_audit (fixture, "a-03");
  g_assert_true (g_str_has_prefix (row, "ok lea supervisor cmd.agent.skills "));

  /* An unknown queue is refused in words, and changes nothing. */
  g_clear_object (&fixture->result);
  g_clear_pointer (&id, g_free);
  id = plt_client_set_agent_skills (fixture->lea.client, "a-03", unknown, 1, NULL, done_cb, fixture);
  g_assert_false (plt_client_command_finish (fixture->lea.client, wait_answer (fixture), &error));
  g_assert_error (error, PLT_PROTOCOL_ERROR, PLT_PROTOCOL_ERROR_BAD_REQUEST);
  g_assert_nonnull (strstr (error->message, "q-nowhere"));
  g_assert_true (agent_has_skill (&wait));
}

static gboolean
got_message_and_ack (gpointer data)
{
  Fixture *fixture = data;

  return fixture->received_text != NULL && fixture->acks->len > 0;
}

static void
test_message (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *expected_ack = NULL;
  g_autofree char *row = NULL;

  id = plt_client_send_message (fixture->lea.client, "a-01", NULL, "Pause à 15 h, merci !",
                                NULL, done_cb, fixture);
  g_assert_true (plt_client_command_finish (fixture->lea.client, wait_answer (fixture), &error));
  g_assert_no_error (error);

  g_assert_true (plt_test_ws_iterate_until (got_message_and_ack, fixture, TIMEOUT_MS));
  g_assert_cmpstr (fixture->received_text, ==, "Pause à 15 h, merci !");
  g_assert_cmpstr (fixture->received_from, ==, "lea");
  expected_ack = g_strdup_printf ("%s a-01", id);
  g_assert_cmpstr (g_ptr_array_index (fixture->acks, 0), ==, expected_ack);

  row = last_audit (fixture, "a-01");
  g_assert_true (g_str_has_prefix (row, "ok lea supervisor cmd.message "));

  /* A team they do not supervise: refused, nothing delivered. */
  g_clear_object (&fixture->result);
  g_clear_pointer (&id, g_free);
  id = plt_client_send_message (fixture->lea.client, NULL, "t-sud", "Bonjour", NULL, done_cb, fixture);
  g_assert_false (plt_client_command_finish (fixture->lea.client, wait_answer (fixture), &error));
  g_assert_error (error, PLT_PROTOCOL_ERROR, PLT_PROTOCOL_ERROR_FORBIDDEN);
  g_assert_nonnull (strstr (error->message, "t-sud"));
  g_assert_cmpuint (fixture->acks->len, ==, 1);
}

static gboolean
acks_reach_12 (gpointer data)
{
  return ((Fixture *) data)->acks->len >= 12;
}

static void
test_message_team (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *later = NULL;

  id = plt_client_send_message (fixture->lea.client, NULL, "t-nord", "Briefing à 14 h", NULL, done_cb, fixture);
  g_assert_true (plt_client_command_finish (fixture->lea.client, wait_answer (fixture), &error));
  g_assert_no_error (error);

  /* 12 agents in t-nord, each reads it; a-01's console got it too. */
  g_assert_true (plt_test_ws_iterate_until (acks_reach_12, fixture, TIMEOUT_MS));
  g_assert_true (plt_test_ws_iterate_until (got_message_and_ack, fixture, TIMEOUT_MS));
  g_assert_cmpstr (fixture->received_text, ==, "Briefing à 14 h");

  /* The router sends in order: once a later command is answered, no
   * acknowledgement can still be on its way. */
  g_clear_object (&fixture->result);
  later = plt_client_set_agent_status (fixture->lea.client, "a-13", PLT_AGENT_STATUS_PAUSED, NULL,
                                       NULL, done_cb, fixture);
  g_assert_false (plt_client_command_finish (fixture->lea.client, wait_answer (fixture), NULL));
  g_assert_cmpuint (fixture->acks->len, ==, 12);
  for (guint i = 0; i < fixture->acks->len; i++)
    {
      g_autofree char *prefix = g_strdup_printf ("%s a-", id);

      g_assert_true (g_str_has_prefix (g_ptr_array_index (fixture->acks, i), prefix));
    }
}

static void
test_history (Fixture       *fixture,
              gconstpointer  data)
{
  static const char * const agents[] = { "a-01", "a-02", NULL };
  static const char * const queues[] = { "q-ventes", NULL };
  static const char * const foreign[] = { "a-13", NULL };
  g_autoptr(PltSupervisorMessage) history = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  gint64 now, from;

  plt_router_set_paused (fixture->router, TRUE);
  now = plt_acd_get_now (fixture->router->acd);
  /* Whole minutes back from now, within today: the last sample is now. */
  from = now - MIN (60, (now - plt_acd_get_day_start (fixture->router->acd)) / 60000) * 60000;
  g_assert_cmpint (from, <, now);

  id = plt_client_query_history (fixture->lea.client, from, now + 1, agents, queues, 60,
                                 NULL, done_cb, fixture);
  history = plt_client_query_history_finish (fixture->lea.client, wait_answer (fixture), &error);
  g_assert_no_error (error);
  g_assert_nonnull (history);
  g_assert_true (history->last);
  g_assert_cmpuint (history->intervals->len, >, 0);

  /* By agent then time; each agent's current state is the open one. */
  for (guint i = 0; i < history->intervals->len; i++)
    {
      const PltAgentInterval *interval = g_ptr_array_index (history->intervals, i);

      g_assert_true (g_str_equal (interval->agent, "a-01") || g_str_equal (interval->agent, "a-02"));
      if (i > 0)
        {
          const PltAgentInterval *previous = g_ptr_array_index (history->intervals, i - 1);

          g_assert_cmpint (g_strcmp0 (previous->agent, interval->agent), <=, 0);
          if (g_str_equal (previous->agent, interval->agent))
            g_assert_cmpint (previous->start, <=, interval->start);
        }
    }
  {
    const PltAgentInterval *current = plt_history_interval_at (history->intervals, "a-01", now);
    g_autoptr(PltAgentData) agent = plt_acd_dup_agent (fixture->router->acd, "a-01");

    g_assert_nonnull (current);
    g_assert_cmpint (current->status, ==, agent->status);
    g_assert_cmpint (current->activity, ==, agent->activity);
  }

  /* One sample a minute; the last one matches the queue now. */
  g_assert_cmpuint (history->queue_samples->len, ==, (now - from) / 60000 + 1);
  {
    const PltQueueSample *last = g_ptr_array_index (history->queue_samples, history->queue_samples->len - 1);
    g_autoptr(PltQueueData) queue = plt_acd_dup_queue (fixture->router->acd, "q-ventes");
    guint members = queue->agents.available + queue->agents.busy + queue->agents.wrap_up +
                    queue->agents.paused + queue->agents.logged_out;

    g_assert_cmpstr (last->queue, ==, "q-ventes");
    g_assert_cmpuint (last->agents.available + last->agents.busy + last->agents.wrap_up +
                      last->agents.paused + last->agents.logged_out, ==, members);
    g_assert_cmpint (last->at, ==, now);
    /* Ringing contacts count as waiting in a sample. */
    g_assert_cmpuint (last->waiting, >=, queue->waiting);
    g_assert_cmpuint (last->agents.available, ==, queue->agents.available);
    g_assert_cmpuint (last->agents.paused, ==, queue->agents.paused);
  }

  /* An agent out of scope: refused. */
  g_clear_object (&fixture->result);
  g_clear_pointer (&id, g_free);
  id = plt_client_query_history (fixture->lea.client, from, now, foreign, NULL, 0, NULL, done_cb, fixture);
  g_assert_null (plt_client_query_history_finish (fixture->lea.client, wait_answer (fixture), &error));
  g_assert_error (error, PLT_PROTOCOL_ERROR, PLT_PROTOCOL_ERROR_FORBIDDEN);
}

/* The sampling itself, on hand-made records. */
static void
test_history_samples (void)
{
  const gint64 t0 = 1795770000000;   /* a whole minute */
  const gint64 min = 60000;
  PltAgentInterval a1[] = {
    { "a-1", PLT_AGENT_STATUS_AVAILABLE, PLT_AGENT_ACTIVITY_IDLE, NULL, NULL, NULL, t0 - 10 * min, t0 + 2 * min },
    { "a-1", PLT_AGENT_STATUS_AVAILABLE, PLT_AGENT_ACTIVITY_ON_CALL, NULL, "q", "c-1", t0 + 2 * min, t0 + 5 * min },
    { "a-1", PLT_AGENT_STATUS_AVAILABLE, PLT_AGENT_ACTIVITY_WRAP_UP, NULL, "q", "c-1", t0 + 5 * min, t0 + 6 * min },
    { "a-1", PLT_AGENT_STATUS_PAUSED, PLT_AGENT_ACTIVITY_IDLE, "break", NULL, NULL, t0 + 6 * min, 0 },
    { "a-2", PLT_AGENT_STATUS_AVAILABLE, PLT_AGENT_ACTIVITY_IDLE, NULL, NULL, NULL, t0 + 3 * min, 0 },
  };
  PltContactRecord c1 = { "c-1", "q", PLT_QUEUE_MEDIA_INBOUND, PLT_CONTACT_ORIGIN_NEW, NULL, "a-1",
                          t0 + 1 * min, t0 + 1 * min + 30000, t0 + 2 * min, 0, 0, t0 + 5 * min, t0 + 6 * min,
                          PLT_CONTACT_OUTCOME_ANSWERED, 0 };
  PltContactRecord c2 = { "c-2", "q", PLT_QUEUE_MEDIA_INBOUND, PLT_CONTACT_ORIGIN_NEW, NULL, NULL,
                          t0 + 90000, 0, 0, 0, 0, 0, 0, PLT_CONTACT_OUTCOME_NONE, 0 };
  PltContactRecord out = { "c-3", "q", PLT_QUEUE_MEDIA_OUTBOUND, PLT_CONTACT_ORIGIN_NEW, NULL, "a-2",
                           t0, 0, 0, 0, 0, 0, 0, PLT_CONTACT_OUTCOME_NONE, 0 };
  static const char * const queues[] = { "q", NULL };
  static const char * const serves[] = { "q", NULL };
  g_autoptr(GPtrArray) intervals = g_ptr_array_new ();
  g_autoptr(GPtrArray) contacts = g_ptr_array_new ();
  g_autoptr(GHashTable) agent_queues = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) more = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) samples = NULL;
  const PltQueueSample *s;

  for (guint i = 0; i < G_N_ELEMENTS (a1); i++)
    g_ptr_array_add (intervals, &a1[i]);
  g_ptr_array_add (contacts, &c1);
  g_ptr_array_add (contacts, &c2);
  g_ptr_array_add (contacts, &out);
  g_hash_table_insert (agent_queues, (gpointer) "a-1", (gpointer) serves);
  g_hash_table_insert (agent_queues, (gpointer) "a-2", (gpointer) serves);
  g_hash_table_insert (agent_queues, (gpointer) "a-3", (gpointer) serves);

  samples = plt_history_sample_queues (queues, agent_queues, intervals, contacts, t0, t0 + 7 * min, min);
  g_assert_cmpuint (samples->len, ==, 8);

  /* t0: a-1 idle, a-2 not yet there, a-3 never: two logged out; nobody waits. */
  s = g_ptr_array_index (samples, 0);
  g_assert_cmpint (s->at, ==, t0);
  g_assert_cmpuint (s->agents.available, ==, 1);
  g_assert_cmpuint (s->agents.logged_out, ==, 2);
  g_assert_cmpuint (s->waiting, ==, 0);
  g_assert_cmpint (s->oldest_since, ==, 0);

  /* t0 + 1 min: c-1 waits (it just arrived). */
  s = g_ptr_array_index (samples, 1);
  g_assert_cmpuint (s->waiting, ==, 1);
  g_assert_cmpint (s->oldest_since, ==, t0 + min);

  /* t0 + 2 min: c-1 answered (a-1 busy), c-2 still waiting since 1:30. */
  s = g_ptr_array_index (samples, 2);
  g_assert_cmpuint (s->waiting, ==, 1);
  g_assert_cmpint (s->oldest_since, ==, t0 + 90000);
  g_assert_cmpuint (s->agents.busy, ==, 1);

  /* t0 + 5 min: a-1 in wrap-up, a-2 available. */
  s = g_ptr_array_index (samples, 5);
  g_assert_cmpuint (s->agents.wrap_up, ==, 1);
  g_assert_cmpuint (s->agents.available, ==, 1);
  g_assert_cmpuint (s->agents.logged_out, ==, 1);

  /* t0 + 7 min: a-1 on break (paused), c-2 still waiting. */
  s = g_ptr_array_index (samples, 7);
  g_assert_cmpuint (s->agents.paused, ==, 1);
  g_assert_cmpuint (s->waiting, ==, 1);

  g_assert_cmpint (plt_history_interval_state (plt_history_interval_at (intervals, "a-1", t0 + 3 * min)),
                   ==, PLT_AGENT_STATE_ON_CALL);
  g_assert_null (plt_history_interval_at (intervals, "a-2", t0));
  (void) more;
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Plateau/History/samples", test_history_samples);
  g_test_add ("/Plateau/Commands/pause-own-team", Fixture, NULL, fixture_set_up, test_pause_own_team, fixture_tear_down);
  g_test_add ("/Plateau/Commands/refused-other-team", Fixture, NULL, fixture_set_up, test_refused_other_team, fixture_tear_down);
  g_test_add ("/Plateau/Commands/skills", Fixture, NULL, fixture_set_up, test_skills, fixture_tear_down);
  g_test_add ("/Plateau/Commands/message", Fixture, NULL, fixture_set_up, test_message, fixture_tear_down);
  g_test_add ("/Plateau/Commands/message-team", Fixture, NULL, fixture_set_up, test_message_team, fixture_tear_down);
  g_test_add ("/Plateau/Commands/history", Fixture, NULL, fixture_set_up, test_history, fixture_tear_down);

  return g_test_run ();
}
