/* plt-alerts.c — when a queue needs attention
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "plt-alerts.h"
#include "plt-store.h"
#include "plt-ui-format.h"

/* Levels ------------------------------------------------------------------ */

void
plt_alert_thresholds_load (PltAlertThresholds *thresholds,
                           GSettings          *settings)
{
  g_return_if_fail (thresholds != NULL);
  g_return_if_fail (G_IS_SETTINGS (settings));

  thresholds->waiting_warning = g_settings_get_uint (settings, "alert-waiting-warning");
  thresholds->waiting_alarm = g_settings_get_uint (settings, "alert-waiting-alarm");
  thresholds->longest_wait_s = g_settings_get_uint (settings, "alert-longest-wait");
  thresholds->service_level = g_settings_get_boolean (settings, "alert-service-level");
}

PltAlertLevel
plt_alert_level_for_waiting (const PltAlertThresholds *thresholds,
                             guint                     waiting)
{
  g_return_val_if_fail (thresholds != NULL, PLT_ALERT_LEVEL_NONE);

  if (thresholds->waiting_alarm > 0 && waiting >= thresholds->waiting_alarm)
    return PLT_ALERT_LEVEL_ALARM;
  if (thresholds->waiting_warning > 0 && waiting >= thresholds->waiting_warning)
    return PLT_ALERT_LEVEL_WARNING;

  return PLT_ALERT_LEVEL_NONE;
}

PltAlertLevel
plt_alert_level_for_wait (const PltAlertThresholds *thresholds,
                          guint                     sl_threshold_s,
                          gint64                    wait_ms)
{
  guint threshold_s;

  g_return_val_if_fail (thresholds != NULL, PLT_ALERT_LEVEL_NONE);

  threshold_s = thresholds->longest_wait_s > 0 ? thresholds->longest_wait_s : sl_threshold_s;
  if (threshold_s == 0 || wait_ms <= 0)
    return PLT_ALERT_LEVEL_NONE;

  if (wait_ms > (gint64) threshold_s * 1000)
    return PLT_ALERT_LEVEL_ALARM;
  if (wait_ms >= (gint64) (threshold_s * 1000 * PLT_ALERT_WAIT_WARNING_SHARE))
    return PLT_ALERT_LEVEL_WARNING;

  return PLT_ALERT_LEVEL_NONE;
}

PltAlertLevel
plt_alert_level_for_service_level (const PltAlertThresholds *thresholds,
                                   double                    service_level,
                                   double                    target)
{
  g_return_val_if_fail (thresholds != NULL, PLT_ALERT_LEVEL_NONE);

  if (!thresholds->service_level)
    return PLT_ALERT_LEVEL_NONE;

  /* The same judgement as the console's queue cards. */
  switch (plt_sl_level_classify (service_level, target))
    {
    case PLT_SL_LEVEL_WARNING:
      return PLT_ALERT_LEVEL_WARNING;
    case PLT_SL_LEVEL_BREACH:
      return PLT_ALERT_LEVEL_ALARM;
    case PLT_SL_LEVEL_NONE:
    case PLT_SL_LEVEL_OK:
    default:
      return PLT_ALERT_LEVEL_NONE;
    }
}

static gint64
queue_wait_ms (PltQueue *queue,
               gint64    now_ms)
{
  gint64 oldest_since = plt_queue_get_oldest_since (queue);

  if (plt_queue_get_waiting (queue) == 0 || oldest_since <= 0)
    return 0;

  return MAX (0, now_ms - oldest_since);
}

void
plt_alert_levels_for_queue (const PltAlertThresholds *thresholds,
                            PltQueue                 *queue,
                            gint64                    now_ms,
                            PltAlertLevel             levels[PLT_ALERT_N_KINDS])
{
  g_return_if_fail (thresholds != NULL);
  g_return_if_fail (PLT_IS_QUEUE (queue));

  levels[PLT_ALERT_KIND_WAITING] =
    plt_alert_level_for_waiting (thresholds, plt_queue_get_waiting (queue));
  levels[PLT_ALERT_KIND_LONGEST_WAIT] =
    plt_alert_level_for_wait (thresholds, plt_queue_get_sl_threshold (queue),
                              queue_wait_ms (queue, now_ms));
  levels[PLT_ALERT_KIND_SERVICE_LEVEL] =
    plt_alert_level_for_service_level (thresholds, plt_queue_get_service_level (queue),
                                       plt_queue_get_sl_target (queue));
}

