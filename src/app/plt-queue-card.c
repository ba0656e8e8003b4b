/* plt-queue-card.c — one queue at a glance
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "plt-queue-card-private.h"
#include "plt-sl-bar.h"
#include "plt-ui-format.h"

struct _PltQueueCard
{
  GtkWidget     parent_instance;

  /* Template children */
  GtkImage     *media_icon;
  GtkLabel     *name_label;
  GtkLabel     *today_label;
  GtkLabel     *waiting_label;
  GtkWidget    *longest_box;
  GtkLabel     *longest_label;
  GtkWidget    *alarm_icon;
  GtkWidget    *sl_box;
  GtkImage     *sl_icon;
  GtkLabel     *sl_label;
  GtkLabel     *sl_level_label;
  PltSlBar     *sl_bar;
  GtkLabel     *available_label;
  GtkLabel     *busy_label;
  GtkLabel     *wrap_up_label;
  GtkLabel     *paused_label;

  PltQueue     *queue;
  PltClock     *clock;
  GSignalGroup *queue_signals;
  GSignalGroup *clock_signals;

  const char   *sl_class;
};

G_DEFINE_FINAL_TYPE (PltQueueCard, plt_queue_card, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_QUEUE,
  PROP_CLOCK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_label_uint (GtkLabel *label,
                guint     value)
{
  char text[16];

  g_snprintf (text, sizeof text, "%u", value);
  gtk_label_set_label (label, text);
}

static gboolean
is_voice (PltQueueMedia media)
{
  return media != PLT_QUEUE_MEDIA_EMAIL;
}

static void
update_identity (PltQueueCard *self)
{
  PltQueueMedia media = plt_queue_get_media (self->queue);
  const char *name = plt_queue_get_name (self->queue);
  g_autofree char *description = NULL;

  gtk_label_set_label (self->name_label, name != NULL ? name : plt_queue_get_id (self->queue));
  gtk_image_set_from_icon_name (self->media_icon, plt_queue_media_get_icon_name (media));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->media_icon), plt_queue_media_get_label (media));

  /* Translators: what a screen reader says for a queue card: the queue's
   * name, then its kind ("Inbound calls") */
  description = g_strdup_printf (_("%s, %s"), gtk_label_get_label (self->name_label),
                                 plt_queue_media_get_label (media));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description,
                                  -1);
}

static void
update_longest (PltQueueCard *self)
{
  gint64 oldest_since = plt_queue_get_oldest_since (self->queue);
  gboolean over = FALSE;

  if (plt_queue_get_waiting (self->queue) > 0 && oldest_since > 0 && self->clock != NULL)
    {
      gint64 now = plt_clock_get_now (self->clock);
      g_autofree char *text = plt_format_elapsed (now, oldest_since);
      guint threshold_s = plt_queue_get_sl_threshold (self->queue);

      gtk_label_set_label (self->longest_label, text);
      over = threshold_s > 0 && now - oldest_since > (gint64) threshold_s * 1000;
    }
  else
    gtk_label_set_label (self->longest_label, "—");

  if (over != gtk_widget_get_visible (self->alarm_icon))
    {
      gtk_widget_set_visible (self->alarm_icon, over);
      if (over)
        gtk_widget_add_css_class (self->longest_box, "over-threshold");
      else
        gtk_widget_remove_css_class (self->longest_box, "over-threshold");
    }
}

static void
update_waiting (PltQueueCard *self)
{
  set_label_uint (self->waiting_label, plt_queue_get_waiting (self->queue));
  update_longest (self);
}

