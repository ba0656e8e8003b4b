/* test-stress.c — the floor's stress signals on hand-made days
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "plt-stress.h"

#define MINUTE ((gint64) 60000)
#define T0  ((gint64) 1795770000000)   /* the shift starts */

/* A day written as a list: each step lasts @minutes. */
typedef struct
{
  PltAgentStatus    status;
  PltAgentActivity  activity;
  const char       *reason;
  const char       *contact;
  double            minutes;
} Step;

#define AVAIL(m)     { PLT_AGENT_STATUS_AVAILABLE, PLT_AGENT_ACTIVITY_IDLE, NULL, NULL, m }
#define TALK(c, m)   { PLT_AGENT_STATUS_AVAILABLE, PLT_AGENT_ACTIVITY_ON_CALL, NULL, c, m }
#define HOLD(c, m)   { PLT_AGENT_STATUS_AVAILABLE, PLT_AGENT_ACTIVITY_ON_HOLD, NULL, c, m }
#define WRAP(c, m)   { PLT_AGENT_STATUS_AVAILABLE, PLT_AGENT_ACTIVITY_WRAP_UP, NULL, c, m }
#define RING(c, m)   { PLT_AGENT_STATUS_AVAILABLE, PLT_AGENT_ACTIVITY_RINGING, NULL, c, m }
#define MISS(m)      { PLT_AGENT_STATUS_AVAILABLE, PLT_AGENT_ACTIVITY_MISSED, NULL, NULL, m }
#define PAUSE(r, m)  { PLT_AGENT_STATUS_PAUSED, PLT_AGENT_ACTIVITY_IDLE, r, NULL, m }

/* The intervals of @steps from T0; the last one is open. Returns the time
 * at its end (now). */
static GPtrArray *
make_day (const Step *steps,
          guint       n_steps,
          gint64     *now)
{
  GPtrArray *intervals = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_agent_interval_free);
  gint64 t = T0;

  for (guint i = 0; i < n_steps; i++)
    {
      gint64 end = t + (gint64) (steps[i].minutes * MINUTE);
      PltAgentInterval interval = { "a-1", steps[i].status, steps[i].activity, steps[i].reason, NULL,
                                    steps[i].contact, t, i + 1 < n_steps ? end : 0 };

      g_ptr_array_add (intervals, plt_agent_interval_copy (&interval));
      t = end;
    }

  *now = t;
  return intervals;
}

static const PltStressSignal *
find (GPtrArray     *signals,
      PltStressKind  kind)
{
  for (guint i = 0; i < signals->len; i++)
    if (((PltStressSignal *) g_ptr_array_index (signals, i))->kind == kind)
      return g_ptr_array_index (signals, i);

  return NULL;
}

static GPtrArray *
evaluate (const Step *steps,
          guint       n_steps)
{
  PltStressSettings settings;
  g_autoptr(GPtrArray) day = NULL;
  gint64 now;

  plt_stress_settings_init (&settings);
  day = make_day (steps, n_steps, &now);
  return plt_stress_evaluate (&settings, day, now);
}

static void
test_calm (void)
{
  const Step steps[] = { AVAIL (5), RING ("c-1", 0.1), TALK ("c-1", 4), WRAP ("c-1", 1), AVAIL (8),
                         TALK ("c-2", 3), WRAP ("c-2", 1), AVAIL (2) };
  g_autoptr(GPtrArray) signals = evaluate (steps, G_N_ELEMENTS (steps));

  g_assert_cmpuint (signals->len, ==, 0);
}

