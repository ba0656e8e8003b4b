/* test-kpi-service.c — the router's KPIs: live pushes, kpi.query, roles, and over a WebSocket
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "plt-kpi-service.h"
#include "plt-router.h"
#include "plt-test-timeout.h"
#include "plt-test-ws.h"

#define TIMEOUT_MS plt_test_timeout_ms (30000)
#define START_MS   ((gint64) 1773129600000)   /* 2026-03-10 08:00 UTC */
#define EPOCH      "e-test"

static PltMessage *
decode (PltDecoderDirection  direction,
        const char          *text)
{
  g_autoptr(PltDecoder) decoder = plt_decoder_new (direction);
  g_autoptr(GError) error = NULL;
  PltMessage *message = plt_decoder_decode (decoder, text, strlen (text), &error);

  g_assert_no_error (error);
  g_assert_nonnull (message);
  return message;
}

/* A kpi.query of @scope for @ids (NULL: all), answered by @service for
 * @view, decoded. */
static PltMessage *
ask (PltKpiService      *service,
     PltView            *view,
     const char         *scope,
     const char * const *ids,
     const char         *period,
     gint64              from,
     gint64              to,
     gint64              interval_s)
{
  PltKpiQueryData query = {
    .id = (char *) "k-1", .scope = (char *) scope,
    .ids = (GStrv) (ids != NULL ? ids : (const char * const []) { NULL }),
    .period = (char *) period, .from = from, .to = to, .interval_s = interval_s,
  };
  g_autofree char *text = plt_kpi_service_answer (service, view, &query, EPOCH);
  /* Without seq: each session adds its own. */
  PltMessage *message = decode (PLT_DECODER_FROM_CLIENT, text);

  g_assert_false (message->has_seq);
  g_assert_cmpstr (message->epoch, ==, EPOCH);
  return message;
}

static void
assert_error (PltMessage       *message,
              PltProtocolError  code)
{
  g_assert_cmpint (message->type, ==, PLT_MESSAGE_ERROR);
  g_assert_cmpint (message->u.error.code, ==, code);
  g_assert_cmpstr (message->u.error.reply_to, ==, "k-1");
  g_assert_false (message->u.error.fatal);
  g_test_message ("refused as expected: %s", message->u.error.message);
}

static const PltKpiRow *
only_row (PltMessage *message)
{
  g_assert_cmpint (message->type, ==, PLT_MESSAGE_KPI_RESULT);
  g_assert_cmpstr (message->u.kpi_result.reply_to, ==, "k-1");
  g_assert_cmpuint (message->u.kpi_result.rows->len, ==, 1);
  return g_ptr_array_index (message->u.kpi_result.rows, 0);
}

/* Live pushes from the demo centre: each is a kpi.update; each entity and
 * period at most once a second (agents once in five); and the live figures
 * equal what kpi.query computes from the records. */
