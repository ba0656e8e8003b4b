/* plt-wallboard-page-view.h — one page of the wallboard, built from its layout
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "plt-alerts.h"
#include "plt-clock.h"
#include "plt-model.h"
#include "plt-wallboard-layout.h"

G_BEGIN_DECLS

#define PLT_TYPE_WALLBOARD_PAGE_VIEW (plt_wallboard_page_view_get_type ())
G_DECLARE_FINAL_TYPE (PltWallboardPageView, plt_wallboard_page_view, PLT, WALLBOARD_PAGE_VIEW, GtkWidget)

/*
 * The tiles of one PltWallboardPage over the same PltModel as the console:
 * the cards (waiting, agents by state, clock, alerts) in a row at the top,
 * and the areas (a tile per queue, a gauge per queue, the agents grid)
 * sharing the rest; a page of cards only spreads them over the whole page.
 * The page follows the queues as they come and go, counts the agents by
 * state, and ticks with the clock while it is mapped. CSS node
 * "wallboardpage".
 */

GtkWidget  *plt_wallboard_page_view_new            (const PltWallboardPage   *page,
                                                    PltModel                 *model,
                                                    PltClock                 *clock,
                                                    PltAlertMonitor          *alerts);
void        plt_wallboard_page_view_set_thresholds (PltWallboardPageView     *self,
                                                    const PltAlertThresholds *thresholds);
/* The wall-clock time of the clock card, local time */
void        plt_wallboard_page_view_set_wall_time  (PltWallboardPageView     *self,
                                                    GDateTime                *time);
/* Returns: (transfer none): the page's title, translated when it is a default */
const char *plt_wallboard_page_view_get_title      (PltWallboardPageView     *self);

/* For the tests; all (transfer none) (nullable) */
GPtrArray  *_plt_wallboard_page_view_get_queue_tiles  (PltWallboardPageView *self);
GPtrArray  *_plt_wallboard_page_view_get_gauges       (PltWallboardPageView *self);
GtkWidget  *_plt_wallboard_page_view_get_agents       (PltWallboardPageView *self);
/* The figures of the "agents by state" card: available, busy, wrap-up, paused */
GtkWidget  *_plt_wallboard_page_view_get_state_figure (PltWallboardPageView *self,
                                                       guint                 index);
GtkWidget  *_plt_wallboard_page_view_get_waiting_figure (PltWallboardPageView *self);

G_END_DECLS
