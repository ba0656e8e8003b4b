/* test-persist.c — the ACD in the database: migrations, configuration,
 * restart, crash
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "plt-kpi-service.h"
#include "plt-persist.h"
#include "plt-test-timeout.h"
#include "plt-router.h"

#define START G_GINT64_CONSTANT (1795000000000)   /* Wed 18 Nov 2026, 11:06:40 UTC */

typedef struct
{
  char *dir;
  char *path;
} TempDb;

static void
temp_db_init (TempDb *db)
{
  g_autoptr(GError) error = NULL;

  db->dir = g_dir_make_tmp ("plateau-persist-XXXXXX", &error);
  g_assert_no_error (error);
  db->path = g_build_filename (db->dir, "router.db", NULL);
}

static void
temp_db_clear (TempDb *db)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (db->path, suffixes[i], NULL);

      g_unlink (file);
    }
  g_rmdir (db->dir);
  g_clear_pointer (&db->dir, g_free);
  g_clear_pointer (&db->path, g_free);
}

static gint64
query_int (PltDb      *db,
           const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = plt_db_prepare (db, sql, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static void
exec (PltDb      *db,
      const char *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (plt_db_exec (db, sql, &error));
  g_assert_no_error (error);
}

/* /Plateau/Persist/migrations */

static void
test_migrations (void)
{
  TempDb temp;
  g_autoptr(GError) error = NULL;

  temp_db_init (&temp);

  for (guint round = 0; round < 3; round++)
    {
      g_autoptr(PltDb) db = plt_db_open (temp.path, &error);
      g_autoptr(PltPersist) persist = NULL;

      g_assert_no_error (error);
      persist = plt_persist_new (db, &error);
      g_assert_no_error (error);
      g_assert_nonnull (persist);
      g_assert_cmpint (plt_db_get_version (db, "acd"), ==, 2);

      /* Every table and the view are there, and run again leaves them be. */
      g_assert_cmpint (query_int (db, "SELECT count(*) FROM acd_contacts"), ==, 0);
      g_assert_cmpint (query_int (db, "SELECT count(*) FROM acd_agent_states"), ==, 0);
      g_assert_cmpint (query_int (db, "SELECT count(*) FROM acd_contact_holds"), ==, 0);
      g_assert_cmpint (query_int (db, "SELECT count(*) FROM acd_skills"), ==, 0);
      g_assert_cmpint (query_int (db, "SELECT count(*) FROM sqlite_master WHERE name = 'acd_contacts_by_finish'"), ==, 1);
      g_assert_cmpint (query_int (db, "SELECT count(*) FROM schema_versions WHERE component = 'acd'"), ==, 1);
    }

  /* A file of a newer router is refused. */
  {
    g_autoptr(PltDb) db = plt_db_open (temp.path, &error);

    exec (db, "UPDATE schema_versions SET version = 99 WHERE component = 'acd'");
    g_assert_null (plt_persist_new (db, &error));
    g_assert_error (error, PLT_DB_ERROR, PLT_DB_ERROR_TOO_NEW);
  }

  temp_db_clear (&temp);
}

/* /Plateau/Persist/config: imported once, then the database decides. */

static void
test_config (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PltDb) db = plt_db_open (":memory:", &error);
  g_autoptr(PltPersist) persist = plt_persist_new (db, &error);
  g_autoptr(PltScenario) demo = plt_scenario_new_demo ();
  g_autoptr(PltScenario) merged = NULL;
  PltScenarioQueue *ventes;
  PltScenarioAgent *first;
  int index;

  g_assert_no_error (error);
  merged = plt_persist_load_config (persist, demo, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM acd_agents"), ==, 36);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM acd_teams"), ==, 3);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM acd_queues"), ==, 5);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM acd_reason_codes"), ==, 6);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM acd_reason_codes WHERE system = 1 AND code = 'no_answer'"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT level FROM acd_skills WHERE agent_id = 'a-01' AND queue_id = 'q-facturation'"), ==, 2);
  g_assert_cmpuint (merged->agents->len, ==, 36);
  g_clear_pointer (&merged, plt_scenario_unref);

  /* Edited in the database… */
  exec (db, "UPDATE acd_queues SET name = 'Ventes & abonnements', priority = 9 WHERE id = 'q-ventes';"
            "UPDATE acd_skills SET level = 3 WHERE agent_id = 'a-01' AND queue_id = 'q-ventes';"
            "DELETE FROM acd_agents WHERE id = 'a-36';"
            "INSERT INTO acd_reason_codes (code, label, handles_email, position) VALUES ('coaching', 'Coaching', 0, 10);");

  /* …the next start follows it, with the file's traffic. */
  merged = plt_persist_load_config (persist, demo, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (merged->agents->len, ==, 35);
  index = plt_scenario_find_queue (merged, "q-ventes");
  g_assert_cmpint (index, >=, 0);
  ventes = g_ptr_array_index (merged->queues, index);
  g_assert_cmpstr (ventes->name, ==, "Ventes & abonnements");
  g_assert_cmpuint (ventes->priority, ==, 9);
  g_assert_cmpfloat (ventes->rates[40], ==, 68);
  g_assert_cmpint (ventes->callback_queue, ==, index);
  first = g_ptr_array_index (merged->agents, 0);
  g_assert_cmpstr (first->id, ==, "a-01");
  g_assert_cmpuint (g_array_index (first->skills, PltScenarioSkill, 0).level, ==, 3);
  g_assert_cmpint (plt_scenario_find_pause (merged, "coaching"), >=, 0);

  /* It runs. */
  {
    g_autoptr(PltAcd) acd = plt_acd_new (merged, 1, START);

    plt_acd_advance (acd, 30 * 60 * 1000);
    g_assert_cmpuint (plt_acd_get_n_agents (acd), ==, 35);
  }
  g_clear_pointer (&merged, plt_scenario_unref);

  /* Another scenario replaces the configuration. */
  {
    g_autoptr(PltScenario) other = plt_scenario_load_data (
      "{\"name\": \"other\", \"queues\": [{\"id\": \"q\", \"name\": \"Q\", \"media\": \"inbound\","
      " \"calls_per_hour\": 10, \"sl_threshold_s\": 20, \"sl_target\": 0.8, \"talk_s\": {\"mean\": 60}}],"
      " \"teams\": [{\"id\": \"t\", \"name\": \"T\", \"generate\": [{\"count\": 3, \"queues\": [\"q\"]}]}]}",
      -1, "other.json", &error);

    g_assert_no_error (error);
    merged = plt_persist_load_config (persist, other, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (merged->agents->len, ==, 3);
    g_assert_cmpint (query_int (db, "SELECT count(*) FROM acd_agents"), ==, 3);
  }
}

/* /Plateau/Persist/restart: write, stop, reopen: the same figures. */

typedef struct
{
  PltDb       *db;
  PltPersist  *persist;
  PltScenario *scenario;
  PltAcd      *acd;
} Run;

static void
run_open (Run        *run,
          const char *path,
          gint64      now)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PltScenario) demo = plt_scenario_new_demo ();
  PltAcdHistory history = { 0 };

  run->db = plt_db_open (path, &error);
  g_assert_no_error (error);
  run->persist = plt_persist_new (run->db, &error);
  g_assert_no_error (error);
  run->scenario = plt_persist_load_config (run->persist, demo, &error);
  g_assert_no_error (error);
  g_assert_true (plt_persist_load_history (run->persist, run->scenario, now, &history, &error));
  g_assert_no_error (error);
  run->acd = plt_acd_new_with_history (run->scenario, 8, now, &history);
  plt_acd_history_clear (&history);
  plt_persist_attach (run->persist, run->acd);
}

