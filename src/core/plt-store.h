/* plt-store.h — a keyed GListModel whose changes are batched
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "plt-types.h"

G_BEGIN_DECLS

#define PLT_TYPE_STORE (plt_store_get_type ())
G_DECLARE_FINAL_TYPE (PltStore, plt_store, PLT, STORE, GObject)

/*
 * PltStore holds items of one GType, each with a string id. Items are updated
 * in place by their owner; the store only records *what* changed, and
 * announces it in plt_store_flush() with as few ::items-changed emissions as
 * possible: removals as contiguous ranges, changed positions coalesced into
 * ranges (one full-range emission when more than a quarter changed), and all
 * additions appended in one emission. Between flushes, the GListModel view
 * (get_n_items/get_item) stays exactly what was last announced, while
 * plt_store_lookup() already sees the pending state.
 *
 * Property "n-pending" (uint): number of pending changes (for tests).
 */

PltStore  *plt_store_new              (GType        item_type);
/* Returns: (transfer none) (nullable) */
gpointer   plt_store_lookup           (PltStore    *self,
                                       const char  *id);
/* Takes a reference on @item; replaces a pending removal of the same id. */
void       plt_store_add              (PltStore    *self,
                                       const char  *id,
                                       gpointer     item);
gboolean   plt_store_remove           (PltStore    *self,
                                       const char  *id);
void       plt_store_mark_changed     (PltStore    *self,
                                       const char  *id);
guint      plt_store_get_n_pending    (PltStore    *self);
/* Returns: the number of ::items-changed emissions made */
guint      plt_store_flush            (PltStore    *self);
/* As plt_store_flush(), but announces at most @max_changes of the items
 * changed in place (the first in the view's order); the others stay
 * pending, shown as they were. Removals and additions are all announced.
 * For a view that spreads a burst of changes over several frames. */
guint      plt_store_flush_some       (PltStore    *self,
                                       guint        max_changes);
/* Calls @func on every item the store holds, pending additions included. */
void       plt_store_foreach          (PltStore    *self,
                                       GHFunc       func,
                                       gpointer     user_data);
guint      plt_store_get_size         (PltStore    *self);   /* pending state */
/* @func (nullable) is called on each item the flush announces, added or
 * changed, just before the ::items-changed that covers it: for items that
 * keep, as their sort keys, what the views were told (plt_agent_commit()). */
void       plt_store_set_show_func    (PltStore    *self,
                                       GFunc        func,
                                       gpointer     user_data);

G_END_DECLS
