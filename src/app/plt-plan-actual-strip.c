/* plt-plan-actual-strip.c — the plan above what the agent did
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "plt-plan-actual-strip.h"
#include "plt-protocol-planning.h"
#include "plt-timeline-draw.h"
#include "plt-timeline-state.h"

#define LANE_HEIGHT   20.0
#define LANE_GAP      4.0
#define GUTTER        56.0
#define TICKS_HEIGHT  14.0

typedef struct
{
  PltAgentStatus    status;
  PltAgentActivity  activity;
  char             *reason;
  gint64            start;
  gint64            end;
} Interval;

struct _PltPlanActualStrip
{
  GtkWidget           parent_instance;

  PltSite            *site;
  gint64              start;
  gint64              end;
  GPtrArray          *plan;          /* PltShift, copies */
  PltSchedule        *plan_schedule;
  char               *agent;
  GArray             *actual;        /* Interval */
  gint64              now;
  PltAdherence       *adherence;
  gboolean            span_set;      /* set_span was called: load_plan keeps it */

  PltClient          *client;
  gulong              message_id;
  char               *request_id;
  GDate               date;          /* the day load_plan asked for */

  PltTimelinePalette  palette;
  guint               has_actual : 1;
};

G_DEFINE_FINAL_TYPE (PltPlanActualStrip, plt_plan_actual_strip, GTK_TYPE_WIDGET)

static guint request_serial;

static void
interval_clear (gpointer data)
{
  Interval *interval = data;

  g_free (interval->reason);
}

static double
x_for (PltPlanActualStrip *self,
       double              left,
       double              width,
       gint64              time)
{
  if (self->end <= self->start)
    return left;
  return left + (double) (CLAMP (time, self->start, self->end) - self->start) / (self->end - self->start) * width;
}

static PltActivityKind
kind_of_interval (const Interval *interval,
                  gboolean       *handling)
{
  PltActivityKind kind = PLT_ACTIVITY_WORK;

  *handling = FALSE;
  switch (interval->activity)
    {
    case PLT_AGENT_ACTIVITY_RINGING:
    case PLT_AGENT_ACTIVITY_ON_CALL:
    case PLT_AGENT_ACTIVITY_ON_HOLD:
    case PLT_AGENT_ACTIVITY_WRAP_UP:
      *handling = TRUE;
      return PLT_ACTIVITY_WORK;
    default:
      break;
    }

  switch (interval->status)
    {
    case PLT_AGENT_STATUS_PAUSED:
      if (interval->reason == NULL || !plt_activity_kind_from_string (interval->reason, &kind) ||
          kind == PLT_ACTIVITY_WORK)
        kind = PLT_ACTIVITY_BREAK;
      return kind;
    case PLT_AGENT_STATUS_LOGGED_OUT:
      return PLT_ACTIVITY_OFF;
    case PLT_AGENT_STATUS_AVAILABLE:
    case PLT_AGENT_STATUS_UNKNOWN:
    default:
      return PLT_ACTIVITY_WORK;
    }
}

static void
update_adherence (PltPlanActualStrip *self)
{
  g_autoptr(PltAdherenceMap) map = NULL;
  g_autoptr(GPtrArray) intervals = NULL;
  g_autofree char *text = NULL;

  g_clear_pointer (&self->adherence, plt_adherence_free);

  if (self->has_actual && self->plan_schedule != NULL && self->agent != NULL && self->end > self->start)
    {
      map = plt_adherence_map_new ();
      intervals = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < self->actual->len; i++)
        {
          const Interval *in = &g_array_index (self->actual, Interval, i);
          PltAgentInterval *out = g_new0 (PltAgentInterval, 1);

          out->agent = self->agent;
          out->status = in->status;
          out->activity = in->activity;
          out->reason = in->reason;
          out->start = in->start;
          out->end = in->end;
          g_ptr_array_add (intervals, out);
        }

      self->adherence = plt_adherence_compute (map, PLT_ADHERENCE_DEFAULT_GRACE_MS, self->plan_schedule,
                                               self->agent, intervals, self->start, self->end,
                                               self->now > 0 ? self->now : self->end);
    }

  if (self->adherence != NULL && !isnan (self->adherence->adherence))
    {
      g_autofree char *out = plt_timeline_format_duration (self->adherence->exception_ms);

      /* Translators: the plan-versus-actual strip, for screen readers */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Adherence %.0f %%: %u exception, %s out of adherence",
                                           "Adherence %.0f %%: %u exceptions, %s out of adherence",
                                           self->adherence->exceptions->len),
                              self->adherence->adherence * 100, self->adherence->exceptions->len, out);
    }
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u shift planned", "%u shifts planned",
                                         self->plan->len),
                            self->plan->len);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                  -1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
