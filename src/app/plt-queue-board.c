/* plt-queue-board.c — every queue as a card, and one queue in full
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "plt-membership-model.h"
#include "plt-queue-board-private.h"
#include "plt-queue-card.h"
#include "plt-queue-detail-private.h"
#include "plt-store.h"

struct _PltQueueBoard
{
  GtkWidget        parent_instance;

  /* Template children */
  AdwLeaflet      *leaflet;
  GtkStack        *stack;
  GtkWidget       *scroller;
  GtkGridView     *grid_view;
  GtkLabel        *detail_title;
  PltQueueDetail  *detail;

  PltClient       *client;
  PltAlertMonitor *alerts;
  GListModel      *queues;
  GHashTable      *cards;        /* the cards the grid made (not owned) */
  char            *data_time;
  GSignalGroup    *clock_signals;
  gulong           items_changed_id;
  gulong           alerts_changed_id;
  guint            stale : 1;
};

G_DEFINE_FINAL_TYPE (PltQueueBoard, plt_queue_board, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_QUEUE_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_page (PltQueueBoard *self)
{
  gboolean empty = self->queues == NULL || g_list_model_get_n_items (self->queues) == 0;

  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "cards");
}

static void
update_card_alert (PltQueueBoard *self,
                   PltQueueCard  *card)
{
  PltQueue *queue = plt_queue_card_get_queue (card);
  PltAlertLevel level = PLT_ALERT_LEVEL_NONE;
  const char *text = NULL;

  if (queue != NULL && self->alerts != NULL)
    level = plt_alert_monitor_get_queue_level (self->alerts, plt_queue_get_id (queue), &text);

  plt_queue_card_set_alert (card, level, text);
}

static void
alerts_changed_cb (PltQueueBoard *self)
{
  GHashTableIter iter;
  gpointer card;

  g_hash_table_iter_init (&iter, self->cards);
  while (g_hash_table_iter_next (&iter, &card, NULL))
    update_card_alert (self, card);
  update_card_alert (self, _plt_queue_detail_get_card (self->detail));
}

static void
update_detail_title (PltQueueBoard *self)
{
  const char *queue_id = plt_queue_detail_get_queue_id (self->detail);
  PltQueue *queue = NULL;

  if (self->client != NULL && queue_id != NULL)
    queue = plt_model_lookup_queue (plt_client_get_model (self->client), queue_id);

  gtk_label_set_label (self->detail_title,
                       queue == NULL ? "" :
                       plt_queue_get_name (queue) != NULL ? plt_queue_get_name (queue) : queue_id);
}

static void
queues_items_changed_cb (PltQueueBoard *self)
{
  update_page (self);

  /* A queue shown in full that leaves: back to the cards. */
  if (g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "detail") == 0)
    {
      const char *queue_id = plt_queue_detail_get_queue_id (self->detail);

      if (queue_id == NULL || plt_model_lookup_queue (plt_client_get_model (self->client), queue_id) == NULL)
        plt_queue_board_show_cards (self);
      else
        update_detail_title (self);
    }
}

/* The clock ----------------------------------------------------------------- */

/* Whether @card shows in the grid's viewport: the grid keeps rows of cards
 * around it that nobody sees. */
static gboolean
card_on_screen (PltQueueBoard *self,
                GtkWidget     *card)
{
  graphene_rect_t bounds;
  int width = gtk_widget_get_width (self->scroller);
  int height = gtk_widget_get_height (self->scroller);

  if (!gtk_widget_get_mapped (card) || !gtk_widget_compute_bounds (card, self->scroller, &bounds))
    return FALSE;

  return bounds.origin.x < width && bounds.origin.x + bounds.size.width > 0 &&
         bounds.origin.y < height && bounds.origin.y + bounds.size.height > 0;
}

/* One clock for every card: the cards on screen tick; those off screen
 * keep their changes until they show. Also when the view scrolls or its
 * size changes. */
static void
clock_now_cb (PltQueueBoard *self)
{
  GHashTableIter iter;
  gpointer card;

  g_hash_table_iter_init (&iter, self->cards);
  while (g_hash_table_iter_next (&iter, &card, NULL))
    {
      gboolean on_screen = plt_queue_card_get_queue (card) != NULL && card_on_screen (self, card);

      plt_queue_card_set_on_screen (card, on_screen);
      if (on_screen)
        plt_queue_card_tick (card);
    }
}

/* The grid's cells --------------------------------------------------------- */

