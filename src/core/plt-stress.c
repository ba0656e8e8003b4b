/* plt-stress.c — the floor's stress signals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "plt-stress.h"

#define MINUTE_MS ((gint64) 60 * 1000)

void
plt_stress_settings_init (PltStressSettings *settings)
{
  g_return_if_fail (settings != NULL);

  settings->calls_since_break = 20;
  settings->work_since_break_ms = 120 * MINUTE_MS;
  settings->break_min_ms = 5 * MINUTE_MS;
  settings->long_call_ms = 10 * MINUTE_MS;
  settings->long_call_streak = 3;
  settings->occupancy = 0.9;
  settings->occupancy_window_ms = 60 * MINUTE_MS;
  settings->pause_grace = 1.0;
  settings->rona_streak = 2;
}

gint64
plt_stress_usual_pause (const char *reason)
{
  static const struct {
    const char *reason;
    gint64      minutes;
  } usual[] = {
    { "break", 15 },
    { "lunch", 60 },
    { "training", 120 },
    { "meeting", 60 },
    { "back_office", 30 },
  };

  for (guint i = 0; reason != NULL && i < G_N_ELEMENTS (usual); i++)
    if (g_str_equal (reason, usual[i].reason))
      return usual[i].minutes * MINUTE_MS;

  return 15 * MINUTE_MS;
}

PltStressSignal *
plt_stress_signal_copy (const PltStressSignal *signal)
{
  PltStressSignal *copy;

  g_return_val_if_fail (signal != NULL, NULL);

  copy = g_memdup2 (signal, sizeof *signal);
  copy->agent = g_strdup (signal->agent);
  copy->reason = g_strdup (signal->reason);

  return copy;
}

void
plt_stress_signal_free (PltStressSignal *signal)
{
  if (signal == NULL)
    return;

  g_free (signal->agent);
  g_free (signal->reason);
  g_free (signal);
}

/* Evaluation ------------------------------------------------------------- */

static gint64
end_of (const PltAgentInterval *interval,
        gint64                  now)
{
  return interval->end != 0 ? MIN (interval->end, now) : now;
}

static gboolean
is_pause (const PltAgentInterval *interval)
{
  return interval->status == PLT_AGENT_STATUS_PAUSED && interval->activity == PLT_AGENT_ACTIVITY_IDLE;
}

static gboolean
is_talk (const PltAgentInterval *interval)
{
  return interval->contact != NULL &&
         (interval->activity == PLT_AGENT_ACTIVITY_ON_CALL || interval->activity == PLT_AGENT_ACTIVITY_ON_HOLD);
}

static gboolean
on_contact (const PltAgentInterval *interval)
{
  switch (interval->activity)
    {
    case PLT_AGENT_ACTIVITY_RINGING:
    case PLT_AGENT_ACTIVITY_ON_CALL:
    case PLT_AGENT_ACTIVITY_ON_HOLD:
    case PLT_AGENT_ACTIVITY_WRAP_UP:
      return interval->contact != NULL;
    default:
      return FALSE;
    }
}

static PltStressSignal *
signal_new (PltStressKind  kind,
            const char    *agent,
            gint64         since)
{
  PltStressSignal *signal = g_new0 (PltStressSignal, 1);

  signal->kind = kind;
  signal->agent = g_strdup (agent);
  signal->since = since;

  return signal;
}

/* Calls since the last break (a pause of at least break_min_ms), and time
 * logged in since then. */
