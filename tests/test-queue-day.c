/* test-queue-day.c — each queue's `today` from its own day start: a queue's
 * kpi.time_zone (docs/scenarios.md, docs/kpis.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "plt-kpi-service.h"
#include "plt-router.h"

/* 2026-03-10 20:00 UTC: 21:00 in Paris (UTC+1), 16:00 in Montreal (UTC-4). */
#define START_MS        ((gint64) 1773172800000)
#define PARIS_MIDNIGHT  ((gint64) 1773183600000)   /* 2026-03-10 23:00 UTC */
#define MTL_MIDNIGHT    ((gint64) 1773201600000)   /* 2026-03-11 04:00 UTC */

static const char scenario_json[] =
  "{\"name\": \"Two zones\", \"time_zone\": \"UTC\", \"warm_up_minutes\": 0,"
  " \"queues\": ["
  "  {\"id\": \"q-paris\", \"name\": \"Paris\", \"media\": \"inbound\", \"calls_per_hour\": 120,"
  "   \"sl_threshold_s\": 20, \"sl_target\": 0.8, \"talk_s\": {\"mean\": 120},"
  "   \"kpi\": {\"time_zone\": \"Europe/Paris\"}},"
  "  {\"id\": \"q-mtl\", \"name\": \"Montréal\", \"media\": \"inbound\", \"calls_per_hour\": 120,"
  "   \"sl_threshold_s\": 20, \"sl_target\": 0.8, \"talk_s\": {\"mean\": 120},"
  "   \"kpi\": {\"time_zone\": \"America/Montreal\", \"day_reset\": \"00:00\"}}"
  " ],"
  " \"teams\": [{\"id\": \"t-1\", \"name\": \"Team\","
  "   \"generate\": [{\"count\": 3, \"queues\": [\"q-paris\", \"q-mtl\"]}]}]"
  "}";

static PltQueueToday
today_of (PltAcd     *acd,
          const char *id)
{
  PltQueueData *data = plt_acd_dup_queue (acd, id);
  PltQueueToday today;

  g_assert_nonnull (data);
  today = data->today;
  plt_queue_data_free (data);
  return today;
}

/* The KPI service's live "today" of the queue (its kpi.update) starts at
 * the queue's own day start and counts the same contacts as the ACD's
 * `today`. */
static void
assert_kpi_today (PltKpiService *service,
                  PltAcd        *acd,
                  const char    *id,
                  gint64         day_start)
{
  PltQueueToday today = today_of (acd, id);
  g_autoptr(GPtrArray) pushes = plt_kpi_service_dup_all_pushes (service, "e-test");
  gboolean found = FALSE;
  gint64 start, end;

  plt_kpi_config_get_day (plt_kpi_service_get_config (service), PLT_KPI_SCOPE_QUEUE, id,
                          plt_acd_get_now (acd), &start, &end);
  g_assert_cmpint (start, ==, day_start);

  for (guint i = 0; i < pushes->len; i++)
    {
      const PltKpiPush *push = g_ptr_array_index (pushes, i);
      g_autoptr(PltDecoder) decoder = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(PltMessage) message = NULL;
      const PltKpiUpdateData *update;

      if (push->scope != PLT_KPI_SCOPE_QUEUE || g_strcmp0 (push->id, id) != 0)
        continue;
      decoder = plt_decoder_new (PLT_DECODER_FROM_CLIENT);
      message = plt_decoder_decode (decoder, push->text, strlen (push->text), &error);
      g_assert_no_error (error);
      update = &message->u.kpi_update;
      if (g_strcmp0 (update->period, "today") != 0)
        continue;

      found = TRUE;
      g_test_message ("%s: today from %" G_GINT64_FORMAT ", offered %" G_GINT64_FORMAT " (ACD %u), "
                      "answered %" G_GINT64_FORMAT " (ACD %u)", id, update->from,
                      update->values.offered, today.offered, update->values.answered, today.answered);
      g_assert_cmpint (update->from, ==, day_start);
      /* The ACD counts a contact when it is offered (answered), the KPIs
       * when it ends: only the contacts in progress differ (3 agents, a
       * short line). */
      g_assert_cmpint (update->values.offered, <=, (gint64) today.offered);
      g_assert_cmpint (update->values.offered + 20, >=, (gint64) today.offered);
      g_assert_cmpint (update->values.answered, <=, (gint64) today.answered);
      g_assert_cmpint (update->values.answered + 5, >=, (gint64) today.answered);
    }
  g_assert_true (found);
}

