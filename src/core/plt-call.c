/* plt-call.c — one contact: a call, a callback or an e-mail
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "plt-call.h"
#include "plt-enums.h"
#include "plt-object-private.h"

struct _PltCall
{
  GObject       parent_instance;

  char         *id;
  char         *queue_id;
  char         *agent_id;
  char         *number;
  gint64        version;
  gint64        since;
  gint64        enqueued;
  PltCallState  state;
  PltQueueMedia media;       /* these have no property: plt_call_to_data() */
  guint         priority;
  PltContactOrigin origin;
  char         *parent;
};

G_DEFINE_FINAL_TYPE (PltCall, plt_call, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_VERSION,
  PROP_QUEUE_ID,
  PROP_STATE,
  PROP_AGENT_ID,
  PROP_NUMBER,
  PROP_SINCE,
  PROP_ENQUEUED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
plt_call_finalize (GObject *object)
{
  PltCall *self = PLT_CALL (object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->queue_id, g_free);
  g_clear_pointer (&self->agent_id, g_free);
  g_clear_pointer (&self->number, g_free);
  g_clear_pointer (&self->parent, g_free);

  G_OBJECT_CLASS (plt_call_parent_class)->finalize (object);
}

static void
plt_call_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  PltCall *self = PLT_CALL (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_VERSION:
      g_value_set_int64 (value, self->version);
      break;

    case PROP_QUEUE_ID:
      g_value_set_string (value, self->queue_id);
      break;

    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_AGENT_ID:
      g_value_set_string (value, self->agent_id);
      break;

    case PROP_NUMBER:
      g_value_set_string (value, self->number);
      break;

    case PROP_SINCE:
      g_value_set_int64 (value, self->since);
      break;

    case PROP_ENQUEUED:
      g_value_set_int64 (value, self->enqueued);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
plt_call_class_init (PltCallClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = plt_call_finalize;
  object_class->get_property = plt_call_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_VERSION] =
    g_param_spec_int64 ("version", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_QUEUE_ID] =
    g_param_spec_string ("queue-id", NULL, NULL, NULL, flags);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       PLT_TYPE_CALL_STATE, PLT_CALL_STATE_UNKNOWN, flags);
  properties[PROP_AGENT_ID] =
    g_param_spec_string ("agent-id", NULL, NULL, NULL, flags);
  properties[PROP_NUMBER] =
    g_param_spec_string ("number", NULL, NULL, NULL, flags);
  properties[PROP_SINCE] =
    g_param_spec_int64 ("since", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_ENQUEUED] =
    g_param_spec_int64 ("enqueued", NULL, NULL, 0, G_MAXINT64, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
plt_call_init (PltCall *self)
{
}

PltCall *
plt_call_new (const char *id)
{
  PltCall *self;

  g_return_val_if_fail (id != NULL, NULL);

  self = g_object_new (PLT_TYPE_CALL, NULL);
  self->id = g_strdup (id);

  return self;
}

const char *
plt_call_get_id (PltCall *self)
{
  g_return_val_if_fail (PLT_IS_CALL (self), NULL);

  return self->id;
}

gint64
plt_call_get_version (PltCall *self)
{
  g_return_val_if_fail (PLT_IS_CALL (self), 0);

  return self->version;
}

const char *
plt_call_get_queue_id (PltCall *self)
{
  g_return_val_if_fail (PLT_IS_CALL (self), NULL);

  return self->queue_id;
}

PltCallState
plt_call_get_state (PltCall *self)
{
  g_return_val_if_fail (PLT_IS_CALL (self), PLT_CALL_STATE_UNKNOWN);

  return self->state;
}

const char *
plt_call_get_agent_id (PltCall *self)
{
  g_return_val_if_fail (PLT_IS_CALL (self), NULL);

  return self->agent_id;
}

const char *
plt_call_get_number (PltCall *self)
{
  g_return_val_if_fail (PLT_IS_CALL (self), NULL);

  return self->number;
}

gint64
plt_call_get_since (PltCall *self)
{
  g_return_val_if_fail (PLT_IS_CALL (self), 0);

  return self->since;
}

gint64
plt_call_get_enqueued (PltCall *self)
{
  g_return_val_if_fail (PLT_IS_CALL (self), 0);

  return self->enqueued;
}

guint
plt_call_get_priority (PltCall *self)
{
  g_return_val_if_fail (PLT_IS_CALL (self), 0);

  return self->priority;
}

PltContactOrigin
plt_call_get_origin (PltCall *self)
{
  g_return_val_if_fail (PLT_IS_CALL (self), PLT_CONTACT_ORIGIN_NEW);

  return self->origin;
}

PltQueueMedia
plt_call_get_media (PltCall *self)
{
  g_return_val_if_fail (PLT_IS_CALL (self), PLT_QUEUE_MEDIA_UNKNOWN);

  return self->media;
}

gboolean
plt_call_apply (PltCall           *self,
                const PltCallData *data,
                gboolean           force)
{
  guint64 changed = 0;

  g_return_val_if_fail (PLT_IS_CALL (self), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (g_strcmp0 (data->id, self->id) == 0, FALSE);

  if (!force && data->ver <= self->version)
    return FALSE;

  if (self->version != data->ver)
    {
      self->version = data->ver;
      changed |= PLT_PROP_BIT (PROP_VERSION);
    }
  if (_plt_set_string (&self->queue_id, data->queue))
    changed |= PLT_PROP_BIT (PROP_QUEUE_ID);
  if (self->state != data->state)
    {
      self->state = data->state;
      changed |= PLT_PROP_BIT (PROP_STATE);
    }
  if (_plt_set_string (&self->agent_id, data->agent))
    changed |= PLT_PROP_BIT (PROP_AGENT_ID);
  if (_plt_set_string (&self->number, data->number))
    changed |= PLT_PROP_BIT (PROP_NUMBER);
  if (self->since != data->since)
    {
      self->since = data->since;
      changed |= PLT_PROP_BIT (PROP_SINCE);
    }
  if (self->enqueued != data->enqueued)
    {
      self->enqueued = data->enqueued;
      changed |= PLT_PROP_BIT (PROP_ENQUEUED);
    }
  if (self->media != data->media || self->priority != data->priority || self->origin != data->origin)
    {
      self->media = data->media;
      self->priority = data->priority;
      self->origin = data->origin;
      changed |= PLT_PROP_BIT (PROP_0);
    }
  if (_plt_set_string (&self->parent, data->parent))
    changed |= PLT_PROP_BIT (PROP_0);

  _plt_notify_mask (G_OBJECT (self), properties, N_PROPS, changed);

  return changed != 0;
}

PltCallData *
plt_call_to_data (PltCall *self)
{
  PltCallData *data;

  g_return_val_if_fail (PLT_IS_CALL (self), NULL);

  data = plt_call_data_new ();
  data->id = g_strdup (self->id);
  data->ver = self->version;
  data->queue = g_strdup (self->queue_id);
  data->state = self->state;
  data->agent = g_strdup (self->agent_id);
  data->number = g_strdup (self->number);
  data->since = self->since;
  data->enqueued = self->enqueued;
  data->media = self->media;
  data->priority = self->priority;
  data->origin = self->origin;
  data->parent = g_strdup (self->parent);

  return data;
}
