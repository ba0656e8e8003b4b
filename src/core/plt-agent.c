/* plt-agent.c — one operator, as the console sees them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "plt-agent.h"
#include "plt-enums.h"
#include "plt-object-private.h"

struct _PltAgent
{
  GObject           parent_instance;

  char             *id;
  char             *name;
  char             *team_id;
  char             *team_name;
  char             *reason;
  char             *queue_id;
  char             *call_id;
  GStrv             queues;
  PltAgentSkill    *skills;      /* nullable (the router sent none); n_skills */
  guint             n_skills;
  gint64            version;
  gint64            since;
  PltAgentStatus    status;
  PltAgentActivity  activity;
  PltAgentState     state;

  /* The router's figures of today (kpi.update), −1 until known */
  gint64            handled;
  double            aht_s;
  double            occupancy;
  double            adherence;
  guint             stress;

  PltAgentSortKeys  sort_keys;
};

G_DEFINE_FINAL_TYPE (PltAgent, plt_agent, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_VERSION,
  PROP_NAME,
  PROP_TEAM_ID,
  PROP_TEAM_NAME,
  PROP_STATUS,
  PROP_REASON,
  PROP_ACTIVITY,
  PROP_STATE,
  PROP_SINCE,
  PROP_QUEUE_ID,
  PROP_CALL_ID,
  PROP_QUEUES,
  PROP_HANDLED,
  PROP_AHT,
  PROP_OCCUPANCY,
  PROP_ADHERENCE,
  PROP_STRESS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void set_skills (PltAgent *self, const PltAgentSkill *skills, guint n_skills);

static void
plt_agent_finalize (GObject *object)
{
  PltAgent *self = PLT_AGENT (object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->team_id, g_free);
  g_clear_pointer (&self->team_name, g_free);
  g_clear_pointer (&self->reason, g_free);
  g_clear_pointer (&self->queue_id, g_free);
  g_clear_pointer (&self->call_id, g_free);
  g_clear_pointer (&self->queues, g_strfreev);
  set_skills (self, NULL, 0);
  g_clear_pointer (&self->sort_keys.name, g_free);
  g_clear_pointer (&self->sort_keys.team_name, g_free);
  g_clear_pointer (&self->sort_keys.queue_id, g_free);
  g_clear_pointer (&self->sort_keys.call_id, g_free);

  G_OBJECT_CLASS (plt_agent_parent_class)->finalize (object);
}

static gboolean
skills_equal (const PltAgent *self,
              const PltAgentSkill *skills,
              guint n_skills)
{
  if ((self->skills == NULL) != (skills == NULL) || self->n_skills != n_skills)
    return FALSE;
  for (guint i = 0; i < n_skills; i++)
    if (self->skills[i].level != skills[i].level || g_strcmp0 (self->skills[i].queue, skills[i].queue) != 0)
      return FALSE;
  return TRUE;
}

static void
set_skills (PltAgent            *self,
            const PltAgentSkill *skills,
            guint                n_skills)
{
  for (guint i = 0; i < self->n_skills; i++)
    g_free (self->skills[i].queue);
  g_clear_pointer (&self->skills, g_free);
  self->n_skills = 0;

  if (skills == NULL)
    return;

  self->skills = g_new0 (PltAgentSkill, n_skills + 1);
  self->n_skills = n_skills;
  for (guint i = 0; i < n_skills; i++)
    {
      self->skills[i].queue = g_strdup (skills[i].queue);
      self->skills[i].level = skills[i].level;
    }
}

static void
plt_agent_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  PltAgent *self = PLT_AGENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_VERSION:
      g_value_set_int64 (value, self->version);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_TEAM_ID:
      g_value_set_string (value, self->team_id);
      break;

    case PROP_TEAM_NAME:
      g_value_set_string (value, self->team_name);
      break;

    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;

    case PROP_REASON:
      g_value_set_string (value, self->reason);
      break;

    case PROP_ACTIVITY:
      g_value_set_enum (value, self->activity);
      break;

    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_SINCE:
      g_value_set_int64 (value, self->since);
      break;

    case PROP_QUEUE_ID:
      g_value_set_string (value, self->queue_id);
      break;

    case PROP_CALL_ID:
      g_value_set_string (value, self->call_id);
      break;

    case PROP_QUEUES:
      g_value_set_boxed (value, self->queues);
      break;

    case PROP_HANDLED:
      g_value_set_int64 (value, self->handled);
      break;

    case PROP_AHT:
      g_value_set_double (value, self->aht_s);
      break;

    case PROP_OCCUPANCY:
      g_value_set_double (value, self->occupancy);
      break;

    case PROP_ADHERENCE:
      g_value_set_double (value, self->adherence);
      break;

    case PROP_STRESS:
      g_value_set_uint (value, self->stress);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
plt_agent_class_init (PltAgentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = plt_agent_finalize;
  object_class->get_property = plt_agent_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_VERSION] =
    g_param_spec_int64 ("version", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_TEAM_ID] =
    g_param_spec_string ("team-id", NULL, NULL, NULL, flags);
  properties[PROP_TEAM_NAME] =
    g_param_spec_string ("team-name", NULL, NULL, NULL, flags);
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       PLT_TYPE_AGENT_STATUS, PLT_AGENT_STATUS_UNKNOWN, flags);
  properties[PROP_REASON] =
    g_param_spec_string ("reason", NULL, NULL, NULL, flags);
  properties[PROP_ACTIVITY] =
    g_param_spec_enum ("activity", NULL, NULL,
                       PLT_TYPE_AGENT_ACTIVITY, PLT_AGENT_ACTIVITY_UNKNOWN, flags);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       PLT_TYPE_AGENT_STATE, PLT_AGENT_STATE_UNKNOWN, flags);
  properties[PROP_SINCE] =
    g_param_spec_int64 ("since", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_QUEUE_ID] =
    g_param_spec_string ("queue-id", NULL, NULL, NULL, flags);
  properties[PROP_CALL_ID] =
    g_param_spec_string ("call-id", NULL, NULL, NULL, flags);
  /* Not in the original list: the ids of the queues served, for filters. */
  properties[PROP_QUEUES] =
    g_param_spec_boxed ("queues", NULL, NULL, G_TYPE_STRV, flags);
  /* Today's figures (plt_agent_set_kpi()); −1 while unknown, so that a
   * numeric sorter puts the unknown first or last, never in between. */
  properties[PROP_HANDLED] =
    g_param_spec_int64 ("handled", NULL, NULL, -1, G_MAXINT64, -1, flags);
  properties[PROP_AHT] =
    g_param_spec_double ("aht", NULL, NULL, -1, G_MAXDOUBLE, -1, flags);
  properties[PROP_OCCUPANCY] =
    g_param_spec_double ("occupancy", NULL, NULL, -1, 1, -1, flags);
  properties[PROP_ADHERENCE] =
    g_param_spec_double ("adherence", NULL, NULL, -1, 1, -1, flags);
  /* The floor's stress signals (PltStressKind flags, plt-stress.h). */
  properties[PROP_STRESS] =
    g_param_spec_uint ("stress", NULL, NULL, 0, G_MAXUINT, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
plt_agent_init (PltAgent *self)
{
  self->queues = g_new0 (char *, 1);
  self->handled = -1;
  self->aht_s = -1;
  self->occupancy = -1;
  self->adherence = -1;
  self->sort_keys.handled = -1;
  self->sort_keys.aht_s = -1;
  self->sort_keys.occupancy = -1;
  self->sort_keys.adherence = -1;
}

static void
set_key_string (char       **key,
                const char  *value)
{
  if (g_strcmp0 (*key, value) == 0)
    return;
  g_free (*key);
  *key = g_strdup (value);
}

void
plt_agent_commit (PltAgent *self)
{
  PltAgentSortKeys *keys;

  g_return_if_fail (PLT_IS_AGENT (self));

  keys = &self->sort_keys;
  set_key_string (&keys->name, self->name);
  set_key_string (&keys->team_name, self->team_name);
  set_key_string (&keys->queue_id, self->queue_id);
  set_key_string (&keys->call_id, self->call_id);
  keys->state = self->state;
  keys->since = self->since;
  keys->handled = self->handled;
  keys->aht_s = self->aht_s;
  keys->occupancy = self->occupancy;
  keys->adherence = self->adherence;
}

const PltAgentSortKeys *
plt_agent_get_sort_keys (PltAgent *self)
{
  g_return_val_if_fail (PLT_IS_AGENT (self), NULL);

  return &self->sort_keys;
}

static gboolean
set_figure (PltAgent *self,
            double   *field,
            double    value,
            guint     prop)
{
  /* NaN (undefined) reads as unknown. */
  if (isnan (value))
    value = -1;
  if (*field == value)
    return FALSE;

  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
  return TRUE;
}

gboolean
plt_agent_set_kpi (PltAgent            *self,
                   const PltKpiFigures *figures)
{
  gboolean changed = FALSE;

  g_return_val_if_fail (PLT_IS_AGENT (self), FALSE);
  g_return_val_if_fail (figures != NULL, FALSE);

  if (figures->period != PLT_KPI_PERIOD_TODAY)
    return FALSE;

  g_object_freeze_notify (G_OBJECT (self));
  if (self->handled != figures->values.handled)
    {
      self->handled = figures->values.handled;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HANDLED]);
      changed = TRUE;
    }
  changed |= set_figure (self, &self->aht_s, figures->values.aht_s, PROP_AHT);
  changed |= set_figure (self, &self->occupancy, figures->values.occupancy, PROP_OCCUPANCY);
  changed |= set_figure (self, &self->adherence, figures->values.adherence, PROP_ADHERENCE);
  g_object_thaw_notify (G_OBJECT (self));

  return changed;
}

