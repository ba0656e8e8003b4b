/* plt-board-model.c — the agent board's rows, filtered, sorted and grouped
 * as the agents change
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>
#include <glib/gi18n.h>

#include "plt-agent.h"
#include "plt-board-group-private.h"
#include "plt-board-model.h"

/* PltBoardModel ----------------------------------------------------------- */

/* More agents than this in one announcement of the source rebuild the rows:
 * one sort beats that many single moves, each shifting the rows. */
#define BULK_CHANGES 64

typedef struct
{
  PltAgent      *agent;      /* owned */
  PltBoardGroup *group;      /* counted in, while shown and grouped */
  guint          hint;       /* where the agent was last seen among the rows */
  guint          mark;       /* last source announcement that listed it */
  PltBoardTally     tallied;
  guint          shown : 1;
} Entry;

struct _PltBoardModel
{
  GObject     parent_instance;

  GListModel *model;
  gulong      items_changed_id;
  GtkFilter  *filter;
  gulong      filter_changed_id;
  GtkSorter  *sorter;
  gulong      sorter_changed_id;

  GPtrArray  *source;       /* the model's items in its order (the entries own them) */
  GHashTable *entries;      /* PltAgent* → Entry*, owned */
  GPtrArray  *rows;         /* GObject*, owned: what was last announced */
  GHashTable *groups;       /* team id → PltBoardGroup*, owned */
  GPtrArray  *dirty;        /* groups whose texts are to be made */
  guint       n_shown;
  guint       mark;
  guint64     n_rebuilds;
  guint64     n_moves;

