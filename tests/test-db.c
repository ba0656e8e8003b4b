/* test-db.c — the router database: durability settings and migrations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "plt-db.h"

static const PltDbMigration counters_v2[] = {
  { 1, "CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);" },
  { 2, "ALTER TABLE counters ADD COLUMN updated INTEGER NOT NULL DEFAULT 0;"
       "INSERT INTO counters (name, value) VALUES ('offered', 0);" },
};

static char *
temp_db_path (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("plateau-db-XXXXXX", &error);

  g_assert_no_error (error);
  return g_build_filename (dir, "router.db", NULL);
}

static void
remove_db (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
  g_rmdir (dir);
}

static gint64
count_rows (PltDb      *db,
            const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = plt_db_prepare (db, sql, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static void
test_wal_and_versions (void)
{
  g_autofree char *path = temp_db_path ();
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(PltDb) db = plt_db_open (path, &error);
    g_autoptr(sqlite3_stmt) stmt = NULL;

    g_assert_no_error (error);
    g_assert_cmpstr (plt_db_get_path (db), ==, path);

    stmt = plt_db_prepare (db, "PRAGMA journal_mode", &error);
    g_assert_no_error (error);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
    g_clear_pointer (&stmt, sqlite3_finalize);

    g_assert_cmpint (plt_db_get_version (db, "counters"), ==, 0);
    g_assert_true (plt_db_migrate (db, "counters", counters_v2, 1, &error));
    g_assert_no_error (error);
    g_assert_cmpint (plt_db_get_version (db, "counters"), ==, 1);
    g_assert_true (plt_db_exec (db, "INSERT INTO counters VALUES ('answered', 7)", &error));
    g_assert_no_error (error);
  }

  /* Reopened: version 1 is kept, its data too, and only step 2 runs. */
  {
    g_autoptr(PltDb) db = plt_db_open (path, &error);

    g_assert_no_error (error);
    g_assert_cmpint (plt_db_get_version (db, "counters"), ==, 1);
    g_assert_true (plt_db_migrate (db, "counters", counters_v2, G_N_ELEMENTS (counters_v2), &error));
    g_assert_no_error (error);
    g_assert_cmpint (plt_db_get_version (db, "counters"), ==, 2);
    g_assert_cmpint (count_rows (db, "SELECT count(*) FROM counters"), ==, 2);
    g_assert_cmpint (count_rows (db, "SELECT value FROM counters WHERE name = 'answered'"), ==, 7);

    /* Running the list again changes nothing. */
    g_assert_true (plt_db_migrate (db, "counters", counters_v2, G_N_ELEMENTS (counters_v2), &error));
    g_assert_cmpint (count_rows (db, "SELECT count(*) FROM counters"), ==, 2);

    /* Another component has its own version. */
    g_assert_cmpint (plt_db_get_version (db, "users"), ==, 0);
  }

  /* An older router must refuse a file that a newer one migrated. */
  {
    g_autoptr(PltDb) db = plt_db_open (path, &error);

    g_assert_no_error (error);
    g_assert_false (plt_db_migrate (db, "counters", counters_v2, 1, &error));
    g_assert_error (error, PLT_DB_ERROR, PLT_DB_ERROR_TOO_NEW);
  }

  remove_db (path);
}

static void
test_failed_migration_rolls_back (void)
{
  static const PltDbMigration broken[] = {
    { 1, "CREATE TABLE a (x INTEGER);" },
    { 2, "CREATE TABLE b (y INTEGER); INSERT INTO nowhere VALUES (1);" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(PltDb) db = plt_db_open (":memory:", &error);

  g_assert_no_error (error);
  g_assert_false (plt_db_migrate (db, "broken", broken, G_N_ELEMENTS (broken), &error));
  g_assert_error (error, PLT_DB_ERROR, PLT_DB_ERROR_SQL);
  g_assert_nonnull (strstr (error->message, "Migration 2"));

  /* Step 1 stays; step 2 left nothing behind. */
  g_assert_cmpint (plt_db_get_version (db, "broken"), ==, 1);
  g_assert_cmpint (count_rows (db, "SELECT count(*) FROM sqlite_master WHERE name = 'a'"), ==, 1);
  g_assert_cmpint (count_rows (db, "SELECT count(*) FROM sqlite_master WHERE name = 'b'"), ==, 0);
}

static void
test_open_error (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PltDb) db = plt_db_open ("/nonexistent-dir/for/sure/router.db", &error);

  g_assert_null (db);
  g_assert_error (error, PLT_DB_ERROR, PLT_DB_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, "/nonexistent-dir/for/sure/router.db"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Plateau/Db/wal-and-versions", test_wal_and_versions);
  g_test_add_func ("/Plateau/Db/failed-migration-rolls-back", test_failed_migration_rolls_back);
  g_test_add_func ("/Plateau/Db/open-error", test_open_error);

  return g_test_run ();
}
