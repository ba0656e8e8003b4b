/* test-security.c — logins, roles, resume, liveness, flow control and TLS,
 * seen from raw WebSocket clients, the core client, a frozen peer and a
 * router in a subprocess (docs/protocol.md §3, §8–§10)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <sodium.h>

#include "plt-acd.h"
#include "plt-auth.h"
#include "plt-client.h"
#include "plt-protocol.h"
#include "plt-router.h"
#include "plt-test-timeout.h"
#include "plt-test-ws.h"

/* Generous: the suite also runs under valgrind. */
#define TIMEOUT_MS plt_test_timeout_ms (30000)


/* Routers and accounts */

static PltRouter *
start_router_with (PltRouterOptions *options,
                   char            **uri)
{
  g_autoptr(GError) error = NULL;
  PltRouter *router = plt_router_new (options, &error);

  g_assert_no_error (error);
  plt_router_listen (router, "127.0.0.1", 0, &error);
  g_assert_no_error (error);
  *uri = plt_router_dup_uri (router);

  /* Cheap hashes: the tests make many; the defaults are for real users. */
  if (plt_router_get_auth (router) != NULL)
    plt_auth_set_hash_limits (plt_router_get_auth (router), crypto_pwhash_OPSLIMIT_MIN,
                              crypto_pwhash_MEMLIMIT_MIN);
  return router;
}

static PltRouter *
start_router (const char *scenario,
              double      speed,
              char      **uri)
{
  PltRouterOptions options = { scenario, speed, 11, 0 };

  return start_router_with (&options, uri);
}

static void
add_user (PltRouter  *router,
          const char *name,
          PltRole     role,
          const char *team,
          const char *agent)
{
  g_autoptr(GError) error = NULL;
  const char *teams[] = { team, NULL };

  plt_auth_add_user (plt_router_get_auth (router), name, role, team != NULL ? teams : NULL, agent,
                     "correct horse battery", &error);
  g_assert_no_error (error);
}

static char *
token_of (PltRouter  *router,
          const char *name)
{
  g_autoptr(GError) error = NULL;
  char *token = plt_auth_issue_token (plt_router_get_auth (router), name, NULL, &error);

  g_assert_no_error (error);
  return token;
}

/* Connects as @name and reads the welcome and the snapshot. */
static PltTestWsClient *
join_as (PltRouter   *router,
         const char  *uri,
         const char  *name,
         PltTestWsSnapshot   **snapshot,
         PltMessage **welcome)
{
  PltTestWsClient *client;

  plt_test_ws_set_token (token_of (router, name));
  client = plt_test_ws_client_connect (uri);
  plt_test_ws_client_hello (client);
  *welcome = plt_test_ws_client_next (client);
  g_assert_cmpint ((*welcome)->type, ==, PLT_MESSAGE_WELCOME);
  *snapshot = plt_test_ws_client_read_snapshot (client, "initial");
  return client;
}

/* /Plateau/Security/roles — what each role receives */

typedef struct
{
  const char *team_a;
  GHashTable *queues_a;     /* the queues team A serves */
  const char *own_agent;    /* an agent of another team */
} Scope;

static void
check_visible (const Scope      *scope,
               PltRole           role,
               PltAcdEntity      kind,
               gconstpointer     data)
{
  switch (role)
    {
    case PLT_ROLE_SUPERVISOR:
      if (kind == PLT_ACD_ENTITY_TEAM)
        g_assert_cmpstr (((const PltTeamData *) data)->id, ==, scope->team_a);
      else if (kind == PLT_ACD_ENTITY_AGENT)
        g_assert_cmpstr (((const PltAgentData *) data)->team, ==, scope->team_a);
      else if (kind == PLT_ACD_ENTITY_QUEUE)
        g_assert_true (g_hash_table_contains (scope->queues_a, ((const PltQueueData *) data)->id));
      else
        g_assert_true (g_hash_table_contains (scope->queues_a, ((const PltCallData *) data)->queue));
      break;

    case PLT_ROLE_WALLBOARD:
      g_assert_cmpint (kind, !=, PLT_ACD_ENTITY_CALL);
      if (kind == PLT_ACD_ENTITY_AGENT)
        {
          g_assert_null (((const PltAgentData *) data)->reason);
          g_assert_null (((const PltAgentData *) data)->call);
        }
      break;

    case PLT_ROLE_AGENT:
      g_assert_true (kind == PLT_ACD_ENTITY_AGENT || kind == PLT_ACD_ENTITY_CALL);
      if (kind == PLT_ACD_ENTITY_AGENT)
        g_assert_cmpstr (((const PltAgentData *) data)->id, ==, scope->own_agent);
      else
        g_assert_cmpstr (((const PltCallData *) data)->agent, ==, scope->own_agent);
      break;

    case PLT_ROLE_MANAGER:
    case PLT_ROLE_ADMIN:
    default:
      break;
    }
}

