/* plt-flight-recorder.c — the day of a team, agent by agent
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "plt-enums.h"
#include "plt-flight-recorder.h"
#include "plt-history.h"
#include "plt-ui-format.h"

#define ROW_HEIGHT    22
#define BAND_HEIGHT   14
#define AXIS_HEIGHT   22
#define NAME_WIDTH    160
#define MINUTE_MS     ((gint64) 60 * 1000)

struct _PltFlightRecorder
{
  GtkWidget   parent_instance;

  GPtrArray  *agents;      /* char* */
  GPtrArray  *names;       /* char* */
  GHashTable *rows;        /* agent → GPtrArray of PltAgentInterval*, by start */
  char       *highlight;
  gint64      from;
  gint64      to;
  gint64      position;
};

G_DEFINE_FINAL_TYPE (PltFlightRecorder, plt_flight_recorder, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_FROM,
  PROP_TO,
  PROP_POSITION,
  PROP_HIGHLIGHT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Colours ----------------------------------------------------------------- */

typedef enum
{
  BAND_AVAILABLE,
  BAND_RINGING,
  BAND_CONTACT,
  BAND_WRAP_UP,
  BAND_PAUSED,
  BAND_MISSED,
  BAND_OTHER,
  N_BANDS
} Band;

static Band
band_of (PltAgentState state)
{
  switch (state)
    {
    case PLT_AGENT_STATE_AVAILABLE: return BAND_AVAILABLE;
    case PLT_AGENT_STATE_RINGING: return BAND_RINGING;
    case PLT_AGENT_STATE_ON_CALL:
    case PLT_AGENT_STATE_ON_HOLD:
    case PLT_AGENT_STATE_BUSY_OTHER: return BAND_CONTACT;
    case PLT_AGENT_STATE_WRAP_UP: return BAND_WRAP_UP;
    case PLT_AGENT_STATE_PAUSED: return BAND_PAUSED;
    case PLT_AGENT_STATE_MISSED: return BAND_MISSED;
    default: return BAND_OTHER;
    }
}

/* The state pills' colours (style.css), looked up in the widget's style. */
static void
lookup_colors (PltFlightRecorder *self,
               GdkRGBA            colors[N_BANDS])
{
  static const struct {
    const char *name;
    const char *fallback;
  } names[N_BANDS] = {
    { "success_color", "#26a269" },
    { "plt_ringing_color", "#813d9c" },
    { "accent_color", "#1c71d8" },
    { "warning_color", "#e5a50a" },
    { "plt_paused_color", "#c64600" },
    { "error_color", "#c01c28" },
    { "borders", "#c0bfbc" },
  };
  GtkStyleContext *style = gtk_widget_get_style_context (GTK_WIDGET (self));

  for (guint i = 0; i < N_BANDS; i++)
    if (!gtk_style_context_lookup_color (style, names[i].name, &colors[i]))
      gdk_rgba_parse (&colors[i], names[i].fallback);
}

/* Geometry ---------------------------------------------------------------- */

static double
timeline_width (PltFlightRecorder *self)
{
  return MAX (gtk_widget_get_width (GTK_WIDGET (self)) - NAME_WIDTH - 8, 1);
}

static double
x_of (PltFlightRecorder *self,
      gint64             time)
{
  double span = MAX (self->to - self->from, 1);

  return NAME_WIDTH + (double) (time - self->from) / span * timeline_width (self);
}

static gint64
time_of (PltFlightRecorder *self,
         double             x)
{
  double fraction = CLAMP ((x - NAME_WIDTH) / timeline_width (self), 0.0, 1.0);

  return self->from + (gint64) (fraction * (double) (self->to - self->from));
}

static void
append_text (GtkSnapshot     *snapshot,
             PangoLayout     *layout,
             const char      *text,
             double           x,
             double           y,
             const GdkRGBA   *color)
{
  pango_layout_set_text (layout, text, -1);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
plt_flight_recorder_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  PltFlightRecorder *self = PLT_FLIGHT_RECORDER (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, NULL);
  GdkRGBA colors[N_BANDS];
  GdkRGBA fg;
  GdkRGBA grid;
  GdkRGBA shade;
  GdkRGBA dim;
  gint64 hour;
  gint64 step;
  double cursor;

  if (width <= NAME_WIDTH || height <= AXIS_HEIGHT || self->to <= self->from)
    return;

  lookup_colors (self, colors);
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  grid = fg;
  grid.alpha = 0.15;
  shade = fg;
  shade.alpha = 0.05;
  dim = fg;
  dim.alpha = 0.6;
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_width (layout, (NAME_WIDTH - 12) * PANGO_SCALE);

  /* Time marks and their labels: every hour, or closer on a short day. */
  step = self->to - self->from <= 2 * 60 * MINUTE_MS ? 15 * MINUTE_MS
       : self->to - self->from <= 6 * 60 * MINUTE_MS ? 30 * MINUTE_MS
       : 60 * MINUTE_MS;
  hour = (self->from + step - 1) / step * step;
  for (; hour < self->to; hour += step)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (hour / 1000);
      g_autofree char *label = g_date_time_format (dt, "%H:%M");
      double x = x_of (self, hour);

      gtk_snapshot_append_color (snapshot, &grid, &GRAPHENE_RECT_INIT (x, AXIS_HEIGHT - 4, 1, height - AXIS_HEIGHT + 4));
      pango_layout_set_width (layout, -1);
      append_text (snapshot, layout, label, x + 3, 2, &dim);
    }
  pango_layout_set_width (layout, (NAME_WIDTH - 12) * PANGO_SCALE);

  for (guint r = 0; r < self->agents->len; r++)
    {
      const char *agent = g_ptr_array_index (self->agents, r);
      GPtrArray *intervals = g_hash_table_lookup (self->rows, agent);
      double y = AXIS_HEIGHT + r * ROW_HEIGHT;
      double band_y = y + (ROW_HEIGHT - BAND_HEIGHT) / 2.0;
      gboolean highlighted = g_strcmp0 (agent, self->highlight) == 0;

      if (highlighted || r % 2 == 1)
        {
          GdkRGBA row = shade;

          if (highlighted)
            row.alpha = 0.12;
          gtk_snapshot_append_color (snapshot, &row, &GRAPHENE_RECT_INIT (0, y, width, ROW_HEIGHT));
        }
      append_text (snapshot, layout, g_ptr_array_index (self->names, r), 6, y + 2, &fg);

      for (guint i = 0; intervals != NULL && i < intervals->len; i++)
        {
          const PltAgentInterval *interval = g_ptr_array_index (intervals, i);
          gint64 end = interval->end != 0 ? interval->end : self->to;
          Band band = band_of (plt_history_interval_state (interval));
          double x0, x1;

          if (end <= self->from || interval->start >= self->to ||
              interval->status == PLT_AGENT_STATUS_LOGGED_OUT)
            continue;

          x0 = x_of (self, MAX (interval->start, self->from));
          x1 = x_of (self, MIN (end, self->to));
          gtk_snapshot_append_color (snapshot, &colors[band], &GRAPHENE_RECT_INIT (x0, band_y, MAX (x1 - x0, 1), BAND_HEIGHT));

          /* Pauses and misses are hatched too: not colour alone. */
          if ((band == BAND_PAUSED || band == BAND_MISSED) && x1 - x0 >= 4)
            {
              GdkRGBA hatch = { 1, 1, 1, 0.45 };

              for (double x = x0 + 2; x < x1 - 1; x += 4)
                gtk_snapshot_append_color (snapshot, &hatch, &GRAPHENE_RECT_INIT (x, band_y + 2, 1, BAND_HEIGHT - 4));
            }
        }
    }

  /* The cursor. */
  cursor = x_of (self, self->position);
  gtk_snapshot_append_color (snapshot, &fg, &GRAPHENE_RECT_INIT (cursor - 1, 0, 2, height));
  if (gtk_widget_has_focus (widget))
    {
      GdkRGBA focus = colors[BAND_CONTACT];

      focus.alpha = 0.5;
      gtk_snapshot_append_color (snapshot, &focus, &GRAPHENE_RECT_INIT (cursor - 3, 0, 6, AXIS_HEIGHT - 4));
    }
}