static PltStressSignal *
check_no_break (const PltStressSettings *settings,
                GPtrArray               *intervals,
                gint64                   now)
{
  const PltAgentInterval *last = g_ptr_array_index (intervals, intervals->len - 1);
  g_autoptr(GHashTable) calls = g_hash_table_new (g_str_hash, g_str_equal);
  gint64 pause_end = 0;
  gint64 since = 0;
  gint64 work = 0;
  guint first = 0;
  PltStressSignal *signal;

  /* Walk back to the end of the last break. */
  for (guint i = intervals->len; i > 0; i--)
    {
      const PltAgentInterval *interval = g_ptr_array_index (intervals, i - 1);
      gint64 start;
      guint j = i - 1;

      if (!is_pause (interval))
        continue;

      /* The whole pause: contiguous pause intervals together. */
      start = interval->start;
      while (j > 0 && is_pause (g_ptr_array_index (intervals, j - 1)) &&
             end_of (g_ptr_array_index (intervals, j - 1), now) == start)
        start = ((const PltAgentInterval *) g_ptr_array_index (intervals, --j))->start;

      if (end_of (interval, now) - start >= settings->break_min_ms)
        {
          pause_end = end_of (interval, now);
          first = i;
          break;
        }
      i = j + 1;
    }

  /* On a break now: nothing to say. */
  if (is_pause (last) && last->end == 0 && first == intervals->len)
    return NULL;

  for (guint i = first; i < intervals->len; i++)
    {
      const PltAgentInterval *interval = g_ptr_array_index (intervals, i);

      if (interval->status == PLT_AGENT_STATUS_LOGGED_OUT)
        continue;
      if (since == 0)
        since = MAX (interval->start, pause_end);
      work += end_of (interval, now) - MAX (interval->start, pause_end);
      if (is_talk (interval))
        g_hash_table_add (calls, (gpointer) interval->contact);
    }

  if (since == 0 ||
      (g_hash_table_size (calls) < settings->calls_since_break && work < settings->work_since_break_ms))
    return NULL;

  signal = signal_new (PLT_STRESS_NO_BREAK, last->agent, since);
  signal->count = g_hash_table_size (calls);
  signal->duration_ms = work;
  return signal;
}

typedef struct
{
  const char *contact;
  gint64      start;
  gint64      talk;
  gboolean    in_progress;
} Call;

/* The last calls, newest first: a streak of long ones. */
static PltStressSignal *
check_long_calls (const PltStressSettings *settings,
                  GPtrArray               *intervals,
                  gint64                   now)
{
  g_autoptr(GArray) calls = g_array_new (FALSE, TRUE, sizeof (Call));
  gint64 streak_start = 0;
  gint64 streak_talk = 0;
  guint streak = 0;
  PltStressSignal *signal;

  /* The calls, in time order: talk and hold of one contact together. */
  for (guint i = 0; i < intervals->len; i++)
    {
      const PltAgentInterval *interval = g_ptr_array_index (intervals, i);
      Call *last = calls->len > 0 ? &g_array_index (calls, Call, calls->len - 1) : NULL;

      if (!is_talk (interval))
        continue;
      if (last == NULL || g_strcmp0 (last->contact, interval->contact) != 0)
        {
          Call call = { interval->contact, interval->start, 0, FALSE };

          g_array_append_val (calls, call);
          last = &g_array_index (calls, Call, calls->len - 1);
        }
      last->talk += end_of (interval, now) - interval->start;
      last->in_progress = interval->end == 0;
    }

  for (guint i = calls->len; i > 0; i--)
    {
      const Call *call = &g_array_index (calls, Call, i - 1);

      if (call->talk >= settings->long_call_ms)
        {
          streak++;
          streak_start = call->start;
          streak_talk += call->talk;
        }
      /* A call still going on that is not long yet says nothing. */
      else if (!call->in_progress)
        break;
    }

  if (streak < settings->long_call_streak)
    return NULL;

  signal = signal_new (PLT_STRESS_LONG_CALLS, ((PltAgentInterval *) g_ptr_array_index (intervals, 0))->agent,
                       streak_start);
  signal->count = streak;
  signal->duration_ms = streak_talk;
  return signal;
}

