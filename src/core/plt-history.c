/* plt-history.c — what agents and queues were doing at a moment of the past
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "plt-history.h"

gboolean
plt_history_covers (const PltAgentInterval *interval,
                    gint64                  time)
{
  g_return_val_if_fail (interval != NULL, FALSE);

  return interval->start <= time && (interval->end == 0 || time < interval->end);
}

const PltAgentInterval *
plt_history_interval_at (GPtrArray  *intervals,
                         const char *agent,
                         gint64      time)
{
  g_return_val_if_fail (intervals != NULL, NULL);
  g_return_val_if_fail (agent != NULL, NULL);

  for (guint i = 0; i < intervals->len; i++)
    {
      const PltAgentInterval *interval = g_ptr_array_index (intervals, i);

      if (plt_history_covers (interval, time) && g_strcmp0 (interval->agent, agent) == 0)
        return interval;
    }

  return NULL;
}

PltAgentState
plt_history_interval_state (const PltAgentInterval *interval)
{
  g_return_val_if_fail (interval != NULL, PLT_AGENT_STATE_UNKNOWN);

  return plt_agent_state_derive (interval->status, interval->activity);
}

typedef struct
{
  guint  *waiting;       /* per sample */
  gint64 *oldest;        /* per sample, 0: nobody */
  guint  *counts;        /* per sample, 5 categories */
  guint   n_members;
} QueueSlots;

enum { CAT_AVAILABLE, CAT_BUSY, CAT_WRAP_UP, CAT_PAUSED, CAT_LOGGED_OUT };

static int
category (const PltAgentInterval *interval)
{
  if (interval->status == PLT_AGENT_STATUS_LOGGED_OUT)
    return CAT_LOGGED_OUT;

  switch (interval->activity)
    {
    case PLT_AGENT_ACTIVITY_RINGING:
    case PLT_AGENT_ACTIVITY_ON_CALL:
    case PLT_AGENT_ACTIVITY_ON_HOLD:
    case PLT_AGENT_ACTIVITY_BUSY_OTHER:
      return CAT_BUSY;

    case PLT_AGENT_ACTIVITY_WRAP_UP:
      return CAT_WRAP_UP;

    case PLT_AGENT_ACTIVITY_MISSED:
      return CAT_PAUSED;

    case PLT_AGENT_ACTIVITY_IDLE:
    case PLT_AGENT_ACTIVITY_UNKNOWN:
    default:
      return interval->status == PLT_AGENT_STATUS_PAUSED ? CAT_PAUSED : CAT_AVAILABLE;
    }
}

/* The samples k with start ≤ from + k × step < end, clipped to [0, n). */
static void
sample_range (gint64  from,
              gint64  step,
              guint   n,
              gint64  start,
              gint64  end,
              guint  *first,
              guint  *last)
{
  gint64 k0 = start <= from ? 0 : (start - from + step - 1) / step;
  gint64 k1 = end <= from ? 0 : (end - from + step - 1) / step;   /* excluded */

  *first = (guint) MIN (k0, (gint64) n);
  *last = (guint) MIN (k1, (gint64) n);
}

