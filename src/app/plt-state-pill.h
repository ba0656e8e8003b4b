/* plt-state-pill.h — an agent's state as an icon and words in a pill
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "plt-types.h"

G_BEGIN_DECLS

#define PLT_TYPE_STATE_PILL (plt_state_pill_get_type ())
G_DECLARE_FINAL_TYPE (PltStatePill, plt_state_pill, PLT, STATE_PILL, GtkWidget)

/* Properties: "state" PltAgentState, "reason" string (nullable).
 * The pill carries the CSS class of its state ("state-on-call"…), a distinct
 * icon and the label, so that no state is told by colour alone. */

GtkWidget     *plt_state_pill_new        (void);
PltAgentState  plt_state_pill_get_state  (PltStatePill  *self);
void           plt_state_pill_set_state  (PltStatePill  *self,
                                          PltAgentState  state);
const char    *plt_state_pill_get_reason (PltStatePill  *self);
void           plt_state_pill_set_reason (PltStatePill  *self,
                                          const char    *reason);
/* Returns: (transfer none): the text shown, e.g. "Paused · Lunch" */
const char    *plt_state_pill_get_text   (PltStatePill  *self);

G_END_DECLS
