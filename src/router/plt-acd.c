/* plt-acd.c — the ACD state and its traffic simulator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "plt-acd.h"

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
 */

#define MIN_RING_MS          1000
#define MIN_TALK_MS          5000
#define MIN_HOLD_MS          3000
#define MIN_PAUSE_MS        30000
#define OUTBOUND_ANSWER_MIN  5.0     /* s before a customer answers */
#define OUTBOUND_ANSWER_MAX 20.0
#define OUTBOUND_GIVE_UP_MIN 18.0    /* s of ringing before giving up */
#define OUTBOUND_GIVE_UP_MAX 30.0

typedef enum
{
  CAT_AVAILABLE,
  CAT_BUSY,
  CAT_WRAP_UP,
  CAT_PAUSED,
  CAT_LOGGED_OUT,
} Category;

typedef enum
{
  EV_ARRIVAL,        /* target: queue index */
  EV_ABANDON,        /* target: call number (no token: valid while waiting) */
  EV_ANSWER,         /* target: call number, token */
  EV_RING_TIMEOUT,   /* call, token */
  EV_HOLD_START,     /* call, token */
  EV_HOLD_END,       /* call, token */
  EV_TALK_END,       /* call, token */
  EV_WRAP_END,       /* call, token */
  EV_NOT_REACHED,    /* call, token: an outbound call nobody answered */
  EV_DIAL,           /* agent index, token */
  EV_AGENT_INTENT,   /* agent index: a pause, a logout or an internal call */
  EV_AGENT_RETURN,   /* agent index, token */
} EventKind;

/* What an agent does when the intent timer fires: pauses[i] for i ≥ 0. */
#define INTENT_NONE       (-1)
#define INTENT_LOGOUT     (-2)
#define INTENT_BUSY_OTHER (-3)

typedef struct
{
  gint64   time;
  guint64  serial;
  guint64  target;
  guint32  token;
  guint8   kind;
} Event;

typedef struct _Queue Queue;
typedef struct _Agent Agent;
typedef struct _Call  Call;

typedef struct
{
  PltScenarioTeam *spec;
  gint64           ver;
} Team;

struct _Agent
{
  guint              index;
  PltScenarioAgent  *spec;
  const char        *team_id;
  Queue            **queues;
  guint              n_queues;
  GStrv              queue_ids;

  PltAgentStatus     status;
  const char        *reason;      /* static or owned by the scenario */
  PltAgentActivity   activity;
  gint64             since;
  gint64             idle_since;
  Call              *call;
  int                intent;      /* applied when the current contact ends */

  guint32            token;
  gint64             ver;
  guint              dirty : 1;
};

struct _Queue
{
  guint                index;
  PltScenarioQueue    *spec;
  GQueue               waiting;   /* Call*, by enqueued time */
  GPtrArray           *agents;    /* Agent*, borrowed */
  PltQueueAgentCounts  counts;
  PltQueueToday        today;
  gint64               wait_total_ms;

  gint64               ver;
  guint                dirty : 1;
};

struct _Call
{
  guint64        number;
  char          *id;
  Queue         *queue;
  PltCallState   state;
  Agent         *agent;
  char          *masked;
  gint64         since;
  gint64         enqueued;
  gint64         talk_left_ms;
  GList         *link;            /* in queue->waiting while queued */

  guint32        token;
  gint64         ver;
  guint          dirty : 1;
};

typedef struct
{
  PltAcdEntity kind;
  gpointer     entity;
} DirtyRef;

struct _PltAcd
{
  GObject       parent_instance;

  PltScenario  *scenario;
  GRand        *rand;
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

  guint         in_advance : 1;
};

G_DEFINE_FINAL_TYPE (PltAcd, plt_acd, G_TYPE_OBJECT)

