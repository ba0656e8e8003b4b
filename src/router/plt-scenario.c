/* plt-scenario.c — scenario loading and the built-in scenarios
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "plt-scenario.h"

/* A scenario file is trusted configuration, but it is still read with
 * limits: json-glib 1.6 recurses without bound on nesting. */
#define SCENARIO_MAX_BYTES  (16 * 1024 * 1024)
#define SCENARIO_MAX_DEPTH  32
#define SCENARIO_MAX_NAME   4096
#define SCENARIO_MAX_AGENTS 100000
#define SCENARIO_MAX_ITEMS  10000

G_DEFINE_QUARK (plt-scenario-error-quark, plt_scenario_error)

/* The built-in demo, in the file format of docs/scenarios.md. */
static const char demo_json[] =
  "{\n"
  "  \"name\": \"demo\",\n"
  "  \"warm_up_minutes\": 10,\n"
  "  \"agent_behaviour\": {\n"
  "    \"answer_s\": [2, 7],\n"
  "    \"ring_timeout_s\": 18,\n"
  "    \"no_answer_probability\": 0.02,\n"
  "    \"missed_pause_s\": 60,\n"
  "    \"busy_other\": {\"per_hour\": 0.3, \"mean_s\": 150},\n"
  "    \"logout\": {\"per_hour\": 0.04, \"mean_minutes\": 40},\n"
  "    \"initially_logged_out\": 0.06,\n"
  "    \"initially_paused\": 0.1\n"
  "  },\n"
  "  \"pauses\": [\n"
  "    {\"reason\": \"break\", \"per_hour\": 0.4, \"mean_minutes\": 8},\n"
  "    {\"reason\": \"lunch\", \"per_hour\": 0.1, \"mean_minutes\": 35},\n"
  "    {\"reason\": \"training\", \"per_hour\": 0.03, \"mean_minutes\": 45},\n"
  "    {\"reason\": \"meeting\", \"per_hour\": 0.04, \"mean_minutes\": 25},\n"
  "    {\"reason\": \"back_office\", \"per_hour\": 0.15, \"mean_minutes\": 12}\n"
  "  ],\n"
  "  \"queues\": [\n"
  "    {\"id\": \"q-ventes\", \"name\": \"Ventes\", \"media\": \"inbound\",\n"
  "     \"calls_per_hour\": 76, \"sl_threshold_s\": 20, \"sl_target\": 0.8,\n"
  "     \"talk_s\": {\"mean\": 240, \"sd\": 120}, \"wrap_up_s\": 25, \"patience_s\": 150,\n"
  "     \"hold\": {\"probability\": 0.1, \"mean_s\": 30}},\n"
  "    {\"id\": \"q-support\", \"name\": \"Support\", \"media\": \"inbound\",\n"
  "     \"calls_per_hour\": 86, \"sl_threshold_s\": 30, \"sl_target\": 0.8,\n"
  "     \"talk_s\": {\"mean\": 330, \"sd\": 150}, \"wrap_up_s\": 40, \"patience_s\": 240,\n"
  "     \"hold\": {\"probability\": 0.25, \"mean_s\": 45}},\n"
  "    {\"id\": \"q-hotline2\", \"name\": \"Hot line niveau 2\", \"media\": \"inbound\",\n"
  "     \"calls_per_hour\": 24, \"sl_threshold_s\": 60, \"sl_target\": 0.7,\n"
  "     \"talk_s\": {\"mean\": 540, \"sd\": 240}, \"wrap_up_s\": 60, \"patience_s\": 300,\n"
  "     \"hold\": {\"probability\": 0.35, \"mean_s\": 60}},\n"
  "    {\"id\": \"q-facturation\", \"name\": \"Facturation\", \"media\": \"inbound\",\n"
  "     \"calls_per_hour\": 46, \"sl_threshold_s\": 30, \"sl_target\": 0.8,\n"
  "     \"talk_s\": {\"mean\": 280, \"sd\": 120}, \"wrap_up_s\": 30, \"patience_s\": 180,\n"
  "     \"hold\": {\"probability\": 0.15, \"mean_s\": 40}},\n"
  "    {\"id\": \"q-fidelite\", \"name\": \"Campagne fidélité\", \"media\": \"outbound\",\n"
  "     \"sl_threshold_s\": 30, \"sl_target\": 0.8,\n"
  "     \"dial_gap_s\": 20, \"answer_probability\": 0.35,\n"
  "     \"talk_s\": {\"mean\": 180, \"sd\": 90}, \"wrap_up_s\": 20}\n"
  "  ],\n"
  "  \"teams\": [\n"
  "    {\"id\": \"t-nord\", \"name\": \"Équipe Nord\", \"agents\": [\n"
  "      {\"id\": \"a-01\", \"name\": \"Camille Martin\", \"queues\": [\"q-ventes\", \"q-facturation\"]},\n"
  "      {\"id\": \"a-02\", \"name\": \"Lucas Bernard\", \"queues\": [\"q-ventes\", \"q-facturation\"]},\n"
  "      {\"id\": \"a-03\", \"name\": \"Léa Dubois\", \"queues\": [\"q-ventes\", \"q-facturation\"]},\n"
  "      {\"id\": \"a-04\", \"name\": \"Hugo Thomas\", \"queues\": [\"q-ventes\", \"q-facturation\"]},\n"
  "      {\"id\": \"a-05\", \"name\": \"Chloé Robert\", \"queues\": [\"q-ventes\", \"q-facturation\"]},\n"
  "      {\"id\": \"a-06\", \"name\": \"Nathan Richard\", \"queues\": [\"q-ventes\", \"q-facturation\"]},\n"
  "      {\"id\": \"a-07\", \"name\": \"Manon Petit\", \"queues\": [\"q-ventes\", \"q-facturation\"]},\n"
  "      {\"id\": \"a-08\", \"name\": \"Louis Durand\", \"queues\": [\"q-ventes\", \"q-facturation\"]},\n"
  "      {\"id\": \"a-09\", \"name\": \"Inès Leroy\", \"queues\": [\"q-ventes\"]},\n"
  "      {\"id\": \"a-10\", \"name\": \"Gabriel Moreau\", \"queues\": [\"q-ventes\"]},\n"
  "      {\"id\": \"a-11\", \"name\": \"Jade Simon\", \"queues\": [\"q-ventes\"]},\n"
  "      {\"id\": \"a-12\", \"name\": \"Arthur Laurent\", \"queues\": [\"q-ventes\"]}\n"
  "    ]},\n"
  "    {\"id\": \"t-sud\", \"name\": \"Équipe Sud\", \"agents\": [\n"
  "      {\"id\": \"a-13\", \"name\": \"Emma Lefebvre\", \"queues\": [\"q-support\", \"q-facturation\"]},\n"
  "      {\"id\": \"a-14\", \"name\": \"Jules Michel\", \"queues\": [\"q-support\", \"q-facturation\"]},\n"
  "      {\"id\": \"a-15\", \"name\": \"Alice Garcia\", \"queues\": [\"q-support\", \"q-facturation\"]},\n"
  "      {\"id\": \"a-16\", \"name\": \"Raphaël David\", \"queues\": [\"q-support\", \"q-facturation\"]},\n"
  "      {\"id\": \"a-17\", \"name\": \"Sarah Bertrand\", \"queues\": [\"q-facturation\", \"q-support\"]},\n"
  "      {\"id\": \"a-18\", \"name\": \"Adam Roux\", \"queues\": [\"q-facturation\", \"q-support\"]},\n"
  "      {\"id\": \"a-19\", \"name\": \"Lina Vincent\", \"queues\": [\"q-facturation\", \"q-support\"]},\n"
  "      {\"id\": \"a-20\", \"name\": \"Paul Fournier\", \"queues\": [\"q-facturation\", \"q-support\"]},\n"
  "      {\"id\": \"a-21\", \"name\": \"Zoé Morel\", \"queues\": [\"q-fidelite\"]},\n"
  "      {\"id\": \"a-22\", \"name\": \"Tom Girard\", \"queues\": [\"q-fidelite\"]},\n"
  "      {\"id\": \"a-23\", \"name\": \"Clara André\", \"queues\": [\"q-fidelite\"]},\n"
  "      {\"id\": \"a-24\", \"name\": \"Noah Mercier\", \"queues\": [\"q-fidelite\"]}\n"
  "    ]},\n"
  "    {\"id\": \"t-hotline\", \"name\": \"Équipe Hot line\", \"agents\": [\n"
  "      {\"id\": \"a-25\", \"name\": \"Juliette Dupont\", \"queues\": [\"q-support\", \"q-hotline2\"]},\n"
  "      {\"id\": \"a-26\", \"name\": \"Théo Lambert\", \"queues\": [\"q-support\", \"q-hotline2\"]},\n"
  "      {\"id\": \"a-27\", \"name\": \"Louise Bonnet\", \"queues\": [\"q-support\", \"q-hotline2\"]},\n"
  "      {\"id\": \"a-28\", \"name\": \"Maël François\", \"queues\": [\"q-support\", \"q-hotline2\"]},\n"
  "      {\"id\": \"a-29\", \"name\": \"Anna Martinez\", \"queues\": [\"q-support\", \"q-hotline2\"]},\n"
  "      {\"id\": \"a-30\", \"name\": \"Sacha Legrand\", \"queues\": [\"q-support\", \"q-hotline2\"]},\n"
  "      {\"id\": \"a-31\", \"name\": \"Rose Garnier\", \"queues\": [\"q-support\", \"q-hotline2\"]},\n"
  "      {\"id\": \"a-32\", \"name\": \"Léo Faure\", \"queues\": [\"q-support\", \"q-hotline2\"]},\n"
  "      {\"id\": \"a-33\", \"name\": \"Ambre Rousseau\", \"queues\": [\"q-hotline2\", \"q-support\"]},\n"
  "      {\"id\": \"a-34\", \"name\": \"Victor Blanc\", \"queues\": [\"q-hotline2\", \"q-support\"]},\n"
  "      {\"id\": \"a-35\", \"name\": \"Margaux Guérin\", \"queues\": [\"q-hotline2\"]},\n"
  "      {\"id\": \"a-36\", \"name\": \"Yanis Muller\", \"queues\": [\"q-hotline2\"]}\n"
  "    ]}\n"
  "  ]\n"
  "}\n";

