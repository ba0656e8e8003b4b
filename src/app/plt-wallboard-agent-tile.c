/* plt-wallboard-agent-tile.c — one agent on the wallboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "plt-enums.h"
#include "plt-ui-format.h"
#include "plt-wallboard-agent-tile.h"

struct _PltWallboardAgentTile
{
  GtkWidget      parent_instance;

  GtkWidget     *name_label;
  GtkWidget     *bottom;
  GtkWidget     *icon;
  GtkWidget     *time_label;

  char          *name;
  PltAgentState  state;
  gint64         since;
  gint64         now;
  const char    *css_class;
};

G_DEFINE_FINAL_TYPE (PltWallboardAgentTile, plt_wallboard_agent_tile, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_NAME,
  PROP_STATE,
  PROP_SINCE,
  PROP_NOW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_time (PltWallboardAgentTile *self)
{
  g_autofree char *text = plt_format_elapsed (self->now, self->since);

  gtk_inscription_set_text (GTK_INSCRIPTION (self->time_label), text);
}

static void
update_accessible (PltWallboardAgentTile *self)
{
  g_autofree char *label = NULL;

  /* Translators: what a screen reader says for an agent's tile on the
   * wallboard, "Camille Martin, On call" */
  label = g_strdup_printf (_("%s, %s"), self->name != NULL ? self->name : "",
                           plt_agent_state_get_label (self->state));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static void
update_state (PltWallboardAgentTile *self)
{
  const char *css_class = plt_agent_state_get_css_class (self->state);

  if (self->css_class != css_class)
    {
      if (self->css_class != NULL)
        gtk_widget_remove_css_class (GTK_WIDGET (self), self->css_class);
      gtk_widget_add_css_class (GTK_WIDGET (self), css_class);
      self->css_class = css_class;
    }

  gtk_image_set_from_icon_name (GTK_IMAGE (self->icon), plt_agent_state_get_icon_name (self->state));
  gtk_widget_set_tooltip_text (self->icon, plt_agent_state_get_label (self->state));
  update_accessible (self);
}

static void
plt_wallboard_agent_tile_dispose (GObject *object)
{
  PltWallboardAgentTile *self = (PltWallboardAgentTile *)object;

  g_clear_pointer (&self->name_label, gtk_widget_unparent);
  g_clear_pointer (&self->bottom, gtk_widget_unparent);

  G_OBJECT_CLASS (plt_wallboard_agent_tile_parent_class)->dispose (object);
}

static void
plt_wallboard_agent_tile_finalize (GObject *object)
{
  PltWallboardAgentTile *self = (PltWallboardAgentTile *)object;

  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (plt_wallboard_agent_tile_parent_class)->finalize (object);
}

static void
plt_wallboard_agent_tile_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  PltWallboardAgentTile *self = PLT_WALLBOARD_AGENT_TILE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_SINCE:
      g_value_set_int64 (value, self->since);
      break;

    case PROP_NOW:
      g_value_set_int64 (value, self->now);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
plt_wallboard_agent_tile_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  PltWallboardAgentTile *self = PLT_WALLBOARD_AGENT_TILE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      if (g_strcmp0 (self->name, g_value_get_string (value)) != 0)
        {
          g_free (self->name);
          self->name = g_value_dup_string (value);
          gtk_inscription_set_text (GTK_INSCRIPTION (self->name_label), self->name);
          update_accessible (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_STATE:
      if (self->state != (PltAgentState) g_value_get_enum (value))
        {
          self->state = g_value_get_enum (value);
          update_state (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_SINCE:
      if (self->since != g_value_get_int64 (value))
        {
          self->since = g_value_get_int64 (value);
          update_time (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_NOW:
      if (self->now != g_value_get_int64 (value))
        {
          self->now = g_value_get_int64 (value);
          update_time (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
plt_wallboard_agent_tile_class_init (PltWallboardAgentTileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = plt_wallboard_agent_tile_dispose;
  object_class->finalize = plt_wallboard_agent_tile_finalize;
  object_class->get_property = plt_wallboard_agent_tile_get_property;
  object_class->set_property = plt_wallboard_agent_tile_set_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       PLT_TYPE_AGENT_STATE, PLT_AGENT_STATE_UNKNOWN,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SINCE] =
    g_param_spec_int64 ("since", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_NOW] =
    g_param_spec_int64 ("now", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "wallboardagent");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static GtkWidget *
create_inscription (const char *css_class,
                    int         nat_chars,
                    float       xalign)
{
  GtkWidget *inscription = gtk_inscription_new (NULL);

  gtk_inscription_set_min_chars (GTK_INSCRIPTION (inscription), 3);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (inscription), nat_chars);
  gtk_inscription_set_min_lines (GTK_INSCRIPTION (inscription), 1);
  gtk_inscription_set_nat_lines (GTK_INSCRIPTION (inscription), 1);
  gtk_inscription_set_xalign (GTK_INSCRIPTION (inscription), xalign);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (inscription),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_widget_set_valign (inscription, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (inscription, css_class);

  return inscription;
}

static void
plt_wallboard_agent_tile_init (PltWallboardAgentTile *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);

  /* The name on its own line, as long as the tile is wide; under it the
   * state's icon and the time in state. */
  self->name_label = create_inscription ("wb-agent-name", 12, 0.0f);
  gtk_widget_set_parent (self->name_label, GTK_WIDGET (self));

  self->bottom = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (self->bottom, "wb-agent-status");
  gtk_widget_set_parent (self->bottom, GTK_WIDGET (self));

  self->icon = gtk_image_new ();
  gtk_widget_set_valign (self->icon, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->icon, "wb-agent-icon");
  gtk_box_append (GTK_BOX (self->bottom), self->icon);

  self->time_label = create_inscription ("wb-agent-time", 5, 0.0f);
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (self->time_label), 4);
  gtk_widget_set_hexpand (self->time_label, TRUE);
  gtk_widget_add_css_class (self->time_label, "numeric");
  gtk_box_append (GTK_BOX (self->bottom), self->time_label);

  self->state = PLT_AGENT_STATE_UNKNOWN;
  update_state (self);
  update_time (self);
}

GtkWidget *
plt_wallboard_agent_tile_new (void)
{
  return g_object_new (PLT_TYPE_WALLBOARD_AGENT_TILE, NULL);
}
