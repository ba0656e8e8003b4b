/* plt-connection-status.h — the state of the link to the router, in words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "plt-client.h"

G_BEGIN_DECLS

#define PLT_TYPE_CONNECTION_STATUS (plt_connection_status_get_type ())
G_DECLARE_FINAL_TYPE (PltConnectionStatus, plt_connection_status, PLT, CONNECTION_STATUS, GObject)

/*
 * Follows a PltClient and derives what the console shows about the link:
 * the indicator's label, icon and CSS class, the banner message, the details
 * of the tooltip. Owns the one countdown timer ("Reconnecting in 4 s"), which
 * runs only while a reconnection is scheduled. Every property is read-only
 * except "client", and notified only when its value changes.
 *
 * Properties:
 *   "client"           PltClient (nullable)
 *   "state"            PltConnectionState
 *   "live"             gboolean: the boards show current data
 *   "can-reconnect"    gboolean: "Reconnect now" would do something
 *   "label"            string, e.g. "Live", "Reconnecting in 4 s"
 *   "icon-name"        string
 *   "css-class"        string, "connection-live", "connection-reconnecting"…
 *   "message"          string (nullable): the banner's text; NULL when there
 *                      is nothing to say
 *   "details"          string: router address, last update and last problem
 *   "last-update-text" string (nullable): time of the last message, "10:42:07"
 */

PltConnectionStatus *plt_connection_status_new                  (PltClient           *client);
/* Returns: (transfer none) (nullable) */
PltClient           *plt_connection_status_get_client           (PltConnectionStatus *self);
void                 plt_connection_status_set_client           (PltConnectionStatus *self,
                                                                 PltClient           *client);
PltConnectionState   plt_connection_status_get_state            (PltConnectionStatus *self);
gboolean             plt_connection_status_get_live             (PltConnectionStatus *self);
gboolean             plt_connection_status_get_can_reconnect    (PltConnectionStatus *self);
const char          *plt_connection_status_get_label            (PltConnectionStatus *self);
const char          *plt_connection_status_get_icon_name        (PltConnectionStatus *self);
const char          *plt_connection_status_get_css_class        (PltConnectionStatus *self);
const char          *plt_connection_status_get_message          (PltConnectionStatus *self);
const char          *plt_connection_status_get_details          (PltConnectionStatus *self);
const char          *plt_connection_status_get_last_update_text (PltConnectionStatus *self);
/* Reconnects now: skips the back-off wait, or starts again after a
 * disconnection or a failure. Does nothing while connected or connecting. */
void                 plt_connection_status_reconnect            (PltConnectionStatus *self);

G_END_DECLS