const char *
plt_alert_level_get_css_class (PltAlertLevel level)
{
  switch (level)
    {
    case PLT_ALERT_LEVEL_WARNING:
      return "alert-warning";
    case PLT_ALERT_LEVEL_ALARM:
      return "alert-alarm";
    case PLT_ALERT_LEVEL_NONE:
    default:
      return "alert-none";
    }
}

const char *
plt_alert_level_get_icon_name (PltAlertLevel level)
{
  /* A check, a triangle, an octagon: three shapes, not only three colours. */
  switch (level)
    {
    case PLT_ALERT_LEVEL_WARNING:
      return "dialog-warning-symbolic";
    case PLT_ALERT_LEVEL_ALARM:
      return "dialog-error-symbolic";
    case PLT_ALERT_LEVEL_NONE:
    default:
      return "emblem-ok-symbolic";
    }
}

const char *
plt_alert_level_get_label (PltAlertLevel level)
{
  switch (level)
    {
    case PLT_ALERT_LEVEL_WARNING:
      /* Translators: an alert level: close to a threshold */
      return C_("alert level", "Warning");
    case PLT_ALERT_LEVEL_ALARM:
      /* Translators: an alert level: over a threshold */
      return C_("alert level", "Alarm");
    case PLT_ALERT_LEVEL_NONE:
    default:
      /* Translators: an alert level: within every threshold */
      return C_("alert level", "Normal");
    }
}

/* Alerts ----------------------------------------------------------------- */

static void
alert_free (PltAlert *alert)
{
  g_free (alert->queue_id);
  g_free (alert->queue_name);
  g_free (alert->text);
  g_free (alert);
}

static char *
alert_text (PltQueue     *queue,
            const char   *name,
            PltAlertKind  kind,
            gint64        now_ms)
{
  switch (kind)
    {
    case PLT_ALERT_KIND_WAITING:
      {
        guint waiting = plt_queue_get_waiting (queue);

        /* Translators: an alert, "Sales: 8 contacts waiting" */
        return g_strdup_printf (ngettext ("%s: %u contact waiting", "%s: %u contacts waiting", waiting),
                                name, waiting);
      }

    case PLT_ALERT_KIND_LONGEST_WAIT:
      {
        g_autofree char *wait = plt_format_duration (queue_wait_ms (queue, now_ms));

        /* Translators: an alert, "Sales: longest wait 2:35" */
        return g_strdup_printf (_("%s: longest wait %s"), name, wait);
      }

    case PLT_ALERT_KIND_SERVICE_LEVEL:
    default:
      {
        g_autofree char *value = plt_format_percent (plt_queue_get_service_level (queue));
        g_autofree char *target = plt_format_percent (plt_queue_get_sl_target (queue));

        /* Translators: an alert, "Sales: service level 72 %, target 80 %" */
        return g_strdup_printf (_("%s: service level %s, target %s"), name, value, target);
      }
    }
}

static int
compare_alerts (gconstpointer a,
                gconstpointer b)
{
  const PltAlert *alert_a = *(const PltAlert **) a;
  const PltAlert *alert_b = *(const PltAlert **) b;
  int result;

  if (alert_a->level != alert_b->level)
    return alert_a->level > alert_b->level ? -1 : 1;

  result = g_utf8_collate (alert_a->queue_name, alert_b->queue_name);
  if (result != 0)
    return result;

  return (int) alert_a->kind - (int) alert_b->kind;
}

static gboolean
alerts_equal (GPtrArray *a,
              GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    {
      const PltAlert *alert_a = g_ptr_array_index (a, i);
      const PltAlert *alert_b = g_ptr_array_index (b, i);

      if (alert_a->level != alert_b->level || alert_a->kind != alert_b->kind ||
          g_strcmp0 (alert_a->queue_id, alert_b->queue_id) != 0 ||
          g_strcmp0 (alert_a->text, alert_b->text) != 0)
        return FALSE;
    }

  return TRUE;
}

