/* test-protocol.c — the codec: round trips and hostile input
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <string.h>

#include "plt-enums.h"
#include "plt-protocol.h"
#include "plt-protocol-planning.h"
#include "plt-protocol-supervisor.h"

#define ENVELOPE "\"v\":1,\"seq\":7,\"epoch\":\"e1\""

/* A valid agent.update, with room for one extra member at the end. */
#define AGENT_UPDATE(extra) \
  "{" ENVELOPE ",\"type\":\"agent.update\",\"data\":{\"id\":\"a-1\",\"ver\":3,\"name\":\"Ann\"," \
  "\"team\":\"t-1\",\"status\":\"available\",\"reason\":null,\"activity\":\"idle\"," \
  "\"since\":1000,\"queue\":null,\"call\":null,\"queues\":[\"q-1\"]" extra "}}"

/* ------------------------------------------------------------------------ */
/* Helpers                                                                   */
/* ------------------------------------------------------------------------ */

static PltMessage *
decode_len (PltDecoderDirection  direction,
            const char          *text,
            gsize                length,
            GError             **error)
{
  g_autoptr(PltDecoder) decoder = plt_decoder_new (direction);

  return plt_decoder_decode (decoder, text, length, error);
}

static PltMessage *
decode_ok (PltDecoderDirection  direction,
           const char          *text)
{
  g_autoptr(GError) error = NULL;
  PltMessage *message = decode_len (direction, text, strlen (text), &error);

  if (error != NULL)
    g_test_message ("unexpected rejection of %.200s: %s", text, error->message);
  g_assert_no_error (error);
  g_assert_nonnull (message);

  return message;
}

/* Asserts the rejection code; returns the error message for further checks. */
static char *
expect_reject_len (PltDecoderDirection  direction,
                   const char          *text,
                   gsize                length,
                   PltProtocolError     code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PltDecoder) decoder = plt_decoder_new (direction);
  g_autoptr(PltMessage) message = NULL;

  message = plt_decoder_decode (decoder, text, length, &error);
  g_assert_null (message);
  g_assert_error (error, PLT_PROTOCOL_ERROR, (int) code);
  g_assert_cmpuint (plt_decoder_get_rejected_count (decoder), ==, 1);

  return g_strdup (error->message);
}

static char *
expect_reject (const char       *text,
               PltProtocolError  code)
{
  return expect_reject_len (PLT_DECODER_FROM_SERVER, text, strlen (text), code);
}

static void
assert_reject (const char       *text,
               PltProtocolError  code)
{
  g_autofree char *message = expect_reject (text, code);

  g_test_message ("rejected as expected: %s", message);
}

static void
assert_reject_naming (const char       *text,
                      PltProtocolError  code,
                      const char       *field)
{
  g_autofree char *message = expect_reject (text, code);
  g_autofree char *quoted = g_strdup_printf ("“%s”", field);

  if (strstr (message, quoted) == NULL)
    g_test_message ("expected the field %s in: %s", quoted, message);
  g_assert_nonnull (strstr (message, quoted));
}

static void
assert_reject_naming_from_client (const char *text,
                                  const char *field)
{
  g_autofree char *message = expect_reject_len (PLT_DECODER_FROM_CLIENT, text, strlen (text),
                                                PLT_PROTOCOL_ERROR_BAD_REQUEST);
  g_autofree char *quoted = g_strdup_printf ("“%s”", field);

  if (strstr (message, quoted) == NULL)
    g_test_message ("expected the field %s in: %s", quoted, message);
  g_assert_nonnull (strstr (message, quoted));
}

static PltMessage *
round_trip (PltDecoderDirection  direction,
            const PltMessage    *message)
{
  g_autofree char *text = plt_message_encode (message);
  PltMessage *decoded;

  g_assert_nonnull (text);
  g_assert_null (strchr (text, '\n'));
  decoded = decode_ok (direction, text);
  g_assert_true (plt_message_equal (message, decoded));

  return decoded;
}

static void
set_server_envelope (PltMessage *message,
                     gint64      seq)
{
  message->has_seq = TRUE;
  message->seq = seq;
  message->epoch = g_strdup ("7f3c2a91d04e");
  message->ts = 1795774530123;
}

/* Awkward text for every string field. */
#define NASTY "Équipe \"Nord\" \\ <b>&amp;</b>\n\t\x01 \u202e😀"

static PltTeamData *
make_team (const char *id)
{
  PltTeamData *team = plt_team_data_new ();

  team->id = g_strdup (id);
  team->ver = 4;
  team->name = g_strdup (NASTY);

  return team;
}

static PltAgentData *
make_agent (const char *id)
{
  PltAgentData *agent = plt_agent_data_new ();

  agent->id = g_strdup (id);
  agent->ver = 88;
  agent->name = g_strdup (NASTY);
  agent->team = g_strdup ("t-1");
  agent->status = PLT_AGENT_STATUS_PAUSED;
  agent->reason = g_strdup ("back_office");
  agent->activity = PLT_AGENT_ACTIVITY_WRAP_UP;
  agent->since = 1795774530000;
  agent->queue = g_strdup ("q-sales");
  agent->call = g_strdup ("c-17");
  g_strfreev (agent->queues);
  agent->queues = g_strsplit ("q-sales,q-support,q-\"x\"", ",", -1);

  return agent;
}

static PltQueueData *
make_queue (const char *id)
{
  PltQueueData *queue = plt_queue_data_new ();

  queue->id = g_strdup (id);
  queue->ver = 12;
  queue->name = g_strdup (NASTY);
  queue->media = PLT_QUEUE_MEDIA_CALLBACK;
  queue->sl_threshold_s = 20;
  queue->sl_target = 0.8;
  queue->waiting = 3;
  queue->oldest_since = 1795774500000;
  queue->agents = (PltQueueAgentCounts) { 1, 2, 3, 4, 5 };
  queue->today = (PltQueueToday) { 100, 90, 7, 80, 1234 };

  return queue;
}

static PltCallData *
make_call (const char *id)
{
  PltCallData *call = plt_call_data_new ();

  call->id = g_strdup (id);
  call->ver = 2;
  call->queue = g_strdup ("q-sales");
  call->state = PLT_CALL_STATE_HELD;
  call->agent = g_strdup ("a-1");
  call->number = g_strdup ("06 •• •• 12 34");
  call->since = 1795774530100;
  call->enqueued = 1795774500000;

  return call;
}

/* ------------------------------------------------------------------------ */
/* Round trips                                                               */
/* ------------------------------------------------------------------------ */

static void
test_round_trip_session (void)
{
  g_autoptr(PltMessage) hello = plt_message_new (PLT_MESSAGE_HELLO);
  g_autoptr(PltMessage) welcome = plt_message_new (PLT_MESSAGE_WELCOME);
  g_autoptr(PltMessage) ack = plt_message_new (PLT_MESSAGE_ACK);
  g_autoptr(PltMessage) resync = plt_message_new (PLT_MESSAGE_RESYNC);
  g_autoptr(PltMessage) hb = plt_message_new (PLT_MESSAGE_HEARTBEAT);
  g_autoptr(PltMessage) error = plt_message_new (PLT_MESSAGE_ERROR);
  g_autoptr(PltMessage) decoded = NULL;

  hello->u.hello_client = g_strdup ("plateau/0.1.0");
  decoded = round_trip (PLT_DECODER_FROM_CLIENT, hello);
  g_assert_cmpint (decoded->type, ==, PLT_MESSAGE_HELLO);
  g_assert_cmpstr (decoded->u.hello_client, ==, "plateau/0.1.0");
  g_assert_false (decoded->has_seq);
  g_assert_null (decoded->epoch);
  g_clear_pointer (&decoded, plt_message_free);

  set_server_envelope (welcome, 1041);
  welcome->u.welcome.session = g_strdup ("s-4");
  welcome->u.welcome.server = g_strdup ("plateau-router/0.1.0");
  welcome->u.welcome.heartbeat_ms = 10000;
  welcome->u.welcome.clock_now = 1795774530000;
  welcome->u.welcome.clock_rate = 0.1;   /* not exact in binary: must still round-trip */
  welcome->u.welcome.limits = (PltLimits) { 1048576, 65536, 32, 4096 };
  decoded = round_trip (PLT_DECODER_FROM_SERVER, welcome);
  g_assert_cmpint (decoded->seq, ==, 1041);
  g_assert_cmpstr (decoded->epoch, ==, "7f3c2a91d04e");
  g_assert_cmpint (decoded->ts, ==, 1795774530123);
  g_assert_cmpstr (decoded->u.welcome.session, ==, "s-4");
  g_assert_cmpint (decoded->u.welcome.heartbeat_ms, ==, 10000);
  g_assert_cmpfloat (decoded->u.welcome.clock_rate, ==, 0.1);
  g_assert_cmpint (decoded->u.welcome.limits.max_client_message, ==, 65536);
  g_clear_pointer (&decoded, plt_message_free);

  /* Doubles that print with many digits or an exponent stay exact. */
  welcome->u.welcome.clock_rate = 1.0 / 3.0;
  g_clear_pointer (&decoded, plt_message_free);
  decoded = round_trip (PLT_DECODER_FROM_SERVER, welcome);
  welcome->u.welcome.clock_rate = 0.000123456789012345678;
  g_clear_pointer (&decoded, plt_message_free);
  decoded = round_trip (PLT_DECODER_FROM_SERVER, welcome);
  welcome->u.welcome.clock_rate = 3e-7;
  g_clear_pointer (&decoded, plt_message_free);
  decoded = round_trip (PLT_DECODER_FROM_SERVER, welcome);
  g_clear_pointer (&decoded, plt_message_free);

  ack->u.ack_seq = 1042;
  decoded = round_trip (PLT_DECODER_FROM_CLIENT, ack);
  g_assert_cmpint (decoded->u.ack_seq, ==, 1042);
  g_clear_pointer (&decoded, plt_message_free);

  resync->u.resync_from_seq = 0;
  decoded = round_trip (PLT_DECODER_FROM_CLIENT, resync);
  g_assert_cmpint (decoded->u.resync_from_seq, ==, 0);
  g_clear_pointer (&decoded, plt_message_free);

  set_server_envelope (hb, 99);
  decoded = round_trip (PLT_DECODER_FROM_SERVER, hb);
  g_assert_cmpint (decoded->type, ==, PLT_MESSAGE_HEARTBEAT);
  g_assert_cmpint (decoded->seq, ==, 99);
  g_clear_pointer (&decoded, plt_message_free);

  set_server_envelope (error, 5);
  error->u.error.code = PLT_PROTOCOL_ERROR_TOO_LARGE;
  error->u.error.message = g_strdup ("field “seq” must be an integer");
  error->u.error.fatal = TRUE;
  decoded = round_trip (PLT_DECODER_FROM_SERVER, error);
  g_assert_cmpint (decoded->u.error.code, ==, PLT_PROTOCOL_ERROR_TOO_LARGE);
  g_assert_true (decoded->u.error.fatal);
  g_assert_cmpstr (decoded->u.error.message, ==, "field “seq” must be an integer");
}

static void
test_round_trip_snapshot (void)
{
  g_autoptr(PltMessage) begin = plt_message_new (PLT_MESSAGE_SNAPSHOT_BEGIN);
  g_autoptr(PltMessage) part = plt_message_new (PLT_MESSAGE_SNAPSHOT_PART);
  g_autoptr(PltMessage) empty_part = plt_message_new (PLT_MESSAGE_SNAPSHOT_PART);
  g_autoptr(PltMessage) end = plt_message_new (PLT_MESSAGE_SNAPSHOT_END);
  g_autoptr(PltMessage) decoded = NULL;
  PltAgentData *agent;

  set_server_envelope (begin, 1041);
  begin->u.snapshot_begin.snapshot_id = g_strdup ("snap-7");
  begin->u.snapshot_begin.as_of_seq = 1041;
  begin->u.snapshot_begin.parts = 3;
  begin->u.snapshot_begin.reason = g_strdup ("resync");
  begin->u.snapshot_begin.count_teams = 3;
  begin->u.snapshot_begin.count_agents = 36;
  begin->u.snapshot_begin.count_queues = 5;
  begin->u.snapshot_begin.count_calls = 9;
  decoded = round_trip (PLT_DECODER_FROM_SERVER, begin);
  g_assert_cmpstr (decoded->u.snapshot_begin.reason, ==, "resync");
  g_assert_cmpint (decoded->u.snapshot_begin.count_agents, ==, 36);
  g_clear_pointer (&decoded, plt_message_free);

  set_server_envelope (part, 1041);
  part->u.snapshot_part.snapshot_id = g_strdup ("snap-7");
  part->u.snapshot_part.index = 2;
  g_ptr_array_add (part->u.snapshot_part.teams, make_team ("t-1"));
  g_ptr_array_add (part->u.snapshot_part.teams, make_team ("t-2"));
  g_ptr_array_add (part->u.snapshot_part.agents, make_agent ("a-1"));
  agent = make_agent ("a-2");
  g_clear_pointer (&agent->reason, g_free);
  g_clear_pointer (&agent->queue, g_free);
  g_clear_pointer (&agent->call, g_free);
  g_strfreev (agent->queues);
  agent->queues = g_new0 (char *, 1);
  g_ptr_array_add (part->u.snapshot_part.agents, agent);
  g_ptr_array_add (part->u.snapshot_part.queues, make_queue ("q-1"));
  g_ptr_array_add (part->u.snapshot_part.calls, make_call ("c-1"));
  decoded = round_trip (PLT_DECODER_FROM_SERVER, part);
  g_assert_cmpuint (decoded->u.snapshot_part.agents->len, ==, 2);
  agent = g_ptr_array_index (decoded->u.snapshot_part.agents, 1);
  g_assert_null (agent->reason);
  g_assert_null (agent->call);
  g_assert_nonnull (agent->queues);
  g_assert_null (agent->queues[0]);
  g_clear_pointer (&decoded, plt_message_free);

  /* Empty arrays, and absent arrays, both decode to empty arrays. */
  set_server_envelope (empty_part, 1041);
  empty_part->u.snapshot_part.snapshot_id = g_strdup ("snap-7");
  decoded = round_trip (PLT_DECODER_FROM_SERVER, empty_part);
  g_assert_nonnull (decoded->u.snapshot_part.calls);
  g_clear_pointer (&decoded, plt_message_free);
  decoded = decode_ok (PLT_DECODER_FROM_SERVER,
                       "{" ENVELOPE ",\"type\":\"snapshot.part\",\"data\":{\"snapshot_id\":\"s\",\"index\":0}}");
  g_assert_nonnull (decoded->u.snapshot_part.teams);
  g_assert_cmpuint (decoded->u.snapshot_part.teams->len, ==, 0);
  g_clear_pointer (&decoded, plt_message_free);

  set_server_envelope (end, 1041);
  end->u.snapshot_end_id = g_strdup ("snap-7");
  decoded = round_trip (PLT_DECODER_FROM_SERVER, end);
  g_assert_cmpstr (decoded->u.snapshot_end_id, ==, "snap-7");
}

