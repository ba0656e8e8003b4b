/* plt-protocol.c — the one codec of the Plateau protocol (docs/protocol.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "plt-protocol.h"

G_DEFINE_QUARK (plt-protocol-error-quark, plt_protocol_error)

/* ------------------------------------------------------------------------ */
/* Names                                                                     */
/* ------------------------------------------------------------------------ */

static const char * const error_code_names[] = {
  [PLT_PROTOCOL_ERROR_BAD_REQUEST]         = "BAD_REQUEST",
  [PLT_PROTOCOL_ERROR_TOO_LARGE]           = "TOO_LARGE",
  [PLT_PROTOCOL_ERROR_UNSUPPORTED_VERSION] = "UNSUPPORTED_VERSION",
  [PLT_PROTOCOL_ERROR_UNKNOWN_TYPE]        = "UNKNOWN_TYPE",
  [PLT_PROTOCOL_ERROR_PROTOCOL]            = "PROTOCOL",
  [PLT_PROTOCOL_ERROR_INTERNAL]            = "INTERNAL",
};

const char *
plt_protocol_error_code_to_string (PltProtocolError code)
{
  if ((guint) code < G_N_ELEMENTS (error_code_names))
    return error_code_names[code];

  return "INTERNAL";
}

/* A code this build does not know (a newer router) reads as INTERNAL: the
 * message text that comes with it is kept and shown. */
PltProtocolError
plt_protocol_error_code_from_string (const char *str)
{
  if (str != NULL)
    for (guint i = 0; i < G_N_ELEMENTS (error_code_names); i++)
      if (strcmp (error_code_names[i], str) == 0)
        return i;

  return PLT_PROTOCOL_ERROR_INTERNAL;
}

static const char * const message_type_names[] = {
  [PLT_MESSAGE_UNKNOWN]        = "unknown",
  [PLT_MESSAGE_HELLO]          = "hello",
  [PLT_MESSAGE_WELCOME]        = "welcome",
  [PLT_MESSAGE_ACK]            = "ack",
  [PLT_MESSAGE_RESYNC]         = "resync",
  [PLT_MESSAGE_HEARTBEAT]      = "sys.hb",
  [PLT_MESSAGE_SNAPSHOT_BEGIN] = "snapshot.begin",
  [PLT_MESSAGE_SNAPSHOT_PART]  = "snapshot.part",
  [PLT_MESSAGE_SNAPSHOT_END]   = "snapshot.end",
  [PLT_MESSAGE_TEAM_UPDATE]    = "team.update",
  [PLT_MESSAGE_TEAM_REMOVE]    = "team.remove",
  [PLT_MESSAGE_AGENT_UPDATE]   = "agent.update",
  [PLT_MESSAGE_AGENT_REMOVE]   = "agent.remove",
  [PLT_MESSAGE_QUEUE_UPDATE]   = "queue.update",
  [PLT_MESSAGE_QUEUE_REMOVE]   = "queue.remove",
  [PLT_MESSAGE_CALL_UPDATE]    = "call.update",
  [PLT_MESSAGE_CALL_REMOVE]    = "call.remove",
  [PLT_MESSAGE_ERROR]          = "error",
};

const char *
plt_message_type_to_string (PltMessageType type)
{
  if ((guint) type < G_N_ELEMENTS (message_type_names))
    return message_type_names[type];

  return "unknown";
}

PltMessageType
plt_message_type_from_string (const char *str)
{
  if (str == NULL)
    return PLT_MESSAGE_UNKNOWN;

  /* "unknown" itself is not a wire type: start after it. */
  for (guint i = PLT_MESSAGE_UNKNOWN + 1; i < G_N_ELEMENTS (message_type_names); i++)
    if (strcmp (message_type_names[i], str) == 0)
      return i;

  return PLT_MESSAGE_UNKNOWN;
}

gboolean
plt_message_type_is_delta (PltMessageType type)
{
  switch (type)
    {
    case PLT_MESSAGE_TEAM_UPDATE:
    case PLT_MESSAGE_TEAM_REMOVE:
    case PLT_MESSAGE_AGENT_UPDATE:
    case PLT_MESSAGE_AGENT_REMOVE:
    case PLT_MESSAGE_QUEUE_UPDATE:
    case PLT_MESSAGE_QUEUE_REMOVE:
    case PLT_MESSAGE_CALL_UPDATE:
    case PLT_MESSAGE_CALL_REMOVE:
      return TRUE;

    case PLT_MESSAGE_UNKNOWN:
    case PLT_MESSAGE_HELLO:
    case PLT_MESSAGE_WELCOME:
    case PLT_MESSAGE_ACK:
    case PLT_MESSAGE_RESYNC:
    case PLT_MESSAGE_HEARTBEAT:
    case PLT_MESSAGE_SNAPSHOT_BEGIN:
    case PLT_MESSAGE_SNAPSHOT_PART:
    case PLT_MESSAGE_SNAPSHOT_END:
    case PLT_MESSAGE_ERROR:
    default:
      return FALSE;
    }
}

static gboolean
message_type_has_payload (PltMessageType type)
{
  return type != PLT_MESSAGE_UNKNOWN && type != PLT_MESSAGE_HEARTBEAT;
}

/* ------------------------------------------------------------------------ */
/* Plain data                                                                */
/* ------------------------------------------------------------------------ */

PltTeamData *
plt_team_data_new (void)
{
  return g_new0 (PltTeamData, 1);
}

PltTeamData *
plt_team_data_copy (const PltTeamData *data)
{
  PltTeamData *copy;

  g_return_val_if_fail (data != NULL, NULL);

  copy = plt_team_data_new ();
  copy->id = g_strdup (data->id);
  copy->ver = data->ver;
  copy->name = g_strdup (data->name);

  return copy;
}

void
plt_team_data_free (PltTeamData *data)
{
  if (data == NULL)
    return;

  g_free (data->id);
  g_free (data->name);
  g_free (data);
}

gboolean
plt_team_data_equal (const PltTeamData *a,
                     const PltTeamData *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;

  return a->ver == b->ver &&
         g_strcmp0 (a->id, b->id) == 0 &&
         g_strcmp0 (a->name, b->name) == 0;
}

PltAgentData *
plt_agent_data_new (void)
{
  PltAgentData *data = g_new0 (PltAgentData, 1);

  data->queues = g_new0 (char *, 1);

  return data;
}

PltAgentData *
plt_agent_data_copy (const PltAgentData *data)
{
  PltAgentData *copy;

  g_return_val_if_fail (data != NULL, NULL);

  copy = g_new0 (PltAgentData, 1);
  copy->id = g_strdup (data->id);
  copy->ver = data->ver;
  copy->name = g_strdup (data->name);
  copy->team = g_strdup (data->team);
  copy->status = data->status;
  copy->reason = g_strdup (data->reason);
  copy->activity = data->activity;
  copy->since = data->since;
  copy->queue = g_strdup (data->queue);
  copy->call = g_strdup (data->call);
  copy->queues = data->queues != NULL ? g_strdupv (data->queues) : g_new0 (char *, 1);

  return copy;
}

void
plt_agent_data_free (PltAgentData *data)
{
  if (data == NULL)
    return;

  g_free (data->id);
  g_free (data->name);
  g_free (data->team);
  g_free (data->reason);
  g_free (data->queue);
  g_free (data->call);
  g_strfreev (data->queues);
  g_free (data);
}

/* NULL and the empty vector are the same list. */
static gboolean
strv_equal (const char * const *a,
            const char * const *b)
{
  static const char * const empty[] = { NULL };

  if (a == NULL)
    a = empty;
  if (b == NULL)
    b = empty;

  return g_strv_equal (a, b);
}

gboolean
plt_agent_data_equal (const PltAgentData *a,
                      const PltAgentData *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;

  return a->ver == b->ver &&
         a->status == b->status &&
         a->activity == b->activity &&
         a->since == b->since &&
         g_strcmp0 (a->id, b->id) == 0 &&
         g_strcmp0 (a->name, b->name) == 0 &&
         g_strcmp0 (a->team, b->team) == 0 &&
         g_strcmp0 (a->reason, b->reason) == 0 &&
         g_strcmp0 (a->queue, b->queue) == 0 &&
         g_strcmp0 (a->call, b->call) == 0 &&
         strv_equal ((const char * const *) a->queues,
                     (const char * const *) b->queues);
}

PltQueueData *
plt_queue_data_new (void)
{
  return g_new0 (PltQueueData, 1);
}

PltQueueData *
plt_queue_data_copy (const PltQueueData *data)
{
  PltQueueData *copy;

  g_return_val_if_fail (data != NULL, NULL);

  copy = g_memdup2 (data, sizeof *data);
  copy->id = g_strdup (data->id);
  copy->name = g_strdup (data->name);

  return copy;
}

void
plt_queue_data_free (PltQueueData *data)
{
  if (data == NULL)
    return;

  g_free (data->id);
  g_free (data->name);
  g_free (data);
}

