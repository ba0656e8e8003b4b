/* plt-agent-list.c — the agent board: every agent, their state, time in
 * state, contact and figures; filters, groups, tiles, actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "plt-agent.h"
#include "plt-agent-actions.h"
#include "plt-agent-list-private.h"
#include "plt-agent-tile.h"
#include "plt-board-model.h"
#include "plt-call.h"
#include "plt-item-selection.h"
#include "plt-operator-page.h"
#include "plt-protocol-supervisor.h"
#include "plt-queue.h"
#include "plt-state-pill.h"
#include "plt-store.h"
#include "plt-stress.h"
#include "plt-stress-badge.h"
#include "plt-team.h"
#include "plt-tooltip.h"
#include "plt-ui-format.h"

/* Stress signals are evaluated this often (router time), and for every
 * agent whose state changed. */
#define STRESS_PERIOD_MS   (15 * 1000)
/* The day's history is asked for when the session sees at most this many
 * agents; above, the signals start from what the console saw. */
#define STRESS_HISTORY_MAX 500

/* The state filter's choices. */
typedef enum
{
  STATE_ALL,
  STATE_AVAILABLE,
  STATE_ON_CONTACT,
  STATE_WRAP_UP,
  STATE_PAUSED,
  STATE_MISSED,
  STATE_LOGGED_OUT,
  N_STATE_CHOICES
} StateChoice;

struct _PltAgentList
{
  GtkWidget           parent_instance;

  /* Template children */
  AdwToastOverlay    *toast_overlay;
  AdwLeaflet         *leaflet;
  GtkWidget          *board_page;
  GtkSearchEntry     *search_entry;
  GtkDropDown        *team_dropdown;
  GtkDropDown        *state_dropdown;
  GtkDropDown        *queue_dropdown;
  GtkDropDown        *skill_dropdown;
  GtkLabel           *count_label;
  GtkMenuButton      *actions_button;
  GtkMenuButton      *stress_button;
  GtkToggleButton    *group_button;
  GtkToggleButton    *list_button;
  GtkToggleButton    *tiles_button;
  GtkStack           *stack;
  GtkScrolledWindow  *list_scroller;
  GtkColumnView      *column_view;
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *team_column;
  GtkColumnViewColumn *state_column;
  GtkColumnViewColumn *time_column;
  GtkColumnViewColumn *queue_column;
  GtkColumnViewColumn *contact_column;
  GtkColumnViewColumn *handled_column;
  GtkColumnViewColumn *aht_column;
  GtkColumnViewColumn *occupancy_column;
  GtkColumnViewColumn *adherence_column;
  GtkScrolledWindow  *tile_scroller;
  GtkGridView        *grid_view;
  AdwStatusPage      *empty_page;

  PltModel           *model;
  PltClock           *clock;
  PltClient          *client;
  GSignalGroup       *clock_signals;
  GSignalGroup       *agents_signals;
  GSignalGroup       *teams_signals;
  GSignalGroup       *queues_signals;
  GSignalGroup       *client_signals;
  GCancellable       *cancellable;

  /* The pipeline: store → rows (filtered, sorted, grouped) → selection */
  GtkFilter          *filter;
  PltBoardModel      *rows;
  PltBoardModel      *tiles;
  PltItemSelection   *row_selection;
  PltItemSelection   *tile_selection;
  GtkStringFilter    *name_filter;
  GtkCustomFilter    *team_filter;
  GtkCustomFilter    *state_filter;
  GtkCustomFilter    *queue_filter;
  GtkCustomFilter    *skill_filter;

  /* Column layout kept in the settings ("column-layout") */
  GSettings          *settings;
  guint               save_columns_id;

  /* The dropdowns: "All …" first */
  GtkStringList      *team_names;
  GPtrArray          *team_ids;
  char               *selected_team_id;
  GPtrArray          *queue_ids;
  char               *selected_queue_id;
  char               *selected_skill_id;
  StateChoice         selected_state;

  PltAgentActions    *actions;
  GtkWidget          *operator_page;
  GtkWidget          *context_menu;

  /* Stress */
  PltStressTracker   *stress;
  GtkWidget          *stress_list;
  GtkWidget          *stress_empty;
  gint64              stress_evaluated;

  guint               flush_tick_id;
  gint64              now;

  guint               updating_teams : 1;
  guint               updating_queues : 1;
  guint               history_asked : 1;
};

G_DEFINE_FINAL_TYPE (PltAgentList, plt_agent_list, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MODEL,
  PROP_CLOCK,
  PROP_NOW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void update_stress_list (PltAgentList *self);

/* Expressions ------------------------------------------------------------ */

static GtkExpression *
item_property_expression (const char *property)
{
  GtkExpression *item = gtk_property_expression_new (GTK_TYPE_LIST_ITEM, NULL, "item");

  return gtk_property_expression_new (PLT_TYPE_AGENT, item, property);
}

static GtkExpression *
group_property_expression (const char *property)
{
  GtkExpression *item = gtk_property_expression_new (GTK_TYPE_LIST_ITEM, NULL, "item");

  return gtk_property_expression_new (PLT_TYPE_BOARD_GROUP, item, property);
}

static GtkExpression *
now_expression (PltAgentList *self)
{
  return gtk_property_expression_new (PLT_TYPE_AGENT_LIST, gtk_object_expression_new (G_OBJECT (self)), "now");
}

static const char *
queue_name_for_id (PltAgentList *self,
                   const char   *queue_id)
{
  PltQueue *queue;

  if (queue_id == NULL || queue_id[0] == '\0')
    return NULL;
  if (self->model == NULL)
    return queue_id;

  queue = plt_model_lookup_queue (self->model, queue_id);
  if (queue == NULL || plt_queue_get_name (queue) == NULL)
    return queue_id;

  return plt_queue_get_name (queue);
}

static char *
time_in_state_cb (GtkListItem *list_item,
                  gint64       since,
                  gint64       now,
                  gpointer     user_data)
{
  return plt_format_elapsed (now, since);
}

static char *
queue_name_cb (GtkListItem *list_item,
               const char  *queue_id,
               gpointer     user_data)
{
  const char *name = queue_name_for_id (user_data, queue_id);

  return g_strdup (name != NULL ? name : "—");
}

/* The contact: the caller's masked number, or what kind of contact it is. */
static char *
contact_cb (GtkListItem *list_item,
            const char  *call_id,
            gpointer     user_data)
{
  PltAgentList *self = user_data;
  PltCall *call;

  if (call_id == NULL)
    return g_strdup ("—");

  call = self->model != NULL ? plt_model_lookup_call (self->model, call_id) : NULL;
  if (call == NULL)
    return g_strdup (call_id);

  if (plt_call_get_number (call) != NULL && plt_call_get_media (call) != PLT_QUEUE_MEDIA_EMAIL)
    return g_strdup (plt_call_get_number (call));

  return g_strdup (plt_queue_media_get_label (plt_call_get_media (call)));
}

static char *
handled_cb (GtkListItem *list_item,
            gint64       handled,
            gpointer     user_data)
{
  return handled < 0 ? g_strdup ("—") : g_strdup_printf ("%" G_GINT64_FORMAT, handled);
}

static char *
duration_cb (GtkListItem *list_item,
             double       seconds,
             gpointer     user_data)
{
  return seconds < 0 ? g_strdup ("—") : plt_format_duration ((gint64) (seconds * 1000.0));
}

static char *
percent_cb (GtkListItem *list_item,
            double       fraction,
            gpointer     user_data)
{
  return fraction < 0 ? g_strdup ("—") : plt_format_percent (fraction);
}

/* "Camille Martin, on call, 3 minutes, Ventes": what a screen reader says
 * of a row. */
static char *
describe_cb (GtkListItem   *list_item,
             const char    *name,
             PltAgentState  state,
             const char    *reason,
             gint64         since,
             gint64         now,
             const char    *queue_id,
             gpointer       user_data)
{
  PltAgentList *self = user_data;
  g_autofree char *display = plt_agent_state_dup_display (state, reason);
  g_autofree char *lower = g_utf8_strdown (display, -1);
  gint64 minutes = MAX (now - since, 0) / 60000;
  g_autofree char *time = g_strdup_printf (ngettext ("%d minute", "%d minutes", (int) MIN (minutes, G_MAXINT)),
                                           (int) MIN (minutes, G_MAXINT));
  const char *queue = queue_name_for_id (self, queue_id);

  if (name == NULL)
    return NULL;
  if (queue != NULL)
    /* Translators: a row read by a screen reader: "Camille Martin, on call, 3 minutes, Ventes" */
    return g_strdup_printf (_("%s, %s, %s, %s"), name, lower, time, queue);
  /* Translators: "Lucas Bernard, available, 12 minutes" */
  return g_strdup_printf (_("%s, %s, %s"), name, lower, time);
}

static GtkExpression *
describe_expression (PltAgentList *self)
{
  GtkExpression *params[6] = {
    item_property_expression ("name"),
    item_property_expression ("state"),
    item_property_expression ("reason"),
    item_property_expression ("since"),
    now_expression (self),
    item_property_expression ("queue-id"),
  };

  return gtk_cclosure_expression_new (G_TYPE_STRING, NULL, G_N_ELEMENTS (params), params,
                                      G_CALLBACK (describe_cb), self, NULL);
}

static void
description_changed_cb (gpointer user_data)
{
  GtkWidget *widget = user_data;
  GtkExpressionWatch *watch = g_object_get_data (G_OBJECT (widget), "description-watch");
  g_auto(GValue) value = G_VALUE_INIT;

  if (watch == NULL || !gtk_expression_watch_evaluate (watch, &value))
    return;

  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  g_value_get_string (&value) != NULL ? g_value_get_string (&value) : "",
                                  -1);
}

/* Cells ------------------------------------------------------------------ */

static GtkWidget *
create_inscription (int         min_chars,
                    int         nat_chars,
                    const char *css_class)
{
  GtkWidget *inscription = gtk_inscription_new (NULL);

  gtk_inscription_set_min_chars (GTK_INSCRIPTION (inscription), min_chars);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (inscription), nat_chars);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (inscription),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  /* An inscription fills the height it gets with as many lines as fit:
   * give it one line's height, so that a name never wraps in a row. */
  gtk_widget_set_valign (inscription, GTK_ALIGN_CENTER);
  if (css_class != NULL)
    gtk_widget_add_css_class (inscription, css_class);

  return inscription;
}

