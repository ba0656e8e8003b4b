/* plt-item-selection.c — a single selection that keeps its item, not its
 * position, across the model's changes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "plt-item-selection.h"

/* What is known of the selected item's place in the model. */
typedef enum
{
  POSITION_KNOWN,     /* at self->position */
  POSITION_ABSENT,    /* not in the model (or nothing selected) */
  POSITION_UNKNOWN,   /* removed by a change: looked up when asked for */
} PositionState;

/* Past this many added items, a change that may bring the item back leaves
 * its position unknown for the find function, rather than scanning them. */
#define SCAN_LIMIT 64

struct _PltItemSelection
{
  GObject                   parent_instance;

  GListModel               *model;
  gulong                    items_changed_id;

  GObject                  *item;
  guint                     position;
  PositionState             state;

  PltItemSelectionFindFunc  find_func;
  gpointer                  find_data;
  GDestroyNotify            find_destroy;
};

static void list_model_iface_init      (GListModelInterface        *iface);
static void selection_model_iface_init (GtkSelectionModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PltItemSelection, plt_item_selection, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init)
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SELECTION_MODEL, selection_model_iface_init))

enum {
  PROP_0,
  PROP_MODEL,
  PROP_SELECTED_ITEM,
  PROP_SELECTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The position of @item among the @n_items from @start, or
 * GTK_INVALID_LIST_POSITION. */
static guint
scan_range (PltItemSelection *self,
            gpointer          item,
            guint             start,
            guint             n_items)
{
  for (guint i = start; i - start < n_items; i++)
    {
      g_autoptr(GObject) other = g_list_model_get_item (self->model, i);

      if (other == NULL)
        break;
      if (other == item)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

static guint
find_position (PltItemSelection *self,
               gpointer          item)
{
  if (self->model == NULL || item == NULL)
    return GTK_INVALID_LIST_POSITION;

  if (self->find_func != NULL)
    return self->find_func (self->model, item, self->find_data);

  return scan_range (self, item, 0, g_list_model_get_n_items (self->model));
}

static void
set_position (PltItemSelection *self,
              guint             position)
{
  self->position = position;
  self->state = position != GTK_INVALID_LIST_POSITION ? POSITION_KNOWN : POSITION_ABSENT;
}

/* Selects @item (NULL unselects), which is at @position if that is known,
 * else is looked for. */
static void
select_item (PltItemSelection *self,
             gpointer          item,
             guint             position)
{
  guint old_position;

  if (item == (gpointer) self->item)
    {
      /* Nothing changes, but the position is learnt for free. */
      if (item != NULL && position != GTK_INVALID_LIST_POSITION)
        set_position (self, position);
      return;
    }

  /* The old row must be redrawn: find it if a change left it unknown. */
  old_position = plt_item_selection_get_selected (self);

  g_set_object (&self->item, item);
  if (item == NULL)
    set_position (self, GTK_INVALID_LIST_POSITION);
  else if (position != GTK_INVALID_LIST_POSITION)
    set_position (self, position);
  else
    set_position (self, find_position (self, item));

  g_object_freeze_notify (G_OBJECT (self));

  if (old_position != GTK_INVALID_LIST_POSITION)
    gtk_selection_model_selection_changed (GTK_SELECTION_MODEL (self), old_position, 1);
  if (self->state == POSITION_KNOWN && self->position != old_position)
    gtk_selection_model_selection_changed (GTK_SELECTION_MODEL (self), self->position, 1);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ITEM]);
  if (self->position != old_position)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);

  g_object_thaw_notify (G_OBJECT (self));
}

/* GListModel */

static GType
plt_item_selection_get_item_type (GListModel *model)
{
  PltItemSelection *self = PLT_ITEM_SELECTION (model);

  return self->model != NULL ? g_list_model_get_item_type (self->model) : G_TYPE_OBJECT;
}

static guint
plt_item_selection_get_n_items (GListModel *model)
{
  PltItemSelection *self = PLT_ITEM_SELECTION (model);

  return self->model != NULL ? g_list_model_get_n_items (self->model) : 0;
}

static gpointer
plt_item_selection_get_item (GListModel *model,
                             guint       position)
{
  PltItemSelection *self = PLT_ITEM_SELECTION (model);

  return self->model != NULL ? g_list_model_get_item (self->model, position) : NULL;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = plt_item_selection_get_item_type;
  iface->get_n_items = plt_item_selection_get_n_items;
  iface->get_item = plt_item_selection_get_item;
}

/* GtkSelectionModel */

