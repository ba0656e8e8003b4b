/* plt-wallboard-agents.c — every logged-in agent as a small tile
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "plt-agent.h"
#include "plt-wallboard-agent-tile.h"
#include "plt-wallboard-agents.h"
#include "plt-wallboard-grid.h"
#include "plt-wallboard-layout.h"

#define N_DENSITIES 6

/* Keep in step with style.css: the font of each density, as a share of the
 * wallboard's, and the least room a tile needs, in that font's em. */
static const double density_font[N_DENSITIES] = { 1.5, 1.25, 1.0, 0.8, 0.64, 0.5 };
#define TILE_MIN_WIDTH_EM  8.0
#define TILE_HEIGHT_EM     3.6
#define TILE_SPACING_EM    0.4

struct _PltWallboardAgents
{
  GtkWidget           parent_instance;

  GtkWidget          *scrolled;
  GtkGridView        *grid_view;
  GtkFilterListModel *filter_model;

  PltModel           *model;
  PltClock           *clock;
  GSignalGroup       *clock_signals;
  GStrv               queue_ids;

  gint64              now;
  guint               density;
  guint               columns;
  guint               layout_idle_id;
};

G_DEFINE_FINAL_TYPE (PltWallboardAgents, plt_wallboard_agents, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_NOW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
agent_filter_func (gpointer item,
                   gpointer user_data)
{
  PltWallboardAgents *self = user_data;
  PltAgent *agent = item;
  PltAgentState state = plt_agent_get_state (agent);

  if (state == PLT_AGENT_STATE_LOGGED_OUT || state == PLT_AGENT_STATE_UNKNOWN)
    return FALSE;

  if (self->queue_ids == NULL || self->queue_ids[0] == NULL)
    return TRUE;

  for (guint i = 0; self->queue_ids[i] != NULL; i++)
    if (plt_agent_serves_queue (agent, self->queue_ids[i]))
      return TRUE;

  return FALSE;
}

static GtkExpression *
item_property_expression (const char *property)
{
  GtkExpression *item = gtk_property_expression_new (GTK_TYPE_LIST_ITEM, NULL, "item");

  return gtk_property_expression_new (PLT_TYPE_AGENT, item, property);
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          PltWallboardAgents       *self)
{
  GtkWidget *tile = plt_wallboard_agent_tile_new ();

  gtk_list_item_set_child (list_item, tile);
  gtk_list_item_set_activatable (list_item, FALSE);
  gtk_list_item_set_selectable (list_item, FALSE);

  gtk_expression_bind (item_property_expression ("name"), tile, "name", list_item);
  gtk_expression_bind (item_property_expression ("state"), tile, "state", list_item);
  gtk_expression_bind (item_property_expression ("since"), tile, "since", list_item);
  gtk_expression_bind (gtk_property_expression_new (PLT_TYPE_WALLBOARD_AGENTS,
                                                    gtk_object_expression_new (G_OBJECT (self)),
                                                    "now"),
                       tile, "now", NULL);
}

/* Density ---------------------------------------------------------------- */

static void
choose_layout (PltWallboardAgents *self,
               int                 width,
               int                 height,
               guint              *density,
               guint              *columns)
{
  double font = plt_widget_get_font_px (GTK_WIDGET (self));
  guint n = MAX (1, g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)));

  /* The biggest tiles with which every agent fits; as few columns as that
   * density allows, so that names are cut as little as possible. */
  for (guint d = 0; d < N_DENSITIES; d++)
    {
      double em = font * density_font[d];
      double spacing = em * TILE_SPACING_EM;
      double row_height = em * TILE_HEIGHT_EM + spacing;
      guint fit = (guint) MAX (1.0, floor ((width + spacing) / (em * TILE_MIN_WIDTH_EM + spacing)));
      guint max_rows = (guint) MAX (1.0, floor ((height + spacing) / row_height));

      *density = d;
      *columns = fit;

      if ((n + fit - 1) / fit <= max_rows)
        {
          *columns = MIN (fit, (n + max_rows - 1) / max_rows);
          return;
        }
    }
}

