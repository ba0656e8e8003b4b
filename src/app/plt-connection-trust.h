/* plt-connection-trust.h — who the console is to the router, and whether the router can be trusted
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "plt-client.h"

G_BEGIN_DECLS

#define PLT_TYPE_CONNECTION_TRUST (plt_connection_trust_get_type ())
G_DECLARE_FINAL_TYPE (PltConnectionTrust, plt_connection_trust, PLT, CONNECTION_TRUST, GObject)

/*
 * Follows a client and asks the supervisor when the client cannot go on by
 * itself, never retrying in a loop:
 *
 * - NEEDS_LOGIN (first login, wrong password, login expired): first the
 *   password kept in the desktop's keyring for this router and the last
 *   user (settings "login-user"), once — then the PltLoginDialog, with the
 *   router's reason. With "asks-login" FALSE (the demo, --user), it leaves
 *   logging in to whoever does.
 * - FAILED on the router's certificate: the certificate dialog, with the
 *   reasons and "Choose a CA File…" (plt-certificate-dialog.h).
 *
 * Dialogs are modal to the window "parent-func" gives (NULL: none).
 *
 * Signals:
 *   "toast" (const char *message) — something to tell in passing, e.g.
 *           "Could not save the password: no keyring"
 */

typedef GtkWindow *(*PltParentFunc) (gpointer user_data);

PltConnectionTrust *plt_connection_trust_new            (PltClient          *client,
                                                         GSettings          *settings);
void                plt_connection_trust_set_parent_func (PltConnectionTrust *self,
                                                         PltParentFunc       func,
                                                         gpointer            user_data);
void                plt_connection_trust_set_asks_login (PltConnectionTrust *self,
                                                         gboolean            asks_login);
/* Shows the login dialog now (app.login). */
void                plt_connection_trust_login          (PltConnectionTrust *self);
/* Shows the certificate dialog now, if the client failed on one. */
void                plt_connection_trust_show_certificate (PltConnectionTrust *self);
/* Returns: (transfer none) (nullable): the login dialog shown, if any */
GtkWindow          *plt_connection_trust_get_login_dialog (PltConnectionTrust *self);
/* Returns: (transfer none) (nullable): the certificate dialog shown, if any */
GtkWindow          *plt_connection_trust_get_certificate_dialog (PltConnectionTrust *self);

G_END_DECLS
