/* plt-planning-document.h — the planning an editor works on: a team's
 * draft over one or more weeks, its undo stack, its journal, and what
 * saving and merging need (docs/planning.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "plt-journal.h"
#include "plt-planning.h"
#include "plt-planning-command.h"
#include "plt-planning-merge.h"
#include "plt-planning-rules.h"
#include "plt-undo-stack.h"

G_BEGIN_DECLS

#define PLT_TYPE_PLANNING_DOCUMENT (plt_planning_document_get_type ())
G_DECLARE_FINAL_TYPE (PltPlanningDocument, plt_planning_document, PLT, PLANNING_DOCUMENT, GObject)

/*
 * Properties:
 *   "snap-minutes"  uint (read-write): what commands snap times to (0, 5,
 *                   15…; default 15)
 *   "undo-stack"    PltUndoStack (read-only): bind "can-undo",
 *                   "undo-label"… to the Undo and Redo actions
 *
 * Signals:
 *   "changed" (GStrv keys) — agent-days of the draft changed: an edit, an
 *       undo or redo, a load or a merge. @keys are "agent|YYYY-MM-DD",
 *       sorted; redraw those rows and days only.
 *   "conflicts-changed" () — the list of unresolved conflicts changed.
 *
 * The document is a pure state machine: no I/O except the journal, no
 * main loop; everything here runs without a display.
 */

/* @client_id names this editor in new shift ids ("s-<client_id>-<n>");
 * give each editor its own (NULL: a random one). */
PltPlanningDocument *plt_planning_document_new          (const char          *team,
                                                         const PltSite       *site,
                                                         const char          *client_id);
const char          *plt_planning_document_get_team     (PltPlanningDocument *self);
const PltSite       *plt_planning_document_get_site     (PltPlanningDocument *self);
const char          *plt_planning_document_get_client_id (PltPlanningDocument *self);

/* The team's agents (element-type PltPlanningAgent), copied. */
void                 plt_planning_document_set_agents   (PltPlanningDocument *self,
                                                         GPtrArray           *agents);
/* Returns: (transfer none) (element-type PltPlanningAgent) */
GPtrArray           *plt_planning_document_get_agents   (PltPlanningDocument *self);
/* Returns: (transfer none) (nullable) */
const PltPlanningAgent *plt_planning_document_lookup_agent (PltPlanningDocument *self,
                                                         const char          *agent);
void                 plt_planning_document_set_rules    (PltPlanningDocument *self,
                                                         const PltPlanningRules *rules);
/* Returns: (transfer none) */
const PltPlanningRules *plt_planning_document_get_rules (PltPlanningDocument *self);
void                 plt_planning_document_set_snap_minutes (PltPlanningDocument *self,
                                                         guint                minutes);
guint                plt_planning_document_get_snap_minutes (PltPlanningDocument *self);
/* Returns: (transfer none) */
PltUndoStack        *plt_planning_document_get_undo_stack (PltPlanningDocument *self);

/*
 * Weeks. Each loaded week has a base: the router's draft at a revision,
 * the last state both sides agree on; the draft is the base plus the local
 * edits not saved yet ("pending").
 */

/* Loads @week as the router sent it: @draft at @revision and, when there
 * is one, the published version @published_version. The week's draft days
 * become @draft's (local edits of that week are dropped: merge first to
 * keep them), and the undo history of the week's days is forgotten. */
void                 plt_planning_document_load_week    (PltPlanningDocument *self,
                                                         const PltWeek       *week,
                                                         gint64               revision,
                                                         PltSchedule         *draft,
                                                         PltSchedule         *published,
                                                         gint64               published_version);
gboolean             plt_planning_document_has_week     (PltPlanningDocument *self,
                                                         const PltWeek       *week);
/* The revision the week's edits are based on (0: never saved). */
gint64               plt_planning_document_get_revision (PltPlanningDocument *self,
                                                         const PltWeek       *week);
/* Returns: (transfer none) (nullable): the published version, read-only */
PltSchedule         *plt_planning_document_get_published (PltPlanningDocument *self,
                                                         const PltWeek       *week,
                                                         gint64              *version);
/* A new published version of @week (from a planning.state). */
void                 plt_planning_document_set_published (PltPlanningDocument *self,
                                                         const PltWeek       *week,
                                                         PltSchedule         *published,
                                                         gint64               version);
/* Returns: (transfer none) (nullable): the week's base */
PltSchedule         *plt_planning_document_get_base     (PltPlanningDocument *self,
                                                         const PltWeek       *week);
