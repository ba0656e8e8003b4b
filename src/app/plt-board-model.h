/* plt-board-model.h — the agent board's rows: the sorted agents, with a
 * header row before each team when grouped, announced once per frame
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "plt-types.h"

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

#define PLT_TYPE_BOARD_MODEL (plt_board_model_get_type ())
G_DECLARE_FINAL_TYPE (PltBoardModel, plt_board_model, PLT, BOARD_MODEL, GObject)

/*
 * GTK 4.8 has no list section headers, so the header rows are items of the
 * model: PltBoardModel is a GListModel of PltAgent and PltBoardGroup made
 * from a sorted list of agents ("model"), which, when "grouped", must be
 * sorted by team first. (A GtkTreeListModel with one child model per team
 * would filter every agent once per team: at 10 000 agents and hundreds of
 * teams, too much work per update.)
 *
 * It also coalesces: the source's ::items-changed only marks the model
 * dirty; once per frame (an idle before GTK's layout and drawing) the rows
 * are rebuilt in one pass and announced as one ::items-changed, the range
 * between the unchanged head and tail. Items are the same objects across
 * rebuilds (headers too, one per team), so that a selection and the scroll
 * position follow them. Between a change and the next rebuild the model
 * keeps answering with what it last announced.
 *
 * Properties: "model" GListModel (of PltAgent, nullable), "grouped" bool,
 * "n-pending" uint (source changes not yet announced; for tests).
 */

PltBoardModel *plt_board_model_new          (GListModel    *model);
void           plt_board_model_set_model    (PltBoardModel *self,
                                             GListModel    *model);
gboolean       plt_board_model_get_grouped  (PltBoardModel *self);
void           plt_board_model_set_grouped  (PltBoardModel *self,
                                             gboolean       grouped);
/* Rebuilds now if anything is pending (tests, and before a position is
 * looked up for the user). Returns TRUE if it announced a change. */
gboolean       plt_board_model_flush        (PltBoardModel *self);
guint          plt_board_model_get_n_pending (PltBoardModel *self);
/* The position of @item (an agent or a header), or GTK_INVALID_LIST_POSITION. */
guint          plt_board_model_find         (PltBoardModel *self,
                                             gpointer       item);
/* How many rebuilds and ::items-changed emissions were made (bench). */
guint64        plt_board_model_get_n_rebuilds (PltBoardModel *self);

G_END_DECLS