static void
test_two_zones (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PltScenario) scenario = plt_scenario_load_data (scenario_json, -1, "two-zones", &error);
  g_autoptr(PltAcd) acd = NULL;
  PltKpiService *service;
  PltQueueToday paris, mtl, paris2, mtl2;

  g_assert_no_error (error);
  acd = plt_acd_new (scenario, 7, START_MS);
  service = plt_kpi_service_new (acd);

  /* Up to a minute before Paris midnight: both count since their own
   * midnight (Paris 21:00 → 23:59, Montreal 16:00 → 18:59). */
  plt_acd_advance_to (acd, PARIS_MIDNIGHT - 60000);
  paris = today_of (acd, "q-paris");
  mtl = today_of (acd, "q-mtl");
  g_assert_cmpuint (paris.offered, >, 50);
  g_assert_cmpuint (mtl.offered, >, 50);
  assert_kpi_today (service, acd, "q-paris", PARIS_MIDNIGHT - 24 * 3600 * 1000);

  /* Just past Paris midnight: the Paris queue starts again, not Montreal. */
  plt_acd_advance_to (acd, PARIS_MIDNIGHT + 60000);
  paris2 = today_of (acd, "q-paris");
  mtl2 = today_of (acd, "q-mtl");
  g_assert_cmpuint (paris2.offered, <, 20);
  g_assert_cmpuint (paris2.answered, <=, paris2.offered);
  g_assert_cmpuint (mtl2.offered, >=, mtl.offered);
  g_assert_cmpuint (mtl2.answered, >=, mtl.answered);
  assert_kpi_today (service, acd, "q-paris", PARIS_MIDNIGHT);
  assert_kpi_today (service, acd, "q-mtl", MTL_MIDNIGHT - 24 * 3600 * 1000);

  /* Past the scenario's midnight (UTC) and up to Montreal's: the Montreal
   * queue still counts its day. */
  plt_acd_advance_to (acd, MTL_MIDNIGHT - 60000);
  mtl = today_of (acd, "q-mtl");
  g_assert_cmpuint (mtl.offered, >, mtl2.offered);
  paris = today_of (acd, "q-paris");
  g_assert_cmpuint (paris.offered, >, paris2.offered);

  /* Past Montreal midnight: now the Montreal queue starts again, not Paris. */
  plt_acd_advance_to (acd, MTL_MIDNIGHT + 60000);
  mtl2 = today_of (acd, "q-mtl");
  paris2 = today_of (acd, "q-paris");
  g_assert_cmpuint (mtl2.offered, <, 20);
  g_assert_cmpuint (paris2.offered, >=, paris.offered);
  assert_kpi_today (service, acd, "q-mtl", MTL_MIDNIGHT);
  assert_kpi_today (service, acd, "q-paris", PARIS_MIDNIGHT);

  /* Half an hour later, both count their new day. */
  plt_acd_advance (acd, 30 * 60000);
  g_assert_cmpuint (today_of (acd, "q-mtl").offered, >, mtl2.offered);
  assert_kpi_today (service, acd, "q-mtl", MTL_MIDNIGHT);
  assert_kpi_today (service, acd, "q-paris", PARIS_MIDNIGHT);

  plt_kpi_service_free (service);
}

static void
test_unknown_zone (void)
{
  g_autofree char *text = g_strdup (scenario_json);
  g_autoptr(GError) error = NULL;
  g_autoptr(PltScenario) scenario = NULL;
  char *at = strstr (text, "America/Montreal");

  memcpy (at, "America/Nowhere!", strlen ("America/Montreal"));
  scenario = plt_scenario_load_data (text, -1, "two-zones", &error);
  g_assert_null (scenario);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "queues[1].kpi.time_zone"));
  g_test_message ("refused as expected: %s", error->message);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/queue-day/two-zones", test_two_zones);
  g_test_add_func ("/queue-day/unknown-zone", test_unknown_zone);

  return g_test_run ();
}