static void
run_clear (Run *run)
{
  g_clear_object (&run->acd);
  g_clear_pointer (&run->scenario, plt_scenario_unref);
  g_clear_object (&run->persist);
  g_clear_object (&run->db);
}

static gboolean
count_record (const PltContactRecord *record,
              gpointer                user_data)
{
  (*(guint *) user_data)++;
  return TRUE;
}

static gboolean
count_closed (const PltAgentInterval *interval,
              gpointer                user_data)
{
  if (interval->end != 0)
    (*(guint *) user_data)++;
  return TRUE;
}

static void
assert_same_today (GPtrArray *a,
                   GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      PltQueueData *x = g_ptr_array_index (a, i);
      PltQueueData *y = g_ptr_array_index (b, i);

      g_test_message ("%s: offered %u/%u answered %u/%u abandoned %u/%u", x->id,
                      x->today.offered, y->today.offered, x->today.answered, y->today.answered,
                      x->today.abandoned, y->today.abandoned);
      g_assert_cmpstr (x->id, ==, y->id);
      g_assert_cmpuint (x->today.offered, ==, y->today.offered);
      g_assert_cmpuint (x->today.answered, ==, y->today.answered);
      g_assert_cmpuint (x->today.abandoned, ==, y->today.abandoned);
      g_assert_cmpuint (x->today.answered_in_sl, ==, y->today.answered_in_sl);
      g_assert_cmpint (x->today.wait_total_s, ==, y->today.wait_total_s);
      g_assert_cmpuint (x->today.overflowed, ==, y->today.overflowed);
      g_assert_cmpuint (x->today.callbacks, ==, y->today.callbacks);
      g_assert_cmpuint (x->today.transferred, ==, y->today.transferred);
    }
}