static void
test_live_and_query (void)
{
  g_autoptr(PltScenario) scenario = plt_scenario_new_demo ();
  g_autoptr(PltAcd) acd = plt_acd_new (scenario, 11, START_MS);
  PltKpiService *service = plt_kpi_service_new (acd);
  g_autoptr(GHashTable) last = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) queues = plt_acd_dup_queues (acd);
  g_autoptr(GPtrArray) teams = plt_acd_dup_teams (acd);
  guint n_pushes[3] = { 0 };
  gint64 now_us = 0, day_start;

  /* An hour, ticking every 250 ms of a clock that runs at real speed. */
  for (guint step = 0; step < 4 * 3600; step++)
    {
      g_autoptr(GPtrArray) pushes = NULL;

      plt_acd_advance (acd, 250);
      now_us += 250 * 1000;
      pushes = plt_kpi_service_take_pushes (service, now_us, EPOCH, 0x7);
      for (guint i = 0; i < pushes->len; i++)
        {
          const PltKpiPush *push = g_ptr_array_index (pushes, i);
          g_autoptr(PltMessage) message = NULL;
          g_autofree char *key = NULL;
          gint64 previous;

          /* Encoded without seq: the router adds each session's. */
          g_assert_true (g_str_has_prefix (push->text, "{\"v\":1,\"type\":\"kpi.update\""));
          message = decode (PLT_DECODER_FROM_CLIENT, push->text);
          g_assert_cmpint (message->type, ==, PLT_MESSAGE_KPI_UPDATE);
          g_assert_cmpstr (message->u.kpi_update.id, ==, push->id);
          g_assert_cmpstr (message->u.kpi_update.scope, ==, plt_kpi_scope_to_string (push->scope));
          g_assert_cmpint (message->u.kpi_update.to, ==, plt_acd_get_now (acd));
          g_assert_cmpint (message->u.kpi_update.from, <, message->u.kpi_update.to);
          if (push->scope == PLT_KPI_SCOPE_QUEUE)
            g_assert_cmpstr (message->u.kpi_update.sl_variant, ==, "abandons_missed");
          else
            g_assert_cmpstr (message->u.kpi_update.period, ==, "today");

          key = g_strdup_printf ("%d/%s/%s", push->scope, push->id, message->u.kpi_update.period);
          previous = GPOINTER_TO_SIZE (g_hash_table_lookup (last, key));
          if (previous != 0)
            g_assert_cmpint (now_us - previous, >=, push->scope == PLT_KPI_SCOPE_AGENT
                                                    ? PLT_KPI_SERVICE_AGENT_PUSH_US : PLT_KPI_SERVICE_PUSH_US);
          g_hash_table_replace (last, g_steal_pointer (&key), GSIZE_TO_POINTER (now_us));
          n_pushes[push->scope]++;
        }
    }
  g_test_message ("pushes in an hour: %u queue, %u team, %u agent",
                  n_pushes[PLT_KPI_SCOPE_QUEUE], n_pushes[PLT_KPI_SCOPE_TEAM], n_pushes[PLT_KPI_SCOPE_AGENT]);
  g_assert_cmpuint (n_pushes[PLT_KPI_SCOPE_QUEUE], >, 0);
  g_assert_cmpuint (n_pushes[PLT_KPI_SCOPE_TEAM], >, 0);
  g_assert_cmpuint (n_pushes[PLT_KPI_SCOPE_AGENT], >, 0);

  /* Now: every queue's and team's live figures against kpi.query. */
  all = plt_kpi_service_dup_all_pushes (service, EPOCH);
  g_assert_cmpuint (all->len, ==, 2 * queues->len + teams->len);
  for (guint i = 0; i < all->len; i++)
    {
      const PltKpiPush *push = g_ptr_array_index (all, i);
      g_autoptr(PltMessage) live = decode (PLT_DECODER_FROM_CLIENT, push->text);
      const PltKpiUpdateData *update = &live->u.kpi_update;
      const char * const ids[] = { push->id, NULL };
      g_autoptr(PltMessage) answer = ask (service, NULL, update->scope, ids, update->period, 0, 0, 0);
      const PltKpiRow *row = only_row (answer);
      PltKpiValues values = row->values;

      g_assert_cmpint (row->from, ==, update->from);
      /* The live EWT is the only figure a query has not. */
      values.ewt_s = update->values.ewt_s;
      if (!plt_kpi_values_equal (&values, &update->values))
        g_test_message ("%s %s %s: offered %" G_GINT64_FORMAT "/%" G_GINT64_FORMAT
                        ", SL %g/%g, ASA %g/%g", update->scope, update->id, update->period,
                        values.offered, update->values.offered, values.service_level,
                        update->values.service_level, values.asa_s, update->values.asa_s);
      g_assert_true (plt_kpi_values_equal (&values, &update->values));
      if (push->scope == PLT_KPI_SCOPE_QUEUE && g_str_equal (update->period, "today"))
        g_assert_cmpint (update->values.offered, >, 0);
    }

  /* Today by quarter-hours adds up to today. */
  {
    const char *queue = ((PltQueueData *) g_ptr_array_index (queues, 0))->id;
    const char * const ids[] = { queue, NULL };
    g_autoptr(PltMessage) whole = ask (service, NULL, "queue", ids, "today", 0, 0, 0);
    g_autoptr(PltMessage) quarters = ask (service, NULL, "queue", ids, "today", 0, 0, 900);
    gint64 offered = 0, answered = 0;
    GPtrArray *rows = quarters->u.kpi_result.rows;

    g_assert_cmpuint (rows->len, ==, 96);
    for (guint i = 0; i < rows->len; i++)
      {
        const PltKpiRow *row = g_ptr_array_index (rows, i);

        g_assert_cmpstr (row->id, ==, queue);
        g_assert_cmpint (row->to - row->from, ==, 900000);
        offered += row->values.offered;
        answered += row->values.answered;
      }
    g_assert_cmpint (offered, ==, only_row (whole)->values.offered);
    g_assert_cmpint (answered, ==, only_row (whole)->values.answered);
  }

  /* Refusals, each answering the query's id. */
  day_start = plt_acd_get_day_start (acd);
  {
    const char * const nope[] = { "no-such-queue", NULL };
    g_autoptr(PltMessage) scope = ask (service, NULL, "site", NULL, "today", 0, 0, 0);
    g_autoptr(PltMessage) period = ask (service, NULL, "queue", NULL, "week", 0, 0, 0);
    g_autoptr(PltMessage) bounds = ask (service, NULL, "queue", NULL, NULL, START_MS, START_MS, 0);
    g_autoptr(PltMessage) interval = ask (service, NULL, "queue", NULL, "today", 0, 0, 30);
    g_autoptr(PltMessage) history = ask (service, NULL, "queue", NULL, NULL, day_start - 3600000, day_start, 0);
    g_autoptr(PltMessage) large = ask (service, NULL, "agent", NULL, "today", 0, 0, 900);
    g_autoptr(PltMessage) unknown = ask (service, NULL, "queue", nope, "today", 0, 0, 0);
    g_autoptr(PltMessage) explicit = ask (service, NULL, "team", NULL, NULL, START_MS, START_MS + 3600000, 900);

    assert_error (scope, PLT_PROTOCOL_ERROR_BAD_REQUEST);
    assert_error (period, PLT_PROTOCOL_ERROR_BAD_REQUEST);
    assert_error (bounds, PLT_PROTOCOL_ERROR_BAD_REQUEST);
    assert_error (interval, PLT_PROTOCOL_ERROR_BAD_REQUEST);
    assert_error (history, PLT_PROTOCOL_ERROR_BAD_REQUEST);
    assert_error (large, PLT_PROTOCOL_ERROR_TOO_LARGE);
    assert_error (unknown, PLT_PROTOCOL_ERROR_NOT_FOUND);
    g_assert_cmpint (explicit->type, ==, PLT_MESSAGE_KPI_RESULT);
    g_assert_cmpuint (explicit->u.kpi_result.rows->len, ==, 4 * teams->len);
  }

  plt_kpi_service_free (service);
}

