/* plt-planning-rules.c — the rules a plan must follow, and the violations
 * explained in words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "plt-planning-rules.h"

struct _PltPlanningRules
{
  char        *preset;
  PltSeverity  severity[PLT_RULE_N_RULES];
  guint        params[PLT_RULE_N_PARAMS];
};

static const char * const rule_names[] = {
  [PLT_RULE_OVERLAP] = "overlap",
  [PLT_RULE_MIN_REST] = "min_rest",
  [PLT_RULE_MAX_DAY] = "max_day",
  [PLT_RULE_MAX_WEEK] = "max_week",
  [PLT_RULE_BREAK_EVERY] = "break_every",
  [PLT_RULE_LUNCH] = "lunch",
  [PLT_RULE_SKILL] = "skill",
  [PLT_RULE_TIME_OFF] = "time_off",
};
G_STATIC_ASSERT (G_N_ELEMENTS (rule_names) == PLT_RULE_N_RULES);

static const char * const severity_names[] = {
  [PLT_SEVERITY_OFF] = "off",
  [PLT_SEVERITY_WARNING] = "warning",
  [PLT_SEVERITY_ERROR] = "error",
};

static const char * const param_names[] = {
  [PLT_RULE_PARAM_MIN_REST_MIN] = "min_rest_min",
  [PLT_RULE_PARAM_MAX_DAY_MIN] = "max_day_min",
  [PLT_RULE_PARAM_MAX_WEEK_MIN] = "max_week_min",
  [PLT_RULE_PARAM_BREAK_EVERY_MIN] = "break_every_min",
  [PLT_RULE_PARAM_LUNCH_AFTER_MIN] = "lunch_after_min",
  [PLT_RULE_PARAM_LUNCH_FROM_MIN] = "lunch_from_min",
  [PLT_RULE_PARAM_LUNCH_TO_MIN] = "lunch_to_min",
};
G_STATIC_ASSERT (G_N_ELEMENTS (param_names) == PLT_RULE_N_PARAMS);

/* The largest value of each parameter. */
static const guint param_max[] = {
  [PLT_RULE_PARAM_MIN_REST_MIN] = 48 * 60,
  [PLT_RULE_PARAM_MAX_DAY_MIN] = 24 * 60,
  [PLT_RULE_PARAM_MAX_WEEK_MIN] = 7 * 24 * 60,
  [PLT_RULE_PARAM_BREAK_EVERY_MIN] = 24 * 60,
  [PLT_RULE_PARAM_LUNCH_AFTER_MIN] = 24 * 60,
  [PLT_RULE_PARAM_LUNCH_FROM_MIN] = 24 * 60,
  [PLT_RULE_PARAM_LUNCH_TO_MIN] = 24 * 60,
};

static const char * const presets[] = { "standard", "strict", "relaxed", NULL };

const char *
plt_rule_id_to_string (PltRuleId rule)
{
  g_return_val_if_fail (rule < PLT_RULE_N_RULES, "");
  return rule_names[rule];
}

gboolean
plt_rule_id_from_string (const char *str,
                         PltRuleId  *rule)
{
  for (guint i = 0; str != NULL && i < PLT_RULE_N_RULES; i++)
    if (strcmp (str, rule_names[i]) == 0)
      {
        *rule = i;
        return TRUE;
      }
  return FALSE;
}

const char *
plt_severity_to_string (PltSeverity severity)
{
  g_return_val_if_fail (severity <= PLT_SEVERITY_ERROR, "off");
  return severity_names[severity];
}

gboolean
plt_severity_from_string (const char  *str,
                          PltSeverity *severity)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (severity_names); i++)
    if (strcmp (str, severity_names[i]) == 0)
      {
        *severity = i;
        return TRUE;
      }
  return FALSE;
}

const char *
plt_rule_id_get_label (PltRuleId rule)
{
  switch (rule)
    {
    case PLT_RULE_OVERLAP: return _("Overlapping shifts");
    case PLT_RULE_MIN_REST: return _("Minimum rest");
    case PLT_RULE_MAX_DAY: return _("Hours per day");
    case PLT_RULE_MAX_WEEK: return _("Hours per week");
    case PLT_RULE_BREAK_EVERY: return _("Breaks");
    case PLT_RULE_LUNCH: return _("Lunch");
    case PLT_RULE_SKILL: return _("Skills");
    case PLT_RULE_TIME_OFF: return _("Time off");
    case PLT_RULE_N_RULES:
    default:
      g_return_val_if_reached ("");
    }
}

