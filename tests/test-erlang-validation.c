/* test-erlang-validation.c — the simulator against queueing theory: Erlang C, then Erlang A
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <time.h>

#include "plt-acd.h"
#include "plt-kpi.h"
#include "plt-staffing.h"

/*
 * The ACD simulates one queue with stationary Poisson arrivals, exponential
 * handle times (no wrap-up, no hold, no ringing, no RONA, no pause, no
 * logout) and N agents: an M/M/N queue, or with exponential patience an
 * M/M/N+M one. The figures come from the contact records through the KPI
 * engine, exactly as the router computes them, and are compared with
 * plt-staffing's Erlang C and Erlang A for the same λ, μ, θ and N.
 *
 * How the tolerances are set. A run keeps 10⁶ calls after a 2-hour
 * warm-up, cut in B = 20 batches of equal duration (about 50 000 calls, 10
 * simulated days each: far longer than the correlation time of the queue,
 * a few busy periods of minutes), so the batch figures are close to
 * independent and the batch-means confidence interval holds:
 *   99 % half-width = t(0.995, 19) × s / √B,  t(0.995, 19) = 2.861.
 * Waits come in bursts, so the batch figures vary far more than binomial
 * counts would: measured over 13 seeds of the Erlang C case (A = 10,
 * N = 12), the 99 % half-width is 0.008–0.013 on P(wait), 0.008–0.011 on
 * the service level and 5–8 % of ASA (2–3.4 s of 40 s); for the Erlang A
 * case about 0.005 on P(wait) and SL, 0.0015 on P(abandon), 2.5 % of ASA.
 * With 2·10⁵ calls they would be √5 times wider (0.024 on P(wait)): too
 * wide for a meaningful test, hence 10⁶ (about 1.4 s of CPU a run). The
 * stated tolerances are
 *   ±0.02 absolute on P(wait), on the service level and on P(abandon),
 *   ±10 % relative on ASA (and on the EWT check),
 * above every measured half-width — at 1.5 times the widest, a correct
 * simulator fails a check with a probability near 10⁻⁵ — and the test
 * asserts that the run's own half-width is below the tolerance. Each seed
 * is an independent run; the seeds are fixed (the ACD is deterministic),
 * not chosen to pass. Each comparison also reports its z-score (error /
 * standard error of the batch mean) and fails beyond |z| = 4.5, where a
 * systematic bias would show first.
 */

#define N_BATCHES      20
#define T_995_19       2.861
#define WARM_UP_MS     (2 * 3600 * 1000)
#define DRAIN_MS       (6 * 3600 * 1000)
#define TARGET_CALLS   1000000
#define START_MS       ((gint64) 1773100800000)   /* 2026-03-10 00:00 UTC */

#define TOL_PROBABILITY 0.02
#define TOL_ASA_REL     0.10
#define MAX_Z           4.5

typedef struct
{
  const char *name;
  double      load;        /* Erlangs */
  guint       agents;
  double      aht_s;
  double      patience_s;  /* 0: nobody abandons (Erlang C) */
  double      t_s;         /* the service level threshold */
} Case;

/* What a run measures, per batch. */
typedef struct
{
  double p_wait[N_BATCHES];
  double sl[N_BATCHES];
  double asa[N_BATCHES];
  double p_abandon[N_BATCHES];
  double ewt_predicted[N_BATCHES];   /* mean EWT at arrival of the calls that waited */
  double ewt_actual[N_BATCHES];      /* their mean actual wait */
  guint64 calls;
  double cpu_s;
} Run;

/* The calls, for the EWT check: arrival, answer (0 if abandoned). */
typedef struct
{
  gint64 enqueued;
  gint64 answered;
  gint64 left;       /* answered or abandoned */
} Call;

typedef struct
{
  PltKpiReport *sl;       /* T = the case's t, abandons count as misses */
  PltKpiReport *at_once;  /* T = 0: answered at once */
  GArray       *calls;
  gint64        from;
  gint64        to;
} Collect;

static void
on_contact_finished (PltAcd                 *acd,
                     const PltContactRecord *record,
                     gpointer                user_data)
{
  Collect *collect = user_data;

  plt_kpi_report_add_contact (collect->sl, record);
  plt_kpi_report_add_contact (collect->at_once, record);

  if (record->enqueued >= collect->from && record->enqueued < collect->to)
    {
      Call call = {
        record->enqueued, record->answered,
        record->answered != 0 ? record->answered : record->ended,
      };

      g_array_append_val (collect->calls, call);
    }
}

