/* plt-staffing.c — staffing maths: Erlang B, C and A, and the agents a target needs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "plt-staffing.h"

G_DEFINE_QUARK (plt-staffing-error-quark, plt_staffing_error)

double
plt_staffing_load (double calls,
                   double interval_s,
                   double aht_s)
{
  g_return_val_if_fail (interval_s > 0, 0.0);

  return calls * aht_s / interval_s;
}

double
plt_erlang_b (double load,
              guint  agents)
{
  double b = 1.0;

  g_return_val_if_fail (load >= 0 && isfinite (load), NAN);

  for (guint k = 1; k <= agents; k++)
    b = load * b / ((double) k + load * b);

  return b;
}

static void
result_unstable (PltStaffingResult *result,
                 guint              agents)
{
  result->agents = agents;
  result->stable = FALSE;
  result->p_wait = 1.0;
  result->service_level = 0.0;
  result->service_level_answered = 0.0;
  result->asa_s = INFINITY;
  result->mean_wait_s = INFINITY;
  result->p_abandon = 0.0;
  result->occupancy = 1.0;
}

/* No traffic: nobody waits. */
static void
result_idle (PltStaffingResult *result,
             guint              agents)
{
  result->agents = agents;
  result->stable = TRUE;
  result->p_wait = 0.0;
  result->service_level = 1.0;
  result->service_level_answered = 1.0;
  result->asa_s = 0.0;
  result->mean_wait_s = 0.0;
  result->p_abandon = 0.0;
  result->occupancy = 0.0;
}

/* Erlang C from B = B(N, A), so that a search can carry B along. */
static void
erlang_c_from_b (double             load,
                 double             aht_s,
                 guint              agents,
                 double             t_s,
                 double             erlang_b,
                 PltStaffingResult *result)
{
  double n = (double) agents;
  double c;

  if (load == 0.0)
    {
      result_idle (result, agents);
      return;
    }
  if (n <= load)
    {
      result_unstable (result, agents);
      return;
    }

  /* C = N B / (N − A (1 − B)); the denominator is > N − A > 0. */
  c = n * erlang_b / (n - load * (1.0 - erlang_b));
  c = CLAMP (c, 0.0, 1.0);

  result->agents = agents;
  result->stable = TRUE;
  result->p_wait = c;
  result->service_level = 1.0 - c * exp (-(n - load) * t_s / aht_s);
  result->service_level_answered = result->service_level;
  result->asa_s = c * aht_s / (n - load);
  result->mean_wait_s = result->asa_s;
  result->p_abandon = 0.0;
  result->occupancy = load / n;
}

void
plt_erlang_c (double             load,
              double             aht_s,
              guint              agents,
              double             t_s,
              PltStaffingResult *result)
{
  g_return_if_fail (result != NULL);
  g_return_if_fail (load >= 0 && isfinite (load));
  g_return_if_fail (aht_s > 0 && isfinite (aht_s));
  g_return_if_fail (agents >= 1);
  g_return_if_fail (t_s >= 0);

  erlang_c_from_b (load, aht_s, agents, t_s, plt_erlang_b (load, agents), result);
}

/* ψ, the digamma function, for x > 0: the recurrence ψ(x) = ψ(x + 1) − 1/x
 * up to x ≥ 10, then the asymptotic series (error < 1e-15 there). */
static double
digamma (double x)
{
  double acc = 0.0;
  double inv2;

  while (x < 10.0)
    {
      acc -= 1.0 / x;
      x += 1.0;
    }
  inv2 = 1.0 / (x * x);

  return acc + log (x) - 0.5 / x
         - inv2 * (1.0 / 12 - inv2 * (1.0 / 120 - inv2 * (1.0 / 252 - inv2 * (1.0 / 240 - inv2 / 132))));
}