void
plt_violation_free (PltViolation *violation)
{
  if (violation == NULL)
    return;
  g_free (violation->agent);
  g_free (violation->shift_id);
  g_free (violation->message);
  g_free (violation);
}

const char * const *
plt_planning_rules_list_presets (void)
{
  return presets;
}

static void
apply_preset (PltPlanningRules *self,
              guint             preset)
{
  static const PltSeverity standard[] = {
    PLT_SEVERITY_ERROR, PLT_SEVERITY_ERROR, PLT_SEVERITY_ERROR, PLT_SEVERITY_ERROR,
    PLT_SEVERITY_WARNING, PLT_SEVERITY_WARNING, PLT_SEVERITY_ERROR, PLT_SEVERITY_ERROR,
  };
  static const PltSeverity relaxed[] = {
    PLT_SEVERITY_ERROR, PLT_SEVERITY_WARNING, PLT_SEVERITY_WARNING, PLT_SEVERITY_WARNING,
    PLT_SEVERITY_WARNING, PLT_SEVERITY_WARNING, PLT_SEVERITY_ERROR, PLT_SEVERITY_ERROR,
  };
  G_STATIC_ASSERT (G_N_ELEMENTS (standard) == PLT_RULE_N_RULES);
  G_STATIC_ASSERT (G_N_ELEMENTS (relaxed) == PLT_RULE_N_RULES);

  g_free (self->preset);
  self->preset = g_strdup (presets[preset]);

  for (guint i = 0; i < PLT_RULE_N_RULES; i++)
    self->severity[i] = preset == 1 ? PLT_SEVERITY_ERROR : preset == 2 ? relaxed[i] : standard[i];

  self->params[PLT_RULE_PARAM_MIN_REST_MIN] = 11 * 60;
  self->params[PLT_RULE_PARAM_MAX_DAY_MIN] = preset == 2 ? 12 * 60 : 10 * 60;
  self->params[PLT_RULE_PARAM_MAX_WEEK_MIN] = preset == 2 ? 60 * 60 : 48 * 60;
  self->params[PLT_RULE_PARAM_BREAK_EVERY_MIN] = 150;
  self->params[PLT_RULE_PARAM_LUNCH_AFTER_MIN] = 6 * 60;
  self->params[PLT_RULE_PARAM_LUNCH_FROM_MIN] = 11 * 60 + 30;
  self->params[PLT_RULE_PARAM_LUNCH_TO_MIN] = 14 * 60 + 30;
}

PltPlanningRules *
plt_planning_rules_new (void)
{
  PltPlanningRules *self = g_new0 (PltPlanningRules, 1);

  apply_preset (self, 0);
  return self;
}

PltPlanningRules *
plt_planning_rules_new_preset (const char  *preset,
                               GError     **error)
{
  for (guint i = 0; presets[i] != NULL; i++)
    if (g_strcmp0 (preset, presets[i]) == 0)
      {
        PltPlanningRules *self = g_new0 (PltPlanningRules, 1);

        apply_preset (self, i);
        return self;
      }

  g_set_error (error, PLT_PLANNING_ERROR, PLT_PLANNING_ERROR_INVALID,
               _("There is no rule preset “%s” (standard, strict or relaxed)"), preset);
  return NULL;
}

PltPlanningRules *
plt_planning_rules_copy (const PltPlanningRules *self)
{
  PltPlanningRules *copy = g_memdup2 (self, sizeof *self);

  copy->preset = g_strdup (self->preset);
  return copy;
}

void
plt_planning_rules_free (PltPlanningRules *self)
{
  if (self == NULL)
    return;
  g_free (self->preset);
  g_free (self);
}

void
plt_planning_rules_set_severity (PltPlanningRules *self,
                                 PltRuleId         rule,
                                 PltSeverity       severity)
{
  g_return_if_fail (rule < PLT_RULE_N_RULES);
  g_return_if_fail (severity <= PLT_SEVERITY_ERROR);
  self->severity[rule] = severity;
}

PltSeverity
plt_planning_rules_get_severity (const PltPlanningRules *self,
                                 PltRuleId               rule)
{
  g_return_val_if_fail (rule < PLT_RULE_N_RULES, PLT_SEVERITY_OFF);
  return self->severity[rule];
}