gint64
plt_agent_get_handled (PltAgent *self)
{
  g_return_val_if_fail (PLT_IS_AGENT (self), -1);

  return self->handled;
}

double
plt_agent_get_aht (PltAgent *self)
{
  g_return_val_if_fail (PLT_IS_AGENT (self), -1);

  return self->aht_s;
}

double
plt_agent_get_occupancy (PltAgent *self)
{
  g_return_val_if_fail (PLT_IS_AGENT (self), -1);

  return self->occupancy;
}

double
plt_agent_get_adherence (PltAgent *self)
{
  g_return_val_if_fail (PLT_IS_AGENT (self), -1);

  return self->adherence;
}

guint
plt_agent_get_stress (PltAgent *self)
{
  g_return_val_if_fail (PLT_IS_AGENT (self), 0);

  return self->stress;
}

void
plt_agent_set_stress (PltAgent *self,
                      guint     stress)
{
  g_return_if_fail (PLT_IS_AGENT (self));

  if (self->stress == stress)
    return;

  self->stress = stress;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STRESS]);
}

PltAgent *
plt_agent_new (const char *id)
{
  PltAgent *self;

  g_return_val_if_fail (id != NULL, NULL);

  self = g_object_new (PLT_TYPE_AGENT, NULL);
  self->id = g_strdup (id);

  return self;
}

