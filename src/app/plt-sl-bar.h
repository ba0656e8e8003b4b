/* plt-sl-bar.h — a service level against its target, as a bar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PLT_TYPE_SL_BAR (plt_sl_bar_get_type ())
G_DECLARE_FINAL_TYPE (PltSlBar, plt_sl_bar, PLT, SL_BAR, GtkWidget)

/*
 * A trough (CSS node "slbar") filled up to "value" (node "fill") with a mark
 * at "target" (node "target"). Both are fractions 0..1; a negative value
 * means "no service level yet" and leaves the trough empty. The colour of
 * the fill comes from the CSS class of an ancestor (sl-ok, sl-warning,
 * sl-breach); the bar itself is a meter for assistive technologies.
 */

GtkWidget *plt_sl_bar_new        (void);
double     plt_sl_bar_get_value  (PltSlBar *self);
void       plt_sl_bar_set_value  (PltSlBar *self,
                                  double    value);
double     plt_sl_bar_get_target (PltSlBar *self);
void       plt_sl_bar_set_target (PltSlBar *self,
                                  double    target);

G_END_DECLS
