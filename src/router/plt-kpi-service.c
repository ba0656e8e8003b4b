/* plt-kpi-service.c — the router's KPIs: live figures for the sessions, and
 * the answers to kpi.query (docs/kpis.md, docs/protocol.md §4.4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <gio/gio.h>

#include "plt-kpi-service-private.h"
#include "plt-router-private.h"

/* Contacts in progress are read again at most this often (real time). */
#define REFRESH_US G_USEC_PER_SEC

void
plt_kpi_push_free (PltKpiPush *push)
{
  if (push == NULL)
    return;

  g_free (push->id);
  g_free (push->text);
  g_free (push);
}

/* ------------------------------------------------------------------------ */
/* Following the ACD                                                         */
/* ------------------------------------------------------------------------ */

static void
on_contact_finished (PltAcd                 *acd,
                     const PltContactRecord *record,
                     PltKpiService          *self)
{
  plt_kpi_live_update_contact (self->live, record);
}

static void
on_agent_interval (PltAcd                 *acd,
                   const PltAgentInterval *interval,
                   PltKpiService          *self)
{
  plt_kpi_live_update_interval (self->live, interval);
}

/* The agent's current state, as an open interval. */
static void
update_agent (PltKpiService *self,
              const char    *id)
{
  g_autoptr(PltAgentData) agent = plt_acd_dup_agent (self->acd, id);
  PltAgentInterval open;

  if (agent == NULL)
    return;

  open = (PltAgentInterval) {
    .agent = agent->id,
    .status = agent->status,
    .activity = agent->activity,
    .reason = agent->reason,
    .queue = agent->queue,
    .contact = agent->call,
    .start = agent->since,
    .end = 0,
  };
  plt_kpi_live_update_interval (self->live, &open);
}

static void
on_changed (PltAcd        *acd,
            guint          kind,
            const char    *id,
            PltKpiService *self)
{
  switch (kind)
    {
    case PLT_ACD_ENTITY_AGENT:
      update_agent (self, id);
      break;
    case PLT_ACD_ENTITY_CALL:
      self->calls_changed = TRUE;
      break;
    case PLT_ACD_ENTITY_QUEUE:
      /* Its waiting calls and agents: the EWT. */
      g_hash_table_add (self->pending[PLT_KPI_SCOPE_QUEUE], g_strdup (id));
      break;
    default:
      break;
    }
}

static gboolean
add_contact_cb (const PltContactRecord *record,
                gpointer                user_data)
{
  plt_kpi_live_update_contact (user_data, record);
  return TRUE;
}

static gboolean
add_interval_cb (const PltAgentInterval *interval,
                 gpointer                user_data)
{
  plt_kpi_live_update_interval (user_data, interval);
  return TRUE;
}

/* The scenario's settings: each queue's T, variant, S, day reset and zone
 * (its kpi.time_zone, else the scenario's). */
static PltKpiConfig *
config_from_acd (PltAcd *acd)
{
  PltScenario *scenario = plt_acd_get_scenario (acd);
  g_autoptr(GTimeZone) zone = plt_scenario_dup_time_zone (scenario);
  g_autoptr(PltKpiConfig) config = plt_kpi_config_new ();
  g_autoptr(GPtrArray) agents = plt_acd_dup_agents (acd);
  PltKpiSettings settings = {
    .sl_variant = PLT_SL_ABANDONS_MISSED,
    .sl_threshold_s = 20,
    .short_abandon_s = 5,
    .day_reset_min = 0,
    .time_zone = g_time_zone_get_identifier (zone),
  };
  g_autoptr(GError) error = NULL;

  if (!plt_kpi_config_set_defaults (config, &settings, &error))
    {
      /* A zone GLib knows but names oddly (a local one): the day in UTC. */
      g_warning ("KPIs: %s; days run from midnight UTC", error->message);
      g_clear_error (&error);
      settings.time_zone = NULL;
      plt_kpi_config_set_defaults (config, &settings, NULL);
    }

  for (guint i = 0; i < scenario->queues->len; i++)
    {
      const PltScenarioQueue *queue = g_ptr_array_index (scenario->queues, i);
      PltKpiSettings own = settings;

      /* The queue's own zone (kpi.time_zone), else the scenario's. */
      if (queue->time_zone != NULL)
        own.time_zone = queue->time_zone;
      own.sl_threshold_s = queue->sl_threshold_s;
      own.sl_variant = queue->sl_variant;
      own.short_abandon_s = queue->short_abandon_s;
      own.day_reset_min = queue->day_reset_min;
      if (!plt_kpi_config_set_queue (config, queue->id, &own, &error))
        {
          g_warning ("KPIs: queue %s: %s", queue->id, error->message);
          g_clear_error (&error);
        }
    }

  for (guint i = 0; i < agents->len; i++)
    {
      const PltAgentData *agent = g_ptr_array_index (agents, i);

      plt_kpi_config_set_agent_team (config, agent->id, agent->team);
    }

  return g_steal_pointer (&config);
}

