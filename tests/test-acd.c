/* test-acd.c — the ACD: agent state machine, routing, media, schedules,
 * records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "plt-acd.h"

#define START G_GINT64_CONSTANT (1795000000000)   /* Wed 18 Nov 2026, 11:06:40 UTC */

/* A call center that does nothing by itself: no arrivals (the tests add
 * contacts), no random pauses, answers after 2 s, talks 10 min. %Q: the
 * queues, %T: the teams, %B: more of agent_behaviour, %S: schedules. */
static const char base_json[] =
  "{\"warm_up_minutes\": 0,"
  " \"agent_behaviour\": {\"answer_s\": [2, 2], \"no_answer_probability\": 0,"
  "   \"busy_other\": {\"per_hour\": 0, \"mean_s\": 1}, \"logout\": {\"per_hour\": 0, \"mean_minutes\": 1},"
  "   \"initially_logged_out\": 0, \"initially_paused\": 0 %B},"
  " \"pauses\": [{\"reason\": \"break\", \"per_hour\": 0, \"mean_minutes\": 600},"
  "              {\"reason\": \"lunch\", \"per_hour\": 0, \"mean_minutes\": 600},"
  "              {\"reason\": \"back_office\", \"per_hour\": 0, \"mean_minutes\": 600, \"handles_email\": true}],"
  " \"schedules\": {%S},"
  " \"queues\": [%Q],"
  " \"teams\": [%T]}";

#define QUEUE(id, extra) \
  "{\"id\": \"" id "\", \"name\": \"" id "\", \"media\": \"inbound\", \"calls_per_hour\": 0," \
  " \"sl_threshold_s\": 20, \"sl_target\": 0.8, \"talk_s\": {\"mean\": 600, \"distribution\": \"fixed\"}," \
  " \"wrap_up_s\": 0, \"patience_s\": 0 " extra "}"

static PltScenario *
load_scenario (const char *queues,
               const char *teams,
               const char *behaviour,
               const char *schedules)
{
  g_autoptr(GString) text = g_string_new (base_json);
  g_autoptr(GError) error = NULL;
  PltScenario *scenario;

  g_string_replace (text, "%Q", queues, 0);
  g_string_replace (text, "%T", teams, 0);
  g_string_replace (text, "%B", behaviour != NULL ? behaviour : "", 0);
  g_string_replace (text, "%S", schedules != NULL ? schedules : "", 0);

  scenario = plt_scenario_load_data (text->str, -1, "test.json", &error);
  g_assert_no_error (error);
  g_assert_nonnull (scenario);

  return scenario;
}

static PltAgentData *
agent (PltAcd     *acd,
       const char *id)
{
  PltAgentData *data = plt_acd_dup_agent (acd, id);

  g_assert_nonnull (data);
  return data;
}

static void
assert_agent (PltAcd           *acd,
              const char       *id,
              PltAgentStatus    status,
              PltAgentActivity  activity)
{
  g_autoptr(PltAgentData) data = agent (acd, id);

  if (data->status != status || data->activity != activity)
    g_error ("agent %s is %s/%s, not %s/%s", id,
             plt_agent_status_to_string (data->status), plt_agent_activity_to_string (data->activity),
             plt_agent_status_to_string (status), plt_agent_activity_to_string (activity));
}

static char *
agent_call (PltAcd     *acd,
            const char *id)
{
  g_autoptr(PltAgentData) data = agent (acd, id);

  return g_strdup (data->call);
}

static void
set_status (PltAcd         *acd,
            const char     *id,
            PltAgentStatus  status,
            const char     *reason)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (plt_acd_set_agent_status (acd, id, status, reason, &error));
  g_assert_no_error (error);
}

static char *
add_contact (PltAcd     *acd,
             const char *queue)
{
  g_autoptr(GError) error = NULL;
  char *id = plt_acd_add_contact (acd, queue, &error);

  g_assert_no_error (error);
  g_assert_nonnull (id);
  return id;
}

/* Pauses every agent, then makes @order available one second apart: the
 * first is then the longest idle. */
static void
line_up (PltAcd             *acd,
         const char * const *all,
         const char * const *order)
{
  for (guint i = 0; all[i] != NULL; i++)
    set_status (acd, all[i], PLT_AGENT_STATUS_PAUSED, "break");
  for (guint i = 0; order[i] != NULL; i++)
    {
      plt_acd_advance (acd, 1000);
      set_status (acd, order[i], PLT_AGENT_STATUS_AVAILABLE, NULL);
    }
  plt_acd_advance (acd, 1000);
}

/* Records, collected from the "contact-finished" signal. */

static void
on_finished (PltAcd                 *acd,
             const PltContactRecord *record,
             GPtrArray              *records)
{
  g_ptr_array_add (records, plt_contact_record_copy (record));
}

static const PltContactRecord *
find_record (GPtrArray  *records,
             const char *id)
{
  for (guint i = 0; i < records->len; i++)
    {
      const PltContactRecord *record = g_ptr_array_index (records, i);

      if (g_str_equal (record->id, id))
        return record;
    }

  return NULL;
}

/* /Plateau/ACD/states/transitions: every pair of states, against the
 * table of docs/router.md. */

static const char * const allowed_moves[] = {
  "logged_out/idle > available/idle",
  "logged_out/idle > paused/idle",
  "available/idle > available/ringing",
  "available/idle > available/on_call",
  "available/idle > available/busy_other",
  "available/idle > paused/idle",
  "available/idle > logged_out/idle",
  "available/ringing > available/on_call",
  "available/ringing > available/missed",
  "available/ringing > paused/missed",
  "available/ringing > available/idle",
  "available/ringing > paused/idle",
  "available/ringing > logged_out/idle",
  "available/on_call > available/on_hold",
  "available/on_call > available/wrap_up",
  "available/on_hold > available/on_call",
  "available/on_hold > available/wrap_up",
  "available/wrap_up > available/idle",
  "available/wrap_up > paused/idle",
  "available/wrap_up > logged_out/idle",
  "available/missed > available/idle",
  "available/missed > paused/idle",
  "available/missed > logged_out/idle",
  "available/busy_other > available/idle",
  "available/busy_other > paused/idle",
  "available/busy_other > logged_out/idle",
  "paused/idle > available/idle",
  "paused/idle > paused/idle",
  "paused/idle > logged_out/idle",
  "paused/idle > paused/on_call",
  "paused/missed > available/idle",
  "paused/missed > paused/idle",
  "paused/missed > logged_out/idle",
  "paused/on_call > paused/wrap_up",
  "paused/wrap_up > paused/idle",
  "paused/wrap_up > available/idle",
  "paused/wrap_up > logged_out/idle",
  NULL
};

