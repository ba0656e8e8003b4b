/* plt-timeline-private.h — what the tests and the bench reach inside the
 * timeline: the drag's own code path, without a pointer device
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "plt-timeline.h"

G_BEGIN_DECLS

/* The drag gesture's handlers, at widget coordinates. */
void      _plt_timeline_drag_begin   (PltTimeline *self,
                                      double       x,
                                      double       y);
void      _plt_timeline_drag_update  (PltTimeline *self,
                                      double       x,
                                      double       y);
void      _plt_timeline_drag_end     (PltTimeline *self,
                                      double       x,
                                      double       y);
gboolean  _plt_timeline_is_dragging  (PltTimeline *self);
/* The ghost of the drag in progress: its span, and how many errors and
 * warnings the candidate edit brings (the ghost is red with errors).
 * FALSE when there is no ghost. */
gboolean  _plt_timeline_get_ghost    (PltTimeline *self,
                                      gint64      *start,
                                      gint64      *end,
                                      guint       *n_errors,
                                      guint       *n_warnings);
/* The accessible description of the focused block, as last set. */
const char *_plt_timeline_get_description (PltTimeline *self);
/* How many rows the last snapshot drew (only the visible ones). */
guint     _plt_timeline_get_n_drawn_rows (PltTimeline *self);

G_END_DECLS