static void
check_snapshot (const Scope *scope,
                PltRole      role,
                PltTestWsSnapshot    *snapshot)
{
  for (guint k = 0; k < 4; k++)
    for (guint i = 0; i < snapshot->lists[k]->len; i++)
      check_visible (scope, role, k, g_ptr_array_index (snapshot->lists[k], i));
}

static void
check_delta (const Scope      *scope,
             PltRole           role,
             const PltMessage *message)
{
  switch (message->type)
    {
    case PLT_MESSAGE_TEAM_UPDATE: check_visible (scope, role, PLT_ACD_ENTITY_TEAM, message->u.team); break;
    case PLT_MESSAGE_AGENT_UPDATE: check_visible (scope, role, PLT_ACD_ENTITY_AGENT, message->u.agent); break;
    case PLT_MESSAGE_QUEUE_UPDATE: check_visible (scope, role, PLT_ACD_ENTITY_QUEUE, message->u.queue); break;
    case PLT_MESSAGE_CALL_UPDATE: check_visible (scope, role, PLT_ACD_ENTITY_CALL, message->u.call); break;
    case PLT_MESSAGE_CALL_REMOVE:
      g_assert_cmpint (role, !=, PLT_ROLE_WALLBOARD);
      break;
    default:
      break;
    }
}

static gboolean
elapsed (gpointer data)
{
  return g_get_monotonic_time () >= *(gint64 *) data;
}

/* Sends a command and returns the answer (result or error), skipping deltas. */
static PltMessage *
command (PltTestWsClient         *client,
         const char     *id,
         const char     *agent,
         PltAgentStatus  status,
         const char     *reason)
{
  g_autofree char *text = plt_protocol_encode_cmd_agent_status (id, agent, status, reason);

  plt_test_ws_client_send (client, text);
  for (;;)
    {
      PltMessage *message = plt_test_ws_client_next (client);

      if (message->type == PLT_MESSAGE_RESULT || message->type == PLT_MESSAGE_ERROR)
        {
          if (message->type == PLT_MESSAGE_RESULT)
            g_assert_cmpstr (message->u.result.reply_to, ==, id);
          else
            g_assert_cmpstr (message->u.error.reply_to, ==, id);
          return message;
        }
      plt_message_free (message);
    }
}

static void
assert_command (PltTestWsClient           *client,
                const char       *agent,
                PltAgentStatus    status,
                const char       *reason,
                int               expected)   /* -1: ok, else a PltProtocolError */
{
  static guint n;
  g_autofree char *id = g_strdup_printf ("c-%u", ++n);
  g_autoptr(PltMessage) answer = command (client, id, agent, status, reason);

  if (expected < 0)
    {
      if (answer->type == PLT_MESSAGE_ERROR)
        g_error ("command %s on %s refused: %s", id, agent, answer->u.error.message);
      g_assert_true (answer->u.result.ok);
    }
  else
    {
      g_assert_cmpint (answer->type, ==, PLT_MESSAGE_ERROR);
      g_assert_cmpint (answer->u.error.code, ==, expected);
      g_assert_false (answer->u.error.fatal);
    }
}