static const char * const valid_states[] = {
  "logged_out/idle", "available/idle", "available/ringing", "available/on_call",
  "available/on_hold", "available/wrap_up", "available/missed", "available/busy_other",
  "paused/idle", "paused/missed", "paused/on_call", "paused/wrap_up", NULL
};

static void
test_transitions (void)
{
  guint allowed = 0, refused = 0, invalid = 0;

  for (PltAgentStatus fs = PLT_AGENT_STATUS_UNKNOWN; fs <= PLT_AGENT_STATUS_PAUSED; fs++)
    for (PltAgentActivity fa = PLT_AGENT_ACTIVITY_UNKNOWN; fa <= PLT_AGENT_ACTIVITY_BUSY_OTHER; fa++)
      for (PltAgentStatus ts = PLT_AGENT_STATUS_UNKNOWN; ts <= PLT_AGENT_STATUS_PAUSED; ts++)
        for (PltAgentActivity ta = PLT_AGENT_ACTIVITY_UNKNOWN; ta <= PLT_AGENT_ACTIVITY_BUSY_OTHER; ta++)
          {
            g_autofree char *from = g_strdup_printf ("%s/%s", plt_agent_status_to_string (fs),
                                                     plt_agent_activity_to_string (fa));
            g_autofree char *to = g_strdup_printf ("%s/%s", plt_agent_status_to_string (ts),
                                                   plt_agent_activity_to_string (ta));
            g_autofree char *move = g_strdup_printf ("%s > %s", from, to);
            gboolean valid = g_strv_contains (valid_states, from) && g_strv_contains (valid_states, to);
            g_autoptr(GError) error = NULL;
            gboolean ok = plt_acd_transition_allowed (fs, fa, ts, ta, &error);

            g_assert_cmpint (plt_acd_state_valid (fs, fa), ==, g_strv_contains (valid_states, from));

            if (!valid)
              {
                g_assert_false (ok);
                g_assert_error (error, PLT_ACD_ERROR, PLT_ACD_ERROR_INVALID_STATE);
                invalid++;
              }
            else if (g_strv_contains (allowed_moves, move))
              {
                if (!ok)
                  g_error ("%s is refused: %s", move, error->message);
                g_assert_no_error (error);
                allowed++;
              }
            else
              {
                if (ok)
                  g_error ("%s is allowed", move);
                g_assert_error (error, PLT_ACD_ERROR, PLT_ACD_ERROR_TRANSITION);
                g_assert_nonnull (strstr (error->message, "cannot become"));
                refused++;
              }
          }

  g_test_message ("%u moves allowed, %u refused, %u between states that do not exist", allowed, refused, invalid);
  g_assert_cmpuint (allowed, ==, g_strv_length ((char **) allowed_moves));
  g_assert_cmpuint (allowed + refused, ==, 12 * 12);
  g_assert_cmpuint (allowed + refused + invalid, ==, 32 * 32);
}

/* /Plateau/ACD/states/lived: hours of the built-in scenarios, every move
 * checked by the ACD itself (a refused one is a critical warning, fatal
 * here), and every agent's intervals end to end. */

typedef struct
{
  GHashTable *last_end;   /* agent id → gint64* end of their last interval */
  guint       n;
} IntervalCheck;

static void
on_interval (PltAcd                 *acd,
             const PltAgentInterval *interval,
             IntervalCheck          *check)
{
  gint64 *last = g_hash_table_lookup (check->last_end, interval->agent);

  g_assert_cmpint (interval->end, >, interval->start);
  g_assert_cmpint (interval->end, ==, plt_acd_get_now (acd));
  g_assert_true (plt_acd_state_valid (interval->status, interval->activity));
  g_assert_true ((interval->status == PLT_AGENT_STATUS_PAUSED) == (interval->reason != NULL));
  if (interval->activity == PLT_AGENT_ACTIVITY_ON_CALL || interval->activity == PLT_AGENT_ACTIVITY_WRAP_UP ||
      interval->activity == PLT_AGENT_ACTIVITY_ON_HOLD || interval->activity == PLT_AGENT_ACTIVITY_RINGING)
    {
      g_assert_nonnull (interval->contact);
      g_assert_nonnull (interval->queue);
    }

  if (last != NULL)
    g_assert_cmpint (interval->start, ==, *last);
  else
    {
      last = g_new (gint64, 1);
      g_hash_table_insert (check->last_end, g_strdup (interval->agent), last);
    }
  *last = interval->end;
  check->n++;
}

static void
live_scenario (const char *name,
               gint64      duration_ms)
{
  g_autoptr(PltScenario) scenario = plt_scenario_load (name, NULL);
  g_autoptr(PltAcd) acd = plt_acd_new (scenario, 5, START);
  IntervalCheck check = { g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free), 0 };

  g_signal_connect (acd, "agent-interval", G_CALLBACK (on_interval), &check);
  plt_acd_advance (acd, duration_ms);
  g_signal_handlers_disconnect_by_data (acd, &check);

  g_test_message ("%s: %u intervals", name, check.n);
  g_assert_cmpuint (check.n, >, 1000);
  g_hash_table_unref (check.last_end);
}

static void
test_states_lived (void)
{
  live_scenario ("demo", 12 * 3600 * 1000);
  if (g_test_slow ())
    live_scenario ("large", 2 * 3600 * 1000);
  else
    live_scenario ("large", 10 * 60 * 1000);
}

/* /Plateau/ACD/routing/best-level */

static void
test_routing_best_level (void)
{
  static const char * const all[] = { "senior", "junior", "expert", "novice", NULL };
  static const char * const order[] = { "novice", "junior", "senior", "expert", NULL };
  g_autoptr(PltScenario) scenario = load_scenario (
    QUEUE ("q", ""),
    "{\"id\": \"t\", \"name\": \"T\", \"agents\": ["
    " {\"id\": \"senior\", \"name\": \"S\", \"queues\": [{\"queue\": \"q\", \"level\": 1}]},"
    " {\"id\": \"junior\", \"name\": \"J\", \"queues\": [{\"queue\": \"q\", \"level\": 2}]},"
    " {\"id\": \"expert\", \"name\": \"E\", \"queues\": [\"q\"]},"
    " {\"id\": \"novice\", \"name\": \"N\", \"queues\": [{\"queue\": \"q\", \"level\": 3}]}]}",
    NULL, NULL);
  g_autoptr(PltAcd) acd = plt_acd_new (scenario, 1, START);
  const char *expected[] = { "senior", "expert", "junior", "novice" };

  /* Idle longest: novice, junior, senior, expert. Level first, then idle time. */
  line_up (acd, all, order);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *call = add_contact (acd, "q");
      g_autofree char *got = agent_call (acd, expected[i]);

      g_assert_cmpstr (got, ==, call);
      assert_agent (acd, expected[i], PLT_AGENT_STATUS_AVAILABLE, PLT_AGENT_ACTIVITY_RINGING);
    }

  /* Nobody free: the next one waits. */
  {
    g_autofree char *call = add_contact (acd, "q");
    g_autoptr(PltCallData) data = plt_acd_dup_call (acd, call);
    g_autoptr(PltAgentData) senior = agent (acd, "senior");

    g_assert_cmpint (data->state, ==, PLT_CALL_STATE_QUEUED);
    g_assert_cmpint (data->media, ==, PLT_QUEUE_MEDIA_INBOUND);
    g_assert_cmpuint (senior->n_skills, ==, 1);
    g_assert_cmpstr (senior->skills[0].queue, ==, "q");
    g_assert_cmpuint (senior->skills[0].level, ==, 1);
  }
}

