/* plt-queue-card.c — one queue at a glance
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "plt-queue-card-private.h"
#include "plt-queue-figures.h"
#include "plt-sl-bar.h"
#include "plt-sparkline.h"
#include "plt-tooltip.h"
#include "plt-ui-format.h"

struct _PltQueueCard
{
  GtkWidget       parent_instance;

  /* Template children */
  GtkImage       *media_icon;
  GtkLabel       *name_label;
  GtkInscription       *today_label;
  GtkImage       *alert_icon;
  GtkInscription       *waiting_label;
  GtkWidget      *waiting_box;
  GtkWidget      *longest_box;
  GtkWidget      *trend_box;
  GtkWidget      *available_box;
  GtkWidget      *busy_box;
  GtkWidget      *wrap_up_box;
  GtkWidget      *paused_box;
  GtkInscription       *longest_label;
  GtkWidget      *alarm_icon;
  GtkWidget      *ewt_box;
  GtkInscription       *ewt_label;
  GtkWidget      *sl_box;
  GtkImage       *sl_icon;
  GtkInscription       *sl_label;
  GtkLabel       *sl_level_label;
  PltSlBar       *sl_bar;
  GtkInscription       *sl_rolling_label;
  GtkLabel       *target_label;
  GtkWidget      *asa_box;
  GtkInscription       *asa_label;
  GtkWidget      *abandon_box;
  GtkInscription       *abandon_label;
  GtkLabel       *abandon_caption;
  PltSparkline   *sparkline;
  GtkInscription       *available_label;
  GtkInscription       *busy_label;
  GtkInscription       *wrap_up_label;
  GtkInscription       *paused_label;
  GtkWidget      *stale_box;
  GtkLabel       *stale_label;

  PltQueue       *queue;
  PltClock       *clock;
  PltQueueTrends *trends;
  GSignalGroup   *queue_signals;
  GSignalGroup   *clock_signals;
  char           *data_time;
  char           *alert_text;

  const char     *sl_class;
  const char     *alert_class;
  PltAlertLevel   alert_level;
  guint           dirty;          /* DIRTY_*: what the next frame updates */
  guint           tick_id;
  guint           stale : 1;
  guint           follows_clock : 1;  /* else its board ticks it */
  guint           on_screen : 1;      /* else updates wait until it is */
};

/* What a queue's notifications ask to update; done once, in the next
 * frame, however many came (a queue update notifies several properties). */
enum {
  DIRTY_IDENTITY   = 1 << 0,
  DIRTY_WAITING    = 1 << 1,
  DIRTY_THRESHOLD  = 1 << 2,
  DIRTY_FIGURES    = 1 << 3,
  DIRTY_AGENTS     = 1 << 4,
  DIRTY_TODAY      = 1 << 5,
  DIRTY_ACCESSIBLE = 1 << 6,
};

