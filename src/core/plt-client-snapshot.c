/* plt-client-snapshot.c — the client's side of the stream: deltas applied
 * by seq (duplicates dropped, a gap asks for a resync), snapshots
 * collected aside and swapped into the model in one step, the deltas that
 * came meanwhile applied after it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "plt-client-private.h"

/* ------------------------------------------------------------------------ */
/* Snapshot and buffer                                                       */
/* ------------------------------------------------------------------------ */

void
_plt_client_snapshot_reset (PltClient *self)
{
  self->in_snapshot = FALSE;
  self->snapshot_next = 0;
  self->snapshot_parts = 0;
  g_clear_pointer (&self->snapshot_id, g_free);
  for (guint k = 0; k < N_KINDS; k++)
    {
      self->snapshot_counts[k] = 0;
      g_clear_pointer (&self->snapshot_data[k], g_ptr_array_unref);
    }
}

void
_plt_client_buffer_reset (PltClient *self)
{
  if (self->buffered->len > 0)
    g_ptr_array_set_size (self->buffered, 0);
}

void
_plt_client_request_resync (PltClient *self)
{
  g_autofree char *text = plt_protocol_encode_resync (self->last_seq);

  g_debug ("Asking %s for a new snapshot after seq %" G_GINT64_FORMAT,
           self->address, self->last_seq);

  _plt_client_snapshot_reset (self);
  _plt_client_buffer_reset (self);
  _plt_client_send_text (self, text);
  self->awaiting_snapshot = TRUE;
  self->snapshot_deadline = g_get_monotonic_time () + (gint64) self->snapshot_timeout_ms * 1000;
  _plt_client_set_state (self, PLT_CONNECTION_STATE_SYNCING);
}

/* Applies one live delta under the seq rules: a duplicate is dropped, a
 * gap asks for a new snapshot (and sets awaiting_snapshot). */
void
_plt_client_apply_live_delta (PltClient  *self,
                              PltMessage *message)
{
  if (message->seq <= self->last_seq)
    return;   /* a duplicate */

  if (message->seq > self->last_seq + 1)
    {
      _plt_client_request_resync (self);
      return;
    }

  plt_model_apply_delta (self->model, message);
  _plt_client_set_last_seq (self, message->seq);
}

void
_plt_client_buffer_delta (PltClient  *self,
                          PltMessage *message)
{
  if (self->buffered->len >= MAX_BUFFERED)
    {
      _plt_client_lose_link (self, _("The router sent too many changes without a snapshot; reconnecting"), FALSE);
      plt_message_free (message);
      return;
    }

  g_ptr_array_add (self->buffered, message);
}

void
_plt_client_snapshot_begin (PltClient        *self,
                            const PltMessage *message)
{
  const PltSnapshotBeginData *begin = &message->u.snapshot_begin;

  /* A snapshot older than what was already applied: the stream went
   * backwards (docs/protocol.md §3), as for a heartbeat below last_seq. */
  if (begin->as_of_seq < self->last_seq)
    {
      _plt_client_lose_link (self, _("The router’s event stream went backwards; loading all data again"), TRUE);
      self->can_resume = FALSE;
      return;
    }

  _plt_client_snapshot_reset (self);

  self->in_snapshot = TRUE;
  self->awaiting_snapshot = FALSE;
  self->snapshot_id = g_strdup (begin->snapshot_id);
  self->snapshot_as_of = begin->as_of_seq;
  self->snapshot_parts = begin->parts;
  self->snapshot_next = 0;
  self->snapshot_counts[KIND_TEAMS] = begin->count_teams;
  self->snapshot_counts[KIND_AGENTS] = begin->count_agents;
  self->snapshot_counts[KIND_QUEUES] = begin->count_queues;
  self->snapshot_counts[KIND_CALLS] = begin->count_calls;
  self->snapshot_data[KIND_TEAMS] = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_team_data_free);
  self->snapshot_data[KIND_AGENTS] = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_agent_data_free);
  self->snapshot_data[KIND_QUEUES] = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_queue_data_free);
  self->snapshot_data[KIND_CALLS] = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_call_data_free);
  self->snapshot_deadline = g_get_monotonic_time () + (gint64) self->snapshot_timeout_ms * 1000;

  _plt_client_set_state (self, PLT_CONNECTION_STATE_SYNCING);
}