append_text (PltPlanActualStrip *self,
             GtkSnapshot        *snapshot,
             const char         *text,
             double              x,
             double              y,
             const GdkRGBA      *color,
             gboolean            small)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  int lw, lh;

  if (small)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_scale_new (0.8));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
  pango_layout_get_pixel_size (layout, &lw, &lh);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (round (x), round (y - lh / 2.0)));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
plt_plan_actual_strip_snapshot (GtkWidget   *widget,
                                GtkSnapshot *snapshot)
{
  PltPlanActualStrip *self = PLT_PLAN_ACTUAL_STRIP (widget);
  double width = gtk_widget_get_width (widget);
  double left = self->has_actual ? GUTTER : 0;
  double span = width - left;
  double plan_y = 0;
  double actual_y = LANE_HEIGHT + LANE_GAP;
  double lanes = self->has_actual ? 2 * LANE_HEIGHT + LANE_GAP : LANE_HEIGHT;
  GdkRGBA track = self->palette.fg;
  GdkRGBA dim = self->palette.fg;

  if (span <= 0 || self->end <= self->start)
    return;

  track.alpha = 0.06;
  dim.alpha = 0.6;

  gtk_snapshot_append_color (snapshot, &track, &GRAPHENE_RECT_INIT (left, plan_y, span, LANE_HEIGHT));
  if (self->has_actual)
    {
      gtk_snapshot_append_color (snapshot, &track, &GRAPHENE_RECT_INIT (left, actual_y, span, LANE_HEIGHT));
      append_text (self, snapshot, C_("strip lane", "Plan"), 0, plan_y + LANE_HEIGHT / 2, &dim, TRUE);
      append_text (self, snapshot, C_("strip lane", "Actual"), 0, actual_y + LANE_HEIGHT / 2, &dim, TRUE);
    }

  /* The plan */
  for (guint i = 0; i < self->plan->len; i++)
    {
      const PltShift *shift = g_ptr_array_index (self->plan, i);
      GskRoundedRect clip;
      double x0 = x_for (self, left, span, shift->start);
      double x1 = x_for (self, left, span, shift->end);

      if (x1 <= x0)
        continue;

      gsk_rounded_rect_init_from_rect (&clip, &GRAPHENE_RECT_INIT (x0, plan_y, x1 - x0, LANE_HEIGHT), 3);
      gtk_snapshot_push_rounded_clip (snapshot, &clip);
      for (guint j = 0; j < shift->activities->len; j++)
        {
          const PltActivity *activity = g_ptr_array_index (shift->activities, j);
          double a0 = x_for (self, left, span, activity->start);
          double a1 = x_for (self, left, span, activity->end);

          plt_timeline_draw_activity (snapshot, &self->palette, activity->kind,
                                      &GRAPHENE_RECT_INIT (a0, plan_y, a1 - a0, LANE_HEIGHT), TRUE);
        }
      gtk_snapshot_pop (snapshot);
    }

  /* What the agent did */
  if (self->has_actual)
    for (guint i = 0; i < self->actual->len; i++)
      {
        const Interval *interval = &g_array_index (self->actual, Interval, i);
        gint64 end = interval->end > 0 ? interval->end : (self->now > 0 ? self->now : self->end);
        double x0 = x_for (self, left, span, interval->start);
        double x1 = x_for (self, left, span, end);
        gboolean handling;
        PltActivityKind kind = kind_of_interval (interval, &handling);
        graphene_rect_t rect = GRAPHENE_RECT_INIT (x0, actual_y, x1 - x0, LANE_HEIGHT);

        if (x1 <= x0)
          continue;

        if (kind == PLT_ACTIVITY_WORK && !handling)
          {
            /* Available: the work colour, lighter */
            gtk_snapshot_push_opacity (snapshot, 0.5);
            plt_timeline_draw_activity (snapshot, &self->palette, kind, &rect, FALSE);
            gtk_snapshot_pop (snapshot);
          }
        else
          plt_timeline_draw_activity (snapshot, &self->palette, kind, &rect, TRUE);
      }

  /* Exceptions: red and hatched over both lanes, outlined */
  if (self->adherence != NULL)
    for (guint i = 0; i < self->adherence->exceptions->len; i++)
      {
        const PltAdherenceException *exception = g_ptr_array_index (self->adherence->exceptions, i);
        double x0 = x_for (self, left, span, exception->start);
        double x1 = MAX (x_for (self, left, span, exception->end), x0 + 2);
        GdkRGBA fill = self->palette.error;
        GdkRGBA clear = self->palette.error;
        GskColorStop stops[4];
        graphene_rect_t rect = GRAPHENE_RECT_INIT (x0, plan_y, x1 - x0, lanes);

        fill.alpha = 0.6;
        clear.alpha = 0;
        stops[0] = (GskColorStop) { 0.0f, fill };
        stops[1] = (GskColorStop) { 0.35f, fill };
        stops[2] = (GskColorStop) { 0.35f, clear };
        stops[3] = (GskColorStop) { 1.0f, clear };
        gtk_snapshot_append_repeating_linear_gradient (snapshot, &rect,
                                                       &GRAPHENE_POINT_INIT (x0, plan_y),
                                                       &GRAPHENE_POINT_INIT (x0 + 4, plan_y - 4),
                                                       stops, G_N_ELEMENTS (stops));
        plt_timeline_draw_outline (snapshot, &rect, 2, 2, &self->palette.error);
      }

  /* Hours */
  if (self->site != NULL)
    {
      gint64 hour = (self->start / PLT_MS_PER_HOUR + 1) * PLT_MS_PER_HOUR;
      guint step = (self->end - self->start) > 12 * PLT_MS_PER_HOUR ? 3 : 1;

      for (; hour < self->end; hour += PLT_MS_PER_HOUR)
        {
          int minute = plt_site_minute_of_day (self->site, hour);
          double x = x_for (self, left, span, hour);

          if (minute % 60 != 0 || (minute / 60) % step != 0)
            continue;
          track.alpha = 0.25;
          gtk_snapshot_append_color (snapshot, &track, &GRAPHENE_RECT_INIT (floor (x), lanes, 1, 3));
          {
            g_autofree char *label = g_strdup_printf ("%02d", (minute / 60) % 24);

            append_text (self, snapshot, label, x - 6, lanes + TICKS_HEIGHT / 2 + 2, &dim, TRUE);
          }
        }
    }
}

