/* plt-alerts.c — the alert monitor: the alerts of a model's queues, kept
 * with their state, raised once and acknowledged once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "plt-alerts-private.h"
#include "plt-call.h"
#include "plt-queue-figures.h"
#include "plt-store.h"
#include "plt-ui-format.h"

#define SETTINGS_KEY_OVERRIDES "alert-queue-overrides"

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
projection_text (const char                 *name,
                 const PltSlProjectionInput *input,
                 const PltSlProjection      *projection,
                 gint64                      end_ms)
{
  g_autofree char *at_end = plt_format_percent (projection->at_end);
  g_autofree char *target = plt_format_percent (input->target);
  g_autofree char *end = NULL;
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (end_ms / 1000);

  end = time != NULL ? g_date_time_format (time, "%H:%M") : g_strdup ("");

  if (projection->breach_in_s <= 0)
    /* Translators: a projected breach, "Sales: service level heading for
     * 71 % by 10:45, target 80 %, below it already" */
    return g_strdup_printf (_("%s: service level heading for %s by %s, target %s, below it already"),
                            name, at_end, end, target);

  {
    g_autofree char *in = plt_format_wait_words (MAX (60.0, ceil (projection->breach_in_s / 60.0) * 60.0));

    /* Translators: a projected breach, "Sales: service level heading for
     * 71 % by 10:45, target 80 %, below it in 6 min" */
    return g_strdup_printf (_("%s: service level heading for %s by %s, target %s, below it in %s"),
                            name, at_end, end, target, in);
  }
}

static char *
alert_text (PltQueue     *queue,
            const char   *name,
            PltAlertKind  kind,
            double        target,
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
        g_autofree char *wait = plt_format_duration (_plt_alert_queue_wait_ms (queue, now_ms));

        /* Translators: an alert, "Sales: longest wait 2:35" */
        return g_strdup_printf (_("%s: longest wait %s"), name, wait);
      }

    case PLT_ALERT_KIND_SERVICE_LEVEL:
    default:
      {
        g_autofree char *value = plt_format_percent (_plt_alert_queue_service_level (queue));
        g_autofree char *target_text = plt_format_percent (target);

        /* Translators: an alert, "Sales: service level 72 %, target 80 %" */
        return g_strdup_printf (_("%s: service level %s, target %s"), name, value, target_text);
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
          alert_a->acknowledged != alert_b->acknowledged ||
          g_strcmp0 (alert_a->queue_id, alert_b->queue_id) != 0 ||
          g_strcmp0 (alert_a->text, alert_b->text) != 0)
        return FALSE;
    }

  return TRUE;
}

/* The monitor ------------------------------------------------------------ */

/* What the monitor remembers of one queue's alert of one kind, while it
 * lasts: its level (for hysteresis), the level the supervisor acknowledged
 * and the level last raised. */
typedef struct
{
  PltAlertLevel level;
  PltAlertLevel acknowledged;
  PltAlertLevel told;
} AlertState;

struct _PltAlertMonitor
{
  GObject             parent_instance;

  PltModel           *model;
  PltClock           *clock;
  PltQueueTrends     *trends;
  GSettings          *settings;
  GSignalGroup       *queues_signals;
  GSignalGroup       *clock_signals;

  PltAlertThresholds  thresholds;
  GHashTable         *overrides;     /* queue id → PltAlertThresholds */
  GStrv               queue_ids;

  GPtrArray          *alerts;
  /* "queue-id\nkind" → AlertState */
  GHashTable         *states;

