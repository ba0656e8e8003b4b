/* plt-connection-indicator.h — the header's "Live" pill
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "plt-connection-status.h"

G_BEGIN_DECLS

#define PLT_TYPE_CONNECTION_INDICATOR (plt_connection_indicator_get_type ())
G_DECLARE_FINAL_TYPE (PltConnectionIndicator, plt_connection_indicator, PLT, CONNECTION_INDICATOR, GtkWidget)

/*
 * Shows a PltConnectionStatus as a pill with an icon and a label, and the
 * status's CSS class ("connection-live"…) on itself. Its popover tells the
 * router's address, the last update and the last problem, and offers
 * "Reconnect now" (the win.reconnect action).
 *
 * Property: "status" PltConnectionStatus (nullable).
 */

GtkWidget           *plt_connection_indicator_new        (void);
/* Returns: (transfer none) (nullable) */
PltConnectionStatus *plt_connection_indicator_get_status (PltConnectionIndicator *self);
void                 plt_connection_indicator_set_status (PltConnectionIndicator *self,
                                                          PltConnectionStatus    *status);
/* Returns: (transfer none): the text of the pill, e.g. "Live" */
const char          *plt_connection_indicator_get_text   (PltConnectionIndicator *self);

G_END_DECLS