gboolean
plt_queue_data_equal (const PltQueueData *a,
                      const PltQueueData *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;

  return a->ver == b->ver &&
         a->media == b->media &&
         a->sl_threshold_s == b->sl_threshold_s &&
         a->sl_target == b->sl_target &&
         a->waiting == b->waiting &&
         a->oldest_since == b->oldest_since &&
         a->agents.available == b->agents.available &&
         a->agents.busy == b->agents.busy &&
         a->agents.wrap_up == b->agents.wrap_up &&
         a->agents.paused == b->agents.paused &&
         a->agents.logged_out == b->agents.logged_out &&
         a->today.offered == b->today.offered &&
         a->today.answered == b->today.answered &&
         a->today.abandoned == b->today.abandoned &&
         a->today.answered_in_sl == b->today.answered_in_sl &&
         a->today.wait_total_s == b->today.wait_total_s &&
         g_strcmp0 (a->id, b->id) == 0 &&
         g_strcmp0 (a->name, b->name) == 0;
}

PltCallData *
plt_call_data_new (void)
{
  return g_new0 (PltCallData, 1);
}

PltCallData *
plt_call_data_copy (const PltCallData *data)
{
  PltCallData *copy;

  g_return_val_if_fail (data != NULL, NULL);

  copy = g_memdup2 (data, sizeof *data);
  copy->id = g_strdup (data->id);
  copy->queue = g_strdup (data->queue);
  copy->agent = g_strdup (data->agent);
  copy->number = g_strdup (data->number);

  return copy;
}

void
plt_call_data_free (PltCallData *data)
{
  if (data == NULL)
    return;

  g_free (data->id);
  g_free (data->queue);
  g_free (data->agent);
  g_free (data->number);
  g_free (data);
}

gboolean
plt_call_data_equal (const PltCallData *a,
                     const PltCallData *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;

  return a->ver == b->ver &&
         a->state == b->state &&
         a->since == b->since &&
         a->enqueued == b->enqueued &&
         g_strcmp0 (a->id, b->id) == 0 &&
         g_strcmp0 (a->queue, b->queue) == 0 &&
         g_strcmp0 (a->agent, b->agent) == 0 &&
         g_strcmp0 (a->number, b->number) == 0;
}

PltMessage *
plt_message_new (PltMessageType type)
{
  PltMessage *message = g_new0 (PltMessage, 1);

  message->type = type;
  if (type != PLT_MESSAGE_UNKNOWN)
    message->type_name = g_strdup (plt_message_type_to_string (type));

  if (type == PLT_MESSAGE_SNAPSHOT_PART)
    {
      message->u.snapshot_part.teams = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_team_data_free);
      message->u.snapshot_part.agents = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_agent_data_free);
      message->u.snapshot_part.queues = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_queue_data_free);
      message->u.snapshot_part.calls = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_call_data_free);
    }

  return message;
}

void
plt_message_free (PltMessage *message)
{
  if (message == NULL)
    return;

  switch (message->type)
    {
    case PLT_MESSAGE_HELLO:
      g_free (message->u.hello_client);
      break;

    case PLT_MESSAGE_WELCOME:
      g_free (message->u.welcome.session);
      g_free (message->u.welcome.server);
      break;

    case PLT_MESSAGE_SNAPSHOT_BEGIN:
      g_free (message->u.snapshot_begin.snapshot_id);
      g_free (message->u.snapshot_begin.reason);
      break;

    case PLT_MESSAGE_SNAPSHOT_PART:
      g_free (message->u.snapshot_part.snapshot_id);
      g_clear_pointer (&message->u.snapshot_part.teams, g_ptr_array_unref);
      g_clear_pointer (&message->u.snapshot_part.agents, g_ptr_array_unref);
      g_clear_pointer (&message->u.snapshot_part.queues, g_ptr_array_unref);
      g_clear_pointer (&message->u.snapshot_part.calls, g_ptr_array_unref);
      break;

    case PLT_MESSAGE_SNAPSHOT_END:
      g_free (message->u.snapshot_end_id);
      break;

    case PLT_MESSAGE_TEAM_UPDATE:
      plt_team_data_free (message->u.team);
      break;

    case PLT_MESSAGE_AGENT_UPDATE:
      plt_agent_data_free (message->u.agent);
      break;

    case PLT_MESSAGE_QUEUE_UPDATE:
      plt_queue_data_free (message->u.queue);
      break;

    case PLT_MESSAGE_CALL_UPDATE:
      plt_call_data_free (message->u.call);
      break;

    case PLT_MESSAGE_TEAM_REMOVE:
    case PLT_MESSAGE_AGENT_REMOVE:
    case PLT_MESSAGE_QUEUE_REMOVE:
    case PLT_MESSAGE_CALL_REMOVE:
      g_free (message->u.remove.id);
      break;

    case PLT_MESSAGE_ERROR:
      g_free (message->u.error.message);
      break;

    case PLT_MESSAGE_UNKNOWN:
    case PLT_MESSAGE_ACK:
    case PLT_MESSAGE_RESYNC:
    case PLT_MESSAGE_HEARTBEAT:
    default:
      break;
    }

  g_free (message->type_name);
  g_free (message->epoch);
  g_free (message);
}