G_DEFINE_FINAL_TYPE (PltQueueCard, plt_queue_card, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_QUEUE,
  PROP_CLOCK,
  PROP_TRENDS,
  PROP_STALE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Figures are GtkInscriptions: a new value does not resize the card, and
 * so does not lay the whole grid out again. */
static void
set_text_uint (GtkInscription *inscription,
               guint           value)
{
  char text[16];

  g_snprintf (text, sizeof text, "%u", value);
  gtk_inscription_set_text (inscription, text);
}

/* GtkImage resizes itself on every icon set, the same one too, and the
 * resize lays the grid out again: only when it changes. */
static void
set_icon (GtkImage   *image,
          const char *icon_name)
{
  if (g_strcmp0 (gtk_image_get_icon_name (image), icon_name) != 0)
    gtk_image_set_from_icon_name (image, icon_name);
}

static gint64
card_now (PltQueueCard *self)
{
  return self->clock != NULL ? plt_clock_get_now (self->clock) : 0;
}

/* What a screen reader says of the card: its figures in a sentence, the
 * alert, and how old the data is when it is not live. */
static void
update_accessible (PltQueueCard *self)
{
  PltQueueFigures figures;
  g_autofree char *summary = NULL;
  g_autoptr(GString) description = g_string_new (NULL);

  plt_queue_figures_compute (self->queue, &figures);
  summary = plt_queue_figures_dup_summary (self->queue, &figures, card_now (self));

  if (self->alert_level != PLT_ALERT_LEVEL_NONE && self->alert_text != NULL)
    g_string_append (description, self->alert_text);
  if (self->stale && self->data_time != NULL)
    {
      if (description->len > 0)
        g_string_append (description, ". ");
      g_string_append (description, gtk_label_get_label (self->stale_label));
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, summary,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description->str,
                                  -1);
}

static void
update_identity (PltQueueCard *self)
{
  PltQueueMedia media = plt_queue_get_media (self->queue);
  const char *name = plt_queue_get_name (self->queue);

  gtk_label_set_label (self->name_label, name != NULL ? name : plt_queue_get_id (self->queue));
  set_icon (self->media_icon, plt_queue_media_get_icon_name (media));
  plt_tooltip_set_text (GTK_WIDGET (self->media_icon), plt_queue_media_get_label (media));
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

      gtk_inscription_set_text (self->longest_label, text);
      over = threshold_s > 0 && now - oldest_since > (gint64) threshold_s * 1000;
    }
  else
    gtk_inscription_set_text (self->longest_label, "—");

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
update_trend (PltQueueCard *self)
{
  const PltTrendSample *samples = NULL;
  guint n_samples = 0;

  if (self->trends != NULL)
    samples = plt_queue_trends_get (self->trends, plt_queue_get_id (self->queue), &n_samples);

  plt_sparkline_set_samples (self->sparkline, samples, n_samples, card_now (self),
                             plt_queue_get_sl_target (self->queue));
}

static void
update_waiting (PltQueueCard *self)
{
  set_text_uint (self->waiting_label, plt_queue_get_waiting (self->queue));
  update_longest (self);
}

static void
update_threshold (PltQueueCard *self)
{
  guint threshold_s = plt_queue_get_sl_threshold (self->queue);
  g_autofree char *alarm = NULL;

  alarm = g_strdup_printf (ngettext ("Waiting longer than the service level threshold of %u second",
                                     "Waiting longer than the service level threshold of %u seconds",
                                     threshold_s),
                           threshold_s);
  plt_tooltip_set_text (self->alarm_icon, alarm);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->alarm_icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, alarm,
                                  -1);

  update_longest (self);
}

/* Every figure that comes from the day's counters or the router's KPIs,
 * with the definition of each on hover. */
static void
update_figures (PltQueueCard *self)
{
  PltQueueFigures figures;
  PltSlLevel level;
  const char *sl_class;
  g_autofree char *today = NULL;
  g_autofree char *rolling = NULL;
  g_autofree char *target = NULL;
  g_autofree char *text = NULL;
  gboolean outbound;

  plt_queue_figures_compute (self->queue, &figures);
  outbound = plt_queue_get_media (self->queue) == PLT_QUEUE_MEDIA_OUTBOUND;
  level = outbound ? PLT_SL_LEVEL_NONE
                   : plt_sl_level_classify (isnan (figures.sl_today) ? -1.0 : figures.sl_today, figures.target);
  sl_class = plt_sl_level_get_css_class (level);

  today = plt_format_ratio (figures.sl_today);
  /* Translators: the service level today, "82 % today" */
  text = g_strdup_printf (_("%s today"), today);
  gtk_inscription_set_text (self->sl_label, text);
  /* Calls placed are not answered: no service level to judge. */
  gtk_label_set_label (self->sl_level_label,
                       outbound ? _("Not measured for outbound calls") : plt_sl_level_get_description (level));
  set_icon (self->sl_icon, plt_sl_level_get_icon_name (level));

  rolling = plt_format_ratio (figures.sl_rolling);
  g_free (text);
  if (figures.rolling_min > 0)
    /* Translators: the service level over the rolling window, "76 % over the last 30 min" */
    text = g_strdup_printf (_("%s over the last %u min"), rolling, figures.rolling_min);
  else
    /* Translators: no service level over the rolling window */
    text = g_strdup_printf (_("%s over the last minutes"), rolling);
  gtk_inscription_set_text (self->sl_rolling_label, text);

  target = plt_format_percent (figures.target);
  g_free (text);
  /* Translators: a service level target and its threshold, "Target 80 % in 20 s" */
  text = g_strdup_printf (_("Target %s in %u s"), target, figures.threshold_s);
  gtk_label_set_label (self->target_label, text);


  plt_sl_bar_set_value (self->sl_bar, level == PLT_SL_LEVEL_NONE ? -1.0 : figures.sl_today);
  plt_sl_bar_set_target (self->sl_bar, figures.target);
  {
    g_autofree char *value_text = g_strdup_printf ("%s · %s", gtk_inscription_get_text (self->sl_label),
                                                   gtk_label_get_label (self->target_label));

    gtk_accessible_update_property (GTK_ACCESSIBLE (self->sl_bar),
                                    GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, value_text,
                                    -1);
  }

  if (self->sl_class != sl_class)
    {
      if (self->sl_class != NULL)
        gtk_widget_remove_css_class (GTK_WIDGET (self), self->sl_class);
      gtk_widget_add_css_class (GTK_WIDGET (self), sl_class);
      self->sl_class = sl_class;
    }

  g_free (text);
  text = plt_format_wait (figures.asa_s);
  gtk_inscription_set_text (self->asa_label, text);

  g_free (text);
  text = plt_format_ratio (figures.abandon_rate);
  gtk_inscription_set_text (self->abandon_label, text);
  /* Translators: outbound calls that reached nobody, a caption */
  gtk_label_set_label (self->abandon_caption, outbound ? C_("outbound", "Unreached") : _("Abandoned"));

  g_free (text);
  text = plt_format_wait (figures.ewt_s);
  gtk_inscription_set_text (self->ewt_label, text);
}