/* What a supervisor may see: their team, its agents, the queues they serve. */
static void
test_roles (void)
{
  g_autoptr(PltScenario) scenario = plt_scenario_new_demo ();
  g_autoptr(PltAcd) acd = plt_acd_new (scenario, 5, START_MS);
  PltKpiService *service = plt_kpi_service_new (acd);
  g_autoptr(GPtrArray) teams = plt_acd_dup_teams (acd);
  g_autoptr(GPtrArray) agents = plt_acd_dup_agents (acd);
  const char *mine = ((PltTeamData *) g_ptr_array_index (teams, 0))->id;
  const char *other = ((PltTeamData *) g_ptr_array_index (teams, 1))->id;
  const char * const my_teams[] = { mine, NULL };
  g_autoptr(PltUser) user = plt_user_new ("sue", PLT_ROLE_SUPERVISOR, my_teams, NULL);
  g_autoptr(PltView) view = plt_view_new (user, agents);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) visible_teams = NULL;
  g_auto(GStrv) visible_agents = NULL;
  g_auto(GStrv) refused = NULL;
  const char * const others[] = { other, NULL };
  guint n_mine = 0;

  plt_acd_advance (acd, 600000);

  visible_teams = plt_kpi_service_resolve_ids (service, view, PLT_KPI_SCOPE_TEAM, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (visible_teams), ==, 1);
  g_assert_cmpstr (visible_teams[0], ==, mine);

  visible_agents = plt_kpi_service_resolve_ids (service, view, PLT_KPI_SCOPE_AGENT, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < agents->len; i++)
    if (g_str_equal (((PltAgentData *) g_ptr_array_index (agents, i))->team, mine))
      n_mine++;
  g_assert_cmpuint (g_strv_length (visible_agents), ==, n_mine);

  refused = plt_kpi_service_resolve_ids (service, view, PLT_KPI_SCOPE_TEAM, others, &error);
  g_assert_null (refused);
  g_assert_error (error, PLT_PROTOCOL_ERROR, PLT_PROTOCOL_ERROR_FORBIDDEN);
  g_clear_error (&error);

  g_assert_true (plt_kpi_service_is_visible (service, view, PLT_KPI_SCOPE_TEAM, mine));
  g_assert_false (plt_kpi_service_is_visible (service, view, PLT_KPI_SCOPE_TEAM, other));
  g_assert_true (plt_kpi_service_is_visible (service, NULL, PLT_KPI_SCOPE_TEAM, other));

  /* An unknown team reads as a hidden one for a supervisor. */
  {
    const char * const ghost[] = { "no-such-team", NULL };
    g_autoptr(PltMessage) answer = ask (service, view, "team", ghost, "today", 0, 0, 0);
    g_autoptr(PltMessage) forbidden = ask (service, view, "team", others, "today", 0, 0, 0);
    g_autoptr(PltMessage) fine = ask (service, view, "agent", NULL, "today", 0, 0, 0);

    assert_error (answer, PLT_PROTOCOL_ERROR_FORBIDDEN);
    assert_error (forbidden, PLT_PROTOCOL_ERROR_FORBIDDEN);
    g_assert_cmpuint (fine->u.kpi_result.rows->len, ==, n_mine);
  }

  plt_kpi_service_free (service);
}

