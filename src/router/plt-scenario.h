/* plt-scenario.h — what the simulated call center is made of: teams, agents,
 * queues and traffic (docs/scenarios.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

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

/* The number of agents of the built-in "large" scenario. */
#define PLT_SCENARIO_LARGE_AGENTS 5500

typedef struct
{
  char *id;
  char *name;
} PltScenarioTeam;

typedef struct
{
  char  *id;
  char  *name;
  guint  team;      /* index in teams */
  GArray *queues;   /* guint indexes in queues, in the order given */
} PltScenarioAgent;

typedef struct
{
  char          *id;
  char          *name;
  PltQueueMedia  media;
  guint          sl_threshold_s;
  double         sl_target;
  double         calls_per_hour;      /* arrivals; 0 for outbound queues */
  double         talk_mean_s;
  double         talk_sd_s;
  double         wrap_up_mean_s;
  double         patience_mean_s;     /* 0: callers never abandon */
  double         hold_probability;
  double         hold_mean_s;
  double         dial_gap_mean_s;     /* outbound: idle time before the next call */
  double         answer_probability;  /* outbound: share of calls a customer answers */
} PltScenarioQueue;

typedef struct
{
  char   *reason;        /* reason code, e.g. "break" */
  double  per_hour;      /* how often an agent takes it, per hour logged in */
  double  mean_minutes;
} PltScenarioPause;

typedef struct
{
  double answer_min_s;             /* an agent answers a ringing call after */
  double answer_max_s;             /*   a time uniform in [min, max] */
  double ring_timeout_s;           /* ring-no-answer after this long */
  double no_answer_probability;    /* share of offers the agent misses */
  double missed_pause_mean_s;      /* how long a missed agent stays out */
  double busy_other_per_hour;      /* internal calls (activity busy_other) */
  double busy_other_mean_s;
  double logout_per_hour;
  double logout_mean_minutes;
  double initially_logged_out;     /* shares of agents at the start */
  double initially_paused;
} PltScenarioBehaviour;

/**
 * PltScenario:
 *
 * A loaded scenario: plain data, reference counted, read-only once loaded.
 * Agents refer to teams and queues by index.
 */
typedef struct
{
  char                 *name;
  double                warm_up_minutes;  /* simulated before the start */
  GPtrArray            *teams;            /* PltScenarioTeam* */
  GPtrArray            *agents;           /* PltScenarioAgent* */
  GPtrArray            *queues;           /* PltScenarioQueue* */
  GPtrArray            *pauses;           /* PltScenarioPause* */
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
 * PLT_SCENARIO_LARGE_AGENTS agents in 50 teams and 20 queues. */
PltScenario *plt_scenario_new_large    (void);
/* Returns: (transfer none): the JSON text of the demo scenario */
const char  *plt_scenario_get_demo_json (void);

PltScenario *plt_scenario_ref          (PltScenario  *self);
void         plt_scenario_unref        (PltScenario  *self);

int          plt_scenario_find_queue   (PltScenario  *self,
                                        const char   *id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PltScenario, plt_scenario_unref)

G_END_DECLS