static void
update_threshold (PltQueueCard *self)
{
  guint threshold_s = plt_queue_get_sl_threshold (self->queue);
  g_autofree char *alarm = NULL;
  g_autofree char *tooltip = NULL;

  alarm = g_strdup_printf (ngettext ("Waiting longer than the service level threshold of %u second",
                                     "Waiting longer than the service level threshold of %u seconds",
                                     threshold_s),
                           threshold_s);
  gtk_widget_set_tooltip_text (self->alarm_icon, alarm);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->alarm_icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, alarm,
                                  -1);

  if (is_voice (plt_queue_get_media (self->queue)))
    tooltip = g_strdup_printf (ngettext ("Service level today: share of calls answered within %u second, among answered calls",
                                         "Service level today: share of calls answered within %u seconds, among answered calls",
                                         threshold_s),
                               threshold_s);
  else
    tooltip = g_strdup_printf (ngettext ("Service level today: share of e-mails answered within %u second, among answered e-mails",
                                         "Service level today: share of e-mails answered within %u seconds, among answered e-mails",
                                         threshold_s),
                               threshold_s);
  gtk_widget_set_tooltip_text (self->sl_box, tooltip);

  update_longest (self);
}

static void
update_service_level (PltQueueCard *self)
{
  double service_level = plt_queue_get_service_level (self->queue);
  double target = plt_queue_get_sl_target (self->queue);
  PltSlLevel level = plt_sl_level_classify (service_level, target);
  const char *sl_class = plt_sl_level_get_css_class (level);
  g_autofree char *target_text = plt_format_percent (target);
  g_autofree char *value_text = NULL;
  g_autofree char *text = NULL;

  if (level == PLT_SL_LEVEL_NONE)
    value_text = g_strdup ("—");
  else
    value_text = plt_format_percent (service_level);

  /* Translators: the service level today and its target, "SL 82 % · target 80 %" */
  text = g_strdup_printf (_("SL %s · target %s"), value_text, target_text);
  gtk_label_set_label (self->sl_label, text);
  gtk_label_set_label (self->sl_level_label, plt_sl_level_get_description (level));
  gtk_image_set_from_icon_name (self->sl_icon, plt_sl_level_get_icon_name (level));

  plt_sl_bar_set_value (self->sl_bar, level == PLT_SL_LEVEL_NONE ? -1.0 : service_level);
  plt_sl_bar_set_target (self->sl_bar, target);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->sl_bar),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text,
                                  -1);

  if (self->sl_class != sl_class)
    {
      if (self->sl_class != NULL)
        gtk_widget_remove_css_class (GTK_WIDGET (self), self->sl_class);
      gtk_widget_add_css_class (GTK_WIDGET (self), sl_class);
      self->sl_class = sl_class;
    }
}

static void
update_agents (PltQueueCard *self)
{
  const PltQueueAgentCounts *agents = plt_queue_get_agents (self->queue);

  set_label_uint (self->available_label, agents->available);
  set_label_uint (self->busy_label, agents->busy);
  set_label_uint (self->wrap_up_label, agents->wrap_up);
  set_label_uint (self->paused_label, agents->paused);
}

static void
update_today (PltQueueCard *self)
{
  const PltQueueToday *today = plt_queue_get_today (self->queue);
  g_autofree char *offered = NULL;
  g_autofree char *answered = NULL;
  g_autofree char *abandoned = NULL;
  g_autofree char *text = NULL;

  /* Translators: contacts offered to a queue today */
  offered = g_strdup_printf (ngettext ("%u offered", "%u offered", today->offered), today->offered);
  /* Translators: contacts answered by an agent today */
  answered = g_strdup_printf (ngettext ("%u answered", "%u answered", today->answered), today->answered);
  /* Translators: contacts abandoned by the caller today */
  abandoned = g_strdup_printf (ngettext ("%u abandoned", "%u abandoned", today->abandoned), today->abandoned);

  /* Translators: today's counters of a queue, "120 offered · 110 answered · 6 abandoned" */
  text = g_strdup_printf (_("%s · %s · %s"), offered, answered, abandoned);
  gtk_label_set_label (self->today_label, text);
}

static void
update_all (PltQueueCard *self)
{
  if (self->queue == NULL)
    return;

  update_identity (self);
  update_waiting (self);
  update_threshold (self);
  update_service_level (self);
  update_agents (self);
  update_today (self);
}