/* The monitor ------------------------------------------------------------ */

struct _PltAlertMonitor
{
  GObject             parent_instance;

  PltModel           *model;
  PltClock           *clock;
  GSignalGroup       *queues_signals;
  GSignalGroup       *clock_signals;

  PltAlertThresholds  thresholds;
  GStrv               queue_ids;

  GPtrArray          *alerts;
  /* "queue-id\nkind" → the level announced for it, for "raised" */
  GHashTable         *levels;
};

G_DEFINE_FINAL_TYPE (PltAlertMonitor, plt_alert_monitor, G_TYPE_OBJECT)

enum {
  SIGNAL_CHANGED,
  SIGNAL_RAISED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
shows_queue (PltAlertMonitor *self,
             const char      *queue_id)
{
  if (self->queue_ids == NULL || self->queue_ids[0] == NULL)
    return TRUE;

  return g_strv_contains ((const char * const *) self->queue_ids, queue_id);
}

void
plt_alert_monitor_update (PltAlertMonitor *self)
{
  g_autoptr(GPtrArray) alerts = g_ptr_array_new_with_free_func ((GDestroyNotify) alert_free);
  g_autoptr(GHashTable) levels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) raised = g_ptr_array_new ();
  GListModel *queues;
  gint64 now_ms;
  guint n_queues;

  g_return_if_fail (PLT_IS_ALERT_MONITOR (self));

  queues = G_LIST_MODEL (plt_model_get_queues (self->model));
  n_queues = g_list_model_get_n_items (queues);
  now_ms = plt_clock_get_now (self->clock);

  for (guint i = 0; i < n_queues; i++)
    {
      g_autoptr(PltQueue) queue = g_list_model_get_item (queues, i);
      const char *id = plt_queue_get_id (queue);
      const char *name = plt_queue_get_name (queue) != NULL ? plt_queue_get_name (queue) : id;
      PltAlertLevel queue_levels[PLT_ALERT_N_KINDS];

      if (!shows_queue (self, id))
        continue;

      plt_alert_levels_for_queue (&self->thresholds, queue, now_ms, queue_levels);

      for (guint kind = 0; kind < PLT_ALERT_N_KINDS; kind++)
        {
          PltAlert *alert;
          char *key;
          PltAlertLevel before;

          if (queue_levels[kind] == PLT_ALERT_LEVEL_NONE)
            continue;

          alert = g_new0 (PltAlert, 1);
          alert->queue_id = g_strdup (id);
          alert->queue_name = g_strdup (name);
          alert->kind = (PltAlertKind) kind;
          alert->level = queue_levels[kind];
          alert->text = alert_text (queue, name, alert->kind, now_ms);
          g_ptr_array_add (alerts, alert);

          key = g_strdup_printf ("%s\n%u", id, kind);
          before = GPOINTER_TO_UINT (g_hash_table_lookup (self->levels, key));
          g_hash_table_insert (levels, key, GUINT_TO_POINTER (alert->level));
          if (alert->level == PLT_ALERT_LEVEL_ALARM && before != PLT_ALERT_LEVEL_ALARM)
            g_ptr_array_add (raised, alert);
        }
    }

  g_ptr_array_sort (alerts, compare_alerts);
  g_hash_table_unref (self->levels);
  self->levels = g_steal_pointer (&levels);

  if (!alerts_equal (alerts, self->alerts))
    {
      g_ptr_array_unref (self->alerts);
      self->alerts = g_ptr_array_ref (alerts);
      g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
    }

  for (guint i = 0; i < raised->len; i++)
    g_signal_emit (self, signals[SIGNAL_RAISED], 0, g_ptr_array_index (raised, i));
}

static void
plt_alert_monitor_dispose (GObject *object)
{
  PltAlertMonitor *self = (PltAlertMonitor *)object;

  if (self->queues_signals != NULL)
    g_signal_group_set_target (self->queues_signals, NULL);
  if (self->clock_signals != NULL)
    g_signal_group_set_target (self->clock_signals, NULL);
  g_clear_object (&self->queues_signals);
  g_clear_object (&self->clock_signals);
  g_clear_object (&self->model);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (plt_alert_monitor_parent_class)->dispose (object);
}

