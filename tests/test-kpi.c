/* test-kpi.c — the KPI engine on hand-made contact records and agent intervals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include <gio/gio.h>

#include "plt-kpi.h"

#define S  1000
#define MINUTE (60 * S)
#define H  (60 * MINUTE)

/* ms since the epoch of a local time in @zone. */
static gint64
local_ms (const char *zone,
          int         year,
          int         month,
          int         day,
          int         hour,
          int         minute,
          int         second)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (zone);
  g_autoptr(GDateTime) dt = NULL;

  g_assert_nonnull (tz);
  dt = g_date_time_new (tz, year, month, day, hour, minute, second);
  return g_date_time_to_unix (dt) * S;
}

/* 2026-03-10 08:00 UTC, a plain Tuesday. */
#define T0 ((gint64) 1773129600000)

static PltContactRecord
make_record (const char        *id,
             const char        *queue,
             gint64             enqueued,
             gint64             wait_ms,
             PltContactOutcome  outcome)
{
  PltContactRecord r = {
    .id = id, .queue = queue, .media = PLT_QUEUE_MEDIA_INBOUND,
    .origin = PLT_CONTACT_ORIGIN_NEW, .enqueued = enqueued, .outcome = outcome,
  };

  switch (outcome)
    {
    case PLT_CONTACT_OUTCOME_ANSWERED:
    case PLT_CONTACT_OUTCOME_TRANSFERRED:
      r.agent = "a-1";
      r.offered = enqueued + wait_ms;
      r.answered = enqueued + wait_ms;
      r.ended = r.answered + 120 * S;
      r.wrap_end = r.ended + 30 * S;
      break;
    case PLT_CONTACT_OUTCOME_ABANDONED:
    case PLT_CONTACT_OUTCOME_OVERFLOWED:
    case PLT_CONTACT_OUTCOME_CALLBACK:
      r.ended = enqueued + wait_ms;
      break;
    case PLT_CONTACT_OUTCOME_NONE:
    default:
      break;
    }

  return r;
}

static PltKpiConfig *
config_with_queue (PltSlVariant variant)
{
  PltKpiConfig *config = plt_kpi_config_new ();
  PltKpiSettings settings = {
    .sl_variant = variant, .sl_threshold_s = 20, .short_abandon_s = 5,
    .day_reset_min = 0, .time_zone = "UTC",
  };
  g_autoptr(GError) error = NULL;

  g_assert_true (plt_kpi_config_set_queue (config, "q-1", &settings, &error));
  g_assert_no_error (error);

  return config;
}

/* One row over [T0, T0 + 1 h) for q-1, from @records, at @now. */
static PltKpiRow *
queue_row (PltKpiConfig           *config,
           const PltContactRecord *records,
           guint                   n_records,
           gint64                  now)
{
  const char * const ids[] = { "q-1", NULL };
  g_autoptr(PltKpiReport) report = plt_kpi_report_new (config, PLT_KPI_SCOPE_QUEUE, ids,
                                                       T0, T0 + H, 0, now);
  g_autoptr(GPtrArray) rows = NULL;

  for (guint i = 0; i < n_records; i++)
    plt_kpi_report_add_contact (report, &records[i]);
  rows = plt_kpi_report_finish (report);
  g_assert_cmpuint (rows->len, ==, 1);

  return g_steal_pointer (&rows->pdata[0]);
}

/*
 * The hand-made call list of the service level tests, T = 20 s, S = 5 s:
 *   c1 answered after 10 s      ≤ T
 *   c2 answered after 20 s      ≤ T (the bound counts as met)
 *   c3 answered after 35 s      > T
 *   c4 answered after 50 s      > T
 *   c5 abandoned after 3 s      ≤ T, short (< S)
 *   c6 abandoned after 15 s     ≤ T
 *   c7 abandoned after 40 s     > T
 *   c8 still waiting (25 s at now)
 *   c9 overflowed after 60 s    leaves the SL
 * ans = 4, ans(≤T) = 2, ab = 3, ab(≤T) = 2, ab(>T) = 1, ab(<S) = 1, offered 9.
 */
static void
make_sl_calls (PltContactRecord *r)
{
  r[0] = make_record ("c1", "q-1", T0 + 1 * MINUTE, 10 * S, PLT_CONTACT_OUTCOME_ANSWERED);
  r[1] = make_record ("c2", "q-1", T0 + 2 * MINUTE, 20 * S, PLT_CONTACT_OUTCOME_ANSWERED);
  r[2] = make_record ("c3", "q-1", T0 + 3 * MINUTE, 35 * S, PLT_CONTACT_OUTCOME_ANSWERED);
  r[3] = make_record ("c4", "q-1", T0 + 4 * MINUTE, 50 * S, PLT_CONTACT_OUTCOME_ANSWERED);
  r[4] = make_record ("c5", "q-1", T0 + 5 * MINUTE, 3 * S, PLT_CONTACT_OUTCOME_ABANDONED);
  r[5] = make_record ("c6", "q-1", T0 + 6 * MINUTE, 15 * S, PLT_CONTACT_OUTCOME_ABANDONED);
  r[6] = make_record ("c7", "q-1", T0 + 7 * MINUTE, 40 * S, PLT_CONTACT_OUTCOME_ABANDONED);
  r[7] = make_record ("c8", "q-1", T0 + 30 * MINUTE - 25 * S, 0, PLT_CONTACT_OUTCOME_NONE);
  r[8] = make_record ("c9", "q-1", T0 + 8 * MINUTE, 60 * S, PLT_CONTACT_OUTCOME_OVERFLOWED);
}

