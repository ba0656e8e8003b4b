/* plt-protocol-data.c — the plain data of the protocol: entities and
 * messages as structs (new, copy, free, equal)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "plt-protocol.h"
#include "plt-protocol-planning.h"
#include "plt-protocol-supervisor.h"

PltTeamData *
plt_team_data_new (void)
{
  return g_new0 (PltTeamData, 1);
}

PltTeamData *
plt_team_data_copy (const PltTeamData *data)
{
  PltTeamData *copy;

  g_return_val_if_fail (data != NULL, NULL);

  copy = plt_team_data_new ();
  copy->id = g_strdup (data->id);
  copy->ver = data->ver;
  copy->name = g_strdup (data->name);

  return copy;
}

void
plt_team_data_free (PltTeamData *data)
{
  if (data == NULL)
    return;

  g_free (data->id);
  g_free (data->name);
  g_free (data);
}

gboolean
plt_team_data_equal (const PltTeamData *a,
                     const PltTeamData *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;

  return a->ver == b->ver &&
         g_strcmp0 (a->id, b->id) == 0 &&
         g_strcmp0 (a->name, b->name) == 0;
}

PltAgentData *
plt_agent_data_new (void)
{
  PltAgentData *data = g_new0 (PltAgentData, 1);

  data->queues = g_new0 (char *, 1);

  return data;
}

PltAgentData *
plt_agent_data_copy (const PltAgentData *data)
{
  PltAgentData *copy;

  g_return_val_if_fail (data != NULL, NULL);

  copy = g_new0 (PltAgentData, 1);
  copy->id = g_strdup (data->id);
  copy->ver = data->ver;
  copy->name = g_strdup (data->name);
  copy->team = g_strdup (data->team);
  copy->status = data->status;
  copy->reason = g_strdup (data->reason);
  copy->activity = data->activity;
  copy->since = data->since;
  copy->queue = g_strdup (data->queue);
  copy->call = g_strdup (data->call);
  copy->queues = data->queues != NULL ? g_strdupv (data->queues) : g_new0 (char *, 1);
  plt_agent_data_set_skills (copy, data->skills, data->n_skills);

  return copy;
}

void
plt_agent_data_set_skills (PltAgentData        *data,
                           const PltAgentSkill *skills,
                           guint                n_skills)
{
  g_return_if_fail (data != NULL);
  g_return_if_fail (skills != NULL || n_skills == 0);

  for (guint i = 0; i < data->n_skills; i++)
    g_free (data->skills[i].queue);
  g_clear_pointer (&data->skills, g_free);
  data->n_skills = 0;

  if (skills == NULL)
    return;

  /* An empty list is not an absent one: one element more, never NULL. */
  data->skills = g_new0 (PltAgentSkill, n_skills + 1);
  data->n_skills = n_skills;
  for (guint i = 0; i < n_skills; i++)
    {
      data->skills[i].queue = g_strdup (skills[i].queue);
      data->skills[i].level = skills[i].level;
    }
}

void
plt_agent_data_free (PltAgentData *data)
{
  if (data == NULL)
    return;

  g_free (data->id);
  g_free (data->name);
  g_free (data->team);
  g_free (data->reason);
  g_free (data->queue);
  g_free (data->call);
  g_strfreev (data->queues);
  plt_agent_data_set_skills (data, NULL, 0);
  g_free (data);
}

static gboolean
skills_equal (const PltAgentData *a,
              const PltAgentData *b)
{
  if ((a->skills == NULL) != (b->skills == NULL) || a->n_skills != b->n_skills)
    return FALSE;

  for (guint i = 0; i < a->n_skills; i++)
    if (a->skills[i].level != b->skills[i].level ||
        g_strcmp0 (a->skills[i].queue, b->skills[i].queue) != 0)
      return FALSE;

  return TRUE;
}

/* NULL and the empty vector are the same list. */
static gboolean
strv_equal (const char * const *a,
            const char * const *b)
{
  static const char * const empty[] = { NULL };

  if (a == NULL)
    a = empty;
  if (b == NULL)
    b = empty;

  return g_strv_equal (a, b);
}