enum {
  SIGNAL_CHANGED,
  SIGNAL_REMOVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Random draws. */

static double
draw_uniform (PltAcd *self)
{
  return g_rand_double (self->rand);
}

static double
draw_range (PltAcd *self,
            double  min,
            double  max)
{
  return min + (max - min) * draw_uniform (self);
}

static double
draw_exponential (PltAcd *self,
                  double  mean)
{
  return -mean * log (1.0 - draw_uniform (self));
}

/* A lognormal variable of the given mean and standard deviation. */
static double
draw_lognormal (PltAcd *self,
                double  mean,
                double  sd)
{
  double u1, u2, normal, sigma2, mu;

  if (mean <= 0)
    return 0;
  if (sd <= 0)
    return mean;

  sigma2 = log (1.0 + (sd * sd) / (mean * mean));
  mu = log (mean) - sigma2 / 2.0;
  u1 = 1.0 - draw_uniform (self);   /* in (0, 1] */
  u2 = draw_uniform (self);
  normal = sqrt (-2.0 * log (u1)) * cos (2.0 * G_PI * u2);

  return exp (mu + sqrt (sigma2) * normal);
}

static gint64
seconds_to_ms (double  seconds,
               gint64  min_ms)
{
  double ms = seconds * 1000.0;

  if (!(ms >= (double) min_ms))
    return min_ms;
  if (ms > (double) G_MAXINT32 * 100.0)
    return (gint64) G_MAXINT32 * 100;
  return (gint64) llround (ms);
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

/* The event heap. */

static gboolean
event_before (const Event *a,
              const Event *b)
{
  return a->time < b->time || (a->time == b->time && a->serial < b->serial);
}

static void
schedule (PltAcd    *self,
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

static void
mark_agent (PltAcd *self,
            Agent  *agent)
{
  if (!agent->dirty)
    {
      DirtyRef ref = { PLT_ACD_ENTITY_AGENT, agent };

      agent->dirty = TRUE;
      g_array_append_val (self->dirty, ref);
    }
}

static void
mark_queue (PltAcd *self,
            Queue  *queue)
{
  if (!queue->dirty)
    {
      DirtyRef ref = { PLT_ACD_ENTITY_QUEUE, queue };

      queue->dirty = TRUE;
      g_array_append_val (self->dirty, ref);
    }
}

static void
mark_call (PltAcd *self,
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
  g_free (call->masked);
  g_free (call);
}

static void
flush_dirty (PltAcd *self)
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

static gboolean
agent_is_available (const Agent *agent)
{
  return agent->status == PLT_AGENT_STATUS_AVAILABLE &&
         agent->activity == PLT_AGENT_ACTIVITY_IDLE;
}

/* Every change of an agent goes through here: it keeps the queues' counts,
 * `since` and the token. */
static void
agent_set (PltAcd           *self,
           Agent            *agent,
           PltAgentStatus    status,
           const char       *reason,
           PltAgentActivity  activity)
{
  Category before = agent_category (agent);
  Category after;

  if (agent->status != status || agent->activity != activity || g_strcmp0 (agent->reason, reason) != 0)
    agent->since = self->now;

  agent->status = status;
  agent->reason = status == PLT_AGENT_STATUS_PAUSED ? reason : NULL;
  agent->activity = activity;
  agent->token++;

  if (agent_is_available (agent))
    agent->idle_since = self->now;

  after = agent_category (agent);
  if (after != before)
    {
      for (guint i = 0; i < agent->n_queues; i++)
        {
          Queue *queue = agent->queues[i];

          counts_add (&queue->counts, before, -1);
          counts_add (&queue->counts, after, +1);
          mark_queue (self, queue);
        }
    }

  mark_agent (self, agent);
}

/* Calls. */

static void
call_set_state (PltAcd       *self,
                Call         *call,
                PltCallState  state)
{
  if (call->state != state)
    call->since = self->now;
  call->state = state;
  call->token++;
  mark_call (self, call);
}

static Call *
lookup_call (PltAcd  *self,
             guint64  number)
{
  return g_hash_table_lookup (self->calls, &number);
}

static Call *
call_new (PltAcd *self,
          Queue  *queue)
{
  Call *call = g_new0 (Call, 1);

  call->number = ++self->next_call;
  call->id = g_strdup_printf ("c-%" G_GUINT64_FORMAT, call->number);
  call->queue = queue;
  call->state = PLT_CALL_STATE_UNKNOWN;
  call->enqueued = self->now;
  call->since = self->now;
  if (queue->spec->media != PLT_QUEUE_MEDIA_EMAIL)
    call->masked = draw_masked_number (self);

  g_hash_table_insert (self->calls, &call->number, call);
  g_hash_table_insert (self->calls_by_id, call->id, call);

  queue->today.offered++;
  mark_queue (self, queue);

  return call;
}

static void
waiting_insert (Queue *queue,
                Call  *call)
{
  GList *l;

  /* By enqueued time: a call back from a missed offer keeps its place. */
  for (l = queue->waiting.tail; l != NULL; l = l->prev)
    {
      Call *other = l->data;

      if (other->enqueued <= call->enqueued)
        break;
    }

  if (l == NULL)
    {
      g_queue_push_head (&queue->waiting, call);
      call->link = queue->waiting.head;
    }
  else
    {
      g_queue_insert_after (&queue->waiting, l, call);
      call->link = l->next;
    }
}

static void
waiting_remove (PltAcd *self,
                Call   *call)
{
  if (call->link != NULL)
    {
      g_queue_delete_link (&call->queue->waiting, call->link);
      call->link = NULL;
      mark_queue (self, call->queue);
    }
}

static void
call_end (PltAcd *self,
          Call   *call)
{
  waiting_remove (self, call);
  call_set_state (self, call, PLT_CALL_STATE_ENDED);
}

static void agent_released (PltAcd *self, Agent *agent);
static void agent_became_available (PltAcd *self, Agent *agent);

static void
start_talk (PltAcd *self,
            Call   *call)
{
  PltScenarioQueue *spec = call->queue->spec;
  gint64 talk = seconds_to_ms (draw_lognormal (self, spec->talk_mean_s, spec->talk_sd_s), MIN_TALK_MS);

  call_set_state (self, call, PLT_CALL_STATE_CONNECTED);
  agent_set (self, call->agent, PLT_AGENT_STATUS_AVAILABLE, NULL, PLT_AGENT_ACTIVITY_ON_CALL);

  if (spec->hold_probability > 0 && draw_uniform (self) < spec->hold_probability)
    {
      gint64 before_hold = (gint64) (talk * draw_range (self, 0.2, 0.7));

      call->talk_left_ms = talk - before_hold;
      schedule (self, EV_HOLD_START, self->now + before_hold, call->number, call->token);
    }
  else
    {
      schedule (self, EV_TALK_END, self->now + talk, call->number, call->token);
    }
}

static void
answer (PltAcd *self,
        Call   *call)
{
  Queue *queue = call->queue;
  gint64 wait = queue->spec->media == PLT_QUEUE_MEDIA_OUTBOUND ? 0 : self->now - call->enqueued;

  queue->today.answered++;
  if (wait <= (gint64) queue->spec->sl_threshold_s * 1000)
    queue->today.answered_in_sl++;
  queue->wait_total_ms += wait;
  queue->today.wait_total_s = queue->wait_total_ms / 1000;
  mark_queue (self, queue);

  start_talk (self, call);
}

/* Offers a waiting call to an available agent. */
static void
offer (PltAcd *self,
       Call   *call,
       Agent  *agent)
{
  const PltScenarioBehaviour *b = &self->scenario->behaviour;
  PltQueueMedia media = call->queue->spec->media;

  waiting_remove (self, call);
  call->agent = agent;
  agent->call = call;

  if (media == PLT_QUEUE_MEDIA_EMAIL)
    {
      /* An e-mail opens on the agent's screen: no ringing. */
      answer (self, call);
      return;
    }

  call_set_state (self, call, PLT_CALL_STATE_RINGING);
  agent_set (self, agent, PLT_AGENT_STATUS_AVAILABLE, NULL, PLT_AGENT_ACTIVITY_RINGING);

  if (media == PLT_QUEUE_MEDIA_INBOUND &&
      b->no_answer_probability > 0 &&
      draw_uniform (self) < b->no_answer_probability)
    schedule (self, EV_RING_TIMEOUT, self->now + seconds_to_ms (b->ring_timeout_s, MIN_RING_MS),
              call->number, call->token);
  else
    schedule (self, EV_ANSWER,
              self->now + seconds_to_ms (draw_range (self, b->answer_min_s, b->answer_max_s), MIN_RING_MS),
              call->number, call->token);
}

/* The longest-idle available agent serving the call's queue. */
static void
route_call (PltAcd *self,
            Call   *call)
{
  Queue *queue = call->queue;
  Agent *best = NULL;

  for (guint i = 0; i < queue->agents->len; i++)
    {
      Agent *agent = g_ptr_array_index (queue->agents, i);

      if (agent_is_available (agent) && (best == NULL || agent->idle_since < best->idle_since))
        best = agent;
    }

  if (best != NULL)
    offer (self, call, best);
}

static void
schedule_return (PltAcd *self,
                 Agent  *agent,
                 gint64  after_ms)
{
  schedule (self, EV_AGENT_RETURN, self->now + after_ms, agent->index, agent->token);
}

static void
apply_intent (PltAcd *self,
              Agent  *agent,
              int     intent)
{
  const PltScenarioBehaviour *b = &self->scenario->behaviour;

  agent->intent = INTENT_NONE;

  if (intent == INTENT_LOGOUT)
    {
      agent_set (self, agent, PLT_AGENT_STATUS_LOGGED_OUT, NULL, PLT_AGENT_ACTIVITY_IDLE);
      schedule_return (self, agent,
                       seconds_to_ms (draw_lognormal (self, b->logout_mean_minutes * 60,
                                                      b->logout_mean_minutes * 30), MIN_PAUSE_MS));
    }
  else if (intent == INTENT_BUSY_OTHER)
    {
      agent_set (self, agent, PLT_AGENT_STATUS_AVAILABLE, NULL, PLT_AGENT_ACTIVITY_BUSY_OTHER);
      schedule_return (self, agent,
                       seconds_to_ms (draw_lognormal (self, b->busy_other_mean_s,
                                                      b->busy_other_mean_s / 2), MIN_TALK_MS));
    }
  else if (intent >= 0)
    {
      PltScenarioPause *pause = g_ptr_array_index (self->scenario->pauses, intent);

      agent_set (self, agent, PLT_AGENT_STATUS_PAUSED, pause->reason, PLT_AGENT_ACTIVITY_IDLE);
      schedule_return (self, agent,
                       seconds_to_ms (draw_lognormal (self, pause->mean_minutes * 60,
                                                      pause->mean_minutes * 20), MIN_PAUSE_MS));
    }
}

/* The agent finished a contact (or a caller hung up on the ringing). */
static void
agent_released (PltAcd *self,
                Agent  *agent)
{
  agent->call = NULL;

  if (agent->intent != INTENT_NONE)
    {
      apply_intent (self, agent, agent->intent);
      return;
    }

  agent_set (self, agent, PLT_AGENT_STATUS_AVAILABLE, NULL, PLT_AGENT_ACTIVITY_IDLE);
  agent_became_available (self, agent);
}

/* Gives the agent the oldest call waiting in their queues, or else lets a
 * campaign agent dial. */
static void
agent_became_available (PltAcd *self,
                        Agent  *agent)
{
  Call *oldest = NULL;
  gboolean dials = FALSE;

  for (guint i = 0; i < agent->n_queues; i++)
    {
      Queue *queue = agent->queues[i];
      Call *head = g_queue_peek_head (&queue->waiting);

      if (queue->spec->media == PLT_QUEUE_MEDIA_OUTBOUND)
        dials = TRUE;
      if (head != NULL && (oldest == NULL || head->enqueued < oldest->enqueued))
        oldest = head;
    }

  if (oldest != NULL)
    offer (self, oldest, agent);
  else if (dials)
    {
      double gap = 0;
      guint n = 0;

      for (guint i = 0; i < agent->n_queues; i++)
        if (agent->queues[i]->spec->media == PLT_QUEUE_MEDIA_OUTBOUND)
          {
            gap += agent->queues[i]->spec->dial_gap_mean_s;
            n++;
          }

      schedule (self, EV_DIAL,
                self->now + seconds_to_ms (draw_exponential (self, gap / n), 1000),
                agent->index, agent->token);
    }
}

static int
draw_intent (PltAcd *self)
{
  const PltScenarioBehaviour *b = &self->scenario->behaviour;
  double total = 0, pick;

  for (guint i = 0; i < self->scenario->pauses->len; i++)
    total += ((PltScenarioPause *) g_ptr_array_index (self->scenario->pauses, i))->per_hour;
  total += b->logout_per_hour + b->busy_other_per_hour;

  pick = draw_uniform (self) * total;
  for (guint i = 0; i < self->scenario->pauses->len; i++)
    {
      pick -= ((PltScenarioPause *) g_ptr_array_index (self->scenario->pauses, i))->per_hour;
      if (pick < 0)
        return (int) i;
    }
  pick -= b->logout_per_hour;
  if (pick < 0)
    return INTENT_LOGOUT;

  /* Rounding can leave pick at 0: the last kind with a rate. */
  if (b->busy_other_per_hour > 0)
    return INTENT_BUSY_OTHER;
  if (b->logout_per_hour > 0)
    return INTENT_LOGOUT;
  return (int) self->scenario->pauses->len - 1;
}

/* A pause reason, by how often each is taken (any, if none is). */
static guint
draw_pause (PltAcd *self)
{
  GPtrArray *pauses = self->scenario->pauses;
  double total = 0, pick;

  for (guint i = 0; i < pauses->len; i++)
    total += ((PltScenarioPause *) g_ptr_array_index (pauses, i))->per_hour;
  if (total <= 0)
    return (guint) g_rand_int_range (self->rand, 0, (gint32) pauses->len);

  pick = draw_uniform (self) * total;
  for (guint i = 0; i < pauses->len; i++)
    {
      pick -= ((PltScenarioPause *) g_ptr_array_index (pauses, i))->per_hour;
      if (pick < 0)
        return i;
    }

  return pauses->len - 1;
}

static void
schedule_intent (PltAcd *self,
                 Agent  *agent)
{
  if (self->intent_rate > 0)
    schedule (self, EV_AGENT_INTENT,
              self->now + seconds_to_ms (draw_exponential (self, 1.0 / self->intent_rate) / 1000.0, 1000),
              agent->index, 0);
}

/* Event handlers. */

static void
on_arrival (PltAcd *self,
            Queue  *queue)
{
  PltScenarioQueue *spec = queue->spec;
  Call *call;

  schedule (self, EV_ARRIVAL,
            self->now + seconds_to_ms (draw_exponential (self, 3600.0 / spec->calls_per_hour), 1),
            queue->index, 0);

  call = call_new (self, queue);
  call_set_state (self, call, PLT_CALL_STATE_QUEUED);
  waiting_insert (queue, call);

  if (spec->patience_mean_s > 0)
    schedule (self, EV_ABANDON,
              self->now + seconds_to_ms (draw_exponential (self, spec->patience_mean_s), 1),
              call->number, 0);

  route_call (self, call);
}

static void
on_abandon (PltAcd *self,
            Call   *call)
{
  Agent *agent = call->agent;

  if (call->state != PLT_CALL_STATE_QUEUED && call->state != PLT_CALL_STATE_RINGING)
    return;

  call->queue->today.abandoned++;
  mark_queue (self, call->queue);
  call->agent = NULL;
  call_end (self, call);

  if (agent != NULL)
    agent_released (self, agent);
}

static void
on_ring_timeout (PltAcd *self,
                 Call   *call)
{
  const PltScenarioBehaviour *b = &self->scenario->behaviour;
  Agent *agent = call->agent;

  /* The agent missed the call: auto-paused; the call goes back in line. */
  agent->call = NULL;
  call->agent = NULL;
  agent_set (self, agent, PLT_AGENT_STATUS_PAUSED, "no_answer", PLT_AGENT_ACTIVITY_MISSED);
  schedule_return (self, agent,
                   seconds_to_ms (draw_exponential (self, b->missed_pause_mean_s), 10000));

  call_set_state (self, call, PLT_CALL_STATE_QUEUED);
  waiting_insert (call->queue, call);
  mark_queue (self, call->queue);
  route_call (self, call);
}

static void
on_hold_start (PltAcd *self,
               Call   *call)
{
  PltScenarioQueue *spec = call->queue->spec;

  call_set_state (self, call, PLT_CALL_STATE_HELD);
  agent_set (self, call->agent, PLT_AGENT_STATUS_AVAILABLE, NULL, PLT_AGENT_ACTIVITY_ON_HOLD);
  schedule (self, EV_HOLD_END,
            self->now + seconds_to_ms (draw_exponential (self, spec->hold_mean_s), MIN_HOLD_MS),
            call->number, call->token);
}

static void
on_hold_end (PltAcd *self,
             Call   *call)
{
  call_set_state (self, call, PLT_CALL_STATE_CONNECTED);
  agent_set (self, call->agent, PLT_AGENT_STATUS_AVAILABLE, NULL, PLT_AGENT_ACTIVITY_ON_CALL);
  schedule (self, EV_TALK_END, self->now + MAX (call->talk_left_ms, 1000), call->number, call->token);
}

static void
on_talk_end (PltAcd *self,
             Call   *call)
{
  PltScenarioQueue *spec = call->queue->spec;

  call_set_state (self, call, PLT_CALL_STATE_WRAP_UP);
  agent_set (self, call->agent, PLT_AGENT_STATUS_AVAILABLE, NULL, PLT_AGENT_ACTIVITY_WRAP_UP);
  schedule (self, EV_WRAP_END,
            self->now + seconds_to_ms (draw_lognormal (self, spec->wrap_up_mean_s, spec->wrap_up_mean_s / 2), 0),
            call->number, call->token);
}

static void
on_wrap_end (PltAcd *self,
             Call   *call)
{
  Agent *agent = call->agent;

  call_end (self, call);
  agent_released (self, agent);
}

static void
on_not_reached (PltAcd *self,
                Call   *call)
{
  Agent *agent = call->agent;

  /* Counted as abandoned: the contact was offered and never connected. */
  call->queue->today.abandoned++;
  mark_queue (self, call->queue);
  call_end (self, call);
  agent_released (self, agent);
}

static void
on_dial (PltAcd *self,
         Agent  *agent)
{
  Queue *outbound[8];
  guint n = 0;
  Queue *queue;
  Call *call;

  if (!agent_is_available (agent))
    return;

  for (guint i = 0; i < agent->n_queues && n < G_N_ELEMENTS (outbound); i++)
    if (agent->queues[i]->spec->media == PLT_QUEUE_MEDIA_OUTBOUND)
      outbound[n++] = agent->queues[i];
  g_assert (n > 0);

  queue = outbound[n == 1 ? 0 : (guint) g_rand_int_range (self->rand, 0, (gint32) n)];
  call = call_new (self, queue);
  call->agent = agent;
  agent->call = call;
  call_set_state (self, call, PLT_CALL_STATE_RINGING);
  agent_set (self, agent, PLT_AGENT_STATUS_AVAILABLE, NULL, PLT_AGENT_ACTIVITY_RINGING);

  if (draw_uniform (self) < queue->spec->answer_probability)
    schedule (self, EV_ANSWER,
              self->now + seconds_to_ms (draw_range (self, OUTBOUND_ANSWER_MIN, OUTBOUND_ANSWER_MAX), 0),
              call->number, call->token);
  else
    schedule (self, EV_NOT_REACHED,
              self->now + seconds_to_ms (draw_range (self, OUTBOUND_GIVE_UP_MIN, OUTBOUND_GIVE_UP_MAX), 0),
              call->number, call->token);
}

static void
on_agent_intent (PltAcd *self,
                 Agent  *agent)
{
  int intent;

  schedule_intent (self, agent);

  if (agent->status == PLT_AGENT_STATUS_LOGGED_OUT)
    return;

  intent = draw_intent (self);

  if (agent_is_available (agent))
    apply_intent (self, agent, intent);
  else if (agent->call != NULL && intent != INTENT_BUSY_OTHER && agent->intent == INTENT_NONE)
    agent->intent = intent;   /* "pause after this call" */
}

static void
on_agent_return (PltAcd *self,
                 Agent  *agent)
{
  agent_set (self, agent, PLT_AGENT_STATUS_AVAILABLE, NULL, PLT_AGENT_ACTIVITY_IDLE);
  agent_became_available (self, agent);
}

static void
process (PltAcd      *self,
         const Event *ev)
{
  Call *call = NULL;
  Agent *agent = NULL;

  switch ((EventKind) ev->kind)
    {
    case EV_ARRIVAL:
      on_arrival (self, &self->queues[ev->target]);
      return;

    case EV_ABANDON:
      call = lookup_call (self, ev->target);
      if (call != NULL)
        on_abandon (self, call);
      return;

    case EV_ANSWER:
    case EV_RING_TIMEOUT:
    case EV_HOLD_START:
    case EV_HOLD_END:
    case EV_TALK_END:
    case EV_WRAP_END:
    case EV_NOT_REACHED:
      call = lookup_call (self, ev->target);
      if (call == NULL || call->token != ev->token)
        return;
      break;

    case EV_DIAL:
    case EV_AGENT_RETURN:
      agent = &self->agents[ev->target];
      if (agent->token != ev->token)
        return;
      break;

    case EV_AGENT_INTENT:
      agent = &self->agents[ev->target];
      break;

    default:
      g_assert_not_reached ();
    }

  switch ((EventKind) ev->kind)
    {
    case EV_ANSWER:
      if (call->state == PLT_CALL_STATE_RINGING)
        answer (self, call);
      break;
    case EV_RING_TIMEOUT: on_ring_timeout (self, call); break;
    case EV_HOLD_START: on_hold_start (self, call); break;
    case EV_HOLD_END: on_hold_end (self, call); break;
    case EV_TALK_END: on_talk_end (self, call); break;
    case EV_WRAP_END: on_wrap_end (self, call); break;
    case EV_NOT_REACHED: on_not_reached (self, call); break;
    case EV_DIAL: on_dial (self, agent); break;
    case EV_AGENT_INTENT: on_agent_intent (self, agent); break;
    case EV_AGENT_RETURN: on_agent_return (self, agent); break;
    case EV_ARRIVAL:
    case EV_ABANDON:
    default:
      g_assert_not_reached ();
    }
}

/* Set-up. */

static void
setup_agents (PltAcd *self)
{
  const PltScenarioBehaviour *b = &self->scenario->behaviour;
  double pause_total = 0;

  for (guint i = 0; i < self->scenario->pauses->len; i++)
    pause_total += ((PltScenarioPause *) g_ptr_array_index (self->scenario->pauses, i))->per_hour;
  self->intent_rate = (pause_total + b->logout_per_hour + b->busy_other_per_hour) / 3600000.0;

  for (guint i = 0; i < self->n_agents; i++)
    {
      Agent *agent = &self->agents[i];
      double u = draw_uniform (self);

      agent->since = self->now - seconds_to_ms (draw_range (self, 0, 600), 0);
      agent->idle_since = agent->since;

      if (u < b->initially_logged_out)
        {
          agent->status = PLT_AGENT_STATUS_LOGGED_OUT;
          schedule (self, EV_AGENT_RETURN,
                    self->now + seconds_to_ms (draw_exponential (self, b->logout_mean_minutes * 60), 1000),
                    agent->index, agent->token);
        }
      else if (u < b->initially_logged_out + b->initially_paused && self->scenario->pauses->len > 0)
        {
          PltScenarioPause *pause = g_ptr_array_index (self->scenario->pauses, draw_pause (self));

          agent->status = PLT_AGENT_STATUS_PAUSED;
          agent->reason = pause->reason;
          schedule (self, EV_AGENT_RETURN,
                    self->now + seconds_to_ms (draw_exponential (self, pause->mean_minutes * 60), 1000),
                    agent->index, agent->token);
        }
      else
        {
          agent->status = PLT_AGENT_STATUS_AVAILABLE;
        }

      for (guint q = 0; q < agent->n_queues; q++)
        counts_add (&agent->queues[q]->counts, agent_category (agent), +1);

      schedule_intent (self, agent);
    }

  for (guint q = 0; q < self->n_queues; q++)
    {
      Queue *queue = &self->queues[q];

      if (queue->spec->calls_per_hour > 0 && queue->spec->media != PLT_QUEUE_MEDIA_OUTBOUND)
        schedule (self, EV_ARRIVAL,
                  self->now + seconds_to_ms (draw_exponential (self, 3600.0 / queue->spec->calls_per_hour), 1),
                  queue->index, 0);
    }

  /* Campaign agents start dialing. */
  for (guint i = 0; i < self->n_agents; i++)
    if (agent_is_available (&self->agents[i]))
      agent_became_available (self, &self->agents[i]);
}

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
      process (self, &ev);
      flush_dirty (self);
    }

  if (time_ms > self->now)
    self->now = time_ms;

  self->in_advance = FALSE;
}

PltAcd *
plt_acd_new (PltScenario *scenario,
             guint64      seed,
             gint64       start_ms)
{
  guint32 seed_array[2] = { (guint32) (seed & 0xffffffff), (guint32) (seed >> 32) };
  PltAcd *self;

  g_return_val_if_fail (scenario != NULL, NULL);
  g_return_val_if_fail (start_ms > 0, NULL);

  self = g_object_new (PLT_TYPE_ACD, NULL);
  self->scenario = plt_scenario_ref (scenario);
  self->rand = g_rand_new_with_seed_array (seed_array, G_N_ELEMENTS (seed_array));
  self->now = start_ms - (gint64) (scenario->warm_up_minutes * 60000.0);

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
      queue->agents = g_ptr_array_new ();
      queue->ver = 1;
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
      agent->n_queues = spec->queues->len;
      agent->queues = g_new0 (Queue *, agent->n_queues);
      agent->queue_ids = g_new0 (char *, agent->n_queues + 1);
      agent->activity = PLT_AGENT_ACTIVITY_IDLE;
      agent->status = PLT_AGENT_STATUS_AVAILABLE;
      agent->intent = INTENT_NONE;
      agent->ver = 1;

      for (guint q = 0; q < agent->n_queues; q++)
        {
          Queue *queue = &self->queues[g_array_index (spec->queues, guint, q)];

          agent->queues[q] = queue;
          agent->queue_ids[q] = g_strdup (queue->spec->id);
          g_ptr_array_add (queue->agents, agent);
        }

      g_hash_table_insert (self->agents_by_id, spec->id, agent);
    }