static PltScenario *
make_scenario (const Case *c)
{
  PltScenario *scenario = plt_scenario_new ();
  PltScenarioTeam *team = g_new0 (PltScenarioTeam, 1);
  PltScenarioQueue *queue = plt_scenario_queue_new ("q", "Q", PLT_QUEUE_MEDIA_INBOUND,
                                                    c->load / c->aht_s * 3600.0);
  g_autoptr(GArray) skills = g_array_new (FALSE, FALSE, sizeof (PltScenarioSkill));
  PltScenarioSkill skill = { 0, 1 };

  scenario->name = g_strdup ("erlang-validation");
  scenario->time_zone = g_strdup ("UTC");
  scenario->warm_up_minutes = 0;
  /* Agents who answer at once, never miss, never leave. */
  scenario->behaviour = (PltScenarioBehaviour) {
    .answer_min_s = 0, .answer_max_s = 0,
    .ring_timeout_s = 18,
    .no_answer_probability = 0,
    .rona_autopause = FALSE,
    .busy_other_per_hour = 0,
    .logout_per_hour = 0,
    .initially_logged_out = 0,
    .initially_paused = 0,
  };

  team->id = g_strdup ("t");
  team->name = g_strdup ("T");
  team->schedule = -1;
  g_ptr_array_add (scenario->teams, team);

  queue->talk_distribution = PLT_DISTRIBUTION_EXPONENTIAL;
  queue->talk_mean_s = c->aht_s;
  queue->talk_sd_s = 0;
  queue->wrap_up_mean_s = 0;
  queue->hold_probability = 0;
  queue->patience_mean_s = c->patience_s;
  queue->sl_threshold_s = (guint) c->t_s;
  g_ptr_array_add (scenario->queues, queue);

  g_array_append_val (skills, skill);
  for (guint i = 0; i < c->agents; i++)
    {
      PltScenarioAgent *agent = g_new0 (PltScenarioAgent, 1);

      agent->id = g_strdup_printf ("a-%u", i);
      agent->name = g_strdup (agent->id);
      agent->team = 0;
      agent->skills = g_array_ref (skills);
      agent->schedule = -1;
      g_ptr_array_add (scenario->agents, agent);
    }

  return scenario;
}

static PltKpiConfig *
make_config (guint t_s)
{
  PltKpiConfig *config = plt_kpi_config_new ();
  PltKpiSettings settings = {
    .sl_variant = PLT_SL_ABANDONS_MISSED,
    .sl_threshold_s = t_s,
    .short_abandon_s = 0,
    .day_reset_min = 0,
    .time_zone = "UTC",
  };

  g_assert_true (plt_kpi_config_set_queue (config, "q", &settings, NULL));
  return config;
}

static int
compare_enqueued (gconstpointer a,
                  gconstpointer b)
{
  const Call *ca = a, *cb = b;

  return (ca->enqueued > cb->enqueued) - (ca->enqueued < cb->enqueued);
}

static int
compare_times (gconstpointer a,
               gconstpointer b)
{
  gint64 ta = *(const gint64 *) a, tb = *(const gint64 *) b;

  return (ta > tb) - (ta < tb);
}

/*
 * The EWT of plt_kpi_ewt() at each arrival, from the state the records
 * give: the callers still waiting then (q) and, since every agent is busy
 * exactly when a call has to wait, no idle agent. Compared, over the calls
 * that waited and were answered, with their actual waits, per batch.
 */
