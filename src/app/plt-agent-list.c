/* plt-agent-list.c — every agent, their state and time in state
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "plt-agent.h"
#include "plt-agent-list-private.h"
#include "plt-queue.h"
#include "plt-state-pill.h"
#include "plt-store.h"
#include "plt-team.h"
#include "plt-ui-format.h"

struct _PltAgentList
{
  GtkWidget           parent_instance;

  /* Template children */
  GtkSearchEntry     *search_entry;
  GtkDropDown        *team_dropdown;
  GtkLabel           *count_label;
  GtkStack           *stack;
  GtkColumnView      *column_view;
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *team_column;
  GtkColumnViewColumn *state_column;
  GtkColumnViewColumn *time_column;
  GtkColumnViewColumn *queue_column;
  AdwStatusPage      *empty_page;

  PltModel           *model;
  PltClock           *clock;
  GSignalGroup       *clock_signals;
  GSignalGroup       *agents_signals;
  GSignalGroup       *teams_signals;

  /* Owned by the column view, through the selection */
  GtkFilterListModel *filter_model;
  GtkSortListModel   *sort_model;
  GtkStringFilter    *name_filter;
  GtkCustomFilter    *team_filter;

  /* Column layout kept in the settings ("column-layout") */
  GSettings          *settings;
  guint               save_columns_id;

  /* The team dropdown: "All teams", then one entry per team */
  GtkStringList      *team_names;
  GPtrArray          *team_ids;
  char               *selected_team_id;

  gint64              now;

  guint               updating_teams : 1;
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

/* Expressions ------------------------------------------------------------ */

static GtkExpression *
item_property_expression (const char *property)
{
  GtkExpression *item = gtk_property_expression_new (GTK_TYPE_LIST_ITEM, NULL, "item");

  return gtk_property_expression_new (PLT_TYPE_AGENT, item, property);
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
  PltAgentList *self = user_data;
  PltQueue *queue = NULL;

  if (queue_id == NULL || queue_id[0] == '\0')
    return g_strdup ("—");

  if (self->model != NULL)
    queue = plt_model_lookup_queue (self->model, queue_id);

  if (queue != NULL && plt_queue_get_name (queue) != NULL)
    return g_strdup (plt_queue_get_name (queue));

  return g_strdup (queue_id);
}

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

static void
name_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               PltAgentList             *self)
{
  GtkWidget *inscription = create_inscription (8, 22, "agent-name");

  gtk_list_item_set_child (list_item, inscription);
  gtk_expression_bind (item_property_expression ("name"), inscription, "text", list_item);
}

static void
team_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               PltAgentList             *self)
{
  GtkWidget *inscription = create_inscription (6, 16, NULL);

  gtk_list_item_set_child (list_item, inscription);
  gtk_expression_bind (item_property_expression ("team-name"), inscription, "text", list_item);
}

static void
state_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                PltAgentList             *self)
{
  GtkWidget *pill = plt_state_pill_new ();

  gtk_list_item_set_child (list_item, pill);
  gtk_expression_bind (item_property_expression ("state"), pill, "state", list_item);
  gtk_expression_bind (item_property_expression ("reason"), pill, "reason", list_item);
}

static void
time_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               PltAgentList             *self)
{
  GtkWidget *inscription = create_inscription (5, 8, "time-in-state");
  GtkExpression *params[2];

  gtk_list_item_set_child (list_item, inscription);

  params[0] = item_property_expression ("since");
  params[1] = gtk_property_expression_new (PLT_TYPE_AGENT_LIST,
                                           gtk_object_expression_new (G_OBJECT (self)),
                                           "now");
  gtk_expression_bind (gtk_cclosure_expression_new (G_TYPE_STRING, NULL,
                                                    G_N_ELEMENTS (params), params,
                                                    G_CALLBACK (time_in_state_cb),
                                                    NULL, NULL),
                       inscription, "text", list_item);
}

static void
queue_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                PltAgentList             *self)
{
  GtkWidget *inscription = create_inscription (6, 18, NULL);
  GtkExpression *params[1];

  gtk_list_item_set_child (list_item, inscription);

  params[0] = item_property_expression ("queue-id");
  gtk_expression_bind (gtk_cclosure_expression_new (G_TYPE_STRING, NULL,
                                                    G_N_ELEMENTS (params), params,
                                                    G_CALLBACK (queue_name_cb),
                                                    self, NULL),
                       inscription, "text", list_item);
}

/* Sorting ---------------------------------------------------------------- */

static int
compare_state (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  PltAgent *agent_a = (PltAgent *) a;
  PltAgent *agent_b = (PltAgent *) b;
  int rank_a = plt_agent_state_get_rank (plt_agent_get_state (agent_a));
  int rank_b = plt_agent_state_get_rank (plt_agent_get_state (agent_b));
  gint64 since_a, since_b;

  if (rank_a != rank_b)
    return rank_a < rank_b ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;

  /* Within a state, the longest in it first. */
  since_a = plt_agent_get_since (agent_a);
  since_b = plt_agent_get_since (agent_b);
  if (since_a != since_b)
    return since_a < since_b ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;

  return GTK_ORDERING_EQUAL;
}