static void
test_no_break (void)
{
  g_autoptr(GArray) steps = g_array_new (FALSE, FALSE, sizeof (Step));
  g_autoptr(GPtrArray) signals = NULL;
  const Step lunch = PAUSE ("lunch", 40);
  const Step coffee = PAUSE ("break", 3);   /* too short to be a break */
  const PltStressSignal *signal;
  g_autofree char *words = NULL;

  g_array_append_val (steps, lunch);
  for (guint i = 0; i < 22; i++)
    {
      char contact[16];
      Step talk = TALK (NULL, 3);
      Step wrap = WRAP (NULL, 1);
      Step idle = AVAIL (1);

      g_snprintf (contact, sizeof contact, "c-%u", i);
      talk.contact = wrap.contact = g_intern_string (contact);
      g_array_append_val (steps, talk);
      g_array_append_val (steps, wrap);
      g_array_append_val (steps, idle);
      if (i == 10)
        g_array_append_val (steps, coffee);
    }

  signals = evaluate ((Step *) steps->data, steps->len);
  signal = find (signals, PLT_STRESS_NO_BREAK);
  g_assert_nonnull (signal);
  g_assert_cmpuint (signal->count, ==, 22);
  g_assert_cmpint (signal->since, ==, T0 + 40 * MINUTE);
  g_assert_cmpint (signal->duration_ms, ==, (22 * 5 + 3) * MINUTE);
  g_assert_cmpstr (signal->agent, ==, "a-1");
  words = plt_stress_signal_describe (signal);
  g_assert_nonnull (strstr (words, "22 calls"));
  g_assert_nonnull (strstr (words, "1 h 53 min"));
  g_assert_null (find (signals, PLT_STRESS_LONG_CALLS));
}

static void
test_on_break_is_fine (void)
{
  g_autoptr(GArray) steps = g_array_new (FALSE, FALSE, sizeof (Step));
  g_autoptr(GPtrArray) signals = NULL;
  const Step now_on_break = PAUSE ("break", 6);

  for (guint i = 0; i < 25; i++)
    {
      char contact[16];
      Step talk = TALK (NULL, 4);

      g_snprintf (contact, sizeof contact, "c-%u", i);
      talk.contact = g_intern_string (contact);
      g_array_append_val (steps, talk);
    }
  g_array_append_val (steps, now_on_break);

  signals = evaluate ((Step *) steps->data, steps->len);
  g_assert_null (find (signals, PLT_STRESS_NO_BREAK));
}

static void
test_long_calls (void)
{
  /* A short call, then three long ones (one with a hold), and a fourth in
   * progress that is not long yet. */
  const Step steps[] = { TALK ("c-1", 4), WRAP ("c-1", 1),
                         TALK ("c-2", 12), WRAP ("c-2", 1),
                         TALK ("c-3", 6), HOLD ("c-3", 3), TALK ("c-3", 2), WRAP ("c-3", 1), AVAIL (1),
                         TALK ("c-4", 15), WRAP ("c-4", 1),
                         TALK ("c-5", 2) };
  g_autoptr(GPtrArray) signals = evaluate (steps, G_N_ELEMENTS (steps));
  const PltStressSignal *signal = find (signals, PLT_STRESS_LONG_CALLS);

  g_assert_nonnull (signal);
  g_assert_cmpuint (signal->count, ==, 3);
  g_assert_cmpint (signal->duration_ms, ==, (12 + 11 + 15) * MINUTE);
  g_assert_cmpint (signal->since, ==, T0 + 5 * MINUTE);
}

static void
test_long_calls_broken (void)
{
  const Step steps[] = { TALK ("c-2", 12), WRAP ("c-2", 1), TALK ("c-3", 14), WRAP ("c-3", 1),
                         TALK ("c-4", 3), WRAP ("c-4", 1), TALK ("c-5", 11), AVAIL (1) };
  g_autoptr(GPtrArray) signals = evaluate (steps, G_N_ELEMENTS (steps));

  g_assert_null (find (signals, PLT_STRESS_LONG_CALLS));
}

