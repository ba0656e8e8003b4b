/* test-queue-logic.c — what the queue board and its alerts compute, without a display:
 * the last hour of each queue, its current quarter-hour, and the projected service level
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "plt-clock.h"
#include "plt-membership-model.h"
#include "plt-model.h"
#include "plt-queue.h"
#include "plt-queue-trends.h"
#include "plt-sl-projection.h"
#include "plt-staffing.h"

/* 2026-11-27 10:00:00 UTC: a quarter-hour. */
#define T0 G_GINT64_CONSTANT (1795773600000)
#define MINUTE (60 * 1000)

typedef struct
{
  PltModel       *model;
  PltClock       *clock;
  PltQueueTrends *trends;
  gint64          version;
} Fixture;

static void
set_queue (Fixture    *f,
           const char *id,
           guint       waiting,
           guint       offered,
           guint       answered,
           guint       answered_in_sl,
           guint       abandoned)
{
  g_autoptr(PltMessage) message = plt_message_new (PLT_MESSAGE_QUEUE_UPDATE);
  PltQueueData *data = plt_queue_data_new ();

  data->id = g_strdup (id);
  data->ver = ++f->version;
  data->name = g_strdup (id);
  data->media = PLT_QUEUE_MEDIA_INBOUND;
  data->sl_threshold_s = 20;
  data->sl_target = 0.8;
  data->waiting = waiting;
  data->today.offered = offered;
  data->today.answered = answered;
  data->today.answered_in_sl = answered_in_sl;
  data->today.abandoned = abandoned;
  message->u.queue = data;

  plt_model_apply_delta (f->model, message);
  plt_model_flush (f->model);
}

static void
remove_queue (Fixture    *f,
              const char *id)
{
  g_autoptr(PltMessage) message = plt_message_new (PLT_MESSAGE_QUEUE_REMOVE);

  message->u.remove.id = g_strdup (id);
  message->u.remove.ver = ++f->version;
  plt_model_apply_delta (f->model, message);
  plt_model_flush (f->model);
}

/* The clock stands still (no link): each sync sets "now" and samples. */
static void
at (Fixture *f,
    gint64   time)
{
  plt_clock_sync (f->clock, time, 1.0);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->model = plt_model_new ();
  f->clock = plt_clock_new ();
  f->trends = plt_queue_trends_new (f->model, f->clock);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->trends);
  g_assert_finalize_object (f->model);
  g_assert_finalize_object (f->clock);
}

