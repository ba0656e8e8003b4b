/* plt-auth.c — the router's users, their passwords and their tokens
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <sodium.h>

#include "plt-auth.h"

#define TOKEN_BYTES          32
#define MAX_NAME             64
#define FAILURE_FORGET_US    (15 * 60 * G_USEC_PER_SEC)   /* a quiet quarter of an hour clears the count */
#define MAX_DELAY_MS         (15 * 60 * 1000)
#define MAX_FAILURE_ENTRIES  10000

G_DEFINE_QUARK (plt-auth-error-quark, plt_auth_error)

static const PltDbMigration users_migrations[] = {
  { 1,
    "CREATE TABLE users ("
    "  name     TEXT PRIMARY KEY NOT NULL,"
    "  role     TEXT NOT NULL,"
    "  teams    TEXT NOT NULL DEFAULT '',"   /* comma-separated team ids */
    "  agent    TEXT,"
    "  password TEXT NOT NULL,"              /* Argon2id, crypto_pwhash_str() */
    "  created  INTEGER NOT NULL,"
    "  changed  INTEGER NOT NULL"
    ");"
    "CREATE TABLE tokens ("
    "  hash     TEXT PRIMARY KEY NOT NULL,"  /* hex BLAKE2b-256 of the token */
    "  user     TEXT NOT NULL REFERENCES users (name) ON DELETE CASCADE,"
    "  created  INTEGER NOT NULL,"
    "  expires  INTEGER NOT NULL"
    ");"
    "CREATE INDEX tokens_user ON tokens (user);" },
};

/* Roles */

static const char * const role_names[] = {
  [PLT_ROLE_AGENT]      = "agent",
  [PLT_ROLE_SUPERVISOR] = "supervisor",
  [PLT_ROLE_MANAGER]    = "manager",
  [PLT_ROLE_WALLBOARD]  = "wallboard",
  [PLT_ROLE_ADMIN]      = "admin",
};

const char *
plt_role_to_string (PltRole role)
{
  g_return_val_if_fail ((guint) role < G_N_ELEMENTS (role_names), NULL);

  return role_names[role];
}

gboolean
plt_role_from_string (const char *str,
                      PltRole    *role)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (role_names); i++)
    if (strcmp (role_names[i], str) == 0)
      {
        *role = i;
        return TRUE;
      }

  return FALSE;
}

/* Users */

PltUser *
plt_user_new (const char         *name,
              PltRole             role,
              const char * const *teams,
              const char         *agent)
{
  PltUser *user = g_new0 (PltUser, 1);
  const char * const none[] = { NULL };

  user->name = g_strdup (name);
  user->role = role;
  user->teams = g_strdupv ((char **) (teams != NULL ? teams : none));
  user->agent = g_strdup (agent);

  return user;
}

PltUser *
plt_user_copy (const PltUser *user)
{
  g_return_val_if_fail (user != NULL, NULL);

  return plt_user_new (user->name, user->role, (const char * const *) user->teams, user->agent);
}

void
plt_user_free (PltUser *user)
{
  if (user == NULL)
    return;

  g_free (user->name);
  g_strfreev (user->teams);
  g_free (user->agent);
  g_free (user);
}

/* The rate limit */

typedef struct
{
  guint  failures;
  gint64 last_us;     /* monotonic, of the last failure */
} Failures;

struct _PltAuth
{
  GObject     parent_instance;

  PltDb      *db;
  guint64     opslimit;
  gsize       memlimit;
  gint64      token_lifetime_ms;
  char       *dummy_hash;        /* verified against for unknown users */

  GHashTable *failures_by_user;  /* char* → Failures* */
  GHashTable *failures_by_addr;
};

G_DEFINE_FINAL_TYPE (PltAuth, plt_auth, G_TYPE_OBJECT)

static void
plt_auth_finalize (GObject *object)
{
  PltAuth *self = PLT_AUTH (object);

  g_clear_object (&self->db);
  g_clear_pointer (&self->dummy_hash, g_free);
  g_clear_pointer (&self->failures_by_user, g_hash_table_unref);
  g_clear_pointer (&self->failures_by_addr, g_hash_table_unref);

  G_OBJECT_CLASS (plt_auth_parent_class)->finalize (object);
}

