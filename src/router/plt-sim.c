/* plt-sim.c — the simulated traffic: arrivals, answers, talk, holds,
 * wrap-up, abandons, callbacks, overflows, transfers, outbound dialling,
 * and the agents' own moves (docs/router.md, "The simulation")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "plt-acd-private.h"

#define OUTBOUND_ANSWER_MIN   5.0     /* s before a customer answers */
#define OUTBOUND_ANSWER_MAX  20.0
#define OUTBOUND_GIVE_UP_MIN 18.0     /* s of ringing before giving up */
#define OUTBOUND_GIVE_UP_MAX 30.0
#define MIN_MISSED_PAUSE_MS  10000

/* Random draws: every one comes from the ACD's generator. */

double
_plt_sim_uniform (PltAcd *self)
{
  return g_rand_double (self->rand);
}

static double
draw_range (PltAcd *self,
            double  min,
            double  max)
{
  return min + (max - min) * _plt_sim_uniform (self);
}

double
_plt_sim_exponential (PltAcd *self,
                      double  mean)
{
  return -mean * log (1.0 - _plt_sim_uniform (self));
}

/* A lognormal variable of the given mean and standard deviation. */
double
_plt_sim_lognormal (PltAcd *self,
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
  u1 = 1.0 - _plt_sim_uniform (self);   /* in (0, 1] */
  u2 = _plt_sim_uniform (self);
  normal = sqrt (-2.0 * log (u1)) * cos (2.0 * G_PI * u2);

  return exp (mu + sqrt (sigma2) * normal);
}

gint64
_plt_sim_seconds_to_ms (double  seconds,
                        gint64  min_ms)
{
  double ms = seconds * 1000.0;

  if (!(ms >= (double) min_ms))
    return min_ms;
  if (ms > (double) G_MAXINT32 * 100.0)
    return (gint64) G_MAXINT32 * 100;
  return (gint64) llround (ms);
}

static gint64
draw_talk_ms (PltAcd                 *self,
              const PltScenarioQueue *spec)
{
  switch (spec->talk_distribution)
    {
    case PLT_DISTRIBUTION_EXPONENTIAL:
      /* Exact, for the comparison with queueing theory: no floor. */
      return _plt_sim_seconds_to_ms (_plt_sim_exponential (self, spec->talk_mean_s), 1);
    case PLT_DISTRIBUTION_FIXED:
      return _plt_sim_seconds_to_ms (spec->talk_mean_s, 1);
    case PLT_DISTRIBUTION_LOGNORMAL:
    default:
      return _plt_sim_seconds_to_ms (_plt_sim_lognormal (self, spec->talk_mean_s, spec->talk_sd_s), MIN_TALK_MS);
    }
}

/* Arrivals: a Poisson process whose rate is constant in each 15-minute
 * interval. Past an interval's end, the draw is made again from there: for
 * an exponential gap, that is exact. */
static gint64
next_arrival (PltAcd *self,
              Queue  *queue,
              gint64  from)
{
  const double *rates = queue->spec->rates;
  gint64 t = from;

  /* Two days of intervals: a queue with no rate at all has no arrivals. */
  for (guint guard = 0; guard < 2 * PLT_SCENARIO_INTERVALS + 8; guard++)
    {
      gint64 end;
      guint interval = _plt_schedule_interval (self, t, &end);
      double rate = rates[interval];

      if (rate > 0)
        {
          gint64 gap = _plt_sim_seconds_to_ms (_plt_sim_exponential (self, 3600.0 / rate), 1);

          if (queue->flat || t + gap < end)
            return t + gap;
        }
      t = end;
    }

  return -1;
}

static void
schedule_arrival (PltAcd *self,
                  Queue  *queue)
{
  gint64 when = next_arrival (self, queue, self->now);

  if (when >= 0)
    _plt_acd_schedule (self, EV_ARRIVAL, when, queue->index, 0);
}

void
_plt_sim_schedule_return (PltAcd *self,
                          Agent  *agent,
                          gint64  after_ms)
{
  agent->return_token++;
  agent->away = TRUE;
  _plt_acd_schedule (self, EV_AGENT_RETURN, self->now + after_ms, agent->index, agent->return_token);
}