/* Names for generated agents ("generate" in a scenario file, and "large"). */
static const char * const first_names[] = {
  "Camille", "Lucas", "Léa", "Hugo", "Chloé", "Nathan", "Manon", "Louis",
  "Inès", "Gabriel", "Jade", "Arthur", "Emma", "Jules", "Alice", "Raphaël",
  "Sarah", "Adam", "Lina", "Paul", "Zoé", "Tom", "Clara", "Noah", "Juliette",
  "Théo", "Louise", "Maël", "Anna", "Sacha", "Rose", "Léo", "Ambre", "Victor",
  "Margaux", "Yanis", "Élise", "Mathis", "Agathe", "Nolan", "Lou", "Ethan",
  "Romane", "Timéo", "Capucine", "Martin", "Eva", "Samuel", "Lucie", "Baptiste",
  "Mila", "Antoine", "Nina", "Maxime", "Océane",
};

static const char * const last_names[] = {
  "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit",
  "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefebvre", "Michel",
  "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier", "Morel",
  "Girard", "André", "Mercier", "Dupont", "Lambert", "Bonnet", "François",
  "Martinez", "Legrand", "Garnier", "Faure", "Rousseau", "Blanc", "Guérin",
  "Muller", "Henry", "Roussel", "Nicolas", "Perrin", "Morin", "Mathieu",
  "Clément", "Gauthier", "Dumont", "Lopez", "Fontaine", "Chevalier", "Robin",
  "Masson", "Sanchez", "Gérard", "Nguyen", "Boyer", "Denis", "Lemaire",
  "Duval", "Joly", "Gautier", "Roger",
};

