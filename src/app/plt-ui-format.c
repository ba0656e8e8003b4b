/* plt-ui-format.c — how the console names, marks and colours things
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "plt-clock.h"
#include "plt-protocol.h"
#include "plt-ui-format.h"

const char *
plt_agent_state_get_label (PltAgentState state)
{
  switch (state)
    {
    case PLT_AGENT_STATE_LOGGED_OUT:
      return _("Logged out");
    case PLT_AGENT_STATE_AVAILABLE:
      return _("Available");
    case PLT_AGENT_STATE_RINGING:
      return _("Ringing");
    case PLT_AGENT_STATE_ON_CALL:
      return _("On call");
    case PLT_AGENT_STATE_ON_HOLD:
      return _("On hold");
    case PLT_AGENT_STATE_WRAP_UP:
      return _("Wrap-up");
    case PLT_AGENT_STATE_MISSED:
      /* Translators: the agent did not answer the call offered to them */
      return _("Missed");
    case PLT_AGENT_STATE_BUSY_OTHER:
      /* Translators: the agent is busy with work outside the queues */
      return _("Busy elsewhere");
    case PLT_AGENT_STATE_PAUSED:
      return _("Paused");
    case PLT_AGENT_STATE_UNKNOWN:
    default:
      return _("Unknown");
    }
}

const char *
plt_agent_state_get_icon_name (PltAgentState state)
{
  switch (state)
    {
    case PLT_AGENT_STATE_LOGGED_OUT:
      return "user-offline-symbolic";
    case PLT_AGENT_STATE_AVAILABLE:
      return "user-available-symbolic";
    case PLT_AGENT_STATE_RINGING:
      return "call-incoming-symbolic";
    case PLT_AGENT_STATE_ON_CALL:
      return "call-start-symbolic";
    case PLT_AGENT_STATE_ON_HOLD:
      return "media-playback-pause-symbolic";
    case PLT_AGENT_STATE_WRAP_UP:
      return "document-edit-symbolic";
    case PLT_AGENT_STATE_MISSED:
      return "call-missed-symbolic";
    case PLT_AGENT_STATE_BUSY_OTHER:
      return "user-busy-symbolic";
    case PLT_AGENT_STATE_PAUSED:
      return "user-away-symbolic";
    case PLT_AGENT_STATE_UNKNOWN:
    default:
      return "dialog-question-symbolic";
    }
}

const char *
plt_agent_state_get_css_class (PltAgentState state)
{
  switch (state)
    {
    case PLT_AGENT_STATE_LOGGED_OUT:
      return "state-logged-out";
    case PLT_AGENT_STATE_AVAILABLE:
      return "state-available";
    case PLT_AGENT_STATE_RINGING:
      return "state-ringing";
    case PLT_AGENT_STATE_ON_CALL:
      return "state-on-call";
    case PLT_AGENT_STATE_ON_HOLD:
      return "state-on-hold";
    case PLT_AGENT_STATE_WRAP_UP:
      return "state-wrap-up";
    case PLT_AGENT_STATE_MISSED:
      return "state-missed";
    case PLT_AGENT_STATE_BUSY_OTHER:
      return "state-busy-other";
    case PLT_AGENT_STATE_PAUSED:
      return "state-paused";
    case PLT_AGENT_STATE_UNKNOWN:
    default:
      return "state-unknown";
    }
}

int
plt_agent_state_get_rank (PltAgentState state)
{
  switch (state)
    {
    case PLT_AGENT_STATE_MISSED:
      return 0;
    case PLT_AGENT_STATE_RINGING:
      return 1;
    case PLT_AGENT_STATE_ON_CALL:
      return 2;
    case PLT_AGENT_STATE_ON_HOLD:
      return 3;
    case PLT_AGENT_STATE_BUSY_OTHER:
      return 4;
    case PLT_AGENT_STATE_WRAP_UP:
      return 5;
    case PLT_AGENT_STATE_PAUSED:
      return 6;
    case PLT_AGENT_STATE_AVAILABLE:
      return 7;
    case PLT_AGENT_STATE_LOGGED_OUT:
      return 8;
    case PLT_AGENT_STATE_UNKNOWN:
    default:
      return 9;
    }
}

char *
plt_agent_state_dup_display (PltAgentState  state,
                             const char    *reason)
{
  const char *reason_label = NULL;

  if (state == PLT_AGENT_STATE_PAUSED)
    reason_label = plt_reason_get_label (reason);

  if (reason_label == NULL)
    return g_strdup (plt_agent_state_get_label (state));

  /* Translators: an agent's state and the reason for their pause,
   * e.g. "Paused · Lunch" */
  return g_strdup_printf (_("%s · %s"), plt_agent_state_get_label (state), reason_label);
}

const char *
plt_reason_get_label (const char *reason)
{
  if (reason == NULL || reason[0] == '\0')
    return NULL;

  if (g_str_equal (reason, "break"))
    return C_("pause reason", "Break");
  if (g_str_equal (reason, "lunch"))
    return C_("pause reason", "Lunch");
  if (g_str_equal (reason, "training"))
    return C_("pause reason", "Training");
  if (g_str_equal (reason, "meeting"))
    return C_("pause reason", "Meeting");
  if (g_str_equal (reason, "back_office"))
    return C_("pause reason", "Back office");

  /* A code this version does not know: shown as the router sends it. */
  return reason;
}

const char *
plt_queue_media_get_label (PltQueueMedia media)
{
  switch (media)
    {
    case PLT_QUEUE_MEDIA_INBOUND:
      return _("Inbound calls");
    case PLT_QUEUE_MEDIA_OUTBOUND:
      return _("Outbound calls");
    case PLT_QUEUE_MEDIA_CALLBACK:
      return _("Callbacks");
    case PLT_QUEUE_MEDIA_EMAIL:
      return _("E-mails");
    case PLT_QUEUE_MEDIA_UNKNOWN:
    default:
      return _("Contacts");
    }
}

