/* plt-ui-format.h — how the console names, marks and colours things
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure functions (no widget involved): every label, icon and CSS class that
 * stands for a state is decided here, so that each state always reads the
 * same on every board, and so that the choices can be tested.
 */
#pragma once

#include <glib.h>

#include "plt-types.h"

G_BEGIN_DECLS

/**
 * PltSlLevel:
 * @PLT_SL_LEVEL_NONE: nothing answered yet: no service level to judge
 * @PLT_SL_LEVEL_OK: at or above the target
 * @PLT_SL_LEVEL_WARNING: below the target by less than %PLT_SL_WARNING_MARGIN
 * @PLT_SL_LEVEL_BREACH: further below the target
 */
typedef enum
{
  PLT_SL_LEVEL_NONE,
  PLT_SL_LEVEL_OK,
  PLT_SL_LEVEL_WARNING,
  PLT_SL_LEVEL_BREACH,
} PltSlLevel;

/* How far below the target (as a fraction) a service level only warns. */
#define PLT_SL_WARNING_MARGIN 0.05

/* Agent states. Labels are translated; CSS classes look like "state-on-call". */
const char *plt_agent_state_get_label      (PltAgentState  state);
const char *plt_agent_state_get_icon_name  (PltAgentState  state);
const char *plt_agent_state_get_css_class  (PltAgentState  state);
/* Where the state ranks when sorting: the states a supervisor acts on first. */
int         plt_agent_state_get_rank       (PltAgentState  state);
/* Returns: (transfer full): e.g. "Paused · Lunch", or the plain state label */
char       *plt_agent_state_dup_display    (PltAgentState  state,
                                            const char    *reason);

/* Returns: (transfer none): the translated label of a pause reason code;
 * an unknown code is returned as it is; NULL for NULL or "". */
const char *plt_reason_get_label           (const char    *reason);

const char *plt_queue_media_get_label      (PltQueueMedia  media);
const char *plt_queue_media_get_icon_name  (PltQueueMedia  media);

PltSlLevel  plt_sl_level_classify          (double         service_level,
                                            double         target);
const char *plt_sl_level_get_css_class     (PltSlLevel     level);
const char *plt_sl_level_get_icon_name     (PltSlLevel     level);
const char *plt_sl_level_get_description   (PltSlLevel     level);

/* Returns: (transfer full): a fraction 0..1 as a whole percentage, "82 %" */
char       *plt_format_percent             (double         fraction);
/* Returns: (transfer full): the time in a state, now − since (never negative);
 * "—" when @since is 0 */
char       *plt_format_elapsed             (gint64         now_ms,
                                            gint64         since_ms);
/* Returns: (transfer full): a wall-clock time (µs since the epoch) as the
 * locale writes a time of day, "10:42:07"; NULL when @wall_us is 0 */
char       *plt_format_time_of_day         (gint64         wall_us);

/* Turns what a supervisor types into a router URI: "host:8765" becomes
 * "ws://host:8765/acd". Returns: (transfer full) (nullable): the URI, or
 * NULL with @error set (G_URI_ERROR) and a message meant for people. */
char       *plt_normalize_router_uri       (const char    *text,
                                            GError       **error);

G_END_DECLS
