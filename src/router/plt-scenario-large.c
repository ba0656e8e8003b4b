/* plt-scenario-large.c — the built-in "large" scenario: 10 000 agents and
 * 500 queues, open around the clock, generated
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "plt-scenario-private.h"

/*
 * The floor of a large outsourcer: 50 services (10 lines of business × 5
 * regions), each with 10 queues and 10 teams of 20 agents.
 *
 * Every team mixes shifts (night, morning, day, long day, afternoon,
 * evening), so that each skill is staffed at any hour; the day's breaks and
 * lunches are in the schedules. The arrival rate of each 15-minute interval
 * follows the staffing: the agents scheduled to work, less the usual
 * shrinkage (7 %), loaded at 96 % of their capacity (about 89 % of those
 * scheduled), split between the service's queues. Over a day that gives a
 * service level of 82 to 94 % and 5 to 9 % of abandons, hour by hour.
 * Skills follow the team's trade (sales, support, billing, experts,
 * retention, back office) with seniors at level 1 on their second skill and
 * juniors a level or two lower.
 */

#define N_SERVICES          50
#define QUEUES_PER_SERVICE  10
#define TEAMS_PER_SERVICE   10
#define AGENTS_PER_TEAM     20
#define OCCUPANCY           0.96    /* of the agents scheduled and not on shrinkage */
#define SHRINKAGE           0.93    /* random pauses, internal calls, lateness, misses */

G_STATIC_ASSERT (N_SERVICES * QUEUES_PER_SERVICE == PLT_SCENARIO_LARGE_QUEUES);
G_STATIC_ASSERT (N_SERVICES * TEAMS_PER_SERVICE * AGENTS_PER_TEAM == PLT_SCENARIO_LARGE_AGENTS);

static const char * const domains[] = {
  "Internet", "Mobile", "Énergie", "Banque", "Assurance",
  "Santé", "Transport", "Voyages", "Commerce", "Services publics",
};

static const char * const domain_ids[] = {
  "internet", "mobile", "energie", "banque", "assurance",
  "sante", "transport", "voyages", "commerce", "public",
};

static const char * const regions[] = { "Nord", "Sud", "Est", "Ouest", "Île-de-France" };
static const char * const region_ids[] = { "nord", "sud", "est", "ouest", "idf" };

enum {
  Q_VENTES, Q_SUPPORT, Q_FACTURATION, Q_RESILIATION, Q_PROS, Q_DEPANNAGE,
  Q_NIVEAU2, Q_RAPPELS, Q_COURRIELS, Q_CAMPAGNE,
};

static const struct {
  const char    *id;
  const char    *name;
  PltQueueMedia  media;
  guint          priority;
  double         share;        /* of the service's workload */
  double         talk_s;
  double         wrap_s;
  guint          sl_s;
  double         sl_target;
  double         patience_s;
  double         hold;
} kinds[QUEUES_PER_SERVICE] = {
  [Q_VENTES]      = { "ventes", "Ventes", PLT_QUEUE_MEDIA_INBOUND, 6, 0.20, 270, 25, 20, 0.80, 150, 0.10 },
  [Q_SUPPORT]     = { "support", "Support", PLT_QUEUE_MEDIA_INBOUND, 5, 0.24, 330, 35, 30, 0.80, 240, 0.25 },
  [Q_FACTURATION] = { "facturation", "Facturation", PLT_QUEUE_MEDIA_INBOUND, 4, 0.12, 280, 30, 30, 0.80, 180, 0.15 },
  [Q_RESILIATION] = { "resiliation", "Résiliation", PLT_QUEUE_MEDIA_INBOUND, 6, 0.07, 360, 40, 20, 0.85, 200, 0.20 },
  [Q_PROS]        = { "pros", "Professionnels", PLT_QUEUE_MEDIA_INBOUND, 7, 0.08, 300, 30, 20, 0.90, 120, 0.15 },
  [Q_DEPANNAGE]   = { "depannage", "Dépannage", PLT_QUEUE_MEDIA_INBOUND, 8, 0.06, 420, 45, 30, 0.80, 300, 0.30 },
  [Q_NIVEAU2]     = { "niveau2", "Hot line niveau 2", PLT_QUEUE_MEDIA_INBOUND, 7, 0.05, 540, 60, 60, 0.70, 300, 0.35 },
  [Q_RAPPELS]     = { "rappels", "Rappels", PLT_QUEUE_MEDIA_CALLBACK, 3, 0.04, 240, 30, 900, 0.80, 0, 0.10 },
  [Q_COURRIELS]   = { "courriels", "Courriels", PLT_QUEUE_MEDIA_EMAIL, 2, 0.14, 420, 10, 14400, 0.90, 0, 0 },
  [Q_CAMPAGNE]    = { "campagne", "Campagne", PLT_QUEUE_MEDIA_OUTBOUND, 1, 0, 180, 20, 30, 0.80, 0, 0 },
};