static void
apply_layout_cb (gpointer user_data)
{
  PltWallboardAgents *self = user_data;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  guint density, columns;
  char css_class[16];

  self->layout_idle_id = 0;

  if (width <= 0 || height <= 0)
    return;

  choose_layout (self, width, height, &density, &columns);

  if (density != self->density)
    {
      g_snprintf (css_class, sizeof css_class, "density-%u", self->density);
      gtk_widget_remove_css_class (GTK_WIDGET (self->grid_view), css_class);
      g_snprintf (css_class, sizeof css_class, "density-%u", density);
      gtk_widget_add_css_class (GTK_WIDGET (self->grid_view), css_class);
      self->density = density;
    }

  if (columns != self->columns)
    {
      self->columns = columns;
      gtk_grid_view_set_min_columns (self->grid_view, columns);
      gtk_grid_view_set_max_columns (self->grid_view, columns);
    }
}

/* Styles and columns change after the allocation, never during it. */
static void
queue_layout (PltWallboardAgents *self)
{
  if (self->layout_idle_id == 0)
    {
      self->layout_idle_id = g_idle_add_once (apply_layout_cb, self);
      g_source_set_name_by_id (self->layout_idle_id, "[plateau] wallboard agents layout");
    }
}

static void
plt_wallboard_agents_size_allocate (GtkWidget *widget,
                                    int        width,
                                    int        height,
                                    int        baseline)
{
  PltWallboardAgents *self = PLT_WALLBOARD_AGENTS (widget);
  guint density, columns;

  gtk_widget_size_allocate (self->scrolled, &(GtkAllocation) { 0, 0, width, height }, baseline);

  choose_layout (self, width, height, &density, &columns);
  if (density != self->density || columns != self->columns)
    queue_layout (self);
}

static void
plt_wallboard_agents_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  PltWallboardAgents *self = PLT_WALLBOARD_AGENTS (widget);

  gtk_widget_measure (self->scrolled, orientation, for_size, minimum, natural, NULL, NULL);
}

static void
shown_changed_cb (PltWallboardAgents *self)
{
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/* The clock -------------------------------------------------------------- */

static void
set_now (PltWallboardAgents *self,
         gint64              now)
{
  if (self->now == now)
    return;

  self->now = now;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOW]);
}

static void
clock_now_cb (PltWallboardAgents *self,
              GParamSpec         *pspec,
              PltClock           *clock)
{
  set_now (self, plt_clock_get_now (clock));
}

static void
plt_wallboard_agents_map (GtkWidget *widget)
{
  PltWallboardAgents *self = PLT_WALLBOARD_AGENTS (widget);

  GTK_WIDGET_CLASS (plt_wallboard_agents_parent_class)->map (widget);

  g_signal_group_set_target (self->clock_signals, self->clock);
  if (self->clock != NULL)
    set_now (self, plt_clock_get_now (self->clock));
}

static void
plt_wallboard_agents_unmap (GtkWidget *widget)
{
  PltWallboardAgents *self = PLT_WALLBOARD_AGENTS (widget);

  g_signal_group_set_target (self->clock_signals, NULL);

  GTK_WIDGET_CLASS (plt_wallboard_agents_parent_class)->unmap (widget);
}

/* GObject ---------------------------------------------------------------- */

static void
plt_wallboard_agents_dispose (GObject *object)
{
  PltWallboardAgents *self = (PltWallboardAgents *)object;

  g_clear_handle_id (&self->layout_idle_id, g_source_remove);
  if (self->clock_signals != NULL)
    g_signal_group_set_target (self->clock_signals, NULL);

  /* The tiles' expressions watch this widget: let the view go first. */
  g_clear_pointer (&self->scrolled, gtk_widget_unparent);
  self->grid_view = NULL;
  self->filter_model = NULL;

  g_clear_object (&self->clock_signals);
  g_clear_object (&self->model);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (plt_wallboard_agents_parent_class)->dispose (object);
}

static void
plt_wallboard_agents_finalize (GObject *object)
{
  PltWallboardAgents *self = (PltWallboardAgents *)object;

  g_clear_pointer (&self->queue_ids, g_strfreev);

  G_OBJECT_CLASS (plt_wallboard_agents_parent_class)->finalize (object);
}