/* The definition of a figure, worked out when the pointer rests on it
 * (or a test asks): never in the update path. */
static char *
dup_definition (PltQueueCard *self,
                GtkWidget    *widget)
{
  PltQueueFigures figures;
  gboolean outbound;

  if (self->queue == NULL)
    return NULL;

  plt_queue_figures_compute (self->queue, &figures);
  outbound = plt_queue_get_media (self->queue) == PLT_QUEUE_MEDIA_OUTBOUND;

  if (widget == self->sl_box)
    return outbound ? g_strdup (_("Outbound calls have no service level: the agents place them, nobody waits to be answered."))
                    : plt_queue_figures_describe_sl (&figures, PLT_KPI_PERIOD_TODAY);
  if (widget == GTK_WIDGET (self->sl_rolling_label))
    return plt_queue_figures_describe_sl (&figures, PLT_KPI_PERIOD_ROLLING);
  if (widget == self->asa_box)
    return plt_queue_figures_describe_asa (&figures);
  if (widget == self->abandon_box)
    return outbound ? g_strdup (_("Calls placed today that reached nobody, among calls placed."))
                    : plt_queue_figures_describe_abandon (&figures);
  if (widget == self->ewt_box)
    return plt_queue_figures_describe_ewt (&figures);

  return NULL;
}