const char *
plt_agent_get_id (PltAgent *self)
{
  g_return_val_if_fail (PLT_IS_AGENT (self), NULL);

  return self->id;
}

gint64
plt_agent_get_version (PltAgent *self)
{
  g_return_val_if_fail (PLT_IS_AGENT (self), 0);

  return self->version;
}

const char *
plt_agent_get_name (PltAgent *self)
{
  g_return_val_if_fail (PLT_IS_AGENT (self), NULL);

  return self->name;
}

const char *
plt_agent_get_team_id (PltAgent *self)
{
  g_return_val_if_fail (PLT_IS_AGENT (self), NULL);

  return self->team_id;
}

const char *
plt_agent_get_team_name (PltAgent *self)
{
  g_return_val_if_fail (PLT_IS_AGENT (self), NULL);

  return self->team_name;
}

PltAgentStatus
plt_agent_get_status (PltAgent *self)
{
  g_return_val_if_fail (PLT_IS_AGENT (self), PLT_AGENT_STATUS_UNKNOWN);

  return self->status;
}

const char *
plt_agent_get_reason (PltAgent *self)
{
  g_return_val_if_fail (PLT_IS_AGENT (self), NULL);

  return self->reason;
}

PltAgentActivity
plt_agent_get_activity (PltAgent *self)
{
  g_return_val_if_fail (PLT_IS_AGENT (self), PLT_AGENT_ACTIVITY_UNKNOWN);

  return self->activity;
}

PltAgentState
plt_agent_get_state (PltAgent *self)
{
  g_return_val_if_fail (PLT_IS_AGENT (self), PLT_AGENT_STATE_UNKNOWN);

  return self->state;
}

gint64
plt_agent_get_since (PltAgent *self)
{
  g_return_val_if_fail (PLT_IS_AGENT (self), 0);

  return self->since;
}

const char *
plt_agent_get_queue_id (PltAgent *self)
{
  g_return_val_if_fail (PLT_IS_AGENT (self), NULL);

  return self->queue_id;
}

const char *
plt_agent_get_call_id (PltAgent *self)
{
  g_return_val_if_fail (PLT_IS_AGENT (self), NULL);

  return self->call_id;
}

const char * const *
plt_agent_get_queues (PltAgent *self)
{
  g_return_val_if_fail (PLT_IS_AGENT (self), NULL);

  return (const char * const *) self->queues;
}

