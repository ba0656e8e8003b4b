/* plt-stress-badge.c — a discreet mark on an agent under stress
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "plt-stress.h"
#include "plt-stress-badge.h"

struct _PltStressBadge
{
  GtkWidget  parent_instance;

  GtkWidget *image;
  guint      flags;
};

G_DEFINE_FINAL_TYPE (PltStressBadge, plt_stress_badge, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_FLAGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
explain (PltStressKind kind)
{
  switch (kind)
    {
    case PLT_STRESS_NO_BREAK:
      return _("No break for a long time, or many calls since the last one");
    case PLT_STRESS_LONG_CALLS:
      return _("Several long calls in a row");
    case PLT_STRESS_HIGH_OCCUPANCY:
      return _("On calls more than 90 % of the last hour");
    case PLT_STRESS_LONG_PAUSE:
      return _("A pause well past its usual length");
    case PLT_STRESS_RONA_STREAK:
      return _("Several calls in a row left ringing");
    default:
      return "";
    }
}

char *
plt_stress_badge_describe (guint flags)
{
  g_autoptr(GString) text = NULL;

  if (flags == 0)
    return NULL;

  text = g_string_new (_("Needs attention:"));
  for (guint i = 0; i < PLT_STRESS_N_KINDS; i++)
    if (flags & (1u << i))
      g_string_append_printf (text, "\n• %s", explain (1u << i));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Made when asked for: setting a tooltip costs a round trip to X. */
static gboolean
query_tooltip_cb (GtkWidget      *widget,
                  int             x,
                  int             y,
                  gboolean        keyboard,
                  GtkTooltip     *tooltip,
                  PltStressBadge *self)
{
  g_autofree char *text = plt_stress_badge_describe (self->flags);

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
plt_stress_badge_dispose (GObject *object)
{
  PltStressBadge *self = PLT_STRESS_BADGE (object);

  g_clear_pointer (&self->image, gtk_widget_unparent);

  G_OBJECT_CLASS (plt_stress_badge_parent_class)->dispose (object);
}

static void
plt_stress_badge_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PltStressBadge *self = PLT_STRESS_BADGE (object);

  switch (prop_id)
    {
    case PROP_FLAGS:
      g_value_set_uint (value, self->flags);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
plt_stress_badge_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PltStressBadge *self = PLT_STRESS_BADGE (object);

  switch (prop_id)
    {
    case PROP_FLAGS:
      plt_stress_badge_set_flags (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
plt_stress_badge_class_init (PltStressBadgeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = plt_stress_badge_dispose;
  object_class->get_property = plt_stress_badge_get_property;
  object_class->set_property = plt_stress_badge_set_property;

  properties[PROP_FLAGS] =
    g_param_spec_uint ("flags", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "stressbadge");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
plt_stress_badge_init (PltStressBadge *self)
{
  self->image = gtk_image_new_from_icon_name ("face-tired-symbolic");
  gtk_widget_set_parent (self->image, GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), self);
}

GtkWidget *
plt_stress_badge_new (void)
{
  return g_object_new (PLT_TYPE_STRESS_BADGE, NULL);
}

guint
plt_stress_badge_get_flags (PltStressBadge *self)
{
  g_return_val_if_fail (PLT_IS_STRESS_BADGE (self), 0);

  return self->flags;
}

void
plt_stress_badge_set_flags (PltStressBadge *self,
                            guint           flags)
{
  g_autofree char *text = NULL;

  g_return_if_fail (PLT_IS_STRESS_BADGE (self));

  if (self->flags == flags)
    return;

  self->flags = flags;
  text = plt_stress_badge_describe (flags);
  gtk_widget_set_visible (GTK_WIDGET (self), flags != 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  text != NULL ? text : "", -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FLAGS]);
}