static gboolean
ptr_array_equal (GPtrArray  *a,
                 GPtrArray  *b,
                 GEqualFunc  equal)
{
  guint na = a != NULL ? a->len : 0;
  guint nb = b != NULL ? b->len : 0;

  if (na != nb)
    return FALSE;

  for (guint i = 0; i < na; i++)
    if (!equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
      return FALSE;

  return TRUE;
}

gboolean
plt_message_equal (const PltMessage *a,
                   const PltMessage *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;

  if (a->type != b->type ||
      a->has_seq != b->has_seq ||
      (a->has_seq && a->seq != b->seq) ||
      a->ts != b->ts ||
      g_strcmp0 (a->epoch, b->epoch) != 0)
    return FALSE;

  switch (a->type)
    {
    case PLT_MESSAGE_UNKNOWN:
      return g_strcmp0 (a->type_name, b->type_name) == 0;

    case PLT_MESSAGE_HELLO:
      return g_strcmp0 (a->u.hello_client, b->u.hello_client) == 0;

    case PLT_MESSAGE_WELCOME:
      return g_strcmp0 (a->u.welcome.session, b->u.welcome.session) == 0 &&
             g_strcmp0 (a->u.welcome.server, b->u.welcome.server) == 0 &&
             a->u.welcome.heartbeat_ms == b->u.welcome.heartbeat_ms &&
             a->u.welcome.clock_now == b->u.welcome.clock_now &&
             a->u.welcome.clock_rate == b->u.welcome.clock_rate &&
             a->u.welcome.limits.max_message == b->u.welcome.limits.max_message &&
             a->u.welcome.limits.max_client_message == b->u.welcome.limits.max_client_message &&
             a->u.welcome.limits.max_depth == b->u.welcome.limits.max_depth &&
             a->u.welcome.limits.max_string == b->u.welcome.limits.max_string;

    case PLT_MESSAGE_ACK:
      return a->u.ack_seq == b->u.ack_seq;

    case PLT_MESSAGE_RESYNC:
      return a->u.resync_from_seq == b->u.resync_from_seq;

    case PLT_MESSAGE_HEARTBEAT:
      return TRUE;

    case PLT_MESSAGE_SNAPSHOT_BEGIN:
      return g_strcmp0 (a->u.snapshot_begin.snapshot_id, b->u.snapshot_begin.snapshot_id) == 0 &&
             g_strcmp0 (a->u.snapshot_begin.reason, b->u.snapshot_begin.reason) == 0 &&
             a->u.snapshot_begin.as_of_seq == b->u.snapshot_begin.as_of_seq &&
             a->u.snapshot_begin.parts == b->u.snapshot_begin.parts &&
             a->u.snapshot_begin.count_teams == b->u.snapshot_begin.count_teams &&
             a->u.snapshot_begin.count_agents == b->u.snapshot_begin.count_agents &&
             a->u.snapshot_begin.count_queues == b->u.snapshot_begin.count_queues &&
             a->u.snapshot_begin.count_calls == b->u.snapshot_begin.count_calls;

    case PLT_MESSAGE_SNAPSHOT_PART:
      return g_strcmp0 (a->u.snapshot_part.snapshot_id, b->u.snapshot_part.snapshot_id) == 0 &&
             a->u.snapshot_part.index == b->u.snapshot_part.index &&
             ptr_array_equal (a->u.snapshot_part.teams, b->u.snapshot_part.teams,
                              (GEqualFunc) plt_team_data_equal) &&
             ptr_array_equal (a->u.snapshot_part.agents, b->u.snapshot_part.agents,
                              (GEqualFunc) plt_agent_data_equal) &&
             ptr_array_equal (a->u.snapshot_part.queues, b->u.snapshot_part.queues,
                              (GEqualFunc) plt_queue_data_equal) &&
             ptr_array_equal (a->u.snapshot_part.calls, b->u.snapshot_part.calls,
                              (GEqualFunc) plt_call_data_equal);

    case PLT_MESSAGE_SNAPSHOT_END:
      return g_strcmp0 (a->u.snapshot_end_id, b->u.snapshot_end_id) == 0;

    case PLT_MESSAGE_TEAM_UPDATE:
      return plt_team_data_equal (a->u.team, b->u.team);

    case PLT_MESSAGE_AGENT_UPDATE:
      return plt_agent_data_equal (a->u.agent, b->u.agent);

    case PLT_MESSAGE_QUEUE_UPDATE:
      return plt_queue_data_equal (a->u.queue, b->u.queue);

    case PLT_MESSAGE_CALL_UPDATE:
      return plt_call_data_equal (a->u.call, b->u.call);

    case PLT_MESSAGE_TEAM_REMOVE:
    case PLT_MESSAGE_AGENT_REMOVE:
    case PLT_MESSAGE_QUEUE_REMOVE:
    case PLT_MESSAGE_CALL_REMOVE:
      return g_strcmp0 (a->u.remove.id, b->u.remove.id) == 0 &&
             a->u.remove.ver == b->u.remove.ver;

    case PLT_MESSAGE_ERROR:
      return a->u.error.code == b->u.error.code &&
             !a->u.error.fatal == !b->u.error.fatal &&
             g_strcmp0 (a->u.error.message, b->u.error.message) == 0;

    default:
      return FALSE;
    }
}

/* ------------------------------------------------------------------------ */
/* Pre-scan (docs/protocol.md §7, steps 3 and 4)                             */
/* ------------------------------------------------------------------------ */

/*
 * One pass over the text, before json-glib sees it. json-glib 1.6.6 recurses
 * without a limit (a deep enough input overflows the stack) and is lenient
 * in ways that would let two decoders disagree, so this pass rejects:
 *
 *   - nesting deeper than PLT_PROTOCOL_MAX_DEPTH (TOO_LARGE);
 *   - a string longer than PLT_PROTOCOL_MAX_STRING bytes once unescaped,
 *     member names included (TOO_LARGE);
 *   - a number whose mantissa has more than PLT_PROTOCOL_MAX_DIGITS
 *     significant digits, or whose exponent has more than 3 digits;
 *     json-glib turns a too long integer into -1 silently (BAD_REQUEST);
 *   - comments (slash-star, slash-slash), single-quoted strings, hexadecimal
 *     numbers, leading zeros, "1.", ".5", "+1", NaN and Infinity, bare words
 *     other than true, false and null (BAD_REQUEST);
 *   - raw control characters (below U+0020) inside strings, escapes other
 *     than the eight of RFC 8259 and \uXXXX, lone UTF-16 surrogates, and
 *     \u0000, which would cut a C string short (BAD_REQUEST);
 *   - a root that is not an object, an empty or blank text, and anything
 *     but whitespace after the root object, such as "{} {}" (BAD_REQUEST).
 *
 * What is left for json-glib is RFC 8259 grammar (commas, colons, matching
 * brackets). Duplicate member names are tolerated: the last one wins.
 * Errors are reported in text order, except the ones about the root, which
 * are step 4 of the rules and come after the whole text has been scanned.
 */

#define IS_DIGIT(c) ((c) >= '0' && (c) <= '9')
#define MAX_EXPONENT_DIGITS 3

static gboolean
prescan_fail (GError           **error,
              PltProtocolError   code,
              gsize              offset,
              const char        *what)
{
  g_set_error (error, PLT_PROTOCOL_ERROR, code, "%s (at byte %" G_GSIZE_FORMAT ")", what, offset);
  return FALSE;
}

static int
hex_value (guchar c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static gboolean
read_hex4 (const guchar *p,
           const guchar *end,
           guint        *out)
{
  guint v = 0;

  if (end - p < 4)
    return FALSE;

  for (guint i = 0; i < 4; i++)
    {
      int h = hex_value (p[i]);

      if (h < 0)
        return FALSE;
      v = (v << 4) | (guint) h;
    }

  *out = v;
  return TRUE;
}

/* @p points after the opening quote. Returns the position after the closing
 * quote, or NULL with @error set. */
static const guchar *
prescan_string (const guchar  *start,
                const guchar  *p,
                const guchar  *end,
                GError       **error)
{
  gsize decoded = 0;

  for (;;)
    {
      const guchar *run = p;

      /* The common case: plain bytes. The text is valid UTF-8 already, so
       * each byte is one byte of the decoded string. */
      while (p < end && *p != '"' && *p != '\\' && *p >= 0x20)
        p++;
      decoded += (gsize) (p - run);

      if (decoded > PLT_PROTOCOL_MAX_STRING)
        {
          prescan_fail (error, PLT_PROTOCOL_ERROR_TOO_LARGE, run - start,
                        "a string is longer than 4096 bytes");
          return NULL;
        }

      if (p >= end)
        {
          prescan_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, p - start, "unterminated string");
          return NULL;
        }

      if (*p == '"')
        return p + 1;

      if (*p < 0x20)
        {
          prescan_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, p - start,
                        "raw control character inside a string");
          return NULL;
        }

      /* A backslash */
      if (p + 1 >= end)
        {
          prescan_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, p - start, "unterminated string");
          return NULL;
        }

      switch (p[1])
        {
        case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
          decoded += 1;
          p += 2;
          break;

        case 'u':
          {
            guint cp;

            if (!read_hex4 (p + 2, end, &cp))
              {
                prescan_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, p - start,
                              "invalid \\u escape");
                return NULL;
              }

            if (cp == 0)
              {
                prescan_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, p - start,
                              "\\u0000 is not allowed in a string");
                return NULL;
              }

            if (cp >= 0xD800 && cp <= 0xDBFF)
              {
                guint low;

                if (end - p < 12 || p[6] != '\\' || p[7] != 'u' ||
                    !read_hex4 (p + 8, end, &low) || low < 0xDC00 || low > 0xDFFF)
                  {
                    prescan_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, p - start,
                                  "lone UTF-16 surrogate in a \\u escape");
                    return NULL;
                  }
                decoded += 4;
                p += 12;
              }
            else if (cp >= 0xDC00 && cp <= 0xDFFF)
              {
                prescan_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, p - start,
                              "lone UTF-16 surrogate in a \\u escape");
                return NULL;
              }
            else
              {
                decoded += cp < 0x80 ? 1 : cp < 0x800 ? 2 : 3;
                p += 6;
              }
          }
          break;

        default:
          prescan_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, p - start,
                        "invalid escape sequence in a string");
          return NULL;
        }

      if (decoded > PLT_PROTOCOL_MAX_STRING)
        {
          prescan_fail (error, PLT_PROTOCOL_ERROR_TOO_LARGE, p - start,
                        "a string is longer than 4096 bytes");
          return NULL;
        }
    }
}

static const guchar *
prescan_number (const guchar  *start,
                const guchar  *p,
                const guchar  *end,
                GError       **error)
{
  const guchar *first = p;
  guint significant = 0;
  guint exponent_digits = 0;
  gboolean leading = TRUE;

  if (*p == '-')
    p++;

  if (p >= end || !IS_DIGIT (*p))
    {
      prescan_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, first - start, "invalid number");
      return NULL;
    }

  if (*p == '0')
    {
      p++;
      if (p < end && (*p == 'x' || *p == 'X'))
        {
          prescan_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, first - start,
                        "hexadecimal numbers are not allowed");
          return NULL;
        }
      if (p < end && IS_DIGIT (*p))
        {
          prescan_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, first - start,
                        "numbers must not have leading zeros");
          return NULL;
        }
    }
  else
    {
      leading = FALSE;
      while (p < end && IS_DIGIT (*p))
        {
          significant++;
          p++;
        }
    }

  if (p < end && *p == '.')
    {
      p++;
      if (p >= end || !IS_DIGIT (*p))
        {
          prescan_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, first - start, "invalid number");
          return NULL;
        }
      while (p < end && IS_DIGIT (*p))
        {
          if (*p != '0')
            leading = FALSE;
          if (!leading)
            significant++;
          p++;
        }
    }

  if (p < end && (*p == 'e' || *p == 'E'))
    {
      p++;
      if (p < end && (*p == '+' || *p == '-'))
        p++;
      if (p >= end || !IS_DIGIT (*p))
        {
          prescan_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, first - start, "invalid number");
          return NULL;
        }
      while (p < end && IS_DIGIT (*p))
        {
          exponent_digits++;
          p++;
        }
    }

  if (p < end && (g_ascii_isalnum (*p) || *p == '.' || *p == '_'))
    {
      prescan_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, first - start, "invalid number");
      return NULL;
    }

  if (significant > PLT_PROTOCOL_MAX_DIGITS)
    {
      prescan_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, first - start,
                    "a number has more than 18 digits");
      return NULL;
    }

  if (exponent_digits > MAX_EXPONENT_DIGITS)
    {
      prescan_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, first - start,
                    "a number has an exponent of more than 3 digits");
      return NULL;
    }

  return p;
}

