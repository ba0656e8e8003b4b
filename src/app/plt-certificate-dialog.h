/* plt-certificate-dialog.h — why the router's certificate was refused, and the one way on: its authority
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "plt-client.h"

G_BEGIN_DECLS

/*
 * An AdwMessageDialog over @parent for a client that stopped on the
 * router's certificate (FAILED, "tls-errors" set): each reason in words
 * (plt_certificate_describe_errors()), and two responses: "close", and
 * "choose" — "Choose a CA File…" opens a GtkFileChooserNative; the file
 * chosen becomes the client's extra authorities (plt_client_set_ca_file()),
 * is kept in @settings' "ca-file" (the preferences show it too), and the
 * client connects again. A file that cannot be read opens the dialog again
 * with the reason. There is never a way to accept the certificate as it is.
 *
 * @note: (nullable): a line to add, e.g. why the last file was refused.
 */
AdwMessageDialog *plt_certificate_dialog_new      (GtkWindow            *parent,
                                                   PltClient            *client,
                                                   GSettings            *settings,
                                                   const char           *note);

/* What choosing a CA file does: the client trusts the authorities of
 * @path besides the system's, @settings keep it ("ca-file"), and the client
 * connects again. FALSE, with @error, when the file cannot be used. */
gboolean          plt_certificate_use_ca_file     (PltClient            *client,
                                                   GSettings            *settings,
                                                   const char           *path,
                                                   GError              **error);
/* Returns: (transfer full): one sentence per reason in @errors, one per
 * line, e.g. "The router’s certificate has expired." */
char             *plt_certificate_describe_errors (GTlsCertificateFlags  errors);
/* Returns: (transfer none): the dialog's heading for @errors */
const char       *plt_certificate_get_heading     (GTlsCertificateFlags  errors);

G_END_DECLS