gboolean
plt_agent_data_equal (const PltAgentData *a,
                      const PltAgentData *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;

  return a->ver == b->ver &&
         a->status == b->status &&
         a->activity == b->activity &&
         a->since == b->since &&
         g_strcmp0 (a->id, b->id) == 0 &&
         g_strcmp0 (a->name, b->name) == 0 &&
         g_strcmp0 (a->team, b->team) == 0 &&
         g_strcmp0 (a->reason, b->reason) == 0 &&
         g_strcmp0 (a->queue, b->queue) == 0 &&
         g_strcmp0 (a->call, b->call) == 0 &&
         strv_equal ((const char * const *) a->queues,
                     (const char * const *) b->queues) &&
         skills_equal (a, b);
}

PltQueueData *
plt_queue_data_new (void)
{
  return g_new0 (PltQueueData, 1);
}

PltQueueData *
plt_queue_data_copy (const PltQueueData *data)
{
  PltQueueData *copy;

  g_return_val_if_fail (data != NULL, NULL);

  copy = g_memdup2 (data, sizeof *data);
  copy->id = g_strdup (data->id);
  copy->name = g_strdup (data->name);

  return copy;
}

void
plt_queue_data_free (PltQueueData *data)
{
  if (data == NULL)
    return;

  g_free (data->id);
  g_free (data->name);
  g_free (data);
}

gboolean
plt_queue_data_equal (const PltQueueData *a,
                      const PltQueueData *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;

  return a->ver == b->ver &&
         a->media == b->media &&
         a->priority == b->priority &&
         a->sl_threshold_s == b->sl_threshold_s &&
         a->sl_target == b->sl_target &&
         a->waiting == b->waiting &&
         a->oldest_since == b->oldest_since &&
         a->agents.available == b->agents.available &&
         a->agents.busy == b->agents.busy &&
         a->agents.wrap_up == b->agents.wrap_up &&
         a->agents.paused == b->agents.paused &&
         a->agents.logged_out == b->agents.logged_out &&
         a->today.offered == b->today.offered &&
         a->today.answered == b->today.answered &&
         a->today.abandoned == b->today.abandoned &&
         a->today.answered_in_sl == b->today.answered_in_sl &&
         a->today.wait_total_s == b->today.wait_total_s &&
         a->today.overflowed == b->today.overflowed &&
         a->today.callbacks == b->today.callbacks &&
         a->today.transferred == b->today.transferred &&
         g_strcmp0 (a->id, b->id) == 0 &&
         g_strcmp0 (a->name, b->name) == 0;
}

PltCallData *
plt_call_data_new (void)
{
  return g_new0 (PltCallData, 1);
}

PltCallData *
plt_call_data_copy (const PltCallData *data)
{
  PltCallData *copy;

  g_return_val_if_fail (data != NULL, NULL);

  copy = g_memdup2 (data, sizeof *data);
  copy->id = g_strdup (data->id);
  copy->queue = g_strdup (data->queue);
  copy->agent = g_strdup (data->agent);
  copy->number = g_strdup (data->number);
  copy->parent = g_strdup (data->parent);

  return copy;
}

void
plt_call_data_free (PltCallData *data)
{
  if (data == NULL)
    return;

  g_free (data->id);
  g_free (data->queue);
  g_free (data->agent);
  g_free (data->number);
  g_free (data->parent);
  g_free (data);
}

gboolean
plt_call_data_equal (const PltCallData *a,
                     const PltCallData *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;

  return a->ver == b->ver &&
         a->state == b->state &&
         a->since == b->since &&
         a->enqueued == b->enqueued &&
         a->media == b->media &&
         a->priority == b->priority &&
         a->origin == b->origin &&
         g_strcmp0 (a->id, b->id) == 0 &&
         g_strcmp0 (a->queue, b->queue) == 0 &&
         g_strcmp0 (a->agent, b->agent) == 0 &&
         g_strcmp0 (a->number, b->number) == 0 &&
         g_strcmp0 (a->parent, b->parent) == 0;
}

