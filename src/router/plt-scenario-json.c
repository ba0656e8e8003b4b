/* plt-scenario-json.c — reading scenario files (docs/scenarios.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "plt-scenario-private.h"

/* A scenario file is trusted configuration, but it is still read with
 * limits: json-glib 1.6 recurses without bound on nesting. */
#define SCENARIO_MAX_BYTES  (16 * 1024 * 1024)
#define SCENARIO_MAX_DEPTH  32
#define SCENARIO_MAX_NAME   4096
#define SCENARIO_MAX_AGENTS 100000
#define SCENARIO_MAX_ITEMS  10000

/* Parsing. Every error names the place in the file, as a path such as
 * `queues[2].sl_target`. */

typedef struct
{
  const char  *origin;
  GError     **error;
  GHashTable  *queue_index;     /* queue id → index + 1 */
  GHashTable  *profiles;        /* name → JsonObject* */
  GHashTable  *schedule_index;  /* schedule id → index + 1 */
} Parse;

static gboolean G_GNUC_PRINTF (3, 4)
fail (Parse      *p,
      const char *path,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (p->error, PLT_SCENARIO_ERROR, PLT_SCENARIO_ERROR_INVALID,
               "%s: %s%s%s", p->origin, path ? path : "", path && *path ? ": " : "", message);
  return FALSE;
}

static char *
member_path (const char *path,
             const char *key)
{
  if (path == NULL || *path == '\0')
    return g_strdup (key);
  return g_strdup_printf ("%s.%s", path, key);
}

static gboolean
check_members (Parse              *p,
               JsonObject         *object,
               const char         *path,
               const char * const *allowed)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (const GList *l = members; l != NULL; l = l->next)
    {
      if (!g_strv_contains (allowed, l->data))
        {
          g_autofree char *escaped = g_strescape (l->data, NULL);
          g_autofree char *known = g_strjoinv (", ", (char **) allowed);

          return fail (p, path, "unknown field “%s” (allowed: %s)", escaped, known);
        }
    }

  return TRUE;
}

static gboolean
get_node (Parse       *p,
          JsonObject  *object,
          const char  *path,
          const char  *key,
          gboolean     required,
          JsonNode   **out)
{
  *out = json_object_get_member (object, key);
  if (*out == NULL && required)
    {
      g_autofree char *where = member_path (path, key);

      return fail (p, where, "missing (required)");
    }

  return TRUE;
}

static gboolean
node_is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
check_string (Parse       *p,
              JsonNode    *node,
              const char  *where,
              guint        max_length,
              const char **out)
{
  const char *str;

  if (!node_is_string (node))
    return fail (p, where, "must be a string");

  str = json_node_get_string (node);
  if (str[0] == '\0')
    return fail (p, where, "must not be empty");
  if (strlen (str) > max_length)
    return fail (p, where, "is longer than %u bytes", max_length);

  *out = str;
  return TRUE;
}

static gboolean
get_string (Parse       *p,
            JsonObject  *object,
            const char  *path,
            const char  *key,
            gboolean     required,
            guint        max_length,
            char       **out)
{
  g_autofree char *where = member_path (path, key);
  JsonNode *node;
  const char *str = NULL;

  if (!get_node (p, object, path, key, required, &node))
    return FALSE;
  if (node == NULL)
    return TRUE;

  if (!check_string (p, node, where, max_length, &str))
    return FALSE;

  g_free (*out);
  *out = g_strdup (str);
  return TRUE;
}

static gboolean
get_boolean (Parse      *p,
             JsonObject *object,
             const char *path,
             const char *key,
             gboolean   *out)
{
  g_autofree char *where = member_path (path, key);
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return fail (p, where, "must be true or false");

  *out = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
node_get_number (JsonNode *node,
                 double   *out)
{
  GType type;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    *out = (double) json_node_get_int (node);
  else if (type == G_TYPE_DOUBLE)
    *out = json_node_get_double (node);
  else
    return FALSE;

  return isfinite (*out);
}

static gboolean
check_number (Parse      *p,
              JsonNode   *node,
              const char *where,
              double      min,
              double      max,
              double     *out)
{
  double value;

  if (!node_get_number (node, &value))
    return fail (p, where, "must be a number");
  if (value < min || value > max)
    return fail (p, where, "must be a number from %g to %g (found %g)", min, max, value);

  *out = value;
  return TRUE;
}

/* Leaves *out unchanged (the default) when the optional member is absent. */
static gboolean
get_number (Parse      *p,
            JsonObject *object,
            const char *path,
            const char *key,
            gboolean    required,
            double      min,
            double      max,
            double     *out)
{
  g_autofree char *where = member_path (path, key);
  JsonNode *node;

  if (!get_node (p, object, path, key, required, &node))
    return FALSE;
  if (node == NULL)
    return TRUE;

  return check_number (p, node, where, min, max, out);
}

static gboolean
get_whole (Parse      *p,
           JsonObject *object,
           const char *path,
           const char *key,
           gboolean    required,
           guint       min,
           guint       max,
           guint      *out)
{
  double value = *out;

  if (!get_number (p, object, path, key, required, min, max, &value))
    return FALSE;
  if (value != floor (value))
    {
      g_autofree char *where = member_path (path, key);

      return fail (p, where, "must be a whole number");
    }

  *out = (guint) value;
  return TRUE;
}

static gboolean
get_object (Parse       *p,
            JsonObject  *object,
            const char  *path,
            const char  *key,
            gboolean     required,
            JsonObject **out)
{
  g_autofree char *where = member_path (path, key);
  JsonNode *node;

  *out = NULL;
  if (!get_node (p, object, path, key, required, &node))
    return FALSE;
  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (p, where, "must be an object");

  *out = json_node_get_object (node);
  return TRUE;
}

static gboolean
get_array (Parse       *p,
           JsonObject  *object,
           const char  *path,
           const char  *key,
           gboolean     required,
           JsonArray  **out)
{
  g_autofree char *where = member_path (path, key);
  JsonNode *node;

  *out = NULL;
  if (!get_node (p, object, path, key, required, &node))
    return FALSE;
  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail (p, where, "must be an array");

  *out = json_node_get_array (node);
  if (json_array_get_length (*out) > SCENARIO_MAX_ITEMS)
    return fail (p, where, "has more than %u elements", SCENARIO_MAX_ITEMS);

  return TRUE;
}

/* "HH:MM", 00:00 to 23:59 (to 24:00 with @allow_24). */
static gboolean
check_clock (Parse      *p,
             JsonNode   *node,
             const char *where,
             gboolean    allow_24,
             guint      *minutes)
{
  const char *text;
  guint hours, mins;

  if (!node_is_string (node))
    return fail (p, where, "must be a time of day, \"HH:MM\"");
  text = json_node_get_string (node);

  if (strlen (text) != 5 || text[2] != ':' ||
      !g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[1]) ||
      !g_ascii_isdigit (text[3]) || !g_ascii_isdigit (text[4]))
    return fail (p, where, "must be a time of day, \"HH:MM\" (found “%s”)", text);

  hours = (guint) (text[0] - '0') * 10 + (guint) (text[1] - '0');
  mins = (guint) (text[3] - '0') * 10 + (guint) (text[4] - '0');
  if (mins > 59 || hours > 24 || (hours == 24 && (mins > 0 || !allow_24)))
    return fail (p, where, "“%s” is not a time of day from 00:00 to %s", text, allow_24 ? "24:00" : "23:59");

  *minutes = hours * 60 + mins;
  return TRUE;
}