/* /Plateau/ACD/routing/priority: an agent of two queues takes the
 * higher-priority one first, the oldest contact between equals. */
static void
test_routing_priority (void)
{
  g_autoptr(PltScenario) scenario = load_scenario (
    QUEUE ("low", ", \"priority\": 2") "," QUEUE ("high", ", \"priority\": 8") "," QUEUE ("low2", ", \"priority\": 2"),
    "{\"id\": \"t\", \"name\": \"T\", \"agents\": ["
    " {\"id\": \"both\", \"name\": \"B\", \"queues\": [\"low\", \"high\", \"low2\"]}]}",
    NULL, NULL);
  g_autoptr(PltAcd) acd = plt_acd_new (scenario, 1, START);
  g_autofree char *low = NULL, *low2 = NULL, *high = NULL, *got = NULL;

  set_status (acd, "both", PLT_AGENT_STATUS_PAUSED, "break");
  low = add_contact (acd, "low");
  plt_acd_advance (acd, 1000);
  low2 = add_contact (acd, "low2");
  plt_acd_advance (acd, 1000);
  high = add_contact (acd, "high");
  plt_acd_advance (acd, 1000);

  /* The youngest, but of the highest priority. */
  set_status (acd, "both", PLT_AGENT_STATUS_AVAILABLE, NULL);
  got = agent_call (acd, "both");
  g_assert_cmpstr (got, ==, high);
  g_clear_pointer (&got, g_free);

  /* Then, of two equal priorities, the oldest: low before low2. */
  plt_acd_advance (acd, 700 * 1000);
  got = agent_call (acd, "both");
  g_assert_cmpstr (got, ==, low);
  g_clear_pointer (&got, g_free);
  plt_acd_advance (acd, 700 * 1000);
  got = agent_call (acd, "both");
  g_assert_cmpstr (got, ==, low2);

  {
    g_autoptr(PltQueueData) queue = plt_acd_dup_queue (acd, "high");

    g_assert_cmpuint (queue->priority, ==, 8);
  }
}

/* /Plateau/ACD/routing/overflow */
static void
test_routing_overflow (void)
{
  g_autoptr(PltScenario) scenario = load_scenario (
    QUEUE ("first", ", \"overflow\": {\"after_s\": 30, \"queue\": \"backup\"}") "," QUEUE ("backup", ""),
    "{\"id\": \"t\", \"name\": \"T\", \"agents\": ["
    " {\"id\": \"a\", \"name\": \"A\", \"queues\": [\"first\"]},"
    " {\"id\": \"b\", \"name\": \"B\", \"queues\": [\"backup\"]}]}",
    NULL, NULL);
  g_autoptr(PltAcd) acd = plt_acd_new (scenario, 1, START);
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_contact_record_free);
  g_autofree char *call = NULL, *got = NULL;
  g_autoptr(GPtrArray) calls = NULL;
  PltCallData *next;
  const PltContactRecord *record;

  g_signal_connect (acd, "contact-finished", G_CALLBACK (on_finished), records);
  set_status (acd, "a", PLT_AGENT_STATUS_PAUSED, "break");
  set_status (acd, "b", PLT_AGENT_STATUS_PAUSED, "break");
  call = add_contact (acd, "first");

  plt_acd_advance (acd, 29 * 1000);
  {
    g_autoptr(PltCallData) waiting = plt_acd_dup_call (acd, call);

    g_assert_nonnull (waiting);
    g_assert_cmpint (waiting->state, ==, PLT_CALL_STATE_QUEUED);
  }
  g_assert_cmpuint (records->len, ==, 0);

  plt_acd_advance (acd, 2 * 1000);
  g_assert_null (plt_acd_dup_call (acd, call));
  record = find_record (records, call);
  g_assert_nonnull (record);
  g_assert_cmpint (record->outcome, ==, PLT_CONTACT_OUTCOME_OVERFLOWED);
  g_assert_cmpint (record->ended - record->enqueued, ==, 30 * 1000);
  g_assert_cmpint (record->answered, ==, 0);

  calls = plt_acd_dup_calls (acd);
  g_assert_cmpuint (calls->len, ==, 1);
  next = g_ptr_array_index (calls, 0);
  g_assert_cmpstr (next->queue, ==, "backup");
  g_assert_cmpint (next->origin, ==, PLT_CONTACT_ORIGIN_OVERFLOW);
  g_assert_cmpstr (next->parent, ==, call);
  g_assert_cmpint (next->state, ==, PLT_CALL_STATE_QUEUED);

  /* The backup's agent takes it. */
  set_status (acd, "b", PLT_AGENT_STATUS_AVAILABLE, NULL);
  got = agent_call (acd, "b");
  g_assert_cmpstr (got, ==, next->id);

  {
    g_autoptr(PltQueueData) first = plt_acd_dup_queue (acd, "first");
    g_autoptr(PltQueueData) backup = plt_acd_dup_queue (acd, "backup");

    g_assert_cmpuint (first->today.offered, ==, 1);
    g_assert_cmpuint (first->today.overflowed, ==, 1);
    g_assert_cmpuint (backup->today.offered, ==, 1);
  }
}