/* Today so far: finished contacts, those in progress, every interval
 * (closed ones by end time, then each agent's current one). */
static void
read_today (PltKpiService *self)
{
  plt_acd_foreach_contact (self->acd, add_contact_cb, self->live);
  plt_acd_foreach_open_contact (self->acd, add_contact_cb, self->live);
  plt_acd_foreach_agent_interval (self->acd, add_interval_cb, self->live);
}

PltKpiService *
plt_kpi_service_new (PltAcd *acd)
{
  PltKpiService *self;

  g_return_val_if_fail (PLT_IS_ACD (acd), NULL);

  self = g_new0 (PltKpiService, 1);
  self->acd = g_object_ref (acd);
  self->config = config_from_acd (acd);
  self->live = plt_kpi_live_new (self->config, PLT_KPI_SERVICE_WINDOW_MS);
  self->read_with_plan = plt_kpi_config_has_plan_func (self->config);
  for (guint i = 0; i < 3; i++)
    {
      self->pending[i] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      self->last_push[i] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      self->scratch[i] = g_ptr_array_new_with_free_func (g_free);
    }
  self->subscribed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  read_today (self);

  g_signal_connect (acd, "contact-finished", G_CALLBACK (on_contact_finished), self);
  g_signal_connect (acd, "agent-interval", G_CALLBACK (on_agent_interval), self);
  g_signal_connect (acd, "changed", G_CALLBACK (on_changed), self);

  return self;
}

void
plt_kpi_service_free (PltKpiService *self)
{
  if (self == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->acd, self);
  for (guint i = 0; i < 3; i++)
    {
      g_clear_pointer (&self->pending[i], g_hash_table_unref);
      g_clear_pointer (&self->last_push[i], g_hash_table_unref);
      g_clear_pointer (&self->scratch[i], g_ptr_array_unref);
    }
  g_clear_pointer (&self->subscribed, g_hash_table_unref);
  g_clear_pointer (&self->live, plt_kpi_live_free);
  g_clear_pointer (&self->config, plt_kpi_config_unref);
  g_clear_object (&self->persist);
  g_clear_pointer (&self->history_path, g_free);
  g_clear_object (&self->acd);
  g_free (self);
}

PltKpiConfig *
plt_kpi_service_get_config (PltKpiService *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->config;
}

/* The live figures keep an agent's intervals of the day only with a plan:
 * when one appears (set here, or on the configuration directly), read the
 * day again, so that adherence covers all of it. */
static void
read_again_with_plan (PltKpiService *self)
{
  if (self->read_with_plan || !plt_kpi_config_has_plan_func (self->config))
    return;

  plt_kpi_live_free (self->live);
  self->live = plt_kpi_live_new (self->config, PLT_KPI_SERVICE_WINDOW_MS);
  read_today (self);
  self->read_with_plan = TRUE;
}

void
plt_kpi_service_set_plan_func (PltKpiService  *self,
                               PltKpiPlanFunc  func,
                               gpointer        user_data,
                               GDestroyNotify  destroy)
{
  g_return_if_fail (self != NULL);

  plt_kpi_config_set_plan_func (self->config, func, user_data, destroy);
  self->read_with_plan = FALSE;
  read_again_with_plan (self);
}

/* ------------------------------------------------------------------------ */
/* Live figures                                                              */
/* ------------------------------------------------------------------------ */

/* The queue's EWT now (docs/kpis.md §5). */
static double
queue_ewt (PltKpiService *self,
           const char    *id,
           gint64         now)
{
  g_autoptr(PltQueueData) queue = plt_acd_dup_queue (self->acd, id);
  guint staffed;

  if (queue == NULL)
    return NAN;

  staffed = queue->agents.available + queue->agents.busy + queue->agents.wrap_up;
  return plt_kpi_ewt (queue->waiting, queue->agents.available, staffed,
                      plt_kpi_live_get_recent_aht (self->live, id, now));
}