  /* New thresholds: levels start afresh (no hysteresis from the old ones) */
  guint               thresholds_changed : 1;
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

static char *
state_key (const char   *queue_id,
           PltAlertKind  kind)
{
  return g_strdup_printf ("%s\n%u", queue_id, (guint) kind);
}

static AlertState *
lookup_state (GHashTable   *states,
              const char   *queue_id,
              PltAlertKind  kind)
{
  g_autofree char *key = state_key (queue_id, kind);

  return g_hash_table_lookup (states, key);
}

typedef struct
{
  PltAlertMonitor *self;
  GHashTable      *over_t;      /* queue id → contacts waiting past T */
  gint64           now_ms;
} CountOverT;

static void
count_over_t_cb (gpointer key,
                 gpointer value,
                 gpointer user_data)
{
  CountOverT *count = user_data;
  PltCall *call = value;
  PltQueue *queue;
  const char *queue_id;

  if (plt_call_get_state (call) != PLT_CALL_STATE_QUEUED)
    return;

  queue_id = plt_call_get_queue_id (call);
  queue = queue_id != NULL ? plt_model_lookup_queue (count->self->model, queue_id) : NULL;
  if (queue == NULL)
    return;

  /* Each queue met has an entry, even with none past T. */
  if (!g_hash_table_contains (count->over_t, queue_id))
    g_hash_table_insert (count->over_t, (gpointer) queue_id, GINT_TO_POINTER (0));

  if (count->now_ms - plt_call_get_enqueued (call) > (gint64) plt_queue_get_sl_threshold (queue) * 1000)
    g_hash_table_insert (count->over_t, (gpointer) queue_id,
                         GINT_TO_POINTER (GPOINTER_TO_INT (g_hash_table_lookup (count->over_t, queue_id)) + 1));
}

/* Adds the alert of @kind at @level, carrying its state over. */
static void
keep_alert (PltAlertMonitor *self,
            GHashTable      *states,
            GPtrArray       *alerts,
            GPtrArray       *raised,
            const char      *queue_id,
            const char      *queue_name,
            PltAlertKind     kind,
            PltAlertLevel    level,
            char            *text)
{
  AlertState *before = lookup_state (self->states, queue_id, kind);
  AlertState *state = g_new0 (AlertState, 1);
  PltAlert *alert = g_new0 (PltAlert, 1);

  state->level = level;
  if (before != NULL)
    {
      state->acknowledged = before->acknowledged;
      state->told = before->told;
    }

  alert->queue_id = g_strdup (queue_id);
  alert->queue_name = g_strdup (queue_name);
  alert->kind = kind;
  alert->level = level;
  alert->text = text;
  alert->acknowledged = level <= state->acknowledged;
  g_ptr_array_add (alerts, alert);

  /* Told once: an alarm, or a projected breach, not told at this level nor
   * acknowledged. */
  if ((level == PLT_ALERT_LEVEL_ALARM || kind == PLT_ALERT_KIND_PROJECTED_BREACH) &&
      level > state->told && level > state->acknowledged)
    {
      state->told = level;
      g_ptr_array_add (raised, alert);
    }

  g_hash_table_insert (states, state_key (queue_id, kind), state);
}

void
plt_alert_monitor_update (PltAlertMonitor *self)
{
  g_autoptr(GPtrArray) alerts = g_ptr_array_new_with_free_func ((GDestroyNotify) alert_free);
  g_autoptr(GHashTable) states = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) raised = g_ptr_array_new ();
  g_autoptr(GHashTable) over_t = g_hash_table_new (g_str_hash, g_str_equal);
  GListModel *queues;
  gint64 now_ms;
  guint n_queues;

  g_return_if_fail (PLT_IS_ALERT_MONITOR (self));

  queues = G_LIST_MODEL (plt_model_get_queues (self->model));
  n_queues = g_list_model_get_n_items (queues);
  now_ms = plt_clock_get_now (self->clock);

  /* Who waits past T, for the projections. */
  if (self->trends != NULL)
    {
      CountOverT count = { self, over_t, now_ms };

      plt_store_foreach (plt_model_get_calls (self->model), count_over_t_cb, &count);
    }

