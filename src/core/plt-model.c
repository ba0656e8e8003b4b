/* plt-model.c — the console's picture of the call center
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "plt-agent.h"
#include "plt-call.h"
#include "plt-model.h"
#include "plt-queue.h"
#include "plt-store.h"
#include "plt-team.h"

struct _PltModel
{
  GObject   parent_instance;

  PltStore *teams;
  PltStore *agents;
  PltStore *queues;
  PltStore *calls;
  guint     flush_interval;
  guint     flush_source;
};

G_DEFINE_FINAL_TYPE (PltModel, plt_model, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FLUSH_INTERVAL,
  PROP_TEAMS,
  PROP_AGENTS,
  PROP_QUEUES,
  PROP_CALLS,
  N_PROPS
};

enum {
  FLUSHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

#define DEFAULT_FLUSH_INTERVAL 50

static gboolean
flush_timeout_cb (gpointer user_data)
{
  PltModel *self = user_data;

  self->flush_source = 0;
  plt_model_flush (self);

  return G_SOURCE_REMOVE;
}

static gboolean
has_pending (PltModel *self)
{
  return plt_store_get_n_pending (self->teams) > 0 ||
         plt_store_get_n_pending (self->agents) > 0 ||
         plt_store_get_n_pending (self->queues) > 0 ||
         plt_store_get_n_pending (self->calls) > 0;
}

/* The timer runs only while something waits to be announced. */
static void
schedule_flush (PltModel *self)
{
  if (self->flush_source != 0 || !has_pending (self))
    return;

  if (self->flush_interval == 0)
    self->flush_source = g_idle_add (flush_timeout_cb, self);
  else
    self->flush_source = g_timeout_add (self->flush_interval, flush_timeout_cb, self);
  g_source_set_name_by_id (self->flush_source, "[plateau] model flush");
}

static const char *
team_name_of (PltModel   *self,
              const char *team_id)
{
  PltTeam *team;

  if (team_id == NULL)
    return NULL;

  team = plt_store_lookup (self->teams, team_id);

  return team != NULL ? plt_team_get_name (team) : NULL;
}

/* Fills "team-name"; the store hears of it, since views group by team. */
static gboolean
refresh_team_name (PltModel *self,
                   PltAgent *agent)
{
  const char *name = team_name_of (self, plt_agent_get_team_id (agent));

  if (g_strcmp0 (name, plt_agent_get_team_name (agent)) == 0)
    return FALSE;

  plt_agent_set_team_name (agent, name);
  plt_store_mark_changed (self->agents, plt_agent_get_id (agent));

  return TRUE;
}

typedef struct
{
  PltModel   *model;
  const char *team_id;   /* NULL: every agent */
  gboolean    changed;
} TeamNameRefresh;

static void
refresh_team_name_cb (gpointer key,
                      gpointer value,
                      gpointer user_data)
{
  TeamNameRefresh *refresh = user_data;
  PltAgent *agent = value;

  if (refresh->team_id != NULL &&
      g_strcmp0 (plt_agent_get_team_id (agent), refresh->team_id) != 0)
    return;

  if (refresh_team_name (refresh->model, agent))
    refresh->changed = TRUE;
}

static gboolean
refresh_team_names (PltModel   *self,
                    const char *team_id)
{
  TeamNameRefresh refresh = { self, team_id, FALSE };

  plt_store_foreach (self->agents, refresh_team_name_cb, &refresh);

  return refresh.changed;
}

/* ------------------------------------------------------------------------ */
/* One entity at a time                                                      */
/* ------------------------------------------------------------------------ */

static gboolean
upsert_team (PltModel          *self,
             const PltTeamData *data,
             gboolean           force)
{
  PltTeam *team = plt_store_lookup (self->teams, data->id);
  g_autofree char *old_name = NULL;
  gboolean changed;

  if (team == NULL)
    {
      g_autoptr(PltTeam) fresh = plt_team_new (data->id);

      plt_team_apply (fresh, data, TRUE);
      plt_store_add (self->teams, data->id, fresh);
      /* Agents may have come before their team. */
      refresh_team_names (self, data->id);
      return TRUE;
    }

  old_name = g_strdup (plt_team_get_name (team));
  changed = plt_team_apply (team, data, force);
  if (changed)
    {
      plt_store_mark_changed (self->teams, data->id);
      if (g_strcmp0 (old_name, plt_team_get_name (team)) != 0)
        refresh_team_names (self, data->id);
    }

  return changed;
}