static const char *
queue_name_for (PltAgentList *self,
                PltAgent     *agent)
{
  const char *queue_id = plt_agent_get_queue_id (agent);
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

static int
compare_queue (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  PltAgentList *self = user_data;
  const char *name_a = queue_name_for (self, (PltAgent *) a);
  const char *name_b = queue_name_for (self, (PltAgent *) b);

  /* Agents without a contact go last. */
  if (name_a == NULL || name_b == NULL)
    {
      if (name_a == name_b)
        return GTK_ORDERING_EQUAL;
      return name_a == NULL ? GTK_ORDERING_LARGER : GTK_ORDERING_SMALLER;
    }

  return gtk_ordering_from_cmpfunc (g_utf8_collate (name_a, name_b));
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
  GtkNumericSorter *time_sorter;

  set_column_sorter (self->name_column,
                     GTK_SORTER (gtk_string_sorter_new (gtk_property_expression_new (PLT_TYPE_AGENT, NULL, "name"))));
  set_column_sorter (self->team_column,
                     GTK_SORTER (gtk_string_sorter_new (gtk_property_expression_new (PLT_TYPE_AGENT, NULL, "team-name"))));
  set_column_sorter (self->state_column,
                     GTK_SORTER (gtk_custom_sorter_new (compare_state, NULL, NULL)));

  /* A longer time in state is an earlier "since". */
  time_sorter = gtk_numeric_sorter_new (gtk_property_expression_new (PLT_TYPE_AGENT, NULL, "since"));
  gtk_numeric_sorter_set_sort_order (time_sorter, GTK_SORT_DESCENDING);
  set_column_sorter (self->time_column, GTK_SORTER (time_sorter));

  set_column_sorter (self->queue_column,
                     GTK_SORTER (gtk_custom_sorter_new (compare_queue, self, NULL)));
}

/* Filtering -------------------------------------------------------------- */

static gboolean
team_filter_func (gpointer item,
                  gpointer user_data)
{
  PltAgentList *self = user_data;

  if (self->selected_team_id == NULL)
    return TRUE;

  return g_strcmp0 (plt_agent_get_team_id (PLT_AGENT (item)), self->selected_team_id) == 0;
}

static void
update_count (PltAgentList *self)
{
  guint total = 0;
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  g_autofree char *text = NULL;
  gboolean filtered;

  if (self->model != NULL)
    total = g_list_model_get_n_items (G_LIST_MODEL (plt_model_get_agents (self->model)));

  filtered = shown != total;
  if (!filtered)
    text = g_strdup_printf (ngettext ("%u agent", "%u agents", total), total);
  else
    /* Translators: how many agents the filters leave, "12 of 36 agents" */
    text = g_strdup_printf (ngettext ("%u of %u agent", "%u of %u agents", total), shown, total);
  gtk_label_set_label (self->count_label, text);

  if (shown > 0)
    gtk_stack_set_visible_child_name (self->stack, "list");
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
                                           _("Try another name, or show all teams"));
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

static void
agents_changed_cb (PltAgentList *self)
{
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

  return NULL;
}

static const char *
column_name (PltAgentList        *self,
             GtkColumnViewColumn *column)
{
  static const char * const names[] = { "name", "team", "state", "time", "queue" };

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

  if (!g_set_object (&self->settings, settings) || settings == NULL)
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

/* The clock -------------------------------------------------------------- */

static void
set_now (PltAgentList *self,
         gint64        now)
{
  if (self->now == now)
    return;

  self->now = now;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOW]);
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

  GTK_WIDGET_CLASS (plt_agent_list_parent_class)->unmap (widget);
}

/* GObject ---------------------------------------------------------------- */