gboolean
plt_planning_rules_set_param (PltPlanningRules *self,
                              PltRuleParam      param,
                              guint             value)
{
  g_return_val_if_fail (param < PLT_RULE_N_PARAMS, FALSE);
  if (value > param_max[param] || (value == 0 && param != PLT_RULE_PARAM_LUNCH_FROM_MIN))
    return FALSE;
  self->params[param] = value;
  return TRUE;
}

guint
plt_planning_rules_get_param (const PltPlanningRules *self,
                              PltRuleParam            param)
{
  g_return_val_if_fail (param < PLT_RULE_N_PARAMS, 0);
  return self->params[param];
}

void
plt_planning_rules_to_json (const PltPlanningRules *self,
                            JsonBuilder            *builder)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "preset");
  json_builder_add_string_value (builder, self->preset);
  json_builder_set_member_name (builder, "severity");
  json_builder_begin_object (builder);
  for (guint i = 0; i < PLT_RULE_N_RULES; i++)
    {
      json_builder_set_member_name (builder, rule_names[i]);
      json_builder_add_string_value (builder, severity_names[self->severity[i]]);
    }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "params");
  json_builder_begin_object (builder);
  for (guint i = 0; i < PLT_RULE_N_PARAMS; i++)
    {
      json_builder_set_member_name (builder, param_names[i]);
      json_builder_add_int_value (builder, self->params[i]);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

PltPlanningRules *
plt_planning_rules_from_json (JsonNode  *node,
                              GError   **error)
{
  g_autoptr(PltPlanningRules) self = NULL;
  JsonObject *object;
  JsonNode *member;
  const char *preset = "standard";

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, PLT_PLANNING_ERROR, PLT_PLANNING_ERROR_INVALID,
                           "the rules must be an object");
      return NULL;
    }
  object = json_node_get_object (node);

  member = json_object_get_member (object, "preset");
  if (member != NULL && JSON_NODE_HOLDS_VALUE (member) && json_node_get_value_type (member) == G_TYPE_STRING)
    preset = json_node_get_string (member);
  self = plt_planning_rules_new_preset (preset, error);
  if (self == NULL)
    return NULL;

  member = json_object_get_member (object, "severity");
  if (member != NULL && JSON_NODE_HOLDS_OBJECT (member))
    {
      JsonObject *severity = json_node_get_object (member);

      for (guint i = 0; i < PLT_RULE_N_RULES; i++)
        {
          JsonNode *value = json_object_get_member (severity, rule_names[i]);
          PltSeverity s;

          if (value == NULL)
            continue;
          if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING ||
              !plt_severity_from_string (json_node_get_string (value), &s))
            {
              g_set_error (error, PLT_PLANNING_ERROR, PLT_PLANNING_ERROR_INVALID,
                           "field “severity.%s” must be off, warning or error", rule_names[i]);
              return NULL;
            }
          self->severity[i] = s;
        }
    }

  member = json_object_get_member (object, "params");
  if (member != NULL && JSON_NODE_HOLDS_OBJECT (member))
    {
      JsonObject *params = json_node_get_object (member);

      for (guint i = 0; i < PLT_RULE_N_PARAMS; i++)
        {
          JsonNode *value = json_object_get_member (params, param_names[i]);

          if (value == NULL)
            continue;
          if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_INT64 ||
              json_node_get_int (value) < 0 || json_node_get_int (value) > G_MAXUINT ||
              !plt_planning_rules_set_param (self, i, (guint) json_node_get_int (value)))
            {
              g_set_error (error, PLT_PLANNING_ERROR, PLT_PLANNING_ERROR_INVALID,
                           "field “params.%s” is out of range", param_names[i]);
              return NULL;
            }
        }
    }
  return g_steal_pointer (&self);
}

/* ---------------------------------------------------------------------------
 * Checking
 */

typedef struct
{
  const PltPlanningRules *rules;
  const PltSite          *site;
  GPtrArray              *out;
} Checker;

/* "7 h 30", "45 min", "11 h" */
static char *
format_duration (gint64 ms)
{
  gint64 minutes = ms / PLT_MS_PER_MINUTE;

  if (minutes < 60)
    return g_strdup_printf (_("%d min"), (int) minutes);
  if (minutes % 60 == 0)
    return g_strdup_printf (_("%d h"), (int) (minutes / 60));
  return g_strdup_printf (_("%d h %02d"), (int) (minutes / 60), (int) (minutes % 60));
}