static gboolean
get_clock (Parse      *p,
           JsonObject *object,
           const char *path,
           const char *key,
           gboolean    required,
           gboolean    allow_24,
           guint      *minutes)
{
  g_autofree char *where = member_path (path, key);
  JsonNode *node;

  if (!get_node (p, object, path, key, required, &node))
    return FALSE;
  if (node == NULL)
    return TRUE;

  return check_clock (p, node, where, allow_24, minutes);
}

/* {"per_hour": x, "mean_…": y} */
static gboolean
get_rate (Parse      *p,
          JsonObject *object,
          const char *path,
          const char *key,
          const char *mean_key,
          double      mean_max,
          double     *per_hour,
          double     *mean)
{
  static const char * const allowed_s[] = { "per_hour", "mean_s", NULL };
  static const char * const allowed_min[] = { "per_hour", "mean_minutes", NULL };
  g_autofree char *where = member_path (path, key);
  JsonObject *rate;

  if (!get_object (p, object, path, key, FALSE, &rate))
    return FALSE;
  if (rate == NULL)
    return TRUE;

  return check_members (p, rate, where, g_str_equal (mean_key, "mean_s") ? allowed_s : allowed_min) &&
         get_number (p, rate, where, "per_hour", TRUE, 0, 60, per_hour) &&
         get_number (p, rate, where, mean_key, TRUE, 0.001, mean_max, mean);
}

static int
lookup_queue (Parse      *p,
              const char *id)
{
  return GPOINTER_TO_INT (g_hash_table_lookup (p->queue_index, id)) - 1;
}

/* A queue id in @node, which must exist. */
static gboolean
check_queue_ref (Parse      *p,
                 JsonNode   *node,
                 const char *where,
                 int        *index)
{
  const char *id;

  if (!node_is_string (node))
    return fail (p, where, "must be a queue id (a string)");

  id = json_node_get_string (node);
  *index = lookup_queue (p, id);
  if (*index < 0)
    {
      g_autofree char *escaped = g_strescape (id, NULL);

      return fail (p, where, "no queue has the id “%s”", escaped);
    }

  return TRUE;
}

static gboolean
parse_behaviour (Parse                *p,
                 JsonObject           *object,
                 PltScenarioBehaviour *b)
{
  static const char * const allowed[] = {
    "answer_s", "ring_timeout_s", "no_answer_probability", "rona_autopause",
    "missed_pause_s", "rona_delay_s", "busy_other", "logout",
    "initially_logged_out", "initially_paused", "lateness_s", "break_overrun_s", NULL
  };
  static const char * const allowed_lateness[] = { "mean", "sd", NULL };
  JsonArray *answer;
  JsonObject *lateness;

  if (!check_members (p, object, "agent_behaviour", allowed))
    return FALSE;

  if (!get_array (p, object, "agent_behaviour", "answer_s", FALSE, &answer))
    return FALSE;
  if (answer != NULL)
    {
      if (json_array_get_length (answer) != 2)
        return fail (p, "agent_behaviour.answer_s", "must be an array of two numbers [min, max]");
      if (!check_number (p, json_array_get_element (answer, 0), "agent_behaviour.answer_s[0]", 0, 600, &b->answer_min_s) ||
          !check_number (p, json_array_get_element (answer, 1), "agent_behaviour.answer_s[1]", 0, 600, &b->answer_max_s))
        return FALSE;
      if (b->answer_min_s > b->answer_max_s)
        return fail (p, "agent_behaviour.answer_s", "the minimum (%g) is greater than the maximum (%g)",
                     b->answer_min_s, b->answer_max_s);
    }

  if (!get_number (p, object, "agent_behaviour", "ring_timeout_s", FALSE, 1, 600, &b->ring_timeout_s) ||
      !get_number (p, object, "agent_behaviour", "no_answer_probability", FALSE, 0, 1, &b->no_answer_probability) ||
      !get_boolean (p, object, "agent_behaviour", "rona_autopause", &b->rona_autopause) ||
      !get_number (p, object, "agent_behaviour", "missed_pause_s", FALSE, 1, 86400, &b->missed_pause_mean_s) ||
      !get_number (p, object, "agent_behaviour", "rona_delay_s", FALSE, 0, 3600, &b->rona_delay_s) ||
      !get_rate (p, object, "agent_behaviour", "busy_other", "mean_s", 86400,
                 &b->busy_other_per_hour, &b->busy_other_mean_s) ||
      !get_rate (p, object, "agent_behaviour", "logout", "mean_minutes", 24 * 60,
                 &b->logout_per_hour, &b->logout_mean_minutes) ||
      !get_number (p, object, "agent_behaviour", "initially_logged_out", FALSE, 0, 1, &b->initially_logged_out) ||
      !get_number (p, object, "agent_behaviour", "initially_paused", FALSE, 0, 1, &b->initially_paused) ||
      !get_object (p, object, "agent_behaviour", "lateness_s", FALSE, &lateness) ||
      !get_number (p, object, "agent_behaviour", "break_overrun_s", FALSE, 0, 3600, &b->break_overrun_mean_s))
    return FALSE;

  if (lateness != NULL &&
      (!check_members (p, lateness, "agent_behaviour.lateness_s", allowed_lateness) ||
       !get_number (p, lateness, "agent_behaviour.lateness_s", "mean", TRUE, 0, 3600, &b->lateness_mean_s) ||
       !get_number (p, lateness, "agent_behaviour.lateness_s", "sd", FALSE, 0, 3600, &b->lateness_sd_s)))
    return FALSE;
  if (lateness != NULL && !json_object_has_member (lateness, "sd"))
    b->lateness_sd_s = b->lateness_mean_s;

  if (b->initially_logged_out + b->initially_paused > 1)
    return fail (p, "agent_behaviour", "initially_logged_out + initially_paused must not exceed 1");

  return TRUE;
}