PltMessage *
plt_message_new (PltMessageType type)
{
  PltMessage *message = g_new0 (PltMessage, 1);

  message->type = type;
  if (type != PLT_MESSAGE_UNKNOWN)
    message->type_name = g_strdup (plt_message_type_to_string (type));

  if (type == PLT_MESSAGE_SNAPSHOT_PART)
    {
      message->u.snapshot_part.teams = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_team_data_free);
      message->u.snapshot_part.agents = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_agent_data_free);
      message->u.snapshot_part.queues = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_queue_data_free);
      message->u.snapshot_part.calls = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_call_data_free);
    }
  else if (type == PLT_MESSAGE_KPI_UPDATE)
    plt_kpi_values_init (&message->u.kpi_update.values);
  else if (type == PLT_MESSAGE_KPI_QUERY)
    message->u.kpi_query.ids = g_new0 (char *, 1);
  else if (type == PLT_MESSAGE_KPI_SUBSCRIBE)
    message->u.kpi_subscribe.scopes = g_new0 (char *, 1);
  else if (type == PLT_MESSAGE_KPI_RESULT)
    message->u.kpi_result.rows = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_kpi_row_free);

  return message;
}

void
plt_message_free (PltMessage *message)
{
  if (message == NULL)
    return;

  switch (message->type)
    {
    case PLT_MESSAGE_HELLO:
      g_free (message->u.hello_client);
      break;

    case PLT_MESSAGE_WELCOME:
      g_free (message->u.welcome.session);
      g_free (message->u.welcome.server);
      g_free (message->u.welcome.role);
      break;

    case PLT_MESSAGE_RESULT:
      g_free (message->u.result.reply_to);
      break;

    case PLT_MESSAGE_CMD_AGENT_STATUS:
      g_free (message->u.cmd_agent_status.id);
      g_free (message->u.cmd_agent_status.agent);
      g_free (message->u.cmd_agent_status.reason);
      break;

    case PLT_MESSAGE_SNAPSHOT_BEGIN:
      g_free (message->u.snapshot_begin.snapshot_id);
      g_free (message->u.snapshot_begin.reason);
      break;

    case PLT_MESSAGE_SNAPSHOT_PART:
      g_free (message->u.snapshot_part.snapshot_id);
      g_clear_pointer (&message->u.snapshot_part.teams, g_ptr_array_unref);
      g_clear_pointer (&message->u.snapshot_part.agents, g_ptr_array_unref);
      g_clear_pointer (&message->u.snapshot_part.queues, g_ptr_array_unref);
      g_clear_pointer (&message->u.snapshot_part.calls, g_ptr_array_unref);
      break;

    case PLT_MESSAGE_SNAPSHOT_END:
      g_free (message->u.snapshot_end_id);
      break;

    case PLT_MESSAGE_TEAM_UPDATE:
      plt_team_data_free (message->u.team);
      break;

    case PLT_MESSAGE_AGENT_UPDATE:
      plt_agent_data_free (message->u.agent);
      break;

    case PLT_MESSAGE_QUEUE_UPDATE:
      plt_queue_data_free (message->u.queue);
      break;

    case PLT_MESSAGE_CALL_UPDATE:
      plt_call_data_free (message->u.call);
      break;

    case PLT_MESSAGE_TEAM_REMOVE:
    case PLT_MESSAGE_AGENT_REMOVE:
    case PLT_MESSAGE_QUEUE_REMOVE:
    case PLT_MESSAGE_CALL_REMOVE:
      g_free (message->u.remove.id);
      break;

    case PLT_MESSAGE_ERROR:
      g_free (message->u.error.message);
      g_free (message->u.error.reply_to);
      g_clear_pointer (&message->u.error.current, plt_planning_message_free);
      break;

    case PLT_MESSAGE_PLANNING_GET:
    case PLT_MESSAGE_PLANNING_STATE:
    case PLT_MESSAGE_PLANNING_SAVE:
    case PLT_MESSAGE_PLANNING_SAVED:
    case PLT_MESSAGE_PLANNING_PUBLISH:
    case PLT_MESSAGE_PLANNING_COMMENT:
    case PLT_MESSAGE_PLANNING_PUBLISHED:
      g_clear_pointer (&message->u.planning, plt_planning_message_free);
      break;

    case PLT_MESSAGE_CMD_AGENT_SKILLS:
    case PLT_MESSAGE_CMD_MESSAGE:
    case PLT_MESSAGE_MESSAGE_NEW:
    case PLT_MESSAGE_MESSAGE_ACK:
    case PLT_MESSAGE_HISTORY_QUERY:
    case PLT_MESSAGE_HISTORY_RESULT:
      g_clear_pointer (&message->u.supervisor, plt_supervisor_message_free);
      break;

    case PLT_MESSAGE_KPI_UPDATE:
      g_free (message->u.kpi_update.scope);
      g_free (message->u.kpi_update.id);
      g_free (message->u.kpi_update.period);
      g_free (message->u.kpi_update.sl_variant);
      break;

    case PLT_MESSAGE_KPI_QUERY:
      g_free (message->u.kpi_query.id);
      g_free (message->u.kpi_query.scope);
      g_strfreev (message->u.kpi_query.ids);
      g_free (message->u.kpi_query.period);
      break;

    case PLT_MESSAGE_KPI_SUBSCRIBE:
      g_free (message->u.kpi_subscribe.id);
      g_strfreev (message->u.kpi_subscribe.scopes);
      break;

    case PLT_MESSAGE_KPI_RESULT:
      g_free (message->u.kpi_result.reply_to);
      g_free (message->u.kpi_result.scope);
      g_clear_pointer (&message->u.kpi_result.rows, g_ptr_array_unref);
      break;

    case PLT_MESSAGE_UNKNOWN:
    case PLT_MESSAGE_ACK:
    case PLT_MESSAGE_RESYNC:
    case PLT_MESSAGE_HEARTBEAT:
    default:
      break;
    }

  if (message->resume != NULL)
    {
      g_free (message->resume->session);
      g_free (message->resume->epoch);
      g_free (message->resume);
    }
  g_free (message->type_name);
  g_free (message->epoch);
  g_free (message);
}

