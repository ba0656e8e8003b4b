/* plt-sparkline.h — a queue's last hour: contacts waiting and service level, minute by minute
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "plt-queue-trends.h"

G_BEGIN_DECLS

#define PLT_TYPE_SPARKLINE (plt_sparkline_get_type ())
G_DECLARE_FINAL_TYPE (PltSparkline, plt_sparkline, PLT, SPARKLINE, GtkWidget)

/*
 * Drawn in snapshot() with coloured rectangles only: a bar per minute for
 * the most contacts waiting (the scale is the hour's highest, at least 4),
 * and a step line for the service level (0–100 % over the whole height),
 * green at or above the target, amber below; the target is a dotted line.
 * A minute without data (the link was down) is left empty. The time axis
 * ends at the minute of @now_ms, an hour wide. Its accessible label sums
 * the hour up in words.
 */

GtkWidget *plt_sparkline_new         (void);
/* Copies @samples (oldest first); @target is the service level target. */
void       plt_sparkline_set_samples (PltSparkline         *self,
                                      const PltTrendSample *samples,
                                      guint                 n_samples,
                                      gint64                now_ms,
                                      double                target);
guint      plt_sparkline_get_n_samples (PltSparkline       *self);

G_END_DECLS
