/* plt-agent-list-private.h — for the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "plt-agent-list.h"

G_BEGIN_DECLS

/* Returns: (transfer none) */
GtkColumnView *_plt_agent_list_get_column_view (PltAgentList *self);
/* Returns: (transfer none): the search entry */
GtkEditable   *_plt_agent_list_get_search      (PltAgentList *self);
/* Returns: (transfer none): the model the column view shows (filtered, sorted) */
GListModel    *_plt_agent_list_get_shown       (PltAgentList *self);

G_END_DECLS