static char *
format_clock (const PltSite *site,
              gint64         time)
{
  int minute = plt_site_minute_of_day (site, time);

  return g_strdup_printf ("%02d:%02d", minute / 60, minute % 60);
}

static char *
format_day_time (const PltSite *site,
                 gint64         time)
{
  GDate date;
  char buffer[64];
  g_autofree char *clock = format_clock (site, time);

  plt_site_get_date (site, time, &date);
  /* A short weekday and day, e.g. "Tue 24" */
  g_date_strftime (buffer, sizeof buffer, C_("short date", "%a %d"), &date);
  return g_strdup_printf ("%s %s", buffer, clock);
}

G_GNUC_PRINTF (8, 9)
static void
report (Checker         *checker,
        PltRuleId        rule,
        const char      *agent,
        const GDate     *date,
        gint64           start,
        gint64           end,
        const char      *shift_id,
        const char      *format,
        ...)
{
  PltSeverity severity = checker->rules->severity[rule];
  PltViolation *v;
  va_list args;

  if (severity == PLT_SEVERITY_OFF)
    return;

  v = g_new0 (PltViolation, 1);
  v->rule = rule;
  v->severity = severity;
  v->agent = g_strdup (agent);
  v->date = *date;
  v->start = start;
  v->end = end;
  v->shift_id = g_strdup (shift_id);
  va_start (args, format);
  v->message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (checker->out, v);
}

typedef struct
{
  const PltShift *shift;
  GDate           date;
} DatedShift;

static int
compare_dated (gconstpointer a,
               gconstpointer b)
{
  const DatedShift *x = a;
  const DatedShift *y = b;

  return (x->shift->start > y->shift->start) - (x->shift->start < y->shift->start);
}

static gboolean
in_range (const GDate *date,
          const GDate *from,
          const GDate *to)
{
  return g_date_compare (date, from) >= 0 && g_date_compare (date, to) <= 0;
}

