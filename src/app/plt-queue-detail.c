/* plt-queue-detail.c — one queue in full: its callers waiting, its agents, its day by quarter-hours
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "plt-agent.h"
#include "plt-call.h"
#include "plt-queue-card.h"
#include "plt-queue-detail-private.h"
#include "plt-queue-figures.h"
#include "plt-state-pill.h"
#include "plt-store.h"
#include "plt-ui-format.h"

/* The intervals are asked for again this often while the page shows. */
#define REFRESH_S      60
#define INTERVAL_S     900

/* One row of the intervals table ------------------------------------------ */

#define PLT_TYPE_INTERVAL_ITEM (plt_interval_item_get_type ())
G_DECLARE_FINAL_TYPE (PltIntervalItem, plt_interval_item, PLT, INTERVAL_ITEM, GObject)

struct _PltIntervalItem
{
  GObject    parent_instance;
  PltKpiRow *row;
};

G_DEFINE_FINAL_TYPE (PltIntervalItem, plt_interval_item, G_TYPE_OBJECT)

static void
plt_interval_item_finalize (GObject *object)
{
  PltIntervalItem *self = PLT_INTERVAL_ITEM (object);

  g_clear_pointer (&self->row, plt_kpi_row_free);

  G_OBJECT_CLASS (plt_interval_item_parent_class)->finalize (object);
}

static void
plt_interval_item_class_init (PltIntervalItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = plt_interval_item_finalize;
}

static void
plt_interval_item_init (PltIntervalItem *self)
{
}

/* The page ------------------------------------------------------------------ */

typedef enum
{
  COLUMN_POSITION,
  COLUMN_NUMBER,
  COLUMN_WAIT,
  COLUMN_PRIORITY,
  COLUMN_ORIGIN,
  COLUMN_AGENT_NAME,
  COLUMN_AGENT_STATE,
  COLUMN_AGENT_TIME,
  COLUMN_AGENT_LEVEL,
  COLUMN_INTERVAL,
  COLUMN_OFFERED,
  COLUMN_ANSWERED,
  COLUMN_ABANDONED,
  COLUMN_SL,
  COLUMN_ASA,
  COLUMN_AHT,
} Column;

struct _PltQueueDetail
{
  GtkWidget           parent_instance;

  /* Template children */
  GtkWidget          *content;
  GtkRevealer        *stale_revealer;
  GtkLabel           *stale_label;
  PltQueueCard       *card;
  GtkLabel           *waiting_count;
  GtkStack           *waiting_stack;
  GtkColumnView      *waiting_view;
  GtkLabel           *hidden_label;
  GtkLabel           *agents_count;
  GtkStack           *agents_stack;
  GtkColumnView      *agents_view;
  GtkStack           *intervals_stack;
  GtkColumnView      *intervals_view;
  GtkLabel           *intervals_message;

  PltClient          *client;
  char               *queue_id;
  GSignalGroup       *clock_signals;
  GSignalGroup       *queues_signals;
  GSignalGroup       *client_signals;

  GtkCustomFilter    *waiting_filter;
  GtkFilterListModel *waiting;
  GtkCustomFilter    *agents_filter;
  GtkFilterListModel *agents;
  GListStore         *intervals;

  /* Labels that tick with the clock, bound to their item */
  GPtrArray          *ticking;

  GCancellable       *query;
  guint               refresh_id;
  gint64              asked_at;       /* router ms of the last answer */
};

