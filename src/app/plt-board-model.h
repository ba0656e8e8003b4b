/* plt-board-model.h — the agent board's rows: the agents filtered, sorted
 * and, when grouped, under a header per team; each move announced alone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "plt-board-group.h"
#include "plt-types.h"

G_BEGIN_DECLS

#define PLT_TYPE_BOARD_MODEL (plt_board_model_get_type ())
G_DECLARE_FINAL_TYPE (PltBoardModel, plt_board_model, PLT, BOARD_MODEL, GObject)

/*
 * PltBoardModel is a GListModel of PltAgent and PltBoardGroup made from an
 * unsorted list of agents ("model", the agents' PltStore): the agents the
 * "filter" lets through, in the "sorter"'s order (ties by agent id), and,
 * when "grouped", by team first with a header row before each team (GTK
 * 4.8 has no list section headers).
 *
 * It does the work of a filter and a sort model, incrementally: as the
 * source announces an agent, the agent is re-filtered and moved to its new
 * place, and the move is announced as a removal at the old position and an
 * insertion at the new one (nothing at all when it keeps its place; its
 * row follows the agent's properties). A list view then moves one row, its
 * other rows and its scroll position untouched, whatever the distance
 * between the two places; a sort model would announce the whole span
 * between them. Selections must keep their item across the two emissions
 * (PltItemSelection). Many changes at once (a snapshot, more than
 * BULK_CHANGES), a change of filter, sorter or grouping rebuild the rows,
 * announced as one range between the unchanged head and tail.
 *
 * The sorter must compare what the agents' store last announced
 * (plt_agent_get_sort_keys()), not their live values: agents change in
 * place before they are announced, and the model places an agent among
 * others that were not announced yet. Groups are ordered by their team's
 * name (case folded and collated), then its id; a team renamed rebuilds
 * the rows.
 *
 * Items are the same objects across changes, headers too (one per team).
 *
 * Properties: "model" GListModel (of PltAgent, nullable), "filter"
 * GtkFilter (nullable: all), "sorter" GtkSorter (nullable: by id),
 * "grouped" bool, "paused" bool, "n-agents" uint (the agents among the
 * rows).
 */

PltBoardModel *plt_board_model_new          (GListModel    *model);
void           plt_board_model_set_model    (PltBoardModel *self,
                                             GListModel    *model);
void           plt_board_model_set_filter   (PltBoardModel *self,
                                             GtkFilter     *filter);
void           plt_board_model_set_sorter   (PltBoardModel *self,
                                             GtkSorter     *sorter);
gboolean       plt_board_model_get_grouped  (PltBoardModel *self);
void           plt_board_model_set_grouped  (PltBoardModel *self,
                                             gboolean       grouped);
/* Paused (the view is not shown), the rows stay as they were, unannounced
 * changes only recorded; resumed, they are rebuilt if anything changed. */
gboolean       plt_board_model_get_paused   (PltBoardModel *self);
void           plt_board_model_set_paused   (PltBoardModel *self,
                                             gboolean       paused);
guint          plt_board_model_get_n_agents (PltBoardModel *self);
/* The position of @item (an agent or a header), or GTK_INVALID_LIST_POSITION. */
guint          plt_board_model_find         (PltBoardModel *self,
                                             gpointer       item);
/* How many full rebuilds and single-row ::items-changed emissions were
 * made (bench, tests). */
guint64        plt_board_model_get_n_rebuilds (PltBoardModel *self);
guint64        plt_board_model_get_n_moves    (PltBoardModel *self);

G_END_DECLS