gboolean
plt_agent_serves_queue (PltAgent   *self,
                        const char *queue_id)
{
  g_return_val_if_fail (PLT_IS_AGENT (self), FALSE);
  g_return_val_if_fail (queue_id != NULL, FALSE);

  return g_strv_contains ((const char * const *) self->queues, queue_id);
}

gboolean
plt_agent_apply (PltAgent           *self,
                 const PltAgentData *data,
                 gboolean            force)
{
  static const char * const no_queues[] = { NULL };
  const char * const *queues;
  PltAgentState state;
  guint64 changed = 0;

  g_return_val_if_fail (PLT_IS_AGENT (self), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (g_strcmp0 (data->id, self->id) == 0, FALSE);

  if (!force && data->ver <= self->version)
    return FALSE;

  if (self->version != data->ver)
    {
      self->version = data->ver;
      changed |= PLT_PROP_BIT (PROP_VERSION);
    }
  if (_plt_set_string (&self->name, data->name))
    changed |= PLT_PROP_BIT (PROP_NAME);
  if (_plt_set_string (&self->team_id, data->team))
    changed |= PLT_PROP_BIT (PROP_TEAM_ID);
  if (self->status != data->status)
    {
      self->status = data->status;
      changed |= PLT_PROP_BIT (PROP_STATUS);
    }
  if (_plt_set_string (&self->reason, data->reason))
    changed |= PLT_PROP_BIT (PROP_REASON);
  if (self->activity != data->activity)
    {
      self->activity = data->activity;
      changed |= PLT_PROP_BIT (PROP_ACTIVITY);
    }
  if (self->since != data->since)
    {
      self->since = data->since;
      changed |= PLT_PROP_BIT (PROP_SINCE);
    }
  if (_plt_set_string (&self->queue_id, data->queue))
    changed |= PLT_PROP_BIT (PROP_QUEUE_ID);
  if (_plt_set_string (&self->call_id, data->call))
    changed |= PLT_PROP_BIT (PROP_CALL_ID);

  queues = data->queues != NULL ? (const char * const *) data->queues : no_queues;
  if (!g_strv_equal ((const char * const *) self->queues, queues))
    {
      g_strfreev (self->queues);
      self->queues = g_strdupv ((char **) queues);
      changed |= PLT_PROP_BIT (PROP_QUEUES);
    }
  if (!skills_equal (self, data->skills, data->n_skills))
    {
      /* No property of its own: plt_agent_get_skill_level(). */
      set_skills (self, data->skills, data->n_skills);
      changed |= PLT_PROP_BIT (PROP_0);
    }

  state = plt_agent_state_derive (self->status, self->activity);
  if (self->state != state)
    {
      self->state = state;
      changed |= PLT_PROP_BIT (PROP_STATE);
    }

  _plt_notify_mask (G_OBJECT (self), properties, N_PROPS, changed);

  return changed != 0;
}

void
plt_agent_set_team_name (PltAgent   *self,
                         const char *team_name)
{
  g_return_if_fail (PLT_IS_AGENT (self));

  if (_plt_set_string (&self->team_name, team_name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEAM_NAME]);
}

PltAgentData *
plt_agent_to_data (PltAgent *self)
{
  PltAgentData *data;

  g_return_val_if_fail (PLT_IS_AGENT (self), NULL);

  data = plt_agent_data_new ();
  data->id = g_strdup (self->id);
  data->ver = self->version;
  data->name = g_strdup (self->name);
  data->team = g_strdup (self->team_id);
  data->status = self->status;
  data->reason = g_strdup (self->reason);
  data->activity = self->activity;
  data->since = self->since;
  data->queue = g_strdup (self->queue_id);
  data->call = g_strdup (self->call_id);
  g_strfreev (data->queues);
  data->queues = g_strdupv (self->queues);
  plt_agent_data_set_skills (data, self->skills, self->n_skills);

  return data;
}

guint
plt_agent_get_skill_level (PltAgent   *self,
                           const char *queue_id)
{
  g_return_val_if_fail (PLT_IS_AGENT (self), 0);
  g_return_val_if_fail (queue_id != NULL, 0);

  if (!g_strv_contains ((const char * const *) self->queues, queue_id))
    return 0;

  for (guint i = 0; i < self->n_skills; i++)
    if (g_strcmp0 (self->skills[i].queue, queue_id) == 0)
      return self->skills[i].level;

  /* Without levels from the router, every queue is served at level 1. */
  return 1;
}
