/* plt-planning-rules.h — the rules a plan must follow, in configurable
 * presets, and the violations explained in words (docs/planning.md, "Rules")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "plt-planning.h"

G_BEGIN_DECLS

/**
 * PltRuleId:
 * @PLT_RULE_OVERLAP: two shifts of an agent overlap
 * @PLT_RULE_MIN_REST: too little rest between two working days' shifts
 * @PLT_RULE_MAX_DAY: too much working time on one day
 * @PLT_RULE_MAX_WEEK: too much working time in one ISO week
 * @PLT_RULE_BREAK_EVERY: too long a stretch of work without a break
 * @PLT_RULE_LUNCH: a long shift without lunch, or a lunch outside its window
 * @PLT_RULE_SKILL: work on a queue the agent has no skill for
 * @PLT_RULE_TIME_OFF: working time over approved time off
 *
 * String forms: "overlap", "min_rest", "max_day", "max_week",
 * "break_every", "lunch", "skill", "time_off".
 */
typedef enum
{
  PLT_RULE_OVERLAP,
  PLT_RULE_MIN_REST,
  PLT_RULE_MAX_DAY,
  PLT_RULE_MAX_WEEK,
  PLT_RULE_BREAK_EVERY,
  PLT_RULE_LUNCH,
  PLT_RULE_SKILL,
  PLT_RULE_TIME_OFF,
  PLT_RULE_N_RULES,
} PltRuleId;

typedef enum
{
  PLT_SEVERITY_OFF,
  PLT_SEVERITY_WARNING,
  PLT_SEVERITY_ERROR,
} PltSeverity;

/**
 * PltRuleParam:
 * @PLT_RULE_PARAM_MIN_REST_MIN: minimum rest, minutes (660 = 11 h)
 * @PLT_RULE_PARAM_MAX_DAY_MIN: working minutes per day (600 = 10 h)
 * @PLT_RULE_PARAM_MAX_WEEK_MIN: working minutes per week (2 880 = 48 h)
 * @PLT_RULE_PARAM_BREAK_EVERY_MIN: longest stretch of work without a
 *   break or lunch (150 = 2 h 30)
 * @PLT_RULE_PARAM_LUNCH_AFTER_MIN: a shift with more working minutes than
 *   this needs a lunch (360 = 6 h)
 * @PLT_RULE_PARAM_LUNCH_FROM_MIN: the lunch window's start, local minutes
 *   after midnight (690 = 11:30)
 * @PLT_RULE_PARAM_LUNCH_TO_MIN: its end (870 = 14:30)
 */
typedef enum
{
  PLT_RULE_PARAM_MIN_REST_MIN,
  PLT_RULE_PARAM_MAX_DAY_MIN,
  PLT_RULE_PARAM_MAX_WEEK_MIN,
  PLT_RULE_PARAM_BREAK_EVERY_MIN,
  PLT_RULE_PARAM_LUNCH_AFTER_MIN,
  PLT_RULE_PARAM_LUNCH_FROM_MIN,
  PLT_RULE_PARAM_LUNCH_TO_MIN,
  PLT_RULE_N_PARAMS,
} PltRuleParam;

const char *plt_rule_id_to_string     (PltRuleId    rule);
gboolean    plt_rule_id_from_string   (const char  *str,
                                       PltRuleId   *rule);
const char *plt_severity_to_string    (PltSeverity  severity);
gboolean    plt_severity_from_string  (const char  *str,
                                       PltSeverity *severity);
/* Returns: (transfer none): the rule's name, translated ("Minimum rest") */
const char *plt_rule_id_get_label     (PltRuleId    rule);

/**
 * PltViolation:
 * @rule: which rule
 * @severity: error or warning
 * @agent: the agent id
 * @date: the agent-day it belongs to (where the timeline marks it)
 * @start: the span at fault, UTC ms
 * @end: its end
 * @shift_id: (nullable): the shift at fault
 * @message: what is wrong, in words (translated), with the figures
 */
typedef struct
{
  PltRuleId    rule;
  PltSeverity  severity;
  char        *agent;
  GDate        date;
  gint64       start;
  gint64       end;
  char        *shift_id;
  char        *message;
} PltViolation;

void plt_violation_free (PltViolation *violation);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PltViolation, plt_violation_free)

typedef struct _PltPlanningRules PltPlanningRules;

/* The presets: "standard" (the default: overlap, rest, hours, skills and
 * time off are errors; breaks and lunch are warnings), "strict" (every
 * rule an error) and "relaxed" (overlap, skills and time off are errors,
 * the others warnings, 12 h days, 60 h weeks). */
const char * const *plt_planning_rules_list_presets (void);

/* Returns: (transfer full): the "standard" preset */
PltPlanningRules *plt_planning_rules_new          (void);
/* Returns: (transfer full) (nullable): NULL with PLT_PLANNING_ERROR_INVALID
 * for an unknown preset */
PltPlanningRules *plt_planning_rules_new_preset   (const char       *preset,
                                                   GError          **error);
PltPlanningRules *plt_planning_rules_copy         (const PltPlanningRules *self);
void              plt_planning_rules_free         (PltPlanningRules *self);
void              plt_planning_rules_set_severity (PltPlanningRules *self,
                                                   PltRuleId         rule,
                                                   PltSeverity       severity);
PltSeverity       plt_planning_rules_get_severity (const PltPlanningRules *self,
                                                   PltRuleId         rule);
/* FALSE (and no change) for a value out of range. */
gboolean          plt_planning_rules_set_param    (PltPlanningRules *self,
                                                   PltRuleParam      param,
                                                   guint             value);
guint             plt_planning_rules_get_param    (const PltPlanningRules *self,
                                                   PltRuleParam      param);

/* {"preset":"standard","severity":{"min_rest":"error",…},
 *  "params":{"min_rest_min":660,…}}: what is omitted keeps the preset's. */
void              plt_planning_rules_to_json      (const PltPlanningRules *self,
                                                   JsonBuilder      *builder);
PltPlanningRules *plt_planning_rules_from_json    (JsonNode         *node,
                                                   GError          **error);

/* Checks @agent's days from @from to @to (included) in @schedule (every
 * agent of @agents when @agent is NULL; @agents gives the skills and
 * names). The day before @from and the day after @to are read too, for
 * rest and overlaps across the edge. Violations come sorted by agent,
 * start and rule.
 * Returns: (transfer full) (element-type PltViolation) */
GPtrArray        *plt_planning_rules_check        (const PltPlanningRules *self,
                                                   PltSchedule      *schedule,
                                                   GPtrArray        *agents,
                                                   const PltSite    *site,
                                                   const char       *agent,
                                                   const GDate      *from,
                                                   const GDate      *to);
/* How many of @violations are errors. */
guint             plt_violations_count_errors     (GPtrArray        *violations);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PltPlanningRules, plt_planning_rules_free)

G_END_DECLS
