/* plt-scenario.c — scenarios: the data, the built-in demo, loading
 *
 * The JSON file format is read in plt-scenario-json.c, the generated
 * "large" scenario is built in plt-scenario-large.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "plt-scenario-private.h"

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
  "    \"rona_autopause\": true,\n"
  "    \"missed_pause_s\": 60,\n"
  "    \"busy_other\": {\"per_hour\": 0.3, \"mean_s\": 150},\n"
  "    \"logout\": {\"per_hour\": 0.04, \"mean_minutes\": 40},\n"
  "    \"initially_logged_out\": 0.06,\n"
  "    \"initially_paused\": 0.1\n"
  "  },\n"
  "  \"pauses\": [\n"
  "    {\"reason\": \"break\", \"label\": \"Pause\", \"per_hour\": 0.2, \"mean_minutes\": 8},\n"
  "    {\"reason\": \"lunch\", \"label\": \"Déjeuner\", \"per_hour\": 0.03, \"mean_minutes\": 35},\n"
  "    {\"reason\": \"training\", \"label\": \"Formation\", \"per_hour\": 0.02, \"mean_minutes\": 45},\n"
  "    {\"reason\": \"meeting\", \"label\": \"Réunion\", \"per_hour\": 0.02, \"mean_minutes\": 25},\n"
  "    {\"reason\": \"back_office\", \"label\": \"Back office\", \"per_hour\": 0.1, \"mean_minutes\": 12, \"handles_email\": true}\n"
  "  ],\n"
  "  \"queues\": [\n"
  "    {\"id\": \"q-ventes\", \"name\": \"Ventes\", \"media\": \"inbound\", \"priority\": 6,\n"
  "     \"calls_per_hour\": 68, \"sl_threshold_s\": 20, \"sl_target\": 0.8,\n"
  "     \"talk_s\": {\"mean\": 240, \"sd\": 120}, \"wrap_up_s\": 25, \"patience_s\": 150,\n"
  "     \"hold\": {\"probability\": 0.1, \"mean_s\": 30},\n"
  "     \"callback\": {\"after_s\": 60, \"probability\": 0.2},\n"
  "     \"transfer\": {\"probability\": 0.05, \"to\": [\"q-facturation\"]}},\n"
  "    {\"id\": \"q-support\", \"name\": \"Support\", \"media\": \"inbound\", \"priority\": 5,\n"
  "     \"calls_per_hour\": 70, \"sl_threshold_s\": 30, \"sl_target\": 0.8,\n"
  "     \"talk_s\": {\"mean\": 330, \"sd\": 150}, \"wrap_up_s\": 40, \"patience_s\": 240,\n"
  "     \"hold\": {\"probability\": 0.25, \"mean_s\": 45},\n"
  "     \"callback\": {\"after_s\": 90, \"probability\": 0.25},\n"
  "     \"transfer\": {\"probability\": 0.05, \"to\": [\"q-hotline2\"]}},\n"
  "    {\"id\": \"q-hotline2\", \"name\": \"Hot line niveau 2\", \"media\": \"inbound\", \"priority\": 7,\n"
  "     \"calls_per_hour\": 20, \"sl_threshold_s\": 60, \"sl_target\": 0.7,\n"
  "     \"talk_s\": {\"mean\": 540, \"sd\": 240}, \"wrap_up_s\": 60, \"patience_s\": 300,\n"
  "     \"hold\": {\"probability\": 0.35, \"mean_s\": 60},\n"
  "     \"overflow\": {\"after_s\": 180, \"queue\": \"q-support\"}},\n"
  "    {\"id\": \"q-facturation\", \"name\": \"Facturation\", \"media\": \"inbound\", \"priority\": 4,\n"
  "     \"calls_per_hour\": 42, \"sl_threshold_s\": 30, \"sl_target\": 0.8,\n"
  "     \"talk_s\": {\"mean\": 280, \"sd\": 120}, \"wrap_up_s\": 30, \"patience_s\": 180,\n"
  "     \"hold\": {\"probability\": 0.15, \"mean_s\": 40}},\n"
  "    {\"id\": \"q-fidelite\", \"name\": \"Campagne fidélité\", \"media\": \"outbound\",\n"
  "     \"sl_threshold_s\": 30, \"sl_target\": 0.8,\n"
  "     \"dial_gap_s\": 20, \"answer_probability\": 0.35,\n"
  "     \"talk_s\": {\"mean\": 180, \"sd\": 90}, \"wrap_up_s\": 20}\n"
  "  ],\n"
  "  \"teams\": [\n"
  "    {\"id\": \"t-nord\", \"name\": \"Équipe Nord\", \"agents\": [\n"
  "      {\"id\": \"a-01\", \"name\": \"Camille Martin\", \"queues\": [\"q-ventes\", {\"queue\": \"q-facturation\", \"level\": 2}]},\n"
  "      {\"id\": \"a-02\", \"name\": \"Lucas Bernard\", \"queues\": [\"q-ventes\", {\"queue\": \"q-facturation\", \"level\": 2}]},\n"
  "      {\"id\": \"a-03\", \"name\": \"Léa Dubois\", \"queues\": [\"q-ventes\", {\"queue\": \"q-facturation\", \"level\": 2}]},\n"
  "      {\"id\": \"a-04\", \"name\": \"Hugo Thomas\", \"queues\": [\"q-ventes\", {\"queue\": \"q-facturation\", \"level\": 2}]},\n"
  "      {\"id\": \"a-05\", \"name\": \"Chloé Robert\", \"queues\": [\"q-ventes\", {\"queue\": \"q-facturation\", \"level\": 2}]},\n"
  "      {\"id\": \"a-06\", \"name\": \"Nathan Richard\", \"queues\": [\"q-ventes\", {\"queue\": \"q-facturation\", \"level\": 2}]},\n"
  "      {\"id\": \"a-07\", \"name\": \"Manon Petit\", \"queues\": [\"q-ventes\", {\"queue\": \"q-facturation\", \"level\": 2}]},\n"
  "      {\"id\": \"a-08\", \"name\": \"Louis Durand\", \"queues\": [\"q-ventes\", {\"queue\": \"q-facturation\", \"level\": 2}]},\n"
  "      {\"id\": \"a-09\", \"name\": \"Inès Leroy\", \"queues\": [\"q-ventes\"]},\n"
  "      {\"id\": \"a-10\", \"name\": \"Gabriel Moreau\", \"queues\": [\"q-ventes\"]},\n"
  "      {\"id\": \"a-11\", \"name\": \"Jade Simon\", \"queues\": [\"q-ventes\"]},\n"
  "      {\"id\": \"a-12\", \"name\": \"Arthur Laurent\", \"queues\": [\"q-ventes\"]}\n"
  "    ]},\n"
  "    {\"id\": \"t-sud\", \"name\": \"Équipe Sud\", \"agents\": [\n"
  "      {\"id\": \"a-13\", \"name\": \"Emma Lefebvre\", \"queues\": [\"q-support\", {\"queue\": \"q-facturation\", \"level\": 2}]},\n"
  "      {\"id\": \"a-14\", \"name\": \"Jules Michel\", \"queues\": [\"q-support\", {\"queue\": \"q-facturation\", \"level\": 2}]},\n"
  "      {\"id\": \"a-15\", \"name\": \"Alice Garcia\", \"queues\": [\"q-support\", {\"queue\": \"q-facturation\", \"level\": 2}]},\n"
  "      {\"id\": \"a-16\", \"name\": \"Raphaël David\", \"queues\": [\"q-support\", {\"queue\": \"q-facturation\", \"level\": 2}]},\n"
  "      {\"id\": \"a-17\", \"name\": \"Sarah Bertrand\", \"queues\": [\"q-facturation\", {\"queue\": \"q-support\", \"level\": 2}]},\n"
  "      {\"id\": \"a-18\", \"name\": \"Adam Roux\", \"queues\": [\"q-facturation\", {\"queue\": \"q-support\", \"level\": 2}]},\n"
  "      {\"id\": \"a-19\", \"name\": \"Lina Vincent\", \"queues\": [\"q-facturation\", {\"queue\": \"q-support\", \"level\": 2}]},\n"
  "      {\"id\": \"a-20\", \"name\": \"Paul Fournier\", \"queues\": [\"q-facturation\", {\"queue\": \"q-support\", \"level\": 2}]},\n"
  "      {\"id\": \"a-21\", \"name\": \"Zoé Morel\", \"queues\": [\"q-fidelite\"]},\n"
  "      {\"id\": \"a-22\", \"name\": \"Tom Girard\", \"queues\": [\"q-fidelite\"]},\n"
  "      {\"id\": \"a-23\", \"name\": \"Clara André\", \"queues\": [\"q-fidelite\"]},\n"
  "      {\"id\": \"a-24\", \"name\": \"Noah Mercier\", \"queues\": [\"q-fidelite\"]}\n"
  "    ]},\n"
  "    {\"id\": \"t-hotline\", \"name\": \"Équipe Hot line\", \"agents\": [\n"
  "      {\"id\": \"a-25\", \"name\": \"Juliette Dupont\", \"queues\": [\"q-support\", {\"queue\": \"q-hotline2\", \"level\": 2}]},\n"
  "      {\"id\": \"a-26\", \"name\": \"Théo Lambert\", \"queues\": [\"q-support\", {\"queue\": \"q-hotline2\", \"level\": 2}]},\n"
  "      {\"id\": \"a-27\", \"name\": \"Louise Bonnet\", \"queues\": [\"q-support\", {\"queue\": \"q-hotline2\", \"level\": 2}]},\n"
  "      {\"id\": \"a-28\", \"name\": \"Maël François\", \"queues\": [\"q-support\", {\"queue\": \"q-hotline2\", \"level\": 2}]},\n"
  "      {\"id\": \"a-29\", \"name\": \"Anna Martinez\", \"queues\": [\"q-support\", {\"queue\": \"q-hotline2\", \"level\": 2}]},\n"
  "      {\"id\": \"a-30\", \"name\": \"Sacha Legrand\", \"queues\": [\"q-support\", {\"queue\": \"q-hotline2\", \"level\": 2}]},\n"
  "      {\"id\": \"a-31\", \"name\": \"Rose Garnier\", \"queues\": [\"q-hotline2\", {\"queue\": \"q-support\", \"level\": 2}]},\n"
  "      {\"id\": \"a-32\", \"name\": \"Léo Faure\", \"queues\": [\"q-hotline2\", {\"queue\": \"q-support\", \"level\": 2}]},\n"
  "      {\"id\": \"a-33\", \"name\": \"Ambre Rousseau\", \"queues\": [\"q-hotline2\", {\"queue\": \"q-support\", \"level\": 2}]},\n"
  "      {\"id\": \"a-34\", \"name\": \"Victor Blanc\", \"queues\": [\"q-hotline2\", {\"queue\": \"q-support\", \"level\": 2}]},\n"
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

char *
_plt_scenario_generated_name (guint n)
{
  /* Two coprime strides over the lists give every pair once before any
   * repeats (55 × 61 = 3 355 names). */
  return g_strdup_printf ("%s %s",
                          first_names[n % G_N_ELEMENTS (first_names)],
                          last_names[(n / G_N_ELEMENTS (first_names) + n * 7) % G_N_ELEMENTS (last_names)]);
}