static void
test_roles (void)
{
  g_autofree char *uri = NULL;
  g_autoptr(PltRouter) router = start_router ("demo", 50, &uri);
  g_autoptr(GPtrArray) agents = plt_router_dup_agents (router);
  g_autoptr(GPtrArray) teams = plt_router_dup_teams (router);
  g_autoptr(GHashTable) queues_a = g_hash_table_new (g_str_hash, g_str_equal);
  const PltRole roles[] = { PLT_ROLE_SUPERVISOR, PLT_ROLE_WALLBOARD, PLT_ROLE_AGENT, PLT_ROLE_MANAGER };
  const char *names[] = { "sup", "wall", "agent", "boss" };
  PltTestWsClient *clients[4];
  Scope scope = { 0 };
  const char *other_agent = NULL;
  const char *agent_a = NULL;
  guint n_agents_a = 0;
  gint64 deadline;

  g_assert_cmpuint (teams->len, >=, 2);
  scope.team_a = ((PltTeamData *) g_ptr_array_index (teams, 0))->id;
  scope.queues_a = queues_a;
  for (guint i = 0; i < agents->len; i++)
    {
      PltAgentData *agent = g_ptr_array_index (agents, i);

      if (g_str_equal (agent->team, scope.team_a))
        {
          n_agents_a++;
          agent_a = agent->id;
          for (guint q = 0; agent->queues[q] != NULL; q++)
            g_hash_table_add (queues_a, agent->queues[q]);
        }
      else
        other_agent = agent->id;
    }
  g_assert_nonnull (other_agent);
  scope.own_agent = other_agent;

  add_user (router, "sup", PLT_ROLE_SUPERVISOR, scope.team_a, NULL);
  add_user (router, "wall", PLT_ROLE_WALLBOARD, NULL, NULL);
  add_user (router, "agent", PLT_ROLE_AGENT, NULL, other_agent);
  add_user (router, "boss", PLT_ROLE_MANAGER, NULL, NULL);

  /* The snapshots */
  for (guint r = 0; r < G_N_ELEMENTS (roles); r++)
    {
      g_autoptr(PltTestWsSnapshot) snapshot = NULL;
      g_autoptr(PltMessage) welcome = NULL;

      clients[r] = join_as (router, uri, names[r], &snapshot, &welcome);
      g_assert_cmpstr (welcome->u.welcome.role, ==, plt_role_to_string (roles[r]));
      check_snapshot (&scope, roles[r], snapshot);

      if (roles[r] == PLT_ROLE_SUPERVISOR)
        {
          g_assert_cmpuint (snapshot->lists[PLT_ACD_ENTITY_AGENT]->len, ==, n_agents_a);
          g_assert_cmpuint (snapshot->lists[PLT_ACD_ENTITY_TEAM]->len, ==, 1);
        }
      else if (roles[r] == PLT_ROLE_WALLBOARD)
        {
          g_assert_cmpuint (snapshot->lists[PLT_ACD_ENTITY_AGENT]->len, ==, agents->len);
          g_assert_cmpuint (snapshot->lists[PLT_ACD_ENTITY_CALL]->len, ==, 0);
        }
      else if (roles[r] == PLT_ROLE_AGENT)
        g_assert_cmpuint (snapshot->lists[PLT_ACD_ENTITY_AGENT]->len, ==, 1);
      else
        g_assert_cmpuint (snapshot->lists[PLT_ACD_ENTITY_AGENT]->len, ==, agents->len);
    }

  /* The deltas, for two seconds of a busy call center: each stream is
   * contiguous and carries only what its role may see. */
  deadline = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
  plt_test_ws_iterate_until (elapsed, &deadline, 5000);
  for (guint r = 0; r < G_N_ELEMENTS (roles); r++)
    {
      gint64 last = -1;
      guint n = 0;

      while (!g_queue_is_empty (&clients[r]->messages))
        {
          g_autoptr(PltMessage) message = g_queue_pop_head (&clients[r]->messages);

          if (!plt_message_type_is_delta (message->type))
            continue;
          check_delta (&scope, roles[r], message);
          if (last >= 0)
            g_assert_cmpint (message->seq, ==, last + 1);
          last = message->seq;
          n++;
        }
      g_test_message ("%s received %u deltas", names[r], n);
      if (roles[r] == PLT_ROLE_MANAGER)
        g_assert_cmpuint (n, >, 0);
    }

  /* The commands, on a still call center. */
  plt_router_set_paused (router, TRUE);

  assert_command (clients[1], agent_a, PLT_AGENT_STATUS_PAUSED, NULL, PLT_PROTOCOL_ERROR_FORBIDDEN);
  assert_command (clients[1], other_agent, PLT_AGENT_STATUS_AVAILABLE, NULL, PLT_PROTOCOL_ERROR_FORBIDDEN);

  assert_command (clients[0], agent_a, PLT_AGENT_STATUS_PAUSED, NULL, -1);
  assert_command (clients[0], agent_a, PLT_AGENT_STATUS_AVAILABLE, NULL, -1);
  assert_command (clients[0], other_agent, PLT_AGENT_STATUS_PAUSED, NULL, PLT_PROTOCOL_ERROR_FORBIDDEN);
  assert_command (clients[0], "nobody", PLT_AGENT_STATUS_PAUSED, NULL, PLT_PROTOCOL_ERROR_FORBIDDEN);

  assert_command (clients[2], other_agent, PLT_AGENT_STATUS_PAUSED, NULL, -1);
  assert_command (clients[2], agent_a, PLT_AGENT_STATUS_PAUSED, NULL, PLT_PROTOCOL_ERROR_FORBIDDEN);

  assert_command (clients[3], agent_a, PLT_AGENT_STATUS_PAUSED, NULL, -1);
  assert_command (clients[3], "nobody", PLT_AGENT_STATUS_PAUSED, NULL, PLT_PROTOCOL_ERROR_NOT_FOUND);
  assert_command (clients[3], agent_a, PLT_AGENT_STATUS_UNKNOWN, NULL, PLT_PROTOCOL_ERROR_BAD_REQUEST);
  assert_command (clients[3], agent_a, PLT_AGENT_STATUS_PAUSED, "no-such-reason", PLT_PROTOCOL_ERROR_BAD_REQUEST);

  /* Never cut a contact: logging out an agent who has one is a conflict. */
  {
    g_autoptr(GPtrArray) now = plt_router_dup_agents (router);

    for (guint i = 0; i < now->len; i++)
      {
        PltAgentData *agent = g_ptr_array_index (now, i);

        if (agent->call != NULL)
          {
            assert_command (clients[3], agent->id, PLT_AGENT_STATUS_LOGGED_OUT, NULL, PLT_PROTOCOL_ERROR_CONFLICT);
            break;
          }
      }
  }

  /* What the supervisor did shows on its own stream. */
  {
    g_autoptr(GPtrArray) now = plt_router_dup_agents (router);

    for (guint i = 0; i < now->len; i++)
      if (g_str_equal (((PltAgentData *) g_ptr_array_index (now, i))->id, other_agent))
        g_assert_cmpint (((PltAgentData *) g_ptr_array_index (now, i))->status, !=, PLT_AGENT_STATUS_AVAILABLE);
  }

  for (guint r = 0; r < G_N_ELEMENTS (roles); r++)
    plt_test_ws_client_free (clients[r]);
  plt_test_ws_set_token (NULL);
  plt_router_stop (router);
}

