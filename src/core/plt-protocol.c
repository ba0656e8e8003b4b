/* plt-protocol.c — the names of the Plateau protocol: error codes and
 * message types (docs/protocol.md). The codec itself is split by idea:
 *
 *   plt-protocol-data.c    the plain data structs: new, copy, free, equal
 *   plt-json-scan.c        the pass over the text that runs before json-glib
 *   plt-protocol-decode.c  PltDecoder: text to PltMessage
 *   plt-protocol-encode.c  PltMessage to text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "plt-protocol.h"
#include "plt-protocol-private.h"

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
  [PLT_PROTOCOL_ERROR_FORBIDDEN]           = "FORBIDDEN",
  [PLT_PROTOCOL_ERROR_NOT_FOUND]           = "NOT_FOUND",
  [PLT_PROTOCOL_ERROR_CONFLICT]            = "CONFLICT",
  [PLT_PROTOCOL_ERROR_RATE_LIMITED]        = "RATE_LIMITED",
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
  [PLT_MESSAGE_RESULT]         = "result",
  [PLT_MESSAGE_CMD_AGENT_STATUS] = "cmd.agent.status",
  [PLT_MESSAGE_KPI_UPDATE]     = "kpi.update",
  [PLT_MESSAGE_KPI_QUERY]      = "kpi.query",
  [PLT_MESSAGE_KPI_RESULT]     = "kpi.result",
  [PLT_MESSAGE_KPI_SUBSCRIBE]  = "kpi.subscribe",
  [PLT_MESSAGE_PLANNING_GET]   = "planning.get",
  [PLT_MESSAGE_PLANNING_STATE] = "planning.state",
  [PLT_MESSAGE_PLANNING_SAVE]  = "planning.save",
  [PLT_MESSAGE_PLANNING_SAVED] = "planning.saved",
  [PLT_MESSAGE_PLANNING_PUBLISH] = "planning.publish",
  [PLT_MESSAGE_PLANNING_COMMENT] = "planning.comment",
  [PLT_MESSAGE_PLANNING_PUBLISHED] = "planning.published",
  [PLT_MESSAGE_CMD_AGENT_SKILLS] = "cmd.agent.skills",
  [PLT_MESSAGE_CMD_MESSAGE]    = "cmd.message",
  [PLT_MESSAGE_MESSAGE_NEW]    = "message.new",
  [PLT_MESSAGE_MESSAGE_ACK]    = "message.ack",
  [PLT_MESSAGE_HISTORY_QUERY]  = "history.query",
  [PLT_MESSAGE_HISTORY_RESULT] = "history.result",
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


gboolean
_plt_message_type_has_payload (PltMessageType type)
{
  return type != PLT_MESSAGE_UNKNOWN && type != PLT_MESSAGE_HEARTBEAT;
}
