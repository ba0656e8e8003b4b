/* plt-board-model.c — the agent board's rows, announced once per frame
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>
#include <glib/gi18n.h>

#include "plt-agent.h"
#include "plt-board-model.h"

/* PltBoardGroup ----------------------------------------------------------- */

struct _PltBoardGroup
{
  GObject  parent_instance;

  char    *team_id;
  char    *title;
  char    *summary;
  char    *agents_text;
  char    *states_text;
  guint    n_agents;
};

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

/* Counts of one group while the rows are rebuilt. */
typedef struct
{
  PltBoardGroup *group;
  guint          n_agents;
  guint          on_contact;
  guint          available;
  guint          paused;
} Tally;

static void
tally_add (Tally    *tally,
           PltAgent *agent)
{
  tally->n_agents++;
  switch (plt_agent_get_state (agent))
    {
    case PLT_AGENT_STATE_RINGING:
    case PLT_AGENT_STATE_ON_CALL:
    case PLT_AGENT_STATE_ON_HOLD:
    case PLT_AGENT_STATE_WRAP_UP:
      tally->on_contact++;
      break;
    case PLT_AGENT_STATE_AVAILABLE:
      tally->available++;
      break;
    case PLT_AGENT_STATE_PAUSED:
    case PLT_AGENT_STATE_MISSED:
      tally->paused++;
      break;
    default:
      break;
    }
}

/* Under the state column: only what there is, "5 on a contact · 3 available". */
static char *
states_text (const Tally *tally)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (tally->on_contact > 0)
    /* Translators: part of a team's header: "5 on a contact" */
    g_ptr_array_add (parts, g_strdup_printf (_("%u on a contact"), tally->on_contact));
  if (tally->available > 0)
    /* Translators: part of a team's header: "3 available" */
    g_ptr_array_add (parts, g_strdup_printf (_("%u available"), tally->available));
  if (tally->paused > 0)
    /* Translators: part of a team's header: "2 paused" */
    g_ptr_array_add (parts, g_strdup_printf (_("%u paused"), tally->paused));
  g_ptr_array_add (parts, NULL);

  return g_strjoinv (" · ", (char **) parts->pdata);
}

static void
set_text (PltBoardGroup  *group,
          char          **field,
          const char     *text,
          guint           prop)
{
  if (g_strcmp0 (*field, text) == 0)
    return;

  g_free (*field);
  *field = g_strdup (text);
  g_object_notify_by_pspec (G_OBJECT (group), group_properties[prop]);
}

static void
tally_apply (Tally *tally)
{
  PltBoardGroup *group = tally->group;
  g_autofree char *summary = NULL;
  g_autofree char *agents = NULL;
  g_autofree char *states = NULL;

  if (group == NULL)
    return;

  agents = g_strdup_printf (ngettext ("%u agent", "%u agents", tally->n_agents), tally->n_agents);
  /* Translators: a team's header on the agent board, for a screen reader:
   * "12 agents · 5 on a contact · 3 available · 2 paused" */
  summary = g_strdup_printf (_("%s · %u on a contact · %u available · %u paused"),
                             agents, tally->on_contact, tally->available, tally->paused);
  states = states_text (tally);

  set_text (group, &group->agents_text, agents, GROUP_PROP_AGENTS_TEXT);
  set_text (group, &group->states_text, states, GROUP_PROP_STATES_TEXT);

  if (group->n_agents != tally->n_agents)
    {
      group->n_agents = tally->n_agents;
      g_object_notify_by_pspec (G_OBJECT (group), group_properties[GROUP_PROP_N_AGENTS]);
    }
  if (g_strcmp0 (group->summary, summary) != 0)
    {
      g_free (group->summary);
      group->summary = g_steal_pointer (&summary);
      g_object_notify_by_pspec (G_OBJECT (group), group_properties[GROUP_PROP_SUMMARY]);
    }
}

/* PltBoardModel ----------------------------------------------------------- */

struct _PltBoardModel
{
  GObject     parent_instance;

  GListModel *model;
  gulong      items_changed_id;
  GPtrArray  *items;        /* GObject*, owned: what was last announced */
  GHashTable *groups;       /* team id → PltBoardGroup*, owned */
  guint       rebuild_id;
  guint       n_pending;
  guint64     n_rebuilds;

