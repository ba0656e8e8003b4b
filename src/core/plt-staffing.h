/* plt-staffing.h — staffing maths: Erlang B, C and A, and the agents a target needs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Notation (docs/kpis.md, "Staffing maths"): λ arrivals per second, AHT = 1/μ
 * the mean handle time in seconds, load A = λ × AHT in Erlangs (= calls ×
 * AHT / interval), N agents, t the answer-time threshold in seconds, and for
 * Erlang A a mean caller patience 1/θ in seconds (exponential patience).
 *
 * Everything here is computed without factorials and without overflow: the
 * Erlang B forward recursion, and for Erlang A series summed as scaled
 * log-sum-exp. Figures stay finite and accurate for N and A in the tens of
 * thousands.
 */

#define PLT_STAFFING_ERROR (plt_staffing_error_quark ())

typedef enum
{
  PLT_STAFFING_ERROR_INVALID,      /* an input out of its range */
  PLT_STAFFING_ERROR_UNREACHABLE,  /* no N up to PLT_STAFFING_MAX_AGENTS meets the target */
} PltStaffingError;

/* The largest head count the search considers. */
#define PLT_STAFFING_MAX_AGENTS 200000

typedef enum
{
  PLT_STAFFING_ERLANG_C,  /* M/M/N: callers never abandon */
  PLT_STAFFING_ERLANG_A,  /* M/M/N+M (Palm): exponential patience */
} PltStaffingModel;

/**
 * PltStaffingResult:
 * @agents: N
 * @stable: FALSE only for Erlang C with N ≤ A: the queue grows without
 *   bound; then @p_wait = 1, @service_level = 0, @asa_s and @mean_wait_s are
 *   +∞ and @occupancy = 1
 * @p_wait: P(W > 0), the share of arrivals that find every agent busy
 * @service_level: the share of *offered* calls answered within t
 *   (abandoned calls count as misses; in Erlang C every call is answered)
 * @service_level_answered: the share of *answered* calls answered within t
 * @asa_s: average speed of answer, the mean wait of answered calls, s
 * @mean_wait_s: the mean wait of all arrivals, abandoners included, s
 * @p_abandon: the share of arrivals that abandon (0 in Erlang C)
 * @occupancy: carried load / N = λ (1 − P(Ab)) / (N μ)
 *
 * The queue's figures for one head count.
 */
typedef struct
{
  guint    agents;
  gboolean stable;
  double   p_wait;
  double   service_level;
  double   service_level_answered;
  double   asa_s;
  double   mean_wait_s;
  double   p_abandon;
  double   occupancy;
} PltStaffingResult;

/**
 * PltStaffingTarget:
 * @model: Erlang C, or Erlang A (then @patience_s is used)
 * @patience_s: mean caller patience 1/θ, s (> 0), Erlang A only
 * @t_s: the answer-time threshold t of @service_level (≥ 0)
 * @service_level: required share of offered calls answered within @t_s,
 *   in (0, 1); 0: no such requirement
 * @max_asa_s: the largest acceptable ASA, s (> 0); 0: none
 * @max_abandon: the largest acceptable P(abandon), in (0, 1); 0: none
 *   (Erlang A only)
 * @max_occupancy: occupancy cap in (0, 1]; 0: none
 *
 * What the minimum head count must achieve: every requirement set, at once.
 * At least one of @service_level, @max_asa_s, @max_abandon and
 * @max_occupancy must be set. Fill it with plt_staffing_target_init() first.
 */
typedef struct
{
  PltStaffingModel model;
  double           patience_s;
  double           t_s;
  double           service_level;
  double           max_asa_s;
  double           max_abandon;
  double           max_occupancy;
} PltStaffingTarget;

GQuark   plt_staffing_error_quark   (void);

/* A = calls × AHT / interval, in Erlangs. */
double   plt_staffing_load          (double                   calls,
                                     double                   interval_s,
                                     double                   aht_s);

/* Erlang B: the blocking probability of N servers offered A Erlangs,
 * B(N, A), by the forward recursion B(k) = A B(k−1) / (k + A B(k−1)). */
double   plt_erlang_b               (double                   load,
                                     guint                    agents);

/* Erlang C (M/M/N) figures for N agents (≥ 1) offered @load Erlangs with
 * mean handle time @aht_s (> 0), service level at @t_s (≥ 0). */
void     plt_erlang_c               (double                   load,
                                     double                   aht_s,
                                     guint                    agents,
                                     double                   t_s,
                                     PltStaffingResult       *result);

/* Erlang A (M/M/N+M) figures. @patience_s is the mean patience: +∞ gives
 * Erlang C, 0 the loss system (Erlang B: callers who find every agent busy
 * leave at once). Always stable. */
void     plt_erlang_a               (double                   load,
                                     double                   aht_s,
                                     double                   patience_s,
                                     guint                    agents,
                                     double                   t_s,
                                     PltStaffingResult       *result);

/* Erlang C or A by @target->model, for a given head count. */
void     plt_staffing_evaluate      (const PltStaffingTarget *target,
                                     double                   load,
                                     double                   aht_s,
                                     guint                    agents,
                                     PltStaffingResult       *result);

void     plt_staffing_target_init   (PltStaffingTarget       *target,
                                     PltStaffingModel         model);

/* Whether @result meets every requirement of @target. */
gboolean plt_staffing_meets         (const PltStaffingTarget *target,
                                     const PltStaffingResult *result);

/* The smallest N meeting @target, and its figures in @result. N − 1 does
 * not meet it (the figures are monotone in N, and the search checks it).
 * Fails with PLT_STAFFING_ERROR_INVALID or _UNREACHABLE. */
gboolean plt_staffing_required      (const PltStaffingTarget *target,
                                     double                   load,
                                     double                   aht_s,
                                     PltStaffingResult       *result,
                                     GError                 **error);

/* Agents to schedule so that @agents remain after @shrinkage (in [0, 1)):
 * ceil (N / (1 − s)), ignoring a floating-point excess of 1e-9 relative (so
 * 14 agents at 30 % give 20, not 21). */
guint    plt_staffing_scheduled     (guint                    agents,
                                     double                   shrinkage);

G_END_DECLS
