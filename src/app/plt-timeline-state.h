/* plt-timeline-state.h — what the planning timeline shows and what its
 * gestures and keys do, as pure functions of values: the geometry (times
 * and rows to pixels and back), the rows grouped by team, the blocks of a
 * row, hit testing, and the command a drag or a key makes. Everything here
 * runs without a display (tests/test-timeline-state.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "plt-planning.h"
#include "plt-planning-command.h"

G_BEGIN_DECLS

/* ------------------------------------------------------------------------
 * Geometry
 */

/**
 * PltTimelineGeometry:
 * @start: UTC ms at the left edge of the time axis (a local midnight)
 * @end: UTC ms at its right edge
 * @px_per_min: the zoom
 * @names_width: the agents' column on the left, px
 * @header_height: the time ruler on top, px
 * @scroll_x: the horizontal scroll, px of the time axis
 * @scroll_y: the vertical scroll, px of the rows
 *
 * Widget coordinates: the time axis starts at @names_width, the rows at
 * @header_height; both scroll under the fixed column and ruler.
 */
typedef struct
{
  gint64 start;
  gint64 end;
  double px_per_min;
  double names_width;
  double header_height;
  double scroll_x;
  double scroll_y;
} PltTimelineGeometry;

/* The x of @time in widget coordinates. */
double  plt_timeline_x_for_time       (const PltTimelineGeometry *geometry,
                                       gint64                     time);
/* The time at @x, rounded to the minute. */
gint64  plt_timeline_time_for_x       (const PltTimelineGeometry *geometry,
                                       double                     x);
/* The width of the whole time axis, px. */
double  plt_timeline_content_width    (const PltTimelineGeometry *geometry);
/* The zoom at which the axis fills @axis_width px. */
double  plt_timeline_fit_zoom         (gint64                     start,
                                       gint64                     end,
                                       double                     axis_width);
/* The hour step between two labelled ticks of the ruler at @px_per_min, so
 * that labels stay @min_label_px apart: 1, 2, 3, 6, 12 or 24. */
guint   plt_timeline_ruler_step_hours (double                     px_per_min,
                                       double                     min_label_px);

/* ------------------------------------------------------------------------
 * Rows: agents grouped by team
 */

typedef enum
{
  PLT_TIMELINE_ROW_GROUP,
  PLT_TIMELINE_ROW_AGENT,
} PltTimelineRowKind;

/**
 * PltTimelineRow:
 * @kind: a team's heading or an agent
 * @agent: the agent's index in the agents array (AGENT rows)
 * @team: the team id (borrowed from the agents)
 * @n_agents: GROUP rows: how many agents the team has
 * @y: the row's top in the rows' own coordinates (0: the first row)
 * @height: its height
 */
typedef struct
{
  PltTimelineRowKind  kind;
  guint               agent;
  const char         *team;
  guint               n_agents;
  double              y;
  double              height;
} PltTimelineRow;

/* Rows for @agents (element-type PltPlanningAgent, kept alive by the
 * caller): a heading per team, in the order teams first appear, then its
 * agents in their order. With @group_height 0 there are no headings.
 * Returns: (transfer full) (element-type PltTimelineRow) */
GArray *plt_timeline_rows_build       (GPtrArray   *agents,
                                       double       row_height,
                                       double       group_height);
/* The rows' total height. */
double  plt_timeline_rows_height      (GArray      *rows);
/* The row at @y (rows' coordinates), or -1. */
int     plt_timeline_rows_at          (GArray      *rows,
                                       double       y);
/* The rows that intersect [@y0, @y1): FALSE when none. */
gboolean plt_timeline_rows_visible    (GArray      *rows,
                                       double       y0,
                                       double       y1,
                                       guint       *first,
                                       guint       *last);
/* The row of agent @agent (an index), or -1. */
int     plt_timeline_rows_find_agent  (GArray      *rows,
                                       guint        agent);
/* The nearest AGENT row from @row going by @direction (-1 up, +1 down),
 * skipping headings; -1 if none. */
int     plt_timeline_rows_step        (GArray      *rows,
                                       int          row,
                                       int          direction);

/* ------------------------------------------------------------------------
 * Blocks: what a row draws and what can be focused, dragged and edited
 */

/**
 * PltTimelineBlock:
 * @shift: (not nullable): the shift (borrowed from the schedule)
 * @activity: -1 for the whole shift, else the index of one of its
 *   activities other than work
 * @start: the block's start, UTC ms
 * @end: its end
 * @kind: WORK for a whole shift, else the activity's kind
 *
 * A whole shift is one block; each of its activities other than work
 * (breaks, lunch, training…) is another, on top of it.
 */
typedef struct
{
  const PltShift  *shift;
  int              activity;
  gint64           start;
  gint64           end;
  PltActivityKind  kind;
} PltTimelineBlock;

/* The shifts of @agent that overlap [@from, @to): those of the days from
 * the day before @from's date to @to's date, by start, borrowed from
 * @overrides (nullable: agent-day key → PltAgentDay, a preview) or else
 * @schedule. Returns: (transfer container) (element-type PltShift) */
GPtrArray *plt_timeline_collect_shifts (PltSchedule   *schedule,
                                        GHashTable    *overrides,
                                        const PltSite *site,
                                        const char    *agent,
                                        gint64         from,
                                        gint64         to);
/* The blocks of @shifts, in order: each shift, then its activities other
 * than work. Returns: (transfer full) (element-type PltTimelineBlock) */
GArray  *plt_timeline_row_blocks      (GPtrArray   *shifts);
/* The block of shift @shift_id and @activity, or -1. */
int      plt_timeline_blocks_find     (GArray      *blocks,
                                       const char  *shift_id,
                                       int          activity);