static PltStressSignal *
check_occupancy (const PltStressSettings *settings,
                 GPtrArray               *intervals,
                 gint64                   now)
{
  gint64 window_start = now - settings->occupancy_window_ms;
  gint64 contact = 0;
  gint64 available = 0;
  double ratio;
  PltStressSignal *signal;

  for (guint i = intervals->len; i > 0; i--)
    {
      const PltAgentInterval *interval = g_ptr_array_index (intervals, i - 1);
      gint64 length;

      if (end_of (interval, now) <= window_start)
        break;
      length = end_of (interval, now) - MAX (interval->start, window_start);
      if (on_contact (interval))
        contact += length;
      else if (interval->status == PLT_AGENT_STATUS_AVAILABLE && interval->activity == PLT_AGENT_ACTIVITY_IDLE)
        available += length;
    }

  if ((contact + available) * 2 < settings->occupancy_window_ms)
    return NULL;
  ratio = (double) contact / (double) (contact + available);
  if (ratio <= settings->occupancy)
    return NULL;

  /* The tracker keeps "since" from the first evaluation that raised it. */
  signal = signal_new (PLT_STRESS_HIGH_OCCUPANCY, ((PltAgentInterval *) g_ptr_array_index (intervals, 0))->agent, 0);
  signal->ratio = ratio;
  signal->duration_ms = settings->occupancy_window_ms;
  return signal;
}

static PltStressSignal *
check_long_pause (const PltStressSettings *settings,
                  GPtrArray               *intervals,
                  gint64                   now)
{
  const PltAgentInterval *last = g_ptr_array_index (intervals, intervals->len - 1);
  gint64 start = last->start;
  PltStressSignal *signal;

  if (!is_pause (last) || last->end != 0)
    return NULL;

  for (guint i = intervals->len - 1; i > 0; i--)
    {
      const PltAgentInterval *before = g_ptr_array_index (intervals, i - 1);

      if (!is_pause (before) || g_strcmp0 (before->reason, last->reason) != 0 || before->end != start)
        break;
      start = before->start;
    }

  if ((double) (now - start) <= (double) plt_stress_usual_pause (last->reason) * settings->pause_grace)
    return NULL;

  signal = signal_new (PLT_STRESS_LONG_PAUSE, last->agent, start);
  signal->duration_ms = now - start;
  signal->reason = g_strdup (last->reason);
  return signal;
}

static PltStressSignal *
check_rona (const PltStressSettings *settings,
            GPtrArray               *intervals,
            gint64                   now)
{
  gint64 since = 0;
  guint streak = 0;
  gboolean in_miss = FALSE;
  PltStressSignal *signal;

  for (guint i = intervals->len; i > 0; i--)
    {
      const PltAgentInterval *interval = g_ptr_array_index (intervals, i - 1);

      if (interval->activity == PLT_AGENT_ACTIVITY_MISSED)
        {
          if (!in_miss)
            streak++;
          in_miss = TRUE;
          since = interval->start;
        }
      else
        {
          in_miss = FALSE;
          /* An answered call ends the streak. */
          if (interval->activity == PLT_AGENT_ACTIVITY_ON_CALL)
            break;
        }
    }

  if (streak < settings->rona_streak)
    return NULL;

  signal = signal_new (PLT_STRESS_RONA_STREAK, ((PltAgentInterval *) g_ptr_array_index (intervals, 0))->agent, since);
  signal->count = streak;
  return signal;
}

GPtrArray *
plt_stress_evaluate (const PltStressSettings *settings,
                     GPtrArray               *intervals,
                     gint64                   now)
{
  GPtrArray *signals = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_stress_signal_free);
  PltStressSignal *(*checks[]) (const PltStressSettings *, GPtrArray *, gint64) = {
    check_no_break, check_long_calls, check_occupancy, check_long_pause, check_rona,
  };

  g_return_val_if_fail (settings != NULL, signals);
  g_return_val_if_fail (intervals != NULL, signals);

  if (intervals->len == 0)
    return signals;

  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    {
      PltStressSignal *signal = checks[i] (settings, intervals, now);

      if (signal != NULL)
        g_ptr_array_add (signals, signal);
    }

  return signals;
}

guint
plt_stress_flags (GPtrArray *signals)
{
  guint flags = 0;

  for (guint i = 0; signals != NULL && i < signals->len; i++)
    flags |= ((PltStressSignal *) g_ptr_array_index (signals, i))->kind;

  return flags;
}

