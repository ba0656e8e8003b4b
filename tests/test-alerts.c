/* test-alerts.c — the alert engine without a display: thresholds, per-queue
 * overrides, hysteresis, the projected breach, and acknowledged once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "plt-alerts.h"
#include "plt-clock.h"
#include "plt-model.h"
#include "plt-queue.h"
#include "plt-queue-trends.h"

/* 2026-11-27 10:00:00 UTC: a quarter-hour. */
#define T0     G_GINT64_CONSTANT (1795773600000)
#define SECOND 1000

typedef struct
{
  PltModel        *model;
  PltClock        *clock;
  PltQueueTrends  *trends;
  PltAlertMonitor *monitor;
  GPtrArray       *raised;     /* char*: "queue/kind" of each "raised" */
  guint            changed;
  gint64           version;
} Fixture;

typedef struct
{
  guint  waiting;
  gint64 oldest_since;
  guint  offered;
  guint  answered;
  guint  answered_in_sl;
  guint  abandoned;
  guint  available;
  guint  busy;
} QueueState;

static void
set_queue (Fixture          *f,
           const char       *id,
           const QueueState *state)
{
  g_autoptr(PltMessage) message = plt_message_new (PLT_MESSAGE_QUEUE_UPDATE);
  PltQueueData *data = plt_queue_data_new ();

  data->id = g_strdup (id);
  data->ver = ++f->version;
  data->name = g_strdup (g_str_equal (id, "q-1") ? "Ventes" : "Support");
  data->media = PLT_QUEUE_MEDIA_INBOUND;
  data->sl_threshold_s = 20;
  data->sl_target = 0.8;
  data->waiting = state->waiting;
  data->oldest_since = state->oldest_since;
  data->today.offered = state->offered;
  data->today.answered = state->answered;
  data->today.answered_in_sl = state->answered_in_sl;
  data->today.abandoned = state->abandoned;
  data->agents.available = state->available;
  data->agents.busy = state->busy;
  message->u.queue = data;

  plt_model_apply_delta (f->model, message);
  plt_model_flush (f->model);
}

/* The router's figures of today for @id: its AHT and its counters. */
static void
set_kpi_today (Fixture    *f,
               const char *id,
               gint64      offered,
               gint64      answered,
               gint64      answered_in_t,
               gint64      abandoned,
               double      aht_s,
               gint64      to)
{
  PltKpiUpdateData update = { 0 };

  plt_kpi_values_init (&update.values);
  update.scope = (char *) "queue";
  update.id = (char *) id;
  update.period = (char *) "today";
  update.from = T0 - 10 * 3600 * SECOND;
  update.to = to;
  update.sl_variant = (char *) "abandons_missed";
  update.sl_threshold_s = 20;
  update.values.offered = offered;
  update.values.answered = answered;
  update.values.answered_in_t = answered_in_t;
  update.values.abandoned = abandoned;
  update.values.service_level = answered + abandoned > 0 ? (double) answered_in_t / (answered + abandoned) : NAN;
  update.values.aht_s = aht_s;
  g_assert_true (plt_model_apply_kpi (f->model, &update));
}

/* The clock stands still (no link): each sync sets "now" and ticks. */
static void
at (Fixture *f,
    gint64   time)
{
  plt_clock_sync (f->clock, time, 1.0);
}

static void
raised_cb (PltAlertMonitor *monitor,
           const PltAlert  *alert,
           Fixture         *f)
{
  g_ptr_array_add (f->raised, g_strdup_printf ("%s/%u", alert->queue_id, (guint) alert->kind));
}