/* /Plateau/Security/login — POST /login, and its rate limit */

typedef struct
{
  guint  status;
  char  *body;
  char  *retry_after;
  gboolean done;
} HttpAnswer;

static void
http_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  HttpAnswer *answer = user_data;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr(GBytes) bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, NULL);

  answer->status = soup_message_get_status (msg);
  answer->body = bytes != NULL ? g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes)) : g_strdup ("");
  answer->retry_after = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (msg), "Retry-After"));
  answer->done = TRUE;
}

static gboolean
http_answered (gpointer data)
{
  return ((HttpAnswer *) data)->done;
}

static void
http_login (const char *ws_uri,
            const char *user,
            const char *password,
            HttpAnswer *answer)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *uri = NULL;
  g_autofree char *body = g_strdup_printf ("{\"user\":\"%s\",\"password\":\"%s\"}", user, password);
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

  uri = g_strdup_printf ("http%.*s/login", (int) (strrchr (strstr (ws_uri, "://"), '/') - strstr (ws_uri, "://")),
                         strstr (ws_uri, "://"));
  msg = soup_message_new (SOUP_METHOD_POST, uri);
  soup_message_set_request_body_from_bytes (msg, "application/json", bytes);

  memset (answer, 0, sizeof *answer);
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, http_done, answer);
  g_assert_true (plt_test_ws_iterate_until (http_answered, answer, TIMEOUT_MS));
}

static void
http_answer_clear (HttpAnswer *answer)
{
  g_clear_pointer (&answer->body, g_free);
  g_clear_pointer (&answer->retry_after, g_free);
}

static void
test_login (void)
{
  g_autofree char *uri = NULL;
  g_autoptr(PltRouter) router = start_router ("demo", 1, &uri);
  HttpAnswer answer;

  add_user (router, "alice", PLT_ROLE_SUPERVISOR, "t-1", NULL);

  http_login (uri, "alice", "correct horse battery", &answer);
  g_assert_cmpuint (answer.status, ==, 200);
  g_assert_nonnull (strstr (answer.body, "\"token\":\""));
  g_assert_nonnull (strstr (answer.body, "\"role\":\"supervisor\""));
  g_assert_nonnull (strstr (answer.body, "\"expires\":"));
  http_answer_clear (&answer);

  /* Unknown users and wrong passwords read the same. */
  http_login (uri, "mallory", "whatever123", &answer);
  g_assert_cmpuint (answer.status, ==, 401);
  g_assert_null (strstr (answer.body, "mallory"));
  http_answer_clear (&answer);

  /* Counted per address too: mallory's attempt was the first. */
  for (guint i = 0; i + 1 < PLT_AUTH_FREE_FAILURES; i++)
    {
      http_login (uri, "alice", "wrong password", &answer);
      g_assert_cmpuint (answer.status, ==, 401);
      http_answer_clear (&answer);
    }

  /* Now even the right password waits: 429 with Retry-After. */
  http_login (uri, "alice", "correct horse battery", &answer);
  g_assert_cmpuint (answer.status, ==, 429);
  g_assert_nonnull (answer.retry_after);
  g_assert_cmpint (atoi (answer.retry_after), >=, 1);
  http_answer_clear (&answer);

  /* Not a POST, not JSON */
  {
    g_autoptr(SoupSession) session = soup_session_new ();
    g_autofree char *login = g_strdup_printf ("http%.*s/login",
                                              (int) (strrchr (strstr (uri, "://"), '/') - strstr (uri, "://")),
                                              strstr (uri, "://"));
    g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_GET, login);

    memset (&answer, 0, sizeof answer);
    soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, http_done, &answer);
    g_assert_true (plt_test_ws_iterate_until (http_answered, &answer, TIMEOUT_MS));
    g_assert_cmpuint (answer.status, ==, 405);
    http_answer_clear (&answer);
  }

  plt_router_stop (router);
}