/* Moves the entities of a part into the collected snapshot. */
static gboolean
take_entities (PltClient *self,
               guint      kind,
               GPtrArray *from)
{
  GPtrArray *to = self->snapshot_data[kind];
  gsize n = 0;
  gpointer *items;

  if (from == NULL || from->len == 0)
    return TRUE;

  if ((gint64) (to->len + from->len) > self->snapshot_counts[kind])
    return FALSE;

  items = g_ptr_array_steal (from, &n);
  for (gsize i = 0; i < n; i++)
    g_ptr_array_add (to, items[i]);
  g_free (items);

  return TRUE;
}

static void
snapshot_inconsistent (PltClient  *self,
                       const char *what)
{
  g_debug ("Snapshot from %s discarded: %s", self->address, what);
  _plt_client_set_last_error (self, _("The data from the router was incomplete; asking for it again"));
  _plt_client_request_resync (self);
}

void
_plt_client_snapshot_part (PltClient  *self,
                           PltMessage *message)
{
  PltSnapshotPartData *part = &message->u.snapshot_part;

  if (!self->in_snapshot)
    {
      if (!self->awaiting_snapshot)
        snapshot_inconsistent (self, "part without a beginning");
      return;
    }

  if (g_strcmp0 (part->snapshot_id, self->snapshot_id) != 0)
    {
      snapshot_inconsistent (self, "part of another snapshot");
      return;
    }

  if (part->index != self->snapshot_next || part->index >= self->snapshot_parts)
    {
      snapshot_inconsistent (self, "part out of order");
      return;
    }

  if (!take_entities (self, KIND_TEAMS, part->teams) ||
      !take_entities (self, KIND_AGENTS, part->agents) ||
      !take_entities (self, KIND_QUEUES, part->queues) ||
      !take_entities (self, KIND_CALLS, part->calls))
    {
      snapshot_inconsistent (self, "more entities than announced");
      return;
    }

  self->snapshot_next++;
}

void
_plt_client_snapshot_end (PltClient        *self,
                          const PltMessage *message)
{
  g_autoptr(GPtrArray) buffered = NULL;

  if (!self->in_snapshot)
    {
      if (!self->awaiting_snapshot)
        snapshot_inconsistent (self, "end without a beginning");
      return;
    }

  if (g_strcmp0 (message->u.snapshot_end_id, self->snapshot_id) != 0)
    {
      snapshot_inconsistent (self, "end of another snapshot");
      return;
    }

  if (self->snapshot_next != self->snapshot_parts)
    {
      snapshot_inconsistent (self, "missing parts");
      return;
    }

  for (guint k = 0; k < N_KINDS; k++)
    if ((gint64) self->snapshot_data[k]->len != self->snapshot_counts[k])
      {
        snapshot_inconsistent (self, "counts do not match");
        return;
      }

  plt_model_replace_all (self->model,
                         self->snapshot_data[KIND_TEAMS],
                         self->snapshot_data[KIND_AGENTS],
                         self->snapshot_data[KIND_QUEUES],
                         self->snapshot_data[KIND_CALLS]);

  g_debug ("Snapshot %s from %s applied, as of seq %" G_GINT64_FORMAT,
           self->snapshot_id, self->address, self->snapshot_as_of);

  _plt_client_set_last_seq (self, self->snapshot_as_of);
  _plt_client_snapshot_reset (self);
  self->snapshot_deadline = 0;

  /* The deltas that came meanwhile, those past the snapshot only. */
  buffered = g_steal_pointer (&self->buffered);
  self->buffered = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_message_free);
  for (guint i = 0; i < buffered->len; i++)
    {
      _plt_client_apply_live_delta (self, g_ptr_array_index (buffered, i));
      if (self->awaiting_snapshot)
        return;
    }

  if (self->state != PLT_CONNECTION_STATE_LIVE)
    {
      /* Live on a new link: the problems before it are over. */
      if (self->live_since == 0)
        {
          self->live_since = g_get_monotonic_time ();
          _plt_client_set_last_error (self, NULL);
        }
      _plt_client_set_retry_at (self, 0);
      _plt_client_set_state (self, PLT_CONNECTION_STATE_LIVE);
    }

  _plt_client_maybe_ack (self);
  _plt_client_kpi_synced (self);
  g_signal_emit (self, _plt_client_signals[SYNCED], 0);
}