  guint       grouped : 1;
  guint       regroup : 1;  /* a shown team was renamed: rebuild */
  guint       paused : 1;
  guint       stale : 1;    /* changed while paused: rebuild when resumed */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PltBoardModel, plt_board_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_MODEL,
  PROP_FILTER,
  PROP_SORTER,
  PROP_GROUPED,
  PROP_PAUSED,
  PROP_N_AGENTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
plt_board_model_get_item_type (GListModel *model)
{
  return G_TYPE_OBJECT;
}

static guint
plt_board_model_get_n_items (GListModel *model)
{
  return PLT_BOARD_MODEL (model)->rows->len;
}

static gpointer
plt_board_model_get_item (GListModel *model,
                          guint       position)
{
  PltBoardModel *self = PLT_BOARD_MODEL (model);

  if (position >= self->rows->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->rows, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = plt_board_model_get_item_type;
  iface->get_n_items = plt_board_model_get_n_items;
  iface->get_item = plt_board_model_get_item;
}

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_object_unref (entry->agent);
  g_free (entry);
}

static Entry *
lookup_entry (PltBoardModel *self,
              gpointer       agent)
{
  return g_hash_table_lookup (self->entries, agent);
}

/* Ordering ---------------------------------------------------------------- */

static void
mark_dirty (PltBoardModel *self,
            PltBoardGroup *group)
{
  if (!group->dirty)
    g_ptr_array_add (self->dirty, group);
  group->dirty = TRUE;
}

static void
apply_groups (PltBoardModel *self)
{
  for (guint i = 0; i < self->dirty->len; i++)
    _plt_board_group_apply (g_ptr_array_index (self->dirty, i));
  g_ptr_array_set_size (self->dirty, 0);
}

/* The header of the agent's team, made if need be. The team is the live
 * one: an agent keeps the group it was counted in until it is announced
 * (Entry.group), and a group's name is its team's, whichever agent tells
 * it. */
static PltBoardGroup *
ensure_group (PltBoardModel *self,
              PltAgent      *agent)
{
  const char *team_id = plt_agent_get_team_id (agent) != NULL ? plt_agent_get_team_id (agent) : "";
  const char *title = plt_agent_get_team_name (agent);
  PltBoardGroup *group;

  if (title == NULL || title[0] == '\0')
    title = team_id[0] != '\0' ? team_id : _("No team");

  group = g_hash_table_lookup (self->groups, team_id);
  if (group == NULL)
    {
      group = _plt_board_group_new (team_id);
      g_hash_table_insert (self->groups, group->team_id, group);
    }

  /* Renamed, its rows are in the wrong place among the others. */
  if (_plt_board_group_set_title (group, title) && group->n_shown > 0)
    self->regroup = TRUE;

  return group;
}

static PltBoardGroup *
group_of_row (PltBoardModel *self,
              gpointer       row)
{
  if (PLT_IS_BOARD_GROUP (row))
    return row;

  return lookup_entry (self, row)->group;
}

/* The rows' order: by team when grouped (the header first), then by the
 * sorter, then by agent id. */
static int
compare_rows (PltBoardModel *self,
              gpointer       a,
              gpointer       b)
{
  int order;

  if (a == b)
    return 0;

  if (self->grouped)
    {
      PltBoardGroup *group_a = group_of_row (self, a);
      PltBoardGroup *group_b = group_of_row (self, b);

      if (group_a != group_b)
        return _plt_board_group_compare (group_a, group_b);
      if (PLT_IS_BOARD_GROUP (a))
        return -1;
      if (PLT_IS_BOARD_GROUP (b))
        return 1;
    }

  if (self->sorter != NULL)
    {
      order = gtk_sorter_compare (self->sorter, a, b);
      if (order != GTK_ORDERING_EQUAL)
        return order;
    }

  return strcmp (plt_agent_get_id (a), plt_agent_get_id (b));
}

static int
compare_rows_cb (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  return compare_rows (user_data, *(gpointer *) a, *(gpointer *) b);
}

/* Where @probe goes among the rows, the row at @skip left out (G_MAXUINT:
 * none): a position in the rows without it. */
static guint
lower_bound (PltBoardModel *self,
             gpointer       probe,
             guint          skip)
{
  guint n = self->rows->len - (skip < self->rows->len ? 1 : 0);
  guint low = 0;
  guint high = n;

  while (low < high)
    {
      guint middle = low + (high - low) / 2;
      guint real = skip < self->rows->len && middle >= skip ? middle + 1 : middle;

      if (compare_rows (self, g_ptr_array_index (self->rows, real), probe) < 0)
        low = middle + 1;
      else
        high = middle;
    }

  return low;
}

/* The position of @row, looked for from where it was last seen: rows
 * drift by as many places as other rows moved since. */
static guint
find_row (PltBoardModel *self,
          gpointer       row,
          guint          hint)
{
  guint n = self->rows->len;

  if (hint < n && g_ptr_array_index (self->rows, hint) == row)
    return hint;

  hint = MIN (hint, n);
  for (guint distance = 1; distance <= n; distance++)
    {
      gboolean inside = FALSE;

      if (hint >= distance)
        {
          inside = TRUE;
          if (g_ptr_array_index (self->rows, hint - distance) == row)
            return hint - distance;
        }
      if (hint + distance < n)
        {
          inside = TRUE;
          if (g_ptr_array_index (self->rows, hint + distance) == row)
            return hint + distance;
        }
      if (!inside)
        break;
    }

  return GTK_INVALID_LIST_POSITION;
}

/* Single moves ------------------------------------------------------------ */

static void
announce (PltBoardModel *self,
          guint          position,
          guint          removed,
          guint          added)
{
  self->n_moves++;
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static void
hide_entry (PltBoardModel *self,
            Entry         *entry)
{
  guint position = find_row (self, entry->agent, entry->hint);
  guint n = 1;

  g_return_if_fail (position != GTK_INVALID_LIST_POSITION);

  entry->shown = FALSE;
  self->n_shown--;
  if (entry->group != NULL)
    {
      PltBoardGroup *group = g_steal_pointer (&entry->group);

      _plt_board_group_count (group, entry->tallied, -1);
      mark_dirty (self, group);
      /* The team's last agent takes its header along. */
      if (group->n_shown == 0 && position > 0 && g_ptr_array_index (self->rows, position - 1) == group)
        {
          position--;
          n++;
        }
    }

  g_ptr_array_remove_range (self->rows, position, n);
  announce (self, position, n, 0);
}

static void
show_entry (PltBoardModel *self,
            Entry         *entry)
{
  PltBoardGroup *group = NULL;
  guint position;
  guint n = 1;

  entry->tallied = _plt_board_tally_of (plt_agent_get_sort_keys (entry->agent)->state);
  if (self->grouped)
    {
      group = ensure_group (self, entry->agent);
      entry->group = group;
    }

  if (group != NULL && group->n_shown == 0)
    {
      /* The team's first agent comes with its header. */
      position = lower_bound (self, group, G_MAXUINT);
      g_ptr_array_insert (self->rows, position, g_object_ref (group));
      group->hint = position;
      g_ptr_array_insert (self->rows, position + 1, g_object_ref (entry->agent));
      entry->hint = position + 1;
      n = 2;
    }
  else
    {
      position = lower_bound (self, entry->agent, G_MAXUINT);
      g_ptr_array_insert (self->rows, position, g_object_ref (entry->agent));
      entry->hint = position;
    }

  if (group != NULL)
    {
      _plt_board_group_count (group, entry->tallied, 1);
      mark_dirty (self, group);
    }
  entry->shown = TRUE;
  self->n_shown++;
  announce (self, position, 0, n);
}

/* An agent that stays shown, in the same team, goes to its new place. */
static void
move_entry (PltBoardModel *self,
            Entry         *entry)
{
  guint from = find_row (self, entry->agent, entry->hint);
  guint to;

  g_return_if_fail (from != GTK_INVALID_LIST_POSITION);

  if (entry->group != NULL)
    {
      PltBoardTally tallied = _plt_board_tally_of (plt_agent_get_sort_keys (entry->agent)->state);

      if (tallied != entry->tallied)
        {
          _plt_board_group_count (entry->group, entry->tallied, -1);
          _plt_board_group_count (entry->group, tallied, 1);
          entry->tallied = tallied;
          mark_dirty (self, entry->group);
        }
    }

  to = lower_bound (self, entry->agent, from);
  entry->hint = to;
  if (to == from)
    return;

  /* Each emission must find the rows as it says: without the agent, then
   * with it in its new place. */
  g_ptr_array_steal_index (self->rows, from);
  announce (self, from, 1, 0);
  g_ptr_array_insert (self->rows, to, entry->agent);
  announce (self, to, 0, 1);
}

static gboolean
matches (PltBoardModel *self,
         PltAgent      *agent)
{
  return self->filter == NULL || gtk_filter_match (self->filter, agent);
}

static void
update_entry (PltBoardModel *self,
              Entry         *entry)
{
  gboolean match = matches (self, entry->agent);

  if (!match)
    {
      if (entry->shown)
        hide_entry (self, entry);
      return;
    }

  if (!entry->shown)
    {
      show_entry (self, entry);
      return;
    }

  if (self->grouped && ensure_group (self, entry->agent) != entry->group)
    {
      /* Into another team. */
      hide_entry (self, entry);
      show_entry (self, entry);
      return;
    }

  move_entry (self, entry);
}

/* Rebuilds ---------------------------------------------------------------- */

static void
reset_groups (PltBoardModel *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->groups);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      PltBoardGroup *group = value;

      if (group->n_shown > 0)
        mark_dirty (self, group);
      _plt_board_group_reset (group);
    }
}

