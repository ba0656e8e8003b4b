/* plt-planning-command.c — the edits of a planning, as commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "plt-planning-command.h"
#include "plt-planning-private.h"

struct _PltPlanningCommand
{
  gint              ref_count;
  PltCommandType    type;
  char             *label;
  char             *agent;
  char             *to_agent;
  char             *shift_id;
  char             *reason;
  GDate             date;
  GDate             to_date;
  PltWeek           week;
  PltWeek           to_week;
  guint             n_weeks;
  gint64            start;
  gint64            end;
  guint             index;
  PltActivityKind   kind;
  GStrv             queues;
  GStrv             agents;
  PltShiftTemplate *tmpl;
  PltWeeklyPattern *pattern;
  GPtrArray        *templates;   /* PltShiftTemplate* */
  GPtrArray        *days;        /* PltAgentDay* */
};

static const char * const command_names[] = {
  [PLT_COMMAND_CREATE_SHIFT] = "create-shift",
  [PLT_COMMAND_MOVE_SHIFT] = "move-shift",
  [PLT_COMMAND_RESIZE_SHIFT] = "resize-shift",
  [PLT_COMMAND_SPLIT_SHIFT] = "split-shift",
  [PLT_COMMAND_DELETE_SHIFT] = "delete-shift",
  [PLT_COMMAND_ADD_ACTIVITY] = "add-activity",
  [PLT_COMMAND_MOVE_ACTIVITY] = "move-activity",
  [PLT_COMMAND_RESIZE_ACTIVITY] = "resize-activity",
  [PLT_COMMAND_SPLIT_ACTIVITY] = "split-activity",
  [PLT_COMMAND_DELETE_ACTIVITY] = "delete-activity",
  [PLT_COMMAND_SET_ACTIVITY] = "set-activity",
  [PLT_COMMAND_COPY_DAY] = "copy-day",
  [PLT_COMMAND_COPY_WEEK] = "copy-week",
  [PLT_COMMAND_APPLY_TEMPLATE] = "apply-template",
  [PLT_COMMAND_APPLY_PATTERN] = "apply-pattern",
  [PLT_COMMAND_REPEAT_WEEKS] = "repeat-weeks",
  [PLT_COMMAND_SET_DAYS] = "set-days",
  [PLT_COMMAND_ADD_ABSENCE] = "add-absence",
  [PLT_COMMAND_REMOVE_ABSENCE] = "remove-absence",
};

static PltPlanningCommand *
command_new (PltCommandType  type,
             const char     *label)
{
  PltPlanningCommand *self = g_new0 (PltPlanningCommand, 1);

  self->ref_count = 1;
  self->type = type;
  self->label = g_strdup (label);
  g_date_clear (&self->date, 1);
  g_date_clear (&self->to_date, 1);
  return self;
}

static GStrv
dup_strv (const char * const *strv)
{
  return strv != NULL ? g_strdupv ((GStrv) strv) : NULL;
}

PltPlanningCommand *
plt_planning_command_create_shift (const char         *agent,
                                   gint64              start,
                                   gint64              end,
                                   const char * const *queues)
{
  PltPlanningCommand *self = command_new (PLT_COMMAND_CREATE_SHIFT, _("Create shift"));

  self->agent = g_strdup (agent);
  self->start = start;
  self->end = end;
  self->queues = dup_strv (queues);
  return self;
}

PltPlanningCommand *
plt_planning_command_move_shift (const char *shift_id,
                                 gint64      start,
                                 const char *to_agent)
{
  PltPlanningCommand *self = command_new (PLT_COMMAND_MOVE_SHIFT, _("Move shift"));

  self->shift_id = g_strdup (shift_id);
  self->start = start;
  self->to_agent = g_strdup (to_agent);
  return self;
}

PltPlanningCommand *
plt_planning_command_resize_shift (const char *shift_id,
                                   gint64      start,
                                   gint64      end)
{
  PltPlanningCommand *self = command_new (PLT_COMMAND_RESIZE_SHIFT, _("Resize shift"));

  self->shift_id = g_strdup (shift_id);
  self->start = start;
  self->end = end;
  return self;
}

PltPlanningCommand *
plt_planning_command_split_shift (const char *shift_id,
                                  gint64      at)
{
  PltPlanningCommand *self = command_new (PLT_COMMAND_SPLIT_SHIFT, _("Split shift"));

  self->shift_id = g_strdup (shift_id);
  self->start = at;
  return self;
}

PltPlanningCommand *
plt_planning_command_delete_shift (const char *shift_id)
{
  PltPlanningCommand *self = command_new (PLT_COMMAND_DELETE_SHIFT, _("Delete shift"));

  self->shift_id = g_strdup (shift_id);
  return self;
}

