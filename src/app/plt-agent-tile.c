/* plt-agent-tile.c — one agent as a compact tile of the board's tile view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "plt-agent.h"
#include "plt-agent-tile.h"
#include "plt-stress-badge.h"
#include "plt-ui-format.h"

struct _PltAgentTile
{
  GtkWidget       parent_instance;

  GtkWidget      *icon;
  GtkWidget      *name;
  GtkWidget      *time;
  GtkWidget      *badge;

  PltAgent       *agent;
  GSignalGroup   *agent_signals;
  const char     *css_class;
  gint64          now;
};

G_DEFINE_FINAL_TYPE (PltAgentTile, plt_agent_tile, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_AGENT,
  PROP_NOW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_time (PltAgentTile *self)
{
  g_autofree char *text = NULL;

  if (self->agent != NULL)
    text = plt_format_elapsed (self->now, plt_agent_get_since (self->agent));
  gtk_inscription_set_text (GTK_INSCRIPTION (self->time), text);
}

static void
update_state (PltAgentTile *self)
{
  PltAgentState state = self->agent != NULL ? plt_agent_get_state (self->agent) : PLT_AGENT_STATE_UNKNOWN;
  const char *css_class = plt_agent_state_get_css_class (state);
  g_autofree char *display = NULL;
  g_autofree char *description = NULL;

  if (self->css_class != css_class)
    {
      if (self->css_class != NULL)
        gtk_widget_remove_css_class (GTK_WIDGET (self), self->css_class);
      gtk_widget_add_css_class (GTK_WIDGET (self), css_class);
      self->css_class = css_class;
    }

  gtk_image_set_from_icon_name (GTK_IMAGE (self->icon), plt_agent_state_get_icon_name (state));
  gtk_inscription_set_text (GTK_INSCRIPTION (self->name),
                            self->agent != NULL ? plt_agent_get_name (self->agent) : NULL);
  plt_stress_badge_set_flags (PLT_STRESS_BADGE (self->badge),
                              self->agent != NULL ? plt_agent_get_stress (self->agent) : 0);

  /* The tile reads as one sentence: "Camille Martin, on call"; its
   * tooltip is made when asked for (query-tooltip): setting one on every
   * change costs a round trip to the X server. */
  display = plt_agent_state_dup_display (state, self->agent != NULL ? plt_agent_get_reason (self->agent) : NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->agent != NULL ? plt_agent_get_name (self->agent) : "",
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, display,
                                  -1);
  update_time (self);
}

static gboolean
query_tooltip_cb (GtkWidget    *widget,
                  int           x,
                  int           y,
                  gboolean      keyboard,
                  GtkTooltip   *tooltip,
                  PltAgentTile *self)
{
  g_autofree char *display = NULL;
  g_autofree char *stress = NULL;
  g_autofree char *text = NULL;

  if (self->agent == NULL)
    return FALSE;

  display = plt_agent_state_dup_display (plt_agent_get_state (self->agent), plt_agent_get_reason (self->agent));
  stress = plt_stress_badge_describe (plt_agent_get_stress (self->agent));
  text = stress != NULL ? g_strdup_printf ("%s\n%s", display, stress) : g_strdup (display);
  gtk_tooltip_set_text (tooltip, text);

  return TRUE;
}

static void
plt_agent_tile_dispose (GObject *object)
{
  PltAgentTile *self = PLT_AGENT_TILE (object);
  GtkWidget *child;

  if (self->agent_signals != NULL)
    g_signal_group_set_target (self->agent_signals, NULL);
  g_clear_object (&self->agent_signals);
  g_clear_object (&self->agent);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (plt_agent_tile_parent_class)->dispose (object);
}

