/* plt-timeline.c — the planning timeline: one widget, drawn in snapshot()
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "plt-timeline-draw.h"
#include "plt-timeline-private.h"
#include "plt-timeline-state.h"

#define NAMES_WIDTH        200.0
#define HEADER_HEIGHT      44.0
#define ROW_HEIGHT         34.0
#define GROUP_HEIGHT       30.0
#define BLOCK_INSET        4.0
#define BLOCK_RADIUS       5.0
#define EDGE_PX            7.0
#define MIN_LABEL_PX       38.0
#define MAX_ZOOM           8.0       /* px per minute: a 5-minute step is 40 px */
#define MAX_CACHED_LAYOUTS 2048
#define MARK_SIZE          12.0

struct _PltTimeline
{
  GtkWidget            parent_instance;

  GtkAdjustment       *hadjustment;
  GtkAdjustment       *vadjustment;

  /* The source: a document, or a read-only schedule */
  PltPlanningDocument *document;
  PltSchedule         *schedule;
  GPtrArray           *agents;         /* PltPlanningAgent */
  PltSite             *site;
  PltClock            *clock;
  gulong               changed_id;

  /* What is shown */
  GDate                first_date;
  guint                n_days;
  gint64               range_start;
  gint64               range_end;
  double               px_per_min;
  GArray              *rows;           /* PltTimelineRow */
  GHashTable          *agent_index;    /* agent id → index + 1 */
  GHashTable          *team_names;     /* team id → name */

  /* Looks */
  PltTimelinePalette   palette;
  GHashTable          *layouts;        /* text → PangoLayout */
  GHashTable          *name_layouts;   /* text → PangoLayout, ellipsized */
  GMenuModel          *context_menu;
  GtkWidget           *popover;

  /* Focus: a row, maybe a block in it, and the cursor's time */
  int                  focus_row;
  char                *focus_shift;
  int                  focus_activity;
  gint64               cursor_time;
  char                *description;

  /* The drag in progress and its ghost */
  GtkGesture          *drag_gesture;
  PltTimelineDrag      drag;
  double               drag_x0;
  double               drag_y0;
  GHashTable          *preview;        /* key → PltAgentDay */
  PltPlanningCommand  *preview_command;
  char                *ghost_agent;
  char                *ghost_shift;    /* the shift that moves (or is new) */
  gint64               ghost_start;
  gint64               ghost_end;
  guint                ghost_errors;
  guint                ghost_warnings;
  char                *ghost_message;

  /* The rules, per agent, recomputed on the next frame after a change */
  GHashTable          *violations;     /* agent id → GPtrArray of PltViolation */
  GHashTable          *dirty_agents;   /* agent ids */
  guint                tick_id;

  /* The review's highlights */
  GPtrArray           *diffs;
  GHashTable          *diff_by_agent;  /* agent id → GPtrArray of PltActivityChange (borrowed) */

  /* A template dragged over */
  int                  drop_row;
  gint64               drop_day;

  guint                now_source;
  guint                n_drawn_rows;

  guint                hscroll_policy : 1;
  guint                vscroll_policy : 1;
  guint                editable : 1;
  guint                fit : 1;
  guint                dragging : 1;
  guint                drag_moved : 1;
  guint                check_all : 1;
};

static void plt_timeline_scrollable_init (GtkScrollableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PltTimeline, plt_timeline, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, plt_timeline_scrollable_init))

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_EDITABLE,
  PROP_ZOOM,
  PROP_FIT,
  N_PROPS,

  /* GtkScrollable */
  PROP_HADJUSTMENT = N_PROPS,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

enum {
  ACTIVATE_BLOCK,
  FOCUS_CHANGED,
  VIOLATIONS_CHANGED,
  EDIT_FAILED,
  TEMPLATE_DROPPED,
  GEOMETRY_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ---------------------------------------------------------------------------
 * The source
 */

static PltSchedule *
get_schedule (PltTimeline *self)
{
  if (self->document != NULL)
    return plt_planning_document_get_draft (self->document);
  return self->schedule;
}

static gboolean
can_edit (PltTimeline *self)
{
  return self->editable && self->document != NULL && self->site != NULL;
}

static const PltPlanningAgent *
row_agent (PltTimeline *self,
           int          row)
{
  const PltTimelineRow *r;

  if (self->rows == NULL || row < 0 || row >= (int) self->rows->len)
    return NULL;

  r = &g_array_index (self->rows, PltTimelineRow, row);
  if (r->kind != PLT_TIMELINE_ROW_AGENT)
    return NULL;

  return g_ptr_array_index (self->agents, r->agent);
}

static int
row_of_agent (PltTimeline *self,
              const char  *agent)
{
  guint index;

  if (agent == NULL || self->agent_index == NULL)
    return -1;

  index = GPOINTER_TO_UINT (g_hash_table_lookup (self->agent_index, agent));
  if (index == 0)
    return -1;

  return plt_timeline_rows_find_agent (self->rows, index - 1);
}

static void
geometry (PltTimeline         *self,
          PltTimelineGeometry *g)
{
  g->start = self->range_start;
  g->end = self->range_end;
  g->px_per_min = self->px_per_min;
  g->names_width = NAMES_WIDTH;
  g->header_height = HEADER_HEIGHT;
  g->scroll_x = self->hadjustment != NULL ? gtk_adjustment_get_value (self->hadjustment) : 0;
  g->scroll_y = self->vadjustment != NULL ? gtk_adjustment_get_value (self->vadjustment) : 0;
}

static double
row_top (PltTimeline          *self,
         const PltTimelineRow *row)
{
  double scroll_y = self->vadjustment != NULL ? gtk_adjustment_get_value (self->vadjustment) : 0;

  return HEADER_HEIGHT + row->y - scroll_y;
}

static const char *
team_name (PltTimeline *self,
           const char  *team)
{
  const char *name = g_hash_table_lookup (self->team_names, team);

  return name != NULL ? name : team;
}

static void
clear_layouts (PltTimeline *self)
{
  g_hash_table_remove_all (self->layouts);
  g_hash_table_remove_all (self->name_layouts);
}

static void
rebuild_rows (PltTimeline *self)
{
  g_clear_pointer (&self->rows, g_array_unref);
  g_hash_table_remove_all (self->agent_index);

  self->rows = plt_timeline_rows_build (self->agents, ROW_HEIGHT, GROUP_HEIGHT);
  if (self->agents != NULL)
    for (guint i = 0; i < self->agents->len; i++)
      {
        const PltPlanningAgent *agent = g_ptr_array_index (self->agents, i);

        g_hash_table_insert (self->agent_index, agent->id, GUINT_TO_POINTER (i + 1));
      }

  if (self->focus_row >= (int) self->rows->len || row_agent (self, self->focus_row) == NULL)
    self->focus_row = plt_timeline_rows_step (self->rows, -1, 1);

  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static void
update_range (PltTimeline *self)
{
  GDate end;

  if (self->site == NULL || !g_date_valid (&self->first_date) || self->n_days == 0)
    {
      self->range_start = self->range_end = 0;
      return;
    }

  end = self->first_date;
  g_date_add_days (&end, self->n_days);
  self->range_start = plt_site_day_start (self->site, &self->first_date);
  self->range_end = plt_site_day_start (self->site, &end);

  if (self->cursor_time < self->range_start || self->cursor_time >= self->range_end)
    self->cursor_time = plt_site_local_time (self->site, &self->first_date, 8 * 60);
}

/* The Monday of the first week shown and the Sunday of the last: the rules
 * are checked over whole weeks, so that switching days keeps the list. */
static void
check_span (PltTimeline *self,
            GDate       *from,
            GDate       *to)
{
  PltWeek week;

  plt_week_from_date (&self->first_date, &week);
  plt_week_get_monday (&week, from);
  *to = self->first_date;
  g_date_add_days (to, MAX (self->n_days, 1) - 1);
  plt_week_from_date (to, &week);
  plt_week_get_monday (&week, to);
  g_date_add_days (to, 6);
}

/* ---------------------------------------------------------------------------
 * Violations and changes, once per frame
 */

static void
recheck_agent (PltTimeline *self,
               const char  *agent)
{
  g_autoptr(GPtrArray) found = NULL;
  GDate from, to;

  g_date_clear (&from, 1);
  g_date_clear (&to, 1);
  check_span (self, &from, &to);
  found = plt_planning_document_check (self->document, agent, &from, &to);

  if (found->len == 0)
    g_hash_table_remove (self->violations, agent);
  else
    g_hash_table_insert (self->violations, g_strdup (agent), g_steal_pointer (&found));
}

static void
recheck_all (PltTimeline *self)
{
  g_autoptr(GPtrArray) found = NULL;
  GDate from, to;

  g_hash_table_remove_all (self->violations);
  if (self->document == NULL || !g_date_valid (&self->first_date))
    return;

  g_date_clear (&from, 1);
  g_date_clear (&to, 1);
  check_span (self, &from, &to);
  found = plt_planning_document_check (self->document, NULL, &from, &to);

  /* By agent, keeping the core's order within each. */
  for (guint i = 0; i < found->len; i++)
    {
      PltViolation *violation = g_ptr_array_index (found, i);
      GPtrArray *list = g_hash_table_lookup (self->violations, violation->agent);

      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_violation_free);
          g_hash_table_insert (self->violations, g_strdup (violation->agent), list);
        }
      g_ptr_array_add (list, violation);
    }
  g_ptr_array_set_free_func (found, NULL);
}

static void update_description (PltTimeline *self);

/* After an edit the focused shift may have moved to another row, or gone. */
static void
resolve_focus (PltTimeline *self)
{
  PltSchedule *schedule = get_schedule (self);
  const PltShift *shift = NULL;
  PltAgentDay *day;

  if (self->focus_shift == NULL || schedule == NULL)
    return;

  day = plt_schedule_find_shift (schedule, self->focus_shift, &shift);
  if (day == NULL)
    {
      g_clear_pointer (&self->focus_shift, g_free);
      self->focus_activity = -1;
      return;
    }

  self->focus_row = row_of_agent (self, day->agent);
  if (self->focus_activity >= (int) shift->activities->len ||
      (self->focus_activity >= 0 &&
       ((const PltActivity *) g_ptr_array_index (shift->activities, self->focus_activity))->kind == PLT_ACTIVITY_WORK))
    self->focus_activity = -1;
}

static void
process_changes (PltTimeline *self)
{
  if (self->document != NULL)
    {
      if (self->check_all)
        recheck_all (self);
      else
        {
          GHashTableIter iter;
          gpointer agent;

          g_hash_table_iter_init (&iter, self->dirty_agents);
          while (g_hash_table_iter_next (&iter, &agent, NULL))
            recheck_agent (self, agent);
        }
    }
  else
    g_hash_table_remove_all (self->violations);

  g_hash_table_remove_all (self->dirty_agents);
  self->check_all = FALSE;

  resolve_focus (self);
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[VIOLATIONS_CHANGED], 0);
  g_signal_emit (self, signals[FOCUS_CHANGED], 0);
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *frame_clock,
         gpointer       user_data)
{
  PltTimeline *self = PLT_TIMELINE (widget);

  self->tick_id = 0;
  process_changes (self);

  return G_SOURCE_REMOVE;
}

/* Model changes only mark what to redo; it is redone once, on the next
 * frame (or at once while the widget is not mapped, so that tests and
 * print see a current state). */
static void
schedule_changes (PltTimeline *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      if (self->tick_id == 0)
        self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), tick_cb, NULL, NULL);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  else
    process_changes (self);
}

static void
document_changed_cb (PltTimeline         *self,
                     GStrv                keys,
                     PltPlanningDocument *document)
{
  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      g_autofree char *agent = NULL;
      GDate date;

      g_date_clear (&date, 1);
      if (plt_agent_day_key_parse (keys[i], &agent, &date))
        g_hash_table_add (self->dirty_agents, g_steal_pointer (&agent));
    }

  schedule_changes (self);
}

/* ---------------------------------------------------------------------------
 * Focus and its accessible description
 */

static gboolean
lookup_focus_block (PltTimeline      *self,
                    PltTimelineBlock *out)
{
  PltSchedule *schedule = get_schedule (self);
  const PltShift *shift = NULL;
  PltAgentDay *day;

  if (self->focus_shift == NULL || schedule == NULL)
    return FALSE;

  day = plt_schedule_find_shift (schedule, self->focus_shift, &shift);
  if (day == NULL)
    return FALSE;

  out->shift = shift;
  out->activity = self->focus_activity;
  if (self->focus_activity >= 0 && self->focus_activity < (int) shift->activities->len)
    {
      const PltActivity *activity = g_ptr_array_index (shift->activities, self->focus_activity);

      out->start = activity->start;
      out->end = activity->end;
      out->kind = activity->kind;
    }
  else
    {
      out->activity = -1;
      out->start = shift->start;
      out->end = shift->end;
      out->kind = PLT_ACTIVITY_WORK;
    }

  return TRUE;
}