static void
check_ewt (const Case *c,
           GArray     *calls,
           gint64      from,
           gint64      batch_ms,
           double      aht_s,
           Run        *run)
{
  g_autoptr(GArray) departures = g_array_new (FALSE, FALSE, sizeof (gint64));
  double predicted[N_BATCHES] = { 0 }, actual[N_BATCHES] = { 0 };
  guint n[N_BATCHES] = { 0 };
  guint next_departure = 0;
  guint waiting = 0;

  g_array_sort (calls, compare_enqueued);
  /* The times callers stop waiting (answered or gone), in order. */
  for (guint i = 0; i < calls->len; i++)
    {
      const Call *call = &g_array_index (calls, Call, i);

      if (call->left > call->enqueued)
        g_array_append_val (departures, call->left);
    }
  g_array_sort (departures, compare_times);

  for (guint i = 0; i < calls->len; i++)
    {
      const Call *call = &g_array_index (calls, Call, i);
      guint b;

      while (next_departure < departures->len &&
             g_array_index (departures, gint64, next_departure) <= call->enqueued)
        {
          next_departure++;
          waiting--;
        }

      if (call->left > call->enqueued)
        {
          /* It waits: every agent was busy. Callers that arrived before the
           * window and still wait are not counted in q: the first minutes
           * of batch 0 under-estimate, by far less than the tolerance. */
          b = (guint) ((call->enqueued - from) / batch_ms);
          if (call->answered != 0 && b < N_BATCHES)
            {
              predicted[b] += plt_kpi_ewt (waiting, 0, c->agents, aht_s);
              actual[b] += (double) (call->answered - call->enqueued) / 1000.0;
              n[b]++;
            }
          waiting++;
        }
    }

  for (guint b = 0; b < N_BATCHES; b++)
    {
      run->ewt_predicted[b] = predicted[b] / n[b];
      run->ewt_actual[b] = actual[b] / n[b];
    }
}

static void
run_case (const Case *c,
          guint64     seed,
          Run        *run)
{
  g_autoptr(PltScenario) scenario = make_scenario (c);
  g_autoptr(PltAcd) acd = NULL;
  g_autoptr(PltKpiConfig) config_sl = make_config ((guint) c->t_s);
  g_autoptr(PltKpiConfig) config_at_once = make_config (0);
  g_autoptr(GPtrArray) rows_sl = NULL;
  g_autoptr(GPtrArray) rows_at_once = NULL;
  g_autoptr(GArray) calls = g_array_new (FALSE, FALSE, sizeof (Call));
  double lambda_per_ms = c->load / c->aht_s / 1000.0;
  gint64 batch_ms = (gint64) ceil (TARGET_CALLS / lambda_per_ms / N_BATCHES);
  gint64 from = START_MS + WARM_UP_MS;
  gint64 to = from + N_BATCHES * batch_ms;
  Collect collect = { NULL, NULL, calls, from, to };
  double handled = 0, handle_s = 0;
  clock_t cpu = clock ();

  collect.sl = plt_kpi_report_new (config_sl, PLT_KPI_SCOPE_QUEUE, NULL, from, to, batch_ms, to);
  collect.at_once = plt_kpi_report_new (config_at_once, PLT_KPI_SCOPE_QUEUE, NULL, from, to, batch_ms, to);

  acd = plt_acd_new (scenario, seed, START_MS);
  g_signal_connect (acd, "contact-finished", G_CALLBACK (on_contact_finished), &collect);
  /* Past the end, until every call that arrived before it is over. */
  plt_acd_advance_to (acd, to + DRAIN_MS);

  rows_sl = plt_kpi_report_finish (collect.sl);
  rows_at_once = plt_kpi_report_finish (collect.at_once);
  g_clear_pointer (&collect.sl, plt_kpi_report_free);
  g_clear_pointer (&collect.at_once, plt_kpi_report_free);
  g_assert_cmpuint (rows_sl->len, ==, N_BATCHES);
  g_assert_cmpuint (rows_at_once->len, ==, N_BATCHES);

  run->calls = 0;
  for (guint b = 0; b < N_BATCHES; b++)
    {
      const PltKpiValues *v = &((PltKpiRow *) rows_sl->pdata[b])->values;
      const PltKpiValues *v0 = &((PltKpiRow *) rows_at_once->pdata[b])->values;

      /* Every call of the batch ended: answered or abandoned. */
      g_assert_cmpint (v->answered + v->abandoned, ==, v->offered);
      run->calls += v->offered;
      /* With T = 0 and abandons as misses, 1 − SL is the share that waited. */
      run->p_wait[b] = 1.0 - v0->service_level;
      run->sl[b] = v->service_level;
      run->asa[b] = v->asa_s;
      run->p_abandon[b] = (double) v->abandoned / (double) v->offered;
      handled += v->handled;
      handle_s += v->aht_s * v->handled;
    }

  /* The realised traffic differs from the nominal one by chance (about
   * 0.1 % on 10⁶ calls); part of the errors below comes from there. */
  g_test_message ("  realised: %.2f calls/h (nominal %.2f), AHT %.2f s (nominal %.0f)",
                  run->calls / ((to - from) / 3600000.0), c->load / c->aht_s * 3600.0,
                  handle_s / handled, c->aht_s);
  /* The EWT uses the measured mean handle time, as the router does. */
  check_ewt (c, calls, from, batch_ms, handle_s / handled, run);

  run->cpu_s = (double) (clock () - cpu) / CLOCKS_PER_SEC;
}