static gboolean
parse_pauses (Parse       *p,
              PltScenario *self,
              JsonArray   *array)
{
  static const char * const allowed[] = {
    "reason", "label", "per_hour", "mean_minutes", "handles_email", NULL
  };

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("pauses[%u]", i);
      JsonNode *node = json_array_get_element (array, i);
      PltScenarioPause *pause;
      JsonObject *object;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return fail (p, path, "must be an object");
      object = json_node_get_object (node);

      pause = g_new0 (PltScenarioPause, 1);
      g_ptr_array_add (self->pauses, pause);

      if (!check_members (p, object, path, allowed) ||
          !get_string (p, object, path, "reason", TRUE, 64, &pause->reason) ||
          !get_string (p, object, path, "label", FALSE, SCENARIO_MAX_NAME, &pause->label) ||
          !get_number (p, object, path, "per_hour", TRUE, 0, 60, &pause->per_hour) ||
          !get_number (p, object, path, "mean_minutes", TRUE, 0.1, 24 * 60, &pause->mean_minutes) ||
          !get_boolean (p, object, path, "handles_email", &pause->handles_email))
        return FALSE;

      if (g_str_equal (pause->reason, PLT_REASON_NO_ANSWER))
        return fail (p, path, "the reason “%s” is the router's own (the pause after a missed call)",
                     PLT_REASON_NO_ANSWER);
      if (pause->label == NULL)
        pause->label = g_strdup (pause->reason);

      for (guint j = 0; j < i; j++)
        {
          PltScenarioPause *other = g_ptr_array_index (self->pauses, j);

          if (g_str_equal (other->reason, pause->reason))
            return fail (p, path, "the reason “%s” is listed twice", pause->reason);
        }
    }

  return TRUE;
}

/* A profile: {"start": "HH:MM", "weights": [...]} or {"start", "rates": [...]},
 * one number per 15 minutes from start. Fills @values (96, zero
 * elsewhere); *is_weights tells which. */
static gboolean
parse_profile (Parse      *p,
               JsonObject *object,
               const char *path,
               double     *values,
               gboolean   *is_weights)
{
  static const char * const allowed[] = { "start", "weights", "rates", NULL };
  JsonArray *weights, *rates, *array;
  guint start = 0;
  double total = 0;

  if (!check_members (p, object, path, allowed) ||
      !get_clock (p, object, path, "start", FALSE, FALSE, &start) ||
      !get_array (p, object, path, "weights", FALSE, &weights) ||
      !get_array (p, object, path, "rates", FALSE, &rates))
    return FALSE;

  if ((weights == NULL) == (rates == NULL))
    return fail (p, path, "a profile has either “weights” or “rates”");
  if (start % 15 != 0)
    {
      g_autofree char *where = member_path (path, "start");

      return fail (p, where, "must be on a quarter hour (00, 15, 30 or 45 minutes)");
    }

  array = weights != NULL ? weights : rates;
  *is_weights = weights != NULL;
  if (json_array_get_length (array) == 0 ||
      start / 15 + json_array_get_length (array) > PLT_SCENARIO_INTERVALS)
    {
      g_autofree char *where = member_path (path, weights != NULL ? "weights" : "rates");

      return fail (p, where, "must have 1 to %u values (15-minute intervals up to midnight)",
                   PLT_SCENARIO_INTERVALS - start / 15);
    }

  memset (values, 0, sizeof (double) * PLT_SCENARIO_INTERVALS);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *where = g_strdup_printf ("%s.%s[%u]", path, weights != NULL ? "weights" : "rates", i);

      if (!check_number (p, json_array_get_element (array, i), where, 0, 1000000, &values[start / 15 + i]))
        return FALSE;
      total += values[start / 15 + i];
    }

  if (*is_weights && total <= 0)
    {
      g_autofree char *where = member_path (path, "weights");

      return fail (p, where, "at least one weight must be positive");
    }

  return TRUE;
}

static gboolean
parse_traffic (Parse            *p,
               JsonObject       *object,
               const char       *path,
               PltScenarioQueue *queue)
{
  g_autofree char *where = member_path (path, "profile");
  gboolean outbound = queue->media == PLT_QUEUE_MEDIA_OUTBOUND;
  gboolean has_hour = json_object_has_member (object, "calls_per_hour");
  gboolean has_day = json_object_has_member (object, "calls_per_day");
  JsonNode *node = json_object_get_member (object, "profile");
  double values[PLT_SCENARIO_INTERVALS];
  double calls_per_hour = 0, calls_per_day = 0, total = 0;
  gboolean is_weights = FALSE;
  JsonObject *profile = NULL;

  if (outbound && (has_hour || has_day || node != NULL))
    {
      g_autofree char *what = member_path (path, has_hour ? "calls_per_hour" : has_day ? "calls_per_day" : "profile");

      return fail (p, what, "an outbound queue has no arrivals: its agents dial (use dial_gap_s)");
    }
  if (outbound)
    {
      plt_scenario_set_flat_rate (queue, 0);
      return TRUE;
    }

  if (node == NULL)
    {
      if (has_day)
        {
          g_autofree char *what = member_path (path, "calls_per_day");

          return fail (p, what, "goes with a profile of weights; without a profile, give calls_per_hour");
        }
      if (!get_number (p, object, path, "calls_per_hour", TRUE, 0, 1000000, &calls_per_hour))
        return FALSE;
      plt_scenario_set_flat_rate (queue, calls_per_hour);
      return TRUE;
    }

  if (node_is_string (node))
    {
      profile = g_hash_table_lookup (p->profiles, json_node_get_string (node));
      if (profile == NULL)
        {
          g_autofree char *escaped = g_strescape (json_node_get_string (node), NULL);

          return fail (p, where, "no profile is named “%s”", escaped);
        }
      if (!parse_profile (p, profile, where, values, &is_weights))
        return FALSE;
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      if (!parse_profile (p, json_node_get_object (node), where, values, &is_weights))
        return FALSE;
    }
  else
    return fail (p, where, "must be a profile name or a profile object");

  if (has_hour)
    {
      g_autofree char *what = member_path (path, "calls_per_hour");

      return fail (p, what, "a queue with a profile gives calls_per_day (weights) or none (rates)");
    }
  if (is_weights && !get_number (p, object, path, "calls_per_day", TRUE, 0, 100000000, &calls_per_day))
    return FALSE;
  if (!is_weights && has_day)
    {
      g_autofree char *what = member_path (path, "calls_per_day");

      return fail (p, what, "a profile of rates gives the calls per hour itself");
    }

  plt_scenario_set_flat_rate (queue, 0);
  for (guint i = 0; i < PLT_SCENARIO_INTERVALS; i++)
    total += values[i];
  for (guint i = 0; i < PLT_SCENARIO_INTERVALS; i++)
    /* A weight's share of the day's calls, over 15 minutes: per hour × 4. */
    queue->rates[i] = is_weights ? calls_per_day * values[i] / total * 4.0 : values[i];

  return TRUE;
}