static void
test_round_trip_deltas (void)
{
  static const PltMessageType removes[] = {
    PLT_MESSAGE_TEAM_REMOVE, PLT_MESSAGE_AGENT_REMOVE,
    PLT_MESSAGE_QUEUE_REMOVE, PLT_MESSAGE_CALL_REMOVE,
  };
  g_autoptr(PltMessage) team = plt_message_new (PLT_MESSAGE_TEAM_UPDATE);
  g_autoptr(PltMessage) agent = plt_message_new (PLT_MESSAGE_AGENT_UPDATE);
  g_autoptr(PltMessage) queue = plt_message_new (PLT_MESSAGE_QUEUE_UPDATE);
  g_autoptr(PltMessage) call = plt_message_new (PLT_MESSAGE_CALL_UPDATE);
  g_autoptr(PltMessage) decoded = NULL;

  set_server_envelope (team, 1);
  team->u.team = make_team ("t-1");
  decoded = round_trip (PLT_DECODER_FROM_SERVER, team);
  g_assert_cmpstr (decoded->u.team->name, ==, NASTY);
  g_assert_true (plt_message_type_is_delta (decoded->type));
  g_clear_pointer (&decoded, plt_message_free);

  set_server_envelope (agent, 2);
  agent->u.agent = make_agent ("a-1");
  decoded = round_trip (PLT_DECODER_FROM_SERVER, agent);
  g_assert_cmpstr (decoded->u.agent->id, ==, "a-1");
  g_assert_cmpint (decoded->u.agent->ver, ==, 88);
  g_assert_cmpstr (decoded->u.agent->name, ==, NASTY);
  g_assert_cmpstr (decoded->u.agent->team, ==, "t-1");
  g_assert_cmpint (decoded->u.agent->status, ==, PLT_AGENT_STATUS_PAUSED);
  g_assert_cmpstr (decoded->u.agent->reason, ==, "back_office");
  g_assert_cmpint (decoded->u.agent->activity, ==, PLT_AGENT_ACTIVITY_WRAP_UP);
  g_assert_cmpint (decoded->u.agent->since, ==, 1795774530000);
  g_assert_cmpstr (decoded->u.agent->queue, ==, "q-sales");
  g_assert_cmpstr (decoded->u.agent->call, ==, "c-17");
  g_assert_cmpuint (g_strv_length (decoded->u.agent->queues), ==, 3);
  g_assert_cmpstr (decoded->u.agent->queues[2], ==, "q-\"x\"");
  g_clear_pointer (&decoded, plt_message_free);

  set_server_envelope (queue, 3);
  queue->u.queue = make_queue ("q-1");
  decoded = round_trip (PLT_DECODER_FROM_SERVER, queue);
  g_assert_cmpint (decoded->u.queue->media, ==, PLT_QUEUE_MEDIA_CALLBACK);
  g_assert_cmpuint (decoded->u.queue->sl_threshold_s, ==, 20);
  g_assert_cmpfloat (decoded->u.queue->sl_target, ==, 0.8);
  g_assert_cmpuint (decoded->u.queue->agents.logged_out, ==, 5);
  g_assert_cmpuint (decoded->u.queue->today.answered_in_sl, ==, 80);
  g_assert_cmpint (decoded->u.queue->today.wait_total_s, ==, 1234);
  g_assert_cmpint (decoded->u.queue->oldest_since, ==, 1795774500000);
  g_clear_pointer (&decoded, plt_message_free);

  /* Nobody waiting: null on the wire, 0 in the struct. */
  queue->u.queue->oldest_since = 0;
  queue->u.queue->sl_target = 1.0;
  {
    g_autofree char *text = plt_message_encode (queue);

    g_assert_nonnull (strstr (text, "\"oldest_since\":null"));
  }
  decoded = round_trip (PLT_DECODER_FROM_SERVER, queue);
  g_clear_pointer (&decoded, plt_message_free);

  set_server_envelope (call, 4);
  call->u.call = make_call ("c-1");
  decoded = round_trip (PLT_DECODER_FROM_SERVER, call);
  g_assert_cmpint (decoded->u.call->state, ==, PLT_CALL_STATE_HELD);
  g_assert_cmpstr (decoded->u.call->number, ==, "06 •• •• 12 34");
  g_clear_pointer (&decoded, plt_message_free);
  g_clear_pointer (&call->u.call->agent, g_free);
  g_clear_pointer (&call->u.call->number, g_free);
  decoded = round_trip (PLT_DECODER_FROM_SERVER, call);
  g_assert_null (decoded->u.call->agent);
  g_clear_pointer (&decoded, plt_message_free);

  for (guint i = 0; i < G_N_ELEMENTS (removes); i++)
    {
      g_autoptr(PltMessage) remove = plt_message_new (removes[i]);

      set_server_envelope (remove, 10 + i);
      remove->u.remove.id = g_strdup ("x-1");
      remove->u.remove.ver = 9;
      decoded = round_trip (PLT_DECODER_FROM_SERVER, remove);
      g_assert_cmpint (decoded->type, ==, removes[i]);
      g_assert_cmpstr (decoded->u.remove.id, ==, "x-1");
      g_assert_cmpint (decoded->u.remove.ver, ==, 9);
      g_assert_true (plt_message_type_is_delta (removes[i]));
      g_clear_pointer (&decoded, plt_message_free);
    }
}

/* The round trips above rely on plt_message_equal: it must see differences. */
static void
test_equal_detects_changes (void)
{
  g_autoptr(PltMessage) a = plt_message_new (PLT_MESSAGE_AGENT_UPDATE);
  g_autoptr(PltMessage) b = plt_message_new (PLT_MESSAGE_AGENT_UPDATE);
  g_autoptr(PltQueueData) q1 = make_queue ("q");
  g_autoptr(PltQueueData) q2 = make_queue ("q");

  set_server_envelope (a, 1);
  set_server_envelope (b, 1);
  a->u.agent = make_agent ("a");
  b->u.agent = make_agent ("a");
  g_assert_true (plt_message_equal (a, b));

  g_free (b->u.agent->queues[1]);
  b->u.agent->queues[1] = g_strdup ("q-other");
  g_assert_false (plt_message_equal (a, b));
  g_free (b->u.agent->queues[1]);
  b->u.agent->queues[1] = g_strdup ("q-support");
  g_assert_true (plt_message_equal (a, b));

  b->seq = 2;
  g_assert_false (plt_message_equal (a, b));
  b->seq = 1;
  b->u.agent->activity = PLT_AGENT_ACTIVITY_IDLE;
  g_assert_false (plt_message_equal (a, b));

  g_assert_true (plt_queue_data_equal (q1, q2));
  q2->today.abandoned++;
  g_assert_false (plt_queue_data_equal (q1, q2));
}

static void
test_convenience_encoders (void)
{
  g_autofree char *hello = plt_protocol_encode_hello ("plateau/0.1.0");
  g_autofree char *ack = plt_protocol_encode_ack (1042);
  g_autofree char *resync = plt_protocol_encode_resync (1041);
  g_autofree char *error = plt_protocol_encode_error (3, "ep", PLT_PROTOCOL_ERROR_PROTOCOL, "hello twice", TRUE);
  g_autoptr(PltMessage) m = NULL;

  /* The exact texts of docs/protocol.md. */
  g_assert_cmpstr (hello, ==, "{\"v\":1,\"type\":\"hello\",\"data\":{\"client\":\"plateau/0.1.0\"}}");
  g_assert_cmpstr (ack, ==, "{\"v\":1,\"type\":\"ack\",\"data\":{\"seq\":1042}}");
  g_assert_cmpstr (resync, ==, "{\"v\":1,\"type\":\"resync\",\"data\":{\"from_seq\":1041}}");

  m = decode_ok (PLT_DECODER_FROM_SERVER, error);
  g_assert_cmpint (m->type, ==, PLT_MESSAGE_ERROR);
  g_assert_cmpint (m->u.error.code, ==, PLT_PROTOCOL_ERROR_PROTOCOL);
  g_assert_true (m->u.error.fatal);
  g_assert_cmpint (m->seq, ==, 3);
}

static void
test_names (void)
{
  for (int t = PLT_MESSAGE_HELLO; t <= PLT_MESSAGE_ERROR; t++)
    g_assert_cmpint (plt_message_type_from_string (plt_message_type_to_string (t)), ==, t);
  g_assert_cmpint (plt_message_type_from_string ("unknown"), ==, PLT_MESSAGE_UNKNOWN);
  g_assert_cmpint (plt_message_type_from_string ("agent.dance"), ==, PLT_MESSAGE_UNKNOWN);
  g_assert_cmpstr (plt_message_type_to_string (PLT_MESSAGE_HEARTBEAT), ==, "sys.hb");

  for (int c = PLT_PROTOCOL_ERROR_BAD_REQUEST; c <= PLT_PROTOCOL_ERROR_INTERNAL; c++)
    g_assert_cmpint (plt_protocol_error_code_from_string (plt_protocol_error_code_to_string (c)), ==, c);
  g_assert_cmpint (plt_protocol_error_code_from_string ("SOMETHING_NEW"), ==, PLT_PROTOCOL_ERROR_INTERNAL);

  g_assert_cmpint (plt_agent_status_from_string ("paused"), ==, PLT_AGENT_STATUS_PAUSED);
  g_assert_cmpint (plt_agent_status_from_string ("napping"), ==, PLT_AGENT_STATUS_UNKNOWN);
  g_assert_cmpint (plt_agent_status_from_string (NULL), ==, PLT_AGENT_STATUS_UNKNOWN);
  g_assert_cmpint (plt_agent_activity_from_string ("busy_other"), ==, PLT_AGENT_ACTIVITY_BUSY_OTHER);
  g_assert_cmpint (plt_queue_media_from_string ("email"), ==, PLT_QUEUE_MEDIA_EMAIL);
  g_assert_cmpint (plt_call_state_from_string ("ended"), ==, PLT_CALL_STATE_ENDED);
  g_assert_cmpstr (plt_call_state_to_string (PLT_CALL_STATE_WRAP_UP), ==, "wrap_up");
  g_assert_cmpstr (plt_agent_state_to_string (PLT_AGENT_STATE_BUSY_OTHER), ==, "busy_other");
  g_assert_cmpstr (plt_connection_state_to_string (PLT_CONNECTION_STATE_RECONNECTING), ==, "reconnecting");
  g_assert_cmpstr (plt_agent_status_to_string (PLT_AGENT_STATUS_UNKNOWN), ==, "unknown");

  /* The mkenums GTypes exist and know every value. */
  {
    g_autoptr(GEnumClass) klass = g_type_class_ref (PLT_TYPE_AGENT_STATE);

    g_assert_nonnull (g_enum_get_value (klass, PLT_AGENT_STATE_PAUSED));
    g_assert_true (G_TYPE_IS_ENUM (PLT_TYPE_CONNECTION_STATE));
  }
}

static void
test_state_derive (void)
{
  g_assert_cmpint (plt_agent_state_derive (PLT_AGENT_STATUS_LOGGED_OUT, PLT_AGENT_ACTIVITY_ON_CALL), ==, PLT_AGENT_STATE_LOGGED_OUT);
  g_assert_cmpint (plt_agent_state_derive (PLT_AGENT_STATUS_AVAILABLE, PLT_AGENT_ACTIVITY_IDLE), ==, PLT_AGENT_STATE_AVAILABLE);
  g_assert_cmpint (plt_agent_state_derive (PLT_AGENT_STATUS_PAUSED, PLT_AGENT_ACTIVITY_IDLE), ==, PLT_AGENT_STATE_PAUSED);
  g_assert_cmpint (plt_agent_state_derive (PLT_AGENT_STATUS_PAUSED, PLT_AGENT_ACTIVITY_MISSED), ==, PLT_AGENT_STATE_MISSED);
  g_assert_cmpint (plt_agent_state_derive (PLT_AGENT_STATUS_AVAILABLE, PLT_AGENT_ACTIVITY_RINGING), ==, PLT_AGENT_STATE_RINGING);
  g_assert_cmpint (plt_agent_state_derive (PLT_AGENT_STATUS_AVAILABLE, PLT_AGENT_ACTIVITY_ON_CALL), ==, PLT_AGENT_STATE_ON_CALL);
  g_assert_cmpint (plt_agent_state_derive (PLT_AGENT_STATUS_AVAILABLE, PLT_AGENT_ACTIVITY_ON_HOLD), ==, PLT_AGENT_STATE_ON_HOLD);
  g_assert_cmpint (plt_agent_state_derive (PLT_AGENT_STATUS_AVAILABLE, PLT_AGENT_ACTIVITY_WRAP_UP), ==, PLT_AGENT_STATE_WRAP_UP);
  g_assert_cmpint (plt_agent_state_derive (PLT_AGENT_STATUS_AVAILABLE, PLT_AGENT_ACTIVITY_BUSY_OTHER), ==, PLT_AGENT_STATE_BUSY_OTHER);
  g_assert_cmpint (plt_agent_state_derive (PLT_AGENT_STATUS_AVAILABLE, PLT_AGENT_ACTIVITY_UNKNOWN), ==, PLT_AGENT_STATE_UNKNOWN);
  g_assert_cmpint (plt_agent_state_derive (PLT_AGENT_STATUS_UNKNOWN, PLT_AGENT_ACTIVITY_IDLE), ==, PLT_AGENT_STATE_UNKNOWN);
}

/* ------------------------------------------------------------------------ */
/* Hostile input                                                             */
/* ------------------------------------------------------------------------ */

static void
test_reject_not_an_object (void)
{
  assert_reject ("", PLT_PROTOCOL_ERROR_BAD_REQUEST);
  assert_reject ("   \n\t\r ", PLT_PROTOCOL_ERROR_BAD_REQUEST);
  assert_reject ("{} {}", PLT_PROTOCOL_ERROR_BAD_REQUEST);
  assert_reject (AGENT_UPDATE ("") " {}", PLT_PROTOCOL_ERROR_BAD_REQUEST);
  assert_reject ("[]", PLT_PROTOCOL_ERROR_BAD_REQUEST);
  assert_reject ("[{\"v\":1}]", PLT_PROTOCOL_ERROR_BAD_REQUEST);
  assert_reject ("\"agent.update\"", PLT_PROTOCOL_ERROR_BAD_REQUEST);
  assert_reject ("null", PLT_PROTOCOL_ERROR_BAD_REQUEST);
  assert_reject ("42", PLT_PROTOCOL_ERROR_BAD_REQUEST);
  assert_reject ("{", PLT_PROTOCOL_ERROR_BAD_REQUEST);
  assert_reject ("{\"v\":1,}", PLT_PROTOCOL_ERROR_BAD_REQUEST);
  assert_reject ("{\"v\" 1}", PLT_PROTOCOL_ERROR_BAD_REQUEST);
  assert_reject ("}", PLT_PROTOCOL_ERROR_BAD_REQUEST);

  /* Trailing whitespace is fine. */
  g_autoptr(PltMessage) m = decode_ok (PLT_DECODER_FROM_SERVER, "  " AGENT_UPDATE ("") " \n");
  g_assert_cmpint (m->type, ==, PLT_MESSAGE_AGENT_UPDATE);
}

static void
test_reject_encoding (void)
{
  static const char with_nul[] = "{\"v\":1,\"type\":\"sys.hb\",\"seq\":1,\"epoch\":\"e\0\"}";
  g_autofree char *bom = g_strconcat ("\xEF\xBB\xBF", AGENT_UPDATE (""), NULL);

  assert_reject (bom, PLT_PROTOCOL_ERROR_BAD_REQUEST);
  g_free (expect_reject_len (PLT_DECODER_FROM_SERVER, with_nul, sizeof with_nul - 1,
                             PLT_PROTOCOL_ERROR_BAD_REQUEST));
  assert_reject (AGENT_UPDATE (",\"x\":\"\xC3\x28\""), PLT_PROTOCOL_ERROR_BAD_REQUEST);   /* bad continuation */
  assert_reject (AGENT_UPDATE (",\"x\":\"\xC0\xAF\""), PLT_PROTOCOL_ERROR_BAD_REQUEST);   /* overlong */
  assert_reject (AGENT_UPDATE (",\"x\":\"\xED\xA0\x80\""), PLT_PROTOCOL_ERROR_BAD_REQUEST); /* surrogate */
  assert_reject (AGENT_UPDATE (",\"x\":\"\xFF\""), PLT_PROTOCOL_ERROR_BAD_REQUEST);
}

static void
test_reject_deep_nesting (void)
{
  const gsize n = 100000;
  GString *arrays = g_string_new (NULL);
  GString *objects = g_string_new ("{\"v\":1,\"x\":");
  g_autofree char *message = NULL;

  /* json-glib 1.6.6 overflows its stack on these: the pre-scan must stop
   * them before it sees them. */
  for (gsize i = 0; i < n; i++)
    g_string_append_c (arrays, '[');
  for (gsize i = 0; i < n; i++)
    g_string_append (objects, "[{\"\":");

  message = expect_reject (arrays->str, PLT_PROTOCOL_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (message, "32"));
  g_clear_pointer (&message, g_free);
  assert_reject (objects->str, PLT_PROTOCOL_ERROR_TOO_LARGE);

  g_string_free (arrays, TRUE);
  g_string_free (objects, TRUE);
}

/* The root object is level 1: 31 more levels are allowed, 32 are not. */
static char *
nested_message (guint levels_inside_root)
{
  GString *s = g_string_new (AGENT_UPDATE (",\"deep\":"));
  gsize at = s->len - 2;   /* before the two closing braces */
  GString *inner = g_string_new (NULL);

  g_assert_cmpuint (levels_inside_root, >=, 2);
  /* data is level 2; "deep" opens level 3 onwards. */
  for (guint i = 0; i < levels_inside_root - 1; i++)
    g_string_append_c (inner, '[');
  g_string_append (inner, "\"x\"");
  for (guint i = 0; i < levels_inside_root - 1; i++)
    g_string_append_c (inner, ']');
  g_string_insert (s, at, inner->str);
  g_string_free (inner, TRUE);

  return g_string_free (s, FALSE);
}

