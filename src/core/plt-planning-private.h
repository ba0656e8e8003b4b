/* plt-planning-private.h — shared by the planning's files, not public
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "plt-planning.h"

G_BEGIN_DECLS

/* Puts @activity (taken) over what @shift holds between its bounds,
 * cutting the activities it covers; call plt_shift_normalize() after. */
void _plt_shift_overlay (PltShift    *shift,
                         PltActivity *activity);

G_END_DECLS