/* A header row shows the team in the name column and nothing in the
 * others; it cannot be selected or activated.
 *
 * Called when the cell's item changes, not at each "bind": GTK 4.8 binds
 * a row again (unbind, bind) whenever its position changes, and a move
 * near the top of the board shifts the position of every row below it. */
static void
row_item_changed_cb (GtkListItem *list_item)
{
  gpointer item = gtk_list_item_get_item (list_item);
  GtkWidget *child = gtk_list_item_get_child (list_item);
  gboolean header = PLT_IS_BOARD_GROUP (item);
  GtkWidget *agent_widgets;

  /* Torn down: the child goes first. */
  if (child == NULL)
    return;
  agent_widgets = g_object_get_data (G_OBJECT (child), "agent-widgets");

  gtk_list_item_set_selectable (list_item, !header);
  gtk_list_item_set_activatable (list_item, !header);

  if (agent_widgets == NULL)
    {
      gtk_widget_set_visible (child, !header);
      return;
    }

  gtk_widget_set_visible (agent_widgets, !header);
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (child), "group-widgets"), header);
  if (header)
    gtk_widget_add_css_class (child, "agent-group");
  else
    gtk_widget_remove_css_class (child, "agent-group");

  /* The badge shows itself when there is something to say. */
  if (g_object_get_data (G_OBJECT (child), "badge") != NULL)
    plt_stress_badge_set_flags (g_object_get_data (G_OBJECT (child), "badge"),
                                PLT_IS_AGENT (item) ? plt_agent_get_stress (item) : 0);
}

/* Every cell knows its list item: a right click finds the row from it. */
static void
set_cell_child (GtkListItem *list_item,
                GtkWidget   *child)
{
  gtk_list_item_set_child (list_item, child);
  g_object_set_data (G_OBJECT (child), "plt-list-item", list_item);
  g_signal_connect (list_item, "notify::item", G_CALLBACK (row_item_changed_cb), NULL);
}

static void
bind_text (GtkWidget  *inscription,
           GtkListItem *list_item,
           GtkExpression *param,
           GCallback   callback,
           gpointer    user_data)
{
  GtkExpression *params[1] = { param };

  gtk_expression_bind (gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 1, params, callback, user_data, NULL),
                       inscription, "text", list_item);
}

static void
name_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               PltAgentList             *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *badge = plt_stress_badge_new ();
  GtkWidget *name = create_inscription (15, 22, "agent-name");
  GtkWidget *title = gtk_label_new (NULL);
  g_autoptr(GtkExpression) describe = NULL;
  GtkExpressionWatch *watch;

  gtk_widget_set_hexpand (name, TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "heading");
  gtk_widget_set_hexpand (title, TRUE);

  gtk_box_append (GTK_BOX (box), badge);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), title);
  g_object_set_data (G_OBJECT (box), "agent-widgets", name);
  g_object_set_data (G_OBJECT (box), "badge", badge);
  g_object_set_data (G_OBJECT (box), "group-widgets", title);
  set_cell_child (list_item, box);

  gtk_expression_bind (item_property_expression ("name"), name, "text", list_item);
  gtk_expression_bind (item_property_expression ("stress"), badge, "flags", list_item);
  gtk_expression_bind (group_property_expression ("title"), title, "label", list_item);

  /* The watch takes a reference of its own. */
  describe = describe_expression (self);
  watch = gtk_expression_watch (describe, list_item, description_changed_cb, box, NULL);
  g_object_set_data_full (G_OBJECT (box), "description-watch", watch,
                          (GDestroyNotify) gtk_expression_watch_unwatch);
}

/* A cell whose header row shows a group's text instead. */
static GtkWidget *
cell_with_group_text (GtkListItem *list_item,
                      GtkWidget   *agent_widget,
                      const char  *group_property)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_hexpand (agent_widget, TRUE);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), agent_widget);
  gtk_box_append (GTK_BOX (box), label);
  g_object_set_data (G_OBJECT (box), "agent-widgets", agent_widget);
  g_object_set_data (G_OBJECT (box), "group-widgets", label);
  set_cell_child (list_item, box);
  gtk_expression_bind (group_property_expression (group_property), label, "label", list_item);

  return box;
}

static void
team_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               PltAgentList             *self)
{
  GtkWidget *inscription = create_inscription (5, 14, NULL);

  cell_with_group_text (list_item, inscription, "agents-text");
  gtk_expression_bind (item_property_expression ("team-name"), inscription, "text", list_item);
}

static void
state_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                PltAgentList             *self)
{
  GtkWidget *pill = plt_state_pill_new ();

  gtk_widget_set_halign (pill, GTK_ALIGN_START);
  cell_with_group_text (list_item, pill, "states-text");
  gtk_expression_bind (item_property_expression ("state"), pill, "state", list_item);
  gtk_expression_bind (item_property_expression ("reason"), pill, "reason", list_item);
}

static void
time_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               PltAgentList             *self)
{
  GtkWidget *inscription = create_inscription (5, 8, "time-in-state");
  GtkExpression *params[2] = { item_property_expression ("since"), now_expression (self) };

  set_cell_child (list_item, inscription);
  gtk_expression_bind (gtk_cclosure_expression_new (G_TYPE_STRING, NULL, G_N_ELEMENTS (params), params,
                                                    G_CALLBACK (time_in_state_cb), NULL, NULL),
                       inscription, "text", list_item);
}

static void
queue_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                PltAgentList             *self)
{
  GtkWidget *inscription = create_inscription (5, 14, NULL);

  set_cell_child (list_item, inscription);
  bind_text (inscription, list_item, item_property_expression ("queue-id"), G_CALLBACK (queue_name_cb), self);
}

static void
contact_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  PltAgentList             *self)
{
  GtkWidget *inscription = create_inscription (6, 15, "numeric");

  set_cell_child (list_item, inscription);
  bind_text (inscription, list_item, item_property_expression ("call-id"), G_CALLBACK (contact_cb), self);
}

static GtkWidget *
figure_inscription (void)
{
  GtkWidget *inscription = create_inscription (4, 7, "numeric");

  gtk_inscription_set_xalign (GTK_INSCRIPTION (inscription), 1.0);
  return inscription;
}

static void
handled_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  PltAgentList             *self)
{
  GtkWidget *inscription = figure_inscription ();

  set_cell_child (list_item, inscription);
  bind_text (inscription, list_item, item_property_expression ("handled"), G_CALLBACK (handled_cb), NULL);
}

static void
aht_setup_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              PltAgentList             *self)
{
  GtkWidget *inscription = figure_inscription ();

  set_cell_child (list_item, inscription);
  bind_text (inscription, list_item, item_property_expression ("aht"), G_CALLBACK (duration_cb), NULL);
}

static void
occupancy_setup_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    PltAgentList             *self)
{
  GtkWidget *inscription = figure_inscription ();

  set_cell_child (list_item, inscription);
  bind_text (inscription, list_item, item_property_expression ("occupancy"), G_CALLBACK (percent_cb), NULL);
}

static void
adherence_setup_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    PltAgentList             *self)
{
  GtkWidget *inscription = figure_inscription ();

  set_cell_child (list_item, inscription);
  /* Rows are made as the board scrolls and changes: no round trip to the
   * display for each. */
  plt_tooltip_set_text (inscription, _("Adherence to the published plan; “—” when the agent has no plan today"));
  bind_text (inscription, list_item, item_property_expression ("adherence"), G_CALLBACK (percent_cb), NULL);
}

static void
tile_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               PltAgentList             *self)
{
  GtkWidget *tile = plt_agent_tile_new ();

  set_cell_child (list_item, tile);
  gtk_expression_bind (gtk_property_expression_new (GTK_TYPE_LIST_ITEM, NULL, "item"), tile, "agent", list_item);
  gtk_expression_bind (now_expression (self), tile, "now", NULL);
}

/* Sorting ---------------------------------------------------------------- */

/*
 * The sorters read the agents' sort keys (plt_agent_get_sort_keys()): what
 * the views were told at the store's last flush, not the values that
 * changed since. GtkColumnViewSorter (GTK 4.8) keeps no keys of its own
 * and compares the objects as they are: with live values, a sort model
 * would meet an order that no longer holds while it places the agents of
 * one ::items-changed, the others having changed already.
 */

static const PltAgentSortKeys *
keys_of (gpointer item)
{
  return plt_agent_get_sort_keys (PLT_AGENT (item));
}

/* A name to sort by; agents without one go last. */
static char *
last_if_none (const char *name)
{
  return g_strdup (name != NULL ? name : "\xef\xbf\xbf");
}

static char *
name_key_cb (gpointer item, gpointer user_data) { return g_strdup (keys_of (item)->name); }
static char *
team_key_cb (gpointer item, gpointer user_data) { return g_strdup (keys_of (item)->team_name); }
static char *
queue_key_cb (gpointer item, gpointer user_data) { return last_if_none (queue_name_for_id (user_data, keys_of (item)->queue_id)); }
static char *
contact_key_cb (gpointer item, gpointer user_data) { return last_if_none (keys_of (item)->call_id); }

/* By the state's rank (the states a supervisor acts on first), then the
 * longest in it first. */
static gint64
state_key_cb (gpointer item, gpointer user_data)
{
  const PltAgentSortKeys *keys = keys_of (item);

  return (gint64) plt_agent_state_get_rank (keys->state) * ((gint64) 1 << 52) +
         CLAMP (keys->since, 0, ((gint64) 1 << 52) - 1);
}

static gint64
since_key_cb (gpointer item, gpointer user_data) { return keys_of (item)->since; }
static gint64
handled_key_cb (gpointer item, gpointer user_data) { return keys_of (item)->handled; }
static double
aht_key_cb (gpointer item, gpointer user_data) { return keys_of (item)->aht_s; }
static double
occupancy_key_cb (gpointer item, gpointer user_data) { return keys_of (item)->occupancy; }
static double
adherence_key_cb (gpointer item, gpointer user_data) { return keys_of (item)->adherence; }

static GtkExpression *
key_expression (GType      type,
                GCallback  key,
                gpointer   user_data)
{
  return gtk_cclosure_expression_new (type, NULL, 0, NULL, key, user_data, NULL);
}

static GtkSorter *
string_sorter (GCallback key,
               gpointer  user_data)
{
  return GTK_SORTER (gtk_string_sorter_new (key_expression (G_TYPE_STRING, key, user_data)));
}