static void
test_trends_minutes (Fixture       *f,
                     gconstpointer  data)
{
  const PltTrendSample *samples;
  guint n;

  g_assert_null (plt_queue_trends_get (f->trends, "q-1", &n));
  g_assert_cmpuint (n, ==, 0);

  /* Within a minute: the most waiting, the last service level. */
  set_queue (f, "q-1", 2, 10, 8, 6, 1);
  at (f, T0 + 5000);
  set_queue (f, "q-1", 7, 12, 10, 8, 1);
  at (f, T0 + 20000);
  set_queue (f, "q-1", 3, 12, 10, 9, 1);
  at (f, T0 + 59999);

  samples = plt_queue_trends_get (f->trends, "q-1", &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (samples[0].minute, ==, T0);
  g_assert_cmpuint (samples[0].waiting, ==, 7);
  g_assert_cmpfloat_with_epsilon (samples[0].service_level, 0.9, 1e-6);

  /* The next minute; a minute with no tick (the link was down) stays a gap. */
  at (f, T0 + 1 * MINUTE);
  at (f, T0 + 3 * MINUTE + 500);
  samples = plt_queue_trends_get (f->trends, "q-1", &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpint (samples[1].minute, ==, T0 + 1 * MINUTE);
  g_assert_cmpuint (samples[1].waiting, ==, 3);
  g_assert_cmpint (samples[2].minute, ==, T0 + 3 * MINUTE);

  /* An hour and the minute in progress, no more. */
  for (gint64 m = 4; m <= 90; m++)
    at (f, T0 + m * MINUTE);
  samples = plt_queue_trends_get (f->trends, "q-1", &n);
  g_assert_cmpuint (n, ==, PLT_QUEUE_TRENDS_MINUTES + 1);
  g_assert_cmpint (samples[0].minute, ==, T0 + 30 * MINUTE);
  g_assert_cmpint (samples[n - 1].minute, ==, T0 + 90 * MINUTE);

  /* A clock that goes back a little stays in the minute in progress. */
  at (f, T0 + 89 * MINUTE);
  samples = plt_queue_trends_get (f->trends, "q-1", &n);
  g_assert_cmpint (samples[n - 1].minute, ==, T0 + 90 * MINUTE);

  /* After a long gap, the old minutes go. */
  at (f, T0 + 200 * MINUTE);
  samples = plt_queue_trends_get (f->trends, "q-1", &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (samples[0].minute, ==, T0 + 200 * MINUTE);

  /* Nothing answered: the service level is undefined. */
  set_queue (f, "q-2", 0, 0, 0, 0, 0);
  at (f, T0 + 201 * MINUTE);
  samples = plt_queue_trends_get (f->trends, "q-2", &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_true (isnan (samples[0].service_level));

  /* A queue that leaves takes its history with it. */
  remove_queue (f, "q-2");
  at (f, T0 + 202 * MINUTE);
  g_assert_null (plt_queue_trends_get (f->trends, "q-2", &n));
  g_assert_nonnull (plt_queue_trends_get (f->trends, "q-1", &n));
}

static void
test_trends_rolling_service_level (Fixture       *f,
                                   gconstpointer  data)
{
  PltKpiUpdateData update = { 0 };
  const PltTrendSample *samples;
  guint n;

  set_queue (f, "q-1", 0, 10, 10, 5, 0);
  at (f, T0);
  samples = plt_queue_trends_get (f->trends, "q-1", &n);
  g_assert_cmpfloat_with_epsilon (samples[0].service_level, 0.5, 1e-6);

  /* The router's rolling window, when it sends it, is what the line shows. */
  plt_kpi_values_init (&update.values);
  update.scope = (char *) "queue";
  update.id = (char *) "q-1";
  update.period = (char *) "rolling";
  update.sl_variant = (char *) "abandons_missed";
  update.sl_threshold_s = 20;
  update.values.service_level = 0.25;
  g_assert_true (plt_model_apply_kpi (f->model, &update));
  at (f, T0 + 1000);
  samples = plt_queue_trends_get (f->trends, "q-1", &n);
  g_assert_cmpfloat_with_epsilon (samples[0].service_level, 0.25, 1e-6);
}

static void
test_trends_interval (Fixture       *f,
                      gconstpointer  data)
{
  PltTrendInterval interval;
  PltKpiUpdateData update = { 0 };

  g_assert_false (plt_queue_trends_get_interval (f->trends, "q-1", &interval));

  /* The console joins at 10:05: the quarter-hour is counted from there. */
  set_queue (f, "q-1", 0, 100, 90, 80, 5);
  at (f, T0 + 5 * MINUTE);
  set_queue (f, "q-1", 1, 110, 97, 84, 7);
  at (f, T0 + 10 * MINUTE);
  g_assert_true (plt_queue_trends_get_interval (f->trends, "q-1", &interval));
  g_assert_cmpint (interval.start, ==, T0);
  g_assert_cmpint (interval.end, ==, T0 + 15 * MINUTE);
  g_assert_cmpint (interval.observed_from, ==, T0 + 5 * MINUTE);
  g_assert_cmpint (interval.counts.offered, ==, 10);
  g_assert_cmpint (interval.counts.answered, ==, 7);
  g_assert_cmpint (interval.counts.answered_in_t, ==, 4);
  g_assert_cmpint (interval.counts.abandoned, ==, 2);

  /* The next quarter-hour starts from the counts the last one ended with. */
  set_queue (f, "q-1", 0, 115, 100, 86, 7);
  at (f, T0 + 15 * MINUTE + 1000);
  g_assert_true (plt_queue_trends_get_interval (f->trends, "q-1", &interval));
  g_assert_cmpint (interval.start, ==, T0 + 15 * MINUTE);
  g_assert_cmpint (interval.observed_from, ==, T0 + 15 * MINUTE);
  g_assert_cmpint (interval.counts.offered, ==, 5);
  g_assert_cmpint (interval.counts.answered, ==, 3);

  /* A new day: the counters restart, and so does the interval. */
  set_queue (f, "q-1", 0, 2, 1, 1, 0);
  at (f, T0 + 16 * MINUTE);
  g_assert_true (plt_queue_trends_get_interval (f->trends, "q-1", &interval));
  g_assert_cmpint (interval.observed_from, ==, T0 + 16 * MINUTE);
  g_assert_cmpint (interval.counts.offered, ==, 0);

  /* The router's figures replace the queue's counters, from then on. */
  plt_kpi_values_init (&update.values);
  update.scope = (char *) "queue";
  update.id = (char *) "q-1";
  update.period = (char *) "today";
  update.values.offered = 40;
  update.values.answered = 30;
  update.values.answered_in_t = 20;
  update.values.abandoned = 6;
  update.values.abandoned_short = 2;
  plt_model_apply_kpi (f->model, &update);
  at (f, T0 + 17 * MINUTE);
  update.values.offered = 44;
  update.values.abandoned = 8;
  update.values.abandoned_short = 3;
  plt_model_apply_kpi (f->model, &update);
  at (f, T0 + 18 * MINUTE);
  g_assert_true (plt_queue_trends_get_interval (f->trends, "q-1", &interval));
  g_assert_cmpint (interval.observed_from, ==, T0 + 17 * MINUTE);
  g_assert_cmpint (interval.counts.offered, ==, 4);
  g_assert_cmpint (interval.counts.abandoned, ==, 2);
  g_assert_cmpint (interval.counts.abandoned_short, ==, 1);
}

/* Membership --------------------------------------------------------------- */

static void
count_changes_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *count)
{
  (*count)++;
}

static void
test_membership (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(PltMembershipModel) members = NULL;
  GListModel *queues = G_LIST_MODEL (plt_model_get_queues (f->model));
  guint changes = 0;

  set_queue (f, "q-1", 0, 0, 0, 0, 0);
  set_queue (f, "q-2", 0, 0, 0, 0, 0);
  members = plt_membership_model_new (queues);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (members)), ==, 2);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (members)) == PLT_TYPE_QUEUE);
  g_signal_connect (members, "items-changed", G_CALLBACK (count_changes_cb), &changes);

  /* Updates in place: the store tells, the membership does not. */
  set_queue (f, "q-1", 3, 1, 0, 0, 0);
  set_queue (f, "q-2", 4, 1, 0, 0, 0);
  g_assert_cmpuint (changes, ==, 0);

  /* A queue that comes, one that goes: told. */
  set_queue (f, "q-3", 0, 0, 0, 0, 0);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (members)), ==, 3);
  remove_queue (f, "q-1");
  g_assert_cmpuint (changes, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (members)), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(PltQueue) a = g_list_model_get_item (G_LIST_MODEL (members), i);
      g_autoptr(PltQueue) b = g_list_model_get_item (queues, i);

      g_assert_true (a == b);
    }
}

