/* plt-undo-stack.c — undo and redo of planning edits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "plt-undo-stack.h"

#define DEFAULT_LIMIT 1000

struct _PltUndoStack
{
  GObject    parent_instance;
  guint      limit;
  GQueue     undo;   /* PltUndoEntry*, newest at the tail */
  GQueue     redo;   /* newest undone at the tail */
};

enum
{
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (PltUndoStack, plt_undo_stack, G_TYPE_OBJECT)

PltUndoEntry *
plt_undo_entry_new (const char *label,
                    GPtrArray  *before,
                    GPtrArray  *after)
{
  PltUndoEntry *entry = g_new0 (PltUndoEntry, 1);

  g_return_val_if_fail (before->len == after->len, entry);

  entry->label = g_strdup (label);
  entry->before = g_ptr_array_new_full (before->len, (GDestroyNotify) plt_agent_day_unref);
  entry->after = g_ptr_array_new_full (after->len, (GDestroyNotify) plt_agent_day_unref);
  for (guint i = 0; i < before->len; i++)
    {
      g_ptr_array_add (entry->before, plt_agent_day_ref (g_ptr_array_index (before, i)));
      g_ptr_array_add (entry->after, plt_agent_day_ref (g_ptr_array_index (after, i)));
    }
  return entry;
}

void
plt_undo_entry_free (PltUndoEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->label);
  g_clear_pointer (&entry->before, g_ptr_array_unref);
  g_clear_pointer (&entry->after, g_ptr_array_unref);
  g_free (entry);
}

GStrv
plt_undo_entry_dup_keys (const PltUndoEntry *entry)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < entry->after->len; i++)
    {
      const PltAgentDay *day = g_ptr_array_index (entry->after, i);
      g_autofree char *key = plt_agent_day_key (day->agent, &day->date);

      g_strv_builder_add (builder, key);
    }
  return g_strv_builder_end (builder);
}

static void
notify_all (PltUndoStack *self)
{
  for (guint i = 1; i < N_PROPS; i++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
}

static void
plt_undo_stack_finalize (GObject *object)
{
  PltUndoStack *self = PLT_UNDO_STACK (object);

  g_queue_clear_full (&self->undo, (GDestroyNotify) plt_undo_entry_free);
  g_queue_clear_full (&self->redo, (GDestroyNotify) plt_undo_entry_free);

  G_OBJECT_CLASS (plt_undo_stack_parent_class)->finalize (object);
}

static void
plt_undo_stack_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PltUndoStack *self = PLT_UNDO_STACK (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, plt_undo_stack_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, plt_undo_stack_can_redo (self));
      break;
    case PROP_UNDO_LABEL:
      g_value_set_string (value, plt_undo_stack_get_undo_label (self));
      break;
    case PROP_REDO_LABEL:
      g_value_set_string (value, plt_undo_stack_get_redo_label (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
plt_undo_stack_class_init (PltUndoStackClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = plt_undo_stack_finalize;
  object_class->get_property = plt_undo_stack_get_property;

  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNDO_LABEL] =
    g_param_spec_string ("undo-label", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REDO_LABEL] =
    g_param_spec_string ("redo-label", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
plt_undo_stack_init (PltUndoStack *self)
{
  g_queue_init (&self->undo);
  g_queue_init (&self->redo);
  self->limit = DEFAULT_LIMIT;
}

PltUndoStack *
plt_undo_stack_new (guint limit)
{
  PltUndoStack *self = g_object_new (PLT_TYPE_UNDO_STACK, NULL);

  if (limit > 0)
    self->limit = limit;
  return self;
}

void
plt_undo_stack_push (PltUndoStack *self,
                     PltUndoEntry *entry)
{
  g_return_if_fail (PLT_IS_UNDO_STACK (self));

  g_queue_clear_full (&self->redo, (GDestroyNotify) plt_undo_entry_free);
  g_queue_push_tail (&self->undo, entry);
  while (self->undo.length > self->limit)
    plt_undo_entry_free (g_queue_pop_head (&self->undo));
  notify_all (self);
}

const PltUndoEntry *
plt_undo_stack_undo (PltUndoStack *self)
{
  PltUndoEntry *entry;

  g_return_val_if_fail (PLT_IS_UNDO_STACK (self), NULL);

  entry = g_queue_pop_tail (&self->undo);
  if (entry == NULL)
    return NULL;
  g_queue_push_tail (&self->redo, entry);
  notify_all (self);
  return entry;
}

const PltUndoEntry *
plt_undo_stack_redo (PltUndoStack *self)
{
  PltUndoEntry *entry;

  g_return_val_if_fail (PLT_IS_UNDO_STACK (self), NULL);

  entry = g_queue_pop_tail (&self->redo);
  if (entry == NULL)
    return NULL;
  g_queue_push_tail (&self->undo, entry);
  notify_all (self);
  return entry;
}

gboolean
plt_undo_stack_can_undo (PltUndoStack *self)
{
  return self->undo.length > 0;
}

gboolean
plt_undo_stack_can_redo (PltUndoStack *self)
{
  return self->redo.length > 0;
}

const char *
plt_undo_stack_get_undo_label (PltUndoStack *self)
{
  PltUndoEntry *entry = g_queue_peek_tail (&self->undo);

  return entry != NULL ? entry->label : NULL;
}

const char *
plt_undo_stack_get_redo_label (PltUndoStack *self)
{
  PltUndoEntry *entry = g_queue_peek_tail (&self->redo);

  return entry != NULL ? entry->label : NULL;
}

guint
plt_undo_stack_get_n_undo (PltUndoStack *self)
{
  return self->undo.length;
}

guint
plt_undo_stack_get_n_redo (PltUndoStack *self)
{
  return self->redo.length;
}

void
plt_undo_stack_clear (PltUndoStack *self)
{
  g_queue_clear_full (&self->undo, (GDestroyNotify) plt_undo_entry_free);
  g_queue_clear_full (&self->redo, (GDestroyNotify) plt_undo_entry_free);
  g_queue_init (&self->undo);
  g_queue_init (&self->redo);
  notify_all (self);
}

static gboolean
entry_touches (const PltUndoEntry *entry,
               const char * const *keys)
{
  g_auto(GStrv) mine = plt_undo_entry_dup_keys (entry);

  for (guint i = 0; mine[i] != NULL; i++)
    if (g_strv_contains (keys, mine[i]))
      return TRUE;
  return FALSE;
}

void
plt_undo_stack_forget_keys (PltUndoStack       *self,
                            const char * const *keys)
{
  GList *link;
  gboolean changed = self->redo.length > 0;

  if (keys == NULL || keys[0] == NULL)
    return;

  g_queue_clear_full (&self->redo, (GDestroyNotify) plt_undo_entry_free);
  g_queue_init (&self->redo);

  for (link = self->undo.tail; link != NULL; link = link->prev)
    if (entry_touches (link->data, keys))
      break;

  if (link != NULL)
    {
      /* Drop @link and everything older. */
      while (self->undo.head != NULL)
        {
          gboolean last = self->undo.head == link;

          plt_undo_entry_free (g_queue_pop_head (&self->undo));
          if (last)
            break;
        }
      changed = TRUE;
    }

  if (changed)
    notify_all (self);
}
