/* plt-queue.c — one queue and its live counters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "plt-enums.h"
#include "plt-object-private.h"
#include "plt-queue.h"

struct _PltQueue
{
  GObject              parent_instance;

  char                *id;
  char                *name;
  gint64               version;
  gint64               oldest_since;
  double               sl_target;
  double               service_level;
  double               asa;
  PltQueueAgentCounts  agents;
  PltQueueToday        today;
  PltKpiFigures       *kpi[2];             /* by PltKpiPeriod */
  PltQueueMedia        media;
  guint                priority;
  guint                sl_threshold_s;
  guint                waiting;
};

G_DEFINE_FINAL_TYPE (PltQueue, plt_queue, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_VERSION,
  PROP_NAME,
  PROP_MEDIA,
  PROP_SL_THRESHOLD,
  PROP_SL_TARGET,
  PROP_WAITING,
  PROP_OLDEST_SINCE,
  PROP_AGENTS_AVAILABLE,
  PROP_AGENTS_BUSY,
  PROP_AGENTS_WRAP_UP,
  PROP_AGENTS_PAUSED,
  PROP_AGENTS_LOGGED_OUT,
  PROP_OFFERED,
  PROP_ANSWERED,
  PROP_ABANDONED,
  PROP_ANSWERED_IN_SL,
  PROP_SERVICE_LEVEL,
  PROP_ASA,
  PROP_KPI_TODAY,
  PROP_KPI_ROLLING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
plt_queue_finalize (GObject *object)
{
  PltQueue *self = PLT_QUEUE (object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->kpi[PLT_KPI_PERIOD_TODAY], plt_kpi_figures_unref);
  g_clear_pointer (&self->kpi[PLT_KPI_PERIOD_ROLLING], plt_kpi_figures_unref);

  G_OBJECT_CLASS (plt_queue_parent_class)->finalize (object);
}

static void
plt_queue_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  PltQueue *self = PLT_QUEUE (object);

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

    case PROP_MEDIA:
      g_value_set_enum (value, self->media);
      break;

    case PROP_SL_THRESHOLD:
      g_value_set_uint (value, self->sl_threshold_s);
      break;

    case PROP_SL_TARGET:
      g_value_set_double (value, self->sl_target);
      break;

    case PROP_WAITING:
      g_value_set_uint (value, self->waiting);
      break;

    case PROP_OLDEST_SINCE:
      g_value_set_int64 (value, self->oldest_since);
      break;

    case PROP_AGENTS_AVAILABLE:
      g_value_set_uint (value, self->agents.available);
      break;

    case PROP_AGENTS_BUSY:
      g_value_set_uint (value, self->agents.busy);
      break;

    case PROP_AGENTS_WRAP_UP:
      g_value_set_uint (value, self->agents.wrap_up);
      break;

    case PROP_AGENTS_PAUSED:
      g_value_set_uint (value, self->agents.paused);
      break;

    case PROP_AGENTS_LOGGED_OUT:
      g_value_set_uint (value, self->agents.logged_out);
      break;

    case PROP_OFFERED:
      g_value_set_uint (value, self->today.offered);
      break;

    case PROP_ANSWERED:
      g_value_set_uint (value, self->today.answered);
      break;

    case PROP_ABANDONED:
      g_value_set_uint (value, self->today.abandoned);
      break;

    case PROP_ANSWERED_IN_SL:
      g_value_set_uint (value, self->today.answered_in_sl);
      break;

    case PROP_SERVICE_LEVEL:
      g_value_set_double (value, self->service_level);
      break;

    case PROP_ASA:
      g_value_set_double (value, self->asa);
      break;

    case PROP_KPI_TODAY:
      g_value_set_boxed (value, self->kpi[PLT_KPI_PERIOD_TODAY]);
      break;

    case PROP_KPI_ROLLING:
      g_value_set_boxed (value, self->kpi[PLT_KPI_PERIOD_ROLLING]);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
uint_property (const char *name)
{
  return g_param_spec_uint (name, NULL, NULL, 0, G_MAXUINT, 0,
                            G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static void
plt_queue_class_init (PltQueueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = plt_queue_finalize;
  object_class->get_property = plt_queue_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_VERSION] =
    g_param_spec_int64 ("version", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_MEDIA] =
    g_param_spec_enum ("media", NULL, NULL,
                       PLT_TYPE_QUEUE_MEDIA, PLT_QUEUE_MEDIA_UNKNOWN, flags);
  properties[PROP_SL_THRESHOLD] = uint_property ("sl-threshold");
  properties[PROP_SL_TARGET] =
    g_param_spec_double ("sl-target", NULL, NULL, 0.0, 1.0, 0.0, flags);
  properties[PROP_WAITING] = uint_property ("waiting");
  properties[PROP_OLDEST_SINCE] =
    g_param_spec_int64 ("oldest-since", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_AGENTS_AVAILABLE] = uint_property ("agents-available");
  properties[PROP_AGENTS_BUSY] = uint_property ("agents-busy");
  properties[PROP_AGENTS_WRAP_UP] = uint_property ("agents-wrap-up");
  properties[PROP_AGENTS_PAUSED] = uint_property ("agents-paused");
  properties[PROP_AGENTS_LOGGED_OUT] = uint_property ("agents-logged-out");
  properties[PROP_OFFERED] = uint_property ("offered");
  properties[PROP_ANSWERED] = uint_property ("answered");
  properties[PROP_ABANDONED] = uint_property ("abandoned");
  properties[PROP_ANSWERED_IN_SL] = uint_property ("answered-in-sl");
  properties[PROP_SERVICE_LEVEL] =
    g_param_spec_double ("service-level", NULL, NULL, -1.0, G_MAXDOUBLE, -1.0, flags);
  properties[PROP_ASA] =
    g_param_spec_double ("asa", NULL, NULL, -1.0, G_MAXDOUBLE, -1.0, flags);
  properties[PROP_KPI_TODAY] =
    g_param_spec_boxed ("kpi-today", NULL, NULL, PLT_TYPE_KPI_FIGURES, flags);
  properties[PROP_KPI_ROLLING] =
    g_param_spec_boxed ("kpi-rolling", NULL, NULL, PLT_TYPE_KPI_FIGURES, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
plt_queue_init (PltQueue *self)
{
  self->service_level = -1.0;
  self->asa = -1.0;
}

PltQueue *
plt_queue_new (const char *id)
{
  PltQueue *self;

  g_return_val_if_fail (id != NULL, NULL);

  self = g_object_new (PLT_TYPE_QUEUE, NULL);
  self->id = g_strdup (id);

  return self;
}

const char *
plt_queue_get_id (PltQueue *self)
{
  g_return_val_if_fail (PLT_IS_QUEUE (self), NULL);

  return self->id;
}

gint64
plt_queue_get_version (PltQueue *self)
{
  g_return_val_if_fail (PLT_IS_QUEUE (self), 0);

  return self->version;
}

const char *
plt_queue_get_name (PltQueue *self)
{
  g_return_val_if_fail (PLT_IS_QUEUE (self), NULL);

  return self->name;
}

PltQueueMedia
plt_queue_get_media (PltQueue *self)
{
  g_return_val_if_fail (PLT_IS_QUEUE (self), PLT_QUEUE_MEDIA_UNKNOWN);

  return self->media;
}

guint
plt_queue_get_sl_threshold (PltQueue *self)
{
  g_return_val_if_fail (PLT_IS_QUEUE (self), 0);

  return self->sl_threshold_s;
}

double
plt_queue_get_sl_target (PltQueue *self)
{
  g_return_val_if_fail (PLT_IS_QUEUE (self), 0.0);

  return self->sl_target;
}

guint
plt_queue_get_waiting (PltQueue *self)
{
  g_return_val_if_fail (PLT_IS_QUEUE (self), 0);

  return self->waiting;
}

gint64
plt_queue_get_oldest_since (PltQueue *self)
{
  g_return_val_if_fail (PLT_IS_QUEUE (self), 0);

  return self->oldest_since;
}

const PltQueueAgentCounts *
plt_queue_get_agents (PltQueue *self)
{
  g_return_val_if_fail (PLT_IS_QUEUE (self), NULL);

  return &self->agents;
}

const PltQueueToday *
plt_queue_get_today (PltQueue *self)
{
  g_return_val_if_fail (PLT_IS_QUEUE (self), NULL);

  return &self->today;
}

double
plt_queue_get_service_level (PltQueue *self)
{
  g_return_val_if_fail (PLT_IS_QUEUE (self), -1.0);

  return self->service_level;
}

double
plt_queue_get_asa (PltQueue *self)
{
  g_return_val_if_fail (PLT_IS_QUEUE (self), -1.0);

  return self->asa;
}

const PltKpiFigures *
plt_queue_get_kpi (PltQueue     *self,
                   PltKpiPeriod  period)
{
  g_return_val_if_fail (PLT_IS_QUEUE (self), NULL);
  g_return_val_if_fail ((guint) period < G_N_ELEMENTS (self->kpi), NULL);

  return self->kpi[period];
}

gboolean
plt_queue_set_kpi (PltQueue      *self,
                   PltKpiFigures *figures)
{
  PltKpiFigures **slot;

  g_return_val_if_fail (PLT_IS_QUEUE (self), FALSE);
  g_return_val_if_fail (figures != NULL, FALSE);
  g_return_val_if_fail ((guint) figures->period < G_N_ELEMENTS (self->kpi), FALSE);

  slot = &self->kpi[figures->period];
  if (plt_kpi_figures_equal (*slot, figures))
    return FALSE;

  g_clear_pointer (slot, plt_kpi_figures_unref);
  *slot = plt_kpi_figures_ref (figures);
  g_object_notify_by_pspec (G_OBJECT (self),
                            properties[figures->period == PLT_KPI_PERIOD_TODAY ? PROP_KPI_TODAY : PROP_KPI_ROLLING]);

  return TRUE;
}

static void
set_uint (guint   *field,
          guint    value,
          guint64 *changed,
          guint    prop)
{
  if (*field != value)
    {
      *field = value;
      *changed |= PLT_PROP_BIT (prop);
    }
}

static void
set_double (double  *field,
            double   value,
            guint64 *changed,
            guint    prop)
{
  if (*field != value)
    {
      *field = value;
      *changed |= PLT_PROP_BIT (prop);
    }
}

gboolean
plt_queue_apply (PltQueue           *self,
                 const PltQueueData *data,
                 gboolean            force)
{
  guint64 changed = 0;

  g_return_val_if_fail (PLT_IS_QUEUE (self), FALSE);
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
  if (self->media != data->media)
    {
      self->media = data->media;
      changed |= PLT_PROP_BIT (PROP_MEDIA);
    }
  set_uint (&self->sl_threshold_s, data->sl_threshold_s, &changed, PROP_SL_THRESHOLD);
  set_double (&self->sl_target, CLAMP (data->sl_target, 0.0, 1.0), &changed, PROP_SL_TARGET);
  set_uint (&self->waiting, data->waiting, &changed, PROP_WAITING);
  if (self->oldest_since != data->oldest_since)
    {
      self->oldest_since = MAX (data->oldest_since, 0);
      changed |= PLT_PROP_BIT (PROP_OLDEST_SINCE);
    }

  set_uint (&self->agents.available, data->agents.available, &changed, PROP_AGENTS_AVAILABLE);
  set_uint (&self->agents.busy, data->agents.busy, &changed, PROP_AGENTS_BUSY);
  set_uint (&self->agents.wrap_up, data->agents.wrap_up, &changed, PROP_AGENTS_WRAP_UP);
  set_uint (&self->agents.paused, data->agents.paused, &changed, PROP_AGENTS_PAUSED);
  set_uint (&self->agents.logged_out, data->agents.logged_out, &changed, PROP_AGENTS_LOGGED_OUT);

  set_uint (&self->today.offered, data->today.offered, &changed, PROP_OFFERED);
  set_uint (&self->today.answered, data->today.answered, &changed, PROP_ANSWERED);
  set_uint (&self->today.abandoned, data->today.abandoned, &changed, PROP_ABANDONED);
  set_uint (&self->today.answered_in_sl, data->today.answered_in_sl, &changed, PROP_ANSWERED_IN_SL);
  if (self->today.wait_total_s != data->today.wait_total_s)
    {
      /* No property of its own: it shows through "asa". */
      self->today.wait_total_s = data->today.wait_total_s;
      changed |= PLT_PROP_BIT (PROP_0);
    }
  /* Neither have these: plt_queue_to_data(). */
  set_uint (&self->today.overflowed, data->today.overflowed, &changed, PROP_0);
  set_uint (&self->today.callbacks, data->today.callbacks, &changed, PROP_0);
  set_uint (&self->today.transferred, data->today.transferred, &changed, PROP_0);
  set_uint (&self->priority, data->priority, &changed, PROP_0);

  if (self->today.answered > 0)
    {
      set_double (&self->service_level,
                  (double) self->today.answered_in_sl / self->today.answered,
                  &changed, PROP_SERVICE_LEVEL);
      set_double (&self->asa,
                  (double) self->today.wait_total_s / self->today.answered,
                  &changed, PROP_ASA);
    }
  else
    {
      set_double (&self->service_level, -1.0, &changed, PROP_SERVICE_LEVEL);
      set_double (&self->asa, -1.0, &changed, PROP_ASA);
    }

  /* Bit 0 (PROP_0) only says "changed" and notifies nothing. */
  _plt_notify_mask (G_OBJECT (self), properties, N_PROPS, changed);

  return changed != 0;
}

PltQueueData *
plt_queue_to_data (PltQueue *self)
{
  PltQueueData *data;

  g_return_val_if_fail (PLT_IS_QUEUE (self), NULL);

  data = plt_queue_data_new ();
  data->id = g_strdup (self->id);
  data->ver = self->version;
  data->name = g_strdup (self->name);
  data->media = self->media;
  data->priority = self->priority;
  data->sl_threshold_s = self->sl_threshold_s;
  data->sl_target = self->sl_target;
  data->waiting = self->waiting;
  data->oldest_since = self->oldest_since;
  data->agents = self->agents;
  data->today = self->today;

  return data;
}
