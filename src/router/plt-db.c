/* plt-db.c — the router's SQLite database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "plt-db.h"

struct _PltDb
{
  GObject  parent_instance;

  sqlite3 *handle;
  char    *path;
};

G_DEFINE_FINAL_TYPE (PltDb, plt_db, G_TYPE_OBJECT)

G_DEFINE_QUARK (plt-db-error-quark, plt_db_error)

static void
set_sql_error (PltDb       *self,
               GError     **error,
               const char  *what)
{
  g_set_error (error, PLT_DB_ERROR, PLT_DB_ERROR_SQL,
               "%s: %s", what, sqlite3_errmsg (self->handle));
}

static void
plt_db_finalize (GObject *object)
{
  PltDb *self = PLT_DB (object);

  g_clear_pointer (&self->handle, sqlite3_close);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (plt_db_parent_class)->finalize (object);
}

static void
plt_db_class_init (PltDbClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = plt_db_finalize;
}

static void
plt_db_init (PltDb *self)
{
}

PltDb *
plt_db_open (const char  *path,
             GError     **error)
{
  g_autoptr(PltDb) self = NULL;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (PLT_TYPE_DB, NULL);
  self->path = g_strdup (path);

  rc = sqlite3_open_v2 (path, &self->handle,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, PLT_DB_ERROR, PLT_DB_ERROR_OPEN,
                   "Cannot open the database “%s”: %s", path,
                   self->handle != NULL ? sqlite3_errmsg (self->handle) : sqlite3_errstr (rc));
      return NULL;
    }

  sqlite3_busy_timeout (self->handle, 5000);

  /* WAL with synchronous=NORMAL: a commit survives a crash of the router
   * process; a power loss may drop the transactions of the last moments
   * (see docs/router.md, "Durability"). */
  if (!plt_db_exec (self, "PRAGMA journal_mode=WAL;", error) ||
      !plt_db_exec (self, "PRAGMA synchronous=NORMAL;", error) ||
      !plt_db_exec (self, "PRAGMA foreign_keys=ON;", error) ||
      !plt_db_exec (self,
                    "CREATE TABLE IF NOT EXISTS schema_versions ("
                    "  component TEXT PRIMARY KEY NOT NULL,"
                    "  version   INTEGER NOT NULL)", error))
    return NULL;

  return g_steal_pointer (&self);
}

sqlite3 *
plt_db_get_handle (PltDb *self)
{
  g_return_val_if_fail (PLT_IS_DB (self), NULL);

  return self->handle;
}

const char *
plt_db_get_path (PltDb *self)
{
  g_return_val_if_fail (PLT_IS_DB (self), NULL);

  return self->path;
}

gboolean
plt_db_exec (PltDb       *self,
             const char  *sql,
             GError     **error)
{
  char *message = NULL;

  g_return_val_if_fail (PLT_IS_DB (self), FALSE);
  g_return_val_if_fail (sql != NULL, FALSE);

  if (sqlite3_exec (self->handle, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, PLT_DB_ERROR, PLT_DB_ERROR_SQL, "%s",
                   message != NULL ? message : sqlite3_errmsg (self->handle));
      sqlite3_free (message);
      return FALSE;
    }

  return TRUE;
}

sqlite3_stmt *
plt_db_prepare (PltDb       *self,
                const char  *sql,
                GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  g_return_val_if_fail (PLT_IS_DB (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  if (sqlite3_prepare_v2 (self->handle, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      set_sql_error (self, error, "Cannot prepare a statement");
      return NULL;
    }

  return stmt;
}

gboolean
plt_db_begin (PltDb   *self,
              GError **error)
{
  return plt_db_exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
plt_db_commit (PltDb   *self,
               GError **error)
{
  return plt_db_exec (self, "COMMIT", error);
}

void
plt_db_rollback (PltDb *self)
{
  g_return_if_fail (PLT_IS_DB (self));

  if (!sqlite3_get_autocommit (self->handle))
    sqlite3_exec (self->handle, "ROLLBACK", NULL, NULL, NULL);
}

int
plt_db_get_version (PltDb      *self,
                    const char *component)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int version = 0;

  g_return_val_if_fail (PLT_IS_DB (self), 0);
  g_return_val_if_fail (component != NULL, 0);

  stmt = plt_db_prepare (self, "SELECT version FROM schema_versions WHERE component = ?1", NULL);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_text (stmt, 1, component, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);

  return version;
}

gboolean
plt_db_migrate (PltDb                 *self,
                const char            *component,
                const PltDbMigration  *migrations,
                guint                  n_migrations,
                GError               **error)
{
  int current;

  g_return_val_if_fail (PLT_IS_DB (self), FALSE);
  g_return_val_if_fail (component != NULL, FALSE);
  g_return_val_if_fail (migrations != NULL || n_migrations == 0, FALSE);

  current = plt_db_get_version (self, component);

  if (n_migrations > 0 && current > migrations[n_migrations - 1].version)
    {
      g_set_error (error, PLT_DB_ERROR, PLT_DB_ERROR_TOO_NEW,
                   "The database “%s” holds version %d of “%s”, newer than this router knows (%d)",
                   self->path, current, component, migrations[n_migrations - 1].version);
      return FALSE;
    }

  for (guint i = 0; i < n_migrations; i++)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;
      g_autoptr(GError) local_error = NULL;

      g_return_val_if_fail (i == 0 || migrations[i].version > migrations[i - 1].version, FALSE);

      if (migrations[i].version <= current)
        continue;

      if (!plt_db_begin (self, error))
        return FALSE;

      if (!plt_db_exec (self, migrations[i].sql, &local_error))
        {
          plt_db_rollback (self);
          g_set_error (error, PLT_DB_ERROR, PLT_DB_ERROR_SQL,
                       "Migration %d of “%s” failed: %s",
                       migrations[i].version, component, local_error->message);
          return FALSE;
        }

      stmt = plt_db_prepare (self,
                             "INSERT INTO schema_versions (component, version) VALUES (?1, ?2) "
                             "ON CONFLICT (component) DO UPDATE SET version = excluded.version",
                             error);
      if (stmt == NULL)
        {
          plt_db_rollback (self);
          return FALSE;
        }
      sqlite3_bind_text (stmt, 1, component, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 2, migrations[i].version);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          set_sql_error (self, error, "Cannot record the schema version");
          plt_db_rollback (self);
          return FALSE;
        }

      if (!plt_db_commit (self, error))
        {
          plt_db_rollback (self);
          return FALSE;
        }
    }

  return TRUE;
}