static gboolean
plt_item_selection_is_selected (GtkSelectionModel *model,
                                guint              position)
{
  PltItemSelection *self = PLT_ITEM_SELECTION (model);
  g_autoptr(GObject) item = NULL;

  if (self->item == NULL || self->model == NULL)
    return FALSE;

  item = g_list_model_get_item (self->model, position);

  return item != NULL && item == self->item;
}

static GtkBitset *
plt_item_selection_get_selection_in_range (GtkSelectionModel *model,
                                           guint              position,
                                           guint              n_items)
{
  PltItemSelection *self = PLT_ITEM_SELECTION (model);
  GtkBitset *result = gtk_bitset_new_empty ();
  guint selected;

  if (self->item == NULL)
    return result;

  selected = plt_item_selection_get_selected (self);
  if (selected != GTK_INVALID_LIST_POSITION && selected >= position && selected - position < n_items)
    gtk_bitset_add (result, selected);

  return result;
}

static gboolean
plt_item_selection_select_item (GtkSelectionModel *model,
                                guint              position,
                                gboolean           unselect_rest)
{
  PltItemSelection *self = PLT_ITEM_SELECTION (model);
  g_autoptr(GObject) item = NULL;

  if (self->model != NULL)
    item = g_list_model_get_item (self->model, position);
  if (item == NULL)
    return FALSE;

  select_item (self, item, position);

  return TRUE;
}

static gboolean
plt_item_selection_unselect_item (GtkSelectionModel *model,
                                  guint              position)
{
  PltItemSelection *self = PLT_ITEM_SELECTION (model);
  g_autoptr(GObject) item = NULL;

  if (self->item == NULL || self->model == NULL)
    return TRUE;

  item = g_list_model_get_item (self->model, position);
  if (item != NULL && item == self->item)
    select_item (self, NULL, GTK_INVALID_LIST_POSITION);

  return TRUE;
}

static gboolean
plt_item_selection_unselect_all (GtkSelectionModel *model)
{
  select_item (PLT_ITEM_SELECTION (model), NULL, GTK_INVALID_LIST_POSITION);

  return TRUE;
}

static void
selection_model_iface_init (GtkSelectionModelInterface *iface)
{
  iface->is_selected = plt_item_selection_is_selected;
  iface->get_selection_in_range = plt_item_selection_get_selection_in_range;
  iface->select_item = plt_item_selection_select_item;
  iface->unselect_item = plt_item_selection_unselect_item;
  iface->unselect_all = plt_item_selection_unselect_all;
}

/* The model's changes: follow the item, then pass the change on. No
 * "selection-changed" here: the added rows ask is_selected() anyway, and
 * the old positions may no longer exist. */
static void
model_items_changed_cb (GListModel       *model,
                        guint             position,
                        guint             removed,
                        guint             added,
                        PltItemSelection *self)
{
  PositionState old_state = self->state;
  guint old_position = self->position;

  if (self->item != NULL)
    {
      if (self->state == POSITION_KNOWN && self->position >= position)
        {
          if (self->position - position >= removed)
            self->position = self->position - removed + added;
          else
            {
              self->position = GTK_INVALID_LIST_POSITION;
              self->state = POSITION_UNKNOWN;
            }
        }

      /* It may come back in this change, removed from elsewhere earlier. */
      if (self->state != POSITION_KNOWN && added > 0)
        {
          if (self->find_func != NULL && added > SCAN_LIMIT)
            self->state = POSITION_UNKNOWN;
          else
            {
              guint found = scan_range (self, self->item, position, added);

              if (found != GTK_INVALID_LIST_POSITION)
                set_position (self, found);
            }
        }
    }

  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);

  if (self->item != NULL &&
      (self->state == POSITION_UNKNOWN || self->state != old_state || self->position != old_position))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

static void
clear_find_func (PltItemSelection *self)
{
  gpointer data = self->find_data;
  GDestroyNotify destroy = self->find_destroy;

  self->find_func = NULL;
  self->find_data = NULL;
  self->find_destroy = NULL;

  if (destroy != NULL)
    destroy (data);
}

static void
plt_item_selection_dispose (GObject *object)
{
  PltItemSelection *self = PLT_ITEM_SELECTION (object);

  g_clear_signal_handler (&self->items_changed_id, self->model);
  g_clear_object (&self->model);
  g_clear_object (&self->item);
  set_position (self, GTK_INVALID_LIST_POSITION);
  clear_find_func (self);

  G_OBJECT_CLASS (plt_item_selection_parent_class)->dispose (object);
}

