/* plt-gauge.h — a service level against its target, as a dial
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PLT_TYPE_GAUGE (plt_gauge_get_type ())
G_DECLARE_FINAL_TYPE (PltGauge, plt_gauge, PLT, GAUGE, GtkWidget)

/*
 * A three-quarter ring (CSS node "gauge") drawn in snapshot(): a track, an
 * arc filled up to "value" in the gauge's colour (so a CSS class such as
 * alert-alarm on the gauge colours it), and a mark across the ring at
 * "target". In the middle, two labels: the value as a percentage (class
 * "value") and "text" below it (class "caption"). Both fractions are 0..1; a
 * negative value means "no service level yet" and leaves the ring empty. The
 * gauge is a meter for assistive technologies. Drawn with cairo through
 * GtkSnapshot, it stays sharp at any size and scale.
 */

GtkWidget  *plt_gauge_new        (void);
double      plt_gauge_get_value  (PltGauge   *self);
void        plt_gauge_set_value  (PltGauge   *self,
                                  double      value);
double      plt_gauge_get_target (PltGauge   *self);
void        plt_gauge_set_target (PltGauge   *self,
                                  double      target);
const char *plt_gauge_get_text   (PltGauge   *self);
void        plt_gauge_set_text   (PltGauge   *self,
                                  const char *text);

G_END_DECLS
