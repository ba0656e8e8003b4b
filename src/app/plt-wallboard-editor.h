/* plt-wallboard-editor.h — choose the wallboard's pages, their tiles, queues
 * and intervals; share the layout as a file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "plt-model.h"
#include "plt-wallboard-layout.h"

G_BEGIN_DECLS

#define PLT_TYPE_WALLBOARD_EDITOR (plt_wallboard_editor_get_type ())
G_DECLARE_FINAL_TYPE (PltWallboardEditor, plt_wallboard_editor, PLT, WALLBOARD_EDITOR, AdwPreferencesWindow)

/*
 * A preferences window over a copy of a layout: whether the pages rotate;
 * for each page its title, how long it stays, its tiles and its queues (the
 * queues of @model to choose from, when there is one); pages added, moved
 * and removed; the layout exported to a JSON file, imported from one (an
 * invalid file is refused with its reason, and the layout stays as it was),
 * or reset to the default. Every change applies at once: the editor emits
 * "layout-changed" and whoever opened it keeps the layout where it belongs
 * (the settings, or a wallboard's own layout).
 *
 * Signals: "layout-changed" ()
 */

GtkWidget                *plt_wallboard_editor_new        (GtkWindow                *parent,
                                                           const PltWallboardLayout *layout,
                                                           PltModel                 *model,
                                                           GFile                    *file);
/* Returns: (transfer none): the layout as edited */
const PltWallboardLayout *plt_wallboard_editor_get_layout (PltWallboardEditor       *self);
/* Replaces the layout being edited, as an import does (for the tests and
 * the import dialog). Returns FALSE with @error set, the layout unchanged,
 * when @file is not a layout this version reads. */
gboolean                  plt_wallboard_editor_import     (PltWallboardEditor       *self,
                                                           GFile                    *file,
                                                           GError                  **error);
gboolean                  plt_wallboard_editor_export     (PltWallboardEditor       *self,
                                                           GFile                    *file,
                                                           GError                  **error);

G_END_DECLS
