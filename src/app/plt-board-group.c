/* plt-board-group.c — a team's header row on the agent board, with its
 * agents counted by state
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "plt-board-group-private.h"

G_DEFINE_FINAL_TYPE (PltBoardGroup, plt_board_group, G_TYPE_OBJECT)

enum {
  GROUP_PROP_0,
  GROUP_PROP_TEAM_ID,
  GROUP_PROP_TITLE,
  GROUP_PROP_N_AGENTS,
  GROUP_PROP_SUMMARY,
  GROUP_PROP_AGENTS_TEXT,
  GROUP_PROP_STATES_TEXT,
  GROUP_N_PROPS
};

static GParamSpec *group_properties[GROUP_N_PROPS];

static void
plt_board_group_finalize (GObject *object)
{
  PltBoardGroup *self = PLT_BOARD_GROUP (object);

  g_free (self->team_id);
  g_free (self->title);
  g_free (self->summary);
  g_free (self->agents_text);
  g_free (self->states_text);
  g_free (self->sort_key);

  G_OBJECT_CLASS (plt_board_group_parent_class)->finalize (object);
}

static void
plt_board_group_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PltBoardGroup *self = PLT_BOARD_GROUP (object);

  switch (prop_id)
    {
    case GROUP_PROP_TEAM_ID:
      g_value_set_string (value, self->team_id);
      break;
    case GROUP_PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case GROUP_PROP_N_AGENTS:
      g_value_set_uint (value, self->n_agents);
      break;
    case GROUP_PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;
    case GROUP_PROP_AGENTS_TEXT:
      g_value_set_string (value, self->agents_text);
      break;
    case GROUP_PROP_STATES_TEXT:
      g_value_set_string (value, self->states_text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
plt_board_group_class_init (PltBoardGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = plt_board_group_finalize;
  object_class->get_property = plt_board_group_get_property;

  group_properties[GROUP_PROP_TEAM_ID] = g_param_spec_string ("team-id", NULL, NULL, NULL, flags);
  group_properties[GROUP_PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  group_properties[GROUP_PROP_N_AGENTS] = g_param_spec_uint ("n-agents", NULL, NULL, 0, G_MAXUINT, 0, flags);
  group_properties[GROUP_PROP_SUMMARY] = g_param_spec_string ("summary", NULL, NULL, NULL, flags);
  group_properties[GROUP_PROP_AGENTS_TEXT] = g_param_spec_string ("agents-text", NULL, NULL, NULL, flags);
  group_properties[GROUP_PROP_STATES_TEXT] = g_param_spec_string ("states-text", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, GROUP_N_PROPS, group_properties);
}

static void
plt_board_group_init (PltBoardGroup *self)
{
}

const char *
plt_board_group_get_team_id (PltBoardGroup *self)
{
  g_return_val_if_fail (PLT_IS_BOARD_GROUP (self), NULL);
  return self->team_id;
}

const char *
plt_board_group_get_title (PltBoardGroup *self)
{
  g_return_val_if_fail (PLT_IS_BOARD_GROUP (self), NULL);
  return self->title;
}

guint
plt_board_group_get_n_agents (PltBoardGroup *self)
{
  g_return_val_if_fail (PLT_IS_BOARD_GROUP (self), 0);
  return self->n_agents;
}

const char *
plt_board_group_get_summary (PltBoardGroup *self)
{
  g_return_val_if_fail (PLT_IS_BOARD_GROUP (self), NULL);
  return self->summary;
}

PltBoardTally
_plt_board_tally_of (PltAgentState state)
{
  switch (state)
    {
    case PLT_AGENT_STATE_RINGING:
    case PLT_AGENT_STATE_ON_CALL:
    case PLT_AGENT_STATE_ON_HOLD:
    case PLT_AGENT_STATE_WRAP_UP:
      return PLT_BOARD_TALLY_CONTACT;
    case PLT_AGENT_STATE_AVAILABLE:
      return PLT_BOARD_TALLY_AVAILABLE;
    case PLT_AGENT_STATE_PAUSED:
    case PLT_AGENT_STATE_MISSED:
      return PLT_BOARD_TALLY_PAUSED;
    default:
      return PLT_BOARD_TALLY_OTHER;
    }
}

void
_plt_board_group_count (PltBoardGroup *group,
                        PltBoardTally  tally,
                        int            delta)
{
  group->n_shown += delta;
  switch (tally)
    {
    case PLT_BOARD_TALLY_CONTACT:
      group->on_contact += delta;
      break;
    case PLT_BOARD_TALLY_AVAILABLE:
      group->available += delta;
      break;
    case PLT_BOARD_TALLY_PAUSED:
      group->paused += delta;
      break;
    case PLT_BOARD_TALLY_OTHER:
    default:
      break;
    }
}

/* Under the state column: only what there is, "5 on a contact · 3 available". */
static char *
states_text (PltBoardGroup *group)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (group->on_contact > 0)
    /* Translators: part of a team's header: "5 on a contact" */
    g_ptr_array_add (parts, g_strdup_printf (_("%u on a contact"), group->on_contact));
  if (group->available > 0)
    /* Translators: part of a team's header: "3 available" */
    g_ptr_array_add (parts, g_strdup_printf (_("%u available"), group->available));
  if (group->paused > 0)
    /* Translators: part of a team's header: "2 paused" */
    g_ptr_array_add (parts, g_strdup_printf (_("%u paused"), group->paused));
  g_ptr_array_add (parts, NULL);

  return g_strjoinv (" · ", (char **) parts->pdata);
}