/* A queue's "kpi" in the scenario: its variant, S and day reset reach the
 * service's settings; an unknown variant is refused, naming the field. */
static void
test_scenario_settings (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PltScenario) scenario = NULL;
  g_autoptr(PltScenario) bad = NULL;
  g_autoptr(PltAcd) acd = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;
  PltKpiService *service;
  JsonObject *queue, *kpi;
  const PltKpiSettings *settings;
  const char *id;

  g_assert_true (json_parser_load_from_data (parser, plt_scenario_get_demo_json (), -1, &error));
  queue = json_array_get_object_element (json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                                                       "queues"), 0);
  id = json_object_get_string_member (queue, "id");
  kpi = json_object_new ();
  json_object_set_string_member (kpi, "sl_variant", "abandons_after_t");
  json_object_set_int_member (kpi, "short_abandon_s", 3);
  json_object_set_string_member (kpi, "day_reset", "06:00");
  json_object_set_object_member (queue, "kpi", kpi);
  json_generator_set_root (generator, json_parser_get_root (parser));
  text = json_generator_to_data (generator, NULL);

  scenario = plt_scenario_load_data (text, -1, "kpi-test", &error);
  g_assert_no_error (error);
  acd = plt_acd_new (scenario, 1, START_MS);
  service = plt_kpi_service_new (acd);
  settings = plt_kpi_config_get_settings (plt_kpi_service_get_config (service), PLT_KPI_SCOPE_QUEUE, id);
  g_assert_cmpint (settings->sl_variant, ==, PLT_SL_ABANDONS_AFTER_T);
  g_assert_cmpuint (settings->short_abandon_s, ==, 3);
  g_assert_cmpuint (settings->day_reset_min, ==, 6 * 60);
  plt_kpi_service_free (service);

  json_object_set_string_member (kpi, "sl_variant", "answered");
  g_clear_pointer (&text, g_free);
  text = json_generator_to_data (generator, NULL);
  bad = plt_scenario_load_data (text, -1, "kpi-test", &error);
  g_assert_null (bad);
  g_assert_nonnull (strstr (error->message, "kpi.sl_variant"));
  g_test_message ("refused as expected: %s", error->message);
}

/* The adherence hook: every agent planned at work all day. Adherence is
 * then the share of the day so far each spent available, which the test
 * counts itself from the ACD's intervals. */
static gboolean
plan_all_work (const char *agent,
               gint64      from,
               gint64      to,
               GArray     *segments,
               gpointer    user_data)
{
  PltKpiPlanSegment work = { from, to, PLT_KPI_PLAN_WORK, NULL };

  g_array_append_val (segments, work);
  return TRUE;
}

typedef struct
{
  const char *agent;
  gint64      from;
  gint64      now;
  gint64      available_ms;
} Available;

static gboolean
count_available (const PltAgentInterval *interval,
                 gpointer                user_data)
{
  Available *a = user_data;
  gint64 end = interval->end != 0 ? interval->end : a->now;

  if (g_strcmp0 (interval->agent, a->agent) == 0 && interval->status == PLT_AGENT_STATUS_AVAILABLE)
    a->available_ms += MAX (0, MIN (end, a->now) - MAX (interval->start, a->from));
  return TRUE;
}