static const guchar *
prescan_word (const guchar  *start,
              const guchar  *p,
              const guchar  *end,
              GError       **error)
{
  static const char * const words[] = { "true", "false", "null" };
  const guchar *q = p;

  while (q < end && (g_ascii_isalnum (*q) || *q == '_'))
    q++;

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if ((gsize) (q - p) == strlen (words[i]) && memcmp (p, words[i], q - p) == 0)
      return q;

  prescan_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, p - start, "unexpected word; only true, false and null are allowed");
  return NULL;
}

static gboolean
prescan (const char  *text,
         gsize        length,
         GError     **error)
{
  const guchar *start = (const guchar *) text;
  const guchar *p = start;
  const guchar *end = start + length;
  guint depth = 0;
  guint n_roots = 0;
  guchar root_char = 0;

  while (p < end)
    {
      guchar c = *p;

      if (c == ' ' || c == '\n' || c == '\r' || c == '\t')
        {
          p++;
          continue;
        }

      if (depth == 0 && c != '}' && c != ']')
        {
          if (n_roots++ == 0)
            root_char = c;
        }

      switch (c)
        {
        case '{':
        case '[':
          if (++depth > PLT_PROTOCOL_MAX_DEPTH)
            return prescan_fail (error, PLT_PROTOCOL_ERROR_TOO_LARGE, p - start,
                                 "nesting deeper than 32 levels");
          p++;
          break;

        case '}':
        case ']':
          if (depth == 0)
            return prescan_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, p - start,
                                 "unbalanced brackets");
          depth--;
          p++;
          break;

        case ',':
        case ':':
          p++;
          break;

        case '"':
          p = prescan_string (start, p + 1, end, error);
          if (p == NULL)
            return FALSE;
          break;

        case '-':
        case '0': case '1': case '2': case '3': case '4':
        case '5': case '6': case '7': case '8': case '9':
          p = prescan_number (start, p, end, error);
          if (p == NULL)
            return FALSE;
          break;

        case '/':
          return prescan_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, p - start,
                               "comments are not allowed");

        case '\'':
          return prescan_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, p - start,
                               "single-quoted strings are not allowed");

        default:
          if (g_ascii_isalpha (c))
            {
              p = prescan_word (start, p, end, error);
              if (p == NULL)
                return FALSE;
            }
          else
            return prescan_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, p - start,
                                 "unexpected character");
          break;
        }
    }

  if (n_roots == 0)
    {
      g_set_error_literal (error, PLT_PROTOCOL_ERROR, PLT_PROTOCOL_ERROR_BAD_REQUEST,
                           "the message is empty");
      return FALSE;
    }

  if (root_char != '{')
    {
      g_set_error_literal (error, PLT_PROTOCOL_ERROR, PLT_PROTOCOL_ERROR_BAD_REQUEST,
                           "the message is not a JSON object");
      return FALSE;
    }

  if (n_roots > 1)
    {
      g_set_error_literal (error, PLT_PROTOCOL_ERROR, PLT_PROTOCOL_ERROR_BAD_REQUEST,
                           "unexpected data after the JSON object");
      return FALSE;
    }

  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Field access with named errors                                            */
/* ------------------------------------------------------------------------ */

/* Where a field sits, as a chain on the stack: "data.agents[3].status". Only
 * rendered when a message is rejected. */
typedef struct _Path Path;
struct _Path
{
  const Path *parent;
  const char *name;   /* NULL for an array element */
  guint       index;
};

static void
path_render (GString    *out,
             const Path *path)
{
  if (path == NULL)
    return;

  path_render (out, path->parent);

  if (path->name != NULL)
    {
      if (out->len > 0)
        g_string_append_c (out, '.');
      g_string_append (out, path->name);
    }
  else
    g_string_append_printf (out, "[%u]", path->index);
}

G_GNUC_PRINTF (5, 6)
static gboolean
field_fail (GError           **error,
            PltProtocolError   code,
            const Path        *at,
            const char        *name,
            const char        *format,
            ...)
{
  g_autoptr(GString) field = g_string_new (NULL);
  g_autofree char *what = NULL;
  Path leaf = { at, name, 0 };
  va_list args;

  path_render (field, name != NULL ? &leaf : at);

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, PLT_PROTOCOL_ERROR, code, "field “%s” %s", field->str, what);
  return FALSE;
}

static gboolean
node_is_null (JsonNode *node)
{
  return node == NULL || JSON_NODE_HOLDS_NULL (node);
}

static gboolean
read_int (JsonObject  *object,
          const Path  *at,
          const char  *name,
          gint64       min,
          gint64       max,
          gint64      *out,
          GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);
  gint64 value;

  if (node == NULL)
    return field_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, at, name, "is missing");

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return field_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, at, name, "must be an integer");

  value = json_node_get_int (node);
  if (value < min || value > max)
    {
      if (max == G_MAXINT64)
        return field_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, at, name,
                           "must be an integer ≥ %" G_GINT64_FORMAT, min);
      return field_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, at, name,
                         "must be an integer from %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT,
                         min, max);
    }

  *out = value;
  return TRUE;
}

static gboolean
read_uint (JsonObject  *object,
           const Path  *at,
           const char  *name,
           guint        min,
           guint        max,
           guint       *out,
           GError     **error)
{
  gint64 value;

  if (!read_int (object, at, name, min, max, &value, error))
    return FALSE;

  *out = (guint) value;
  return TRUE;
}

/* An integer, or null (or absent) which gives @null_value. */
static gboolean
read_int_or_null (JsonObject  *object,
                  const Path  *at,
                  const char  *name,
                  gint64       min,
                  gint64       max,
                  gint64       null_value,
                  gint64      *out,
                  GError     **error)
{
  if (node_is_null (json_object_get_member (object, name)))
    {
      *out = null_value;
      return TRUE;
    }

  return read_int (object, at, name, min, max, out, error);
}

static gboolean
read_number (JsonObject  *object,
             const Path  *at,
             const char  *name,
             double       min,
             double       max,
             gboolean     min_exclusive,
             double      *out,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);
  double value;

  if (node == NULL)
    return field_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, at, name, "is missing");

  if (!JSON_NODE_HOLDS_VALUE (node))
    return field_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, at, name, "must be a number");

  if (json_node_get_value_type (node) == G_TYPE_INT64)
    value = (double) json_node_get_int (node);
  else if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    value = json_node_get_double (node);
  else
    return field_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, at, name, "must be a number");

  if (!isfinite (value) || value > max || value < min || (min_exclusive && value == min))
    return field_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, at, name,
                       "must be a number %s %g and ≤ %g", min_exclusive ? ">" : "≥", min, max);

  *out = value;
  return TRUE;
}

static gboolean
read_bool (JsonObject  *object,
           const Path  *at,
           const char  *name,
           gboolean     absent_value,
           gboolean    *out,
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL)
    {
      *out = absent_value;
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return field_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, at, name, "must be true or false");

  *out = json_node_get_boolean (node);
  return TRUE;
}

typedef enum
{
  STRING_TEXT     = 0,        /* any string, 0–4096 bytes (the pre-scan bounds it) */
  STRING_ID       = 1 << 0,   /* 1–64 bytes */
  STRING_NULLABLE = 1 << 1,   /* null or absent gives NULL */
} StringFlags;

/* Returns a borrowed string (or NULL when nullable and null). */
static gboolean
peek_string (JsonObject   *object,
             const Path   *at,
             const char   *name,
             StringFlags   flags,
             const char  **out,
             GError      **error)
{
  JsonNode *node = json_object_get_member (object, name);
  const char *value;

  if (node_is_null (node))
    {
      if (flags & STRING_NULLABLE)
        {
          *out = NULL;
          return TRUE;
        }
      if (node == NULL)
        return field_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, at, name, "is missing");
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return field_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, at, name,
                       (flags & STRING_NULLABLE) ? "must be a string or null" : "must be a string");

  value = json_node_get_string (node);
  if (value == NULL)
    value = "";

  if (flags & STRING_ID)
    {
      gsize len = strlen (value);

      if (len < 1 || len > PLT_PROTOCOL_MAX_ID)
        return field_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, at, name,
                           "must be 1 to 64 bytes long");
    }

  *out = value;
  return TRUE;
}

static gboolean
read_string (JsonObject   *object,
             const Path   *at,
             const char   *name,
             StringFlags   flags,
             char        **out,
             GError      **error)
{
  const char *value;

  if (!peek_string (object, at, name, flags, &value, error))
    return FALSE;

  g_free (*out);
  *out = g_strdup (value);
  return TRUE;
}

static gboolean
read_object (JsonObject   *object,
             const Path   *at,
             const char   *name,
             JsonObject  **out,
             GError      **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL)
    return field_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, at, name, "is missing");

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return field_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, at, name, "must be an object");

  *out = json_node_get_object (node);
  return TRUE;
}

/* An optional array: absent or null gives NULL. */
static gboolean
read_optional_array (JsonObject  *object,
                     const Path  *at,
                     const char  *name,
                     JsonArray  **out,
                     GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node_is_null (node))
    {
      *out = NULL;
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return field_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, at, name, "must be an array");

  *out = json_node_get_array (node);
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Entities                                                                  */
/* ------------------------------------------------------------------------ */

