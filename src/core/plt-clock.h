/* plt-clock.h — one shared clock that follows the router's time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "plt-types.h"

G_BEGIN_DECLS

#define PLT_TYPE_CLOCK (plt_clock_get_type ())
G_DECLARE_FINAL_TYPE (PltClock, plt_clock, PLT, CLOCK, GObject)

/*
 * The router tells its time and rate in `welcome` (docs/protocol.md). The
 * clock estimates the router's current time as
 *   now = reference_now + rate × (monotonic_now − reference_monotonic)
 * and notifies "now" (int64, ms) once per router second while "running"
 * (bool) is TRUE. Every "time in state" on screen derives from it: there is
 * one timer for the whole program. While not running (link lost), "now" stays
 * frozen at the last value.
 */

PltClock *plt_clock_new            (void);
/* Returns: (transfer none): the process-wide default clock */
PltClock *plt_clock_get_default    (void);
gint64    plt_clock_get_now        (PltClock *self);
double    plt_clock_get_rate       (PltClock *self);
gboolean  plt_clock_get_running    (PltClock *self);
void      plt_clock_set_running    (PltClock *self,
                                    gboolean  running);
void      plt_clock_sync           (PltClock *self,
                                    gint64    router_now_ms,
                                    double    rate);
/* Formats a duration (ms) as "m:ss" or "h:mm:ss". (transfer full) */
char     *plt_format_duration      (gint64    ms);

G_END_DECLS