static void
test_depth_limit (void)
{
  g_autofree char *ok = nested_message (31);
  g_autofree char *deep = nested_message (32);
  g_autoptr(PltMessage) m = decode_ok (PLT_DECODER_FROM_SERVER, ok);

  g_assert_cmpint (m->type, ==, PLT_MESSAGE_AGENT_UPDATE);
  assert_reject (deep, PLT_PROTOCOL_ERROR_TOO_LARGE);

  /* Brackets inside strings are text, not nesting. */
  {
    GString *s = g_string_new (AGENT_UPDATE (",\"text\":\""));
    g_autoptr(PltMessage) m2 = NULL;

    g_string_truncate (s, s->len - 2);
    for (guint i = 0; i < 1000; i++)
      g_string_append (s, "[{");
    g_string_append (s, "\"}}");
    m2 = decode_ok (PLT_DECODER_FROM_SERVER, s->str);
    g_assert_nonnull (m2);
    g_string_free (s, TRUE);
  }
}

static void
test_reject_leniencies (void)
{
  assert_reject ("{\"v\":1 /* c */," "\"type\":\"sys.hb\",\"seq\":1,\"epoch\":\"e\"}", PLT_PROTOCOL_ERROR_BAD_REQUEST);
  assert_reject ("{\"v\":1, // c\n" "\"type\":\"sys.hb\",\"seq\":1,\"epoch\":\"e\"}", PLT_PROTOCOL_ERROR_BAD_REQUEST);
  assert_reject ("{'v':1,\"type\":\"sys.hb\",\"seq\":1,\"epoch\":\"e\"}", PLT_PROTOCOL_ERROR_BAD_REQUEST);
  assert_reject ("{\"v\":1,\"type\":'sys.hb',\"seq\":1,\"epoch\":\"e\"}", PLT_PROTOCOL_ERROR_BAD_REQUEST);
  assert_reject ("{\"v\":1,\"type\":\"sys.hb\",\"seq\":0x10,\"epoch\":\"e\"}", PLT_PROTOCOL_ERROR_BAD_REQUEST);
  assert_reject ("{\"v\":1,\"type\":\"sys.hb\",\"seq\":012,\"epoch\":\"e\"}", PLT_PROTOCOL_ERROR_BAD_REQUEST);
  assert_reject ("{\"v\":1,\"type\":\"sys.hb\",\"seq\":+1,\"epoch\":\"e\"}", PLT_PROTOCOL_ERROR_BAD_REQUEST);
  assert_reject ("{\"v\":1,\"type\":\"sys.hb\",\"seq\":.5,\"epoch\":\"e\"}", PLT_PROTOCOL_ERROR_BAD_REQUEST);
  assert_reject ("{\"v\":1,\"type\":\"sys.hb\",\"seq\":1.,\"epoch\":\"e\"}", PLT_PROTOCOL_ERROR_BAD_REQUEST);
  assert_reject ("{\"v\":1,\"type\":\"sys.hb\",\"seq\":NaN,\"epoch\":\"e\"}", PLT_PROTOCOL_ERROR_BAD_REQUEST);
  assert_reject ("{\"v\":1,\"type\":\"sys.hb\",\"seq\":Infinity,\"epoch\":\"e\"}", PLT_PROTOCOL_ERROR_BAD_REQUEST);
  assert_reject ("{\"v\":1,\"type\":\"sys.hb\",\"seq\":1,\"epoch\":\"e\",\"x\":True}", PLT_PROTOCOL_ERROR_BAD_REQUEST);
  assert_reject ("{v:1,\"type\":\"sys.hb\",\"seq\":1,\"epoch\":\"e\"}", PLT_PROTOCOL_ERROR_BAD_REQUEST);
  /* raw control characters inside strings */
  assert_reject ("{\"v\":1,\"type\":\"sys.hb\",\"seq\":1,\"epoch\":\"a\tb\"}", PLT_PROTOCOL_ERROR_BAD_REQUEST);
  assert_reject ("{\"v\":1,\"type\":\"sys.hb\",\"seq\":1,\"epoch\":\"a\nb\"}", PLT_PROTOCOL_ERROR_BAD_REQUEST);
  assert_reject ("{\"v\":1,\"type\":\"sys.hb\",\"seq\":1,\"epoch\":\"a\x1b[31mb\"}", PLT_PROTOCOL_ERROR_BAD_REQUEST);
  /* escapes */
  assert_reject ("{\"v\":1,\"type\":\"sys.hb\",\"seq\":1,\"epoch\":\"\\x41\"}", PLT_PROTOCOL_ERROR_BAD_REQUEST);
  assert_reject ("{\"v\":1,\"type\":\"sys.hb\",\"seq\":1,\"epoch\":\"\\u00\"}", PLT_PROTOCOL_ERROR_BAD_REQUEST);
  assert_reject ("{\"v\":1,\"type\":\"sys.hb\",\"seq\":1,\"epoch\":\"a\\u0000b\"}", PLT_PROTOCOL_ERROR_BAD_REQUEST);
  assert_reject ("{\"v\":1,\"type\":\"sys.hb\",\"seq\":1,\"epoch\":\"\\ud83d\"}", PLT_PROTOCOL_ERROR_BAD_REQUEST);
  assert_reject ("{\"v\":1,\"type\":\"sys.hb\",\"seq\":1,\"epoch\":\"\\ude00x\"}", PLT_PROTOCOL_ERROR_BAD_REQUEST);
  assert_reject ("{\"v\":1,\"type\":\"sys.hb\",\"seq\":1,\"epoch\":\"abc", PLT_PROTOCOL_ERROR_BAD_REQUEST);

  /* What is allowed: the RFC 8259 escapes, decoded. */
  {
    g_autoptr(PltMessage) m = decode_ok (PLT_DECODER_FROM_SERVER,
                                         AGENT_UPDATE (",\"x\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"")) ;
    g_autoptr(PltMessage) m2 = NULL;

    g_assert_nonnull (m);
    m2 = decode_ok (PLT_DECODER_FROM_SERVER,
                    "{" ENVELOPE ",\"type\":\"team.update\",\"data\":{\"id\":\"t\",\"ver\":1,"
                    "\"name\":\"\\u00c9quipe \\ud83d\\ude00 a\\/b\"}}");
    g_assert_cmpstr (m2->u.team->name, ==, "Équipe 😀 a/b");
  }
}

static void
test_reject_numbers (void)
{
  g_autofree char *msg = NULL;
  g_autoptr(PltMessage) m = NULL;

  assert_reject_naming ("{\"v\":1,\"type\":\"sys.hb\",\"seq\":1e999,\"epoch\":\"e\"}",
                        PLT_PROTOCOL_ERROR_BAD_REQUEST, "seq");
  assert_reject ("{\"v\":1,\"type\":\"sys.hb\",\"seq\":1e9999,\"epoch\":\"e\"}", PLT_PROTOCOL_ERROR_BAD_REQUEST);
  msg = expect_reject ("{\"v\":1,\"type\":\"sys.hb\",\"seq\":99999999999999999999,\"epoch\":\"e\"}",
                       PLT_PROTOCOL_ERROR_BAD_REQUEST);
  g_assert_nonnull (strstr (msg, "18 digits"));
  assert_reject ("{\"v\":1,\"type\":\"sys.hb\",\"seq\":9223372036854775808,\"epoch\":\"e\"}", PLT_PROTOCOL_ERROR_BAD_REQUEST);
  assert_reject ("{\"v\":1,\"type\":\"sys.hb\",\"seq\":1234567890123456789,\"epoch\":\"e\"}", PLT_PROTOCOL_ERROR_BAD_REQUEST);
  /* Also in an unknown field: every literal is checked. */
  assert_reject ("{\"v\":1,\"type\":\"sys.hb\",\"seq\":1,\"epoch\":\"e\",\"x\":[0.12345678901234567891]}", PLT_PROTOCOL_ERROR_BAD_REQUEST);
  assert_reject_naming ("{\"v\":1,\"type\":\"sys.hb\",\"seq\":1.0,\"epoch\":\"e\"}", PLT_PROTOCOL_ERROR_BAD_REQUEST, "seq");
  assert_reject_naming ("{\"v\":1,\"type\":\"sys.hb\",\"seq\":1.5,\"epoch\":\"e\"}", PLT_PROTOCOL_ERROR_BAD_REQUEST, "seq");
  assert_reject_naming ("{\"v\":1,\"type\":\"sys.hb\",\"seq\":1e2,\"epoch\":\"e\"}", PLT_PROTOCOL_ERROR_BAD_REQUEST, "seq");
  assert_reject_naming ("{\"v\":1,\"type\":\"sys.hb\",\"seq\":-1,\"epoch\":\"e\"}", PLT_PROTOCOL_ERROR_BAD_REQUEST, "seq");
  assert_reject_naming ("{\"v\":1,\"type\":\"sys.hb\",\"seq\":\"5\",\"epoch\":\"e\"}", PLT_PROTOCOL_ERROR_BAD_REQUEST, "seq");
  assert_reject_naming ("{\"v\":1,\"type\":\"sys.hb\",\"seq\":null,\"epoch\":\"e\"}", PLT_PROTOCOL_ERROR_BAD_REQUEST, "seq");
  assert_reject_naming ("{\"v\":1,\"type\":\"sys.hb\",\"seq\":true,\"epoch\":\"e\"}", PLT_PROTOCOL_ERROR_BAD_REQUEST, "seq");

  /* 18 digits is the most, and it is exact; -0 is 0. */
  m = decode_ok (PLT_DECODER_FROM_SERVER, "{\"v\":1,\"type\":\"sys.hb\",\"seq\":999999999999999999,\"epoch\":\"e\"}");
  g_assert_cmpint (m->seq, ==, G_GINT64_CONSTANT (999999999999999999));
  g_clear_pointer (&m, plt_message_free);
  m = decode_ok (PLT_DECODER_FROM_SERVER, "{\"v\":1,\"type\":\"sys.hb\",\"seq\":-0,\"epoch\":\"e\"}");
  g_assert_cmpint (m->seq, ==, 0);
  g_clear_pointer (&m, plt_message_free);

  /* A double field: integers are numbers too; out of range or infinite is not. */
  m = decode_ok (PLT_DECODER_FROM_SERVER,
                 "{" ENVELOPE ",\"type\":\"queue.update\",\"data\":{\"id\":\"q\",\"ver\":1,\"name\":\"Q\","
                 "\"media\":\"inbound\",\"sl_threshold_s\":20,\"sl_target\":1,\"waiting\":0,\"oldest_since\":null,"
                 "\"agents\":{\"available\":0,\"busy\":0,\"wrap_up\":0,\"paused\":0,\"logged_out\":0},"
                 "\"today\":{\"offered\":0,\"answered\":0,\"abandoned\":0,\"answered_in_sl\":0,\"wait_total_s\":0}}}");
  g_assert_cmpfloat (m->u.queue->sl_target, ==, 1.0);
  assert_reject_naming ("{" ENVELOPE ",\"type\":\"queue.update\",\"data\":{\"id\":\"q\",\"ver\":1,\"name\":\"Q\","
                        "\"media\":\"inbound\",\"sl_threshold_s\":20,\"sl_target\":1e999,\"waiting\":0,\"oldest_since\":null,"
                        "\"agents\":{\"available\":0,\"busy\":0,\"wrap_up\":0,\"paused\":0,\"logged_out\":0},"
                        "\"today\":{\"offered\":0,\"answered\":0,\"abandoned\":0,\"answered_in_sl\":0,\"wait_total_s\":0}}}",
                        PLT_PROTOCOL_ERROR_BAD_REQUEST, "data.sl_target");
  assert_reject_naming ("{" ENVELOPE ",\"type\":\"queue.update\",\"data\":{\"id\":\"q\",\"ver\":1,\"name\":\"Q\","
                        "\"media\":\"inbound\",\"sl_threshold_s\":20,\"sl_target\":1.5,\"waiting\":0,\"oldest_since\":null,"
                        "\"agents\":{\"available\":0,\"busy\":0,\"wrap_up\":0,\"paused\":0,\"logged_out\":0},"
                        "\"today\":{\"offered\":0,\"answered\":0,\"abandoned\":0,\"answered_in_sl\":0,\"wait_total_s\":0}}}",
                        PLT_PROTOCOL_ERROR_BAD_REQUEST, "data.sl_target");
  assert_reject_naming ("{" ENVELOPE ",\"type\":\"queue.update\",\"data\":{\"id\":\"q\",\"ver\":1,\"name\":\"Q\","
                        "\"media\":\"inbound\",\"sl_threshold_s\":20,\"sl_target\":0.5,\"waiting\":0,\"oldest_since\":null,"
                        "\"agents\":{\"available\":0,\"busy\":-1,\"wrap_up\":0,\"paused\":0,\"logged_out\":0},"
                        "\"today\":{\"offered\":0,\"answered\":0,\"abandoned\":0,\"answered_in_sl\":0,\"wait_total_s\":0}}}",
                        PLT_PROTOCOL_ERROR_BAD_REQUEST, "data.agents.busy");
}

static void
test_reject_envelope (void)
{
  g_autoptr(PltMessage) m = NULL;

  assert_reject_naming ("{\"type\":\"sys.hb\",\"seq\":1,\"epoch\":\"e\"}", PLT_PROTOCOL_ERROR_BAD_REQUEST, "v");
  assert_reject_naming ("{\"v\":\"1\",\"type\":\"sys.hb\",\"seq\":1,\"epoch\":\"e\"}", PLT_PROTOCOL_ERROR_BAD_REQUEST, "v");
  assert_reject_naming ("{\"v\":1.0,\"type\":\"sys.hb\",\"seq\":1,\"epoch\":\"e\"}", PLT_PROTOCOL_ERROR_BAD_REQUEST, "v");
  assert_reject ("{\"v\":2,\"type\":\"sys.hb\",\"seq\":1,\"epoch\":\"e\"}", PLT_PROTOCOL_ERROR_UNSUPPORTED_VERSION);
  assert_reject ("{\"v\":0,\"type\":\"sys.hb\",\"seq\":1,\"epoch\":\"e\"}", PLT_PROTOCOL_ERROR_UNSUPPORTED_VERSION);
  assert_reject_naming ("{\"v\":1,\"seq\":1,\"epoch\":\"e\"}", PLT_PROTOCOL_ERROR_BAD_REQUEST, "type");
  assert_reject_naming ("{\"v\":1,\"type\":7,\"seq\":1,\"epoch\":\"e\"}", PLT_PROTOCOL_ERROR_BAD_REQUEST, "type");
  assert_reject_naming ("{\"v\":1,\"type\":\"\",\"seq\":1,\"epoch\":\"e\"}", PLT_PROTOCOL_ERROR_BAD_REQUEST, "type");
  assert_reject_naming ("{\"v\":1,\"type\":\"sys.hb\",\"epoch\":\"e\"}", PLT_PROTOCOL_ERROR_BAD_REQUEST, "seq");
  assert_reject_naming ("{\"v\":1,\"type\":\"sys.hb\",\"seq\":1}", PLT_PROTOCOL_ERROR_BAD_REQUEST, "epoch");
  assert_reject_naming ("{\"v\":1,\"type\":\"sys.hb\",\"seq\":1,\"epoch\":\"\"}", PLT_PROTOCOL_ERROR_BAD_REQUEST, "epoch");
  assert_reject_naming ("{\"v\":1,\"type\":\"sys.hb\",\"seq\":1,\"epoch\":5}", PLT_PROTOCOL_ERROR_BAD_REQUEST, "epoch");
  assert_reject_naming ("{\"v\":1,\"type\":\"sys.hb\",\"seq\":1,\"epoch\":"
                        "\"0123456789012345678901234567890123456789012345678901234567890123X\"}",
                        PLT_PROTOCOL_ERROR_BAD_REQUEST, "epoch");
  assert_reject_naming ("{\"v\":1,\"type\":\"sys.hb\",\"seq\":1,\"epoch\":\"e\",\"ts\":\"now\"}",
                        PLT_PROTOCOL_ERROR_BAD_REQUEST, "ts");
  assert_reject_naming ("{" ENVELOPE ",\"type\":\"agent.update\"}", PLT_PROTOCOL_ERROR_BAD_REQUEST, "data");
  assert_reject_naming ("{" ENVELOPE ",\"type\":\"agent.update\",\"data\":[]}", PLT_PROTOCOL_ERROR_BAD_REQUEST, "data");
  assert_reject_naming ("{" ENVELOPE ",\"type\":\"agent.update\",\"data\":null}", PLT_PROTOCOL_ERROR_BAD_REQUEST, "data");

  /* 64 bytes is the longest epoch. */
  m = decode_ok (PLT_DECODER_FROM_SERVER, "{\"v\":1,\"type\":\"sys.hb\",\"seq\":1,\"epoch\":"
                 "\"0123456789012345678901234567890123456789012345678901234567890123\"}");
  g_assert_cmpuint (strlen (m->epoch), ==, 64);
  g_clear_pointer (&m, plt_message_free);

  /* From a console, seq and epoch are not required. */
  m = decode_ok (PLT_DECODER_FROM_CLIENT, "{\"v\":1,\"type\":\"ack\",\"data\":{\"seq\":3}}");
  g_assert_false (m->has_seq);
  g_assert_null (m->epoch);
  g_clear_pointer (&m, plt_message_free);

  /* Duplicate member names: the last one wins, consistently. */
  m = decode_ok (PLT_DECODER_FROM_SERVER, "{\"v\":1,\"type\":\"sys.hb\",\"seq\":1,\"seq\":999,\"epoch\":\"e\"}");
  g_assert_cmpint (m->seq, ==, 999);
}

static void
test_reject_payload (void)
{
  /* Each names the offending field. */
  assert_reject_naming ("{" ENVELOPE ",\"type\":\"agent.update\",\"data\":{\"ver\":1}}",
                        PLT_PROTOCOL_ERROR_BAD_REQUEST, "data.id");
  assert_reject_naming (AGENT_UPDATE (",\"id\":\"\""), PLT_PROTOCOL_ERROR_BAD_REQUEST, "data.id");
  assert_reject_naming (AGENT_UPDATE (",\"id\":"
                                      "\"01234567890123456789012345678901234567890123456789012345678901234\""),
                        PLT_PROTOCOL_ERROR_BAD_REQUEST, "data.id");
  assert_reject_naming (AGENT_UPDATE (",\"ver\":0"), PLT_PROTOCOL_ERROR_BAD_REQUEST, "data.ver");
  assert_reject_naming (AGENT_UPDATE (",\"ver\":\"3\""), PLT_PROTOCOL_ERROR_BAD_REQUEST, "data.ver");
  assert_reject_naming (AGENT_UPDATE (",\"name\":null"), PLT_PROTOCOL_ERROR_BAD_REQUEST, "data.name");
  assert_reject_naming (AGENT_UPDATE (",\"status\":3"), PLT_PROTOCOL_ERROR_BAD_REQUEST, "data.status");
  assert_reject_naming (AGENT_UPDATE (",\"reason\":5"), PLT_PROTOCOL_ERROR_BAD_REQUEST, "data.reason");
  assert_reject_naming (AGENT_UPDATE (",\"since\":-5"), PLT_PROTOCOL_ERROR_BAD_REQUEST, "data.since");
  assert_reject_naming (AGENT_UPDATE (",\"queues\":\"q-1\""), PLT_PROTOCOL_ERROR_BAD_REQUEST, "data.queues");
  assert_reject_naming (AGENT_UPDATE (",\"queues\":[\"q-1\",7]"), PLT_PROTOCOL_ERROR_BAD_REQUEST, "data.queues[1]");
  assert_reject_naming ("{" ENVELOPE ",\"type\":\"agent.remove\",\"data\":{\"id\":\"a\"}}",
                        PLT_PROTOCOL_ERROR_BAD_REQUEST, "data.ver");
  assert_reject_naming ("{" ENVELOPE ",\"type\":\"welcome\",\"data\":{\"session\":\"s\",\"server\":\"r\","
                        "\"heartbeat_ms\":50,\"clock\":{\"now\":1,\"rate\":1},"
                        "\"limits\":{\"max_message\":1,\"max_client_message\":1,\"max_depth\":1,\"max_string\":1}}}",
                        PLT_PROTOCOL_ERROR_BAD_REQUEST, "data.heartbeat_ms");
  assert_reject_naming ("{" ENVELOPE ",\"type\":\"welcome\",\"data\":{\"session\":\"s\",\"server\":\"r\","
                        "\"heartbeat_ms\":1000,\"clock\":{\"now\":1,\"rate\":0},"
                        "\"limits\":{\"max_message\":1,\"max_client_message\":1,\"max_depth\":1,\"max_string\":1}}}",
                        PLT_PROTOCOL_ERROR_BAD_REQUEST, "data.clock.rate");
  assert_reject_naming ("{" ENVELOPE ",\"type\":\"snapshot.begin\",\"data\":{\"snapshot_id\":\"s\",\"as_of_seq\":1,"
                        "\"parts\":0,\"reason\":\"initial\",\"counts\":{\"teams\":0,\"agents\":0,\"queues\":0,\"calls\":0}}}",
                        PLT_PROTOCOL_ERROR_BAD_REQUEST, "data.parts");
  assert_reject_naming ("{" ENVELOPE ",\"type\":\"snapshot.begin\",\"data\":{\"snapshot_id\":\"s\",\"as_of_seq\":1,"
                        "\"parts\":1,\"reason\":\"initial\",\"counts\":{\"teams\":0,\"agents\":0,\"queues\":0}}}",
                        PLT_PROTOCOL_ERROR_BAD_REQUEST, "data.counts.calls");
  assert_reject_naming ("{" ENVELOPE ",\"type\":\"snapshot.part\",\"data\":{\"snapshot_id\":\"s\",\"index\":0,"
                        "\"agents\":[{\"id\":\"a\"},3]}}",
                        PLT_PROTOCOL_ERROR_BAD_REQUEST, "data.agents[0].ver");
  assert_reject_naming ("{" ENVELOPE ",\"type\":\"snapshot.part\",\"data\":{\"snapshot_id\":\"s\",\"index\":0,"
                        "\"calls\":[{\"id\":\"c\",\"ver\":1,\"queue\":\"q\",\"state\":\"queued\",\"agent\":null,"
                        "\"number\":null,\"since\":1,\"enqueued\":1},"
                        "{\"id\":\"c2\",\"ver\":1,\"queue\":\"q\",\"state\":\"queued\",\"agent\":\"\","
                        "\"number\":null,\"since\":1,\"enqueued\":1}]}}",
                        PLT_PROTOCOL_ERROR_BAD_REQUEST, "data.calls[1].agent");
  assert_reject_naming ("{" ENVELOPE ",\"type\":\"snapshot.part\",\"data\":{\"snapshot_id\":\"s\",\"index\":0,"
                        "\"teams\":{}}}",
                        PLT_PROTOCOL_ERROR_BAD_REQUEST, "data.teams");
  assert_reject_naming ("{" ENVELOPE ",\"type\":\"error\",\"data\":{\"code\":\"BAD_REQUEST\",\"message\":\"m\",\"fatal\":1}}",
                        PLT_PROTOCOL_ERROR_BAD_REQUEST, "data.fatal");
  {
    const char *hello = "{\"v\":1,\"type\":\"hello\",\"data\":{}}";
    g_autofree char *message = expect_reject_len (PLT_DECODER_FROM_CLIENT, hello, strlen (hello),
                                                  PLT_PROTOCOL_ERROR_BAD_REQUEST);

    g_assert_nonnull (strstr (message, "“data.client”"));
  }
}

static void
test_part_entity_limit (void)
{
  GString *s = g_string_new ("{" ENVELOPE ",\"type\":\"snapshot.part\",\"data\":{\"snapshot_id\":\"s\",\"index\":0,\"teams\":[");
  g_autoptr(PltMessage) m = NULL;

  for (guint i = 0; i < 500; i++)
    g_string_append_printf (s, "%s{\"id\":\"t-%u\",\"ver\":1,\"name\":\"T\"}", i ? "," : "", i);
  m = decode_ok (PLT_DECODER_FROM_SERVER, (g_string_append (s, "]}}"), s->str));
  g_assert_cmpuint (m->u.snapshot_part.teams->len, ==, 500);

  g_string_truncate (s, s->len - 3);
  g_string_append (s, ",{\"id\":\"t-500\",\"ver\":1,\"name\":\"T\"}]}}");
  assert_reject_naming (s->str, PLT_PROTOCOL_ERROR_TOO_LARGE, "data.teams");
  g_string_free (s, TRUE);
}

static void
test_unknown_type_and_fields (void)
{
  g_autoptr(PltDecoder) decoder = plt_decoder_new (PLT_DECODER_FROM_SERVER);
  g_autoptr(GError) error = NULL;
  g_autoptr(PltMessage) m = NULL;
  const char *future = "{\"v\":1,\"type\":\"agent.teleport\",\"seq\":5,\"epoch\":\"e\",\"data\":{\"to\":\"mars\"}}";
  const char *extra = AGENT_UPDATE (",\"mood\":{\"level\":[1,2,{\"x\":null}]},\"languages\":[\"fr\"]");
  g_autofree char *extra_envelope = NULL;

  m = plt_decoder_decode (decoder, future, strlen (future), &error);
  g_assert_no_error (error);
  g_assert_cmpint (m->type, ==, PLT_MESSAGE_UNKNOWN);
  g_assert_cmpstr (m->type_name, ==, "agent.teleport");
  g_assert_cmpint (m->seq, ==, 5);
  g_assert_cmpuint (plt_decoder_get_unknown_count (decoder), ==, 1);
  g_assert_cmpuint (plt_decoder_get_rejected_count (decoder), ==, 0);
  g_clear_pointer (&m, plt_message_free);

  /* Its envelope is still checked. */
  {
    const char *bad_seq = "{\"v\":1,\"type\":\"x.y\",\"seq\":-5,\"epoch\":\"e\"}";

    m = plt_decoder_decode (decoder, bad_seq, strlen (bad_seq), &error);
  }
  g_assert_null (m);
  g_assert_error (error, PLT_PROTOCOL_ERROR, PLT_PROTOCOL_ERROR_BAD_REQUEST);
  g_clear_error (&error);
  g_assert_cmpuint (plt_decoder_get_unknown_count (decoder), ==, 1);
  g_assert_cmpuint (plt_decoder_get_rejected_count (decoder), ==, 1);

  /* Unknown fields, anywhere, are ignored. */
  m = plt_decoder_decode (decoder, extra, strlen (extra), &error);
  g_assert_no_error (error);
  g_assert_cmpint (m->type, ==, PLT_MESSAGE_AGENT_UPDATE);
  g_assert_cmpstr (m->u.agent->name, ==, "Ann");
  g_clear_pointer (&m, plt_message_free);

  extra_envelope = g_strdup ("{\"v\":1,\"type\":\"sys.hb\",\"seq\":2,\"epoch\":\"e\",\"id\":\"c-1\",\"reply_to\":null,\"data\":{}}");
  m = plt_decoder_decode (decoder, extra_envelope, strlen (extra_envelope), &error);
  g_assert_no_error (error);
  g_assert_cmpint (m->type, ==, PLT_MESSAGE_HEARTBEAT);

  /* Unknown message encodes back to its type name. */
  {
    g_autoptr(PltMessage) unknown = plt_message_new (PLT_MESSAGE_UNKNOWN);
    g_autoptr(PltMessage) back = NULL;

    set_server_envelope (unknown, 3);
    unknown->type_name = g_strdup ("stats.flux");
    back = round_trip (PLT_DECODER_FROM_SERVER, unknown);
    g_assert_cmpstr (back->type_name, ==, "stats.flux");
  }
}

static void
test_unknown_enums_kept (void)
{
  g_autoptr(PltMessage) agent = decode_ok (PLT_DECODER_FROM_SERVER,
                                           "{" ENVELOPE ",\"type\":\"agent.update\",\"data\":{\"id\":\"a-1\",\"ver\":3,"
                                           "\"name\":\"Ann\",\"team\":\"t-1\",\"status\":\"on_strike\",\"reason\":\"x\","
                                           "\"activity\":\"coaching\",\"since\":1,\"queue\":null,\"call\":null,\"queues\":[]}}");
  g_autoptr(PltMessage) queue = decode_ok (PLT_DECODER_FROM_SERVER,
                                           "{" ENVELOPE ",\"type\":\"queue.update\",\"data\":{\"id\":\"q\",\"ver\":1,\"name\":\"Q\","
                                           "\"media\":\"chat\",\"sl_threshold_s\":20,\"sl_target\":0.8,\"waiting\":0,"
                                           "\"agents\":{\"available\":0,\"busy\":0,\"wrap_up\":0,\"paused\":0,\"logged_out\":0},"
                                           "\"today\":{\"offered\":0,\"answered\":0,\"abandoned\":0,\"answered_in_sl\":0,\"wait_total_s\":0}}}");
  g_autoptr(PltMessage) call = decode_ok (PLT_DECODER_FROM_SERVER,
                                          "{" ENVELOPE ",\"type\":\"call.update\",\"data\":{\"id\":\"c\",\"ver\":1,\"queue\":\"q\","
                                          "\"state\":\"transferring\",\"since\":1,\"enqueued\":1}}");
  g_autoptr(PltMessage) begin = decode_ok (PLT_DECODER_FROM_SERVER,
                                           "{" ENVELOPE ",\"type\":\"snapshot.begin\",\"data\":{\"snapshot_id\":\"s\",\"as_of_seq\":1,"
                                           "\"parts\":1,\"reason\":\"failover\",\"counts\":{\"teams\":0,\"agents\":0,\"queues\":0,\"calls\":0}}}");
  g_autoptr(PltMessage) error = decode_ok (PLT_DECODER_FROM_SERVER,
                                           "{" ENVELOPE ",\"type\":\"error\",\"data\":{\"code\":\"SOMETHING_NEWER\",\"message\":\"slow down\"}}");

  g_assert_cmpint (agent->u.agent->status, ==, PLT_AGENT_STATUS_UNKNOWN);
  g_assert_cmpint (agent->u.agent->activity, ==, PLT_AGENT_ACTIVITY_UNKNOWN);
  g_assert_cmpint (queue->u.queue->media, ==, PLT_QUEUE_MEDIA_UNKNOWN);
  g_assert_cmpint (queue->u.queue->oldest_since, ==, 0);   /* absent = null */
  g_assert_cmpint (call->u.call->state, ==, PLT_CALL_STATE_UNKNOWN);
  g_assert_null (call->u.call->agent);
  g_assert_cmpstr (begin->u.snapshot_begin.reason, ==, "unknown");
  g_assert_cmpint (error->u.error.code, ==, PLT_PROTOCOL_ERROR_INTERNAL);
  g_assert_false (error->u.error.fatal);
  g_assert_cmpstr (error->u.error.message, ==, "slow down");
}

static char *
agent_with_name_of (gsize        length,
                    const char  *unit)
{
  GString *s = g_string_new ("{" ENVELOPE ",\"type\":\"team.update\",\"data\":{\"id\":\"t\",\"ver\":1,\"name\":\"");

  for (gsize i = 0; i < length; i++)
    g_string_append (s, unit);
  g_string_append (s, "\"}}");

  return g_string_free (s, FALSE);
}

static void
test_string_limits (void)
{
  g_autofree char *max = agent_with_name_of (4096, "a");
  g_autofree char *over = agent_with_name_of (4097, "a");
  g_autofree char *escaped_max = agent_with_name_of (2048, "\\u00e9");     /* 4096 bytes decoded */
  g_autofree char *escaped_over = agent_with_name_of (2049, "\\u00e9");
  g_autofree char *pairs_over = agent_with_name_of (1025, "\\ud83d\\ude00"); /* 4100 bytes */
  g_autofree char *huge = agent_with_name_of (1024 * 1024, "x");
  g_autoptr(PltMessage) m = NULL;
  GString *key = NULL;

  m = decode_ok (PLT_DECODER_FROM_SERVER, max);
  g_assert_cmpuint (strlen (m->u.team->name), ==, 4096);
  g_clear_pointer (&m, plt_message_free);
  m = decode_ok (PLT_DECODER_FROM_SERVER, escaped_max);
  g_assert_cmpuint (strlen (m->u.team->name), ==, 4096);
  g_clear_pointer (&m, plt_message_free);

  assert_reject (over, PLT_PROTOCOL_ERROR_TOO_LARGE);
  assert_reject (escaped_over, PLT_PROTOCOL_ERROR_TOO_LARGE);
  assert_reject (pairs_over, PLT_PROTOCOL_ERROR_TOO_LARGE);
  assert_reject (huge, PLT_PROTOCOL_ERROR_TOO_LARGE);

  /* Member names are strings too. */
  key = g_string_new ("{\"v\":1,\"type\":\"sys.hb\",\"seq\":1,\"epoch\":\"e\",\"");
  for (guint i = 0; i < 5000; i++)
    g_string_append_c (key, 'k');
  g_string_append (key, "\":1}");
  assert_reject (key->str, PLT_PROTOCOL_ERROR_TOO_LARGE);
  g_string_free (key, TRUE);
}

static void
test_size_by_direction (void)
{
  GString *s = g_string_new ("{\"v\":1,\"type\":\"hello\",\"data\":{\"client\":\"c\"}");
  g_autoptr(PltMessage) m = NULL;
  gsize padded;

  /* Exactly at the client limit: accepted from a console. */
  while (s->len < PLT_PROTOCOL_MAX_CLIENT_MESSAGE - 1)
    g_string_append_c (s, ' ');
  g_string_append_c (s, '}');
  g_assert_cmpuint (s->len, ==, PLT_PROTOCOL_MAX_CLIENT_MESSAGE);
  m = decode_ok (PLT_DECODER_FROM_CLIENT, s->str);
  g_clear_pointer (&m, plt_message_free);

  /* One byte more: too large from a console, fine from a router. */
  g_string_insert_c (s, s->len - 1, ' ');
  g_free (expect_reject_len (PLT_DECODER_FROM_CLIENT, s->str, s->len, PLT_PROTOCOL_ERROR_TOO_LARGE));

  g_string_assign (s, "{\"v\":1,\"type\":\"sys.hb\",\"seq\":1,\"epoch\":\"e\"");
  while (s->len < PLT_PROTOCOL_MAX_CLIENT_FRAME - 1)
    g_string_append_c (s, ' ');
  g_string_append_c (s, '}');
  padded = s->len;
  g_assert_cmpuint (padded, ==, PLT_PROTOCOL_MAX_CLIENT_FRAME);
  m = decode_ok (PLT_DECODER_FROM_SERVER, s->str);
  g_clear_pointer (&m, plt_message_free);
  g_string_insert_c (s, s->len - 1, ' ');
  g_free (expect_reject_len (PLT_DECODER_FROM_SERVER, s->str, s->len, PLT_PROTOCOL_ERROR_TOO_LARGE));

  g_string_free (s, TRUE);
}

/* @data need not be NUL-terminated, and what follows @length is not read. */
static void
test_length_bounded (void)
{
  const char *text = AGENT_UPDATE ("");
  gsize length = strlen (text);
  char *buffer = g_malloc (length + 8);
  g_autoptr(PltMessage) m = NULL;
  g_autoptr(GError) error = NULL;

  memcpy (buffer, text, length);
  memcpy (buffer + length, "{}{}[[[[", 8);
  m = decode_len (PLT_DECODER_FROM_SERVER, buffer, length, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (m->u.agent->id, ==, "a-1");
  g_free (buffer);
}

/* One decoder, many messages: the reused parser keeps no state between them. */
static void
test_decoder_reuse (void)
{
  g_autoptr(PltDecoder) decoder = plt_decoder_new (PLT_DECODER_FROM_SERVER);
  const char *good = AGENT_UPDATE ("");
  const char *bad = "{\"v\":1,\"type\":\"sys.hb\"";

  for (guint i = 0; i < 100; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PltMessage) m = NULL;
      const char *text = i % 3 == 2 ? bad : good;

      m = plt_decoder_decode (decoder, text, strlen (text), &error);
      if (i % 3 == 2)
        g_assert_error (error, PLT_PROTOCOL_ERROR, PLT_PROTOCOL_ERROR_BAD_REQUEST);
      else
        g_assert_cmpstr (m->u.agent->team, ==, "t-1");
    }

  g_assert_cmpuint (plt_decoder_get_rejected_count (decoder), ==, 33);
}

/* Resume, roles, commands and their answers (docs/protocol.md §4.1, §4.5) */
static void
test_round_trip_commands (void)
{
  g_autoptr(PltMessage) hello = plt_message_new (PLT_MESSAGE_HELLO);
  g_autoptr(PltMessage) welcome = plt_message_new (PLT_MESSAGE_WELCOME);
  g_autoptr(PltMessage) cmd = plt_message_new (PLT_MESSAGE_CMD_AGENT_STATUS);
  g_autoptr(PltMessage) result = plt_message_new (PLT_MESSAGE_RESULT);
  g_autoptr(PltMessage) error = plt_message_new (PLT_MESSAGE_ERROR);
  g_autoptr(PltMessage) decoded = NULL;
  g_autofree char *text = NULL;

  hello->u.hello_client = g_strdup ("plateau/0.1.0");
  hello->resume = g_new0 (PltResumeData, 1);
  hello->resume->session = g_strdup ("s-9");
  hello->resume->epoch = g_strdup ("7f3c2a91");
  hello->resume->seq = 1041;
  decoded = round_trip (PLT_DECODER_FROM_CLIENT, hello);
  g_assert_nonnull (decoded->resume);
  g_assert_cmpstr (decoded->resume->session, ==, "s-9");
  g_assert_cmpint (decoded->resume->seq, ==, 1041);
  g_clear_pointer (&decoded, plt_message_free);

  text = plt_protocol_encode_hello_resume ("plateau/0.1.0", "s-9", "7f3c2a91", 1041);
  decoded = decode_ok (PLT_DECODER_FROM_CLIENT, text);
  g_assert_true (plt_message_equal (hello, decoded));
  g_clear_pointer (&decoded, plt_message_free);
  g_clear_pointer (&text, g_free);

  /* A hello without resume, or with resume null, is a first connection. */
  decoded = decode_ok (PLT_DECODER_FROM_CLIENT, "{\"v\":1,\"type\":\"hello\",\"data\":{\"client\":\"x\",\"resume\":null}}");
  g_assert_null (decoded->resume);
  g_clear_pointer (&decoded, plt_message_free);
  assert_reject_naming_from_client ("{\"v\":1,\"type\":\"hello\",\"data\":{\"client\":\"x\",\"resume\":{\"session\":\"s\",\"epoch\":\"e\",\"seq\":-1}}}",
                                    "data.resume.seq");

  set_server_envelope (welcome, 7);
  welcome->u.welcome.session = g_strdup ("s-4");
  welcome->u.welcome.server = g_strdup ("plateau-router/0.1.0");
  welcome->u.welcome.heartbeat_ms = 10000;
  welcome->u.welcome.clock_now = 1795774530000;
  welcome->u.welcome.clock_rate = 1.0;
  welcome->u.welcome.limits = (PltLimits) { 1048576, 65536, 32, 4096 };
  welcome->u.welcome.replay = TRUE;
  welcome->u.welcome.role = g_strdup ("supervisor");
  decoded = round_trip (PLT_DECODER_FROM_SERVER, welcome);
  g_assert_true (decoded->u.welcome.replay);
  g_assert_cmpstr (decoded->u.welcome.role, ==, "supervisor");
  g_clear_pointer (&decoded, plt_message_free);

  cmd->u.cmd_agent_status.id = g_strdup ("c-17");
  cmd->u.cmd_agent_status.agent = g_strdup ("a-4217");
  cmd->u.cmd_agent_status.status = PLT_AGENT_STATUS_PAUSED;
  cmd->u.cmd_agent_status.reason = g_strdup ("supervisor");
  decoded = round_trip (PLT_DECODER_FROM_CLIENT, cmd);
  g_assert_cmpint (decoded->type, ==, PLT_MESSAGE_CMD_AGENT_STATUS);
  g_assert_cmpint (decoded->u.cmd_agent_status.status, ==, PLT_AGENT_STATUS_PAUSED);
  g_clear_pointer (&decoded, plt_message_free);
  text = plt_protocol_encode_cmd_agent_status ("c-17", "a-4217", PLT_AGENT_STATUS_PAUSED, "supervisor");
  decoded = decode_ok (PLT_DECODER_FROM_CLIENT, text);
  g_assert_true (plt_message_equal (cmd, decoded));
  g_clear_pointer (&decoded, plt_message_free);
  g_clear_pointer (&text, g_free);
  assert_reject_naming_from_client ("{\"v\":1,\"type\":\"cmd.agent.status\",\"data\":{\"agent\":\"a\",\"status\":\"paused\"}}",
                                    "data.id");

  set_server_envelope (result, 8);
  result->u.result.reply_to = g_strdup ("c-17");
  result->u.result.ok = TRUE;
  decoded = round_trip (PLT_DECODER_FROM_SERVER, result);
  g_assert_true (decoded->u.result.ok);
  g_clear_pointer (&decoded, plt_message_free);
  text = plt_protocol_encode_result (8, "7f3c2a91d04e", "c-17", TRUE);
  decoded = decode_ok (PLT_DECODER_FROM_SERVER, text);
  g_assert_cmpstr (decoded->u.result.reply_to, ==, "c-17");
  g_clear_pointer (&decoded, plt_message_free);
  g_clear_pointer (&text, g_free);

  set_server_envelope (error, 9);
  error->u.error.code = PLT_PROTOCOL_ERROR_FORBIDDEN;
  error->u.error.message = g_strdup ("a wallboard cannot act on agents");
  error->u.error.reply_to = g_strdup ("c-17");
  error->u.error.retry_after_ms = 2500;
  decoded = round_trip (PLT_DECODER_FROM_SERVER, error);
  g_assert_cmpint (decoded->u.error.code, ==, PLT_PROTOCOL_ERROR_FORBIDDEN);
  g_assert_cmpstr (decoded->u.error.reply_to, ==, "c-17");
  g_assert_cmpint (decoded->u.error.retry_after_ms, ==, 2500);
  g_clear_pointer (&decoded, plt_message_free);
  text = plt_protocol_encode_error_full (9, "7f3c2a91d04e", PLT_PROTOCOL_ERROR_RATE_LIMITED, "slow down",
                                         FALSE, NULL, 1000);
  decoded = decode_ok (PLT_DECODER_FROM_SERVER, text);
  g_assert_cmpint (decoded->u.error.code, ==, PLT_PROTOCOL_ERROR_RATE_LIMITED);
  g_assert_null (decoded->u.error.reply_to);
  g_assert_cmpint (decoded->u.error.retry_after_ms, ==, 1000);

  for (PltProtocolError code = PLT_PROTOCOL_ERROR_FORBIDDEN; code <= PLT_PROTOCOL_ERROR_RATE_LIMITED; code++)
    g_assert_cmpint (plt_protocol_error_code_from_string (plt_protocol_error_code_to_string (code)), ==, code);
  g_assert_cmpstr (plt_message_type_to_string (PLT_MESSAGE_CMD_AGENT_STATUS), ==, "cmd.agent.status");
  g_assert_false (plt_message_type_is_delta (PLT_MESSAGE_RESULT));
}

/* ------------------------------------------------------------------------ */
/* KPIs (docs/protocol.md §4.4)                                              */
/* ------------------------------------------------------------------------ */

static void
fill_values (PltKpiValues *v,
             gint64        base)
{
  plt_kpi_values_init (v);
  v->offered = base + 40;
  v->answered = base + 35;
  v->answered_in_t = base + 30;
  v->abandoned = 5;
  v->abandoned_short = 1;
  v->transferred = 2;
  v->rona = 1;
  v->handled = base + 33;
  v->service_level = 30.0 / 39.0;   /* not exact in binary */
  v->abandon_rate = 0.1;
  v->asa_s = 12.375;
  v->longest_wait_s = 61.2;
  v->aht_s = 241.5;
  v->talk_s = 200.25;
  v->hold_s = 11.25;
  v->wrap_s = 30.0;
  v->occupancy = 0.8125;
  v->logged_in_s = 28800;
  v->ewt_s = 45.0;
  /* utilisation, adherence, conformance…: undefined (null) */
}

static void
test_round_trip_kpi (void)
{
  g_autoptr(PltMessage) update = plt_message_new (PLT_MESSAGE_KPI_UPDATE);
  g_autoptr(PltMessage) agent_update = plt_message_new (PLT_MESSAGE_KPI_UPDATE);
  g_autoptr(PltMessage) query = plt_message_new (PLT_MESSAGE_KPI_QUERY);
  g_autoptr(PltMessage) today = plt_message_new (PLT_MESSAGE_KPI_QUERY);
  g_autoptr(PltMessage) result = plt_message_new (PLT_MESSAGE_KPI_RESULT);
  g_autoptr(PltMessage) empty = plt_message_new (PLT_MESSAGE_KPI_RESULT);
  g_autoptr(PltMessage) decoded = NULL;
  g_autoptr(GString) big = NULL;
  const char *ids[] = { "q-1", "q-2", NULL };
  PltKpiValues changed;

  set_server_envelope (update, 12);
  update->u.kpi_update.scope = g_strdup ("queue");
  update->u.kpi_update.id = g_strdup ("q-1");
  update->u.kpi_update.period = g_strdup ("today");
  update->u.kpi_update.from = 1795741200000;
  update->u.kpi_update.to = 1795774530123;
  update->u.kpi_update.sl_variant = g_strdup ("abandons_missed");
  update->u.kpi_update.sl_threshold_s = 20;
  fill_values (&update->u.kpi_update.values, 0);
  decoded = round_trip (PLT_DECODER_FROM_SERVER, update);
  g_assert_false (plt_message_type_is_delta (PLT_MESSAGE_KPI_UPDATE));
  g_assert_cmpstr (plt_message_type_to_string (decoded->type), ==, "kpi.update");
  g_assert_true (isnan (decoded->u.kpi_update.values.utilisation));
  g_assert_cmpfloat (decoded->u.kpi_update.values.service_level, ==, 30.0 / 39.0);
  g_assert_cmpint (decoded->u.kpi_update.values.answered_in_t, ==, 30);
  g_clear_pointer (&decoded, plt_message_free);

  /* An agent: no SL settings; every figure may be null. */
  set_server_envelope (agent_update, 13);
  agent_update->u.kpi_update.scope = g_strdup ("agent");
  agent_update->u.kpi_update.id = g_strdup ("a-017");
  agent_update->u.kpi_update.period = g_strdup ("rolling");
  agent_update->u.kpi_update.from = 1795772730123;
  agent_update->u.kpi_update.to = 1795774530123;
  decoded = round_trip (PLT_DECODER_FROM_SERVER, agent_update);
  g_assert_null (decoded->u.kpi_update.sl_variant);
  g_assert_cmpuint (decoded->u.kpi_update.sl_threshold_s, ==, 0);
  g_assert_true (isnan (decoded->u.kpi_update.values.asa_s));
  g_clear_pointer (&decoded, plt_message_free);

  /* plt_message_equal sees a figure going from null to a number. */
  changed = update->u.kpi_update.values;
  changed.utilisation = 0.5;
  g_assert_false (plt_kpi_values_equal (&changed, &update->u.kpi_update.values));
  changed.utilisation = NAN;
  g_assert_true (plt_kpi_values_equal (&changed, &update->u.kpi_update.values));
  changed.offered++;
  g_assert_false (plt_kpi_values_equal (&changed, &update->u.kpi_update.values));

  query->u.kpi_query.id = g_strdup ("k-7");
  query->u.kpi_query.scope = g_strdup ("queue");
  g_strfreev (query->u.kpi_query.ids);
  query->u.kpi_query.ids = g_strdupv ((char **) ids);
  query->u.kpi_query.from = 1795741200000;
  query->u.kpi_query.to = 1795827600000;
  query->u.kpi_query.interval_s = 900;
  decoded = round_trip (PLT_DECODER_FROM_CLIENT, query);
  g_assert_cmpstr (decoded->u.kpi_query.ids[1], ==, "q-2");
  g_assert_null (decoded->u.kpi_query.period);
  g_clear_pointer (&decoded, plt_message_free);

  /* Today, whole, for every team the client may see. */
  today->u.kpi_query.id = g_strdup ("k-8");
  today->u.kpi_query.scope = g_strdup ("team");
  today->u.kpi_query.period = g_strdup ("today");
  decoded = round_trip (PLT_DECODER_FROM_CLIENT, today);
  g_assert_nonnull (decoded->u.kpi_query.ids);
  g_assert_null (decoded->u.kpi_query.ids[0]);
  g_assert_cmpint (decoded->u.kpi_query.from, ==, 0);
  g_assert_cmpint (decoded->u.kpi_query.interval_s, ==, 0);
  g_clear_pointer (&decoded, plt_message_free);
  decoded = decode_ok (PLT_DECODER_FROM_CLIENT,
                       "{\"v\":1,\"type\":\"kpi.query\",\"data\":{\"id\":\"k\",\"scope\":\"agent\",\"period\":\"today\"}}");
  g_assert_null (decoded->u.kpi_query.ids[0]);
  g_clear_pointer (&decoded, plt_message_free);

  set_server_envelope (result, 14);
  result->u.kpi_result.reply_to = g_strdup ("k-7");
  result->u.kpi_result.scope = g_strdup ("queue");
  for (guint i = 0; i < 3; i++)
    {
      PltKpiRow *row = g_new0 (PltKpiRow, 1);

      row->id = g_strdup (i < 2 ? "q-1" : "q-2");
      row->from = 1795741200000 + (gint64) (i % 2) * 900000;
      row->to = row->from + 900000;
      fill_values (&row->values, i);
      g_ptr_array_add (result->u.kpi_result.rows, row);
    }
  decoded = round_trip (PLT_DECODER_FROM_SERVER, result);
  g_assert_cmpuint (decoded->u.kpi_result.rows->len, ==, 3);
  g_assert_cmpint (((PltKpiRow *) decoded->u.kpi_result.rows->pdata[2])->values.offered, ==, 42);
  g_clear_pointer (&decoded, plt_message_free);

  set_server_envelope (empty, 15);
  empty->u.kpi_result.reply_to = g_strdup ("k-9");
  empty->u.kpi_result.scope = g_strdup ("agent");
  decoded = round_trip (PLT_DECODER_FROM_SERVER, empty);
  g_assert_cmpuint (decoded->u.kpi_result.rows->len, ==, 0);
  g_clear_pointer (&decoded, plt_message_free);

  /* kpi.subscribe: its encoder, and the empty list that stops. */
  {
    const char *scopes[] = { "queue", "team", NULL };
    g_autofree char *text = plt_protocol_encode_kpi_subscribe ("k-1", scopes);
    g_autofree char *stop = plt_protocol_encode_kpi_subscribe ("k-2", NULL);
    g_autoptr(PltMessage) subscribe = decode_ok (PLT_DECODER_FROM_CLIENT, text);
    g_autoptr(PltMessage) none = decode_ok (PLT_DECODER_FROM_CLIENT, stop);
    g_autoptr(PltMessage) again = NULL;

    g_assert_cmpint (subscribe->type, ==, PLT_MESSAGE_KPI_SUBSCRIBE);
    g_assert_cmpstr (subscribe->u.kpi_subscribe.id, ==, "k-1");
    g_assert_cmpstr (subscribe->u.kpi_subscribe.scopes[1], ==, "team");
    g_assert_null (subscribe->u.kpi_subscribe.scopes[2]);
    again = round_trip (PLT_DECODER_FROM_CLIENT, subscribe);
    g_assert_null (none->u.kpi_subscribe.scopes[0]);
    g_assert_false (plt_message_type_is_delta (PLT_MESSAGE_KPI_SUBSCRIBE));
    assert_reject_naming_from_client ("{\"v\":1,\"type\":\"kpi.subscribe\",\"data\":{\"id\":\"k\",\"scopes\":\"queue\"}}",
                                      "data.scopes");
  }

  /* Named rejections. */
  assert_reject_naming_from_client ("{\"v\":1,\"type\":\"kpi.query\",\"data\":{\"id\":\"k\",\"scope\":\"queue\",\"ids\":[\"q-1\",7]}}",
                                    "data.ids[1]");
  assert_reject_naming_from_client ("{\"v\":1,\"type\":\"kpi.query\",\"data\":{\"scope\":\"queue\"}}",
                                    "data.id");
  assert_reject_naming_from_client ("{\"v\":1,\"type\":\"kpi.query\",\"data\":{\"id\":\"k\",\"scope\":\"queue\",\"interval_s\":-900}}",
                                    "data.interval_s");
  assert_reject_naming ("{\"v\":1,\"type\":\"kpi.update\",\"seq\":1,\"epoch\":\"e\",\"data\":{\"scope\":\"queue\",\"id\":\"q\",\"period\":\"today\",\"from\":0,\"to\":1,"
                        "\"values\":{\"offered\":1,\"answered\":1,\"answered_in_sl\":1,\"abandoned\":0,\"abandoned_short\":0,\"overflowed\":0,\"callbacks\":0,\"transferred\":0,\"rona\":0,\"handled\":0,\"asa_s\":-1}}}",
                        PLT_PROTOCOL_ERROR_BAD_REQUEST, "data.values.asa_s");
  assert_reject_naming ("{\"v\":1,\"type\":\"kpi.update\",\"seq\":1,\"epoch\":\"e\",\"data\":{\"scope\":\"queue\",\"id\":\"q\",\"period\":\"today\",\"from\":0,\"to\":1,\"values\":{}}}",
                        PLT_PROTOCOL_ERROR_BAD_REQUEST, "data.values.offered");
  assert_reject_naming ("{\"v\":1,\"type\":\"kpi.result\",\"seq\":1,\"epoch\":\"e\",\"data\":{\"reply_to\":\"k\",\"scope\":\"queue\",\"rows\":[{\"id\":\"q\",\"from\":0,\"to\":1}]}}",
                        PLT_PROTOCOL_ERROR_BAD_REQUEST, "data.rows[0].values");

  /* More rows than a result may hold. */
  big = g_string_new ("{\"v\":1,\"type\":\"kpi.result\",\"seq\":1,\"epoch\":\"e\",\"data\":{\"reply_to\":\"k\",\"scope\":\"queue\",\"rows\":[");
  for (guint i = 0; i <= PLT_PROTOCOL_MAX_KPI_ROWS; i++)
    g_string_append (big, i > 0 ? ",{}" : "{}");
  g_string_append (big, "]}}");
  assert_reject_naming (big->str, PLT_PROTOCOL_ERROR_TOO_LARGE, "data.rows");
}

/* ------------------------------------------------------------------------ */
/* Hostile input: the rest of notes §7, "JSON and envelope"                  */
/* ------------------------------------------------------------------------ */

/* Found by tests/fuzz (UndefinedBehaviorSanitizer): an empty frame may come
 * as NULL data with length 0 (an empty GBytes holds no data), and the
 * scanner did pointer arithmetic on NULL. */
static void
test_reject_null_empty (void)
{
  g_autofree char *from_server = expect_reject_len (PLT_DECODER_FROM_SERVER, NULL, 0,
                                                    PLT_PROTOCOL_ERROR_BAD_REQUEST);
  g_autofree char *from_client = expect_reject_len (PLT_DECODER_FROM_CLIENT, NULL, 0,
                                                    PLT_PROTOCOL_ERROR_BAD_REQUEST);

  g_assert_nonnull (strstr (from_server, "empty"));
  g_assert_nonnull (strstr (from_client, "empty"));
}

static void
assert_reject_utf8 (const char *text,
                    gsize       length)
{
  g_autofree char *message = expect_reject_len (PLT_DECODER_FROM_SERVER, text, length,
                                                PLT_PROTOCOL_ERROR_BAD_REQUEST);

  if (strstr (message, "UTF-8") == NULL)
    g_test_message ("expected a UTF-8 error for %.*s, got: %s", (int) length, text, message);
  g_assert_nonnull (strstr (message, "UTF-8"));
}

/* A multi-byte sequence cut short at every byte, wherever it stands: in a
 * value, in a member name, before another character, at the very end. */
static void
test_reject_utf8_cut (void)
{
  static const char * const whole[] = { "\xC3\xA9" /* é */, "\xE2\x82\xAC" /* € */,
                                        "\xF0\x9F\x98\x80" /* 😀 */ };
  static const char * const invalid[] = {
    "\x80", "\xBF",                   /* lone continuation bytes */
    "\xC0\x80", "\xE0\x80\xAF",       /* overlong */
    "\xED\xB0\x80",                   /* a low surrogate */
    "\xF4\x90\x80\x80",               /* above U+10FFFF */
    "\xF8\x88\x80\x80\x80", "\xFE", "\xFF",
  };

  for (guint c = 0; c < G_N_ELEMENTS (whole); c++)
    {
      gsize n = strlen (whole[c]);
      g_autofree char *valid = g_strdup_printf (AGENT_UPDATE (",\"x\":\"%s\""), whole[c]);
      g_autoptr(PltMessage) m = decode_ok (PLT_DECODER_FROM_SERVER, valid);

      for (gsize cut = 1; cut < n; cut++)
        {
          g_autofree char *part = g_strndup (whole[c], cut);
          g_autofree char *in_value = g_strdup_printf (AGENT_UPDATE (",\"x\":\"%s\""), part);
          g_autofree char *before_ascii = g_strdup_printf (AGENT_UPDATE (",\"x\":\"%sa\""), part);
          g_autofree char *before_char = g_strdup_printf (AGENT_UPDATE (",\"x\":\"%s%s\""), part, whole[c]);
          g_autofree char *in_name = g_strdup_printf (AGENT_UPDATE (",\"%s\":1"), part);
          g_autofree char *at_end = g_strdup_printf ("%s%s", AGENT_UPDATE (""), part);
          g_autofree char *outside = g_strdup_printf (AGENT_UPDATE (",%s\"x\":1"), part);

          assert_reject_utf8 (in_value, strlen (in_value));
          assert_reject_utf8 (before_ascii, strlen (before_ascii));
          assert_reject_utf8 (before_char, strlen (before_char));
          assert_reject_utf8 (in_name, strlen (in_name));
          assert_reject_utf8 (at_end, strlen (at_end));
          assert_reject_utf8 (outside, strlen (outside));
        }

      /* Cut by the length given, not by the text: the message ends inside
       * the sequence. */
      {
        g_autofree char *tail = g_strdup_printf ("%s%s", AGENT_UPDATE (""), whole[c]);

        for (gsize cut = 1; cut < n; cut++)
          assert_reject_utf8 (tail, strlen (tail) - cut);
      }
    }

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autofree char *text = g_strdup_printf (AGENT_UPDATE (",\"x\":\"%s\""), invalid[i]);

      assert_reject_utf8 (text, strlen (text));
    }
}

static void
test_reject_nul_and_bom (void)
{
  static const char nul_first[] = "\0{\"v\":1,\"type\":\"sys.hb\",\"seq\":1,\"epoch\":\"e\"}";
  static const char nul_last[] = "{\"v\":1,\"type\":\"sys.hb\",\"seq\":1,\"epoch\":\"e\"}\0";
  static const char nul_in_name[] = "{\"v\":1,\"type\":\"sys.hb\",\"seq\":1,\"epoch\":\"e\",\"a\0b\":1}";
  const char *const nul[] = { nul_first, nul_last, nul_in_name };
  const gsize nul_length[] = { sizeof nul_first - 1, sizeof nul_last - 1, sizeof nul_in_name - 1 };
  g_autoptr(PltMessage) m = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (nul); i++)
    {
      g_autofree char *message = expect_reject_len (PLT_DECODER_FROM_SERVER, nul[i], nul_length[i],
                                                    PLT_PROTOCOL_ERROR_BAD_REQUEST);

      g_assert_nonnull (strstr (message, "NUL"));
    }

  /* A byte-order mark is not whitespace, wherever it is outside a string… */
  assert_reject (" \xEF\xBB\xBF" "{\"v\":1,\"type\":\"sys.hb\",\"seq\":1,\"epoch\":\"e\"}",
                 PLT_PROTOCOL_ERROR_BAD_REQUEST);
  assert_reject ("{\"v\":1,\xEF\xBB\xBF\"type\":\"sys.hb\",\"seq\":1,\"epoch\":\"e\"}",
                 PLT_PROTOCOL_ERROR_BAD_REQUEST);
  assert_reject ("{\"v\":1,\"type\":\"sys.hb\",\"seq\":1,\"epoch\":\"e\"}\xEF\xBB\xBF",
                 PLT_PROTOCOL_ERROR_BAD_REQUEST);
  {
    g_autofree char *message = expect_reject ("\xEF\xBB\xBF" "{\"v\":1,\"type\":\"sys.hb\",\"seq\":1,\"epoch\":\"e\"}",
                                              PLT_PROTOCOL_ERROR_BAD_REQUEST);

    g_assert_nonnull (strstr (message, "byte-order mark"));
  }

  /* …while U+FEFF inside a string is text like any other. */
  m = decode_ok (PLT_DECODER_FROM_SERVER,
                 "{" ENVELOPE ",\"type\":\"team.update\",\"data\":{\"id\":\"t\",\"ver\":1,\"name\":\"\xEF\xBB\xBFN\"}}");
  g_assert_cmpstr (m->u.team->name, ==, "\xEF\xBB\xBFN");
}