/* The trades of a service's ten teams: each agent's skills, as levels per
 * queue kind (0: not served), for a senior; juniors are a level lower on
 * every skill but the first. */
static const guint8 trades[TEAMS_PER_SERVICE][QUEUES_PER_SERVICE] = {
  /*            ven sup fac res pro dep n2  rap cou cam */
  /* ventes */ { 1,  0,  3,  2,  3,  0,  0,  2,  0,  0 },
  /* ventes */ { 1,  0,  2,  3,  2,  0,  0,  3,  0,  0 },
  /* ventes */ { 1,  3,  3,  2,  0,  0,  0,  2,  0,  0 },
  /* support */{ 0,  1,  2,  0,  0,  2,  3,  0,  3,  0 },
  /* support */{ 0,  1,  3,  0,  3,  2,  0,  3,  2,  0 },
  /* support */{ 3,  1,  2,  0,  0,  1,  3,  0,  3,  0 },
  /* factu. */ { 0,  2,  1,  3,  0,  0,  0,  2,  2,  0 },
  /* experts */{ 0,  2,  0,  0,  1,  2,  1,  0,  3,  0 },
  /* fidél. */ { 2,  0,  0,  1,  0,  0,  0,  3,  0,  1 },
  /* back o. */{ 0,  3,  3,  0,  0,  0,  0,  1,  1,  0 },
};

typedef struct
{
  const char *id;
  const char *start;
  const char *end;
  /* up to three breaks: start "HH:MM", minutes, reason */
  struct { const char *at; guint minutes; const char *reason; } breaks[3];
} ShiftSpec;

static const ShiftSpec shifts[] = {
  { "nuit", "22:00", "06:00", { { "01:00", 20, "break" }, { "04:00", 15, "break" } } },
  { "matin", "06:00", "14:00", { { "09:00", 15, "break" }, { "11:30", 20, "lunch" } } },
  { "jour", "08:00", "16:30", { { "10:15", 15, "break" }, { "12:15", 45, "lunch" }, { "15:00", 10, "break" } } },
  { "journee", "09:00", "18:00", { { "10:45", 15, "break" }, { "13:00", 60, "lunch" }, { "16:00", 15, "break" } } },
  { "apres-midi", "13:00", "21:00", { { "15:30", 15, "break" }, { "18:00", 30, "lunch" } } },
  { "soir", "16:00", "00:00", { { "18:30", 15, "break" }, { "20:30", 30, "lunch" }, { "22:30", 10, "break" } } },
};

/* Of a team's 20 agents: how many work each shift. */
static const guint shift_counts[G_N_ELEMENTS (shifts)] = { 2, 3, 5, 4, 3, 3 };

static guint
clock_minutes (const char *text)
{
  return (guint) ((text[0] - '0') * 10 + (text[1] - '0')) * 60 + (guint) ((text[3] - '0') * 10 + (text[4] - '0'));
}

static void
add_pause (PltScenario *self,
           const char  *reason,
           const char  *label,
           double       per_hour,
           double       mean_minutes,
           gboolean     handles_email)
{
  PltScenarioPause *pause = g_new0 (PltScenarioPause, 1);

  pause->reason = g_strdup (reason);
  pause->label = g_strdup (label);
  pause->per_hour = per_hour;
  pause->mean_minutes = mean_minutes;
  pause->handles_email = handles_email;
  g_ptr_array_add (self->pauses, pause);
}

static void
add_schedules (PltScenario *self)
{
  for (guint s = 0; s < G_N_ELEMENTS (shifts); s++)
    {
      PltScenarioSchedule *schedule = g_new0 (PltScenarioSchedule, 1);
      guint end = clock_minutes (shifts[s].end);

      schedule->id = g_strdup (shifts[s].id);
      schedule->start_minute = clock_minutes (shifts[s].start);
      schedule->end_minute = end > schedule->start_minute ? end : end + 24 * 60;
      schedule->days = 0x7f;
      schedule->breaks = g_array_new (FALSE, FALSE, sizeof (PltScenarioBreak));

      for (guint b = 0; b < G_N_ELEMENTS (shifts[s].breaks) && shifts[s].breaks[b].at != NULL; b++)
        {
          PltScenarioBreak brk;

          brk.at_minute = clock_minutes (shifts[s].breaks[b].at);
          if (brk.at_minute < schedule->start_minute)
            brk.at_minute += 24 * 60;
          brk.minutes = shifts[s].breaks[b].minutes;
          brk.pause = (guint) plt_scenario_find_pause (self, shifts[s].breaks[b].reason);
          g_array_append_val (schedule->breaks, brk);
        }

      g_ptr_array_add (self->schedules, schedule);
    }
}