static void
changed_cb (PltAlertMonitor *monitor,
            Fixture         *f)
{
  f->changed++;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->model = plt_model_new ();
  f->clock = plt_clock_new ();
  f->trends = plt_queue_trends_new (f->model, f->clock);
  f->raised = g_ptr_array_new_with_free_func (g_free);
  at (f, T0);
  f->monitor = plt_alert_monitor_new (f->model, f->clock);
  g_signal_connect (f->monitor, "raised", G_CALLBACK (raised_cb), f);
  g_signal_connect (f->monitor, "changed", G_CALLBACK (changed_cb), f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->monitor);
  g_assert_finalize_object (f->trends);
  g_assert_finalize_object (f->model);
  g_assert_finalize_object (f->clock);
  g_ptr_array_unref (f->raised);
}

static const PltAlert *
find_alert (Fixture      *f,
            const char   *queue_id,
            PltAlertKind  kind)
{
  GPtrArray *alerts = plt_alert_monitor_get_alerts (f->monitor);

  for (guint i = 0; i < alerts->len; i++)
    {
      const PltAlert *alert = g_ptr_array_index (alerts, i);

      if (alert->kind == kind && g_str_equal (alert->queue_id, queue_id))
        return alert;
    }

  return NULL;
}

static PltAlertLevel
level_of (Fixture      *f,
          const char   *queue_id,
          PltAlertKind  kind)
{
  const PltAlert *alert = find_alert (f, queue_id, kind);

  return alert != NULL ? alert->level : PLT_ALERT_LEVEL_NONE;
}

/* Thresholds ---------------------------------------------------------------- */

static void
test_thresholds (void)
{
  PltAlertThresholds thresholds = PLT_ALERT_THRESHOLDS_INIT;
  PltAlertThresholds back = { 0 };
  g_autoptr(GVariant) variant = NULL;

  g_assert_cmpint (plt_alert_level_for_waiting (&thresholds, 2), ==, PLT_ALERT_LEVEL_NONE);
  g_assert_cmpint (plt_alert_level_for_waiting (&thresholds, 3), ==, PLT_ALERT_LEVEL_WARNING);
  g_assert_cmpint (plt_alert_level_for_waiting (&thresholds, 6), ==, PLT_ALERT_LEVEL_ALARM);

  /* The queue's T: a warning from three quarters, an alarm past it. */
  g_assert_cmpint (plt_alert_level_for_wait (&thresholds, 20, 14 * SECOND), ==, PLT_ALERT_LEVEL_NONE);
  g_assert_cmpint (plt_alert_level_for_wait (&thresholds, 20, 15 * SECOND), ==, PLT_ALERT_LEVEL_WARNING);
  g_assert_cmpint (plt_alert_level_for_wait (&thresholds, 20, 21 * SECOND), ==, PLT_ALERT_LEVEL_ALARM);

  g_assert_cmpint (plt_alert_level_for_service_level (&thresholds, 0.80, 0.8), ==, PLT_ALERT_LEVEL_NONE);
  g_assert_cmpint (plt_alert_level_for_service_level (&thresholds, 0.78, 0.8), ==, PLT_ALERT_LEVEL_WARNING);
  g_assert_cmpint (plt_alert_level_for_service_level (&thresholds, 0.70, 0.8), ==, PLT_ALERT_LEVEL_ALARM);
  g_assert_cmpint (plt_alert_level_for_service_level (&thresholds, -1.0, 0.8), ==, PLT_ALERT_LEVEL_NONE);

  /* A target of the supervisor's own replaces the queue's. */
  g_assert_cmpfloat (plt_alert_thresholds_get_target (&thresholds, 0.8), ==, 0.8);
  thresholds.sl_target_percent = 90;
  g_assert_cmpfloat (plt_alert_thresholds_get_target (&thresholds, 0.8), ==, 0.9);

  /* Kept in the settings as a variant, and read back. */
  thresholds.waiting_alarm = 9;
  thresholds.projected_breach = FALSE;
  variant = g_variant_ref_sink (plt_alert_thresholds_to_variant (&thresholds));
  g_assert_cmpstr (g_variant_get_type_string (variant), ==, PLT_ALERT_THRESHOLDS_VARIANT_TYPE);
  plt_alert_thresholds_from_variant (&back, variant);
  g_assert_cmpmem (&back, sizeof back, &thresholds, sizeof thresholds);
}

