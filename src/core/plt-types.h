/* plt-types.h — forward declarations and enumerations shared by every layer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _PltAgent   PltAgent;
typedef struct _PltCall    PltCall;
typedef struct _PltClient  PltClient;
typedef struct _PltClock   PltClock;
typedef struct _PltModel   PltModel;
typedef struct _PltQueue   PltQueue;
typedef struct _PltStore   PltStore;
typedef struct _PltTeam    PltTeam;

/**
 * PltAgentStatus:
 *
 * The status an agent chooses (protocol field `status`).
 */
typedef enum
{
  PLT_AGENT_STATUS_UNKNOWN,
  PLT_AGENT_STATUS_LOGGED_OUT,
  PLT_AGENT_STATUS_AVAILABLE,
  PLT_AGENT_STATUS_PAUSED,
} PltAgentStatus;

/**
 * PltAgentActivity:
 *
 * What the routing server sees the agent doing (protocol field `activity`).
 */
typedef enum
{
  PLT_AGENT_ACTIVITY_UNKNOWN,
  PLT_AGENT_ACTIVITY_IDLE,
  PLT_AGENT_ACTIVITY_RINGING,
  PLT_AGENT_ACTIVITY_ON_CALL,
  PLT_AGENT_ACTIVITY_ON_HOLD,
  PLT_AGENT_ACTIVITY_WRAP_UP,
  PLT_AGENT_ACTIVITY_MISSED,
  PLT_AGENT_ACTIVITY_BUSY_OTHER,
} PltAgentActivity;

/**
 * PltAgentState:
 *
 * The state shown to a supervisor, derived from status and activity
 * (see docs/protocol.md, "Agent").
 */
typedef enum
{
  PLT_AGENT_STATE_UNKNOWN,
  PLT_AGENT_STATE_LOGGED_OUT,
  PLT_AGENT_STATE_AVAILABLE,
  PLT_AGENT_STATE_RINGING,
  PLT_AGENT_STATE_ON_CALL,
  PLT_AGENT_STATE_ON_HOLD,
  PLT_AGENT_STATE_WRAP_UP,
  PLT_AGENT_STATE_MISSED,
  PLT_AGENT_STATE_BUSY_OTHER,
  PLT_AGENT_STATE_PAUSED,
} PltAgentState;

typedef enum
{
  PLT_QUEUE_MEDIA_UNKNOWN,
  PLT_QUEUE_MEDIA_INBOUND,
  PLT_QUEUE_MEDIA_OUTBOUND,
  PLT_QUEUE_MEDIA_CALLBACK,
  PLT_QUEUE_MEDIA_EMAIL,
} PltQueueMedia;

typedef enum
{
  PLT_CALL_STATE_UNKNOWN,
  PLT_CALL_STATE_QUEUED,
  PLT_CALL_STATE_RINGING,
  PLT_CALL_STATE_CONNECTED,
  PLT_CALL_STATE_HELD,
  PLT_CALL_STATE_WRAP_UP,
  PLT_CALL_STATE_ENDED,
} PltCallState;

/**
 * PltConnectionState:
 * @PLT_CONNECTION_STATE_DISCONNECTED: not connected, and not trying
 * @PLT_CONNECTION_STATE_CONNECTING: opening the WebSocket and saying hello
 * @PLT_CONNECTION_STATE_SYNCING: receiving a snapshot; the data shown is not current yet
 * @PLT_CONNECTION_STATE_LIVE: the model follows the router's stream
 * @PLT_CONNECTION_STATE_RECONNECTING: the link was lost; waiting before the next attempt
 * @PLT_CONNECTION_STATE_FAILED: stopped on an error that retrying cannot fix
 * @PLT_CONNECTION_STATE_NEEDS_LOGIN: stopped: the router wants credentials
 *   (none given, wrong ones, or the login expired); "last-error" says which.
 *   Set credentials or a token and connect again.
 */
typedef enum
{
  PLT_CONNECTION_STATE_DISCONNECTED,
  PLT_CONNECTION_STATE_CONNECTING,
  PLT_CONNECTION_STATE_SYNCING,
  PLT_CONNECTION_STATE_LIVE,
  PLT_CONNECTION_STATE_RECONNECTING,
  PLT_CONNECTION_STATE_FAILED,
  PLT_CONNECTION_STATE_NEEDS_LOGIN,
} PltConnectionState;

/* String forms, as on the wire. from_string never fails: unknown text gives the UNKNOWN value. */
const char       *plt_agent_status_to_string   (PltAgentStatus    status);
PltAgentStatus    plt_agent_status_from_string (const char       *str);
const char       *plt_agent_activity_to_string (PltAgentActivity  activity);
PltAgentActivity  plt_agent_activity_from_string (const char     *str);
const char       *plt_agent_state_to_string    (PltAgentState     state);
PltAgentState     plt_agent_state_derive       (PltAgentStatus    status,
                                                PltAgentActivity  activity);
const char       *plt_queue_media_to_string    (PltQueueMedia     media);
PltQueueMedia     plt_queue_media_from_string  (const char       *str);
const char       *plt_call_state_to_string     (PltCallState      state);
PltCallState      plt_call_state_from_string   (const char       *str);
const char       *plt_connection_state_to_string (PltConnectionState state);

G_END_DECLS
