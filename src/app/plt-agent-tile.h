/* plt-agent-tile.h — one agent as a compact tile of the board's tile view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "plt-types.h"

G_BEGIN_DECLS

#define PLT_TYPE_AGENT_TILE (plt_agent_tile_get_type ())
G_DECLARE_FINAL_TYPE (PltAgentTile, plt_agent_tile, PLT, AGENT_TILE, GtkWidget)

/*
 * The state's icon and colour (CSS class "state-on-call"…, a coloured band
 * on the tile's start), the name, the time in state and, when the floor's
 * stress signals say so, a discreet badge. Made once in a factory's setup;
 * "agent" and "now" are bound by expressions, so rebinding a recycled tile
 * is cheap. CSS node "agenttile".
 *
 * Properties: "agent" PltAgent (nullable), "now" int64 (ms, router clock)
 */

GtkWidget *plt_agent_tile_new       (void);
void       plt_agent_tile_set_agent (PltAgentTile *self,
                                     PltAgent     *agent);
void       plt_agent_tile_set_now   (PltAgentTile *self,
                                     gint64        now);
/* Returns: (transfer none): the text of the time in state (tests) */
const char *plt_agent_tile_get_time_text (PltAgentTile *self);

G_END_DECLS
