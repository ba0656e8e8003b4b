/* plt-planning-merge.c — the three-way merge of plannings, per agent-day
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "plt-planning-merge.h"

PltMergeOutcome
plt_planning_merge_day (const PltAgentDay *base,
                        const PltAgentDay *mine,
                        const PltAgentDay *theirs)
{
  gboolean mine_changed = !plt_agent_day_equal (base, mine);
  gboolean theirs_changed = !plt_agent_day_equal (base, theirs);

  if (!mine_changed && !theirs_changed)
    return PLT_MERGE_SAME;
  if (!theirs_changed)
    return PLT_MERGE_MINE;
  if (!mine_changed)
    return PLT_MERGE_THEIRS;
  if (plt_agent_day_equal (mine, theirs))
    return PLT_MERGE_SAME;
  return PLT_MERGE_CONFLICT;
}

static PltAgentDay *
day_or_empty (const PltAgentDay *day,
              const char        *agent,
              const GDate       *date)
{
  return day != NULL ? plt_agent_day_ref ((PltAgentDay *) day) : plt_agent_day_new (agent, date);
}

PltMergeConflict *
plt_merge_conflict_new (const char        *agent,
                        const GDate       *date,
                        const PltAgentDay *base,
                        const PltAgentDay *mine,
                        const PltAgentDay *theirs)
{
  PltMergeConflict *conflict = g_new0 (PltMergeConflict, 1);

  conflict->key = plt_agent_day_key (agent, date);
  conflict->agent = g_strdup (agent);
  conflict->date = *date;
  conflict->base = day_or_empty (base, agent, date);
  conflict->mine = day_or_empty (mine, agent, date);
  conflict->theirs = day_or_empty (theirs, agent, date);
  return conflict;
}

void
plt_merge_conflict_free (PltMergeConflict *conflict)
{
  if (conflict == NULL)
    return;
  g_free (conflict->key);
  g_free (conflict->agent);
  plt_agent_day_unref (conflict->base);
  plt_agent_day_unref (conflict->mine);
  plt_agent_day_unref (conflict->theirs);
  g_free (conflict);
}

void
plt_schedule_put_day_renaming (PltSchedule *schedule,
                               PltAgentDay *day)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PltAgentDay) copy = NULL;
  g_autofree char *key = NULL;

  if (plt_schedule_set_day (schedule, day, &error))
    return;

  /* Some shift id is used elsewhere: rename those shifts. */
  key = plt_agent_day_key (day->agent, &day->date);
  copy = plt_agent_day_copy (day);
  for (guint i = 0; i < copy->shifts->len; i++)
    {
      PltShift *shift = g_ptr_array_index (copy->shifts, i);
      const PltShift *found = NULL;
      PltAgentDay *owner = plt_schedule_find_shift (schedule, shift->id, &found);
      gboolean twice = FALSE;

      for (guint j = 0; j < i; j++)
        if (strcmp (((PltShift *) g_ptr_array_index (copy->shifts, j))->id, shift->id) == 0)
          twice = TRUE;

      if (twice || (owner != NULL && (strcmp (owner->agent, day->agent) != 0 ||
                                      g_date_compare (&owner->date, &day->date) != 0)))
        {
          char *id = plt_schedule_new_shift_id (schedule, "m");

          g_free (shift->id);
          shift->id = id;
        }
    }
  g_clear_error (&error);
  if (!plt_schedule_set_day (schedule, copy, &error))
    g_critical ("merge: cannot put %s: %s", key, error->message);
}

static void
collect_keys (PltSchedule *schedule,
              GHashTable  *keys)
{
  g_autoptr(GPtrArray) days = plt_schedule_list_days (schedule);

  for (guint i = 0; i < days->len; i++)
    {
      PltAgentDay *day = g_ptr_array_index (days, i);

      g_hash_table_add (keys, plt_agent_day_key (day->agent, &day->date));
    }
}

static int
compare_conflicts (gconstpointer a,
                   gconstpointer b)
{
  return strcmp ((*(PltMergeConflict * const *) a)->key, (*(PltMergeConflict * const *) b)->key);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

PltSchedule *
plt_planning_merge (PltSchedule  *base,
                    PltSchedule  *mine,
                    PltSchedule  *theirs,
                    GPtrArray   **conflicts,
                    GStrv        *merged_keys)
{
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) sorted = NULL;
  g_autoptr(GPtrArray) theirs_keys = g_ptr_array_new ();
  PltSchedule *result = plt_schedule_new ();
  GPtrArray *found = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_merge_conflict_free);
  GHashTableIter iter;
  gpointer key;

  collect_keys (base, keys);
  collect_keys (mine, keys);
  collect_keys (theirs, keys);

  sorted = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, keys);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (sorted, key);
  g_ptr_array_sort (sorted, compare_strings);

  /* Days nobody changed and days I changed go in first, then theirs: their
   * ids give way to mine. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < sorted->len; i++)
      {
        g_autofree char *agent = NULL;
        PltAgentDay *b, *m, *t;
        PltMergeOutcome outcome;
        GDate date;

        plt_agent_day_key_parse (g_ptr_array_index (sorted, i), &agent, &date);
        b = plt_schedule_lookup (base, agent, &date);
        m = plt_schedule_lookup (mine, agent, &date);
        t = plt_schedule_lookup (theirs, agent, &date);
        outcome = plt_planning_merge_day (b, m, t);

        if ((outcome == PLT_MERGE_THEIRS) != (pass == 1))
          continue;

        switch (outcome)
          {
          case PLT_MERGE_SAME:
          case PLT_MERGE_MINE:
            if (m != NULL)
              plt_schedule_put_day_renaming (result, m);
            break;
          case PLT_MERGE_THEIRS:
            if (t != NULL)
              plt_schedule_put_day_renaming (result, t);
            g_ptr_array_add (theirs_keys, g_ptr_array_index (sorted, i));
            break;
          case PLT_MERGE_CONFLICT:
          default:
            if (m != NULL)
              plt_schedule_put_day_renaming (result, m);
            g_ptr_array_add (found, plt_merge_conflict_new (agent, &date, b, m, t));
            break;
          }
      }

  g_ptr_array_sort (found, compare_conflicts);
  if (conflicts != NULL)
    *conflicts = found;
  else
    g_ptr_array_unref (found);

  if (merged_keys != NULL)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      g_ptr_array_sort (theirs_keys, compare_strings);
      for (guint i = 0; i < theirs_keys->len; i++)
        g_strv_builder_add (builder, g_ptr_array_index (theirs_keys, i));
      *merged_keys = g_strv_builder_end (builder);
    }
  return result;
}