static void
card_destroyed_cb (gpointer  data,
                   GObject  *where_the_card_was)
{
  PltQueueBoard *self = data;

  g_hash_table_remove (self->cards, where_the_card_was);
}

static void
setup_card_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               PltQueueBoard            *self)
{
  GtkWidget *card = plt_queue_card_new (NULL, self->client != NULL ? plt_client_get_clock (self->client) : NULL);

  if (self->client != NULL)
    plt_queue_card_set_trends (PLT_QUEUE_CARD (card), plt_client_get_queue_trends (self->client));
  plt_queue_card_set_follows_clock (PLT_QUEUE_CARD (card), FALSE);
  plt_queue_card_set_stale (PLT_QUEUE_CARD (card), self->stale, self->data_time);

  g_hash_table_add (self->cards, card);
  g_object_weak_ref (G_OBJECT (card), card_destroyed_cb, self);
  gtk_list_item_set_child (list_item, card);
}

static void
bind_card_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              PltQueueBoard            *self)
{
  PltQueueCard *card = PLT_QUEUE_CARD (gtk_list_item_get_child (list_item));

  /* Until the next look at the screen, a card just bound may show. */
  plt_queue_card_set_on_screen (card, TRUE);
  plt_queue_card_set_queue (card, gtk_list_item_get_item (list_item));
  update_card_alert (self, card);
}

static void
unbind_card_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                PltQueueBoard            *self)
{
  plt_queue_card_set_queue (PLT_QUEUE_CARD (gtk_list_item_get_child (list_item)), NULL);
}

static void
card_activated_cb (PltQueueBoard *self,
                   guint          position)
{
  g_autoptr(PltQueue) queue = NULL;

  if (self->queues == NULL)
    return;

  queue = g_list_model_get_item (self->queues, position);
  if (queue != NULL)
    plt_queue_board_show_queue (self, plt_queue_get_id (queue));
}

static void
page_changed_cb (PltQueueBoard *self)
{
  /* Swiped back, or by the leaflet's own keys. */
  if (g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "cards") == 0 &&
      plt_queue_detail_get_queue_id (self->detail) != NULL)
    {
      plt_queue_detail_set_queue_id (self->detail, NULL);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUEUE_ID]);
    }
}

static void
forget_cards (PltQueueBoard *self)
{
  GHashTableIter iter;
  gpointer card;

  g_hash_table_iter_init (&iter, self->cards);
  while (g_hash_table_iter_next (&iter, &card, NULL))
    g_object_weak_unref (card, card_destroyed_cb, self);
  g_hash_table_remove_all (self->cards);
}

static void
rebind (PltQueueBoard *self)
{
  GListModel *queues = NULL;

  if (self->client != NULL)
    queues = G_LIST_MODEL (plt_model_get_queues (plt_client_get_model (self->client)));

  if (self->queues != NULL)
    {
      g_clear_signal_handler (&self->items_changed_id, self->queues);
      g_clear_object (&self->queues);
    }

  /* New cards for the new client: they hold its clock. */
  gtk_grid_view_set_model (self->grid_view, NULL);
  forget_cards (self);

  if (queues != NULL)
    {
      self->queues = g_object_ref (queues);
      self->items_changed_id = g_signal_connect_object (queues, "items-changed",
                                                        G_CALLBACK (queues_items_changed_cb),
                                                        self, G_CONNECT_SWAPPED);
      /* Cards follow their queue: the grid hears only of queues that come,
       * go or move, not of every update (a full-range change when many
       * queues changed at once would rebind every card). */
      gtk_grid_view_set_model (self->grid_view,
                               GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (plt_membership_model_new (queues)))));
    }

  g_signal_group_set_target (self->clock_signals,
                             self->client != NULL && gtk_widget_get_mapped (GTK_WIDGET (self))
                             ? plt_client_get_clock (self->client) : NULL);
  plt_queue_detail_set_client (self->detail, self->client);
  plt_queue_board_show_cards (self);
  update_page (self);
}

/* Actions ------------------------------------------------------------------ */

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  plt_queue_board_show_queue (PLT_QUEUE_BOARD (widget), g_variant_get_string (parameter, NULL));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  plt_queue_board_show_cards (PLT_QUEUE_BOARD (widget));
}

/* GObject ------------------------------------------------------------------ */