/* Words ------------------------------------------------------------------ */

static char *
format_minutes (gint64 ms)
{
  int minutes = (int) MIN (ms / MINUTE_MS, G_MAXINT);

  if (minutes < 60)
    /* Translators: a duration in minutes */
    return g_strdup_printf (_("%d min"), minutes);
  if (minutes % 60 == 0)
    /* Translators: a duration in hours */
    return g_strdup_printf (_("%d h"), minutes / 60);
  /* Translators: a duration in hours and minutes, "2 h 10 min" */
  return g_strdup_printf (_("%d h %02d min"), minutes / 60, minutes % 60);
}

static const char *
pause_reason_label (const char *reason)
{
  if (g_strcmp0 (reason, "break") == 0)
    return _("Break");
  if (g_strcmp0 (reason, "lunch") == 0)
    return _("Lunch");
  if (g_strcmp0 (reason, "training") == 0)
    return _("Training");
  if (g_strcmp0 (reason, "meeting") == 0)
    return _("Meeting");
  if (g_strcmp0 (reason, "back_office") == 0)
    return _("Back office");
  return reason != NULL ? reason : _("Pause");
}

const char *
plt_stress_kind_title (PltStressKind kind)
{
  switch (kind)
    {
    case PLT_STRESS_NO_BREAK: return _("No break");
    case PLT_STRESS_LONG_CALLS: return _("Long calls");
    case PLT_STRESS_HIGH_OCCUPANCY: return _("Very busy");
    case PLT_STRESS_LONG_PAUSE: return _("Long pause");
    case PLT_STRESS_RONA_STREAK: return _("Missed calls");
    default: return _("Attention");
    }
}

char *
plt_stress_signal_describe (const PltStressSignal *signal)
{
  g_autofree char *duration = NULL;

  g_return_val_if_fail (signal != NULL, NULL);

  duration = format_minutes (signal->duration_ms);

  switch (signal->kind)
    {
    case PLT_STRESS_NO_BREAK:
      /* Translators: "24 calls and 2 h 10 min at work since the last break" */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u call and %s at work since the last break",
                                           "%u calls and %s at work since the last break",
                                           signal->count),
                              signal->count, duration);

    case PLT_STRESS_LONG_CALLS:
      /* Translators: "3 long calls in a row (42 min in all)" */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u long call in a row (%s in all)",
                                           "%u long calls in a row (%s in all)",
                                           signal->count),
                              signal->count, duration);

    case PLT_STRESS_HIGH_OCCUPANCY:
      /* Translators: "Occupied 96 % of the last hour" */
      return g_strdup_printf (_("Occupied %.0f %% of the last hour"), signal->ratio * 100.0);

    case PLT_STRESS_LONG_PAUSE:
      {
        g_autofree char *usual = format_minutes (plt_stress_usual_pause (signal->reason));

        /* Translators: "Break for 32 min (usually 15 min)" */
        return g_strdup_printf (_("%s for %s (usually %s)"), pause_reason_label (signal->reason),
                                duration, usual);
      }

    case PLT_STRESS_RONA_STREAK:
      /* Translators: "3 calls in a row left ringing" */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u call in a row left ringing",
                                           "%u calls in a row left ringing",
                                           signal->count),
                              signal->count);

    default:
      return g_strdup ("");
    }
}

/* The tracker ------------------------------------------------------------ */

typedef struct
{
  GPtrArray *intervals;   /* PltAgentInterval*, owned, by start */
  GPtrArray *signals;     /* PltStressSignal*, owned: the last evaluation */
} AgentDay;

struct _PltStressTracker
{
  PltStressSettings  settings;
  GHashTable        *agents;     /* id → AgentDay* */
  GHashTable        *dismissed;  /* "agent\x1fkind" → gint64* since */
};

static void
agent_day_free (gpointer data)
{
  AgentDay *day = data;

  g_ptr_array_unref (day->intervals);
  g_ptr_array_unref (day->signals);
  g_free (day);
}

