/* plt-state-pill.c — an agent's state as an icon and words in a pill
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "plt-enums.h"
#include "plt-state-pill.h"
#include "plt-ui-format.h"

struct _PltStatePill
{
  GtkWidget      parent_instance;

  GtkImage      *image;
  GtkLabel      *label;

  PltAgentState  state;
  char          *reason;
  const char    *css_class;
};

G_DEFINE_FINAL_TYPE (PltStatePill, plt_state_pill, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STATE,
  PROP_REASON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update (PltStatePill *self)
{
  g_autofree char *text = plt_agent_state_dup_display (self->state, self->reason);
  const char *css_class = plt_agent_state_get_css_class (self->state);

  if (self->css_class != css_class)
    {
      if (self->css_class != NULL)
        gtk_widget_remove_css_class (GTK_WIDGET (self), self->css_class);
      gtk_widget_add_css_class (GTK_WIDGET (self), css_class);
      self->css_class = css_class;
    }

  gtk_image_set_from_icon_name (self->image, plt_agent_state_get_icon_name (self->state));
  gtk_label_set_label (self->label, text);
}

static void
plt_state_pill_dispose (GObject *object)
{
  PltStatePill *self = (PltStatePill *)object;

  g_clear_pointer ((GtkWidget **) &self->image, gtk_widget_unparent);
  g_clear_pointer ((GtkWidget **) &self->label, gtk_widget_unparent);

  G_OBJECT_CLASS (plt_state_pill_parent_class)->dispose (object);
}

static void
plt_state_pill_finalize (GObject *object)
{
  PltStatePill *self = (PltStatePill *)object;

  g_clear_pointer (&self->reason, g_free);

  G_OBJECT_CLASS (plt_state_pill_parent_class)->finalize (object);
}

static void
plt_state_pill_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PltStatePill *self = PLT_STATE_PILL (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_REASON:
      g_value_set_string (value, self->reason);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
plt_state_pill_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PltStatePill *self = PLT_STATE_PILL (object);

  switch (prop_id)
    {
    case PROP_STATE:
      plt_state_pill_set_state (self, g_value_get_enum (value));
      break;

    case PROP_REASON:
      plt_state_pill_set_reason (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
plt_state_pill_class_init (PltStatePillClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = plt_state_pill_dispose;
  object_class->finalize = plt_state_pill_finalize;
  object_class->get_property = plt_state_pill_get_property;
  object_class->set_property = plt_state_pill_set_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       PLT_TYPE_AGENT_STATE,
                       PLT_AGENT_STATE_UNKNOWN,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_REASON] =
    g_param_spec_string ("reason", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "statepill");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
}

static void
plt_state_pill_init (PltStatePill *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 6);
  gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_START);
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);

  self->image = GTK_IMAGE (gtk_image_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->image), GTK_WIDGET (self));

  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_ellipsize (self->label, PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (self->label, 0.0f);
  gtk_widget_set_parent (GTK_WIDGET (self->label), GTK_WIDGET (self));

  self->state = PLT_AGENT_STATE_UNKNOWN;
  update (self);
}

GtkWidget *
plt_state_pill_new (void)
{
  return g_object_new (PLT_TYPE_STATE_PILL, NULL);
}

PltAgentState
plt_state_pill_get_state (PltStatePill *self)
{
  g_return_val_if_fail (PLT_IS_STATE_PILL (self), PLT_AGENT_STATE_UNKNOWN);

  return self->state;
}

void
plt_state_pill_set_state (PltStatePill  *self,
                          PltAgentState  state)
{
  g_return_if_fail (PLT_IS_STATE_PILL (self));

  if (self->state == state)
    return;

  self->state = state;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

const char *
plt_state_pill_get_reason (PltStatePill *self)
{
  g_return_val_if_fail (PLT_IS_STATE_PILL (self), NULL);

  return self->reason;
}

void
plt_state_pill_set_reason (PltStatePill *self,
                           const char   *reason)
{
  g_return_if_fail (PLT_IS_STATE_PILL (self));

  if (g_strcmp0 (self->reason, reason) == 0)
    return;

  g_free (self->reason);
  self->reason = g_strdup (reason);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REASON]);
}

const char *
plt_state_pill_get_text (PltStatePill *self)
{
  g_return_val_if_fail (PLT_IS_STATE_PILL (self), NULL);

  return gtk_label_get_label (self->label);
}
