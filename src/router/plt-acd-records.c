/* plt-acd-records.c — today's contact records and agent intervals, kept in
 * memory for the KPI engine (plt-records.h), and the day's reset
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "plt-acd-private.h"

/*
 * Rows are compact (ids are interned, times are integers: about 100 bytes a
 * contact and 60 an interval) and kept in blocks, so that a busy day grows
 * without copying what it holds. They are dropped at midnight, after
 * "day-started".
 */

#define BLOCK_ROWS 4096

typedef struct
{
  guint64      number;
  const char  *parent;
  const char  *queue;
  const char  *agent;
  gint64       enqueued;
  gint64       offered;
  gint64       answered;
  gint64       ended;
  gint64       wrap_end;
  gint64       hold_total_ms;
  guint32      hold_count;
  guint32      rona_count;
  guint8       media;
  guint8       origin;
  guint8       outcome;
} ContactRow;

typedef struct
{
  const char  *agent;
  const char  *reason;
  const char  *queue;
  guint64      contact;
  gint64       start;
  gint64       end;
  guint8       status;
  guint8       activity;
} IntervalRow;

/* Rows of one size in blocks of BLOCK_ROWS. */
typedef struct
{
  GPtrArray *blocks;
  gsize      row_size;
  guint      n_rows;
} Rows;

struct _Records
{
  Rows          contacts;
  Rows          intervals;
  GStringChunk *strings;
  GHashTable   *interned;   /* string → the same string, in @strings */
};

static void
rows_init (Rows  *rows,
           gsize  row_size)
{
  rows->blocks = g_ptr_array_new_with_free_func (g_free);
  rows->row_size = row_size;
  rows->n_rows = 0;
}

static gpointer
rows_append (Rows *rows)
{
  guint in_block = rows->n_rows % BLOCK_ROWS;

  if (in_block == 0 && rows->n_rows / BLOCK_ROWS == rows->blocks->len)
    g_ptr_array_add (rows->blocks, g_malloc (rows->row_size * BLOCK_ROWS));

  rows->n_rows++;
  return (char *) g_ptr_array_index (rows->blocks, (rows->n_rows - 1) / BLOCK_ROWS) + in_block * rows->row_size;
}

static gpointer
rows_get (const Rows *rows,
          guint       i)
{
  return (char *) g_ptr_array_index (rows->blocks, i / BLOCK_ROWS) + (i % BLOCK_ROWS) * rows->row_size;
}

static void
rows_clear (Rows *rows)
{
  /* Keep one block: the next day fills it again. */
  if (rows->blocks->len > 1)
    g_ptr_array_remove_range (rows->blocks, 1, rows->blocks->len - 1);
  rows->n_rows = 0;
}

Records *
_plt_records_new (void)
{
  Records *records = g_new0 (Records, 1);

  rows_init (&records->contacts, sizeof (ContactRow));
  rows_init (&records->intervals, sizeof (IntervalRow));
  records->strings = g_string_chunk_new (4096);
  records->interned = g_hash_table_new (g_str_hash, g_str_equal);

  return records;
}

void
_plt_records_free (Records *records)
{
  g_ptr_array_unref (records->contacts.blocks);
  g_ptr_array_unref (records->intervals.blocks);
  g_hash_table_unref (records->interned);
  g_string_chunk_free (records->strings);
  g_free (records);
}

static const char *
intern (Records    *records,
        const char *str)
{
  char *found;

  if (str == NULL)
    return NULL;

  found = g_hash_table_lookup (records->interned, str);
  if (found == NULL)
    {
      found = g_string_chunk_insert (records->strings, str);
      g_hash_table_add (records->interned, found);
    }

  return found;
}