G_DEFINE_FINAL_TYPE (PltQueueDetail, plt_queue_detail, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_QUEUE_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void ask_intervals (PltQueueDetail *self);

static PltModel *
get_model (PltQueueDetail *self)
{
  return self->client != NULL ? plt_client_get_model (self->client) : NULL;
}

static gint64
get_now (PltQueueDetail *self)
{
  return self->client != NULL ? plt_clock_get_now (plt_client_get_clock (self->client)) : 0;
}

static const char *
origin_label (PltContactOrigin origin)
{
  switch (origin)
    {
    case PLT_CONTACT_ORIGIN_CALLBACK:
      /* Translators: why a contact is in a queue: the callback a caller asked for */
      return C_("origin", "Callback");
    case PLT_CONTACT_ORIGIN_TRANSFER:
      /* Translators: why a contact is in a queue: an agent transferred it */
      return C_("origin", "Transfer");
    case PLT_CONTACT_ORIGIN_OVERFLOW:
      /* Translators: why a contact is in a queue: it overflowed from another queue */
      return C_("origin", "Overflow");
    case PLT_CONTACT_ORIGIN_NEW:
    default:
      /* Translators: why a contact is in a queue: it just arrived */
      return C_("origin", "New");
    }
}

/* Filters and sorters ------------------------------------------------------ */

static gboolean
waiting_filter_func (gpointer item,
                     gpointer user_data)
{
  PltQueueDetail *self = user_data;
  PltCall *call = item;

  return self->queue_id != NULL &&
         plt_call_get_state (call) == PLT_CALL_STATE_QUEUED &&
         g_strcmp0 (plt_call_get_queue_id (call), self->queue_id) == 0;
}

/* Higher priorities first, then the longest waiting: the router's order. */
static int
waiting_compare (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  PltCall *call_a = (PltCall *) a;
  PltCall *call_b = (PltCall *) b;
  guint priority_a = plt_call_get_priority (call_a);
  guint priority_b = plt_call_get_priority (call_b);
  gint64 enqueued_a = plt_call_get_enqueued (call_a);
  gint64 enqueued_b = plt_call_get_enqueued (call_b);

  if (priority_a != priority_b)
    return priority_a > priority_b ? -1 : 1;
  if (enqueued_a != enqueued_b)
    return enqueued_a < enqueued_b ? -1 : 1;

  return g_strcmp0 (plt_call_get_id (call_a), plt_call_get_id (call_b));
}

static gboolean
agents_filter_func (gpointer item,
                    gpointer user_data)
{
  PltQueueDetail *self = user_data;

  return self->queue_id != NULL && plt_agent_serves_queue (item, self->queue_id);
}

/* The states to act on first, then by name. */
static int
agents_compare (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  PltAgent *agent_a = (PltAgent *) a;
  PltAgent *agent_b = (PltAgent *) b;
  int rank_a = plt_agent_state_get_rank (plt_agent_get_state (agent_a));
  int rank_b = plt_agent_state_get_rank (plt_agent_get_state (agent_b));

  if (rank_a != rank_b)
    return rank_a < rank_b ? -1 : 1;

  return g_utf8_collate (plt_agent_get_name (agent_a) ? plt_agent_get_name (agent_a) : "",
                         plt_agent_get_name (agent_b) ? plt_agent_get_name (agent_b) : "");
}

/* Cells ---------------------------------------------------------------------- */

static void
update_ticking_label (PltQueueDetail *self,
                      GtkLabel       *label,
                      gint64          now)
{
  gpointer item = g_object_get_data (G_OBJECT (label), "plt-item");
  g_autofree char *text = NULL;

  if (item == NULL)
    return;

  if (PLT_IS_CALL (item))
    text = plt_format_elapsed (now, plt_call_get_enqueued (item));
  else
    text = plt_format_elapsed (now, plt_agent_get_since (item));

  gtk_label_set_label (label, text);
}

static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  GtkWidget *label;

  if (column == COLUMN_AGENT_STATE)
    {
      GtkWidget *pill = plt_state_pill_new ();

      gtk_widget_set_halign (pill, GTK_ALIGN_START);
      gtk_list_item_set_child (list_item, pill);
      return;
    }

  label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (label), column == COLUMN_NUMBER || column == COLUMN_ORIGIN ||
                                           column == COLUMN_AGENT_NAME || column == COLUMN_INTERVAL
                                           ? 0.0f : 1.0f);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, "numeric");
  if (column == COLUMN_AGENT_NAME)
    gtk_widget_add_css_class (label, "agent-name");
  gtk_list_item_set_child (list_item, label);
}