#define MAX_COUNT G_MAXINT32

static PltTeamData *
parse_team (JsonObject  *object,
            const Path  *at,
            GError     **error)
{
  g_autoptr(PltTeamData) data = plt_team_data_new ();

  if (!read_string (object, at, "id", STRING_ID, &data->id, error) ||
      !read_int (object, at, "ver", 1, G_MAXINT64, &data->ver, error) ||
      !read_string (object, at, "name", STRING_TEXT, &data->name, error))
    return NULL;

  return g_steal_pointer (&data);
}

static PltAgentData *
parse_agent (JsonObject  *object,
             const Path  *at,
             GError     **error)
{
  g_autoptr(PltAgentData) data = plt_agent_data_new ();
  const char *status = NULL;
  const char *activity = NULL;
  JsonNode *queues_node;
  JsonArray *queues;
  Path queues_at = { at, "queues", 0 };
  guint n;

  if (!read_string (object, at, "id", STRING_ID, &data->id, error) ||
      !read_int (object, at, "ver", 1, G_MAXINT64, &data->ver, error) ||
      !read_string (object, at, "name", STRING_TEXT, &data->name, error) ||
      !read_string (object, at, "team", STRING_ID, &data->team, error) ||
      !peek_string (object, at, "status", STRING_TEXT, &status, error) ||
      !read_string (object, at, "reason", STRING_NULLABLE, &data->reason, error) ||
      !peek_string (object, at, "activity", STRING_TEXT, &activity, error) ||
      !read_int (object, at, "since", 0, G_MAXINT64, &data->since, error) ||
      !read_string (object, at, "queue", STRING_ID | STRING_NULLABLE, &data->queue, error) ||
      !read_string (object, at, "call", STRING_ID | STRING_NULLABLE, &data->call, error))
    return NULL;

  data->status = plt_agent_status_from_string (status);
  data->activity = plt_agent_activity_from_string (activity);

  queues_node = json_object_get_member (object, "queues");
  if (queues_node == NULL)
    {
      field_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, at, "queues", "is missing");
      return NULL;
    }
  if (!JSON_NODE_HOLDS_ARRAY (queues_node))
    {
      field_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, at, "queues", "must be an array");
      return NULL;
    }

  queues = json_node_get_array (queues_node);
  n = json_array_get_length (queues);
  g_strfreev (data->queues);
  data->queues = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (queues, i);
      Path element = { &queues_at, NULL, i };
      gsize len;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        {
          field_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, &element, NULL, "must be a string");
          return NULL;
        }

      len = strlen (json_node_get_string (node));
      if (len < 1 || len > PLT_PROTOCOL_MAX_ID)
        {
          field_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, &element, NULL,
                      "must be 1 to 64 bytes long");
          return NULL;
        }

      data->queues[i] = g_strdup (json_node_get_string (node));
    }

  return g_steal_pointer (&data);
}

static PltQueueData *
parse_queue (JsonObject  *object,
             const Path  *at,
             GError     **error)
{
  g_autoptr(PltQueueData) data = plt_queue_data_new ();
  const char *media = NULL;
  JsonObject *agents = NULL;
  JsonObject *today = NULL;
  Path agents_at = { at, "agents", 0 };
  Path today_at = { at, "today", 0 };

  if (!read_string (object, at, "id", STRING_ID, &data->id, error) ||
      !read_int (object, at, "ver", 1, G_MAXINT64, &data->ver, error) ||
      !read_string (object, at, "name", STRING_TEXT, &data->name, error) ||
      !peek_string (object, at, "media", STRING_TEXT, &media, error) ||
      !read_uint (object, at, "sl_threshold_s", 1, 86400, &data->sl_threshold_s, error) ||
      !read_number (object, at, "sl_target", 0.0, 1.0, FALSE, &data->sl_target, error) ||
      !read_uint (object, at, "waiting", 0, MAX_COUNT, &data->waiting, error) ||
      !read_int_or_null (object, at, "oldest_since", 0, G_MAXINT64, 0, &data->oldest_since, error) ||
      !read_object (object, at, "agents", &agents, error) ||
      !read_uint (agents, &agents_at, "available", 0, MAX_COUNT, &data->agents.available, error) ||
      !read_uint (agents, &agents_at, "busy", 0, MAX_COUNT, &data->agents.busy, error) ||
      !read_uint (agents, &agents_at, "wrap_up", 0, MAX_COUNT, &data->agents.wrap_up, error) ||
      !read_uint (agents, &agents_at, "paused", 0, MAX_COUNT, &data->agents.paused, error) ||
      !read_uint (agents, &agents_at, "logged_out", 0, MAX_COUNT, &data->agents.logged_out, error) ||
      !read_object (object, at, "today", &today, error) ||
      !read_uint (today, &today_at, "offered", 0, MAX_COUNT, &data->today.offered, error) ||
      !read_uint (today, &today_at, "answered", 0, MAX_COUNT, &data->today.answered, error) ||
      !read_uint (today, &today_at, "abandoned", 0, MAX_COUNT, &data->today.abandoned, error) ||
      !read_uint (today, &today_at, "answered_in_sl", 0, MAX_COUNT, &data->today.answered_in_sl, error) ||
      !read_int (today, &today_at, "wait_total_s", 0, G_MAXINT64, &data->today.wait_total_s, error))
    return NULL;

  data->media = plt_queue_media_from_string (media);

  return g_steal_pointer (&data);
}

static PltCallData *
parse_call (JsonObject  *object,
            const Path  *at,
            GError     **error)
{
  g_autoptr(PltCallData) data = plt_call_data_new ();
  const char *state = NULL;

  if (!read_string (object, at, "id", STRING_ID, &data->id, error) ||
      !read_int (object, at, "ver", 1, G_MAXINT64, &data->ver, error) ||
      !read_string (object, at, "queue", STRING_ID, &data->queue, error) ||
      !peek_string (object, at, "state", STRING_TEXT, &state, error) ||
      !read_string (object, at, "agent", STRING_ID | STRING_NULLABLE, &data->agent, error) ||
      !read_string (object, at, "number", STRING_NULLABLE, &data->number, error) ||
      !read_int (object, at, "since", 0, G_MAXINT64, &data->since, error) ||
      !read_int (object, at, "enqueued", 0, G_MAXINT64, &data->enqueued, error))
    return NULL;

  data->state = plt_call_state_from_string (state);

  return g_steal_pointer (&data);
}

typedef gpointer (*ParseEntityFunc) (JsonObject  *object,
                                     const Path  *at,
                                     GError     **error);

static gboolean
parse_entity_array (JsonObject       *data,
                    const Path       *at,
                    const char       *name,
                    ParseEntityFunc   parse,
                    GPtrArray        *out,
                    GError          **error)
{
  JsonArray *array = NULL;
  Path array_at = { at, name, 0 };
  guint n;

  if (!read_optional_array (data, at, name, &array, error))
    return FALSE;
  if (array == NULL)
    return TRUE;

  n = json_array_get_length (array);
  if (n > PLT_PROTOCOL_MAX_PART_ENTITIES)
    return field_fail (error, PLT_PROTOCOL_ERROR_TOO_LARGE, at, name,
                       "holds %u entities; a part holds at most 500", n);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      Path element = { &array_at, NULL, i };
      gpointer entity;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return field_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, &element, NULL, "must be an object");

      entity = parse (json_node_get_object (node), &element, error);
      if (entity == NULL)
        return FALSE;

      g_ptr_array_add (out, entity);
    }

  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Payloads                                                                  */
/* ------------------------------------------------------------------------ */