static void
plt_auth_class_init (PltAuthClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = plt_auth_finalize;
}

static void
plt_auth_init (PltAuth *self)
{
  self->opslimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
  self->memlimit = crypto_pwhash_MEMLIMIT_INTERACTIVE;
  self->token_lifetime_ms = PLT_AUTH_TOKEN_LIFETIME_MS;
  self->failures_by_user = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->failures_by_addr = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/* How long the next attempt must still wait, in ms; 0 if it may go now. */
static gint64
failures_wait_ms (GHashTable *table,
                  const char *key,
                  gint64      now_us)
{
  Failures *f = key != NULL ? g_hash_table_lookup (table, key) : NULL;
  gint64 delay_ms;
  gint64 left_ms;

  if (f == NULL)
    return 0;

  if (now_us - f->last_us > FAILURE_FORGET_US)
    {
      g_hash_table_remove (table, key);
      return 0;
    }

  if (f->failures < PLT_AUTH_FREE_FAILURES)
    return 0;

  delay_ms = 1000;
  for (guint i = PLT_AUTH_FREE_FAILURES; i < f->failures && delay_ms < MAX_DELAY_MS; i++)
    delay_ms *= 2;
  delay_ms = MIN (delay_ms, MAX_DELAY_MS);

  left_ms = delay_ms - (now_us - f->last_us) / 1000;
  return MAX (left_ms, 0);
}

static void
failures_add (GHashTable *table,
              const char *key,
              gint64      now_us)
{
  Failures *f;

  if (key == NULL)
    return;

  /* Bounded: a flood of names or addresses cannot grow it forever. The
   * entries that are old enough go first, then everything. */
  if (g_hash_table_size (table) >= MAX_FAILURE_ENTRIES)
    {
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, table);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        if (now_us - ((Failures *) value)->last_us > FAILURE_FORGET_US)
          g_hash_table_iter_remove (&iter);
      if (g_hash_table_size (table) >= MAX_FAILURE_ENTRIES)
        g_hash_table_remove_all (table);
    }

  f = g_hash_table_lookup (table, key);
  if (f == NULL)
    {
      f = g_new0 (Failures, 1);
      g_hash_table_insert (table, g_strdup (key), f);
    }
  f->failures++;
  f->last_us = now_us;
}

/* Database helpers */

static void
set_db_error (PltAuth     *self,
              GError     **error,
              const char  *what)
{
  g_set_error (error, PLT_AUTH_ERROR, PLT_AUTH_ERROR_FAILED, "%s: %s", what,
               sqlite3_errmsg (plt_db_get_handle (self->db)));
}

PltAuth *
plt_auth_new (PltDb   *db,
              GError **error)
{
  g_autoptr(PltAuth) self = NULL;
  char hash[crypto_pwhash_STRBYTES];
  char password[33];

  g_return_val_if_fail (PLT_IS_DB (db), NULL);

  if (sodium_init () < 0)
    {
      g_set_error_literal (error, PLT_AUTH_ERROR, PLT_AUTH_ERROR_FAILED,
                           "libsodium could not be initialised");
      return NULL;
    }

  if (!plt_db_migrate (db, "users", users_migrations, G_N_ELEMENTS (users_migrations), error))
    return NULL;

  self = g_object_new (PLT_TYPE_AUTH, NULL);
  self->db = g_object_ref (db);

  /* An unknown user costs a verification too, against a hash of nothing
   * anyone knows, so that the time taken does not tell names apart. */
  plt_auth_random_password (password, sizeof password);
  if (crypto_pwhash_str (hash, password, strlen (password),
                         crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN) != 0)
    {
      sodium_memzero (password, sizeof password);
      g_set_error_literal (error, PLT_AUTH_ERROR, PLT_AUTH_ERROR_FAILED, "out of memory while hashing");
      return NULL;
    }
  sodium_memzero (password, sizeof password);
  self->dummy_hash = g_strdup (hash);

  return g_steal_pointer (&self);
}

PltDb *
plt_auth_get_db (PltAuth *self)
{
  g_return_val_if_fail (PLT_IS_AUTH (self), NULL);

  return self->db;
}

void
plt_auth_random_password (char  *buffer,
                          gsize  length)
{
  static const char alphabet[] = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

  g_return_if_fail (buffer != NULL && length > 0);

  for (gsize i = 0; i + 1 < length; i++)
    buffer[i] = alphabet[randombytes_uniform (sizeof alphabet - 1)];
  buffer[length - 1] = '\0';
}