static gboolean
upsert_agent (PltModel           *self,
              const PltAgentData *data,
              gboolean            force)
{
  PltAgent *agent = plt_store_lookup (self->agents, data->id);
  gboolean changed;

  if (agent == NULL)
    {
      g_autoptr(PltAgent) fresh = plt_agent_new (data->id);

      plt_agent_apply (fresh, data, TRUE);
      plt_agent_set_team_name (fresh, team_name_of (self, data->team));
      plt_store_add (self->agents, data->id, fresh);
      return TRUE;
    }

  changed = plt_agent_apply (agent, data, force);
  if (changed)
    {
      plt_store_mark_changed (self->agents, data->id);
      refresh_team_name (self, agent);
    }

  return changed;
}

static gboolean
upsert_queue (PltModel           *self,
              const PltQueueData *data,
              gboolean            force)
{
  PltQueue *queue = plt_store_lookup (self->queues, data->id);
  gboolean changed;

  if (queue == NULL)
    {
      g_autoptr(PltQueue) fresh = plt_queue_new (data->id);

      plt_queue_apply (fresh, data, TRUE);
      plt_store_add (self->queues, data->id, fresh);
      return TRUE;
    }

  changed = plt_queue_apply (queue, data, force);
  if (changed)
    plt_store_mark_changed (self->queues, data->id);

  return changed;
}

static gboolean
upsert_call (PltModel          *self,
             const PltCallData *data,
             gboolean           force)
{
  PltCall *call = plt_store_lookup (self->calls, data->id);
  gboolean changed;

  if (call == NULL)
    {
      g_autoptr(PltCall) fresh = plt_call_new (data->id);

      plt_call_apply (fresh, data, TRUE);
      plt_store_add (self->calls, data->id, fresh);
      return TRUE;
    }

  changed = plt_call_apply (call, data, force);
  if (changed)
    plt_store_mark_changed (self->calls, data->id);

  return changed;
}

static gint64
version_of (GObject *item)
{
  if (PLT_IS_TEAM (item))
    return plt_team_get_version (PLT_TEAM (item));
  if (PLT_IS_AGENT (item))
    return plt_agent_get_version (PLT_AGENT (item));
  if (PLT_IS_QUEUE (item))
    return plt_queue_get_version (PLT_QUEUE (item));
  if (PLT_IS_CALL (item))
    return plt_call_get_version (PLT_CALL (item));

  return 0;
}

/* A removal older than what is shown is stale; one of the same version is
 * the end of that version (the router may remove without a new one). */
static gboolean
remove_entity (PltModel            *self,
               PltStore            *store,
               const PltRemoveData *data)
{
  GObject *item = plt_store_lookup (store, data->id);

  if (item == NULL || data->ver < version_of (item))
    return FALSE;

  plt_store_remove (store, data->id);

  if (store == self->teams)
    refresh_team_names (self, data->id);

  return TRUE;
}

/* ------------------------------------------------------------------------ */

static void
plt_model_dispose (GObject *object)
{
  PltModel *self = PLT_MODEL (object);

  g_clear_handle_id (&self->flush_source, g_source_remove);
  g_clear_object (&self->teams);
  g_clear_object (&self->agents);
  g_clear_object (&self->queues);
  g_clear_object (&self->calls);

  G_OBJECT_CLASS (plt_model_parent_class)->dispose (object);
}