static GtkSorter *
numeric_sorter (GType        type,
                GCallback    key,
                GtkSortType  order)
{
  GtkNumericSorter *sorter = gtk_numeric_sorter_new (key_expression (type, key, NULL));

  gtk_numeric_sorter_set_sort_order (sorter, order);
  return GTK_SORTER (sorter);
}

static void
set_column_sorter (GtkColumnViewColumn *column,
                   GtkSorter           *sorter)
{
  g_autoptr(GtkSorter) owned = sorter;

  gtk_column_view_column_set_sorter (column, owned);
}

static void
setup_sorters (PltAgentList *self)
{
  set_column_sorter (self->name_column, string_sorter (G_CALLBACK (name_key_cb), NULL));
  set_column_sorter (self->team_column, string_sorter (G_CALLBACK (team_key_cb), NULL));
  set_column_sorter (self->state_column, numeric_sorter (G_TYPE_INT64, G_CALLBACK (state_key_cb), GTK_SORT_ASCENDING));
  /* A longer time in state is an earlier "since". */
  set_column_sorter (self->time_column, numeric_sorter (G_TYPE_INT64, G_CALLBACK (since_key_cb), GTK_SORT_ASCENDING));
  set_column_sorter (self->queue_column, string_sorter (G_CALLBACK (queue_key_cb), self));
  set_column_sorter (self->contact_column, string_sorter (G_CALLBACK (contact_key_cb), NULL));
  /* Figures: the most first on the first click. */
  set_column_sorter (self->handled_column, numeric_sorter (G_TYPE_INT64, G_CALLBACK (handled_key_cb), GTK_SORT_DESCENDING));
  set_column_sorter (self->aht_column, numeric_sorter (G_TYPE_DOUBLE, G_CALLBACK (aht_key_cb), GTK_SORT_DESCENDING));
  set_column_sorter (self->occupancy_column, numeric_sorter (G_TYPE_DOUBLE, G_CALLBACK (occupancy_key_cb), GTK_SORT_DESCENDING));
  set_column_sorter (self->adherence_column, numeric_sorter (G_TYPE_DOUBLE, G_CALLBACK (adherence_key_cb), GTK_SORT_ASCENDING));
}

/* Filtering -------------------------------------------------------------- */

static gboolean
team_filter_func (gpointer item,
                  gpointer user_data)
{
  PltAgentList *self = user_data;

  return self->selected_team_id == NULL ||
         g_strcmp0 (plt_agent_get_team_id (PLT_AGENT (item)), self->selected_team_id) == 0;
}

static StateChoice
state_choice_of (PltAgentState state)
{
  switch (state)
    {
    case PLT_AGENT_STATE_AVAILABLE:
      return STATE_AVAILABLE;
    case PLT_AGENT_STATE_RINGING:
    case PLT_AGENT_STATE_ON_CALL:
    case PLT_AGENT_STATE_ON_HOLD:
    case PLT_AGENT_STATE_BUSY_OTHER:
      return STATE_ON_CONTACT;
    case PLT_AGENT_STATE_WRAP_UP:
      return STATE_WRAP_UP;
    case PLT_AGENT_STATE_PAUSED:
      return STATE_PAUSED;
    case PLT_AGENT_STATE_MISSED:
      return STATE_MISSED;
    case PLT_AGENT_STATE_LOGGED_OUT:
    case PLT_AGENT_STATE_UNKNOWN:
    default:
      return STATE_LOGGED_OUT;
    }
}

static gboolean
state_filter_func (gpointer item,
                   gpointer user_data)
{
  PltAgentList *self = user_data;

  return self->selected_state == STATE_ALL ||
         state_choice_of (plt_agent_get_state (PLT_AGENT (item))) == self->selected_state;
}

static gboolean
queue_filter_func (gpointer item,
                   gpointer user_data)
{
  PltAgentList *self = user_data;

  return self->selected_queue_id == NULL ||
         g_strcmp0 (plt_agent_get_queue_id (PLT_AGENT (item)), self->selected_queue_id) == 0;
}

static gboolean
skill_filter_func (gpointer item,
                   gpointer user_data)
{
  PltAgentList *self = user_data;

  return self->selected_skill_id == NULL || plt_agent_serves_queue (PLT_AGENT (item), self->selected_skill_id);
}

static gboolean
showing_tiles (PltAgentList *self)
{
  return gtk_toggle_button_get_active (self->tiles_button);
}

/* The rows of the view shown (the table's or the tiles'), and its
 * selection. */
static PltBoardModel *
shown_rows (PltAgentList *self)
{
  return showing_tiles (self) ? self->tiles : self->rows;
}

static PltItemSelection *
shown_selection (PltAgentList *self)
{
  return showing_tiles (self) ? self->tile_selection : self->row_selection;
}