/*
 * The series A(x, y) = Σ_{j≥0} y^j / ((x+1)(x+2)…(x+j)), with y = e^log_y.
 * Successive terms have the ratio y/(x+j+1): they grow while x + j + 1 ≤ y
 * and shrink after, so the largest is at j0 = ⌊y − x⌋ (0 when y < x + 1).
 * The sum is kept relative to that term, whose log comes from lgamma: the
 * walk from j0 both ways multiplies by ratios ≤ 1, with no overflow and no
 * log or exp per term, and stops once what is left is below e^-50 of the
 * largest term. Cost: O(√y) terms near the peak whatever N, plus
 * O(1/(1 − ρ)) when ρ = y/x < 1.
 *
 * With @weighted, for Erlang A's tagged-customer sums (x = a, see below),
 * it also sums, against the same scale:
 *   sum[1] = Σ w_j (j+1)/(a+j+1)         — abandons, with j callers ahead
 *   sum[2] = Σ w_j a/(a+j+1)             — is answered
 *   sum[3] = Σ w_j a/(a+j+1) H_j         — answered, times its mean wait × θ
 * where H_j = Σ_{i=0..j} 1/(a+i+1).
 */
typedef struct
{
  double log_scale;  /* log of the largest term; sum[k] are relative to it */
  double sum[4];
} Series;

/* e^-40 ≈ 4e-18: below this share of the largest term, what is left no
 * longer changes a double. */
#define SERIES_EPSILON 4.2e-18

/* Adds w_j = @term, given inv = 1/(x+j+1) and h = H_j. */
static inline void
series_add (Series   *s,
            double    term,
            double    x,
            double    j,
            double    inv,
            double    h,
            gboolean  weighted)
{
  s->sum[0] += term;
  if (weighted)
    {
      double share = term * inv;

      s->sum[1] += share * (j + 1.0);
      s->sum[2] += share * x;
      s->sum[3] += share * x * h;
    }
}

/* Whether the terms from @term on, each at most @ratio < 1 times the one
 * before, are negligible: their sum is at most term / (1 − ratio). */
static inline gboolean
series_tail_negligible (double term,
                        double ratio)
{
  return ratio < 1.0 && term < SERIES_EPSILON * (1.0 - ratio);
}

static void
series_sum (double   x,
            double   log_y,
            gboolean weighted,
            Series  *s)
{
  double y = exp (log_y);
  double j0 = 0.0;
  double h0 = 0.0;  /* H_{j0 − 1} */
  double term, h;

  s->log_scale = 0.0;
  for (guint k = 0; k < G_N_ELEMENTS (s->sum); k++)
    s->sum[k] = 0.0;

  if (y == 0.0)
    {
      series_add (s, 1.0, x, 0.0, 1.0 / (x + 1.0), 1.0 / (x + 1.0), weighted);
      return;
    }

  if (y >= x + 1.0)
    {
      j0 = floor (y - x);
      s->log_scale = j0 * log_y - (lgamma (x + j0 + 1.0) - lgamma (x + 1.0));
      if (weighted)
        {
          if (j0 < 64)
            {
              for (double i = 0; i < j0; i++)
                h0 += 1.0 / (x + i + 1.0);
            }
          else
            h0 = digamma (x + j0 + 1.0) - digamma (x + 1.0);
        }
    }

  /* Upwards from the peak: w_{j+1} = w_j y/(x+j+1), H_j = H_{j−1} + 1/(x+j+1).
   * The ratios shrink as j grows, so the current one bounds the next. */
  term = 1.0;
  h = h0;
  for (double j = j0; ; j++)
    {
      double inv = 1.0 / (x + j + 1.0);
      double ratio = y * inv;

      h += inv;
      series_add (s, term, x, j, inv, h, weighted);
      term *= ratio;
      if (series_tail_negligible (term, ratio))
        break;
    }

  /* Downwards from the peak: w_{j−1} = w_j (x+j)/y, H_{j−1} = H_j − 1/(x+j+1). */
  term = 1.0;
  h = h0;  /* H_{j0 − 1} */
  for (double j = j0; j >= 1; j--)
    {
      double ratio = (x + j) / y;

      term *= ratio;
      if (series_tail_negligible (term, ratio))
        break;
      series_add (s, term, x, j - 1.0, 1.0 / (x + j), h, weighted);
      h -= 1.0 / (x + j);
    }
}