/* The last one wins, also over a first one that would be rejected, and the
 * other way round; in the envelope and in the payload. */
static void
test_duplicate_keys (void)
{
  g_autoptr(PltMessage) m = NULL;

  m = decode_ok (PLT_DECODER_FROM_SERVER, "{\"v\":1,\"type\":\"sys.hb\",\"seq\":\"x\",\"seq\":5,\"epoch\":\"e\"}");
  g_assert_cmpint (m->seq, ==, 5);
  g_clear_pointer (&m, plt_message_free);
  assert_reject_naming ("{\"v\":1,\"type\":\"sys.hb\",\"seq\":5,\"seq\":\"x\",\"epoch\":\"e\"}",
                        PLT_PROTOCOL_ERROR_BAD_REQUEST, "seq");

  m = decode_ok (PLT_DECODER_FROM_SERVER, "{\"v\":2,\"v\":1,\"type\":\"sys.hb\",\"seq\":1,\"epoch\":\"e\"}");
  g_clear_pointer (&m, plt_message_free);
  assert_reject ("{\"v\":1,\"v\":2,\"type\":\"sys.hb\",\"seq\":1,\"epoch\":\"e\"}",
                 PLT_PROTOCOL_ERROR_UNSUPPORTED_VERSION);

  /* The type that counts is the last: this is a heartbeat, without data. */
  m = decode_ok (PLT_DECODER_FROM_SERVER, "{\"v\":1,\"type\":\"agent.update\",\"type\":\"sys.hb\",\"seq\":1,\"epoch\":\"e\"}");
  g_assert_cmpint (m->type, ==, PLT_MESSAGE_HEARTBEAT);
  g_clear_pointer (&m, plt_message_free);
  assert_reject_naming ("{\"v\":1,\"type\":\"sys.hb\",\"type\":\"agent.update\",\"seq\":1,\"epoch\":\"e\"}",
                        PLT_PROTOCOL_ERROR_BAD_REQUEST, "data");

  /* A whole payload twice, and one field twice inside it. */
  m = decode_ok (PLT_DECODER_FROM_SERVER,
                 "{" ENVELOPE ",\"type\":\"team.update\",\"data\":{\"id\":7},"
                 "\"data\":{\"id\":\"t\",\"ver\":1,\"name\":\"A\",\"name\":\"B\"}}");
  g_assert_cmpstr (m->u.team->name, ==, "B");
  g_clear_pointer (&m, plt_message_free);
  assert_reject_naming ("{" ENVELOPE ",\"type\":\"team.update\",\"data\":{\"id\":\"t\",\"ver\":1,\"name\":\"A\"},"
                        "\"data\":{\"id\":7}}",
                        PLT_PROTOCOL_ERROR_BAD_REQUEST, "data.id");
  assert_reject_naming (AGENT_UPDATE (",\"queues\":[\"q-1\"],\"queues\":[\"\"]"),
                        PLT_PROTOCOL_ERROR_BAD_REQUEST, "data.queues[0]");
}