static char *
encode_update (PltKpiService *self,
               PltKpiScope    scope,
               const char    *id,
               PltKpiPeriod   period,
               gint64         now,
               double         ewt_s,
               const char    *epoch)
{
  g_autoptr(PltMessage) message = plt_message_new (PLT_MESSAGE_KPI_UPDATE);
  PltKpiUpdateData *update = &message->u.kpi_update;
  gint64 day_end;

  message->epoch = g_strdup (epoch);
  message->ts = now;
  update->scope = g_strdup (plt_kpi_scope_to_string (scope));
  update->id = g_strdup (id);
  update->period = g_strdup (plt_kpi_period_to_string (period));
  if (period == PLT_KPI_PERIOD_TODAY)
    plt_kpi_config_get_day (self->config, scope, id, now, &update->from, &day_end);
  else
    update->from = MAX (now - PLT_KPI_SERVICE_WINDOW_MS, 0);
  update->to = now;
  if (scope == PLT_KPI_SCOPE_QUEUE)
    {
      const PltKpiSettings *settings = plt_kpi_config_get_settings (self->config, scope, id);

      update->sl_variant = g_strdup (plt_sl_variant_to_string (settings->sl_variant));
      update->sl_threshold_s = settings->sl_threshold_s;
    }
  plt_kpi_live_get_values (self->live, scope, id, period, now, &update->values);
  update->values.ewt_s = ewt_s;

  return plt_message_encode (message);
}

static void
add_pushes (PltKpiService *self,
            PltKpiScope    scope,
            const char    *id,
            gint64         now,
            const char    *epoch,
            GPtrArray     *pushes)
{
  double ewt = scope == PLT_KPI_SCOPE_QUEUE ? queue_ewt (self, id, now) : NAN;

  for (PltKpiPeriod period = PLT_KPI_PERIOD_TODAY; period <= PLT_KPI_PERIOD_ROLLING; period++)
    {
      PltKpiPush *push;

      /* Teams and agents: today only (docs/protocol.md §4.4). */
      if (period == PLT_KPI_PERIOD_ROLLING && scope != PLT_KPI_SCOPE_QUEUE)
        break;

      push = g_new0 (PltKpiPush, 1);
      push->scope = scope;
      push->id = g_strdup (id);
      push->text = encode_update (self, scope, id, period, now, ewt, epoch);
      g_ptr_array_add (pushes, push);
    }
}

GPtrArray *
plt_kpi_service_take_pushes (PltKpiService *self,
                             gint64         now_us,
                             const char    *epoch,
                             guint          scopes)
{
  g_autoptr(GPtrArray) pushes = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_kpi_push_free);
  gint64 now;

  g_return_val_if_fail (self != NULL, NULL);

  now = plt_acd_get_now (self->acd);
  read_again_with_plan (self);

  if (self->calls_changed && now_us - self->last_refresh_us >= REFRESH_US)
    {
      plt_acd_foreach_open_contact (self->acd, add_contact_cb, self->live);
      self->calls_changed = FALSE;
      self->last_refresh_us = now_us;
    }

  plt_kpi_live_take_changed (self->live, self->scratch[PLT_KPI_SCOPE_QUEUE],
                             self->scratch[PLT_KPI_SCOPE_TEAM], self->scratch[PLT_KPI_SCOPE_AGENT]);

  for (PltKpiScope scope = PLT_KPI_SCOPE_QUEUE; scope <= PLT_KPI_SCOPE_AGENT; scope++)
    {
      gint64 min_gap = scope == PLT_KPI_SCOPE_AGENT ? PLT_KPI_SERVICE_AGENT_PUSH_US : PLT_KPI_SERVICE_PUSH_US;
      GHashTableIter iter;
      gpointer key;

      /* Nobody wants this scope: nothing to compute or keep. */
      if ((scopes & (1u << scope)) == 0)
        {
          g_ptr_array_set_size (self->scratch[scope], 0);
          g_hash_table_remove_all (self->pending[scope]);
          continue;
        }

      for (guint i = 0; i < self->scratch[scope]->len; i++)
        g_hash_table_add (self->pending[scope], g_strdup (g_ptr_array_index (self->scratch[scope], i)));
      g_ptr_array_set_size (self->scratch[scope], 0);

      g_hash_table_iter_init (&iter, self->pending[scope]);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          const char *id = key;
          gint64 *last = g_hash_table_lookup (self->last_push[scope], id);

          if (last != NULL && now_us - *last < min_gap)
            continue;
          if (last == NULL)
            {
              last = g_new (gint64, 1);
              g_hash_table_insert (self->last_push[scope], g_strdup (id), last);
            }
          *last = now_us;
          add_pushes (self, scope, id, now, epoch, pushes);
          g_hash_table_iter_remove (&iter);
        }
    }

  return g_steal_pointer (&pushes);
}