static void
test_adherence (gconstpointer data)
{
  gboolean on_config = GPOINTER_TO_INT (data);
  g_autoptr(PltScenario) scenario = plt_scenario_new_demo ();
  g_autoptr(PltAcd) acd = plt_acd_new (scenario, 9, START_MS);
  PltKpiService *service = plt_kpi_service_new (acd);
  g_autoptr(GPtrArray) agents = plt_acd_dup_agents (acd);
  const char *agent = ((PltAgentData *) g_ptr_array_index (agents, 0))->id;
  const char * const ids[] = { agent, NULL };
  g_autoptr(PltMessage) answer = NULL;
  Available expected = { agent };
  gint64 day_end;
  double adherence = NAN;

  plt_acd_advance (acd, 2 * 3600 * 1000);
  /* Set late, through the service or on its configuration (as a planning
   * that only has the configuration does): the day is read again, at once
   * or at the next round of pushes. */
  if (on_config)
    {
      plt_kpi_config_set_plan_func (plt_kpi_service_get_config (service), plan_all_work, NULL, NULL);
      g_ptr_array_unref (plt_kpi_service_take_pushes (service, 0, EPOCH, 0));
    }
  else
    plt_kpi_service_set_plan_func (service, plan_all_work, NULL, NULL);
  plt_acd_advance (acd, 600 * 1000);

  expected.now = plt_acd_get_now (acd);
  plt_kpi_config_get_day (plt_kpi_service_get_config (service), PLT_KPI_SCOPE_AGENT, agent,
                          expected.now, &expected.from, &day_end);
  plt_acd_foreach_agent_interval (acd, count_available, &expected);

  answer = ask (service, NULL, "agent", ids, "today", 0, 0, 0);
  g_assert_cmpfloat_with_epsilon (only_row (answer)->values.adherence,
                                  (double) expected.available_ms / (expected.now - expected.from), 1e-9);
  g_assert_cmpfloat_with_epsilon (only_row (answer)->values.conformance,
                                  only_row (answer)->values.adherence, 1e-12);

  /* Live, the same: an update of that agent, once it changes. */
  for (guint step = 0; step < 3600 && isnan (adherence); step++)
    {
      g_autoptr(GPtrArray) pushes = NULL;

      plt_acd_advance (acd, 1000);
      pushes = plt_kpi_service_take_pushes (service, (gint64) (step + 1) * 10 * G_USEC_PER_SEC, EPOCH, 0x7);
      for (guint i = 0; i < pushes->len; i++)
        {
          const PltKpiPush *push = g_ptr_array_index (pushes, i);
          g_autoptr(PltMessage) update = NULL;

          if (push->scope != PLT_KPI_SCOPE_AGENT || !g_str_equal (push->id, agent))
            continue;
          update = decode (PLT_DECODER_FROM_CLIENT, push->text);
          adherence = update->u.kpi_update.values.adherence;
          expected.now = update->u.kpi_update.to;
        }
    }
  g_assert_false (isnan (adherence));
  expected.available_ms = 0;
  plt_acd_foreach_agent_interval (acd, count_available, &expected);
  g_assert_cmpfloat_with_epsilon (adherence, (double) expected.available_ms / (expected.now - expected.from), 1e-9);
  g_test_message ("adherence of %s: %.3f", agent, adherence);

  plt_kpi_service_free (service);
}

/* ------------------------------------------------------------------------ */
/* Over a WebSocket                                                          */
/* ------------------------------------------------------------------------ */

typedef struct
{
  SoupSession             *session;
  SoupWebsocketConnection *conn;
  PltDecoder              *decoder;
  GQueue                   messages;   /* PltMessage* */
  GHashTable              *arrivals;   /* PltMessage* → its arrival, monotonic µs */
  gboolean                 done;
  gboolean                 closed;
} Client;

static void
on_message (SoupWebsocketConnection *conn,
            gint                     type,
            GBytes                  *bytes,
            gpointer                 user_data)
{
  Client *client = user_data;
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  PltMessage *message = plt_decoder_decode (client->decoder, data, length, &error);

  g_assert_no_error (error);
  g_hash_table_insert (client->arrivals, message, GSIZE_TO_POINTER (g_get_monotonic_time ()));
  g_queue_push_tail (&client->messages, message);
}