static void
check_shift_inside (Checker                *checker,
                    const PltPlanningAgent *agent_info,
                    const char             *agent,
                    const DatedShift       *ds)
{
  const PltShift *shift = ds->shift;
  const PltPlanningRules *rules = checker->rules;
  gint64 break_every = rules->params[PLT_RULE_PARAM_BREAK_EVERY_MIN] * PLT_MS_PER_MINUTE;
  gint64 stretch_start = -1;
  gboolean has_lunch = FALSE;

  /* Skills */
  for (guint i = 0; i < shift->activities->len; i++)
    {
      const PltActivity *a = g_ptr_array_index (shift->activities, i);
      g_autofree char *from = NULL;

      if (a->kind != PLT_ACTIVITY_WORK)
        continue;

      from = format_day_time (checker->site, a->start);
      if (agent_info == NULL)
        {
          report (checker, PLT_RULE_SKILL, agent, &ds->date, a->start, a->end, shift->id,
                  _("%s: work planned at %s for an agent who is not in this team"), agent, from);
          continue;
        }
      if (a->queues == NULL)
        {
          if (agent_info->skills == NULL || agent_info->skills[0] == NULL)
            report (checker, PLT_RULE_SKILL, agent, &ds->date, a->start, a->end, shift->id,
                    _("%s has no skill for any queue, but work is planned at %s"),
                    agent_info->name, from);
          continue;
        }
      for (guint q = 0; a->queues[q] != NULL; q++)
        if (!plt_planning_agent_has_skill (agent_info, a->queues[q]))
          report (checker, PLT_RULE_SKILL, agent, &ds->date, a->start, a->end, shift->id,
                  _("%s has no skill for the queue “%s”, planned at %s"),
                  agent_info->name, a->queues[q], from);
    }

  /* Breaks: stretches of working time without break or lunch */
  for (guint i = 0; i <= shift->activities->len; i++)
    {
      const PltActivity *a = i < shift->activities->len ? g_ptr_array_index (shift->activities, i) : NULL;
      gboolean rests = a == NULL || a->kind == PLT_ACTIVITY_BREAK || a->kind == PLT_ACTIVITY_LUNCH ||
                       !plt_activity_kind_is_working (a->kind);

      if (a != NULL && a->kind == PLT_ACTIVITY_LUNCH)
        has_lunch = TRUE;

      if (!rests && stretch_start < 0)
        stretch_start = a->start;
      if (rests && stretch_start >= 0)
        {
          gint64 stretch_end = a != NULL ? a->start : shift->end;

          if (stretch_end - stretch_start > break_every)
            {
              g_autofree char *length = format_duration (stretch_end - stretch_start);
              g_autofree char *limit = format_duration (break_every);
              g_autofree char *from = format_day_time (checker->site, stretch_start);
              const char *name = agent_info != NULL ? agent_info->name : agent;

              report (checker, PLT_RULE_BREAK_EVERY, agent, &ds->date, stretch_start, stretch_end, shift->id,
                      _("%s works %s without a break from %s (a break at least every %s)"),
                      name, length, from, limit);
            }
          stretch_start = -1;
        }
    }

  /* Lunch: inside its window; required on long shifts that cover the window */
  {
    int window_from = (int) rules->params[PLT_RULE_PARAM_LUNCH_FROM_MIN];
    int window_to = (int) rules->params[PLT_RULE_PARAM_LUNCH_TO_MIN];
    gint64 w_start = plt_site_local_time (checker->site, &ds->date, window_from);
    gint64 w_end = plt_site_local_time (checker->site, &ds->date, window_to);
    const char *name = agent_info != NULL ? agent_info->name : agent;
    g_autofree char *wf = g_strdup_printf ("%02d:%02d", window_from / 60, window_from % 60);
    g_autofree char *wt = g_strdup_printf ("%02d:%02d", window_to / 60, window_to % 60);

    for (guint i = 0; i < shift->activities->len; i++)
      {
        const PltActivity *a = g_ptr_array_index (shift->activities, i);
        GDate a_date;
        gint64 aw_start, aw_end;

        if (a->kind != PLT_ACTIVITY_LUNCH)
          continue;
        plt_site_get_date (checker->site, a->start, &a_date);
        aw_start = plt_site_local_time (checker->site, &a_date, window_from);
        aw_end = plt_site_local_time (checker->site, &a_date, window_to);
        if (a->start < aw_start || a->end > aw_end)
          {
            g_autofree char *from = format_day_time (checker->site, a->start);

            report (checker, PLT_RULE_LUNCH, agent, &ds->date, a->start, a->end, shift->id,
                    _("%s has lunch at %s, outside the lunch window %s–%s"), name, from, wf, wt);
          }
      }

    if (!has_lunch &&
        plt_shift_working_ms (shift) > rules->params[PLT_RULE_PARAM_LUNCH_AFTER_MIN] * PLT_MS_PER_MINUTE &&
        shift->start <= w_start && shift->end >= w_end)
      {
        g_autofree char *length = format_duration (plt_shift_working_ms (shift));
        g_autofree char *from = format_day_time (checker->site, shift->start);

        report (checker, PLT_RULE_LUNCH, agent, &ds->date, shift->start, shift->end, shift->id,
                _("%s's shift from %s has %s of work and no lunch between %s and %s"),
                name, from, length, wf, wt);
      }
  }
}

