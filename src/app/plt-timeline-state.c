/* plt-timeline-state.c — the planning timeline's geometry, rows, blocks,
 * hit testing and edits, as pure functions of values
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "plt-timeline-state.h"

/* ---------------------------------------------------------------------------
 * Geometry
 */

double
plt_timeline_x_for_time (const PltTimelineGeometry *geometry,
                         gint64                     time)
{
  return geometry->names_width - geometry->scroll_x +
         (double) (time - geometry->start) / PLT_MS_PER_MINUTE * geometry->px_per_min;
}

gint64
plt_timeline_time_for_x (const PltTimelineGeometry *geometry,
                         double                     x)
{
  double minutes;

  if (geometry->px_per_min <= 0)
    return geometry->start;

  minutes = (x - geometry->names_width + geometry->scroll_x) / geometry->px_per_min;
  return geometry->start + (gint64) llround (minutes) * PLT_MS_PER_MINUTE;
}

double
plt_timeline_content_width (const PltTimelineGeometry *geometry)
{
  return (double) (geometry->end - geometry->start) / PLT_MS_PER_MINUTE * geometry->px_per_min;
}

double
plt_timeline_fit_zoom (gint64 start,
                       gint64 end,
                       double axis_width)
{
  double minutes = (double) (end - start) / PLT_MS_PER_MINUTE;

  if (minutes <= 0 || axis_width <= 0)
    return 1.0;

  return axis_width / minutes;
}

guint
plt_timeline_ruler_step_hours (double px_per_min,
                               double min_label_px)
{
  static const guint steps[] = { 1, 2, 3, 6, 12, 24 };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (steps[i] * 60.0 * px_per_min >= min_label_px)
      return steps[i];

  return 24;
}

/* ---------------------------------------------------------------------------
 * Rows
 */

GArray *
plt_timeline_rows_build (GPtrArray *agents,
                         double     row_height,
                         double     group_height)
{
  GArray *rows = g_array_new (FALSE, TRUE, sizeof (PltTimelineRow));
  g_autoptr(GPtrArray) teams = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  double y = 0;

  if (agents == NULL)
    return rows;

  /* The teams in the order they first appear. */
  for (guint i = 0; i < agents->len; i++)
    {
      const PltPlanningAgent *agent = g_ptr_array_index (agents, i);
      const char *team = agent->team != NULL ? agent->team : "";

      if (g_hash_table_add (seen, (gpointer) team))
        g_ptr_array_add (teams, (gpointer) team);
    }

  for (guint t = 0; t < teams->len; t++)
    {
      const char *team = g_ptr_array_index (teams, t);
      guint heading = rows->len;

      if (group_height > 0)
        {
          PltTimelineRow row = {
            .kind = PLT_TIMELINE_ROW_GROUP,
            .team = team,
            .y = y,
            .height = group_height,
          };

          g_array_append_val (rows, row);
          y += group_height;
        }

      for (guint i = 0; i < agents->len; i++)
        {
          const PltPlanningAgent *agent = g_ptr_array_index (agents, i);
          PltTimelineRow row = {
            .kind = PLT_TIMELINE_ROW_AGENT,
            .agent = i,
            .team = team,
            .y = y,
            .height = row_height,
          };

          if (g_strcmp0 (agent->team != NULL ? agent->team : "", team) != 0)
            continue;

          g_array_append_val (rows, row);
          y += row_height;
          if (group_height > 0)
            g_array_index (rows, PltTimelineRow, heading).n_agents++;
        }
    }

  return rows;
}

double
plt_timeline_rows_height (GArray *rows)
{
  const PltTimelineRow *last;

  if (rows == NULL || rows->len == 0)
    return 0;

  last = &g_array_index (rows, PltTimelineRow, rows->len - 1);
  return last->y + last->height;
}

int
plt_timeline_rows_at (GArray *rows,
                      double  y)
{
  guint lo = 0;
  guint hi;

  if (rows == NULL || rows->len == 0 || y < 0)
    return -1;

  hi = rows->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      const PltTimelineRow *row = &g_array_index (rows, PltTimelineRow, mid);

      if (y < row->y)
        hi = mid;
      else if (y >= row->y + row->height)
        lo = mid + 1;
      else
        return (int) mid;
    }

  return -1;
}