PltStressTracker *
plt_stress_tracker_new (const PltStressSettings *settings)
{
  PltStressTracker *self = g_new0 (PltStressTracker, 1);

  if (settings != NULL)
    self->settings = *settings;
  else
    plt_stress_settings_init (&self->settings);
  self->agents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, agent_day_free);
  self->dismissed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  return self;
}

void
plt_stress_tracker_free (PltStressTracker *self)
{
  if (self == NULL)
    return;

  g_hash_table_unref (self->agents);
  g_hash_table_unref (self->dismissed);
  g_free (self);
}

static AgentDay *
ensure_day (PltStressTracker *self,
            const char       *agent)
{
  AgentDay *day = g_hash_table_lookup (self->agents, agent);

  if (day == NULL)
    {
      day = g_new0 (AgentDay, 1);
      day->intervals = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_agent_interval_free);
      day->signals = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_stress_signal_free);
      g_hash_table_insert (self->agents, g_strdup (agent), day);
    }

  return day;
}

static gboolean
same_state (const PltAgentInterval *a,
            const PltAgentInterval *b)
{
  return a->status == b->status && a->activity == b->activity &&
         g_strcmp0 (a->reason, b->reason) == 0 && g_strcmp0 (a->contact, b->contact) == 0;
}

gboolean
plt_stress_tracker_observe (PltStressTracker       *self,
                            const PltAgentInterval *interval)
{
  AgentDay *day;
  PltAgentInterval *last;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (interval != NULL && interval->agent != NULL, FALSE);

  day = ensure_day (self, interval->agent);
  last = day->intervals->len > 0 ? g_ptr_array_index (day->intervals, day->intervals->len - 1) : NULL;

  if (last != NULL && last->end == 0)
    {
      if (same_state (last, interval) || interval->start < last->start)
        return FALSE;
      last->end = interval->start;
    }
  else if (last != NULL && interval->start < last->start)
    return FALSE;

  g_ptr_array_add (day->intervals, plt_agent_interval_copy (interval));
  ((PltAgentInterval *) g_ptr_array_index (day->intervals, day->intervals->len - 1))->end = 0;
  return TRUE;
}

static int
compare_start (gconstpointer a,
               gconstpointer b)
{
  const PltAgentInterval *ia = *(PltAgentInterval **) a;
  const PltAgentInterval *ib = *(PltAgentInterval **) b;

  return ia->start < ib->start ? -1 : ia->start > ib->start;
}

void
plt_stress_tracker_add_history (PltStressTracker *self,
                                GPtrArray        *intervals)
{
  g_autoptr(GHashTable) touched = g_hash_table_new (NULL, NULL);
  GHashTableIter iter;
  gpointer value;

  g_return_if_fail (self != NULL);
  g_return_if_fail (intervals != NULL);

  for (guint i = 0; i < intervals->len; i++)
    {
      const PltAgentInterval *interval = g_ptr_array_index (intervals, i);
      AgentDay *day = ensure_day (self, interval->agent);
      gboolean known = FALSE;

      for (guint j = 0; j < day->intervals->len && !known; j++)
        known = ((PltAgentInterval *) g_ptr_array_index (day->intervals, j))->start == interval->start;
      if (known)
        continue;

      g_ptr_array_add (day->intervals, plt_agent_interval_copy (interval));
      g_hash_table_add (touched, day);
    }

  /* In time order, and touching: an interval ends where the next begins. */
  g_hash_table_iter_init (&iter, touched);
  while (g_hash_table_iter_next (&iter, &value, NULL))
    {
      AgentDay *day = value;

      g_ptr_array_sort (day->intervals, compare_start);
      for (guint j = 0; j + 1 < day->intervals->len; j++)
        {
          PltAgentInterval *interval = g_ptr_array_index (day->intervals, j);
          const PltAgentInterval *next = g_ptr_array_index (day->intervals, j + 1);

          if (interval->end == 0 || interval->end > next->start)
            interval->end = next->start;
        }
    }
}

