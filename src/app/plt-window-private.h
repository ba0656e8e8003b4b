/* plt-window-private.h — what the application and the tests reach inside
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "plt-agent-list.h"
#include "plt-planning-page.h"
#include "plt-connection-indicator.h"
#include "plt-queue-board.h"
#include "plt-window.h"

G_BEGIN_DECLS

/* All (transfer none) */
PltQueueBoard          *_plt_window_get_queue_board  (PltWindow *self);
PltAgentList           *_plt_window_get_agent_list   (PltWindow *self);
PltPlanningPage        *_plt_window_get_planning_page (PltWindow *self);
PltConnectionIndicator *_plt_window_get_indicator    (PltWindow *self);
/* The view stack holding the boards; it carries the "stale" class */
GtkWidget              *_plt_window_get_boards       (PltWindow *self);
/* The window's content, without the client-side decorations: what a
 * screenshot shows */
GtkWidget              *_plt_window_get_content      (PltWindow *self);
GtkLabel               *_plt_window_get_banner_label (PltWindow *self);
gboolean                _plt_window_get_banner_shown (PltWindow *self);
gboolean                _plt_window_get_alert_shown  (PltWindow *self);
GtkLabel               *_plt_window_get_alert_label  (PltWindow *self);
/* "welcome", "connecting" or "boards" */
const char             *_plt_window_get_page         (PltWindow *self);

G_END_DECLS