GPtrArray *
plt_kpi_service_dup_all_pushes (PltKpiService *self,
                                const char    *epoch)
{
  g_autoptr(GPtrArray) pushes = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_kpi_push_free);
  g_autoptr(GPtrArray) queues = NULL;
  g_autoptr(GPtrArray) teams = NULL;
  gint64 now;

  g_return_val_if_fail (self != NULL, NULL);

  now = plt_acd_get_now (self->acd);
  queues = plt_acd_dup_queues (self->acd);
  teams = plt_acd_dup_teams (self->acd);
  for (guint i = 0; i < queues->len; i++)
    add_pushes (self, PLT_KPI_SCOPE_QUEUE, ((PltQueueData *) g_ptr_array_index (queues, i))->id,
                now, epoch, pushes);
  for (guint i = 0; i < teams->len; i++)
    add_pushes (self, PLT_KPI_SCOPE_TEAM, ((PltTeamData *) g_ptr_array_index (teams, i))->id,
                now, epoch, pushes);

  return g_steal_pointer (&pushes);
}

/* ------------------------------------------------------------------------ */
/* Who sees what                                                             */
/* ------------------------------------------------------------------------ */

static PltAcdEntity
scope_entity (PltKpiScope scope)
{
  switch (scope)
    {
    case PLT_KPI_SCOPE_QUEUE: return PLT_ACD_ENTITY_QUEUE;
    case PLT_KPI_SCOPE_TEAM: return PLT_ACD_ENTITY_TEAM;
    case PLT_KPI_SCOPE_AGENT:
    default:
      return PLT_ACD_ENTITY_AGENT;
    }
}

static gpointer
dup_entity (PltKpiService *self,
            PltKpiScope    scope,
            const char    *id)
{
  switch (scope)
    {
    case PLT_KPI_SCOPE_QUEUE: return plt_acd_dup_queue (self->acd, id);
    case PLT_KPI_SCOPE_TEAM: return plt_acd_dup_team (self->acd, id);
    case PLT_KPI_SCOPE_AGENT:
    default:
      return plt_acd_dup_agent (self->acd, id);
    }
}

static void
free_entity (PltKpiScope scope,
             gpointer    data)
{
  if (data == NULL)
    return;

  switch (scope)
    {
    case PLT_KPI_SCOPE_QUEUE: plt_queue_data_free (data); break;
    case PLT_KPI_SCOPE_TEAM: plt_team_data_free (data); break;
    case PLT_KPI_SCOPE_AGENT:
    default:
      plt_agent_data_free (data);
      break;
    }
}

/* Whether the entity exists and @view sees it (*@exists tells which). */
static gboolean
entity_visible (PltKpiService *self,
                PltView       *view,
                PltKpiScope    scope,
                const char    *id,
                gboolean      *exists)
{
  gpointer data = dup_entity (self, scope, id);
  gpointer seen = NULL;

  if (exists != NULL)
    *exists = data != NULL;
  if (data == NULL)
    return FALSE;

  seen = view != NULL ? plt_view_filter (view, scope_entity (scope), data) : NULL;
  free_entity (scope, data);
  if (view == NULL)
    return TRUE;

  free_entity (scope, seen);
  return seen != NULL;
}

gboolean
plt_kpi_service_is_visible (PltKpiService *self,
                            PltView       *view,
                            PltKpiScope    scope,
                            const char    *id)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  return entity_visible (self, view, scope, id, NULL);
}

static const char *
entity_id (PltKpiScope   scope,
           gconstpointer data)
{
  switch (scope)
    {
    case PLT_KPI_SCOPE_QUEUE: return ((const PltQueueData *) data)->id;
    case PLT_KPI_SCOPE_TEAM: return ((const PltTeamData *) data)->id;
    case PLT_KPI_SCOPE_AGENT:
    default:
      return ((const PltAgentData *) data)->id;
    }
}

