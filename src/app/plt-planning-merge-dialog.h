/* plt-planning-merge-dialog.h — someone else saved the same agent-days:
 * both versions side by side, mine or theirs per agent-day, then save
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "plt-planning-document.h"

G_BEGIN_DECLS

#define PLT_TYPE_PLANNING_MERGE_DIALOG (plt_planning_merge_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PltPlanningMergeDialog, plt_planning_merge_dialog, PLT, PLANNING_MERGE_DIALOG, AdwWindow)

/*
 * One row per conflict of the document (plt_planning_document_get_conflicts()):
 * the agent and the day, "Your version" and "Their version" drawn as the
 * timeline draws them, and a choice between the two (mine by default).
 * "Save" resolves each as chosen (plt_planning_document_resolve(): an
 * edit, which undo takes back) and emits "resolved"; the page then saves
 * from the new base. Closing without saving leaves the conflicts.
 *
 * Signals: "resolved" () — every conflict was resolved.
 */

/* @agent_names: (nullable): agent id → display name */
GtkWidget *plt_planning_merge_dialog_new     (GtkWindow           *parent,
                                              PltPlanningDocument *document,
                                              GHashTable          *agent_names);
guint      plt_planning_merge_dialog_get_n_rows (PltPlanningMergeDialog *self);

/* For tests: the choice of row @index, and the Save button. */
void       _plt_planning_merge_dialog_choose (PltPlanningMergeDialog *self,
                                              guint                   index,
                                              PltMergeChoice          choice);
void       _plt_planning_merge_dialog_save   (PltPlanningMergeDialog *self);

G_END_DECLS