static gboolean
parse_talk (Parse            *p,
            JsonObject       *object,
            const char       *path,
            PltScenarioQueue *queue)
{
  static const char * const allowed[] = { "mean", "sd", "distribution", NULL };
  g_autofree char *talk_path = member_path (path, "talk_s");
  g_autofree char *distribution = NULL;
  JsonObject *talk;

  if (!get_object (p, object, path, "talk_s", TRUE, &talk) ||
      !check_members (p, talk, talk_path, allowed) ||
      !get_number (p, talk, talk_path, "mean", TRUE, 1, 86400, &queue->talk_mean_s) ||
      !get_number (p, talk, talk_path, "sd", FALSE, 0, 86400, &queue->talk_sd_s) ||
      !get_string (p, talk, talk_path, "distribution", FALSE, 64, &distribution))
    return FALSE;

  queue->talk_distribution = PLT_DISTRIBUTION_LOGNORMAL;
  if (distribution != NULL)
    {
      g_autofree char *where = member_path (talk_path, "distribution");

      if (g_str_equal (distribution, "exponential"))
        queue->talk_distribution = PLT_DISTRIBUTION_EXPONENTIAL;
      else if (g_str_equal (distribution, "fixed"))
        queue->talk_distribution = PLT_DISTRIBUTION_FIXED;
      else if (!g_str_equal (distribution, "lognormal"))
        return fail (p, where, "must be lognormal, exponential or fixed (found “%s”)", distribution);

      if (queue->talk_distribution != PLT_DISTRIBUTION_LOGNORMAL && json_object_has_member (talk, "sd"))
        return fail (p, talk_path, "sd is for the lognormal distribution only");
    }

  if (!json_object_has_member (talk, "sd"))
    queue->talk_sd_s = queue->talk_distribution == PLT_DISTRIBUTION_LOGNORMAL ? queue->talk_mean_s / 2 : 0;

  return TRUE;
}

static gboolean
parse_queue (Parse       *p,
             PltScenario *self,
             JsonObject  *object,
             const char  *path)
{
  static const char * const allowed[] = {
    "id", "name", "media", "priority", "calls_per_hour", "calls_per_day", "profile",
    "sl_threshold_s", "sl_target", "talk_s", "wrap_up_s", "patience_s", "hold",
    "dial_gap_s", "answer_probability", "overflow", "callback", "transfer", "kpi", NULL
  };
  static const char * const allowed_hold[] = { "probability", "mean_s", NULL };
  static const char * const allowed_kpi[] = { "sl_variant", "short_abandon_s", "day_reset", "time_zone", NULL };
  g_autofree char *kpi_path = member_path (path, "kpi");
  g_autofree char *variant = NULL;
  JsonObject *kpi;
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  g_autofree char *media = NULL;
  g_autofree char *hold_path = member_path (path, "hold");
  PltScenarioQueue *queue;
  PltQueueMedia kind;
  JsonObject *hold;
  gboolean outbound;

  if (!check_members (p, object, path, allowed) ||
      !get_string (p, object, path, "id", TRUE, 64, &id) ||
      !get_string (p, object, path, "name", TRUE, SCENARIO_MAX_NAME, &name) ||
      !get_string (p, object, path, "media", TRUE, 64, &media))
    return FALSE;

  kind = plt_queue_media_from_string (media);
  if (kind == PLT_QUEUE_MEDIA_UNKNOWN)
    {
      g_autofree char *where = member_path (path, "media");

      return fail (p, where, "must be inbound, outbound, callback or email (found “%s”)", media);
    }
  outbound = kind == PLT_QUEUE_MEDIA_OUTBOUND;

  queue = plt_scenario_queue_new (id, name, kind, 0);
  g_ptr_array_add (self->queues, queue);

  if (lookup_queue (p, id) >= 0)
    return fail (p, path, "the queue id “%s” is used twice", id);
  g_hash_table_insert (p->queue_index, queue->id, GINT_TO_POINTER (self->queues->len));

  if (!get_whole (p, object, path, "priority", FALSE, 1, PLT_SCENARIO_MAX_PRIORITY, &queue->priority) ||
      !get_whole (p, object, path, "sl_threshold_s", TRUE, 1, 86400, &queue->sl_threshold_s) ||
      !get_number (p, object, path, "sl_target", TRUE, 0, 1, &queue->sl_target) ||
      !parse_traffic (p, object, path, queue) ||
      !parse_talk (p, object, path, queue) ||
      !get_number (p, object, path, "wrap_up_s", FALSE, 0, 86400, &queue->wrap_up_mean_s) ||
      !get_number (p, object, path, "patience_s", FALSE, 0, 7 * 86400, &queue->patience_mean_s) ||
      !get_object (p, object, path, "hold", FALSE, &hold) ||
      !get_number (p, object, path, "dial_gap_s", FALSE, 1, 86400, &queue->dial_gap_mean_s) ||
      !get_number (p, object, path, "answer_probability", FALSE, 0, 1, &queue->answer_probability) ||
      !get_object (p, object, path, "kpi", FALSE, &kpi))
    return FALSE;

  if (kpi != NULL)
    {
      if (!check_members (p, kpi, kpi_path, allowed_kpi) ||
          !get_string (p, kpi, kpi_path, "sl_variant", FALSE, 64, &variant) ||
          !get_whole (p, kpi, kpi_path, "short_abandon_s", FALSE, 0, 86400, &queue->short_abandon_s) ||
          !get_clock (p, kpi, kpi_path, "day_reset", FALSE, FALSE, &queue->day_reset_min) ||
          !get_string (p, kpi, kpi_path, "time_zone", FALSE, 256, &queue->time_zone))
        return FALSE;
      if (queue->time_zone != NULL)
        {
          g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (queue->time_zone);

          if (zone == NULL)
            {
              g_autofree char *where = member_path (kpi_path, "time_zone");

              return fail (p, where, "“%s” is not a time zone this system knows (e.g. Europe/Paris)",
                           queue->time_zone);
            }
        }
      if (variant != NULL && !plt_sl_variant_from_string (variant, &queue->sl_variant))
        {
          g_autofree char *where = member_path (kpi_path, "sl_variant");

          return fail (p, where, "must be answered_only, abandons_met, abandons_missed, "
                       "short_abandons_excluded or abandons_after_t (found “%s”)", variant);
        }
    }

  if (!outbound && json_object_has_member (object, "dial_gap_s"))
    return fail (p, path, "dial_gap_s is for outbound queues only");
  if (!outbound && kind != PLT_QUEUE_MEDIA_CALLBACK && json_object_has_member (object, "answer_probability"))
    return fail (p, path, "answer_probability is for outbound and callback queues only");

  if (hold != NULL)
    {
      if (!check_members (p, hold, hold_path, allowed_hold) ||
          !get_number (p, hold, hold_path, "probability", TRUE, 0, 1, &queue->hold_probability) ||
          !get_number (p, hold, hold_path, "mean_s", FALSE, 1, 86400, &queue->hold_mean_s))
        return FALSE;
      if (kind == PLT_QUEUE_MEDIA_EMAIL && queue->hold_probability > 0)
        return fail (p, hold_path, "an e-mail cannot be put on hold");
    }

  return TRUE;
}