  guint       grouped : 1;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PltBoardModel, plt_board_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_MODEL,
  PROP_GROUPED,
  PROP_N_PENDING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Before GTK lays out and draws the frame (GTK_PRIORITY_RESIZE is
 * G_PRIORITY_HIGH_IDLE + 10, drawing + 20). */
#define REBUILD_PRIORITY (G_PRIORITY_HIGH_IDLE + 5)

static GType
plt_board_model_get_item_type (GListModel *model)
{
  return G_TYPE_OBJECT;
}

static guint
plt_board_model_get_n_items (GListModel *model)
{
  return PLT_BOARD_MODEL (model)->items->len;
}

static gpointer
plt_board_model_get_item (GListModel *model,
                          guint       position)
{
  PltBoardModel *self = PLT_BOARD_MODEL (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = plt_board_model_get_item_type;
  iface->get_n_items = plt_board_model_get_n_items;
  iface->get_item = plt_board_model_get_item;
}

static PltBoardGroup *
ensure_group (PltBoardModel *self,
              PltAgent      *agent)
{
  const char *team_id = plt_agent_get_team_id (agent);
  const char *title = plt_agent_get_team_name (agent);
  PltBoardGroup *group;

  if (team_id == NULL)
    team_id = "";
  if (title == NULL || title[0] == '\0')
    title = team_id[0] != '\0' ? team_id : _("No team");

  group = g_hash_table_lookup (self->groups, team_id);
  if (group == NULL)
    {
      group = g_object_new (PLT_TYPE_BOARD_GROUP, NULL);
      group->team_id = g_strdup (team_id);
      g_hash_table_insert (self->groups, group->team_id, group);
    }

  if (g_strcmp0 (group->title, title) != 0)
    {
      g_free (group->title);
      group->title = g_strdup (title);
      g_object_notify_by_pspec (G_OBJECT (group), group_properties[GROUP_PROP_TITLE]);
    }

  return group;
}

static GPtrArray *
build_rows (PltBoardModel *self)
{
  guint n = self->model != NULL ? g_list_model_get_n_items (self->model) : 0;
  GPtrArray *rows = g_ptr_array_new_full (n + (self->grouped ? 16 : 0), g_object_unref);
  Tally tally = { NULL, 0, 0, 0, 0 };

  for (guint i = 0; i < n; i++)
    {
      PltAgent *agent = g_list_model_get_item (self->model, i);

      if (self->grouped)
        {
          PltBoardGroup *group = ensure_group (self, agent);

          if (group != tally.group)
            {
              tally_apply (&tally);
              tally = (Tally) { group, 0, 0, 0, 0 };
              g_ptr_array_add (rows, g_object_ref (group));
            }
          tally_add (&tally, agent);
        }

      /* The reference of get_item() goes to the array. */
      g_ptr_array_add (rows, agent);
    }
  tally_apply (&tally);

  return rows;
}

static void
rebuild (PltBoardModel *self)
{
  g_autoptr(GPtrArray) old = self->items;
  guint old_len = old->len;
  guint new_len;
  guint prefix = 0;
  guint suffix = 0;

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  self->items = build_rows (self);
  new_len = self->items->len;
  self->n_rebuilds++;

  if (self->n_pending != 0)
    {
      self->n_pending = 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PENDING]);
    }

  /* Announce only what lies between the unchanged head and tail. */
  while (prefix < old_len && prefix < new_len &&
         g_ptr_array_index (old, prefix) == g_ptr_array_index (self->items, prefix))
    prefix++;
  while (suffix < old_len - prefix && suffix < new_len - prefix &&
         g_ptr_array_index (old, old_len - 1 - suffix) == g_ptr_array_index (self->items, new_len - 1 - suffix))
    suffix++;

  if (prefix == old_len && prefix == new_len)
    return;

  g_list_model_items_changed (G_LIST_MODEL (self), prefix, old_len - prefix - suffix, new_len - prefix - suffix);
}

static gboolean
rebuild_cb (gpointer user_data)
{
  PltBoardModel *self = user_data;

  self->rebuild_id = 0;
  rebuild (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_rebuild (PltBoardModel *self)
{
  self->n_pending++;
  if (self->n_pending == 1)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PENDING]);

  if (self->rebuild_id != 0)
    return;

  self->rebuild_id = g_idle_add_full (REBUILD_PRIORITY, rebuild_cb, self, NULL);
  g_source_set_name_by_id (self->rebuild_id, "[plateau] agent board rows");
}

