/* plt-planning-templates.h — the shift templates and weekly patterns the
 * editor offers: a few built in, and those the user saved from a shift
 * (kept in $XDG_DATA_HOME/plateau/templates.json)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "plt-planning.h"

G_BEGIN_DECLS

typedef struct _PltPlanningTemplates PltPlanningTemplates;

/* The built-in ones, and the user's from @path (NULL: the default file;
 * a missing file is no error). Returns: (transfer full) */
PltPlanningTemplates   *plt_planning_templates_new        (const char             *path);
void                    plt_planning_templates_free       (PltPlanningTemplates   *self);
/* Returns: (transfer none) (element-type PltShiftTemplate) */
GPtrArray              *plt_planning_templates_get_templates (PltPlanningTemplates *self);
/* Returns: (transfer none) (element-type PltWeeklyPattern) */
GPtrArray              *plt_planning_templates_get_patterns (PltPlanningTemplates *self);
/* Returns: (transfer none) (nullable) */
const PltShiftTemplate *plt_planning_templates_lookup     (PltPlanningTemplates   *self,
                                                           const char             *id);
/* A template named @name from @shift as it is at @site (its local start,
 * its length, its activities), saved to the file. */
const PltShiftTemplate *plt_planning_templates_add_from_shift (PltPlanningTemplates *self,
                                                           const char             *name,
                                                           const PltShift         *shift,
                                                           const PltSite          *site,
                                                           GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PltPlanningTemplates, plt_planning_templates_free)

G_END_DECLS