static gboolean
query_tooltip_cb (GtkWidget    *widget,
                  int           x,
                  int           y,
                  gboolean      keyboard,
                  GtkTooltip   *tooltip,
                  PltQueueCard *self)
{
  g_autofree char *text = dup_definition (self, widget);

  if (text == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
update_agents (PltQueueCard *self)
{
  const PltQueueAgentCounts *agents = plt_queue_get_agents (self->queue);

  set_text_uint (self->available_label, agents->available);
  set_text_uint (self->busy_label, agents->busy);
  set_text_uint (self->wrap_up_label, agents->wrap_up);
  set_text_uint (self->paused_label, agents->paused);
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
  gtk_inscription_set_text (self->today_label, text);
}

static void
update_stale (PltQueueCard *self)
{
  gboolean shown = self->stale && self->data_time != NULL;

  if (self->stale)
    gtk_widget_add_css_class (GTK_WIDGET (self), "stale");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "stale");

  if (shown)
    {
      /* Translators: when the figures shown were current, "Data from 10:42:07" */
      g_autofree char *text = g_strdup_printf (_("Data from %s"), self->data_time);

      gtk_label_set_label (self->stale_label, text);
    }
  gtk_widget_set_visible (self->stale_box, shown);
}

static void
update_alert (PltQueueCard *self)
{
  const char *alert_class = plt_alert_level_get_css_class (self->alert_level);

  gtk_widget_set_visible (GTK_WIDGET (self->alert_icon), self->alert_level != PLT_ALERT_LEVEL_NONE);
  set_icon (self->alert_icon, plt_alert_level_get_icon_name (self->alert_level));
  plt_tooltip_set_text (GTK_WIDGET (self->alert_icon), self->alert_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->alert_icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, plt_alert_level_get_label (self->alert_level),
                                  -1);

  if (self->alert_class != alert_class)
    {
      if (self->alert_class != NULL)
        gtk_widget_remove_css_class (GTK_WIDGET (self), self->alert_class);
      gtk_widget_add_css_class (GTK_WIDGET (self), alert_class);
      self->alert_class = alert_class;
    }
}

static void
update_dirty (PltQueueCard *self)
{
  guint dirty = self->dirty;

  self->dirty = 0;
  if (self->queue == NULL)
    return;

  if (dirty & DIRTY_IDENTITY)
    update_identity (self);
  if (dirty & DIRTY_WAITING)
    update_waiting (self);
  if (dirty & DIRTY_THRESHOLD)
    update_threshold (self);
  if (dirty & DIRTY_FIGURES)
    update_figures (self);
  if (dirty & DIRTY_AGENTS)
    update_agents (self);
  if (dirty & DIRTY_TODAY)
    update_today (self);
  if (dirty & DIRTY_ACCESSIBLE)
    update_accessible (self);
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *frame_clock,
         gpointer       user_data)
{
  PltQueueCard *self = PLT_QUEUE_CARD (widget);

  self->tick_id = 0;
  update_dirty (self);

  return G_SOURCE_REMOVE;
}

/* Marks @dirty for the next frame, or updates now when the card is not on
 * screen (no frame would come). */
static void
mark_dirty (PltQueueCard *self,
            guint         dirty)
{
  /* The sentence for screen readers sums every figure up. */
  self->dirty |= dirty | DIRTY_ACCESSIBLE;

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      update_dirty (self);
      return;
    }

  /* Kept by the grid, off screen: until it shows. */
  if (!self->on_screen)
    return;

  if (self->tick_id == 0)
    self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), tick_cb, NULL, NULL);
}

static void
update_all (PltQueueCard *self)
{
  if (self->queue == NULL)
    return;

  self->dirty = ~0u;
  update_dirty (self);
  update_trend (self);
}

static void
queue_notify_cb (PltQueueCard *self,
                 GParamSpec   *pspec,
                 PltQueue     *queue)
{
  const char *name = pspec->name;

  g_assert (PLT_IS_QUEUE_CARD (self));

  if (g_str_equal (name, "name") || g_str_equal (name, "media"))
    mark_dirty (self, DIRTY_IDENTITY | DIRTY_FIGURES);
  else if (g_str_equal (name, "waiting") || g_str_equal (name, "oldest-since"))
    mark_dirty (self, DIRTY_WAITING);
  else if (g_str_equal (name, "sl-threshold"))
    mark_dirty (self, DIRTY_THRESHOLD | DIRTY_FIGURES);
  else if (g_str_equal (name, "service-level") || g_str_equal (name, "sl-target") ||
           g_str_equal (name, "asa") || g_str_has_prefix (name, "kpi-"))
    mark_dirty (self, DIRTY_FIGURES);
  else if (g_str_has_prefix (name, "agents-"))
    mark_dirty (self, DIRTY_AGENTS);
  else if (g_str_equal (name, "offered") || g_str_equal (name, "answered") ||
           g_str_equal (name, "abandoned"))
    mark_dirty (self, DIRTY_TODAY | DIRTY_FIGURES);
}

static void
clock_now_cb (PltQueueCard *self)
{
  if (self->queue == NULL)
    return;

  update_longest (self);
  update_trend (self);
  update_accessible (self);
}

static void
plt_queue_card_map (GtkWidget *widget)
{
  PltQueueCard *self = PLT_QUEUE_CARD (widget);

  GTK_WIDGET_CLASS (plt_queue_card_parent_class)->map (widget);

  /* Tick only while someone can see it. */
  if (self->follows_clock)
    g_signal_group_set_target (self->clock_signals, self->clock);
  clock_now_cb (self);
}