GPtrArray *
plt_stress_tracker_get_intervals (PltStressTracker *self,
                                  const char       *agent)
{
  AgentDay *day;

  g_return_val_if_fail (self != NULL, NULL);

  day = g_hash_table_lookup (self->agents, agent);
  return day != NULL ? day->intervals : NULL;
}

static char *
dismiss_key (const char    *agent,
             PltStressKind  kind)
{
  return g_strdup_printf ("%s\x1f%u", agent, (guint) kind);
}

static gboolean
is_dismissed (PltStressTracker      *self,
              const PltStressSignal *signal)
{
  g_autofree char *key = dismiss_key (signal->agent, signal->kind);
  gint64 *since = g_hash_table_lookup (self->dismissed, key);

  return since != NULL && *since == signal->since;
}

guint
plt_stress_tracker_update (PltStressTracker *self,
                           const char       *agent,
                           gint64            now)
{
  g_autoptr(GPtrArray) signals = NULL;
  AgentDay *day;
  guint flags = 0;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (agent != NULL, 0);

  day = g_hash_table_lookup (self->agents, agent);
  if (day == NULL)
    return 0;

  signals = plt_stress_evaluate (&self->settings, day->intervals, now);
  for (guint i = 0; i < signals->len; i++)
    {
      PltStressSignal *signal = g_ptr_array_index (signals, i);

      /* A situation without a start of its own starts when first seen. */
      if (signal->since == 0)
        {
          signal->since = now;
          for (guint j = 0; j < day->signals->len; j++)
            {
              const PltStressSignal *before = g_ptr_array_index (day->signals, j);

              if (before->kind == signal->kind)
                signal->since = before->since;
            }
        }
      if (!is_dismissed (self, signal))
        flags |= signal->kind;
    }

  g_ptr_array_unref (day->signals);
  day->signals = g_steal_pointer (&signals);

  return flags;
}

static int
compare_signals (gconstpointer a,
                 gconstpointer b)
{
  const PltStressSignal *sa = *(PltStressSignal **) a;
  const PltStressSignal *sb = *(PltStressSignal **) b;
  int by_agent = g_strcmp0 (sa->agent, sb->agent);

  return by_agent != 0 ? by_agent : (int) sa->kind - (int) sb->kind;
}

GPtrArray *
plt_stress_tracker_dup_signals (PltStressTracker *self)
{
  GPtrArray *all = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_stress_signal_free);
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (self != NULL, all);

  g_hash_table_iter_init (&iter, self->agents);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      AgentDay *day = value;

      for (guint i = 0; i < day->signals->len; i++)
        {
          const PltStressSignal *signal = g_ptr_array_index (day->signals, i);

          if (!is_dismissed (self, signal))
            g_ptr_array_add (all, plt_stress_signal_copy (signal));
        }
    }
  g_ptr_array_sort (all, compare_signals);

  return all;
}

void
plt_stress_tracker_dismiss (PltStressTracker *self,
                            const char       *agent,
                            PltStressKind     kind)
{
  AgentDay *day;

  g_return_if_fail (self != NULL);
  g_return_if_fail (agent != NULL);

  day = g_hash_table_lookup (self->agents, agent);
  for (guint i = 0; day != NULL && i < day->signals->len; i++)
    {
      const PltStressSignal *signal = g_ptr_array_index (day->signals, i);

      if (signal->kind == kind)
        g_hash_table_insert (self->dismissed, dismiss_key (agent, kind), g_memdup2 (&signal->since, sizeof (gint64)));
    }
}

void
plt_stress_tracker_prune (PltStressTracker *self,
                          gint64            before)
{
  GHashTableIter iter;
  gpointer value;

  g_return_if_fail (self != NULL);

  g_hash_table_iter_init (&iter, self->agents);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      AgentDay *day = value;
      guint n = 0;

      while (n < day->intervals->len)
        {
          const PltAgentInterval *interval = g_ptr_array_index (day->intervals, n);

          if (interval->end == 0 || interval->end >= before)
            break;
          n++;
        }
      if (n > 0)
        g_ptr_array_remove_range (day->intervals, 0, n);
    }
}