static void
queue_notify_cb (PltQueueCard *self,
                 GParamSpec   *pspec,
                 PltQueue     *queue)
{
  const char *name = pspec->name;

  g_assert (PLT_IS_QUEUE_CARD (self));

  if (g_str_equal (name, "name") || g_str_equal (name, "media"))
    {
      update_identity (self);
      if (g_str_equal (name, "media"))
        update_threshold (self);
    }
  else if (g_str_equal (name, "waiting") || g_str_equal (name, "oldest-since"))
    update_waiting (self);
  else if (g_str_equal (name, "sl-threshold"))
    update_threshold (self);
  else if (g_str_equal (name, "service-level") || g_str_equal (name, "sl-target"))
    update_service_level (self);
  else if (g_str_has_prefix (name, "agents-"))
    update_agents (self);
  else if (g_str_equal (name, "offered") || g_str_equal (name, "answered") ||
           g_str_equal (name, "abandoned"))
    update_today (self);
}

static void
clock_now_cb (PltQueueCard *self)
{
  if (self->queue != NULL)
    update_longest (self);
}

static void
plt_queue_card_map (GtkWidget *widget)
{
  PltQueueCard *self = PLT_QUEUE_CARD (widget);

  GTK_WIDGET_CLASS (plt_queue_card_parent_class)->map (widget);

  /* Tick only while someone can see it. */
  g_signal_group_set_target (self->clock_signals, self->clock);
  clock_now_cb (self);
}

static void
plt_queue_card_unmap (GtkWidget *widget)
{
  PltQueueCard *self = PLT_QUEUE_CARD (widget);

  g_signal_group_set_target (self->clock_signals, NULL);

  GTK_WIDGET_CLASS (plt_queue_card_parent_class)->unmap (widget);
}

static void
plt_queue_card_dispose (GObject *object)
{
  PltQueueCard *self = (PltQueueCard *)object;
  GtkWidget *child;

  if (self->queue_signals != NULL)
    g_signal_group_set_target (self->queue_signals, NULL);
  if (self->clock_signals != NULL)
    g_signal_group_set_target (self->clock_signals, NULL);
  g_clear_object (&self->queue_signals);
  g_clear_object (&self->clock_signals);
  g_clear_object (&self->queue);
  g_clear_object (&self->clock);

  gtk_widget_dispose_template (GTK_WIDGET (self), PLT_TYPE_QUEUE_CARD);
  /* The template's unnamed children too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (plt_queue_card_parent_class)->dispose (object);
}

static void
plt_queue_card_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PltQueueCard *self = PLT_QUEUE_CARD (object);

  switch (prop_id)
    {
    case PROP_QUEUE:
      g_value_set_object (value, self->queue);
      break;

    case PROP_CLOCK:
      g_value_set_object (value, self->clock);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
plt_queue_card_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PltQueueCard *self = PLT_QUEUE_CARD (object);

  switch (prop_id)
    {
    case PROP_QUEUE:
      plt_queue_card_set_queue (self, g_value_get_object (value));
      break;

    case PROP_CLOCK:
      plt_queue_card_set_clock (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
plt_queue_card_class_init (PltQueueCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = plt_queue_card_dispose;
  object_class->get_property = plt_queue_card_get_property;
  object_class->set_property = plt_queue_card_set_property;

  widget_class->map = plt_queue_card_map;
  widget_class->unmap = plt_queue_card_unmap;

  properties[PROP_QUEUE] =
    g_param_spec_object ("queue", NULL, NULL,
                         PLT_TYPE_QUEUE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CLOCK] =
    g_param_spec_object ("clock", NULL, NULL,
                         PLT_TYPE_CLOCK,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PLT_TYPE_SL_BAR);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/plateau/Plateau/plt-queue-card.ui");
  gtk_widget_class_bind_template_child (widget_class, PltQueueCard, media_icon);
  gtk_widget_class_bind_template_child (widget_class, PltQueueCard, name_label);
  gtk_widget_class_bind_template_child (widget_class, PltQueueCard, today_label);
  gtk_widget_class_bind_template_child (widget_class, PltQueueCard, waiting_label);
  gtk_widget_class_bind_template_child (widget_class, PltQueueCard, longest_box);
  gtk_widget_class_bind_template_child (widget_class, PltQueueCard, longest_label);
  gtk_widget_class_bind_template_child (widget_class, PltQueueCard, alarm_icon);
  gtk_widget_class_bind_template_child (widget_class, PltQueueCard, sl_box);
  gtk_widget_class_bind_template_child (widget_class, PltQueueCard, sl_icon);
  gtk_widget_class_bind_template_child (widget_class, PltQueueCard, sl_label);
  gtk_widget_class_bind_template_child (widget_class, PltQueueCard, sl_level_label);
  gtk_widget_class_bind_template_child (widget_class, PltQueueCard, sl_bar);
  gtk_widget_class_bind_template_child (widget_class, PltQueueCard, available_label);
  gtk_widget_class_bind_template_child (widget_class, PltQueueCard, busy_label);
  gtk_widget_class_bind_template_child (widget_class, PltQueueCard, wrap_up_label);
  gtk_widget_class_bind_template_child (widget_class, PltQueueCard, paused_label);

  gtk_widget_class_set_css_name (widget_class, "queuecard");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
plt_queue_card_init (PltQueueCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->queue_signals = g_signal_group_new (PLT_TYPE_QUEUE);
  g_signal_group_connect_swapped (self->queue_signals, "notify",
                                  G_CALLBACK (queue_notify_cb), self);

  self->clock_signals = g_signal_group_new (PLT_TYPE_CLOCK);
  g_signal_group_connect_swapped (self->clock_signals, "notify::now",
                                  G_CALLBACK (clock_now_cb), self);
}

/**
 * plt_queue_card_new:
 * @queue: (nullable): the queue to show
 * @clock: (nullable): the clock the longest wait ticks with
 *
 * Returns: (transfer floating): a new #PltQueueCard
 */
GtkWidget *
plt_queue_card_new (PltQueue *queue,
                    PltClock *clock)
{
  g_return_val_if_fail (queue == NULL || PLT_IS_QUEUE (queue), NULL);
  g_return_val_if_fail (clock == NULL || PLT_IS_CLOCK (clock), NULL);

  return g_object_new (PLT_TYPE_QUEUE_CARD,
                       "clock", clock,
                       "queue", queue,
                       NULL);
}

PltQueue *
plt_queue_card_get_queue (PltQueueCard *self)
{
  g_return_val_if_fail (PLT_IS_QUEUE_CARD (self), NULL);

  return self->queue;
}

void
plt_queue_card_set_queue (PltQueueCard *self,
                          PltQueue     *queue)
{
  g_return_if_fail (PLT_IS_QUEUE_CARD (self));
  g_return_if_fail (queue == NULL || PLT_IS_QUEUE (queue));

  if (!g_set_object (&self->queue, queue))
    return;

  g_signal_group_set_target (self->queue_signals, queue);
  update_all (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUEUE]);
}

