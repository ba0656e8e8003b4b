/* plt-acd-private.h — the ACD's internals, shared by its source files:
 *   plt-acd.c          the object, the event loop, agent and call state
 *   plt-acd-states.c   the agent state machine
 *   plt-routing.c      who gets which contact, and the indexes behind it
 *   plt-sim.c          the traffic: arrivals, answers, talk, pauses…
 *   plt-schedule.c     days, schedules and shift plans
 *   plt-acd-records.c  contact records and agent intervals
 *   plt-acd-data.c     the entities as protocol data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "plt-acd.h"
#include "plt-records.h"
#include "plt-shift-plan.h"

G_BEGIN_DECLS

#define MIN_RING_MS          1000
#define MIN_TALK_MS          5000
#define MIN_HOLD_MS          3000
#define MIN_PAUSE_MS        30000

typedef enum
{
  EV_ARRIVAL,        /* target: queue index */
  EV_ABANDON,        /* call number (no token: valid while queued or ringing) */
  EV_ANSWER,         /* call number, token */
  EV_RING_TIMEOUT,   /* call, token */
  EV_HOLD_START,     /* call, token */
  EV_HOLD_END,       /* call, token */
  EV_TALK_END,       /* call, token */
  EV_WRAP_END,       /* call, token */
  EV_NOT_REACHED,    /* call, token: an outbound or callback leg nobody answered */
  EV_OVERFLOW,       /* call (no token: valid while queued) */
  EV_CALLBACK,       /* call (no token: valid while queued): the caller asks for a callback */
  EV_DIAL,           /* agent index, token */
  EV_AGENT_INTENT,   /* agent index: a pause, a logout or an internal call */
  EV_AGENT_RETURN,   /* agent index, token */
  EV_DAY,            /* a new day begins (local midnight) */
  EV_PLAN,           /* agent index, plan token: a boundary of the agent's plan */
  EV_PLAN_ACT,       /* agent index, plan token: the agent acts on it (late) */
} EventKind;

/* What an agent does when the intent timer fires: pauses[i] for i ≥ 0. */
#define INTENT_NONE       (-1)
#define INTENT_LOGOUT     (-2)
#define INTENT_BUSY_OTHER (-3)

/* The reason index of the automatic pause after a miss. */
#define REASON_NONE       (-1)
#define REASON_NO_ANSWER  (-2)

typedef struct
{
  gint64   time;
  guint64  serial;
  guint64  target;
  guint32  token;
  guint8   kind;
} Event;

typedef struct _Queue  Queue;
typedef struct _Agent  Agent;
typedef struct _Call   Call;
typedef struct _Member Member;

/* Where a plan wants the agent to be. */
typedef enum
{
  PLAN_WORK,
  PLAN_PAUSE,
  PLAN_OFF,
} PlanKind;

typedef struct
{
  gint64   start;
  gint64   end;
  int      pause;    /* -1: work; else the index of the pause reason */
} Segment;

typedef struct
{
  PltScenarioTeam *spec;
  gint64           ver;
} Team;

/* An agent's membership of a queue; linked in the queue's idle list of its
 * level while the agent may take a contact of that queue. */
struct _Member
{
  Agent  *agent;
  Queue  *queue;
  guint   level;
  Member *prev;
  Member *next;
  guint   linked : 1;
};

typedef struct
{
  Member *head;   /* idle longest */
  Member *tail;
} MemberList;

struct _Agent
{
  guint              index;
  PltScenarioAgent  *spec;
  const char        *team_id;
  Member            *members;
  guint              n_members;
  GStrv              queue_ids;
  gboolean           dials;          /* serves an outbound queue */
  gboolean           takes_email;    /* serves an e-mail queue */

  PltAgentStatus     status;
  int                reason;         /* REASON_NONE, REASON_NO_ANSWER or a pause index */
  PltAgentActivity   activity;
  gint64             since;          /* the last change of status or activity */
  gint64             status_since;
  gint64             activity_since;
  gint64             idle_since;     /* orders the idle lists */
  Call              *call;
  int                intent;         /* applied when the current contact ends */
  guint32            return_token;   /* of the pending return from a pause, logout… */
  gboolean           away;           /* such a return is pending */
  gboolean           return_due;     /* it came during a contact: applied at its end */