  setup_agents (self);

  /* The warm-up: nobody listens yet. */
  run_until (self, start_ms);

  return self;
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
      g_free (self->agents[i].queues);
      g_strfreev (self->agents[i].queue_ids);
    }
  g_clear_pointer (&self->agents, g_free);

  for (guint i = 0; i < self->n_queues; i++)
    {
      g_queue_clear (&self->queues[i].waiting);
      g_ptr_array_unref (self->queues[i].agents);
    }
  g_clear_pointer (&self->queues, g_free);
  g_clear_pointer (&self->teams, g_free);

  g_clear_pointer (&self->heap, g_array_unref);
  g_clear_pointer (&self->dirty, g_array_unref);
  g_clear_pointer (&self->rand, g_rand_free);
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

/* Conversions to protocol data. */

static PltTeamData *
team_to_data (const Team *team)
{
  PltTeamData *data = plt_team_data_new ();

  data->id = g_strdup (team->spec->id);
  data->ver = team->ver;
  data->name = g_strdup (team->spec->name);

  return data;
}

static PltAgentData *
agent_to_data (const Agent *agent)
{
  PltAgentData *data = plt_agent_data_new ();

  data->id = g_strdup (agent->spec->id);
  data->ver = agent->ver;
  data->name = g_strdup (agent->spec->name);
  data->team = g_strdup (agent->team_id);
  data->status = agent->status;
  data->reason = g_strdup (agent->reason);
  data->activity = agent->activity;
  data->since = agent->since;
  if (agent->call != NULL)
    {
      data->queue = g_strdup (agent->call->queue->spec->id);
      data->call = g_strdup (agent->call->id);
    }
  g_strfreev (data->queues);
  data->queues = g_strdupv (agent->queue_ids);

  return data;
}