PltClock *
plt_queue_card_get_clock (PltQueueCard *self)
{
  g_return_val_if_fail (PLT_IS_QUEUE_CARD (self), NULL);

  return self->clock;
}

void
plt_queue_card_set_clock (PltQueueCard *self,
                          PltClock     *clock)
{
  g_return_if_fail (PLT_IS_QUEUE_CARD (self));
  g_return_if_fail (clock == NULL || PLT_IS_CLOCK (clock));

  if (!g_set_object (&self->clock, clock))
    return;

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    g_signal_group_set_target (self->clock_signals, clock);
  clock_now_cb (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLOCK]);
}

const char *
_plt_queue_card_get_name_text (PltQueueCard *self)
{
  g_return_val_if_fail (PLT_IS_QUEUE_CARD (self), NULL);

  return gtk_label_get_label (self->name_label);
}

const char *
_plt_queue_card_get_waiting_text (PltQueueCard *self)
{
  g_return_val_if_fail (PLT_IS_QUEUE_CARD (self), NULL);

  return gtk_label_get_label (self->waiting_label);
}

const char *
_plt_queue_card_get_longest_text (PltQueueCard *self)
{
  g_return_val_if_fail (PLT_IS_QUEUE_CARD (self), NULL);

  return gtk_label_get_label (self->longest_label);
}

const char *
_plt_queue_card_get_sl_text (PltQueueCard *self)
{
  g_return_val_if_fail (PLT_IS_QUEUE_CARD (self), NULL);

  return gtk_label_get_label (self->sl_label);
}