static void
update_count (PltAgentList *self)
{
  guint total = 0;
  guint shown = plt_board_model_get_n_agents (shown_rows (self));
  g_autofree char *text = NULL;
  gboolean tiles = showing_tiles (self);

  if (self->model != NULL)
    total = g_list_model_get_n_items (G_LIST_MODEL (plt_model_get_agents (self->model)));

  if (shown == total)
    text = g_strdup_printf (ngettext ("%u agent", "%u agents", total), total);
  else
    /* Translators: how many agents the filters leave, "12 of 36 agents" */
    text = g_strdup_printf (ngettext ("%u of %u agent", "%u of %u agents", total), shown, total);
  gtk_label_set_label (self->count_label, text);

  if (shown > 0)
    gtk_stack_set_visible_child_name (self->stack, tiles ? "tiles" : "list");
  else
    {
      if (total == 0)
        {
          adw_status_page_set_icon_name (self->empty_page, "system-users-symbolic");
          adw_status_page_set_title (self->empty_page, _("No agents"));
          adw_status_page_set_description (self->empty_page,
                                           _("The router has not announced any agent yet"));
        }
      else
        {
          adw_status_page_set_icon_name (self->empty_page, "system-search-symbolic");
          adw_status_page_set_title (self->empty_page, _("No matching agents"));
          adw_status_page_set_description (self->empty_page,
                                           _("Try another name, or show every team, state and queue"));
        }
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
}

static void
search_changed_cb (PltAgentList   *self,
                   GtkSearchEntry *entry)
{
  gtk_string_filter_set_search (self->name_filter, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
stop_search_cb (PltAgentList   *self,
                GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
team_selected_cb (PltAgentList *self)
{
  guint selected = gtk_drop_down_get_selected (self->team_dropdown);
  const char *team_id = NULL;

  if (self->updating_teams)
    return;

  if (selected != GTK_INVALID_LIST_POSITION && selected < self->team_ids->len)
    team_id = g_ptr_array_index (self->team_ids, selected);

  if (g_strcmp0 (team_id, self->selected_team_id) == 0)
    return;

  g_free (self->selected_team_id);
  self->selected_team_id = g_strdup (team_id);
  gtk_filter_changed (GTK_FILTER (self->team_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static gboolean
set_choice (char       **slot,
            GPtrArray   *ids,
            guint        selected)
{
  const char *id = NULL;

  if (selected != GTK_INVALID_LIST_POSITION && selected < ids->len)
    id = g_ptr_array_index (ids, selected);
  if (g_strcmp0 (id, *slot) == 0)
    return FALSE;

  g_free (*slot);
  *slot = g_strdup (id);
  return TRUE;
}

static void
filter_selected_cb (PltAgentList *self)
{
  guint state = gtk_drop_down_get_selected (self->state_dropdown);

  if (self->updating_queues)
    return;

  if (state < N_STATE_CHOICES && state != self->selected_state)
    {
      self->selected_state = state;
      gtk_filter_changed (GTK_FILTER (self->state_filter), GTK_FILTER_CHANGE_DIFFERENT);
    }
  if (set_choice (&self->selected_queue_id, self->queue_ids, gtk_drop_down_get_selected (self->queue_dropdown)))
    gtk_filter_changed (GTK_FILTER (self->queue_filter), GTK_FILTER_CHANGE_DIFFERENT);
  if (set_choice (&self->selected_skill_id, self->queue_ids, gtk_drop_down_get_selected (self->skill_dropdown)))
    gtk_filter_changed (GTK_FILTER (self->skill_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static int
compare_team_names (gconstpointer a,
                    gconstpointer b)
{
  PltTeam *team_a = *(PltTeam **) a;
  PltTeam *team_b = *(PltTeam **) b;

  return g_utf8_collate (plt_team_get_name (team_a) != NULL ? plt_team_get_name (team_a) : "",
                         plt_team_get_name (team_b) != NULL ? plt_team_get_name (team_b) : "");
}

/* Rebuilds the dropdown's entries from the team store, keeping the team
 * that was chosen if it still exists. */
static void
update_teams (PltAgentList *self)
{
  g_autoptr(GPtrArray) teams = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  GListModel *store = NULL;
  guint selected = 0;
  guint n_items;

  if (self->model != NULL)
    store = G_LIST_MODEL (plt_model_get_teams (self->model));

  n_items = store != NULL ? g_list_model_get_n_items (store) : 0;
  for (guint i = 0; i < n_items; i++)
    g_ptr_array_add (teams, g_list_model_get_item (store, i));
  g_ptr_array_sort (teams, compare_team_names);

  g_ptr_array_set_size (self->team_ids, 0);
  g_ptr_array_add (self->team_ids, NULL);
  g_ptr_array_add (names, (gpointer) _("All teams"));

  for (guint i = 0; i < teams->len; i++)
    {
      PltTeam *team = g_ptr_array_index (teams, i);
      const char *name = plt_team_get_name (team);

      if (g_strcmp0 (plt_team_get_id (team), self->selected_team_id) == 0)
        selected = self->team_ids->len;

      g_ptr_array_add (self->team_ids, g_strdup (plt_team_get_id (team)));
      g_ptr_array_add (names, (gpointer) (name != NULL ? name : plt_team_get_id (team)));
    }
  g_ptr_array_add (names, NULL);

  self->updating_teams = TRUE;
  gtk_string_list_splice (self->team_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->team_names)),
                          (const char * const *) names->pdata);
  gtk_drop_down_set_selected (self->team_dropdown, selected);
  self->updating_teams = FALSE;

  /* The chosen team is gone: show everyone. */
  team_selected_cb (self);
}

static int
compare_queues (gconstpointer a,
                gconstpointer b)
{
  PltQueue *queue_a = *(PltQueue **) a;
  PltQueue *queue_b = *(PltQueue **) b;

  return g_utf8_collate (plt_queue_get_name (queue_a) != NULL ? plt_queue_get_name (queue_a) : "",
                         plt_queue_get_name (queue_b) != NULL ? plt_queue_get_name (queue_b) : "");
}

static guint
position_of (GPtrArray  *ids,
             const char *id)
{
  for (guint i = 1; id != NULL && i < ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (ids, i), id) == 0)
      return i;

  return 0;
}

/* The queue and skill dropdowns, when the set of queues changed (queue
 * counters change every second; the list rarely). */
static void
update_queues (PltAgentList *self)
{
  g_autoptr(GPtrArray) queues = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  GListModel *store = self->model != NULL ? G_LIST_MODEL (plt_model_get_queues (self->model)) : NULL;
  guint n_items = store != NULL ? g_list_model_get_n_items (store) : 0;
  g_autoptr(GtkStringList) queue_names = NULL;
  g_autoptr(GtkStringList) skill_names = NULL;
  gboolean same;

  /* Most calls come from counters that changed (the store announces
   * updated queues ten times a second): the same queues, found without
   * sorting 500 names by collation each time. */
  if (n_items + 1 == self->queue_ids->len && n_items > 0)
    {
      g_autoptr(GHashTable) known = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 1; i < self->queue_ids->len; i++)
        g_hash_table_add (known, g_ptr_array_index (self->queue_ids, i));
      same = TRUE;
      for (guint i = 0; same && i < n_items; i++)
        {
          g_autoptr(PltQueue) queue = g_list_model_get_item (store, i);

          same = g_hash_table_contains (known, plt_queue_get_id (queue));
        }
      if (same)
        return;
    }

  for (guint i = 0; i < n_items; i++)
    g_ptr_array_add (queues, g_list_model_get_item (store, i));
  g_ptr_array_sort (queues, compare_queues);

  same = queues->len + 1 == self->queue_ids->len &&
         gtk_drop_down_get_model (self->queue_dropdown) != NULL;
  for (guint i = 0; same && i < queues->len; i++)
    same = g_strcmp0 (plt_queue_get_id (g_ptr_array_index (queues, i)),
                      g_ptr_array_index (self->queue_ids, i + 1)) == 0;
  if (same)
    return;

  g_ptr_array_set_size (self->queue_ids, 0);
  g_ptr_array_add (self->queue_ids, NULL);
  g_ptr_array_add (names, NULL);
  for (guint i = 0; i < queues->len; i++)
    {
      PltQueue *queue = g_ptr_array_index (queues, i);

      g_ptr_array_add (self->queue_ids, g_strdup (plt_queue_get_id (queue)));
      g_ptr_array_add (names, (gpointer) (plt_queue_get_name (queue) != NULL ? plt_queue_get_name (queue)
                                                                             : plt_queue_get_id (queue)));
    }
  g_ptr_array_add (names, NULL);

  self->updating_queues = TRUE;
  g_ptr_array_index (names, 0) = (gpointer) _("Any current queue");
  queue_names = gtk_string_list_new ((const char * const *) names->pdata);
  gtk_drop_down_set_model (self->queue_dropdown, G_LIST_MODEL (queue_names));
  g_ptr_array_index (names, 0) = (gpointer) _("Any skill");
  skill_names = gtk_string_list_new ((const char * const *) names->pdata);
  gtk_drop_down_set_model (self->skill_dropdown, G_LIST_MODEL (skill_names));
  gtk_drop_down_set_selected (self->queue_dropdown, position_of (self->queue_ids, self->selected_queue_id));
  gtk_drop_down_set_selected (self->skill_dropdown, position_of (self->queue_ids, self->selected_skill_id));
  self->updating_queues = FALSE;

  filter_selected_cb (self);
}

/* Stress ----------------------------------------------------------------- */

static void
observe_agent (PltAgentList *self,
               PltAgent     *agent)
{
  PltAgentInterval interval = {
    plt_agent_get_id (agent), plt_agent_get_status (agent), plt_agent_get_activity (agent),
    plt_agent_get_reason (agent), plt_agent_get_queue_id (agent), plt_agent_get_call_id (agent),
    plt_agent_get_since (agent), 0,
  };

  if (interval.start == 0 || !plt_stress_tracker_observe (self->stress, &interval))
    return;

  plt_agent_set_stress (agent, plt_stress_tracker_update (self->stress, interval.agent,
                                                          MAX (self->now, interval.start)));
}

static void
evaluate_stress (PltAgentList *self)
{
  GListModel *agents;
  guint n;

  if (self->model == NULL || self->now == 0)
    return;

  agents = G_LIST_MODEL (plt_model_get_agents (self->model));
  n = g_list_model_get_n_items (agents);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PltAgent) agent = g_list_model_get_item (agents, i);

      plt_agent_set_stress (agent, plt_stress_tracker_update (self->stress, plt_agent_get_id (agent), self->now));
    }

  self->stress_evaluated = self->now;
  plt_stress_tracker_prune (self->stress, self->now - 26 * 3600 * (gint64) 1000);
  update_stress_list (self);
}

static void
history_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  PltAgentList *self = user_data;
  g_autoptr(PltSupervisorMessage) history = NULL;
  g_autoptr(GError) error = NULL;

  history = plt_client_query_history_finish (PLT_CLIENT (source), result, &error);
  if (history == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No history for the stress signals: %s", error->message);
      return;
    }

  plt_stress_tracker_add_history (self->stress, history->intervals);
  evaluate_stress (self);
}

/* The day so far, once per session: the signals need the past hours. */
static void
ask_history (PltAgentList *self)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) midnight = NULL;
  g_autofree char *id = NULL;
  guint n_agents;

  if (self->client == NULL || self->model == NULL || self->now == 0 || self->history_asked)
    return;

  n_agents = g_list_model_get_n_items (G_LIST_MODEL (plt_model_get_agents (self->model)));
  if (n_agents == 0 || n_agents > STRESS_HISTORY_MAX)
    return;

  self->history_asked = TRUE;
  now = g_date_time_new_from_unix_local (self->now / 1000);
  midnight = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                    g_date_time_get_day_of_month (now), 0, 0, 0);
  id = plt_client_query_history (self->client, g_date_time_to_unix (midnight) * 1000, self->now + 1,
                                 NULL, NULL, PLT_PROTOCOL_MAX_HISTORY_STEP_S, self->cancellable,
                                 history_done_cb, self);
}

static void
client_synced_cb (PltAgentList *self)
{
  self->history_asked = FALSE;
  ask_history (self);
}

static PltAgent *
lookup_agent (PltAgentList *self,
              const char   *id)
{
  return self->model != NULL && id != NULL ? plt_model_lookup_agent (self->model, id) : NULL;
}

static void
stress_give_break_cb (GtkButton    *button,
                      PltAgentList *self)
{
  PltAgent *agent = lookup_agent (self, g_object_get_data (G_OBJECT (button), "agent"));

  if (agent != NULL)
    plt_agent_actions_set_status (self->actions, agent, PLT_AGENT_STATUS_PAUSED, "break");
}

static void
stress_dismiss_cb (GtkButton    *button,
                   PltAgentList *self)
{
  const char *agent_id = g_object_get_data (G_OBJECT (button), "agent");
  PltAgent *agent = lookup_agent (self, agent_id);

  plt_stress_tracker_dismiss (self->stress, agent_id,
                              GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "kind")));
  if (agent != NULL)
    plt_agent_set_stress (agent, plt_stress_tracker_update (self->stress, agent_id, self->now));
  update_stress_list (self);
}

static GtkWidget *
stress_row_new (PltAgentList          *self,
                const PltStressSignal *signal)
{
  PltAgent *agent = lookup_agent (self, signal->agent);
  const char *name = agent != NULL && plt_agent_get_name (agent) != NULL ? plt_agent_get_name (agent) : signal->agent;
  g_autofree char *title = g_strdup_printf ("%s · %s", name, plt_stress_kind_title (signal->kind));
  g_autofree char *why = plt_stress_signal_describe (signal);
  g_autofree char *break_label = g_strdup_printf (_("Give %s a break"), name);
  g_autofree char *dismiss_label = g_strdup_printf (_("Dismiss the signal about %s"), name);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *give = gtk_button_new_with_mnemonic (_("Give a _Break"));
  GtkWidget *dismiss = gtk_button_new_from_icon_name ("window-close-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), why);

  gtk_widget_set_valign (give, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (give, break_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (give), GTK_ACCESSIBLE_PROPERTY_LABEL, break_label, -1);
  /* Already paused: nothing to give. */
  gtk_widget_set_sensitive (give, agent != NULL && plt_agent_get_status (agent) == PLT_AGENT_STATUS_AVAILABLE);
  g_object_set_data_full (G_OBJECT (give), "agent", g_strdup (signal->agent), g_free);
  g_signal_connect_object (give, "clicked", G_CALLBACK (stress_give_break_cb), self, 0);

  gtk_widget_set_valign (dismiss, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (dismiss, "flat");
  gtk_widget_set_tooltip_text (dismiss, _("Dismiss"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (dismiss), GTK_ACCESSIBLE_PROPERTY_LABEL, dismiss_label, -1);
  g_object_set_data_full (G_OBJECT (dismiss), "agent", g_strdup (signal->agent), g_free);
  g_object_set_data (G_OBJECT (dismiss), "kind", GUINT_TO_POINTER (signal->kind));
  g_signal_connect_object (dismiss, "clicked", G_CALLBACK (stress_dismiss_cb), self, 0);

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), give);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), dismiss);

  return row;
}

/* The signals are few (a team's); the popover's list is rebuilt. */
static void
update_stress_list (PltAgentList *self)
{
  g_autoptr(GPtrArray) signals = NULL;
  g_autofree char *tooltip = NULL;
  GtkWidget *child;
  guint shown = 0;

  signals = plt_stress_tracker_dup_signals (self->stress);
  while ((child = gtk_widget_get_first_child (self->stress_list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->stress_list), child);

  for (guint i = 0; i < signals->len && shown < 50; i++)
    {
      const PltStressSignal *signal = g_ptr_array_index (signals, i);

      /* Only the agents the board shows now. */
      if (lookup_agent (self, signal->agent) == NULL)
        continue;
      gtk_list_box_append (GTK_LIST_BOX (self->stress_list), stress_row_new (self, signal));
      shown++;
    }

  gtk_widget_set_visible (self->stress_list, shown > 0);
  gtk_widget_set_visible (self->stress_empty, shown == 0);
  if (shown > 0)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->stress_button), "has-signals");
      tooltip = g_strdup_printf (ngettext ("Floor signals: %u agent may need attention",
                                           "Floor signals: %u agents may need attention", shown), shown);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->stress_button), "has-signals");
      tooltip = g_strdup (_("Floor signals: nobody needs attention now"));
    }
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->stress_button), tooltip);
}

