/* plt-view.c — what one session may see and do: filtering by role and scope
 *
 * The rules (docs/protocol.md §8, the role matrix):
 *
 *   admin, manager  everything, unchanged; act on every agent
 *   supervisor      the teams of the account, their agents, the queues those
 *                   agents serve and the calls of those queues; act on the
 *                   agents of those teams
 *   wallboard       teams, queues and agents (of the account's teams when it
 *                   has some), agents without pause reason nor call id; no
 *                   calls at all; act on nothing
 *   agent           their own agent and the calls they handle; act on
 *                   themselves
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "plt-view.h"

struct _PltView
{
  PltRole      role;
  gboolean     everything;
  char        *agent;      /* the agent role's own id */
  GHashTable  *teams;      /* set of team ids; NULL = all */
  GHashTable  *queues;     /* set of queue ids; NULL = all */
  char        *key;
};

PltView *
plt_view_new (const PltUser *user,
              GPtrArray     *agents)
{
  PltView *view = g_new0 (PltView, 1);
  g_autoptr(GString) key = g_string_new (NULL);

  if (user == NULL)
    {
      view->role = PLT_ROLE_ADMIN;
      view->everything = TRUE;
      view->key = g_strdup ("all");
      return view;
    }

  view->role = user->role;
  g_string_append (key, plt_role_to_string (user->role));

  switch (user->role)
    {
    case PLT_ROLE_ADMIN:
    case PLT_ROLE_MANAGER:
      view->everything = TRUE;
      g_string_assign (key, "all");
      break;

    case PLT_ROLE_AGENT:
      view->agent = g_strdup (user->agent != NULL ? user->agent : user->name);
      g_string_append_printf (key, ":%s", view->agent);
      break;

    case PLT_ROLE_SUPERVISOR:
    case PLT_ROLE_WALLBOARD:
    default:
      if (user->teams != NULL && user->teams[0] != NULL)
        {
          view->teams = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          view->queues = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          for (guint i = 0; user->teams[i] != NULL; i++)
            {
              g_hash_table_add (view->teams, g_strdup (user->teams[i]));
              g_string_append_printf (key, ":%s", user->teams[i]);
            }

          for (guint i = 0; agents != NULL && i < agents->len; i++)
            {
              const PltAgentData *agent = g_ptr_array_index (agents, i);

              if (!g_hash_table_contains (view->teams, agent->team))
                continue;
              for (guint q = 0; agent->queues != NULL && agent->queues[q] != NULL; q++)
                if (!g_hash_table_contains (view->queues, agent->queues[q]))
                  g_hash_table_add (view->queues, g_strdup (agent->queues[q]));
            }
        }
      else if (user->role == PLT_ROLE_SUPERVISOR)
        {
          /* A supervisor of no team sees nothing (the database refuses
           * such an account; this is the safe reading of one anyway). */
          view->teams = g_hash_table_new (g_str_hash, g_str_equal);
          view->queues = g_hash_table_new (g_str_hash, g_str_equal);
        }
      break;
    }

  view->key = g_string_free (g_steal_pointer (&key), FALSE);
  return view;
}

void
plt_view_free (PltView *view)
{
  if (view == NULL)
    return;

  g_clear_pointer (&view->teams, g_hash_table_unref);
  g_clear_pointer (&view->queues, g_hash_table_unref);
  g_free (view->agent);
  g_free (view->key);
  g_free (view);
}

const char *
plt_view_get_key (PltView *view)
{
  return view->key;
}

const char *
plt_view_get_role_name (PltView *view)
{
  return plt_role_to_string (view->role);
}

gboolean
plt_view_is_full (PltView *view)
{
  return view->everything;
}

gboolean
plt_view_is_dynamic (PltView *view)
{
  return !view->everything && view->role == PLT_ROLE_AGENT;
}

static gboolean
in_set (GHashTable *set,
        const char *id)
{
  return set == NULL || (id != NULL && g_hash_table_contains (set, id));
}

gpointer
plt_view_filter (PltView       *view,
                 PltAcdEntity   kind,
                 gconstpointer  data)
{
  if (view->everything)
    {
      switch (kind)
        {
        case PLT_ACD_ENTITY_TEAM: return plt_team_data_copy (data);
        case PLT_ACD_ENTITY_AGENT: return plt_agent_data_copy (data);
        case PLT_ACD_ENTITY_QUEUE: return plt_queue_data_copy (data);
        case PLT_ACD_ENTITY_CALL: return plt_call_data_copy (data);
        default: g_return_val_if_reached (NULL);
        }
    }

  if (view->role == PLT_ROLE_AGENT)
    {
      switch (kind)
        {
        case PLT_ACD_ENTITY_AGENT:
          return g_strcmp0 (((const PltAgentData *) data)->id, view->agent) == 0
                 ? plt_agent_data_copy (data) : NULL;
        case PLT_ACD_ENTITY_CALL:
          return g_strcmp0 (((const PltCallData *) data)->agent, view->agent) == 0
                 ? plt_call_data_copy (data) : NULL;
        case PLT_ACD_ENTITY_TEAM:
        case PLT_ACD_ENTITY_QUEUE:
        default:
          return NULL;
        }
    }

  switch (kind)
    {
    case PLT_ACD_ENTITY_TEAM:
      return in_set (view->teams, ((const PltTeamData *) data)->id) ? plt_team_data_copy (data) : NULL;

    case PLT_ACD_ENTITY_QUEUE:
      return in_set (view->queues, ((const PltQueueData *) data)->id) ? plt_queue_data_copy (data) : NULL;

    case PLT_ACD_ENTITY_AGENT:
      {
        PltAgentData *agent;

        if (!in_set (view->teams, ((const PltAgentData *) data)->team))
          return NULL;

        agent = plt_agent_data_copy (data);
        if (view->role == PLT_ROLE_WALLBOARD)
          {
            /* A wall display shows who is in which state, not why. */
            g_clear_pointer (&agent->reason, g_free);
            g_clear_pointer (&agent->call, g_free);
          }
        return agent;
      }

    case PLT_ACD_ENTITY_CALL:
      if (view->role == PLT_ROLE_WALLBOARD)
        return NULL;
      return in_set (view->queues, ((const PltCallData *) data)->queue) ? plt_call_data_copy (data) : NULL;

    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
plt_view_may_act_on (PltView             *view,
                     const PltAgentData  *agent,
                     const char          *agent_id,
                     GError             **error)
{
  if (view->everything)
    return TRUE;

  switch (view->role)
    {
    case PLT_ROLE_AGENT:
      if (g_strcmp0 (agent_id, view->agent) == 0)
        return TRUE;
      g_set_error_literal (error, PLT_PROTOCOL_ERROR, PLT_PROTOCOL_ERROR_FORBIDDEN,
                           "an agent account may only change its own status");
      return FALSE;

    case PLT_ROLE_SUPERVISOR:
      /* Unknown and out of scope read the same: no way to probe ids. */
      if (agent != NULL && in_set (view->teams, agent->team))
        return TRUE;
      g_set_error (error, PLT_PROTOCOL_ERROR, PLT_PROTOCOL_ERROR_FORBIDDEN,
                   "agent “%s” is not in the teams you supervise", agent_id);
      return FALSE;

    case PLT_ROLE_WALLBOARD:
      g_set_error_literal (error, PLT_PROTOCOL_ERROR, PLT_PROTOCOL_ERROR_FORBIDDEN,
                           "a wallboard account is read-only");
      return FALSE;

    case PLT_ROLE_MANAGER:
    case PLT_ROLE_ADMIN:
    default:
      return TRUE;
    }
}
