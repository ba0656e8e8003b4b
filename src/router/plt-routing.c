/* plt-routing.c — who gets which contact (docs/router.md, "Routing")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "plt-acd-private.h"

/*
 * A contact goes to the agent idle the longest among those of the best
 * skill level free for its queue. An agent who becomes free takes the
 * oldest contact of the highest-priority queue they serve.
 *
 * The indexes: each queue keeps, per skill level, the list of its members
 * free to take one of its contacts, longest idle first. An agent is linked
 * in those lists while idle and available — or, for e-mail queues, while
 * idle on a pause that handles e-mails (back office). Picking an agent is
 * then a look at most at PLT_SCENARIO_MAX_LEVEL list heads, whatever the
 * number of agents; an agent's state change relinks their few memberships.
 * Waiting contacts are kept by time of entry, so a queue's oldest is its
 * head.
 */

static gboolean
member_routable (PltAcd       *self,
                 const Member *member)
{
  const Agent *agent = member->agent;
  PltQueueMedia media = member->queue->spec->media;

  if (media == PLT_QUEUE_MEDIA_OUTBOUND)
    return FALSE;   /* its agents dial; nothing is routed to them */
  if (agent->activity != PLT_AGENT_ACTIVITY_IDLE || agent->call != NULL)
    return FALSE;
  if (agent->status == PLT_AGENT_STATUS_AVAILABLE)
    return TRUE;

  return agent->status == PLT_AGENT_STATUS_PAUSED && media == PLT_QUEUE_MEDIA_EMAIL &&
         agent->reason >= 0 &&
         ((PltScenarioPause *) g_ptr_array_index (self->scenario->pauses, agent->reason))->handles_email;
}

static void
list_unlink (MemberList *list,
             Member     *member)
{
  if (member->prev != NULL)
    member->prev->next = member->next;
  else
    list->head = member->next;
  if (member->next != NULL)
    member->next->prev = member->prev;
  else
    list->tail = member->prev;

  member->prev = member->next = NULL;
  member->linked = FALSE;
}

/* By idle_since, then agent order; from the tail, where newcomers go. */
static void
list_insert (MemberList *list,
             Member     *member)
{
  Member *after = list->tail;
  const Agent *agent = member->agent;

  while (after != NULL &&
         (after->agent->idle_since > agent->idle_since ||
          (after->agent->idle_since == agent->idle_since && after->agent->index > agent->index)))
    after = after->prev;

  member->prev = after;
  member->next = after != NULL ? after->next : list->head;
  if (after != NULL)
    after->next = member;
  else
    list->head = member;
  if (member->next != NULL)
    member->next->prev = member;
  else
    list->tail = member;

  member->linked = TRUE;
}

void
_plt_routing_unlink_agent (Agent *agent)
{
  for (guint i = 0; i < agent->n_members; i++)
    {
      Member *member = &agent->members[i];

      if (member->linked)
        list_unlink (&member->queue->idle[member->level - 1], member);
    }
}

void
_plt_routing_update_agent (PltAcd *self,
                           Agent  *agent)
{
  for (guint i = 0; i < agent->n_members; i++)
    {
      Member *member = &agent->members[i];
      MemberList *list = &member->queue->idle[member->level - 1];

      /* Relinked on every change: idle_since may have moved. */
      if (member->linked)
        list_unlink (list, member);
      if (member_routable (self, member))
        list_insert (list, member);
    }
}

void
_plt_routing_insert_waiting (Queue *queue,
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

void
_plt_routing_remove_waiting (PltAcd *self,
                             Call   *call)
{
  if (call->link != NULL)
    {
      g_queue_delete_link (&call->queue->waiting, call->link);
      call->link = NULL;
      _plt_acd_mark_queue (self, call->queue);
    }
}

static void
record_decision (PltAcd *self,
                 gint64  start_ns)
{
  gint64 elapsed = _plt_acd_clock_ns () - start_ns;

  g_array_append_val (self->decision_ns, elapsed);
}

/* The longest-idle agent of the best level free for @queue, or NULL. */
Agent *
_plt_routing_pick_agent (PltAcd *self,
                         Queue  *queue)
{
  gint64 start = self->timing ? _plt_acd_clock_ns () : 0;
  Agent *agent = NULL;

  for (guint level = 0; level < PLT_SCENARIO_MAX_LEVEL && agent == NULL; level++)
    if (queue->idle[level].head != NULL)
      agent = queue->idle[level].head->agent;

  if (self->timing)
    record_decision (self, start);

  return agent;
}

/* The contact a free agent takes: the head of the highest-priority queue
 * they may take a contact from, the oldest between equal priorities. */
Call *
_plt_routing_pick_call (PltAcd *self,
                        Agent  *agent)
{
  gint64 start = self->timing ? _plt_acd_clock_ns () : 0;
  Call *best = NULL;

  for (guint i = 0; i < agent->n_members; i++)
    {
      Member *member = &agent->members[i];
      Call *head;

      if (!member->linked)
        continue;
      head = g_queue_peek_head (&member->queue->waiting);
      if (head == NULL)
        continue;

      if (best == NULL ||
          member->queue->spec->priority > best->queue->spec->priority ||
          (member->queue->spec->priority == best->queue->spec->priority &&
           (head->enqueued < best->enqueued ||
            (head->enqueued == best->enqueued && head->number < best->number))))
        best = head;
    }

  if (self->timing)
    record_decision (self, start);

  return best;
}

void
_plt_routing_route_call (PltAcd *self,
                         Call   *call)
{
  Agent *agent = _plt_routing_pick_agent (self, call->queue);

  if (agent != NULL)
    _plt_sim_offer (self, call, agent);
}

gboolean
_plt_routing_offer_next (PltAcd *self,
                         Agent  *agent)
{
  Call *call = _plt_routing_pick_call (self, agent);

  if (call == NULL)
    return FALSE;

  _plt_sim_offer (self, call, agent);
  return TRUE;
}