static void
test_overrides (Fixture       *f,
                gconstpointer  data)
{
  PltAlertThresholds strict = PLT_ALERT_THRESHOLDS_INIT;

  set_queue (f, "q-1", &(QueueState) { .waiting = 2 });
  set_queue (f, "q-2", &(QueueState) { .waiting = 2 });
  at (f, T0 + SECOND);
  g_assert_cmpint (level_of (f, "q-1", PLT_ALERT_KIND_WAITING), ==, PLT_ALERT_LEVEL_NONE);
  g_assert_cmpint (level_of (f, "q-2", PLT_ALERT_KIND_WAITING), ==, PLT_ALERT_LEVEL_NONE);

  /* Support has thresholds of its own: two waiting is an alarm there. */
  strict.waiting_warning = 1;
  strict.waiting_alarm = 2;
  plt_alert_monitor_set_queue_thresholds (f->monitor, "q-2", &strict);
  g_assert_true (plt_alert_monitor_get_queue_thresholds (f->monitor, "q-2")->waiting_alarm == 2);
  g_assert_true (plt_alert_monitor_get_queue_thresholds (f->monitor, "q-1") == plt_alert_monitor_get_thresholds (f->monitor));
  g_assert_cmpint (level_of (f, "q-1", PLT_ALERT_KIND_WAITING), ==, PLT_ALERT_LEVEL_NONE);
  g_assert_cmpint (level_of (f, "q-2", PLT_ALERT_KIND_WAITING), ==, PLT_ALERT_LEVEL_ALARM);
  g_assert_cmpstr (find_alert (f, "q-2", PLT_ALERT_KIND_WAITING)->text, ==, "Support: 2 contacts waiting");
  g_assert_cmpint (plt_alert_monitor_get_queue_level (f->monitor, "q-2", NULL), ==, PLT_ALERT_LEVEL_ALARM);

  /* Back to the defaults. */
  plt_alert_monitor_set_queue_thresholds (f->monitor, "q-2", NULL);
  g_assert_cmpint (level_of (f, "q-2", PLT_ALERT_KIND_WAITING), ==, PLT_ALERT_LEVEL_NONE);
}

static void
test_settings (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.plateau.Plateau");
  g_autoptr(GVariantBuilder) builder = g_variant_builder_new (G_VARIANT_TYPE ("a{s(uuubub)}"));
  PltAlertThresholds strict = PLT_ALERT_THRESHOLDS_INIT;

  set_queue (f, "q-1", &(QueueState) { .waiting = 4 });
  set_queue (f, "q-2", &(QueueState) { .waiting = 4 });
  plt_alert_monitor_follow_settings (f->monitor, settings);
  g_assert_cmpint (level_of (f, "q-1", PLT_ALERT_KIND_WAITING), ==, PLT_ALERT_LEVEL_WARNING);

  /* A change of the defaults, then of one queue's own, applies at once. */
  g_settings_set_uint (settings, "alert-waiting-warning", 5);
  g_assert_cmpint (level_of (f, "q-1", PLT_ALERT_KIND_WAITING), ==, PLT_ALERT_LEVEL_NONE);

  strict.waiting_alarm = 4;
  g_variant_builder_add (builder, "{s@(uuubub)}", "q-2", plt_alert_thresholds_to_variant (&strict));
  g_settings_set_value (settings, "alert-queue-overrides", g_variant_builder_end (builder));
  g_assert_cmpint (level_of (f, "q-1", PLT_ALERT_KIND_WAITING), ==, PLT_ALERT_LEVEL_NONE);
  g_assert_cmpint (level_of (f, "q-2", PLT_ALERT_KIND_WAITING), ==, PLT_ALERT_LEVEL_ALARM);

  plt_alert_monitor_follow_settings (f->monitor, NULL);
  g_settings_reset (settings, "alert-waiting-warning");
  g_settings_reset (settings, "alert-queue-overrides");
}