static char *
describe_date (PltTimeline *self,
               gint64       time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (time / 1000);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, self->site->tz);

  /* Translators: a day in the planning, "Tuesday 24 November" */
  return g_date_time_format (local, _("%A %-d %B"));
}

static void
update_description (PltTimeline *self)
{
  const PltPlanningAgent *agent = row_agent (self, self->focus_row);
  g_autoptr(GString) text = g_string_new (NULL);
  PltTimelineBlock block;

  if (agent != NULL && self->site != NULL)
    {
      g_autofree char *date = NULL;
      gboolean has_block = lookup_focus_block (self, &block);

      date = describe_date (self, has_block ? block.start : self->cursor_time);
      g_string_append_printf (text, "%s, %s", agent->name, date);

      if (has_block)
        {
          g_autofree char *span = plt_timeline_describe_span (block.kind, self->site, block.start, block.end);
          GPtrArray *list = g_hash_table_lookup (self->violations, agent->id);

          g_string_append_printf (text, ": %s", span);
          if (block.activity < 0)
            {
              g_autofree char *working = plt_timeline_format_duration (plt_shift_working_ms (block.shift));

              /* Translators: appended to a shift's description */
              g_string_append_printf (text, _(", %s of working time"), working);
            }

          for (guint i = 0; list != NULL && i < list->len; i++)
            {
              const PltViolation *violation = g_ptr_array_index (list, i);

              if (violation->end > block.start && violation->start < block.end)
                g_string_append_printf (text, ". %s: %s",
                                        violation->severity == PLT_SEVERITY_ERROR ? _("Error") : _("Warning"),
                                        violation->message);
            }
        }
      else
        {
          g_autofree char *clock = plt_timeline_format_clock (self->site, self->cursor_time);

          /* Translators: the keyboard cursor is on free time */
          g_string_append_printf (text, _(", %s, no shift"), clock);
        }
    }

  if (g_strcmp0 (text->str, self->description) == 0)
    return;

  g_free (self->description);
  self->description = g_strdup (text->str);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->description,
                                  -1);
}

static void
set_focus (PltTimeline *self,
           int          row,
           const char  *shift_id,
           int          activity)
{
  if (row >= 0)
    self->focus_row = row;
  if (g_strcmp0 (self->focus_shift, shift_id) != 0)
    {
      g_free (self->focus_shift);
      self->focus_shift = g_strdup (shift_id);
    }
  self->focus_activity = shift_id != NULL ? activity : -1;

  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[FOCUS_CHANGED], 0);
}

/* The blocks of @row's agent over the whole range. */
static GArray *
row_blocks (PltTimeline *self,
            int          row,
            GPtrArray  **shifts_out)
{
  const PltPlanningAgent *agent = row_agent (self, row);
  g_autoptr(GPtrArray) shifts = NULL;
  GArray *blocks;

  if (agent == NULL || self->site == NULL)
    return NULL;

  shifts = plt_timeline_collect_shifts (get_schedule (self), NULL, self->site, agent->id,
                                        self->range_start, self->range_end);
  blocks = plt_timeline_row_blocks (shifts);
  if (shifts_out != NULL)
    *shifts_out = g_steal_pointer (&shifts);

  return blocks;
}

/* Keeps @time and the focused row on screen. */
static void
scroll_into_view (PltTimeline *self,
                  int          row,
                  gint64       start,
                  gint64       end)
{
  PltTimelineGeometry g;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  geometry (self, &g);

  if (self->vadjustment != NULL && row >= 0 && row < (int) self->rows->len)
    {
      const PltTimelineRow *r = &g_array_index (self->rows, PltTimelineRow, row);
      double page = height - HEADER_HEIGHT;
      double value = gtk_adjustment_get_value (self->vadjustment);

      if (r->y < value)
        gtk_adjustment_set_value (self->vadjustment, r->y);
      else if (r->y + r->height > value + page)
        gtk_adjustment_set_value (self->vadjustment, r->y + r->height - page);
    }

  if (self->hadjustment != NULL && end > start)
    {
      double page = width - NAMES_WIDTH;
      double value = gtk_adjustment_get_value (self->hadjustment);
      double x0 = (double) (start - self->range_start) / PLT_MS_PER_MINUTE * self->px_per_min;
      double x1 = (double) (end - self->range_start) / PLT_MS_PER_MINUTE * self->px_per_min;

      if (x1 - x0 > page || x0 < value)
        gtk_adjustment_set_value (self->hadjustment, x0 - 24);
      else if (x1 > value + page)
        gtk_adjustment_set_value (self->hadjustment, x1 - page + 24);
    }
}

/* ---------------------------------------------------------------------------
 * Layout cache
 */

typedef enum
{
  TEXT_REGULAR,
  TEXT_BOLD,
  TEXT_SMALL,
} TextStyle;

static PangoLayout *
get_layout (PltTimeline *self,
            const char  *text,
            TextStyle    style)
{
  g_autofree char *key = g_strdup_printf ("%d%s", style, text);
  PangoLayout *layout = g_hash_table_lookup (self->layouts, key);

  if (layout != NULL)
    return layout;

  if (g_hash_table_size (self->layouts) > MAX_CACHED_LAYOUTS)
    g_hash_table_remove_all (self->layouts);

  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  if (style != TEXT_REGULAR)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      if (style == TEXT_BOLD)
        pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      else
        {
          pango_attr_list_insert (attrs, pango_attr_scale_new (0.82));
          pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));
        }
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
  g_hash_table_insert (self->layouts, g_steal_pointer (&key), layout);

  return layout;
}

static PangoLayout *
get_name_layout (PltTimeline *self,
                 const char  *text,
                 double       width)
{
  PangoLayout *layout = g_hash_table_lookup (self->name_layouts, text);

  if (layout != NULL)
    return layout;

  if (g_hash_table_size (self->name_layouts) > MAX_CACHED_LAYOUTS)
    g_hash_table_remove_all (self->name_layouts);

  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  g_hash_table_insert (self->name_layouts, g_strdup (text), layout);

  return layout;
}

static void
append_layout (GtkSnapshot   *snapshot,
               PangoLayout   *layout,
               double         x,
               double         y,
               const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (round (x), round (y)));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static GdkRGBA
with_alpha (const GdkRGBA *color,
            double         alpha)
{
  GdkRGBA c = *color;

  c.alpha *= alpha;
  return c;
}

/* ---------------------------------------------------------------------------
 * Drawing
 */

static void
draw_grid (PltTimeline               *self,
           GtkSnapshot               *snapshot,
           const PltTimelineGeometry *g,
           double                     width,
           double                     height)
{
  GdkRGBA hour_line = with_alpha (&self->palette.fg, 0.07);
  GdkRGBA day_line = with_alpha (&self->palette.fg, 0.22);
  GdkRGBA weekend = with_alpha (&self->palette.fg, 0.035);
  guint step = plt_timeline_ruler_step_hours (self->px_per_min, MIN_LABEL_PX);
  GDate date = self->first_date;

  for (guint d = 0; d < self->n_days; d++, g_date_add_days (&date, 1))
    {
      gint64 day_start = plt_site_day_start (self->site, &date);
      GDate next = date;
      double x0, x1;

      g_date_add_days (&next, 1);
      x0 = plt_timeline_x_for_time (g, day_start);
      x1 = plt_timeline_x_for_time (g, plt_site_day_start (self->site, &next));
      if (x1 < NAMES_WIDTH || x0 > width)
        continue;

      if (g_date_get_weekday (&date) >= G_DATE_SATURDAY)
        gtk_snapshot_append_color (snapshot, &weekend,
                                   &GRAPHENE_RECT_INIT (x0, HEADER_HEIGHT, x1 - x0, height - HEADER_HEIGHT));

      for (guint h = step; h < 24; h += step)
        {
          double x = plt_timeline_x_for_time (g, plt_site_local_time (self->site, &date, h * 60));

          if (x >= NAMES_WIDTH && x <= width)
            gtk_snapshot_append_color (snapshot, &hour_line,
                                       &GRAPHENE_RECT_INIT (floor (x), HEADER_HEIGHT, 1, height - HEADER_HEIGHT));
        }

      if (d > 0 && x0 >= NAMES_WIDTH)
        gtk_snapshot_append_color (snapshot, &day_line,
                                   &GRAPHENE_RECT_INIT (floor (x0), HEADER_HEIGHT, 1, height - HEADER_HEIGHT));
    }
}

static void
draw_ruler (PltTimeline               *self,
            GtkSnapshot               *snapshot,
            const PltTimelineGeometry *g,
            double                     width)
{
  GdkRGBA dim = with_alpha (&self->palette.fg, 0.6);
  GdkRGBA tick = with_alpha (&self->palette.fg, 0.25);
  guint step = plt_timeline_ruler_step_hours (self->px_per_min, MIN_LABEL_PX);
  GDate date = self->first_date;

  gtk_snapshot_append_color (snapshot, &self->palette.bg,
                             &GRAPHENE_RECT_INIT (0, 0, width, HEADER_HEIGHT));

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (NAMES_WIDTH, 0, width - NAMES_WIDTH, HEADER_HEIGHT));

  for (guint d = 0; d < self->n_days; d++, g_date_add_days (&date, 1))
    {
      gint64 day_start = plt_site_day_start (self->site, &date);
      GDate next = date;
      g_autofree char *label = NULL;
      double x0, x1;
      PangoLayout *layout;
      int lw, lh;

      g_date_add_days (&next, 1);
      x0 = plt_timeline_x_for_time (g, day_start);
      x1 = plt_timeline_x_for_time (g, plt_site_day_start (self->site, &next));
      if (x1 < NAMES_WIDTH || x0 > width)
        continue;

      /* The day, kept in view while its column is */
      {
        char buffer[64];

        /* Translators: strftime formats of a day in the timeline's ruler:
         * of a week, "Tue 24", and of one day, "Tuesday 24 November" */
        if (g_date_strftime (buffer, sizeof buffer, self->n_days > 1 ? _("%a %d") : _("%A %d %B"), &date) == 0)
          buffer[0] = '\0';
        label = g_strdup (buffer);
      }
      layout = get_layout (self, label, TEXT_BOLD);
      pango_layout_get_pixel_size (layout, &lw, &lh);
      append_layout (snapshot, layout,
                     CLAMP (MAX (x0, NAMES_WIDTH) + 6, x0 + 6, MAX (x0 + 6, x1 - lw - 6)),
                     4, &self->palette.fg);

      if (d > 0)
        gtk_snapshot_append_color (snapshot, &tick, &GRAPHENE_RECT_INIT (floor (x0), 0, 1, HEADER_HEIGHT));

      for (guint h = step; h < 24; h += step)
        {
          gint64 t = plt_site_local_time (self->site, &date, h * 60);
          double x = plt_timeline_x_for_time (g, t);
          g_autofree char *hour = g_strdup_printf ("%02u", h);

          if (x < NAMES_WIDTH - 30 || x > width + 30)
            continue;

          layout = get_layout (self, hour, TEXT_SMALL);
          pango_layout_get_pixel_size (layout, &lw, &lh);
          gtk_snapshot_append_color (snapshot, &tick,
                                     &GRAPHENE_RECT_INIT (floor (x), HEADER_HEIGHT - 6, 1, 6));
          append_layout (snapshot, layout, x - lw / 2.0, HEADER_HEIGHT - 8 - lh, &dim);
        }
    }

  /* The ghost's new times, on the ruler */
  if (self->dragging && self->ghost_end > self->ghost_start)
    {
      double x0 = plt_timeline_x_for_time (g, self->ghost_start);
      double x1 = plt_timeline_x_for_time (g, self->ghost_end);
      g_autofree char *from = plt_timeline_format_clock (self->site, self->ghost_start);
      g_autofree char *to = plt_timeline_format_clock (self->site, self->ghost_end);
      g_autofree char *text = g_strdup_printf ("%s–%s", from, to);
      const GdkRGBA *color = self->ghost_errors > 0 ? &self->palette.error : &self->palette.accent;
      GdkRGBA band = with_alpha (color, 0.18);
      PangoLayout *layout = get_layout (self, text, TEXT_BOLD);
      int lw, lh;

      pango_layout_get_pixel_size (layout, &lw, &lh);
      gtk_snapshot_append_color (snapshot, &band,
                                 &GRAPHENE_RECT_INIT (x0, HEADER_HEIGHT - 20, MAX (x1 - x0, 2), 20));
      gtk_snapshot_append_color (snapshot, &self->palette.bg,
                                 &GRAPHENE_RECT_INIT (x0, HEADER_HEIGHT - 20, lw + 8, 18));
      append_layout (snapshot, layout, x0 + 4, HEADER_HEIGHT - 19, color);
    }

  /* Now */
  if (self->clock != NULL)
    {
      gint64 now = plt_clock_get_now (self->clock);

      if (now >= self->range_start && now < self->range_end)
        {
          double x = plt_timeline_x_for_time (g, now);

          gtk_snapshot_append_color (snapshot, &self->palette.now,
                                     &GRAPHENE_RECT_INIT (round (x) - 4, HEADER_HEIGHT - 5, 9, 5));
        }
    }

  gtk_snapshot_pop (snapshot);

  gtk_snapshot_append_color (snapshot, &tick,
                             &GRAPHENE_RECT_INIT (0, HEADER_HEIGHT - 1, width, 1));
}

