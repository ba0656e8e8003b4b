/* plt-alert-overrides.h — the preferences of queues with alert thresholds of their own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "plt-client.h"

G_BEGIN_DECLS

#define PLT_TYPE_ALERT_OVERRIDES (plt_alert_overrides_get_type ())
G_DECLARE_FINAL_TYPE (PltAlertOverrides, plt_alert_overrides, PLT, ALERT_OVERRIDES, AdwPreferencesGroup)

/*
 * A preferences group over the "alert-queue-overrides" key: a row per queue
 * with thresholds of its own (waiting contacts for a warning and an alarm,
 * the longest wait, the target, whether the service level and a projected
 * breach raise alerts), each change written at once, a button to remove
 * it; and a row to give one more queue of @client (nullable: queues are
 * then named by their ids) thresholds of its own, starting from the
 * defaults of the other alert-* keys.
 */

GtkWidget *plt_alert_overrides_new (GSettings *settings,
                                    PltClient *client);

G_END_DECLS