/* /Plateau/ACD/callback */
static void
test_callback (void)
{
  g_autoptr(PltScenario) scenario = load_scenario (
    QUEUE ("calls", ", \"callback\": {\"after_s\": 20, \"probability\": 1, \"queue\": \"back\"}") ","
    "{\"id\": \"back\", \"name\": \"Rappels\", \"media\": \"callback\", \"calls_per_hour\": 0,"
    " \"sl_threshold_s\": 900, \"sl_target\": 0.8, \"talk_s\": {\"mean\": 300, \"distribution\": \"fixed\"},"
    " \"answer_probability\": 1}",
    "{\"id\": \"t\", \"name\": \"T\", \"agents\": ["
    " {\"id\": \"a\", \"name\": \"A\", \"queues\": [\"calls\"]},"
    " {\"id\": \"cb\", \"name\": \"CB\", \"queues\": [\"back\"]}]}",
    NULL, NULL);
  g_autoptr(PltAcd) acd = plt_acd_new (scenario, 1, START);
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_contact_record_free);
  g_autofree char *call = NULL, *leg = NULL;
  g_autoptr(GPtrArray) calls = NULL;
  PltCallData *callback;
  const PltContactRecord *record;

  g_signal_connect (acd, "contact-finished", G_CALLBACK (on_finished), records);
  set_status (acd, "a", PLT_AGENT_STATUS_PAUSED, "break");
  set_status (acd, "cb", PLT_AGENT_STATUS_PAUSED, "break");
  call = add_contact (acd, "calls");
  plt_acd_advance (acd, 21 * 1000);

  /* The caller left the line and asked to be called back. */
  record = find_record (records, call);
  g_assert_nonnull (record);
  g_assert_cmpint (record->outcome, ==, PLT_CONTACT_OUTCOME_CALLBACK);
  calls = plt_acd_dup_calls (acd);
  g_assert_cmpuint (calls->len, ==, 1);
  callback = g_ptr_array_index (calls, 0);
  g_assert_cmpstr (callback->queue, ==, "back");
  g_assert_cmpint (callback->media, ==, PLT_QUEUE_MEDIA_CALLBACK);
  g_assert_cmpint (callback->origin, ==, PLT_CONTACT_ORIGIN_CALLBACK);
  g_assert_cmpstr (callback->parent, ==, call);
  g_assert_cmpstr (callback->number, !=, NULL);

  /* An agent calls back: ringing while the customer picks up, then talk. */
  set_status (acd, "cb", PLT_AGENT_STATUS_AVAILABLE, NULL);
  leg = agent_call (acd, "cb");
  g_assert_cmpstr (leg, ==, callback->id);
  assert_agent (acd, "cb", PLT_AGENT_STATUS_AVAILABLE, PLT_AGENT_ACTIVITY_RINGING);
  plt_acd_advance (acd, 21 * 1000);
  assert_agent (acd, "cb", PLT_AGENT_STATUS_AVAILABLE, PLT_AGENT_ACTIVITY_ON_CALL);
  plt_acd_advance (acd, 400 * 1000);

  record = find_record (records, callback->id);
  g_assert_nonnull (record);
  g_assert_cmpint (record->outcome, ==, PLT_CONTACT_OUTCOME_ANSWERED);
  g_assert_cmpint (record->media, ==, PLT_QUEUE_MEDIA_CALLBACK);
  g_assert_cmpstr (record->agent, ==, "cb");

  {
    g_autoptr(PltQueueData) queue = plt_acd_dup_queue (acd, "calls");

    g_assert_cmpuint (queue->today.callbacks, ==, 1);
  }
}

/* /Plateau/ACD/email: no ringing; taken by agents available on the e-mail
 * queue and by agents on a pause that handles e-mails (back office). */
static void
test_email (void)
{
  g_autoptr(PltScenario) scenario = load_scenario (
    "{\"id\": \"mail\", \"name\": \"Courriels\", \"media\": \"email\", \"calls_per_hour\": 0,"
    " \"sl_threshold_s\": 3600, \"sl_target\": 0.9, \"talk_s\": {\"mean\": 300, \"distribution\": \"fixed\"},"
    " \"wrap_up_s\": 0}",
    "{\"id\": \"t\", \"name\": \"T\", \"agents\": ["
    " {\"id\": \"office\", \"name\": \"O\", \"queues\": [\"mail\"]},"
    " {\"id\": \"resting\", \"name\": \"R\", \"queues\": [\"mail\"]}]}",
    NULL, NULL);
  g_autoptr(PltAcd) acd = plt_acd_new (scenario, 1, START);
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_contact_record_free);
  g_autofree char *first = NULL, *second = NULL, *got = NULL;
  const PltContactRecord *record;

  g_signal_connect (acd, "contact-finished", G_CALLBACK (on_finished), records);
  set_status (acd, "resting", PLT_AGENT_STATUS_PAUSED, "break");
  set_status (acd, "office", PLT_AGENT_STATUS_PAUSED, "back_office");

  /* Back office: opened at once, the agent stays paused. */
  first = add_contact (acd, "mail");
  got = agent_call (acd, "office");
  g_assert_cmpstr (got, ==, first);
  assert_agent (acd, "office", PLT_AGENT_STATUS_PAUSED, PLT_AGENT_ACTIVITY_ON_CALL);
  g_clear_pointer (&got, g_free);

  /* A pause that does not handle e-mails: it waits. */
  second = add_contact (acd, "mail");
  got = agent_call (acd, "resting");
  g_assert_null (got);

  /* The back-office agent takes it when done with the first. */
  plt_acd_advance (acd, 301 * 1000);
  got = agent_call (acd, "office");
  g_assert_cmpstr (got, ==, second);
  assert_agent (acd, "office", PLT_AGENT_STATUS_PAUSED, PLT_AGENT_ACTIVITY_ON_CALL);
  g_clear_pointer (&got, g_free);

  record = find_record (records, first);
  g_assert_nonnull (record);
  g_assert_cmpint (record->media, ==, PLT_QUEUE_MEDIA_EMAIL);
  g_assert_cmpint (record->offered, ==, record->enqueued);
  g_assert_cmpint (record->answered, ==, record->offered);
  g_assert_cmpint (record->outcome, ==, PLT_CONTACT_OUTCOME_ANSWERED);

  /* An available member takes e-mails too. */
  set_status (acd, "resting", PLT_AGENT_STATUS_AVAILABLE, NULL);
  {
    g_autofree char *third = add_contact (acd, "mail");

    got = agent_call (acd, "resting");
    g_assert_cmpstr (got, ==, third);
    assert_agent (acd, "resting", PLT_AGENT_STATUS_AVAILABLE, PLT_AGENT_ACTIVITY_ON_CALL);
  }
}