#define QUEUE_UPDATE(sl_target, waiting) \
  "{" ENVELOPE ",\"type\":\"queue.update\",\"data\":{\"id\":\"q\",\"ver\":1,\"name\":\"Q\"," \
  "\"media\":\"inbound\",\"sl_threshold_s\":20,\"sl_target\":" sl_target ",\"waiting\":" waiting "," \
  "\"oldest_since\":null,\"agents\":{\"available\":0,\"busy\":0,\"wrap_up\":0,\"paused\":0,\"logged_out\":0}," \
  "\"today\":{\"offered\":0,\"answered\":0,\"abandoned\":0,\"answered_in_sl\":0,\"wait_total_s\":0}}}"

static void
test_reject_huge_numbers (void)
{
  g_autoptr(PltMessage) m = NULL;
  g_autofree char *msg = NULL;

  /* The int64 bounds themselves have 19 digits: over the limit, whatever
   * json-glib would make of them. */
  msg = expect_reject ("{\"v\":1,\"type\":\"sys.hb\",\"seq\":9223372036854775807,\"epoch\":\"e\"}",
                       PLT_PROTOCOL_ERROR_BAD_REQUEST);
  g_assert_nonnull (strstr (msg, "18 digits"));
  assert_reject ("{\"v\":1,\"type\":\"sys.hb\",\"seq\":-9223372036854775808,\"epoch\":\"e\"}",
                 PLT_PROTOCOL_ERROR_BAD_REQUEST);
  assert_reject ("{\"v\":1,\"type\":\"sys.hb\",\"seq\":1,\"epoch\":\"e\",\"ts\":17957745300000000000}",
                 PLT_PROTOCOL_ERROR_BAD_REQUEST);
  /* Leading zeros of a fraction are not significant; trailing ones are. */
  m = decode_ok (PLT_DECODER_FROM_SERVER, QUEUE_UPDATE ("0.000000000000000000000000000001", "0"));
  g_assert_cmpfloat (m->u.queue->sl_target, >, 0.0);
  g_clear_pointer (&m, plt_message_free);
  assert_reject (QUEUE_UPDATE ("0.1000000000000000000", "0"), PLT_PROTOCOL_ERROR_BAD_REQUEST);
  /* An exponent of 3 digits is read; out of range is then a field error. */
  assert_reject_naming (QUEUE_UPDATE ("1e308", "0"), PLT_PROTOCOL_ERROR_BAD_REQUEST, "data.sl_target");
  assert_reject_naming (QUEUE_UPDATE ("-1e-5", "0"), PLT_PROTOCOL_ERROR_BAD_REQUEST, "data.sl_target");
  assert_reject (QUEUE_UPDATE ("1e1000", "0"), PLT_PROTOCOL_ERROR_BAD_REQUEST);
  /* Counters are 0 … 2^31 − 1. */
  m = decode_ok (PLT_DECODER_FROM_SERVER, QUEUE_UPDATE ("0.8", "2147483647"));
  g_assert_cmpuint (m->u.queue->waiting, ==, G_MAXINT32);
  g_clear_pointer (&m, plt_message_free);
  assert_reject_naming (QUEUE_UPDATE ("0.8", "2147483648"), PLT_PROTOCOL_ERROR_BAD_REQUEST, "data.waiting");
  assert_reject_naming (QUEUE_UPDATE ("0.8", "4294967296"), PLT_PROTOCOL_ERROR_BAD_REQUEST, "data.waiting");
  assert_reject_naming (QUEUE_UPDATE ("0.8", "-1"), PLT_PROTOCOL_ERROR_BAD_REQUEST, "data.waiting");
  assert_reject_naming (QUEUE_UPDATE ("0.8", "1e2"), PLT_PROTOCOL_ERROR_BAD_REQUEST, "data.waiting");
  /* A huge number where nothing reads it is still checked. */
  assert_reject ("{\"v\":1,\"type\":\"x.y\",\"seq\":1,\"epoch\":\"e\",\"data\":{\"n\":123456789012345678901234567890}}",
                 PLT_PROTOCOL_ERROR_BAD_REQUEST);
}