/* overflow, callback and transfer name other queues: read once every queue
 * is known. */
static gboolean
parse_queue_links (Parse       *p,
                   PltScenario *self,
                   JsonObject  *object,
                   const char  *path,
                   guint        index)
{
  static const char * const allowed_overflow[] = { "after_s", "queue", NULL };
  static const char * const allowed_callback[] = { "after_s", "probability", "queue", NULL };
  static const char * const allowed_transfer[] = { "probability", "to", NULL };
  PltScenarioQueue *queue = g_ptr_array_index (self->queues, index);
  g_autofree char *overflow_path = member_path (path, "overflow");
  g_autofree char *callback_path = member_path (path, "callback");
  g_autofree char *transfer_path = member_path (path, "transfer");
  JsonObject *overflow, *callback, *transfer;
  gboolean waits = queue->media == PLT_QUEUE_MEDIA_INBOUND || queue->media == PLT_QUEUE_MEDIA_CALLBACK ||
                   queue->media == PLT_QUEUE_MEDIA_EMAIL;

  if (!get_object (p, object, path, "overflow", FALSE, &overflow) ||
      !get_object (p, object, path, "callback", FALSE, &callback) ||
      !get_object (p, object, path, "transfer", FALSE, &transfer))
    return FALSE;

  if (overflow != NULL)
    {
      g_autofree char *where = member_path (overflow_path, "queue");
      JsonNode *node;

      if (!waits)
        return fail (p, overflow_path, "an outbound queue has nobody waiting to overflow");
      if (!check_members (p, overflow, overflow_path, allowed_overflow) ||
          !get_number (p, overflow, overflow_path, "after_s", TRUE, 1, 86400, &queue->overflow_after_s) ||
          !get_node (p, overflow, overflow_path, "queue", TRUE, &node) ||
          !check_queue_ref (p, node, where, &queue->overflow_queue))
        return FALSE;
      if ((guint) queue->overflow_queue == index)
        return fail (p, where, "a queue cannot overflow to itself");
      if (((PltScenarioQueue *) g_ptr_array_index (self->queues, queue->overflow_queue))->media == PLT_QUEUE_MEDIA_OUTBOUND)
        return fail (p, where, "cannot overflow to an outbound queue");
    }

  if (callback != NULL)
    {
      g_autofree char *where = member_path (callback_path, "queue");
      JsonNode *node = NULL;
      PltScenarioQueue *target;

      if (queue->media != PLT_QUEUE_MEDIA_INBOUND)
        return fail (p, callback_path, "only callers of an inbound queue can ask for a callback");
      if (!check_members (p, callback, callback_path, allowed_callback) ||
          !get_number (p, callback, callback_path, "after_s", TRUE, 1, 86400, &queue->callback_after_s) ||
          !get_number (p, callback, callback_path, "probability", TRUE, 0, 1, &queue->callback_probability) ||
          !get_node (p, callback, callback_path, "queue", FALSE, &node))
        return FALSE;

      queue->callback_queue = (int) index;
      if (node != NULL && !check_queue_ref (p, node, where, &queue->callback_queue))
        return FALSE;
      target = g_ptr_array_index (self->queues, queue->callback_queue);
      if (target->media != PLT_QUEUE_MEDIA_INBOUND && target->media != PLT_QUEUE_MEDIA_CALLBACK)
        return fail (p, where, "callbacks go to an inbound or callback queue");
    }

  if (transfer != NULL)
    {
      g_autofree char *to_path = member_path (transfer_path, "to");
      JsonArray *to;

      if (queue->media == PLT_QUEUE_MEDIA_EMAIL)
        return fail (p, transfer_path, "an e-mail is not transferred");
      if (!check_members (p, transfer, transfer_path, allowed_transfer) ||
          !get_number (p, transfer, transfer_path, "probability", TRUE, 0, 1, &queue->transfer_probability) ||
          !get_array (p, transfer, transfer_path, "to", TRUE, &to))
        return FALSE;
      if (json_array_get_length (to) == 0)
        return fail (p, to_path, "must name at least one queue");

      for (guint i = 0; i < json_array_get_length (to); i++)
        {
          g_autofree char *where = g_strdup_printf ("%s[%u]", to_path, i);
          int target;

          if (!check_queue_ref (p, json_array_get_element (to, i), where, &target))
            return FALSE;
          if ((guint) target == index)
            return fail (p, where, "a queue cannot transfer to itself");
          if (((PltScenarioQueue *) g_ptr_array_index (self->queues, target))->media != PLT_QUEUE_MEDIA_INBOUND)
            return fail (p, where, "calls are transferred to inbound queues");
          g_array_append_val (queue->transfer_to, target);
        }
    }

  return TRUE;
}

