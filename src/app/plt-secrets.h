/* plt-secrets.h — router passwords in the desktop's keyring (the Secret Service, through libsecret)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * A password is kept only when the supervisor asks for it, only in the
 * Secret Service (GNOME Keyring, KWallet…), never in GSettings or a file,
 * keyed by the router's address and the user name. Without a Secret
 * Service on the session bus every call fails, and the console goes on
 * asking: plt_secrets_describe_error() says so in words.
 *
 * Passwords returned are in non-pageable memory: free them with
 * plt_secrets_free(), which wipes them.
 */

void      plt_secrets_lookup         (const char           *router,
                                      const char           *user,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
/* Returns: (transfer full) (nullable): the password, or NULL when none is
 * kept (no error) or the keyring failed (@error set) */
char     *plt_secrets_lookup_finish  (GAsyncResult         *result,
                                      GError              **error);
void      plt_secrets_store          (const char           *router,
                                      const char           *user,
                                      const char           *password,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
gboolean  plt_secrets_store_finish   (GAsyncResult         *result,
                                      GError              **error);
/* Forgets the password of @user on @router, if one was kept. */
void      plt_secrets_forget         (const char           *router,
                                      const char           *user,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
gboolean  plt_secrets_forget_finish  (GAsyncResult         *result,
                                      GError              **error);
void      plt_secrets_free           (char                 *password);
/* Returns: (transfer full): why the keyring failed, for a supervisor:
 * "no keyring" when the desktop has none */
char     *plt_secrets_describe_error (const GError         *error);

G_END_DECLS