static gboolean
check_name (const char  *name,
            const char  *what,
            GError     **error)
{
  gsize length = name != NULL ? strlen (name) : 0;

  if (length < 1 || length > MAX_NAME || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error (error, PLT_AUTH_ERROR, PLT_AUTH_ERROR_INVALID,
                   "A %s must be 1 to %u bytes of UTF-8", what, MAX_NAME);
      return FALSE;
    }

  for (const char *p = name; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || *p == ',' || *p == 0x7f)
      {
        g_set_error (error, PLT_AUTH_ERROR, PLT_AUTH_ERROR_INVALID,
                     "A %s cannot contain commas or control characters", what);
        return FALSE;
      }

  return TRUE;
}

static gboolean
check_password (const char  *password,
                GError     **error)
{
  gsize length = password != NULL ? strlen (password) : 0;

  if (length < PLT_AUTH_MIN_PASSWORD || length > PLT_AUTH_MAX_PASSWORD)
    {
      g_set_error (error, PLT_AUTH_ERROR, PLT_AUTH_ERROR_INVALID,
                   "A password must be %u to %u bytes long", PLT_AUTH_MIN_PASSWORD, PLT_AUTH_MAX_PASSWORD);
      return FALSE;
    }

  return TRUE;
}

static char *
hash_password (PltAuth     *self,
               const char  *password,
               GError     **error)
{
  char hash[crypto_pwhash_STRBYTES];

  if (crypto_pwhash_str (hash, password, strlen (password), self->opslimit, self->memlimit) != 0)
    {
      g_set_error_literal (error, PLT_AUTH_ERROR, PLT_AUTH_ERROR_FAILED,
                           "Hashing the password failed (out of memory?)");
      return NULL;
    }

  return g_strdup (hash);
}

gboolean
plt_auth_add_user (PltAuth            *self,
                   const char         *name,
                   PltRole             role,
                   const char * const *teams,
                   const char         *agent,
                   const char         *password,
                   GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *team_list = NULL;
  gint64 now = g_get_real_time () / 1000;
  int rc;

  g_return_val_if_fail (PLT_IS_AUTH (self), FALSE);
  g_return_val_if_fail ((guint) role < G_N_ELEMENTS (role_names), FALSE);

  if (!check_name (name, "user name", error) || !check_password (password, error))
    return FALSE;
  for (guint i = 0; teams != NULL && teams[i] != NULL; i++)
    if (!check_name (teams[i], "team id", error))
      return FALSE;
  if (agent != NULL && !check_name (agent, "agent id", error))
    return FALSE;

  if (role == PLT_ROLE_SUPERVISOR && (teams == NULL || teams[0] == NULL))
    {
      g_set_error_literal (error, PLT_AUTH_ERROR, PLT_AUTH_ERROR_INVALID,
                           "A supervisor needs at least one team (--teams)");
      return FALSE;
    }

  hash = hash_password (self, password, error);
  if (hash == NULL)
    return FALSE;

  team_list = teams != NULL ? g_strjoinv (",", (char **) teams) : g_strdup ("");
  if (role == PLT_ROLE_AGENT && agent == NULL)
    agent = name;

  stmt = plt_db_prepare (self->db,
                         "INSERT INTO users (name, role, teams, agent, password, created, changed) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, role_names[role], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, team_list, -1, SQLITE_TRANSIENT);
  if (role == PLT_ROLE_AGENT)
    sqlite3_bind_text (stmt, 4, agent, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 4);
  sqlite3_bind_text (stmt, 5, hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 6, now);
  sqlite3_bind_int64 (stmt, 7, now);

  rc = sqlite3_step (stmt);
  sodium_memzero (hash, strlen (hash));
  if (rc == SQLITE_CONSTRAINT)
    {
      g_set_error (error, PLT_AUTH_ERROR, PLT_AUTH_ERROR_EXISTS, "There is already a user “%s”", name);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error, "Cannot add the user");
      return FALSE;
    }

  return TRUE;
}

