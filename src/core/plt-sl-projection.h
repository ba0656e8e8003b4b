/* plt-sl-projection.h — where a queue's service level is heading by the end of the interval
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * The method (docs/kpis.md, "Projected breach"): the contacts of the
 * interval so far are decided (met or missed); those waiting now are
 * misses if they already waited past T, else they meet T with the same
 * chance p as a newcomer; newcomers arrive at the rate observed in the
 * interval until its end, and each meets T with probability p, the service
 * level (answered within T among offered) of an Erlang C queue — or Erlang A
 * with a mean patience — with the agents staffed now, the arrival rate and
 * the handle time. Then
 *
 *   SL(t) = (M0 + p λ t) / (D0 + λ t),  M0 = met + p · waiting ≤ T,
 *                                       D0 = decided + waiting,
 *
 * the expected service level of the interval t seconds from now, is
 * monotone in t: it moves from SL(0) towards p. The projection is SL at the
 * interval's end; the breach comes when SL(t) crosses the target.
 */

/**
 * PltSlProjectionInput:
 * @target: the queue's target, in (0, 1)
 * @threshold_s: T, in seconds
 * @met: contacts of the interval decided within T (per the queue's variant)
 * @decided: contacts of the interval that count in its service level
 * @waiting: contacts waiting now
 * @waiting_over_t: of them, those already waiting longer than T
 * @arrivals_per_s: λ, the interval's observed arrival rate (≥ 0)
 * @aht_s: the mean handle time (> 0)
 * @agents: the agents staffed now: available, on a contact or in wrap-up
 * @patience_s: the callers' mean patience for Erlang A; 0: Erlang C
 * @remaining_s: the time left in the interval (≥ 0)
 */
typedef struct
{
  double target;
  double threshold_s;
  double met;
  double decided;
  guint  waiting;
  guint  waiting_over_t;
  double arrivals_per_s;
  double aht_s;
  guint  agents;
  double patience_s;
  double remaining_s;
} PltSlProjectionInput;

/**
 * PltSlProjection:
 * @valid: FALSE when nothing can be said: no contact decided, waiting or
 *   expected, or no handle time to model the queue with
 * @p_answer_in_t: p, a newcomer's chance to be answered within T
 * @now: SL(0), the interval's service level counting the waiting contacts
 * @at_end: SL at the interval's end
 * @breach_in_s: seconds until SL(t) falls below the target: 0 when it
 *   already is, -1 when it does not before the interval ends
 */
typedef struct
{
  gboolean valid;
  double   p_answer_in_t;
  double   now;
  double   at_end;
  double   breach_in_s;
} PltSlProjection;

void plt_sl_projection_compute (const PltSlProjectionInput *input,
                                PltSlProjection            *projection);

G_END_DECLS