  /* The plan: the scenario's schedule, or a published shift plan. */
  GArray            *segments;       /* Segment, by time; NULL: no plan, always at work */
  gboolean           published;      /* the segments come from plt_acd_set_shift_plan() */
  guint32            plan_token;
  PlanKind           plan;           /* where the plan wants the agent now */
  int                plan_pause;

  /* The current interval (PltAgentInterval). */
  gint64             interval_start;
  guint64            interval_call;  /* number of the contact, 0 if none */
  Queue             *interval_queue;

  guint32            token;
  gint64             ver;
  guint              dirty : 1;
};

struct _Queue
{
  guint                index;
  PltScenarioQueue    *spec;
  GQueue               waiting;   /* Call*, by enqueued time */
  GPtrArray           *members;   /* Member*, borrowed */
  MemberList           idle[PLT_SCENARIO_MAX_LEVEL];
  PltQueueAgentCounts  counts;
  PltQueueToday        today;
  gint64               wait_total_ms;
  /* The queue's own day (its kpi.time_zone and kpi.day_reset): `today`
   * counts from day_start and starts again at next_day_start. */
  GTimeZone           *zone;
  gint64               day_start;
  gint64               next_day_start;
  gboolean             flat;      /* the same rate all day */

  gint64               ver;
  guint                dirty : 1;
};

struct _Call
{
  guint64            number;
  char              *id;
  Queue             *queue;
  PltQueueMedia      media;
  PltContactOrigin   origin;
  char              *parent;         /* nullable */
  PltCallState       state;
  Agent             *agent;
  Agent             *last_agent;     /* offered to last */
  char              *masked;
  gint64             since;
  gint64             enqueued;
  gint64             offered;
  gint64             answered;
  gint64             ended;
  gint64             hold_start;
  gint64             hold_total_ms;
  guint              hold_count;
  guint              rona_count;
  gint64             abandon_at;     /* 0: the caller never hangs up */
  gint64             talk_left_ms;
  PltContactOutcome  outcome;
  GList             *link;           /* in queue->waiting while queued */

  guint32            token;
  gint64             ver;
  guint              dirty : 1;
};

typedef struct
{
  PltAcdEntity kind;
  gpointer     entity;
} DirtyRef;

/* The records of today, compact (see plt-acd-records.c). */
typedef struct _Records Records;

struct _PltAcd
{
  GObject       parent_instance;

  PltScenario  *scenario;
  GRand        *rand;
  GTimeZone    *zone;
  gint64        now;
  guint64       n_events;
  guint64       serial;
  guint64       next_call;

  GArray       *heap;             /* Event */
  Team         *teams;
  guint         n_teams;
  Agent        *agents;
  guint         n_agents;
  Queue        *queues;
  guint         n_queues;
  GHashTable   *calls;            /* guint64* number → Call*, owned */
  GHashTable   *agents_by_id;     /* const char* → Agent* */
  GHashTable   *queues_by_id;     /* const char* → Queue* */
  GHashTable   *calls_by_id;      /* const char* → Call* */

  GArray       *dirty;            /* DirtyRef */
  double        intent_rate;      /* per ms, all intents together */

  gint64        day_start;        /* local midnight of today */
  gint64        next_day_start;
  Records      *records;

  /* Diagnostics (plt_acd_set_timing()). */
  gboolean      timing;
  GArray       *decision_ns;      /* gint64 */

  guint         in_advance : 1;
};

/* plt-acd.c */
void     _plt_acd_schedule          (PltAcd *self, EventKind kind, gint64 time, guint64 target, guint32 token);
void     _plt_acd_mark_agent        (PltAcd *self, Agent *agent);
void     _plt_acd_mark_queue        (PltAcd *self, Queue *queue);
void     _plt_acd_mark_call         (PltAcd *self, Call *call);
void     _plt_acd_agent_set         (PltAcd *self, Agent *agent, PltAgentStatus status, int reason,
                                     PltAgentActivity activity);
gboolean _plt_acd_agent_is_available (const Agent *agent);
void     _plt_acd_agent_init_state  (PltAcd *self, Agent *agent, PltAgentStatus status, int reason,
                                     gint64 since);