static gboolean
parse_payload (PltMessage  *message,
               JsonObject  *data,
               const Path  *at,
               GError     **error)
{
  switch (message->type)
    {
    case PLT_MESSAGE_HELLO:
      return read_string (data, at, "client", STRING_TEXT, &message->u.hello_client, error);

    case PLT_MESSAGE_WELCOME:
      {
        PltWelcomeData *w = &message->u.welcome;
        JsonObject *clock = NULL;
        JsonObject *limits = NULL;
        Path clock_at = { at, "clock", 0 };
        Path limits_at = { at, "limits", 0 };

        return read_string (data, at, "session", STRING_TEXT, &w->session, error) &&
               read_string (data, at, "server", STRING_TEXT, &w->server, error) &&
               read_int (data, at, "heartbeat_ms", 100, 600000, &w->heartbeat_ms, error) &&
               read_object (data, at, "clock", &clock, error) &&
               read_int (clock, &clock_at, "now", 0, G_MAXINT64, &w->clock_now, error) &&
               read_number (clock, &clock_at, "rate", 0.0, 1.0e6, TRUE, &w->clock_rate, error) &&
               read_object (data, at, "limits", &limits, error) &&
               read_int (limits, &limits_at, "max_message", 1, G_MAXINT32, &w->limits.max_message, error) &&
               read_int (limits, &limits_at, "max_client_message", 1, G_MAXINT32, &w->limits.max_client_message, error) &&
               read_int (limits, &limits_at, "max_depth", 1, G_MAXINT32, &w->limits.max_depth, error) &&
               read_int (limits, &limits_at, "max_string", 1, G_MAXINT32, &w->limits.max_string, error);
      }

    case PLT_MESSAGE_ACK:
      return read_int (data, at, "seq", 0, G_MAXINT64, &message->u.ack_seq, error);

    case PLT_MESSAGE_RESYNC:
      return read_int (data, at, "from_seq", 0, G_MAXINT64, &message->u.resync_from_seq, error);

    case PLT_MESSAGE_SNAPSHOT_BEGIN:
      {
        PltSnapshotBeginData *b = &message->u.snapshot_begin;
        const char *reason = NULL;
        JsonObject *counts = NULL;
        Path counts_at = { at, "counts", 0 };

        if (!read_string (data, at, "snapshot_id", STRING_ID, &b->snapshot_id, error) ||
            !read_int (data, at, "as_of_seq", 0, G_MAXINT64, &b->as_of_seq, error) ||
            !read_int (data, at, "parts", 1, 100000, &b->parts, error) ||
            !peek_string (data, at, "reason", STRING_TEXT, &reason, error) ||
            !read_object (data, at, "counts", &counts, error) ||
            !read_int (counts, &counts_at, "teams", 0, MAX_COUNT, &b->count_teams, error) ||
            !read_int (counts, &counts_at, "agents", 0, MAX_COUNT, &b->count_agents, error) ||
            !read_int (counts, &counts_at, "queues", 0, MAX_COUNT, &b->count_queues, error) ||
            !read_int (counts, &counts_at, "calls", 0, MAX_COUNT, &b->count_calls, error))
          return FALSE;

        /* An enumerated string: unknown values are kept as "unknown". */
        if (g_strcmp0 (reason, "initial") == 0 || g_strcmp0 (reason, "resync") == 0)
          b->reason = g_strdup (reason);
        else
          b->reason = g_strdup ("unknown");

        return TRUE;
      }

    case PLT_MESSAGE_SNAPSHOT_PART:
      {
        PltSnapshotPartData *part = &message->u.snapshot_part;

        return read_string (data, at, "snapshot_id", STRING_ID, &part->snapshot_id, error) &&
               read_int (data, at, "index", 0, 99999, &part->index, error) &&
               parse_entity_array (data, at, "teams", (ParseEntityFunc) parse_team, part->teams, error) &&
               parse_entity_array (data, at, "agents", (ParseEntityFunc) parse_agent, part->agents, error) &&
               parse_entity_array (data, at, "queues", (ParseEntityFunc) parse_queue, part->queues, error) &&
               parse_entity_array (data, at, "calls", (ParseEntityFunc) parse_call, part->calls, error);
      }

    case PLT_MESSAGE_SNAPSHOT_END:
      return read_string (data, at, "snapshot_id", STRING_ID, &message->u.snapshot_end_id, error);

    case PLT_MESSAGE_TEAM_UPDATE:
      message->u.team = parse_team (data, at, error);
      return message->u.team != NULL;

    case PLT_MESSAGE_AGENT_UPDATE:
      message->u.agent = parse_agent (data, at, error);
      return message->u.agent != NULL;

    case PLT_MESSAGE_QUEUE_UPDATE:
      message->u.queue = parse_queue (data, at, error);
      return message->u.queue != NULL;

    case PLT_MESSAGE_CALL_UPDATE:
      message->u.call = parse_call (data, at, error);
      return message->u.call != NULL;

    case PLT_MESSAGE_TEAM_REMOVE:
    case PLT_MESSAGE_AGENT_REMOVE:
    case PLT_MESSAGE_QUEUE_REMOVE:
    case PLT_MESSAGE_CALL_REMOVE:
      return read_string (data, at, "id", STRING_ID, &message->u.remove.id, error) &&
             read_int (data, at, "ver", 1, G_MAXINT64, &message->u.remove.ver, error);

    case PLT_MESSAGE_ERROR:
      {
        const char *code = NULL;

        if (!peek_string (data, at, "code", STRING_TEXT, &code, error) ||
            !read_string (data, at, "message", STRING_TEXT, &message->u.error.message, error) ||
            !read_bool (data, at, "fatal", FALSE, &message->u.error.fatal, error))
          return FALSE;

        message->u.error.code = plt_protocol_error_code_from_string (code);
        return TRUE;
      }

    case PLT_MESSAGE_UNKNOWN:
    case PLT_MESSAGE_HEARTBEAT:
    default:
      return TRUE;
    }
}

/* ------------------------------------------------------------------------ */
/* PltDecoder                                                                */
/* ------------------------------------------------------------------------ */

struct _PltDecoder
{
  GObject              parent_instance;

  JsonParser          *parser;
  PltDecoderDirection  direction;
  guint64              unknown_count;
  guint64              rejected_count;
};

G_DEFINE_FINAL_TYPE (PltDecoder, plt_decoder, G_TYPE_OBJECT)

static void
plt_decoder_finalize (GObject *object)
{
  PltDecoder *self = PLT_DECODER (object);

  g_clear_object (&self->parser);

  G_OBJECT_CLASS (plt_decoder_parent_class)->finalize (object);
}

static void
plt_decoder_class_init (PltDecoderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = plt_decoder_finalize;
}

static void
plt_decoder_init (PltDecoder *self)
{
  self->parser = json_parser_new_immutable ();
}

PltDecoder *
plt_decoder_new (PltDecoderDirection direction)
{
  PltDecoder *self;

  g_return_val_if_fail (direction == PLT_DECODER_FROM_SERVER ||
                        direction == PLT_DECODER_FROM_CLIENT, NULL);

  self = g_object_new (PLT_TYPE_DECODER, NULL);
  self->direction = direction;

  return self;
}

static PltMessage *
decode_envelope (PltDecoder  *self,
                 JsonObject  *root,
                 GError     **error)
{
  g_autoptr(PltMessage) message = NULL;
  const char *type_name = NULL;
  JsonNode *data_node;
  PltMessageType type;
  gint64 version;
  gint64 ts = 0;

  /* v */
  if (!read_int (root, NULL, "v", G_MININT64, G_MAXINT64, &version, error))
    return NULL;
  if (version != PLT_PROTOCOL_VERSION)
    {
      g_set_error (error, PLT_PROTOCOL_ERROR, PLT_PROTOCOL_ERROR_UNSUPPORTED_VERSION,
                   "protocol version %" G_GINT64_FORMAT " is not supported (this build speaks version %d)",
                   version, PLT_PROTOCOL_VERSION);
      return NULL;
    }

  /* type */
  if (!peek_string (root, NULL, "type", STRING_ID, &type_name, error))
    return NULL;

  type = plt_message_type_from_string (type_name);
  message = plt_message_new (type);
  if (type == PLT_MESSAGE_UNKNOWN)
    message->type_name = g_strdup (type_name);

  /* seq and epoch: required from a router, optional from a console */
  if (self->direction == PLT_DECODER_FROM_SERVER ||
      json_object_get_member (root, "seq") != NULL)
    {
      if (!read_int (root, NULL, "seq", 0, G_MAXINT64, &message->seq, error))
        return NULL;
      message->has_seq = TRUE;
    }

  if (self->direction == PLT_DECODER_FROM_SERVER ||
      json_object_get_member (root, "epoch") != NULL)
    {
      if (!read_string (root, NULL, "epoch", STRING_ID, &message->epoch, error))
        return NULL;
    }

  if (json_object_get_member (root, "ts") != NULL)
    {
      if (!read_int (root, NULL, "ts", 0, G_MAXINT64, &ts, error))
        return NULL;
      message->ts = ts;
    }

  if (type == PLT_MESSAGE_UNKNOWN)
    {
      self->unknown_count++;
      return g_steal_pointer (&message);
    }

  if (message_type_has_payload (type))
    {
      Path data_at = { NULL, "data", 0 };

      data_node = json_object_get_member (root, "data");
      if (data_node == NULL)
        {
          field_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, NULL, "data", "is missing");
          return NULL;
        }
      if (!JSON_NODE_HOLDS_OBJECT (data_node))
        {
          field_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, NULL, "data", "must be an object");
          return NULL;
        }

      if (!parse_payload (message, json_node_get_object (data_node), &data_at, error))
        return NULL;
    }

  return g_steal_pointer (&message);
}

