/* plt-acd.c — the ACD: the object, its event loop, and the state of agents
 * and calls (the other parts: see plt-acd-private.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <time.h>

#include "plt-acd-private.h"

/*
 * How it works. Everything that happens is an Event in a binary heap ordered
 * by (time, serial); the serial is the order of scheduling, so that events
 * due at the same millisecond run first-scheduled first. An event that may
 * have been overtaken (a ringing call answered after the caller hung up)
 * carries the token its call or agent had when it was scheduled: every state
 * change bumps the token, and a stale event is skipped when it comes up.
 *
 * Entities changed while handling an event are marked dirty; after the
 * event, each dirty entity's `ver` grows by one and "changed" is emitted once
 * for it, in the order they were marked.
 *
 * Every change of an agent goes through _plt_acd_agent_set(), which checks
 * it against the state machine (plt-acd-states.c), keeps the queues' agent
 * counts and the routing indexes (plt-routing.c), and closes the agent's
 * interval (plt-acd-records.c).
 */

typedef enum
{
  CAT_AVAILABLE,
  CAT_BUSY,
  CAT_WRAP_UP,
  CAT_PAUSED,
  CAT_LOGGED_OUT,
} Category;

G_DEFINE_FINAL_TYPE (PltAcd, plt_acd, G_TYPE_OBJECT)