static void
position_changed_cb (GtkListItem *list_item)
{
  GtkWidget *label = gtk_list_item_get_child (list_item);
  char text[16];

  if (gtk_list_item_get_item (list_item) == NULL)
    return;

  g_snprintf (text, sizeof text, "%u", gtk_list_item_get_position (list_item) + 1);
  gtk_label_set_label (GTK_LABEL (label), text);
}

static char *
format_count (gint64 value)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item,
         gpointer                  user_data)
{
  PltQueueDetail *self = g_object_get_data (G_OBJECT (factory), "plt-detail");
  Column column = GPOINTER_TO_INT (user_data);
  gpointer item = gtk_list_item_get_item (list_item);
  GtkWidget *child = gtk_list_item_get_child (list_item);
  g_autofree char *text = NULL;

  switch (column)
    {
    case COLUMN_POSITION:
      position_changed_cb (list_item);
      g_signal_connect (list_item, "notify::position", G_CALLBACK (position_changed_cb), NULL);
      return;

    case COLUMN_NUMBER:
      gtk_label_set_label (GTK_LABEL (child), plt_call_get_number (item) != NULL
                                              ? plt_call_get_number (item)
                                              /* Translators: a caller whose number is not known */
                                              : C_("number", "Unknown"));
      return;

    case COLUMN_WAIT:
    case COLUMN_AGENT_TIME:
      g_object_set_data (G_OBJECT (child), "plt-item", item);
      g_ptr_array_add (self->ticking, child);
      update_ticking_label (self, GTK_LABEL (child), get_now (self));
      return;

    case COLUMN_PRIORITY:
      text = plt_call_get_priority (item) > 0 ? format_count (plt_call_get_priority (item)) : g_strdup ("—");
      break;

    case COLUMN_ORIGIN:
      gtk_label_set_label (GTK_LABEL (child), origin_label (plt_call_get_origin (item)));
      return;

    case COLUMN_AGENT_NAME:
      gtk_label_set_label (GTK_LABEL (child), plt_agent_get_name (item));
      return;

    case COLUMN_AGENT_STATE:
      plt_state_pill_set_state (PLT_STATE_PILL (child), plt_agent_get_state (item));
      plt_state_pill_set_reason (PLT_STATE_PILL (child), plt_agent_get_reason (item));
      return;

    case COLUMN_AGENT_LEVEL:
      {
        guint level = plt_agent_get_skill_level (item, self->queue_id);

        text = level > 0 ? format_count (level) : g_strdup ("—");
      }
      break;

    case COLUMN_INTERVAL:
      {
        PltKpiRow *row = PLT_INTERVAL_ITEM (item)->row;
        g_autofree char *from = plt_format_time_of_day (row->from * 1000);
        g_autofree char *to = plt_format_time_of_day (row->to * 1000);

        /* Translators: a quarter-hour, "10:00:00 – 10:15:00" */
        text = g_strdup_printf (_("%s – %s"), from, to);
      }
      break;

    case COLUMN_OFFERED:
      text = format_count (PLT_INTERVAL_ITEM (item)->row->values.offered);
      break;

    case COLUMN_ANSWERED:
      text = format_count (PLT_INTERVAL_ITEM (item)->row->values.answered);
      break;

    case COLUMN_ABANDONED:
      text = format_count (PLT_INTERVAL_ITEM (item)->row->values.abandoned);
      break;

    case COLUMN_SL:
      text = plt_format_ratio (PLT_INTERVAL_ITEM (item)->row->values.service_level);
      break;

    case COLUMN_ASA:
      text = plt_format_wait (PLT_INTERVAL_ITEM (item)->row->values.asa_s);
      break;

    case COLUMN_AHT:
      text = plt_format_wait (PLT_INTERVAL_ITEM (item)->row->values.aht_s);
      break;

    default:
      g_assert_not_reached ();
    }

  gtk_label_set_label (GTK_LABEL (child), text);
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  PltQueueDetail *self = g_object_get_data (G_OBJECT (factory), "plt-detail");
  Column column = GPOINTER_TO_INT (user_data);
  GtkWidget *child = gtk_list_item_get_child (list_item);

  if (column == COLUMN_POSITION)
    g_signal_handlers_disconnect_by_func (list_item, position_changed_cb, NULL);
  else if (column == COLUMN_WAIT || column == COLUMN_AGENT_TIME)
    {
      g_object_set_data (G_OBJECT (child), "plt-item", NULL);
      g_ptr_array_remove_fast (self->ticking, child);
    }
}