static void
draw_names (PltTimeline *self,
            GtkSnapshot *snapshot,
            guint        first,
            guint        last,
            double       height)
{
  GdkRGBA line = with_alpha (&self->palette.fg, 0.12);
  GdkRGBA dim = with_alpha (&self->palette.fg, 0.6);
  GdkRGBA focus_band = with_alpha (&self->palette.accent, 0.12);

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, HEADER_HEIGHT, NAMES_WIDTH, height - HEADER_HEIGHT));
  gtk_snapshot_append_color (snapshot, &self->palette.bg,
                             &GRAPHENE_RECT_INIT (0, HEADER_HEIGHT, NAMES_WIDTH, height - HEADER_HEIGHT));

  for (guint i = first; i <= last; i++)
    {
      const PltTimelineRow *row = &g_array_index (self->rows, PltTimelineRow, i);
      double y = row_top (self, row);
      PangoLayout *layout;
      int lw, lh;

      if (row->kind == PLT_TIMELINE_ROW_GROUP)
        {
          g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u agent", "%u agents", row->n_agents),
                                                    row->n_agents);

          layout = get_layout (self, team_name (self, row->team), TEXT_BOLD);
          pango_layout_get_pixel_size (layout, &lw, &lh);
          append_layout (snapshot, layout, 12, y + (row->height - lh) / 2.0, &self->palette.fg);
          layout = get_layout (self, count, TEXT_SMALL);
          pango_layout_get_pixel_size (layout, &lw, &lh);
          append_layout (snapshot, layout, NAMES_WIDTH - 12 - lw, y + (row->height - lh) / 2.0, &dim);
        }
      else
        {
          const PltPlanningAgent *agent = g_ptr_array_index (self->agents, row->agent);

          if ((int) i == self->focus_row && gtk_widget_has_focus (GTK_WIDGET (self)))
            gtk_snapshot_append_color (snapshot, &focus_band,
                                       &GRAPHENE_RECT_INIT (0, y, NAMES_WIDTH, row->height));
          layout = get_name_layout (self, agent->name != NULL ? agent->name : agent->id, NAMES_WIDTH - 36);
          pango_layout_get_pixel_size (layout, &lw, &lh);
          append_layout (snapshot, layout, 24, y + (row->height - lh) / 2.0, &self->palette.fg);

          if (g_hash_table_contains (self->violations, agent->id))
            {
              GPtrArray *list = g_hash_table_lookup (self->violations, agent->id);
              gboolean error = FALSE, shown = FALSE;

              /* Only what the range shows: a day view marks that day's */
              for (guint v = 0; v < list->len; v++)
                {
                  const PltViolation *violation = g_ptr_array_index (list, v);

                  if (violation->end >= self->range_start && violation->start < self->range_end)
                    {
                      shown = TRUE;
                      error |= violation->severity == PLT_SEVERITY_ERROR;
                    }
                }
              if (!shown)
                goto next_row;

              plt_timeline_draw_mark (snapshot, &self->palette, error, 6, y + (row->height - MARK_SIZE) / 2.0,
                                      MARK_SIZE);
            }
        }

    next_row:
      gtk_snapshot_append_color (snapshot, &line,
                                 &GRAPHENE_RECT_INIT (0, y + row->height - 1, NAMES_WIDTH, 1));
    }

  gtk_snapshot_pop (snapshot);
  gtk_snapshot_append_color (snapshot, &line, &GRAPHENE_RECT_INIT (NAMES_WIDTH - 1, 0, 1, height));
}

static void
draw_absences (PltTimeline               *self,
               GtkSnapshot               *snapshot,
               const PltTimelineGeometry *g,
               const char                *agent,
               double                     y,
               double                     h,
               gint64                     from,
               gint64                     to)
{
  GDate date, last;

  g_date_clear (&date, 1);
  g_date_clear (&last, 1);
  plt_site_get_date (self->site, from, &date);
  plt_site_get_date (self->site, to - 1, &last);
  g_date_subtract_days (&date, 1);

  for (; g_date_compare (&date, &last) <= 0; g_date_add_days (&date, 1))
    {
      PltAgentDay *day = plt_schedule_lookup (get_schedule (self), agent, &date);

      for (guint i = 0; day != NULL && i < day->absences->len; i++)
        {
          const PltAbsence *absence = g_ptr_array_index (day->absences, i);
          double x0 = plt_timeline_x_for_time (g, MAX (absence->start, self->range_start));
          double x1 = plt_timeline_x_for_time (g, MIN (absence->end, self->range_end));
          graphene_rect_t rect = GRAPHENE_RECT_INIT (x0, y + 1, x1 - x0, h - 2);

          if (absence->end <= from || absence->start >= to)
            continue;

          gtk_snapshot_push_opacity (snapshot, 0.45);
          plt_timeline_draw_activity (snapshot, &self->palette, PLT_ACTIVITY_TIME_OFF, &rect, FALSE);
          gtk_snapshot_pop (snapshot);
        }
    }
}

static const PltActivityChange *
find_change (GPtrArray         *changes,
             const PltActivity *activity)
{
  for (guint i = 0; changes != NULL && i < changes->len; i++)
    {
      const PltActivityChange *change = g_ptr_array_index (changes, i);

      if (change->after != NULL && plt_activity_equal (change->after, activity))
        return change;
    }

  return NULL;
}

static void
draw_shift (PltTimeline               *self,
            GtkSnapshot               *snapshot,
            const PltTimelineGeometry *g,
            const PltShift            *shift,
            double                     y,
            double                     h,
            GPtrArray                 *changes,
            gboolean                   ghost)
{
  double x0 = plt_timeline_x_for_time (g, shift->start);
  double x1 = plt_timeline_x_for_time (g, shift->end);
  graphene_rect_t rect = GRAPHENE_RECT_INIT (x0, y, MAX (x1 - x0, 1), h);
  GskRoundedRect clip;
  GdkRGBA edge = with_alpha (&self->palette.fg, 0.35);
  const PltActivity *first_work = NULL;
  gboolean rounded = self->px_per_min >= 0.5;

  /* Rounded corners where shifts are few and wide; square in a fitted
   * week, where a clip mask per block would cost more than it shows */
  gsk_rounded_rect_init_from_rect (&clip, &rect, rounded ? BLOCK_RADIUS : 0);
  if (rounded)
    gtk_snapshot_push_rounded_clip (snapshot, &clip);
  else
    gtk_snapshot_push_clip (snapshot, &rect);

  for (guint i = 0; i < shift->activities->len; i++)
    {
      const PltActivity *activity = g_ptr_array_index (shift->activities, i);
      double a0 = plt_timeline_x_for_time (g, activity->start);
      double a1 = plt_timeline_x_for_time (g, activity->end);
      graphene_rect_t arect = GRAPHENE_RECT_INIT (a0, y, a1 - a0, h);

      plt_timeline_draw_activity (snapshot, &self->palette, activity->kind, &arect, TRUE);
      if (activity->kind == PLT_ACTIVITY_WORK && first_work == NULL)
        first_work = activity;

      /* Review: what changed since the published version */
      if (changes != NULL)
        {
          const PltActivityChange *change = find_change (changes, activity);

          if (change != NULL)
            {
              const GdkRGBA *color = change->kind == PLT_CHANGE_ADDED ? &self->palette.success
                                                                      : &self->palette.warning;
              GdkRGBA band = with_alpha (color, 1.0);

              gtk_snapshot_append_color (snapshot, &band, &GRAPHENE_RECT_INIT (a0, y, a1 - a0, 3));
              gtk_snapshot_append_color (snapshot, &band, &GRAPHENE_RECT_INIT (a0, y + h - 3, a1 - a0, 3));
            }
        }
    }

  /* The times, where the first stretch of work has room for them */
  if (first_work != NULL)
    {
      double w = plt_timeline_x_for_time (g, first_work->end) - x0;
      g_autofree char *from = plt_timeline_format_clock (self->site, shift->start);
      g_autofree char *to = plt_timeline_format_clock (self->site, shift->end);
      g_autofree char *text = g_strdup_printf ("%s–%s", from, to);
      PangoLayout *layout = get_layout (self, text, TEXT_SMALL);
      int lw, lh;

      pango_layout_get_pixel_size (layout, &lw, &lh);
      /* Without room before the first activity, the tooltip says them. */
      if (w >= lw + 12 && first_work->start == shift->start)
        append_layout (snapshot, layout, MAX (x0, NAMES_WIDTH) + 6, y + (h - lh) / 2.0,
                       &self->palette.kind_ink[PLT_ACTIVITY_WORK]);
    }

  gtk_snapshot_pop (snapshot);

  if (rounded)
    plt_timeline_draw_outline (snapshot, &rect, BLOCK_RADIUS, 1, &edge);
  else
    {
      gtk_snapshot_append_color (snapshot, &edge, &GRAPHENE_RECT_INIT (x0, y, rect.size.width, 1));
      gtk_snapshot_append_color (snapshot, &edge, &GRAPHENE_RECT_INIT (x0, y + h - 1, rect.size.width, 1));
      gtk_snapshot_append_color (snapshot, &edge, &GRAPHENE_RECT_INIT (x0, y, 1, h));
      gtk_snapshot_append_color (snapshot, &edge, &GRAPHENE_RECT_INIT (x0 + rect.size.width - 1, y, 1, h));
    }

  if (ghost)
    {
      const GdkRGBA *color = self->ghost_errors > 0 ? &self->palette.error
                             : self->ghost_warnings > 0 ? &self->palette.warning
                             : &self->palette.accent;

      if (self->ghost_errors > 0)
        {
          GdkRGBA tint = with_alpha (&self->palette.error, 0.45);

          gtk_snapshot_push_rounded_clip (snapshot, &clip);
          gtk_snapshot_append_color (snapshot, &tint, &rect);
          gtk_snapshot_pop (snapshot);
        }
      plt_timeline_draw_outline (snapshot, &GRAPHENE_RECT_INIT (x0 - 2, y - 2, rect.size.width + 4, h + 4),
                                 BLOCK_RADIUS + 2, 2.5, color);

      if (self->ghost_errors > 0 || self->ghost_warnings > 0)
        {
          double ix = x0 - MARK_SIZE / 2;
          double iy = y - MARK_SIZE / 2;
          GskRoundedRect badge;

          gsk_rounded_rect_init_from_rect (&badge, &GRAPHENE_RECT_INIT (ix - 3, iy - 3, MARK_SIZE + 6, MARK_SIZE + 6),
                                           (MARK_SIZE + 6) / 2);
          gtk_snapshot_push_rounded_clip (snapshot, &badge);
          gtk_snapshot_append_color (snapshot, &self->palette.view_bg, &badge.bounds);
          gtk_snapshot_pop (snapshot);
          plt_timeline_draw_mark (snapshot, &self->palette, self->ghost_errors > 0, ix, iy, MARK_SIZE);
        }
    }
}

static void
draw_focus (PltTimeline               *self,
            GtkSnapshot               *snapshot,
            const PltTimelineGeometry *g,
            double                     y,
            double                     h)
{
  PltTimelineBlock block;
  double x0, x1;

  if (!lookup_focus_block (self, &block))
    {
      /* The keyboard cursor on free time */
      if (gtk_widget_has_focus (GTK_WIDGET (self)) && self->focus_shift == NULL)
        {
          double x = plt_timeline_x_for_time (g, self->cursor_time);

          gtk_snapshot_append_color (snapshot, &self->palette.accent,
                                     &GRAPHENE_RECT_INIT (round (x) - 1, y, 2, h));
        }
      return;
    }

  x0 = plt_timeline_x_for_time (g, block.start);
  x1 = plt_timeline_x_for_time (g, block.end);
  plt_timeline_draw_outline (snapshot, &GRAPHENE_RECT_INIT (x0 - 3, y - 3, x1 - x0 + 6, h + 6),
                             BLOCK_RADIUS + 3, gtk_widget_has_focus (GTK_WIDGET (self)) ? 2.5 : 1.5,
                             &self->palette.accent);
}

