/* plt-stress-badge.h — a discreet mark on an agent whom the floor's stress
 * signals point at, with a tooltip that says why
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PLT_TYPE_STRESS_BADGE (plt_stress_badge_get_type ())
G_DECLARE_FINAL_TYPE (PltStressBadge, plt_stress_badge, PLT, STRESS_BADGE, GtkWidget)

/* Property "flags" uint (PltStressKind): hidden when 0. CSS node
 * "stressbadge". */
GtkWidget *plt_stress_badge_new       (void);
guint      plt_stress_badge_get_flags (PltStressBadge *self);
void       plt_stress_badge_set_flags (PltStressBadge *self,
                                       guint           flags);
/* Returns: (transfer full): what the tooltip says for @flags, translated;
 * NULL for 0 */
char      *plt_stress_badge_describe  (guint           flags);

G_END_DECLS