static void
add_column (PltQueueDetail *self,
            GtkColumnView  *view,
            Column          column,
            const char     *title,
            gboolean        expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *view_column;

  g_object_set_data (G_OBJECT (factory), "plt-detail", self);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_label_cb), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), GINT_TO_POINTER (column));
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), GINT_TO_POINTER (column));

  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (view_column, expand);
  gtk_column_view_append_column (view, view_column);
  g_object_unref (view_column);
}

/* Following the data --------------------------------------------------------- */

static void
update_counts (PltQueueDetail *self)
{
  guint n_waiting = self->waiting != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->waiting)) : 0;
  guint n_agents = self->agents != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->agents)) : 0;
  const char *role = self->client != NULL ? plt_client_get_role (self->client) : NULL;
  g_autofree char *waiting = NULL;
  g_autofree char *agents = NULL;

  /* The router sends no single contact to a wallboard account. */
  if (g_strcmp0 (role, "wallboard") == 0)
    {
      gtk_label_set_label (self->hidden_label,
                           _("This account is a wallboard’s: the router shows it queues and figures, not the callers themselves."));
      gtk_stack_set_visible_child_name (self->waiting_stack, "hidden");
      gtk_label_set_label (self->waiting_count, "");
    }
  else
    {
      gtk_stack_set_visible_child_name (self->waiting_stack, n_waiting > 0 ? "list" : "empty");
      waiting = g_strdup_printf (ngettext ("%u contact", "%u contacts", n_waiting), n_waiting);
      gtk_label_set_label (self->waiting_count, waiting);
    }

  gtk_stack_set_visible_child_name (self->agents_stack, n_agents > 0 ? "list" : "empty");
  agents = g_strdup_printf (ngettext ("%u agent", "%u agents", n_agents), n_agents);
  gtk_label_set_label (self->agents_count, agents);
}

static void
clock_now_cb (PltQueueDetail *self)
{
  gint64 now = get_now (self);

  for (guint i = 0; i < self->ticking->len; i++)
    update_ticking_label (self, g_ptr_array_index (self->ticking, i), now);

  /* A new quarter-hour: its row. */
  if (self->asked_at > 0 && now / (INTERVAL_S * 1000) != self->asked_at / (INTERVAL_S * 1000))
    ask_intervals (self);
}

static void
update_queue (PltQueueDetail *self)
{
  PltModel *model = get_model (self);
  PltQueue *queue = NULL;

  if (model != NULL && self->queue_id != NULL)
    queue = plt_model_lookup_queue (model, self->queue_id);

  plt_queue_card_set_queue (self->card, queue);
}

static void
queues_changed_cb (PltQueueDetail *self)
{
  /* The queue may have just arrived (a snapshot), or left. */
  if (self->queue_id != NULL &&
      plt_queue_card_get_queue (self->card) != plt_model_lookup_queue (get_model (self), self->queue_id))
    update_queue (self);
}

