/* plt-connection-indicator.c — the header's "Live" pill
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "plt-connection-indicator.h"

struct _PltConnectionIndicator
{
  GtkWidget            parent_instance;

  /* Template children */
  GtkMenuButton       *button;
  GtkImage            *icon;
  GtkLabel            *label;
  GtkLabel            *title_label;
  GtkLabel            *details_label;
  GtkWidget           *reconnect_button;

  PltConnectionStatus *status;
  GBindingGroup       *bindings;
  GSignalGroup        *signals;
  char                *css_class;
};

G_DEFINE_FINAL_TYPE (PltConnectionIndicator, plt_connection_indicator, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STATUS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_css_class (PltConnectionIndicator *self)
{
  const char *css_class = NULL;

  if (self->status != NULL)
    css_class = plt_connection_status_get_css_class (self->status);

  if (g_strcmp0 (css_class, self->css_class) == 0)
    return;

  if (self->css_class != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self), self->css_class);
  g_free (self->css_class);
  self->css_class = g_strdup (css_class);
  if (css_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self), css_class);
}

static void
update_label (PltConnectionIndicator *self)
{
  g_autofree char *title = NULL;
  const char *label = NULL;

  if (self->status != NULL)
    label = plt_connection_status_get_label (self->status);
  if (label == NULL)
    label = "";

  /* Translators: the title of the connection popover, and what a screen
   * reader says for the indicator: "Connection: Live" */
  title = g_strdup_printf (_("Connection: %s"), label);
  gtk_label_set_label (self->title_label, title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
}

static void
plt_connection_indicator_dispose (GObject *object)
{
  PltConnectionIndicator *self = (PltConnectionIndicator *)object;
  GtkWidget *child;

  if (self->bindings != NULL)
    g_binding_group_set_source (self->bindings, NULL);
  if (self->signals != NULL)
    g_signal_group_set_target (self->signals, NULL);
  g_clear_object (&self->bindings);
  g_clear_object (&self->signals);
  g_clear_object (&self->status);

  gtk_widget_dispose_template (GTK_WIDGET (self), PLT_TYPE_CONNECTION_INDICATOR);
  /* The template's unnamed children too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (plt_connection_indicator_parent_class)->dispose (object);
}

static void
plt_connection_indicator_finalize (GObject *object)
{
  PltConnectionIndicator *self = (PltConnectionIndicator *)object;

  g_clear_pointer (&self->css_class, g_free);

  G_OBJECT_CLASS (plt_connection_indicator_parent_class)->finalize (object);
}

static void
plt_connection_indicator_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  PltConnectionIndicator *self = PLT_CONNECTION_INDICATOR (object);

  switch (prop_id)
    {
    case PROP_STATUS:
      g_value_set_object (value, self->status);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
plt_connection_indicator_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  PltConnectionIndicator *self = PLT_CONNECTION_INDICATOR (object);

  switch (prop_id)
    {
    case PROP_STATUS:
      plt_connection_indicator_set_status (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
plt_connection_indicator_class_init (PltConnectionIndicatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = plt_connection_indicator_dispose;
  object_class->finalize = plt_connection_indicator_finalize;
  object_class->get_property = plt_connection_indicator_get_property;
  object_class->set_property = plt_connection_indicator_set_property;

  properties[PROP_STATUS] =
    g_param_spec_object ("status", NULL, NULL,
                         PLT_TYPE_CONNECTION_STATUS,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/plateau/Plateau/plt-connection-indicator.ui");
  gtk_widget_class_bind_template_child (widget_class, PltConnectionIndicator, button);
  gtk_widget_class_bind_template_child (widget_class, PltConnectionIndicator, icon);
  gtk_widget_class_bind_template_child (widget_class, PltConnectionIndicator, label);
  gtk_widget_class_bind_template_child (widget_class, PltConnectionIndicator, title_label);
  gtk_widget_class_bind_template_child (widget_class, PltConnectionIndicator, details_label);
  gtk_widget_class_bind_template_child (widget_class, PltConnectionIndicator, reconnect_button);

  gtk_widget_class_set_css_name (widget_class, "connectionindicator");
}

static void
plt_connection_indicator_init (PltConnectionIndicator *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->bindings = g_binding_group_new ();
  g_binding_group_bind (self->bindings, "label", self->label, "label", G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->bindings, "icon-name", self->icon, "icon-name", G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->bindings, "details", self->details_label, "label", G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->bindings, "details", self->button, "tooltip-text", G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->bindings, "can-reconnect", self->reconnect_button, "visible", G_BINDING_SYNC_CREATE);

  self->signals = g_signal_group_new (PLT_TYPE_CONNECTION_STATUS);
  g_signal_group_connect_swapped (self->signals, "notify::css-class",
                                  G_CALLBACK (update_css_class), self);
  g_signal_group_connect_swapped (self->signals, "notify::label",
                                  G_CALLBACK (update_label), self);

  update_label (self);
}

GtkWidget *
plt_connection_indicator_new (void)
{
  return g_object_new (PLT_TYPE_CONNECTION_INDICATOR, NULL);
}

PltConnectionStatus *
plt_connection_indicator_get_status (PltConnectionIndicator *self)
{
  g_return_val_if_fail (PLT_IS_CONNECTION_INDICATOR (self), NULL);

  return self->status;
}

void
plt_connection_indicator_set_status (PltConnectionIndicator *self,
                                     PltConnectionStatus    *status)
{
  g_return_if_fail (PLT_IS_CONNECTION_INDICATOR (self));
  g_return_if_fail (status == NULL || PLT_IS_CONNECTION_STATUS (status));

  if (!g_set_object (&self->status, status))
    return;

  g_binding_group_set_source (self->bindings, status);
  g_signal_group_set_target (self->signals, status);
  update_css_class (self);
  update_label (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

const char *
plt_connection_indicator_get_text (PltConnectionIndicator *self)
{
  g_return_val_if_fail (PLT_IS_CONNECTION_INDICATOR (self), NULL);

  return gtk_label_get_label (self->label);
}