gboolean
plt_timeline_rows_visible (GArray *rows,
                           double  y0,
                           double  y1,
                           guint  *first,
                           guint  *last)
{
  double total = plt_timeline_rows_height (rows);
  int a, b;

  if (total <= 0 || y1 <= y0 || y1 <= 0 || y0 >= total)
    return FALSE;

  a = plt_timeline_rows_at (rows, MAX (y0, 0));
  b = plt_timeline_rows_at (rows, MIN (y1, total) - 0.001);
  if (a < 0 || b < 0)
    return FALSE;

  *first = (guint) a;
  *last = (guint) b;
  return TRUE;
}

int
plt_timeline_rows_find_agent (GArray *rows,
                              guint   agent)
{
  if (rows == NULL)
    return -1;

  for (guint i = 0; i < rows->len; i++)
    {
      const PltTimelineRow *row = &g_array_index (rows, PltTimelineRow, i);

      if (row->kind == PLT_TIMELINE_ROW_AGENT && row->agent == agent)
        return (int) i;
    }

  return -1;
}

int
plt_timeline_rows_step (GArray *rows,
                        int     row,
                        int     direction)
{
  if (rows == NULL || direction == 0)
    return -1;

  for (int i = row + direction; i >= 0 && i < (int) rows->len; i += direction)
    if (g_array_index (rows, PltTimelineRow, i).kind == PLT_TIMELINE_ROW_AGENT)
      return i;

  return -1;
}

/* ---------------------------------------------------------------------------
 * Blocks
 */

static int
compare_shifts (gconstpointer a,
                gconstpointer b)
{
  const PltShift *sa = *(const PltShift * const *) a;
  const PltShift *sb = *(const PltShift * const *) b;

  if (sa->start != sb->start)
    return sa->start < sb->start ? -1 : 1;
  return strcmp (sa->id, sb->id);
}

GPtrArray *
plt_timeline_collect_shifts (PltSchedule   *schedule,
                             GHashTable    *overrides,
                             const PltSite *site,
                             const char    *agent,
                             gint64         from,
                             gint64         to)
{
  GPtrArray *shifts = g_ptr_array_new ();
  GDate date, last;

  if (schedule == NULL || to <= from)
    return shifts;

  g_date_clear (&date, 1);
  g_date_clear (&last, 1);
  plt_site_get_date (site, from, &date);
  plt_site_get_date (site, to - 1, &last);
  /* A shift of the day before may run past midnight. */
  g_date_subtract_days (&date, 1);

  for (; g_date_compare (&date, &last) <= 0; g_date_add_days (&date, 1))
    {
      PltAgentDay *day = NULL;

      if (overrides != NULL)
        {
          g_autofree char *key = plt_agent_day_key (agent, &date);

          day = g_hash_table_lookup (overrides, key);
        }
      if (day == NULL)
        day = plt_schedule_lookup (schedule, agent, &date);
      if (day == NULL)
        continue;

      for (guint i = 0; i < day->shifts->len; i++)
        {
          const PltShift *shift = g_ptr_array_index (day->shifts, i);

          if (shift->end > from && shift->start < to)
            g_ptr_array_add (shifts, (gpointer) shift);
        }
    }

  g_ptr_array_sort (shifts, compare_shifts);
  return shifts;
}

GArray *
plt_timeline_row_blocks (GPtrArray *shifts)
{
  GArray *blocks = g_array_new (FALSE, TRUE, sizeof (PltTimelineBlock));

  if (shifts == NULL)
    return blocks;

  for (guint i = 0; i < shifts->len; i++)
    {
      const PltShift *shift = g_ptr_array_index (shifts, i);
      PltTimelineBlock block = {
        .shift = shift,
        .activity = -1,
        .start = shift->start,
        .end = shift->end,
        .kind = PLT_ACTIVITY_WORK,
      };

      g_array_append_val (blocks, block);

      for (guint j = 0; j < shift->activities->len; j++)
        {
          const PltActivity *activity = g_ptr_array_index (shift->activities, j);

          if (activity->kind == PLT_ACTIVITY_WORK)
            continue;

          block.activity = (int) j;
          block.start = activity->start;
          block.end = activity->end;
          block.kind = activity->kind;
          g_array_append_val (blocks, block);
        }
    }

  return blocks;
}

int
plt_timeline_blocks_find (GArray     *blocks,
                          const char *shift_id,
                          int         activity)
{
  if (blocks == NULL || shift_id == NULL)
    return -1;

  for (guint i = 0; i < blocks->len; i++)
    {
      const PltTimelineBlock *block = &g_array_index (blocks, PltTimelineBlock, i);

      if (block->activity == activity && strcmp (block->shift->id, shift_id) == 0)
        return (int) i;
    }

  return -1;
}