static void
on_closed (SoupWebsocketConnection *conn,
           gpointer                 user_data)
{
  ((Client *) user_data)->closed = TRUE;
}

static void
on_connected (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Client *client = user_data;
  g_autoptr(GError) error = NULL;

  client->conn = soup_session_websocket_connect_finish (SOUP_SESSION (source), result, &error);
  g_assert_no_error (error);
  soup_websocket_connection_set_max_incoming_payload_size (client->conn, PLT_PROTOCOL_MAX_CLIENT_FRAME);
  g_signal_connect (client->conn, "message", G_CALLBACK (on_message), client);
  g_signal_connect (client->conn, "closed", G_CALLBACK (on_closed), client);
  client->done = TRUE;
}

static gboolean
client_done (gpointer data)
{
  return ((Client *) data)->done;
}

static gboolean
client_closed (gpointer data)
{
  return ((Client *) data)->closed;
}

static gboolean
client_has_message (gpointer data)
{
  return !g_queue_is_empty (&((Client *) data)->messages);
}

static Client *
client_join (const char *uri,
             const char *token)
{
  const char *protocols[] = { PLT_PROTOCOL_SUBPROTOCOL, NULL };
  g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_GET, uri);
  g_autofree char *bearer = g_strdup_printf ("Bearer %s", token);
  g_autofree char *hello = plt_protocol_encode_hello ("test-kpi-service");
  Client *client = g_new0 (Client, 1);

  client->session = soup_session_new ();
  client->decoder = plt_decoder_new (PLT_DECODER_FROM_SERVER);
  client->arrivals = g_hash_table_new (NULL, NULL);
  g_queue_init (&client->messages);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", bearer);
  soup_session_websocket_connect_async (client->session, msg, NULL, (char **) protocols,
                                        G_PRIORITY_DEFAULT, NULL, on_connected, client);
  g_assert_true (plt_test_ws_iterate_until (client_done, client, TIMEOUT_MS));
  soup_websocket_connection_send_text (client->conn, hello);

  return client;
}