static void
test_high_occupancy (void)
{
  g_autoptr(GArray) steps = g_array_new (FALSE, FALSE, sizeof (Step));
  g_autoptr(GPtrArray) signals = NULL;
  const PltStressSignal *signal;
  const Step idle = AVAIL (60);

  /* An idle hour, then 13 calls back to back (15 s between). */
  g_array_append_val (steps, idle);
  for (guint i = 0; i < 13; i++)
    {
      char contact[16];
      Step talk = TALK (NULL, 4);
      Step wrap = WRAP (NULL, 0.5);
      Step gap = AVAIL (0.25);

      g_snprintf (contact, sizeof contact, "c-%u", i);
      talk.contact = wrap.contact = g_intern_string (contact);

      g_array_append_val (steps, talk);
      g_array_append_val (steps, wrap);
      g_array_append_val (steps, gap);
    }

  signals = evaluate ((Step *) steps->data, steps->len);
  signal = find (signals, PLT_STRESS_HIGH_OCCUPANCY);
  g_assert_nonnull (signal);
  /* The window starts 1.75 min into the first call: 12 whole cycles and
   * 2.75 min of contact before them. */
  g_assert_cmpfloat_with_epsilon (signal->ratio, 56.75 / 60.0, 1e-9);
}

static void
test_long_pause (void)
{
  const Step short_break[] = { AVAIL (10), PAUSE ("break", 12) };
  const Step long_break[] = { AVAIL (10), PAUSE ("break", 20) };
  const Step lunch[] = { AVAIL (10), PAUSE ("lunch", 50) };
  const Step long_lunch[] = { AVAIL (10), PAUSE ("lunch", 75) };
  g_autoptr(GPtrArray) s1 = evaluate (short_break, G_N_ELEMENTS (short_break));
  g_autoptr(GPtrArray) s2 = evaluate (long_break, G_N_ELEMENTS (long_break));
  g_autoptr(GPtrArray) s3 = evaluate (lunch, G_N_ELEMENTS (lunch));
  g_autoptr(GPtrArray) s4 = evaluate (long_lunch, G_N_ELEMENTS (long_lunch));
  const PltStressSignal *signal;
  g_autofree char *words = NULL;

  g_assert_null (find (s1, PLT_STRESS_LONG_PAUSE));
  signal = find (s2, PLT_STRESS_LONG_PAUSE);
  g_assert_nonnull (signal);
  g_assert_cmpstr (signal->reason, ==, "break");
  g_assert_cmpint (signal->duration_ms, ==, 20 * MINUTE);
  g_assert_cmpint (signal->since, ==, T0 + 10 * MINUTE);
  words = plt_stress_signal_describe (signal);
  g_assert_cmpstr (words, ==, "Break for 20 min (usually 15 min)");
  g_assert_null (find (s3, PLT_STRESS_LONG_PAUSE));
  g_assert_nonnull (find (s4, PLT_STRESS_LONG_PAUSE));
  g_assert_cmpint (plt_stress_usual_pause ("lunch"), ==, 60 * MINUTE);
  g_assert_cmpint (plt_stress_usual_pause ("something"), ==, 15 * MINUTE);
}

static void
test_rona_streak (void)
{
  const Step streak[] = { TALK ("c-1", 3), WRAP ("c-1", 1), AVAIL (2), RING ("c-2", 0.3), MISS (1),
                          AVAIL (1), RING ("c-3", 0.3), MISS (1), AVAIL (0.5) };
  const Step answered[] = { RING ("c-2", 0.3), MISS (1), AVAIL (1), RING ("c-3", 0.1), TALK ("c-3", 2),
                            RING ("c-4", 0.3), MISS (1), AVAIL (1) };
  g_autoptr(GPtrArray) s1 = evaluate (streak, G_N_ELEMENTS (streak));
  g_autoptr(GPtrArray) s2 = evaluate (answered, G_N_ELEMENTS (answered));
  const PltStressSignal *signal = find (s1, PLT_STRESS_RONA_STREAK);

  g_assert_nonnull (signal);
  g_assert_cmpuint (signal->count, ==, 2);
  g_assert_null (find (s2, PLT_STRESS_RONA_STREAK));
  g_assert_cmpuint (plt_stress_flags (s1), ==, PLT_STRESS_RONA_STREAK);
}

