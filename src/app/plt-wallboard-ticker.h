/* plt-wallboard-ticker.h — the active alerts, going by along the bottom of
 * the wallboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "plt-alerts.h"

G_BEGIN_DECLS

#define PLT_TYPE_WALLBOARD_TICKER (plt_wallboard_ticker_get_type ())
G_DECLARE_FINAL_TYPE (PltWallboardTicker, plt_wallboard_ticker, PLT, WALLBOARD_TICKER, GtkWidget)

/*
 * One chip per alert of a PltAlertMonitor (its level's icon, colour and
 * words), alarms first. When they do not fit, they scroll from right to
 * left in a loop, at a speed that follows the font size, and only while
 * mapped and while animations are enabled; otherwise they stay put. The
 * ticker hides itself when there is no alert. CSS node "wallboardticker".
 */

GtkWidget *plt_wallboard_ticker_new         (void);
void       plt_wallboard_ticker_set_monitor (PltWallboardTicker *self,
                                             PltAlertMonitor    *monitor);
/* Only the alerts of these queues (NULL or empty: every queue). */
void       plt_wallboard_ticker_set_queues  (PltWallboardTicker *self,
                                             const char * const *queue_ids);
/* For the tests: the number of chips */
guint      plt_wallboard_ticker_get_n_alerts (PltWallboardTicker *self);

G_END_DECLS
