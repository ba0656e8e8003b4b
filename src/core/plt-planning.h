/* plt-planning.h — the planning model: sites and weeks, agent-days made of
 * shifts made of activities, templates and weekly patterns (docs/planning.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/*
 * Times are UTC, in ms since the Unix epoch, always whole minutes (the
 * model rounds what it is given to the minute). Dates are local dates of
 * the planning's site (a GDate), and an agent-day is "agent A on local
 * date D": the merge, the journal and the "changed" signal all work per
 * agent-day. A shift belongs to the day on which it *starts*, even when it
 * runs past midnight.
 *
 * Values are plain reference-counted structures. A PltAgentDay that has
 * been put in a PltSchedule is frozen (never modified again): edits build
 * a new day and replace it, so undo, the journal and the merge keep
 * references to old days for free.
 */

#define PLT_PLANNING_ERROR (plt_planning_error_quark ())

/**
 * PltPlanningError:
 * @PLT_PLANNING_ERROR_INVALID: a value out of range, or data that does not
 *   follow docs/planning.md (the message names it)
 * @PLT_PLANNING_ERROR_NOT_FOUND: no shift, activity, agent or template has
 *   this id
 * @PLT_PLANNING_ERROR_OVERLAP: the edit would make two shifts of an agent
 *   overlap
 * @PLT_PLANNING_ERROR_READ_ONLY: the schedule is a published version
 */
typedef enum
{
  PLT_PLANNING_ERROR_INVALID,
  PLT_PLANNING_ERROR_NOT_FOUND,
  PLT_PLANNING_ERROR_OVERLAP,
  PLT_PLANNING_ERROR_READ_ONLY,
} PltPlanningError;

GQuark plt_planning_error_quark (void);

#define PLT_MS_PER_MINUTE   ((gint64) 60000)
#define PLT_MS_PER_HOUR     ((gint64) 3600000)
/* The longest shift the model accepts. */
#define PLT_PLANNING_MAX_SHIFT_MS  (24 * PLT_MS_PER_HOUR)

/**
 * PltActivityKind:
 * @PLT_ACTIVITY_WORK: on the agent's queues (or the ones listed)
 * @PLT_ACTIVITY_BREAK: a short paid pause
 * @PLT_ACTIVITY_LUNCH: the meal break (unpaid)
 * @PLT_ACTIVITY_TRAINING: training
 * @PLT_ACTIVITY_MEETING: a meeting
 * @PLT_ACTIVITY_BACK_OFFICE: work off the queues
 * @PLT_ACTIVITY_OFF: planned not to work
 * @PLT_ACTIVITY_TIME_OFF: paid leave shown in the timeline
 *
 * What an agent is planned to do. The string forms ("work", "break",
 * "lunch", "training", "meeting", "back_office", "off", "time_off") are
 * those of the wire, the journal and the CSV, and the first five match the
 * router's pause reason codes.
 */
typedef enum
{
  PLT_ACTIVITY_WORK,
  PLT_ACTIVITY_BREAK,
  PLT_ACTIVITY_LUNCH,
  PLT_ACTIVITY_TRAINING,
  PLT_ACTIVITY_MEETING,
  PLT_ACTIVITY_BACK_OFFICE,
  PLT_ACTIVITY_OFF,
  PLT_ACTIVITY_TIME_OFF,
  PLT_ACTIVITY_N_KINDS,
} PltActivityKind;

const char      *plt_activity_kind_to_string   (PltActivityKind  kind);
/* FALSE for text that is not one of the kinds. */
gboolean         plt_activity_kind_from_string (const char      *str,
                                                PltActivityKind *kind);
/* Returns: (transfer none): the kind in words, translated ("Back office") */
const char      *plt_activity_kind_get_label   (PltActivityKind  kind);
/* Counts as working time for the hours rules: work, break, training,
 * meeting, back office (not lunch, off, time off). */
gboolean         plt_activity_kind_is_working  (PltActivityKind  kind);

/* ------------------------------------------------------------------------
 * Sites and weeks
 */

/**
 * PltSite:
 * @id: the site id
 * @name: its name
 * @tz_id: the IANA zone, e.g. "Europe/Paris"
 * @tz: the zone
 *
 * Where a team works: its local dates and wall-clock times.
 */