/* Large arrays: a part says how many entities it holds before any is read;
 * elsewhere the frame limit bounds them. */
static void
test_reject_huge_arrays (void)
{
  GString *s = g_string_new ("{" ENVELOPE ",\"type\":\"snapshot.part\",\"data\":{\"snapshot_id\":\"s\",\"index\":0,\"teams\":[");
  g_autoptr(PltMessage) m = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append (s, i ? ",0" : "0");
  g_string_append (s, "]}}");
  assert_reject_naming (s->str, PLT_PROTOCOL_ERROR_TOO_LARGE, "data.teams");

  g_string_assign (s, "{" ENVELOPE ",\"type\":\"snapshot.part\",\"data\":{\"snapshot_id\":\"s\",\"index\":0,\"queues\":[");
  for (guint i = 0; i < 10000; i++)
    g_string_append (s, i ? ",{}" : "{}");
  g_string_append (s, "]}}");
  assert_reject_naming (s->str, PLT_PROTOCOL_ERROR_TOO_LARGE, "data.queues");

  /* In a field nobody reads, it is skipped. */
  g_string_assign (s, "{" ENVELOPE ",\"type\":\"sys.hb\",\"x\":[");
  for (guint i = 0; i < 100000; i++)
    g_string_append (s, i ? ",0" : "0");
  g_string_append (s, "]}");
  m = decode_ok (PLT_DECODER_FROM_SERVER, s->str);
  g_assert_cmpint (m->type, ==, PLT_MESSAGE_HEARTBEAT);

  g_string_free (s, TRUE);
}

