/* plt-db.h — the router's SQLite database: opening, durability, migrations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define PLT_DB_ERROR (plt_db_error_quark ())

typedef enum
{
  PLT_DB_ERROR_OPEN,
  PLT_DB_ERROR_SQL,
  PLT_DB_ERROR_TOO_NEW,   /* the file was written by a newer router */
} PltDbError;

GQuark plt_db_error_quark (void);

/**
 * PltDbMigration:
 * @version: the schema version this step brings the component to (1, 2, …)
 * @sql: the statements of the step, run in one transaction
 *
 * Each part of the router (configuration, contacts, users…) owns its tables
 * and lists its migrations in order; plt_db_migrate() applies the ones the
 * file has not seen yet and records the version per component.
 */
typedef struct
{
  int         version;
  const char *sql;
} PltDbMigration;

#define PLT_TYPE_DB (plt_db_get_type ())
G_DECLARE_FINAL_TYPE (PltDb, plt_db, PLT, DB, GObject)

/* Opens (creating it if needed) the database at @path, or an in-memory one
 * when @path is ":memory:". Sets WAL journaling, synchronous=NORMAL,
 * foreign keys and a busy timeout. Returns: (transfer full) (nullable) */
PltDb       *plt_db_open             (const char            *path,
                                      GError               **error);
/* Returns: (transfer none): the connection, owned by @self */
sqlite3     *plt_db_get_handle       (PltDb                 *self);
const char  *plt_db_get_path         (PltDb                 *self);
gboolean     plt_db_migrate          (PltDb                 *self,
                                      const char            *component,
                                      const PltDbMigration  *migrations,
                                      guint                  n_migrations,
                                      GError               **error);
/* The version @component is at: 0 when it has no tables yet. */
int          plt_db_get_version      (PltDb                 *self,
                                      const char            *component);
/* Runs @sql (no results expected). */
gboolean     plt_db_exec             (PltDb                 *self,
                                      const char            *sql,
                                      GError               **error);
/* Returns: (transfer full) (nullable): a prepared statement, or NULL with @error */
sqlite3_stmt *plt_db_prepare         (PltDb                 *self,
                                      const char            *sql,
                                      GError               **error);
gboolean     plt_db_begin            (PltDb                 *self,
                                      GError               **error);
gboolean     plt_db_commit           (PltDb                 *self,
                                      GError               **error);
void         plt_db_rollback         (PltDb                 *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

G_END_DECLS