void
plt_scenario_team_free (gpointer data)
{
  PltScenarioTeam *team = data;

  g_free (team->id);
  g_free (team->name);
  g_free (team);
}

void
plt_scenario_agent_free (gpointer data)
{
  PltScenarioAgent *agent = data;

  g_free (agent->id);
  g_free (agent->name);
  g_clear_pointer (&agent->skills, g_array_unref);
  g_free (agent);
}

void
plt_scenario_queue_free (PltScenarioQueue *queue)
{
  if (queue == NULL)
    return;

  g_free (queue->id);
  g_free (queue->time_zone);
  g_free (queue->name);
  g_free (queue->rates);
  g_clear_pointer (&queue->transfer_to, g_array_unref);
  g_free (queue);
}

void
plt_scenario_pause_free (gpointer data)
{
  PltScenarioPause *pause = data;

  g_free (pause->reason);
  g_free (pause->label);
  g_free (pause);
}

void
plt_scenario_schedule_free (gpointer data)
{
  PltScenarioSchedule *schedule = data;

  g_free (schedule->id);
  g_clear_pointer (&schedule->breaks, g_array_unref);
  g_free (schedule);
}

static void
scenario_clear (gpointer data)
{
  PltScenario *self = data;

  g_free (self->name);
  g_free (self->time_zone);
  g_clear_pointer (&self->teams, g_ptr_array_unref);
  g_clear_pointer (&self->agents, g_ptr_array_unref);
  g_clear_pointer (&self->queues, g_ptr_array_unref);
  g_clear_pointer (&self->pauses, g_ptr_array_unref);
  g_clear_pointer (&self->schedules, g_ptr_array_unref);
}