static PltQueueData *
queue_to_data (const Queue *queue)
{
  PltQueueData *data = plt_queue_data_new ();
  const Call *head = g_queue_peek_head ((GQueue *) &queue->waiting);

  data->id = g_strdup (queue->spec->id);
  data->ver = queue->ver;
  data->name = g_strdup (queue->spec->name);
  data->media = queue->spec->media;
  data->sl_threshold_s = queue->spec->sl_threshold_s;
  data->sl_target = queue->spec->sl_target;
  data->waiting = queue->waiting.length;
  data->oldest_since = head != NULL ? head->enqueued : 0;
  data->agents = queue->counts;
  data->today = queue->today;

  return data;
}

static PltCallData *
call_to_data (const Call *call)
{
  PltCallData *data = plt_call_data_new ();

  data->id = g_strdup (call->id);
  data->ver = call->ver;
  data->queue = g_strdup (call->queue->spec->id);
  data->state = call->state;
  data->agent = call->agent != NULL ? g_strdup (call->agent->spec->id) : NULL;
  data->number = g_strdup (call->masked);
  data->since = call->since;
  data->enqueued = call->enqueued;

  return data;
}

GPtrArray *
plt_acd_dup_teams (PltAcd *self)
{
  GPtrArray *array;

  g_return_val_if_fail (PLT_IS_ACD (self), NULL);

  array = g_ptr_array_new_full (self->n_teams, (GDestroyNotify) plt_team_data_free);
  for (guint i = 0; i < self->n_teams; i++)
    g_ptr_array_add (array, team_to_data (&self->teams[i]));

  return array;
}

