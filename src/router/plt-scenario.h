/* plt-scenario.h — what the simulated call center is made of: teams, agents,
 * queues, schedules and traffic (docs/scenarios.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "plt-kpi.h"
#include "plt-types.h"

G_BEGIN_DECLS

#define PLT_SCENARIO_ERROR (plt_scenario_error_quark ())

/**
 * PltScenarioError:
 * @PLT_SCENARIO_ERROR_INVALID: the scenario text is not valid JSON, or does
 *   not follow docs/scenarios.md; the message names the field at fault
 * @PLT_SCENARIO_ERROR_UNKNOWN: no built-in scenario has this name and it is
 *   not a file
 */
typedef enum
{
  PLT_SCENARIO_ERROR_INVALID,
  PLT_SCENARIO_ERROR_UNKNOWN,
} PltScenarioError;

/* The built-in "large" scenario. */
#define PLT_SCENARIO_LARGE_AGENTS 10000
#define PLT_SCENARIO_LARGE_QUEUES 500

/* Skill levels: 1 is the best, PLT_SCENARIO_MAX_LEVEL the weakest. */
#define PLT_SCENARIO_MAX_LEVEL    9
/* Queue priorities: the higher is served first. */
#define PLT_SCENARIO_MAX_PRIORITY 10
#define PLT_SCENARIO_DEFAULT_PRIORITY 5
/* The intraday profile: 96 intervals of 15 minutes from local midnight. */
#define PLT_SCENARIO_INTERVALS    96
#define PLT_SCENARIO_INTERVAL_MS  (15 * 60 * 1000)

/* The reason code of the automatic pause after a ring-no-answer. */
#define PLT_REASON_NO_ANSWER      "no_answer"

typedef enum
{
  PLT_DISTRIBUTION_LOGNORMAL,
  PLT_DISTRIBUTION_EXPONENTIAL,
  PLT_DISTRIBUTION_FIXED,
} PltDistribution;

typedef struct
{
  char *id;
  char *name;
  int   schedule;   /* index in schedules, or -1: the team has none */
} PltScenarioTeam;

/* An agent's membership of a queue. */
typedef struct
{
  guint queue;      /* index in queues */
  guint level;      /* 1 (best) … PLT_SCENARIO_MAX_LEVEL */
} PltScenarioSkill;

typedef struct
{
  char   *id;
  char   *name;
  guint   team;      /* index in teams */
  GArray *skills;    /* PltScenarioSkill, in the order given; shared between generated agents */
  int     schedule;  /* index in schedules; -1: the team's (or none) */
} PltScenarioAgent;

typedef struct
{
  char            *id;
  char            *name;
  PltQueueMedia    media;
  guint            priority;            /* 1 … PLT_SCENARIO_MAX_PRIORITY, higher first */
  guint            sl_threshold_s;
  double           sl_target;

  /* Arrivals, per hour, in each 15-minute interval of the local day (every
   * one the same for a flat rate); all 0 for outbound queues. */
  double          *rates;               /* PLT_SCENARIO_INTERVALS values */

  PltDistribution  talk_distribution;
  double           talk_mean_s;
  double           talk_sd_s;
  double           wrap_up_mean_s;
  double           patience_mean_s;     /* exponential; 0: callers never abandon */
  double           hold_probability;
  double           hold_mean_s;
  double           dial_gap_mean_s;     /* outbound: idle time before the next call */
  double           answer_probability;  /* outbound, callback: share of calls a customer answers */

  /* How the KPIs count this queue (docs/kpis.md §3, §4): the service level
   * variant, the short-abandon threshold, the day's reset time (minutes
   * after local midnight, in the queue's zone: its own IANA "time_zone",
   * NULL for the scenario's). */
  PltSlVariant     sl_variant;
  guint            short_abandon_s;
  guint            day_reset_min;
  char            *time_zone;

  int              overflow_queue;      /* index, or -1 */
  double           overflow_after_s;
  int              callback_queue;      /* index, or -1 */
  double           callback_after_s;
  double           callback_probability;
  double           transfer_probability;
  GArray          *transfer_to;         /* guint queue indexes; empty when no transfers */
} PltScenarioQueue;

/* A reason code: a pause an agent may take. */
typedef struct
{
  char     *reason;        /* reason code, e.g. "break" */
  char     *label;         /* display name; the code when the file gives none */
  double    per_hour;      /* how often an agent takes it at random, per hour logged in */
  double    mean_minutes;
  gboolean  handles_email; /* agents on this pause handle e-mails (back office) */
} PltScenarioPause;

typedef struct
{
  guint at_minute;   /* minutes after the shift's day's midnight (may pass 1 440) */
  guint minutes;
  guint pause;       /* index in pauses */
} PltScenarioBreak;

/* A working day: logged in from start to end (end ≤ start: the next day),
 * with its breaks. */
typedef struct
{
  char   *id;
  guint   start_minute;   /* 0 … 1 439, local time */
  guint   end_minute;     /* start_minute < end_minute ≤ start_minute + 1 440 */
  guint8  days;           /* bit 0 = Monday … bit 6 = Sunday: the days a shift starts */
  GArray *breaks;         /* PltScenarioBreak, by time */
} PltScenarioSchedule;