static void
plt_queue_card_unmap (GtkWidget *widget)
{
  PltQueueCard *self = PLT_QUEUE_CARD (widget);

  g_signal_group_set_target (self->clock_signals, NULL);
  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (widget, self->tick_id);
      self->tick_id = 0;
      update_dirty (self);
    }

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
  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
  g_clear_object (&self->queue_signals);
  g_clear_object (&self->clock_signals);
  g_clear_object (&self->queue);
  g_clear_object (&self->clock);
  g_clear_object (&self->trends);

  gtk_widget_dispose_template (GTK_WIDGET (self), PLT_TYPE_QUEUE_CARD);
  /* The template's unnamed children too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (plt_queue_card_parent_class)->dispose (object);
}

static void
plt_queue_card_finalize (GObject *object)
{
  PltQueueCard *self = (PltQueueCard *)object;

  g_clear_pointer (&self->data_time, g_free);
  g_clear_pointer (&self->alert_text, g_free);

  G_OBJECT_CLASS (plt_queue_card_parent_class)->finalize (object);
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

    case PROP_TRENDS:
      g_value_set_object (value, self->trends);
      break;

    case PROP_STALE:
      g_value_set_boolean (value, self->stale);
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

    case PROP_TRENDS:
      plt_queue_card_set_trends (self, g_value_get_object (value));
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
  object_class->finalize = plt_queue_card_finalize;
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

  properties[PROP_TRENDS] =
    g_param_spec_object ("trends", NULL, NULL,
                         PLT_TYPE_QUEUE_TRENDS,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_STALE] =
    g_param_spec_boolean ("stale", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PLT_TYPE_SL_BAR);
  g_type_ensure (PLT_TYPE_SPARKLINE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/plateau/Plateau/plt-queue-card.ui");
  gtk_widget_class_bind_template_child (widget_class, PltQueueCard, media_icon);
  gtk_widget_class_bind_template_child (widget_class, PltQueueCard, name_label);
  gtk_widget_class_bind_template_child (widget_class, PltQueueCard, today_label);
  gtk_widget_class_bind_template_child (widget_class, PltQueueCard, alert_icon);
  gtk_widget_class_bind_template_child (widget_class, PltQueueCard, waiting_label);
  gtk_widget_class_bind_template_child (widget_class, PltQueueCard, waiting_box);
  gtk_widget_class_bind_template_child (widget_class, PltQueueCard, longest_box);
  gtk_widget_class_bind_template_child (widget_class, PltQueueCard, trend_box);
  gtk_widget_class_bind_template_child (widget_class, PltQueueCard, available_box);
  gtk_widget_class_bind_template_child (widget_class, PltQueueCard, busy_box);
  gtk_widget_class_bind_template_child (widget_class, PltQueueCard, wrap_up_box);
  gtk_widget_class_bind_template_child (widget_class, PltQueueCard, paused_box);
  gtk_widget_class_bind_template_child (widget_class, PltQueueCard, longest_label);
  gtk_widget_class_bind_template_child (widget_class, PltQueueCard, alarm_icon);
  gtk_widget_class_bind_template_child (widget_class, PltQueueCard, ewt_box);
  gtk_widget_class_bind_template_child (widget_class, PltQueueCard, ewt_label);
  gtk_widget_class_bind_template_child (widget_class, PltQueueCard, sl_box);
  gtk_widget_class_bind_template_child (widget_class, PltQueueCard, sl_icon);
  gtk_widget_class_bind_template_child (widget_class, PltQueueCard, sl_label);
  gtk_widget_class_bind_template_child (widget_class, PltQueueCard, sl_level_label);
  gtk_widget_class_bind_template_child (widget_class, PltQueueCard, sl_bar);
  gtk_widget_class_bind_template_child (widget_class, PltQueueCard, sl_rolling_label);
  gtk_widget_class_bind_template_child (widget_class, PltQueueCard, target_label);
  gtk_widget_class_bind_template_child (widget_class, PltQueueCard, asa_box);
  gtk_widget_class_bind_template_child (widget_class, PltQueueCard, asa_label);
  gtk_widget_class_bind_template_child (widget_class, PltQueueCard, abandon_box);
  gtk_widget_class_bind_template_child (widget_class, PltQueueCard, abandon_label);
  gtk_widget_class_bind_template_child (widget_class, PltQueueCard, abandon_caption);
  gtk_widget_class_bind_template_child (widget_class, PltQueueCard, sparkline);
  gtk_widget_class_bind_template_child (widget_class, PltQueueCard, available_label);
  gtk_widget_class_bind_template_child (widget_class, PltQueueCard, busy_label);
  gtk_widget_class_bind_template_child (widget_class, PltQueueCard, wrap_up_label);
  gtk_widget_class_bind_template_child (widget_class, PltQueueCard, paused_label);
  gtk_widget_class_bind_template_child (widget_class, PltQueueCard, stale_box);
  gtk_widget_class_bind_template_child (widget_class, PltQueueCard, stale_label);

  gtk_widget_class_set_css_name (widget_class, "queuecard");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
plt_queue_card_init (PltQueueCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->follows_clock = TRUE;
  self->on_screen = TRUE;
  self->queue_signals = g_signal_group_new (PLT_TYPE_QUEUE);
  g_signal_group_connect_swapped (self->queue_signals, "notify",
                                  G_CALLBACK (queue_notify_cb), self);

  self->clock_signals = g_signal_group_new (PLT_TYPE_CLOCK);
  g_signal_group_connect_swapped (self->clock_signals, "notify::now",
                                  G_CALLBACK (clock_now_cb), self);

  plt_tooltip_set_text (GTK_WIDGET (self->today_label),
                        _("Since the start of the day: contacts offered to the queue, answered by an agent, "
                          "and abandoned by the caller before an answer"));
  plt_tooltip_set_text (self->waiting_box, _("Contacts waiting in the queue now"));
  plt_tooltip_set_text (self->longest_box, _("How long the contact waiting longest has been waiting"));
  plt_tooltip_set_text (self->trend_box,
                        _("The last hour, minute by minute: bars for the most contacts waiting, "
                          "a line for the service level, dots for the target"));
  plt_tooltip_set_text (self->available_box, _("Agents of this queue ready to take a contact"));
  plt_tooltip_set_text (self->busy_box, _("Agents of this queue ringing, on a contact, on hold, or busy elsewhere"));
  plt_tooltip_set_text (self->wrap_up_box, _("Agents of this queue finishing the work after a contact"));
  plt_tooltip_set_text (self->paused_box,
                        _("Agents of this queue on a pause, or who missed the last contact offered to them"));

  /* The figures' definitions, worked out on hover. */
  {
    GtkWidget *defined[] = {
      self->sl_box, GTK_WIDGET (self->sl_rolling_label), self->asa_box, self->abandon_box, self->ewt_box,
    };

    for (guint i = 0; i < G_N_ELEMENTS (defined); i++)
      {
        gtk_widget_set_has_tooltip (defined[i], TRUE);
        g_signal_connect (defined[i], "query-tooltip", G_CALLBACK (query_tooltip_cb), self);
      }
  }

  update_alert (self);
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

  if (gtk_widget_get_mapped (GTK_WIDGET (self)) && self->follows_clock)
    g_signal_group_set_target (self->clock_signals, clock);
  clock_now_cb (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLOCK]);
}