static void
setup_stress_popover (PltAgentList *self)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *title = gtk_label_new (_("Floor signals"));
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_box_append (GTK_BOX (box), title);

  self->stress_list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->stress_list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->stress_list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->stress_list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Agents who may need attention"), -1);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 420);
  gtk_widget_set_size_request (scrolled, 440, -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->stress_list);
  gtk_box_append (GTK_BOX (box), scrolled);

  self->stress_empty = gtk_label_new (_("Nobody needs attention now. Signals appear here: calls without "
                                        "a break, long calls in a row, a busy hour, a long pause, calls "
                                        "left ringing."));
  gtk_label_set_wrap (GTK_LABEL (self->stress_empty), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (self->stress_empty), 40);
  gtk_label_set_xalign (GTK_LABEL (self->stress_empty), 0);
  gtk_widget_add_css_class (self->stress_empty, "dim-label");
  gtk_box_append (GTK_BOX (box), self->stress_empty);

  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (self->stress_button, popover);
  /* Current when opened, whatever the last evaluation. */
  g_signal_connect_object (popover, "show", G_CALLBACK (update_stress_list), self, G_CONNECT_SWAPPED);
  update_stress_list (self);
}

/* Model signals ---------------------------------------------------------- */

static void
agents_changed_cb (PltAgentList *self,
                   guint         position,
                   guint         removed,
                   guint         added,
                   GListModel   *agents)
{
  /* Every change of an agent is announced here (at the model's flush):
   * the tracker keeps each agent's day. */
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(PltAgent) agent = g_list_model_get_item (agents, i);

      observe_agent (self, agent);
    }

  /* A change in place (removed == added) changes no count; the popover's
   * list is rebuilt when shown and with each evaluation. */
  if (removed != added)
    update_count (self);
}

static void
filtered_changed_cb (PltAgentList *self)
{
  update_count (self);
}

static void
teams_changed_cb (PltAgentList *self)
{
  update_teams (self);
}

static void
queues_changed_cb (PltAgentList *self)
{
  update_queues (self);
}

/* Column layout ----------------------------------------------------------- */

#define SETTINGS_KEY_COLUMNS "column-layout"

/* The columns' names in the settings; GTK 4.8 has no column id. */
static GtkColumnViewColumn *
column_by_name (PltAgentList *self,
                const char   *name)
{
  if (g_str_equal (name, "name"))
    return self->name_column;
  if (g_str_equal (name, "team"))
    return self->team_column;
  if (g_str_equal (name, "state"))
    return self->state_column;
  if (g_str_equal (name, "time"))
    return self->time_column;
  if (g_str_equal (name, "queue"))
    return self->queue_column;
  if (g_str_equal (name, "contact"))
    return self->contact_column;
  if (g_str_equal (name, "handled"))
    return self->handled_column;
  if (g_str_equal (name, "aht"))
    return self->aht_column;
  if (g_str_equal (name, "occupancy"))
    return self->occupancy_column;
  if (g_str_equal (name, "adherence"))
    return self->adherence_column;

  return NULL;
}

static const char *
column_name (PltAgentList        *self,
             GtkColumnViewColumn *column)
{
  static const char * const names[] = { "name", "team", "state", "time", "queue", "contact",
                                        "handled", "aht", "occupancy", "adherence" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (column_by_name (self, names[i]) == column)
      return names[i];

  return NULL;
}

static void
save_columns_cb (gpointer user_data)
{
  PltAgentList *self = user_data;
  GListModel *columns = gtk_column_view_get_columns (self->column_view);
  GVariantBuilder builder;

  self->save_columns_id = 0;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(sbi)"));
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      const char *name = column_name (self, column);

      if (name != NULL)
        g_variant_builder_add (&builder, "(sbi)", name,
                               gtk_column_view_column_get_visible (column),
                               MAX (0, gtk_column_view_column_get_fixed_width (column)));
    }

  g_settings_set_value (self->settings, SETTINGS_KEY_COLUMNS, g_variant_builder_end (&builder));
}

/* A resize sends a width per pixel: save once it has stopped. */
static void
columns_changed_cb (PltAgentList *self)
{
  if (self->settings == NULL)
    return;

  g_clear_handle_id (&self->save_columns_id, g_source_remove);
  self->save_columns_id = g_timeout_add_once (500, save_columns_cb, self);
  g_source_set_name_by_id (self->save_columns_id, "[plateau] save agent columns");
}

static void
load_columns (PltAgentList *self)
{
  g_autoptr(GVariant) layout = g_settings_get_value (self->settings, SETTINGS_KEY_COLUMNS);
  GVariantIter iter;
  const char *name;
  gboolean visible;
  int width;
  guint position = 0;

  g_variant_iter_init (&iter, layout);
  while (g_variant_iter_next (&iter, "(&sbi)", &name, &visible, &width))
    {
      GtkColumnViewColumn *column = column_by_name (self, name);

      if (column == NULL)
        continue;

      /* Inserting a column of the view moves it. */
      g_object_ref (column);
      gtk_column_view_insert_column (self->column_view, position++, column);
      g_object_unref (column);
      /* The name stays: a row must say whose it is. */
      gtk_column_view_column_set_visible (column, visible || column == self->name_column);
      if (width > 0)
        gtk_column_view_column_set_fixed_width (column, width);
    }
}

static void
setup_column_menu (PltAgentList *self)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) section = g_menu_new ();
  const struct {
    GtkColumnViewColumn *column;
    const char          *action;
    const char          *label;
  } columns[] = {
    { self->team_column, "show-team", N_("_Team") },
    { self->state_column, "show-state", N_("_State") },
    { self->time_column, "show-time", N_("Time in _state") },
    { self->queue_column, "show-queue", N_("_Queue") },
    { self->contact_column, "show-contact", N_("_Contact") },
    { self->handled_column, "show-handled", N_("_Handled") },
    { self->aht_column, "show-aht", N_("_AHT") },
    { self->occupancy_column, "show-occupancy", N_("_Occupancy") },
    { self->adherence_column, "show-adherence", N_("A_dherence") },
  };

  /* A right click on a header shows or hides the columns. */
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autoptr(GPropertyAction) action = g_property_action_new (columns[i].action, columns[i].column, "visible");
      g_autofree char *detailed = g_strconcat ("agents.", columns[i].action, NULL);

      g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
      g_menu_append (section, _(columns[i].label), detailed);
    }
  g_menu_append_section (menu, _("Columns"), G_MENU_MODEL (section));

  gtk_widget_insert_action_group (GTK_WIDGET (self), "agents", G_ACTION_GROUP (group));
  gtk_column_view_column_set_header_menu (self->name_column, G_MENU_MODEL (menu));
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    gtk_column_view_column_set_header_menu (columns[i].column, G_MENU_MODEL (menu));
}

/**
 * plt_agent_list_set_settings:
 * @settings: (nullable): the application's settings
 *
 * Shows the columns in the order, visibility and widths of the
 * "column-layout" key, and keeps it up to date from then on.
 */
void
plt_agent_list_set_settings (PltAgentList *self,
                             GSettings    *settings)
{
  GListModel *columns;

  g_return_if_fail (PLT_IS_AGENT_LIST (self));
  g_return_if_fail (settings == NULL || G_IS_SETTINGS (settings));

  if (!g_set_object (&self->settings, settings))
    return;

  plt_operator_page_set_settings (PLT_OPERATOR_PAGE (self->operator_page), settings);
  if (settings == NULL)
    return;

  load_columns (self);

  columns = gtk_column_view_get_columns (self->column_view);
  g_signal_connect_object (columns, "items-changed", G_CALLBACK (columns_changed_cb), self, G_CONNECT_SWAPPED);
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      g_signal_connect_object (column, "notify::visible", G_CALLBACK (columns_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (column, "notify::fixed-width", G_CALLBACK (columns_changed_cb), self, G_CONNECT_SWAPPED);
    }
}

/* The current agent, and actions ---------------------------------------- */

/* The agent the actions apply to: the operator page's, else the one
 * selected in the view shown. */
static PltAgent *
current_agent (PltAgentList *self)
{
  gpointer item;

  if (g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "operator") == 0)
    return plt_operator_page_get_agent (PLT_OPERATOR_PAGE (self->operator_page));

  item = plt_item_selection_get_selected_item (shown_selection (self));

  return PLT_IS_AGENT (item) ? item : NULL;
}

static void
open_operator (PltAgentList *self,
               PltAgent     *agent)
{
  if (agent == NULL)
    return;

  plt_operator_page_set_agent (PLT_OPERATOR_PAGE (self->operator_page), agent);
  adw_leaflet_set_visible_child_name (self->leaflet, "operator");
}

static void
operator_back_cb (PltAgentList *self)
{
  adw_leaflet_set_visible_child_name (self->leaflet, "board");
  gtk_widget_grab_focus (showing_tiles (self) ? GTK_WIDGET (self->grid_view) : GTK_WIDGET (self->column_view));
}

static void
row_activated_cb (PltAgentList *self,
                  guint         position)
{
  g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->rows), position);

  if (PLT_IS_AGENT (item))
    open_operator (self, PLT_AGENT (item));
}

static void
tile_activated_cb (PltAgentList *self,
                   guint         position)
{
  g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->tiles), position);

  if (PLT_IS_AGENT (item))
    open_operator (self, PLT_AGENT (item));
}