typedef struct
{
  double mean;
  double half_width;   /* 99 % */
  double se;
} Estimate;

static Estimate
batch_means (const double *x)
{
  Estimate e;
  double sum = 0, sum2 = 0;

  for (guint b = 0; b < N_BATCHES; b++)
    sum += x[b];
  e.mean = sum / N_BATCHES;
  for (guint b = 0; b < N_BATCHES; b++)
    sum2 += (x[b] - e.mean) * (x[b] - e.mean);
  e.se = sqrt (sum2 / (N_BATCHES - 1) / N_BATCHES);
  e.half_width = T_995_19 * e.se;

  return e;
}

/* Checks one figure: within @tolerance of @theory, with a 99 % interval
 * narrower than the tolerance (else a correct simulator would fail by
 * chance), and no |z| above MAX_Z. */
static void
check (const char   *what,
       const double *batches,
       double        theory,
       double        tolerance)
{
  Estimate e = batch_means (batches);
  double error = e.mean - theory;
  double z = e.se > 0 ? error / e.se : 0;

  g_test_message ("  %-10s sim %.4f ± %.4f (99 %%)  theory %.4f  error %+.4f  tolerance ±%.4f  z %+.2f",
                  what, e.mean, e.half_width, theory, error, tolerance, z);
  g_assert_cmpfloat (e.half_width, <, tolerance);
  g_assert_cmpfloat (fabs (error), <=, tolerance);
  g_assert_cmpfloat (fabs (z), <, MAX_Z);
}

static void
validate (gconstpointer data)
{
  const Case *c = data;
  const guint64 seeds[] = { 1, 2, 3 };
  PltStaffingResult theory;

  if (c->patience_s > 0)
    plt_erlang_a (c->load, c->aht_s, c->patience_s, c->agents, c->t_s, &theory);
  else
    plt_erlang_c (c->load, c->aht_s, c->agents, c->t_s, &theory);

  for (guint s = 0; s < G_N_ELEMENTS (seeds); s++)
    {
      Run run;

      run_case (c, seeds[s], &run);
      g_test_message ("%s, seed %" G_GUINT64_FORMAT ": %" G_GUINT64_FORMAT " calls kept, %.2f s CPU",
                      c->name, seeds[s], run.calls, run.cpu_s);
      g_assert_cmpuint (run.calls, >, TARGET_CALLS * 0.95);
      g_assert_cmpuint (run.calls, <, TARGET_CALLS * 1.05);

      check ("P(wait)", run.p_wait, theory.p_wait, TOL_PROBABILITY);
      check ("SL", run.sl, theory.service_level, TOL_PROBABILITY);
      check ("ASA (s)", run.asa, theory.asa_s, TOL_ASA_REL * theory.asa_s);
      if (c->patience_s > 0)
        check ("P(ab)", run.p_abandon, theory.p_abandon, TOL_PROBABILITY);
      else
        {
          /* Nobody abandons in Erlang C; position-based EWT is exact for
           * M/M/N: the mean of the predictions equals the mean wait of the
           * same calls, within the ASA tolerance. */
          Estimate actual = batch_means (run.ewt_actual);

          g_assert_cmpfloat (batch_means (run.p_abandon).mean, ==, 0.0);
          check ("EWT (s)", run.ewt_predicted, actual.mean, TOL_ASA_REL * actual.mean);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  /* 10 Erl, AHT 180 s, 12 agents: P(wait) 0.449, SL(20 s) 0.640, ASA 40.4 s. */
  static const Case erlang_c = { "Erlang C, A = 10, N = 12", 10.0, 12, 180.0, 0, 20 };
  /* The same traffic on 11 agents with a mean patience of 300 s:
   * P(wait) 0.460, SL(20 s) 0.657 (abandons are misses), ASA 19.6 s,
   * P(abandon) 0.070. */
  static const Case erlang_a = { "Erlang A, A = 10, N = 11, patience 300 s", 10.0, 11, 180.0, 300.0, 20 };

  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/erlang-validation/erlang-c", &erlang_c, validate);
  g_test_add_data_func ("/erlang-validation/erlang-a", &erlang_a, validate);

  return g_test_run ();
}
