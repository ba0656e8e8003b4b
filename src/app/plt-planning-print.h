/* plt-planning-print.h — the week on paper: A4 landscape, a team per
 * page (more pages when its agents do not fit), drawn with cairo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "plt-planning.h"

G_BEGIN_DECLS

/**
 * PltPlanningPrintJob:
 * @schedule: the days to print
 * @agents: (element-type PltPlanningAgent): the rows, grouped by team
 * @site: local dates and times
 * @week: the week
 * @team_names: (nullable): team id → name, for the headers
 * @version_text: what is printed ("Draft, revision 12", "Published version 3")
 *
 * What to print. Everything is borrowed for the run.
 */
typedef struct
{
  PltSchedule   *schedule;
  GPtrArray     *agents;
  const PltSite *site;
  PltWeek        week;
  GHashTable    *team_names;
  const char    *version_text;
} PltPlanningPrintJob;

/* A print operation for @job (A4 landscape, pages by team then agent rows).
 * Returns: (transfer full) */
GtkPrintOperation *plt_planning_print_operation_new (const PltPlanningPrintJob *job);
/* How many pages @job takes on A4 landscape. */
guint              plt_planning_print_count_pages   (const PltPlanningPrintJob *job);

/* Prints with the print dialog over @parent (transient). */
GtkPrintOperationResult plt_planning_print_run      (const PltPlanningPrintJob *job,
                                                     GtkWindow                 *parent,
                                                     GError                   **error);
/* Writes the PDF @path without a dialog
 * (gtk_print_operation_set_export_filename, GTK_PRINT_OPERATION_ACTION_EXPORT). */
gboolean           plt_planning_print_export_pdf   (const PltPlanningPrintJob *job,
                                                     const char                *path,
                                                     GError                   **error);

G_END_DECLS