/* Found by tests/fuzz/fuzz-decoder: json-glib's parse error quotes the
 * token it stopped at, cut to a number of bytes, which could fall inside a
 * UTF-8 sequence; the error text reaches the console's status line and the
 * router's error frames. Every message must be valid UTF-8. */
static void
test_error_text_is_utf8 (void)
{
  for (guint odd = 0; odd < 2; odd++)
    for (guint n = 1; n < 200; n++)
      {
        GString *s = g_string_new ("{\"v\":1,\"type\":\"sys.hb\",\"seq\":1,\"epoch\":\"e\",\"");
        g_autofree char *message = NULL;

        if (odd)
          g_string_append_c (s, 'a');
        for (guint i = 0; i < n; i++)
          g_string_append (s, "\xC3\xA9");
        /* A member name without its colon: a grammar error for json-glib. */
        g_string_append (s, "\" 1}");

        message = expect_reject (s->str, PLT_PROTOCOL_ERROR_BAD_REQUEST);
        if (!g_utf8_validate (message, -1, NULL))
          g_test_message ("invalid UTF-8 in the error for %u × é (odd: %u)", n, odd);
        g_assert_true (g_utf8_validate (message, -1, NULL));
        g_string_free (s, TRUE);
      }
}

/* The planning messages (docs/protocol.md, "Planning"). */
static PltAgentDay *
make_planning_day (const char *agent,
                   int         d)
{
  GDate date;
  PltAgentDay *day;
  PltShift *shift;
  const char *queues[] = { "q-sales", NULL };
  gint64 start = 1795770000000 + (gint64) d * 86400000;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, d, 11, 2026);
  day = plt_agent_day_new (agent, &date);
  shift = plt_shift_new ("s-c1-1", start, start + 8 * 3600000, queues);
  g_ptr_array_add (shift->activities,
                   plt_activity_new (PLT_ACTIVITY_BREAK, start + 8 * 3600000, start + 8 * 3600000 + 900000, NULL));
  g_assert_true (plt_shift_normalize (shift, NULL));
  plt_agent_day_add_shift (day, shift);
  g_ptr_array_add (day->absences, plt_absence_new (start - 3600000, start, NASTY));
  return day;
}

static PltPlanningMessage *
make_planning_state (void)
{
  PltPlanningMessage *state = plt_planning_message_new ();
  const char *skills[] = { "q-sales", "q-support", NULL };
  GDate empty_date;

  state->reply_to = g_strdup ("c-9");
  state->team = g_strdup ("t-nord");
  state->week = (PltWeek) { 2026, 48 };
  state->revision = 12;
  state->site_id = g_strdup ("paris");
  state->site_name = g_strdup (NASTY);
  state->site_tz = g_strdup ("Europe/Paris");
  g_ptr_array_add (state->agents, plt_planning_agent_new ("a-1", NASTY, "t-nord", skills));
  state->has_draft = TRUE;
  g_ptr_array_add (state->days, make_planning_day ("a-1", 23));
  state->published_version = 3;
  state->published_revision = 10;
  state->published_at = 1795770000123;
  state->published_by = g_strdup ("manon");
  g_ptr_array_add (state->published_days, make_planning_day ("a-1", 24));
  g_ptr_array_add (state->comments, plt_planning_comment_new (1795770000200, "manon", NASTY, "a-1", "2026-11-23"));
  g_ptr_array_add (state->comments, plt_planning_comment_new (1795770000300, "sam", "ok", NULL, NULL));
  g_ptr_array_add (state->audit, plt_planning_audit_new (11, 1795770000100, "sam", "a-1", "2026-11-23", "save"));
  (void) empty_date;
  return state;
}

static void
test_round_trip_planning (void)
{
  const PltMessageType client_types[] = {
    PLT_MESSAGE_PLANNING_GET, PLT_MESSAGE_PLANNING_SAVE, PLT_MESSAGE_PLANNING_PUBLISH, PLT_MESSAGE_PLANNING_COMMENT,
  };
  const PltMessageType server_types[] = {
    PLT_MESSAGE_PLANNING_STATE, PLT_MESSAGE_PLANNING_SAVED, PLT_MESSAGE_PLANNING_PUBLISHED,
  };

  for (guint i = 0; i < G_N_ELEMENTS (client_types); i++)
    {
      g_autoptr(PltMessage) message = plt_message_new (client_types[i]);
      g_autoptr(PltMessage) decoded = NULL;
      PltPlanningMessage *p = plt_planning_message_new ();
      GDate date;

      message->u.planning = p;
      p->id = g_strdup ("c-1");
      p->team = g_strdup ("t-nord");
      p->week = (PltWeek) { 2026, 48 };
      p->revision = 7;
      if (client_types[i] == PLT_MESSAGE_PLANNING_SAVE)
        {
          /* A day emptied travels as an agent and a date alone. */
          g_date_clear (&date, 1);
          g_date_set_dmy (&date, 25, 11, 2026);
          g_ptr_array_add (p->days, make_planning_day ("a-1", 23));
          g_ptr_array_add (p->days, plt_agent_day_new ("a-2", &date));
        }
      if (client_types[i] == PLT_MESSAGE_PLANNING_COMMENT)
        {
          p->revision = 0;
          p->text = g_strdup (NASTY);
          p->agent = g_strdup ("a-1");
          p->date = g_strdup ("2026-11-23");
        }
      if (client_types[i] == PLT_MESSAGE_PLANNING_GET)
        p->revision = 0;
      decoded = round_trip (PLT_DECODER_FROM_CLIENT, message);
      g_assert_cmpint (decoded->type, ==, client_types[i]);
    }

  for (guint i = 0; i < G_N_ELEMENTS (server_types); i++)
    {
      g_autoptr(PltMessage) message = plt_message_new (server_types[i]);
      g_autoptr(PltMessage) decoded = NULL;

      set_server_envelope (message, 41);
      if (server_types[i] == PLT_MESSAGE_PLANNING_STATE)
        message->u.planning = make_planning_state ();
      else
        {
          PltPlanningMessage *p = plt_planning_message_new ();

          message->u.planning = p;
          p->team = g_strdup ("t-nord");
          p->week = (PltWeek) { 2026, 48 };
          if (server_types[i] == PLT_MESSAGE_PLANNING_SAVED)
            {
              p->reply_to = g_strdup ("c-2");
              p->revision = 13;
            }
          else
            {
              p->published_version = 4;
              p->published_at = 1795770000999;
              p->published_by = g_strdup ("manon");
              g_ptr_array_add (p->days, make_planning_day ("a-1", 26));
            }
        }
      decoded = round_trip (PLT_DECODER_FROM_SERVER, message);
      g_assert_false (plt_message_type_is_delta (decoded->type));
    }

  /* An agent's state: no draft (null), no published version. */
  {
    g_autoptr(PltMessage) message = plt_message_new (PLT_MESSAGE_PLANNING_STATE);
    g_autoptr(PltMessage) decoded = NULL;
    PltPlanningMessage *p = make_planning_state ();

    set_server_envelope (message, 2);
    p->has_draft = FALSE;
    g_ptr_array_set_size (p->days, 0);
    p->published_version = 0;
    p->published_revision = 0;
    p->published_at = 0;
    g_clear_pointer (&p->published_by, g_free);
    g_ptr_array_set_size (p->published_days, 0);
    message->u.planning = p;
    decoded = round_trip (PLT_DECODER_FROM_SERVER, message);
    g_assert_false (decoded->u.planning->has_draft);
  }

  /* CONFLICT carries the current state. */
  {
    g_autoptr(PltMessage) message = plt_message_new (PLT_MESSAGE_ERROR);
    g_autoptr(PltMessage) decoded = NULL;

    set_server_envelope (message, 5);
    message->u.error.code = PLT_PROTOCOL_ERROR_CONFLICT;
    message->u.error.message = g_strdup ("the planning changed: revision 12, not 11");
    message->u.error.reply_to = g_strdup ("c-3");
    message->u.error.current = make_planning_state ();
    decoded = round_trip (PLT_DECODER_FROM_SERVER, message);
    g_assert_nonnull (decoded->u.error.current);
    g_assert_cmpint (decoded->u.error.current->revision, ==, 12);
  }

  /* The encoder helper gives the same text the generic one decodes. */
  {
    g_autoptr(PltPlanningMessage) state = make_planning_state ();
    g_autofree char *text = plt_protocol_encode_planning (3, "7f3c2a91d04e", PLT_MESSAGE_PLANNING_STATE, state);
    g_autoptr(PltMessage) decoded = decode_ok (PLT_DECODER_FROM_SERVER, text);

    g_assert_true (plt_planning_message_equal (state, decoded->u.planning));
  }
}

static void
test_reject_planning (void)
{
  assert_reject_naming_from_client ("{\"v\":1,\"type\":\"planning.get\",\"data\":{\"id\":\"c\",\"team\":\"t\"}}",
                                    "data.week");
  assert_reject_naming_from_client ("{\"v\":1,\"type\":\"planning.get\",\"data\":{\"id\":\"c\",\"team\":\"t\",\"week\":\"2026-W54\"}}",
                                    "data.week");
  assert_reject_naming_from_client ("{\"v\":1,\"type\":\"planning.save\",\"data\":{\"id\":\"c\",\"team\":\"t\",\"week\":\"2026-W48\","
                                    "\"base_revision\":-1,\"days\":[]}}", "data.base_revision");
  assert_reject_naming_from_client ("{\"v\":1,\"type\":\"planning.save\",\"data\":{\"id\":\"c\",\"team\":\"t\",\"week\":\"2026-W48\","
                                    "\"base_revision\":1,\"days\":[{\"agent\":\"a\",\"date\":\"2026-13-01\"}]}}", "data.days");
  assert_reject_naming_from_client ("{\"v\":1,\"type\":\"planning.save\",\"data\":{\"id\":\"c\",\"team\":\"t\",\"week\":\"2026-W48\","
                                    "\"base_revision\":1,\"days\":[{\"agent\":\"a\",\"date\":\"2026-11-23\",\"shifts\":[{\"id\":\"s\","
                                    "\"start\":60000,\"acts\":[{\"kind\":\"sleep\",\"min\":5}]}]}]}}", "data.days");
  assert_reject_naming_from_client ("{\"v\":1,\"type\":\"planning.comment\",\"data\":{\"id\":\"c\",\"team\":\"t\",\"week\":\"2026-W48\","
                                    "\"text\":\"\"}}", "data.text");
  assert_reject_naming ("{\"v\":1,\"type\":\"planning.state\",\"seq\":1,\"epoch\":\"e\",\"data\":{\"team\":\"t\",\"week\":\"2026-W48\","
                        "\"revision\":1,\"site\":{\"id\":\"p\",\"name\":\"P\"},\"agents\":[]}}",
                        PLT_PROTOCOL_ERROR_BAD_REQUEST, "data.site.tz");
  assert_reject_naming ("{\"v\":1,\"type\":\"error\",\"seq\":1,\"epoch\":\"e\",\"data\":{\"code\":\"CONFLICT\",\"message\":\"m\","
                        "\"current\":{\"team\":\"t\"}}}", PLT_PROTOCOL_ERROR_BAD_REQUEST, "data.current.week");
}

/* The supervisor's commands and the history (docs/protocol.md §10, §4.5):
 * each type survives encoding and decoding, awkward text included. */
static void
test_round_trip_supervisor (void)
{
  static const PltAgentSkill skills[] = { { (char *) "q-ventes", 1 }, { (char *) "q-\"sav\"", 9 } };
  static const char * const agents[] = { "a-1", "a-2", NULL };
  PltAgentInterval interval = { "a-1", PLT_AGENT_STATUS_PAUSED, PLT_AGENT_ACTIVITY_IDLE, "break",
                                NULL, NULL, 1795770000000, 1795770900000 };
  PltAgentInterval open = { "a-2", PLT_AGENT_STATUS_AVAILABLE, PLT_AGENT_ACTIVITY_ON_CALL, NULL,
                            "q-ventes", "c-17", 1795770900000, 0 };
  PltQueueSample sample = { (char *) "q-ventes", 1795770960000, 3, 1795770900000, { 2, 5, 1, 1, 0 } };
  PltQueueSample idle = { (char *) "q-sav", 1795770960000, 0, 0, { 0, 0, 0, 0, 4 } };
  const struct {
    PltMessageType      type;
    PltDecoderDirection direction;
  } cases[] = {
    { PLT_MESSAGE_CMD_AGENT_SKILLS, PLT_DECODER_FROM_CLIENT },
    { PLT_MESSAGE_CMD_MESSAGE, PLT_DECODER_FROM_CLIENT },
    { PLT_MESSAGE_HISTORY_QUERY, PLT_DECODER_FROM_CLIENT },
    { PLT_MESSAGE_MESSAGE_NEW, PLT_DECODER_FROM_SERVER },
    { PLT_MESSAGE_MESSAGE_ACK, PLT_DECODER_FROM_SERVER },
    { PLT_MESSAGE_HISTORY_RESULT, PLT_DECODER_FROM_SERVER },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PltMessage) message = plt_message_new (cases[i].type);
      g_autoptr(PltMessage) decoded = NULL;
      PltSupervisorMessage *p = plt_supervisor_message_new ();

      g_assert_true (plt_message_type_is_supervisor (cases[i].type));
      g_assert_false (plt_message_type_is_delta (cases[i].type));
      g_assert_cmpint (plt_message_type_from_string (plt_message_type_to_string (cases[i].type)), ==, cases[i].type);
      message->u.supervisor = p;
      if (cases[i].direction == PLT_DECODER_FROM_SERVER)
        set_server_envelope (message, 42);

      switch (cases[i].type)
        {
        case PLT_MESSAGE_CMD_AGENT_SKILLS:
          p->id = g_strdup ("c-1");
          p->agent = g_strdup ("a-1");
          plt_supervisor_message_set_skills (p, skills, G_N_ELEMENTS (skills));
          break;
        case PLT_MESSAGE_CMD_MESSAGE:
          p->id = g_strdup ("c-2");
          p->to_team = g_strdup ("t-sud");
          p->text = g_strdup (NASTY);
          break;
        case PLT_MESSAGE_MESSAGE_NEW:
          p->id = g_strdup ("m-1");
          p->to_agent = g_strdup ("a-1");
          p->text = g_strdup (NASTY);
          p->from = g_strdup ("Léa");
          p->at = 1795770000000;
          break;
        case PLT_MESSAGE_MESSAGE_ACK:
          p->id = g_strdup ("m-1");
          p->reply_to = g_strdup ("c-2");
          p->agent = g_strdup ("a-1");
          p->at = 1795770001000;
          break;
        case PLT_MESSAGE_HISTORY_QUERY:
          p->id = g_strdup ("h-1");
          p->from_ms = 1795770000000;
          p->to_ms = 1795773600000;
          g_strfreev (p->agents);
          p->agents = g_strdupv ((char **) agents);
          p->step_s = 300;
          break;
        case PLT_MESSAGE_HISTORY_RESULT:
          p->reply_to = g_strdup ("h-1");
          p->part = 2;
          p->last = TRUE;
          g_ptr_array_add (p->intervals, plt_agent_interval_copy (&interval));
          g_ptr_array_add (p->intervals, plt_agent_interval_copy (&open));
          g_ptr_array_add (p->queue_samples, plt_queue_sample_copy (&sample));
          g_ptr_array_add (p->queue_samples, plt_queue_sample_copy (&idle));
          break;
        default:
          g_assert_not_reached ();
        }

      decoded = round_trip (cases[i].direction, message);
      g_assert_cmpint (decoded->type, ==, cases[i].type);
      g_assert_nonnull (decoded->u.supervisor);

      /* The encoder of whole messages agrees with plt_message_encode(). */
      if (cases[i].direction == PLT_DECODER_FROM_CLIENT)
        {
          g_autofree char *text = plt_protocol_encode_supervisor (-1, NULL, cases[i].type, p);
          g_autoptr(PltMessage) again = decode_ok (cases[i].direction, text);

          g_assert_true (plt_supervisor_message_equal (again->u.supervisor, p));
        }
    }
}

