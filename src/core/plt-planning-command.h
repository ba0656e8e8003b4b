/* plt-planning-command.h — the edits of a planning, as commands
 * (docs/planning.md, "Edits")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "plt-planning.h"

G_BEGIN_DECLS

/*
 * A command describes one edit. Applying it to a schedule is pure: it
 * computes the agent-days the edit produces (whole replacements), and
 * changes nothing. PltPlanningDocument applies them, records the days
 * before and after for undo and redo, journals them and emits "changed".
 *
 * Times given to commands are snapped to the context's snap_minutes of
 * local wall-clock time (0: to the minute). Activities are addressed by
 * their shift id and their index in the shift.
 */

typedef enum
{
  PLT_COMMAND_CREATE_SHIFT,
  PLT_COMMAND_MOVE_SHIFT,
  PLT_COMMAND_RESIZE_SHIFT,
  PLT_COMMAND_SPLIT_SHIFT,
  PLT_COMMAND_DELETE_SHIFT,
  PLT_COMMAND_ADD_ACTIVITY,
  PLT_COMMAND_MOVE_ACTIVITY,
  PLT_COMMAND_RESIZE_ACTIVITY,
  PLT_COMMAND_SPLIT_ACTIVITY,
  PLT_COMMAND_DELETE_ACTIVITY,
  PLT_COMMAND_SET_ACTIVITY,
  PLT_COMMAND_COPY_DAY,
  PLT_COMMAND_COPY_WEEK,
  PLT_COMMAND_APPLY_TEMPLATE,
  PLT_COMMAND_APPLY_PATTERN,
  PLT_COMMAND_REPEAT_WEEKS,
  PLT_COMMAND_SET_DAYS,
  PLT_COMMAND_ADD_ABSENCE,
  PLT_COMMAND_REMOVE_ABSENCE,
} PltCommandType;

typedef struct _PltPlanningCommand PltPlanningCommand;

/**
 * PltCommandContext:
 * @schedule: the draft the command applies to
 * @site: the site (local dates, snapping)
 * @agents: (element-type PltPlanningAgent) (nullable): the team's agents
 *   (COPY_WEEK and REPEAT_WEEKS without an agent list use them all)
 * @snap_minutes: 0, 1, 5, 15…
 * @id_prefix: new shift ids are "s-<id_prefix>-<n>"
 */
typedef struct
{
  PltSchedule   *schedule;
  const PltSite *site;
  GPtrArray     *agents;
  guint          snap_minutes;
  const char    *id_prefix;
} PltCommandContext;

/* A shift of one WORK activity on @queues (NULL: the agent's skills). */
PltPlanningCommand *plt_planning_command_create_shift    (const char          *agent,
                                                          gint64               start,
                                                          gint64               end,
                                                          const char * const  *queues);
/* Moves the shift so that it starts at @start, to @to_agent's row when
 * not NULL. It then belongs to the day of its new start. */
PltPlanningCommand *plt_planning_command_move_shift      (const char          *shift_id,
                                                          gint64               start,
                                                          const char          *to_agent);
/* New bounds: time added at an edge is WORK (on the queues of the nearest
 * WORK activity), time taken off drops what it covers. */
PltPlanningCommand *plt_planning_command_resize_shift    (const char          *shift_id,
                                                          gint64               start,
                                                          gint64               end);
/* Two shifts, cut at @at (strictly inside); the second gets a new id. */
PltPlanningCommand *plt_planning_command_split_shift     (const char          *shift_id,
                                                          gint64               at);
PltPlanningCommand *plt_planning_command_delete_shift    (const char          *shift_id);
/* Puts an activity over [@start, @end) of the shift (within its bounds),
 * cutting what was there. */
PltPlanningCommand *plt_planning_command_add_activity    (const char          *shift_id,
                                                          PltActivityKind      kind,
                                                          gint64               start,
                                                          gint64               end,
                                                          const char * const  *queues);
/* Moves activity @index to start at @start, within the shift; the time it
 * leaves becomes WORK. */
