/* plt-planning-sync.h — keeps a planning document in step with the router:
 * loads weeks, saves pending agent-days from their base revision (split
 * below the client message limit), merges on CONFLICT, publishes, and
 * saves what was edited offline once the link is back (docs/planning.md,
 * "Saving and merging")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "plt-planning-document.h"
#include "plt-protocol.h"

G_BEGIN_DECLS

/* Sends @text (one client message) to the router. */
typedef void (*PltPlanningSendFunc) (const char *text,
                                     gpointer    user_data);

#define PLT_TYPE_PLANNING_SYNC (plt_planning_sync_get_type ())
G_DECLARE_FINAL_TYPE (PltPlanningSync, plt_planning_sync, PLT, PLANNING_SYNC, GObject)

/*
 * The sync has no transport of its own: it sends through @send and is fed
 * every message from the router with plt_planning_sync_handle_message().
 * One request is in flight at a time; the rest wait their turn.
 *
 * Properties:
 *   "online"    boolean (read-write): whether the link is up. Nothing is
 *               sent while offline; going online saves every week with
 *               pending days (edits made offline are in the journal).
 *   "autosave"  boolean (read-write, default FALSE): save after each edit
 *   "busy"      boolean (read-only): a request is in flight
 *
 * Signals (weeks as "2026-W48"):
 *   "loaded" (const char *week)                      — a planning.state was applied
 *   "saved" (const char *week, gint64 revision)      — the router took every pending day
 *   "conflict" (const char *week, guint conflicts)   — someone else saved first; the
 *       document merged (plt_planning_document_get_conflicts()); with 0
 *       conflicts the save goes on by itself, else resolve and save again
 *   "published" (const char *week, gint64 version)   — our publish succeeded
 *   "notified" (const char *week, gint64 version)    — planning.published arrived (an
 *       agent's console: their plan changed)
 *   "failed" (const char *week, GError *error)       — the router refused a request
 */

PltPlanningSync     *plt_planning_sync_new          (PltPlanningDocument *document,
                                                     PltPlanningSendFunc  send,
                                                     gpointer             user_data,
                                                     GDestroyNotify       destroy);
/* Returns: (transfer none) */
PltPlanningDocument *plt_planning_sync_get_document (PltPlanningSync     *self);
void                 plt_planning_sync_set_online   (PltPlanningSync     *self,
                                                     gboolean             online);
gboolean             plt_planning_sync_get_online   (PltPlanningSync     *self);
void                 plt_planning_sync_set_autosave (PltPlanningSync     *self,
                                                     gboolean             autosave);
gboolean             plt_planning_sync_get_busy     (PltPlanningSync     *self);
/* The largest save message sent (default: the protocol's client limit
 * less a margin); smaller for tests. */
void                 plt_planning_sync_set_max_message (PltPlanningSync  *self,
                                                     gsize                bytes);

/* Asks for @week (planning.get). When the reply comes, a week without
 * pending days is loaded as it is; one with pending days is merged. */
void                 plt_planning_sync_load         (PltPlanningSync     *self,
                                                     const PltWeek       *week);
/* Saves @week's pending days. Fails at once (PLT_PLANNING_ERROR_INVALID)
 * while the week has unresolved conflicts. Nothing pending: nothing sent. */
gboolean             plt_planning_sync_save         (PltPlanningSync     *self,
                                                     const PltWeek       *week,
                                                     GError             **error);
/* Publishes @week's draft at its base revision; refuses while days are
 * pending or in conflict (publish what the router has). */
gboolean             plt_planning_sync_publish      (PltPlanningSync     *self,
                                                     const PltWeek       *week,
                                                     GError             **error);
void                 plt_planning_sync_comment      (PltPlanningSync     *self,
                                                     const PltWeek       *week,
                                                     const char          *text,
                                                     const char          *agent,
                                                     const GDate         *date);
/* Feed every message from the router. Returns TRUE when it was one for
 * the planning (a planning.* message, or the result or error of one of
 * our requests). */
gboolean             plt_planning_sync_handle_message (PltPlanningSync   *self,
                                                     const PltMessage    *message);

G_END_DECLS