/* Projected service level -------------------------------------------------- */

static void
test_projection_staffed (void)
{
  PltSlProjection projection;
  PltStaffingResult erlang;
  PltSlProjectionInput input = {
    .target = 0.8, .threshold_s = 20,
    .met = 40, .decided = 50,
    .waiting = 2, .waiting_over_t = 0,
    .arrivals_per_s = 1.0 / 30, .aht_s = 180, .agents = 10,
    .remaining_s = 600,
  };

  plt_sl_projection_compute (&input, &projection);
  g_assert_true (projection.valid);

  /* p is Erlang C's share answered within T, for λ AHT = 6 Erlangs. */
  plt_erlang_c (6.0, 180, 10, 20, &erlang);
  g_assert_cmpfloat_with_epsilon (projection.p_answer_in_t, erlang.service_level, 1e-12);
  g_assert_cmpfloat (projection.p_answer_in_t, >, 0.8);

  /* now = (40 + 2p) / 52; at the end 20 more contacts. */
  g_assert_cmpfloat_with_epsilon (projection.now, (40 + 2 * erlang.service_level) / 52, 1e-12);
  g_assert_cmpfloat_with_epsilon (projection.at_end, (40 + 22 * erlang.service_level) / 72, 1e-9);
  g_assert_cmpfloat (projection.at_end, >, 0.8);
  g_assert_cmpfloat (projection.breach_in_s, ==, -1.0);
}

static void
test_projection_breach (void)
{
  PltSlProjection projection;
  PltSlProjectionInput input = {
    .target = 0.8, .threshold_s = 20,
    .met = 9, .decided = 10,
    .waiting = 0, .waiting_over_t = 0,
    /* 3 a minute, 3 minutes each, on 2 agents: 9 Erlangs, unstable: p = 0 */
    .arrivals_per_s = 0.05, .aht_s = 180, .agents = 2,
    .remaining_s = 600,
  };

  plt_sl_projection_compute (&input, &projection);
  g_assert_true (projection.valid);
  g_assert_cmpfloat (projection.p_answer_in_t, ==, 0.0);
  g_assert_cmpfloat_with_epsilon (projection.now, 0.9, 1e-12);
  /* 30 more contacts, none in time: 9 / 40 */
  g_assert_cmpfloat_with_epsilon (projection.at_end, 9.0 / 40, 1e-12);
  /* 9 = 0.8 (10 + 0.05 t): t = 25 s */
  g_assert_cmpfloat_with_epsilon (projection.breach_in_s, 25.0, 1e-9);

  /* A breach after the interval's end is none in this interval. */
  input.remaining_s = 20;
  plt_sl_projection_compute (&input, &projection);
  g_assert_cmpfloat (projection.breach_in_s, ==, -1.0);
  g_assert_cmpfloat (projection.at_end, >=, 0.8);
}

