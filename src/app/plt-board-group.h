/* plt-board-group.h — a team's header row on the agent board
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PLT_TYPE_BOARD_GROUP (plt_board_group_get_type ())
G_DECLARE_FINAL_TYPE (PltBoardGroup, plt_board_group, PLT, BOARD_GROUP, GObject)

/*
 * A team's header row. Properties (read-only, notified on change):
 *   "team-id" string, "title" string (the team's name), "n-agents" uint,
 *   "summary" string ("12 agents · 5 on a contact · 3 available · 2 paused"),
 *   "agents-text" string ("12 agents"), "states-text" string (the rest)
 */
const char *plt_board_group_get_team_id  (PltBoardGroup *self);
const char *plt_board_group_get_title    (PltBoardGroup *self);
guint       plt_board_group_get_n_agents (PltBoardGroup *self);
const char *plt_board_group_get_summary  (PltBoardGroup *self);

G_END_DECLS