static void
check_agent (Checker                *checker,
             PltSchedule            *schedule,
             const PltPlanningAgent *agent_info,
             const char             *agent,
             const GDate            *from,
             const GDate            *to)
{
  const PltPlanningRules *rules = checker->rules;
  const char *name = agent_info != NULL ? agent_info->name : agent;
  g_autoptr(GArray) shifts = g_array_new (FALSE, FALSE, sizeof (DatedShift));
  g_autoptr(GPtrArray) absences = g_ptr_array_new ();
  GDate before = *from;
  GDate after = *to;
  GDate date;

  g_date_subtract_days (&before, 1);
  g_date_add_days (&after, 1);

  /* For the week rule, whole ISO weeks around the range. */
  {
    PltWeek w;

    plt_week_from_date (&before, &w);
    plt_week_get_monday (&w, &before);
    plt_week_from_date (&after, &w);
    plt_week_get_monday (&w, &after);
    g_date_add_days (&after, 6);
  }

  for (date = before; g_date_compare (&date, &after) <= 0; g_date_add_days (&date, 1))
    {
      PltAgentDay *day = plt_schedule_lookup (schedule, agent, &date);

      if (day == NULL)
        continue;
      for (guint i = 0; i < day->shifts->len; i++)
        {
          DatedShift ds = { g_ptr_array_index (day->shifts, i), date };

          g_array_append_val (shifts, ds);
        }
      for (guint i = 0; i < day->absences->len; i++)
        g_ptr_array_add (absences, g_ptr_array_index (day->absences, i));
    }
  g_array_sort (shifts, compare_dated);

  for (guint i = 0; i < shifts->len; i++)
    {
      const DatedShift *ds = &g_array_index (shifts, DatedShift, i);
      gboolean mine = in_range (&ds->date, from, to);

      /* Overlaps with any later shift */
      for (guint j = i + 1; j < shifts->len; j++)
        {
          const DatedShift *other = &g_array_index (shifts, DatedShift, j);

          if (other->shift->start >= ds->shift->end)
            break;
          if (mine || in_range (&other->date, from, to))
            {
              g_autofree char *a = format_day_time (checker->site, ds->shift->start);
              g_autofree char *b = format_day_time (checker->site, other->shift->start);

              report (checker, PLT_RULE_OVERLAP, agent, &other->date, other->shift->start,
                      MIN (ds->shift->end, other->shift->end), other->shift->id,
                      _("%s has two shifts at once: from %s and from %s"), name, a, b);
            }
        }

      if (!mine)
        continue;

      check_shift_inside (checker, agent_info, agent, ds);

      /* Time off */
      for (guint k = 0; k < absences->len; k++)
        {
          const PltAbsence *absence = g_ptr_array_index (absences, k);

          for (guint a = 0; a < ds->shift->activities->len; a++)
            {
              const PltActivity *act = g_ptr_array_index (ds->shift->activities, a);

              if (!plt_activity_kind_is_working (act->kind) ||
                  act->end <= absence->start || act->start >= absence->end)
                continue;
              {
                g_autofree char *at = format_day_time (checker->site, MAX (act->start, absence->start));

                if (absence->reason != NULL)
                  report (checker, PLT_RULE_TIME_OFF, agent, &ds->date, MAX (act->start, absence->start),
                          MIN (act->end, absence->end), ds->shift->id,
                          _("%s is planned to work at %s, during approved time off (%s)"),
                          name, at, absence->reason);
                else
                  report (checker, PLT_RULE_TIME_OFF, agent, &ds->date, MAX (act->start, absence->start),
                          MIN (act->end, absence->end), ds->shift->id,
                          _("%s is planned to work at %s, during approved time off"), name, at);
              }
              break;
            }
        }
    }

  /* Per day: working time and rest before the next working day */
  {
    gint64 max_day = rules->params[PLT_RULE_PARAM_MAX_DAY_MIN] * PLT_MS_PER_MINUTE;
    gint64 min_rest = rules->params[PLT_RULE_PARAM_MIN_REST_MIN] * PLT_MS_PER_MINUTE;
    gint64 prev_end = -1;
    GDate prev_date;

    g_date_clear (&prev_date, 1);

    for (guint i = 0; i < shifts->len; )
      {
        const DatedShift *first = &g_array_index (shifts, DatedShift, i);
        GDate day_date = first->date;
        gint64 worked = 0;
        gint64 day_start = G_MAXINT64, day_end = 0;
        const char *last_id = NULL, *first_id = NULL;
        guint j;

        for (j = i; j < shifts->len && g_date_compare (&g_array_index (shifts, DatedShift, j).date, &day_date) == 0; j++)
          {
            const PltShift *s = g_array_index (shifts, DatedShift, j).shift;

            if (!plt_shift_is_working (s))
              continue;
            worked += plt_shift_working_ms (s);
            if (s->start < day_start)
              {
                day_start = s->start;
                first_id = s->id;
              }
            if (s->end > day_end)
              {
                day_end = s->end;
                last_id = s->id;
              }
          }
        i = j;

        if (worked == 0)
          continue;

        if (in_range (&day_date, from, to) && worked > max_day)
          {
            g_autofree char *w = format_duration (worked);
            g_autofree char *limit = format_duration (max_day);
            char buffer[64];

            g_date_strftime (buffer, sizeof buffer, C_("long date", "%A %d %B"), &day_date);
            report (checker, PLT_RULE_MAX_DAY, agent, &day_date, day_start, day_end, last_id,
                    _("%s works %s on %s (at most %s a day)"), name, w, buffer, limit);
          }

        if (prev_end >= 0 && day_start - prev_end < min_rest &&
            (in_range (&day_date, from, to) || in_range (&prev_date, from, to)) &&
            day_start >= prev_end)
          {
            g_autofree char *rest = format_duration (day_start - prev_end);
            g_autofree char *limit = format_duration (min_rest);
            g_autofree char *a = format_day_time (checker->site, prev_end);
            g_autofree char *b = format_day_time (checker->site, day_start);

            report (checker, PLT_RULE_MIN_REST, agent, &day_date, prev_end, day_start, first_id,
                    _("%s rests only %s between %s and %s (at least %s)"), name, rest, a, b, limit);
          }
        prev_end = MAX (prev_end, day_end);
        prev_date = day_date;
      }
  }

  /* Per ISO week */
  {
    gint64 max_week = rules->params[PLT_RULE_PARAM_MAX_WEEK_MIN] * PLT_MS_PER_MINUTE;
    PltWeek current = { 0, 0 };
    gint64 worked = 0, w_start = 0, w_end = 0;
    GDate w_date;

    g_date_clear (&w_date, 1);
    for (guint i = 0; i <= shifts->len; i++)
      {
        const DatedShift *ds = i < shifts->len ? &g_array_index (shifts, DatedShift, i) : NULL;
        PltWeek w = { 0, 0 };

        if (ds != NULL)
          plt_week_from_date (&ds->date, &w);

        if (ds == NULL || !plt_week_equal (&w, &current))
          {
            if (current.year != 0 && worked > max_week)
              {
                GDate monday, sunday;

                plt_week_get_monday (&current, &monday);
                sunday = monday;
                g_date_add_days (&sunday, 6);
                if (g_date_compare (&monday, to) <= 0 && g_date_compare (&sunday, from) >= 0)
                  {
                    g_autofree char *wk = format_duration (worked);
                    g_autofree char *limit = format_duration (max_week);

                    report (checker, PLT_RULE_MAX_WEEK, agent, &w_date, w_start, w_end, NULL,
                            _("%s works %s in week %d (at most %s a week)"), name, wk, current.week, limit);
                  }
              }
            current = w;
            worked = 0;
            w_start = ds != NULL ? ds->shift->start : 0;
            if (ds != NULL)
              w_date = ds->date;
          }
        if (ds != NULL)
          {
            worked += plt_shift_working_ms (ds->shift);
            w_end = ds->shift->end;
            w_date = ds->date;
          }
      }
  }
}

