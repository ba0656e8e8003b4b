/* plt-clock.c — one shared clock that follows the router's time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "plt-clock.h"

struct _PltClock
{
  GObject  parent_instance;

  gint64   reference_now;        /* router ms at reference_monotonic */
  gint64   reference_monotonic;  /* µs */
  gint64   frozen_now;           /* ms, while not running */
  double   rate;
  guint    tick_source;
  guint    running : 1;
};

G_DEFINE_FINAL_TYPE (PltClock, plt_clock, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NOW,
  PROP_RATE,
  PROP_RUNNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* However fast the router's clock runs (--speed), "now" is not notified
 * more often than this, in real milliseconds. */
#define MIN_TICK_MS 200

static gint64
estimate_now (PltClock *self)
{
  gint64 elapsed_us = g_get_monotonic_time () - self->reference_monotonic;

  return self->reference_now + (gint64) floor (self->rate * (double) elapsed_us / 1000.0);
}

static void schedule_tick (PltClock *self);

static gboolean
tick_cb (gpointer user_data)
{
  PltClock *self = user_data;

  self->tick_source = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOW]);
  schedule_tick (self);

  return G_SOURCE_REMOVE;
}

/* Wakes up on the next whole router second. */
static void
schedule_tick (PltClock *self)
{
  gint64 now;
  gint64 to_boundary_ms;
  double real_ms;
  guint delay;

  g_clear_handle_id (&self->tick_source, g_source_remove);

  if (!self->running)
    return;

  now = estimate_now (self);
  to_boundary_ms = 1000 - (((now % 1000) + 1000) % 1000);
  real_ms = ceil ((double) to_boundary_ms / self->rate);
  delay = (guint) CLAMP (real_ms, (double) MIN_TICK_MS, 60000.0);

  self->tick_source = g_timeout_add (delay, tick_cb, self);
  g_source_set_name_by_id (self->tick_source, "[plateau] clock tick");
}

static void
plt_clock_dispose (GObject *object)
{
  PltClock *self = PLT_CLOCK (object);

  g_clear_handle_id (&self->tick_source, g_source_remove);

  G_OBJECT_CLASS (plt_clock_parent_class)->dispose (object);
}

static void
plt_clock_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  PltClock *self = PLT_CLOCK (object);

  switch (prop_id)
    {
    case PROP_NOW:
      g_value_set_int64 (value, plt_clock_get_now (self));
      break;

    case PROP_RATE:
      g_value_set_double (value, self->rate);
      break;

    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
plt_clock_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  PltClock *self = PLT_CLOCK (object);

  switch (prop_id)
    {
    case PROP_RUNNING:
      plt_clock_set_running (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
plt_clock_class_init (PltClockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = plt_clock_dispose;
  object_class->get_property = plt_clock_get_property;
  object_class->set_property = plt_clock_set_property;

  properties[PROP_NOW] =
    g_param_spec_int64 ("now", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RATE] =
    g_param_spec_double ("rate", NULL, NULL, 0.0, G_MAXDOUBLE, 1.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
plt_clock_init (PltClock *self)
{
  /* Until a router tells its time, follow the local clock. */
  self->rate = 1.0;
  self->reference_now = g_get_real_time () / 1000;
  self->reference_monotonic = g_get_monotonic_time ();
  self->frozen_now = self->reference_now;
}

PltClock *
plt_clock_new (void)
{
  return g_object_new (PLT_TYPE_CLOCK, NULL);
}

PltClock *
plt_clock_get_default (void)
{
  static PltClock *default_clock;

  if (g_once_init_enter (&default_clock))
    g_once_init_leave (&default_clock, plt_clock_new ());

  return default_clock;
}

gint64
plt_clock_get_now (PltClock *self)
{
  g_return_val_if_fail (PLT_IS_CLOCK (self), 0);

  return self->running ? estimate_now (self) : self->frozen_now;
}

double
plt_clock_get_rate (PltClock *self)
{
  g_return_val_if_fail (PLT_IS_CLOCK (self), 1.0);

  return self->rate;
}

gboolean
plt_clock_get_running (PltClock *self)
{
  g_return_val_if_fail (PLT_IS_CLOCK (self), FALSE);

  return self->running;
}

void
plt_clock_set_running (PltClock *self,
                       gboolean  running)
{
  g_return_if_fail (PLT_IS_CLOCK (self));

  running = !!running;
  if (self->running == running)
    return;

  if (!running)
    self->frozen_now = estimate_now (self);

  self->running = running;
  schedule_tick (self);

  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOW]);
  g_object_thaw_notify (G_OBJECT (self));
}

void
plt_clock_sync (PltClock *self,
                gint64    router_now_ms,
                double    rate)
{
  gboolean rate_changed;

  g_return_if_fail (PLT_IS_CLOCK (self));
  g_return_if_fail (rate > 0.0 && isfinite (rate));

  rate_changed = self->rate != rate;
  self->reference_now = router_now_ms;
  self->reference_monotonic = g_get_monotonic_time ();
  self->rate = rate;
  if (!self->running)
    self->frozen_now = router_now_ms;

  schedule_tick (self);

  g_object_freeze_notify (G_OBJECT (self));
  if (rate_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RATE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOW]);
  g_object_thaw_notify (G_OBJECT (self));
}

char *
plt_format_duration (gint64 ms)
{
  gint64 total_s;
  gint64 h;
  gint64 m;
  gint64 s;

  /* A negative duration comes from clocks that disagree: show zero. */
  if (ms < 0)
    ms = 0;

  total_s = ms / 1000;
  h = total_s / 3600;
  m = (total_s / 60) % 60;
  s = total_s % 60;

  if (h > 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT ":%02" G_GINT64_FORMAT ":%02" G_GINT64_FORMAT, h, m, s);

  return g_strdup_printf ("%" G_GINT64_FORMAT ":%02" G_GINT64_FORMAT, m, s);
}