/* Hysteresis ---------------------------------------------------------------- */

static void
test_hysteresis (Fixture       *f,
                 gconstpointer  data)
{
  /* Waiting: the alarm at 6 holds at 5, a warning from 4. */
  set_queue (f, "q-1", &(QueueState) { .waiting = 6 });
  g_assert_cmpint (level_of (f, "q-1", PLT_ALERT_KIND_WAITING), ==, PLT_ALERT_LEVEL_ALARM);
  set_queue (f, "q-1", &(QueueState) { .waiting = 5 });
  g_assert_cmpint (level_of (f, "q-1", PLT_ALERT_KIND_WAITING), ==, PLT_ALERT_LEVEL_ALARM);
  set_queue (f, "q-1", &(QueueState) { .waiting = 4 });
  g_assert_cmpint (level_of (f, "q-1", PLT_ALERT_KIND_WAITING), ==, PLT_ALERT_LEVEL_WARNING);
  /* Up again is at once: 5 is below the alarm from a warning. */
  set_queue (f, "q-1", &(QueueState) { .waiting = 5 });
  g_assert_cmpint (level_of (f, "q-1", PLT_ALERT_KIND_WAITING), ==, PLT_ALERT_LEVEL_WARNING);
  set_queue (f, "q-1", &(QueueState) { .waiting = 2 });
  g_assert_cmpint (level_of (f, "q-1", PLT_ALERT_KIND_WAITING), ==, PLT_ALERT_LEVEL_WARNING);
  set_queue (f, "q-1", &(QueueState) { .waiting = 1 });
  g_assert_cmpint (level_of (f, "q-1", PLT_ALERT_KIND_WAITING), ==, PLT_ALERT_LEVEL_NONE);

  /* The longest wait: past T (20 s) an alarm, held down to 18 s. */
  set_queue (f, "q-1", &(QueueState) { .waiting = 1, .oldest_since = T0 });
  at (f, T0 + 21 * SECOND);
  g_assert_cmpint (level_of (f, "q-1", PLT_ALERT_KIND_LONGEST_WAIT), ==, PLT_ALERT_LEVEL_ALARM);
  set_queue (f, "q-1", &(QueueState) { .waiting = 1, .oldest_since = T0 + 2 * SECOND });
  g_assert_cmpint (level_of (f, "q-1", PLT_ALERT_KIND_LONGEST_WAIT), ==, PLT_ALERT_LEVEL_ALARM);
  set_queue (f, "q-1", &(QueueState) { .waiting = 1, .oldest_since = T0 + 4 * SECOND });
  g_assert_cmpint (level_of (f, "q-1", PLT_ALERT_KIND_LONGEST_WAIT), ==, PLT_ALERT_LEVEL_WARNING);

  /* The service level: a breach at 74 % of 80 % holds within a point. */
  set_queue (f, "q-1", &(QueueState) { .offered = 100, .answered = 100, .answered_in_sl = 74 });
  g_assert_cmpint (level_of (f, "q-1", PLT_ALERT_KIND_SERVICE_LEVEL), ==, PLT_ALERT_LEVEL_ALARM);
  set_queue (f, "q-1", &(QueueState) { .offered = 100, .answered = 100, .answered_in_sl = 75 });
  g_assert_cmpint (level_of (f, "q-1", PLT_ALERT_KIND_SERVICE_LEVEL), ==, PLT_ALERT_LEVEL_ALARM);
  set_queue (f, "q-1", &(QueueState) { .offered = 100, .answered = 100, .answered_in_sl = 76 });
  g_assert_cmpint (level_of (f, "q-1", PLT_ALERT_KIND_SERVICE_LEVEL), ==, PLT_ALERT_LEVEL_WARNING);
  set_queue (f, "q-1", &(QueueState) { .offered = 100, .answered = 100, .answered_in_sl = 80 });
  g_assert_cmpint (level_of (f, "q-1", PLT_ALERT_KIND_SERVICE_LEVEL), ==, PLT_ALERT_LEVEL_WARNING);
  set_queue (f, "q-1", &(QueueState) { .offered = 100, .answered = 100, .answered_in_sl = 81 });
  g_assert_cmpint (level_of (f, "q-1", PLT_ALERT_KIND_SERVICE_LEVEL), ==, PLT_ALERT_LEVEL_NONE);
}