typedef struct
{
  double   answer_min_s;             /* an agent answers a ringing call after */
  double   answer_max_s;             /*   a time uniform in [min, max] */
  double   ring_timeout_s;           /* ring-no-answer after this long */
  double   no_answer_probability;    /* share of offers the agent misses */
  gboolean rona_autopause;           /* a miss pauses the agent (reason no_answer) */
  double   missed_pause_mean_s;      /* how long an auto-paused agent stays out */
  double   rona_delay_s;             /* without auto-pause: how long "missed" lasts */
  double   busy_other_per_hour;      /* internal calls (activity busy_other) */
  double   busy_other_mean_s;
  double   logout_per_hour;          /* unscheduled agents only */
  double   logout_mean_minutes;
  double   initially_logged_out;     /* shares of unscheduled agents at the start */
  double   initially_paused;
  double   lateness_mean_s;          /* scheduled agents log in this late */
  double   lateness_sd_s;
  double   break_overrun_mean_s;     /* and come back from breaks this late */
} PltScenarioBehaviour;

/**
 * PltScenario:
 *
 * A loaded scenario: plain data, reference counted, read-only once loaded.
 * Agents refer to teams, queues and schedules by index.
 */
typedef struct
{
  char                 *name;
  char                 *time_zone;        /* IANA name; NULL: the local zone */
  double                warm_up_minutes;  /* simulated before the start */
  GPtrArray            *teams;            /* PltScenarioTeam* */
  GPtrArray            *agents;           /* PltScenarioAgent* */
  GPtrArray            *queues;           /* PltScenarioQueue* */
  GPtrArray            *pauses;           /* PltScenarioPause* (the reason codes) */
  GPtrArray            *schedules;        /* PltScenarioSchedule* */
  PltScenarioBehaviour  behaviour;
} PltScenario;

GQuark       plt_scenario_error_quark  (void);

/* Returns: (transfer full): "demo", "large" or the file at @name_or_path. */
PltScenario *plt_scenario_load         (const char   *name_or_path,
                                        GError      **error);
/* Returns: (transfer full): the scenario in the JSON text @data (@length
 * bytes, or -1 if NUL-terminated); @origin names it in error messages. */
PltScenario *plt_scenario_load_data    (const char   *data,
                                        gssize        length,
                                        const char   *origin,
                                        GError      **error);
PltScenario *plt_scenario_load_file    (const char   *path,
                                        GError      **error);
/* Returns: (transfer full): the built-in "demo" scenario, 3 teams × 12
 * agents and 5 queues. */
PltScenario *plt_scenario_new_demo     (void);
/* Returns: (transfer full): the built-in "large" scenario,
 * PLT_SCENARIO_LARGE_AGENTS agents in 500 teams and
 * PLT_SCENARIO_LARGE_QUEUES queues, open around the clock. */
PltScenario *plt_scenario_new_large    (void);
/* Returns: (transfer none): the JSON text of the demo scenario */
const char  *plt_scenario_get_demo_json (void);

PltScenario *plt_scenario_ref          (PltScenario  *self);
void         plt_scenario_unref        (PltScenario  *self);

int          plt_scenario_find_queue   (PltScenario  *self,
                                        const char   *id);
int          plt_scenario_find_team    (PltScenario  *self,
                                        const char   *id);
int          plt_scenario_find_pause   (PltScenario  *self,
                                        const char   *reason);

/* Building a scenario in code (the large one, the database's). */

/* Returns: (transfer full): an empty scenario with the default behaviour */
PltScenario      *plt_scenario_new          (void);
/* Returns: (transfer full): a queue of @media with the defaults of the file
 * format and a flat rate of @calls_per_hour */
PltScenarioQueue *plt_scenario_queue_new    (const char       *id,
                                             const char       *name,
                                             PltQueueMedia     media,
                                             double            calls_per_hour);
/* Returns: (transfer full): a deep copy; queue indexes are kept as they are */
PltScenarioQueue *plt_scenario_queue_copy   (const PltScenarioQueue *queue);
void              plt_scenario_queue_free   (PltScenarioQueue *queue);
void              plt_scenario_set_flat_rate (PltScenarioQueue *queue,
                                              double            calls_per_hour);
/* The mean arrival rate per hour over the day. */
double            plt_scenario_queue_mean_rate (const PltScenarioQueue *queue);
/* Frees the elements of the scenario's arrays (for g_ptr_array_new_with_free_func). */
void              plt_scenario_team_free     (gpointer team);
void              plt_scenario_agent_free    (gpointer agent);
void              plt_scenario_pause_free    (gpointer pause);
void              plt_scenario_schedule_free (gpointer schedule);
/* Returns: (transfer full) (nullable): the zone of the scenario's clock */
GTimeZone        *plt_scenario_dup_time_zone (PltScenario *self);
/* The zone of @queue's day (its kpi.time_zone, else the scenario's). */
GTimeZone        *plt_scenario_dup_queue_time_zone (PltScenario            *self,
                                                    const PltScenarioQueue *queue);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PltScenario, plt_scenario_unref)

G_END_DECLS