PltScenario *
plt_scenario_new (void)
{
  PltScenario *self = g_atomic_rc_box_new0 (PltScenario);

  self->teams = g_ptr_array_new_with_free_func (plt_scenario_team_free);
  self->agents = g_ptr_array_new_with_free_func (plt_scenario_agent_free);
  self->queues = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_scenario_queue_free);
  self->pauses = g_ptr_array_new_with_free_func (plt_scenario_pause_free);
  self->schedules = g_ptr_array_new_with_free_func (plt_scenario_schedule_free);
  self->warm_up_minutes = 10;
  self->behaviour = (PltScenarioBehaviour) {
    .answer_min_s = 2,
    .answer_max_s = 7,
    .ring_timeout_s = 18,
    .no_answer_probability = 0.02,
    .rona_autopause = TRUE,
    .missed_pause_mean_s = 60,
    .rona_delay_s = 5,
    .busy_other_per_hour = 0.3,
    .busy_other_mean_s = 150,
    .logout_per_hour = 0.04,
    .logout_mean_minutes = 40,
    .initially_logged_out = 0.06,
    .initially_paused = 0.1,
    .lateness_mean_s = 120,
    .lateness_sd_s = 120,
    .break_overrun_mean_s = 45,
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

void
plt_scenario_set_flat_rate (PltScenarioQueue *queue,
                            double            calls_per_hour)
{
  g_return_if_fail (queue != NULL);

  if (queue->rates == NULL)
    queue->rates = g_new (double, PLT_SCENARIO_INTERVALS);
  for (guint i = 0; i < PLT_SCENARIO_INTERVALS; i++)
    queue->rates[i] = calls_per_hour;
}

double
plt_scenario_queue_mean_rate (const PltScenarioQueue *queue)
{
  double total = 0;

  g_return_val_if_fail (queue != NULL, 0);

  for (guint i = 0; i < PLT_SCENARIO_INTERVALS; i++)
    total += queue->rates[i];

  return total / PLT_SCENARIO_INTERVALS;
}

PltScenarioQueue *
plt_scenario_queue_new (const char    *id,
                        const char    *name,
                        PltQueueMedia  media,
                        double         calls_per_hour)
{
  PltScenarioQueue *queue = g_new0 (PltScenarioQueue, 1);

  queue->id = g_strdup (id);
  queue->name = g_strdup (name);
  queue->media = media;
  queue->priority = PLT_SCENARIO_DEFAULT_PRIORITY;
  queue->sl_threshold_s = 20;
  queue->sl_target = 0.8;
  queue->talk_distribution = PLT_DISTRIBUTION_LOGNORMAL;
  queue->talk_mean_s = 180;
  queue->talk_sd_s = 90;
  queue->wrap_up_mean_s = 30;
  queue->patience_mean_s = media == PLT_QUEUE_MEDIA_INBOUND ? 180 : 0;
  queue->hold_mean_s = 30;
  queue->dial_gap_mean_s = 30;
  queue->answer_probability = media == PLT_QUEUE_MEDIA_CALLBACK ? 0.9 : 0.4;
  queue->overflow_queue = -1;
  queue->overflow_after_s = 120;
  queue->callback_queue = -1;
  queue->callback_after_s = 60;
  queue->transfer_to = g_array_new (FALSE, FALSE, sizeof (guint));
  queue->sl_variant = PLT_SL_ABANDONS_MISSED;
  queue->short_abandon_s = 5;
  queue->day_reset_min = 0;
  plt_scenario_set_flat_rate (queue, media == PLT_QUEUE_MEDIA_OUTBOUND ? 0 : calls_per_hour);

  return queue;
}

PltScenarioQueue *
plt_scenario_queue_copy (const PltScenarioQueue *queue)
{
  PltScenarioQueue *copy;

  g_return_val_if_fail (queue != NULL, NULL);

  copy = g_memdup2 (queue, sizeof *queue);
  copy->id = g_strdup (queue->id);
  copy->name = g_strdup (queue->name);
  copy->rates = g_memdup2 (queue->rates, sizeof (double) * PLT_SCENARIO_INTERVALS);
  copy->transfer_to = g_array_copy (queue->transfer_to);

  return copy;
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

int
plt_scenario_find_team (PltScenario *self,
                        const char  *id)
{
  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (id != NULL, -1);

  for (guint i = 0; i < self->teams->len; i++)
    {
      PltScenarioTeam *team = g_ptr_array_index (self->teams, i);

      if (g_str_equal (team->id, id))
        return (int) i;
    }

  return -1;
}

int
plt_scenario_find_pause (PltScenario *self,
                         const char  *reason)
{
  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (reason != NULL, -1);

  for (guint i = 0; i < self->pauses->len; i++)
    {
      PltScenarioPause *pause = g_ptr_array_index (self->pauses, i);

      if (g_str_equal (pause->reason, reason))
        return (int) i;
    }

  return -1;
}

GTimeZone *
plt_scenario_dup_time_zone (PltScenario *self)
{
  GTimeZone *zone = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->time_zone != NULL)
    zone = g_time_zone_new_identifier (self->time_zone);

  /* The loader checked the name; a zone that vanished since is local. */
  return zone != NULL ? zone : g_time_zone_new_local ();
}

GTimeZone *
plt_scenario_dup_queue_time_zone (PltScenario            *self,
                                  const PltScenarioQueue *queue)
{
  GTimeZone *zone = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (queue != NULL, NULL);

  if (queue->time_zone != NULL)
    zone = g_time_zone_new_identifier (queue->time_zone);

  return zone != NULL ? zone : plt_scenario_dup_time_zone (self);
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