static void
draw_violations (PltTimeline               *self,
                 GtkSnapshot               *snapshot,
                 const PltTimelineGeometry *g,
                 GPtrArray                 *list,
                 double                     y,
                 double                     h,
                 gint64                     from,
                 gint64                     to)
{
  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      const PltViolation *violation = g_ptr_array_index (list, i);
      gboolean error = violation->severity == PLT_SEVERITY_ERROR;
      const GdkRGBA *color = error ? &self->palette.error : &self->palette.warning;
      double x0, x1;
      GskRoundedRect badge;

      if (violation->end < from || violation->start > to)
        continue;

      x0 = plt_timeline_x_for_time (g, violation->start);
      x1 = plt_timeline_x_for_time (g, MAX (violation->end, violation->start));
      if (x1 - x0 < 6)
        x1 = x0 + 6;

      /* A bar under the span at fault, and the icon at its start when
       * the zoom leaves room for it */
      gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (x0, y + h - 3, x1 - x0, 3));
      if (self->px_per_min * 60 < 24)
        continue;
      gsk_rounded_rect_init_from_rect (&badge, &GRAPHENE_RECT_INIT (x0 - 1, y + 1, MARK_SIZE + 2, MARK_SIZE + 2),
                                       (MARK_SIZE + 2) / 2);
      gtk_snapshot_push_rounded_clip (snapshot, &badge);
      gtk_snapshot_append_color (snapshot, &self->palette.view_bg, &badge.bounds);
      gtk_snapshot_pop (snapshot);
      plt_timeline_draw_mark (snapshot, &self->palette, error, x0, y + 2, MARK_SIZE);
    }
}

static void
draw_removed (PltTimeline               *self,
              GtkSnapshot               *snapshot,
              const PltTimelineGeometry *g,
              GPtrArray                 *changes,
              double                     y,
              double                     h)
{
  for (guint i = 0; changes != NULL && i < changes->len; i++)
    {
      const PltActivityChange *change = g_ptr_array_index (changes, i);
      double x0, x1;

      if (change->kind != PLT_CHANGE_REMOVED && change->kind != PLT_CHANGE_CHANGED)
        continue;

      x0 = plt_timeline_x_for_time (g, change->before->start);
      x1 = plt_timeline_x_for_time (g, change->before->end);
      /* Where it was: a thin outline in the error colour, struck through */
      if (change->kind == PLT_CHANGE_REMOVED)
        {
          GdkRGBA strike = with_alpha (&self->palette.error, 0.9);

          plt_timeline_draw_outline (snapshot, &GRAPHENE_RECT_INIT (x0, y, x1 - x0, h), 2, 1.5, &self->palette.error);
          gtk_snapshot_append_color (snapshot, &strike, &GRAPHENE_RECT_INIT (x0, y + h / 2 - 1, x1 - x0, 2));
        }
      else
        {
          GdkRGBA was = with_alpha (&self->palette.warning, 0.8);

          plt_timeline_draw_outline (snapshot, &GRAPHENE_RECT_INIT (x0, y - 2, x1 - x0, h + 4), 2, 1, &was);
        }
    }
}

static void
draw_row (PltTimeline               *self,
          GtkSnapshot               *snapshot,
          const PltTimelineGeometry *g,
          guint                      index,
          gint64                     from,
          gint64                     to,
          double                     width)
{
  const PltTimelineRow *row = &g_array_index (self->rows, PltTimelineRow, index);
  const PltPlanningAgent *agent;
  double y = row_top (self, row);
  double by = y + BLOCK_INSET;
  double bh = row->height - 2 * BLOCK_INSET;
  GdkRGBA line = with_alpha (&self->palette.fg, 0.07);
  g_autoptr(GPtrArray) shifts = NULL;
  g_autoptr(GPtrArray) originals = NULL;
  GPtrArray *changes = NULL;
  gboolean previewed = FALSE;

  if (row->kind == PLT_TIMELINE_ROW_GROUP)
    {
      GdkRGBA band = with_alpha (&self->palette.fg, 0.05);

      gtk_snapshot_append_color (snapshot, &band, &GRAPHENE_RECT_INIT (NAMES_WIDTH, y, width - NAMES_WIDTH, row->height));
      return;
    }

  agent = g_ptr_array_index (self->agents, row->agent);

  if ((int) index == self->drop_row && self->drop_day != 0)
    {
      GDate day, next;
      GdkRGBA drop = with_alpha (&self->palette.accent, 0.2);
      double x0, x1;

      g_date_clear (&day, 1);
      plt_site_get_date (self->site, self->drop_day, &day);
      next = day;
      g_date_add_days (&next, 1);
      x0 = plt_timeline_x_for_time (g, plt_site_day_start (self->site, &day));
      x1 = plt_timeline_x_for_time (g, plt_site_day_start (self->site, &next));
      gtk_snapshot_append_color (snapshot, &drop, &GRAPHENE_RECT_INIT (x0, y, x1 - x0, row->height));
    }

  draw_absences (self, snapshot, g, agent->id, y, row->height, from, to);

  if (self->preview != NULL)
    {
      shifts = plt_timeline_collect_shifts (get_schedule (self), self->preview, self->site, agent->id, from, to);
      originals = plt_timeline_collect_shifts (get_schedule (self), NULL, self->site, agent->id, from, to);
      previewed = TRUE;
    }
  else
    shifts = plt_timeline_collect_shifts (get_schedule (self), NULL, self->site, agent->id, from, to);

  if (self->diff_by_agent != NULL)
    changes = g_hash_table_lookup (self->diff_by_agent, agent->id);
  draw_removed (self, snapshot, g, changes, by, bh);

  /* Where the dragged block was: a faint trace */
  if (previewed && self->ghost_shift != NULL)
    for (guint i = 0; i < originals->len; i++)
      {
        const PltShift *shift = g_ptr_array_index (originals, i);

        if (g_strcmp0 (shift->id, self->ghost_shift) == 0)
          {
            gtk_snapshot_push_opacity (snapshot, 0.3);
            draw_shift (self, snapshot, g, shift, by, bh, NULL, FALSE);
            gtk_snapshot_pop (snapshot);
          }
      }

  for (guint i = 0; i < shifts->len; i++)
    {
      const PltShift *shift = g_ptr_array_index (shifts, i);
      gboolean ghost = previewed && g_strcmp0 (shift->id, self->ghost_shift) == 0;

      draw_shift (self, snapshot, g, shift, by, bh, changes, ghost);
    }

  if (!self->dragging)
    draw_violations (self, snapshot, g, g_hash_table_lookup (self->violations, agent->id), y, row->height, from, to);

  if ((int) index == self->focus_row && !self->dragging)
    draw_focus (self, snapshot, g, by, bh);

  gtk_snapshot_append_color (snapshot, &line, &GRAPHENE_RECT_INIT (NAMES_WIDTH, y + row->height - 1, width - NAMES_WIDTH, 1));
}

static void
plt_timeline_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  PltTimeline *self = PLT_TIMELINE (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  PltTimelineGeometry g;
  guint first = 0, last = 0;
  gboolean any_rows;
  gint64 from, to;

  self->n_drawn_rows = 0;

  if (width <= 0 || height <= 0)
    return;

  gtk_snapshot_append_color (snapshot, &self->palette.view_bg, &GRAPHENE_RECT_INIT (0, 0, width, height));

  if (self->site == NULL || self->rows == NULL || self->range_end <= self->range_start)
    return;

  geometry (self, &g);
  from = MAX (plt_timeline_time_for_x (&g, NAMES_WIDTH) - PLT_MS_PER_MINUTE, self->range_start);
  to = MIN (plt_timeline_time_for_x (&g, width) + PLT_MS_PER_MINUTE, self->range_end);
  any_rows = plt_timeline_rows_visible (self->rows, g.scroll_y, g.scroll_y + height - HEADER_HEIGHT, &first, &last);

  /* The grid and the rows, under the ruler and right of the names */
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (NAMES_WIDTH, HEADER_HEIGHT,
                                                         width - NAMES_WIDTH, height - HEADER_HEIGHT));
  draw_grid (self, snapshot, &g, width, height);

  if (any_rows && to > from)
    for (guint i = first; i <= last; i++)
      {
        draw_row (self, snapshot, &g, i, from, to, width);
        self->n_drawn_rows++;
      }

  if (self->clock != NULL)
    {
      gint64 now = plt_clock_get_now (self->clock);

      if (now >= from && now < to)
        gtk_snapshot_append_color (snapshot, &self->palette.now,
                                   &GRAPHENE_RECT_INIT (round (plt_timeline_x_for_time (&g, now)) - 1, HEADER_HEIGHT,
                                                        2, height - HEADER_HEIGHT));
    }
  gtk_snapshot_pop (snapshot);

  if (any_rows)
    draw_names (self, snapshot, first, last, height);

  draw_ruler (self, snapshot, &g, width);

  /* The corner over the names */
  {
    g_autofree char *label = NULL;
    GdkRGBA dim = with_alpha (&self->palette.fg, 0.6);
    PangoLayout *layout;
    int lw, lh;

    gtk_snapshot_append_color (snapshot, &self->palette.bg, &GRAPHENE_RECT_INIT (0, 0, NAMES_WIDTH - 1, HEADER_HEIGHT - 1));
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u agent", "%u agents",
                                          self->agents != NULL ? self->agents->len : 0),
                             self->agents != NULL ? self->agents->len : 0);
    layout = get_layout (self, label, TEXT_SMALL);
    pango_layout_get_pixel_size (layout, &lw, &lh);
    append_layout (snapshot, layout, 12, HEADER_HEIGHT - 8 - lh, &dim);
  }

  if (gtk_widget_has_visible_focus (widget) && self->focus_row < 0)
    {
      GdkRGBA ring = with_alpha (&self->palette.accent, 0.6);

      plt_timeline_draw_outline (snapshot, &GRAPHENE_RECT_INIT (1, 1, width - 2, height - 2), 6, 2, &ring);
    }
}

/* ---------------------------------------------------------------------------
 * Size and scrolling
 */

static void
plt_timeline_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  PltTimeline *self = PLT_TIMELINE (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = NAMES_WIDTH + 200;
      *natural = NAMES_WIDTH + 1000;
    }
  else
    {
      *minimum = HEADER_HEIGHT + ROW_HEIGHT * 2;
      *natural = HEADER_HEIGHT + MAX (plt_timeline_rows_height (self->rows), ROW_HEIGHT * 4);
    }
}

static void
configure_adjustments (PltTimeline *self)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  double axis = MAX (width - NAMES_WIDTH, 1);
  double rows = MAX (height - HEADER_HEIGHT, 1);
  PltTimelineGeometry g;

  if (self->fit && self->range_end > self->range_start)
    self->px_per_min = plt_timeline_fit_zoom (self->range_start, self->range_end, axis);

  geometry (self, &g);

  if (self->hadjustment != NULL)
    {
      double upper = MAX (plt_timeline_content_width (&g), axis);

      gtk_adjustment_configure (self->hadjustment,
                                CLAMP (gtk_adjustment_get_value (self->hadjustment), 0, upper - axis),
                                0, upper, axis * 0.1, axis * 0.9, axis);
    }

  if (self->vadjustment != NULL)
    {
      double upper = MAX (plt_timeline_rows_height (self->rows), rows);

      gtk_adjustment_configure (self->vadjustment,
                                CLAMP (gtk_adjustment_get_value (self->vadjustment), 0, upper - rows),
                                0, upper, ROW_HEIGHT, rows * 0.9, rows);
    }
}

static void
plt_timeline_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  PltTimeline *self = PLT_TIMELINE (widget);

  configure_adjustments (self);

  if (self->popover != NULL)
    gtk_popover_present (GTK_POPOVER (self->popover));

  g_signal_emit (self, signals[GEOMETRY_CHANGED], 0);
}

static void
adjustment_value_changed_cb (GtkAdjustment *adjustment,
                             PltTimeline   *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (adjustment == self->hadjustment)
    g_signal_emit (self, signals[GEOMETRY_CHANGED], 0);
}