static void
plt_agent_tile_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PltAgentTile *self = PLT_AGENT_TILE (object);

  switch (prop_id)
    {
    case PROP_AGENT:
      g_value_set_object (value, self->agent);
      break;
    case PROP_NOW:
      g_value_set_int64 (value, self->now);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
plt_agent_tile_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PltAgentTile *self = PLT_AGENT_TILE (object);

  switch (prop_id)
    {
    case PROP_AGENT:
      plt_agent_tile_set_agent (self, g_value_get_object (value));
      break;
    case PROP_NOW:
      plt_agent_tile_set_now (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
plt_agent_tile_class_init (PltAgentTileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = plt_agent_tile_dispose;
  object_class->get_property = plt_agent_tile_get_property;
  object_class->set_property = plt_agent_tile_set_property;

  properties[PROP_AGENT] =
    g_param_spec_object ("agent", NULL, NULL, PLT_TYPE_AGENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NOW] =
    g_param_spec_int64 ("now", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_GRID_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "agenttile");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static GtkWidget *
make_inscription (const char *css_class,
                  int         nat_chars)
{
  GtkWidget *inscription = gtk_inscription_new (NULL);

  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (inscription), nat_chars);
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (inscription), 4);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (inscription), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_widget_set_hexpand (inscription, TRUE);
  gtk_widget_add_css_class (inscription, css_class);

  return inscription;
}

static void
attach (PltAgentTile *self,
        GtkWidget    *child,
        int           column,
        int           row,
        int           height)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  GtkGridLayoutChild *cell;

  gtk_widget_set_parent (child, GTK_WIDGET (self));
  cell = GTK_GRID_LAYOUT_CHILD (gtk_layout_manager_get_layout_child (layout, child));
  gtk_grid_layout_child_set_column (cell, column);
  gtk_grid_layout_child_set_row (cell, row);
  gtk_grid_layout_child_set_row_span (cell, height);
}

static void
plt_agent_tile_init (PltAgentTile *self)
{
  GtkGridLayout *layout = GTK_GRID_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self)));

  gtk_grid_layout_set_column_spacing (layout, 8);

  self->icon = gtk_image_new ();
  gtk_widget_add_css_class (self->icon, "agent-tile-icon");
  gtk_widget_set_valign (self->icon, GTK_ALIGN_CENTER);
  self->name = make_inscription ("agent-tile-name", 12);
  self->time = make_inscription ("agent-tile-time", 8);
  gtk_widget_add_css_class (self->time, "numeric");
  self->badge = plt_stress_badge_new ();
  gtk_widget_set_valign (self->badge, GTK_ALIGN_START);

  attach (self, self->icon, 0, 0, 2);
  attach (self, self->name, 1, 0, 1);
  attach (self, self->time, 1, 1, 1);
  attach (self, self->badge, 2, 0, 2);

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), self);

  self->agent_signals = g_signal_group_new (PLT_TYPE_AGENT);
  g_signal_group_connect_swapped (self->agent_signals, "notify::state", G_CALLBACK (update_state), self);
  g_signal_group_connect_swapped (self->agent_signals, "notify::reason", G_CALLBACK (update_state), self);
  g_signal_group_connect_swapped (self->agent_signals, "notify::name", G_CALLBACK (update_state), self);
  g_signal_group_connect_swapped (self->agent_signals, "notify::stress", G_CALLBACK (update_state), self);
  g_signal_group_connect_swapped (self->agent_signals, "notify::since", G_CALLBACK (update_time), self);

  update_state (self);
}

GtkWidget *
plt_agent_tile_new (void)
{
  return g_object_new (PLT_TYPE_AGENT_TILE, NULL);
}

void
plt_agent_tile_set_agent (PltAgentTile *self,
                          PltAgent     *agent)
{
  g_return_if_fail (PLT_IS_AGENT_TILE (self));
  g_return_if_fail (agent == NULL || PLT_IS_AGENT (agent));

  if (!g_set_object (&self->agent, agent))
    return;

  g_signal_group_set_target (self->agent_signals, agent);
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AGENT]);
}

void
plt_agent_tile_set_now (PltAgentTile *self,
                        gint64        now)
{
  g_return_if_fail (PLT_IS_AGENT_TILE (self));

  if (self->now == now)
    return;

  self->now = now;
  update_time (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOW]);
}

const char *
plt_agent_tile_get_time_text (PltAgentTile *self)
{
  g_return_val_if_fail (PLT_IS_AGENT_TILE (self), NULL);

  return gtk_inscription_get_text (GTK_INSCRIPTION (self->time));
}