static void
test_sl_variants (void)
{
  const struct { PltSlVariant variant; double expected; } cases[] = {
    /* ans(≤T) / ans = 2/4 */
    { PLT_SL_ANSWERED_ONLY, 2.0 / 4.0 },
    /* (ans(≤T) + ab(≤T)) / (ans + ab) = (2 + 2)/(4 + 3) */
    { PLT_SL_ABANDONS_MET, 4.0 / 7.0 },
    /* ans(≤T) / (ans + ab) = 2/7 */
    { PLT_SL_ABANDONS_MISSED, 2.0 / 7.0 },
    /* ans(≤T) / (ans + ab − ab(<S)) = 2/(4 + 3 − 1) */
    { PLT_SL_SHORT_EXCLUDED, 2.0 / 6.0 },
    /* ans(≤T) / (ans + ab(>T)) = 2/(4 + 1) */
    { PLT_SL_ABANDONS_AFTER_T, 2.0 / 5.0 },
  };
  PltContactRecord records[9];

  make_sl_calls (records);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PltKpiConfig) config = config_with_queue (cases[i].variant);
      g_autoptr(PltKpiRow) row = queue_row (config, records, G_N_ELEMENTS (records), T0 + 30 * MINUTE);
      PltSlVariant parsed;

      g_test_message ("%s", plt_sl_variant_to_string (cases[i].variant));
      g_assert_cmpfloat_with_epsilon (row->values.service_level, cases[i].expected, 1e-12);
      g_assert_true (plt_sl_variant_from_string (plt_sl_variant_to_string (cases[i].variant), &parsed));
      g_assert_cmpint (parsed, ==, cases[i].variant);

      g_assert_cmpint (row->values.offered, ==, 9);
      g_assert_cmpint (row->values.answered, ==, 4);
      g_assert_cmpint (row->values.answered_in_t, ==, 2);
      g_assert_cmpint (row->values.abandoned, ==, 3);
      g_assert_cmpint (row->values.abandoned_short, ==, 1);
      g_assert_cmpint (row->values.overflowed, ==, 1);
      /* (ab − ab(<S)) / (offered − ab(<S)) = 2/8 */
      g_assert_cmpfloat_with_epsilon (row->values.abandon_rate, 0.25, 1e-12);
      /* (10 + 20 + 35 + 50) / 4 */
      g_assert_cmpfloat_with_epsilon (row->values.asa_s, 28.75, 1e-12);
      /* c9 waited 60 s before it overflowed; c8 waits 25 s so far. */
      g_assert_cmpfloat_with_epsilon (row->values.longest_wait_s, 60.0, 1e-12);
    }

  g_assert_false (plt_sl_variant_from_string ("answered", NULL));
}

/* Nothing to divide by: undefined, not 0 or 100 %. */
static void
test_empty_and_outbound (void)
{
  g_autoptr(PltKpiConfig) config = config_with_queue (PLT_SL_ABANDONS_MISSED);
  g_autoptr(PltKpiRow) empty = queue_row (config, NULL, 0, T0 + H);
  PltContactRecord outbound[2];
  g_autoptr(PltKpiRow) row = NULL;

  g_assert_true (isnan (empty->values.service_level));
  g_assert_true (isnan (empty->values.asa_s));
  g_assert_true (isnan (empty->values.aht_s));
  g_assert_cmpfloat (empty->values.longest_wait_s, ==, 0.0);

  /* Outbound: counted, but their "wait" (the dialling) is no queue wait. */
  outbound[0] = make_record ("o1", "q-1", T0, 40 * S, PLT_CONTACT_OUTCOME_ANSWERED);
  outbound[1] = make_record ("o2", "q-1", T0, 30 * S, PLT_CONTACT_OUTCOME_ABANDONED);
  outbound[0].media = outbound[1].media = PLT_QUEUE_MEDIA_OUTBOUND;
  row = queue_row (config, outbound, 2, T0 + H);
  g_assert_cmpint (row->values.offered, ==, 2);
  g_assert_cmpint (row->values.answered, ==, 1);
  g_assert_cmpint (row->values.abandoned, ==, 1);
  g_assert_true (isnan (row->values.service_level));
  g_assert_true (isnan (row->values.asa_s));
  g_assert_cmpfloat (row->values.longest_wait_s, ==, 0.0);
}

/* ASA is Σ wait / answered. Asterisk's "holdtime" h ← (3h + w)/4 over
 * 100, 0, 0, 0 would say 10.5 s; the mean is 25 s. */
static void
test_asa_true_mean (void)
{
  g_autoptr(PltKpiConfig) config = config_with_queue (PLT_SL_ANSWERED_ONLY);
  const gint64 waits[] = { 100 * S, 0, 0, 0 };
  PltContactRecord records[4];
  g_autofree char *ids[4] = { NULL };
  g_autoptr(PltKpiRow) row = NULL;

  for (guint i = 0; i < 4; i++)
    {
      ids[i] = g_strdup_printf ("c%u", i);
      records[i] = make_record (ids[i], "q-1", T0 + i * MINUTE, waits[i], PLT_CONTACT_OUTCOME_ANSWERED);
    }
  row = queue_row (config, records, 4, T0 + H);
  g_assert_cmpfloat_with_epsilon (row->values.asa_s, 25.0, 1e-12);
  /* 3 of 4 within 20 s */
  g_assert_cmpfloat_with_epsilon (row->values.service_level, 0.75, 1e-12);
  for (guint i = 0; i < 4; i++)
    g_clear_pointer (&ids[i], g_free);
}

/* AHT = talk + hold + wrap-up, per handled contact:
 *   x1: answered at +0, 30 s on hold, ended at +200 s, wrap-up to +240 s:
 *       talk 170, hold 30, wrap 40 → 240 s
 *   x2: talk 100, no hold, wrap 20 → 120 s
 *   x3: still in wrap-up: not handled yet
 * AHT = (240 + 120)/2 = 180 s; talk 135, hold 15, wrap 30. */
