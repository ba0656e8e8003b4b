/* plt-export.h — a planning's exports: CSV of a week, iCalendar per agent,
 * and the diff between the draft and the published version
 * (docs/planning.md, "Exports")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "plt-planning.h"
#include "plt-protocol-planning.h"

G_BEGIN_DECLS

#define PLT_EXPORT_ERROR (plt_export_error_quark ())

typedef enum
{
  PLT_EXPORT_ERROR_CSV,       /* text that is not RFC 4180 CSV */
  PLT_EXPORT_ERROR_ICAL,      /* libical refused something */
} PltExportError;

GQuark plt_export_error_quark (void);

/* ------------------------------------------------------------------------
 * CSV (RFC 4180)
 */

/**
 * PltCsvRow:
 * @line: the line the record starts on (1-based)
 * @fields: (array zero-terminated=1): its fields, unquoted
 */
typedef struct
{
  guint  line;
  GStrv  fields;
} PltCsvRow;

void       plt_csv_row_free       (PltCsvRow   *row);
/* Reads RFC 4180 text: fields separated by commas, records by CRLF (LF
 * accepted), double-quoted fields with "" for a quote and line breaks
 * inside. A final line break ends the last record (no empty record).
 * Returns: (transfer full) (element-type PltCsvRow) (nullable): NULL with
 * PLT_EXPORT_ERROR_CSV, and the line at fault in @error_line */
GPtrArray *plt_csv_read           (const char  *text,
                                   gssize       length,
                                   guint       *error_line,
                                   GError     **error);
/* Appends @field, quoted when it holds a comma, a quote, a line break or
 * leading or trailing space. */
void       plt_csv_append_field   (GString     *out,
                                   const char  *field);

/* One row per activity of @schedule's days in @week (an agent's days in
 * agent order, then by time), CRLF line ends:
 *   team,agent,agent_name,date,shift,activity,start,end,minutes,queues
 * start and end are local ISO 8601 times with their offset; queues are
 * separated by ';' (the agent's skills when the activity names none).
 * @agents (element-type PltPlanningAgent) gives the names and skills.
 * Returns: (transfer full) */
char      *plt_export_week_csv    (PltSchedule       *schedule,
                                   const PltSite     *site,
                                   GPtrArray         *agents,
                                   const char        *team,
                                   const PltWeek     *week);

/* ------------------------------------------------------------------------
 * iCalendar (RFC 5545, written by libical)
 */

/* @agent's activities of @schedule from @from to @to (local dates,
 * included) as a VCALENDAR: the site's VTIMEZONE, one VEVENT per activity
 * (off excluded) with local DTSTART/DTEND in that zone, SUMMARY in words
 * (translated), CATEGORIES the activity's string form, a UID stable for
 * the shift and the activity's place in it. @stamp is DTSTAMP (ms).
 * Returns: (transfer full) (nullable) */
char      *plt_export_agent_ical  (PltSchedule             *schedule,
                                   const PltSite           *site,
                                   const PltPlanningAgent  *agent,
                                   const GDate             *from,
                                   const GDate             *to,
                                   gint64                   stamp,
                                   GError                 **error);

/* ------------------------------------------------------------------------
 * The diff between two versions (draft and published)
 */

typedef enum
{
  PLT_CHANGE_ADDED,
  PLT_CHANGE_REMOVED,
  PLT_CHANGE_CHANGED,
} PltChangeKind;

/**
 * PltActivityChange:
 * @kind: added, removed or changed
 * @before: (nullable): the activity in the old version (REMOVED, CHANGED)
 * @after: (nullable): in the new one (ADDED, CHANGED)
 *
 * A CHANGED pair is the same kind of activity with other bounds or
 * queues: the one overlapping it most, else the nearest.
 */
typedef struct
{
  PltChangeKind  kind;
  PltActivity   *before;
  PltActivity   *after;
} PltActivityChange;

/**
 * PltDayDiff:
 * @agent: the agent
 * @date: the day
 * @changes: (element-type PltActivityChange): by time
 * @absences_changed: the approved time off of the day changed
 * @changed_by: (array zero-terminated=1): who saved changes of this
 *   agent-day since the old version, from the audit, in order, each once
 */
typedef struct
{
  char      *agent;
  GDate      date;
  GPtrArray *changes;
  gboolean   absences_changed;
  GStrv      changed_by;
} PltDayDiff;

void       plt_day_diff_free      (PltDayDiff  *diff);
/* The agent-days that differ between @old (NULL: nothing published yet)
 * and @new, by agent and date. @audit (element-type PltPlanningAudit,
 * nullable) names who changed them: the entries of action "save" with a
 * revision above @old_revision.
 * Returns: (transfer full) (element-type PltDayDiff) */
GPtrArray *plt_planning_diff      (PltSchedule  *old,
                                   PltSchedule  *new,
                                   GPtrArray    *audit,
                                   gint64        old_revision);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PltCsvRow, plt_csv_row_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PltDayDiff, plt_day_diff_free)

G_END_DECLS