enum {
  SIGNAL_CHANGED,
  SIGNAL_REMOVED,
  SIGNAL_CONTACT_FINISHED,
  SIGNAL_AGENT_INTERVAL,
  SIGNAL_DAY_STARTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The event heap. */

static gboolean
event_before (const Event *a,
              const Event *b)
{
  return a->time < b->time || (a->time == b->time && a->serial < b->serial);
}

void
_plt_acd_schedule (PltAcd    *self,
                   EventKind  kind,
                   gint64     time,
                   guint64    target,
                   guint32    token)
{
  Event ev = { time, self->serial++, target, token, (guint8) kind };
  Event *heap;
  guint i;

  g_array_append_val (self->heap, ev);
  heap = (Event *) (gpointer) self->heap->data;

  for (i = self->heap->len - 1; i > 0; )
    {
      guint parent = (i - 1) / 2;
      Event tmp;

      if (!event_before (&heap[i], &heap[parent]))
        break;
      tmp = heap[i];
      heap[i] = heap[parent];
      heap[parent] = tmp;
      i = parent;
    }
}

static void
pop_event (PltAcd *self,
           Event  *out)
{
  Event *heap = (Event *) (gpointer) self->heap->data;
  guint len = self->heap->len;
  guint i = 0;

  *out = heap[0];
  heap[0] = heap[len - 1];
  g_array_set_size (self->heap, --len);

  for (;;)
    {
      guint left = 2 * i + 1;
      guint right = left + 1;
      guint smallest = i;
      Event tmp;

      if (left < len && event_before (&heap[left], &heap[smallest]))
        smallest = left;
      if (right < len && event_before (&heap[right], &heap[smallest]))
        smallest = right;
      if (smallest == i)
        break;

      tmp = heap[i];
      heap[i] = heap[smallest];
      heap[smallest] = tmp;
      i = smallest;
    }
}

/* Dirty tracking. */

void
_plt_acd_mark_agent (PltAcd *self,
                     Agent  *agent)
{
  if (!agent->dirty)
    {
      DirtyRef ref = { PLT_ACD_ENTITY_AGENT, agent };

      agent->dirty = TRUE;
      g_array_append_val (self->dirty, ref);
    }
}

void
_plt_acd_mark_queue (PltAcd *self,
                     Queue  *queue)
{
  if (!queue->dirty)
    {
      DirtyRef ref = { PLT_ACD_ENTITY_QUEUE, queue };

      queue->dirty = TRUE;
      g_array_append_val (self->dirty, ref);
    }
}

void
_plt_acd_mark_call (PltAcd *self,
                    Call   *call)
{
  if (!call->dirty)
    {
      DirtyRef ref = { PLT_ACD_ENTITY_CALL, call };

      call->dirty = TRUE;
      g_array_append_val (self->dirty, ref);
    }
}

static void
call_free (gpointer data)
{
  Call *call = data;

  g_free (call->id);
  g_free (call->parent);
  g_free (call->masked);
  g_free (call);
}

void
_plt_acd_flush_dirty (PltAcd *self)
{
  /* Handlers only read: the array does not grow while it is walked. */
  for (guint i = 0; i < self->dirty->len; i++)
    {
      DirtyRef *ref = &g_array_index (self->dirty, DirtyRef, i);

      switch (ref->kind)
        {
        case PLT_ACD_ENTITY_AGENT:
          {
            Agent *agent = ref->entity;

            agent->dirty = FALSE;
            agent->ver++;
            g_signal_emit (self, signals[SIGNAL_CHANGED], 0, (guint) ref->kind, agent->spec->id);
          }
          break;

        case PLT_ACD_ENTITY_QUEUE:
          {
            Queue *queue = ref->entity;

            queue->dirty = FALSE;
            queue->ver++;
            g_signal_emit (self, signals[SIGNAL_CHANGED], 0, (guint) ref->kind, queue->spec->id);
          }
          break;

        case PLT_ACD_ENTITY_CALL:
          {
            Call *call = ref->entity;

            call->dirty = FALSE;
            call->ver++;
            g_signal_emit (self, signals[SIGNAL_CHANGED], 0, (guint) ref->kind, call->id);

            if (call->state == PLT_CALL_STATE_ENDED)
              {
                g_signal_emit (self, signals[SIGNAL_REMOVED], 0, (guint) ref->kind, call->id);
                g_hash_table_remove (self->calls_by_id, call->id);
                g_hash_table_remove (self->calls, &call->number);
              }
          }
          break;

        case PLT_ACD_ENTITY_TEAM:
        default:
          g_assert_not_reached ();
        }
    }

  g_array_set_size (self->dirty, 0);
}

/* Reason codes: the scenario's pauses by index, and the router's own. */

const char *
_plt_acd_reason_code (PltAcd *self,
                      int     reason)
{
  if (reason == REASON_NO_ANSWER)
    return PLT_REASON_NO_ANSWER;
  if (reason < 0 || (guint) reason >= self->scenario->pauses->len)
    return NULL;

  return ((PltScenarioPause *) g_ptr_array_index (self->scenario->pauses, reason))->reason;
}

int
_plt_acd_reason_index (PltAcd     *self,
                       const char *reason)
{
  int index;

  if (reason == NULL)
    return REASON_NONE;
  if (g_str_equal (reason, PLT_REASON_NO_ANSWER))
    return REASON_NO_ANSWER;

  index = plt_scenario_find_pause (self->scenario, reason);
  return index >= 0 ? index : REASON_NONE;
}

/* Agents. */

static Category
agent_category (const Agent *agent)
{
  if (agent->status == PLT_AGENT_STATUS_LOGGED_OUT)
    return CAT_LOGGED_OUT;

  switch (agent->activity)
    {
    case PLT_AGENT_ACTIVITY_RINGING:
    case PLT_AGENT_ACTIVITY_ON_CALL:
    case PLT_AGENT_ACTIVITY_ON_HOLD:
    case PLT_AGENT_ACTIVITY_BUSY_OTHER:
      return CAT_BUSY;

    case PLT_AGENT_ACTIVITY_WRAP_UP:
      return CAT_WRAP_UP;

    case PLT_AGENT_ACTIVITY_MISSED:
      return CAT_PAUSED;

    case PLT_AGENT_ACTIVITY_IDLE:
    case PLT_AGENT_ACTIVITY_UNKNOWN:
    default:
      return agent->status == PLT_AGENT_STATUS_AVAILABLE ? CAT_AVAILABLE : CAT_PAUSED;
    }
}

static void
counts_add (PltQueueAgentCounts *counts,
            Category             category,
            int                  delta)
{
  guint *slot;

  switch (category)
    {
    case CAT_AVAILABLE: slot = &counts->available; break;
    case CAT_BUSY: slot = &counts->busy; break;
    case CAT_WRAP_UP: slot = &counts->wrap_up; break;
    case CAT_PAUSED: slot = &counts->paused; break;
    case CAT_LOGGED_OUT:
    default: slot = &counts->logged_out; break;
    }

  g_assert (delta > 0 || *slot > 0);
  *slot += delta;
}

/* Adds (@sign +1) or takes back (−1) @agent in the counts of their queues. */
void
_plt_acd_agent_count (PltAcd *self,
                      Agent  *agent,
                      int     sign)
{
  for (guint i = 0; i < agent->n_members; i++)
    {
      counts_add (&agent->members[i].queue->counts, agent_category (agent), sign);
      _plt_acd_mark_queue (self, agent->members[i].queue);
    }
}

gboolean
_plt_acd_agent_is_available (const Agent *agent)
{
  return agent->status == PLT_AGENT_STATUS_AVAILABLE &&
         agent->activity == PLT_AGENT_ACTIVITY_IDLE;
}

/* The state an agent starts in, for a while already. */
void
_plt_acd_agent_init_state (PltAcd         *self,
                           Agent          *agent,
                           PltAgentStatus  status,
                           int             reason,
                           gint64          since)
{
  agent->status = status;
  agent->reason = status == PLT_AGENT_STATUS_PAUSED ? reason : REASON_NONE;
  agent->activity = PLT_AGENT_ACTIVITY_IDLE;
  agent->since = agent->status_since = agent->activity_since = agent->idle_since = since;
  agent->interval_start = since;

  for (guint i = 0; i < agent->n_members; i++)
    counts_add (&agent->members[i].queue->counts, agent_category (agent), +1);
  _plt_routing_update_agent (self, agent);
}

/* Every change of an agent goes through here. A change the state machine
 * does not allow is a bug of the simulator: it is reported, and made all
 * the same so that the counts stay consistent. */
void
_plt_acd_agent_set (PltAcd           *self,
                    Agent            *agent,
                    PltAgentStatus    status,
                    int               reason,
                    PltAgentActivity  activity)
{
  Category before = agent_category (agent);
  guint64 call_number = agent->call != NULL ? agent->call->number : 0;
  gboolean moved;
  Category after;

  if (status != PLT_AGENT_STATUS_PAUSED)
    reason = REASON_NONE;
  moved = agent->status != status || agent->activity != activity || agent->reason != reason;

  if (moved)
    {
      g_autoptr(GError) error = NULL;

      if (!plt_acd_transition_allowed (agent->status, agent->activity, status, activity, &error))
        g_critical ("agent %s: %s", agent->spec->id, error->message);
    }

  if (moved || call_number != agent->interval_call)
    _plt_records_close_interval (self, agent);

  if (moved)
    {
      if (agent->status != status)
        agent->status_since = self->now;
      if (agent->activity != activity)
        agent->activity_since = self->now;
      if (activity == PLT_AGENT_ACTIVITY_IDLE)
        agent->idle_since = self->now;
      agent->since = self->now;
    }

  agent->status = status;
  agent->reason = reason;
  agent->activity = activity;
  agent->token++;

  after = agent_category (agent);
  if (after != before)
    {
      for (guint i = 0; i < agent->n_members; i++)
        {
          Queue *queue = agent->members[i].queue;

          counts_add (&queue->counts, before, -1);
          counts_add (&queue->counts, after, +1);
          _plt_acd_mark_queue (self, queue);
        }
    }

  _plt_routing_update_agent (self, agent);
  _plt_acd_mark_agent (self, agent);
}

/* Calls. */

void
_plt_acd_call_set_state (PltAcd       *self,
                         Call         *call,
                         PltCallState  state)
{
  if (call->state != state)
    call->since = self->now;
  call->state = state;
  call->token++;
  _plt_acd_mark_call (self, call);
}

Call *
_plt_acd_lookup_call (PltAcd  *self,
                      guint64  number)
{
  return g_hash_table_lookup (self->calls, &number);
}

/* A French number, masked as a router shows it: "06 •• •• 12 34". */
static char *
draw_masked_number (PltAcd *self)
{
  static const char prefixes[] = "1234566667799";
  char prefix = prefixes[g_rand_int_range (self->rand, 0, sizeof prefixes - 1)];
  int a = g_rand_int_range (self->rand, 0, 100);
  int b = g_rand_int_range (self->rand, 0, 100);

  return g_strdup_printf ("0%c •• •• %02d %02d", prefix, a, b);
}

Call *
_plt_acd_call_new (PltAcd           *self,
                   Queue            *queue,
                   PltQueueMedia     media,
                   PltContactOrigin  origin,
                   const Call       *parent)
{
  Call *call = g_new0 (Call, 1);

  call->number = ++self->next_call;
  call->id = g_strdup_printf ("c-%" G_GUINT64_FORMAT, call->number);
  call->queue = queue;
  call->media = media;
  call->origin = origin;
  call->parent = parent != NULL ? g_strdup (parent->id) : NULL;
  call->state = PLT_CALL_STATE_UNKNOWN;
  call->enqueued = self->now;
  call->since = self->now;
  if (parent != NULL)
    call->masked = g_strdup (parent->masked);
  else if (media != PLT_QUEUE_MEDIA_EMAIL)
    call->masked = draw_masked_number (self);

  g_hash_table_insert (self->calls, &call->number, call);
  g_hash_table_insert (self->calls_by_id, call->id, call);

  queue->today.offered++;
  _plt_acd_mark_queue (self, queue);

  return call;
}

/* The contact leaves the ACD: its record is complete. Counts the outcomes
 * that are not counted as they happen (answers are counted at answer time,
 * transfers at the transfer). */
void
_plt_acd_call_finish (PltAcd            *self,
                      Call              *call,
                      PltContactOutcome  outcome)
{
  Queue *queue = call->queue;

  _plt_routing_remove_waiting (self, call);
  call->outcome = outcome;
  if (call->ended == 0)
    call->ended = self->now;

  switch (outcome)
    {
    case PLT_CONTACT_OUTCOME_ABANDONED: queue->today.abandoned++; break;
    case PLT_CONTACT_OUTCOME_OVERFLOWED: queue->today.overflowed++; break;
    case PLT_CONTACT_OUTCOME_CALLBACK: queue->today.callbacks++; break;
    case PLT_CONTACT_OUTCOME_ANSWERED:
    case PLT_CONTACT_OUTCOME_TRANSFERRED:
    case PLT_CONTACT_OUTCOME_NONE:
    default:
      break;
    }
  _plt_acd_mark_queue (self, queue);

  _plt_records_add_contact (self, call);
  _plt_acd_call_set_state (self, call, PLT_CALL_STATE_ENDED);
}

/* Where the agent goes when free. */

/* Is the agent where the plan wants them (not counting what they do)? */
static gboolean
agent_follows_plan (const Agent *agent)
{
  switch (agent->plan)
    {
    case PLAN_PAUSE:
      return agent->status == PLT_AGENT_STATUS_PAUSED && agent->reason == agent->plan_pause;
    case PLAN_OFF:
      return agent->status == PLT_AGENT_STATUS_LOGGED_OUT;
    case PLAN_WORK:
    default:
      return agent->status == PLT_AGENT_STATUS_AVAILABLE;
    }
}

/* The agent, free of any contact, goes where the plan wants them. */
void
_plt_acd_go_to_plan (PltAcd *self,
                     Agent  *agent)
{
  g_return_if_fail (agent->call == NULL);

  agent->intent = INTENT_NONE;
  agent->return_due = FALSE;
  agent->away = FALSE;
  agent->return_token++;

  switch (agent->plan)
    {
    case PLAN_PAUSE:
      if (agent->status != PLT_AGENT_STATUS_PAUSED || agent->reason != agent->plan_pause ||
          agent->activity != PLT_AGENT_ACTIVITY_IDLE)
        _plt_acd_agent_set (self, agent, PLT_AGENT_STATUS_PAUSED, agent->plan_pause, PLT_AGENT_ACTIVITY_IDLE);
      _plt_acd_agent_became_available (self, agent);
      break;

    case PLAN_OFF:
      if (agent->status != PLT_AGENT_STATUS_LOGGED_OUT)
        _plt_acd_agent_set (self, agent, PLT_AGENT_STATUS_LOGGED_OUT, REASON_NONE, PLT_AGENT_ACTIVITY_IDLE);
      break;

    case PLAN_WORK:
    default:
      if (!_plt_acd_agent_is_available (agent))
        {
          _plt_acd_agent_set (self, agent, PLT_AGENT_STATUS_AVAILABLE, REASON_NONE, PLT_AGENT_ACTIVITY_IDLE);
          _plt_acd_agent_became_available (self, agent);
        }
      break;
    }
}

void
_plt_acd_apply_intent (PltAcd *self,
                       Agent  *agent,
                       int     intent)
{
  const PltScenarioBehaviour *b = &self->scenario->behaviour;

  agent->intent = INTENT_NONE;

  if (intent == INTENT_LOGOUT)
    {
      _plt_acd_agent_set (self, agent, PLT_AGENT_STATUS_LOGGED_OUT, REASON_NONE, PLT_AGENT_ACTIVITY_IDLE);
      _plt_sim_schedule_return (self, agent,
                                _plt_sim_seconds_to_ms (_plt_sim_lognormal (self, b->logout_mean_minutes * 60,
                                                                            b->logout_mean_minutes * 30),
                                                        MIN_PAUSE_MS));
    }
  else if (intent == INTENT_BUSY_OTHER)
    {
      _plt_acd_agent_set (self, agent, PLT_AGENT_STATUS_AVAILABLE, REASON_NONE, PLT_AGENT_ACTIVITY_BUSY_OTHER);
      _plt_sim_schedule_return (self, agent,
                                _plt_sim_seconds_to_ms (_plt_sim_lognormal (self, b->busy_other_mean_s,
                                                                            b->busy_other_mean_s / 2),
                                                        MIN_TALK_MS));
    }
  else if (intent >= 0)
    {
      _plt_acd_agent_set (self, agent, PLT_AGENT_STATUS_PAUSED, intent, PLT_AGENT_ACTIVITY_IDLE);
      _plt_sim_pause_duration_return (self, agent, intent);
      /* A pause in back office takes the e-mails waiting. */
      _plt_acd_agent_became_available (self, agent);
    }
}

/* The agent finished a contact (or a caller hung up on the ringing, or
 * nobody answered their outbound call). */
void
_plt_acd_agent_released (PltAcd *self,
                         Agent  *agent)
{
  int intent = agent->intent;

  agent->call = NULL;

  /* Their pause ended, or the plan moved on, during the contact (a pause
   * of their own, away from a plan at work, goes on). */
  if (agent->return_due ||
      (!agent_follows_plan (agent) && (agent->plan != PLAN_WORK || !agent->away)))
    {
      _plt_acd_go_to_plan (self, agent);
      return;
    }

  if (intent != INTENT_NONE && agent->status == PLT_AGENT_STATUS_AVAILABLE)
    {
      _plt_acd_apply_intent (self, agent, intent);
      return;
    }

  agent->intent = INTENT_NONE;
  _plt_acd_agent_set (self, agent, agent->status, agent->reason, PLT_AGENT_ACTIVITY_IDLE);
  _plt_acd_agent_became_available (self, agent);
}

/* The agent is idle: give them a contact, or let a campaign agent dial. */
void
_plt_acd_agent_became_available (PltAcd *self,
                                 Agent  *agent)
{
  if (agent->activity != PLT_AGENT_ACTIVITY_IDLE || agent->call != NULL)
    return;

  if (_plt_routing_offer_next (self, agent))
    return;

  if (agent->dials && _plt_acd_agent_is_available (agent))
    _plt_sim_schedule_dial (self, agent);
}

/* The event loop. */

static void
run_until (PltAcd *self,
           gint64  time_ms)
{
  self->in_advance = TRUE;

  while (self->heap->len > 0 && g_array_index (self->heap, Event, 0).time <= time_ms)
    {
      Event ev;

      pop_event (self, &ev);
      self->now = ev.time;
      self->n_events++;
      _plt_sim_process (self, &ev);
      _plt_acd_flush_dirty (self);
    }

  if (time_ms > self->now)
    self->now = time_ms;

  self->in_advance = FALSE;
}

/* The next EV_DAY: the scenario's next midnight or a queue's next day
 * start, whichever comes first (plt-sim.c on_day() handles both). */
gint64
_plt_acd_next_day_event (PltAcd *self)
{
  gint64 next = self->next_day_start;

  for (guint i = 0; i < self->n_queues; i++)
    next = MIN (next, self->queues[i].next_day_start);
  return next;
}

static gboolean
history_has_today (const PltAcdHistory *history,
                   gint64               day_start)
{
  if (history == NULL)
    return FALSE;

  for (guint i = 0; history->contacts != NULL && i < history->contacts->len; i++)
    {
      const PltContactRecord *record = g_ptr_array_index (history->contacts, i);

      if (MAX (record->ended, record->wrap_end) >= day_start)
        return TRUE;
    }
  for (guint i = 0; history->intervals != NULL && i < history->intervals->len; i++)
    if (((PltAgentInterval *) g_ptr_array_index (history->intervals, i))->end > day_start)
      return TRUE;

  return FALSE;
}

static PltAcd *
acd_create (PltScenario         *scenario,
            guint64              seed,
            gint64               start_ms,
            const PltAcdHistory *history)
{
  guint32 seed_array[2] = { (guint32) (seed & 0xffffffff), (guint32) (seed >> 32) };
  PltAcd *self;
  gboolean warm;

  self = g_object_new (PLT_TYPE_ACD, NULL);
  self->scenario = plt_scenario_ref (scenario);
  self->rand = g_rand_new_with_seed_array (seed_array, G_N_ELEMENTS (seed_array));
  self->zone = plt_scenario_dup_time_zone (scenario);

  /* After a restart with today's records, no warm-up: its contacts would
   * count a second time. */
  warm = !history_has_today (history, _plt_schedule_day_start (self->zone, start_ms));
  self->now = warm ? start_ms - (gint64) (scenario->warm_up_minutes * 60000.0) : start_ms;
  self->day_start = _plt_schedule_day_start (self->zone, self->now);
  self->next_day_start = _plt_schedule_next_day (self->zone, self->day_start);
  if (history != NULL)
    self->next_call = history->last_contact;

  self->n_teams = scenario->teams->len;
  self->teams = g_new0 (Team, self->n_teams);
  for (guint i = 0; i < self->n_teams; i++)
    {
      self->teams[i].spec = g_ptr_array_index (scenario->teams, i);
      self->teams[i].ver = 1;
    }

  self->n_queues = scenario->queues->len;
  self->queues = g_new0 (Queue, self->n_queues);
  for (guint i = 0; i < self->n_queues; i++)
    {
      Queue *queue = &self->queues[i];

      queue->index = i;
      queue->spec = g_ptr_array_index (scenario->queues, i);
      queue->members = g_ptr_array_new ();
      queue->ver = 1;
      queue->zone = plt_scenario_dup_queue_time_zone (scenario, queue->spec);
      _plt_schedule_queue_day (queue->zone, queue->spec->day_reset_min, self->now,
                               &queue->day_start, &queue->next_day_start);
      g_queue_init (&queue->waiting);
      g_hash_table_insert (self->queues_by_id, queue->spec->id, queue);
    }

  self->n_agents = scenario->agents->len;
  self->agents = g_new0 (Agent, self->n_agents);
  for (guint i = 0; i < self->n_agents; i++)
    {
      Agent *agent = &self->agents[i];
      PltScenarioAgent *spec = g_ptr_array_index (scenario->agents, i);

      agent->index = i;
      agent->spec = spec;
      agent->team_id = ((PltScenarioTeam *) g_ptr_array_index (scenario->teams, spec->team))->id;
      agent->n_members = spec->skills->len;
      agent->members = g_new0 (Member, agent->n_members);
      agent->queue_ids = g_new0 (char *, agent->n_members + 1);
      agent->activity = PLT_AGENT_ACTIVITY_IDLE;
      agent->status = PLT_AGENT_STATUS_AVAILABLE;
      agent->reason = REASON_NONE;
      agent->intent = INTENT_NONE;
      agent->plan = PLAN_WORK;
      agent->plan_pause = -1;
      agent->ver = 1;

      for (guint q = 0; q < agent->n_members; q++)
        {
          const PltScenarioSkill *skill = &g_array_index (spec->skills, PltScenarioSkill, q);
          Queue *queue = &self->queues[skill->queue];
          Member *member = &agent->members[q];

          member->agent = agent;
          member->queue = queue;
          member->level = CLAMP (skill->level, 1, PLT_SCENARIO_MAX_LEVEL);
          agent->queue_ids[q] = g_strdup (queue->spec->id);
          agent->dials |= queue->spec->media == PLT_QUEUE_MEDIA_OUTBOUND;
          agent->takes_email |= queue->spec->media == PLT_QUEUE_MEDIA_EMAIL;
          g_ptr_array_add (queue->members, member);
        }

      g_hash_table_insert (self->agents_by_id, spec->id, agent);
    }

  if (history != NULL)
    _plt_records_restore (self, history);

  _plt_acd_schedule (self, EV_DAY, _plt_acd_next_day_event (self), 0, 0);
  _plt_sim_setup (self);

  /* The warm-up: nobody listens yet. */
  run_until (self, start_ms);

  return self;
}

PltAcd *
plt_acd_new (PltScenario *scenario,
             guint64      seed,
             gint64       start_ms)
{
  g_return_val_if_fail (scenario != NULL, NULL);
  g_return_val_if_fail (start_ms > 0, NULL);

  return acd_create (scenario, seed, start_ms, NULL);
}

PltAcd *
plt_acd_new_with_history (PltScenario         *scenario,
                          guint64              seed,
                          gint64               start_ms,
                          const PltAcdHistory *history)
{
  g_return_val_if_fail (scenario != NULL, NULL);
  g_return_val_if_fail (start_ms > 0, NULL);

  return acd_create (scenario, seed, start_ms, history);
}

void
plt_acd_history_clear (PltAcdHistory *history)
{
  g_return_if_fail (history != NULL);

  g_clear_pointer (&history->contacts, g_ptr_array_unref);
  g_clear_pointer (&history->intervals, g_ptr_array_unref);
  history->last_contact = 0;
}

static void
plt_acd_finalize (GObject *object)
{
  PltAcd *self = (PltAcd *) object;

  g_clear_pointer (&self->calls_by_id, g_hash_table_unref);
  g_clear_pointer (&self->calls, g_hash_table_unref);
  g_clear_pointer (&self->agents_by_id, g_hash_table_unref);
  g_clear_pointer (&self->queues_by_id, g_hash_table_unref);

  for (guint i = 0; i < self->n_agents; i++)
    {
      g_free (self->agents[i].members);
      g_strfreev (self->agents[i].queue_ids);
      g_clear_pointer (&self->agents[i].segments, g_array_unref);
    }
  g_clear_pointer (&self->agents, g_free);

  for (guint i = 0; i < self->n_queues; i++)
    {
      g_queue_clear (&self->queues[i].waiting);
      g_ptr_array_unref (self->queues[i].members);
      g_clear_pointer (&self->queues[i].zone, g_time_zone_unref);
    }
  g_clear_pointer (&self->queues, g_free);
  g_clear_pointer (&self->teams, g_free);

  g_clear_pointer (&self->records, _plt_records_free);
  g_clear_pointer (&self->decision_ns, g_array_unref);
  g_clear_pointer (&self->heap, g_array_unref);
  g_clear_pointer (&self->dirty, g_array_unref);
  g_clear_pointer (&self->rand, g_rand_free);
  g_clear_pointer (&self->zone, g_time_zone_unref);
  g_clear_pointer (&self->scenario, plt_scenario_unref);

  G_OBJECT_CLASS (plt_acd_parent_class)->finalize (object);
}

static void
plt_acd_class_init (PltAcdClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = plt_acd_finalize;

  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2,
                  G_TYPE_UINT,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  signals[SIGNAL_REMOVED] =
    g_signal_new ("removed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2,
                  G_TYPE_UINT,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  signals[SIGNAL_CONTACT_FINISHED] =
    g_signal_new ("contact-finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1,
                  G_TYPE_POINTER);

  signals[SIGNAL_AGENT_INTERVAL] =
    g_signal_new ("agent-interval",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1,
                  G_TYPE_POINTER);

  signals[SIGNAL_DAY_STARTED] =
    g_signal_new ("day-started",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1,
                  G_TYPE_INT64);
}

static void
plt_acd_init (PltAcd *self)
{
  self->heap = g_array_new (FALSE, FALSE, sizeof (Event));
  self->dirty = g_array_new (FALSE, FALSE, sizeof (DirtyRef));
  self->calls = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, call_free);
  self->calls_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->agents_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->queues_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->records = _plt_records_new ();
}

/* Signals for the other files. */

void
_plt_acd_emit_contact_finished (PltAcd                 *self,
                                const PltContactRecord *record)
{
  g_signal_emit (self, signals[SIGNAL_CONTACT_FINISHED], 0, record);
}

void
_plt_acd_emit_agent_interval (PltAcd                 *self,
                              const PltAgentInterval *interval)
{
  g_signal_emit (self, signals[SIGNAL_AGENT_INTERVAL], 0, interval);
}

void
_plt_acd_emit_day_started (PltAcd *self)
{
  g_signal_emit (self, signals[SIGNAL_DAY_STARTED], 0, self->day_start);
}

PltScenario *
plt_acd_get_scenario (PltAcd *self)
{
  g_return_val_if_fail (PLT_IS_ACD (self), NULL);

  return self->scenario;
}

gint64
plt_acd_get_now (PltAcd *self)
{
  g_return_val_if_fail (PLT_IS_ACD (self), 0);

  return self->now;
}

void
plt_acd_advance_to (PltAcd *self,
                    gint64  time_ms)
{
  g_return_if_fail (PLT_IS_ACD (self));
  g_return_if_fail (!self->in_advance);

  if (time_ms <= self->now)
    return;

  run_until (self, time_ms);
}

void
plt_acd_advance (PltAcd *self,
                 gint64  ms)
{
  g_return_if_fail (PLT_IS_ACD (self));
  g_return_if_fail (ms >= 0);

  plt_acd_advance_to (self, self->now + ms);
}

guint64
plt_acd_get_n_events (PltAcd *self)
{
  g_return_val_if_fail (PLT_IS_ACD (self), 0);

  return self->n_events;
}

guint
plt_acd_get_n_agents (PltAcd *self)
{
  g_return_val_if_fail (PLT_IS_ACD (self), 0);

  return self->n_agents;
}

guint
plt_acd_get_n_calls (PltAcd *self)
{
  g_return_val_if_fail (PLT_IS_ACD (self), 0);

  return g_hash_table_size (self->calls);
}

gint64
plt_acd_get_day_start (PltAcd *self)
{
  g_return_val_if_fail (PLT_IS_ACD (self), 0);

  return self->day_start;
}

guint64
plt_acd_get_last_contact_number (PltAcd *self)
{
  g_return_val_if_fail (PLT_IS_ACD (self), 0);

  return self->next_call;
}

/* Diagnostics. */

gint64
_plt_acd_clock_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (gint64) ts.tv_sec * G_GINT64_CONSTANT (1000000000) + ts.tv_nsec;
}