int
plt_timeline_blocks_nearest (GArray *blocks,
                             gint64  time)
{
  int best = -1;
  gint64 best_distance = G_MAXINT64;

  if (blocks == NULL)
    return -1;

  for (guint i = 0; i < blocks->len; i++)
    {
      const PltTimelineBlock *block = &g_array_index (blocks, PltTimelineBlock, i);
      gint64 distance;

      /* Whole shifts first: an activity is reached from its shift. */
      if (block->activity >= 0)
        continue;

      if (time >= block->start && time < block->end)
        return (int) i;

      distance = time < block->start ? block->start - time : time - block->end + 1;
      if (distance < best_distance)
        {
          best_distance = distance;
          best = (int) i;
        }
    }

  return best;
}

PltTimelineHitPart
plt_timeline_hit_test (GArray                    *blocks,
                       const PltTimelineGeometry *geometry,
                       double                     x,
                       double                     edge_px,
                       int                       *block_out)
{
  double axis_start = plt_timeline_x_for_time (geometry, geometry->start);
  double axis_end = plt_timeline_x_for_time (geometry, geometry->end);

  *block_out = -1;

  if (x < geometry->names_width || x < axis_start || x >= axis_end)
    return PLT_TIMELINE_HIT_NONE;

  if (blocks == NULL)
    return PLT_TIMELINE_HIT_EMPTY;

  /* Two passes: activities lie on top of their shift. */
  for (int pass = 0; pass < 2; pass++)
    {
      for (guint i = 0; i < blocks->len; i++)
        {
          const PltTimelineBlock *block = &g_array_index (blocks, PltTimelineBlock, i);
          double x0, x1, edge;

          if ((pass == 0) != (block->activity >= 0))
            continue;

          x0 = plt_timeline_x_for_time (geometry, block->start);
          x1 = plt_timeline_x_for_time (geometry, block->end);
          edge = MIN (edge_px, (x1 - x0) / 3.0);

          if (x < x0 - (pass == 1 ? edge / 2 : 0) || x >= x1 + (pass == 1 ? edge / 2 : 0))
            continue;

          *block_out = (int) i;
          if (x < x0 + edge)
            return PLT_TIMELINE_HIT_START;
          if (x >= x1 - edge)
            return PLT_TIMELINE_HIT_END;
          return PLT_TIMELINE_HIT_BODY;
        }
    }

  return PLT_TIMELINE_HIT_EMPTY;
}

/* ---------------------------------------------------------------------------
 * Edits
 */

static gint64
step_ms (guint snap_minutes)
{
  return (gint64) MAX (snap_minutes, 1) * PLT_MS_PER_MINUTE;
}

static gint64
snap (const PltSite *site,
      gint64         time,
      guint          snap_minutes)
{
  return plt_site_snap (site, time, snap_minutes);
}

gboolean
plt_timeline_drag_begin (PltTimelineDrag           *drag,
                         GArray                    *blocks,
                         const PltTimelineGeometry *geometry,
                         const char                *agent,
                         double                     x,
                         double                     edge_px)
{
  const PltTimelineBlock *block = NULL;
  PltTimelineHitPart part;
  int index;

  memset (drag, 0, sizeof *drag);
  drag->activity = -1;

  part = plt_timeline_hit_test (blocks, geometry, x, edge_px, &index);
  if (part == PLT_TIMELINE_HIT_NONE || agent == NULL)
    return FALSE;

  drag->agent = g_strdup (agent);
  drag->press_time = plt_timeline_time_for_x (geometry, x);

  if (part == PLT_TIMELINE_HIT_EMPTY)
    {
      drag->mode = PLT_TIMELINE_DRAG_CREATE;
      drag->block_start = drag->block_end = drag->press_time;
      return TRUE;
    }

  block = &g_array_index (blocks, PltTimelineBlock, index);
  drag->shift_id = g_strdup (block->shift->id);
  drag->activity = block->activity;
  drag->block_start = block->start;
  drag->block_end = block->end;

  switch (part)
    {
    case PLT_TIMELINE_HIT_START:
      drag->mode = PLT_TIMELINE_DRAG_RESIZE_START;
      break;
    case PLT_TIMELINE_HIT_END:
      drag->mode = PLT_TIMELINE_DRAG_RESIZE_END;
      break;
    case PLT_TIMELINE_HIT_BODY:
    case PLT_TIMELINE_HIT_NONE:
    case PLT_TIMELINE_HIT_EMPTY:
    default:
      drag->mode = PLT_TIMELINE_DRAG_MOVE;
      break;
    }

  return TRUE;
}