/* Returns: (transfer none): the draft, every loaded week together. Read it,
 * never change it: edits go through commands. */
PltSchedule         *plt_planning_document_get_draft    (PltPlanningDocument *self);
/* Returns: (transfer full) (element-type PltWeek): the weeks with pending
 * edits, in order */
GArray              *plt_planning_document_list_dirty_weeks (PltPlanningDocument *self);

/*
 * Edits.
 */

/* Applies @command to the draft: journals it (before anything changes, so
 * that a crash never loses an edit acknowledged here), records it for
 * undo, emits "changed". An edit that changes nothing succeeds and
 * records nothing. */
gboolean             plt_planning_document_execute      (PltPlanningDocument *self,
                                                         PltPlanningCommand  *command,
                                                         GError             **error);
/* What @command would give, for a preview while dragging: the changed
 * agent-days (out, element-type PltAgentDay) and, when @violations is not
 * NULL, the rule violations of those agents' days with it applied. The
 * draft does not change. */
gboolean             plt_planning_document_try          (PltPlanningDocument *self,
                                                         PltPlanningCommand  *command,
                                                         GPtrArray          **days,
                                                         GPtrArray          **violations,
                                                         GError             **error);
gboolean             plt_planning_document_undo         (PltPlanningDocument *self);
gboolean             plt_planning_document_redo         (PltPlanningDocument *self);

/* The violations of the draft from @from to @to (NULL: every agent).
 * Returns: (transfer full) (element-type PltViolation) */
GPtrArray           *plt_planning_document_check        (PltPlanningDocument *self,
                                                         const char          *agent,
                                                         const GDate         *from,
                                                         const GDate         *to);

/*
 * Saving and merging (the sync engine in plt-planning-sync.h drives these).
 */

/* Returns: (transfer full) (element-type PltAgentDay): @week's agent-days
 * that differ from its base (an empty day for one emptied), by key */
GPtrArray           *plt_planning_document_list_pending (PltPlanningDocument *self,
                                                         const PltWeek       *week);
/* The router accepted @days (some or all of the pending ones) of @week at
 * @revision: they become the base. */
void                 plt_planning_document_mark_saved   (PltPlanningDocument *self,
                                                         const PltWeek       *week,
                                                         gint64               revision,
                                                         GPtrArray           *days);
/* Someone else saved @week: @theirs at @revision. Three-way merge per
 * agent-day between the week's base, the draft and @theirs: days only they
 * changed are taken, days only I changed are kept, days both changed
 * differently are conflicts (the draft keeps mine meanwhile). @theirs
 * becomes the base. Returns the number of new conflicts; see
 * plt_planning_document_get_conflicts(). */
guint                plt_planning_document_merge_remote (PltPlanningDocument *self,
                                                         const PltWeek       *week,
                                                         gint64               revision,
                                                         PltSchedule         *theirs);
/* Returns: (transfer none) (element-type PltMergeConflict): unresolved
 * conflicts, by key */
GPtrArray           *plt_planning_document_get_conflicts (PltPlanningDocument *self);
/* Whether @week has unresolved conflicts: it cannot be saved until they
 * are resolved (a save would overwrite their change silently). */
gboolean             plt_planning_document_has_conflicts (PltPlanningDocument *self,
                                                         const PltWeek       *week);
/* Resolves the conflict of agent-day @key: keep mine, or take theirs (an
 * edit, which undo can take back). */
gboolean             plt_planning_document_resolve      (PltPlanningDocument *self,
                                                         const char          *key,
                                                         PltMergeChoice       choice,
                                                         GError             **error);

/*
 * The journal.
 */

/* Journals into @journal from now on (taking it): writes the document's
 * whole state first (header, each week's base and pending days). */
gboolean             plt_planning_document_set_journal  (PltPlanningDocument *self,
                                                         PltJournal          *journal,
                                                         GError             **error);
/* Rewrites the journal with only the current state (after saves). */
gboolean             plt_planning_document_compact_journal (PltPlanningDocument *self,
                                                         GError             **error);
/* Returns: (transfer full) (nullable): the document the journal at @path
 * describes (its last complete line included), journaling on into it.
 * @n_torn (out, nullable): lines lost to a crash mid-write (0 or 1). */
PltPlanningDocument *plt_planning_document_recover      (const char          *path,
                                                         guint               *n_torn,
                                                         GError             **error);

G_END_DECLS