static const char * const day_names[] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };

static gboolean
parse_schedule (Parse               *p,
                PltScenario         *self,
                const char          *id,
                JsonNode            *node,
                const char          *path)
{
  static const char * const allowed[] = { "start", "end", "days", "breaks", NULL };
  static const char * const allowed_break[] = { "at", "minutes", "reason", NULL };
  PltScenarioSchedule *schedule;
  JsonObject *object;
  JsonArray *days, *breaks;
  guint end = 0;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (p, path, "must be an object");
  object = json_node_get_object (node);

  schedule = g_new0 (PltScenarioSchedule, 1);
  schedule->id = g_strdup (id);
  schedule->days = 0x7f;
  schedule->breaks = g_array_new (FALSE, FALSE, sizeof (PltScenarioBreak));
  g_ptr_array_add (self->schedules, schedule);
  g_hash_table_insert (p->schedule_index, schedule->id, GUINT_TO_POINTER (self->schedules->len));

  if (!check_members (p, object, path, allowed) ||
      !get_clock (p, object, path, "start", TRUE, FALSE, &schedule->start_minute) ||
      !get_clock (p, object, path, "end", TRUE, TRUE, &end) ||
      !get_array (p, object, path, "days", FALSE, &days) ||
      !get_array (p, object, path, "breaks", FALSE, &breaks))
    return FALSE;

  /* An end at or before the start is on the next day. */
  schedule->end_minute = end > schedule->start_minute ? end : end + 24 * 60;

  if (days != NULL)
    {
      schedule->days = 0;
      for (guint i = 0; i < json_array_get_length (days); i++)
        {
          g_autofree char *where = g_strdup_printf ("%s.days[%u]", path, i);
          JsonNode *day = json_array_get_element (days, i);
          guint d;

          for (d = 0; d < G_N_ELEMENTS (day_names); d++)
            if (node_is_string (day) && g_str_equal (json_node_get_string (day), day_names[d]))
              break;
          if (d == G_N_ELEMENTS (day_names))
            return fail (p, where, "must be one of mon, tue, wed, thu, fri, sat, sun");
          schedule->days |= 1 << d;
        }
      if (schedule->days == 0)
        {
          g_autofree char *where = member_path (path, "days");

          return fail (p, where, "must name at least one day");
        }
    }

  for (guint i = 0; breaks != NULL && i < json_array_get_length (breaks); i++)
    {
      g_autofree char *where = g_strdup_printf ("%s.breaks[%u]", path, i);
      g_autofree char *reason = NULL;
      JsonNode *element = json_array_get_element (breaks, i);
      PltScenarioBreak brk = { 0 };
      JsonObject *brk_object;
      int pause;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return fail (p, where, "must be an object");
      brk_object = json_node_get_object (element);

      if (!check_members (p, brk_object, where, allowed_break) ||
          !get_clock (p, brk_object, where, "at", TRUE, FALSE, &brk.at_minute) ||
          !get_whole (p, brk_object, where, "minutes", TRUE, 1, 24 * 60, &brk.minutes) ||
          !get_string (p, brk_object, where, "reason", TRUE, 64, &reason))
        return FALSE;

      pause = plt_scenario_find_pause (self, reason);
      if (pause < 0)
        {
          g_autofree char *reason_path = member_path (where, "reason");

          return fail (p, reason_path, "no pause has the reason “%s” (see pauses)", reason);
        }
      brk.pause = (guint) pause;

      if (brk.at_minute < schedule->start_minute)
        brk.at_minute += 24 * 60;
      if (brk.at_minute + brk.minutes > schedule->end_minute ||
          (schedule->breaks->len > 0 &&
           brk.at_minute < g_array_index (schedule->breaks, PltScenarioBreak, schedule->breaks->len - 1).at_minute +
                           g_array_index (schedule->breaks, PltScenarioBreak, schedule->breaks->len - 1).minutes))
        return fail (p, where, "breaks must lie within the shift, in order, without overlapping");

      g_array_append_val (schedule->breaks, brk);
    }

  return TRUE;
}

static gboolean
get_schedule_ref (Parse      *p,
                  JsonObject *object,
                  const char *path,
                  int        *out)
{
  g_autofree char *where = member_path (path, "schedule");
  g_autofree char *id = NULL;
  guint index;

  if (!get_string (p, object, path, "schedule", FALSE, 64, &id))
    return FALSE;
  if (id == NULL)
    return TRUE;

  index = GPOINTER_TO_UINT (g_hash_table_lookup (p->schedule_index, id));
  if (index == 0)
    return fail (p, where, "no schedule is named “%s”", id);

  *out = (int) index - 1;
  return TRUE;
}