void
plt_timeline_drag_clear (PltTimelineDrag *drag)
{
  g_clear_pointer (&drag->agent, g_free);
  g_clear_pointer (&drag->shift_id, g_free);
  drag->mode = PLT_TIMELINE_DRAG_NONE;
  drag->activity = -1;
}

static PltPlanningCommand *
resize_command (const char *shift_id,
                int         activity,
                gint64      start,
                gint64      end)
{
  if (activity < 0)
    return plt_planning_command_resize_shift (shift_id, start, end);
  return plt_planning_command_resize_activity (shift_id, (guint) activity, start, end);
}

PltPlanningCommand *
plt_timeline_drag_command (const PltTimelineDrag *drag,
                           const PltSite         *site,
                           guint                  snap_minutes,
                           gint64                 time,
                           const char            *agent,
                           gint64                *start_out,
                           gint64                *end_out)
{
  gint64 delta = time - drag->press_time;
  gint64 step = step_ms (snap_minutes);
  gint64 start = drag->block_start;
  gint64 end = drag->block_end;
  PltPlanningCommand *command = NULL;

  switch (drag->mode)
    {
    case PLT_TIMELINE_DRAG_CREATE:
      {
        gint64 a = snap (site, drag->press_time, snap_minutes);
        gint64 b = snap (site, time, snap_minutes);

        start = MIN (a, b);
        end = MAX (a, b);
        if (end - start > PLT_PLANNING_MAX_SHIFT_MS)
          {
            if (b < a)
              start = end - PLT_PLANNING_MAX_SHIFT_MS;
            else
              end = start + PLT_PLANNING_MAX_SHIFT_MS;
          }
        if (end - start >= step)
          command = plt_planning_command_create_shift (drag->agent, start, end, NULL);
      }
      break;

    case PLT_TIMELINE_DRAG_MOVE:
      {
        gboolean other_row = drag->activity < 0 && agent != NULL &&
                             g_strcmp0 (agent, drag->agent) != 0;

        start = snap (site, drag->block_start + delta, snap_minutes);
        end = start + (drag->block_end - drag->block_start);
        if (start == drag->block_start && !other_row)
          break;

        if (drag->activity < 0)
          command = plt_planning_command_move_shift (drag->shift_id, start,
                                                     other_row ? agent : NULL);
        else
          command = plt_planning_command_move_activity (drag->shift_id, (guint) drag->activity, start);
      }
      break;

    case PLT_TIMELINE_DRAG_RESIZE_START:
      start = snap (site, drag->block_start + delta, snap_minutes);
      start = MIN (start, drag->block_end - step);
      if (drag->block_end - start > PLT_PLANNING_MAX_SHIFT_MS)
        start = drag->block_end - PLT_PLANNING_MAX_SHIFT_MS;
      if (start != drag->block_start)
        command = resize_command (drag->shift_id, drag->activity, start, end);
      break;

    case PLT_TIMELINE_DRAG_RESIZE_END:
      end = snap (site, drag->block_end + delta, snap_minutes);
      end = MAX (end, drag->block_start + step);
      if (end - drag->block_start > PLT_PLANNING_MAX_SHIFT_MS)
        end = drag->block_start + PLT_PLANNING_MAX_SHIFT_MS;
      if (end != drag->block_end)
        command = resize_command (drag->shift_id, drag->activity, start, end);
      break;

    case PLT_TIMELINE_DRAG_NONE:
    default:
      break;
    }

  if (start_out != NULL)
    *start_out = start;
  if (end_out != NULL)
    *end_out = end;

  return command;
}

