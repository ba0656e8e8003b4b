/* plt-team.c — a team of operators led by a supervisor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "plt-object-private.h"
#include "plt-team.h"

struct _PltTeam
{
  GObject  parent_instance;

  char    *id;
  char    *name;
  gint64   version;
};

G_DEFINE_FINAL_TYPE (PltTeam, plt_team, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_VERSION,
  PROP_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
plt_team_finalize (GObject *object)
{
  PltTeam *self = PLT_TEAM (object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (plt_team_parent_class)->finalize (object);
}

static void
plt_team_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  PltTeam *self = PLT_TEAM (object);

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

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
plt_team_class_init (PltTeamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = plt_team_finalize;
  object_class->get_property = plt_team_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_VERSION] =
    g_param_spec_int64 ("version", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
plt_team_init (PltTeam *self)
{
}

PltTeam *
plt_team_new (const char *id)
{
  PltTeam *self;

  g_return_val_if_fail (id != NULL, NULL);

  self = g_object_new (PLT_TYPE_TEAM, NULL);
  self->id = g_strdup (id);

  return self;
}

const char *
plt_team_get_id (PltTeam *self)
{
  g_return_val_if_fail (PLT_IS_TEAM (self), NULL);

  return self->id;
}

gint64
plt_team_get_version (PltTeam *self)
{
  g_return_val_if_fail (PLT_IS_TEAM (self), 0);

  return self->version;
}

const char *
plt_team_get_name (PltTeam *self)
{
  g_return_val_if_fail (PLT_IS_TEAM (self), NULL);

  return self->name;
}

gboolean
plt_team_apply (PltTeam           *self,
                const PltTeamData *data,
                gboolean           force)
{
  guint64 changed = 0;

  g_return_val_if_fail (PLT_IS_TEAM (self), FALSE);
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

  _plt_notify_mask (G_OBJECT (self), properties, N_PROPS, changed);

  return changed != 0;
}

PltTeamData *
plt_team_to_data (PltTeam *self)
{
  PltTeamData *data;

  g_return_val_if_fail (PLT_IS_TEAM (self), NULL);

  data = plt_team_data_new ();
  data->id = g_strdup (self->id);
  data->ver = self->version;
  data->name = g_strdup (self->name);

  return data;
}
