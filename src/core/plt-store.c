/* plt-store.c — a keyed GListModel whose changes are batched
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "plt-store.h"

/*
 * Every id the store knows has one Entry. `item` is the current (pending)
 * item, NULL once removed; `shown` is what the GListModel view shows, NULL
 * until the entry's addition is flushed. The view is an array of entries in
 * the announced order; pending additions wait in their own array.
 */
typedef struct
{
  char    *id;
  GObject *item;
  GObject *shown;
  guint    changed : 1;
} Entry;

struct _PltStore
{
  GObject     parent_instance;

  GType       item_type;
  GHashTable *entries;    /* id → Entry*, owned */
  GPtrArray  *view;       /* Entry*, borrowed: what was last announced */
  GPtrArray  *added;      /* Entry*, borrowed: pending additions, in order */
  guint       n_changed;
  guint       n_removed;
  guint       cursor;     /* where the next partial flush of changes starts */

  GFunc       show_func;  /* nullable: called on each item as it is announced */
  gpointer    show_data;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PltStore, plt_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_ITEM_TYPE,
  PROP_N_ITEMS,
  PROP_N_PENDING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* More than this share of the view changed: announce one full range. */
#define FULL_RANGE_DIVISOR 4

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_free (entry->id);
  g_clear_object (&entry->item);
  g_clear_object (&entry->shown);
  g_free (entry);
}

static guint
n_pending (PltStore *self)
{
  return self->n_changed + self->n_removed + self->added->len;
}

static void
notify_pending (PltStore *self,
                guint     before)
{
  if (n_pending (self) != before)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PENDING]);
}

static GType
plt_store_get_item_type (GListModel *model)
{
  return PLT_STORE (model)->item_type;
}

static guint
plt_store_get_n_items (GListModel *model)
{
  return PLT_STORE (model)->view->len;
}

static gpointer
plt_store_get_item (GListModel *model,
                    guint       position)
{
  PltStore *self = PLT_STORE (model);
  Entry *entry;

  if (position >= self->view->len)
    return NULL;

  entry = g_ptr_array_index (self->view, position);

  return g_object_ref (entry->shown);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = plt_store_get_item_type;
  iface->get_n_items = plt_store_get_n_items;
  iface->get_item = plt_store_get_item;
}

static void
plt_store_dispose (GObject *object)
{
  PltStore *self = PLT_STORE (object);

  /* The arrays borrow the entries the table owns. */
  g_clear_pointer (&self->view, g_ptr_array_unref);
  g_clear_pointer (&self->added, g_ptr_array_unref);
  g_clear_pointer (&self->entries, g_hash_table_unref);

  G_OBJECT_CLASS (plt_store_parent_class)->dispose (object);
}

static void
plt_store_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  PltStore *self = PLT_STORE (object);

  switch (prop_id)
    {
    case PROP_ITEM_TYPE:
      g_value_set_gtype (value, self->item_type);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->view != NULL ? self->view->len : 0);
      break;

    case PROP_N_PENDING:
      g_value_set_uint (value, self->view != NULL ? n_pending (self) : 0);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