static void
plt_plan_actual_strip_measure (GtkWidget      *widget,
                               GtkOrientation  orientation,
                               int             for_size,
                               int            *minimum,
                               int            *natural,
                               int            *minimum_baseline,
                               int            *natural_baseline)
{
  PltPlanActualStrip *self = PLT_PLAN_ACTUAL_STRIP (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 160;
      *natural = 480;
    }
  else
    {
      *minimum = *natural = (int) ((self->has_actual ? 2 * LANE_HEIGHT + LANE_GAP : LANE_HEIGHT) + TICKS_HEIGHT + 4);
    }
}

static void
plt_plan_actual_strip_css_changed (GtkWidget         *widget,
                                   GtkCssStyleChange *change)
{
  PltPlanActualStrip *self = PLT_PLAN_ACTUAL_STRIP (widget);

  GTK_WIDGET_CLASS (plt_plan_actual_strip_parent_class)->css_changed (widget, change);
  plt_timeline_palette_load (&self->palette, widget);
  gtk_widget_queue_draw (widget);
}

static void
forget_request (PltPlanActualStrip *self)
{
  if (self->client != NULL)
    g_clear_signal_handler (&self->message_id, self->client);
  g_clear_object (&self->client);
  g_clear_pointer (&self->request_id, g_free);
}

static void
plt_plan_actual_strip_dispose (GObject *object)
{
  PltPlanActualStrip *self = PLT_PLAN_ACTUAL_STRIP (object);

  forget_request (self);
  plt_timeline_palette_clear (&self->palette);

  G_OBJECT_CLASS (plt_plan_actual_strip_parent_class)->dispose (object);
}