void
plt_acd_set_timing (PltAcd   *self,
                    gboolean  enabled)
{
  g_return_if_fail (PLT_IS_ACD (self));

  self->timing = enabled;
  g_clear_pointer (&self->decision_ns, g_array_unref);
  if (enabled)
    self->decision_ns = g_array_new (FALSE, FALSE, sizeof (gint64));
}

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

guint
plt_acd_get_timing (PltAcd *self,
                    gint64 *p50_ns,
                    gint64 *p99_ns,
                    gint64 *max_ns)
{
  g_autoptr(GArray) sorted = NULL;
  guint n;

  g_return_val_if_fail (PLT_IS_ACD (self), 0);

  n = self->decision_ns != NULL ? self->decision_ns->len : 0;
  if (p50_ns != NULL)
    *p50_ns = 0;
  if (p99_ns != NULL)
    *p99_ns = 0;
  if (max_ns != NULL)
    *max_ns = 0;
  if (n == 0)
    return 0;

  sorted = g_array_copy (self->decision_ns);
  g_array_sort (sorted, compare_int64);
  if (p50_ns != NULL)
    *p50_ns = g_array_index (sorted, gint64, n / 2);
  if (p99_ns != NULL)
    *p99_ns = g_array_index (sorted, gint64, MIN (n - 1, (guint) ((guint64) n * 99 / 100)));
  if (max_ns != NULL)
    *max_ns = g_array_index (sorted, gint64, n - 1);

  return n;
}