/* /Plateau/Security/client-login — the core client's NEEDS_LOGIN */

static gboolean
state_is (gpointer data)
{
  PltClient *client = data;
  PltConnectionState wanted = GPOINTER_TO_INT (g_object_get_data (data, "wanted"));

  return plt_client_get_state (client) == wanted;
}

static void
wait_state (PltClient          *client,
            PltConnectionState  state)
{
  g_object_set_data (G_OBJECT (client), "wanted", GINT_TO_POINTER (state));
  if (!plt_test_ws_iterate_until (state_is, client, TIMEOUT_MS))
    g_error ("client in state %s, not %s (%s)",
             plt_connection_state_to_string (plt_client_get_state (client)),
             plt_connection_state_to_string (state), plt_client_get_last_error (client));
}

static void
test_client_login (void)
{
  g_autofree char *uri = NULL;
  g_autoptr(PltRouter) router = start_router ("demo", 1, &uri);
  g_autoptr(GPtrArray) teams = plt_router_dup_teams (router);
  const char *team = ((PltTeamData *) g_ptr_array_index (teams, 0))->id;
  gint64 deadline;

  add_user (router, "alice", PLT_ROLE_SUPERVISOR, team, NULL);

  /* No token at all */
  {
    g_autoptr(PltClient) client = plt_client_new (NULL, NULL);

    plt_client_set_backoff (client, 10, 20, 60000);
    plt_client_connect (client, uri);
    wait_state (client, PLT_CONNECTION_STATE_NEEDS_LOGIN);
    g_assert_nonnull (strstr (plt_client_get_last_error (client), "sign in"));
    plt_client_disconnect (client);
  }

  /* Wrong credentials: NEEDS_LOGIN, and no retry loop. */
  {
    g_autoptr(PltClient) client = plt_client_new (NULL, NULL);

    plt_client_set_backoff (client, 10, 20, 60000);
    plt_client_set_credentials (client, "alice", "not her password");
    plt_client_connect (client, uri);
    wait_state (client, PLT_CONNECTION_STATE_NEEDS_LOGIN);
    g_assert_cmpstr (plt_client_get_last_error (client), ==, "Wrong user name or password");
    g_assert_false (plt_client_has_token (client));

    deadline = g_get_monotonic_time () + 500 * G_TIME_SPAN_MILLISECOND;
    plt_test_ws_iterate_until (elapsed, &deadline, 2000);
    g_assert_cmpint (plt_client_get_state (client), ==, PLT_CONNECTION_STATE_NEEDS_LOGIN);
    g_assert_cmpint (plt_client_get_retry_at (client), ==, 0);
    g_assert_cmpuint (plt_router_get_n_clients (router), ==, 0);

    /* The right ones: live, as a supervisor of one team. */
    plt_client_set_credentials (client, "alice", "correct horse battery");
    plt_client_connect (client, uri);
    wait_state (client, PLT_CONNECTION_STATE_LIVE);
    g_assert_cmpstr (plt_client_get_role (client), ==, "supervisor");
    g_assert_true (plt_client_has_token (client));
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (plt_model_get_teams (plt_client_get_model (client)))), ==, 1);

    /* A revoked token (new password) is refused at the next connect. */
    g_assert_true (plt_auth_set_password (plt_router_get_auth (router), "alice", "another password", NULL));
    plt_client_connect (client, uri);
    wait_state (client, PLT_CONNECTION_STATE_NEEDS_LOGIN);
    g_assert_nonnull (strstr (plt_client_get_last_error (client), "sign in again"));
    plt_client_disconnect (client);
  }

  /* A login that expires mid-session: closed with 4003, NEEDS_LOGIN. */
  {
    g_autoptr(PltClient) client = plt_client_new (NULL, NULL);

    plt_auth_set_token_lifetime (plt_router_get_auth (router), 1500);
    plt_client_set_backoff (client, 10, 20, 60000);
    plt_client_set_credentials (client, "alice", "another password");
    plt_client_connect (client, uri);
    wait_state (client, PLT_CONNECTION_STATE_LIVE);
    wait_state (client, PLT_CONNECTION_STATE_NEEDS_LOGIN);
    g_assert_nonnull (strstr (plt_client_get_last_error (client), "expired"));
    g_assert_false (plt_client_has_token (client));
    plt_client_disconnect (client);
  }

  g_assert_true (plt_test_ws_iterate_until (plt_test_ws_no_clients, router, TIMEOUT_MS));
  plt_router_stop (router);
}