static void
contact_from_call (const Call       *call,
                   PltContactRecord *record)
{
  const Agent *agent = call->agent != NULL ? call->agent : call->last_agent;

  record->id = call->id;
  record->queue = call->queue->spec->id;
  record->media = call->media;
  record->origin = call->origin;
  record->parent = call->parent;
  record->agent = agent != NULL ? agent->spec->id : NULL;
  record->enqueued = call->enqueued;
  record->offered = call->offered;
  record->answered = call->answered;
  record->hold_total_ms = call->hold_total_ms;
  record->hold_count = call->hold_count;
  record->ended = call->ended;
  record->wrap_end = 0;
  record->outcome = call->outcome;
  record->rona_count = call->rona_count;
}

static void
add_contact_row (Records                *records,
                 const PltContactRecord *record)
{
  ContactRow *row = rows_append (&records->contacts);

  row->number = g_ascii_strtoull (record->id + 2, NULL, 10);
  row->parent = intern (records, record->parent);
  row->queue = intern (records, record->queue);
  row->agent = intern (records, record->agent);
  row->enqueued = record->enqueued;
  row->offered = record->offered;
  row->answered = record->answered;
  row->ended = record->ended;
  row->wrap_end = record->wrap_end;
  row->hold_total_ms = record->hold_total_ms;
  row->hold_count = record->hold_count;
  row->rona_count = record->rona_count;
  row->media = (guint8) record->media;
  row->origin = (guint8) record->origin;
  row->outcome = (guint8) record->outcome;
}

/* The contact finished now (see _plt_acd_call_finish()). */
void
_plt_records_add_contact (PltAcd     *self,
                          const Call *call)
{
  PltContactRecord record;

  contact_from_call (call, &record);
  if (call->answered != 0)
    record.wrap_end = self->now;

  _plt_acd_emit_contact_finished (self, &record);
  add_contact_row (self->records, &record);
}

/* Closes the agent's current interval at now (if it lasted), and opens the
 * next one, on the contact the agent has now. */
void
_plt_records_close_interval (PltAcd *self,
                             Agent  *agent)
{
  if (self->now > agent->interval_start)
    {
      char contact[32];
      PltAgentInterval interval;
      IntervalRow *row;

      if (agent->interval_call != 0)
        g_snprintf (contact, sizeof contact, "c-%" G_GUINT64_FORMAT, agent->interval_call);

      interval.agent = agent->spec->id;
      interval.status = agent->status;
      interval.activity = agent->activity;
      interval.reason = agent->status == PLT_AGENT_STATUS_PAUSED ? _plt_acd_reason_code (self, agent->reason) : NULL;
      interval.queue = agent->interval_queue != NULL ? agent->interval_queue->spec->id : NULL;
      interval.contact = agent->interval_call != 0 ? contact : NULL;
      interval.start = agent->interval_start;
      interval.end = self->now;

      _plt_acd_emit_agent_interval (self, &interval);

      row = rows_append (&self->records->intervals);
      row->agent = intern (self->records, interval.agent);
      row->reason = intern (self->records, interval.reason);
      row->queue = intern (self->records, interval.queue);
      row->contact = agent->interval_call;
      row->start = interval.start;
      row->end = interval.end;
      row->status = (guint8) interval.status;
      row->activity = (guint8) interval.activity;
    }

  agent->interval_start = self->now;
  agent->interval_call = agent->call != NULL ? agent->call->number : 0;
  agent->interval_queue = agent->call != NULL ? agent->call->queue : NULL;
}

/* Midnight in the scenario's zone (self->now = self->day_start): every
 * interval is cut there and the records of the day before are dropped. The
 * queues' counters follow each queue's own day instead
 * (_plt_records_queue_new_day()). */
void
_plt_records_new_day (PltAcd *self)
{
  for (guint i = 0; i < self->n_agents; i++)
    _plt_records_close_interval (self, &self->agents[i]);

  rows_clear (&self->records->contacts);
  rows_clear (&self->records->intervals);
}

/* @queue's own day start (self->now = queue->day_start): its counters
 * start again from its contacts still waiting (they count in the new
 * day). */