/* All the rows anew, announced as one range: the agents the filter lets
 * through, sorted. With @order_kept (only the filter changed), the agents
 * shown stay in their order and those that come are merged in. */
static void
rebuild (PltBoardModel *self,
         gboolean       order_kept)
{
  g_autoptr(GPtrArray) old = self->rows;
  g_autoptr(GPtrArray) agents = g_ptr_array_new ();
  guint prefix = 0;
  guint suffix = 0;
  guint old_len = old->len;
  guint new_len;

  self->n_rebuilds++;
  self->regroup = FALSE;
  reset_groups (self);

  /* Which agents, in which teams. */
  for (guint i = 0; i < self->source->len; i++)
    {
      Entry *entry = lookup_entry (self, g_ptr_array_index (self->source, i));
      gboolean match = matches (self, entry->agent);

      /* Those that stay keep their team, as their place: the order kept
       * is theirs. */
      if (!(order_kept && match && entry->shown))
        entry->group = match && self->grouped ? ensure_group (self, entry->agent) : NULL;
      entry->tallied = _plt_board_tally_of (plt_agent_get_sort_keys (entry->agent)->state);
      /* With the order kept, "shown" still says what the old rows hold. */
      if (!order_kept)
        entry->shown = match;
      else if (match && !entry->shown)
        g_ptr_array_add (agents, entry->agent);
      else if (!match)
        entry->shown = FALSE;
    }
  /* A rename met above may have moved a team. */
  self->regroup = FALSE;

  if (order_kept)
    {
      g_autoptr(GPtrArray) kept = g_ptr_array_new ();
      g_autoptr(GPtrArray) merged = g_ptr_array_sized_new (old_len + agents->len);
      guint i = 0, j = 0;

      for (guint k = 0; k < old_len; k++)
        {
          gpointer row = g_ptr_array_index (old, k);
          Entry *entry = PLT_IS_AGENT (row) ? lookup_entry (self, row) : NULL;

          if (entry != NULL && entry->shown)
            g_ptr_array_add (kept, row);
        }
      g_ptr_array_sort_with_data (agents, compare_rows_cb, self);
      while (i < kept->len || j < agents->len)
        {
          if (j == agents->len ||
              (i < kept->len && compare_rows (self, g_ptr_array_index (kept, i), g_ptr_array_index (agents, j)) < 0))
            g_ptr_array_add (merged, g_ptr_array_index (kept, i++));
          else
            g_ptr_array_add (merged, g_ptr_array_index (agents, j++));
        }
      g_ptr_array_set_size (agents, 0);
      g_ptr_array_extend (agents, merged, NULL, NULL);
    }
  else
    {
      for (guint i = 0; i < self->source->len; i++)
        {
          Entry *entry = lookup_entry (self, g_ptr_array_index (self->source, i));

          if (entry->shown)
            g_ptr_array_add (agents, entry->agent);
        }
      g_ptr_array_sort_with_data (agents, compare_rows_cb, self);
    }

  /* The rows, with the headers. */
  self->rows = g_ptr_array_new_full (agents->len + (self->grouped ? 16 : 0), g_object_unref);
  self->n_shown = agents->len;
  for (guint i = 0; i < agents->len; i++)
    {
      PltAgent *agent = g_ptr_array_index (agents, i);
      Entry *entry = lookup_entry (self, agent);

      entry->shown = TRUE;
      if (entry->group != NULL)
        {
          if (entry->group->n_shown == 0)
            {
              entry->group->hint = self->rows->len;
              g_ptr_array_add (self->rows, g_object_ref (entry->group));
            }
          _plt_board_group_count (entry->group, entry->tallied, 1);
          mark_dirty (self, entry->group);
        }
      entry->hint = self->rows->len;
      g_ptr_array_add (self->rows, g_object_ref (agent));
    }
  new_len = self->rows->len;
  apply_groups (self);

  /* Announce only what lies between the unchanged head and tail. */
  while (prefix < old_len && prefix < new_len &&
         g_ptr_array_index (old, prefix) == g_ptr_array_index (self->rows, prefix))
    prefix++;
  while (suffix < old_len - prefix && suffix < new_len - prefix &&
         g_ptr_array_index (old, old_len - 1 - suffix) == g_ptr_array_index (self->rows, new_len - 1 - suffix))
    suffix++;

  if (prefix == old_len && prefix == new_len)
    return;

  g_list_model_items_changed (G_LIST_MODEL (self), prefix, old_len - prefix - suffix, new_len - prefix - suffix);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_AGENTS]);
}