PltPlanningCommand *
plt_planning_command_add_activity (const char         *shift_id,
                                   PltActivityKind     kind,
                                   gint64              start,
                                   gint64              end,
                                   const char * const *queues)
{
  PltPlanningCommand *self = command_new (PLT_COMMAND_ADD_ACTIVITY, _("Add activity"));

  self->shift_id = g_strdup (shift_id);
  self->kind = kind;
  self->start = start;
  self->end = end;
  self->queues = dup_strv (queues);
  return self;
}

PltPlanningCommand *
plt_planning_command_move_activity (const char *shift_id,
                                    guint       index,
                                    gint64      start)
{
  PltPlanningCommand *self = command_new (PLT_COMMAND_MOVE_ACTIVITY, _("Move activity"));

  self->shift_id = g_strdup (shift_id);
  self->index = index;
  self->start = start;
  return self;
}

PltPlanningCommand *
plt_planning_command_resize_activity (const char *shift_id,
                                      guint       index,
                                      gint64      start,
                                      gint64      end)
{
  PltPlanningCommand *self = command_new (PLT_COMMAND_RESIZE_ACTIVITY, _("Resize activity"));

  self->shift_id = g_strdup (shift_id);
  self->index = index;
  self->start = start;
  self->end = end;
  return self;
}

PltPlanningCommand *
plt_planning_command_split_activity (const char *shift_id,
                                     guint       index,
                                     gint64      at)
{
  PltPlanningCommand *self = command_new (PLT_COMMAND_SPLIT_ACTIVITY, _("Split activity"));

  self->shift_id = g_strdup (shift_id);
  self->index = index;
  self->start = at;
  return self;
}

PltPlanningCommand *
plt_planning_command_delete_activity (const char *shift_id,
                                      guint       index)
{
  PltPlanningCommand *self = command_new (PLT_COMMAND_DELETE_ACTIVITY, _("Delete activity"));

  self->shift_id = g_strdup (shift_id);
  self->index = index;
  return self;
}

PltPlanningCommand *
plt_planning_command_set_activity (const char         *shift_id,
                                   guint               index,
                                   PltActivityKind     kind,
                                   const char * const *queues)
{
  PltPlanningCommand *self = command_new (PLT_COMMAND_SET_ACTIVITY, _("Change activity"));

  self->shift_id = g_strdup (shift_id);
  self->index = index;
  self->kind = kind;
  self->queues = dup_strv (queues);
  return self;
}

PltPlanningCommand *
plt_planning_command_copy_day (const char         *from_agent,
                               const GDate        *from_date,
                               const char * const *to_agents,
                               const GDate        *to_date)
{
  PltPlanningCommand *self = command_new (PLT_COMMAND_COPY_DAY, _("Copy day"));

  self->agent = g_strdup (from_agent);
  self->date = *from_date;
  self->agents = dup_strv (to_agents);
  self->to_date = *to_date;
  return self;
}

PltPlanningCommand *
plt_planning_command_copy_week (const PltWeek      *from,
                                const PltWeek      *to,
                                const char * const *agents)
{
  PltPlanningCommand *self = command_new (PLT_COMMAND_COPY_WEEK, _("Copy week"));

  self->week = *from;
  self->to_week = *to;
  self->agents = dup_strv (agents);
  return self;
}

PltPlanningCommand *
plt_planning_command_apply_template (const char             *agent,
                                     const GDate            *date,
                                     const PltShiftTemplate *tmpl)
{
  PltPlanningCommand *self = command_new (PLT_COMMAND_APPLY_TEMPLATE, _("Apply template"));

  self->agent = g_strdup (agent);
  self->date = *date;
  self->tmpl = plt_shift_template_copy (tmpl);
  return self;
}

PltPlanningCommand *
plt_planning_command_apply_pattern (const char             *agent,
                                    const PltWeek          *week,
                                    const PltWeeklyPattern *pattern,
                                    GPtrArray              *templates)
{
  PltPlanningCommand *self = command_new (PLT_COMMAND_APPLY_PATTERN, _("Apply pattern"));

  self->agent = g_strdup (agent);
  self->week = *week;
  self->pattern = plt_weekly_pattern_copy (pattern);
  self->templates = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_shift_template_free);
  for (guint i = 0; templates != NULL && i < templates->len; i++)
    g_ptr_array_add (self->templates, plt_shift_template_copy (g_ptr_array_index (templates, i)));
  return self;
}

