/* plt-planning-review.h — the review: the draft against the published
 * version (what was added, removed and changed, and who changed it) and
 * the week's comments
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "plt-export.h"
#include "plt-planning.h"
#include "plt-protocol-planning.h"

G_BEGIN_DECLS

#define PLT_TYPE_PLANNING_REVIEW (plt_planning_review_get_type ())
G_DECLARE_FINAL_TYPE (PltPlanningReview, plt_planning_review, PLT, PLANNING_REVIEW, GtkWidget)

/*
 * Read only. The timeline shows the draft with the changes marked (added:
 * green bars, changed: amber, removed: struck out in red where it was);
 * beside it the changes per agent-day in words, with who saved them (the
 * audit), and the comments with an entry to add one.
 *
 * Signals:
 *   "comment" (char *text, char *agent, char *date) — the user wrote a
 *       comment (about the agent-day selected in the list, if any)
 */

GtkWidget *plt_planning_review_new        (void);
/* @draft and @published (nullable: never published) are referenced;
 * @agents (element-type PltPlanningAgent), @audit (element-type
 * PltPlanningAudit) and @comments (element-type PltPlanningComment) too.
 * @published_revision: the draft revision the version was made from. */
void       plt_planning_review_set_data   (PltPlanningReview *self,
                                           PltSchedule       *draft,
                                           gint64             revision,
                                           PltSchedule       *published,
                                           gint64             published_version,
                                           gint64             published_revision,
                                           const char        *published_by,
                                           GPtrArray         *agents,
                                           const PltSite     *site,
                                           GPtrArray         *audit,
                                           GPtrArray         *comments);
void       plt_planning_review_set_range  (PltPlanningReview *self,
                                           const GDate       *first,
                                           guint              n_days);
void       plt_planning_review_set_team_name (PltPlanningReview *self,
                                           const char        *team,
                                           const char        *name);
void       plt_planning_review_set_can_comment (PltPlanningReview *self,
                                           gboolean           can_comment);
/* Returns: (transfer none) (element-type PltDayDiff): the diff shown */
GPtrArray *plt_planning_review_get_diff   (PltPlanningReview *self);
/* The number of comments shown. */
guint      plt_planning_review_get_n_comments (PltPlanningReview *self);
/* For tests: types @text in the entry and sends it. */
void       _plt_planning_review_send_comment (PltPlanningReview *self,
                                           const char        *text);

G_END_DECLS