  for (guint i = 0; i < n_queues; i++)
    {
      g_autoptr(PltQueue) queue = g_list_model_get_item (queues, i);
      const char *id = plt_queue_get_id (queue);
      const char *name = plt_queue_get_name (queue) != NULL ? plt_queue_get_name (queue) : id;
      const PltAlertThresholds *thresholds = plt_alert_monitor_get_queue_thresholds (self, id);
      double target = plt_alert_thresholds_get_target (thresholds, plt_queue_get_sl_target (queue));
      PltAlertLevel previous[PLT_ALERT_N_KINDS];
      PltAlertLevel queue_levels[PLT_ALERT_N_KINDS];

      if (!shows_queue (self, id))
        continue;

      for (guint kind = 0; kind < PLT_ALERT_N_KINDS; kind++)
        {
          AlertState *state = lookup_state (self->states, id, kind);

          previous[kind] = state != NULL && !self->thresholds_changed ? state->level : PLT_ALERT_LEVEL_NONE;
        }

      plt_alert_levels_for_queue_held (thresholds, queue, now_ms, previous, queue_levels);

      for (guint kind = 0; kind < PLT_ALERT_N_KINDS; kind++)
        if (queue_levels[kind] != PLT_ALERT_LEVEL_NONE)
          keep_alert (self, states, alerts, raised, id, name, kind, queue_levels[kind],
                      alert_text (queue, name, kind, target, now_ms));

      /* Calls placed have no service level to project. */
      if (self->trends != NULL && thresholds->projected_breach &&
          plt_queue_get_media (queue) != PLT_QUEUE_MEDIA_OUTBOUND)
        {
          PltSlProjectionInput input;
          PltSlProjection projection;
          AlertState *state = lookup_state (self->states, id, PLT_ALERT_KIND_PROJECTED_BREACH);
          gpointer known = NULL;
          int waiting_over_t = -1;
          PltAlertLevel level;

          if (g_hash_table_lookup_extended (over_t, id, NULL, &known))
            waiting_over_t = GPOINTER_TO_INT (known);

          plt_alert_project_queue (thresholds, queue, self->trends, now_ms, waiting_over_t,
                                   &input, &projection);
          level = plt_alert_level_for_projection (&input, &projection,
                                                  state != NULL ? state->level : PLT_ALERT_LEVEL_NONE);
          if (level != PLT_ALERT_LEVEL_NONE)
            {
              PltTrendInterval interval;

              plt_queue_trends_get_interval (self->trends, id, &interval);
              keep_alert (self, states, alerts, raised, id, name, PLT_ALERT_KIND_PROJECTED_BREACH, level,
                          projection_text (name, &input, &projection, interval.end));
            }
        }
    }

  self->thresholds_changed = FALSE;
  g_ptr_array_sort (alerts, compare_alerts);
  g_hash_table_unref (self->states);
  self->states = g_steal_pointer (&states);

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
load_settings (PltAlertMonitor *self)
{
  g_autoptr(GVariant) overrides = NULL;
  PltAlertThresholds thresholds = PLT_ALERT_THRESHOLDS_INIT;
  GVariantIter iter;
  const char *queue_id;
  GVariant *value;

  plt_alert_thresholds_load (&thresholds, self->settings);
  self->thresholds = thresholds;
  self->thresholds_changed = TRUE;

  g_hash_table_remove_all (self->overrides);
  overrides = g_settings_get_value (self->settings, SETTINGS_KEY_OVERRIDES);
  g_variant_iter_init (&iter, overrides);
  while (g_variant_iter_next (&iter, "{&s@" PLT_ALERT_THRESHOLDS_VARIANT_TYPE "}", &queue_id, &value))
    {
      PltAlertThresholds *queue_thresholds = g_new0 (PltAlertThresholds, 1);

      plt_alert_thresholds_from_variant (queue_thresholds, value);
      g_hash_table_insert (self->overrides, g_strdup (queue_id), queue_thresholds);
      g_variant_unref (value);
    }

  plt_alert_monitor_update (self);
}

static void
settings_changed_cb (PltAlertMonitor *self,
                     const char      *key)
{
  if (g_str_has_prefix (key, "alert-"))
    load_settings (self);
}

static void
plt_alert_monitor_dispose (GObject *object)
{
  PltAlertMonitor *self = (PltAlertMonitor *)object;

  if (self->queues_signals != NULL)
    g_signal_group_set_target (self->queues_signals, NULL);
  if (self->clock_signals != NULL)
    g_signal_group_set_target (self->clock_signals, NULL);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->queues_signals);
  g_clear_object (&self->clock_signals);
  g_clear_object (&self->settings);
  g_clear_object (&self->trends);
  g_clear_object (&self->model);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (plt_alert_monitor_parent_class)->dispose (object);
}

static void
plt_alert_monitor_finalize (GObject *object)
{
  PltAlertMonitor *self = (PltAlertMonitor *)object;

  g_clear_pointer (&self->alerts, g_ptr_array_unref);
  g_clear_pointer (&self->states, g_hash_table_unref);
  g_clear_pointer (&self->overrides, g_hash_table_unref);
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
  self->states = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->overrides = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
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
  self->thresholds_changed = TRUE;
  plt_alert_monitor_update (self);
}

const PltAlertThresholds *
plt_alert_monitor_get_thresholds (PltAlertMonitor *self)
{
  g_return_val_if_fail (PLT_IS_ALERT_MONITOR (self), NULL);

  return &self->thresholds;
}

