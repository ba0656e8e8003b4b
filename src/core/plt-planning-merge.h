/* plt-planning-merge.h — the three-way merge of plannings, per agent-day
 * (docs/planning.md, "Saving and merging")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "plt-planning.h"

G_BEGIN_DECLS

/**
 * PltMergeOutcome:
 * @PLT_MERGE_SAME: mine and theirs agree (changed alike, or not at all)
 * @PLT_MERGE_MINE: only I changed the day: mine is kept
 * @PLT_MERGE_THEIRS: only they changed it: theirs is taken
 * @PLT_MERGE_CONFLICT: both changed it, differently: the user chooses
 */
typedef enum
{
  PLT_MERGE_SAME,
  PLT_MERGE_MINE,
  PLT_MERGE_THEIRS,
  PLT_MERGE_CONFLICT,
} PltMergeOutcome;

typedef enum
{
  PLT_MERGE_KEEP_MINE,
  PLT_MERGE_TAKE_THEIRS,
} PltMergeChoice;

/**
 * PltMergeConflict:
 * @key: the agent-day key ("agent|YYYY-MM-DD")
 * @agent: the agent id
 * @date: the date
 * @base: the day as both sides last agreed (never NULL: an empty day)
 * @mine: the day as I changed it
 * @theirs: the day as they changed it
 *
 * An agent-day both sides changed differently, for the merge dialog.
 */
typedef struct
{
  char        *key;
  char        *agent;
  GDate        date;
  PltAgentDay *base;
  PltAgentDay *mine;
  PltAgentDay *theirs;
} PltMergeConflict;

/* Days may be NULL (an empty day). */
PltMergeOutcome   plt_planning_merge_day    (const PltAgentDay *base,
                                             const PltAgentDay *mine,
                                             const PltAgentDay *theirs);
PltMergeConflict *plt_merge_conflict_new    (const char        *agent,
                                             const GDate       *date,
                                             const PltAgentDay *base,
                                             const PltAgentDay *mine,
                                             const PltAgentDay *theirs);
void              plt_merge_conflict_free   (PltMergeConflict  *conflict);

/* Merges every agent-day of the three schedules. The result holds mine
 * where I alone changed a day, theirs where they alone did, and mine
 * (provisionally) where both did: those are listed in @conflicts (out,
 * element-type PltMergeConflict, sorted by key). @merged_keys (out,
 * nullable) lists the days taken from theirs. A shift id that the merge
 * would use twice is renamed in the copy taken.
 * Returns: (transfer full) */
PltSchedule      *plt_planning_merge        (PltSchedule       *base,
                                             PltSchedule       *mine,
                                             PltSchedule       *theirs,
                                             GPtrArray        **conflicts,
                                             GStrv             *merged_keys);

/* Puts @day in @schedule, renaming (in a copy) the shifts whose ids
 * another agent-day of @schedule already uses. */
void              plt_schedule_put_day_renaming (PltSchedule   *schedule,
                                             PltAgentDay       *day);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PltMergeConflict, plt_merge_conflict_free)

G_END_DECLS