static gboolean
delete_tokens_of (PltAuth     *self,
                  const char  *name,
                  GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = plt_db_prepare (self->db, "DELETE FROM tokens WHERE user = ?", error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      set_db_error (self, error, "Cannot revoke the tokens");
      return FALSE;
    }

  return TRUE;
}

gboolean
plt_auth_set_password (PltAuth     *self,
                       const char  *name,
                       const char  *password,
                       GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *hash = NULL;
  int rc;

  g_return_val_if_fail (PLT_IS_AUTH (self), FALSE);

  if (!check_name (name, "user name", error) || !check_password (password, error))
    return FALSE;

  hash = hash_password (self, password, error);
  if (hash == NULL)
    return FALSE;

  if (!plt_db_begin (self->db, error))
    return FALSE;

  stmt = plt_db_prepare (self->db, "UPDATE users SET password = ?, changed = ? WHERE name = ?", error);
  if (stmt == NULL)
    {
      plt_db_rollback (self->db);
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, g_get_real_time () / 1000);
  sqlite3_bind_text (stmt, 3, name, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sodium_memzero (hash, strlen (hash));

  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error, "Cannot change the password");
      plt_db_rollback (self->db);
      return FALSE;
    }
  if (sqlite3_changes (plt_db_get_handle (self->db)) == 0)
    {
      g_set_error (error, PLT_AUTH_ERROR, PLT_AUTH_ERROR_NOT_FOUND, "There is no user “%s”", name);
      plt_db_rollback (self->db);
      return FALSE;
    }

  /* A new password ends the sessions the old one opened. */
  if (!delete_tokens_of (self, name, error))
    {
      plt_db_rollback (self->db);
      return FALSE;
    }

  return plt_db_commit (self->db, error);
}

gboolean
plt_auth_remove_user (PltAuth     *self,
                      const char  *name,
                      GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (PLT_IS_AUTH (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (!plt_db_begin (self->db, error))
    return FALSE;

  if (!delete_tokens_of (self, name, error))
    {
      plt_db_rollback (self->db);
      return FALSE;
    }

  stmt = plt_db_prepare (self->db, "DELETE FROM users WHERE name = ?", error);
  if (stmt == NULL)
    {
      plt_db_rollback (self->db);
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      set_db_error (self, error, "Cannot remove the user");
      plt_db_rollback (self->db);
      return FALSE;
    }
  if (sqlite3_changes (plt_db_get_handle (self->db)) == 0)
    {
      g_set_error (error, PLT_AUTH_ERROR, PLT_AUTH_ERROR_NOT_FOUND, "There is no user “%s”", name);
      plt_db_rollback (self->db);
      return FALSE;
    }

  return plt_db_commit (self->db, error);
}

/* A user from a row of (name, role, teams, agent). */
static PltUser *
user_from_row (sqlite3_stmt *stmt,
               int           first)
{
  const char *name = (const char *) sqlite3_column_text (stmt, first);
  const char *role_name = (const char *) sqlite3_column_text (stmt, first + 1);
  const char *team_list = (const char *) sqlite3_column_text (stmt, first + 2);
  const char *agent = (const char *) sqlite3_column_text (stmt, first + 3);
  g_auto(GStrv) teams = NULL;
  PltRole role;

  /* A role this build does not know grants nothing. */
  if (name == NULL || !plt_role_from_string (role_name, &role))
    return NULL;

  teams = (team_list != NULL && *team_list != '\0') ? g_strsplit (team_list, ",", -1) : g_new0 (char *, 1);

  return plt_user_new (name, role, (const char * const *) teams, agent);
}

GPtrArray *
plt_auth_list_users (PltAuth  *self,
                     GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) users = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_user_free);
  int rc;

  g_return_val_if_fail (PLT_IS_AUTH (self), NULL);

  stmt = plt_db_prepare (self->db, "SELECT name, role, teams, agent FROM users ORDER BY name", error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PltUser *user = user_from_row (stmt, 0);

      if (user != NULL)
        g_ptr_array_add (users, user);
    }

  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error, "Cannot list the users");
      return NULL;
    }

  return g_steal_pointer (&users);
}

PltUser *
plt_auth_lookup_user (PltAuth    *self,
                      const char *name)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (PLT_IS_AUTH (self), NULL);

  stmt = plt_db_prepare (self->db, "SELECT name, role, teams, agent FROM users WHERE name = ?", NULL);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  return user_from_row (stmt, 0);
}