typedef struct
{
  char      *id;
  char      *name;
  char      *tz_id;
  GTimeZone *tz;
} PltSite;

/* Returns: (transfer full) (nullable): NULL with PLT_PLANNING_ERROR_INVALID
 * when @tz_id is not a zone this system knows ("UTC" always is). */
PltSite   *plt_site_new                 (const char   *id,
                                         const char   *name,
                                         const char   *tz_id,
                                         GError      **error);
PltSite   *plt_site_copy                (const PltSite *site);
void       plt_site_free                (PltSite      *site);

/* The UTC time of local @date at @minute_of_day (0 … 1 439, or beyond for
 * the next days). A wall-clock time that does not exist (the hour skipped
 * when clocks go forward) is moved forward by the gap; an ambiguous one
 * (the hour repeated when they go back) is its first occurrence. */
gint64     plt_site_local_time          (const PltSite *site,
                                         const GDate   *date,
                                         int            minute_of_day);
/* Local midnight of @date (the day's start; 23 or 25 h before the next on
 * DST days). */
gint64     plt_site_day_start           (const PltSite *site,
                                         const GDate   *date);
/* The local date of @time. */
void       plt_site_get_date            (const PltSite *site,
                                         gint64         time,
                                         GDate         *date);
/* Minutes since local midnight of @time's local date (wall clock). */
int        plt_site_minute_of_day       (const PltSite *site,
                                         gint64         time);
/* Rounds @time to the nearest multiple of @minutes of local wall-clock
 * time (5, 15…); 0 or 1 rounds to the minute only. */
gint64     plt_site_snap                (const PltSite *site,
                                         gint64         time,
                                         guint          minutes);
/* Returns: (transfer full): @time as ISO 8601 local time with its offset,
 * "2026-03-29T03:00:00+02:00" */
char      *plt_site_format_time         (const PltSite *site,
                                         gint64         time);

/**
 * PltWeek:
 * @year: the ISO 8601 week-numbering year
 * @week: 1 … 52 or 53
 *
 * An ISO week, Monday to Sunday. String form "2026-W48".
 */
typedef struct
{
  int year;
  int week;
} PltWeek;

gboolean   plt_week_from_string         (const char   *str,
                                         PltWeek      *week);
/* Returns: (transfer full) */
char      *plt_week_to_string           (const PltWeek *week);
gboolean   plt_week_is_valid            (const PltWeek *week);
/* The Monday of @week. */
void       plt_week_get_monday          (const PltWeek *week,
                                         GDate         *monday);
/* The week that contains @date. */
void       plt_week_from_date           (const GDate   *date,
                                         PltWeek       *week);
/* @week moved by @n weeks (n may be negative). */
void       plt_week_add                 (PltWeek       *week,
                                         int            n);
gboolean   plt_week_equal               (const PltWeek *a,
                                         const PltWeek *b);

/* Dates as "YYYY-MM-DD". */
gboolean   plt_date_from_string         (const char   *str,
                                         GDate        *date);
/* Writes 11 bytes into @buffer. */
void       plt_date_to_string           (const GDate  *date,
                                         char          buffer[11]);

/* ------------------------------------------------------------------------
 * Activities, shifts, agent-days
 */

/**
 * PltActivity:
 * @kind: what the agent does
 * @start: UTC ms, a whole minute
 * @end: UTC ms (> @start)
 * @queues: (array zero-terminated=1) (nullable): for WORK, the queues it is
 *   on (NULL or empty: every queue of the agent's skills); NULL otherwise
 */
typedef struct
{
  PltActivityKind  kind;
  gint64           start;
  gint64           end;
  GStrv            queues;
} PltActivity;

PltActivity *plt_activity_new           (PltActivityKind     kind,
                                         gint64              start,
                                         gint64              end,
                                         const char * const *queues);
PltActivity *plt_activity_copy          (const PltActivity  *activity);
void         plt_activity_free          (PltActivity        *activity);
gboolean     plt_activity_equal         (const PltActivity  *a,
                                         const PltActivity  *b);