/* /Plateau/ACD/transfer */
static void
test_transfer (void)
{
  g_autoptr(PltScenario) scenario = load_scenario (
    QUEUE ("front", ", \"transfer\": {\"probability\": 1, \"to\": [\"expert\"]}") "," QUEUE ("expert", ""),
    "{\"id\": \"t\", \"name\": \"T\", \"agents\": ["
    " {\"id\": \"a\", \"name\": \"A\", \"queues\": [\"front\"]},"
    " {\"id\": \"x\", \"name\": \"X\", \"queues\": [\"expert\"]}]}",
    NULL, NULL);
  g_autoptr(PltAcd) acd = plt_acd_new (scenario, 1, START);
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_contact_record_free);
  g_autofree char *call = NULL, *got = NULL;
  g_autoptr(PltCallData) transferred = NULL;
  const PltContactRecord *record;

  g_signal_connect (acd, "contact-finished", G_CALLBACK (on_finished), records);
  set_status (acd, "x", PLT_AGENT_STATUS_PAUSED, "break");
  call = add_contact (acd, "front");
  plt_acd_advance (acd, 2 * 1000 + 600 * 1000);

  /* The talk ended: the caller waits in the expert queue. */
  {
    g_autoptr(GPtrArray) calls = plt_acd_dup_calls (acd);

    g_assert_cmpuint (calls->len, ==, 1);
    transferred = plt_call_data_copy (g_ptr_array_index (calls, 0));
  }
  g_assert_cmpstr (transferred->queue, ==, "expert");
  g_assert_cmpint (transferred->origin, ==, PLT_CONTACT_ORIGIN_TRANSFER);
  g_assert_cmpstr (transferred->parent, ==, call);
  g_assert_cmpint (transferred->state, ==, PLT_CALL_STATE_QUEUED);

  record = find_record (records, call);
  g_assert_nonnull (record);
  g_assert_cmpint (record->outcome, ==, PLT_CONTACT_OUTCOME_TRANSFERRED);
  g_assert_cmpstr (record->agent, ==, "a");
  g_assert_cmpint (record->answered - record->enqueued, ==, 2000);

  set_status (acd, "x", PLT_AGENT_STATUS_AVAILABLE, NULL);
  got = agent_call (acd, "x");
  g_assert_cmpstr (got, ==, transferred->id);

  {
    g_autoptr(PltQueueData) front = plt_acd_dup_queue (acd, "front");

    g_assert_cmpuint (front->today.answered, ==, 1);
    g_assert_cmpuint (front->today.transferred, ==, 1);
  }
}

/* /Plateau/ACD/rona */
static void
run_rona (gboolean autopause)
{
  g_autoptr(PltScenario) scenario = load_scenario (
    QUEUE ("q", ""),
    "{\"id\": \"t\", \"name\": \"T\", \"agents\": ["
    " {\"id\": \"a\", \"name\": \"A\", \"queues\": [\"q\"]},"
    " {\"id\": \"b\", \"name\": \"B\", \"queues\": [\"q\"]}]}",
    autopause ? ", \"no_answer_probability\": 1, \"ring_timeout_s\": 15, \"missed_pause_s\": 60"
              : ", \"no_answer_probability\": 1, \"ring_timeout_s\": 15, \"rona_autopause\": false, \"rona_delay_s\": 5",
    NULL);
  g_autoptr(PltAcd) acd = plt_acd_new (scenario, 1, START);
  static const char * const all[] = { "a", "b", NULL };
  static const char * const only_a[] = { "a", NULL };
  g_autofree char *call = NULL;
  g_autoptr(PltAgentData) missed = NULL;

  line_up (acd, all, only_a);
  call = add_contact (acd, "q");
  plt_acd_advance (acd, 15 * 1000);

  missed = agent (acd, "a");
  g_assert_cmpint (missed->activity, ==, PLT_AGENT_ACTIVITY_MISSED);
  g_assert_null (missed->call);
  if (autopause)
    {
      g_assert_cmpint (missed->status, ==, PLT_AGENT_STATUS_PAUSED);
      g_assert_cmpstr (missed->reason, ==, "no_answer");
    }
  else
    {
      g_assert_cmpint (missed->status, ==, PLT_AGENT_STATUS_AVAILABLE);
      g_assert_null (missed->reason);
    }

  /* The call went back in line, its place kept. */
  {
    g_autoptr(PltCallData) data = plt_acd_dup_call (acd, call);

    g_assert_cmpint (data->state, ==, PLT_CALL_STATE_QUEUED);
  }

  /* Without auto-pause the agent is back after rona_delay_s, and gets it
   * again; with it, they stay out ten seconds at least. */
  plt_acd_advance (acd, 6 * 1000);
  if (autopause)
    assert_agent (acd, "a", PLT_AGENT_STATUS_PAUSED, PLT_AGENT_ACTIVITY_MISSED);
  else
    {
      g_autofree char *got = agent_call (acd, "a");

      g_assert_cmpstr (got, ==, call);
    }
}

static void
test_rona (void)
{
  run_rona (TRUE);
  run_rona (FALSE);
}

/* /Plateau/ACD/schedule */

static gint64
local_time_of_day (PltScenario *scenario,
                   gint64       day_start,
                   guint        hours,
                   guint        minutes)
{
  return day_start + (gint64) (hours * 60 + minutes) * 60 * 1000;
}

typedef struct
{
  GHashTable *login;    /* agent → gint64* when first not logged out */
  GHashTable *breaks;   /* agent → gint64* when first paused for "break" */
  GHashTable *logout;   /* agent → gint64* when logged out again */
} ScheduleLog;

static void
note (GHashTable *table,
      const char *agent_id,
      gint64      time)
{
  if (!g_hash_table_contains (table, agent_id))
    {
      gint64 *value = g_new (gint64, 1);

      *value = time;
      g_hash_table_insert (table, g_strdup (agent_id), value);
    }
}

/* Today's intervals, in order: closed ones by end, then the current ones. */
static gboolean
log_interval (const PltAgentInterval *interval,
              gpointer                user_data)
{
  ScheduleLog *log = user_data;

  if (interval->status != PLT_AGENT_STATUS_LOGGED_OUT)
    note (log->login, interval->agent, interval->start);
  else if (g_hash_table_contains (log->login, interval->agent))
    note (log->logout, interval->agent, interval->start);
  if (interval->status == PLT_AGENT_STATUS_PAUSED && g_strcmp0 (interval->reason, "break") == 0)
    note (log->breaks, interval->agent, interval->start);

  return TRUE;
}