static void
erlang_a_from_b (double             load,
                 double             aht_s,
                 double             patience_s,
                 guint              agents,
                 double             t_s,
                 double             erlang_b,
                 PltStaffingResult *result)
{
  double n = (double) agents;
  /* a = Nμ/θ, b = λ/θ; θt is the patience rate times t. */
  double a = n * patience_s / aht_s;
  double log_b = log (load) + log (patience_s) - log (aht_s);
  double b = exp (log_b);
  double theta_t = t_s / patience_s;
  double log_big_a, log_a_eb, p_wait, p_ab, p_served_waiting, served_wait_sum;
  double p_served_late, log_late;
  Series main_series, late_series;

  if (load == 0.0)
    {
      result_idle (result, agents);
      return;
    }
  if (patience_s == 0.0)
    {
      /* The loss system: who finds every agent busy leaves at once. */
      result->agents = agents;
      result->stable = TRUE;
      result->p_wait = erlang_b;
      result->p_abandon = erlang_b;
      result->service_level = 1.0 - erlang_b;
      result->service_level_answered = 1.0;
      result->asa_s = 0.0;
      result->mean_wait_s = 0.0;
      result->occupancy = load * (1.0 - erlang_b) / n;
      return;
    }
  if (isinf (patience_s))
    {
      erlang_c_from_b (load, aht_s, agents, t_s, erlang_b, result);
      return;
    }

  /*
   * Garnett–Mandelbaum–Reiman: with A(x, y) as above and E_B = B(N, A),
   *   π_N = E_B / (1 + (A(a,b) − 1) E_B),   P(W > 0) = A(a,b) π_N
   * so P(W > 0) = 1 / (1/(A(a,b) E_B) + 1 − 1/A(a,b)), computed from logs.
   * π_{N+j} = π_N b^j / ((a+1)…(a+j)): with j callers ahead, a tagged caller
   * is answered with probability a/(a+j+1) after a wait that is a sum of
   * exponential stages of rates θ(a+i+1), i = j…0, whichever way it ends;
   * hence the weighted sums of series_sum().
   */
  series_sum (a, log_b, TRUE, &main_series);
  log_big_a = main_series.log_scale + log (main_series.sum[0]);
  log_a_eb = erlang_b > 0.0 ? log_big_a + log (erlang_b) : -INFINITY;
  p_wait = log_a_eb == -INFINITY ? 0.0 : 1.0 / (exp (-log_a_eb) - expm1 (-log_big_a));
  p_wait = CLAMP (p_wait, 0.0, 1.0);

  p_ab = p_wait * main_series.sum[1] / main_series.sum[0];
  p_served_waiting = p_wait * main_series.sum[2] / main_series.sum[0];
  /* E[W; answered] = π_N Σ b^j/… × a/(a+j+1) × H_j / θ */
  served_wait_sum = p_wait * main_series.sum[3] / main_series.sum[0] * patience_s;

  /* Answered after waiting more than t:
   *   π_N a/(a+1) e^{b(1−q)} q^{a+1} A(a+1, bq),  q = e^{−θt}. */
  if (p_wait == 0.0)
    p_served_late = 0.0;
  else if (isinf (theta_t))
    p_served_late = 0.0;
  else
    {
      series_sum (a + 1.0, log_b - theta_t, FALSE, &late_series);
      log_late = log (p_wait) - log_big_a - log1p (1.0 / a)
                 + b * -expm1 (-theta_t) - (a + 1.0) * theta_t
                 + late_series.log_scale + log (late_series.sum[0]);
      p_served_late = exp (log_late);
    }

  result->agents = agents;
  result->stable = TRUE;
  result->p_wait = p_wait;
  result->p_abandon = CLAMP (p_ab, 0.0, 1.0);
  result->service_level = CLAMP (1.0 - p_wait + p_served_waiting - p_served_late, 0.0, 1.0);
  result->service_level_answered =
    CLAMP (result->service_level / (1.0 - result->p_abandon), 0.0, 1.0);
  result->asa_s = served_wait_sum / (1.0 - result->p_abandon);
  result->mean_wait_s = result->p_abandon * patience_s;
  result->occupancy = CLAMP (load * (1.0 - result->p_abandon) / n, 0.0, 1.0);
}

void
plt_erlang_a (double             load,
              double             aht_s,
              double             patience_s,
              guint              agents,
              double             t_s,
              PltStaffingResult *result)
{
  g_return_if_fail (result != NULL);
  g_return_if_fail (load >= 0 && isfinite (load));
  g_return_if_fail (aht_s > 0 && isfinite (aht_s));
  g_return_if_fail (patience_s >= 0 && !isnan (patience_s));
  g_return_if_fail (agents >= 1);
  g_return_if_fail (t_s >= 0);

  erlang_a_from_b (load, aht_s, patience_s, agents, t_s, plt_erlang_b (load, agents), result);
}