static void
intervals_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  PltQueueDetail *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) items = NULL;
  gint64 now;

  rows = plt_client_query_kpi_finish (PLT_CLIENT (source), result, &error);
  if (rows == NULL)
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      if (g_list_model_get_n_items (G_LIST_MODEL (self->intervals)) > 0 &&
          error->domain == G_IO_ERROR)
        return;   /* Keep the last answer while the link is down. */

      /* Translators: the router's refusal or the link's failure, in its words */
      message = g_strdup_printf (_("The router did not give the intervals: %s"), error->message);
      gtk_label_set_label (self->intervals_message, message);
      gtk_stack_set_visible_child_name (self->intervals_stack, "message");
      return;
    }

  /* The quarter-hours to come hold zeros: only those begun. */
  now = get_now (self);
  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < rows->len; i++)
    {
      PltKpiRow *row = g_ptr_array_index (rows, i);
      PltIntervalItem *item;

      if (g_strcmp0 (row->id, self->queue_id) != 0 || (now > 0 && row->from > now))
        continue;

      item = g_object_new (PLT_TYPE_INTERVAL_ITEM, NULL);
      item->row = g_new0 (PltKpiRow, 1);
      *item->row = *row;
      item->row->id = g_strdup (row->id);
      g_ptr_array_add (items, item);
    }

  g_list_store_splice (self->intervals, 0, g_list_model_get_n_items (G_LIST_MODEL (self->intervals)),
                       items->pdata, items->len);
  self->asked_at = now;

  if (items->len == 0)
    {
      gtk_label_set_label (self->intervals_message, _("No interval has begun today"));
      gtk_stack_set_visible_child_name (self->intervals_stack, "message");
    }
  else
    gtk_stack_set_visible_child_name (self->intervals_stack, "table");
}

static void
ask_intervals (PltQueueDetail *self)
{
  const char *ids[] = { self->queue_id, NULL };

  if (self->client == NULL || self->queue_id == NULL)
    return;

  g_cancellable_cancel (self->query);
  g_clear_object (&self->query);
  self->query = g_cancellable_new ();

  if (g_list_model_get_n_items (G_LIST_MODEL (self->intervals)) == 0)
    {
      gtk_label_set_label (self->intervals_message, _("Asking the router…"));
      gtk_stack_set_visible_child_name (self->intervals_stack, "message");
    }

  plt_client_query_kpi_period (self->client, PLT_KPI_SCOPE_QUEUE, ids, PLT_KPI_PERIOD_TODAY,
                               INTERVAL_S, self->query, intervals_cb, self);
}

static gboolean
refresh_cb (gpointer user_data)
{
  ask_intervals (user_data);

  return G_SOURCE_CONTINUE;
}

static void
client_state_cb (PltQueueDetail *self)
{
  /* Back on line: the intervals missed while away. */
  if (plt_client_get_state (self->client) == PLT_CONNECTION_STATE_LIVE &&
      gtk_widget_get_mapped (GTK_WIDGET (self)))
    ask_intervals (self);
  update_counts (self);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ask_intervals (PLT_QUEUE_DETAIL (widget));
}