/* Acknowledged once --------------------------------------------------------- */

static void
test_acknowledge_once (Fixture       *f,
                       gconstpointer  data)
{
  const PltAlert *alert;

  /* A warning is not told; the alarm is, once. */
  set_queue (f, "q-1", &(QueueState) { .waiting = 4 });
  g_assert_cmpuint (f->raised->len, ==, 0);
  set_queue (f, "q-1", &(QueueState) { .waiting = 7 });
  g_assert_cmpuint (f->raised->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->raised, 0), ==, "q-1/0");
  set_queue (f, "q-1", &(QueueState) { .waiting = 8 });
  at (f, T0 + SECOND);
  g_assert_cmpuint (f->raised->len, ==, 1);

  /* Acknowledged: in the list still, marked, and quiet while it lasts. */
  f->changed = 0;
  plt_alert_monitor_acknowledge (f->monitor, "q-1", PLT_ALERT_KIND_WAITING);
  g_assert_cmpuint (f->changed, ==, 1);
  alert = find_alert (f, "q-1", PLT_ALERT_KIND_WAITING);
  g_assert_nonnull (alert);
  g_assert_true (alert->acknowledged);
  set_queue (f, "q-1", &(QueueState) { .waiting = 9 });
  at (f, T0 + 2 * SECOND);
  g_assert_true (find_alert (f, "q-1", PLT_ALERT_KIND_WAITING)->acknowledged);
  g_assert_cmpuint (f->raised->len, ==, 1);

  /* Down to a warning and up again: still the same alert, still seen. */
  set_queue (f, "q-1", &(QueueState) { .waiting = 4 });
  set_queue (f, "q-1", &(QueueState) { .waiting = 8 });
  g_assert_cmpuint (f->raised->len, ==, 1);

  /* It ends, and begins anew: told again, not acknowledged. */
  set_queue (f, "q-1", &(QueueState) { .waiting = 0 });
  g_assert_null (find_alert (f, "q-1", PLT_ALERT_KIND_WAITING));
  set_queue (f, "q-1", &(QueueState) { .waiting = 7 });
  g_assert_cmpuint (f->raised->len, ==, 2);
  g_assert_false (find_alert (f, "q-1", PLT_ALERT_KIND_WAITING)->acknowledged);

  /* A warning acknowledged that becomes an alarm is told. */
  set_queue (f, "q-2", &(QueueState) { .waiting = 3 });
  plt_alert_monitor_acknowledge_all (f->monitor);
  g_assert_true (find_alert (f, "q-2", PLT_ALERT_KIND_WAITING)->acknowledged);
  g_assert_true (find_alert (f, "q-1", PLT_ALERT_KIND_WAITING)->acknowledged);
  set_queue (f, "q-2", &(QueueState) { .waiting = 6 });
  g_assert_cmpuint (f->raised->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (f->raised, 2), ==, "q-2/0");
  g_assert_false (find_alert (f, "q-2", PLT_ALERT_KIND_WAITING)->acknowledged);
}

/* The projected breach ------------------------------------------------------ */