/* Tokens */

static char *
token_hash (const char *token)
{
  guchar digest[crypto_generichash_BYTES];
  char hex[crypto_generichash_BYTES * 2 + 1];

  crypto_generichash (digest, sizeof digest, (const guchar *) token, strlen (token), NULL, 0);
  sodium_bin2hex (hex, sizeof hex, digest, sizeof digest);

  return g_strdup (hex);
}

char *
plt_auth_issue_token (PltAuth     *self,
                      const char  *name,
                      gint64      *expires_ms,
                      GError     **error)
{
  guchar bytes[TOKEN_BYTES];
  char token[sodium_base64_ENCODED_LEN (TOKEN_BYTES, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) purge = NULL;
  g_autofree char *hash = NULL;
  gint64 now = g_get_real_time () / 1000;
  gint64 expires = now + self->token_lifetime_ms;

  g_return_val_if_fail (PLT_IS_AUTH (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  /* Expired tokens are of no use to anyone. */
  purge = plt_db_prepare (self->db, "DELETE FROM tokens WHERE expires <= ?", error);
  if (purge == NULL)
    return NULL;
  sqlite3_bind_int64 (purge, 1, now);
  sqlite3_step (purge);

  randombytes_buf (bytes, sizeof bytes);
  sodium_bin2base64 (token, sizeof token, bytes, sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  sodium_memzero (bytes, sizeof bytes);
  hash = token_hash (token);

  stmt = plt_db_prepare (self->db, "INSERT INTO tokens (hash, user, created, expires) VALUES (?, ?, ?, ?)", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, now);
  sqlite3_bind_int64 (stmt, 4, expires);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      sodium_memzero (token, sizeof token);
      if (sqlite3_errcode (plt_db_get_handle (self->db)) == SQLITE_CONSTRAINT)
        g_set_error (error, PLT_AUTH_ERROR, PLT_AUTH_ERROR_NOT_FOUND, "There is no user “%s”", name);
      else
        set_db_error (self, error, "Cannot store the token");
      return NULL;
    }

  if (expires_ms != NULL)
    *expires_ms = expires;

  {
    char *result = g_strdup (token);

    sodium_memzero (token, sizeof token);
    return result;
  }
}

PltUser *
plt_auth_check_token (PltAuth     *self,
                      const char  *token,
                      gint64      *expires_ms,
                      GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *hash = NULL;
  PltUser *user;

  g_return_val_if_fail (PLT_IS_AUTH (self), NULL);

  if (token == NULL || strlen (token) == 0 || strlen (token) > 256)
    {
      g_set_error_literal (error, PLT_AUTH_ERROR, PLT_AUTH_ERROR_BAD_TOKEN, "No valid token");
      return NULL;
    }

  hash = token_hash (token);
  stmt = plt_db_prepare (self->db,
                         "SELECT u.name, u.role, u.teams, u.agent, t.expires "
                         "FROM tokens t JOIN users u ON u.name = t.user "
                         "WHERE t.hash = ? AND t.expires > ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, g_get_real_time () / 1000);

  if (sqlite3_step (stmt) != SQLITE_ROW || (user = user_from_row (stmt, 0)) == NULL)
    {
      g_set_error_literal (error, PLT_AUTH_ERROR, PLT_AUTH_ERROR_BAD_TOKEN,
                           "The token is unknown, expired or revoked");
      return NULL;
    }

  if (expires_ms != NULL)
    *expires_ms = sqlite3_column_int64 (stmt, 4);

  return user;
}

/* Login */

typedef struct
{
  char     *name;
  char     *password;     /* wiped and freed as soon as it is checked */
  char     *address;
  char     *hash;         /* of the user, or the dummy one */
  gboolean  known;
} Login;

static void
login_free (gpointer data)
{
  Login *login = data;

  if (login->password != NULL)
    {
      sodium_memzero (login->password, strlen (login->password));
      g_free (login->password);
    }
  g_free (login->name);
  g_free (login->address);
  g_free (login->hash);
  g_free (login);
}

static void
login_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Login *login = task_data;
  gboolean ok;

  ok = crypto_pwhash_str_verify (login->hash, login->password, strlen (login->password)) == 0;

  sodium_memzero (login->password, strlen (login->password));
  g_clear_pointer (&login->password, g_free);

  g_task_return_boolean (task, ok && login->known);
}

void
plt_auth_login_async (PltAuth             *self,
                      const char          *name,
                      const char          *password,
                      const char          *address,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 now_us = g_get_monotonic_time ();
  gint64 wait_ms;
  Login *login;

  g_return_if_fail (PLT_IS_AUTH (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, plt_auth_login_async);

  if (name == NULL || password == NULL || strlen (name) > MAX_NAME || strlen (password) > PLT_AUTH_MAX_PASSWORD)
    {
      failures_add (self->failures_by_addr, address, now_us);
      g_task_return_new_error (task, PLT_AUTH_ERROR, PLT_AUTH_ERROR_BAD_CREDENTIALS,
                               "Wrong user name or password");
      return;
    }

  wait_ms = MAX (failures_wait_ms (self->failures_by_user, name, now_us),
                 failures_wait_ms (self->failures_by_addr, address, now_us));
  if (wait_ms > 0)
    {
      GError *error = g_error_new (PLT_AUTH_ERROR, PLT_AUTH_ERROR_RATE_LIMITED,
                                   "Too many failed logins: try again in %" G_GINT64_FORMAT " s",
                                   (wait_ms + 999) / 1000);

      g_task_set_task_data (task, g_memdup2 (&wait_ms, sizeof wait_ms), g_free);
      g_task_return_error (task, error);
      return;
    }

  login = g_new0 (Login, 1);
  login->name = g_strdup (name);
  login->password = g_strdup (password);
  login->address = g_strdup (address);

  stmt = plt_db_prepare (self->db, "SELECT password FROM users WHERE name = ?", NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
        {
          login->hash = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          login->known = TRUE;
        }
    }
  if (login->hash == NULL)
    login->hash = g_strdup (self->dummy_hash);

  g_task_set_task_data (task, login, login_free);
  g_task_run_in_thread (task, login_thread);
}

char *
plt_auth_login_finish (PltAuth       *self,
                       GAsyncResult  *result,
                       PltUser      **user,
                       gint64        *expires_ms,
                       gint64        *retry_after_ms,
                       GError       **error)
{
  GTask *task = G_TASK (result);
  g_autoptr(GError) local_error = NULL;
  gint64 now_us = g_get_monotonic_time ();
  Login *login;
  char *token;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if (retry_after_ms != NULL)
    *retry_after_ms = 0;

  if (!g_task_propagate_boolean (task, &local_error))
    {
      if (g_error_matches (local_error, PLT_AUTH_ERROR, PLT_AUTH_ERROR_RATE_LIMITED))
        {
          if (retry_after_ms != NULL)
            *retry_after_ms = *(gint64 *) g_task_get_task_data (task);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      login = g_task_get_task_data (task);
      if (local_error == NULL && login != NULL)
        {
          failures_add (self->failures_by_user, login->name, now_us);
          failures_add (self->failures_by_addr, login->address, now_us);
        }
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error_literal (error, PLT_AUTH_ERROR, PLT_AUTH_ERROR_BAD_CREDENTIALS,
                             "Wrong user name or password");
      return NULL;
    }

  login = g_task_get_task_data (task);
  g_hash_table_remove (self->failures_by_user, login->name);
  if (login->address != NULL)
    g_hash_table_remove (self->failures_by_addr, login->address);

  token = plt_auth_issue_token (self, login->name, expires_ms, error);
  if (token != NULL && user != NULL)
    *user = plt_auth_lookup_user (self, login->name);

  return token;
}

void
plt_auth_set_hash_limits (PltAuth *self,
                          guint64  opslimit,
                          gsize    memlimit)
{
  g_return_if_fail (PLT_IS_AUTH (self));
  g_return_if_fail (opslimit >= crypto_pwhash_OPSLIMIT_MIN && memlimit >= crypto_pwhash_MEMLIMIT_MIN);

  self->opslimit = opslimit;
  self->memlimit = memlimit;
}

void
plt_auth_set_token_lifetime (PltAuth *self,
                             gint64   lifetime_ms)
{
  g_return_if_fail (PLT_IS_AUTH (self));
  g_return_if_fail (lifetime_ms > 0);

  self->token_lifetime_ms = lifetime_ms;
}