GPtrArray *
plt_acd_dup_agents (PltAcd *self)
{
  GPtrArray *array;

  g_return_val_if_fail (PLT_IS_ACD (self), NULL);

  array = g_ptr_array_new_full (self->n_agents, (GDestroyNotify) plt_agent_data_free);
  for (guint i = 0; i < self->n_agents; i++)
    g_ptr_array_add (array, agent_to_data (&self->agents[i]));

  return array;
}

GPtrArray *
plt_acd_dup_queues (PltAcd *self)
{
  GPtrArray *array;

  g_return_val_if_fail (PLT_IS_ACD (self), NULL);

  array = g_ptr_array_new_full (self->n_queues, (GDestroyNotify) plt_queue_data_free);
  for (guint i = 0; i < self->n_queues; i++)
    g_ptr_array_add (array, queue_to_data (&self->queues[i]));

  return array;
}

static int
compare_calls (gconstpointer a,
               gconstpointer b)
{
  const Call *call_a = *(const Call * const *) a;
  const Call *call_b = *(const Call * const *) b;

  return call_a->number < call_b->number ? -1 : call_a->number > call_b->number;
}

GPtrArray *
plt_acd_dup_calls (PltAcd *self)
{
  g_autoptr(GPtrArray) calls = NULL;
  GHashTableIter iter;
  gpointer value;
  GPtrArray *array;

  g_return_val_if_fail (PLT_IS_ACD (self), NULL);

  calls = g_ptr_array_sized_new (g_hash_table_size (self->calls));
  g_hash_table_iter_init (&iter, self->calls);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (calls, value);
  g_ptr_array_sort (calls, compare_calls);

  array = g_ptr_array_new_full (calls->len, (GDestroyNotify) plt_call_data_free);
  for (guint i = 0; i < calls->len; i++)
    g_ptr_array_add (array, call_to_data (g_ptr_array_index (calls, i)));

  return array;
}

PltTeamData *
plt_acd_dup_team (PltAcd     *self,
                  const char *id)
{
  g_return_val_if_fail (PLT_IS_ACD (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < self->n_teams; i++)
    if (g_str_equal (self->teams[i].spec->id, id))
      return team_to_data (&self->teams[i]);

  return NULL;
}

PltAgentData *
plt_acd_dup_agent (PltAcd     *self,
                   const char *id)
{
  Agent *agent;

  g_return_val_if_fail (PLT_IS_ACD (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  agent = g_hash_table_lookup (self->agents_by_id, id);
  return agent != NULL ? agent_to_data (agent) : NULL;
}

PltQueueData *
plt_acd_dup_queue (PltAcd     *self,
                   const char *id)
{
  Queue *queue;

  g_return_val_if_fail (PLT_IS_ACD (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  queue = g_hash_table_lookup (self->queues_by_id, id);
  return queue != NULL ? queue_to_data (queue) : NULL;
}

PltCallData *
plt_acd_dup_call (PltAcd     *self,
                  const char *id)
{
  Call *call;

  g_return_val_if_fail (PLT_IS_ACD (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  call = g_hash_table_lookup (self->calls_by_id, id);
  return call != NULL ? call_to_data (call) : NULL;
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