static void
test_tracker (void)
{
  g_autoptr(PltStressTracker) tracker = plt_stress_tracker_new (NULL);
  g_autoptr(GPtrArray) history = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_agent_interval_free);
  g_autoptr(GPtrArray) signals = NULL;
  PltAgentInterval working = { "a-1", PLT_AGENT_STATUS_AVAILABLE, PLT_AGENT_ACTIVITY_IDLE, NULL, NULL, NULL, T0, 0 };
  PltAgentInterval paused = { "a-1", PLT_AGENT_STATUS_PAUSED, PLT_AGENT_ACTIVITY_IDLE, "break", NULL, NULL,
                              T0 + 30 * MINUTE, 0 };
  PltAgentInterval before = { "a-1", PLT_AGENT_STATUS_LOGGED_OUT, PLT_AGENT_ACTIVITY_IDLE, NULL, NULL, NULL,
                              T0 - 60 * MINUTE, T0 };
  PltAgentInterval again = working;
  GPtrArray *intervals;

  g_assert_true (plt_stress_tracker_observe (tracker, &working));
  /* The same state again is not news. */
  again.start = T0 + 5 * MINUTE;
  g_assert_false (plt_stress_tracker_observe (tracker, &again));
  g_assert_true (plt_stress_tracker_observe (tracker, &paused));

  /* The router's history arrives later, the current state included. */
  g_ptr_array_add (history, plt_agent_interval_copy (&before));
  g_ptr_array_add (history, plt_agent_interval_copy (&working));
  plt_stress_tracker_add_history (tracker, history);

  intervals = plt_stress_tracker_get_intervals (tracker, "a-1");
  g_assert_cmpuint (intervals->len, ==, 3);
  g_assert_cmpint (((PltAgentInterval *) g_ptr_array_index (intervals, 0))->end, ==, T0);
  g_assert_cmpint (((PltAgentInterval *) g_ptr_array_index (intervals, 1))->end, ==, T0 + 30 * MINUTE);
  g_assert_cmpint (((PltAgentInterval *) g_ptr_array_index (intervals, 2))->end, ==, 0);

  /* 20 minutes of break: the usual is 15. */
  g_assert_cmpuint (plt_stress_tracker_update (tracker, "a-1", T0 + 50 * MINUTE), ==, PLT_STRESS_LONG_PAUSE);
  signals = plt_stress_tracker_dup_signals (tracker);
  g_assert_cmpuint (signals->len, ==, 1);
  g_clear_pointer (&signals, g_ptr_array_unref);

  /* Dismissed: hidden while it is the same pause... */
  plt_stress_tracker_dismiss (tracker, "a-1", PLT_STRESS_LONG_PAUSE);
  g_assert_cmpuint (plt_stress_tracker_update (tracker, "a-1", T0 + 55 * MINUTE), ==, 0);
  signals = plt_stress_tracker_dup_signals (tracker);
  g_assert_cmpuint (signals->len, ==, 0);

  /* ...and back for the next one. */
  working.start = T0 + 60 * MINUTE;
  paused.start = T0 + 70 * MINUTE;
  g_assert_true (plt_stress_tracker_observe (tracker, &working));
  g_assert_true (plt_stress_tracker_observe (tracker, &paused));
  g_assert_cmpuint (plt_stress_tracker_update (tracker, "a-1", T0 + 90 * MINUTE), ==, PLT_STRESS_LONG_PAUSE);

  plt_stress_tracker_prune (tracker, T0 + 20 * MINUTE);
  g_assert_cmpuint (plt_stress_tracker_get_intervals (tracker, "a-1")->len, ==, 4);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Plateau/Stress/calm", test_calm);
  g_test_add_func ("/Plateau/Stress/no-break", test_no_break);
  g_test_add_func ("/Plateau/Stress/on-break-is-fine", test_on_break_is_fine);
  g_test_add_func ("/Plateau/Stress/long-calls", test_long_calls);
  g_test_add_func ("/Plateau/Stress/long-calls-broken", test_long_calls_broken);
  g_test_add_func ("/Plateau/Stress/high-occupancy", test_high_occupancy);
  g_test_add_func ("/Plateau/Stress/long-pause", test_long_pause);
  g_test_add_func ("/Plateau/Stress/rona-streak", test_rona_streak);
  g_test_add_func ("/Plateau/Stress/tracker", test_tracker);

  return g_test_run ();
}