static void
test_projected_breach (Fixture       *f,
                       gconstpointer  data)
{
  const PltAlert *alert;
  PltSlProjectionInput input;
  PltSlProjection projection;

  plt_alert_monitor_set_trends (f->monitor, f->trends);

  /* 10:00: the quarter-hour starts; the day so far: 100 offered. */
  set_queue (f, "q-1", &(QueueState) { .offered = 100, .answered = 95, .answered_in_sl = 90,
                                       .abandoned = 5, .available = 2, .busy = 0 });
  set_kpi_today (f, "q-1", 100, 95, 90, 5, 180, T0);
  at (f, T0);

  /* 10:05: 15 more offered, 13 answered in time, 1 late, 1 waiting — with
   * 3 minutes a contact on 2 agents and 3 arrivals a minute, newcomers
   * will not be answered in time. */
  set_queue (f, "q-1", &(QueueState) { .waiting = 1, .oldest_since = T0 + 295 * SECOND,
                                       .offered = 115, .answered = 109, .answered_in_sl = 103,
                                       .abandoned = 5, .available = 0, .busy = 2 });
  set_kpi_today (f, "q-1", 115, 109, 103, 5, 180, T0 + 300 * SECOND);
  at (f, T0 + 300 * SECOND);

  g_assert_true (plt_alert_project_queue (plt_alert_monitor_get_thresholds (f->monitor),
                                          plt_model_lookup_queue (f->model, "q-1"), f->trends,
                                          T0 + 300 * SECOND, -1, &input, &projection));
  g_assert_cmpfloat (input.met, ==, 13);
  g_assert_cmpfloat (input.decided, ==, 14);
  g_assert_cmpuint (input.waiting, ==, 1);
  g_assert_cmpuint (input.waiting_over_t, ==, 0);
  g_assert_cmpfloat_with_epsilon (input.arrivals_per_s, 15.0 / 300, 1e-9);
  g_assert_cmpfloat (input.remaining_s, ==, 600);
  g_assert_cmpuint (input.agents, ==, 2);
  g_assert_cmpfloat (projection.at_end, <, 0.8);
  g_assert_cmpfloat (projection.breach_in_s, >, 0);

  alert = find_alert (f, "q-1", PLT_ALERT_KIND_PROJECTED_BREACH);
  g_assert_nonnull (alert);
  g_assert_cmpint (alert->level, ==, PLT_ALERT_LEVEL_WARNING);
  g_assert_true (g_str_has_prefix (alert->text, "Ventes: service level heading for "));
  g_assert_nonnull (strstr (alert->text, "by 10:15, target 80\u00a0%, below it in "));
  g_assert_cmpuint (f->raised->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->raised, 0), ==, "q-1/3");

  /* Told once. */
  at (f, T0 + 301 * SECOND);
  g_assert_cmpuint (f->raised->len, ==, 1);

  /* Without the projection switch, nothing. */
  {
    PltAlertThresholds thresholds = *plt_alert_monitor_get_thresholds (f->monitor);

    thresholds.projected_breach = FALSE;
    plt_alert_monitor_set_thresholds (f->monitor, &thresholds);
    g_assert_null (find_alert (f, "q-1", PLT_ALERT_KIND_PROJECTED_BREACH));
    thresholds.projected_breach = TRUE;
    plt_alert_monitor_set_thresholds (f->monitor, &thresholds);
  }

  /* Staffed again (14 agents free for 9 Erlangs): back above the target. */
  set_queue (f, "q-1", &(QueueState) { .waiting = 0, .offered = 115, .answered = 110,
                                       .answered_in_sl = 104, .abandoned = 5, .available = 14 });
  at (f, T0 + 302 * SECOND);
  g_assert_null (find_alert (f, "q-1", PLT_ALERT_KIND_PROJECTED_BREACH));

  /* Calls placed have no service level: never a projected breach. */
  {
    g_autoptr(PltMessage) message = plt_message_new (PLT_MESSAGE_QUEUE_UPDATE);
    PltQueueData *queue = plt_queue_data_new ();

    queue->id = g_strdup ("q-out");
    queue->ver = 1;
    queue->name = g_strdup ("Campagne");
    queue->media = PLT_QUEUE_MEDIA_OUTBOUND;
    queue->sl_threshold_s = 20;
    queue->sl_target = 0.8;
    queue->today.offered = 100;
    queue->today.answered = 30;
    queue->today.abandoned = 70;
    queue->agents.busy = 2;
    message->u.queue = queue;
    plt_model_apply_delta (f->model, message);
    plt_model_flush (f->model);
    set_kpi_today (f, "q-out", 100, 30, 0, 70, 120, T0 + 303 * SECOND);
    at (f, T0 + 303 * SECOND);
    queue = plt_queue_to_data (plt_model_lookup_queue (f->model, "q-out"));
    plt_queue_data_free (message->u.queue);
    queue->ver = 2;
    queue->today.offered = 140;
    queue->today.answered = 40;
    queue->today.abandoned = 100;
    message->u.queue = queue;
    plt_model_apply_delta (f->model, message);
    plt_model_flush (f->model);
    set_kpi_today (f, "q-out", 140, 40, 0, 100, 120, T0 + 390 * SECOND);
    at (f, T0 + 390 * SECOND);
    g_assert_null (find_alert (f, "q-out", PLT_ALERT_KIND_PROJECTED_BREACH));
  }

  /* No handle time (the router sends no figures for it): no projection. */
  set_queue (f, "q-2", &(QueueState) { .waiting = 3, .offered = 50, .answered = 40, .answered_in_sl = 10 });
  at (f, T0 + 400 * SECOND);
  g_assert_false (plt_alert_project_queue (plt_alert_monitor_get_thresholds (f->monitor),
                                           plt_model_lookup_queue (f->model, "q-2"), f->trends,
                                           T0 + 400 * SECOND, 0, &input, &projection));
  g_assert_null (find_alert (f, "q-2", PLT_ALERT_KIND_PROJECTED_BREACH));
}