/* The block nearest @time (containing it, else the closest edge), or -1. */
int      plt_timeline_blocks_nearest  (GArray      *blocks,
                                       gint64       time);

typedef enum
{
  PLT_TIMELINE_HIT_NONE,       /* nothing there (outside the axis) */
  PLT_TIMELINE_HIT_EMPTY,      /* free time in the row */
  PLT_TIMELINE_HIT_BODY,       /* inside a block */
  PLT_TIMELINE_HIT_START,      /* on a block's start edge */
  PLT_TIMELINE_HIT_END,        /* on a block's end edge */
} PltTimelineHitPart;

/* The block under @x in a row of @blocks: activities win over their
 * shift, edges (within @edge_px, and never more than a third of a narrow
 * block) over bodies. Returns the part, and the block's index in @block
 * (-1 for EMPTY and NONE). */
PltTimelineHitPart plt_timeline_hit_test (GArray                    *blocks,
                                          const PltTimelineGeometry *geometry,
                                          double                     x,
                                          double                     edge_px,
                                          int                       *block);

/* ------------------------------------------------------------------------
 * Edits: what a drag or a key does, as a command
 */

typedef enum
{
  PLT_TIMELINE_DRAG_NONE,
  PLT_TIMELINE_DRAG_CREATE,        /* a new shift over the dragged span */
  PLT_TIMELINE_DRAG_MOVE,          /* the block, in time (and a shift to another row) */
  PLT_TIMELINE_DRAG_RESIZE_START,
  PLT_TIMELINE_DRAG_RESIZE_END,
} PltTimelineDragMode;

/**
 * PltTimelineDrag:
 * @mode: what the drag does
 * @agent: the row the drag started on
 * @shift_id: (nullable): the block's shift (not for CREATE)
 * @activity: the block's activity, -1 for the whole shift
 * @press_time: the time under the pointer when it was pressed
 * @block_start: the block's bounds then
 * @block_end:
 */
typedef struct
{
  PltTimelineDragMode  mode;
  char                *agent;
  char                *shift_id;
  int                  activity;
  gint64               press_time;
  gint64               block_start;
  gint64               block_end;
} PltTimelineDrag;

/* What pressing at @x in a row of @agent's @blocks starts (@drag filled,
 * free its strings with plt_timeline_drag_clear()); FALSE where nothing can
 * be dragged. */
gboolean plt_timeline_drag_begin      (PltTimelineDrag           *drag,
                                       GArray                    *blocks,
                                       const PltTimelineGeometry *geometry,
                                       const char                *agent,
                                       double                     x,
                                       double                     edge_px);
void     plt_timeline_drag_clear      (PltTimelineDrag           *drag);

/* The command that @drag makes with the pointer at @time over @agent's row
 * (NULL: the same row), snapped to @snap_minutes of local wall-clock time;
 * NULL when it would change nothing yet (no move, or a new shift shorter
 * than one step). @start and @end (out, nullable) get the block's bounds
 * after it. */
PltPlanningCommand *plt_timeline_drag_command (const PltTimelineDrag *drag,
                                               const PltSite         *site,
                                               guint                  snap_minutes,
                                               gint64                 time,
                                               const char            *agent,
                                               gint64                *start,
                                               gint64                *end);

typedef enum
{
  PLT_TIMELINE_KEY_MOVE_EARLIER,   /* Left */
  PLT_TIMELINE_KEY_MOVE_LATER,     /* Right */
  PLT_TIMELINE_KEY_SHRINK_END,     /* Shift+Left */
  PLT_TIMELINE_KEY_GROW_END,       /* Shift+Right */
  PLT_TIMELINE_KEY_GROW_START,     /* Shift+Alt+Left */
  PLT_TIMELINE_KEY_SHRINK_START,   /* Shift+Alt+Right */
  PLT_TIMELINE_KEY_SPLIT,          /* S */
  PLT_TIMELINE_KEY_DELETE,         /* Delete */
} PltTimelineKeyOp;

/* The command key @op makes on @block: a move or a resize by one step of
 * @snap_minutes (5 when 0), a split in the middle (on a step), a deletion.
 * NULL when it cannot (a block one step long does not shrink, one too short
 * to split in two steps does not split). */
PltPlanningCommand *plt_timeline_key_command  (const PltTimelineBlock *block,
                                               const PltSite          *site,
                                               guint                   snap_minutes,
                                               PltTimelineKeyOp        op);

/* A new shift's span from the keyboard: @hours long from @time snapped. */
PltPlanningCommand *plt_timeline_new_shift_command (const char    *agent,
                                                    const PltSite *site,
                                                    guint          snap_minutes,
                                                    gint64         time,
                                                    guint          minutes);

/* ------------------------------------------------------------------------
 * Words
 */

/* Returns: (transfer full): "Work 08:00–16:30 (8 h 30)", "Lunch 12:00–12:45
 * (45 min)", in local time of @site */
char    *plt_timeline_describe_span   (PltActivityKind  kind,
                                       const PltSite   *site,
                                       gint64           start,
                                       gint64           end);
/* Returns: (transfer full): "8 h 30", "45 min", "2 h" */
char    *plt_timeline_format_duration (gint64           ms);
/* Returns: (transfer full): "08:00", local wall clock */
char    *plt_timeline_format_clock    (const PltSite   *site,
                                       gint64           time);
/* The icon that marks @kind in the timeline, its legend and the print
 * (NULL for work, which is plain). */
const char *plt_timeline_kind_icon_name (PltActivityKind kind);

G_END_DECLS