/* The names the supervisor's command below was written with. */

static void
agent_set (PltAcd           *self,
           Agent            *agent,
           PltAgentStatus    status,
           const char       *reason,
           PltAgentActivity  activity)
{
  /* A command overrides what was pending: a pause's or logout's return,
   * and the plan until its next boundary. */
  agent->return_token++;
  agent->return_due = FALSE;
  agent->plan = status == PLT_AGENT_STATUS_LOGGED_OUT ? PLAN_OFF : PLAN_WORK;
  _plt_acd_agent_set (self, agent, status, _plt_acd_reason_index (self, reason), activity);
}

static gboolean
agent_is_available (const Agent *agent)
{
  return _plt_acd_agent_is_available (agent);
}

static void
agent_became_available (PltAcd *self,
                        Agent  *agent)
{
  _plt_acd_agent_became_available (self, agent);
}

static void
apply_intent (PltAcd *self,
              Agent  *agent,
              int     intent)
{
  agent->plan = PLAN_WORK;
  _plt_acd_apply_intent (self, agent, intent);
}

static void
flush_dirty (PltAcd *self)
{
  _plt_acd_flush_dirty (self);
}

/* For G_IO_ERROR only; kept here so that this addition stays in one place. */
#include <gio/gio.h>

/*
 * Commands from supervisors (docs/protocol.md §4.5, cmd.agent.status).
 * The rule: a command never cuts a contact. An agent with a contact
 * (ringing, talking, on hold or in wrap-up) can be paused, which takes
 * effect when the contact ends, or made ready, which cancels such a pending
 * pause; logging them out is refused (G_IO_ERROR_BUSY). Without a contact
 * the change is immediate: a pause lasts as the scenario's pauses of that
 * reason do, a log-out until the agent is made ready.
 */