static void
plt_flight_recorder_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  PltFlightRecorder *self = PLT_FLIGHT_RECORDER (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = NAME_WIDTH + 240;
      *natural = NAME_WIDTH + 900;
    }
  else
    *minimum = *natural = AXIS_HEIGHT + MAX (self->agents->len, 1) * ROW_HEIGHT + 4;
}

/* Input ------------------------------------------------------------------- */

static void
drag_to (PltFlightRecorder *self,
         double             x)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
  plt_flight_recorder_set_position (self, time_of (self, x));
}

static void
drag_begin_cb (GtkGestureDrag    *gesture,
               double             x,
               double             y,
               PltFlightRecorder *self)
{
  if (x < NAME_WIDTH)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  drag_to (self, x);
}

static void
drag_update_cb (GtkGestureDrag    *gesture,
                double             dx,
                double             dy,
                PltFlightRecorder *self)
{
  double x;

  if (gtk_gesture_drag_get_start_point (gesture, &x, NULL))
    drag_to (self, x + dx);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                PltFlightRecorder     *self)
{
  gint64 step = (state & GDK_SHIFT_MASK) ? 10 * MINUTE_MS : MINUTE_MS;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      plt_flight_recorder_set_position (self, self->position - step);
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      plt_flight_recorder_set_position (self, self->position + step);
      return TRUE;
    case GDK_KEY_Home:
      plt_flight_recorder_set_position (self, self->from);
      return TRUE;
    case GDK_KEY_End:
      plt_flight_recorder_set_position (self, self->to);
      return TRUE;
    default:
      return FALSE;
    }
}

