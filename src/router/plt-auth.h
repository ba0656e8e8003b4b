/* plt-auth.h — the router's users, their passwords and their tokens
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "plt-db.h"

G_BEGIN_DECLS

/**
 * PltRole:
 * @PLT_ROLE_AGENT: sees their own state and calls; may change their own status
 * @PLT_ROLE_SUPERVISOR: sees and acts on their teams, and the queues those teams serve
 * @PLT_ROLE_MANAGER: sees and acts on everything
 * @PLT_ROLE_WALLBOARD: sees teams, queues and agents without personal data; acts on nothing
 * @PLT_ROLE_ADMIN: everything
 *
 * What a user may see and do (docs/protocol.md §8, the role matrix).
 */
typedef enum
{
  PLT_ROLE_AGENT,
  PLT_ROLE_SUPERVISOR,
  PLT_ROLE_MANAGER,
  PLT_ROLE_WALLBOARD,
  PLT_ROLE_ADMIN,
} PltRole;

const char *plt_role_to_string   (PltRole      role);
/* FALSE when @str is not one of the five role names. */
gboolean    plt_role_from_string (const char  *str,
                                  PltRole     *role);

/**
 * PltUser:
 * @name: the login name
 * @role: the role
 * @teams: (array zero-terminated=1): the team ids a supervisor (or a scoped
 *   wallboard) is limited to; empty for the other roles
 * @agent: (nullable): the agent id of an agent account
 *
 * Who a session is. Never holds a secret.
 */
typedef struct
{
  char    *name;
  PltRole  role;
  GStrv    teams;
  char    *agent;
} PltUser;

PltUser *plt_user_new  (const char          *name,
                        PltRole              role,
                        const char * const  *teams,
                        const char          *agent);
PltUser *plt_user_copy (const PltUser       *user);
void     plt_user_free (PltUser             *user);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PltUser, plt_user_free)

#define PLT_AUTH_ERROR (plt_auth_error_quark ())

typedef enum
{
  PLT_AUTH_ERROR_BAD_CREDENTIALS,  /* unknown user or wrong password: never says which */
  PLT_AUTH_ERROR_RATE_LIMITED,     /* too many failures: wait */
  PLT_AUTH_ERROR_BAD_TOKEN,        /* unknown, expired or revoked token */
  PLT_AUTH_ERROR_EXISTS,
  PLT_AUTH_ERROR_NOT_FOUND,
  PLT_AUTH_ERROR_INVALID,          /* a name, team list or password that is not acceptable */
  PLT_AUTH_ERROR_FAILED,           /* the hashing or the database failed */
} PltAuthError;

GQuark plt_auth_error_quark (void);

#define PLT_AUTH_MAX_PASSWORD       1024
#define PLT_AUTH_MIN_PASSWORD       8
#define PLT_AUTH_TOKEN_LIFETIME_MS  (12 * 3600 * 1000)   /* 12 h */
#define PLT_AUTH_FREE_FAILURES      5                   /* before the delays start */

#define PLT_TYPE_AUTH (plt_auth_get_type ())
G_DECLARE_FINAL_TYPE (PltAuth, plt_auth, PLT, AUTH, GObject)

/*
 * Users live in the "users" component of the router's database. Passwords
 * are stored as Argon2id hashes (libsodium's crypto_pwhash_str, interactive
 * limits); tokens are 32 random bytes, handed out once and stored only as
 * their BLAKE2b hash, with an expiry. Changing a password or removing a
 * user revokes their tokens.
 *
 * Failed logins are counted per user name and per address: after
 * PLT_AUTH_FREE_FAILURES, each further attempt must wait 1 s, 2 s, 4 s…
 * (up to 15 min) after the previous failure, and is refused before the
 * password is even looked at.
 */
PltAuth   *plt_auth_new               (PltDb               *db,
                                       GError             **error);
PltDb     *plt_auth_get_db            (PltAuth             *self);

gboolean   plt_auth_add_user          (PltAuth             *self,
                                       const char          *name,
                                       PltRole              role,
                                       const char * const  *teams,
                                       const char          *agent,
                                       const char          *password,
                                       GError             **error);
gboolean   plt_auth_set_password      (PltAuth             *self,
                                       const char          *name,
                                       const char          *password,
                                       GError             **error);
gboolean   plt_auth_remove_user       (PltAuth             *self,
                                       const char          *name,
                                       GError             **error);
/* Returns: (transfer full) (element-type PltUser): by name */
GPtrArray *plt_auth_list_users        (PltAuth             *self,
                                       GError             **error);
/* Returns: (transfer full) (nullable) */
PltUser   *plt_auth_lookup_user       (PltAuth             *self,
                                       const char          *name);

/* Checks @password off the main loop (Argon2id takes a tenth of a second
 * and 64 MiB), then issues a token. @address is the peer's IP, for the rate
 * limit. */
void       plt_auth_login_async       (PltAuth             *self,
                                       const char          *name,
                                       const char          *password,
                                       const char          *address,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
/* Returns: (transfer full) (nullable): the token, or NULL with @error; on
 * PLT_AUTH_ERROR_RATE_LIMITED, @retry_after_ms says how long to wait.
 * @expires_ms: ms since the Unix epoch. */
char      *plt_auth_login_finish      (PltAuth             *self,
                                       GAsyncResult        *result,
                                       PltUser            **user,
                                       gint64              *expires_ms,
                                       gint64              *retry_after_ms,
                                       GError             **error);
/* Issues a token for @name without a password: for the embedded router of
 * `plateau --demo`, whose account has a password nobody knows. */
char      *plt_auth_issue_token       (PltAuth             *self,
                                       const char          *name,
                                       gint64              *expires_ms,
                                       GError             **error);
/* Returns: (transfer full) (nullable): who holds @token, or NULL with
 * PLT_AUTH_ERROR_BAD_TOKEN. */
PltUser   *plt_auth_check_token       (PltAuth             *self,
                                       const char          *token,
                                       gint64              *expires_ms,
                                       GError             **error);

/* For tests: the Argon2id limits of the hashes made from now on (the
 * defaults are libsodium's interactive limits), and the token lifetime. */
void       plt_auth_set_hash_limits   (PltAuth             *self,
                                       guint64              opslimit,
                                       gsize                memlimit);
void       plt_auth_set_token_lifetime (PltAuth            *self,
                                        gint64              lifetime_ms);

/* Fills @buffer with a random password of @length − 1 letters and digits. */
void       plt_auth_random_password   (char                *buffer,
                                       gsize                length);

G_END_DECLS