PltPlanningCommand *
plt_planning_command_repeat_weeks (const PltWeek      *from,
                                   guint               n_weeks,
                                   const char * const *agents)
{
  PltPlanningCommand *self = command_new (PLT_COMMAND_REPEAT_WEEKS, _("Repeat week"));

  self->week = *from;
  self->n_weeks = n_weeks;
  self->agents = dup_strv (agents);
  return self;
}

PltPlanningCommand *
plt_planning_command_set_days (GPtrArray  *days,
                               const char *label)
{
  PltPlanningCommand *self = command_new (PLT_COMMAND_SET_DAYS, label != NULL ? label : _("Replace days"));

  self->days = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_agent_day_unref);
  for (guint i = 0; i < days->len; i++)
    g_ptr_array_add (self->days, plt_agent_day_ref (g_ptr_array_index (days, i)));
  return self;
}

PltPlanningCommand *
plt_planning_command_add_absence (const char *agent,
                                  gint64      start,
                                  gint64      end,
                                  const char *reason)
{
  PltPlanningCommand *self = command_new (PLT_COMMAND_ADD_ABSENCE, _("Add time off"));

  self->agent = g_strdup (agent);
  self->start = start;
  self->end = end;
  self->reason = g_strdup (reason);
  return self;
}

PltPlanningCommand *
plt_planning_command_remove_absence (const char  *agent,
                                     const GDate *date,
                                     guint        index)
{
  PltPlanningCommand *self = command_new (PLT_COMMAND_REMOVE_ABSENCE, _("Remove time off"));

  self->agent = g_strdup (agent);
  self->date = *date;
  self->index = index;
  return self;
}

PltPlanningCommand *
plt_planning_command_ref (PltPlanningCommand *self)
{
  g_atomic_int_inc (&self->ref_count);
  return self;
}

void
plt_planning_command_unref (PltPlanningCommand *self)
{
  if (self == NULL || !g_atomic_int_dec_and_test (&self->ref_count))
    return;

  g_free (self->label);
  g_free (self->agent);
  g_free (self->to_agent);
  g_free (self->shift_id);
  g_free (self->reason);
  g_strfreev (self->queues);
  g_strfreev (self->agents);
  g_clear_pointer (&self->tmpl, plt_shift_template_free);
  g_clear_pointer (&self->pattern, plt_weekly_pattern_free);
  g_clear_pointer (&self->templates, g_ptr_array_unref);
  g_clear_pointer (&self->days, g_ptr_array_unref);
  g_free (self);
}

PltCommandType
plt_planning_command_get_command_type (PltPlanningCommand *self)
{
  return self->type;
}

const char *
plt_planning_command_get_label (PltPlanningCommand *self)
{
  return self->label;
}

const char *
plt_planning_command_get_name (PltPlanningCommand *self)
{
  return command_names[self->type];
}

/* ---------------------------------------------------------------------------
 * Applying
 */

typedef struct
{
  const PltCommandContext *ctx;
  GHashTable              *days;    /* key → PltAgentDay* (owned, editable) */
  GPtrArray               *order;   /* keys in first-touch order (owned by days) */
} Edit;

static void
edit_init (Edit                    *edit,
           const PltCommandContext *ctx)
{
  edit->ctx = ctx;
  edit->days = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) plt_agent_day_unref);
  edit->order = g_ptr_array_new ();
}

static void
edit_clear (Edit *edit)
{
  g_clear_pointer (&edit->order, g_ptr_array_unref);
  g_clear_pointer (&edit->days, g_hash_table_unref);
}

/* The editable copy of @agent's day @date. */
static PltAgentDay *
edit_day (Edit        *edit,
          const char  *agent,
          const GDate *date)
{
  char *key = plt_agent_day_key (agent, date);
  PltAgentDay *day = g_hash_table_lookup (edit->days, key);

  if (day != NULL)
    {
      g_free (key);
      return day;
    }

  day = plt_schedule_dup_day (edit->ctx->schedule, agent, date);
  g_hash_table_insert (edit->days, key, day);
  g_ptr_array_add (edit->order, key);
  return day;
}

/* The days that differ from the schedule. */
static GPtrArray *
edit_finish (Edit *edit)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_agent_day_unref);

  for (guint i = 0; i < edit->order->len; i++)
    {
      PltAgentDay *day = g_hash_table_lookup (edit->days, g_ptr_array_index (edit->order, i));
      PltAgentDay *old = plt_schedule_lookup (edit->ctx->schedule, day->agent, &day->date);

      if (!plt_agent_day_equal (day, old))
        g_ptr_array_add (out, plt_agent_day_ref (day));
    }
  return out;
}

static gint64
snap (const PltCommandContext *ctx,
      gint64                   time)
{
  return plt_site_snap (ctx->site, time, ctx->snap_minutes);
}