/* /Plateau/Security/resume — gap-free, exactly the missed events */

static void
test_resume (void)
{
  g_autofree char *uri = NULL;
  g_autoptr(PltRouter) router = start_router ("demo", 100, &uri);
  g_autoptr(PltTestWsSnapshot) snapshot = NULL;
  g_autoptr(PltMessage) welcome = NULL;
  g_autofree char *session_id = NULL;
  PltTestWsClient *client;
  gint64 last = 0;
  guint n = 0;

  add_user (router, "boss", PLT_ROLE_MANAGER, NULL, NULL);
  client = join_as (router, uri, "boss", &snapshot, &welcome);
  session_id = g_strdup (welcome->u.welcome.session);
  last = snapshot->begin->u.snapshot_begin.as_of_seq;

  /* Some deltas, then the link dies with no close frame. */
  while (n < 30)
    {
      g_autoptr(PltMessage) message = plt_test_ws_client_next (client);

      if (!plt_message_type_is_delta (message->type))
        continue;
      g_assert_cmpint (message->seq, ==, last + 1);
      last = message->seq;
      n++;
    }
  g_signal_handlers_disconnect_by_data (client->conn, client);
  g_io_stream_close (soup_websocket_connection_get_io_stream (client->conn), NULL, NULL);
  g_clear_object (&client->conn);
  plt_test_ws_client_free (client);

  /* The router goes on meanwhile; the session records. */
  {
    gint64 deadline = g_get_monotonic_time () + 300 * G_TIME_SPAN_MILLISECOND;

    plt_test_ws_iterate_until (elapsed, &deadline, 2000);
  }
  g_assert_cmpint (plt_router_get_session_seq (router, session_id), >, last);

  /* Resume: a welcome with replay, then last + 1, last + 2… */
  {
    g_autoptr(PltTestWsClient) again = plt_test_ws_client_connect (uri);
    g_autofree char *hello = plt_protocol_encode_hello_resume ("test", session_id, plt_router_get_epoch (router), last);
    g_autoptr(PltMessage) resumed = NULL;

    plt_test_ws_client_send (again, hello);
    resumed = plt_test_ws_client_next (again);
    g_assert_cmpint (resumed->type, ==, PLT_MESSAGE_WELCOME);
    g_assert_true (resumed->u.welcome.replay);
    g_assert_cmpstr (resumed->u.welcome.session, ==, session_id);
    g_assert_cmpint (resumed->seq, >, last);

    for (n = 0; n < 100; n++)
      {
        g_autoptr(PltMessage) message = plt_test_ws_client_next (again);

        g_assert_cmpint (message->type, !=, PLT_MESSAGE_SNAPSHOT_BEGIN);
        if (!plt_message_type_is_delta (message->type))
          continue;
        g_assert_cmpint (message->seq, ==, last + 1);
        last = message->seq;
      }
  }

  /* Another epoch, or an unknown session: a new session and a snapshot. */
  {
    g_autoptr(PltTestWsClient) other = plt_test_ws_client_connect (uri);
    g_autofree char *hello = plt_protocol_encode_hello_resume ("test", session_id, "0000deadbeef", last);
    g_autoptr(PltMessage) fresh = NULL;
    g_autoptr(PltTestWsSnapshot) full = NULL;

    plt_test_ws_client_send (other, hello);
    fresh = plt_test_ws_client_next (other);
    g_assert_false (fresh->u.welcome.replay);
    g_assert_cmpstr (fresh->u.welcome.session, !=, session_id);
    full = plt_test_ws_client_read_snapshot (other, "initial");
  }

  /* Another account may not take a session over. */
  {
    g_autoptr(PltTestWsClient) thief = NULL;
    g_autofree char *hello = plt_protocol_encode_hello_resume ("test", session_id, plt_router_get_epoch (router), last);
    g_autoptr(PltMessage) fresh = NULL;

    add_user (router, "eve", PLT_ROLE_MANAGER, NULL, NULL);
    plt_test_ws_set_token (token_of (router, "eve"));
    thief = plt_test_ws_client_connect (uri);
    plt_test_ws_client_send (thief, hello);
    fresh = plt_test_ws_client_next (thief);
    g_assert_false (fresh->u.welcome.replay);
  }

  plt_test_ws_set_token (NULL);
  plt_router_stop (router);
}