static int
compare_violations (gconstpointer a,
                    gconstpointer b)
{
  const PltViolation *x = *(const PltViolation * const *) a;
  const PltViolation *y = *(const PltViolation * const *) b;
  int c = strcmp (x->agent, y->agent);

  if (c != 0)
    return c;
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return (int) x->rule - (int) y->rule;
}

GPtrArray *
plt_planning_rules_check (const PltPlanningRules *self,
                          PltSchedule            *schedule,
                          GPtrArray              *agents,
                          const PltSite          *site,
                          const char             *agent,
                          const GDate            *from,
                          const GDate            *to)
{
  Checker checker = { self, site, g_ptr_array_new_with_free_func ((GDestroyNotify) plt_violation_free) };
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) days = NULL;

  g_return_val_if_fail (self != NULL && schedule != NULL && site != NULL, checker.out);
  g_return_val_if_fail (from != NULL && to != NULL, checker.out);

  for (guint i = 0; agents != NULL && i < agents->len; i++)
    {
      const PltPlanningAgent *info = g_ptr_array_index (agents, i);

      if (agent != NULL && strcmp (agent, info->id) != 0)
        continue;
      g_hash_table_add (seen, info->id);
      check_agent (&checker, schedule, info, info->id, from, to);
    }

  /* Agents planned but not listed (skills unknown). */
  days = plt_schedule_list_days (schedule);
  for (guint i = 0; i < days->len; i++)
    {
      PltAgentDay *day = g_ptr_array_index (days, i);

      if (g_hash_table_contains (seen, day->agent) || (agent != NULL && strcmp (agent, day->agent) != 0))
        continue;
      g_hash_table_add (seen, day->agent);
      check_agent (&checker, schedule, NULL, day->agent, from, to);
    }

  g_ptr_array_sort (checker.out, compare_violations);
  return checker.out;
}

guint
plt_violations_count_errors (GPtrArray *violations)
{
  guint n = 0;

  for (guint i = 0; violations != NULL && i < violations->len; i++)
    if (((PltViolation *) g_ptr_array_index (violations, i))->severity == PLT_SEVERITY_ERROR)
      n++;
  return n;
}