static void
test_projection_level (void)
{
  PltSlProjectionInput input = { .target = 0.8, .decided = 10, .waiting = 0,
                                 .arrivals_per_s = 0.01, .remaining_s = 100 };
  PltSlProjection projection = { TRUE, 0.5, 0.9, 0.79, 30 };

  g_assert_cmpint (plt_alert_level_for_projection (&input, &projection, PLT_ALERT_LEVEL_NONE), ==,
                   PLT_ALERT_LEVEL_WARNING);

  /* Held within a point above the target, not from nothing. */
  projection.at_end = 0.805;
  g_assert_cmpint (plt_alert_level_for_projection (&input, &projection, PLT_ALERT_LEVEL_WARNING), ==,
                   PLT_ALERT_LEVEL_WARNING);
  g_assert_cmpint (plt_alert_level_for_projection (&input, &projection, PLT_ALERT_LEVEL_NONE), ==,
                   PLT_ALERT_LEVEL_NONE);
  projection.at_end = 0.82;
  g_assert_cmpint (plt_alert_level_for_projection (&input, &projection, PLT_ALERT_LEVEL_WARNING), ==,
                   PLT_ALERT_LEVEL_NONE);

  /* Too few contacts to say anything. */
  projection.at_end = 0.5;
  input.decided = 2;
  g_assert_cmpint (plt_alert_level_for_projection (&input, &projection, PLT_ALERT_LEVEL_NONE), ==,
                   PLT_ALERT_LEVEL_NONE);

  projection.valid = FALSE;
  input.decided = 20;
  g_assert_cmpint (plt_alert_level_for_projection (&input, &projection, PLT_ALERT_LEVEL_WARNING), ==,
                   PLT_ALERT_LEVEL_NONE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/Plateau/Alerts/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  g_test_add_func ("/Plateau/Alerts/thresholds", test_thresholds);
  g_test_add_func ("/Plateau/Alerts/projection-level", test_projection_level);
  ADD ("overrides", test_overrides);
  ADD ("settings", test_settings);
  ADD ("hysteresis", test_hysteresis);
  ADD ("acknowledge-once", test_acknowledge_once);
  ADD ("projected-breach", test_projected_breach);

#undef ADD

  return g_test_run ();
}