static void
agent_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PltAgentList *self = PLT_AGENT_LIST (widget);
  PltAgent *agent = current_agent (self);

  if (agent == NULL)
    {
      gtk_widget_error_bell (widget);
      return;
    }

  if (g_str_equal (action_name, "agent.pause"))
    plt_agent_actions_set_status (self->actions, agent, PLT_AGENT_STATUS_PAUSED,
                                  parameter != NULL ? g_variant_get_string (parameter, NULL) : NULL);
  else if (g_str_equal (action_name, "agent.ready"))
    plt_agent_actions_set_status (self->actions, agent, PLT_AGENT_STATUS_AVAILABLE, NULL);
  else if (g_str_equal (action_name, "agent.logout"))
    plt_agent_actions_set_status (self->actions, agent, PLT_AGENT_STATUS_LOGGED_OUT, NULL);
  else if (g_str_equal (action_name, "agent.skills"))
    plt_agent_actions_edit_skills (self->actions, agent);
  else if (g_str_equal (action_name, "agent.message"))
    plt_agent_actions_write (self->actions, agent, FALSE);
  else if (g_str_equal (action_name, "agent.message-team"))
    plt_agent_actions_write (self->actions, agent, TRUE);
  else if (g_str_equal (action_name, "agent.open"))
    open_operator (self, agent);
}

static GMenuModel *
build_agent_menu (void)
{
  static const char * const reasons[] = { "break", "lunch", "training", "meeting", "back_office" };
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) status = g_menu_new ();
  g_autoptr(GMenu) pause = g_menu_new ();
  g_autoptr(GMenu) other = g_menu_new ();

  for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (plt_reason_get_label (reasons[i]), NULL);

      g_menu_item_set_action_and_target_value (item, "agent.pause", g_variant_new_string (reasons[i]));
      g_menu_append_item (pause, item);
    }
  g_menu_append_submenu (status, _("_Pause"), G_MENU_MODEL (pause));
  g_menu_append (status, _("Make _Ready"), "agent.ready");
  g_menu_append (status, _("_Log Out"), "agent.logout");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (status));

  g_menu_append (other, _("Change _Skills…"), "agent.skills");
  g_menu_append (other, _("Send a _Message…"), "agent.message");
  g_menu_append (other, _("Message the _Team…"), "agent.message-team");
  g_menu_append (other, _("Open the _Operator Page"), "agent.open");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (other));

  return G_MENU_MODEL (menu);
}

static void
show_context_menu (PltAgentList *self,
                   double        x,
                   double        y)
{
  GdkRectangle rect = { (int) x, (int) y, 1, 1 };

  if (self->context_menu == NULL)
    {
      g_autoptr(GMenuModel) model = build_agent_menu ();

      self->context_menu = gtk_popover_menu_new_from_model (model);
      gtk_widget_set_parent (self->context_menu, GTK_WIDGET (self));
      gtk_popover_set_has_arrow (GTK_POPOVER (self->context_menu), FALSE);
      gtk_widget_set_halign (self->context_menu, GTK_ALIGN_START);
    }

  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_menu), &rect);
  gtk_popover_popup (GTK_POPOVER (self->context_menu));
}

/* Shift+F10 or the Menu key: the menu of the current agent, at the widget
 * that has the keyboard focus. */
static void
menu_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PltAgentList *self = PLT_AGENT_LIST (widget);
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));
  graphene_rect_t bounds;
  double x = gtk_widget_get_width (widget) / 2.0;
  double y = gtk_widget_get_height (widget) / 3.0;

  if (current_agent (self) == NULL)
    {
      gtk_widget_error_bell (widget);
      return;
    }

  if (focus != NULL && gtk_widget_is_ancestor (focus, widget) &&
      gtk_widget_compute_bounds (focus, widget, &bounds))
    {
      x = bounds.origin.x + MIN (bounds.size.width, 48);
      y = bounds.origin.y + bounds.size.height;
    }

  show_context_menu (self, x, y);
}

/* A right click selects the row or tile under the pointer and opens its menu. */
static void
right_click_cb (GtkGestureClick *gesture,
                int              n_press,
                double           x,
                double           y,
                PltAgentList    *self)
{
  GtkWidget *view = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  GtkWidget *picked = gtk_widget_pick (view, x, y, GTK_PICK_DEFAULT);
  PltItemSelection *selection = view == GTK_WIDGET (self->grid_view) ? self->tile_selection : self->row_selection;
  GtkListItem *list_item = NULL;
  graphene_point_t point;

  for (; picked != NULL && picked != view; picked = gtk_widget_get_parent (picked))
    {
      list_item = g_object_get_data (G_OBJECT (picked), "plt-list-item");
      if (list_item != NULL)
        break;
    }
  if (list_item == NULL || !PLT_IS_AGENT (gtk_list_item_get_item (list_item)))
    return;

  plt_item_selection_set_selected_item (selection, gtk_list_item_get_item (list_item));
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);

  if (!gtk_widget_compute_point (view, GTK_WIDGET (self), &GRAPHENE_POINT_INIT (x, y), &point))
    return;
  show_context_menu (self, point.x, point.y);
}

static void
add_right_click (PltAgentList *self,
                 GtkWidget    *view)
{
  GtkGesture *gesture = gtk_gesture_click_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  g_signal_connect_object (gesture, "pressed", G_CALLBACK (right_click_cb), self, 0);
  gtk_widget_add_controller (view, GTK_EVENT_CONTROLLER (gesture));
}

static void
update_action_state (PltAgentList *self)
{
  PltAgent *agent = current_agent (self);
  gboolean can_act = agent != NULL && self->client != NULL;
  PltAgentStatus status = agent != NULL ? plt_agent_get_status (agent) : PLT_AGENT_STATUS_UNKNOWN;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "agent.pause", can_act);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "agent.ready", can_act && status != PLT_AGENT_STATUS_AVAILABLE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "agent.logout", can_act && status != PLT_AGENT_STATUS_LOGGED_OUT);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "agent.skills", can_act);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "agent.message", can_act);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "agent.message-team", can_act);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "agent.open", agent != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->actions_button), agent != NULL);
}

/* Views ------------------------------------------------------------------ */

static void
group_toggled_cb (PltAgentList *self)
{
  plt_board_model_set_grouped (self->rows, gtk_toggle_button_get_active (self->group_button));
}

/* The other view shows the same agent selected. */
static void
view_toggled_cb (PltAgentList *self)
{
  gboolean tiles = showing_tiles (self);
  PltItemSelection *from = tiles ? self->row_selection : self->tile_selection;
  PltItemSelection *to = tiles ? self->tile_selection : self->row_selection;
  PltBoardModel *to_model = tiles ? self->tiles : self->rows;
  gpointer item = plt_item_selection_get_selected_item (from);
  GListModel *agents = self->model != NULL ? G_LIST_MODEL (plt_model_get_agents (self->model)) : NULL;

  /* Between the two buttons' notifications neither is active. */
  if (!tiles && !gtk_toggle_button_get_active (self->list_button))
    return;

  /* Only the view shown follows the agents. */
  plt_board_model_set_model (to_model, agents);
  plt_board_model_set_model (tiles ? self->rows : self->tiles, NULL);
  plt_item_selection_set_selected_item (to, PLT_IS_AGENT (item) ? item : NULL);
  update_count (self);
  update_action_state (self);
}

/* Frames ------------------------------------------------------------------ */

/* Changes wait for a frame, not for the model's timer: flushed in a
 * frame's update phase, the rows follow in the same frame's layout. Every
 * frame that has changes flushes them, FLUSH_CHUNK agents at a time, for
 * FLUSH_BUDGET_US at most: the rows cost in proportion to the agents that
 * moved (a move near the top of the view costs most, GTK binding again
 * every row below it), and a burst is spread over the next frames rather
 * than missing one. (The model's own timer flushes everything while the
 * board is not shown.) */
#define FLUSH_CHUNK 8
#define FLUSH_BUDGET_US (4 * 1000)

static gboolean
flush_tick_cb (GtkWidget     *widget,
               GdkFrameClock *frame_clock,
               gpointer       user_data)
{
  PltAgentList *self = PLT_AGENT_LIST (widget);
  PltStore *agents;
  gint64 deadline = g_get_monotonic_time () + FLUSH_BUDGET_US;

  if (self->model == NULL)
    {
      self->flush_tick_id = 0;
      return G_SOURCE_REMOVE;
    }

  agents = plt_model_get_agents (self->model);
  do
    plt_model_flush_some (self->model, FLUSH_CHUNK);
  while (plt_store_get_n_pending (agents) > 0 && g_get_monotonic_time () < deadline);

  if (plt_store_get_n_pending (agents) > 0)
    return G_SOURCE_CONTINUE;

  self->flush_tick_id = 0;
  return G_SOURCE_REMOVE;
}

static void
agents_pending_cb (PltAgentList *self)
{
  if (self->flush_tick_id != 0 || !gtk_widget_get_mapped (GTK_WIDGET (self)) ||
      self->model == NULL || plt_store_get_n_pending (plt_model_get_agents (self->model)) == 0)
    return;

  self->flush_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), flush_tick_cb, NULL, NULL);
}

/* The clock -------------------------------------------------------------- */

static void
set_now (PltAgentList *self,
         gint64        now)
{
  if (self->now == now)
    return;

  self->now = now;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOW]);

  if (now - self->stress_evaluated >= STRESS_PERIOD_MS || now < self->stress_evaluated)
    evaluate_stress (self);
}

static void
clock_now_cb (PltAgentList *self,
              GParamSpec   *pspec,
              PltClock     *clock)
{
  set_now (self, plt_clock_get_now (clock));
}

static void
plt_agent_list_map (GtkWidget *widget)
{
  PltAgentList *self = PLT_AGENT_LIST (widget);

  /* The rows follow the agents only while shown: a hidden board would
   * place thousands of moves a minute for nobody. They catch up here. */
  plt_board_model_set_paused (self->rows, FALSE);
  plt_board_model_set_paused (self->tiles, FALSE);

  GTK_WIDGET_CLASS (plt_agent_list_parent_class)->map (widget);

  /* Follow the clock only while visible; catch up at once. */
  g_signal_group_set_target (self->clock_signals, self->clock);
  if (self->clock != NULL)
    set_now (self, plt_clock_get_now (self->clock));
}

static void
plt_agent_list_unmap (GtkWidget *widget)
{
  PltAgentList *self = PLT_AGENT_LIST (widget);

  g_signal_group_set_target (self->clock_signals, NULL);
  if (self->flush_tick_id != 0)
    {
      gtk_widget_remove_tick_callback (widget, self->flush_tick_id);
      self->flush_tick_id = 0;
    }
  plt_board_model_set_paused (self->rows, TRUE);
  plt_board_model_set_paused (self->tiles, TRUE);

  GTK_WIDGET_CLASS (plt_agent_list_parent_class)->unmap (widget);
}

/* GObject ---------------------------------------------------------------- */