static void
set_adjustment (PltTimeline    *self,
                GtkAdjustment **slot,
                GtkAdjustment  *adjustment)
{
  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);

  if (*slot == adjustment)
    return;

  if (*slot != NULL)
    {
      g_signal_handlers_disconnect_by_func (*slot, adjustment_value_changed_cb, self);
      g_object_unref (*slot);
    }

  *slot = g_object_ref_sink (adjustment);
  g_signal_connect (adjustment, "value-changed", G_CALLBACK (adjustment_value_changed_cb), self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static gboolean
plt_timeline_get_border (GtkScrollable *scrollable,
                         GtkBorder     *border)
{
  border->left = NAMES_WIDTH;
  border->top = HEADER_HEIGHT;
  border->right = 0;
  border->bottom = 0;
  return TRUE;
}

static void
plt_timeline_scrollable_init (GtkScrollableInterface *iface)
{
  iface->get_border = plt_timeline_get_border;
}

/* ---------------------------------------------------------------------------
 * Editing
 */

static void
execute (PltTimeline        *self,
         PltPlanningCommand *command)
{
  g_autoptr(GError) error = NULL;

  if (command == NULL || !can_edit (self))
    return;

  if (!plt_planning_document_execute (self->document, command, &error))
    g_signal_emit (self, signals[EDIT_FAILED], 0, error->message);
}

static void
clear_preview (PltTimeline *self)
{
  g_clear_pointer (&self->preview, g_hash_table_unref);
  g_clear_pointer (&self->preview_command, plt_planning_command_unref);
  g_clear_pointer (&self->ghost_agent, g_free);
  g_clear_pointer (&self->ghost_shift, g_free);
  g_clear_pointer (&self->ghost_message, g_free);
  self->ghost_start = self->ghost_end = 0;
  self->ghost_errors = self->ghost_warnings = 0;
}

static void
set_ghost_tooltip (PltTimeline *self)
{
  gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
}

/* The new shift of a CREATE preview: the one of the preview's days that
 * the draft does not have. */
static char *
find_new_shift (PltTimeline *self,
                GPtrArray   *days)
{
  PltSchedule *schedule = get_schedule (self);

  for (guint i = 0; i < days->len; i++)
    {
      PltAgentDay *day = g_ptr_array_index (days, i);

      for (guint j = 0; j < day->shifts->len; j++)
        {
          const PltShift *shift = g_ptr_array_index (day->shifts, j);

          if (plt_schedule_find_shift (schedule, shift->id, NULL) == NULL)
            return g_strdup (shift->id);
        }
    }

  return NULL;
}

static void
update_preview (PltTimeline *self,
                gint64       time,
                const char  *agent)
{
  g_autoptr(PltPlanningCommand) command = NULL;
  g_autoptr(GPtrArray) days = NULL;
  g_autoptr(GPtrArray) violations = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = 0, end = 0;

  command = plt_timeline_drag_command (&self->drag, self->site,
                                       plt_planning_document_get_snap_minutes (self->document),
                                       time, agent, &start, &end);

  /* The pointer moved within the same snapped span: the candidate and its
   * rules are what they were */
  if (command != NULL && self->preview != NULL && start == self->ghost_start && end == self->ghost_end &&
      g_strcmp0 (agent != NULL ? agent : self->drag.agent, self->ghost_agent) == 0)
    return;

  clear_preview (self);
  self->ghost_start = start;
  self->ghost_end = end;
  if (command == NULL)
    {
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }

  self->preview = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) plt_agent_day_unref);
  self->ghost_agent = g_strdup (agent != NULL ? agent : self->drag.agent);

  if (!plt_planning_document_try (self->document, command, &days, &violations, &error))
    {
      /* The edit itself is refused (two shifts at once…): the ghost is an
       * error where the pointer is, drawn over the day as it is. */
      g_autoptr(PltAgentDay) day = NULL;
      GDate date;

      g_date_clear (&date, 1);
      plt_site_get_date (self->site, start, &date);
      day = plt_schedule_dup_day (get_schedule (self), self->ghost_agent, &date);
      self->ghost_shift = g_strdup (self->drag.shift_id != NULL ? self->drag.shift_id : "s-ghost");
      for (guint i = 0; i < day->shifts->len; i++)
        if (g_strcmp0 (((PltShift *) g_ptr_array_index (day->shifts, i))->id, self->ghost_shift) == 0)
          g_ptr_array_remove_index (day->shifts, i--);
      plt_agent_day_add_shift (day, plt_shift_new (self->ghost_shift, start, end, NULL));
      g_hash_table_insert (self->preview, plt_agent_day_key (day->agent, &day->date), g_steal_pointer (&day));
      self->ghost_errors = 1;
      self->ghost_message = g_strdup (error->message);
      self->preview_command = NULL;
      set_ghost_tooltip (self);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }

  for (guint i = 0; i < days->len; i++)
    {
      PltAgentDay *day = g_ptr_array_index (days, i);

      g_hash_table_insert (self->preview, plt_agent_day_key (day->agent, &day->date), plt_agent_day_ref (day));
    }

  if (self->drag.mode == PLT_TIMELINE_DRAG_CREATE)
    self->ghost_shift = find_new_shift (self, days);
  else
    self->ghost_shift = g_strdup (self->drag.shift_id);

  /* Only the violations the candidate has on the dragged span count for
   * the ghost; the list gets them all after the drop. */
  {
    g_autoptr(GString) message = g_string_new (NULL);

    for (guint i = 0; violations != NULL && i < violations->len; i++)
      {
        const PltViolation *violation = g_ptr_array_index (violations, i);

        if (g_strcmp0 (violation->shift_id, self->ghost_shift) != 0 &&
            (violation->end <= start || violation->start >= end))
          continue;

        if (violation->severity == PLT_SEVERITY_ERROR)
          self->ghost_errors++;
        else if (violation->severity == PLT_SEVERITY_WARNING)
          self->ghost_warnings++;
        if (message->len > 0)
          g_string_append_c (message, '\n');
        g_string_append (message, violation->message);
      }
    if (message->len > 0)
      self->ghost_message = g_string_free (g_steal_pointer (&message), FALSE);
  }

  self->preview_command = g_steal_pointer (&command);
  set_ghost_tooltip (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static int
row_at_y (PltTimeline *self,
          double       y)
{
  double scroll_y = self->vadjustment != NULL ? gtk_adjustment_get_value (self->vadjustment) : 0;

  if (y < HEADER_HEIGHT)
    return -1;

  return plt_timeline_rows_at (self->rows, y - HEADER_HEIGHT + scroll_y);
}

/* Press: focus what is under the pointer, and get ready to drag it. */
void
_plt_timeline_drag_begin (PltTimeline *self,
                          double       x,
                          double       y)
{
  const PltPlanningAgent *agent;
  g_autoptr(GArray) blocks = NULL;
  PltTimelineGeometry g;
  int row = row_at_y (self, y);
  int index = -1;

  plt_timeline_drag_clear (&self->drag);
  clear_preview (self);
  self->dragging = FALSE;
  self->drag_moved = FALSE;
  self->drag_x0 = x;
  self->drag_y0 = y;

  agent = row_agent (self, row);
  if (agent == NULL || x < NAMES_WIDTH)
    return;

  geometry (self, &g);
  blocks = row_blocks (self, row, NULL);

  if (plt_timeline_hit_test (blocks, &g, x, EDGE_PX, &index) > PLT_TIMELINE_HIT_EMPTY)
    {
      const PltTimelineBlock *block = &g_array_index (blocks, PltTimelineBlock, index);

      self->cursor_time = block->start;
      set_focus (self, row, block->shift->id, block->activity);
    }
  else
    {
      self->cursor_time = plt_timeline_time_for_x (&g, x);
      set_focus (self, row, NULL, -1);
    }

  if (!can_edit (self))
    return;

  if (plt_timeline_drag_begin (&self->drag, blocks, &g, agent->id, x, EDGE_PX))
    self->dragging = TRUE;
}

void
_plt_timeline_drag_update (PltTimeline *self,
                           double       x,
                           double       y)
{
  const PltPlanningAgent *agent;
  PltTimelineGeometry g;

  if (!self->dragging)
    return;

  if (!self->drag_moved)
    {
      if (fabs (x - self->drag_x0) < 3 && fabs (y - self->drag_y0) < 3)
        return;
      self->drag_moved = TRUE;
    }

  /* Near an edge, the view follows the pointer */
  if (self->vadjustment != NULL)
    {
      double height = gtk_widget_get_height (GTK_WIDGET (self));
      double value = gtk_adjustment_get_value (self->vadjustment);

      if (y > height - 24 && height > HEADER_HEIGHT + 48)
        gtk_adjustment_set_value (self->vadjustment, value + ROW_HEIGHT / 3);
      else if (y < HEADER_HEIGHT + 24 && y >= HEADER_HEIGHT && value > 0)
        gtk_adjustment_set_value (self->vadjustment, value - ROW_HEIGHT / 3);
    }
  if (self->hadjustment != NULL && !self->fit)
    {
      double width = gtk_widget_get_width (GTK_WIDGET (self));
      double value = gtk_adjustment_get_value (self->hadjustment);

      if (x > width - 24)
        gtk_adjustment_set_value (self->hadjustment, value + 12);
      else if (x < NAMES_WIDTH + 24 && value > 0)
        gtk_adjustment_set_value (self->hadjustment, value - 12);
    }

  geometry (self, &g);
  agent = row_agent (self, row_at_y (self, y));
  update_preview (self, plt_timeline_time_for_x (&g, x), agent != NULL ? agent->id : NULL);
}

void
_plt_timeline_drag_end (PltTimeline *self,
                        double       x,
                        double       y)
{
  g_autoptr(PltPlanningCommand) command = NULL;
  g_autofree char *shift = NULL;
  g_autofree char *message = NULL;
  gboolean refused;

  if (!self->dragging)
    return;

  if (self->drag_moved)
    _plt_timeline_drag_update (self, x, y);

  command = g_steal_pointer (&self->preview_command);
  shift = g_strdup (self->ghost_shift);
  refused = command == NULL && self->ghost_message != NULL && self->preview != NULL;
  message = g_strdup (self->ghost_message);

  self->dragging = FALSE;
  clear_preview (self);
  plt_timeline_drag_clear (&self->drag);

  if (refused)
    g_signal_emit (self, signals[EDIT_FAILED], 0, message);
  else if (command != NULL)
    {
      execute (self, command);
      if (shift != NULL && g_strcmp0 (shift, "s-ghost") != 0)
        {
          g_free (self->focus_shift);
          self->focus_shift = g_steal_pointer (&shift);
          self->focus_activity = -1;
        }
      resolve_focus (self);
    }

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
_plt_timeline_is_dragging (PltTimeline *self)
{
  return self->dragging;
}

gboolean
_plt_timeline_get_ghost (PltTimeline *self,
                         gint64      *start,
                         gint64      *end,
                         guint       *n_errors,
                         guint       *n_warnings)
{
  if (!self->dragging || self->preview == NULL)
    return FALSE;

  *start = self->ghost_start;
  *end = self->ghost_end;
  *n_errors = self->ghost_errors;
  *n_warnings = self->ghost_warnings;
  return TRUE;
}

const char *
_plt_timeline_get_description (PltTimeline *self)
{
  return self->description;
}

guint
_plt_timeline_get_n_drawn_rows (PltTimeline *self)
{
  return self->n_drawn_rows;
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               PltTimeline    *self)
{
  if (gtk_widget_get_focusable (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self));
  _plt_timeline_drag_begin (self, x, y);
  if (self->dragging)
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                PltTimeline    *self)
{
  double x, y;

  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  _plt_timeline_drag_update (self, x + dx, y + dy);
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             PltTimeline    *self)
{
  double x, y;

  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  _plt_timeline_drag_end (self, x + dx, y + dy);
}

static void
drag_cancel_cb (GtkGesture       *gesture,
                GdkEventSequence *sequence,
                PltTimeline      *self)
{
  self->dragging = FALSE;
  clear_preview (self);
  plt_timeline_drag_clear (&self->drag);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
show_context_menu (PltTimeline *self,
                   double       x,
                   double       y)
{
  if (self->context_menu == NULL)
    return;

  if (self->popover == NULL)
    {
      self->popover = gtk_popover_menu_new_from_model (self->context_menu);
      gtk_widget_set_parent (self->popover, GTK_WIDGET (self));
      gtk_popover_set_has_arrow (GTK_POPOVER (self->popover), FALSE);
      gtk_widget_set_halign (self->popover, GTK_ALIGN_START);
    }

  gtk_popover_set_pointing_to (GTK_POPOVER (self->popover), &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->popover));
}

static void
click_pressed_cb (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  PltTimeline     *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));

  if (button == GDK_BUTTON_SECONDARY)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self));
      _plt_timeline_drag_begin (self, x, y);
      self->dragging = FALSE;
      plt_timeline_drag_clear (&self->drag);
      show_context_menu (self, x, y);
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      return;
    }

  if (n_press == 2 && self->focus_shift != NULL)
    g_signal_emit (self, signals[ACTIVATE_BLOCK], 0, self->focus_shift, self->focus_activity);
}