void
_plt_sim_pause_duration_return (PltAcd *self,
                                Agent  *agent,
                                int     pause)
{
  PltScenarioPause *spec = g_ptr_array_index (self->scenario->pauses, pause);

  _plt_sim_schedule_return (self, agent,
                            _plt_sim_seconds_to_ms (_plt_sim_lognormal (self, spec->mean_minutes * 60,
                                                                        spec->mean_minutes * 20),
                                                    MIN_PAUSE_MS));
}

/* Queue entry: the contact waits in line, may give up, overflow or ask to
 * be called back, and is routed if an agent is free. */
static void
enqueue (PltAcd *self,
         Call   *call)
{
  const PltScenarioQueue *spec = call->queue->spec;

  _plt_acd_call_set_state (self, call, PLT_CALL_STATE_QUEUED);
  _plt_routing_insert_waiting (call->queue, call);

  if (call->abandon_at > 0)
    _plt_acd_schedule (self, EV_ABANDON, MAX (call->abandon_at, self->now), call->number, 0);
  if (spec->overflow_queue >= 0)
    _plt_acd_schedule (self, EV_OVERFLOW, self->now + _plt_sim_seconds_to_ms (spec->overflow_after_s, 1),
                       call->number, 0);
  if (spec->callback_queue >= 0 && call->media == PLT_QUEUE_MEDIA_INBOUND &&
      spec->callback_probability > 0 && _plt_sim_uniform (self) < spec->callback_probability)
    _plt_acd_schedule (self, EV_CALLBACK, self->now + _plt_sim_seconds_to_ms (spec->callback_after_s, 1),
                       call->number, 0);

  _plt_routing_route_call (self, call);
}

static void
draw_patience (PltAcd *self,
               Call   *call)
{
  double mean = call->queue->spec->patience_mean_s;

  call->abandon_at = mean > 0 ? self->now + _plt_sim_seconds_to_ms (_plt_sim_exponential (self, mean), 1) : 0;
}

static void
start_talk (PltAcd *self,
            Call   *call)
{
  const PltScenarioQueue *spec = call->queue->spec;
  Agent *agent = call->agent;
  gint64 talk = draw_talk_ms (self, spec);

  _plt_acd_call_set_state (self, call, PLT_CALL_STATE_CONNECTED);
  _plt_acd_agent_set (self, agent, agent->status, agent->reason, PLT_AGENT_ACTIVITY_ON_CALL);

  if (spec->hold_probability > 0 && call->media != PLT_QUEUE_MEDIA_EMAIL &&
      _plt_sim_uniform (self) < spec->hold_probability)
    {
      gint64 before_hold = (gint64) (talk * draw_range (self, 0.2, 0.7));

      call->talk_left_ms = talk - before_hold;
      _plt_acd_schedule (self, EV_HOLD_START, self->now + before_hold, call->number, call->token);
    }
  else
    {
      _plt_acd_schedule (self, EV_TALK_END, self->now + talk, call->number, call->token);
    }
}

static void
answer (PltAcd *self,
        Call   *call)
{
  Queue *queue = call->queue;
  gint64 wait = call->media == PLT_QUEUE_MEDIA_OUTBOUND ? 0 : self->now - call->enqueued;

  call->answered = self->now;
  queue->today.answered++;
  if (wait <= (gint64) queue->spec->sl_threshold_s * 1000)
    queue->today.answered_in_sl++;
  queue->wait_total_ms += wait;
  queue->today.wait_total_s = queue->wait_total_ms / 1000;
  _plt_acd_mark_queue (self, queue);

  start_talk (self, call);
}

/* Offers a contact to a free agent (who may be on a back-office pause, for
 * an e-mail). */