const char *
plt_queue_media_get_icon_name (PltQueueMedia media)
{
  switch (media)
    {
    case PLT_QUEUE_MEDIA_INBOUND:
      return "call-incoming-symbolic";
    case PLT_QUEUE_MEDIA_OUTBOUND:
      return "call-outgoing-symbolic";
    case PLT_QUEUE_MEDIA_CALLBACK:
      return "mail-reply-sender-symbolic";
    case PLT_QUEUE_MEDIA_EMAIL:
      return "mail-unread-symbolic";
    case PLT_QUEUE_MEDIA_UNKNOWN:
    default:
      return "dialog-question-symbolic";
    }
}

PltSlLevel
plt_sl_level_classify (double service_level,
                       double target)
{
  if (service_level < 0 || isnan (service_level))
    return PLT_SL_LEVEL_NONE;

  /* Compare whole per-mille values so that 0.8 against a target of 0.8
   * never reads as a breach through rounding. */
  if (round (service_level * 1000) >= round (target * 1000))
    return PLT_SL_LEVEL_OK;

  if (round (service_level * 1000) >= round ((target - PLT_SL_WARNING_MARGIN) * 1000))
    return PLT_SL_LEVEL_WARNING;

  return PLT_SL_LEVEL_BREACH;
}

const char *
plt_sl_level_get_css_class (PltSlLevel level)
{
  switch (level)
    {
    case PLT_SL_LEVEL_OK:
      return "sl-ok";
    case PLT_SL_LEVEL_WARNING:
      return "sl-warning";
    case PLT_SL_LEVEL_BREACH:
      return "sl-breach";
    case PLT_SL_LEVEL_NONE:
    default:
      return "sl-none";
    }
}

const char *
plt_sl_level_get_icon_name (PltSlLevel level)
{
  switch (level)
    {
    case PLT_SL_LEVEL_OK:
      return "emblem-ok-symbolic";
    case PLT_SL_LEVEL_WARNING:
      return "dialog-warning-symbolic";
    case PLT_SL_LEVEL_BREACH:
      return "dialog-error-symbolic";
    case PLT_SL_LEVEL_NONE:
    default:
      return "content-loading-symbolic";
    }
}

const char *
plt_sl_level_get_description (PltSlLevel level)
{
  switch (level)
    {
    case PLT_SL_LEVEL_OK:
      return _("On target");
    case PLT_SL_LEVEL_WARNING:
      return _("Slightly below target");
    case PLT_SL_LEVEL_BREACH:
      return _("Below target");
    case PLT_SL_LEVEL_NONE:
    default:
      return _("No call answered yet");
    }
}

char *
plt_format_percent (double fraction)
{
  int percent = (int) round (CLAMP (fraction, 0.0, 1.0) * 100.0);

  /* Translators: a percentage. The space before "%" is a no-break space:
   * keep it, or use your language's usual form */
  return g_strdup_printf (_("%d %%"), percent);
}

char *
plt_format_elapsed (gint64 now_ms,
                    gint64 since_ms)
{
  if (since_ms <= 0)
    return g_strdup ("—");

  return plt_format_duration (MAX (0, now_ms - since_ms));
}

char *
plt_format_time_of_day (gint64 wall_us)
{
  g_autoptr(GDateTime) time = NULL;

  if (wall_us <= 0)
    return NULL;

  time = g_date_time_new_from_unix_local (wall_us / G_USEC_PER_SEC);
  if (time == NULL)
    return NULL;

  return g_date_time_format (time, "%X");
}

char *
plt_normalize_router_uri (const char  *text,
                          GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *with_scheme = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GUri) result = NULL;
  const char *scheme;
  const char *path;

  trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));
  if (trimmed[0] == '\0')
    {
      g_set_error_literal (error, G_URI_ERROR, G_URI_ERROR_FAILED,
                           _("Enter the address of a router"));
      return NULL;
    }

  if (strstr (trimmed, "://") == NULL)
    with_scheme = g_strconcat ("ws://", trimmed, NULL);
  else
    with_scheme = g_strdup (trimmed);

  uri = g_uri_parse (with_scheme, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    {
      g_set_error (error, G_URI_ERROR, G_URI_ERROR_FAILED,
                   _("“%s” is not a valid address"), trimmed);
      return NULL;
    }

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "ws") == 0)
    scheme = "ws";
  else if (g_ascii_strcasecmp (scheme, "https") == 0 || g_ascii_strcasecmp (scheme, "wss") == 0)
    scheme = "wss";
  else
    {
      g_set_error (error, G_URI_ERROR, G_URI_ERROR_BAD_SCHEME,
                   _("Use a ws:// or wss:// address, not “%s”"), trimmed);
      return NULL;
    }

  if (g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0')
    {
      g_set_error (error, G_URI_ERROR, G_URI_ERROR_BAD_HOST,
                   _("The address “%s” has no host name"), trimmed);
      return NULL;
    }

  path = g_uri_get_path (uri);
  if (path == NULL || path[0] == '\0' || g_str_equal (path, "/"))
    path = PLT_PROTOCOL_PATH;

  result = g_uri_build (G_URI_FLAGS_NONE, scheme, g_uri_get_userinfo (uri),
                        g_uri_get_host (uri), g_uri_get_port (uri), path,
                        g_uri_get_query (uri), g_uri_get_fragment (uri));

  return g_uri_to_string (result);
}
