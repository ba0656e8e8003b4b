/* plt-wallboard-agents.h — every logged-in agent as a small tile
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "plt-clock.h"
#include "plt-model.h"

G_BEGIN_DECLS

#define PLT_TYPE_WALLBOARD_AGENTS (plt_wallboard_agents_get_type ())
G_DECLARE_FINAL_TYPE (PltWallboardAgents, plt_wallboard_agents, PLT, WALLBOARD_AGENTS, GtkWidget)

/*
 * A GtkGridView of PltWallboardAgentTile over the model's agents:
 *
 *   grid view ← GtkNoSelection ← GtkSortListModel (by name, stable places)
 *             ← GtkFilterListModel (logged in, serving the page's queues)
 *             ← PltStore of PltAgent
 *
 * The tiles get as big as the room allows: from the space it gets and the
 * number of agents, the widget picks the number of columns and one of four
 * densities (CSS classes density-0 … density-3 on the grid view, each a
 * smaller font), so that 60 agents and more fit on a 1080p screen. The time
 * in state follows "now", which mirrors the clock while mapped.
 */

GtkWidget *plt_wallboard_agents_new        (PltModel           *model,
                                            PltClock           *clock,
                                            const char * const *queue_ids);
/* The agents shown (the filter's result) */
guint      plt_wallboard_agents_get_n_shown (PltWallboardAgents *self);
/* Returns: (transfer none): the grid view, for the tests */
GtkGridView *_plt_wallboard_agents_get_grid_view (PltWallboardAgents *self);
/* The density chosen for the last allocation, 0 (largest) to 5 */
guint      _plt_wallboard_agents_get_density (PltWallboardAgents *self);

G_END_DECLS