/* Rebuilds now, or when resumed. */
static void
refresh (PltBoardModel *self,
         gboolean       order_kept)
{
  if (self->paused)
    self->stale = TRUE;
  else
    rebuild (self, order_kept);
}

/* The source ------------------------------------------------------------- */

static void
source_items_changed_cb (GListModel    *model,
                         guint          position,
                         guint          removed,
                         guint          added,
                         PltBoardModel *self)
{
  g_autofree gpointer *gone = NULL;
  guint n_shown = self->n_shown;
  gboolean bulk = removed + added > 2 * BULK_CHANGES;
  guint mark = ++self->mark;

  g_return_if_fail (position + removed <= self->source->len);

  /* The items the source no longer has, and those it now has there. */
  gone = g_memdup2 (self->source->pdata + position, removed * sizeof (gpointer));
  /* Paused, the rows wait: only the entries follow the source. */
  if (self->paused)
    {
      bulk = TRUE;
      self->stale = TRUE;
    }
  g_ptr_array_remove_range (self->source, position, removed);
  for (guint i = 0; i < added; i++)
    {
      PltAgent *agent = g_list_model_get_item (model, position + i);
      Entry *entry = lookup_entry (self, agent);

      if (entry == NULL)
        {
          entry = g_new0 (Entry, 1);
          entry->agent = g_object_ref (agent);
          g_hash_table_insert (self->entries, agent, entry);
        }
      entry->mark = mark;
      g_ptr_array_insert (self->source, position + i, agent);
      g_object_unref (agent);
    }

  for (guint i = 0; i < removed; i++)
    {
      Entry *entry = lookup_entry (self, gone[i]);

      if (entry == NULL || entry->mark == mark)
        continue;
      if (entry->shown && !bulk)
        hide_entry (self, entry);
      g_hash_table_remove (self->entries, gone[i]);
    }

  if (bulk)
    refresh (self, FALSE);
  else
    {
      /* The store gave the agents of this range their new sort keys at
       * once: where there are several, none may be placed among the others
       * still at their old places. They all leave first. */
      if (added > 1)
        for (guint i = 0; i < added; i++)
          {
            Entry *entry = lookup_entry (self, g_ptr_array_index (self->source, position + i));

            if (entry->shown)
              hide_entry (self, entry);
          }
      for (guint i = 0; i < added; i++)
        update_entry (self, lookup_entry (self, g_ptr_array_index (self->source, position + i)));
      if (self->regroup)
        refresh (self, FALSE);
      apply_groups (self);
      if (n_shown != self->n_shown)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_AGENTS]);
    }
}