void
_plt_sim_offer (PltAcd *self,
                Call   *call,
                Agent  *agent)
{
  const PltScenarioBehaviour *b = &self->scenario->behaviour;

  _plt_routing_remove_waiting (self, call);
  call->agent = agent;
  call->last_agent = agent;
  agent->call = call;
  if (call->offered == 0)
    call->offered = self->now;

  if (call->media == PLT_QUEUE_MEDIA_EMAIL)
    {
      /* An e-mail opens on the agent's screen: no ringing. */
      answer (self, call);
      return;
    }

  _plt_acd_call_set_state (self, call, PLT_CALL_STATE_RINGING);
  _plt_acd_agent_set (self, agent, PLT_AGENT_STATUS_AVAILABLE, REASON_NONE, PLT_AGENT_ACTIVITY_RINGING);

  if (call->media == PLT_QUEUE_MEDIA_CALLBACK)
    {
      /* The agent calls the customer back. */
      if (_plt_sim_uniform (self) < call->queue->spec->answer_probability)
        _plt_acd_schedule (self, EV_ANSWER,
                           self->now + _plt_sim_seconds_to_ms (draw_range (self, OUTBOUND_ANSWER_MIN, OUTBOUND_ANSWER_MAX), 0),
                           call->number, call->token);
      else
        _plt_acd_schedule (self, EV_NOT_REACHED,
                           self->now + _plt_sim_seconds_to_ms (draw_range (self, OUTBOUND_GIVE_UP_MIN, OUTBOUND_GIVE_UP_MAX), 0),
                           call->number, call->token);
    }
  else if (b->no_answer_probability > 0 && _plt_sim_uniform (self) < b->no_answer_probability)
    _plt_acd_schedule (self, EV_RING_TIMEOUT, self->now + _plt_sim_seconds_to_ms (b->ring_timeout_s, MIN_RING_MS),
                       call->number, call->token);
  else
    _plt_acd_schedule (self, EV_ANSWER,
                       self->now + _plt_sim_seconds_to_ms (draw_range (self, b->answer_min_s, b->answer_max_s),
                                                           b->answer_max_s > 0 ? MIN_RING_MS : 0),
                       call->number, call->token);
}

void
_plt_sim_schedule_dial (PltAcd *self,
                        Agent  *agent)
{
  double gap = 0;
  guint n = 0;

  for (guint i = 0; i < agent->n_members; i++)
    if (agent->members[i].queue->spec->media == PLT_QUEUE_MEDIA_OUTBOUND)
      {
        gap += agent->members[i].queue->spec->dial_gap_mean_s;
        n++;
      }

  g_assert (n > 0);
  _plt_acd_schedule (self, EV_DIAL,
                     self->now + _plt_sim_seconds_to_ms (_plt_sim_exponential (self, gap / n), 1000),
                     agent->index, agent->token);
}

static int
draw_intent (PltAcd *self)
{
  const PltScenarioBehaviour *b = &self->scenario->behaviour;
  double total = 0, pick;

  for (guint i = 0; i < self->scenario->pauses->len; i++)
    total += ((PltScenarioPause *) g_ptr_array_index (self->scenario->pauses, i))->per_hour;
  total += b->logout_per_hour + b->busy_other_per_hour;

  pick = _plt_sim_uniform (self) * total;
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

  pick = _plt_sim_uniform (self) * total;
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
    _plt_acd_schedule (self, EV_AGENT_INTENT,
                       self->now + _plt_sim_seconds_to_ms (_plt_sim_exponential (self, 1.0 / self->intent_rate) / 1000.0, 1000),
                       agent->index, 0);
}

/* Event handlers. */

static void
on_arrival (PltAcd *self,
            Queue  *queue)
{
  Call *call;

  schedule_arrival (self, queue);

  call = _plt_acd_call_new (self, queue, queue->spec->media, PLT_CONTACT_ORIGIN_NEW, NULL);
  draw_patience (self, call);
  enqueue (self, call);
}

char *
plt_acd_add_contact (PltAcd      *self,
                     const char  *queue_id,
                     GError     **error)
{
  Queue *queue;
  Call *call;
  char *id;

  g_return_val_if_fail (PLT_IS_ACD (self), NULL);
  g_return_val_if_fail (queue_id != NULL, NULL);
  g_return_val_if_fail (!self->in_advance, NULL);

  queue = g_hash_table_lookup (self->queues_by_id, queue_id);
  if (queue == NULL)
    {
      g_set_error (error, PLT_ACD_ERROR, PLT_ACD_ERROR_NOT_FOUND, "there is no queue “%s”", queue_id);
      return NULL;
    }
  if (queue->spec->media == PLT_QUEUE_MEDIA_OUTBOUND)
    {
      g_set_error (error, PLT_ACD_ERROR, PLT_ACD_ERROR_INVALID_STATE,
                   "“%s” is an outbound queue: its agents dial, nothing arrives", queue_id);
      return NULL;
    }

  call = _plt_acd_call_new (self, queue, queue->spec->media, PLT_CONTACT_ORIGIN_NEW, NULL);
  id = g_strdup (call->id);
  draw_patience (self, call);
  enqueue (self, call);
  _plt_acd_flush_dirty (self);

  return id;
}

