/* plt-planning-page.h — the console's Planning page: a team's week in the
 * timeline, the coverage chart under it, saving, review and exports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "plt-client.h"
#include "plt-forecast.h"
#include "plt-planning-document.h"
#include "plt-planning-sync.h"

G_BEGIN_DECLS

#define PLT_TYPE_PLANNING_PAGE (plt_planning_page_get_type ())
G_DECLARE_FINAL_TYPE (PltPlanningPage, plt_planning_page, PLT, PLANNING_PAGE, GtkWidget)

/*
 * The page follows its client: the teams it may see (the model's), its
 * role (what it may do: plt_planning_caps_for_role()), its link (online or
 * not). For the team and week chosen it keeps a PltPlanningDocument,
 * journaled under $XDG_STATE_HOME/plateau/journal/<router>/<team>.jsonl and
 * recovered from there on start, and a PltPlanningSync that saves each edit
 * through the client.
 *
 * Actions (group "planning"): undo, redo, save, snap-quarter (b), mode (s:
 * "day", "week"), previous-week, next-week, this-week, review (b), publish,
 * resolve, copy-day, copy-week, apply-template, apply-pattern,
 * repeat-weeks, import-forecast, export-csv, export-ical, export-pdf,
 * print, edit-block, split, delete, add-activity (s), new-shift,
 * save-template.
 */

GtkWidget  *plt_planning_page_new           (void);
void        plt_planning_page_set_client    (PltPlanningPage *self,
                                             PltClient       *client);
/* Forecasts from the built-in demo scenario (`plateau --demo`). */
void        plt_planning_page_set_demo_forecast (PltPlanningPage *self,
                                             gboolean         demo);
/* Shows @team (an id the client's model has) and @week. */
void        plt_planning_page_show          (PltPlanningPage *self,
                                             const char      *team,
                                             const PltWeek   *week);
/* The day shown in the day view, or the week. */
void        plt_planning_page_set_day       (PltPlanningPage *self,
                                             const GDate     *date);
void        plt_planning_page_set_week_mode (PltPlanningPage *self);
/* Takes @forecast for the week shown (the chart's). */
void        plt_planning_page_set_forecast  (PltPlanningPage *self,
                                             PltForecast     *forecast);
/* Where journals go (NULL: plt_journal_default_path()'s folder); for tests. */
void        plt_planning_page_set_journal_dir (PltPlanningPage *self,
                                             const char      *dir);

/* All (transfer none) (nullable) */
PltPlanningDocument *plt_planning_page_get_document (PltPlanningPage *self);
PltPlanningSync     *plt_planning_page_get_sync     (PltPlanningPage *self);
const char          *plt_planning_page_get_team     (PltPlanningPage *self);
void                 plt_planning_page_get_week     (PltPlanningPage *self,
                                                     PltWeek         *week);

/* TRUE until the week shown is loaded (or the page says why it is not):
 * --screenshot waits for it. */
gboolean    _plt_planning_page_is_loading    (PltPlanningPage *self);
/* The page's parts, for tests and screenshots. All (transfer none). */
GtkWidget  *_plt_planning_page_get_timeline   (PltPlanningPage *self);
GtkWidget  *_plt_planning_page_get_chart      (PltPlanningPage *self);
GtkWidget  *_plt_planning_page_get_review     (PltPlanningPage *self);
GtkWidget  *_plt_planning_page_get_problems   (PltPlanningPage *self);
/* The "planning" action group */
GActionGroup *_plt_planning_page_get_actions (PltPlanningPage *self);
/* The merge dialog, while it is open */
GtkWidget  *_plt_planning_page_get_merge_dialog (PltPlanningPage *self);
/* The words of the saving status, as shown */
const char *_plt_planning_page_get_sync_text  (PltPlanningPage *self);
/* "status", "edit" or "review" */
const char *_plt_planning_page_get_view       (PltPlanningPage *self);
/* The last toast's title */
const char *_plt_planning_page_get_last_toast (PltPlanningPage *self);
/* The block editor (Enter, a double click), while it is open */
GtkWidget  *_plt_planning_page_get_block_editor (PltPlanningPage *self);
/* The publish confirmation, while it is open */
GtkWidget  *_plt_planning_page_get_publish_dialog (PltPlanningPage *self);
/* Builds the print job of what is shown and exports it as PDF. */
gboolean    _plt_planning_page_export_pdf     (PltPlanningPage *self,
                                               const char      *path,
                                               GError         **error);

G_END_DECLS