static char *
generated_name (guint n)
{
  /* Two coprime strides over the lists give every pair once before any
   * repeats (55 × 61 = 3 355 names). */
  return g_strdup_printf ("%s %s",
                          first_names[n % G_N_ELEMENTS (first_names)],
                          last_names[(n / G_N_ELEMENTS (first_names) + n * 7) % G_N_ELEMENTS (last_names)]);
}

static void
team_free (gpointer data)
{
  PltScenarioTeam *team = data;

  g_free (team->id);
  g_free (team->name);
  g_free (team);
}

static void
agent_free (gpointer data)
{
  PltScenarioAgent *agent = data;

  g_free (agent->id);
  g_free (agent->name);
  g_clear_pointer (&agent->queues, g_array_unref);
  g_free (agent);
}

static void
queue_free (gpointer data)
{
  PltScenarioQueue *queue = data;

  g_free (queue->id);
  g_free (queue->name);
  g_free (queue);
}

static void
pause_free (gpointer data)
{
  PltScenarioPause *pause = data;

  g_free (pause->reason);
  g_free (pause);
}

static void
scenario_clear (gpointer data)
{
  PltScenario *self = data;

  g_free (self->name);
  g_clear_pointer (&self->teams, g_ptr_array_unref);
  g_clear_pointer (&self->agents, g_ptr_array_unref);
  g_clear_pointer (&self->queues, g_ptr_array_unref);
  g_clear_pointer (&self->pauses, g_ptr_array_unref);
}