static void
test_reject_supervisor (void)
{
  assert_reject_naming_from_client ("{\"v\":1,\"type\":\"cmd.agent.skills\",\"data\":{\"id\":\"c\",\"agent\":\"a\"}}",
                                    "data.skills");
  assert_reject_naming_from_client ("{\"v\":1,\"type\":\"cmd.agent.skills\",\"data\":{\"id\":\"c\",\"agent\":\"a\","
                                    "\"skills\":[{\"queue\":\"q\",\"level\":10}]}}", "data.level");
  assert_reject_naming_from_client ("{\"v\":1,\"type\":\"cmd.agent.skills\",\"data\":{\"id\":\"c\",\"agent\":\"a\","
                                    "\"skills\":[{\"queue\":\"q\",\"level\":1},{\"queue\":\"q\",\"level\":2}]}}", "data.skills");
  assert_reject_naming_from_client ("{\"v\":1,\"type\":\"cmd.message\",\"data\":{\"id\":\"c\",\"text\":\"Bonjour\"}}",
                                    "data.to_agent");
  assert_reject_naming_from_client ("{\"v\":1,\"type\":\"cmd.message\",\"data\":{\"id\":\"c\",\"to_agent\":\"a\","
                                    "\"to_team\":\"t\",\"text\":\"Bonjour\"}}", "data.to_agent");
  assert_reject_naming_from_client ("{\"v\":1,\"type\":\"cmd.message\",\"data\":{\"id\":\"c\",\"to_agent\":\"a\",\"text\":\"\"}}",
                                    "data.text");
  assert_reject_naming_from_client ("{\"v\":1,\"type\":\"history.query\",\"data\":{\"id\":\"h\",\"from\":10,\"to\":10}}",
                                    "data.to");
  assert_reject_naming_from_client ("{\"v\":1,\"type\":\"history.query\",\"data\":{\"id\":\"h\",\"from\":0,\"to\":100000,"
                                    "\"step_s\":5}}", "data.step_s");
  assert_reject_naming_from_client ("{\"v\":1,\"type\":\"history.query\",\"data\":{\"id\":\"h\",\"from\":0,\"to\":100000,"
                                    "\"agents\":[1]}}", "data.agents");
  {
    const char *text = "{\"v\":1,\"type\":\"history.query\",\"data\":{\"id\":\"h\",\"from\":0,\"to\":900000000}}";
    g_autofree char *message = expect_reject_len (PLT_DECODER_FROM_CLIENT, text, strlen (text),
                                                  PLT_PROTOCOL_ERROR_TOO_LARGE);

    g_assert_nonnull (strstr (message, "“data.to”"));
  }
  assert_reject_naming ("{\"v\":1,\"type\":\"history.result\",\"seq\":1,\"epoch\":\"e\",\"data\":{\"reply_to\":\"h\","
                        "\"part\":0,\"last\":true,\"intervals\":[{\"agent\":\"a\",\"status\":\"available\","
                        "\"activity\":\"idle\",\"start\":5,\"end\":4}],\"queue_samples\":[]}}",
                        PLT_PROTOCOL_ERROR_BAD_REQUEST, "data.intervals");
  assert_reject_naming ("{\"v\":1,\"type\":\"history.result\",\"seq\":1,\"epoch\":\"e\",\"data\":{\"reply_to\":\"h\","
                        "\"part\":0,\"intervals\":[],\"queue_samples\":[]}}",
                        PLT_PROTOCOL_ERROR_BAD_REQUEST, "data.last");
}

/* The optional fields of the ACD (docs/protocol.md §5): skills, priorities,
 * today's overflows, callbacks and transfers, a contact's media, origin and
 * parent. Absent, they read as their defaults; at their defaults, they are
 * not sent. */
static void
test_round_trip_acd_fields (void)
{
  static const PltAgentSkill skills[] = { { (char *) "q-sales", 1 }, { (char *) "q-\"x\"", 3 } };
  g_autoptr(PltMessage) agent = plt_message_new (PLT_MESSAGE_AGENT_UPDATE);
  g_autoptr(PltMessage) queue = plt_message_new (PLT_MESSAGE_QUEUE_UPDATE);
  g_autoptr(PltMessage) call = plt_message_new (PLT_MESSAGE_CALL_UPDATE);
  g_autoptr(PltMessage) decoded = NULL;
  g_autoptr(PltAgentData) other = NULL;
  g_autofree char *text = NULL;

  set_server_envelope (agent, 1);
  agent->u.agent = make_agent ("a-1");
  plt_agent_data_set_skills (agent->u.agent, skills, G_N_ELEMENTS (skills));
  decoded = round_trip (PLT_DECODER_FROM_SERVER, agent);
  g_assert_cmpuint (decoded->u.agent->n_skills, ==, 2);
  g_assert_cmpstr (decoded->u.agent->skills[1].queue, ==, "q-\"x\"");
  g_assert_cmpuint (decoded->u.agent->skills[1].level, ==, 3);
  g_clear_pointer (&decoded, plt_message_free);

  /* A level, or the list itself, that differs is a difference. */
  other = plt_agent_data_copy (agent->u.agent);
  g_assert_true (plt_agent_data_equal (other, agent->u.agent));
  other->skills[0].level = 2;
  g_assert_false (plt_agent_data_equal (other, agent->u.agent));
  plt_agent_data_set_skills (other, NULL, 0);
  g_assert_false (plt_agent_data_equal (other, agent->u.agent));

  /* An empty list is sent, and read back, as one. */
  plt_agent_data_set_skills (agent->u.agent, skills, 0);
  decoded = round_trip (PLT_DECODER_FROM_SERVER, agent);
  g_assert_nonnull (decoded->u.agent->skills);
  g_assert_cmpuint (decoded->u.agent->n_skills, ==, 0);
  g_clear_pointer (&decoded, plt_message_free);

  /* Absent: NULL, and not on the wire. */
  plt_agent_data_set_skills (agent->u.agent, NULL, 0);
  text = plt_message_encode (agent);
  g_assert_null (strstr (text, "skills"));
  g_clear_pointer (&text, g_free);
  decoded = round_trip (PLT_DECODER_FROM_SERVER, agent);
  g_assert_null (decoded->u.agent->skills);
  g_clear_pointer (&decoded, plt_message_free);

  set_server_envelope (queue, 2);
  queue->u.queue = make_queue ("q-1");
  queue->u.queue->priority = 7;
  queue->u.queue->today.overflowed = 4;
  queue->u.queue->today.callbacks = 5;
  queue->u.queue->today.transferred = 6;
  decoded = round_trip (PLT_DECODER_FROM_SERVER, queue);
  g_assert_cmpuint (decoded->u.queue->priority, ==, 7);
  g_assert_cmpuint (decoded->u.queue->today.overflowed, ==, 4);
  g_assert_cmpuint (decoded->u.queue->today.callbacks, ==, 5);
  g_assert_cmpuint (decoded->u.queue->today.transferred, ==, 6);
  g_clear_pointer (&decoded, plt_message_free);
  queue->u.queue->priority = 0;
  queue->u.queue->today.overflowed = queue->u.queue->today.callbacks = queue->u.queue->today.transferred = 0;
  text = plt_message_encode (queue);
  g_assert_null (strstr (text, "priority"));
  g_assert_null (strstr (text, "overflowed"));
  g_clear_pointer (&text, g_free);
  decoded = round_trip (PLT_DECODER_FROM_SERVER, queue);
  g_clear_pointer (&decoded, plt_message_free);

  set_server_envelope (call, 3);
  call->u.call = make_call ("c-2");
  call->u.call->media = PLT_QUEUE_MEDIA_CALLBACK;
  call->u.call->priority = 3;
  call->u.call->origin = PLT_CONTACT_ORIGIN_CALLBACK;
  call->u.call->parent = g_strdup ("c-1");
  decoded = round_trip (PLT_DECODER_FROM_SERVER, call);
  g_assert_cmpint (decoded->u.call->media, ==, PLT_QUEUE_MEDIA_CALLBACK);
  g_assert_cmpuint (decoded->u.call->priority, ==, 3);
  g_assert_cmpint (decoded->u.call->origin, ==, PLT_CONTACT_ORIGIN_CALLBACK);
  g_assert_cmpstr (decoded->u.call->parent, ==, "c-1");
  g_clear_pointer (&decoded, plt_message_free);
  for (PltContactOrigin origin = PLT_CONTACT_ORIGIN_NEW; origin <= PLT_CONTACT_ORIGIN_OVERFLOW; origin++)
    {
      call->u.call->origin = origin;
      decoded = round_trip (PLT_DECODER_FROM_SERVER, call);
      g_clear_pointer (&decoded, plt_message_free);
    }
  call->u.call->media = PLT_QUEUE_MEDIA_UNKNOWN;
  call->u.call->priority = 0;
  call->u.call->origin = PLT_CONTACT_ORIGIN_NEW;
  g_clear_pointer (&call->u.call->parent, g_free);
  text = plt_message_encode (call);
  g_assert_null (strstr (text, "media"));
  g_assert_null (strstr (text, "origin"));
  g_assert_null (strstr (text, "parent"));
  decoded = round_trip (PLT_DECODER_FROM_SERVER, call);
  g_clear_pointer (&decoded, plt_message_free);

  /* Values a newer router may add read as the defaults. */
  decoded = decode_ok (PLT_DECODER_FROM_SERVER,
                       "{" ENVELOPE ",\"type\":\"call.update\",\"data\":{\"id\":\"c-1\",\"ver\":1,\"queue\":\"q\","
                       "\"state\":\"queued\",\"agent\":null,\"number\":null,\"since\":1,\"enqueued\":1,"
                       "\"media\":\"video\",\"origin\":\"teleport\",\"parent\":null}}");
  g_assert_cmpint (decoded->u.call->media, ==, PLT_QUEUE_MEDIA_UNKNOWN);
  g_assert_cmpint (decoded->u.call->origin, ==, PLT_CONTACT_ORIGIN_NEW);
  g_clear_pointer (&decoded, plt_message_free);

  /* Malformed, they are refused, naming the field. */
  assert_reject_naming (AGENT_UPDATE (",\"skills\":[\"q-1\"]"), PLT_PROTOCOL_ERROR_BAD_REQUEST, "data.skills[0]");
  assert_reject_naming (AGENT_UPDATE (",\"skills\":[{\"queue\":\"q-1\",\"level\":0}]"),
                        PLT_PROTOCOL_ERROR_BAD_REQUEST, "data.skills[0].level");
  assert_reject_naming (AGENT_UPDATE (",\"skills\":[{\"level\":1}]"), PLT_PROTOCOL_ERROR_BAD_REQUEST,
                        "data.skills[0].queue");
  assert_reject_naming (AGENT_UPDATE (",\"skills\":{}"), PLT_PROTOCOL_ERROR_BAD_REQUEST, "data.skills");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Plateau/Protocol/round-trip-session", test_round_trip_session);
  g_test_add_func ("/Plateau/Protocol/round-trip-snapshot", test_round_trip_snapshot);
  g_test_add_func ("/Plateau/Protocol/round-trip-deltas", test_round_trip_deltas);
  g_test_add_func ("/Plateau/Protocol/round-trip-acd-fields", test_round_trip_acd_fields);
  g_test_add_func ("/Plateau/Protocol/round-trip-commands", test_round_trip_commands);
  g_test_add_func ("/Plateau/Protocol/round-trip-kpi", test_round_trip_kpi);
  g_test_add_func ("/Plateau/Protocol/equal-detects-changes", test_equal_detects_changes);
  g_test_add_func ("/Plateau/Protocol/convenience-encoders", test_convenience_encoders);
  g_test_add_func ("/Plateau/Protocol/names", test_names);
  g_test_add_func ("/Plateau/Protocol/state-derive", test_state_derive);
  g_test_add_func ("/Plateau/Protocol/reject-not-an-object", test_reject_not_an_object);
  g_test_add_func ("/Plateau/Protocol/reject-encoding", test_reject_encoding);
  g_test_add_func ("/Plateau/Protocol/reject-deep-nesting", test_reject_deep_nesting);
  g_test_add_func ("/Plateau/Protocol/depth-limit", test_depth_limit);
  g_test_add_func ("/Plateau/Protocol/reject-leniencies", test_reject_leniencies);
  g_test_add_func ("/Plateau/Protocol/reject-numbers", test_reject_numbers);
  g_test_add_func ("/Plateau/Protocol/reject-envelope", test_reject_envelope);
  g_test_add_func ("/Plateau/Protocol/reject-payload", test_reject_payload);
  g_test_add_func ("/Plateau/Protocol/part-entity-limit", test_part_entity_limit);
  g_test_add_func ("/Plateau/Protocol/unknown-type-and-fields", test_unknown_type_and_fields);
  g_test_add_func ("/Plateau/Protocol/unknown-enums-kept", test_unknown_enums_kept);
  g_test_add_func ("/Plateau/Protocol/string-limits", test_string_limits);
  g_test_add_func ("/Plateau/Protocol/size-by-direction", test_size_by_direction);
  g_test_add_func ("/Plateau/Protocol/length-bounded", test_length_bounded);
  g_test_add_func ("/Plateau/Protocol/decoder-reuse", test_decoder_reuse);
  g_test_add_func ("/Plateau/Protocol/reject-null-empty", test_reject_null_empty);
  g_test_add_func ("/Plateau/Protocol/reject-utf8-cut", test_reject_utf8_cut);
  g_test_add_func ("/Plateau/Protocol/reject-nul-and-bom", test_reject_nul_and_bom);
  g_test_add_func ("/Plateau/Protocol/duplicate-keys", test_duplicate_keys);
  g_test_add_func ("/Plateau/Protocol/reject-huge-numbers", test_reject_huge_numbers);
  g_test_add_func ("/Plateau/Protocol/reject-huge-arrays", test_reject_huge_arrays);
  g_test_add_func ("/Plateau/Protocol/error-text-is-utf8", test_error_text_is_utf8);
  g_test_add_func ("/Plateau/Protocol/round-trip-planning", test_round_trip_planning);
  g_test_add_func ("/Plateau/Protocol/reject-planning", test_reject_planning);
  g_test_add_func ("/Plateau/Protocol/round-trip-supervisor", test_round_trip_supervisor);
  g_test_add_func ("/Plateau/Protocol/reject-supervisor", test_reject_supervisor);

  return g_test_run ();
}