static void
set_text (PltBoardGroup  *group,
          char          **field,
          char           *text,
          guint           prop)
{
  if (g_strcmp0 (*field, text) == 0)
    {
      g_free (text);
      return;
    }

  g_free (*field);
  *field = text;
  g_object_notify_by_pspec (G_OBJECT (group), group_properties[prop]);
}

void
_plt_board_group_apply (PltBoardGroup *group)
{
  g_autofree char *agents = NULL;

  if (!group->dirty)
    return;
  group->dirty = FALSE;

  agents = g_strdup_printf (ngettext ("%u agent", "%u agents", group->n_shown), group->n_shown);
  set_text (group, &group->summary,
            /* Translators: a team's header on the agent board, for a screen reader:
             * "12 agents · 5 on a contact · 3 available · 2 paused" */
            g_strdup_printf (_("%s · %u on a contact · %u available · %u paused"),
                             agents, group->on_contact, group->available, group->paused),
            GROUP_PROP_SUMMARY);
  set_text (group, &group->states_text, states_text (group), GROUP_PROP_STATES_TEXT);
  set_text (group, &group->agents_text, g_steal_pointer (&agents), GROUP_PROP_AGENTS_TEXT);

  if (group->n_agents != group->n_shown)
    {
      group->n_agents = group->n_shown;
      g_object_notify_by_pspec (G_OBJECT (group), group_properties[GROUP_PROP_N_AGENTS]);
    }
}

PltBoardGroup *
_plt_board_group_new (const char *team_id)
{
  PltBoardGroup *group = g_object_new (PLT_TYPE_BOARD_GROUP, NULL);

  group->team_id = g_strdup (team_id);
  return group;
}

gboolean
_plt_board_group_set_title (PltBoardGroup *group,
                            const char    *title)
{
  g_autofree char *folded = NULL;

  if (g_strcmp0 (group->title, title) == 0)
    return FALSE;

  folded = g_utf8_casefold (title, -1);
  g_free (group->title);
  group->title = g_strdup (title);
  g_free (group->sort_key);
  group->sort_key = g_utf8_collate_key (folded, -1);
  g_object_notify_by_pspec (G_OBJECT (group), group_properties[GROUP_PROP_TITLE]);

  return TRUE;
}

int
_plt_board_group_compare (PltBoardGroup *a,
                          PltBoardGroup *b)
{
  int order = strcmp (a->sort_key, b->sort_key);

  return order != 0 ? order : strcmp (a->team_id, b->team_id);
}

void
_plt_board_group_reset (PltBoardGroup *group)
{
  group->n_shown = group->on_contact = group->available = group->paused = 0;
}
