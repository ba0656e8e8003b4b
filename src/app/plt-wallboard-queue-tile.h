/* plt-wallboard-queue-tile.h — one queue on the wallboard, read from across
 * the room
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "plt-alerts.h"
#include "plt-clock.h"
#include "plt-queue.h"

G_BEGIN_DECLS

#define PLT_TYPE_WALLBOARD_QUEUE_TILE (plt_wallboard_queue_tile_get_type ())
G_DECLARE_FINAL_TYPE (PltWallboardQueueTile, plt_wallboard_queue_tile, PLT, WALLBOARD_QUEUE_TILE, GtkWidget)

/*
 * The queue's name and three figures: contacts waiting, the longest wait,
 * and the service level today against its target. Each figure carries the
 * alert level the thresholds give it, as a CSS class (alert-none,
 * alert-warning, alert-alarm) and as an icon of its own shape; the tile
 * carries the worst of the three. The longest wait ticks with the clock
 * while the tile is mapped. Short of height, the tile puts the three
 * figures in one row without the bar (CSS class "compact"). CSS node
 * "wallboardqueue".
 */

GtkWidget  *plt_wallboard_queue_tile_new            (PltQueue                 *queue,
                                                     PltClock                 *clock);
PltQueue   *plt_wallboard_queue_tile_get_queue      (PltWallboardQueueTile    *self);
void        plt_wallboard_queue_tile_set_thresholds (PltWallboardQueueTile    *self,
                                                     const PltAlertThresholds *thresholds);
/* The worst alert level of the three figures */
PltAlertLevel plt_wallboard_queue_tile_get_level    (PltWallboardQueueTile    *self);
/* For the tests: the text of the waiting, longest wait and service level figures */
const char *_plt_wallboard_queue_tile_get_text      (PltWallboardQueueTile    *self,
                                                     PltAlertKind              kind);

G_END_DECLS
