/* plt-timeline.h — the planning timeline: agents down, time across, shifts
 * and their activities drawn as blocks, edited by drag and by keyboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "plt-clock.h"
#include "plt-export.h"
#include "plt-planning-document.h"
#include "plt-timeline-state.h"

G_BEGIN_DECLS

#define PLT_TYPE_TIMELINE (plt_timeline_get_type ())
G_DECLARE_FINAL_TYPE (PltTimeline, plt_timeline, PLT, TIMELINE, GtkWidget)

/*
 * One widget draws everything in snapshot(), and only the rows and hours
 * on screen: no widget per agent or per block, so 500 agents × 7 days
 * scroll and drag within a frame. It is GtkScrollable: put it in a
 * GtkScrolledWindow; the agents' column and the time ruler stay in place.
 *
 * It shows either a PltPlanningDocument (the draft, editable: every edit
 * is one of the core's commands, executed by the document, so undo, the
 * journal and saving see them all) or a read-only schedule (a published
 * version, the review, print previews).
 *
 * Editing: drag on free time to create a shift; drag a block to move it (a
 * shift also to another agent's row); drag its edges to resize it. While
 * dragging, the candidate edit is tried with the rules: the ghost turns red
 * with an icon when it breaks one. Keys: see gtk/help-overlay.ui.
 *
 * Properties:
 *   "document"   PltPlanningDocument (nullable)
 *   "editable"   boolean: edits allowed (default TRUE; a document is still
 *                needed)
 *   "zoom"       double: px per minute; setting it leaves "fit"
 *   "fit"        boolean: the range fills the width (default TRUE)
 *
 * Signals:
 *   "activate-block" (char *shift_id, int activity) — Enter or a double
 *       click on a block: the page opens its editor
 *   "focus-changed" () — the focused block or row changed
 *   "violations-changed" () — plt_timeline_get_violations() changed
 *   "edit-failed" (char *message) — an edit was refused (overlap…), in words
 *   "template-dropped" (char *template_id, char *agent, char *date) — a
 *       template was dropped on an agent's day ("YYYY-MM-DD")
 *   "geometry-changed" () — the time axis moved: scroll, zoom, range, size
 *       (the coverage chart under it follows)
 */

GtkWidget  *plt_timeline_new              (void);

void        plt_timeline_set_document     (PltTimeline         *self,
                                           PltPlanningDocument *document);
/* Returns: (transfer none) (nullable) */
PltPlanningDocument *plt_timeline_get_document (PltTimeline    *self);
/* A read-only source: @schedule (nullable), @agents (element-type
 * PltPlanningAgent) and @site are referenced or copied. Drops the
 * document. */
void        plt_timeline_set_schedule     (PltTimeline         *self,
                                           PltSchedule         *schedule,
                                           GPtrArray           *agents,
                                           const PltSite       *site);
/* Rebuilds the rows after the document's agents changed. */
void        plt_timeline_reload           (PltTimeline         *self);

/* The local dates shown: @n_days (1 or 7) from @first. */
void        plt_timeline_set_range        (PltTimeline         *self,
                                           const GDate         *first,
                                           guint                n_days);
void        plt_timeline_get_range        (PltTimeline         *self,
                                           GDate               *first,
                                           guint               *n_days);

void        plt_timeline_set_editable     (PltTimeline         *self,
                                           gboolean             editable);
gboolean    plt_timeline_get_editable     (PltTimeline         *self);
/* The current-time line follows @clock (nullable: none). */
void        plt_timeline_set_clock        (PltTimeline         *self,
                                           PltClock            *clock);
void        plt_timeline_set_zoom         (PltTimeline         *self,
                                           double               px_per_min);
double      plt_timeline_get_zoom         (PltTimeline         *self);
void        plt_timeline_set_fit          (PltTimeline         *self,
                                           gboolean             fit);
gboolean    plt_timeline_get_fit          (PltTimeline         *self);
/* Zooms by @factor around the middle of the visible time. */
void        plt_timeline_zoom_by          (PltTimeline         *self,
                                           double               factor);
/* The menu of a right click or the Menu key (nullable). */
void        plt_timeline_set_context_menu (PltTimeline         *self,
                                           GMenuModel          *menu);
/* The heading of @team's rows (nullable: its id). */
void        plt_timeline_set_team_name    (PltTimeline         *self,
                                           const char          *team,
                                           const char          *name);
/* Highlights in the review: the changes of @diffs (element-type
 * PltDayDiff, referenced; nullable: none). */
void        plt_timeline_set_diff         (PltTimeline         *self,
                                           GPtrArray           *diffs);

/* Focus: the block of @shift_id and @activity (-1: the whole shift).
 * FALSE when the shift is not shown. */
gboolean    plt_timeline_focus_block      (PltTimeline         *self,
                                           const char          *shift_id,
                                           int                  activity);
/* The focused block: FALSE when none. @shift_id (out, transfer full,
 * nullable). */
gboolean    plt_timeline_get_focus        (PltTimeline         *self,
                                           char               **shift_id,
                                           int                 *activity);
/* The focused agent (transfer none, nullable) and the keyboard cursor's
 * time. */
const char *plt_timeline_get_focus_agent  (PltTimeline         *self);
gint64      plt_timeline_get_cursor_time  (PltTimeline         *self);
/* Scrolls so that @agent's row and @time are visible, and puts the
 * cursor there (focusing the block at @time, if any). */
void        plt_timeline_scroll_to        (PltTimeline         *self,
                                           const char          *agent,
                                           gint64               time);
/* Where @agent's row shows @time, in widget coordinates (the row's
 * vertical middle). FALSE when the agent has no row. */
gboolean    plt_timeline_get_point        (PltTimeline         *self,
                                           const char          *agent,
                                           gint64               time,
                                           double              *x,
                                           double              *y);
/* The focused block's rectangle, for a popover. */
gboolean    plt_timeline_get_focus_rect   (PltTimeline         *self,
                                           GdkRectangle        *rect);

/* Returns: (transfer none) (nullable): the site of the times shown */
const PltSite *plt_timeline_get_site      (PltTimeline         *self);
/* The time axis as drawn now (widget coordinates). */
void        plt_timeline_get_geometry     (PltTimeline         *self,
                                           PltTimelineGeometry *geometry);

/* The draft's rule violations over the weeks shown (element-type
 * PltViolation, transfer container: the violations are borrowed), errors
 * first, then by agent and time. Empty for a read-only source. */
GPtrArray  *plt_timeline_get_violations   (PltTimeline         *self);
guint       plt_timeline_count_violations (PltTimeline         *self,
                                           PltSeverity          severity);

G_END_DECLS
