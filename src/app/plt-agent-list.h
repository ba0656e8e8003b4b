/* plt-agent-list.h — every agent, their state and time in state
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "plt-client.h"
#include "plt-clock.h"
#include "plt-model.h"

G_BEGIN_DECLS

#define PLT_TYPE_AGENT_LIST (plt_agent_list_get_type ())
G_DECLARE_FINAL_TYPE (PltAgentList, plt_agent_list, PLT, AGENT_LIST, GtkWidget)

/*
 * A GtkColumnView over the model's agent store:
 *
 *   column view
 *    └ GtkSingleSelection      (selection survives updates: items stay the same objects)
 *       └ GtkSortListModel     (sorter = the column view's sorter)
 *          └ GtkFilterListModel (name search AND team)
 *             └ PltStore of PltAgent
 *
 * Cells are made once in "setup" and bound by expressions to the row's item,
 * so rebinding a recycled row is cheap and no per-row timer exists: the time
 * in state follows the list's "now", which mirrors the one PltClock while the
 * list is mapped.
 *
 * Properties: "model" PltModel (nullable), "clock" PltClock (nullable),
 * "now" int64 (read-only, ms, router time).
 *
 * A right click on a column header shows or hides the columns (action group
 * "agents": show-team, show-state, show-time, show-queue); columns can be
 * dragged to another place and resized.
 */

GtkWidget *plt_agent_list_new          (void);
/* Returns: (transfer none) (nullable) */
PltModel  *plt_agent_list_get_model    (PltAgentList *self);
void       plt_agent_list_set_model    (PltAgentList *self,
                                        PltModel     *model);
/* Returns: (transfer none) (nullable) */
PltClock  *plt_agent_list_get_clock    (PltAgentList *self);
void       plt_agent_list_set_clock    (PltAgentList *self,
                                        PltClock     *clock);
gint64     plt_agent_list_get_now      (PltAgentList *self);
/* The client the supervisor's actions and the operator page go through
 * (nullable: no actions). */
void       plt_agent_list_set_client   (PltAgentList *self,
                                        PltClient    *client);
/* Keeps the columns' order, visibility and widths in @settings'
 * "column-layout" key (nullable: not kept). */
void       plt_agent_list_set_settings (PltAgentList *self,
                                        GSettings    *settings);
/* Moves the keyboard focus to the search entry. */
void       plt_agent_list_focus_search (PltAgentList *self);

G_END_DECLS