PltMessage *
plt_decoder_decode (PltDecoder  *self,
                    const char  *data,
                    gsize        length,
                    GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  PltMessage *message = NULL;
  gsize limit;
  JsonNode *root;

  g_return_val_if_fail (PLT_IS_DECODER (self), NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* 1. size, by direction */
  limit = self->direction == PLT_DECODER_FROM_SERVER
    ? PLT_PROTOCOL_MAX_CLIENT_FRAME
    : PLT_PROTOCOL_MAX_CLIENT_MESSAGE;

  if (length > limit)
    {
      g_set_error (&local_error, PLT_PROTOCOL_ERROR, PLT_PROTOCOL_ERROR_TOO_LARGE,
                   "the message is %" G_GSIZE_FORMAT " bytes long; the limit is %" G_GSIZE_FORMAT,
                   length, limit);
      goto out;
    }

  /* 2. encoding */
  if (length > 0 && memchr (data, '\0', length) != NULL)
    {
      g_set_error_literal (&local_error, PLT_PROTOCOL_ERROR, PLT_PROTOCOL_ERROR_BAD_REQUEST,
                           "the message contains a NUL byte");
      goto out;
    }

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      g_set_error_literal (&local_error, PLT_PROTOCOL_ERROR, PLT_PROTOCOL_ERROR_BAD_REQUEST,
                           "the message starts with a byte-order mark");
      goto out;
    }

  if (!g_utf8_validate_len (data, length, NULL))
    {
      g_set_error_literal (&local_error, PLT_PROTOCOL_ERROR, PLT_PROTOCOL_ERROR_BAD_REQUEST,
                           "the message is not valid UTF-8");
      goto out;
    }

  /* 3. depth, digits and leniencies; 4. (partly) the root is one object */
  if (!prescan (data, length, &local_error))
    goto out;

  /* 4. JSON */
  if (!json_parser_load_from_data (self->parser, data, (gssize) length, &local_error))
    {
      g_autofree char *detail = g_strdup (local_error->message);

      g_clear_error (&local_error);
      g_set_error (&local_error, PLT_PROTOCOL_ERROR, PLT_PROTOCOL_ERROR_BAD_REQUEST,
                   "the message is not valid JSON: %s", detail);
      goto out;
    }

  root = json_parser_get_root (self->parser);
  if (root == NULL)
    {
      g_set_error_literal (&local_error, PLT_PROTOCOL_ERROR, PLT_PROTOCOL_ERROR_BAD_REQUEST,
                           "the message is empty");
      goto out;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (&local_error, PLT_PROTOCOL_ERROR, PLT_PROTOCOL_ERROR_BAD_REQUEST,
                           "the message is not a JSON object");
      goto out;
    }

  /* 5. and 6. */
  message = decode_envelope (self, json_node_get_object (root), &local_error);

out:
  if (message == NULL)
    {
      self->rejected_count++;
      g_propagate_error (error, g_steal_pointer (&local_error));
    }

  return message;
}

guint64
plt_decoder_get_unknown_count (PltDecoder *self)
{
  g_return_val_if_fail (PLT_IS_DECODER (self), 0);

  return self->unknown_count;
}

guint64
plt_decoder_get_rejected_count (PltDecoder *self)
{
  g_return_val_if_fail (PLT_IS_DECODER (self), 0);

  return self->rejected_count;
}

/* ------------------------------------------------------------------------ */
/* Encoder                                                                   */
/* ------------------------------------------------------------------------ */

/* Writes @str as a JSON string, or null. Text that is not valid UTF-8 is
 * repaired (U+FFFD) rather than sent broken. */
static void
append_string (GString    *out,
               const char *str)
{
  g_autofree char *valid = NULL;
  const guchar *p;

  if (str == NULL)
    {
      g_string_append_len (out, "null", 4);
      return;
    }

  if (!g_utf8_validate (str, -1, NULL))
    str = valid = g_utf8_make_valid (str, -1);

  g_string_append_c (out, '"');

  p = (const guchar *) str;
  while (*p != '\0')
    {
      const guchar *run = p;

      while (*p >= 0x20 && *p != '"' && *p != '\\')
        p++;
      if (p > run)
        g_string_append_len (out, (const char *) run, p - run);

      if (*p == '\0')
        break;

      switch (*p)
        {
        case '"':  g_string_append_len (out, "\\\"", 2); break;
        case '\\': g_string_append_len (out, "\\\\", 2); break;
        case '\n': g_string_append_len (out, "\\n", 2); break;
        case '\r': g_string_append_len (out, "\\r", 2); break;
        case '\t': g_string_append_len (out, "\\t", 2); break;
        case '\b': g_string_append_len (out, "\\b", 2); break;
        case '\f': g_string_append_len (out, "\\f", 2); break;
        default:
          g_string_append_printf (out, "\\u%04x", *p);
          break;
        }
      p++;
    }

  g_string_append_c (out, '"');
}

static void
append_int (GString *out,
            gint64   value)
{
  char buf[24];
  char *end = buf + sizeof buf;
  char *p = end;
  guint64 magnitude = value < 0 ? (guint64) 0 - (guint64) value : (guint64) value;

  do
    {
      *--p = (char) ('0' + magnitude % 10);
      magnitude /= 10;
    }
  while (magnitude != 0);

  if (value < 0)
    *--p = '-';

  g_string_append_len (out, p, end - p);
}

/* Shortest text that reads back to the same double (%.17g at most, which
 * the pre-scan accepts: at most 17 significant digits). Non-finite values
 * have no JSON form and are written as 0. */
static void
append_double (GString *out,
               double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    value = 0.0;

  for (int precision = 15; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buf, sizeof buf, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }

  g_string_append (out, buf);
}

/* Appends `"name":` preceded by a comma unless @first. */
static void
append_key (GString    *out,
            const char *name,
            gboolean    first)
{
  if (!first)
    g_string_append_c (out, ',');
  g_string_append_c (out, '"');
  g_string_append (out, name);
  g_string_append_len (out, "\":", 2);
}

static void
append_team (GString           *out,
             const PltTeamData *team)
{
  append_key (out, "id", TRUE);
  append_string (out, team->id);
  append_key (out, "ver", FALSE);
  append_int (out, team->ver);
  append_key (out, "name", FALSE);
  append_string (out, team->name);
}

static void
append_agent (GString            *out,
              const PltAgentData *agent)
{
  append_key (out, "id", TRUE);
  append_string (out, agent->id);
  append_key (out, "ver", FALSE);
  append_int (out, agent->ver);
  append_key (out, "name", FALSE);
  append_string (out, agent->name);
  append_key (out, "team", FALSE);
  append_string (out, agent->team);
  append_key (out, "status", FALSE);
  append_string (out, plt_agent_status_to_string (agent->status));
  append_key (out, "reason", FALSE);
  append_string (out, agent->reason);
  append_key (out, "activity", FALSE);
  append_string (out, plt_agent_activity_to_string (agent->activity));
  append_key (out, "since", FALSE);
  append_int (out, agent->since);
  append_key (out, "queue", FALSE);
  append_string (out, agent->queue);
  append_key (out, "call", FALSE);
  append_string (out, agent->call);
  append_key (out, "queues", FALSE);
  g_string_append_c (out, '[');
  for (guint i = 0; agent->queues != NULL && agent->queues[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      append_string (out, agent->queues[i]);
    }
  g_string_append_c (out, ']');
}

static void
append_queue (GString            *out,
              const PltQueueData *queue)
{
  append_key (out, "id", TRUE);
  append_string (out, queue->id);
  append_key (out, "ver", FALSE);
  append_int (out, queue->ver);
  append_key (out, "name", FALSE);
  append_string (out, queue->name);
  append_key (out, "media", FALSE);
  append_string (out, plt_queue_media_to_string (queue->media));
  append_key (out, "sl_threshold_s", FALSE);
  append_int (out, queue->sl_threshold_s);
  append_key (out, "sl_target", FALSE);
  append_double (out, queue->sl_target);
  append_key (out, "waiting", FALSE);
  append_int (out, queue->waiting);
  append_key (out, "oldest_since", FALSE);
  if (queue->oldest_since != 0)
    append_int (out, queue->oldest_since);
  else
    g_string_append_len (out, "null", 4);

  append_key (out, "agents", FALSE);
  g_string_append_c (out, '{');
  append_key (out, "available", TRUE);
  append_int (out, queue->agents.available);
  append_key (out, "busy", FALSE);
  append_int (out, queue->agents.busy);
  append_key (out, "wrap_up", FALSE);
  append_int (out, queue->agents.wrap_up);
  append_key (out, "paused", FALSE);
  append_int (out, queue->agents.paused);
  append_key (out, "logged_out", FALSE);
  append_int (out, queue->agents.logged_out);
  g_string_append_c (out, '}');

  append_key (out, "today", FALSE);
  g_string_append_c (out, '{');
  append_key (out, "offered", TRUE);
  append_int (out, queue->today.offered);
  append_key (out, "answered", FALSE);
  append_int (out, queue->today.answered);
  append_key (out, "abandoned", FALSE);
  append_int (out, queue->today.abandoned);
  append_key (out, "answered_in_sl", FALSE);
  append_int (out, queue->today.answered_in_sl);
  append_key (out, "wait_total_s", FALSE);
  append_int (out, queue->today.wait_total_s);
  g_string_append_c (out, '}');
}

static void
append_call (GString           *out,
             const PltCallData *call)
{
  append_key (out, "id", TRUE);
  append_string (out, call->id);
  append_key (out, "ver", FALSE);
  append_int (out, call->ver);
  append_key (out, "queue", FALSE);
  append_string (out, call->queue);
  append_key (out, "state", FALSE);
  append_string (out, plt_call_state_to_string (call->state));
  append_key (out, "agent", FALSE);
  append_string (out, call->agent);
  append_key (out, "number", FALSE);
  append_string (out, call->number);
  append_key (out, "since", FALSE);
  append_int (out, call->since);
  append_key (out, "enqueued", FALSE);
  append_int (out, call->enqueued);
}

typedef void (*AppendEntityFunc) (GString       *out,
                                  gconstpointer  entity);

static void
append_entity_array (GString          *out,
                     const char       *name,
                     GPtrArray        *array,
                     AppendEntityFunc  append)
{
  append_key (out, name, FALSE);
  g_string_append_c (out, '[');
  for (guint i = 0; array != NULL && i < array->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, '{');
      append (out, g_ptr_array_index (array, i));
      g_string_append_c (out, '}');
    }
  g_string_append_c (out, ']');
}