/* Hovering a band says what it is: the colour is not the only sign. */
static gboolean
query_tooltip_cb (GtkWidget         *widget,
                  int                x,
                  int                y,
                  gboolean           keyboard,
                  GtkTooltip        *tooltip,
                  PltFlightRecorder *self)
{
  const char *reason = NULL;
  const char *queue = NULL;
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *clock = NULL;
  g_autofree char *state = NULL;
  g_autofree char *text = NULL;
  const char *agent;
  gint64 time;
  int row;

  if (keyboard)
    {
      /* At the cursor, for the agent the page is about. */
      row = 0;
      time = self->position;
    }
  else
    {
      if (x < NAME_WIDTH || y < AXIS_HEIGHT)
        return FALSE;
      row = (y - AXIS_HEIGHT) / ROW_HEIGHT;
      time = time_of (self, x);
    }
  if (row < 0 || (guint) row >= self->agents->len)
    return FALSE;

  agent = g_ptr_array_index (self->agents, row);
  state = plt_agent_state_dup_display (plt_flight_recorder_get_state_at (self, agent, time, &reason, &queue), reason);
  dt = g_date_time_new_from_unix_local (time / 1000);
  clock = g_date_time_format (dt, "%H:%M");
  if (queue != NULL)
    text = g_strdup_printf ("%s · %s · %s (%s)", (char *) g_ptr_array_index (self->names, row), clock, state, queue);
  else
    text = g_strdup_printf ("%s · %s · %s", (char *) g_ptr_array_index (self->names, row), clock, state);
  gtk_tooltip_set_text (tooltip, text);

  return TRUE;
}

/* GObject ----------------------------------------------------------------- */

static void
plt_flight_recorder_finalize (GObject *object)
{
  PltFlightRecorder *self = PLT_FLIGHT_RECORDER (object);

  g_clear_pointer (&self->agents, g_ptr_array_unref);
  g_clear_pointer (&self->names, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->highlight, g_free);

  G_OBJECT_CLASS (plt_flight_recorder_parent_class)->finalize (object);
}