static PltScenario *
scenario_new (void)
{
  PltScenario *self = g_atomic_rc_box_new0 (PltScenario);

  self->teams = g_ptr_array_new_with_free_func (team_free);
  self->agents = g_ptr_array_new_with_free_func (agent_free);
  self->queues = g_ptr_array_new_with_free_func (queue_free);
  self->pauses = g_ptr_array_new_with_free_func (pause_free);
  self->warm_up_minutes = 10;
  self->behaviour = (PltScenarioBehaviour) {
    .answer_min_s = 2,
    .answer_max_s = 7,
    .ring_timeout_s = 18,
    .no_answer_probability = 0.02,
    .missed_pause_mean_s = 60,
    .busy_other_per_hour = 0.3,
    .busy_other_mean_s = 150,
    .logout_per_hour = 0.04,
    .logout_mean_minutes = 40,
    .initially_logged_out = 0.06,
    .initially_paused = 0.1,
  };

  return self;
}

PltScenario *
plt_scenario_ref (PltScenario *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

void
plt_scenario_unref (PltScenario *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, scenario_clear);
}

int
plt_scenario_find_queue (PltScenario *self,
                         const char  *id)
{
  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (id != NULL, -1);

  for (guint i = 0; i < self->queues->len; i++)
    {
      PltScenarioQueue *queue = g_ptr_array_index (self->queues, i);

      if (g_str_equal (queue->id, id))
        return (int) i;
    }

  return -1;
}

static int
find_team (PltScenario *self,
           const char  *id)
{
  for (guint i = 0; i < self->teams->len; i++)
    {
      PltScenarioTeam *team = g_ptr_array_index (self->teams, i);

      if (g_str_equal (team->id, id))
        return (int) i;
    }

  return -1;
}

/* Parsing. Every error names the place in the file, as a path such as
 * `queues[2].sl_target`. */

typedef struct
{
  const char  *origin;
  GError     **error;
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
  const char *str;

  if (!get_node (p, object, path, key, required, &node))
    return FALSE;
  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return fail (p, where, "must be a string");

  str = json_node_get_string (node);
  if (str[0] == '\0')
    return fail (p, where, "must not be empty");
  if (strlen (str) > max_length)
    return fail (p, where, "is longer than %u bytes", max_length);

  g_free (*out);
  *out = g_strdup (str);
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

static gboolean
parse_behaviour (Parse                *p,
                 JsonObject           *object,
                 PltScenarioBehaviour *b)
{
  static const char * const allowed[] = {
    "answer_s", "ring_timeout_s", "no_answer_probability", "missed_pause_s",
    "busy_other", "logout", "initially_logged_out", "initially_paused", NULL
  };
  JsonArray *answer;

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
      !get_number (p, object, "agent_behaviour", "missed_pause_s", FALSE, 1, 86400, &b->missed_pause_mean_s) ||
      !get_rate (p, object, "agent_behaviour", "busy_other", "mean_s", 86400,
                 &b->busy_other_per_hour, &b->busy_other_mean_s) ||
      !get_rate (p, object, "agent_behaviour", "logout", "mean_minutes", 24 * 60,
                 &b->logout_per_hour, &b->logout_mean_minutes) ||
      !get_number (p, object, "agent_behaviour", "initially_logged_out", FALSE, 0, 1, &b->initially_logged_out) ||
      !get_number (p, object, "agent_behaviour", "initially_paused", FALSE, 0, 1, &b->initially_paused))
    return FALSE;

  if (b->initially_logged_out + b->initially_paused > 1)
    return fail (p, "agent_behaviour", "initially_logged_out + initially_paused must not exceed 1");

  return TRUE;
}