static void
on_abandon (PltAcd *self,
            Call   *call)
{
  Agent *agent = call->agent;

  if (call->state != PLT_CALL_STATE_QUEUED && call->state != PLT_CALL_STATE_RINGING)
    return;

  call->agent = NULL;
  if (agent != NULL)
    agent->call = NULL;
  _plt_acd_call_finish (self, call, PLT_CONTACT_OUTCOME_ABANDONED);

  if (agent != NULL)
    _plt_acd_agent_released (self, agent);
}

/* The contact leaves its queue for another one: a new entry there, linked
 * to this one, which ends with @outcome. */
static Call *
continue_in (PltAcd            *self,
             Call              *call,
             Queue             *queue,
             PltQueueMedia      media,
             PltContactOrigin   origin)
{
  Call *next = _plt_acd_call_new (self, queue, media, origin, call);

  next->abandon_at = origin == PLT_CONTACT_ORIGIN_OVERFLOW ? call->abandon_at : 0;
  return next;
}

static void
on_overflow (PltAcd *self,
             Call   *call)
{
  Call *next;

  if (call->state != PLT_CALL_STATE_QUEUED)
    return;   /* being offered: an agent takes it */

  next = continue_in (self, call, &self->queues[call->queue->spec->overflow_queue], call->media,
                      PLT_CONTACT_ORIGIN_OVERFLOW);
  _plt_acd_call_finish (self, call, PLT_CONTACT_OUTCOME_OVERFLOWED);
  enqueue (self, next);
}

static void
on_callback (PltAcd *self,
             Call   *call)
{
  Call *next;

  if (call->state != PLT_CALL_STATE_QUEUED)
    return;

  next = continue_in (self, call, &self->queues[call->queue->spec->callback_queue], PLT_QUEUE_MEDIA_CALLBACK,
                      PLT_CONTACT_ORIGIN_CALLBACK);
  _plt_acd_call_finish (self, call, PLT_CONTACT_OUTCOME_CALLBACK);
  enqueue (self, next);
}

static void
on_ring_timeout (PltAcd *self,
                 Call   *call)
{
  const PltScenarioBehaviour *b = &self->scenario->behaviour;
  const PltScenarioQueue *spec = call->queue->spec;
  Agent *agent = call->agent;

  /* The agent missed the call; it goes back to its place in line. */
  agent->call = NULL;
  call->agent = NULL;
  call->rona_count++;
  if (b->rona_autopause)
    {
      _plt_acd_agent_set (self, agent, PLT_AGENT_STATUS_PAUSED, REASON_NO_ANSWER, PLT_AGENT_ACTIVITY_MISSED);
      _plt_sim_schedule_return (self, agent,
                                _plt_sim_seconds_to_ms (_plt_sim_exponential (self, b->missed_pause_mean_s),
                                                        MIN_MISSED_PAUSE_MS));
    }
  else
    {
      _plt_acd_agent_set (self, agent, PLT_AGENT_STATUS_AVAILABLE, REASON_NONE, PLT_AGENT_ACTIVITY_MISSED);
      _plt_sim_schedule_return (self, agent, _plt_sim_seconds_to_ms (b->rona_delay_s, 0));
    }

  _plt_acd_call_set_state (self, call, PLT_CALL_STATE_QUEUED);
  _plt_routing_insert_waiting (call->queue, call);
  _plt_acd_mark_queue (self, call->queue);

  /* It missed its overflow while it rang: it overflows now. */
  if (spec->overflow_queue >= 0 && self->now - call->enqueued >= _plt_sim_seconds_to_ms (spec->overflow_after_s, 1))
    on_overflow (self, call);
  else
    _plt_routing_route_call (self, call);
}

