/* plt-wallboard-agent-tile.h — one agent on the wallboard: name, state,
 * time in state
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "plt-types.h"

G_BEGIN_DECLS

#define PLT_TYPE_WALLBOARD_AGENT_TILE (plt_wallboard_agent_tile_get_type ())
G_DECLARE_FINAL_TYPE (PltWallboardAgentTile, plt_wallboard_agent_tile, PLT, WALLBOARD_AGENT_TILE, GtkWidget)

/*
 * A small tile for the agents grid: the state's icon and colour (CSS class
 * "state-on-call"…), the name and the time in state ("now" − "since").
 * Never a pause reason: the wallboard shows no personal data. The
 * properties are bound by expressions in the grid's factory. CSS node
 * "wallboardagent".
 *
 * Properties: "name" string, "state" PltAgentState, "since" int64 (ms),
 * "now" int64 (ms)
 */

GtkWidget *plt_wallboard_agent_tile_new (void);

G_END_DECLS
