/* plt-undo-stack.h — undo and redo of planning edits, as agent-day
 * replacements (docs/planning.md, "Edits")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "plt-planning.h"

G_BEGIN_DECLS

/**
 * PltUndoEntry:
 * @label: what the edit did, translated ("Move shift")
 * @before: (element-type PltAgentDay): the agent-days before the edit (an
 *   empty day for one that did not exist)
 * @after: (element-type PltAgentDay): the same agent-days after it, in the
 *   same order
 *
 * One edit. Undoing puts @before back, redoing puts @after back: every
 * edit is invertible by construction.
 */
typedef struct
{
  char      *label;
  GPtrArray *before;
  GPtrArray *after;
} PltUndoEntry;

/* Returns: (transfer full): an entry taking references on the days */
PltUndoEntry *plt_undo_entry_new   (const char *label,
                                    GPtrArray  *before,
                                    GPtrArray  *after);
void          plt_undo_entry_free  (PltUndoEntry *entry);
/* Returns: (transfer full): the keys of the agent-days the entry touches */
GStrv         plt_undo_entry_dup_keys (const PltUndoEntry *entry);

#define PLT_TYPE_UNDO_STACK (plt_undo_stack_get_type ())
G_DECLARE_FINAL_TYPE (PltUndoStack, plt_undo_stack, PLT, UNDO_STACK, GObject)

/*
 * Properties (read-only, notified when they change):
 *   "can-undo"    boolean
 *   "can-redo"    boolean
 *   "undo-label"  string (nullable): the label of the edit undo would undo
 *   "redo-label"  string (nullable)
 *
 * The stack only keeps entries: the planning document applies them.
 */

/* @limit: the most entries kept (0: 1 000); the oldest go first. */
PltUndoStack *plt_undo_stack_new        (guint          limit);
/* Adds @entry (taking it) as the newest; drops every redo entry. */
void          plt_undo_stack_push       (PltUndoStack  *self,
                                         PltUndoEntry  *entry);
/* Returns: (transfer none) (nullable): the entry to undo, moved to the
 * redo side; NULL when there is none */
const PltUndoEntry *plt_undo_stack_undo (PltUndoStack  *self);
/* Returns: (transfer none) (nullable): the entry to redo, moved back */
const PltUndoEntry *plt_undo_stack_redo (PltUndoStack  *self);
gboolean      plt_undo_stack_can_undo   (PltUndoStack  *self);
gboolean      plt_undo_stack_can_redo   (PltUndoStack  *self);
const char   *plt_undo_stack_get_undo_label (PltUndoStack *self);
const char   *plt_undo_stack_get_redo_label (PltUndoStack *self);
guint         plt_undo_stack_get_n_undo (PltUndoStack  *self);
guint         plt_undo_stack_get_n_redo (PltUndoStack  *self);
void          plt_undo_stack_clear      (PltUndoStack  *self);
/* Someone else changed the agent-days @keys: undoing an older edit of
 * them would silently undo that change too. Drops every redo entry, and
 * every undo entry from the newest one touching @keys down. */
void          plt_undo_stack_forget_keys (PltUndoStack *self,
                                          const char * const *keys);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PltUndoEntry, plt_undo_entry_free)

G_END_DECLS