static void
plt_queue_board_map (GtkWidget *widget)
{
  PltQueueBoard *self = PLT_QUEUE_BOARD (widget);

  GTK_WIDGET_CLASS (plt_queue_board_parent_class)->map (widget);

  if (self->client != NULL)
    g_signal_group_set_target (self->clock_signals, plt_client_get_clock (self->client));
}

static void
plt_queue_board_unmap (GtkWidget *widget)
{
  PltQueueBoard *self = PLT_QUEUE_BOARD (widget);

  g_signal_group_set_target (self->clock_signals, NULL);

  GTK_WIDGET_CLASS (plt_queue_board_parent_class)->unmap (widget);
}

static void
plt_queue_board_dispose (GObject *object)
{
  PltQueueBoard *self = (PltQueueBoard *)object;
  GtkWidget *child;

  if (self->clock_signals != NULL)
    g_signal_group_set_target (self->clock_signals, NULL);
  g_clear_object (&self->clock_signals);

  if (self->queues != NULL)
    g_clear_signal_handler (&self->items_changed_id, self->queues);
  if (self->alerts != NULL)
    g_clear_signal_handler (&self->alerts_changed_id, self->alerts);
  g_clear_object (&self->queues);
  g_clear_object (&self->alerts);

  if (self->grid_view != NULL)
    gtk_grid_view_set_model (self->grid_view, NULL);
  if (self->cards != NULL)
    forget_cards (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), PLT_TYPE_QUEUE_BOARD);
  /* The template's unnamed children too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->client);

  G_OBJECT_CLASS (plt_queue_board_parent_class)->dispose (object);
}

static void
plt_queue_board_finalize (GObject *object)
{
  PltQueueBoard *self = (PltQueueBoard *)object;

  g_clear_pointer (&self->cards, g_hash_table_unref);
  g_clear_pointer (&self->data_time, g_free);

  G_OBJECT_CLASS (plt_queue_board_parent_class)->finalize (object);
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
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    case PROP_QUEUE_ID:
      g_value_set_string (value, plt_queue_board_get_queue_id (self));
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
    case PROP_CLIENT:
      plt_queue_board_set_client (self, g_value_get_object (value));
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
  object_class->finalize = plt_queue_board_finalize;
  object_class->get_property = plt_queue_board_get_property;
  object_class->set_property = plt_queue_board_set_property;

  widget_class->map = plt_queue_board_map;
  widget_class->unmap = plt_queue_board_unmap;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         PLT_TYPE_CLIENT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_QUEUE_ID] =
    g_param_spec_string ("queue-id", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PLT_TYPE_QUEUE_CARD);
  g_type_ensure (PLT_TYPE_QUEUE_DETAIL);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/plateau/Plateau/plt-queue-board.ui");
  gtk_widget_class_bind_template_child (widget_class, PltQueueBoard, leaflet);
  gtk_widget_class_bind_template_child (widget_class, PltQueueBoard, stack);
  gtk_widget_class_bind_template_child (widget_class, PltQueueBoard, scroller);
  gtk_widget_class_bind_template_child (widget_class, PltQueueBoard, grid_view);
  gtk_widget_class_bind_template_child (widget_class, PltQueueBoard, detail_title);
  gtk_widget_class_bind_template_child (widget_class, PltQueueBoard, detail);
  gtk_widget_class_bind_template_callback (widget_class, card_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, page_changed_cb);

  gtk_widget_class_install_action (widget_class, "board.open", "s", open_action);
  gtk_widget_class_install_action (widget_class, "board.back", NULL, back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "board.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "board.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Left, GDK_ALT_MASK, "board.back", NULL);

  gtk_widget_class_set_css_name (widget_class, "queueboard");
}

static void
plt_queue_board_init (PltQueueBoard *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cards = g_hash_table_new (NULL, NULL);

  self->clock_signals = g_signal_group_new (PLT_TYPE_CLOCK);
  g_signal_group_connect_swapped (self->clock_signals, "notify::now", G_CALLBACK (clock_now_cb), self);
  /* Cards scrolled into view catch up at once. */
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller)),
                           "value-changed", G_CALLBACK (clock_now_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller)),
                           "changed", G_CALLBACK (clock_now_cb), self, G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_card_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_card_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_card_cb), self);
  gtk_grid_view_set_factory (self->grid_view, factory);
  g_object_unref (factory);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "board.back", FALSE);
  update_page (self);
}

GtkWidget *
plt_queue_board_new (void)
{
  return g_object_new (PLT_TYPE_QUEUE_BOARD, NULL);
}