static gboolean
parse_pauses (Parse       *p,
              PltScenario *self,
              JsonArray   *array)
{
  static const char * const allowed[] = { "reason", "per_hour", "mean_minutes", NULL };

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
          !get_number (p, object, path, "per_hour", TRUE, 0, 60, &pause->per_hour) ||
          !get_number (p, object, path, "mean_minutes", TRUE, 0.1, 24 * 60, &pause->mean_minutes))
        return FALSE;

      for (guint j = 0; j < i; j++)
        {
          PltScenarioPause *other = g_ptr_array_index (self->pauses, j);

          if (g_str_equal (other->reason, pause->reason))
            return fail (p, path, "the reason “%s” is listed twice", pause->reason);
        }
    }

  return TRUE;
}

static gboolean
parse_queue (Parse       *p,
             PltScenario *self,
             JsonObject  *object,
             const char  *path)
{
  static const char * const allowed[] = {
    "id", "name", "media", "calls_per_hour", "sl_threshold_s", "sl_target",
    "talk_s", "wrap_up_s", "patience_s", "hold", "dial_gap_s",
    "answer_probability", NULL
  };
  static const char * const allowed_talk[] = { "mean", "sd", NULL };
  static const char * const allowed_hold[] = { "probability", "mean_s", NULL };
  g_autofree char *media = NULL;
  g_autofree char *talk_path = member_path (path, "talk_s");
  g_autofree char *hold_path = member_path (path, "hold");
  PltScenarioQueue *queue;
  JsonObject *talk, *hold;
  double threshold = 0;
  gboolean outbound;

  queue = g_new0 (PltScenarioQueue, 1);
  g_ptr_array_add (self->queues, queue);

  if (!check_members (p, object, path, allowed) ||
      !get_string (p, object, path, "id", TRUE, 64, &queue->id) ||
      !get_string (p, object, path, "name", TRUE, SCENARIO_MAX_NAME, &queue->name) ||
      !get_string (p, object, path, "media", TRUE, 64, &media))
    return FALSE;

  if (plt_scenario_find_queue (self, queue->id) != (int) self->queues->len - 1)
    return fail (p, path, "the queue id “%s” is used twice", queue->id);

  queue->media = plt_queue_media_from_string (media);
  if (queue->media == PLT_QUEUE_MEDIA_UNKNOWN)
    {
      g_autofree char *where = member_path (path, "media");

      return fail (p, where, "must be inbound, outbound, callback or email (found “%s”)", media);
    }
  outbound = queue->media == PLT_QUEUE_MEDIA_OUTBOUND;

  /* Defaults by media. */
  queue->wrap_up_mean_s = 30;
  queue->patience_mean_s = queue->media == PLT_QUEUE_MEDIA_INBOUND ? 180 : 0;
  queue->dial_gap_mean_s = 30;
  queue->answer_probability = 0.4;

  if (!get_number (p, object, path, "sl_threshold_s", TRUE, 1, 86400, &threshold) ||
      !get_number (p, object, path, "sl_target", TRUE, 0, 1, &queue->sl_target) ||
      !get_number (p, object, path, "calls_per_hour", !outbound, 0, 1000000, &queue->calls_per_hour) ||
      !get_object (p, object, path, "talk_s", TRUE, &talk) ||
      !check_members (p, talk, talk_path, allowed_talk) ||
      !get_number (p, talk, talk_path, "mean", TRUE, 1, 86400, &queue->talk_mean_s) ||
      !get_number (p, talk, talk_path, "sd", FALSE, 0, 86400, &queue->talk_sd_s) ||
      !get_number (p, object, path, "wrap_up_s", FALSE, 0, 86400, &queue->wrap_up_mean_s) ||
      !get_number (p, object, path, "patience_s", FALSE, 0, 7 * 86400, &queue->patience_mean_s) ||
      !get_object (p, object, path, "hold", FALSE, &hold) ||
      !get_number (p, object, path, "dial_gap_s", FALSE, 1, 86400, &queue->dial_gap_mean_s) ||
      !get_number (p, object, path, "answer_probability", FALSE, 0, 1, &queue->answer_probability))
    return FALSE;

  if (threshold != floor (threshold))
    {
      g_autofree char *where = member_path (path, "sl_threshold_s");

      return fail (p, where, "must be a whole number of seconds");
    }
  queue->sl_threshold_s = (guint) threshold;

  if (outbound && json_object_has_member (object, "calls_per_hour"))
    {
      g_autofree char *where = member_path (path, "calls_per_hour");

      return fail (p, where, "an outbound queue has no arrivals: its agents dial (use dial_gap_s)");
    }
  if (!outbound &&
      (json_object_has_member (object, "dial_gap_s") || json_object_has_member (object, "answer_probability")))
    return fail (p, path, "dial_gap_s and answer_probability are for outbound queues only");

  if (!json_object_has_member (talk, "sd"))
    queue->talk_sd_s = queue->talk_mean_s / 2;

  if (hold != NULL)
    {
      queue->hold_mean_s = 30;
      if (!check_members (p, hold, hold_path, allowed_hold) ||
          !get_number (p, hold, hold_path, "probability", TRUE, 0, 1, &queue->hold_probability) ||
          !get_number (p, hold, hold_path, "mean_s", FALSE, 1, 86400, &queue->hold_mean_s))
        return FALSE;
      if (queue->media == PLT_QUEUE_MEDIA_EMAIL && queue->hold_probability > 0)
        return fail (p, hold_path, "an e-mail cannot be put on hold");
    }

  return TRUE;
}