void
_plt_records_queue_new_day (PltAcd *self,
                            Queue  *queue)
{
  GHashTableIter iter;
  gpointer value;

  memset (&queue->today, 0, sizeof queue->today);
  queue->wait_total_ms = 0;
  _plt_acd_mark_queue (self, queue);

  g_hash_table_iter_init (&iter, self->calls);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Call *call = value;

      if (call->queue == queue &&
          (call->state == PLT_CALL_STATE_QUEUED || call->state == PLT_CALL_STATE_RINGING))
        queue->today.offered++;
    }
}

/* A queue's counters from a finished contact of today (the same rules as
 * the live counting: an entry counts as offered the day it is waiting). */
static void
count_record (PltAcd                 *self,
              const PltContactRecord *record)
{
  Queue *queue = g_hash_table_lookup (self->queues_by_id, record->queue);
  PltQueueToday *today;
  gint64 day_start;

  /* The queue's own day (see on_day() in plt-sim.c). */
  if (queue == NULL || MAX (record->ended, record->wrap_end) < queue->day_start)
    return;
  today = &queue->today;
  day_start = queue->day_start;

  if (record->enqueued >= day_start || record->answered == 0 || record->answered >= day_start)
    today->offered++;

  if (record->answered >= day_start)
    {
      gint64 wait = record->media == PLT_QUEUE_MEDIA_OUTBOUND ? 0 : record->answered - record->enqueued;

      today->answered++;
      if (wait <= (gint64) queue->spec->sl_threshold_s * 1000)
        today->answered_in_sl++;
      queue->wait_total_ms += wait;
      today->wait_total_s = queue->wait_total_ms / 1000;
    }
  if (record->outcome == PLT_CONTACT_OUTCOME_TRANSFERRED && record->ended >= day_start)
    today->transferred++;

  switch (record->outcome)
    {
    case PLT_CONTACT_OUTCOME_ABANDONED: today->abandoned++; break;
    case PLT_CONTACT_OUTCOME_OVERFLOWED: today->overflowed++; break;
    case PLT_CONTACT_OUTCOME_CALLBACK: today->callbacks++; break;
    case PLT_CONTACT_OUTCOME_ANSWERED:
    case PLT_CONTACT_OUTCOME_TRANSFERRED:
    case PLT_CONTACT_OUTCOME_NONE:
    default:
      break;
    }
}

void
_plt_records_restore (PltAcd              *self,
                      const PltAcdHistory *history)
{
  for (guint i = 0; history->contacts != NULL && i < history->contacts->len; i++)
    {
      const PltContactRecord *record = g_ptr_array_index (history->contacts, i);

      /* Finished today: at the end of the wrap-up, or of the contact. */
      if (MAX (record->ended, record->wrap_end) < self->day_start ||
          record->id == NULL || !g_str_has_prefix (record->id, "c-"))
        continue;

      add_contact_row (self->records, record);
      count_record (self, record);
    }

  for (guint i = 0; history->intervals != NULL && i < history->intervals->len; i++)
    {
      const PltAgentInterval *interval = g_ptr_array_index (history->intervals, i);
      IntervalRow *row;

      if (interval->end <= self->day_start || interval->agent == NULL)
        continue;

      row = rows_append (&self->records->intervals);
      row->agent = intern (self->records, interval->agent);
      row->reason = intern (self->records, interval->reason);
      row->queue = intern (self->records, interval->queue);
      row->contact = interval->contact != NULL && g_str_has_prefix (interval->contact, "c-") ?
                     g_ascii_strtoull (interval->contact + 2, NULL, 10) : 0;
      row->start = interval->start;
      row->end = interval->end;
      row->status = (guint8) interval->status;
      row->activity = (guint8) interval->activity;
    }
}

/* The iterations. */