static void
plt_item_selection_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  PltItemSelection *self = PLT_ITEM_SELECTION (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_SELECTED_ITEM:
      g_value_set_object (value, self->item);
      break;
    case PROP_SELECTED:
      g_value_set_uint (value, plt_item_selection_get_selected (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
plt_item_selection_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  PltItemSelection *self = PLT_ITEM_SELECTION (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      plt_item_selection_set_model (self, g_value_get_object (value));
      break;
    case PROP_SELECTED:
      plt_item_selection_set_selected (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
plt_item_selection_class_init (PltItemSelectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = plt_item_selection_dispose;
  object_class->get_property = plt_item_selection_get_property;
  object_class->set_property = plt_item_selection_set_property;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_ITEM] =
    g_param_spec_object ("selected-item", NULL, NULL, G_TYPE_OBJECT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED] =
    g_param_spec_uint ("selected", NULL, NULL, 0, G_MAXUINT, GTK_INVALID_LIST_POSITION,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
plt_item_selection_init (PltItemSelection *self)
{
  set_position (self, GTK_INVALID_LIST_POSITION);
}

PltItemSelection *
plt_item_selection_new (GListModel *model)
{
  PltItemSelection *self;

  g_return_val_if_fail (model == NULL || G_IS_LIST_MODEL (model), NULL);

  self = g_object_new (PLT_TYPE_ITEM_SELECTION, "model", model, NULL);
  /* (transfer full), as gtk_single_selection_new(). */
  g_clear_object (&model);

  return self;
}

GListModel *
plt_item_selection_get_model (PltItemSelection *self)
{
  g_return_val_if_fail (PLT_IS_ITEM_SELECTION (self), NULL);

  return self->model;
}

void
plt_item_selection_set_model (PltItemSelection *self,
                              GListModel       *model)
{
  guint old_n_items;
  guint n_items;

  g_return_if_fail (PLT_IS_ITEM_SELECTION (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (self->model == model)
    return;

  g_object_freeze_notify (G_OBJECT (self));

  old_n_items = self->model != NULL ? g_list_model_get_n_items (self->model) : 0;
  g_clear_signal_handler (&self->items_changed_id, self->model);
  g_set_object (&self->model, model);
  if (model != NULL)
    self->items_changed_id = g_signal_connect (model, "items-changed",
                                               G_CALLBACK (model_items_changed_cb), self);
  n_items = model != NULL ? g_list_model_get_n_items (model) : 0;

  /* Keep the item if the new model has it. Every position changes at once
   * below, so no "selection-changed". */
  if (self->item != NULL)
    {
      set_position (self, find_position (self, self->item));
      if (self->state != POSITION_KNOWN)
        {
          g_clear_object (&self->item);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ITEM]);
        }
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
    }

  if (old_n_items > 0 || n_items > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n_items, n_items);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);

  g_object_thaw_notify (G_OBJECT (self));
}

gpointer
plt_item_selection_get_selected_item (PltItemSelection *self)
{
  g_return_val_if_fail (PLT_IS_ITEM_SELECTION (self), NULL);

  return self->item;
}

void
plt_item_selection_set_selected_item (PltItemSelection *self,
                                      gpointer          item)
{
  g_return_if_fail (PLT_IS_ITEM_SELECTION (self));
  g_return_if_fail (item == NULL || G_IS_OBJECT (item));

  select_item (self, item, GTK_INVALID_LIST_POSITION);
}

guint
plt_item_selection_get_selected (PltItemSelection *self)
{
  g_return_val_if_fail (PLT_IS_ITEM_SELECTION (self), GTK_INVALID_LIST_POSITION);

  if (self->state == POSITION_UNKNOWN)
    set_position (self, find_position (self, self->item));

  return self->position;
}

void
plt_item_selection_set_selected (PltItemSelection *self,
                                 guint             position)
{
  g_autoptr(GObject) item = NULL;

  g_return_if_fail (PLT_IS_ITEM_SELECTION (self));

  if (self->model != NULL && position != GTK_INVALID_LIST_POSITION)
    item = g_list_model_get_item (self->model, position);

  /* Past the end unselects, as in GtkSingleSelection. */
  if (item == NULL)
    position = GTK_INVALID_LIST_POSITION;

  select_item (self, item, position);
}

void
plt_item_selection_set_find_func (PltItemSelection         *self,
                                  PltItemSelectionFindFunc  func,
                                  gpointer                  user_data,
                                  GDestroyNotify            destroy)
{
  g_return_if_fail (PLT_IS_ITEM_SELECTION (self));

  clear_find_func (self);
  self->find_func = func;
  self->find_data = user_data;
  self->find_destroy = destroy;
}