void
plt_staffing_target_init (PltStaffingTarget *target,
                          PltStaffingModel   model)
{
  g_return_if_fail (target != NULL);

  target->model = model;
  target->patience_s = INFINITY;
  target->t_s = 0.0;
  target->service_level = 0.0;
  target->max_asa_s = 0.0;
  target->max_abandon = 0.0;
  target->max_occupancy = 0.0;
}

void
plt_staffing_evaluate (const PltStaffingTarget *target,
                       double                   load,
                       double                   aht_s,
                       guint                    agents,
                       PltStaffingResult       *result)
{
  g_return_if_fail (target != NULL);

  if (target->model == PLT_STAFFING_ERLANG_A)
    plt_erlang_a (load, aht_s, target->patience_s, agents, target->t_s, result);
  else
    plt_erlang_c (load, aht_s, agents, target->t_s, result);
}

gboolean
plt_staffing_meets (const PltStaffingTarget *target,
                    const PltStaffingResult *result)
{
  g_return_val_if_fail (target != NULL, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  if (!result->stable)
    return FALSE;
  if (target->service_level > 0 && !(result->service_level >= target->service_level))
    return FALSE;
  if (target->max_asa_s > 0 && !(result->asa_s <= target->max_asa_s))
    return FALSE;
  if (target->max_abandon > 0 && !(result->p_abandon <= target->max_abandon))
    return FALSE;
  if (target->max_occupancy > 0 && !(result->occupancy <= target->max_occupancy))
    return FALSE;

  return TRUE;
}

static gboolean
check_target (const PltStaffingTarget  *target,
              double                    load,
              double                    aht_s,
              GError                  **error)
{
  const char *problem = NULL;

  if (!(load >= 0) || !isfinite (load))
    problem = "the load must be a finite number of Erlangs ≥ 0";
  else if (!(aht_s > 0) || !isfinite (aht_s))
    problem = "the mean handle time must be > 0";
  else if (target->model != PLT_STAFFING_ERLANG_C && target->model != PLT_STAFFING_ERLANG_A)
    problem = "unknown model";
  else if (target->model == PLT_STAFFING_ERLANG_A && !(target->patience_s >= 0))
    problem = "the mean patience must be ≥ 0";
  else if (!(target->t_s >= 0) || !isfinite (target->t_s))
    problem = "the answer-time threshold must be ≥ 0";
  else if (!(target->service_level >= 0 && target->service_level < 1))
    problem = "the service level target must be between 0 and 1 (exclusive)";
  else if (!(target->max_asa_s >= 0))
    problem = "the ASA target must be > 0";
  else if (!(target->max_abandon >= 0 && target->max_abandon < 1))
    problem = "the abandonment target must be between 0 and 1 (exclusive)";
  else if (target->max_abandon > 0 && target->model != PLT_STAFFING_ERLANG_A)
    problem = "an abandonment target needs Erlang A (a patience)";
  else if (!(target->max_occupancy >= 0 && target->max_occupancy <= 1))
    problem = "the occupancy cap must be in (0, 1]";
  else if (target->service_level == 0 && target->max_asa_s == 0 &&
           target->max_abandon == 0 && target->max_occupancy == 0)
    problem = "no target: give a service level, an ASA, an abandonment or an occupancy";

  if (problem != NULL)
    {
      g_set_error_literal (error, PLT_STAFFING_ERROR, PLT_STAFFING_ERROR_INVALID, problem);
      return FALSE;
    }

  return TRUE;
}

/* B(k, A) for k = 0…, extended on demand by the forward recursion. */
typedef struct
{
  double  load;
  GArray *b;
} ErlangBTable;

static double
erlang_b_table_get (ErlangBTable *table,
                    guint         agents)
{
  while (table->b->len <= agents)
    {
      double k = (double) table->b->len;
      double prev = g_array_index (table->b, double, table->b->len - 1);
      double next = table->load * prev / (k + table->load * prev);

      g_array_append_val (table->b, next);
    }

  return g_array_index (table->b, double, agents);
}

static gboolean
meets_at (const PltStaffingTarget *target,
          double                   load,
          double                   aht_s,
          ErlangBTable            *table,
          guint                    agents,
          PltStaffingResult       *result)
{
  double erlang_b = erlang_b_table_get (table, agents);

  if (target->model == PLT_STAFFING_ERLANG_A)
    erlang_a_from_b (load, aht_s, target->patience_s, agents, target->t_s, erlang_b, result);
  else
    erlang_c_from_b (load, aht_s, agents, target->t_s, erlang_b, result);

  return plt_staffing_meets (target, result);
}

/*
 * Every figure is monotone in N (more agents: more answered within t,
 * shorter waits, fewer abandons, lower occupancy), so: gallop from @start
 * towards the answer, then bisect between the largest N known to miss
 * (`fail`, 0 standing for "none") and the smallest known to meet (`meet`).
 * The answer is `meet` once they are adjacent: N − 1 misses by
 * construction.
 */
static gboolean
search (const PltStaffingTarget  *target,
        double                    load,
        double                    aht_s,
        ErlangBTable             *table,
        guint                     start,
        PltStaffingResult        *result,
        GError                  **error)
{
  PltStaffingResult probe;
  guint fail, meet;
  guint step = 1;

  start = CLAMP (start, 1, PLT_STAFFING_MAX_AGENTS);

  if (meets_at (target, load, aht_s, table, start, result))
    {
      meet = start;
      fail = 0;
      while (meet > step)
        {
          guint candidate = meet - step;

          if (!meets_at (target, load, aht_s, table, candidate, &probe))
            {
              fail = candidate;
              break;
            }
          meet = candidate;
          *result = probe;
          step *= 2;
        }
    }
  else
    {
      fail = start;
      for (;;)
        {
          guint candidate = (guint) MIN ((guint64) fail + step, PLT_STAFFING_MAX_AGENTS);

          if (meets_at (target, load, aht_s, table, candidate, result))
            {
              meet = candidate;
              break;
            }
          if (candidate == PLT_STAFFING_MAX_AGENTS)
            {
              g_set_error (error, PLT_STAFFING_ERROR, PLT_STAFFING_ERROR_UNREACHABLE,
                           "no head count up to %u meets the target", PLT_STAFFING_MAX_AGENTS);
              return FALSE;
            }
          fail = candidate;
          step *= 2;
        }
    }

  while (meet - fail > 1)
    {
      guint middle = fail + (meet - fail) / 2;

      if (meets_at (target, load, aht_s, table, middle, &probe))
        {
          meet = middle;
          *result = probe;
        }
      else
        fail = middle;
    }

  return TRUE;
}

gboolean
plt_staffing_required (const PltStaffingTarget  *target,
                       double                    load,
                       double                    aht_s,
                       PltStaffingResult        *result,
                       GError                  **error)
{
  g_autoptr(GArray) b = g_array_new (FALSE, FALSE, sizeof (double));
  ErlangBTable table = { load, b };
  double one = 1.0;
  guint start;

  g_return_val_if_fail (target != NULL, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_target (target, load, aht_s, error))
    return FALSE;

  g_array_append_val (b, one);

  /* Erlang C needs N > A; its search steps are O(1) each. */
  start = (guint) MIN (floor (load) + 1.0, (double) PLT_STAFFING_MAX_AGENTS);

  /* Erlang A usually lands at or just below what Erlang C needs for the
   * same service level or ASA, which is cheap to find: start there. */
  if (target->model == PLT_STAFFING_ERLANG_A &&
      (target->service_level > 0 || target->max_asa_s > 0))
    {
      PltStaffingTarget c_target = *target;
      PltStaffingResult c_result;

      c_target.model = PLT_STAFFING_ERLANG_C;
      c_target.max_abandon = 0.0;
      if (search (&c_target, load, aht_s, &table, start, &c_result, NULL))
        start = c_result.agents;
    }

  return search (target, load, aht_s, &table, start, result, error);
}

guint
plt_staffing_scheduled (guint  agents,
                        double shrinkage)
{
  double scheduled;

  g_return_val_if_fail (shrinkage >= 0 && shrinkage < 1, agents);

  if (shrinkage == 0.0)
    return agents;

  scheduled = (double) agents / (1.0 - shrinkage);
  scheduled = ceil (scheduled - scheduled * 1e-9);

  return (guint) MIN (scheduled, (double) G_MAXUINT);
}