void
plt_queue_card_set_follows_clock (PltQueueCard *self,
                                  gboolean      follows_clock)
{
  g_return_if_fail (PLT_IS_QUEUE_CARD (self));

  self->follows_clock = !!follows_clock;
  g_signal_group_set_target (self->clock_signals,
                             follows_clock && gtk_widget_get_mapped (GTK_WIDGET (self)) ? self->clock : NULL);
}

void
plt_queue_card_set_on_screen (PltQueueCard *self,
                              gboolean      on_screen)
{
  g_return_if_fail (PLT_IS_QUEUE_CARD (self));

  on_screen = !!on_screen;
  if (self->on_screen == on_screen)
    return;

  self->on_screen = on_screen;
  /* What changed meanwhile, now. */
  if (on_screen && self->dirty != 0)
    mark_dirty (self, 0);
}

void
plt_queue_card_tick (PltQueueCard *self)
{
  g_return_if_fail (PLT_IS_QUEUE_CARD (self));

  clock_now_cb (self);
}

void
plt_queue_card_set_trends (PltQueueCard   *self,
                           PltQueueTrends *trends)
{
  g_return_if_fail (PLT_IS_QUEUE_CARD (self));
  g_return_if_fail (trends == NULL || PLT_IS_QUEUE_TRENDS (trends));

  if (!g_set_object (&self->trends, trends))
    return;

  if (self->queue != NULL)
    update_trend (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRENDS]);
}