PltPlanningCommand *plt_planning_command_move_activity   (const char          *shift_id,
                                                          guint                index,
                                                          gint64               start);
/* New bounds for activity @index; the first and last activities carry the
 * shift's edges with them (the shift grows or shrinks); inner time left
 * becomes WORK. */
PltPlanningCommand *plt_planning_command_resize_activity (const char          *shift_id,
                                                          guint                index,
                                                          gint64               start,
                                                          gint64               end);
PltPlanningCommand *plt_planning_command_split_activity  (const char          *shift_id,
                                                          guint                index,
                                                          gint64               at);
/* The first or last activity shrinks the shift; an inner one becomes WORK;
 * the only one deletes the shift. */
PltPlanningCommand *plt_planning_command_delete_activity (const char          *shift_id,
                                                          guint                index);
PltPlanningCommand *plt_planning_command_set_activity    (const char          *shift_id,
                                                          guint                index,
                                                          PltActivityKind      kind,
                                                          const char * const  *queues);
/* Replaces the shifts of each of @to_agents on @to_date by copies of
 * @from_agent's shifts on @from_date, at the same wall-clock times. */
PltPlanningCommand *plt_planning_command_copy_day        (const char          *from_agent,
                                                          const GDate         *from_date,
                                                          const char * const  *to_agents,
                                                          const GDate         *to_date);
/* Copies week @from onto week @to, day by day, for @agents (NULL: every
 * agent of the context). A day empty in @from clears the shifts in @to. */
PltPlanningCommand *plt_planning_command_copy_week       (const PltWeek       *from,
                                                          const PltWeek       *to,
                                                          const char * const  *agents);
/* Replaces @agent's shifts on @date by the template's. */
PltPlanningCommand *plt_planning_command_apply_template  (const char          *agent,
                                                          const GDate         *date,
                                                          const PltShiftTemplate *tmpl);
/* Applies @pattern to @agent's week @week; @templates (element-type
 * PltShiftTemplate) holds the templates it names. */
PltPlanningCommand *plt_planning_command_apply_pattern   (const char          *agent,
                                                          const PltWeek       *week,
                                                          const PltWeeklyPattern *pattern,
                                                          GPtrArray           *templates);
/* Copies week @from onto each of the @n_weeks weeks after it. */
PltPlanningCommand *plt_planning_command_repeat_weeks    (const PltWeek       *from,
                                                          guint                n_weeks,
                                                          const char * const  *agents);
/* Replaces the agent-days @days (element-type PltAgentDay) as they are:
 * a merge resolution, a recovered journal. */
PltPlanningCommand *plt_planning_command_set_days        (GPtrArray           *days,
                                                          const char          *label);
PltPlanningCommand *plt_planning_command_add_absence     (const char          *agent,
                                                          gint64               start,
                                                          gint64               end,
                                                          const char          *reason);
PltPlanningCommand *plt_planning_command_remove_absence  (const char          *agent,
                                                          const GDate         *date,
                                                          guint                index);

PltPlanningCommand *plt_planning_command_ref             (PltPlanningCommand  *self);
void                plt_planning_command_unref           (PltPlanningCommand  *self);
PltCommandType      plt_planning_command_get_command_type (PltPlanningCommand *self);
/* Returns: (transfer none): what it does, translated ("Move shift") */
const char         *plt_planning_command_get_label       (PltPlanningCommand  *self);
/* "create-shift", "move-shift"…: for the journal */
const char         *plt_planning_command_get_name        (PltPlanningCommand  *self);

/* Returns: (transfer full) (element-type PltAgentDay) (nullable): the
 * agent-days the command produces from @ctx->schedule (only those that
 * change; not frozen), or NULL with @error in PLT_PLANNING_ERROR */
GPtrArray          *plt_planning_command_apply           (PltPlanningCommand  *self,
                                                          const PltCommandContext *ctx,
                                                          GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PltPlanningCommand, plt_planning_command_unref)

G_END_DECLS