static void
plt_agent_list_dispose (GObject *object)
{
  PltAgentList *self = (PltAgentList *)object;
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  /* The rows outlive the widgets below a little. */
  if (self->rows != NULL)
    g_signal_handlers_disconnect_by_data (self->rows, self);
  if (self->tiles != NULL)
    g_signal_handlers_disconnect_by_data (self->tiles, self);

  /* A resize just made: keep it. */
  if (self->save_columns_id != 0)
    {
      g_clear_handle_id (&self->save_columns_id, g_source_remove);
      save_columns_cb (self);
    }

  if (self->clock_signals != NULL)
    g_signal_group_set_target (self->clock_signals, NULL);
  if (self->agents_signals != NULL)
    g_signal_group_set_target (self->agents_signals, NULL);
  if (self->teams_signals != NULL)
    g_signal_group_set_target (self->teams_signals, NULL);
  if (self->queues_signals != NULL)
    g_signal_group_set_target (self->queues_signals, NULL);
  if (self->client_signals != NULL)
    g_signal_group_set_target (self->client_signals, NULL);

  g_clear_pointer (&self->context_menu, gtk_widget_unparent);
  g_clear_object (&self->actions);

  /* The cells and sorters use the model: let the views go first. */
  gtk_widget_dispose_template (GTK_WIDGET (self), PLT_TYPE_AGENT_LIST);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  self->name_filter = NULL;
  self->team_filter = NULL;
  self->state_filter = NULL;
  self->queue_filter = NULL;
  self->skill_filter = NULL;
  self->row_selection = NULL;
  self->tile_selection = NULL;
  self->operator_page = NULL;
  g_clear_object (&self->rows);
  g_clear_object (&self->tiles);
  g_clear_object (&self->filter);

  g_clear_object (&self->clock_signals);
  g_clear_object (&self->agents_signals);
  g_clear_object (&self->teams_signals);
  g_clear_object (&self->queues_signals);
  g_clear_object (&self->client_signals);
  g_clear_object (&self->team_names);
  g_clear_object (&self->model);
  g_clear_object (&self->clock);
  g_clear_object (&self->client);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (plt_agent_list_parent_class)->dispose (object);
}

static void
plt_agent_list_finalize (GObject *object)
{
  PltAgentList *self = (PltAgentList *)object;

  g_clear_pointer (&self->team_ids, g_ptr_array_unref);
  g_clear_pointer (&self->queue_ids, g_ptr_array_unref);
  g_clear_pointer (&self->selected_team_id, g_free);
  g_clear_pointer (&self->selected_queue_id, g_free);
  g_clear_pointer (&self->selected_skill_id, g_free);
  g_clear_pointer (&self->stress, plt_stress_tracker_free);

  G_OBJECT_CLASS (plt_agent_list_parent_class)->finalize (object);
}