/* Same kind and queues. */
gboolean     plt_activity_same_kind     (const PltActivity  *a,
                                         const PltActivity  *b);
/* Whether @activity's queue list (empty = all of @skills) includes @queue. */
gboolean     plt_activity_serves_queue  (const PltActivity  *activity,
                                         const char * const *skills,
                                         const char         *queue);

/**
 * PltShift:
 * @id: unique in a planning ("s-…")
 * @start: the first activity's start
 * @end: the last activity's end
 * @activities: (element-type PltActivity): by time, contiguous (each
 *   starts where the previous ends), covering [@start, @end); two
 *   neighbours may be of the same kind (a split activity)
 */
typedef struct
{
  char      *id;
  gint64     start;
  gint64     end;
  GPtrArray *activities;
} PltShift;

/* A shift of one WORK activity on @queues. */
PltShift  *plt_shift_new                (const char          *id,
                                         gint64               start,
                                         gint64               end,
                                         const char * const  *queues);
PltShift  *plt_shift_copy               (const PltShift     *shift);
void       plt_shift_free               (PltShift           *shift);
gboolean   plt_shift_equal              (const PltShift     *a,
                                         const PltShift     *b);
/* Restores the invariants after an edit of @activities: drops empty
 * activities, sorts, sets @start and @end.
 * Fails when the activities overlap, leave a gap, or there are none. */
gboolean   plt_shift_normalize          (PltShift           *shift,
                                         GError            **error);
/* Time in the shift spent on working activities (plt_activity_kind_is_working()). */
gint64     plt_shift_working_ms         (const PltShift     *shift);
/* Whether the shift holds any working activity (a shift of only OFF or
 * TIME_OFF is not a working shift for the rest and hours rules). */
gboolean   plt_shift_is_working         (const PltShift     *shift);
/* Returns: (transfer none) (nullable): the activity at @time */
const PltActivity *plt_shift_activity_at (const PltShift    *shift,
                                         gint64              time);

/**
 * PltAbsence:
 * @start: UTC ms
 * @end: UTC ms
 * @reason: (nullable): e.g. "vacation", "sick"
 *
 * Approved time off: no working activity may overlap it.
 */
typedef struct
{
  gint64  start;
  gint64  end;
  char   *reason;
} PltAbsence;

PltAbsence *plt_absence_new             (gint64       start,
                                         gint64       end,
                                         const char  *reason);
PltAbsence *plt_absence_copy            (const PltAbsence *absence);
void        plt_absence_free            (PltAbsence  *absence);

typedef struct _PltAgentDay PltAgentDay;

/**
 * PltAgentDay:
 * @agent: the agent id
 * @date: the local date
 * @shifts: (element-type PltShift): the shifts starting that day, by start
 * @absences: (element-type PltAbsence): approved time off starting that day
 *
 * One agent's plan for one local date: the unit of merging and of the
 * "changed" signal. Reference counted; frozen once in a schedule.
 */
struct _PltAgentDay
{
  char      *agent;
  GDate      date;
  GPtrArray *shifts;
  GPtrArray *absences;
  /*< private >*/
  gint       ref_count;
  gboolean   frozen;
};

/* Returns: (transfer full): an empty day */
PltAgentDay *plt_agent_day_new          (const char        *agent,
                                         const GDate       *date);
/* Returns: (transfer full): a deep copy, not frozen */
PltAgentDay *plt_agent_day_copy         (const PltAgentDay *day);
PltAgentDay *plt_agent_day_ref          (PltAgentDay       *day);
void         plt_agent_day_unref        (PltAgentDay       *day);
gboolean     plt_agent_day_equal        (const PltAgentDay *a,
                                         const PltAgentDay *b);
/* No shift and no absence. */
gboolean     plt_agent_day_is_empty     (const PltAgentDay *day);
/* Inserts @shift (taking it) in start order. */
void         plt_agent_day_add_shift    (PltAgentDay       *day,
                                         PltShift          *shift);
/* Returns: (transfer full): "agent|YYYY-MM-DD", the key of an agent-day */
char        *plt_agent_day_key          (const char        *agent,
                                         const GDate       *date);