static void
test_schedule (void)
{
  g_autoptr(PltScenario) scenario = load_scenario (
    "{\"id\": \"q\", \"name\": \"Q\", \"media\": \"inbound\", \"calls_per_hour\": 20,"
    " \"sl_threshold_s\": 20, \"sl_target\": 0.8, \"talk_s\": {\"mean\": 180}, \"patience_s\": 0}",
    "{\"id\": \"t\", \"name\": \"T\", \"schedule\": \"day\", \"generate\": [{\"count\": 40, \"queues\": [\"q\"]}]}",
    ", \"lateness_s\": {\"mean\": 180, \"sd\": 120}, \"break_overrun_s\": 60",
    "\"day\": {\"start\": \"09:00\", \"end\": \"17:00\", \"breaks\": [{\"at\": \"10:30\", \"minutes\": 15, \"reason\": \"break\"}]}");
  gint64 day = plt_acd_day_start_for (scenario, START);
  g_autoptr(PltAcd) acd = plt_acd_new (scenario, 7, local_time_of_day (scenario, day, 8, 0));
  ScheduleLog log = {
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free),
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free),
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free),
  };
  gint64 nine = local_time_of_day (scenario, day, 9, 0);
  gint64 sum = 0, latest = 0;
  GHashTableIter iter;
  gpointer value;
  guint late = 0;

  /* Before the shift: logged out. */
  {
    g_autoptr(GPtrArray) agents = plt_acd_dup_agents (acd);

    for (guint i = 0; i < agents->len; i++)
      g_assert_cmpint (((PltAgentData *) g_ptr_array_index (agents, i))->status, ==, PLT_AGENT_STATUS_LOGGED_OUT);
  }

  plt_acd_advance_to (acd, local_time_of_day (scenario, day, 18, 0));
  plt_acd_foreach_agent_interval (acd, log_interval, &log);

  /* Everyone logged in, a few minutes late on average, none before 9:00. */
  g_assert_cmpuint (g_hash_table_size (log.login), ==, 40);
  g_hash_table_iter_init (&iter, log.login);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      gint64 login = *(gint64 *) value;

      g_assert_cmpint (login, >=, nine);
      sum += login - nine;
      latest = MAX (latest, login - nine);
      late += login > nine;
    }
  g_test_message ("lateness: mean %.0f s, latest %.0f s", sum / 40.0 / 1000, latest / 1000.0);
  g_assert_cmpuint (late, >=, 38);
  g_assert_cmpfloat (sum / 40.0 / 1000, >, 90);
  g_assert_cmpfloat (sum / 40.0 / 1000, <, 300);
  g_assert_cmpint (latest, <, 20 * 60 * 1000);

  /* Each took the break, at 10:30 or after the contact in progress. */
  g_assert_cmpuint (g_hash_table_size (log.breaks), ==, 40);
  g_hash_table_iter_init (&iter, log.breaks);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      gint64 start = *(gint64 *) value;

      g_assert_cmpint (start, >=, local_time_of_day (scenario, day, 10, 30));
      g_assert_cmpint (start, <, local_time_of_day (scenario, day, 10, 45));
    }

  /* And logged out at 17:00, or when their last contact ended. */
  g_assert_cmpuint (g_hash_table_size (log.logout), ==, 40);
  g_hash_table_iter_init (&iter, log.logout);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      gint64 out = *(gint64 *) value;

      g_assert_cmpint (out, >=, local_time_of_day (scenario, day, 17, 0));
      g_assert_cmpint (out, <, local_time_of_day (scenario, day, 17, 30));
    }

  g_hash_table_unref (log.login);
  g_hash_table_unref (log.breaks);
  g_hash_table_unref (log.logout);
}

