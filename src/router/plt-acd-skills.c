/* plt-acd-skills.c — a supervisor changes an agent's queues and levels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>

#include "plt-acd-private.h"

static void
clear_memberships (Agent *agent)
{
  for (guint i = 0; i < agent->n_members; i++)
    g_ptr_array_remove_fast (agent->members[i].queue->members, &agent->members[i]);

  g_clear_pointer (&agent->members, g_free);
  g_clear_pointer (&agent->queue_ids, g_strfreev);
  agent->n_members = 0;
  agent->dials = FALSE;
  agent->takes_email = FALSE;
}

gboolean
plt_acd_set_agent_skills (PltAcd              *self,
                          const char          *agent_id,
                          const PltAgentSkill *skills,
                          guint                n_skills,
                          GError             **error)
{
  g_autofree Queue **queues = NULL;
  Agent *agent;

  g_return_val_if_fail (PLT_IS_ACD (self), FALSE);
  g_return_val_if_fail (agent_id != NULL, FALSE);
  g_return_val_if_fail (n_skills == 0 || skills != NULL, FALSE);
  g_return_val_if_fail (!self->in_advance, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  agent = g_hash_table_lookup (self->agents_by_id, agent_id);
  if (agent == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "there is no agent “%s”", agent_id);
      return FALSE;
    }

  /* Check everything before changing anything. */
  queues = g_new0 (Queue *, n_skills + 1);
  for (guint i = 0; i < n_skills; i++)
    {
      queues[i] = g_hash_table_lookup (self->queues_by_id, skills[i].queue);
      if (queues[i] == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       "there is no queue “%s”", skills[i].queue);
          return FALSE;
        }
      if (skills[i].level < 1 || skills[i].level > PLT_SCENARIO_MAX_LEVEL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       "the level on “%s” must be from 1 to %d", skills[i].queue, PLT_SCENARIO_MAX_LEVEL);
          return FALSE;
        }
      for (guint j = 0; j < i; j++)
        if (queues[j] == queues[i])
          {
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                         "the queue “%s” is named twice", skills[i].queue);
            return FALSE;
          }
    }

  /* Out of the old queues: their idle lists and their counts. */
  _plt_routing_unlink_agent (agent);
  _plt_acd_agent_count (self, agent, -1);
  clear_memberships (agent);

  agent->n_members = n_skills;
  agent->members = g_new0 (Member, MAX (n_skills, 1));
  agent->queue_ids = g_new0 (char *, n_skills + 1);
  for (guint i = 0; i < n_skills; i++)
    {
      Member *member = &agent->members[i];

      member->agent = agent;
      member->queue = queues[i];
      member->level = skills[i].level;
      agent->queue_ids[i] = g_strdup (queues[i]->spec->id);
      agent->dials |= queues[i]->spec->media == PLT_QUEUE_MEDIA_OUTBOUND;
      agent->takes_email |= queues[i]->spec->media == PLT_QUEUE_MEDIA_EMAIL;
      g_ptr_array_add (queues[i]->members, member);
    }

  /* Into the new ones; an idle agent may take a waiting contact at once. */
  _plt_acd_agent_count (self, agent, +1);
  _plt_routing_update_agent (self, agent);
  _plt_acd_mark_agent (self, agent);
  if (_plt_acd_agent_is_available (agent))
    _plt_acd_agent_became_available (self, agent);

  _plt_acd_flush_dirty (self);
  return TRUE;
}