static gboolean
ptr_array_equal (GPtrArray  *a,
                 GPtrArray  *b,
                 GEqualFunc  equal)
{
  guint na = a != NULL ? a->len : 0;
  guint nb = b != NULL ? b->len : 0;

  if (na != nb)
    return FALSE;

  for (guint i = 0; i < na; i++)
    if (!equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
      return FALSE;

  return TRUE;
}

static gboolean
kpi_row_equal (gconstpointer a,
               gconstpointer b)
{
  const PltKpiRow *ra = a, *rb = b;

  return g_strcmp0 (ra->id, rb->id) == 0 && ra->from == rb->from && ra->to == rb->to &&
         plt_kpi_values_equal (&ra->values, &rb->values);
}

gboolean
plt_message_equal (const PltMessage *a,
                   const PltMessage *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;

  if (a->type != b->type ||
      a->has_seq != b->has_seq ||
      (a->has_seq && a->seq != b->seq) ||
      a->ts != b->ts ||
      g_strcmp0 (a->epoch, b->epoch) != 0)
    return FALSE;

  switch (a->type)
    {
    case PLT_MESSAGE_UNKNOWN:
      return g_strcmp0 (a->type_name, b->type_name) == 0;

    case PLT_MESSAGE_HELLO:
      if ((a->resume == NULL) != (b->resume == NULL))
        return FALSE;
      if (a->resume != NULL &&
          (g_strcmp0 (a->resume->session, b->resume->session) != 0 ||
           g_strcmp0 (a->resume->epoch, b->resume->epoch) != 0 ||
           a->resume->seq != b->resume->seq))
        return FALSE;
      return g_strcmp0 (a->u.hello_client, b->u.hello_client) == 0;

    case PLT_MESSAGE_RESULT:
      return g_strcmp0 (a->u.result.reply_to, b->u.result.reply_to) == 0 &&
             !a->u.result.ok == !b->u.result.ok;

    case PLT_MESSAGE_KPI_UPDATE:
      return g_strcmp0 (a->u.kpi_update.scope, b->u.kpi_update.scope) == 0 &&
             g_strcmp0 (a->u.kpi_update.id, b->u.kpi_update.id) == 0 &&
             g_strcmp0 (a->u.kpi_update.period, b->u.kpi_update.period) == 0 &&
             a->u.kpi_update.from == b->u.kpi_update.from &&
             a->u.kpi_update.to == b->u.kpi_update.to &&
             g_strcmp0 (a->u.kpi_update.sl_variant, b->u.kpi_update.sl_variant) == 0 &&
             a->u.kpi_update.sl_threshold_s == b->u.kpi_update.sl_threshold_s &&
             plt_kpi_values_equal (&a->u.kpi_update.values, &b->u.kpi_update.values);

    case PLT_MESSAGE_KPI_QUERY:
      return g_strcmp0 (a->u.kpi_query.id, b->u.kpi_query.id) == 0 &&
             g_strcmp0 (a->u.kpi_query.scope, b->u.kpi_query.scope) == 0 &&
             strv_equal ((const char * const *) a->u.kpi_query.ids,
                         (const char * const *) b->u.kpi_query.ids) &&
             g_strcmp0 (a->u.kpi_query.period, b->u.kpi_query.period) == 0 &&
             a->u.kpi_query.from == b->u.kpi_query.from &&
             a->u.kpi_query.to == b->u.kpi_query.to &&
             a->u.kpi_query.interval_s == b->u.kpi_query.interval_s;

    case PLT_MESSAGE_KPI_SUBSCRIBE:
      return g_strcmp0 (a->u.kpi_subscribe.id, b->u.kpi_subscribe.id) == 0 &&
             strv_equal ((const char * const *) a->u.kpi_subscribe.scopes,
                         (const char * const *) b->u.kpi_subscribe.scopes);

    case PLT_MESSAGE_KPI_RESULT:
      return g_strcmp0 (a->u.kpi_result.reply_to, b->u.kpi_result.reply_to) == 0 &&
             g_strcmp0 (a->u.kpi_result.scope, b->u.kpi_result.scope) == 0 &&
             ptr_array_equal (a->u.kpi_result.rows, b->u.kpi_result.rows, kpi_row_equal);

    case PLT_MESSAGE_CMD_AGENT_STATUS:
      return g_strcmp0 (a->u.cmd_agent_status.id, b->u.cmd_agent_status.id) == 0 &&
             g_strcmp0 (a->u.cmd_agent_status.agent, b->u.cmd_agent_status.agent) == 0 &&
             a->u.cmd_agent_status.status == b->u.cmd_agent_status.status &&
             g_strcmp0 (a->u.cmd_agent_status.reason, b->u.cmd_agent_status.reason) == 0;

    case PLT_MESSAGE_WELCOME:
      return g_strcmp0 (a->u.welcome.session, b->u.welcome.session) == 0 &&
             g_strcmp0 (a->u.welcome.server, b->u.welcome.server) == 0 &&
             a->u.welcome.heartbeat_ms == b->u.welcome.heartbeat_ms &&
             a->u.welcome.clock_now == b->u.welcome.clock_now &&
             a->u.welcome.clock_rate == b->u.welcome.clock_rate &&
             a->u.welcome.limits.max_message == b->u.welcome.limits.max_message &&
             a->u.welcome.limits.max_client_message == b->u.welcome.limits.max_client_message &&
             a->u.welcome.limits.max_depth == b->u.welcome.limits.max_depth &&
             a->u.welcome.limits.max_string == b->u.welcome.limits.max_string &&
             !a->u.welcome.replay == !b->u.welcome.replay &&
             g_strcmp0 (a->u.welcome.role, b->u.welcome.role) == 0;

    case PLT_MESSAGE_ACK:
      return a->u.ack_seq == b->u.ack_seq;

    case PLT_MESSAGE_RESYNC:
      return a->u.resync_from_seq == b->u.resync_from_seq;

    case PLT_MESSAGE_HEARTBEAT:
      return TRUE;

    case PLT_MESSAGE_SNAPSHOT_BEGIN:
      return g_strcmp0 (a->u.snapshot_begin.snapshot_id, b->u.snapshot_begin.snapshot_id) == 0 &&
             g_strcmp0 (a->u.snapshot_begin.reason, b->u.snapshot_begin.reason) == 0 &&
             a->u.snapshot_begin.as_of_seq == b->u.snapshot_begin.as_of_seq &&
             a->u.snapshot_begin.parts == b->u.snapshot_begin.parts &&
             a->u.snapshot_begin.count_teams == b->u.snapshot_begin.count_teams &&
             a->u.snapshot_begin.count_agents == b->u.snapshot_begin.count_agents &&
             a->u.snapshot_begin.count_queues == b->u.snapshot_begin.count_queues &&
             a->u.snapshot_begin.count_calls == b->u.snapshot_begin.count_calls;

    case PLT_MESSAGE_SNAPSHOT_PART:
      return g_strcmp0 (a->u.snapshot_part.snapshot_id, b->u.snapshot_part.snapshot_id) == 0 &&
             a->u.snapshot_part.index == b->u.snapshot_part.index &&
             ptr_array_equal (a->u.snapshot_part.teams, b->u.snapshot_part.teams,
                              (GEqualFunc) plt_team_data_equal) &&
             ptr_array_equal (a->u.snapshot_part.agents, b->u.snapshot_part.agents,
                              (GEqualFunc) plt_agent_data_equal) &&
             ptr_array_equal (a->u.snapshot_part.queues, b->u.snapshot_part.queues,
                              (GEqualFunc) plt_queue_data_equal) &&
             ptr_array_equal (a->u.snapshot_part.calls, b->u.snapshot_part.calls,
                              (GEqualFunc) plt_call_data_equal);

    case PLT_MESSAGE_SNAPSHOT_END:
      return g_strcmp0 (a->u.snapshot_end_id, b->u.snapshot_end_id) == 0;

    case PLT_MESSAGE_TEAM_UPDATE:
      return plt_team_data_equal (a->u.team, b->u.team);

    case PLT_MESSAGE_AGENT_UPDATE:
      return plt_agent_data_equal (a->u.agent, b->u.agent);

    case PLT_MESSAGE_QUEUE_UPDATE:
      return plt_queue_data_equal (a->u.queue, b->u.queue);

    case PLT_MESSAGE_CALL_UPDATE:
      return plt_call_data_equal (a->u.call, b->u.call);

    case PLT_MESSAGE_TEAM_REMOVE:
    case PLT_MESSAGE_AGENT_REMOVE:
    case PLT_MESSAGE_QUEUE_REMOVE:
    case PLT_MESSAGE_CALL_REMOVE:
      return g_strcmp0 (a->u.remove.id, b->u.remove.id) == 0 &&
             a->u.remove.ver == b->u.remove.ver;

    case PLT_MESSAGE_ERROR:
      return a->u.error.code == b->u.error.code &&
             !a->u.error.fatal == !b->u.error.fatal &&
             g_strcmp0 (a->u.error.message, b->u.error.message) == 0 &&
             g_strcmp0 (a->u.error.reply_to, b->u.error.reply_to) == 0 &&
             a->u.error.retry_after_ms == b->u.error.retry_after_ms &&
             plt_planning_message_equal (a->u.error.current, b->u.error.current);

    case PLT_MESSAGE_PLANNING_GET:
    case PLT_MESSAGE_PLANNING_STATE:
    case PLT_MESSAGE_PLANNING_SAVE:
    case PLT_MESSAGE_PLANNING_SAVED:
    case PLT_MESSAGE_PLANNING_PUBLISH:
    case PLT_MESSAGE_PLANNING_COMMENT:
    case PLT_MESSAGE_PLANNING_PUBLISHED:
      return plt_planning_message_equal (a->u.planning, b->u.planning);

    case PLT_MESSAGE_CMD_AGENT_SKILLS:
    case PLT_MESSAGE_CMD_MESSAGE:
    case PLT_MESSAGE_MESSAGE_NEW:
    case PLT_MESSAGE_MESSAGE_ACK:
    case PLT_MESSAGE_HISTORY_QUERY:
    case PLT_MESSAGE_HISTORY_RESULT:
      return plt_supervisor_message_equal (a->u.supervisor, b->u.supervisor);

    default:
      return FALSE;
    }
}