static void
test_aht (void)
{
  g_autoptr(PltKpiConfig) config = config_with_queue (PLT_SL_ANSWERED_ONLY);
  PltContactRecord r[3];
  g_autoptr(PltKpiRow) row = NULL;

  r[0] = make_record ("x1", "q-1", T0, 5 * S, PLT_CONTACT_OUTCOME_ANSWERED);
  r[0].hold_total_ms = 30 * S;
  r[0].hold_count = 2;
  r[0].ended = r[0].answered + 200 * S;
  r[0].wrap_end = r[0].ended + 40 * S;
  r[1] = make_record ("x2", "q-1", T0 + MINUTE, 5 * S, PLT_CONTACT_OUTCOME_ANSWERED);
  r[1].ended = r[1].answered + 100 * S;
  r[1].wrap_end = r[1].ended + 20 * S;
  r[2] = make_record ("x3", "q-1", T0 + 2 * MINUTE, 5 * S, PLT_CONTACT_OUTCOME_ANSWERED);
  r[2].wrap_end = 0;

  row = queue_row (config, r, 3, T0 + H);
  g_assert_cmpint (row->values.answered, ==, 3);
  g_assert_cmpint (row->values.handled, ==, 2);
  g_assert_cmpfloat_with_epsilon (row->values.aht_s, 180.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (row->values.talk_s, 135.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (row->values.hold_s, 15.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (row->values.wrap_s, 30.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (row->values.aht_s,
                                  row->values.talk_s + row->values.hold_s + row->values.wrap_s, 1e-12);
}

static PltAgentInterval
make_interval (const char       *agent,
               PltAgentStatus    status,
               PltAgentActivity  activity,
               const char       *reason,
               gint64            start,
               gint64            end)
{
  PltAgentInterval i = {
    .agent = agent, .status = status, .activity = activity, .reason = reason,
    .start = start, .end = end,
  };

  return i;
}

/*
 * a-1 from T0: 600 s available and idle, 10 s ringing, 290 s on call, 60 s
 * wrap-up, 300 s paused (break), then logged out.
 *   contact = 10 + 290 + 60 = 360 s, available = 600 s, logged in = 1 260 s
 *   occupancy = 360 / (360 + 600) = 0.375; utilisation = 360 / 1 260
 */
static void
make_day (PltAgentInterval *iv,
          const char       *agent,
          gint64            start)
{
  gint64 t = start;

  iv[0] = make_interval (agent, PLT_AGENT_STATUS_AVAILABLE, PLT_AGENT_ACTIVITY_IDLE, NULL, t, t + 600 * S);
  t += 600 * S;
  iv[1] = make_interval (agent, PLT_AGENT_STATUS_AVAILABLE, PLT_AGENT_ACTIVITY_RINGING, NULL, t, t + 10 * S);
  t += 10 * S;
  iv[2] = make_interval (agent, PLT_AGENT_STATUS_AVAILABLE, PLT_AGENT_ACTIVITY_ON_CALL, NULL, t, t + 290 * S);
  t += 290 * S;
  iv[3] = make_interval (agent, PLT_AGENT_STATUS_AVAILABLE, PLT_AGENT_ACTIVITY_WRAP_UP, NULL, t, t + 60 * S);
  t += 60 * S;
  iv[4] = make_interval (agent, PLT_AGENT_STATUS_PAUSED, PLT_AGENT_ACTIVITY_IDLE, "break", t, t + 300 * S);
  t += 300 * S;
  iv[5] = make_interval (agent, PLT_AGENT_STATUS_LOGGED_OUT, PLT_AGENT_ACTIVITY_IDLE, NULL, t, 0);
}

static void
test_occupancy (void)
{
  g_autoptr(PltKpiConfig) config = plt_kpi_config_new ();
  const char * const ids[] = { "a-1", NULL };
  g_autoptr(PltKpiReport) report = plt_kpi_report_new (config, PLT_KPI_SCOPE_AGENT, ids,
                                                       T0, T0 + H, 0, T0 + H);
  g_autoptr(GPtrArray) rows = NULL;
  PltAgentInterval iv[6];
  PltKpiRow *row;

  make_day (iv, "a-1", T0);
  for (guint i = 0; i < 6; i++)
    plt_kpi_report_add_interval (report, &iv[i]);
  rows = plt_kpi_report_finish (report);
  row = rows->pdata[0];

  g_assert_cmpfloat_with_epsilon (row->values.contact_s, 360.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (row->values.available_s, 600.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (row->values.paused_s, 300.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (row->values.logged_in_s, 1260.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (row->values.occupancy, 0.375, 1e-12);
  g_assert_cmpfloat_with_epsilon (row->values.utilisation, 360.0 / 1260.0, 1e-12);
  g_assert_true (isnan (row->values.adherence));
}

/* 15-minute intervals: contacts by enqueue time, agent time cut at the
 * bounds. */
static void
test_intervals (void)
{
  g_autoptr(PltKpiConfig) config = config_with_queue (PLT_SL_ANSWERED_ONLY);
  g_autoptr(PltKpiReport) queues = plt_kpi_report_new (config, PLT_KPI_SCOPE_QUEUE, NULL,
                                                       T0, T0 + H, 15 * MINUTE, T0 + H);
  g_autoptr(PltKpiReport) agents = plt_kpi_report_new (config, PLT_KPI_SCOPE_AGENT, NULL,
                                                       T0, T0 + H, 15 * MINUTE, T0 + 50 * MINUTE);
  g_autoptr(GPtrArray) rows = NULL;
  PltContactRecord r[5];
  PltAgentInterval iv[2];
  const gint64 expected_offered[] = { 2, 1, 0, 1 };

  r[0] = make_record ("k1", "q-1", T0 + 5 * MINUTE, 10 * S, PLT_CONTACT_OUTCOME_ANSWERED);
  r[1] = make_record ("k2", "q-1", T0 + 15 * MINUTE - 1, 10 * S, PLT_CONTACT_OUTCOME_ANSWERED);
  r[2] = make_record ("k3", "q-1", T0 + 15 * MINUTE, 10 * S, PLT_CONTACT_OUTCOME_ANSWERED);
  r[3] = make_record ("k4", "q-1", T0 + 59 * MINUTE, 10 * S, PLT_CONTACT_OUTCOME_ABANDONED);
  r[4] = make_record ("k5", "q-1", T0 - 1, 10 * S, PLT_CONTACT_OUTCOME_ANSWERED);  /* before */
  for (guint i = 0; i < 5; i++)
    plt_kpi_report_add_contact (queues, &r[i]);
  rows = plt_kpi_report_finish (queues);

  g_assert_cmpuint (rows->len, ==, 4);
  for (guint b = 0; b < 4; b++)
    {
      PltKpiRow *row = rows->pdata[b];

      g_assert_cmpstr (row->id, ==, "q-1");
      g_assert_cmpint (row->from, ==, T0 + b * 15 * MINUTE);
      g_assert_cmpint (row->to, ==, T0 + (b + 1) * 15 * MINUTE);
      g_assert_cmpint (row->values.offered, ==, expected_offered[b]);
    }
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* 08:10–08:20 idle then on call until the open end, cut at now 08:50:
   * bucket 0: 300 s idle; 1: 300 s idle + 600 s on call; 2: 900 s on call;
   * 3: 300 s on call (now), nothing after. */
  iv[0] = make_interval ("a-1", PLT_AGENT_STATUS_AVAILABLE, PLT_AGENT_ACTIVITY_IDLE, NULL,
                         T0 + 10 * MINUTE, T0 + 20 * MINUTE);
  iv[1] = make_interval ("a-1", PLT_AGENT_STATUS_AVAILABLE, PLT_AGENT_ACTIVITY_ON_CALL, NULL,
                         T0 + 20 * MINUTE, 0);
  plt_kpi_report_add_interval (agents, &iv[0]);
  plt_kpi_report_add_interval (agents, &iv[1]);
  rows = plt_kpi_report_finish (agents);
  g_assert_cmpuint (rows->len, ==, 4);
  g_assert_cmpfloat_with_epsilon (((PltKpiRow *) rows->pdata[0])->values.available_s, 300, 1e-9);
  g_assert_cmpfloat_with_epsilon (((PltKpiRow *) rows->pdata[1])->values.available_s, 300, 1e-9);
  g_assert_cmpfloat_with_epsilon (((PltKpiRow *) rows->pdata[1])->values.contact_s, 600, 1e-9);
  g_assert_cmpfloat_with_epsilon (((PltKpiRow *) rows->pdata[2])->values.contact_s, 900, 1e-9);
  g_assert_cmpfloat_with_epsilon (((PltKpiRow *) rows->pdata[3])->values.contact_s, 300, 1e-9);
  g_assert_cmpfloat_with_epsilon (((PltKpiRow *) rows->pdata[2])->values.occupancy, 1.0, 1e-12);
}

/* A day from the reset time, in the queue's zone. */
static void
test_day_bounds (void)
{
  g_autoptr(PltKpiConfig) config = plt_kpi_config_new ();
  g_autoptr(GError) error = NULL;
  PltKpiSettings paris = {
    .sl_variant = PLT_SL_ANSWERED_ONLY, .sl_threshold_s = 20, .short_abandon_s = 5,
    .day_reset_min = 6 * 60, .time_zone = "Europe/Paris",
  };
  PltKpiSettings bad = paris;
  gint64 start, end;

  g_assert_true (plt_kpi_config_set_queue (config, "paris", &paris, &error));
  paris.day_reset_min = 0;
  g_assert_true (plt_kpi_config_set_queue (config, "midnight", &paris, &error));
  g_assert_no_error (error);

  bad.time_zone = "Europe/Atlantis";
  g_assert_false (plt_kpi_config_set_queue (config, "bad", &bad, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  bad.time_zone = "UTC";
  bad.day_reset_min = 1440;
  g_assert_false (plt_kpi_config_set_queue (config, "bad", &bad, &error));
  g_clear_error (&error);

  /* 05:59:59 belongs to the day that began yesterday at 06:00; 06:00 starts
   * a new one (Paris is UTC+1 in March before the change). */
  plt_kpi_config_get_day (config, PLT_KPI_SCOPE_QUEUE, "paris",
                          local_ms ("Europe/Paris", 2026, 3, 10, 5, 59, 59), &start, &end);
  g_assert_cmpint (start, ==, local_ms ("Europe/Paris", 2026, 3, 9, 6, 0, 0));
  g_assert_cmpint (end, ==, local_ms ("Europe/Paris", 2026, 3, 10, 6, 0, 0));
  plt_kpi_config_get_day (config, PLT_KPI_SCOPE_QUEUE, "paris",
                          local_ms ("Europe/Paris", 2026, 3, 10, 6, 0, 0), &start, &end);
  g_assert_cmpint (start, ==, local_ms ("Europe/Paris", 2026, 3, 10, 6, 0, 0));
  g_assert_cmpint (end - start, ==, 24 * H);

  /* Across midnight: 23:59:59 and 00:00:00 are on two days. */
  plt_kpi_config_get_day (config, PLT_KPI_SCOPE_QUEUE, "midnight",
                          local_ms ("Europe/Paris", 2026, 3, 10, 23, 59, 59), &start, &end);
  g_assert_cmpint (end, ==, local_ms ("Europe/Paris", 2026, 3, 11, 0, 0, 0));
  plt_kpi_config_get_day (config, PLT_KPI_SCOPE_QUEUE, "midnight",
                          local_ms ("Europe/Paris", 2026, 3, 11, 0, 0, 0), &start, &end);
  g_assert_cmpint (start, ==, local_ms ("Europe/Paris", 2026, 3, 11, 0, 0, 0));

  /* Teams and agents, and unknown queues, follow the defaults: UTC. */
  plt_kpi_config_get_day (config, PLT_KPI_SCOPE_AGENT, "a-1", T0, &start, &end);
  g_assert_cmpint (start, ==, T0 - 8 * H);
  g_assert_cmpint (end, ==, T0 + 16 * H);
}

/* Europe/Paris changes to summer time on 2026-03-29 (02:00 → 03:00: a 23 h
 * day) and back on 2026-10-25 (03:00 → 02:00: 25 h). */
static void
test_dst (void)
{
  g_autoptr(PltKpiConfig) config = plt_kpi_config_new ();
  PltKpiSettings paris = {
    .sl_variant = PLT_SL_ANSWERED_ONLY, .sl_threshold_s = 20, .short_abandon_s = 5,
    .day_reset_min = 0, .time_zone = "Europe/Paris",
  };
  const struct { int month, day; gint64 length; guint quarters; } days[] = {
    { 3, 28, 24 * H, 96 }, { 3, 29, 23 * H, 92 }, { 3, 30, 24 * H, 96 },
    { 10, 25, 25 * H, 100 }, { 10, 26, 24 * H, 96 },
  };
  const guint resets[] = { 0, 150, 6 * 60 };  /* midnight, 02:30 (in the gap), 06:00 */

  for (guint r = 0; r < G_N_ELEMENTS (resets); r++)
    {
      paris.day_reset_min = resets[r];
      g_assert_true (plt_kpi_config_set_queue (config, "q-1", &paris, NULL));

      for (guint i = 0; i < G_N_ELEMENTS (days); i++)
        {
          gint64 noon = local_ms ("Europe/Paris", 2026, days[i].month, days[i].day, 12, 0, 0);
          gint64 start, end, next_start, next_end;

          plt_kpi_config_get_day (config, PLT_KPI_SCOPE_QUEUE, "q-1", noon, &start, &end);
          g_assert_cmpint (start, <=, noon);
          g_assert_cmpint (noon, <, end);
          /* Days tile time: the next one starts where this one ends. */
          plt_kpi_config_get_day (config, PLT_KPI_SCOPE_QUEUE, "q-1", end, &next_start, &next_end);
          g_assert_cmpint (next_start, ==, end);
          plt_kpi_config_get_day (config, PLT_KPI_SCOPE_QUEUE, "q-1", end - 1, &next_start, &next_end);
          g_assert_cmpint (next_start, ==, start);

          if (resets[r] == 0)
            {
              g_autoptr(PltKpiReport) report = NULL;
              g_autoptr(GPtrArray) rows = NULL;
              const char * const ids[] = { "q-1", NULL };

              g_test_message ("2026-%02d-%02d: %" G_GINT64_FORMAT " h", days[i].month, days[i].day,
                              (end - start) / H);
              g_assert_cmpint (end - start, ==, days[i].length);
              g_assert_cmpint (start, ==, local_ms ("Europe/Paris", 2026, days[i].month, days[i].day, 0, 0, 0));

              /* The whole day by quarter-hours: 92, 96 or 100 of them. */
              report = plt_kpi_report_new (config, PLT_KPI_SCOPE_QUEUE, ids, start, end, 15 * MINUTE, end);
              rows = plt_kpi_report_finish (report);
              g_assert_cmpuint (rows->len, ==, days[i].quarters);
            }
        }
    }

  /* The 06:00 day that contains the spring change is the one starting on
   * the 28th at 06:00 (23 h long); on the 25th of October, 25 h. */
  {
    gint64 start, end;

    paris.day_reset_min = 6 * 60;
    g_assert_true (plt_kpi_config_set_queue (config, "q-1", &paris, NULL));
    plt_kpi_config_get_day (config, PLT_KPI_SCOPE_QUEUE, "q-1",
                            local_ms ("Europe/Paris", 2026, 3, 29, 4, 0, 0), &start, &end);
    g_assert_cmpint (start, ==, local_ms ("Europe/Paris", 2026, 3, 28, 6, 0, 0));
    g_assert_cmpint (end - start, ==, 23 * H);
    plt_kpi_config_get_day (config, PLT_KPI_SCOPE_QUEUE, "q-1",
                            local_ms ("Europe/Paris", 2026, 10, 25, 4, 0, 0), &start, &end);
    g_assert_cmpint (end - start, ==, 25 * H);
  }
}

/* Live: today across the reset; each contact counts once whatever its
 * number of updates. */
static void
test_live_today (void)
{
  g_autoptr(PltKpiConfig) config = plt_kpi_config_new ();
  g_autoptr(PltKpiLive) live = NULL;
  PltKpiSettings settings = {
    .sl_variant = PLT_SL_ABANDONS_MISSED, .sl_threshold_s = 20, .short_abandon_s = 5,
    .day_reset_min = 6 * 60, .time_zone = "Europe/Paris",
  };
  gint64 reset = local_ms ("Europe/Paris", 2026, 3, 10, 6, 0, 0);
  PltContactRecord r;
  PltKpiValues v;

  g_assert_true (plt_kpi_config_set_queue (config, "q-1", &settings, NULL));
  plt_kpi_config_set_agent_team (config, "a-1", "t-1");
  live = plt_kpi_live_new (config, 30 * MINUTE);

  /* y1: enqueued at 05:59:50, answered after the reset: yesterday's. */
  r = make_record ("y1", "q-1", reset - 10 * S, 40 * S, PLT_CONTACT_OUTCOME_NONE);
  plt_kpi_live_update_contact (live, &r);
  plt_kpi_live_get_values (live, PLT_KPI_SCOPE_QUEUE, "q-1", PLT_KPI_PERIOD_TODAY, reset - 1, &v);
  g_assert_cmpint (v.offered, ==, 1);
  /* It waits: the longest wait runs. */
  g_assert_cmpfloat_with_epsilon (v.longest_wait_s, 9.999, 1e-9);

  r = make_record ("y1", "q-1", reset - 10 * S, 40 * S, PLT_CONTACT_OUTCOME_ANSWERED);
  r.ended = r.wrap_end = 0;
  r.outcome = PLT_CONTACT_OUTCOME_NONE;
  plt_kpi_live_update_contact (live, &r);

  /* t1 through its life: queued, answered after 12 s, ended, wrapped up. */
  r = make_record ("t1", "q-1", reset + 5 * MINUTE, 0, PLT_CONTACT_OUTCOME_NONE);
  plt_kpi_live_update_contact (live, &r);
  r = make_record ("t1", "q-1", reset + 5 * MINUTE, 12 * S, PLT_CONTACT_OUTCOME_ANSWERED);
  r.ended = r.wrap_end = 0;
  r.outcome = PLT_CONTACT_OUTCOME_NONE;
  plt_kpi_live_update_contact (live, &r);
  r.ended = r.answered + 100 * S;
  r.outcome = PLT_CONTACT_OUTCOME_ANSWERED;
  plt_kpi_live_update_contact (live, &r);
  r.wrap_end = r.ended + 20 * S;
  plt_kpi_live_update_contact (live, &r);

  /* t2 abandoned after 30 s. */
  r = make_record ("t2", "q-1", reset + 6 * MINUTE, 30 * S, PLT_CONTACT_OUTCOME_ABANDONED);
  plt_kpi_live_update_contact (live, &r);

  plt_kpi_live_get_values (live, PLT_KPI_SCOPE_QUEUE, "q-1", PLT_KPI_PERIOD_TODAY, reset + 10 * MINUTE, &v);
  g_assert_cmpint (v.offered, ==, 2);
  g_assert_cmpint (v.answered, ==, 1);
  g_assert_cmpint (v.abandoned, ==, 1);
  g_assert_cmpint (v.handled, ==, 1);
  g_assert_cmpfloat_with_epsilon (v.asa_s, 12.0, 1e-12);
  /* abandons as misses: 1 / (1 + 1) */
  g_assert_cmpfloat_with_epsilon (v.service_level, 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (v.aht_s, 120.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (v.longest_wait_s, 30.0, 1e-12);

  /* The agent answered y1 (at 06:00:30, after the reset) and t1: both are
   * theirs today. */
  plt_kpi_live_get_values (live, PLT_KPI_SCOPE_AGENT, "a-1", PLT_KPI_PERIOD_TODAY, reset + 10 * MINUTE, &v);
  g_assert_cmpint (v.answered, ==, 2);
  g_assert_cmpint (v.handled, ==, 1);
  plt_kpi_live_get_values (live, PLT_KPI_SCOPE_TEAM, "t-1", PLT_KPI_PERIOD_TODAY, reset + 10 * MINUTE, &v);
  g_assert_cmpint (v.answered, ==, 2);

  /* The rolling 30 minutes at 06:20 hold y1 (05:59:50), t1 and t2. */
  plt_kpi_live_get_values (live, PLT_KPI_SCOPE_QUEUE, "q-1", PLT_KPI_PERIOD_ROLLING, reset + 20 * MINUTE, &v);
  g_assert_cmpint (v.offered, ==, 3);
  /* At 06:40, only t1 and t2. */
  plt_kpi_live_get_values (live, PLT_KPI_SCOPE_QUEUE, "q-1", PLT_KPI_PERIOD_ROLLING, reset + 33 * MINUTE, &v);
  g_assert_cmpint (v.offered, ==, 2);
  g_assert_cmpfloat_with_epsilon (plt_kpi_live_get_recent_aht (live, "q-1", reset + 33 * MINUTE), 120.0, 1e-12);

  /* The next day starts empty. */
  plt_kpi_live_get_values (live, PLT_KPI_SCOPE_QUEUE, "q-1", PLT_KPI_PERIOD_TODAY, reset + 24 * H, &v);
  g_assert_cmpint (v.offered, ==, 0);
  g_assert_true (isnan (v.service_level));
}

/* Live agent time across midnight; RONAs counted once per miss. */
static void
test_live_agent (void)
{
  g_autoptr(PltKpiConfig) config = plt_kpi_config_new ();
  g_autoptr(PltKpiLive) live = plt_kpi_live_new (config, 60 * MINUTE);
  gint64 midnight = T0 + 16 * H;  /* UTC */
  PltAgentInterval iv;
  PltKpiValues v;
  g_autoptr(GPtrArray) queues = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) teams = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) agents = g_ptr_array_new_with_free_func (g_free);

  plt_kpi_config_set_agent_team (config, "a-1", "t-1");
  plt_kpi_config_set_agent_team (config, "a-2", "t-1");

  /* 23:30 available idle, 23:50 ringing, 23:50:15 missed (then paused by
   * the RONA, still missed), 23:51 available idle, 00:10 on call (open). */
  iv = make_interval ("a-1", PLT_AGENT_STATUS_AVAILABLE, PLT_AGENT_ACTIVITY_IDLE, NULL, midnight - 30 * MINUTE, 0);
  plt_kpi_live_update_interval (live, &iv);
  iv = make_interval ("a-1", PLT_AGENT_STATUS_AVAILABLE, PLT_AGENT_ACTIVITY_RINGING, NULL, midnight - 10 * MINUTE, 0);
  plt_kpi_live_update_interval (live, &iv);
  iv = make_interval ("a-1", PLT_AGENT_STATUS_AVAILABLE, PLT_AGENT_ACTIVITY_MISSED, NULL, midnight - 10 * MINUTE + 15 * S, 0);
  plt_kpi_live_update_interval (live, &iv);
  iv = make_interval ("a-1", PLT_AGENT_STATUS_PAUSED, PLT_AGENT_ACTIVITY_MISSED, "rona", midnight - 10 * MINUTE + 16 * S, 0);
  plt_kpi_live_update_interval (live, &iv);

  plt_kpi_live_get_values (live, PLT_KPI_SCOPE_AGENT, "a-1", PLT_KPI_PERIOD_TODAY, midnight - 9 * MINUTE, &v);
  g_assert_cmpint (v.rona, ==, 1);
  /* 20 min idle, 15 s ringing */
  g_assert_cmpfloat_with_epsilon (v.available_s, 1200.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (v.contact_s, 15.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (v.logged_in_s, 1260.0, 1e-9);

  iv = make_interval ("a-1", PLT_AGENT_STATUS_AVAILABLE, PLT_AGENT_ACTIVITY_IDLE, NULL, midnight - 9 * MINUTE, 0);
  plt_kpi_live_update_interval (live, &iv);
  plt_kpi_live_get_values (live, PLT_KPI_SCOPE_AGENT, "a-1", PLT_KPI_PERIOD_TODAY, midnight - 1, &v);
  g_assert_cmpint (v.rona, ==, 1);

  plt_kpi_live_take_changed (live, queues, teams, agents);
  g_assert_cmpuint (agents->len, ==, 1);
  g_assert_cmpstr (agents->pdata[0], ==, "a-1");
  g_assert_cmpuint (teams->len, ==, 1);
  g_assert_cmpstr (teams->pdata[0], ==, "t-1");
  g_assert_cmpuint (queues->len, ==, 0);
  plt_kpi_live_take_changed (live, queues, teams, agents);
  g_assert_cmpuint (agents->len, ==, 0);

  /* After midnight: the idle stretch from 23:51 counts from 00:00 only. */
  iv = make_interval ("a-1", PLT_AGENT_STATUS_AVAILABLE, PLT_AGENT_ACTIVITY_ON_CALL, NULL, midnight + 10 * MINUTE, 0);
  plt_kpi_live_update_interval (live, &iv);
  plt_kpi_live_get_values (live, PLT_KPI_SCOPE_AGENT, "a-1", PLT_KPI_PERIOD_TODAY, midnight + 15 * MINUTE, &v);
  g_assert_cmpint (v.rona, ==, 0);
  g_assert_cmpfloat_with_epsilon (v.available_s, 600.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (v.contact_s, 300.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (v.occupancy, 1.0 / 3.0, 1e-12);

  /* The rolling hour at 00:15 reaches back to 23:15: it still has the
   * RONA, 15 s ringing + 5 min on call, 20 + 19 min idle. */
  plt_kpi_live_get_values (live, PLT_KPI_SCOPE_AGENT, "a-1", PLT_KPI_PERIOD_ROLLING, midnight + 15 * MINUTE, &v);
  g_assert_cmpint (v.rona, ==, 1);
  g_assert_cmpfloat_with_epsilon (v.contact_s, 315.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (v.available_s, 39 * 60.0, 1e-9);

  /* a-2, same team: 10 min available idle. */
  iv = make_interval ("a-2", PLT_AGENT_STATUS_AVAILABLE, PLT_AGENT_ACTIVITY_IDLE, NULL, midnight + 5 * MINUTE, 0);
  plt_kpi_live_update_interval (live, &iv);
  plt_kpi_live_get_values (live, PLT_KPI_SCOPE_TEAM, "t-1", PLT_KPI_PERIOD_TODAY, midnight + 15 * MINUTE, &v);
  g_assert_cmpfloat_with_epsilon (v.available_s, 1200.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (v.occupancy, 300.0 / 1500.0, 1e-12);
}

/* Transfers and RONAs per queue and agent; teams sum their agents. */
static void
test_transfers_teams (void)
{
  g_autoptr(PltKpiConfig) config = config_with_queue (PLT_SL_ANSWERED_ONLY);
  g_autoptr(PltKpiReport) queue = plt_kpi_report_new (config, PLT_KPI_SCOPE_QUEUE, NULL, T0, T0 + H, 0, T0 + H);
  g_autoptr(PltKpiReport) team = plt_kpi_report_new (config, PLT_KPI_SCOPE_TEAM, NULL, T0, T0 + H, 0, T0 + H);
  g_autoptr(PltKpiReport) agent = plt_kpi_report_new (config, PLT_KPI_SCOPE_AGENT, NULL, T0, T0 + H, 0, T0 + H);
  g_autoptr(GPtrArray) rows = NULL;
  PltContactRecord r[3];

  plt_kpi_config_set_agent_team (config, "a-1", "t-1");
  plt_kpi_config_set_agent_team (config, "a-2", "t-1");

  r[0] = make_record ("f1", "q-1", T0, 5 * S, PLT_CONTACT_OUTCOME_TRANSFERRED);
  r[0].rona_count = 2;
  r[1] = make_record ("f2", "q-1", T0 + MINUTE, 30 * S, PLT_CONTACT_OUTCOME_ANSWERED);
  r[1].agent = "a-2";
  r[2] = make_record ("f3", "q-1", T0 + 2 * MINUTE, 10 * S, PLT_CONTACT_OUTCOME_ABANDONED);
  for (guint i = 0; i < 3; i++)
    {
      plt_kpi_report_add_contact (queue, &r[i]);
      plt_kpi_report_add_contact (team, &r[i]);
      plt_kpi_report_add_contact (agent, &r[i]);
    }

  rows = plt_kpi_report_finish (queue);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpint (((PltKpiRow *) rows->pdata[0])->values.transferred, ==, 1);
  g_assert_cmpint (((PltKpiRow *) rows->pdata[0])->values.rona, ==, 2);
  g_clear_pointer (&rows, g_ptr_array_unref);

  rows = plt_kpi_report_finish (agent);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (((PltKpiRow *) rows->pdata[0])->id, ==, "a-1");
  g_assert_cmpint (((PltKpiRow *) rows->pdata[0])->values.transferred, ==, 1);
  g_assert_cmpint (((PltKpiRow *) rows->pdata[0])->values.offered, ==, 0);
  g_assert_cmpfloat_with_epsilon (((PltKpiRow *) rows->pdata[1])->values.asa_s, 30.0, 1e-12);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* t-1: both answered contacts; SL answered-only: 1 of 2 within 20 s. */
  rows = plt_kpi_report_finish (team);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpint (((PltKpiRow *) rows->pdata[0])->values.answered, ==, 2);
  g_assert_cmpint (((PltKpiRow *) rows->pdata[0])->values.abandoned, ==, 0);
  g_assert_cmpfloat_with_epsilon (((PltKpiRow *) rows->pdata[0])->values.service_level, 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (((PltKpiRow *) rows->pdata[0])->values.asa_s, 17.5, 1e-12);
}

static void
test_ewt (void)
{
  /* 3 waiting, nobody free, 4 staffed, AHT 240 s: the 4th completion,
   * at 4 per 240 s: 4 × 240 / 4 = 240 s. */
  g_assert_cmpfloat_with_epsilon (plt_kpi_ewt (3, 0, 4, 240), 240.0, 1e-12);
  g_assert_cmpfloat (plt_kpi_ewt (0, 1, 4, 240), ==, 0.0);
  g_assert_cmpfloat (plt_kpi_ewt (0, 0, 4, 240), ==, 60.0);
  /* 2 waiting, 1 free (about to be offered one): (2 − 1 + 1) × 240 / 4 */
  g_assert_cmpfloat_with_epsilon (plt_kpi_ewt (2, 1, 4, 240), 120.0, 1e-12);
  g_assert_true (isnan (plt_kpi_ewt (2, 0, 0, 240)));
  g_assert_true (isnan (plt_kpi_ewt (2, 0, 3, NAN)));
}

/* Plan of a-1: 08:00–09:00 work, 09:00–09:15 break, 09:15–10:00 work. */
static gboolean
plan_func (const char *agent,
           gint64      from,
           gint64      to,
           GArray     *segments,
           gpointer    user_data)
{
  const PltKpiPlanSegment plan[] = {
    { T0, T0 + H, PLT_KPI_PLAN_WORK, NULL },
    { T0 + H, T0 + H + 15 * MINUTE, PLT_KPI_PLAN_PAUSE, "break" },
    { T0 + H + 15 * MINUTE, T0 + 2 * H, PLT_KPI_PLAN_WORK, NULL },
    { T0 + 2 * H, T0 + 10 * H, PLT_KPI_PLAN_OFF, NULL },
  };

  (*(guint *) user_data)++;
  if (g_strcmp0 (agent, "a-1") != 0)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (plan); i++)
    if (plan[i].end > from && plan[i].start < to)
      g_array_append_val (segments, plan[i]);

  return TRUE;
}

/*
 * Actual: logged out until 08:05, available 08:05–09:05, paused (break)
 * 09:05–09:15, available 09:15–10:00.
 *   scheduled 120 min; adherent 55 (work) + 10 (break) + 45 (work) = 110
 *   adherence 110/120; conformance: available 60 + 45 = 105 of 105 planned.
 */
static void
test_adherence (void)
{
  g_autoptr(PltKpiConfig) config = plt_kpi_config_new ();
  g_autoptr(PltKpiReport) report = NULL;
  g_autoptr(PltKpiLive) live = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  const char * const ids[] = { "a-1", "a-2", NULL };
  PltAgentInterval iv[4];
  PltKpiValues v;
  guint calls = 0;

  plt_kpi_config_set_plan_func (config, plan_func, &calls, NULL);
  iv[0] = make_interval ("a-1", PLT_AGENT_STATUS_LOGGED_OUT, PLT_AGENT_ACTIVITY_IDLE, NULL, T0 - H, T0 + 5 * MINUTE);
  iv[1] = make_interval ("a-1", PLT_AGENT_STATUS_AVAILABLE, PLT_AGENT_ACTIVITY_IDLE, NULL, T0 + 5 * MINUTE, T0 + 65 * MINUTE);
  iv[2] = make_interval ("a-1", PLT_AGENT_STATUS_PAUSED, PLT_AGENT_ACTIVITY_IDLE, "break", T0 + 65 * MINUTE, T0 + 75 * MINUTE);
  iv[3] = make_interval ("a-1", PLT_AGENT_STATUS_AVAILABLE, PLT_AGENT_ACTIVITY_IDLE, NULL, T0 + 75 * MINUTE, 0);

  report = plt_kpi_report_new (config, PLT_KPI_SCOPE_AGENT, ids, T0, T0 + 2 * H, 0, T0 + 2 * H);
  for (guint i = 0; i < 4; i++)
    plt_kpi_report_add_interval (report, &iv[i]);
  rows = plt_kpi_report_finish (report);
  g_assert_cmpfloat_with_epsilon (((PltKpiRow *) rows->pdata[0])->values.adherence, 110.0 / 120.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (((PltKpiRow *) rows->pdata[0])->values.conformance, 1.0, 1e-12);
  /* a-2 has no plan: undefined */
  g_assert_true (isnan (((PltKpiRow *) rows->pdata[1])->values.adherence));
  g_assert_cmpuint (calls, >, 0);

  /* The same, live, today at 10:00. */
  live = plt_kpi_live_new (config, 30 * MINUTE);
  for (guint i = 0; i < 4; i++)
    plt_kpi_live_update_interval (live, &iv[i]);
  plt_kpi_live_get_values (live, PLT_KPI_SCOPE_AGENT, "a-1", PLT_KPI_PERIOD_TODAY, T0 + 2 * H, &v);
  g_assert_cmpfloat_with_epsilon (v.adherence, 110.0 / 120.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (v.conformance, 1.0, 1e-12);
}

/* A random day fed to the report and, as updates, to the live
 * accumulator: the same figures. */
static void
test_live_matches_report (void)
{
  g_autoptr(PltKpiConfig) config = config_with_queue (PLT_SL_SHORT_EXCLUDED);
  g_autoptr(PltKpiLive) live = plt_kpi_live_new (config, 30 * MINUTE);
  g_autoptr(PltKpiReport) queue = plt_kpi_report_new (config, PLT_KPI_SCOPE_QUEUE, NULL,
                                                      T0 - 8 * H, T0 + 16 * H, 0, T0 + 4 * H);
  g_autoptr(PltKpiReport) team = plt_kpi_report_new (config, PLT_KPI_SCOPE_TEAM, NULL,
                                                     T0 - 8 * H, T0 + 16 * H, 0, T0 + 4 * H);
  g_autoptr(PltKpiReport) rolling = plt_kpi_report_new (config, PLT_KPI_SCOPE_QUEUE, NULL,
                                                        T0 + 4 * H - 30 * MINUTE, T0 + 4 * H + 1, 0,
                                                        T0 + 4 * H);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_contact_record_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  PltKpiValues v;
  gint64 t = T0;

  plt_kpi_config_set_agent_team (config, "a-1", "t-1");
  plt_kpi_config_set_agent_team (config, "a-2", "t-1");

  for (guint i = 0; t < T0 + 4 * H; i++)
    {
      g_autofree char *id = g_strdup_printf ("r%u", i);
      PltContactOutcome outcome = g_rand_int_range (rand, 0, 4) == 0 ? PLT_CONTACT_OUTCOME_ABANDONED
                                                                    : PLT_CONTACT_OUTCOME_ANSWERED;
      PltContactRecord r = make_record (id, "q-1", t, g_rand_int_range (rand, 0, 60 * S), outcome);
      PltContactRecord waiting = r;

      r.agent = outcome == PLT_CONTACT_OUTCOME_ANSWERED ? (i % 2 ? "a-1" : "a-2") : NULL;
      if (r.ended > T0 + 4 * H)
        {
          r.ended = r.wrap_end = 0;
          r.outcome = PLT_CONTACT_OUTCOME_NONE;
        }
      else if (r.wrap_end > T0 + 4 * H)
        r.wrap_end = 0;
      if (r.answered > T0 + 4 * H)
        r.answered = r.offered = 0, r.agent = NULL;

      /* Live sees it twice: waiting, then as it is at 12:00. */
      waiting.answered = waiting.offered = waiting.ended = waiting.wrap_end = 0;
      waiting.outcome = PLT_CONTACT_OUTCOME_NONE;
      waiting.agent = NULL;
      plt_kpi_live_update_contact (live, &waiting);
      plt_kpi_live_update_contact (live, &r);
      plt_kpi_report_add_contact (queue, &r);
      plt_kpi_report_add_contact (team, &r);
      plt_kpi_report_add_contact (rolling, &r);
      g_ptr_array_add (kept, plt_contact_record_copy (&r));
      t += g_rand_int_range (rand, 1, 90 * S);
    }

  rows = plt_kpi_report_finish (queue);
  plt_kpi_live_get_values (live, PLT_KPI_SCOPE_QUEUE, "q-1", PLT_KPI_PERIOD_TODAY, T0 + 4 * H, &v);
  g_assert_cmpint (v.offered, ==, ((PltKpiRow *) rows->pdata[0])->values.offered);
  g_assert_cmpint (v.answered, ==, ((PltKpiRow *) rows->pdata[0])->values.answered);
  g_assert_cmpint (v.abandoned, ==, ((PltKpiRow *) rows->pdata[0])->values.abandoned);
  g_assert_cmpint (v.handled, ==, ((PltKpiRow *) rows->pdata[0])->values.handled);
  g_assert_cmpfloat_with_epsilon (v.service_level, ((PltKpiRow *) rows->pdata[0])->values.service_level, 1e-12);
  g_assert_cmpfloat_with_epsilon (v.asa_s, ((PltKpiRow *) rows->pdata[0])->values.asa_s, 1e-9);
  g_assert_cmpfloat_with_epsilon (v.aht_s, ((PltKpiRow *) rows->pdata[0])->values.aht_s, 1e-9);
  g_assert_cmpfloat_with_epsilon (v.longest_wait_s, ((PltKpiRow *) rows->pdata[0])->values.longest_wait_s, 1e-9);
  g_assert_cmpint (v.offered, >, 100);
  g_clear_pointer (&rows, g_ptr_array_unref);

  rows = plt_kpi_report_finish (team);
  plt_kpi_live_get_values (live, PLT_KPI_SCOPE_TEAM, "t-1", PLT_KPI_PERIOD_TODAY, T0 + 4 * H, &v);
  g_assert_cmpint (v.answered, ==, ((PltKpiRow *) rows->pdata[0])->values.answered);
  g_assert_cmpfloat_with_epsilon (v.asa_s, ((PltKpiRow *) rows->pdata[0])->values.asa_s, 1e-9);
  g_clear_pointer (&rows, g_ptr_array_unref);

  rows = plt_kpi_report_finish (rolling);
  plt_kpi_live_get_values (live, PLT_KPI_SCOPE_QUEUE, "q-1", PLT_KPI_PERIOD_ROLLING, T0 + 4 * H, &v);
  g_assert_cmpint (v.offered, ==, ((PltKpiRow *) rows->pdata[0])->values.offered);
  g_assert_cmpfloat_with_epsilon (v.service_level, ((PltKpiRow *) rows->pdata[0])->values.service_level, 1e-12);
}

static void
test_names (void)
{
  PltKpiScope scope;
  PltKpiPeriod period;

  for (guint i = 0; i < 3; i++)
    {
      g_assert_true (plt_kpi_scope_from_string (plt_kpi_scope_to_string (i), &scope));
      g_assert_cmpint (scope, ==, i);
    }
  g_assert_false (plt_kpi_scope_from_string ("site", &scope));
  g_assert_true (plt_kpi_period_from_string ("rolling", &period));
  g_assert_cmpint (period, ==, PLT_KPI_PERIOD_ROLLING);
  g_assert_false (plt_kpi_period_from_string (NULL, &period));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/kpi/names", test_names);
  g_test_add_func ("/kpi/sl-variants", test_sl_variants);
  g_test_add_func ("/kpi/empty-and-outbound", test_empty_and_outbound);
  g_test_add_func ("/kpi/asa-true-mean", test_asa_true_mean);
  g_test_add_func ("/kpi/aht", test_aht);
  g_test_add_func ("/kpi/occupancy", test_occupancy);
  g_test_add_func ("/kpi/intervals", test_intervals);
  g_test_add_func ("/kpi/day-bounds", test_day_bounds);
  g_test_add_func ("/kpi/dst", test_dst);
  g_test_add_func ("/kpi/live-today", test_live_today);
  g_test_add_func ("/kpi/live-agent", test_live_agent);
  g_test_add_func ("/kpi/transfers-teams", test_transfers_teams);
  g_test_add_func ("/kpi/ewt", test_ewt);
  g_test_add_func ("/kpi/adherence", test_adherence);
  g_test_add_func ("/kpi/live-matches-report", test_live_matches_report);

  return g_test_run ();
}