static void
motion_cb (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           PltTimeline              *self)
{
  const char *cursor = "default";

  if (can_edit (self) && !self->dragging)
    {
      int row = row_at_y (self, y);

      if (row_agent (self, row) != NULL)
        {
          g_autoptr(GArray) blocks = row_blocks (self, row, NULL);
          PltTimelineGeometry g;
          int index;

          geometry (self, &g);
          switch (plt_timeline_hit_test (blocks, &g, x, EDGE_PX, &index))
            {
            case PLT_TIMELINE_HIT_START:
            case PLT_TIMELINE_HIT_END:
              cursor = "ew-resize";
              break;
            case PLT_TIMELINE_HIT_BODY:
              cursor = "grab";
              break;
            case PLT_TIMELINE_HIT_EMPTY:
              cursor = "crosshair";
              break;
            case PLT_TIMELINE_HIT_NONE:
            default:
              break;
            }
        }
    }
  else if (self->dragging)
    cursor = self->drag.mode == PLT_TIMELINE_DRAG_MOVE ? "grabbing"
             : self->drag.mode == PLT_TIMELINE_DRAG_CREATE ? "crosshair" : "ew-resize";

  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), cursor);
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           PltTimeline              *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  if ((state & GDK_CONTROL_MASK) == 0 || dy == 0)
    return FALSE;

  plt_timeline_zoom_by (self, dy < 0 ? 1.25 : 0.8);
  return TRUE;
}

static gboolean
plt_timeline_query_tooltip (GtkWidget  *widget,
                            int         x,
                            int         y,
                            gboolean    keyboard,
                            GtkTooltip *tooltip)
{
  PltTimeline *self = PLT_TIMELINE (widget);
  const PltPlanningAgent *agent;
  g_autoptr(GArray) blocks = NULL;
  g_autoptr(GString) text = NULL;
  PltTimelineGeometry g;
  int row, index;

  if (self->dragging)
    {
      if (self->ghost_message == NULL)
        return FALSE;
      gtk_tooltip_set_text (tooltip, self->ghost_message);
      return TRUE;
    }

  row = keyboard ? self->focus_row : row_at_y (self, y);
  agent = row_agent (self, row);
  if (agent == NULL || self->site == NULL)
    return FALSE;

  geometry (self, &g);
  blocks = row_blocks (self, row, NULL);
  if (keyboard)
    index = plt_timeline_blocks_find (blocks, self->focus_shift, self->focus_activity);
  else if (plt_timeline_hit_test (blocks, &g, x, 0, &index) <= PLT_TIMELINE_HIT_EMPTY)
    index = -1;

  text = g_string_new (NULL);
  if (index >= 0)
    {
      const PltTimelineBlock *block = &g_array_index (blocks, PltTimelineBlock, index);
      g_autofree char *span = plt_timeline_describe_span (block->kind, self->site, block->start, block->end);

      g_string_append (text, span);
    }

  {
    GPtrArray *list = g_hash_table_lookup (self->violations, agent->id);
    gint64 time = plt_timeline_time_for_x (&g, x);

    for (guint i = 0; list != NULL && i < list->len; i++)
      {
        const PltViolation *violation = g_ptr_array_index (list, i);

        if (time >= violation->start - 10 * PLT_MS_PER_MINUTE && time <= violation->end + 10 * PLT_MS_PER_MINUTE)
          g_string_append_printf (text, "%s%s", text->len > 0 ? "\n" : "", violation->message);
      }
  }

  if (text->len == 0)
    return FALSE;

  gtk_tooltip_set_text (tooltip, text->str);
  return TRUE;
}

/* ---------------------------------------------------------------------------
 * Templates dropped
 */

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         PltTimeline   *self)
{
  const char *text = g_value_get_string (value);
  const PltPlanningAgent *agent = row_agent (self, row_at_y (self, y));
  PltTimelineGeometry g;
  char date_text[11];
  GDate date;

  self->drop_row = -1;
  self->drop_day = 0;
  gtk_widget_queue_draw (GTK_WIDGET (self));

  if (!can_edit (self) || agent == NULL || text == NULL || !g_str_has_prefix (text, "plateau-template:"))
    return FALSE;

  geometry (self, &g);
  g_date_clear (&date, 1);
  plt_site_get_date (self->site, plt_timeline_time_for_x (&g, x), &date);
  plt_date_to_string (&date, date_text);
  g_signal_emit (self, signals[TEMPLATE_DROPPED], 0, text + strlen ("plateau-template:"), agent->id, date_text);

  return TRUE;
}

static GdkDragAction
drop_motion_cb (GtkDropTarget *target,
                double         x,
                double         y,
                PltTimeline   *self)
{
  PltTimelineGeometry g;
  int row = row_at_y (self, y);

  if (!can_edit (self) || row_agent (self, row) == NULL)
    {
      self->drop_row = -1;
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return 0;
    }

  geometry (self, &g);
  self->drop_row = row;
  self->drop_day = plt_timeline_time_for_x (&g, x);
  gtk_widget_queue_draw (GTK_WIDGET (self));

  return GDK_ACTION_COPY;
}

static void
drop_leave_cb (GtkDropTarget *target,
               PltTimeline   *self)
{
  self->drop_row = -1;
  self->drop_day = 0;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---------------------------------------------------------------------------
 * Actions (the keys are bound to them)
 */

static void
edit_key_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PltTimeline *self = PLT_TIMELINE (widget);
  PltTimelineKeyOp op = g_variant_get_int32 (parameter);
  g_autoptr(PltPlanningCommand) command = NULL;
  PltTimelineBlock block;

  if (!lookup_focus_block (self, &block))
    {
      /* Without a block, Left and Right move the cursor. */
      if ((op == PLT_TIMELINE_KEY_MOVE_EARLIER || op == PLT_TIMELINE_KEY_MOVE_LATER) && self->site != NULL)
        {
          guint snap = self->document != NULL ? plt_planning_document_get_snap_minutes (self->document) : 15;
          gint64 step = (gint64) MAX (snap, 5) * PLT_MS_PER_MINUTE;

          self->cursor_time = CLAMP (plt_site_snap (self->site, self->cursor_time, MAX (snap, 5)) +
                                     (op == PLT_TIMELINE_KEY_MOVE_LATER ? step : -step),
                                     self->range_start, self->range_end - step);
          scroll_into_view (self, self->focus_row, self->cursor_time, self->cursor_time + step);
          update_description (self);
          gtk_widget_queue_draw (widget);
        }
      return;
    }

  if (!can_edit (self))
    return;

  command = plt_timeline_key_command (&block, self->site,
                                      plt_planning_document_get_snap_minutes (self->document), op);
  if (command == NULL)
    {
      gtk_widget_error_bell (widget);
      return;
    }

  execute (self, command);
  resolve_focus (self);
  {
    PltTimelineBlock after;

    if (lookup_focus_block (self, &after))
      {
        self->cursor_time = after.start;
        scroll_into_view (self, self->focus_row, after.start, after.end);
      }
  }
  update_description (self);
  g_signal_emit (self, signals[FOCUS_CHANGED], 0);
}

static void
focus_block_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PltTimeline *self = PLT_TIMELINE (widget);
  int direction = g_variant_get_int32 (parameter);
  g_autoptr(GArray) blocks = row_blocks (self, self->focus_row, NULL);
  int index;

  if (blocks == NULL || blocks->len == 0)
    return;

  index = plt_timeline_blocks_find (blocks, self->focus_shift, self->focus_activity);
  if (index < 0)
    {
      /* From the cursor: the first block after it, or the last before. */
      index = -1;
      for (guint i = 0; i < blocks->len; i++)
        {
          const PltTimelineBlock *block = &g_array_index (blocks, PltTimelineBlock, i);

          if (direction > 0 ? block->start >= self->cursor_time : block->start <= self->cursor_time)
            {
              index = (int) i;
              if (direction > 0)
                break;
            }
        }
      if (index < 0)
        index = direction > 0 ? 0 : (int) blocks->len - 1;
    }
  else if (direction == 2)
    index = (int) blocks->len - 1;
  else if (direction == -2)
    index = 0;
  else
    index = CLAMP (index + direction, 0, (int) blocks->len - 1);

  {
    const PltTimelineBlock *block = &g_array_index (blocks, PltTimelineBlock, index);

    self->cursor_time = block->start;
    set_focus (self, self->focus_row, block->shift->id, block->activity);
    scroll_into_view (self, self->focus_row, block->start, block->end);
  }
}

static void
focus_row_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PltTimeline *self = PLT_TIMELINE (widget);
  int direction = g_variant_get_int32 (parameter);
  g_autoptr(GArray) blocks = NULL;
  PltTimelineBlock current;
  int row, index;

  if (lookup_focus_block (self, &current))
    self->cursor_time = current.start;

  row = plt_timeline_rows_step (self->rows, self->focus_row, direction);
  if (row < 0)
    {
      gtk_widget_error_bell (widget);
      return;
    }

  blocks = row_blocks (self, row, NULL);
  index = plt_timeline_blocks_nearest (blocks, self->cursor_time);
  if (index >= 0)
    {
      const PltTimelineBlock *block = &g_array_index (blocks, PltTimelineBlock, index);

      /* Only a block under the cursor's day: far ones would jump. */
      if (ABS (block->start - self->cursor_time) > 12 * PLT_MS_PER_HOUR &&
          !(self->cursor_time >= block->start && self->cursor_time < block->end))
        index = -1;
    }

  if (index >= 0)
    {
      const PltTimelineBlock *block = &g_array_index (blocks, PltTimelineBlock, index);

      set_focus (self, row, block->shift->id, block->activity);
    }
  else
    set_focus (self, row, NULL, -1);

  scroll_into_view (self, row, self->cursor_time, self->cursor_time);
}

static void
activate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PltTimeline *self = PLT_TIMELINE (widget);

  if (self->focus_shift != NULL)
    g_signal_emit (self, signals[ACTIVATE_BLOCK], 0, self->focus_shift, self->focus_activity);
}

static void
new_shift_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PltTimeline *self = PLT_TIMELINE (widget);
  const PltPlanningAgent *agent = row_agent (self, self->focus_row);
  g_autoptr(PltPlanningCommand) command = NULL;
  PltSchedule *schedule = get_schedule (self);
  g_autoptr(GArray) before = NULL;
  g_autoptr(GArray) after = NULL;

  if (!can_edit (self) || agent == NULL)
    return;

  command = plt_timeline_new_shift_command (agent->id, self->site,
                                            plt_planning_document_get_snap_minutes (self->document),
                                            self->cursor_time, 8 * 60);
  before = row_blocks (self, self->focus_row, NULL);
  execute (self, command);
  after = row_blocks (self, self->focus_row, NULL);

  /* Focus the new shift: the one that was not there. */
  for (guint i = 0; after != NULL && i < after->len; i++)
    {
      const PltTimelineBlock *block = &g_array_index (after, PltTimelineBlock, i);

      if (block->activity < 0 && plt_timeline_blocks_find (before, block->shift->id, -1) < 0)
        {
          set_focus (self, self->focus_row, block->shift->id, -1);
          break;
        }
    }
  (void) schedule;
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PltTimeline *self = PLT_TIMELINE (widget);

  if (self->dragging)
    {
      gtk_event_controller_reset (GTK_EVENT_CONTROLLER (self->drag_gesture));
      self->dragging = FALSE;
      clear_preview (self);
      plt_timeline_drag_clear (&self->drag);
      gtk_widget_queue_draw (widget);
      return;
    }

  if (self->focus_shift != NULL)
    set_focus (self, self->focus_row, NULL, -1);
}

static void
context_menu_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PltTimeline *self = PLT_TIMELINE (widget);
  GdkRectangle rect;

  if (plt_timeline_get_focus_rect (self, &rect))
    show_context_menu (self, rect.x + rect.width / 2.0, rect.y + rect.height);
  else
    {
      double x, y;
      const PltPlanningAgent *agent = row_agent (self, self->focus_row);

      if (agent != NULL && plt_timeline_get_point (self, agent->id, self->cursor_time, &x, &y))
        show_context_menu (self, x, y);
    }
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PltTimeline *self = PLT_TIMELINE (widget);
  int direction = g_variant_get_int32 (parameter);

  if (direction == 0)
    plt_timeline_set_fit (self, TRUE);
  else
    plt_timeline_zoom_by (self, direction > 0 ? 1.5 : 1 / 1.5);
}

/* ---------------------------------------------------------------------------
 * GObject
 */

static void
now_tick_cb (gpointer user_data)
{
  gtk_widget_queue_draw (GTK_WIDGET (user_data));
}

static gboolean
now_timeout_cb (gpointer user_data)
{
  now_tick_cb (user_data);
  return G_SOURCE_CONTINUE;
}

static void
plt_timeline_css_changed (GtkWidget         *widget,
                          GtkCssStyleChange *change)
{
  PltTimeline *self = PLT_TIMELINE (widget);

  GTK_WIDGET_CLASS (plt_timeline_parent_class)->css_changed (widget, change);

  plt_timeline_palette_load (&self->palette, widget);
  clear_layouts (self);
  gtk_widget_queue_draw (widget);
}