static void
on_hold_start (PltAcd *self,
               Call   *call)
{
  const PltScenarioQueue *spec = call->queue->spec;

  _plt_acd_call_set_state (self, call, PLT_CALL_STATE_HELD);
  call->hold_start = self->now;
  call->hold_count++;
  _plt_acd_agent_set (self, call->agent, call->agent->status, call->agent->reason, PLT_AGENT_ACTIVITY_ON_HOLD);
  _plt_acd_schedule (self, EV_HOLD_END,
                     self->now + _plt_sim_seconds_to_ms (_plt_sim_exponential (self, spec->hold_mean_s), MIN_HOLD_MS),
                     call->number, call->token);
}

static void
on_hold_end (PltAcd *self,
             Call   *call)
{
  call->hold_total_ms += self->now - call->hold_start;
  _plt_acd_call_set_state (self, call, PLT_CALL_STATE_CONNECTED);
  _plt_acd_agent_set (self, call->agent, call->agent->status, call->agent->reason, PLT_AGENT_ACTIVITY_ON_CALL);
  _plt_acd_schedule (self, EV_TALK_END, self->now + MAX (call->talk_left_ms, 1000), call->number, call->token);
}

static void
on_talk_end (PltAcd *self,
             Call   *call)
{
  const PltScenarioQueue *spec = call->queue->spec;
  Agent *agent = call->agent;
  Call *transfer = NULL;

  call->ended = self->now;

  /* A share of the calls is passed on to another queue. */
  if (spec->transfer_probability > 0 && spec->transfer_to->len > 0 &&
      _plt_sim_uniform (self) < spec->transfer_probability)
    {
      guint pick = spec->transfer_to->len == 1 ? 0 : (guint) g_rand_int_range (self->rand, 0, (gint32) spec->transfer_to->len);
      Queue *target = &self->queues[g_array_index (spec->transfer_to, guint, pick)];

      call->outcome = PLT_CONTACT_OUTCOME_TRANSFERRED;
      call->queue->today.transferred++;
      _plt_acd_mark_queue (self, call->queue);
      transfer = continue_in (self, call, target, PLT_QUEUE_MEDIA_INBOUND, PLT_CONTACT_ORIGIN_TRANSFER);
      draw_patience (self, transfer);
    }

  _plt_acd_call_set_state (self, call, PLT_CALL_STATE_WRAP_UP);
  _plt_acd_agent_set (self, agent, agent->status, agent->reason, PLT_AGENT_ACTIVITY_WRAP_UP);
  _plt_acd_schedule (self, EV_WRAP_END,
                     self->now + _plt_sim_seconds_to_ms (_plt_sim_lognormal (self, spec->wrap_up_mean_s,
                                                                             spec->wrap_up_mean_s / 2), 0),
                     call->number, call->token);

  if (transfer != NULL)
    enqueue (self, transfer);
}

static void
on_wrap_end (PltAcd *self,
             Call   *call)
{
  Agent *agent = call->agent;

  _plt_acd_call_finish (self, call, call->outcome == PLT_CONTACT_OUTCOME_TRANSFERRED ?
                                    PLT_CONTACT_OUTCOME_TRANSFERRED : PLT_CONTACT_OUTCOME_ANSWERED);
  _plt_acd_agent_released (self, agent);
}

static void
on_not_reached (PltAcd *self,
                Call   *call)
{
  Agent *agent = call->agent;

  /* Counted as abandoned: the contact was offered and never connected. */
  call->agent = NULL;
  agent->call = NULL;
  _plt_acd_call_finish (self, call, PLT_CONTACT_OUTCOME_ABANDONED);
  _plt_acd_agent_released (self, agent);
}