/* /Plateau/Security/tls */

static void
test_tls (void)
{
  g_autofree char *cert = g_test_build_filename (G_TEST_DIST, "tls", "server.pem", NULL);
  g_autofree char *key = g_test_build_filename (G_TEST_DIST, "tls", "server-key.pem", NULL);
  g_autofree char *ca = g_test_build_filename (G_TEST_DIST, "tls", "ca.pem", NULL);
  PltRouterOptions options = { "demo", 1, 3, 0 };
  g_autofree char *uri = NULL;
  g_autoptr(PltRouter) router = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;

  options.tls_cert_file = cert;
  options.tls_key_file = key;
  router = start_router_with (&options, &uri);
  g_assert_true (g_str_has_prefix (uri, "wss://127.0.0.1:"));
  token = plt_router_create_demo_token (router, NULL, &error);
  g_assert_no_error (error);

  /* Not signed by anyone the system knows: refused, and said why. */
  {
    g_autoptr(PltClient) client = plt_client_new (NULL, NULL);

    plt_client_set_token (client, token);
    plt_client_connect (client, uri);
    wait_state (client, PLT_CONNECTION_STATE_FAILED);
    g_assert_true (plt_client_get_tls_errors (client) & G_TLS_CERTIFICATE_UNKNOWN_CA);
    g_assert_nonnull (strstr (plt_client_get_last_error (client), "certificate is not trusted"));
  }

  /* With the CA file: live. */
  {
    g_autoptr(PltClient) client = plt_client_new (NULL, NULL);

    g_assert_true (plt_client_set_ca_file (client, ca, &error));
    g_assert_no_error (error);
    plt_client_set_token (client, token);
    plt_client_connect (client, uri);
    wait_state (client, PLT_CONNECTION_STATE_LIVE);
    g_assert_cmpuint (plt_client_get_tls_errors (client), ==, 0);
    plt_client_disconnect (client);
  }

  g_assert_true (plt_test_ws_iterate_until (plt_test_ws_no_clients, router, TIMEOUT_MS));
  plt_router_stop (router);
}

/* Subprocesses */

/* A stopped child must not outlive a test that failed half-way: the kernel
 * kills it (SIGKILL works on a stopped process) when the test exits. */
static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static GSubprocessLauncher *
launcher_new (void)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                             G_SUBPROCESS_FLAGS_STDERR_SILENCE);

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  return launcher;
}

static void
read_line_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  char **line = user_data;

  *line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result, NULL, NULL);
  if (*line == NULL)
    *line = g_strdup ("");
}

static gboolean
line_read (gpointer data)
{
  return *(char **) data != NULL;
}

static char *
first_line (GSubprocess *process)
{
  g_autoptr(GDataInputStream) out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  char *line = NULL;

  g_data_input_stream_read_line_async (out, G_PRIORITY_DEFAULT, NULL, read_line_cb, &line);
  g_assert_true (plt_test_ws_iterate_until (line_read, &line, TIMEOUT_MS));
  return line;
}

static gboolean
not_live (gpointer data)
{
  return plt_client_get_state (data) != PLT_CONNECTION_STATE_LIVE;
}

/* /Plateau/Security/half-open — a frozen router is noticed within
 * 2 × heartbeat + grace */