plt_store_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  PltStore *self = PLT_STORE (object);

  switch (prop_id)
    {
    case PROP_ITEM_TYPE:
      self->item_type = g_value_get_gtype (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
plt_store_class_init (PltStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = plt_store_dispose;
  object_class->get_property = plt_store_get_property;
  object_class->set_property = plt_store_set_property;

  properties[PROP_ITEM_TYPE] =
    g_param_spec_gtype ("item-type", NULL, NULL, G_TYPE_OBJECT,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The GListModel size, notified at flush (as GListStore does). */
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_PENDING] =
    g_param_spec_uint ("n-pending", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
plt_store_init (PltStore *self)
{
  self->item_type = G_TYPE_OBJECT;
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, entry_free);
  self->view = g_ptr_array_new ();
  self->added = g_ptr_array_new ();
}

PltStore *
plt_store_new (GType item_type)
{
  g_return_val_if_fail (g_type_is_a (item_type, G_TYPE_OBJECT), NULL);

  return g_object_new (PLT_TYPE_STORE, "item-type", item_type, NULL);
}

gpointer
plt_store_lookup (PltStore   *self,
                  const char *id)
{
  Entry *entry;

  g_return_val_if_fail (PLT_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  entry = g_hash_table_lookup (self->entries, id);

  return entry != NULL ? entry->item : NULL;
}

static void
mark_entry_changed (PltStore *self,
                    Entry    *entry)
{
  if (entry->shown != NULL && entry->item != NULL && !entry->changed)
    {
      entry->changed = TRUE;
      self->n_changed++;
    }
}

void
plt_store_add (PltStore   *self,
               const char *id,
               gpointer    item)
{
  guint before;
  Entry *entry;

  g_return_if_fail (PLT_IS_STORE (self));
  g_return_if_fail (id != NULL);
  g_return_if_fail (g_type_is_a (G_OBJECT_TYPE (item), self->item_type));

  before = n_pending (self);
  entry = g_hash_table_lookup (self->entries, id);

  if (entry == NULL)
    {
      entry = g_new0 (Entry, 1);
      entry->id = g_strdup (id);
      entry->item = g_object_ref (item);
      g_hash_table_insert (self->entries, entry->id, entry);
      g_ptr_array_add (self->added, entry);
    }
  else if (entry->item == NULL)
    {
      /* A pending removal of a shown item: it stays where it is. */
      entry->item = g_object_ref (item);
      self->n_removed--;
      if (entry->item != entry->shown)
        mark_entry_changed (self, entry);
    }
  else if (entry->item != item)
    {
      g_set_object (&entry->item, item);
      mark_entry_changed (self, entry);
    }

  notify_pending (self, before);
}

gboolean
plt_store_remove (PltStore   *self,
                  const char *id)
{
  guint before;
  Entry *entry;

  g_return_val_if_fail (PLT_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  entry = g_hash_table_lookup (self->entries, id);
  if (entry == NULL || entry->item == NULL)
    return FALSE;

  before = n_pending (self);

  if (entry->shown == NULL)
    {
      /* Never announced: forget it. */
      g_ptr_array_remove (self->added, entry);
      g_hash_table_remove (self->entries, id);
    }
  else
    {
      g_clear_object (&entry->item);
      self->n_removed++;
      if (entry->changed)
        {
          entry->changed = FALSE;
          self->n_changed--;
        }
    }

  notify_pending (self, before);

  return TRUE;
}

void
plt_store_mark_changed (PltStore   *self,
                        const char *id)
{
  guint before;
  Entry *entry;

  g_return_if_fail (PLT_IS_STORE (self));
  g_return_if_fail (id != NULL);

  entry = g_hash_table_lookup (self->entries, id);
  if (entry == NULL)
    return;

  before = n_pending (self);
  mark_entry_changed (self, entry);
  notify_pending (self, before);
}

guint
plt_store_get_n_pending (PltStore *self)
{
  g_return_val_if_fail (PLT_IS_STORE (self), 0);

  return n_pending (self);
}

/* Removes every run of removed entries, last run first, announcing each
 * run as it goes so that the view is right at every emission. */
static guint
flush_removals (PltStore *self)
{
  guint emissions = 0;
  guint i = self->view->len;

  while (i > 0 && self->n_removed > 0)
    {
      Entry *entry = g_ptr_array_index (self->view, i - 1);
      guint end;
      guint start;

      if (entry->item != NULL)
        {
          i--;
          continue;
        }

      end = i;
      while (i > 0 && ((Entry *) g_ptr_array_index (self->view, i - 1))->item == NULL)
        i--;
      start = i;

      for (guint j = start; j < end; j++)
        {
          Entry *gone = g_ptr_array_index (self->view, j);

          g_hash_table_remove (self->entries, gone->id);
        }
      g_ptr_array_remove_range (self->view, start, end - start);
      self->n_removed -= end - start;

      g_list_model_items_changed (G_LIST_MODEL (self), start, end - start, 0);
      emissions++;
    }

  return emissions;
}

static void
show_current (PltStore *self,
              Entry    *entry)
{
  entry->changed = FALSE;
  if (entry->shown != entry->item)
    g_set_object (&entry->shown, entry->item);
  if (self->show_func != NULL)
    self->show_func (entry->shown, self->show_data);
}

/* Announces the changed items in [@from, @to) as runs, at most *@max. */
static guint
flush_change_runs (PltStore *self,
                   guint     from,
                   guint     to,
                   guint    *max)
{
  guint emissions = 0;

  for (guint i = from; i < to && self->n_changed > 0 && *max > 0; )
    {
      guint start;

      if (!((Entry *) g_ptr_array_index (self->view, i))->changed)
        {
          i++;
          continue;
        }

      start = i;
      while (i < to && *max > 0 && ((Entry *) g_ptr_array_index (self->view, i))->changed)
        {
          show_current (self, g_ptr_array_index (self->view, i));
          self->n_changed--;
          (*max)--;
          i++;
        }

      g_list_model_items_changed (G_LIST_MODEL (self), start, i - start, i - start);
      emissions++;
      self->cursor = i;
    }

  return emissions;
}

/* Announces at most @max of the changed items. A partial flush goes on
 * where the last one stopped, so that none waits for ever. */
static guint
flush_changes (PltStore *self,
               guint     max)
{
  guint n = self->view->len;
  /* All of them: in the view's order. */
  guint cursor = max >= self->n_changed ? 0 : MIN (self->cursor, n);
  guint emissions;

  if (self->n_changed == 0 || max == 0)
    return 0;

  if ((guint64) self->n_changed * FULL_RANGE_DIVISOR > n && max >= self->n_changed)
    {
      for (guint i = 0; i < n; i++)
        {
          Entry *entry = g_ptr_array_index (self->view, i);

          if (entry->changed)
            show_current (self, entry);
        }
      self->n_changed = 0;

      g_list_model_items_changed (G_LIST_MODEL (self), 0, n, n);
      return 1;
    }

  emissions = flush_change_runs (self, cursor, n, &max);
  emissions += flush_change_runs (self, 0, cursor, &max);

  return emissions;
}

static guint
flush_additions (PltStore *self)
{
  guint position = self->view->len;
  guint n_added = self->added->len;

  if (n_added == 0)
    return 0;

  for (guint i = 0; i < n_added; i++)
    {
      Entry *entry = g_ptr_array_index (self->added, i);

      entry->shown = g_object_ref (entry->item);
      if (self->show_func != NULL)
        self->show_func (entry->shown, self->show_data);
      g_ptr_array_add (self->view, entry);
    }
  g_ptr_array_set_size (self->added, 0);

  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, n_added);
  return 1;
}

guint
plt_store_flush (PltStore *self)
{
  g_return_val_if_fail (PLT_IS_STORE (self), 0);

  return plt_store_flush_some (self, G_MAXUINT);
}

guint
plt_store_flush_some (PltStore *self,
                      guint     max_changes)
{
  g_autoptr(PltStore) hold = NULL;
  guint n_before;
  guint emissions = 0;

  g_return_val_if_fail (PLT_IS_STORE (self), 0);

  if (n_pending (self) == 0)
    return 0;

  /* A handler may drop the last reference to the store. */
  hold = g_object_ref (self);
  n_before = self->view->len;

  g_object_freeze_notify (G_OBJECT (self));

  emissions += flush_removals (self);
  emissions += flush_changes (self, max_changes);
  emissions += flush_additions (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PENDING]);
  if (self->view->len != n_before)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);

  g_object_thaw_notify (G_OBJECT (self));

  return emissions;
}

void
plt_store_foreach (PltStore *self,
                   GHFunc    func,
                   gpointer  user_data)
{
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GPtrArray) items = NULL;
  guint n;

  g_return_if_fail (PLT_IS_STORE (self));
  g_return_if_fail (func != NULL);

  /* In view order, then the additions; on a copy, so that @func may change
   * the store. */
  n = self->view->len + self->added->len;
  ids = g_ptr_array_new_full (n, g_free);
  items = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      Entry *entry = i < self->view->len
        ? g_ptr_array_index (self->view, i)
        : g_ptr_array_index (self->added, i - self->view->len);

      if (entry->item == NULL)
        continue;

      g_ptr_array_add (ids, g_strdup (entry->id));
      g_ptr_array_add (items, g_object_ref (entry->item));
    }

  for (guint i = 0; i < ids->len; i++)
    func (g_ptr_array_index (ids, i), g_ptr_array_index (items, i), user_data);
}

void
plt_store_set_show_func (PltStore *self,
                         GFunc     func,
                         gpointer  user_data)
{
  g_return_if_fail (PLT_IS_STORE (self));

  self->show_func = func;
  self->show_data = user_data;
}

guint
plt_store_get_size (PltStore *self)
{
  g_return_val_if_fail (PLT_IS_STORE (self), 0);

  return g_hash_table_size (self->entries) - self->n_removed;
}