static void
plt_model_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  PltModel *self = PLT_MODEL (object);

  switch (prop_id)
    {
    case PROP_FLUSH_INTERVAL:
      g_value_set_uint (value, self->flush_interval);
      break;

    case PROP_TEAMS:
      g_value_set_object (value, self->teams);
      break;

    case PROP_AGENTS:
      g_value_set_object (value, self->agents);
      break;

    case PROP_QUEUES:
      g_value_set_object (value, self->queues);
      break;

    case PROP_CALLS:
      g_value_set_object (value, self->calls);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
plt_model_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  PltModel *self = PLT_MODEL (object);

  switch (prop_id)
    {
    case PROP_FLUSH_INTERVAL:
      plt_model_set_flush_interval (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
plt_model_class_init (PltModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = plt_model_dispose;
  object_class->get_property = plt_model_get_property;
  object_class->set_property = plt_model_set_property;

  properties[PROP_FLUSH_INTERVAL] =
    g_param_spec_uint ("flush-interval", NULL, NULL, 0, 60000, DEFAULT_FLUSH_INTERVAL,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The four stores, for bindings in .ui files. */
  properties[PROP_TEAMS] =
    g_param_spec_object ("teams", NULL, NULL, PLT_TYPE_STORE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_AGENTS] =
    g_param_spec_object ("agents", NULL, NULL, PLT_TYPE_STORE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_QUEUES] =
    g_param_spec_object ("queues", NULL, NULL, PLT_TYPE_STORE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CALLS] =
    g_param_spec_object ("calls", NULL, NULL, PLT_TYPE_STORE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[FLUSHED] =
    g_signal_new ("flushed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
plt_model_init (PltModel *self)
{
  self->teams = plt_store_new (PLT_TYPE_TEAM);
  self->agents = plt_store_new (PLT_TYPE_AGENT);
  /* Sorted views compare what they were told, not what is pending. */
  plt_store_set_show_func (self->agents, (GFunc) plt_agent_commit, NULL);
  self->queues = plt_store_new (PLT_TYPE_QUEUE);
  self->calls = plt_store_new (PLT_TYPE_CALL);
  self->flush_interval = DEFAULT_FLUSH_INTERVAL;
}

PltModel *
plt_model_new (void)
{
  return g_object_new (PLT_TYPE_MODEL, NULL);
}

PltStore *
plt_model_get_teams (PltModel *self)
{
  g_return_val_if_fail (PLT_IS_MODEL (self), NULL);

  return self->teams;
}

PltStore *
plt_model_get_agents (PltModel *self)
{
  g_return_val_if_fail (PLT_IS_MODEL (self), NULL);

  return self->agents;
}

PltStore *
plt_model_get_queues (PltModel *self)
{
  g_return_val_if_fail (PLT_IS_MODEL (self), NULL);

  return self->queues;
}

PltStore *
plt_model_get_calls (PltModel *self)
{
  g_return_val_if_fail (PLT_IS_MODEL (self), NULL);

  return self->calls;
}

PltTeam *
plt_model_lookup_team (PltModel   *self,
                       const char *id)
{
  g_return_val_if_fail (PLT_IS_MODEL (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return plt_store_lookup (self->teams, id);
}

PltAgent *
plt_model_lookup_agent (PltModel   *self,
                        const char *id)
{
  g_return_val_if_fail (PLT_IS_MODEL (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return plt_store_lookup (self->agents, id);
}

PltQueue *
plt_model_lookup_queue (PltModel   *self,
                        const char *id)
{
  g_return_val_if_fail (PLT_IS_MODEL (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return plt_store_lookup (self->queues, id);
}

PltCall *
plt_model_lookup_call (PltModel   *self,
                       const char *id)
{
  g_return_val_if_fail (PLT_IS_MODEL (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return plt_store_lookup (self->calls, id);
}

gboolean
plt_model_apply_delta (PltModel         *self,
                       const PltMessage *message)
{
  gboolean changed = FALSE;

  g_return_val_if_fail (PLT_IS_MODEL (self), FALSE);
  g_return_val_if_fail (message != NULL, FALSE);
  g_return_val_if_fail (plt_message_type_is_delta (message->type), FALSE);

  switch (message->type)
    {
    case PLT_MESSAGE_TEAM_UPDATE:
      g_return_val_if_fail (message->u.team != NULL, FALSE);
      changed = upsert_team (self, message->u.team, FALSE);
      break;

    case PLT_MESSAGE_AGENT_UPDATE:
      g_return_val_if_fail (message->u.agent != NULL, FALSE);
      changed = upsert_agent (self, message->u.agent, FALSE);
      break;

    case PLT_MESSAGE_QUEUE_UPDATE:
      g_return_val_if_fail (message->u.queue != NULL, FALSE);
      changed = upsert_queue (self, message->u.queue, FALSE);
      break;

    case PLT_MESSAGE_CALL_UPDATE:
      g_return_val_if_fail (message->u.call != NULL, FALSE);
      changed = upsert_call (self, message->u.call, FALSE);
      break;

    case PLT_MESSAGE_TEAM_REMOVE:
      changed = remove_entity (self, self->teams, &message->u.remove);
      break;

    case PLT_MESSAGE_AGENT_REMOVE:
      changed = remove_entity (self, self->agents, &message->u.remove);
      break;

    case PLT_MESSAGE_QUEUE_REMOVE:
      changed = remove_entity (self, self->queues, &message->u.remove);
      break;

    case PLT_MESSAGE_CALL_REMOVE:
      changed = remove_entity (self, self->calls, &message->u.remove);
      break;

    default:
      g_assert_not_reached ();
    }

  if (changed)
    schedule_flush (self);

  return changed;
}

gboolean
plt_model_apply_kpi (PltModel               *self,
                     const PltKpiUpdateData *data)
{
  g_autoptr(PltKpiFigures) figures = NULL;
  PltKpiScope scope;
  PltQueue *queue;

  g_return_val_if_fail (PLT_IS_MODEL (self), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  if (!plt_kpi_scope_from_string (data->scope, &scope) || data->id == NULL)
    return FALSE;

  /* An agent's figures are sort keys of the agent board: the agent is
   * announced changed at the next flush, so that sorted views move it. */
  if (scope == PLT_KPI_SCOPE_AGENT)
    {
      PltAgent *agent = plt_store_lookup (self->agents, data->id);

      if (agent == NULL || (figures = plt_kpi_figures_new (data)) == NULL)
        return FALSE;
      if (plt_agent_set_kpi (agent, figures))
        {
          plt_store_mark_changed (self->agents, data->id);
          schedule_flush (self);
        }
      return TRUE;
    }

  if (scope != PLT_KPI_SCOPE_QUEUE)
    return FALSE;

  queue = plt_store_lookup (self->queues, data->id);
  if (queue == NULL)
    return FALSE;

  figures = plt_kpi_figures_new (data);
  if (figures == NULL)
    return FALSE;

  plt_queue_set_kpi (queue, figures);

  return TRUE;
}

typedef struct
{
  PltStore   *store;
  GHashTable *keep;
} RemoveAbsent;

static void
collect_absent_cb (gpointer key,
                   gpointer value,
                   gpointer user_data)
{
  RemoveAbsent *ra = user_data;

  if (!g_hash_table_contains (ra->keep, key))
    plt_store_remove (ra->store, key);
}

typedef gboolean (*UpsertFunc) (PltModel      *self,
                                gconstpointer  data,
                                gboolean       force);

/* Entity data structs all start with the id. */
G_STATIC_ASSERT (G_STRUCT_OFFSET (PltTeamData, id) == 0);
G_STATIC_ASSERT (G_STRUCT_OFFSET (PltAgentData, id) == 0);
G_STATIC_ASSERT (G_STRUCT_OFFSET (PltQueueData, id) == 0);
G_STATIC_ASSERT (G_STRUCT_OFFSET (PltCallData, id) == 0);

static void
replace_kind (PltModel   *self,
              PltStore   *store,
              GPtrArray  *array,
              UpsertFunc  upsert)
{
  g_autoptr(GHashTable) keep = g_hash_table_new (g_str_hash, g_str_equal);
  RemoveAbsent ra = { store, keep };

  for (guint i = 0; array != NULL && i < array->len; i++)
    {
      const PltTeamData *data = g_ptr_array_index (array, i);

      g_hash_table_add (keep, data->id);
      upsert (self, data, TRUE);
    }

  plt_store_foreach (store, collect_absent_cb, &ra);
}

void
plt_model_replace_all (PltModel  *self,
                       GPtrArray *teams,
                       GPtrArray *agents,
                       GPtrArray *queues,
                       GPtrArray *calls)
{
  g_return_if_fail (PLT_IS_MODEL (self));

  /* Teams first, so that the agents find their team's name. */
  replace_kind (self, self->teams, teams, (UpsertFunc) upsert_team);
  replace_kind (self, self->agents, agents, (UpsertFunc) upsert_agent);
  replace_kind (self, self->queues, queues, (UpsertFunc) upsert_queue);
  replace_kind (self, self->calls, calls, (UpsertFunc) upsert_call);
  refresh_team_names (self, NULL);

  plt_model_flush (self);
}

static void
remove_cb (gpointer key,
           gpointer value,
           gpointer user_data)
{
  plt_store_remove (user_data, key);
}

void
plt_model_clear (PltModel *self)
{
  g_return_if_fail (PLT_IS_MODEL (self));

  plt_store_foreach (self->calls, remove_cb, self->calls);
  plt_store_foreach (self->queues, remove_cb, self->queues);
  plt_store_foreach (self->agents, remove_cb, self->agents);
  plt_store_foreach (self->teams, remove_cb, self->teams);

  plt_model_flush (self);
}

void
plt_model_flush (PltModel *self)
{
  g_return_if_fail (PLT_IS_MODEL (self));

  plt_model_flush_some (self, G_MAXUINT);
}

void
plt_model_flush_some (PltModel *self,
                      guint     max_agents)
{
  g_autoptr(PltModel) hold = NULL;
  guint emissions = 0;

  g_return_if_fail (PLT_IS_MODEL (self));

  g_clear_handle_id (&self->flush_source, g_source_remove);

  hold = g_object_ref (self);
  emissions += plt_store_flush (self->teams);
  emissions += plt_store_flush_some (self->agents, max_agents);
  emissions += plt_store_flush (self->queues);
  emissions += plt_store_flush (self->calls);

  if (emissions > 0)
    g_signal_emit (self, signals[FLUSHED], 0);

  /* A handler may have changed the model again. */
  schedule_flush (self);
}

void
plt_model_set_flush_interval (PltModel *self,
                              guint     interval_ms)
{
  g_return_if_fail (PLT_IS_MODEL (self));

  if (self->flush_interval == interval_ms)
    return;

  self->flush_interval = interval_ms;
  if (self->flush_source != 0)
    {
      g_clear_handle_id (&self->flush_source, g_source_remove);
      schedule_flush (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FLUSH_INTERVAL]);
}

guint
plt_model_get_flush_interval (PltModel *self)
{
  g_return_val_if_fail (PLT_IS_MODEL (self), 0);

  return self->flush_interval;
}