/* /Plateau/ACD/shift-plan: a published plan replaces the schedule. */
static void
test_shift_plan (void)
{
  g_autoptr(PltScenario) scenario = load_scenario (
    QUEUE ("q", ""),
    "{\"id\": \"t\", \"name\": \"T\", \"schedule\": \"day\", \"agents\": ["
    " {\"id\": \"a\", \"name\": \"A\", \"queues\": [\"q\"]}, {\"id\": \"b\", \"name\": \"B\", \"queues\": [\"q\"]}]}",
    ", \"lateness_s\": {\"mean\": 60, \"sd\": 30}",
    "\"day\": {\"start\": \"09:00\", \"end\": \"17:00\"}");
  gint64 day = plt_acd_day_start_for (scenario, START);
  g_autoptr(PltAcd) acd = plt_acd_new (scenario, 3, day + 12 * 3600 * 1000);
  g_autoptr(GError) error = NULL;
  gint64 now = plt_acd_get_now (acd);
  PltShiftSegment segments[] = {
    { now + 3600 * 1000, now + 2 * 3600 * 1000, NULL },
    { now + 2 * 3600 * 1000, now + 2 * 3600 * 1000 + 30 * 60 * 1000, "lunch" },
    { now + 2 * 3600 * 1000 + 30 * 60 * 1000, now + 4 * 3600 * 1000, NULL },
  };
  PltShiftPlan plan = { segments, G_N_ELEMENTS (segments) };
  PltShiftSegment bad[] = { { now + 1000, now, NULL } };
  PltShiftPlan bad_plan = { bad, 1 };
  PltShiftSegment unknown[] = { { now, now + 1000, "siesta" } };
  PltShiftPlan unknown_plan = { unknown, 1 };

  /* At noon, by the schedule, both work. */
  assert_agent (acd, "a", PLT_AGENT_STATUS_AVAILABLE, PLT_AGENT_ACTIVITY_IDLE);

  /* a's plan: off for an hour, then work, lunch, work. */
  g_assert_true (plt_acd_set_shift_plan (acd, "a", &plan, &error));
  g_assert_no_error (error);
  assert_agent (acd, "a", PLT_AGENT_STATUS_LOGGED_OUT, PLT_AGENT_ACTIVITY_IDLE);
  assert_agent (acd, "b", PLT_AGENT_STATUS_AVAILABLE, PLT_AGENT_ACTIVITY_IDLE);

  plt_acd_advance_to (acd, now + 3600 * 1000 + 20 * 60 * 1000);
  assert_agent (acd, "a", PLT_AGENT_STATUS_AVAILABLE, PLT_AGENT_ACTIVITY_IDLE);
  plt_acd_advance_to (acd, now + 2 * 3600 * 1000 + 60 * 1000);
  {
    g_autoptr(PltAgentData) data = agent (acd, "a");

    g_assert_cmpint (data->status, ==, PLT_AGENT_STATUS_PAUSED);
    g_assert_cmpstr (data->reason, ==, "lunch");
  }
  plt_acd_advance_to (acd, now + 4 * 3600 * 1000 + 20 * 60 * 1000);
  assert_agent (acd, "a", PLT_AGENT_STATUS_LOGGED_OUT, PLT_AGENT_ACTIVITY_IDLE);
  /* b follows the schedule: at work until 17:00. */
  assert_agent (acd, "b", PLT_AGENT_STATUS_AVAILABLE, PLT_AGENT_ACTIVITY_IDLE);
  plt_acd_advance_to (acd, day + 17 * 3600 * 1000 + 60 * 1000);
  assert_agent (acd, "b", PLT_AGENT_STATUS_LOGGED_OUT, PLT_AGENT_ACTIVITY_IDLE);

  g_assert_false (plt_acd_set_shift_plan (acd, "a", &bad_plan, &error));
  g_assert_error (error, PLT_ACD_ERROR, PLT_ACD_ERROR_INVALID_PLAN);
  g_clear_error (&error);
  g_assert_false (plt_acd_set_shift_plan (acd, "a", &unknown_plan, &error));
  g_assert_error (error, PLT_ACD_ERROR, PLT_ACD_ERROR_INVALID_PLAN);
  g_clear_error (&error);
  g_assert_false (plt_acd_set_shift_plan (acd, "nobody", &plan, &error));
  g_assert_error (error, PLT_ACD_ERROR, PLT_ACD_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Back to the schedule. */
  g_assert_true (plt_acd_set_shift_plan (acd, "a", NULL, &error));
  g_assert_no_error (error);
}

/* /Plateau/ACD/records: the records tell the same story as the counters. */

typedef struct
{
  PltAcd     *acd;
  GHashTable *counts;   /* queue id → PltQueueToday* */
  guint       n;
} Recount;

static PltQueueToday *
recount_queue (Recount    *recount,
               const char *queue)
{
  PltQueueToday *today = g_hash_table_lookup (recount->counts, queue);

  if (today == NULL)
    {
      today = g_new0 (PltQueueToday, 1);
      g_hash_table_insert (recount->counts, g_strdup (queue), today);
    }

  return today;
}

/* The rule of docs/router.md: an entry counts as offered on a day it
 * waited; an answer counts on the day it happened. */
static void
recount_entry (Recount                *recount,
               const PltContactRecord *record)
{
  PltQueueToday *today = recount_queue (recount, record->queue);
  gint64 day = plt_acd_get_day_start (recount->acd);

  if (record->enqueued >= day || record->answered == 0 || record->answered >= day)
    today->offered++;
  if (record->answered >= day)
    {
      g_autoptr(PltQueueData) queue = plt_acd_dup_queue (recount->acd, record->queue);
      gint64 wait = record->media == PLT_QUEUE_MEDIA_OUTBOUND ? 0 : record->answered - record->enqueued;

      today->answered++;
      today->answered_in_sl += wait <= (gint64) queue->sl_threshold_s * 1000;
    }
  today->abandoned += record->outcome == PLT_CONTACT_OUTCOME_ABANDONED;
  today->overflowed += record->outcome == PLT_CONTACT_OUTCOME_OVERFLOWED;
  today->callbacks += record->outcome == PLT_CONTACT_OUTCOME_CALLBACK;
}

static gboolean
recount_finished (const PltContactRecord *record,
                  gpointer                user_data)
{
  Recount *recount = user_data;

  g_assert_cmpint (record->outcome, !=, PLT_CONTACT_OUTCOME_NONE);
  /* Finished today: at the end of the wrap-up, or of the contact. */
  g_assert_cmpint (MAX (record->ended, record->wrap_end), >=, plt_acd_get_day_start (recount->acd));
  g_assert_cmpint (record->ended, >=, record->enqueued);
  if (record->offered != 0)
    g_assert_cmpint (record->offered, >=, record->enqueued);
  if (record->answered != 0)
    {
      g_assert_cmpint (record->answered, >=, record->offered);
      g_assert_cmpint (record->ended - record->answered, >=, record->hold_total_ms);
      g_assert_cmpint (record->wrap_end, >=, record->ended);
      g_assert_nonnull (record->agent);
      g_assert_true (record->outcome == PLT_CONTACT_OUTCOME_ANSWERED ||
                     record->outcome == PLT_CONTACT_OUTCOME_TRANSFERRED);
    }
  else
    g_assert_cmpint (record->wrap_end, ==, 0);
  g_assert_true ((record->origin == PLT_CONTACT_ORIGIN_NEW) == (record->parent == NULL));

  recount_entry (recount, record);
  recount->n++;

  return TRUE;
}

static gboolean
recount_open (const PltContactRecord *record,
              gpointer                user_data)
{
  Recount *recount = user_data;

  g_assert_true (record->outcome == PLT_CONTACT_OUTCOME_NONE || record->outcome == PLT_CONTACT_OUTCOME_TRANSFERRED);
  recount_entry (recount, record);

  return TRUE;
}

static void
check_records (PltAcd *acd)
{
  Recount recount = { acd, g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free), 0 };
  g_autoptr(GPtrArray) queues = plt_acd_dup_queues (acd);

  plt_acd_foreach_contact (acd, recount_finished, &recount);
  plt_acd_foreach_open_contact (acd, recount_open, &recount);

  for (guint i = 0; i < queues->len; i++)
    {
      PltQueueData *queue = g_ptr_array_index (queues, i);
      PltQueueToday *today = recount_queue (&recount, queue->id);

      g_assert_cmpuint (today->offered, ==, queue->today.offered);
      g_assert_cmpuint (today->answered, ==, queue->today.answered);
      g_assert_cmpuint (today->answered_in_sl, ==, queue->today.answered_in_sl);
      g_assert_cmpuint (today->abandoned, ==, queue->today.abandoned);
      g_assert_cmpuint (today->overflowed, ==, queue->today.overflowed);
      g_assert_cmpuint (today->callbacks, ==, queue->today.callbacks);
      g_assert_cmpuint (queue->today.transferred, <=, queue->today.answered);
    }

  g_test_message ("%u finished contacts", recount.n);
  g_hash_table_unref (recount.counts);
}

static gboolean
count_interval (const PltAgentInterval *interval,
                gpointer                user_data)
{
  guint *open = user_data;

  if (interval->end == 0)
    (*open)++;
  return TRUE;
}

static void
test_records (void)
{
  g_autoptr(PltScenario) scenario = plt_scenario_new_demo ();
  /* From 00:05: the warm-up begins before midnight. */
  gint64 day = plt_acd_day_start_for (scenario, START);
  g_autoptr(PltAcd) acd = plt_acd_new (scenario, 21, day + 5 * 60 * 1000);
  guint open = 0;

  /* Records are of today only: the warm-up's are gone at midnight. */
  g_assert_cmpint (plt_acd_get_day_start (acd), ==, day);

  for (guint h = 0; h < 6; h++)
    {
      plt_acd_advance (acd, 3600 * 1000);
      check_records (acd);
    }

  plt_acd_foreach_agent_interval (acd, count_interval, &open);
  g_assert_cmpuint (open, ==, plt_acd_get_n_agents (acd));
  g_assert_cmpuint (plt_acd_get_last_contact_number (acd), >, 100);
}

/* /Plateau/ACD/day-reset */

static gboolean
every_record (const PltContactRecord *record,
              gpointer                user_data)
{
  return TRUE;
}

static void
on_day_started (PltAcd *acd,
                gint64  day_start,
                gint64 *seen)
{
  *seen = day_start;
}

