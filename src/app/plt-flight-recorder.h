/* plt-flight-recorder.h — the day of a team, agent by agent: each state as
 * a band on a time line, and a cursor to go back to any moment
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "plt-types.h"

G_BEGIN_DECLS

#define PLT_TYPE_FLIGHT_RECORDER (plt_flight_recorder_get_type ())
G_DECLARE_FINAL_TYPE (PltFlightRecorder, plt_flight_recorder, PLT, FLIGHT_RECORDER, GtkWidget)

/*
 * Drawn in one snapshot (no widget per band): a row per agent with their
 * name, the states of [from, to) as coloured bands (the colours of the
 * state pills, with a pattern of its own for pauses and misses so that
 * colour is not the only sign), hour marks, and the cursor at "position".
 * A click or a drag on the time line moves the cursor; with the keyboard
 * focus, Left and Right move it a minute (with Shift, ten), Home and End
 * to the ends. CSS node "flightrecorder".
 *
 * Properties: "from", "to", "position", "now" int64 (ms, router clock);
 * "highlight" string (nullable): the agent whose row stands out.
 */

GtkWidget     *plt_flight_recorder_new           (void);
/* @agents and @names: the rows, in order (NULL-terminated, same length). */
void           plt_flight_recorder_set_agents    (PltFlightRecorder  *self,
                                                  const char * const *agents,
                                                  const char * const *names);
/* @intervals: (element-type PltAgentInterval): copied */
void           plt_flight_recorder_set_intervals (PltFlightRecorder  *self,
                                                  GPtrArray          *intervals);
void           plt_flight_recorder_set_range     (PltFlightRecorder  *self,
                                                  gint64              from,
                                                  gint64              to);
gint64         plt_flight_recorder_get_from      (PltFlightRecorder  *self);
gint64         plt_flight_recorder_get_to        (PltFlightRecorder  *self);
gint64         plt_flight_recorder_get_position  (PltFlightRecorder  *self);
void           plt_flight_recorder_set_position  (PltFlightRecorder  *self,
                                                  gint64              position);
void           plt_flight_recorder_set_highlight (PltFlightRecorder  *self,
                                                  const char         *agent);
/* The state of @agent at @time in the recording: LOGGED_OUT when nothing
 * covers it. @reason: (out) (optional) (transfer none): the pause reason;
 * @queue: (out) (optional) (transfer none): the queue of the contact. */
PltAgentState  plt_flight_recorder_get_state_at  (PltFlightRecorder  *self,
                                                  const char         *agent,
                                                  gint64              time,
                                                  const char        **reason,
                                                  const char        **queue);

G_END_DECLS