void
plt_queue_card_set_stale (PltQueueCard *self,
                          gboolean      stale,
                          const char   *data_time)
{
  g_return_if_fail (PLT_IS_QUEUE_CARD (self));

  stale = !!stale;
  if (self->stale == stale && g_strcmp0 (self->data_time, data_time) == 0)
    return;

  g_free (self->data_time);
  self->data_time = g_strdup (data_time);
  if (self->stale != stale)
    {
      self->stale = stale;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STALE]);
    }

  update_stale (self);
  if (self->queue != NULL)
    update_accessible (self);
}

gboolean
plt_queue_card_get_stale (PltQueueCard *self)
{
  g_return_val_if_fail (PLT_IS_QUEUE_CARD (self), FALSE);

  return self->stale;
}

void
plt_queue_card_set_alert (PltQueueCard  *self,
                          PltAlertLevel  level,
                          const char    *text)
{
  g_return_if_fail (PLT_IS_QUEUE_CARD (self));

  if (self->alert_level == level && g_strcmp0 (self->alert_text, text) == 0)
    return;

  self->alert_level = level;
  g_free (self->alert_text);
  self->alert_text = g_strdup (text);

  update_alert (self);
  if (self->queue != NULL)
    update_accessible (self);
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

  return gtk_inscription_get_text (self->waiting_label);
}

const char *
_plt_queue_card_get_longest_text (PltQueueCard *self)
{
  g_return_val_if_fail (PLT_IS_QUEUE_CARD (self), NULL);

  return gtk_inscription_get_text (self->longest_label);
}

const char *
_plt_queue_card_get_sl_text (PltQueueCard *self)
{
  g_return_val_if_fail (PLT_IS_QUEUE_CARD (self), NULL);

  return gtk_inscription_get_text (self->sl_label);
}

char *
_plt_queue_card_dup_definition (PltQueueCard *self,
                                const char   *part)
{
  g_return_val_if_fail (PLT_IS_QUEUE_CARD (self), NULL);

  return dup_definition (self, _plt_queue_card_get_part (self, part));
}

GtkWidget *
_plt_queue_card_get_part (PltQueueCard *self,
                          const char   *name)
{
  struct { const char *name; gsize offset; } parts[] = {
    { "waiting", G_STRUCT_OFFSET (PltQueueCard, waiting_label) },
    { "waiting-box", G_STRUCT_OFFSET (PltQueueCard, waiting_box) },
    { "longest", G_STRUCT_OFFSET (PltQueueCard, longest_label) },
    { "ewt", G_STRUCT_OFFSET (PltQueueCard, ewt_label) },
    { "ewt-box", G_STRUCT_OFFSET (PltQueueCard, ewt_box) },
    { "sl", G_STRUCT_OFFSET (PltQueueCard, sl_label) },
    { "sl-box", G_STRUCT_OFFSET (PltQueueCard, sl_box) },
    { "sl-rolling", G_STRUCT_OFFSET (PltQueueCard, sl_rolling_label) },
    { "target", G_STRUCT_OFFSET (PltQueueCard, target_label) },
    { "asa", G_STRUCT_OFFSET (PltQueueCard, asa_label) },
    { "asa-box", G_STRUCT_OFFSET (PltQueueCard, asa_box) },
    { "abandon", G_STRUCT_OFFSET (PltQueueCard, abandon_label) },
    { "abandon-box", G_STRUCT_OFFSET (PltQueueCard, abandon_box) },
    { "sparkline", G_STRUCT_OFFSET (PltQueueCard, sparkline) },
    { "available", G_STRUCT_OFFSET (PltQueueCard, available_label) },
    { "available-box", G_STRUCT_OFFSET (PltQueueCard, available_box) },
    { "busy", G_STRUCT_OFFSET (PltQueueCard, busy_label) },
    { "wrap-up", G_STRUCT_OFFSET (PltQueueCard, wrap_up_label) },
    { "paused", G_STRUCT_OFFSET (PltQueueCard, paused_label) },
    { "stale", G_STRUCT_OFFSET (PltQueueCard, stale_box) },
    { "stale-label", G_STRUCT_OFFSET (PltQueueCard, stale_label) },
    { "alert", G_STRUCT_OFFSET (PltQueueCard, alert_icon) },
  };

  g_return_val_if_fail (PLT_IS_QUEUE_CARD (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (g_str_equal (parts[i].name, name))
      return G_STRUCT_MEMBER (GtkWidget *, self, parts[i].offset);

  g_return_val_if_reached (NULL);
}