static void
plt_wallboard_agents_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  PltWallboardAgents *self = PLT_WALLBOARD_AGENTS (object);

  switch (prop_id)
    {
    case PROP_NOW:
      g_value_set_int64 (value, self->now);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
plt_wallboard_agents_class_init (PltWallboardAgentsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = plt_wallboard_agents_dispose;
  object_class->finalize = plt_wallboard_agents_finalize;
  object_class->get_property = plt_wallboard_agents_get_property;

  widget_class->measure = plt_wallboard_agents_measure;
  widget_class->size_allocate = plt_wallboard_agents_size_allocate;
  widget_class->map = plt_wallboard_agents_map;
  widget_class->unmap = plt_wallboard_agents_unmap;

  properties[PROP_NOW] =
    g_param_spec_int64 ("now", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "wallboardagents");
}

static void
plt_wallboard_agents_init (PltWallboardAgents *self)
{
  self->clock_signals = g_signal_group_new (PLT_TYPE_CLOCK);
  g_signal_group_connect_swapped (self->clock_signals, "notify::now",
                                  G_CALLBACK (clock_now_cb), self);
  self->density = 0;
  self->columns = 0;
}

/**
 * plt_wallboard_agents_new:
 * @model: the model whose agents are shown
 * @clock: (nullable): the clock of the time in state
 * @queue_ids: (nullable) (array zero-terminated=1): only the agents serving
 *   one of these queues; NULL or empty: every agent
 *
 * Returns: (transfer floating): a new #PltWallboardAgents
 */
GtkWidget *
plt_wallboard_agents_new (PltModel           *model,
                          PltClock           *clock,
                          const char * const *queue_ids)
{
  PltWallboardAgents *self;
  GtkListItemFactory *factory;
  GtkSortListModel *sort_model;
  GtkNoSelection *selection;
  GtkStringSorter *sorter;

  g_return_val_if_fail (PLT_IS_MODEL (model), NULL);
  g_return_val_if_fail (clock == NULL || PLT_IS_CLOCK (clock), NULL);

  self = g_object_new (PLT_TYPE_WALLBOARD_AGENTS, NULL);
  self->model = g_object_ref (model);
  self->clock = clock != NULL ? g_object_ref (clock) : NULL;
  self->queue_ids = g_strdupv ((char **) queue_ids);

  self->filter_model =
    gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (plt_model_get_agents (model))),
                               GTK_FILTER (gtk_custom_filter_new (agent_filter_func, self, NULL)));
  g_signal_connect_object (self->filter_model, "items-changed",
                           G_CALLBACK (shown_changed_cb), self, G_CONNECT_SWAPPED);

  /* By name: on a wallboard an agent keeps their place as their state
   * changes. */
  sorter = gtk_string_sorter_new (gtk_property_expression_new (PLT_TYPE_AGENT, NULL, "name"));
  sort_model = gtk_sort_list_model_new (G_LIST_MODEL (self->filter_model), GTK_SORTER (sorter));
  selection = gtk_no_selection_new (G_LIST_MODEL (sort_model));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), self);

  self->grid_view = GTK_GRID_VIEW (gtk_grid_view_new (GTK_SELECTION_MODEL (selection), factory));
  gtk_widget_set_focusable (GTK_WIDGET (self->grid_view), FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->grid_view), "density-0");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->grid_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, plt_wallboard_tile_get_label (PLT_WALLBOARD_TILE_AGENTS),
                                  -1);

  self->scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scrolled),
                                  GTK_POLICY_NEVER, GTK_POLICY_EXTERNAL);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), GTK_WIDGET (self->grid_view));
  gtk_widget_set_parent (self->scrolled, GTK_WIDGET (self));

  if (clock != NULL)
    self->now = plt_clock_get_now (clock);

  return GTK_WIDGET (self);
}

guint
plt_wallboard_agents_get_n_shown (PltWallboardAgents *self)
{
  g_return_val_if_fail (PLT_IS_WALLBOARD_AGENTS (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
}

GtkGridView *
_plt_wallboard_agents_get_grid_view (PltWallboardAgents *self)
{
  g_return_val_if_fail (PLT_IS_WALLBOARD_AGENTS (self), NULL);

  return self->grid_view;
}

guint
_plt_wallboard_agents_get_density (PltWallboardAgents *self)
{
  g_return_val_if_fail (PLT_IS_WALLBOARD_AGENTS (self), 0);

  return self->density;
}