void
plt_alert_monitor_set_queue_thresholds (PltAlertMonitor          *self,
                                        const char               *queue_id,
                                        const PltAlertThresholds *thresholds)
{
  g_return_if_fail (PLT_IS_ALERT_MONITOR (self));
  g_return_if_fail (queue_id != NULL);

  if (thresholds == NULL)
    g_hash_table_remove (self->overrides, queue_id);
  else
    g_hash_table_insert (self->overrides, g_strdup (queue_id), g_memdup2 (thresholds, sizeof *thresholds));

  self->thresholds_changed = TRUE;
  plt_alert_monitor_update (self);
}

const PltAlertThresholds *
plt_alert_monitor_get_queue_thresholds (PltAlertMonitor *self,
                                        const char      *queue_id)
{
  const PltAlertThresholds *thresholds;

  g_return_val_if_fail (PLT_IS_ALERT_MONITOR (self), NULL);
  g_return_val_if_fail (queue_id != NULL, NULL);

  thresholds = g_hash_table_lookup (self->overrides, queue_id);

  return thresholds != NULL ? thresholds : &self->thresholds;
}

void
plt_alert_monitor_follow_settings (PltAlertMonitor *self,
                                   GSettings       *settings)
{
  g_return_if_fail (PLT_IS_ALERT_MONITOR (self));
  g_return_if_fail (settings == NULL || G_IS_SETTINGS (settings));

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_set_object (&self->settings, settings);

  if (settings == NULL)
    return;

  g_signal_connect_object (settings, "changed", G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);
  load_settings (self);
}

void
plt_alert_monitor_set_trends (PltAlertMonitor *self,
                              PltQueueTrends  *trends)
{
  g_return_if_fail (PLT_IS_ALERT_MONITOR (self));
  g_return_if_fail (trends == NULL || PLT_IS_QUEUE_TRENDS (trends));

  if (g_set_object (&self->trends, trends))
    plt_alert_monitor_update (self);
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

PltAlertLevel
plt_alert_monitor_get_queue_level (PltAlertMonitor  *self,
                                   const char       *queue_id,
                                   const char      **text)
{
  const PltAlert *worst = NULL;

  g_return_val_if_fail (PLT_IS_ALERT_MONITOR (self), PLT_ALERT_LEVEL_NONE);
  g_return_val_if_fail (queue_id != NULL, PLT_ALERT_LEVEL_NONE);

  /* Alarms come first in the list. */
  for (guint i = 0; i < self->alerts->len && worst == NULL; i++)
    {
      const PltAlert *alert = g_ptr_array_index (self->alerts, i);

      if (g_str_equal (alert->queue_id, queue_id))
        worst = alert;
    }

  if (text != NULL)
    *text = worst != NULL ? worst->text : NULL;

  return worst != NULL ? worst->level : PLT_ALERT_LEVEL_NONE;
}

static gboolean
acknowledge (PltAlertMonitor *self,
             PltAlert        *alert)
{
  AlertState *state = lookup_state (self->states, alert->queue_id, alert->kind);

  if (state == NULL || alert->acknowledged)
    return FALSE;

  state->acknowledged = state->level;
  /* Raised or not, it is told now. */
  state->told = MAX (state->told, state->level);
  alert->acknowledged = TRUE;

  return TRUE;
}

void
plt_alert_monitor_acknowledge (PltAlertMonitor *self,
                               const char      *queue_id,
                               PltAlertKind     kind)
{
  gboolean changed = FALSE;

  g_return_if_fail (PLT_IS_ALERT_MONITOR (self));
  g_return_if_fail (queue_id != NULL);

  for (guint i = 0; i < self->alerts->len; i++)
    {
      PltAlert *alert = g_ptr_array_index (self->alerts, i);

      if (alert->kind == kind && g_str_equal (alert->queue_id, queue_id))
        changed |= acknowledge (self, alert);
    }

  if (changed)
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

void
plt_alert_monitor_acknowledge_all (PltAlertMonitor *self)
{
  gboolean changed = FALSE;

  g_return_if_fail (PLT_IS_ALERT_MONITOR (self));

  for (guint i = 0; i < self->alerts->len; i++)
    changed |= acknowledge (self, g_ptr_array_index (self->alerts, i));

  if (changed)
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}