guint
plt_acd_foreach_contact (PltAcd               *self,
                         PltContactRecordFunc  func,
                         gpointer              user_data)
{
  const Rows *rows;
  guint visited = 0;

  g_return_val_if_fail (PLT_IS_ACD (self), 0);
  g_return_val_if_fail (func != NULL, 0);

  rows = &self->records->contacts;
  for (guint i = 0; i < rows->n_rows; i++)
    {
      const ContactRow *row = rows_get (rows, i);
      char id[32];
      PltContactRecord record;

      g_snprintf (id, sizeof id, "c-%" G_GUINT64_FORMAT, row->number);
      record.id = id;
      record.queue = row->queue;
      record.media = row->media;
      record.origin = row->origin;
      record.parent = row->parent;
      record.agent = row->agent;
      record.enqueued = row->enqueued;
      record.offered = row->offered;
      record.answered = row->answered;
      record.hold_total_ms = row->hold_total_ms;
      record.hold_count = row->hold_count;
      record.ended = row->ended;
      record.wrap_end = row->wrap_end;
      record.outcome = row->outcome;
      record.rona_count = row->rona_count;

      visited++;
      if (!func (&record, user_data))
        break;
    }

  return visited;
}

static int
compare_calls (gconstpointer a,
               gconstpointer b)
{
  const Call *call_a = *(const Call * const *) a;
  const Call *call_b = *(const Call * const *) b;

  return call_a->number < call_b->number ? -1 : call_a->number > call_b->number;
}

guint
plt_acd_foreach_open_contact (PltAcd               *self,
                              PltContactRecordFunc  func,
                              gpointer              user_data)
{
  g_autoptr(GPtrArray) calls = NULL;
  GHashTableIter iter;
  gpointer value;
  guint visited = 0;

  g_return_val_if_fail (PLT_IS_ACD (self), 0);
  g_return_val_if_fail (func != NULL, 0);

  calls = g_ptr_array_sized_new (g_hash_table_size (self->calls));
  g_hash_table_iter_init (&iter, self->calls);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (calls, value);
  g_ptr_array_sort (calls, compare_calls);

  for (guint i = 0; i < calls->len; i++)
    {
      const Call *call = g_ptr_array_index (calls, i);
      PltContactRecord record;

      /* Open: ended is set in wrap-up (the talk ended), and the outcome
       * once the contact is transferred; otherwise none. */
      contact_from_call (call, &record);

      visited++;
      if (!func (&record, user_data))
        break;
    }

  return visited;
}

guint
plt_acd_foreach_agent_interval (PltAcd               *self,
                                PltAgentIntervalFunc  func,
                                gpointer              user_data)
{
  const Rows *rows;
  guint visited = 0;

  g_return_val_if_fail (PLT_IS_ACD (self), 0);
  g_return_val_if_fail (func != NULL, 0);

  rows = &self->records->intervals;
  for (guint i = 0; i < rows->n_rows; i++)
    {
      const IntervalRow *row = rows_get (rows, i);
      char contact[32];
      PltAgentInterval interval;

      if (row->contact != 0)
        g_snprintf (contact, sizeof contact, "c-%" G_GUINT64_FORMAT, row->contact);
      interval.agent = row->agent;
      interval.status = row->status;
      interval.activity = row->activity;
      interval.reason = row->reason;
      interval.queue = row->queue;
      interval.contact = row->contact != 0 ? contact : NULL;
      interval.start = row->start;
      interval.end = row->end;

      visited++;
      if (!func (&interval, user_data))
        return visited;
    }

  for (guint i = 0; i < self->n_agents; i++)
    {
      const Agent *agent = &self->agents[i];
      char contact[32];
      PltAgentInterval interval;

      if (agent->interval_call != 0)
        g_snprintf (contact, sizeof contact, "c-%" G_GUINT64_FORMAT, agent->interval_call);
      interval.agent = agent->spec->id;
      interval.status = agent->status;
      interval.activity = agent->activity;
      interval.reason = agent->status == PLT_AGENT_STATUS_PAUSED ? _plt_acd_reason_code (self, agent->reason) : NULL;
      interval.queue = agent->interval_queue != NULL ? agent->interval_queue->spec->id : NULL;
      interval.contact = agent->interval_call != 0 ? contact : NULL;
      interval.start = agent->interval_start;
      interval.end = 0;

      visited++;
      if (!func (&interval, user_data))
        break;
    }

  return visited;
}
