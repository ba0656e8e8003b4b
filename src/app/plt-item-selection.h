/* plt-item-selection.h — a single selection that keeps its item, not its
 * position, across the model's changes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PLT_TYPE_ITEM_SELECTION (plt_item_selection_get_type ())
G_DECLARE_FINAL_TYPE (PltItemSelection, plt_item_selection, PLT, ITEM_SELECTION, GObject)

/*
 * A GtkSelectionModel (and GListModel) over @model with at most one
 * selected item, held by identity. GtkSingleSelection (GTK 4.8) loses its
 * item when the model removes it in one ::items-changed and adds it back,
 * elsewhere, in a later one; PltItemSelection keeps it selected: while the
 * item is absent from the model it stays the "selected-item" but has no
 * position (GTK_INVALID_LIST_POSITION), and when it comes back its row shows
 * as selected again. (The board keeps an agent selected while the filter
 * hides it.) An item is expected to be at most once in the model.
 *
 * The item's position is cached and follows the model's changes; when a
 * change leaves it unknown it is looked up again only when asked for, with
 * the find function if one is set, else by a linear scan of the model.
 *
 * The model's ::items-changed are passed on unchanged; "selection-changed"
 * is emitted for the old and new positions when the selection changes.
 *
 * Properties: "model" GListModel (nullable), "selected-item" GObject
 * (read-only, nullable, notified when the item changes), "selected" uint
 * (the item's position or GTK_INVALID_LIST_POSITION; notified when it may
 * have changed).
 */

/*
 * Returns the position of @item in @model, or GTK_INVALID_LIST_POSITION if
 * it is not there.
 */
typedef guint (*PltItemSelectionFindFunc) (GListModel *model,
                                           gpointer    item,
                                           gpointer    user_data);

/* @model: (transfer full) (nullable), as gtk_single_selection_new() */
PltItemSelection *plt_item_selection_new               (GListModel               *model);
/* Returns: (transfer none) (nullable) */
GListModel       *plt_item_selection_get_model         (PltItemSelection         *self);
/* @model: (transfer none) (nullable). Keeps the selected item if @model
 * has it, else unselects. */
void              plt_item_selection_set_model         (PltItemSelection         *self,
                                                        GListModel               *model);
/* Returns: (transfer none) (nullable) (type GObject) */
gpointer          plt_item_selection_get_selected_item (PltItemSelection         *self);
/* @item: (nullable) (type GObject): selected by identity, even if the model
 * does not have it (yet); NULL unselects. */
void              plt_item_selection_set_selected_item (PltItemSelection         *self,
                                                        gpointer                  item);
/* The selected item's position in the model, or GTK_INVALID_LIST_POSITION
 * if nothing is selected or the item is not in the model now. */
guint             plt_item_selection_get_selected      (PltItemSelection         *self);
/* Selects the item at @position; GTK_INVALID_LIST_POSITION (or a position
 * past the end) unselects. */
void              plt_item_selection_set_selected      (PltItemSelection         *self,
                                                        guint                     position);
/* @func: (nullable) (scope notified): NULL goes back to a linear scan. */
void              plt_item_selection_set_find_func     (PltItemSelection         *self,
                                                        PltItemSelectionFindFunc  func,
                                                        gpointer                  user_data,
                                                        GDestroyNotify            destroy);

G_END_DECLS
