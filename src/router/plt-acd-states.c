/* plt-acd-states.c — the agent state machine (docs/router.md, "Agent states")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "plt-acd.h"

G_DEFINE_QUARK (plt-acd-error-quark, plt_acd_error)

/* The states: a status and an activity. */
typedef enum
{
  S_LOGGED_OUT,        /* logged_out / idle */
  S_AVAILABLE,         /* available / idle */
  S_RINGING,           /* available / ringing: offered, or dialling */
  S_ON_CALL,           /* available / on_call */
  S_ON_HOLD,           /* available / on_hold */
  S_WRAP_UP,           /* available / wrap_up */
  S_MISSED,            /* available / missed: a miss without auto-pause */
  S_BUSY_OTHER,        /* available / busy_other: a call outside the queues */
  S_PAUSED,            /* paused / idle */
  S_PAUSED_MISSED,     /* paused / missed: auto-paused after a miss */
  S_PAUSED_ON_CALL,    /* paused / on_call: an e-mail in back office */
  S_PAUSED_WRAP_UP,    /* paused / wrap_up: after it */
  N_STATES,
  S_INVALID = N_STATES,
} State;

#define T(to) (1u << (to))

/* allowed[from]: the states one may go to from there. */
static const guint allowed[N_STATES] = {
  /* log in, ready or not */
  [S_LOGGED_OUT] = T (S_AVAILABLE) | T (S_PAUSED),
  /* an offer, an e-mail opened (no ringing), an outbound call dialled (ringing),
   * an internal call; pause, log out */
  [S_AVAILABLE] = T (S_RINGING) | T (S_ON_CALL) | T (S_BUSY_OTHER) | T (S_PAUSED) | T (S_LOGGED_OUT),
  /* answered; missed (with or without auto-pause); the caller hung up, or
   * nobody answered an outbound call: free again, or on the pause or logout
   * that waited for the contact to end */
  [S_RINGING] = T (S_ON_CALL) | T (S_MISSED) | T (S_PAUSED_MISSED) | T (S_AVAILABLE) |
                T (S_PAUSED) | T (S_LOGGED_OUT),
  [S_ON_CALL] = T (S_ON_HOLD) | T (S_WRAP_UP),
  /* back to the caller, or the caller hung up on hold */
  [S_ON_HOLD] = T (S_ON_CALL) | T (S_WRAP_UP),
  /* the contact ends: free, or the pause or logout that waited */
  [S_WRAP_UP] = T (S_AVAILABLE) | T (S_PAUSED) | T (S_LOGGED_OUT),
  [S_MISSED] = T (S_AVAILABLE) | T (S_PAUSED) | T (S_LOGGED_OUT),
  [S_BUSY_OTHER] = T (S_AVAILABLE) | T (S_PAUSED) | T (S_LOGGED_OUT),
  /* back, another reason, log out, or an e-mail in back office */
  [S_PAUSED] = T (S_AVAILABLE) | T (S_PAUSED) | T (S_LOGGED_OUT) | T (S_PAUSED_ON_CALL),
  [S_PAUSED_MISSED] = T (S_AVAILABLE) | T (S_PAUSED) | T (S_LOGGED_OUT),
  [S_PAUSED_ON_CALL] = T (S_PAUSED_WRAP_UP),
  [S_PAUSED_WRAP_UP] = T (S_PAUSED) | T (S_AVAILABLE) | T (S_LOGGED_OUT),
};

static State
state_of (PltAgentStatus   status,
          PltAgentActivity activity)
{
  switch (status)
    {
    case PLT_AGENT_STATUS_LOGGED_OUT:
      return activity == PLT_AGENT_ACTIVITY_IDLE ? S_LOGGED_OUT : S_INVALID;

    case PLT_AGENT_STATUS_AVAILABLE:
      switch (activity)
        {
        case PLT_AGENT_ACTIVITY_IDLE: return S_AVAILABLE;
        case PLT_AGENT_ACTIVITY_RINGING: return S_RINGING;
        case PLT_AGENT_ACTIVITY_ON_CALL: return S_ON_CALL;
        case PLT_AGENT_ACTIVITY_ON_HOLD: return S_ON_HOLD;
        case PLT_AGENT_ACTIVITY_WRAP_UP: return S_WRAP_UP;
        case PLT_AGENT_ACTIVITY_MISSED: return S_MISSED;
        case PLT_AGENT_ACTIVITY_BUSY_OTHER: return S_BUSY_OTHER;
        case PLT_AGENT_ACTIVITY_UNKNOWN:
        default: return S_INVALID;
        }

    case PLT_AGENT_STATUS_PAUSED:
      switch (activity)
        {
        case PLT_AGENT_ACTIVITY_IDLE: return S_PAUSED;
        case PLT_AGENT_ACTIVITY_MISSED: return S_PAUSED_MISSED;
        case PLT_AGENT_ACTIVITY_ON_CALL: return S_PAUSED_ON_CALL;
        case PLT_AGENT_ACTIVITY_WRAP_UP: return S_PAUSED_WRAP_UP;
        case PLT_AGENT_ACTIVITY_RINGING:
        case PLT_AGENT_ACTIVITY_ON_HOLD:
        case PLT_AGENT_ACTIVITY_BUSY_OTHER:
        case PLT_AGENT_ACTIVITY_UNKNOWN:
        default: return S_INVALID;
        }

    case PLT_AGENT_STATUS_UNKNOWN:
    default:
      return S_INVALID;
    }
}

gboolean
plt_acd_state_valid (PltAgentStatus   status,
                     PltAgentActivity activity)
{
  return state_of (status, activity) != S_INVALID;
}

gboolean
plt_acd_transition_allowed (PltAgentStatus    from_status,
                            PltAgentActivity  from_activity,
                            PltAgentStatus    to_status,
                            PltAgentActivity  to_activity,
                            GError          **error)
{
  State from = state_of (from_status, from_activity);
  State to = state_of (to_status, to_activity);

  if (from == S_INVALID || to == S_INVALID)
    {
      gboolean bad_from = from == S_INVALID;

      g_set_error (error, PLT_ACD_ERROR, PLT_ACD_ERROR_INVALID_STATE,
                   "an agent cannot be %s and %s",
                   plt_agent_status_to_string (bad_from ? from_status : to_status),
                   plt_agent_activity_to_string (bad_from ? from_activity : to_activity));
      return FALSE;
    }

  if ((allowed[from] & T (to)) == 0)
    {
      g_set_error (error, PLT_ACD_ERROR, PLT_ACD_ERROR_TRANSITION,
                   "an agent %s and %s cannot become %s and %s",
                   plt_agent_status_to_string (from_status), plt_agent_activity_to_string (from_activity),
                   plt_agent_status_to_string (to_status), plt_agent_activity_to_string (to_activity));
      return FALSE;
    }

  return TRUE;
}