/* Parses a key back. */
gboolean     plt_agent_day_key_parse    (const char        *key,
                                         char             **agent,
                                         GDate             *date);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PltActivity, plt_activity_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PltShift, plt_shift_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PltAbsence, plt_absence_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PltAgentDay, plt_agent_day_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PltSite, plt_site_free)

/* ------------------------------------------------------------------------
 * Schedules: a set of agent-days
 */

typedef struct _PltSchedule PltSchedule;

/* Returns: (transfer full): an empty schedule */
PltSchedule *plt_schedule_new           (void);
/* Returns: (transfer full): a new schedule sharing @self's (frozen) days */
PltSchedule *plt_schedule_copy          (PltSchedule       *self);
PltSchedule *plt_schedule_ref           (PltSchedule       *self);
void         plt_schedule_unref         (PltSchedule       *self);
/* A read-only schedule (a published version) refuses plt_schedule_set_day(). */
void         plt_schedule_set_read_only (PltSchedule       *self);
gboolean     plt_schedule_is_read_only  (PltSchedule       *self);
/* Returns: (transfer none) (nullable): @agent's day @date, NULL if empty */
PltAgentDay *plt_schedule_lookup        (PltSchedule       *self,
                                         const char        *agent,
                                         const GDate       *date);
/* Returns: (transfer full): @agent's day @date, an empty one if none */
PltAgentDay *plt_schedule_dup_day       (PltSchedule       *self,
                                         const char        *agent,
                                         const GDate       *date);
/* Replaces the agent-day of @day's agent and date by @day (freezing and
 * referencing it); an empty @day removes it. Checks that no shift id is
 * used by another agent-day. */
gboolean     plt_schedule_set_day       (PltSchedule       *self,
                                         PltAgentDay       *day,
                                         GError           **error);
/* Returns: (transfer container) (element-type PltAgentDay): the non-empty
 * days, by agent then date; the days are borrowed */
GPtrArray   *plt_schedule_list_days     (PltSchedule       *self);
/* Returns: (transfer container) (element-type PltAgentDay): @agent's days
 * from @from to @to included, by date */
GPtrArray   *plt_schedule_list_agent_days (PltSchedule     *self,
                                         const char        *agent,
                                         const GDate       *from,
                                         const GDate       *to);
guint        plt_schedule_get_n_days    (PltSchedule       *self);
/* Returns: (transfer none) (nullable): the day holding shift @shift_id */
PltAgentDay *plt_schedule_find_shift    (PltSchedule       *self,
                                         const char        *shift_id,
                                         const PltShift   **shift);
gboolean     plt_schedule_equal         (PltSchedule       *a,
                                         PltSchedule       *b);
/* Returns: (transfer full): the agent-day keys whose content differs */
GStrv        plt_schedule_diff_keys     (PltSchedule       *a,
                                         PltSchedule       *b);
/* A new shift id, unique in this schedule and any other the caller keeps
 * apart with @prefix (e.g. the editor's session id): "s-<prefix>-<n>". */
char        *plt_schedule_new_shift_id  (PltSchedule       *self,
                                         const char        *prefix);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PltSchedule, plt_schedule_unref)

/* ------------------------------------------------------------------------
 * Agents, templates, patterns
 */

/**
 * PltPlanningAgent:
 * @id: the agent id, as in agent.update
 * @name: the display name
 * @team: the team id
 * @skills: (array zero-terminated=1): the queues the agent may serve
 */
typedef struct
{
  char  *id;
  char  *name;
  char  *team;
  GStrv  skills;
} PltPlanningAgent;

PltPlanningAgent *plt_planning_agent_new  (const char         *id,
                                           const char         *name,
                                           const char         *team,
                                           const char * const *skills);
PltPlanningAgent *plt_planning_agent_copy (const PltPlanningAgent *agent);
void              plt_planning_agent_free (PltPlanningAgent   *agent);
gboolean          plt_planning_agent_has_skill (const PltPlanningAgent *agent,
                                           const char         *queue);

/**
 * PltTemplateActivity:
 * @kind: the activity
 * @offset_min: minutes after the shift's start
 * @minutes: its length
 * @queues: (nullable): for WORK
 */