static void
filter_changed_cb (GtkFilter       *filter,
                   GtkFilterChange  change,
                   PltBoardModel   *self)
{
  refresh (self, TRUE);
}

static void
sorter_changed_cb (GtkSorter       *sorter,
                   GtkSorterChange  change,
                   PltBoardModel   *self)
{
  refresh (self, FALSE);
}

/* GObject ------------------------------------------------------------------ */

static void
plt_board_model_dispose (GObject *object)
{
  PltBoardModel *self = PLT_BOARD_MODEL (object);

  g_clear_signal_handler (&self->items_changed_id, self->model);
  g_clear_object (&self->model);
  g_clear_signal_handler (&self->filter_changed_id, self->filter);
  g_clear_object (&self->filter);
  g_clear_signal_handler (&self->sorter_changed_id, self->sorter);
  g_clear_object (&self->sorter);
  if (self->rows != NULL)
    g_ptr_array_set_size (self->rows, 0);
  if (self->source != NULL)
    g_ptr_array_set_size (self->source, 0);
  if (self->entries != NULL)
    g_hash_table_remove_all (self->entries);

  G_OBJECT_CLASS (plt_board_model_parent_class)->dispose (object);
}

static void
plt_board_model_finalize (GObject *object)
{
  PltBoardModel *self = PLT_BOARD_MODEL (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->source, g_ptr_array_unref);
  g_clear_pointer (&self->entries, g_hash_table_unref);
  g_clear_pointer (&self->dirty, g_ptr_array_unref);
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
    case PROP_FILTER:
      g_value_set_object (value, self->filter);
      break;
    case PROP_SORTER:
      g_value_set_object (value, self->sorter);
      break;
    case PROP_GROUPED:
      g_value_set_boolean (value, self->grouped);
      break;
    case PROP_PAUSED:
      g_value_set_boolean (value, self->paused);
      break;
    case PROP_N_AGENTS:
      g_value_set_uint (value, self->n_shown);
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
    case PROP_FILTER:
      plt_board_model_set_filter (self, g_value_get_object (value));
      break;
    case PROP_SORTER:
      plt_board_model_set_sorter (self, g_value_get_object (value));
      break;
    case PROP_GROUPED:
      plt_board_model_set_grouped (self, g_value_get_boolean (value));
      break;
    case PROP_PAUSED:
      plt_board_model_set_paused (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
plt_board_model_class_init (PltBoardModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = plt_board_model_dispose;
  object_class->finalize = plt_board_model_finalize;
  object_class->get_property = plt_board_model_get_property;
  object_class->set_property = plt_board_model_set_property;

  properties[PROP_MODEL] = g_param_spec_object ("model", NULL, NULL, G_TYPE_LIST_MODEL, flags);
  properties[PROP_FILTER] = g_param_spec_object ("filter", NULL, NULL, GTK_TYPE_FILTER, flags);
  properties[PROP_SORTER] = g_param_spec_object ("sorter", NULL, NULL, GTK_TYPE_SORTER, flags);
  properties[PROP_GROUPED] = g_param_spec_boolean ("grouped", NULL, NULL, FALSE, flags);
  properties[PROP_PAUSED] = g_param_spec_boolean ("paused", NULL, NULL, FALSE, flags);
  properties[PROP_N_AGENTS] =
    g_param_spec_uint ("n-agents", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
plt_board_model_init (PltBoardModel *self)
{
  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
  self->source = g_ptr_array_new ();
  self->entries = g_hash_table_new_full (NULL, NULL, NULL, entry_free);
  self->dirty = g_ptr_array_new ();
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
  guint n;

  g_return_if_fail (PLT_IS_BOARD_MODEL (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (self->model == model)
    return;

  g_clear_signal_handler (&self->items_changed_id, self->model);
  g_set_object (&self->model, model);

  /* The entries of the agents now there. */
  g_ptr_array_set_size (self->source, 0);
  g_hash_table_remove_all (self->entries);
  n = model != NULL ? g_list_model_get_n_items (model) : 0;
  for (guint i = 0; i < n; i++)
    {
      PltAgent *agent = g_list_model_get_item (model, i);
      Entry *entry = g_new0 (Entry, 1);

      entry->agent = agent;
      g_hash_table_insert (self->entries, agent, entry);
      g_ptr_array_add (self->source, agent);
    }
  if (model != NULL)
    self->items_changed_id = g_signal_connect (model, "items-changed",
                                               G_CALLBACK (source_items_changed_cb), self);

  refresh (self, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

/* Puts @object (nullable) in *@slot, its ::changed heard by @callback. */
static void
watch_changes (PltBoardModel  *self,
               GObject       **slot,
               gulong         *handler_id,
               gpointer        object,
               GCallback       callback)
{
  g_clear_signal_handler (handler_id, *slot);
  g_set_object (slot, object);
  if (object != NULL)
    *handler_id = g_signal_connect (object, "changed", callback, self);
}

void
plt_board_model_set_filter (PltBoardModel *self,
                            GtkFilter     *filter)
{
  g_return_if_fail (PLT_IS_BOARD_MODEL (self));
  g_return_if_fail (filter == NULL || GTK_IS_FILTER (filter));

  if (self->filter == filter)
    return;

  watch_changes (self, (GObject **) &self->filter, &self->filter_changed_id, filter,
                 G_CALLBACK (filter_changed_cb));
  refresh (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER]);
}

void
plt_board_model_set_sorter (PltBoardModel *self,
                            GtkSorter     *sorter)
{
  g_return_if_fail (PLT_IS_BOARD_MODEL (self));
  g_return_if_fail (sorter == NULL || GTK_IS_SORTER (sorter));

  if (self->sorter == sorter)
    return;

  watch_changes (self, (GObject **) &self->sorter, &self->sorter_changed_id, sorter,
                 G_CALLBACK (sorter_changed_cb));
  refresh (self, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORTER]);
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
  refresh (self, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GROUPED]);
}

gboolean
plt_board_model_get_paused (PltBoardModel *self)
{
  g_return_val_if_fail (PLT_IS_BOARD_MODEL (self), FALSE);

  return self->paused;
}

void
plt_board_model_set_paused (PltBoardModel *self,
                            gboolean       paused)
{
  g_return_if_fail (PLT_IS_BOARD_MODEL (self));

  paused = !!paused;
  if (self->paused == paused)
    return;

  self->paused = paused;
  if (!paused && self->stale)
    {
      self->stale = FALSE;
      rebuild (self, FALSE);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAUSED]);
}

guint
plt_board_model_get_n_agents (PltBoardModel *self)
{
  g_return_val_if_fail (PLT_IS_BOARD_MODEL (self), 0);

  return self->n_shown;
}

guint
plt_board_model_find (PltBoardModel *self,
                      gpointer       item)
{
  Entry *entry;

  g_return_val_if_fail (PLT_IS_BOARD_MODEL (self), GTK_INVALID_LIST_POSITION);

  if (item == NULL)
    return GTK_INVALID_LIST_POSITION;

  if (PLT_IS_BOARD_GROUP (item))
    {
      PltBoardGroup *group = item;
      guint position;

      if (group->n_shown == 0)
        return GTK_INVALID_LIST_POSITION;
      position = find_row (self, group, group->hint);
      if (position != GTK_INVALID_LIST_POSITION)
        group->hint = position;
      return position;
    }

  entry = lookup_entry (self, item);
  if (entry == NULL || !entry->shown)
    return GTK_INVALID_LIST_POSITION;

  entry->hint = find_row (self, item, entry->hint);
  return entry->hint;
}

guint64
plt_board_model_get_n_rebuilds (PltBoardModel *self)
{
  g_return_val_if_fail (PLT_IS_BOARD_MODEL (self), 0);

  return self->n_rebuilds;
}

guint64
plt_board_model_get_n_moves (PltBoardModel *self)
{
  g_return_val_if_fail (PLT_IS_BOARD_MODEL (self), 0);

  return self->n_moves;
}
