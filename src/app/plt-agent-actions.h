/* plt-agent-actions.h — what a supervisor does to an agent: pause, make
 * ready, log out, change skills, write to them or their team
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "plt-client.h"

G_BEGIN_DECLS

#define PLT_TYPE_AGENT_ACTIONS (plt_agent_actions_get_type ())
G_DECLARE_FINAL_TYPE (PltAgentActions, plt_agent_actions, PLT, AGENT_ACTIONS, GObject)

/*
 * Sends the commands through the client and says how they went in a toast
 * on @toasts: "Camille Martin is paused (Break)", or the router's refusal
 * in words ("The router refused: you do not supervise Équipe Sud").
 * Dialogs (AdwMessageDialog) are transient for @parent's window.
 *
 * Logging out an agent on a contact would cut it, which the router
 * refuses: the supervisor confirms, the agent is paused at once (the
 * pause starts when the contact ends, so no new contact comes) and logged
 * out as soon as they have no contact.
 */

PltAgentActions *plt_agent_actions_new        (GtkWidget       *parent,
                                               AdwToastOverlay *toasts);
void             plt_agent_actions_set_client (PltAgentActions *self,
                                               PltClient       *client);
PltClient       *plt_agent_actions_get_client (PltAgentActions *self);

/* @reason: nullable; for PLT_AGENT_STATUS_PAUSED, the pause reason. A
 * log-out of an agent on a contact asks first. */
void             plt_agent_actions_set_status (PltAgentActions *self,
                                               PltAgent        *agent,
                                               PltAgentStatus   status,
                                               const char      *reason);
/* Opens a dialog of the queues with the agent's levels. */
void             plt_agent_actions_edit_skills (PltAgentActions *self,
                                                PltAgent        *agent);
/* Opens a dialog to write to @agent, or to their team when @to_team. */
void             plt_agent_actions_write       (PltAgentActions *self,
                                                PltAgent        *agent,
                                                gboolean         to_team);

/* For tests: the dialog open now (nullable), the last toast's title, and
 * answering the dialog as if a button was clicked. */
AdwMessageDialog *_plt_agent_actions_get_dialog    (PltAgentActions *self);
const char       *_plt_agent_actions_get_last_toast (PltAgentActions *self);
guint             _plt_agent_actions_get_n_pending  (PltAgentActions *self);

G_END_DECLS