GStrv
plt_kpi_service_resolve_ids (PltKpiService      *self,
                             PltView            *view,
                             PltKpiScope         scope,
                             const char * const *ids,
                             GError            **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (self != NULL, NULL);

  if (ids == NULL || ids[0] == NULL)
    {
      g_autoptr(GPtrArray) all = NULL;

      switch (scope)
        {
        case PLT_KPI_SCOPE_QUEUE: all = plt_acd_dup_queues (self->acd); break;
        case PLT_KPI_SCOPE_TEAM: all = plt_acd_dup_teams (self->acd); break;
        case PLT_KPI_SCOPE_AGENT:
        default:
          all = plt_acd_dup_agents (self->acd);
          break;
        }

      for (guint i = 0; i < all->len; i++)
        {
          gpointer data = g_ptr_array_index (all, i);
          gpointer seen = view != NULL ? plt_view_filter (view, scope_entity (scope), data) : NULL;

          if (view == NULL || seen != NULL)
            g_strv_builder_add (builder, entity_id (scope, data));
          free_entity (scope, seen);
        }

      return g_strv_builder_end (builder);
    }

  for (guint i = 0; ids[i] != NULL; i++)
    {
      gboolean exists;

      if (entity_visible (self, view, scope, ids[i], &exists))
        {
          g_strv_builder_add (builder, ids[i]);
          continue;
        }

      /* Out of scope reads the same whether it exists or not. */
      if (view == NULL || (plt_view_is_full (view) && !exists))
        g_set_error (error, PLT_PROTOCOL_ERROR, PLT_PROTOCOL_ERROR_NOT_FOUND,
                     "there is no %s “%s”", plt_kpi_scope_to_string (scope), ids[i]);
      else
        g_set_error (error, PLT_PROTOCOL_ERROR, PLT_PROTOCOL_ERROR_FORBIDDEN,
                     "this session may not see %s “%s”", plt_kpi_scope_to_string (scope), ids[i]);
      return NULL;
    }

  return g_strv_builder_end (builder);
}

/* ------------------------------------------------------------------------ */
/* The router's side (plt-router.c calls it from its tick)                   */
/* ------------------------------------------------------------------------ */

/* Whether @view sees the entity of @push, worked out once per view key. */
static gboolean
push_visible (PltKpiService    *self,
              GHashTable       *seen,
              PltView          *view,
              const PltKpiPush *push)
{
  g_autofree char *key = NULL;
  gpointer value;
  gboolean visible;

  if (plt_view_is_full (view))
    return TRUE;

  key = g_strdup_printf ("%s\x1f%d\x1f%s", plt_view_get_key (view), push->scope, push->id);
  if (g_hash_table_lookup_extended (seen, key, NULL, &value))
    return GPOINTER_TO_INT (value);

  visible = entity_visible (self, view, push->scope, push->id, NULL);
  g_hash_table_insert (seen, g_steal_pointer (&key), GINT_TO_POINTER (visible));
  return visible;
}

static void
send_pushes (PltKpiService *self,
             GHashTable    *seen,
             PltSession    *session,
             guint          scopes,
             GPtrArray     *pushes)
{
  PltView *view = _plt_session_get_view (session);

  for (guint i = 0; i < pushes->len; i++)
    {
      const PltKpiPush *push = g_ptr_array_index (pushes, i);

      if ((scopes & (1u << push->scope)) == 0 || !push_visible (self, seen, view, push))
        continue;
      _plt_session_send_event (session, push->text);
    }
}

void
_plt_router_publish_kpis (PltRouter *router)
{
  PltKpiService *self = router->kpi;
  g_autoptr(GPtrArray) pushes = NULL;
  g_autoptr(GHashTable) seen = NULL;
  GHashTable *subscribed;
  GHashTableIter iter;
  gpointer value;
  guint wanted = 0;

  if (self == NULL)
    return;

  /* Only the scopes someone subscribed to are computed; the live figures
   * follow the records whatever. */
  g_hash_table_iter_init (&iter, self->subscribed);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    wanted |= GPOINTER_TO_UINT (value);
  pushes = plt_kpi_service_take_pushes (self, g_get_monotonic_time (), router->epoch, wanted);
  if (pushes->len == 0)
    return;

  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  subscribed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < router->sessions->len; i++)
    {
      PltSession *session = g_ptr_array_index (router->sessions, i);
      const char *id = _plt_session_get_id (session);
      gpointer scopes;

      if (!g_hash_table_lookup_extended (self->subscribed, id, NULL, &scopes))
        continue;
      /* A session kept for a resume keeps its subscription. */
      g_hash_table_insert (subscribed, g_strdup (id), scopes);
      if (_plt_session_is_streaming (session) && _plt_session_is_connected (session))
        send_pushes (self, seen, session, GPOINTER_TO_UINT (scopes), pushes);
    }

  /* The sessions that are gone are forgotten. */
  g_hash_table_unref (self->subscribed);
  self->subscribed = subscribed;
}