GPtrArray *
plt_history_sample_queues (const char * const *queues,
                           GHashTable         *agent_queues,
                           GPtrArray          *intervals,
                           GPtrArray          *contacts,
                           gint64              from,
                           gint64              to,
                           gint64              step_ms)
{
  g_autoptr(GHashTable) slots = NULL;
  GPtrArray *samples;
  GHashTableIter iter;
  gpointer key, value;
  guint n_queues;
  guint n;

  g_return_val_if_fail (queues != NULL, NULL);
  g_return_val_if_fail (agent_queues != NULL, NULL);
  g_return_val_if_fail (intervals != NULL && contacts != NULL, NULL);
  g_return_val_if_fail (step_ms > 0 && to >= from, NULL);

  n = (guint) ((to - from) / step_ms) + 1;
  n_queues = g_strv_length ((GStrv) queues);
  samples = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_queue_sample_free);
  slots = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  for (guint q = 0; q < n_queues; q++)
    {
      QueueSlots *slot;

      if (g_hash_table_contains (slots, queues[q]))
        continue;
      /* One allocation: the three arrays follow the header. */
      slot = g_malloc0 (sizeof (QueueSlots) + n * (sizeof (guint) + sizeof (gint64) + 5 * sizeof (guint)));
      slot->oldest = (gint64 *) (slot + 1);
      slot->waiting = (guint *) (slot->oldest + n);
      slot->counts = slot->waiting + n;
      g_hash_table_insert (slots, (gpointer) queues[q], slot);
    }

  /* Members: who serves each queue asked for. */
  g_hash_table_iter_init (&iter, agent_queues);
  while (g_hash_table_iter_next (&iter, &key, &value))
    for (const char * const *q = value; q != NULL && *q != NULL; q++)
      {
        QueueSlots *slot = g_hash_table_lookup (slots, *q);

        if (slot != NULL)
          slot->n_members++;
      }

  /* Agents: each interval adds its category to the samples it covers, in
   * every queue of its agent. */
  for (guint i = 0; i < intervals->len; i++)
    {
      const PltAgentInterval *interval = g_ptr_array_index (intervals, i);
      const char * const *agent_q = g_hash_table_lookup (agent_queues, interval->agent);
      int cat = category (interval);
      guint first, last;

      if (agent_q == NULL || cat == CAT_LOGGED_OUT)
        continue;
      sample_range (from, step_ms, n, interval->start,
                    interval->end != 0 ? interval->end : G_MAXINT64 / 2, &first, &last);
      for (const char * const *q = agent_q; *q != NULL; q++)
        {
          QueueSlots *slot = g_hash_table_lookup (slots, *q);

          if (slot == NULL)
            continue;
          for (guint k = first; k < last; k++)
            slot->counts[k * 5 + cat]++;
        }
    }

  /* Contacts: waiting from the enqueue to the answer or the end. */
  for (guint i = 0; i < contacts->len; i++)
    {
      const PltContactRecord *record = g_ptr_array_index (contacts, i);
      QueueSlots *slot = g_hash_table_lookup (slots, record->queue);
      gint64 leave;
      guint first, last;

      if (slot == NULL || record->media == PLT_QUEUE_MEDIA_OUTBOUND)
        continue;
      leave = record->answered != 0 ? record->answered
            : record->ended != 0 ? record->ended
            : G_MAXINT64 / 2;
      sample_range (from, step_ms, n, record->enqueued, leave, &first, &last);
      for (guint k = first; k < last; k++)
        {
          slot->waiting[k]++;
          if (slot->oldest[k] == 0 || record->enqueued < slot->oldest[k])
            slot->oldest[k] = record->enqueued;
        }
    }

  for (guint q = 0; q < n_queues; q++)
    {
      QueueSlots *slot = g_hash_table_lookup (slots, queues[q]);

      for (guint k = 0; k < n; k++)
        {
          PltQueueSample *sample = g_new0 (PltQueueSample, 1);
          const guint *c = &slot->counts[k * 5];
          guint seen = c[CAT_AVAILABLE] + c[CAT_BUSY] + c[CAT_WRAP_UP] + c[CAT_PAUSED];

          sample->queue = g_strdup (queues[q]);
          sample->at = from + (gint64) k * step_ms;
          sample->waiting = slot->waiting[k];
          sample->oldest_since = slot->oldest[k];
          sample->agents.available = c[CAT_AVAILABLE];
          sample->agents.busy = c[CAT_BUSY];
          sample->agents.wrap_up = c[CAT_WRAP_UP];
          sample->agents.paused = c[CAT_PAUSED];
          sample->agents.logged_out = slot->n_members > seen ? slot->n_members - seen : 0;
          g_ptr_array_add (samples, sample);
        }
    }

  return samples;
}
