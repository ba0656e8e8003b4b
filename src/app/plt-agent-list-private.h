/* plt-agent-list-private.h — for the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "plt-agent-actions.h"
#include "plt-agent-list.h"
#include "plt-board-model.h"
#include "plt-item-selection.h"
#include "plt-operator-page.h"
#include "plt-stress.h"

G_BEGIN_DECLS

/* Returns: (transfer none) */
GtkColumnView *_plt_agent_list_get_column_view (PltAgentList *self);
/* Returns: (transfer none): the search entry */
GtkEditable   *_plt_agent_list_get_search      (PltAgentList *self);
/* Returns: (transfer none): the rows of the view shown (filtered, sorted;
 * with the teams' headers when grouped) */
GListModel    *_plt_agent_list_get_shown       (PltAgentList *self);
/* Returns: (transfer none): the table's rows (headers when grouped) and the tiles */
PltBoardModel *_plt_agent_list_get_rows        (PltAgentList *self);
PltBoardModel *_plt_agent_list_get_tiles       (PltAgentList *self);
GtkGridView   *_plt_agent_list_get_grid_view   (PltAgentList *self);
GtkScrolledWindow *_plt_agent_list_get_scroller (PltAgentList *self);
PltItemSelection *_plt_agent_list_get_selection (PltAgentList *self,
                                               gboolean      tiles);
/* @state: 0 every state, 1 available, 2 on a contact, 3 wrap-up, 4 paused,
 * 5 missed, 6 logged out; @queue_id, @skill_id: nullable */
void           _plt_agent_list_set_filters     (PltAgentList *self,
                                                guint         state,
                                                const char   *queue_id,
                                                const char   *skill_id);
void           _plt_agent_list_set_view        (PltAgentList *self,
                                                gboolean      tiles,
                                                gboolean      grouped);
PltAgentActions *_plt_agent_list_get_actions   (PltAgentList *self);
PltOperatorPage *_plt_agent_list_get_operator_page (PltAgentList *self);
PltStressTracker *_plt_agent_list_get_stress   (PltAgentList *self);
void           _plt_agent_list_evaluate_stress (PltAgentList *self);
/* Returns: (transfer none): the list box of the floor signals' popover */
GtkWidget     *_plt_agent_list_get_stress_list (PltAgentList *self);

G_END_DECLS