static void
plt_alert_monitor_finalize (GObject *object)
{
  PltAlertMonitor *self = (PltAlertMonitor *)object;

  g_clear_pointer (&self->alerts, g_ptr_array_unref);
  g_clear_pointer (&self->levels, g_hash_table_unref);
  g_clear_pointer (&self->queue_ids, g_strfreev);

  G_OBJECT_CLASS (plt_alert_monitor_parent_class)->finalize (object);
}

static void
plt_alert_monitor_class_init (PltAlertMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = plt_alert_monitor_dispose;
  object_class->finalize = plt_alert_monitor_finalize;

  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  signals[SIGNAL_RAISED] =
    g_signal_new ("raised",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static void
plt_alert_monitor_init (PltAlertMonitor *self)
{
  self->thresholds = (PltAlertThresholds) PLT_ALERT_THRESHOLDS_INIT;
  self->alerts = g_ptr_array_new_with_free_func ((GDestroyNotify) alert_free);
  self->levels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * plt_alert_monitor_new:
 * @model: the model whose queues are watched
 * @clock: the clock waits are measured with
 *
 * Returns: (transfer full): a new #PltAlertMonitor, with the alerts of now
 */
PltAlertMonitor *
plt_alert_monitor_new (PltModel *model,
                       PltClock *clock)
{
  PltAlertMonitor *self;

  g_return_val_if_fail (PLT_IS_MODEL (model), NULL);
  g_return_val_if_fail (PLT_IS_CLOCK (clock), NULL);

  self = g_object_new (PLT_TYPE_ALERT_MONITOR, NULL);
  self->model = g_object_ref (model);
  self->clock = g_object_ref (clock);

  self->queues_signals = g_signal_group_new (PLT_TYPE_STORE);
  g_signal_group_connect_swapped (self->queues_signals, "items-changed",
                                  G_CALLBACK (plt_alert_monitor_update), self);
  g_signal_group_set_target (self->queues_signals, plt_model_get_queues (model));

  self->clock_signals = g_signal_group_new (PLT_TYPE_CLOCK);
  g_signal_group_connect_swapped (self->clock_signals, "notify::now",
                                  G_CALLBACK (plt_alert_monitor_update), self);
  g_signal_group_set_target (self->clock_signals, clock);

  plt_alert_monitor_update (self);

  return self;
}

void
plt_alert_monitor_set_thresholds (PltAlertMonitor          *self,
                                  const PltAlertThresholds *thresholds)
{
  g_return_if_fail (PLT_IS_ALERT_MONITOR (self));
  g_return_if_fail (thresholds != NULL);

  if (memcmp (&self->thresholds, thresholds, sizeof *thresholds) == 0)
    return;

  self->thresholds = *thresholds;
  plt_alert_monitor_update (self);
}

const PltAlertThresholds *
plt_alert_monitor_get_thresholds (PltAlertMonitor *self)
{
  g_return_val_if_fail (PLT_IS_ALERT_MONITOR (self), NULL);

  return &self->thresholds;
}

void
plt_alert_monitor_set_queues (PltAlertMonitor    *self,
                              const char * const *queue_ids)
{
  g_return_if_fail (PLT_IS_ALERT_MONITOR (self));

  if (queue_ids != NULL && queue_ids[0] == NULL)
    queue_ids = NULL;

  if (queue_ids == NULL && self->queue_ids == NULL)
    return;
  if (queue_ids != NULL && self->queue_ids != NULL &&
      g_strv_equal (queue_ids, (const char * const *) self->queue_ids))
    return;

  g_strfreev (self->queue_ids);
  self->queue_ids = g_strdupv ((char **) queue_ids);
  plt_alert_monitor_update (self);
}

GPtrArray *
plt_alert_monitor_get_alerts (PltAlertMonitor *self)
{
  g_return_val_if_fail (PLT_IS_ALERT_MONITOR (self), NULL);

  return self->alerts;
}