static void
plt_timeline_map (GtkWidget *widget)
{
  PltTimeline *self = PLT_TIMELINE (widget);

  GTK_WIDGET_CLASS (plt_timeline_parent_class)->map (widget);

  if (self->now_source == 0)
    self->now_source = g_timeout_add_seconds (30, now_timeout_cb, self);
}

static void
plt_timeline_unmap (GtkWidget *widget)
{
  PltTimeline *self = PLT_TIMELINE (widget);

  g_clear_handle_id (&self->now_source, g_source_remove);
  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (widget, self->tick_id);
      self->tick_id = 0;
      process_changes (self);
    }

  GTK_WIDGET_CLASS (plt_timeline_parent_class)->unmap (widget);
}

static void
plt_timeline_focus_changed (PltTimeline *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
disconnect_document (PltTimeline *self)
{
  if (self->document != NULL)
    {
      g_clear_signal_handler (&self->changed_id, self->document);
      g_clear_object (&self->document);
    }
}

static void
plt_timeline_dispose (GObject *object)
{
  PltTimeline *self = PLT_TIMELINE (object);

  g_clear_handle_id (&self->now_source, g_source_remove);
  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
  g_clear_pointer (&self->popover, gtk_widget_unparent);

  disconnect_document (self);
  clear_preview (self);
  plt_timeline_drag_clear (&self->drag);
  g_clear_object (&self->clock);
  g_clear_object (&self->context_menu);
  g_clear_pointer (&self->schedule, plt_schedule_unref);
  g_clear_pointer (&self->agents, g_ptr_array_unref);
  g_clear_pointer (&self->diffs, g_ptr_array_unref);
  g_clear_pointer (&self->diff_by_agent, g_hash_table_unref);

  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->hadjustment, adjustment_value_changed_cb, self);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->vadjustment, adjustment_value_changed_cb, self);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);

  plt_timeline_palette_clear (&self->palette);

  G_OBJECT_CLASS (plt_timeline_parent_class)->dispose (object);
}

static void
plt_timeline_finalize (GObject *object)
{
  PltTimeline *self = PLT_TIMELINE (object);

  g_clear_pointer (&self->site, plt_site_free);
  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->agent_index, g_hash_table_unref);
  g_clear_pointer (&self->team_names, g_hash_table_unref);
  g_clear_pointer (&self->layouts, g_hash_table_unref);
  g_clear_pointer (&self->name_layouts, g_hash_table_unref);
  g_clear_pointer (&self->violations, g_hash_table_unref);
  g_clear_pointer (&self->dirty_agents, g_hash_table_unref);
  g_clear_pointer (&self->focus_shift, g_free);
  g_clear_pointer (&self->description, g_free);

  G_OBJECT_CLASS (plt_timeline_parent_class)->finalize (object);
}

static void
plt_timeline_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  PltTimeline *self = PLT_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_EDITABLE:
      g_value_set_boolean (value, self->editable);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->px_per_min);
      break;
    case PROP_FIT:
      g_value_set_boolean (value, self->fit);
      break;
    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;
    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;
    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;
    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
