/* plt-sl-projection.c — where a queue's service level is heading by the end of the interval
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "plt-sl-projection.h"
#include "plt-staffing.h"

/* p, the chance that a contact joining now is answered within T. */
static double
answer_in_t (const PltSlProjectionInput *input)
{
  PltStaffingResult result;
  double load = input->arrivals_per_s * input->aht_s;

  /* Nobody to answer: every contact waits past T. */
  if (input->agents == 0)
    return 0.0;

  if (input->patience_s > 0.0)
    plt_erlang_a (load, input->aht_s, input->patience_s, input->agents, input->threshold_s, &result);
  else
    plt_erlang_c (load, input->aht_s, input->agents, input->threshold_s, &result);

  return CLAMP (result.service_level, 0.0, 1.0);
}

void
plt_sl_projection_compute (const PltSlProjectionInput *input,
                           PltSlProjection            *projection)
{
  double p, lambda, m0, d0, remaining;

  g_return_if_fail (input != NULL);
  g_return_if_fail (projection != NULL);

  *projection = (PltSlProjection) { FALSE, NAN, NAN, NAN, -1.0 };

  lambda = isfinite (input->arrivals_per_s) ? MAX (input->arrivals_per_s, 0.0) : 0.0;
  remaining = isfinite (input->remaining_s) ? MAX (input->remaining_s, 0.0) : 0.0;

  if (!(input->aht_s > 0.0) || !isfinite (input->aht_s) ||
      !(input->target > 0.0 && input->target < 1.0) ||
      input->threshold_s < 0.0 || input->waiting_over_t > input->waiting ||
      input->met < 0.0 || input->decided < input->met)
    return;

  p = answer_in_t (&(PltSlProjectionInput) { .arrivals_per_s = lambda,
                                             .aht_s = input->aht_s,
                                             .agents = input->agents,
                                             .patience_s = input->patience_s,
                                             .threshold_s = input->threshold_s });

  m0 = input->met + p * (input->waiting - input->waiting_over_t);
  d0 = input->decided + input->waiting;

  /* Nothing decided, waiting or to come: no service level to project. */
  if (d0 <= 0.0 && lambda * remaining <= 0.0)
    return;

  projection->valid = TRUE;
  projection->p_answer_in_t = p;
  projection->now = d0 > 0.0 ? m0 / d0 : p;
  projection->at_end = (m0 + p * lambda * remaining) / (d0 + lambda * remaining);

  if (projection->now < input->target)
    projection->breach_in_s = 0.0;
  else if (p < input->target && lambda > 0.0)
    {
      /* (m0 + p λ t) = target (d0 + λ t) */
      double t = (m0 - input->target * d0) / (lambda * (input->target - p));

      projection->breach_in_s = t <= remaining ? MAX (t, 0.0) : -1.0;
    }
}