static gboolean
fail_not_found (GError     **error,
                const char  *shift_id)
{
  g_set_error (error, PLT_PLANNING_ERROR, PLT_PLANNING_ERROR_NOT_FOUND,
               _("There is no shift “%s”"), shift_id);
  return FALSE;
}

/* Takes the shift @shift_id out of its (editable) day; returns it. */
static PltShift *
edit_take_shift (Edit        *edit,
                 const char  *shift_id,
                 char       **agent,
                 GError     **error)
{
  const PltShift *found = NULL;
  PltAgentDay *day = plt_schedule_find_shift (edit->ctx->schedule, shift_id, &found);
  PltAgentDay *editable;

  /* A shift an earlier step of this edit moved. */
  if (day == NULL)
    {
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, edit->days);
      while (day == NULL && g_hash_table_iter_next (&iter, NULL, &value))
        for (guint i = 0; i < ((PltAgentDay *) value)->shifts->len; i++)
          if (strcmp (((PltShift *) g_ptr_array_index (((PltAgentDay *) value)->shifts, i))->id, shift_id) == 0)
            day = value;
    }
  if (day == NULL)
    {
      fail_not_found (error, shift_id);
      return NULL;
    }

  editable = edit_day (edit, day->agent, &day->date);
  for (guint i = 0; i < editable->shifts->len; i++)
    {
      PltShift *shift = g_ptr_array_index (editable->shifts, i);

      if (strcmp (shift->id, shift_id) == 0)
        {
          if (agent != NULL)
            *agent = g_strdup (editable->agent);
          return g_ptr_array_steal_index (editable->shifts, i);
        }
    }

  fail_not_found (error, shift_id);
  return NULL;
}

/* Puts @shift (taken) in @agent's day of its start. */
static void
edit_put_shift (Edit       *edit,
                const char *agent,
                PltShift   *shift)
{
  GDate date;

  plt_site_get_date (edit->ctx->site, shift->start, &date);
  plt_agent_day_add_shift (edit_day (edit, agent, &date), shift);
}

static const char * const *
nearest_work_queues (const PltShift *shift,
                     guint           index)
{
  for (guint d = 0; d < shift->activities->len; d++)
    {
      if (index >= d && index - d < shift->activities->len)
        {
          const PltActivity *a = g_ptr_array_index (shift->activities, index - d);

          if (a->kind == PLT_ACTIVITY_WORK)
            return (const char * const *) a->queues;
        }
      if (index + d < shift->activities->len)
        {
          const PltActivity *a = g_ptr_array_index (shift->activities, index + d);

          if (a->kind == PLT_ACTIVITY_WORK)
            return (const char * const *) a->queues;
        }
    }
  return NULL;
}

/* Joins neighbours of the same kind around what a deletion left. */
static void
join_neighbours (PltShift *shift)
{
  for (guint i = 1; i < shift->activities->len; )
    {
      PltActivity *prev = g_ptr_array_index (shift->activities, i - 1);
      PltActivity *cur = g_ptr_array_index (shift->activities, i);

      if (plt_activity_same_kind (prev, cur) && prev->end == cur->start)
        {
          prev->end = cur->end;
          g_ptr_array_remove_index (shift->activities, i);
        }
      else
        i++;
    }
}