plt_timeline_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  PltTimeline *self = PLT_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      plt_timeline_set_document (self, g_value_get_object (value));
      break;
    case PROP_EDITABLE:
      plt_timeline_set_editable (self, g_value_get_boolean (value));
      break;
    case PROP_ZOOM:
      plt_timeline_set_zoom (self, g_value_get_double (value));
      break;
    case PROP_FIT:
      plt_timeline_set_fit (self, g_value_get_boolean (value));
      break;
    case PROP_HADJUSTMENT:
      set_adjustment (self, &self->hadjustment, g_value_get_object (value));
      break;
    case PROP_VADJUSTMENT:
      set_adjustment (self, &self->vadjustment, g_value_get_object (value));
      break;
    case PROP_HSCROLL_POLICY:
      if (self->hscroll_policy != (guint) g_value_get_enum (value))
        {
          self->hscroll_policy = g_value_get_enum (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_VSCROLL_POLICY:
      if (self->vscroll_policy != (guint) g_value_get_enum (value))
        {
          self->vscroll_policy = g_value_get_enum (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
plt_timeline_class_init (PltTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = plt_timeline_dispose;
  object_class->finalize = plt_timeline_finalize;
  object_class->get_property = plt_timeline_get_property;
  object_class->set_property = plt_timeline_set_property;

  widget_class->measure = plt_timeline_measure;
  widget_class->size_allocate = plt_timeline_size_allocate;
  widget_class->snapshot = plt_timeline_snapshot;
  widget_class->css_changed = plt_timeline_css_changed;
  widget_class->map = plt_timeline_map;
  widget_class->unmap = plt_timeline_unmap;
  widget_class->query_tooltip = plt_timeline_query_tooltip;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL,
                         PLT_TYPE_PLANNING_DOCUMENT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_EDITABLE] =
    g_param_spec_boolean ("editable", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL,
                         0.01, MAX_ZOOM, 1.0,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_FIT] =
    g_param_spec_boolean ("fit", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  signals[ACTIVATE_BLOCK] =
    g_signal_new ("activate-block", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_INT);
  signals[FOCUS_CHANGED] =
    g_signal_new ("focus-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[VIOLATIONS_CHANGED] =
    g_signal_new ("violations-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[EDIT_FAILED] =
    g_signal_new ("edit-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[GEOMETRY_CHANGED] =
    g_signal_new ("geometry-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[TEMPLATE_DROPPED] =
    g_signal_new ("template-dropped", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "timeline.edit-key", "i", edit_key_action);
  gtk_widget_class_install_action (widget_class, "timeline.focus-block", "i", focus_block_action);
  gtk_widget_class_install_action (widget_class, "timeline.focus-row", "i", focus_row_action);
  gtk_widget_class_install_action (widget_class, "timeline.activate", NULL, activate_action);
  gtk_widget_class_install_action (widget_class, "timeline.new-shift", NULL, new_shift_action);
  gtk_widget_class_install_action (widget_class, "timeline.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "timeline.context-menu", NULL, context_menu_action);
  gtk_widget_class_install_action (widget_class, "timeline.zoom", "i", zoom_action);

#define BIND(key, mods, action, ...) \
  gtk_widget_class_add_binding_action (widget_class, key, mods, action, __VA_ARGS__)

  BIND (GDK_KEY_Left, 0, "timeline.edit-key", "i", PLT_TIMELINE_KEY_MOVE_EARLIER);
  BIND (GDK_KEY_Right, 0, "timeline.edit-key", "i", PLT_TIMELINE_KEY_MOVE_LATER);
  BIND (GDK_KEY_Left, GDK_SHIFT_MASK, "timeline.edit-key", "i", PLT_TIMELINE_KEY_SHRINK_END);
  BIND (GDK_KEY_Right, GDK_SHIFT_MASK, "timeline.edit-key", "i", PLT_TIMELINE_KEY_GROW_END);
  BIND (GDK_KEY_Left, GDK_SHIFT_MASK | GDK_ALT_MASK, "timeline.edit-key", "i", PLT_TIMELINE_KEY_GROW_START);
  BIND (GDK_KEY_Right, GDK_SHIFT_MASK | GDK_ALT_MASK, "timeline.edit-key", "i", PLT_TIMELINE_KEY_SHRINK_START);
  BIND (GDK_KEY_s, 0, "timeline.edit-key", "i", PLT_TIMELINE_KEY_SPLIT);
  BIND (GDK_KEY_Delete, 0, "timeline.edit-key", "i", PLT_TIMELINE_KEY_DELETE);
  BIND (GDK_KEY_KP_Delete, 0, "timeline.edit-key", "i", PLT_TIMELINE_KEY_DELETE);
  BIND (GDK_KEY_BackSpace, 0, "timeline.edit-key", "i", PLT_TIMELINE_KEY_DELETE);
  BIND (GDK_KEY_Left, GDK_CONTROL_MASK, "timeline.focus-block", "i", -1);
  BIND (GDK_KEY_Right, GDK_CONTROL_MASK, "timeline.focus-block", "i", 1);
  BIND (GDK_KEY_Home, 0, "timeline.focus-block", "i", -2);
  BIND (GDK_KEY_End, 0, "timeline.focus-block", "i", 2);
  BIND (GDK_KEY_Up, 0, "timeline.focus-row", "i", -1);
  BIND (GDK_KEY_Down, 0, "timeline.focus-row", "i", 1);
  BIND (GDK_KEY_Return, 0, "timeline.activate", NULL);
  BIND (GDK_KEY_KP_Enter, 0, "timeline.activate", NULL);
  BIND (GDK_KEY_Insert, 0, "timeline.new-shift", NULL);
  BIND (GDK_KEY_n, 0, "timeline.new-shift", NULL);
  BIND (GDK_KEY_Escape, 0, "timeline.cancel", NULL);
  BIND (GDK_KEY_Menu, 0, "timeline.context-menu", NULL);
  BIND (GDK_KEY_F10, GDK_SHIFT_MASK, "timeline.context-menu", NULL);
  BIND (GDK_KEY_plus, GDK_CONTROL_MASK, "timeline.zoom", "i", 1);
  BIND (GDK_KEY_equal, GDK_CONTROL_MASK, "timeline.zoom", "i", 1);
  BIND (GDK_KEY_KP_Add, GDK_CONTROL_MASK, "timeline.zoom", "i", 1);
  BIND (GDK_KEY_minus, GDK_CONTROL_MASK, "timeline.zoom", "i", -1);
  BIND (GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "timeline.zoom", "i", -1);
  BIND (GDK_KEY_0, GDK_CONTROL_MASK, "timeline.zoom", "i", 0);

#undef BIND

  gtk_widget_class_set_css_name (widget_class, "timeline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_WIDGET);
}

static void
plt_timeline_init (PltTimeline *self)
{
  GtkEventController *controller;
  GtkDropTarget *drop;

  self->editable = TRUE;
  self->fit = TRUE;
  self->px_per_min = 1.0;
  self->focus_row = -1;
  self->focus_activity = -1;
  self->drop_row = -1;
  self->drag.activity = -1;
  g_date_clear (&self->first_date, 1);

  self->agent_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->team_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->layouts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->name_layouts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->violations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  self->dirty_agents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->rows = g_array_new (FALSE, TRUE, sizeof (PltTimelineRow));

  set_adjustment (self, &self->hadjustment, NULL);
  set_adjustment (self, &self->vadjustment, NULL);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  self->drag_gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (self->drag_gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect (self->drag_gesture, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (self->drag_gesture, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (self->drag_gesture, "drag-end", G_CALLBACK (drag_end_cb), self);
  g_signal_connect (self->drag_gesture, "cancel", G_CALLBACK (drag_cancel_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (self->drag_gesture));

  controller = GTK_EVENT_CONTROLLER (gtk_gesture_click_new ());
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (controller), 0);
  g_signal_connect (controller, "pressed", G_CALLBACK (click_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  g_signal_connect (controller, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (controller, "enter", G_CALLBACK (plt_timeline_focus_changed), self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (plt_timeline_focus_changed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  drop = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
  g_signal_connect (drop, "motion", G_CALLBACK (drop_motion_cb), self);
  g_signal_connect (drop, "leave", G_CALLBACK (drop_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Planning timeline"),
                                  -1);
}

/* ---------------------------------------------------------------------------
 * Public API
 */

GtkWidget *
plt_timeline_new (void)
{
  return g_object_new (PLT_TYPE_TIMELINE, NULL);
}

static void
take_source (PltTimeline   *self,
             GPtrArray     *agents,
             const PltSite *site)
{
  if (agents != NULL)
    g_ptr_array_ref (agents);
  g_clear_pointer (&self->agents, g_ptr_array_unref);
  self->agents = agents;

  if (site != self->site)
    {
      g_clear_pointer (&self->site, plt_site_free);
      self->site = site != NULL ? plt_site_copy (site) : NULL;
    }

  clear_preview (self);
  self->dragging = FALSE;
  g_clear_pointer (&self->focus_shift, g_free);
  self->focus_activity = -1;
  g_hash_table_remove_all (self->violations);
  update_range (self);
  rebuild_rows (self);
  self->check_all = TRUE;
  schedule_changes (self);
}

void
plt_timeline_set_document (PltTimeline         *self,
                           PltPlanningDocument *document)
{
  g_return_if_fail (PLT_IS_TIMELINE (self));
  g_return_if_fail (document == NULL || PLT_IS_PLANNING_DOCUMENT (document));

  if (self->document == document)
    return;

  disconnect_document (self);
  g_clear_pointer (&self->schedule, plt_schedule_unref);

  if (document != NULL)
    {
      self->document = g_object_ref (document);
      self->changed_id = g_signal_connect_swapped (document, "changed",
                                                   G_CALLBACK (document_changed_cb), self);
      take_source (self, plt_planning_document_get_agents (document),
                   plt_planning_document_get_site (document));
    }
  else
    take_source (self, NULL, NULL);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

PltPlanningDocument *
plt_timeline_get_document (PltTimeline *self)
{
  g_return_val_if_fail (PLT_IS_TIMELINE (self), NULL);

  return self->document;
}

void
plt_timeline_set_schedule (PltTimeline   *self,
                           PltSchedule   *schedule,
                           GPtrArray     *agents,
                           const PltSite *site)
{
  g_return_if_fail (PLT_IS_TIMELINE (self));

  if (self->document != NULL)
    {
      disconnect_document (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
    }

  if (schedule != NULL)
    plt_schedule_ref (schedule);
  g_clear_pointer (&self->schedule, plt_schedule_unref);
  self->schedule = schedule;

  take_source (self, agents, site);
}

void
plt_timeline_reload (PltTimeline *self)
{
  g_return_if_fail (PLT_IS_TIMELINE (self));

  if (self->document != NULL)
    take_source (self, plt_planning_document_get_agents (self->document),
                 plt_planning_document_get_site (self->document));
  else
    take_source (self, self->agents, self->site);
}

void
plt_timeline_set_range (PltTimeline *self,
                        const GDate *first,
                        guint        n_days)
{
  g_return_if_fail (PLT_IS_TIMELINE (self));
  g_return_if_fail (first != NULL && g_date_valid (first));
  g_return_if_fail (n_days >= 1 && n_days <= 31);

  if (g_date_valid (&self->first_date) && g_date_compare (first, &self->first_date) == 0 &&
      n_days == self->n_days)
    return;

  self->first_date = *first;
  self->n_days = n_days;
  update_range (self);
  if (self->hadjustment != NULL)
    gtk_adjustment_set_value (self->hadjustment, 0);
  self->check_all = TRUE;
  schedule_changes (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

void
plt_timeline_get_range (PltTimeline *self,
                        GDate       *first,
                        guint       *n_days)
{
  g_return_if_fail (PLT_IS_TIMELINE (self));

  if (first != NULL)
    *first = self->first_date;
  if (n_days != NULL)
    *n_days = self->n_days;
}

void
plt_timeline_set_editable (PltTimeline *self,
                           gboolean     editable)
{
  g_return_if_fail (PLT_IS_TIMELINE (self));

  editable = !!editable;
  if (self->editable == editable)
    return;

  self->editable = editable;
  if (!editable && self->dragging)
    cancel_action (GTK_WIDGET (self), NULL, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_READ_ONLY, !editable,
                                  -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITABLE]);
}

gboolean
plt_timeline_get_editable (PltTimeline *self)
{
  g_return_val_if_fail (PLT_IS_TIMELINE (self), FALSE);

  return self->editable;
}

void
plt_timeline_set_clock (PltTimeline *self,
                        PltClock    *clock)
{
  g_return_if_fail (PLT_IS_TIMELINE (self));

  if (g_set_object (&self->clock, clock))
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
plt_timeline_set_zoom (PltTimeline *self,
                       double       px_per_min)
{
  g_return_if_fail (PLT_IS_TIMELINE (self));

  px_per_min = CLAMP (px_per_min, 0.01, MAX_ZOOM);
  if (!self->fit && self->px_per_min == px_per_min)
    return;

  self->px_per_min = px_per_min;
  if (self->fit)
    {
      self->fit = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIT]);
    }
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

double
plt_timeline_get_zoom (PltTimeline *self)
{
  g_return_val_if_fail (PLT_IS_TIMELINE (self), 1.0);

  return self->px_per_min;
}

void
plt_timeline_set_fit (PltTimeline *self,
                      gboolean     fit)
{
  g_return_if_fail (PLT_IS_TIMELINE (self));

  fit = !!fit;
  if (self->fit == fit)
    return;

  self->fit = fit;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIT]);
}

gboolean
plt_timeline_get_fit (PltTimeline *self)
{
  g_return_val_if_fail (PLT_IS_TIMELINE (self), TRUE);

  return self->fit;
}

void
plt_timeline_zoom_by (PltTimeline *self,
                      double       factor)
{
  double axis = MAX (gtk_widget_get_width (GTK_WIDGET (self)) - NAMES_WIDTH, 1);
  double fit_zoom = plt_timeline_fit_zoom (self->range_start, self->range_end, axis);
  double center = gtk_adjustment_get_value (self->hadjustment) + axis / 2;
  double minutes = center / self->px_per_min;
  double zoom = CLAMP (self->px_per_min * factor, fit_zoom, MAX_ZOOM);

  g_return_if_fail (PLT_IS_TIMELINE (self));

  if (zoom <= fit_zoom * 1.001)
    {
      plt_timeline_set_fit (self, TRUE);
      return;
    }

  plt_timeline_set_zoom (self, zoom);
  configure_adjustments (self);
  gtk_adjustment_set_value (self->hadjustment, minutes * zoom - axis / 2);
}

void
plt_timeline_set_context_menu (PltTimeline *self,
                               GMenuModel  *menu)
{
  g_return_if_fail (PLT_IS_TIMELINE (self));

  if (g_set_object (&self->context_menu, menu))
    g_clear_pointer (&self->popover, gtk_widget_unparent);
}

void
plt_timeline_set_team_name (PltTimeline *self,
                            const char  *team,
                            const char  *name)
{
  g_return_if_fail (PLT_IS_TIMELINE (self));
  g_return_if_fail (team != NULL);

  if (name != NULL)
    g_hash_table_replace (self->team_names, g_strdup (team), g_strdup (name));
  else
    g_hash_table_remove (self->team_names, team);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
plt_timeline_set_diff (PltTimeline *self,
                       GPtrArray   *diffs)
{
  g_return_if_fail (PLT_IS_TIMELINE (self));

  if (diffs != NULL)
    g_ptr_array_ref (diffs);
  g_clear_pointer (&self->diffs, g_ptr_array_unref);
  g_clear_pointer (&self->diff_by_agent, g_hash_table_unref);
  self->diffs = diffs;

  if (diffs != NULL)
    {
      self->diff_by_agent = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                   (GDestroyNotify) g_ptr_array_unref);
      for (guint i = 0; i < diffs->len; i++)
        {
          const PltDayDiff *diff = g_ptr_array_index (diffs, i);
          GPtrArray *changes = g_hash_table_lookup (self->diff_by_agent, diff->agent);

          if (changes == NULL)
            {
              changes = g_ptr_array_new ();
              g_hash_table_insert (self->diff_by_agent, diff->agent, changes);
            }
          for (guint j = 0; j < diff->changes->len; j++)
            g_ptr_array_add (changes, g_ptr_array_index (diff->changes, j));
        }
    }

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
plt_timeline_focus_block (PltTimeline *self,
                          const char  *shift_id,
                          int          activity)
{
  PltSchedule *schedule;
  const PltShift *shift = NULL;
  PltAgentDay *day;
  int row;

  g_return_val_if_fail (PLT_IS_TIMELINE (self), FALSE);

  schedule = get_schedule (self);
  if (schedule == NULL || shift_id == NULL)
    return FALSE;

  day = plt_schedule_find_shift (schedule, shift_id, &shift);
  if (day == NULL || (row = row_of_agent (self, day->agent)) < 0)
    return FALSE;

  if (activity >= (int) shift->activities->len)
    activity = -1;

  self->cursor_time = shift->start;
  set_focus (self, row, shift_id, activity);
  scroll_into_view (self, row, shift->start, shift->end);

  return TRUE;
}

gboolean
plt_timeline_get_focus (PltTimeline  *self,
                        char        **shift_id,
                        int          *activity)
{
  g_return_val_if_fail (PLT_IS_TIMELINE (self), FALSE);

  if (shift_id != NULL)
    *shift_id = g_strdup (self->focus_shift);
  if (activity != NULL)
    *activity = self->focus_activity;

  return self->focus_shift != NULL;
}

const char *
plt_timeline_get_focus_agent (PltTimeline *self)
{
  const PltPlanningAgent *agent;

  g_return_val_if_fail (PLT_IS_TIMELINE (self), NULL);

  agent = row_agent (self, self->focus_row);
  return agent != NULL ? agent->id : NULL;
}

gint64
plt_timeline_get_cursor_time (PltTimeline *self)
{
  g_return_val_if_fail (PLT_IS_TIMELINE (self), 0);

  return self->cursor_time;
}

void
plt_timeline_scroll_to (PltTimeline *self,
                        const char  *agent,
                        gint64       time)
{
  g_autoptr(GArray) blocks = NULL;
  int row;
  int index = -1;

  g_return_if_fail (PLT_IS_TIMELINE (self));

  row = row_of_agent (self, agent);
  if (row < 0)
    return;

  self->cursor_time = CLAMP (time, self->range_start, MAX (self->range_end - 1, self->range_start));
  blocks = row_blocks (self, row, NULL);
  for (guint i = 0; blocks != NULL && i < blocks->len; i++)
    {
      const PltTimelineBlock *block = &g_array_index (blocks, PltTimelineBlock, i);

      if (block->activity < 0 && time >= block->start && time < block->end)
        index = (int) i;
    }

  if (index >= 0)
    {
      const PltTimelineBlock *block = &g_array_index (blocks, PltTimelineBlock, index);

      set_focus (self, row, block->shift->id, -1);
      scroll_into_view (self, row, block->start, block->end);
    }
  else
    {
      set_focus (self, row, NULL, -1);
      scroll_into_view (self, row, time, time + PLT_MS_PER_HOUR);
    }
}

gboolean
plt_timeline_get_point (PltTimeline *self,
                        const char  *agent,
                        gint64       time,
                        double      *x,
                        double      *y)
{
  PltTimelineGeometry g;
  const PltTimelineRow *row;
  int index;

  g_return_val_if_fail (PLT_IS_TIMELINE (self), FALSE);

  index = row_of_agent (self, agent);
  if (index < 0)
    return FALSE;

  geometry (self, &g);
  row = &g_array_index (self->rows, PltTimelineRow, index);
  *x = plt_timeline_x_for_time (&g, time);
  *y = row_top (self, row) + row->height / 2.0;

  return TRUE;
}

gboolean
plt_timeline_get_focus_rect (PltTimeline  *self,
                             GdkRectangle *rect)
{
  PltTimelineGeometry g;
  PltTimelineBlock block;
  const PltTimelineRow *row;
  double x0, x1;

  g_return_val_if_fail (PLT_IS_TIMELINE (self), FALSE);

  if (self->focus_row < 0 || !lookup_focus_block (self, &block))
    return FALSE;

  geometry (self, &g);
  row = &g_array_index (self->rows, PltTimelineRow, self->focus_row);
  x0 = MAX (plt_timeline_x_for_time (&g, block.start), NAMES_WIDTH);
  x1 = MAX (plt_timeline_x_for_time (&g, block.end), x0 + 1);
  rect->x = (int) x0;
  rect->y = (int) (row_top (self, row) + BLOCK_INSET);
  rect->width = (int) (x1 - x0);
  rect->height = (int) (row->height - 2 * BLOCK_INSET);

  return TRUE;
}

const PltSite *
plt_timeline_get_site (PltTimeline *self)
{
  g_return_val_if_fail (PLT_IS_TIMELINE (self), NULL);

  return self->site;
}

void
plt_timeline_get_geometry (PltTimeline         *self,
                           PltTimelineGeometry *g)
{
  g_return_if_fail (PLT_IS_TIMELINE (self));

  geometry (self, g);
}

static int
compare_violations (gconstpointer a,
                    gconstpointer b)
{
  const PltViolation *va = *(const PltViolation * const *) a;
  const PltViolation *vb = *(const PltViolation * const *) b;
  int c;

  if (va->severity != vb->severity)
    return va->severity > vb->severity ? -1 : 1;
  if ((c = g_strcmp0 (va->agent, vb->agent)) != 0)
    return c;
  if (va->start != vb->start)
    return va->start < vb->start ? -1 : 1;
  return (int) va->rule - (int) vb->rule;
}

GPtrArray *
plt_timeline_get_violations (PltTimeline *self)
{
  GPtrArray *all = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (PLT_IS_TIMELINE (self), all);

  g_hash_table_iter_init (&iter, self->violations);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      GPtrArray *list = value;

      for (guint i = 0; i < list->len; i++)
        g_ptr_array_add (all, g_ptr_array_index (list, i));
    }

  g_ptr_array_sort (all, compare_violations);
  return all;
}

guint
plt_timeline_count_violations (PltTimeline *self,
                               PltSeverity  severity)
{
  GHashTableIter iter;
  gpointer value;
  guint n = 0;

  g_return_val_if_fail (PLT_IS_TIMELINE (self), 0);

  g_hash_table_iter_init (&iter, self->violations);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      GPtrArray *list = value;

      for (guint i = 0; i < list->len; i++)
        if (((const PltViolation *) g_ptr_array_index (list, i))->severity == severity)
          n++;
    }

  return n;
}