static void
plt_plan_actual_strip_finalize (GObject *object)
{
  PltPlanActualStrip *self = PLT_PLAN_ACTUAL_STRIP (object);

  g_clear_pointer (&self->site, plt_site_free);
  g_clear_pointer (&self->plan, g_ptr_array_unref);
  g_clear_pointer (&self->plan_schedule, plt_schedule_unref);
  g_clear_pointer (&self->agent, g_free);
  g_clear_pointer (&self->actual, g_array_unref);
  g_clear_pointer (&self->adherence, plt_adherence_free);

  G_OBJECT_CLASS (plt_plan_actual_strip_parent_class)->finalize (object);
}

static void
plt_plan_actual_strip_class_init (PltPlanActualStripClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = plt_plan_actual_strip_dispose;
  object_class->finalize = plt_plan_actual_strip_finalize;

  widget_class->snapshot = plt_plan_actual_strip_snapshot;
  widget_class->measure = plt_plan_actual_strip_measure;
  widget_class->css_changed = plt_plan_actual_strip_css_changed;

  gtk_widget_class_set_css_name (widget_class, "planactualstrip");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
plt_plan_actual_strip_init (PltPlanActualStrip *self)
{
  self->plan = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_shift_free);
  self->actual = g_array_new (FALSE, TRUE, sizeof (Interval));
  g_array_set_clear_func (self->actual, interval_clear);
  g_date_clear (&self->date, 1);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Plan and actual"),
                                  -1);
}

GtkWidget *
plt_plan_actual_strip_new (void)
{
  return g_object_new (PLT_TYPE_PLAN_ACTUAL_STRIP, NULL);
}