PltClient *
plt_queue_board_get_client (PltQueueBoard *self)
{
  g_return_val_if_fail (PLT_IS_QUEUE_BOARD (self), NULL);

  return self->client;
}

void
plt_queue_board_set_client (PltQueueBoard *self,
                            PltClient     *client)
{
  g_return_if_fail (PLT_IS_QUEUE_BOARD (self));
  g_return_if_fail (client == NULL || PLT_IS_CLIENT (client));

  if (!g_set_object (&self->client, client))
    return;

  rebind (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
}

void
plt_queue_board_set_alerts (PltQueueBoard   *self,
                            PltAlertMonitor *alerts)
{
  g_return_if_fail (PLT_IS_QUEUE_BOARD (self));
  g_return_if_fail (alerts == NULL || PLT_IS_ALERT_MONITOR (alerts));

  if (self->alerts == alerts)
    return;

  if (self->alerts != NULL)
    g_clear_signal_handler (&self->alerts_changed_id, self->alerts);
  g_set_object (&self->alerts, alerts);
  if (alerts != NULL)
    self->alerts_changed_id = g_signal_connect_object (alerts, "changed",
                                                       G_CALLBACK (alerts_changed_cb),
                                                       self, G_CONNECT_SWAPPED);
  alerts_changed_cb (self);
}

void
plt_queue_board_set_stale (PltQueueBoard *self,
                           gboolean       stale,
                           const char    *data_time)
{
  GHashTableIter iter;
  gpointer card;

  g_return_if_fail (PLT_IS_QUEUE_BOARD (self));

  self->stale = !!stale;
  g_free (self->data_time);
  self->data_time = g_strdup (data_time);

  g_hash_table_iter_init (&iter, self->cards);
  while (g_hash_table_iter_next (&iter, &card, NULL))
    plt_queue_card_set_stale (card, stale, data_time);
  plt_queue_detail_set_stale (self->detail, stale, data_time);
}

gboolean
plt_queue_board_show_queue (PltQueueBoard *self,
                            const char    *queue_id)
{
  g_return_val_if_fail (PLT_IS_QUEUE_BOARD (self), FALSE);
  g_return_val_if_fail (queue_id != NULL, FALSE);

  if (self->client == NULL ||
      plt_model_lookup_queue (plt_client_get_model (self->client), queue_id) == NULL)
    return FALSE;

  plt_queue_detail_set_queue_id (self->detail, queue_id);
  update_card_alert (self, _plt_queue_detail_get_card (self->detail));
  update_detail_title (self);
  adw_leaflet_set_visible_child_name (self->leaflet, "detail");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "board.back", TRUE);
  gtk_widget_grab_focus (gtk_widget_get_first_child (gtk_widget_get_parent (GTK_WIDGET (self->detail_title))));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUEUE_ID]);

  return TRUE;
}

void
plt_queue_board_show_cards (PltQueueBoard *self)
{
  gboolean was_detail;

  g_return_if_fail (PLT_IS_QUEUE_BOARD (self));

  was_detail = plt_queue_detail_get_queue_id (self->detail) != NULL;

  adw_leaflet_set_visible_child_name (self->leaflet, "cards");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "board.back", FALSE);
  plt_queue_detail_set_queue_id (self->detail, NULL);

  if (was_detail)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->grid_view));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUEUE_ID]);
    }
}

const char *
plt_queue_board_get_queue_id (PltQueueBoard *self)
{
  g_return_val_if_fail (PLT_IS_QUEUE_BOARD (self), NULL);

  return plt_queue_detail_get_queue_id (self->detail);
}

GtkGridView *
_plt_queue_board_get_grid_view (PltQueueBoard *self)
{
  g_return_val_if_fail (PLT_IS_QUEUE_BOARD (self), NULL);

  return self->grid_view;
}

PltQueueDetail *
_plt_queue_board_get_detail (PltQueueBoard *self)
{
  g_return_val_if_fail (PLT_IS_QUEUE_BOARD (self), NULL);

  return self->detail;
}

GPtrArray *
_plt_queue_board_dup_cards (PltQueueBoard *self)
{
  GPtrArray *cards;
  GHashTableIter iter;
  gpointer card;

  g_return_val_if_fail (PLT_IS_QUEUE_BOARD (self), NULL);

  cards = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, self->cards);
  while (g_hash_table_iter_next (&iter, &card, NULL))
    g_ptr_array_add (cards, card);

  return cards;
}