/* "queues": ["q-a", {"queue": "q-b", "level": 2}] */
static gboolean
parse_agent_queues (Parse        *p,
                    JsonObject   *object,
                    const char   *path,
                    GArray      **out)
{
  static const char * const allowed[] = { "queue", "level", NULL };
  g_autofree char *where = member_path (path, "queues");
  g_autoptr(GArray) skills = g_array_new (FALSE, FALSE, sizeof (PltScenarioSkill));
  JsonArray *array;

  if (!get_array (p, object, path, "queues", TRUE, &array))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *element = g_strdup_printf ("%s[%u]", where, i);
      JsonNode *node = json_array_get_element (array, i);
      PltScenarioSkill skill = { 0, 1 };
      JsonNode *queue_node = node;
      int index;

      if (JSON_NODE_HOLDS_OBJECT (node))
        {
          JsonObject *skill_object = json_node_get_object (node);
          g_autofree char *queue_path = member_path (element, "queue");

          if (!check_members (p, skill_object, element, allowed) ||
              !get_node (p, skill_object, element, "queue", TRUE, &queue_node) ||
              !get_whole (p, skill_object, element, "level", FALSE, 1, PLT_SCENARIO_MAX_LEVEL, &skill.level))
            return FALSE;
          if (!check_queue_ref (p, queue_node, queue_path, &index))
            return FALSE;
        }
      else if (!node_is_string (node))
        return fail (p, element, "must be a queue id (a string) or {\"queue\", \"level\"}");
      else if (!check_queue_ref (p, queue_node, element, &index))
        return FALSE;

      skill.queue = (guint) index;
      for (guint j = 0; j < skills->len; j++)
        if (g_array_index (skills, PltScenarioSkill, j).queue == skill.queue)
          return fail (p, element, "the queue “%s” is listed twice", json_node_get_string (queue_node));

      g_array_append_val (skills, skill);
    }

  *out = g_steal_pointer (&skills);
  return TRUE;
}

static gboolean
parse_team (Parse       *p,
            PltScenario *self,
            JsonObject  *object,
            const char  *path,
            GHashTable  *agent_ids)
{
  static const char * const allowed[] = { "id", "name", "schedule", "agents", "generate", NULL };
  static const char * const allowed_agent[] = { "id", "name", "queues", "schedule", NULL };
  static const char * const allowed_generate[] = { "count", "queues", "schedule", NULL };
  g_autofree char *agents_path = member_path (path, "agents");
  g_autofree char *generate_path = member_path (path, "generate");
  PltScenarioTeam *team;
  JsonArray *agents, *generate;
  guint team_index = self->teams->len;

  team = g_new0 (PltScenarioTeam, 1);
  team->schedule = -1;
  g_ptr_array_add (self->teams, team);

  if (!check_members (p, object, path, allowed) ||
      !get_string (p, object, path, "id", TRUE, 64, &team->id) ||
      !get_string (p, object, path, "name", TRUE, SCENARIO_MAX_NAME, &team->name) ||
      !get_schedule_ref (p, object, path, &team->schedule) ||
      !get_array (p, object, path, "agents", FALSE, &agents) ||
      !get_array (p, object, path, "generate", FALSE, &generate))
    return FALSE;

  if (plt_scenario_find_team (self, team->id) != (int) team_index)
    return fail (p, path, "the team id “%s” is used twice", team->id);
  if (generate != NULL && strlen (team->id) > 56)
    {
      g_autofree char *where = member_path (path, "id");

      return fail (p, where, "is too long to name generated agents (at most 56 bytes)");
    }
  if (agents == NULL && generate == NULL)
    return fail (p, path, "a team needs “agents” or “generate”");

  for (guint i = 0; agents != NULL && i < json_array_get_length (agents); i++)
    {
      g_autofree char *agent_path = g_strdup_printf ("%s[%u]", agents_path, i);
      JsonNode *node = json_array_get_element (agents, i);
      PltScenarioAgent *agent;
      JsonObject *agent_object;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return fail (p, agent_path, "must be an object");
      agent_object = json_node_get_object (node);

      agent = g_new0 (PltScenarioAgent, 1);
      agent->team = team_index;
      agent->schedule = -1;
      g_ptr_array_add (self->agents, agent);

      if (!check_members (p, agent_object, agent_path, allowed_agent) ||
          !get_string (p, agent_object, agent_path, "id", TRUE, 64, &agent->id) ||
          !get_string (p, agent_object, agent_path, "name", TRUE, SCENARIO_MAX_NAME, &agent->name) ||
          !parse_agent_queues (p, agent_object, agent_path, &agent->skills) ||
          !get_schedule_ref (p, agent_object, agent_path, &agent->schedule))
        return FALSE;

      if (!g_hash_table_add (agent_ids, agent->id))
        return fail (p, agent_path, "the agent id “%s” is used twice", agent->id);
    }

  for (guint i = 0; generate != NULL && i < json_array_get_length (generate); i++)
    {
      g_autofree char *gen_path = g_strdup_printf ("%s[%u]", generate_path, i);
      JsonNode *node = json_array_get_element (generate, i);
      g_autoptr(GArray) skills = NULL;
      JsonObject *gen_object;
      guint count = 0;
      int schedule = -1;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return fail (p, gen_path, "must be an object");
      gen_object = json_node_get_object (node);

      if (!check_members (p, gen_object, gen_path, allowed_generate) ||
          !get_whole (p, gen_object, gen_path, "count", TRUE, 1, SCENARIO_MAX_AGENTS, &count) ||
          !parse_agent_queues (p, gen_object, gen_path, &skills) ||
          !get_schedule_ref (p, gen_object, gen_path, &schedule))
        return FALSE;

      if (self->agents->len + count > SCENARIO_MAX_AGENTS)
        return fail (p, gen_path, "the scenario would have more than %u agents", SCENARIO_MAX_AGENTS);

      for (guint n = 0; n < count; n++)
        {
          PltScenarioAgent *agent = g_new0 (PltScenarioAgent, 1);
          guint serial = self->agents->len;

          agent->team = team_index;
          agent->name = _plt_scenario_generated_name (serial);
          agent->skills = g_array_ref (skills);
          agent->schedule = schedule;
          g_ptr_array_add (self->agents, agent);

          /* Ids the file did not take: <team>-<n>, n counting from 1. */
          for (guint k = n + 1; agent->id == NULL; k += 1000)
            {
              g_autofree char *id = g_strdup_printf ("%s-%03u", team->id, k);

              if (!g_hash_table_contains (agent_ids, id))
                agent->id = g_steal_pointer (&id);
            }
          g_hash_table_add (agent_ids, agent->id);
        }
    }

  return TRUE;
}

/* The nesting depth, found before json-glib sees the text (it recurses
 * without a limit). */
static gboolean
check_depth (const char *data,
             gsize       length,
             guint       max_depth)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        {
          if (++depth > max_depth)
            return FALSE;
        }
      else if ((c == '}' || c == ']') && depth > 0)
        depth--;
    }

  return TRUE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