PltPlanningCommand *
plt_timeline_key_command (const PltTimelineBlock *block,
                          const PltSite          *site,
                          guint                   snap_minutes,
                          PltTimelineKeyOp        op)
{
  guint minutes = snap_minutes > 0 ? snap_minutes : 5;
  gint64 step = step_ms (minutes);
  const char *id = block->shift->id;
  int activity = block->activity;
  gint64 start = block->start;
  gint64 end = block->end;

  switch (op)
    {
    case PLT_TIMELINE_KEY_MOVE_EARLIER:
    case PLT_TIMELINE_KEY_MOVE_LATER:
      start = snap (site, start + (op == PLT_TIMELINE_KEY_MOVE_LATER ? step : -step), minutes);
      if (start == block->start)
        return NULL;
      if (activity < 0)
        return plt_planning_command_move_shift (id, start, NULL);
      return plt_planning_command_move_activity (id, (guint) activity, start);

    case PLT_TIMELINE_KEY_SHRINK_END:
    case PLT_TIMELINE_KEY_GROW_END:
      end = snap (site, end + (op == PLT_TIMELINE_KEY_GROW_END ? step : -step), minutes);
      if (end - start < step || end == block->end || end - start > PLT_PLANNING_MAX_SHIFT_MS)
        return NULL;
      return resize_command (id, activity, start, end);

    case PLT_TIMELINE_KEY_GROW_START:
    case PLT_TIMELINE_KEY_SHRINK_START:
      start = snap (site, start + (op == PLT_TIMELINE_KEY_SHRINK_START ? step : -step), minutes);
      if (end - start < step || start == block->start || end - start > PLT_PLANNING_MAX_SHIFT_MS)
        return NULL;
      return resize_command (id, activity, start, end);

    case PLT_TIMELINE_KEY_SPLIT:
      {
        gint64 at = snap (site, start + (end - start) / 2, minutes);

        if (at - start < step || end - at < step)
          return NULL;
        if (activity < 0)
          return plt_planning_command_split_shift (id, at);
        return plt_planning_command_split_activity (id, (guint) activity, at);
      }

    case PLT_TIMELINE_KEY_DELETE:
      if (activity < 0)
        return plt_planning_command_delete_shift (id);
      return plt_planning_command_delete_activity (id, (guint) activity);

    default:
      return NULL;
    }
}

PltPlanningCommand *
plt_timeline_new_shift_command (const char    *agent,
                                const PltSite *site,
                                guint          snap_minutes,
                                gint64         time,
                                guint          minutes)
{
  gint64 start = snap (site, time, snap_minutes);

  if (agent == NULL || minutes == 0 || minutes > 24 * 60)
    return NULL;

  return plt_planning_command_create_shift (agent, start, start + minutes * PLT_MS_PER_MINUTE, NULL);
}

/* ---------------------------------------------------------------------------
 * Words
 */

char *
plt_timeline_format_duration (gint64 ms)
{
  guint minutes = (guint) (MAX (ms, 0) / PLT_MS_PER_MINUTE);
  guint hours = minutes / 60;

  minutes %= 60;

  if (hours == 0)
    /* Translators: a duration under an hour */
    return g_strdup_printf (_("%u min"), minutes);
  if (minutes == 0)
    /* Translators: a duration of whole hours */
    return g_strdup_printf (_("%u h"), hours);
  /* Translators: a duration in hours and minutes, "8 h 30" */
  return g_strdup_printf (_("%u h %02u"), hours, minutes);
}

char *
plt_timeline_format_clock (const PltSite *site,
                           gint64         time)
{
  int minute = plt_site_minute_of_day (site, time);

  return g_strdup_printf ("%02d:%02d", (minute / 60) % 24, minute % 60);
}

char *
plt_timeline_describe_span (PltActivityKind  kind,
                            const PltSite   *site,
                            gint64           start,
                            gint64           end)
{
  g_autofree char *from = plt_timeline_format_clock (site, start);
  g_autofree char *to = plt_timeline_format_clock (site, end);
  g_autofree char *duration = plt_timeline_format_duration (end - start);

  /* Translators: an activity in the planning: its kind, start, end and
   * length, "Lunch 12:00–12:45 (45 min)" */
  return g_strdup_printf (_("%s %s–%s (%s)"),
                          plt_activity_kind_get_label (kind), from, to, duration);
}

const char *
plt_timeline_kind_icon_name (PltActivityKind kind)
{
  switch (kind)
    {
    case PLT_ACTIVITY_BREAK:
      return "preferences-system-time-symbolic";
    case PLT_ACTIVITY_LUNCH:
      return "emoji-food-symbolic";
    case PLT_ACTIVITY_TRAINING:
      return "x-office-presentation-symbolic";
    case PLT_ACTIVITY_MEETING:
      return "system-users-symbolic";
    case PLT_ACTIVITY_BACK_OFFICE:
      return "mail-unread-symbolic";
    case PLT_ACTIVITY_OFF:
      return "weather-clear-night-symbolic";
    case PLT_ACTIVITY_TIME_OFF:
      return "airplane-mode-symbolic";
    case PLT_ACTIVITY_WORK:
    case PLT_ACTIVITY_N_KINDS:
    default:
      return NULL;
    }
}
