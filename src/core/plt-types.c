/* plt-types.c — string forms of the shared enumerations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "plt-types.h"

typedef struct
{
  int         value;
  const char *name;
} EnumName;

static const EnumName agent_status_names[] = {
  { PLT_AGENT_STATUS_LOGGED_OUT, "logged_out" },
  { PLT_AGENT_STATUS_AVAILABLE,  "available" },
  { PLT_AGENT_STATUS_PAUSED,     "paused" },
};

static const EnumName agent_activity_names[] = {
  { PLT_AGENT_ACTIVITY_IDLE,       "idle" },
  { PLT_AGENT_ACTIVITY_RINGING,    "ringing" },
  { PLT_AGENT_ACTIVITY_ON_CALL,    "on_call" },
  { PLT_AGENT_ACTIVITY_ON_HOLD,    "on_hold" },
  { PLT_AGENT_ACTIVITY_WRAP_UP,    "wrap_up" },
  { PLT_AGENT_ACTIVITY_MISSED,     "missed" },
  { PLT_AGENT_ACTIVITY_BUSY_OTHER, "busy_other" },
};

static const EnumName agent_state_names[] = {
  { PLT_AGENT_STATE_LOGGED_OUT, "logged_out" },
  { PLT_AGENT_STATE_AVAILABLE,  "available" },
  { PLT_AGENT_STATE_RINGING,    "ringing" },
  { PLT_AGENT_STATE_ON_CALL,    "on_call" },
  { PLT_AGENT_STATE_ON_HOLD,    "on_hold" },
  { PLT_AGENT_STATE_WRAP_UP,    "wrap_up" },
  { PLT_AGENT_STATE_MISSED,     "missed" },
  { PLT_AGENT_STATE_BUSY_OTHER, "busy_other" },
  { PLT_AGENT_STATE_PAUSED,     "paused" },
};

static const EnumName queue_media_names[] = {
  { PLT_QUEUE_MEDIA_INBOUND,  "inbound" },
  { PLT_QUEUE_MEDIA_OUTBOUND, "outbound" },
  { PLT_QUEUE_MEDIA_CALLBACK, "callback" },
  { PLT_QUEUE_MEDIA_EMAIL,    "email" },
};

static const EnumName call_state_names[] = {
  { PLT_CALL_STATE_QUEUED,    "queued" },
  { PLT_CALL_STATE_RINGING,   "ringing" },
  { PLT_CALL_STATE_CONNECTED, "connected" },
  { PLT_CALL_STATE_HELD,      "held" },
  { PLT_CALL_STATE_WRAP_UP,   "wrap_up" },
  { PLT_CALL_STATE_ENDED,     "ended" },
};

static const EnumName connection_state_names[] = {
  { PLT_CONNECTION_STATE_DISCONNECTED, "disconnected" },
  { PLT_CONNECTION_STATE_CONNECTING,   "connecting" },
  { PLT_CONNECTION_STATE_SYNCING,      "syncing" },
  { PLT_CONNECTION_STATE_LIVE,         "live" },
  { PLT_CONNECTION_STATE_RECONNECTING, "reconnecting" },
  { PLT_CONNECTION_STATE_FAILED,       "failed" },
  { PLT_CONNECTION_STATE_NEEDS_LOGIN,  "needs-login" },
};

/* Every UNKNOWN value is 0 and prints as "unknown". */
static const char *
name_of (const EnumName *names,
         gsize           n_names,
         int             value)
{
  for (gsize i = 0; i < n_names; i++)
    if (names[i].value == value)
      return names[i].name;

  return "unknown";
}

static int
value_of (const EnumName *names,
          gsize           n_names,
          const char     *str)
{
  if (str == NULL)
    return 0;

  for (gsize i = 0; i < n_names; i++)
    if (strcmp (names[i].name, str) == 0)
      return names[i].value;

  return 0;
}

const char *
plt_agent_status_to_string (PltAgentStatus status)
{
  return name_of (agent_status_names, G_N_ELEMENTS (agent_status_names), status);
}

PltAgentStatus
plt_agent_status_from_string (const char *str)
{
  return value_of (agent_status_names, G_N_ELEMENTS (agent_status_names), str);
}

const char *
plt_agent_activity_to_string (PltAgentActivity activity)
{
  return name_of (agent_activity_names, G_N_ELEMENTS (agent_activity_names), activity);
}

PltAgentActivity
plt_agent_activity_from_string (const char *str)
{
  return value_of (agent_activity_names, G_N_ELEMENTS (agent_activity_names), str);
}

const char *
plt_agent_state_to_string (PltAgentState state)
{
  return name_of (agent_state_names, G_N_ELEMENTS (agent_state_names), state);
}

/*
 * docs/protocol.md, "Agent": logged_out if so; else the activity when it is
 * not idle; else paused or available. An unknown activity is not idle, so it
 * gives an unknown state, as does an unknown status with an idle agent.
 */
PltAgentState
plt_agent_state_derive (PltAgentStatus   status,
                        PltAgentActivity activity)
{
  if (status == PLT_AGENT_STATUS_LOGGED_OUT)
    return PLT_AGENT_STATE_LOGGED_OUT;

  switch (activity)
    {
    case PLT_AGENT_ACTIVITY_RINGING:
      return PLT_AGENT_STATE_RINGING;
    case PLT_AGENT_ACTIVITY_ON_CALL:
      return PLT_AGENT_STATE_ON_CALL;
    case PLT_AGENT_ACTIVITY_ON_HOLD:
      return PLT_AGENT_STATE_ON_HOLD;
    case PLT_AGENT_ACTIVITY_WRAP_UP:
      return PLT_AGENT_STATE_WRAP_UP;
    case PLT_AGENT_ACTIVITY_MISSED:
      return PLT_AGENT_STATE_MISSED;
    case PLT_AGENT_ACTIVITY_BUSY_OTHER:
      return PLT_AGENT_STATE_BUSY_OTHER;
    case PLT_AGENT_ACTIVITY_UNKNOWN:
      return PLT_AGENT_STATE_UNKNOWN;
    case PLT_AGENT_ACTIVITY_IDLE:
    default:
      break;
    }

  switch (status)
    {
    case PLT_AGENT_STATUS_PAUSED:
      return PLT_AGENT_STATE_PAUSED;
    case PLT_AGENT_STATUS_AVAILABLE:
      return PLT_AGENT_STATE_AVAILABLE;
    case PLT_AGENT_STATUS_LOGGED_OUT:
    case PLT_AGENT_STATUS_UNKNOWN:
    default:
      return PLT_AGENT_STATE_UNKNOWN;
    }
}

const char *
plt_queue_media_to_string (PltQueueMedia media)
{
  return name_of (queue_media_names, G_N_ELEMENTS (queue_media_names), media);
}

PltQueueMedia
plt_queue_media_from_string (const char *str)
{
  return value_of (queue_media_names, G_N_ELEMENTS (queue_media_names), str);
}

const char *
plt_call_state_to_string (PltCallState state)
{
  return name_of (call_state_names, G_N_ELEMENTS (call_state_names), state);
}

PltCallState
plt_call_state_from_string (const char *str)
{
  return value_of (call_state_names, G_N_ELEMENTS (call_state_names), str);
}

const char *
plt_connection_state_to_string (PltConnectionState state)
{
  return name_of (connection_state_names, G_N_ELEMENTS (connection_state_names), state);
}