void
_plt_router_kpi_subscribe (PltRouter        *router,
                           PltSession       *session,
                           const PltMessage *message)
{
  PltKpiService *self = router->kpi;
  const PltKpiSubscribeData *subscribe = &message->u.kpi_subscribe;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *answer = NULL;
  guint scopes = 0;

  for (guint i = 0; subscribe->scopes[i] != NULL; i++)
    {
      PltKpiScope scope;

      if (!plt_kpi_scope_from_string (subscribe->scopes[i], &scope))
        {
          g_autofree char *text = g_strdup_printf ("field “data.scopes[%u]” must be queue, team or agent", i);

          answer = _plt_kpi_service_encode_error (subscribe->id, router->epoch, PLT_PROTOCOL_ERROR_BAD_REQUEST, text);
          _plt_session_send_event (session, answer);
          return;
        }
      scopes |= 1u << scope;
    }

  if (scopes != 0)
    g_hash_table_replace (self->subscribed, g_strdup (_plt_session_get_id (session)), GUINT_TO_POINTER (scopes));
  else
    g_hash_table_remove (self->subscribed, _plt_session_get_id (session));

  {
    g_autoptr(PltMessage) result = plt_message_new (PLT_MESSAGE_RESULT);

    result->epoch = g_strdup (router->epoch);
    result->u.result.reply_to = g_strdup (subscribe->id);
    result->u.result.ok = TRUE;
    answer = plt_message_encode (result);
    _plt_session_send_event (session, answer);
  }

  /* The figures so far of every queue and team it sees (agents come as
   * they change: a large centre has too many to send at once). */
  if ((scopes & ((1u << PLT_KPI_SCOPE_QUEUE) | (1u << PLT_KPI_SCOPE_TEAM))) != 0)
    {
      gint64 now_us = g_get_monotonic_time ();

      all = plt_kpi_service_dup_all_pushes (self, router->epoch);
      send_pushes (self, seen, session, scopes, all);

      /* Counts as each entity's push: the next waits its turn. */
      for (guint i = 0; i < all->len; i++)
        {
          const PltKpiPush *push = g_ptr_array_index (all, i);

          g_hash_table_replace (self->last_push[push->scope], g_strdup (push->id),
                                g_memdup2 (&now_us, sizeof now_us));
        }
    }
}

/* A kpi.query answered from the history, later: the session may have
 * gone meanwhile. */
typedef struct
{
  PltRouter *router;
  char      *session;
} QueryReply;

static void
query_reply_free (QueryReply *reply)
{
  g_object_unref (reply->router);
  g_free (reply->session);
  g_free (reply);
}

static void
on_query_answered (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  QueryReply *reply = user_data;
  PltRouter *router = reply->router;
  g_autofree char *answer = NULL;
  PltSession *session;

  if (router->kpi != NULL)
    {
      answer = plt_kpi_service_answer_finish (router->kpi, result);
      session = _plt_router_find_session (router, reply->session);
      if (session != NULL)
        _plt_session_send_event (session, answer);
    }
  query_reply_free (reply);
}

void
_plt_router_kpi_query (PltRouter        *router,
                       PltSession       *session,
                       const PltMessage *message)
{
  g_autofree char *answer = NULL;
  QueryReply *reply = g_new0 (QueryReply, 1);

  reply->router = g_object_ref (router);
  reply->session = g_strdup (_plt_session_get_id (session));
  answer = plt_kpi_service_answer_any (router->kpi, _plt_session_get_view (session), &message->u.kpi_query,
                                       router->epoch, on_query_answered, reply);
  if (answer != NULL)
    {
      query_reply_free (reply);
      _plt_session_send_event (session, answer);
    }
}