static void
plt_agent_list_dispose (GObject *object)
{
  PltAgentList *self = (PltAgentList *)object;
  GtkWidget *child;

  if (self->clock_signals != NULL)
    g_signal_group_set_target (self->clock_signals, NULL);
  if (self->agents_signals != NULL)
    g_signal_group_set_target (self->agents_signals, NULL);
  if (self->teams_signals != NULL)
    g_signal_group_set_target (self->teams_signals, NULL);

  /* A change not saved yet is saved now. */
  if (self->save_columns_id != 0)
    {
      g_clear_handle_id (&self->save_columns_id, g_source_remove);
      save_columns_cb (self);
    }
  g_clear_object (&self->settings);

  /* The cells and sorters use the model: let the view go first. */
  gtk_widget_dispose_template (GTK_WIDGET (self), PLT_TYPE_AGENT_LIST);
  /* The template's unnamed children too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  self->filter_model = NULL;
  self->sort_model = NULL;
  self->name_filter = NULL;
  self->team_filter = NULL;

  g_clear_object (&self->clock_signals);
  g_clear_object (&self->agents_signals);
  g_clear_object (&self->teams_signals);
  g_clear_object (&self->team_names);
  g_clear_object (&self->model);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (plt_agent_list_parent_class)->dispose (object);
}

static void
plt_agent_list_finalize (GObject *object)
{
  PltAgentList *self = (PltAgentList *)object;

  g_clear_pointer (&self->team_ids, g_ptr_array_unref);
  g_clear_pointer (&self->selected_team_id, g_free);

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

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/plateau/Plateau/plt-agent-list.ui");
  gtk_widget_class_bind_template_child (widget_class, PltAgentList, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PltAgentList, team_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PltAgentList, count_label);
  gtk_widget_class_bind_template_child (widget_class, PltAgentList, stack);
  gtk_widget_class_bind_template_child (widget_class, PltAgentList, column_view);
  gtk_widget_class_bind_template_child (widget_class, PltAgentList, name_column);
  gtk_widget_class_bind_template_child (widget_class, PltAgentList, team_column);
  gtk_widget_class_bind_template_child (widget_class, PltAgentList, state_column);
  gtk_widget_class_bind_template_child (widget_class, PltAgentList, time_column);
  gtk_widget_class_bind_template_child (widget_class, PltAgentList, queue_column);
  gtk_widget_class_bind_template_child (widget_class, PltAgentList, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, name_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, team_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, state_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, time_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, queue_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, team_selected_cb);

  gtk_widget_class_set_css_name (widget_class, "agentlist");
}

static void
plt_agent_list_init (PltAgentList *self)
{
  GtkEveryFilter *filter;
  GtkSingleSelection *selection;

  self->team_ids = g_ptr_array_new_with_free_func (g_free);
  self->team_names = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_drop_down_set_model (self->team_dropdown, G_LIST_MODEL (self->team_names));

  self->name_filter = gtk_string_filter_new (gtk_property_expression_new (PLT_TYPE_AGENT, NULL, "name"));
  gtk_string_filter_set_match_mode (self->name_filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  gtk_string_filter_set_ignore_case (self->name_filter, TRUE);

  self->team_filter = gtk_custom_filter_new (team_filter_func, self, NULL);

  filter = gtk_every_filter_new ();
  gtk_multi_filter_append (GTK_MULTI_FILTER (filter), GTK_FILTER (self->name_filter));
  gtk_multi_filter_append (GTK_MULTI_FILTER (filter), GTK_FILTER (self->team_filter));

  self->filter_model = gtk_filter_list_model_new (NULL, GTK_FILTER (filter));
  g_signal_connect_object (self->filter_model, "items-changed",
                           G_CALLBACK (filtered_changed_cb), self, G_CONNECT_SWAPPED);

  setup_sorters (self);
  self->sort_model = gtk_sort_list_model_new (G_LIST_MODEL (self->filter_model),
                                              g_object_ref (gtk_column_view_get_sorter (self->column_view)));

  selection = gtk_single_selection_new (G_LIST_MODEL (self->sort_model));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);

  gtk_column_view_sort_by_column (self->column_view, self->name_column, GTK_SORT_ASCENDING);

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->column_view));

  self->clock_signals = g_signal_group_new (PLT_TYPE_CLOCK);
  g_signal_group_connect_swapped (self->clock_signals, "notify::now",
                                  G_CALLBACK (clock_now_cb), self);

  self->agents_signals = g_signal_group_new (PLT_TYPE_STORE);
  g_signal_group_connect_swapped (self->agents_signals, "items-changed",
                                  G_CALLBACK (agents_changed_cb), self);

  self->teams_signals = g_signal_group_new (PLT_TYPE_STORE);
  g_signal_group_connect_swapped (self->teams_signals, "items-changed",
                                  G_CALLBACK (teams_changed_cb), self);

  setup_column_menu (self);

  update_teams (self);
  update_count (self);
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
  GListModel *teams = NULL;

  g_return_if_fail (PLT_IS_AGENT_LIST (self));
  g_return_if_fail (model == NULL || PLT_IS_MODEL (model));

  if (!g_set_object (&self->model, model))
    return;

  if (model != NULL)
    {
      agents = G_LIST_MODEL (plt_model_get_agents (model));
      teams = G_LIST_MODEL (plt_model_get_teams (model));
    }

  g_signal_group_set_target (self->agents_signals, agents);
  g_signal_group_set_target (self->teams_signals, teams);
  gtk_filter_list_model_set_model (self->filter_model, agents);

  update_teams (self);
  update_count (self);

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

  return G_LIST_MODEL (self->sort_model);
}
