/* plt-login-dialog.h — asks who the supervisor is, when the router wants to know
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "plt-client.h"

G_BEGIN_DECLS

#define PLT_TYPE_LOGIN_DIALOG (plt_login_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PltLoginDialog, plt_login_dialog, PLT, LOGIN_DIALOG, AdwWindow)

/*
 * A modal window over @parent, for a client in NEEDS_LOGIN: the router's
 * address, why it asks (the client's "last-error": wrong password, login
 * expired…), the user name (from the settings' "login-user"), the password,
 * and "Remember the password" (on when a password was kept before).
 *
 * "Log In" gives the credentials to the client and connects; the password
 * is copied out of the entry, which is emptied, and the copy is wiped once
 * the router answered. The dialog stays, busy, until the client is live —
 * then it keeps the user name in the settings, keeps the password in the
 * desktop's keyring if asked to (or forgets the one kept, if not), and
 * closes — or asks again with the router's reason. A keyring that fails
 * is told by the "secret-failed" signal; the login goes on.
 *
 * Signals:
 *   "secret-failed" (const char *message) — the password could not be kept
 *                   ("Could not save the password: no keyring")
 *
 * Actions: login.submit (Enter), login.cancel (Escape).
 */

GtkWidget *plt_login_dialog_new          (GtkWindow  *parent,
                                          PltClient  *client,
                                          GSettings  *settings);
PltClient *plt_login_dialog_get_client   (PltLoginDialog *self);
/* Fills the fields, as the keyring or the last session knew them. */
void       plt_login_dialog_set_user     (PltLoginDialog *self,
                                          const char     *user);
void       plt_login_dialog_set_remember (PltLoginDialog *self,
                                          gboolean        remember);

G_END_DECLS