static gboolean
parse_agent_queues (Parse        *p,
                    PltScenario  *self,
                    JsonObject   *object,
                    const char   *path,
                    GArray      **out)
{
  g_autofree char *where = member_path (path, "queues");
  g_autoptr(GArray) queues = g_array_new (FALSE, FALSE, sizeof (guint));
  JsonArray *array;

  if (!get_array (p, object, path, "queues", TRUE, &array))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *element = g_strdup_printf ("%s[%u]", where, i);
      JsonNode *node = json_array_get_element (array, i);
      const char *id;
      int index;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        return fail (p, element, "must be a queue id (a string)");

      id = json_node_get_string (node);
      index = plt_scenario_find_queue (self, id);
      if (index < 0)
        {
          g_autofree char *escaped = g_strescape (id, NULL);

          return fail (p, element, "no queue has the id “%s”", escaped);
        }

      for (guint j = 0; j < queues->len; j++)
        if (g_array_index (queues, guint, j) == (guint) index)
          return fail (p, element, "the queue “%s” is listed twice", id);

      g_array_append_val (queues, index);
    }

  *out = g_steal_pointer (&queues);
  return TRUE;
}

static gboolean
parse_team (Parse       *p,
            PltScenario *self,
            JsonObject  *object,
            const char  *path,
            GHashTable  *agent_ids)
{
  static const char * const allowed[] = { "id", "name", "agents", "generate", NULL };
  static const char * const allowed_agent[] = { "id", "name", "queues", NULL };
  static const char * const allowed_generate[] = { "count", "queues", NULL };
  g_autofree char *agents_path = member_path (path, "agents");
  g_autofree char *generate_path = member_path (path, "generate");
  PltScenarioTeam *team;
  JsonArray *agents, *generate;
  guint team_index = self->teams->len;

  team = g_new0 (PltScenarioTeam, 1);
  g_ptr_array_add (self->teams, team);

  if (!check_members (p, object, path, allowed) ||
      !get_string (p, object, path, "id", TRUE, 64, &team->id) ||
      !get_string (p, object, path, "name", TRUE, SCENARIO_MAX_NAME, &team->name) ||
      !get_array (p, object, path, "agents", FALSE, &agents) ||
      !get_array (p, object, path, "generate", FALSE, &generate))
    return FALSE;

  if (find_team (self, team->id) != (int) team_index)
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
      g_ptr_array_add (self->agents, agent);

      if (!check_members (p, agent_object, agent_path, allowed_agent) ||
          !get_string (p, agent_object, agent_path, "id", TRUE, 64, &agent->id) ||
          !get_string (p, agent_object, agent_path, "name", TRUE, SCENARIO_MAX_NAME, &agent->name) ||
          !parse_agent_queues (p, self, agent_object, agent_path, &agent->queues))
        return FALSE;

      if (!g_hash_table_add (agent_ids, agent->id))
        return fail (p, agent_path, "the agent id “%s” is used twice", agent->id);
    }

  for (guint i = 0; generate != NULL && i < json_array_get_length (generate); i++)
    {
      g_autofree char *gen_path = g_strdup_printf ("%s[%u]", generate_path, i);
      JsonNode *node = json_array_get_element (generate, i);
      g_autoptr(GArray) queues = NULL;
      JsonObject *gen_object;
      double count = 0;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return fail (p, gen_path, "must be an object");
      gen_object = json_node_get_object (node);

      if (!check_members (p, gen_object, gen_path, allowed_generate) ||
          !get_number (p, gen_object, gen_path, "count", TRUE, 1, SCENARIO_MAX_AGENTS, &count) ||
          !parse_agent_queues (p, self, gen_object, gen_path, &queues))
        return FALSE;

      if (count != floor (count))
        {
          g_autofree char *where = member_path (gen_path, "count");

          return fail (p, where, "must be a whole number");
        }
      if (self->agents->len + (guint) count > SCENARIO_MAX_AGENTS)
        return fail (p, gen_path, "the scenario would have more than %u agents", SCENARIO_MAX_AGENTS);

      for (guint n = 0; n < (guint) count; n++)
        {
          PltScenarioAgent *agent = g_new0 (PltScenarioAgent, 1);
          guint serial = self->agents->len;

          agent->team = team_index;
          agent->name = generated_name (serial);
          agent->queues = g_array_ref (queues);
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

static gboolean
parse_root (Parse       *p,
            PltScenario *self,
            JsonObject  *root)
{
  static const char * const allowed[] = {
    "name", "warm_up_minutes", "agent_behaviour", "pauses", "queues", "teams", NULL
  };
  g_autoptr(GHashTable) agent_ids = g_hash_table_new (g_str_hash, g_str_equal);
  JsonObject *behaviour;
  JsonArray *pauses, *queues, *teams;

  if (!check_members (p, root, NULL, allowed) ||
      !get_string (p, root, NULL, "name", FALSE, 256, &self->name) ||
      !get_number (p, root, NULL, "warm_up_minutes", FALSE, 0, 24 * 60, &self->warm_up_minutes) ||
      !get_object (p, root, NULL, "agent_behaviour", FALSE, &behaviour) ||
      !get_array (p, root, NULL, "pauses", FALSE, &pauses) ||
      !get_array (p, root, NULL, "queues", TRUE, &queues) ||
      !get_array (p, root, NULL, "teams", TRUE, &teams))
    return FALSE;

  if (behaviour != NULL && !parse_behaviour (p, behaviour, &self->behaviour))
    return FALSE;
  if (pauses != NULL && !parse_pauses (p, self, pauses))
    return FALSE;

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
  Parse p = { origin ? origin : "scenario", error };
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

  self = scenario_new ();
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

PltScenario *
plt_scenario_new_demo (void)
{
  g_autoptr(GError) error = NULL;
  PltScenario *self;

  self = plt_scenario_load_data (demo_json, -1, "demo", &error);
  /* The built-in text is part of the program: it always loads. */
  g_assert_no_error (error);

  return self;
}

const char *
plt_scenario_get_demo_json (void)
{
  return demo_json;
}

static PltScenarioQueue *
large_queue (const char    *id,
             const char    *name,
             PltQueueMedia  media,
             double         calls_per_hour,
             double         talk_mean_s)
{
  PltScenarioQueue *queue = g_new0 (PltScenarioQueue, 1);

  queue->id = g_strdup (id);
  queue->name = g_strdup (name);
  queue->media = media;
  queue->calls_per_hour = calls_per_hour;
  queue->talk_mean_s = talk_mean_s;
  queue->talk_sd_s = talk_mean_s / 2;
  queue->wrap_up_mean_s = 30;
  queue->dial_gap_mean_s = 25;
  queue->answer_probability = 0.35;

  switch (media)
    {
    case PLT_QUEUE_MEDIA_EMAIL:
      queue->sl_threshold_s = 4 * 3600;
      queue->sl_target = 0.9;
      break;

    case PLT_QUEUE_MEDIA_CALLBACK:
      queue->sl_threshold_s = 900;
      queue->sl_target = 0.8;
      queue->hold_probability = 0.1;
      queue->hold_mean_s = 40;
      break;

    case PLT_QUEUE_MEDIA_INBOUND:
      queue->sl_threshold_s = 20;
      queue->sl_target = 0.8;
      queue->patience_mean_s = 180;
      queue->hold_probability = 0.2;
      queue->hold_mean_s = 40;
      break;

    case PLT_QUEUE_MEDIA_OUTBOUND:
    case PLT_QUEUE_MEDIA_UNKNOWN:
    default:
      queue->sl_threshold_s = 30;
      queue->sl_target = 0.8;
      break;
    }

  return queue;
}

PltScenario *
plt_scenario_new_large (void)
{
  const guint n_teams = 50;
  const guint per_team = PLT_SCENARIO_LARGE_AGENTS / 50;
  const guint n_inbound = 16;
  PltScenario *self = scenario_new ();
  PltScenario *demo = plt_scenario_new_demo ();

  self->name = g_strdup ("large");
  self->warm_up_minutes = 5;

  for (guint i = 0; i < demo->pauses->len; i++)
    {
      PltScenarioPause *pause = g_ptr_array_index (demo->pauses, i);
      PltScenarioPause *copy = g_new0 (PltScenarioPause, 1);

      copy->reason = g_strdup (pause->reason);
      copy->per_hour = pause->per_hour;
      copy->mean_minutes = pause->mean_minutes;
      g_ptr_array_add (self->pauses, copy);
    }
  plt_scenario_unref (demo);

  /* About 110 agents per inbound queue pair: sized for an occupancy near
   * 80 % of the agents logged in and available. */
  for (guint i = 0; i < n_inbound; i++)
    {
      g_autofree char *id = g_strdup_printf ("q-%02u", i + 1);
      g_autofree char *name = g_strdup_printf ("File %02u", i + 1);

      g_ptr_array_add (self->queues, large_queue (id, name, PLT_QUEUE_MEDIA_INBOUND, 2500, 300));
    }
  g_ptr_array_add (self->queues, large_queue ("q-mail-1", "Courriels clients", PLT_QUEUE_MEDIA_EMAIL, 400, 420));
  g_ptr_array_add (self->queues, large_queue ("q-mail-2", "Courriels pros", PLT_QUEUE_MEDIA_EMAIL, 200, 480));
  g_ptr_array_add (self->queues, large_queue ("q-rappel", "Rappels", PLT_QUEUE_MEDIA_CALLBACK, 300, 240));
  g_ptr_array_add (self->queues, large_queue ("q-campagne", "Campagne", PLT_QUEUE_MEDIA_OUTBOUND, 0, 180));

  for (guint t = 0; t < n_teams; t++)
    {
      PltScenarioTeam *team = g_new0 (PltScenarioTeam, 1);
      g_autoptr(GArray) queues = g_array_new (FALSE, FALSE, sizeof (guint));
      guint q;

      team->id = g_strdup_printf ("t-%02u", t + 1);
      team->name = g_strdup_printf ("Équipe %02u", t + 1);
      g_ptr_array_add (self->teams, team);

      /* Two inbound queues each, and one of the other media. */
      q = t % n_inbound;
      g_array_append_val (queues, q);
      q = (t + 5) % n_inbound;
      g_array_append_val (queues, q);
      q = n_inbound + t % 4;
      g_array_append_val (queues, q);

      for (guint n = 0; n < per_team; n++)
        {
          PltScenarioAgent *agent = g_new0 (PltScenarioAgent, 1);

          agent->id = g_strdup_printf ("a-%04u", self->agents->len + 1);
          agent->name = generated_name (self->agents->len);
          agent->team = t;
          agent->queues = g_array_ref (queues);
          g_ptr_array_add (self->agents, agent);
        }
    }

  return self;
}

PltScenario *
plt_scenario_load (const char  *name_or_path,
                   GError     **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (name_or_path == NULL || g_str_equal (name_or_path, "demo"))
    return plt_scenario_new_demo ();
  if (g_str_equal (name_or_path, "large"))
    return plt_scenario_new_large ();

  if (!g_file_test (name_or_path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *display = g_filename_display_name (name_or_path);

      g_set_error (error, PLT_SCENARIO_ERROR, PLT_SCENARIO_ERROR_UNKNOWN,
                   "No scenario “%s”: give demo, large or the path of a scenario file",
                   display);
      return NULL;
    }

  return plt_scenario_load_file (name_or_path, error);
}