static void
test_half_open (void)
{
  g_autofree char *program = g_test_build_filename (G_TEST_BUILT, "..", "src", "router", "plateau-router", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocessLauncher) launcher = launcher_new ();
  g_autoptr(GSubprocess) router = NULL;
  g_autoptr(PltClient) client = NULL;
  g_autofree char *line = NULL;
  const guint heartbeat_ms = 300, grace_ms = 300;
  gint64 frozen_at, noticed;

  router = g_subprocess_launcher_spawn (launcher, &error,
                                       program, "--listen", "127.0.0.1:0", "--no-auth", "--heartbeat-ms", "300",
                                       "--speed", "5", NULL);
  g_assert_no_error (error);
  line = first_line (router);
  g_assert_true (g_str_has_prefix (line, "Listening on ws://"));

  client = plt_client_new (NULL, NULL);
  plt_client_set_timeouts (client, 5000, 30000, grace_ms);
  plt_client_connect (client, line + strlen ("Listening on "));
  wait_state (client, PLT_CONNECTION_STATE_LIVE);

  g_subprocess_send_signal (router, SIGSTOP);
  frozen_at = g_get_monotonic_time ();
  g_assert_true (plt_test_ws_iterate_until (not_live, client, 10000));
  noticed = (g_get_monotonic_time () - frozen_at) / 1000;
  g_test_message ("a frozen router noticed after %" G_GINT64_FORMAT " ms (bound %u ms)",
                  noticed, 2 * heartbeat_ms + grace_ms);
  /* The watchdog looks four times per deadline: a quarter of slack. */
  g_assert_cmpint (noticed, <=, (2 * heartbeat_ms + grace_ms) * 5 / 4 + 100);
  g_assert_cmpint (noticed, >=, 2 * heartbeat_ms);

  plt_client_disconnect (client);
  g_subprocess_send_signal (router, SIGCONT);
  g_subprocess_send_signal (router, SIGKILL);
  g_subprocess_wait (router, NULL, NULL);
}

/* /Plateau/Security/slow-consumer — a frozen console does not grow the
 * router: it is dropped with 4008 */

static gint64
rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  g_assert_true (g_file_get_contents ("/proc/self/status", &status, NULL, NULL));
  line = strstr (status, "VmRSS:");
  g_assert_nonnull (line);
  return g_ascii_strtoll (line + strlen ("VmRSS:"), NULL, 10);
}

static gboolean
slow_consumer_dropped (gpointer data)
{
  return plt_router_get_n_slow_consumers (data) > 0;
}

static gboolean
has_client (gpointer data)
{
  return plt_router_get_n_clients (data) > 0;
}

static void
test_slow_consumer (void)
{
  g_autofree char *program = g_test_build_filename (G_TEST_BUILT, "plt-test-peer", NULL);
  PltRouterOptions options = { "large", 50, 5, 0 };
  g_autofree char *uri = NULL;
  g_autoptr(PltRouter) router = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) peer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *line = NULL;
  gint64 rss_before, rss_after;

  options.max_lag_events = 2000;
  options.max_lag_bytes = 4 * 1024 * 1024;
  router = start_router_with (&options, &uri);
  token = plt_router_create_demo_token (router, NULL, &error);
  g_assert_no_error (error);

  launcher = launcher_new ();
  g_subprocess_launcher_setenv (launcher, "PLT_TEST_TOKEN", token, TRUE);
  peer = g_subprocess_launcher_spawn (launcher, &error, program, uri, NULL);
  g_assert_no_error (error);
  line = first_line (peer);
  g_assert_cmpstr (line, ==, "ready");
  g_assert_true (plt_test_ws_iterate_until (has_client, router, TIMEOUT_MS));

  g_subprocess_send_signal (peer, SIGSTOP);
  rss_before = rss_kib ();

  g_assert_true (plt_test_ws_iterate_until (slow_consumer_dropped, router, 60000));
  rss_after = rss_kib ();
  g_test_message ("RSS %" G_GINT64_FORMAT " KiB before, %" G_GINT64_FORMAT " KiB after the 4008",
                  rss_before, rss_after);
  /* Bounded by the lag (4 MiB) and the ring, not by how long the peer sleeps. */
  g_assert_cmpint (rss_after - rss_before, <, 64 * 1024);
  /* The socket is dropped without waiting for the frozen peer. */
  g_assert_true (plt_test_ws_iterate_until (plt_test_ws_no_clients, router, 5000));

  g_subprocess_send_signal (peer, SIGCONT);
  g_subprocess_send_signal (peer, SIGKILL);
  g_subprocess_wait (peer, NULL, NULL);
  plt_router_stop (router);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Plateau/Security/roles", test_roles);
  g_test_add_func ("/Plateau/Security/login", test_login);
  g_test_add_func ("/Plateau/Security/client-login", test_client_login);
  g_test_add_func ("/Plateau/Security/resume", test_resume);
  g_test_add_func ("/Plateau/Security/tls", test_tls);
  g_test_add_func ("/Plateau/Security/half-open", test_half_open);
  g_test_add_func ("/Plateau/Security/slow-consumer", test_slow_consumer);

  return g_test_run ();
}