static void
rebind (PltQueueDetail *self)
{
  PltModel *model = get_model (self);

  gtk_filter_changed (GTK_FILTER (self->waiting_filter), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_filter_changed (GTK_FILTER (self->agents_filter), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_filter_list_model_set_model (self->waiting, model != NULL ? G_LIST_MODEL (plt_model_get_calls (model)) : NULL);
  gtk_filter_list_model_set_model (self->agents, model != NULL ? G_LIST_MODEL (plt_model_get_agents (model)) : NULL);

  g_list_store_remove_all (self->intervals);
  self->asked_at = 0;
  update_queue (self);
  update_counts (self);

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    ask_intervals (self);
}

/* GtkWidget ----------------------------------------------------------------- */

static void
plt_queue_detail_map (GtkWidget *widget)
{
  PltQueueDetail *self = PLT_QUEUE_DETAIL (widget);

  GTK_WIDGET_CLASS (plt_queue_detail_parent_class)->map (widget);

  if (self->client != NULL)
    g_signal_group_set_target (self->clock_signals, plt_client_get_clock (self->client));
  clock_now_cb (self);
  ask_intervals (self);

  self->refresh_id = g_timeout_add_seconds (REFRESH_S, refresh_cb, self);
  g_source_set_name_by_id (self->refresh_id, "[plateau] queue intervals");
}

static void
plt_queue_detail_unmap (GtkWidget *widget)
{
  PltQueueDetail *self = PLT_QUEUE_DETAIL (widget);

  g_signal_group_set_target (self->clock_signals, NULL);
  g_clear_handle_id (&self->refresh_id, g_source_remove);

  GTK_WIDGET_CLASS (plt_queue_detail_parent_class)->unmap (widget);
}

static void
plt_queue_detail_dispose (GObject *object)
{
  PltQueueDetail *self = (PltQueueDetail *)object;
  GtkWidget *child;

  g_cancellable_cancel (self->query);
  g_clear_object (&self->query);
  g_clear_handle_id (&self->refresh_id, g_source_remove);

  if (self->clock_signals != NULL)
    g_signal_group_set_target (self->clock_signals, NULL);
  if (self->queues_signals != NULL)
    g_signal_group_set_target (self->queues_signals, NULL);
  if (self->client_signals != NULL)
    g_signal_group_set_target (self->client_signals, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), PLT_TYPE_QUEUE_DETAIL);
  /* The template's unnamed children too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->clock_signals);
  g_clear_object (&self->queues_signals);
  g_clear_object (&self->client_signals);
  g_clear_object (&self->waiting);
  g_clear_object (&self->waiting_filter);
  g_clear_object (&self->agents);
  g_clear_object (&self->agents_filter);
  g_clear_object (&self->intervals);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (plt_queue_detail_parent_class)->dispose (object);
}

static void
plt_queue_detail_finalize (GObject *object)
{
  PltQueueDetail *self = (PltQueueDetail *)object;

  g_clear_pointer (&self->queue_id, g_free);
  g_clear_pointer (&self->ticking, g_ptr_array_unref);

  G_OBJECT_CLASS (plt_queue_detail_parent_class)->finalize (object);
}

static void
plt_queue_detail_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PltQueueDetail *self = PLT_QUEUE_DETAIL (object);

  switch (prop_id)
    {
    case PROP_QUEUE_ID:
      g_value_set_string (value, self->queue_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
plt_queue_detail_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PltQueueDetail *self = PLT_QUEUE_DETAIL (object);

  switch (prop_id)
    {
    case PROP_QUEUE_ID:
      plt_queue_detail_set_queue_id (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
plt_queue_detail_class_init (PltQueueDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = plt_queue_detail_dispose;
  object_class->finalize = plt_queue_detail_finalize;
  object_class->get_property = plt_queue_detail_get_property;
  object_class->set_property = plt_queue_detail_set_property;

  widget_class->map = plt_queue_detail_map;
  widget_class->unmap = plt_queue_detail_unmap;

  properties[PROP_QUEUE_ID] =
    g_param_spec_string ("queue-id", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PLT_TYPE_QUEUE_CARD);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/plateau/Plateau/plt-queue-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, PltQueueDetail, content);
  gtk_widget_class_bind_template_child (widget_class, PltQueueDetail, stale_revealer);
  gtk_widget_class_bind_template_child (widget_class, PltQueueDetail, stale_label);
  gtk_widget_class_bind_template_child (widget_class, PltQueueDetail, card);
  gtk_widget_class_bind_template_child (widget_class, PltQueueDetail, waiting_count);
  gtk_widget_class_bind_template_child (widget_class, PltQueueDetail, waiting_stack);
  gtk_widget_class_bind_template_child (widget_class, PltQueueDetail, waiting_view);
  gtk_widget_class_bind_template_child (widget_class, PltQueueDetail, hidden_label);
  gtk_widget_class_bind_template_child (widget_class, PltQueueDetail, agents_count);
  gtk_widget_class_bind_template_child (widget_class, PltQueueDetail, agents_stack);
  gtk_widget_class_bind_template_child (widget_class, PltQueueDetail, agents_view);
  gtk_widget_class_bind_template_child (widget_class, PltQueueDetail, intervals_stack);
  gtk_widget_class_bind_template_child (widget_class, PltQueueDetail, intervals_view);
  gtk_widget_class_bind_template_child (widget_class, PltQueueDetail, intervals_message);

  gtk_widget_class_install_action (widget_class, "detail.refresh", NULL, refresh_action);

  gtk_widget_class_set_css_name (widget_class, "queuedetail");
}

static void
plt_queue_detail_init (PltQueueDetail *self)
{
  GtkSortListModel *sorted;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->ticking = g_ptr_array_new ();

  self->waiting_filter = gtk_custom_filter_new (waiting_filter_func, self, NULL);
  self->waiting = gtk_filter_list_model_new (NULL, GTK_FILTER (g_object_ref (self->waiting_filter)));
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->waiting)),
                                    GTK_SORTER (gtk_custom_sorter_new (waiting_compare, NULL, NULL)));
  gtk_column_view_set_model (self->waiting_view, GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (sorted))));
  g_signal_connect_object (self->waiting, "items-changed", G_CALLBACK (update_counts), self, G_CONNECT_SWAPPED);

  /* Translators: a column: the position in the queue */
  add_column (self, self->waiting_view, COLUMN_POSITION, C_("queue position", "Position"), FALSE);
  add_column (self, self->waiting_view, COLUMN_NUMBER, _("Number"), TRUE);
  add_column (self, self->waiting_view, COLUMN_WAIT, _("Waiting for"), FALSE);
  add_column (self, self->waiting_view, COLUMN_PRIORITY, _("Priority"), FALSE);
  add_column (self, self->waiting_view, COLUMN_ORIGIN, _("Origin"), FALSE);

  self->agents_filter = gtk_custom_filter_new (agents_filter_func, self, NULL);
  self->agents = gtk_filter_list_model_new (NULL, GTK_FILTER (g_object_ref (self->agents_filter)));
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->agents)),
                                    GTK_SORTER (gtk_custom_sorter_new (agents_compare, NULL, NULL)));
  gtk_column_view_set_model (self->agents_view, GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (sorted))));
  g_signal_connect_object (self->agents, "items-changed", G_CALLBACK (update_counts), self, G_CONNECT_SWAPPED);

  add_column (self, self->agents_view, COLUMN_AGENT_NAME, _("Name"), TRUE);
  add_column (self, self->agents_view, COLUMN_AGENT_STATE, _("State"), FALSE);
  add_column (self, self->agents_view, COLUMN_AGENT_TIME, _("Time in state"), FALSE);
  /* Translators: a column: the agent's skill level on the queue, 1 the best */
  add_column (self, self->agents_view, COLUMN_AGENT_LEVEL, _("Level"), FALSE);

  self->intervals = g_list_store_new (PLT_TYPE_INTERVAL_ITEM);
  gtk_column_view_set_model (self->intervals_view,
                             GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->intervals)))));

  add_column (self, self->intervals_view, COLUMN_INTERVAL, _("Interval"), TRUE);
  add_column (self, self->intervals_view, COLUMN_OFFERED, _("Offered"), FALSE);
  add_column (self, self->intervals_view, COLUMN_ANSWERED, _("Answered"), FALSE);
  add_column (self, self->intervals_view, COLUMN_ABANDONED, _("Abandoned"), FALSE);
  /* Translators: a column: the service level, short */
  add_column (self, self->intervals_view, COLUMN_SL, C_("column", "SL"), FALSE);
  add_column (self, self->intervals_view, COLUMN_ASA, _("ASA"), FALSE);
  /* Translators: a column: average handle time, short */
  add_column (self, self->intervals_view, COLUMN_AHT, _("AHT"), FALSE);

  self->clock_signals = g_signal_group_new (PLT_TYPE_CLOCK);
  g_signal_group_connect_swapped (self->clock_signals, "notify::now", G_CALLBACK (clock_now_cb), self);

  self->queues_signals = g_signal_group_new (PLT_TYPE_STORE);
  g_signal_group_connect_swapped (self->queues_signals, "items-changed", G_CALLBACK (queues_changed_cb), self);

  self->client_signals = g_signal_group_new (PLT_TYPE_CLIENT);
  g_signal_group_connect_swapped (self->client_signals, "notify::state", G_CALLBACK (client_state_cb), self);
  g_signal_group_connect_swapped (self->client_signals, "notify::role", G_CALLBACK (update_counts), self);

  update_counts (self);
}