static gboolean
append_payload (GString          *out,
                const PltMessage *message)
{
  switch (message->type)
    {
    case PLT_MESSAGE_HELLO:
      append_key (out, "client", TRUE);
      append_string (out, message->u.hello_client != NULL ? message->u.hello_client : "");
      return TRUE;

    case PLT_MESSAGE_WELCOME:
      {
        const PltWelcomeData *w = &message->u.welcome;

        append_key (out, "session", TRUE);
        append_string (out, w->session != NULL ? w->session : "");
        append_key (out, "server", FALSE);
        append_string (out, w->server != NULL ? w->server : "");
        append_key (out, "heartbeat_ms", FALSE);
        append_int (out, w->heartbeat_ms);
        append_key (out, "clock", FALSE);
        g_string_append_c (out, '{');
        append_key (out, "now", TRUE);
        append_int (out, w->clock_now);
        append_key (out, "rate", FALSE);
        append_double (out, w->clock_rate);
        g_string_append_c (out, '}');
        append_key (out, "limits", FALSE);
        g_string_append_c (out, '{');
        append_key (out, "max_message", TRUE);
        append_int (out, w->limits.max_message);
        append_key (out, "max_client_message", FALSE);
        append_int (out, w->limits.max_client_message);
        append_key (out, "max_depth", FALSE);
        append_int (out, w->limits.max_depth);
        append_key (out, "max_string", FALSE);
        append_int (out, w->limits.max_string);
        g_string_append_c (out, '}');
        return TRUE;
      }

    case PLT_MESSAGE_ACK:
      append_key (out, "seq", TRUE);
      append_int (out, message->u.ack_seq);
      return TRUE;

    case PLT_MESSAGE_RESYNC:
      append_key (out, "from_seq", TRUE);
      append_int (out, message->u.resync_from_seq);
      return TRUE;

    case PLT_MESSAGE_SNAPSHOT_BEGIN:
      {
        const PltSnapshotBeginData *b = &message->u.snapshot_begin;

        append_key (out, "snapshot_id", TRUE);
        append_string (out, b->snapshot_id);
        append_key (out, "as_of_seq", FALSE);
        append_int (out, b->as_of_seq);
        append_key (out, "parts", FALSE);
        append_int (out, b->parts);
        append_key (out, "reason", FALSE);
        append_string (out, b->reason != NULL ? b->reason : "initial");
        append_key (out, "counts", FALSE);
        g_string_append_c (out, '{');
        append_key (out, "teams", TRUE);
        append_int (out, b->count_teams);
        append_key (out, "agents", FALSE);
        append_int (out, b->count_agents);
        append_key (out, "queues", FALSE);
        append_int (out, b->count_queues);
        append_key (out, "calls", FALSE);
        append_int (out, b->count_calls);
        g_string_append_c (out, '}');
        return TRUE;
      }

    case PLT_MESSAGE_SNAPSHOT_PART:
      {
        const PltSnapshotPartData *part = &message->u.snapshot_part;

        append_key (out, "snapshot_id", TRUE);
        append_string (out, part->snapshot_id);
        append_key (out, "index", FALSE);
        append_int (out, part->index);
        append_entity_array (out, "teams", part->teams, (AppendEntityFunc) append_team);
        append_entity_array (out, "agents", part->agents, (AppendEntityFunc) append_agent);
        append_entity_array (out, "queues", part->queues, (AppendEntityFunc) append_queue);
        append_entity_array (out, "calls", part->calls, (AppendEntityFunc) append_call);
        return TRUE;
      }

    case PLT_MESSAGE_SNAPSHOT_END:
      append_key (out, "snapshot_id", TRUE);
      append_string (out, message->u.snapshot_end_id);
      return TRUE;

    case PLT_MESSAGE_TEAM_UPDATE:
      g_return_val_if_fail (message->u.team != NULL, FALSE);
      append_team (out, message->u.team);
      return TRUE;

    case PLT_MESSAGE_AGENT_UPDATE:
      g_return_val_if_fail (message->u.agent != NULL, FALSE);
      append_agent (out, message->u.agent);
      return TRUE;

    case PLT_MESSAGE_QUEUE_UPDATE:
      g_return_val_if_fail (message->u.queue != NULL, FALSE);
      append_queue (out, message->u.queue);
      return TRUE;

    case PLT_MESSAGE_CALL_UPDATE:
      g_return_val_if_fail (message->u.call != NULL, FALSE);
      append_call (out, message->u.call);
      return TRUE;

    case PLT_MESSAGE_TEAM_REMOVE:
    case PLT_MESSAGE_AGENT_REMOVE:
    case PLT_MESSAGE_QUEUE_REMOVE:
    case PLT_MESSAGE_CALL_REMOVE:
      append_key (out, "id", TRUE);
      append_string (out, message->u.remove.id);
      append_key (out, "ver", FALSE);
      append_int (out, message->u.remove.ver);
      return TRUE;

    case PLT_MESSAGE_ERROR:
      append_key (out, "code", TRUE);
      append_string (out, plt_protocol_error_code_to_string (message->u.error.code));
      append_key (out, "message", FALSE);
      append_string (out, message->u.error.message != NULL ? message->u.error.message : "");
      append_key (out, "fatal", FALSE);
      g_string_append (out, message->u.error.fatal ? "true" : "false");
      return TRUE;

    case PLT_MESSAGE_UNKNOWN:
    case PLT_MESSAGE_HEARTBEAT:
    default:
      return TRUE;
    }
}

char *
plt_message_encode (const PltMessage *message)
{
  g_autoptr(GString) out = NULL;
  const char *type_name;

  g_return_val_if_fail (message != NULL, NULL);

  if (message->type == PLT_MESSAGE_UNKNOWN)
    type_name = message->type_name;
  else
    type_name = plt_message_type_to_string (message->type);

  g_return_val_if_fail (type_name != NULL, NULL);

  out = g_string_sized_new (message->type == PLT_MESSAGE_SNAPSHOT_PART ? 65536 : 256);

  g_string_append (out, "{\"v\":1,\"type\":");
  append_string (out, type_name);

  if (message->has_seq)
    {
      append_key (out, "seq", FALSE);
      append_int (out, message->seq);
    }
  if (message->epoch != NULL)
    {
      append_key (out, "epoch", FALSE);
      append_string (out, message->epoch);
    }
  if (message->ts != 0)
    {
      append_key (out, "ts", FALSE);
      append_int (out, message->ts);
    }

  if (message_type_has_payload (message->type))
    {
      append_key (out, "data", FALSE);
      g_string_append_c (out, '{');
      if (!append_payload (out, message))
        return NULL;
      g_string_append_c (out, '}');
    }

  g_string_append_c (out, '}');

  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
plt_protocol_encode_hello (const char *client)
{
  g_autoptr(PltMessage) message = plt_message_new (PLT_MESSAGE_HELLO);

  g_return_val_if_fail (client != NULL, NULL);

  message->u.hello_client = g_strdup (client);

  return plt_message_encode (message);
}

char *
plt_protocol_encode_ack (gint64 seq)
{
  g_autoptr(PltMessage) message = plt_message_new (PLT_MESSAGE_ACK);

  g_return_val_if_fail (seq >= 0, NULL);

  message->u.ack_seq = seq;

  return plt_message_encode (message);
}

char *
plt_protocol_encode_resync (gint64 from_seq)
{
  g_autoptr(PltMessage) message = plt_message_new (PLT_MESSAGE_RESYNC);

  g_return_val_if_fail (from_seq >= 0, NULL);

  message->u.resync_from_seq = from_seq;

  return plt_message_encode (message);
}

char *
plt_protocol_encode_error (gint64            seq,
                           const char       *epoch,
                           PltProtocolError  code,
                           const char       *text,
                           gboolean          fatal)
{
  g_autoptr(PltMessage) message = plt_message_new (PLT_MESSAGE_ERROR);

  g_return_val_if_fail (seq >= 0, NULL);
  g_return_val_if_fail (epoch != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  message->has_seq = TRUE;
  message->seq = seq;
  message->epoch = g_strdup (epoch);
  message->u.error.code = code;
  message->u.error.message = g_strdup (text);
  message->u.error.fatal = fatal;

  return plt_message_encode (message);
}