static void
test_projection_waiting (void)
{
  PltSlProjection projection;
  PltSlProjectionInput input = {
    .target = 0.8, .threshold_s = 20,
    .met = 8, .decided = 10,
    .waiting = 3, .waiting_over_t = 2,
    .arrivals_per_s = 0, .aht_s = 200, .agents = 0,
    .remaining_s = 300,
  };

  /* Nobody staffed: p = 0; those past T are misses already, the other one
   * will be. */
  plt_sl_projection_compute (&input, &projection);
  g_assert_true (projection.valid);
  g_assert_cmpfloat_with_epsilon (projection.now, 8.0 / 13, 1e-12);
  g_assert_cmpfloat_with_epsilon (projection.at_end, 8.0 / 13, 1e-12);
  g_assert_cmpfloat (projection.breach_in_s, ==, 0.0);

  /* With a mean patience, p is Erlang A's, not Erlang C's. */
  {
    PltStaffingResult erlang_a, erlang_c;

    input.agents = 3;
    input.arrivals_per_s = 0.012;
    input.patience_s = 60;
    plt_sl_projection_compute (&input, &projection);
    plt_erlang_a (0.012 * 200, 200, 60, 3, 20, &erlang_a);
    plt_erlang_c (0.012 * 200, 200, 3, 20, &erlang_c);
    g_assert_true (projection.valid);
    g_assert_cmpfloat_with_epsilon (projection.p_answer_in_t, erlang_a.service_level, 1e-12);
    g_assert_cmpfloat (fabs (projection.p_answer_in_t - erlang_c.service_level), >, 0.01);
  }
}

static void
test_projection_undefined (void)
{
  PltSlProjection projection;
  PltSlProjectionInput input = {
    .target = 0.8, .threshold_s = 20,
    .arrivals_per_s = 0.1, .aht_s = NAN, .agents = 3, .remaining_s = 300,
  };

  /* No handle time: no model of the queue. */
  plt_sl_projection_compute (&input, &projection);
  g_assert_false (projection.valid);
  g_assert_true (isnan (projection.at_end));

  /* Nothing decided, waiting or to come. */
  input.aht_s = 120;
  input.arrivals_per_s = 0;
  plt_sl_projection_compute (&input, &projection);
  g_assert_false (projection.valid);

  /* Inconsistent counts. */
  input.arrivals_per_s = 0.1;
  input.met = 5;
  input.decided = 4;
  plt_sl_projection_compute (&input, &projection);
  g_assert_false (projection.valid);

  /* Only newcomers: the interval's service level is theirs. */
  input.met = 0;
  input.decided = 0;
  plt_sl_projection_compute (&input, &projection);
  g_assert_true (projection.valid);
  g_assert_cmpfloat_with_epsilon (projection.at_end, projection.p_answer_in_t, 1e-12);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/Plateau/QueueTrends/minutes", Fixture, NULL,
              fixture_setup, test_trends_minutes, fixture_teardown);
  g_test_add ("/Plateau/QueueTrends/rolling-service-level", Fixture, NULL,
              fixture_setup, test_trends_rolling_service_level, fixture_teardown);
  g_test_add ("/Plateau/QueueTrends/interval", Fixture, NULL,
              fixture_setup, test_trends_interval, fixture_teardown);
  g_test_add ("/Plateau/MembershipModel/updates-untold", Fixture, NULL,
              fixture_setup, test_membership, fixture_teardown);
  g_test_add_func ("/Plateau/SlProjection/staffed", test_projection_staffed);
  g_test_add_func ("/Plateau/SlProjection/breach", test_projection_breach);
  g_test_add_func ("/Plateau/SlProjection/waiting", test_projection_waiting);
  g_test_add_func ("/Plateau/SlProjection/undefined", test_projection_undefined);

  return g_test_run ();
}