GtkWidget *
plt_queue_detail_new (void)
{
  return g_object_new (PLT_TYPE_QUEUE_DETAIL, NULL);
}

void
plt_queue_detail_set_client (PltQueueDetail *self,
                             PltClient      *client)
{
  g_return_if_fail (PLT_IS_QUEUE_DETAIL (self));
  g_return_if_fail (client == NULL || PLT_IS_CLIENT (client));

  if (!g_set_object (&self->client, client))
    return;

  g_signal_group_set_target (self->client_signals, client);
  g_signal_group_set_target (self->queues_signals,
                             client != NULL ? plt_model_get_queues (plt_client_get_model (client)) : NULL);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    g_signal_group_set_target (self->clock_signals, client != NULL ? plt_client_get_clock (client) : NULL);

  plt_queue_card_set_clock (self->card, client != NULL ? plt_client_get_clock (client) : NULL);
  plt_queue_card_set_trends (self->card, client != NULL ? plt_client_get_queue_trends (client) : NULL);

  rebind (self);
}

const char *
plt_queue_detail_get_queue_id (PltQueueDetail *self)
{
  g_return_val_if_fail (PLT_IS_QUEUE_DETAIL (self), NULL);

  return self->queue_id;
}

void
plt_queue_detail_set_queue_id (PltQueueDetail *self,
                               const char     *queue_id)
{
  g_return_if_fail (PLT_IS_QUEUE_DETAIL (self));

  if (g_strcmp0 (self->queue_id, queue_id) == 0)
    return;

  g_free (self->queue_id);
  self->queue_id = g_strdup (queue_id);

  g_cancellable_cancel (self->query);
  rebind (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUEUE_ID]);
}