static void
client_free (Client *client)
{
  if (soup_websocket_connection_get_state (client->conn) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_close (client->conn, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
  plt_test_ws_iterate_until (client_closed, client, TIMEOUT_MS);
  g_signal_handlers_disconnect_by_data (client->conn, client);
  g_object_unref (client->conn);
  g_queue_clear_full (&client->messages, (GDestroyNotify) plt_message_free);
  g_hash_table_unref (client->arrivals);
  g_object_unref (client->decoder);
  g_object_unref (client->session);
  g_free (client);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Client, client_free)

static PltMessage *
client_pop (Client *client)
{
  PltMessage *message = g_queue_pop_head (&client->messages);

  g_hash_table_remove (client->arrivals, message);
  return message;
}

static PltMessage *
client_next (Client *client)
{
  g_assert_true (plt_test_ws_iterate_until (client_has_message, client, TIMEOUT_MS));
  return client_pop (client);
}

/* The next message of @type, skipping the rest. */
static PltMessage *
client_next_of_type (Client         *client,
                     PltMessageType  type)
{
  for (;;)
    {
      PltMessage *message = client_next (client);

      if (message->type == type)
        return message;
      plt_message_free (message);
    }
}

static gboolean
past (gpointer data)
{
  return g_get_monotonic_time () >= *(gint64 *) data;
}

static void
test_router (void)
{
  PltRouterOptions options = { "demo", 20, 3, 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(PltRouter) router = plt_router_new (&options, &error);
  g_autofree char *uri = NULL;
  g_autofree char *token = NULL;
  g_autoptr(Client) client = NULL;
  g_autoptr(GHashTable) last = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(PltMessage) result = NULL;
  g_autoptr(PltMessage) answer = NULL;
  g_autofree char *subscribe = NULL;
  g_autofree char *query = NULL;
  g_autoptr(GPtrArray) queues = NULL;
  g_autoptr(GPtrArray) teams = NULL;
  const char *scopes[] = { "queue", "team", NULL };
  guint n_updates = 0, n_agents = 0, n_queue_today = 0;
  gint64 until;

  g_assert_no_error (error);
  plt_router_listen (router, "127.0.0.1", 0, &error);
  g_assert_no_error (error);
  token = plt_router_create_demo_token (router, NULL, &error);
  g_assert_no_error (error);
  uri = plt_router_dup_uri (router);
  queues = plt_router_dup_queues (router);
  teams = plt_router_dup_teams (router);

  client = client_join (uri, token);
  plt_message_free (client_next_of_type (client, PLT_MESSAGE_SNAPSHOT_END));

  /* Without a subscription, no kpi.update: a second of the stream. */
  until = g_get_monotonic_time () + G_USEC_PER_SEC;
  plt_test_ws_iterate_until (past, &until, TIMEOUT_MS);
  while (!g_queue_is_empty (&client->messages))
    {
      g_autoptr(PltMessage) message = client_pop (client);

      g_assert_cmpint (message->type, !=, PLT_MESSAGE_KPI_UPDATE);
    }

  subscribe = plt_protocol_encode_kpi_subscribe ("s-1", scopes);
  soup_websocket_connection_send_text (client->conn, subscribe);
  result = client_next_of_type (client, PLT_MESSAGE_RESULT);
  g_assert_cmpstr (result->u.result.reply_to, ==, "s-1");
  g_assert_true (result->u.result.ok);

  /* Then every queue's (today, rolling) and team's figures at once, and
   * the changes, for three seconds. */
  until = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;
  plt_test_ws_iterate_until (past, &until, TIMEOUT_MS);
  while (!g_queue_is_empty (&client->messages))
    {
      gint64 arrival = GPOINTER_TO_SIZE (g_hash_table_lookup (client->arrivals, client->messages.head->data));
      g_autoptr(PltMessage) message = client_pop (client);
      const PltKpiUpdateData *update;
      g_autofree char *key = NULL;
      gint64 previous;

      g_assert_cmpstr (message->epoch, ==, plt_router_get_epoch (router));
      if (message->type != PLT_MESSAGE_KPI_UPDATE)
        continue;
      update = &message->u.kpi_update;
      g_assert_true (message->has_seq);
      n_updates++;
      if (g_str_equal (update->scope, "agent"))
        n_agents++;
      if (g_str_equal (update->scope, "queue") && g_str_equal (update->period, "today"))
        n_queue_today++;

      /* At most once a second per entity and period (a little slack for
       * the router's 100 ms tick and the socket). */
      key = g_strdup_printf ("%s/%s/%s", update->scope, update->id, update->period);
      previous = GPOINTER_TO_SIZE (g_hash_table_lookup (last, key));
      if (previous != 0)
        g_assert_cmpint (arrival - previous, >=, G_USEC_PER_SEC - 150000);
      g_hash_table_replace (last, g_steal_pointer (&key), GSIZE_TO_POINTER (arrival));
    }
  g_test_message ("%u kpi.update in 3 s", n_updates);
  g_assert_cmpuint (n_agents, ==, 0);
  g_assert_cmpuint (n_queue_today, >=, queues->len);
  g_assert_cmpuint (n_updates, >=, 2 * queues->len + teams->len);

  /* A query, answered on the stream. */
  query = g_strdup_printf ("{\"v\":1,\"type\":\"kpi.query\",\"data\":{\"id\":\"q-7\",\"scope\":\"queue\","
                           "\"period\":\"today\",\"interval_s\":3600}}");
  soup_websocket_connection_send_text (client->conn, query);
  answer = client_next_of_type (client, PLT_MESSAGE_KPI_RESULT);
  g_assert_cmpstr (answer->u.kpi_result.reply_to, ==, "q-7");
  g_assert_cmpstr (answer->u.kpi_result.scope, ==, "queue");
  g_assert_cmpuint (answer->u.kpi_result.rows->len, ==, 24 * queues->len);

  g_clear_pointer (&client, client_free);
  plt_router_stop (router);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/kpi-service/live-and-query", test_live_and_query);
  g_test_add_func ("/kpi-service/roles", test_roles);
  g_test_add_func ("/kpi-service/scenario-settings", test_scenario_settings);
  g_test_add_data_func ("/kpi-service/adherence/set-on-service", GINT_TO_POINTER (FALSE), test_adherence);
  g_test_add_data_func ("/kpi-service/adherence/set-on-config", GINT_TO_POINTER (TRUE), test_adherence);
  g_test_add_func ("/kpi-service/router", test_router);

  return g_test_run ();
}