typedef struct
{
  PltActivityKind  kind;
  guint            offset_min;
  guint            minutes;
  GStrv            queues;
} PltTemplateActivity;

/**
 * PltShiftTemplate:
 * @id: the template id
 * @name: its name ("Early 7–15")
 * @start_min: local wall-clock start, minutes after midnight (0 … 1 439)
 * @minutes: elapsed length of the shift (so a night shift over a DST
 *   change still lasts @minutes)
 * @queues: (nullable): the queues of its WORK time
 * @activities: (element-type PltTemplateActivity): activities placed
 *   over the WORK that fills the shift (breaks, lunch…)
 */
typedef struct
{
  char      *id;
  char      *name;
  guint      start_min;
  guint      minutes;
  GStrv      queues;
  GPtrArray *activities;
} PltShiftTemplate;

PltShiftTemplate *plt_shift_template_new  (const char         *id,
                                           const char         *name,
                                           guint               start_min,
                                           guint               minutes,
                                           const char * const *queues);
/* Places @kind at @offset_min for @minutes. */
void              plt_shift_template_add  (PltShiftTemplate   *self,
                                           PltActivityKind     kind,
                                           guint               offset_min,
                                           guint               minutes,
                                           const char * const *queues);
PltShiftTemplate *plt_shift_template_copy (const PltShiftTemplate *self);
void              plt_shift_template_free (PltShiftTemplate   *self);
/* Returns: (transfer full): the shift @self gives on @date at @site */
PltShift         *plt_shift_template_instantiate (const PltShiftTemplate *self,
                                           const PltSite      *site,
                                           const GDate        *date,
                                           const char         *shift_id,
                                           GError            **error);

/**
 * PltWeeklyPattern:
 * @id: the pattern id
 * @name: its name
 * @days: per weekday, Monday first: a template id, or NULL for a day off
 */
typedef struct
{
  char *id;
  char *name;
  char *days[7];
} PltWeeklyPattern;

PltWeeklyPattern *plt_weekly_pattern_new  (const char *id,
                                           const char *name);
void              plt_weekly_pattern_set_day (PltWeeklyPattern *self,
                                           GDateWeekday      weekday,
                                           const char       *template_id);
PltWeeklyPattern *plt_weekly_pattern_copy (const PltWeeklyPattern *self);
void              plt_weekly_pattern_free (PltWeeklyPattern *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PltPlanningAgent, plt_planning_agent_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PltShiftTemplate, plt_shift_template_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PltWeeklyPattern, plt_weekly_pattern_free)

/* ------------------------------------------------------------------------
 * JSON forms (docs/planning.md, "Data"): the wire, the journal and the
 * router's database all use these.
 *
 *   agent-day: {"agent":"a-1","date":"2026-11-23",
 *               "shifts":[{"id":"s-1","start":<ms>,"acts":[
 *                   {"kind":"work","min":120,"queues":["sales"]},
 *                   {"kind":"break","min":15}, …]}],
 *               "absences":[{"start":<ms>,"end":<ms>,"reason":"vacation"}]}
 *
 * Activities are contiguous, so each gives only its length in minutes.
 * "shifts", "absences" and "queues" may be omitted when empty.
 */

void         plt_agent_day_to_json      (const PltAgentDay *day,
                                         JsonBuilder       *builder);
/* Returns: (transfer full) (nullable): the day, or NULL with
 * PLT_PLANNING_ERROR_INVALID naming the field at fault */
PltAgentDay *plt_agent_day_from_json    (JsonNode          *node,
                                         GError           **error);
/* The days of @schedule as a JSON array. */
void         plt_schedule_to_json       (PltSchedule       *schedule,
                                         JsonBuilder       *builder);
/* Returns: (transfer full) (nullable): a schedule of the array @node */
PltSchedule *plt_schedule_from_json     (JsonNode          *node,
                                         GError           **error);

void              plt_shift_template_to_json   (const PltShiftTemplate *self,
                                                JsonBuilder            *builder);
PltShiftTemplate *plt_shift_template_from_json (JsonNode               *node,
                                                GError                **error);

G_END_DECLS