static void
source_items_changed_cb (GListModel    *model,
                         guint          position,
                         guint          removed,
                         guint          added,
                         PltBoardModel *self)
{
  schedule_rebuild (self);
}

static void
plt_board_model_dispose (GObject *object)
{
  PltBoardModel *self = PLT_BOARD_MODEL (object);

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  g_clear_signal_handler (&self->items_changed_id, self->model);
  g_clear_object (&self->model);
  if (self->items != NULL)
    g_ptr_array_set_size (self->items, 0);

  G_OBJECT_CLASS (plt_board_model_parent_class)->dispose (object);
}

static void
plt_board_model_finalize (GObject *object)
{
  PltBoardModel *self = PLT_BOARD_MODEL (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->groups, g_hash_table_unref);

  G_OBJECT_CLASS (plt_board_model_parent_class)->finalize (object);
}

static void
plt_board_model_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PltBoardModel *self = PLT_BOARD_MODEL (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_GROUPED:
      g_value_set_boolean (value, self->grouped);
      break;
    case PROP_N_PENDING:
      g_value_set_uint (value, self->n_pending);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
plt_board_model_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  PltBoardModel *self = PLT_BOARD_MODEL (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      plt_board_model_set_model (self, g_value_get_object (value));
      break;
    case PROP_GROUPED:
      plt_board_model_set_grouped (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
plt_board_model_class_init (PltBoardModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = plt_board_model_dispose;
  object_class->finalize = plt_board_model_finalize;
  object_class->get_property = plt_board_model_get_property;
  object_class->set_property = plt_board_model_set_property;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_GROUPED] =
    g_param_spec_boolean ("grouped", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_PENDING] =
    g_param_spec_uint ("n-pending", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
plt_board_model_init (PltBoardModel *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->groups = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
}

PltBoardModel *
plt_board_model_new (GListModel *model)
{
  g_return_val_if_fail (model == NULL || G_IS_LIST_MODEL (model), NULL);

  return g_object_new (PLT_TYPE_BOARD_MODEL, "model", model, NULL);
}

void
plt_board_model_set_model (PltBoardModel *self,
                           GListModel    *model)
{
  g_return_if_fail (PLT_IS_BOARD_MODEL (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (self->model == model)
    return;

  g_clear_signal_handler (&self->items_changed_id, self->model);
  g_set_object (&self->model, model);
  if (model != NULL)
    self->items_changed_id = g_signal_connect (model, "items-changed",
                                               G_CALLBACK (source_items_changed_cb), self);

  /* A new source is shown at once: there is nothing to coalesce. */
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

gboolean
plt_board_model_get_grouped (PltBoardModel *self)
{
  g_return_val_if_fail (PLT_IS_BOARD_MODEL (self), FALSE);

  return self->grouped;
}

void
plt_board_model_set_grouped (PltBoardModel *self,
                             gboolean       grouped)
{
  g_return_if_fail (PLT_IS_BOARD_MODEL (self));

  grouped = !!grouped;
  if (self->grouped == grouped)
    return;

  self->grouped = grouped;
  schedule_rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GROUPED]);
}

gboolean
plt_board_model_flush (PltBoardModel *self)
{
  g_return_val_if_fail (PLT_IS_BOARD_MODEL (self), FALSE);

  if (self->n_pending == 0)
    return FALSE;

  rebuild (self);
  return TRUE;
}

guint
plt_board_model_get_n_pending (PltBoardModel *self)
{
  g_return_val_if_fail (PLT_IS_BOARD_MODEL (self), 0);

  return self->n_pending;
}

guint
plt_board_model_find (PltBoardModel *self,
                      gpointer       item)
{
  guint position;

  g_return_val_if_fail (PLT_IS_BOARD_MODEL (self), GTK_INVALID_LIST_POSITION);

  if (item != NULL && g_ptr_array_find (self->items, item, &position))
    return position;

  return GTK_INVALID_LIST_POSITION;
}

guint64
plt_board_model_get_n_rebuilds (PltBoardModel *self)
{
  g_return_val_if_fail (PLT_IS_BOARD_MODEL (self), 0);

  return self->n_rebuilds;
}
