/* plt-queue-board.c — every queue as a card
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "plt-queue-board-private.h"
#include "plt-queue-card.h"
#include "plt-store.h"

struct _PltQueueBoard
{
  GtkWidget   parent_instance;

  /* Template children */
  GtkStack   *stack;
  GtkFlowBox *flow_box;

  PltModel   *model;
  PltClock   *clock;
  GListModel *queues;
  gulong      items_changed_id;
};

G_DEFINE_FINAL_TYPE (PltQueueBoard, plt_queue_board, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MODEL,
  PROP_CLOCK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_page (PltQueueBoard *self)
{
  gboolean empty = self->queues == NULL || g_list_model_get_n_items (self->queues) == 0;

  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "cards");
}

/*
 * Mirrors the store's changes in the flow box. The store announces an update
 * of a queue as items-changed (position, 1, 1) with the same item: its card
 * stays (it follows the queue's notifications by itself); only the cards of
 * queues that left, arrived or moved are removed or made.
 */
static void
queues_items_changed_cb (PltQueueBoard *self,
                         guint          position,
                         guint          removed,
                         guint          added,
                         GListModel    *queues)
{
  g_autofree gboolean *kept = g_new0 (gboolean, MAX (removed, 1));

  /* From the end, so that the positions still to look at do not move. */
  for (guint i = removed; i-- > 0; )
    {
      GtkFlowBoxChild *child = gtk_flow_box_get_child_at_index (self->flow_box, (int) (position + i));
      GtkWidget *card = child != NULL ? gtk_flow_box_child_get_child (child) : NULL;
      g_autoptr(PltQueue) queue = NULL;

      if (i < added)
        queue = g_list_model_get_item (queues, position + i);

      if (PLT_IS_QUEUE_CARD (card) && queue != NULL &&
          plt_queue_card_get_queue (PLT_QUEUE_CARD (card)) == queue)
        kept[i] = TRUE;
      else if (child != NULL)
        gtk_flow_box_remove (self->flow_box, GTK_WIDGET (child));
    }

  for (guint i = 0; i < added; i++)
    {
      g_autoptr(PltQueue) queue = NULL;

      if (i < removed && kept[i])
        continue;

      queue = g_list_model_get_item (queues, position + i);
      gtk_flow_box_insert (self->flow_box,
                           plt_queue_card_new (queue, self->clock),
                           (int) (position + i));
    }

  update_page (self);
}

static void
rebind (PltQueueBoard *self)
{
  GListModel *queues = NULL;
  GtkWidget *child;

  if (self->model != NULL)
    queues = G_LIST_MODEL (plt_model_get_queues (self->model));

  if (self->queues != NULL)
    {
      g_clear_signal_handler (&self->items_changed_id, self->queues);
      g_clear_object (&self->queues);
    }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->flow_box))) != NULL)
    gtk_flow_box_remove (self->flow_box, child);

  if (queues != NULL)
    {
      self->queues = g_object_ref (queues);
      self->items_changed_id = g_signal_connect_object (queues, "items-changed",
                                                        G_CALLBACK (queues_items_changed_cb),
                                                        self, G_CONNECT_SWAPPED);
      queues_items_changed_cb (self, 0, 0, g_list_model_get_n_items (queues), queues);
    }

  update_page (self);
}

static void
plt_queue_board_dispose (GObject *object)
{
  PltQueueBoard *self = (PltQueueBoard *)object;
  GtkWidget *child;

  if (self->queues != NULL)
    g_clear_signal_handler (&self->items_changed_id, self->queues);
  g_clear_object (&self->queues);
  g_clear_object (&self->model);
  g_clear_object (&self->clock);

  gtk_widget_dispose_template (GTK_WIDGET (self), PLT_TYPE_QUEUE_BOARD);
  /* The template's unnamed children too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (plt_queue_board_parent_class)->dispose (object);
}

static void
plt_queue_board_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PltQueueBoard *self = PLT_QUEUE_BOARD (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;

    case PROP_CLOCK:
      g_value_set_object (value, self->clock);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
plt_queue_board_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  PltQueueBoard *self = PLT_QUEUE_BOARD (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      plt_queue_board_set_model (self, g_value_get_object (value));
      break;

    case PROP_CLOCK:
      plt_queue_board_set_clock (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
plt_queue_board_class_init (PltQueueBoardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = plt_queue_board_dispose;
  object_class->get_property = plt_queue_board_get_property;
  object_class->set_property = plt_queue_board_set_property;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL,
                         PLT_TYPE_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CLOCK] =
    g_param_spec_object ("clock", NULL, NULL,
                         PLT_TYPE_CLOCK,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PLT_TYPE_QUEUE_CARD);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/plateau/Plateau/plt-queue-board.ui");
  gtk_widget_class_bind_template_child (widget_class, PltQueueBoard, stack);
  gtk_widget_class_bind_template_child (widget_class, PltQueueBoard, flow_box);

  gtk_widget_class_set_css_name (widget_class, "queueboard");
}

static void
plt_queue_board_init (PltQueueBoard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_page (self);
}

GtkWidget *
plt_queue_board_new (void)
{
  return g_object_new (PLT_TYPE_QUEUE_BOARD, NULL);
}

PltModel *
plt_queue_board_get_model (PltQueueBoard *self)
{
  g_return_val_if_fail (PLT_IS_QUEUE_BOARD (self), NULL);

  return self->model;
}

void
plt_queue_board_set_model (PltQueueBoard *self,
                           PltModel      *model)
{
  g_return_if_fail (PLT_IS_QUEUE_BOARD (self));
  g_return_if_fail (model == NULL || PLT_IS_MODEL (model));

  if (!g_set_object (&self->model, model))
    return;

  rebind (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

PltClock *
plt_queue_board_get_clock (PltQueueBoard *self)
{
  g_return_val_if_fail (PLT_IS_QUEUE_BOARD (self), NULL);

  return self->clock;
}

void
plt_queue_board_set_clock (PltQueueBoard *self,
                           PltClock      *clock)
{
  g_return_if_fail (PLT_IS_QUEUE_BOARD (self));
  g_return_if_fail (clock == NULL || PLT_IS_CLOCK (clock));

  if (!g_set_object (&self->clock, clock))
    return;

  /* Cards hold the clock they were made with: give it to each of them. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->flow_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *card = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));

      if (PLT_IS_QUEUE_CARD (card))
        plt_queue_card_set_clock (PLT_QUEUE_CARD (card), clock);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLOCK]);
}

GtkFlowBox *
_plt_queue_board_get_flow_box (PltQueueBoard *self)
{
  g_return_val_if_fail (PLT_IS_QUEUE_BOARD (self), NULL);

  return self->flow_box;
}