gboolean
plt_acd_set_agent_status (PltAcd          *self,
                          const char      *agent_id,
                          PltAgentStatus   status,
                          const char      *reason,
                          GError         **error)
{
  Agent *agent;
  int pause = -1;

  g_return_val_if_fail (PLT_IS_ACD (self), FALSE);
  g_return_val_if_fail (agent_id != NULL, FALSE);
  g_return_val_if_fail (!self->in_advance, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  agent = g_hash_table_lookup (self->agents_by_id, agent_id);
  if (agent == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "there is no agent “%s”", agent_id);
      return FALSE;
    }

  if (status == PLT_AGENT_STATUS_PAUSED)
    {
      GPtrArray *pauses = self->scenario->pauses;

      for (guint i = 0; i < pauses->len && pause < 0; i++)
        if (reason == NULL ||
            g_strcmp0 (((PltScenarioPause *) g_ptr_array_index (pauses, i))->reason, reason) == 0)
          pause = (int) i;

      if (pause < 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       "“%s” is not a pause reason of this call center", reason);
          return FALSE;
        }
    }

  switch (status)
    {
    case PLT_AGENT_STATUS_PAUSED:
      if (agent->call != NULL)
        agent->intent = pause;          /* after the contact */
      else
        apply_intent (self, agent, pause);
      break;

    case PLT_AGENT_STATUS_AVAILABLE:
      if (agent->call != NULL)
        agent->intent = INTENT_NONE;    /* no pause after the contact */
      else if (!agent_is_available (agent))
        {
          agent_set (self, agent, PLT_AGENT_STATUS_AVAILABLE, NULL, PLT_AGENT_ACTIVITY_IDLE);
          agent_became_available (self, agent);
        }
      break;

    case PLT_AGENT_STATUS_LOGGED_OUT:
      if (agent->call != NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                       "agent “%s” is handling a contact: logging them out would cut it", agent_id);
          return FALSE;
        }
      if (agent->status != PLT_AGENT_STATUS_LOGGED_OUT)
        agent_set (self, agent, PLT_AGENT_STATUS_LOGGED_OUT, NULL, PLT_AGENT_ACTIVITY_IDLE);
      agent->intent = INTENT_NONE;
      break;

    case PLT_AGENT_STATUS_UNKNOWN:
    default:
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           "the status must be available, paused or logged_out");
      return FALSE;
    }

  flush_dirty (self);
  return TRUE;
}