/* How many of a team's agents work (on shift, not on a scheduled break) in
 * each 15-minute interval of the day. */
static void
team_coverage (PltScenario *self,
               double      *coverage)
{
  memset (coverage, 0, sizeof (double) * PLT_SCENARIO_INTERVALS);

  for (guint s = 0; s < self->schedules->len; s++)
    {
      PltScenarioSchedule *schedule = g_ptr_array_index (self->schedules, s);

      for (guint m = schedule->start_minute; m < schedule->end_minute; m += 15)
        {
          double working = shift_counts[s];

          for (guint b = 0; b < schedule->breaks->len; b++)
            {
              PltScenarioBreak *brk = &g_array_index (schedule->breaks, PltScenarioBreak, b);
              guint overlap_start = MAX (m, brk->at_minute);
              guint overlap_end = MIN (m + 15, brk->at_minute + brk->minutes);

              if (overlap_end > overlap_start)
                working -= shift_counts[s] * (overlap_end - overlap_start) / 15.0;
            }

          coverage[(m / 15) % PLT_SCENARIO_INTERVALS] += working;
        }
    }
}

PltScenario *
plt_scenario_new_large (void)
{
  PltScenario *self = plt_scenario_new ();
  double coverage[PLT_SCENARIO_INTERVALS];
  double handle_s = 0;
  guint shift_of[AGENTS_PER_TEAM];
  GRand *rand = g_rand_new_with_seed (20260521);

  self->name = g_strdup ("large");
  self->warm_up_minutes = 5;
  self->behaviour.logout_per_hour = 0;
  self->behaviour.initially_logged_out = 0;
  self->behaviour.initially_paused = 0.05;

  /* Breaks and lunches come from the schedules; the others at random. */
  add_pause (self, "break", "Pause", 0, 12, FALSE);
  add_pause (self, "lunch", "Déjeuner", 0, 40, FALSE);
  add_pause (self, "training", "Formation", 0.02, 45, FALSE);
  add_pause (self, "meeting", "Réunion", 0.03, 25, FALSE);
  add_pause (self, "back_office", "Back office", 0.1, 12, TRUE);
  add_schedules (self);
  team_coverage (self, coverage);

  for (guint k = 0, a = 0; k < G_N_ELEMENTS (shift_counts); k++)
    for (guint n = 0; n < shift_counts[k]; n++)
      shift_of[a++] = k;

  /* The mean handling time of a contact, by the workload shares. */
  for (guint k = 0; k < QUEUES_PER_SERVICE; k++)
    handle_s += kinds[k].share * (kinds[k].talk_s + kinds[k].wrap_s + kinds[k].hold * 40);

  for (guint s = 0; s < N_SERVICES; s++)
    {
      const char *domain = domains[s % G_N_ELEMENTS (domains)];
      const char *region = regions[s / G_N_ELEMENTS (domains)];
      g_autofree char *prefix = g_strdup_printf ("%s-%s", domain_ids[s % G_N_ELEMENTS (domains)],
                                                 region_ids[s / G_N_ELEMENTS (domains)]);
      guint first_queue = self->queues->len;
      /* Services differ by up to ±10 % in load. */
      double load = 0.9 + 0.2 * g_rand_double (rand);

      for (guint k = 0; k < QUEUES_PER_SERVICE; k++)
        {
          g_autofree char *id = g_strdup_printf ("q-%s-%s", prefix, kinds[k].id);
          g_autofree char *name = g_strdup_printf ("%s %s — %s", domain, region, kinds[k].name);
          PltScenarioQueue *queue = plt_scenario_queue_new (id, name, kinds[k].media, 0);

          queue->priority = kinds[k].priority;
          queue->sl_threshold_s = kinds[k].sl_s;
          queue->sl_target = kinds[k].sl_target;
          queue->talk_mean_s = kinds[k].talk_s;
          queue->talk_sd_s = kinds[k].talk_s / 2;
          queue->wrap_up_mean_s = kinds[k].wrap_s;
          queue->patience_mean_s = kinds[k].patience_s;
          queue->hold_probability = kinds[k].hold;
          queue->hold_mean_s = 40;
          queue->dial_gap_mean_s = 25;
          queue->answer_probability = kinds[k].media == PLT_QUEUE_MEDIA_CALLBACK ? 0.85 : 0.35;

          /* Contacts per hour: occupancy × agents at work × shrinkage / handle
           * time, for the share of the service's agents. */
          for (guint i = 0; i < PLT_SCENARIO_INTERVALS && kinds[k].media != PLT_QUEUE_MEDIA_OUTBOUND; i++)
            queue->rates[i] = load * OCCUPANCY * SHRINKAGE * coverage[i] * TEAMS_PER_SERVICE *
                              kinds[k].share * 3600.0 / handle_s;

          g_ptr_array_add (self->queues, queue);
        }

      /* Waiting callers may ask for a callback; some calls are passed on. */
      for (guint k = 0; k < QUEUES_PER_SERVICE; k++)
        {
          PltScenarioQueue *queue = g_ptr_array_index (self->queues, first_queue + k);
          guint target;

          switch (k)
            {
            case Q_VENTES:
            case Q_SUPPORT:
            case Q_FACTURATION:
              queue->callback_queue = (int) (first_queue + Q_RAPPELS);
              queue->callback_after_s = 90;
              queue->callback_probability = 0.2;
              queue->transfer_probability = 0.04;
              target = first_queue + (k == Q_SUPPORT ? Q_NIVEAU2 : k == Q_VENTES ? Q_FACTURATION : Q_SUPPORT);
              g_array_append_val (queue->transfer_to, target);
              break;

            case Q_DEPANNAGE:
              queue->overflow_queue = (int) (first_queue + Q_SUPPORT);
              queue->overflow_after_s = 120;
              break;

            case Q_NIVEAU2:
              queue->overflow_queue = (int) (first_queue + Q_SUPPORT);
              queue->overflow_after_s = 240;
              break;

            default:
              break;
            }
        }

      for (guint t = 0; t < TEAMS_PER_SERVICE; t++)
        {
          PltScenarioTeam *team = g_new0 (PltScenarioTeam, 1);
          guint team_index = self->teams->len;

          team->id = g_strdup_printf ("t-%s-%02u", prefix, t + 1);
          team->name = g_strdup_printf ("%s %s — Équipe %u", domain, region, t + 1);
          team->schedule = -1;
          g_ptr_array_add (self->teams, team);

          for (guint n = 0; n < AGENTS_PER_TEAM; n++)
            {
              PltScenarioAgent *agent = g_new0 (PltScenarioAgent, 1);
              /* A third are juniors; one in ten lacks the team's weakest skill. */
              gboolean junior = g_rand_int_range (rand, 0, 3) == 0;
              gboolean narrow = g_rand_int_range (rand, 0, 10) == 0;
              guint weakest = 0, first = QUEUES_PER_SERVICE;

              agent->id = g_strdup_printf ("a-%05u", self->agents->len + 1);
              agent->name = _plt_scenario_generated_name (self->agents->len);
              agent->team = team_index;
              agent->skills = g_array_new (FALSE, FALSE, sizeof (PltScenarioSkill));
              /* Staggered: the team's shifts go round the service's teams. */
              agent->schedule = (int) shift_of[(n + t * 3) % AGENTS_PER_TEAM];

              for (guint k = 0; k < QUEUES_PER_SERVICE; k++)
                if (trades[t][k] > weakest)
                  weakest = trades[t][k];
              for (guint k = 0; k < QUEUES_PER_SERVICE; k++)
                if (trades[t][k] == 1 && first == QUEUES_PER_SERVICE)
                  first = k;

              /* The main skill first, then the others in queue order. */
              for (guint pass = 0; pass < 2; pass++)
                for (guint k = 0; k < QUEUES_PER_SERVICE; k++)
                  {
                    PltScenarioSkill skill;
                    guint level = trades[t][k];

                    if (level == 0 || (pass == 0) != (k == first))
                      continue;
                    if (narrow && level == weakest && k != first)
                      continue;
                    if (junior && k != first)
                      level = MIN (level + 1 + (guint) g_rand_int_range (rand, 0, 2), PLT_SCENARIO_MAX_LEVEL);
                    else if (!junior && k != first && level > 1 && g_rand_int_range (rand, 0, 4) == 0)
                      level--;

                    skill.queue = first_queue + k;
                    skill.level = level;
                    g_array_append_val (agent->skills, skill);
                  }

              g_ptr_array_add (self->agents, agent);
            }
        }
    }

  g_rand_free (rand);

  return self;
}