static gboolean
check_span (gint64   start,
            gint64   end,
            GError **error)
{
  if (end <= start)
    {
      g_set_error_literal (error, PLT_PLANNING_ERROR, PLT_PLANNING_ERROR_INVALID,
                           _("The end must come after the start"));
      return FALSE;
    }
  if (end - start > PLT_PLANNING_MAX_SHIFT_MS)
    {
      g_set_error_literal (error, PLT_PLANNING_ERROR, PLT_PLANNING_ERROR_INVALID,
                           _("A shift may not last more than 24 hours"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
resize_shift (PltShift  *shift,
              gint64     start,
              gint64     end,
              GError   **error)
{
  GPtrArray *acts = shift->activities;

  if (!check_span (start, end, error))
    return FALSE;

  /* Take off what falls outside. */
  for (guint i = acts->len; i > 0; i--)
    {
      PltActivity *a = g_ptr_array_index (acts, i - 1);

      if (a->end <= start || a->start >= end)
        g_ptr_array_remove_index (acts, i - 1);
      else
        {
          a->start = MAX (a->start, start);
          a->end = MIN (a->end, end);
        }
    }

  if (acts->len == 0)
    {
      g_ptr_array_add (acts, plt_activity_new (PLT_ACTIVITY_WORK, start, end, NULL));
      return plt_shift_normalize (shift, error);
    }

  /* Add work at the edges. */
  {
    PltActivity *first = g_ptr_array_index (acts, 0);
    PltActivity *last = g_ptr_array_index (acts, acts->len - 1);

    if (start < first->start)
      {
        if (first->kind == PLT_ACTIVITY_WORK)
          first->start = start;
        else
          g_ptr_array_insert (acts, 0, plt_activity_new (PLT_ACTIVITY_WORK, start, first->start,
                                                         nearest_work_queues (shift, 0)));
      }
    if (end > last->end)
      {
        if (last->kind == PLT_ACTIVITY_WORK)
          last->end = end;
        else
          g_ptr_array_add (acts, plt_activity_new (PLT_ACTIVITY_WORK, last->end, end,
                                                   nearest_work_queues (shift, acts->len - 1)));
      }
  }
  return plt_shift_normalize (shift, error);
}

static PltShift *
edit_take_shift_with_index (Edit        *edit,
                            const char  *shift_id,
                            guint        index,
                            char       **agent,
                            GError     **error)
{
  PltShift *shift = edit_take_shift (edit, shift_id, agent, error);

  if (shift != NULL && index >= shift->activities->len)
    {
      g_set_error (error, PLT_PLANNING_ERROR, PLT_PLANNING_ERROR_NOT_FOUND,
                   _("The shift “%s” has no activity %u"), shift_id, index + 1);
      plt_shift_free (shift);
      g_clear_pointer (agent, g_free);
      return NULL;
    }
  return shift;
}

/* Removes activity @index; an edge one shrinks the shift, an inner one
 * becomes WORK. Returns FALSE if it was the only one. */
static gboolean
remove_activity (PltShift *shift,
                 guint     index)
{
  GPtrArray *acts = shift->activities;
  PltActivity *a = g_ptr_array_index (acts, index);

  if (acts->len == 1)
    return FALSE;

  if (index == 0 || index == acts->len - 1)
    g_ptr_array_remove_index (acts, index);
  else
    {
      const char * const *queues = nearest_work_queues (shift, index);
      PltActivity *fill = plt_activity_new (PLT_ACTIVITY_WORK, a->start, a->end, queues);

      g_ptr_array_index (acts, index) = fill;
      plt_activity_free (a);
    }
  join_neighbours (shift);
  return TRUE;
}

/* Copies of @source's shifts re-anchored from @from to @to, at the same
 * wall-clock times, with new ids; into @target (whose shifts are dropped). */
static void
copy_shifts (Edit              *edit,
             const PltAgentDay *source,
             const GDate       *from,
             PltAgentDay       *target,
             const GDate       *to)
{
  g_ptr_array_set_size (target->shifts, 0);

  for (guint i = 0; source != NULL && i < source->shifts->len; i++)
    {
      const PltShift *shift = g_ptr_array_index (source->shifts, i);
      g_autofree char *id = plt_schedule_new_shift_id (edit->ctx->schedule, edit->ctx->id_prefix);
      PltShift *copy = plt_shift_copy (shift);
      GDate start_date;
      int minute;
      gint64 delta;

      /* Minutes from @from's midnight, kept from @to's midnight. */
      plt_site_get_date (edit->ctx->site, shift->start, &start_date);
      minute = plt_site_minute_of_day (edit->ctx->site, shift->start) +
               24 * 60 * ((int) g_date_get_julian (&start_date) - (int) g_date_get_julian (from));
      delta = plt_site_local_time (edit->ctx->site, to, minute) - shift->start;

      g_free (copy->id);
      copy->id = g_steal_pointer (&id);
      copy->start += delta;
      copy->end += delta;
      for (guint j = 0; j < copy->activities->len; j++)
        {
          PltActivity *a = g_ptr_array_index (copy->activities, j);

          a->start += delta;
          a->end += delta;
        }
      plt_agent_day_add_shift (target, copy);
    }
}

static GPtrArray *
agent_list (const PltCommandContext *ctx,
            GStrv                    agents)
{
  GPtrArray *list = g_ptr_array_new ();

  if (agents != NULL)
    for (guint i = 0; agents[i] != NULL; i++)
      g_ptr_array_add (list, agents[i]);
  else
    for (guint i = 0; ctx->agents != NULL && i < ctx->agents->len; i++)
      g_ptr_array_add (list, ((PltPlanningAgent *) g_ptr_array_index (ctx->agents, i))->id);
  return list;
}

static void
copy_week (Edit          *edit,
           GStrv          agents,
           const PltWeek *from,
           const PltWeek *to)
{
  g_autoptr(GPtrArray) list = agent_list (edit->ctx, agents);
  GDate from_monday, to_monday;

  plt_week_get_monday (from, &from_monday);
  plt_week_get_monday (to, &to_monday);

  for (guint a = 0; a < list->len; a++)
    for (guint d = 0; d < 7; d++)
      {
        const char *agent = g_ptr_array_index (list, a);
        GDate f = from_monday, t = to_monday;
        PltAgentDay *source;

        g_date_add_days (&f, d);
        g_date_add_days (&t, d);
        source = plt_schedule_lookup (edit->ctx->schedule, agent, &f);
        copy_shifts (edit, source, &f, edit_day (edit, agent, &t), &t);
      }
}

static gboolean
apply_template (Edit                   *edit,
                const char             *agent,
                const GDate            *date,
                const PltShiftTemplate *tmpl,
                GError                **error)
{
  PltAgentDay *day = edit_day (edit, agent, date);
  g_autofree char *id = plt_schedule_new_shift_id (edit->ctx->schedule, edit->ctx->id_prefix);
  PltShift *shift = plt_shift_template_instantiate (tmpl, edit->ctx->site, date, id, error);

  if (shift == NULL)
    return FALSE;
  g_ptr_array_set_size (day->shifts, 0);
  plt_agent_day_add_shift (day, shift);
  return TRUE;
}

static gboolean
apply_steps (PltPlanningCommand *self,
             Edit               *edit,
             GError            **error)
{
  const PltCommandContext *ctx = edit->ctx;
  g_autofree char *agent = NULL;
  g_autoptr(PltShift) shift = NULL;

  switch (self->type)
    {
    case PLT_COMMAND_CREATE_SHIFT:
      {
        gint64 start = snap (ctx, self->start);
        gint64 end = snap (ctx, self->end);
        g_autofree char *id = NULL;

        if (!check_span (start, end, error))
          return FALSE;
        id = plt_schedule_new_shift_id (ctx->schedule, ctx->id_prefix);
        edit_put_shift (edit, self->agent, plt_shift_new (id, start, end, (const char * const *) self->queues));
        return TRUE;
      }

    case PLT_COMMAND_MOVE_SHIFT:
      {
        gint64 delta;

        shift = edit_take_shift (edit, self->shift_id, &agent, error);
        if (shift == NULL)
          return FALSE;
        delta = snap (ctx, self->start) - shift->start;
        shift->start += delta;
        shift->end += delta;
        for (guint i = 0; i < shift->activities->len; i++)
          {
            PltActivity *a = g_ptr_array_index (shift->activities, i);

            a->start += delta;
            a->end += delta;
          }
        edit_put_shift (edit, self->to_agent != NULL ? self->to_agent : agent, g_steal_pointer (&shift));
        return TRUE;
      }

    case PLT_COMMAND_RESIZE_SHIFT:
      shift = edit_take_shift (edit, self->shift_id, &agent, error);
      if (shift == NULL || !resize_shift (shift, snap (ctx, self->start), snap (ctx, self->end), error))
        return FALSE;
      edit_put_shift (edit, agent, g_steal_pointer (&shift));
      return TRUE;

    case PLT_COMMAND_SPLIT_SHIFT:
      {
        gint64 at = snap (ctx, self->start);
        g_autofree char *id = NULL;
        PltShift *second;

        shift = edit_take_shift (edit, self->shift_id, &agent, error);
        if (shift == NULL)
          return FALSE;
        if (at <= shift->start || at >= shift->end)
          {
            g_set_error_literal (error, PLT_PLANNING_ERROR, PLT_PLANNING_ERROR_INVALID,
                                 _("A shift can only be split inside it"));
            return FALSE;
          }
        id = plt_schedule_new_shift_id (ctx->schedule, ctx->id_prefix);
        second = plt_shift_copy (shift);
        g_free (second->id);
        second->id = g_steal_pointer (&id);
        if (!resize_shift (second, at, shift->end, error) ||
            !resize_shift (shift, shift->start, at, error))
          {
            plt_shift_free (second);
            return FALSE;
          }
        edit_put_shift (edit, agent, g_steal_pointer (&shift));
        edit_put_shift (edit, agent, second);
        return TRUE;
      }

    case PLT_COMMAND_DELETE_SHIFT:
      shift = edit_take_shift (edit, self->shift_id, NULL, error);
      return shift != NULL;

    case PLT_COMMAND_ADD_ACTIVITY:
      {
        gint64 start = snap (ctx, self->start);
        gint64 end = snap (ctx, self->end);

        shift = edit_take_shift (edit, self->shift_id, &agent, error);
        if (shift == NULL || !check_span (start, end, error))
          return FALSE;
        if (start < shift->start || end > shift->end)
          {
            g_set_error_literal (error, PLT_PLANNING_ERROR, PLT_PLANNING_ERROR_INVALID,
                                 _("An activity must lie within its shift"));
            return FALSE;
          }
        _plt_shift_overlay (shift, plt_activity_new (self->kind, start, end, (const char * const *) self->queues));
        if (!plt_shift_normalize (shift, error))
          return FALSE;
        edit_put_shift (edit, agent, g_steal_pointer (&shift));
        return TRUE;
      }

    case PLT_COMMAND_MOVE_ACTIVITY:
    case PLT_COMMAND_RESIZE_ACTIVITY:
      {
        g_autoptr(PltActivity) moved = NULL;
        const PltActivity *old;
        gint64 start, end, shift_start, shift_end;
        gboolean first, last;

        shift = edit_take_shift_with_index (edit, self->shift_id, self->index, &agent, error);
        if (shift == NULL)
          return FALSE;
        old = g_ptr_array_index (shift->activities, self->index);
        moved = plt_activity_copy (old);
        start = snap (ctx, self->start);
        end = self->type == PLT_COMMAND_MOVE_ACTIVITY ? start + (old->end - old->start) : snap (ctx, self->end);
        first = self->index == 0;
        last = self->index == shift->activities->len - 1;
        shift_start = shift->start;
        shift_end = shift->end;

        if (!check_span (start, end, error))
          return FALSE;
        if (self->type == PLT_COMMAND_RESIZE_ACTIVITY)
          {
            /* The first and last activities carry the shift's edges. */
            if (first)
              shift_start = start;
            if (last)
              shift_end = end;
          }
        if (start < shift_start || end > shift_end)
          {
            g_set_error_literal (error, PLT_PLANNING_ERROR, PLT_PLANNING_ERROR_INVALID,
                                 _("An activity must lie within its shift"));
            return FALSE;
          }

        /* What it leaves becomes work, the shift takes its new edges, and
         * the activity goes over its new place. */
        _plt_shift_overlay (shift, plt_activity_new (PLT_ACTIVITY_WORK, old->start, old->end,
                                                     nearest_work_queues (shift, self->index)));
        if (!plt_shift_normalize (shift, error) ||
            !resize_shift (shift, shift_start, shift_end, error))
          return FALSE;
        moved->start = start;
        moved->end = end;
        _plt_shift_overlay (shift, g_steal_pointer (&moved));
        if (!plt_shift_normalize (shift, error))
          return FALSE;
        join_neighbours (shift);
        edit_put_shift (edit, agent, g_steal_pointer (&shift));
        return TRUE;
      }

    case PLT_COMMAND_SPLIT_ACTIVITY:
      {
        gint64 at = snap (ctx, self->start);
        PltActivity *a, *tail;

        shift = edit_take_shift_with_index (edit, self->shift_id, self->index, &agent, error);
        if (shift == NULL)
          return FALSE;
        a = g_ptr_array_index (shift->activities, self->index);
        if (at <= a->start || at >= a->end)
          {
            g_set_error_literal (error, PLT_PLANNING_ERROR, PLT_PLANNING_ERROR_INVALID,
                                 _("An activity can only be split inside it"));
            return FALSE;
          }
        tail = plt_activity_copy (a);
        tail->start = at;
        a->end = at;
        g_ptr_array_insert (shift->activities, (int) self->index + 1, tail);
        edit_put_shift (edit, agent, g_steal_pointer (&shift));
        return TRUE;
      }

    case PLT_COMMAND_DELETE_ACTIVITY:
      shift = edit_take_shift_with_index (edit, self->shift_id, self->index, &agent, error);
      if (shift == NULL)
        return FALSE;
      if (!remove_activity (shift, self->index))
        return TRUE;   /* the only one: the shift is gone */
      if (!plt_shift_normalize (shift, error))
        return FALSE;
      edit_put_shift (edit, agent, g_steal_pointer (&shift));
      return TRUE;

    case PLT_COMMAND_SET_ACTIVITY:
      {
        PltActivity *a;

        shift = edit_take_shift_with_index (edit, self->shift_id, self->index, &agent, error);
        if (shift == NULL)
          return FALSE;
        a = g_ptr_array_index (shift->activities, self->index);
        g_ptr_array_index (shift->activities, self->index) =
          plt_activity_new (self->kind, a->start, a->end, (const char * const *) self->queues);
        plt_activity_free (a);
        edit_put_shift (edit, agent, g_steal_pointer (&shift));
        return TRUE;
      }

    case PLT_COMMAND_COPY_DAY:
      {
        PltAgentDay *source = plt_schedule_lookup (ctx->schedule, self->agent, &self->date);
        g_autoptr(PltAgentDay) source_copy = source != NULL ? plt_agent_day_copy (source) : NULL;

        for (guint i = 0; self->agents != NULL && self->agents[i] != NULL; i++)
          {
            if (strcmp (self->agents[i], self->agent) == 0 && g_date_compare (&self->date, &self->to_date) == 0)
              continue;
            copy_shifts (edit, source_copy, &self->date, edit_day (edit, self->agents[i], &self->to_date),
                         &self->to_date);
          }
        return TRUE;
      }

    case PLT_COMMAND_COPY_WEEK:
      if (plt_week_equal (&self->week, &self->to_week))
        return TRUE;
      copy_week (edit, self->agents, &self->week, &self->to_week);
      return TRUE;

    case PLT_COMMAND_REPEAT_WEEKS:
      for (guint n = 1; n <= self->n_weeks; n++)
        {
          PltWeek to = self->week;

          plt_week_add (&to, (int) n);
          copy_week (edit, self->agents, &self->week, &to);
        }
      return TRUE;

    case PLT_COMMAND_APPLY_TEMPLATE:
      return apply_template (edit, self->agent, &self->date, self->tmpl, error);

    case PLT_COMMAND_APPLY_PATTERN:
      {
        GDate date;

        plt_week_get_monday (&self->week, &date);
        for (guint d = 0; d < 7; d++, g_date_add_days (&date, 1))
          {
            const char *id = self->pattern->days[d];
            const PltShiftTemplate *tmpl = NULL;

            if (id == NULL)
              {
                g_ptr_array_set_size (edit_day (edit, self->agent, &date)->shifts, 0);
                continue;
              }
            for (guint i = 0; i < self->templates->len; i++)
              if (strcmp (((PltShiftTemplate *) g_ptr_array_index (self->templates, i))->id, id) == 0)
                tmpl = g_ptr_array_index (self->templates, i);
            if (tmpl == NULL)
              {
                g_set_error (error, PLT_PLANNING_ERROR, PLT_PLANNING_ERROR_NOT_FOUND,
                             _("The pattern “%s” names an unknown template “%s”"), self->pattern->name, id);
                return FALSE;
              }
            if (!apply_template (edit, self->agent, &date, tmpl, error))
              return FALSE;
          }
        return TRUE;
      }

    case PLT_COMMAND_SET_DAYS:
      for (guint i = 0; i < self->days->len; i++)
        {
          const PltAgentDay *given = g_ptr_array_index (self->days, i);
          PltAgentDay *day = edit_day (edit, given->agent, &given->date);

          g_ptr_array_set_size (day->shifts, 0);
          g_ptr_array_set_size (day->absences, 0);
          for (guint j = 0; j < given->shifts->len; j++)
            g_ptr_array_add (day->shifts, plt_shift_copy (g_ptr_array_index (given->shifts, j)));
          for (guint j = 0; j < given->absences->len; j++)
            g_ptr_array_add (day->absences, plt_absence_copy (g_ptr_array_index (given->absences, j)));
        }
      return TRUE;

    case PLT_COMMAND_ADD_ABSENCE:
      {
        gint64 start = snap (ctx, self->start);
        gint64 end = snap (ctx, self->end);
        GDate date;

        if (end <= start)
          {
            g_set_error_literal (error, PLT_PLANNING_ERROR, PLT_PLANNING_ERROR_INVALID,
                                 _("The end must come after the start"));
            return FALSE;
          }
        plt_site_get_date (ctx->site, start, &date);
        g_ptr_array_add (edit_day (edit, self->agent, &date)->absences,
                         plt_absence_new (start, end, self->reason));
        return TRUE;
      }

    case PLT_COMMAND_REMOVE_ABSENCE:
      {
        PltAgentDay *day = edit_day (edit, self->agent, &self->date);

        if (self->index >= day->absences->len)
          {
            g_set_error (error, PLT_PLANNING_ERROR, PLT_PLANNING_ERROR_NOT_FOUND,
                         _("There is no such time off"));
            return FALSE;
          }
        g_ptr_array_remove_index (day->absences, self->index);
        return TRUE;
      }

    default:
      g_return_val_if_reached (FALSE);
    }
}

GPtrArray *
plt_planning_command_apply (PltPlanningCommand      *self,
                            const PltCommandContext *ctx,
                            GError                 **error)
{
  Edit edit;
  GPtrArray *out = NULL;

  g_return_val_if_fail (self != NULL && ctx != NULL && ctx->schedule != NULL && ctx->site != NULL, NULL);

  edit_init (&edit, ctx);
  if (apply_steps (self, &edit, error))
    out = edit_finish (&edit);
  edit_clear (&edit);
  return out;
}