static void
on_dial (PltAcd *self,
         Agent  *agent)
{
  Queue *outbound[8];
  guint n = 0;
  Queue *queue;
  Call *call;

  if (!_plt_acd_agent_is_available (agent))
    return;

  for (guint i = 0; i < agent->n_members && n < G_N_ELEMENTS (outbound); i++)
    if (agent->members[i].queue->spec->media == PLT_QUEUE_MEDIA_OUTBOUND)
      outbound[n++] = agent->members[i].queue;
  g_assert (n > 0);

  queue = outbound[n == 1 ? 0 : (guint) g_rand_int_range (self->rand, 0, (gint32) n)];
  call = _plt_acd_call_new (self, queue, PLT_QUEUE_MEDIA_OUTBOUND, PLT_CONTACT_ORIGIN_NEW, NULL);
  call->agent = agent;
  call->last_agent = agent;
  call->offered = self->now;
  agent->call = call;
  _plt_acd_call_set_state (self, call, PLT_CALL_STATE_RINGING);
  _plt_acd_agent_set (self, agent, PLT_AGENT_STATUS_AVAILABLE, REASON_NONE, PLT_AGENT_ACTIVITY_RINGING);

  if (_plt_sim_uniform (self) < queue->spec->answer_probability)
    _plt_acd_schedule (self, EV_ANSWER,
                       self->now + _plt_sim_seconds_to_ms (draw_range (self, OUTBOUND_ANSWER_MIN, OUTBOUND_ANSWER_MAX), 0),
                       call->number, call->token);
  else
    _plt_acd_schedule (self, EV_NOT_REACHED,
                       self->now + _plt_sim_seconds_to_ms (draw_range (self, OUTBOUND_GIVE_UP_MIN, OUTBOUND_GIVE_UP_MAX), 0),
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

  /* Agents with a plan log out when it says, and are not moved while it
   * wants them away. */
  if (agent->segments != NULL && intent == INTENT_LOGOUT)
    return;
  if (agent->plan != PLAN_WORK || agent->status != PLT_AGENT_STATUS_AVAILABLE)
    return;

  if (_plt_acd_agent_is_available (agent))
    _plt_acd_apply_intent (self, agent, intent);
  else if (agent->call != NULL && intent != INTENT_BUSY_OTHER && agent->intent == INTENT_NONE)
    agent->intent = intent;   /* "pause after this call" */
}

static void
on_agent_return (PltAcd *self,
                 Agent  *agent)
{
  agent->away = FALSE;

  /* Back from a pause while handling an e-mail in back office: at its end. */
  if (agent->call != NULL)
    agent->return_due = TRUE;
  else
    _plt_acd_go_to_plan (self, agent);
}

/* A day start: each queue whose own day begins now starts its `today`
 * again (its zone and reset time); at the scenario's midnight, the records
 * and the agents' day too. The next EV_DAY is the earliest of both. */
static void
on_day (PltAcd *self)
{
  gboolean midnight = self->now >= self->next_day_start;

  for (guint q = 0; q < self->n_queues; q++)
    {
      Queue *queue = &self->queues[q];

      if (self->now < queue->next_day_start)
        continue;
      _plt_schedule_queue_day (queue->zone, queue->spec->day_reset_min, self->now,
                               &queue->day_start, &queue->next_day_start);
      _plt_records_queue_new_day (self, queue);
    }

  if (midnight)
    {
      self->day_start = self->next_day_start;
      self->next_day_start = _plt_schedule_next_day (self->zone, self->day_start);
    }
  _plt_acd_schedule (self, EV_DAY, _plt_acd_next_day_event (self), 0, 0);

  if (!midnight)
    return;
  _plt_records_new_day (self);
  _plt_acd_emit_day_started (self);
  _plt_schedule_new_day (self);
}

void
_plt_sim_process (PltAcd      *self,
                  const Event *ev)
{
  Call *call = NULL;
  Agent *agent = NULL;

  switch ((EventKind) ev->kind)
    {
    case EV_ARRIVAL:
      on_arrival (self, &self->queues[ev->target]);
      return;

    case EV_DAY:
      on_day (self);
      return;

    case EV_ABANDON:
    case EV_OVERFLOW:
    case EV_CALLBACK:
      call = _plt_acd_lookup_call (self, ev->target);
      if (call == NULL)
        return;
      if (ev->kind == EV_ABANDON)
        on_abandon (self, call);
      else if (ev->kind == EV_OVERFLOW)
        on_overflow (self, call);
      else
        on_callback (self, call);
      return;

    case EV_ANSWER:
    case EV_RING_TIMEOUT:
    case EV_HOLD_START:
    case EV_HOLD_END:
    case EV_TALK_END:
    case EV_WRAP_END:
    case EV_NOT_REACHED:
      call = _plt_acd_lookup_call (self, ev->target);
      if (call == NULL || call->token != ev->token)
        return;
      break;

    case EV_DIAL:
      agent = &self->agents[ev->target];
      if (agent->token != ev->token)
        return;
      break;

    case EV_AGENT_RETURN:
      agent = &self->agents[ev->target];
      if (agent->return_token != ev->token)
        return;
      break;

    case EV_PLAN:
    case EV_PLAN_ACT:
      agent = &self->agents[ev->target];
      if (agent->plan_token != ev->token)
        return;
      _plt_schedule_on_plan (self, agent, ev->kind == EV_PLAN_ACT);
      return;

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
    case EV_OVERFLOW:
    case EV_CALLBACK:
    case EV_DAY:
    case EV_PLAN:
    case EV_PLAN_ACT:
    default:
      g_assert_not_reached ();
    }
}

/* Set-up. */

static gboolean
rates_flat (const PltScenarioQueue *spec)
{
  for (guint i = 1; i < PLT_SCENARIO_INTERVALS; i++)
    if (spec->rates[i] != spec->rates[0])
      return FALSE;

  return TRUE;
}

/* The start of an agent without a plan: the shares of the scenario are
 * logged out or paused, for a while already. */
static void
setup_unplanned_agent (PltAcd *self,
                       Agent  *agent)
{
  const PltScenarioBehaviour *b = &self->scenario->behaviour;
  double u = _plt_sim_uniform (self);
  gint64 since = self->now - _plt_sim_seconds_to_ms (draw_range (self, 0, 600), 0);

  if (u < b->initially_logged_out)
    {
      _plt_acd_agent_init_state (self, agent, PLT_AGENT_STATUS_LOGGED_OUT, REASON_NONE, since);
      _plt_sim_schedule_return (self, agent,
                                _plt_sim_seconds_to_ms (_plt_sim_exponential (self, b->logout_mean_minutes * 60), 1000));
    }
  else if (u < b->initially_logged_out + b->initially_paused && self->scenario->pauses->len > 0)
    {
      guint pause = draw_pause (self);
      PltScenarioPause *spec = g_ptr_array_index (self->scenario->pauses, pause);

      _plt_acd_agent_init_state (self, agent, PLT_AGENT_STATUS_PAUSED, (int) pause, since);
      _plt_sim_schedule_return (self, agent,
                                _plt_sim_seconds_to_ms (_plt_sim_exponential (self, spec->mean_minutes * 60), 1000));
    }
  else
    {
      _plt_acd_agent_init_state (self, agent, PLT_AGENT_STATUS_AVAILABLE, REASON_NONE, since);
    }
}

void
_plt_sim_setup (PltAcd *self)
{
  const PltScenarioBehaviour *b = &self->scenario->behaviour;
  double pause_total = 0;

  for (guint i = 0; i < self->scenario->pauses->len; i++)
    pause_total += ((PltScenarioPause *) g_ptr_array_index (self->scenario->pauses, i))->per_hour;
  self->intent_rate = (pause_total + b->logout_per_hour + b->busy_other_per_hour) / 3600000.0;

  for (guint q = 0; q < self->n_queues; q++)
    self->queues[q].flat = rates_flat (self->queues[q].spec);

  /* Agents with a schedule start where it puts them. */
  _plt_schedule_setup (self);

  for (guint i = 0; i < self->n_agents; i++)
    {
      Agent *agent = &self->agents[i];

      if (agent->segments == NULL)
        setup_unplanned_agent (self, agent);
      schedule_intent (self, agent);
    }

  for (guint q = 0; q < self->n_queues; q++)
    {
      Queue *queue = &self->queues[q];

      if (queue->spec->media != PLT_QUEUE_MEDIA_OUTBOUND)
        schedule_arrival (self, queue);
    }

  /* Campaign agents start dialling, back-office agents take e-mails (none
   * wait yet, but a restart is not warm). */
  for (guint i = 0; i < self->n_agents; i++)
    _plt_acd_agent_became_available (self, &self->agents[i]);
}