static void
plt_flight_recorder_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  PltFlightRecorder *self = PLT_FLIGHT_RECORDER (object);

  switch (prop_id)
    {
    case PROP_FROM:
      g_value_set_int64 (value, self->from);
      break;
    case PROP_TO:
      g_value_set_int64 (value, self->to);
      break;
    case PROP_POSITION:
      g_value_set_int64 (value, self->position);
      break;
    case PROP_HIGHLIGHT:
      g_value_set_string (value, self->highlight);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
plt_flight_recorder_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  PltFlightRecorder *self = PLT_FLIGHT_RECORDER (object);

  switch (prop_id)
    {
    case PROP_POSITION:
      plt_flight_recorder_set_position (self, g_value_get_int64 (value));
      break;
    case PROP_HIGHLIGHT:
      plt_flight_recorder_set_highlight (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
plt_flight_recorder_class_init (PltFlightRecorderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = plt_flight_recorder_finalize;
  object_class->get_property = plt_flight_recorder_get_property;
  object_class->set_property = plt_flight_recorder_set_property;

  widget_class->snapshot = plt_flight_recorder_snapshot;
  widget_class->measure = plt_flight_recorder_measure;

  properties[PROP_FROM] =
    g_param_spec_int64 ("from", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TO] =
    g_param_spec_int64 ("to", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_POSITION] =
    g_param_spec_int64 ("position", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HIGHLIGHT] =
    g_param_spec_string ("highlight", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "flightrecorder");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
plt_flight_recorder_init (PltFlightRecorder *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->agents = g_ptr_array_new_with_free_func (g_free);
  self->names = g_ptr_array_new_with_free_func (g_free);
  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);

  g_signal_connect_object (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self, 0);
  g_signal_connect_object (drag, "drag-update", G_CALLBACK (drag_update_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect_object (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), self, 0);

  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("The day of the team, agent by agent"), -1);
}

GtkWidget *
plt_flight_recorder_new (void)
{
  return g_object_new (PLT_TYPE_FLIGHT_RECORDER, NULL);
}

void
plt_flight_recorder_set_agents (PltFlightRecorder  *self,
                                const char * const *agents,
                                const char * const *names)
{
  g_return_if_fail (PLT_IS_FLIGHT_RECORDER (self));

  g_ptr_array_set_size (self->agents, 0);
  g_ptr_array_set_size (self->names, 0);
  for (guint i = 0; agents != NULL && agents[i] != NULL; i++)
    {
      g_ptr_array_add (self->agents, g_strdup (agents[i]));
      g_ptr_array_add (self->names, g_strdup (names != NULL && names[i] != NULL ? names[i] : agents[i]));
    }

  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static int
compare_start (gconstpointer a,
               gconstpointer b)
{
  const PltAgentInterval *ia = *(PltAgentInterval **) a;
  const PltAgentInterval *ib = *(PltAgentInterval **) b;

  return ia->start < ib->start ? -1 : ia->start > ib->start;
}

void
plt_flight_recorder_set_intervals (PltFlightRecorder *self,
                                   GPtrArray         *intervals)
{
  GHashTableIter iter;
  gpointer value;

  g_return_if_fail (PLT_IS_FLIGHT_RECORDER (self));

  g_hash_table_remove_all (self->rows);
  for (guint i = 0; intervals != NULL && i < intervals->len; i++)
    {
      const PltAgentInterval *interval = g_ptr_array_index (intervals, i);
      GPtrArray *row = g_hash_table_lookup (self->rows, interval->agent);

      if (row == NULL)
        {
          row = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_agent_interval_free);
          g_hash_table_insert (self->rows, g_strdup (interval->agent), row);
        }
      g_ptr_array_add (row, plt_agent_interval_copy (interval));
    }

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_sort (value, compare_start);

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
plt_flight_recorder_set_range (PltFlightRecorder *self,
                               gint64             from,
                               gint64             to)
{
  g_return_if_fail (PLT_IS_FLIGHT_RECORDER (self));
  g_return_if_fail (to >= from);

  g_object_freeze_notify (G_OBJECT (self));
  if (self->from != from)
    {
      self->from = from;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FROM]);
    }
  if (self->to != to)
    {
      self->to = to;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TO]);
    }
  plt_flight_recorder_set_position (self, self->position);
  g_object_thaw_notify (G_OBJECT (self));

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gint64
plt_flight_recorder_get_from (PltFlightRecorder *self)
{
  g_return_val_if_fail (PLT_IS_FLIGHT_RECORDER (self), 0);
  return self->from;
}

gint64
plt_flight_recorder_get_to (PltFlightRecorder *self)
{
  g_return_val_if_fail (PLT_IS_FLIGHT_RECORDER (self), 0);
  return self->to;
}

gint64
plt_flight_recorder_get_position (PltFlightRecorder *self)
{
  g_return_val_if_fail (PLT_IS_FLIGHT_RECORDER (self), 0);
  return self->position;
}

void
plt_flight_recorder_set_position (PltFlightRecorder *self,
                                  gint64             position)
{
  g_return_if_fail (PLT_IS_FLIGHT_RECORDER (self));

  position = CLAMP (position, self->from, self->to);
  if (self->position == position)
    return;

  self->position = position;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
}

void
plt_flight_recorder_set_highlight (PltFlightRecorder *self,
                                   const char        *agent)
{
  g_return_if_fail (PLT_IS_FLIGHT_RECORDER (self));

  if (g_strcmp0 (self->highlight, agent) == 0)
    return;

  g_free (self->highlight);
  self->highlight = g_strdup (agent);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIGHLIGHT]);
}

PltAgentState
plt_flight_recorder_get_state_at (PltFlightRecorder  *self,
                                  const char         *agent,
                                  gint64              time,
                                  const char        **reason,
                                  const char        **queue)
{
  GPtrArray *intervals;
  const PltAgentInterval *interval;

  g_return_val_if_fail (PLT_IS_FLIGHT_RECORDER (self), PLT_AGENT_STATE_UNKNOWN);
  g_return_val_if_fail (agent != NULL, PLT_AGENT_STATE_UNKNOWN);

  if (reason != NULL)
    *reason = NULL;
  if (queue != NULL)
    *queue = NULL;

  intervals = g_hash_table_lookup (self->rows, agent);
  interval = intervals != NULL ? plt_history_interval_at (intervals, agent, time) : NULL;
  if (interval == NULL)
    return PLT_AGENT_STATE_LOGGED_OUT;

  if (reason != NULL)
    *reason = interval->reason;
  if (queue != NULL)
    *queue = interval->queue;
  return plt_history_interval_state (interval);
}