static void
plt_agent_list_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PltAgentList *self = PLT_AGENT_LIST (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;

    case PROP_CLOCK:
      g_value_set_object (value, self->clock);
      break;

    case PROP_NOW:
      g_value_set_int64 (value, self->now);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
plt_agent_list_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PltAgentList *self = PLT_AGENT_LIST (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      plt_agent_list_set_model (self, g_value_get_object (value));
      break;

    case PROP_CLOCK:
      plt_agent_list_set_clock (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
plt_agent_list_class_init (PltAgentListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = plt_agent_list_dispose;
  object_class->finalize = plt_agent_list_finalize;
  object_class->get_property = plt_agent_list_get_property;
  object_class->set_property = plt_agent_list_set_property;

  widget_class->map = plt_agent_list_map;
  widget_class->unmap = plt_agent_list_unmap;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL,
                         PLT_TYPE_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CLOCK] =
    g_param_spec_object ("clock", NULL, NULL,
                         PLT_TYPE_CLOCK,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_NOW] =
    g_param_spec_int64 ("now", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PLT_TYPE_STATE_PILL);
  g_type_ensure (PLT_TYPE_OPERATOR_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/plateau/Plateau/plt-agent-list.ui");
  gtk_widget_class_bind_template_child (widget_class, PltAgentList, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PltAgentList, leaflet);
  gtk_widget_class_bind_template_child (widget_class, PltAgentList, board_page);
  gtk_widget_class_bind_template_child (widget_class, PltAgentList, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PltAgentList, team_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PltAgentList, state_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PltAgentList, queue_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PltAgentList, skill_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PltAgentList, count_label);
  gtk_widget_class_bind_template_child (widget_class, PltAgentList, actions_button);
  gtk_widget_class_bind_template_child (widget_class, PltAgentList, stress_button);
  gtk_widget_class_bind_template_child (widget_class, PltAgentList, group_button);
  gtk_widget_class_bind_template_child (widget_class, PltAgentList, list_button);
  gtk_widget_class_bind_template_child (widget_class, PltAgentList, tiles_button);
  gtk_widget_class_bind_template_child (widget_class, PltAgentList, stack);
  gtk_widget_class_bind_template_child (widget_class, PltAgentList, list_scroller);
  gtk_widget_class_bind_template_child (widget_class, PltAgentList, column_view);
  gtk_widget_class_bind_template_child (widget_class, PltAgentList, name_column);
  gtk_widget_class_bind_template_child (widget_class, PltAgentList, team_column);
  gtk_widget_class_bind_template_child (widget_class, PltAgentList, state_column);
  gtk_widget_class_bind_template_child (widget_class, PltAgentList, time_column);
  gtk_widget_class_bind_template_child (widget_class, PltAgentList, queue_column);
  gtk_widget_class_bind_template_child (widget_class, PltAgentList, contact_column);
  gtk_widget_class_bind_template_child (widget_class, PltAgentList, handled_column);
  gtk_widget_class_bind_template_child (widget_class, PltAgentList, aht_column);
  gtk_widget_class_bind_template_child (widget_class, PltAgentList, occupancy_column);
  gtk_widget_class_bind_template_child (widget_class, PltAgentList, adherence_column);
  gtk_widget_class_bind_template_child (widget_class, PltAgentList, tile_scroller);
  gtk_widget_class_bind_template_child (widget_class, PltAgentList, grid_view);
  gtk_widget_class_bind_template_child (widget_class, PltAgentList, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, name_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, team_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, state_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, time_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, queue_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, contact_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, handled_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, aht_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, occupancy_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, adherence_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, tile_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, team_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, group_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, view_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, tile_activated_cb);

  /* The supervisor's actions on the current agent (docs: help overlay). */
  gtk_widget_class_install_action (widget_class, "agent.pause", "s", agent_action_cb);
  gtk_widget_class_install_action (widget_class, "agent.ready", NULL, agent_action_cb);
  gtk_widget_class_install_action (widget_class, "agent.logout", NULL, agent_action_cb);
  gtk_widget_class_install_action (widget_class, "agent.skills", NULL, agent_action_cb);
  gtk_widget_class_install_action (widget_class, "agent.message", NULL, agent_action_cb);
  gtk_widget_class_install_action (widget_class, "agent.message-team", NULL, agent_action_cb);
  gtk_widget_class_install_action (widget_class, "agent.open", NULL, agent_action_cb);
  gtk_widget_class_install_action (widget_class, "agent.menu", NULL, menu_action_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "agent.pause", "s", "break");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_y, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "agent.ready", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "agent.logout", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "agent.skills", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "agent.message", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "agent.menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "agent.menu", NULL);

  gtk_widget_class_set_css_name (widget_class, "agentlist");
}

static GtkStringList *
state_choices (void)
{
  const char * const labels[] = {
    _("Every state"), _("Available"), _("On a contact"), _("Wrap-up"), _("Paused"), _("Missed"), _("Logged out"), NULL,
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (labels) == N_STATE_CHOICES + 1);
  return gtk_string_list_new (labels);
}

/* The selections find their item's place through the rows' own index. */
static guint
find_row_cb (GListModel *model,
             gpointer    item,
             gpointer    user_data)
{
  return plt_board_model_find (PLT_BOARD_MODEL (model), item);
}

static void
plt_agent_list_init (PltAgentList *self)
{
  GtkEveryFilter *filter;
  GtkSorter *sorter;
  g_autoptr(GtkStringList) states = NULL;

  self->team_ids = g_ptr_array_new_with_free_func (g_free);
  self->queue_ids = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->queue_ids, NULL);
  self->team_names = gtk_string_list_new (NULL);
  self->cancellable = g_cancellable_new ();
  self->stress = plt_stress_tracker_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_drop_down_set_model (self->team_dropdown, G_LIST_MODEL (self->team_names));
  states = state_choices ();
  self->updating_queues = TRUE;
  gtk_drop_down_set_model (self->state_dropdown, G_LIST_MODEL (states));
  self->updating_queues = FALSE;

  self->name_filter = gtk_string_filter_new (gtk_property_expression_new (PLT_TYPE_AGENT, NULL, "name"));
  gtk_string_filter_set_match_mode (self->name_filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  gtk_string_filter_set_ignore_case (self->name_filter, TRUE);
  self->team_filter = gtk_custom_filter_new (team_filter_func, self, NULL);
  self->state_filter = gtk_custom_filter_new (state_filter_func, self, NULL);
  self->queue_filter = gtk_custom_filter_new (queue_filter_func, self, NULL);
  self->skill_filter = gtk_custom_filter_new (skill_filter_func, self, NULL);

  filter = gtk_every_filter_new ();
  gtk_multi_filter_append (GTK_MULTI_FILTER (filter), GTK_FILTER (self->name_filter));
  gtk_multi_filter_append (GTK_MULTI_FILTER (filter), GTK_FILTER (self->team_filter));
  gtk_multi_filter_append (GTK_MULTI_FILTER (filter), GTK_FILTER (self->state_filter));
  gtk_multi_filter_append (GTK_MULTI_FILTER (filter), GTK_FILTER (self->queue_filter));
  gtk_multi_filter_append (GTK_MULTI_FILTER (filter), GTK_FILTER (self->skill_filter));

  self->filter = GTK_FILTER (filter);

  setup_sorters (self);
  sorter = gtk_column_view_get_sorter (self->column_view);

  /* The rows of the table (grouped or not) and of the tiles (never); the
   * view not shown follows nothing: its agents are attached when shown. */
  self->rows = g_object_new (PLT_TYPE_BOARD_MODEL, "filter", self->filter, "sorter", sorter, "paused", TRUE, NULL);
  self->tiles = g_object_new (PLT_TYPE_BOARD_MODEL, "filter", self->filter, "sorter", sorter, "paused", TRUE, NULL);
  g_signal_connect_object (self->rows, "notify::n-agents", G_CALLBACK (filtered_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->tiles, "notify::n-agents", G_CALLBACK (filtered_changed_cb), self,
                           G_CONNECT_SWAPPED);

  self->row_selection = plt_item_selection_new (g_object_ref (G_LIST_MODEL (self->rows)));
  plt_item_selection_set_find_func (self->row_selection, find_row_cb, NULL, NULL);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->row_selection));
  g_object_unref (self->row_selection);

  self->tile_selection = plt_item_selection_new (g_object_ref (G_LIST_MODEL (self->tiles)));
  plt_item_selection_set_find_func (self->tile_selection, find_row_cb, NULL, NULL);
  gtk_grid_view_set_model (self->grid_view, GTK_SELECTION_MODEL (self->tile_selection));
  g_object_unref (self->tile_selection);

  g_signal_connect_object (self->row_selection, "notify::selected-item",
                           G_CALLBACK (update_action_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->tile_selection, "notify::selected-item",
                           G_CALLBACK (update_action_state), self, G_CONNECT_SWAPPED);

  gtk_column_view_sort_by_column (self->column_view, self->name_column, GTK_SORT_ASCENDING);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->column_view));

  add_right_click (self, GTK_WIDGET (self->column_view));
  add_right_click (self, GTK_WIDGET (self->grid_view));

  self->actions = plt_agent_actions_new (GTK_WIDGET (self), self->toast_overlay);

  self->operator_page = plt_operator_page_new ();
  plt_operator_page_set_actions (PLT_OPERATOR_PAGE (self->operator_page), self->actions);
  adw_leaflet_page_set_name (adw_leaflet_append (self->leaflet, self->operator_page), "operator");
  g_signal_connect_object (self->operator_page, "back", G_CALLBACK (operator_back_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->leaflet, "notify::visible-child", G_CALLBACK (update_action_state), self,
                           G_CONNECT_SWAPPED);

  /* The same actions in sight: a menu of the selected agent. */
  {
    g_autoptr(GMenuModel) menu = build_agent_menu ();

    gtk_menu_button_set_menu_model (self->actions_button, menu);
  }
  setup_stress_popover (self);
  setup_column_menu (self);

  self->clock_signals = g_signal_group_new (PLT_TYPE_CLOCK);
  g_signal_group_connect_swapped (self->clock_signals, "notify::now",
                                  G_CALLBACK (clock_now_cb), self);

  self->agents_signals = g_signal_group_new (PLT_TYPE_STORE);
  g_signal_group_connect_swapped (self->agents_signals, "items-changed",
                                  G_CALLBACK (agents_changed_cb), self);
  g_signal_group_connect_swapped (self->agents_signals, "notify::n-pending",
                                  G_CALLBACK (agents_pending_cb), self);

  self->teams_signals = g_signal_group_new (PLT_TYPE_STORE);
  g_signal_group_connect_swapped (self->teams_signals, "items-changed",
                                  G_CALLBACK (teams_changed_cb), self);

  self->queues_signals = g_signal_group_new (PLT_TYPE_STORE);
  g_signal_group_connect_swapped (self->queues_signals, "items-changed",
                                  G_CALLBACK (queues_changed_cb), self);

  self->client_signals = g_signal_group_new (PLT_TYPE_CLIENT);
  g_signal_group_connect_swapped (self->client_signals, "synced",
                                  G_CALLBACK (client_synced_cb), self);

  update_teams (self);
  update_queues (self);
  update_count (self);
  update_action_state (self);
}

GtkWidget *
plt_agent_list_new (void)
{
  return g_object_new (PLT_TYPE_AGENT_LIST, NULL);
}

PltModel *
plt_agent_list_get_model (PltAgentList *self)
{
  g_return_val_if_fail (PLT_IS_AGENT_LIST (self), NULL);

  return self->model;
}

void
plt_agent_list_set_model (PltAgentList *self,
                          PltModel     *model)
{
  GListModel *agents = NULL;

  g_return_if_fail (PLT_IS_AGENT_LIST (self));
  g_return_if_fail (model == NULL || PLT_IS_MODEL (model));

  if (!g_set_object (&self->model, model))
    return;

  if (model != NULL)
    agents = G_LIST_MODEL (plt_model_get_agents (model));

  g_signal_group_set_target (self->agents_signals, agents);
  g_signal_group_set_target (self->teams_signals, model != NULL ? plt_model_get_teams (model) : NULL);
  g_signal_group_set_target (self->queues_signals, model != NULL ? plt_model_get_queues (model) : NULL);
  plt_board_model_set_model (shown_rows (self), agents);

  /* The agents already there. */
  for (guint i = 0; agents != NULL && i < g_list_model_get_n_items (agents); i++)
    {
      g_autoptr(PltAgent) agent = g_list_model_get_item (agents, i);

      observe_agent (self, agent);
    }

  update_teams (self);
  update_queues (self);
  update_count (self);
  update_stress_list (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

PltClock *
plt_agent_list_get_clock (PltAgentList *self)
{
  g_return_val_if_fail (PLT_IS_AGENT_LIST (self), NULL);

  return self->clock;
}

void
plt_agent_list_set_clock (PltAgentList *self,
                          PltClock     *clock)
{
  g_return_if_fail (PLT_IS_AGENT_LIST (self));
  g_return_if_fail (clock == NULL || PLT_IS_CLOCK (clock));

  if (!g_set_object (&self->clock, clock))
    return;

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    g_signal_group_set_target (self->clock_signals, clock);
  if (clock != NULL)
    set_now (self, plt_clock_get_now (clock));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLOCK]);
}

void
plt_agent_list_set_client (PltAgentList *self,
                           PltClient    *client)
{
  g_return_if_fail (PLT_IS_AGENT_LIST (self));
  g_return_if_fail (client == NULL || PLT_IS_CLIENT (client));

  if (!g_set_object (&self->client, client))
    return;

  g_signal_group_set_target (self->client_signals, client);
  plt_agent_actions_set_client (self->actions, client);
  plt_operator_page_set_client (PLT_OPERATOR_PAGE (self->operator_page), client);
  self->history_asked = FALSE;
  if (client != NULL && plt_client_get_state (client) == PLT_CONNECTION_STATE_LIVE)
    ask_history (self);
  update_action_state (self);
}

gint64
plt_agent_list_get_now (PltAgentList *self)
{
  g_return_val_if_fail (PLT_IS_AGENT_LIST (self), 0);

  return self->now;
}

void
plt_agent_list_focus_search (PltAgentList *self)
{
  g_return_if_fail (PLT_IS_AGENT_LIST (self));

  adw_leaflet_set_visible_child_name (self->leaflet, "board");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

GtkColumnView *
_plt_agent_list_get_column_view (PltAgentList *self)
{
  g_return_val_if_fail (PLT_IS_AGENT_LIST (self), NULL);

  return self->column_view;
}

GtkEditable *
_plt_agent_list_get_search (PltAgentList *self)
{
  g_return_val_if_fail (PLT_IS_AGENT_LIST (self), NULL);

  return GTK_EDITABLE (self->search_entry);
}

GListModel *
_plt_agent_list_get_shown (PltAgentList *self)
{
  g_return_val_if_fail (PLT_IS_AGENT_LIST (self), NULL);

  return G_LIST_MODEL (shown_rows (self));
}

PltBoardModel *
_plt_agent_list_get_rows (PltAgentList *self)
{
  g_return_val_if_fail (PLT_IS_AGENT_LIST (self), NULL);

  return self->rows;
}

PltBoardModel *
_plt_agent_list_get_tiles (PltAgentList *self)
{
  g_return_val_if_fail (PLT_IS_AGENT_LIST (self), NULL);

  return self->tiles;
}

GtkGridView *
_plt_agent_list_get_grid_view (PltAgentList *self)
{
  g_return_val_if_fail (PLT_IS_AGENT_LIST (self), NULL);

  return self->grid_view;
}

GtkScrolledWindow *
_plt_agent_list_get_scroller (PltAgentList *self)
{
  g_return_val_if_fail (PLT_IS_AGENT_LIST (self), NULL);

  return self->list_scroller;
}

void
_plt_agent_list_set_filters (PltAgentList *self,
                             guint         state,
                             const char   *queue_id,
                             const char   *skill_id)
{
  g_return_if_fail (PLT_IS_AGENT_LIST (self));

  gtk_drop_down_set_selected (self->state_dropdown, state);
  gtk_drop_down_set_selected (self->queue_dropdown, position_of (self->queue_ids, queue_id));
  gtk_drop_down_set_selected (self->skill_dropdown, position_of (self->queue_ids, skill_id));
}

void
_plt_agent_list_set_view (PltAgentList *self,
                          gboolean      tiles,
                          gboolean      grouped)
{
  g_return_if_fail (PLT_IS_AGENT_LIST (self));

  gtk_toggle_button_set_active (tiles ? self->tiles_button : self->list_button, TRUE);
  gtk_toggle_button_set_active (self->group_button, grouped);
}

PltAgentActions *
_plt_agent_list_get_actions (PltAgentList *self)
{
  g_return_val_if_fail (PLT_IS_AGENT_LIST (self), NULL);

  return self->actions;
}

PltOperatorPage *
_plt_agent_list_get_operator_page (PltAgentList *self)
{
  g_return_val_if_fail (PLT_IS_AGENT_LIST (self), NULL);

  return PLT_OPERATOR_PAGE (self->operator_page);
}

PltStressTracker *
_plt_agent_list_get_stress (PltAgentList *self)
{
  g_return_val_if_fail (PLT_IS_AGENT_LIST (self), NULL);

  return self->stress;
}

PltItemSelection *
_plt_agent_list_get_selection (PltAgentList *self,
                               gboolean      tiles)
{
  g_return_val_if_fail (PLT_IS_AGENT_LIST (self), NULL);

  return tiles ? self->tile_selection : self->row_selection;
}

void
_plt_agent_list_evaluate_stress (PltAgentList *self)
{
  g_return_if_fail (PLT_IS_AGENT_LIST (self));

  evaluate_stress (self);
}

GtkWidget *
_plt_agent_list_get_stress_list (PltAgentList *self)
{
  g_return_val_if_fail (PLT_IS_AGENT_LIST (self), NULL);

  return self->stress_list;
}