const char *_plt_acd_reason_code    (PltAcd *self, int reason);
int      _plt_acd_reason_index      (PltAcd *self, const char *reason);
void     _plt_acd_call_set_state    (PltAcd *self, Call *call, PltCallState state);
Call    *_plt_acd_call_new          (PltAcd *self, Queue *queue, PltQueueMedia media,
                                     PltContactOrigin origin, const Call *parent);
Call    *_plt_acd_lookup_call       (PltAcd *self, guint64 number);
void     _plt_acd_call_finish       (PltAcd *self, Call *call, PltContactOutcome outcome);
void     _plt_acd_agent_released    (PltAcd *self, Agent *agent);
void     _plt_acd_agent_became_available (PltAcd *self, Agent *agent);
void     _plt_acd_apply_intent      (PltAcd *self, Agent *agent, int intent);
void     _plt_acd_go_to_plan        (PltAcd *self, Agent *agent);
void     _plt_acd_flush_dirty       (PltAcd *self);
void     _plt_acd_agent_count       (PltAcd *self, Agent *agent, int sign);
void     _plt_acd_emit_contact_finished (PltAcd *self, const PltContactRecord *record);
void     _plt_acd_emit_agent_interval (PltAcd *self, const PltAgentInterval *interval);
void     _plt_acd_emit_day_started  (PltAcd *self);
gint64   _plt_acd_clock_ns          (void);

/* plt-routing.c */
void     _plt_routing_update_agent  (PltAcd *self, Agent *agent);
/* Takes @agent out of every idle list (before their memberships change). */
void     _plt_routing_unlink_agent  (Agent *agent);
void     _plt_routing_insert_waiting (Queue *queue, Call *call);
void     _plt_routing_remove_waiting (PltAcd *self, Call *call);
Agent   *_plt_routing_pick_agent    (PltAcd *self, Queue *queue);
Call    *_plt_routing_pick_call     (PltAcd *self, Agent *agent);
void     _plt_routing_route_call    (PltAcd *self, Call *call);
gboolean _plt_routing_offer_next    (PltAcd *self, Agent *agent);

/* plt-sim.c */
double   _plt_sim_uniform           (PltAcd *self);
double   _plt_sim_exponential       (PltAcd *self, double mean);
double   _plt_sim_lognormal         (PltAcd *self, double mean, double sd);
gint64   _plt_sim_seconds_to_ms     (double seconds, gint64 min_ms);
void     _plt_sim_offer             (PltAcd *self, Call *call, Agent *agent);
void     _plt_sim_schedule_dial     (PltAcd *self, Agent *agent);
void     _plt_sim_schedule_return   (PltAcd *self, Agent *agent, gint64 after_ms);
void     _plt_sim_pause_duration_return (PltAcd *self, Agent *agent, int pause);
void     _plt_sim_setup             (PltAcd *self);
void     _plt_sim_process           (PltAcd *self, const Event *ev);

/* plt-schedule.c */
gint64   _plt_schedule_day_start    (GTimeZone *zone, gint64 time_ms);
gint64   _plt_schedule_next_day     (GTimeZone *zone, gint64 day_start);
void     _plt_schedule_queue_day    (GTimeZone *zone, guint reset_min, gint64 time_ms,
                                     gint64 *start, gint64 *end);
gint64   _plt_acd_next_day_event    (PltAcd *self);
void     _plt_records_queue_new_day (PltAcd *self, Queue *queue);
guint    _plt_schedule_interval     (PltAcd *self, gint64 time_ms, gint64 *end_ms);
void     _plt_schedule_setup        (PltAcd *self);
void     _plt_schedule_new_day      (PltAcd *self);
void     _plt_schedule_on_plan      (PltAcd *self, Agent *agent, gboolean act);

/* plt-acd-records.c */
Records *_plt_records_new           (void);
void     _plt_records_free          (Records *records);
void     _plt_records_add_contact   (PltAcd *self, const Call *call);
void     _plt_records_close_interval (PltAcd *self, Agent *agent);
void     _plt_records_new_day       (PltAcd *self);
void     _plt_records_restore       (PltAcd *self, const PltAcdHistory *history);

/* plt-acd-data.c: the conversions, in plt-acd.h's API */

G_END_DECLS
