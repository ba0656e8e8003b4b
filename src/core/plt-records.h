/* plt-records.h — the facts the ACD keeps about contacts and agent states,
 * from which every KPI is computed (docs/router.md, "Records")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "plt-types.h"

G_BEGIN_DECLS

/**
 * PltContactOutcome:
 * @PLT_CONTACT_OUTCOME_NONE: the contact is still in progress (queued,
 *   ringing, connected or in wrap-up)
 * @PLT_CONTACT_OUTCOME_ANSWERED: an agent answered it and it ended normally
 * @PLT_CONTACT_OUTCOME_ABANDONED: the caller hung up while queued or ringing
 *   (for an outbound or callback leg: nobody answered the agent's call)
 * @PLT_CONTACT_OUTCOME_CALLBACK: the caller left the queue asking to be
 *   called back; a new contact of media `callback` continues it
 * @PLT_CONTACT_OUTCOME_TRANSFERRED: answered, then transferred by the agent
 *   to another queue; a new contact in that queue continues it
 * @PLT_CONTACT_OUTCOME_OVERFLOWED: left the queue unanswered after the
 *   queue's overflow wait; a new contact in the overflow queue continues it
 *
 * How a queue entry ended. Each entry counts once as offered in its queue;
 * an entry continued elsewhere (callback, transfer, overflow) is linked to
 * its continuation by PltContactRecord.parent.
 *
 * A ring-no-answer (RONA) is not an outcome: the contact goes back to its
 * place in line, and the miss is counted in PltContactRecord.rona_count and
 * in the agent's intervals (activity missed).
 */
typedef enum
{
  PLT_CONTACT_OUTCOME_NONE,
  PLT_CONTACT_OUTCOME_ANSWERED,
  PLT_CONTACT_OUTCOME_ABANDONED,
  PLT_CONTACT_OUTCOME_CALLBACK,
  PLT_CONTACT_OUTCOME_TRANSFERRED,
  PLT_CONTACT_OUTCOME_OVERFLOWED,
} PltContactOutcome;

/**
 * PltContactOrigin:
 * @PLT_CONTACT_ORIGIN_NEW: a new contact (an arrival, or an outbound call
 *   an agent placed)
 * @PLT_CONTACT_ORIGIN_CALLBACK: the callback a waiting caller asked for
 * @PLT_CONTACT_ORIGIN_TRANSFER: a transfer from another queue's contact
 * @PLT_CONTACT_ORIGIN_OVERFLOW: an overflow from another queue
 */
typedef enum
{
  PLT_CONTACT_ORIGIN_NEW,
  PLT_CONTACT_ORIGIN_CALLBACK,
  PLT_CONTACT_ORIGIN_TRANSFER,
  PLT_CONTACT_ORIGIN_OVERFLOW,
} PltContactOrigin;

/**
 * PltContactRecord:
 * @id: the contact id, as in `call.update` ("c-123")
 * @queue: the queue id of this entry
 * @media: the media of the queue
 * @origin: why the entry exists
 * @parent: (nullable): the contact this one continues (@origin ≠ NEW)
 * @agent: (nullable): the agent who answered it, else the last one it was
 *   offered to, else NULL
 * @enqueued: when it entered the queue (for outbound: when it was dialled)
 * @offered: when it was first presented to an agent (ringing, or opened
 *   for an e-mail); 0 if never
 * @answered: when an agent answered it (talk start); 0 if never
 * @hold_total_ms: time spent on hold, all holds together
 * @hold_count: how many times it was put on hold
 * @ended: when it left the queue or the talk ended (hang-up, abandon,
 *   transfer, overflow, callback request); 0 while in progress
 * @wrap_end: when the agent's wrap-up ended; 0 if there was none (not
 *   answered) or while in progress
 * @outcome: how it ended
 * @rona_count: the ring-no-answers it met (each put it back in line)
 *
 * One queue entry and its lifecycle; times are in ms since the Unix epoch,
 * on the router's clock (the simulated clock under `--speed`).
 *
 * Derived figures, for a record with @answered ≠ 0: wait = @answered −
 * @enqueued (ringing included); talk = @ended − @answered − @hold_total_ms;
 * wrap-up = @wrap_end − @ended. For an abandoned one: wait = @ended −
 * @enqueued. Outbound entries wait 0: their @enqueued is the dial time and
 * their wait is not a queue wait (KPIs treat it as 0).
 *
 * Strings are borrowed: valid during the callback that gives the record
 * (or as long as the object that owns them says); copy what you keep.
 */
typedef struct
{
  const char        *id;
  const char        *queue;
  PltQueueMedia      media;
  PltContactOrigin   origin;
  const char        *parent;
  const char        *agent;
  gint64             enqueued;
  gint64             offered;
  gint64             answered;
  gint64             hold_total_ms;
  guint              hold_count;
  gint64             ended;
  gint64             wrap_end;
  PltContactOutcome  outcome;
  guint              rona_count;
} PltContactRecord;

/**
 * PltAgentInterval:
 * @agent: the agent id
 * @status: the status during the interval
 * @activity: the activity during the interval
 * @reason: (nullable): the pause reason code when @status is paused
 * @queue: (nullable): the queue of the contact handled, if any
 * @contact: (nullable): the contact handled, if any
 * @start: when the interval began (ms since the epoch, router clock)
 * @end: when it ended; 0 for the agent's current state
 *
 * One stretch of constant (status, activity, reason, contact) of one agent.
 * Consecutive intervals of an agent touch: one's @end is the next @start.
 * Time on a contact is activity ringing, on_call, on_hold or wrap_up with
 * @contact set; idle time is status available, activity idle.
 */
typedef struct
{
  const char        *agent;
  PltAgentStatus     status;
  PltAgentActivity   activity;
  const char        *reason;
  const char        *queue;
  const char        *contact;
  gint64             start;
  gint64             end;
} PltAgentInterval;

/* Called once per record; return FALSE to stop the iteration. The record is
 * valid only during the call. */
typedef gboolean (*PltContactRecordFunc) (const PltContactRecord *record,
                                          gpointer                user_data);
typedef gboolean (*PltAgentIntervalFunc) (const PltAgentInterval *interval,
                                          gpointer                user_data);

/* String forms, as stored in the database and on the wire: "none",
 * "answered", "abandoned", "callback", "transferred", "overflowed";
 * "new", "callback", "transfer", "overflow". from_string gives NONE / NEW
 * for unknown text. */
const char        *plt_contact_outcome_to_string   (PltContactOutcome  outcome);
PltContactOutcome  plt_contact_outcome_from_string (const char        *str);
const char        *plt_contact_origin_to_string    (PltContactOrigin   origin);
PltContactOrigin   plt_contact_origin_from_string  (const char        *str);

/* Returns: (transfer full): a record whose strings the copy owns; free it
 * with plt_contact_record_free(). */
PltContactRecord  *plt_contact_record_copy         (const PltContactRecord *record);
void               plt_contact_record_free         (PltContactRecord       *record);
PltAgentInterval  *plt_agent_interval_copy         (const PltAgentInterval *interval);
void               plt_agent_interval_free         (PltAgentInterval       *interval);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PltContactRecord, plt_contact_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PltAgentInterval, plt_agent_interval_free)

G_END_DECLS