static void
test_restart (void)
{
  TempDb temp;
  Run run = { 0 };
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  guint finished = 0, open = 0, closed = 0, restored = 0, restored_intervals = 0;
  guint64 last;
  gint64 stop;

  temp_db_init (&temp);

  run_open (&run, temp.path, START);
  for (guint minute = 0; minute < 120; minute++)
    {
      plt_acd_advance (run.acd, 60 * 1000);
      /* The timer's work, without a main loop. */
      g_assert_true (plt_persist_flush (run.persist, &error));
      g_assert_no_error (error);
    }
  before = plt_acd_dup_queues (run.acd);
  plt_acd_foreach_contact (run.acd, count_record, &finished);
  plt_acd_foreach_open_contact (run.acd, count_record, &open);
  plt_acd_foreach_agent_interval (run.acd, count_closed, &closed);
  last = plt_acd_get_last_contact_number (run.acd);
  stop = plt_acd_get_now (run.acd);
  g_assert_true (plt_persist_close (run.persist, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (plt_persist_get_n_pending (run.persist), ==, 0);
  run_clear (&run);
  g_test_message ("%u finished contacts, %u in progress, %u intervals", finished, open, closed);
  g_assert_cmpuint (finished, >, 300);

  /* The database has every contact, those in progress included (cut by
   * the stop), and every interval, the current ones closed at the stop. */
  {
    g_autoptr(PltDb) db = plt_db_open (temp.path, &error);

    g_assert_cmpint (query_int (db, "SELECT count(*) FROM acd_contacts"), ==, finished + open);
    g_assert_cmpint (query_int (db, "SELECT count(*) FROM acd_agent_states"), ==, closed + 36);
    g_assert_cmpint (query_int (db, "SELECT count(*) FROM acd_contacts WHERE outcome = 'answered'"), >, 0);
    g_assert_cmpint (query_int (db, "SELECT count(*) FROM acd_contact_holds"), >, 0);
  }

  /* The router starts again a little later: today's figures are back. */
  run_open (&run, temp.path, stop + 5000);
  after = plt_acd_dup_queues (run.acd);
  assert_same_today (before, after);
  plt_acd_foreach_contact (run.acd, count_record, &restored);
  plt_acd_foreach_agent_interval (run.acd, count_closed, &restored_intervals);
  g_assert_cmpuint (restored, ==, finished + open);
  g_assert_cmpuint (restored_intervals, ==, closed + 36);
  g_assert_cmpuint (plt_acd_get_last_contact_number (run.acd), ==, last);

  /* And goes on, numbering after the last contact. */
  plt_acd_advance (run.acd, 10 * 60 * 1000);
  g_assert_true (plt_persist_close (run.persist, &error));
  g_assert_no_error (error);
  {
    g_autofree char *old_ones = g_strdup_printf ("SELECT count(*) FROM acd_contacts WHERE number <= %" G_GUINT64_FORMAT, last);
    g_autofree char *new_ones = g_strdup_printf ("SELECT count(*) FROM acd_contacts WHERE number > %" G_GUINT64_FORMAT, last);

    g_assert_cmpint (query_int (run.db, old_ones), ==, finished + open);
    g_assert_cmpint (query_int (run.db, new_ones), >, 10);
  }
  run_clear (&run);

  temp_db_clear (&temp);
}

/* /Plateau/Persist/crash: killed after a commit, the file holds what was
 * committed; only the rows of the batch not yet written are lost. */

static void
test_crash (void)
{
  TempDb temp;

  if (g_test_subprocess ())
    {
      const char *path = g_getenv ("PLT_TEST_DB");
      g_autofree char *counts = g_strconcat (path, ".counts", NULL);
      g_autofree char *text = NULL;
      g_autoptr(GError) error = NULL;
      Run run = { 0 };
      guint pending;
      gint64 committed;

      run_open (&run, path, START);
      plt_acd_advance (run.acd, 30 * 60 * 1000);
      g_assert_true (plt_persist_flush (run.persist, &error));
      committed = query_int (run.db, "SELECT (SELECT count(*) FROM acd_contacts) + (SELECT count(*) FROM acd_agent_states)");

      /* Rows the next batch would have written. */
      plt_acd_advance (run.acd, 5 * 60 * 1000);
      pending = plt_persist_get_n_pending (run.persist);

      text = g_strdup_printf ("%" G_GINT64_FORMAT " %u", committed, pending);
      g_file_set_contents (counts, text, -1, &error);
      g_assert_no_error (error);

      /* No clean stop: the process dies. */
      raise (SIGKILL);
      return;
    }

  temp_db_init (&temp);
  g_setenv ("PLT_TEST_DB", temp.path, TRUE);
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();

  {
    g_autofree char *counts = g_strconcat (temp.path, ".counts", NULL);
    g_autofree char *text = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(PltDb) db = NULL;
    gint64 committed = 0;
    guint pending = 0;

    g_file_get_contents (counts, &text, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (sscanf (text, "%" G_GINT64_FORMAT " %u", &committed, &pending), ==, 2);
    g_unlink (counts);
    g_test_message ("committed %" G_GINT64_FORMAT " rows; %u pending when killed", committed, pending);
    g_assert_cmpint (committed, >, 100);
    g_assert_cmpuint (pending, >, 0);

    db = plt_db_open (temp.path, &error);
    g_assert_no_error (error);
    g_assert_cmpint (query_int (db, "SELECT (SELECT count(*) FROM acd_contacts) + (SELECT count(*) FROM acd_agent_states)"),
                     ==, committed);
    g_assert_cmpint (query_int (db, "PRAGMA integrity_check = 1") , ==, 0);
  }

  temp_db_clear (&temp);
}

/* /Plateau/Persist/router: plateau-router with a database file. */

static void
test_router (void)
{
  TempDb temp;
  PltRouterOptions options = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  PltRouter *router;
  gint64 now = g_get_real_time () / 1000;
  g_autoptr(PltScenario) demo = plt_scenario_new_demo ();

  if (plt_acd_day_start_for (demo, now) != plt_acd_day_start_for (demo, now + 20 * 60 * 1000))
    {
      g_test_skip ("midnight is too near: the restart would start a new day");
      return;
    }

  temp_db_init (&temp);
  options.scenario = "demo";
  options.speed = 1;
  options.seed = 4;
  options.db_path = temp.path;
  options.no_auth = TRUE;

  router = plt_router_new (&options, &error);
  g_assert_no_error (error);
  plt_acd_advance (plt_router_get_acd (router), 10 * 60 * 1000);
  plt_router_stop (router);
  before = plt_acd_dup_queues (plt_router_get_acd (router));
  g_object_unref (router);

  router = plt_router_new (&options, &error);
  g_assert_no_error (error);
  after = plt_acd_dup_queues (plt_router_get_acd (router));
  assert_same_today (before, after);
  plt_router_stop (router);
  g_object_unref (router);

  temp_db_clear (&temp);
}

/* /Plateau/Persist/retention: records older than the retention go, a
 * batch at a time; acd_settings.retention_days sets it. */

static void
test_retention (void)
{
  const gint64 day = 24 * 3600 * 1000;
  g_autoptr(GError) error = NULL;
  g_autoptr(PltDb) db = plt_db_open (":memory:", &error);
  g_autoptr(PltPersist) persist = plt_persist_new (db, &error);
  g_autoptr(PltScenario) demo = plt_scenario_new_demo ();
  g_autoptr(PltScenario) merged = plt_persist_load_config (persist, demo, &error);
  g_autoptr(PltAcd) acd = plt_acd_new (merged, 2, START);
  gint64 rows;
  guint deleted = 0, total = 0;

  g_assert_no_error (error);
  g_assert_cmpint (query_int (db, "SELECT value FROM acd_settings WHERE key = 'retention_days'"), ==, 92);

  plt_persist_attach (persist, acd);
  plt_acd_advance (acd, 8 * 3600 * 1000);
  g_assert_true (plt_persist_close (persist, &error));
  rows = query_int (db, "SELECT (SELECT count(*) FROM acd_contacts) + (SELECT count(*) FROM acd_agent_states)");
  g_assert_cmpint (rows, >, 2 * PLT_PERSIST_PURGE_ROWS);

  /* Within the retention: nothing goes. */
  g_assert_true (plt_persist_purge (persist, START + 91 * day, &deleted, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (deleted, ==, 0);

  /* Past it: all of it, a batch a call. */
  do
    {
      g_assert_true (plt_persist_purge (persist, START + 93 * day, &deleted, &error));
      g_assert_cmpuint (deleted, <=, 2 * PLT_PERSIST_PURGE_ROWS);
      total += deleted;
    }
  while (deleted > 0);
  g_assert_cmpint (total, ==, rows);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM acd_contacts"), ==, 0);

  /* A day, set in the database, read at the next start. */
  exec (db, "UPDATE acd_settings SET value = '1' WHERE key = 'retention_days'");
  g_clear_pointer (&merged, plt_scenario_unref);
  merged = plt_persist_load_config (persist, demo, &error);
  g_assert_no_error (error);
  exec (db, "INSERT INTO acd_contacts (number, queue_id, media, origin, enqueued, ended, outcome, finished)"
            " VALUES (1, 'q-ventes', 'inbound', 'new', 1795000000000, 1795000060000, 'abandoned', 1795000060000)");
  g_assert_true (plt_persist_purge (persist, START + day / 2, &deleted, &error));
  g_assert_cmpuint (deleted, ==, 0);
  g_assert_true (plt_persist_purge (persist, START + 2 * day, &deleted, &error));
  g_assert_cmpuint (deleted, ==, 1);
}

/* /Plateau/Persist/kpi-history: kpi.query for past days, read from the
 * file by a worker thread, equals a report on every record of the file —
 * today's, in the file and in memory both, counted once. */

typedef struct
{
  PltKpiReport *report;
} Feed;

static gboolean
feed_contact (const PltContactRecord *record,
              gpointer                user_data)
{
  plt_kpi_report_add_contact (((Feed *) user_data)->report, record);
  return TRUE;
}

/* The kpi.result on queues made from every contact in the file and those
 * in progress. */
static char *
expected_answer (PltKpiService *service,
                 PltAcd        *acd,
                 const char    *path,
                 const char    *query_id,
                 gint64         from,
                 gint64         to,
                 gint64         interval_s,
                 gint64        *offered)
{
  g_autoptr(GError) error = NULL;
  const char *none[] = { NULL };
  g_auto(GStrv) ids = plt_kpi_service_resolve_ids (service, NULL, PLT_KPI_SCOPE_QUEUE, none, &error);
  gint64 now = plt_acd_get_now (acd);
  g_autoptr(PltKpiReport) report = plt_kpi_report_new (plt_kpi_service_get_config (service), PLT_KPI_SCOPE_QUEUE,
                                                       (const char * const *) ids, from, to, interval_s * 1000,
                                                       MIN (now, to));
  Feed feed = { report };
  g_autoptr(PltMessage) result = plt_message_new (PLT_MESSAGE_KPI_RESULT);
  g_autoptr(GPtrArray) rows = NULL;

  g_assert_no_error (error);
  g_assert_true (plt_persist_read_range (path, 0, G_MAXINT64 / 2, G_MAXINT64, feed_contact, NULL, &feed, &error));
  g_assert_no_error (error);
  plt_acd_foreach_open_contact (acd, feed_contact, &feed);
  rows = plt_kpi_report_finish (report);

  *offered = 0;
  result->epoch = g_strdup ("e-1");
  result->ts = now;
  result->u.kpi_result.reply_to = g_strdup (query_id);
  result->u.kpi_result.scope = g_strdup ("queue");
  for (guint i = 0; i < rows->len; i++)
    {
      PltKpiRow *row = g_ptr_array_index (rows, i);

      *offered += row->counters.offered;
      g_ptr_array_add (result->u.kpi_result.rows, g_steal_pointer (&rows->pdata[i]));
    }
  return plt_message_encode (result);
}

static void
on_answered (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static gboolean
on_deadline (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* The answer's data (encoded without seq: not for the decoder). */
static JsonObject *
answer_data (const char *text,
             const char *type)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = json_from_string (text, &error);
  JsonObject *object;

  g_assert_no_error (error);
  object = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (object, "type"), ==, type);
  return json_object_ref (json_object_get_object_member (object, "data"));
}

static char *
ask (PltKpiService *service,
     const char    *id,
     gint64         from,
     gint64         to,
     gint64         interval_s)
{
  const char *none[] = { NULL };
  PltKpiQueryData query = { (char *) id, (char *) "queue", (GStrv) none, NULL, from, to, interval_s };
  g_autoptr(GAsyncResult) result = NULL;
  gboolean late = FALSE;
  guint timer;
  char *text;

  text = plt_kpi_service_answer_any (service, NULL, &query, "e-1", on_answered, &result);
  if (text != NULL)
    return text;

  timer = g_timeout_add (plt_test_timeout_ms (30000), on_deadline, &late);
  while (result == NULL && !late)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (late);
  g_source_remove (timer);
  return plt_kpi_service_answer_finish (service, result);
}

static void
test_kpi_history (void)
{
  TempDb temp;
  Run run = { 0 };
  g_autoptr(GError) error = NULL;
  PltKpiService *service;
  gint64 today, yesterday, stop, now;
  gint64 offered = 0;

  temp_db_init (&temp);

  /* From late morning to past the next midnight, then a restart. */
  run_open (&run, temp.path, START);
  today = plt_acd_day_start_for (run.scenario, START);
  yesterday = plt_acd_day_start_for (run.scenario, today + 36 * 3600 * 1000);
  while (plt_acd_get_now (run.acd) < yesterday + 3600 * 1000)
    {
      plt_acd_advance (run.acd, 10 * 60 * 1000);
      g_assert_true (plt_persist_flush (run.persist, &error));
      g_assert_no_error (error);
    }
  g_assert_cmpint (plt_acd_get_day_start (run.acd), ==, yesterday);
  stop = plt_acd_get_now (run.acd);
  g_assert_true (plt_persist_close (run.persist, &error));
  g_assert_no_error (error);
  run_clear (&run);

  /* The day after: "yesterday" is the whole day simulated above. */
  run_open (&run, temp.path, stop + 5000);
  /* Today goes on: its records are in the file and in memory. */
  plt_acd_advance (run.acd, 20 * 60 * 1000);
  g_assert_true (plt_persist_flush (run.persist, &error));
  g_assert_no_error (error);
  today = plt_acd_get_day_start (run.acd);
  g_assert_cmpint (today, ==, yesterday);
  yesterday = plt_acd_day_start_for (run.scenario, today - 1);
  g_assert_cmpint (today - yesterday, ==, 24 * 3600 * 1000);
  now = plt_acd_get_now (run.acd);

  service = plt_kpi_service_new (run.acd);
  plt_kpi_service_set_history (service, run.persist, temp.path);

  /* Yesterday by 15 minutes. */
  {
    g_autofree char *got = ask (service, "q-1", yesterday, today, 900);
    g_autofree char *want = expected_answer (service, run.acd, temp.path, "q-1", yesterday, today, 900, &offered);
    g_autoptr(JsonObject) data = answer_data (got, "kpi.result");
    guint n_rows = json_array_get_length (json_object_get_array_member (data, "rows"));

    g_test_message ("yesterday: %u rows", n_rows);
    g_assert_cmpuint (n_rows % 96, ==, 0);
    g_assert_cmpuint (n_rows, >=, 96);
    g_assert_cmpint (offered, >, 300);
    g_assert_cmpstr (got, ==, want);
  }

  /* Yesterday and today so far, in one row per queue. */
  {
    g_autofree char *got = ask (service, "q-2", yesterday, now + 1, 0);
    g_autofree char *want = expected_answer (service, run.acd, temp.path, "q-2", yesterday, now + 1, 0, &offered);
    gint64 offered_yesterday = offered;

    g_assert_cmpstr (got, ==, want);
    g_free (expected_answer (service, run.acd, temp.path, "q-2", yesterday, today, 0, &offered_yesterday));
    g_assert_cmpint (offered, >, offered_yesterday);
  }

  /* 100 days: refused at once. */
  {
    g_autofree char *got = ask (service, "q-3", now - (gint64) 100 * 24 * 3600 * 1000, now, 0);
    g_autoptr(JsonObject) data = answer_data (got, "error");

    g_assert_cmpstr (json_object_get_string_member (data, "code"), ==, "BAD_REQUEST");
    g_assert_cmpstr (json_object_get_string_member (data, "reply_to"), ==, "q-3");
    g_assert_nonnull (strstr (json_object_get_string_member (data, "message"), "at most 93"));
  }

  plt_kpi_service_free (service);
  g_assert_true (plt_persist_close (run.persist, &error));
  g_assert_no_error (error);
  run_clear (&run);
  temp_db_clear (&temp);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Plateau/Persist/migrations", test_migrations);
  g_test_add_func ("/Plateau/Persist/config", test_config);
  g_test_add_func ("/Plateau/Persist/restart", test_restart);
  g_test_add_func ("/Plateau/Persist/crash", test_crash);
  g_test_add_func ("/Plateau/Persist/router", test_router);
  g_test_add_func ("/Plateau/Persist/retention", test_retention);
  g_test_add_func ("/Plateau/Persist/kpi-history", test_kpi_history);

  return g_test_run ();
}
