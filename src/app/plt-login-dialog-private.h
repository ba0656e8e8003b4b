/* plt-login-dialog-private.h — what the tests reach in the login dialog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "plt-login-dialog.h"

G_BEGIN_DECLS

/* All (transfer none) */
GtkEditable *_plt_login_dialog_get_user_row        (PltLoginDialog *self);
GtkEditable *_plt_login_dialog_get_password_row    (PltLoginDialog *self);
GtkSwitch   *_plt_login_dialog_get_remember_switch (PltLoginDialog *self);
/* The reason shown, or NULL */
const char  *_plt_login_dialog_get_error           (PltLoginDialog *self);
gboolean     _plt_login_dialog_get_busy            (PltLoginDialog *self);

G_END_DECLS
