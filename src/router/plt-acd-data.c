/* plt-acd-data.c — the ACD's entities as protocol data (docs/protocol.md §5)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "plt-acd-private.h"

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
agent_to_data (PltAcd      *self,
               const Agent *agent)
{
  PltAgentData *data = plt_agent_data_new ();
  PltAgentSkill skills[64];
  g_autofree PltAgentSkill *many = NULL;
  PltAgentSkill *use = skills;

  data->id = g_strdup (agent->spec->id);
  data->ver = agent->ver;
  data->name = g_strdup (agent->spec->name);
  data->team = g_strdup (agent->team_id);
  data->status = agent->status;
  data->reason = g_strdup (_plt_acd_reason_code (self, agent->reason));
  data->activity = agent->activity;
  data->since = agent->since;
  if (agent->call != NULL)
    {
      data->queue = g_strdup (agent->call->queue->spec->id);
      data->call = g_strdup (agent->call->id);
    }
  g_strfreev (data->queues);
  data->queues = g_strdupv (agent->queue_ids);

  if (agent->n_members > G_N_ELEMENTS (skills))
    use = many = g_new (PltAgentSkill, agent->n_members);
  for (guint i = 0; i < agent->n_members; i++)
    {
      use[i].queue = agent->queue_ids[i];
      use[i].level = agent->members[i].level;
    }
  plt_agent_data_set_skills (data, use, agent->n_members);

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
  data->priority = queue->spec->priority;
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
  data->media = call->media;
  data->priority = call->queue->spec->priority;
  data->origin = call->origin;
  data->parent = g_strdup (call->parent);

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
    g_ptr_array_add (array, agent_to_data (self, &self->agents[i]));

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
  return agent != NULL ? agent_to_data (self, agent) : NULL;
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
