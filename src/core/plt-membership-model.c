/* plt-membership-model.c — a list model that tells which items are in it, not how they change
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "plt-membership-model.h"

struct _PltMembershipModel
{
  GObject     parent_instance;

  GListModel *source;
  GPtrArray  *items;      /* the items as last announced, referenced */
  gulong      items_changed_id;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PltMembershipModel, plt_membership_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
get_item_type (GListModel *model)
{
  PltMembershipModel *self = PLT_MEMBERSHIP_MODEL (model);

  return g_list_model_get_item_type (self->source);
}

static guint
get_n_items (GListModel *model)
{
  return PLT_MEMBERSHIP_MODEL (model)->items->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  PltMembershipModel *self = PLT_MEMBERSHIP_MODEL (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
source_items_changed_cb (PltMembershipModel *self,
                         guint               position,
                         guint               removed,
                         guint               added,
                         GListModel         *source)
{
  g_autoptr(GPtrArray) fresh = NULL;
  gboolean same = removed == added;

  fresh = g_ptr_array_new_full (added, g_object_unref);
  for (guint i = 0; i < added; i++)
    {
      GObject *item = g_list_model_get_item (source, position + i);

      if (same && (position + i >= self->items->len || g_ptr_array_index (self->items, position + i) != item))
        same = FALSE;
      g_ptr_array_add (fresh, item);
    }

  /* The same items in the same places: an update, told by the items. */
  if (same)
    return;

  g_ptr_array_remove_range (self->items, position, removed);
  for (guint i = 0; i < fresh->len; i++)
    g_ptr_array_insert (self->items, (int) (position + i), g_object_ref (g_ptr_array_index (fresh, i)));

  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static void
plt_membership_model_dispose (GObject *object)
{
  PltMembershipModel *self = PLT_MEMBERSHIP_MODEL (object);

  if (self->source != NULL)
    g_clear_signal_handler (&self->items_changed_id, self->source);
  g_clear_object (&self->source);
  if (self->items != NULL)
    g_ptr_array_set_size (self->items, 0);

  G_OBJECT_CLASS (plt_membership_model_parent_class)->dispose (object);
}

static void
plt_membership_model_finalize (GObject *object)
{
  PltMembershipModel *self = PLT_MEMBERSHIP_MODEL (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (plt_membership_model_parent_class)->finalize (object);
}

static void
plt_membership_model_class_init (PltMembershipModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = plt_membership_model_dispose;
  object_class->finalize = plt_membership_model_finalize;
}

static void
plt_membership_model_init (PltMembershipModel *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * plt_membership_model_new:
 * @source: the model followed
 *
 * Returns: (transfer full): a new #PltMembershipModel with the items of
 * @source now
 */
PltMembershipModel *
plt_membership_model_new (GListModel *source)
{
  PltMembershipModel *self;
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (source), NULL);

  self = g_object_new (PLT_TYPE_MEMBERSHIP_MODEL, NULL);
  self->source = g_object_ref (source);
  n = g_list_model_get_n_items (source);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (self->items, g_list_model_get_item (source, i));
  self->items_changed_id = g_signal_connect_object (source, "items-changed",
                                                    G_CALLBACK (source_items_changed_cb),
                                                    self, G_CONNECT_SWAPPED);

  return self;
}

GListModel *
plt_membership_model_get_source (PltMembershipModel *self)
{
  g_return_val_if_fail (PLT_IS_MEMBERSHIP_MODEL (self), NULL);

  return self->source;
}
