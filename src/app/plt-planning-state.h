/* plt-planning-state.h — what the planning page shows, as pure functions of
 * values: what a role may do, the saving status in words, the publish
 * question, the week's title (tests/test-timeline-state.c, no display)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "plt-planning.h"

G_BEGIN_DECLS

/**
 * PltPlanningCaps:
 * @PLT_PLANNING_CAN_READ: sees plannings at all (not a wallboard)
 * @PLT_PLANNING_CAN_READ_DRAFT: sees the draft, not only the published days
 * @PLT_PLANNING_CAN_EDIT: edits and saves the draft
 * @PLT_PLANNING_CAN_REVIEW: opens the review (the diff and the comments)
 * @PLT_PLANNING_CAN_COMMENT: writes comments
 * @PLT_PLANNING_CAN_PUBLISH: publishes a week
 *
 * What a role may do with plannings, as docs/planning.md §6 says the router
 * allows (the router checks it again).
 */
typedef enum
{
  PLT_PLANNING_CAN_READ       = 1 << 0,
  PLT_PLANNING_CAN_READ_DRAFT = 1 << 1,
  PLT_PLANNING_CAN_EDIT       = 1 << 2,
  PLT_PLANNING_CAN_REVIEW     = 1 << 3,
  PLT_PLANNING_CAN_COMMENT    = 1 << 4,
  PLT_PLANNING_CAN_PUBLISH    = 1 << 5,
} PltPlanningCaps;

/* @role: "agent", "supervisor", "manager", "wallboard", "admin" (NULL: a
 * router without logins, where everyone is an admin). */
PltPlanningCaps plt_planning_caps_for_role (const char *role);

typedef enum
{
  PLT_SYNC_STATUS_SAVED,
  PLT_SYNC_STATUS_SAVING,
  PLT_SYNC_STATUS_OFFLINE,
  PLT_SYNC_STATUS_CONFLICT,
  PLT_SYNC_STATUS_FAILED,
  PLT_SYNC_STATUS_READ_ONLY,
} PltSyncStatus;

/**
 * PltSyncState:
 * @online: the link is up
 * @busy: a request is in flight
 * @n_pending: agent-days changed here and not saved yet
 * @n_conflicts: agent-days both sides changed, waiting for a choice
 * @failed: the last save was refused (not a conflict)
 * @read_only: the role cannot save
 */
typedef struct
{
  gboolean online;
  gboolean busy;
  guint    n_pending;
  guint    n_conflicts;
  gboolean failed;
  gboolean read_only;
} PltSyncState;

/* The status of @state, and (out) its words ("Saved", "Saving…",
 * "Offline — 3 changes kept on this computer", "Conflict"…), its icon
 * name and its CSS class (transfer none for both; words transfer full). */
PltSyncStatus plt_sync_state_describe   (const PltSyncState *state,
                                         char              **text,
                                         const char        **icon_name,
                                         const char        **css_class);

/* Returns: (transfer full): "Publish week 48 for Équipe Nord?" */
char       *plt_planning_publish_heading (const PltWeek *week,
                                          const char    *team_name);
/* Returns: (transfer full): "12 agents will be notified." (or none, or
 * one) */
char       *plt_planning_publish_body    (guint          n_agents);
/* Returns: (transfer full): "Week 48 · 23–29 November 2026" (months
 * and years only where they differ) */
char       *plt_planning_week_title      (const PltWeek *week);
/* Returns: (transfer full): "Recovered 5 unsaved changes" */
char       *plt_planning_recovered_text  (guint          n_changes);

G_END_DECLS