parse_root (Parse       *p,
            PltScenario *self,
            JsonObject  *root)
{
  static const char * const allowed[] = {
    "name", "time_zone", "warm_up_minutes", "agent_behaviour", "pauses", "profiles",
    "schedules", "queues", "teams", NULL
  };
  g_autoptr(GHashTable) agent_ids = g_hash_table_new (g_str_hash, g_str_equal);
  JsonObject *behaviour, *profiles, *schedules;
  JsonArray *pauses, *queues, *teams;

  if (!check_members (p, root, NULL, allowed) ||
      !get_string (p, root, NULL, "name", FALSE, 256, &self->name) ||
      !get_string (p, root, NULL, "time_zone", FALSE, 256, &self->time_zone) ||
      !get_number (p, root, NULL, "warm_up_minutes", FALSE, 0, 24 * 60, &self->warm_up_minutes) ||
      !get_object (p, root, NULL, "agent_behaviour", FALSE, &behaviour) ||
      !get_array (p, root, NULL, "pauses", FALSE, &pauses) ||
      !get_object (p, root, NULL, "profiles", FALSE, &profiles) ||
      !get_object (p, root, NULL, "schedules", FALSE, &schedules) ||
      !get_array (p, root, NULL, "queues", TRUE, &queues) ||
      !get_array (p, root, NULL, "teams", TRUE, &teams))
    return FALSE;

  if (self->time_zone != NULL)
    {
      g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (self->time_zone);

      if (zone == NULL)
        return fail (p, "time_zone", "“%s” is not a time zone this system knows (e.g. Europe/Paris)",
                     self->time_zone);
    }

  if (behaviour != NULL && !parse_behaviour (p, behaviour, &self->behaviour))
    return FALSE;
  if (pauses != NULL && !parse_pauses (p, self, pauses))
    return FALSE;

  if (profiles != NULL)
    {
      g_autoptr(GList) names = json_object_get_members (profiles);

      for (const GList *l = names; l != NULL; l = l->next)
        {
          g_autofree char *path = g_strdup_printf ("profiles.%s", (const char *) l->data);
          JsonNode *node = json_object_get_member (profiles, l->data);

          if (!JSON_NODE_HOLDS_OBJECT (node))
            return fail (p, path, "must be an object");
          g_hash_table_insert (p->profiles, l->data, json_node_get_object (node));
        }
    }

  if (schedules != NULL)
    {
      g_autoptr(GList) names = json_object_get_members (schedules);
      g_autoptr(GPtrArray) sorted = g_ptr_array_new ();

      /* In name order, whatever the order of the file. */
      for (const GList *l = names; l != NULL; l = l->next)
        g_ptr_array_add (sorted, l->data);
      g_ptr_array_sort (sorted, compare_strings);

      for (guint i = 0; i < sorted->len; i++)
        {
          const char *name = g_ptr_array_index (sorted, i);
          g_autofree char *path = g_strdup_printf ("schedules.%s", name);

          if (strlen (name) == 0 || strlen (name) > 64)
            return fail (p, path, "a schedule name has 1 to 64 bytes");
          if (!parse_schedule (p, self, name, json_object_get_member (schedules, name), path))
            return FALSE;
        }
    }

  if (json_array_get_length (queues) == 0)
    return fail (p, "queues", "at least one queue is needed");
  for (guint i = 0; i < json_array_get_length (queues); i++)
    {
      g_autofree char *path = g_strdup_printf ("queues[%u]", i);
      JsonNode *node = json_array_get_element (queues, i);

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return fail (p, path, "must be an object");
      if (!parse_queue (p, self, json_node_get_object (node), path))
        return FALSE;
    }
  for (guint i = 0; i < json_array_get_length (queues); i++)
    {
      g_autofree char *path = g_strdup_printf ("queues[%u]", i);

      if (!parse_queue_links (p, self, json_array_get_object_element (queues, i), path, i))
        return FALSE;
    }

  if (json_array_get_length (teams) == 0)
    return fail (p, "teams", "at least one team is needed");
  for (guint i = 0; i < json_array_get_length (teams); i++)
    {
      g_autofree char *path = g_strdup_printf ("teams[%u]", i);
      JsonNode *node = json_array_get_element (teams, i);

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return fail (p, path, "must be an object");
      if (!parse_team (p, self, json_node_get_object (node), path, agent_ids))
        return FALSE;
    }

  if (self->agents->len == 0)
    return fail (p, "teams", "the scenario has no agent");

  if (self->name == NULL)
    self->name = g_strdup (p->origin);

  return TRUE;
}

static gboolean
is_blank (const char *data,
          gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isspace (data[i]))
      return FALSE;

  return TRUE;
}

PltScenario *
plt_scenario_load_data (const char  *data,
                        gssize       length,
                        const char  *origin,
                        GError     **error)
{
  g_autoptr(PltScenario) self = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GHashTable) queue_index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) profiles = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) schedule_index = g_hash_table_new (g_str_hash, g_str_equal);
  Parse p = { origin ? origin : "scenario", error, queue_index, profiles, schedule_index };
  JsonNode *root;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length < 0)
    length = (gssize) strlen (data);

  if (is_blank (data, length))
    {
      fail (&p, NULL, "the file is empty");
      return NULL;
    }
  if ((gsize) length > SCENARIO_MAX_BYTES)
    {
      fail (&p, NULL, "the file is larger than %u MiB", SCENARIO_MAX_BYTES / (1024 * 1024));
      return NULL;
    }
  if (!g_utf8_validate (data, length, NULL))
    {
      fail (&p, NULL, "the file is not valid UTF-8 text");
      return NULL;
    }
  if (!check_depth (data, length, SCENARIO_MAX_DEPTH))
    {
      fail (&p, NULL, "the JSON is nested deeper than %u levels", SCENARIO_MAX_DEPTH);
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      fail (&p, NULL, "not valid JSON: %s", local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      fail (&p, NULL, "the file must hold one JSON object");
      return NULL;
    }

  self = plt_scenario_new ();
  if (!parse_root (&p, self, json_node_get_object (root)))
    return NULL;

  return g_steal_pointer (&self);
}

PltScenario *
plt_scenario_load_file (const char  *path,
                        GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *display = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display = g_filename_display_name (path);
  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code,
                   "Cannot read the scenario: %s", local_error->message);
      return NULL;
    }

  return plt_scenario_load_data (contents, (gssize) length, display, error);
}