static void
test_day_reset (void)
{
  g_autoptr(PltScenario) scenario = plt_scenario_new_demo ();
  gint64 day = plt_acd_day_start_for (scenario, START);
  gint64 next = day + 24 * 3600 * 1000;   /* TZ=UTC in the tests */
  g_autoptr(PltAcd) acd = plt_acd_new (scenario, 4, next - 3600 * 1000);
  gint64 seen = 0;
  guint before;

  g_signal_connect (acd, "day-started", G_CALLBACK (on_day_started), &seen);
  plt_acd_advance_to (acd, next - 1);
  check_records (acd);
  before = plt_acd_foreach_contact (acd, every_record, NULL);
  g_assert_cmpuint (before, >, 10);
  g_assert_cmpint (seen, ==, 0);

  plt_acd_advance_to (acd, next + 60 * 1000);
  g_assert_cmpint (seen, ==, next);
  g_assert_cmpint (plt_acd_get_day_start (acd), ==, next);
  check_records (acd);

  {
    g_autoptr(GPtrArray) queues = plt_acd_dup_queues (acd);
    guint offered = 0;

    for (guint i = 0; i < queues->len; i++)
      offered += ((PltQueueData *) g_ptr_array_index (queues, i))->today.offered;
    /* A minute of the new day, and what was waiting at midnight. */
    g_assert_cmpuint (offered, <, before);
  }

  plt_acd_advance (acd, 3600 * 1000);
  check_records (acd);
}

/* /Plateau/ACD/profile: arrivals follow the 15-minute intraday profile. */
static void
test_profile (void)
{
  g_autoptr(PltScenario) scenario = load_scenario (
    "{\"id\": \"q\", \"name\": \"Q\", \"media\": \"inbound\", \"calls_per_day\": 2000,"
    " \"profile\": {\"start\": \"08:00\", \"weights\": [1, 1, 1, 1, 3, 3, 3, 3]},"
    " \"sl_threshold_s\": 20, \"sl_target\": 0.8, \"talk_s\": {\"mean\": 60}, \"patience_s\": 30}",
    "{\"id\": \"t\", \"name\": \"T\", \"generate\": [{\"count\": 2, \"queues\": [\"q\"]}]}",
    NULL, NULL);
  PltScenarioQueue *queue = g_ptr_array_index (scenario->queues, 0);
  gint64 day = plt_acd_day_start_for (scenario, START);
  g_autoptr(PltAcd) acd = plt_acd_new (scenario, 9, day + 7 * 3600 * 1000);
  g_autoptr(PltQueueData) before = NULL, first = NULL, second = NULL, after = NULL;
  guint n1, n2;

  /* 2 000 a day: 125 in each of the first four quarters (500 an hour),
   * 375 in the others (1 500 an hour). */
  g_assert_cmpfloat_with_epsilon (queue->rates[32], 500, 1e-9);
  g_assert_cmpfloat_with_epsilon (queue->rates[36], 1500, 1e-9);
  g_assert_cmpfloat (queue->rates[31], ==, 0);
  g_assert_cmpfloat (queue->rates[40], ==, 0);

  plt_acd_advance_to (acd, day + 8 * 3600 * 1000);
  before = plt_acd_dup_queue (acd, "q");
  plt_acd_advance_to (acd, day + 9 * 3600 * 1000);
  first = plt_acd_dup_queue (acd, "q");
  plt_acd_advance_to (acd, day + 10 * 3600 * 1000);
  second = plt_acd_dup_queue (acd, "q");
  plt_acd_advance_to (acd, day + 12 * 3600 * 1000);
  after = plt_acd_dup_queue (acd, "q");

  n1 = first->today.offered - before->today.offered;
  n2 = second->today.offered - first->today.offered;
  g_test_message ("08-09: %u, 09-10: %u", n1, n2);
  g_assert_cmpuint (before->today.offered, ==, 0);
  /* Poisson: 500 ± 4 sd, 1 500 ± 4 sd. */
  g_assert_cmpuint (n1, >, 500 - 4 * 23);
  g_assert_cmpuint (n1, <, 500 + 4 * 23);
  g_assert_cmpuint (n2, >, 1500 - 4 * 39);
  g_assert_cmpuint (n2, <, 1500 + 4 * 39);
  g_assert_cmpuint (after->today.offered, ==, second->today.offered);
}

/* /Plateau/ACD/reproducible: with schedules and profiles too. */

static void
on_changed_log (PltAcd     *acd,
                guint       kind,
                const char *id,
                GString    *log)
{
  g_string_append_printf (log, "%" G_GINT64_FORMAT " %u %s\n", plt_acd_get_now (acd), kind, id);
}

static char *
scheduled_run (guint64  seed,
               gboolean jittery)
{
  g_autoptr(PltScenario) scenario = plt_scenario_new_large ();
  gint64 day = plt_acd_day_start_for (scenario, START);
  g_autoptr(PltAcd) acd = plt_acd_new (scenario, seed, day + 5 * 3600 * 1000 + 50 * 60 * 1000);
  GString *log = g_string_new (NULL);
  gint64 end = plt_acd_get_now (acd) + 20 * 60 * 1000;
  GRand *steps = g_rand_new_with_seed (seed);

  g_signal_connect (acd, "changed", G_CALLBACK (on_changed_log), log);
  while (plt_acd_get_now (acd) < end)
    plt_acd_advance_to (acd, jittery ? MIN (end, plt_acd_get_now (acd) + g_rand_int_range (steps, 0, 5000)) : end);
  g_rand_free (steps);

  return g_string_free (log, FALSE);
}

static void
test_reproducible (void)
{
  g_autofree char *a = scheduled_run (3, FALSE);
  g_autofree char *b = scheduled_run (3, TRUE);

  /* 05:50 to 06:10: the morning shift logs in, late. */
  g_assert_cmpuint (strlen (a), >, 10000);
  g_assert_true (g_str_equal (a, b));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Plateau/ACD/states/transitions", test_transitions);
  g_test_add_func ("/Plateau/ACD/states/lived", test_states_lived);
  g_test_add_func ("/Plateau/ACD/routing/best-level", test_routing_best_level);
  g_test_add_func ("/Plateau/ACD/routing/priority", test_routing_priority);
  g_test_add_func ("/Plateau/ACD/routing/overflow", test_routing_overflow);
  g_test_add_func ("/Plateau/ACD/callback", test_callback);
  g_test_add_func ("/Plateau/ACD/email", test_email);
  g_test_add_func ("/Plateau/ACD/transfer", test_transfer);
  g_test_add_func ("/Plateau/ACD/rona", test_rona);
  g_test_add_func ("/Plateau/ACD/schedule", test_schedule);
  g_test_add_func ("/Plateau/ACD/shift-plan", test_shift_plan);
  g_test_add_func ("/Plateau/ACD/records", test_records);
  g_test_add_func ("/Plateau/ACD/day-reset", test_day_reset);
  g_test_add_func ("/Plateau/ACD/profile", test_profile);
  g_test_add_func ("/Plateau/ACD/reproducible", test_reproducible);

  return g_test_run ();
}