void
plt_plan_actual_strip_set_span (PltPlanActualStrip *self,
                                const PltSite      *site,
                                gint64              start,
                                gint64              end)
{
  g_return_if_fail (PLT_IS_PLAN_ACTUAL_STRIP (self));

  if (site != NULL && site != self->site)
    {
      g_clear_pointer (&self->site, plt_site_free);
      self->site = plt_site_copy (site);
    }
  self->start = start;
  self->end = end;
  self->span_set = end > start;
  /* The plan's shifts in the new span */
  if (self->plan_schedule != NULL && self->agent != NULL)
    {
      g_autoptr(PltSchedule) plan = plt_schedule_ref (self->plan_schedule);
      g_autofree char *agent = g_strdup (self->agent);

      plt_plan_actual_strip_set_plan (self, plan, agent);
    }
  update_adherence (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
take_shifts (PltPlanActualStrip *self,
             GPtrArray          *days)
{
  g_ptr_array_set_size (self->plan, 0);
  for (guint i = 0; days != NULL && i < days->len; i++)
    {
      const PltAgentDay *day = g_ptr_array_index (days, i);

      for (guint j = 0; j < day->shifts->len; j++)
        {
          const PltShift *shift = g_ptr_array_index (day->shifts, j);

          if (shift->end > self->start && shift->start < self->end)
            g_ptr_array_add (self->plan, plt_shift_copy (shift));
        }
    }
}

void
plt_plan_actual_strip_set_plan (PltPlanActualStrip *self,
                                PltSchedule        *plan,
                                const char         *agent)
{
  g_autoptr(GPtrArray) days = NULL;

  g_return_if_fail (PLT_IS_PLAN_ACTUAL_STRIP (self));

  if (plan != NULL)
    plt_schedule_ref (plan);
  g_clear_pointer (&self->plan_schedule, plt_schedule_unref);
  self->plan_schedule = plan;
  g_free (self->agent);
  self->agent = g_strdup (agent);

  if (plan != NULL && agent != NULL && self->site != NULL && self->end > self->start)
    {
      GDate from, to;

      g_date_clear (&from, 1);
      g_date_clear (&to, 1);
      plt_site_get_date (self->site, self->start, &from);
      g_date_subtract_days (&from, 1);
      plt_site_get_date (self->site, self->end - 1, &to);
      days = plt_schedule_list_agent_days (plan, agent, &from, &to);
    }
  take_shifts (self, days);
  update_adherence (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
plt_plan_actual_strip_set_day (PltPlanActualStrip *self,
                               const PltAgentDay  *day)
{
  g_autoptr(GPtrArray) days = g_ptr_array_new ();

  g_return_if_fail (PLT_IS_PLAN_ACTUAL_STRIP (self));

  if (day != NULL)
    g_ptr_array_add (days, (gpointer) day);
  take_shifts (self, days);
  update_adherence (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
plt_plan_actual_strip_set_actual (PltPlanActualStrip *self,
                                  GPtrArray          *intervals,
                                  gint64              now)
{
  g_return_if_fail (PLT_IS_PLAN_ACTUAL_STRIP (self));

  g_array_set_size (self->actual, 0);
  self->has_actual = intervals != NULL;
  self->now = now;

  for (guint i = 0; intervals != NULL && i < intervals->len; i++)
    {
      const PltAgentInterval *in = g_ptr_array_index (intervals, i);
      Interval out = {
        .status = in->status,
        .activity = in->activity,
        .reason = g_strdup (in->reason),
        .start = in->start,
        .end = in->end,
      };

      g_array_append_val (self->actual, out);
    }

  update_adherence (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
planning_message_cb (PltClient          *client,
                     gpointer            data,
                     PltPlanActualStrip *self)
{
  const PltMessage *message = data;
  const PltPlanningMessage *state;
  g_autoptr(PltSchedule) published = NULL;
  g_autofree char *agent = NULL;

  if (message->type != PLT_MESSAGE_PLANNING_STATE && message->type != PLT_MESSAGE_ERROR)
    return;

  if (message->type == PLT_MESSAGE_ERROR)
    {
      if (g_strcmp0 (message->u.error.reply_to, self->request_id) == 0)
        forget_request (self);
      return;
    }

  state = message->u.planning;
  if (state == NULL || g_strcmp0 (state->reply_to, self->request_id) != 0)
    return;

  published = plt_planning_message_dup_schedule (state->published_days, NULL);
  if (state->site_tz != NULL && self->site == NULL)
    {
      g_autoptr(PltSite) site = plt_site_new (state->site_id, state->site_name, state->site_tz, NULL);

      if (site != NULL && g_date_valid (&self->date) && !self->span_set)
        {
          GDate next = self->date;

          g_date_add_days (&next, 1);
          plt_plan_actual_strip_set_span (self, site, plt_site_day_start (site, &self->date),
                                          plt_site_day_start (site, &next));
        }
      else if (site != NULL)
        {
          g_clear_pointer (&self->site, plt_site_free);
          self->site = plt_site_copy (site);
        }
    }

  agent = g_strdup (self->agent);
  forget_request (self);
  plt_plan_actual_strip_set_plan (self, published, agent);
}

void
plt_plan_actual_strip_load_plan (PltPlanActualStrip *self,
                                 PltClient          *client,
                                 const char         *team,
                                 const char         *agent,
                                 const GDate        *date)
{
  g_autoptr(PltPlanningMessage) request = plt_planning_message_new ();
  g_autofree char *text = NULL;

  g_return_if_fail (PLT_IS_PLAN_ACTUAL_STRIP (self));
  g_return_if_fail (PLT_IS_CLIENT (client));
  g_return_if_fail (team != NULL && agent != NULL && date != NULL);

  forget_request (self);
  g_free (self->agent);
  self->agent = g_strdup (agent);
  self->date = *date;

  /* The local day, once the site is known: until then the UTC day (a span
   * set by the caller stays) */
  if (!self->span_set && self->site != NULL)
    {
      GDate next = *date;

      g_date_add_days (&next, 1);
      self->start = plt_site_day_start (self->site, date);
      self->end = plt_site_day_start (self->site, &next);
    }
  else if (!self->span_set)
    {
      g_autoptr(GDateTime) midnight = g_date_time_new_utc (g_date_get_year (date), g_date_get_month (date),
                                                           g_date_get_day (date), 0, 0, 0);

      self->start = g_date_time_to_unix (midnight) * 1000;
      self->end = self->start + 24 * PLT_MS_PER_HOUR;
    }

  self->client = g_object_ref (client);
  self->request_id = g_strdup_printf ("plan-strip-%u", ++request_serial);
  self->message_id = g_signal_connect (client, "planning-message", G_CALLBACK (planning_message_cb), self);

  request->id = g_strdup (self->request_id);
  request->team = g_strdup (team);
  plt_week_from_date (date, &request->week);
  text = plt_protocol_encode_planning (-1, NULL, PLT_MESSAGE_PLANNING_GET, request);
  if (!plt_client_send_planning (client, text))
    forget_request (self);
}

const PltAdherence *
plt_plan_actual_strip_get_adherence (PltPlanActualStrip *self)
{
  g_return_val_if_fail (PLT_IS_PLAN_ACTUAL_STRIP (self), NULL);

  return self->adherence;
}