void
plt_queue_detail_set_stale (PltQueueDetail *self,
                            gboolean        stale,
                            const char     *data_time)
{
  g_return_if_fail (PLT_IS_QUEUE_DETAIL (self));

  plt_queue_card_set_stale (self->card, stale, data_time);

  if (stale)
    gtk_widget_add_css_class (self->content, "stale");
  else
    gtk_widget_remove_css_class (self->content, "stale");

  if (stale && data_time != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Data from %s"), data_time);

      gtk_label_set_label (self->stale_label, text);
    }
  /* Hidden, it takes no room (nor the box's spacing). */
  gtk_widget_set_visible (GTK_WIDGET (self->stale_revealer), stale && data_time != NULL);
  gtk_revealer_set_reveal_child (self->stale_revealer, stale && data_time != NULL);
}

PltQueueCard *
_plt_queue_detail_get_card (PltQueueDetail *self)
{
  g_return_val_if_fail (PLT_IS_QUEUE_DETAIL (self), NULL);

  return self->card;
}

GListModel *
_plt_queue_detail_get_waiting (PltQueueDetail *self)
{
  g_return_val_if_fail (PLT_IS_QUEUE_DETAIL (self), NULL);

  return G_LIST_MODEL (gtk_column_view_get_model (self->waiting_view));
}

GListModel *
_plt_queue_detail_get_agents (PltQueueDetail *self)
{
  g_return_val_if_fail (PLT_IS_QUEUE_DETAIL (self), NULL);

  return G_LIST_MODEL (gtk_column_view_get_model (self->agents_view));
}

GListModel *
_plt_queue_detail_get_intervals (PltQueueDetail *self)
{
  g_return_val_if_fail (PLT_IS_QUEUE_DETAIL (self), NULL);

  return G_LIST_MODEL (self->intervals);
}

GtkWidget *
_plt_queue_detail_get_waiting_view (PltQueueDetail *self)
{
  g_return_val_if_fail (PLT_IS_QUEUE_DETAIL (self), NULL);

  return GTK_WIDGET (self->waiting_view);
}

const char *
_plt_queue_detail_get_waiting_page (PltQueueDetail *self)
{
  g_return_val_if_fail (PLT_IS_QUEUE_DETAIL (self), NULL);

  return gtk_stack_get_visible_child_name (self->waiting_stack);
}
